"""Sampling: each transform draws from its own random stream, then its probability gates the draw.

The stream of transform ``t`` is PCG64 seeded with ``SeedSequence(seed)`` and advanced by
``crc32(t.name) * 2**64`` steps: a substream of its own that depends on the seed and the
transform's name only, so adding a transform, or switching one on or off, or changing its
probability, leaves every other transform's draws unchanged (two substreams would meet only after
2**64 draws). A transform that is off draws nothing; its fields keep their neutral values. Each
stream gives first an (N,) column for the probability gate, then what the record's ``draw`` asks
for. ``gated_fields`` is written against the ``ops`` protocol, so NumPy (``Augment.sample``) and
the Keras layer (its own ``SeedGenerator`` per transform) share it. ``streams`` builds the
generators the readable way; ``sample_fields`` gets the same numbers from one reused generator
per thread (building a generator per transform cost more than all the draws of a batch).

Example:
    >>> from augcourse.augment.options import AugmentOptions
    >>> fields = sample_fields(AugmentOptions(rotation_range=20), 2, (8, 8, 3), seed=0)
    >>> [round(float(v), 3) for v in fields["theta"]], fields["zx"].tolist()
    ([10.343, 7.433], [1.0, 1.0])
"""

import functools
import threading
import zlib

import numpy as np

from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.transforms import RECORDS


@functools.lru_cache(maxsize=None)
def stream_key(name):
    """The spawn key that makes transform ``name``'s stream its own (a CRC-32 of the name)."""
    return zlib.crc32(name.encode())


def streams(seed, names):
    """A ``numpy.random.Generator`` per transform name, from ``seed`` (None: fresh entropy, one for all)."""
    root = np.random.SeedSequence(seed)
    return {name: np.random.Generator(np.random.PCG64(root).advance(stream_key(name) << 64)) for name in names}


_THREAD = threading.local()


def _generator():
    """This thread's reusable ``Generator`` (tf.data maps call ``sample`` from several threads)."""
    generator = getattr(_THREAD, "generator", None)
    if generator is None:
        generator = _THREAD.generator = np.random.Generator(np.random.PCG64(0))
    return generator


def neutral(value, n, ops):
    """A field's neutral ``value`` for ``n`` images: shape (n,) or, for a tuple, (n, len(value))."""
    return ops.full((n,) + np.shape(value), value)


def neutral_fields(transform, n, ops):
    """A transform's fields at their neutral values, for ``n`` images."""
    return {field: neutral(value, n, ops) for field, value in transform.fields.items()}


_MISSING = object()          # a field the draw left out


def gated_fields(transform, options, uniform, n, image_shape, ops):
    """One transform's fields for ``n`` images: its draw where its probability gate lets it through.

    Args:
        uniform: ``uniform(*tail)`` -> U(0, 1) numbers of shape (n, *tail) from the transform's stream.
    """
    p = options.p[transform.name]
    gate = uniform() < p                       # drawn whatever p is: the stream stays the same
    drawn = transform.draw(options, uniform, image_shape, ops)
    fields = {}
    for field, rest in transform.fields.items():
        value = drawn.get(field, _MISSING)
        if value is _MISSING:                  # not drawn: the neutral value
            fields[field] = neutral(rest, n, ops)
        elif value is None:                    # the gate is the parameter (a flip)
            fields[field] = gate
        elif p >= 1:                           # always applied: the draw itself
            fields[field] = value
        else:
            rank = len(value.shape)
            mask = ops.reshape(gate, (-1,) + (1,) * (rank - 1)) if rank > 1 else gate
            fields[field] = ops.where(mask, value, rest if not isinstance(rest, tuple) else neutral(rest, n, ops))
    return fields


def transform_fields(options, n, image_shape, ops, stream, active=None):
    """Every field for ``n`` images of ``image_shape`` (H, W, C): a dict of arrays (or tensors).

    ``stream(transform)`` gives ``uniform(*tail)``, the transform's own stream; it is asked only for the
    transforms that are on (``active``: ``options.active`` when already at hand).
    """
    on = {t.name for t in (options.active if active is None else active)}
    fields = {}
    for transform in RECORDS:
        if transform.name in on:
            fields.update(gated_fields(transform, options, stream(transform), n, image_shape, ops))
        else:
            fields.update(neutral_fields(transform, n, ops))
    return fields


def sample_fields(options, n, image_shape, seed, active=None):
    """``transform_fields`` with NumPy streams: ``streams``' generators, as one reused ``Generator`` per
    thread whose state is set to the root's and advanced to each transform's substream."""
    rng = _generator()
    bit_generator = rng.bit_generator
    root = []                                  # the root state, made once, when a transform first asks

    def stream(transform):
        if not root:
            root.append(np.random.PCG64(np.random.SeedSequence(seed)).state)
        bit_generator.state = root[0]
        bit_generator.advance(stream_key(transform.name) << 64)
        return lambda *tail: rng.random((n,) + tail)

    return transform_fields(options, n, image_shape, NUMPY_OPS, stream, active)
