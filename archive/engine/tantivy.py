"""The default engine: tantivy, a Rust search library, through its Python binding."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import tantivy

from archive.engine.base import (
    PERIOD_STEPS,
    Engine,
    EngineHit,
    EngineResult,
    date_number,
    indexed_title,
    os_error_of,
    read_only,
    replacing,
    sort_keys,
    tag_terms,
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

STEMMED = "archive_stem"
EXACT = "archive_exact"
WRITER_HEAP = 128_000_000
# One indexing thread: with two, indexing 100,000 bench passages took 24.1 s
# instead of 30.2 s, but which thread a passage went to decided its place in
# the index, so passages of equal score came back in a different order after
# a rebuild (tests/test_crash.py compares a repaired archive with a clean build).
WRITER_THREADS = 1


def _analyzer(stem: bool) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    return builder.build()


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("passage_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("doc_id", tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_text_field("text", tokenizer_name=STEMMED)
    builder.add_text_field("text_exact", tokenizer_name=EXACT)
    builder.add_text_field("title", tokenizer_name=STEMMED)
    builder.add_text_field("title_exact", tokenizer_name=EXACT)
    for name in ("kind", "source", "speaker", "party", "house", "tag"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    builder.add_integer_field("date", indexed=True, fast=True)
    builder.add_integer_field("newest", fast=True)
    builder.add_integer_field("oldest", fast=True)
    return builder.build()


class TantivyEngine(Engine):
    name = "tantivy"
    writes_in_background = True  # the binding lets go of the lock to index and commit

    def __init__(self, directory: Path):
        super().__init__(directory)
        self.stemmed = _analyzer(stem=True)
        self.exact = _analyzer(stem=False)
        self.schema = _schema()
        self._shadows: list[Path] = []
        self.index = self._open()

    def _open(self) -> tantivy.Index:
        self.directory.mkdir(parents=True, exist_ok=True)
        where = self.directory
        if read_only(self.directory):
            where = self._shadow()
        try:
            index = tantivy.Index(self.schema, path=str(where), reuse=True)
        except (OSError, ValueError) as exc:
            self.close()
            if (fault := os_error_of(exc, self.directory)) is not None and where is self.directory:
                raise fault from None
            raise EngineError(
                f"cannot open the tantivy index in {self.directory}: {exc} "
                "(run `archive reindex` to rebuild it from the catalog)"
            ) from None
        index.register_tokenizer(STEMMED, self.stemmed)
        index.register_tokenizer(EXACT, self.exact)
        return index

    def _shadow(self) -> Path:
        """A writable folder of links to a read-only index's files, where tantivy keeps the
        lock files it takes even to read; removed on close."""
        import tempfile

        shadow = Path(tempfile.mkdtemp(prefix="archive-tantivy-"))
        for name in os.listdir(self.directory):
            if not name.endswith(".lock"):  # the locks are the shadow's own
                (shadow / name).symlink_to(self.directory / name)
        self._shadows.append(shadow)
        return shadow

    # -- writing ------------------------------------------------------------

    def write(self, rows: Iterable[PassageRow], remove_docs: Iterable[str] = ()) -> None:
        writer = self.index.writer(WRITER_HEAP, WRITER_THREADS)
        try:
            for doc_id in remove_docs:
                writer.delete_documents_by_term("doc_id", doc_id)
            for row, first in replacing(rows):
                if first:
                    writer.delete_documents_by_term("doc_id", row.doc_id)
                writer.add_document(self._document(row))
            writer.commit()
            writer.wait_merging_threads()
        except BaseException as exc:
            writer.rollback()
            if isinstance(exc, ValueError) and (fault := os_error_of(exc, self.directory)):
                raise fault from None  # a full disk, say: the caller names it
            raise
        self.index.reload()

    @staticmethod
    def _document(row: PassageRow) -> tantivy.Document:
        newest, oldest = sort_keys(row)
        doc = tantivy.Document(
            passage_id=row.passage_id,
            doc_id=row.doc_id,
            text=row.text,
            text_exact=row.text,
            title=indexed_title(row),
            title_exact=indexed_title(row),
            kind=row.kind,
            newest=newest,
            oldest=oldest,
        )
        if row.source:
            doc.add_text("source", row.source)
        for person in row.speaker_ids:  # the main speaker and everyone else quoted
            doc.add_text("speaker", str(person))
        if row.party:
            doc.add_text("party", row.party)
        if row.house:
            doc.add_text("house", row.house)
        for tag in tag_terms(row.tags):
            doc.add_text("tag", tag)
        day = date_number(row)
        if day is not None:
            doc.add_integer("date", day)
        return doc

    def clear(self) -> None:
        import shutil

        shutil.rmtree(self.directory, ignore_errors=True)
        self.index = self._open()

    def close(self) -> None:
        import shutil

        for shadow in self._shadows:
            shutil.rmtree(shadow, ignore_errors=True)
        self._shadows.clear()

    def count(self) -> int:
        return self.index.searcher().num_docs

    # -- searching ----------------------------------------------------------

    def search(self, tree: Node, sort: str, limit: int, offset: int = 0) -> EngineResult:
        query = self._compile(tree)
        searcher = self.index.searcher()
        if sort == "relevance":
            found = searcher.search(query, limit=max(limit, 1), offset=offset, count=True)
        else:
            field, order = ("newest", tantivy.Order.Desc)
            if sort == "oldest":
                field, order = ("oldest", tantivy.Order.Asc)
            found = searcher.search(
                query,
                limit=max(limit, 1),
                offset=offset,
                count=True,
                order_by_field=field,
                order=order,
            )
        pairs = found.hits[:limit]
        hits = [
            EngineHit(
                searcher.doc(address)["passage_id"][0],
                key if sort == "relevance" else None,
            )
            for key, address in pairs
        ]
        if sort == "relevance":
            # Equal scores fall back to passage id, so results do not depend
            # on segment layout.
            hits.sort(key=lambda h: (-round(h.score, 5), h.passage_id))
        return EngineResult(found.count, hits)

    def iter_ids(self, tree: Node, sort: str = "oldest", batch: int = 1000) -> Iterator[str]:
        # Keyset paging on the sort key: each page starts after the last key
        # seen, so a long export costs the same per page throughout.
        query = self._compile(tree)
        field = "oldest" if sort == "oldest" else "newest"
        order = tantivy.Order.Asc if sort == "oldest" else tantivy.Order.Desc
        last = None
        while True:
            page_query = query
            if last is not None:
                lower, upper = (last, None) if sort == "oldest" else (None, last)
                after = tantivy.Query.range_query(
                    self.schema, field, tantivy.FieldType.Integer, lower, upper,
                    include_lower=lower is None, include_upper=upper is None,
                )  # fmt: skip
                page_query = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, query), (tantivy.Occur.Must, after)]
                )
            searcher = self.index.searcher()
            found = searcher.search(
                page_query, limit=batch, count=False, order_by_field=field, order=order
            )
            if not found.hits:
                return
            for _key, address in found.hits:
                yield searcher.doc(address)["passage_id"][0]
            last = found.hits[-1][0]
            if len(found.hits) < batch:
                return

    def _aggregate(self, tree: Node, spec: dict) -> dict:
        return self.index.searcher().aggregate(self._compile(tree), spec)

    def count_by_speaker(self, tree: Node) -> dict[int, tuple[int, int | None, int | None]]:
        spec = {
            "speakers": {
                "terms": {"field": "speaker", "size": 1_000_000},
                "aggs": {"first": {"min": {"field": "date"}}, "last": {"max": {"field": "date"}}},
            }
        }
        found = {}
        for bucket in self._aggregate(tree, spec)["speakers"]["buckets"]:
            first, last = bucket["first"]["value"], bucket["last"]["value"]
            found[int(bucket["key"])] = (
                bucket["doc_count"],
                int(first) if first is not None else None,
                int(last) if last is not None else None,
            )
        return found

    def count_by_day(self, tree: Node, period: str = "day") -> dict[tuple[int, str], int]:
        # Kinds first, then days (or a histogram of months or years) under each:
        # "war" at 1,000,000 passages takes 2.9 ms by day, 0.5 ms by year; days
        # first with kinds under each took 22 ms.
        step, first_day = PERIOD_STEPS.get(period, (0, 0))
        days: dict = {"terms": {"field": "date", "size": 1_000_000}}
        if step:
            days = {"histogram": {"field": "date", "interval": step, "min_doc_count": 1}}
        spec = {"kinds": {"terms": {"field": "kind"}, "aggs": {"days": days}}}
        found = {}
        for kind in self._aggregate(tree, spec)["kinds"]["buckets"]:
            for day in kind["days"]["buckets"]:
                key = int(day["key"]) + first_day
                found[(key, kind["key"])] = day["doc_count"]
        return found

    def count_documents(self, tree: Node) -> int:
        spec = {"docs": {"terms": {"field": "doc_id", "size": 10_000_000}}}
        return len(self._aggregate(tree, spec)["docs"]["buckets"])

    def vocabulary(self, prefix: str) -> list[tuple[str, int]]:
        return self.index.searcher().terms_with_prefix("text_exact", prefix)

    def _compile(self, node: Node) -> tantivy.Query:
        schema = self.schema
        if isinstance(node, Term):
            return self._words(self.stemmed, node.field, node.word)
        if isinstance(node, Phrase):
            if node.exact:
                return self._words(self.exact, f"{node.field}_exact", " ".join(node.words))
            return self._words(self.stemmed, node.field, " ".join(node.words))
        if isinstance(node, Prefix):
            # Prefixes match the words as written: stems would cut "happy*" to "happi".
            pattern = re.escape(node.prefix) + ".*"
            return tantivy.Query.regex_query(schema, f"{node.field}_exact", pattern)
        if isinstance(node, Near):
            left = self.stemmed.analyze(node.left)
            right = self.stemmed.analyze(node.right)
            if len(left) != 1 or len(right) != 1:
                return tantivy.Query.empty_query()
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, self._phrase([*left, *right], node.distance)),
                    (tantivy.Occur.Should, self._phrase([*right, *left], node.distance)),
                ]
            )
        if isinstance(node, MatchAll):
            return tantivy.Query.all_query()
        if isinstance(node, Not):
            return tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, tantivy.Query.all_query()),
                    (tantivy.Occur.MustNot, self._compile(node.child)),
                ]
            )
        if isinstance(node, And):
            clauses = []
            for child in node.children:
                if isinstance(child, Not):
                    clauses.append((tantivy.Occur.MustNot, self._compile(child.child)))
                else:
                    clauses.append((tantivy.Occur.Must, self._compile(child)))
            if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
                clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            return tantivy.Query.boolean_query(clauses)
        if isinstance(node, Or):
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._compile(child)) for child in node.children]
            )
        if isinstance(node, DateRange):
            if node.start is None and node.end is None:
                return tantivy.Query.all_query()
            return tantivy.Query.range_query(
                schema,
                "date",
                tantivy.FieldType.Integer,
                day_number(node.start) if node.start else None,
                day_number(node.end) if node.end else None,
            )
        if isinstance(node, FieldIn):
            if not node.values:
                return tantivy.Query.empty_query()
            return tantivy.Query.term_set_query(schema, node.field, [str(v) for v in node.values])
        raise TypeError(f"cannot compile {node!r}")

    def _phrase(self, tokens: list[str], slop: int) -> tantivy.Query:
        # slop counts the words allowed between; NEAR/n counts the distance.
        return tantivy.Query.phrase_query(self.schema, "text", tokens, slop=max(slop - 1, 0))

    def _words(self, analyzer: tantivy.TextAnalyzer, field: str, text: str) -> tantivy.Query:
        tokens = analyzer.analyze(text)
        if not tokens:
            return tantivy.Query.empty_query()
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, field, tokens[0])
        return tantivy.Query.phrase_query(self.schema, field, tokens)
