"""Random erasing: a rectangle of random area and aspect ratio filled with a constant or with noise.

The rectangle covers a fraction a ~ U(erasing_area) of the image with aspect ratio (width / height)
r drawn log-uniformly from ``erasing_ratio`` (Zhong et al., 2017), cut to the image, in whole pixels,
at a uniformly random position. ``erasing_fill`` is a value in the images' own units or "noise"
(uniform noise between the image's own min and max). It runs after the colour pass and before
normalization; ImageDataGenerator has no equivalent.

Example:
    >>> import numpy as np
    >>> from augcourse.augment import Augment
    >>> aug = Augment(erasing_area=(0.25, 0.25), erasing_ratio=(1.0, 1.0), p={"erasing": 1.0})
    >>> out = aug.augment(np.full((1, 8, 8, 1), 200, np.uint8), seed=0)
    >>> int((out == 0).sum())          # a 4 x 4 square of the 8 x 8 image
    16
"""

import math

from augcourse._checks import PIXEL_LIMIT, check_number, fail
from augcourse.augment.source import python_literal
from augcourse.augment.transforms.base import Option, Transform
from augcourse.augment.transforms.checks import check_pair
from augcourse.language import tr


def check_fill(value):
    """A number (the fill, in the images' units) or "noise"."""
    if isinstance(value, str):
        if value != "noise":
            fail("erasing_fill", value, tr('a number (in the images\' units) or "noise"'))
        return value
    return check_number("erasing_fill", value, low=-PIXEL_LIMIT, high=PIXEL_LIMIT)


def draw(options, uniform, image_shape, ops):
    h, w, c = image_shape
    u = uniform(4)
    low, high = options.erasing_area
    r_low, r_high = (math.log(r) for r in options.erasing_ratio)
    area = (low + (high - low) * u[:, 0]) * float(h * w)
    ratio = ops.exp(r_low + (r_high - r_low) * u[:, 1])
    width = ops.minimum(ops.floor(ops.sqrt(area * ratio) + 0.5), float(w))
    height = ops.minimum(ops.floor(ops.sqrt(area / ratio) + 0.5), float(h))
    fields = {"erase_x": ops.floor(u[:, 2] * (w - width + 1.0)), "erase_y": ops.floor(u[:, 3] * (h - height + 1.0)),
              "erase_w": width, "erase_h": height}
    if options.erasing_fill == "noise":
        fields["erase_noise"] = uniform(h, w, c)
    return fields


def pixels(x, params, options, ops):
    """Fill each image's rectangle: (N, H, W, C) -> (N, H, W, C), a new array or tensor."""
    h, w = x.shape[1], x.shape[2]

    def per_image(name):
        return ops.reshape(ops.cast(getattr(params, name), ops.float32), (-1, 1, 1, 1))

    rows = ops.reshape(ops.cast(ops.arange(h), ops.float32), (1, h, 1, 1))
    cols = ops.reshape(ops.cast(ops.arange(w), ops.float32), (1, 1, w, 1))
    x0, y0 = per_image("erase_x"), per_image("erase_y")
    inside = (cols >= x0) & (cols < x0 + per_image("erase_w")) & (rows >= y0) & (rows < y0 + per_image("erase_h"))
    if options.erasing_fill == "noise":
        noise = ops.cast(params.erase_noise, ops.float32)
        if len(noise.shape) == 1:                     # identity parameters: nothing is erased
            noise = ops.reshape(noise, (-1, 1, 1, 1))
        lo, hi = ops.image_bounds(x)
        fill = lo + noise * (hi - lo)
    else:
        fill = float(options.erasing_fill)
    return ops.where(inside, fill, x)


def idg(options, image_shape, kwargs, notes):
    notes.append(tr("ImageDataGenerator has no random erasing (no equivalent)"))


def keras(options, image_shape, geometry, notes):
    p = python_literal(options.p["erasing"])
    fill = "None" if options.erasing_fill == "noise" else python_literal(float(options.erasing_fill))
    notes.append(tr("RandomErasing draws the rectangle's width and height fractions as sqrt(U(scale)) each, on "
                    "their own (no aspect-ratio range); factor=(p, p) makes p its probability (factor=f means a "
                    "probability drawn from U(0, f))"))
    if options.erasing_fill == "noise":
        notes.append(tr("RandomErasing's fill_value=None is Gaussian noise times value_range[1], not uniform noise "
                        "in the image's range"))
    return [f"keras.layers.RandomErasing(factor=({p}, {p}), scale={python_literal(tuple(options.erasing_area))}, "
            f"fill_value={fill}, value_range=(0, 255))"]


