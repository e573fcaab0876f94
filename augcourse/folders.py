"""Image folders: one subfolder per class, written from arrays or read into arrays with ``load_image``'s checks.

The layout is the one ``ImageDataGenerator.flow_from_directory`` and
``keras.utils.image_dataset_from_directory`` read::

    folder/
        airplane/  0000.png  0001.png ...
        cat/       0000.png ...

Classes are the subfolders in alphabetical order (class index 0, 1, ...), as both Keras
readers number them; images in folders inside a class folder (``dog/puppies/*.png``) belong
to that class, listed in ``ImageDataGenerator``'s order. Unlike them, ``read_image_folder`` reads every file at once and
refuses a folder it cannot read completely, naming the file: a damaged file or a
stray text file fails here, with its path, not in the middle of an epoch.

Example:
    >>> import tempfile
    >>> import numpy as np
    >>> images = np.zeros((4, 8, 8, 3), np.uint8)
    >>> folder = write_image_folder(tempfile.mkdtemp(), images, [0, 1, 1, 0], ["cat", "dog"])
    >>> x, y, names = read_image_folder(folder, size=(8, 8))
    >>> x.shape, y.tolist(), names
    ((4, 8, 8, 3), [0, 0, 1, 1], ['cat', 'dog'])
"""

import os
from pathlib import Path

import numpy as np

from augcourse._checks import check_images, fail
from augcourse.images import load_image
from augcourse.language import tr
from augcourse.paths import check_path

# File endings keras.utils.image_dataset_from_directory reads as images; other files in a class folder are reported.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
# File endings ImageDataGenerator.flow_from_directory reads (its white_list_formats).
IDG_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tif", ".tiff")


def write_image_folder(directory, images, labels, class_names):
    """Write ``images`` (N, H, W, 3) uint8 as PNG files into one subfolder per class.

    Args:
        directory: the folder to create (it may exist; files of the same names are replaced).
        images: (N, H, W, 3) or (N, H, W, 1) uint8 array.
        labels: N class indices into ``class_names``.
        class_names: the subfolder names, e.g. CIFAR-10's ``["airplane", ...]``.

    Returns:
        the folder as a ``pathlib.Path``.
    """
    from PIL import Image

    images = check_images("images", images, ranks=(4,), channels=(1, 3))
    if images.dtype != np.uint8:
        fail("images.dtype", images.dtype, tr("uint8 (PNG files hold 0..255 tones)"), TypeError)
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(images) or not np.issubdtype(labels.dtype, np.integer) \
            or (labels.size and not 0 <= labels.min() <= labels.max() < len(class_names)):
        fail("labels", tr("{count} values of dtype {dtype}", count=len(labels), dtype=labels.dtype),
             tr("{count} integer class indices in 0..{last}", count=len(images), last=len(class_names) - 1))
    directory = Path(directory)
    for name in class_names:
        (directory / name).mkdir(parents=True, exist_ok=True)
    for i, (image, label) in enumerate(zip(images, labels)):
        Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image).save(
            directory / class_names[label] / f"{i:05d}.png")
    return directory


def image_files(directory, *, classes=None, follow_links=False, suffixes=IMAGE_SUFFIXES):
    """The class names and the (path, class index) of every file, in the Keras readers' order.

    Images in subfolders of a class folder belong to that class (``dog/puppies/*.png`` is a dog),
    as in ``ImageDataGenerator.flow_from_directory``: each class folder is walked with
    ``os.walk``, the folders sorted by their path, the files of each folder by name. Hidden files
    and folders (".DS_Store", ".ipynb_checkpoints") are skipped; IDG would count a hidden folder as a
    class and the images in ``.ipynb_checkpoints`` twice.

    Args:
        directory: the folder of class subfolders.
        classes: None (every subfolder, sorted by name) or a list of subfolder names, whose order gives
            the class indices (IDG's ``classes``); other subfolders are then left out.
        follow_links: follow links to folders inside a class folder (IDG's ``follow_links``); a link
            that leads back to a folder already walked is refused, where ``os.walk`` would loop.
        suffixes: the file endings read as images, e.g. ``IDG_SUFFIXES``.

    Raises:
        FileNotFoundError: no such folder; TypeError or ValueError: a ``directory`` that is no folder's
            path (a file, a web address, ...: ``paths.check_path``'s one line).
        ValueError: no class subfolders, a class in ``classes`` with no folder, a class folder without
            images, a looping link, or files that are not images by their ending (each named).

    Example:
        >>> import tempfile
        >>> folder = write_image_folder(tempfile.mkdtemp(), np.zeros((2, 4, 4, 3), np.uint8), [0, 0], ["dog"])
        >>> (folder / "dog" / "puppies").mkdir()
        >>> _ = (folder / "dog" / "00000.png").rename(folder / "dog" / "puppies" / "00000.png")
        >>> names, files = image_files(folder)
        >>> names, [(str(path.relative_to(folder)), label) for path, label in files]
        (['dog'], [('dog/00001.png', 0), ('dog/puppies/00000.png', 0)])
    """
    directory = check_path("directory", directory, kind="folder")
    class_dirs = _class_dirs(directory, classes)
    files, strays = [], []
    for index, class_dir in enumerate(class_dirs):
        entries = _walk_files(class_dir, follow_links)
        images = [p for p in entries if p.suffix.lower() in suffixes]
        strays += [p for p in entries if p.suffix.lower() not in suffixes]
        if not images:
            fail(tr("directory (class folder {name!r})", name=class_dir.name), str(class_dir),
                 tr("a folder holding at least one image ({suffixes})", suffixes=", ".join(suffixes)))
        files += [(path, index) for path in images]
    if strays:
        listed = ", ".join(str(p.relative_to(directory)) for p in strays[:5])
        fail("directory", str(directory), tr("class folders holding only images ({suffixes}); {count} other "
                                             "file(s): {listed}", suffixes=", ".join(suffixes), count=len(strays),
                                             listed=listed + (" ..." if len(strays) > 5 else "")))
    return [p.name for p in class_dirs], files


