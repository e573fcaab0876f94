"""The transform records: own random streams, derived tables, the two new transforms, the layer's doors.

Each test here is meant to fail on a plausible one-line bug in ``augcourse/augment/`` (a swapped
axis, a shared column, a wrong sign, a lost probability); the module docstrings say the maths.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from augcourse.augment import Augment
from augcourse.augment.geometry import compose_matrices
from augcourse.augment.options import AugmentOptions
from augcourse.augment.transforms import BY_NAME, DEFAULT_P, FIELDS, NEUTRAL, OPTIONS, RECORDS, TRANSFORMS

ROOT = Path(__file__).resolve().parents[1]
# Every transform on, at moderate settings (a spec that exercises every record).
ALL_ON = dict(horizontal_flip=True, vertical_flip=True, rotation_range=30, width_shift_range=0.2,
              height_shift_range=0.1, shear_range=15, zoom_range=(0.7, 1.3), perspective_range=0.1,
              channel_shift_range=30, brightness_range=(0.6, 1.4), erasing_area=(0.05, 0.3))
# The options that switch each transform off.
OFF = {"horizontal_flip": dict(horizontal_flip=False), "vertical_flip": dict(vertical_flip=False),
       "rotation": dict(rotation_range=0), "shift": dict(width_shift_range=0, height_shift_range=0),
       "shear": dict(shear_range=0), "zoom": dict(zoom_range=0.0), "perspective": dict(perspective_range=0),
       "channel_shift": dict(channel_shift_range=0), "brightness": dict(brightness_range=None),
       "erasing": dict(erasing_area=None)}
IMAGES = np.random.default_rng(0).integers(0, 256, (12, 20, 36, 3)).astype(np.uint8)   # non-square on purpose


def fields_of(transform, params):
    return {field: params.fields[field] for field in transform.fields}


def test_every_transform_has_an_off_switch_here():
    assert set(OFF) == set(TRANSFORMS)


@pytest.mark.parametrize("name", TRANSFORMS)
def test_switching_a_transform_off_leaves_every_other_transforms_draws_identical(name):
    shape = IMAGES.shape[1:]
    everything = Augment(**ALL_ON).sample(12, shape, seed=7)
    without = Augment(**{**ALL_ON, **OFF[name]}).sample(12, shape, seed=7)
    for transform in RECORDS:
        ours, theirs = fields_of(transform, everything), fields_of(transform, without)
        for field in transform.fields:
            if transform.name == name:
                assert np.all(theirs[field] == NEUTRAL[field]), (name, field)
            else:
                assert np.array_equal(ours[field], theirs[field]), (name, transform.name, field)


@pytest.mark.parametrize("name", TRANSFORMS)
def test_adding_a_transform_or_changing_its_probability_leaves_the_others_alone(name):
    shape = IMAGES.shape[1:]
    base = {**ALL_ON, **OFF[name]}
    before = Augment(**base).sample(12, shape, seed=[3, 4])
    added = Augment(**ALL_ON, p={name: 0.3}).sample(12, shape, seed=[3, 4])
    for transform in RECORDS:
        if transform.name != name:
            for field in transform.fields:
                assert np.array_equal(before.fields[field], added.fields[field]), (name, transform.name, field)


def test_zoom_draws_x_and_y_from_two_columns():
    params = Augment(zoom_range=(0.5, 1.5)).sample(2000, (8, 8, 3), seed=0)
    assert np.mean(params.zx != params.zy) > 0.99
    assert abs(np.corrcoef(params.zx, params.zy)[0, 1]) < 0.1          # independent, as in IDG
    assert params.zx.min() >= 0.5 and params.zy.max() <= 1.5


def test_shift_draws_x_from_width_and_y_from_height():
    params = Augment(width_shift_range=0.25, height_shift_range=0.0).sample(500, (20, 40, 3), seed=0)
    assert np.abs(params.tx).max() > 8 and np.abs(params.tx).max() <= 10 and np.all(params.ty == 0)


@pytest.mark.parametrize("name", TRANSFORMS)
def test_a_probability_gates_its_own_transform(name):
    params = Augment(**ALL_ON, p={name: 0.25}).sample(4000, IMAGES.shape[1:], seed=1)
    rate = params.applied[name].mean()
    assert 0.22 < rate < 0.28, (name, rate)


def test_the_tables_are_derived_from_the_records():
    assert TRANSFORMS == tuple(t.name for t in RECORDS) and set(DEFAULT_P) == set(TRANSFORMS)
    assert set(FIELDS) == {field for t in RECORDS for field in t.fields}
    assert set(OPTIONS) == {option.name for t in RECORDS for option in t.options}
    modules = {p.stem for p in (ROOT / "augcourse" / "augment" / "transforms").glob("*.py")} - {"__init__", "base",
                                                                                                 "checks"}
    found = {t.draw.__module__.rsplit(".", 1)[1] for t in RECORDS}
    assert found == modules                 # every record module is discovered, none is listed by hand
    assert [t.order for t in RECORDS] == sorted(t.order for t in RECORDS)
    assert DEFAULT_P["erasing"] == 0.5 and DEFAULT_P["horizontal_flip"] == 0.5 and DEFAULT_P["rotation"] == 1.0


def test_an_unknown_option_is_refused_by_name():
    with pytest.raises(TypeError, match="rotaton_range"):
        AugmentOptions(rotaton_range=10)


@pytest.mark.parametrize("option, value", [("erasing_area", (0.0, 0.2)), ("erasing_area", (0.3, 0.2)),
                                           ("erasing_ratio", (0, 2)), ("erasing_fill", "blur"),
                                           ("erasing_fill", float("nan")), ("perspective_range", 0.3),
                                           ("perspective_range", -0.1)])
def test_the_new_options_refuse_impossible_values_by_name(option, value):
    with pytest.raises((TypeError, ValueError), match=option):
        Augment(**{option: value})


def test_the_fused_matrix_is_the_product_of_the_factors_with_perspective():
    params = Augment(**ALL_ON).sample(12, IMAGES.shape[1:], seed=2)
    assert np.allclose(params.matrices, compose_matrices(params, IMAGES.shape[1:])["M"], atol=1e-9)


def test_the_perspective_matrix_sends_each_corner_to_its_moved_point():
    aug = Augment(perspective_range=0.2)
    params = aug.sample(50, (21, 41, 3), seed=0)
    m, corners = params.matrices, params.corners
    out_corners = np.array([[0, 0, 1], [40, 0, 1], [40, 20, 1], [0, 20, 1]], float)
    moved = np.einsum("nij,kj->nki", m, out_corners)
    moved = moved[..., :2] / moved[..., 2:]
    expected = out_corners[None, :, :2] + corners.reshape(-1, 4, 2)
    assert np.allclose(moved, expected, atol=1e-6)
    assert np.abs(corners[:, 0::2]).max() <= 0.2 * 40 and np.abs(corners[:, 1::2]).max() <= 0.2 * 20
    assert np.abs(corners[:, 0::2]).max() > 0.15 * 40                     # x offsets scale with the width


def test_erasing_fills_exactly_its_rectangle():
    aug = Augment(erasing_area=(0.05, 0.3), erasing_ratio=(0.5, 2.0), erasing_fill=7.0, p={"erasing": 1.0})
    x = np.full((200, 24, 40, 3), 100, np.uint8)
    params = aug.sample(200, x.shape[1:], seed=0)
    out = aug.apply(x, params)
    for i in range(200):
        d = params[i]
        x0, y0, w, h = (int(d[k]) for k in ("erase_x", "erase_y", "erase_w", "erase_h"))
        mask = np.zeros((24, 40), bool)
        mask[y0:y0 + h, x0:x0 + w] = True
        assert np.all(out[i][mask] == 7.0) and np.all(out[i][~mask] == 100.0), i
        assert 0 <= x0 and x0 + w <= 40 and 0 <= y0 and y0 + h <= 24
    area = params.erase_w * params.erase_h / (24 * 40)
    assert area.min() > 0.03 and area.max() < 0.33                      # the drawn fraction, rounded to pixels
    ratio = params.erase_w / params.erase_h
    assert ratio.min() < 0.8 and ratio.max() > 1.3                       # both orientations occur


def test_erasing_noise_stays_within_each_images_range_and_varies():
    aug = Augment(erasing_area=(0.2, 0.2), erasing_fill="noise", p={"erasing": 1.0})
    x = np.random.default_rng(1).integers(50, 150, (6, 16, 16, 3)).astype(np.float32)
    params = aug.sample(6, x.shape[1:], seed=0)
    out = aug.apply(x, params)
    changed = out != x
    assert changed.any()
    for i in range(6):
        values = out[i][changed[i]]
        assert values.min() >= x[i].min() and values.max() <= x[i].max() and values.std() > 5
    assert "erase_noise" not in params[0]                                 # too bulky to print


@pytest.mark.parametrize("fill_mode", ["nearest", "reflect", "wrap", "constant"])
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_the_layer_applies_given_parameters_as_numpy_does_on_non_square_images(fill_mode, interpolation):
    aug = Augment(**ALL_ON, fill_mode=fill_mode, cval=90.0, interpolation=interpolation,
                  channel_shift_per_channel=True)
    params = aug.sample(len(IMAGES), IMAGES.shape[1:], seed=4)
    ours = aug.apply(IMAGES, params)
    theirs = np.asarray(aug.to_layer().transform(IMAGES, params))
    if interpolation == "bilinear":
        assert np.abs(ours - theirs).max() < 0.05
    else:       # a sample exactly between two pixels may round either way in OpenCV and in the kernel
        assert np.mean(np.abs(ours - theirs) > 0.05) < 0.002


@pytest.mark.parametrize("shape", [(1, 5, 3), (7, 2, 1), (9, 4, 3)])
def test_wrap_and_reflect_agree_on_tiny_and_thin_images(shape):
    x = np.random.default_rng(2).integers(0, 256, (8,) + shape).astype(np.float32)
    for fill_mode in ("wrap", "reflect"):
        aug = Augment(rotation_range=90, width_shift_range=0.4, height_shift_range=0.4, fill_mode=fill_mode)
        params = aug.sample(8, shape, seed=5)
        assert np.abs(aug.apply(x, params) - np.asarray(aug.to_layer().transform(x, params))).max() < 0.05


def test_the_layer_draws_each_transform_from_its_own_stream():
    from augcourse._tf import keras

    x = np.full((64, 8, 8, 3), 120.0, np.float32)
    spec = dict(brightness_range=(0.5, 1.5))
    alone = np.asarray(Augment(**spec).to_layer(seed=3)(x, training=True))
    keras.utils.set_random_seed(0)
    with_more = np.asarray(Augment(**spec, channel_shift_range=0.0001, vertical_flip=True).to_layer(seed=3)(
        x, training=True))
    # the flips of a constant image change nothing; a shift of 1e-4 barely: brightness must be the same draw
    assert np.abs(alone - with_more).max() < 0.01


def test_a_model_with_the_layer_saves_and_loads_without_custom_objects(tmp_path):
    from augcourse._tf import keras

    aug = Augment(**ALL_ON, rescale=1 / 255)
    model = keras.Sequential([keras.Input(IMAGES.shape[1:]), aug.to_layer(seed=5), keras.layers.Conv2D(2, 3)])
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    x = IMAGES.astype(np.float32)
    assert np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0), atol=1e-6)
    first, second = model.layers[0], loaded.layers[0]
    assert type(second).__name__ == "AugmentLayer" and second.aug.settings() == aug.settings()
    assert np.allclose(keras.ops.convert_to_numpy(first(x, training=True)),
                       keras.ops.convert_to_numpy(second(x, training=True)), atol=1e-4)   # same seed state


def test_the_keras_probability_factor_of_erasing_and_perspective_is_as_the_code_says():
    """The code writer passes factor=(p, p): p is then the probability (a single f gives f / 2)."""
    from augcourse._tf import keras

    x = np.full((600, 8, 8, 3), 200.0, np.float32)
    keras.utils.set_random_seed(0)
    exact = keras.layers.RandomErasing(factor=(0.3, 0.3), scale=(0.2, 0.3), fill_value=0.0)(x, training=True)
    single = keras.layers.RandomErasing(factor=1.0, scale=(0.2, 0.3), fill_value=0.0)(x, training=True)
    rate = np.mean(np.asarray(exact).min(axis=(1, 2, 3)) == 0)
    half = np.mean(np.asarray(single).min(axis=(1, 2, 3)) == 0)
    assert 0.24 < rate < 0.36 and 0.42 < half < 0.58
    assert "factor=(0.5, 0.5)" in Augment(erasing_area=(0.02, 0.2)).to_keras_code()


def test_the_new_transforms_are_written_for_every_library_and_run():
    from augcourse.augment.albumentations_code import albumentations_compose
    from augcourse.augment.keras_code import keras_stack

    aug = Augment(erasing_area=(0.05, 0.2), perspective_range=0.1, erasing_fill="noise")
    assert "ImageDataGenerator has no random erasing" in aug.to_idg_code()
    assert "ImageDataGenerator has no perspective warp" in aug.to_idg_code()
    assert "A.Erasing(" in aug.to_albumentations_code() and "A.Perspective(" in aug.to_albumentations_code()
    out = albumentations_compose(aug, seed=0)(image=IMAGES[0])["image"]
    assert out.shape == IMAGES[0].shape
    stack = keras_stack(aug)
    assert [type(layer).__name__ for layer in stack.layers] == ["RandomPerspective", "RandomErasing"]
    assert tuple(stack(IMAGES.astype(np.float32), training=True).shape) == IMAGES.shape


def test_the_layer_runs_and_matches_numpy_under_the_jax_backend():
    script = textwrap.dedent("""
        import numpy as np
        from augcourse._tf import keras
        assert keras.backend.backend() == "jax", keras.backend.backend()
        from augcourse.augment import Augment
        x = np.random.default_rng(0).integers(0, 256, (6, 12, 20, 3)).astype(np.float32)
        for fill_mode in ("nearest", "reflect", "wrap", "constant"):
            aug = Augment(rotation_range=40, horizontal_flip=True, width_shift_range=0.3, zoom_range=(0.8, 1.3),
                          perspective_range=0.1, channel_shift_range=20, erasing_area=(0.1, 0.2),
                          fill_mode=fill_mode, cval=50.0)
            layer = aug.to_layer(seed=3)
            params = aug.sample(6, x.shape[1:], seed=1)
            gap = float(np.abs(np.asarray(layer.transform(x, params)) - aug.apply(x, params)).max())
            assert gap < 0.05, (fill_mode, gap)
            out = layer(x, training=True)
            assert type(out).__module__.startswith("jax"), type(out)
        model = keras.Sequential([keras.Input(x.shape[1:]), layer, keras.layers.Conv2D(2, 3)])
        model.compile("adam", "mse")
        model.fit(x, np.zeros((6, 10, 18, 2)), epochs=1, verbose=0)
        print("jax ok")
    """)
    env = {**os.environ, "KERAS_BACKEND": "jax"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600,
                          cwd=ROOT)
    assert done.returncode == 0 and "jax ok" in done.stdout, done.stderr[-3000:]


def test_every_record_module_opens_with_its_idea_and_translates_to_idg():
    for transform in RECORDS:
        kwargs, notes = {}, []
        settings = {option.name: option.default for option in transform.options}
        assert transform.is_on(AugmentOptions(**settings)) is False, transform.name     # off by default
        assert BY_NAME[transform.name] is transform
        transform.idg(AugmentOptions(**ALL_ON), None, kwargs, notes)
        assert kwargs or notes, transform.name


def test_each_transform_has_a_stream_of_its_own():
    """Two transforms with the same range must not draw the same numbers (a shared stream would)."""
    params = Augment(rotation_range=30, shear_range=30).sample(500, (8, 8, 3), seed=0)
    assert abs(np.corrcoef(params.theta, params.shear)[0, 1]) < 0.15


def test_each_transform_has_a_stream_of_its_own_in_the_layer():
    from augcourse._tf import keras

    layer = Augment(rotation_range=30, shear_range=30).to_layer(seed=0)
    draws = layer.get_random_transformation(np.zeros((500, 8, 8, 3), np.float32))
    theta, shear = (keras.ops.convert_to_numpy(v) for v in (draws.theta, draws.shear))
    assert abs(np.corrcoef(theta, shear)[0, 1]) < 0.15 and np.abs(theta).max() > 25
