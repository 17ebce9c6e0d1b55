"""Every attribution in a passage (archive.model.Quote), kept beside it.

A passage's `speaker_id` is its main speaker (the first person quoted); its
quotes say who else speaks in it, and how. A quote whose kind is "person" is
resolved to a person of the registry like a passage's speaker; an
organisation ("the White House") or a description ("a spokesman") is kept as
printed and is nobody.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from archive.model import Passage

if TYPE_CHECKING:
    from archive.speakers.evidence import Evidence
    from archive.speakers.registry import People


class Quotes:
    """The catalog's quotes (a part of archive.store.catalog.Catalog)."""

    conn: sqlite3.Connection
    people: People

    def stored_evidence(self, doc_id: str) -> Evidence: ...

    def add_quotes(
        self,
        doc_id: str,
        passages: Sequence[Passage],
        day: dt.date | None,
        evidence: Evidence | None = None,
    ) -> None:
        """Store the quotes of a document's passages, resolving who speaks in each
        (`evidence`: what the document gives to go on, archive.speakers.evidence)."""
        rows = []
        for seq, passage in enumerate(passages):
            for n, quote in enumerate(passage.quotes):
                person = None
                if quote.kind == "person" and (quote.speaker or quote.role):
                    person = self.people.resolve(
                        quote.speaker, quote.role, None, day, None, evidence
                    )
                rows.append(
                    (
                        f"{doc_id}.{seq}", n, quote.printed, quote.speaker, quote.role, person,
                        quote.kind, quote.cue, int(quote.direct), quote.start, quote.end,
                    )
                )  # fmt: skip
        self.conn.executemany(
            "INSERT INTO quotes(passage_id, seq, printed, speaker_name, role, person_id, kind, "
            "cue, direct, start, end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def quotes_of(self, passage_ids: Iterable[str]) -> dict[str, list[dict]]:
        """The quotes of these passages in order, as hits and documents show them."""
        ids = list(passage_ids)
        found: dict[str, list[dict]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT q.passage_id, q.printed, q.speaker_name, q.role, q.person_id, "
                "COALESCE(pe.name, pe.ref), q.kind, q.cue, q.direct, q.start, q.end, p.text "
                "FROM quotes q JOIN passages p ON p.id = q.passage_id "
                "LEFT JOIN people pe ON pe.id = q.person_id "
                f"WHERE q.passage_id IN ({marks}) ORDER BY q.passage_id, q.seq",
                chunk,
            ):
                pid, printed, name, role, person, person_name, kind, cue, direct, s, e, text = row
                found.setdefault(pid, []).append(
                    {
                        "speaker": name or person_name or printed,
                        "printed": printed,
                        "person_id": person,
                        "person_name": person_name,
                        "role": role,
                        "kind": kind,
                        "cue": cue,
                        "direct": bool(direct),
                        "start": s,
                        "end": e,
                        "text": text[s:e],
                    }
                )
        return found

    def replace_quotes(
        self,
        doc_id: str,
        passages: Sequence[Passage],
        day: dt.date | None,
        evidence: Evidence | None = None,
    ):
        """A document's passages attributed anew: their speakers and quotes replaced, and
        the passages left for the index to write again."""
        for seq, passage in enumerate(passages):
            speaker = self.people.resolve(
                passage.speaker, passage.speaker_role, passage.speaker_ref, day,
                passage.speaker_party, evidence,
            )  # fmt: skip
            self.conn.execute(
                "UPDATE passages SET speaker_id = ?, speaker_name = ?, speaker_as_printed = ?, "
                "speaker_role = ?, in_index = 0 WHERE id = ?",
                (
                    speaker, passage.speaker, passage.speaker_as_printed, passage.speaker_role,
                    f"{doc_id}.{seq}",
                ),
            )  # fmt: skip
        self.conn.execute(
            "DELETE FROM quotes WHERE passage_id IN (SELECT id FROM passages WHERE doc_id = ?)",
            (doc_id,),
        )
        self.add_quotes(doc_id, passages, day, evidence)

    def resolve_quotes_again(self) -> set[str]:
        """Resolve every quoted person anew (after the registry changed); returns the
        passages where someone changed, which leave the index until the next sync."""
        rows = self.conn.execute(
            "SELECT q.passage_id, q.seq, q.person_id, q.speaker_name, q.role, d.date, d.id "
            "FROM quotes q JOIN passages p ON p.id = q.passage_id "
            "JOIN documents d ON d.id = p.doc_id WHERE q.kind = 'person' ORDER BY d.id"
        ).fetchall()
        changed = []
        for passage_id, seq, old, name, role, date, doc_id in rows:
            day = dt.date.fromisoformat(date) if date else None
            new = None
            if name or role:
                evidence = self.stored_evidence(doc_id)
                new = self.people.resolve(name, role, None, day, None, evidence)
            if new != old:
                changed.append((new, passage_id, seq))
        self.conn.executemany(
            "UPDATE quotes SET person_id = ? WHERE passage_id = ? AND seq = ?", changed
        )
        passages = {passage_id for _, passage_id, _ in changed}
        self.conn.executemany(
            "UPDATE passages SET in_index = 0 WHERE id = ?", [(p,) for p in passages]
        )
        return passages
