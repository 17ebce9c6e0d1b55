"""The archive's values: plain frozen dataclasses shared by every stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("news", "hansard")
# How the speakers of a document's passages are found (Document.attribution):
# "given" -- the format states them (ParlParse, ParlaMint, a speech table, a
# Document made in Python) and they are kept as given; "prose" -- news prose,
# read for quotes and who said them; "turns" -- a scraped Hansard page, read
# for its turns of question and answer. See archive.speakers.attribution.
ATTRIBUTIONS = ("given", "prose", "turns")
# The parts of Parliament a Hansard record comes from (Document.house).
HOUSES = ("commons", "lords", "westminster-hall")


# What speaks in a quote (Quote.kind): one person, a body ("the White House",
# "Downing Street"), or a description that names no one ("officials", "a spokesman").
QUOTE_KINDS = ("person", "organisation", "description")


@dataclass(frozen=True)
class Quote:
    """One attribution in a passage's text: who says it, how, and where.

    - `printed`: the speaker as the text gives them here ("Mr Hammond", "the
      White House", "a spokesman").
    - `speaker`: the full name as resolved within the document ("Philip
      Hammond"); None for a body, a description or an office with no name.
    - `kind`: "person", "organisation" or "description" (QUOTE_KINDS).
    - `cue`: the word that reports it ("said", "according to", "tweeted"),
      None for a quote that runs on from the paragraph before.
    - `direct`: True for words in quotation marks, False for reported speech.
    - `start`, `end`: the character span of what is said in the passage text.
    - `role`: the office the text gives the speaker ("Foreign Secretary").
    """

    printed: str | None
    speaker: str | None
    kind: str
    cue: str | None
    direct: bool
    start: int
    end: int
    role: str | None = None


@dataclass(frozen=True)
class Passage:
    """The searchable unit: a paragraph of a story or one contribution to a debate.

    Who speaks, as far as the document itself tells (the catalog resolves it
    to a person from the registry):

    - `speaker`: the full name as resolved within the document ("Philip
      Hammond"), or None when the text gives no name.
    - `speaker_role`: the office the text gives the speaker, as printed
      ("Foreign Secretary", "US President"), alone or beside the name; with
      no name, the registry resolves it by the document's date.
    - `speaker_ref`: a stable id from structured sources
      ("uk.org.publicwhip/person/10257").
    - `speaker_as_printed`: how the text names the speaker at this point
      ("Mr Hammond", "the foreign secretary", "a Syrian military official",
      "an hon. Member (the hon. Lady)"). An unnamed source has only this.

    All are None when nobody is speaking.
    """

    text: str
    speaker: str | None = None
    speaker_as_printed: str | None = None
    heading: str | None = None
    speaker_role: str | None = None
    speaker_ref: str | None = None
    # The party the source gives the speaker ("Lab", "Conservative"), for
    # sources that say; the registry's party on the day wins when it knows one.
    speaker_party: str | None = None
    # The passage's own id in its source (a ParlParse speech id, a TEI u/@xml:id).
    ref: str | None = None
    # Hansard's column number and the time of the speech ("14:30"), as printed.
    column: str | None = None
    time: str | None = None
    # Every attribution in the text, in order (see Quote); `speaker` is the
    # main one. Empty for passages whose speaker a format states.
    quotes: tuple[Quote, ...] = ()
    # The passage's own official URL where the source gives one (a 2009 ParlParse
    # speech's `url`, a page of the printed Hansard).
    url: str | None = None


@dataclass(frozen=True)
class Vote:
    """One member's vote in a division: `vote` is "aye", "no", "both" or "tell-aye"/"tell-no"."""

    name: str
    vote: str
    ref: str | None = None


@dataclass(frozen=True)
class Division:
    """A recorded vote of a House. `after` is the number of passages of the
    document that come before it, so it can be shown in its place."""

    number: str | None
    after: int
    ayes: int | None = None
    noes: int | None = None
    votes: tuple[Vote, ...] = ()
    heading: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Document:
    """One article or debate as an ingester reads it from a file."""

    kind: str
    title: str
    passages: tuple[Passage, ...]
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    path: str | None = None
    # "commons", "lords" or "westminster-hall" for Hansard (see HOUSES).
    house: str | None = None
    language: str | None = None
    # Topic, place and category labels the source gives ("crude", "usa", "POLITICS").
    tags: tuple[str, ...] = ()
    # The record's identity in its source, the same in every version of it
    # ("uk.org.publicwhip/debate/2009-10-27", a Reuters NEWID). A document
    # with the same ref and a later `version` replaces the earlier one.
    ref: str | None = None
    version: str | None = None
    divisions: tuple[Division, ...] = ()
    # How its passages' speakers are to be found (see ATTRIBUTIONS): a format
    # reader only says which; archive.speakers does the reading.
    attribution: str = "given"
    # The printed Hansard volume, where the source states it ("615").
    volume: str | None = None


@dataclass(frozen=True)
class Person:
    """A speaker. `ref` is a stable id from member lists; offices and parties are
    (value, first day, last day) with ISO dates, None for an open end."""

    id: int
    name: str
    ref: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[tuple[str, str | None, str | None], ...] = ()
    parties: tuple[tuple[str, str | None, str | None], ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result: a passage with its document's facts and a snippet."""

    passage_id: str
    doc_id: str
    kind: str
    source: str | None
    title: str
    date: str | None
    speaker: str | None
    text: str
    snippet: str
    score: float | None
    path: str | None
    url: str | None
    # The debate or section the passage is under; the speaker's party; for Hansard, the house.
    heading: str | None = None
    party: str | None = None
    house: str | None = None
    tags: tuple[str, ...] = ()
    # The person's name now, where `speaker` (their name on the day) differs from it.
    person_name: str | None = None
    # True when the text does not name the speaker: who spoke was inferred (see
    # archive.speakers.turns), not read.
    speaker_inferred: bool = False
    # Every attribution in the passage: speaker, person_id, kind, cue, direct, start, end,
    # text (see archive.store.quotes.Quotes.quotes_of).
    quotes: tuple[dict, ...] = field(default=(), compare=False)
    # What a citation needs (archive.search.citation): for Hansard the ParlParse id,
    # column, time and TheyWorkForYou page; the speaker's ParlParse person id and
    # office. `url` is the passage's own official page, else its document's.
    gid: str | None = None
    column: str | None = None
    time: str | None = None
    twfy_url: str | None = None
    person_id: str | None = None
    office: str | None = None
    # (start, end) character offsets of matched words inside `snippet`.
    highlights: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    # When results are grouped by document: the document's next best passages.
    more: tuple[Hit, ...] = field(default=(), compare=False)
    # The speaker's person in this archive's registry (a page per person: archive serve).
    speaker_id: int | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    # The query with rare or absent words replaced by close indexed ones.
    did_you_mean: str | None = None
    # True when the results are documents (--group document), each with its best passages.
    grouped: bool = False
