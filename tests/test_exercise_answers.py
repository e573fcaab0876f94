"""Every exercise check accepts equivalent right answers and refuses plausible wrong ones, with a
hint (never the answer) and the verdict word first."""

import inspect

import numpy as np
import pytest

from augcourse.exercises import beyond, geometry, pixels

CHECKS = {name: fn for module in (beyond, geometry, pixels)
          for name, fn in inspect.getmembers(module, inspect.isfunction) if name.startswith("check_")}

# check -> (two or more equivalent right answers, two or more plausible wrong ones)
ANSWERS = {
    "check_flip_outcomes": ([4, np.int64(4)], [2, 3]),
    "check_randomflip_mode": (["horizontal_and_vertical", "Horizontal and vertical"], ["horizontal", "vertical"]),
    "check_six_to_nine": (["both", "horizontal and vertical"], ["vertical", "horizontal"]),
    "check_shift_axis": (["vertical", " Vertically"], ["horizontal", "width"]),
    "check_true_wrap": ([[2, 3, 4, 5, 6, 7, 0, 1], np.roll(np.arange(8), -2)],
                        [[2, 3, 4, 5, 6, 7, 1, 2], [6, 7, 0, 1, 2, 3, 4, 5]]),
    "check_shift_pixels": ([32, 32.0], [0.25, 25]),
    "check_zoom_enlarges": ([0.5, np.float32(0.5)], [2.0, 1.5]),
    "check_zoom_keeps_aspect": ([False, np.False_], [True, "False"]),
    "check_zoom_visible_fraction": ([0.8, 4 / 5], [1.25, 0.9]),
    "check_shear_units": (["degrees", "deg"], ["radians", "rad"]),
    "check_shear_slope": ([0.5, np.sin(np.deg2rad(30))], [np.tan(np.deg2rad(30)), 30]),
    "check_shear_stretch": ([1 / np.cos(np.deg2rad(30)), 1.155], [np.cos(np.deg2rad(30)), 1.0]),
    "check_brightness_mean": ([64, 64.0], [128, 192]),
    "check_unit_input_brightness": ([0, 0.0], [0.84, 1]),
    "check_brightness_range": ([(0.7, 1.3), [1.3, 0.7]], [0.3, (0.3, 1.3)]),
    "check_channel_shift_pixel": ([[80, 130, 230], np.array([80.0, 130.0, 230.0])], [[80, 130, 255], [50, 100, 200]]),
    "check_channel_shift_clip": ([[80, 130, 210], (80.0, 130.0, 210.0)], [[80, 130, 230], [70, 130, 210]]),
    "check_channel_shift_keras": ([0.2, 51 / 255], [51, 0.5]),
    "check_rescale": ([1 / 255, 0.00392], [255, 0.5]),
    "check_needs_fit": ([{"featurewise_center", "featurewise_std_normalization", "zca_whitening"},
                         ["zca_whitening", "featurewise_std_normalization", "featurewise_center"]],
                        [{"featurewise_center", "featurewise_std_normalization"},
                         {"featurewise_center", "featurewise_std_normalization", "zca_whitening", "samplewise_center"}]),
    "check_samplewise": ([[-10, 0, 10], np.array([-10.0, 0.0, 10.0])], [[0, 0, 0], [10, 20, 30]]),
    "check_zca_bytes": ([12288 ** 2 * 8, 1_207_959_552], [12288 ** 2 * 4, 12288 * 8]),
    "check_zca_rank": ([300, 300.0], [299, 3072]),
    "check_zca_epsilon": ([np.sqrt(1000) / 10 - 0.35, 2.81], [99, 1e-6]),
    "check_rotation_layer": ([("RandomRotation", 0.1), ["keras.layers.RandomRotation", 36 / 360]],
                             [("RandomRotation", 36), ("RandomZoom", 0.1)]),
    "check_mask_interpolation": (["nearest", "nearest-neighbour", "order 0", 0], ["bilinear", "bicubic"]),
    "check_expected_applied": ([250, 250.0], [0.25, 750]),
}


def test_every_check_has_answers_here():
    assert set(ANSWERS) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_right_answers_pass_and_wrong_ones_get_a_hint(name):
    check = CHECKS[name]
    right, wrong = ANSWERS[name]
    assert len(right) >= 2 and len(wrong) >= 2
    for answer in right:
        result = check(answer)
        assert result and repr(result).startswith("Right. "), (name, answer, result)
    for answer in wrong:
        result = check(answer)
        assert not result and repr(result).startswith("Not yet. "), (name, answer, result)
        assert len(result.message) > 15, (name, answer, result)
    placeholder = check(...)
    assert not placeholder and "replace" in placeholder.message.lower()
