"""Code generation: a spec as paste-ready source, for the core (``Augment(...)``) and for ImageDataGenerator.

Example:
    >>> from augcourse.augment.options import AugmentOptions
    >>> opts = AugmentOptions(width_shift_range=0.1, rescale=1 / 255, p={"shift": 0.5})
    >>> augment_code(opts)
    "Augment(width_shift_range=0.1, rescale=1 / 255, p={'shift': 0.5})"
    >>> print(idg_code(opts))
    ImageDataGenerator(height_shift_range=0.1, rescale=1 / 255)
    # IDG scales width_shift_range's fraction by the other side: the same shift on square images only (give image_shape for others)
    # IDG's height_shift_range moves along the axis the core calls width
    # IDG has no per-transform probability: every transform always applies, flips at 0.5
"""

from augcourse.augment.options import FILL, NORMALIZATION
from augcourse.augment.source import python_literal
from augcourse.language import tr

# The SciPy fill modes that make ImageDataGenerator fill as the core does.
SCIPY_FILL = {mode: names["scipy"] for mode, names in FILL.items()}


def augment_code(options):
    """``Augment(...)`` source for the options that differ from the defaults.

    Example:
        >>> from augcourse.augment.options import AugmentOptions
        >>> augment_code(AugmentOptions(width_shift_range=5.0, height_shift_range=5))
        'Augment(width_shift_range=5.0, height_shift_range=5)'
    """
    args = options.settings()
    return "Augment(" + ", ".join(f"{k}={literal(k, v)}" for k, v in args.items()) + ")"


SHIFTS = ("width_shift_range", "height_shift_range")


def literal(name, value):
    """``python_literal(value)``, except that a float shift of whole pixels keeps its ".0".

    An int shift n draws whole pixels (-n..n), a float one any shift in [-n, n] (the core and IDG alike):
    ``5.0`` written as ``5`` would paste as the other kind.

    Example:
        >>> literal("width_shift_range", 5.0), literal("width_shift_range", 5), literal("rotation_range", 5.0)
        ('5.0', '5', '5')
    """
    text = python_literal(value)
    if name in SHIFTS and isinstance(value, float) and text.lstrip("-").isdigit():
        return text + ".0"
    return text


def to_idg_kwargs(options, image_shape=None):
    """The closest ``ImageDataGenerator`` keyword arguments for a spec.

    IDG's ``height_shift_range`` moves horizontally but scales a fraction by the
    image's height (and ``width_shift_range`` vertically, by the width). With
    ``image_shape`` (H, W[, C]) a fractional shift is converted so that IDG
    shifts as many pixels as the core on that image, square or not; without it
    the fraction is passed on and a note says it holds for square images only. A converted fraction
    keeps 6 significant digits, as a person would write it.

    Example:
        >>> from augcourse.augment.options import AugmentOptions
        >>> to_idg_kwargs(AugmentOptions(width_shift_range=0.1), image_shape=(48, 80, 3))[0]
        {'height_shift_range': 0.166667}

    Returns:
        (kwargs, notes): a dict for ``ImageDataGenerator(**kwargs)`` and a list
        of sentences saying where IDG will still behave differently.
    """
    kwargs, notes = {}, []
    for transform in options.active:
        transform.idg(options, image_shape, kwargs, notes)
    settings = options.settings()
    for name in ("fill_mode", "cval", "interpolation", "rescale", *NORMALIZATION):
        if name not in settings:
            continue
        value = settings[name]
        if name == "interpolation":
            kwargs["interpolation_order"] = 0 if value == "nearest" else 1
        elif name == "fill_mode" and value in ("wrap", "constant"):
            kwargs[name] = SCIPY_FILL[value]
            notes.append(tr("{scipy!r} is the SciPy mode matching the core's {mode!r}", scipy=SCIPY_FILL[value],
                               mode=value))
        else:
            kwargs[name] = value
    if "p" in settings:
        notes.append(tr("IDG has no per-transform probability: every transform always applies, flips at 0.5"))
    return kwargs, notes


def idg_code(options, image_shape=None):
    """The closest ``ImageDataGenerator(...)`` source for a spec, with a comment line per difference."""
    kwargs, notes = to_idg_kwargs(options, image_shape)
    args = ", ".join(f"{k}={literal(k, v)}" for k, v in kwargs.items())
    return "\n".join([f"ImageDataGenerator({args})"] + [f"# {note}" for note in notes])
