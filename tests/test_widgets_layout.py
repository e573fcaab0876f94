"""The widgets' layout values: the playground's tabs all as tall as the fullest one (the image grid does not
jump between tabs), labels short enough for their place, and titles that break between phrases only (the
browser test tests/browser/test_playground_layout.py checks the same in real JupyterLab)."""

import re

import ipywidgets
import pytest

from augcourse.widgets import lesson_controls, playground
from augcourse.widgets.display import grid_figure, title_html, title_phrases, wrap_title
from augcourse.widgets.draws import describe
from augcourse.widgets.playground_controls import ROW_HEIGHT, page_height

SLIDER_LABEL_CHARS = 21       # a 150 px description at JupyterLab's 13 px font
CHECKBOX_LABEL_CHARS = 45     # a checkbox label across a 400 px column


def tab_pages(pg):
    tabs = next(child for child in pg.widget.children if isinstance(child, ipywidgets.Tab))
    return {tabs.get_title(i): page for i, page in enumerate(tabs.children)}


@pytest.fixture(scope="module")
def pg():
    return playground(debounce=0)


def test_every_tab_page_is_as_tall_as_the_fullest_one(pg):
    pages = tab_pages(pg)
    assert list(pages) == ["geometry", "pixel values", "probabilities", "image"]
    heights = {page.layout.min_height for page in pages.values()}
    rows = max(-(-len(page.children) // 2) for page in pages.values())
    assert heights == {f"{rows * ROW_HEIGHT}px"}                  # one height, the fullest page's
    for page in pages.values():
        assert page.layout.grid_auto_rows == f"{ROW_HEIGHT}px"      # a row never grows with its content
        assert page.layout.align_content == "flex-start"            # short pages keep their rows at the top
        assert len(page.children) <= 2 * rows


def test_page_height_counts_two_controls_a_row():
    assert page_height({"a": [1] * 13, "b": [1] * 2}) == f"{7 * ROW_HEIGHT}px"
    assert page_height({"a": [1] * 14}) == f"{7 * ROW_HEIGHT}px"


def test_labels_fit_their_place(pg):
    for page in tab_pages(pg).values():
        for child in page.children:
            if isinstance(child, ipywidgets.Checkbox):
                assert child.layout.width == "auto", child.description       # not ipywidgets' 300 px
                assert len(child.description) <= CHECKBOX_LABEL_CHARS, child.description
            elif isinstance(child, (ipywidgets.FloatSlider, ipywidgets.FloatRangeSlider, ipywidgets.Dropdown,
                                    ipywidgets.IntSlider, ipywidgets.FloatLogSlider)):
                assert len(child.description) <= SLIDER_LABEL_CHARS, child.description
    pixel_values = tab_pages(pg)["pixel values"]
    notes = [child.value for child in pixel_values.children if isinstance(child, ipywidgets.HTML)]
    assert any("CIFAR subset" in note for note in notes)             # said once, not in two long labels


def test_a_title_breaks_between_phrases_only():
    title = "#0: rotate -23°, shift x -25 px, shift y 13 px, zoom x 1.05, zoom y 0.99"
    for width in (12, 20, 28, 40):
        lines = wrap_title(title, width).split("\n")
        assert " ".join(lines) == title
        for phrase in title_phrases(title):
            if len(phrase) <= width:                                   # a phrase that fits is never split
                assert any(phrase in line for line in lines), (width, phrase)
        assert all(len(line) <= width for line in lines)
    assert wrap_title("#0: unchanged", 28) == "#0: unchanged"
    assert "zoom x\n" not in wrap_title(title, 28) and "shift y\n" not in wrap_title(title, 28)


def test_a_phrase_longer_than_a_line_still_wraps():
    assert wrap_title("#1: " + "x" * 10 + " " + "y" * 10, 12).split("\n") == ["#1:", "x" * 10, "y" * 10]


def test_the_widget_caption_keeps_each_phrase_on_one_line():
    html = title_html("#0: mirrored, shift x <5> px")
    assert html.count('<span style="white-space:nowrap">') == 3
    assert "&lt;5&gt;" in html                                         # escaped
    controls = lesson_controls("rotation_zoom", debounce=0)
    caption = controls.captions[0].value
    assert caption.count("white-space:nowrap") == len(title_phrases(controls.last_frame.titles[0]))


def test_the_static_picture_titles_of_lesson_05_break_between_phrases():
    controls = lesson_controls("rotation_zoom", debounce=0, n=8, seed=3)
    figure = grid_figure(controls.last_frame.images, controls.last_frame.titles, "caption")
    for axes, title in zip(figure.axes, controls.last_frame.titles):
        drawn = axes.get_title().split("\n")
        assert " ".join(drawn) == title
        assert not any(re.search(r"(zoom|shift) [xy]$", line) for line in drawn), drawn


def test_a_sub_pixel_shift_is_not_written_minus_zero():
    from augcourse.augment.options import NEUTRAL

    title = describe([{**NEUTRAL, "tx": -0.1}], 0)
    assert "-0 px" not in title and "shift x -0.1 px" in title
    assert describe([{**NEUTRAL, "tx": 12.6}], 0) == "#0: shift x 13 px"
