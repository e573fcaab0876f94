"""Rotation: an angle theta ~ U(-r, r) degrees, turned about the image's true centre.

Example:
    >>> RECORD.options[0].name, RECORD.fields
    ('rotation_range', {'theta': 0.0})
"""

import math

from augcourse._checks import check_number
from augcourse.augment.source import pair, python_literal
from augcourse.augment.transforms.base import Option, Transform, fmt, symmetric
from augcourse.language import N_, tr


def matrix(params, image_shape, ops):
    """R(theta): output to input positions, about the centre (the caller conjugates it)."""
    theta = ops.cast(params.theta, ops.geometry_dtype) * (math.pi / 180)
    c, s = ops.cos(theta), ops.sin(theta)
    return [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]


def keras_factor(degrees):
    """RandomRotation's factor (a fraction of a full turn) as a person writes it: 0.1 for 36°, 20 / 360
    for 20° (not 0.05555555555555555).

    Example:
        >>> keras_factor(36.0), keras_factor(20.0), keras_factor(22.5)
        ('0.1', '20 / 360', '0.0625')
    """
    factor = degrees / 360
    short = f"{factor:g}"
    return short if float(short) == factor else f"{python_literal(degrees)} / 360"


def keras(options, image_shape, geometry, notes):
    return [f"keras.layers.RandomRotation(factor={keras_factor(options.rotation_range)}, {geometry})"]


def albumentations(options, image_shape, notes, border):
    return [("affine", f"rotate={pair(options.rotation_range)}")]


RECORD = Transform(
    name="rotation", title="rotation", order=10,
    options=(Option("rotation_range", 0.0, lambda v: check_number("rotation_range", v, low=0, high=360),
                    "degrees, angle ~ U(-r, r)", ("slider", 0.0, 180.0, 1.0, ".0f"), N_("rotation_range (°)")),),
    fields={"theta": 0.0}, is_on=lambda o: bool(o.rotation_range),
    draw=lambda o, uniform, image_shape, ops: {"theta": symmetric(uniform(), o.rotation_range)},
    applied=lambda p: p["theta"] != 0,
    describe=lambda d: [tr("rotate {angle:.0f}°", angle=d["theta"])] if d["theta"] else [],
    columns=(("theta°", lambda d: fmt(d["theta"], 1)),), matrix=matrix,
    idg=lambda o, shape, kwargs, notes: kwargs.__setitem__("rotation_range", o.rotation_range),
    keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
