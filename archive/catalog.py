"""The catalog: an SQLite file that is the archive's source of truth.

It holds documents, their passages, the people who speak in them and the
source files they came from (with a content hash, so nothing is indexed
twice). The search index is derived from it: a passage row whose
`in_index` is 0 and the ids in `pending_removals` are the work the engine
has not yet done, so a run killed at any moment is finished by the next.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .analysis import fold
from .errors import NoArchive
from .model import Document
from .people import People

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS source_files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE TABLE IF NOT EXISTS document_files (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    PRIMARY KEY (doc_id, path)
);
CREATE INDEX IF NOT EXISTS document_files_path ON document_files(path);
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    name TEXT,
    key TEXT NOT NULL UNIQUE,
    ref TEXT UNIQUE
);
CREATE TABLE IF NOT EXISTS aliases (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('full', 'surname')),
    norm TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, norm)
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
CREATE TABLE IF NOT EXISTS offices (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    office TEXT NOT NULL,
    start TEXT,
    end TEXT
);
CREATE INDEX IF NOT EXISTS offices_person ON offices(person_id);
CREATE TABLE IF NOT EXISTS parties (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    party TEXT NOT NULL,
    start TEXT,
    end TEXT
);
CREATE INDEX IF NOT EXISTS parties_person ON parties(person_id);
CREATE TABLE IF NOT EXISTS passages (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    heading TEXT,
    speaker_id INTEGER REFERENCES people(id),
    speaker_as_printed TEXT,
    -- What the document says of the speaker, kept to resolve again when
    -- the registry learns more (see People.resolve).
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_ref TEXT,
    in_index INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, seq);
CREATE INDEX IF NOT EXISTS passages_unindexed ON passages(in_index) WHERE in_index = 0;
CREATE INDEX IF NOT EXISTS passages_speaker ON passages(speaker_id);
CREATE TABLE IF NOT EXISTS pending_removals (doc_id TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class PassageRow:
    """A passage joined with its document: what the engine indexes and a hit shows."""

    passage_id: str
    doc_id: str
    seq: int
    kind: str
    source: str | None
    title: str
    heading: str | None
    date: str | None
    speaker_id: int | None
    speaker: str | None
    text: str
    url: str | None
    path: str | None
    speaker_as_printed: str | None
    party: str | None


_PASSAGE_SELECT = """
SELECT p.id, p.doc_id, p.seq, d.kind, d.source, d.title, p.heading, d.date,
       p.speaker_id, COALESCE(pe.name, pe.ref), p.text, d.url,
       (SELECT MIN(path) FROM document_files f WHERE f.doc_id = d.id), p.speaker_as_printed,
       -- The party held on the day, else the last one held before it: member
       -- lists end in 2015, and a minister then is mostly of the same party later.
       COALESCE(
         (SELECT party FROM parties pa WHERE pa.person_id = p.speaker_id
            AND (pa.start IS NULL OR d.date IS NULL OR pa.start <= d.date)
            AND (pa.end IS NULL OR d.date IS NULL OR d.date <= pa.end)
          ORDER BY pa.start DESC LIMIT 1),
         (SELECT party FROM parties pa WHERE pa.person_id = p.speaker_id
            AND (pa.start IS NULL OR d.date IS NULL OR pa.start <= d.date)
          ORDER BY pa.start DESC LIMIT 1))
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN people pe ON pe.id = p.speaker_id
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Catalog:
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.people = People(conn)

    @classmethod
    def open(cls, path: Path, create: bool = False) -> Catalog:
        """Open the catalog at `path`; NoArchive if it does not exist and `create` is False."""
        if not create and not path.exists():
            raise NoArchive(f"no archive at {path.parent}: run `archive index PATH` first")
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit, in `transaction()`.
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        catalog = cls(conn, path)
        if create:
            # executescript commits on its own, so the script is its own transaction.
            conn.executescript(
                f"BEGIN IMMEDIATE;{_SCHEMA}"
                "INSERT OR IGNORE INTO meta(key, value) "
                f"VALUES ('schema_version', '{SCHEMA_VERSION}');"
                "COMMIT;"
            )
        return catalog

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- meta ---------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- source files -------------------------------------------------------

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

    # -- documents ----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone())

    def link(self, doc_id: str, path: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO document_files(doc_id, path) VALUES (?, ?)", (doc_id, path)
        )

    def add_document(self, doc_id: str, doc: Document) -> int:
        """Store `doc` and its passages (not yet in the index); returns the passage count."""
        self.conn.execute(
            "INSERT INTO documents(id, kind, title, date, source, url, authors, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                doc.kind,
                doc.title,
                doc.date.isoformat() if doc.date else None,
                doc.source,
                doc.url,
                json.dumps(list(doc.authors)),
                _now(),
            ),
        )
        rows = []
        for seq, p in enumerate(doc.passages):
            speaker_id = self.people.resolve(p.speaker, p.speaker_role, p.speaker_ref, doc.date)
            rows.append(
                (
                    f"{doc_id}.{seq}", doc_id, seq, p.text, p.heading, speaker_id,
                    p.speaker_as_printed, p.speaker, p.speaker_role, p.speaker_ref,
                )
            )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO passages(id, doc_id, seq, text, heading, speaker_id, speaker_as_printed, "
            "speaker_name, speaker_role, speaker_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.conn.execute("DELETE FROM pending_removals WHERE doc_id = ?", (doc_id,))
        return len(rows)

    def remove_document(self, doc_id: str) -> None:
        """Delete a document and queue its removal from the index."""
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.conn.execute("INSERT OR IGNORE INTO pending_removals(doc_id) VALUES (?)", (doc_id,))

    def document(self, doc_id: str) -> dict | None:
        """A document with its passages in order, as plain data; None if unknown."""
        row = self.conn.execute(
            "SELECT id, kind, title, date, source, url, authors FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        paths = [
            r[0]
            for r in self.conn.execute(
                "SELECT path FROM document_files WHERE doc_id = ? ORDER BY path", (doc_id,)
            )
        ]
        passages = [
            {
                "passage_id": r.passage_id,
                "heading": r.heading,
                "speaker": r.speaker,
                "speaker_as_printed": r.speaker_as_printed,
                "text": r.text,
            }
            for r in self._passage_rows("WHERE p.doc_id = ? ORDER BY p.seq", (doc_id,))
        ]
        return {
            "doc_id": row[0],
            "kind": row[1],
            "title": row[2],
            "date": row[3],
            "source": row[4],
            "url": row[5],
            "authors": json.loads(row[6]),
            "paths": paths,
            "passages": passages,
        }

    def sources_matching(self, name: str) -> list[str]:
        """Stored source names that `name` means: equal, or containing all its words."""
        wanted = fold(name).split()
        found = []
        for (source,) in self.conn.execute(
            "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source"
        ):
            have = fold(source).replace("(", " ").replace(")", " ").split()
            if wanted and all(word in have for word in wanted):
                found.append(source)
        return found

    def parties_matching(self, name: str) -> list[str]:
        """Party names in the registry that `name` means: 'labour', 'Lab', 'lib dem'."""
        from .members import party_name

        wanted = fold(party_name(name)).split()
        found = []
        for (party,) in self.conn.execute("SELECT DISTINCT party FROM parties ORDER BY party"):
            have = fold(party).split()
            if wanted and (wanted == have or all(w in have for w in wanted)):
                found.append(party)
        return found

    # -- passages -----------------------------------------------------------

    def _passage_rows(self, where: str, params: Iterable = ()) -> Iterator[PassageRow]:
        for r in self.conn.execute(_PASSAGE_SELECT + where, tuple(params)):
            yield PassageRow(*r)

    def passages(self, ids: list[str]) -> dict[str, PassageRow]:
        """The passages with these ids that still exist, by id."""
        found: dict[str, PassageRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._passage_rows(f"WHERE p.id IN ({marks})", chunk):
                found[row.passage_id] = row
        return found

    def unindexed_documents(self, batch: int = 1000) -> Iterator[list[PassageRow]]:
        """Passages not yet in the index, a batch of whole documents at a time."""
        while True:
            doc_ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT doc_id FROM passages WHERE in_index = 0 LIMIT ?", (batch,)
                )
            ]
            if not doc_ids:
                return
            marks = ",".join("?" * len(doc_ids))
            yield list(
                self._passage_rows(f"WHERE p.doc_id IN ({marks}) ORDER BY p.doc_id, p.seq", doc_ids)
            )

    def mark_indexed(self, doc_ids: Iterable[str]) -> None:
        self.conn.executemany(
            "UPDATE passages SET in_index = 1 WHERE doc_id = ?", [(d,) for d in doc_ids]
        )

    def mark_all_unindexed(self) -> None:
        self.conn.execute("UPDATE passages SET in_index = 0")
        self.conn.execute("DELETE FROM pending_removals")

    def pending_removals(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT doc_id FROM pending_removals")]

    def clear_removals(self, doc_ids: Iterable[str]) -> None:
        self.conn.executemany(
            "DELETE FROM pending_removals WHERE doc_id = ?", [(d,) for d in doc_ids]
        )

    def resolve_speakers_again(self) -> int:
        """Resolve every passage's speaker anew (after the registry changed).

        Passages whose person changed leave the index until the next sync;
        returns how many changed.
        """
        rows = self.conn.execute(
            "SELECT p.id, p.speaker_id, p.speaker_name, p.speaker_role, p.speaker_ref, d.date "
            "FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_name IS NOT NULL OR p.speaker_role IS NOT NULL "
            "OR p.speaker_ref IS NOT NULL"
        ).fetchall()
        changed = []
        for passage_id, old, name, role, ref, date in rows:
            day = dt.date.fromisoformat(date) if date else None
            new = self.people.resolve(name, role, ref, day)
            if new != old:
                changed.append((new, passage_id))
        self.conn.executemany(
            "UPDATE passages SET speaker_id = ?, in_index = 0 WHERE id = ?", changed
        )
        return len(changed)

    # -- summary ------------------------------------------------------------

    def stats(self) -> dict:
        one = self.conn.execute
        by_kind = dict(one("SELECT kind, COUNT(*) FROM documents GROUP BY kind ORDER BY kind"))
        by_source = dict(
            one(
                "SELECT COALESCE(source, '(unknown)'), COUNT(*) FROM documents "
                "GROUP BY source ORDER BY COUNT(*) DESC, source"
            )
        )
        first, last = one("SELECT MIN(date), MAX(date) FROM documents").fetchone()
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "passages": one("SELECT COUNT(*) FROM passages").fetchone()[0],
            "by_kind": by_kind,
            "by_source": by_source,
            "date_range": {"first": first, "last": last},
            "speakers": one(
                "SELECT COUNT(DISTINCT speaker_id) FROM passages WHERE speaker_id IS NOT NULL"
            ).fetchone()[0],
            "source_files": one("SELECT COUNT(*) FROM source_files").fetchone()[0],
        }
