"""The pixel steps after the geometry, for one spec: the colour pass, pixel transforms, normalization.

The colour records (channel shift: an offset, brightness: a factor) make one fused pass
(``colour``); the pixel records (random erasing) follow, then normalization: augmentation first,
then ``standardize``, in ImageDataGenerator's order. Written against the ``ops`` protocol, so
``Augment.apply`` (NumPy) and the Keras layer share it.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> from augcourse.augment.options import AugmentOptions
    >>> from augcourse.augment.params import AugmentParams
    >>> x = np.full((1, 2, 2, 3), 255.0, np.float32)
    >>> params = AugmentParams.identity(1, (2, 2, 3))
    >>> colour_and_normalize(AugmentOptions(rescale=1 / 255), x, params, NUMPY_OPS)[0, 0, 0].tolist()
    [1.0, 1.0, 1.0]
"""

from augcourse.augment import colour, normalize


def colour_and_normalize(options, x, params, ops, overwrite=False):
    """The colour pass and pixel transforms with ``params``, then normalization, on an (N, H, W, C) batch.

    Args:
        options: an ``AugmentOptions`` (or ``Augment``); featurewise options need its ``mean``/``std``.
        x: the geometrically transformed batch (array or tensor; not modified, unless ``overwrite=True``
            lets the colour step write into a float32 NumPy ``x`` that the caller owns).
        params: an ``AugmentParams`` or a record of tensors with its fields.
        ops: ``ops.NUMPY_OPS`` or ``keras_backend.KERAS_OPS``.
    """
    terms = {"add": None, "mul": None}
    active = options.active
    for transform in active:
        if transform.stage == "colour":
            kind, value = transform.colour(params, options)
            terms[kind] = value
    if terms["add"] is not None or terms["mul"] is not None:
        x = colour.shift_and_brightness(x, terms["add"], terms["mul"], ops, overwrite)
    for transform in active:
        if transform.stage == "pixels":
            x = transform.pixels(x, params, options, ops)
    return normalize.standardize(options, x, ops)
