"""Shift: tx (horizontal, from width_shift_range) and ty (vertical, from height_shift_range), in pixels.

A range below 1 is a fraction of the side it moves along, from 1 up pixels; an int n gives whole
pixels, each of -n..n equally likely. Unlike ImageDataGenerator, width moves horizontally.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> shift_pixels(np.array([0.0, 0.999]), 2, 32, NUMPY_OPS).tolist()
    [-2.0, 2.0]
"""

from augcourse.augment.source import pair, python_literal, shift_fraction
from augcourse.augment.transforms.base import Option, Transform, fmt
from augcourse.augment.transforms.checks import check_shift
from augcourse.language import tr

SWAP = {"width_shift_range": "height_shift_range", "height_shift_range": "width_shift_range"}


def shift_pixels(u, value, size, ops):
    """U(0, 1) draws as a shift in pixels along a side of ``size`` pixels (see the module doc)."""
    if isinstance(value, int):
        return ops.floor(u * (2 * value + 1)) - value
    return (2.0 * u - 1.0) * (value * size if value < 1 else value)


def draw(options, uniform, image_shape, ops):
    u = uniform(2)
    h, w = image_shape[:2]
    return {"tx": shift_pixels(u[:, 0], options.width_shift_range, w, ops),
            "ty": shift_pixels(u[:, 1], options.height_shift_range, h, ops)}


def idg_shift(name, value, image_shape, notes):
    """The IDG value that shifts as far as the core's fractional ``value`` of axis ``name``.

    IDG's ``height_shift_range`` moves horizontally but scales a fraction by the image's height (and
    ``width_shift_range`` vertically, by the width). The converted fraction keeps 6 significant digits
    (IDG's shift then differs from the core's by less than a millionth of itself), so the code a learner reads
    says 0.150588, not 0.15058823529411766.

    Example:
        >>> idg_shift("width_shift_range", 0.1, (170, 256, 3), [])
        0.150588
    """
    if isinstance(value, int) or value >= 1:
        return value                                   # pixels mean pixels in both
    if image_shape is None:
        notes.append(tr("IDG scales {name}'s fraction by the other side: the same shift on square images "
                        "only (give image_shape for others)", name=name))
        return value
    h, w = image_shape[0], image_shape[1]
    moved, scaled_by = (w, h) if name == "width_shift_range" else (h, w)
    fraction = float(f"{value * moved / scaled_by:.6g}")     # 6 digits, as a person writes it: 0.150588
    return fraction if fraction < 1 else value * moved     # IDG reads values >= 1 as pixels


def idg(options, image_shape, kwargs, notes):
    for name in ("width_shift_range", "height_shift_range"):
        value = getattr(options, name)
        if value:
            kwargs[SWAP[name]] = idg_shift(name, value, image_shape, notes)
            notes.append(tr("IDG's {idg_name} moves along the axis the core calls {axis}", idg_name=SWAP[name],
                            axis=name.split("_")[0]))
            if isinstance(value, int):
                notes.append(tr("an int shift range means -(n-1)..n-1 px in IDG, -n..n px in the core"))


def _fraction(value, image_shape, axis, notes):
    """A shift setting as the fraction Keras takes, as source text (RandomTranslation takes at most 1)."""
    fraction = shift_fraction(value, image_shape, axis, notes)
    if isinstance(fraction, str):
        return fraction
    if fraction > 1:
        side = "height" if axis == 0 else "width"
        notes.append(tr("RandomTranslation takes factors up to 1 (the whole side): a shift of {value} px is cut to "
                        "the {side}, {size} px (the same image unless fill_mode is wrap or reflect)",
                        value=python_literal(value), side=side, size=image_shape[axis]))
        fraction = 1.0
    return python_literal(fraction)


def keras(options, image_shape, geometry, notes):
    height = _fraction(options.height_shift_range, image_shape, 0, notes)
    width = _fraction(options.width_shift_range, image_shape, 1, notes)
    return [f"keras.layers.RandomTranslation(height_factor={height}, width_factor={width}, {geometry})"]


def _range(value, image_shape, axis, notes):
    """A shift setting as a symmetric fraction range, as source text."""
    fraction = shift_fraction(value, image_shape, axis, notes)
    if isinstance(fraction, str):
        return f"(-{fraction}, {fraction})"
    return pair(fraction) if fraction else "0"


def albumentations(options, image_shape, notes, border):
    x = _range(options.width_shift_range, image_shape, 1, notes)
    y = _range(options.height_shift_range, image_shape, 0, notes)
    return [("affine", f'translate_percent={{"x": {x}, "y": {y}}}')]


def describe(d):
    """The shift in words, whole pixels (a shift below half a pixel keeps one digit: "shift x -0.1 px", not "-0")."""
    return [tr("shift {axis} {pixels:.0f} px", axis=axis, pixels=d[field]) if abs(d[field]) >= 0.5
            else tr("shift {axis} {pixels:.1g} px", axis=axis, pixels=d[field])
            for axis, field in (("x", "tx"), ("y", "ty")) if d[field]]


def _option(name, side):
    return Option(name, 0.0, lambda v: check_shift(name, v),
                  f"below 1 a fraction of the {side}, otherwise pixels; an int n gives whole-pixel shifts, "
                  "each of -n..n equally likely", ("slider", 0.0, 0.5, 0.01))


RECORD = Transform(
    name="shift", title="shift", order=20,
    options=(_option("width_shift_range", "width"), _option("height_shift_range", "height")),
    fields={"tx": 0.0, "ty": 0.0}, is_on=lambda o: bool(o.width_shift_range or o.height_shift_range), draw=draw,
    applied=lambda p: (p["tx"] != 0) | (p["ty"] != 0), describe=describe,
    columns=(("tx px", lambda d: fmt(d["tx"], 1)), ("ty px", lambda d: fmt(d["ty"], 1))),
    matrix=lambda p, shape, ops: [[1.0, 0.0, ops.cast(p.tx, ops.geometry_dtype)],
                                  [0.0, 1.0, ops.cast(p.ty, ops.geometry_dtype)], [0.0, 0.0, 1.0]],
    idg=idg, keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
