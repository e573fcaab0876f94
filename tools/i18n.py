"""The Korean edition from one source: the English notebooks plus one gettext catalogue per lesson.

The English notebooks are the source of truth. Each markdown cell is cut into units (paragraphs, headings,
lists, tables: the blocks between blank lines, a fenced code block kept whole); each unit is one message of
``locales/ko/LC_MESSAGES/<lesson>.po`` (the layout Sphinx's own i18n uses). Code cells and outputs are never
translated or copied by hand: ``build`` writes ``notebooks/ko/<lesson>.ipynb`` from the English notebook with
its markdown units replaced by their translations (a link to another lesson
opens its Korean version where there is one, the English one otherwise).

    python tools/i18n.py update 03_flip        # start or refresh a lesson's catalogue from the English notebook
    python tools/i18n.py update exercises      # the same for a part of the library (see below)
    python tools/i18n.py build                 # write notebooks/ko/<lesson>.ipynb for every catalogue
    python tools/i18n.py check                 # coverage per lesson; exit 1 if anything is missing or stale

The library's own messages (exercise feedback, widget labels, errors; see ``augcourse.language``) have one
catalogue per part of the library, ``augcourse/locales/ko/LC_MESSAGES/<part>.po`` (``augment``, ``exercises``,
``study``, ``widgets``, and ``augcourse`` for the top-level modules). Their messages are the literal first
arguments of ``tr(...)`` and ``N_(...)`` in the part's modules, and, for ``exercises``, the explanations and
hints of the judgement questions (``augcourse.exercises.choices.QUESTIONS``). ``update`` and ``check`` cover
them too.

``update`` keeps every translation whose English unit is unchanged, marks one whose unit changed a little as
fuzzy (to review) and drops units that are gone; tests/test_i18n.py fails while any catalogue has an empty or
fuzzy entry, or a committed Korean notebook differs from what ``build`` writes.
"""

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LOCALES = ROOT / "locales"
LANGUAGE = "ko"
TRANSLATED = NOTEBOOKS / LANGUAGE          # the built Korean notebooks, same names as the English ones
# The Markdown pages of notebooks/ that the website shows beside the lessons; their Korean versions are
# built as notebooks/ko/<page>.md, one unit per block like a lesson's markdown cell.
PAGES = ("cheat_sheet", "run_the_course")
LIBRARY = ROOT / "augcourse"
LIBRARY_PARTS = ("augcourse", "augment", "exercises", "study", "widgets")


def catalogue_path(stem, language=LANGUAGE):
    return LOCALES / language / "LC_MESSAGES" / f"{stem}.po"


