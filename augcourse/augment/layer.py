"""The in-model door: a Keras layer that augments a batch with the core's ``keras.ops`` twin while training.

It runs on every Keras backend (TensorFlow, JAX, PyTorch) and is registered for serialization, so
a model that contains it saves with ``model.save`` and loads with ``keras.models.load_model``
without ``custom_objects`` (once ``augcourse.augment.layer`` is imported, as ``to_layer`` does).

It refuses what the other doors refuse (``inputs.check_batch``): a wrong rank or channel count,
or a channel count other than ``fit``'s, raises ValueError when the layer is called or the model
is built; NaN, infinite or too large pixel values raise the same ValueError as ``Augment.augment``
in an eager call, and fail the training step (``tf.errors.InvalidArgumentError`` carrying
``inputs.VALUE_PROBLEM``) inside ``model.fit``'s compiled graph on TensorFlow. XLA drops such
assertions, so on TensorFlow the layer sets ``supports_jit = False``: a model holding it compiles
without XLA under ``jit_compile="auto"``. An explicit ``jit_compile=True``, and JAX's jit (which the
layer leaves on: JAX without jit runs op by op), skip the value check in the compiled step.
An empty batch gives an empty float32 result.

Example:
    >>> from augcourse._tf import keras
    >>> from augcourse.augment import Augment
    >>> layer = Augment(rotation_range=20, rescale=1 / 255).to_layer(seed=0)
    >>> model = keras.Sequential([keras.Input((32, 32, 3)), layer, keras.layers.Conv2D(8, 3)])
    >>> model.output_shape
    (None, 30, 30, 8)
"""

import types

import numpy as np

from augcourse._checks import INT32_SEED_MAX, PIXEL_LIMIT, check_int
from augcourse._tf import keras
from augcourse.augment import normalize
from augcourse.augment.inputs import VALUE_PROBLEM_TEMPLATE, check_batch, check_batch_shape
from augcourse.augment.keras_backend import KERAS_OPS, apply_keras
from augcourse.augment.options import FITTED, AugmentOptions
from augcourse.augment.sampling import stream_key, transform_fields
from augcourse.augment.transforms import RECORDS
from augcourse.language import tr


def stream_seed(seed, name):
    """The seed of transform ``name``'s ``SeedGenerator`` in a layer seeded with ``seed``: its own stream."""
    return (seed * 0x9E3779B1 + stream_key(name)) % INT32_SEED_MAX


def _values_known(images):
    """True where the tensor holds values (an eager call), False inside a traced graph."""
    backend = keras.backend.backend()
    if backend == "tensorflow":
        from augcourse._tf import tf

        return tf.executing_eagerly()
    if backend == "jax":                # a traced value is a jax.core.Tracer (named without importing JAX)
        return not any(cls.__name__ == "Tracer" for cls in type(images).__mro__)
    return True


def check_layer_images(aug, images):
    """The layer's version of ``inputs.check_batch``; returns ``images`` (with the graph's check attached).

    Shapes are checked always (they are known when the model is built); values eagerly with the NumPy
    door's check, and in a TensorFlow graph by an assertion that fails the step with ``VALUE_PROBLEM``.
    """
    check_batch_shape(aug, "images", images.shape)      # the NumPy door's message, before the backend's own
    if not keras.backend.standardize_dtype(images.dtype).startswith(("float", "bfloat")):
        return images
    if _values_known(images):
        check_batch(aug, "images", keras.ops.convert_to_numpy(images))
        return images
    if keras.backend.backend() != "tensorflow":
        return images
    from augcourse._tf import tf

    magnitude, finite = tf.abs(images), tf.math.is_finite(images)
    ok = tf.reduce_all(magnitude <= PIXEL_LIMIT)          # False for NaN too; True for an empty batch
    bad = tf.reduce_sum(tf.cast(tf.logical_not(finite), tf.int64))
    largest = tf.reduce_max(tf.where(finite, magnitude, tf.zeros_like(magnitude)))
    check = tf.debugging.Assert(ok, [tr(VALUE_PROBLEM_TEMPLATE, limit=PIXEL_LIMIT), tr("NaN or infinite values:"), bad,
                                     tr("largest finite |value|:"), largest])
    with tf.control_dependencies([check]):
        return tf.identity(images)


