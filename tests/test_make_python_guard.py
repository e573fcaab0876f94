"""``make`` checks the Python before it makes ``.venv``: an unsupported one stops with one line that says which
versions work and how to pick one, and a ``.venv`` made by an unsupported Python is made again, not reused.

The interpreters here are stubs that answer ``--version`` like Python 3.10 (Ubuntu 22.04's) or 3.14 and fail
everything else, so nothing is installed; the Makefile runs in a copy of the project's set-up files."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _stub(folder, version):
    path = folder / f"python{version}"
    path.write_text(f'#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python {version}.4"; exit 0; fi\n'
                    f'echo "this stub only reports its version" >&2; exit 1\n')
    path.chmod(0o755)
    return path


@pytest.fixture
def project(tmp_path):
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def _make(project, *args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("goal", ["lab", "test", "install"])
@pytest.mark.parametrize("version", ["3.10", "3.14"])
def test_an_unsupported_python_stops_with_one_line_before_making_the_venv(project, goal, version):
    stub = _stub(project, version)
    result = _make(project, goal, f"PYTHON={stub}")
    assert result.returncode != 0 and not (project / ".venv").exists()
    message = result.stderr.splitlines()[0]
    assert message == (f"augcourse needs Python 3.11, 3.12 or 3.13; PYTHON={stub} is Python {version}.4: "
                       f"pick one with PYTHON=, e.g. make {goal} PYTHON=python3.12")


def test_a_missing_interpreter_is_named(project):
    result = _make(project, "lab", "PYTHON=python-that-is-not-there")
    assert result.stderr.splitlines()[0].startswith(
        "augcourse needs Python 3.11, 3.12 or 3.13; PYTHON=python-that-is-not-there is not found: pick one")


def test_a_venv_made_by_an_unsupported_python_is_removed_then_made_with_the_supported_one(project):
    (project / ".venv" / "bin").mkdir(parents=True)
    shutil.copy(_stub(project, "3.10"), project / ".venv" / "bin" / "python")
    result = _make(project, "install", f"PYTHON={_stub(project, '3.14')}")
    assert result.stdout.splitlines()[0] == ("Removing .venv: it was made with Python 3.10.4, which the course "
                                             "does not support")
    assert not (project / ".venv").exists() and "PYTHON=" in result.stderr      # then the 3.14 stub is refused
    made = _make(project, "-n", "install", f"PYTHON={sys.executable}")           # a supported one would be used
    assert made.returncode == 0 and f"{sys.executable} -m venv .venv" in made.stdout
