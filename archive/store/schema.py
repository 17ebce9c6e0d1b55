"""The catalog's tables, and bringing an archive made by an older version up to date."""

from __future__ import annotations

import re
import sqlite3

SCHEMA_VERSION = 3
ATTRIBUTE_AGAIN = "attribute_again"

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
    -- How its speakers were found (archive.model.ATTRIBUTIONS), NULL before it was kept.
    attribution TEXT,
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
-- The names a person sat under, over dates (member and peer lists).
CREATE TABLE IF NOT EXISTS names (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    start TEXT,
    end TEXT
);
CREATE INDEX IF NOT EXISTS names_person ON names(person_id);
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
-- Every attribution in a passage's text (archive.model.Quote), in order: who says it
-- (the person, for kind 'person'), how, and the span of what is said.
CREATE TABLE IF NOT EXISTS quotes (
    passage_id TEXT NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    printed TEXT,
    speaker_name TEXT,
    role TEXT,
    person_id INTEGER REFERENCES people(id),
    kind TEXT NOT NULL,
    cue TEXT,
    direct INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (passage_id, seq)
);
CREATE INDEX IF NOT EXISTS quotes_person ON quotes(person_id) WHERE person_id IS NOT NULL;
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
    # A statement ends at its semicolon: the schema has none elsewhere, comments included.
    tables = re.findall(r"(CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*)\);)", SCHEMA)
    had_quotes = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quotes'"
    ).fetchone()
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
    _expand_party_codes(conn)
    _names_from_shipped(conn)
    if not had_quotes and conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
        # Stories stored before every quote of a passage was kept: the next writer
        # attributes them again (archive.indexing.reattribute).
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')", (ATTRIBUTE_AGAIN,))
    if version < 3:
        settle_sources(conn)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(SCHEMA_VERSION),),
    )


def _expand_party_codes(conn: sqlite3.Connection) -> None:
    """Lords' affiliations and deputy speakers' codes (`Bp`, `DCWM`) kept as they were
    printed by archives made before are written out ("Bishops", "Deputy Speaker ...")."""
    from archive.speakers.members import PARTIES

    for code, name in PARTIES.items():
        conn.execute("UPDATE parties SET party = ? WHERE lower(party) = ?", (name, code))


def _names_from_shipped(conn: sqlite3.Connection) -> None:
    """The names people of the ParlParse lists sat under, with dates, for an archive made
    before it kept them (so that a 2009 speech shows John Gummer, not Lord Deben)."""
    from archive.speakers.members import shipped_names, store_names

    names = shipped_names()
    for person_id, ref in conn.execute(
        "SELECT id, ref FROM people WHERE ref IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM names WHERE person_id = people.id)"
    ).fetchall():
        if ref in names:
            store_names(conn, person_id, names[ref])


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
