"""Self-checks for lesson 13, beyond ImageDataGenerator: the Keras 3 layers,
per-transform probability, and augmenting an image together with its mask.

Every answer a learner can type gets a ``Result``, never an exception.

Example:
    >>> check_rotation_layer(("RandomRotation", 0.1))
    Right: RandomRotation(factor=0.1) turns by up to ±0.1 x 360° = ±36°.
    >>> check_rotation_layer("keras.layers.RandomRotation(factor=(-36 / 360, 36 / 360))").passed
    True
    >>> check_mask_interpolation("interpolation_order=0").passed, check_mask_interpolation("cv2.INTER_NEAREST").passed
    (True, True)
"""

import ast
import math
import operator
import re

import numpy as np

from augcourse.exercises import Result, real_number, unanswered, verdict
from augcourse.language import N_, tr

_PLACEHOLDER = N_("replace the `...` with your answer, then run the cell again.")


# ---------------------------------------------------------------- exercise 1: the rotation layer

_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _literal(node):
    """A number or a tuple/list of numbers from source such as ``36 / 360`` or ``(-0.1, 0.1)``; None if not."""
    if isinstance(node, ast.Constant) and real_number(node.value) is not None:
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _literal(node.operand)
        return None if not isinstance(inner, float) else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = _literal(node.left), _literal(node.right)
        if isinstance(left, float) and isinstance(right, float):
            try:
                return _ARITHMETIC[type(node.op)](left, right)
            except (ZeroDivisionError, OverflowError):
                return None
        return None
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_literal(item) for item in node.elts]
        return tuple(items) if all(isinstance(item, float) for item in items) else None
    return None


def _parse_layer_call(text):
    """``("RandomRotation", factor)`` from source such as ``keras.layers.RandomRotation(factor=0.1)``,
    or None when the text is not one call with a factor."""
    if len(text) > 500:
        return None
    try:
        call = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(call, ast.Call):
        return None
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    factors = [call.args[0]] if call.args else []
    factors += [k.value for k in call.keywords if k.arg == "factor"]
    if name is None or len(factors) != 1:
        return None
    return name, _literal(factors[0])


def _layer_name(value):
    """'keras.layers.RandomRotation' / 'RandomRotation' / the class or an instance -> 'randomrotation'."""
    if isinstance(value, type):
        value = value.__name__
    if not isinstance(value, str):
        return None
    return value.strip().rsplit(".", 1)[-1].lower()


def _layer_and_factor(answer):
    """The answer as (lower-case layer name, factor), or a Result explaining what shape to give."""
    if isinstance(answer, str):
        parsed = _parse_layer_call(answer)
        if parsed is None:
            return Result(False, tr('Give a pair: ("LayerName", factor), or the layer call as you would write it, '
                                    'e.g. "RandomZoom(0.2)".'))
        return _layer_name(parsed[0]), parsed[1]
    if type(answer).__name__ == "RandomRotation" and hasattr(answer, "factor"):   # a built layer
        return "randomrotation", answer.factor
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Result(False, tr('Give a pair: ("LayerName", factor).'))
    name = _layer_name(answer[0])
    if name is None and type(answer[0]).__name__ == "RandomRotation":
        name = "randomrotation"
    return name, answer[1]


def _factor_pair(factor):
    """A factor as Keras reads it, (lower, upper): a number f means (-|f|, |f|), a pair is sorted;
    None when it is neither (text, three numbers, ...)."""
    number = real_number(factor)
    if number is not None:
        return -abs(number), abs(number)
    if isinstance(factor, np.ndarray) and factor.dtype.kind in "iuf" and factor.size == 2 and factor.ndim == 1:
        factor = factor.tolist()
    if isinstance(factor, (tuple, list)) and len(factor) == 2:
        pair = [real_number(v) for v in factor]
        if None not in pair:
            return tuple(sorted(pair))
    return None