def english_notebooks():
    """The English lessons, sorted."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def english_sources():
    """The English lessons, then the Markdown pages (the cheat sheet, the run page)."""
    return english_notebooks() + [NOTEBOOKS / f"{page}.md" for page in PAGES if (NOTEBOOKS / f"{page}.md").exists()]


def english_source(stem):
    """The English file of a lesson (``.ipynb``) or of a Markdown page (``.md``)."""
    return NOTEBOOKS / (f"{stem}.md" if stem in PAGES else f"{stem}.ipynb")


def units(markdown):
    """The translatable units of a markdown cell, in order: blocks between blank lines, code fences whole.

    Example:
        >>> units("# Title\\n\\nOne line,\\nthe same paragraph.\\n\\n```python\\nx = 1\\n\\ny = 2\\n```")
        ['# Title', 'One line,\\nthe same paragraph.', '```python\\nx = 1\\n\\ny = 2\\n```']
    """
    blocks, current, fenced = [], [], False
    for line in markdown.split("\n"):
        if line.strip().startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def empty_catalogue():
    from babel.messages.catalog import Catalog

    return Catalog(locale=LANGUAGE, project="augcourse", version="0.1.0", fuzzy=False,
                   copyright_holder="the augcourse authors", msgid_bugs_address="",
                   last_translator="the augcourse authors", language_team="Korean")


def template(notebook_path):
    """A catalogue holding every unit of the notebook's markdown cells (translations empty)."""
    catalog = empty_catalogue()
    if notebook_path.suffix == ".md":           # a Markdown page: one cell
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(notebook_path.read_text(encoding="utf-8"))])
    else:
        nb = nbformat.read(notebook_path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for unit in units(cell.source):
                if _translatable(unit):
                    catalog.add(unit, locations=[(notebook_path.name, index + 1)])   # cell number, from 1
    return catalog


def _translatable(unit):
    """Units with words: a bare link line of the navigation or a code fence alone is still translated (it has
    words), a line of only punctuation or a horizontal rule is not."""
    return bool(re.search(r"[A-Za-z]", unit)) and unit.strip() != "---"


def read_catalogue(path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        return read_po(handle, locale=LANGUAGE)


def write_catalogue(catalog, path):
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, sort_output=False, ignore_obsolete=True)


def library_catalogue_path(part, language=LANGUAGE):
    return LIBRARY / "locales" / language / "LC_MESSAGES" / f"{part}.po"


def library_part(path):
    """The part of the library a module belongs to: its subpackage, or "augcourse" for a top-level module."""
    inside = Path(path).relative_to(LIBRARY).parts
    return inside[0] if len(inside) > 1 else "augcourse"


def library_template(part):
    """A catalogue of every message of one part of the library (translations empty)."""
    from babel.messages.extract import extract_from_file

    catalog = empty_catalogue()
    for module in sorted(LIBRARY.rglob("*.py")):
        if library_part(module) != part:
            continue
        where = module.relative_to(ROOT).as_posix()
        for _line, message, _comments, _context in extract_from_file(
                "python", module, keywords={"tr": None, "N_": None}, comment_tags=()):
            if message:
                catalog.add(message, locations=[(where, None)])
    if part == "exercises":
        sys.path.insert(0, str(ROOT))
        from augcourse.exercises.choices import QUESTIONS

        for name, (_options, _right, why, hints) in QUESTIONS.items():
            for text in (why, *hints.values()):
                catalog.add(text, locations=[(f"QUESTIONS[{name}]", None)])
    return catalog


def update(stem):
    """Create or refresh ``stem``'s catalogue from its English notebook; returns the catalogue."""
    source = english_source(stem)
    if not source.is_file():
        raise SystemExit(f"i18n: no English lesson {source.relative_to(ROOT)}")
    return refresh(template(source), catalogue_path(stem))


def update_library(part):
    """Create or refresh the catalogue of one part of the library from its modules."""
    return refresh(library_template(part), library_catalogue_path(part))


def refresh(fresh, path):
    """Merge the English messages of ``fresh`` into the catalogue at ``path`` (kept, fuzzy or new); write it."""
    if path.exists():
        catalog = read_catalogue(path)
        created = catalog.creation_date                  # a refresh that changes no message changes no byte
        catalog.update(fresh, no_fuzzy_matching=False)
        catalog.creation_date = created
        for name in ("project", "version", "copyright_holder", "msgid_bugs_address", "last_translator",
                     "language_team"):
            setattr(catalog, name, getattr(fresh, name))
    else:
        catalog = fresh
    for message in catalog:              # "50 % of" is prose, not a %-format: no format check may fail on it
        message.flags.discard("python-format")
    write_catalogue(catalog, path)
    return catalog


def problems(stem, fresh=None, path=None):
    """What keeps ``stem``'s translation from being complete and current: a list of one-line problems.
    (A part of the library: its ``fresh`` template and catalogue ``path``.)"""
    path = path or catalogue_path(stem)
    catalog = read_catalogue(path) if path.exists() else empty_catalogue()
    wanted = {m.id for m in (fresh if fresh is not None else template(english_source(stem))) if m.id}
    have = {m.id: m for m in catalog if m.id}
    found = [f"{stem}: no translation for {_short(i)}" for i in wanted if i not in have or not have[i].string]
    found += [f"{stem}: fuzzy (English changed; review it) {_short(m.id)}" for m in have.values()
              if m.fuzzy and m.id in wanted]
    found += [f"{stem}: the English no longer has {_short(i)} (run update)" for i in have if i not in wanted]
    return found


def _short(text):
    text = " ".join(text.split())
    return repr(text if len(text) < 70 else text[:67] + "...")


def translated_lessons():
    """Stems of the lessons that have a catalogue."""
    folder = LOCALES / LANGUAGE / "LC_MESSAGES"
    return sorted(p.stem for p in folder.glob("*.po") if p.stem not in PAGES) if folder.is_dir() else []


def translated_pages():
    """Stems of the Markdown pages that have a catalogue."""
    return [page for page in PAGES if catalogue_path(page).exists()]


def translate_markdown(source, strings, translated):
    """``source`` with each unit replaced by its translation; relative links made to work from notebooks/ko/:
    a translated lesson's link stays (its Korean version lies beside), any other goes up to the English file."""
    def relink(match):
        target = match.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:|#|/", target) or Path(target.split("#")[0]).stem in translated:
            return match.group(0)
        return f"](../{target}"

    return "\n\n".join(re.sub(r"\]\(([^)\s]+)", relink, strings.get(unit) or unit) for unit in units(source))


def built(stem, translated=None):
    """The Korean notebook of ``stem`` (a NotebookNode), from the English one and the catalogue."""
    translated = set(translated_lessons() + translated_pages() if translated is None else translated)
    catalog = read_catalogue(catalogue_path(stem))
    strings = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, strings, translated)
    return nb


