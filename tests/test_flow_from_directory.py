"""``Augment.flow_from_directory`` against ``ImageDataGenerator().flow_from_directory`` on one real folder:
the same files, labels, attributes and (with no augmentation drawn) the same pixels, option by option."""

import warnings

import numpy as np
import pytest

from augcourse._tf import tf
from augcourse.augment import Augment
from augcourse.datasets import load_cifar10

IDG = tf.keras.preprocessing.image.ImageDataGenerator
ATTRIBUTES = ("filenames", "filepaths", "samples", "n", "class_indices", "num_classes", "image_shape")
# Each class folder holds files of every format IDG reads, real CIFAR pixels at several sizes (some not
# square, some nested one folder down), so resizing, cropping and the walk order all take part.
LAYOUT = {
    "cat": [("a.png", (32, 32)), ("b.jpg", (40, 24)), ("c.bmp", (24, 40)), ("sub/d.ppm", (32, 48)),
            ("sub/e.tif", (32, 32)), ("f.tiff", (20, 36)), ("g.jpeg", (32, 32))],
    "dog": [("a.png", (48, 32)), ("b.png", (32, 32)), ("c.bmp", (36, 30)), ("d.tiff", (32, 32)),
            ("deep/er/e.png", (30, 30)), ("f.ppm", (32, 32))],
    "frog": [("a.png", (32, 32)), ("b.jpg", (32, 40)), ("c.png", (26, 34)), ("d.bmp", (32, 32))],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from PIL import Image

    (x, _), _, _ = load_cifar10("subset")
    root = tmp_path_factory.mktemp("parity") / "pets"
    k = 0
    for name, files in LAYOUT.items():
        for file, (height, width) in files:
            path = root / name / file
            path.parent.mkdir(parents=True, exist_ok=True)
            picture = Image.fromarray(x[k]).resize((width, height), Image.Resampling.BILINEAR)
            picture.save(path, quality=95) if path.suffix in (".jpg", ".jpeg") else picture.save(path)
            k += 1
    return root


def idg_flow(folder, *, generator=None, **options):
    """``ImageDataGenerator(**generator).flow_from_directory(folder, **options)``, its .tiff notice silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # IDG warns about multi-band .tiff files whenever it lists one
        return IDG(**(generator or {})).flow_from_directory(str(folder), **options)


def _both(folder, **options):
    """(ours, IDG's) iterators over ``folder`` with ``options``, in file order."""
    options.setdefault("shuffle", False)
    idg_options = {key: value for key, value in options.items() if key != "validation_split"}
    theirs = idg_flow(folder, generator={"validation_split": options.get("validation_split", 0.0)}, **idg_options)
    ours = Augment().flow_from_directory(str(folder), **options)
    return ours, theirs


def _assert_same(ours, theirs, pixels=True):
    for name in ATTRIBUTES:
        assert getattr(ours, name) == getattr(theirs, name), name
    assert np.array_equal(ours.classes, theirs.classes) and ours.classes.dtype == theirs.classes.dtype
    assert np.array_equal(ours.labels, theirs.labels)
    assert len(ours) == len(theirs)
    for i in range(len(ours)):
        mine, idg = ours[i], theirs[i]
        mine, idg = (mine, idg) if isinstance(mine, tuple) else ((mine,), (idg,))
        assert len(mine) == len(idg)
        for a, b in zip(mine, idg):
            assert a.shape == b.shape and a.dtype == b.dtype
            if pixels:
                assert np.array_equal(a, b), f"batch {i}: {np.abs(a - b).max()}"


@pytest.mark.parametrize("class_mode", ["categorical", "sparse", "input", None])
def test_every_class_mode_gives_idg_s_batches_and_attributes(folder, class_mode):
    _assert_same(*_both(folder, target_size=(32, 32), batch_size=5, class_mode=class_mode))


def test_binary_class_mode_on_two_classes_and_refused_on_three(folder):
    _assert_same(*_both(folder, target_size=(32, 32), batch_size=4, class_mode="binary", classes=["dog", "cat"]))
    with pytest.raises(ValueError, match=r"^class_mode must be 'categorical' or 'sparse' here: 'binary' .* has 3: "):
        Augment().flow_from_directory(folder, class_mode="binary")
    with pytest.raises(ValueError, match=r"exactly two classes, and this folder has 1: \['cat'\]"):
        Augment().flow_from_directory(folder, class_mode="binary", classes=["cat"])


@pytest.mark.parametrize("color_mode", ["grayscale", "rgb", "rgba"])
def test_every_color_mode_gives_idg_s_pixels(folder, color_mode):
    _assert_same(*_both(folder, target_size=(32, 32), batch_size=8, color_mode=color_mode))


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear", "bicubic", "hamming", "box", "lanczos"])
@pytest.mark.parametrize("keep_aspect_ratio", [False, True])
def test_resizing_matches_idg_for_every_method_with_and_without_keeping_the_aspect_ratio(
        folder, interpolation, keep_aspect_ratio):
    _assert_same(*_both(folder, target_size=(24, 28), batch_size=17, interpolation=interpolation,
                        keep_aspect_ratio=keep_aspect_ratio))


def test_the_default_resizing_is_idg_s_nearest(folder):
    ours = Augment().flow_from_directory(folder, target_size=(20, 20), shuffle=False, batch_size=17)
    bilinear = Augment().flow_from_directory(folder, target_size=(20, 20), shuffle=False, batch_size=17,
                                             interpolation="bilinear")
    assert ours.interpolation == "nearest" and not np.array_equal(ours[0][0], bilinear[0][0])


@pytest.mark.parametrize("classes", [["frog", "cat"], ["dog", "frog", "cat"], []])
def test_classes_give_the_order_and_leave_other_folders_out(folder, classes):
    ours, theirs = _both(folder, target_size=(32, 32), batch_size=6, classes=classes)
    _assert_same(ours, theirs)
    assert list(ours.class_indices) == (classes or ["cat", "dog", "frog"])


def test_a_class_without_a_folder_is_named(folder):
    with pytest.raises(ValueError, match=r"^classes must be names of subfolders .*no folder for \['bird'\]"):
        Augment().flow_from_directory(folder, classes=["cat", "bird"])
    with pytest.raises(ValueError, match=r"^classes must be None or a list of distinct subfolder names"):
        Augment().flow_from_directory(folder, classes="cat")


@pytest.mark.parametrize("subset", ["training", "validation"])
@pytest.mark.parametrize("validation_split", [0.3, 0.5])
def test_subset_cuts_each_class_as_idg_does(folder, subset, validation_split):
    ours, theirs = _both(folder, target_size=(32, 32), batch_size=4, subset=subset, validation_split=validation_split)
    _assert_same(ours, theirs)
    assert ours.subset == subset


def test_a_split_leaving_no_validation_image_is_refused(folder):
    with pytest.raises(ValueError, match=r"^validation_split must be a share that leaves images for subset='validation'"):
        Augment().flow_from_directory(folder, subset="validation", validation_split=0.1)


def test_follow_links_reads_linked_folders_as_idg_does_and_a_loop_is_refused(tmp_path, folder):
    import shutil

    root = tmp_path / "linked"
    shutil.copytree(folder, root)
    (root / "frog" / "from_cats").symlink_to(root / "cat" / "sub", target_is_directory=True)
    for follow in (False, True):
        ours, theirs = _both(root, target_size=(32, 32), batch_size=9, follow_links=follow)
        _assert_same(ours, theirs)
    assert ours.samples == sum(len(files) for files in LAYOUT.values()) + 2
    (root / "dog" / "deep" / "back").symlink_to(root / "dog", target_is_directory=True)
    with pytest.raises(ValueError, match=r"^follow_links must be folders whose links do not loop back"):
        Augment().flow_from_directory(root, follow_links=True)


def test_shuffled_epochs_hold_every_file_once_in_an_order_the_seed_fixes(folder):
    ours = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=4, class_mode="sparse", seed=3)
    again = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=4, class_mode="sparse", seed=3)
    other = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=4, class_mode="sparse", seed=4)
    plain = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=17, class_mode="sparse",
                                          shuffle=False)

    def epoch(batches):
        return [next(batches) for _ in range(len(batches))]

    first, repeat, different = epoch(ours), epoch(again), epoch(other)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(first, repeat))
    assert not all(np.array_equal(a[0], b[0]) for a, b in zip(first, different))
    xs, ys = np.concatenate([b[0] for b in first]), np.concatenate([b[1] for b in first])
    px, py = plain[0]
    key = lambda x, y: sorted((float(label), image.tobytes()) for image, label in zip(x, y))   # noqa: E731
    assert key(xs, ys) == key(px, py)                       # the same images with the same labels, once each
    second = epoch(ours)
    assert not all(np.array_equal(a[0], b[0]) for a, b in zip(first, second))     # a new order each epoch