def albumentations_scale(options, image_shape):
    """A.Erasing's ``scale``: the spec's ``erasing_area``, its low end cut to what A.Erasing can place.

    A.Erasing (albumentations 2.0) looks for a rectangle of area ``scale[0]`` or more with an aspect ratio in
    ``ratio`` that fits inside the image; where none exists it fails with a TypeError on every call (the
    core cuts its rectangle to the image instead). That happens when ``scale[0] > min(r_min * H / W,
    W / (H * r_max))``, so the low end is cut just below that bound (square images without ``image_shape``).

    Example:
        >>> from augcourse.augment.options import AugmentOptions
        >>> albumentations_scale(AugmentOptions(erasing_area=(0.5, 0.6), erasing_ratio=(0.3, 3.3)), (32, 32, 3))
        (0.299999, 0.6)
    """
    low, high = options.erasing_area
    r_min, r_max = options.erasing_ratio
    h, w = (image_shape[0], image_shape[1]) if image_shape is not None else (1, 1)
    bound = min(r_min * h / w, w / (h * r_max))
    if low <= bound * (1 - 1e-6):
        return (low, high)
    cut = math.floor(bound * (1 - 1e-6) * 1e6) / 1e6 or bound * (1 - 1e-6)
    return (cut, high)


def albumentations(options, image_shape, notes, border):
    fill = '"random"' if options.erasing_fill == "noise" else python_literal(float(options.erasing_fill))
    if options.erasing_fill == "noise":
        notes.append(tr('fill="random" draws noise over the dtype\'s range (0..255 for uint8), not the image\'s own'))
    elif not 0 <= options.erasing_fill <= 255:      # A.Erasing fails on uint8 images with a fill beyond 0..255
        fill = python_literal(float(min(max(options.erasing_fill, 0), 255)))
        notes.append(tr("A.Erasing refuses a fill beyond 0..255 on uint8 images: erasing_fill={value} is cut to "
                        "{fill}", value=python_literal(options.erasing_fill), fill=fill))
    scale = albumentations_scale(options, image_shape)
    if scale != tuple(options.erasing_area):
        notes.append(tr("A.Erasing finds no rectangle of {area} of the image or more with a ratio in {ratio} (it "
                        "then fails): scale starts at {start} instead", area=python_literal(options.erasing_area[0]),
                        ratio=python_literal(tuple(options.erasing_ratio)), start=python_literal(scale[0])))
    return [("transform", f"A.Erasing(scale={python_literal(scale)}, "
                          f"ratio={python_literal(tuple(options.erasing_ratio))}, fill={fill}, "
                          f"p={python_literal(options.p['erasing'])})")]


def describe(d):
    if not d["erase_w"] or not d["erase_h"]:
        return []
    return [tr("erased {width:.0f}×{height:.0f} px", width=d["erase_w"], height=d["erase_h"])]


RECORD = Transform(
    name="erasing", title="random erasing", order=200, stage="pixels", default_p=0.5,
    options=(Option("erasing_area", None,
                    lambda v: check_pair("erasing_area", v, low=0, high=1, low_inclusive=False, allow_none=True,
                                         example="(0.02, 0.25)"),
                    "(low, high) fractions of the image area to erase, or None (off)", ("range", 0.0, 0.5, 0.01)),
             Option("erasing_ratio", (0.3, 3.3),
                    lambda v: check_pair("erasing_ratio", v, low=0, high=100, low_inclusive=False,
                                         example="(0.3, 3.3)"),
                    "(low, high) aspect ratios (width / height), drawn log-uniformly", ("range", 0.2, 5.0, 0.1)),
             Option("erasing_fill", 0.0, check_fill, 'the fill value (images\' units) or "noise"',
                    ("choice", (0.0, 127.5, 255.0, "noise")))),
    fields={"erase_x": 0.0, "erase_y": 0.0, "erase_w": 0.0, "erase_h": 0.0, "erase_noise": 0.0},
    bulky=("erase_noise",), is_on=lambda o: o.erasing_area is not None, draw=draw,
    applied=lambda p: (p["erase_w"] > 0) & (p["erase_h"] > 0), describe=describe,
    columns=(("erased", lambda d: f"{d['erase_w']:.0f}x{d['erase_h']:.0f}" if d["erase_w"] and d["erase_h"]
              else "-"),),
    pixels=pixels, idg=idg, keras=keras, albumentations=albumentations)
RECORDS = (RECORD,)
