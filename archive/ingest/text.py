"""Plain text: pages scraped from the web, and one-story-per-file news (title on line one).

`decode_text` turns bytes into text or says clearly why it cannot;
`parse_text` is pure and finds what the text itself tells: title, date,
byline, kind (news or Hansard) and the passages. A sidecar may override the
facts later (see `archive.ingest.sidecar`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from archive.errors import IngestError, UsageError
from archive.ingest import clutter
from archive.model import Document, Passage

# Dates and bylines sit in the first lines of a page; further down, dates
# belong to the story ("since 2 December") and must not be taken for its date.
HEADER_ZONE = 12
# A date or byline line is short; a long line with a date in it is body text.
MAX_META_CHARS = 80
# A first line longer than this is the story's first paragraph, not its title.
MAX_TITLE_CHARS = 200

_SNIFF_BYTES = 8192

# Magic numbers of common binary files, so the message can say what the file is.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip file"),
)

# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Half of a UTF-16 pair alone: no character; JSON escapes ("\ud800") can make one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Zero-width characters and soft hyphens that scraped pages scatter through words.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

_MONTH_NAMES = (
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sep sept|october oct|november nov|december dec"
)
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_NAMES.split("|"), start=1)
    for name in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# Day-first forms come first: the pages are British. "09/12/2015" is 9 December.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b"),
)

# What may sit around a date on a line that is only a date: weekday, time, zone.
_DATE_ONLY_NOISE = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}[:.]\d{2}\b|\b[ap]\.?m\b\.?"
    r"|\b(?:GMT|BST|UTC|CET|EST|EDT|PST)\b|[\s,.:|/-]+",
    re.IGNORECASE,
)
_PERSON_NAME = re.compile(
    r"[A-Z][a-zA-Z'’-]+(?:\s+(?:(?:de|van|von|der|da|di|du|le|la|bin)\s+)?[A-Z][a-zA-Z'’-]+){1,3}"
)
# Capitalised words that make a line look like a name but are a job or a brand.
_NOT_AUTHOR_WORDS = frozenset(
    "News Live Updated Published Reporter Correspondent Editor Writer Staff Desk Political"
    " Chief Senior Press Association Agency Reuters Getty Images Photo Video Home".split()
)
_BYLINE = re.compile(r"^By\s+(?P<names>.+)$")

# A Hansard page says so in its header; elsewhere these are parliamentary idioms
# that a news story may quote once, so they only count when two of them agree.
_HANSARD_VOLUME = re.compile(r"\bVolume (\d+): debated on\b")
_HANSARD_MARKERS = (
    re.compile(r"\bHansard\b"),
    re.compile(r"\bMr\.? Speaker\b"),
    re.compile(r"\bhon\. (?:Friend|Member|Lady|Gentleman)\b"),
    re.compile(r"\bright hon\.\s"),
    re.compile(r"\bMy Lords\b"),
)
_HOUSE_STATED = (
    (re.compile(r"\bHouse of Lords\b|\bLords Chamber\b"), "House of Lords"),
    (re.compile(r"\bWestminster Hall\b"), "Westminster Hall"),
    (re.compile(r"\bHouse of Commons\b|\bCommons Chamber\b"), "House of Commons"),
)
_COMMONS_HINT = re.compile(r"\bMr\.? Speaker\b|\bthe House\b")
_LORDS_HINT = re.compile(r"\bMy Lords\b")


def check_encoding(name: str) -> None:
    """UsageError unless Python decodes text with `name` (cp1252, latin-1, ...)."""
    try:
        b"text".decode(name)  # (empty bytes decode without looking the codec up)
    except UnicodeDecodeError:
        pass  # a text encoding, for other bytes
    except LookupError:
        hint = "try cp1252 or latin-1"
        raise UsageError(f"--encoding {name}: not a text encoding ({hint})") from None


def decode_text(data: bytes, path: str, fallback: str | None = None) -> str:
    """Decode a text file's bytes: UTF-8, or UTF-8/16/32 announced by a byte-order mark.

    Raises IngestError for binary data and for bytes that are not valid in
    the encoding. Bytes that are not UTF-8 (and have no byte-order mark) are
    decoded as `fallback` when the user named one (`--encoding`); there is no
    guessing, which would turn a wrong guess into wrong text.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(path, f"binary file (not text: looks like {what})")
    encoding, label = "utf-8", "UTF-8"
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            encoding, label = codec, name
            break
    if label == "UTF-8" and b"\x00" in data[:_SNIFF_BYTES]:
        raise IngestError(path, "binary file (not text)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        byte, at = error.object[error.start], error.start
        if label != "UTF-8":
            raise IngestError(
                path, f"not valid {label} text (byte 0x{byte:02X} at offset {at})"
            ) from None
        if fallback is None:
            raise IngestError(
                path,
                f"not valid UTF-8 text (byte 0x{byte:02X} at offset {at});"
                " name its encoding with --encoding (e.g. cp1252) to read it",
            ) from None
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError as error:
            raise IngestError(
                path,
                f"neither UTF-8 nor {fallback} text"
                f" (byte 0x{error.object[error.start]:02X} at offset {error.start})",
            ) from None
    sample = text[:_SNIFF_BYTES]
    # Text may hold a stray control character (a DOS end-of-file mark); binary is full of them.
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise IngestError(path, "binary file (not text)")
    if not text.strip():
        raise IngestError(path, "empty file (only whitespace)")
    return text


def real_text(text: str) -> str:
    """`text` with each lone surrogate made U+FFFD, as decoding bad bytes with "replace" does.

    Decoded bytes never hold one, but a JSON string's escapes can; the
    catalog and the engines store only real text.
    """
    return _SURROGATE.sub("\ufffd", text)


def parse_text(text: str, path: str | None = None) -> Document:
    """Read one story or debate from plain text.

    The first line that is not page clutter is the title; a date and a
    byline near the top are metadata, not passages. Raises IngestError if no
    body text is left once the clutter is gone.
    """
    where = path or "<text>"
    paragraphs = clutter.drop_repeats(split_paragraphs(text))
    if not paragraphs:
        raise IngestError(where, "no text left after removing page clutter")

    date, date_index = _find_date_line(paragraphs)
    bylines = _find_bylines(paragraphs)
    used = set(bylines) | ({date_index} if date_index is not None else set())
    title_index = next((i for i in range(len(paragraphs)) if i not in used), None)
    if title_index is None:
        raise IngestError(where, "no title or body text found")
    authors = [name for i in sorted(bylines) for name in bylines[i]]
    if date_index is not None:
        for i in (date_index - 1, date_index + 1):
            if i not in used and i not in (title_index, 0) and _is_person_name(paragraphs, i):
                authors.append(paragraphs[i])
                used.add(i)

    title = paragraphs[title_index]
    if len(title) <= MAX_TITLE_CHARS:
        used.add(title_index)
    else:
        title = _first_sentence(title)

    whole = "\n".join(paragraphs)
    kind = "hansard" if _is_hansard(whole) else "news"
    # The house as the page names it ("House of Commons"): archive.ingest.sources
    # makes it the document's house, its source "Hansard".
    source = _guess_house(paragraphs[:HEADER_ZONE], whole) if kind == "hansard" else None
    volume = (
        _HANSARD_VOLUME.search("\n".join(paragraphs[:HEADER_ZONE])) if kind == "hansard" else None
    )

    body = [p for i, p in enumerate(paragraphs) if i not in used]
    shaped = shape_body(body)
    if not shaped:
        raise IngestError(where, "no body text found (only a title)")
    passages = tuple(Passage(passage, heading=heading) for passage, heading in shaped)
    return Document(
        kind=kind,
        title=title,
        passages=passages,
        date=date,
        source=source,
        authors=tuple(dict.fromkeys(authors)),
        path=path,
        # Scraped Hansard pages lose the speakers' names but keep the turns of
        # question and answer; news prose says who speaks in its own words.
        attribution="prose" if kind == "news" else "turns",
        volume=volume.group(1) if volume else None,
    )


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, dropping clutter lines.

    Blocks are separated by blank lines. Inside a block each line is its own
    paragraph (scraped pages put one paragraph per line) unless the block is
    hard-wrapped prose, whose lines are joined.
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t\f\v\u00a0]*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line and not clutter.is_clutter(line)]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def shape_body(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    """Sort body paragraphs into passages, headings and link lists.

    Returns (passage text, heading) pairs. A run of two or more short
    unpunctuated lines is a list of links to other stories and goes. A lone
    short line between prose is a section heading for what follows; before
    any prose it is the standfirst, a passage; after all prose it goes.
    """
    shaped: list[tuple[str, str | None]] = []
    heading: str | None = None
    i = 0
    while i < len(paragraphs):
        if not clutter.is_short_line(paragraphs[i]):
            shaped.append((paragraphs[i], heading))
            i += 1
            continue
        end = i
        while end < len(paragraphs) and clutter.is_short_line(paragraphs[end]):
            end += 1
        if end - i == 1:
            if not shaped:
                shaped.append((paragraphs[i], heading))
            elif end < len(paragraphs):
                heading = paragraphs[i]
        i = end
    return shaped


def find_date(line: str) -> dt.date | None:
    """The first real calendar date written in `line`, or None.

    "31 February 2016" matches a pattern but is no date, so it is skipped.
    """
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            text = f"{match['year']}-{number:02d}-{int(match['day']):02d}"
            try:
                date = dt.datetime.strptime(text, "%Y-%m-%d").date()
            except ValueError:
                continue
            if 1800 <= date.year <= 2100:
                return date
    return None


def _find_date_line(paragraphs: list[str]) -> tuple[dt.date | None, int | None]:
    for i, line in enumerate(paragraphs[:HEADER_ZONE]):
        # The first line is the title, even "Election 2015: 7 May 2015 results",
        # unless it holds nothing but a date.
        if i == 0 and _DATE_ONLY_NOISE.sub("", _strip_dates(line)).strip():
            continue
        if len(line) <= MAX_META_CHARS and not clutter.ends_sentence(line):
            date = find_date(line)
            if date is not None:
                return date, i
    return None, None


def _strip_dates(line: str) -> str:
    for pattern in DATE_PATTERNS:
        line = pattern.sub("", line)
    return line


def _find_bylines(paragraphs: list[str]) -> dict[int, list[str]]:
    bylines: dict[int, list[str]] = {}
    # Not the first line: that is the title, even "By Royal Appointment".
    for i, line in enumerate(paragraphs[1:HEADER_ZONE], start=1):
        match = _BYLINE.match(line)
        if match is None or len(line) > MAX_META_CHARS:
            continue
        # "By Jon Stone and Ben Riley-Smith, Political Correspondents"
        parts = re.split(r"\s*(?:,|\band\b|&)\s*", match["names"])
        names = [part for part in parts if _PERSON_NAME.fullmatch(part) and _not_a_job(part)]
        if names:
            bylines[i] = names
    return bylines


def _is_person_name(paragraphs: list[str], i: int) -> bool:
    if not 0 <= i < len(paragraphs):
        return False
    line = paragraphs[i]
    return bool(_PERSON_NAME.fullmatch(line)) and _not_a_job(line)


def _not_a_job(name: str) -> bool:
    return not any(word in _NOT_AUTHOR_WORDS for word in name.split())


def _is_hard_wrapped(lines: list[str]) -> bool:
    # Wrapped prose: every line but the last about as long as the others,
    # 50-100 characters, and mostly breaking mid-sentence.
    if len(lines) < 2:
        return False
    lengths = [len(line) for line in lines[:-1]]
    if min(lengths) < 50 or max(lengths) > 100 or max(lengths) - min(lengths) > 25:
        return False
    if len(lines[-1]) > max(lengths) + 10:
        return False
    sentence_ends = sum(clutter.ends_sentence(line) for line in lines[:-1])
    return sentence_ends * 2 <= len(lengths) and sentence_ends < len(lengths)


def _first_sentence(paragraph: str, limit: int = 100) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


def _is_hansard(text: str) -> bool:
    if _HANSARD_VOLUME.search(text):
        return True
    return sum(bool(marker.search(text)) for marker in _HANSARD_MARKERS) >= 2


def _guess_house(header: list[str], text: str) -> str | None:
    for pattern, house in _HOUSE_STATED:
        # Only short header lines: a contribution may mention the other House.
        if any(len(line) <= MAX_META_CHARS and pattern.search(line) for line in header):
            return house
    # Only "My Lords" or "Mr Speaker" tell the chambers apart; without them, say nothing.
    if _LORDS_HINT.search(text):
        return "House of Lords"
    if _COMMONS_HINT.search(text):
        return "House of Commons"
    return None
