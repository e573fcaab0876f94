"""Lessons teach public API only: no code cell reaches into Keras' private modules or attributes."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PRIVATE = re.compile(r"\bkeras\.src\b|\._[a-z]\w*")


def private_uses(source):
    """The private Keras names a code cell uses: ``keras.src...`` imports and ``obj._attr`` reads."""
    return [m.group(0) for m in PRIVATE.finditer(source)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_lesson_code_uses_private_api(path):
    cells = json.loads(path.read_text())["cells"]
    found = {i: private_uses("".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == "code"}
    assert {i: uses for i, uses in found.items() if uses} == {}


def test_the_check_finds_what_lesson_13_used_to_do():
    old = ("from keras.src.trainers.data_adapters import get_data_adapter\n"
           "print(type(dataset._input_dataset).__name__)")
    assert private_uses(old) == ["keras.src", "._input_dataset"]
    assert private_uses("x = np.zeros(3)\nprint(flow.workers, obj.__class__)") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_name_a_lesson_imports_from_augcourse_exists(path):
    """A renamed or removed check (or helper) fails here, before any notebook runs."""
    import ast
    import importlib.util

    missing = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("augcourse"):
                module = importlib.import_module(node.module)
                missing += [f"{node.module}.{a.name}" for a in node.names if not hasattr(module, a.name)
                            and importlib.util.find_spec(f"{node.module}.{a.name}") is None]
    assert missing == []
