"""In real JupyterLab, a lesson of the Korean edition (notebooks/ko/) gets the library's messages in Korean with
no call at all, and an English lesson gets them in English: the kernel reads the notebook's path from the
JPY_SESSION_NAME that Jupyter gives it (augcourse.language).

The lesson's own kernel runs a check of lesson 03 and the error of a bad option, as a learner would.
"""

import pytest

from jupyter_servers import open_in_lab     # tests/, put on the path by tests/browser/conftest.py

pytestmark = pytest.mark.browser

CODE = """
from augcourse.exercises.choices import check_vertical_flip_data
from augcourse.augment import Augment
from augcourse.language import current_language
print(current_language())
print(repr(check_vertical_flip_data("a")))
try:
    Augment(fill_mode="nearst")
except ValueError as error:
    print(error)
"""


def _run_in_lesson_kernel(page, lab, notebook):
    open_in_lab(page, lab["url"], notebook)
    return page.evaluate("""async (code) => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        const future = kernel.requestExecute({code});
        let out = "";
        future.onIOPub = (msg) => {
            if (msg.header.msg_type === "stream") out += msg.content.text;
            if (msg.header.msg_type === "error") out += msg.content.ename + ": " + msg.content.evalue;
        };
        await future.done;
        return out;
    }""", CODE)


def test_a_korean_lesson_speaks_korean_and_an_english_lesson_english(page, lab):
    korean = _run_in_lesson_kernel(page, lab, "ko/03_flip.ipynb").splitlines()
    assert korean[0] == "ko", korean
    assert korean[1].startswith("아직: "), korean
    assert "fill_mode" in korean[2] and "'nearst'" in korean[2] and "합니다" in korean[2], korean
    english = _run_in_lesson_kernel(page, lab, "03_flip.ipynb").splitlines()
    assert english[0] == "en", english
    assert english[1].startswith("Not yet: "), english
    assert english[2].startswith("fill_mode must be one of 'nearest'"), english
