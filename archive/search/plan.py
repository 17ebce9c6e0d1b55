"""A search from query text to Hits: plan, run, group by document, stream, suggest."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from archive.engine import Engine
from archive.engine.base import SORTS
from archive.errors import UsageError
from archive.model import Hit, SearchResult
from archive.query.parser import parse
from archive.query.tree import (
    And,
    FieldIn,
    MatchAll,
    Node,
    Or,
    Wanted,
    has_words,
    replace_fields,
    wanted,
    with_filters,
)
from archive.search import snippets as highlight
from archive.search.citation import gid_column, parlparse_id, twfy_url
from archive.search.filters import Filters, Warn, filter_nodes, log_warning, resolve_field
from archive.store.catalog import Catalog, PassageRow

GROUP_PASSAGES = 3  # passages shown per document when grouping
RARE = 1  # a word in at most this many passages may be a typo
# How deep a page of results may reach; tantivy aborts the process near 2**30.
MAX_PAGE_END = 100_000_000


class Plan(NamedTuple):
    query: str
    tree: Node  # the words, for highlights and suggestions
    full: Node  # words and filters: what the engine runs
    sort: str
    want: Wanted
    # The people a speaker filter asks for: a hit's snippet is their quote.
    people: frozenset[int] = frozenset()


def plan(
    catalog: Catalog, query: str, filters: Filters, sort: str | None, warn: Warn = log_warning
) -> Plan:
    """Parse and resolve a search; UsageError or BadQuery if it cannot run."""
    tree = replace_fields(parse(query), lambda field: resolve_field(catalog, field, warn))
    nodes = filter_nodes(catalog, filters, warn)
    if isinstance(tree, MatchAll) and not nodes:
        raise UsageError("give a query, or at least one filter such as --speaker or --since")
    if sort is None:
        sort = "relevance" if has_words(tree) else "newest"
    if sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r} (use {', '.join(SORTS)})")
    full = with_filters(tree, nodes)
    return Plan(query, tree, full, sort, wanted(tree), frozenset(_asked_speakers(full)))


def _asked_speakers(node: Node) -> set[int]:
    """The person ids of the speaker filters a tree asks for (not those it excludes)."""
    if isinstance(node, FieldIn):
        return {int(v) for v in node.values} if node.field == "speaker" else set()
    if isinstance(node, And | Or):
        return set().union(*(_asked_speakers(child) for child in node.children))
    return set()


def hit(
    row: PassageRow,
    score: float | None,
    want: Wanted,
    width: int,
    people: frozenset[int] = frozenset(),
) -> Hit:
    """A search result from its row; with `people`, the snippet is the first of their quotes
    in it (a passage may quote several people)."""
    focus = next(((q["start"], q["end"]) for q in row.quotes if q["person_id"] in people), None)
    text, marks = highlight.snippet(row.text, want, width, focus)
    gid = parlparse_id(row.ref, row.date, row.house) if row.kind == "hansard" else None
    return Hit(
        passage_id=row.passage_id, doc_id=row.doc_id, kind=row.kind, source=row.source,
        title=row.title, date=row.date, speaker=row.shown_speaker, text=row.text, snippet=text,
        score=score, path=row.path, url=row.passage_url or row.url, heading=row.heading,
        party=row.party, house=row.house, tags=row.tags,
        person_name=_differing(row.speaker, row.shown_speaker),
        speaker_inferred=row.speaker_inferred, quotes=row.quotes, gid=gid,
        column=row.column or gid_column(gid), time=row.time, twfy_url=twfy_url(gid),
        person_id=row.person_ref, office=row.office, highlights=marks,
        speaker_id=row.speaker_id,
    )  # fmt: skip


def _differing(name: str | None, shown: str | None) -> str | None:
    return name if name != shown else None


def _check_page(limit: int, offset: int) -> None:
    if limit < 0 or offset < 0:
        raise UsageError("limit and offset must not be negative")
    if limit + offset > MAX_PAGE_END:
        raise UsageError(
            f"limit + offset must be at most {MAX_PAGE_END:,} (use `archive export` for everything)"
        )


def run(
    catalog: Catalog, engine: Engine, p: Plan, limit: int, offset: int, width: int
) -> SearchResult:
    _check_page(limit, offset)
    found = engine.search(p.full, p.sort, limit, offset)
    rows = catalog.passages([h.passage_id for h in found.hits])
    hits = tuple(
        hit(rows[h.passage_id], h.score, p.want, width, p.people)
        for h in found.hits
        if h.passage_id in rows  # else removed from the catalog after the index was read
    )
    return SearchResult(p.query, found.total, hits, did_you_mean(engine, p))


def run_grouped(
    catalog: Catalog, engine: Engine, p: Plan, limit: int, offset: int, width: int
) -> SearchResult:
    """One result per document, in the order of its best passage, with up to 3 passages."""
    _check_page(limit, offset)
    need = offset + limit
    window = max(50, need * 4)
    while True:
        found = engine.search(p.full, p.sort, window, 0)
        groups: dict[str, list] = {}
        for engine_hit in found.hits:
            doc_id = engine_hit.passage_id.rsplit(".", 1)[0]
            groups.setdefault(doc_id, []).append(engine_hit)
        if len(groups) >= need or len(found.hits) < window or window >= MAX_PAGE_END:
            break
        window = min(window * 4, MAX_PAGE_END)
    chosen = list(groups.values())[offset:need]
    ids = [h.passage_id for group in chosen for h in group[:GROUP_PASSAGES]]
    rows = catalog.passages(ids)
    hits = []
    for group in chosen:
        members = [
            hit(rows[h.passage_id], h.score, p.want, width, p.people)
            for h in group[:GROUP_PASSAGES]
            if h.passage_id in rows
        ]
        if members:
            hits.append(replace(members[0], more=tuple(members[1:])))
    total = engine.count_documents(p.full)
    return SearchResult(p.query, total, tuple(hits), did_you_mean(engine, p), grouped=True)


def stream(catalog: Catalog, engine: Engine, p: Plan, width: int) -> Iterator[Hit]:
    """Every hit, oldest first (or newest with sort newest), a batch at a time."""
    order = "newest" if p.sort == "newest" else "oldest"
    batch: list[str] = []
    for passage_id in engine.iter_ids(p.full, order):
        batch.append(passage_id)
        if len(batch) == 500:
            yield from _hydrate(catalog, batch, p, width)
            batch = []
    yield from _hydrate(catalog, batch, p, width)


def _hydrate(catalog: Catalog, ids: list[str], p: Plan, width: int) -> Iterator[Hit]:
    rows = catalog.passages(ids)
    for passage_id in ids:
        if passage_id in rows:
            yield hit(rows[passage_id], None, p.want, width, p.people)


def did_you_mean(engine: Engine, p: Plan) -> str | None:
    """The query with rare or absent words replaced by close, commoner indexed words."""
    text = p.query
    changed = False
    for word in dict.fromkeys(p.want.terms + tuple(w for ph in p.want.phrases for w in ph)):
        better = _closest(engine, word)
        if better:
            text = re.sub(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", better, text)
            changed = True
    return text if changed else None


def _closest(engine: Engine, word: str) -> str | None:
    if len(word) < 4 or word.isdigit():
        return None
    # The word's own count first: words starting with it are few, while those
    # sharing its first two letters are a large part of the vocabulary.
    count = dict(engine.vocabulary(word)).get(word, 0)
    if count > RARE:
        return None
    vocabulary = dict(engine.vocabulary(word[:2]))
    from rapidfuzz.distance import OSA  # only for a rare word, never at start-up

    limit = 1 if len(word) < 6 else 2
    best = None
    for term, freq in vocabulary.items():
        if freq <= count or term == word:
            continue
        distance = OSA.distance(word, term, score_cutoff=limit)
        if distance <= limit:
            key = (distance, -freq, term)
            if best is None or key < best[0]:
                best = (key, term)
    return best[1] if best else None
