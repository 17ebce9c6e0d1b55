"""Readers for ParlParse / TheyWorkForYou member lists -> person records for the registry.

Files (see ../shared/corpus/hansard-parlparse/members and SOURCES.md there):

- people.xml[.gz]: person ids with their latest name and the member/lord
  ids they held (the key that joins everything else);
- all-members*.xml[.gz]: MPs' names and parties per term;
- peers*.xml[.gz]: Lords' titles and affiliations;
- member-aliases.xml: other spellings of names;
- ministers*.json[.gz]: offices with start and end dates, by person id.

XML is parsed with defusedxml: no external entities, no network.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import defusedxml.ElementTree as SafeXML

from archive.errors import EMPTY_FOLDER, NO_SUCH_PATH, ArchiveError
from archive.speakers.name_keys import is_member_id, name_aliases, normalise
from archive.speakers.offices import canonical_office

PARTIES = {
    "lab": "Labour",
    "lab/co-op": "Labour",
    "con": "Conservative",
    "ldem": "Liberal Democrat",
    "ld": "Liberal Democrat",
    "snp": "Scottish National Party",
    "pc": "Plaid Cymru",
    "sf": "Sinn Féin",
    "du": "Democratic Unionist Party",
    "dup": "Democratic Unionist Party",
    "uu": "Ulster Unionist Party",
    "uup": "Ulster Unionist Party",
    "sdlp": "Social Democratic and Labour Party",
    "ind": "Independent",
    "xb": "Crossbench",
    "bish": "Bishops",
    "green": "Green Party",
    "ukip": "UK Independence Party",
    "speaker": "Speaker",
    "spk": "Speaker",
    # Lords affiliations, and the Commons' deputy speakers, who sit for no party.
    "bp": "Bishops",
    "cb": "Crossbench",
    "judge": "Law Lords",
    "non-affiliated": "Non-affiliated",
    "dcwm": "Deputy Speaker (Deputy Chairman of Ways and Means)",
    "cwm": "Deputy Speaker (Chairman of Ways and Means)",
    "ind con": "Independent Conservative",
    "ind lab": "Independent Labour",
    "ind uu": "Independent Ulster Unionist",
    "res": "Respect",
    "ukup": "UK Unionist Party",
    "alliance": "Alliance Party",
}
# Offices that are not offices of state: parliamentary private secretaries.
_NOT_AN_OFFICE = re.compile(r"^-?\s*PPS\b|^Team PPS", re.I)


@dataclass(frozen=True)
class Term:
    """A value held from `start` to `end` (None: open)."""

    value: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class PersonRecord:
    """What the member lists say of one person; `name` is None where they give none."""

    ref: str
    name: str | None = None
    aliases: set[str] = field(default_factory=set)
    offices: set[Term] = field(default_factory=set)
    parties: set[Term] = field(default_factory=set)
    # The names they sat under, when: "John Gummer" as an MP, "Lord Deben" from 2010.
    names: set[Term] = field(default_factory=set)
    # False for a record that only adds to what is known (a party table's row): its
    # terms join the person's instead of replacing them, and it creates nobody by name.
    replace: bool = True
    # Old-style ids of the seats they held: "uk.org.publicwhip/member/1", ".../lord/100001".
    member_ids: set[str] = field(default_factory=set)


class PeopleImport(NamedTuple):
    """What `archive people import` changed."""

    added: int  # people new to the registry
    updated: int  # people it knew, with more said of them
    not_found: int  # rows of a table naming nobody (or several people) by name
    speakers_changed: int  # passages now credited to another person
    parties_changed: int  # passages whose speaker's party on the day changed


def party_name(code: str) -> str:
    """'Lab' -> 'Labour'; unknown codes are kept as they are."""
    return PARTIES.get(code.strip().lower(), code.strip())


def _date(value: str | None) -> dt.date | None:
    if not value or value.startswith("9999"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        # Peers' lists give a bare year for old creations.
        return dt.date(int(value[:4]), 1, 1) if value[:4].isdigit() else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def _xml(path: Path):
    try:
        return SafeXML.fromstring(_read(path))
    except Exception as exc:  # defusedxml raises several types for hostile or broken XML
        raise ArchiveError(f"{path}: not a member list ({type(exc).__name__}: {exc})") from None


def _json(path: Path) -> dict:
    try:
        data = json.loads(_read(path))
    except Exception as exc:  # broken gzip or JSON: one line naming the file
        raise ArchiveError(f"{path}: not a ministers list ({type(exc).__name__}: {exc})") from None
    if not isinstance(data, dict):
        raise ArchiveError(f"{path}: not a ministers list (JSON, but not an object)")
    return data


# What `archive people import` reads, for messages.
MEMBER_FILES = (
    "people.xml, all-members*.xml, peers*.xml, member-aliases.xml, ministers*.json, "
    "or a .json/.csv table of person -> party"
)
# Why a file gave nobody, by its kind.
_NOBODY = {
    "people": "no <person> in it: not a ParlParse people.xml",
    "members": "nobody in it could be matched to a person: member lists name people "
    "through people.xml, so import it together with people.xml",
    "ministers": "no offices in it: not a ParlParse ministers list",
}


def expand(paths: Iterable[Path], on_note: Callable[[str], None]) -> list[tuple[Path, bool]]:
    """The files under `paths`, each with whether it was named itself rather than found
    in a folder, people.xml first since the others join through it.

    ArchiveError for a path that does not exist; a folder with no files is a note.
    """
    files: list[tuple[Path, bool]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                on_note(f"{path}: {EMPTY_FOLDER}")
            files.extend((file, False) for file in found)
        elif path.exists():
            files.append((path, True))
        else:
            raise ArchiveError(f"{path}: {NO_SUCH_PATH}")
    return sorted(files, key=lambda file: not file[0].name.startswith("people.xml"))


def read_member_files(
    paths: Iterable[Path], on_note: Callable[[str], None] | None = None
) -> list[PersonRecord]:
    """Person records from any mix of the member files.

    ArchiveError, naming the file, for a path that does not exist, a file named
    that is not a member file, and a member file that cannot be read or gives
    nobody. A file in a folder that is not a member file (a README) is skipped,
    and `on_note` told "PATH: skipped: reason". Person -> party tables are left
    to archive.speakers.party_tables.read_people_files, which reads both.
    """
    note = on_note or _ignore
    people: dict[str, PersonRecord] = {}
    person_of_office: dict[str, str] = {}
    for path, named in expand(paths, note):
        name = path.name.lower()
        if name.startswith("people.xml"):
            kind, found = "people", _read_people(_xml(path), people, person_of_office)
        elif name.startswith("all-members") or name.startswith("peers"):
            kind, found = "members", _read_members(_xml(path), people, person_of_office)
        elif name.startswith("member-aliases"):
            kind, found = "members", _read_aliases(_xml(path), people)
        elif name.startswith("ministers") and ".json" in name:
            kind, found = "ministers", _read_ministers(_json(path), people)
        elif is_party_table(path):
            continue  # archive.speakers.party_tables reads it
        else:
            reason = f"not a ParlParse member file this reader knows ({MEMBER_FILES})"
            if named:
                raise ArchiveError(f"{path}: {reason}")
            note(f"{path}: skipped: {reason}")
            continue
        if not found:
            raise ArchiveError(f"{path}: {_NOBODY[kind]}")
    return list(people.values())


def _ignore(message: str) -> None:
    pass


def is_party_table(path: Path) -> bool:
    """A JSON, CSV or TSV file that is not one of ParlParse's minister lists."""
    name = path.name.lower().removesuffix(".gz")
    return name.endswith((".json", ".csv", ".tsv")) and not name.startswith("ministers")


