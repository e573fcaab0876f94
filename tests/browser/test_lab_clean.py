"""Opening a lesson in real JupyterLab leaves it unmodified, so autosave rewrites nothing in a learner's clone.

JupyterLab writes the kernel's ``language_info`` into a notebook once its kernel starts; the committed
notebooks already carry it (tests/test_notebook_form.py), so the open lesson is not marked modified and
saving it changes no byte. On another Python version than the one the outputs were made with, JupyterLab
records that version instead: the test is then skipped with the reason (the README says how to restore).
"""

import json
import platform

import pytest

from jupyter_servers import open_in_lab     # tests/, put on the path by tests/browser/conftest.py

pytestmark = pytest.mark.browser

LESSONS = ("00_index.ipynb", "03_flip.ipynb", "15_playground.ipynb")


@pytest.mark.parametrize("notebook", LESSONS)
def test_opening_a_lesson_marks_nothing_modified_and_saving_changes_no_byte(page, lab, notebook):
    committed = json.loads((lab["root"] / notebook).read_text())["metadata"]["language_info"]["version"]
    if committed != platform.python_version():
        pytest.skip(f"the notebooks were made on Python {committed}; this is {platform.python_version()}")
    before = (lab["root"] / notebook).read_bytes()
    open_in_lab(page, lab["url"], notebook)
    page.wait_for_timeout(1500)                       # the kernel's info reaches the model after "idle"
    assert page.evaluate("window.jupyterapp.shell.currentWidget.context.model.dirty") is False
    page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=30_000)
    page.wait_for_timeout(1000)
    assert (lab["root"] / notebook).read_bytes() == before
