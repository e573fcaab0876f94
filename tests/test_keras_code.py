"""The Keras 3 code the core writes (and the playground shows) runs, and its layers draw from the
spec's ranges with its fill mode; what Keras 3 cannot do is said in a comment."""

import math

import numpy as np
import pytest

from augcourse._tf import keras
from augcourse.augment import Augment


def build(aug, image_shape=None):
    namespace = {"keras": keras}
    exec(aug.to_keras_code(image_shape=image_shape), namespace)        # noqa: S102 - runs as printed
    return namespace["augment"]


def by_type(model):
    return {type(layer).__name__: layer for layer in model.layers}


def test_the_layers_take_the_spec_ranges_fill_mode_and_interpolation():
    aug = Augment(rotation_range=36, width_shift_range=0.2, height_shift_range=0.1, zoom_range=(0.8, 1.3),
                  shear_range=30, horizontal_flip=True, vertical_flip=True, fill_mode="constant", cval=7,
                  interpolation="nearest", channel_shift_range=51, rescale=1 / 255)
    layers = by_type(build(aug))
    flips = [layer.mode for layer in build(aug).layers if type(layer).__name__ == "RandomFlip"]
    assert flips == ["horizontal", "vertical"]                 # two coins, as IDG tosses
    assert layers["RandomRotation"].factor == pytest.approx((-0.1, 0.1))
    translation = layers["RandomTranslation"]
    assert translation.height_factor == pytest.approx(0.1) and translation.width_factor == pytest.approx(0.2)
    zoom = layers["RandomZoom"]
    assert zoom.height_factor == pytest.approx((-0.2, 0.3)) and zoom.width_factor == pytest.approx((-0.2, 0.3))
    assert layers["RandomShear"].x_factor == pytest.approx((-0.5, 0.5), abs=1e-4)          # ±sin(30°)
    for name in ("RandomRotation", "RandomTranslation", "RandomZoom", "RandomShear"):
        assert layers[name].fill_mode == "constant" and layers[name].fill_value == 7.0
        assert layers[name].interpolation == "nearest"
    assert layers["RandomBrightness"].factor == pytest.approx((-0.2, 0.2))
    assert layers["Rescaling"].scale == pytest.approx(1 / 255)


def test_the_stack_augments_a_seeded_batch():
    aug = Augment(rotation_range=20, width_shift_range=0.1, zoom_range=0.1, horizontal_flip=True)
    model = build(aug)
    images = np.random.default_rng(0).uniform(0, 255, (4, 32, 32, 3)).astype("float32")
    keras.utils.set_random_seed(0)
    out = keras.ops.convert_to_numpy(model(images, training=True))
    assert out.shape == images.shape and np.isfinite(out).all() and not np.allclose(out, images)
    assert np.allclose(keras.ops.convert_to_numpy(model(images, training=False)), images)   # inference: as is


def test_pixel_shifts_become_fractions_of_the_image_and_gaps_are_named():
    aug = Augment(width_shift_range=8, height_shift_range=4, brightness_range=(0.8, 1.2), p={"rotation": 0.5},
                  rotation_range=10)
    translation = by_type(build(aug, image_shape=(48, 80, 3)))["RandomTranslation"]
    assert translation.width_factor == pytest.approx(0.1) and translation.height_factor == pytest.approx(4 / 48, abs=1e-6)
    code = aug.to_keras_code()
    assert "8 / width" in code and "needs the image size" in code
    assert "multiplies; Keras 3 has no multiplying layer" in code
    assert "no per-transform probability" in code and "'rotation': 0.5" in code


def test_the_playground_shows_the_keras_code():
    from augcourse.widgets import playground

    pg = playground(rotation_range=36.0, debounce=0)
    assert "keras.layers.RandomRotation(factor=0.1" in pg.code()
