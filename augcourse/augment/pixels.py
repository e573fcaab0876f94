"""The pixel steps after the geometry, for one spec: channel shift, brightness, then normalization.

The order is ImageDataGenerator's (augmentation first, then ``standardize``).
Written against the ``ops`` protocol, so ``Augment.apply`` (NumPy) and the
TF twin / Keras layer (TensorFlow) share it.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> from augcourse.augment.options import AugmentOptions
    >>> x = np.full((1, 2, 2, 3), 255.0, np.float32)
    >>> standardize(AugmentOptions(rescale=1 / 255), x, NUMPY_OPS)[0, 0, 0].tolist()
    [1.0, 1.0, 1.0]
"""

from augcourse.augment import colour, normalize


def colour_and_normalize(options, x, params, ops, overwrite=False):
    """Channel shift and brightness with ``params``, then normalization, on an (N, H, W, C) float32 batch.

    Args:
        options: an ``AugmentOptions`` (or ``Augment``); featurewise options need its ``mean``/``std``.
        x: the geometrically transformed batch (array or tensor; not modified, unless ``overwrite=True``
            lets the colour step write into a float32 NumPy ``x`` that the caller owns).
        params: an ``AugmentParams`` or a record of tensors with its fields.
        ops: ``ops.NUMPY_OPS`` or ``tf_backend.TF_OPS``.
    """
    shift = params.channel_shift if options.channel_shift_range else None
    factor = params.brightness if options.brightness_range is not None else None
    if shift is not None or factor is not None:
        x = colour.shift_and_brightness(x, shift, factor, ops, overwrite)
    return standardize(options, x, ops)


def standardize(options, x, ops):
    """Normalization only (no augmentation): what validation and test data get. (N, H, W, C) -> same."""
    if options.featurewise and options.mean is None:
        raise RuntimeError("This Augment uses featurewise_center/featurewise_std_normalization: "
                           "call aug.fit(x_train) first.")
    return normalize.standardize(
        x, ops, rescale=options.rescale, samplewise_center=options.samplewise_center,
        samplewise_std_normalization=options.samplewise_std_normalization,
        mean=options.mean if options.featurewise_center else None,
        std=options.std if options.featurewise_std_normalization else None)
