"""Tables of stories or speeches: CSV, TSV and JSON Lines exports, one document a row.

The dialect is found from the content. JSON Lines: the first non-blank line
is a JSON object (`{"headline": ...`); each line is one record, and nested
objects are reached with dotted names (`meta.date`). Otherwise the first line
is a header row of column names separated by `,`, `;`, tab or `|` (the one
that splits it into the most names, one of which is a known name); rows may
span lines inside quotes. A file without a header row is not read.

Each archive field (FIELDS) comes from a column: the one `options.mapping`
names (`{"text": "short_description"}`, from `--map text=short_description`),
else the first present of DEFAULT_COLUMNS[field], matched without regard to
case. A mapped value `=commons` is a literal for every row (`--map
house==commons`: the UK COVID speeches table names no house); an empty one
(`date=`) ignores the field.

Rows and their quirks:

- A row is a speech when it names a speaker (kind "hansard", the title is
  each passage's heading), else a story (kind "news", its speakers read
  afterwards by archive.speakers); a valid `kind` column wins. The text is split into
  passages at blank lines; single line breaks stay (the COVID speeches put
  one sentence a line).
- A story row with empty text takes its title as text, so it stays findable
  (none of HuffPost's 9,999 rows needs it); a speech without text is skipped.
- Authors: "By A, B and C, AP" gives A, B, C. A news agency (AP, Reuters ...)
  beside named people is their employer and is dropped; alone, it is kept.
  "Jr." stays with its name. Names are kept as printed, capitals and all.
- Tags: a list, or a string split at `,`, `;` or `|` (HuffPost's one category).
- Dates: ISO dates and datetimes, read as written (no time-zone shift), then
  day-first forms ("26 Feb 1987", "03/04/2020" is 3 April) by dateutil.
- Bad records are warned about with their physical line and skipped: a
  JSON line that does not parse or is not an object, a row with fewer
  fields than the header (or more, unless the extras are empty), an
  impossible, partial or unreadable date, a house not in HOUSES, no text,
  a field longer than MAX_FIELD_CHARS, a JSON line nested too deep for the
  parser. A file of only bad rows is an IngestError. A lone surrogate in a
  JSON string ("\\ud800", half an emoji) becomes U+FFFD.
- `id` becomes each passage's ref, not the document's: the catalog takes
  documents with one ref for versions of one record and keeps only the
  latest, and a table's ids are only as unique as the table makes them (the
  COVID table repeats 5 speech ids; two tables numbering rows 1, 2 ... clash).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from dateutil import parser as dateutil_parser

from archive.errors import IngestError, UsageError
from archive.ingest.base import Format, IngestOptions
from archive.ingest.text import decode_text, real_text
from archive.model import HOUSES, KINDS, Document, Passage

# The archive's fields and the columns that hold them unless --map says which,
# in order of preference. Not "name" for speaker: too many tables have a
# "name" column that is no speaker (`--map speaker=name`).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "debate_subject", "subject"),
    "date": ("date", "published", "publish_date", "pubdate", "date_published"),
    "text": ("text", "body", "content", "speech", "short_description", "description"),
    "speaker": ("speaker", "speaker_name"),
    "speaker_ref": ("speaker_ref", "speaker_id", "person_id"),
    "party": ("party", "speaker_party"),
    "role": ("role", "speaker_role"),
    "source": ("source", "publication", "publisher"),
    "url": ("url", "link"),
    "authors": ("authors", "author", "byline"),
    "kind": ("kind",),
    "tags": ("tags", "category", "categories", "topic"),
    "house": ("house", "chamber"),
    "id": ("id", "speech_id"),
}
FIELDS = tuple(DEFAULT_COLUMNS)
_KNOWN = frozenset(name for names in DEFAULT_COLUMNS.values() for name in names)
# A field this long is a broken quote that swallowed the rest of the file.
MAX_FIELD_CHARS = 1_000_000
DELIMITERS = ",;\t|"
MAX_TITLE_CHARS = 100
_MAX_LIST_DEPTH = 5
_TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".psv", ".jsonl", ".ndjson")
_HEADER_NAME = re.compile(r"\w[\w .:/()#&'+-]{0,63}")
_JSON_OPENING = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*:')
# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;|]|\band\b|&)\s*", re.IGNORECASE)
_NAME_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?", re.IGNORECASE)
_AGENCIES = frozenset(
    "ap|associated press|the associated press|reuters|afp|agence france-presse"
    "|pa|press association|pa media|upi|bloomberg|dpa".split("|")
)

Rows = list[tuple[int, dict[str, Any] | str]]  # (line, values by column or why it is bad)


class _BadRow(ValueError):
    """Why one row is skipped; the reader adds its line number."""


def sniff(head: bytes, filename: str) -> bool:
    """True for JSON Lines objects, or a header row of column names with a known one."""
    codec = next((codec for bom, codec in _BOMS if head.startswith(bom)), "utf-8")
    if codec == "utf-8" and b"\x00" in head:
        return False
    text = head.decode(codec, errors="replace").replace("\r\n", "\n")
    whole = len(head) < 4096
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and lines[0].startswith("{"):
        complete = lines if whole else lines[:-1]
        return bool(_JSON_OPENING.match(lines[0])) and (
            not complete or any(_json_object(line) for line in complete)
        )
    records = _records(text, _header_delimiter(text) or ",")
    header = records[0] if records else []
    if not _is_header(header):
        return False
    rows = [row for row in (records if whole else records[:-1])[1:] if row]
    if rows:
        return sum(_fits(row, len(header)) for row in rows) * 2 >= len(rows)
    known = sum(name.strip().lower() in _KNOWN for name in header)
    return known >= 2 or filename.lower().endswith(_TABLE_SUFFIXES)


def check_mapping(mapping: Mapping[str, str]) -> None:
    """UsageError unless every mapped field is an archive field and every literal fits it."""
    for name, value in mapping.items():
        if name not in FIELDS:
            raise UsageError(f"unknown field {name!r} in --map (use: {', '.join(FIELDS)})")
        literal = value[1:].strip() if value.startswith("=") else None
        try:
            if literal is not None and name == "date":
                parse_date(literal)
            elif literal is not None and name == "house":
                _house(literal)
            elif literal is not None and name == "kind" and literal not in KINDS:
                raise _BadRow(f"kind {literal!r} is not one of {', '.join(KINDS)}")
        except _BadRow as error:
            raise UsageError(f"--map {name}={value}: {error}") from None


def read(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    """Each good row of the table as a Document; bad rows are warned about and skipped."""
    check_mapping(options.mapping)
    text = decode_text(data, path, options.encoding)
    first = next((line for line in text.split("\n") if line.strip()), "")
    columns, rows = _json_rows(text) if first.lstrip().startswith("{") else _csv_rows(text, path)
    if not rows:
        raise IngestError(path, "no rows below the header")
    get = _resolve(columns, options.mapping, path)
    bad = 0
    for line, values in rows:
        try:
            if isinstance(values, str):
                raise _BadRow(values)
            yield _document(lambda field, values=values: get(field, values))
        except _BadRow as error:
            bad += 1
            options.warn(f"line {line}: {error}")
    if bad == len(rows):
        raise IngestError(path, f"no good rows: {bad} bad lines")


def parse_date(value: str) -> dt.date | None:
    """A calendar day from an ISO or written date; None if empty, _BadRow if not a day."""
    value = value.strip()
    if not value:
        return None
    if len(value) > 64:
        raise _BadRow("date longer than 64 characters")
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    # dateutil's day-first reading would take 2018-05-01 for 5 January.
    iso = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", value)
    try:
        if iso:
            return dt.date(*map(int, iso.groups()))
        # A part the text lacks comes from the default: two defaults show it.
        days = {
            dateutil_parser.parse(value, dayfirst=True, ignoretz=True, default=default).date()
            for default in (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))
        }
    except (ValueError, OverflowError) as error:
        raise _BadRow(f"bad date {value!r} ({error})") from None
    if len(days) > 1:
        raise _BadRow(f"bad date {value!r} (not a whole day)")
    return days.pop()


def split_authors(value: str | list[str]) -> tuple[str, ...]:
    """Names from a byline or a list: "By Eric Tucker and Rahim Faiez, AP" -> both names."""
    parts = value if isinstance(value, list) else _AUTHOR_SEPARATORS.split(value)
    names: list[str] = []
    for part in parts:
        part = re.sub(r"^by\s+", "", str(part).strip(" `'\"|"), flags=re.IGNORECASE)
        if _NAME_SUFFIX.fullmatch(part) and names:
            names[-1] = f"{names[-1]} {part}"
        elif part:
            names.append(part)
    people = [name for name in names if name.lower() not in _AGENCIES]
    # "The Associated Press, AP" names one agency twice: keep it once.
    return tuple(dict.fromkeys(people or names[:1]))


def _document(get: Callable[[str], Any]) -> Document:
    title, speaker = _text(get("title")), _text(get("speaker"))
    body = get("text")
    body = "\n\n".join(body) if isinstance(body, list) else _text(body)
    paragraphs = _PARAGRAPH_BREAK.split((body or ("" if speaker else title)).replace("\r\n", "\n"))
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    if not paragraphs:
        raise _BadRow("no text")
    date, house = parse_date(_text(get("date"))), _house(_text(get("house")))
    kind = _text(get("kind")).lower()
    if kind not in KINDS:
        kind = "hansard" if speaker else "news"
    if speaker:
        facts = {"speaker": speaker, "speaker_as_printed": speaker, "heading": title or None}
        for name, field in (("speaker_role", "role"), ("speaker_ref", "speaker_ref")):
            facts[name] = _text(get(field)) or None
        facts["speaker_party"] = _text(get("party")) or None
        said = [facts] * len(paragraphs)
    else:
        said = [{}] * len(paragraphs)
    ref = _text(get("id")) or None
    authors, tags = get("authors"), get("tags")
    return Document(
        kind=kind,
        title=title or _first_sentence(paragraphs[0]),
        passages=tuple(
            Passage(text=paragraph, ref=ref, **facts)
            for paragraph, facts in zip(paragraphs, said, strict=True)
        ),
        date=date,
        source=_text(get("source")) or None,
        url=_text(get("url")) or None,
        authors=split_authors(authors) if authors else (),
        house=house,
        tags=_tags(tags) if tags else (),
        # News with no speaker column is read for quotes; a speech table says who spoke.
        attribution="prose" if kind == "news" and not speaker else "given",
    )


def _resolve(columns: list[str], mapping: Mapping[str, str], path: str):
    """A getter (field, row values) -> value, for the columns this file has."""
    by_lower: dict[str, str] = {}
    for column in columns:
        by_lower.setdefault(column.lower(), column)
    literals = {name: value[1:].strip() for name, value in mapping.items() if value[:1] == "="}
    chosen: dict[str, str] = {}
    for name in FIELDS:
        wanted = mapping.get(name, "").strip()
        if name in literals or (name in mapping and not wanted):
            continue
        if not wanted:
            found = [by_lower[n] for n in DEFAULT_COLUMNS[name] if n in by_lower]
            chosen.update({name: found[0]} if found else {})
            continue
        column = wanted if wanted in columns else by_lower.get(wanted.lower())
        if column is None:
            listing = _listing(columns)
            raise IngestError(path, f"no column {wanted!r} for {name} (columns: {listing})")
        chosen[name] = column
    if "text" not in chosen and "text" not in literals:
        listing = _listing(columns)
        raise IngestError(path, f"no text column (columns: {listing}); use --map text=COLUMN")

    def get(field: str, values: dict[str, Any]) -> Any:
        if field in literals:
            return literals[field]
        return values.get(chosen[field]) if field in chosen else None

    return get


def _json_rows(text: str) -> tuple[list[str], Rows]:
    columns: dict[str, None] = {}
    rows: Rows = []
    # Not splitlines(): U+2028 is a line break to it but may sit inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) > MAX_FIELD_CHARS:
            rows.append((number, f"line longer than {MAX_FIELD_CHARS:,} characters"))
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            rows.append((number, f"not valid JSON ({error})"))
            continue
        except RecursionError:
            rows.append((number, "JSON nested too deep"))
            continue
        if not isinstance(record, dict):
            rows.append((number, f"not a JSON object (a {type(record).__name__})"))
            continue
        values = _flatten(record)
        columns.update(dict.fromkeys(values))
        rows.append((number, values))
    return list(columns), rows


def _flatten(record: dict[str, Any], prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """{"meta": {"date": "..."}} -> {"meta.date": "..."}; values as str or list of str."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            if depth < 5:
                flat.update(_flatten(value, f"{prefix}{key}.", depth + 1))
        elif isinstance(value, list):
            flat[prefix + key] = [text for item in value if (text := _text(item))]
        else:
            flat[prefix + key] = _text(value)
    return flat


