"""The in-model door: a Keras layer that augments a batch with the core's ``keras.ops`` twin while training.

It runs on every Keras backend (TensorFlow, JAX, PyTorch) and is registered for serialization, so
a model that contains it saves with ``model.save`` and loads with ``keras.models.load_model``
without ``custom_objects`` (once ``augcourse.augment.layer`` is imported, as ``to_layer`` does).

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

from augcourse._checks import INT32_SEED_MAX, check_image_shape, check_int
from augcourse._tf import keras
from augcourse.augment import normalize
from augcourse.augment.keras_backend import KERAS_OPS, apply_keras
from augcourse.augment.options import FITTED, AugmentOptions
from augcourse.augment.sampling import stream_key, transform_fields
from augcourse.augment.transforms import RECORDS


def stream_seed(seed, name):
    """The seed of transform ``name``'s ``SeedGenerator`` in a layer seeded with ``seed``: its own stream."""
    return (seed * 0x9E3779B1 + stream_key(name)) % INT32_SEED_MAX


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

    Input/output: (N, H, W, C) -> float32 (N, H, W, C).
    """

    def __init__(self, aug, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.aug = aug
        self.seed = check_int("seed", seed, low=0)
        self.seed_generators = [keras.random.SeedGenerator(stream_seed(self.seed, t.name)) for t in RECORDS]

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
        check_image_shape("images", images.shape)
        return apply_keras(self.aug, images, params, active=params.active)

    def call(self, images, training=None):
        check_image_shape("images", images.shape)      # the NumPy door's message, before the backend's own
        images = keras.ops.cast(images, "float32")
        if not training:
            return normalize.standardize(self.aug, images, KERAS_OPS)
        return apply_keras(self.aug, images, self.get_random_transformation(images))

    def compute_output_shape(self, input_shape):
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
