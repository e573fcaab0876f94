"""Properties of the NumPy core that hold for any spec, image size, dtype and seed (hypothesis)."""


import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from augcourse.augment import FILL_MODES, Augment, AugmentParams
from augcourse.datasets import load_cifar10

# Fixed examples by default (the "course" profile in conftest), so CI gives the same verdict every run.
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def photos():
    (x, _), _, _ = load_cifar10("subset")
    return x[:8]                                                  # real uint8 photos, 32x32x3


def images_of(photos, height, width, channels, dtype):
    """Real CIFAR pixels cut or tiled to (8, height, width, channels), as uint8 or float in [0, 1]."""
    tiled = np.tile(photos, (1, -(-height // 32), -(-width // 32), 1))[:, :height, :width]
    gray = tiled.mean(axis=-1, keepdims=True).round().astype(np.uint8)
    x = {1: gray, 3: tiled, 4: np.concatenate([tiled, 255 - gray], axis=-1)}[channels]       # 4: RGBA
    return x if dtype == "uint8" else (x / 255.0).astype(dtype)


shapes = st.tuples(st.integers(3, 40), st.integers(3, 40), st.sampled_from([1, 3, 4]),
                   st.sampled_from(["uint8", "float32", "float64"]))
specs = st.fixed_dictionaries({
    "rotation_range": st.floats(0, 180), "width_shift_range": st.floats(0, 0.5),
    "height_shift_range": st.integers(0, 5), "zoom_range": st.floats(0, 0.9), "shear_range": st.floats(0, 60),
    "horizontal_flip": st.booleans(), "vertical_flip": st.booleans(), "fill_mode": st.sampled_from(FILL_MODES),
    "interpolation": st.sampled_from(["bilinear", "nearest"]), "perspective_range": st.floats(0, 0.25),
    "erasing_area": st.one_of(st.none(), st.tuples(st.floats(0.01, 0.3), st.floats(0.3, 0.6))),
    "erasing_fill": st.just("noise"),     # noise stays within each image's own range, as the properties need
})


@SETTINGS
@given(shape=shapes, spec=specs)
def test_identity_params_return_the_input(photos, shape, spec):
    x = images_of(photos, *shape)
    out = Augment(**spec).apply(x, AugmentParams.identity(len(x), x.shape[1:]))
    assert out.dtype == np.float32 and out.shape == x.shape
    assert np.array_equal(out, x.astype(np.float32))


@SETTINGS
@given(shape=shapes, fill_mode=st.sampled_from(FILL_MODES))
def test_flipping_twice_returns_the_input(photos, shape, fill_mode):
    x = images_of(photos, *shape)
    flips = AugmentParams.identity(len(x), x.shape[1:]).replace(
        flip_horizontal=np.arange(len(x)) % 2 == 0, flip_vertical=np.arange(len(x)) % 3 == 0)
    aug = Augment(fill_mode=fill_mode)
    once = aug.apply(x, flips)
    assert not np.array_equal(once[0], x[0].astype(np.float32)) or x.shape[2] == 1
    assert np.array_equal(aug.apply(once, flips), x.astype(np.float32))


@SETTINGS
@given(shape=shapes, spec=specs, seed=st.integers(0, 2 ** 32 - 1))
def test_output_shape_dtype_and_range_for_geometry(photos, shape, spec, seed):
    x = images_of(photos, *shape)
    out = Augment(**spec).augment(x, seed=seed)
    assert out.shape == x.shape and out.dtype == np.float32
    lo, hi = float(x.min()), float(x.max())                        # interpolation never overshoots
    if spec["fill_mode"] == "constant":                            # cval 0 joins the values
        lo = min(lo, 0.0)
    assert out.min() >= lo - 1e-4 and out.max() <= hi + 1e-4


@SETTINGS
@given(shape=shapes, seed=st.integers(0, 2 ** 32 - 1), per_channel=st.booleans(),
       brightness=st.tuples(st.floats(0, 2), st.floats(0, 2)).map(sorted))
def test_colour_keeps_values_in_the_image_scale(photos, shape, seed, per_channel, brightness):
    x = images_of(photos, *shape)
    scale = 255.0 if x.dtype == np.uint8 else 1.0
    aug = Augment(brightness_range=tuple(brightness), channel_shift_range=0.2 * scale,
                  channel_shift_per_channel=per_channel, rotation_range=10)
    out = aug.augment(x, seed=seed)
    assert out.min() >= 0 and out.max() <= scale + 1e-5


@SETTINGS
@given(seed=st.integers(0, 2 ** 32 - 1), p=st.floats(0, 1))
def test_probability_p_is_honoured_within_statistical_bounds(seed, p):
    n = 4000
    aug = Augment(rotation_range=30, brightness_range=(0.5, 1.5), horizontal_flip=True,
                  p={"rotation": p, "brightness": 1 - p, "horizontal_flip": p})
    params = aug.sample(n, (8, 8, 3), seed=seed)
    bound = 4.5 * np.sqrt(p * (1 - p) / n) + 3 / n              # 4.5 sigma, plus 3 counts for rare events
    assert abs((params.theta != 0).mean() - p) <= bound
    assert abs((params.brightness != 1).mean() - (1 - p)) <= bound
    assert abs(params.flip_horizontal.mean() - p) <= bound
    applied = params.applied
    assert np.array_equal(applied["rotation"], params.theta != 0) and not applied["zoom"].any()


def test_flips_default_to_probability_one_half():
    params = Augment(horizontal_flip=True, vertical_flip=True).sample(4000, (8, 8, 3), seed=0)
    assert abs(params.flip_horizontal.mean() - 0.5) < 0.04 and abs(params.flip_vertical.mean() - 0.5) < 0.04
    outcomes = set(zip(params.flip_horizontal.tolist(), params.flip_vertical.tolist()))
    assert len(outcomes) == 4                                     # independent coins, as IDG


@SETTINGS
@given(shape=shapes, seed=st.integers(0, 2 ** 31))
def test_same_seed_same_pixels_different_seed_different_pixels(photos, shape, seed):
    x = images_of(photos, *shape)
    aug = Augment(rotation_range=30, width_shift_range=0.2, zoom_range=0.2, channel_shift_range=10,
                  horizontal_flip=True)
    a, b, c = aug.augment(x, seed=seed), aug(x, seed=seed), aug.augment(x, seed=seed + 1)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@SETTINGS
@given(shape=shapes, spec=specs, seed=st.integers(0, 2 ** 31))
def test_the_global_numpy_rng_is_untouched_and_inputs_are_not_modified(photos, shape, spec, seed):
    x = images_of(photos, *shape)
    before, copy = np.random.get_state(), x.copy()
    Augment(**spec, channel_shift_range=5, brightness_range=(0.9, 1.1)).augment(x, seed=seed)
    after = np.random.get_state()
    assert after[0] == before[0] and np.array_equal(after[1], before[1]) and after[2:] == before[2:]
    assert np.array_equal(x, copy)


def test_apply_is_pure(photos):
    aug = Augment(rotation_range=20, channel_shift_range=30, brightness_range=(0.7, 1.3), rescale=1 / 255)
    params = aug.sample(len(photos), photos.shape[1:], seed=0)
    assert np.array_equal(aug.apply(photos, params), aug.apply(photos, params))


def test_normalization_follows_idg_order_and_fit(photos):
    x = photos.astype(np.float32)
    aug = Augment(rescale=1 / 255, featurewise_center=True, featurewise_std_normalization=True)
    with pytest.raises(RuntimeError, match="fit"):
        aug.standardize(x)
    aug.fit(photos)
    out = aug.standardize(x)
    assert np.allclose(out.mean(axis=(0, 1, 2)), 0, atol=1e-4) and np.allclose(out.std(axis=(0, 1, 2)), 1, atol=1e-3)
    sample = Augment(samplewise_center=True, samplewise_std_normalization=True).standardize(x)
    assert np.allclose(sample.mean(axis=(1, 2, 3)), 0, atol=1e-4) and np.allclose(sample.std(axis=(1, 2, 3)), 1, atol=1e-3)
