"""Every door of the core (``augment``, ``flow``, ``to_dataset``, ``to_layer``) refuses what the others
refuse, with the same message, and gives the same kind of result for an empty batch (issue 21, bad cases
1 to 3)."""

import re

import numpy as np
import pytest

from augcourse._tf import keras, tf
from augcourse.augment import Augment
from augcourse.augment.inputs import VALUE_PROBLEM

SPECS = [dict(rotation_range=20, brightness_range=(0.8, 1.2), channel_shift_range=10, horizontal_flip=True),
         dict(samplewise_center=True, samplewise_std_normalization=True, zoom_range=0.2),
         dict(rescale=1 / 255, width_shift_range=0.1)]


def _images(n=4, channels=3, seed=0):
    return np.random.default_rng(seed).uniform(0, 255, (n, 16, 16, channels)).astype(np.float32)


def _poisoned(kind):
    x = _images()
    x[0, 3, 5, 1] = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf, "huge": 2.5e7}[kind]
    return x


def _doors(aug):
    """Each door as a function of the images that does all of its work (the layer called eagerly)."""
    return {
        "augment": lambda x: aug.augment(x, seed=0),
        "flow": lambda x: next(aug.flow(x, batch_size=2)),
        "to_dataset": lambda x: list(aug.to_dataset(x, batch_size=2)),
        "to_layer (training)": lambda x: aug.to_layer(seed=0)(x, training=True),
        "to_layer (inference)": lambda x: aug.to_layer(seed=0)(x, training=False),
    }


def _message(error):
    """The message without the parameter's name (``images`` in augment and the layer, ``x`` in flow) or the
    lines Keras wraps around a layer's error."""
    return re.search(r" must be (.*?; got .*?)\.(?:\x1b|\n|$)", str(error)).group(1)


# -- 1. NaN, inf and huge values ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["nan", "inf", "-inf", "huge"])
def test_every_door_refuses_non_finite_or_huge_pixels_with_one_message(kind):
    aug = Augment(**SPECS[0])
    x = _poisoned(kind)
    messages = {}
    for door, run in _doors(aug).items():
        with pytest.raises(ValueError) as caught:
            run(x)
        messages[door] = _message(caught.value)
    assert len(set(messages.values())) == 1, messages
    assert "finite pixel values" in messages["augment"] or "pixel values within" in messages["augment"]


def test_the_layer_refuses_a_poisoned_batch_eagerly_even_inside_a_sequential_model():
    model = keras.Sequential([keras.Input((16, 16, 3)), Augment(**SPECS[0]).to_layer(seed=0)])
    with pytest.raises(ValueError, match="NaN or infinite"):
        model(_poisoned("nan"), training=True)


