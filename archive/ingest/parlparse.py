"""ParlParse / TheyWorkForYou XML: one sitting day of UK Hansard per file.

A `<publicwhip>` root holds, in order, `<major-heading>`, `<minor-heading>`
and `<oral-heading>` (the debate titles), `<speech>` elements made of `<p>`
paragraphs (sometimes a `<table>`), `<division>` vote lists and
`<gidredirect>` pointers (ids moved to another version; not speeches).
Commons files are `debatesYYYY-MM-DD[a-z].xml`, Westminster Hall
`westminster…`, Lords `daylord…`/`lords…`; every id names the part of
Parliament, the day and the version: `uk.org.publicwhip/debate/2009-10-27d.141.2`.

Quirks, all seen in the real files:
- Two generations. The older is ISO-8859-1 with a DOCTYPE declaring HTML
  entities (`&mdash;`; see `archive.ingest.xml`), gives the speaker as
  `speakerid="uk.org.publicwhip/member/NNNN"` (or `/lord/NNNNNN`) and names
  voters "Surname, Forenames". The newer is UTF-8 with
  `person_id="uk.org.publicwhip/person/NNNNN"` and voters named in order.
- A day is re-scraped into versions a, b, c…; only the file whose root says
  `latest="yes"` is the day's text, the others are mostly redirects. Those
  are skipped with a note (`IngestOptions.note`); a root without `latest` counts as latest. The
  root spells the version attribute `scraperversion` or `scrapeversion`, so
  the version is taken from the ids (then the file name) instead.
- `time` is "14:30:00", "017:45:00", "" or "unknown"; passages get "14:30" or None.
- A day no calendar has (2015-13-45, in the ids or the file name) is read
  without a date, and a note says so.
- An id of "unknown" (groups: "Hon. Members", "Noble Lords") is no person:
  such a speech keeps the printed name in `speaker_as_printed` only.
- Commons counts leave out the two tellers a side; Lords counts
  (Contents / Not-Contents) include them. Counts are kept as printed.

A speech's `url` (the page of the official report, in the 2009 files) is kept
as the passage's URL. Each speech is a Passage. Each division is a Division and also a passage of
its own right after the speeches before it (ref = the division id, no
speaker) saying the numbers and the names, so votes can be searched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import PurePath

from archive.errors import IngestError, NotADocument
from archive.ingest.base import Format, IngestOptions
from archive.ingest.not_documents import PEOPLE_IMPORT_HINT
from archive.ingest.xml import Element, parse_xml, utf8_head
from archive.model import Division, Document, Passage, Vote

# The part of Parliament each id kind is, and what a reader calls its record.
HOUSES = {"debate": "commons", "westminhall": "westminster-hall", "lords": "lords"}
_FILE_KINDS = {
    "debates": "debate",
    "westminster": "westminhall",
    "daylord": "lords",
    "lords": "lords",
}
_TITLES = {
    "commons": "House of Commons debates",
    "westminster-hall": "Westminster Hall debates",
    "lords": "House of Lords debates",
}
# How each house names the two sides of a division.
_SIDES = {"lords": ("Contents", "Not-Contents")}
_COMMONS_SIDES = ("Ayes", "Noes")
_DEBATE_TAGS = frozenset(
    {"speech", "division", "major-heading", "minor-heading", "oral-heading", "gidredirect"}
)
_VOTES = {"aye": "aye", "content": "aye", "no": "no", "not-content": "no", "both": "both"}

_ID = re.compile(r"uk\.org\.publicwhip/([a-z]+)/(\d{4}-\d{2}-\d{2})([a-z]?)\.")
_FILE = re.compile(r"(debates|westminster|daylord|lords)(\d{4}-\d{2}-\d{2})([a-z]?)\.xml", re.I)
_TIME = re.compile(r"0*(\d{1,2}):(\d{2})(?::\d{2})?")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def sniff(head: bytes, filename: str) -> bool:
    """A `<publicwhip>` root: the first start tag, or named by a DOCTYPE too long to see past.

    The file must begin with markup: a note that mentions `<publicwhip>` is not one.
    """
    head = utf8_head(head)
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False
    tag = _START_TAG.search(_COMMENT.sub(b"", head))
    if tag is not None:
        return tag.group(1) == b"publicwhip"
    return re.search(rb"<!DOCTYPE\s+publicwhip\b", head) is not None


_MEMBER_TAGS = frozenset(("person", "member", "lord", "alias", "royal", "consinfo"))


def read(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    root = parse_xml(data, path)
    if root.tag != "publicwhip":
        raise IngestError(path, f"not a ParlParse file (the root element is <{root.tag}>)")
    kind, named, version = _identify(root, path)
    date = _date(named) if named else None
    if named and date is None:
        options.note(f"{named} is no calendar date; the day is read without one")
    latest = root.get("latest")
    if latest is not None and latest != "yes":
        day = date.isoformat() if date else PurePath(path).name
        version = version or "?"
        options.note(f'not the latest version of {day} (version {version}, latest="{latest}")')
        return
    if not any(element.tag in _DEBATE_TAGS for element in root):
        # ParlParse's member lists (all-members.xml, people.xml) share the root.
        if any(element.tag in _MEMBER_TAGS for element in root):
            raise NotADocument(path, f"a ParlParse member list, not debates: {PEOPLE_IMPORT_HINT}")
        raise IngestError(path, "a ParlParse file with no speeches, headings or divisions")
    yield _Day(kind, options).read(root, date, version)


def _identify(root: Element, path: str) -> tuple[str | None, str | None, str | None]:
    """The id kind ("debate"), day (YYYY-MM-DD) and version letter, from the first id or
    else the file name."""
    for element in root:
        if match := _ID.match(element.get("id") or ""):
            kind = match.group(1)
            break
    else:
        match = _FILE.search(PurePath(path).name)
        if match is None:
            return None, None, root.get("scraperversion") or root.get("scrapeversion")
        kind = _FILE_KINDS[match.group(1).lower()]
    return kind, match.group(2), match.group(3) or None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class _Day:
    """Reads one day's elements in order, keeping track of the debate heading."""

    def __init__(self, kind: str | None, options: IngestOptions):
        self.kind = kind
        self.house = HOUSES.get(kind or "")
        self.warn = options.warn
        self.major: str | None = None
        self.minor: str | None = None
        self.passages: list[Passage] = []
        self.divisions: list[Division] = []

    def read(self, root: Element, date: dt.date | None, version: str | None) -> Document:
        for element in root:
            if element.tag in ("major-heading", "oral-heading"):
                self.major, self.minor = _text(element) or None, None
            elif element.tag == "minor-heading":
                self.minor = _text(element) or None
            elif element.tag == "speech":
                self.passages.append(self.speech(element))
            elif element.tag == "division":
                self.division(element)
        name = _TITLES.get(self.house or "", "Parliamentary debates")
        return Document(
            kind="hansard",
            title=f"{name}, {date.day} {date:%B %Y}" if date else name,
            passages=tuple(self.passages),
            date=date,
            source="Hansard",
            house=self.house,
            language="en",
            ref=f"uk.org.publicwhip/{self.kind}/{date.isoformat()}" if self.kind and date else None,
            version=version,
            divisions=tuple(self.divisions),
        )

    @property
    def heading(self) -> str | None:
        return " — ".join(part for part in (self.major, self.minor) if part) or None

    def speech(self, element: Element) -> Passage:
        printed = None if element.get("nospeaker") == "true" else element.get("speakername") or None
        ref = _member(element.get("person_id") or element.get("speakerid"))
        # An id of "unknown" means ParlParse matched no one: a group, not a person.
        person = printed if ref or not _has_id(element) else None
        return Passage(
            text="\n\n".join(_paragraphs(element)),
            speaker=person,
            speaker_as_printed=printed,
            heading=self.heading,
            speaker_role=element.get("speakeroffice") or None,
            speaker_ref=ref if printed else None,
            ref=element.get("id"),
            column=element.get("colnum") or None,
            time=_time(element.get("time")),
            url=_url(element.get("url")),
        )

    def division(self, element: Element) -> None:
        number = element.get("divnumber") or None
        label = f"division {number or element.get('id') or len(self.divisions) + 1}"
        count = element.find("divisioncount")
        count = count.attrib if count is not None else {}
        ayes = _count(count.get("ayes", count.get("content")), label, self.warn)
        noes = _count(count.get("noes", count.get("not-content")), label, self.warn)
        votes = []
        for voter in element.iter():
            if voter.tag not in ("mpname", "lord"):
                continue
            name, vote = _text(voter), _VOTES.get(voter.get("vote", ""))
            if not name or vote is None:
                self.warn(f"{label}: a vote without a name or a known side; skipped")
                continue
            if voter.get("teller") == "yes" and vote in ("aye", "no"):
                vote = f"tell-{vote}"
            votes.append(Vote(name, vote, _member(voter.get("person_id") or voter.get("id"))))
        division = Division(
            number=number,
            after=len(self.passages),
            ayes=ayes,
            noes=noes,
            votes=tuple(votes),
            heading=self.heading,
            ref=element.get("id"),
        )
        self.divisions.append(division)
        self.passages.append(
            Passage(
                text=_division_text(division, _SIDES.get(self.house or "", _COMMONS_SIDES)),
                heading=division.heading,
                ref=division.ref,
                column=element.get("colnum") or None,
                time=_time(element.get("time")),
            )
        )


