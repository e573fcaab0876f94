"""An atlas of Keras 3's image preprocessing layers: one entry each, and probes that measure how they behave.

``ENTRIES`` names every image preprocessing layer of the pinned Keras (``keras_image_layers()`` lists
them; a test fails when Keras gains one the atlas does not cover) with a short purpose and the
arguments of a moderate demo. ``probe(name)`` measures, on real CIFAR-10 images, what a lesson
would otherwise claim:

- ``draws``, on eight copies of one image: "per image" (they come out different), "per batch" (all
  alike but changed, and changed differently by a second call), "sometimes" (some copies left as they
  are), "same every call" (no randomness left at these settings) or, for MixUp and CutMix, "mixes the
  batch" (on eight different images);
- ``predict``, ``training=False`` and ``no argument``: "acts" or "passes through", for
  ``model.predict``, a direct call with ``training=False`` and a direct call with no argument (on eight
  different images), or the error raised;
- ``mask`` and ``boxes``: what the layer does with ``{"images", "segmentation_masks"}`` and with
  ``{"images", "bounding_boxes"}`` (format "xyxy"), around a bright square: "aligned" (every pixel 1 px
  inside the square the image shows is in the mask and the reverse; the box: an IoU above 0.6),
  "unchanged" (a photometric layer leaves them, which is right), "not aligned", "changed shape", "cannot tell"
  (in no image is the square still the brightest part: colour operations dimmed it) or the error raised.
``probe_value_range(name)`` measures what ``value_range`` means to a layer; ``targets_after`` returns one
draw's images, masks and boxes, for pictures of them.

Example:
    >>> sorted(ENTRIES)[:2]
    ['AugMix', 'AutoContrast']
    >>> ENTRIES["RandomFlip"].purpose
    'mirror left-right and/or up-down'
"""

import contextlib
import dataclasses

import numpy as np

SIDE = 32
SQUARE = (8, 20, 6, 18)            # the bright square of the probe image: rows 8..19, columns 6..17


@dataclasses.dataclass(frozen=True)
class Entry:
    """One layer: what it is for and the keyword arguments of its demo (a seed is added)."""

    purpose: str
    demo: dict
    photometric: bool = False       # changes pixel values only (boxes and masks should stay as they are)
    mixes: bool = False             # mixes the images of a batch (MixUp, CutMix)
    targets: tuple = ()             # what a geometric layer moves with the image: "mask", "boxes" (no error)


