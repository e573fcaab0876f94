"""Search for the Korean website: Korean words found whatever particle follows them.

Sphinx has no Korean search language; its fallback indexes each run of letters as one word, so "증강을",
"증강은" and "증강" are three different words and a search for "데이터 증강" misses most pages. Korean
attaches particles (조사) and the copula to the word before them, so this language strips the longest known
ending from a Hangul word before it goes into the index, and the page's JavaScript strips it the same way
from each word typed in the search box (``JS_STEMMER``, the same list). Words without Hangul (code, API
names, English terms) get Sphinx's English stemmer, as on the English site.

Example:
    >>> korean = SearchKorean({})
    >>> [korean.stem(word) for word in ("증강을", "증강은", "데이터의", "레슨에서는", "증강", "Flipping")]
    ['증강', '증강', '데이터', '레슨', '증강', 'flip']
"""

import json
import re
from pathlib import Path

import snowballstemmer
import sphinx.search
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

# Particles and endings that follow a noun, longest first (a longer one is tried before its own tail).
# A word is never cut to nothing: the ending must leave at least one syllable.
PARTICLES = sorted({
    "이라는", "으로는", "으로도", "에서는", "에서도", "에게서", "이라고", "입니다", "이므로", "이지만",
    "으로", "에서", "에게", "에는", "에도", "까지", "부터", "보다", "처럼", "마다", "만큼", "이나", "이란",
    "라는", "라고", "로는", "로도", "와는", "과는", "이다", "이며", "이고", "한테", "께서", "와의", "과의", "에의",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "나", "란", "며", "다",
}, key=len, reverse=True)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SPHINX_JS = Path(sphinx.search.__file__).parent / "minified-js"     # Sphinx's own stemmers


def strip_particle(word):
    """``word`` without the longest particle it ends with, if a syllable is left."""
    for ending in PARTICLES:
        if len(word) > len(ending) and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _js_stemmer():
    """The same stemming in the browser: Sphinx's English stemmer for other words, PARTICLES for Hangul."""
    english = "\n".join((_SPHINX_JS / name).read_text(encoding="utf-8")
                        for name in ("base-stemmer.js", "english-stemmer.js"))
    return english + f"""
var Stemmer = function () {{
  const english = new EnglishStemmer();
  const particles = {json.dumps(PARTICLES, ensure_ascii=False)};
  this.stemWord = function (word) {{
    if (!/[\\uac00-\\ud7a3]/.test(word)) return english.stemWord(word.toLowerCase());
    for (const ending of particles) {{
      if (word.length > ending.length && word.endsWith(ending)) return word.slice(0, -ending.length);
    }}
    return word;
  }};
}};
"""


class SearchKorean(SearchLanguage):
    """Sphinx's search language "ko": Hangul words without their particles, other words stemmed as English."""

    lang = "ko"
    language_name = "Korean"
    stopwords = ENGLISH_STOPWORDS
    js_stemmer_code = _js_stemmer()

    def __init__(self, options):
        super().__init__(options)
        self.english = snowballstemmer.stemmer("english")

    def stem(self, word):
        if HANGUL.search(word):
            return strip_particle(word)
        return self.english.stemWord(word.lower())
