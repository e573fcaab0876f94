"""Sphinx configuration of the course website (`make site`).

The Sphinx *source* folder is ``notebooks/`` itself and this file is passed with ``-c docs``, so the
site is built from the committed notebooks, never from a copy:

    python -m sphinx -b html -W --keep-going -c docs -d build/site-doctrees notebooks build/site

- Notebooks are rendered with their committed outputs (myst-nb, execution off).
- ``00_index.ipynb`` (the lesson map) is the landing page. Its toctree, which gives every page its
  place, the sidebar and the previous/next links, is added here at read time (see ``_add_toctree``)
  so the notebook itself stays a plain notebook.
- ``cheat_sheet.md`` in notebooks/ joins the toctree after the lessons when it exists.
- Widget cells show their static PNG: no widget state is saved in the notebooks, so a widget view
  would render as nothing.
- ``index.html`` forwards to ``00_index.html``, so the site's folder URL opens the course.
- Licence and credit files at the repository root, when present, are copied next to the pages and
  linked from the footer.
- Every page is a door to running the course (sphinx-book-theme's header buttons): "launch on
  Binder" (a lesson opens itself in JupyterLab; a Markdown page opens the course index), a download of
  the page's source (the committed ``.ipynb`` of a lesson, ``html_copy_source``) and links to the
  repository and to the page's source in it. The repository's address has ONE source: the Binder
  link of the README (``https://mybinder.org/v2/gh/OWNER/NAME/HEAD...``), read by ``_repository``; while
  it is the placeholder ``OWNER/augcourse``, every page says so in a banner.
- ``run_the_course.md`` ("Run the course": set-up, platforms, memory, troubleshooting) includes the
  README's text between ``<!-- run-the-course:start -->`` and ``<!-- run-the-course:end -->`` (and the
  ``troubleshooting`` pair), so the site and the README cannot disagree; it follows the landing page.
- The Korean edition: ``-t ko`` builds the site from ``notebooks/ko/`` (the Korean notebooks, cheat sheet and
  run page, see tools/i18n.py) into ``build/site/ko/`` with ``language = "ko"``: Korean theme strings,
  Korean titles, banner and footer, Binder and source buttons on ``notebooks/ko/``, and a search that
  finds Korean words whatever particle follows them (docs/korean_search.py). Every page of either
  edition has a language switch in its header (an English page links ``ko/<page>.html``, a Korean one
  ``../<page>.html``) and names its other-language version in a ``<link rel="alternate" hreflang>``.
- Narrow screens and Markdown tables (the cheat sheet's above all): inline code gets line-break
  opportunities (``<wbr>``) after ``_ ( , = /``, after a dot and inside very long CamelCase names, so
  a long call such as ``keras.utils.image_dataset_from_directory(dir,`` neither sets a table column's
  width nor pushes a phone's page sideways. Each body cell of a table also gets its column's name
  (``p.cell-label``, hidden on wide screens): below 768 px a table is shown as one stacked card per
  row, each value under its label (_static/site.css). tests/browser/test_site_pages.py measures the
  tables at 1440 and 390 px.
"""

import html
import json
import re
import shutil
import sys
from pathlib import Path

from docutils import nodes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from korean_search import SearchKorean  # noqa: E402  (docs/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANDING = "00_index"
# `-t ko` (a Sphinx tag, the only build option conf.py itself can read) builds the Korean edition. Sphinx puts
# `tags` in this file's namespace; a test that imports the file has none (the English edition).
_TAGS = globals().get("tags")
KOREAN = bool(_TAGS and _TAGS.has("ko"))
language = "ko" if KOREAN else "en"
# Texts of the site itself, per edition.
TEXT = {
    "en": {"title": "Image data augmentation with Keras",
           "built": "Built from the course notebooks with their committed outputs.",
           "cite": "How to cite", "credits": "Credits", "code": "Code: ",
           "placeholder": "This course has no public repository yet: its Binder, source and repository links use "
                          "the placeholder <code>{repo}</code> until it is published. "
                          '<a href="{run}.html">Run the course</a> on your own machine meanwhile.',
           "launch": "Launch interactive content", "launch_course": "Launch the course on Binder",
           "switch": "한국어", "switch_tooltip": "이 페이지를 한국어로 보기 (Korean edition)"},
    "ko": {"title": "Keras로 배우는 이미지 데이터 증강",
           "built": "과정의 노트북과 커밋된 출력으로 만든 사이트입니다.",
           "cite": "인용하는 방법", "credits": "출처와 감사의 말", "code": "코드: ",
           "placeholder": "이 과정은 아직 공개 저장소가 없습니다. 공개될 때까지 Binder, 소스, 저장소 링크는 자리표시자 "
                          "<code>{repo}</code>를 씁니다. 그동안에는 내 컴퓨터에서 "
                          '<a href="{run}.html">과정을 실행</a>하세요.',
           "launch": "대화형으로 실행", "launch_course": "Binder에서 과정 열기",
           "switch": "English", "switch_tooltip": "Read this page in English"},
}[language]

