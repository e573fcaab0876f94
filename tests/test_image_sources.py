"""Every path or file a learner passes gets a one-line message (issue 21, "classes of input").

``augcourse.paths.check_path`` for paths; ``load_image`` for paths, file objects, bytes, huge images,
ICC-profiled and multi-frame files.
"""

import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from augcourse.paths import check_path


def _one_line(error):
    message = str(error.value if hasattr(error, "value") else error)
    assert "\n" not in message and message.strip() == message, message
    return message


# -- check_path: every kind of value -------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path):
    (tmp_path / "train" / "cat").mkdir(parents=True)
    (tmp_path / "train" / "cat" / "1.png").write_bytes(b"png")
    return tmp_path


def test_an_existing_file_and_folder_come_back_as_paths(tree):
    path = check_path("image", str(tree / "train" / "cat" / "1.png"), kind="file")
    assert isinstance(path, Path) and path == tree / "train" / "cat" / "1.png"
    assert check_path("directory", tree / "train", kind="folder") == tree / "train"


def test_a_tilde_is_expanded(tree, monkeypatch):
    monkeypatch.setenv("HOME", str(tree))
    assert check_path("image", "~/train/cat/1.png", kind="file") == tree / "train" / "cat" / "1.png"
    assert check_path("directory", Path("~/train"), kind="folder") == tree / "train"
    with pytest.raises(FileNotFoundError) as error:
        check_path("directory", "~/trian", kind="folder")
    assert f"no folder at path='{tree / 'trian'}' (directory)" in _one_line(error)
    assert "a close name: 'train'" in str(error.value)


@pytest.mark.parametrize("value, error, match", [
    ("", ValueError, r"^image must be a path to a file; got an empty string ''\.$"),
    ("   ", ValueError, r"^image must be a path to a file; got only white space '   '\.$"),
    ("https://example.com/cat.png", ValueError, r"^image must be a path to a file on this computer; got the web "
     r"address 'https://example.com/cat.png' \(download it first, e\.g\. path = keras\.utils\.get_file"),
    ("HTTP://example.com/cat.png", ValueError, r"got the web address 'HTTP://example.com/cat.png'"),
    ("ftp://example.com/cat.png", ValueError, r"got the web address 'ftp://example.com/cat.png'"),
    (Path("http://example.com/cat.png"), ValueError, r"got the web address 'http://example.com/cat.png'"),
    ("s3://bucket/cat.png", ValueError, r"got the URL 's3://bucket/cat.png' \(copy it to this computer first"),
    ("cat\0.png", ValueError, r"^image must be a path to a file; got 'cat\\x00.png', which holds a NUL character"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), TypeError, r"^image must be a path \(str or pathlib.Path\) to a file; got "
     r"108 bytes b'\\x89PNG.*'\.\.\. \(image data in memory goes in as io\.BytesIO\(data\); a path as a str\)\.$"),
    (None, TypeError, r"^image must be a path \(str or pathlib.Path\) to a file; got None\.$"),
    (42, TypeError, r"^image must be a path \(str or pathlib.Path\) to a file; got '42' \(int\)\.$"),
    (3.5, TypeError, r"got '3.5' \(float\)"),
    (np.zeros((600, 800, 3), np.uint8), TypeError, r"got an array of shape \(600, 800, 3\) and dtype uint8 \(data "
     r"already in memory, not a file\)\.$"),
    (["a.png", "b.png"], TypeError, r"got \"\['a.png', 'b.png'\]\" \(list\)"),
    ("x" * 5000, ValueError, r"^image must be a path to a file; got 'x{240}\.\.\.', which the system refuses"),
])
def test_every_kind_of_value_gets_one_line(value, error, match):
    with pytest.raises(error, match=match) as info:
        check_path("image", value, kind="file")
    _one_line(info)
    assert info.value.__context__ is None


def test_a_folder_where_a_file_is_expected_and_the_reverse(tree):
    with pytest.raises(ValueError, match=r"^image must be a path to a file; got the folder '.*cat' "
                                         r"\(name one file inside it, e\.g\. '.*cat/1\.png'\)\.$") as info:
        check_path("image", tree / "train" / "cat", kind="file")
    _one_line(info)
    with pytest.raises(ValueError, match=r"^--data must be a path to a folder; got the file '.*1\.png' "
                                         r"\(its folder is '.*cat'\)\.$") as info:
        check_path("--data", tree / "train" / "cat" / "1.png", kind="folder")
    _one_line(info)
    with pytest.raises(ValueError, match=r"got '/dev/null', which is neither a file nor a folder"):
        check_path("image", "/dev/null", kind="file")