VALUE_RANGE = {"value_range": (0, 255)}
BOTH = ("mask", "boxes")
ENTRIES = {
    "AugMix": Entry("mix several augmented chains of one image (a policy)", dict(VALUE_RANGE), targets=BOTH),
    "AutoContrast": Entry("stretch each channel of each image to the full range", dict(VALUE_RANGE), True),
    "CenterCrop": Entry("cut the central part (at training and at inference)", {"height": 24, "width": 24},
                        targets=BOTH),
    "ContrastLimitedAdaptiveHistogramEqualization": Entry("local histogram equalization (CLAHE)",
                                                          dict(VALUE_RANGE), True),
    "CutMix": Entry("paste a rectangle of another image of the batch", {}, True, mixes=True),
    "Equalization": Entry("equalize each channel; the histogram counts the whole batch", dict(VALUE_RANGE), True),
    "MaxNumBoundingBoxes": Entry("pad or cut the boxes of each image to a fixed number", {"max_number": 4}),
    "MixUp": Entry("blend each image with another image of the batch", {}, True, mixes=True),
    "RandAugment": Entry("num_ops random operations, chosen once per call (a policy)", dict(VALUE_RANGE), targets=BOTH),
    "RandomBrightness": Entry("add a random offset (a fraction of value_range)", {"factor": 0.2}, True),
    "RandomColorDegeneration": Entry("blend towards grey (one number f: -f..f)", {"factor": (0, 0.5)}, True),
    "RandomColorJitter": Entry("brightness, contrast, saturation and hue in one layer",
                               {"brightness_factor": 0.2, "contrast_factor": 0.3, **VALUE_RANGE}, True),
    "RandomContrast": Entry("scale the distance from each image's mean", {"factor": (0.3, 0.3)}, True),
    "RandomCrop": Entry("cut a random window (centre crop at inference)", {"height": 24, "width": 24}, targets=BOTH),
    "RandomElasticTransform": Entry("local elastic distortion (the mask gets a field of its own)",
                                    {"factor": 1.0, "scale": 0.5, **VALUE_RANGE}, targets=("mask",)),
    "RandomErasing": Entry("fill a random rectangle", {"factor": (1.0, 1.0), "scale": (0.1, 0.3), **VALUE_RANGE}, True),
    "RandomFlip": Entry("mirror left-right and/or up-down", {"mode": "horizontal_and_vertical"}, targets=BOTH),
    "RandomGaussianBlur": Entry("blur (the factor is a probability)", {"factor": (1.0, 1.0), **VALUE_RANGE}, True),
    "RandomGrayscale": Entry("replace colours by their luminance (factor: probability)", {"factor": 1.0}, True),
    "RandomHue": Entry("turn colours around the colour wheel", {"factor": 0.2, **VALUE_RANGE}, True),
    "RandomInvert": Entry("invert the values (factor: probability)", {"factor": (1.0, 1.0), **VALUE_RANGE}, True),
    "RandomPerspective": Entry("move the corners: a perspective warp", {"factor": (1.0, 1.0), "scale": 0.5},
                               targets=BOTH),
    "RandomPosterization": Entry("keep fewer bits (here 2..4: hi excluded)", {"factor": (2, 5), **VALUE_RANGE}, True),
    "RandomRotation": Entry("turn about the centre", {"factor": 0.2}, targets=BOTH),
    "RandomSaturation": Entry("move colours towards grey or pure colour (0.5: no change)",
                              {"factor": (0.3, 0.7), **VALUE_RANGE}, True),
    "RandomSharpness": Entry("sharpen or soften edges", {"factor": (0.2, 0.8), **VALUE_RANGE}, True),
    "RandomShear": Entry("lean the image", {"x_factor": 0.3, "y_factor": 0.0}, targets=BOTH),
    "RandomTranslation": Entry("shift the image", {"height_factor": 0.2, "width_factor": 0.2}, targets=BOTH),
    "RandomZoom": Entry("zoom in or out", {"height_factor": 0.3}, targets=BOTH),
    "Resizing": Entry("resize to a fixed size (at training and at inference)", {"height": 24, "width": 24},
                      targets=BOTH),
    "Solarization": Entry("invert values above a threshold drawn in lo..hi x 255",
                          {"addition_factor": 0.0, "threshold_factor": (0.0, 0.5), **VALUE_RANGE}, True),
}


def keras_image_layers():
    """The names of every image preprocessing layer ``keras.layers`` exports (sorted)."""
    import inspect

    from augcourse._tf import keras
    from keras.src.layers.preprocessing.image_preprocessing.base_image_preprocessing_layer import (
        BaseImagePreprocessingLayer)

    return sorted(name for name in dir(keras.layers)
                  if inspect.isclass(getattr(keras.layers, name))
                  and issubclass(getattr(keras.layers, name), BaseImagePreprocessingLayer))


def takes_seed(name):
    """True when Keras layer ``name`` takes a ``seed`` argument (every random one does)."""
    import inspect

    from augcourse._tf import keras
    return "seed" in inspect.signature(getattr(keras.layers, name).__init__).parameters


def build(name, seed=0, **extra):
    """The demo layer of entry ``name`` (seeded when it takes a seed), with ``extra`` keyword arguments."""
    from augcourse._tf import keras

    seeded = {"seed": seed} if takes_seed(name) else {}
    return getattr(keras.layers, name)(**{**ENTRIES[name].demo, **seeded, **extra})


def probe_images(n=8, copies=True):
    """(n, 32, 32, 3) float32 images: a bright square (SQUARE) on a textured dark ground, the same texture
    in every image (``copies``) or a different one in each."""
    rng = np.random.default_rng(0)
    images = rng.uniform(20, 90, (1 if copies else n, SIDE, SIDE, 3)).astype("float32")
    top, bottom, left, right = SQUARE
    images[:, top:bottom, left:right] = 230.0
    return np.repeat(images, n, axis=0) if copies else images


