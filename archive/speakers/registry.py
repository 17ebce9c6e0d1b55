"""Speakers as people: one person however the text names them.

A person has a canonical name (or none yet: minister lists name some
people only by id), an optional stable id (`ref`, a ParlParse person id),
aliases, and offices and parties held over dates. Documents name speakers
by full name, surname, misspelt name or office; `resolve` turns each into
one person, using the document's date for offices ("the Foreign Secretary"
on 2015-12-16 is Philip Hammond). `match` does the same for `--speaker`.

Everything lives in the catalog's `people`, `aliases`, `offices` and
`parties` tables; this module keeps small in-memory maps of them for speed.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from archive.model import Person
from archive.speakers import offices
from archive.speakers.name_keys import is_member_id, name_aliases, normalise, surname

if TYPE_CHECKING:
    from archive.speakers.members import PersonRecord

PARLPARSE_PERSON = "uk.org.publicwhip/person/"
# A typo is one edit (a transposition counts as one) in a name this long or longer.
TYPO_MIN_LENGTH = 6


class SpeakerMatch(NamedTuple):
    """What one --speaker value means: people, and/or office holders for their terms."""

    query: str
    person_ids: tuple[int, ...] = ()
    # (person id, first day, last day): an office matches its holder only while held.
    terms: tuple[tuple[int, dt.date | None, dt.date | None], ...] = ()
    names: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.person_ids or self.terms)


class People:
    """The registry of speakers, kept in the catalog."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._titled: dict[str, frozenset[str]] = {}  # printed title -> the offices it names

    # -- in-memory maps, rebuilt after every change --------------------------

    # Indexing resolves thousands of speakers, so `resolve` loads the aliases
    # and offices whole; a search looks up its few names with the indexes.

    def forget(self) -> None:
        """Drop the in-memory maps: another process may have changed the registry."""
        self._forget()

    def _forget(self) -> None:
        for name in ("_aliases", "_offices", "_office_names", "_registry_names", "_typos"):
            self.__dict__.pop(name, None)
        self._titled: dict[str, frozenset[str]] = {}

    @cached_property
    def _aliases(self) -> dict[tuple[str, str], list[int]]:
        found: dict[tuple[str, str], list[int]] = defaultdict(list)
        for person_id, kind, norm in self.conn.execute(
            "SELECT person_id, kind, norm FROM aliases ORDER BY person_id"
        ):
            found[(kind, norm)].append(person_id)
        return found

    @cached_property
    def _offices(self) -> dict[str, list[tuple[int, str, dt.date | None, dt.date | None]]]:
        """Office -> its terms (person id, office, start, end)."""
        found: dict[str, list] = defaultdict(list)
        for pid, office, start, end in self.conn.execute(
            "SELECT person_id, office, start, end FROM offices"
        ):
            found[office].append((pid, office, _day(start), _day(end)))
        return found

    @cached_property
    def _office_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT office FROM offices")]

    @cached_property
    def _registry_names(self) -> dict[str, list[int]]:
        """Full-name aliases of people from member lists: the names typos are matched to."""
        found: dict[str, list[int]] = defaultdict(list)
        for norm, person_id in self.conn.execute(
            "SELECT a.norm, a.person_id FROM aliases a JOIN people p ON p.id = a.person_id "
            "WHERE a.kind = 'full' AND p.ref IS NOT NULL"
        ):
            found[norm].append(person_id)
        return found

    # -- reading --------------------------------------------------------------

    def get(self, person_id: int) -> Person:
        name, ref = self.conn.execute(
            "SELECT name, ref FROM people WHERE id = ?", (person_id,)
        ).fetchone()
        aliases = tuple(
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT norm FROM aliases WHERE person_id = ? ORDER BY kind, norm",
                (person_id,),
            )
        )
        office_rows = self.conn.execute(
            "SELECT office, start, end FROM offices WHERE person_id = ? ORDER BY start, office",
            (person_id,),
        ).fetchall()
        party_rows = self.conn.execute(
            "SELECT party, start, end FROM parties WHERE person_id = ? ORDER BY start, party",
            (person_id,),
        ).fetchall()
        return Person(
            person_id, name or ref or f"person {person_id}", ref, aliases,
            tuple(office_rows), tuple(party_rows),
        )  # fmt: skip

    def display_name(self, person_id: int) -> str:
        name, ref = self.conn.execute(
            "SELECT name, ref FROM people WHERE id = ?", (person_id,)
        ).fetchone()
        return name or ref

    def holders(self, title: str, day: dt.date | None = None) -> list[tuple]:
        """(person id, office, start, end) of each term of an office a printed title names.

        With `day`, only the terms that cover it, newest appointment first.
        """
        wanted = self._titled.get(title)
        if wanted is None:
            test = offices.matcher(title)
            wanted = frozenset(o for o in self._office_names if test(o)) if test else frozenset()
            self._titled[title] = wanted
        if not wanted:
            return []
        if "_offices" in self.__dict__:
            terms = [t for office in sorted(wanted) for t in self._offices.get(office, ())]
        else:
            marks = ",".join("?" * len(wanted))
            terms = [
                (pid, office, _day(start), _day(end))
                for pid, office, start, end in self.conn.execute(
                    "SELECT person_id, office, start, end FROM offices "
                    f"WHERE office IN ({marks}) ORDER BY rowid",
                    sorted(wanted),
                )
            ]
        if day is not None:
            terms = [t for t in terms if _covers(t[2], t[3], day)]
            terms.sort(key=lambda t: t[2] or dt.date.min, reverse=True)
        return terms

    def _ids(self, kind: str, norm: str) -> list[int]:
        if "_aliases" in self.__dict__:
            return list(self._aliases.get((kind, norm), ()))
        rows = self.conn.execute(
            "SELECT person_id FROM aliases WHERE norm = ? AND kind = ? ORDER BY person_id",
            (norm, kind),
        )
        return [r[0] for r in rows]

    @cached_property
    def _typos(self) -> dict[str, list[int]]:
        return {}

    def _registry_typo(self, norm: str) -> list[int]:
        """The registry people `norm` is a one-letter typo of; remembered, as
        indexing meets the same unknown name again and again."""
        if norm not in self._typos:
            self._typos[norm] = self._fuzzy(norm, self._registry_names)
        return list(self._typos[norm])

    @staticmethod
    def _fuzzy(norm: str, names: dict[str, list[int]]) -> list[int]:
        """The people one of whose `names` is `norm` with one letter wrong."""
        if len(norm) < TYPO_MIN_LENGTH:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = process.extract(norm, list(names), scorer=OSA.distance, score_cutoff=1, limit=10)
        return sorted({pid for name, _, _ in found for pid in names[name]})

    # -- index time: a document's speaker -> a person -------------------------

    def resolve(
        self,
        name: str | None = None,
        role: str | None = None,
        ref: str | None = None,
        day: dt.date | None = None,
    ) -> int | None:
        """The person a document's speaker is, creating them if new; None if it cannot be told.

        `ref` wins; then the name (exact, then a one-letter typo of a registry
        name, then new); a name shared by several people is settled by who
        held `role` on `day`. A role alone is whoever held it on `day`.
        """
        self._aliases, self._offices  # noqa: B018 -- loaded whole: one call of many
        if ref and is_member_id(ref):
            person_ref, latest = self._person_of_seat(ref)
            if person_ref:
                ref, name = person_ref, latest or name
        if ref and not ref.startswith(PARLPARSE_PERSON) and name:
            # Another corpus's own id (ParlaMint's "DavidDavis"): the name says who.
            known = self.conn.execute("SELECT id FROM people WHERE ref = ?", (ref,)).fetchone()
            if known is None:
                ref = None
        if ref:
            row = self.conn.execute("SELECT id FROM people WHERE ref = ?", (ref,)).fetchone()
            if row is None:
                return self._create(name, ref)
            if name and self._unnamed(row[0]) and _is_a_name(name):
                # Minister lists know some people by id only; the record names them.
                self._name(row[0], name)
            return row[0]
        norm = normalise(name) if name else ""
        holders = [t[0] for t in self.holders(role, day)] if role and day else []
        if not norm:
            return holders[0] if len(set(holders)) == 1 else None
        if " " in norm:
            found = (
                self._ids("full", norm)
                or self._ids("full", _without_middle_names(norm))
                or self._registry_typo(norm)
            )
        else:
            found = self._ids("surname", norm)
        if len(found) > 1:
            found = [p for p in found if p in holders] or self._active(found, day) or found
        if len(found) == 1:
            return found[0]
        if found:
            return None  # several people of that name, nothing to tell them apart
        if len(set(holders)) == 1 and self._unnamed(holders[0]):
            # Minister lists name some office holders by id only; the document names them.
            self._name(holders[0], name)
            return holders[0]
        return self._create(name)

    def _person_of_seat(self, seat: str) -> tuple[str | None, str | None]:
        """The person id and name behind an old member or lord id: imported lists
        first, then the map shipped with the package (see archive/data/README.md)."""
        row = self.conn.execute(
            "SELECT m.person_ref, p.name FROM member_refs m "
            "LEFT JOIN people p ON p.ref = m.person_ref WHERE m.ref = ?",
            (seat,),
        ).fetchone()
        if row:
            return row[0], row[1]
        from archive.speakers.members import shipped_seats

        return shipped_seats().get(seat, (None, None))

    def _active(self, ids: list[int], day: dt.date | None) -> list[int]:
        """Those of `ids` holding some office or seat on `day`."""
        if day is None:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT person_id, start, end FROM offices WHERE person_id IN ({marks}) "
            f"UNION ALL SELECT person_id, start, end FROM parties WHERE person_id IN ({marks})",
            (*ids, *ids),
        )
        return sorted({pid for pid, s, e in rows if _covers(_day(s), _day(e), day)})

    def _unnamed(self, person_id: int) -> bool:
        row = self.conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
        return row is not None and row[0] is None

    def _name(self, person_id: int, name: str) -> None:
        display = " ".join(name.split())
        self.conn.execute("UPDATE people SET name = ? WHERE id = ?", (display, person_id))
        self._add_aliases(person_id, name_aliases(display), registry=True)

    def _create(self, name: str | None, ref: str | None = None) -> int | None:
        display = " ".join(name.split()) if name else None
        norm = normalise(display) if display else ""
        if not norm and not ref:
            return None
        if norm and " " in norm and not ref:
            # A surname met before the full name ("Obama", then "Barack Obama")
            # was kept as a person of its own: it was this one all along.
            row = self.conn.execute(
                "SELECT id FROM people WHERE key = ? AND ref IS NULL", (surname(norm),)
            ).fetchone()
            if row:
                self.conn.execute(
                    "UPDATE people SET name = ?, key = ? WHERE id = ?", (display, norm, row[0])
                )
                self._add_aliases(row[0], name_aliases(display))
                return row[0]
        key = ref or norm
        cur = self.conn.execute(
            "INSERT INTO people(name, key, ref) VALUES (?, ?, ?)", (display, key, ref)
        )
        if display:
            self._add_aliases(cur.lastrowid, name_aliases(display), registry=ref is not None)
        return cur.lastrowid

    def _add_aliases(
        self, person_id: int, aliases: Iterable[tuple[str, str]], registry: bool = False
    ) -> None:
        rows = [(person_id, kind, norm) for kind, norm in aliases if norm]
        self.conn.executemany(
            "INSERT OR IGNORE INTO aliases(person_id, kind, norm) VALUES (?, ?, ?)", rows
        )
        # Keep the in-memory maps in step rather than rebuild them: indexing
        # creates a person per new speaker, thousands in a run.
        if "_aliases" in self.__dict__:
            for _, kind, norm in rows:
                ids = self._aliases[(kind, norm)]
                if person_id not in ids:
                    ids.append(person_id)
        if registry:
            self.__dict__.pop("_registry_names", None)
            self.__dict__.pop("_typos", None)

    # -- search time: --speaker -> people and office terms ---------------------

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

    def party_on(self, person_id: int, day: dt.date | None) -> str | None:
        """The person's party on `day`, else the last one held before it."""
        rows = self.conn.execute(
            "SELECT party, start, end FROM parties WHERE person_id = ? ORDER BY start DESC",
            (person_id,),
        ).fetchall()
        if day is None:
            return rows[0][0] if rows else None
        for party, start, end in rows:
            if _covers(_day(start), _day(end), day):
                return party
        before = [party for party, start, _ in rows if start is None or _day(start) <= day]
        return before[0] if before else None

    # -- registry data ---------------------------------------------------------

    def import_records(self, records: Iterable[PersonRecord]) -> tuple[int, int]:
        """Add or update people from member lists; returns (added, updated)."""
        from archive.speakers.members import store_records

        counts = store_records(self.conn, records)
        self._forget()
        return counts

    def load_default(self) -> tuple[int, int]:
        """Import the registry shipped with the package (see archive/data/README.md)."""
        from archive.speakers.members import shipped_registry

        return self.import_records(shipped_registry())


_NOT_A_NAME = re.compile(r"^(the |mr\.? speaker|madam |hon\.? members?|several |an? )", re.I)


def _is_a_name(name: str) -> bool:
    """'Jo Smith' names a person; 'Mr Speaker', 'The Minister' and 'Hon. Members' do not."""
    return len(name.split()) >= 2 and not _NOT_A_NAME.match(name.strip())


def _without_middle_names(norm: str) -> str:
    """'david michael davis' -> 'david davis' (ParlaMint gives every forename)."""
    words = norm.split()
    return f"{words[0]} {words[-1]}" if len(words) > 2 else norm


def _as_ref(query: str) -> str | None:
    match = re.fullmatch(r"\s*(?:uk\.org\.publicwhip/)?person/(\d+)\s*", query)
    return f"uk.org.publicwhip/person/{match.group(1)}" if match else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _covers(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)
