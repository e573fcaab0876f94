"""Augment's spec: validation at construction, sampling records, code strings, no TF on import."""

import subprocess
import sys

import numpy as np
import pytest

from augcourse.augment import IDG_DEVIATIONS, TRANSFORMS, Augment, AugmentParams


@pytest.mark.parametrize("kwargs, words", [
    ({"fill_mode": "nearst"}, ["fill_mode", "'nearst'", "'nearest'", "'reflect'", "'wrap'", "'constant'"]),
    ({"brightness_range": 0.2}, ["brightness_range", "0.2", "(low, high)"]),
    ({"brightness_range": (1.3, 0.7)}, ["brightness_range", "0 <= low <= high"]),
    ({"brightness_range": (-0.1, 1.0)}, ["brightness_range"]),
    ({"brightness_range": (0.5, 1.0, 1.5)}, ["brightness_range"]),
    ({"rotation_range": -10}, ["rotation_range", "-10", ">= 0"]),
    ({"rotation_range": 400}, ["rotation_range", "<= 360"]),
    ({"width_shift_range": -0.1}, ["width_shift_range", ">= 0"]),
    ({"height_shift_range": -5}, ["height_shift_range"]),
    ({"shear_range": -5}, ["shear_range"]),
    ({"shear_range": 90}, ["shear_range", "< 90"]),
    ({"zoom_range": -0.2}, ["zoom_range", "[0, 0.99]"]),
    ({"zoom_range": 1.5}, ["zoom_range"]),
    ({"zoom_range": (1.2, 0.8)}, ["zoom_range", "low <= high"]),
    ({"zoom_range": [0.5]}, ["zoom_range"]),
    ({"channel_shift_range": -30}, ["channel_shift_range", ">= 0"]),
    ({"interpolation": "bicubic"}, ["interpolation", "'bilinear'", "'nearest'"]),
    ({"rescale": 0}, ["rescale", "None or a non-zero number"]),
    ({"p": {"rotate": 0.5}}, ["p key", "'rotate'", "'rotation'"]),
    ({"p": {"rotation": 1.5}}, ["p['rotation']", "1.5", "<= 1"]),
])
def test_invalid_values_fail_at_construction_naming_parameter_value_and_allowed(kwargs, words):
    with pytest.raises(ValueError) as error:
        Augment(**kwargs)
    for word in words:
        assert word in str(error.value)


@pytest.mark.parametrize("kwargs", [{"rotation_range": "20"}, {"horizontal_flip": "yes"},
                                    {"width_shift_range": [0.1, 0.2]}, {"p": [0.5]},
                                    {"channel_shift_range": [10, 20]}])
def test_wrong_types_fail_with_type_error(kwargs):
    name = next(iter(kwargs))
    with pytest.raises(TypeError, match=name):
        Augment(**kwargs)


@pytest.mark.parametrize("images, words", [
    (np.zeros((32, 32, 3)), ["images", "rank 3", "rank 4"]),
    (np.zeros((2, 32, 32, 5)), ["images", "5 channels", "1, 3 or 4"]),
    (np.zeros((2, 3, 32, 32)), ["images", "32 channels"]),
])
def test_images_of_wrong_rank_or_channels_are_rejected(images, words):
    with pytest.raises(ValueError) as error:
        Augment(rotation_range=10).augment(images, seed=0)
    for word in words:
        assert word in str(error.value)


def test_params_must_match_the_images():
    aug = Augment(rotation_range=10)
    params = aug.sample(2, (8, 8, 3), seed=0)
    with pytest.raises(ValueError, match="params"):
        aug.apply(np.zeros((3, 8, 8, 3)), params)
    with pytest.raises(ValueError, match="params"):
        aug.apply(np.zeros((2, 8, 9, 3)), params)
    with pytest.raises(TypeError, match="AugmentParams"):
        aug.apply(np.zeros((2, 8, 8, 3)), {"theta": [0, 0]})


