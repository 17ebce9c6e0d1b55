"""Sidecars: a `NAME.meta.json` beside a file states the document's facts.

The facts a sidecar states win over what the ingester finds in the text; a
disagreement is logged, because one of the two is wrong and a person should
look. Fields: kind (news | hansard), source, url, date (YYYY-MM-DD, YYYY-MM
or YYYY), title, authors (a list of names, or one name). A null value is the
same as a missing field.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from archive.errors import IngestError
from archive.ingest.text import real_text
from archive.model import KINDS, Document

logger = logging.getLogger("archive.ingest")

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1024 * 1024
FIELDS = frozenset(("kind", "source", "url", "date", "title", "authors"))
# Free-text fields people write for other people: read, kept out of the index, no warning.
NOTE_FIELDS = frozenset(("note", "notes", "comment", "licence", "license"))
_DATE_FORMATS = {4: ("%Y", "year"), 7: ("%Y-%m", "month"), 10: ("%Y-%m-%d", "day")}
_DATE_SHAPE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class Sidecar:
    """The facts one sidecar states; None where it says nothing."""

    name: str
    kind: str | None = None
    source: str | None = None
    url: str | None = None
    # A "2015-12" sidecar date is held as 2015-12-01 with precision "month".
    date: dt.date | None = None
    date_precision: str = "day"
    title: str | None = None
    authors: tuple[str, ...] | None = None


class MalformedSidecar(ValueError):
    """Why a sidecar cannot be used; read_sidecar adds the file names."""


def is_sidecar(path: Path) -> bool:
    """True if `path` names a sidecar rather than a document."""
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of `path` if one exists: `x.meta.json` first, then `x.txt.meta.json`."""
    candidates = (
        path.with_name(path.stem + SIDECAR_SUFFIX),
        path.with_name(path.name + SIDECAR_SUFFIX),
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> Sidecar | None:
    """Read and check the sidecar of the document at `path`; None if it has none.

    Raises IngestError naming the sidecar and what is wrong with it.
    """
    found = sidecar_path(path)
    if found is None:
        return None
    try:
        if found.stat().st_size > MAX_SIDECAR_BYTES:
            raise MalformedSidecar(f"larger than {MAX_SIDECAR_BYTES // 1024} KB")
        data = found.read_bytes()
        return parse_sidecar(data, found.name)
    except OSError as error:
        raise IngestError(
            str(path), f"cannot read sidecar {found.name}: {error.strerror}"
        ) from None
    except MalformedSidecar as error:
        raise IngestError(str(path), f"malformed sidecar {found.name}: {error}") from None


def parse_sidecar(data: bytes, name: str) -> Sidecar:
    """Check a sidecar's bytes and return its facts.

    Raises MalformedSidecar saying what is wrong; `name` is only for messages.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise MalformedSidecar(
            f"not valid UTF-8 (byte 0x{byte:02X} at offset {error.start})"
        ) from None
    try:
        fields = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise MalformedSidecar(f"invalid JSON at {where}: {error.msg}") from None
    except RecursionError:
        raise MalformedSidecar("JSON nested too deep") from None
    if not isinstance(fields, dict):
        raise MalformedSidecar(f"expected a JSON object, found {_json_type(fields)}")
    for key in fields:
        if key not in FIELDS and key not in NOTE_FIELDS:
            logger.warning("sidecar %s: unknown field %r ignored", name, key)
    values: dict[str, Any] = {"name": name}
    kind = _text_field(fields, "kind")
    if kind is not None and kind not in KINDS:
        raise MalformedSidecar(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    values["kind"] = kind
    for key in ("source", "url", "title"):
        values[key] = _text_field(fields, key)
    date = _text_field(fields, "date")
    if date is not None:
        values["date"], values["date_precision"] = _parse_date(date)
    values["authors"] = _authors(fields.get("authors"))
    return Sidecar(**values)


def apply_sidecar(document: Document, sidecar: Sidecar) -> Document:
    """The document with the sidecar's facts in place of those found in the text.

    Where the text found a different value, log a warning naming the file,
    the field and both values. A partial sidecar date ("2015-12") that the
    text's full date falls within keeps the text's more precise date.
    """
    changes: dict[str, Any] = {}
    for key in ("kind", "source", "url", "title"):
        value = getattr(sidecar, key)
        if value is not None:
            found = getattr(document, key)
            if found and " ".join(found.split()) != " ".join(value.split()):
                _warn(document, sidecar, key, value, found)
            changes[key] = value
    if sidecar.date is not None:
        found_date = document.date
        if found_date is not None and _within(found_date, sidecar):
            if sidecar.date_precision == "day":
                changes["date"] = sidecar.date
        else:
            if found_date is not None:
                _warn(document, sidecar, "date", _show_date(sidecar), found_date.isoformat())
            changes["date"] = sidecar.date
    if sidecar.authors is not None:
        if document.authors and document.authors != sidecar.authors:
            _warn(document, sidecar, "authors", list(sidecar.authors), list(document.authors))
        changes["authors"] = sidecar.authors
    return replace(document, **changes)


def _warn(document: Document, sidecar: Sidecar, key: str, value: object, found: object) -> None:
    logger.warning(
        "%s: sidecar %s gives %s %r but the text says %r; using the sidecar's",
        document.path or "<text>",
        sidecar.name,
        key,
        value,
        found,
    )


def _text_field(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedSidecar(f"{key} must be a string, not {_json_type(value)}")
    if not value.strip():
        raise MalformedSidecar(f"{key} is empty")
    return real_text(value.strip())


def _parse_date(value: str) -> tuple[dt.date, str]:
    if not _DATE_SHAPE.fullmatch(value):
        raise MalformedSidecar(f"date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")
    fmt, precision = _DATE_FORMATS[len(value)]
    try:
        return dt.datetime.strptime(value, fmt).date(), precision
    except ValueError:
        raise MalformedSidecar(f"impossible date {value!r}") from None


def _authors(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list):
        raise MalformedSidecar(f"authors must be a list of names, not {_json_type(value)}")
    for number, name in enumerate(names, start=1):
        if not isinstance(name, str) or not name.strip():
            found = "empty" if isinstance(name, str) else _json_type(name)
            raise MalformedSidecar(f"authors must be names, but item {number} is {found}")
    return tuple(real_text(name.strip()) for name in names)


def _within(date: dt.date, sidecar: Sidecar) -> bool:
    assert sidecar.date is not None
    if sidecar.date_precision == "year":
        return date.year == sidecar.date.year
    if sidecar.date_precision == "month":
        return (date.year, date.month) == (sidecar.date.year, sidecar.date.month)
    return date == sidecar.date


def _show_date(sidecar: Sidecar) -> str:
    assert sidecar.date is not None
    return sidecar.date.isoformat()[: {"year": 4, "month": 7, "day": 10}[sidecar.date_precision]]


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a string ({value!r})"
