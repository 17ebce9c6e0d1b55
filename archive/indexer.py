"""Files -> ingest -> catalog -> index, one file at a time, one transaction per file.

Crash safety. The catalog (SQLite) is the source of truth and every change
to it is one transaction: a file's documents, a removal, a prune. The index
is derived from it: passages with `in_index = 0` and the ids in
`pending_removals` are what the engine still lacks, and `sync` writes them
in batches, committing the engine before marking the batch done in the
catalog. Writing a document replaces its earlier copy, so redoing a batch
is harmless. A run killed anywhere thus leaves a catalog that says what the
index may lack, and the next writer (under the lock, see archive.lock)
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

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArchiveError, EngineError, IngestError, UsageError
from .model import Document
from .query import FieldIn

if TYPE_CHECKING:
    from .api import Archive
    from .ingest import IngestOptions

log = logging.getLogger("archive.index")

# Bring the index up to date every so often, so a long run is searchable as
# it goes and a killed run leaves little for the next to redo.
SYNC_EVERY_DOCUMENTS = 5000
SYNC_EVERY_SECONDS = 60.0

GENERATION = "index_generation"  # catalog meta: the last engine commit the catalog recorded
IN_FLIGHT = "index_in_flight"  # catalog meta: documents of the batch being written, not yet there
STAMP_FILE = ".generation"  # in the index directory: the last generation committed


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    copies: int = 0
    older: int = 0
    bad_records: int = 0
    passages: int = 0
    files: int = 0
    failed: list[IngestError] = field(default_factory=list)

    def summary(self) -> str:
        extra = "".join(
            f", {count} {what}"
            for count, what in (
                (self.copies, "kept as copies of stored stories"),
                (self.older, "older versions skipped"),
            )
            if count
        )
        bad = f", {self.bad_records} bad records skipped" if self.bad_records else ""
        return (
            f"{self.files} files: {self.added} documents added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed{extra} "
            f"({self.passages} passages written); {len(self.failed)} files failed{bad}"
        )


def document_id(doc: Document) -> str:
    """A document's id: a hash of its content and facts.

    The same story read twice is stored once; a story whose text or facts
    (say, its sidecar's date) changed is a new document that replaces the old.
    """
    digest = hashlib.sha256()
    facts = (doc.kind, doc.title, doc.source, doc.url, doc.date, *doc.authors)
    for part in (*facts, *(p.text for p in doc.passages), *(p.speaker for p in doc.passages)):
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def index_paths(
    archive: Archive,
    paths: list[Path],
    on_error: Callable[[IngestError], None] | None = None,
    options: IngestOptions | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_note: Callable[[str], None] | None = None,
    prune: bool = False,
) -> IndexReport:
    """Index the files under `paths`; see Archive.index.

    `options.format` and `options.mapping` apply to every file; bad records
    inside a file go to `on_warning` and notes to `on_note`, as "PATH: message".
    With `prune`, documents of files under `paths` that no longer exist are removed.
    """
    from .ingest import (
        IngestOptions,
        discover,
        find_format,
        fingerprint,
        read_bytes,
        read_documents,
    )

    report = IndexReport()
    options = options or IngestOptions()
    if options.format:
        find_format(options.format)  # an unknown format is a usage error before any work
    tell = (on_warning or _ignore, on_note or _ignore)
    catalog = archive.catalog
    pending, last_sync = 0, time.monotonic()
    # With prune, a path that is gone is what to prune, not a file that failed.
    present = [p for p in paths if not prune or os.path.lexists(p)]
    seen: set[str] = set()
    for path in discover(present):
        report.files += 1
        key = path_key(path)
        seen.add(key)
        try:
            data = read_bytes(path)
            sha, size = fingerprint(path, data), len(data)
            known = catalog.source_hash(key)
            if known == sha:
                report.unchanged += len(catalog.doc_ids_for_path(key))
                continue
            docs = list(read_documents(path, data, _options_for(options, key, report, tell)))
        except IngestError as exc:
            _fail(report, on_error, exc)
            continue
        except UsageError:
            raise  # the user's options are wrong for every file, not this one
        except Exception as exc:  # a bug must not stop the batch or show a traceback
            log.debug("reading %s failed", key, exc_info=True)
            reason = f"could not be read ({type(exc).__name__}: {exc})"
            _fail(report, on_error, IngestError(key, reason))
            continue
        with catalog.transaction():
            ids, new = _store(archive, docs, report, key)
            dropped = catalog.unlink_path(key, keep=set(ids))
            # A changed file's new documents replace its old ones: "updated".
            replaced = min(new, dropped)
            report.updated += replaced
            report.added += new - replaced
            report.removed += dropped - replaced
            pending += new
            catalog.record_source(key, sha, size)
        if pending >= SYNC_EVERY_DOCUMENTS or time.monotonic() - last_sync > SYNC_EVERY_SECONDS:
            archive.sync()
            pending, last_sync = 0, time.monotonic()
    if prune:
        _prune(archive, paths, seen, report)
    archive.sync()
    return report


def path_key(path: Path) -> str:
    """How the catalog names a file: its path as given, bytes that are not UTF-8 as \\xNN.

    (SQLite takes only UTF-8 text, and a name may be any bytes.)
    """
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text


def _prune(archive: Archive, paths: list[Path], seen: set[str], report: IndexReport) -> None:
    """Remove what the catalog has from files under `paths` that are gone, a file at a time."""
    catalog = archive.catalog
    for key in sorted(paths_under(catalog.known_paths(), paths) - seen):
        if not os.path.exists(key):
            with catalog.transaction():
                report.removed += catalog.forget_path(key)


def paths_under(keys: Iterable[str], roots: Iterable[str | Path]) -> set[str]:
    """The stored file paths in `keys` that are one of `roots` or inside one.

    Paths are stored as they were named, relative ones to the folder the
    index ran in, so both sides are made absolute from this folder.
    """
    wanted = [os.path.abspath(root) for root in roots]
    prefixes = tuple(root.rstrip(os.sep) + os.sep for root in wanted)
    found = set()
    for key in keys:
        full = os.path.abspath(key)
        if full in wanted or full.startswith(prefixes):
            found.add(key)
    return found


def remove(archive: Archive, targets: Iterable[str]) -> tuple[int, int]:
    """Remove documents by id, and every document of files by path (a folder: the files in it).

    Returns (documents, passages) removed. The files are forgotten, so a
    later index of them reads them again; a document that another file also
    holds stays, with that file. Nothing is removed if a target names
    nothing in the archive.
    """
    catalog = archive.catalog
    doc_ids: list[str] = []
    paths: set[str] = set()
    missing = []
    known = None
    for target in targets:
        doc_id = _document_named(catalog, target)
        if doc_id is not None:
            doc_ids.append(doc_id)
            continue
        known = catalog.known_paths() if known is None else known
        found = paths_under(known, [target])
        if not found:
            missing.append(target)
        paths |= found
    if missing:
        names = ", ".join(repr(m) for m in missing)
        raise ArchiveError(f"no document id or indexed file or folder is {names}")
    before = catalog.document_count(), catalog.passage_count()
    for doc_id in dict.fromkeys(doc_ids):
        with catalog.transaction():
            for path in catalog.document_paths(doc_id):
                catalog.forget_source(path)
            catalog.remove_document(doc_id)
    for path in sorted(paths):
        with catalog.transaction():
            catalog.forget_path(path)
    archive.sync()
    return before[0] - catalog.document_count(), before[1] - catalog.passage_count()


def _document_named(catalog, target: str) -> str | None:
    """The stored document `target` names by its id (or one of its passages' ids)."""
    for candidate in (target, target.rsplit(".", 1)[0]):
        if candidate and catalog.has_document(candidate):
            return candidate
    return None


def add_documents(archive: Archive, docs: list[Document]) -> IndexReport:
    """Store Documents made in Python (no source file), then bring the index up to date."""
    report = IndexReport()
    with archive.catalog.transaction():
        _, report.added = _store(archive, docs, report, None)
    archive.sync()
    return report


# -- the index catches up with the catalog ----------------------------------


def sync(archive: Archive) -> int:
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


def _catch_up(archive: Archive) -> int:
    catalog, engine = archive.catalog, archive.engine
    written = 0
    removals = catalog.pending_removals()
    if removals:
        generation = _generation(catalog) + 1
        engine.write([], removals)
        _write_stamp(archive, generation)
        with catalog.transaction():
            catalog.clear_removals(removals)
            catalog.set_meta(GENERATION, str(generation))
    for batch in catalog.unindexed_documents():
        doc_ids = sorted({row.doc_id for row in batch})
        generation = _generation(catalog) + 1
        present = {pid.rsplit(".", 1)[0] for pid in engine.iter_ids(FieldIn("doc_id", doc_ids))}
        with catalog.transaction():
            catalog.set_meta(IN_FLIGHT, json.dumps(sorted(set(doc_ids) - present)))
        engine.write(batch)
        _write_stamp(archive, generation)
        with catalog.transaction():
            catalog.mark_indexed(doc_ids)
            catalog.set_meta(GENERATION, str(generation))
            catalog.delete_meta(IN_FLIGHT)
        written += len(batch)
    return written


def recover(archive: Archive) -> None:
    """Put right what a killed writer left: see the module's docstring. Call under the lock."""
    catalog = archive.catalog
    try:
        archive.engine  # noqa: B018 -- opening it is the check
    except EngineError as exc:  # e.g. built by a version of archive with other fields
        log.warning("%s; rebuilding it", str(exc).split(" (run `archive reindex`")[0])
        rebuild(archive)
        return
    stamp = _read_stamp(archive)
    if catalog.get_meta(GENERATION) is None:
        # A new archive, or one made before generations: its index is taken as it is.
        with catalog.transaction():
            catalog.set_meta(GENERATION, str(stamp))
    generation = _generation(catalog)
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


def _written(archive: Archive, note: str | None) -> set[str]:
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


def rebuild(archive: Archive, engine_name: str | None = None) -> int:
    """Build the index anew from the catalog, switching to `engine_name` if given.

    The generation goes up before anything is cleared, so that a rebuild
    killed half way is started again by the next writer.
    """
    catalog = archive.catalog
    generation = max(_generation(catalog), _read_stamp(archive)) + 1
    with catalog.transaction():
        catalog.mark_all_unindexed()
        catalog.delete_meta(IN_FLIGHT)
        catalog.set_meta(GENERATION, str(generation))
        if engine_name is not None:
            catalog.set_meta("engine", engine_name)
    try:
        engine = archive.engine
    except EngineError:  # an index too damaged to open is cleared by hand
        import shutil

        shutil.rmtree(archive.index_dir, ignore_errors=True)
        engine = archive.engine
    engine.clear()
    _write_stamp(archive, generation)
    return _catch_up(archive)


def _generation(catalog) -> int:
    try:
        return int(catalog.get_meta(GENERATION) or 0)
    except ValueError:
        return 0


def _read_stamp(archive: Archive) -> int:
    """The generation the index directory says it holds; 0 if it says none."""
    try:
        return int((archive.index_dir / STAMP_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


def _write_stamp(archive: Archive, generation: int) -> None:
    # Written aside and renamed over, so the file is always whole.
    path = archive.index_dir / STAMP_FILE
    temporary = path.with_name(f"{STAMP_FILE}.{os.getpid()}")
    temporary.write_text(f"{generation}\n")
    os.replace(temporary, path)


def _store(archive: Archive, docs: list[Document], report: IndexReport, path: str | None):
    """Add the documents the catalog lacks; returns (their ids, how many were new).

    A later version of a stored record replaces it (counted updated) and an
    older one is skipped; a news story the catalog already holds in another
    copy is kept as a copy of it.
    """
    from . import copies

    catalog = archive.catalog
    ids = [document_id(doc) for doc in docs]
    # A changed file's old documents are being replaced, not copied.
    replacing = catalog.doc_ids_for_path(path) if path is not None else set()
    new = 0
    for doc_id, doc in zip(ids, docs, strict=True):
        if catalog.has_copy(doc_id):
            report.unchanged += 1  # a known copy keeps the path it was first read from
            continue
        if catalog.has_document(doc_id):
            report.unchanged += 1
        elif doc.ref and not _replace_versions(catalog, doc, report):
            report.older += 1
            continue
        else:
            body = copies.body_of(doc)
            original = copies.find_original(catalog.conn, doc, body, replacing) if body else None
            if original is not None:
                catalog.add_copy(original[0], doc_id, doc, path, original[1])
                report.copies += 1
                continue
            report.passages += catalog.add_document(
                doc_id, doc, body.hash if body else None, body.signature if body else None
            )
            if body:
                copies.remember(catalog.conn, doc_id, body)
            new += 1
        if path is not None:
            catalog.link(doc_id, path)
    return ids, new


def _replace_versions(catalog, doc: Document, report: IndexReport) -> bool:
    """Remove stored versions of `doc`'s record older than it; False if a newer one is stored."""
    stored = catalog.versions(doc.ref)
    if any(_later(version, doc.version) for _, version in stored):
        return False
    for old_id, _ in stored:
        catalog.remove_document(old_id)
        report.updated += 1
        report.added -= 1  # the new version is counted as added by the caller
    return True


def _later(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and (len(a), a) > (len(b), b)


def _ignore(message: str) -> None:
    pass


def _options_for(options, path: str, report: IndexReport, tell) -> IngestOptions:
    on_warning, on_note = tell

    def warn(message: str) -> None:
        report.bad_records += 1
        on_warning(f"{path}: {message}")

    def note(message: str) -> None:
        on_note(f"{path}: {message}")

    return replace(options, warn=warn, note=note)


def _fail(report: IndexReport, on_error, error: IngestError) -> None:
    report.failed.append(error)
    if on_error is not None:
        on_error(error)
