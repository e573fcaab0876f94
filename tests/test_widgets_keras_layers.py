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


# -- the atlas's controls ------------------------------------------------------------------------------
from augcourse.atlas import ENTRIES                                    # noqa: E402
from augcourse.widgets.keras_layers import FACTORS, atlas_arguments, marked_region, overlay  # noqa: E402


def test_every_factor_row_names_an_atlas_layer_and_starts_inside_its_range():
    assert set(FACTORS) <= set(ENTRIES)
    assert {"RandomFlip", "AutoContrast", "Equalization", "MaxNumBoundingBoxes"} == set(ENTRIES) - set(FACTORS)
    for name, f in FACTORS.items():
        assert f.low <= f.start <= f.high, name
        assert float(round((f.start - f.low) / f.step, 6)).is_integer(), name      # a slider stop


@pytest.mark.parametrize("name", sorted(FACTORS))
def test_every_slider_position_builds_a_working_layer(name):
    """The two ends and the start: the layer builds, runs, and the factor reaches its arguments."""
    f = FACTORS[name]
    images = marked_batch(2, side=32)
    outputs = []
    for value in (f.low, f.start, f.high):
        out, _ = keras_draw("atlas")(images, {"layer": name, "factor": value}, seed=0)   # what the widget runs
        assert len(out) == 2 and np.isfinite(out).all(), (name, value)
        outputs.append(atlas_arguments(name, value, (32, 32, 3)))
    assert outputs[0] != outputs[2], name                  # the slider changes the layer's arguments


def test_the_factor_means_the_argument_the_label_names():
    assert atlas_arguments("RandomSaturation", 0.2, (8, 8, 3))["factor"] == (0.3, 0.7)     # 0.5 +- s
    assert atlas_arguments("RandomErasing", 0.3, (8, 8, 3))["scale"] == (0.1, 0.3)
    assert atlas_arguments("RandomPosterization", 3.0, (8, 8, 3))["factor"] == (3, 3)
    assert atlas_arguments("RandomColorDegeneration", 0.5, (8, 8, 3))["factor"] == (0.0, 0.5)   # one number: -f..f
    assert atlas_arguments("Solarization", 0.5, (8, 8, 3))["threshold_factor"] == (0.0, 0.5)  # (t, t) draws t..255t
    assert atlas_arguments("RandomCrop", 0.5, (40, 60, 3))["height"] == 20
    assert atlas_arguments("RandomCrop", 0.5, (40, 60, 3))["width"] == 30
    assert atlas_arguments("RandomGaussianBlur", 0.5, (8, 8, 3))["sigma"] == 0.5
    assert "bounding_box_format" not in atlas_arguments("RandomHue", 0.2, (8, 8, 3))


def test_the_slider_follows_the_layer_and_each_change_redraws_once():
    controls = lesson_controls("atlas", debounce=0)
    slider = controls.widgets["factor"]
    assert (slider.description, slider.value, slider.max) == ("factor (of a turn)", 0.2, 0.5)
    controls.widgets["layer"].value = "RandomPosterization"
    assert (slider.min, slider.max, slider.value, slider.disabled) == (1.0, 8.0, 3.0, False)
    assert controls.redraws == 2 and controls.status.value == ""
    assert "RandomPosterization((3, 3)" in controls.last_frame.text.replace("factor=", "")
    slider.value = 5.0
    assert controls.redraws == 3 and "(5, 5)" in controls.last_frame.text
    controls.widgets["layer"].value = "RandomFlip"
    assert slider.disabled and controls.redraws == 4
    assert "factor" not in controls.caption()                          # no factor: not in the picture's words
    controls.widgets["layer"].value = "RandomZoom"
    assert not slider.disabled and slider.value == 0.3 and "factor=0.3" in controls.caption()


def test_a_start_factor_is_checked_against_the_start_layer():
    controls = lesson_controls("atlas", debounce=0, layer="RandomPosterization", factor=6)
    assert "(6, 6)" in controls.last_frame.text
    with pytest.raises(ValueError, match="factor must be a start value from 0 to 0.5"):
        lesson_controls("atlas", debounce=0, factor=6)


def test_the_atlas_draws_the_mask_and_box_where_the_layer_takes_them():
    image = np.full((1, 40, 40, 3), 100.0, "float32")
    out, _ = keras_draw("atlas")(image, {"layer": "RandomFlip", "factor": 0.0}, seed=0)
    green = np.all(out[0] == (0.0, 255.0, 0.0), axis=-1)
    yellow = np.all(out[0] == (255.0, 230.0, 0.0), axis=-1)
    assert green.any() and yellow.any()
    out, _ = keras_draw("atlas")(image, {"layer": "RandomHue", "factor": 0.2}, seed=0)
    assert not np.all(out[0] == (0.0, 255.0, 0.0), axis=-1).any()     # a colour layer: no overlay


def test_the_drawn_box_is_the_box_keras_returned():
    """RandomCrop's box is drawn where Keras put it, not where the object went (the atlas's finding)."""
    image = np.zeros((1, 40, 40, 3), "float32")
    mask, box = marked_region(image.shape[1:])
    layer = keras.layers.RandomCrop(30, 30, seed=0, bounding_box_format="xyxy")
    moved = layer({"images": image, "bounding_boxes": {"boxes": np.array([[box]], "float32"),
                                                       "labels": np.ones((1, 1), "int32")}}, training=True)
    x0, y0, x1, y1 = (int(round(float(v))) for v in keras.ops.convert_to_numpy(moved["bounding_boxes"]["boxes"])[0, 0])
    out, _ = keras_draw("atlas")(image, {"layer": "RandomCrop", "factor": 0.75}, seed=0)
    green = np.all(out[0] == (0.0, 255.0, 0.0), axis=-1)
    rows, cols = np.nonzero(green)
    assert (cols.min(), rows.min()) == (max(x0, 0), max(y0, 0))


def test_marked_region_is_an_off_centre_oval_inside_its_box():
    mask, (x0, y0, x1, y1) = marked_region((100, 100, 3))
    ys, xs = np.nonzero(mask)
    assert (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1) == (x0, y0, x1, y1)
    assert abs(xs.mean() - 55) < 1 and abs(ys.mean() - 42) < 1            # off the centre: flips move it
    assert mask[y0, x0] == 0                                             # an oval, not its box


def test_overlay_draws_the_outline_and_the_visible_part_of_a_box():
    mask = np.zeros((10, 10))
    mask[2:8, 2:8] = 1
    out = overlay(np.zeros((10, 10, 3)), mask=mask, box=[-3, 5, 6, 20])
    yellow = np.all(out == (255.0, 230.0, 0.0), axis=-1)
    assert yellow[2, 2:8].all() and not yellow[4, 4]                    # the outline, not the inside
    green = np.all(out == (0.0, 255.0, 0.0), axis=-1)
    assert green[5, 0:6].all() and green[5:10, 5].all()                 # top and right edges
    assert not green[:5].any()                                          # nothing above the box
