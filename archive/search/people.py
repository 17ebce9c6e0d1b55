"""A person's record as `archive people show` and the web's person page give it:
names over time, parties and offices with dates, house, ids, and what they say
in the archive (passage counts, first and last date)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.errors import ArchiveError, NotFound
from archive.model import KINDS
from archive.query.tree import And, FieldIn
from archive.search.counts import _day

if TYPE_CHECKING:
    from archive.engine.base import Engine
    from archive.store.catalog import Catalog


def person_record(catalog: Catalog, engine: Engine, person_id: int) -> dict | None:
    """Everything the archive knows of one person, as plain data; None if there is no such
    person. Passages are counted as searches find them: where the person speaks in any
    quote of a passage, not only as its main speaker."""
    if not catalog.conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone():
        return None
    person = catalog.people.get(person_id)
    speaker = FieldIn("speaker", (person_id,))
    passages, first, last = engine.count_by_speaker(speaker).get(person_id, (0, None, None))
    by_kind = {}
    for kind in KINDS:
        counted = engine.count_by_speaker(And((speaker, FieldIn("kind", (kind,)))))
        if person_id in counted:
            by_kind[kind] = counted[person_id][0]
    one = catalog.conn.execute
    names = one(
        "SELECT name, start, end FROM names WHERE person_id = ? ORDER BY start, name",
        (person_id,),
    ).fetchall()
    houses = [
        r[0]
        for r in one(
            "SELECT d.house FROM passages p JOIN documents d ON d.id = p.doc_id "
            "WHERE p.speaker_id = ? AND d.house IS NOT NULL GROUP BY d.house "
            "ORDER BY COUNT(*) DESC",
            (person_id,),
        )
    ]
    until = catalog.people.offices_until()
    return {
        "id": person.id,
        "name": person.name,
        "ref": person.ref,
        "names": _spans(names),
        "aliases": list(person.aliases),
        # The other full names the person is found by ("phillip hammond"), as keys.
        "other_names": [
            a for a in person.aliases if " " in a and a != (person.name or "").casefold()
        ],
        "parties": _spans(person.parties),
        "offices": [list(o) for o in person.offices],
        # An office with no end is held to at least this day: the minister lists end there.
        "offices_known_until": until.isoformat() if until else None,
        "houses": houses,
        "passages": passages,
        "passages_by_kind": by_kind,
        "first": _day(first).isoformat() if first else None,
        "last": _day(last).isoformat() if last else None,
    }


def _spans(terms) -> list[list]:
    """(value, start, end) terms in order, a run of one value merged into one span: the
    member lists give a term a Parliament, so "Philip Hammond" is one name from 1997,
    not four; a party left and joined again stays two spans."""
    spans: list[list] = []
    for value, start, end in sorted(terms, key=lambda t: (t[1] or "", t[0])):
        if spans and spans[-1][0] == value:
            last = spans[-1]
            last[2] = None if last[2] is None or end is None else max(last[2], end)
        else:
            spans.append([value, start, end])
    return spans


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
        raise NotFound(
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
