"""What a transform record holds: ``Option`` (one constructor argument) and ``Transform`` (one transform).

A record is data plus small functions, not a class to subclass. The core reads it in four places:

- ``sampling`` calls ``draw(options, uniform, image_shape, ops)`` with ``uniform(*tail)``, the
  transform's own stream of U(0, 1) numbers of shape (N, *tail), and gates the result by the
  transform's probability (a first (N,) column of the same stream);
- ``geometry`` multiplies the ``matrix`` factors (3x3 nested lists of numbers or (N,) arrays, output
  to input positions) into one matrix per image; ``centred`` factors act about the image centre;
- ``pixels`` calls ``colour`` (the transform's term of the one fused ``clip((x + add) * mul)`` pass)
  or ``pixels`` (its own step on the batch, after the colour pass);
- the code writers, widgets and printouts call ``idg``, ``keras``, ``albumentations``, ``describe``
  and read ``options``' ``control``.

Example:
    >>> option = Option("rotation_range", 0.0, lambda v: float(v), "degrees", ("slider", 0, 180, 1))
    >>> option.name, option.default
    ('rotation_range', 0.0)
"""

import dataclasses
from typing import Callable, Optional


@dataclasses.dataclass(frozen=True)
class Option:
    """One constructor argument of ``Augment``.

    ``check(value)`` returns the validated value (or raises naming the option); ``control`` is the
    widget: ("slider", low, high, step[, format]), ("range", low, high, step), ("check",) or
    ("choice", values), shown with ``label`` (the option's name when None).
    """

    name: str
    default: object
    check: Callable
    doc: str
    control: Optional[tuple] = None
    label: Optional[str] = None


def _nothing(*args):
    return []


@dataclasses.dataclass(frozen=True)
class Transform:
    """One transform: its options, draws, parameters, maths hook and translations (see the module doc).

    Fields (parameters) are (N,) arrays, or (N, k) for a list per image; ``bulky`` ones (per pixel) are
    left out of printouts. ``is_on(options)``: the options switch it on (an off transform draws nothing).
    ``applied(fields)``: (N,) booleans, which images it changed. ``describe(d)``: words for one image's
    draw (d: field -> Python value). ``columns``: its column headers in ``AugmentParams``' printout,
    (header, format(d) -> str). ``idg(options, image_shape, kwargs, notes)`` fills ImageDataGenerator
    arguments; ``keras(options, image_shape, geometry, notes)`` returns Keras 3 layer source lines
    (``geometry``: the fill and interpolation arguments); ``albumentations(options, image_shape, notes)``
    returns [(kind, source)] with kind "affine" (a part of a shared ``A.Affine``) or "transform".
    """

    name: str
    title: str
    order: int
    options: tuple
    fields: dict
    is_on: Callable
    draw: Callable
    applied: Callable
    describe: Callable
    columns: tuple
    default_p: float = 1.0
    stage: str = "geometry"            # "geometry", "colour" or "pixels"
    matrix: Optional[Callable] = None  # geometry: matrix(fields, image_shape, ops) -> 3x3 entries
    centred: bool = True               # geometry: the factor acts about the image centre
    colour: Optional[Callable] = None  # colour: colour(fields, options) -> ("add" | "mul", value)
    pixels: Optional[Callable] = None  # pixels: pixels(x, fields, options, ops) -> x
    bulky: tuple = ()
    idg: Callable = _nothing
    keras: Callable = _nothing
    albumentations: Callable = _nothing


def symmetric(u, r):
    """U(0, 1) draws mapped to U(-r, r)."""
    return (2.0 * u - 1.0) * r


def fmt(value, digits):
    """``value`` rounded, without a '-0.0'."""
    return f"{round(value, digits) + 0.0:.{digits}f}"