def _person(people: dict[str, PersonRecord], ref: str) -> PersonRecord:
    if ref not in people:
        people[ref] = PersonRecord(ref)
    return people[ref]


def _read_people(root, people, person_of_office) -> int:
    found = 0
    for element in root.iter("person"):
        record = _person(people, element.get("id"))
        found += 1
        record.name = element.get("latestname") or record.name
        for office in element.iter("office"):
            person_of_office[office.get("id")] = record.ref
            if is_member_id(office.get("id") or ""):
                record.member_ids.add(office.get("id"))
    return found


def _read_members(root, people, person_of_office) -> int:
    found = 0
    for element in root:
        ref = person_of_office.get(element.get("id") or "")
        if ref is None or element.tag not in ("member", "lord"):
            continue
        record = _person(people, ref)
        found += 1
        if element.tag == "member":
            names = [f"{element.get('firstname', '')} {element.get('lastname', '')}"]
            party = element.get("party")
        else:
            lordname, of = element.get("lordname", ""), element.get("lordofname", "")
            title = f"{element.get('title', '')} {lordname}".strip()
            names = [title, f"{title} of {of}" if of else title]
            party = element.get("affiliation")
        names = [" ".join(n.split()) for n in names if n.strip()]
        record.aliases.update(names)
        start, end = _date(element.get("fromdate")), _date(element.get("todate"))
        if names:
            record.names.add(Term(names[-1], start, end))  # a peer by their full title
        if party:
            record.parties.add(Term(party_name(party), start, end))
    return found


