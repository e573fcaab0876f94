"""The crop, colour and atlas lessons' control sets: Keras 3 preprocessing layers, built from the controls.

These lessons teach transforms ImageDataGenerator does not have, so the widget runs the
tool a learner will use for them: each redraw builds the Keras layers the controls
describe (``layer_specs``; ``keras_draw``), seeded, and calls them on each copy of the chosen image on
its own (a call on a whole batch gives every image of it the same crop window, see the
crop lesson). The atlas's controls pick any of Keras's image layers (``augcourse.atlas``'s entries, with
their demo arguments) and move its main strength argument (``FACTORS``: the slider's label, range and the
arguments it sets change with the layer); a layer that takes masks and boxes is called on the image with
an oval mask and its box (``marked_region``), drawn over each draw (``overlay``: yellow mask outline, green
box). The text under the grid is the Keras code of the current settings.

Shapes: the chosen (H, W, C) image is repeated into (n, H, W, C); crop returns
(n, h, w, C) with h, w the crop size (or H, W again with "resize back").

Example:
    >>> crop = KerasLayerControls("crop", debounce=0)
    >>> crop
    <crop: crop_fraction=0.6, padding=0, resize_back=False, image='photo', cifar_index=0, seed=0, n=4 \
(interactive in JupyterLab)>
    >>> crop.last_frame.images[0].shape           # 60 % of the 256 x 256 photo
    (153, 153, 3)
    >>> print(layer_code("colour", {"contrast": 0.3, "saturation": 0.0, "hue": 0.0,
    ...                             "grayscale": 0.0, "blur": 0.0}))
    augment = keras.Sequential([
        keras.layers.RandomContrast((0.3, 0.3), value_range=(0, 255)),
    ])
"""

import collections
import re
import textwrap

import numpy as np

from augcourse.atlas import ENTRIES, python_random, takes_seed
from augcourse.language import N_, tr
from augcourse.widgets.controls import CAPTION_WIDTH, checkbox, dropdown, float_slider, int_slider, started
from augcourse.widgets.draws import DrawControls

# Each lesson's controls: name -> (widget factory (start value) -> widget, start value).
LAYER_OPTIONS = {
    "crop": {
        "crop_fraction": (lambda v: float_slider(tr("crop side (fraction)"), v, 0.3, 1.0, 0.05), 0.6),
        "padding": (lambda v: int_slider(tr("pad first (pixels)"), v, 0, 64), 0),
        "resize_back": (lambda v: checkbox(tr("resize back (a resized crop)"), v), False),
    },
    "atlas": {
        "layer": (lambda v: dropdown(tr("layer"), sorted(ENTRIES), v), "RandomRotation"),
        "factor": (lambda v: float_slider("factor", v, 0.0, 0.5, 0.05), 0.2),   # reset per layer (FACTORS)
    },
    "colour": {
        "contrast": (lambda v: float_slider("RandomContrast ±", v, 0.0, 1.0, 0.05), 0.3),
        "saturation": (lambda v: float_slider("RandomSaturation ±", v, 0.0, 0.5, 0.05), 0.3),
        "hue": (lambda v: float_slider("RandomHue", v, 0.0, 1.0, 0.01), 0.05),
        "grayscale": (lambda v: float_slider("RandomGrayscale p", v, 0.0, 1.0, 0.05), 0.0),
        "blur": (lambda v: float_slider("RandomGaussianBlur p", v, 0.0, 1.0, 0.05), 0.0),
    },
}


Factor = collections.namedtuple("Factor", "label low high step start arguments")

# What the atlas draws over each image, by the targets the layer takes (shown with tr()).
DRAWN_OVER = {
    ("mask", "boxes"): N_("Drawn over each image: the oval mask's outline after the layer (yellow) and the box the "
                          "layer returned (green)"),
    ("boxes", "mask"): N_("Drawn over each image: the box the layer returned (green) and the oval mask's outline "
                          "after the layer (yellow)"),
    ("mask",): N_("Drawn over each image: the oval mask's outline after the layer (yellow)"),
    ("boxes",): N_("Drawn over each image: the box the layer returned (green)"),
    (): N_("No mask or box drawn: this layer does not move them, or fails on them (the atlas table)."),
}


def _side(s, shape):
    return {"height": max(1, int(shape[0] * s)), "width": max(1, int(shape[1] * s))}


