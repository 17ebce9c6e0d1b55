"""The pure-Python engine: whoosh, for where tantivy's Rust wheel cannot be installed.

It answers as the tantivy engine does: the same words (cut, folded and
stemmed alike), the same sort keys, and tantivy's own BM25 (its idf, its
field-length buckets, its phrase and NEAR scoring), so relevance scores agree
to float precision. Equal scores are ordered by passage id over the whole
result, where tantivy orders only the page it returns.
"""

from __future__ import annotations

import heapq
import math
import shutil
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import matching
from whoosh import query as wq

from archive.engine.base import (
    PERIOD_STEPS,
    Engine,
    EngineHit,
    EngineResult,
    date_number,
    indexed_title,
    replacing,
    sort_keys,
    tag_terms,
)
from archive.engine.whoosh_text import (
    NO_DAY,
    NO_SPEAKER,
    BM25Scorer,
    TantivyBM25,
    _fieldnorm_id,
    _schema,
    analyzer,
    fold,
)
from archive.errors import EngineError
from archive.query.dates import day_number
from archive.query.tree import (
    And,
    DateRange,
    FieldIn,
    MatchAll,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
)
from archive.store.catalog import PassageRow

LOCK_TIMEOUT = 30.0  # seconds to wait for another process's writer


class WhooshEngine(Engine):
    name = "whoosh"

    def __init__(self, directory: Path):
        super().__init__(directory)
        self.stemmed, self.exact = analyzer(stemmed=True), analyzer(stemmed=False)
        self.index = self._open()
        self._searcher = None
        self._columns: dict[tuple[str, str], object] = {}  # (segment id, column) -> values

    def _open(self):
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if whoosh_index.exists_in(str(self.directory)):
                index = whoosh_index.open_dir(str(self.directory))
                if set(index.schema.names()) != set(_schema().names()):
                    raise EngineError(
                        f"the whoosh index in {self.directory} was made by an older version "
                        "with other fields (run `archive reindex`)"
                    )
                return index
            return whoosh_index.create_in(str(self.directory), _schema())
        except (OSError, ValueError, whoosh_index.IndexError) as exc:
            raise EngineError(f"cannot open the whoosh index in {self.directory}: {exc}") from None

    # -- writing ------------------------------------------------------------

    def write(self, rows: Iterable[PassageRow], remove_docs: Iterable[str] = ()) -> None:
        try:
            writer = self.index.writer(timeout=LOCK_TIMEOUT)
        except whoosh_index.LockError:
            raise EngineError(f"the whoosh index in {self.directory} is locked") from None
        try:
            # Deletions reach only committed segments, so the passages added
            # by this writer survive them.
            for doc_id in remove_docs:
                writer.delete_by_term("doc_id", doc_id)
            for row, first in replacing(rows):
                if first:
                    writer.delete_by_term("doc_id", row.doc_id)
                writer.add_document(**self._document(row))
        except BaseException:
            writer.cancel()
            raise
        # The default policy merges small segments, so the many small commits
        # of an indexing run (one per batch) do not pile up segments.
        writer.commit()

    @staticmethod
    def _document(row: PassageRow) -> dict:
        newest, oldest = sort_keys(row)
        title = indexed_title(row)
        doc = dict(
            passage_id=row.passage_id, doc_id=row.doc_id, kind=row.kind,
            text=row.text, text_exact=row.text, text_norm=_fieldnorm_id(row.text),
            title=title, title_exact=title, title_norm=_fieldnorm_id(title),
            date=date_number(row) or NO_DAY, newest=newest, oldest=oldest,
        )  # fmt: skip
        if row.source:
            doc["source"] = row.source
        if row.speaker_id is not None:
            doc["speaker_number"] = row.speaker_id
        if row.speaker_ids:  # the main speaker and everyone else quoted
            doc["speaker"] = ",".join(map(str, row.speaker_ids))
            others = row.speaker_ids[1:] if row.speaker_id is not None else row.speaker_ids
            doc["speakers_quoted"] = ",".join(map(str, others)).encode()
        if row.party:
            doc["party"] = row.party
        if row.house:
            doc["house"] = row.house
        if row.tags:
            doc["tag"] = ",".join(tag_terms(row.tags))
        return doc

    def clear(self) -> None:
        self.close()
        shutil.rmtree(self.directory, ignore_errors=True)
        self.index = self._open()

    def count(self) -> int:
        return self._current().doc_count()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._columns.clear()

    # -- reading ------------------------------------------------------------

    def _new_searcher(self):
        return self.index.searcher(weighting=TantivyBM25(self._column))

    def _current(self):
        """A searcher on the latest commit (another process may have written)."""
        if self._searcher is not None and not self._searcher.up_to_date():
            # Not Searcher.refresh(): it reuses a segment's reader even when
            # the segment has gained deletions, and keeps merged-away segments.
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._new_searcher()
            leaves = self._searcher.reader().leaf_readers()
            live = {r.segment().segment_id() for r, _ in leaves if r.segment()}
            self._columns = {k: v for k, v in self._columns.items() if k[0] in live}
        return self._searcher

    def _column(self, reader, field: str):
        """Every value of a numeric column of one segment, loaded once: segments never change."""
        key = (reader.segment().segment_id(), field)
        if key not in self._columns:
            self._columns[key] = reader.column_reader(field, translate=False).load()
        return self._columns[key]

    def _days(self, reader) -> tuple[list[int], list[int]]:
        """(days, docnums) of one segment's dated passages, sorted by day."""
        if reader.segment() is None:  # an empty index
            return [], []
        key = (reader.segment().segment_id(), "days")
        if key not in self._columns:
            pairs = sorted((d, n) for n, d in enumerate(self._column(reader, "date")) if d)
            self._columns[key] = ([d for d, _ in pairs], [n for _, n in pairs])
        return self._columns[key]

    def _matches(self, tree: Node, scored: bool = False, searcher=None):
        """(segment reader, docnums, scores or None) for each segment with matches."""
        searcher = searcher or self._current()
        query = self._compile(tree)
        context = searcher.context(needs_current=True) if scored else searcher.boolean_context()
        for sub, _offset in searcher.leaf_searchers():
            matcher = query.matcher(sub, context)
            if not scored:
                ids, scores = list(matcher.all_ids()), None
            else:
                ids, scores = [], []
                while matcher.is_active():
                    ids.append(matcher.id())
                    scores.append(matcher.score())
                    matcher.next()
            if ids:
                yield sub.reader(), ids, scores

    def _keyed(self, tree: Node, sort: str, searcher=None) -> list[tuple[int, int, object]]:
        """(sort key, docnum, segment reader) of every match."""
        field = "oldest" if sort == "oldest" else "newest"
        keyed = []
        for reader, ids, _ in self._matches(tree, searcher=searcher):
            keys = self._column(reader, field)
            keyed.extend((keys[n], n, reader) for n in ids)
        return keyed

    def search(self, tree: Node, sort: str, limit: int, offset: int = 0) -> EngineResult:
        if sort == "relevance":
            return self._by_relevance(tree, limit, offset)
        keyed = self._keyed(tree, sort)
        pick = heapq.nsmallest if sort == "oldest" else heapq.nlargest
        page = pick(offset + max(limit, 0), keyed, key=lambda item: item[0])[offset:]
        ids = _passage_ids([(n, reader) for _, n, reader in page])
        return EngineResult(len(keyed), [EngineHit(pid, None) for pid in ids])

    def _by_relevance(self, tree: Node, limit: int, offset: int) -> EngineResult:
        # Rounded scores, then passage ids: ties are settled over the whole
        # result, so that pages neither overlap nor skip.
        scored = []
        for reader, ids, scores in self._matches(tree, scored=True):
            scored.extend((round(s, 5), s, n, reader) for n, s in zip(ids, scores, strict=True))
        wanted = offset + limit
        if limit <= 0 or offset >= len(scored):
            return EngineResult(len(scored), [])
        best = heapq.nlargest(wanted, scored, key=lambda item: item[0])
        cutoff = best[-1][0] if len(best) == wanted else -math.inf
        tied = [item for item in scored if item[0] >= cutoff]
        ids = _passage_ids([(n, reader) for _, _, n, reader in tied])
        ranked = sorted(zip(tied, ids, strict=True), key=lambda pair: (-pair[0][0], pair[1]))
        hits = [EngineHit(pid, item[1]) for item, pid in ranked[offset:wanted]]
        return EngineResult(len(scored), hits)

    def iter_ids(self, tree: Node, sort: str = "oldest", batch: int = 1000) -> Iterator[str]:
        # A searcher of its own: a write during a long export neither closes
        # it nor changes what the export returns.
        searcher = self._new_searcher()
        try:
            keyed = self._keyed(tree, sort, searcher)
            keyed.sort(key=lambda item: item[0], reverse=sort != "oldest")
            for start in range(0, len(keyed), batch):
                yield from _passage_ids([(n, r) for _, n, r in keyed[start : start + batch]])
        finally:
            searcher.close()

    def count_by_speaker(self, tree: Node) -> dict[int, tuple[int, int | None, int | None]]:
        found: dict[int, list] = {}  # person -> [passages, first day, last day]
        for reader, ids, _ in self._matches(tree):
            speakers, days = self._column(reader, "speaker_number"), self._column(reader, "date")
            quoted = reader.column_reader("speakers_quoted")
            for n in ids:
                people = [speakers[n]] if speakers[n] != NO_SPEAKER else []
                if others := quoted[n]:
                    people.extend(int(p) for p in others.decode().split(","))
                for person in people:
                    entry = found.setdefault(person, [0, None, None])
                    entry[0] += 1
                    if day := days[n]:
                        entry[1] = day if entry[1] is None else min(entry[1], day)
                        entry[2] = day if entry[2] is None else max(entry[2], day)
        return {person: tuple(entry) for person, entry in found.items()}

    def count_by_day(self, tree: Node, period: str = "day") -> dict[tuple[int, str], int]:
        counts: Counter[tuple[int, str]] = Counter()
        for reader, ids, _ in self._matches(tree):
            days, kinds = self._column(reader, "date"), reader.column_reader("kind")
            counts.update((days[n], kinds[n]) for n in ids if days[n] != NO_DAY)
        if period not in PERIOD_STEPS:
            return dict(counts)
        step, first_day = PERIOD_STEPS[period]
        first: Counter[tuple[int, str]] = Counter()
        for (day, kind), count in counts.items():
            first[(day // step * step + first_day, kind)] += count
        return dict(first)

    def count_documents(self, tree: Node) -> int:
        docs: set[str] = set()
        for reader, ids, _ in self._matches(tree):
            doc_ids = reader.column_reader("doc_id")
            docs.update(doc_ids[n] for n in ids)
        return len(docs)

    def vocabulary(self, prefix: str) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for reader, _ in self._current().reader().leaf_readers():
            for term, info in reader.iter_prefix("text_exact", fold(prefix)):
                counts[term.decode("utf-8")] += info.doc_frequency()
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    # -- the query tree -----------------------------------------------------

    def _compile(self, node: Node) -> wq.Query:
        if isinstance(node, Term):
            return self._words(self.stemmed, node.field, node.word)
        if isinstance(node, Phrase):
            if node.exact:
                return self._words(self.exact, f"{node.field}_exact", " ".join(node.words))
            return self._words(self.stemmed, node.field, " ".join(node.words))
        if isinstance(node, Prefix):
            # The words as written (stems would cut "happy*" to "happi"),
            # scored as one like tantivy's regex query.
            return _Constant(wq.Prefix(f"{node.field}_exact", fold(node.prefix)))
        if isinstance(node, Near):
            left, right = _tokens(self.stemmed, node.left), _tokens(self.stemmed, node.right)
            if len(left) != 1 or len(right) != 1:
                return wq.NullQuery
            # Two distinct positions at most `distance` apart, either way round.
            words = [left[0], right[0]]
            terms = [wq.Term("text", w) for w in words]
            near = wq.SpanNear2(terms, slop=node.distance, ordered=False, mindist=1)
            return _Phrasal(near, "text", words, node.distance)
        if isinstance(node, Not):
            return wq.AndNot(_Constant(wq.Every()), self._compile(node.child))
        if _everything(node):
            return _Constant(wq.Every())
        if isinstance(node, And):
            # Beside other clauses, "everything" adds nothing to a score in tantivy.
            wanted = [
                self._compile(c)
                for c in node.children
                if not (isinstance(c, Not) or _everything(c))
            ]
            unwanted = [self._compile(c.child) for c in node.children if isinstance(c, Not)]
            query = _all(wanted) if wanted else _Constant(wq.Every())
            return wq.AndNot(query, _any(unwanted)) if unwanted else query
        if isinstance(node, Or):
            return _any([self._compile(child) for child in node.children])
        if isinstance(node, DateRange):
            start = day_number(node.start) if node.start else NO_DAY + 1
            end = day_number(node.end) if node.end else 99_999_999
            return _DayRange(self._days, start, end)
        if isinstance(node, FieldIn):
            if not node.values:
                return wq.NullQuery
            return _Constant(_any([wq.Term(node.field, str(v)) for v in node.values]))
        raise TypeError(f"cannot compile {node!r}")

    def _words(self, chain, field: str, text: str) -> wq.Query:
        tokens = _tokens(chain, text)
        if len(tokens) < 2:
            return wq.Term(field, tokens[0]) if tokens else wq.NullQuery
        return _Phrasal(wq.Phrase(field, tokens), field, tokens)


def _tokens(chain, text: str) -> list[str]:
    return [t.text for t in chain(text)]


def _passage_ids(found: list[tuple[int, object]]) -> list[str]:
    """The passage ids of (docnum, segment reader) pairs."""
    columns: dict[int, object] = {}
    ids = []
    for docnum, reader in found:
        if id(reader) not in columns:
            columns[id(reader)] = reader.column_reader("passage_id")
        ids.append(columns[id(reader)][docnum])
    return ids


def _everything(node: Node) -> bool:
    return isinstance(node, MatchAll) or node == DateRange(None, None)


def _all(queries: list[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.And(queries)


def _any(queries: list[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.Or(queries)


class _Constant(wq.WrappingQuery):
    """What its child matches, each with score 1: filters, prefixes, everything."""

    def _rewrap(self, child):
        return _Constant(child)

    def matcher(self, searcher, context=None):
        return matching.ConstantScoreWrapperMatcher(self.child.matcher(searcher, context), 1.0)


class _Phrasal(wq.WrappingQuery):
    """A phrase or NEAR, scored as tantivy scores phrases: occurrences make the frequency.

    Tantivy runs NEAR/n as two sloppy phrases, one per order, and adds their
    scores; a sloppy phrase "a b" counts each b from 1 to n words after an a,
    or up to n - 2 words before it.
    """

    def __init__(self, child, field: str, words: list[str], near: int = 0):
        super().__init__(child)
        self.field, self.words, self.near = field, words, near

    def _rewrap(self, child):
        return _Phrasal(child, self.field, self.words, self.near)

    def matcher(self, searcher, context=None):
        matcher = self.child.matcher(searcher, context)
        if context is None or context.weighting is None or not matcher.is_active():
            return matcher
        scorer = BM25Scorer(context.weighting, searcher, self.field, self.words)
        return _PhrasalMatcher(matcher, scorer, self.near)


class _PhrasalMatcher(matching.WrappingMatcher):
    def __init__(self, child, scorer: BM25Scorer, near: int):
        super().__init__(child)
        self.scorer, self.near = scorer, near

    def _replacement(self, newchild):
        return _PhrasalMatcher(newchild, self.scorer, self.near)

    def copy(self):
        return _PhrasalMatcher(self.child.copy(), self.scorer, self.near)

    def supports_block_quality(self):
        return False

    def score(self):
        docnum = self.child.id()
        if not self.near:
            return self.scorer.tf_score(docnum, len(self.child.spans()))
        first, second = (m.value_as("positions") for m in self.child.ms)
        counts = (_sloppy(first, second, self.near), _sloppy(second, first, self.near))
        return sum(self.scorer.tf_score(docnum, c) for c in counts if c)


def _sloppy(first: list[int], second: list[int], distance: int) -> int:
    return sum(1 for p in second if any(2 - distance <= p - q <= distance for q in first))


class _DayRange(wq.Query):
    """Passages dated `start` to `end` (YYYYMMDD, inclusive), found in the date column.

    Each segment's days are sorted once and cached, so a range costs two
    binary searches and a sort of the docnums within, however wide it is:
    far cheaper in Python than a union of the postings of many date terms.
    """

    def __init__(self, days, start: int, end: int):
        self.days, self.start, self.end = days, start, end

    def _span(self, reader) -> tuple[list[int], int, int]:
        days, docnums = self.days(reader)
        return docnums, bisect_left(days, self.start), bisect_right(days, self.end)

    def estimate_size(self, ixreader):
        spans = [self._span(reader) for reader, _ in ixreader.leaf_readers()]
        return sum(hi - lo for _, lo, hi in spans)

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        docnums, lo, hi = self._span(reader)
        found = sorted(docnums[lo:hi])
        if reader.has_deletions():
            found = [n for n in found if not reader.is_deleted(n)]
        return _SortedIds(found, all_weights=1.0) if found else matching.NullMatcher()


class _SortedIds(matching.ListMatcher):
    """A ListMatcher that skips ahead by binary search."""

    def skip_to(self, id):
        if self.is_active() and id > self.id():
            self._i = bisect_left(self._ids, id, self._i)
