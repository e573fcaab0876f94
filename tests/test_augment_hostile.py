"""Hostile input: every public entry point either refuses a value with a ValueError or TypeError that
names the parameter, or returns a finite float32 result of the right shape (the core), the value asked
for (widget start values) or a uint8 picture (learners' files)."""

import inspect
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from augcourse.augment import Augment
from augcourse.widgets.lessons import LESSON_OPTIONS

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTIONS = [name for name in inspect.signature(Augment).parameters]
NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6))
ANYTHING = st.one_of(NUMBERS, st.none(), st.booleans(), st.text(max_size=6),
                     st.tuples(NUMBERS, NUMBERS), st.lists(NUMBERS, max_size=3),
                     st.dictionaries(st.sampled_from(["rotation", "shift", "zoom", "rotate", "erasing", "perspective"]),
                                     NUMBERS, max_size=2),
                     st.sampled_from(["nearest", "wrap", "constant", "Nearest", "bilinear", "bicubic", "noise"]))
IMAGES = st.tuples(st.integers(0, 3), st.integers(1, 9), st.integers(1, 9), st.sampled_from([1, 3]),
                   st.sampled_from(["uint8", "float32", "float64", "int16"]))


def names_parameter(error, name):
    return name in str(error)


@SETTINGS
@given(name=st.sampled_from(OPTIONS), value=ANYTHING, shape=IMAGES, seed=st.integers(0, 2**31))
def test_any_option_value_is_refused_by_name_or_gives_finite_float32(name, value, shape, seed):
    try:
        aug = Augment(**{name: value})
    except (ValueError, TypeError) as error:
        assert names_parameter(error, name if name != "p" else "p"), (name, value, error)
        return
    n, h, w, c, dtype = shape
    x = np.random.default_rng(seed).uniform(0, 255, (n, h, w, c)).astype(dtype)
    if aug.featurewise:
        aug.fit(np.ones((2, h, w, c), dtype))
    try:
        out = aug.augment(x, seed=seed)
    except ValueError as error:      # the only refusal allowed at apply time: cval beyond an int dtype
        assert names_parameter(error, "cval") and x.dtype.kind in "ui", error
        return
    assert out.dtype == np.float32 and out.shape == x.shape and np.isfinite(out).all()


@SETTINGS
@given(value=ANYTHING)
def test_any_seed_is_refused_by_name_or_draws(value):
    aug = Augment(rotation_range=10)
    try:
        params = aug.sample(3, (4, 4, 3), seed=value)
    except (ValueError, TypeError) as error:
        assert "seed must be" in str(error) and "SeedSequence" not in str(error), error
        return
    assert len(params) == 3 and np.isfinite(params.theta).all()


@SETTINGS
@given(shape=st.lists(st.integers(0, 5), min_size=0, max_size=5), dtype=st.sampled_from(
    ["uint8", "float32", "bool", "complex64", "int64", "U1", "object"]))
def test_any_array_is_refused_by_name_or_augmented(shape, dtype):
    x = np.zeros(shape, dtype=dtype)
    aug = Augment(rotation_range=10, brightness_range=(0.5, 1.5))
    try:
        out = aug.augment(x, seed=0)
    except (ValueError, TypeError) as error:
        assert str(error).startswith("images"), error
        return
    assert out.shape == x.shape and out.dtype == np.float32


@pytest.mark.parametrize("name, value", [
    ("zoom_range", (0.5, math.inf)), ("zoom_range", math.nan), ("brightness_range", (0.5, math.inf)),
    ("brightness_range", (math.nan, 1.0)), ("width_shift_range", math.inf), ("height_shift_range", math.nan),
    ("channel_shift_range", math.inf), ("cval", math.nan), ("cval", -math.inf), ("rescale", math.inf),
    ("rescale", math.nan), ("shear_range", math.inf), ("rotation_range", math.nan)])
def test_non_finite_options_fail_at_construction(name, value):
    with pytest.raises(ValueError, match=rf"^{name} must be .*finite.*; got "):
        Augment(**{name: value})