def _division_text(division: Division, sides: tuple[str, str]) -> str:
    """'Division No. 231. Ayes 200, Noes 269.' then each side's names, then its tellers."""
    numbers = ", ".join(
        f"{side} {count}"
        for side, count in zip(sides, (division.ayes, division.noes), strict=True)
        if count is not None
    )
    head = f"Division No. {division.number}." if division.number else "Division."
    paragraphs = [f"{head} {numbers}." if numbers else head]
    for side, vote in zip(sides, ("aye", "no"), strict=True):
        names = [v.name for v in division.votes if v.vote == vote]
        tellers = [v.name for v in division.votes if v.vote == f"tell-{vote}"]
        if names:
            paragraphs.append(f"{side}: {'; '.join(names)}.")
        if tellers:
            paragraphs.append(f"Tellers for the {side}: {' and '.join(tellers)}.")
    both = [v.name for v in division.votes if v.vote == "both"]
    if both:
        paragraphs.append(f"Voted both ways: {'; '.join(both)}.")
    return "\n\n".join(paragraphs)


def _paragraphs(speech: Element) -> Iterator[str]:
    """The speech's paragraphs: each `<p>` (or other child) as one line, a table row per line."""
    if speech.text and speech.text.strip():
        yield " ".join(speech.text.split())
    for child in speech:
        if child.tag == "table":
            rows = (" | ".join(filter(None, map(_text, row))) for row in child.iter("tr"))
            text = "\n".join(row for row in rows if row)
        else:
            text = _text(child)
        if text:
            yield text
        if child.tail and child.tail.strip():
            yield " ".join(child.tail.split())


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _has_id(element: Element) -> bool:
    return element.get("person_id") is not None or element.get("speakerid") is not None


def _member(ref: str | None) -> str | None:
    """A member, lord or person id; None for "unknown" and empty ids."""
    return ref if ref and ref != "unknown" else None


def _url(text: str | None) -> str | None:
    """A speech's page of the official report (2009 files give one; later ones `url=""`)."""
    text = (text or "").strip()
    return text if text.startswith(("http://", "https://")) else None


def _time(text: str | None) -> str | None:
    match = _TIME.fullmatch(text or "")
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _count(text: str | None, label: str, warn) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        warn(f"{label}: count {text!r} is not a number; left out")
        return None


FORMAT = Format("parlparse", sniff, read)