@keras.saving.register_keras_serializable(package="augcourse", name="AugmentLayer")
class AugmentLayer(keras.layers.Layer):
    """Augments a batch inside a model, with ``keras.ops`` only, when ``training=True``.

    The spec's normalization (rescale, samplewise, featurewise) is applied in both modes; the
    random transforms only while training. Each transform draws from its own
    ``keras.random.SeedGenerator`` (seeded from ``seed`` and its name), so its draws differ from
    ``Augment.sample``'s NumPy draws; ``transform(images, params)`` applies given parameters exactly.

    Args:
        aug: the spec, an ``Augment`` (or ``AugmentOptions``); its fitted
            ``mean``/``std`` are read at call time.
        seed: seeds the layer's generators.

    Input/output: (N, H, W, C) -> float32 (N, H, W, C); (0, H, W, C) gives (0, H, W, C).

    Bad input (see the module's docstring): ValueError in an eager call or when the model is built;
    NaN, inf or values beyond +-1e6 inside ``model.fit`` fail the step with
    ``tf.errors.InvalidArgumentError`` whose message starts with ``inputs.VALUE_PROBLEM``. On
    TensorFlow the layer keeps models off XLA (``supports_jit = False``), which would drop that check.
    """

    def __init__(self, aug, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.aug = aug
        self.seed = check_int("seed", seed, low=0)
        self.seed_generators = [keras.random.SeedGenerator(stream_seed(self.seed, t.name)) for t in RECORDS]
        # XLA drops the TensorFlow assertion that refuses NaN, inf and huge values (JAX keeps its jit)
        self.supports_jit = keras.backend.backend() != "tensorflow"

    def get_random_transformation(self, images):
        """Draw per-image parameters (a namespace of (N,)-first tensors) for a batch."""
        n = keras.ops.shape(images)[0]
        generators = {t.name: generator for t, generator in zip(RECORDS, self.seed_generators)}

        def stream(transform):
            generator = generators[transform.name]
            return lambda *tail: keras.random.uniform((n,) + tail, seed=generator)

        return types.SimpleNamespace(**transform_fields(self.aug, n, images.shape[1:], KERAS_OPS, stream))

    def transform(self, images, params):
        """Apply given parameters (an ``AugmentParams``) with ``keras.ops``: the same result as ``Augment.apply``."""
        images = check_layer_images(self.aug, images)
        return apply_keras(self.aug, images, params, active=params.active)

    def call(self, images, training=None):
        images = keras.ops.cast(check_layer_images(self.aug, images), "float32")
        if images.shape[0] == 0:        # an empty batch: the empty result (Keras' min refuses empty tensors)
            return images
        if not training:
            return normalize.standardize(self.aug, images, KERAS_OPS)
        return apply_keras(self.aug, images, self.get_random_transformation(images))

    def compute_output_shape(self, input_shape):
        check_batch_shape(self.aug, "images", input_shape)     # a model built on other channels than fit's fails here
        return input_shape

    def get_config(self):
        fitted = {name: None if getattr(self.aug, name) is None else [float(s) for s in getattr(self.aug, name)]
                  for name in FITTED}
        return {**super().get_config(), "spec": self.aug.settings(), "seed": self.seed, **fitted}

    @classmethod
    def from_config(cls, config):
        """A layer with the same options, fitted statistics and seed (its spec an ``AugmentOptions``)."""
        config = dict(config)
        options = AugmentOptions(**config.pop("spec"))
        for name in FITTED:
            value = config.pop(name, None)
            setattr(options, name, None if value is None else np.asarray(value, np.float32))
        return cls(options, **config)
