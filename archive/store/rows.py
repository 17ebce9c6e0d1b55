"""A passage joined with its document and speaker: the row the engine indexes and a hit
shows, and the SQL that reads it."""

from __future__ import annotations

from typing import NamedTuple


class PassageRow(NamedTuple):
    """A passage joined with its document: what the engine indexes and a hit shows."""

    passage_id: str
    doc_id: str
    seq: int
    kind: str
    source: str | None
    title: str
    heading: str | None
    date: str | None
    speaker_id: int | None
    speaker: str | None
    text: str
    url: str | None
    path: str | None
    speaker_as_printed: str | None
    party: str | None
    house: str | None = None
    tags: tuple[str, ...] = ()
    role: str | None = None
    column: str | None = None
    time: str | None = None
    ref: str | None = None
    speaker_name: str | None = None  # the name the document gives (see Passage.speaker)
    dated_name: str | None = None  # the name the person sat under that day, if known
    quoted: str | None = None  # the people quoted in it, "12,40" (see archive.store.quotes)
    attribution: str | None = None  # how its document's speakers were found
    # What a citation needs: the passage's own official URL, the document's
    # printed volume, the speaker's ParlParse person id, and the office the
    # speaker holds (as printed, else the registry's on the day).
    passage_url: str | None = None
    volume: str | None = None
    person_ref: str | None = None
    office: str | None = None
    quotes: tuple[dict, ...] = ()  # its quotes as hits show them (Catalog.passages)

    @property
    def speaker_inferred(self) -> bool:
        """True when the text does not name the speaker: a scraped Hansard page's answers
        credited by the turns of its questions to the minister who held the office."""
        return self.attribution == "turns" and self.speaker_id is not None

    @property
    def speaker_ids(self) -> tuple[int, ...]:
        """Everyone who speaks in it: the main speaker, then the others quoted."""
        ids = [self.speaker_id] if self.speaker_id is not None else []
        for value in (self.quoted or "").split(","):
            if value and int(value) not in ids:
                ids.append(int(value))
        return tuple(ids)

    @property
    def shown_speaker(self) -> str | None:
        """The speaker's name as of the passage's day: the member lists' name for that
        day, else the name the document gives if it is a person's name (not "Mr. Deputy
        Speaker"), else the person's name now (`speaker`)."""
        from archive.speakers.name_keys import is_personal_name

        if self.speaker_id is None:
            return self.speaker
        if self.dated_name:
            return self.dated_name
        if self.speaker_name and is_personal_name(self.speaker_name, self.role):
            return " ".join(self.speaker_name.split())
        return self.speaker


# The party held on the day, else the one the source gives, else the last one
# held before it: member lists end in 2015, and a minister then is mostly of
# the same party later. (p: the passage, d: its document.)
PARTY_ON_THE_DAY = """COALESCE(
         (SELECT party FROM parties pa WHERE pa.person_id = p.speaker_id
            AND (pa.start IS NULL OR d.date IS NULL OR pa.start <= d.date)
            AND (pa.end IS NULL OR d.date IS NULL OR d.date <= pa.end)
          ORDER BY pa.start DESC LIMIT 1),
         p.speaker_party,
         (SELECT party FROM parties pa WHERE pa.person_id = p.speaker_id
            AND (pa.start IS NULL OR d.date IS NULL OR pa.start <= d.date)
          ORDER BY pa.start DESC LIMIT 1))"""

# What only showing a passage needs, not indexing it: the file it came from, the
# name its speaker sat under that day, the office they held.
_PATH = "(SELECT MIN(path) FROM document_files f WHERE f.doc_id = d.id)"
_DATED_NAME = """(SELECT n.name FROM names n WHERE n.person_id = p.speaker_id AND d.date IS NOT NULL
          AND (n.start IS NULL OR n.start <= d.date) AND (n.end IS NULL OR d.date <= n.end)
        ORDER BY n.start DESC LIMIT 1)"""
_OFFICE = """COALESCE(p.speaker_role,
         (SELECT office FROM offices o WHERE o.person_id = p.speaker_id AND d.date IS NOT NULL
            AND (o.start IS NULL OR o.start <= d.date) AND (o.end IS NULL OR d.date <= o.end)
          ORDER BY o.start DESC LIMIT 1))"""


def _select(path: str, dated_name: str, office: str) -> str:
    return f"""
SELECT p.id, p.doc_id, p.seq, d.kind, d.source, d.title, p.heading, d.date,
       p.speaker_id, COALESCE(pe.name, pe.ref), p.text, d.url, {path}, p.speaker_as_printed,
       {PARTY_ON_THE_DAY},
       d.house, d.tags, p.speaker_role, p.column_no, p.time, p.ref, p.speaker_name,
       {dated_name},
       (SELECT group_concat(DISTINCT q.person_id) FROM quotes q
        WHERE q.passage_id = p.id AND q.person_id IS NOT NULL),
       d.attribution, p.url, d.volume, pe.ref, {office}
FROM passages p
JOIN documents d ON d.id = p.doc_id
LEFT JOIN people pe ON pe.id = p.speaker_id
"""


# The passage as a hit or a document shows it; as the engine indexes it (without what
# only showing needs: the indexing run's rows, a third cheaper to read).
PASSAGE_SELECT = _select(_PATH, _DATED_NAME, _OFFICE)
INDEX_SELECT = _select("NULL", "NULL", "NULL")
