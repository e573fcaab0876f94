"""Every study runner checks its file and folder options before any work, and runs a repeated name once.

The four command lines (``python -m augcourse.study`` and its ``grid``, ``mixing`` and ``tta`` runners) are
tried with hostile ``--out`` values (empty, blank, a URL, a NUL, a file, a path under a file, an unknown
``~user``), with results files that are folders or links, and with repeated configuration names and seeds.
No case trains or loads data: ``load_data`` is replaced by a function that fails the test, so each refusal is
proved to come before any work.
"""

import pytest

from augcourse.study import cli, data, grid, mixing, options, tta
from augcourse.study.data import load_data as REAL_LOAD_DATA

RUNNERS = {"study": cli, "grid": grid, "mixing": mixing, "tta": tta}


@pytest.fixture(autouse=True)
def no_data(monkeypatch):
    """Any load of data fails the test: every refusal must come first."""
    def refuse(*args, **kwargs):
        pytest.fail("loaded data before checking the options")

    monkeypatch.setattr(cli, "load_data", refuse)
    monkeypatch.setattr(data, "load_data", refuse)


def _status(runner, argv):
    """The runner's exit status for ``argv`` (its return value or its SystemExit code)."""
    try:
        return RUNNERS[runner].main(argv)
    except SystemExit as stop:
        return stop.code


def _one_line(capsys):
    err = capsys.readouterr().err.splitlines()
    assert len(err) >= 1 and "Traceback" not in "\n".join(err)
    return err[-1]                      # argparse prints its usage lines first, then one "error:" line


@pytest.mark.parametrize("runner", sorted(RUNNERS))
@pytest.mark.parametrize("value, why", [
    ("", "got ''"),
    ("   ", "got '   '"),
    ("https://example.com/results", "(a URL: give a local folder)"),
    ("out\0x", "(a NUL character)"),
    ("FILE", "(a file)"),
    ("FILE/results", "(under a file:"),
    ("~no_such_user_for_augcourse/results", "(no such user's home folder for ~)"),
])
def test_a_hostile_out_is_a_usage_error_before_any_work(tmp_path, capsys, runner, value, why):
    (tmp_path / "FILE").write_text("not a folder")
    value = value.replace("FILE", str(tmp_path / "FILE"))
    assert _status(runner, ["--limit", "8", "--out", value]) == 2
    line = _one_line(capsys)
    assert "argument --out: expected" in line and repr(value) in line and why in line, line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


@pytest.mark.parametrize("runner", sorted(RUNNERS))
def test_out_expands_the_home_folder(tmp_path, monkeypatch, runner):
    monkeypatch.setenv("HOME", str(tmp_path))
    if runner == "grid":
        (tmp_path / "results").mkdir()
    parse = cli.parse_args if runner == "study" else RUNNERS[runner].parse_args
    assert parse(["--out", "~/results"]).out == str(tmp_path / "results")


def test_the_grid_adds_to_an_existing_folder_only(tmp_path, capsys):
    assert _status("grid", ["--out", str(tmp_path / "typo")]) == 2
    line = _one_line(capsys)
    assert line.endswith(f"argument --out: expected an existing folder (create it first); got "
                         f"{str(tmp_path / 'typo')!r} (no such folder)")
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("runner, name", [
    ("study", "study_subset.json"), ("study", "study_subset_curves.png"), ("study", "study_subset_gaps.png"),
    ("study", "study_subset_epoch_times.png"), ("grid", "grid_subset.json"), ("mixing", "mixing_subset.json"),
    ("tta", "tta_predictions.npz"), ("tta", "tta_model.weights.h5"),
])
@pytest.mark.parametrize("kind", ["folder", "link"])
def test_a_results_file_that_is_a_folder_or_a_link_stops_before_any_work(tmp_path, capsys, runner, name, kind):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside.json"
    if kind == "folder":
        (out / name).mkdir()
    else:                               # writing through the link would put a file outside --out
        (out / name).symlink_to(outside)
    overwrite = ["--overwrite"] if runner in ("study", "mixing") else []      # refused even so
    assert _status(runner, ["--limit", "8", "--out", str(out), *overwrite]) == 2
    line = _one_line(capsys)
    why = "not a file" if kind == "folder" else "a link (files stay inside --out)"
    assert line == f"error: --out: cannot write results to {out / name}: {why}", line
    assert not outside.exists()


