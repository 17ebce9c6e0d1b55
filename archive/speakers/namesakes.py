"""One person in two records: the same member of Parliament as two sources name them.

ParlParse prints "Bob Blackman" with its person id; ParlaMint prints "Robert John
Blackman" with an id of its own. They are one person when the surname is the
same, the forenames agree (the same first name, or one a known nickname of the
other: Bob and Robert, from the `nicknames` package's hand-made table), and
nothing disagrees: where both have a party on the day, it is the same one. Two
people who merely share a surname never join, and neither do two candidates'
worth of people: the join needs exactly one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import lru_cache

from archive.query.words import fold
from archive.speakers.name_keys import normalise, surname


@lru_cache(maxsize=1)
def _nicknames():
    from nicknames import NickNamer

    return NickNamer()


def forenames_agree(a: str, b: str) -> bool:
    """True if two normalised first names may name one person: equal, or one a
    nickname of the other (bob/robert, bill/william)."""
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2:
        return False
    names = _nicknames()
    return b in names.nicknames_of(a) or a in names.nicknames_of(b)


def same_party(a: str | None, b: str | None) -> bool:
    """False only when both parties are known and differ ("Labour" and "Lab/Co-op" agree)."""
    if not a or not b:
        return True
    from archive.speakers.members import party_name

    first, second = fold(party_name(a)).split(), fold(party_name(b)).split()
    return first[0] == second[0]


def namesake(
    conn: sqlite3.Connection,
    name: str,
    party: str | None,
    day: dt.date | None,
    with_ref: bool,
) -> int | None:
    """The one person already known under another spelling of `name`, or None.

    With `with_ref`, only people with a ParlParse id are candidates (a record
    from another corpus joining them); without, only people with none (a
    ParlParse record arriving after another corpus's).
    """
    norm = normalise(name)
    tokens = norm.split()
    if len(tokens) < 2:
        return None
    first, last = tokens[0], surname(norm)
    rows = conn.execute(
        "SELECT DISTINCT p.id FROM aliases a JOIN people p ON p.id = a.person_id "
        "WHERE a.kind = 'surname' AND a.norm = ? AND p.ref IS "
        + ("NOT NULL AND p.ref LIKE 'uk.org.publicwhip/person/%'" if with_ref else "NULL"),
        (last,),
    ).fetchall()
    found = []
    for (person_id,) in rows:
        forenames = {
            full.split()[0]
            for (full,) in conn.execute(
                "SELECT norm FROM aliases WHERE person_id = ? AND kind = 'full'", (person_id,)
            )
            if surname(full) == last and len(full.split()) >= 2
        }
        if not any(forenames_agree(first, other) for other in forenames):
            continue
        if not same_party(party, _party(conn, person_id, day)):
            continue
        if not with_ref and not _speaks_in_hansard(conn, person_id):
            continue  # a ref-less person from the news is not joined to a member
        found.append(person_id)
    return found[0] if len(found) == 1 else None


def _party(conn: sqlite3.Connection, person_id: int, day: dt.date | None) -> str | None:
    """The person's party on `day` from the registry, else the one their speeches give."""
    on = day.isoformat() if day else None
    row = conn.execute(
        "SELECT party FROM parties WHERE person_id = ? AND (? IS NULL OR "
        "((start IS NULL OR start <= ?) AND (end IS NULL OR ? <= end))) "
        "ORDER BY start DESC LIMIT 1",
        (person_id, on, on, on),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT speaker_party FROM passages WHERE speaker_id = ? "
            "AND speaker_party IS NOT NULL LIMIT 1",
            (person_id,),
        ).fetchone()
    return row[0] if row else None


def _speaks_in_hansard(conn: sqlite3.Connection, person_id: int) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_id = ? AND d.kind = 'hansard' LIMIT 1",
            (person_id,),
        ).fetchone()
    )