def _csv_rows(text: str, path: str) -> tuple[list[str], Rows]:
    delimiter = _header_delimiter(text[:65536])
    if delimiter is None:
        raise IngestError(path, "no header row of column names (separated by , ; tab or |)")
    rows: Rows = []
    limit = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [name.strip() for name in next((r for r in reader if r), [])]
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                rows.append((start, f"unreadable row ({error})"))
                continue
            if not row:
                continue
            if _fits(row, len(header)):
                values: dict[str, str] = {}
                for name, value in zip(header, row, strict=False):
                    values.setdefault(name, value)
                rows.append((start, values))
                continue
            reason = f"{len(row)} fields, expected {len(header)}"
            if reader.line_num > start:
                reason += f" (the row runs to line {reader.line_num}: a stray quote?)"
            rows.append((start, reason))
    except csv.Error as error:
        raise IngestError(path, f"unreadable header row ({error})") from None
    finally:
        csv.field_size_limit(limit)
    return [name for name in dict.fromkeys(header) if name], rows


def _fits(row: list[str], width: int) -> bool:
    """A row as wide as the header, or wider with only empty fields beyond it."""
    return len(row) == width or (len(row) > width and not any(f.strip() for f in row[width:]))


def _header_delimiter(text: str) -> str | None:
    """The delimiter that splits the first line into the most names, a known one first."""
    best: tuple[bool, int, str] | None = None
    for delimiter in DELIMITERS:
        header = (_records(text, delimiter, limit=1) or [[]])[0]
        if len([name for name in header if name.strip()]) < 2:
            continue
        score = (_is_header(header), len(header), delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else None


def _is_header(header: list[str]) -> bool:
    names = [name.strip() for name in header if name.strip()]
    return (
        len(names) >= 2
        and len(header) - len(names) <= 1
        and all(_HEADER_NAME.fullmatch(name) and len(name.split()) <= 6 for name in names)
        and any(name.lower() in _KNOWN for name in names)
    )


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\r\n"), newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if len(records) == limit:
                break
    except csv.Error:
        pass
    return records


def _json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _text(value: Any, depth: int = 0) -> str:
    # Lists in lists are joined a few levels down; deeper is no field anyone wrote.
    if value is None or isinstance(value, dict) or depth > _MAX_LIST_DEPTH:
        return ""
    if isinstance(value, list):
        return ", ".join(text for item in value if (text := _text(item, depth + 1)))
    # A JSON string may hold a lone surrogate ("\ud800"): U+FFFD, as a decoder would.
    return real_text(str(value)).strip()


def _tags(value: str | list[str]) -> tuple[str, ...]:
    parts = value if isinstance(value, list) else re.split(r"[,;|]", value)
    return tuple(dict.fromkeys(tag for tag in (str(p).strip() for p in parts) if tag))


def _house(value: str) -> str | None:
    # "House of Commons", "Commons", "Westminster Hall" -> HOUSES' spelling.
    house = "-".join(re.sub(r"^house of\b", "", value.lower()).split())
    if house and house not in HOUSES:
        raise _BadRow(f"house {value!r} is not one of {', '.join(HOUSES)}")
    return house or None


def _first_sentence(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence
    return sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _listing(columns: list[str]) -> str:
    more = f" and {len(columns) - 30} more" if len(columns) > 30 else ""
    return (", ".join(columns[:30]) + more) or "none"


FORMAT = Format("table", sniff, read)
