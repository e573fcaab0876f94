"""Flip, rotation, shift, shear and zoom fused into one 3x3 matrix per image.

Coordinates are (x = column, y = row). A matrix M maps an OUTPUT pixel
position to the INPUT position it samples: ``input_xy1 = M @ output_xy1``
(SciPy's and OpenCV's ``WARP_INVERSE_MAP`` convention). It is composed as
ImageDataGenerator composes it, ``R · T · S · Z`` about the image centre, with
the flips after it, except that the centre is the true one, ((W-1)/2, (H-1)/2),
also for non-square images:

    M = C · R(theta) · T(tx, ty) · S(shear) · Z(zx, zy) · C⁻¹ · F(flips)

The same code builds the matrices of a whole batch at once from NumPy arrays
or TensorFlow tensors: it only calls the ``ops`` protocol (``augment.ops``) it is given.

Example:
    >>> from augcourse.augment.params import AugmentParams
    >>> p = AugmentParams.identity(1, (4, 6, 3))
    >>> affine_matrices(p, (4, 6, 3), NUMPY_OPS)[0].round(3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

import math

import numpy as np

from augcourse.augment.ops import NUMPY_OPS


def affine_matrices(params, image_shape, ops=NUMPY_OPS):
    """(N, 3, 3) output-to-input matrices for ``params``.

    Args:
        params: a record with theta and shear (degrees), tx and ty (pixels),
            zx, zy, flip_horizontal, flip_vertical: arrays or tensors of length N.
        image_shape: (H, W, C).
        ops: NUMPY_OPS (float64 result), or ``tf_backend.TF_OPS`` (float32 tensors):
            the matrices come out in ``ops.geometry_dtype``.

    The product ``C · R · T · S · Z · C⁻¹ · F`` is written out entry by entry
    (a few vectorised operations on (N,) arrays instead of six batched matrix
    products); ``tests/test_augment_spec.py`` checks it against the product.
    """
    h, w = float(image_shape[0]), float(image_shape[1])
    cx, cy = (w - 1) / 2, (h - 1) / 2
    real = ops.geometry_dtype
    theta = ops.cast(params.theta, real) * (math.pi / 180)
    shear = ops.cast(params.shear, real) * (math.pi / 180)
    c, s = ops.cos(theta), ops.sin(theta)
    zx, zy, tx, ty = (ops.cast(v, real) for v in (params.zx, params.zy, params.tx, params.ty))
    one = theta * 0.0 + 1.0
    fx = ops.where(ops.cast(params.flip_horizontal, ops.bool), -one, one)
    fy = ops.where(ops.cast(params.flip_vertical, ops.bool), -one, one)
    shear_x, shear_y = -ops.sin(shear) * zy, ops.cos(shear) * zy          # S · Z, second column
    a00, a01 = c * zx, c * shear_x - s * shear_y                           # L = R · S · Z
    a10, a11 = s * zx, s * shear_x + c * shear_y
    b0 = c * tx - s * ty + cx - a00 * cx - a01 * cy                        # R · T, moved to the centre
    b1 = s * tx + c * ty + cy - a10 * cx - a11 * cy
    ox, oy = cx - fx * cx, cy - fy * cy                                    # then the flips
    b0, b1 = b0 + a00 * ox + a01 * oy, b1 + a10 * ox + a11 * oy
    a00, a10, a01, a11 = a00 * fx, a10 * fx, a01 * fy, a11 * fy
    zero = one * 0.0
    return ops.stack([ops.stack([a00, a01, b0], -1), ops.stack([a10, a11, b1], -1),
                      ops.stack([zero, zero, one], -1)], -2) + 0.0          # + 0.0: no -0.0 in printouts


def compose_matrices(params, image_shape):
    """The same matrices as ``affine_matrices``, as the plain product of the seven (N, 3, 3) factors.

    Slower; kept as the readable definition that ``affine_matrices`` is tested against.

    Returns:
        dict of the factors by name ("C", "R", "T", "S", "Z", "C_inv", "F") and "M", their product.
    """
    h, w = float(image_shape[0]), float(image_shape[1])
    cx, cy = (w - 1) / 2, (h - 1) / 2
    n = len(np.atleast_1d(params.theta))

    def matrix(a, b, c, d, e, f):
        m = np.zeros((n, 3, 3))
        m[:, 0], m[:, 1], m[:, 2, 2] = np.stack([a, b, c], -1), np.stack([d, e, f], -1), 1.0
        return m

    t, sh = np.radians(params.theta), np.radians(params.shear)
    one, zero = np.ones(n), np.zeros(n)
    fx, fy = np.where(params.flip_horizontal, -1.0, 1.0), np.where(params.flip_vertical, -1.0, 1.0)
    factors = {
        "C": matrix(one, zero, one * cx, zero, one, one * cy),
        "R": matrix(np.cos(t), -np.sin(t), zero, np.sin(t), np.cos(t), zero),
        "T": matrix(one, zero, params.tx, zero, one, params.ty),
        "S": matrix(one, -np.sin(sh), zero, zero, np.cos(sh), zero),
        "Z": matrix(params.zx, zero, zero, zero, params.zy, zero),
        "C_inv": matrix(one, zero, -one * cx, zero, one, -one * cy),
        "F": matrix(fx, zero, cx - fx * cx, zero, fy, cy - fy * cy),
    }
    product = factors["C"]
    for name in ("R", "T", "S", "Z", "C_inv", "F"):
        product = product @ factors[name]
    return {**factors, "M": product}


def identity_mask(matrices, atol=1e-9):
    """(N,) booleans: True where a matrix moves no pixel (resampling can be skipped)."""
    return np.all(np.abs(np.asarray(matrices) - np.eye(3)) <= atol, axis=(1, 2))
