"""The crop and colour controls draw with real Keras 3 layers, and the code they show is those layers."""

import numpy as np
import pytest

from augcourse import keras
from augcourse.widgets import lesson_controls
from augcourse.widgets.keras_layers import LAYER_OPTIONS, keras_draw, layer_code, layer_specs

CROP = {"crop_fraction": 0.5, "padding": 0, "resize_back": False}
COLOUR = {"contrast": 0.3, "saturation": 0.3, "hue": 0.05, "grayscale": 0.5, "blur": 0.5}


def marked_batch(n=6, side=40):
    """n copies of an image whose pixel values say where they came from (row * side + column)."""
    image = np.arange(side * side, dtype="float32").reshape(side, side, 1)
    return np.repeat(np.repeat(image, 3, axis=-1)[None], n, axis=0)


def test_each_image_gets_its_own_crop_window():
    out, titles = keras_draw("crop")(marked_batch(), CROP, seed=0)
    assert out.shape == (6, 20, 20, 3) and titles[0] == "#0: 20x20 px"
    corners = {float(o[0, 0, 0]) for o in out}
    assert len(corners) > 1                          # a batch call would give one window to all


def test_pad_then_crop_keeps_the_size_and_shows_the_padding():
    values = dict(CROP, crop_fraction=1.0, padding=4)
    out, _ = keras_draw("crop")(marked_batch(side=32) + 1, values, seed=1)
    assert out.shape == (6, 32, 32, 3)
    assert (out == 0).any(axis=(1, 2, 3)).sum() >= 4          # most windows reach into the zero padding


def test_resize_back_returns_the_input_size():
    out, _ = keras_draw("crop")(marked_batch(), dict(CROP, resize_back=True), seed=0)
    assert out.shape == (6, 40, 40, 3)


def test_contrast_and_saturation_are_drawn_in_both_directions():
    specs = dict(layer_specs("colour", COLOUR, (8, 8, 3)))
    assert specs["RandomSaturation"]["factor"] == (0.2, 0.8)          # about the no-op point 0.5
    layer = keras.layers.RandomContrast(**specs["RandomContrast"], seed=0)
    drawn = keras.ops.convert_to_numpy(layer.get_random_transformation(marked_batch(200))["contrast_factor"])
    assert drawn.min() < 0.8 and drawn.max() > 1.2                     # 1 +- 0.3, not 1 .. 1.3


@pytest.mark.parametrize("lesson, values", [("crop", dict(CROP, padding=4, resize_back=True)), ("colour", COLOUR)])
def test_the_code_shown_builds_the_same_layers(lesson, values):
    namespace = {"keras": keras}
    exec(layer_code(lesson, values, (40, 40, 3)), namespace)
    built = [(type(layer).__name__) for layer in namespace["augment"].layers]
    assert built == [name for name, _ in layer_specs(lesson, values, (40, 40, 3))]
    out = keras.ops.convert_to_numpy(namespace["augment"](marked_batch(2), training=True))
    assert out.shape[1:3] == (40, 40)          # crop resized back; colour keeps the size


def test_neutral_colour_settings_leave_the_image_alone():
    values = {name: 0.0 for name in LAYER_OPTIONS["colour"]}
    batch = marked_batch(2, side=8)
    out, _ = keras_draw("colour")(batch, values, seed=0)
    assert np.array_equal(out, batch)


def test_the_widget_text_is_the_keras_code():
    controls = lesson_controls("colour", debounce=0, grayscale=0.5)
    assert "keras.layers.RandomGrayscale(0.5)" in controls.last_frame.text


@pytest.mark.parametrize("p", [1.0, 0.5])
def test_the_blur_slider_is_the_probability_of_blurring_each_image(p):
    """RandomGaussianBlur's factor is a probability range: the slider's p must be passed as (p, p)."""
    values = dict(COLOUR, contrast=0.0, saturation=0.0, hue=0.0, grayscale=0.0, blur=p)
    (name, kwargs), = layer_specs("colour", values, (8, 8, 3))
    layer = getattr(keras.layers, name)(**kwargs, seed=0)
    image = np.zeros((1, 16, 16, 3), "float32")
    image[0, 8, 8] = 255.0                                          # one bright dot: any blur spreads it
    batch = np.repeat(image, 400, axis=0)
    blurred = np.mean(keras.ops.convert_to_numpy(layer(batch, training=True))[:, 8, 8, 0] < 254.0)
    assert abs(blurred - p) < 0.08, blurred
