"""Interactive controls: one small control set per lesson, and a playground with everything.

In a lesson (JupyterLab shows the widget; GitHub and nbconvert show a static picture):

    from augcourse.widgets import lesson_controls
    lesson_controls("shift")                 # or "flip", "rotation_zoom", "shear", "brightness",
                                             # "channel_shift", "normalization", "zca", "beyond"
    lesson_controls("shift", image=3)        # CIFAR training image 3 instead of the sample photo
    lesson_controls("shift", width_shift_range=0.3, seed=7, n=8)   # start values for the controls

In the playground notebook:

    from augcourse.widgets import playground
    pg = playground()
    pg                                       # every Augment option, probabilities, image choice
    print(pg.code())                         # the same settings as ImageDataGenerator(...) and Augment(...)

How it works (and how the tests drive it without a browser):

- Each control set is a ``Controls`` object: a dict of ipywidgets in ``controls.widgets``
  (keys are the Augment argument names, plus ``seed``, ``n`` and the image choice), a grid of
  ``ipywidgets.Image`` views, and a text view of the parameters drawn.
- A change of any control calls ``redraw`` through a throttle (``Debouncer``): the first change
  after a quiet spell redraws at once, changes that arrive during the next ``debounce`` seconds
  are merged into one redraw at its end. Sliders also use ``continuous_update=False``, so a
  drag sends one value, on release.
- ``redraw`` computes a key from the values; if the images would not change (same key) it does
  nothing. Toggling "show the parameters drawn" only shows or hides text: no redraw.
- The work is done by two injectable callbacks: ``draw(images, spec, seed) -> (augmented, info)``
  (default: ``Augment(**spec)`` sampled with ``seed``) and ``render(images) -> [png bytes]``
  (default: PIL). Only image views whose PNG bytes changed are updated.
- Callbacks never raise: an error is shown in the widget's status line (nbval fails a cell on
  an exception in a callback, and a learner would only see a traceback).
- The object a cell returns carries both the widget and a PNG of its first state
  (``_repr_mimebundle_``): JupyterLab renders the widget, a static viewer falls back to the PNG.
"""

import base64
import html
import io
import threading
import time

import numpy as np

from augcourse._checks import check_choice, check_int, check_number, fail

LESSONS = ("flip", "shift", "rotation_zoom", "shear", "brightness", "channel_shift",
           "normalization", "zca", "beyond")
PREVIEW_SIZE = 256          # the sample photo is shown (and augmented) at 256 x 256
CIFAR_SCALE = 4             # CIFAR images (32 x 32) are shown 4x larger, pixels kept sharp
MAX_IMAGES = 8
VIEW_WIDTH = 190            # largest width (pixels) an image is shown at in the grid
DEBOUNCE = 0.05             # seconds; see Debouncer
FILL_MODES = ("nearest", "reflect", "wrap", "constant")
TRANSFORMS = ("horizontal_flip", "vertical_flip", "rotation", "shift", "zoom", "shear",
              "brightness", "channel_shift")
IMAGE_CHOICES = {"sample photo": "photo", "CIFAR image": "cifar"}

_SLIDER_STYLE = {"description_width": "150px"}
_SLIDER_LAYOUT = {"width": "380px"}


# -- pure helpers ---------------------------------------------------------------------------------
def to_uint8(image):
    """Float pixels in 0-255 (the core's output) as a uint8 image, clipped."""
    image = np.asarray(image)
    if image.dtype == np.uint8:
        return image
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def stretch(images, per_image=False):
    """Normalized (any range) images as uint8 for display: min-max over the batch (or per image)."""
    images = np.asarray(images, dtype=np.float32)
    axes = tuple(range(1, images.ndim)) if per_image else None
    lo = images.min(axis=axes, keepdims=per_image)
    hi = images.max(axis=axes, keepdims=per_image)
    span = np.where(hi - lo > 1e-12, hi - lo, 1.0)
    return np.clip(np.rint((images - lo) / span * 255.0), 0, 255).astype(np.uint8)


def upscale(image, factor):
    """Enlarge an (H, W, C) image by an integer ``factor`` with sharp (nearest) pixels."""
    if factor <= 1:
        return image
    return np.repeat(np.repeat(image, factor, axis=0), factor, axis=1)


def encode_png(image):
    """An (H, W, 3 or 1) uint8 image as PNG bytes (fast compression: this runs on every redraw)."""
    from PIL import Image

    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[:, :, 0]
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def render_pngs(images):
    """The default ``render`` callback: a list of uint8 images -> a list of PNG bytes."""
    return [encode_png(image) for image in images]


