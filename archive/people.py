"""Speakers as people: one person however the text names them.

For now a person is created from the full names the ingesters find; aliases
are the normalised full name and the surname, so `--speaker hammond`,
`--speaker "Philip Hammond"` and `--speaker "Mr Hammond"` are the same
filter. Titles are never part of a name.
"""

from __future__ import annotations

import re
import sqlite3

from .analysis import fold
from .model import Person

TITLES = frozenset(
    "mr mrs ms miss mx dr sir lord lady dame baroness baron rt hon right honourable"
    " president prime minister secretary".split()
)


def normalise(name: str) -> str:
    """A name reduced for matching: 'Mr  Hammond' -> 'hammond', 'al-Moualem' -> 'al moualem'."""
    tokens = re.findall(r"[^\W_]+", fold(name))
    while tokens and tokens[0] in TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def aliases_of(name: str) -> set[str]:
    """The normalised forms a person with this full name is found by."""
    norm = normalise(name)
    if not norm:
        return set()
    return {norm, norm.split()[-1]}


class People:
    """The registry of speakers, kept in the catalog's `people` and `aliases` tables."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def resolve(self, name: str) -> int | None:
        """The id of the person `name` refers to, creating them if new; None for no name.

        A bare surname joins the one person of that surname if there is
        exactly one; otherwise it stands for itself.
        """
        norm = normalise(name)
        if not norm:
            return None
        row = self.conn.execute("SELECT id FROM people WHERE key = ?", (norm,)).fetchone()
        if row:
            return row[0]
        if " " not in norm:
            ids = self._ids_for_alias(norm)
            if len(ids) == 1:
                return ids[0]
        display = " ".join(name.split())
        cur = self.conn.execute("INSERT INTO people(name, key) VALUES (?, ?)", (display, norm))
        person_id = cur.lastrowid
        self.conn.executemany(
            "INSERT OR IGNORE INTO aliases(person_id, norm) VALUES (?, ?)",
            [(person_id, alias) for alias in aliases_of(display)],
        )
        return person_id

    def find(self, name: str) -> list[Person]:
        """Everyone `name` may mean: by full name, surname or alias, case-insensitive."""
        norm = normalise(name)
        if not norm:
            return []
        ids = self._ids_for_alias(norm)
        return [self.get(person_id) for person_id in ids]

    def get(self, person_id: int) -> Person:
        name = self.conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()[0]
        aliases = tuple(
            r[0]
            for r in self.conn.execute(
                "SELECT norm FROM aliases WHERE person_id = ? ORDER BY norm", (person_id,)
            )
        )
        return Person(person_id, name, aliases)

    def _ids_for_alias(self, norm: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT DISTINCT person_id FROM aliases WHERE norm = ? ORDER BY person_id", (norm,)
        )
        return [r[0] for r in rows]
