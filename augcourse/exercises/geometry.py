"""Self-checks for the geometry lessons' typed answers: 04 shift and fill modes, 05 rotation and zoom,
06 shear (their multiple-choice questions live in ``geometry_questions``).

Each ``check_...(answer)`` returns a ``Result``: a clear pass, or a hint that points at the cell whose
output holds the answer. A placeholder (``...`` or ``None``) gets a reminder to fill it in. Every
equivalent way of writing a right answer passes: words in any case and with any separators ("up-down",
"Vertical axis"), True/False as a bool, a 0/1 or a word ("no"), numbers as numbers or as text. Whatever
else is typed (a list, a dict, NaN, a huge number) gets a hint, never an exception.

Example:
    >>> from augcourse.exercises.geometry import check_zoom_keeps_aspect
    >>> check_zoom_keeps_aspect("no")
    Right: zx and zy are drawn independently, so a circle comes out as an ellipse in most images.
"""

import decimal
import math
import numbers
import re

import numpy as np

from augcourse.exercises import unanswered, verdict
from augcourse.language import N_, tr

_FILL_IN = N_("replace the `...` with your answer, then run the cell again.")
_LONGEST_TEXT = 200              # characters of a text answer that are read; a longer one is no answer


def _placeholder():
    return verdict(False, "", tr(_FILL_IN))


def _words(answer):
    """A text answer as a tuple of lower-case words, punctuation and separators dropped; None if no text."""
    if not isinstance(answer, str) or len(answer) > _LONGEST_TEXT:
        return None
    return tuple(re.findall(r"[a-z0-9]+", answer.lower()))


def _as_number(answer):
    """A finite float from a number, a NumPy scalar or 0-d array, or a numeric string; None otherwise."""
    if isinstance(answer, (bool, np.bool_)):
        return None
    if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf":
        answer = answer.item()
    try:
        if isinstance(answer, (numbers.Real, decimal.Decimal)):
            value = float(answer)
        elif isinstance(answer, str) and len(answer) <= _LONGEST_TEXT:
            value = float(answer.strip())
        else:
            return None
    except (ArithmeticError, TypeError, ValueError):                # 10**400, Decimal("sNaN"), "abc"
        return None
    return value if math.isfinite(value) else None


_TRUE_WORDS = {("true",), ("yes",), ("y",), ("t",), ("1",)}
_FALSE_WORDS = {("false",), ("no",), ("n",), ("f",), ("0",)}


def _as_bool(answer):
    """True or False from a bool, a number equal to 1 or 0, or a word ("yes", "No.", "false"); else None.

    A sentence counts by its first word when that is yes/no/true/false ("No, they differ" is False).
    """
    if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "biuf":
        answer = answer.item()
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    number = _as_number(answer) if not isinstance(answer, str) else None
    if number is not None:
        return {1.0: True, 0.0: False}.get(number)
    words = _words(answer)
    if not words:
        return None
    if words in _TRUE_WORDS or words[0] in ("yes", "true"):
        return True
    if words in _FALSE_WORDS or words[0] in ("no", "false"):
        return False
    return None


# ------------------------------------------------- 04 shift and fill modes

_FILLER = {"the", "a", "an", "along", "direction", "directions", "it", "its", "moves", "move", "moved", "in",
           "on", "of", "is", "wise", "to", "and", "or", "only", "content", "image", "shift", "shifts", "shifted",
           "dimension", "way", "ways", "axis", "axes"}
_VERTICAL = {"vertical", "vertically", "up", "down", "top", "bottom", "rows", "row", "y", "height"}
_HORIZONTAL = {"horizontal", "horizontally", "left", "right", "columns", "column", "cols", "col", "x", "width",
               "sideways", "side"}


def _axis(answer):
    """"vertical", "horizontal" or None: what an answer in words says ("along the rows", "Up-down", "axis 0").

    Every meaningful word must point the same way; "0" and "1" count only as "axis 0" / "axis 1".
    """
    words = _words(answer)
    if not words:
        return None
    axis_numbers = {"0": "vertical", "1": "horizontal"} if "axis" in words or "axes" in words else {}
    meant = {axis_numbers.get(w) or ("vertical" if w in _VERTICAL else "horizontal" if w in _HORIZONTAL else w)
             for w in words if w not in _FILLER}
    return meant.pop() if len(meant) == 1 and meant <= {"vertical", "horizontal"} else None


def check_shift_axis(answer):
    """Lesson 04. Along which axis does ``ImageDataGenerator(width_shift_range=0.2)`` move the
    content of a 100×100 image? Expected: vertical, in any words ("vertically", "up-down", "rows",
    "the vertical axis", "axis 0").
    """
    if unanswered(answer):
        return _placeholder()
    axis = _axis(answer)
    if axis == "horizontal":
        return verdict(False, "", tr("That is what the name promises, but not what IDG does. Look where the marker "
                                     "pixel went in section 4."))
    return verdict(
        axis == "vertical",
        tr("Right: IDG swaps the axes; width_shift_range moves the content up and down, along the rows."),
        tr("Answer in words, 'horizontal' or 'vertical'. Do not trust the name: look where the marker pixel went "
           "in section 4."))


