"""Where a quote was said: candidates by its rarer words, then an alignment over each.

A quote as a newspaper prints it is trimmed at either end, cut with "…" or
"...", has [words] put in by the journalist, other capitals and punctuation,
curly quotes, a word or two changed. Both the quote and each candidate's text
are normalised the same way (lower case, every character that is not a letter
or digit a space, so quotes, dashes and commas stop mattering) with one
character for one, so an alignment in the normalised text is the same span of
the passage's own text. The quote's gaps (ellipses, bracketed insertions)
split it into pieces; each piece is aligned with rapidfuzz's partial ratio,
after the piece before it, and the similarity is their mean weighted by
length, from 0 to 1.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from archive.engine import Engine
from archive.model import Hit
from archive.query.tree import Node, Or, Term, Wanted, with_filters
from archive.query.words import words
from archive.search import snippets as highlight
from archive.search.filters import Filters, Warn, filter_nodes, log_warning
from archive.search.plan import hit as make_hit
from archive.search.records import hit_record
from archive.store.catalog import Catalog

# Below this a passage is not listed: a word or two changed in a sentence keeps a
# quote near 0.9; unrelated text that shares a few phrases scores 0.5 to 0.7.
DEFAULT_MIN_SIMILARITY = 0.8
CANDIDATES = 100  # passages the engine proposes for the alignment
QUERY_WORDS = 24  # the quote's rarest-looking words the engine is asked for
SNIPPET_WIDTH = 240

# Words too common to find anything by (the engine would rank them low anyway,
# but each costs it a long posting list).
STOPWORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does
    for from had has have he her his i if in into is it its may me more most my no not
    now of on one or our out over said she so some than that the their them then there
    these they this those to up us very was we were what when which who will with would
    you your""".split()
)

# Where a journalist cut or added words: "…", "...", ". . .", "(...)", "[the Government]".
_GAP = re.compile(r"\[[^\]]*\]|[(\[]?(?:…|\.\s?\.(?:\s?\.)+)[)\]]?")
# "[t]he": a bracketed letter only changes a capital, and is no gap.
_CASE_CHANGE = re.compile(r"\[(\w)\](?=\w)")
_NOT_WORD = re.compile(r"[\W_]")
_SPACES = re.compile(r" +")
_RUN = re.compile(r"[^ ]+")


def normalise(text: str) -> str:
    """`text` lower-cased, every character that is not a letter or digit a space; one
    character for one, so offsets in it are offsets in `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters
        lowered = "".join(c.lower()[:1] for c in text)
    return _NOT_WORD.sub(" ", lowered)


def pieces(quote: str) -> list[str]:
    """The quote's runs of words between its gaps, normalised, spaces collapsed."""
    quote = _CASE_CHANGE.sub(r"\1", quote)
    found = []
    for part in _GAP.split(quote):
        piece = _SPACES.sub(" ", normalise(part)).strip()
        if piece:
            found.append(piece)
    return found


@dataclass(frozen=True)
class Alignment:
    similarity: float  # 0..1
    start: int  # the aligned span in the passage's text
    end: int


def align(quote: str | list[str], text: str) -> Alignment:
    """How nearly `text` contains `quote` (or its pieces, in order), and where."""
    from rapidfuzz import fuzz  # not needed by a plain search

    parts = pieces(quote) if isinstance(quote, str) else quote
    target, where = collapse(normalise(text))
    total = sum(len(p) for p in parts)
    if not total or not target:
        return Alignment(0.0, 0, 0)
    cursor, score, start, end = 0, 0.0, None, 0
    for part in parts:
        rest = target[cursor:]
        if len(part) >= len(rest):
            # The passage is shorter than the quote: it must be the quote, not just in it.
            got, lo, hi = fuzz.ratio(part, rest), 0, len(rest)
        else:
            found = fuzz.partial_ratio_alignment(part, rest)
            got, lo, hi = found.score, found.dest_start, found.dest_end
        score += got * len(part)
        lo, hi = _trim(target, cursor + lo, cursor + hi)
        start = lo if start is None else start
        end = max(end, hi)
        cursor = hi
    return Alignment(round(score / total / 100, 4), where(start or 0), where(end, True))


def collapse(normal: str) -> tuple[str, Callable[..., int]]:
    """The words of normalised text one space apart, and a map from an offset in that back
    to the offset in the text (`end` maps the end of a word to the end of that word)."""
    found = list(_RUN.finditer(normal))
    collapsed = " ".join(m.group() for m in found)
    starts, at = [], 0
    for m in found:
        starts.append(at)
        at += len(m.group()) + 1

    def where(offset: int, end: bool = False) -> int:
        if not found:
            return 0
        i = max(0, bisect.bisect_right(starts, offset - (1 if end else 0)) - 1)
        word = found[i]
        return word.start() + min(offset - starts[i], len(word.group()))

    return collapsed, where


