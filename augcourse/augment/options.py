"""Augment's options: the transforms' options (from their records) and the shared ones, checked once.

``AugmentOptions`` holds a validated set of ImageDataGenerator-style options (and the featurewise
statistics ``fit`` computes). It is what the lower modules read (sampling, pixels, the Keras
backend, the layer); ``Augment`` in ``spec`` adds the behaviour. Each transform's options come
from its record (``transforms``); the options here are shared by all of them: the fill and
interpolation of the one warp, the normalization, and ``p``.

Example:
    >>> TRANSFORMS[:2], DEFAULT_P["horizontal_flip"], NEUTRAL["zx"]
    (('horizontal_flip', 'vertical_flip'), 0.5, 1.0)
    >>> AugmentOptions(rotation_range=20, p={"rotation": 0.5}).settings()
    {'rotation_range': 20.0, 'p': {'rotation': 0.5}}
"""

import inspect

from augcourse._checks import PIXEL_LIMIT, check_choice, check_number, fail
from augcourse.augment.transforms import DEFAULT_P, NEUTRAL, OPTIONS, RECORDS, TRANSFORMS  # noqa: F401 - re-exported
from augcourse.augment.transforms.checks import check_bool
from augcourse.language import tr

# Each fill mode, as the one table every door and code writer reads: the OpenCV border (the NumPy
# warp, Albumentations), the SciPy mode that makes ImageDataGenerator fill as the core does, and the
# keras.ops.image.map_coordinates mode (the layer; keras_backend folds "reflect" positions itself).
#   nearest  aaaa|abcd|dddd   reflect  dcba|abcd|dcba   wrap  abcd|abcd|abcd   constant  kkkk|abcd|kkkk
FILL = {
    "nearest": {"opencv": "BORDER_REPLICATE", "scipy": "nearest", "keras": "nearest"},
    "reflect": {"opencv": "BORDER_REFLECT", "scipy": "reflect", "keras": "reflect"},
    "wrap": {"opencv": "BORDER_WRAP", "scipy": "grid-wrap", "keras": "wrap"},
    "constant": {"opencv": "BORDER_CONSTANT", "scipy": "grid-constant", "keras": "constant"},
}
FILL_MODES = tuple(FILL)
INTERPOLATIONS = ("bilinear", "nearest")
NORMALIZATION = ("featurewise_center", "featurewise_std_normalization", "samplewise_center",
                 "samplewise_std_normalization")
FITTED = ("mean", "std")          # set by Augment.fit, not constructor arguments


def _check_rescale(value):
    if value is not None and check_number("rescale", value, low=-PIXEL_LIMIT, high=PIXEL_LIMIT) == 0:
        fail("rescale", value, tr("None or a non-zero number such as 1/255"))
    return value


def _check_p(p):
    if p is None:
        return dict(DEFAULT_P)
    if not isinstance(p, dict):
        fail("p", p, tr("None or a dict such as {'rotation': 0.5}"), TypeError)
    probabilities = dict(DEFAULT_P)
    for name, value in p.items():
        check_choice(tr("p key"), name, TRANSFORMS)
        probabilities[name] = check_number(f"p[{name!r}]", value, low=0, high=1)
    return probabilities


# The shared options: name -> (default, check).
SHARED = {
    "fill_mode": ("nearest", lambda v: check_choice("fill_mode", v, FILL_MODES)),
    "cval": (0.0, lambda v: check_number("cval", v, low=-PIXEL_LIMIT, high=PIXEL_LIMIT)),
    "interpolation": ("bilinear", lambda v: check_choice("interpolation", v, INTERPOLATIONS)),
    "rescale": (None, _check_rescale),
    **{name: (False, lambda v, name=name: check_bool(name, v)) for name in NORMALIZATION},
    "p": (None, _check_p),
}
# Every constructor argument and its default, in the order of the signature.
DEFAULTS = {**{name: option.default for name, option in OPTIONS.items()},
            **{name: default for name, (default, _) in SHARED.items()}}
CHECKS = {**{name: option.check for name, option in OPTIONS.items()},
          **{name: check for name, (_, check) in SHARED.items()}}

# The defaults as the checks return them (zoom_range 0.0 is (1.0, 1.0)): what settings() compares with.
CHECKED_DEFAULTS = {name: CHECKS[name](default) for name, default in DEFAULTS.items() if name != "p"}


class AugmentOptions:
    """A validated set of augmentation options (see ``Augment`` for what each one means).

    Every argument is checked here, so a typo or an impossible value fails at
    construction with the parameter's name, the value received and what is allowed.
    ``mean`` and ``std`` ((C,) float32 or None) are the featurewise statistics.
    """

    def __init__(self, **options):
        unknown = sorted(set(options) - set(DEFAULTS))
        if unknown:
            fail(tr("an option name"), unknown[0], tr("one of {names}", names=", ".join(DEFAULTS)), TypeError)
        for name, default in DEFAULTS.items():
            setattr(self, name, CHECKS[name](options.get(name, default)))
        self.mean = self.std = None

    __init__.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default)
           for name, default in DEFAULTS.items()])

    @property
    def featurewise(self):
        """True when an option needs the statistics of ``fit``."""
        return self.featurewise_center or self.featurewise_std_normalization

    @property
    def active(self):
        """The transforms these options switch on (records, in order): the others draw nothing."""
        return tuple(t for t in RECORDS if t.is_on(self))

    def settings(self):
        """The constructor arguments that differ from the defaults, by name (``p``: the changed ones)."""
        out = {name: getattr(self, name) for name, default in CHECKED_DEFAULTS.items()
               if getattr(self, name) != default}
        changed = {name: value for name, value in self.p.items() if value != DEFAULT_P[name]}
        return {**out, "p": changed} if changed else out
