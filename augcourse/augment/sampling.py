"""Sampling: uniform draws in fixed columns, mapped to per-image parameters by the options.

Every draw starts as U(0, 1) numbers: an (N, N_UNIFORMS) block with one
column per random choice (``COLUMNS``) and an (N, C) block for per-channel
shifts. The same columns are drawn whatever the options, so switching one
transform on or off never changes the draws of the others. ``params_from_uniforms``
is written against the ``ops`` protocol (``augment.ops``), so NumPy
(``Augment.sample``) and TensorFlow (the Keras layer) map draws identically.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> from augcourse.augment.options import AugmentOptions
    >>> u = np.full((1, N_UNIFORMS), 0.75)
    >>> d = params_from_uniforms(AugmentOptions(rotation_range=20), u, np.zeros((1, 3)), (8, 8, 3), NUMPY_OPS)
    >>> float(d["theta"][0]), float(d["zx"][0])
    (10.0, 1.0)
"""

import numpy as np

COLUMNS = ("theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical", "brightness",
           "channel_shift", "rotation?", "shift?", "zoom?", "shear?", "brightness?", "channel_shift?")
N_UNIFORMS = len(COLUMNS)
_COLUMN = {name: i for i, name in enumerate(COLUMNS)}


def draw_uniforms(n, channels, seed):
    """The (N, N_UNIFORMS) and (N, C) U(0, 1) blocks from a private ``numpy.random.Generator``."""
    rng = np.random.default_rng(seed)
    return rng.random((n, N_UNIFORMS)), rng.random((n, channels))


def params_from_uniforms(options, u, u_channels, image_shape, ops):
    """Map U(0, 1) draws, (N, N_UNIFORMS) and (N, C), to a dict of (N,) parameter arrays (or tensors).

    Args:
        options: an ``AugmentOptions`` (or ``Augment``).
        u, u_channels: the uniform blocks (arrays for NumPy ops, tensors for TF ops).
        image_shape: (H, W, C); fractional shifts scale with W and H.
        ops: ``ops.NUMPY_OPS`` or ``tf_backend.TF_OPS``.

    Returns:
        dict with the ``options.FIELDS``; ``channel_shift`` is (N,) or, per channel, (N, C).
    """
    def col(name):
        return u[:, _COLUMN[name]]

    def applied(name, value, neutral):
        return ops.where(col(name + "?") < options.p[name], value, neutral)

    def symmetric(name, r):
        return (2.0 * col(name) - 1.0) * r

    h, w = image_shape[:2]
    z_lo, z_hi = options.zoom_range
    zx, zy = z_lo + (z_hi - z_lo) * col("zx"), z_lo + (z_hi - z_lo) * col("zy")
    tx = _shift_pixels(col("tx"), options.width_shift_range, w, ops)
    ty = _shift_pixels(col("ty"), options.height_shift_range, h, ops)
    if options.brightness_range is None:
        bright = col("brightness") * 0.0 + 1.0
    else:
        lo, hi = options.brightness_range
        bright = lo + (hi - lo) * col("brightness")
    if options.channel_shift_per_channel:
        shift = (2.0 * u_channels - 1.0) * options.channel_shift_range
        shift_applied = (col("channel_shift?") < options.p["channel_shift"])[:, None]
    else:
        shift = symmetric("channel_shift", options.channel_shift_range)
        shift_applied = col("channel_shift?") < options.p["channel_shift"]
    return {
        "theta": applied("rotation", symmetric("theta", options.rotation_range), 0.0),
        "tx": applied("shift", tx, 0.0),
        "ty": applied("shift", ty, 0.0),
        "shear": applied("shear", symmetric("shear", options.shear_range), 0.0),
        "zx": applied("zoom", zx, 1.0),
        "zy": applied("zoom", zy, 1.0),
        "flip_horizontal": (col("flip_horizontal") < options.p["horizontal_flip"]) & options.horizontal_flip,
        "flip_vertical": (col("flip_vertical") < options.p["vertical_flip"]) & options.vertical_flip,
        "brightness": applied("brightness", bright, 1.0),
        "channel_shift": ops.where(shift_applied, shift, 0.0),
    }


def _shift_pixels(u, value, size, ops):
    """A U(0, 1) draw as a shift in pixels.

    An int n gives whole pixels, each of -n..n equally likely; a float below 1
    a fraction of ``size``; a float from 1 up, pixels (continuous).
    """
    if isinstance(value, int):
        return ops.floor(u * (2 * value + 1)) - value
    return (2.0 * u - 1.0) * (value * size if value < 1 else value)