def static_png(images, titles, caption, ncols=4, size=2.2):
    """A PNG of a captioned grid, drawn without pyplot (no figure leaks into the notebook)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    n = max(len(images), 1)
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    fig = Figure(figsize=(size * ncols, size * nrows + 0.6))
    FigureCanvasAgg(fig)
    for i, image in enumerate(images):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        image = np.asarray(image)
        ax.imshow(image[:, :, 0] if image.shape[-1] == 1 else image, cmap="gray", vmin=0, vmax=255)
        ax.set_axis_off()
        if i < len(titles) and titles[i]:
            ax.set_title(titles[i], fontsize=8)
    fig.suptitle(caption, fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    return buffer.getvalue()


def core_draw(images, spec, seed):
    """The default ``draw`` callback: ``Augment(**spec)`` applied with draws from ``seed``.

    Returns:
        (float32 images (N, H, W, C), the AugmentParams drawn)
    """
    from augcourse.augment import Augment

    aug = Augment(**spec)
    params = aug.sample(len(images), images.shape[1:], seed=seed)
    return aug.apply(images, params), params


class Debouncer:
    """Call ``fn`` at once on the first trigger, then at most once per ``delay`` seconds.

    Triggers that arrive while a delay runs are merged into one call at its end (with the
    values current then). ``delay=0`` calls ``fn`` on every trigger, synchronously.
    ``schedule(delay, fn)`` must return an object with ``cancel()`` (default:
    ``threading.Timer``); tests pass a fake one and fire it by hand.
    """

    def __init__(self, fn, delay=DEBOUNCE, schedule=None):
        self.fn = fn
        self.delay = check_number("debounce", delay, low=0)
        self.schedule = schedule or _timer
        self._pending = None      # the running delay, or None when quiet
        self._dirty = False
        self._lock = threading.Lock()

    def __call__(self):
        if self.delay == 0:
            self.fn()
            return
        with self._lock:
            if self._pending is not None:
                self._dirty = True
                return
            self._pending = self.schedule(self.delay, self._expire)
        self.fn()

    def _expire(self):
        with self._lock:
            dirty, self._dirty = self._dirty, False
            self._pending = self.schedule(self.delay, self._expire) if dirty else None
        if dirty:
            self.fn()

    def flush(self):
        """Run a merged call now, if one is waiting (used by tests and the benchmark)."""
        with self._lock:
            dirty, self._dirty = self._dirty, False
            if self._pending is not None:
                self._pending.cancel()
                self._pending = None
        if dirty:
            self.fn()


def _timer(delay, fn):
    timer = threading.Timer(delay, fn)
    timer.daemon = True
    timer.start()
    return timer


# -- widgets ---------------------------------------------------------------------------------------
def _w():
    import ipywidgets

    return ipywidgets


def float_slider(description, value, low, high, step, fmt=".2f"):
    return _w().FloatSlider(value=value, min=low, max=high, step=step, description=description,
                            continuous_update=False, readout_format=fmt, style=_SLIDER_STYLE,
                            layout=_SLIDER_LAYOUT)


def range_slider(description, value, low, high, step):
    return _w().FloatRangeSlider(value=value, min=low, max=high, step=step, description=description,
                                 continuous_update=False, readout_format=".2f", style=_SLIDER_STYLE,
                                 layout=_SLIDER_LAYOUT)


def int_slider(description, value, low, high):
    return _w().IntSlider(value=value, min=low, max=high, description=description,
                          continuous_update=False, style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT)


def checkbox(description, value):
    return _w().Checkbox(value=value, description=description, indent=False)


def dropdown(description, options, value):
    if isinstance(options, dict):
        options = list(options.items())
    return _w().Dropdown(options=options, value=value, description=description, style=_SLIDER_STYLE,
                         layout=_SLIDER_LAYOUT)


def seed_box(value):
    return _w().BoundedIntText(value=value, min=0, max=2**31 - 1, description="seed",
                               style=_SLIDER_STYLE, layout={"width": "260px"})


_CIFAR = {}


def cifar_train():
    """The bundled CIFAR-10 subset's training images and class names (loaded once)."""
    if "x" not in _CIFAR:
        from augcourse.datasets import load_cifar10

        (x, y), _, names = load_cifar10("subset")
        _CIFAR.update(x=x, y=y[:, 0], names=names)
    return _CIFAR["x"], _CIFAR["y"], _CIFAR["names"]


_PHOTO = {}


def preview_photo():
    """The sample photo, square, at PREVIEW_SIZE (loaded once)."""
    if "photo" not in _PHOTO:
        from augcourse.images import sample_image

        _PHOTO["photo"] = sample_image(size=(PREVIEW_SIZE, PREVIEW_SIZE), square=True)
    return _PHOTO["photo"]


class Frame:
    """What one redraw shows: uint8 display images, their titles and a text block."""

    def __init__(self, images, titles, text=""):
        self.images, self.titles, self.text = list(images), list(titles), text


