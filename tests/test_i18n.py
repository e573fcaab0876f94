"""The Korean edition stays in step with the English lessons (tools/i18n.py).

- every catalogue in locales/ko/ translates every markdown unit of its English lesson, none fuzzy, none left
  over from an older English text;
- each committed Korean notebook is exactly what the build writes from the English notebook and its catalogue,
  so its code cells and outputs are the English lesson's (which nbval runs);
- changing an English sentence makes the check fail (shown on a copy), so the editions cannot drift;
- the Korean text uses the terminology table's terms (locales/ko/terminology.md), never a word it rules out.
"""

import doctest
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

LESSONS = i18n.translated_lessons()


def test_the_tool_s_examples_hold():
    assert doctest.testmod(i18n).failed == 0


def test_there_are_translated_lessons_and_coverage_is_reported(capsys):
    assert LESSONS, "no catalogue in locales/ko/LC_MESSAGES"
    assert i18n.main(["check"]) == 0, capsys.readouterr().out
    report = capsys.readouterr().out
    for stem in LESSONS:
        assert re.search(rf"^{stem} +(\d+) / +\1 units translated \(100%\)$", report, re.M), report


@pytest.mark.parametrize("stem", LESSONS)
def test_every_unit_of_the_lesson_is_translated_and_current(stem):
    assert i18n.problems(stem) == []


@pytest.mark.parametrize("stem", LESSONS)
def test_the_committed_korean_notebook_is_the_build_and_keeps_code_and_outputs(stem):
    path = i18n.TRANSLATED / f"{stem}.ipynb"
    assert path.read_text() == i18n.notebook_text(i18n.built(stem)), "run: python tools/i18n.py build"
    english, korean = (nbformat.read(p, as_version=4) for p in (i18n.NOTEBOOKS / f"{stem}.ipynb", path))
    assert len(english.cells) == len(korean.cells) and english.metadata == korean.metadata
    for a, b in zip(english.cells, korean.cells):
        assert a.cell_type == b.cell_type
        if a.cell_type == "code":
            assert (a.source, a.outputs, a.metadata) == (b.source, b.outputs, b.metadata)
        else:
            assert a.source == b.source or re.search(r"[가-힣]", b.source), a.source[:80]


