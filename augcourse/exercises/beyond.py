"""Self-checks for lesson 13, beyond ImageDataGenerator: the Keras 3 layers,
per-transform probability, and augmenting an image together with its mask.

Example:
    >>> check_rotation_layer(("RandomRotation", 0.1))
    Right: RandomRotation(factor=0.1) turns by up to ±0.1 x 360° = ±36°.
"""

import numbers

from augcourse.exercises import Result, answer_words, unanswered, verdict

_PLACEHOLDER = "replace the `...` with your answer, then run the cell again."


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _layer_name(value):
    """'keras.layers.RandomRotation' / 'RandomRotation' / the class itself -> 'randomrotation'."""
    if isinstance(value, type):
        value = value.__name__
    if not isinstance(value, str):
        return None
    return value.strip().rsplit(".", 1)[-1].lower()


def check_rotation_layer(answer):
    """13, exercise 1: the Keras 3 layer and factor replacing rotation_range=36
    (answer: ("RandomRotation", 0.1))."""
    if unanswered(answer):
        return Result(False, _PLACEHOLDER)
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Result(False, 'Give a pair: ("LayerName", factor).')
    name, factor = _layer_name(answer[0]), answer[1]
    if name != "randomrotation":
        return Result(False, "Which keras.layers.Random... layer turns images? Look at the migration table.")
    if not _is_number(factor):
        return Result(False, "The factor is one number here (a fraction of a full turn).")
    if abs(float(factor) - 36) < 1e-9:
        return Result(False, "RandomRotation's factor is not in degrees: it is a fraction of a full turn (360°).")
    return verdict(abs(float(factor) - 0.1) < 1e-6,
                   "Right: RandomRotation(factor=0.1) turns by up to ±0.1 x 360° = ±36°.",
                   "factor = degrees / 360.")


def check_mask_interpolation(answer):
    """13, exercise 2: the interpolation for a segmentation mask (answer: "nearest"; also
    "nearest-neighbour" or SciPy's name for it, "order 0", or the spline order 0 itself)."""
    if unanswered(answer):
        return Result(False, _PLACEHOLDER)
    if _is_number(answer) and float(answer) == 0:
        answer = "order 0"
    if not isinstance(answer, str):
        return Result(False, 'Give the name of an interpolation as a string, e.g. "bilinear".')
    word = answer_words(answer.replace("=", " "))
    if word == "bilinear":
        return Result(False, "Bilinear blends neighbouring labels: 0 and 2 give 1, a class that is not there. "
                             "Look at the label values printed in section 3.")
    return verdict(word in ("nearest", "nearest neighbour", "nearest neighbor", "order 0", "spline order 0"),
                   "Right: nearest copies one source pixel, so every output label is a label of the input.",
                   "Which interpolation copies a source pixel's value instead of mixing several?")


def check_expected_applied(answer):
    """13, exercise 3: expected number of rotated images out of 1,000 with p={"rotation": 0.25}
    (answer: 250)."""
    if unanswered(answer):
        return Result(False, _PLACEHOLDER)
    if not _is_number(answer):
        return Result(False, "Give one number of images.")
    if abs(float(answer) - 0.25) < 1e-9:
        return Result(False, "That is the probability; the question asks how many of 1,000 images.")
    return verdict(abs(float(answer) - 250) < 1e-6,
                   "Right: each image is rotated with probability 0.25, so 0.25 x 1,000 = 250 on average.",
                   "Each image gets its own coin with P(rotate) = p. Multiply.")
