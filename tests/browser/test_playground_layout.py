"""The playground reads well in real JupyterLab (headless Chromium): no control label is cut short on
any tab, and the image grid stays where it is when another tab is chosen.

Screenshots: test-output/browser/15_playground.ipynb-tab-<n>.png, one per tab.
"""

import pytest

from test_lab_widgets import RUN_TIMEOUT_MS, WIDGET_OUTPUT, open_and_run

pytestmark = pytest.mark.browser

NOTEBOOK = "15_playground.ipynb"

# Every label in the playground's widget whose text overflows the box it is drawn in (ellipsis or
# clipped): the slider and dropdown descriptions, the checkbox labels, the tab titles, the buttons.
CUT_LABELS = """(selector) => {
    const root = document.querySelector(selector);
    const labels = root.querySelectorAll(
        '.widget-label, .widget-label-basic, .lm-TabBar-tabLabel, button, .widget-readout');
    return Array.from(labels)
        .filter(el => el.offsetParent !== null && el.innerText.trim())
        .filter(el => el.scrollWidth > el.clientWidth + 1)
        .map(el => `${el.innerText.trim()} (${el.scrollWidth} px in ${el.clientWidth} px)`);
}"""

GRID_TOP = """(selector) => {
    const image = document.querySelector(selector + ' img.widget-image');
    return image.getBoundingClientRect().top + window.scrollY;
}"""


def test_every_label_reads_in_full_and_the_grid_stays_put(page, lab, shots):
    open_and_run(page, lab, NOTEBOOK, shots)
    page.wait_for_selector(f"{WIDGET_OUTPUT} .widget-hslider", timeout=RUN_TIMEOUT_MS)
    output = page.locator(WIDGET_OUTPUT).first
    output.scroll_into_view_if_needed()
    tabs = output.locator(".lm-TabBar-tab")
    assert tabs.count() == 4
    cut, tops = {}, {}
    for i in range(tabs.count()):
        title = tabs.nth(i).inner_text().strip()
        tabs.nth(i).click()
        page.wait_for_timeout(400)                       # the tab's page is laid out
        output.screenshot(path=shots / f"{NOTEBOOK}-tab-{i}.png")
        cut[title] = page.evaluate(CUT_LABELS, WIDGET_OUTPUT)
        tops[title] = round(page.evaluate(GRID_TOP, WIDGET_OUTPUT))
    assert all(not labels for labels in cut.values()), cut
    assert len(set(tops.values())) == 1, f"the image grid moves between tabs (its top, in px): {tops}"
    assert page.errors == []