class Controls:
    """A set of controls redrawing a grid of images; see the module docstring.

    Subclasses define ``_make_widgets(initial)`` (an ordered dict name -> widget) and
    ``compute(values) -> Frame``; ``view_only`` names controls that never need a redraw.
    """

    name = "controls"
    view_only = ()

    def __init__(self, *, draw=None, render=None, debounce=DEBOUNCE, schedule=None, **initial):
        w = _w()
        self.draw = draw or core_draw
        self.render = render or render_pngs
        self.redraws = 0                  # how many times images were (re)computed
        self.last_frame = None
        self._key = None
        self._lock = threading.RLock()
        self.widgets = self._make_widgets(dict(initial))
        self.show_params = checkbox("show the parameters drawn", False)
        self.params_view = w.HTML(layout={"display": "none"})
        self.status = w.HTML()
        self.grid = w.HBox(layout={"flex_flow": "row wrap"})
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

    def _layout(self):
        w = _w()
        controls = [widget for name, widget in self.widgets.items() if name not in ("seed", "n")]
        bottom = w.HBox([self.widgets["seed"], self.widgets["n"], self.show_params])
        title = w.HTML(f"<b>{html.escape(self.title())}</b>")
        return w.VBox([title, w.VBox(controls), bottom, self.status, self.grid, self.params_view],
                      layout={"border": "1px solid #ddd", "padding": "6px"})

    def title(self):
        return f"{self.name} controls"

    @staticmethod
    def _take(initial, name, default):
        return initial.pop(name, default)

    def _check_leftover(self, initial, allowed):
        if initial:
            name = sorted(initial)[0]
            fail(f"{self.name} start value {name!r}", initial[name],
                 "one of the control names " + ", ".join(repr(a) for a in allowed))

    # -- state ---------------------------------------------------------------------------------
    def values(self):
        """The current control values, by name."""
        return {name: widget.value for name, widget in self.widgets.items()}

    def key(self, values):
        """What the images depend on: equal keys mean no redraw is needed."""
        return tuple(sorted((k, _hashable(v)) for k, v in values.items() if k not in self.view_only))

    def compute(self, values):
        raise NotImplementedError

    # -- events --------------------------------------------------------------------------------
    def _changed(self, change):
        self.debouncer()

    def _toggle_params(self, change):
        self.params_view.layout.display = None if change["new"] else "none"

    def redraw(self, force=False):
        """Recompute and show the images if the values changed; returns True if it redrew.

        Never raises: an error becomes the status line's text.
        """
        with self._lock:
            values = self.values()
            key = self.key(values)
            if key == self._key and not force:
                return False
            try:
                frame = self.compute(values)
                pngs = self.render(frame.images)
            except Exception as error:   # noqa: BLE001 - shown to the learner instead
                self.status.value = (f"<span style='color:#b00'>Cannot draw: "
                                     f"{html.escape(type(error).__name__)}: {html.escape(str(error))}</span>")
                return False
            self._show(frame, pngs)
            self._key = key
            self.redraws += 1
            self.last_frame = frame
            self.status.value = ""
            return True

    def _show(self, frame, pngs):
        w = _w()
        if len(self.views) != len(pngs):
            self.views = [w.Image(format="png") for _ in pngs]
            self.captions = [w.HTML() for _ in pngs]
            self.grid.children = [w.VBox([v, c], layout={"margin": "2px", "align_items": "center",
                                                         "max_width": f"{VIEW_WIDTH + 10}px"})
                                  for v, c in zip(self.views, self.captions)]
        for view, caption, png, title, image in zip(self.views, self.captions, pngs, frame.titles, frame.images):
            if view.value != png:               # only changed images travel to the browser
                view.value = png
            width = f"{min(np.shape(image)[1], VIEW_WIDTH)}px"       # 4 photos side by side
            if view.layout.width != width:
                view.layout.width = width
            text = f"<small>{html.escape(title)}</small>"
            if caption.value != text:
                caption.value = text
        text = f"<pre style='font-size:11px; line-height:1.2'>{html.escape(frame.text)}</pre>"
        if self.params_view.value != text:
            self.params_view.value = text

    # -- display -------------------------------------------------------------------------------
    def summary(self):
        """One deterministic line: the lesson and the control values."""
        parts = [f"{k}={_short(v)}" for k, v in self.values().items()]
        return f"{self.name}: " + ", ".join(parts)

    def static_png(self):
        """A PNG of the current images with titles (what a static viewer shows)."""
        frame = self.last_frame or Frame([], [])
        return static_png(frame.images, frame.titles, _wrap(self.summary(), 110))

    def __repr__(self):
        return f"<{self.summary()} (interactive in JupyterLab)>"

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


def _short(value):
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v) for v in value) + ")"
    return repr(value)


def _wrap(text, width):
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


# -- lessons that augment one image --------------------------------------------------------------
class AugmentControls(Controls):
    """Controls for one transform: the chosen image, augmented ``n`` times with ``Augment``.

    ``options`` maps each control name to a factory ``(start value) -> widget`` and
    ``defaults`` gives start values; ``spec(values)`` turns values into Augment arguments.
    """

    fixed = {}          # Augment arguments that are always set (e.g. the beyond lesson's ranges)

    def __init__(self, name, options, defaults, image=None, *, n=4, seed=0, **kwargs):
        self.name = name
        self._options, self._defaults = options, defaults
        self._image_arg = image
        self._n, self._seed = n, seed
        super().__init__(**kwargs)

    def _make_widgets(self, initial):
        check_int("n", self._n, low=1)
        if self._n > MAX_IMAGES:
            fail("n", self._n, f"an integer from 1 to {MAX_IMAGES}")
        check_int("seed", self._seed, low=0)
        widgets = {}
        for name, factory in self._options.items():
            widgets[name] = factory(self._take(initial, name, self._defaults[name]))
        self._check_leftover(initial, list(self._options) + ["image", "n", "seed"])
        widgets.update(self._image_widgets(self._image_arg))
        widgets["seed"] = seed_box(self._seed)
        widgets["n"] = int_slider("n images", self._n, 1, MAX_IMAGES)
        return widgets

    def _image_widgets(self, image):
        w = _w()
        options = dict(IMAGE_CHOICES)
        choice, index, self._user_image = "photo", 0, None
        if image is None or (isinstance(image, str) and image == "photo"):
            pass
        elif isinstance(image, str) and image == "cifar":
            choice = "cifar"
        elif isinstance(image, (int, np.integer)) and not isinstance(image, bool):
            choice, index = "cifar", int(image)
            if not 0 <= index < 4660:
                fail("image", image, "a CIFAR subset index from 0 to 4659")
        elif isinstance(image, np.ndarray):
            from augcourse._checks import check_images

            self._user_image = check_images("image", image, ranks=(3,), channels=(1, 3))
            options["your image"] = "user"
            choice = "user"
        else:
            fail("image", image, "None, 'photo', 'cifar', a CIFAR index (int) or an (H, W, C) array")
        return {
            "image": dropdown("image", options, choice),
            "cifar_index": w.BoundedIntText(value=index, min=0, max=4659, description="CIFAR index",
                                            style=_SLIDER_STYLE, layout={"width": "260px"}),
        }

    def _layout(self):
        box = super()._layout()
        self._sync_index_visibility()
        self.widgets["image"].observe(lambda change: self._sync_index_visibility(), names="value")
        return box

    def _sync_index_visibility(self):
        show = self.widgets["image"].value == "cifar"
        self.widgets["cifar_index"].layout.display = None if show else "none"

    def key(self, values):
        if values.get("image") != "cifar":
            values = {k: v for k, v in values.items() if k != "cifar_index"}
        return super().key(values)

    def source(self, values):
        """The image to augment, as uint8 (H, W, C), and a short name for it."""
        if values["image"] == "cifar":
            x, y, names = cifar_train()
            i = values["cifar_index"]
            return upscale(x[i], 1), f"CIFAR #{i} ({names[y[i]]})"
        if values["image"] == "user":
            return self._user_image, "your image"
        return preview_photo(), "sample photo"

    def spec(self, values):
        """The Augment arguments for these values."""
        spec = dict(self.fixed)
        spec.update({k: v for k, v in values.items() if k in self._options})
        return spec

    def compute(self, values):
        image, label = self.source(values)
        batch = np.repeat(image[None], values["n"], axis=0)
        spec = self.spec(values)
        out, info = self.draw(batch, spec, values["seed"])
        images = [to_uint8(o) for o in out]
        factor = CIFAR_SCALE if image.shape[0] <= 64 else 1
        images = [upscale(im, factor) for im in images]
        titles = [self.describe(info, i) for i in range(len(images))]
        text = f"{label}, seed {values['seed']}\n{info!r}" if info is not None else label
        return Frame(images, titles, text)

    def describe(self, info, i):
        """A short title for image ``i`` from the parameters drawn."""
        if info is None or not hasattr(info, "__getitem__"):
            return f"#{i}"
        d = info[i]
        parts = []
        for key, label, digits in (("theta", "θ", 0), ("tx", "tx", 0), ("ty", "ty", 0), ("shear", "shear", 0),
                                   ("zx", "zx", 2), ("zy", "zy", 2), ("brightness", "×", 2)):
            neutral = 1.0 if key in ("zx", "zy", "brightness") else 0.0
            if abs(d[key] - neutral) > 1e-9:
                parts.append(f"{label}{d[key]:.{digits}f}" if label in ("θ", "×") else
                             f"{label} {d[key]:.{digits}f}")
        if d["flip_horizontal"]:
            parts.append("flipH")
        if d["flip_vertical"]:
            parts.append("flipV")
        shift = d["channel_shift"]
        if isinstance(shift, list):
            if any(abs(s) > 1e-9 for s in shift):
                parts.append("ch " + "/".join(f"{s:+.0f}" for s in shift))
        elif abs(shift) > 1e-9:
            parts.append(f"ch {shift:+.0f}")
        return f"#{i}: " + (", ".join(parts) if parts else "unchanged")


