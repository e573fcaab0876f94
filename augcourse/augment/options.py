"""The names and neutral values of the core's options, defined once (widgets and study import them).

Example:
    >>> TRANSFORMS[:2], DEFAULT_P["horizontal_flip"], NEUTRAL["zx"]
    (('horizontal_flip', 'vertical_flip'), 0.5, 1.0)
"""

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
