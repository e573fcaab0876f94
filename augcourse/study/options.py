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
import sys
from pathlib import Path

from augcourse.language import N_, shown_width, tr
from augcourse.study.results import ResultsFileError


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with its "usage: " in the learner's language; help text with wide characters
    (Korean) is wrapped by the columns it takes, not its length (English is wrapped exactly as argparse does)."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, tr("usage: ") if prefix is None else prefix)

    def _split_lines(self, text, width):
        if shown_width(text) == len(text):
            return super()._split_lines(text, width)
        words = self._whitespace_matcher.sub(" ", text).strip().split(" ")
        lines, line = [], ""
        for word in words:
            if line and shown_width(line + " " + word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        return lines + [line] if line else lines

    def _fill_text(self, text, width, indent):
        if shown_width(text) == len(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))


# argparse's own one-line errors (Python 3.11's wording), to show them in the learner's language.
_ARGPARSE_ERRORS = (
    (re.compile(r"unrecognized arguments: (?P<names>.*)", re.S), N_("unrecognized arguments: {names}")),
    (re.compile(r"the following arguments are required: (?P<names>.*)", re.S),
     N_("the following arguments are required: {names}")),
    (re.compile(r"one of the arguments (?P<names>.*) is required", re.S),
     N_("one of the arguments {names} is required")),
    (re.compile(r"ambiguous option: (?P<option>.*) could match (?P<matches>.*)", re.S),
     N_("ambiguous option: {option} could match {matches}")),
    (re.compile(r"expected one argument", re.S), N_("expected one argument")),
    (re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.S),
     N_("invalid choice: {value} (choose from {choices})")),
    (re.compile(r"not allowed with argument (?P<other>.*)", re.S), N_("not allowed with argument {other}")),
    (re.compile(r"ignored explicit argument (?P<value>.*)", re.S), N_("ignored explicit argument {value}")),
    (re.compile(r"invalid (?P<type>.*) value: (?P<value>.*)", re.S), N_("invalid {type} value: {value}")),
)


def _argparse_message(message):
    """One of argparse's own error messages in the learner's language (other messages are returned as given)."""
    argument = re.fullmatch(r"argument (?P<name>\S+): (?P<message>.*)", message, re.S)
    if argument:
        return tr("argument {name}: {message}", name=argument["name"],
                  message=_argparse_message(argument["message"]))
    for pattern, template in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return tr(template, **found.groupdict())
    return message


class ArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` that speaks the learner's language (``augcourse.language``): its usage
    line, "options" heading, ``-h`` help and error line; every study command line is built with it.

    In English its help and errors are exactly argparse's.

    Example:
        >>> ArgumentParser(prog="demo").format_usage()
        'usage: demo [-h]\\n'
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._optionals.title = tr("options")
        self._positionals.title = tr("positional arguments")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=tr("show this help message and exit"))

    def error(self, message):
        """Print the usage and ``<prog>: error: <message>`` to stderr; exit with status 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, tr("{prog}: error: {message}\n", prog=self.prog, message=_argparse_message(message)))


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
            raise argparse.ArgumentTypeError(tr("expected an integer of at least {low}; got {text!r}", low=low,
                                                 text=text)) from None
        if value < low:
            raise argparse.ArgumentTypeError(tr("must be at least {low}; got {value}", low=low, value=value))
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
        raise argparse.ArgumentTypeError(tr("expected seeds such as 0,1,2; got {text!r}", text=text))
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
        raise argparse.ArgumentTypeError(tr("expected a plain file name (no folder part, not hidden, at most 200 "
                                            "characters; put folders in --out); got {text!r}", text=text))
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
    return str(_local_folder(text, tr("expected a folder (or one to create); got {text!r}{what}")))


def existing_folder(text):
    """An argparse ``type``: like ``folder_option``, and the folder must exist already (the grid adds to one).

    Example:
        >>> existing_folder("/")
        '/'
    """
    path = _local_folder(text, tr("expected an existing folder; got {text!r}{what}"))
    if not path.is_dir():
        raise argparse.ArgumentTypeError(tr("expected an existing folder (create it first); got {text!r} "
                                            "(no such folder)", text=text))
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
            hint = tr(" (for a local file use {uri})", uri=Path(text).expanduser().absolute().as_uri())
        raise argparse.ArgumentTypeError(tr("expected a URL (http://, https://, ftp:// or file://); got {text!r}{hint}",
                                            text=text, hint=hint))
    return text


def _local_folder(text, refusal):
    """``text`` as a local folder ``Path`` (``~`` expanded), or ``ArgumentTypeError`` saying what it is instead.

    ``refusal`` is the message, already in the learner's language, with the fields ``{text!r}`` and
    ``{what}`` (the reason in parentheses, or nothing).
    """
    def refuse(what=""):
        raise argparse.ArgumentTypeError(refusal.format(text=text, what=what))

    if not text.strip():
        refuse()
    if "\0" in text:
        refuse(tr(" (a NUL character)"))
    if _URL.match(text):
        refuse(tr(" (a URL: give a local folder)"))
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        refuse(tr(" (no such user's home folder for ~)"))
    try:
        blocked = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
    except OSError as error:
        refuse(tr(" ({reason})", reason=error.strerror or error))
    if blocked is not None:
        refuse(tr(" (a file)") if blocked == path else tr(" (under a file: {path})", path=blocked))
    return path


def sha256_hex(text):
    """An argparse ``type``: a sha256 as 64 hexadecimal digits (lower-cased).

    Example:
        >>> sha256_hex("AB" * 32) == "ab" * 32
        True
    """
    if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise argparse.ArgumentTypeError(tr("expected a sha256 (64 hexadecimal digits); got {text!r}", text=text))
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
            raise ResultsFileError(tr("cannot write results to {path}: not a plain file name inside {out}", path=path,
                                      out=out))
        if path.is_symlink():
            raise ResultsFileError(tr("cannot write results to {path}: a link (files stay inside --out)", path=path))
        if path.exists() and not path.is_file():
            raise ResultsFileError(tr("cannot write results to {path}: not a file", path=path))
        paths.append(path)
    return paths
