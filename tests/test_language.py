"""Choosing the language of the library's messages (augcourse.language) and how messages are marked.

- the choice: set_language() first, then AUGCOURSE_LANG (what `make lab LANG=ko` sets), then a notebook in a
  ko/ folder (Jupyter's JPY_SESSION_NAME), then English; a wrong code is refused in one line;
- `make lab LANG=ko` really passes AUGCOURSE_LANG=ko to JupyterLab (read from `make -n`);
- every tr()/N_() call of the library has a literal English first argument (so tools/i18n.py can extract
  it), except where it shows an entry of a table marked with N_;
- the catalogues are package data, so an installed library finds them.
"""

import ast
import subprocess
from pathlib import Path

import pytest

from augcourse import language
from augcourse.language import current_language, set_language, tr

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def clean_choice(monkeypatch):
    monkeypatch.delenv("AUGCOURSE_LANG", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    set_language(None)
    yield
    set_language(None)


def test_english_by_default():
    assert current_language() == "en" and tr("Right: ") == "Right: "


@pytest.mark.parametrize("session, expected", [
    ("/home/me/augcourse/notebooks/ko/03_flip.ipynb", "ko"), ("ko/03_flip.ipynb", "ko"),
    ("C:\\Users\\me\\augcourse\\notebooks\\ko\\03_flip.ipynb", "ko"),
    ("/home/me/augcourse/notebooks/03_flip.ipynb", "en"), ("/home/me/kotlin/03_flip.ipynb", "en"),
    ("/home/me/ko/notebooks/03_flip.ipynb", "en"), ("", "en")])
def test_a_notebook_of_the_korean_edition_speaks_korean(monkeypatch, session, expected):
    monkeypatch.setenv("JPY_SESSION_NAME", session)
    assert current_language() == expected


@pytest.mark.parametrize("value, expected", [("ko", "ko"), ("ko_KR.UTF-8", "ko"), (" KO ", "ko"), ("en", "en"),
                                             ("fr", "en"), ("", "en")])
def test_the_environment_variable_chooses(monkeypatch, value, expected):
    monkeypatch.setenv("AUGCOURSE_LANG", value)
    assert current_language() == expected


def test_the_first_choice_wins(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "/x/notebooks/ko/03_flip.ipynb")
    monkeypatch.setenv("AUGCOURSE_LANG", "en")
    assert current_language() == "en"                  # the environment before the notebook's folder
    set_language("ko")
    assert current_language() == "ko"                  # the call before both
    assert tr("Right: ") == "정답: "
    set_language("en")
    assert tr("Right: ") == "Right: "


@pytest.mark.parametrize("code", ["kr", "korean", "", 1])
def test_a_wrong_language_code_is_refused_in_one_line(code):
    with pytest.raises(ValueError, match=r"set_language: code must be one of 'en', 'ko' or None; got"):
        set_language(code)


def test_a_message_with_no_translation_is_shown_in_english_and_recorded():
    set_language("ko")
    language.missing.discard("No such message {n}.")
    assert tr("No such message {n}.", n=3) == "No such message 3."
    assert "No such message {n}." in language.missing
    language.missing.discard("No such message {n}.")


def test_fields_are_filled_after_translating():
    set_language("ko")
    message = tr("{name} must be {allowed}; got {value!r}.", name="cval", allowed=tr("a number"), value="x")
    assert message.startswith("cval") and "'x'" in message and "숫자" in message


def test_make_lab_lang_ko_sets_the_library_language():
    korean = subprocess.run(["make", "-s", "-n", "lab", "LANG=ko_KR.UTF-8"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    english = subprocess.run(["make", "-s", "-n", "lab", "LANG=C.UTF-8"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout
    lab = [line for line in korean.splitlines() if "jupyter lab" in line]
    assert lab and lab[0].startswith("AUGCOURSE_LANG=ko ") and "ko/00_index.ipynb" in korean
    assert "AUGCOURSE_LANG" not in english


def _calls(name):
    """(module, line, first argument) of every call of ``name`` in the library."""
    for module in sorted((ROOT / "augcourse").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                yield module.relative_to(ROOT).as_posix(), node.lineno, node.args[0] if node.args else None


def test_every_marked_message_is_a_literal_english_string():
    """A tr(f"...") or tr(a + b) would be looked up under a text no catalogue holds: always English."""
    calls = [*_calls("tr"), *_calls("N_")]
    assert len(calls) > 300
    for module, line, first in calls:
        assert first is not None, f"{module}:{line}: tr() without a message"
        assert not isinstance(first, (ast.JoinedStr, ast.BinOp)), \
            f"{module}:{line}: build the text with fields instead: tr('... {{x}}', x=...)"
        # a name or a table look-up (tr(why), tr(TABLE[key]), tr(TABLE.get(key, default))) shows a table entry
        # whose literal is marked with N_ (or a question of QUESTIONS, which tools/i18n.py reads itself);
        # each part's test shows it Korean.
        table_get = isinstance(first, ast.Call) and getattr(first.func, "attr", None) == "get"
        assert table_get or isinstance(first, (ast.Constant, ast.Name, ast.Subscript, ast.Attribute)), \
            f"{module}:{line}"
    for module, line, first in _calls("N_"):
        assert isinstance(first, ast.Constant) and isinstance(first.value, str), f"{module}:{line}: N_ needs a literal"


def test_every_literal_message_is_in_a_catalogue():
    """What tools/i18n.py extracts is what the code asks for: a tr() the extractor cannot see (inside an
    f-string, say) would never be translated."""
    from babel.messages.pofile import read_po

    catalogued = set()
    for path in (ROOT / "augcourse/locales/ko/LC_MESSAGES").glob("*.po"):
        with open(path, "rb") as handle:
            catalogued |= {m.id for m in read_po(handle) if m.id}
    literal = {(module, line, first.value) for module, line, first in [*_calls("tr"), *_calls("N_")]
               if isinstance(first, ast.Constant) and isinstance(first.value, str)}
    assert [f"{module}:{line}: {text!r}" for module, line, text in literal if text not in catalogued] == []


def test_the_catalogues_are_package_data():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["augcourse"]
    assert "locales/*/LC_MESSAGES/*.po" in data
    assert sorted(p.stem for p in (ROOT / "augcourse/locales/ko/LC_MESSAGES").glob("*.po")) == sorted(
        ["augcourse", "augment", "exercises", "study", "widgets"])
