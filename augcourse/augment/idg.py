"""Where ImageDataGenerator (IDG) and the augcourse core meet (the same draws), and where they part.

- ``idg_equivalent(params, i)``: the ``IDG.apply_transform`` dict that gives
  image ``i`` the same geometry and colour parameters (exact on square images).
- ``apply_idg(images, params, ...)``: run the real IDG ``apply_transform`` on
  every image with those dicts, to show both side by side.
- ``IDG_DEVIATIONS``: every way IDG departs from its documented intent, with
  what the core does instead and how a lesson (or test) shows it.

The closest ``ImageDataGenerator(...)`` for a spec is written by ``codegen``.

Example:
    >>> from augcourse.augment import Augment
    >>> p = Augment(rotation_range=10).sample(1, (8, 8, 3), seed=0)
    >>> sorted(idg_equivalent(p, 0))[:3]
    ['flip_horizontal', 'flip_vertical', 'shear']
"""

import numpy as np

from augcourse._checks import check_int, fail
from augcourse.augment.codegen import SCIPY_FILL
from augcourse.language import tr

# Each record: name, what IDG does, what the core does, how it is shown.
IDG_DEVIATIONS = (
    {"name": "shift axes swapped",
     "idg": "width_shift_range moves the image vertically and height_shift_range horizontally, "
            "each scaled by the other axis' size (keras-team/keras#17398)",
     "core": "width_shift_range moves horizontally (x W), height_shift_range vertically (x H)",
     "shown": "04_shift_and_fill_modes: a one-pixel marker moved by each parameter"},
    {"name": "wrong centre on non-square images",
     "idg": "rotation, zoom and shear turn about (x=(H-1)/2, y=(W-1)/2): on a 6x10 image a "
            "180-degree turn moves a centred block out of the image",
     "core": "they turn about the true centre ((W-1)/2, (H-1)/2) of any image",
     "shown": "05_rotation_and_zoom: theta=180 on a 6x10 image, IDG vs core"},
    {"name": "integer shift ranges",
     "idg": "an int n shifts by whole pixels in -(n-1)..n-1 with 0 twice as likely; n=1 never "
            "shifts; a negative int means +-n times the image size",
     "core": "an int n shifts by whole pixels in -n..n, all equally likely; negative ranges are rejected",
     "shown": "04_shift_and_fill_modes: the moves a marker makes with width_shift_range=2"},
    {"name": "wrap is not circular",
     "idg": "fill_mode='wrap' is SciPy 'wrap' (period n-1): [0..7] shifted by 2 gives [2..7, 1, 2]",
     "core": "a true circular shift (np.roll, SciPy 'grid-wrap'): [2..7, 0, 1]",
     "shown": "04_shift_and_fill_modes; IDG with fill_mode='grid-wrap' matches the core"},
    {"name": "constant has a hard edge",
     "idg": "fill_mode='constant' is SciPy 'constant': a sample a hair outside the image is cval, "
            "so border pixels turn to cval even for an exact 180-degree rotation",
     "core": "Keras 3 'constant' (SciPy 'grid-constant'): interpolates into cval smoothly",
     "shown": "04_shift_and_fill_modes; IDG with fill_mode='grid-constant' matches the core"},
    {"name": "shear is not a pure shear",
     "idg": "shear_range s in degrees: x moves by -sin(s)*y (slope sin s, not tan s) and y is "
            "stretched by 1/cos(s)",
     "core": "the same matrix, kept for parity and shown as a deviation; Keras 3 RandomShear is a "
             "pure shear (slope = factor) anchored at the top-left corner",
     "shown": "06_shear: measured slope and stretch of a line pattern"},
    {"name": "brightness through uint8",
     "idg": "the image is truncated to uint8 (floor), scaled in PIL (rounded, clipped to 0..255) "
            "and turned back to float; data already in [0, 1] turns black",
     "core": "multiplies the float values and clips to the image's scale ([0, 255], or [0, 1] "
             "when the image's max is <= 1; no lower clip for negative data)",
     "shown": "08_brightness: IDG vs core on 0-255 and on [0, 1] data"},
    {"name": "channel shift is one offset",
     "idg": "channel_shift_range adds one value to all channels, clipped to the image's own min/max",
     "core": "the same by default; channel_shift_per_channel=True draws one offset per channel",
     "shown": "09_channel_shift: one offset vs per-channel offsets"},
    {"name": "fit() ignores preprocessing_function",
     "idg": "featurewise statistics come from data that preprocessing_function never touched",
     "core": "no preprocessing_function: fit() sees what standardize() sees (rescale included)",
     "shown": "11_normalization"},
    {"name": "flow(seed=...) re-seeds NumPy",
     "idg": "every batch calls np.random.seed(seed + batches_seen) on the global NumPy generator",
     "core": "draws come from its own numpy.random.Generator; the global one is never touched",
     "shown": "tests/test_augment_paths.py: IDG's flow changes np.random.get_state(), the core's does not"},
    {"name": "fill_mode and ranges not validated",
     "idg": "a typo such as 'nearst' fails only at the first non-identity affine transform; "
            "negative or absurd ranges are accepted silently",
     "core": "the constructor rejects them, naming the parameter, the value and what is allowed",
     "shown": "04_shift_and_fill_modes; tests of Augment's validation"},
    {"name": "no per-transform probability",
     "idg": "every configured transform applies to every image (flips with probability 0.5)",
     "core": "p={'rotation': 0.5, ...} sets a probability per transform",
     "shown": "13_beyond_imagedatagenerator: per-transform probabilities and the draws they gave"},
    {"name": "flow() copies the data to float32",
     "idg": "flow() converts the whole data set to float32 up front (4x the memory of uint8)",
     "core": "flow() keeps the data as given and converts one batch at a time",
     "shown": "tests/test_augment_paths.py: IDG's iterator holds float32, the core's the uint8 given"},
)

