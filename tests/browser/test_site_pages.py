"""The course website in a real browser (headless Chromium): the landing page and one lesson render,
with every figure loaded, and nothing is fetched from outside the site.

The site comes from the session's ``built_site`` fixture (tests/conftest.py, the `make site`
command); it is served from 127.0.0.1 by a small http.server, as a learner's `python -m http.server`
would. Screenshots: test-output/site_landing.png and test-output/site_lesson.png.
"""

import functools
import http.server
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-output"
LESSON_LINK = "Rotation and zoom"         # in the lesson map of 00_index
LESSON_TITLE = "05 · Rotation and zoom"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _figures_loaded(page):
    """Wait for every <img> to finish, then return the ones that did not load (naturalWidth 0)."""
    page.wait_for_function("() => Array.from(document.images).every(img => img.complete)", timeout=30_000)
    return page.eval_on_selector_all("img", "els => els.filter(e => e.naturalWidth === 0).map(e => e.src)")


@pytest.fixture
def site_page(page, site_url):
    """The harness' page, with a record of every request that left the site."""
    page.outside = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:", "blob:"))
            else page.outside.append(request.url))
    return page


def test_landing_page_renders_the_lesson_map(site_page, site_url):
    page = site_page
    page.goto(f"{site_url}/")                       # index.html forwards to the lesson map
    page.wait_for_url(f"{site_url}/00_index.html")
    assert "Image data augmentation with Keras" in page.title()
    article = page.locator("article")
    assert article.get_by_role("heading", name="Course map").is_visible()
    assert article.locator("table a").count() >= 14
    assert page.locator("img").count() >= 2
    assert _figures_loaded(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "site_landing.png", full_page=True)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_a_lesson_renders_with_its_figures_and_navigation(site_page, site_url):
    page = site_page
    page.goto(f"{site_url}/00_index.html")
    page.locator("article table").get_by_role("link", name=LESSON_LINK, exact=True).click()
    page.wait_for_url(f"{site_url}/05_rotation_and_zoom.html")
    assert page.locator("article h1").first.inner_text().strip().rstrip("#").strip() == LESSON_TITLE
    assert "fill mode" in page.locator("article").inner_text()
    images = page.locator("article img")
    assert images.count() >= 6                     # its figures and the widget's static picture
    assert _figures_loaded(page) == []
    assert page.locator(".cell_output img").last.bounding_box()["width"] > 400, "the widget picture must read"
    footer = page.locator(".prev-next-area")
    assert "Shift and the four fill modes" in footer.inner_text() and "Shear" in footer.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "site_lesson.png", full_page=True)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)
