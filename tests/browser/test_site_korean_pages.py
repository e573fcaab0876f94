"""The Korean website in headless Chromium: its search box finds lesson pages for Korean words, the
language switch goes to the same page in English and back, and Hangul is drawn as letters (not boxes).

Screenshots of three Korean pages: test-output/site_ko_landing.png (the lesson map),
test-output/site_ko_lesson_{1440,390}.png (lesson 05 on a desktop and a phone) and
test-output/site_ko_search.png (the results for "데이터 증강").
"""

import sys
from pathlib import Path
from urllib.parse import quote

import pytest


pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"
# A desktop and a phone, as in test_site_pages.py.
VIEWS = {"desktop": (1440, 900), "phone": (390, 844)}
sys.path.insert(0, str(ROOT / "docs"))
from korean_search import SearchKorean  # noqa: E402

# Two Hangul syllables drawn on a canvas: with no Korean font both come out as the same box.
HANGUL_IS_DRAWN = """() => {
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 80; canvas.height = 40;
    const context = canvas.getContext("2d");
    context.font = "28px " + getComputedStyle(document.body).fontFamily;
    context.fillText(text, 4, 32);
    return Array.from(context.getImageData(0, 0, 80, 40).data).join(",");
  };
  const blank = draw("");
  return draw("가") !== draw("흑") && draw("가") !== blank;
}"""


def test_the_korean_landing_page_renders_in_korean(site_page, site_url, figures_loaded):
    page = site_page
    page.goto(f"{site_url}/ko/")                    # index.html forwards to the lesson map
    page.wait_for_url(f"{site_url}/ko/00_index.html")
    assert "Keras로 배우는 이미지 데이터 증강" in page.title()
    assert page.locator("article table a").count() >= 14
    assert figures_loaded(page) == []
    assert page.evaluate(HANGUL_IS_DRAWN), "Hangul is drawn as boxes: install a Korean font (fonts-nanum)"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "site_ko_landing.png", full_page=True)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


@pytest.mark.parametrize("view", VIEWS)
def test_a_korean_lesson_and_its_language_switch(site_page, site_url, view, figures_loaded):
    page = site_page
    width, height = VIEWS[view]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/ko/05_rotation_and_zoom.html")
    assert "회전" in page.locator("article h1").first.inner_text()
    assert figures_loaded(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=SHOTS / f"site_ko_lesson_{width}.png", full_page=False)
    switch = page.locator("a.btn-language-switch")
    assert switch.is_visible()
    switch.click()                                  # same tab, same lesson, in English
    page.wait_for_url(f"{site_url}/05_rotation_and_zoom.html")
    assert page.locator("article h1").first.inner_text().startswith("05 · Rotation and zoom")
    page.locator("a.btn-language-switch").click()
    page.wait_for_url(f"{site_url}/ko/05_rotation_and_zoom.html")
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_korean_search_finds_lesson_pages(site_page, site_url):
    page = site_page
    page.goto(f"{site_url}/ko/search.html?q={quote('데이터 증강')}")
    results = page.locator("#search-results ul.search li")
    page.wait_for_function("() => document.querySelectorAll('#search-results ul.search li').length >= 10",
                           timeout=30_000)
    found = results.evaluate_all("items => items.map(li => li.querySelector('a').getAttribute('href'))")
    lessons = {href.split(".html")[0] for href in found if href[:2].isdigit()}
    assert len(lessons) >= 10, found
    page.screenshot(path=SHOTS / "site_ko_search.png", full_page=False)
    # the page's stemmer strips the same particles as the index's
    words = ["증강을", "데이터의", "레슨에서는", "확률로", "증강", "flipping", "ImageDataGenerator"]
    in_browser = page.evaluate("(words) => words.map(w => new Stemmer().stemWord(w))", words)
    assert in_browser == [SearchKorean({}).stem(word) for word in words]
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)
