"""The course website in a real browser (headless Chromium): the landing page and one lesson render,
with every figure loaded, and nothing is fetched from outside the site.

The site comes from the session's ``built_site`` fixture (tests/conftest.py, the `make site`
command); it is served from 127.0.0.1 by a small http.server, as a learner's `python -m http.server`
would. Screenshots: test-output/site_landing.png and test-output/site_lesson.png.

The tables (the cheat sheet's above all) are measured, not only looked at, on a 1440-px desktop and a
390-px phone: each fits its column with no horizontal scrolling, every cell and every word of it is on
screen and inside its cell, no word is split across two lines (code breaks only where docs/conf.py
puts a <wbr>: after `_`, `(`, `,`, `.`, `=`, `/` and inside very long CamelCase names), and where the
header row is not shown (the phone's stacked layout) every cell carries its column's name. The same
checks run on every page with a Markdown table.
Screenshots: test-output/site_cheat_sheet_1440.png and test-output/site_cheat_sheet_390.png.

The doors of every page (the launch-on-Binder, source and download menus) are opened on a lesson and
on the "Run the course" page at both widths: each entry is on screen and points where it should, the
placeholder banner is shown while the repository's address is `OWNER/augcourse`, nothing is wider
than the window and no text is cut by its box (the run page's commands wrap). No page of the site is
wider than a 390-px phone. Screenshots: test-output/browser/site_lesson_*.png, site_run_*.png.
"""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output"
LESSON_LINK = "Rotation and zoom"         # in the lesson map of 00_index
LESSON_TITLE = "05 · Rotation and zoom"
# A desktop at the width where the issue found the cheat sheet cut, and a phone (iPhone 12-15 size).
VIEWS = {"desktop": (1440, 900), "phone": (390, 844)}
TABLE_TAG = re.compile(r'<table class="(?:[^"]* )?table[ "]')   # a Markdown table (the theme's class)


def test_landing_page_renders_the_lesson_map(site_page, site_url, figures_loaded):
    page = site_page
    page.goto(f"{site_url}/")                       # index.html forwards to the lesson map
    page.wait_for_url(f"{site_url}/00_index.html")
    assert "Image data augmentation with Keras" in page.title()
    article = page.locator("article")
    assert article.get_by_role("heading", name="Course map").is_visible()
    assert article.locator("table a").count() >= 14
    assert page.locator("img").count() >= 2
    assert figures_loaded(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "site_landing.png", full_page=True)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_a_lesson_renders_with_its_figures_and_navigation(site_page, site_url, figures_loaded):
    page = site_page
    page.goto(f"{site_url}/00_index.html")
    page.locator("article table").get_by_role("link", name=LESSON_LINK, exact=True).click()
    page.wait_for_url(f"{site_url}/05_rotation_and_zoom.html")
    assert page.locator("article h1").first.inner_text().strip().rstrip("#").strip() == LESSON_TITLE
    assert "fill mode" in page.locator("article").inner_text()
    images = page.locator("article img")
    assert images.count() >= 6                     # its figures and the widget's static picture
    assert figures_loaded(page) == []
    assert page.locator(".cell_output img").last.bounding_box()["width"] > 400, "the widget picture must read"
    footer = page.locator(".prev-next-area")
    assert "Shift and the four fill modes" in footer.inner_text() and "Shear" in footer.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "site_lesson.png", full_page=True)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


