"""augcourse.study.grid: the converged grid's configurations, input pipeline, evaluation and resumable runner."""

import json

import numpy as np
import pytest

from augcourse.study import grid
from augcourse.study.data import load_data


def test_the_grid_holds_what_the_study_promises_and_each_name_once():
    names = grid.GRID_NAMES
    assert len(set(names)) == len(names)
    assert {"none", "flip", "flip_crop", "flip_crop_erase", "mixup", "augmix"} <= set(names)
    assert sum(config.policy == "randaugment" for config in grid.GRID) >= 2
    zooms = [config.core.get("zoom_range") for config in grid.GRID if "zoom_range" in config.core]
    assert (0.7, 0.9) in zooms and (0.5, 0.7) in zooms and len(zooms) >= 4
    assert grid.get_grid_config("none").seeds >= 5 and grid.get_grid_config("flip").seeds >= 5
    assert all(config.seeds >= 3 for config in grid.GRID)
    assert grid.get_grid_config("none").core == {} and grid.get_grid_config("flip").core == {"horizontal_flip": True}


def test_runs_go_seed_by_seed_so_a_whole_grid_at_one_seed_comes_first():
    order = grid.run_order(["a", "b", "c"], {"a": 3, "b": 1, "c": 2})
    assert order == [("a", 0), ("b", 0), ("c", 0), ("a", 1), ("c", 1), ("a", 2)]
    assert grid.run_order([], {}) == []


def test_an_unknown_configuration_is_refused_with_the_allowed_names():
    with pytest.raises(ValueError, match="flip_crop"):
        grid.get_grid_config("flip_and_crop")


@pytest.fixture(scope="module")
def small():
    return load_data("subset", limit=64)


def batches(config, data, seed=0):
    xs, ys = zip(*[(x.numpy(), y.numpy()) for x, y in grid.train_dataset(
        grid.get_grid_config(config), data.tr_images, data.tr_oh_labels, batch_size=16, seed=seed)])
    return np.concatenate(xs), np.concatenate(ys)


def test_without_augmentation_the_batches_are_the_training_images_rescaled(small):
    x, y = batches("none", small)
    assert x.shape == small.tr_images.shape and x.dtype == np.float32
    expected = small.tr_images.astype(np.float32) / 255
    assert np.allclose(np.sort(x.reshape(len(x), -1), axis=0), np.sort(expected.reshape(len(x), -1), axis=0))
    assert np.array_equal(np.sort(y.argmax(axis=1)), np.sort(small.tr_oh_labels.argmax(axis=1)))


def test_pad_and_crop_shifts_in_whole_pixels_with_black_borders(small):
    x, _ = batches("flip_crop", small)
    assert 0 <= x.min() and x.max() <= 1
    black_rows = (x.max(axis=(2, 3)) == 0).sum(axis=1)               # fully black rows per image
    black_cols = (x.max(axis=(1, 3)) == 0).sum(axis=1)
    assert (black_rows + black_cols).max() <= 8 and (black_rows + black_cols).mean() > 1


def test_mixup_mixes_labels_that_still_sum_to_one(small):
    x, y = batches("mixup", small)
    assert np.allclose(y.sum(axis=1), 1, atol=1e-5)
    assert (y.max(axis=1) < 0.999).mean() > 0.2
    assert 0 <= x.min() and x.max() <= 1


@pytest.mark.parametrize("config", ["randaugment_0.5", "augmix", "flip_crop_erase"])
def test_policies_keep_images_in_range_and_change_them(small, config):
    x, _ = batches(config, small)
    plain, _ = batches("flip_crop", small)
    assert 0 <= x.min() and x.max() <= 1 and not np.allclose(x, plain)


def test_flip_tta_averages_the_mirror_and_corruptions_are_scored_one_by_one():
    from augcourse._tf import keras

    model = keras.Sequential([keras.Input((4, 4, 3)), keras.layers.Flatten(), keras.layers.Dense(2, activation="softmax")])
    left = np.zeros((4, 4, 3)); left[:, :2] = 1                      # class 0 scores the left half's brightness,
    weights = np.stack([left.ravel(), 1 - left.ravel()], axis=1) * 10  # class 1 the right half's
    model.layers[-1].set_weights([weights, np.zeros(2)])
    images = np.zeros((4, 4, 4, 3), np.uint8)
    images[:2, :, :2] = 255                                          # left half bright: class 0
    images[2:, :, 2:] = 200                                          # right half bright: class 1
    labels = np.array([0, 0, 1, 1])
    result = grid.evaluate(model, images, labels, {"mirrored": images[:, :, ::-1], "same": images})
    assert result["test_acc"] == 1.0
    assert result["corruption_acc"] == {"mirrored": 0.0, "same": 1.0}
    assert result["mean_corruption_acc"] == 0.5
    assert result["flip_tta_acc"] == 0.5                             # left 255 vs mirrored right 200: class 0 wins
    assert result["predicted"] == {"clean": "0011", "flip_tta": "0000", "mirrored": "1100", "same": "0011"}