def _pair(name, digits=4):
    return lambda s, shape: {name: (round(s, digits), round(s, digits))}


def _about_half(s, shape):           # RandomSaturation and RandomSharpness: 0.5 is no change
    return {"factor": (round(0.5 - s, 4), round(0.5 + s, 4))}


# The atlas's slider: each layer's main strength argument, as the label, low, high, step, start value and
# arguments(slider value, image shape (H, W, C)) -> the keyword arguments it replaces in the demo. Every
# value of the slider builds a valid layer (a test tries each end). Layers not listed have none.
FACTORS = {
    "AugMix": Factor(N_("factor (severity)"), 0.05, 1.0, 0.05, 0.3, lambda s, shape: {"factor": s}),
    "CenterCrop": Factor(N_("size (side fraction)"), 0.1, 1.0, 0.05, 0.75, _side),
    "ContrastLimitedAdaptiveHistogramEqualization": Factor(N_("clip_limit"), 0.0, 10.0, 0.5, 4.0,
                                                           lambda s, shape: {"clip_limit": s}),
    "CutMix": Factor(N_("factor (Beta α)"), 0.05, 1.0, 0.05, 1.0, lambda s, shape: {"factor": s}),
    "MixUp": Factor(N_("alpha (Beta α)"), 0.1, 2.0, 0.1, 0.2, lambda s, shape: {"alpha": s}),
    "RandAugment": Factor(N_("factor (magnitude)"), 0.0, 1.0, 0.05, 0.5, lambda s, shape: {"factor": s}),
    "RandomBrightness": Factor(N_("factor"), 0.0, 1.0, 0.05, 0.2, lambda s, shape: {"factor": s}),
    "RandomColorDegeneration": Factor(N_("factor (0, f)"), 0.0, 1.0, 0.05, 0.5,    # one number f draws -f..f
                                      lambda s, shape: {"factor": (0.0, round(s, 4))}),
    "RandomColorJitter": Factor(N_("brightness_factor"), 0.0, 1.0, 0.05, 0.2,
                                lambda s, shape: {"brightness_factor": s}),
    "RandomContrast": Factor(N_("factor (c, c)"), 0.0, 1.0, 0.05, 0.3, _pair("factor")),
    "RandomCrop": Factor(N_("size (side fraction)"), 0.1, 1.0, 0.05, 0.75, _side),
    "RandomElasticTransform": Factor(N_("scale (0 to s)"), 0.0, 1.0, 0.05, 0.5, lambda s, shape: {"scale": s}),
    "RandomErasing": Factor(N_("scale (s/3, s)"), 0.03, 0.9, 0.03, 0.3,
                            lambda s, shape: {"scale": (round(s / 3, 4), round(s, 4))}),
    "RandomGaussianBlur": Factor(N_("sigma (0 to s)"), 0.05, 1.0, 0.05, 1.0,   # Keras allows sigma <= 1 only
                                 lambda s, shape: {"sigma": s}),
    "RandomGrayscale": Factor(N_("factor (probability)"), 0.0, 1.0, 0.05, 1.0, lambda s, shape: {"factor": s}),
    "RandomHue": Factor(N_("factor"), 0.0, 1.0, 0.05, 0.2, lambda s, shape: {"factor": s}),
    "RandomInvert": Factor(N_("factor (probability)"), 0.0, 1.0, 0.05, 1.0, _pair("factor")),
    "RandomPerspective": Factor(N_("scale"), 0.0, 1.0, 0.05, 0.5, lambda s, shape: {"scale": s}),
    "RandomPosterization": Factor(N_("bits kept (b, b)"), 1.0, 8.0, 1.0, 3.0,
                                  lambda s, shape: {"factor": (int(s), int(s))}),
    "RandomRotation": Factor(N_("factor (of a turn)"), 0.0, 0.5, 0.01, 0.2, lambda s, shape: {"factor": s}),
    "RandomSaturation": Factor(N_("factor (0.5 ± s)"), 0.0, 0.5, 0.05, 0.2, _about_half),
    "RandomSharpness": Factor(N_("factor (0.5 ± s)"), 0.0, 0.5, 0.05, 0.3, _about_half),
    "RandomShear": Factor(N_("x_factor"), 0.0, 1.0, 0.05, 0.3, lambda s, shape: {"x_factor": s}),
    "RandomTranslation": Factor(N_("height, width_factor"), 0.0, 0.5, 0.05, 0.2,
                                lambda s, shape: {"height_factor": s, "width_factor": s}),
    "RandomZoom": Factor(N_("height_factor"), 0.0, 0.9, 0.05, 0.3, lambda s, shape: {"height_factor": s}),
    "Resizing": Factor(N_("size (side fraction)"), 0.1, 1.0, 0.05, 0.75, _side),
    "Solarization": Factor(N_("threshold_factor (0, t)"), 0.0, 1.0, 0.05, 0.5,     # the threshold: 0..t x 255
                           lambda s, shape: {"threshold_factor": (0.0, round(s, 4))}),
}


