"""The controls framework: a dict of ipywidgets that redraws a grid of images when a value changes.

How it works (and how the tests drive it without a browser):

- A control set is a ``Controls`` object: a dict of ipywidgets in ``controls.widgets``
  (keys are the Augment argument names, plus ``seed``, ``n`` and, where there is one, the
  image choice), a grid of ``ipywidgets.Image`` views, and a text view of the parameters drawn.
- A change of any control calls ``redraw`` through a ``Debouncer``: the first change after a
  quiet spell redraws at once, changes during the next ``debounce`` seconds merge into one
  redraw at its end. Sliders also use ``continuous_update=False``: a drag sends one value.
- ``redraw`` computes ``key(values)``; if the images would not change (same key) it does
  nothing. Toggling "show the parameters drawn" only shows or hides text: no redraw.
- The work is done by two injectable callbacks: ``draw(images, spec, seed) -> (augmented, info)``
  ((N, H, W, C) in, (N, H, W, C) floats out; each subclass has a ``default_draw``) and
  ``render([uint8 (H, W, C)]) -> [png bytes]`` (default: PIL). Only views whose bytes changed
  are updated.
- Callbacks never raise: an error is shown in the status line (nbval fails a cell on an
  exception in a callback, and a learner would only see a traceback).
- The object a cell returns carries both the widget and a PNG of its first state
  (``_repr_mimebundle_``): JupyterLab renders the widget, a static viewer falls back to the PNG.

Example (a subclass needs ``_make_widgets`` and ``compute``):
    >>> import numpy as np
    >>> class Grey(Controls):
    ...     name = "grey"
    ...     def _make_widgets(self, initial):
    ...         level = initial.pop("level", 128)
    ...         self._check_leftover(initial, ["level"])
    ...         return {"level": int_slider("level", level, 0, 255)}
    ...     def compute(self, values):
    ...         image = np.full((8, 8, 3), values["level"], np.uint8)
    ...         return Frame([image] * values["n"], [f"#{i}" for i in range(values["n"])])
    >>> grey = Grey(n=2, debounce=0)
    >>> grey
    <grey: level=128, seed=0, n=2 (interactive in JupyterLab)>
    >>> grey.widgets["level"].value = 30          # what a message from the browser does
    >>> grey.redraws, grey.last_frame.images[0].shape
    (2, (8, 8, 3))
"""

import base64
import html
import textwrap
import threading

import ipywidgets
import numpy as np

from augcourse._checks import INT32_SEED_MAX, check_int, fail, is_real
from augcourse.augment.transforms import RECORDS
from augcourse.language import tr
from augcourse.widgets.display import render_pngs, static_png, title_html
from augcourse.widgets.throttle import DEBOUNCE, Debouncer

MAX_IMAGES = 8
VIEW_WIDTH = 190            # largest width (pixels) an image is shown at in the grid
CAPTION_WIDTH = 100         # characters per line of the static picture's caption

_SLIDER_STYLE = {"description_width": "150px"}
_SLIDER_LAYOUT = {"width": "380px"}


# -- small widget factories ------------------------------------------------------------------------
def float_slider(description, value, low, high, step, fmt=".2f"):
    """A FloatSlider that sends its value on release."""
    return ipywidgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                                  continuous_update=False, readout_format=fmt, style=_SLIDER_STYLE,
                                  layout=_SLIDER_LAYOUT)

# The options that are off when None (brightness_range, erasing_area): the playground shows each
# with an on/off checkbox named after its transform ("use_brightness", "use_erasing").
SWITCHES = {option.name: f"use_{t.name}" for t in RECORDS for option in t.options if option.default is None}
# Every option of a transform that has such a switch, with the switch (a caption leaves them out when it is off).
SWITCHED = {option.name: f"use_{t.name}" for t in RECORDS if any(o.name in SWITCHES for o in t.options)
            for option in t.options}


def log_slider(description, value, low_exponent, high_exponent, step, fmt=".0e"):
    """A FloatLogSlider over ``10**low_exponent`` to ``10**high_exponent`` that sends its value on release."""
    return ipywidgets.FloatLogSlider(value=value, base=10, min=low_exponent, max=high_exponent, step=step,
                                     description=description, continuous_update=False, readout_format=fmt,
                                     style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT)