def test_sample_returns_a_printable_record_with_arrays_per_image():
    aug = Augment(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1, zoom_range=0.2,
                  shear_range=10, brightness_range=(0.7, 1.3), channel_shift_range=30,
                  horizontal_flip=True)
    params = aug.sample(12, (32, 32, 3), seed=0)
    assert isinstance(params, AugmentParams) and len(params) == 12
    for name in ("theta", "tx", "ty", "shear", "zx", "zy", "brightness", "channel_shift"):
        assert getattr(params, name).shape == (12,)
    assert params.matrices.shape == (12, 3, 3)
    assert np.all(np.abs(params.theta) <= 20) and np.all(np.abs(params.tx) <= 3.2)
    assert np.all((params.zx >= 0.8) & (params.zx <= 1.2)) and np.all(np.abs(params.shear) <= 10)
    assert np.all((params.brightness >= 0.7) & (params.brightness <= 1.3))
    text = repr(params)
    assert text.splitlines()[0] == "AugmentParams: 12 images of shape (32, 32, 3)"
    assert "theta°" in text and "... 2 more" in text
    row = params[3]
    assert set(row) >= {"theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "brightness"}
    assert isinstance(row["theta"], float) and isinstance(row["flip_horizontal"], bool)


def test_sample_is_deterministic_per_seed_and_leaves_the_global_rng_alone():
    aug = Augment(rotation_range=30, zoom_range=0.3, horizontal_flip=True, channel_shift_range=20)
    state = np.random.get_state()
    a, b = aug.sample(16, (8, 8, 3), seed=5), aug.sample(16, (8, 8, 3), seed=5)
    c = aug.sample(16, (8, 8, 3), seed=6)
    assert np.array_equal(a.matrices, b.matrices) and np.array_equal(a.channel_shift, b.channel_shift)
    assert not np.allclose(a.theta, c.theta)
    after = np.random.get_state()
    assert after[0] == state[0] and np.array_equal(after[1], state[1]) and after[2:] == state[2:]


def test_switching_one_transform_off_keeps_the_other_draws():
    with_flip = Augment(rotation_range=20, horizontal_flip=True).sample(8, (8, 8, 1), seed=1)
    without = Augment(rotation_range=20).sample(8, (8, 8, 1), seed=1)
    assert np.array_equal(with_flip.theta, without.theta)
    assert not without.flip_horizontal.any()


def test_integer_shift_range_gives_whole_pixels_each_equally_likely():
    params = Augment(width_shift_range=2).sample(5000, (16, 16, 1), seed=0)
    values, counts = np.unique(params.tx, return_counts=True)
    assert values.tolist() == [-2, -1, 0, 1, 2]
    assert np.all(np.abs(counts / 5000 - 0.2) < 0.03)
    assert np.all(params.ty == 0)


def test_float_shift_range_is_a_fraction_of_the_named_axis():
    params = Augment(width_shift_range=0.25, height_shift_range=0.5).sample(2000, (10, 40, 1), seed=0)
    assert 9 < np.abs(params.tx).max() <= 10          # 0.25 x width 40, horizontal
    assert 4.5 < np.abs(params.ty).max() <= 5         # 0.5 x height 10, vertical


def test_fused_matrices_equal_the_product_of_the_factors():
    from augcourse.augment.geometry import compose_matrices

    aug = Augment(rotation_range=40, width_shift_range=0.2, height_shift_range=3, zoom_range=0.3,
                  shear_range=30, horizontal_flip=True, vertical_flip=True)
    params = aug.sample(64, (20, 36, 3), seed=0)
    factors = compose_matrices(params, (20, 36, 3))
    assert np.allclose(params.matrices, factors["M"], atol=1e-12)
    assert np.allclose(factors["C"][0, :2, 2], [17.5, 9.5])          # the true centre ((W-1)/2, (H-1)/2)


def test_strided_and_grey_inputs_work():
    x = np.random.default_rng(0).integers(0, 256, (4, 16, 32, 3), dtype=np.uint8)
    aug = Augment(rotation_range=20)
    params = aug.sample(4, (16, 16, 3), seed=0)
    assert np.array_equal(aug.apply(x[:, :, ::2], params), aug.apply(x[:, :, ::2].copy(), params))
    grey = x[..., :1]
    assert aug.augment(grey, seed=0).shape == (4, 16, 32, 1)


def test_per_channel_shift_draws_one_offset_per_channel():
    params = Augment(channel_shift_range=30, channel_shift_per_channel=True).sample(6, (8, 8, 3), seed=0)
    assert params.channel_shift.shape == (6, 3)
    assert np.all(np.abs(params.channel_shift) <= 30) and np.ptp(params.channel_shift[0]) > 0


def test_default_probabilities_follow_idg_and_every_transform_has_one():
    aug = Augment()
    assert set(aug.p) == set(TRANSFORMS)
    assert aug.p["horizontal_flip"] == aug.p["vertical_flip"] == 0.5
    assert all(aug.p[name] == 1.0 for name in TRANSFORMS if "flip" not in name and name != "erasing")
    assert aug.p["erasing"] == 0.5                        # Zhong et al.'s probability, as torchvision's


def test_to_code_round_trips_and_idg_code_names_the_swap():
    aug = Augment(rotation_range=20, width_shift_range=0.1, fill_mode="wrap", rescale=1 / 255,
                  brightness_range=(0.7, 1.3), p={"rotation": 0.5})
    code = aug.to_code()
    assert code.startswith("Augment(") and "rescale=1 / 255" in code and "p={'rotation': 0.5}" in code
    again = eval(code, {"Augment": Augment})
    assert again.settings() == aug.settings()
    assert Augment().to_code() == "Augment()"
    idg = aug.to_idg_code()
    assert idg.startswith("ImageDataGenerator(") and "height_shift_range=0.1" in idg
    assert "fill_mode='grid-wrap'" in idg and "# IDG has no per-transform probability" in idg


def test_idg_deviations_table_has_every_documented_deviation():
    names = {d["name"] for d in IDG_DEVIATIONS}
    for expected in ("shift axes swapped", "wrong centre on non-square images", "wrap is not circular",
                     "constant has a hard edge", "shear is not a pure shear", "brightness through uint8",
                     "channel shift is one offset"):
        assert expected in names
    assert all(set(d) == {"name", "idg", "core", "shown"} for d in IDG_DEVIATIONS)


def test_importing_the_core_and_applying_it_does_not_import_tensorflow():
    code = ("import sys, numpy as np\n"
            "from augcourse.augment import Augment\n"
            "Augment(rotation_range=10).augment(np.zeros((2, 8, 8, 3), np.uint8), seed=0)\n"
            "print('tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