def test_changing_an_english_sentence_makes_the_check_fail(tmp_path, monkeypatch):
    stem = LESSONS[0]
    notebooks, locales = tmp_path / "notebooks", tmp_path / "locales"
    notebooks.mkdir()
    shutil.copy(i18n.NOTEBOOKS / f"{stem}.ipynb", notebooks)
    shutil.copytree(i18n.LOCALES, locales)
    monkeypatch.setattr(i18n, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(i18n, "LOCALES", locales)
    assert i18n.problems(stem) == []
    nb = json.loads((notebooks / f"{stem}.ipynb").read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and len("".join(c["source"])) > 80)
    source = "".join(cell["source"])
    cell["source"] = source.replace(".", ", really.", 1)               # one English sentence changes
    cell["source"] += "\n\nA new English sentence nobody translated."
    (notebooks / f"{stem}.ipynb").write_text(json.dumps(nb))
    stale = i18n.problems(stem)
    assert any("no translation for" in p for p in stale) and any("no longer has" in p for p in stale), stale
    i18n.update(stem)                                                  # what a translator runs next
    after = i18n.problems(stem)
    assert any("fuzzy" in p for p in after) and any("A new English sentence" in p for p in after), after


def _terms():
    """(chosen term, words never used) per row of the terminology table."""
    rows = [line.split("|")[1:-1] for line in (i18n.LOCALES / "ko" / "terminology.md").read_text().splitlines()
            if line.startswith("| ") and not line.startswith("| English")]
    return [(chosen.strip(), [w.strip() for w in avoid.split(",") if w.strip()]) for _, chosen, _, avoid in rows]


@pytest.mark.parametrize("stem", LESSONS)
def test_the_korean_lesson_uses_the_terminology_table(stem):
    korean = nbformat.read(i18n.TRANSLATED / f"{stem}.ipynb", as_version=4)
    text = "\n\n".join(u for c in korean.cells if c.cell_type == "markdown" for u in i18n.units(c.source)
                       if "다른 곳에서 보는 말" not in u)          # a table of the alternatives names them
    for chosen, avoid in _terms():
        for word in avoid:
            assert word not in text, f"{stem}: {word!r} where the course says {chosen!r}"
    english = nbformat.read(i18n.NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    strings = {m.id: m.string for m in i18n.read_catalogue(i18n.catalogue_path(stem)) if m.id}
    for cell in english.cells:
        for unit in i18n.units(cell.source) if cell.cell_type == "markdown" else []:
            if re.search(r"\bregulari[sz]", unit, re.I) and unit in strings:
                assert "규제" in strings[unit] and "정규화" not in strings[unit], unit[:80]


# ------------------------------------------------------------- the Markdown pages and the library's messages
PAGES = i18n.translated_pages()


def test_the_cheat_sheet_and_the_run_page_are_translated():
    assert PAGES == list(i18n.PAGES)


@pytest.mark.parametrize("stem", PAGES)
def test_the_korean_page_is_complete_current_and_the_build(stem):
    assert i18n.problems(stem) == []
    korean = (i18n.TRANSLATED / f"{stem}.md").read_text(encoding="utf-8")
    assert korean == i18n.built_page(stem), "run: python tools/i18n.py build"
    for chosen, avoid in _terms():
        for word in avoid:
            assert word not in korean, f"{stem}: {word!r} where the course says {chosen!r}"


@pytest.mark.parametrize("part", i18n.LIBRARY_PARTS)
def test_every_message_of_the_library_is_translated_and_current(part):
    fresh = i18n.library_template(part)
    assert len(fresh) > 0, f"no message of {part} is marked with tr() or N_()"
    assert i18n.problems(part, fresh, i18n.library_catalogue_path(part)) == []
    done, total = i18n.coverage(part, fresh, i18n.library_catalogue_path(part))
    assert done == total


def test_changing_a_library_message_makes_the_check_fail(tmp_path, monkeypatch):
    """A message reworded in the code and a new one: the check names both, and update marks the first fuzzy."""
    library = tmp_path / "augcourse"
    shutil.copytree(i18n.LIBRARY, library, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(i18n, "LIBRARY", library)
    monkeypatch.setattr(i18n, "ROOT", tmp_path)
    path = i18n.library_catalogue_path("augment")
    fresh = i18n.library_template("augment")
    assert i18n.problems("augment", fresh, path) == []
    module = library / "augment" / "directory.py"
    text = module.read_text(encoding="utf-8")
    message = next(m.id for m in fresh if m.id and "directory.py" in str(m.locations) and f'"{m.id}"' in text)
    text = text.replace(f'"{message}"', f'"{message[:-1]}, really{message[-1]}"', 1)
    text += '\n\ndef _new():\n    return tr("A new English message nobody translated.")\n'
    module.write_text(text, encoding="utf-8")
    stale = i18n.problems("augment", i18n.library_template("augment"), path)
    assert any("no translation for" in p and "really" in p for p in stale), stale
    assert any("A new English message" in p for p in stale), stale
    i18n.update_library("augment")                                      # what a translator runs next
    after = i18n.problems("augment", i18n.library_template("augment"), path)
    assert any("fuzzy" in p for p in after) and any("A new English message" in p for p in after), after


@pytest.mark.parametrize("part", i18n.LIBRARY_PARTS)
def test_the_library_s_korean_uses_the_terminology_table(part):
    strings = [m.string for m in i18n.read_catalogue(i18n.library_catalogue_path(part)) if m.id]
    for chosen, avoid in _terms():
        for word in avoid:
            assert not [s for s in strings if word in s], f"{part}: {word!r} where the course says {chosen!r}"


@pytest.mark.parametrize("part", i18n.LIBRARY_PARTS)
def test_every_translation_keeps_the_fields_of_its_message(part):
    """A translation with a {field} its English lacks (or without one it has) would fail or lose a value."""
    fields = re.compile(r"(?<!\{)\{([a-z_]\w*)(?:[!:][^{}]*)?\}(?!\})")
    for message in i18n.read_catalogue(i18n.library_catalogue_path(part)):
        if message.id and message.string:
            assert sorted(set(fields.findall(message.string))) == sorted(set(fields.findall(message.id))), message.id
