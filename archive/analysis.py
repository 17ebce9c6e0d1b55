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


def fold(word: str) -> str:
    """Lower case with accents removed: 'Café' -> 'cafe'."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
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
