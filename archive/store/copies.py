"""Other copies of a stored story: kept as "also published by" rows, not stored again.

Which copy is the stored one can change: a copy that arrives better described
(see archive.indexing.copies) takes the stored one's place, and the stored
one becomes a copy of it (`demote`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

from archive.model import Document


class Facts(NamedTuple):
    """What a stored document says of itself, beside its text."""

    title: str
    date: str | None
    source: str | None
    url: str | None
    authors: tuple[str, ...]
    paths: tuple[str, ...]


class Copies:
    """The catalog's copies (a part of archive.store.catalog.Catalog)."""

    conn: sqlite3.Connection

    def remove_document(self, doc_id: str) -> None:  # pragma: no cover -- Catalog's
        raise NotImplementedError

    def has_copy(self, copy_id: str) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM copies WHERE copy_id = ?", (copy_id,)).fetchone()
        )

    def add_copy(
        self, doc_id: str, copy_id: str, doc: Document, path: str | None, similarity: float
    ) -> None:
        """Keep `doc` as another copy of the stored document `doc_id`."""
        self._insert_copy(
            doc_id, copy_id, path, doc.source, doc.url,
            doc.date.isoformat() if doc.date else None, doc.title, list(doc.authors), similarity,
        )  # fmt: skip

    def _insert_copy(self, doc_id, copy_id, path, source, url, date, title, authors, similarity):
        self.conn.execute(
            "INSERT OR IGNORE INTO copies(doc_id, copy_id, path, source, url, date, title, "
            "authors, similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, copy_id, path, source, url, date, title,
                json.dumps(authors, ensure_ascii=False), round(similarity, 3),
            ),
        )  # fmt: skip

    def copy_paths(self) -> set[str]:
        """The files that hold copies of stored documents."""
        rows = self.conn.execute("SELECT DISTINCT path FROM copies WHERE path IS NOT NULL")
        return {r[0] for r in rows}

    def facts(self, doc_id: str) -> Facts:
        """The stored document's title, date, source, URL, authors and files."""
        title, date, source, url, authors = self.conn.execute(
            "SELECT title, date, source, url, authors FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        paths = self.conn.execute(
            "SELECT path FROM document_files WHERE doc_id = ? ORDER BY path", (doc_id,)
        )
        return Facts(
            title, date, source, url, tuple(json.loads(authors or "[]")),
            tuple(r[0] for r in paths),
        )  # fmt: skip

    def demote(self, old_id: str, new_id: str, similarity: float) -> None:
        """Make the stored document `old_id` a copy of the stored `new_id`, which takes
        its copies; `old_id`'s passages leave the catalog and the index."""
        old = self.facts(old_id)
        self.conn.execute("UPDATE copies SET doc_id = ? WHERE doc_id = ?", (new_id, old_id))
        self._insert_copy(
            new_id, old_id, old.paths[0] if old.paths else None, old.source, old.url,
            old.date, old.title, list(old.authors), similarity,
        )  # fmt: skip
        self.remove_document(old_id)
