"""The folder reader under drawn folders and options (hypothesis; ``make fuzz`` draws fresh ones).

For any folder of readable images and any accepted options, ``Augment().flow_from_directory`` lists
the files, labels and attributes that ``ImageDataGenerator().flow_from_directory`` lists, with the same
pixels. For a folder with something wrong in it (a stray file, a damaged or empty image, an empty
class folder), it refuses before the first batch with one line that names the offending path.
"""

import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from augcourse._tf import tf
from augcourse.augment import Augment

SETTINGS = settings(max_examples=30, deadline=None)
FORMATS = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")
# Modes both readers turn into the same pixels (opaque; 8 bits per value). Transparency and 16-bit files
# differ on purpose (see augment.directory.DIFFERENCES) and have their own tests.
MODES = ("L", "RGB", "RGBA", "P")

names = st.builds(lambda first, rest: (first + rest).rstrip(), st.sampled_from("abcxyz0é猫"),
                  st.text(alphabet="abcxyz_-0 é猫", max_size=5))
files = st.lists(st.tuples(st.lists(names, max_size=2), names, st.sampled_from(FORMATS), st.sampled_from(MODES),
                           st.integers(1, 24), st.integers(1, 24)), min_size=1, max_size=5)
folders = st.dictionaries(names, files, min_size=1, max_size=3)
options = st.fixed_dictionaries({
    "target_size": st.tuples(st.integers(1, 20), st.integers(1, 20)),
    "color_mode": st.sampled_from(["grayscale", "rgb", "rgba"]),
    "class_mode": st.sampled_from(["categorical", "sparse", "input", None]),
    "interpolation": st.sampled_from(["nearest", "bilinear", "bicubic", "hamming", "box", "lanczos"]),
    "keep_aspect_ratio": st.booleans(), "batch_size": st.integers(1, 7),
    "split": st.sampled_from([(None, 0.0), ("training", 0.25), ("validation", 0.5)]),
})
PROBLEMS = ("stray", "damaged", "truncated", "empty file", "empty class")


def _write(root, layout, seed):
    """Write the drawn layout with random pixels; returns the paths written."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    written = []
    for cls, entries in layout.items():
        (root / cls).mkdir(parents=True, exist_ok=True)
        for subfolders, stem, ext, mode, height, width in entries:
            path = root.joinpath(cls, *subfolders, f"{stem}.{ext}")
            path.parent.mkdir(parents=True, exist_ok=True)
            rgb = Image.fromarray(rng.integers(0, 256, (height, width, 3), np.uint8))
            picture = {"L": rgb.convert("L"), "RGB": rgb, "RGBA": rgb.convert("RGBA"),
                       "P": rgb.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)}[mode]
            if ext in ("jpg", "jpeg") and mode in ("RGBA", "P"):
                picture = picture.convert("RGB")          # JPEG holds no alpha or palette
            if ext == "ppm" and mode in ("RGBA", "P"):
                picture = picture.convert("RGB")
            picture.save(path)
            written.append(path)
    return written


def _idg(root, opts):
    subset, share = opts["split"]
    kwargs = {k: v for k, v in opts.items() if k != "split"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tf.keras.preprocessing.image.ImageDataGenerator(validation_split=share).flow_from_directory(
            str(root), shuffle=False, subset=subset, **kwargs)


def _ours(root, opts):
    subset, share = opts["split"]
    kwargs = {k: v for k, v in opts.items() if k != "split"}
    return Augment().flow_from_directory(root, shuffle=False, subset=subset, validation_split=share, **kwargs)


@SETTINGS
@given(layout=folders, opts=options, seed=st.integers(0, 2 ** 16))
def test_any_folder_of_images_reads_as_image_data_generator_reads_it(layout, opts, seed):
    root = Path(tempfile.mkdtemp()) / "data"
    try:
        _write(root, layout, seed)
        theirs = _idg(root, opts)
        if opts["split"][0] is not None and theirs.samples == 0:
            return                                      # a split with no image: refused by ours (tested apart)
        ours = _ours(root, opts)
        for name in ("filenames", "filepaths", "samples", "class_indices", "num_classes", "image_shape"):
            assert getattr(ours, name) == getattr(theirs, name), name
        assert np.array_equal(ours.classes, theirs.classes) and len(ours) == len(theirs)
        for i in range(len(ours)):
            a, b = ours[i], theirs[i]
            a, b = (a, b) if isinstance(a, tuple) else ((a,), (b,))
            for mine, idg in zip(a, b):
                assert mine.shape == idg.shape and np.array_equal(mine, idg), (i, ours.filenames)
    finally:
        shutil.rmtree(root.parent)


@SETTINGS
@given(layout=folders, problem=st.sampled_from(PROBLEMS), where=st.integers(0, 100), seed=st.integers(0, 2 ** 16))
def test_a_folder_with_something_wrong_is_refused_by_name_before_any_batch(layout, problem, where, seed):
    root = Path(tempfile.mkdtemp()) / "data"
    try:
        written = _write(root, layout, seed)
        victim = written[where % len(written)]
        if problem == "stray":
            bad = victim.with_name("notes.txt")
            bad.write_text("a note")
        elif problem == "damaged":
            bad = victim
            bad.write_bytes(b"these bytes are no image")
        elif problem == "truncated":
            bad = victim
            data = bad.read_bytes()
            bad.write_bytes(data[:max(1, len(data) // 2)])
        elif problem == "empty file":
            bad = victim
            bad.write_bytes(b"")
        else:
            bad = root / "zz_empty_class"
            bad.mkdir()
        try:
            Augment().flow_from_directory(root, target_size=(8, 8))
        except ValueError as error:
            message = str(error)
        else:
            raise AssertionError(f"{problem} at {bad} was not refused")
        assert "\n" not in message and (str(bad.relative_to(root)) in message or str(bad) in message), message
    finally:
        shutil.rmtree(root.parent)
