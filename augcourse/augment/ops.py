"""The few array functions the core's maths needs, for NumPy (TensorFlow's twin is in ``tf_backend``).

Geometry, colour and normalization are written once against this small
namespace, so the NumPy path and the TensorFlow path run the same formulas.

Example:
    >>> import numpy as np
    >>> NUMPY_OPS.clip(np.array([-1.0, 0.5, 2.0]), 0.0, 1.0).tolist()
    [0.0, 0.5, 1.0]
"""

import numpy as np


class NumpyOps:
    """NumPy versions of the operations the core uses."""

    float32 = np.float32
    cos, sin, matmul = staticmethod(np.cos), staticmethod(np.sin), staticmethod(np.matmul)
    floor, minimum, maximum = staticmethod(np.floor), staticmethod(np.minimum), staticmethod(np.maximum)

    @staticmethod
    def stack(values, axis):
        return np.stack(values, axis=axis)

    @staticmethod
    def cast(x, dtype=np.float64):
        return np.asarray(x, dtype=dtype)

    @staticmethod
    def where(cond, a, b):
        return np.where(cond, a, b)

    @staticmethod
    def reduce(name, x, axis):
        return getattr(np, name)(x, axis=axis, keepdims=True)

    @staticmethod
    def clip(x, lo, hi):
        return np.minimum(np.maximum(x, lo), hi)

    @staticmethod
    def add_mul_clip(x, add, mul, lo, hi):
        """``clip((x + add) * mul, lo, hi)``, computed in place: ``x`` (a fresh array) is consumed."""
        np.add(x, add, out=x)
        np.multiply(x, mul, out=x)
        return np.clip(x, lo, hi, out=x)      # = minimum(maximum(x, lo), hi), also when lo > hi

    @staticmethod
    def image_bounds(x):
        """Per-image (N, 1, 1, 1) minimum and maximum of an (N, H, W, C) batch."""
        flat = x.reshape(len(x), -1)
        shape = (len(x), 1, 1, 1)
        return flat.min(axis=1).reshape(shape), flat.max(axis=1).reshape(shape)


NUMPY_OPS = NumpyOps()