def range_slider(description, value, low, high, step):
    """A FloatRangeSlider (value: a (low, high) pair) that sends its value on release."""
    return ipywidgets.FloatRangeSlider(value=value, min=low, max=high, step=step, description=description,
                                       continuous_update=False, readout_format=".2f", style=_SLIDER_STYLE,
                                       layout=_SLIDER_LAYOUT)


def int_slider(description, value, low, high):
    """An IntSlider that sends its value on release."""
    return ipywidgets.IntSlider(value=value, min=low, max=high, description=description,
                                continuous_update=False, style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT)


def checkbox(description, value):
    """A Checkbox with its label beside it."""
    return ipywidgets.Checkbox(value=value, description=description, indent=False)


def dropdown(description, options, value):
    """A Dropdown; ``options`` is a sequence of values or a dict label -> value."""
    if isinstance(options, dict):
        options = list(options.items())
    return ipywidgets.Dropdown(options=options, value=value, description=description, style=_SLIDER_STYLE,
                               layout=_SLIDER_LAYOUT)


def int_box(description, value, low, high):
    """A BoundedIntText for a number typed in (a seed, an index)."""
    return ipywidgets.BoundedIntText(value=value, min=low, max=high, description=description,
                                     style=_SLIDER_STYLE, layout={"width": "260px"})


def started(widget, name, value):
    """``widget`` set to the start value ``value``, after checking the widget can hold it.

    ipywidgets clamps a slider's start value silently (``width_shift_range=5.0`` would show 0.5)
    and raises its own TraitError for a dropdown option it lacks; this raises the core's kind of
    ValueError instead: the parameter, the value, and what the control allows.

    Example:
        >>> slider = started(float_slider("width_shift_range", 0.2, 0.0, 0.5, 0.01), "width_shift_range", 0.3)
        >>> slider.value
        0.3
        >>> started(float_slider("width_shift_range", 0.2, 0.0, 0.5, 0.01), "width_shift_range", 5.0)
        Traceback (most recent call last):
        ...
        ValueError: width_shift_range must be a start value from 0 to 0.5 (the slider's range); got 5.0.
        >>> started(dropdown("fill_mode", ["nearest", "reflect"], "nearest"), "fill_mode", "Nearest")
        Traceback (most recent call last):
        ...
        ValueError: fill_mode must be one of 'nearest', 'reflect'; got 'Nearest'.
    """
    if isinstance(widget, ipywidgets.Dropdown):
        choices = [o[1] if isinstance(o, tuple) else o for o in widget.options]
        ok, allowed = value in choices, tr("one of {choices}", choices=", ".join(repr(c) for c in choices))
    elif isinstance(widget, ipywidgets.Checkbox):
        ok, allowed = isinstance(value, (bool, np.bool_)), tr("True or False")
    else:
        low, high = widget.min, widget.max
        if isinstance(widget, ipywidgets.FloatLogSlider):
            low, high = widget.base ** low, widget.base ** high
        pair, whole = isinstance(widget.value, tuple), isinstance(widget.value, int)
        if pair:
            allowed = tr("a (low, high) pair from {low:g} to {high:g} (the slider's range)", low=low, high=high)
        elif whole:
            allowed = tr("an integer from {low:g} to {high:g} (the slider's range)", low=low, high=high)
        else:
            allowed = tr("a start value from {low:g} to {high:g} (the slider's range)", low=low, high=high)
        numbers = tuple(value) if pair and isinstance(value, (tuple, list)) else (value,)
        ok = (len(numbers) == (2 if pair else 1) and all(is_real(v) and low <= v <= high for v in numbers)
              and all(float(v).is_integer() for v in numbers if whole) and sorted(numbers) == list(numbers))
    if not ok:
        fail(name, value, allowed)
    widget.value = tuple(value) if isinstance(widget.value, tuple) else value
    return widget