project = TEXT["title"]
author = "the augcourse authors"
copyright = "the augcourse authors"

extensions = ["myst_nb"]
root_doc = LANDING
# Only the lessons, the cheat sheet and the run page are pages; data files such as study_results/ are not.
RUN_PAGE = "run_the_course"
include_patterns = ["*.ipynb", "cheat_sheet.md", RUN_PAGE + ".md"]
exclude_patterns = ["**/.ipynb_checkpoints", "ko"]      # the Korean notebooks: their own edition (-t ko)
source_suffix = {".ipynb": "myst-nb", ".md": "myst-nb"}

# Committed outputs only: the site must build offline in seconds, like the outputs nbval checks.
nb_execution_mode = "off"
# The widget outputs carry no saved widget state (nothing to render offline); their image/png is
# the picture the course draws for GitHub and this site.
nb_mime_priority_overrides = [("*", "application/vnd.jupyter.widget-view+json", None)]
# One block per cell for stdout, as JupyterLab shows it (not one block per flush).
nb_merge_streams = True

myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3

html_theme = "sphinx_book_theme"
html_title = TEXT["title"]
if KOREAN:
    from sphinx.search import languages as search_languages

    search_languages["ko"] = SearchKorean
    html_search_language = "ko"
# The sources are copied into _sources/ (as .ipynb / .md, sphinx-book-theme drops the .txt suffix):
# the theme's download button offers the lesson's committed notebook from there.
html_copy_source = True
html_show_sourcelink = False
html_show_copyright = False
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_js_files = ["language_switch.js"]

# Licence and credit files of the repository, copied next to the pages as .txt (a server sends a file
# without a suffix as a download) and linked from every page's footer. A licence's label is its first
# line ("MIT License", "Lesson text and figures: Creative Commons Attribution 4.0 ...").
def _first_line(name):
    return (ROOT / name).read_text(encoding="utf-8").splitlines()[0].strip()


FOOTER_FILES = {"LICENSE": lambda: TEXT["code"] + _first_line("LICENSE"),
                "LICENSE-content": lambda: _first_line("LICENSE-content"),
                "CITATION.cff": lambda: TEXT["cite"], "CREDITS.md": lambda: TEXT["credits"]}
LICENCE_FILES = {name: label() for name, label in FOOTER_FILES.items() if (ROOT / name).is_file()}
# _extra/index.html sends a visitor of the site's folder to the landing page (00_index.html).
html_extra_path = ["_extra"]


def _site_name(name):
    return name if Path(name).suffix else name + ".txt"


def _footer():
    links = " · ".join(f'<a href="{_site_name(name)}">{html.escape(label)}</a>'
                       for name, label in LICENCE_FILES.items())
    return f"<p>{TEXT['built']}</p><p>{links}</p>"


# The repository's address: the README's Binder link is its one source (the README's "Run it on
# Binder" section). `OWNER/augcourse` is the marked placeholder until the course is published.
PLACEHOLDER_OWNER = "OWNER"
_BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/([A-Za-z0-9_./-]+?)\?")


def _repository(readme=ROOT / "README.md"):
    """(owner, name, branch) of the course repository, from the README's Binder links (all must agree).

    >>> _repository()[1:]
    ('augcourse', 'HEAD')
    """
    found = set(_BINDER_LINK.findall(readme.read_text(encoding="utf-8")))
    if len(found) != 1:
        raise ValueError(f"{readme.name} must hold one Binder address, https://mybinder.org/v2/gh/OWNER/NAME/"
                         f"BRANCH?... (the website reads the repository from it); found {sorted(found) or 'none'}")
    return found.pop()


