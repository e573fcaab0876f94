"""The course website (`make site`): one page per notebook, built from the committed outputs, with
the lesson map as landing page, previous/next links, and no broken link or image.

The site is built once per session (the ``built_site`` fixture in tests/conftest.py runs the
command of `make site` into a temporary folder); tests/browser/test_site_pages.py opens it in
Chromium.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class _Page(HTMLParser):
    """The links, resources, ids and text of one HTML page."""

    def __init__(self, path):
        super().__init__()
        self.links, self.images, self.resources, self.ids, self.rel = [], [], [], set(), {}
        self.title, self._in_title, self.text = "", False, []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            for cls in ("left-prev", "right-next"):
                if cls in (attrs.get("class") or "").split():
                    self.rel[cls] = attrs["href"]
        elif tag == "img":
            self.images.append(attrs.get("src", ""))
        elif tag in ("script", "link") and (attrs.get("src") or attrs.get("href")):
            self.resources.append(attrs.get("src") or attrs.get("href"))
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


@pytest.fixture(scope="module")
def pages(built_site):
    return {path.name: _Page(path) for path in sorted(built_site.glob("*.html"))}


def _outputs(notebook):
    for cell in json.loads(notebook.read_text())["cells"]:
        yield from cell.get("outputs", [])


def _title(notebook):
    """The notebook's first heading, as plain text."""
    for cell in json.loads(notebook.read_text())["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return re.sub(r"[`*]", "", line[2:]).strip()
    raise AssertionError(f"{notebook.name} has no title")


def _local_target(page_path, url):
    """The file a relative URL points to, and its #fragment ('' when none); None for other URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
    return target, parts.fragment


def test_every_notebook_has_a_page_with_its_title(built_site, pages):
    assert len(NOTEBOOKS) >= 14
    for notebook in NOTEBOOKS:
        page = pages.get(notebook.stem + ".html")
        assert page is not None, f"{notebook.name} has no page in the site"
        assert _title(notebook) in page.title, (notebook.name, page.title)
    if (ROOT / "notebooks" / "cheat_sheet.md").exists():
        assert "cheat_sheet.html" in pages


def test_the_landing_page_is_the_lesson_map(built_site, pages):
    index = (built_site / "index.html").read_text()
    assert 'url=00_index.html' in index, "index.html must forward to the lesson map"
    landing = pages["00_index.html"]
    assert "Course map" in "".join(landing.text)
    linked = {urlsplit(link).path for link in landing.links}
    for notebook in NOTEBOOKS[1:]:
        assert notebook.stem + ".html" in linked, f"the lesson map does not link to {notebook.name}"


def test_previous_and_next_links_walk_the_lessons_in_order(pages):
    order = [notebook.stem + ".html" for notebook in NOTEBOOKS]
    if "run_the_course.html" in pages:             # the run page follows the landing page
        order.insert(1, "run_the_course.html")
    if "cheat_sheet.html" in pages:
        order.append("cheat_sheet.html")
    assert "left-prev" not in pages[order[0]].rel
    assert "right-next" not in pages[order[-1]].rel
    for before, after in zip(order, order[1:]):
        assert pages[before].rel.get("right-next") == after, f"{before}: next should be {after}"
        assert pages[after].rel.get("left-prev") == before, f"{after}: previous should be {before}"


def test_every_internal_link_image_and_resource_resolves(built_site, pages):
    broken = []
    for name, page in pages.items():
        path = built_site / name
        for kind, urls in (("link", page.links), ("image", page.images), ("resource", page.resources)):
            for url in urls:
                # A notebook link left unconverted is broken; the page's download of its own
                # .ipynb (_sources/) and the launch-on-Binder URL are meant to end in .ipynb.
                if kind == "link" and url.endswith(".ipynb") and not (
                        url.startswith("_sources/") or urlsplit(url).scheme):
                    broken.append(f"{name}: {url} was left as a notebook link, not a page")
                    continue
                local = _local_target(path, url)
                if local is None:
                    if kind != "link":  # the site must work offline: nothing loads from the network
                        broken.append(f"{name}: {kind} {url} is not local")
                    continue
                target, fragment = local
                if not target.is_file():
                    broken.append(f"{name}: {kind} {url} -> missing {target}")
                elif fragment and target.suffix == ".html" and fragment not in pages[target.name].ids:
                    broken.append(f"{name}: {url} -> no id {fragment!r} in {target.name}")
    assert not broken, "\n".join(broken)


def test_each_page_shows_the_committed_outputs(pages):
    """Outputs come from the notebook files (nothing is executed): every committed figure is an
    image on the page, every widget shows its static picture (there is no widget state to render),
    and the committed printed text, timings included, is on the page verbatim."""
    for notebook in NOTEBOOKS:
        page = pages[notebook.stem + ".html"]
        outputs = list(_outputs(notebook))
        figures = sum("image/png" in output.get("data", {}) for output in outputs)
        assert len([src for src in page.images if src.startswith("_images/")]) == figures, notebook.name
        text = " ".join("".join(page.text).split())
        for output in outputs:
            if output["output_type"] == "stream" and output["name"] == "stdout":
                for line in "".join(output["text"]).splitlines()[:3]:
                    line = " ".join(line.split())
                    assert line in text, f"{notebook.name}: committed output line {line!r} not on its page"
    html = "".join((ROOT / "notebooks" / "05_rotation_and_zoom.ipynb").read_text())
    assert WIDGET_VIEW in html, "lesson 05 should have a widget cell (update this test if it moved)"


def test_every_page_links_the_licences(pages):
    """The footer names the code licence and the lesson-text licence (LICENSE, LICENSE-content)."""
    expected = [name + ".txt" for name in ("LICENSE", "LICENSE-content") if (ROOT / name).is_file()]
    for name, page in pages.items():
        if name in ("index.html", "genindex.html", "search.html"):  # the forward and generated pages
            continue
        for target in expected:
            assert target in page.links, f"{name} does not link to {target}"
