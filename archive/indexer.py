"""Files -> ingest -> catalog -> index, one file at a time, one transaction per file."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import IngestError
from .model import Document

if TYPE_CHECKING:
    from .api import Archive

log = logging.getLogger("archive.index")

# Bring the index up to date every so often, so a long run is searchable as
# it goes and a killed run leaves little for the next to redo.
SYNC_EVERY_DOCUMENTS = 5000
SYNC_EVERY_SECONDS = 60.0


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    passages: int = 0
    files: int = 0
    failed: list[IngestError] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.files} files: {self.added} documents added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed "
            f"({self.passages} passages written); {len(self.failed)} files failed"
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
) -> IndexReport:
    from .ingest import discover, fingerprint, read_bytes, read_documents

    report = IndexReport()
    catalog = archive.catalog
    pending, last_sync = 0, time.monotonic()
    for path in discover(paths):
        report.files += 1
        key = str(path)
        try:
            data = read_bytes(path)
            sha, size = fingerprint(path, data), len(data)
            known = catalog.source_hash(key)
            if known == sha:
                report.unchanged += len(catalog.doc_ids_for_path(key))
                continue
            docs = list(read_documents(path, data))
        except IngestError as exc:
            _fail(report, on_error, exc)
            continue
        except Exception as exc:  # a bug must not stop the batch or show a traceback
            log.debug("reading %s failed", key, exc_info=True)
            reason = f"could not be read ({type(exc).__name__}: {exc})"
            _fail(report, on_error, IngestError(key, reason))
            continue
        with catalog.transaction():
            ids, new = _store(catalog, docs, report, key)
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
    archive.sync()
    return report


def add_documents(archive: Archive, docs: list[Document]) -> IndexReport:
    """Store Documents made in Python (no source file), then bring the index up to date."""
    report = IndexReport()
    with archive.catalog.transaction():
        _, report.added = _store(archive.catalog, docs, report, None)
    archive.sync()
    return report


def _store(catalog, docs: list[Document], report: IndexReport, path: str | None):
    """Add the documents the catalog lacks; returns (their ids, how many were new)."""
    ids = [document_id(doc) for doc in docs]
    new = 0
    for doc_id, doc in zip(ids, docs, strict=True):
        if catalog.has_document(doc_id):
            report.unchanged += 1
        else:
            report.passages += catalog.add_document(doc_id, doc)
            new += 1
        if path is not None:
            catalog.link(doc_id, path)
    return ids, new


def _fail(report: IndexReport, on_error, error: IngestError) -> None:
    report.failed.append(error)
    if on_error is not None:
        on_error(error)
