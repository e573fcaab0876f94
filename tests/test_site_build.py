"""The website as a door to running the course (no network): every page of the built site (`make
site`, the session's ``built_site`` fixture) has a launch-on-Binder link, a download of its source
(the committed ``.ipynb`` of a lesson, byte for byte) and links to the page's source and to the
repository, all pointing where they should; while the repository's address is the README's
placeholder ``OWNER/augcourse``, every page says so. The "Run the course" page carries the README's
set-up, platform and troubleshooting text (included from the README between its
``<!-- run-the-course:start/end -->`` and ``<!-- troubleshooting:start/end -->`` markers, one source).

docs/conf.py reads the repository's address from the README's Binder link; these tests read it the
same way, so publishing the course means editing the README only.
"""

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
README = ROOT / "README.md"
# Sphinx's own pages (no source) and the forwarder of the site's folder URL.
GENERATED = {"genindex.html", "search.html", "index.html"}
MARKERS = ("run-the-course", "troubleshooting")


def _conf():
    spec = importlib.util.spec_from_file_location("augcourse_site_conf", ROOT / "docs" / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


conf = _conf()


class _Links(HTMLParser):
    """The href of every <a> of a page, and its text."""

    def __init__(self, text):
        super().__init__()
        self.hrefs, self.text = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def _sources():
    """page name -> its source file in notebooks/ (every lesson, the cheat sheet, the run page)."""
    names = [path.name for path in sorted(NOTEBOOK_DIR.glob("*.ipynb"))]
    names += [name for name in ("cheat_sheet.md", "run_the_course.md") if (NOTEBOOK_DIR / name).exists()]
    return {Path(name).stem + ".html": name for name in names}


@pytest.fixture(scope="module")
def pages(built_site):
    return {path.name: _Links(path.read_text(encoding="utf-8")) for path in sorted(built_site.glob("*.html"))}


def test_the_repository_address_has_one_source_the_readme_binder_link(tmp_path):
    owner, name, branch = conf._repository()
    assert conf.REPOSITORY_URL == f"https://github.com/{owner}/{name}"
    assert f"https://mybinder.org/v2/gh/{owner}/{name}/{branch}?" in README.read_text(encoding="utf-8")
    assert conf.PLACEHOLDER == (owner == "OWNER")
    # A README whose Binder links disagree (or that has none) stops the build with a message naming it.
    two = tmp_path / "README.md"
    two.write_text("https://mybinder.org/v2/gh/OWNER/augcourse/HEAD?x\n"
                   "https://mybinder.org/v2/gh/me/augcourse/HEAD?x\n")
    with pytest.raises(ValueError, match=r"README.md must hold one Binder address.*OWNER.*me"):
        conf._repository(two)
    none = tmp_path / "none.md"
    none.write_text("no link here\n")
    with pytest.raises(ValueError, match="found none"):
        conf._repository(none)


def test_every_page_is_built_and_the_run_page_is_among_them(pages):
    expected = _sources()
    assert "run_the_course.html" in expected, "notebooks/run_the_course.md is missing"
    assert set(pages) - GENERATED == set(expected)


def test_every_page_launches_on_binder_downloads_its_source_and_links_the_repository(built_site, pages):
    owner, name, branch = conf._repository()
    binder = f"https://mybinder.org/v2/gh/{owner}/{name}/{branch}?urlpath=lab/tree/notebooks/"
    repository = f"https://github.com/{owner}/{name}"
    problems = []
    for page, source in _sources().items():
        hrefs = pages[page].hrefs
        # A lesson opens itself on Binder; a Markdown page opens the course index.
        opens = source if source.endswith(".ipynb") else "00_index.ipynb"
        assert (NOTEBOOK_DIR / opens).is_file()
        checks = {"launch on Binder": binder + opens,
                  "download": f"_sources/{source}",
                  "source": f"{repository}/blob/{branch}/notebooks/{source}?plain=1",
                  "repository": repository}
        for what, href in checks.items():
            if href not in hrefs:
                problems.append(f"{page}: no {what} link {href}")
        # The download is the committed file itself, in the built site.
        served = built_site / "_sources" / source
        if not served.is_file():
            problems.append(f"{page}: the download {served} does not exist")
        elif served.read_bytes() != (NOTEBOOK_DIR / source).read_bytes():
            problems.append(f"{page}: the download differs from notebooks/{source}")
        # No other address of the course sneaks in (an old hand-written one, say): every Binder link
        # and every GitHub link to a repository of the course's name uses the README's owner/name.
        for href in hrefs:
            parts = urlsplit(href)
            path = parts.path.removeprefix("/v2/gh")
            course = parts.netloc == "mybinder.org" or (parts.netloc == "github.com"
                                                          and path.split("/")[2:3] == [name])
            if course and not (path + "/").startswith(f"/{owner}/{name}/"):
                problems.append(f"{page}: a link to another address of the course: {href}")
    assert problems == [], "\n".join(problems)


def test_every_page_says_plainly_that_the_address_is_a_placeholder(pages):
    owner, name, _ = conf._repository()
    for page in _sources():
        text = " ".join("".join(pages[page].text).split())
        said = f"placeholder {owner}/{name} until it is published" in text
        assert said == (owner == "OWNER"), f"{page}: the placeholder note is {'missing' if not said else 'stale'}"


def _between(text, marker):
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    assert text.count(start) == 1 and text.count(end) == 1, f"README.md needs one {start} and one {end}"
    return text.split(start, 1)[1].split(end, 1)[0]


def _words(markdown):
    """The plain words of Markdown (links, code marks and emphasis removed), for comparing with HTML."""
    for _ in range(2):                                   # [![image](src)](link): the image, then the link
        markdown = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    markdown = re.sub(r"<!--.*?-->|[`*|#]|^-+$|^\s*- ", " ", markdown, flags=re.M | re.S)
    return _plain(" ".join(markdown.split()))


def _plain(text):
    """Sphinx's smart quotes and dashes as plain ASCII, on the page and in the README alike."""
    return text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                                         "\u2013": "-", "\u2014": "-"})).replace("--", "-")


