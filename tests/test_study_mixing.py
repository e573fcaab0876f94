"""Lesson 21's grid code: calibration scores, the mixed tf.data pipeline, the grid, its resumable runner and results."""

import json

import numpy as np
import pytest

from augcourse.study import calibration, mixing, mixing_results


# ---- scores (no TensorFlow) ---------------------------------------------------------------------------

def test_ece_of_a_hand_computed_example():
    # two predictions at confidence 0.95 (one right), two at 0.55 (both right)
    probs = np.array([[0.95, 0.05], [0.95, 0.05], [0.55, 0.45], [0.55, 0.45]])
    assert calibration.ece(probs, np.array([0, 1, 0, 0]), n_bins=10) == pytest.approx(0.5 * 0.45 + 0.5 * 0.45)


def test_ece_bins_are_closed_on_the_right():
    # confidence 0.5 belongs to the bin (0, 0.5] and 0.7 to (0.5, 1]: two bins, not one
    probs = np.array([[0.5, 0.3, 0.2], [0.7, 0.2, 0.1]])
    labels = np.array([0, 1])                          # the first right, the second wrong
    assert calibration.ece(probs, labels, n_bins=2) == pytest.approx(0.5 * 0.5 + 0.5 * 0.7)


def test_ece_is_zero_when_confidence_matches_accuracy_and_uses_the_top_probability():
    probs = np.tile([0.1, 0.8, 0.1], (10, 1))           # confidence 0.8, class 1 predicted
    labels = np.array([1] * 8 + [0] * 2)                # 8 of 10 right
    assert calibration.ece(probs, labels) == pytest.approx(0.0, abs=1e-12)
    onehot = np.eye(3)[labels]
    assert calibration.ece(probs, onehot) == pytest.approx(0.0, abs=1e-12)


def test_ece_weights_bins_by_their_share_of_predictions():
    probs = np.array([[0.9, 0.1]] * 3 + [[0.6, 0.4]])
    labels = np.array([0, 0, 0, 1])                     # 3 right at 0.9, 1 wrong at 0.6
    assert calibration.ece(probs, labels, n_bins=15) == pytest.approx(0.75 * 0.1 + 0.25 * 0.6)


def test_nll_uses_the_true_class_not_the_predicted_one():
    probs = np.array([[0.7, 0.2, 0.1], [0.25, 0.5, 0.25]])
    assert calibration.nll(probs, np.array([1, 0])) == pytest.approx(-(np.log(0.2) + np.log(0.25)) / 2)
    assert calibration.nll(np.array([[1.0, 0.0]]), np.array([1])) == pytest.approx(-np.log(1e-12))


def test_scores_and_shape_errors():
    out = calibration.scores(np.array([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]), np.eye(2)[[0, 0, 0]])
    assert out["acc"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="labels"):
        calibration.nll(np.ones((3, 2)) / 2, np.array([0, 1]))


def test_summary_uses_the_sample_standard_deviation():
    mean, sd, low, high, n = mixing_results.summary([{"x": 1.0}, {"x": 2.0}, {"x": 4.0}], "x")
    assert (mean, low, high, n) == (pytest.approx(7 / 3), 1.0, 4.0, 3)
    assert sd == pytest.approx(np.std([1, 2, 4], ddof=1))


# ---- the grid -----------------------------------------------------------------------------------------

def test_the_grid_is_the_one_fixed_before_running():
    table = {(c.mix, c.label_smoothing) for c in mixing.GRID}
    assert table == {(m, ls) for m in (None, "mixup", "cutmix") for ls in (0.0, 0.1)}
    assert mixing.get_mix_config("mixup_ls").mix == "mixup"
    assert mixing.get_mix_config("cutmix_ls").label_smoothing == 0.1
    assert mixing.get_mix_config("base").label_smoothing == 0.0
    assert (mixing.MIXUP_ALPHA, mixing.CUTMIX_FACTOR) == (0.2, 1.0)


def test_runs_go_seed_by_seed():
    assert mixing.grid_runs(("base", "cutmix"), (0, 1)) == [("base", 0), ("cutmix", 0), ("base", 1), ("cutmix", 1)]
    assert mixing.run_name("base_ls", 1) == "base_ls/seed1"


