"""Regenerate the committed outputs of the course notebooks from a fresh kernel, or check them.

Usage:
    python tools/regen_outputs.py                  # every notebooks/*.ipynb
    python tools/regen_outputs.py notebooks/01_imagedatagenerator.ipynb
    python tools/regen_outputs.py --check          # write nothing: exit 1 and show a diff if outputs changed
    python tools/regen_outputs.py --check notebooks/00_index.ipynb path/to/any/copy.ipynb

Each notebook runs top to bottom in a new kernel of the interpreter running this tool (sys.executable,
whatever kernelspec "python3" the machine has), in the notebook's own folder, with the environment the
tests give their kernels (tools/kernel_env.py). Afterwards stderr outputs (never compared by the tests)
and widget state are dropped and the metadata is normalised, so the files diff cleanly.

The seconds each notebook took are recorded in notebooks/lesson_times.json
(with the machine's CPU count), and the README's lesson map shows them.

--check runs the notebooks exactly the same way but writes no file (no notebook, no lesson_times.json,
no README): it compares the fresh outputs with the committed ones as the nbval tests do, and exits 1
with a unified diff for every notebook that would change. Compared: the stdout streams and the text/*
data (text/plain, text/html, ...) of every code cell not tagged nbval-ignore-output or nbval-skip,
after nbval's stream coalescing and the nbval_sanitize.cfg replacements. Not compared: images
(image/png bytes vary with the plotting libraries), widget views (random model ids), stderr, execution
counts and metadata.
"""

import argparse
import copy
import difflib
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets import default

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.kernel_env import course_kernel_env  # noqa: E402

def kernel_language_info():
    """The ``language_info`` the course's kernel (ipykernel in this interpreter) reports, which JupyterLab
    writes into every notebook it opens: committed with it, a lesson opened in JupyterLab on this Python is
    not marked modified, and saving it changes no byte (tests/test_notebook_form.py)."""
    from ipykernel.ipkernel import IPythonKernel

    return json.loads(json.dumps(IPythonKernel.language_info))


NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": kernel_language_info(),
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


class ThisInterpreterKernelSpecs(KernelSpecManager):
    """Every kernel name means ipykernel in this interpreter: ``sys.executable -m ipykernel_launcher``
    (what nbval's --nbval-current-env does), never a "python3" kernelspec found on the machine."""

    def get_kernel_spec(self, kernel_name):
        return self.kernel_spec_class(resource_dir=RESOURCES, **get_kernel_dict())


class ThisInterpreterKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, started from ``ThisInterpreterKernelSpecs``."""

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self):
        return ThisInterpreterKernelSpecs(data_dir=self.data_dir)


def run(path):
    """The notebook at ``path`` run top to bottom in a fresh kernel (in its folder), then cleaned."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=False,
                            kernel_manager_class=ThisInterpreterKernelManager, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return clean(nb)


def regenerate(path):
    nbformat.write(run(path), path)


IGNORED_TAGS = {"nbval-ignore-output", "nbval-skip"}
SANITIZE = ROOT / "nbval_sanitize.cfg"


def compared_text(nb, patterns=()):
    """The outputs of ``nb`` that nbval compares, as lines of text (see the module docstring).

    ``patterns`` are nbval's (regex, replacement) pairs, applied to every compared text.
    """
    from nbval.plugin import coalesce_streams     # nbval's own merging of streams and \r, \b

    def sanitized(text):
        text = "".join(text) if isinstance(text, list) else text
        for regex, replacement in patterns:
            text = re.sub(regex, replacement, text)
        return text.splitlines()

    lines = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or IGNORED_TAGS & set(cell.metadata.get("tags", ())):
            continue
        first_line = cell.source.strip().partition("\n")[0]
        lines.append(f"## cell {index}: {first_line}")
        for output in coalesce_streams(copy.deepcopy(cell.outputs)):
            if output.output_type == "stream":
                if output.name == "stdout":
                    lines += ["[stdout]", *sanitized(output.text)]
            elif output.output_type == "error":
                lines += [f"[error] {output.ename}: {output.evalue}"]
            else:
                for mime in sorted(output.get("data", {})):
                    if mime.startswith("text/"):
                        lines += [f"[{mime}]", *sanitized(output.data[mime])]
    return lines


def check(path):
    """Run ``path`` as ``regenerate`` would, write nothing; return the diff of compared outputs ("" if none)."""
    from nbval.plugin import get_sanitize_patterns

    patterns = get_sanitize_patterns(SANITIZE.read_text())
    committed = compared_text(nbformat.read(path, as_version=4), patterns)
    fresh = compared_text(run(path), patterns)
    return "\n".join(difflib.unified_diff(committed, fresh, f"{shown(path)} (saved)",
                                          f"{shown(path)} (fresh kernel)", lineterm=""))


def shown(path):
    """``path`` relative to the repository when it lies inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


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
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 with a diff if the compared outputs would change")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    args = parser.parse_args(argv)
    course_kernel_env()
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    changed = []
    for path in paths:
        start = time.monotonic()
        print(f"{shown(path)} ...", end=" ", flush=True)
        if args.check:
            try:
                diff = check(path)
            except CellExecutionError as error:
                diff = f"{shown(path)}: a cell failed\n{error}"
            print(f"{'would change' if diff else 'unchanged'} ({time.monotonic() - start:.0f} s)")
            if diff:
                changed.append(path)
                print(diff)
            continue
        regenerate(path)
        seconds = time.monotonic() - start
        record_time(path.stem, seconds)
        print(f"done in {seconds:.0f} s")
    if args.check:
        if changed:
            print(f"{len(changed)} of {len(paths)} notebook(s) would change: " + ", ".join(map(shown, changed)))
        return 1 if changed else 0
    README.write_text(readme_with_times(README.read_text(), json.loads(TIMES.read_text())["seconds"]))
    from tools import i18n                         # the Korean notebooks carry the new outputs too
    i18n.build()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    sys.exit(main(sys.argv[1:]))