def _fill_mode(value):
    return dropdown("fill_mode", FILL_MODES, value)


def _cval(value):
    return float_slider("cval", value, 0.0, 255.0, 1.0, ".0f")


_LESSON_OPTIONS = {
    "flip": ({"horizontal_flip": lambda v: checkbox("horizontal_flip", v),
              "vertical_flip": lambda v: checkbox("vertical_flip", v)},
             {"horizontal_flip": True, "vertical_flip": False}),
    "shift": ({"width_shift_range": lambda v: float_slider("width_shift_range", v, 0.0, 0.5, 0.01),
               "height_shift_range": lambda v: float_slider("height_shift_range", v, 0.0, 0.5, 0.01),
               "fill_mode": _fill_mode, "cval": _cval},
              {"width_shift_range": 0.2, "height_shift_range": 0.0, "fill_mode": "nearest", "cval": 0.0}),
    "rotation_zoom": ({"rotation_range": lambda v: float_slider("rotation_range (°)", v, 0.0, 180.0, 1.0, ".0f"),
                       "zoom_range": lambda v: float_slider("zoom_range", v, 0.0, 0.9, 0.05),
                       "fill_mode": _fill_mode, "cval": _cval},
                      {"rotation_range": 30.0, "zoom_range": 0.2, "fill_mode": "nearest", "cval": 0.0}),
    "shear": ({"shear_range": lambda v: float_slider("shear_range (°)", v, 0.0, 60.0, 1.0, ".0f"),
               "fill_mode": _fill_mode},
              {"shear_range": 20.0, "fill_mode": "nearest"}),
    "brightness": ({"brightness_range": lambda v: range_slider("brightness_range", v, 0.0, 2.0, 0.05)},
                   {"brightness_range": (0.5, 1.5)}),
    "channel_shift": ({"channel_shift_range": lambda v: float_slider("channel_shift_range", v, 0.0, 150.0, 1.0,
                                                                     ".0f"),
                       "channel_shift_per_channel": lambda v: checkbox("per channel (not in IDG)", v)},
                      {"channel_shift_range": 60.0, "channel_shift_per_channel": False}),
}

# The beyond lesson: moderate ranges for every transform, and one probability slider each.
BEYOND_SPEC = {"rotation_range": 30.0, "width_shift_range": 0.15, "height_shift_range": 0.15,
               "zoom_range": 0.2, "shear_range": 15.0, "brightness_range": (0.6, 1.4),
               "channel_shift_range": 40.0, "horizontal_flip": True, "vertical_flip": True}
BEYOND_P = {"horizontal_flip": 0.5, "vertical_flip": 0.0, "rotation": 0.5, "shift": 0.5, "zoom": 0.5,
            "shear": 0.0, "brightness": 0.5, "channel_shift": 0.0}


class BeyondControls(AugmentControls):
    """Per-transform probability sliders over fixed, moderate ranges (``BEYOND_SPEC``)."""

    fixed = BEYOND_SPEC

    def __init__(self, image=None, **kwargs):
        options = {f"p_{t}": (lambda t: lambda v: float_slider(f"p[{t!r}]", v, 0.0, 1.0, 0.05))(t)
                   for t in TRANSFORMS}
        defaults = {f"p_{t}": BEYOND_P[t] for t in TRANSFORMS}
        super().__init__("beyond", options, defaults, image, **kwargs)

    def spec(self, values):
        spec = dict(self.fixed)
        spec["p"] = {t: values[f"p_{t}"] for t in TRANSFORMS}
        return spec

    def title(self):
        return ("beyond controls: the probability of each transform "
                "(ranges: " + ", ".join(f"{k}={_short(v)}" for k, v in BEYOND_SPEC.items()) + ")")