REPO_OWNER, REPO_NAME, REPO_BRANCH = _repository()
REPOSITORY_URL = f"https://github.com/{REPO_OWNER}/{REPO_NAME}"
BINDER_URL = "https://mybinder.org"
PLACEHOLDER = REPO_OWNER == PLACEHOLDER_OWNER
# Markdown pages are no notebooks: their Binder button opens the course index.
SOURCE_FOLDER = "notebooks/ko" if KOREAN else "notebooks"
BINDER_LANDING = (f"{BINDER_URL}/v2/gh/{REPO_OWNER}/{REPO_NAME}/{REPO_BRANCH}"
                  f"?urlpath=lab/tree/{SOURCE_FOLDER}/{LANDING}.ipynb")
_ANNOUNCEMENT = TEXT["placeholder"].format(repo=f"{REPO_OWNER}/{REPO_NAME}", run=RUN_PAGE)

html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "repository_url": REPOSITORY_URL,
    "repository_branch": REPO_BRANCH,
    "path_to_docs": SOURCE_FOLDER,
    "use_repository_button": True,
    "use_source_button": True,
    "launch_buttons": {"binderhub_url": BINDER_URL, "notebook_interface": "jupyterlab"},
    "announcement": _ANNOUNCEMENT if PLACEHOLDER else "",
    "use_download_button": True,
    "use_fullscreen_button": False,
    "extra_footer": _footer(),
}


def _page_order(docnames):
    """The run page, the lessons in their numbered order, then the cheat sheet, then any other page."""
    def key(name):
        return (-1 if name == RUN_PAGE else 0 if name[:2].isdigit() else 1 if name == "cheat_sheet" else 2, name)
    return sorted((name for name in docnames if name != LANDING), key=key)


