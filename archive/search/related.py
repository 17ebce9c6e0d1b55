"""What links a story to Parliament and back: `archive related DOC_ID`.

For a news story: each of its direct quotes traced to Hansard (if said there),
and the debates of the days around it that share its most distinctive words
and the people it quotes. For a debate: the stories of the days after it that
quote its speeches.
"""

from __future__ import annotations

import datetime as dt
import math

from archive.engine import Engine
from archive.errors import NotFound
from archive.query.tree import And, DateRange, FieldIn, Node, Or, Term
from archive.query.words import words
from archive.search.filters import Filters
from archive.search.trace import DEFAULT_MIN_SIMILARITY, STOPWORDS, align, trace
from archive.store.catalog import Catalog

DISTINCTIVE = 12  # words of the document the debates are found by
SHOWN = 10  # debates or stories listed
LEAST_QUOTE = 30  # characters: shorter quotes ("no", "a disgrace") are found anywhere


def related(catalog: Catalog, engine: Engine, doc_id: str, days: int = 7) -> dict:
    rows = _rows(catalog, doc_id)
    first = rows[0]
    day = dt.date.fromisoformat(first.date) if first.date else None
    found = {"doc_id": first.doc_id, "kind": first.kind, "title": first.title,
             "date": first.date, "days": days}  # fmt: skip
    if first.kind == "news":
        found["quotes"] = _quotes_traced(catalog, engine, rows)
        found["debates"] = _debates(catalog, engine, rows, day, days) if day else []
    else:
        found["stories"] = _stories(catalog, engine, rows, day, days) if day else []
    return found


def _rows(catalog: Catalog, doc_id: str) -> list:
    ids = [
        r.passage_id for r in catalog.passage_rows("WHERE p.doc_id = ? ORDER BY p.seq", (doc_id,))
    ]
    if not ids:
        raise NotFound(f"no document {doc_id!r} in the archive")
    by_id = catalog.passages(ids)
    return [by_id[i] for i in ids if i in by_id]


def _quotes_traced(catalog: Catalog, engine: Engine, rows: list) -> list[dict]:
    traced = []
    for row in rows:
        for quote in row.quotes:
            said = row.text[quote["start"] : quote["end"]]
            if not quote.get("direct") or len(said) < LEAST_QUOTE:
                continue
            found = trace(catalog, engine, said, Filters(kinds=["hansard"]), limit=3)
            traced.append({
                "passage_id": row.passage_id, "speaker": quote.get("speaker"), "quote": said,
                "source": found.first.record() if found.first else None,
            })  # fmt: skip
    return traced


def _distinctive(engine: Engine, rows: list) -> list[str]:
    """The document's words that are common in it and rare in the archive."""
    counts: dict[str, int] = {}
    for row in rows:
        for word in words(row.text):
            if len(word) > 3 and word not in STOPWORDS and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    total = max(engine.count(), 1)
    scored = []
    for word, tf in sorted(counts.items(), key=lambda item: -item[1])[:60]:
        df = dict(engine.vocabulary(word)).get(word, 0) or 1
        scored.append((tf * math.log(1 + total / df), word))
    return [word for _, word in sorted(scored, reverse=True)[:DISTINCTIVE]]


def _window(day: dt.date, before: int, after: int) -> DateRange:
    return DateRange(day - dt.timedelta(days=before), day + dt.timedelta(days=after))


def _documents(catalog: Catalog, engine: Engine, tree: Node) -> list[tuple[str, float, list]]:
    """Documents of the passages `tree` matches, best first: (doc_id, score, rows)."""
    found = engine.search(tree, "relevance", 300, 0)
    rows = catalog.passages([h.passage_id for h in found.hits])
    docs: dict[str, list] = {}
    for h in found.hits:
        if h.passage_id in rows:
            docs.setdefault(rows[h.passage_id].doc_id, []).append(
                (h.score or 0.0, rows[h.passage_id])
            )
    ranked = sorted(docs.items(), key=lambda item: -sum(s for s, _ in item[1]))
    return [(d, sum(s for s, _ in found), [r for _, r in found]) for d, found in ranked]


def _debates(catalog, engine, rows, day: dt.date, days: int) -> list[dict]:
    terms = _distinctive(engine, rows)
    people = sorted({q["person_id"] for r in rows for q in r.quotes if q.get("person_id")})
    wanted: list[Node] = [Term(w) for w in terms]
    if people:
        wanted.append(FieldIn("speaker", tuple(people)))
    if not wanted:
        return []
    tree = And((Or(tuple(wanted)), FieldIn("kind", ("hansard",)), _window(day, days, days)))
    listed = []
    for doc_id, score, found in _documents(catalog, engine, tree)[:SHOWN]:
        text = " ".join(r.text for r in found).lower()
        shared = sorted({r.shown_speaker for r in found if r.speaker_id in people})
        listed.append({
            "doc_id": doc_id, "title": found[0].title, "date": found[0].date,
            "house": found[0].house, "score": round(score, 3),
            "shared_words": [w for w in terms if w in text], "shared_people": shared,
        })  # fmt: skip
    return listed


def _stories(catalog, engine, rows, day: dt.date, days: int) -> list[dict]:
    speakers = {r.speaker_id for r in rows if r.speaker_id is not None}
    wanted: list[Node] = [Term(w) for w in _distinctive(engine, rows)]
    if speakers:
        wanted.append(FieldIn("speaker", tuple(sorted(speakers))))
    if not wanted:
        return []
    tree = And((Or(tuple(wanted)), FieldIn("kind", ("news",)), _window(day, 0, days)))
    listed = []
    for doc_id, _, found in _documents(catalog, engine, tree):
        quoted = []
        for story_row in found:
            for quote in story_row.quotes:
                said = story_row.text[quote["start"] : quote["end"]]
                if len(said) < LEAST_QUOTE:
                    continue
                best = max(((align(said, r.text).similarity, r) for r in rows), key=lambda x: x[0])
                if best[0] >= DEFAULT_MIN_SIMILARITY:
                    quoted.append({"quote": said, "speaker": quote.get("speaker"),
                                   "passage_id": best[1].passage_id,
                                   "similarity": best[0]})  # fmt: skip
        if quoted:
            listed.append({"doc_id": doc_id, "title": found[0].title, "date": found[0].date,
                           "source": found[0].source, "quotes": quoted})  # fmt: skip
        if len(listed) >= SHOWN:
            break
    return listed
