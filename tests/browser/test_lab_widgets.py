"""The widgets render and respond in real JupyterLab (headless Chromium), not just in Python.

For the playground and one lesson: open the notebook, run all cells, check that every cell ran,
that no widget failed to display, that no stderr block appeared, that the widget (not its static
PNG fallback) is what JupyterLab shows, and that moving a control changes the rendered images.
Screenshots: test-output/browser/<notebook>-{ran,moved,widget}.png.
"""

import json
import re

import pytest

from jupyter_servers import open_in_lab     # tests/, put on the path by tests/browser/conftest.py

pytestmark = pytest.mark.browser

RUN_TIMEOUT_MS = 90_000      # the machine has 2 cores, often shared
WIDGET_OUTPUT = ".jp-OutputArea-output:has(.widget-image)"


def _widget_cell_exists(path):
    nb = json.loads(path.read_text())
    return any("lesson_controls(" in "".join(c["source"]) or "playground(" in "".join(c["source"])
               for c in nb["cells"] if c["cell_type"] == "code")


def open_and_run(page, lab, notebook, shots):
    try:
        _open_and_run(page, lab, notebook)
    except Exception:
        page.screenshot(path=shots / f"{notebook}-FAILED.png", full_page=True)
        state = page.evaluate("""() => {
            const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            if (!w || !w.content || !w.content.model) return 'no notebook open';
            const cells = Array.from(w.content.model.cells).filter(c => c.type === 'code');
            const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
            return `kernel ${kernel ? kernel.status : 'none'}; code cells run: `
                   + cells.filter(c => c.executionCount !== null).length + ' of ' + cells.length;
        }""")
        raise AssertionError(f"{notebook} did not finish running in JupyterLab ({state}); "
                             f"see {shots / (notebook + '-FAILED.png')} and {lab['log']}")


def _open_and_run(page, lab, notebook):
    open_in_lab(page, lab["url"], notebook, RUN_TIMEOUT_MS)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const cells = Array.from(w.content.model.cells);
            const ran = cells.filter(c => c.type === 'code').every(c => c.executionCount !== null);
            return ran && w.sessionContext.session.kernel.status === 'idle';
        }""", timeout=RUN_TIMEOUT_MS, polling=250)


def image_sources(page):
    return page.eval_on_selector_all(f"{WIDGET_OUTPUT} img.widget-image", "els => els.map(e => e.src)")


def widget_image_bytes(page):
    """Screenshots (PNG bytes) of every image in the widget's grid, as rendered."""
    images = page.locator(f"{WIDGET_OUTPUT} img.widget-image")
    return [images.nth(i).screenshot() for i in range(images.count())]


def check_ran_cleanly(page, notebook, shots):
    page.wait_for_selector(f"{WIDGET_OUTPUT} .widget-hslider", timeout=RUN_TIMEOUT_MS)
    page.screenshot(path=shots / f"{notebook}-ran.png", full_page=True)
    text = page.inner_text(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    assert "Error displaying widget" not in text
    assert "Traceback" not in text
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    # JupyterLab picks the widget view from the bundle, not the static PNG fallback
    output = page.locator(WIDGET_OUTPUT).first
    mimes = page.evaluate("""() => {
        const cells = Array.from(window.jupyterapp.shell.currentWidget.content.model.cells);
        for (const cell of cells) {
            if (cell.type !== 'code') continue;
            for (let i = 0; i < cell.outputs.length; i++) {
                const data = cell.outputs.get(i).data;
                if ('application/vnd.jupyter.widget-view+json' in data) return Object.keys(data).sort();
            }
        }
        return null;
    }""")
    assert mimes == ["application/vnd.jupyter.widget-view+json", "image/png", "text/plain"], mimes
    assert output.locator(".jp-RenderedImage").count() == 0          # the PNG fallback is not shown
    assert output.locator(".widget-vbox").count() > 0                  # the widget is
    assert page.locator(f"{WIDGET_OUTPUT} .widget-image").count() >= 4
    output.screenshot(path=shots / f"{notebook}-widget.png")


def press(page, slider, key, times):
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)


def move_slider(page, label, key, times, shows):
    """Press ``key`` ``times`` on the widget slider labelled ``label``; wait for new images and for ``shows``."""
    before = image_sources(page)
    press(page, page.locator(f"{WIDGET_OUTPUT} .widget-hslider", has_text=label).first, key, times)
    wait_for_change(page, before)
    wait_for_text(page, shows)


def wait_for_text(page, text):
    page.wait_for_function("([sel, text]) => document.querySelector(sel).innerText.includes(text)",
                           arg=[WIDGET_OUTPUT, text], timeout=15_000)


def wait_for_change(page, before):
    page.wait_for_function(
        """([selector, before]) => {
            const now = Array.from(document.querySelectorAll(selector)).map(e => e.src);
            return now.length > 0 && JSON.stringify(now) !== JSON.stringify(before);
        }""", arg=[f"{WIDGET_OUTPUT} img.widget-image", before], timeout=15_000)


