"""Argument checks that fail early with a message naming the parameter,
the value received and what is allowed.

Example:
    >>> check_choice("fill_mode", "nearst", ("nearest", "reflect", "wrap", "constant"))
    Traceback (most recent call last):
    ...
    ValueError: fill_mode must be one of 'nearest', 'reflect', 'wrap', 'constant'; got 'nearst'.
"""

import numbers


def fail(name, value, allowed, error=ValueError):
    """Raise ``error`` saying that parameter ``name`` got ``value`` but ``allowed`` holds."""
    raise error(f"{name} must be {allowed}; got {value!r}.")


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ValueError."""
    if value not in choices:
        fail(name, value, "one of " + ", ".join(repr(c) for c in choices))
    return value


def check_number(name, value, *, low=None, high=None, low_inclusive=True, high_inclusive=True):
    """Return ``value`` as a float if it is a real number within the bounds, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        fail(name, value, "a number", TypeError)
    value = float(value)
    lo_ok = low is None or (value >= low if low_inclusive else value > low)
    hi_ok = high is None or (value <= high if high_inclusive else value < high)
    if not (lo_ok and hi_ok):
        lo = "" if low is None else f"{'>=' if low_inclusive else '>'} {low}"
        hi = "" if high is None else f"{'<=' if high_inclusive else '<'} {high}"
        fail(name, value, "a number " + " and ".join(s for s in (lo, hi) if s))
    return value


def check_int(name, value, *, low=None):
    """Return ``value`` as an int if it is an integer >= ``low``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        fail(name, value, "an integer", TypeError)
    if low is not None and value < low:
        fail(name, value, f"an integer >= {low}")
    return int(value)


def check_images(name, images, *, ranks=(4,), channels=(1, 3)):
    """Return ``images`` as an array after checking its rank and channel count.

    Shapes: rank 4 means (N, H, W, C); rank 3 means (H, W, C).
    """
    import numpy as np

    arr = np.asarray(images)
    if arr.ndim not in ranks:
        want = " or ".join(f"rank {r} ({'N, H, W, C' if r == 4 else 'H, W, C'})" for r in ranks)
        fail(f"{name} (shape {arr.shape})", f"rank {arr.ndim}", f"an array of {want}")
    if arr.shape[-1] not in channels:
        fail(f"{name} (shape {arr.shape})", f"{arr.shape[-1]} channels",
             "channels-last images with " + " or ".join(str(c) for c in channels) + " channels")
    if arr.dtype.kind not in "uif":
        fail(f"{name}.dtype", arr.dtype, "an unsigned, signed integer or float dtype", TypeError)
    return arr
