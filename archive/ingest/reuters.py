"""Reuters-21578: the 1987 Reuters newswire collection in its SGML distribution.

Each file (`reut2-000.sgm` ... `reut2-021.sgm`, 1,000 stories each but the
last) opens with `<!DOCTYPE lewis SYSTEM "lewis.dtd">` and holds a run of
`<REUTERS NEWID="1" ...>` blocks, one story each:

    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS> <PLACES><D>usa</D></PLACES> (PEOPLE, ORGS, EXCHANGES)
    <TEXT><TITLE>BAHIA COCOA REVIEW</TITLE> <AUTHOR>    By Jane Doe, Reuters</AUTHOR>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued ...
        The dry period means ...   <- an indented line starts a paragraph
     Reuter                         <- the sign-off, dropped
    &#3;</BODY></TEXT>

Quirks, all met in the real files:

- It is SGML, not XML (`&lt;BP>` with a bare `>`, no closing DOCTYPE), so it
  is read with regular expressions over whole `<REUTERS>` blocks, each
  bounded in size; a block that is not closed or is too big is warned about
  ("NEWID 123: ...") and skipped, and the rest of the file is read.
- The bytes are latin-1 (reut2-017 has one non-ASCII byte). Entities are
  decoded with `html.unescape`; the wire's control characters (`&#2;`,
  `&#3;`, `&#5;`, `&#127;` ...) are dropped.
- `<TEXT TYPE="BRIEF">` has a title and only "Blah blah blah." after it: the
  title is the story's one passage. `<TEXT TYPE="UNPROC">` has no TITLE or
  BODY, only text (often a price table): its first line is the title and
  all of it is passages. Table rows are indented, so each row is a passage.
- Dates carry stray text ("26-FEB-1987 15:01:01.79&#9;&#9;&#9;F", a bad
  hour "605:12:19.12", "... # date added by S Finch as guesswork"); only
  the day-month-year is read. A date that cannot be read gives a document
  without a date, and a warning.
- The sign-off varies: " Reuter", " REUTER", "REUTER^M", " REUTER TAW",
  "... 5.0 MM. REUTER", and misspellings ("REUITER", "RUTER"); but a line
  "Reuters." ends "an official told / Reuters." and is text.

A document's `tags` are the category values in order: topics, places,
people, orgs, exchanges ("crude", "usa", "volcker", "opec", "nyse"). The
five lists share no value, so the plain value is enough to know its kind.
The dateline ("SALVADOR, Feb 26 -") opens the first passage, as on the wire.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

from archive.errors import IngestError
from archive.ingest.base import Format, IngestOptions
from archive.model import Document, Passage

# The longest story in the collection is about 14,000 characters; a block
# far bigger than that is a broken file that runs stories together.
MAX_BLOCK_CHARS = 256 * 1024
# An UNPROC story's first line is its title; a longer one is cut at a word.
MAX_TITLE_CHARS = 200

_SNIFF = re.compile(rb"<!DOCTYPE\s+lewis\b|(?:\A|\n)\s*<REUTERS[\s>]", re.IGNORECASE)
_START = re.compile(r"<REUTERS\b([^<>]{0,1000})>", re.IGNORECASE)
_END = re.compile(r"</REUTERS\s*>", re.IGNORECASE)
_NEWID = re.compile(r"""\bNEWID\s*=\s*["']?(\d+)""", re.IGNORECASE)
_CATEGORIES = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES")
_ELEMENTS = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}\s*>", re.IGNORECASE | re.DOTALL)
    for name in ("DATE", *_CATEGORIES, "TEXT", "TITLE", "AUTHOR", "DATELINE", "BODY")
}
_D = re.compile(r"<D>(.*?)</D\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z!][^<>]*>")
# What html.unescape leaves of the wire's controls; tab and newline stay.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DATE = re.compile(r"\b(\d{1,2})-([A-Za-z]{3})-(\d{4})\b")
_MONTHS = {
    name: number
    for number, name in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1
    )
}
# Sign-off suffixes: "REUTER...^M", "Reuter4", "REUTER11:43/VB", "REUTER TAW".
_SUFFIX = r"(?:\.\.\.|\^M|\d+(?::\d+/\w+)?|[ \t]+[A-Z]{1,3}\b)*\s*\Z"
_SIGN_OFF = re.compile(
    r"(?:(?:\A|\n)[ \t]*(?i:reuters?|reu[ei]t?er|reute|ruter)"  # on a line of its own
    r"|(?<=[.\d)\"])[ \t]+(?i:reuters?))" + _SUFFIX  # "... 5.0 MM. REUTER"
)
# BRIEF stories: asterisks before the title, "Blah blah blah." after it.
_BRIEF_FILLER = re.compile(r"^[\s*]*(?:blah blah blah\.?)?[\s*]*$", re.IGNORECASE)
_AUTHOR_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_AUTHOR_AGENCY = re.compile(r"[\s,]+reuters?\w?\.?\s*$", re.IGNORECASE)
_AUTHOR_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def sniff(head: bytes, filename: str) -> bool:
    """A Reuters-21578 file: the lewis DOCTYPE or a `<REUTERS ...>` tag at a line's start."""
    return _SNIFF.search(head) is not None


