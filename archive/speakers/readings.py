"""Which readings of a printed speaker a story's evidence allows (a part of People).

A registry name printed in full is that person anywhere; a short form of
it, a typo of it, a bare surname or an office read as its UK holder needs
the story to be about them (archive.speakers.evidence). These are the
registry's side of it: the office holders a story may mean, the typos it
vouches for, and the names no source printed.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from archive.speakers.name_keys import normalise, surname

if TYPE_CHECKING:
    from archive.speakers.evidence import Evidence


class Readings:
    """Evidence-bound readings (a part of archive.speakers.registry.People)."""

    conn: sqlite3.Connection

    def _holders_named(self, role: str, day: dt.date, evidence: Evidence | None) -> list[int]:
        """Who held `role` on `day`, if the document may mean the UK's office: not
        where it gives the title to another country or to someone else by name."""
        named: tuple[str, ...] = ()
        if evidence is not None:
            uk, named = evidence.office(role)
            if not uk:
                return []
        holders = [t[0] for t in self.holders(role, day)]
        for printed in named:
            # By surname: the name after the title may be misspelt ("Micheal Fallon").
            last = surname(normalise(printed))
            if last and not set(self._ids("surname", last)) & set(holders):
                return []  # "Prime Minister Brian Mulroney": not the UK's prime minister
        return holders

    def _vouched(
        self, ids: list[int], holders: list[int], day: dt.date | None, evidence: Evidence | None
    ) -> list[int]:
        """Those of `ids` the story is about by more than their name: it gives them an office
        they held that day ("defence secretary Micheal Fallon") or names their party."""
        text = evidence.text if evidence is not None else ""
        return [
            p
            for p in ids
            if p in holders
            or ((party := self.party_on(p, day)) and re.search(rf"\b{re.escape(party)}\b", text))
        ]

    @cached_property
    def _registry_ids(self) -> frozenset[int]:
        """People of the member and minister lists."""
        return frozenset(
            r[0] for r in self.conn.execute("SELECT id FROM people WHERE ref IS NOT NULL")
        )

    @cached_property
    def _short_forms(self) -> dict[int, set[str]]:
        """Registry people's full names without middle names ("jon jones" for Jon Owen
        Jones), unless that is how they are named: forms no source printed."""
        found: dict[int, set[str]] = defaultdict(set)
        for person_id, norm, name in self.conn.execute(
            "SELECT a.person_id, a.norm, p.name FROM aliases a JOIN people p ON p.id = a.person_id "
            "WHERE a.kind = 'full' AND p.ref IS NOT NULL"
        ):
            words = norm.split()
            if len(words) > 2 and "of" not in words:
                short = f"{words[0]} {words[-1]}"
                if not name or normalise(name) != short:
                    found[person_id].add(short)
        return found