def atlas_arguments(name, factor, image_shape):
    """The keyword arguments of atlas layer ``name`` with its slider at ``factor`` (the demo's, updated).

    A layer that takes boxes gets ``bounding_box_format="xyxy"`` (the widget draws one).

    Example:
        >>> atlas_arguments("RandomContrast", 0.5, (32, 32, 3))
        {'factor': (0.5, 0.5)}
        >>> atlas_arguments("CenterCrop", 0.5, (32, 32, 3))
        {'height': 16, 'width': 16, 'bounding_box_format': 'xyxy'}
    """
    kwargs = dict(ENTRIES[name].demo)
    if name in FACTORS:
        kwargs.update(FACTORS[name].arguments(factor, image_shape))
    if "boxes" in ENTRIES[name].targets:
        kwargs["bounding_box_format"] = "xyxy"
    return kwargs


def marked_region(shape):
    """An oval mask (H, W) of 0 and 1 and its box [x_min, y_min, x_max, y_max] for an (H, W, C) image.

    The oval sits where the sample photo's face and cap are (centre at 55 % of the width and 42 % of the
    height), off the centre so that a flip moves it.

    Example:
        >>> mask, box = marked_region((32, 32, 3))
        >>> mask.shape, box
        ((32, 32), [12, 4, 24, 22])
    """
    h, w = shape[:2]
    rows, cols = np.mgrid[0:h, 0:w]
    cy, cx, ry, rx = 0.42 * h, 0.55 * w, 0.28 * h, 0.19 * w
    mask = ((rows + 0.5 - cy) / ry) ** 2 + ((cols + 0.5 - cx) / rx) ** 2 <= 1
    ys, xs = np.nonzero(mask)
    return mask.astype("float32"), [int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1]


def overlay(image, mask=None, box=None):
    """(H, W, 3) float image with the mask's outline in yellow and the box in green drawn over it.

    Lines are 1 pixel wide, 2 on images of 200 pixels or more; a box partly outside the image is drawn
    where it is inside.

    Example:
        >>> out = overlay(np.zeros((8, 8, 3)), box=[2, 2, 6, 6])
        >>> out[2, 2:6, 1].tolist(), out[4, 4].tolist()
        ([255.0, 255.0, 255.0, 255.0], [0.0, 0.0, 0.0])
    """
    out = np.array(image, "float32", copy=True)
    h, w = out.shape[:2]
    width = 2 if max(h, w) >= 200 else 1
    if mask is not None:
        inside = np.asarray(mask) > 0.5
        padded = np.pad(inside, width, constant_values=False)
        core = inside.copy()
        for dy in range(-width, width + 1):
            for dx in range(-width, width + 1):
                core &= padded[width + dy:width + dy + h, width + dx:width + dx + w]
        out[inside & ~core] = (255.0, 230.0, 0.0)
    if box is not None:
        x0, y0, x1, y1 = (int(round(float(v))) for v in box)
        green = (0.0, 255.0, 0.0)
        for y in (y0, y1 - width):                          # top and bottom edges
            if -width < y < h:
                out[max(y, 0):max(y + width, 0), max(x0, 0):max(min(x1, w), 0)] = green
        for x in (x0, x1 - width):                          # left and right edges
            if -width < x < w:
                out[max(y0, 0):max(min(y1, h), 0), max(x, 0):max(x + width, 0)] = green
    return out


