"""Flip, rotation, shift, shear and zoom fused into one 3x3 matrix per image.

Coordinates are (x = column, y = row). A matrix M maps an OUTPUT pixel
position to the INPUT position it samples: ``input_xy1 = M @ output_xy1``
(SciPy's and OpenCV's ``WARP_INVERSE_MAP`` convention). It is composed as
ImageDataGenerator composes it, ``R · T · S · Z`` about the image centre, with
the flips after it, except that the centre is the true one, ((W-1)/2, (H-1)/2),
also for non-square images:

    M = C · R(theta) · T(tx, ty) · S(shear) · Z(zx, zy) · C⁻¹ · F(flips)

The same code builds the matrices of a whole batch at once from NumPy arrays
or TensorFlow tensors: it only calls the small ``ops`` namespace it is given.

Example:
    >>> from augcourse.augment.params import AugmentParams
    >>> p = AugmentParams.identity(1, (4, 6, 3))
    >>> affine_matrices(p, (4, 6, 3), NUMPY_OPS)[0].round(3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

import math

import numpy as np

from augcourse.augment.ops import NUMPY_OPS

__all__ = ["affine_matrices", "identity_mask", "NUMPY_OPS"]


def _matrix(ops, a, b, c, d, e, f):
    """(N, 3, 3) matrices [[a, b, c], [d, e, f], [0, 0, 1]] from (N,) entries."""
    zero = a * 0.0
    return ops.stack([ops.stack([a, b, c], -1), ops.stack([d, e, f], -1),
                      ops.stack([zero, zero, zero + 1.0], -1)], -2)


def affine_matrices(params, image_shape, ops=NUMPY_OPS):
    """(N, 3, 3) output-to-input matrices for ``params``.

    Args:
        params: a record with theta and shear (degrees), tx and ty (pixels),
            zx, zy, flip_horizontal, flip_vertical: arrays or tensors of length N.
        image_shape: (H, W, C).
        ops: NUMPY_OPS (float64 result), or ``tf_backend.TF_OPS`` (float32 tensors).
    """
    h, w = float(image_shape[0]), float(image_shape[1])
    cx, cy = (w - 1) / 2, (h - 1) / 2
    theta = ops.cast(params.theta) * (math.pi / 180)
    shear = ops.cast(params.shear) * (math.pi / 180)
    one, zero = theta * 0.0 + 1.0, theta * 0.0
    cos, sin = ops.cos(theta), ops.sin(theta)
    rotation = _matrix(ops, cos, -sin, zero, sin, cos, zero)
    shift = _matrix(ops, one, zero, ops.cast(params.tx), zero, one, ops.cast(params.ty))
    shearing = _matrix(ops, one, -ops.sin(shear), zero, zero, ops.cos(shear), zero)
    zoom = _matrix(ops, ops.cast(params.zx), zero, zero, zero, ops.cast(params.zy), zero)
    to_centre = _matrix(ops, one, zero, zero + cx, zero, one, zero + cy)
    from_centre = _matrix(ops, one, zero, zero - cx, zero, one, zero - cy)
    fx = ops.where(ops.cast(params.flip_horizontal, bool), -one, one)
    fy = ops.where(ops.cast(params.flip_vertical, bool), -one, one)
    flips = _matrix(ops, fx, zero, cx - fx * cx, zero, fy, cy - fy * cy)
    m = ops.matmul
    return m(m(m(m(m(m(to_centre, rotation), shift), shearing), zoom), from_centre), flips)


def identity_mask(matrices, atol=1e-9):
    """(N,) booleans: True where a matrix moves no pixel (resampling can be skipped)."""
    return np.all(np.abs(np.asarray(matrices) - np.eye(3)) <= atol, axis=(1, 2))
