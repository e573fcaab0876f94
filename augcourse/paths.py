"""What a learner passes as a path or a file: expanded and checked, with a one-line message.

``check_path`` turns a str or ``pathlib.Path`` into a ``pathlib.Path`` (``~`` expanded) that names an
existing file or folder, or raises one line that says what was received and what was expected:
an empty string, a web address, bytes, ``None`` or a number, a NUL character, a folder where a file
is expected (or the reverse), or nothing at that path (with the nearest folder that does exist).
``check_file_source`` also takes a file's contents (bytes) or a binary file object, and refuses a
closed, write-only, text-mode or empty one in one line.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "cat.png").write_bytes(b"...")
    3
    >>> check_path("image", str(folder / "cat.png"), kind="file").name
    'cat.png'
    >>> check_path("image", "https://example.com/cat.png", kind="file")
    Traceback (most recent call last):
    ...
    ValueError: image must be a path to a file on this computer; got the web address \
'https://example.com/cat.png' (download it first, e.g. path = keras.utils.get_file(origin=url)).
    >>> check_path("directory", folder / "cat.png", kind="folder")   # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: directory must be a path to a folder; got the file '.../cat.png' (its folder is '...').
"""

import difflib
import io
import os
import re
from pathlib import Path

from augcourse.language import tr

KINDS = ("file", "folder")

# Web addresses a learner may paste where a path belongs (pathlib turns "https://x" into "https:/x").
_WEB = re.compile(r"^(https?|ftps?):/", re.IGNORECASE)
_OTHER_URL = re.compile(r"^[a-z][a-z0-9+.-]+://", re.IGNORECASE)
_SHOWN = 240           # how much of a long value a message shows (paths are rarely longer)


def check_path(name, value, *, kind="file", caller=None):
    """``value`` as a ``pathlib.Path`` with ``~`` expanded, once it names an existing ``kind``; else one line.

    Args:
        name: the parameter's name as messages call it (``"directory"``, ``"--out"``, ``"source"``).
        value: what the learner passed: a str or an ``os.PathLike`` (``pathlib.Path``).
        kind: "file" (an existing regular file) or "folder" (an existing directory).
        caller: optional function name that begins every message (``"load_image"`` ->
            ``"load_image: source must be ..."``).

    Returns:
        ``pathlib.Path(value).expanduser()``: neither resolved nor made absolute.

    Raises:
        TypeError: ``value`` is not a str or ``os.PathLike`` (bytes, None, a number, an array, ...).
        ValueError: an empty string, a web address (``http://``, ``https://``, ``ftp://``) or other
            URL, a NUL character, a too-long name, a folder where a file is expected or a file where
            a folder is expected (or something that is neither), a path that cannot be read.
        FileNotFoundError: nothing at the path; the message names the nearest existing folder and a
            close name in it, if there is one.

    Every message is one line: ``"[caller: ]name must be <expected>; got <received> (<hint>)."``, or, for a
    missing path, ``"[caller: ]no <kind> at path='<path>' (<name>); <hint>."``

    Example:
        >>> check_path("image", "", kind="file")
        Traceback (most recent call last):
        ...
        ValueError: image must be a path to a file; got an empty string ''.
        >>> check_path("image", b"\\x89PNG\\r\\n", kind="file", caller="load_image")
        Traceback (most recent call last):
        ...
        TypeError: load_image: image must be a path (str or pathlib.Path) to a file; got 6 bytes \
b'\\x89PNG\\r\\n' (image data in memory goes in as io.BytesIO(data); a path as a str).
    """
    if kind not in KINDS:
        raise ValueError(tr("{name} must be {allowed}; got {value!r}.", name="kind",
                            allowed=tr("one of {choices}", choices="'file', 'folder'"), value=kind))
    lead = f"{caller}: " if caller else ""
    is_file = kind == "file"
    expected = tr("a path to a file") if is_file else tr("a path to a folder")
    typed = tr("a path (str or pathlib.Path) to a file") if is_file else tr("a path (str or pathlib.Path) to a folder")
    local = tr("a path to a file on this computer") if is_file else tr("a path to a folder on this computer")

    def refuse(received, hint="", error=ValueError, expected=expected):
        if hint:
            raise error(lead + tr("{name} must be {expected}; got {received} ({hint}).", name=name,
                                  expected=expected, received=received, hint=hint))
        raise error(lead + tr("{name} must be {expected}; got {received}.", name=name, expected=expected,
                              received=received))

    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        shown = repr(data[:16]) + ("..." if len(data) > 16 else "")
        refuse(tr("{count} bytes {shown}", count=len(data), shown=shown),
               tr("image data in memory goes in as io.BytesIO(data); a path as a str") if is_file
               else tr("a path goes in as a str, e.g. os.fsdecode(value)"), TypeError, typed)
    if not isinstance(value, (str, os.PathLike)):
        refuse(describe_value(value), error=TypeError, expected=typed)
    text = os.fspath(value)
    if not isinstance(text, str):                   # an os.PathLike whose __fspath__ gives bytes
        refuse(describe_value(value), error=TypeError, expected=typed)
    if text == "":
        refuse(tr("an empty string ''"), "" if is_file else tr("use '.' for the current folder"))
    if text.strip() == "":
        refuse(tr("only white space {text!r}", text=text))
    if _WEB.match(text):
        url = re.sub(r"^(\w+):/(?!/)", r"\1://", text)       # what pathlib collapsed, restored
        how = (tr("download it first, e.g. path = keras.utils.get_file(origin=url)") if is_file else
               tr("download and unpack it first, e.g. keras.utils.get_file(origin=url, extract=True)"))
        refuse(tr("the web address {url}", url=_short(url)), how, expected=local)
    if _OTHER_URL.match(text):
        refuse(tr("the URL {url}", url=_short(text)), tr("copy it to this computer first and pass its path"),
               expected=local)
    if "\0" in text:
        refuse(tr("{path}, which holds a NUL character '\\x00' (no path can)", path=_short(text)))
    path = Path(text).expanduser()
    trouble = None
    try:
        stat_ok = path.is_file() if is_file else path.is_dir()
        exists = stat_ok or path.exists()
    except PermissionError:
        trouble = tr("{path}, which cannot be read (permission denied)", path=_short(str(path)))
    except OSError as error:                         # a name too long, a loop of links, ...
        trouble = tr("{path}, which the system refuses ({reason})", path=_short(str(path)),
                     reason=_one_line(error.strerror or error))
    if trouble:                                      # raised here, so no "During handling..." second traceback
        refuse(trouble)
    if stat_ok:
        return path
    if exists:
        if is_file and path.is_dir():
            refuse(tr("the folder {path}", path=_short(str(path))), _a_file_inside(path))
        if not is_file and path.is_file():
            refuse(tr("the file {path}", path=_short(str(path))),
                   tr("its folder is {folder}", folder=_short(str(path.parent))))
        refuse(tr("{path}, which is neither a file nor a folder", path=_short(str(path))))
    if path.is_symlink():                            # a link whose target is gone (moved, or on another disk)
        target = _short(os.readlink(path))
        raise FileNotFoundError(lead + (
            tr("no file at path={path!r} ({name}): it is a link to {target}, which does not exist.",
               path=str(path), name=name, target=target) if is_file else
            tr("no folder at path={path!r} ({name}): it is a link to {target}, which does not exist.",
               path=str(path), name=name, target=target)))
    nearest = _nearest(path, text)
    raise FileNotFoundError(lead + (
        tr("no file at path={path!r} ({name}); {nearest}.", path=str(path), name=name, nearest=nearest) if is_file
        else tr("no folder at path={path!r} ({name}); {nearest}.", path=str(path), name=name, nearest=nearest)))


