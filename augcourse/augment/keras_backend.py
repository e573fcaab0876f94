"""The core in ``keras.ops``: the same formulas as the NumPy path, for the layer on any Keras backend.

- ``KERAS_OPS``: ``keras.ops`` versions of the ``ops.Ops`` protocol (TensorFlow, JAX or PyTorch
  tensors, whichever backend Keras runs on; inside ``tf.data``, TensorFlow ones).
- ``warp_keras(images, matrices, ...)``: one resampling call per batch. On the TensorFlow backend
  ``keras.ops.image.affine_transform`` (TF's ``ImageProjectiveTransformV3`` kernel, which takes the
  projective entries too). On other backends, whose ``affine_transform`` drops the projective
  entries, and for "wrap" (the TF kernel's wrap reads ``cval`` between the last and the first
  column), every output pixel's input position is computed here and read with
  ``keras.ops.image.map_coordinates``: exact, but 45x slower than the TF kernel on TF (measured
  at 256 x 32 x 32), so the layer's "wrap" costs more than its other fill modes.
- ``apply_keras(options, images, params)``: the twin of ``Augment.apply``: the matrices of
  ``geometry``, the warp, then the pixel steps of ``pixels``.

Example:
    >>> import numpy as np
    >>> from augcourse.augment import Augment
    >>> aug = Augment(rotation_range=20)
    >>> params = aug.sample(4, (32, 32, 3), seed=0)
    >>> tuple(apply_keras(aug, np.zeros((4, 32, 32, 3)), params).shape)
    (4, 32, 32, 3)
"""

import numpy as np

from augcourse._tf import keras
from augcourse.augment import geometry, pixels
from augcourse.augment.options import FILL

ops = keras.ops


class KerasOps:
    """``keras.ops`` versions of the operations in ``ops.Ops`` (same dtype and aliasing rules)."""

    float32, geometry_dtype, bool = "float32", "float32", "bool"
    cos, sin, floor = staticmethod(ops.cos), staticmethod(ops.sin), staticmethod(ops.floor)
    sqrt, exp, reshape = staticmethod(ops.sqrt), staticmethod(ops.exp), staticmethod(ops.reshape)

    @staticmethod
    def arange(n):
        return ops.arange(n, dtype="float32")

    @staticmethod
    def cast(x, dtype):
        return ops.cast(x, dtype)

    @staticmethod
    def full(shape, value):
        value = np.asarray(value, dtype=bool if isinstance(value, bool) else np.float32)
        return ops.broadcast_to(ops.convert_to_tensor(value), shape)

    @staticmethod
    def minimum(a, b):
        a = ops.convert_to_tensor(a)
        return ops.minimum(a, ops.cast(b, a.dtype))

    @staticmethod
    def maximum(a, b):
        a = ops.convert_to_tensor(a)
        return ops.maximum(a, ops.cast(b, a.dtype))

    @staticmethod
    def where(cond, a, b):
        a, b = ops.convert_to_tensor(a), ops.convert_to_tensor(b)
        dtype = a.dtype if a.dtype != "bool" else b.dtype
        return ops.where(cond, ops.cast(a, dtype), ops.cast(b, dtype))

    @staticmethod
    def stack(values, axis):
        return ops.stack(values, axis=axis)

    @staticmethod
    def reduce(name, x, axis):
        function = {"min": ops.min, "max": ops.max, "mean": ops.mean, "std": ops.std}[name]
        return function(x, axis=axis, keepdims=True)

    @staticmethod
    def image_bounds(x):
        return ops.min(x, axis=(1, 2, 3), keepdims=True), ops.max(x, axis=(1, 2, 3), keepdims=True)

    @staticmethod
    def add_mul_clip(x, add, mul, lo, hi, overwrite=False):     # tensors are immutable: always a new one
        return ops.minimum(ops.maximum((ops.cast(x, "float32") + add) * mul, lo), hi)


KERAS_OPS = KerasOps()


