"""The crop, colour and atlas lessons' control sets: Keras 3 preprocessing layers, built from the controls.

These lessons teach transforms ImageDataGenerator does not have, so the widget runs the
tool a learner will use for them: each redraw builds the Keras layers the controls
describe (``layer_specs``; ``keras_draw``), seeded, and calls them on each copy of the chosen image on
its own (a call on a whole batch gives every image of it the same crop window, see the
crop lesson). The atlas's control picks any of Keras's image layers (``augcourse.atlas``'s entries, with
their demo arguments). The text under the grid is the Keras code of the current settings.

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

import numpy as np

from augcourse.atlas import ENTRIES, takes_seed
from augcourse.widgets.controls import checkbox, dropdown, float_slider, int_slider, started
from augcourse.widgets.draws import DrawControls

# Each lesson's controls: name -> (widget factory (start value) -> widget, start value).
LAYER_OPTIONS = {
    "crop": {
        "crop_fraction": (lambda v: float_slider("crop side (fraction)", v, 0.3, 1.0, 0.05), 0.6),
        "padding": (lambda v: int_slider("pad first (pixels)", v, 0, 64), 0),
        "resize_back": (lambda v: checkbox("resize back (a resized crop)", v), False),
    },
    "atlas": {
        "layer": (lambda v: dropdown("layer", sorted(ENTRIES), v), "RandomRotation"),
    },
    "colour": {
        "contrast": (lambda v: float_slider("RandomContrast ±", v, 0.0, 1.0, 0.05), 0.3),
        "saturation": (lambda v: float_slider("RandomSaturation ±", v, 0.0, 0.5, 0.05), 0.3),
        "hue": (lambda v: float_slider("RandomHue", v, 0.0, 1.0, 0.01), 0.05),
        "grayscale": (lambda v: float_slider("RandomGrayscale p", v, 0.0, 1.0, 0.05), 0.0),
        "blur": (lambda v: float_slider("RandomGaussianBlur p", v, 0.0, 1.0, 0.05), 0.0),
    },
}


def layer_specs(lesson, values, image_shape):
    """The layers the controls describe: a list of (Keras layer class name, keyword arguments).

    ``image_shape`` is the (H, W, C) input; crop sizes are fractions of it. Controls at their
    neutral value add no layer. Contrast c is the pair (c, c), factors in 1 ± c; saturation is ±s
    about RandomSaturation's no-op point 0.5: with one number either layer draws in one direction only.
    """
    if lesson == "atlas":                # the atlas entry's demo arguments (augcourse.atlas)
        return [(values["layer"], dict(ENTRIES[values["layer"]].demo))]
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


def name_is_random(layer):
    """True for a random augmentation layer (it acts only when called with ``training=True``)."""
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
        widgets = {name: started(factory(default), name, initial.pop(name, default))
                   for name, (factory, default) in self._options.items()}
        self._check_leftover(initial, list(self._options) + ["image"])
        return widgets

    def spec(self, values):
        return {k: v for k, v in values.items() if k in self._options}

    def title_of(self, info, i):
        return info[i] if info is not None else f"#{i}"

    def text(self, label, values, spec, info):
        shape = self.choice.source(values)[0].shape
        return f"{label}, seed {values['seed']}; the same settings in Keras 3:\n" + layer_code(self.name, spec, shape)

    def title(self):
        return f"{self.name} controls (Keras 3 layers)"
