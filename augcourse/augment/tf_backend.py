"""The core in TensorFlow ops: the same formulas as the NumPy path, for graphs and GPUs.

- ``TF_OPS``: TensorFlow versions of the operations in ``ops.NumpyOps``.
- ``apply_tf(aug, images, params)``: the twin of ``Augment.apply``: one
  ``ImageProjectiveTransformV3`` call per batch with the matrices of
  ``geometry``, then the batched colour and normalization maths.
- ``AugmentLayer``: a Keras layer that draws parameters with Keras' seeded
  RNG and calls ``apply_tf`` when ``training=True``.

TensorFlow's kernel takes the same output-to-input matrix, flattened to 8
numbers ``[a0, a1, a2, b0, b1, b2, 0, 0]`` in (x = column, y = row)
coordinates, and its fill modes match OpenCV's, except that its "WRAP" reads
``cval`` instead of blending the last and first column when a sample falls
between them. ``warp_tf`` therefore wraps by sampling a 3x3 tiling of the
image (a true circular extension for positions within one image size of
the image).

Example:
    >>> import numpy as np
    >>> from augcourse.augment import Augment                         # doctest: +SKIP
    >>> aug = Augment(rotation_range=20)                               # doctest: +SKIP
    >>> params = aug.sample(4, (32, 32, 3), seed=0)                    # doctest: +SKIP
    >>> apply_tf(aug, np.zeros((4, 32, 32, 3)), params).shape          # doctest: +SKIP
    TensorShape([4, 32, 32, 3])
"""

from augcourse._tf import keras, tf
from augcourse.augment import geometry

TF_FILL = {"nearest": "NEAREST", "reflect": "REFLECT", "wrap": "WRAP", "constant": "CONSTANT"}


class TFOps:
    """TensorFlow versions of the operations the core uses (see ``ops.NumpyOps``)."""

    float32 = tf.float32
    cos, sin, floor = staticmethod(tf.cos), staticmethod(tf.sin), staticmethod(tf.floor)
    matmul = staticmethod(tf.linalg.matmul)

    @staticmethod
    def stack(values, axis):
        return tf.stack(values, axis=axis)

    @staticmethod
    def cast(x, dtype=tf.float32):
        return tf.cast(x, tf.bool if dtype is bool else dtype)

    @staticmethod
    def where(cond, a, b):
        a, b = tf.convert_to_tensor(a), tf.convert_to_tensor(b)
        dtype = a.dtype if a.dtype != tf.bool else b.dtype
        return tf.where(cond, tf.cast(a, dtype), tf.cast(b, dtype))

    @staticmethod
    def minimum(a, b):
        return tf.minimum(a, tf.cast(b, tf.float32))

    @staticmethod
    def maximum(a, b):
        return tf.maximum(a, tf.cast(b, tf.float32))

    @staticmethod
    def reduce(name, x, axis):
        function = {"min": tf.reduce_min, "max": tf.reduce_max, "mean": tf.reduce_mean,
                    "std": tf.math.reduce_std}[name]
        return function(x, axis=axis, keepdims=True)

    @staticmethod
    def clip(x, lo, hi):
        return tf.minimum(tf.maximum(x, lo), hi)

    @staticmethod
    def add_mul_clip(x, add, mul, lo, hi):
        return tf.minimum(tf.maximum((x + add) * mul, lo), hi)

    @staticmethod
    def image_bounds(x):
        return (tf.reduce_min(x, axis=(1, 2, 3), keepdims=True),
                tf.reduce_max(x, axis=(1, 2, 3), keepdims=True))


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


def apply_tf(aug, images, params):
    """The TensorFlow twin of ``Augment.apply``: (N, H, W, C) tensor -> float32 tensor.

    Args:
        aug: the ``Augment`` spec.
        images: (N, H, W, C) tensor or array, any real dtype; H, W, C must be known.
        params: an ``AugmentParams``, or any record with its fields as tensors.
    """
    images = tf.cast(images, tf.float32)
    matrices = geometry.affine_matrices(params, images.shape[1:], TF_OPS)
    x = warp_tf(images, matrices, aug.fill_mode, aug.cval, aug.interpolation)
    return aug.colour_and_normalize(x, params, TF_OPS)


class _Record:
    """Attribute access to a dict of parameter tensors (what ``affine_matrices`` reads)."""

    def __init__(self, values):
        self.__dict__.update(values)


class AugmentLayer(keras.layers.Layer):
    """Augments a batch inside a model, with TF ops only, when ``training=True``.

    The spec's normalization (rescale, samplewise, featurewise) is applied in
    both modes; the random transforms only while training. Draws come from a
    ``keras.random.SeedGenerator(seed)``, so they differ from ``Augment.sample``'s
    NumPy draws; ``transform(images, params)`` applies given parameters exactly.

    Input/output: (N, H, W, C) -> float32 (N, H, W, C).

    Example:
        >>> layer = Augment(rotation_range=20, rescale=1 / 255).to_layer(seed=0)    # doctest: +SKIP
        >>> model = keras.Sequential([keras.Input((32, 32, 3)), layer, keras.layers.Conv2D(8, 3)])  # doctest: +SKIP
    """

    def __init__(self, aug, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.aug = aug
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def get_random_transformation(self, images):
        """Draw per-image parameters (a record of tensors) for a batch."""
        from augcourse.augment.spec import N_UNIFORMS

        n, c = tf.shape(images)[0], images.shape[-1]
        uniforms = keras.random.uniform((n, N_UNIFORMS), seed=self.seed_generator)
        per_channel = keras.random.uniform((n, c), seed=self.seed_generator)
        return _Record(self.aug.params_from_uniforms(uniforms, per_channel, images.shape[1:], TF_OPS))

    def transform(self, images, params):
        """Apply given parameters (an ``AugmentParams``) with TF ops: same result as ``Augment.apply``."""
        return apply_tf(self.aug, images, params)

    def call(self, images, training=None):
        images = tf.cast(images, tf.float32)
        if not training:
            return self.aug.standardize(images, TF_OPS)
        return apply_tf(self.aug, images, self.get_random_transformation(images))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        fitted = {k: None if v is None else [float(s) for s in v]
                  for k, v in (("mean", self.aug.mean), ("std", self.aug.std))}
        return {**super().get_config(), "spec": self.aug.settings(), "seed": self.seed, **fitted}

    @classmethod
    def from_config(cls, config):
        import numpy as np

        from augcourse.augment.spec import Augment

        config = dict(config)
        aug = Augment(**config.pop("spec"))
        for name in ("mean", "std"):
            value = config.pop(name, None)
            setattr(aug, name, None if value is None else np.asarray(value, np.float32))
        return cls(aug, **config)
