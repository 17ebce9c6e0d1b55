"""Citations: what a researcher puts in print for a passage, and the ids and links behind it.

- `parlparse_id` and `twfy_url`: a Hansard passage's ParlParse id (gid) and
  its TheyWorkForYou page. ParlParse gives the gid itself
  ("uk.org.publicwhip/debate/2016-05-09b.357.4"); a speech table that keeps
  only its tail ("a433.0", as the UK COVID speeches table does) has it
  rebuilt from the sitting's date and house. The TheyWorkForYou page of
  `uk.org.publicwhip/KIND/ID` is `https://www.theyworkforyou.com/PAGE/?id=ID`,
  PAGE being debates (Commons), whall (Westminster Hall), lords, wrans or wms.
- `cite`: a passage in one of three styles.
  - hansard, as the Houses cite their own report: "HC Deb 18 October 2016,
    vol 615, col 123, Boris Johnson"; "HL Deb" for the Lords; Westminster
    Hall is Commons Hansard with its columns numbered apart, so "col 1WH".
    The volume and column only where the source states them.
  - apa (7th edition): speaker or authors, (date), title, [Speech], where, URL.
  - bibtex: one @misc (Hansard) or @article (news) entry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass

from archive.errors import ArchiveError, UsageError
from archive.store.catalog import Catalog

STYLES = ("hansard", "apa", "bibtex")
TWFY = "https://www.theyworkforyou.com"
# The kind in a ParlParse id -> TheyWorkForYou's page for it.
TWFY_PAGES = {
    "debate": "debates",
    "westminhall": "whall",
    "lords": "lords",
    "wrans": "wrans",
    "wms": "wms",
}
_GID = re.compile(r"uk\.org\.publicwhip/([a-z]+)/(\d{4}-\d{2}-\d{2}[a-z]?\.\d+\.\d+)")
# The tail of a TheyWorkForYou id without its day: version letter, column, number ("a433.0").
_GID_TAIL = re.compile(r"([a-z])(\d+)\.(\d+)")
_HOUSE_KINDS = {"commons": "debate", "westminster-hall": "westminhall", "lords": "lords"}
_ABBREVIATIONS = {"commons": "HC Deb", "westminster-hall": "HC Deb", "lords": "HL Deb"}
HOUSE_NAMES = {
    "commons": "House of Commons",
    "westminster-hall": "House of Commons, Westminster Hall",
    "lords": "House of Lords",
}
# Names that are titles, not forename and surname: never turned round for APA.
_TITLED = re.compile(
    r"^(?:the|lord|lady|baroness|baron|earl|viscount|countess|duke|bishop|archbishop|sir|dame|"
    r"mr|mrs|ms|miss|dr|hon|rt)\b",
    re.I,
)


def parlparse_id(ref: str | None, date: str | None, house: str | None) -> str | None:
    """The passage's ParlParse id, or None when its source gives none."""
    if not ref:
        return None
    if match := _GID.fullmatch(ref):
        return match.group(0)
    kind = _HOUSE_KINDS.get(house or "")
    if kind and date and (tail := _GID_TAIL.fullmatch(ref)):
        return f"uk.org.publicwhip/{kind}/{date}{tail[1]}.{tail[2]}.{tail[3]}"
    return None


def twfy_url(gid: str | None) -> str | None:
    """TheyWorkForYou's page for a ParlParse id, or None."""
    match = _GID.fullmatch(gid or "")
    page = TWFY_PAGES.get(match.group(1)) if match else None
    return f"{TWFY}/{page}/?id={match.group(2)}" if match and page else None


def gid_column(gid: str | None) -> str | None:
    """The column a ParlParse id names ("...2016-05-09b.357.4" -> "357")."""
    match = _GID.fullmatch(gid or "")
    return match.group(2).split(".")[1] if match else None


@dataclass(frozen=True)
class Cited:
    """The facts of a passage a citation is made of."""

    passage_id: str
    kind: str
    title: str
    date: str | None
    source: str | None
    speaker: str | None = None
    heading: str | None = None
    house: str | None = None
    volume: str | None = None
    column: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()


