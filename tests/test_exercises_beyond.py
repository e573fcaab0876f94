"""The exercise checks of lesson 13 accept right answers and reject wrong ones with a hint."""

import pytest

from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer
from augcourse.exercises import beyond as ex


class RandomRotation:  # stands in for keras.layers.RandomRotation without importing Keras
    pass


CASES = [
    (ex.check_rotation_layer,
     [("RandomRotation", 0.1), ["randomrotation", 0.1], ("keras.layers.RandomRotation", 36 / 360),
      (RandomRotation, 0.1)],
     [("RandomRotation", 36), ("RandomRotation", 0.2), ("RandomZoom", 0.1), ("RandomRotation", "0.1"),
      "RandomRotation", 0.1, ("RandomRotation", 0.1, "nearest")]),
    (ex.check_mask_interpolation, ["nearest", "Nearest", " nearest "], ["bilinear", "bicubic", 1, "linear"]),   # 0 is spline order 0: nearest
    (ex.check_expected_applied, [250, 250.0], [0.25, 25, 500, "250"]),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    assert_accepts_and_rejects(check, right, wrong)


@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_placeholder_asks_for_an_answer(check):
    assert_asks_for_an_answer(check)


def test_specific_hints_for_common_mistakes():
    assert "degrees" in ex.check_rotation_layer(("RandomRotation", 36)).message
    assert "blends" in ex.check_mask_interpolation("bilinear").message
    assert "probability" in ex.check_expected_applied(0.25).message
