"""Zoom: factors zx, zy ~ U(low, high) drawn independently (as ImageDataGenerator does); below 1 enlarges.

Example:
    >>> RECORD.options[0].check(0.2)
    (0.8, 1.2)
"""

from augcourse.augment.source import python_literal
from augcourse.augment.transforms.base import Option, Transform, fmt
from augcourse.augment.transforms.checks import check_zoom
from augcourse.language import tr


def draw(options, uniform, image_shape, ops):
    low, high = options.zoom_range
    u = uniform(2)
    return {"zx": low + (high - low) * u[:, 0], "zy": low + (high - low) * u[:, 1]}


# RandomZoom takes factors in (-1, 1]: zoom factors in (0, 2] (a factor of 1 shows the content at half size).
KERAS_LOW, KERAS_HIGH = -0.999999, 1.0


def keras(options, image_shape, geometry, notes):
    low, high = options.zoom_range
    lows, highs = (min(max(round(z - 1, 6), KERAS_LOW), KERAS_HIGH) for z in (low, high))
    if (lows, highs) != (round(low - 1, 6), round(high - 1, 6)):
        notes.append(tr("RandomZoom takes factors in (-1, 1], zoom factors in (0, 2]: zoom_range={value} is cut "
                        "to {cut}", value=python_literal(tuple(options.zoom_range)),
                        cut=python_literal((round(1 + lows, 6), round(1 + highs, 6)))))
    factor = python_literal((lows, highs))
    return [f"keras.layers.RandomZoom(height_factor={factor}, width_factor={factor}, {geometry})"]


def albumentations(options, image_shape, notes, border):
    low, high = options.zoom_range
    scale = python_literal((round(1 / high, 6), round(1 / low, 6)))
    notes.append(tr("scale is the reciprocal of IDG's zoom factor (x and y drawn independently, as in IDG), "
                    "drawn uniformly in scale rather than in zoom"))
    return [("affine", f'scale={{"x": {scale}, "y": {scale}}}')]


def describe(d):
    return [tr("zoom {axis} {factor:.2f}", axis=axis, factor=d[field])
            for axis, field in (("x", "zx"), ("y", "zy")) if d[field] != 1]


RECORD = Transform(
    name="zoom", title="zoom", order=40,
    options=(Option("zoom_range", (1.0, 1.0), check_zoom, "z for [1 - z, 1 + z], or (low, high); a factor "
                    "below 1 enlarges. x and y are drawn independently, as in IDG", ("slider", 0.0, 0.9, 0.05)),),
    fields={"zx": 1.0, "zy": 1.0}, is_on=lambda o: tuple(o.zoom_range) != (1.0, 1.0), draw=draw,
    applied=lambda p: (p["zx"] != 1) | (p["zy"] != 1), describe=describe,
    columns=(("zx", lambda d: fmt(d["zx"], 2)), ("zy", lambda d: fmt(d["zy"], 2))),
    matrix=lambda p, shape, ops: [[ops.cast(p.zx, ops.geometry_dtype), 0.0, 0.0],
                                  [0.0, ops.cast(p.zy, ops.geometry_dtype), 0.0], [0.0, 0.0, 1.0]],
    idg=lambda o, shape, kwargs, notes: kwargs.__setitem__("zoom_range", list(o.zoom_range)),
    keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