# Everything that makes a Markdown table hard to read, measured in the page (cell outputs excluded:
# a printed DataFrame is the notebook's output, not the site's layout). One message per problem.
TABLE_PROBLEMS = r"""() => {
  const problems = [];
  const view = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > view + 1)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px in ${view}px`);
  const tables = Array.from(document.querySelectorAll('article table')).filter(t => !t.closest('.cell_output'));
  tables.forEach((table, t) => {
    const name = `table ${t + 1}`;
    const holder = table.parentElement;          // the theme's scroll container around every table
    const h = holder.getBoundingClientRect(), box = table.getBoundingClientRect();
    if (holder.scrollWidth > holder.clientWidth + 1)
      problems.push(`${name} needs sideways scrolling: ${holder.scrollWidth}px in a ${holder.clientWidth}px column`);
    if (box.left < h.left - 1 || box.right > h.right + 1)
      problems.push(`${name} spans ${Math.round(box.left)}-${Math.round(box.right)}px, its column ${Math.round(h.left)}-${Math.round(h.right)}px`);
    const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.innerText.trim());
    const headShown = table.querySelector('thead') && table.querySelector('thead').getBoundingClientRect().height > 0;
    table.querySelectorAll('tbody tr').forEach((row, r) => {
      Array.from(row.children).forEach((cell, c) => {
        const where = `${name}, row ${r + 1}, column ${c + 1} (${heads[c] || '?'})`;
        const b = cell.getBoundingClientRect();
        if (b.width < 1 || b.height < 1) { problems.push(`${where} is not shown`); return; }
        if (b.left < -1 || b.right > view + 1)
          problems.push(`${where} is off screen: ${Math.round(b.left)}-${Math.round(b.right)}px of ${view}px`);
        if (cell.scrollWidth > cell.clientWidth + 1)
          problems.push(`${where} overflows: ${cell.scrollWidth}px of content in ${cell.clientWidth}px`);
        if (!headShown && heads[c] && !cell.innerText.trim().startsWith(heads[c]))
          problems.push(`${where}: the header row is hidden and the cell does not name its column`);
        const left = Math.max(b.left, h.left, 0) - 1, right = Math.min(b.right, h.right, view) + 1;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          // a word, or the part of one up to a hyphen, dash or slash (where any browser may break a line)
          // (in Korean text, where a browser may also break at the punctuation between a Hangul word and
          // a Latin one, "사진(CIFAR-10", each run of Hangul and each run of Latin letters and digits)
          const words = [];
          for (const m of node.data.matchAll(/[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]*|[\-\u2010-\u2014\/]+/g)) {
            if (!/[\uac00-\ud7a3]/.test(m[0])) { words.push(m); continue; }
            for (const part of m[0].matchAll(/[\uac00-\ud7a3]+|[A-Za-z0-9_.]+/g))
              words.push(Object.assign([part[0]], {index: m.index + part.index}));
          }
          for (const m of words) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const rects = Array.from(range.getClientRects()).filter(x => x.width > 0);
            if (rects.length === 0) continue;            // hidden text (the desktop's column labels)
            if (new Set(rects.map(x => Math.round(x.top))).size > 1)
              problems.push(`${where}: "${m[0]}" is split across lines`);
            if (rects.some(x => x.left < left || x.right > right))
              problems.push(`${where}: "${m[0]}" is cut or off screen`);
          }
        }
      });
    });
  });
  return problems;
}"""


def _table_problems(page, url, view):
    width, height = VIEWS[view]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    return page.evaluate(TABLE_PROBLEMS)


@pytest.mark.skipif(not (ROOT / "notebooks" / "cheat_sheet.md").exists(), reason="no cheat sheet yet")
@pytest.mark.parametrize("view", VIEWS)
def test_the_cheat_sheet_reads_whole_on_a_desktop_and_a_phone(site_page, site_url, view):
    page = site_page
    url = f"{site_url}/cheat_sheet.html"
    problems = _table_problems(page, url, view)
    width = VIEWS[view][0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"site_cheat_sheet_{width}.png", full_page=True)
    tables = page.locator("article table")
    assert tables.count() >= 2
    assert problems == [], f"{len(problems)} problems at {width} px:\n" + "\n".join(problems[:40])
    # Every lesson link of the proof column is on screen and inside the table's column, not scrolled
    # out of it (the issue found the column off-screen at 1440 px).
    column = tables.first.locator("xpath=..").bounding_box()
    right = min(width, column["x"] + column["width"]) + 1
    proof = tables.first.locator("tbody tr td:last-child a")
    assert proof.count() >= 15
    for link in proof.all():
        box = link.bounding_box()
        assert box and box["width"] > 0, f"proof link {link.inner_text()} is not shown"
        assert column["x"] - 1 <= box["x"] and box["x"] + box["width"] <= right, (link.inner_text(), box, column)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


@pytest.mark.parametrize("view", VIEWS)
def test_every_table_of_the_site_fits_its_column(site_page, site_url, built_site, view):
    """The same measurements on every other page with a Markdown table (lesson 13's comparison was
    1056 px wide in its 790-px column)."""
    names = sorted(path.relative_to(built_site).as_posix() for path in [*built_site.glob("*.html"),
                                                                          *built_site.glob("ko/*.html")]
                   if path.name != "cheat_sheet.html" or path.parent.name == "ko"
                   if TABLE_TAG.search(path.read_text(encoding="utf-8")))
    assert len(names) >= 10 and "ko/cheat_sheet.html" in names           # the Korean edition's tables too
    problems = [f"{name}: {problem}" for name in names
                for problem in _table_problems(site_page, f"{site_url}/{name}", view)]
    assert problems == [], f"{len(problems)} problems at {VIEWS[view][0]} px:\n" + "\n".join(problems[:40])


# The doors of every page (issue 22): the launch, source and download menus at the top of a lesson and
# of the "Run the course" page, read at a 390-px phone and a 1440-px desktop. Nothing is wider than
# the screen, no text is cut off by its box, and on the run page every command reads whole (its code
# blocks wrap instead of scrolling). Screenshots: test-output/browser/site_<page>_<width>.png, and
# ..._menus.png with the three menus' contents, one menu open at a time, at the phone's width.
DOOR_PAGES = {"lesson": "05_rotation_and_zoom.html", "run": "run_the_course.html"}
DOOR_MENUS = {"launch": ".dropdown-launch-buttons", "source": ".dropdown-source-buttons",
              "download": ".dropdown-download-buttons"}

