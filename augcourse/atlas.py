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
  ``{"images", "bounding_boxes"}`` (format "xyxy"), around a bright square: "aligned" (the mask, or
  the box by an IoU above 0.6, still covers the square the image shows), "unchanged" (a photometric
  layer that leaves them as they are, which is right), "not aligned", "changed shape", "cannot tell"
  (the square is no longer the brightest part) or the error raised.

Example:
    >>> sorted(ENTRIES)[:2]
    ['AugMix', 'AutoContrast']
    >>> ENTRIES["RandomFlip"].purpose
    'mirror left-right and/or up-down'
"""

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


VALUE_RANGE = {"value_range": (0, 255)}
ENTRIES = {
    "AugMix": Entry("mix several augmented chains of one image (a policy)", dict(VALUE_RANGE)),
    "AutoContrast": Entry("stretch each image's values to the full range", dict(VALUE_RANGE), True),
    "CenterCrop": Entry("cut the central part (at training and at inference)", {"height": 24, "width": 24}),
    "ContrastLimitedAdaptiveHistogramEqualization": Entry("local histogram equalization (CLAHE)",
                                                          dict(VALUE_RANGE), True),
    "CutMix": Entry("paste a rectangle of another image of the batch", {}, True, mixes=True),
    "Equalization": Entry("equalize each image's histogram", dict(VALUE_RANGE), True),
    "MaxNumBoundingBoxes": Entry("pad or cut the boxes of each image to a fixed number", {"max_number": 4}),
    "MixUp": Entry("blend each image with another image of the batch", {}, True, mixes=True),
    "RandAugment": Entry("a random choice of operations per image (a policy)", dict(VALUE_RANGE)),
    "RandomBrightness": Entry("add a random offset (a fraction of value_range)", {"factor": 0.2}, True),
    "RandomColorDegeneration": Entry("blend towards the grey image", {"factor": 0.5}, True),
    "RandomColorJitter": Entry("brightness, contrast, saturation and hue in one layer",
                               {"brightness_factor": 0.2, "contrast_factor": 0.3, **VALUE_RANGE}, True),
    "RandomContrast": Entry("scale the distance from each image's mean", {"factor": (0.3, 0.3)}, True),
    "RandomCrop": Entry("cut a random window (centre crop at inference)", {"height": 24, "width": 24}),
    "RandomElasticTransform": Entry("local elastic distortion", {"factor": 1.0, "scale": 0.5, **VALUE_RANGE}),
    "RandomErasing": Entry("fill a random rectangle", {"factor": (1.0, 1.0), "scale": (0.1, 0.3), **VALUE_RANGE},
                           True),
    "RandomFlip": Entry("mirror left-right and/or up-down", {"mode": "horizontal_and_vertical"}),
    "RandomGaussianBlur": Entry("blur (the factor is a probability)", {"factor": (1.0, 1.0), **VALUE_RANGE},
                                True),
    "RandomGrayscale": Entry("replace colours by their luminance (factor: probability)", {"factor": 1.0}, True),
    "RandomHue": Entry("turn colours around the colour wheel", {"factor": 0.2, **VALUE_RANGE}, True),
    "RandomInvert": Entry("invert the values (factor: probability)", {"factor": (1.0, 1.0), **VALUE_RANGE},
                          True),
    "RandomPerspective": Entry("move the corners: a perspective warp", {"factor": (1.0, 1.0), "scale": 0.5}),
    "RandomPosterization": Entry("keep fewer bits per channel", {"factor": (2, 4), **VALUE_RANGE}, True),
    "RandomRotation": Entry("turn about the centre", {"factor": 0.2}),
    "RandomSaturation": Entry("move colours towards grey or pure colour (0.5: no change)",
                              {"factor": (0.3, 0.7), **VALUE_RANGE}, True),
    "RandomSharpness": Entry("sharpen or soften edges", {"factor": (0.2, 0.8), **VALUE_RANGE}, True),
    "RandomShear": Entry("lean the image", {"x_factor": 0.3, "y_factor": 0.0}),
    "RandomTranslation": Entry("shift the image", {"height_factor": 0.2, "width_factor": 0.2}),
    "RandomZoom": Entry("zoom in or out", {"height_factor": 0.3}),
    "Resizing": Entry("resize to a fixed size (at training and at inference)", {"height": 24, "width": 24}),
    "Solarization": Entry("invert the values above a threshold", {"addition_factor": 0.0,
                                                                  "threshold_factor": (0.5, 0.5), **VALUE_RANGE},
                          True),
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
    return getattr(keras.layers, name)(**ENTRIES[name].demo, **seeded, **extra)


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
    agree = np.mean((images.mean(axis=-1) > 170) == (masks_out[..., 0] > 0.5))
    return "aligned" if agree > 0.95 else "not aligned"


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
    outs = [keras.ops.convert_to_numpy(build(name, seed=seed + k)(batch, training=True))[0] for k in range(n)]
    return np.clip(np.stack(outs), 0, 255)
