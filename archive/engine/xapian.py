"""The xapian engine: one local Xapian database, or shards behind `xapian-tcpsrv` servers.

It matches as tantivy does (the same words, cut, folded and stemmed alike;
the same phrases, prefixes and NEAR), sorts by the same date keys and
breaks ties of relevance by passage id over the whole result, as whoosh
does. Relevance is Xapian's own BM25 (k1 1.2, b 0.75, as tantivy's), over
the whole passage rather than field by field, so scores and the order of
unequal scores can differ from tantivy's: tests/engine/test_engines_agree.py
asserts where.

Sharded (archive reindex --engine xapian --shards HOST:PORT,...), each
document goes to one shard by a hash of its id, and every read sees all
shards as one database (archive.engine.xapian_shards).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import xapian

from archive.engine.base import PERIOD_STEPS, Engine, EngineHit, EngineResult, read_only, replacing
from archive.engine.shards import Shard, parse_shards
from archive.engine.xapian_shards import culprit, open_reader, open_shard
from archive.engine.xapian_terms import (
    BOOLEAN,
    DATE,
    DAY_KIND,
    DOC_ID,
    EVERY,
    EXACT,
    NEWEST,
    OLDEST,
    PASSAGE_ID,
    SPEAKERS_DAY,
    TEXT,
    boolean_term,
    day_value,
    document,
    pack,
    shard_of,
    tokens,
    unpack,
)
from archive.engine.xapian_writers import ShardWriters
from archive.errors import EngineError, ShardUnreachable
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
from archive.query.words import fold
from archive.store.catalog import PassageRow

Q = xapian.Query
NOTHING = Q.MatchNothing
# BM25 with tantivy's k1 and b; k2 0 and k3 1 leave query-side weights alone.
WEIGHTING = (1.2, 0.0, 1.0, 0.75, 0.5)


def _answering(method):
    """Xapian's faults as one line: a shard that does not answer is named; a local
    database changed under a reader is reopened and the read tried once more."""

    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            try:
                return method(self, *args, **kwargs)
            except xapian.DatabaseModifiedError:
                self._reopen()
                return method(self, *args, **kwargs)
        except ShardUnreachable:
            self._drop()
            raise
        except xapian.Error as exc:
            self._drop()
            if self.shards:
                raise culprit(self.shards, exc) from None
            raise EngineError(f"the xapian index in {self.directory}: {exc.get_msg()}") from None

    return wrapped


class XapianEngine(Engine):
    name = "xapian"

    def __init__(self, directory: Path, shards: str | None = None):
        super().__init__(directory)
        self.shards: tuple[Shard, ...] = parse_shards(shards)
        self._db: xapian.Database | None = None
        self._writers: ShardWriters | None = None
        self._open()

    # -- opening ------------------------------------------------------------

    def _open(self) -> xapian.Database:
        if self._db is not None:
            return self._db
        try:
            if not self.shards:
                self.directory.mkdir(parents=True, exist_ok=True)
                if not read_only(self.directory):
                    flags = xapian.DB_CREATE_OR_OPEN
                    xapian.WritableDatabase(str(self.directory), flags).close()
            self._db = open_reader(self.directory, self.shards)
        except xapian.Error as exc:
            raise EngineError(
                f"cannot open the xapian index in {self.directory}: {exc.get_msg()} "
                "(run `archive reindex` to rebuild it from the catalog)"
            ) from None
        return self._db

    def _reopen(self) -> None:
        if self._db is not None:
            self._db.reopen()

    def _drop(self) -> None:
        """Forget the connection: the next call connects anew (a shard may be back)."""
        if self._db is not None:
            with contextlib.suppress(xapian.Error):
                self._db.close()
        self._db = None

    @property
    def db(self) -> xapian.Database:
        return self._open()

    def close(self) -> None:
        self._drop()
        if self._writers is not None:
            self._writers.close()
            self._writers = None

    # -- writing ------------------------------------------------------------

    @_answering
    def write(self, rows: Iterable[PassageRow], remove_docs: Iterable[str] = ()) -> None:
        if self.shards:  # a writer process per shard (archive.engine.xapian_writers)
            if self._writers is None:
                self._writers = ShardWriters(self.shards, shard_of)
            self._writers.write(rows, remove_docs)
            self._reopen()
            return
        # One transaction: a failure cancels what was not committed.
        try:
            writer = xapian.WritableDatabase(str(self.directory), xapian.DB_CREATE_OR_OPEN)
        except xapian.DatabaseLockError:
            raise EngineError(f"the xapian index in {self.directory} is locked") from None
        try:
            writer.begin_transaction()
            for doc_id in remove_docs:
                writer.delete_document(boolean_term("doc_id", doc_id))
            for row, first in replacing(rows):
                if first:
                    writer.delete_document(boolean_term("doc_id", row.doc_id))
                writer.add_document(document(row))
            writer.commit_transaction()
        except BaseException:
            with contextlib.suppress(xapian.Error):  # committed already, or gone
                writer.cancel_transaction()
            raise
        finally:
            with contextlib.suppress(xapian.Error):
                writer.close()
        self._reopen()

    def compact(self) -> None:
        """Xapian's tables, written batch by batch, are about half free space: a rebuilt
        local index is replaced by a compacted copy (bench: 264 -> 128 MB for 49,043
        passages, in 4 s). Shards are compacted where they live (README: xapian-compact)."""
        if self.shards:
            return
        self._drop()
        folder = self.directory
        fresh = folder.with_name(folder.name + ".compact")
        old = folder.with_name(folder.name + ".old")
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            xapian.Database(str(folder)).compact(str(fresh))
        except xapian.Error as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise EngineError(f"compacting the xapian index in {folder}: {exc.get_msg()}") from None
        for extra in folder.iterdir():  # what is not Xapian's: the index's generation stamp
            if extra.name.startswith(".") and extra.is_file():
                shutil.copy2(extra, fresh / extra.name)
        # A kill between the renames leaves no index: the next writer sees it and rebuilds.
        os.rename(folder, old)
        os.rename(fresh, folder)
        shutil.rmtree(old, ignore_errors=True)
        self._open()

    @_answering
    def clear(self) -> None:
        self._drop()
        if not self.shards:
            shutil.rmtree(self.directory, ignore_errors=True)
        for shard in self.shards:
            # Every passage carries EVERY, so one deletion empties a shard.
            writer = open_shard(shard, writable=True)
            try:
                writer.delete_document(EVERY)
                writer.commit()
            finally:
                writer.close()
        self._open()

    @_answering
    def count(self) -> int:
        self._reopen()
        return self.db.get_doccount()

    @_answering
    def shard_counts(self) -> list[tuple[str, int]]:
        """Each shard and the passages it holds; none for a local index."""
        counts = []
        for shard in self.shards:
            database = open_shard(shard)
            try:
                counts.append((str(shard), database.get_doccount()))
            finally:
                database.close()
        return counts

    # -- searching ----------------------------------------------------------

    def _enquire(self, query: xapian.Query) -> xapian.Enquire:
        self._reopen()
        enquire = xapian.Enquire(self.db)
        enquire.set_query(query)
        enquire.set_weighting_scheme(xapian.BM25Weight(*WEIGHTING))
        return enquire

    @_answering
    def search(self, tree: Node, sort: str, limit: int, offset: int = 0) -> EngineResult:
        enquire = self._enquire(self._compile(tree))
        if sort == "relevance":
            enquire.set_sort_by_relevance_then_value(PASSAGE_ID, False)
        else:
            enquire.set_docid_order(xapian.Enquire.ASCENDING)
            enquire.set_sort_by_value(NEWEST if sort == "newest" else OLDEST, sort == "newest")
        everything = max(self.db.get_doccount(), 1)
        mset = enquire.get_mset(offset, max(limit, 1), everything)
        if offset == 0:  # fetching documents in one go crashes Xapian 1.4 past an offset
            mset.fetch()
        scored = sort == "relevance"
        hits = [
            EngineHit(m.document.get_value(PASSAGE_ID).decode(), m.weight if scored else None)
            for m in mset
        ]
        return EngineResult(mset.get_matches_estimated(), hits[:limit])

    def iter_ids(self, tree: Node, sort: str = "oldest", batch: int = 1000) -> Iterator[str]:
        # Keyset paging on the sort key, as the tantivy engine does: each page starts
        # after the last key seen, so a long export costs the same per page throughout.
        query = self._compile(tree)
        slot = OLDEST if sort == "oldest" else NEWEST
        last = None
        while True:
            page = self._page(query, slot, last, batch)
            yield from (passage_id for passage_id, _ in page)
            if len(page) < batch:
                return
            last = page[-1][1]

    @_answering
    def _page(self, query: xapian.Query, slot: int, last: int | None, batch: int) -> list:
        if last is not None:
            after = (
                Q(Q.OP_VALUE_GE, slot, pack(last + 1))
                if slot == OLDEST
                else Q(Q.OP_VALUE_LE, slot, pack(max(last - 1, 0)))
            )
            query = Q(Q.OP_FILTER, query, after)
        enquire = self._enquire(query)
        enquire.set_sort_by_value(slot, slot == NEWEST)
        mset = enquire.get_mset(0, batch)
        mset.fetch()
        return [
            (m.document.get_value(PASSAGE_ID).decode(), unpack(m.document.get_value(slot)))
            for m in mset
        ]

    def _spy(self, tree: Node, slot: int) -> list[tuple[str, int]]:
        """(value, passages) for each value of `slot` among the passages matching `tree`."""
        enquire = self._enquire(self._compile(tree))
        spy = xapian.ValueCountMatchSpy(slot)
        enquire.add_matchspy(spy)
        enquire.get_mset(0, 0, max(self.db.get_doccount(), 1))
        return [(item.term.decode(), item.termfreq) for item in spy.values()]

    @_answering
    def count_by_speaker(self, tree: Node) -> dict[int, tuple[int, int | None, int | None]]:
        found: dict[int, list] = {}
        for value, passages in self._spy(tree, SPEAKERS_DAY):
            people, _, day_text = value.partition(" ")
            day = int(day_text or 0) or None
            for person in people.split(","):
                entry = found.setdefault(int(person), [0, None, None])
                entry[0] += passages
                if day is not None:
                    entry[1] = day if entry[1] is None else min(entry[1], day)
                    entry[2] = day if entry[2] is None else max(entry[2], day)
        return {person: tuple(entry) for person, entry in found.items()}

    @_answering
    def count_by_day(self, tree: Node, period: str = "day") -> dict[tuple[int, str], int]:
        step, first_day = PERIOD_STEPS.get(period, (0, 0))
        found: dict[tuple[int, str], int] = {}
        for value, passages in self._spy(tree, DAY_KIND):
            day_text, _, kind = value.partition(" ")
            day = int(day_text)
            if step:
                day = day // step * step + first_day
            found[(day, kind)] = found.get((day, kind), 0) + passages
        return found

    @_answering
    def count_documents(self, tree: Node) -> int:
        return len(self._spy(tree, DOC_ID))

    @_answering
    def vocabulary(self, prefix: str) -> list[tuple[str, int]]:
        self._reopen()
        start = EXACT["text"]
        return [
            (item.term.decode()[len(start) :], item.termfreq)
            for item in self.db.allterms(start + prefix)
        ]

    # -- the query tree as a Xapian query -------------------------------------

    def _compile(self, node: Node) -> xapian.Query:
        if isinstance(node, Term):
            return self._words(TEXT[node.field], tokens(node.word, stemmed=True))
        if isinstance(node, Phrase):
            prefix = (EXACT if node.exact else TEXT)[node.field]
            return self._words(prefix, tokens(" ".join(node.words), stemmed=not node.exact))
        if isinstance(node, Prefix):
            # Prefixes match the words as written: stems would cut "happy*" to "happi".
            # They are expanded here, over all shards, not by each shard on its own,
            # so that shards weigh the words found as one database would.
            start = EXACT[node.field] + fold(node.prefix)
            words = [Q(item.term) for item in self.db.allterms(start)]
            return Q(Q.OP_SYNONYM, words) if words else NOTHING
        if isinstance(node, Near):
            left, right = tokens(node.left, stemmed=True), tokens(node.right, stemmed=True)
            if len(left) != 1 or len(right) != 1:
                return NOTHING
            pair = [Q(TEXT["text"] + left[0]), Q(TEXT["text"] + right[0])]
            # A window of n + 1 positions holds two words at most n apart, in either order.
            return Q(Q.OP_NEAR, pair, node.distance + 1)
        if isinstance(node, MatchAll):
            return Q.MatchAll
        if isinstance(node, Not):
            return Q(Q.OP_AND_NOT, Q.MatchAll, self._compile(node.child))
        if isinstance(node, And):
            wanted = [self._compile(c) for c in node.children if not isinstance(c, Not)]
            unwanted = [self._compile(c.child) for c in node.children if isinstance(c, Not)]
            query = Q(Q.OP_AND, wanted) if wanted else Q.MatchAll
            return Q(Q.OP_AND_NOT, query, Q(Q.OP_OR, unwanted)) if unwanted else query
        if isinstance(node, Or):
            return Q(Q.OP_OR, [self._compile(child) for child in node.children])
        if isinstance(node, DateRange):
            start = day_value(day_number(node.start)) if node.start else None
            end = day_value(day_number(node.end)) if node.end else None
            if start is None and end is None:
                return Q.MatchAll
            if end is None:
                return Q(Q.OP_VALUE_GE, DATE, start)
            if start is None:
                return Q(Q.OP_VALUE_LE, DATE, end)
            return Q(Q.OP_VALUE_RANGE, DATE, start, end)
        if isinstance(node, FieldIn):
            if not node.values or node.field not in BOOLEAN:
                return NOTHING
            terms = [Q(boolean_term(node.field, v)) for v in node.values]
            # Filters choose passages; they do not make one more relevant than another.
            return Q(Q.OP_SCALE_WEIGHT, Q(Q.OP_OR, terms), 0.0)
        raise TypeError(f"cannot compile {node!r}")

    @staticmethod
    def _words(prefix: str, words: list[str]) -> xapian.Query:
        if not words:
            return NOTHING
        if len(words) == 1:
            return Q(prefix + words[0])
        return Q(Q.OP_PHRASE, [Q(prefix + w) for w in words], len(words))
