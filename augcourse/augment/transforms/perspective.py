"""Perspective: each image corner samples from a point up to ``perspective_range`` x the side away.

The eight offsets (x and y of the top-left, top-right, bottom-right and bottom-left corners) are
U(-r, r) times the side; the homography that maps the image's corners to the moved ones (a
closed form, Heckbert 1989) is a projective factor of the fused warp, applied in pixel
coordinates after the flips. With r <= 0.25 every corner stays in its own quarter, so the
quadrilateral stays convex. ImageDataGenerator has no equivalent.

Example:
    >>> import types, numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> corners = np.array([[0.0, 0, 0, 0, 0, 0, 0, 0]])
    >>> m = RECORD.matrix(types.SimpleNamespace(corners=corners), (5, 5, 3), NUMPY_OPS)
    >>> [[round(float(np.asarray(v).ravel()[0]), 6) + 0.0 for v in row] for row in m]
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

from augcourse._checks import check_number
from augcourse.augment.source import python_literal
from augcourse.augment.transforms.base import Option, Transform, symmetric
from augcourse.language import tr

MAX_RANGE = 0.25


def _sides(image_shape):
    """The corner-to-corner distances (x, y) in pixels, at least 1 (a 1-pixel image has a unit frame)."""
    return max(float(image_shape[1]) - 1, 1.0), max(float(image_shape[0]) - 1, 1.0)


def draw(options, uniform, image_shape, ops):
    sx, sy = _sides(image_shape)
    u = symmetric(uniform(8), options.perspective_range)
    return {"corners": ops.stack([u[:, k] * (sx if k % 2 == 0 else sy) for k in range(8)], -1)}


def matrix(params, image_shape, ops):
    """The output-to-input homography of each image, as 3x3 entries of (N,) arrays."""
    sx, sy = _sides(image_shape)
    d = ops.cast(params.corners, ops.geometry_dtype)
    x0, y0 = d[:, 0], d[:, 1]
    x1, y1 = sx + d[:, 2], d[:, 3]
    x2, y2 = sx + d[:, 4], sy + d[:, 5]
    x3, y3 = d[:, 6], sy + d[:, 7]
    dx1, dx2, dx3 = x1 - x2, x3 - x2, x0 - x1 + x2 - x3
    dy1, dy2, dy3 = y1 - y2, y3 - y2, y0 - y1 + y2 - y3
    den = dx1 * dy2 - dx2 * dy1
    g, h = (dx3 * dy2 - dx2 * dy3) / den, (dx1 * dy3 - dx3 * dy1) / den
    return [[(x1 - x0 + g * x1) / sx, (x3 - x0 + h * x3) / sy, x0],
            [(y1 - y0 + g * y1) / sx, (y3 - y0 + h * y3) / sy, y0],
            [g / sx, h / sy, 1.0]]


def idg(options, image_shape, kwargs, notes):
    notes.append(tr("ImageDataGenerator has no perspective warp (no equivalent)"))


def keras(options, image_shape, geometry, notes):
    p = python_literal(options.p["perspective"])
    notes.append(tr("RandomPerspective keeps the top-left corner in place and moves the others' coordinates by "
                    "up to scale / 2 of the side; it fills with fill_value only (no fill_mode); factor=(p, p) "
                    "makes p its probability"))
    interpolation = geometry.split('interpolation="')[1].split('"')[0]
    return [f"keras.layers.RandomPerspective(factor=({p}, {p}), "
            f"scale={python_literal(round(2 * options.perspective_range, 6))}, interpolation=\"{interpolation}\", "
            f"fill_value={python_literal(float(options.cval))})"]


def albumentations(options, image_shape, notes, border):
    notes.append(tr("Perspective moves each corner inwards by |N(0, s)| of the side, s ~ U(scale): it crops, "
                    "never pads, unlike the core's corners that move in or out"))
    r = python_literal(round(options.perspective_range / 2, 6))
    return [("transform", f"A.Perspective(scale=(0, {r}), keep_size=True, {border}, "
                          f"p={python_literal(options.p['perspective'])})")]


def describe(d):
    largest = max(abs(v) for v in d["corners"])
    return [tr("perspective ≤{largest:.0f} px", largest=largest)] if largest else []


RECORD = Transform(
    name="perspective", title="perspective", order=60, centred=False,
    options=(Option("perspective_range", 0.0,
                    lambda v: check_number("perspective_range", v, low=0, high=MAX_RANGE),
                    f"0..{MAX_RANGE}: each corner moves by up to this fraction of the side, in x and in y",
                    ("slider", 0.0, MAX_RANGE, 0.01)),),
    fields={"corners": (0.0,) * 8}, is_on=lambda o: bool(o.perspective_range), draw=draw,
    applied=lambda p: (p["corners"] != 0).any(axis=1), describe=describe,
    columns=(("persp px", lambda d: f"{max(abs(v) for v in d['corners']):.1f}"),),
    matrix=matrix, idg=idg, keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