def test_a_missing_path_names_the_nearest_existing_folder(tree, monkeypatch):
    with pytest.raises(FileNotFoundError, match=rf"^no file at path='{tree}/train/cat/2\.png' \(image\); the folder "
                                                rf"'{tree}/train/cat' exists but has no '2\.png' \(a close name: "
                                                r"'1\.png'\)\.$") as info:
        check_path("image", tree / "train" / "cat" / "2.png", kind="file")
    _one_line(info)
    with pytest.raises(FileNotFoundError, match=rf"^load_image: no folder at path='{tree}/val/dog' \(directory\); "
                                                rf"the nearest existing folder is '{tree}', and it has no 'val'\.$"):
        check_path("directory", tree / "val" / "dog", kind="folder", caller="load_image")
    with pytest.raises(FileNotFoundError, match=r"'.*1\.png' is a file, not a folder\.$"):
        check_path("image", tree / "train" / "cat" / "1.png" / "x.png", kind="file")
    monkeypatch.chdir(tree)
    with pytest.raises(FileNotFoundError, match=rf"the folder '\.' \(relative to the current folder '{tree}'\) "
                                                r"exists but has no 'trains' \(a close name: 'train'\)\.$"):
        check_path("directory", "trains", kind="folder")
    with pytest.raises(FileNotFoundError, match=r"'train', without the white space around it, exists\.$"):
        check_path("directory", "train ", kind="folder")


def test_caller_begins_every_message_and_kind_is_checked(tree):
    with pytest.raises(ValueError, match=r"^flow_from_directory: directory must be a path to a folder; got an empty "
                                         r"string '' \(use '\.' for the current folder\)\.$"):
        check_path("directory", "", kind="folder", caller="flow_from_directory")
    with pytest.raises(ValueError, match=r"^kind must be one of 'file', 'folder'; got 'dir'\.$"):
        check_path("directory", tree, kind="dir")


def test_an_unreadable_folder_is_named(tree, monkeypatch):
    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_file", denied)       # what a folder without read permission gives (not as root)
    with pytest.raises(ValueError, match=r"^image must be a path to a file; got '.*a\.png', which cannot be read "
                                         r"\(permission denied\)\.$") as info:
        check_path("image", tree / "locked" / "a.png", kind="file")
    assert info.value.__context__ is None and info.value.__cause__ is None       # one traceback, not two


