"""Horizontal and vertical flips: a mirror matrix about the image centre, each with probability 0.5.

Example:
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> import types, numpy as np
    >>> f = HORIZONTAL_FLIP.matrix(types.SimpleNamespace(flip_horizontal=np.array([True])), (4, 6, 3), NUMPY_OPS)
    >>> [[float(np.asarray(v).ravel()[0]) for v in row] for row in f]
    [[-1.0, 0.0, 5.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

from augcourse.augment.transforms.base import Option, Transform
from augcourse.augment.transforms.checks import check_bool
from augcourse.language import N_, tr


def _flip(name, field, axis, words, order, keras_mode, album):
    """The record of the flip ``name`` (axis 0: columns mirrored, 1: rows)."""

    def matrix(params, image_shape, ops):
        one = ops.cast(getattr(params, field), ops.geometry_dtype) * 0.0 + 1.0
        f = ops.where(ops.cast(getattr(params, field), ops.bool), -one, one)     # -1 where flipped
        centre = (float(image_shape[1 - axis]) - 1) / 2
        row = [f, 0.0, centre - f * centre]
        return [row, [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]] if axis == 0 else \
            [[1.0, 0.0, 0.0], [0.0, row[0], row[2]], [0.0, 0.0, 1.0]]

    def idg(options, image_shape, kwargs, notes):
        kwargs[name] = True

    def keras(options, image_shape, geometry, notes):
        return [f'keras.layers.RandomFlip("{keras_mode}")']

    def albumentations(options, image_shape, notes, border):
        from augcourse.augment.source import python_literal
        return [("transform", f"A.{album}(p={python_literal(options.p[name])})")]

    return Transform(
        name=name, title=name.replace("_", " "), order=order, default_p=0.5,
        options=(Option(name, False, lambda v: check_bool(name, v), f"flip {words} with probability p "
                        f"(0.5 unless ``p`` says otherwise)", ("check",)),),
        fields={field: False}, is_on=lambda o: getattr(o, name),
        draw=lambda o, uniform, image_shape, ops: {field: None},        # None: the probability gate itself
        applied=lambda p: p[field].astype(bool), describe=lambda d: [tr(words)] if d[field] else [],
        columns=((f"flip{'HV'[axis]}", lambda d: "yes" if d[field] else "-"),),
        matrix=matrix, centred=False, idg=idg, keras=keras, albumentations=albumentations)


HORIZONTAL_FLIP = _flip("horizontal_flip", "flip_horizontal", 0, N_("mirrored"), 1, "horizontal", "HorizontalFlip")
VERTICAL_FLIP = _flip("vertical_flip", "flip_vertical", 1, N_("upside down"), 2, "vertical", "VerticalFlip")
RECORDS = (HORIZONTAL_FLIP, VERTICAL_FLIP)
