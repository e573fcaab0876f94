"""Regenerate the committed outputs of the course notebooks from a fresh kernel.

Usage:
    python tools/regen_outputs.py                  # every notebooks/*.ipynb
    python tools/regen_outputs.py notebooks/01_imagedatagenerator.ipynb

Each notebook runs top to bottom in a new kernel of this environment, in
notebooks/, with the same environment variables the tests use (conftest.py).
Afterwards stderr outputs (never compared by the tests) and widget state are
dropped and the metadata is normalised, so the files diff cleanly.

The seconds each notebook took are recorded in notebooks/lesson_times.json
(with the machine's CPU count), and the README's lesson map shows them.
"""

import json
import os
import platform
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import conftest  # noqa: E402,F401  (sets TF_CPP_MIN_LOG_LEVEL and a private KERAS_HOME)

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def clean(nb):
    """Drop stderr streams, widget state and run-specific metadata, in place."""
    nb.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("scrolled", None)
        if cell.cell_type == "code":
            cell.outputs = [out for out in cell.outputs
                            if not (out.output_type == "stream" and out.name == "stderr")]
    return nb


def regenerate(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=False,
                            record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(clean(nb), path)


TIMES = ROOT / "notebooks" / "lesson_times.json"
README = ROOT / "README.md"


def record_time(stem, seconds, times_path=TIMES):
    """Store how long notebook ``stem`` took to run (whole seconds) with the machine it ran on."""
    times = json.loads(times_path.read_text()) if times_path.exists() else {"seconds": {}}
    times["machine"] = f"{os.cpu_count()} CPU cores, {platform.machine()}, {platform.system()}"
    times["seconds"][stem] = round(seconds)
    times["seconds"] = dict(sorted(times["seconds"].items()))
    times_path.write_text(json.dumps(times, indent=1) + "\n")


def minutes(seconds):
    """A lesson's time as the README shows it: "< 1 min", "2 min", ...

    Example:
        >>> minutes(20), minutes(95), minutes(700)
        ('< 1 min', '2 min', '12 min')
    """
    return "< 1 min" if seconds < 60 else f"{round(seconds / 60)} min"


def readme_with_times(text, seconds):
    """``text`` (the README) with the last column of each lesson-map row set to that lesson's time."""
    def row(match):
        stem = match.group(2)
        cells = match.group(0).rstrip("|").split("|")
        cells[-1] = f" {minutes(seconds[stem])} " if stem in seconds else cells[-1]
        return "|".join(cells) + "|"
    return re.sub(r"^\| (\d\d) \| \[[^\]]*\]\(notebooks/((\d\d)_\w+)\.ipynb\)[^\n]*$", row, text, flags=re.M)


def main(argv):
    paths = [Path(p).resolve() for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        start = time.monotonic()
        print(f"{path.relative_to(ROOT)} ...", end=" ", flush=True)
        regenerate(path)
        seconds = time.monotonic() - start
        record_time(path.stem, seconds)
        print(f"done in {seconds:.0f} s")
    README.write_text(readme_with_times(README.read_text(), json.loads(TIMES.read_text())["seconds"]))


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    main(sys.argv[1:])
