"""The images every door takes, checked by one function: ``check_batch``.

``Augment.augment``/``apply`` (NumPy), ``flow``, ``to_dataset`` and the Keras layer's eager call
all refuse the same input with the same message, before any work:

- a dtype other than integer or float, a rank other than 4 (N, H, W, C), 1, 3 or 4 channels;
- NaN or infinite float pixels, and pixel values beyond +-1e6 (``_checks.PIXEL_LIMIT``);
- a channel count other than the one ``fit`` saw (``check_fitted_channels``), naming both.

An empty batch (N = 0) is accepted everywhere and gives an empty result: ``augment`` returns
float32 (0, H, W, C), ``flow`` has no batches (``len(it) == 0``, ``next(it)`` gives the empty batch),
``to_dataset`` yields no batch, and the layer returns the empty batch as float32.

Inside a compiled graph the layer cannot raise a Python error; it checks the values with a
TensorFlow assertion that fails the step with ``VALUE_PROBLEM`` (see ``layer.AugmentLayer``).

Example:
    >>> import numpy as np
    >>> from augcourse.augment.options import AugmentOptions
    >>> check_batch(AugmentOptions(), "images", np.zeros((0, 4, 4, 3), np.uint8)).shape
    (0, 4, 4, 3)
    >>> check_batch(AugmentOptions(), "images", np.full((1, 2, 2, 1), np.nan))
    Traceback (most recent call last):
    ...
    ValueError: images (shape (1, 2, 2, 1)) must be finite pixel values (replace them first, e.g. np.nan_to_num(images)); got '4 NaN or infinite pixel values'.
"""

import numpy as np

from augcourse._checks import PIXEL_LIMIT, check_image_shape, check_images, fail
from augcourse.language import N_, tr

CHANNELS = (1, 3, 4)          # gray, RGB, RGBA (flow_from_directory's color_mode="rgba")
# What the layer's graph-mode assertion says when a batch holds NaN, inf or too large values.
# (VALUE_PROBLEM_TEMPLATE: the same, to translate with ``tr(VALUE_PROBLEM_TEMPLATE, limit=PIXEL_LIMIT)``.)
VALUE_PROBLEM_TEMPLATE = N_("images must be finite pixel values within +-{limit:g} (the values that Augment.augment, "
                            "flow and to_dataset accept); this batch holds NaN, infinite or larger values: replace "
                            "them first, e.g. np.nan_to_num(images)")
VALUE_PROBLEM = VALUE_PROBLEM_TEMPLATE.format(limit=PIXEL_LIMIT)


def fitted_channels(aug):
    """The channel count ``fit`` saw (the length of the fitted ``mean``), or None before ``fit``."""
    mean = getattr(aug, "mean", None)
    return None if mean is None else len(mean)


def check_fitted_channels(aug, name, shape):
    """Refuse images whose channel count differs from the one ``aug.fit`` saw; returns ``shape``.

    ``shape``: (N, H, W, C) or (H, W, C), the channels last and known.
    """
    fitted, channels = fitted_channels(aug), shape[-1]
    if fitted is not None and channels != fitted:
        fail(tr("{name} (shape {shape})", name=name, shape=tuple(shape)), tr("{count} channels", count=channels),
             tr("images with {fitted} channels, the count fit() saw (call fit() again on {count}-channel "
                "images to use them)", fitted=fitted, count=channels))
    return shape


def check_batch(aug, name, images):
    """Return ``images`` (N, H, W, C) as a NumPy array after every door's checks, else raise.

    Problems are reported in one order in every door: dtype, shape, fit's channel count, values.

    Args:
        aug: the ``Augment`` (or ``AugmentOptions``) the images go through; its fitted statistics
            fix the channel count once ``fit`` has run (None: no fitted channel count).
        name: the parameter's name in the door (``"images"``, ``"x"``), used in the message.
    """
    images = np.asarray(images)
    if images.dtype.kind in "uif":       # the shape, then fit's channels, then the values: the layer's order
        check_batch_shape(aug, name, images.shape)
    return check_images(name, images, ranks=(4,), channels=CHANNELS)


def check_batch_shape(aug, name, shape):
    """The shape part of ``check_batch`` for a tensor whose values are not known (symbolic, in a graph)."""
    shape = check_image_shape(name, shape, ranks=(4,), channels=CHANNELS)
    return check_fitted_channels(aug, name, shape)
