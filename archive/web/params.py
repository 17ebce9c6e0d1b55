"""A request's query string read into what the Archive is asked, every value checked.

Every route names the parameters it takes; an unknown one, a value given
twice that may be given once, a malformed number or date, or a value past
its bound is a BadParam naming the parameter and the reason (400), never a
500. Empty values are left out, as a form sends its empty fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.errors import BadDate, NotFound
from archive.query.dates import date_range

MAX_QUERY = 1_000  # characters of query text
MAX_VALUE = 200  # characters of any other value
MAX_REPEAT = 20  # values of one repeatable parameter
MAX_LIMIT = 1_000  # results in one response
MAX_OFFSET = 100_000_000  # how deep paging may reach (as the library allows)
PAGE_SIZE = 10  # results on a page of the web app

# Repeatable filters: parameter -> the Archive's keyword.
FILTERS = {
    "speaker": "speakers",
    "source": "sources",
    "kind": "kinds",
    "party": "parties",
    "house": "houses",
    "topic": "topics",
    "person": "person_ids",
}
CHOICES = {
    "kind": ("news", "hansard"),
    "sort": ("relevance", "newest", "oldest"),
    "group": ("document",),
    "by": ("day", "week", "month", "year"),
    "format": ("jsonl", "csv", "json"),
}
# What each kind of route takes.
QUERY = frozenset({"q", "since", "until", *FILTERS})
SEARCH_PAGE = QUERY | {"sort", "group", "page"}
SEARCH_API = SEARCH_PAGE | {"limit", "offset", "context"}
EXPORT = QUERY | {"sort", "format"}
SPEAKERS = QUERY | {"name", "limit"}
TIMELINE = QUERY | {"by", "format"}
TRACE_PAGE = QUERY | {"min_similarity"}
TRACE = TRACE_PAGE | {"limit"}
RELATED = frozenset({"days"})
MAX_DAYS = 366  # how far either side `related` looks
PERSON = frozenset({"page"})


class BadParam(Exception):
    """A parameter the route does not take, or a value it cannot use; `name` is the field."""

    def __init__(self, message: str, name: str | None = None):
        self.name = name
        super().__init__(message)


@dataclass
class Ask:
    """What a request asks for, checked. `filters` are the Archive's keyword arguments."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str | None = None
    group: str | None = None
    page: int = 1
    limit: int | None = None
    offset: int | None = None
    context: int | None = None
    by: str | None = None
    name: str | None = None
    format: str | None = None
    min_similarity: float | None = None
    days: int | None = None

    @property
    def anything(self) -> bool:
        """Whether there is something to search for: words or a filter."""
        return bool(self.q.strip() or self.filters)


def read(items: list[tuple[str, str]], allowed: frozenset[str]) -> Ask:
    """The (name, value) pairs of a query string, checked against what the route takes."""
    values: dict[str, list[str]] = {}
    for key, value in items:
        if key not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise BadParam(f"unknown parameter {key!r} (this page takes: {known})", key)
        if value.strip():
            values.setdefault(key, []).append(value)
    ask = Ask()
    for key, given in values.items():
        if key in FILTERS:
            if len(given) > MAX_REPEAT:
                raise BadParam(f"{key} is given {len(given)} times; at most {MAX_REPEAT}", key)
            for value in given:
                _check_length(key, value)
                if key in CHOICES:
                    _choice(key, value)
            ask.filters[FILTERS[key]] = (
                [_whole(key, v, 1, 2**31) for v in given] if key == "person" else given
            )
            continue
        if len(given) > 1:
            raise BadParam(f"{key} is given {len(given)} times; give it once", key)
        _single(ask, key, given[0])
    return ask


def _single(ask: Ask, key: str, value: str) -> None:
    _check_length(key, value)
    if key == "q":
        ask.q = value
    elif key in ("since", "until"):
        try:
            date_range(value)
        except BadDate as exc:
            raise BadParam(f"{key}: {exc}", key) from None
        ask.filters[key] = value.strip()
    elif key in CHOICES:
        setattr(ask, key, _choice(key, value))
    elif key == "page":
        ask.page = _whole(key, value, 1, MAX_OFFSET // PAGE_SIZE)
    elif key == "limit":
        ask.limit = _whole(key, value, 0, MAX_LIMIT)
    elif key == "offset":
        ask.offset = _whole(key, value, 0, MAX_OFFSET)
    elif key == "context":
        ask.context = _whole(key, value, 40, 2_000)
    elif key == "name":
        ask.name = value
    elif key == "min_similarity":
        ask.min_similarity = _fraction(key, value)
    elif key == "days":
        ask.days = _whole(key, value, 0, MAX_DAYS)


def _check_length(key: str, value: str) -> None:
    most = MAX_QUERY if key == "q" else MAX_VALUE
    if len(value) > most:
        what = "the query" if key == "q" else key
        raise BadParam(f"{what} is {len(value):,} characters long; at most {most:,}", key)


def _choice(key: str, value: str) -> str:
    value = value.strip().lower()
    if value not in CHOICES[key]:
        raise BadParam(f"{key} {value!r} is not one of: {', '.join(CHOICES[key])}", key)
    return value


def _whole(key: str, value: str, least: int, most: int) -> int:
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        raise BadParam(f"{key} must be a whole number, not {value!r}", key)
    number = int(text)
    if not least <= number <= most:
        raise BadParam(f"{key} must be from {least:,} to {most:,}, not {number:,}", key)
    return number


def _fraction(key: str, value: str) -> float:
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        raise BadParam(f"{key} must be a number from 0 to 1, not {value!r}", key) from None
    if not 0 <= number <= 1:  # also refuses nan and inf
        raise BadParam(f"{key} must be from 0 to 1, not {text}", key)
    return number


def person_id(number: int) -> int:
    """A person id from a path: too large a number names nobody (and SQLite cannot hold it)."""
    if number > 2**31:
        raise NotFound(f"no person {number} in the archive")
    return number
