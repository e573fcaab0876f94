"""The playground: every Augment option and probability, an image upload, and the equivalent code.

The controls sit on four tabs (geometry, pixel values, probabilities, image), two columns each. The
image tab offers the sample photo, a CIFAR image or an uploaded file (read with
``augcourse.images.load_image``, longest side at most ``PREVIEW_SIZE``); "show the code" writes
the settings as ``ImageDataGenerator(...)``, a Keras 3 layer stack, an Albumentations ``Compose``
and ``Augment(...)``.

Shapes: the chosen (H, W, C) image, augmented ``n`` times: (n, H, W, C).

Example:
    >>> pg = Playground(rotation_range=15.0, p_rotation=0.5, debounce=0)
    >>> pg.spec()["rotation_range"], pg.spec()["p"]["rotation"]
    (15.0, 0.5)
    >>> print(pg.code().splitlines()[-1])
    aug = Augment(horizontal_flip=True, rotation_range=15, width_shift_range=0.1, height_shift_range=0.1, \
zoom_range=(0.9, 1.1), p={'rotation': 0.5})
"""

import html
import io

import ipywidgets

from augcourse.augment.options import DEFAULT_P, INTERPOLATIONS, NORMALIZATION, RECORDS, TRANSFORMS
from augcourse.images import load_image
from augcourse.language import N_, tr
from augcourse.widgets.controls import SWITCHES, checkbox, dropdown, range_slider, started
from augcourse.widgets.draws import DrawControls
from augcourse.widgets.lessons import OPTION_WIDGETS, probabilities
from augcourse.widgets.normalization import RESCALES, rescale_options
from augcourse.widgets.sources import PREVIEW_SIZE

# Start values that differ from the options' defaults (an option that is None by default, such as
# brightness_range, starts at this range behind its switch, "use_<transform>", which starts off).
START = {"rotation_range": 20.0, "width_shift_range": 0.1, "height_shift_range": 0.1, "zoom_range": (0.9, 1.1),
         "horizontal_flip": True, "brightness_range": (0.8, 1.2), "erasing_area": (0.02, 0.2)}


def _tab(stages, shared):
    """The start values of a tab: the options of the records of ``stages`` (with their switches), then ``shared``."""
    values = {}
    for transform in RECORDS:
        if transform.stage in stages:
            for option in transform.options:
                if option.name in SWITCHES:
                    values[SWITCHES[option.name]] = False
                values[option.name] = START.get(option.name, option.default)
    return {**values, **shared}


# The start values, in the order of the first two tabs (the summary lists them in this order too).
GEOMETRY = _tab(("geometry",), {"fill_mode": "nearest", "cval": 0.0, "interpolation": "bilinear"})
COLOUR = _tab(("colour", "pixels"), {"rescale": "None", **{name: False for name in NORMALIZATION}})
DEFAULTS = {**GEOMETRY, **COLOUR}

# The playground's own widgets: options no lesson shows, the switches, and zoom_range and the
# per-channel switch shown differently; every other option uses the lessons' widget (OPTION_WIDGETS).
_WIDGETS = {
    "zoom_range": lambda v: range_slider("zoom_range", v, 0.3, 2.0, 0.05),
    "interpolation": lambda v: dropdown("interpolation", INTERPOLATIONS, v),
    **{switch: (lambda v, name=name: checkbox(tr("{name} on", name=name), v)) for name, switch in SWITCHES.items()},
    "channel_shift_per_channel": lambda v: checkbox(tr("channel shift per channel"), v),
    "rescale": lambda v: dropdown("rescale", rescale_options(), v),
    "samplewise_center": lambda v: checkbox("samplewise_center", v),
    "samplewise_std_normalization": lambda v: checkbox("samplewise_std_normalization", v),
    "featurewise_center": lambda v: checkbox("featurewise_center", v),
    "featurewise_std_normalization": lambda v: checkbox("featurewise_std_normalization", v),
}
# Said once on the pixel values tab, instead of in two labels too long for their column.
FEATUREWISE_NOTE = N_("featurewise statistics: fitted on the CIFAR subset, as fit(x_train) would")

