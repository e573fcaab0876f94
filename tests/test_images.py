"""The sample photo and loading a learner's own image file."""

import numpy as np
import pytest
from PIL import Image

from augcourse.images import load_image, sample_image


def test_sample_image_is_the_full_photo():
    image = sample_image()
    assert image.shape == (600, 512, 3) and image.dtype == np.uint8
    assert 50 < image.mean() < 200


def test_sample_image_resizes():
    assert sample_image(size=(120, 100)).shape == (120, 100, 3)


def test_grayscale_file_becomes_rgb_or_stays_one_channel(tmp_path):
    path = tmp_path / "gray.png"
    Image.fromarray(np.arange(64, dtype=np.uint8).reshape(8, 8)).save(path)
    rgb = load_image(path)
    assert rgb.shape == (8, 8, 3)
    np.testing.assert_array_equal(rgb[..., 0], rgb[..., 2])
    assert load_image(path, mode="grayscale").shape == (8, 8, 1)


def test_rgba_is_composited_over_white(tmp_path):
    rgba = np.zeros((4, 4, 4), dtype=np.uint8)
    rgba[:2, :, :] = (255, 0, 0, 255)   # opaque red top half, transparent bottom half
    path = tmp_path / "rgba.png"
    Image.fromarray(rgba, "RGBA").save(path)
    image = load_image(path)
    assert image.shape == (4, 4, 3)
    assert tuple(image[0, 0]) == (255, 0, 0) and tuple(image[3, 3]) == (255, 255, 255)


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no file at path=.*missing.jpg"):
        load_image(tmp_path / "missing.jpg")


def test_non_image_file_is_explained(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("not an image")
    with pytest.raises(ValueError, match="is not an image file"):
        load_image(path)


@pytest.mark.parametrize("size", [(0, 10), (10,), "big", (10.5, 3)])
def test_bad_size_is_rejected(size):
    with pytest.raises(ValueError, match="size must be None or a \\(height, width\\) pair"):
        sample_image(size=size)


def test_bad_mode_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="mode must be one of 'rgb', 'grayscale'; got 'cmyk'"):
        load_image(tmp_path / "x.png", mode="cmyk")


def test_square_sample_keeps_the_top_of_the_photo():
    full, square = sample_image(), sample_image(square=True)
    assert square.shape == (512, 512, 3)
    np.testing.assert_array_equal(square, full[:512])
    assert sample_image(size=(64, 64), square=True).shape == (64, 64, 3)
