"""A catalog made by an older version is brought forward when opened (archive.store.schema)."""

from __future__ import annotations

import re
import sqlite3

from archive.store.connect import connect
from archive.store.schema import SCHEMA


def version_2_schema() -> str:
    """The tables as version 2 made them: without the columns version 3 added."""
    text = SCHEMA.replace(
        ",\n    -- The printed Hansard volume, where the source states it.\n    volume TEXT", ""
    )
    text = re.sub(r",\n    -- The passage's own official URL[^\n]*\n    url TEXT", "", text)
    assert (
        "volume" not in text and "url TEXT\n);\nCREATE INDEX IF NOT EXISTS passages_doc" not in text
    )
    return text


def test_a_version_2_catalog_gains_its_columns_and_its_sources_are_settled(tmp_path):
    path = tmp_path / "catalog.sqlite"
    db = sqlite3.connect(path)
    db.executescript(version_2_schema())
    db.executemany(
        "INSERT INTO documents(id, kind, title, source, url, added_at) VALUES (?, ?, ?, ?, ?, '')",
        [
            ("h", "hansard", "Aleppo Bombings", "House of Commons", None),
            ("a", "news", "Axios Future", "axios.com", "https://www.axios.com/x"),
            ("p", "news", "Fans", "https://pawszilla.com", None),
            ("m", "news", "Halls too full", "Halls too full", "https://www.theguardian.com/x"),
            ("b", "news", "Hammond", "BBC News", "https://www.bbc.co.uk/news/1"),
        ],
    )
    db.executescript("INSERT INTO meta VALUES ('schema_version', '2'), ('index_generation', '5');")
    db.commit()
    db.close()

    conn, read_only = connect(path, create=False)
    assert not read_only
    rows = dict(
        (doc_id, (source, house))
        for doc_id, source, house in conn.execute("SELECT id, source, house FROM documents")
    )
    assert rows == {
        "h": ("Hansard", "commons"),
        "a": ("Axios", None),
        "p": ("Pawszilla", None),
        "m": ("The Guardian", None),
        "b": ("BBC News", None),
    }
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    assert "volume" in columns
    assert "url" in {r[1] for r in conn.execute("PRAGMA table_info(passages)")}
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    # The index holds the old names: two generations on, the next command rebuilds it.
    assert (meta["schema_version"], meta["index_generation"]) == ("3", "7")
    conn.close()