def _read_aliases(root, people) -> int:
    by_name: dict[str, list[PersonRecord]] = defaultdict(list)
    for record in people.values():
        for name in {record.name, *record.aliases} - {None}:
            by_name[name.lower()].append(record)
    found = 0
    for element in root.iter("alias"):
        fullname, alternate = element.get("fullname"), element.get("alternate")
        # Offices spelt as names ("The Prime Minister") are handled by offices.py.
        if not fullname or not alternate or alternate.lower().startswith("the "):
            continue
        for record in by_name.get(fullname.lower(), []):
            record.aliases.add(" ".join(alternate.split()))
            found += 1
    return found


def _read_ministers(data: dict, people) -> int:
    organisations = {o["id"]: o.get("name", o["id"]) for o in data.get("organizations", [])}
    found = 0
    for membership in data.get("memberships", []):
        role = (membership.get("role") or "").strip()
        source = membership.get("source")
        if (
            not membership.get("person_id")
            or not role
            or _NOT_AN_OFFICE.search(role)
            or source == "datadotparl/committee"
        ):
            continue
        # The old list names the department only in the organisation.
        organisation = None if source else organisations.get(membership.get("organization_id"))
        office = canonical_office(role, organisation)
        start, end = _date(membership.get("start_date")), _date(membership.get("end_date"))
        _person(people, membership["person_id"]).offices.add(Term(office, start, end))
        found += 1
    return found


def record_to_json(record: PersonRecord) -> dict:
    def terms(values: set[Term]) -> list[list]:
        return sorted([t.value, _iso(t.start), _iso(t.end)] for t in values)

    return {
        "ref": record.ref,
        "name": record.name,
        "aliases": sorted(record.aliases - {record.name}),
        "offices": terms(record.offices),
        "parties": terms(record.parties),
        "names": terms(record.names),
    }


def record_from_json(data: dict) -> PersonRecord:
    def terms(rows: list[list]) -> set[Term]:
        return {Term(value, _date(start), _date(end)) for value, start, end in rows}

    return PersonRecord(
        ref=data["ref"],
        name=data.get("name"),
        aliases=set(data.get("aliases", [])),
        offices=terms(data.get("offices", [])),
        parties=terms(data.get("parties", [])),
        names=terms(data.get("names", [])),
    )


# The registry shipped with the package (see archive/data/README.md): ministers
# and their offices, and every person of people.xml with the old seat ids they held.
DEFAULT_REGISTRY = "registry.json.gz"
MEMBER_IDS = "member_ids.json.gz"


def _shipped(name: str) -> dict:
    return json.loads(gzip.decompress(resources.files("archive.data").joinpath(name).read_bytes()))


def shipped_registry() -> Iterator[PersonRecord]:
    return (record_from_json(person) for person in _shipped(DEFAULT_REGISTRY)["people"])