def test_save_to_dir_writes_idg_s_files_per_batch(tmp_path, folder):
    ours_dir, idg_dir = tmp_path / "ours", tmp_path / "idg"
    ours_dir.mkdir(), idg_dir.mkdir()
    ours = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=5, shuffle=False,
                                         save_to_dir=ours_dir, save_prefix="aug", save_format="jpeg")
    theirs = idg_flow(folder, target_size=(32, 32), batch_size=5, shuffle=False,
                      save_to_dir=str(idg_dir), save_prefix="aug", save_format="jpeg")
    ours[1], theirs[1]
    index = lambda folder: sorted(p.name.split("_")[1] for p in folder.iterdir())   # noqa: E731
    assert index(ours_dir) == index(idg_dir) == sorted(str(i) for i in range(5, 10))
    assert all(p.name.startswith("aug_") and p.suffix == ".jpeg" for p in ours_dir.iterdir())
    with pytest.raises(ValueError, match=r"^save_to_dir must be an existing folder"):
        Augment().flow_from_directory(folder, save_to_dir=tmp_path / "nowhere")


def test_augmentation_and_normalization_apply_to_the_files(folder):
    ours = Augment(rescale=1 / 255, samplewise_center=True).flow_from_directory(
        folder, target_size=(32, 32), batch_size=17, shuffle=False, class_mode=None)
    theirs = idg_flow(folder, generator={"rescale": 1 / 255, "samplewise_center": True}, target_size=(32, 32),
                      batch_size=17, shuffle=False, class_mode=None)
    assert np.allclose(ours[0], theirs[0], atol=1e-6)
    flipped = Augment(horizontal_flip=True, p={"horizontal_flip": 1.0}).flow_from_directory(
        folder, target_size=(32, 32), batch_size=17, shuffle=False, class_mode=None)
    plain = Augment().flow_from_directory(folder, target_size=(32, 32), batch_size=17, shuffle=False, class_mode=None)
    assert np.array_equal(flipped[0], plain[0][:, :, ::-1])


