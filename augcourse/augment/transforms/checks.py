"""Validators for transform options: each returns the clean value or raises naming the option.

Example:
    >>> check_pair("brightness_range", [0.5, 1.5], low=0, high=100)
    (0.5, 1.5)
"""

import math
import numbers

import numpy as np

from augcourse._checks import check_number, fail, is_real
from augcourse.language import tr

# Upper bounds that keep every result finite in float32 (larger values have no visual meaning:
# a zoom factor of 100 already shrinks an image to a dot, a brightness factor of 100 makes it white).
MAX_SHIFT_PIXELS = 10**6
MAX_FACTOR = 100.0
MIN_ZOOM = 1 / MAX_FACTOR


def check_bool(name, value):
    """``value`` as a bool; anything but True/False is refused."""
    if not isinstance(value, (bool, np.bool_)):
        fail(name, value, tr("True or False"), TypeError)
    return bool(value)


def check_shift(name, value):
    """A shift range: a fraction below 1, pixels from 1 up (an int: whole pixels)."""
    number = check_number(name, value, low=0, high=MAX_SHIFT_PIXELS)
    return int(value) if isinstance(value, numbers.Integral) and number >= 1 else number


def _is_number(value):
    return is_real(value) and math.isfinite(value)


def check_pair(name, value, *, low, high, low_inclusive=True, allow_none=False, example="(0.5, 1.5)"):
    """A (low, high) pair of finite numbers with ``low <= a <= b <= high`` (``low < a`` if not inclusive)."""
    if value is None and allow_none:
        return None
    above = (lambda a: a >= low) if low_inclusive else (lambda a: a > low)
    ok = (isinstance(value, (tuple, list)) and len(value) == 2 and all(map(_is_number, value))
          and above(value[0]) and value[0] <= value[1] <= high)
    if not ok:
        values = dict(low=low, op="<=" if low_inclusive else "<", high=high, example=example)
        fail(name, value, tr("None or a (low, high) pair of finite numbers with {low} {op} low <= high <= {high:g}, "
                             "such as {example}", **values) if allow_none else
             tr("a (low, high) pair of finite numbers with {low} {op} low <= high <= {high:g}, such as {example}",
                **values))
    return (float(value[0]), float(value[1]))


def check_zoom(value):
    """IDG's zoom_range: z in [0, 0.99] for [1 - z, 1 + z], or a (low, high) pair of factors in [0.01, 100].

    A factor below 0.01 (a 100-fold enlargement, one pixel spread over a 100 x 100 block) has no use, and its
    reciprocal, which Albumentations' scale and the matrices take, overflows for the tiniest ones.
    """
    if is_real(value):
        if not 0 <= value <= 1 - MIN_ZOOM:
            fail("zoom_range", value, tr("a number z in [0, {top:g}] meaning [1 - z, 1 + z], or a (low, high) "
                                         "pair of finite numbers with {low:g} <= low <= high <= {high:g}",
                                         top=1 - MIN_ZOOM, low=MIN_ZOOM, high=MAX_FACTOR))
        return (1.0 - float(value), 1.0 + float(value))
    return check_pair("zoom_range", value, low=MIN_ZOOM, high=MAX_FACTOR, example="(0.8, 1.2)")
