"""The study's (augcourse.study) messages in Korean: errors, the command lines' help and errors, report text.

Each case makes a real call that fails (or prints) and checks the message: in Korean it holds Hangul and
keeps the parameter's name and the value; ``augcourse.language.missing`` gains nothing; in English it is
the message the other tests compare, unchanged. Nothing here trains a model.
"""

import argparse
import json
import re

import numpy as np
import pytest

from augcourse.study import cli, grid, mixing, options, tta
from augcourse.study.calibration import scores
from augcourse.study.configs import Config
from augcourse.study.corruptions import corrupted_sets
from augcourse.study.data import load_data
from augcourse.study.grid_results import load_grid, tta_table
from augcourse.study.grid_stats import comparison_table, welch_interval
from augcourse.study.mixing_results import load_mix_runs
from augcourse.study.pipelines import build_pipeline
from augcourse.study.results import ResultsFileError, load_runs, merge_conflicts, read_results
from augcourse.study.seed_stats import compare

HANGUL = re.compile("[\uac00-\ud7a3]")
ROW = {"name": "flip", "seeds": 5, "diff": 0.031, "paired": (0.01, 0.05), "welch": (0.0, 0.06),
       "images": (0.012, 0.05), "p": 0.01, "p_holm": 0.01, "primary": True, "verdict": "higher"}
TTA_RUNS = {"x": [{"seed": s, "test_acc": a, "flip_tta_acc": a + 0.01} for s, a in enumerate((0.6, 0.7))]}


def korean_with(text, *kept):
    """``text`` holds Hangul and every one of ``kept`` (names, values) unchanged."""
    assert HANGUL.search(text), text
    for part in kept:
        assert part in text, (part, text)
    return text


def usage_error(parse, argv, capsys):
    """The last stderr line of ``parse(argv)``, which must exit with status 2."""
    with pytest.raises(SystemExit) as stop:
        parse(argv)
    assert stop.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


# --- options: option types, the parser's help and errors, output paths ---------------------------------

def test_option_types_in_korean(korean, tmp_path):
    with pytest.raises(argparse.ArgumentTypeError) as error:
        options.at_least(1)("x")
    korean_with(str(error.value), "1", "'x'")
    with pytest.raises(argparse.ArgumentTypeError) as error:
        options.folder_option("https://example.com/results")
    korean_with(str(error.value), "'https://example.com/results'", "URL")
    with pytest.raises(argparse.ArgumentTypeError) as error:
        options.url_option(str(tmp_path / "cifar.tar.gz"))
    korean_with(str(error.value), "file://", (tmp_path / "cifar.tar.gz").as_uri())
    with pytest.raises(argparse.ArgumentTypeError) as error:
        options.file_stem("sub/x")
    korean_with(str(error.value), "--out", "'sub/x'")
    with pytest.raises(ResultsFileError) as error:
        options.output_paths(tmp_path, ["../x.json"])
    korean_with(str(error.value), "../x.json")


def test_help_of_every_command_line_reads_in_korean(korean, capsys):
    for parse in (cli.parse_args, grid.parse_args, mixing.parse_args, tta.parse_args):
        with pytest.raises(SystemExit) as stop:
            parse(["--help"])
        assert stop.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith("사용법: python -m augcourse.study"), text[:80]
        assert "\n옵션:\n" in text and "이 도움말을 보여 주고 끝냅니다" in text
        korean_with(text, "--out", "--seeds")
    # the study's own help texts, not only argparse's
    with pytest.raises(SystemExit):
        cli.parse_args(["--help"])
    korean_with(capsys.readouterr().out, "--overwrite", "study_<source>", "170 MB")


