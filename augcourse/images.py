"""Images to augment: the course's sample photo, or a learner's own file.

Example:
    >>> image = sample_image()
    >>> image.shape, image.dtype
    ((600, 512, 3), dtype('uint8'))
"""

from pathlib import Path

import numpy as np

from augcourse._checks import check_choice, fail

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


def load_image(path, *, size=None, mode="rgb"):
    """Load an image file as a uint8 array, ready for ``np.expand_dims(image, 0)``.

    Grayscale, palette and RGBA files are converted: RGBA is composited over
    white, so transparent areas do not turn black.

    Args:
        path: a file PIL can read (JPEG, PNG, ...).
        size: optional ``(height, width)`` to resize to.
        mode: "rgb" -> (H, W, 3), "grayscale" -> (H, W, 1).

    Returns:
        (H, W, 3) or (H, W, 1) uint8 array.

    Example:
        >>> load_image("my_cat.jpg", size=(128, 128)).shape  # doctest: +SKIP
        (128, 128, 3)
    """
    from PIL import Image, UnidentifiedImageError

    check_choice("mode", mode, MODES)
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"load_image: no file at path={str(path)!r}.")
    try:
        with Image.open(path) as img:
            img.load()
            picture = img
    except UnidentifiedImageError:
        raise ValueError(f"load_image: path={str(path)!r} is not an image file PIL can read "
                         "(try a .jpg or .png).") from None
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        picture = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    picture = picture.convert("RGB" if mode == "rgb" else "L")
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
