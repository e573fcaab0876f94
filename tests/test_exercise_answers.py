"""Every exercise check accepts equivalent right answers and refuses plausible wrong ones, with a
hint (never the answer) and the verdict word first."""

import numpy as np
import pytest

from augcourse.exercises import all_checks, choices

CHECKS = all_checks()

# check -> (two or more equivalent right answers, two or more plausible wrong ones)
ANSWERS = {
    "check_shift_axis": (["vertical", " Vertically", "up-down", "vertical axis", "rows"], ["horizontal", "width"]),
    "check_true_wrap": ([[2, 3, 4, 5, 6, 7, 0, 1], np.roll(np.arange(8), -2)],
                        [[2, 3, 4, 5, 6, 7, 1, 2], [6, 7, 0, 1, 2, 3, 4, 5]]),
    "check_zoom_keeps_aspect": ([False, np.False_, "False", "no", 0], [True, "yes"]),
    "check_shear_stretch": ([1 / np.cos(np.deg2rad(45)), 1.414], [np.cos(np.deg2rad(45)), 1.155]),
    "check_unit_input_brightness": ([0, 0.0], [0.84, 1]),
    "check_brightness_range": ([(0.7, 1.3), [1.3, 0.7]], [0.3, (0.3, 1.3), np.array([0.7, 1.3])]),
    "check_channel_shift_clip": ([[80, 130, 210], (80.0, 130.0, 210.0)], [[80, 130, 230], [70, 130, 210]]),
    "check_channel_shift_keras": ([0.2, 51 / 255, -0.2, (-0.2, 0.2)], [51, 0.5, np.array([-0.2, 0.2])]),
    "check_rescale": ([1 / 255, 0.00392], [255, 0.5]),
    "check_samplewise": ([[-10, 0, 10], np.array([-10.0, 0.0, 10.0])], [[0, 0, 0], [10, 20, 30]]),
    "check_zca_rank": ([300, 300.0], [299, 3072]),
    "check_zca_epsilon": ([np.sqrt(1000) / 10 - 0.35, 2.82], [99, 1e-6, 2.81, 2.808]),
    "check_rotation_layer": ([("RandomRotation", 0.1), ["keras.layers.RandomRotation", 36 / 360]],
                             [("RandomRotation", 36), ("RandomZoom", 0.1)]),
    "check_mask_interpolation": (["nearest", "nearest-neighbour", "order 0", 0], ["bilinear", "bicubic"]),
    "check_expected_applied": ([250, 250.0], [0.25, 750]),
    "check_unchanged_images": ([24, 24.0, 0.7 ** 4 * 100], [0.24, 70, 30]),
    "check_class_weight": ([{0: 0.56, 1: 5.0}, {0: 1, 1: 9}], [{"cat": 0.56, "dog": 5.0}, {0: 5.0, 1: 0.56}]),
}


# every judgement question: its right letter (two spellings) and two wrong letters, from its own data
for _name, (_options, _right, _why, _hints) in choices.QUESTIONS.items():
    ANSWERS[f"check_{_name}"] = ([_right, f" ({_right.upper()}) ", f"{_right}."], (list(_hints) * 2)[:2] + ["z"])


def test_every_check_has_answers_here():
    assert set(ANSWERS) == set(CHECKS)


def test_every_wrong_choice_has_its_own_hint_and_the_right_one_a_reason():
    for name, (options, right, why, hints) in choices.QUESTIONS.items():
        assert right in options and set(hints) == set(options) - {right}, name
        assert len(why) > 30 and all(len(h) > 30 for h in hints.values()), name


def test_the_checks_letters_are_what_the_questions_say():
    assert choices.check_reflect_fill("b") and not choices.check_reflect_fill("a")
    assert "'nearest'" in choices.check_reflect_fill("a").message


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_right_answers_pass_and_wrong_ones_get_a_hint(name):
    check = CHECKS[name]
    right, wrong = ANSWERS[name]
    assert len(right) >= 2 and len(wrong) >= 2
    for answer in right:
        result = check(answer)
        assert result and repr(result).startswith("Right: "), (name, answer, result)
    for answer in wrong:
        result = check(answer)
        assert not result and repr(result).startswith("Not yet: "), (name, answer, result)
        assert len(result.message) > 15, (name, answer, result)
    placeholder = check(...)
    assert not placeholder and "replace" in placeholder.message.lower()


def test_every_check_asks_for_an_answer_in_the_same_words():
    """The feedback reads the same in every lesson: one placeholder message, with the verdict word first."""
    for check in CHECKS.values():
        assert repr(check(...)).startswith("Not yet: replace the `...` with "), check.__name__


def test_no_option_explains_itself():
    """An option that says why it is right gives the answer away: options are bare choices."""
    assert choices.OPTIONS["reflect_fill"] == {"a": "0, 0", "b": "1, 0", "c": "6, 7", "d": "cval, cval"}