# -- data set lessons: normalization and ZCA ------------------------------------------------------
class CifarOnlyControls(Controls):
    """Controls for lessons that always show CIFAR training images (no image choice)."""

    def __init__(self, image=None, *, n=4, seed=0, draw=None, **kwargs):
        if image is not None:
            fail("image", image, "None (this lesson always shows CIFAR training images)")
        self._n, self._seed = n, seed
        super().__init__(draw=draw, **kwargs)

    def _check_n_and_seed(self):
        check_int("n", self._n, low=1)
        if self._n > MAX_IMAGES:
            fail("n", self._n, f"an integer from 1 to {MAX_IMAGES}")
        check_int("seed", self._seed, low=0)


class NormalizationControls(CifarOnlyControls):
    """featurewise / samplewise / rescale options on CIFAR images, with per-channel mean and std.

    ``draw(images, spec, seed)`` gets the chosen CIFAR images and the Augment normalization
    arguments; the default fits featurewise statistics on the whole training subset.
    """

    name = "normalization"
    OPTIONS = ("featurewise_center", "featurewise_std_normalization", "samplewise_center",
               "samplewise_std_normalization")
    RESCALES = {"None": None, "1/255": 1 / 255, "255 (the notes)": 255.0}

    def __init__(self, image=None, *, draw=None, **kwargs):
        self._fitted = {}
        super().__init__(image, draw=draw or self.normalize, **kwargs)

    def _make_widgets(self, initial):
        self._check_n_and_seed()
        widgets = {name: checkbox(name, bool(self._take(initial, name, False))) for name in self.OPTIONS}
        rescale = self._take(initial, "rescale", None)
        labels = {v: k for k, v in self.RESCALES.items()}
        if rescale not in labels:
            fail("rescale", rescale, "None, 1/255 or 255.0")
        widgets["rescale"] = dropdown("rescale", list(self.RESCALES), labels[rescale])
        self._check_leftover(initial, list(self.OPTIONS) + ["rescale", "n", "seed"])
        widgets["seed"] = seed_box(self._seed)
        widgets["n"] = int_slider("n images", self._n, 1, MAX_IMAGES)
        return widgets

    def spec(self, values):
        spec = {name: values[name] for name in self.OPTIONS}
        spec["rescale"] = self.RESCALES[values["rescale"]]
        return spec

    def normalize(self, images, spec, seed):
        """The default draw: Augment's normalization (fit on the training subset if featurewise)."""
        from augcourse.augment import Augment

        aug = Augment(**spec)
        if spec["featurewise_center"] or spec["featurewise_std_normalization"]:
            if spec["rescale"] not in self._fitted:
                self._fitted[spec["rescale"]] = Augment(rescale=spec["rescale"]).fit(cifar_train()[0])
            fitted = self._fitted[spec["rescale"]]
            aug.mean, aug.std = fitted.mean, fitted.std
        whole = aug.standardize(cifar_train()[0].astype(np.float32))
        out = aug.standardize(images.astype(np.float32))
        return out, {"aug": aug, "whole": whole}

    def compute(self, values):
        x, y, names = cifar_train()
        rng = np.random.default_rng(values["seed"])
        idx = np.sort(rng.choice(len(x), size=values["n"], replace=False))
        spec = self.spec(values)
        out, info = self.draw(x[idx], spec, values["seed"])
        out = np.asarray(out, dtype=np.float32)
        plain = not any(spec[name] for name in self.OPTIONS) and spec["rescale"] is None
        images = [upscale(im, CIFAR_SCALE) for im in (map(to_uint8, out) if plain else stretch(out))]
        titles = [f"#{i} {names[y[i]]}: mean {o.mean():.2f}, std {o.std():.2f}" for i, o in zip(idx, out)]
        lines = ["per-channel (R, G, B)        mean                     std"]
        lines.append(_channel_line("these images", out))
        if isinstance(info, dict) and "whole" in info:
            lines.append(_channel_line(f"all {len(x)} train", info["whole"]))
        lines.append(f"value range of these images: {out.min():.3g} to {out.max():.3g}"
                     + ("" if plain else " (shown stretched to black-white)"))
        return Frame(images, titles, "\n".join(lines))


def _channel_line(label, images):
    images = np.asarray(images, dtype=np.float64)
    mean = images.mean(axis=(0, 1, 2))
    std = images.std(axis=(0, 1, 2))
    fmt = lambda v: "(" + ", ".join(f"{x:8.3f}" for x in v) + ")"   # noqa: E731
    return f"{label:<18} {fmt(mean)}  {fmt(std)}"