def test_the_run_page_is_the_readme_text_not_a_copy(pages):
    readme = README.read_text(encoding="utf-8")
    page_text = " ".join("".join(pages["run_the_course.html"].text).split())
    page_text = _plain(page_text)
    for marker in MARKERS:
        section = _between(readme, marker)
        headings = re.findall(r"^## (.+)$", section, flags=re.M)
        assert headings, f"README's {marker} block has no ## section"
        for heading in headings:
            assert heading.strip() in page_text, f"the run page lacks README's section {heading!r}"
        # Every paragraph's words of the block are on the page (one source: the README).
        for paragraph in re.split(r"\n\s*\n", section):
            words = _words(paragraph)
            if len(words) > 40 and not paragraph.lstrip().startswith(("|", "```")):
                assert words[:40] in page_text, f"the run page lacks README text: {words[:80]!r}"
    # The page's own source holds no README text: it includes it.
    source = (NOTEBOOK_DIR / "run_the_course.md").read_text(encoding="utf-8")
    for marker in MARKERS:
        assert f"<!-- {marker}:start -->" in source and "{include} ../README.md" in source
    assert "Troubleshooting" in page_text and "Before you start" in page_text


def test_the_run_page_follows_the_landing_page(built_site):
    landing = (built_site / "00_index.html").read_text(encoding="utf-8")
    run_page = (built_site / "run_the_course.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="right-next"\s+href="run_the_course.html"', landing)
    assert re.search(r'<a class="left-prev"\s+href="00_index.html"', run_page)
    assert re.search(r'<a class="right-next"\s+href="01_', run_page)
    assert 'id="troubleshooting"' in run_page


def test_lesson_00_sends_readers_to_the_run_page_and_its_troubleshooting(built_site):
    """Lesson 00's own text (not only the sidebar) links to the run page and to its troubleshooting
    (it used to say "see Troubleshooting in the README", which is not on the site)."""
    landing = (built_site / "00_index.html").read_text(encoding="utf-8")
    article = landing.split('<article', 1)[1].split('</article>', 1)[0]
    assert 'href="run_the_course.html"' in article
    assert 'href="run_the_course.html#troubleshooting"' in article
    assert "in the README" not in " ".join(article.split()).split("How to work through the course", 1)[-1][:1500]
