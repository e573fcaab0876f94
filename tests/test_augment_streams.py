"""The one reused generator of ``sampling.sample_fields`` gives exactly the numbers of ``sampling.streams``."""

import threading

import numpy as np
import pytest

from augcourse.augment import Augment, sampling
from augcourse.augment.ops import NUMPY_OPS
from augcourse.augment.transforms import TRANSFORMS

SEEDS = [0, 1, 2**32 - 1, 2**32, 2**63 - 1, [0], [1, 2], [2**40, 7, 2**62], [3, 4, 5, 6, 7], [2**63 - 1] * 5,
         *np.random.default_rng(0).integers(0, 2**63 - 1, 20).tolist()]


@pytest.mark.parametrize("seed", SEEDS, ids=str)
def test_streams_are_substreams_of_one_root_keyed_by_name(seed):
    names = list(TRANSFORMS) + ["", "x" * 40]
    generators = sampling.streams(seed, names)
    for name in names:
        expected = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)).advance(
            sampling.stream_key(name) << 64)).random(5)
        assert np.array_equal(generators[name].random(5), expected), name
    assert len({tuple(g.random(3)) for g in sampling.streams(seed, TRANSFORMS).values()}) == len(TRANSFORMS)


def _reference_fields(options, n, image_shape, seed):
    """sample_fields the readable way: a fresh Generator per transform from ``streams``."""
    generators = sampling.streams(seed, [t.name for t in options.active])

    def stream(transform):
        return lambda *tail: generators[transform.name].random((n,) + tail)

    return sampling.transform_fields(options, n, image_shape, NUMPY_OPS, stream)


SPECS = [dict(rotation_range=20, width_shift_range=0.1, height_shift_range=3, zoom_range=0.2, shear_range=10,
              brightness_range=(0.7, 1.3), channel_shift_range=30, horizontal_flip=True),
         dict(vertical_flip=True, perspective_range=0.2, channel_shift_range=10, channel_shift_per_channel=True,
              erasing_area=(0.02, 0.2), erasing_fill="noise", p={"rotation": 0.5, "perspective": 0.3}),
         dict()]


@pytest.mark.parametrize("spec", range(len(SPECS)))
@pytest.mark.parametrize("seed", [0, 12345, [3, 4], 2**63 - 1])
def test_sample_fields_draw_what_the_readable_streams_draw(spec, seed):
    aug = Augment(**SPECS[spec])
    fast = sampling.sample_fields(aug, 9, (12, 10, 3), seed)
    slow = _reference_fields(aug, 9, (12, 10, 3), seed)
    assert list(fast) == list(slow)
    for name in slow:
        assert fast[name].dtype == slow[name].dtype and np.array_equal(fast[name], slow[name]), name


def test_threads_sampling_at_once_draw_what_one_thread_draws():
    aug = Augment(**SPECS[0])
    expected = {seed: aug.sample(64, (8, 8, 3), seed=seed).fields for seed in range(40)}
    found, errors = {}, []

    def work(seeds):
        try:
            for _ in range(5):
                for seed in seeds:
                    found[seed] = aug.sample(64, (8, 8, 3), seed=seed).fields
        except Exception as error:          # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(range(i, 40, 4),)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(np.array_equal(found[s][k], expected[s][k]) for s in expected for k in expected[s])
