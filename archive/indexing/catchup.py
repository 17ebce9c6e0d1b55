"""The index catches up with the catalog, and a killed writer's work is repaired.

Crash safety. The catalog (SQLite) is the source of truth and every change
to it is one transaction: a file's documents, a removal, a prune. The index
is derived from it: passages with `in_index = 0` and the ids in
`pending_removals` are what the engine still lacks, and `sync` writes them
in batches, committing the engine before marking the batch done in the
catalog. Writing a document replaces its earlier copy, so redoing a batch
is harmless. A run killed anywhere thus leaves a catalog that says what the
index may lack, and the next writer (under the lock, see archive.indexing.lock)
finishes the job; searches meanwhile see the last commit of each.

Two things make the repair exact rather than roughly right:

- Generations. The catalog's meta `index_generation` counts the engine
  commits it has recorded; after each commit the index directory's
  `.generation` file says which generation the index holds. Written after
  the engine commits and before the catalog records it, the file is the
  catalog's count or one more. Anything else (the index deleted, restored
  from a backup, left half-cleared by a killed reindex) means the index is
  not what the catalog thinks, and the next writer rebuilds it from the
  catalog. A rebuild raises the generation before it clears anything, so a
  killed rebuild is started again. As a last check, after a sync the index
  must hold as many passages as the catalog, or it is rebuilt.
- The batch in flight. Before a batch is written, the catalog notes which of
  its documents the index lacks. If the run dies after the engine committed
  but before the catalog marked the batch done, those documents are found
  in the index and marked done rather than written again: a rewrite would
  leave deleted copies behind, which shift relevance scores (both engines
  count them in term statistics until segments merge), and the archive
  would rank differently from one built without the crash.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from archive.errors import EngineError, ShardUnreachable
from archive.query.tree import FieldIn

if TYPE_CHECKING:
    from archive.engine import Engine
    from archive.store.catalog import Catalog


class Target(Protocol):
    """What a run writes into: the catalog, the engine of the index (opened when
    first asked for, so that an index that cannot be opened can be rebuilt) and
    the index's folder. archive.api.Archive is one; indexing never imports it."""

    catalog: Catalog

    @property
    def engine(self) -> Engine: ...

    @property
    def index_dir(self) -> Path: ...


log = logging.getLogger("archive.index")

GENERATION = "index_generation"  # catalog meta: the last engine commit the catalog recorded
IN_FLIGHT = "index_in_flight"  # catalog meta: documents of the batch being written, not yet there
SHARDS = "index_shards"  # catalog meta: "HOST:PORT,..." of a sharded index, else absent
STAMP_FILE = ".generation"  # in the index directory: the last generation committed
# A batch: whole documents, up to this many of them and about this many passages.
BATCH_DOCUMENTS = 1000
BATCH_PASSAGES = 10_000
# A run writes a batch as soon as it has read one, and at least this often, so a
# long run is searchable as it goes and a killed run leaves little for the next.
SYNC_EVERY_SECONDS = 60.0


def sync(archive: Target) -> int:
    """Write to the index what the catalog has and the index lacks; returns passages written.

    Call under the writer lock, after `recover`.
    """
    written = _catch_up(archive)
    indexed, stored = archive.engine.count(), archive.catalog.passage_count()
    if indexed != stored:
        log.warning(
            "the search index holds %d passages where the catalog has %d; rebuilding it",
            indexed, stored,
        )  # fmt: skip
        written = rebuild(archive)
    return written


def _catch_up(archive: Target) -> int:
    _remove_pending(archive)
    written = 0
    while (flight := launch(archive)) is not None:
        written += flight.land()
    return written


def _remove_pending(archive: Target) -> None:
    """Take the documents removed from the catalog out of the index."""
    catalog = archive.catalog
    removals = catalog.pending_removals()
    if removals:
        generation = generation_of(catalog) + 1
        archive.engine.write([], removals)
        _write_stamp(archive, generation)
        with catalog.transaction():
            catalog.clear_removals(removals)
            catalog.set_meta(GENERATION, str(generation))


def launch(archive: Target) -> Flight | None:
    """Start writing the next batch the index lacks (see Flight); None if it lacks nothing.

    Call with no other flight in the air: its documents are not yet marked indexed.
    """
    catalog, engine = archive.catalog, archive.engine
    doc_ids, passages = catalog.unindexed_batch(BATCH_DOCUMENTS, BATCH_PASSAGES)
    if not doc_ids:
        return None
    doc_ids.sort()
    present = {pid.rsplit(".", 1)[0] for pid in engine.iter_ids(FieldIn("doc_id", doc_ids))}
    with catalog.transaction():
        catalog.set_meta(IN_FLIGHT, json.dumps(sorted(set(doc_ids) - present)))
    flight = Flight(archive, doc_ids, passages)
    flight.start()
    return flight


