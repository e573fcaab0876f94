"""The Korean edition from one source: the English notebooks plus one gettext catalogue per lesson.

The English notebooks are the source of truth. Each markdown cell is cut into units (paragraphs, headings,
lists, tables: the blocks between blank lines, a fenced code block kept whole); each unit is one message of
``locales/ko/LC_MESSAGES/<lesson>.po`` (the layout Sphinx's own i18n uses). Code cells and outputs are never
translated or copied by hand: ``build`` writes ``notebooks/ko/<lesson>.ipynb`` from the English notebook with
its markdown units replaced by their translations (a link to another lesson
opens its Korean version where there is one, the English one otherwise).

    python tools/i18n.py update 03_flip        # start or refresh a lesson's catalogue from the English notebook
    python tools/i18n.py build                 # write notebooks/ko/<lesson>.ipynb for every catalogue
    python tools/i18n.py check                 # coverage per lesson; exit 1 if anything is missing or stale

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


def catalogue_path(stem, language=LANGUAGE):
    return LOCALES / language / "LC_MESSAGES" / f"{stem}.po"


def english_notebooks():
    """The English lessons, sorted."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


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


def template(notebook_path):
    """A catalogue holding every unit of the notebook's markdown cells (translations empty)."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=LANGUAGE, project="augcourse", version="0.1.0", fuzzy=False,
                      copyright_holder="the augcourse authors", msgid_bugs_address="",
                      last_translator="the augcourse authors", language_team="Korean")
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


def update(stem):
    """Create or refresh ``stem``'s catalogue from its English notebook; returns the catalogue."""
    source = NOTEBOOKS / f"{stem}.ipynb"
    if not source.is_file():
        raise SystemExit(f"i18n: no English lesson {source.relative_to(ROOT)}")
    fresh, path = template(source), catalogue_path(stem)
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


def problems(stem):
    """What keeps ``stem``'s translation from being complete and current: a list of one-line problems."""
    catalog = read_catalogue(catalogue_path(stem))
    wanted = {m.id for m in template(NOTEBOOKS / f"{stem}.ipynb") if m.id}
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
    return sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []


def translate_markdown(source, strings, translated):
    """``source`` with each unit replaced by its translation; relative links made to work from notebooks/ko/:
    a translated lesson's link stays (its Korean version lies beside), any other goes up to the English file."""
    def relink(match):
        target = match.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:|#|/", target) or target.split("#")[0].removesuffix(".ipynb") in translated:
            return match.group(0)
        return f"](../{target}"

    return "\n\n".join(re.sub(r"\]\(([^)\s]+)", relink, strings.get(unit) or unit) for unit in units(source))


def built(stem, translated=None):
    """The Korean notebook of ``stem`` (a NotebookNode), from the English one and the catalogue."""
    translated = set(translated_lessons() if translated is None else translated)
    catalog = read_catalogue(catalogue_path(stem))
    strings = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, strings, translated)
    return nb


def build():
    for stem in translated_lessons():
        TRANSLATED.mkdir(exist_ok=True)
        nbformat.write(built(stem), TRANSLATED / f"{stem}.ipynb")


def notebook_text(nb):
    """The text ``nbformat.write`` puts in a file for ``nb``."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def coverage(stem):
    """(translated units, all units) of ``stem``'s English notebook."""
    wanted = [m.id for m in template(NOTEBOOKS / f"{stem}.ipynb") if m.id]
    if not catalogue_path(stem).exists():
        return 0, len(wanted)
    have = {m.id: m for m in read_catalogue(catalogue_path(stem)) if m.id}
    return sum(1 for i in wanted if i in have and have[i].string and not have[i].fuzzy), len(wanted)


def main(argv):
    command, *stems = argv or ["check"]
    if command == "update":
        for stem in stems or translated_lessons():
            update(stem)
    elif command == "build":
        build()
    elif command == "check":
        found = []
        for path in english_notebooks():
            done, total = coverage(path.stem)
            print(f"{path.stem:<36} {done:4d} / {total:4d} units translated ({done / max(total, 1):.0%})")
        for stem in translated_lessons():
            found += problems(stem)
            on_disk = TRANSLATED / f"{stem}.ipynb"
            if not on_disk.exists() or on_disk.read_text() != notebook_text(built(stem)):
                found.append(f"{stem}: {on_disk.name} is not what build writes (run build)")
        print("\n".join(found) or "every catalogue is complete and every Korean notebook current")
        return 1 if found else 0
    else:
        raise SystemExit(f"i18n: unknown command {command!r}; use update, build or check")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
