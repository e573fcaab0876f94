"""Images to augment: the course's sample photo, or a learner's own file (a path or a file object).

Example:
    >>> image = sample_image()
    >>> image.shape, image.dtype
    ((600, 512, 3), dtype('uint8'))
"""

from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, check_int, fail

MODES = ("rgb", "grayscale")


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


def load_image(source, *, size=None, max_side=None, mode="rgb"):
    """Load an image file as a uint8 array, ready for ``np.expand_dims(image, 0)``.

    Grayscale, palette and RGBA files are converted: RGBA is composited over
    white, so transparent areas do not turn black.

    Args:
        source: a path to a file PIL can read (JPEG, PNG, ...), or a binary file
            object open for reading (``open(path, "rb")``, ``io.BytesIO(data)``).
        size: optional ``(height, width)`` to resize to.
        max_side: optional longest side in pixels: a larger image is shrunk to it,
            aspect ratio kept (a smaller one is left as it is). Not with ``size``.
        mode: "rgb" -> (H, W, 3), "grayscale" -> (H, W, 1).

    Returns:
        (H, W, 3) or (H, W, 1) uint8 array.

    Example:
        >>> import io
        >>> from PIL import Image
        >>> buffer = io.BytesIO()
        >>> Image.new("RGB", (300, 150), "white").save(buffer, format="png")   # 300 wide, 150 tall
        >>> load_image(io.BytesIO(buffer.getvalue()), max_side=100).shape
        (50, 100, 3)
        >>> load_image(io.BytesIO(buffer.getvalue()), size=(32, 32), mode="grayscale").shape
        (32, 32, 1)
    """
    from PIL import Image, UnidentifiedImageError

    check_choice("mode", mode, MODES)
    if size is not None and max_side is not None:
        fail("max_side", max_side, "None when size is given (size sets both sides)")
    if max_side is not None:
        check_int("max_side", max_side, low=1)
    if hasattr(source, "read"):
        what = "the file object"
    else:
        source = Path(source)
        what = f"path={str(source)!r}"
        if not source.is_file():
            raise FileNotFoundError(f"load_image: no file at {what}.")
    try:
        with Image.open(source) as img:
            img.load()
            picture = img
    except UnidentifiedImageError:
        raise ValueError(f"load_image: {what} is not an image file PIL can read "
                         "(try a .jpg or .png).") from None
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        picture = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    picture = picture.convert("RGB" if mode == "rgb" else "L")
    if max_side is not None:
        width, height = picture.size
        scale = min(1.0, max_side / max(width, height))
        size = (max(1, round(height * scale)), max(1, round(width * scale)))
    if size is not None:
        picture = picture.resize(_size_wh(size), Image.Resampling.BILINEAR)
    array = np.asarray(picture, dtype=np.uint8)
    return array if array.ndim == 3 else array[:, :, None]


def _size_wh(size):
    ok = (isinstance(size, (tuple, list)) and len(size) == 2
          and all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s > 0 for s in size))
    if not ok:
        fail("size", size, "None or a (height, width) pair of positive integers")
    return int(size[1]), int(size[0])