class Flight:
    """One batch of documents on its way into the index.

    An engine that indexes and commits without holding Python's global lock
    (tantivy) is given the batch in a thread of its own, so that the run
    reads the next files meanwhile; any other engine writes it at once. The
    writing reads the batch through a catalog connection of its own and
    ends with the index's stamp; `land`, back in the run's thread, records
    the batch in the catalog. The steps keep the order the module's
    docstring gives, so a kill at any moment is repaired the same way.
    """

    def __init__(self, archive: Target, doc_ids: list[str], passages: int):
        self.archive, self.doc_ids, self.passages = archive, doc_ids, passages
        self.generation = generation_of(archive.catalog) + 1
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.archive.engine.writes_in_background:
            self.thread = threading.Thread(target=self._write, name="archive-index-writer")
            self.thread.start()
        else:
            self._write()

    def _write(self) -> None:
        from archive.store.catalog import Catalog

        try:
            reader = Catalog.reader(self.archive.catalog.path)
            try:
                self.archive.engine.write(reader.document_rows(self.doc_ids))
            finally:
                reader.close()
            _write_stamp(self.archive, self.generation)
        except BaseException as exc:  # raised again in the run's thread, by `wait`
            self.error = exc

    def wait(self) -> None:
        """Wait for the writing to end; raise what it raised."""
        if self.thread is not None:
            self.thread.join()
        if self.error is not None:
            raise self.error

    def land(self) -> int:
        """Wait for the batch and record it in the catalog; returns its passage count."""
        self.wait()
        catalog = self.archive.catalog
        with catalog.transaction():
            catalog.mark_indexed(self.doc_ids)
            catalog.set_meta(GENERATION, str(self.generation))
            catalog.delete_meta(IN_FLIGHT)
        return self.passages


class CatchingUp:
    """Keeps the index catching up while a run reads files, one batch in flight at a time.

    A batch is launched once the run has read a batch's worth of documents,
    after the one before it has landed and removals were made. What decides
    the batches is what was read, not how fast, so two runs over the same
    files lay out the same index; only a run reading slower than a batch a
    minute (SYNC_EVERY_SECONDS) launches smaller batches, to stay searchable.
    Leaving the block lands the last batch, or, on an exception, waits for
    its writing and leaves the record to the next writer's repair.
    """

    def __init__(self, archive: Target):
        self.archive = archive
        self.flight: Flight | None = None
        self.documents = self.passages = 0  # read and not yet in a batch
        self.since = time.monotonic()

    def added(self, documents: int, passages: int) -> None:
        """The run stored these many new documents and passages."""
        self.documents += documents
        self.passages += passages
        full = self.documents >= BATCH_DOCUMENTS or self.passages >= BATCH_PASSAGES
        late = self.documents and time.monotonic() - self.since > SYNC_EVERY_SECONDS
        if not (full or late):
            return
        self._land()
        _remove_pending(self.archive)
        self.flight = launch(self.archive)
        if self.flight is None:
            self.documents = self.passages = 0
        else:
            self.documents = max(0, self.documents - len(self.flight.doc_ids))
            self.passages = max(0, self.passages - self.flight.passages)
        self.since = time.monotonic()

    def _land(self) -> None:
        flight, self.flight = self.flight, None
        if flight is not None:
            flight.land()

    def __enter__(self) -> CatchingUp:
        return self

    def __exit__(self, kind: type | None, *rest: object) -> None:
        if kind is None:
            self._land()
        elif self.flight is not None and self.flight.thread is not None:
            self.flight.thread.join()  # the lock must not be let go while it writes