def check_file_source(name, source, *, caller=None, label=None, expected=None):
    """A file to read, from a path, its contents (bytes) or a binary file object; one line when it is none.

    Args:
        name: the parameter's name as messages call it; caller: as for ``check_path``.
        source: a str or ``os.PathLike`` (checked by ``check_path``), ``bytes``/``bytearray``/
            ``memoryview`` (the file's contents), or a binary file object open for reading.
        label: what later messages should call the file (default: ``"path='...'"``, ``"the file
            object [of 'name']"`` or ``"the data (bytes)"``).
        expected: what the file should be, for the TypeError (``tr("an image file")``; default "a file").

    Returns:
        ``(file, what)``: ``file`` a ``pathlib.Path`` to a non-empty file or a seekable binary file
        object at its start (bytes and unseekable streams are read into an ``io.BytesIO``), and
        ``what`` the label.

    Raises:
        TypeError for another type or a text-mode file object; ValueError for a closed, write-only
        or empty one and everything ``check_path`` refuses; FileNotFoundError for a missing path.

    Example:
        >>> check_file_source("source", b"GIF89a...")
        (<_io.BytesIO object at ...>, 'the data (bytes)')
        >>> check_file_source("source", io.StringIO("text"), caller="load_image")
        Traceback (most recent call last):
        ...
        TypeError: load_image: the file object is open in text mode; open it in binary mode: open(path, 'rb').
    """
    lead = f"{caller}: " if caller else ""
    if isinstance(source, (bytes, bytearray, memoryview)):
        source, what = io.BytesIO(bytes(source)), label or tr("the data (bytes)")
        if not source.getbuffer().nbytes:
            raise ValueError(lead + tr("{what} is empty (0 bytes); pass the whole file's contents.", what=what))
        return source, what
    if hasattr(source, "read"):
        return _file_object(source, label, lead)
    if isinstance(source, (str, os.PathLike)):
        path = check_path(name, source, kind="file", caller=caller)
        what = label or f"path={str(path)!r}"
        if path.stat().st_size == 0:
            raise ValueError(lead + tr("{what} is empty (0 bytes); save the file again.", what=what))
        return path, what
    raise TypeError(lead + tr("{name} must be a path (str or pathlib.Path) to {expected}, or a binary file object "
                              "open for reading (open(path, 'rb'), io.BytesIO(data)), or the file's bytes; got "
                              "{received}.", name=name, expected=tr("a file") if expected is None else expected,
                              received=describe_value(source)))