def layer_specs(lesson, values, image_shape):
    """The layers the controls describe: a list of (Keras layer class name, keyword arguments).

    ``image_shape`` is the (H, W, C) input; crop sizes are fractions of it. Controls at their
    neutral value add no layer. Contrast c is the pair (c, c), factors in 1 ± c; saturation is ±s
    about RandomSaturation's no-op point 0.5: with one number either layer draws in one direction only.
    """
    if lesson == "atlas":                # the atlas entry's demo arguments (augcourse.atlas), the slider's
        return [(values["layer"], atlas_arguments(values["layer"], values["factor"], image_shape))]
    if lesson == "crop":
        h, w = image_shape[:2]
        pad = values["padding"]
        side = values["crop_fraction"]
        specs = [("ZeroPadding2D", {"padding": pad})] if pad else []
        specs.append(("RandomCrop", {"height": max(1, int(h * side)), "width": max(1, int(w * side))}))
        if values["resize_back"]:
            specs.append(("Resizing", {"height": h, "width": w}))
        return specs
    specs = []
    if values["contrast"]:
        c = values["contrast"]          # a pair: one number would draw only from 1 to 1 + c (Keras 3.15)
        specs.append(("RandomContrast", {"factor": (c, c), "value_range": (0, 255)}))
    if values["saturation"]:
        s = values["saturation"]
        specs.append(("RandomSaturation", {"factor": (round(0.5 - s, 4), round(0.5 + s, 4)),
                                           "value_range": (0, 255)}))
    if values["hue"]:
        specs.append(("RandomHue", {"factor": values["hue"], "value_range": (0, 255)}))
    if values["grayscale"]:
        specs.append(("RandomGrayscale", {"factor": values["grayscale"]}))
    if values["blur"]:                  # its factor is a probability range: (p, p) blurs with probability p
        b = values["blur"]
        specs.append(("RandomGaussianBlur", {"factor": (b, b), "kernel_size": 5, "sigma": 1.0,
                                             "value_range": (0, 255)}))
    return specs


def _source(name, kwargs):
    if name not in ("RandomContrast", "RandomHue", "RandomGrayscale", "RandomSaturation", "RandomGaussianBlur"):
        return f"keras.layers.{name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"
    first = {"RandomContrast": "factor", "RandomHue": "factor", "RandomGrayscale": "factor",
             "RandomSaturation": "factor", "RandomGaussianBlur": "factor"}.get(name)
    parts = [repr(kwargs[first])] if first else []
    parts += [f"{k}={v!r}" for k, v in kwargs.items() if k != first]
    return f"keras.layers.{name}({', '.join(parts)})"


def layer_code(lesson, values, image_shape=(256, 256, 3)):
    """The Keras code of the controls' settings: ``augment = keras.Sequential([...])``."""
    lines = [f"    {_source(name, kwargs)}," for name, kwargs in layer_specs(lesson, values, image_shape)]
    return "\n".join(["augment = keras.Sequential(["] + lines + ["])"])


def keras_draw(lesson):
    """The ``draw`` of lesson ``lesson``: its layers, built with ``seed``, called on each image alone.

    Returns (float32 images (N, h, w, C), for crop one title per image saying its size, else None).
    """
    if lesson == "atlas":
        return _atlas_draw

    def draw(images, values, seed):
        from augcourse._tf import keras

        specs = layer_specs(lesson, values, images.shape[1:])
        layers = [getattr(keras.layers, name)(**kwargs, **({"seed": seed + k} if takes_seed(name) else {}))
                  for k, (name, kwargs) in enumerate(specs)]
        out = []
        for image in images.astype("float32"):
            x = image[None]
            for layer in layers:
                x = layer(x, training=True) if name_is_random(layer) or lesson == "atlas" else layer(x)
            out.append(keras.ops.convert_to_numpy(x)[0])
        if lesson != "crop":
            return np.stack(out), None
        return np.stack(out), [f"#{i}: {o.shape[1]}x{o.shape[0]} px" for i, o in enumerate(out)]
    return draw