def test_usage_errors_in_korean(korean, capsys):
    line = usage_error(cli.parse_args, ["--epochs", "0"], capsys)
    assert line.startswith("python -m augcourse.study: 오류: 인수 --epochs: "), line
    korean_with(line, "1", "0")
    korean_with(usage_error(cli.parse_args, ["--bogus"], capsys), "--bogus")
    korean_with(usage_error(cli.parse_args, ["--full", "--source", "subset"], capsys), "--full", "--source")
    korean_with(usage_error(cli.parse_args, ["--configs", "zzz"], capsys), "'zzz'", "idg")
    korean_with(usage_error(mixing.parse_args, ["--configs", "zzz"], capsys), "'zzz'", "cutmix")
    korean_with(usage_error(grid.parse_args, ["--configs", "zzz"], capsys), "--configs", "['zzz']")
    korean_with(usage_error(tta.parse_args, ["--seeds", ","], capsys), "--seeds", "0,1,2")


def test_usage_errors_in_english(english, capsys):
    assert usage_error(cli.parse_args, ["--epochs", "0"], capsys) == (
        "python -m augcourse.study: error: argument --epochs: must be at least 1; got 0")
    assert usage_error(cli.parse_args, ["--bogus"], capsys) == (
        "python -m augcourse.study: error: unrecognized arguments: --bogus")
    assert usage_error(cli.parse_args, ["--full", "--source", "subset"], capsys) == (
        "python -m augcourse.study: error: argument --source: not allowed with argument --full")
    with pytest.raises(SystemExit):
        cli.parse_args(["--help"])
    text = capsys.readouterr().out
    assert text.startswith("usage: python -m augcourse.study [-h]") and "\noptions:\n" in text
    assert "  -h, --help            show this help message and exit\n" in text
    assert "file name stem, a plain name inside --out (default study_<source>)" in " ".join(text.split())


# --- cli and results: results files -----------------------------------------------------------------------

def test_cli_refuses_a_broken_results_file_in_korean(korean, tmp_path, capsys):
    (tmp_path / "study_subset.json").write_text('{"settings": {"epochs": 12}, "ru')
    assert cli.main(["--limit", "8", "--timing", "", "--configs", "", "--out", str(tmp_path)]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith("오류: "), line
    korean_with(line, "study_subset.json", "--overwrite", "JSON")


def test_results_files_in_korean(korean, tmp_path):
    old = {"settings": {"epochs": 12, "seed": 0}, "runs": {"none": {}}, "timing": []}
    [reason] = merge_conflicts(old, {"epochs": 3, "seed": 0})
    korean_with(reason, "epochs", "12", "3")
    [reason] = merge_conflicts(old, {"epochs": 12, "seed": 0}, runs=["none"])
    korean_with(reason, "'none'")
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"settings": {}}))
    with pytest.raises(ResultsFileError) as error:
        read_results(path)
    korean_with(str(error.value), str(path), "'settings'", "'runs'", "--overwrite")
    with pytest.raises(FileNotFoundError) as error:
        load_runs(tmp_path / "none.json")
    korean_with(str(error.value), "python -m augcourse.study", "none.json")


def test_results_files_in_english(english, tmp_path):
    old = {"settings": {"epochs": 12, "seed": 0}, "runs": {"none": {}}, "timing": []}
    assert merge_conflicts(old, {"epochs": 3, "seed": 0}) == ["other settings (epochs: 12 there, 3 now)"]
    with pytest.raises(FileNotFoundError, match=r"^No study results at '.*none.json': run `python -m "
                                                r"augcourse.study` first\.$"):
        load_runs(tmp_path / "none.json")


# --- the runners' modules (grid, mixing, tta) and their readers --------------------------------------------

def test_runner_modules_in_korean(korean, tmp_path):
    with pytest.raises(ValueError) as error:
        grid.digits(np.array([3, 12]))
    korean_with(str(error.value), "0..9", "3..12")
    with pytest.raises(ValueError) as error:
        tta.combine([np.zeros(3), np.zeros(3)])
    korean_with(str(error.value), "probs", "(2, 3)", "(N, K)")
    with pytest.raises(ValueError) as error:
        tta.paired_counts(np.ones(3, bool), np.ones(2, bool))
    korean_with(str(error.value), "correct_b", "(2,)", "(3,)")
    for load, command in ((tta.load_predictions, "augcourse.study.tta"), (load_grid, "augcourse.study.grid"),
                          (load_mix_runs, "augcourse.study.mixing")):
        with pytest.raises(FileNotFoundError) as error:
            load(tmp_path / "missing.file")
        korean_with(str(error.value), f"`python -m {command}`", "missing.file")
    with pytest.raises(ResultsFileError) as error:
        (tmp_path / "mix.json").write_text(json.dumps({"settings": {"epochs": 99}, "runs": {}}))
        mixing.run_grid(tmp_path / "mix.json", load_data("subset", limit=8), configs=["base"], seeds=[0], epochs=1)
    korean_with(str(error.value), "--overwrite", "--name", "mix.json")


