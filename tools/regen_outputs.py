"""Regenerate the committed outputs of the course notebooks from a fresh kernel.

Usage:
    python tools/regen_outputs.py                  # every notebooks/*.ipynb
    python tools/regen_outputs.py notebooks/01_imagedatagenerator.ipynb

Each notebook runs top to bottom in a new kernel of this environment, in
notebooks/, with the same environment variables the tests use (conftest.py).
Afterwards stderr outputs (never compared by the tests) and widget state are
dropped and the metadata is normalised, so the files diff cleanly.
"""

import os
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


def main(argv):
    paths = [Path(p).resolve() for p in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        start = time.monotonic()
        print(f"{path.relative_to(ROOT)} ...", end=" ", flush=True)
        regenerate(path)
        print(f"done in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    main(sys.argv[1:])