def _trim(target: str, lo: int, hi: int) -> tuple[int, int]:
    """The span in whole words: without the spaces (punctuation in the text) at its ends,
    and a word it cuts taken whole if it holds half of it or more, else left out."""
    if lo > 0 and target[lo - 1] != " " and lo < len(target) and target[lo] != " ":
        start = target.rfind(" ", 0, lo) + 1
        stop = target.find(" ", lo) % (len(target) + 1)
        lo = start if 2 * (stop - lo) >= stop - start else stop
    if 0 < hi < len(target) and target[hi] != " " and target[hi - 1] != " ":
        start = target.rfind(" ", 0, hi) + 1
        stop = target.find(" ", hi) % (len(target) + 1)
        hi = stop if 2 * (hi - start) >= stop - start else start
    while lo < hi and target[lo] == " ":
        lo += 1
    while hi > lo and target[hi - 1] == " ":
        hi -= 1
    return lo, max(lo, hi)


def candidate_tree(quote: str) -> Node | None:
    """The engine's query: any of the quote's rarer words (relevance ranks the passages that
    hold most of the rarest first). Longer words stand in for rarer ones."""
    found = [w for w in dict.fromkeys(words(_GAP.sub(" ", quote))) if w not in STOPWORDS]
    found = [w for w in found if len(w) > 2 or w.isdigit()] or found
    if not found:
        return None
    chosen = sorted(found, key=len, reverse=True)[:QUERY_WORDS]
    return Or(tuple(Term(w) for w in chosen)) if len(chosen) > 1 else Term(chosen[0])


@dataclass(frozen=True)
class Match:
    """A passage that holds the quote (or nearly), and who it says spoke the words."""

    hit: Hit
    similarity: float
    span: tuple[int, int]
    said_by: str | None  # the speaker, or the person a news passage quotes there
    said_by_id: int | None

    def record(self) -> dict:
        return hit_record(self.hit) | {
            "similarity": self.similarity,
            "span": list(self.span),
            "attributed_to": self.said_by,
        }


@dataclass(frozen=True)
class Trace:
    quote: str
    matches: tuple[Match, ...]  # best first
    first: Match | None = None  # the earliest
    misattributed: tuple[Match, ...] = ()
    later: tuple[Match, ...] = field(default=(), compare=False)  # after the first, by date

    def record(self) -> dict:
        return {
            "quote": self.quote,
            "matches": [m.record() for m in self.matches],
            "first": self.first.record() if self.first else None,
            "misattributed": [m.record() for m in self.misattributed],
        }


def said_by(hit: Hit, span: tuple[int, int]) -> tuple[str | None, int | None]:
    """Who the passage says spoke the words at `span`: the quote that overlaps it most (a news
    passage quotes several people), else the passage's speaker."""
    best, overlap = None, 0
    for quote in hit.quotes:
        shared = min(span[1], quote["end"]) - max(span[0], quote["start"])
        if shared > overlap and quote.get("speaker"):
            best, overlap = quote, shared
    if best is not None:
        return best["speaker"], best.get("person_id")
    return hit.speaker, hit.speaker_id


def same_person(a: Match, b: Match) -> bool:
    """Whether two matches credit one person; unknown on either side is not a difference."""
    if a.said_by_id is not None and b.said_by_id is not None:
        return a.said_by_id == b.said_by_id
    if not a.said_by or not b.said_by:
        return True
    surname = [words(name)[-1:] for name in (a.said_by, b.said_by)]
    return surname[0] == surname[1]


def trace(
    catalog: Catalog,
    engine: Engine,
    quote: str,
    filters: Filters,
    limit: int = 20,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    warn: Warn = log_warning,
) -> Trace:
    """The passages that hold `quote` or nearly, best first, the earliest, and the later ones
    that credit someone else."""
    parts = pieces(quote)
    tree = candidate_tree(quote)
    if tree is None or not parts:
        return Trace(quote, ())
    full = with_filters(tree, filter_nodes(catalog, filters, warn))
    found = engine.search(full, "relevance", max(CANDIDATES, limit), 0)
    rows = catalog.passages([h.passage_id for h in found.hits])
    want = Wanted(terms=tuple(w for p in parts for w in p.split() if w not in STOPWORDS))
    matches = []
    for row in rows.values():
        aligned = align(parts, row.text)
        if aligned.similarity < min_similarity:
            continue
        span = (aligned.start, aligned.end)
        hit = make_hit(row, None, want, SNIPPET_WIDTH)
        text, marks = highlight.snippet(row.text, want, SNIPPET_WIDTH, span)
        hit = replace(hit, snippet=text, highlights=marks)
        who, who_id = said_by(hit, span)
        matches.append(Match(hit, aligned.similarity, span, who, who_id))
    return arrange(quote, matches, limit)


def arrange(quote: str, matches: list[Match], limit: int) -> Trace:
    """Best first (then oldest); the earliest dated match first said it; later ones by date,
    and those of them that credit someone else."""
    matches.sort(key=lambda m: (-m.similarity, m.hit.date or "9999", m.hit.passage_id))
    matches = matches[:limit] if limit else matches
    if not matches:
        return Trace(quote, ())
    by_date = sorted(matches, key=lambda m: (m.hit.date or "9999", -m.similarity))
    first, later = by_date[0], tuple(by_date[1:])
    wrong = tuple(m for m in later if not same_person(first, m))
    return Trace(quote, tuple(matches), first, wrong, later)
