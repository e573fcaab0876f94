"""Augment's options: their names, neutral values and defaults, checked once at construction.

``AugmentOptions`` holds a validated set of ImageDataGenerator-style options
(and the featurewise statistics ``fit`` computes). It is what the lower
modules read (sampling, pixels, the TF twin, the Keras layer); ``Augment`` in
``spec`` adds the behaviour. The constants here are the single definition the
widgets and the study import.

Example:
    >>> TRANSFORMS[:2], DEFAULT_P["horizontal_flip"], NEUTRAL["zx"]
    (('horizontal_flip', 'vertical_flip'), 0.5, 1.0)
    >>> AugmentOptions(rotation_range=20, p={"rotation": 0.5}).settings()
    {'rotation_range': 20.0, 'p': {'horizontal_flip': 0.5, 'vertical_flip': 0.5, 'rotation': 0.5, \
'shift': 1.0, 'zoom': 1.0, 'shear': 1.0, 'brightness': 1.0, 'channel_shift': 1.0}}
"""

import math
import numbers

import numpy as np

from augcourse._checks import PIXEL_LIMIT, check_choice, check_number, fail, is_real

FILL_MODES = ("nearest", "reflect", "wrap", "constant")
INTERPOLATIONS = ("bilinear", "nearest")
# The transforms a probability ``p`` can be set for, in the order the widgets list them.
TRANSFORMS = ("horizontal_flip", "vertical_flip", "rotation", "shift", "zoom", "shear",
              "brightness", "channel_shift")
# Flips default to 0.5, every other transform to 1.0, as ImageDataGenerator applies them.
DEFAULT_P = {name: 0.5 if name.endswith("_flip") else 1.0 for name in TRANSFORMS}
# The parameter fields of one image's draw and the values that leave the image unchanged.
NEUTRAL = {"theta": 0.0, "tx": 0.0, "ty": 0.0, "shear": 0.0, "zx": 1.0, "zy": 1.0,
           "flip_horizontal": False, "flip_vertical": False, "brightness": 1.0, "channel_shift": 0.0}
FIELDS = tuple(NEUTRAL)
FITTED = ("mean", "std")          # set by Augment.fit, not constructor arguments
# Upper bounds that keep every result finite in float32 (larger values have no visual meaning:
# a zoom factor of 100 already shrinks an image to a dot, a brightness factor of 100 makes it white).
MAX_SHIFT_PIXELS = 10**6
MAX_FACTOR = 100.0


class AugmentOptions:
    """A validated set of augmentation options (see ``Augment`` for what each one means).

    Every argument is checked here, so a typo or an impossible value fails at
    construction with the parameter's name, the value received and what is allowed.
    ``mean`` and ``std`` ((C,) float32 or None) are the featurewise statistics.
    """

    def __init__(self, rotation_range=0.0, width_shift_range=0.0, height_shift_range=0.0,
                 zoom_range=0.0, shear_range=0.0, brightness_range=None, channel_shift_range=0.0,
                 horizontal_flip=False, vertical_flip=False, fill_mode="nearest", cval=0.0,
                 interpolation="bilinear", rescale=None, featurewise_center=False,
                 featurewise_std_normalization=False, samplewise_center=False,
                 samplewise_std_normalization=False, channel_shift_per_channel=False, p=None):
        self.rotation_range = check_number("rotation_range", rotation_range, low=0, high=360)
        self.width_shift_range = _check_shift("width_shift_range", width_shift_range)
        self.height_shift_range = _check_shift("height_shift_range", height_shift_range)
        self.zoom_range = _check_zoom(zoom_range)
        self.shear_range = check_number("shear_range", shear_range, low=0, high=90, high_inclusive=False)
        self.brightness_range = _check_brightness(brightness_range)
        self.channel_shift_range = check_number("channel_shift_range", channel_shift_range, low=0)
        self.horizontal_flip = _check_bool("horizontal_flip", horizontal_flip)
        self.vertical_flip = _check_bool("vertical_flip", vertical_flip)
        self.fill_mode = check_choice("fill_mode", fill_mode, FILL_MODES)
        self.cval = check_number("cval", cval, low=-PIXEL_LIMIT, high=PIXEL_LIMIT)
        self.interpolation = check_choice("interpolation", interpolation, INTERPOLATIONS)
        if rescale is not None and (check_number("rescale", rescale, low=-PIXEL_LIMIT, high=PIXEL_LIMIT) == 0):
            fail("rescale", rescale, "None or a non-zero number such as 1/255")
        self.rescale = rescale
        self.featurewise_center = _check_bool("featurewise_center", featurewise_center)
        self.featurewise_std_normalization = _check_bool("featurewise_std_normalization",
                                                         featurewise_std_normalization)
        self.samplewise_center = _check_bool("samplewise_center", samplewise_center)
        self.samplewise_std_normalization = _check_bool("samplewise_std_normalization",
                                                        samplewise_std_normalization)
        self.channel_shift_per_channel = _check_bool("channel_shift_per_channel", channel_shift_per_channel)
        self.p = _check_p(p)
        self.mean = self.std = None

    @property
    def featurewise(self):
        """True when an option needs the statistics of ``fit``."""
        return self.featurewise_center or self.featurewise_std_normalization

    def settings(self):
        """The constructor arguments that differ from the defaults, by name."""
        defaults = vars(AugmentOptions())
        return {name: value for name, value in vars(self).items()
                if name not in FITTED and value != defaults[name]}


def _check_bool(name, value):
    if not isinstance(value, (bool, np.bool_)):
        fail(name, value, "True or False", TypeError)
    return bool(value)


def _check_shift(name, value):
    number = check_number(name, value, low=0, high=MAX_SHIFT_PIXELS)
    return int(value) if isinstance(value, numbers.Integral) and number >= 1 else number


def _is_number(value):
    return is_real(value) and math.isfinite(value)


def _check_zoom(value):
    allowed = ("a number z in [0, 1) meaning [1 - z, 1 + z], "
               f"or a (low, high) pair of finite numbers with 0 < low <= high <= {MAX_FACTOR:g}")
    if is_real(value):
        if not 0 <= value < 1:
            fail("zoom_range", value, allowed)
        return (1.0 - float(value), 1.0 + float(value))
    ok = (isinstance(value, (tuple, list)) and len(value) == 2 and all(map(_is_number, value))
          and 0 < value[0] <= value[1] <= MAX_FACTOR)
    if not ok:
        fail("zoom_range", value, allowed)
    return (float(value[0]), float(value[1]))


def _check_brightness(value):
    if value is None:
        return None
    ok = (isinstance(value, (tuple, list)) and len(value) == 2 and all(map(_is_number, value))
          and 0 <= value[0] <= value[1] <= MAX_FACTOR)
    if not ok:
        fail("brightness_range", value, "None or a (low, high) pair of finite factors with "
             f"0 <= low <= high <= {MAX_FACTOR:g}, such as (0.7, 1.3)")
    return (float(value[0]), float(value[1]))


def _check_p(p):
    probabilities = dict(DEFAULT_P)
    if p is None:
        return probabilities
    if not isinstance(p, dict):
        fail("p", p, "None or a dict such as {'rotation': 0.5}", TypeError)
    for name, value in p.items():
        check_choice("p key", name, TRANSFORMS)
        probabilities[name] = check_number(f"p[{name!r}]", value, low=0, high=1)
    return probabilities