# -- load_image: paths, file objects and bytes ---------------------------------------------------------
def _png_bytes(width=12, height=8, colour=(10, 200, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="png")
    return buffer.getvalue()


@pytest.mark.parametrize("source, error, match", [
    ("", ValueError, r"^load_image: source must be a path to a file; got an empty string ''\.$"),
    ("https://example.com/cat.png", ValueError, r"^load_image: source must be a path to a file on this computer; "
     r"got the web address 'https://example.com/cat.png' \(download it first, e\.g\. path = keras\.utils\.get_file"),
    ("cat\0.png", ValueError, r"^load_image: source must be a path to a file; got 'cat\\x00.png', which holds a NUL"),
    (np.zeros((8, 8, 3), np.uint8), TypeError, r"^load_image: source must be a path \(str or pathlib.Path\) to an "
     r"image file, or a binary file object .*; got an array of shape \(8, 8, 3\) and dtype uint8 \(data already "
     r"in memory, not a file\)\.$"),
])
def test_load_image_refuses_a_path_that_is_no_file_in_one_line(source, error, match):
    from augcourse.images import load_image

    with pytest.raises(error, match=match) as info:
        load_image(source)
    _one_line(info)


def test_load_image_names_a_folder_and_a_missing_file(tree):
    from augcourse.images import load_image

    with pytest.raises(ValueError, match=r"^load_image: source must be a path to a file; got the folder '.*cat' "
                                         r"\(name one file inside it, e\.g\. '.*cat/1\.png'\)\.$"):
        load_image(tree / "train" / "cat")
    with pytest.raises(FileNotFoundError, match=r"^load_image: no file at path='.*cat/2\.png' \(source\); the folder "
                                                r"'.*cat' exists but has no '2\.png' \(a close name: '1\.png'\)\.$"):
        load_image(tree / "train" / "cat" / "2.png")


def test_load_image_expands_a_tilde(tmp_path, monkeypatch):
    from augcourse.images import load_image

    (tmp_path / "cat.png").write_bytes(_png_bytes())
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_image("~/cat.png").shape == (8, 12, 3)


def test_load_image_accepts_bytes_as_the_file_s_contents():
    from augcourse.images import load_image

    data = _png_bytes()
    expected = load_image(io.BytesIO(data))
    np.testing.assert_array_equal(load_image(data), expected)
    np.testing.assert_array_equal(load_image(bytearray(data)), expected)
    np.testing.assert_array_equal(load_image(memoryview(data)), expected)
    with pytest.raises(ValueError, match=r"^load_image: the data \(bytes\) is not an image file PIL can read"):
        load_image(b"hello")
    with pytest.raises(ValueError, match=r"^load_image: the data \(bytes\) is empty \(0 bytes\); .*\.$") as info:
        load_image(b"")
    _one_line(info)


def test_load_image_names_a_closed_a_text_mode_and_a_write_only_file(tmp_path):
    from augcourse.images import load_image

    path = tmp_path / "cat.png"
    path.write_bytes(_png_bytes())
    with open(path, "rb") as handle:
        pass
    with pytest.raises(ValueError, match=r"^load_image: the file object of '.*cat\.png' is closed; read it inside "
                                         r"its with block, or open it again with open\(path, 'rb'\)\.$"):
        load_image(handle)
    with open(path, encoding="latin-1") as handle, pytest.raises(
            TypeError, match=r"^load_image: the file object of '.*cat\.png' is open in text mode \('r'\); open it "
                             r"in binary mode: open\('.*cat\.png', 'rb'\)\.$") as info:
        load_image(handle)
    _one_line(info)
    with pytest.raises(TypeError, match=r"^load_image: the file object is open in text mode; open it in binary mode"):
        load_image(io.StringIO("not bytes"))
    with open(tmp_path / "out.png", "wb") as handle, pytest.raises(
            ValueError, match=r"^load_image: the file object of '.*out\.png' is not open for reading \(mode 'wb'\)"):
        load_image(handle)


class _Stream(io.RawIOBase):
    """A file object that cannot seek, like a pipe or a web response."""

    def __init__(self, data):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_load_image_reads_an_unseekable_stream_and_a_file_at_its_end(tmp_path):
    from augcourse.images import load_image

    data = _png_bytes()
    expected = load_image(data)
    np.testing.assert_array_equal(load_image(_Stream(data)), expected)
    with pytest.raises(ValueError, match=r"^load_image: the file object is not an image file PIL can read"):
        load_image(_Stream(b"not an image at all"))
    with pytest.raises(ValueError, match=r"^load_image: the file object gave no bytes \(it is empty, or was read to "
                                         r"its end already; open it again\)\.$"):
        stream = _Stream(data)
        stream.read()
        load_image(stream)
    path = tmp_path / "cat.png"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        handle.read()                                   # at its end: read from the start, as PIL does
        np.testing.assert_array_equal(load_image(handle), expected)
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(ValueError, match=r"^load_image: path='.*empty\.png' is empty \(0 bytes\); .*\.$"):
        load_image(tmp_path / "empty.png")


# -- images too large to decode safely -----------------------------------------------------------------
def _png_header_only(path, width, height):
    """A PNG whose header claims ``width`` x ``height`` pixels and holds none: tiny on disk, opened in no time."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    return path


def test_a_decompression_bomb_is_named_with_its_pixels_and_the_limit(tmp_path):
    from augcourse.images import load_image

    path = _png_header_only(tmp_path / "huge.png", 50_000, 40_000)          # 2e9 pixels, 70 bytes on disk
    limit = 2 * Image.MAX_IMAGE_PIXELS
    with pytest.raises(ValueError, match=rf"^load_image: path='.*huge\.png' is too large to decode safely "
                                         rf"\(2,000,000,000 pixels; PIL's limit is {limit:,}\); shrink it first .*"
                                         r"PIL\.Image\.MAX_IMAGE_PIXELS.*\.$") as info:
        load_image(path)
    _one_line(info)
    with pytest.raises(ValueError, match=r"^load_image: the upload is too large to decode safely"):
        load_image(path.read_bytes(), name="the upload")


def test_a_real_image_over_a_lowered_limit_is_refused_and_one_near_it_warns_once(tmp_path, monkeypatch):
    from augcourse.images import load_image

    path = tmp_path / "wide.png"
    Image.new("1", (100, 50)).save(path)                                     # 5,000 real pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 2_000)
    with pytest.raises(ValueError, match=r"is too large to decode safely \(5,000 pixels; PIL's limit is 4,000\)"):
        load_image(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 4_000)                     # over the limit, under twice it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = load_image(path)
    assert image.shape == (50, 100, 3)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and "\n" not in messages[0], messages
    assert messages[0].startswith("load_image: path='") and "wide.png' is large (5,000 pixels" in messages[0]
    assert caught[0].filename == __file__


# -- colour-managed files: an embedded ICC profile is converted to sRGB --------------------------------
def _rgb_profile(description="Adobe RGB-like (test)", primaries=((0.60974, 0.31111, 0.01947),
                 (0.20528, 0.62567, 0.06087), (0.14919, 0.06322, 0.74457)), gamma=563 / 256):
    """The bytes of an ICC v2 RGB matrix/TRC display profile (default: Adobe RGB (1998)'s D50 primaries)."""
    import struct

    def xyz(values):
        return b"XYZ " + bytes(4) + b"".join(struct.pack(">i", round(v * 65536)) for v in values)

    text = description.encode("ascii") + b"\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(8 + 3 + 67)    # no Unicode, no Mac name
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    tags = [(b"desc", desc), (b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"rXYZ", xyz(primaries[0])),
            (b"gXYZ", xyz(primaries[1])), (b"bXYZ", xyz(primaries[2])), (b"rTRC", curve), (b"gTRC", curve),
            (b"bTRC", curve), (b"cprt", b"text" + bytes(4) + b"none\0" + bytes(3))]
    offset, table, data = 128 + 4 + 12 * len(tags), b"", b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + bytes(4) + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + bytes(12)
              + b"acsp" + bytes(24) + struct.pack(">I", 0) + xyz((0.9642, 1.0, 0.8249))[8:] + bytes(48))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def _colourful(height=16, width=24):
    """Saturated ramps of every hue: where a wide-gamut profile moves pixels most."""
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (height, width, 3), np.uint8)


