"""Augmenting one chosen image n times with the core, and a short title for each draw.

``DrawControls`` is the base of every control set that augments one image (the geometry,
brightness and channel shift lessons, the beyond lesson, the crop and colour lessons of
``keras_layers``, the playground): an ``ImageChoice``, the core as the default ``draw``
(``core_draw``; the Keras-layer lessons bring their own), and one titled image per draw. Subclasses say which Augment
arguments their values mean (``spec``) and what the text block says (``text``).

Shapes: the chosen (H, W, C) image is repeated into an (n, H, W, C) batch; the core returns
(n, H, W, C) float32 in 0-255 and an ``AugmentParams`` record (``params[i]`` is a dict).

Example:
    >>> import numpy as np
    >>> images = np.zeros((2, 32, 32, 3), np.uint8)
    >>> out, params = core_draw(images, {"rotation_range": 30, "horizontal_flip": True}, seed=0)
    >>> out.shape, [describe(params, i).split(":")[0] for i in range(2)]
    ((2, 32, 32, 3), ['#0', '#1'])
    >>> describe(None, 3)
    '#3'
"""

import numpy as np

from augcourse.augment.options import NEUTRAL, RECORDS
from augcourse.language import tr
from augcourse.widgets.controls import Controls, Frame
from augcourse.widgets.display import display_factor, stretch, to_uint8, upscale
from augcourse.widgets.sources import ImageChoice, fitted_augment


def core_draw(images, spec, seed):
    """The default ``draw``: ``Augment(**spec)`` applied with draws from ``seed``.

    Featurewise options use statistics fitted on the CIFAR subset (see ``fitted_augment``).

    Returns:
        (float32 images (N, H, W, C), the AugmentParams drawn)
    """
    aug = fitted_augment(spec)
    params = aug.sample(len(images), images.shape[1:], seed=seed)
    return aug.apply(images, params), params


def describe(params, i):
    """A short title for image ``i``: the parameters of its draw that are not neutral (each record's words).

    ``params`` is the draw's info (an ``AugmentParams``); anything else (None from a custom
    draw) gives just ``#i``.

    Example:
        >>> describe([{**NEUTRAL, "theta": 12.3, "flip_horizontal": True}], 0)
        '#0: mirrored, rotate 12°'
        >>> describe([dict(NEUTRAL)], 0)
        '#0: unchanged'
    """
    if params is None or not hasattr(params, "__getitem__"):
        return f"#{i}"
    d = params[i]
    parts = [words for t in RECORDS for words in t.describe(d)]
    return f"#{i}: " + (", ".join(parts) if parts else tr("unchanged"))


class DrawControls(Controls):
    """Controls that augment one chosen image ``n`` times; see the module docstring.

    Subclasses define ``_option_widgets(initial)`` (their controls, before the image choice),
    ``spec(values)`` (the Augment arguments) and ``text(label, values, spec, info)``; they may
    override ``stretched(values)`` (True: the output is normalized, shown min-max stretched).
    """

    uploads = False          # offer "uploaded file" in the image choice

    def __init__(self, image=None, **kwargs):
        self._image_arg = image
        super().__init__(**kwargs)

    def _make_widgets(self, initial):
        widgets = self._option_widgets(initial)
        self.choice = ImageChoice(self._image_arg, upload=self.uploads)
        widgets.update(self.choice.widgets)
        return widgets

    def _option_widgets(self, initial):
        raise NotImplementedError

    @staticmethod
    def default_draw(images, spec, seed):
        return core_draw(images, spec, seed)

    def key(self, values):
        return super().key(self.choice.relevant(values))

    def spec(self, values):
        """The Augment arguments for these values."""
        raise NotImplementedError

    def stretched(self, values):
        return False

    def text(self, label, values, spec, info):
        """The text block under the grid ("show the parameters drawn")."""
        raise NotImplementedError

    def title_of(self, info, i):
        """The title of draw ``i`` from the draw's ``info`` (default: the core's parameters in words)."""
        return describe(info, i)

    def compute(self, values):
        image, label = self.choice.source(values)
        batch = np.repeat(image[None], values["n"], axis=0)
        spec = self.spec(values)
        out, info = self.draw(batch, spec, values["seed"])
        images = list(stretch(out)) if self.stretched(values) else [to_uint8(o) for o in out]
        factor = display_factor(image)
        images = [upscale(im, factor) for im in images]
        titles = [self.title_of(info, i) for i in range(len(images))]
        return Frame(images, titles, self.text(label, values, spec, info))
