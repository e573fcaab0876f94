"""Exercise solutions stay hidden until asked for, also on GitHub (which ignores ``source_hidden``):
each one is a collapsed markdown ``<details>`` block, with valid code that calls the exercise's check."""

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
DETAILS = re.compile(r"^<details>\s*<summary>.*?Solution.*?</summary>\s*```python\n(.*?)\n```\s*</details>\s*$",
                     re.S)


def exercises(cells):
    """[(exercise cell index, the checks its code cell calls, the solution block's code or None)]."""
    found, current = [], None
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.match(r"\s*\*\*(?:Exercise )?\d+\.\*\*", source):
            current = [i, set(), None]
            found.append(current)
        elif current is not None and cell["cell_type"] == "code" and current[1] == set():
            current[1] = set(re.findall(r"\b(check_\w+)\(", source))
        elif current is not None and cell["cell_type"] == "markdown" and source.startswith("<details>"):
            match = DETAILS.match(source)
            current[2] = match.group(1) if match else "<not a python block>"
    return [tuple(e) for e in found]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_solution_is_a_code_cell_or_a_hidden_output(path):
    cells = json.loads(path.read_text())["cells"]
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        assert not "".join(cell["source"]).lstrip().startswith("# Solution"), f"cell {i} is a solution code cell"
        hidden = cell["metadata"].get("jupyter", {}).get("source_hidden", False)
        assert not (hidden and cell.get("outputs")), f"cell {i}: hidden source with a committed output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_a_collapsed_solution_calling_its_check(path):
    cells = json.loads(path.read_text())["cells"]
    for index, checks, solution in exercises(cells):
        assert checks, f"exercise at cell {index}: no check_... call in the cell after it"
        assert solution is not None, f"exercise at cell {index}: no <details> solution"
        tree = ast.parse(solution)             # a SyntaxError fails the test
        called = {node.func.id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert checks <= called, f"exercise at cell {index}: the solution does not call {checks - called}"


def test_the_finder_sees_a_missing_and_a_broken_solution():
    def md(text):
        return {"cell_type": "markdown", "source": [text]}

    def code(text):
        return {"cell_type": "code", "source": [text]}

    good = "<details>\n<summary><b>Solution</b></summary>\n\n```python\nanswer = 4\ncheck_a(answer)\n```\n\n</details>"
    cells = [md("**Exercise 1.** Count."), code("answer = ...\ncheck_a(answer)"), md(good),
             md("**2.** Again."), code("check_b(...)"),
             md("**Exercise 3.** Once more."), code("check_c(...)"), md("<details>no code</details>")]
    assert exercises(cells) == [(0, {"check_a"}, "answer = 4\ncheck_a(answer)"), (3, {"check_b"}, None),
                                (5, {"check_c"}, "<not a python block>")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_judgement_question_shows_the_options_its_check_knows(path):
    from augcourse.exercises.choices import OPTIONS

    cells = json.loads(path.read_text())["cells"]
    for index, checks, _ in exercises(cells):
        text = "".join(cells[index]["source"])
        for check in checks:
            for letter, option in OPTIONS.get(check.removeprefix("check_"), {}).items():
                assert f"- ({letter}) {option}" in text, (index, check, letter)
