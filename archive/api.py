"""The archive as a Python library: index files, search passages, show documents.

from archive import Archive
archive = Archive.open("~/my-archive", create=True)
archive.index(["seeds"])
for hit in archive.search("Daesh", speakers=["hammond"]).hits:
    print(hit.date, hit.speaker, hit.snippet)
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path

from . import highlight
from .catalog import Catalog
from .dates import date_range
from .engine import DEFAULT_ENGINE, Engine, open_engine
from .errors import ArchiveError, IngestError, UnknownSpeaker, UsageError
from .model import KINDS, Document, Hit, SearchResult
from .query import (
    And,
    DateRange,
    Field,
    FieldIn,
    MatchAll,
    Node,
    Or,
    has_words,
    parse,
    replace_fields,
    wanted,
    with_filters,
)

log = logging.getLogger("archive")

CATALOG_FILE = "catalog.sqlite"
SORTS = ("relevance", "newest", "oldest")


def default_home() -> Path:
    """$ARCHIVE_HOME, or the per-user data folder."""
    env = os.environ.get("ARCHIVE_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("archive", appauthor=False))


class Archive:
    """An archive kept in one folder: the catalog plus the engine's index."""

    def __init__(self, home: Path, catalog: Catalog, engine_name: str):
        self.home = home
        self.catalog = catalog
        self.engine_name = engine_name

    @classmethod
    def open(cls, home: str | Path | None = None, create: bool = False) -> Archive:
        """Open the archive at `home`; with `create`, make it if it is missing."""
        home = Path(home).expanduser() if home is not None else default_home()
        catalog = Catalog.open(home / CATALOG_FILE, create=create)
        engine_name = catalog.get_meta("engine") or DEFAULT_ENGINE
        if create and catalog.get_meta("engine") is None:
            with catalog.transaction():
                catalog.set_meta("engine", engine_name)
                catalog.people.load_default()
        return cls(home, catalog, engine_name)

    @cached_property
    def engine(self) -> Engine:
        return open_engine(self.engine_name, self.home / "index" / self.engine_name)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.close()
        self.catalog.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------

    def index(
        self,
        paths: Iterable[str | Path],
        on_error: Callable[[IngestError], None] | None = None,
    ):
        """Read the files under `paths` into the catalog and bring the index up to date.

        Returns an IndexReport; each file that cannot be read is passed to
        `on_error` (if given) and counted, and the batch goes on.
        """
        from .indexer import index_paths

        return index_paths(self, [Path(p) for p in paths], on_error)

    def add(self, documents: Iterable[Document]):
        """Store Documents built in Python (not read from files) and index them.

        Returns an IndexReport; a document already stored is counted unchanged.
        """
        from .indexer import add_documents

        return add_documents(self, list(documents))

    def sync(self) -> int:
        """Write to the index what the catalog has and the index lacks; returns passages written."""
        written = 0
        removals = self.catalog.pending_removals()
        if removals:
            self.engine.write([], removals)
            with self.catalog.transaction():
                self.catalog.clear_removals(removals)
        for batch in self.catalog.unindexed_documents():
            self.engine.write(batch)
            with self.catalog.transaction():
                self.catalog.mark_indexed({row.doc_id for row in batch})
            written += len(batch)
        return written

    def import_people(self, paths: Iterable[str | Path]) -> tuple[int, int, int]:
        """Load member lists into the registry and resolve speakers again.

        Returns (people added, people updated, passages whose speaker changed);
        the index is brought up to date.
        """
        from .members import read_member_files

        records = read_member_files([Path(p) for p in paths])
        with self.catalog.transaction():
            added, updated = self.catalog.people.import_records(records)
            changed = self.catalog.resolve_speakers_again()
        self.sync()
        return added, updated, changed

    def speakers(self, pattern: str | None = None) -> list[dict]:
        """People who speak in the archive, most passages first, with aliases and offices."""
        return self.catalog.people.listing(pattern)

    def reindex(self) -> int:
        """Rebuild the index from the catalog; returns the passages indexed."""
        self.engine.clear()
        with self.catalog.transaction():
            self.catalog.mark_all_unindexed()
        return self.sync()

    # -- reading ------------------------------------------------------------

    def search(
        self,
        query: str = "",
        *,
        speakers: Sequence[str] = (),
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        sources: Sequence[str] = (),
        kinds: Sequence[str] = (),
        parties: Sequence[str] = (),
        sort: str | None = None,
        limit: int = 10,
        offset: int = 0,
        width: int = highlight.DEFAULT_WIDTH,
    ) -> SearchResult:
        """Passages matching `query` and every filter given.

        Speakers match by full name, surname or alias; dates are inclusive
        and may be YYYY, YYYY-MM or YYYY-MM-DD; the default sort is
        relevance, or newest first when there are no query words.
        """
        tree = replace_fields(parse(query), self._resolve_field)
        filters = self._filters(speakers, since, until, sources, kinds, parties)
        if isinstance(tree, MatchAll) and not filters:
            raise UsageError("give a query, or at least one filter such as --speaker or --since")
        if sort is None:
            sort = "relevance" if has_words(tree) else "newest"
        if sort not in SORTS:
            raise UsageError(f"unknown sort {sort!r} (use {', '.join(SORTS)})")
        if limit < 0 or offset < 0:
            raise UsageError("limit and offset must not be negative")
        found = self.engine.search(with_filters(tree, filters), sort, limit, offset)
        rows = self.catalog.passages([h.passage_id for h in found.hits])
        want = wanted(tree)
        hits = []
        for engine_hit in found.hits:
            row = rows.get(engine_hit.passage_id)
            if row is None:  # removed from the catalog after the index was read
                continue
            text, marks = highlight.snippet(row.text, want, width)
            hits.append(
                Hit(
                    passage_id=row.passage_id,
                    doc_id=row.doc_id,
                    kind=row.kind,
                    source=row.source,
                    title=row.title,
                    date=row.date,
                    speaker=row.speaker,
                    text=row.text,
                    snippet=text,
                    score=engine_hit.score,
                    path=row.path,
                    url=row.url,
                    highlights=marks,
                )
            )
        return SearchResult(query, found.total, tuple(hits))

    def _resolve_field(self, field: Field) -> Node:
        """A speaker:, source: or party: term of the query, as the option would filter."""
        if field.name == "speaker":
            return self._speaker_filter([field.value])
        if field.name == "source":
            return self._source_filter([field.value])
        return self._party_filter([field.value])

    def _source_filter(self, sources: Sequence[str]) -> Node:
        names: list[str] = []
        for name in sources:
            matched = self.catalog.sources_matching(name)
            if not matched:
                log.warning("no source in the archive matches %r", name)
            names.extend(matched)
        return FieldIn("source", tuple(sorted(set(names))))

    def _party_filter(self, parties: Sequence[str]) -> Node:
        names: list[str] = []
        for name in parties:
            matched = self.catalog.parties_matching(name)
            if not matched:
                log.warning("no party in the registry matches %r", name)
            names.extend(matched)
        return FieldIn("party", tuple(sorted(set(names))))

    def _filters(self, speakers, since, until, sources, kinds, parties) -> list[Node]:
        filters: list[Node] = []
        if speakers:
            filters.append(self._speaker_filter(speakers))
        if since is not None or until is not None:
            start = _bound(since, first=True)
            end = _bound(until, first=False)
            if start and end and start > end:
                raise UsageError(f"--since {start} is after --until {end}")
            filters.append(DateRange(start, end))
        if sources:
            filters.append(self._source_filter(sources))
        if parties:
            filters.append(self._party_filter(parties))
        if kinds:
            unknown = [k for k in kinds if k not in KINDS]
            if unknown:
                raise UsageError(f"unknown kind {unknown[0]!r} (use {' or '.join(KINDS)})")
            filters.append(FieldIn("kind", tuple(sorted(set(kinds)))))
        return filters

    def _speaker_filter(self, speakers: Sequence[str]) -> Node:
        """Passages said by any of `speakers`; an office counts only while its holder held it."""
        people = self.catalog.people
        ids: set[int] = set()
        terms: list[Node] = []
        for name in speakers:
            match = people.match(name)
            if not match:
                raise UnknownSpeaker(name, people.suggestions(name))
            if len(match.person_ids) > 1:
                log.warning("speaker %r matches %s", name, "; ".join(match.names))
            ids.update(match.person_ids)
            for person_id, start, end in match.terms:
                terms.append(And((FieldIn("speaker", (person_id,)), DateRange(start, end))))
        nodes: list[Node] = [FieldIn("speaker", tuple(sorted(ids)))] if ids else []
        nodes += terms
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def show(self, doc_id: str) -> dict:
        """A document with its passages in order; ArchiveError if there is none."""
        doc = self.catalog.document(doc_id)
        if doc is None:
            raise ArchiveError(f"no document {doc_id!r} in the archive")
        return doc

    def stats(self) -> dict:
        """Counts of documents, passages, kinds, sources and speakers, and the date range."""
        return self.catalog.stats() | {"engine": self.engine_name}


def _bound(value: str | dt.date | None, first: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    start, end = date_range(value)
    return start if first else end