def test_a_run_records_its_history_learning_rates_and_test_results(small):
    corrupted = {"noise/1": small.test_images}
    record = grid.train_run("flip", small, 0, corrupted, max_epochs=2, batch_size=16)
    assert record["epochs_run"] == 2 and not record["stopped_early"]
    assert len(record["history"]["lr"]) == len(record["history"]["val_loss"]) == len(record["epoch_s"]) == 2
    assert 1 <= record["best_epoch"] <= 2
    assert record["corruption_acc"]["noise/1"] == record["test_acc"]
    json.dumps(record)


def test_the_runner_resumes_and_refuses_a_file_with_other_settings(tmp_path, capsys):
    argv = ["--configs", "none", "--seeds", "1", "--max-epochs", "1", "--limit", "40", "--out", str(tmp_path)]
    path = grid.main(argv)
    first = json.loads(path.read_text())
    assert list(first["runs"]) == ["none"] and list(first["runs"]["none"]) == ["0"]
    assert "gaussian_noise/1" in first["runs"]["none"]["0"]["corruption_acc"]
    capsys.readouterr()
    grid.main(argv)                                                  # the run is there: nothing trained again
    assert capsys.readouterr().out == "" and json.loads(path.read_text()) == first
    with pytest.raises(SystemExit, match="other settings"):
        grid.main(["--configs", "none", "--seeds", "1", "--max-epochs", "2", "--limit", "40", "--out", str(tmp_path)])
    assert json.loads(path.read_text()) == first


@pytest.mark.parametrize("argv, word", [(["--configs", "bogus"], "bogus"), (["--max-epochs", "0"], "--max-epochs"),
                                        (["--seeds", "x"], "--seeds"), (["--limit", "2"], "--limit")])
def test_bad_options_stop_before_anything_is_loaded(argv, word, capsys):
    with pytest.raises(SystemExit) as stop:
        grid.parse_args(argv)
    assert stop.value.code == 2 and word in capsys.readouterr().err


def test_an_output_folder_that_does_not_exist_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        grid.main(["--out", str(tmp_path / "missing"), "--limit", "40"])
    assert stop.value.code == 2 and "argument --out: expected an existing folder" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


def test_augmix_picks_new_operations_for_every_batch(small, monkeypatch):
    """Keras' AugMix draws its operations with Python's random: the grid must call it on every batch of
    every epoch, not once when tf.data traces the map."""
    import random

    calls = []
    choice = random.choice
    monkeypatch.setattr(random, "choice", lambda seq: calls.append(1) or choice(seq))
    ds = grid.train_dataset(grid.get_grid_config("augmix"), small.tr_images, small.tr_oh_labels, batch_size=16)
    for _ in ds:                                                     # epoch 1
        pass
    first = len(calls)
    for _ in ds:                                                     # epoch 2: new draws, no new trace
        pass
    assert first > 0 and len(calls) > first


def test_randaugment_is_called_on_each_image_not_on_whole_batches(small, monkeypatch):
    """On a batch, Keras' RandAugment gives every image the same operations; the grid calls it per image."""
    from augcourse._tf import keras

    ranks = []
    call = keras.layers.RandAugment.call
    monkeypatch.setattr(keras.layers.RandAugment, "call",
                        lambda self, data, *args, **kwargs: ranks.append(len(data.shape)) or call(self, data, *args,
                                                                                                  **kwargs))
    x, _ = batches("randaugment_0.5", small)
    assert ranks and set(ranks) == {3} and x.shape == small.tr_images.shape


def test_every_test_prediction_is_kept_as_a_digit_string():
    assert grid.digits(np.array([3, 8, 1, 0])) == "3810" and grid.digits(np.array([], int)) == ""
    with pytest.raises(ValueError, match="0..9"):
        grid.digits(np.array([10]))


def test_every_configuration_tells_keras_how_many_batches_an_epoch_has(small):
    """An unknown length makes fit() warn at the end of every epoch ("Your input ran out of data")."""
    for config in grid.GRID:
        ds = grid.train_dataset(config, small.tr_images, small.tr_oh_labels, batch_size=16)
        assert int(ds.cardinality()) == 4, config.name