def cite_passage(catalog: Catalog, passage_id: str, style: str | None = None) -> str:
    """The stored passage `passage_id` cited in `style`; ArchiveError if there is none."""
    if style is not None and style not in STYLES:
        raise UsageError(f"unknown citation style {style!r} (use {', '.join(STYLES)})")
    facts = cited(catalog, passage_id)
    if facts is None:
        raise ArchiveError(f"no passage {passage_id!r} in the archive")
    return cite(facts, style)


def cited(catalog: Catalog, passage_id: str) -> Cited | None:
    """The facts to cite the stored passage `passage_id` by; None if there is none."""
    row = catalog.passages([passage_id]).get(passage_id)
    if row is None:
        return None
    authors = catalog.conn.execute(
        "SELECT authors FROM documents WHERE id = ?", (row.doc_id,)
    ).fetchone()
    gid = parlparse_id(row.ref, row.date, row.house) if row.kind == "hansard" else None
    return Cited(
        passage_id=row.passage_id, kind=row.kind, title=row.title, date=row.date,
        source=row.source, speaker=row.shown_speaker, heading=row.heading, house=row.house,
        volume=row.volume, column=row.column or gid_column(gid),
        url=row.passage_url or row.url or twfy_url(gid),
        authors=tuple(json.loads(authors[0])) if authors else (),
    )  # fmt: skip


def cite(facts: Cited, style: str | None = None) -> str:
    """The passage cited in `style` (default: hansard for Hansard, apa for news)."""
    style = style or ("hansard" if facts.kind == "hansard" else "apa")
    if style not in STYLES:
        raise UsageError(f"unknown citation style {style!r} (use {', '.join(STYLES)})")
    if style == "hansard":
        if facts.kind != "hansard":
            raise UsageError(
                f"{facts.passage_id} is news, not Hansard: cite it with --style apa or bibtex"
            )
        return hansard_reference(facts)
    return apa(facts) if style == "apa" else bibtex(facts)


def hansard_reference(facts: Cited) -> str:
    """'HC Deb 18 October 2016, vol 615, col 123, Boris Johnson'."""
    parts = [f"{_ABBREVIATIONS.get(facts.house or '', 'Hansard')} {_long_date(facts.date)}"]
    if facts.volume:
        parts.append(f"vol {facts.volume}")
    if facts.column:
        parts.append(f"col {facts.column}{'WH' if facts.house == 'westminster-hall' else ''}")
    if facts.speaker:
        parts.append(facts.speaker)
    return ", ".join(parts)


def apa(facts: Cited) -> str:
    """APA 7: 'Johnson, B. (2016, October 18). Aleppo Bombings [Speech]. HC Deb 18 October
    2016, vol 615. House of Commons. URL'; with no author, the title goes first."""
    when = f"({_apa_date(facts.date)})."
    if facts.kind == "hansard":
        who = _apa_name(facts.speaker) if facts.speaker else None
        what = "Speech" if facts.speaker else "Parliamentary debate"
        title = f"{(facts.heading or facts.title).rstrip('.')} [{what}]."
        where = [hansard_reference(_no_speaker(facts)), HOUSE_NAMES.get(facts.house or "")]
        place = ". ".join(filter(None, where)) + "."
    else:
        who = _apa_authors([_apa_name(a) for a in facts.authors]) if facts.authors else None
        title = _sentence(facts.title)
        place = _sentence(facts.source) if facts.source else ""
    parts = [who, when, title, place] if who else [title, when, place]
    return " ".join(" ".join([*filter(None, parts), facts.url or ""]).split())