class ZCAControls(CifarOnlyControls):
    """ZCA whitening of a few CIFAR images, as ImageDataGenerator computes it, for any epsilon.

    The SVD of the fit images is computed once per ``n_fit``; a new epsilon only re-weights:
    IDG's matrix is ``u diag(sqrt(n) / (s + eps)) u.T`` with ``u, s`` from ``svd(flat_x.T)`` of the
    centred images, so a fit image ``x_i = (v_i * s) u.T`` whitens to ``(v_i * s * g) u.T``.
    """

    name = "zca"
    N_FIT = (100, 300, 1000)

    def __init__(self, image=None, *, draw=None, **kwargs):
        self._svd = {}
        super().__init__(image, draw=draw or self.whiten, **kwargs)

    def _make_widgets(self, initial):
        w = _w()
        self._check_n_and_seed()
        eps = check_number("zca_epsilon", self._take(initial, "zca_epsilon", 1e-6), low=1e-6, high=1e4)
        n_fit = check_choice("n_fit", self._take(initial, "n_fit", 300), self.N_FIT)
        self._check_leftover(initial, ["zca_epsilon", "n_fit", "n", "seed"])
        return {
            "zca_epsilon": w.FloatLogSlider(value=eps, base=10, min=-6, max=4, step=0.5,
                                            description="zca_epsilon", continuous_update=False,
                                            readout_format=".0e", style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT),
            "n_fit": dropdown("fit images", self.N_FIT, n_fit),
            "seed": seed_box(self._seed),
            "n": int_slider("n images", self._n, 1, MAX_IMAGES),
        }

    def svd(self, n_fit):
        """``(x, u, s, vt)`` for the first ``n_fit`` training images, centred (cached)."""
        if n_fit not in self._svd:
            x = cifar_train()[0][:n_fit].astype(np.float64)
            x -= x.mean(axis=(0, 1, 2))           # IDG turns featurewise_center on for ZCA
            flat = x.reshape(n_fit, -1)
            u, s, vt = np.linalg.svd(flat.T, full_matrices=False)
            self._svd[n_fit] = (x, u, s, vt)
        return self._svd[n_fit]

    def whiten(self, images, spec, seed):
        """The default draw: whitened fit images ``spec['index']`` for ``spec['zca_epsilon']``."""
        x, u, s, vt = self.svd(spec["n_fit"])
        gain = np.sqrt(spec["n_fit"]) / (s + spec["zca_epsilon"])
        coef = vt[:, spec["index"]].T * (s * gain)           # (k, n_fit)
        white = (coef @ u.T).reshape((len(spec["index"]),) + x.shape[1:])
        return white, {"gain_max": float(gain.max()), "gain_min": float(gain.min())}

    def compute(self, values):
        x, y, names = cifar_train()
        rng = np.random.default_rng(values["seed"])
        index = np.sort(rng.choice(values["n_fit"], size=values["n"], replace=False))
        spec = {"zca_epsilon": values["zca_epsilon"], "n_fit": values["n_fit"], "index": index}
        out, info = self.draw(x[index], spec, values["seed"])
        out = np.asarray(out, dtype=np.float64)
        shown = []
        for o in out:         # symmetric stretch about 0 per image: edges show as light and dark
            scale = np.percentile(np.abs(o), 99) or 1.0
            shown.append(np.clip(np.rint(127.5 + 127.5 * o / scale), 0, 255).astype(np.uint8))
        original = [upscale(x[i], CIFAR_SCALE) for i in index]
        images = original + [upscale(im, CIFAR_SCALE) for im in shown]
        titles = ([f"#{i} {names[y[i]]}" for i in index]
                  + [f"whitened, rms {np.sqrt((o ** 2).mean()):.2f}" for o in out])
        text = f"fit on {values['n_fit']} images, zca_epsilon {values['zca_epsilon']:.0e}"
        if isinstance(info, dict) and "gain_max" in info:
            text += (f"\ngain per direction sqrt(n)/(s + eps): {info['gain_min']:.3g} to {info['gain_max']:.3g}"
                     " (IDG's formula)")
        return Frame(images, titles, text)