def _numpy(x):
    from augcourse._tf import keras
    return keras.ops.convert_to_numpy(x)


def _acts(out, x):
    out = _numpy(out)
    return "acts" if out.shape != x.shape or np.abs(out - x).max() > 1e-3 else "passes through"


def _draws(name, layer, x):
    if ENTRIES[name].mixes:
        different = probe_images(copies=False)
        return "mixes the batch" if _acts(layer(different, training=True), different) == "acts" else "none seen"
    out = _numpy(layer(x, training=True))
    if out.shape == x.shape:
        changed = np.abs(out - x).reshape(len(x), -1).max(axis=1) > 1e-3
    else:
        changed = np.ones(len(x), bool)
    if not changed.any():
        return "none seen"
    distinct = len({out[i].round(2).tobytes() for i in range(len(out))})
    if not changed.all():
        return "sometimes"
    again = _numpy(layer(x, training=True))
    if distinct == 1:
        return "per batch" if np.abs(again - out).max() > 1e-3 else "same every call"
    return "per image"


def bright_box(image):
    """(top, left, bottom, right) of the pixels brighter than 170 (None when there are none)."""
    rows, cols = np.nonzero(image.mean(axis=-1) > 170)
    if len(rows) == 0:
        return None
    return rows.min(), cols.min(), rows.max() + 1, cols.max() + 1


def _iou(a, b):
    top, left = max(a[0], b[0]), max(a[1], b[1])
    bottom, right = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, bottom - top) * max(0, right - left)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def _with_mask(name, x):
    layer = build(name, seed=1)
    top, bottom, left, right = SQUARE
    masks = np.zeros(x.shape[:3] + (1,), "float32")
    masks[:, top:bottom, left:right] = 1.0
    try:
        out = layer({"images": x, "segmentation_masks": masks}, training=True)
    except Exception as error:   # noqa: BLE001 - the probe reports what the layer raises
        return f"error: {type(error).__name__}"
    images, masks_out = _numpy(out["images"]), _numpy(out["segmentation_masks"])
    if masks_out.shape[:3] != images.shape[:3] or masks_out.shape[-1] != 1:
        return f"changed shape {tuple(masks_out.shape)}"
    if not np.isin(np.unique(masks_out.round(4)), (0.0, 1.0)).all():
        return "not aligned (blended values)"
    if ENTRIES[name].photometric and np.array_equal(masks_out, masks):
        return "unchanged"
    area = (SQUARE[1] - SQUARE[0]) * (SQUARE[3] - SQUARE[2])
    bright = images.mean(axis=-1) > 170
    seen = bright.reshape(len(bright), -1).sum(axis=1) >= area / 4    # the square is still the bright part
    if not seen.any():
        return "cannot tell"
    bright, marked = bright[seen], masks_out[seen, ..., 0] > 0.5      # edges may differ by interpolation:
    stray = (_core(bright) & ~marked).any() or (_core(marked) & ~bright).any()    # compare 1 px inside them
    return "not aligned" if stray else "aligned"


