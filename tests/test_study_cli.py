"""The study's command line never loses results: merges, refusals, an unwritable --out, interruption.

Every case runs the real CLI (in process through ``study.main``, or as ``python -m augcourse.study``)
on a tiny slice of the bundled CIFAR-10 subset.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from augcourse import study
from augcourse.study import cli, results

ROOT = Path(__file__).resolve().parents[1]
TINY = ["--limit", "64", "--epochs", "1", "--batch-size", "32", "--timing", ""]


def _main(tmp_path, *args):
    return study.main([*TINY, "--out", str(tmp_path), *args])


def _runs(path):
    return sorted(json.loads(path.read_text())["runs"])


def _one_error_line(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


def test_reruns_with_the_same_settings_merge(tmp_path, capsys):
    path = tmp_path / "study_subset.json"
    assert _main(tmp_path, "--configs", "none") == 0
    assert _runs(path) == ["none"]
    assert _main(tmp_path, "--configs", "") == 0            # the run 2: nothing to add, nothing lost
    assert _runs(path) == ["none"]
    assert _main(tmp_path, "--configs", "idg") == 0
    assert _runs(path) == ["idg", "none"]
    assert "adding to" in capsys.readouterr().out


@pytest.mark.parametrize("change, reason", [
    (["--epochs", "2", "--configs", "idg"], "other settings (epochs: 1 there, 2 now)"),
    (["--configs", "none"], "runs already there: 'none'"),
])
def test_a_conflicting_rerun_is_refused_and_the_file_kept(tmp_path, capsys, change, reason):
    path = tmp_path / "study_subset.json"
    assert _main(tmp_path, "--configs", "none") == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert _main(tmp_path, *change) == 2
    err = _one_error_line(capsys)
    assert str(path) in err and reason in err and "--overwrite" in err and "--name" in err
    assert path.read_bytes() == before


def test_overwrite_replaces_and_name_keeps_both(tmp_path):
    path = tmp_path / "study_subset.json"
    assert _main(tmp_path, "--configs", "none") == 0
    assert _main(tmp_path, "--epochs", "2", "--configs", "idg", "--name", "longer") == 0
    assert _runs(path) == ["none"] and _runs(tmp_path / "longer.json") == ["idg"]
    assert _main(tmp_path, "--epochs", "2", "--configs", "idg", "--overwrite") == 0
    content = json.loads(path.read_text())
    assert content["settings"]["epochs"] == 2 and sorted(content["runs"]) == ["idg"]


def test_timings_of_the_same_name_are_refused_other_names_added(tmp_path, capsys):
    path = tmp_path / "study_subset.json"
    base = ["--limit", "64", "--epochs", "1", "--batch-size", "32", "--rounds", "1", "--configs", "",
            "--out", str(tmp_path)]
    assert study.main([*base, "--timing", "none_tfdata"]) == 0
    assert study.main([*base, "--timing", "idg_timing"]) == 0
    assert [t["config"] for t in json.loads(path.read_text())["timing"]] == ["none_tfdata", "idg_timing"]
    capsys.readouterr()
    assert study.main([*base, "--timing", "idg_timing"]) == 2
    assert "timings already there: 'idg_timing'" in _one_error_line(capsys)


@pytest.mark.parametrize("content, reason", [
    ('{"settings": {"epochs": 1}, "ru', "not complete JSON"),
    ("[1, 2, 3]\n", "no 'settings' and 'runs' in it"),
    ("\xff\xfe not text", "codec"),
])
def test_a_truncated_or_foreign_file_stops_in_one_line_before_training(tmp_path, capsys, monkeypatch,
                                                                       content, reason):
    path = tmp_path / "study_subset.json"
    path.write_bytes(content.encode("latin-1"))
    monkeypatch.setattr(cli, "run", lambda *a, **k: pytest.fail("trained despite an unusable results file"))
    assert _main(tmp_path, "--configs", "none") == 2
    err = _one_error_line(capsys)
    assert f"{path} is not a study results file" in err and reason in err and "--overwrite" in err
    assert path.read_bytes() == content.encode("latin-1")


def test_overwrite_replaces_a_foreign_file(tmp_path):
    path = tmp_path / "study_subset.json"
    path.write_text("[1, 2, 3]\n")
    assert _main(tmp_path, "--configs", "none", "--overwrite") == 0
    assert _runs(path) == ["none"]


@pytest.mark.parametrize("make_out, why", [      # a path under a file: test_study_cli_options.py
    (lambda tmp: Path("/proc/x"), "No such file or directory"),
])
def test_an_impossible_out_stops_before_any_data_is_loaded(tmp_path, capsys, monkeypatch, make_out, why):
    (tmp_path / "a_file").write_text("not a folder")
    monkeypatch.setattr(cli, "load_data", lambda *a, **k: pytest.fail("loaded data before checking --out"))
    out = make_out(tmp_path)
    assert study.main([*TINY, "--out", str(out)]) == 2
    err = _one_error_line(capsys)
    assert err == f"error: --out: cannot write results to {out}: {why}\n"


def test_a_read_only_out_stops_at_once_with_status_2(tmp_path):
    out = tmp_path / "read-only"
    out.mkdir()
    out.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:          # root writes anywhere; without CAP_DAC_OVERRIDE it obeys the mode
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot make a folder read-only for this process")
        prefix = ["setpriv", "--bounding-set=-dac_override"]
    proc = subprocess.run([*prefix, sys.executable, "-m", "augcourse.study", *TINY, "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr == f"error: --out: cannot write results to {out}: Permission denied\n"
    assert "CIFAR-10" not in proc.stdout and list(out.iterdir()) == []


def test_an_unavailable_full_set_leaves_no_empty_out_folder(tmp_path, capsys):
    out = tmp_path / "new" / "results"
    status = study.main(["--full", "--cache-dir", str(tmp_path / "keras"), "--out", str(out)])
    assert status == 2
    err = _one_error_line(capsys)
    assert "run without --full (or with --source subset)" in err and "load_cifar10" not in err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("args, message", [
    (["--limit", "-5"], "argument --limit: must be at least 4; got -5"),
    (["--epochs", "0"], "argument --epochs: must be at least 1; got 0"),
    (["--rounds", "x"], "argument --rounds: expected an integer of at least 1; got 'x'"),
    (["--seed", "-1"], "argument --seed: must be at least 0; got -1"),
])
def test_bad_numbers_are_usage_errors(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        study.parse_args(args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and message in err and "Traceback" not in err


def test_an_interrupted_study_keeps_what_it_finished(tmp_path):
    """Killed (SIGKILL) as soon as the first configuration is written: that file is whole, and a
    rerun that adds nothing rewrites it byte for byte; the next rerun adds the missing config."""
    out = tmp_path / "out"
    path = out / "study_subset.json"
    args = [sys.executable, "-m", "augcourse.study", "--limit", "256", "--epochs", "3", "--batch-size", "32",
            "--timing", "", "--out", str(out)]
    proc = subprocess.Popen([*args, "--configs", "none,idg"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not path.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    with proc.stderr:
        assert path.exists(), proc.stderr.read()[-2000:]
    kept = path.read_bytes()
    content = json.loads(kept)
    assert sorted(content["runs"]) == ["none"]
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    rerun = subprocess.run([*args, "--configs", ""], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert path.read_bytes() == kept
    rerun = subprocess.run([*args, "--configs", "idg"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    finished = json.loads(path.read_text())
    assert sorted(finished["runs"]) == ["idg", "none"] and finished["runs"]["none"] == content["runs"]["none"]


def test_a_reader_never_sees_half_a_results_file(tmp_path):
    path = tmp_path / "study_subset.json"
    big = {"settings": {}, "runs": {f"run{i}": {"history": {"loss": [0.5] * 2000}} for i in range(20)}}
    results.write_json(path, big)
    seen, stop = [], threading.Event()

    def read_while_written():
        while not stop.is_set():
            text = path.read_text()
            seen.append(text.endswith("}\n") and json.loads(text) == big)

    reader = threading.Thread(target=read_while_written)
    reader.start()
    try:
        for _ in range(30):
            results.write_json(path, big)
    finally:
        stop.set()
        reader.join()
    assert seen and all(seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study_subset.json"]


@pytest.mark.parametrize("name", ["sub/x", "../x", "..", ".", "", "a\0b", ".hidden", "x" * 201])
def test_a_name_that_is_not_a_plain_file_name_is_a_usage_error_before_any_work(tmp_path, capsys, monkeypatch,
                                                                                 name):
    monkeypatch.setattr(cli, "load_data", lambda *a, **k: pytest.fail("loaded data before checking --name"))
    with pytest.raises(SystemExit) as info:
        _main(tmp_path, "--configs", "none", "--name", name)
    err = capsys.readouterr().err
    assert info.value.code == 2 and "argument --name:" in err and repr(name) in err and "plain file name" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, message", [
    (["--cache-dir", "FILE"], "argument --cache-dir: expected a folder (or one to create); got"),
    (["--cache-dir", ""], "argument --cache-dir: expected a folder (or one to create); got ''"),
    (["--file-hash", "abc"], "argument --file-hash: expected a sha256 (64 hexadecimal digits); got 'abc'"),
])
def test_file_and_folder_options_are_checked_before_any_work(tmp_path, capsys, monkeypatch, args, message):
    (tmp_path / "FILE").write_text("not a folder")
    args = [str(tmp_path / "FILE") if a == "FILE" else a for a in args]
    monkeypatch.setattr(cli, "load_data", lambda *a, **k: pytest.fail("loaded data before checking options"))
    with pytest.raises(SystemExit) as info:
        _main(tmp_path / "out", "--configs", "none", *args)
    err = capsys.readouterr().err
    assert info.value.code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_other_runners_check_name_and_out_before_any_work(tmp_path, capsys, monkeypatch):
    from augcourse.study import data, grid, mixing, tta

    monkeypatch.setattr(data, "load_data", lambda *a, **k: pytest.fail("loaded data before checking options"))
    with pytest.raises(SystemExit) as info:
        mixing.parse_args(["--name", "sub/x"])
    assert info.value.code == 2 and "argument --name:" in capsys.readouterr().err
    (tmp_path / "FILE").write_text("not a folder")
    for runner in (grid, tta, mixing):
        out = tmp_path / "FILE" / "results"
        try:
            status = runner.main(["--limit", "8", "--out", str(out)])
        except SystemExit as stop:
            status = stop.code
        err = capsys.readouterr().err
        assert status == 2, runner     # a usage error of --out's own (test_study_cli_options.py has them all)
        assert "argument --out: expected" in err and f"{str(out)!r} (under a file: " in err, (runner, err)
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    monkeypatch.setattr(results.tempfile, "TemporaryFile", _refuse)
    for runner in (grid, tta, mixing):
        try:
            status = runner.main(["--limit", "8", "--out", str(read_only)])
        except SystemExit as stop:
            status = stop.code
        assert status == 2, runner
        assert f"--out: cannot write results to {read_only}: Permission denied" in capsys.readouterr().err


def _refuse(*args, **kwargs):
    raise PermissionError(13, "Permission denied")
