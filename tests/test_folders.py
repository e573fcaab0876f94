"""Image folders: written from real CIFAR-10 images, read back in the Keras readers' class order, and every
problem a real folder has (a stray file, a damaged image, an empty class) named before the first batch."""

import numpy as np
import pytest

from augcourse.augment import Augment
from augcourse.datasets import load_cifar10
from augcourse.folders import image_files, read_image_files, read_image_folder, write_image_folder


@pytest.fixture(scope="module")
def cifar():
    (x, y), _, names = load_cifar10("subset")
    return x[:30], y[:30, 0] % 3, ["truck", "airplane", "cat"]       # names deliberately not sorted


@pytest.fixture
def folder(tmp_path, cifar):
    x, y, names = cifar
    return write_image_folder(tmp_path / "data", x, y, names)


def test_a_folder_round_trips_pixel_for_pixel_in_alphabetical_class_order(folder, cifar):
    x, y, names = cifar
    images, labels, classes = read_image_folder(folder, size=(32, 32))
    assert classes == sorted(names)
    for image, label in zip(images, labels):
        original = x[np.flatnonzero([np.array_equal(image, o) for o in x])]
        assert len(original) >= 1
        i = int(np.flatnonzero([np.array_equal(image, o) for o in x])[0])
        assert classes[label] == names[y[i]]


def test_the_order_is_what_keras_reads(folder):
    from augcourse import keras

    classes, files = image_files(folder)
    dataset = keras.utils.image_dataset_from_directory(folder, image_size=(32, 32), shuffle=False, batch_size=64)
    assert dataset.class_names == classes
    labels = np.concatenate([y.numpy() for _, y in dataset])
    assert labels.tolist() == [label for _, label in files]


def test_a_stray_file_is_named(folder):
    (folder / "cat" / "notes.txt").write_text("hello")
    with pytest.raises(ValueError, match=r"^directory must be class folders holding only images.*cat/notes\.txt"):
        read_image_folder(folder, size=(32, 32))


def test_a_damaged_image_is_named_by_load_image(folder):
    (folder / "cat" / "99999.png").write_bytes(b"not a png")
    with pytest.raises(ValueError, match=r"^load_image: .*99999\.png.* is not an image file"):
        Augment(horizontal_flip=True).flow_from_directory(folder, target_size=(32, 32))


def test_an_empty_class_and_a_folder_without_classes_are_refused(tmp_path, folder):
    (folder / "empty").mkdir()
    with pytest.raises(ValueError, match=r"class folder 'empty'.* at least one image"):
        image_files(folder)
    (tmp_path / "flat").mkdir()
    with pytest.raises(ValueError, match=r"^directory must be a folder with one subfolder of images per class"):
        image_files(tmp_path / "flat")
    with pytest.raises(FileNotFoundError, match=r"no folder at"):
        image_files(tmp_path / "nowhere")
    with pytest.raises(ValueError, match=r"^paths must be at least one image file"):
        read_image_files([], size=(8, 8))


def test_write_refuses_labels_that_do_not_fit(tmp_path, cifar):
    x, y, names = cifar
    with pytest.raises(ValueError, match=r"^labels must be 30 integer class indices in 0\.\.2"):
        write_image_folder(tmp_path / "bad", x, y + 1, names)
    with pytest.raises(TypeError, match=r"^images\.dtype must be uint8"):
        write_image_folder(tmp_path / "bad", x.astype("float32"), y, names)


def test_the_core_door_gives_batches_and_class_indices(folder):
    batches = Augment(horizontal_flip=True).flow_from_directory(folder, target_size=(16, 16), batch_size=8, seed=0,
                                                                class_mode="sparse")
    xb, yb = batches[0]
    assert batches.class_indices == {"airplane": 0, "cat": 1, "truck": 2}
    assert xb.shape == (8, 16, 16, 3) and xb.dtype == np.float32 and len(batches) == 4
    assert set(yb.tolist()) <= {0, 1, 2}


# -- nested folders inside a class folder, read as ImageDataGenerator reads them (issue 21, item 8) ------
def _nested_folder(root):
    """13 images: dog/ holds 3 of its own, puppies/ 3, puppies/tiny/ 1 and puppies-2/ 1 (listed before
    puppies/tiny/: IDG sorts the walked folders by their path as a string); cat/ 2 and cat/kittens 3."""
    from PIL import Image

    rng = np.random.default_rng(21)
    layout = {"dog": 3, "dog/puppies": 3, "dog/puppies/tiny": 1, "dog/puppies-2": 1,
              "dog/b_older": 0, "cat": 2, "cat/kittens": 3}
    for sub, count in layout.items():
        (root / sub).mkdir(parents=True, exist_ok=True)
        for i in range(count):
            Image.fromarray(rng.integers(0, 256, (8, 8, 3), np.uint8)).save(root / sub / f"{'zba'[i]}{i}.png")
    return root


def test_images_in_subfolders_of_a_class_are_read_in_image_data_generators_order(tmp_path):
    from augcourse._tf import tf

    folder = _nested_folder(tmp_path / "pets")
    classes, files = image_files(folder)
    idg = tf.keras.preprocessing.image.ImageDataGenerator().flow_from_directory(
        folder, target_size=(8, 8), class_mode="sparse", batch_size=13, shuffle=False)
    assert idg.samples == len(files) == 13 and classes == list(idg.class_indices)
    assert [str(path.relative_to(folder)) for path, _ in files] == idg.filenames
    assert [label for _, label in files] == idg.classes.tolist()
    # No augmentation and no resizing (the files are 8 x 8), so interpolation plays no part: pixel-equal.
    batches = Augment().flow_from_directory(folder, target_size=(8, 8), batch_size=13, shuffle=False,
                                            class_mode="sparse")
    (xb, yb), (idg_x, idg_y) = batches[0], idg[0]
    assert batches.class_indices == idg.class_indices
    assert np.array_equal(yb, idg_y.astype(yb.dtype)) and np.array_equal(xb, idg_x)


def test_a_stray_file_in_a_nested_folder_is_named_and_hidden_ones_are_skipped(tmp_path):
    folder = _nested_folder(tmp_path / "pets")
    (folder / "dog" / ".ipynb_checkpoints").mkdir()
    (folder / "dog" / ".ipynb_checkpoints" / "a0-checkpoint.png").write_bytes(b"")
    (folder / "dog" / "puppies" / ".DS_Store").write_bytes(b"")
    assert len(image_files(folder)[1]) == 13
    (folder / "dog" / "linked").symlink_to(folder / "cat" / "kittens", target_is_directory=True)
    assert len(image_files(folder)[1]) == 13            # links to folders are not followed (IDG's default)
    (folder / "dog" / "puppies" / "notes.txt").write_text("hello")
    with pytest.raises(ValueError, match=r"^directory must be class folders holding only .*dog/puppies/notes\.txt"):
        image_files(folder)
