"""Normalization in ImageDataGenerator's order: rescale, samplewise, featurewise.

``featurewise_statistics`` is what ``fit()`` computes; ``standardize`` applies
a spec's normalization options to a batch (NumPy arrays or tensors, through ``ops``):
what validation and test data get, and the last step of every augmentation.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> from augcourse.augment.options import AugmentOptions
    >>> x = np.full((1, 2, 2, 3), 255.0)
    >>> standardize(AugmentOptions(rescale=1 / 255), x, NUMPY_OPS)[0, 0, 0].tolist()
    [1.0, 1.0, 1.0]
"""

import numpy as np

from augcourse.language import tr

EPSILON = 1e-6   # ImageDataGenerator adds this to every standard deviation


def featurewise_statistics(x, rescale=None):
    """Per-channel mean and (population) std of (N, H, W, C) data, after ``rescale``.

    Returns:
        (mean, std), each of shape (C,), float32.
    """
    x = np.asarray(x, dtype=np.float64)
    if rescale:
        x = x * rescale
    return x.mean(axis=(0, 1, 2)).astype(np.float32), x.std(axis=(0, 1, 2)).astype(np.float32)


def standardize(options, x, ops):
    """Rescale, then samplewise centre/std (one scalar per image), then featurewise mean/std.

    Args:
        options: an ``AugmentOptions`` (or ``Augment``); featurewise options need its fitted ``mean``/``std``.
        x: (N, H, W, C) float array or tensor (not modified).
    """
    if options.featurewise and options.mean is None:
        raise RuntimeError(tr("This Augment uses featurewise_center/featurewise_std_normalization: "
                              "call aug.fit(x_train) first."))
    if options.rescale:
        x = x * options.rescale
    if options.samplewise_center or options.samplewise_std_normalization:
        x = x - ops.reduce("mean", x, axis=(1, 2, 3))
    if options.samplewise_std_normalization:
        x = x / (ops.reduce("std", x, axis=(1, 2, 3)) + EPSILON)
    if options.featurewise_center:
        x = x - ops.cast(options.mean, ops.float32)
    if options.featurewise_std_normalization:
        x = x / (ops.cast(options.std, ops.float32) + EPSILON)
    return x
