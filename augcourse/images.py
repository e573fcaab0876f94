"""Images to augment: the course's sample photo, or a learner's own file (a path or a file object).

Example:
    >>> image = sample_image()
    >>> image.shape, image.dtype
    ((600, 512, 3), dtype('uint8'))
"""

import io
import warnings

import numpy as np

from augcourse._checks import check_choice, check_int, check_size, fail
from augcourse.language import tr
from augcourse.paths import check_file_source

MODES = ("rgb", "grayscale", "rgba")


def sample_image(size=None, square=False):
    """The course's sample photo: Grace Hopper, from matplotlib's sample data (public domain).

    Args:
        size: optional ``(height, width)`` to resize to (after cropping).
        square: crop to the top 512 x 512 (the face stays in view); useful because
            ImageDataGenerator turns about the wrong centre on non-square images.

    Returns:
        (H, W, 3) uint8 array; (600, 512, 3) at full size, (512, 512, 3) square.

    Example:
        >>> sample_image(size=(128, 128), square=True).shape
        (128, 128, 3)
    """
    from PIL import Image
    from matplotlib import cbook

    image = load_image(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    if square:
        image = image[: image.shape[1]]
    if size is not None:
        image = np.asarray(Image.fromarray(image).resize(_size_wh(size), Image.Resampling.BILINEAR))
    return image


def load_image(source, *, size=None, max_side=None, mode="rgb", name=None):
    """Load an image file as a uint8 array, ready for ``np.expand_dims(image, 0)``.

    The picture comes out as a viewer shows it, in 0-255 tones:

    - the EXIF orientation of phone photos is applied (a photo taken upright loads upright);
    - grayscale, palette and RGBA files are converted; RGBA is composited over white, so
      transparent areas do not turn black (``mode="rgba"`` keeps the alpha channel instead);
    - 16-bit and 32-bit files keep their tones: 16-bit values are scaled by 255 / 65535,
      float values in [0, 1] by 255, float values within [0, 255] are kept, and any other range
      is stretched from its minimum to its maximum (nothing is clipped to white or black); arrays
      are converted by the same rules with ``tones_to_uint8``;
    - an embedded ICC colour profile other than sRGB (Adobe RGB, Display P3, a CMYK profile, ...)
      is applied: the pixels are converted to sRGB with ``PIL.ImageCms`` (perceptual intent), as a
      colour-managed viewer shows them; a profile that cannot be read or does not fit the image
      leaves the pixels as stored, with one warning that says so;
    - an animation or a multi-page file (GIF, APNG, WebP, TIFF) gives its first frame, with one
      warning that says how many frames it has; a transparent GIF is composited over white like RGBA
      (so is a PNG whose tRNS chunk makes one colour transparent);
    - an image too large to decode safely (over twice ``PIL.Image.MAX_IMAGE_PIXELS``, a
      "decompression bomb") is refused with its pixel count and the limit; one over the limit itself
      loads with one warning that names it.

    Args:
        source: a path to a file PIL can read (JPEG, PNG, TIFF, ...; a str or ``pathlib.Path``,
            ``~`` expanded), the file's contents as ``bytes`` or ``bytearray`` (read as
            ``io.BytesIO(data)``), or a binary file object open for reading (``open(path, "rb")``,
            ``io.BytesIO(data)``), read from its start; one that cannot seek (a pipe, a web
            response) is read into memory first. ``augcourse.paths.check_file_source`` checks it.
        size: optional ``(height, width)`` to resize to.
        max_side: optional longest side in pixels: a larger image is shrunk to it,
            aspect ratio kept (a smaller one is left as it is). Not with ``size``.
        mode: "rgb" -> (H, W, 3), "grayscale" -> (H, W, 1), "rgba" -> (H, W, 4) with the alpha
            channel kept, not composited (255 where the file has none; ImageDataGenerator's "rgba").
        name: what messages call the file (default: its path, "the file object [of 'name']" or
            "the data (bytes)").

    Returns:
        (H, W, 3), (H, W, 1) or (H, W, 4) uint8 array.

    Raises:
        One line each, naming the file. TypeError for a ``source`` that is none of these (an array,
        None, a number) and for a file object open in text mode (``open(path)``: open it with "rb");
        FileNotFoundError for a missing path (with the nearest folder that exists); ValueError for
        an empty string, a web address, a folder, a closed or write-only file object, an empty file,
        and a file that is not an image, or is truncated or damaged.

    Example:
        >>> import io
        >>> from PIL import Image
        >>> buffer = io.BytesIO()
        >>> Image.new("RGB", (300, 150), "white").save(buffer, format="png")   # 300 wide, 150 tall
        >>> load_image(io.BytesIO(buffer.getvalue()), max_side=100).shape
        (50, 100, 3)
        >>> load_image(io.BytesIO(buffer.getvalue()), size=(32, 32), mode="grayscale").shape
        (32, 32, 1)
        >>> load_image(io.BytesIO(b"GIF89a and then nothing"), name="the uploaded file 'cat.gif'")
        Traceback (most recent call last):
        ...
        ValueError: load_image: the uploaded file 'cat.gif' is truncated or damaged \
(cannot identify image file); try saving it again as .png or .jpg.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    check_choice("mode", mode, MODES)
    if size is not None and max_side is not None:
        fail("max_side", max_side, tr("None when size is given (size sets both sides)"))
    if max_side is not None:
        check_int("max_side", max_side, low=1)
    source, what = check_file_source("source", source, caller="load_image", label=name,
                                      expected=tr("an image file"))
    try:
        with warnings.catch_warnings(record=True) as caught:     # said again below, naming the file, if it loads
            warnings.simplefilter("always")
            warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)   # ours names the file
            with Image.open(source) as img:
                _warn_if_large(img, what)
                img.load()
                icc = img.info.get("icc_profile")
                picture = ImageOps.exif_transpose(img)
                _warn_if_frames(img, what)
    except Image.DecompressionBombError as error:
        raise ValueError(_too_large(error, what)) from None
    except UnidentifiedImageError:
        looks_like = _image_signature(source)
        if looks_like:
            raise ValueError("load_image: " + tr("{what} is truncated or damaged ({reason}); "
                                                 "try saving it again as .png or .jpg.", what=what,
                                                 reason="cannot identify image file")) from None
        raise ValueError("load_image: " + tr("{what} is not an image file PIL can read (try a .jpg or .png).",
                                             what=what)) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValueError("load_image: " + tr("{what} is truncated or damaged ({reason}); "
                                             "try saving it again as .png or .jpg.", what=what,
                                             reason=_one_line(error))) from None
    for caught_warning in caught:   # PIL's own ("Possibly corrupt EXIF data", ...) get the file's name; ours have it
        text = _one_line(caught_warning.message)
        warnings.warn(text if text.startswith("load_image: ") else f"load_image: {what}: {text}",
                      caught_warning.category, stacklevel=2)
    picture = _eight_bit(picture)
    if picture.mode in ("P", "PA") or (picture.mode in ("L", "RGB") and "transparency" in picture.info):
        picture = picture.convert("RGBA")
    picture = _to_srgb(picture, icc, what)
    if picture.mode in ("RGBA", "LA"):
        rgba = picture.convert("RGBA")
        picture = rgba if mode == "rgba" else Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    picture = picture.convert({"rgb": "RGB", "grayscale": "L", "rgba": "RGBA"}[mode])
    if max_side is not None:
        width, height = picture.size
        scale = min(1.0, max_side / max(width, height))
        size = (max(1, round(height * scale)), max(1, round(width * scale)))
    if size is not None:
        picture = picture.resize(_size_wh(size), Image.Resampling.BILINEAR)
    array = np.asarray(picture, dtype=np.uint8)
    return array if array.ndim == 3 else array[:, :, None]


def _too_large(error, what):
    """One line for PIL's DecompressionBombError: the file, its pixels, the limit and the ways out."""
    import re

    found = re.search(r"\((\d+) pixels\) exceeds limit of (\d+)", str(error))
    if not found:
        return "load_image: " + tr("{what} is too large to decode safely ({reason}); shrink it first.", what=what,
                                   reason=_one_line(error))
    pixels, limit = int(found[1]), int(found[2])
    return "load_image: " + tr(
        "{what} is too large to decode safely ({pixels:,} pixels; PIL's limit is {limit:,}); "
        "shrink it first (in an image editor, or e.g. `magick in.png -resize 4000x4000 out.png`), or, if you "
        "trust the file, raise the limit: PIL.Image.MAX_IMAGE_PIXELS = {raised}.", what=what, pixels=pixels,
        limit=limit, raised=pixels // 2 + 1)


def _warn_if_large(img, what):
    """One warning, naming the file, for an image over PIL's warning limit (it still loads)."""
    from PIL import Image

    pixels = img.width * img.height
    if Image.MAX_IMAGE_PIXELS is not None and pixels > Image.MAX_IMAGE_PIXELS:
        megabytes = pixels * 3 / 2**20                   # as the RGB array it becomes
        warnings.warn("load_image: " + tr(
            "{what} is large ({pixels:,} pixels, over PIL's warning limit of {limit:,}); it loads, but needs "
            "about {megabytes:,.0f} MB of memory as RGB (shrink the file first if that is too much).", what=what,
            pixels=pixels, limit=Image.MAX_IMAGE_PIXELS, megabytes=megabytes), stacklevel=3)


def _warn_if_frames(img, what):
    """One warning for an animation or a multi-page file (GIF, APNG, TIFF, WebP, ...): its first frame is used."""
    try:
        frames = int(getattr(img, "n_frames", 1))
    except (OSError, EOFError, ValueError):     # frames after the first are damaged: the first one loaded
        return
    if frames > 1:
        warnings.warn("load_image: " + tr("{what} has {frames} frames; the first is used.", what=what,
                                          frames=frames), stacklevel=3)


# The colour spaces of ICC profiles and the PIL modes each applies to.
_PROFILE_MODES = {"RGB": ("RGB", "RGBA"), "GRAY": ("L", "LA"), "CMYK": ("CMYK",)}


def _to_srgb(picture, icc, what):
    """``picture`` converted from its embedded ICC profile to sRGB, as a colour-managed viewer shows it.

    No profile, or an sRGB one: ``picture`` as it is. A profile that cannot be read or does not fit the
    image: ``picture`` as it is, with one warning that says so. Alpha is kept.
    """
    if not icc:
        return picture

    def keep(why):
        warnings.warn("load_image: " + tr(
            "{what} has an ICC colour profile that {why}; its pixels are used as stored, so its colours may "
            "differ from what a colour-managed viewer shows.", what=what, why=why), stacklevel=4)
        return picture

    try:
        from PIL import ImageCms
    except ImportError:                     # a PIL built without LittleCMS
        return keep(tr("cannot be applied (this PIL has no ImageCms)"))
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = _one_line(ImageCms.getProfileDescription(profile))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError) as error:
        return keep(tr("could not be read ({reason})", reason=_one_line(error)))
    if "srgb" in description.lower():
        return picture
    space = profile.profile.xcolor_space.strip()
    if picture.mode not in _PROFILE_MODES.get(space, ()):
        return keep(tr("({description!r}) is a {space} profile, but the image is {mode}", description=description,
                       space=space.title() if space == "LAB" else space, mode=picture.mode))
    alpha = picture.getchannel("A") if picture.mode in ("RGBA", "LA") else None
    base = picture.convert(picture.mode[:-1]) if alpha is not None else picture
    try:
        converted = ImageCms.profileToProfile(base, profile, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (OSError, ValueError, ImageCms.PyCMSError) as error:
        return keep(tr("({description!r}) could not be converted to sRGB ({reason})", description=description,
                       reason=_one_line(error)))
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _one_line(error):
    """An exception's text on one line (PIL's messages sometimes hold line breaks)."""
    return " ".join(str(error).split())


def shrink_to(image, max_side):
    """``image`` (H, W, C) with its longest side at most ``max_side`` (aspect and dtype kept; never enlarged).

    Example:
        >>> shrink_to(np.zeros((3000, 4000, 3), np.uint8), 256).shape
        (192, 256, 3)
        >>> shrink_to(np.zeros((30, 40, 1), np.uint8), 256).shape
        (30, 40, 1)
    """
    from PIL import Image

    height, width = image.shape[:2]
    scale = max_side / max(height, width)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    plane_dtype = np.uint8 if image.dtype == np.uint8 else np.float32     # PIL's "L" or "F" planes
    channels = [np.asarray(Image.fromarray(np.ascontiguousarray(image[:, :, c], dtype=plane_dtype)).resize(
        size, Image.Resampling.BILINEAR)) for c in range(image.shape[2])]
    return np.stack(channels, axis=-1).astype(image.dtype)


# The first bytes of the formats a learner is likely to have (a file that starts so is an image).
_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


def _image_signature(source):
    """True when the file's first bytes are those of a common image format."""
    if hasattr(source, "seek"):
        source.seek(0)
        head = source.read(8)
    else:
        with open(source, "rb") as handle:
            head = handle.read(8)
    return any(head.startswith(sig) for sig in _SIGNATURES)


def tones_to_uint8(values, *, name="image", nonfinite="refuse"):
    """An array of tones (any shape) as uint8 0-255, by the rules ``load_image`` uses for files.

    - uint8 is returned as it is; bool is 0 (False) and 255 (True);
    - uint16 is scaled by 255 / 65535 (so are other integers above 255 that fit 0..65535);
      other integers within 0..255 are kept;
    - floats in [0, 1] are scaled by 255; other floats within [0, 255] are kept;
    - any other range is stretched from its minimum to its maximum (one constant value: black).

    The range is that of the whole array, every channel together, so colours keep their balance.

    Args:
        values: a NumPy array of bool, integer or float tones, e.g. (H, W) or (H, W, C).
        name: what error messages call the array.
        nonfinite: "refuse" (ValueError for NaN or infinite values) or "replace" (NaN and -inf
            become 0, +inf 255; what ``load_image`` does for a float file).

    Returns:
        a uint8 array of the same shape.

    Example:
        >>> tones_to_uint8(np.array([0.0, 0.5, 1.0], np.float32)).tolist()
        [0, 128, 255]
        >>> tones_to_uint8(np.array([0, 32768, 65535], np.uint16)).tolist()
        [0, 128, 255]
        >>> tones_to_uint8(np.array([True, False])).tolist()
        [255, 0]
        >>> tones_to_uint8(np.array([0.5, np.nan]))
        Traceback (most recent call last):
        ...
        ValueError: image must be an array of finite tones (replace them first, e.g. np.nan_to_num(image)); \
got 'an array with 1 NaN or infinite value(s)'.
    """
    check_choice("nonfinite", nonfinite, ("refuse", "replace"))
    if not isinstance(values, np.ndarray):
        fail(name, type(values).__name__, tr("a NumPy array"), TypeError)
    dtype = values.dtype
    if dtype.kind not in "biuf":
        fail(f"{name}.dtype", dtype, tr("bool, an unsigned or signed integer, or a float dtype"), TypeError)
    if dtype == np.uint8:
        return values
    if dtype.kind == "b":
        return values.astype(np.uint8) * np.uint8(255)
    values = values.astype(np.float64)
    finite_mask = np.isfinite(values)
    if not finite_mask.all() and nonfinite == "refuse":
        bad = int(values.size - np.count_nonzero(finite_mask))
        fail(name, tr("an array with {count} NaN or infinite value(s)", count=bad),
             tr("an array of finite tones (replace them first, e.g. np.nan_to_num({name}))", name=name))
    finite = values[finite_mask]
    low, high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    if dtype == np.uint16 or (dtype.kind in "iu" and low >= 0 and 255 < high <= 65535):
        scaled = values * (255 / 65535)
    elif low >= 0 and (high <= 255 if dtype.kind in "iu" else high <= 1):
        scaled = values * (1 if dtype.kind in "iu" else 255)
    elif dtype.kind == "f" and low >= 0 and high <= 255:
        scaled = values
    else:
        scaled = (values - low) * (255 / (high - low)) if high > low else np.zeros_like(values)
    scaled = np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0)
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def _eight_bit(picture):
    """A PIL image with more than 8 bits per value as mode "L", its tones scaled by ``tones_to_uint8``.

    16-bit files, and 32-bit integer files within 0..65535, count as 16-bit whatever their values.
    """
    from PIL import Image

    if picture.mode not in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return picture
    values = np.asarray(picture)
    if picture.mode != "F" and (picture.mode != "I" or (values.min() >= 0 and values.max() <= 65535)):
        values = values.astype(np.uint16)
    return Image.fromarray(tones_to_uint8(values, name=tr("the file"), nonfinite="replace"), mode="L")


def _size_wh(size):
    height, width = check_size("size", size, tr("None or a (height, width) pair of positive integers"))
    return width, height
