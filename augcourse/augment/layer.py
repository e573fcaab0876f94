"""The in-model door: a Keras layer that augments a batch with the core's TF twin while training.

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

from augcourse._checks import check_image_shape, check_int
from augcourse._tf import keras, tf
from augcourse.augment import pixels, sampling
from augcourse.augment.options import FITTED, AugmentOptions
from augcourse.augment.tf_backend import TF_OPS, apply_tf


class AugmentLayer(keras.layers.Layer):
    """Augments a batch inside a model, with TF ops only, when ``training=True``.

    The spec's normalization (rescale, samplewise, featurewise) is applied in
    both modes; the random transforms only while training. Draws come from a
    ``keras.random.SeedGenerator(seed)``, so they differ from ``Augment.sample``'s
    NumPy draws; ``transform(images, params)`` applies given parameters exactly.

    Args:
        aug: the spec, an ``Augment`` (or ``AugmentOptions``); its fitted
            ``mean``/``std`` are read at call time.
        seed: seeds the layer's ``SeedGenerator``.

    Input/output: (N, H, W, C) -> float32 (N, H, W, C).
    """

    def __init__(self, aug, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.aug = aug
        self.seed = check_int("seed", seed, low=0)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def get_random_transformation(self, images):
        """Draw per-image parameters (a namespace of (N,) tensors) for a batch."""
        n, c = tf.shape(images)[0], images.shape[-1]
        uniforms = keras.random.uniform((n, sampling.N_UNIFORMS), seed=self.seed_generator)
        per_channel = keras.random.uniform((n, c), seed=self.seed_generator)
        return types.SimpleNamespace(**sampling.params_from_uniforms(self.aug, uniforms, per_channel,
                                                                      images.shape[1:], TF_OPS))

    def transform(self, images, params):
        """Apply given parameters (an ``AugmentParams``) with TF ops: same result as ``Augment.apply``."""
        check_image_shape("images", images.shape)
        return apply_tf(self.aug, images, params)

    def call(self, images, training=None):
        check_image_shape("images", images.shape)      # the NumPy door's message, before TF's own
        images = tf.cast(images, tf.float32)
        if not training:
            return pixels.standardize(self.aug, images, TF_OPS)
        return apply_tf(self.aug, images, self.get_random_transformation(images))

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
