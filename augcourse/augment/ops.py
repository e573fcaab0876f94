"""The ops protocol: the few array operations the core's maths uses, and their NumPy version.

Geometry, sampling, colour and normalization are written once against this
small namespace, so the NumPy path (``NUMPY_OPS``, here) and the TensorFlow
path (``keras_backend.KERAS_OPS``, the layer's) run the same formulas. Both follow ``Ops``:

- dtypes: ``cast(x, dtype)`` always names its dtype; geometry runs in
  ``geometry_dtype`` (float64 in NumPy, for parity with ImageDataGenerator's
  float64 matrices; float32 in TF, what its warp kernel takes); pixel maths
  runs in ``float32`` in both.
- aliasing: no operation modifies its inputs; every result is a new array
  (or tensor), so a caller may reuse what it passed in. One opt-in exception:
  ``add_mul_clip(..., overwrite=True)`` may write its result into ``x``, for a
  caller that owns ``x`` as scratch (NumPy does, for a float32 ``x``: at 32x32 a
  second batch-sized array cost more than the warp itself; TF tensors cannot be
  written, so TF returns a new tensor).

Example:
    >>> import numpy as np
    >>> x = np.array([[[[-1.0, 0.5, 2.0]]]], np.float32)
    >>> NUMPY_OPS.add_mul_clip(x, 1.0, 0.5, 0.0, 1.0).ravel().tolist(), x.ravel().tolist()
    ([0.0, 0.75, 1.0], [-1.0, 0.5, 2.0])
"""

from typing import Any, Protocol

import numpy as np


class Ops(Protocol):
    """What a backend provides to the core's maths (NumPy arrays or TF tensors in, the same kind out)."""

    float32: Any            # the dtype of pixel maths
    geometry_dtype: Any     # the dtype of matrix maths: float64 (NumPy) or float32 (TF)
    bool: Any               # the boolean dtype

    def cast(self, x, dtype): """``x`` as ``dtype`` (a new array or tensor)."""
    def cos(self, x): """Elementwise cosine (radians)."""
    def sin(self, x): """Elementwise sine (radians)."""
    def floor(self, x): """Elementwise floor."""
    def sqrt(self, x): """Elementwise square root."""
    def exp(self, x): """Elementwise exponential."""
    def arange(self, n): """0, 1, ..., n - 1."""
    def reshape(self, x, shape): """``x`` with a new shape (-1 for the rest)."""
    def full(self, shape, value): """A new array of ``shape`` filled with ``value`` (its dtype: bool, else float)."""
    def minimum(self, a, b): """Elementwise minimum; ``b`` (a number or array) takes ``a``'s dtype."""
    def maximum(self, a, b): """Elementwise maximum; ``b`` (a number or array) takes ``a``'s dtype."""
    def where(self, cond, a, b): """``a`` where ``cond``, else ``b`` (numbers broadcast)."""
    def stack(self, values, axis): """Stack equally shaped arrays along a new ``axis``."""
    def reduce(self, name, x, axis): """"min", "max", "mean" or "std" over ``axis``, dimensions kept."""
    def image_bounds(self, x): """Per-image (N, 1, 1, 1) minimum and maximum of an (N, H, W, C) batch."""
    def add_mul_clip(self, x, add, mul, lo, hi, overwrite=False):
        """``clip((x + add) * mul, lo, hi)`` as float32; ``overwrite=True``: may be written into ``x``."""


class NumpyOps:
    """NumPy versions of the operations in ``Ops``."""

    float32, geometry_dtype, bool = np.float32, np.float64, np.bool_
    cos, sin, floor = staticmethod(np.cos), staticmethod(np.sin), staticmethod(np.floor)
    sqrt, exp, arange, reshape = staticmethod(np.sqrt), staticmethod(np.exp), staticmethod(np.arange), staticmethod(np.reshape)
    minimum, maximum = staticmethod(np.minimum), staticmethod(np.maximum)

    @staticmethod
    def cast(x, dtype):
        return np.array(x, dtype=dtype)

    @staticmethod
    def full(shape, value):
        out = np.empty(shape, dtype=bool if isinstance(value, bool) else np.float64)   # half np.full's cost
        out[...] = value
        return out

    @staticmethod
    def where(cond, a, b):
        return np.where(cond, a, b)

    @staticmethod
    def stack(values, axis):
        return np.stack(values, axis=axis)

    @staticmethod
    def reduce(name, x, axis):
        return getattr(np, name)(x, axis=axis, keepdims=True)

    @staticmethod
    def image_bounds(x):
        flat = x.reshape(x.shape[0], int(np.prod(x.shape[1:])))     # also for an empty batch
        shape = (x.shape[0], 1, 1, 1)
        return flat.min(axis=1).reshape(shape), flat.max(axis=1).reshape(shape)

    @staticmethod
    def add_mul_clip(x, add, mul, lo, hi, overwrite=False):
        if overwrite and isinstance(x, np.ndarray) and x.dtype == np.float32 and x.flags.writeable:
            out = np.add(x, add, out=x)                 # the caller's scratch array, in place
        else:
            out = np.add(x, add, dtype=np.float32)      # one new array, then in place on it
        np.multiply(out, mul, out=out)
        return np.clip(out, lo, hi, out=out)           # = minimum(maximum(out, lo), hi), also when lo > hi


NUMPY_OPS = NumpyOps()