@pytest.mark.parametrize("option, value, words", [
    ("target_size", (0, 32), "target_size must be a (height, width) pair of positive integers"),
    ("target_size", 32, "target_size must be a (height, width) pair"),
    ("color_mode", "RGB", "color_mode must be one of"),
    ("class_mode", "raw", "class_mode must be one of"),
    ("interpolation", "area", "interpolation must be one of"),
    ("subset", "test", "subset must be one of"),
    ("batch_size", 0, "batch_size must be"),
    ("follow_links", "yes", "follow_links must be True or False"),
    ("keep_aspect_ratio", 1, "keep_aspect_ratio must be True or False"),
    ("shuffle", None, "shuffle must be True or False"),
    ("seed", -1, "seed must be"),
    ("dtype", "float16", "dtype must be one of"),
    ("data_format", "channels_first", "data_format must be one of"),
    ("validation_split", 1.0, "validation_split must be"),
])
def test_a_bad_option_is_named_before_any_file_is_read(tmp_path, option, value, words):
    with pytest.raises((ValueError, TypeError)) as caught:
        Augment().flow_from_directory(tmp_path / "not even a folder", **{option: value})
    assert str(caught.value).startswith(words), caught.value


def test_a_stray_or_broken_file_idg_would_skip_or_fail_on_later_is_named_first(tmp_path, folder):
    import shutil

    root = tmp_path / "broken"
    shutil.copytree(folder, root)
    (root / "dog" / "clip.gif").write_bytes(b"GIF89a")
    with pytest.raises(ValueError, match=r"^directory must be class folders holding only images .*dog/clip\.gif"):
        Augment().flow_from_directory(root)
    (root / "dog" / "clip.gif").unlink()
    (root / "dog" / "z.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match=r"z\.png.* is not an image file"):
        Augment().flow_from_directory(root)


@pytest.mark.parametrize("directory, error, words", [
    ("", ValueError, "flow_from_directory: directory must be a path to a folder; got an empty string"),
    ("https://example.com/pets.zip", ValueError, "flow_from_directory: directory must be a path to a folder on this"),
    (b"pets", TypeError, "flow_from_directory: directory must be a path (str or pathlib.Path)"),
    (None, TypeError, "flow_from_directory: directory must be a path"),
    ("no/such/folder", FileNotFoundError, "flow_from_directory: no folder at"),
])
def test_a_directory_that_is_no_folder_gets_one_line(directory, error, words):
    with pytest.raises(error) as caught:
        Augment().flow_from_directory(directory)
    assert str(caught.value).startswith(words) and "\n" not in str(caught.value)


def test_a_file_given_as_the_directory_and_a_home_relative_folder(tmp_path, monkeypatch, folder):
    with pytest.raises(ValueError, match=r"^flow_from_directory: directory must be a path to a folder; got the file"):
        Augment().flow_from_directory(folder / "cat" / "a.png")
    monkeypatch.setenv("HOME", str(folder.parent))
    batches = Augment().flow_from_directory("~/pets", target_size=(8, 8))
    assert batches.directory == str(folder) and batches.samples == sum(len(f) for f in LAYOUT.values())


@pytest.mark.parametrize("name", ["b.jpg", "a.png", "c.bmp", "f.tiff"])
def test_a_truncated_file_is_named_before_the_first_batch(tmp_path, folder, name):
    import shutil

    root = tmp_path / "cut"
    shutil.copytree(folder, root)
    data = (root / "cat" / name).read_bytes()
    (root / "cat" / name).write_bytes(data[:len(data) // 2])          # a download that stopped half-way
    with pytest.raises(ValueError, match=rf"^load_image: path='.*cat/{name}' is truncated or damaged"):
        Augment().flow_from_directory(root)


def test_reset_and_idg_s_other_attributes(folder):
    batches = Augment().flow_from_directory(str(folder) + "/", target_size=(8, 8), batch_size=4, shuffle=False,
                                            class_mode="sparse")
    theirs = idg_flow(str(folder) + "/", target_size=(8, 8), batch_size=4, shuffle=False, class_mode="sparse")
    first = next(batches)[1]
    next(batches)
    batches.reset()
    assert np.array_equal(next(batches)[1], first)
    for name in ("directory", "filepaths", "save_to_dir", "save_prefix", "save_format", "split", "dtype",
                 "data_format", "target_size", "color_mode", "class_mode", "interpolation", "keep_aspect_ratio"):
        assert getattr(batches, name) == getattr(theirs, name), name
    assert set(batches.white_list_formats) == set(theirs.white_list_formats)


def test_rgba_batches_are_not_saved_as_jpeg(tmp_path, folder):
    with pytest.raises(ValueError, match=r"^save_format must be 'png', 'bmp' or 'tiff' for 4-channel \(RGBA\)"):
        Augment().flow_from_directory(folder, color_mode="rgba", save_to_dir=tmp_path, save_format="jpeg")
    with pytest.raises(ValueError, match=r"^save_format must be 'png', 'bmp' or 'tiff' for 4-channel"):
        Augment().flow(np.zeros((2, 4, 4, 4), np.uint8), save_to_dir=tmp_path, save_format="jpg")
    batches = Augment().flow_from_directory(folder, color_mode="rgba", save_to_dir=tmp_path, target_size=(8, 8),
                                            batch_size=2, shuffle=False)
    batches[0]
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png", ".png"]
