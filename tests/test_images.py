"""The sample photo and loading a learner's own image file."""

import io

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
    with pytest.raises(ValueError, match="mode must be one of 'rgb', 'grayscale', 'rgba'; got 'cmyk'"):
        load_image(tmp_path / "x.png", mode="cmyk")


def test_square_sample_keeps_the_top_of_the_photo():
    full, square = sample_image(), sample_image(square=True)
    assert square.shape == (512, 512, 3)
    np.testing.assert_array_equal(square, full[:512])
    assert sample_image(size=(64, 64), square=True).shape == (64, 64, 3)


def _png(tmp_path, width, height):
    """A PNG file of a horizontal ramp (so a resize or a flip would show), its path and bytes."""
    ramp = np.tile(np.linspace(0, 255, width, dtype=np.uint8), (height, 1))
    path = tmp_path / f"ramp_{width}x{height}.png"
    Image.fromarray(np.stack([ramp] * 3, axis=-1)).save(path)
    return path, path.read_bytes()


def test_a_path_and_a_binary_file_object_give_the_same_image(tmp_path):
    path, data = _png(tmp_path, 30, 20)
    from_path = load_image(path)
    assert from_path.shape == (20, 30, 3) and from_path.dtype == np.uint8
    np.testing.assert_array_equal(load_image(str(path)), from_path)
    np.testing.assert_array_equal(load_image(io.BytesIO(data)), from_path)
    with open(path, "rb") as handle:
        np.testing.assert_array_equal(load_image(handle), from_path)
        assert not handle.closed                  # the caller's file stays the caller's to close
    np.testing.assert_array_equal(load_image(io.BytesIO(data), mode="grayscale")[..., 0], from_path[..., 0])


def test_max_side_shrinks_the_longest_side_and_keeps_the_aspect(tmp_path):
    wide, data = _png(tmp_path, 300, 150)
    assert load_image(wide, max_side=100).shape == (50, 100, 3)
    assert load_image(io.BytesIO(data), max_side=100).shape == (50, 100, 3)
    tall, _ = _png(tmp_path, 40, 200)
    assert load_image(tall, max_side=50).shape == (50, 10, 3)
    small, _ = _png(tmp_path, 30, 20)
    np.testing.assert_array_equal(load_image(small, max_side=256), load_image(small))   # never enlarged
    assert load_image(wide, max_side=1).shape == (1, 1, 3)                              # a side stays >= 1


def test_a_file_object_that_is_not_an_image_is_explained():
    with pytest.raises(ValueError, match=r"load_image: the file object is not an image file PIL can read"):
        load_image(io.BytesIO(b"not an image"))


@pytest.mark.parametrize("kwargs, error, match", [
    ({"max_side": 0}, ValueError, r"max_side must be an integer >= 1; got 0"),
    ({"max_side": 2.5}, TypeError, r"max_side must be an integer; got 2.5"),
    ({"max_side": 64, "size": (32, 32)}, ValueError, r"max_side must be None when size is given"),
])
def test_bad_max_side_is_rejected(tmp_path, kwargs, error, match):
    path, _ = _png(tmp_path, 30, 20)
    with pytest.raises(error, match=match):
        load_image(path, **kwargs)


# -- learners' own files: orientation, deep tones, damaged files -------------------------------------
def _halves(width=40, height=20):
    """Left half red, right half blue: (height, width, 3) uint8."""
    image = np.zeros((height, width, 3), np.uint8)
    image[:, : width // 2, 0] = 255
    image[:, width // 2:, 2] = 255
    return image


def test_a_phone_photo_loads_as_the_viewer_shows_it(tmp_path):
    """EXIF orientation 6: the viewer turns the stored picture 90 degrees clockwise."""
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    Image.fromarray(_halves()).save(path, exif=exif, quality=95)
    image = load_image(path)
    assert image.shape == (40, 20, 3)                         # stored 40 wide x 20 tall, shown upright
    top, bottom = image[:15].mean(axis=(0, 1)), image[-15:].mean(axis=(0, 1))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]   # the left (red) side is on top


def _png16_rgb(path, values):
    """Write (H, W, 3) uint16 ``values`` as a 16-bit RGB PNG (PIL cannot write this kind)."""
    import struct
    import zlib

    height, width, _ = values.shape

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + row.astype(">u2").tobytes() for row in values)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


RAMP = np.linspace(0, 255, 256)


