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
    batches = Augment(horizontal_flip=True).flow_from_directory(folder, target_size=(16, 16), batch_size=8, seed=0)
    xb, yb = batches[0]
    assert batches.class_indices == {"airplane": 0, "cat": 1, "truck": 2}
    assert xb.shape == (8, 16, 16, 3) and xb.dtype == np.float32 and len(batches) == 4
    assert set(yb.tolist()) <= {0, 1, 2}