def _add_toctree(app, docname, source):
    """Give the landing notebook a hidden toctree of every other page, at read time only."""
    if docname != LANDING:
        return
    notebook = json.loads(source[0])
    entries = "\n".join(_page_order(app.env.found_docs))
    notebook["cells"].append({
        "cell_type": "markdown", "id": "site-toctree", "metadata": {},
        "source": f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```\n"})
    source[0] = json.dumps(notebook)


# Line-break opportunities (<wbr>) in inline code: after _ , = / that follow a letter or digit and
# after a call's opening bracket, each when a letter, a digit or a quote comes next (`__init__` and
# `(0, 255)` stay whole), and after a dot that follows a name or a bracket
# (keras.|layers.|Augment(...).|to_|layer()); inside a name of 20 letters or more, also between a
# lower-case and an upper-case letter (Contrast|Limited|Adaptive|...). A phone then wraps
# `keras.layers.RandomTranslation(height_factor,` instead of scrolling the page sideways.
_CODE_BREAK = re.compile(r"(?:(?<=[A-Za-z0-9][_,=/])|(?<=\w\())(?=[A-Za-z0-9\"'-])|(?<=[\w)]\.)(?=[A-Za-z])")
_LONG_NAME = re.compile(r"[A-Za-z]{20,}")
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
# In the plain text of a table cell: after a slash or a dot between two letters (nearest/reflect,
# ImageDataGenerator.flow), so one compound word does not set a column's width.
_TEXT_BREAK = re.compile(r"(?<=[A-Za-z][/.])(?=[A-Za-z])")
_INLINE_CODE = re.compile(r'(<code class="docutils literal notranslate">)(.*?)(</code>)', re.S)
_PRE_SPAN = re.compile(r'<span class="pre">([^<]*)</span>')


def _code_pieces(text):
    """Code text cut where a line may break."""
    return [part for piece in _CODE_BREAK.split(text)
            for part in (_CAMEL_BREAK.split(piece) if _LONG_NAME.search(piece) else [piece]) if part]


def _code_with_breaks(match):
    """One span.pre of inline code (white-space: nowrap) as several, with a <wbr> between them."""
    pieces = _code_pieces(html.unescape(match.group(1)))
    return "<wbr>".join(f'<span class="pre">{html.escape(piece, quote=False)}</span>' for piece in pieces)


def _break_inline_code(app, pagename, templatename, context, doctree):
    """<wbr> inside the page's inline code (the HTML only: titles and the search index keep the names)."""
    if "body" in context:
        context["body"] = _INLINE_CODE.sub(
            lambda m: m.group(1) + _PRE_SPAN.sub(_code_with_breaks, m.group(2)) + m.group(3), context["body"])


def _in_code_or_markup(text):
    """Whether a text node belongs to code, math or raw HTML (which must stay as written)."""
    node = text.parent
    while node is not None and not isinstance(node, nodes.entry):
        if isinstance(node, (nodes.literal, nodes.math, nodes.raw, nodes.FixedTextElement)):
            return True
        node = node.parent
    return False


def _label_table_cells(app, doctree, docname):
    """Every Markdown table: a class for the stacked phone layout, its column's name at the top of each
    body cell (shown only in that layout), and break opportunities in compound words of its cells."""
    for table in doctree.findall(nodes.table):
        thead = next(table.findall(nodes.thead), None)
        heads = [entry.astext().strip() for entry in thead.findall(nodes.entry)] if thead else []
        if len(heads) < 2:
            continue
        table["classes"].append("stacked-on-phone")
        for tbody in table.findall(nodes.tbody):
            for text in list(tbody.findall(nodes.Text)):
                if not _TEXT_BREAK.search(text) or _in_code_or_markup(text):
                    continue
                parts = _TEXT_BREAK.split(str(text))
                pieces = [nodes.Text(parts[0])]
                for part in parts[1:]:
                    pieces += [nodes.raw("", "<wbr>", format="html"), nodes.Text(part)]
                text.parent.replace(text, pieces)
            for row in tbody.findall(nodes.row):
                for entry, head in zip(row.findall(nodes.entry), heads):
                    entry.insert(0, nodes.paragraph("", head, classes=["cell-label"]))


def _launch_markdown_pages(app, pagename, templatename, context, doctree):
    """A Binder button on the pages that are no notebooks (the theme gives one to notebooks only):
    it opens the course index. Runs after the theme's own buttons (priority 900)."""
    buttons = context.get("header_buttons")
    if buttons is None or doctree is None or "kernelspec" in app.env.metadata.get(pagename, {}):
        return
    buttons.insert(0, {"type": "group", "tooltip": TEXT["launch"], "icon": "fas fa-rocket",
                    "label": "launch-buttons",
                    "buttons": [{"type": "link", "text": "Binder", "tooltip": TEXT["launch_course"],
                                 "icon": "_static/images/logo_binder.svg", "url": BINDER_LANDING}]})


# The other edition of a page: the Korean site lies in ko/ inside the English one.
OTHER_EDITION = "../" if KOREAN else "ko/"
OTHER_LANGUAGE = "en" if KOREAN else "ko"


def _language_switch(app, pagename, templatename, context, doctree):
    """Every page: a header button to the same page in the other language, and a rel="alternate" link."""
    if doctree is None:
        return
    target = f"{OTHER_EDITION}{pagename}.html"
    link = f'<link rel="alternate" hreflang="{OTHER_LANGUAGE}" href="{target}" />\n'
    context["metatags"] = context.get("metatags", "") + link
    buttons = context.get("header_buttons")
    if buttons is not None:
        buttons.insert(0, {"type": "link", "text": TEXT["switch"], "tooltip": TEXT["switch_tooltip"],
                           "icon": "fas fa-language", "label": "language-switch", "url": target})


# The README's Binder badge is an image on mybinder.org; the site loads nothing from the network, so
# the run page (which includes that README text) shows the same badge drawn in _static/.
REMOTE_BADGE = "https://mybinder.org/badge_logo.svg"
LOCAL_BADGE = "_static/binder_badge.svg"


def _local_badge(app, doctree, docname):
    for image in doctree.findall(nodes.image):
        if image.get("uri") == REMOTE_BADGE:
            image["uri"] = LOCAL_BADGE


def _copy_licences(app, exception):
    if exception is None and app.builder.format == "html":
        for name in LICENCE_FILES:
            shutil.copyfile(ROOT / name, Path(app.outdir) / _site_name(name))


def setup(app):
    app.connect("source-read", _add_toctree)
    app.connect("doctree-resolved", _label_table_cells)
    app.connect("doctree-resolved", _local_badge)
    app.connect("html-page-context", _break_inline_code)
    app.connect("html-page-context", _launch_markdown_pages, priority=900)
    app.connect("html-page-context", _language_switch, priority=950)
    app.connect("build-finished", _copy_licences)
