"""The core against the real ImageDataGenerator: same pixels where IDG keeps its promise,
and each documented deviation shown as a deviation."""

import numpy as np
import pytest

from augcourse._tf import tf
from augcourse.augment import Augment, AugmentParams, apply_idg, idg_equivalent
from augcourse.datasets import load_cifar10

IDG = tf.keras.preprocessing.image.ImageDataGenerator
FILL_MODES = ("nearest", "reflect", "wrap", "constant")
TRANSFORMS = {
    "rotation": {"rotation_range": 45},
    "shift": {"width_shift_range": 0.2, "height_shift_range": 0.2},
    "zoom": {"zoom_range": 0.3},
    "shear": {"shear_range": 20},
    "flips": {"horizontal_flip": True, "vertical_flip": True},
    "all": {"rotation_range": 45, "width_shift_range": 0.2, "height_shift_range": 0.2, "zoom_range": 0.3,
            "shear_range": 20, "horizontal_flip": True, "vertical_flip": True},
}


@pytest.fixture(scope="module")
def cifar():
    (x, _), _, _ = load_cifar10("subset")
    return x[:12].astype(np.float32)                           # real 32x32x3 photos, 0-255


def replace(params, **fields):
    return params.replace(**{k: np.asarray(v) for k, v in fields.items()})


@pytest.mark.parametrize("fill_mode", FILL_MODES)
@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
def test_geometry_matches_idg_apply_transform(cifar, transform, fill_mode):
    aug = Augment(fill_mode=fill_mode, cval=100.0, **TRANSFORMS[transform])
    params = aug.sample(len(cifar), cifar.shape[1:], seed=3)
    ours = aug.apply(cifar, params)
    theirs = apply_idg(cifar, params, fill_mode, cval=100.0)   # 'wrap'/'constant' -> SciPy grid-* modes
    assert np.abs(ours - theirs).max() < 1e-3                   # on a 0-255 scale, border included


def test_nearest_interpolation_matches_idg_order_0_on_whole_pixel_moves(cifar):
    aug = Augment(width_shift_range=3, height_shift_range=3, horizontal_flip=True, interpolation="nearest")
    params = aug.sample(len(cifar), cifar.shape[1:], seed=0)
    assert np.array_equal(aug.apply(cifar, params), apply_idg(cifar, params, interpolation="nearest"))


def test_channel_shift_matches_idg_one_offset_clipped_to_the_image_range(cifar):
    aug = Augment(rotation_range=20, channel_shift_range=60, horizontal_flip=True)
    params = aug.sample(len(cifar), cifar.shape[1:], seed=1)
    ours, theirs = aug.apply(cifar, params), apply_idg(cifar, params)
    assert np.abs(ours - theirs).max() < 1e-3
    assert np.all(ours.max(axis=(1, 2, 3)) <= cifar.max(axis=(1, 2, 3)) + 1e-3)


def test_to_idg_kwargs_build_an_idg_that_draws_from_the_same_ranges():
    aug = Augment(rotation_range=20, width_shift_range=0.1, zoom_range=0.2, fill_mode="wrap",
                  brightness_range=(0.7, 1.3), interpolation="nearest")
    kwargs = aug.to_idg_kwargs()
    assert kwargs["height_shift_range"] == 0.1 and "width_shift_range" not in kwargs   # IDG's swap
    assert kwargs["fill_mode"] == "grid-wrap" and kwargs["interpolation_order"] == 0
    draw = IDG(**kwargs).get_random_transform((32, 32, 3))
    assert abs(draw["theta"]) <= 20 and abs(draw["tx"]) <= 3.2 and draw["ty"] == 0


# -- the documented deviations, shown as deviations ------------------------------------------------