def _as_row(answer, n):
    """``answer`` as n floats: a list, tuple or array of numbers, or a string of n numbers; else None."""
    if isinstance(answer, str):
        if len(answer) > _LONGEST_TEXT:
            return None
        answer = re.findall(r"-?\d+(?:\.\d+)?", answer)
    if isinstance(answer, (list, tuple)):
        if len(answer) != n:
            return None
        answer = [_as_number(v) for v in answer]
        return None if None in answer else answer
    if isinstance(answer, np.ndarray) and answer.size == n and answer.dtype.kind in "iuf":
        return [float(v) for v in answer.ravel()]
    return None


def check_true_wrap(answer):
    """Lesson 04. The row ``[0, 1, 2, 3, 4, 5, 6, 7]`` is shifted 2 pixels to the left with a
    *true* circular shift (what ``np.roll`` does). What is the row afterwards? Expected:
    ``[2, 3, 4, 5, 6, 7, 0, 1]`` (a list, tuple, array or a string of the 8 numbers).
    """
    if unanswered(answer):
        return _placeholder()
    values = _as_row(answer, 8)
    expected = [2, 3, 4, 5, 6, 7, 0, 1]
    hint = tr("Give the 8 values as a list, e.g. [a, b, ...]. What leaves on the left comes back on the right, in order.")
    if values == [2, 3, 4, 5, 6, 7, 1, 2]:
        hint = tr("That is IDG's 'wrap' (period n-1), not a true circular shift: the 0 is lost. Try np.roll.")
    elif values is not None and sorted(values) != list(range(8)):
        hint = tr("A circular shift loses no value and repeats none: the 8 values 0 to 7 must all still be there.")
    return verdict(values == expected,
                   tr("Right: nothing is lost; the 0 and 1 that left on the left come back on the right."), hint)


# ---------------------------------------------------------------- 05 rotation and zoom

def check_zoom_keeps_aspect(answer):
    """Lesson 05. Photos of coins (circles) go through ``ImageDataGenerator(zoom_range=0.2)``: is every
    output still a circle? Expected: False, as a bool, 0 or a word ("False", "no"): zx and zy are drawn
    independently.
    """
    if unanswered(answer):
        return _placeholder()
    value = _as_bool(answer)
    if value is None:
        return verdict(False, "", tr("Answer True or False (yes or no are fine too)."))
    return verdict(
        value is False,
        tr("Right: zx and zy are drawn independently, so a circle comes out as an ellipse in most images."),
        tr("Look at the printed (zx, zy) pairs in section 3: are the two factors equal?"))


# ---------------------------------------------------------------- 06 shear

_SHEAR = 45                                    # the angle the exercise asks about, in degrees
_STRETCH = 1 / math.cos(math.radians(_SHEAR))  # sqrt(2): the expected answer
_ROOT_TWO = {("sqrt", "2"), ("np", "sqrt", "2"), ("math", "sqrt", "2"), ("2", "0", "5"), ("2", "5")}


def check_shear_stretch(answer):
    """Lesson 06. Predict: by what factor does IDG's ``shear=45`` stretch the image vertically?
    Expected: 1/cos(45°) = √2 ≈ 1.414, within 0.015 (a number, numeric text or "sqrt(2)").
    """
    if unanswered(answer):
        return _placeholder()
    value = _as_number(answer)
    if isinstance(answer, str) and (_words(answer) in _ROOT_TWO or answer.strip() in ("√2", "√(2)")):
        value = math.sqrt(2)

    def near(target, tol=0.015):
        return value is not None and abs(value - target) <= tol

    hint = (tr("Give a number: new height / old height. Section 4 found the rule at 30°; apply it to 45°, then "
               "measure it with horizontal_lines on the test pattern."))
    if near(math.cos(math.radians(_SHEAR))):
        hint = (tr("cos(45°) is the factor in the matrix, which maps output to input; the image itself grows by its "
                   "inverse."))
    elif near(1 / math.cos(math.radians(30))):
        hint = tr("That is the stretch at 30°. The angle here is 45°: apply the same rule.")
    elif near(1.0) or near(math.tan(math.radians(_SHEAR))):
        hint = tr("A pure shear would give 1, but IDG's matrix has a cos(s) in its row row (section 2).")
    return verdict(near(_STRETCH),
                   tr("Right: 1/cos(45°) = √2 ≈ 1.414: at 45° IDG's shear makes the picture 41 % taller."), hint)