def test_the_study_checks_both_stems_of_source_auto_before_any_work(tmp_path, capsys):
    (tmp_path / "study_full.json").mkdir()
    assert _status("study", ["--source", "auto", "--out", str(tmp_path)]) == 2
    assert _one_line(capsys).endswith(f"{tmp_path / 'study_full.json'}: not a file")


@pytest.mark.parametrize("name", ["../x", "a/b", "..", "", "x\0y"])
def test_output_paths_keeps_every_file_inside_out(tmp_path, name):
    with pytest.raises(options.ResultsFileError, match="not a plain file name inside"):
        options.output_paths(tmp_path, [name])


@pytest.mark.parametrize("args, message", [
    (["--cache-dir", "https://example.com/keras"], "argument --cache-dir: expected a folder (or one to create); "
                                                  "got 'https://example.com/keras' (a URL: give a local folder)"),
    (["--cache-dir", "a\0b"], "argument --cache-dir: expected a folder (or one to create); got 'a\\x00b' "
                              "(a NUL character)"),
    (["--cache-dir", "x" * 5000], "argument --cache-dir: expected a folder (or one to create); got 'xxx"),
    (["--origin", "cifar.tar.gz"], "argument --origin: expected a URL (http://, https://, ftp:// or file://); "
                                   "got 'cifar.tar.gz' (for a local file use file:///"),
    (["--origin", ""], "argument --origin: expected a URL (http://, https://, ftp:// or file://); got ''"),
    (["--origin", "https://"], "argument --origin: expected a URL"),
])
def test_the_other_path_options_are_usage_errors_before_any_work(tmp_path, capsys, args, message):
    assert _status("study", ["--out", str(tmp_path / "out"), *args]) == 2
    line = _one_line(capsys)
    assert message in line, line
    assert not (tmp_path / "out").exists()


def test_home_folder_in_cache_dir_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli.parse_args(["--cache-dir", "~/keras"]).cache_dir == str(tmp_path / "keras")


def test_repeated_names_and_seeds_run_once_in_first_seen_order():
    args = cli.parse_args(["--configs", "idg,none,idg, none", "--timing", "core_layer,idg_timing,core_layer",
                           "--seeds", "2,0,2"])
    assert (args.configs, args.timing, args.seeds) == (["idg", "none"], ["core_layer", "idg_timing"], [2, 0])
    assert grid.parse_args(["--configs", "flip,none,flip"]).configs == ["flip", "none"]
    args = mixing.parse_args(["--configs", "mixup,base,mixup", "--seeds", "1,1,0"])
    assert (args.configs, args.seeds) == (["mixup", "base"], [1, 0])
    assert tta.parse_args(["--seeds", "0,0,1"]).seeds == [0, 1]


def test_a_repeated_name_trains_once(tmp_path, monkeypatch):
    """The study's loop sees each name once (``run`` is recorded, not trained)."""
    trained = []
    monkeypatch.setattr(cli, "load_data", REAL_LOAD_DATA)
    monkeypatch.setattr(cli, "run", lambda name, *a, **k: (trained.append(name), ({"loss": [1.0]}, {
        "config": name, "label": name, "test_acc": 0.5, "train_acc": 0.5, "val_acc": 0.5, "epochs_run": 1,
        "epoch_s": [0.1], "best_epoch": 1}))[1])
    monkeypatch.setattr(cli, "results_table", lambda records: "")
    monkeypatch.setattr(cli, "plot_histories", lambda *a: _NoFigure())
    monkeypatch.setattr(cli, "plot_gaps", lambda *a: _NoFigure())
    assert cli.main(["--configs", "none,idg,none", "--timing", "", "--limit", "8", "--out", str(tmp_path)]) == 0
    assert trained == ["none", "idg"]


class _NoFigure:
    def savefig(self, *args, **kwargs):
        pass
