"""The exercise checks of lesson 10 accept right answers and reject wrong ones with a hint."""

import pytest

from augcourse.exercises import Result
from augcourse.exercises import beyond as ex


class RandomRotation:  # stands in for keras.layers.RandomRotation without importing Keras
    pass


CASES = [
    (ex.check_rotation_layer,
     [("RandomRotation", 0.1), ["randomrotation", 0.1], ("keras.layers.RandomRotation", 36 / 360),
      (RandomRotation, 0.1)],
     [("RandomRotation", 36), ("RandomRotation", 0.2), ("RandomZoom", 0.1), ("RandomRotation", "0.1"),
      "RandomRotation", 0.1, ("RandomRotation", 0.1, "nearest")]),
    (ex.check_mask_interpolation, ["nearest", "Nearest", " nearest "], ["bilinear", "bicubic", 0, "linear"]),
    (ex.check_expected_applied, [250, 250.0], [0.25, 25, 500, "250"]),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    for answer in right:
        result = check(answer)
        assert isinstance(result, Result) and result, (answer, result)
        assert repr(result).startswith("✅")
    for answer in wrong:
        result = check(answer)
        assert isinstance(result, Result) and not result, (answer, result)
        assert repr(result).startswith("❌") and len(result.message) > 10


@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_placeholder_asks_for_an_answer(check):
    for placeholder in (..., None):
        result = check(placeholder)
        assert not result and "replace the `...`" in result.message


def test_specific_hints_for_common_mistakes():
    assert "degrees" in ex.check_rotation_layer(("RandomRotation", 36)).message
    assert "blends" in ex.check_mask_interpolation("bilinear").message
    assert "probability" in ex.check_expected_applied(0.25).message
