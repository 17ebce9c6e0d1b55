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
from typing import TYPE_CHECKING

from archive.model import Person
from archive.speakers import offices
from archive.speakers.lookup import Lookup
from archive.speakers.name_keys import is_member_id, name_aliases, normalise, surname
from archive.speakers.namesakes import namesake
from archive.speakers.newcomers import person_name
from archive.speakers.readings import Readings

if TYPE_CHECKING:
    from archive.speakers.evidence import Evidence
    from archive.speakers.members import PersonRecord

PARLPARSE_PERSON = "uk.org.publicwhip/person/"
# A typo is one edit (a transposition counts as one) in a name this long or longer.
TYPO_MIN_LENGTH = 6
# Speakers `resolve` remembers at most, between changes to the registry.
MEMO_SIZE = 50_000


class People(Lookup, Readings):
    """The registry of speakers, kept in the catalog."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._titled: dict[str, frozenset[str]] = {}  # printed title -> the offices it names
        self._changed()

    # -- in-memory maps, rebuilt after every change --------------------------

    # Indexing resolves thousands of speakers, so `resolve` loads the aliases
    # and offices whole; a search looks up its few names with the indexes.

    def forget(self) -> None:
        """Drop the in-memory maps: another process may have changed the registry."""
        self._forget()

    def _changed(self) -> None:
        """Drop what `resolve` remembers: the registry has changed."""
        self._memo: dict[tuple, int | None] = {}
        self._news_memo: dict[tuple, int | None] = {}
        self._memo_evidence: Evidence | None = None

    def _forget(self) -> None:
        self._changed()
        for name in (
            "_aliases", "_offices", "_office_names", "_registry_names", "_typos",
            "_registry_ids", "_short_forms",
        ):  # fmt: skip
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
        party: str | None = None,
        evidence: Evidence | None = None,
    ) -> int | None:
        """The person a document's speaker is, creating them if new; None if it cannot be told
        (see `_resolve`).

        Remembered until the registry next changes: a run meets the same
        speaker on the same day again and again (a debate's speeches, a
        story's passage and its quotes). What a story's evidence says is
        remembered for that story only.
        """
        if evidence is not None and evidence.news:
            if evidence is not self._memo_evidence:
                self._memo_evidence, self._news_memo = evidence, {}
            memo = self._news_memo
        else:
            memo, evidence = self._memo, None  # a document that needs no evidence
        key = (name, role, ref, day, party)
        if key not in memo:
            if len(memo) > MEMO_SIZE:
                memo.clear()
            memo[key] = self._resolve(name, role, ref, day, party, evidence)
        return memo[key]

    def _resolve(
        self,
        name: str | None = None,
        role: str | None = None,
        ref: str | None = None,
        day: dt.date | None = None,
        party: str | None = None,
        evidence: Evidence | None = None,
    ) -> int | None:
        """The person a document's speaker is, creating them if new; None if it cannot be told.

        `ref` wins; then the name (exact, then a one-letter typo of a registry
        name, then new); a name shared by several people is settled by who
        held `role` on `day`. A role alone is whoever held it on `day`. A
        member named by two corpora in two ways ("Bob Blackman" with a
        ParlParse id, "Robert John Blackman" with a ParlaMint one) is one
        person (archive.speakers.namesakes; `party` is what the record says).

        `evidence` is what the document gives to go on (archive.speakers.evidence;
        None trusts it like Hansard): in news not about UK politics only a
        registry name printed in full is its person, never a typo, a short form
        or a bare surname of one, nor an office its UK holder; and news adds
        people only by their names (archive.speakers.newcomers).
        """
        self._aliases, self._offices  # noqa: B018 -- loaded whole: one call of many
        foreign = ref if ref and not ref.startswith(PARLPARSE_PERSON) else None
        if ref and is_member_id(ref):
            foreign = None
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
                joined = namesake(self.conn, name, party, day, with_ref=False) if name else None
                if joined is not None:
                    return self._adopt(joined, name, ref)
                return self._create(name, ref)
            if name and self._unnamed(row[0]) and _is_a_name(name):
                # Minister lists know some people by id only; the record names them.
                self._name(row[0], name)
            return row[0]
        news = evidence is not None and evidence.news
        if name and news:
            name = person_name(name)
        norm = normalise(name) if name else ""
        holders = self._holders_named(role, day, evidence) if role and day else []
        if not norm:
            return holders[0] if len(set(holders)) == 1 else None
        # In news, the evidence is asked only when it would change the answer: UK
        # politics named lets a typo or a short form of a member's name be theirs,
        # Britain named a bare surname (archive.speakers.evidence).
        if " " in norm:
            found = self._ids("full", norm)
            if news and any(norm in self._short_forms[p] for p in found) and not evidence.politics:
                found = [p for p in found if norm not in self._short_forms[p]]
            if not found:
                if not news or evidence.politics:
                    found = self._ids("full", _without_middle_names(norm)) or self._registry_typo(
                        norm
                    )
                elif evidence.uk:
                    found = self._vouched(self._registry_typo(norm), holders, day, evidence)
        else:
            found = self._ids("surname", norm)
            if news and any(p in self._registry_ids for p in found) and not evidence.uk:
                found = [p for p in found if p not in self._registry_ids]
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
        if foreign and " " in norm:
            joined = namesake(self.conn, name, party, day, with_ref=True)
            if joined is not None:
                self._add_aliases(joined, name_aliases(" ".join(name.split())))
                return joined
        return self._create(name)

    def _adopt(self, person_id: int, name: str, ref: str) -> int:
        """Give a person first met in another corpus their ParlParse id and name."""
        display = " ".join(name.split())
        self.conn.execute(
            "UPDATE people SET ref = ?, key = ?, name = ? WHERE id = ?",
            (ref, ref, display, person_id),
        )
        self._add_aliases(person_id, name_aliases(display), registry=True)
        from archive.speakers.members import shipped_names, store_names

        store_names(self.conn, person_id, shipped_names().get(ref, ()))
        return person_id

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
        self._changed()
        cur = self.conn.execute(
            "INSERT INTO people(name, key, ref) VALUES (?, ?, ?)", (display, key, ref)
        )
        if display:
            self._add_aliases(cur.lastrowid, name_aliases(display), registry=ref is not None)
        if ref:
            from archive.speakers.members import shipped_names, store_names

            store_names(self.conn, cur.lastrowid, shipped_names().get(ref, ()))
            self.__dict__.pop("_registry_ids", None)
        return cur.lastrowid

    def _add_aliases(
        self, person_id: int, aliases: Iterable[tuple[str, str]], registry: bool = False
    ) -> None:
        rows = [(person_id, kind, norm) for kind, norm in aliases if norm]
        self._changed()
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
            for name in ("_registry_names", "_typos", "_registry_ids", "_short_forms"):
                self.__dict__.pop(name, None)

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

    def import_records(self, records: Iterable[PersonRecord]) -> tuple[int, int, int]:
        """Add or update people from member lists; returns (added, updated, not found)."""
        from archive.speakers.members import store_records

        counts = store_records(self.conn, records)
        self._forget()
        return counts

    def offices_until(self) -> dt.date | None:
        """The last day the registry's offices are known to: the last date its minister
        lists give. An office with no end is held "to at least" that day, not "to now"."""
        (last,) = self.conn.execute(
            "SELECT MAX(MAX(COALESCE(start, '')), MAX(COALESCE(end, ''))) FROM offices"
        ).fetchone()
        return _day(last) if last else None

    def load_default(self) -> tuple[int, int, int]:
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


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _covers(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)
