"""Files -> ingest -> catalog, one file at a time, one transaction per file.

The catalog is the source of truth; the index catches up with it every so
often during a run and at its end (archive.indexing.catchup, which also says how a
killed run is repaired).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import EMPTY_FOLDER, ArchiveError, IngestError, NotADocument, UsageError
from archive.indexing.catchup import CatchingUp, Target, sync
from archive.indexing.paths import path_key, paths_under
from archive.indexing.reading import Parsed, Reader
from archive.model import Document

if TYPE_CHECKING:
    from archive.ingest import IngestOptions

log = logging.getLogger("archive.index")


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # documents of this file already stored from it
    removed: int = 0
    repeats: int = 0  # the same document read again: from another file or the same one
    copies: int = 0
    promoted: int = 0  # better-described copies that took a stored story's place
    older: int = 0
    bad_records: int = 0
    passages: int = 0
    files: int = 0
    failed: list[IngestError] = field(default_factory=list)
    skipped: list[NotADocument] = field(default_factory=list)  # plainly not documents

    def summary(self) -> str:
        """The run on one line; the counts after "removed" and after "failed" only when not 0."""
        extra = (
            _some(self.repeats, "repeat of a stored document", "repeats of stored documents")
            + _some(
                self.copies, "kept as a copy of a stored story", "kept as copies of stored stories"
            )
            + _some(
                self.promoted,
                "better-described copy took a stored story's place",
                "better-described copies took a stored story's place",
            )
            + _some(self.older, "older version skipped", "older versions skipped")
        )
        tail = _some(len(self.skipped), "skipped (not a document)", "skipped (not documents)")
        tail += _some(self.bad_records, "bad record skipped", "bad records skipped")
        return (
            f"{_count(self.files, 'file', 'files')}: "
            f"{_count(self.added, 'document added', 'documents added')}, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed{extra} "
            f"({_count(self.passages, 'passage written', 'passages written')}); "
            f"{_count(len(self.failed), 'file failed', 'files failed')}{tail}"
        )


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _some(count: int, one: str, many: str) -> str:
    return f", {_count(count, one, many)}" if count else ""


def document_id(doc: Document) -> str:
    """A document's id: a hash of its content and facts.

    The same story read twice is stored once; a story whose text or facts
    (say, its sidecar's date) changed is a new document that replaces the old.
    The facts are those stored, with the source named as reading names it
    (archive.ingest.sources), however the Document was made.
    """
    from archive.ingest.sources import settle

    doc = settle(doc)
    digest = hashlib.sha256()
    facts = (doc.kind, doc.title, doc.source, doc.url, doc.date, *doc.authors)
    for part in (*facts, *(p.text for p in doc.passages), *(p.speaker for p in doc.passages)):
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def index_paths(
    archive: Target,
    paths: list[Path],
    on_error: Callable[[IngestError], None] | None = None,
    options: IngestOptions | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_note: Callable[[str], None] | None = None,
    prune: bool = False,
    on_progress: Callable[[int, int, IndexReport], None] | None = None,
    worker: bool = False,
    strict: bool = False,
) -> IndexReport:
    """Index the files under `paths`; see Archive.index.

    `options.format`, `.mapping` and `.encoding` apply to every file; bad records
    inside a file go to `on_warning` and notes to `on_note`, as "PATH: message".
    A file that is plainly not a document (NotADocument) is a note, "PATH: skipped:
    reason", and counted in `skipped`; with `strict` it fails like any bad file.
    A folder with nothing to read in it is a note too.
    With `prune`, documents of files under `paths` that no longer exist are removed.
    """
    from archive.ingest import IngestOptions, discover, find_format
    from archive.ingest.text import check_encoding

    options = options or IngestOptions()
    # An unknown format or encoding is a usage error before any work.
    if options.format:
        find_format(options.format)
    if options.encoding:
        check_encoding(options.encoding)
    # With prune, a path that is gone is what to prune, not a file that failed.
    present = [p for p in paths if not prune or os.path.lexists(p)]
    run = _Run(archive, on_error, on_warning or _ignore, on_note or _ignore, strict)
    paths_found = list(discover(present))
    for path in present:
        if path.is_dir() and not any(found.is_relative_to(path) for found in paths_found):
            run.on_note(f"{path_key(path)}: {EMPTY_FOLDER}")
    worker = worker and Reader.worth_a_worker(paths_found)
    with Reader(options, worker) as reader, CatchingUp(archive) as up:
        for done, (file, parsed) in enumerate(reader(map(run.look, paths_found)), 1):
            up.added(*run.store(file, parsed))
            if on_progress is not None:
                on_progress(done, len(paths_found), run.report)
    if prune:
        _prune(archive, paths, run.seen, run.report)
    sync(archive)
    return run.report


@dataclass
class _File:
    """A file of the run as looked at before reading: its bytes, if there is reading to do."""

    path: Path
    key: str  # how the catalog names it (see path_key)
    data: bytes | None = None  # None: unchanged since last read, or failed
    sha: str = ""
    size: int = 0
    failure: IngestError | None = None


@dataclass
class _Run:
    """An index run's options and what it has done so far."""

    archive: Target
    on_error: Callable[[IngestError], None] | None
    on_warning: Callable[[str], None]
    on_note: Callable[[str], None]
    strict: bool = False  # a file that is not a document fails instead of being skipped
    report: IndexReport = field(default_factory=IndexReport)
    seen: set[str] = field(default_factory=set)  # the files' catalog keys

    def look(self, path: Path) -> _File:
        """A file's bytes, unless it is unchanged since it was last read or cannot be read."""
        from archive.ingest import fingerprint, read_bytes

        key = path_key(path)
        self.seen.add(key)
        try:
            data = read_bytes(path)
        except IngestError as exc:
            return _File(path, key, failure=exc)
        sha = fingerprint(path, data)
        if self.archive.catalog.source_hash(key) == sha:
            return _File(path, key, sha=sha)
        return _File(path, key, data, sha, len(data))

    def store(self, file: _File, parsed: Parsed | None) -> tuple[int, int]:
        """Store one file's documents in one transaction; returns the new documents and
        passages stored (none if it was unchanged or failed: failures are reported, not
        raised, but for wrong options, which are wrong for every file)."""
        catalog, report, key = self.archive.catalog, self.report, file.key
        report.files += 1
        if file.failure is not None:
            self._fail(file.failure)
            return 0, 0
        if parsed is None:
            report.unchanged += len(catalog.doc_ids_for_path(key))
            return 0, 0
        for message in parsed.warnings:  # bad records skipped, as the file gave them
            report.bad_records += 1
            self.on_warning(f"{key}: {message}")
        for message in parsed.notes:
            self.on_note(f"{key}: {message}")
        if isinstance(parsed.error, UsageError):
            raise parsed.error
        if isinstance(parsed.error, NotADocument) and not self.strict:
            self.report.skipped.append(parsed.error)
            self.on_note(f"{key}: skipped: {parsed.error.reason}")
            # Not a document, so it holds none (what an older run took for one goes).
            with catalog.transaction():
                report.removed += catalog.forget_path(key)
            return 0, 0
        if parsed.error is not None:
            self._fail(parsed.error)
            return 0, 0
        passages = report.passages
        with catalog.transaction():
            ids, new = _store(self.archive, parsed.docs, report, key, parsed.bodies)
            dropped = catalog.unlink_path(key, keep=set(ids))
            # A changed file's new documents replace its old ones: "updated".
            replaced = min(new, dropped)
            report.updated += replaced
            report.added += new - replaced
            report.removed += dropped - replaced
            catalog.record_source(key, file.sha, file.size)
        return new, report.passages - passages

    def _fail(self, error: IngestError) -> None:
        self.report.failed.append(error)
        if self.on_error is not None:
            self.on_error(error)


def _prune(archive: Target, paths: list[Path], seen: set[str], report: IndexReport) -> None:
    """Remove what the catalog has from files under `paths` that are gone, a file at a time."""
    catalog = archive.catalog
    for key in sorted(paths_under(catalog.known_paths(), paths) - seen):
        if not os.path.exists(key):
            with catalog.transaction():
                report.removed += catalog.forget_path(key)


def remove(archive: Target, targets: Iterable[str]) -> tuple[int, int]:
    """Remove documents by id, and every document of files by path (a folder: the files in it).

    Returns (documents, passages) removed. The files are forgotten, so a
    later index of them reads them again. A document that another file also
    holds stays, with that file; one that another file holds a copy of is
    replaced by that copy (the file is read again). Nothing is removed if a
    target names nothing in the archive.
    """
    catalog = archive.catalog
    doc_ids: list[str] = []
    paths: set[str] = set()
    missing = []
    known = None
    for target in targets:
        doc_id = catalog.document_named(target)
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
    held = catalog.copy_paths()
    for path in sorted(paths):
        with catalog.transaction():
            catalog.forget_path(path)
    # A story removed with its files stays while another indexed file holds a copy
    # of it: that file is read again at once, and its copy is stored in its place.
    orphans = held - catalog.copy_paths() - paths
    if orphans:
        index_paths(archive, [Path(p) for p in sorted(orphans) if os.path.isfile(p)])
    sync(archive)
    return before[0] - catalog.document_count(), before[1] - catalog.passage_count()


def add_documents(archive: Target, docs: list[Document]) -> IndexReport:
    """Store Documents made in Python (no source file), then bring the index up to date."""
    from archive.ingest.sources import settle

    docs = [settle(doc) for doc in docs]
    report = IndexReport()
    with archive.catalog.transaction():
        _, report.added = _store(archive, docs, report, None)
    sync(archive)
    return report


def _store(
    archive: Target,
    docs: list[Document],
    report: IndexReport,
    path: str | None,
    bodies: list | None = None,
):
    """Add the documents the catalog lacks; returns (their ids, how many were new).

    `bodies` are the documents' copies.body_of, when the reading already made them.

    A later version of a stored record replaces it (counted updated) and an
    older one is skipped; a news story the catalog already holds in another
    copy is kept as a copy of it. A document read again (in another file, or
    twice in this one) is a repeat: it is linked to this file, not stored again.
    """
    from archive.indexing import copies

    catalog = archive.catalog
    ids = [document_id(doc) for doc in docs]
    # A changed file's old documents are being replaced, not copied.
    replacing = catalog.doc_ids_for_path(path) if path is not None else set()
    new = 0
    for n, (doc_id, doc) in enumerate(zip(ids, docs, strict=True)):
        if catalog.has_copy(doc_id):
            report.repeats += 1  # a known copy keeps the path it was first read from
            continue
        if catalog.has_document(doc_id):
            if path is None or doc_id in replacing:
                report.unchanged += 1
            else:
                report.repeats += 1
        elif doc.ref and not _replace_versions(catalog, doc, report):
            report.older += 1
            continue
        else:
            body = bodies[n] if bodies is not None else copies.body_of(doc)
            original = copies.find_original(catalog.conn, doc, body, replacing) if body else None
            stored = catalog.facts(original[0]) if original is not None else None
            if original is not None and not copies.better_described(doc, path, stored):
                catalog.add_copy(original[0], doc_id, doc, path, original[1])
                report.copies += 1
                continue
            if stored is not None:
                doc = copies.merged(doc, stored)
            report.passages += catalog.add_document(
                doc_id, doc, body.hash if body else None, body.signature if body else None
            )
            if body:
                copies.remember(catalog.conn, doc_id, body)
            if original is not None:
                catalog.demote(original[0], doc_id, original[1])
                report.promoted += 1
            else:
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
