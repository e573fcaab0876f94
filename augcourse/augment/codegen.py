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

from augcourse.augment.options import DEFAULT_P

# The SciPy fill modes that make ImageDataGenerator fill as the core does.
SCIPY_FILL = {"nearest": "nearest", "reflect": "reflect", "wrap": "grid-wrap", "constant": "grid-constant"}


def python_literal(value):
    """Short Python source for a setting: 0.1 not 0.1000000001, tuples, lists and dicts inside.

    Example:
        >>> python_literal((0.1, 1 / 255)), python_literal({"rotation": 0.5})
        ('(0.1, 1 / 255)', "{'rotation': 0.5}")
    """
    if isinstance(value, float):
        short = f"{value:g}"
        if float(short) == value:
            return short
        inverse = round(1 / value) if value else 0
        return f"1 / {inverse}" if inverse and 1 / inverse == value else repr(value)
    if isinstance(value, (tuple, list)):
        inner = ", ".join(python_literal(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {python_literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def augment_code(options):
    """``Augment(...)`` source for the options that differ from the defaults."""
    args = options.settings()
    if "p" in args:
        args["p"] = {k: v for k, v in options.p.items() if v != DEFAULT_P[k]}
    return "Augment(" + ", ".join(f"{k}={python_literal(v)}" for k, v in args.items()) + ")"


def to_idg_kwargs(options, image_shape=None):
    """The closest ``ImageDataGenerator`` keyword arguments for a spec.

    IDG's ``height_shift_range`` moves horizontally but scales a fraction by the
    image's height (and ``width_shift_range`` vertically, by the width). With
    ``image_shape`` (H, W[, C]) a fractional shift is converted so that IDG
    shifts as many pixels as the core on that image, square or not; without it
    the fraction is passed on and a note says it holds for square images only.

    Example:
        >>> from augcourse.augment.options import AugmentOptions
        >>> to_idg_kwargs(AugmentOptions(width_shift_range=0.1), image_shape=(48, 80, 3))[0]
        {'height_shift_range': 0.16666666666666666}

    Returns:
        (kwargs, notes): a dict for ``ImageDataGenerator(**kwargs)`` and a list
        of sentences saying where IDG will still behave differently.
    """
    kwargs, notes = {}, []
    swap = {"width_shift_range": "height_shift_range", "height_shift_range": "width_shift_range"}
    for name, value in options.settings().items():
        if name == "p":
            notes.append("IDG has no per-transform probability: every transform always applies, flips at 0.5")
        elif name == "channel_shift_per_channel":
            notes.append("IDG's channel shift is one offset for all channels")
        elif name == "interpolation":
            kwargs["interpolation_order"] = 0 if value == "nearest" else 1
        elif name in swap:
            kwargs[swap[name]] = _idg_shift(name, value, image_shape, notes)
            notes.append(f"IDG's {swap[name]} moves along the axis the core calls {name.split('_')[0]}")
            if isinstance(value, int):
                notes.append("an int shift range means -(n-1)..n-1 px in IDG, -n..n px in the core")
        elif name == "zoom_range":
            kwargs[name] = [value[0], value[1]]
        elif name == "brightness_range":
            kwargs[name] = (value[0], value[1])
            notes.append("IDG's brightness needs 0-255 input (it goes through uint8)")
        elif name == "fill_mode" and value in ("wrap", "constant"):
            kwargs[name] = SCIPY_FILL[value]
            notes.append(f"{SCIPY_FILL[value]!r} is the SciPy mode matching the core's {value!r}")
        else:
            kwargs[name] = value
    return kwargs, notes


def _idg_shift(name, value, image_shape, notes):
    """The IDG value that shifts as far as the core's fractional ``value`` of axis ``name``."""
    if isinstance(value, int) or value >= 1:
        return value                                   # pixels mean pixels in both
    if image_shape is None:
        notes.append(f"IDG scales {name}'s fraction by the other side: the same shift on square images "
                     "only (give image_shape for others)")
        return value
    h, w = image_shape[0], image_shape[1]
    moved, scaled_by = (w, h) if name == "width_shift_range" else (h, w)
    fraction = value * moved / scaled_by
    return fraction if fraction < 1 else value * moved     # IDG reads values >= 1 as pixels


def shift_fraction(value, image_shape, axis, notes):
    """A core shift setting as the fraction of image side ``axis`` (0 height, 1 width) that Keras and
    Albumentations take: a number, or for pixels without ``image_shape`` the text "5 / height" (and a note).

    Example:
        >>> shift_fraction(0.1, None, 0, []), shift_fraction(8, (32, 64, 3), 1, []), shift_fraction(5, None, 0, [])
        (0.1, 0.125, '5 / height')
    """
    if not value or value < 1:
        return value or 0
    side = "height" if axis == 0 else "width"
    if image_shape is None:
        notes.append(f"a shift of {value} pixels needs the image size to become a fraction: {value} / {side}")
        return f"{value} / {side}"
    return round(value / image_shape[axis], 6)


def idg_code(options, image_shape=None):
    """The closest ``ImageDataGenerator(...)`` source for a spec, with a comment line per difference."""
    kwargs, notes = to_idg_kwargs(options, image_shape)
    args = ", ".join(f"{k}={python_literal(v)}" for k, v in kwargs.items())
    return "\n".join([f"ImageDataGenerator({args})"] + [f"# {note}" for note in notes])
