"""Pixel-level transforms on whole batches: channel shift and brightness, in one pass.

For image i with values x (after the geometry), min ``lo`` and max ``hi``:

    channel shift   y = clip(x + c, lo, hi)      c: one offset (IDG), or one per channel
    brightness      z = clip(y * b, b_lo, b_hi)  b >= 0, a factor as in IDG

``b_lo, b_hi`` keep the image in its scale: (0, 1) when ``hi <= 1`` (data
already scaled to [0, 1]), (0, max(255, hi)) otherwise, and no lower limit
when the image has negative values. ImageDataGenerator instead truncates to
uint8 and rounds in PIL (see ``IDG_DEVIATIONS``). Because ``b >= 0`` both
clips merge into one: ``z = clip((x + c) * b, max(lo*b, b_lo), min(hi*b, b_hi))``,
so a batch costs a min/max and one fused multiply-add-clip.

Example:
    >>> import numpy as np
    >>> from augcourse.augment.ops import NUMPY_OPS
    >>> x = np.array([[[[50.0, 100.0, 200.0], [0.0, 0.0, 255.0]]]])   # 1 image, 1x2 pixels
    >>> shift_and_brightness(x, np.array([30.0]), None, NUMPY_OPS)[0, 0, 0].tolist()
    [80.0, 130.0, 230.0]
"""

INF = float("inf")


def brightness_limits(lo, hi, ops):
    """Per-image (b_lo, b_hi) that keep brightened values in the image's scale."""
    b_lo = ops.where(lo < 0, -INF, 0.0)
    b_hi = ops.where(hi <= 1.0, 1.0, ops.maximum(hi, 255.0))
    return b_lo, b_hi


def shift_and_brightness(x, shift, factor, ops, overwrite=False):
    """Channel shift then brightness on an (N, H, W, C) float batch.

    Args:
        x: (N, H, W, C) float32 (not modified: the result is a new array or tensor; with
            ``overwrite=True``, a float32 NumPy ``x`` the caller owns receives the result).
        shift: (N,) one offset per image, (N, C) one per channel, or None for no shift.
        factor: (N,) brightness factors >= 0, or None for no brightness change.
        ops: ``ops.NUMPY_OPS`` or ``keras_backend.KERAS_OPS`` (the ``ops.Ops`` protocol).
    """
    lo, hi = ops.image_bounds(x)
    add, mul = 0.0, 1.0
    low, high = -INF, INF
    if shift is not None:
        shift = ops.cast(shift, ops.float32)
        add = shift[:, None, None, None] if len(shift.shape) == 1 else shift[:, None, None, :]
    if factor is not None:
        mul = ops.cast(factor, ops.float32)[:, None, None, None]
        low, high = brightness_limits(lo, hi, ops)
    low = ops.cast(ops.maximum(lo * mul, low), ops.float32)
    high = ops.cast(ops.minimum(hi * mul, high), ops.float32)
    return ops.add_mul_clip(x, add, mul, low, high, overwrite=overwrite)