@pytest.mark.parametrize("name, value, words", [
    ("zoom_range", (1.0, 1e38), "high <= 100"), ("brightness_range", (0.5, 1e300), "high <= 100"),
    ("width_shift_range", 1e300, "<= 1000000"), ("height_shift_range", 2e6, "<= 1000000"),
    ("cval", 1e300, "<= 1000000"), ("cval", -2e6, ">= -1000000"), ("rescale", 1e38, "<= 1000000")])
def test_options_too_large_for_a_finite_float32_result_fail_at_construction(name, value, words):
    """Each of these once gave a NaN or infinite picture (found by the random search above)."""
    with pytest.raises(ValueError, match=rf"^{name} must be .*{words}.*; got "):
        Augment(**{name: value})


@pytest.mark.parametrize("shape", [(0, 0, 0, 1), (2, 0, 4, 3), (1, 4, 0, 1)])
def test_images_without_pixels_are_refused_by_name(shape):
    with pytest.raises(ValueError, match=r"^images \(shape .*\) must be images at least 1 pixel high and wide"):
        Augment(rotation_range=10).augment(np.zeros(shape, np.uint8), seed=0)


def test_float_pixels_beyond_the_limit_are_refused_and_the_largest_allowed_stay_finite():
    aug = Augment(zoom_range=(0.01, 100), brightness_range=(0, 100), rescale=1e6, rotation_range=30,
                  width_shift_range=10**6, fill_mode="constant", cval=-1e6, channel_shift_range=2e6)
    assert np.isfinite(aug.augment(np.full((2, 5, 5, 3), 1e6, np.float32), seed=0)).all()
    assert np.isfinite(aug.augment(np.full((2, 5, 5, 3), 2**62, np.int64), seed=0)).all()
    with pytest.raises(ValueError, match=r"^images \(shape .*\) must be pixel values within \+-1e\+06"):
        aug.augment(np.full((1, 5, 5, 3), 3e38, np.float32), seed=0)
    with pytest.raises(ValueError, match=r"channel_shift_range must be a finite number >= 0 and <= 2000000"):
        Augment(channel_shift_range=1e300)


def test_one_nan_pixel_is_refused_with_a_count_not_spread_over_the_image():
    x = np.full((2, 8, 8, 3), 100.0, np.float32)
    x[1, 3, 3, 0] = np.nan
    x[1, 4, 4, 2] = np.inf
    with pytest.raises(ValueError, match=r"images \(shape \(2, 8, 8, 3\)\) must be finite .*got '2 NaN or infinite"):
        Augment(brightness_range=(0.5, 1.5), channel_shift_range=20).augment(x, seed=0)


@pytest.mark.parametrize("cval, dtype, ok", [(300, "uint8", False), (-1, "uint8", False), (255, "uint8", True),
                                             (300, "float32", True), (-1, "float32", True)])
def test_cval_beyond_an_integer_dtype_is_refused_float_images_take_any_value(cval, dtype, ok):
    aug = Augment(width_shift_range=0.5, fill_mode="constant", cval=cval)
    x = np.full((1, 8, 8, 1), 10, dtype)
    params = aug.sample(1, x.shape[1:], seed=0).replace(tx=[4.0])      # half the image filled with cval
    if ok:
        out = aug.apply(x, params)
        assert cval in out or np.isclose(out, cval).any()
    else:
        with pytest.raises(ValueError, match=r"cval must be within uint8's range 0..255"):
            aug.apply(x, params)
    assert Augment(width_shift_range=0.5, fill_mode="nearest", cval=cval).apply(x, params).max() == 10


@pytest.mark.parametrize("seed, error", [("abc", TypeError), (1.5, TypeError), (-1, ValueError),
                                         ([1, -2], ValueError), (True, TypeError)])
def test_bad_seeds_get_the_course_message(seed, error):
    with pytest.raises(error, match=r"^seed must be None, an integer from 0 to 2\*\*63 - 1, or a list"):
        Augment(rotation_range=10).sample(2, (4, 4, 3), seed=seed)


