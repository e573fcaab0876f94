"""The study's configurations: which pipeline brings the batches to the model, with which augmentation.

A ``Config`` names a pipeline ("idg", "arrays", "core_tfdata", "core_layer", "keras_tfdata" or
"keras_layer") and the augmentation keywords (ImageDataGenerator names). ``CONFIGS`` holds the study's
training runs (``TRAINING_CONFIGS``: none, the notes' flip, the flip as a Keras 3 layer, and two kinds
of too much) and the doors of the time comparison (``TIMING_CONFIGS``): one without augmentation,
five that apply ``TIMING_TRANSFORMS``, the one transform set that every time comparison uses (the
study's and the benchmarks' ``bench_epoch.py`` and ``bench_augment.py``). The Keras doors build the
layer stack ``Augment.to_keras_code`` prints (Keras 3 has no multiplying brightness, so that one
transform is left out there).

Example:
    >>> config = get_config("zoom")
    >>> config.pipeline, config.augment
    ('idg', {'horizontal_flip': True, 'zoom_range': (0.5, 0.7)})
    >>> get_config("core_layer").augment is TIMING_TRANSFORMS
    True
"""

from dataclasses import dataclass, field

from augcourse._checks import check_choice

SEED = 0
BATCH_SIZE = 64
# Scales uint8 pixels (0–255) to 0–1: IDG's ``rescale``, the core's ``rescale``, ``Rescaling``.
PIXEL_SCALE = 1 / 255

# The transforms of the time comparison: the set the course's speed reference measured
# (flip, rotation, shift, zoom, shear, brightness, channel shift), so IDG and the core do the same work.
TIMING_TRANSFORMS = dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1,
                         zoom_range=0.2, shear_range=10, brightness_range=(0.7, 1.3),
                         channel_shift_range=30, horizontal_flip=True, fill_mode="nearest")


@dataclass(frozen=True)
class Config:
    """One training configuration: how batches reach the model.

    pipeline: "idg" (``ImageDataGenerator.flow``, as in the notes), "arrays" (tf.data from the arrays,
    rescale only), "core_tfdata" (``Augment.to_dataset``), "core_layer" (``Augment.to_layer`` as the
    model's first layer), "keras_tfdata" (Keras 3 layers in a tf.data map) or "keras_layer" (Keras 3
    layers as the model's first layers). ``augment`` holds the augmentation keywords (IDG names).

    Example:
        >>> Config("flip", "idg", {"horizontal_flip": True}).idg_kwargs()
        {'horizontal_flip': True, 'rescale': 0.00392156862745098}
    """
    name: str
    pipeline: str
    augment: dict = field(default_factory=dict)
    label: str = ""

    def idg_kwargs(self):
        """The ``ImageDataGenerator`` keywords: the augmentation plus ``rescale=1/255``."""
        return dict(self.augment, rescale=PIXEL_SCALE)


CONFIGS = {
    "none": Config("none", "idg", {}, "no augmentation"),
    "idg": Config("idg", "idg", {"horizontal_flip": True}, "horizontal flip (the notes)"),
    "keras_flip": Config("keras_flip", "keras_layer", {"horizontal_flip": True},
                         "Keras 3 flip layer in the model"),
    "zoom": Config("zoom", "idg", {"horizontal_flip": True, "zoom_range": (0.5, 0.7)},
                   "flip + zoom in 1.4-2x (too much)"),
    # too much without a straw man: every transform is one a photo might plausibly get, all at once
    # and at their limits (upside-down and sideways views do not occur in CIFAR-10's test set)
    "rotate90": Config("rotate90", "idg", {"horizontal_flip": True, "vertical_flip": True, "rotation_range": 90},
                       "flips + rotate ±90° (too much)"),
    # the time comparison: the same transforms through six doors
    "none_tfdata": Config("none_tfdata", "arrays", {}, "no augmentation, tf.data"),
    "idg_timing": Config("idg_timing", "idg", TIMING_TRANSFORMS, "ImageDataGenerator.flow"),
    "core_tfdata": Config("core_tfdata", "core_tfdata", TIMING_TRANSFORMS, "core in tf.data"),
    "core_layer": Config("core_layer", "core_layer", TIMING_TRANSFORMS, "core inside the model"),
    "keras_tfdata": Config("keras_tfdata", "keras_tfdata", TIMING_TRANSFORMS, "Keras 3 layers in tf.data"),
    "keras_layer": Config("keras_layer", "keras_layer", TIMING_TRANSFORMS, "Keras 3 layers inside the model"),
}
TRAINING_CONFIGS = ("none", "idg", "keras_flip", "zoom", "rotate90")
TIMING_CONFIGS = ("none_tfdata", "idg_timing", "core_tfdata", "core_layer", "keras_tfdata", "keras_layer")


def get_config(config):
    """``config`` itself if it is a ``Config``, else ``CONFIGS[config]`` (ValueError for other names).

    Example:
        >>> get_config("idg").label
        'horizontal flip (the notes)'
    """
    if isinstance(config, Config):
        return config
    check_choice("config", config, tuple(CONFIGS))
    return CONFIGS[config]
