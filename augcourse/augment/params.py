"""The per-image parameters one ``Augment.sample`` call drew: a plain, printable record.

Units: ``theta`` and ``shear`` in degrees; ``tx`` (horizontal, + moves content
left) and ``ty`` (vertical, + moves content up) in pixels; ``zx``/``zy`` are
zoom factors (below 1 enlarges); ``brightness`` is a factor; ``channel_shift``
has shape (N,) (one offset per image) or (N, C) (one per channel).

Example:
    >>> p = AugmentParams.identity(2, (32, 32, 3))
    >>> p[0]["theta"], p.matrices.shape
    (0.0, (2, 3, 3))
"""

import dataclasses

import numpy as np

from augcourse.augment.geometry import affine_matrices
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.options import FIELDS, NEUTRAL



@dataclasses.dataclass(frozen=True, eq=False)
class AugmentParams:
    """Per-image draws for a batch of N images of ``image_shape`` (H, W, C)."""

    image_shape: tuple
    theta: np.ndarray
    tx: np.ndarray
    ty: np.ndarray
    shear: np.ndarray
    zx: np.ndarray
    zy: np.ndarray
    flip_horizontal: np.ndarray
    flip_vertical: np.ndarray
    brightness: np.ndarray
    channel_shift: np.ndarray

    @classmethod
    def identity(cls, n, image_shape):
        """Parameters that leave N images unchanged."""
        return cls(tuple(image_shape), **{name: np.full(n, NEUTRAL[name]) for name in FIELDS})

    def __len__(self):
        return len(self.theta)

    def __getitem__(self, i):
        """The draws for image ``i`` as a dict of Python scalars (or a list per channel)."""
        def scalar(value):   # full precision (idg_equivalent relies on it); + 0.0 turns -0.0 into 0.0
            return value.tolist() if value.dtype == bool else (value + 0.0).tolist()
        return {name: scalar(getattr(self, name)[i]) for name in FIELDS}

    @property
    def applied(self):
        """Which transforms changed each image: transform name -> (N,) booleans.

        A transform that was skipped (its probability ``p``) or drew its neutral
        value (theta 0, zoom 1, ...) counts as not applied.
        """
        shift = np.asarray(self.channel_shift)
        return {
            "horizontal_flip": np.asarray(self.flip_horizontal, bool),
            "vertical_flip": np.asarray(self.flip_vertical, bool),
            "rotation": self.theta != 0,
            "shift": (self.tx != 0) | (self.ty != 0),
            "zoom": (self.zx != 1) | (self.zy != 1),
            "shear": self.shear != 0,
            "brightness": self.brightness != 1,
            "channel_shift": (shift != 0) if shift.ndim == 1 else (shift != 0).any(axis=1),
        }

    @property
    def matrices(self):
        """(N, 3, 3) float64 matrices mapping output (x, y, 1) to input pixel positions."""
        return affine_matrices(self, self.image_shape, NUMPY_OPS)

    def __repr__(self):
        head = f"AugmentParams: {len(self)} images of shape {self.image_shape}"
        columns = ["theta°", "tx px", "ty px", "shear°", "zx", "zy", "flipH", "flipV", "bright", "ch.shift"]
        rows = [" ".join(f"{c:>8}" for c in ["#"] + columns)]
        for i in range(min(len(self), 10)):
            d = self[i]
            shift = d["channel_shift"]
            shift = "/".join(_fmt(v, 0) for v in shift) if isinstance(shift, list) else _fmt(shift, 1)
            values = [_fmt(d["theta"], 1), _fmt(d["tx"], 1), _fmt(d["ty"], 1), _fmt(d["shear"], 1),
                      _fmt(d["zx"], 2), _fmt(d["zy"], 2), "yes" if d["flip_horizontal"] else "-",
                      "yes" if d["flip_vertical"] else "-", _fmt(d["brightness"], 2), shift]
            rows.append(" ".join(f"{v:>8}" for v in [str(i)] + values))
        if len(self) > 10:
            rows.append(f"... {len(self) - 10} more")
        return "\n".join([head] + rows)


def _fmt(value, digits):
    """Rounded, without a '-0.0'."""
    return f"{round(value, digits) + 0.0:.{digits}f}"
