"""The study's results on disk: runs saved to and read from JSON (notebook 12 writes, 13 reads).

The file holds ``{"settings": {...}, "runs": {name: {"record": {...}, "history": {...}}}}``; the
command line writes the same keys plus "machine", "timing" and "timing_method".

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> run = {"record": {"config": "none", "test_acc": 0.543219, "epoch_s": 2.5}, "history": {"loss": [2.0]}}
    >>> path = save_runs(Path(tempfile.mkdtemp()) / "part1.json", {"source": "subset"}, {"none": run})
    >>> settings, runs = load_runs(path)
    >>> settings, runs["none"]["record"]
    ({'source': 'subset'}, {'config': 'none', 'test_acc': 0.5432})
"""

import json
from pathlib import Path

import numpy as np

TIMING_FIELDS = ("epoch_s", "images_per_s")


def save_runs(path, settings, runs, digits=4):
    """Write ``{"settings": ..., "runs": {name: {"record", "history"}}}`` to JSON, for notebook 13.

    Floats are rounded to ``digits`` and the timing fields (which change every run) are left out,
    so the same seed on the same kind of machine writes the same file. Returns the path.
    Example: see the module's.
    """
    runs = {name: {"record": {k: v for k, v in run["record"].items() if k not in TIMING_FIELDS},
                   "history": run["history"]} for name, run in runs.items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json(path, round_floats(jsonable({"settings": settings, "runs": runs}), digits))
    return path


def load_runs(path):
    """Read what ``save_runs`` (or the command line) wrote: ``(settings, runs)``.

    Example:
        >>> load_runs("nowhere/part1_subset.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: No study results at 'nowhere/part1_subset.json': run notebook 12 (part 1) first, \
or `python -m augcourse.study`.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No study results at {str(path)!r}: run notebook 12 (part 1) first, "
                                "or `python -m augcourse.study`.")
    content = json.loads(path.read_text())
    return content["settings"], content["runs"]


def write_json(path, content):
    """``content`` as indented JSON (one space) with a final newline, NumPy scalars as numbers.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "x.json"
        >>> write_json(path, {"n": np.int64(3), "shape": (32, 32)})
        >>> path.read_text()
        '{\\n "n": 3,\\n "shape": [\\n  32,\\n  32\\n ]\\n}\\n'
    """
    Path(path).write_text(json.dumps(jsonable(content), indent=1) + "\n")


def round_floats(value, digits=4):
    """``value`` (nested dicts/lists) with every float rounded to ``digits`` decimals.

    Example:
        >>> round_floats({"acc": [0.123456, 1], "gap": 0.98765}, 2)
        {'acc': [0.12, 1], 'gap': 0.99}
    """
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: round_floats(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [round_floats(v, digits) for v in value]
    return value


def jsonable(value):
    """``value`` with tuples as lists and NumPy scalars as Python numbers (what JSON holds).

    Example:
        >>> jsonable({"zoom_range": (0.5, 0.7), "n": np.int64(3)})
        {'zoom_range': [0.5, 0.7], 'n': 3}
    """
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value
