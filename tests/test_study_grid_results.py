"""augcourse.study.grid_results: the converged grid's tables, read from records like the runner's."""

from pathlib import Path

import pytest

from augcourse.study import grid_results as g

ROOT = Path(__file__).resolve().parents[1]


def record(config, seed, acc, corrupted=None, epochs=30):
    return {"config": config, "label": config, "seed": seed, "test_acc": acc, "flip_tta_acc": acc + 0.01,
            "epochs_run": epochs, "epoch_s": [2.0, 6.0, 3.0], "epoch_cpu_s": [3.0, 9.0, 4.0], "train_s": 120.0,
            "corruption_acc": corrupted or {"noise/1": acc - 0.1, "noise/5": acc - 0.3, "blur/1": acc},
            "mean_corruption_acc": acc - 0.1}


@pytest.fixture
def runs():
    return {"none": [record("none", s, a) for s, a in enumerate((0.60, 0.62, 0.61))],
            "flip": [record("flip", s, a) for s, a in enumerate((0.66, 0.67, 0.65))],
            "erase": [record("erase", s, a) for s, a in enumerate((0.55, 0.66, 0.60))]}


def test_corruptions_are_averaged_over_their_severities_only():
    means = g.corruption_means(record("x", 0, 0.6))
    assert means == pytest.approx({"noise": 0.4, "blur": 0.6})
    flat = g.with_corruptions({"x": [record("x", 0, 0.6)]})["x"][0]
    assert flat["noise_acc"] == pytest.approx(0.4) and flat["blur_acc"] == pytest.approx(0.6)


def test_the_paired_table_gives_a_verdict_only_where_the_interval_allows(runs):
    table = g.paired_table(runs, keys=("test_acc",)).splitlines()
    flip = next(line for line in table if line.startswith("flip"))
    erase = next(line for line in table if line.startswith("erase"))
    assert flip.endswith("higher") and "+0.050" in flip
    assert erase.endswith("cannot tell (interval includes 0)")
    assert not any(line.startswith("none") for line in table)


def test_one_seed_in_common_says_so():
    runs = {"none": [record("none", 0, 0.6)], "flip": [record("flip", 0, 0.7), record("flip", 1, 0.7)]}
    assert g.paired_table(runs, keys=("test_acc",)).splitlines()[-1].endswith("cannot tell (one seed)")


def test_cost_uses_the_median_epoch_and_the_mean_over_seeds(runs):
    line = g.cost_table(runs).splitlines()[1]
    assert line.split()[-4:] == ["30.0", "3.00", "4.00", "2.0"]


def test_the_grid_table_lists_configurations_in_order_with_their_seeds(runs):
    lines = g.grid_table(runs, keys=("test_acc",)).splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["none", "flip", "erase"]
    assert lines[2].split()[1:] == ["3", "0.660", "±", "0.010"]


def test_the_committed_grid_file_loads_in_the_grid_order():
    settings, runs = g.load_grid(ROOT / "notebooks" / "study_results" / "grid_subset.json")
    order = list(settings["grid"])
    assert list(runs) == [name for name in order if name in runs] and runs
    for name, records in runs.items():
        assert [r["seed"] for r in records] == sorted(r["seed"] for r in records)
        assert all(r["config"] == name and 0 < r["test_acc"] < 1 and r["epochs_run"] <= settings["max_epochs"]
                   for r in records)


def test_the_dose_response_plot_leaves_out_configurations_not_run_yet(runs):
    import matplotlib
    matplotlib.use("Agg")
    ax = g.plot_dose_response(runs, ["flip", "missing", "erase"], ["0.1", "0.2", "0.3"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.1", "0.3"]
    assert len(ax.lines) >= 2                                        # the means and the baseline
