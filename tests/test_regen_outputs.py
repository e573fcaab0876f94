"""tools/regen_outputs.py --check runs a notebook in a fresh kernel, writes nothing, and fails with a diff
when a compared output would change (the index notebook: its compared outputs are pure text, a few seconds).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "00_index.ipynb"
COMPARED = "all different: True"             # stdout of a compared cell
IGNORED = "CPU only (fine for every lesson)"  # stdout of the cell tagged nbval-ignore-output


def check(*paths):
    command = [sys.executable, str(ROOT / "tools" / "regen_outputs.py"), "--check", *map(str, paths)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def stdout_cell(nb, text):
    """The code cell whose stdout contains ``text``."""
    return next(cell for cell in nb.cells if cell.cell_type == "code" and any(
        out.output_type == "stream" and text in out.text for out in cell.outputs))


def test_check_passes_on_the_committed_notebook_and_writes_nothing():
    written_by_regeneration = [NOTEBOOK, ROOT / "notebooks" / "lesson_times.json", ROOT / "README.md"]
    before = [path.read_bytes() for path in written_by_regeneration]
    proc = check(NOTEBOOK)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "00_index.ipynb ... unchanged" in proc.stdout
    assert [path.read_bytes() for path in written_by_regeneration] == before


def test_check_fails_with_a_diff_naming_a_changed_compared_output(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    compared, ignored = stdout_cell(nb, COMPARED), stdout_cell(nb, IGNORED)
    assert "nbval-ignore-output" not in compared.metadata.get("tags", [])
    assert "nbval-ignore-output" in ignored.metadata.get("tags", [])
    for cell, text in ((compared, COMPARED), (ignored, IGNORED)):
        out = next(out for out in cell.outputs if out.output_type == "stream" and text in out.text)
        out.text = out.text.replace(text, text + " EDITED BY HAND")
    copy = tmp_path / NOTEBOOK.name                  # a folder outside notebooks/: the tool runs it there
    nbformat.write(nb, copy)
    shutil.copy(ROOT / "README.md", tmp_path / "README.before")
    edited = copy.read_bytes()

    proc = check(copy)

    assert proc.returncode == 1, proc.stdout[-4000:] + proc.stderr[-4000:]
    removed = [line for line in proc.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in proc.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any(COMPARED + " EDITED BY HAND" in line for line in removed), proc.stdout
    assert any(line.endswith(COMPARED) for line in added), proc.stdout
    assert "EDITED BY HAND" not in "".join(added) and IGNORED + " EDITED" not in proc.stdout  # tag honoured
    assert copy.read_bytes() == edited                                     # --check wrote nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00_index.ipynb", "README.before"]
    assert (ROOT / "README.md").read_bytes() == (tmp_path / "README.before").read_bytes()