def as_shown(widget):
    """``widget.value``, rounded to the decimals of a float slider's step (pairs element-wise).

    Example:
        >>> as_shown(float_slider("rotation_range", 141.00000000000003, 0.0, 180.0, 1.0))
        141.0
        >>> as_shown(range_slider("zoom_range", (0.30000000000000004, 1.1), 0.3, 2.0, 0.05))
        (0.3, 1.1)
    """
    value = widget.value
    if not isinstance(widget, (ipywidgets.FloatSlider, ipywidgets.FloatRangeSlider)):
        return value
    decimals = max(0, -int(np.floor(np.log10(widget.step)))) + 1 if widget.step > 0 else 6
    if isinstance(value, tuple):
        return tuple(round(v, decimals) for v in value)
    return round(value, decimals)


class Frame:
    """What one redraw shows: uint8 (H, W, C) display images, a title for each, and a text block."""

    def __init__(self, images, titles, text=""):
        self.images, self.titles, self.text = list(images), list(titles), text


class Controls:
    """A set of controls redrawing a grid of images; see the module docstring.

    Subclasses define ``_make_widgets(initial)`` (an ordered dict name -> widget, taking their
    start values out of ``initial``), ``compute(values) -> Frame`` and ``default_draw``; every
    control set also gets the ``seed`` and ``n`` (1 to ``MAX_IMAGES``) controls.
    """

    name = "controls"

    def __init__(self, *, n=4, seed=0, draw=None, render=None, debounce=DEBOUNCE, schedule=None, **initial):
        check_int("n", n, low=1)
        if n > MAX_IMAGES:
            fail("n", n, tr("an integer from 1 to {high}", high=MAX_IMAGES))
        check_int("seed", seed, low=0)
        self.draw = draw or self.default_draw
        self.render = render or render_pngs
        self.redraws = 0                  # how many times images were (re)computed
        self.last_frame = None
        self._key = None
        self._lock = threading.RLock()
        self.widgets = self._make_widgets(dict(initial))
        self.widgets["seed"] = int_box("seed", seed, 0, INT32_SEED_MAX)
        self.widgets["n"] = int_slider(tr("n images"), n, 1, MAX_IMAGES)
        self.show_params = checkbox(tr("show the parameters drawn"), False)
        self.params_view = ipywidgets.HTML(layout={"display": "none"})
        self.status = ipywidgets.HTML()
        self.grid = ipywidgets.HBox(layout={"flex_flow": "row wrap"})
        self.views, self.captions = [], []
        self.debouncer = Debouncer(self.redraw, debounce, schedule)
        for widget in self.widgets.values():
            widget.observe(self._changed, names="value")
        self.show_params.observe(self._toggle_params, names="value")
        self.redraw()
        self.widget = self._layout()

    # -- building ------------------------------------------------------------------------------
    def _make_widgets(self, initial):
        raise NotImplementedError

    def default_draw(self, images, spec, seed):
        """The ``draw`` used when none is passed: (N, H, W, C) images -> (augmented, info)."""
        raise NotImplementedError

    def _layout(self):
        controls = [widget for name, widget in self.widgets.items() if name not in ("seed", "n")]
        bottom = ipywidgets.HBox([self.widgets["seed"], self.widgets["n"], self.show_params])
        title = ipywidgets.HTML(f"<b>{html.escape(self.title())}</b>")
        return ipywidgets.VBox([title, ipywidgets.VBox(controls), bottom, self.status, self.grid,
                                self.params_view], layout={"border": "1px solid #ddd", "padding": "6px"})

    def title(self):
        return tr("{name} controls", name=self.name)

    def _check_leftover(self, initial, allowed):
        """Reject start values no control took; ``allowed`` (plus n and seed) is what the message lists."""
        if initial:
            name = sorted(initial)[0]
            fail(tr("{lesson} start value {name!r}", lesson=self.name, name=name), initial[name],
                 tr("one of the control names {names}",
                    names=", ".join(repr(a) for a in list(allowed) + ["n", "seed"])))

    # -- state ---------------------------------------------------------------------------------
    def values(self):
        """The current control values, by name; a slider's value rounded to its step, as its readout shows
        it (a drag can leave 141.00000000000003 where the readout says 141)."""
        return {name: as_shown(widget) for name, widget in self.widgets.items()}

    def key(self, values):
        """What the images depend on: equal keys mean no redraw is needed."""
        return tuple(sorted((k, _hashable(v)) for k, v in values.items()))

    def compute(self, values):
        raise NotImplementedError

    # -- events --------------------------------------------------------------------------------
    def _changed(self, change):
        self.debouncer()

    def _toggle_params(self, change):
        self.params_view.layout.display = None if change["new"] else "none"

    def redraw(self):
        """Recompute and show the images if the values changed; returns True if it redrew.

        Never raises: an error becomes the status line's text.
        """
        with self._lock:
            values = self.values()
            key = self.key(values)
            if key == self._key:
                return False
            try:
                frame = self.compute(values)
                pngs = self.render(frame.images)
            except Exception as error:   # noqa: BLE001 - shown to the learner instead
                self.status.value = ("<span style='color:#b00'>"
                                     + tr("Cannot draw: {kind}: {error}", kind=html.escape(type(error).__name__),
                                          error=html.escape(str(error)))
                                     + "</span>")
                return False
            self._show(frame, pngs)
            self._key = key
            self.redraws += 1
            self.last_frame = frame
            self.status.value = ""
            return True

    def _show(self, frame, pngs):
        if len(self.views) != len(pngs):
            self.views = [ipywidgets.Image(format="png") for _ in pngs]
            self.captions = [ipywidgets.HTML() for _ in pngs]
            self.grid.children = [ipywidgets.VBox([v, c], layout={"margin": "2px", "align_items": "center",
                                                                  "max_width": f"{VIEW_WIDTH + 10}px"})
                                  for v, c in zip(self.views, self.captions)]
        for view, caption, png, title, image in zip(self.views, self.captions, pngs, frame.titles, frame.images):
            if view.value != png:               # only changed images travel to the browser
                view.value = png
            width = f"{min(np.shape(image)[1], VIEW_WIDTH)}px"       # 4 photos side by side
            if view.layout.width != width:
                view.layout.width = width
            text = f"<div style='line-height:1.3; font-size:smaller'>{title_html(title)}</div>"
            if caption.value != text:
                caption.value = text
        text = f"<pre style='font-size:11px; line-height:1.2'>{html.escape(frame.text)}</pre>"
        if self.params_view.value != text:
            self.params_view.value = text

    # -- display -------------------------------------------------------------------------------
    def summary(self):
        """One deterministic line: the control set's name and the control values."""
        parts = [f"{k}={short(v)}" for k, v in self.values().items()]
        return f"{self.name}: " + ", ".join(parts)

    def caption(self):
        """The PNG's caption: the settings in effect, in words a reader follows at a glance.

        Controls that are off (False, 0, "None", a switched-off brightness range), probabilities of
        1 (always applied), options whose on/off switch is off and the image choice's index when no CIFAR image is shown are left out; the rest read as in the summary, wrapped at spaces into lines of at
        most ``CAPTION_WIDTH`` characters.
        """
        values = self.values()
        shown = [f"{k}={short(v)}" for k, v in values.items()
                 if not (v is False or (isinstance(v, (int, float)) and not isinstance(v, bool) and v == 0
                                        and k not in ("seed", "cifar_index")) or v == "None")
                 and not (k == "cifar_index" and values.get("image") not in (None, "cifar"))
                 and not (k.startswith("p_") and v == 1)                  # probability 1: always applied
                 and not values.get(SWITCHED.get(k)) is False]
        if all(part.split("=")[0] in ("image", "cifar_index", "seed", "n") for part in shown):
            shown.insert(0, tr("every option off"))
        return textwrap.fill(f"{self.title()}: " + ", ".join(shown), CAPTION_WIDTH, break_long_words=False,
                             break_on_hyphens=False)

    def static_png(self):
        """A PNG of the current images with titles (what a static viewer shows)."""
        frame = self.last_frame or Frame([], [])
        return static_png(frame.images, frame.titles, self.caption())

    def __repr__(self):
        return "<" + tr("{summary} (interactive in JupyterLab)", summary=self.summary()) + ">"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = repr(self)
        bundle["image/png"] = base64.b64encode(self.static_png()).decode("ascii")
        return bundle


def _hashable(value):
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def short(value):
    """A control value as the summary prints it: floats with ``:g``, tuples of those, else ``repr``.

    Example:
        >>> short(0.20000), short((0.9, 1.1)), short("nearest")
        ('0.2', '(0.9, 1.1)', "'nearest'")
    """
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(short(v) for v in value) + ")"
    return repr(value)
