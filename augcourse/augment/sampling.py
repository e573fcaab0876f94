"""Sampling: each transform draws from its own random stream, then its probability gates the draw.

The stream of transform ``t`` is a ``numpy.random.Generator`` seeded with
``SeedSequence(seed, spawn_key=(crc32(t.name),))``: it depends on the seed and the transform's
name only, so adding a transform, or switching one on or off, or changing its probability, leaves
every other transform's draws unchanged. A transform that is off draws nothing; its fields keep
their neutral values. Each stream gives first an (N,) column for the probability gate, then what
the record's ``draw`` asks for. ``gated_fields`` is written against the ``ops`` protocol, so NumPy
(``Augment.sample``) and the Keras layer (its own ``SeedGenerator`` per transform) share it.

Example:
    >>> from augcourse.augment.options import AugmentOptions
    >>> fields = sample_fields(AugmentOptions(rotation_range=20), 2, (8, 8, 3), seed=0)
    >>> [round(float(v), 3) for v in fields["theta"]], fields["zx"].tolist()
    ([-16.736, 3.677], [1.0, 1.0])
"""

import zlib

import numpy as np

from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.transforms import RECORDS


def stream_key(name):
    """The spawn key that makes transform ``name``'s stream its own (a CRC-32 of the name)."""
    return zlib.crc32(name.encode())


def streams(seed, names):
    """A ``numpy.random.Generator`` per transform name, from ``seed`` (None: fresh entropy)."""
    root = np.random.SeedSequence(seed)
    return {name: np.random.default_rng(np.random.SeedSequence(root.entropy, spawn_key=(stream_key(name),)))
            for name in names}


def neutral_fields(transform, n, ops):
    """A transform's fields at their neutral values, for ``n`` images."""
    return {field: ops.full((n,) + np.shape(neutral), neutral) for field, neutral in transform.fields.items()}


def gated_fields(transform, options, uniform, n, image_shape, ops):
    """One transform's fields for ``n`` images: its draw where its probability gate lets it through.

    Args:
        uniform: ``uniform(*tail)`` -> U(0, 1) numbers of shape (n, *tail) from the transform's stream.
    """
    gate = uniform() < options.p[transform.name]
    drawn = transform.draw(options, uniform, image_shape, ops)
    fields = neutral_fields(transform, n, ops)
    for field, neutral in transform.fields.items():
        if field not in drawn:
            continue
        value = drawn[field]
        if value is None:                      # the gate is the parameter (a flip)
            fields[field] = gate
            continue
        rank = len(value.shape)
        mask = ops.reshape(gate, (-1,) + (1,) * (rank - 1)) if rank > 1 else gate
        fields[field] = ops.where(mask, value, neutral if np.ndim(neutral) == 0 else fields[field])
    return fields


def sample_fields(options, n, image_shape, seed):
    """Every field for ``n`` images of ``image_shape`` (H, W, C): a dict of NumPy arrays."""
    active = {t.name for t in options.active}
    generators = streams(seed, sorted(active))
    fields = {}
    for transform in RECORDS:
        if transform.name in active:
            rng = generators[transform.name]
            fields.update(gated_fields(transform, options, lambda *tail, rng=rng: rng.random((n,) + tail),
                                       n, image_shape, NUMPY_OPS))
        else:
            fields.update(neutral_fields(transform, n, NUMPY_OPS))
    return fields
