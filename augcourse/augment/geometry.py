"""The geometric transforms' matrix factors multiplied into one 3x3 matrix per image.

Coordinates are (x = column, y = row). A matrix M maps an OUTPUT pixel position to the INPUT
position it samples: ``input_xy1 = M @ output_xy1`` (SciPy's and OpenCV's ``WARP_INVERSE_MAP``
convention). Each geometric record (``transforms``) gives its factor; the factors that act about
the centre are multiplied in the records' order and moved to the true centre
((W-1)/2, (H-1)/2), also for non-square images; the pixel-frame factors follow:

    M = C · R(theta) · T(tx, ty) · S(shear) · Z(zx, zy) · C⁻¹ · F(flips) · P(perspective)

as ImageDataGenerator composes ``R · T · S · Z`` with the flips after it. The factors are 3x3
nested lists of numbers or (N,) arrays, multiplied entry by entry with the zeros and ones
skipped: a few vectorised operations on (N,) arrays instead of batched matrix products. The
same code runs on NumPy arrays or on tensors: it only calls the ``ops`` protocol it is given.

Example:
    >>> from augcourse.augment.params import AugmentParams
    >>> p = AugmentParams.identity(1, (4, 6, 3))
    >>> affine_matrices(p, (4, 6, 3), NUMPY_OPS)[0].round(3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
"""

import numpy as np

from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.transforms import RECORDS

GEOMETRY = tuple(t for t in RECORDS if t.stage == "geometry")
IDENTITY = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]


def multiply(a, b):
    """The product of two 3x3 entry matrices (entries: Python floats or arrays), skipping 0s and 1s."""
    out = []
    for row in a:
        new = []
        for j in range(3):
            total = 0.0
            for x, y in zip(row, (b[0][j], b[1][j], b[2][j])):
                x_number, y_number = type(x) is float, type(y) is float
                if (x_number and x == 0.0) or (y_number and y == 0.0):
                    continue
                term = y if x_number and x == 1.0 else x if y_number and y == 1.0 else x * y
                total = term if type(total) is float and total == 0.0 else total + term
            new.append(total)
        out.append(new)
    return out


def about_centre(m, cx, cy):
    """C · m · C⁻¹ for an entry matrix m, C the move to the centre (cx, cy)."""
    return multiply(multiply([[1.0, 0.0, cx], [0.0, 1.0, cy], [0.0, 0.0, 1.0]], m),
                    [[1.0, 0.0, -cx], [0.0, 1.0, -cy], [0.0, 0.0, 1.0]])


def geometric(active):
    """The names in ``active`` of transforms that move pixels (a warp is needed when there is one)."""
    return [t.name for t in GEOMETRY if t.name in active]


def factors(params, image_shape, ops, active=None):
    """[(record, factor)] of the geometric transforms that are on (all when ``active`` is None)."""
    return [(t, t.matrix(params, image_shape, ops)) for t in GEOMETRY if active is None or t.name in active]


def affine_matrices(params, image_shape, ops=NUMPY_OPS, active=None):
    """(N, 3, 3) output-to-input matrices for ``params`` (affine, or projective with perspective).

    Args:
        params: a record with the geometric fields (``AugmentParams`` or a namespace of tensors).
        image_shape: (H, W, C).
        ops: NUMPY_OPS (float64 result) or the Keras backend's ops (float32 tensors): the matrices
            come out in ``ops.geometry_dtype``.
        active: names of the transforms that are on; the others' factors are skipped (None: all).
    """
    h, w = float(image_shape[0]), float(image_shape[1])
    cx, cy = (w - 1) / 2, (h - 1) / 2
    centred, pixels = IDENTITY, IDENTITY
    for transform, factor in factors(params, image_shape, ops, active):
        if transform.centred:
            centred = multiply(centred, factor)
        else:
            pixels = multiply(pixels, factor)
    product = multiply(about_centre(centred, cx, cy), pixels)
    if ops is NUMPY_OPS:                      # filled in place: cheaper than stacking 12 arrays
        out = np.empty((len(params.flip_horizontal), 3, 3))
        for i, row in enumerate(product):
            for j, entry in enumerate(row):
                out[:, i, j] = entry
        out += 0.0                            # no -0.0 in printouts
        return out
    one = ops.cast(params.flip_horizontal, ops.geometry_dtype) * 0.0 + 1.0       # (N,) ones
    rows = [ops.stack([entry * one if isinstance(entry, float) else entry for entry in row], -1)
            for row in product]
    return ops.stack(rows, -2) + 0.0          # + 0.0: no -0.0 in printouts


def compose_matrices(params, image_shape):
    """The same matrices as ``affine_matrices``, as the plain product of (N, 3, 3) factor matrices.

    Slower; kept as the readable definition that ``affine_matrices`` is tested against.

    Returns:
        dict of the factors by transform name, "C" and "C_inv", and "M", their product.
    """
    h, w = float(image_shape[0]), float(image_shape[1])
    cx, cy = (w - 1) / 2, (h - 1) / 2
    n = len(params)

    def full(entries):
        return np.stack([np.stack([np.broadcast_to(np.asarray(e, np.float64), (n,)) for e in row], -1)
                         for row in entries], -2)

    named = {t.name: full(f) for t, f in factors(params, image_shape, NUMPY_OPS)}
    out = {"C": full([[1.0, 0.0, cx], [0.0, 1.0, cy], [0.0, 0.0, 1.0]]),
           "C_inv": full([[1.0, 0.0, -cx], [0.0, 1.0, -cy], [0.0, 0.0, 1.0]]), **named}
    product = out["C"]
    for t in GEOMETRY:
        if t.centred:
            product = product @ named[t.name]
    product = product @ out["C_inv"]
    for t in GEOMETRY:
        if not t.centred:
            product = product @ named[t.name]
    return {**out, "M": product}


def identity_mask(matrices, atol=1e-9):
    """(N,) booleans: True where a matrix moves no pixel (resampling can be skipped)."""
    return np.all(np.abs(np.asarray(matrices) - np.eye(3)) <= atol, axis=(1, 2))


def projective_mask(matrices):
    """(N,) booleans: True where a matrix is projective (its last row is not (0, 0, 1))."""
    last = np.asarray(matrices)[:, 2]
    return (last[:, 0] != 0) | (last[:, 1] != 0) | (last[:, 2] != 1)
