"""``make restore`` puts lessons back as committed and keeps the learner's versions in my-work/ first; the
clean filter ``make install`` registers keeps a lesson JupyterLab opened on another Python from showing as changed.

Each test works in a fresh ``git clone`` of this repository (its last commit, with this working tree's
Makefile, .gitignore and tool committed on top), changes lessons there as a learner would, and runs
``make restore`` in it."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


TOOL_FILES = ("Makefile", ".gitignore", ".gitattributes", "tools/restore_lessons.py", "tools/notebook_filter.py")


@pytest.fixture
def clone(tmp_path):
    course = tmp_path / "course"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(course)], check=True)
    for name in TOOL_FILES:
        shutil.copy(ROOT / name, course / name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost"]
    subprocess.run([*git, "add", *TOOL_FILES], cwd=course, check=True)
    subprocess.run([*git, "commit", "--quiet", "--allow-empty", "-m", "the tool under test"], cwd=course, check=True)
    return course


def _make_restore(clone, *args):
    return subprocess.run(["make", "--no-print-directory", "restore", *args], cwd=clone, capture_output=True,
                          text=True, timeout=60)


def _status(clone):
    return subprocess.run(["git", "status", "--short"], cwd=clone, capture_output=True, text=True).stdout


def test_changed_lessons_are_restored_and_the_learners_versions_kept(clone):
    flip, shear = clone / "notebooks" / "03_flip.ipynb", clone / "notebooks" / "06_shear.ipynb"
    committed = flip.read_bytes()
    flip.write_text('{"my": "answers"}')
    shear.unlink()
    (clone / "notebooks" / "my_own.ipynb").write_text("{}")
    (clone / "notebooks" / "my_staged.ipynb").write_text("{}")
    subprocess.run(["git", "add", "notebooks/my_staged.ipynb"], cwd=clone, check=True)   # added, even staged: theirs
    result = _make_restore(clone)
    assert result.returncode == 0, result.stderr
    assert flip.read_bytes() == committed and shear.exists()
    backups = list((clone / "my-work").iterdir())
    assert len(backups) == 1 and (backups[0] / "notebooks" / "03_flip.ipynb").read_text() == '{"my": "answers"}'
    assert "Restored 2 file(s)" in result.stdout
    assert _status(clone) == "A  notebooks/my_staged.ipynb\n?? notebooks/my_own.ipynb\n"   # my-work/ is ignored


def test_one_named_lesson_is_restored_and_the_others_left_as_they_are(clone):
    flip, shear = clone / "notebooks" / "03_flip.ipynb", clone / "notebooks" / "06_shear.ipynb"
    flip.write_text("{}")
    shear.write_text("{}")
    assert _make_restore(clone, "LESSON=06_shear").returncode == 0
    assert shear.read_text() != "{}" and flip.read_text() == "{}"


def test_nothing_changed_and_an_unknown_lesson(clone):
    assert _make_restore(clone).stdout.strip() == "Nothing to restore: the lessons are as committed."
    result = _make_restore(clone, "LESSON=99_nothing")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == "restore: no lesson called '99_nothing' under notebooks/ (e.g. 03_flip)"


def test_a_lesson_opened_on_another_python_does_not_show_as_changed(clone):
    (clone / ".venv").symlink_to(ROOT / ".venv")           # the filter runs .venv/bin/python, as in a set-up clone
    subprocess.run(["make", "--no-print-directory", "git-filter"], cwd=clone, check=True)
    flip = clone / "notebooks" / "03_flip.ipynb"
    committed = flip.read_text()
    version = re.search(r'"language_info": \{(?:[^{}]|\{[^{}]*\})*?"version": "([^"]*)"', committed).group(1)
    flip.write_text(committed.replace(f'"version": "{version}"', '"version": "3.13.1"'))   # JupyterLab on 3.13
    assert _status(clone) == "?? .venv\n"
    flip.write_text(committed.replace("# 03 · Flip", "# 03 · Flip!"))                    # a real edit shows
    assert _status(clone) == " M notebooks/03_flip.ipynb\n?? .venv\n"