def read(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    """Every story in one Reuters-21578 SGML file; broken blocks are warned about and skipped."""
    text = data.decode("latin-1")
    starts = list(_START.finditer(text))
    if not starts:
        raise IngestError(path, "no <REUTERS> stories found (not a Reuters-21578 file)")
    read_any = False
    for number, start in enumerate(starts, start=1):
        newid = _NEWID.search(start.group(1))
        label = f"NEWID {newid.group(1)}" if newid else f"record {number}"
        limit = starts[number].start() if number < len(starts) else len(text)
        end = _END.search(text, start.end(), min(limit, start.end() + MAX_BLOCK_CHARS + 1))
        if end is None:
            if limit - start.end() > MAX_BLOCK_CHARS:
                options.warn(f"{label}: story longer than {MAX_BLOCK_CHARS} characters")
            else:
                options.warn(f"{label}: no closing </REUTERS>")
            continue
        document = _story(text[start.end() : end.start()], newid and newid.group(1), label, options)
        if document is not None:
            read_any = True
            yield document
    if not read_any:
        raise IngestError(path, f"none of its {len(starts)} <REUTERS> stories could be read")


def _story(block: str, newid: str | None, label: str, options: IngestOptions) -> Document | None:
    """One `<REUTERS>` block (without its own tags) as a Document, or None, warned."""
    whole = _ELEMENTS["TEXT"].search(block)
    if whole is None:
        options.warn(f"{label}: no <TEXT>")
        return None
    inner = whole.group(1)
    title = _line(_drop_sign_off(_field(inner, "TITLE") or ""))
    body = _field(inner, "BODY")
    if body is None:
        # BRIEF and UNPROC: what TEXT holds outside its TITLE, AUTHOR and DATELINE.
        rest = inner
        for name in ("TITLE", "AUTHOR", "DATELINE"):
            rest = _ELEMENTS[name].sub("", rest)
        body = _clean(_TAG.sub("", rest))
        if _BRIEF_FILLER.match(body):
            body = ""
    paragraphs = split_paragraphs(_drop_sign_off(body))
    if not title and paragraphs:
        title = _shorten(_line(body.strip().split("\n", 1)[0]))
    if not title:
        options.warn(f"{label}: no title and no text")
        return None
    has_text = bool(paragraphs)
    if not has_text:
        # A BRIEF is only a headline: it is the story's text too.
        paragraphs = [title]
    dateline = _line(_field(inner, "DATELINE") or "")
    if dateline and has_text:
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
    passages = tuple(Passage(paragraph) for paragraph in paragraphs)
    return Document(
        kind="news",
        title=title,
        passages=passages,
        date=_date(block, label, options),
        source="Reuters",
        authors=_authors(_field(inner, "AUTHOR") or ""),
        language="en",
        tags=_tags(block),
        ref=f"reuters21578/{newid}" if newid else None,
        attribution="prose",
    )


def split_paragraphs(body: str) -> list[str]:
    """A wire body's paragraphs: an indented line or one after a blank line starts one."""
    paragraphs: list[list[str]] = []
    fresh = True
    for line in body.split("\n"):
        words = line.split()
        if not words:
            fresh = True
            continue
        if fresh or line[:1].isspace():
            paragraphs.append(words)
        else:
            paragraphs[-1].extend(words)
        fresh = False
    return [" ".join(words) for words in paragraphs]


def _drop_sign_off(body: str) -> str:
    # The sign-off is at the end, sometimes twice ("... 28. REUTER\n Reuter"):
    # search only the last characters, not through the whole story.
    while match := _SIGN_OFF.search(body, max(0, len(body) - 200)):
        body = body[: match.start()]
    return body


def _field(text: str, name: str) -> str | None:
    match = _ELEMENTS[name].search(text)
    return None if match is None else _clean(match.group(1))


def _clean(raw: str) -> str:
    """Markup text as plain text: entities decoded, control characters gone."""
    return _CONTROLS.sub("", html.unescape(raw.replace("\r", "")))


def _line(text: str) -> str:
    return " ".join(text.split())


def _shorten(line: str) -> str:
    if len(line) <= MAX_TITLE_CHARS:
        return line
    return line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _date(block: str, label: str, options: IngestOptions) -> dt.date | None:
    raw = _field(block, "DATE")
    if raw is None:
        options.warn(f"{label}: no <DATE>; read without a date")
        return None
    match = _DATE.search(raw)
    month = _MONTHS.get(match.group(2).lower()) if match else None
    if match and month:
        try:
            return dt.date(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            pass
    options.warn(f"{label}: unreadable date {_line(raw)[:40]!r}; read without a date")
    return None


def _tags(block: str) -> tuple[str, ...]:
    values: list[str] = []
    for name in _CATEGORIES:
        match = _ELEMENTS[name].search(block)
        if match:
            values.extend(_line(_clean(value)) for value in _D.findall(match.group(1)))
    return tuple(dict.fromkeys(value for value in values if value))


def _authors(raw: str) -> tuple[str, ...]:
    """ "    By Norma Cohen and Geert Linnebank, Reuters" -> ("Norma Cohen", "Geert Linnebank")."""
    names = _AUTHOR_AGENCY.sub("", _AUTHOR_BY.sub("", _line(raw)))
    out = []
    for name in _AUTHOR_AND.split(names):
        name = name.strip(" ,.")
        letters = [c for c in name if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if capitals == 0 or capitals > len(letters) // 2:
            # "BY CAL MANKOWSKI", "TED d'AFFLISIO" and "keith grant" are set in caps or none.
            name = name.title()
        if name:
            out.append(name)
    return tuple(dict.fromkeys(out))


FORMAT = Format("reuters", sniff, read)
