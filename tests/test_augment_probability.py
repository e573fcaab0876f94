"""Per-transform probability and the record of what was applied: an image changes exactly when
``params.applied`` says its transform fired, for every transform and both shift axes."""

import numpy as np
import pytest

from augcourse.augment import NEUTRAL, Augment

ONLY = [
    ("horizontal_flip", {"horizontal_flip": True}),
    ("vertical_flip", {"vertical_flip": True}),
    ("rotation", {"rotation_range": 30}),
    ("shift", {"width_shift_range": 0.2}),
    ("shift", {"height_shift_range": 0.2}),
    ("shift", {"height_shift_range": 2}),
    ("zoom", {"zoom_range": 0.3}),
    ("shear", {"shear_range": 20}),
    ("brightness", {"brightness_range": (0.5, 1.5)}),
    ("channel_shift", {"channel_shift_range": 50}),
    ("channel_shift", {"channel_shift_range": 50, "channel_shift_per_channel": True}),
]
NOISE = np.random.default_rng(0).integers(20, 236, (1, 16, 16, 3)).astype(np.uint8)


@pytest.mark.parametrize("transform, options", ONLY, ids=[str(o) for _, o in ONLY])
def test_an_image_changes_exactly_when_its_transform_is_applied(transform, options):
    aug = Augment(**options, p={transform: 0.5})
    x = np.repeat(NOISE, 200, axis=0)
    params = aug.sample(len(x), x.shape[1:], seed=1)
    applied = params.applied[transform]
    assert 0.35 < applied.mean() < 0.65, applied.mean()
    changed = np.abs(aug.apply(x, params) - x).reshape(len(x), -1).max(axis=1) > 1e-3
    assert np.array_equal(changed, applied)
    others = {name: flags for name, flags in params.applied.items() if name != transform}
    assert not any(flags.any() for flags in others.values())


@pytest.mark.parametrize("transform, options", ONLY, ids=[str(o) for _, o in ONLY])
def test_probability_zero_draws_only_neutral_values(transform, options):
    params = Augment(**options, p={transform: 0.0}).sample(50, (16, 16, 3), seed=2)
    for field, neutral in NEUTRAL.items():
        assert np.all(getattr(params, field) == neutral), field


def test_both_shift_axes_share_one_probability_draw():
    params = Augment(width_shift_range=0.3, height_shift_range=0.3, p={"shift": 0.5}).sample(300, (16, 16, 1), seed=3)
    assert np.array_equal(params.tx == 0, params.ty == 0)
    assert np.array_equal(params.applied["shift"], params.tx != 0)
