"""augcourse.study.grid_results: the converged grid's tables, read from records like the runner's."""

from pathlib import Path

import pytest

from augcourse.study import grid_results as g

ROOT = Path(__file__).resolve().parents[1]


def record(config, seed, acc, corrupted=None, epochs=30):
    return {"config": config, "label": config, "seed": seed, "test_acc": acc, "flip_tta_acc": acc + 0.01,
            "train_acc": acc + 0.2,
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


def test_cost_uses_the_median_epoch_the_sum_of_cpu_and_the_mean_over_seeds(runs):
    lines = g.cost_table(runs).splitlines()
    # epochs, median wall s, median CPU s, CPU minutes (3+9+4 = 16 s), test accuracy, difference to none
    assert lines[1].split() == ["none", "30.0", "3.00", "4.00", "0.3", "0.610", "+0.000"]
    assert lines[2].split()[-2:] == ["0.660", "+0.050"]
    runs["flip"][0] = dict(runs["flip"][0], epoch_cpu_s=[30.0, 90.0, 40.0])     # 160 s, one seed of three
    assert g.cost_table(runs).splitlines()[2].split()[3:5] == ["16.00", "1.1"]     # (40 + 4 + 4) / 3


def test_total_cost_sums_every_run(runs):
    assert g.total_cost(runs) == (9, 0.3, 9 * 16 / 3600)


def test_derived_keys_gap_tta_gain_and_corruptions(runs):
    flat = g.with_corruptions(runs)["flip"][1]
    assert flat["gap"] == pytest.approx(0.2) and flat["tta_gain"] == pytest.approx(0.01)
    assert flat["noise_acc"] == pytest.approx(0.67 - 0.2)


def test_tta_gain_is_paired_seed_by_seed():
    runs = {"x": [dict(record("x", s, a), flip_tta_acc=a + d) for s, a, d in ((0, 0.6, 0.02), (1, 0.7, 0.03),
                                                                                (2, 0.5, 0.025))]}
    line = g.tta_table(runs).splitlines()[1].split()
    assert line[:4] == ["x", "0.600", "0.625", "+0.025"] and line[-1] == "higher"
    runs["x"][2]["flip_tta_acc"] = 0.45
    assert g.tta_table(runs).splitlines()[1].endswith("cannot tell (interval includes 0)")


def test_robustness_averages_severities_then_seeds_and_gives_the_share_kept(runs):
    lines = g.robustness_table(runs, names=["flip", "none"]).splitlines()
    assert lines[0].split() == ["configuration", "clean", "noise", "blur", "mean", "kept"]
    flip = lines[1].split()
    assert flip[0] == "flip" and flip[1:4] == ["0.660", "0.460", "0.660"]
    assert flip[4] == f"{(0.46 + 0.66) / 2:.3f}" and flip[5] == f"{(0.46 + 0.66) / 2 / 0.66:.0%}"
    assert lines[2].startswith("none")


def test_the_committed_grid_file_loads_in_the_grid_order():
    settings, runs = g.load_grid(ROOT / "notebooks" / "study_results" / "grid_subset.json")
    order = list(settings["grid"])
    assert list(runs) == [name for name in order if name in runs] and runs
    for name, records in runs.items():
        assert [r["seed"] for r in records] == sorted(r["seed"] for r in records)
        assert all(r["config"] == name and 0 < r["test_acc"] < 1 and r["epochs_run"] <= settings["max_epochs"]
                   for r in records)




def test_the_readme_table_matches_the_committed_grid():
    """Every number of the README's grid table is what the committed file gives (no stale figures)."""
    import re

    import numpy as np

    from augcourse.study.seed_stats import compare, summary

    settings, runs = g.load_grid(ROOT / "notebooks" / "study_results" / "grid_subset.json")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**The converged study.**"):readme.index("Trained to the end, **the notes' flip")]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if re.match(r"\| (?!configuration|---)", line)]
    assert len(rows) == len(settings["grid"]) == len(runs)
    for name, row in zip(runs, rows):
        cells = [cell.strip().replace("−", "-") for cell in row]
        mean, sd, *_ = summary(runs[name], "test_acc")
        assert cells[1] == str(len(runs[name])) and cells[2] == f"{mean:.3f} ± {sd:.3f}", name
        if name != "none":
            out = compare(runs, "none", name, "test_acc")
            assert cells[3] == f"{out['diff']:+.3f}", name
            assert cells[4] == "{:+.3f} to {:+.3f}".format(*out["interval"]), name
        assert cells[5] == f"{np.mean([r['mean_corruption_acc'] for r in runs[name]]):.3f}", name
        cpu = np.mean([np.median(r["epoch_cpu_s"]) for r in runs[name]])
        assert cells[6] == f"{cpu:.1f}", name
    n_runs, wall_h, cpu_h = g.total_cost(runs)
    assert f"took **{wall_h:.1f} hours on a 2-core CPU**, their training loops {cpu_h:.1f} CPU hours" in readme
