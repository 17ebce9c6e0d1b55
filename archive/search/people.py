"""A person's record as `archive people show` and the web's person page give it:
names over time, parties and offices with dates, house, ids, and what they say
in the archive (passage counts, first and last date)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.errors import ArchiveError

if TYPE_CHECKING:
    from archive.store.catalog import Catalog


def _terms(rows) -> list[dict]:
    return [{"value": value, "start": start, "end": end} for value, start, end in rows]


def person_record(catalog: Catalog, person_id: int) -> dict:
    """Everything the archive knows of one person, as plain data."""
    people = catalog.people
    person = people.get(person_id)
    one = catalog.conn.execute
    names = one(
        "SELECT name, start, end FROM names WHERE person_id = ? ORDER BY start, name",
        (person_id,),
    ).fetchall()
    spoken = one(
        "SELECT COUNT(*), MIN(d.date), MAX(d.date) FROM passages p "
        "JOIN documents d ON d.id = p.doc_id WHERE p.speaker_id = ?",
        (person_id,),
    ).fetchone()
    by_kind = dict(
        one(
            "SELECT d.kind, COUNT(*) FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_id = ? GROUP BY d.kind",
            (person_id,),
        ).fetchall()
    )
    houses = [
        r[0]
        for r in one(
            "SELECT d.house FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_id = ? AND d.house IS NOT NULL GROUP BY d.house "
            "ORDER BY COUNT(*) DESC",
            (person_id,),
        )
    ]
    until = people.offices_until()
    return {
        "person_id": person_id,
        "name": person.name,
        "ref": person.ref,
        "names": _terms(names),
        "aliases": list(person.aliases),
        "parties": _terms(person.parties),
        "offices": _terms(person.offices),
        "offices_known_until": until.isoformat() if until else None,
        "houses": houses,
        "passages": spoken[0],
        "passages_by_kind": by_kind,
        "first": spoken[1],
        "last": spoken[2],
    }


def find_person(catalog: Catalog, query: str) -> int:
    """The one person `query` names (an archive person number, a ParlParse id, a name
    or an office as --speaker takes it); ArchiveError if none or several."""
    if query.strip().isdigit():
        person_id = int(query)
        if catalog.conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone():
            return person_id
    match = catalog.people.match(query)
    ids = sorted(set(match.person_ids) | {t[0] for t in match.terms})
    if len(ids) == 1:
        return ids[0]
    if not ids:
        hint = ", ".join(catalog.people.suggestions(query))
        raise ArchiveError(
            f"no person matches {query!r}" + (f" (did you mean: {hint}?)" if hint else "")
        )
    names = "; ".join(f"{catalog.people.display_name(i)} [{i}]" for i in ids[:8])
    raise ArchiveError(f"{query!r} names {len(ids)} people: {names}; give one's number")


def people_list(catalog: Catalog, pattern: str | None = None) -> list[dict]:
    """People the registry knows (those `pattern` names), speakers first, with counts."""
    ids = catalog.people.ids_named(pattern) if pattern else None
    rows = catalog.conn.execute(
        "SELECT pe.id, COALESCE(pe.name, pe.ref), pe.ref, COUNT(p.id), MIN(d.date), MAX(d.date) "
        "FROM people pe LEFT JOIN passages p ON p.speaker_id = pe.id "
        "LEFT JOIN documents d ON d.id = p.doc_id GROUP BY pe.id "
        "ORDER BY COUNT(p.id) DESC, COALESCE(pe.name, pe.ref)"
    )
    return [
        {"person_id": pid, "name": name, "ref": ref, "passages": count, "first": first,
         "last": last}
        for pid, name, ref, count, first, last in rows
        if ids is None or pid in ids
    ]  # fmt: skip
