"""Argument checks that fail early with a message naming the parameter, the value received and what is allowed.

Example:
    >>> check_choice("fill_mode", "nearst", ("nearest", "reflect", "wrap", "constant"))
    Traceback (most recent call last):
    ...
    ValueError: fill_mode must be one of 'nearest', 'reflect', 'wrap', 'constant'; got 'nearst'.
    >>> check_number("cval", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: cval must be a finite number; got nan.
"""

import math
import numbers

import numpy as np

from augcourse.language import tr

SEED_MAX = 2**63 - 1
# A narrower seed width, 0..2**31 - 1 (a non-negative int32), where a seed must also suit 32-bit
# tools: the upper bound of the widgets' seed box (an ipywidgets BoundedIntText), and the mask on
# the per-batch seeds that tf.data draws as int64 for ``Augment.to_dataset`` (and on its fresh seeds).
INT32_SEED_MAX = 2**31 - 1
# The largest pixel value (and fill value or rescale factor) the course accepts: far above 16-bit
# images (65535), far enough below float32's limit that no augmentation step overflows.
PIXEL_LIMIT = 1e6


def fail(name, value, allowed, error=ValueError):
    """Raise ``error`` saying that parameter ``name`` got ``value`` but ``allowed`` holds."""
    raise error(tr("{name} must be {allowed}; got {value!r}.", name=name, allowed=allowed, value=value))


def is_real(value):
    """True for an int or float (NumPy's included), False for bools and everything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ValueError."""
    if value not in choices:
        fail(name, value, tr("one of {choices}", choices=", ".join(repr(c) for c in choices)))
    return value


def check_number(name, value, *, low=None, high=None, low_inclusive=True, high_inclusive=True):
    """Return ``value`` as a float if it is a finite real number within the bounds, else raise.

    NaN and infinities are refused: no option of the course means anything with them.
    """
    if not is_real(value):
        fail(name, value, tr("a number"), TypeError)
    value = float(value)
    lo_ok = low is None or (value >= low if low_inclusive else value > low)
    hi_ok = high is None or (value <= high if high_inclusive else value < high)
    if not (math.isfinite(value) and lo_ok and hi_ok):
        lo = "" if low is None else f"{'>=' if low_inclusive else '>'} {low}"
        hi = "" if high is None else f"{'<=' if high_inclusive else '<'} {high}"
        if lo and hi:
            allowed = tr("a finite number {low} and {high}", low=lo, high=hi)
        elif lo or hi:
            allowed = tr("a finite number {bound}", bound=lo or hi)
        else:
            allowed = tr("a finite number")
        fail(name, value, allowed)
    return value


def check_int(name, value, *, low=None):
    """Return ``value`` as an int if it is an integer >= ``low``, else raise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        fail(name, value, tr("an integer"), TypeError)
    if low is not None and value < low:
        fail(name, value, tr("an integer >= {low}", low=low))
    return int(value)


def check_seed(name, seed, *, allow_none=True):
    """Return ``seed`` if it is None, an integer in 0..2**63-1, or a non-empty list/tuple of them."""
    allowed = (tr("None, an integer from 0 to 2**63 - 1, or a list of such integers") if allow_none
               else tr("an integer from 0 to 2**63 - 1, or a list of such integers"))
    if seed is None and allow_none:
        return None
    values = list(seed) if isinstance(seed, (list, tuple)) and seed else [seed]
    for value in values:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            fail(name, seed, allowed, TypeError)
        if not 0 <= value <= SEED_MAX:
            fail(name, seed, allowed)
    return [int(v) for v in values] if isinstance(seed, (list, tuple)) else int(seed)


def check_image_shape(name, shape, *, ranks=(4,), channels=(1, 3)):
    """Check a shape's rank, channel count and size (None allowed for unknown sizes other than channels).

    Shapes: rank 4 means (N, H, W, C); rank 3 means (H, W, C).
    """
    shape = tuple(shape)
    shaped = tr("{name} (shape {shape})", name=name, shape=shape)
    if len(shape) not in ranks:
        want = tr(" or ").join(tr("rank {rank} ({axes})", rank=r, axes="N, H, W, C" if r == 4 else "H, W, C")
                               for r in ranks)
        fail(shaped, tr("rank {rank}", rank=len(shape)), tr("an array of {ranks}", ranks=want))
    if shape[-1] not in channels:
        fail(shaped, tr("{count} channels", count=shape[-1]),
             tr("channels-last images with {counts} channels", counts=_either(channels)))
    height, width = shape[-3], shape[-2]
    if any(side is not None and side < 1 for side in (height, width)):
        fail(shaped, tr("{height}x{width} pixels", height=height, width=width),
             tr("images at least 1 pixel high and wide"))
    return shape


def check_size(name, size, allowed=None):
    """``size`` as an ``(height, width)`` pair of Python ints, else ValueError naming ``name``.

    ``allowed``: what the message says is allowed (default: "a (height, width) pair of positive integers").

    Example:
        >>> check_size("size", (32, 48))
        (32, 48)
    """
    ok = (isinstance(size, (tuple, list)) and len(size) == 2
          and all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s > 0 for s in size))
    if not ok:
        fail(name, size, tr("a (height, width) pair of positive integers") if allowed is None else allowed)
    return int(size[0]), int(size[1])


def _either(values):
    """``(1, 3, 4)`` as "1, 3 or 4"."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else tr("{first} or {last}", first=", ".join(words[:-1]), last=words[-1])


def check_images(name, images, *, ranks=(4,), channels=(1, 3)):
    """Return ``images`` as an array after checking its rank, channel count, dtype and finite, bounded values.

    Float images with NaN or infinite pixels are refused: one such pixel would spread through the
    per-image bounds that brightness and channel shift use.
    """
    arr = np.asarray(images)
    if arr.dtype.kind not in "uif":
        fail(f"{name}.dtype", arr.dtype, tr("an unsigned, signed integer or float dtype"), TypeError)
    check_image_shape(name, arr.shape, ranks=ranks, channels=channels)
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        fail(tr("{name} (shape {shape})", name=name, shape=arr.shape),
             tr("{count} NaN or infinite pixel values", count=bad),
             tr("finite pixel values (replace them first, e.g. np.nan_to_num(images))"))
    if arr.dtype.kind == "f" and arr.size and np.abs(arr).max() > PIXEL_LIMIT:
        fail(tr("{name} (shape {shape})", name=name, shape=arr.shape),
             tr("a pixel value of {value:g}", value=float(np.abs(arr).max())),
             tr("pixel values within +-{limit:g} (images are usually 0..255 or 0..1)", limit=PIXEL_LIMIT))
    return arr