def test_a_16_bit_grey_ramp_keeps_its_tones(tmp_path):
    path = tmp_path / "ramp16.png"
    Image.fromarray(np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (4, 1))).save(path)
    with Image.open(path) as saved:
        assert saved.mode == "I;16"
    image = load_image(path, mode="grayscale")
    assert np.abs(image[0, :, 0].astype(float) - RAMP).max() <= 1
    assert (image == 255).mean() < 0.01                    # was 98 % white when clipped
    assert np.array_equal(load_image(path)[..., 0], image[..., 0])


def test_a_16_bit_rgb_png_keeps_its_tones(tmp_path):
    values = np.zeros((4, 256, 3), np.uint16)
    values[..., 1] = np.linspace(0, 65535, 256).astype(np.uint16)
    image = load_image(_png16_rgb(tmp_path / "ramp16rgb.png", values))
    assert np.abs(image[0, :, 1].astype(float) - RAMP).max() <= 1 and image[..., [0, 2]].max() == 0


@pytest.mark.parametrize("low, high, expected", [
    (0.0, 1.0, RAMP), (-1.0, 3.0, RAMP), (0.25, 0.25, 0 * RAMP + 64), (5.0, 5.0, 0 * RAMP + 5),
    (2.0, 200.0, np.linspace(2, 200, 256)), (300.0, 300.0, 0 * RAMP)])
def test_a_float_tiff_is_scaled_not_clipped(tmp_path, low, high, expected):
    """[0, 1] floats times 255; others within [0, 255] kept; any other range stretched from min to max."""
    path = tmp_path / "float.tif"
    Image.fromarray(np.tile(np.linspace(low, high, 256).astype(np.float32), (4, 1))).save(path)
    with Image.open(path) as saved:
        assert saved.mode == "F"
    image = load_image(path, mode="grayscale")
    assert np.abs(image[0, :, 0].astype(float) - expected).max() <= 1


def _cut_png(tmp_path):
    path = tmp_path / "cut.png"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (64, 64, 3), np.uint8)).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_a_truncated_file_names_itself(tmp_path):
    path = _cut_png(tmp_path)
    with pytest.raises(ValueError, match=rf"load_image: path='{path}' is truncated or damaged \(.*\); try saving"):
        load_image(path)
    data = path.read_bytes()
    with pytest.raises(ValueError, match=r"^load_image: the file object is truncated or damaged") as info:
        load_image(io.BytesIO(data))
    assert "BytesIO" not in str(info.value) and info.value.__cause__ is None
    with pytest.raises(ValueError, match=r"^load_image: the uploaded file 'cut.png' is truncated"):
        load_image(io.BytesIO(data), name="the uploaded file 'cut.png'")
    path.write_bytes(data[:20])                            # only the signature and a bit of the header
    with pytest.raises(ValueError, match=r"is truncated or damaged \(.*\); try saving it again"):
        load_image(path)


@pytest.mark.parametrize("source", [None, 42, np.zeros((8, 8, 3), np.uint8)])
def test_a_source_that_is_no_file_says_what_is_expected(source):
    with pytest.raises(TypeError, match=r"^load_image: source must be a path \(str or pathlib.Path\) to an "
                                        r"image file, or a binary file object .*; got "):
        load_image(source)


def test_an_array_gets_the_tones_its_file_would(tmp_path):
    """``tones_to_uint8`` is the conversion ``load_image`` uses: a 16-bit or float array reads as its file does."""
    from augcourse.images import tones_to_uint8

    ramp16 = np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (4, 1))
    Image.fromarray(ramp16).save(tmp_path / "ramp16.png")
    ramp_f = np.tile(np.linspace(-1, 3, 256).astype(np.float32), (4, 1))
    Image.fromarray(ramp_f).save(tmp_path / "ramp.tif")
    for values, name in ((ramp16, "ramp16.png"), (ramp_f, "ramp.tif")):
        assert np.array_equal(tones_to_uint8(values), load_image(tmp_path / name, mode="grayscale")[..., 0])
    with pytest.raises(ValueError, match=r"^pixels must be an array of finite tones .*; got 'an array with 1 NaN"):
        tones_to_uint8(np.array([0.5, np.nan]), name="pixels")
    with pytest.raises(TypeError, match=r"^pixels.dtype must be bool, an unsigned or signed integer, or a float"):
        tones_to_uint8(np.array(["a"]), name="pixels")