def recover(archive: Target) -> None:
    """Put right what a killed writer left: see the module's docstring. Call under the lock."""
    catalog = archive.catalog
    try:
        archive.engine  # noqa: B018 -- opening it is the check
    except ShardUnreachable:
        raise  # a server to start, not an index to rebuild
    except EngineError as exc:  # e.g. built by a version of archive with other fields
        log.warning("%s; rebuilding it", str(exc).split(" (run `archive reindex`")[0])
        rebuild(archive)
        return
    stamp = read_stamp(archive)
    if catalog.get_meta(GENERATION) is None:
        # A new archive, or one made before generations: its index is taken as it is.
        with catalog.transaction():
            catalog.set_meta(GENERATION, str(stamp))
    generation = generation_of(catalog)
    if stamp not in (generation, generation + 1):
        where = "behind" if stamp < generation else "ahead of"
        log.warning("the search index is %s the catalog; rebuilding it", where)
        rebuild(archive)
        return
    note = catalog.get_meta(IN_FLIGHT)
    if note is None and stamp == generation:
        return
    written = _written(archive, note)
    with catalog.transaction():
        catalog.mark_indexed(written)
        catalog.delete_meta(IN_FLIGHT)
        catalog.set_meta(GENERATION, str(stamp))


def _written(archive: Target, note: str | None) -> set[str]:
    """The documents of the batch in flight, new to the index then, that it now holds whole."""
    try:
        doc_ids = json.loads(note) if note else []
    except ValueError:
        return set()
    wanted = archive.catalog.unindexed_passage_ids(str(d) for d in doc_ids)
    if not wanted:
        return set()
    have = set(archive.engine.iter_ids(FieldIn("doc_id", tuple(wanted))))
    return {doc_id for doc_id, ids in wanted.items() if ids <= have}


def rebuild_switching(archive, engine: str | None, shards: str | None = None) -> int:
    """`archive reindex`: rebuild, with `engine` if it is another (whose old index is then
    dropped; a switch killed half way is finished by the next write), and on `shards`
    ("HOST:PORT,...": a xapian index on xapian-tcpsrv servers) if given; naming the
    engine without shards makes it local."""
    from archive.engine import ENGINES, SHARDED
    from archive.engine.shards import parse_shards
    from archive.errors import UsageError

    old = archive.engine_name
    switch = engine is not None and engine != old
    if shards or engine is not None:
        layout = ",".join(map(str, parse_shards(shards))) or None
        if layout and (engine or old) not in SHARDED:
            raise UsageError(f"only {', '.join(SHARDED)} can be sharded: add --engine")
        if layout != archive.shards and "engine" in archive.__dict__:
            archive.__dict__.pop("engine").close()
        archive.shards = layout
    if switch:
        if engine not in ENGINES:
            known = ", ".join(sorted(ENGINES))
            raise UsageError(f"unknown engine {engine!r} (known: {known})")
        if "engine" in archive.__dict__:
            archive.engine.close()
            del archive.__dict__["engine"]
        archive.engine_name = engine
    written = rebuild(archive, engine if switch else None)
    if switch:
        import shutil

        shutil.rmtree(archive._index_dir(old), ignore_errors=True)
    return written


def rebuild(archive: Target, engine_name: str | None = None) -> int:
    """Build the index anew from the catalog, switching to `engine_name` if given.

    The generation goes up before anything is cleared, so that a rebuild
    killed half way is started again by the next writer.
    """
    catalog = archive.catalog
    generation = max(generation_of(catalog), read_stamp(archive)) + 1
    with catalog.transaction():
        catalog.mark_all_unindexed()
        catalog.delete_meta(IN_FLIGHT)
        catalog.set_meta(GENERATION, str(generation))
        if engine_name is not None:
            catalog.set_meta("engine", engine_name)
        if getattr(archive, "shards", None):  # where a sharded index lives
            catalog.set_meta(SHARDS, archive.shards)
        else:
            catalog.delete_meta(SHARDS)
    try:
        engine = archive.engine
    except ShardUnreachable:
        raise
    except EngineError:  # an index too damaged to open is cleared by hand
        import shutil

        shutil.rmtree(archive.index_dir, ignore_errors=True)
        engine = archive.engine
    engine.clear()
    _write_stamp(archive, generation)
    written = _catch_up(archive)
    engine.compact()
    return written


def generation_of(catalog) -> int:
    try:
        return int(catalog.get_meta(GENERATION) or 0)
    except ValueError:
        return 0


def read_stamp(archive: Target) -> int:
    """The generation the index directory says it holds; 0 if it says none."""
    try:
        return int((archive.index_dir / STAMP_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


def _write_stamp(archive: Target, generation: int) -> None:
    # Written aside and renamed over, so the file is always whole.
    path = archive.index_dir / STAMP_FILE
    path.parent.mkdir(parents=True, exist_ok=True)  # an index on shards has no folder of its own
    temporary = path.with_name(f"{STAMP_FILE}.{os.getpid()}")
    temporary.write_text(f"{generation}\n")
    os.replace(temporary, path)
