"""The files a catalog's documents came from: each read file's content hash
(so nothing is read twice), which documents each file holds, and forgetting
a file. Paths are the keys archive.indexing.paths.path_key makes."""

from __future__ import annotations

import datetime as dt
import sqlite3


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SourceFiles:
    """The catalog's file records (a part of archive.store.catalog.Catalog)."""

    conn: sqlite3.Connection

    def remove_document(self, doc_id: str) -> None:  # pragma: no cover -- Catalog's
        raise NotImplementedError

    def source_hash(self, path: str) -> str | None:
        row = self.conn.execute(
            "SELECT sha256 FROM source_files WHERE path = ?", (path,)
        ).fetchone()
        return row[0] if row else None

    def record_source(self, path: str, sha256: str, size: int) -> None:
        self.conn.execute(
            "INSERT INTO source_files(path, sha256, size, indexed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, "
            "indexed_at = excluded.indexed_at",
            (path, sha256, size, _now()),
        )

    def doc_ids_for_path(self, path: str) -> set[str]:
        rows = self.conn.execute("SELECT doc_id FROM document_files WHERE path = ?", (path,))
        return {r[0] for r in rows}

    def unlink_path(self, path: str, keep: set[str]) -> int:
        """Detach `path` from its documents except `keep`; drop documents left with no file.

        Returns how many documents were dropped.
        """
        dropped = 0
        stale = [
            r[0] for r in self.conn.execute("SELECT copy_id FROM copies WHERE path = ?", (path,))
        ]
        self.conn.executemany(
            "DELETE FROM copies WHERE copy_id = ? AND path = ?",
            [(c, path) for c in stale if c not in keep],
        )
        for doc_id in self.doc_ids_for_path(path) - keep:
            self.conn.execute(
                "DELETE FROM document_files WHERE doc_id = ? AND path = ?", (doc_id, path)
            )
            left = self.conn.execute(
                "SELECT 1 FROM document_files WHERE doc_id = ? LIMIT 1", (doc_id,)
            ).fetchone()
            if not left:
                self.remove_document(doc_id)
                dropped += 1
        return dropped

    def link(self, doc_id: str, path: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO document_files(doc_id, path) VALUES (?, ?)", (doc_id, path)
        )

    def document_paths(self, doc_id: str) -> list[str]:
        rows = self.conn.execute("SELECT path FROM document_files WHERE doc_id = ?", (doc_id,))
        return sorted(r[0] for r in rows)

    def known_paths(self) -> set[str]:
        """Every file path the catalog knows: read files, documents' files, copies' files."""
        return {
            r[0]
            for r in self.conn.execute(
                "SELECT path FROM source_files UNION SELECT path FROM document_files "
                "UNION SELECT path FROM copies WHERE path IS NOT NULL"
            )
        }

    def forget_path(self, path: str) -> int:
        """Drop the file `path`: its documents (unless another file has them too) and its hash.

        The next run that meets the file reads it again. Returns how many
        documents were dropped.
        """
        dropped = self.unlink_path(path, keep=set())
        self.forget_source(path)
        return dropped

    def forget_source(self, path: str) -> None:
        """Forget that `path` was read, so that the next run reads it again."""
        self.conn.execute("DELETE FROM source_files WHERE path = ?", (path,))

    def relative_paths(self) -> set[str]:
        """Stored paths that are not absolute: kept as typed by archives made before."""
        return {p for p in self.known_paths() if not p.startswith("/")}

    def rename_path(self, old: str, new: str) -> None:
        """Call the file `old` by `new` everywhere; if `new` is known too, they become one."""
        if self.source_hash(new) is not None:
            self.conn.execute("DELETE FROM source_files WHERE path = ?", (old,))
        else:
            self.conn.execute("UPDATE source_files SET path = ? WHERE path = ?", (new, old))
        self.conn.execute(
            "INSERT OR IGNORE INTO document_files(doc_id, path) "
            "SELECT doc_id, ? FROM document_files WHERE path = ?",
            (new, old),
        )
        self.conn.execute("DELETE FROM document_files WHERE path = ?", (old,))
        self.conn.execute("UPDATE copies SET path = ? WHERE path = ?", (new, old))
