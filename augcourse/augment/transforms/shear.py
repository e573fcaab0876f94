"""Shear: an angle s ~ U(-r, r) degrees, ImageDataGenerator's matrix (x leans by sin s, y stretches by cos s).

Example:
    >>> RECORD.fields, RECORD.order
    ({'shear': 0.0}, 30)
"""

import math

from augcourse._checks import check_number
from augcourse.augment.source import pair, python_literal
from augcourse.augment.transforms.base import Option, Transform, fmt, symmetric
from augcourse.language import N_, tr


def matrix(params, image_shape, ops):
    """S(shear), as IDG writes it: [[1, -sin s, 0], [0, cos s, 0], [0, 0, 1]]."""
    shear = ops.cast(params.shear, ops.geometry_dtype) * (math.pi / 180)
    return [[1.0, -ops.sin(shear), 0.0], [0.0, ops.cos(shear), 0.0], [0.0, 0.0, 1.0]]


def keras(options, image_shape, geometry, notes):
    slope = round(math.sin(math.radians(options.shear_range)), 4)
    notes.append(tr("RandomShear leans by the same slope, sin(shear), but pivots at the top-left and does not "
                    "stretch the height by 1/cos(shear) as ImageDataGenerator does"))
    return [f"keras.layers.RandomShear(x_factor={python_literal(slope)}, y_factor=0, {geometry})"]


def albumentations(options, image_shape, notes, border):
    angle = round(math.degrees(math.atan(math.sin(math.radians(options.shear_range)))), 4)
    notes.append(tr("shear: atan(sin({shear}°)) = {angle}° leans as far as IDG's shear; Albumentations does not "
                    "stretch the height by 1/cos(shear)", shear=python_literal(options.shear_range),
                    angle=python_literal(angle)))
    return [("affine", f'shear={{"x": {pair(angle)}, "y": 0}}')]


RECORD = Transform(
    name="shear", title="shear", order=30,
    options=(Option("shear_range", 0.0,
                    lambda v: check_number("shear_range", v, low=0, high=90, high_inclusive=False),
                    "degrees, ImageDataGenerator's shear matrix", ("slider", 0.0, 60.0, 1.0, ".0f"),
                    N_("shear_range (°)")),),
    fields={"shear": 0.0}, is_on=lambda o: bool(o.shear_range),
    draw=lambda o, uniform, image_shape, ops: {"shear": symmetric(uniform(), o.shear_range)},
    applied=lambda p: p["shear"] != 0,
    describe=lambda d: [tr("shear {angle:.0f}°", angle=d["shear"])] if d["shear"] else [],
    columns=(("shear°", lambda d: fmt(d["shear"], 1)),), matrix=matrix,
    idg=lambda o, shape, kwargs, notes: kwargs.__setitem__("shear_range", o.shear_range),
    keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
