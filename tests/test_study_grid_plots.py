"""augcourse.study.grid_plots: what each figure draws, from records like the grid runner's."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from augcourse.study import grid_plots as gp  # noqa: E402


def run(seed, acc=0.6, lr=(1e-3, 1e-3, 2e-4, 2e-4, 4e-5), val_loss=(1.8, 1.5, 1.4, 1.45, 1.5), best=3):
    n = len(val_loss)
    return {"seed": seed, "test_acc": acc, "mean_corruption_acc": acc - 0.1, "best_epoch": best,
            "corruption_acc": {"jpeg/1": acc - 0.1, "jpeg/5": acc - 0.3, "contrast/3": acc - 0.2},
            "history": {"accuracy": list(np.linspace(0.3, 0.9, n)), "val_accuracy": list(np.linspace(0.3, 0.6, n)),
                        "val_loss": list(val_loss), "lr": list(lr)}}


def test_curves_mark_the_kept_epoch_and_every_learning_rate_cut():
    fig = gp.plot_curves({"none": [run(0)], "flip": [run(0), run(1)]}, ["none", "missing", "flip"])
    top, bottom = fig.axes[0], fig.axes[2]
    assert [ax.get_title() for ax in fig.axes[:2]] == ["none", "flip"]       # "missing" left out
    assert len(top.lines) == 2 and len(fig.axes[1].lines) == 4                 # train + validation per seed
    kept, cuts = bottom.lines[1], bottom.lines[2]
    assert kept.get_xdata().tolist() == [3] and kept.get_ydata().tolist() == [1.4]
    assert cuts.get_xdata().tolist() == [3, 5] and cuts.get_ydata().tolist() == [1.4, 1.5]


def test_dose_response_draws_every_seed_and_the_means():
    runs = {"a": [run(0, 0.60), run(1, 0.64)], "b": [run(0, 0.50)], "none": [run(0, 0.58), run(1, 0.60)]}
    fig = gp.plot_dose_response(runs, ["a", "skipped", "b"], ["0.1", "0.2", "0.3"])
    assert len(fig.axes) == 2
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.1", "0.3"]
    dots = [line for line in ax.lines if line.get_marker() == "."]
    assert sorted(np.concatenate([d.get_ydata() for d in dots]).tolist()) == [0.5, 0.6, 0.64]
    means = ax.containers[0].lines[0]
    assert means.get_ydata().tolist() == pytest.approx([0.62, 0.5])
    baseline = [line for line in ax.lines if line.get_linestyle() == "--"][0]
    assert baseline.get_ydata()[0] == pytest.approx(0.59)


def test_robustness_shows_differences_to_the_baseline_per_corruption():
    runs = {"none": [run(0, 0.60)], "x": [run(0, 0.65), run(1, 0.55)], "y": [run(0, 0.70)]}
    runs["y"][0]["corruption_acc"]["contrast/3"] = 0.30
    fig = gp.plot_robustness(runs)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["clean", "jpeg", "contrast"]
    texts = [t.get_text() for t in ax.texts]
    assert texts[:3] == ["+0.00", "+0.00", "+0.00"]                        # x: seeds average to none's
    assert texts[3:] == ["+0.10", "+0.10", "-0.10"]                        # y: contrast 0.30 vs 0.40