def test_deviation_idg_swaps_the_shift_axes_the_core_does_not():
    marker = np.zeros((9, 9, 1), np.float32)
    marker[4, 4] = 1.0
    idg = IDG(width_shift_range=[3])
    idg_moves = set()
    for _ in range(10):
        draw = idg.get_random_transform(marker.shape, seed=None)
        row, col = np.argwhere(idg.apply_transform(marker, draw)[..., 0] > 0.5)[0]
        idg_moves.add((int(row) - 4, int(col) - 4))
    assert idg_moves <= {(-3, 0), (3, 0)}                       # IDG: width shift moves rows
    core = Augment(width_shift_range=3).augment(np.repeat(marker[None], 40, axis=0), seed=0)
    core_moves = {tuple(np.argwhere(m[..., 0] > 0.5)[0] - 4) for m in core}
    assert {dr for dr, _ in core_moves} == {0} and len(core_moves) == 7   # core: columns, -3..3


def test_deviation_idg_turns_non_square_images_about_the_wrong_centre():
    wide = np.zeros((6, 10, 1), np.float32)
    wide[2:4, 4:6] = 1.0                                        # a centred 2x2 block
    half_turn = replace(AugmentParams.identity(1, wide.shape), theta=[180.0])
    core = Augment().apply(wide[None], half_turn)[0]
    idg = IDG(fill_mode="constant").apply_transform(wide, idg_equivalent(half_turn, 0))
    assert np.allclose(core, wide, atol=1e-4)                   # a centred block stays put
    assert idg.sum() < 0.5                                      # IDG turns it out of the image


def test_deviation_idg_wrap_has_period_n_minus_1_core_wrap_is_np_roll():
    row = np.tile(np.arange(8, dtype=np.float32)[None, :, None], (8, 1, 1))
    shift = replace(AugmentParams.identity(1, row.shape), tx=[2.0])
    core = Augment(fill_mode="wrap").apply(row[None], shift)[0, 0, :, 0]
    idg = apply_idg(row[None], shift, fill_mode="wrap", scipy_fill=False)[0, 0, :, 0]
    assert core.tolist() == np.roll(np.arange(8), -2).tolist()  # [2..7, 0, 1]
    assert idg.tolist() == [2, 3, 4, 5, 6, 7, 1, 2]


def test_deviation_idg_constant_has_a_hard_edge():
    ones = np.ones((8, 8, 1), np.float32)
    half_turn = replace(AugmentParams.identity(1, ones.shape), theta=[180.0])
    core = Augment(fill_mode="constant").apply(ones[None], half_turn)[0]
    idg = apply_idg(ones[None], half_turn, fill_mode="constant", scipy_fill=False)[0]
    assert np.allclose(core, 1.0, atol=1e-4)
    assert 0 < int((idg < 0.5).sum()) <= 16                    # border pixels turned to cval


def test_deviation_shear_is_idgs_sin_and_stretch_not_a_pure_shear():
    params = replace(AugmentParams.identity(1, (32, 32, 1)), shear=[30.0])
    m = params.matrices[0]
    assert np.isclose(m[0, 1], -np.sin(np.radians(30))) and np.isclose(m[1, 1], np.cos(np.radians(30)))
    assert not np.isclose(m[0, 1], -np.tan(np.radians(30)))   # a pure shear would use tan


def test_deviation_brightness_idg_goes_through_uint8_core_stays_float(cifar):
    aug = Augment(brightness_range=(0.5, 1.5))
    params = aug.sample(len(cifar), cifar.shape[1:], seed=0)
    smooth = cifar * 0.99 + 0.6                                  # fractional values within 0..255
    ours, theirs = aug.apply(smooth, params), apply_idg(smooth, params)
    b = params.brightness[:, None, None, None]
    assert np.allclose(ours, np.clip(smooth * b, 0, 255), atol=1e-3)
    assert np.allclose(theirs, np.clip(np.round(np.floor(smooth) * b), 0, 255), atol=1.01)
    assert 0.3 < np.abs(ours - theirs).max() <= 1.5 + 0.5 + 1.0  # truncation x b, rounding, PIL blend
    scaled = cifar / 255.0                                       # data already in [0, 1]
    assert np.all(apply_idg(scaled, params)[scaled < 1] == 0)   # IDG: black (only exact 1.0 survives)
    assert np.allclose(aug.apply(scaled, params), np.clip(scaled * b, 0, 1), atol=1e-6)
