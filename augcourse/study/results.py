"""The study's results on disk: JSON files written atomically, read back, merged without loss.

The command line (``python -m augcourse.study``) writes ``{"settings": {...}, "runs": {name: {"record":
{...}, "history": {...}}}, "machine", "timing", "timing_method"}`` (plus "seed_runs" with ``--seeds``), and
``load_runs`` reads its settings and runs back; it adds to an earlier file only when the settings match and
nothing of the same name would be replaced (``merge_conflicts``). Every write, the grid's and the other
runners' too, goes to a temporary file in the same folder, then is renamed over the old one
(``write_atomically``), so a reader (or an interrupted run) never sees half a file.

Two runs may write into one folder at once (two ``--configs`` in two terminals): ``write_results``
takes the folder's lock (``locked``), reads what the file holds *now*, merges this run's content into
it (``merge_results``) and writes the union, so no run's results are lost. Where the file meanwhile got
other settings, this run's content goes to a file beside it and the error names that file.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "study.json"
    >>> write_json(path, {"settings": {"source": "subset"}, "runs": {"none": {"record": {"test_acc": 0.5}}}})
    >>> load_runs(path)
    ({'source': 'subset'}, {'none': {'record': {'test_acc': 0.5}}})
"""

import contextlib
import json
import os
import tempfile
import warnings
from pathlib import Path

try:
    import fcntl
except ImportError:            # Windows: no flock; see locked()
    fcntl = None

import numpy as np

from augcourse.language import tr

