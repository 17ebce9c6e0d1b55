"""How text is cut into words, engine-neutral: used to check queries and to highlight.

The engines analyse text their own way at index time; this mirrors it closely
enough (word characters, lower case, accents folded, Snowball English stems)
that highlights fall on the words the engine matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import snowballstemmer

# A word is a run of letters or digits, as in tantivy's simple tokenizer.
WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("english")
# Stems are not cached (PyStemmer caches 10,000 by default): an uncached stem costs
# 0.4 microseconds, and a cache that fills while whoosh indexes scatters long-lived
# strings over Python's memory arenas, which then cannot be freed. Measured with
# `archive reindex --engine whoosh` of the bench's 100,000 passages: peak memory
# 758 -> 653 MB, 190 -> 175 s.
_STEMMER.maxCacheSize = 0


# Letters ascii_fold maps that have no Unicode decomposition to lean on.
_FOLDS = {
    "ß": "ss", "æ": "ae", "ð": "d", "ø": "o", "þ": "th", "đ": "d", "ħ": "h", "ı": "i",
    "ĸ": "q", "ŀ": "l", "ł": "l", "ŉ": "n", "ŋ": "n", "œ": "oe", "ŧ": "t", "ſ": "s",
    "ª": "ª", "º": "º",
}  # fmt: skip


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c in _FOLDS:
        return _FOLDS[c]
    # Accented letters lose their marks; ligatures, full-width and circled
    # letters and super/subscript digits become ASCII, as in ascii_fold.
    # What would not end up ASCII (Greek, math letters, ½) stays as it is.
    tag = unicodedata.decomposition(c).partition(" ")[0]
    compat = tag in ("<wide>", "<compat>", "<circle>") and not "\u2160" <= c <= "\u2188"
    compat = compat or (tag in ("<super>", "<sub>") and (c.isdigit() or c in "ⁱⁿ"))
    decomposed = unicodedata.normalize("NFKD" if compat else "NFD", c)
    base = "".join(x for x in decomposed if not unicodedata.combining(x))
    return base if base and base.isascii() and base.isalnum() else c


def fold(word: str) -> str:
    """Lower case, folded to ASCII where tantivy's ascii_fold would: 'Café' -> 'cafe',
    'Łódź' -> 'lodz', 'Straße' -> 'strasse'."""
    word = word.lower()
    return word if word.isascii() else "".join(_fold_char(c) for c in word)


def stem(word: str) -> str:
    """The Snowball English stem of a folded word: 'strikes' -> 'strike'."""
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return [fold(m.group()) for m in WORD.finditer(text)]


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of `text`."""
    for m in WORD.finditer(text):
        yield m.start(), m.end(), fold(m.group())