@lru_cache(maxsize=1)
def shipped_seats() -> dict[str, tuple[str, str]]:
    """Old ParlParse seat ids ("uk.org.publicwhip/member/40289") -> (person id, name)."""
    return {
        f"uk.org.publicwhip/{seat}": (f"uk.org.publicwhip/person/{number}", name)
        for number, (name, seats, *_) in _shipped(MEMBER_IDS)["people"].items()
        for seat in seats
    }


@lru_cache(maxsize=1)
def shipped_names() -> dict[str, list[Term]]:
    """Person id -> the names they sat under with dates, for everyone in people.xml."""
    return {
        f"uk.org.publicwhip/person/{number}": [
            Term(name, _date(start), _date(end)) for name, start, end in terms
        ]
        for number, (_, _, *rest) in _shipped(MEMBER_IDS)["people"].items()
        for terms in rest
    }


def store_names(conn: sqlite3.Connection, person_id: int, terms: Iterable[Term]) -> None:
    """The names `person_id` sat under, replacing those known before."""
    conn.execute("DELETE FROM names WHERE person_id = ?", (person_id,))
    conn.executemany(
        "INSERT INTO names(person_id, name, start, end) VALUES (?, ?, ?, ?)",
        [(person_id, t.value, _iso(t.start), _iso(t.end)) for t in terms],
    )


def store_records(
    conn: sqlite3.Connection, records: Iterable[PersonRecord]
) -> tuple[int, int, int]:
    """Write people from member lists to the catalog's registry tables; returns (added,
    updated, not found: rows naming nobody or several people by name).

    Use `People.import_records`, which also refreshes what it keeps in memory.
    """
    added = updated = unmatched = 0
    for record in records:
        if not record.ref:
            ids = {
                r[0]
                for r in conn.execute(
                    "SELECT person_id FROM aliases WHERE kind = 'full' AND norm = ?",
                    (normalise(record.name or ""),),
                )
            }
            if len(ids) != 1:
                unmatched += 1
                continue
            _add_terms(conn, ids.pop(), record)
            updated += 1
            continue
        row = conn.execute("SELECT id FROM people WHERE ref = ?", (record.ref,)).fetchone()
        if row is None and record.name:
            # A person met in documents before the registry knew them.
            row = conn.execute(
                "SELECT id FROM people WHERE key = ? AND ref IS NULL", (normalise(record.name),)
            ).fetchone()
        if row is None:
            cur = conn.execute(
                "INSERT INTO people(name, key, ref) VALUES (?, ?, ?)",
                (record.name, record.ref, record.ref),
            )
            person_id = cur.lastrowid
            added += 1
        else:
            person_id = row[0]
            conn.execute(
                "UPDATE people SET ref = ?, key = ?, name = COALESCE(?, name) WHERE id = ?",
                (record.ref, record.ref, record.name, person_id),
            )
            updated += 1
        aliases: set[tuple[str, str]] = set()
        for name in {record.name, *record.aliases} - {None}:
            aliases |= name_aliases(name)
        conn.executemany(
            "INSERT OR IGNORE INTO aliases(person_id, kind, norm) VALUES (?, ?, ?)",
            [(person_id, kind, norm) for kind, norm in aliases if norm],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO member_refs(ref, person_ref) VALUES (?, ?)",
            [(seat, record.ref) for seat in record.member_ids],
        )
        _add_terms(conn, person_id, record)
    return added, updated, unmatched


def _add_terms(conn: sqlite3.Connection, person_id: int, record: PersonRecord) -> None:
    """A record's offices, parties and names: instead of the person's, or beside them."""
    for table, column, terms in (
        ("offices", "office", record.offices),
        ("parties", "party", record.parties),
        ("names", "name", record.names),
    ):
        if not terms:
            continue
        if record.replace:
            conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))
        have = set(
            conn.execute(
                f"SELECT {column}, start, end FROM {table} WHERE person_id = ?", (person_id,)
            )
        )
        rows = [(t.value, _iso(t.start), _iso(t.end)) for t in terms]
        conn.executemany(
            f"INSERT INTO {table}(person_id, {column}, start, end) VALUES (?, ?, ?, ?)",
            [(person_id, *row) for row in rows if row not in have],
        )
