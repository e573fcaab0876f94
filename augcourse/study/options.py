"""The study command lines' option types, checked when parsed, and the one place files are joined to ``--out``.

Each ``type`` turns the text of one option into its value or raises ``argparse.ArgumentTypeError``
(argparse prints it in one line and exits with status 2, before any data are loaded): integers with a
lower bound, lists of seeds and of configuration names (a name given twice counts once, where it was
first given), plain file names, local folders (``~`` expanded; never empty, a URL or a file), URLs and
sha256 digests. ``output_paths`` joins file names to ``--out`` so that every file stays inside it.

Example:
    >>> at_least(1)("3"), seed_list("2,0,2")
    (3, [2, 0])
"""

import argparse
import os
import re
from pathlib import Path

from augcourse.study.results import ResultsFileError


def at_least(low):
    """An argparse ``type``: an integer no smaller than ``low`` (else a usage error, status 2).

    Example:
        >>> at_least(1)("3"), at_least(4).__name__
        (3, 'an integer of at least 4')
    """
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer of at least {low}; got {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}; got {value}")
        return value
    parse.__name__ = f"an integer of at least {low}"
    return parse


def seed_list(text):
    """An argparse ``type``: comma-separated seeds, each an integer of at least 0, at least one.

    A seed given twice is run once (first-seen order): a repeat would count one run twice in a mean ± sd.

    Example:
        >>> seed_list("0,1, 2,1")
        [0, 1, 2]
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        raise argparse.ArgumentTypeError(f"expected seeds such as 0,1,2; got {text!r}")
    return list(dict.fromkeys(at_least(0)(part) for part in parts))


def name_list(text):
    """The names in a comma-separated list, spaces stripped, empty ones dropped, each once (first-seen order).

    Every runner reads ``--configs`` (and ``--timing``) with it: a name given twice runs once, where it was
    first given, so ``--configs none,none,idg`` trains "none" then "idg".

    Example:
        >>> name_list("none, none,flip,,none")
        ['none', 'flip']
        >>> name_list("")
        []
    """
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def file_stem(text):
    """An argparse ``type``: a plain file name stem (the results file ``<out>/<stem>.json``).

    Plain means no folder part: the file stays inside ``--out`` (use ``--out`` for another folder), so
    nothing can fail on a missing subfolder after training. Not empty, not "." or "..", not hidden
    (a leading "." is the temporary files' prefix), no "/" or NUL, at most 200 characters.

    Example:
        >>> file_stem("study_flip")
        'study_flip'
        >>> file_stem("sub/x")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a plain file name (no folder part, not hidden, at most 200 \
characters; put folders in --out); got 'sub/x'
    """
    separators = {os.sep, os.altsep, "/", "\0"} - {None}
    if (not text or text.startswith(".") or len(text) > 200 or any(s in text for s in separators)
            or text.strip() != text):
        raise argparse.ArgumentTypeError("expected a plain file name (no folder part, not hidden, at most 200 "
                                         f"characters; put folders in --out); got {text!r}")
    return text


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")      # "https://...", "s3://...", "file://..."


def folder_option(text):
    """An argparse ``type``: a local folder that exists or can be created, ``~`` expanded.

    Refused with one line naming the value: an empty or blank string, a NUL, a URL (a local folder is
    needed), a ``~user`` that does not exist, a file or a path under a file, a path that cannot be looked
    at (too long, no permission). Whether the folder can be written is checked by the runner before any
    data are loaded (``results.prepare_folder``); parsing creates nothing.

    Example:
        >>> folder_option("/")
        '/'
        >>> folder_option("")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a folder (or one to create); got ''
        >>> folder_option("https://example.com/results")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a folder (or one to create); got 'https://example.com/results' \
(a URL: give a local folder)
    """
    return str(_local_folder(text, "a folder (or one to create)"))


def existing_folder(text):
    """An argparse ``type``: like ``folder_option``, and the folder must exist already (the grid adds to one).

    Example:
        >>> existing_folder("/")
        '/'
    """
    path = _local_folder(text, "an existing folder")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"expected an existing folder (create it first); got {text!r} "
                                         "(no such folder)")
    return str(path)


def url_option(text):
    """An argparse ``type``: a URL with a scheme (http, https, ftp or file), as ``--origin`` needs.

    Example:
        >>> url_option("file:///tmp/cifar-10-python.tar.gz")
        'file:///tmp/cifar-10-python.tar.gz'
        >>> url_option("/tmp/cifar-10-python.tar.gz")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected a URL (http://, https://, ftp:// or file://); got \
'/tmp/cifar-10-python.tar.gz' (for a local file use file:///tmp/cifar-10-python.tar.gz)
    """
    scheme, sep, rest = text.partition("://")
    if scheme.lower() not in ("http", "https", "ftp", "file") or not sep or not rest or any(
            c.isspace() or c == "\0" for c in text):
        hint = ""
        if text.strip() and not _URL.match(text) and "\0" not in text:
            hint = f" (for a local file use {Path(text).expanduser().absolute().as_uri()})"
        raise argparse.ArgumentTypeError(f"expected a URL (http://, https://, ftp:// or file://); got {text!r}{hint}")
    return text


def _local_folder(text, expected):
    """``text`` as a local folder ``Path`` (``~`` expanded), or ``ArgumentTypeError`` saying what it is instead."""
    def refuse(what=""):
        raise argparse.ArgumentTypeError(f"expected {expected}; got {text!r}{what}")

    if not text.strip():
        refuse()
    if "\0" in text:
        refuse(" (a NUL character)")
    if _URL.match(text):
        refuse(" (a URL: give a local folder)")
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        refuse(" (no such user's home folder for ~)")
    try:
        blocked = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    except OSError as error:
        refuse(f" ({error.strerror or error})")
    if blocked is not None:
        refuse(" (a file)" if blocked == path else f" (under a file: {blocked})")
    return path


def sha256_hex(text):
    """An argparse ``type``: a sha256 as 64 hexadecimal digits (lower-cased).

    Example:
        >>> sha256_hex("AB" * 32) == "ab" * 32
        True
    """
    if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise argparse.ArgumentTypeError(f"expected a sha256 (64 hexadecimal digits); got {text!r}")
    return text.lower()


OUTPUT_SUFFIXES = (".json", "_curves.png", "_gaps.png", "_epoch_times.png")      # after the stem


def output_paths(out, names):
    """``[out / name]`` for each plain file name, checked before any work: each stays inside ``out``.

    Raises ``ResultsFileError`` (one line) for a name with a folder part (it would leave ``out``) or a path
    that is already something other than a plain file: a folder, or a link (writing through it would put a
    file outside ``out``). Every runner joins its file names to ``--out`` here.

    Example:
        >>> [str(p) for p in output_paths("results", ["grid_subset.json"])]
        ['results/grid_subset.json']
        >>> output_paths("results", ["../x.json"])
        Traceback (most recent call last):
        ...
        augcourse.study.results.ResultsFileError: cannot write results to results/../x.json: not a plain file \
name inside results
    """
    out, paths = Path(out), []
    for name in names:
        path = out / name
        if not name or "\0" in name or Path(name).name != name or name in (".", "..") or path.parent != out:
            raise ResultsFileError(f"cannot write results to {path}: not a plain file name inside {out}")
        if path.is_symlink():
            raise ResultsFileError(f"cannot write results to {path}: a link (files stay inside --out)")
        if path.exists() and not path.is_file():
            raise ResultsFileError(f"cannot write results to {path}: not a file")
        paths.append(path)
    return paths
