"""The same passages in SQLite FTS5, as a sqlite-utils or Datasette user would hold them.

    python bench/peers/fts5.py index PASSAGES.jsonl DATABASE
    python bench/peers/fts5.py search DATABASE QUERY [--since D] [--until D]
        [--speaker NAME] [--sort newest] [--timeline]

A table `passages(id, kind, source, title, date, speaker, text)` with indexes
on date and speaker, and an external-content FTS5 table over its text with
the Porter stemmer (`sqlite-utils enable-fts --tokenize porter` makes the
same), filled by FTS5's 'rebuild'. A search is one process, the two queries
Datasette runs for a page of full-text results: the ten best by FTS5's bm25
rank (or newest first) with a snippet, and the count; filters are WHERE
clauses on the columns. --timeline counts matches per year.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys

import peer_cli  # beside this script

SCHEMA = """
CREATE TABLE passages (
    id INTEGER PRIMARY KEY, kind TEXT, source TEXT, title TEXT,
    date TEXT, speaker TEXT, text TEXT
);
CREATE INDEX passages_date ON passages(date);
CREATE INDEX passages_speaker ON passages(speaker);
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
"""
COLUMNS = ("id", "kind", "source", "title", "date", "speaker", "text")


def index(dump: str, database: str) -> None:
    conn = sqlite3.connect(database)
    conn.executescript(SCHEMA)
    with open(dump, encoding="utf-8") as lines, conn:
        rows = (tuple(row.get(c) for c in COLUMNS) for row in map(json.loads, lines))
        conn.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    with conn:
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    count = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    conn.close()
    print(f"indexed {count} passages")


def search(args: argparse.Namespace) -> None:
    conn = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    where, params = ["passages_fts MATCH ?"], [args.query]
    if args.since:
        where.append("p.date >= ?")
        params.append(args.since)
    if args.until:
        where.append("p.date <= ?")
        params.append(args.until)
    if args.speaker:
        where.append("p.speaker = ?")
        params.append(args.speaker)
    body = "FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid WHERE " + " AND ".join(
        where
    )
    if args.timeline:
        sql = f"SELECT substr(p.date, 1, 4) AS year, count(*) {body} GROUP BY year ORDER BY year"
        for year, count in conn.execute(sql, params):
            print(year, count)
        return
    order = "p.date DESC" if args.sort == "newest" else "passages_fts.rank"
    sql = (
        "SELECT p.id, p.date, p.speaker, snippet(passages_fts, 0, '[', ']', '…', 40) "
        f"{body} ORDER BY {order} LIMIT 10"
    )
    hits = conn.execute(sql, params).fetchall()
    total = conn.execute(f"SELECT count(*) {body}", params).fetchone()[0]
    print(f"total {total}")
    for row in hits:
        print(*row)


def main(argv: list[str] | None = None) -> None:
    peer_cli.run(__doc__, index, search, argv)


if __name__ == "__main__":
    sys.exit(main())