@pytest.mark.parametrize("suffix, options", [(".png", {}), (".jpg", {"quality": 95}), (".tif", {})])
def test_a_wide_gamut_profile_is_converted_to_srgb_as_imagecms_does(tmp_path, suffix, options):
    from PIL import ImageCms

    from augcourse.images import load_image

    icc = _rgb_profile()
    path = tmp_path / f"adobe{suffix}"
    Image.fromarray(_colourful()).save(path, icc_profile=icc, **options)
    with Image.open(path) as stored:
        assert stored.info.get("icc_profile") == icc
        raw = stored.convert("RGB")
    expected = ImageCms.profileToProfile(raw, ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                         ImageCms.createProfile("sRGB"), outputMode="RGB")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image = load_image(path)
    np.testing.assert_array_equal(image, np.asarray(expected))
    assert np.abs(image.astype(int) - np.asarray(raw, int)).max() > 20        # not the raw pixels
    assert load_image(path, mode="grayscale").shape == (16, 24, 1)


def test_an_rgba_file_with_a_profile_is_converted_then_composited_over_white(tmp_path):
    from PIL import ImageCms

    from augcourse.images import load_image

    icc = _rgb_profile()
    pixels = np.dstack([_colourful(), np.full((16, 24), 255, np.uint8)])
    pixels[:8, :, 3] = 0                                                     # the top half transparent
    Image.fromarray(pixels, "RGBA").save(tmp_path / "rgba.png", icc_profile=icc)
    expected = ImageCms.profileToProfile(Image.fromarray(pixels[..., :3]), ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                         ImageCms.createProfile("sRGB"), outputMode="RGB")
    image = load_image(tmp_path / "rgba.png")
    assert (image[:8] == 255).all()
    np.testing.assert_array_equal(image[8:], np.asarray(expected)[8:])


def test_an_srgb_profile_and_no_profile_leave_the_pixels_as_stored(tmp_path):
    from PIL import ImageCms

    from augcourse.images import load_image

    pixels = _colourful()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for icc in (srgb, _rgb_profile("sRGB IEC61966-2.1", primaries=((0.4361, 0.2225, 0.0139),
                (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)), gamma=2.2), None):
        path = tmp_path / "srgb.png"
        Image.fromarray(pixels).save(path, **({"icc_profile": icc} if icc else {}))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            np.testing.assert_array_equal(load_image(path), pixels)


