"""The Korean website (`make site`'s second command, ``-t ko``): one Korean page per Korean notebook and page,
a language switch between the two editions on every page, and a search index that finds Korean words
whatever particle follows them (docs/korean_search.py).

The browser half (the search box really finding lesson pages, screenshots of Korean pages) is in
tests/browser/test_site_korean_pages.py.
"""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KOREAN_SOURCES = sorted(p.stem for p in (ROOT / "notebooks" / "ko").glob("*.ipynb")) + sorted(
    p.stem for p in (ROOT / "notebooks" / "ko").glob("*.md"))
sys.path.insert(0, str(ROOT / "docs"))
korean_search = pytest.importorskip("korean_search")


def _search_index(folder):
    text = (folder / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def _pages_with(index, term):
    found = index["terms"].get(term, [])
    docs = [found] if isinstance(found, int) else found
    return {index["docnames"][doc] for doc in docs}


def test_every_korean_notebook_and_page_has_a_korean_page(built_site):
    assert len(KOREAN_SOURCES) >= 28                  # 26 lessons, the cheat sheet, the run page
    for stem in KOREAN_SOURCES:
        page = (built_site / "ko" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<html lang="ko"' in page, stem


@pytest.mark.parametrize("stem", ["00_index", "05_rotation_and_zoom", "cheat_sheet", "run_the_course"])
def test_every_page_switches_to_the_same_page_in_the_other_language(built_site, stem):
    for page, target, word in ((built_site / f"{stem}.html", f"ko/{stem}.html", "한국어"),
                               (built_site / "ko" / f"{stem}.html", f"../{stem}.html", "English")):
        html = page.read_text(encoding="utf-8")
        switch = re.search(r'<a href="([^"]+)"[^>]*class="btn btn-sm btn-language-switch".*?</a>', html, re.S)
        assert switch, f"{page}: no language switch"
        assert switch.group(1) == target and word in switch.group(0)
        assert (page.parent / target).is_file()
        assert f'rel="alternate" hreflang="{"ko" if word == "한국어" else "en"}" href="{target}"' in html


def test_every_english_page_has_a_korean_twin(built_site):
    english = {p.stem for p in built_site.glob("*.html")} - {"genindex", "search", "index"}
    korean = {p.stem for p in (built_site / "ko").glob("*.html")}
    assert english and english <= korean


def test_the_korean_site_speaks_korean(built_site):
    html = (built_site / "ko" / "05_rotation_and_zoom.html").read_text(encoding="utf-8")
    assert "<title>05 · " in html and "Keras로 배우는 이미지 데이터 증강" in html
    assert "과정의 노트북과 커밋된 출력으로 만든 사이트입니다." in html              # the footer
    assert "notebooks/ko/05_rotation_and_zoom.ipynb" in html                   # Binder and source buttons


def test_the_korean_search_index_holds_korean_words_without_their_particles(built_site):
    index = _search_index(built_site / "ko")
    lessons = {name for name in index["docnames"] if name[:2].isdigit()}
    for word in ("증강", "데이터", "회전", "정규화"):
        assert len(_pages_with(index, word) & lessons) >= 5, word
    assert not {term for term in index["terms"] if term.endswith(("증강을", "증강은", "증강의"))}
    # English and code words are still found, stemmed as on the English site
    assert _pages_with(index, "imagedatagener") & lessons


def test_the_english_site_search_is_unchanged(built_site):
    index = _search_index(built_site)
    assert len(_pages_with(index, "rotat")) >= 5


@pytest.mark.parametrize("word, stem", [("증강을", "증강"), ("증강은", "증강"), ("데이터의", "데이터"),
                                        ("레슨에서는", "레슨"), ("확률로", "확률"), ("층이", "층"),
                                        ("증강", "증강"), ("이", "이"), ("의", "의")])
def test_a_particle_is_stripped_but_never_the_whole_word(word, stem):
    assert korean_search.strip_particle(word) == stem


def test_the_longest_particle_is_tried_first():
    # "에서는" must not lose only "는" (leaving "레슨에서"), the query and the index must agree
    assert korean_search.PARTICLES == sorted(korean_search.PARTICLES, key=len, reverse=True)
    assert korean_search.SearchKorean({}).stem("과정에서는") == "과정"
