"""The playground's "show the code": numbers written as a person writes them (no 0.30000000000000004, no
0.15058823529411766 after an upload), and the samplewise options as the Keras 3 layer that does them."""

import re

import numpy as np
import pytest

from augcourse.augment import Augment
from augcourse.augment.transforms.rotation import keras_factor
from augcourse.augment.transforms.shift import idg_shift
from augcourse.widgets import playground

# a decimal with more than 7 significant digits: what no person types
LONG_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d*")


def long_numbers(code):
    found = []
    for number in LONG_NUMBER.findall(code):
        digits = number.lstrip("-").replace(".", "").lstrip("0")
        if len(digits) > 7:
            found.append(number)
    return found


def test_rotation_factors_read_as_degrees_over_360():
    assert keras_factor(36.0) == "0.1" and keras_factor(90.0) == "0.25" and keras_factor(108.0) == "0.3"
    assert keras_factor(20.0) == "20 / 360" and keras_factor(21.0) == "21 / 360" and keras_factor(20.5) == "20.5 / 360"
    for degrees in np.arange(0.0, 181.0):
        assert eval(keras_factor(float(degrees))) == pytest.approx(degrees / 360, rel=1e-12)   # noqa: S307


def test_every_slider_position_writes_short_numbers():
    pg = playground(debounce=0)
    pg.widgets["use_brightness"].value = True
    pg.widgets["fill_mode"].value = "constant"
    for degrees in range(0, 181, 7):
        pg.widgets["rotation_range"].value = float(degrees)
        pg.widgets["width_shift_range"].value = round(0.03 * (degrees % 17), 2)
        pg.widgets["p_rotation"].value = round(0.05 * (degrees % 20), 2)
        pg.widgets["zoom_range"].value = (0.3 + 0.05 * (degrees % 9), 1.5)
        code = pg.code()
        assert long_numbers(code) == [], (degrees, long_numbers(code))


@pytest.mark.parametrize("shape", [(170, 256, 3), (85, 256, 3), (256, 170, 3), (97, 131, 3)])
def test_an_uploaded_non_square_image_writes_short_shift_fractions(shape):
    pg = playground(debounce=0)
    pg.choice.set_upload(np.zeros(shape, np.uint8))
    pg.widgets["image"].value = "upload"
    code = pg.code()
    assert long_numbers(code) == [], long_numbers(code)
    h, w = shape[:2]
    fraction = float(re.search(r"datagen = ImageDataGenerator\(.*height_shift_range=([\d.]+)", code).group(1))
    assert fraction == pytest.approx(0.1 * w / h, rel=1e-5)          # IDG still shifts as far as the core


def test_idg_shift_keeps_six_digits():
    assert idg_shift("width_shift_range", 0.1, (170, 256, 3), []) == 0.150588
    assert idg_shift("width_shift_range", 0.1, (256, 256, 3), []) == 0.1
    assert 0.1 * (255 / 85) == 0.30000000000000004                      # such products printed as they came
    assert idg_shift("width_shift_range", 0.1, (85, 255, 3), []) == 0.3
    assert idg_shift("height_shift_range", 0.3, (255, 85, 3), []) == 0.9


def test_the_augment_line_still_round_trips_exactly():
    pg = playground(debounce=0, rotation_range=21.0, width_shift_range=0.37, p_rotation=0.35)
    pasted = eval(pg.code().split("aug = ", 1)[1], {"Augment": Augment})    # noqa: S307
    assert pasted.settings() == Augment(**pg.spec()).settings()


@pytest.mark.parametrize("options, layer", [
    ({"samplewise_center": True, "samplewise_std_normalization": True}, "LayerNormalization"),
    ({"samplewise_std_normalization": True}, "LayerNormalization"),      # IDG turns the centring on with it
    ({"samplewise_center": True}, "Lambda"),
    ({"rescale": 1 / 255, "samplewise_center": True, "samplewise_std_normalization": True}, "LayerNormalization"),
])
def test_the_samplewise_options_become_the_layer_that_does_them(options, layer):
    from augcourse._tf import keras
    from augcourse.augment.keras_code import keras_stack

    aug = Augment(**options)
    code = aug.to_keras_code()
    assert f"keras.layers.{layer}(" in code and "no samplewise layer" not in code
    images = np.random.default_rng(0).uniform(0, 255, (4, 16, 16, 3)).astype("float32")
    images[1] = 0.5 * images[1] + 100                                  # a flat, bright one too
    out = keras.ops.convert_to_numpy(keras_stack(aug)(images))
    np.testing.assert_allclose(out, aug.standardize(images), rtol=0, atol=1e-4)