@pytest.mark.parametrize("icc, said", [
    (b"not a colour profile at all", "could not be read"),
    (None, "is a Lab profile, but the image is RGB"),
])
def test_a_profile_that_cannot_be_applied_keeps_the_pixels_with_one_warning(tmp_path, icc, said):
    from PIL import ImageCms

    from augcourse.images import load_image

    if icc is None:
        icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    pixels = _colourful()
    path = tmp_path / "odd.png"
    Image.fromarray(pixels).save(path, icc_profile=icc)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = load_image(path)
    np.testing.assert_array_equal(image, pixels)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and "\n" not in messages[0], messages
    assert messages[0].startswith(f"load_image: path='{path}' has an ICC colour profile") and said in messages[0]
    assert "its pixels are used as stored" in messages[0] and caught[0].filename == __file__


# -- animated and multi-page files: the first frame, with one line ------------------------------------
def _frames(count, size=(12, 8)):
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    return [Image.new("RGB", size, colours[i % 4]) for i in range(count)]


@pytest.mark.parametrize("suffix", [".gif", ".png", ".tif", ".webp"])
def test_a_file_with_several_frames_gives_the_first_with_one_warning(tmp_path, suffix):
    from augcourse.images import load_image

    path = tmp_path / f"animated{suffix}"
    first, *rest = _frames(3)
    first.save(path, save_all=True, append_images=rest, duration=100, loop=0)
    with Image.open(path) as saved:
        assert saved.n_frames == 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = load_image(path)
    assert image.shape == (8, 12, 3) and image[..., 0].min() > 200 and image[..., 1:].max() < 50   # red: frame 1
    assert [str(w.message) for w in caught] == [f"load_image: path='{path}' has 3 frames; the first is used."]
    assert caught[0].filename == __file__                  # the warning points at the learner's line
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_image(path.read_bytes(), name="the upload")
    assert [str(w.message) for w in caught] == ["load_image: the upload has 3 frames; the first is used."]


@pytest.mark.parametrize("suffix", [".gif", ".png", ".tif"])
def test_a_single_frame_file_gives_no_warning(tmp_path, suffix):
    from augcourse.images import load_image

    path = tmp_path / f"still{suffix}"
    _frames(1)[0].save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_image(path).shape == (8, 12, 3)


def test_a_gif_with_transparency_is_composited_over_white_like_rgba(tmp_path):
    from augcourse.images import load_image

    rgba = np.zeros((8, 12, 4), np.uint8)
    rgba[:, :6] = (200, 30, 40, 255)                        # opaque left half, transparent right half
    Image.fromarray(rgba, "RGBA").save(tmp_path / "clear.gif")
    Image.fromarray(rgba, "RGBA").save(tmp_path / "clear.png")
    with Image.open(tmp_path / "clear.gif") as saved:
        assert saved.mode == "P" and "transparency" in saved.info
    gif = load_image(tmp_path / "clear.gif")
    assert (gif[:, 6:] == 255).all()                        # white, not the palette's black
    np.testing.assert_array_equal(gif, load_image(tmp_path / "clear.png"))
    path = tmp_path / "clear_animated.gif"                 # an animation's first frame, transparent too
    Image.fromarray(rgba, "RGBA").save(path, save_all=True, append_images=_frames(2), duration=100)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        np.testing.assert_array_equal(load_image(path), gif)


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_png_with_a_transparent_colour_is_composited_over_white(tmp_path, mode):
    """A tRNS chunk in an L or RGB PNG: a viewer shows that colour as transparent."""
    from augcourse.images import load_image

    pixels = np.zeros((4, 6), np.uint8) if mode == "L" else np.zeros((4, 6, 3), np.uint8)
    pixels[:2] = 90                                        # the top rows grey, the rest black = transparent
    path = tmp_path / "trns.png"
    Image.fromarray(pixels, mode).save(path, transparency=0 if mode == "L" else (0, 0, 0))
    image = load_image(path)
    assert (image[2:] == 255).all() and (image[:2] == 90).all()


# -- every refusal: one line that names the file ----------------------------------------------------------
def test_every_refusal_of_load_image_is_one_line_naming_the_source(tmp_path, tree):
    from augcourse.images import load_image

    cut = tmp_path / "cut.png"
    cut.write_bytes(_png_bytes(64, 64)[:60])
    text = tmp_path / "notes.jpg"
    text.write_text("line one\nline two\n")
    huge = _png_header_only(tmp_path / "huge.png", 50_000, 40_000)
    closed = open(cut, "rb")
    closed.close()
    cases = [("", "''"), ("http://example.com/a.png", "http://example.com/a.png"), (tree / "train", "train"),
             (tmp_path / "nowhere" / "a.png", "nowhere"), (cut, "cut.png"), (text, "notes.jpg"), (huge, "huge.png"),
             (b"\x89PNG\r\n\x1a\n broken", "the data (bytes)"), (closed, "cut.png"), (None, "None"),
             (io.BytesIO(b"GIF89a\n\n\n"), "the file object"), (np.ones((2, 2)), "shape (2, 2)")]
    for source, named in cases:
        with pytest.raises((ValueError, TypeError, FileNotFoundError)) as info:
            load_image(source)
        message = _one_line(info)
        assert message.startswith("load_image: ") and named in message, message
        assert info.value.__cause__ is None and (info.value.__context__ is None or info.value.__suppress_context__)


