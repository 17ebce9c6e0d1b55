"""Dates as users type them: YYYY, YYYY-MM or YYYY-MM-DD, widened to a range."""

from __future__ import annotations

import datetime as dt
import re

from archive.errors import BadDate

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
FORMATS_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"


def date_range(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day that `value` names: '2015' -> 2015-01-01..2015-12-31.

    Raises BadDate naming the value for anything else, including impossible
    dates such as 2015-13 or 2015-02-30.
    """
    text = value.strip()
    match = _PARTIAL.fullmatch(text)
    if not match:
        raise BadDate(f"{value!r} is not a date ({FORMATS_HINT})")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            from calendar import monthrange

            last = monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return dt.date(year, month, 1), dt.date(year, month, last)
        exact = dt.date(year, month, day)
    except ValueError as exc:
        raise BadDate(f"{value!r} is not a real date ({exc})") from None
    return exact, exact


def day_number(day: dt.date) -> int:
    """A date as the integer YYYYMMDD: sortable, and readable in an index dump."""
    return day.year * 10000 + day.month * 100 + day.day