@pytest.mark.parametrize("options", [
    {"horizontal_flip": True}, {"vertical_flip": True}, {"rotation_range": 20}, {"width_shift_range": 0.2},
    {"zoom_range": 0.2}, {"shear_range": 10}, {"brightness_range": (0.5, 1.5)}, {"channel_shift_range": 20},
    {"channel_shift_range": 20, "channel_shift_per_channel": True}, {"rescale": 1 / 255},
    {"samplewise_center": True, "samplewise_std_normalization": True}, {"perspective_range": 0.1},
    {"erasing_area": (0.1, 0.3), "p": {"erasing": 1.0}}, {"erasing_area": (0.1, 0.3), "erasing_fill": "noise"}])
def test_an_empty_batch_works_for_every_transform(options):
    out = Augment(**options).augment(np.zeros((0, 8, 8, 3), np.uint8), seed=0)
    assert out.shape == (0, 8, 8, 3) and out.dtype == np.float32


def test_fit_on_an_empty_batch_is_refused():
    with pytest.raises(ValueError, match=r"^x must be at least one image"):
        Augment(featurewise_center=True).fit(np.zeros((0, 8, 8, 3)))


@pytest.mark.parametrize("shape, words", [((8, 8, 3), "rank 3"), ((2, 8, 8, 2), "2 channels")])
def test_the_layer_door_refuses_what_the_numpy_door_refuses_with_the_same_message(shape, words):
    aug = Augment(rotation_range=10)
    x = np.zeros(shape, np.float32)
    with pytest.raises(ValueError) as numpy_error:
        aug.augment(x, seed=0)
    for training in (True, False):
        with pytest.raises(ValueError) as layer_error:
            aug.to_layer(seed=0)(x, training=training)
        assert str(numpy_error.value) in str(layer_error.value) and words in str(layer_error.value)


def test_idg_code_keeps_the_shift_size_on_non_square_images():
    """Core width_shift_range=0.1 on a 48x80 image shifts +-8 px; the generated IDG call must too."""
    from augcourse._tf import tf

    aug = Augment(width_shift_range=0.1, height_shift_range=0.25)
    kwargs = aug.to_idg_kwargs(image_shape=(48, 80, 3))
    idg = tf.keras.preprocessing.image.ImageDataGenerator(**kwargs)
    draws = [idg.get_random_transform((48, 80, 3), seed=s) for s in range(400)]
    core = aug.sample(400, (48, 80, 3), seed=0)
    assert math.isclose(max(abs(d["tx"]) for d in draws), np.abs(core.tx).max(), rel_tol=0.05)
    assert math.isclose(max(abs(d["ty"]) for d in draws), np.abs(core.ty).max(), rel_tol=0.05)
    assert np.abs(core.tx).max() <= 8 < np.abs(core.tx).max() * 1.05
    assert "square images only" in aug.to_idg_code() and "square" not in aug.to_idg_code(image_shape=(48, 80, 3))


# -- the other public doors: widget start values, learners' files --------------------------------
WIDGET_STARTS = [(lesson, name) for lesson, options in LESSON_OPTIONS.items() for name in options]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(WIDGET_STARTS), value=ANYTHING)
def test_any_widget_start_value_is_refused_by_name_or_shown(start, value):
    from augcourse.widgets import lesson_controls

    lesson, name = start
    try:
        controls = lesson_controls(lesson, draw=lambda x, spec, seed: (x.astype(np.float32), None),
                                   debounce=0, **{name: value})
    except (ValueError, TypeError) as error:
        assert str(error).startswith(f"{name} must be") and "Trait" not in type(error).__name__, error
        return
    shown = controls.widgets[name].value
    assert shown == (tuple(value) if isinstance(shown, tuple) else value)      # never clamped silently


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=64), cut=st.integers(0, 400))
def test_any_bytes_load_as_an_image_or_are_explained(data, cut):
    import io

    from PIL import Image

    from augcourse.images import load_image

    png = io.BytesIO()
    Image.new("RGB", (12, 9), (10, 200, 30)).save(png, format="png")
    for blob in (data, png.getvalue()[:cut] + data):
        try:
            image = load_image(io.BytesIO(blob), name="the uploaded file")
        except ValueError as error:
            message = str(error)
            assert message.startswith("load_image: the uploaded file is ") and "BytesIO" not in message, message
            continue
        assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3