def _core(region):
    """(N, H, W) bool: the pixels of ``region`` whose eight neighbours are in it too (eroded by 1 pixel)."""
    padded, (h, w) = np.pad(region, ((0, 0), (1, 1), (1, 1))), region.shape[1:]
    return np.all([padded[:, 1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy in (-1, 0, 1) for dx in (-1, 0, 1)], 0)


def _with_boxes(name, x):
    layer = build(name, seed=1, bounding_box_format="xyxy")
    top, bottom, left, right = SQUARE
    boxes = {"boxes": np.tile(np.array([[[left, top, right, bottom]]], "float32"), (len(x), 1, 1)),
             "labels": np.ones((len(x), 1), "int32")}
    try:
        out = layer({"images": x, "bounding_boxes": boxes}, training=True)
    except Exception as error:   # noqa: BLE001
        return f"error: {type(error).__name__}"
    images, moved = _numpy(out["images"]), _numpy(out["bounding_boxes"]["boxes"])
    if ENTRIES[name].photometric and np.allclose(moved, boxes["boxes"]):
        return "unchanged"
    scores = []
    area = (SQUARE[1] - SQUARE[0]) * (SQUARE[3] - SQUARE[2])
    for image, box in zip(images, moved):
        seen = bright_box(image)
        if seen is None or (seen[2] - seen[0]) * (seen[3] - seen[1]) < area / 4:
            continue                                    # the square is no longer clearly the brightest part
        left, top, right, bottom = box[0]
        scores.append(_iou(seen, (top, left, bottom, right)))
    if not scores:
        return "cannot tell"
    return "aligned" if np.mean(scores) > 0.6 else "not aligned"


def _answer(question, *args):
    """``question(*args)``, or "error: <type>" when the layer raises."""
    try:
        return question(*args)
    except Exception as error:   # noqa: BLE001 - the probe reports what the layer raises
        return f"error: {type(error).__name__}"


def _predict(name, x):
    from augcourse._tf import keras

    model = keras.Sequential([keras.Input(x.shape[1:]), build(name, seed=1)])
    return _acts(model.predict(x, verbose=0), x)


def probe(name):
    """Measured behaviour of entry ``name``'s demo layer: a dict of short answers (see the module doc)."""
    x, different = probe_images(), probe_images(copies=False)
    with python_random(0):                     # AugMix's choice of operations (see python_random)
        return {"draws": _answer(lambda: _draws(name, build(name, seed=1), x)),
                "predict": _answer(_predict, name, different),
                "training=False": _answer(lambda: _acts(build(name, seed=1)(different, training=False), different)),
                "no argument": _answer(lambda: _acts(build(name, seed=1)(different), different)),
                "mask": _answer(_with_mask, name, x),
                "boxes": _answer(_with_boxes, name, x)}


def sample_draws(name, image, partners, n=2, seed=0):
    """``n`` draws of entry ``name``'s demo layer on ``image`` (H, W, 3), values clipped to 0..255.

    The image is called in a batch with ``partners`` (other (H, W, 3) images), so that MixUp and CutMix
    have something to mix with; each draw is a new call with seed ``seed + k``.

    Returns:
        float32 (n, h, w, 3) (h, w: the layer's output size).
    """
    from augcourse._tf import keras

    batch = np.concatenate([np.asarray(image, "float32")[None], np.asarray(partners, "float32")])
    outs = []
    for k in range(n):
        with python_random(seed + k):
            outs.append(keras.ops.convert_to_numpy(build(name, seed=seed + k)(batch, training=True))[0])
    return np.clip(np.stack(outs), 0, 255)


# -- value_range -----------------------------------------------------------------------------------
RANGE_QUESTIONS = ("0..1 vs 0..255", "in-range input", "out-of-range input", "0..1 with (0, 255)")


def has_value_range(name):
    """True when Keras layer ``name`` takes a ``value_range`` argument."""
    import inspect

    from augcourse._tf import keras
    return "value_range" in inspect.signature(getattr(keras.layers, name).__init__).parameters


@contextlib.contextmanager
def python_random(seed):
    """Python's ``random`` module seeded with ``seed`` inside the block, its state restored after.

    ``AugMix`` picks its operations with ``random.choice``: its ``seed`` argument does not fix them.
    """
    import random

    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def _range_run(name, value_range, images):
    with python_random(0):
        return _numpy(build(name, seed=1, value_range=value_range)(images, training=True))


def probe_value_range(name):
    """What ``value_range`` means to entry ``name``'s demo layer, measured on eight probe images (20..230).

    Returns a dict of short answers, keyed by ``RANGE_QUESTIONS``:

    - "0..1 vs 0..255": the images as 0..255 with ``value_range=(0, 255)`` against the same images as
      0..1 with ``(0, 1)``, times 255: "same up to scale", or "differs by D" (D in 0..255 units);
    - "in-range input": the output of the first call: "stays in range", or "leaves it (lo..hi)";
    - "out-of-range input": images stretched to -22..272 with ``(0, 255)``: "kept in range" (the
      output is inside 0..255), or "not clipped (lo..hi)";
    - "0..1 with (0, 255)": the classic mistake, 0..1 images with ``(0, 255)``, against the right
      0..1 output: "harmless", "black image", "does nothing", "leaves 0..1 (lo..hi)" or "wrong by D"
      (D in 0..1 units).

    A layer without ``value_range`` gives "-" for each.

    Example:
        >>> probe_value_range("RandomFlip")["0..1 vs 0..255"]
        '-'
    """
    if not has_value_range(name):
        return dict.fromkeys(RANGE_QUESTIONS, "-")
    x = probe_images(copies=False)
    try:
        wide, unit = _range_run(name, (0, 255), x), _range_run(name, (0, 1), x / 255)
        outside = _range_run(name, (0, 255), x * 1.4 - 50)
        mistake = _range_run(name, (0, 255), x / 255)
    except Exception as error:   # noqa: BLE001 - the probe reports what the layer raises
        return dict.fromkeys(RANGE_QUESTIONS, f"error: {type(error).__name__}")
    gap = np.abs(wide - unit * 255).max()
    answers = {"0..1 vs 0..255": "same up to scale" if gap < 1 else f"differs by {gap:.0f}",
               "in-range input": ("stays in range" if wide.min() > -0.5 and wide.max() < 255.5
                                  else f"leaves it ({wide.min():.0f}..{wide.max():.0f})"),
               "out-of-range input": ("kept in range" if outside.min() > -0.5 and outside.max() < 255.5
                                      else f"not clipped ({outside.min():.0f}..{outside.max():.0f})")}
    wrong = np.abs(mistake - unit).max()
    if wrong < 0.01:
        verdict = "harmless"
    elif mistake.max() < 0.01:
        verdict = "black image"
    elif np.abs(mistake - x / 255).max() < 0.005:
        verdict = "does nothing"
    elif mistake.min() < -0.01 or mistake.max() > 1.01:
        verdict = f"leaves 0..1 ({mistake.min():.3g}..{mistake.max():.3g})"
    else:
        verdict = f"wrong by {wrong:.2f}"
    answers["0..1 with (0, 255)"] = verdict
    return answers


# -- boxes and masks, to be seen -------------------------------------------------------------------
def targets_after(name, images, mask, box, seed=0, **overrides):
    """One call of entry ``name``'s demo layer on ``images`` with their mask and box (the targets it takes).

    Args:
        images: float32 (N, H, W, 3) in 0..255.
        mask: (H, W) of 0 and 1, the same for every image; box: [x_min, y_min, x_max, y_max] (format "xyxy").
        seed: the layer's seed; ``overrides``: keyword arguments that replace the demo's (a crop size).

    Returns:
        (images (N, h, w, 3), masks (N, h, w), boxes (N, 4)), None for what the entry's ``targets`` leave out.

    Example:
        >>> x = probe_images(n=1)
        >>> top, bottom, left, right = SQUARE
        >>> mask = np.zeros((32, 32)); mask[top:bottom, left:right] = 1
        >>> out, masks, boxes = targets_after("RandomFlip", x, mask, [left, top, right, bottom])
        >>> out.shape, masks.shape, boxes.shape
        ((1, 32, 32, 3), (1, 32, 32), (1, 4))
    """
    targets, n = ENTRIES[name].targets, len(images)
    data, extra = {"images": np.asarray(images, "float32")}, {}
    if "mask" in targets:
        data["segmentation_masks"] = np.repeat(np.asarray(mask, "float32")[None, :, :, None], n, axis=0)
    if "boxes" in targets:
        data["bounding_boxes"] = {"boxes": np.tile(np.asarray(box, "float32")[None, None], (n, 1, 1)),
                                  "labels": np.ones((n, 1), "int32")}
        extra["bounding_box_format"] = "xyxy"
    with python_random(seed):
        out = build(name, seed=seed, **extra, **overrides)(data, training=True)
    masks = _numpy(out["segmentation_masks"])[..., 0] if "mask" in targets else None
    boxes = _numpy(out["bounding_boxes"]["boxes"])[:, 0] if "boxes" in targets else None
    return _numpy(out["images"]), masks, boxes