def test_a_bad_config_names_the_parameter():
    with pytest.raises(ValueError, match="mix"):
        mixing.MixConfig("x", "cutout")
    with pytest.raises(ValueError, match="config"):
        mixing.get_mix_config("mix_up")


class FakeData:
    source = "subset"

    def sizes(self):
        return {"train": 10, "validation": 2, "test": 4}


def fake_train(calls):
    def train(name, data, *, epochs, batch_size, seed):
        calls.append((name, seed))
        return {"loss": [1.0] * epochs}, {"config": name, "label": name, "seed": seed, "test_acc": 0.5,
                                          "test_nll": 1.0, "test_ece": 0.1, "epoch_s": 1.0}
    return train


def test_the_runner_writes_after_every_run_and_skips_runs_already_there(tmp_path, monkeypatch):
    path = tmp_path / "mixing.json"
    calls, seen = [], []
    train = fake_train(calls)

    def train_and_look(*args, **kwargs):
        if path.exists():                                    # what the file held before this run
            seen.append(sorted(json.loads(path.read_text())["runs"]))
        return train(*args, **kwargs)

    monkeypatch.setattr(mixing, "train_mix", train_and_look)
    mixing.run_grid(path, FakeData(), configs=["base", "mixup"], seeds=[0, 1], epochs=2, log=None)
    assert calls == [("base", 0), ("mixup", 0), ("base", 1), ("mixup", 1)]
    assert seen == [["base/seed0"], ["base/seed0", "mixup/seed0"],
                    ["base/seed0", "base/seed1", "mixup/seed0"]]
    calls.clear()
    mixing.run_grid(path, FakeData(), configs=["base", "mixup", "cutmix"], seeds=[0, 1], epochs=2, log=None)
    assert calls == [("cutmix", 0), ("cutmix", 1)]
    settings, by_config = mixing_results.load_mix_runs(path)
    assert list(by_config) == ["base", "mixup", "cutmix"] and [r["seed"] for r in by_config["cutmix"]] == [0, 1]
    assert settings["epochs"] == 2


def test_the_runner_refuses_a_file_with_other_settings(tmp_path, monkeypatch):
    from augcourse.study.results import ResultsFileError

    path = tmp_path / "mixing.json"
    calls = []
    monkeypatch.setattr(mixing, "train_mix", fake_train(calls))
    mixing.run_grid(path, FakeData(), configs=["base"], seeds=[0], epochs=2, log=None)
    with pytest.raises(ResultsFileError, match="other settings"):
        mixing.run_grid(path, FakeData(), configs=["base"], seeds=[0], epochs=3, log=None)
    mixing.run_grid(path, FakeData(), configs=["base"], seeds=[0], epochs=3, overwrite=True, log=None)
    assert calls == [("base", 0), ("base", 0)]
    assert json.loads(path.read_text())["settings"]["epochs"] == 3


# ---- the mixed pipeline (TensorFlow) ------------------------------------------------------------------