def check_rotation_layer(answer):
    """13, exercise 1: the Keras 3 layer and factor replacing rotation_range=36
    (answer: ("RandomRotation", 0.1); also the factor as the pair (-0.1, 0.1) Keras makes of it,
    36 / 360, the layer call as text, or a built layer)."""
    if unanswered(answer):
        return Result(False, tr(_PLACEHOLDER))
    parsed = _layer_and_factor(answer)
    if isinstance(parsed, Result):
        return parsed
    name, factor = parsed
    if name != "randomrotation":
        return Result(False, tr("Which keras.layers.Random... layer turns images? Look at the migration table."))
    if isinstance(factor, (str, bytes)):
        return Result(False, tr("Give the factor as a number (or a pair of numbers), not as text."))
    pair = _factor_pair(factor)
    if pair is None:
        return Result(False, tr("The factor is one number (a fraction of a full turn), or a (lower, upper) pair."))
    lower, upper = pair
    if not all(math.isfinite(v) for v in pair):
        return Result(False, tr("Give a finite factor: a fraction of a full turn."))
    if np.isclose(upper, 36) or np.isclose(lower, -36):
        return Result(False, tr("RandomRotation's factor is not in degrees: it is a fraction of a full turn (360°)."))
    if np.isclose(upper, math.radians(36), atol=1e-3) or np.isclose(lower, -math.radians(36), atol=1e-3):
        return Result(False, tr("That is 36° in radians; RandomRotation's factor is a fraction of a full turn (360°)."))
    if np.isclose(upper - lower, 0.1) and not np.isclose(upper, -lower):
        return Result(False, tr("That range is 36° wide but turns mostly one way; IDG draws from -36° to +36°."))
    if np.isclose(upper, 0.2) and np.isclose(lower, -0.2):
        return Result(False, tr("The factor is the largest turn to each side, not the width of the range: "
                                "RandomRotation(f) turns by up to ±f x 360°."))
    if not np.isclose(upper, -lower):
        return Result(False, tr("IDG's rotation_range=36 turns both ways by the same amount: from -36° to +36°."))
    return verdict(abs(upper - 0.1) < 1e-6 and abs(lower + 0.1) < 1e-6,
                   tr("Right: RandomRotation(factor=0.1) turns by up to ±0.1 x 360° = ±36°."),
                   tr("factor = degrees / 360."))


# ---------------------------------------------------------------- exercise 2: the mask's interpolation

_BLENDING = {"bilinear", "linear", "bicubic", "cubic", "lanczos", "area", "box", "hamming", "gaussian",
             "mitchellcubic", "quadratic", "quintic", "antialias", "lanczos3", "lanczos4", "lanczos5"}


def _interpolation_words(text):
    """Words and numbers of an interpolation answer: "cv2.INTER_NEAREST" -> {"cv2", "inter", "nearest"},
    "interpolation_order=0" -> {"interpolation", "order", "0"}."""
    return set(re.findall(r"[a-z][a-z0-9]*|\d+(?:\.\d+)?", text.lower()))


def check_mask_interpolation(answer):
    """13, exercise 2: the interpolation for a segmentation mask (answer: nearest neighbour, in any of
    the spellings the libraries use: "nearest", "nearest-neighbour", IDG's "interpolation_order=0",
    "order 0", the spline order 0 itself, OpenCV's "INTER_NEAREST" (or cv2.INTER_NEAREST, which is 0),
    PIL's "Image.NEAREST", TensorFlow's "NEAREST_NEIGHBOR")."""
    if unanswered(answer):
        return Result(False, tr(_PLACEHOLDER))
    number = real_number(answer)
    if number is not None:
        if number == 0:
            return Result(True, tr("Right: order 0 is nearest: it copies one source pixel, so every output label "
                                   "is a label of the input."))
        return Result(False, tr("Interpolation order {number:g} mixes neighbouring pixels: 0 and 2 could give "
                                "1, a class that is not there. Which order copies one pixel?", number=number))
    if isinstance(answer, bytes):
        answer = answer.decode("utf-8", "replace")
    if not isinstance(answer, str):
        return Result(False, tr('Give the name of an interpolation as a string, e.g. "bilinear".'))
    words = _interpolation_words(answer[:200])
    numbers_ = {w for w in words if w[0].isdigit()}
    nearest = bool(words & {"nearest", "nn"}) or numbers_ == {"0"}
    blending = words & _BLENDING
    if nearest and (blending or numbers_ - {"0"}):
        return Result(False, tr("Give one interpolation: that answer names two."))
    if "bilinear" in blending or "linear" in blending:
        return Result(False, tr("Bilinear blends neighbouring labels: 0 and 2 give 1, a class that is not there. "
                                "Look at the label values printed in section 3."))
    if blending or numbers_ - {"0"}:
        return Result(False, tr("That interpolation mixes several source pixels, so a mask would get labels "
                                "in between its classes. Which one copies a single pixel's value?"))
    return verdict(nearest,
                   tr("Right: nearest copies one source pixel, so every output label is a label of the input."),
                   tr("Which interpolation copies a source pixel's value instead of mixing several?"))


# ---------------------------------------------------------------- exercise 3: how often a transform applies

def check_expected_applied(answer):
    """13, exercise 3: expected number of rotated images out of 1,000 with p={"rotation": 0.25}
    (answer: 250)."""
    if unanswered(answer):
        return Result(False, tr(_PLACEHOLDER))
    number = real_number(answer)
    if number is None:
        return Result(False, tr("Give one number of images."))
    if abs(number - 0.25) < 1e-9:
        return Result(False, tr("That is the probability; the question asks how many of 1,000 images."))
    return verdict(abs(number - 250) < 1e-6,
                   tr("Right: each image is rotated with probability 0.25, so 0.25 x 1,000 = 250 on average."),
                   tr("Each image gets its own coin with P(rotate) = p. Multiply."))
