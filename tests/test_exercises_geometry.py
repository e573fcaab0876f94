"""The geometry lessons' exercise checks accept right answers, reject wrong ones and placeholders."""

import math

import numpy as np
import pytest

from augcourse.exercises import Result
from augcourse.exercises import geometry as g

# check -> (right answers, wrong answers)
CASES = {
    g.check_randomflip_mode: (["horizontal_and_vertical", " Horizontal_And_Vertical "],
                              ["horizontal", "vertical", "both", 2]),
    g.check_six_to_nine: (["both", "BOTH"], ["vertical", "horizontal", "none", 180]),
    g.check_shift_axis: (["vertical", "Vertical "], ["horizontal", "rows", 0]),
    g.check_true_wrap: ([[2, 3, 4, 5, 6, 7, 0, 1], (2, 3, 4, 5, 6, 7, 0, 1), np.roll(np.arange(8), -2)],
                        [[2, 3, 4, 5, 6, 7, 1, 2], [6, 7, 0, 1, 2, 3, 4, 5], list(range(8)), "20134567", 3]),
    g.check_zoom_enlarges: ([0.5, np.float64(0.5)], [2.0, 2, 1.0, "0.5"]),
    g.check_zoom_keeps_aspect: ([False, np.False_], [True, 0, "False", "no"]),
    g.check_shear_stretch: ([1 / math.cos(math.radians(30)), 1.15, 1.16],
                            [math.cos(math.radians(30)), 1.0, 2.0, "1.155"]),
}


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
def test_accepts_right_answers(check):
    for answer in CASES[check][0]:
        result = check(answer)
        assert isinstance(result, Result) and result, (answer, result)
        assert repr(result).startswith("Right: ")


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
def test_rejects_wrong_answers_with_a_hint(check):
    for answer in CASES[check][1]:
        result = check(answer)
        assert not result, (answer, result)
        assert repr(result).startswith("Not yet: ") and len(result.message) > 20


@pytest.mark.parametrize("check", list(CASES), ids=lambda c: c.__name__)
def test_placeholder_asks_to_fill_in(check):
    for placeholder in (..., None):
        result = check(placeholder)
        assert not result and "replace the `...` with your answer" in result.message


def test_common_mistakes_get_specific_hints():
    assert "IDG's 'wrap'" in g.check_true_wrap([2, 3, 4, 5, 6, 7, 1, 2]).message
    assert "not what IDG does" in g.check_shift_axis("horizontal").message
    assert "other one" in g.check_zoom_enlarges(2.0).message


def test_hints_do_not_give_the_answer_away():
    assert "vertical'" not in g.check_shift_axis("horizontal").message.replace("'horizontal' or 'vertical'", "")
