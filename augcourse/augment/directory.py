"""``Augment.flow_from_directory``: a folder of class subfolders read batch by batch, as ImageDataGenerator reads it.

``DirectoryBatches`` takes ``ImageDataGenerator.flow_from_directory``'s arguments with their meanings
and defaults (``target_size``, ``color_mode``, ``classes``, ``class_mode``, ``batch_size``,
``shuffle``, ``follow_links``, ``subset``, ``interpolation="nearest"``, ``keep_aspect_ratio``,
``save_to_dir``/``save_prefix``/``save_format``) and has its iterator's attributes (``filenames``,
``filepaths``, ``classes``, ``labels``, ``samples``, ``n``, ``class_indices``, ``num_classes``,
``image_shape``). It reads the formats IDG reads (png, jpg, jpeg, bmp, ppm, tif, tiff) and, like IDG,
keeps a batch's pixels only while the batch is made, so a folder of any size fits in memory.

The differences, each on purpose (``DIFFERENCES`` lists them for the lesson):

- every file is decoded once before the first batch (then read again when a batch needs it), so a
  file that is not an image, is truncated or damaged, or a stray file IDG would skip silently (a
  ``.txt``, a ``.gif``) stops the call with its name; an empty class folder, a subset with no image, a
  name in ``classes`` with no folder, and ``class_mode="binary"`` with other than two classes are
  refused; hidden files and folders (``.DS_Store``, ``._IMG.jpg``, ``.ipynb_checkpoints``) are skipped,
  where IDG reads them (a hidden folder becomes a class);
- pixels come from ``load_image``, as a viewer shows the file: the EXIF orientation is applied, a
  colour profile other than sRGB is converted to sRGB, transparent pixels are composited over white
  for "rgb" and "grayscale", 16-bit files are scaled to 0..255, and a multi-page file warns that
  its first page is used;
- ``validation_split`` is given here (IDG: in the generator's constructor); ``seed=0`` by default
  (IDG: None), and shuffling uses the batches' own generator, so the order differs from IDG's;
- saved files are named ``{prefix}_{index}_{epoch}`` (IDG: a random number from NumPy's global
  generator), and no ``dtype``/``data_format`` other than float32, channels last.

Example:
    >>> import tempfile
    >>> import numpy as np
    >>> from augcourse.augment import Augment
    >>> from augcourse.folders import write_image_folder
    >>> folder = write_image_folder(tempfile.mkdtemp(), np.zeros((6, 8, 8, 3), np.uint8), [0, 1, 1, 0, 1, 1],
    ...                             ["cat", "dog"])
    >>> batches = Augment(horizontal_flip=True).flow_from_directory(folder, target_size=(4, 4), batch_size=4)
    Found 6 images belonging to 2 classes.
    >>> xb, yb = batches[0]
    >>> xb.shape, yb.shape, batches.class_indices, batches.filenames[:2]
    ((4, 4, 4, 3), (4, 2), {'cat': 0, 'dog': 1}, ['cat/00000.png', 'cat/00003.png'])
"""

import os
import warnings

import numpy as np

from augcourse._checks import check_choice, check_int, check_number, check_size, fail
from augcourse._tf import keras
from augcourse.augment.flow_inputs import check_saving
from augcourse.augment.pipelines import AugmentedBatches, _base_seed
from augcourse.augment.transforms.checks import check_bool
from augcourse.folders import IDG_SUFFIXES, image_files
from augcourse.images import load_image
from augcourse.language import N_, pad, tr
from augcourse.paths import check_path

CLASS_MODES = ("categorical", "binary", "sparse", "input", None)
COLOR_MODES = ("grayscale", "rgb", "rgba")
CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
RESIZE_METHODS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")

# (what, what ImageDataGenerator does, what the core does): lesson 02 prints them with differences_table().
DIFFERENCES = (
    (N_("a stray, damaged or truncated file"), N_("skipped (stray) or fails mid-epoch"),
     N_("refused before the first batch, by name")),
    (N_("a name ending in png without the dot"), N_("read (scan_png, b.apng)"), N_("refused as a stray file, by name")),
    (N_("empty class, empty subset, binary with 3+ classes"), N_("accepted"), N_("refused, by name")),
    (N_("hidden files and folders"), N_("read (a hidden folder becomes a class)"),
     N_("skipped (.DS_Store, ._IMG.jpg)")),
    (N_("EXIF orientation"), N_("ignored"), N_("applied (as a viewer shows the photo)")),
    (N_("a colour profile other than sRGB"), N_("ignored"), N_("converted to sRGB (as a viewer shows it)")),
    (N_("a multi-page .tif/.tiff"), N_("the first page"), N_("the first page, with a warning naming it")),
    (N_("transparent pixels in rgb/grayscale"), N_("the colour under them (often black)"), N_("composited over white")),
    (N_("16-bit and float files"), N_("kept (grayscale) or clipped at 255"), N_("scaled to 0..255")),
    (N_("validation_split"), N_("in ImageDataGenerator(...)"), N_("in flow_from_directory(...)")),
    (N_("seed / shuffled order"), N_("None / NumPy's global generator"), N_("0 / the batches' own generator")),
    (N_("saved file names"), N_("{prefix}_{index}_{random}"), N_("{prefix}_{index}_{epoch}")),
)


