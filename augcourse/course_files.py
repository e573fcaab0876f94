"""Files of the course repository (results, data) found from any lesson folder: ``course_path``.

A lesson reads committed results such as ``benchmarks/results/zca_latest.json`` or
``notebooks/study_results/grid_subset.json``. The kernel's folder is the notebook's own: ``notebooks/`` for
the English lessons, ``notebooks/ko/`` for the Korean ones (and a copy's folder in the tests), so a path
relative to it breaks in the other edition. ``course_path`` looks for the file from the current folder
upwards and returns the first match.

Example:
    >>> import os, tempfile
    >>> root = tempfile.mkdtemp()
    >>> os.makedirs(os.path.join(root, "notebooks", "ko"))
    >>> os.makedirs(os.path.join(root, "benchmarks", "results"))
    >>> open(os.path.join(root, "benchmarks", "results", "latest.json"), "w").close()
    >>> str(course_path("benchmarks/results/latest.json", start=os.path.join(root, "notebooks", "ko"))).startswith(root)
    True
"""

from pathlib import Path

from augcourse.language import tr


def course_path(relative, start=None):
    """The existing file or folder ``relative`` (to the repository root), looked for from ``start`` (default:
    the current folder) and each folder above it.

    Raises:
        FileNotFoundError: one line naming the file and where it was looked for.
    """
    start = Path.cwd() if start is None else Path(start)
    for folder in (start, *start.parents):
        candidate = folder / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError("course_path: " + tr("no {relative!r} in {start!r} or any folder above it; run the "
                                                 "lesson from the course's repository (a clone, or Binder)",
                                                 relative=relative, start=str(start)))
