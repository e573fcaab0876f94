"""The language of what the library says to a learner: English, or Korean from its translation catalogues.

Every sentence the library shows a learner (exercise feedback and hints, widget labels and captions, error
messages and warnings) is written in English and passed through ``tr``, which returns it in the chosen
language. The Korean sentences live in gettext catalogues, ``augcourse/locales/ko/LC_MESSAGES/<part>.po``
(one per part of the library), written by ``tools/i18n.py update`` and checked complete by the tests.

The language, first match wins:
    1. ``set_language("ko")`` (or ``"en"``) in the notebook;
    2. the environment variable ``AUGCOURSE_LANG`` (``make lab LANG=ko`` sets it for every kernel);
    3. a Korean lesson: a notebook in a folder named ``ko`` (``notebooks/ko/``; Jupyter gives its kernel the
       notebook's path in ``JPY_SESSION_NAME``), so opening the Korean edition is enough;
    4. English.

Example:
    >>> set_language("ko")
    >>> tr("Right: ")
    '정답: '
    >>> tr("{name} must be {allowed}; got {value!r}.", name="cval", allowed=tr("a number"), value="x")
    "cval: 숫자이어야 합니다. 받은 값: 'x'."
    >>> set_language("en")
    >>> tr("{name} must be {allowed}; got {value!r}.", name="cval", allowed=tr("a number"), value="x")
    "cval must be a number; got 'x'."
    >>> set_language(None)                 # back to the environment's choice
"""

import functools
import os
import unicodedata
from pathlib import Path

LANGUAGES = ("en", "ko")
CATALOGUES = Path(__file__).resolve().parent / "locales"
_chosen = None
# English messages asked for in another language that had no translation (the tests require none).
missing = set()


def set_language(code):
    """Show the library's messages in ``code`` ("en" or "ko") from now on; None goes back to the default.

    Example: ``set_language("ko")`` at the top of a notebook.
    """
    global _chosen
    if code is not None and code not in LANGUAGES:
        raise ValueError(f"set_language: code must be one of {', '.join(map(repr, LANGUAGES))} or None; "
                         f"got {code!r}.")
    _chosen = code


def current_language():
    """The language messages are shown in now: "en" or "ko" (see the module's docstring for the order)."""
    if _chosen is not None:
        return _chosen
    wanted = os.environ.get("AUGCOURSE_LANG", "").strip().lower()[:2]
    if wanted in LANGUAGES:
        return wanted
    session = os.environ.get("JPY_SESSION_NAME", "").replace("\\", "/").split("/")
    return "ko" if len(session) > 1 and session[-2] == "ko" else "en"


@functools.cache
def catalogue(code):
    """{English message: translation} of every catalogue of language ``code`` (empty and fuzzy ones left out)."""
    from babel.messages.pofile import read_po

    strings = {}
    for path in sorted((CATALOGUES / code / "LC_MESSAGES").glob("*.po")):
        with open(path, "rb") as handle:
            strings.update((m.id, m.string) for m in read_po(handle) if m.id and m.string and not m.fuzzy)
    return strings


def tr(message, /, **values):
    """``message`` in the current language, with ``values`` filled in by ``str.format``.

    ``message`` is the English text itself (a literal, so ``tools/i18n.py`` can find it); its ``{name}``
    fields are filled after translating, so a translation may put them in another order. A message with
    no translation is shown in English.
    """
    code = current_language()
    text = message
    if code != "en":
        text = catalogue(code).get(message)
        if text is None:
            missing.add(message)
            text = message
    return text.format(**values) if values else text


def N_(message):
    """``message`` unchanged: marks an English literal kept in a table for translation where it is shown
    (``tr(entry)``), so ``tools/i18n.py`` finds it where it is written."""
    return message


def shown_width(text):
    """How many columns of a monospaced font ``text`` takes: wide characters (Hangul, CJK) count two, so a
    table of Korean text lines up where ``len`` would not.

    Example:
        >>> shown_width("all 4660 train"), shown_width("이 이미지")
        (14, 9)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text, columns):
    """``text`` followed by spaces up to ``columns`` shown columns (none when it is already that wide).

    Example:
        >>> pad("IDG", 6) + "|", pad("증강", 6) + "|"
        ('IDG   |', '증강  |')
    """
    return text + " " * max(0, columns - shown_width(text))
