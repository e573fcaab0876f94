"""Normalization in ImageDataGenerator's order: rescale, samplewise, featurewise.

``featurewise_statistics`` is what ``fit()`` computes; ``standardize`` applies
the options to a batch (NumPy arrays or TF tensors, through ``ops``).

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> x = np.full((1, 2, 2, 3), 255.0)
    >>> standardize(x, NUMPY_OPS, rescale=1 / 255)[0, 0, 0].tolist()
    [1.0, 1.0, 1.0]
"""

import numpy as np

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


def standardize(x, ops, rescale=None, samplewise_center=False, samplewise_std_normalization=False,
                mean=None, std=None):
    """Apply rescale, then samplewise centre/std (one scalar per image), then featurewise mean/std.

    Args:
        x: (N, H, W, C) float.
        mean, std: (C,) featurewise statistics, or None to skip that step.
    """
    if rescale:
        x = x * rescale
    if samplewise_center or samplewise_std_normalization:
        x = x - ops.reduce("mean", x, axis=(1, 2, 3))
    if samplewise_std_normalization:
        x = x / (ops.reduce("std", x, axis=(1, 2, 3)) + EPSILON)
    if mean is not None:
        x = x - ops.cast(mean, ops.float32)
    if std is not None:
        x = x / (ops.cast(std, ops.float32) + EPSILON)
    return x
