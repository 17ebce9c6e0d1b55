"""The catalog: an SQLite file that is the archive's source of truth.

It holds documents, their passages, the people who speak in them and the
source files they came from (with a content hash, so nothing is indexed
twice). The search index is derived from it: a passage row whose
`in_index` is 0 and the ids in `pending_removals` are the work the engine
has not yet done, so a run killed at any moment is finished by the next.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from archive.errors import NoArchive
from archive.model import Document
from archive.speakers.registry import People
from archive.store import connect
from archive.store.copies import Copies
from archive.store.files import SourceFiles
from archive.store.quotes import Quotes
from archive.store.rows import INDEX_SELECT, PARTY_ON_THE_DAY, PASSAGE_SELECT, PassageRow

if TYPE_CHECKING:
    from archive.speakers.evidence import Evidence


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Catalog(SourceFiles, Copies, Quotes):
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.people = People(conn)
        self._evidence: tuple[str, Evidence | None] = ("", None)

    read_only = False  # opened from read-only media or without write permission

    made = staticmethod(connect.made)

    @classmethod
    def open(cls, path: Path, create: bool = False, read_only: bool = False) -> Catalog:
        """Open the catalog at `path`; NoArchive if it does not exist and `create` is False.

        A catalog that cannot be written (read-only media, a shared drive
        without write permission), or asked for `read_only`, is opened for
        reading, `read_only` set.
        """
        if not create and not path.exists():
            raise NoArchive(f"no archive at {path.parent}: run `archive index PATH` first")
        conn, read_only = connect.connect(path, create, read_only)
        catalog = cls(conn, path)
        catalog.read_only = read_only
        return catalog

    @classmethod
    def reader(cls, path: Path) -> Catalog:
        """The catalog at `path` read through a connection of its own, for another thread.

        In WAL mode it reads the last committed state while the writer goes on.
        """
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    _data_version: int | None = None

    def changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call (SQLite's data_version);
        if so the registry's in-memory maps are dropped, for they may be stale."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        changed, self._data_version = version != self._data_version, version
        if changed:
            self.people.forget()
        return changed

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")  # may fail (a full disk): then nothing is kept
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

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

    # -- documents ----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone())

    def document_named(self, name: str) -> str | None:
        """The stored document `name` is the id of, or of one of whose passages (abc.4)."""
        for candidate in dict.fromkeys((name, name.rsplit(".", 1)[0])):
            if candidate and self.has_document(candidate):
                return candidate
        return None

    def versions(self, ref: str) -> list[tuple[str, str | None]]:
        """(id, version) of the stored documents that are versions of the record `ref`."""
        return list(self.conn.execute("SELECT id, version FROM documents WHERE ref = ?", (ref,)))

    def add_document(
        self,
        doc_id: str,
        doc: Document,
        body_hash: str | None = None,
        signature: bytes | None = None,
    ) -> int:
        """Store `doc` and its passages (not yet in the index); returns the passage count.

        `body_hash` and `signature` are what copies of it are found by
        (see archive.indexing.copies).
        """
        from archive.speakers.evidence import evidence_of
        from archive.speakers.members import party_name

        evidence = evidence_of(doc)
        self.conn.execute(
            "INSERT INTO documents(id, kind, title, date, source, url, authors, added_at, house, "
            "language, tags, ref, version, body_hash, signature, attribution, volume) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, doc.kind, doc.title, doc.date.isoformat() if doc.date else None,
                doc.source, doc.url, _json(list(doc.authors)), _now(), doc.house,
                doc.language, _json(list(doc.tags)), doc.ref, doc.version, body_hash,
                signature, doc.attribution, doc.volume,
            ),
        )  # fmt: skip
        rows = []
        for seq, p in enumerate(doc.passages):
            speaker_id = self.people.resolve(
                p.speaker, p.speaker_role, p.speaker_ref, doc.date, p.speaker_party, evidence
            )
            party = party_name(p.speaker_party) if p.speaker_party else None
            rows.append(
                (
                    f"{doc_id}.{seq}", doc_id, seq, p.text, p.heading, speaker_id,
                    p.speaker_as_printed, p.speaker, p.speaker_role, p.speaker_ref, party,
                    p.ref, p.column, p.time, p.url,
                )
            )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO passages(id, doc_id, seq, text, heading, speaker_id, speaker_as_printed, "
            "speaker_name, speaker_role, speaker_ref, speaker_party, ref, column_no, time, url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.add_quotes(doc_id, doc.passages, doc.date, evidence)
        self.conn.executemany(
            "INSERT INTO divisions(doc_id, seq, after, number, heading, ayes, noes, ref, votes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id, seq, d.after, d.number, d.heading, d.ayes, d.noes, d.ref,
                    _json([[v.name, v.vote, v.ref] for v in d.votes]),
                )
                for seq, d in enumerate(doc.divisions)
            ],
        )  # fmt: skip
        self.conn.execute("DELETE FROM pending_removals WHERE doc_id = ?", (doc_id,))
        return len(rows)

    def remove_document(self, doc_id: str) -> None:
        """Delete a document and queue its removal from the index.

        Its copies go with it, and their files are forgotten so that the
        next run reads them again and stores one of them in its place.
        """
        self.conn.execute(
            "DELETE FROM source_files WHERE path IN "
            "(SELECT path FROM copies WHERE doc_id = ? AND path IS NOT NULL)",
            (doc_id,),
        )
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.conn.execute("INSERT OR IGNORE INTO pending_removals(doc_id) VALUES (?)", (doc_id,))

    def tag_names(self) -> set[str]:
        """Every topic, place or category a document is tagged with, as filtered on."""
        from archive.query.tree import tag_term

        rows = self.conn.execute("SELECT DISTINCT j.value FROM documents, json_each(tags) j")
        return {tag_term(r[0]) for r in rows if isinstance(r[0], str)}

    def source_names(self) -> list[str]:
        """The documents' source names, in order."""
        sql = "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source"
        return [r[0] for r in self.conn.execute(sql)]

    def settle_sources(self) -> int:
        """Name stored sources and houses as reading names them now (archive.ingest.sources);
        returns how many documents changed. Done on upgrade and by `archive reindex`."""
        from archive.store.schema import settle_sources

        return settle_sources(self.conn)

    def party_names(self) -> list[str]:
        """Party names in the registry and as printed beside speeches, in order."""
        sql = (
            "SELECT party FROM parties UNION SELECT speaker_party FROM passages "
            "WHERE speaker_party IS NOT NULL ORDER BY 1"
        )
        return [r[0] for r in self.conn.execute(sql)]

    # -- passages -----------------------------------------------------------

    def passage_rows(
        self, where: str, params: Iterable = (), select: str = PASSAGE_SELECT
    ) -> Iterator[PassageRow]:
        for r in self.conn.execute(select + where, tuple(params)):
            yield PassageRow(*r[:16], _tags(r[16]), *r[17:])

    def passages(self, ids: list[str]) -> dict[str, PassageRow]:
        """The passages with these ids that still exist, by id."""
        found: dict[str, PassageRow] = {}
        for chunk, marks in _chunks(ids):
            found.update(
                (r.passage_id, r) for r in self.passage_rows(f"WHERE p.id IN {marks}", chunk)
            )
        quoted = self.quotes_of(i for i, r in found.items() if r.quoted or r.speaker_id)
        for passage_id, quotes in quoted.items():
            found[passage_id] = found[passage_id]._replace(quotes=tuple(quotes))
        return found

    def unindexed_batch(self, batch: int = 1000, passages: int = 10_000) -> tuple[list[str], int]:
        """The next documents whose passages the index lacks, and their passage count.

        Up to `batch` documents and about `passages` passages (a debate day is
        hundreds), so memory stays bounded; never part of a document. The
        caller marks a batch indexed before asking for the next.
        """
        doc_ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT doc_id FROM passages WHERE in_index = 0 LIMIT ?", (batch,)
            )
        ]
        chosen, size = [], 0
        for doc_id in doc_ids:
            (count,) = self.conn.execute(
                "SELECT COUNT(*) FROM passages WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            if chosen and size + count > passages:
                break
            chosen.append(doc_id)
            size += count
        return chosen, size

    def document_rows(self, doc_ids: list[str]) -> Iterator[PassageRow]:
        """The passages of these documents, a document's together and in order, as the
        engine indexes them (archive.store.rows.INDEX_SELECT: no file path, name of the
        day or office)."""
        for chunk, marks in _chunks(doc_ids):
            yield from self.passage_rows(
                f"WHERE p.doc_id IN {marks} ORDER BY p.doc_id, p.seq", chunk, INDEX_SELECT
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
            "SELECT p.id, p.speaker_id, p.speaker_name, p.speaker_role, p.speaker_ref, d.date, "
            "p.doc_id FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_name IS NOT NULL OR p.speaker_role IS NOT NULL "
            "OR p.speaker_ref IS NOT NULL ORDER BY p.doc_id"
        ).fetchall()
        changed = []
        for passage_id, old, name, role, ref, date, doc_id in rows:
            day = dt.date.fromisoformat(date) if date else None
            new = self.people.resolve(name, role, ref, day, None, self.stored_evidence(doc_id))
            if new != old:
                changed.append((new, passage_id))
        self.conn.executemany(
            "UPDATE passages SET speaker_id = ?, in_index = 0 WHERE id = ?", changed
        )
        return len({passage_id for _, passage_id in changed} | self.resolve_quotes_again())

    def stored_evidence(self, doc_id: str) -> Evidence:
        """What a stored document gives the registry to go on (archive.speakers.evidence),
        read from its text again; the last document's is kept, as callers go by document."""
        from archive.speakers.evidence import TRUSTED, text_evidence

        if self._evidence[0] != doc_id:
            kind, attribution, title = self.conn.execute(
                "SELECT kind, attribution, title FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if kind == "hansard" or attribution not in ("prose", None):
                found = TRUSTED
            else:
                texts = self.conn.execute(
                    "SELECT text FROM passages WHERE doc_id = ? ORDER BY seq", (doc_id,)
                )
                found = text_evidence([title, *(r[0] for r in texts)])
            self._evidence = (doc_id, found)
        return self._evidence[1]

    def passage_parties(self) -> dict[str, str | None]:
        """Each spoken passage's party on its day, as hits show it, by passage id."""
        rows = self.conn.execute(
            f"SELECT p.id, {PARTY_ON_THE_DAY} FROM passages p "
            "JOIN documents d ON d.id = p.doc_id WHERE p.speaker_id IS NOT NULL"
        )
        return dict(rows)

    def reindex_passages(self, passage_ids: Iterable[str]) -> None:
        """Have the index write these passages again (their facts changed)."""
        self.conn.executemany(
            "UPDATE passages SET in_index = 0 WHERE id = ?", [(i,) for i in passage_ids]
        )

    # -- upkeep: generations, removing, pruning, checking -------------------

    def delete_meta(self, key: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def passage_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def waiting_count(self) -> tuple[int, int]:
        """(passages not yet in the index, documents waiting to leave it)."""
        one = self.conn.execute
        return (
            one("SELECT COUNT(*) FROM passages WHERE in_index = 0").fetchone()[0],
            one("SELECT COUNT(*) FROM pending_removals").fetchone()[0],
        )

    def document_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def unindexed_passage_ids(self, doc_ids: Iterable[str]) -> dict[str, set[str]]:
        """For each of `doc_ids` not wholly in the index yet: its passage ids."""
        found: dict[str, set[str]] = {}
        for chunk, marks in _chunks(doc_ids):
            for doc_id, passage_id in self.conn.execute(
                f"SELECT p.doc_id, p.id FROM passages p WHERE p.doc_id IN {marks} AND EXISTS "
                "(SELECT 1 FROM passages q WHERE q.doc_id = p.doc_id AND q.in_index = 0)",
                chunk,
            ):
                found.setdefault(doc_id, set()).add(passage_id)
        return found

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity and foreign key checks find wrong; [] when all is well."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if problems == ["ok"]:
            problems = []
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        return problems

    def backup_to(self, dest: Path) -> Path:
        """`backup` to a file, or into a folder as the catalog's own name; returns the file.
        UsageError for the catalog itself or a folder that is not there."""
        from archive.errors import UsageError

        if dest.is_dir():
            dest = dest / self.path.name
        if dest.exists() and dest.resolve() == self.path.resolve():
            raise UsageError(f"{dest} is this archive's own catalog: choose another place")
        if not dest.parent.is_dir():
            raise UsageError(f"{dest.parent}: no such folder")
        self.backup(dest)
        return dest

    def backup(self, dest: Path) -> None:
        """A consistent copy of the catalog at `dest` through SQLite's online backup, safe
        while others read and write; written aside and renamed, so `dest` is always whole."""
        import os

        partial = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
        except BaseException:
            copy.close()
            partial.unlink(missing_ok=True)
            raise
        copy.close()
        os.replace(partial, dest)

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


def _chunks(values: Iterable[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """`values` in lists short enough for one statement, each with its "(?,?,...)"."""
    values = list(values)
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield chunk, f"({','.join('?' * len(chunk))})"


# json is imported when needed: a search that reads untagged passages never does.


def _json(value: list) -> str:
    import json

    return json.dumps(value)


def _tags(stored: str | None) -> tuple[str, ...]:
    """A passage row's tags, kept as a JSON list."""
    if not stored or stored == "[]":
        return ()
    import json

    return tuple(json.loads(stored))
