"""Simple tables of person -> party, for `archive people import`.

Member lists stop in 2015; a table from elsewhere says who sat for which party
later. Accepted shapes (JSON, gzipped or not, or CSV/TSV with a header):

- a JSON object of person -> party: {"uk.org.publicwhip/person/10001": "labour"}
  (pournaki/houseofcommons-parser's people.json has this shape);
- a JSON list of objects, or CSV rows, with a person column (`person_id`,
  `person`, `id`, `ref` or `name`), a `party` column, and optional dates
  (`start`/`from`/`start_date`, `end`/`to`/`end_date`).

A person is a ParlParse person id (`uk.org.publicwhip/person/N`, `person/N`
or the bare number) or a name. Party slugs are written out ("liberal-democrat"
-> "Liberal Democrat"). A file that is none of these is an error naming it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from archive.errors import ArchiveError
from archive.speakers.members import (
    PersonRecord,
    Term,
    _date,
    _read,
    expand,
    is_party_table,
    party_name,
    read_member_files,
)

_PERSON = ("person_id", "person", "id", "ref", "name")
_START = ("start", "from", "start_date", "fromdate")
_END = ("end", "to", "end_date", "todate")


def read_people_files(
    paths: Iterable[Path], on_note: Callable[[str], None] | None = None
) -> list[PersonRecord]:
    """Person records from member lists (archive.speakers.members) and party tables.

    A table named that cannot be used is an ArchiveError naming it; one found
    in a folder is skipped, and `on_note` told why (as member files are).
    """
    note = on_note or (lambda message: None)
    records = read_member_files(paths, note)
    people = {r.ref: r for r in records}
    extra = []
    for path, named in expand(paths, lambda message: None):
        if not is_party_table(path):
            continue
        try:
            rows = read_party_table(path)
        except ArchiveError as exc:
            if named:
                raise
            note(f"{path}: skipped: {str(exc).removeprefix(f'{path}: ')}")
            continue
        for record in rows:
            if record.ref and record.ref in people:
                people[record.ref].parties |= record.parties  # beside the lists' terms
            else:
                extra.append(record)
    return records + extra


def read_party_table(path: Path) -> list[PersonRecord]:
    """The person -> party rows of a table; ArchiveError if it is not such a table."""
    data = _read(path)
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".json"):
        try:
            rows = _json_rows(json.loads(data))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{path}: not valid JSON ({exc})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ArchiveError(f"{path}: not UTF-8 text") from None
        dialect = "excel-tab" if name.endswith(".tsv") else "excel"
        rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if rows is None:
        raise ArchiveError(
            f"{path}: not a member list nor a table of person -> party "
            "(a JSON object of person id -> party, or rows with person and party columns)"
        )
    records = []
    for row in rows:
        record = _record(row)
        if record is not None:
            records.append(record)
    if not records:
        raise ArchiveError(
            f"{path}: no row gives a person and a party (columns: {', '.join(_PERSON)}; party)"
        )
    return records


def _json_rows(data) -> list[dict] | None:
    if (
        isinstance(data, dict)
        and data
        and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
    ):
        return [{"person": k, "party": v} for k, v in data.items()]
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        return data
    return None


def _record(row: dict) -> PersonRecord | None:
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    person = next((str(row[k]).strip() for k in _PERSON if row.get(k)), "")
    party = str(row.get("party") or "").strip()
    if not person or not party or party.lower() in ("none", "null", "-"):
        return None
    start = next((_date(str(row[k])) for k in _START if row.get(k)), None)
    end = next((_date(str(row[k])) for k in _END if row.get(k)), None)
    ref = _person_ref(person)
    record = PersonRecord(ref or "", None if ref else person)
    record.parties.add(Term(party_from_slug(party), start, end))
    record.replace = False
    return record


def _person_ref(person: str) -> str | None:
    found = re.fullmatch(r"(?:uk\.org\.publicwhip/)?(?:person/)?(\d+)", person)
    return f"uk.org.publicwhip/person/{found.group(1)}" if found else None


def party_from_slug(value: str) -> str:
    """'liberal-democrat' -> 'Liberal Democrat', 'dup' -> 'Democratic Unionist Party'."""
    named = party_name(value)
    if named != value.strip():
        return named
    words = re.sub(r"[-_]+", " ", value).strip()
    named = party_name(words)
    if named != words:
        return named
    return _SLUGS.get(words.lower(), words[:1].upper() + words[1:])


_SLUGS = {
    "labour": "Labour",
    "labourco operative": "Labour",
    "labour co operative": "Labour",
    "conservative": "Conservative",
    "liberal democrat": "Liberal Democrat",
    "scottish national party": "Scottish National Party",
    "sinn fein": "Sinn Féin",
    "social democratic and labour party": "Social Democratic and Labour Party",
    "plaid cymru": "Plaid Cymru",
    "crossbench": "Crossbench",
    "bishop": "Bishops",
    "independent": "Independent",
    "green": "Green Party",
    "deputy speaker": "Deputy Speaker",
    "speaker": "Speaker",
    "other": "Other",
}
