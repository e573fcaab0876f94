"""The Albumentations code the core writes (and the playground shows) runs, draws from the spec's ranges
with its fill mode, fires each transform with the spec's probability, and names what it cannot match."""

import math
import os
from collections import Counter

import numpy as np
import pytest

os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")        # no version check over the network
A = pytest.importorskip("albumentations")

from augcourse.augment import Augment  # noqa: E402


def build(aug, image_shape=None, seed=0):
    namespace = {}
    exec(aug.to_albumentations_code(image_shape=image_shape), namespace)   # noqa: S102 - runs as printed
    transform = namespace["transform"]
    return A.Compose(transform.transforms, seed=seed, save_applied_params=True)


def by_type(compose):
    return {type(t).__name__: t for t in compose.transforms}


def test_the_transforms_take_the_spec_ranges_fill_mode_and_interpolation():
    import cv2

    aug = Augment(rotation_range=36, width_shift_range=0.2, height_shift_range=0.1, zoom_range=(0.8, 1.25),
                  shear_range=30, horizontal_flip=True, vertical_flip=True, fill_mode="constant", cval=7,
                  interpolation="nearest", brightness_range=(0.7, 1.3), channel_shift_range=51)
    t = by_type(build(aug))
    affine = t["Affine"]
    assert affine.rotate == pytest.approx((-36, 36))
    assert affine.translate_percent == {"x": pytest.approx((-0.2, 0.2)), "y": pytest.approx((-0.1, 0.1))}
    assert affine.scale["x"] == pytest.approx((0.8, 1.25)) and affine.scale["y"] == pytest.approx((0.8, 1.25))
    lean = math.degrees(math.atan(math.sin(math.radians(30))))                       # IDG leans by sin(30°)
    assert affine.shear["x"] == pytest.approx((-lean, lean), abs=1e-3) and affine.shear["y"] == (0, 0)
    assert affine.border_mode == cv2.BORDER_CONSTANT and affine.fill == 7.0
    assert affine.interpolation == cv2.INTER_NEAREST
    assert t["MultiplicativeNoise"].multiplier == pytest.approx((0.7, 1.3))
    assert t["RandomBrightnessContrast"].brightness_limit == pytest.approx((-0.2, 0.2))
    assert {"HorizontalFlip", "VerticalFlip"} <= set(t)


@pytest.mark.parametrize("fill_mode, border", [("nearest", "BORDER_REPLICATE"), ("reflect", "BORDER_REFLECT"),
                                                ("wrap", "BORDER_WRAP")])
def test_each_fill_mode_has_its_border_mode_and_fills_like_the_core(fill_mode, border):
    import cv2

    aug = Augment(width_shift_range=0.25, fill_mode=fill_mode)
    generated = by_type(build(aug))["Affine"].border_mode
    assert generated == getattr(cv2, border)
    row = np.tile(np.arange(8, dtype=np.uint8)[None, :, None] * 30, (8, 1, 3))
    shift = A.Affine(translate_px={"x": 2, "y": 0}, border_mode=generated, p=1.0)
    moved = shift(image=row)["image"][0, :, 0]
    core = aug.apply(row[None], _params_with_shift(aug, row.shape, 2))[0, 0, :, 0]
    assert np.allclose(moved[:2], core[:2])                  # the two new pixels: filled the same way


def _params_with_shift(aug, shape, pixels):
    params = aug.sample(1, shape, seed=0)
    params.tx[:] = -pixels                                   # the core's tx moves content by -tx
    params.ty[:] = 0
    return params


def test_each_transform_fires_with_the_spec_probability():
    aug = Augment(rotation_range=20, brightness_range=(0.8, 1.2), horizontal_flip=True,
                  p={"rotation": 0.25, "brightness": 0.5})
    compose = build(aug, seed=3)
    image = np.full((16, 16, 3), 100, np.uint8)
    fired = Counter()
    for _ in range(2000):
        fired.update(name for name, _ in compose(image=image)["applied_transforms"])
    for name, p in [("Affine", 0.25), ("MultiplicativeNoise", 0.5), ("HorizontalFlip", 0.5)]:
        assert abs(fired[name] / 2000 - p) < 4.5 * math.sqrt(p * (1 - p) / 2000), (name, fired[name])


def test_geometry_with_different_probabilities_gets_one_affine_each():
    aug = Augment(rotation_range=10, zoom_range=0.1, shear_range=5, p={"rotation": 0.5})
    affines = [t for t in build(aug).transforms if type(t).__name__ == "Affine"]
    assert sorted(t.p for t in affines) == [0.5, 1.0]
    assert [t.rotate for t in affines if t.p == 0.5] == [pytest.approx((-10, 10))]


def test_the_compose_augments_a_seeded_batch_and_names_what_differs():
    aug = Augment(width_shift_range=8, shear_range=20, channel_shift_range=30, rescale=1 / 255)
    compose = build(aug, image_shape=(32, 64, 3))
    assert by_type(compose)["Affine"].translate_percent["x"] == pytest.approx((-0.125, 0.125))
    images = np.random.default_rng(0).integers(0, 256, (4, 32, 64, 3), dtype=np.uint8)
    out = np.stack([compose(image=im)["image"] for im in images])
    assert out.shape == images.shape and not np.array_equal(out, images)
    code = aug.to_albumentations_code()
    assert "8 / width" in code and "does not stretch the height" in code
    assert "clipped to 0..255 rather than to each image's own" in code and "normalization" in code
