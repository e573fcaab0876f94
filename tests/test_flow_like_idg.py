"""``Augment.flow`` takes what ``ImageDataGenerator.flow`` takes and gives what it gives: extra inputs,
sample weights, the validation split, saved batches, and errors for lengths that do not match."""

import numpy as np
import pytest

from augcourse._tf import tf
from augcourse.augment import Augment

ImageDataGenerator = tf.keras.preprocessing.image.ImageDataGenerator


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (20, 8, 8, 3), dtype=np.uint8)
    return x, np.arange(20) % 4, rng.normal(size=(20, 5)).astype("float32")


def test_extra_inputs_come_out_beside_the_images_in_the_same_order(data):
    x, y, extra = data
    idg_batch = next(ImageDataGenerator().flow((x, [extra, y * 10]), y, batch_size=6, shuffle=False))
    core_batch = Augment().flow((x, [extra, y * 10]), y, batch_size=6, shuffle=False)[0]
    (idg_x, *idg_extra), idg_y = idg_batch
    (core_x, *core_extra), core_y = core_batch
    assert len(core_extra) == len(idg_extra) == 2
    for a, b in zip(core_extra, idg_extra):
        assert np.array_equal(a, b)
    assert np.array_equal(core_x, idg_x) and np.array_equal(core_y, idg_y)
    single = Augment().flow((x, extra), batch_size=4, shuffle=True, seed=3)[1]
    images, rows = single
    assert all(np.array_equal(r, extra[np.flatnonzero((x == im.astype(np.uint8)).all(axis=(1, 2, 3)))[0]])
               for im, r in zip(images, rows))                    # shuffled together


@pytest.mark.parametrize("subset", ["training", "validation"])
def test_the_split_takes_the_same_images_as_idg(data, subset):
    x, y, _ = data
    idg = ImageDataGenerator(validation_split=0.25).flow(x, y, batch_size=20, shuffle=False, subset=subset)
    core = Augment().flow(x, y, batch_size=20, shuffle=False, validation_split=0.25, subset=subset)
    assert len(core.x) == len(idg.x) and np.array_equal(core.y, idg.y)
    assert np.array_equal(core[0][0], next(idg)[0])


def test_a_split_that_separates_classes_is_refused_like_idg(data):
    x, _, _ = data
    sorted_labels = np.repeat([0, 1], 10)
    with pytest.raises(ValueError, match="different number of classes"):
        ImageDataGenerator(validation_split=0.3).flow(x, sorted_labels, subset="training")
    with pytest.raises(ValueError, match=r"^subset must be a split whose two parts hold the same classes"):
        Augment().flow(x, sorted_labels, validation_split=0.3, subset="training")
    assert len(Augment().flow(x, sorted_labels, validation_split=0.3, subset="training",
                              ignore_class_split=True).x) == 14


@pytest.mark.parametrize("kwargs, message", [
    ({"subset": "train"}, r"^subset must be one of None, 'training', 'validation'; got 'train'"),
    ({"subset": "validation"}, r"^validation_split must be a share that leaves at least one"),
    ({"validation_split": 1.0, "subset": "training"}, r"^validation_split must be a finite number >= 0 and < 1"),
])
def test_bad_split_arguments_are_named(data, kwargs, message):
    x, y, _ = data
    with pytest.raises(ValueError, match=message):
        Augment().flow(x, y, **kwargs)


@pytest.mark.parametrize("args, kwargs, message", [
    (lambda x, y, e: ((x, e[:5]), y), {}, r"^x\[1\] \(extra input 0\) must be one row per image \(20\); got '5 rows'"),
    (lambda x, y, e: ((x, e, y), None), {}, r"^x must be an image array, or \(images, extra\)"),
    (lambda x, y, e: (x, y[:3]), {}, r"^y must be one label per image \(20\); got '3 labels'"),
    (lambda x, y, e: (x, y), {"sample_weight": np.ones(7)}, r"^sample_weight must be one weight per image"),
])
def test_lengths_that_do_not_match_are_named(data, args, kwargs, message):
    x, y, extra = data
    with pytest.raises(ValueError, match=message):
        Augment().flow(*args(x, y, extra), **kwargs)


def test_saved_batches_are_the_augmented_images_named_by_index(data, tmp_path):
    from PIL import Image

    x, y, _ = data
    batches = Augment(horizontal_flip=True).flow(x, y, batch_size=5, shuffle=False, save_to_dir=tmp_path,
                                                 save_prefix="aug", save_format="png")
    images, _ = batches[1]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"aug_{i}_0.png" for i in range(5, 10)]
    saved = np.asarray(Image.open(tmp_path / "aug_5_0.png")).astype("float32")
    first = images[0]
    stretched = (first - first.min()) / (first.max() - first.min()) * 255
    assert np.abs(saved - stretched).max() <= 0.5 + 1e-3


@pytest.mark.parametrize("kwargs, message", [
    ({"save_to_dir": "no/such/folder"}, r"^save_to_dir must be an existing folder"),
    ({"save_format": "gif"}, r"^save_format must be one of 'png'"),
])
def test_bad_saving_options_are_named(data, tmp_path, kwargs, message):
    x, y, _ = data
    kwargs = {"save_to_dir": tmp_path, **kwargs}
    with pytest.raises(ValueError, match=message):
        Augment().flow(x, y, **kwargs)
