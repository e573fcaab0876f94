"""Self-checks for the geometry lessons: 03 flip, 04 shift and fill modes,
05 rotation and zoom, 06 shear.

Each ``check_...(answer)`` returns a ``Result``: a clear pass, or a hint that
points at the cell whose output holds the answer. A placeholder (``...`` or
``None``) gets a reminder to fill it in. Strings are compared without regard
to case or surrounding spaces.

Example:
    >>> from augcourse.exercises.geometry import check_six_to_nine
    >>> check_six_to_nine("both")
    Right: both flips together are a 180° rotation, and a 6 turned by 180° is a 9.
"""

import math
import numbers

from augcourse.exercises import answer_words, unanswered, verdict

_FILL_IN = "replace the `...` with your answer, then run the cell again."


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)




def _close(value, target, tol):
    return _is_number(value) and math.isfinite(float(value)) and abs(float(value) - target) <= tol


def _placeholder():
    return verdict(False, "", _FILL_IN)


# ---------------------------------------------------------------- 03 flip

def check_randomflip_mode(answer):
    """Lesson 03. Which ``keras.layers.RandomFlip`` mode gives only 2 outcomes although it
    names two flips? Expected: ``"horizontal_and_vertical"``.
    """
    if unanswered(answer):
        return _placeholder()
    return verdict(
        answer_words(answer) == "horizontal and vertical",
        "Right: one coin per image, so it is either unchanged or rotated by 180°.",
        "Give the mode as a string, as you would pass it to RandomFlip. Modes: 'horizontal', 'vertical', "
        "'horizontal_and_vertical'. Which one was counted in section 5?")


def check_six_to_nine(answer):
    """Lesson 03. Which IDG flip outcome turns a "6" into a proper "9": ``"none"``,
    ``"horizontal"``, ``"vertical"`` or ``"both"``? Expected: ``"both"`` (a 180° rotation).
    """
    if unanswered(answer):
        return _placeholder()
    return verdict(
        answer_words(answer) in ("both", "both flips", "horizontal and vertical", "horizontal + vertical"),
        "Right: both flips together are a 180° rotation, and a 6 turned by 180° is a 9.",
        "Answer 'none', 'horizontal', 'vertical' or 'both'. A single flip gives a mirror image; "
        "look at the four pictures of the 6 in section 3.")


# ------------------------------------------------- 04 shift and fill modes

def check_shift_axis(answer):
    """Lesson 04. Along which axis does ``ImageDataGenerator(width_shift_range=0.2)`` move the
    content of a 100×100 image: ``"horizontal"`` or ``"vertical"``? Expected: ``"vertical"``.
    """
    if unanswered(answer):
        return _placeholder()
    text = answer_words(answer)
    return verdict(
        text in ("vertical", "vertically", "up and down"),
        "Right: IDG swaps the axes; width_shift_range moves rows, i.e. vertically.",
        "Answer 'horizontal' or 'vertical'. Do not trust the name: look where the marker pixel went "
        "in section 4." if text != "horizontal" else
        "That is what the name promises, but not what IDG does. Look where the marker pixel went in section 4.")


def check_true_wrap(answer):
    """Lesson 04. The row ``[0, 1, 2, 3, 4, 5, 6, 7]`` is shifted 2 pixels to the left with a
    *true* circular shift (what ``np.roll`` does). What is the row afterwards? Expected:
    ``[2, 3, 4, 5, 6, 7, 0, 1]`` (a list, tuple or array).
    """
    if unanswered(answer):
        return _placeholder()
    try:
        values = [float(v) for v in list(answer)]
    except (TypeError, ValueError):
        values = None
    expected = [2, 3, 4, 5, 6, 7, 0, 1]
    hint = "Give the 8 values as a list, e.g. [a, b, ...]. What leaves on the left comes back on the right, in order."
    if values == [2, 3, 4, 5, 6, 7, 1, 2]:
        hint = "That is IDG's 'wrap' (period n-1), not a true circular shift: the 0 is lost. Try np.roll."
    return verdict(values == expected,
                   "Right: nothing is lost; the 0 and 1 that left on the left come back on the right.", hint)


# ---------------------------------------------------------------- 05 rotation and zoom

def check_zoom_enlarges(answer):
    """Lesson 05. Which IDG zoom factor doubles the size of the content: 0.5 or 2.0?
    Expected: 0.5.
    """
    if unanswered(answer):
        return _placeholder()
    hint = "Answer 0.5 or 2.0. Look at the white square and the two zoomed faces in section 2: which one is bigger?"
    if _close(answer, 2.0, 1e-9):
        hint = "A factor above 1 makes IDG look at a bigger area, so the content shrinks. Try the other one."
    return verdict(_close(answer, 0.5, 1e-9),
                   "Right: IDG's factor scales the area it samples; half the area, twice the size.", hint)


def check_zoom_keeps_aspect(answer):
    """Lesson 05. Does ``ImageDataGenerator(zoom_range=0.2)`` keep the aspect ratio of the
    content? Expected: ``False`` (zx and zy are drawn independently).
    """
    if unanswered(answer):
        return _placeholder()
    return verdict(
        type(answer).__name__ in ("bool", "bool_") and not answer,
        "Right: zx and zy are drawn independently, so faces get wider or taller.",
        "Answer True or False. Look at the printed (zx, zy) pairs in section 3: are they equal?")


# ---------------------------------------------------------------- 06 shear

def check_shear_stretch(answer):
    """Lesson 06. By what factor does IDG's ``shear=30`` stretch the image vertically?
    Expected: 1/cos(30°) ≈ 1.155, within 0.01.
    """
    if unanswered(answer):
        return _placeholder()
    hint = ("Give a number: new height / old height, as measured on the test pattern in section 4. "
            "A pure shear would give 1.")
    if _close(answer, math.cos(math.radians(30)), 0.01):
        hint = "cos(30°) is the factor in the matrix, which maps output to input; the image itself grows by its inverse."
    return verdict(_close(answer, 1 / math.cos(math.radians(30)), 0.01),
                   "Right: 1/cos(30°) ≈ 1.155, so IDG's shear also makes things taller.", hint)