COLUMN_WIDTH = 400          # pixels: two columns of controls a tab
ROW_HEIGHT = 32             # pixels: a control (28) and its margins (2 + 2), as JupyterLab draws them


def page_height(pages):
    """The height every tab's page gets: the rows of the fullest page, two controls a row, so the
    image grid below the tabs stays where it is when another tab is chosen.

    Example:
        >>> page_height({"a": [1, 2, 3], "b": [1]})
        '64px'
    """
    rows = max(-(-len(children) // 2) for children in pages.values())
    return f"{rows * ROW_HEIGHT}px"
# The values that go to Augment as they are.
_PLAIN = tuple(name for name in DEFAULTS
               if name not in SWITCHES and name not in SWITCHES.values() and name not in ("zoom_range", "rescale"))


class Playground(DrawControls):
    """Every Augment option and per-transform probability, an image choice (photo, CIFAR, upload),
    the parameters drawn, and a button that writes the equivalent code.

    Start values: the keys of ``DEFAULTS`` (``rescale`` by its label: "None", "1/255", ...) and
    ``p_<transform>`` for each transform.
    """

    name = "playground"
    uploads = True

    def _option_widgets(self, initial):
        factories = {**OPTION_WIDGETS, **_WIDGETS}
        defaults = {**DEFAULTS, **{f"p_{t}": DEFAULT_P[t] for t in TRANSFORMS}}
        widgets = {name: started(factories[name](default), name, initial.pop(name, default))
                   for name, default in defaults.items()}
        self._check_leftover(initial, list(defaults) + ["image"])
        self.upload = ipywidgets.FileUpload(accept="image/*", multiple=False, description=tr("upload an image"),
                                            layout={"width": "auto", "min_width": "190px"})
        self.upload.observe(self._uploaded, names="value")
        self.upload_message = ipywidgets.HTML()
        self.code_button = ipywidgets.Button(description=tr("show the code"), icon="code",
                                             layout={"width": "auto", "min_width": "150px"})
        self.code_view = ipywidgets.HTML()
        self.code_button.on_click(lambda button: self.show_code())
        return widgets

    # -- layout --------------------------------------------------------------------------------
    def _layout(self):
        w, g = ipywidgets, self.widgets
        pages = {tr("geometry"): [g[k] for k in GEOMETRY],
                 tr("pixel values"): [g[k] for k in COLOUR] + [w.HTML(f"<small>{tr(FEATUREWISE_NOTE)}</small>")],
                 tr("probabilities"): [g[f"p_{t}"] for t in TRANSFORMS],
                 tr("image"): [g["image"], g["cifar_index"], self.upload, self.upload_message]}
        for children in pages.values():
            for child in children:
                if isinstance(child, w.Checkbox):
                    child.layout.width = "auto"             # the whole column for its label (default: 300 px)
        # Two columns of controls a tab: the images stay in view on a 1100 x 800 screen. Every page is as
        # tall as the fullest one, its rows packed at the top, so the images do not jump between tabs.
        height = page_height(pages)
        tabs = w.Tab([w.GridBox(children, layout={"grid_template_columns": f"repeat(2, {COLUMN_WIDTH}px)",
                                                  "min_height": height, "align_content": "flex-start",
                                                  "grid_auto_rows": f"{ROW_HEIGHT}px"})
                      for children in pages.values()])
        for i, label in enumerate(pages):
            tabs.set_title(i, label)
        bottom = w.HBox([g["seed"], g["n"], self.show_params, self.code_button])
        title = tr("augmentation playground")
        return w.VBox([w.HTML(f"<b>{title}</b>"), tabs, bottom, self.status, self.grid,
                       self.params_view, self.code_view],
                      layout={"border": "1px solid #ddd", "padding": "6px"})

    # -- state ---------------------------------------------------------------------------------
    def key(self, values):
        values = dict(values)
        for name, switch in SWITCHES.items():
            if not values[switch]:
                values.pop(name)
        if values["fill_mode"] != "constant":
            values.pop("cval")
        return super().key(values)

    def spec(self, values=None):
        """The Augment arguments for the current (or given) values."""
        values = self.values() if values is None else values
        spec = {k: values[k] for k in _PLAIN}
        spec["zoom_range"] = tuple(values["zoom_range"])
        for name, switch in SWITCHES.items():
            spec[name] = tuple(values[name]) if values[switch] else None
        spec["rescale"] = RESCALES[values["rescale"]]
        spec["p"] = probabilities(values)
        return spec

    def stretched(self, values):
        return values["rescale"] != "None" or any(values[k] for k in NORMALIZATION)

    def text(self, label, values, spec, info):
        text = tr("{image}, seed {seed}, {code}", image=label, seed=values["seed"], code=_spec_code(spec))
        if info is not None:
            text += f"\n{info!r}"
        if self.stretched(values):
            text += "\n" + tr("(normalized output, shown stretched to black-white)")
        return text

    # -- upload and code -------------------------------------------------------------------------
    def _uploaded(self, change):
        """Read the uploaded file; a bad file becomes a message, never an exception."""
        files = change["new"]
        if not files:
            return
        item = files[-1] if isinstance(files, (list, tuple)) else list(files.values())[-1]
        name = html.escape(str(item.get("name")))
        try:
            image = load_image(io.BytesIO(bytes(item["content"])), max_side=PREVIEW_SIZE,
                               name=tr("the uploaded file {name!r}", name=str(item.get("name"))))
        except Exception as error:   # noqa: BLE001 - shown to the learner
            self.upload_message.value = f"<span style='color:#b00'>{html.escape(str(error), quote=False)}</span>"
            return
        self.choice.set_upload(image)
        height, width, _ = image.shape
        self.upload_message.value = tr("{name}: shown at {width} × {height} pixels", name=name, width=width,
                                       height=height)
        if self.widgets["image"].value != "upload":
            self.widgets["image"].value = "upload"      # triggers a redraw through the observer
        else:
            self.debouncer()

    def code(self):
        """Paste-ready code for the current settings: ImageDataGenerator, the Keras 3 layers, Albumentations,
        the augcourse core."""
        from augcourse.augment import Augment

        aug = Augment(**self.spec())
        try:                     # IDG scales shift fractions by the other side: write them for this image
            shape = self.choice.source(self.values())[0].shape
        except ValueError:       # nothing uploaded yet
            shape = None
        return ("# ImageDataGenerator (tf.keras legacy API)\n"
                "from augcourse import tf, keras\n"
                "ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator\n"
                f"datagen = {aug.to_idg_code(image_shape=shape)}\n"
                "\n"
                "\n"
                "# Keras 3 preprocessing layers (in tf.data, or as the model's first layers)\n"
                f"{aug.to_keras_code(image_shape=shape)}\n"
                "\n"
                "# Albumentations (a probability on every transform; NumPy images, one at a time)\n"
                f"{aug.to_albumentations_code(image_shape=shape)}\n"
                "\n"
                "# augcourse core (seeded, per-transform probabilities)\n"
                "from augcourse.augment import Augment\n"
                f"aug = {aug.to_code()}\n"
                + ("\n# featurewise statistics come from your training images, before flow():\n"
                   "# datagen.fit(x_train); aug.fit(x_train)\n"
                   if aug.featurewise_center or aug.featurewise_std_normalization else ""))

    def _changed(self, change):
        """Every control change: redraw (debounced) and, once the code is shown, keep it in step."""
        super()._changed(change)
        if self.code_view.value:
            self.show_code()

    def show_code(self):
        """The button's action: write the code under the grid (errors become a message); it then
        follows every later change of a control, so what is shown is always what the sliders say."""
        try:
            text = self.code()
        except Exception as error:   # noqa: BLE001
            text = tr("Cannot write the code: {kind}: {error}", kind=type(error).__name__, error=error)
        self.code_view.value = f"<pre style='font-size:12px'>{html.escape(text, quote=False)}</pre>"


def _spec_code(spec):
    try:
        from augcourse.augment import Augment

        return Augment(**spec).to_code()
    except Exception as error:   # noqa: BLE001 - the draw reports the same error
        return tr("(invalid spec: {error})", error=error)
