"""Files -> ingest -> catalog -> index, one file at a time, one transaction per file."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import IngestError
from .model import Document

if TYPE_CHECKING:
    from .api import Archive

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
    """A document's id: a hash of its content, so the same story read twice is stored once."""
    digest = hashlib.sha256()
    for part in (doc.kind, doc.title, *(p.text for p in doc.passages)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def index_paths(
    archive: Archive,
    paths: list[Path],
    on_error: Callable[[IngestError], None] | None = None,
) -> IndexReport:
    from .ingest import discover, read_documents

    report = IndexReport()
    catalog = archive.catalog
    pending, last_sync = 0, time.monotonic()
    for path in discover(paths):
        report.files += 1
        key = str(path)
        try:
            sha, size = file_hash(path)
            known = catalog.source_hash(key)
            if known == sha:
                report.unchanged += len(catalog.doc_ids_for_path(key))
                continue
            docs = list(read_documents(path))
        except OSError as exc:
            _fail(report, on_error, IngestError(key, exc.strerror or str(exc)))
            continue
        except IngestError as exc:
            _fail(report, on_error, exc)
            continue
        with catalog.transaction():
            ids = [document_id(doc) for doc in docs]
            new = 0
            for doc_id, doc in zip(ids, docs, strict=True):
                if catalog.has_document(doc_id):
                    report.unchanged += 1
                else:
                    report.passages += catalog.add_document(doc_id, doc)
                    new += 1
                catalog.link(doc_id, key)
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


def _fail(report: IndexReport, on_error, error: IngestError) -> None:
    report.failed.append(error)
    if on_error is not None:
        on_error(error)
