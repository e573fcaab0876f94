"""Channel shift: an offset c ~ U(-r, r) added to every channel (or one per channel), then clipped.

Example:
    >>> RECORD.fields
    {'channel_shift': 0.0}
"""

from augcourse._checks import PIXEL_LIMIT, check_number
from augcourse.augment.source import pair, python_literal
from augcourse.augment.transforms.base import Option, Transform, fmt, symmetric
from augcourse.augment.transforms.checks import check_bool
from augcourse.language import N_, tr


# The largest offset with a meaning: it moves the lowest allowed pixel value to the highest (the result is
# clipped to the image's own range anyway), and stays finite in float32.
MAX_SHIFT = 2 * PIXEL_LIMIT


def draw(options, uniform, image_shape, ops):
    if options.channel_shift_per_channel:
        return {"channel_shift": symmetric(uniform(image_shape[2]), options.channel_shift_range)}
    return {"channel_shift": symmetric(uniform(), options.channel_shift_range)}


def applied(p):
    shift = p["channel_shift"]
    return (shift != 0) if shift.ndim == 1 else (shift != 0).any(axis=1)


def describe(d):
    shift = d["channel_shift"]
    if isinstance(shift, list):
        return [tr("channel shift {shifts}", shifts="/".join(f"{s:+.0f}" for s in shift))] if any(shift) else []
    return [tr("channel shift {shift:+.0f}", shift=shift)] if shift else []


def column(d):
    shift = d["channel_shift"]
    return "/".join(fmt(v, 0) for v in shift) if isinstance(shift, list) else fmt(shift, 1)


def idg(options, image_shape, kwargs, notes):
    kwargs["channel_shift_range"] = options.channel_shift_range
    if options.channel_shift_per_channel:
        notes.append(tr("IDG's channel shift is one offset for all channels"))


def keras(options, image_shape, geometry, notes):
    notes.append(tr("RandomBrightness clips to value_range, not to each image's own min and max; it has no "
                    "per-channel shift") if options.channel_shift_per_channel else
                 tr("RandomBrightness clips to value_range, not to each image's own min and max"))
    factor = round(options.channel_shift_range / 255, 6)
    if factor > 1:                        # RandomBrightness takes factors in [-1, 1]
        notes.append(tr("RandomBrightness takes factors up to 1 (a shift of up to 255): channel_shift_range="
                        "{value} is cut to 255", value=python_literal(options.channel_shift_range)))
        factor = 1.0
    return [f"keras.layers.RandomBrightness(factor={python_literal(factor)}, value_range=(0, 255))"]


def albumentations(options, image_shape, notes, border):
    r = options.channel_shift_range
    if r > 255:                           # RGBShift and RandomBrightnessContrast take shifts up to 255 (1.0)
        notes.append(tr("Albumentations takes shifts up to 255 (the whole 0..255 range): channel_shift_range="
                        "{value} is cut to 255", value=python_literal(r)))
        r = 255.0
    p = python_literal(options.p["channel_shift"])
    if options.channel_shift_per_channel:
        return [("transform", f"A.RGBShift(r_shift_limit={pair(r)}, g_shift_limit={pair(r)}, "
                              f"b_shift_limit={pair(r)}, p={p})")]
    notes.append(tr("one offset for all channels, as IDG's channel shift, but clipped to 0..255 "
                    "rather than to each image's own min and max"))
    return [("transform", f"A.RandomBrightnessContrast(brightness_limit={pair(round(r / 255, 6))}, "
                          f"contrast_limit=0, brightness_by_max=True, p={p})")]


RECORD = Transform(
    name="channel_shift", title="channel shift", order=100, stage="colour",
    options=(Option("channel_shift_range", 0.0,
                    lambda v: check_number("channel_shift_range", v, low=0, high=MAX_SHIFT),
                    "offset ~ U(-r, r) in pixel units, added to all channels (or to each channel on its own "
                    "with ``channel_shift_per_channel=True``), clipped to the image's range",
                    ("slider", 0.0, 150.0, 1.0, ".0f")),
             Option("channel_shift_per_channel", False, lambda v: check_bool("channel_shift_per_channel", v),
                    "one offset per channel (ImageDataGenerator has one for all)", ("check",),
                    N_("per channel (not in IDG)"))),
    fields={"channel_shift": 0.0}, is_on=lambda o: bool(o.channel_shift_range), draw=draw, applied=applied,
    describe=describe, columns=(("ch.shift", column),), colour=lambda p, o: ("add", p.channel_shift),
    idg=idg, keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