LAYOUT_PROBLEMS = r"""(wrapCode) => {
  const problems = [];
  const view = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > view + 1)
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${view}px window`);
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ` "${(el.innerText || '').trim().slice(0, 40)}"`;
  const roots = document.querySelectorAll('.bd-header-announcement, .bd-header-article, article, .prev-next-footer');
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      // Lesson code and cell outputs may scroll inside their box (as in JupyterLab); tables are
      // measured by the tests above. Closed menus are not shown.
      if (el.closest('.cell_output, .dropdown-menu:not(.show), table, mjx-container')) continue;
      if (!wrapCode && el.closest('pre, div.highlight')) continue;
      const b = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (b.width < 1 || b.height < 1 || style.visibility === 'hidden') continue;
      if (b.left < -1 || b.right > view + 1)
        problems.push(`${name(el)} spans ${Math.round(b.left)}-${Math.round(b.right)}px of ${view}px`);
      const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) || el.tagName === 'PRE';
      if (clips && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name(el)} cuts its content: ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
  }
  return problems;
}"""


def _layout_problems(page, wrap_code):
    page.evaluate("document.fonts.ready")
    return page.evaluate(LAYOUT_PROBLEMS, wrap_code)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("which", DOOR_PAGES)
def test_the_launch_download_and_source_menus_and_the_run_page_read_whole(site_page, site_url, shots, which, view,
                                                                        figures_loaded):
    page = site_page
    width, height = VIEWS[view]
    name = DOOR_PAGES[which]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/{name}")
    page.wait_for_load_state("load")
    assert figures_loaded(page) == []
    # The banner says plainly that the repository's address is a placeholder (while it is one).
    banner = page.locator(".bd-header-announcement")
    for menu, selector in DOOR_MENUS.items():
        assert page.locator(f".article-header-buttons {selector} a").count() > 0, f"{name} has no {menu} menu"
    if "OWNER/" in page.locator(".dropdown-source-buttons a").first.get_attribute("href"):
        assert banner.is_visible() and "placeholder" in banner.inner_text()
    problems = [f"page: {problem}" for problem in _layout_problems(page, wrap_code=which == "run")]
    page.screenshot(path=shots / f"site_{which}_{width}.png", full_page=True)
    # Each menu opens, and each of its entries is on screen, whole, and points where it should.
    expected = {"launch": "https://mybinder.org/v2/gh/", "source": "https://github.com/",
                "download": "_sources/" + (name.replace(".html", ".ipynb" if which == "lesson" else ".md"))}
    for menu, selector in DOOR_MENUS.items():
        toggle = page.locator(f".article-header-buttons {selector} > button")
        assert toggle.is_visible(), f"the {menu} button is not shown at {width} px"
        toggle.click()
        entries = page.locator(f"{selector} .dropdown-menu.show a")
        entries.first.wait_for(state="visible")
        hrefs = [entry.get_attribute("href") for entry in entries.all()]
        assert any(href.startswith(expected[menu]) for href in hrefs), (menu, hrefs)
        for entry in entries.all():
            box = entry.bounding_box()
            assert box and 0 <= box["x"] and box["x"] + box["width"] <= width + 1, (menu, entry.inner_text(), box)
        problems += [f"{menu} menu: {problem}" for problem in _layout_problems(page, wrap_code=which == "run")]
        if view == "phone":
            page.screenshot(path=shots / f"site_{which}_{width}_{menu}_menu.png")
        page.keyboard.press("Escape")
        page.wait_for_selector(f"{selector} .dropdown-menu.show", state="detached", timeout=5_000)
    assert problems == [], f"{len(problems)} problems on {name} at {width} px:\n" + "\n".join(problems[:40])
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)


def test_no_page_of_the_site_is_wider_than_a_phone(site_page, site_url, built_site):
    """The issue found a 400-px page in a 390-px window: every page of both editions, at 390 px, fits."""
    page = site_page
    page.set_viewport_size({"width": VIEWS["phone"][0], "height": VIEWS["phone"][1]})
    wide = []
    for path in sorted([*built_site.glob("*.html"), *built_site.glob("ko/*.html")]):
        if path.name in ("index.html", "search.html", "genindex.html"):
            continue
        page.goto(f"{site_url}/{path.relative_to(built_site).as_posix()}")
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWS["phone"][0] + 1:
            wide.append(f"{path.relative_to(built_site).as_posix()}: {width}px")
    assert wide == [], "pages wider than the phone's 390 px:\n" + "\n".join(wide)
    assert page.outside == [] and page.errors == [], (page.outside, page.errors)