# -- every door (augment, flow, to_dataset, to_layer) on hostile batches: one verdict, one message ----------
DOOR_SPECS = [dict(rotation_range=20, brightness_range=(0.8, 1.2), channel_shift_range=10, horizontal_flip=True),
              dict(samplewise_center=True, samplewise_std_normalization=True, zoom_range=0.2),
              dict(featurewise_center=True, featurewise_std_normalization=True, width_shift_range=0.1),
              dict(rescale=1 / 255, shear_range=10, erasing_area=(0.1, 0.3))]
POISONS = st.sampled_from([None, np.nan, np.inf, -np.inf, 2.5e7, -3e38, 1e6])


def _door_results(aug, x):
    """Each door's result for ``x`` (float32 NumPy), or the core of its ValueError's message."""
    import re

    doors = {"augment": lambda: aug.augment(x, seed=0),
             "flow": lambda: next(aug.flow(x, batch_size=len(x) or 1, shuffle=False)),
             "to_dataset": lambda: np.concatenate([b.numpy() for b in aug.to_dataset(x, batch_size=len(x) or 1)]
                                                  or [np.zeros((0,) + x.shape[1:], np.float32)]),
             "layer, training": lambda: aug.to_layer(seed=0)(x, training=True).numpy(),
             "layer, inference": lambda: aug.to_layer(seed=0)(x, training=False).numpy()}
    results = {}
    for door, run in doors.items():
        try:
            results[door] = np.asarray(run())
        except ValueError as error:
            results[door] = re.search(r" must be (.*?; got .*?)\.(?:\x1b|\n|$)", str(error)).group(1)
    return results


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=st.sampled_from(DOOR_SPECS), shape=IMAGES, poison=POISONS, where=st.integers(0, 10**6),
       fitted=st.sampled_from([1, 3]), seed=st.integers(0, 2**31))
def test_every_door_gives_one_verdict_on_nan_inf_huge_empty_and_other_channels(spec, shape, poison, where,
                                                                               fitted, seed):
    n, h, w, c, dtype = shape
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 255, (n, h, w, c)).astype(dtype)
    if poison is not None and x.size and x.dtype.kind == "f":
        x.reshape(-1)[where % x.size] = poison
    aug = Augment(**spec)
    if aug.featurewise:
        aug.fit(rng.uniform(0, 255, (2, h, w, fitted)))
    results = _door_results(aug, x)
    refusals = {door: r for door, r in results.items() if isinstance(r, str)}
    if refusals:
        assert len(refusals) == len(results) and len(set(refusals.values())) == 1, results
        return
    for door, out in results.items():
        assert out.dtype == np.float32 and out.shape == x.shape and np.isfinite(out).all(), door


@pytest.mark.parametrize("poison", [np.nan, np.inf, 2.5e7])
def test_the_layer_door_fails_a_compiled_training_step_on_a_poisoned_batch(poison):
    from augcourse._tf import keras, tf
    from augcourse.augment.inputs import VALUE_PROBLEM

    x = np.random.default_rng(0).uniform(0, 255, (4, 8, 8, 3)).astype(np.float32)
    x[2, 1, 1, 0] = poison
    model = keras.Sequential([keras.Input((8, 8, 3)), Augment(rotation_range=10).to_layer(seed=0),
                              keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(2)])
    model.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    data = tf.data.Dataset.from_tensor_slices((x, np.arange(4) % 2)).batch(2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="finite pixel values"):
        model.fit(data, epochs=1, verbose=0, shuffle=False)
    assert VALUE_PROBLEM.startswith("images must be finite pixel values")
