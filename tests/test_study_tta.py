"""Test-time augmentation (augcourse.study.tta): the views, combining, paired comparisons, the saved file."""

import os
from pathlib import Path

import numpy as np
import pytest

from augcourse.study import tta

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "notebooks" / "study_results"


def _images(n=3, h=8, w=10, c=3, seed=0):
    return np.random.default_rng(seed).integers(0, 256, size=(n, h, w, c)).astype(np.float32)


def test_flips_and_turn():
    x = _images()
    np.testing.assert_array_equal(tta.tta_view(x, "identity"), x)
    np.testing.assert_array_equal(tta.tta_view(x, "hflip"), x[:, :, ::-1])
    np.testing.assert_array_equal(tta.tta_view(x, "vflip"), x[:, ::-1])
    np.testing.assert_array_equal(tta.tta_view(x, "rot180"), np.rot90(x, 2, axes=(1, 2)))
    # a copy, not a view of the input
    out = tta.tta_view(x, "identity")
    out[...] = 0
    assert x.any()


@pytest.mark.parametrize("name, axis, sign", [("shift_right", 2, 1), ("shift_left", 2, -1),
                                              ("shift_down", 1, 1), ("shift_up", 1, -1)])
def test_shifts_move_content_that_way_and_repeat_the_edge(name, axis, sign):
    x, s = _images(), tta.SHIFT
    out = tta.tta_view(x, name)
    assert out.shape == x.shape and out.dtype == np.float32
    n = x.shape[axis]
    take = lambda a, start, stop: np.take(a, np.arange(start, stop), axis=axis)  # noqa: E731
    if sign > 0:   # content moves towards larger indices; the first s rows/columns repeat the first one
        np.testing.assert_array_equal(take(out, s, n), take(x, 0, n - s))
        for i in range(s):
            np.testing.assert_array_equal(take(out, i, i + 1), take(x, 0, 1))
    else:
        np.testing.assert_array_equal(take(out, 0, n - s), take(x, s, n))
        for i in range(n - s, n):
            np.testing.assert_array_equal(take(out, i, i + 1), take(x, n - 1, n))


def test_zoom_stretches_the_centre():
    # a horizontal ramp (value = column index): output column j samples column 2 + (j + 0.5) * 28/32 - 0.5
    ramp = np.tile(np.arange(32, dtype=np.float32)[None, None, :, None], (1, 32, 1, 1))
    out = tta.tta_view(ramp, "zoom")
    expected = 2 + (np.arange(32) + 0.5) * 28 / 32 - 0.5
    np.testing.assert_allclose(out[0, 5, :, 0], expected, atol=1e-5)
    np.testing.assert_allclose(out[0, :, 7, 0], np.full(32, expected[7]), atol=1e-5)   # rows untouched
    # the same along the rows (a vertical ramp)
    np.testing.assert_allclose(tta.tta_view(np.swapaxes(ramp, 1, 2), "zoom")[0, :, 3, 0], expected, atol=1e-5)
    # cropping the whole image changes nothing; a constant image stays constant
    x = _images(h=32, w=32)
    np.testing.assert_allclose(tta._centre_zoom(x, 32), x, atol=1e-4)
    np.testing.assert_allclose(tta.tta_view(np.full((1, 32, 32, 3), 7.0), "zoom"), 7.0)


def test_view_errors_name_the_parameter():
    with pytest.raises(ValueError, match=r"name must be one of .*'hflip'.*got 'flip'"):
        tta.tta_view(_images(), "flip")
    with pytest.raises(ValueError, match="images must be 4-D"):
        tta.tta_view(np.zeros((8, 8, 3)), "hflip")


def test_combine_probs_and_logprobs():
    a = np.array([[0.5, 0.5], [0.9, 0.1]])
    b = np.array([[0.98, 0.02], [0.2, 0.8]])
    np.testing.assert_allclose(tta.combine([a, b]), (a + b) / 2)
    geo = np.sqrt(a * b)
    np.testing.assert_allclose(tta.combine([a, b], "logprobs"), geo / geo.sum(axis=1, keepdims=True))
    # the two rules can disagree: in the geometric mean one view that rules a class out vetoes it
    p = [np.array([[0.9, 0.1]]), np.array([[0.9, 0.1]]), np.array([[0.001, 0.999]])]
    assert tta.combine(p, "probs").argmax() == 0 and tta.combine(p, "logprobs").argmax() == 1
    # a zero probability is clipped, not -inf
    assert np.isfinite(tta.combine([np.array([[1.0, 0.0]]), np.array([[0.5, 0.5]])], "logprobs")).all()
    with pytest.raises(ValueError, match="how must be one of"):
        tta.combine([a], "logits")


