"""The core in TensorFlow ops: the same formulas as the NumPy path, for graphs and GPUs.

- ``TF_OPS``: TensorFlow versions of the ``ops.Ops`` protocol.
- ``warp_tf(images, matrices, ...)``: one ``ImageProjectiveTransformV3`` call per batch.
- ``apply_tf(options, images, params)``: the twin of ``Augment.apply``: the
  matrices of ``geometry``, the warp, then the pixel steps of ``pixels``.

TensorFlow's kernel takes the same output-to-input matrix, flattened to 8
numbers ``[a0, a1, a2, b0, b1, b2, 0, 0]`` in (x = column, y = row)
coordinates, and its fill modes match OpenCV's, except that its "WRAP" reads
``cval`` instead of blending the last and first column when a sample falls
between them. ``warp_tf`` therefore wraps by sampling a 3x3 tiling of the
image (a true circular extension for positions within one image size of
the image).

Example:
    >>> import numpy as np
    >>> from augcourse.augment import Augment
    >>> aug = Augment(rotation_range=20)
    >>> params = aug.sample(4, (32, 32, 3), seed=0)
    >>> apply_tf(aug, np.zeros((4, 32, 32, 3)), params).shape
    TensorShape([4, 32, 32, 3])
"""

from augcourse._tf import tf
from augcourse.augment import geometry, pixels

TF_FILL = {"nearest": "NEAREST", "reflect": "REFLECT", "wrap": "WRAP", "constant": "CONSTANT"}


class TFOps:
    """TensorFlow versions of the operations in ``ops.Ops`` (same dtype and aliasing rules)."""

    float32, geometry_dtype, bool = tf.float32, tf.float32, tf.bool
    cos, sin, floor = staticmethod(tf.cos), staticmethod(tf.sin), staticmethod(tf.floor)

    @staticmethod
    def cast(x, dtype):
        return tf.cast(x, dtype)

    @staticmethod
    def minimum(a, b):
        a = tf.convert_to_tensor(a)
        return tf.minimum(a, tf.cast(b, a.dtype))

    @staticmethod
    def maximum(a, b):
        a = tf.convert_to_tensor(a)
        return tf.maximum(a, tf.cast(b, a.dtype))

    @staticmethod
    def where(cond, a, b):
        a, b = tf.convert_to_tensor(a), tf.convert_to_tensor(b)
        dtype = a.dtype if a.dtype != tf.bool else b.dtype
        return tf.where(cond, tf.cast(a, dtype), tf.cast(b, dtype))

    @staticmethod
    def stack(values, axis):
        return tf.stack(values, axis=axis)

    @staticmethod
    def reduce(name, x, axis):
        function = {"min": tf.reduce_min, "max": tf.reduce_max, "mean": tf.reduce_mean,
                    "std": tf.math.reduce_std}[name]
        return function(x, axis=axis, keepdims=True)

    @staticmethod
    def image_bounds(x):
        return (tf.reduce_min(x, axis=(1, 2, 3), keepdims=True),
                tf.reduce_max(x, axis=(1, 2, 3), keepdims=True))

    @staticmethod
    def add_mul_clip(x, add, mul, lo, hi, overwrite=False):     # tensors are immutable: always a new one
        return tf.minimum(tf.maximum((tf.cast(x, tf.float32) + add) * mul, lo), hi)


TF_OPS = TFOps()


def warp_tf(images, matrices, fill_mode="nearest", cval=0.0, interpolation="bilinear"):
    """Resample a float32 (N, H, W, C) tensor with (N, 3, 3) output-to-input matrices, in one call."""
    matrices = tf.cast(matrices, tf.float32)
    if fill_mode == "wrap":             # sample the centre tile of a 3x3 tiling: no seam inside
        h, w = tf.cast(tf.shape(images)[1], tf.float32), tf.cast(tf.shape(images)[2], tf.float32)
        to_centre_tile = tf.reshape(tf.stack([1.0, 0.0, w, 0.0, 1.0, h, 0.0, 0.0, 1.0]), (1, 3, 3))
        matrices = tf.linalg.matmul(to_centre_tile, matrices)
        output_shape, images = tf.shape(images)[1:3], tf.tile(images, (1, 3, 3, 1))
    else:
        output_shape = tf.shape(images)[1:3]
    transforms = tf.concat([tf.reshape(matrices, (-1, 9))[:, :6], tf.zeros_like(matrices[:, 0, :2])], axis=1)
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images, transforms=transforms, output_shape=output_shape,
        fill_value=tf.constant(cval, tf.float32),
        interpolation="BILINEAR" if interpolation == "bilinear" else "NEAREST",
        fill_mode=TF_FILL[fill_mode])


def apply_tf(options, images, params):
    """The TensorFlow twin of ``Augment.apply``: (N, H, W, C) tensor -> float32 tensor.

    Args:
        options: the spec (an ``Augment`` or ``AugmentOptions``).
        images: (N, H, W, C) tensor or array, any real dtype; H, W, C must be known.
        params: an ``AugmentParams``, or any record with its fields as tensors.
    """
    images = tf.cast(images, tf.float32)
    matrices = geometry.affine_matrices(params, images.shape[1:], TF_OPS)
    x = warp_tf(images, matrices, options.fill_mode, options.cval, options.interpolation)
    return pixels.colour_and_normalize(options, x, params, TF_OPS)