def _model():
    layer = Augment(**SPECS[0]).to_layer(seed=0)
    model = keras.Sequential([keras.Input((16, 16, 3)), layer, keras.layers.Flatten(), keras.layers.Dense(2)])
    model.compile("sgd", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def _fit_on_dataset(x):
    data = tf.data.Dataset.from_tensor_slices((x, np.arange(len(x)) % 2)).batch(2)
    return _model().fit(data, epochs=1, verbose=0, shuffle=False)


@pytest.mark.parametrize("kind", ["nan", "inf", "huge"])
def test_model_fit_on_a_tf_data_pipeline_fails_the_step_that_meets_a_poisoned_batch(kind):
    """In a compiled graph the layer cannot raise ValueError: a TF assertion fails the step, by name."""
    with pytest.raises(tf.errors.InvalidArgumentError) as caught:
        _fit_on_dataset(_poisoned(kind))
    assert VALUE_PROBLEM in str(caught.value)


def test_the_layer_keeps_the_model_off_xla_which_would_drop_the_check():
    """XLA ignores assertions, so a model holding the layer does not compile with jit_compile="auto"."""
    assert Augment(**SPECS[0]).to_layer(seed=0).supports_jit is False
    assert _model().jit_compile is False
    history = _fit_on_dataset(_images())
    assert np.isfinite(history.history["loss"]).all()


# -- 2. an empty batch -------------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("dtype", ["uint8", "float32"])
def test_every_door_gives_an_empty_result_for_an_empty_batch(spec, dtype):
    aug = Augment(**spec)
    x = np.zeros((0, 16, 16, 3), dtype)
    out = aug.augment(x, seed=0)
    assert out.dtype == np.float32 and out.shape == (0, 16, 16, 3)
    it = aug.flow(x, batch_size=2)
    assert len(it) == 0
    batch = next(it)
    assert batch.dtype == np.float32 and batch.shape == (0, 16, 16, 3)
    labelled = aug.flow(x, np.zeros(0, int), batch_size=2)
    xb, yb = next(labelled)
    assert xb.shape == (0, 16, 16, 3) and yb.shape == (0,)
    assert list(aug.to_dataset(x, batch_size=2)) == []
    assert list(aug.to_dataset(x, np.zeros(0, int), batch_size=2, shuffle=False)) == []
    for training in (True, False):
        result = aug.to_layer(seed=0)(x, training=training)
        assert result.dtype == "float32" and tuple(result.shape) == (0, 16, 16, 3)


# -- 3. the channel count fit() saw ------------------------------------------------------------------------
@pytest.mark.parametrize("fitted, given", [(3, 1), (1, 3), (4, 3), (3, 4)])
def test_every_door_refuses_a_channel_count_other_than_fits_naming_both(fitted, given):
    aug = Augment(featurewise_center=True, featurewise_std_normalization=True, rotation_range=10)
    aug.fit(_images(channels=fitted))
    x = _images(channels=given)
    messages = {}
    for door, run in _doors(aug).items():
        with pytest.raises(ValueError) as caught:
            run(x)
        messages[door] = _message(caught.value)
        assert f"{given} channels" in str(caught.value) and f"with {fitted} channels" in str(caught.value), door
    assert len(set(messages.values())) == 1, messages
    with pytest.raises(ValueError, match=f"with {fitted} channels"):
        aug.apply(x, aug.sample(len(x), x.shape[1:], seed=0))


def test_flow_and_to_dataset_refuse_other_channels_when_called_not_at_the_first_batch():
    aug = Augment(featurewise_center=True).fit(_images(channels=3))
    for door in (aug.flow, aug.to_dataset):
        with pytest.raises(ValueError, match="the count fit\\(\\) saw"):
            door(_images(channels=1))


def test_a_layer_in_a_model_refuses_other_channels_when_the_model_is_built_or_called():
    aug = Augment(featurewise_center=True).fit(_images(channels=3))
    with pytest.raises(ValueError, match="with 3 channels"):
        keras.Sequential([keras.Input((16, 16, 1)), aug.to_layer(seed=0)])
    model = keras.Sequential([keras.Input((16, 16, 1)), Augment(featurewise_center=True).to_layer(seed=0)])
    model.layers[0].aug.fit(_images(channels=3))          # fitted after the model was built
    with pytest.raises(ValueError, match="with 3 channels"):
        model(_images(channels=1))


def test_the_matching_channel_count_still_works_in_every_door():
    aug = Augment(featurewise_center=True, rotation_range=10).fit(_images(channels=1))
    x = _images(channels=1)
    for door, run in _doors(aug).items():
        run(x)


def test_standardize_refuses_a_channel_count_other_than_fits_too():
    aug = Augment(featurewise_center=True).fit(_images(channels=1))
    with pytest.raises(ValueError, match="x \\(shape \\(4, 16, 16, 3\\)\\) must be images with 1 channels"):
        aug.standardize(_images(channels=3))
    assert aug.standardize(_images(channels=1)).shape == (4, 16, 16, 1)


# -- four channels (flow_from_directory's color_mode="rgba") -----------------------------------------------
@pytest.mark.parametrize("spec", [dict(rotation_range=30, zoom_range=0.3, shear_range=20, horizontal_flip=True,
                                       width_shift_range=0.2, fill_mode="reflect"),
                                  dict(perspective_range=0.2, vertical_flip=True, fill_mode="constant", cval=7.0)])
def test_every_door_moves_a_fourth_channel_exactly_as_the_first(spec):
    x = _images(channels=3)
    rgba = np.concatenate([x, x[..., :1]], axis=-1)          # alpha = red: any move keeps them equal
    for door, run in _doors(Augment(**spec)).items():
        out = run(rgba)
        out = np.concatenate([np.asarray(b[0] if isinstance(b, tuple) else b) for b in out]) \
            if isinstance(out, list) else np.asarray(out)
        assert out.shape == rgba.shape[:0] + out.shape[:1] + rgba.shape[1:], door
        assert np.allclose(out[..., 3], out[..., 0], atol=1e-4), door
        assert not np.allclose(out[..., 3], out[..., 1]), door
