"""Every transform of the core, one record each (``base.Transform``), and the tables derived from them.

A transform lives in one module of this package: its options and their checks, its draws, its
parameter fields and neutral values, its maths hook (a factor of the fused warp matrix, a term of
the colour pass, or a pixel step), its words for titles and printouts, and its ImageDataGenerator,
Keras 3 and Albumentations translations. The modules are found here by name (any module with
``RECORDS``), so adding a transform is adding a module (and its tests); no other file lists them.

    flips           horizontal_flip, vertical_flip      (geometry, pixel frame)
    rotation        rotation_range                      (geometry, about the centre)
    shift           width_shift_range, height_shift_range
    shear           shear_range
    zoom            zoom_range
    perspective     perspective_range                   (geometry, pixel frame, projective)
    channel_shift   channel_shift_range, channel_shift_per_channel   (colour: an offset)
    brightness      brightness_range                    (colour: a factor)
    erasing         erasing_area, erasing_ratio, erasing_fill        (pixels: a rectangle)

Example:
    >>> TRANSFORMS[:3], DEFAULT_P["erasing"], NEUTRAL["zx"]
    (('horizontal_flip', 'vertical_flip', 'rotation'), 0.5, 1.0)
    >>> [t.name for t in RECORDS if t.stage == "colour"]
    ['channel_shift', 'brightness']
"""

import importlib
import pkgutil

_HELPERS = {"base", "checks"}


def _discover():
    records = []
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _HELPERS:
            records.extend(importlib.import_module(f"{__name__}.{module.name}").RECORDS)
    return tuple(sorted(records, key=lambda t: t.order))


# The records in their order: the order of the warp's factors, the colour pass and the widgets.
RECORDS = _discover()
BY_NAME = {t.name: t for t in RECORDS}
# The transforms a probability ``p`` can be set for.
TRANSFORMS = tuple(BY_NAME)
# Each transform's default probability: flips and erasing 0.5, every other one 1.0 (as IDG applies them).
DEFAULT_P = {t.name: t.default_p for t in RECORDS}
# Every transform option by name (``base.Option``), in the records' order.
OPTIONS = {option.name: option for t in RECORDS for option in t.options}
# The parameter fields of one image's draw and the values that leave the image unchanged.
NEUTRAL = {field: neutral for t in RECORDS for field, neutral in t.fields.items()}
FIELDS = tuple(NEUTRAL)
# The fields too large to print (one value per pixel).
BULKY = frozenset(field for t in RECORDS for field in t.bulky)