def built_page(stem, translated=None):
    """The Korean text of the Markdown page ``stem``, from the English page and the catalogue."""
    translated = set(translated_lessons() + translated_pages() if translated is None else translated)
    catalog = read_catalogue(catalogue_path(stem))
    strings = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    return translate_markdown(english_source(stem).read_text(encoding="utf-8"), strings, translated) + "\n"


def built_file(stem):
    """(path, text) of the Korean file ``build`` writes for the lesson or page ``stem``."""
    if stem in PAGES:
        return TRANSLATED / f"{stem}.md", built_page(stem)
    return TRANSLATED / f"{stem}.ipynb", notebook_text(built(stem))


def build():
    TRANSLATED.mkdir(exist_ok=True)
    for stem in translated_lessons() + translated_pages():
        path, text = built_file(stem)
        path.write_text(text, encoding="utf-8")


def notebook_text(nb):
    """The text ``nbformat.write`` puts in a file for ``nb``."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def coverage(stem, fresh=None, path=None):
    """(translated units, all units) of ``stem``'s English notebook (or of a library ``fresh``/``path``)."""
    path = path or catalogue_path(stem)
    wanted = [m.id for m in (fresh if fresh is not None else template(english_source(stem))) if m.id]
    if not path.exists():
        return 0, len(wanted)
    have = {m.id: m for m in read_catalogue(path) if m.id}
    return sum(1 for i in wanted if i in have and have[i].string and not have[i].fuzzy), len(wanted)


def main(argv):
    command, *stems = argv or ["check"]
    if command == "update":              # lessons and library parts by name; all of them when none is named
        for stem in stems or translated_lessons() + translated_pages() + list(LIBRARY_PARTS):
            update_library(stem) if stem in LIBRARY_PARTS else update(stem)
    elif command == "build":
        build()
    elif command == "check":
        found, translated = [], set(translated_lessons() + translated_pages())
        for path in english_sources():
            fresh = template(path)
            done, total = coverage(path.stem, fresh)
            print(f"{path.stem:<36} {done:4d} / {total:4d} units translated ({done / max(total, 1):.0%})")
            if path.stem in translated:
                found += problems(path.stem, fresh)
                on_disk, text = built_file(path.stem)
                if not on_disk.exists() or on_disk.read_text(encoding="utf-8") != text:
                    found.append(f"{path.stem}: {on_disk.name} is not what build writes (run build)")
        for part in LIBRARY_PARTS:
            fresh, path = library_template(part), library_catalogue_path(part)
            done, total = coverage(part, fresh, path)
            print(f"library: {part:<27} {done:4d} / {total:4d} messages translated ({done / max(total, 1):.0%})")
            found += problems(part, fresh, path)
        print("\n".join(found) or "every catalogue is complete and every Korean notebook current")
        return 1 if found else 0
    else:
        raise SystemExit(f"i18n: unknown command {command!r}; use update, build or check")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