# -- the playground -------------------------------------------------------------------------------
class Playground(Controls):
    """Every Augment option and per-transform probability, an image choice (photo, CIFAR, upload),
    the parameters drawn, and a button that writes the equivalent code."""

    name = "playground"
    DEFAULTS = {"rotation_range": 20.0, "width_shift_range": 0.1, "height_shift_range": 0.1,
                "zoom_range": (0.9, 1.1), "shear_range": 0.0, "horizontal_flip": True, "vertical_flip": False,
                "fill_mode": "nearest", "cval": 0.0, "interpolation": "bilinear",
                "use_brightness": False, "brightness_range": (0.8, 1.2), "channel_shift_range": 0.0,
                "channel_shift_per_channel": False, "rescale": "None", "samplewise_center": False,
                "samplewise_std_normalization": False, "featurewise_center": False,
                "featurewise_std_normalization": False}
    RESCALES = {"None": None, "1/255": 1 / 255}
    NORMALIZATION = ("samplewise_center", "samplewise_std_normalization", "featurewise_center",
                     "featurewise_std_normalization")

    def __init__(self, image=None, *, n=4, seed=0, draw=None, **kwargs):
        self._n, self._seed, self._image_arg = n, seed, image
        self._user_image, self._user_version = None, 0
        self._fitted = {}
        super().__init__(draw=draw or self.fitted_draw, **kwargs)

    def fitted_draw(self, images, spec, seed):
        """The default draw: ``core_draw``, with featurewise statistics fitted on the CIFAR subset."""
        from augcourse.augment import Augment

        aug = Augment(**spec)
        if spec.get("featurewise_center") or spec.get("featurewise_std_normalization"):
            rescale = spec.get("rescale")
            if rescale not in self._fitted:
                self._fitted[rescale] = Augment(rescale=rescale).fit(cifar_train()[0])
            aug.mean, aug.std = self._fitted[rescale].mean, self._fitted[rescale].std
        params = aug.sample(len(images), images.shape[1:], seed=seed)
        return aug.apply(images, params), params

    def _make_widgets(self, initial):
        w = _w()
        check_int("n", self._n, low=1)
        if self._n > MAX_IMAGES:
            fail("n", self._n, f"an integer from 1 to {MAX_IMAGES}")
        check_int("seed", self._seed, low=0)
        v = {name: self._take(initial, name, default) for name, default in self.DEFAULTS.items()}
        p = {t: check_number(f"p_{t}", self._take(initial, f"p_{t}", 0.5 if "flip" in t else 1.0), low=0, high=1)
             for t in TRANSFORMS}
        self._check_leftover(initial, list(self.DEFAULTS) + [f"p_{t}" for t in TRANSFORMS] + ["n", "seed", "image"])
        widgets = {
            "rotation_range": float_slider("rotation_range (°)", v["rotation_range"], 0, 180, 1, ".0f"),
            "width_shift_range": float_slider("width_shift_range", v["width_shift_range"], 0, 0.5, 0.01),
            "height_shift_range": float_slider("height_shift_range", v["height_shift_range"], 0, 0.5, 0.01),
            "zoom_range": range_slider("zoom_range", v["zoom_range"], 0.3, 2.0, 0.05),
            "shear_range": float_slider("shear_range (°)", v["shear_range"], 0, 60, 1, ".0f"),
            "horizontal_flip": checkbox("horizontal_flip", v["horizontal_flip"]),
            "vertical_flip": checkbox("vertical_flip", v["vertical_flip"]),
            "fill_mode": _fill_mode(v["fill_mode"]),
            "cval": _cval(v["cval"]),
            "interpolation": dropdown("interpolation", ("bilinear", "nearest"), v["interpolation"]),
            "use_brightness": checkbox("brightness_range on", v["use_brightness"]),
            "brightness_range": range_slider("brightness_range", v["brightness_range"], 0, 2, 0.05),
            "channel_shift_range": float_slider("channel_shift_range", v["channel_shift_range"], 0, 150, 1, ".0f"),
            "channel_shift_per_channel": checkbox("channel shift per channel", v["channel_shift_per_channel"]),
            "rescale": dropdown("rescale", list(self.RESCALES), v["rescale"]),
            "samplewise_center": checkbox("samplewise_center", v["samplewise_center"]),
            "samplewise_std_normalization": checkbox("samplewise_std_normalization",
                                                     v["samplewise_std_normalization"]),
            "featurewise_center": checkbox("featurewise_center (fit on the CIFAR subset)", v["featurewise_center"]),
            "featurewise_std_normalization": checkbox("featurewise_std_normalization (fit on the CIFAR subset)",
                                                      v["featurewise_std_normalization"]),
        }
        for t in TRANSFORMS:
            widgets[f"p_{t}"] = float_slider(f"p[{t!r}]", p[t], 0, 1, 0.05)
        image_widgets = AugmentControls._image_widgets(self, self._image_arg)
        image_widgets["image"].options = list(image_widgets["image"].options) + [("uploaded file", "upload")]
        widgets.update(image_widgets)
        widgets["seed"] = seed_box(self._seed)
        widgets["n"] = int_slider("n images", self._n, 1, MAX_IMAGES)
        self.upload = w.FileUpload(accept="image/*", multiple=False, description="upload an image")
        self.upload.observe(self._uploaded, names="value")
        self.upload_message = w.HTML()
        self.code_button = w.Button(description="show the code", icon="code", layout={"width": "auto"})
        self.code_view = w.HTML()
        self.code_button.on_click(lambda button: self.show_code())
        return widgets

    # -- layout --------------------------------------------------------------------------------
    def _layout(self):
        w = _w()
        g = self.widgets
        geometry = w.VBox([g[k] for k in ("rotation_range", "width_shift_range", "height_shift_range", "zoom_range",
                                          "shear_range", "horizontal_flip", "vertical_flip", "fill_mode", "cval",
                                          "interpolation")])
        colour = w.VBox([g[k] for k in ("use_brightness", "brightness_range", "channel_shift_range",
                                        "channel_shift_per_channel", "rescale") + self.NORMALIZATION])
        probs = w.VBox([g[f"p_{t}"] for t in TRANSFORMS])
        image = w.VBox([g["image"], g["cifar_index"], self.upload, self.upload_message])
        tabs = w.Tab([geometry, colour, probs, image])
        for i, label in enumerate(("geometry", "colour & normalization", "probabilities", "image")):
            tabs.set_title(i, label)
        bottom = w.HBox([g["seed"], g["n"], self.show_params, self.code_button])
        AugmentControls._sync_index_visibility(self)
        g["image"].observe(lambda change: AugmentControls._sync_index_visibility(self), names="value")
        return w.VBox([w.HTML("<b>augmentation playground</b>"), tabs, bottom, self.status, self.grid,
                       self.params_view, self.code_view],
                      layout={"border": "1px solid #ddd", "padding": "6px"})

    # -- state ---------------------------------------------------------------------------------
    def key(self, values):
        values = dict(values)
        if values.get("image") != "cifar":
            values.pop("cifar_index", None)
        if values.get("image") == "upload":
            values["upload_version"] = self._user_version
        if not values["use_brightness"]:
            values.pop("brightness_range")
        if values["fill_mode"] != "constant":
            values.pop("cval")
        return super().key(values)

    def spec(self, values=None):
        """The Augment arguments for the current (or given) values."""
        values = self.values() if values is None else values
        spec = {k: values[k] for k in ("rotation_range", "width_shift_range", "height_shift_range", "shear_range",
                                       "horizontal_flip", "vertical_flip", "fill_mode", "cval", "interpolation",
                                       "channel_shift_range", "channel_shift_per_channel") + self.NORMALIZATION}
        spec["zoom_range"] = tuple(values["zoom_range"])
        spec["brightness_range"] = tuple(values["brightness_range"]) if values["use_brightness"] else None
        spec["rescale"] = self.RESCALES[values["rescale"]]
        spec["p"] = {t: values[f"p_{t}"] for t in TRANSFORMS}
        return spec

    def source(self, values):
        if values["image"] == "upload":
            if self._user_image is None:
                raise ValueError("no image uploaded yet: use the 'upload an image' button on the image tab")
            return self._user_image, "uploaded image"
        return AugmentControls.source(self, values)

    def compute(self, values):
        image, label = self.source(values)
        batch = np.repeat(image[None], values["n"], axis=0)
        out, info = self.draw(batch, self.spec(values), values["seed"])
        normalized = values["rescale"] != "None" or any(values[k] for k in self.NORMALIZATION)
        images = list(stretch(out)) if normalized else [to_uint8(o) for o in out]
        factor = CIFAR_SCALE if image.shape[0] <= 64 else 1
        images = [upscale(im, factor) for im in images]
        titles = [AugmentControls.describe(self, info, i) for i in range(len(images))]
        text = f"{label}, seed {values['seed']}, {_spec_code(self.spec(values))}"
        if info is not None:
            text += f"\n{info!r}"
        if normalized:
            text += "\n(normalized output, shown stretched to black-white)"
        return Frame(images, titles, text)

    # -- upload and code -------------------------------------------------------------------------
    def _uploaded(self, change):
        """Decode the uploaded file; a bad file becomes a message, never an exception."""
        files = change["new"]
        if not files:
            return
        item = files[-1] if isinstance(files, (list, tuple)) else list(files.values())[-1]
        try:
            self._user_image = decode_image(bytes(item["content"]))
        except Exception as error:   # noqa: BLE001 - shown to the learner
            self.upload_message.value = (f"<span style='color:#b00'>Could not read {html.escape(str(item.get('name')))}:"
                                         f" {html.escape(str(error))}</span>")
            return
        self._user_version += 1
        h, w_, _ = self._user_image.shape
        self.upload_message.value = f"{html.escape(str(item.get('name')))}: shown at {w_} × {h} pixels"
        if self.widgets["image"].value != "upload":
            self.widgets["image"].value = "upload"      # triggers a redraw through the observer
        else:
            self.debouncer()

    def code(self):
        """Paste-ready code for the current settings: ImageDataGenerator and the augcourse core."""
        from augcourse.augment import Augment

        aug = Augment(**self.spec())
        return ("# ImageDataGenerator (tf.keras legacy API)\n"
                "from augcourse import tf, keras\n"
                "ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator\n"
                f"datagen = {aug.to_idg_code()}\n"
                "\n"
                "# augcourse core (seeded, per-transform probabilities)\n"
                "from augcourse.augment import Augment\n"
                f"aug = {aug.to_code()}\n"
                + ("\n# featurewise statistics come from your training images, before flow():\n"
                   "# datagen.fit(x_train); aug.fit(x_train)\n"
                   if aug.featurewise_center or aug.featurewise_std_normalization else ""))

    def show_code(self):
        """The button's action: write the code under the grid (errors become a message)."""
        try:
            text = self.code()
        except Exception as error:   # noqa: BLE001
            text = f"Cannot write the code: {type(error).__name__}: {error}"
        self.code_view.value = f"<pre style='font-size:12px'>{html.escape(text)}</pre>"