def black_and_white(n=16):
    """n/2 white images of class 0, n/2 black of class 1 (so an image's mean is its share of class 0)."""
    images = np.zeros((n, 8, 8, 3), np.uint8)
    images[: n // 2] = 255
    labels = np.eye(2, dtype=np.float32)[[0] * (n // 2) + [1] * (n // 2)]
    return images, labels


@pytest.mark.parametrize("mix", ["mixup", "cutmix"])
def test_mixed_labels_sum_to_one_and_match_the_pixels(mix):
    images, labels = black_and_white()
    x, y = next(iter(mixing.mixed_dataset(images, labels, mix, batch_size=16, seed=3)))
    x, y = x.numpy(), y.numpy()
    assert np.allclose(y.sum(axis=1), 1.0, atol=1e-6)
    assert x.min() >= 0 and x.max() <= 1
    assert ((y > 0.01) & (y < 0.99)).any(), "no label was mixed"
    white = x.mean(axis=(1, 2, 3))
    # MixUp blends the pixels with the label weight; CutMix's label weight is the box's area, which can
    # differ from the whole pixels it pastes by part of a row and a column (8 x 8 images: < 2 * 8 / 64)
    assert np.allclose(white, y[:, 0], atol=1e-5 if mix == "mixup" else 0.25)


def test_without_mixing_labels_stay_one_hot_and_batches_differ_between_epochs():
    images, labels = black_and_white()
    ds = mixing.mixed_dataset(images, labels, None, batch_size=16, seed=0)
    (x, y), = list(ds)
    assert set(np.unique(y.numpy())) == {0.0, 1.0}
    ds = mixing.mixed_dataset(images, labels, "mixup", batch_size=16, seed=0)
    first, second = (next(iter(ds))[1].numpy() for _ in range(2))
    assert not np.allclose(first, second)


def test_the_model_gets_the_label_smoothing_of_its_config():
    model = mixing.build_mix_model(0.1, seed=0, total_steps=10)
    assert model.loss.label_smoothing == 0.1
    assert float(model.optimizer.learning_rate) == pytest.approx(mixing.LEARNING_RATE)


def test_compare_pairs_seeds_and_says_cannot_tell_when_the_interval_includes_zero():
    runs = {"a": [{"seed": s, "x": v} for s, v in ((0, 0.60), (1, 0.70), (2, 0.65))],
            "b": [{"seed": s, "x": v} for s, v in ((2, 0.64), (0, 0.61), (1, 0.69))]}   # out of seed order
    out = mixing_results.compare(runs, "a", "b", "x")
    assert out["per_seed"] == pytest.approx([0.01, -0.01, -0.01])
    assert out["verdict"] == "cannot tell (interval includes 0)"
    # the same small gain in every seed: the ranges overlap, the paired interval does not reach 0
    runs["b"] = [{"seed": s, "x": v} for s, v in ((0, 0.610), (1, 0.711), (2, 0.662))]
    out = mixing_results.compare(runs, "a", "b", "x")
    assert out["overlap"] and out["verdict"] == "higher"
    assert out["interval"][0] == pytest.approx(0.011 - 4.302653 * 0.001 / np.sqrt(3), abs=1e-6)
    runs["b"] = [{"seed": s, "x": v} for s, v in ((0, 0.50), (1, 0.58), (2, 0.55))]
    assert mixing_results.compare(runs, "a", "b", "x")["verdict"] == "lower"


def test_compare_does_not_call_the_same_sign_in_three_seeds_a_difference():
    runs = {"a": [{"seed": s, "x": v} for s, v in enumerate((0.60, 0.62, 0.61))],
            "b": [{"seed": s, "x": v} for s, v in enumerate((0.61, 0.64, 0.62))]}     # +0.01 +0.02 +0.01
    out = mixing_results.compare(runs, "a", "b", "x")
    assert out["per_seed"] == pytest.approx([0.01, 0.02, 0.01]) and out["overlap"]
    assert out["interval"] == pytest.approx((-0.001009, 0.027676), abs=1e-5)       # t with 2 d.o.f., sample sd
    assert out["verdict"] == "cannot tell (interval includes 0)"
    assert mixing_results.compare(runs, "a", "b", "x", level=0.8)["verdict"] == "higher"
    with pytest.raises(ValueError, match="level"):
        mixing_results.compare(runs, "a", "b", "x", level=95)


def test_compare_uses_only_the_shared_seeds():
    runs = {"a": [{"seed": s, "x": v} for s, v in ((0, 0.60), (1, 0.70), (2, 0.65))],
            "b": [{"seed": 0, "x": 0.700}, {"seed": 2, "x": 0.751}]}
    out = mixing_results.compare(runs, "a", "b", "x")
    assert out["seeds"] == [0, 2] and out["per_seed"] == pytest.approx([0.100, 0.101])
    assert out["verdict"] == "higher"
    runs["b"] = [{"seed": 0, "x": 0.71}]
    out = mixing_results.compare(runs, "a", "b", "x")
    assert out["verdict"] == "cannot tell (one seed)" and out["interval"] is None
    runs["b"] = [{"seed": 5, "x": 0.71}]
    with pytest.raises(ValueError, match="no seed in common"):
        mixing_results.compare(runs, "a", "b", "x")


def test_a_sequential_pipeline_gives_the_same_batches_every_time():
    from augcourse._tf import keras

    images, labels = black_and_white(64)
    epochs = []
    for _ in range(2):
        keras.utils.set_random_seed(0)
        ds = mixing.mixed_dataset(images, labels, "cutmix", batch_size=8, seed=1, parallel=False)
        epochs.append(np.concatenate([y.numpy() for _, y in ds]))
    assert np.array_equal(epochs[0], epochs[1])
