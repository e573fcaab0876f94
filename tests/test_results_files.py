"""No result is lost when two runs write into one results file at once (issue 21, case 5).

Two real processes write concurrently: the study's command line (``--configs none`` and ``--configs idg``
into one ``--out``), and the writer every runner uses (``results.write_results``) called the way the grid
runner calls it (its content read once at the start, one run added and the file rewritten after each).
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

from augcourse.study import results

ROOT = Path(__file__).resolve().parents[1]
TINY = ["--limit", "64", "--epochs", "1", "--batch-size", "32", "--timing", ""]


def test_two_study_runs_into_one_out_at_once_keep_both(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "augcourse.study", *TINY, "--out", str(tmp_path),
                               "--configs", config], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
             for config in ("none", "idg")]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert "wrote" in out
    content = json.loads((tmp_path / "study_subset.json").read_text())
    assert sorted(content["runs"]) == ["idg", "none"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json") == ["study_subset.json"]


WRITER = textwrap.dedent("""
    import sys, time
    from augcourse.study import results
    path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    content = results.read_results(path) or {"settings": {"grid": "same"}, "runs": {}}
    for k in range(n):
        content["runs"].setdefault(who, {})[str(k)] = {"test_acc": k / n}
        content = results.write_results(path, content, depth=2)
        time.sleep(0.001)
""")


def _write_concurrently(path, writers=3, runs=40):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"config{i}", str(runs)], cwd=ROOT)
             for i in range(writers)]
    assert [proc.wait(timeout=120) for proc in procs] == [0] * writers
    return json.loads(Path(path).read_text())


def test_concurrent_writers_of_one_results_file_lose_nothing(tmp_path):
    content = _write_concurrently(tmp_path / "grid_subset.json")
    assert sorted(content["runs"]) == ["config0", "config1", "config2"]
    assert all(sorted(map(int, seeds)) == list(range(40)) for seeds in content["runs"].values())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid_subset.json"]   # no lock or temporary file left


def test_a_merge_keeps_both_sides_and_this_run_wins_a_name_it_rewrote():
    disk = {"settings": {"epochs": 1}, "runs": {"a": {"0": 1, "1": 1}, "b": {"0": 1}},
            "timing": [{"config": "x", "s": 1}, {"config": "y", "s": 1}], "seed_runs": {"a": [1]}}
    ours = {"settings": {"epochs": 1}, "runs": {"a": {"1": 2, "2": 2}, "c": {"0": 2}},
            "timing": [{"config": "y", "s": 2}], "seed_runs": {"c": [2]}, "machine": "here"}
    merged = results.merge_results(disk, ours, depth=2)
    assert merged["runs"] == {"a": {"0": 1, "1": 2, "2": 2}, "b": {"0": 1}, "c": {"0": 2}}
    assert merged["timing"] == [{"config": "x", "s": 1}, {"config": "y", "s": 2}]
    assert merged["seed_runs"] == {"a": [1], "c": [2]} and merged["machine"] == "here"
    assert results.merge_results(disk, dict(ours, settings={"epochs": 2})) is None


def test_other_settings_written_meanwhile_keep_this_runs_results_beside_it(tmp_path):
    path = tmp_path / "study_subset.json"
    results.write_json(path, {"settings": {"epochs": 9}, "runs": {"theirs": {}}})
    ours = {"settings": {"epochs": 1}, "runs": {"mine": {"record": {"test_acc": np.float32(0.5)}}}}
    try:
        results.write_results(path, ours)
    except results.ResultsFileError as error:
        message = str(error)
    else:
        raise AssertionError("no error for a file rewritten with other settings")
    side = [p for p in tmp_path.iterdir() if p.name != path.name]
    assert len(side) == 1 and str(side[0]) in message and "other settings" in message
    assert json.loads(side[0].read_text())["runs"] == {"mine": {"record": {"test_acc": 0.5}}}
    assert json.loads(path.read_text())["runs"] == {"theirs": {}}


def test_the_tta_runner_merges_seeds_written_meanwhile(tmp_path):
    from augcourse.study import tta

    path = tmp_path / "p.npz"
    labels, meta = np.array([1, 0]), {"epochs": 1}
    tta.save_predictions(path, labels, {0: {"identity": np.eye(2)}}, meta)
    runs = tta.save_merged_predictions(path, labels, {1: {"identity": np.eye(2)[[1, 0]]}}, meta)
    assert sorted(runs) == [0, 1]
    assert sorted(tta.load_predictions(path)[1]) == [0, 1]
