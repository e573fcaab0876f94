"""The exercise checks of lessons 08-12 accept right answers and reject wrong ones with a hint that fits the
mistake (that no typed answer raises is tests/test_exercise_any_answer.py's job)."""

import numpy as np
import pytest

from exercise_checks import assert_accepts_and_rejects, assert_asks_for_an_answer
from augcourse.exercises import choices
from augcourse.exercises import pixels as ex
from augcourse.exercises.choices import QUESTIONS

NEED = np.sqrt(1000) / 10 - 0.35          # 2.81228: the smallest zca_epsilon of lesson 12, exercise 3

# (check, right answers, wrong answers)
CASES = [
    (ex.check_unit_input_brightness,
     [0, 0.0, np.float32(0.0), np.array(0.0), [0, 0, 0], (0.0, 0.0, 0.0), np.zeros(3, "float32"), -0.0],
     [0.84, 1, 0.7, [0, 0, 1], [0.84] * 3, "0", np.array([0.0, 0.0]), [0, 0], True, False, np.nan,
      10**400, np.array(["0"]), {"r": 0}]),
    (ex.check_brightness_range,
     [(0.7, 1.3), [0.7, 1.3], (1.3, 0.7), (np.float32(0.7), 1.3), (7 / 10, 13 / 10), [np.float64(0.7), 1.3]],
     [0.3, (0.3, 0.3), (0.7, 1.3, 1.0), (-0.3, 0.3), "0.7, 1.3", "(0.7, 1.3)", np.array([0.7, 1.3]),
      (70, 130), (0.7, 1.0), (1.0, 1.3), ("0.7", "1.3"), [[0.7], [1.3]], (0.7, np.nan), {0.7, 1.3},
      (True, 1.3), (0.7, 1.3 + 1e-3), (0.7 + 0j, 1.3)]),
    (ex.check_channel_shift_clip,
     [[80, 130, 210], np.array([80.0, 130.0, 210.0]), (80, 130, 210), np.array([[80, 130, 210]]),
      [np.float32(80), 130, 210.0]],
     [[80, 130, 230], [80, 130, 255], [70, 120, 210], [100, 150, 210], [50, 100, 200], "[80, 130, 210]",
      [80, 130], [80, 130, 210, 0], [[80, 130, 210]], np.array([80 + 0j, 130, 210]), [True, 130, 210]]),
    (ex.check_channel_shift_keras,
     [0.2, 51 / 255, -0.2, -51 / 255, (-0.2, 0.2), [-0.2, 0.2], (0.2, -0.2), (-51 / 255, 51 / 255),
      np.float64(0.2), (np.float32(-0.2), np.float32(0.2)), 0.19999],
     [51, 0.1, 30 / 255, 0.5, (0, 0.2), (0.2, 0.2), (-0.2, -0.2), (-51, 51), np.array([-0.2, 0.2]),
      np.float32(0.2), "0.2", "(-0.2, 0.2)", (-0.2, 0.2, 0.0), (-0.1, 0.2), np.nan, float("inf"), 10**400,
      True, [(-0.2, 0.2)], (-0.2, "0.2")]),
    # 11 ex 1: images already in 0..1 through rescale=1/255: a white pixel ends at 1/255
    (ex.check_rescale,
     [1 / 255, 1 / 255.0, np.float32(1 / 255), np.float64(1 / 255), np.array(1 / 255), np.array([1 / 255]),
      0.0039, 0.00392, 0.003922, 0.004],
     [1, 1.0, 255, 65025, 1 / 256, 0.005, 0.5, 0, -1 / 255, "1/255", [1 / 255, 1], True]),
    # 11 ex 3: samplewise_center on channels 10, 20, 30
    (ex.check_samplewise,
     [[-10, 0, 10], (-10.0, 0.0, 10.0), np.array([-10, 0, 10]), np.array([[[-10.0, 0.0, 10.0]]]),
      np.zeros((4, 4, 3)) + [-10, 0, 10], np.float32([-10, 0, 10])],
     [[0, 0, 0], [10, 20, 30], [-1.2247, 0, 1.2247], [-20, 0, 20], [-10, 0], "[-10, 0, 10]",
      np.zeros((4, 4, 3)) + [[[-10, 0, 10]], [[0, 0, 0]], [[0, 0, 0]], [[0, 0, 0]]], [True, False, True]]),
    # 12 ex 2: the rank IDG's fit() decomposes for 300 images
    (ex.check_zca_rank, [300, 300.0, np.int64(300), np.array(300)], [299, 3072, 301, 298, "300", 10**400]),
    # 12 ex 3: exact: a gain of at most 10, and no more than 0.05 above the smallest such eps
    (ex.check_zca_epsilon,
     [NEED, 2.8123, 2.813, 2.82, 2.85, NEED + 0.049, np.float64(2.82)],
     [2.808, 2.81, 2.812, 2.8122, NEED - 1e-6, 1e-6, 0.1, 2.5, 2.87, 10, 99, -2.82, float("nan"), float("inf"),
      "2.82", [2.82]]),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_accepts_right_and_rejects_wrong(check, right, wrong):
    assert_accepts_and_rejects(check, right, wrong)


@pytest.mark.parametrize("check", [c[0] for c in CASES], ids=[c[0].__name__ for c in CASES])
def test_placeholder_asks_for_an_answer(check):
    assert_asks_for_an_answer(check)


def test_hints_do_not_give_the_answer_away():
    assert "300" not in ex.check_zca_rank(3).message
    assert "0.2" not in ex.check_channel_shift_keras(0.1).message.replace("factor x 255", "")
    assert "210" not in ex.check_channel_shift_clip([70, 120, 210]).message.split("(")[0]


def test_specific_hints_for_common_mistakes():
    assert "multiplies" in ex.check_rescale(255).message
    assert "own min" in ex.check_channel_shift_clip([80, 130, 230]).message
    assert ex.check_channel_shift_clip([80, 130, 255]).message.startswith("Almost: the clip is not to 0..255")
    assert "+50" in ex.check_channel_shift_clip([100, 150, 210]).message       # section 2's demonstration
    assert "ONE number" in ex.check_samplewise([0, 0, 0]).message
    assert "per colour channel" in ex.check_zca_rank(299).message      # the textbook (per-pixel) answer
    assert "0.7 x 1.2" in ex.check_unit_input_brightness(0.84).message
    assert "without quotes" in ex.check_unit_input_brightness("0").message


def test_brightness_range_refuses_what_the_idg_constructor_refuses():
    """IDG checks isinstance(brightness_range, (tuple, list)) and len 2: an array is refused with that reason."""
    message = ex.check_brightness_range(np.array([0.7, 1.3])).message
    assert "NumPy array" in message and "tuple" in message
    assert "constructor" in ex.check_brightness_range(1.3).message
    assert "factors, not percentages" in ex.check_brightness_range((70, 130)).message
    assert "1.0 leaves the image" in ex.check_brightness_range((-0.3, 0.3)).message
    assert "(low, high) reads better" in ex.check_brightness_range((1.3, 0.7)).message
    assert "reads better" not in ex.check_brightness_range((0.7, 1.3)).message


def test_channel_shift_keras_follows_what_random_brightness_accepts():
    """Every form the layer turns into (-0.2, 0.2) passes; forms the layer refuses get its reason."""
    from augcourse import keras

    for answer in (0.2, -0.2, (-0.2, 0.2), [0.2, -0.2], (-51 / 255, 51 / 255)):
        low, high = keras.layers.RandomBrightness(answer).factor
        assert np.allclose([low, high], [-0.2, 0.2]) and ex.check_channel_shift_keras(answer), answer
    for answer in (np.float32(0.2), np.array([-0.2, 0.2]), 51):
        with pytest.raises(ValueError):
            keras.layers.RandomBrightness(answer)
        assert not ex.check_channel_shift_keras(answer)
    assert "NumPy array" in ex.check_channel_shift_keras(np.array([-0.2, 0.2])).message
    assert "float32 scalar" in ex.check_channel_shift_keras(np.float32(0.2)).message
    assert "between -1 and 1" in ex.check_channel_shift_keras(51).message
    assert "only brightens" in ex.check_channel_shift_keras((0, 0.2)).message
    assert "same value to every image" in ex.check_channel_shift_keras((0.2, 0.2)).message


@pytest.mark.parametrize("name, right", [("crop_batch", "b"), ("crop_equal_side", "b"), ("crop_small_objects", "b"),
                                         ("brightness_layer", "b"), ("layer_direct_call", "b"),
                                         ("colour_cast", "b"), ("shift_saturation", "b")])
def test_the_judgement_questions_of_lessons_07_to_09_have_the_right_letter(name, right):
    """Pinned here so that a swapped letter in crop_colour_questions fails a test, not only a reader."""
    options, letter, why, hints = QUESTIONS[name]
    assert letter == right and set(hints) == set(options) - {right}
    assert all(len(hint) > 40 for hint in hints.values())


def test_zca_epsilon_is_exact_at_the_boundary():
    """A gain of 10.01 is above 10: the eps that gives it is refused, with the gain it gives."""
    gain = lambda eps: np.sqrt(1000) / (0.35 + eps)                                 # noqa: E731
    assert gain(2.808) > 10 and gain(2.81) > 10 and gain(2.8123) <= 10
    for eps in (2.808, 2.81, 2.812):
        message = ex.check_zca_epsilon(eps).message
        assert "Almost" in message and f"{gain(eps):.4f}" in message and "Round up" in message
    assert ex.check_zca_epsilon(NEED)                      # the exact solution passes despite rounding


def test_specific_hints_for_the_normalization_and_zca_checks():
    assert "multiplies" in ex.check_rescale(255).message
    assert "nothing stops it at 1" in ex.check_rescale(1.0).message             # the double-scaling trap
    assert "typed text" in ex.check_rescale("1/255").message
    assert "ONE number" in ex.check_samplewise([0, 0, 0]).message
    assert "divides by the std" in ex.check_samplewise([-1.2247, 0, 1.2247]).message
    assert "per colour channel" in ex.check_zca_rank(299).message
    assert "smallest one" in ex.check_zca_epsilon(10).message
    assert "negative" in ex.check_zca_epsilon(-1).message


def test_the_normalization_and_zca_hints_do_not_give_the_answer_away():
    assert "300" not in ex.check_zca_rank(3).message
    assert "2.81" not in ex.check_zca_epsilon(1e-6).message
    assert "0.0039" not in ex.check_rescale(0.5).message
    assert "-10" not in ex.check_samplewise([0, 0, 0]).message


def test_the_statistics_questions_of_lessons_11_and_12():
    assert choices.check_validation_statistics("b") and not choices.check_validation_statistics("a")
    assert choices.check_zca_epsilon_effect(" (C) ") and not choices.check_zca_epsilon_effect("a")
    assert "section 4" in choices.check_zca_epsilon_effect("a").message          # points to the singular values
    assert "20.5" in choices.check_zca_epsilon_effect("c").message               # the gain the lesson prints
