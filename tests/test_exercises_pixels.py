"""The exercise checks of lessons 08-12 accept right answers and reject wrong ones with a hint."""

import numpy as np
import pytest

from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer
from augcourse.exercises import pixels as ex

# (check, right answers, wrong answers)
CASES = [
    (ex.check_unit_input_brightness, [0, 0.0, np.float32(0.0)], [0.84, 1, 0.7]),
    (ex.check_brightness_range, [(0.7, 1.3), [0.7, 1.3], (1.3, 0.7), np.array([0.7, 1.3])],
     [0.3, (0.3, 0.3), (0.7, 1.3, 1.0), (-0.3, 0.3), "0.7, 1.3"]),
    (ex.check_channel_shift_clip, [[80, 130, 210], np.array([80.0, 130.0, 210.0])],
     [[80, 130, 230], [80, 130, 255], [70, 120, 210]]),
    (ex.check_channel_shift_keras, [0.2, 51 / 255], [51, 0.1, 30 / 255]),
    (ex.check_rescale, [1 / 255, 1 / 255.0, np.float32(1 / 255)], [255, 255.0, 1 / 256, 0.5]),
    (ex.check_samplewise, [[-10, 0, 10], np.array([-10.0, 0.0, 10.0])], [[0, 0, 0], [10, 20, 30], [-1.225, 0, 1.225]]),
    (ex.check_zca_rank, [300, np.int64(300), 300.0], [299, 3072, 301, 298]),
    (ex.check_zca_epsilon, [2.82, 2.8123], [1e-6, 0.1, 2.5, 10, 99, 1000]),   # the question asks for the minimum
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    assert_accepts_and_rejects(check, right, wrong)


@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_placeholder_asks_for_an_answer(check):
    assert_asks_for_an_answer(check)


def test_hints_do_not_give_the_answer_away():
    assert "300" not in ex.check_zca_rank(3).message


def test_specific_hints_for_common_mistakes():
    assert "multiplies" in ex.check_rescale(255).message
    assert "own min" in ex.check_channel_shift_clip([80, 130, 230]).message
    assert "ONE number" in ex.check_samplewise([0, 0, 0]).message
    assert "per colour channel" in ex.check_zca_rank(299).message      # the textbook (per-pixel) answer
