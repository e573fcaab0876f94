"""Write course notebooks from Python: markdown and code cells, tags, navigation.

Authors use it from a scratch script, then run tools/regen_outputs.py:

    from tools.nb import md, code, nav, write
    write("notebooks/03_flip.ipynb", [
        md("# Flip ..."),
        code("import numpy as np"),
        code("explore()", tags=["nbval-ignore-output"]),
        nav("02_from_image_files.ipynb", "04_shift_and_fill_modes.ipynb"),
    ])
"""

import nbformat

from tools.regen_outputs import NOTEBOOK_METADATA


def md(text):
    """A markdown cell (leading/trailing blank lines removed)."""
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def code(source, tags=()):
    """A code cell with optional tags such as ``nbval-ignore-output``."""
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def nav(previous=None, following=None):
    """The closing navigation cell: previous lesson, index, next lesson."""
    def link(target, label):
        return f"[{label}]({target})"
    parts = []
    if previous:
        parts.append(link(previous, "← Previous: " + _title(previous)))
    parts.append(link("00_index.ipynb", "Course index"))
    if following:
        parts.append(link(following, "Next: " + _title(following) + " →"))
    return md("---\n" + " | ".join(parts))


def _title(filename):
    stem = filename.rsplit(".", 1)[0]
    number, _, words = stem.partition("_")
    return f"{number} {words.replace('_', ' ')}"


def write(path, cells):
    """Write a notebook with the course's metadata (outputs come from regen_outputs.py)."""
    nb = nbformat.v4.new_notebook(cells=cells, metadata=NOTEBOOK_METADATA)
    stem = str(path).rsplit("/", 1)[-1].split("_", 1)[0]
    for i, cell in enumerate(nb.cells):      # stable ids: a rebuild does not churn every cell in the diff
        cell.id = f"l{stem}-{i:03d}"
    nbformat.validate(nb)
    nbformat.write(nb, path)