def _class_dirs(directory, classes):
    """The class folders: every visible subfolder by name, or those ``classes`` names, in its order."""
    if classes is None or (isinstance(classes, (list, tuple)) and not classes):       # IDG: [] means all
        class_dirs = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
        if not class_dirs:
            fail("directory", str(directory), tr("a folder with one subfolder of images per class "
                                                 "(folder/cat/*.png, folder/dog/*.png, ...)"))
        return class_dirs
    names = list(classes) if isinstance(classes, (list, tuple)) else None
    if names is None or not all(isinstance(n, str) and n and "/" not in n and n not in (".", "..")
                                for n in names) or len(set(names)) != len(names):
        fail("classes", classes, tr("None or a list of distinct subfolder names (no '/'), e.g. ['cat', 'dog']"))
    missing = [n for n in names if not (directory / n).is_dir()]
    if missing:
        present = sorted(p.name for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
        fail("classes", classes, tr("names of subfolders of {folder!r} (it has {present}); no folder for {missing}",
                                    folder=str(directory), present=present, missing=missing))
    return [directory / n for n in names]


def _walk_files(class_dir, follow_links=False):
    """The files under ``class_dir`` in ImageDataGenerator's order (``_iter_valid_files``), hidden ones left out."""
    walked = sorted(os.walk(class_dir, followlinks=follow_links), key=lambda entry: entry[0])
    if follow_links:
        _refuse_loops(class_dir, [Path(root) for root, _, _ in walked])
    found = []
    for root, _, names in walked:
        if any(part.startswith(".") for part in Path(root).relative_to(class_dir).parts):
            continue
        found += [Path(root) / name for name in sorted(names) if not name.startswith(".")]
    return found


def _refuse_loops(class_dir, roots):
    """A followed link back to a folder above it makes ``os.walk`` list the same folder again and again."""
    for root in roots:
        real = root.resolve()
        above = [p for p in root.parents if class_dir in (p, *p.parents)]
        if any(p.resolve() == real for p in above):
            fail("follow_links", True, tr("folders whose links do not loop back ({folder!r} leads to a "
                                          "folder above it); remove the link or pass follow_links=False",
                                          folder=str(root)))


def read_image_files(paths, *, size):
    """Read image files into one (N, H, W, 3) uint8 array, each resized to ``size`` (height, width).

    A file that cannot be read fails with ``load_image``'s message, which names it.
    """
    paths = list(paths)
    if not paths:
        fail("paths", paths, tr("at least one image file"))
    return np.stack([load_image(path, size=size) for path in paths])


def read_image_folder(directory, *, size):
    """Read a folder of class subfolders: (images (N, H, W, 3) uint8, labels (N,) int64, class names).

    Files are read in class order, then within a class in ImageDataGenerator's order (its own
    files by name, then those of its subfolders: see ``image_files``), resized to ``size``
    (height, width). Every problem is reported before any pixel is used: see ``image_files``.
    """
    class_names, files = image_files(directory)
    images = read_image_files([path for path, _ in files], size=size)
    return images, np.array([label for _, label in files], np.int64), class_names