def _spec_code(spec):
    try:
        from augcourse.augment import Augment

        return Augment(**spec).to_code()
    except Exception as error:   # noqa: BLE001 - the draw reports the same error
        return f"(invalid spec: {error})"


def decode_image(data, max_side=PREVIEW_SIZE):
    """Image file bytes -> (H, W, 3) uint8, longest side at most ``max_side`` (aspect kept)."""
    import os
    import tempfile

    from PIL import Image

    from augcourse.images import load_image

    with Image.open(io.BytesIO(data)) as probe:
        probe.verify()
        width, height = probe.size
    scale = min(1.0, max_side / max(width, height))
    size = (max(1, round(height * scale)), max(1, round(width * scale)))
    fd, path = tempfile.mkstemp(suffix=".img")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return load_image(path, size=size)
    finally:
        os.remove(path)


# -- entry points ---------------------------------------------------------------------------------
def lesson_controls(lesson, image=None, *, n=4, seed=0, draw=None, render=None, debounce=DEBOUNCE,
                    schedule=None, **start):
    """The control set of one lesson, ready to display (return it from a cell).

    Args:
        lesson: one of ``LESSONS``.
        image: None (the lesson's default: the sample photo, or CIFAR images for
            "normalization" and "zca"), "photo", "cifar", a CIFAR subset index, or an
            (H, W, C) array (your own image; the geometry and colour lessons only).
        n: number of images in the grid (1 to 8); seed: the draws' seed.
        draw, render: callbacks (see the module docstring); default: the augcourse core and PNG.
        debounce: seconds over which rapid changes merge into one redraw (0: redraw on each).
        schedule: the timer factory for the debounce (tests inject a fake one).
        **start: start values of the controls, by name (e.g. ``width_shift_range=0.3``).

    Returns:
        a ``Controls`` object: ``.widget`` is the ipywidgets view, ``.widgets`` the controls.
    """
    check_choice("lesson", lesson, LESSONS)
    kwargs = dict(n=n, seed=seed, draw=draw, render=render, debounce=debounce, schedule=schedule, **start)
    if lesson == "normalization":
        return NormalizationControls(image, **kwargs)
    if lesson == "zca":
        return ZCAControls(image, **kwargs)
    if lesson == "beyond":
        return BeyondControls(image, **kwargs)
    options, defaults = _LESSON_OPTIONS[lesson]
    return AugmentControls(lesson, options, defaults, image, **kwargs)


def playground(image=None, *, n=4, seed=0, draw=None, render=None, debounce=DEBOUNCE, schedule=None, **start):
    """Everything at once: see ``Playground``; arguments as for ``lesson_controls``."""
    return Playground(image, n=n, seed=seed, draw=draw, render=render, debounce=debounce, schedule=schedule,
                      **start)


def time_redraw(controls, name, values):
    """Seconds from each value change to the finished redraw (PNG bytes ready), for benchmarks."""
    times = []
    for value in values:
        start = time.perf_counter()
        controls.widgets[name].value = value
        controls.debouncer.flush()
        times.append(time.perf_counter() - start)
    return times