def test_playground(page, lab, shots):
    notebook = "15_playground.ipynb"
    open_and_run(page, lab, notebook, shots)
    check_ran_cleanly(page, notebook, shots)
    before_src, before_px = image_sources(page), widget_image_bytes(page)
    rotation = page.locator(f"{WIDGET_OUTPUT} .widget-hslider", has_text="rotation_range").first
    readout = rotation.locator(".widget-readout")
    start = float(readout.inner_text())
    press(page, rotation, "ArrowRight", 20)
    page.wait_for_function("([el, start]) => parseFloat(el.innerText) !== start",
                           arg=[readout.element_handle(), start], timeout=5_000)
    wait_for_change(page, before_src)
    page.wait_for_timeout(500)                 # let a merged (debounced) redraw land too
    after_px = widget_image_bytes(page)
    page.screenshot(path=shots / f"{notebook}-moved.png", full_page=True)
    final = float(readout.inner_text())
    assert final > start
    # the last, merged redraw (run by the kernel's debounce timer thread) reached the browser too
    page.locator(f"{WIDGET_OUTPUT} .widget-checkbox", has_text="show the parameters drawn").locator("input").click()
    page.wait_for_selector(f"{WIDGET_OUTPUT} pre:has-text('rotation_range={final:g},')", timeout=10_000)
    page.screenshot(path=shots / f"{notebook}-params.png", full_page=True)
    assert len(after_px) == len(before_px) >= 4
    assert any(a != b for a, b in zip(after_px, before_px)), "moving rotation_range did not change the images"
    # the code button writes both constructors into the page
    page.locator(f"{WIDGET_OUTPUT} button", has_text="show the code").click()
    page.wait_for_selector(f"{WIDGET_OUTPUT} pre:has-text('ImageDataGenerator(')", timeout=10_000)
    code = page.inner_text(f"{WIDGET_OUTPUT} pre:has-text('ImageDataGenerator(')")
    assert re.search(r"aug = Augment\(.*rotation_range=(\d+)", code)
    assert int(re.search(r"aug = Augment\(.*rotation_range=(\d+)", code).group(1)) > start
    assert page.errors == []


LESSON = "03_flip.ipynb"


def test_lesson(page, lab, shots):
    path = lab["root"] / LESSON
    if not path.exists() or not _widget_cell_exists(path):
        pytest.skip(f"{LESSON} has no lesson_controls cell yet (lesson author adds it)")
    open_and_run(page, lab, LESSON, shots)
    check_ran_cleanly(page, LESSON, shots)
    before_src = image_sources(page)
    n_slider = page.locator(f"{WIDGET_OUTPUT} .widget-hslider", has_text="n images").first
    press(page, n_slider, "ArrowRight", 2)         # 4 -> 6 images
    page.wait_for_function(
        "(sel) => document.querySelectorAll(sel).length >= 6",
        arg=f"{WIDGET_OUTPUT} img.widget-image", timeout=15_000)
    before_px = widget_image_bytes(page)
    page.locator(f"{WIDGET_OUTPUT} .widget-checkbox", has_text="vertical_flip").locator("input").click()
    wait_for_change(page, image_sources(page))
    page.wait_for_timeout(300)
    page.screenshot(path=shots / f"{LESSON}-moved.png", full_page=True)
    assert image_sources(page) != before_src
    after_px = widget_image_bytes(page)
    assert len(after_px) == len(before_px) == 6
    assert any(a != b for a, b in zip(after_px, before_px)), "vertical_flip did not change any image"
    assert page.errors == []


def test_crop_lesson_draws_with_keras_layers(page, lab, shots):
    """The crop controls run real Keras layers in the kernel: a smaller crop side gives smaller images."""
    lesson = "07_crop.ipynb"
    open_and_run(page, lab, lesson, shots)
    check_ran_cleanly(page, lesson, shots)
    assert "32x32 px" in page.inner_text(WIDGET_OUTPUT)        # pad 4, crop the full 32 x 32 side
    move_slider(page, "crop side", "ArrowLeft", 4, shows="25x25 px")     # 1.0 -> 0.8 of the side
    page.locator(WIDGET_OUTPUT).first.screenshot(path=shots / f"{lesson}-moved.png")
    assert page.errors == []


def test_atlas_widget_follows_the_layer_and_its_factor(page, lab, shots):
    """Lesson 16's atlas widget: the factor slider redraws, another layer redraws and relabels the slider,
    and the widget still renders at a phone's width."""
    lesson = "16_keras_layer_atlas.ipynb"
    open_and_run(page, lab, lesson, shots)
    check_ran_cleanly(page, lesson, shots)
    output = page.locator(WIDGET_OUTPUT).first
    assert "RandomRotation" in output.inner_text()
    move_slider(page, "factor (of a turn)", "ArrowRight", 10, shows="0.3")  # 0.20 -> 0.30 of a turn
    before = image_sources(page)
    output.locator("select").first.select_option("RandomZoom")
    wait_for_change(page, before)
    wait_for_text(page, "height_factor")
    assert page.locator(f"{WIDGET_OUTPUT} .widget-hslider", has_text="height_factor").count() == 1
    output.screenshot(path=shots / f"{lesson}-moved.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight()")
    page.wait_for_timeout(500)
    output.scroll_into_view_if_needed()
    page.screenshot(path=shots / f"{lesson}-phone.png")
    assert output.bounding_box()["width"] > 250                 # the widget gets the phone's width
    assert page.errors == []