def test_runner_modules_in_english(english):
    with pytest.raises(ValueError, match=r"^probs must be a list of \(N, K\) arrays; got 'arrays stacking to "
                                         r"shape \(2, 3\)'\.$"):
        tta.combine([np.zeros(3), np.zeros(3)])
    with pytest.raises(ValueError, match=r"^classes must be 0\.\.9 to be written as digits; got 3\.\.12$"):
        grid.digits(np.array([3, 12]))


# --- statistics and their tables -----------------------------------------------------------------------------

def test_statistics_in_korean(korean):
    runs = {"a": [{"seed": s, "x": v} for s, v in enumerate((0.60, 0.62, 0.61))],
            "b": [{"seed": s, "x": v} for s, v in enumerate((0.66, 0.67, 0.65))]}
    assert compare(runs, "a", "b", "x")["verdict"] == "higher"       # data stay English; tables translate
    with pytest.raises(ValueError) as error:
        compare(runs, "a", "b", "x", level=1.5)
    korean_with(str(error.value), "level", "1.5")
    with pytest.raises(ValueError) as error:
        welch_interval([0.6], [0.7, 0.8])
    korean_with(str(error.value), "welch_interval", "1", "2")
    table = comparison_table([ROW])
    assert table.splitlines()[1].endswith("  높음"), table
    korean_with(table.splitlines()[2], "* ", "p")
    assert tta_table(TTA_RUNS).splitlines()[1].endswith("  높음")


def test_statistics_in_english(english):
    table = comparison_table([ROW])
    assert table.splitlines()[1].endswith("  higher")
    assert table.splitlines()[2] == ("* the primary comparison: its p is not corrected, its verdict follows its "
                                     "own paired interval")


# --- calibration, corruptions, pipelines ----------------------------------------------------------------------

def test_checks_of_the_other_modules_in_korean(korean):
    with pytest.raises(ValueError) as error:
        scores(np.full((4, 2), 0.5), np.eye(2)[[0, 1, 0]])
    korean_with(str(error.value), "labels", "(3,)", "(4, 2)", "probs")
    with pytest.raises(TypeError) as error:
        corrupted_sets(np.zeros((1, 8, 8, 3), np.uint8), names="contrast")
    korean_with(str(error.value), "names", "'contrast'", "jpeg")
    with pytest.raises(TypeError) as error:
        corrupted_sets(np.zeros((1, 8, 8, 3), np.float32))
    korean_with(str(error.value), "images.dtype", "uint8", "np.uint8", "float32")
    with pytest.raises(ValueError) as error:
        build_pipeline(Config("odd", "bogus", {}), load_data("subset", limit=8))
    korean_with(str(error.value), "config.pipeline", "'bogus'", "'keras_layer'")


def test_checks_of_the_other_modules_in_english(english):
    with pytest.raises(ValueError, match=r"^config\.pipeline must be 'idg', 'arrays', 'core_tfdata', 'core_layer', "
                                         r"'keras_tfdata' or 'keras_layer'; got 'bogus'\.$"):
        build_pipeline(Config("odd", "bogus", {}), load_data("subset", limit=8))
    with pytest.raises(TypeError, match=r"^severities must be a non-empty list or tuple of severities from 1 to 5; "
                                        r"got 3\.$"):
        corrupted_sets(np.zeros((1, 8, 8, 3), np.uint8), severities=3)
