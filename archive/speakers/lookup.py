"""Search time: what a --speaker value, a name pattern or a few typed letters mean.

A part of the registry (archive.speakers.registry.People), apart from index
time's `resolve`: these look people up without ever creating one.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from typing import NamedTuple

from archive.speakers import offices
from archive.speakers.name_keys import normalise


class SpeakerMatch(NamedTuple):
    """What one --speaker value means: people, and/or office holders for their terms."""

    query: str
    person_ids: tuple[int, ...] = ()
    # (person id, first day, last day): an office matches its holder only while held.
    terms: tuple[tuple[int, dt.date | None, dt.date | None], ...] = ()
    names: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.person_ids or self.terms)


class Lookup:
    """The registry's search-time lookups (a part of People)."""

    conn: sqlite3.Connection

    def match(self, query: str) -> SpeakerMatch:
        """Everyone a --speaker value may mean.

        Tried in turn: a person id; an office ("Foreign Secretary": each
        holder for their term); a full name, surname or alias; a one-letter
        typo of one. Where several people match, those who speak in the
        archive are preferred.
        """
        ref = _as_ref(query)
        if ref:
            row = self.conn.execute("SELECT id FROM people WHERE ref = ?", (ref,)).fetchone()
            return self._people(query, [row[0]] if row else [])
        norm = normalise(query)
        if not norm:
            return SpeakerMatch(query)
        full = self._ids("full", norm)
        # A full name written as a name wins over an office of the same words,
        # so then the offices need not be looked at (that takes a scan of them).
        if not (full and offices.normalise_title(query) == norm):
            terms = [(pid, start, end) for pid, _, start, end in self.holders(query)]
            if terms:
                ids = sorted({t[0] for t in terms})
                names = tuple(self.display_name(i) for i in ids)
                return SpeakerMatch(query, (), tuple(terms), names)
        found = full + self._ids("surname", norm)
        if not found:
            every_name: dict[str, list[int]] = defaultdict(list)
            for (_, name), ids in self._aliases.items():
                every_name[name].extend(ids)
            found = self._fuzzy(norm, every_name)
        return self._people(query, found)

    def _people(self, query: str, ids: list[int]) -> SpeakerMatch:
        ids = sorted(set(ids))
        speaking = self._speaking(ids)
        ids = speaking or ids
        return SpeakerMatch(query, tuple(ids), (), tuple(self.display_name(i) for i in ids))

    def _speaking(self, ids: list[int]) -> list[int]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT DISTINCT speaker_id FROM passages WHERE speaker_id IN ({marks})", ids
        )
        return sorted(r[0] for r in rows)

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Names close to `query`, speakers in the archive first."""
        rows = self.conn.execute(
            "SELECT p.name FROM people p WHERE p.name IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM passages WHERE speaker_id = p.id)"
        ).fetchall()
        names = [r[0] for r in rows] or [
            r[0] for r in self.conn.execute("SELECT name FROM people WHERE name IS NOT NULL")
        ]
        from rapidfuzz import process

        found = process.extract(normalise(query), names, processor=normalise, limit=limit)
        return [name for name, score, _ in found if score >= 60]

    def names_like(self, text: str, limit: int = 10) -> list[str]:
        """Names and offices containing `text` (any case), people who speak in the archive
        first: suggestions for a --speaker box."""
        like = "%" + re.sub(r"([%_\\])", r"\\\1", text.strip()) + "%"
        rows = self.conn.execute(
            "SELECT name FROM (SELECT p.name AS name, EXISTS (SELECT 1 FROM passages s "
            "WHERE s.speaker_id = p.id) AS speaks FROM people p WHERE p.name LIKE ? ESCAPE '\\' "
            "UNION SELECT DISTINCT office, 0 FROM offices WHERE office LIKE ? ESCAPE '\\') "
            "ORDER BY speaks DESC, name LIMIT ?",
            (like, like, limit),
        )
        return list(dict.fromkeys(r[0] for r in rows))

    def ids_named(self, pattern: str) -> set[int]:
        """People `pattern` names (as --speaker would), or whose names contain it."""
        found = set(self.match(pattern).person_ids) | {t[0] for t in self.match(pattern).terms}
        if not found:
            norm = normalise(pattern)
            found = {pid for (_, name), ids in self._aliases.items() if norm in name for pid in ids}
        return found


def _as_ref(query: str) -> str | None:
    match = re.fullmatch(r"\s*(?:uk\.org\.publicwhip/)?person/(\d+)\s*", query)
    return f"uk.org.publicwhip/person/{match.group(1)}" if match else None