def test_check_file_source_returns_a_readable_file_and_its_label(tmp_path):
    from augcourse.paths import check_file_source

    path = tmp_path / "cat.png"
    path.write_bytes(_png_bytes())
    assert check_file_source("source", str(path)) == (path, f"path='{path}'")
    assert check_file_source("source", path, label="your photo") == (path, "your photo")
    data, what = check_file_source("source", bytearray(b"abc"))
    assert isinstance(data, io.BytesIO) and data.read() == b"abc" and what == "the data (bytes)"
    with open(path, "rb") as handle:
        handle.read()
        assert check_file_source("source", handle) == (handle, f"the file object of '{path}'") and handle.tell() == 0
    with pytest.raises(TypeError, match=r"^read_mask: mask must be a path \(str or pathlib.Path\) to a PNG file, or "
                                        r"a binary file object .*; got None\.$"):
        check_file_source("mask", None, caller="read_mask", expected="a PNG file")


# -- mode="rgba": the alpha channel kept, as ImageDataGenerator's color_mode="rgba" gives it ------------
def test_rgba_mode_keeps_the_alpha_channel_as_idg_s_load_img_does(tmp_path):
    from augcourse.images import load_image

    rgba = np.zeros((8, 12, 4), np.uint8)
    rgba[:, :6] = (200, 30, 40, 255)
    rgba[:, 6:] = (10, 20, 30, 0)                                           # transparent, but with a colour
    Image.fromarray(rgba, "RGBA").save(tmp_path / "clear.png")
    Image.fromarray(rgba, "RGBA").save(tmp_path / "clear.gif")
    Image.fromarray(rgba[..., :3]).save(tmp_path / "opaque.png")
    for name in ("clear.png", "clear.gif", "opaque.png"):
        with Image.open(tmp_path / name) as stored:
            expected = np.asarray(stored.convert("RGBA"))              # what keras.utils.load_img gives
        image = load_image(tmp_path / name, mode="rgba")
        assert image.shape == (8, 12, 4) and image.dtype == np.uint8
        np.testing.assert_array_equal(image, expected)
    assert (load_image(tmp_path / "opaque.png", mode="rgba")[..., 3] == 255).all()
    assert load_image(tmp_path / "clear.png", mode="rgba", size=(4, 6)).shape == (4, 6, 4)
    np.testing.assert_array_equal(load_image(tmp_path / "clear.png", mode="rgba")[..., :3][:, :6],
                                  load_image(tmp_path / "clear.png")[:, :6])


def test_a_link_whose_target_is_gone_is_named_as_such(tmp_path):
    from augcourse.images import load_image

    (tmp_path / "dead.png").symlink_to(tmp_path / "moved" / "cat.png")
    with pytest.raises(FileNotFoundError, match=r"^load_image: no file at path='.*dead\.png' \(source\): it is a link "
                                                r"to '.*moved/cat\.png', which does not exist\.$"):
        load_image(tmp_path / "dead.png")
    with pytest.raises(FileNotFoundError, match=r"it is a link to"):
        check_path("directory", tmp_path / "dead.png", kind="folder")


def test_a_truncated_tiff_gives_one_line_and_no_pil_warning(tmp_path):
    # make fuzz found it: PIL warned "Tag data larger than file" before the error (pytest turns it into one).
    from augcourse.images import load_image

    rng = np.random.default_rng(5)
    Image.fromarray(rng.integers(0, 256, (3, 5, 3), np.uint8)).save(tmp_path / "full.tif")
    data = (tmp_path / "full.tif").read_bytes()
    for cut in range(8, len(data)):
        (tmp_path / "cut.tif").write_bytes(data[:cut])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                load_image(tmp_path / "cut.tif")
            except ValueError as error:
                assert str(error).startswith("load_image: path=") and "\n" not in str(error)
        assert all(str(w.message).startswith("load_image: ") for w in caught), [str(w.message) for w in caught]