def differences_table():
    """``DIFFERENCES`` as a text table in the learner's language: a header row, then one row per difference.

    Example:
        >>> print(differences_table().splitlines()[1])
        a stray, damaged or truncated file                  skipped (stray) or fails mid-epoch      refused before the first batch, by name
    """
    rows = [("", "ImageDataGenerator", "Augment")] + [tuple(tr(text) for text in row) for row in DIFFERENCES]
    return "\n".join(f"{pad(what, 51)} {pad(idg_does, 39)} {core_does}" for what, idg_does, core_does in rows)



class FileImages:
    """The images of a list of files, read when indexed: ``images[index]`` is (len(index), H, W, C) uint8.

    Each file is read by ``load_image`` (which names a damaged file) and resized as Keras'
    ``load_img`` resizes: to ``target_size`` (height, width) with ``interpolation``, after a centre
    crop to the target's aspect ratio when ``keep_aspect_ratio``; a file already at the target size
    is not resampled.
    """

    def __init__(self, paths, target_size, color_mode, interpolation, keep_aspect_ratio):
        self.paths = list(paths)
        self.target_size, self.color_mode = target_size, color_mode
        self.interpolation, self.keep_aspect_ratio = interpolation, keep_aspect_ratio
        self.shape = (len(self.paths), *target_size, CHANNELS[color_mode])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, index):
        index = np.atleast_1d(index)
        out = np.empty((len(index), *self.shape[1:]), np.uint8)
        for k, i in enumerate(index):
            out[k] = self.read(self.paths[int(i)])
        return out

    def read(self, path):
        """One file as (H, W, C) uint8 at ``target_size``."""
        from PIL import Image

        array = load_image(path, mode=self.color_mode)
        height, width = self.target_size
        if array.shape[:2] == (height, width):
            return array
        picture = Image.fromarray(array[..., 0] if array.shape[-1] == 1 else array)
        box = crop_box(picture.size, (width, height)) if self.keep_aspect_ratio else None
        resample = getattr(Image.Resampling, self.interpolation.upper())
        resized = np.asarray(picture.resize((width, height), resample, box=box))
        return resized if resized.ndim == 3 else resized[..., None]


