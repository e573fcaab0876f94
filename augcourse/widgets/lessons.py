"""The geometry, brightness, channel shift and beyond lessons' control sets: which Augment options each shows.

``OPTION_WIDGETS`` is the widget of each Augment option (and of each probability
``p_<transform>``), ``LESSON_OPTIONS`` the options of each lesson with their start values;
``AugmentControls`` shows one lesson's options on the chosen image, ``BeyondControls`` one
probability slider per transform over fixed, moderate ranges.

Example:
    >>> shear = AugmentControls("shear", LESSON_OPTIONS["shear"], debounce=0)
    >>> shear
    <shear: shear_range=20, fill_mode='nearest', image='photo', cifar_index=0, seed=0, n=4 (interactive in JupyterLab)>
    >>> shear.spec(shear.values())
    {'shear_range': 20.0, 'fill_mode': 'nearest'}
    >>> shear.last_frame.images[0].shape              # the sample photo, 256 x 256
    (256, 256, 3)
"""

from augcourse.augment.options import FILL_MODES, OPTIONS, TRANSFORMS
from augcourse.language import tr
from augcourse.widgets.controls import checkbox, dropdown, float_slider, range_slider, short, started
from augcourse.widgets.draws import DrawControls


def p_slider(transform):
    """The factory of transform ``transform``'s probability slider (0 to 1)."""
    return lambda value: float_slider(f"p[{transform!r}]", value, 0.0, 1.0, 0.05)


def probabilities(values):
    """The ``p`` argument of Augment from the ``p_<transform>`` control values.

    Example:
        >>> probabilities({f"p_{t}": 1.0 for t in TRANSFORMS})["shear"]
        1.0
    """
    return {t: values[f"p_{t}"] for t in TRANSFORMS}


def option_widget(option):
    """The factory (start value -> widget) of a transform option, from its record's ``control``."""
    kind, *args = option.control
    label = tr(option.label) if option.label else option.name
    if kind == "slider":
        return lambda v: float_slider(label, v, *args)
    if kind == "range":
        return lambda v: range_slider(label, v, *args)
    if kind == "choice":
        return lambda v: dropdown(label, args[0], v)
    return lambda v: checkbox(label, v)


# Each Augment option's widget, as the lessons show it: name -> factory (start value) -> widget.
OPTION_WIDGETS = {
    **{name: option_widget(option) for name, option in OPTIONS.items()},
    "fill_mode": lambda v: dropdown("fill_mode", FILL_MODES, v),
    "cval": lambda v: float_slider("cval", v, 0.0, 255.0, 1.0, ".0f"),
    **{f"p_{t}": p_slider(t) for t in TRANSFORMS},
}

# Each geometry and colour lesson's options, in the order shown, with their start values.
LESSON_OPTIONS = {
    "flip": {"horizontal_flip": True, "vertical_flip": False},
    "shift": {"width_shift_range": 0.2, "height_shift_range": 0.0, "fill_mode": "nearest", "cval": 0.0},
    "rotation_zoom": {"rotation_range": 30.0, "zoom_range": 0.2, "fill_mode": "nearest", "cval": 0.0},
    "shear": {"shear_range": 20.0, "fill_mode": "nearest"},
    "brightness": {"brightness_range": (0.5, 1.5)},
    "channel_shift": {"channel_shift_range": 60.0, "channel_shift_per_channel": False},
}

# The beyond lesson: moderate ranges for every transform, and one probability slider each.
BEYOND_SPEC = {"rotation_range": 30.0, "width_shift_range": 0.15, "height_shift_range": 0.15,
               "zoom_range": 0.2, "shear_range": 15.0, "brightness_range": (0.6, 1.4),
               "channel_shift_range": 40.0, "horizontal_flip": True, "vertical_flip": True}
BEYOND_P = {"horizontal_flip": 0.5, "vertical_flip": 0.0, "rotation": 0.5, "shift": 0.5, "zoom": 0.5,
            "shear": 0.0, "brightness": 0.5, "channel_shift": 0.0}
BEYOND_TRANSFORMS = tuple(BEYOND_P)       # the transforms BEYOND_SPEC switches on


class AugmentControls(DrawControls):
    """One lesson's options (``defaults``: name -> start value), the chosen image augmented ``n`` times.

    The option names are Augment's arguments (or ``p_<transform>``); ``spec(values)`` passes them on.
    """

    def __init__(self, name, defaults, image=None, **kwargs):
        self.name = name
        self._defaults = defaults
        super().__init__(image, **kwargs)

    def _option_widgets(self, initial):
        widgets = {name: started(OPTION_WIDGETS[name](default), name, initial.pop(name, default))
                   for name, default in self._defaults.items()}
        self._check_leftover(initial, list(self._defaults) + ["image"])
        return widgets

    def spec(self, values):
        return {k: v for k, v in values.items() if k in self._defaults}

    def text(self, label, values, spec, info):
        if info is None:
            return label
        return tr("{image}, seed {seed}", image=label, seed=values["seed"]) + f"\n{info!r}"


class BeyondControls(AugmentControls):
    """Per-transform probability sliders over fixed, moderate ranges (``BEYOND_SPEC``)."""

    def __init__(self, image=None, **kwargs):
        super().__init__("beyond", {f"p_{t}": BEYOND_P[t] for t in BEYOND_TRANSFORMS}, image, **kwargs)

    def spec(self, values):
        return dict(BEYOND_SPEC, p={t: values[f"p_{t}"] for t in BEYOND_TRANSFORMS})

    def title(self):
        return tr("beyond controls: the probability of each transform (ranges: {ranges})",
                  ranges=", ".join(f"{k}={short(v)}" for k, v in BEYOND_SPEC.items()))
