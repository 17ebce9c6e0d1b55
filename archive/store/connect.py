"""Opening the catalog's SQLite file: made with its tables, upgraded from an older
version, or read-only when it cannot be written."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from archive.errors import Unwritable
from archive.store.schema import SCHEMA, SCHEMA_VERSION, upgrade


def made(path: Path) -> bool:
    """Whether the catalog at `path` exists with its tables (its making was not cut short)."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return True  # not for this look to say; opening it for real will
    return found is not None


def connect(path: Path, create: bool, read_only: bool = False) -> tuple[sqlite3.Connection, bool]:
    """A connection to the catalog at `path` (with its tables made if `create`), and
    whether it is read-only: asked for (`read_only`), or because it cannot be written."""
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif read_only or not _writable(path):
        return _read_only(path), True
    # isolation_level=None: transactions are explicit (Catalog.transaction).
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as exc:
        conn.close()
        # os.access does not see a read-only mount when running as root.
        if create or ("unable to open" not in str(exc) and "readonly" not in str(exc)):
            raise
        return _read_only(path), True
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    if create:
        # executescript commits on its own, so the script is its own transaction.
        conn.executescript(
            f"BEGIN IMMEDIATE;{SCHEMA}"
            "INSERT OR IGNORE INTO meta(key, value) "
            f"VALUES ('schema_version', '{SCHEMA_VERSION}');"
            "COMMIT;"
        )
    if _version(conn) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have upgraded it meanwhile.
            version = _version(conn)
            if version < SCHEMA_VERSION:
                upgrade(conn, version)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return conn, False


def _writable(path: Path) -> bool:
    """Whether the catalog and its folder (where SQLite keeps its journal) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _read_only(path: Path) -> sqlite3.Connection:
    """Read a catalog that cannot (or is not to) be written; `immutable` when even its WAL
    index cannot be made (the media is read-only, so nothing can change it meanwhile).
    Nothing writes through it, so it may be handed from thread to thread (one at a time),
    as a web server's pool of readers does."""
    uri = path.resolve().as_uri()
    for mode in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(
            f"{uri}?{mode}", uri=True, isolation_level=None, timeout=30, check_same_thread=False
        )
        try:
            version = _version(conn)
            break
        except sqlite3.OperationalError:
            conn.close()
            if "immutable" in mode:
                raise
    if version < SCHEMA_VERSION:
        conn.close()
        raise Unwritable(
            f"{path}: this catalog was made by an older version of archive and must be "
            "upgraded, which needs it writable: run any command that writes where it can"
        )
    return conn
