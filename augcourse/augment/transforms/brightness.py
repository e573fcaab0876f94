"""Brightness: a factor b ~ U(low, high) that multiplies the pixel values (the colour pass clips them).

Example:
    >>> RECORD.options[0].check((0.5, 1.5))
    (0.5, 1.5)
"""

from augcourse.augment.source import python_literal
from augcourse.augment.transforms.base import Option, Transform, fmt
from augcourse.augment.transforms.checks import MAX_FACTOR, check_pair
from augcourse.language import tr


def draw(options, uniform, image_shape, ops):
    low, high = options.brightness_range
    return {"brightness": low + (high - low) * uniform()}


def idg(options, image_shape, kwargs, notes):
    kwargs["brightness_range"] = tuple(options.brightness_range)
    notes.append(tr("IDG's brightness needs 0-255 input (it goes through uint8)"))


def keras(options, image_shape, geometry, notes):
    notes.append(tr("brightness_range={value} multiplies; Keras 3 has no multiplying layer (RandomBrightness adds "
                    "a fraction of value_range)", value=python_literal(tuple(options.brightness_range))))
    return []


def albumentations(options, image_shape, notes, border):
    notes.append(tr("MultiplicativeNoise multiplies like IDG's brightness; it clips to the dtype's range "
                    "(0..255 for uint8)"))
    return [("transform", f"A.MultiplicativeNoise(multiplier={python_literal(tuple(options.brightness_range))}, "
                          f"per_channel=False, elementwise=False, p={python_literal(options.p['brightness'])})")]


RECORD = Transform(
    name="brightness", title="brightness", order=110, stage="colour",
    options=(Option("brightness_range", None,
                    lambda v: check_pair("brightness_range", v, low=0, high=MAX_FACTOR, allow_none=True,
                                         example="(0.7, 1.3)"),
                    "(low, high) factors >= 0, or None. Multiplies the float values, then clips to the image's "
                    "scale: [0, 1] when the image's max is <= 1, else [0, max(255, image max)]; no lower clip "
                    "when the image has negative values", ("range", 0.0, 2.0, 0.05)),),
    fields={"brightness": 1.0}, is_on=lambda o: o.brightness_range is not None, draw=draw,
    applied=lambda p: p["brightness"] != 1,
    describe=lambda d: [tr("brightness ×{factor:.2f}", factor=d["brightness"])] if d["brightness"] != 1 else [],
    columns=(("bright", lambda d: fmt(d["brightness"], 2)),),
    colour=lambda p, o: ("mul", p.brightness), idg=idg, keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