def idg_equivalent(params, i):
    """``ImageDataGenerator.apply_transform`` parameters for image ``i`` of ``params``.

    IDG's ``tx`` moves columns and ``ty`` rows, as the core's do; on square
    images the geometry is then the same matrix, so only the deviations in
    ``IDG_DEVIATIONS`` remain (use IDG fill modes 'grid-wrap'/'grid-constant').

    Returns:
        dict with theta, tx, ty, shear, zx, zy, flip_horizontal, flip_vertical,
        and channel_shift_intensity / brightness when they are not neutral.
    """
    i = check_int("i", i, low=0)
    if i >= len(params):
        fail("i", i, tr("an image index below {count}", count=len(params)))
    d = params[i]
    for name in ("perspective", "erasing"):
        if params.applied[name][i]:
            fail(tr("params (image {i})", i=i), tr("a draw with {name}", name=name),
                 tr("draws without {name} (ImageDataGenerator has no {name}; sample with it switched off)", name=name))
    if isinstance(d["channel_shift"], list):
        fail("params.channel_shift", d["channel_shift"],
             tr("one offset per image (IDG has no per-channel shift)"))
    out = {key: d[key] for key in ("theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical")}
    if d["channel_shift"] != 0:
        out["channel_shift_intensity"] = d["channel_shift"]
    if d["brightness"] != 1:
        out["brightness"] = d["brightness"]
    return out


def apply_idg(images, params, fill_mode="nearest", cval=0.0, interpolation="bilinear", scipy_fill=True):
    """The real ``ImageDataGenerator.apply_transform`` on each image, with ``idg_equivalent`` draws.

    Args:
        images: (N, H, W, C) array.
        params: ``AugmentParams`` for these images.
        fill_mode: the core's name; with ``scipy_fill=True`` (default) it is
            translated to the SciPy mode that matches the core ('wrap' ->
            'grid-wrap', 'constant' -> 'grid-constant'); with False IDG gets it
            as is, showing IDG's own behaviour.
        interpolation: "bilinear" (order 1) or "nearest" (order 0).

    Returns:
        float32 (N, H, W, C).
    """
    from augcourse._tf import tf

    idg = tf.keras.preprocessing.image.ImageDataGenerator(
        fill_mode=SCIPY_FILL[fill_mode] if scipy_fill else fill_mode, cval=cval,
        interpolation_order=0 if interpolation == "nearest" else 1)
    x = np.asarray(images, dtype=np.float32)
    return np.stack([idg.apply_transform(x[i], idg_equivalent(params, i)) for i in range(len(x))])
