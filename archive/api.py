"""The archive as a Python library: index files, search passages, show documents.

from archive import Archive
archive = Archive.open("~/my-archive", create=True)
archive.index(["seeds"])
for hit in archive.search("Daesh", speakers=["hammond"]).hits:
    print(hit.date, hit.speaker, hit.snippet)
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from archive.engine import DEFAULT_ENGINE, ENGINES, Engine, open_engine
from archive.errors import (
    IngestError,
    NotFound,
    Unwritable,
    UsageError,
    machine_fault,
)
from archive.errors import guarded as _guarded
from archive.indexing import health
from archive.indexing.catchup import SHARDS
from archive.indexing.home import default_home
from archive.indexing.lock import DEFAULT_WAIT, WriterLock, writer_busy
from archive.model import Document, Hit, SearchResult
from archive.query.tree import MatchAll
from archive.search import plan as searching
from archive.search import snippets as highlight
from archive.search.filters import Filters, Warn, log_warning
from archive.speakers.members import PeopleImport
from archive.store.catalog import Catalog

if TYPE_CHECKING:
    from archive.indexing.run import IndexReport
    from archive.search.counts import Bucket

CATALOG_FILE = "catalog.sqlite"


class Archive:
    """An archive kept in one folder: the catalog plus the engine's index.

    Methods that change it (index, add, remove, sync, import_people,
    reindex) hold the archive's writer lock while they run (see
    archive.indexing.lock), waiting up to `wait` seconds for another writer to
    finish before raising ArchiveLocked; searches never wait.

    What a search matches more or less than asked (a speaker naming two
    people, a source that matches nothing) goes to `on_warning` if set,
    else to the "archive" logger.
    """

    on_warning: Warn | None = None

    def __init__(self, home: Path, catalog: Catalog, engine_name: str, wait: float = DEFAULT_WAIT):
        self.home = home
        self.catalog = catalog
        self.engine_name = engine_name or catalog.get_meta("engine") or DEFAULT_ENGINE
        self.shards = catalog.get_meta(SHARDS)  # "HOST:PORT,..." of a sharded index
        self.wait = wait
        self._lock: WriterLock | None = None

    def _warn(self, message: str) -> None:
        (self.on_warning or log_warning)(message)

    def _fault(self, exc: BaseException, doing: str) -> BaseException:
        where = self.catalog.path if isinstance(exc, sqlite3.Error) else self.home
        return machine_fault(exc, str(where), doing) or exc

    def _guard_stream(self, stream: Iterator, doing: str) -> Iterator:
        try:
            yield from stream
        except (OSError, sqlite3.Error) as exc:
            raise self._fault(exc, doing) from None

    @classmethod
    def open(
        cls,
        home: str | Path | None = None,
        create: bool = False,
        engine: str | None = None,
        wait: float = DEFAULT_WAIT,
        read_only: bool = False,
    ) -> Archive:
        """Open the archive at `home`; with `create`, make it if it is missing.

        `engine` (or $ARCHIVE_ENGINE) chooses the search engine of a new
        archive; an existing archive keeps the one that built its index, and
        asking for another is an error that points to `reindex`. `wait` is
        how long a write waits for another process's to finish. `read_only`
        opens it for reading alone (`archive serve`): nothing can write
        through it, and it may be used from one thread after another.
        """
        home = Path(home).expanduser() if home is not None else default_home()
        try:
            if read_only:
                return cls(home, Catalog.open(home / CATALOG_FILE, read_only=True), "")
            return cls._open(home, create, engine, wait)
        except (OSError, sqlite3.Error) as exc:
            where = home / CATALOG_FILE if isinstance(exc, sqlite3.Error) else home
            fault = machine_fault(exc, str(where), "opening the archive")
            if isinstance(exc, OSError) and create and not home.is_dir():
                fault = Unwritable(
                    f"{home}: cannot make the archive's home here ({exc.strerror or exc}); "
                    "choose another --home or set ARCHIVE_HOME"
                )
            raise fault or exc from None

    @classmethod
    def _open(cls, home: Path, create: bool, engine: str | None, wait: float) -> Archive:
        from archive.indexing.home import open_catalog

        catalog, built_with = open_catalog(home / CATALOG_FILE, create, engine)
        return cls(home, catalog, built_with, wait)

    @cached_property
    def engine(self) -> Engine:
        return open_engine(self.engine_name, self.index_dir, self.shards)

    @property
    def index_dir(self) -> Path:
        """The folder of this archive's search index."""
        return self._index_dir(self.engine_name)

    def _index_dir(self, name: str) -> Path:
        return self.home / "index" / name

    @contextmanager
    def _writing(
        self, operation: str, recover: bool = True, wait: float | None = None
    ) -> Iterator[None]:
        """Hold the writer lock (once, however deeply writes nest) and repair a killed run."""
        if self._lock is not None:
            yield
            return
        from archive.indexing.catchup import recover as repair
        from archive.indexing.reattribute import bring_forward

        if self.catalog.read_only:
            raise Unwritable(
                f"{self.home}: this archive cannot be written (read-only media or no "
                f"permission), so `{operation}` cannot run; searching it works. To change it, "
                "copy the folder somewhere writable and use --home"
            )
        lock = WriterLock(self.home, operation)
        lock.acquire(self.wait if wait is None else wait)
        self._lock = lock
        try:
            if recover:
                repair(self)
            bring_forward(self, self._warn)
            yield
        finally:
            self._lock = None
            lock.release()

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.close()
        self.catalog.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------

    @_guarded("indexing")
    def index(
        self,
        paths: Iterable[str | Path],
        on_error: Callable[[IngestError], None] | None = None,
        on_warning: Callable[[str], None] | None = None,
        on_note: Callable[[str], None] | None = None,
        format: str | None = None,
        mapping: dict[str, str] | None = None,
        prune: bool = False,
        on_progress: Callable[[int, int, IndexReport], None] | None = None,
        worker: bool = False,
        encoding: str | None = None,
        strict: bool = False,
    ):
        """Read the files under `paths` into the catalog and bring the index up to date.

        Returns an IndexReport. A file that cannot be read goes to `on_error`
        and the batch goes on; bad records to `on_warning`; notes (a superseded
        version, a file skipped as plainly not a document: with `strict` it
        fails instead) to `on_note`, as "PATH: message". `format` forces one
        format, `mapping` maps fields to a table's columns ({"text": "body"}),
        `encoding` decodes files that are not UTF-8 ("cp1252"). Unchanged
        files (by content hash) are skipped; with `prune`, documents of files
        under `paths` that are gone are removed. `on_progress(done, in all,
        report)` after each file. With `worker`, a worker process reads ahead
        (archive.indexing.reading): a script that asks for it must keep its top
        level under `if __name__ == "__main__":`.
        """
        from archive.indexing.run import index_paths
        from archive.ingest import IngestOptions

        options = IngestOptions(format=format, mapping=mapping or {}, encoding=encoding)
        with self._writing("index"):
            return index_paths(
                self, [Path(p) for p in paths], on_error, options, on_warning, on_note, prune,
                on_progress, worker, strict,
            )  # fmt: skip

    @_guarded("storing documents")
    def add(self, documents: Iterable[Document]):
        """Store Documents built in Python (not read from files) and index them.

        Returns an IndexReport; a document already stored is counted unchanged.
        """
        from archive.indexing.run import add_documents

        with self._writing("index"):
            return add_documents(self, list(documents))

    @_guarded("removing")
    def remove(self, targets: Iterable[str | Path]) -> tuple[int, int]:
        """Remove documents by id, and every document of files (or folders) by path.

        Returns (documents, passages) removed. The files are forgotten, so
        indexing them again reads them again; a document another file also
        holds stays. ArchiveError, and nothing removed, if a target names
        nothing in the archive.
        """
        from archive.indexing.run import remove

        with self._writing("remove"):
            return remove(self, [str(t) for t in targets])

    @_guarded("bringing the index up to date")
    def sync(self) -> int:
        """Write to the index what the catalog has and the index lacks; returns passages written.

        A run killed earlier is repaired first (see archive.indexing.catchup).
        """
        from archive.indexing.catchup import sync

        with self._writing("index"):
            return sync(self)

    @_guarded("importing people")
    def import_people(
        self, paths: Iterable[str | Path], on_note: Callable[[str], None] | None = None
    ) -> PeopleImport:
        """Load member lists and person -> party tables into the registry, resolve
        speakers again, and bring the index up to date.

        Returns what changed: people added and updated, rows that named nobody
        known, passages whose speaker changed and passages whose party changed.
        A path that does not exist, or a file named that it cannot use, is an
        ArchiveError naming it, and nothing is loaded; a file in a folder that
        it cannot use, and a folder with no files, are told to `on_note` as
        "PATH: message".
        """
        from archive.speakers.party_tables import read_people_files

        records = read_people_files([Path(p) for p in paths], on_note)
        with self._writing("people import"):
            with self.catalog.transaction():
                before = self.catalog.passage_parties()
                added, updated, unmatched = self.catalog.people.import_records(records)
                speakers = self.catalog.resolve_speakers_again()
                after = self.catalog.passage_parties()
                parties = [i for i, party in after.items() if before.get(i) != party]
                self.catalog.reindex_passages(parties)
            self.sync()
        return PeopleImport(added, updated, unmatched, speakers, len(parties))

    @_guarded("rebuilding the index")
    def reindex(self, engine: str | None = None, shards: str | None = None) -> int:
        """Rebuild the index from the catalog, with `engine` if given; returns passages indexed.

        `shards` ("HOST:PORT,...") puts a xapian index on xapian-tcpsrv servers; naming
        the engine without shards makes it local.

        Sources and houses are named anew first, as reading names them now
        (archive.ingest.sources), so rules that changed reach older documents.

        Switching engines drops the old engine's index once the new one is
        built; a switch killed half way is finished by the next write.
        """
        from archive.indexing.catchup import rebuild_switching

        if engine is not None and engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r} (known: {', '.join(sorted(ENGINES))})")
        with self._writing("reindex", recover=False):
            with self.catalog.transaction():
                self.catalog.settle_sources()  # as reading names them now
            return rebuild_switching(self, engine, shards)

    # -- reading ------------------------------------------------------------

    _ready_checked = False

    def refresh(self) -> None:
        """For an Archive kept open (`archive serve`): see what other processes committed."""
        if self.catalog.changed_elsewhere():
            self._ready_checked = False
            engine = self.__dict__.pop("engine", None)
            if engine is not None:  # opened anew: cheap, and right after a rebuild too
                engine.close()

    def interrupt(self) -> None:
        """Stop the catalog query another thread is running (for a caller that gave up)."""
        self.catalog.conn.interrupt()

    def _ready(self) -> None:
        """Before answering from the index: see archive.indexing.health.make_ready."""
        if not self._ready_checked:
            busy = functools.partial(writer_busy, self.home)
            rebuilding = functools.partial(self._writing, "reindex", recover=False, wait=0)
            self._ready_checked = health.make_ready(self, self._warn, busy, rebuilding)

    @_guarded("searching")
    def search(
        self,
        query: str = "",
        *,
        sort: str | None = None,
        limit: int = 10,
        offset: int = 0,
        group: str | None = None,
        width: int = highlight.DEFAULT_WIDTH,
        **filters,
    ) -> SearchResult:
        """Passages matching `query` and every filter given.

        Filters (keyword arguments): speakers, since, until, sources, kinds,
        parties -- see `Filters`. Speakers match by name, surname, alias, id
        or office; dates are inclusive YYYY, YYYY-MM or YYYY-MM-DD. The
        default sort is relevance, or newest first when there are no query
        words. `group="document"` gives one result per document, its best
        passages in `Hit.more`, and `total` counts documents.
        """
        self._ready()
        plan = searching.plan(self.catalog, query, Filters(**filters), sort, self._warn)
        if group is None:
            return searching.run(self.catalog, self.engine, plan, limit, offset, width)
        if group != "document":
            raise UsageError(f"unknown grouping {group!r} (use document)")
        return searching.run_grouped(self.catalog, self.engine, plan, limit, offset, width)

    @_guarded("exporting")
    def export(
        self, query: str = "", *, sort: str | None = None, width: int = highlight.DEFAULT_WIDTH,
        **filters,
    ) -> Iterator[Hit]:  # fmt: skip
        """Every matching passage, streamed oldest first (newest first with sort="newest")."""
        self._ready()
        plan = searching.plan(self.catalog, query, Filters(**filters), sort, self._warn)
        return searching.stream(self.catalog, self.engine, plan, width)

    @_guarded("counting speakers")
    def speakers(self, query: str = "", *, name: str | None = None, **filters) -> list[dict]:
        """Who says it most: people ranked by passages matching `query` and the filters.

        With no query and no filters, everyone who speaks in the archive.
        `name` narrows the list to the people it names.
        """
        self._ready()
        tree = MatchAll()
        if query or Filters(**filters):
            tree = searching.plan(self.catalog, query, Filters(**filters), None, self._warn).full
        counts = self.engine.count_by_speaker(tree)
        if name:
            wanted_ids = self.catalog.people.ids_named(name)
            counts = {pid: c for pid, c in counts.items() if pid in wanted_ids}
        from archive.search.counts import speaker_counts

        return speaker_counts(self.catalog, counts)

    @_guarded("reading the registry")
    def people(self, pattern: str | None = None) -> list[dict]:
        """People in the registry (those `pattern` names, as --speaker or a part of a
        name), those who speak most first, with passage counts and first/last date."""
        from archive.search.people import people_list

        return people_list(self.catalog, pattern)

    @_guarded("counting by date")
    def timeline(
        self, query: str = "", *, by: str = "month", most: int | None = None, **filters
    ) -> list[Bucket]:
        """Matching passages per period (day, week, month, year) and kind, zeros included,
        from `since` (else the first match) to `until` (else the last). With `most`, a longer
        period than `by` when `by` would give more rows than that."""
        self._ready()
        from archive.search.counts import PERIODS, fitting_period, timeline

        if by not in PERIODS:
            raise UsageError(f"unknown period {by!r} (use {', '.join(PERIODS)})")
        chosen = Filters(**filters)
        plan = searching.plan(self.catalog, query, chosen, None, self._warn)
        counts = self.engine.count_by_day(plan.full, "day" if most else by)
        since, until = chosen.bounds()
        if most:
            by = fitting_period(counts, by, since, until, most)
        return timeline(counts, by, since, until)

    @_guarded("tracing a quote")
    def trace(self, quote: str, *, limit: int = 20, min_similarity: float | None = None, **filters):
        """Where `quote` was said: a Trace (matches best first, `first`, `misattributed`);
        filters as for search. See archive.search.trace."""
        from archive.search import trace as tracing

        self._ready()
        least = tracing.DEFAULT_MIN_SIMILARITY if min_similarity is None else min_similarity
        return tracing.trace(
            self.catalog, self.engine, quote, Filters(**filters), limit, least, self._warn
        )

    @_guarded("relating a document")
    def related(self, doc_id: str, days: int = 7) -> dict:
        """For a story, its quotes traced to Hansard and the debates of +-`days` days sharing
        its words and people; for a debate, the stories quoting it (archive.search.related)."""
        from archive.search.related import related

        self._ready()
        return related(self.catalog, self.engine, doc_id, days)

    @_guarded("reading a document")
    def show(self, doc_id: str) -> dict:
        """A document with its passages in order; ArchiveError if there is none.

        A passage's id (abc123.4) shows its document with that passage
        `marked` (the key holds its id; None when a document's id is given).
        """
        from archive.search.document import document_named

        return document_named(self.catalog, doc_id)

    @_guarded("citing a passage")
    def cite(self, passage_id: str, style: str | None = None) -> str:
        """A citation of the passage: style "hansard" (the default for Hansard: "HC Deb 18
        October 2016, vol 615, col 123, Boris Johnson"), "apa" (the default for news) or
        "bibtex"; ArchiveError if there is no such passage (see archive.search.citation)."""
        from archive.search.citation import cite_passage

        return cite_passage(self.catalog, passage_id, style)

    @_guarded("reading a person")
    def person(self, who: int | str) -> dict:
        """One person's record: names over time, parties, offices, houses, ids, passages
        (counts by kind, first and last day). `who` is a person id (Hit.speaker_id), or a
        ParlParse id or a name that names one person; NotFound if none."""
        from archive.search.people import find_person, person_record

        self._ready()
        person_id = who if isinstance(who, int) else find_person(self.catalog, who)
        found = person_record(self.catalog, self.engine, person_id)
        if found is None:
            raise NotFound(f"no person {person_id} in the archive")
        return found

    @_guarded("suggesting speakers")
    def suggest_speakers(self, text: str, limit: int = 10) -> list[str]:
        """Names and offices containing `text`, people who speak in the archive first."""
        return self.catalog.people.names_like(text, limit) if text.strip() else []

    @_guarded("checking the archive")
    def check(self) -> dict:
        """The catalog's integrity, the index against the catalog, and listed files that are
        gone (see archive.indexing.health.check); `sound` says whether all is well."""
        return health.check(self) | {"home": str(self.home), "engine": self.engine_name}

    @_guarded("backing up the catalog")
    def backup(self, dest: str | Path) -> Path:
        """Copy the catalog to `dest` (a file, or a folder to put catalog.sqlite in), consistent
        even while others search or write; returns the file written. The index is not copied:
        `archive reindex` rebuilds it from the catalog."""
        return self.catalog.backup_to(Path(dest).expanduser())

    @_guarded("counting")
    def stats(self) -> dict:
        """Counts of documents, passages, kinds, sources and speakers, and the date range."""
        state = health.look(self)
        index = {"problem": state.problem, "indexed": state.indexed, "waiting": state.waiting}
        if state.problem:
            index["message"] = state.describe(self.index_dir)
        shards = {"shards": dict(self.engine.shard_counts())} if self.shards else {}
        return self.catalog.stats() | shards | {
            "engine": self.engine_name, "indexed": state.indexed, "index": index,
        }  # fmt: skip