def load_runs(path):
    """Read what the command line wrote: ``(settings, runs)``.

    Example:
        >>> load_runs("nowhere/part1_subset.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: No study results at 'nowhere/part1_subset.json': run `python -m augcourse.study` first.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(tr("No study results at {path!r}: run `python -m augcourse.study` first.",
                                   path=str(path)))
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
    text = json.dumps(jsonable(content), indent=1) + "\n"
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))


def write_atomically(path, write):
    """Write ``path`` by ``write(binary file)`` into a temporary file beside it, then rename it over ``path``:
    a reader never sees half a file, and an interrupted write leaves the old one. The file is readable by all
    (0644), as a committed results file should be.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "x.bin"
        >>> write_atomically(path, lambda handle: handle.write(b"done"))
        >>> path.read_bytes(), oct(path.stat().st_mode & 0o777)
        (b'done', '0o644')
    """
    path = Path(path)
    handle = tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def locked(path):
    """Hold the exclusive lock of results file ``path``'s folder while the block runs (waits for it).

    The lock is ``fcntl.flock`` on the folder itself, so no lock file is left behind in a results
    folder; the lock is released when the block ends or the process dies. Every writer of results
    files takes it around its read-merge-write. Do not nest it in one process (a second ``locked`` on
    the same folder would wait for the first). Without ``fcntl`` (Windows) nothing is locked and a
    ``RuntimeWarning`` says so once: the re-read and merge of ``write_results`` still keeps runs that
    finished earlier, but two writes at the same instant may lose one.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "x.json"
        >>> with locked(path):
        ...     write_json(path, {"n": 1})
        >>> sorted(p.name for p in path.parent.iterdir())
        ['x.json']
    """
    folder = Path(path).parent
    if fcntl is None:
        warnings.warn(tr("results files are not locked on this system: do not run two studies into one --out "
                         "at once"), RuntimeWarning, stacklevel=3)
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)           # closing the only descriptor releases the lock


def merge_results(disk, ours, depth=1):
    """``ours`` merged into ``disk`` (what the file holds now), or None when the settings differ.

    Runs are merged ``depth`` levels deep (1: ``{name: run}``, the command line's and the mixing grid's;
    2: ``{name: {seed: record}}``, the grid's); where both hold the same key, ``ours`` wins (this run
    wrote it last). "seed_runs" are merged by name, "timing" by "config"; the other keys are ``ours``.

    Example:
        >>> disk = {"settings": {"epochs": 1}, "runs": {"none": 1}}
        >>> merge_results(disk, {"settings": {"epochs": 1}, "runs": {"idg": 2}})
        {'settings': {'epochs': 1}, 'runs': {'none': 1, 'idg': 2}}
        >>> merge_results(disk, {"settings": {"epochs": 2}, "runs": {"idg": 2}}) is None
        True
    """
    if jsonable(disk.get("settings")) != jsonable(ours.get("settings")):
        return None

    def deep(old, new, levels):
        if levels == 0 or not (isinstance(old, dict) and isinstance(new, dict)):
            return new
        return {**old, **{k: deep(old.get(k), v, levels - 1) if k in old else v for k, v in new.items()}}

    merged = {**disk, **ours, "runs": deep(disk.get("runs", {}), ours.get("runs", {}), depth)}
    if "seed_runs" in disk or "seed_runs" in ours:
        merged["seed_runs"] = {**disk.get("seed_runs", {}), **ours.get("seed_runs", {})}
    if "timing" in disk or "timing" in ours:
        timed = {t.get("config") for t in ours.get("timing", [])}
        merged["timing"] = [t for t in disk.get("timing", []) if t.get("config") not in timed] + \
            list(ours.get("timing", []))
    return merged


def write_results(path, content, *, depth=1, replace=False):
    """Write study results ``content`` to ``path`` without losing what another run wrote meanwhile.

    Under ``locked(path)``: read the file as it is now, merge ``content`` into it (``merge_results``,
    runs ``depth`` levels deep), write the union atomically and return it (use it as the new
    content). ``replace=True`` writes ``content`` as it is (``--overwrite``'s first write). When the
    file now holds other settings or is not a results file, ``content`` is written beside it as
    ``<stem>.conflict-<pid>.json`` and ``ResultsFileError`` names that file: nothing is lost.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "study.json"
        >>> _ = write_results(path, {"settings": {}, "runs": {"none": 1}})
        >>> write_results(path, {"settings": {}, "runs": {"idg": 2}})["runs"]
        {'none': 1, 'idg': 2}
    """
    path = Path(path)
    with locked(path):
        merged = content
        if not replace:
            try:
                disk = read_results(path)
            except ResultsFileError:
                disk = {"settings": "not a results file"}
            merged = content if disk is None else merge_results(disk, content, depth)
        if merged is None:
            side = path.with_name(f"{path.stem}.conflict-{os.getpid()}{path.suffix}")
            write_json(side, content)
            raise ResultsFileError(tr("{path} got other settings from another run while this one ran (or is no "
                                      "longer a results file); this run's results are in {side}", path=path,
                                      side=side))
        write_json(path, merged)
    return merged


class ResultsFileError(ValueError):
    """A results file that cannot be used: not JSON, not the study's, or in a folder that cannot be written."""


def read_results(path):
    """The study results in ``path`` as a dict, or None when there is no such file.

    Raises ``ResultsFileError`` (one line, naming the file) for a file that is not JSON or not
    a study results file (a dict with "settings" and "runs").

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "study_subset.json"
        >>> read_results(path) is None
        True
        >>> _ = path.write_text('{"settings": {"epochs": 12}, "ru')      # cut off mid-write
        >>> read_results(path)
        Traceback (most recent call last):
        ...
        augcourse.study.results.ResultsFileError: .../study_subset.json is not a study results file \
(not complete JSON: unterminated string starting at (line 1, column 30)); move it away or pass \
--overwrite to replace it
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(content, dict) and isinstance(content.get("settings"), dict)
                and isinstance(content.get("runs"), dict)):
            raise ValueError(tr("no 'settings' and 'runs' in it"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = (tr("not complete JSON: {problem} (line {line}, column {column})", problem=error.msg.lower(),
                     line=error.lineno, column=error.colno)
                  if isinstance(error, json.JSONDecodeError) else str(error))
        raise ResultsFileError(tr("{path} is not a study results file ({reason}); move it away or pass "
                                  "--overwrite to replace it", path=path, reason=reason)) from None
    return content


def merge_conflicts(old, settings, runs=(), timing=()):
    """Why results for ``settings`` (runs ``runs``, timings ``timing``) cannot be added to ``old``.

    Returns a list of one-line reasons, empty when they merge without replacing anything:
    the settings must be equal, and no run or timing of the same name may exist.

    Example:
        >>> old = {"settings": {"epochs": 12, "seed": 0}, "runs": {"none": {}}, "timing": []}
        >>> merge_conflicts(old, {"epochs": 12, "seed": 0}, runs=["idg"])
        []
        >>> merge_conflicts(old, {"epochs": 3, "seed": 0}, runs=["idg"])
        ['other settings (epochs: 12 there, 3 now)']
        >>> merge_conflicts(old, {"epochs": 12, "seed": 0}, runs=["none", "idg"])
        ["runs already there: 'none'"]
    """
    settings = jsonable(settings)
    if old["settings"] != settings:
        keys = sorted(set(old["settings"]) | set(settings))
        differ = [tr("{key}: {old} there, {new} now", key=k, old=old["settings"].get(k), new=settings.get(k))
                  for k in keys if old["settings"].get(k) != settings.get(k)]
        return [tr("other settings ({differences})", differences="; ".join(differ))]
    reasons = []
    taken = [name for name in runs if name in old["runs"]]
    if taken:
        reasons.append(tr("runs already there: {names}", names=", ".join(repr(n) for n in taken)))
    timed = {t.get("config") for t in old.get("timing", [])}
    taken = [name for name in timing if name in timed]
    if taken:
        reasons.append(tr("timings already there: {names}", names=", ".join(repr(n) for n in taken)))
    return reasons


def prepare_folder(folder):
    """Create ``folder`` (and its parents) and prove a file can be written in it, before any work.

    Returns the top folder this call created (None if ``folder`` existed), so that a caller
    that stops early can remove it again. Raises ``ResultsFileError`` with one line naming the
    folder when it cannot be made or written (read-only, under a file, on /proc).

    Example:
        >>> prepare_folder("/proc/no/such/folder")
        Traceback (most recent call last):
        ...
        augcourse.study.results.ResultsFileError: cannot write results to /proc/no/such/folder: No such file or directory
    """
    folder = Path(folder)
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ResultsFileError(tr("cannot write results to {folder}: {reason}", folder=folder,
                                  reason=error.strerror or error)) from None
    return missing[-1] if missing else None


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