def _atlas_draw(images, values, seed):
    """The atlas's draw: the layer on each image alone, with the oval mask and its box where it takes them."""
    from augcourse._tf import keras

    (name, kwargs), = layer_specs("atlas", values, images.shape[1:])
    layer = getattr(keras.layers, name)(**kwargs, **({"seed": seed} if takes_seed(name) else {}))
    targets = ENTRIES[name].targets
    mask, box = marked_region(images.shape[1:])
    out = []
    for k, image in enumerate(images.astype("float32")):
        data = {"images": image[None]}
        if "mask" in targets:
            data["segmentation_masks"] = mask[None, :, :, None]
        if "boxes" in targets:
            data["bounding_boxes"] = {"boxes": np.array([[box]], "float32"), "labels": np.ones((1, 1), "int32")}
        with python_random(seed + k):                    # AugMix picks its operations with Python's random
            result = layer(data if targets else data["images"], training=True)
        if not targets:
            out.append(keras.ops.convert_to_numpy(result)[0])
            continue
        drawn = np.clip(keras.ops.convert_to_numpy(result["images"])[0], 0, 255)
        moved_mask = keras.ops.convert_to_numpy(result["segmentation_masks"])[0, :, :, 0] if "mask" in targets else None
        moved_box = keras.ops.convert_to_numpy(result["bounding_boxes"]["boxes"])[0, 0] if "boxes" in targets else None
        out.append(overlay(drawn, moved_mask, moved_box))
    return np.stack(out), None


def fit_factor_slider(slider, name):
    """Set ``slider``'s label, range, step and value to layer ``name``'s ``FACTORS`` row (disabled: none)."""
    factor = FACTORS.get(name)
    if factor is None:
        slider.description, slider.disabled = tr("factor: none"), True
        return
    if factor.low > slider.max:                           # keep min <= max at each step
        slider.max = factor.high
    slider.min, slider.max, slider.step = factor.low, factor.high, factor.step
    slider.readout_format = ".0f" if factor.step >= 1 else ".2f"
    slider.description, slider.disabled = tr(factor.label), False
    slider.value = factor.start


def name_is_random(layer):
    """True for a random augmentation layer (it augments unless called with ``training=False``)."""
    return type(layer).__name__.startswith("Random")


class KerasLayerControls(DrawControls):
    """Lesson ``lesson``'s controls ("crop" or "colour"), drawn by Keras 3 layers; see the module docstring."""

    def __init__(self, lesson, image=None, **kwargs):
        self.name = lesson
        self._options = LAYER_OPTIONS[lesson]
        super().__init__(image, **kwargs)

    def default_draw(self, images, spec, seed):
        return keras_draw(self.name)(images, spec, seed)

    def _option_widgets(self, initial):
        if self.name == "atlas":
            return self._atlas_widgets(initial)
        widgets = {name: started(factory(default), name, initial.pop(name, default))
                   for name, (factory, default) in self._options.items()}
        self._check_leftover(initial, list(self._options) + ["image"])
        return widgets

    def _atlas_widgets(self, initial):
        """The layer list and the factor slider, whose label, range and value follow the layer chosen."""
        factory, default = self._options["layer"]
        layer = started(factory(default), "layer", initial.pop("layer", default))
        slider = self._options["factor"][0](0.0)
        fit_factor_slider(slider, layer.value)
        started(slider, "factor", initial.pop("factor", slider.value))
        self._check_leftover(initial, list(self._options) + ["image"])

        def follow(change):                 # registered before the redraw's observer: one redraw per change
            with slider.hold_trait_notifications():
                fit_factor_slider(slider, change["new"])
        layer.observe(follow, names="value")
        return {"layer": layer, "factor": slider}

    def spec(self, values):
        return {k: v for k, v in values.items() if k in self._options}

    def title_of(self, info, i):
        return info[i] if info is not None else f"#{i}"

    def text(self, label, values, spec, info):
        shape = self.choice.source(values)[0].shape
        text = (tr("{image}, seed {seed}; the same settings in Keras 3:", image=label, seed=values["seed"]) + "\n"
                + layer_code(self.name, spec, shape))
        if self.name == "atlas":
            takes = tuple(ENTRIES[values["layer"]].targets)
            text += "\n" + tr(DRAWN_OVER.get(takes, DRAWN_OVER[()]))
        return text

    def title(self):
        return tr("{name} controls (Keras 3 layers)", name=self.name)

    def caption(self):
        """The static picture's caption; the atlas's leaves the factor out when the layer has none."""
        caption = super().caption()
        if self.name != "atlas" or self.values()["layer"] in FACTORS:
            return caption
        words = re.sub(r", factor=[^,]*", "", caption.replace("\n", " "))
        return textwrap.fill(words, CAPTION_WIDTH, break_long_words=False, break_on_hyphens=False)