def _file_object(source, label, lead):
    """A file object readable from its start (an unseekable one read into memory), and its name in messages."""
    file_name = getattr(source, "name", None)
    what = label or (tr("the file object of {name!r}", name=file_name) if isinstance(file_name, str)
                     else tr("the file object"))
    reopen = f"open({file_name!r}, 'rb')" if isinstance(file_name, str) else "open(path, 'rb')"
    if getattr(source, "closed", False) is True:
        raise ValueError(lead + tr("{what} is closed; read it inside its with block, "
                                   "or open it again with open(path, 'rb').", what=what))
    mode = getattr(source, "mode", None)
    has_mode = isinstance(mode, str)
    readable = getattr(source, "readable", None)
    if callable(readable) and not readable():
        raise ValueError(lead + (
            tr("{what} is not open for reading (mode {mode!r}); open it with {reopen}.", what=what, mode=mode,
               reopen=reopen) if has_mode else
            tr("{what} is not open for reading; open it with {reopen}.", what=what, reopen=reopen)))
    try:
        text_mode = isinstance(source, io.TextIOBase) or isinstance(source.read(0), str)
    except Exception:        # noqa: BLE001 - a read that takes no size: the reader's own message comes later
        text_mode = False
    if text_mode:
        raise TypeError(lead + (
            tr("{what} is open in text mode ({mode!r}); open it in binary mode: {reopen}.", what=what, mode=mode,
               reopen=reopen) if has_mode else
            tr("{what} is open in text mode; open it in binary mode: {reopen}.", what=what, reopen=reopen)))
    seekable = getattr(source, "seekable", None)
    if not (callable(seekable) and seekable()):
        data = source.read()
        if not data:
            raise ValueError(lead + tr("{what} gave no bytes (it is empty, or was read to its end already; "
                                       "open it again).", what=what))
        return io.BytesIO(data), what
    source.seek(0, io.SEEK_END)
    if source.tell() == 0:
        raise ValueError(lead + tr("{what} is empty (0 bytes); save the file again.", what=what))
    source.seek(0)
    return source, what


def describe_value(value):
    """A short, one-line description of a value that is no path (an array by its shape, not its pixels)."""
    shape = getattr(value, "shape", None)
    if shape is not None and hasattr(value, "dtype"):
        return tr("an array of shape {shape} and dtype {dtype} (data already in memory, not a file)",
                  shape=tuple(shape), dtype=value.dtype)
    return f"{_short(repr(value))} ({type(value).__name__})" if value is not None else "None"


def _short(text):
    """``repr`` of a string, cut to ``_SHOWN`` characters: always one line."""
    text = text if isinstance(text, str) else str(text)
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "...")


def _one_line(text):
    return " ".join(str(text).split())


def _a_file_inside(folder):
    """A hint naming one file in ``folder`` (the first few entries only are looked at)."""
    try:
        with os.scandir(folder) as entries:
            for _, entry in zip(range(200), entries):
                if entry.is_file() and not entry.name.startswith("."):
                    return tr("name one file inside it, e.g. {example!r}", example=str(Path(folder) / entry.name))
    except OSError:
        pass
    return tr("name one file inside it")


def _nearest(path, text):
    """What exists near a missing ``path``: the nearest existing folder, and a close name in it."""
    stripped = text.strip()
    if stripped != text and Path(stripped).expanduser().exists():
        return tr("{path!r}, without the white space around it, exists", path=stripped)
    if text.startswith("~") and str(path) == text:
        return tr("'~' could not be expanded to a home folder")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    shown = repr(str(parent)) if path.is_absolute() else tr(
        "{folder!r} (relative to the current folder {cwd!r})", folder=str(parent), cwd=os.getcwd())
    if not parent.is_dir():
        return tr("{path!r} is a file, not a folder", path=str(parent))
    if parent != path.parent:
        missing = path.relative_to(parent).parts[0]
        return tr("the nearest existing folder is {folder}, and it has no {missing!r}", folder=shown, missing=missing)
    try:
        with os.scandir(parent) as entries:
            names = [entry.name for _, entry in zip(range(2000), entries)]
    except OSError:
        names = []
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    if close:
        return tr("the folder {folder} exists but has no {name!r} (a close name: {close!r})", folder=shown,
                  name=path.name, close=close[0])
    return tr("the folder {folder} exists but has no {name!r}", folder=shown, name=path.name)