def bibtex(facts: Cited) -> str:
    """One BibTeX entry: @misc for a Hansard speech, @article for a news story."""
    day = _day(facts.date)
    people = [facts.speaker] if facts.kind == "hansard" and facts.speaker else list(facts.authors)
    fields: list[tuple[str, str]] = []
    if people:
        fields.append(("author", " and ".join(_bib_name(p) for p in people)))  # escaped
    if facts.kind == "hansard":
        fields.append(("title", facts.heading or facts.title))
        fields.append(("howpublished", hansard_reference(_no_speaker(facts))))
        fields.append(("organization", HOUSE_NAMES.get(facts.house or "", "Parliament")))
        fields.append(("publisher", "Hansard"))
    else:
        fields.append(("title", facts.title))
        if facts.source:
            fields.append(("journal", facts.source))
    if day:
        fields += [("year", str(day.year)), ("month", day.strftime("%b").lower())]
        fields.append(("day", str(day.day)))
    elif facts.date:
        fields.append(("year", facts.date[:4]))
    if facts.url:
        fields.append(("url", facts.url))
    fields.append(("note", f"archive passage {facts.passage_id}"))
    entry = "misc" if facts.kind == "hansard" else "article"
    body = ",\n".join(
        f"  {name} = {value}"
        if name == "month"
        else f"  {name} = {{{value if name == 'author' else _bib_escape(value)}}}"
        for name, value in fields
    )
    return f"@{entry}{{{_bib_key(facts, people, day)},\n{body}\n}}"


def _no_speaker(facts: Cited) -> Cited:
    from dataclasses import replace

    return replace(facts, speaker=None)


def _day(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def _long_date(date: str | None) -> str:
    day = _day(date)
    return f"{day.day} {day:%B %Y}" if day else (date or "(undated)")


def _apa_date(date: str | None) -> str:
    day = _day(date)
    return f"{day.year}, {day:%B} {day.day}" if day else (date or "n.d.")


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _split_name(name: str) -> tuple[str, list[str]] | None:
    """(surname, forenames) of a plain 'Forename Surname'; None for a title ('Lord X')."""
    words = name.split()
    if len(words) < 2 or _TITLED.match(name) or not all(w[:1].isupper() for w in words):
        return None
    return words[-1], words[:-1]


def _apa_name(name: str) -> str:
    split = _split_name(name)
    if split is None:
        return name
    surname, forenames = split
    return f"{surname}, {' '.join(f[0] + '.' for f in forenames)}"


def _apa_authors(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _bib_name(name: str) -> str:
    """'Surname, Forenames', or a title kept whole in braces ('{Lord Bach}'); escaped."""
    split = _split_name(name)
    if split is None:
        return f"{{{_bib_escape(name)}}}"
    return f"{_bib_escape(split[0])}, {_bib_escape(' '.join(split[1]))}"


def _bib_key(facts: Cited, people: list[str], day: dt.date | None) -> str:
    # The author's surname (a titled name's last word), else the source's first word.
    split = _split_name(people[0]) if people else None
    if split:
        who = split[0]
    elif people:
        who = people[0].split()[-1]
    else:
        who = (facts.source or "anon").split()[0]
    word = next((w for w in re.findall(r"\w+", facts.title) if len(w) > 3), "")
    year = str(day.year) if day else (facts.date or "")[:4]
    key = "".join(_ascii(part) for part in (who, year, word))
    return key or facts.passage_id.replace(".", "_")


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _bib_escape(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    text = re.sub(r"([{}&%$#_])", r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(date: str | None) -> str:
    """ "2016-10-18" -> "18 October 2016"; partial or missing dates as they are."""
    if not date or len(date) != 10:
        return date or "undated"
    year, month, day = date.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def said_where(hit) -> str:
    """Where and when a hit was said or printed: "House of Commons, 18 October 2016, col.
    123" or "BBC News, 3 December 2015" (a Hit or its record)."""
    get = hit.get if isinstance(hit, dict) else lambda key: getattr(hit, key, None)
    place = HOUSE_NAMES.get(get("house") or "") or get("source") or get("kind")
    parts = [place, long_date(get("date"))]
    if get("column"):
        parts.append(f"col. {get('column')}")
    return ", ".join(parts)