def crop_box(size, target):
    """The centre crop (left, top, right, bottom) of a ``size`` (width, height) picture at ``target``'s
    aspect ratio, in whole pixels as Keras' ``load_img`` computes it.

    Example:
        >>> crop_box((400, 200), (100, 100))
        [100, 0, 300, 200]
    """
    width, height = size
    target_width, target_height = target
    crop_height = min(height, (width * target_height) // target_width)
    crop_width = min(width, (height * target_width) // target_height)
    top, left = (height - crop_height) // 2, (width - crop_width) // 2
    return [left, top, left + crop_width, top + crop_height]


class DirectoryBatches(AugmentedBatches):
    """Augmented batches from a folder of class subfolders, like IDG's ``DirectoryIterator``.

    A batch is ``(images, labels)``: images float32 (B, H, W, C) with C = 1, 3 or 4 for
    ``color_mode`` "grayscale", "rgb" or "rgba"; labels by ``class_mode``: "categorical" one-hot
    float32 (B, num_classes), "binary" and "sparse" float32 (B,), "input" the images again; with
    ``class_mode=None`` a batch is the images alone.
    """

    def __init__(self, aug, directory, target_size=(256, 256), color_mode="rgb", classes=None,
                 class_mode="categorical", batch_size=32, shuffle=True, seed=0, save_to_dir=None, save_prefix="",
                 save_format="png", follow_links=False, subset=None, interpolation="nearest",
                 keep_aspect_ratio=False, *, validation_split=0.0, data_format=None, dtype=None):
        keras.utils.PyDataset.__init__(self)
        target_size = check_size("target_size", target_size,
                                 tr("a (height, width) pair of positive integers, e.g. (256, 256)"))
        check_choice("color_mode", color_mode, COLOR_MODES)
        check_choice("class_mode", class_mode, CLASS_MODES)
        check_choice("interpolation", interpolation, RESIZE_METHODS)
        check_choice("subset", subset, (None, "training", "validation"))
        check_choice("data_format", data_format, (None, "channels_last"))
        check_choice("dtype", dtype, (None, "float32"))
        shuffle, follow_links = check_bool("shuffle", shuffle), check_bool("follow_links", follow_links)
        keep_aspect_ratio = check_bool("keep_aspect_ratio", keep_aspect_ratio)
        split = _check_split(validation_split, subset)
        self.batch_size = check_int("batch_size", batch_size, low=1)
        self.saving = check_saving(save_to_dir, save_prefix, save_format, CHANNELS[color_mode])
        self.shuffle, self.seed = bool(shuffle), _base_seed(seed)
        self.aug = aug
        check_path("directory", directory, kind="folder", caller="flow_from_directory")
        self.directory = os.path.expanduser(os.fspath(directory))         # as given (IDG keeps a trailing "/")
        class_names, files = image_files(self.directory, classes=classes, follow_links=follow_links,
                                         suffixes=IDG_SUFFIXES)
        if class_mode == "binary" and len(class_names) != 2:
            fail("class_mode", "binary", tr("'categorical' or 'sparse' here: 'binary' gives labels 0 and 1 for "
                                            "exactly two classes, and this folder has {count}: {names}",
                                            count=len(class_names), names=class_names))
        files = _split_files(files, len(class_names), split)
        if subset is not None and not files:
            fail("validation_split", validation_split, tr("a share that leaves images for subset={subset!r}",
                                                          subset=subset))
        _check_decodable([path for path, _ in files])
        self.class_indices = {name: i for i, name in enumerate(class_names)}
        self.num_classes = len(class_names)
        self.filenames = [os.path.relpath(path, self.directory) for path, _ in files]   # class/.../file
        self.filepaths = [os.path.join(self.directory, name) for name in self.filenames]
        self.classes = np.array([label for _, label in files], np.int32)
        self.samples = self.n = len(files)
        self.class_mode, self.color_mode, self.subset = class_mode, color_mode, subset
        self.target_size, self.interpolation, self.keep_aspect_ratio = target_size, interpolation, keep_aspect_ratio
        self.image_shape = (*target_size, CHANNELS[color_mode])
        self.save_to_dir, self.save_prefix, self.save_format = save_to_dir, save_prefix, save_format
        self.split, self.dtype, self.data_format = split, "float32", "channels_last"
        self.white_list_formats = tuple(suffix[1:] for suffix in IDG_SUFFIXES)
        self.x = FileImages(self.filepaths, target_size, color_mode, interpolation, keep_aspect_ratio)
        self.y = _labels(self.classes, self.num_classes, class_mode)
        self.extras, self.sample_weight = [], None
        self.epoch, self._next = 0, 0
        self._order = self._permutation()
        print(tr("Found {count} images belonging to {classes} classes.", count=self.samples,
                 classes=self.num_classes))

    def reset(self):
        """Start ``next()`` again at the first batch of this epoch (IDG's ``reset``, e.g. before ``predict``)."""
        self._next = 0

    @property
    def labels(self):
        """The class index of every file (IDG's ``labels``, the same array as ``classes``)."""
        return self.classes

    def _batch(self, i, index):
        batch = super()._batch(i, index)
        if self.class_mode == "input":
            return batch, batch.copy()
        return batch


def _check_split(validation_split, subset):
    """IDG's per-class slice (start share, stop share) for ``subset``, or None."""
    validation_split = check_number("validation_split", validation_split, low=0, high=1, high_inclusive=False)
    if subset is None:
        return None
    return (0.0, validation_split) if subset == "validation" else (validation_split, 1.0)


def _split_files(files, num_classes, split):
    """Each class's files cut at ``int(share * count)`` as IDG cuts them, classes kept in order."""
    if split is None:
        return files
    kept = []
    for label in range(num_classes):
        own = [entry for entry in files if entry[1] == label]
        kept += own[int(split[0] * len(own)):int(split[1] * len(own))]
    return kept


def _check_decodable(paths):
    """Decode every file once (threads; JPEGs at 1/8 scale, which still reads all their data): the first
    that is not an image, or is truncated or damaged, fails with ``load_image``'s message, which names it."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    def decodes(path):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")          # frames, profiles, sizes: load_image says so at its batch
                with Image.open(path) as img:
                    if img.format == "JPEG":
                        img.draft(img.mode, (max(1, img.width // 8), max(1, img.height // 8)))
                    img.load()
            return True
        except Exception:       # noqa: BLE001 - load_image turns it into the one-line message that names the file
            return False

    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) + 1)) as pool:
        for path, ok in zip(paths, pool.map(decodes, paths)):
            if not ok:
                load_image(path)          # names the file; the line below is rare (load_image read it)
                raise ValueError(tr("flow_from_directory: {path!r} could not be decoded", path=path))


def _labels(classes, num_classes, class_mode):
    """Every file's label as ``class_mode`` gives it (None for "input" and None: the batch decides)."""
    if class_mode in ("binary", "sparse"):
        return classes.astype(np.float32)
    if class_mode == "categorical":
        return np.eye(num_classes, dtype=np.float32)[classes]
    return None
