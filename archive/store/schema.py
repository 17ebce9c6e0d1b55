"""The catalog's tables, and bringing an archive made by an older version up to date."""

from __future__ import annotations

import re
import sqlite3

SCHEMA_VERSION = 3

SCHEMA = """
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
    added_at TEXT NOT NULL,
    house TEXT,
    language TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    -- The record's id in its source across versions, and which version this is.
    ref TEXT,
    version TEXT,
    -- Hash of the normalised body text, and its MinHash signature: how copies are found.
    body_hash TEXT,
    signature BLOB,
    -- The printed Hansard volume, where the source states it.
    volume TEXT
);
CREATE INDEX IF NOT EXISTS documents_ref ON documents(ref) WHERE ref IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_body ON documents(body_hash) WHERE body_hash IS NOT NULL;
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
    in_index INTEGER NOT NULL DEFAULT 0,
    speaker_party TEXT,
    ref TEXT,
    column_no TEXT,
    time TEXT,
    -- The passage's own official URL (a 2009 ParlParse speech's `url`).
    url TEXT
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, seq);
CREATE INDEX IF NOT EXISTS passages_unindexed ON passages(in_index) WHERE in_index = 0;
CREATE INDEX IF NOT EXISTS passages_speaker ON passages(speaker_id);
CREATE TABLE IF NOT EXISTS pending_removals (doc_id TEXT PRIMARY KEY);
-- Old ParlParse member and lord ids -> person ids, from imported people.xml files.
CREATE TABLE IF NOT EXISTS member_refs (ref TEXT PRIMARY KEY, person_ref TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS divisions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    after INTEGER NOT NULL,
    number TEXT,
    heading TEXT,
    ayes INTEGER,
    noes INTEGER,
    ref TEXT,
    -- [[name, vote, ref], ...]
    votes TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (doc_id, seq)
);
-- Other copies of a stored story (syndicated, saved twice): "also published by".
CREATE TABLE IF NOT EXISTS copies (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    copy_id TEXT NOT NULL,
    path TEXT,
    source TEXT,
    url TEXT,
    date TEXT,
    title TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',
    similarity REAL NOT NULL,
    PRIMARY KEY (doc_id, copy_id)
);
CREATE INDEX IF NOT EXISTS copies_id ON copies(copy_id);
CREATE INDEX IF NOT EXISTS copies_path ON copies(path);
-- Locality-sensitive hashing bands of document signatures (near-duplicate candidates).
CREATE TABLE IF NOT EXISTS bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS bands_key ON bands(band, key);
CREATE INDEX IF NOT EXISTS bands_doc ON bands(doc_id);
"""


def upgrade(conn: sqlite3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Add the tables and columns an older archive lacks (new columns are all nullable),
    and put right what an archive made at `version` stored differently."""
    # A table body holds no ";": a one-line table (meta) must not swallow the next one.
    tables = re.findall(r"(CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*?)\n\);)", SCHEMA)
    for create, _, _ in tables:
        conn.execute(create)
    for _, table, body in tables:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for line in body.splitlines():
            line = line.strip().rstrip(",")
            name = line.split(" ", 1)[0]
            if line and not line.startswith(("--", "PRIMARY")) and name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {line}")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    if version < 3:
        settle_sources(conn)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(SCHEMA_VERSION),),
    )


def settle_sources(conn: sqlite3.Connection) -> int:
    """Name every document's source and house as archive.ingest.sources does; returns how
    many documents changed.

    Archives made before version 3 kept Hansard scraped from a page under
    "House of Commons" with no house, and sites under their host names
    ("axios.com"). What changed is out of step in the search index, so the
    index generation is raised: the next command rebuilds the index from the
    catalog (archive.indexing.health, archive.indexing.catchup), saying so.
    """
    from archive.ingest.sources import settle_stored

    changed = []
    for doc_id, kind, source, url, title, house in conn.execute(
        "SELECT id, kind, source, url, title, house FROM documents"
    ).fetchall():
        settled = settle_stored(kind, source, url, title, house)
        if settled != (source, house):
            changed.append((*settled, doc_id))
    if not changed:
        return 0
    conn.executemany("UPDATE documents SET source = ?, house = ? WHERE id = ?", changed)
    row = conn.execute("SELECT value FROM meta WHERE key = 'index_generation'").fetchone()
    if row is not None and row[0].isdigit():
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'index_generation'", (str(int(row[0]) + 2),)
        )
    else:  # an index from before generations: write the changed documents again
        conn.executemany(
            "UPDATE passages SET in_index = 0 WHERE doc_id = ?", [(c[-1],) for c in changed]
        )
    return len(changed)
