"""Every "section N" / "§N" in a lesson, and in the hints of the exercise checks it calls, names a
numbered heading ("## N. ...") of that same lesson."""

import inspect
import json
import re
from pathlib import Path

import pytest

import augcourse.exercises
from augcourse.exercises import choices

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REFERENCE = re.compile(r"(?i)(?:\bsections?|§)\s*(\d+)(?:\s*(?:and|,|or)\s*(\d+))?")
HEADING = re.compile(r"(?m)^##\s+(\d+)\.\s+(.+)$")
CHECKS = augcourse.exercises.all_checks()


def headings(cells):
    """{N: title} of the numbered "## N. title" headings in the markdown cells."""
    return {int(m.group(1)): m.group(2) for cell in cells if cell["cell_type"] == "markdown"
            for m in HEADING.finditer("".join(cell["source"]))}


def references(text):
    """The section numbers ``text`` refers to ("section 4", "sections 2 and 3", "§5")."""
    return [int(n) for m in REFERENCE.finditer(text) for n in m.groups() if n]


def check_text(name):
    """What a check can say: its source, or for a judgement question its reasons and hints."""
    question = choices.QUESTIONS.get(name.removeprefix("check_"))
    return str(question) if question else inspect.getsource(CHECKS[name])


def broken_references(cells):
    """(where, N) for every reference to a section the cells do not have, in cells and in the hints
    of the exercise checks the code cells call."""
    known = headings(cells)
    broken = []
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        broken += [(f"cell {i}", n) for n in references(source) if n not in known]
        if cell["cell_type"] == "code":
            for name in set(re.findall(r"\b(check_\w+)\(", source)) & set(CHECKS):
                broken += [(f"{name} (cell {i})", n) for n in references(check_text(name)) if n not in known]
    return broken


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_section_reference_names_a_heading_of_the_lesson(path):
    cells = json.loads(path.read_text())["cells"]
    assert broken_references(cells) == []


def test_the_finder_reports_a_wrong_number_and_a_wrong_hint():
    def md(text):
        return {"cell_type": "markdown", "source": [text]}

    def code(text):
        return {"cell_type": "code", "source": [text]}

    cells = [md("## 1. Zoom\nSee section 2 and §1."), md("## 2. Crop\nSections 1 and 3 compare."),
             code("check_shear_stretch(1.15)")]            # its hint says "section 4"
    assert broken_references(cells) == [("cell 1", 3), ("check_shear_stretch (cell 2)", 4)]
    assert references("sections 2 and 3, §4, section 3.2") == [2, 3, 4, 3]


def test_every_exercise_check_is_called_by_a_lesson():
    called = {name for path in NOTEBOOKS for name in re.findall(r"\b(check_\w+)\(", path.read_text())}
    assert set(CHECKS) - called == set()