def warp_keras(images, matrices, fill_mode="nearest", cval=0.0, interpolation="bilinear"):
    """Resample a float32 (N, H, W, C) tensor with (N, 3, 3) output-to-input matrices, in one call."""
    if keras.backend.backend() == "tensorflow" and fill_mode != "wrap":
        return _warp_kernel(images, matrices, fill_mode, cval, interpolation)
    return _warp_coordinates(images, matrices, fill_mode, cval, interpolation)


def _warp_kernel(images, matrices, fill_mode, cval, interpolation):
    """The TensorFlow backend's projective kernel, through ``keras.ops.image.affine_transform``."""
    m = ops.cast(matrices, "float32")
    return ops.image.affine_transform(images, _eight(m), interpolation=interpolation,
                                      fill_mode=FILL[fill_mode]["keras"], fill_value=cval)


def _eight(m):
    """(N, 3, 3) matrices as the kernel's (N, 8) rows [a0, a1, a2, b0, b1, b2, c0, c1] (m[2, 2] = 1)."""
    flat = ops.reshape(m / m[:, 2:3, 2:3], (-1, 9))
    return flat[:, :8]


def _warp_coordinates(images, matrices, fill_mode, cval, interpolation):
    """Every output pixel's input position, read with ``keras.ops.image.map_coordinates``."""
    shape = ops.shape(images)
    n, h, w, c = shape[0], images.shape[1], images.shape[2], images.shape[3]
    m = ops.cast(matrices, "float32")
    xs = ops.reshape(ops.arange(w, dtype="float32"), (1, 1, w))
    ys = ops.reshape(ops.arange(h, dtype="float32"), (1, h, 1))

    def row(i):
        return (ops.reshape(m[:, i, 0], (-1, 1, 1)) * xs + ops.reshape(m[:, i, 1], (-1, 1, 1)) * ys
                + ops.reshape(m[:, i, 2], (-1, 1, 1)))

    depth = row(2)
    x, y = row(0) / depth, row(1) / depth                                   # (N, H, W)
    mode = FILL[fill_mode]["keras"]
    if fill_mode == "reflect":          # folded into the image first, then read with "nearest" (exact)
        x, y, mode = _reflect(x, w), _reflect(y, h), "nearest"
    full = (n, h, w, c)
    coordinates = ops.stack([
        ops.broadcast_to(ops.reshape(ops.arange(n, dtype="float32"), (-1, 1, 1, 1)), full),
        ops.broadcast_to(ops.expand_dims(y, -1), full),
        ops.broadcast_to(ops.expand_dims(x, -1), full),
        ops.broadcast_to(ops.reshape(ops.arange(c, dtype="float32"), (1, 1, 1, c)), full)])
    return ops.image.map_coordinates(images, coordinates, order=1 if interpolation == "bilinear" else 0,
                                     fill_mode=mode, fill_value=cval)


def _reflect(position, size):
    """Positions folded into 0..size-1 by the d c b a | a b c d | d c b a extension (period 2 * size).

    The extension is symmetric about -0.5 and size - 0.5, so reading the folded position with
    "nearest" gives the same interpolated value as reading the extension itself.
    """
    folded = ops.mod(position + 0.5, 2.0 * size)
    return ops.where(folded >= size, 2.0 * size - folded, folded) - 0.5


def apply_keras(options, images, params, active=None):
    """The ``keras.ops`` twin of ``Augment.apply``: (N, H, W, C) tensor -> float32 tensor.

    Args:
        options: the spec (an ``Augment`` or ``AugmentOptions``).
        images: (N, H, W, C) tensor or array, any real dtype; H, W, C must be known.
        params: an ``AugmentParams``, or any record with its fields as tensors.
        active: the names of the transforms that are on (default: the options' own).
    """
    images = ops.cast(images, "float32")
    active = [t.name for t in options.active] if active is None else active
    geometric = geometry.geometric(active)
    if geometric:
        matrices = geometry.affine_matrices(params, images.shape[1:], KERAS_OPS, geometric)
        images = warp_keras(images, matrices, options.fill_mode, options.cval, options.interpolation)
    return pixels.colour_and_normalize(options, images, params, KERAS_OPS)
