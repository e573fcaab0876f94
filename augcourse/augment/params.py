"""The per-image parameters one ``Augment.sample`` call drew: a plain, printable record.

Its fields come from the transforms' records (``transforms.NEUTRAL`` lists them with their neutral
values). Units: ``theta`` and ``shear`` in degrees; ``tx`` (horizontal, + moves content left) and
``ty`` (vertical, + moves content up) in pixels; ``zx``/``zy`` are zoom factors (below 1 enlarges);
``corners`` the eight perspective offsets in pixels; ``brightness`` is a factor; ``channel_shift``
has shape (N,) (one offset per image) or (N, C) (one per channel); ``erase_*`` the erased rectangle
in pixels (``erase_noise``: its per-pixel noise, not printed).

Example:
    >>> p = AugmentParams.identity(2, (32, 32, 3))
    >>> p[0]["theta"], p.matrices.shape
    (0.0, (2, 3, 3))
"""

import numpy as np

from augcourse.augment.geometry import affine_matrices
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.sampling import neutral_fields
from augcourse.augment.transforms import BULKY, BY_NAME, FIELDS, RECORDS
from augcourse.language import tr


class AugmentParams:
    """Per-image draws for a batch of N images of ``image_shape`` (H, W, C).

    Each field (``params.theta``, ...) is an array whose first axis is the image; ``active`` names
    the transforms that were on when they were drawn (the others hold neutral values).
    """

    def __init__(self, image_shape, active=None, **fields):
        missing = sorted(set(FIELDS) - set(fields))
        if missing:
            raise TypeError(tr("AugmentParams needs every field; missing: {missing}", missing=", ".join(missing)))
        self.image_shape = tuple(image_shape)
        self.active = tuple(t.name for t in RECORDS) if active is None else tuple(active)
        self.fields = {name: np.asarray(fields[name]) for name in FIELDS}

    def __getattr__(self, name):
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    @classmethod
    def identity(cls, n, image_shape):
        """Parameters that leave N images unchanged."""
        fields = {}
        for transform in RECORDS:
            fields.update(neutral_fields(transform, n, NUMPY_OPS))
        return cls(image_shape, active=(), **fields)

    def replace(self, **fields):
        """A copy with some fields replaced (the transforms they belong to count as on).

        Example:
            >>> AugmentParams.identity(1, (8, 8, 3)).replace(theta=[90.0]).matrices[0, :2, :2].round(6).tolist()
            [[0.0, -1.0], [1.0, 0.0]]
        """
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise TypeError(tr("AugmentParams has no field {name!r}; its fields: {fields}", name=unknown[0],
                                 fields=", ".join(FIELDS)))
        changed = {t.name for t in RECORDS if set(t.fields) & set(fields)}
        active = [t.name for t in RECORDS if t.name in self.active or t.name in changed]
        return AugmentParams(self.image_shape, active, **{**self.fields, **fields})

    def __len__(self):
        return len(self.fields["theta"])

    def __getitem__(self, i):
        """The draws for image ``i`` as a dict of Python scalars (or a list per channel or corner)."""
        def scalar(value):   # full precision (idg_equivalent relies on it); + 0.0 turns -0.0 into 0.0
            return value.tolist() if value.dtype == bool else (value + 0.0).tolist()
        return {name: scalar(value[i]) for name, value in self.fields.items() if name not in BULKY}

    @property
    def applied(self):
        """Which transforms changed each image: transform name -> (N,) booleans.

        A transform that was skipped (its probability ``p``) or drew its neutral
        value (theta 0, zoom 1, ...) counts as not applied.
        """
        return {t.name: np.asarray(t.applied(self.fields), bool) for t in RECORDS}

    @property
    def matrices(self):
        """(N, 3, 3) float64 matrices mapping output (x, y, 1) to input pixel positions."""
        return affine_matrices(self, self.image_shape, NUMPY_OPS, self.active)

    def __repr__(self):
        shown = [t for t in RECORDS if t.name in self.active] or [BY_NAME["rotation"]]
        columns = [column for t in shown for column in t.columns]
        head = tr("AugmentParams: {count} images of shape {shape}", count=len(self), shape=self.image_shape)
        rows = [" ".join(f"{c:>8}" for c in ["#"] + [name for name, _ in columns])]
        for i in range(min(len(self), 10)):
            d = self[i]
            rows.append(" ".join(f"{v:>8}" for v in [str(i)] + [form(d) for _, form in columns]))
        if len(self) > 10:
            rows.append(tr("... {count} more", count=len(self) - 10))
        return "\n".join([head] + rows)
