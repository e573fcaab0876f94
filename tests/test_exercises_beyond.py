"""The exercise checks of lesson 13 accept every right form (in each library's spelling) and reject wrong
ones with a hint that fits the mistake; no typed answer raises."""

import numpy as np
import pytest

from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer
from augcourse.exercises import beyond as ex


class RandomRotation:  # stands in for keras.layers.RandomRotation without importing Keras
    def __init__(self, factor):
        self.factor = (-abs(factor), abs(factor))      # what Keras 3 stores: (lower, upper)


class RandomZoom:
    factor = (-0.1, 0.1)


CASES = [
    (ex.check_rotation_layer,
     [("RandomRotation", 0.1), ["randomrotation", 0.1], ("keras.layers.RandomRotation", 36 / 360),
      (RandomRotation, 0.1), ("RandomRotation", (-0.1, 0.1)), ("RandomRotation", [0.1, -0.1]),
      ("RandomRotation", -0.1), ("RandomRotation", np.array([-0.1, 0.1])), ("RandomRotation", np.float32(0.1)),
      ("RandomRotation", (-36 / 360, 36 / 360)), RandomRotation(0.1), "RandomRotation(0.1)",
      "keras.layers.RandomRotation(factor=36 / 360)", "layers.RandomRotation(factor=(-0.1, 0.1), fill_mode='nearest')"],
     [("RandomRotation", 36), ("RandomRotation", (-36, 36)), ("RandomRotation", 0.2), ("RandomRotation", 0.628),
      ("RandomRotation", (0, 0.1)), ("RandomRotation", (0.05, 0.15)), ("RandomRotation", (-0.1, 0.2)),
      ("RandomZoom", 0.1), "RandomZoom(0.1)", RandomZoom(), ("RandomRotation", "0.1"), "RandomRotation",
      0.1, ("RandomRotation", 0.1, "nearest"), "RandomRotation(36)", RandomRotation(0.2),
      ("RandomRotation", float("nan")), ("RandomRotation", 10**400), ("RandomRotation", (0.1, 0.2, 0.3)),
      "__import__('os').getcwd()", "(" * 2000]),
    (ex.check_mask_interpolation,
     ["nearest", "Nearest", " nearest ", "nearest-neighbour", "nearest neighbor", "NEAREST_NEIGHBOR",
      "order 0", "spline order 0", 0, 0.0, np.int64(0), "interpolation_order=0", "interpolation_order = 0",
      "INTER_NEAREST", "cv2.INTER_NEAREST", "INTER_NEAREST_EXACT", "Image.NEAREST", "Resampling.NEAREST",
      "interpolation='nearest'", "0"],
     ["bilinear", "bicubic", 1, 3, "linear", "order 1", "interpolation_order=1", "INTER_LINEAR",
      "cv2.INTER_CUBIC", "INTER_LANCZOS4", "area", "nearest or bilinear", "none", "", True, [0]]),
    (ex.check_expected_applied, [250, 250.0, np.int64(250)], [0.25, 25, 500, 750, "250", True]),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    assert_accepts_and_rejects(check, right, wrong)


@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_placeholder_asks_for_an_answer(check):
    assert_asks_for_an_answer(check)


def test_the_lessons_own_spellings_pass():
    """Lesson 13 writes the mask's generator with interpolation_order=0, and Keras 3 stores a factor as a pair."""
    assert ex.check_mask_interpolation("interpolation_order=0")
    assert ex.check_rotation_layer(("RandomRotation", (-0.1, 0.1)))


def test_a_real_keras_layer_is_an_answer_too():
    from augcourse._tf import keras

    assert ex.check_rotation_layer(keras.layers.RandomRotation(0.1))
    assert ex.check_rotation_layer(keras.layers.RandomRotation((-0.1, 0.1)))
    assert not ex.check_rotation_layer(keras.layers.RandomRotation(0.2))
    assert not ex.check_rotation_layer((keras.layers.RandomZoom, 0.1))


def test_specific_hints_for_common_mistakes():
    assert "degrees" in ex.check_rotation_layer(("RandomRotation", 36)).message
    assert "radians" in ex.check_rotation_layer(("RandomRotation", 0.628)).message
    assert "each side" in ex.check_rotation_layer(("RandomRotation", 0.2)).message
    assert "one way" in ex.check_rotation_layer(("RandomRotation", (0, 0.1))).message
    assert "not as text" in ex.check_rotation_layer(("RandomRotation", "0.1")).message
    assert "blends" in ex.check_mask_interpolation("bilinear").message
    assert "blends" in ex.check_mask_interpolation("cv2.INTER_LINEAR").message
    assert "mixes" in ex.check_mask_interpolation("interpolation_order=1").message
    assert "two" in ex.check_mask_interpolation("nearest or bilinear").message
    assert "probability" in ex.check_expected_applied(0.25).message


def test_hints_do_not_give_the_answer_away():
    assert "0.1" not in ex.check_rotation_layer(("RandomRotation", 36)).message
    assert "nearest" not in ex.check_mask_interpolation("bilinear").message.lower()


@pytest.mark.parametrize("answer", [10**400, float("nan"), complex(0, 0), np.zeros((2000, 2000)), {"a": 1},
                                    b"\xff\xfe", object(), print, [[1, 2], [3]], np.array(["a"]), "é" * 10_000,
                                    ("RandomRotation", {"a": 1}), (None, None), ("RandomRotation", np.zeros(3)),
                                    np.ma.masked_array([0.0], mask=[1])])
@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_odd_answers_get_feedback_not_a_traceback(check, answer):
    with np.errstate(all="ignore"):
        result = check(answer)
    assert not result and result.message.strip()