def test_accuracy_paired_counts_and_bootstrap():
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert tta.accuracy(probs, np.array([0, 1, 1, 1])) == 0.75
    assert tta.accuracy(probs, np.eye(2)[[0, 1, 1, 1]]) == 0.75
    rng = np.random.default_rng(3)
    a, b = rng.random(500) < 0.6, rng.random(500) < 0.7
    fixed, broken = tta.paired_counts(a, b)
    assert (fixed, broken) == (int(np.sum(~a & b)), int(np.sum(a & ~b)))
    assert (fixed - broken) / 500 == pytest.approx(b.mean() - a.mean())
    with pytest.raises(ValueError, match="correct_b"):
        tta.paired_counts(a, b[:10])
    state = np.random.get_state()[1].copy()
    low, high = tta.bootstrap_interval(a, b, seed=1)
    np.testing.assert_array_equal(np.random.get_state()[1], state)   # the global RNG is not used
    assert (low, high) == tta.bootstrap_interval(a, b, seed=1)
    assert low < b.mean() - a.mean() < high and high - low < 0.15
    # identical predictions: the interval is exactly zero
    assert tta.bootstrap_interval(a, a) == (0.0, 0.0)
    # shares of seeds (pooled): the interval is around the mean change of the shares
    shares_a, shares_b = np.stack([a, a, ~a]).mean(axis=0), np.stack([b, b, b]).mean(axis=0)
    low_s, high_s = tta.bootstrap_interval(shares_a, shares_b)
    assert low_s < shares_b.mean() - shares_a.mean() < high_s
    # a narrower level gives a narrower interval
    low80, high80 = tta.bootstrap_interval(a, b, seed=1, level=0.8)
    assert low < low80 < high80 < high


def test_save_and_load_predictions(tmp_path):
    labels = np.array([2, 0, 1])
    probs = np.eye(3)[[2, 0, 0]] * 0.9 + 0.1 / 3
    path = tta.save_predictions(tmp_path / "p.npz", labels, {1: {"identity": probs, "hflip": probs[::-1]}},
                                {"epochs": 3})
    got_labels, runs, meta = tta.load_predictions(path)
    np.testing.assert_array_equal(got_labels, labels)
    assert meta == {"epochs": 3} and list(runs) == [1] and sorted(runs[1]) == ["hflip", "identity"]
    assert runs[1]["hflip"].dtype == np.float16
    np.testing.assert_allclose(runs[1]["hflip"], probs[::-1], atol=1e-3)
    assert os.listdir(tmp_path) == ["p.npz"] and (path.stat().st_mode & 0o777) == 0o644
    with pytest.raises(ValueError, match="view must be one of"):
        tta.save_predictions(tmp_path / "q.npz", labels, {0: {"flip": probs}}, {})
    with pytest.raises(FileNotFoundError, match="python -m augcourse.study.tta"):
        tta.load_predictions(tmp_path / "missing.npz")


class _FakeModel:
    """Predicts class (sum of pixels > 0) with probability 1: enough to see which views ran."""

    def predict(self, x, batch_size=None, verbose=0):
        return np.eye(10)[(x.reshape(len(x), -1)[:, :16].sum(axis=1) > 8).astype(int)]


def test_main_resumes_and_skips_seeds_already_saved(tmp_path, monkeypatch, capsys):
    trained, weights = [], []
    monkeypatch.setattr(tta, "train_seed", lambda data, seed, epochs: trained.append(seed) or _FakeModel())
    monkeypatch.setattr(tta, "save_model_weights", lambda model, path, seed=0: weights.append(seed))
    path = tta.main(["--seeds", "1", "--epochs", "2", "--limit", "40", "--out", str(tmp_path)])
    assert trained == [1] and weights == []          # only seed 0's weights are kept
    tta.main(["--seeds", "0,1", "--epochs", "2", "--limit", "40", "--out", str(tmp_path)])
    assert trained == [1, 0] and weights == [0]
    assert "seed 1: already in" in capsys.readouterr().out
    labels, runs, meta = tta.load_predictions(path)
    assert list(runs) == [0, 1] and sorted(runs[0]) == sorted(tta.VIEWS) and len(labels) == 40
    assert meta["epochs"] == 2 and meta["config"] == "keras_flip"
    with pytest.raises(SystemExit, match="other settings"):
        tta.main(["--seeds", "2", "--epochs", "3", "--limit", "40", "--out", str(tmp_path)])


def test_saved_weights_hold_no_optimizer_state_and_load_back(tmp_path):
    from augcourse.study.pipelines import quiet_fit

    model = tta.build_tta_model(seed=0)
    x, y = np.random.default_rng(0).random((8, 32, 32, 3)).astype("float32"), np.eye(10)[np.arange(8)]
    quiet_fit(model, x, y=y, epochs=1, verbose=0)
    path = tta.save_model_weights(model, tmp_path / "m.weights.h5")
    assert path.stat().st_size < 3_000_000          # with Adam's moments it would be about 7.5 MB
    again = tta.build_tta_model(seed=1)
    again.load_weights(path)
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)


def test_committed_predictions_and_weights():
    labels, runs, meta = tta.load_predictions(RESULTS / tta.PREDICTIONS_FILE)
    assert list(runs) == [0, 1, 2] and len(labels) == 846 and meta["config"] == "keras_flip"
    for views in runs.values():
        assert sorted(views) == sorted(tta.VIEWS)
        for probs in views.values():
            assert probs.shape == (846, 10)
            np.testing.assert_allclose(probs.astype(float).sum(axis=1), 1, atol=0.02)
    # trained models, better than chance by far
    assert all(tta.accuracy(views["identity"], labels) > 0.4 for views in runs.values())
    assert (RESULTS / tta.WEIGHTS_FILE).stat().st_size < 3_000_000


@pytest.mark.parametrize("argv, message", [(["--seeds", "a,b"], "--seeds"), (["--epochs", "0"], "--epochs"),
                                           (["--limit", "2"], "--limit"), (["--seeds", "-1"], "--seeds")])
def test_the_command_line_refuses_bad_values_before_loading_anything(argv, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        tta.main([*argv, "--out", str(tmp_path)])
    assert stop.value.code == 2 and message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
