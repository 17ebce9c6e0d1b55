"""Counting matches: who says it most, and how attention moves over time."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from archive.model import KINDS
from archive.store.catalog import Catalog

PERIODS = ("day", "week", "month", "year")


def _day(number: int) -> dt.date:
    return dt.date(number // 10000, number // 100 % 100, number % 100)


def speaker_counts(
    catalog: Catalog, counts: dict[int, tuple[int, int | None, int | None]]
) -> list[dict]:
    """People ranked by matching passages, with first and last date, party, aliases, offices,
    and `id`, the person's id in this archive (left out of JSON and CSV: see records)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    until = catalog.people.offices_until()
    listing = []
    for person_id, (passages, first, last) in ranked:
        person = catalog.people.get(person_id)
        listing.append(
            {
                "name": person.name,
                "ref": person.ref,
                "passages": passages,
                "first": _day(first).isoformat() if first else None,
                "last": _day(last).isoformat() if last else None,
                "party": catalog.people.party_on(person_id, _day(last) if last else None),
                "aliases": list(person.aliases),
                "offices": [list(o) for o in person.offices],
                # An office with no end is held to at least this day: the lists end there.
                "offices_known_until": until.isoformat() if until else None,
                "id": person_id,
            }
        )
    return listing


@dataclass(frozen=True)
class Bucket:
    period: str  # "2015-12", "2015-W50", "2015-12-16", "2015"
    start: dt.date
    end: dt.date
    counts: dict[str, int]  # by kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def record(self) -> dict:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            **{kind: self.counts.get(kind, 0) for kind in KINDS},
            "total": self.total,
        }


def bucket_of(day: dt.date, by: str) -> tuple[str, dt.date, dt.date]:
    """The period `day` falls in: its label, first and last day."""
    if by == "day":
        return day.isoformat(), day, day
    if by == "week":
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        end = start + dt.timedelta(days=min(6, (dt.date.max - start).days))  # not past 9999
        return f"{year}-W{week:02d}", start, end
    if by == "month":
        start = day.replace(day=1)
        last = calendar.monthrange(day.year, day.month)[1]
        return f"{day.year}-{day.month:02d}", start, day.replace(day=last)
    return str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def timeline(
    day_counts: dict[tuple[int, str], int],
    by: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Bucket]:
    """Counts per period and kind, every period from `since` (else the first match) to `until`
    (else the last), zeros included."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}")
    numbers = {number for number, _ in day_counts}
    if not numbers and (since is None or until is None):
        return []
    label_of = {number: bucket_of(_day(number), by)[0] for number in numbers}
    found: dict[str, dict[str, int]] = {}
    for (number, kind), count in day_counts.items():
        counts = found.setdefault(label_of[number], {})
        counts[kind] = counts.get(kind, 0) + count
    buckets = []
    day = since or _day(min(numbers))
    last = until or _day(max(numbers))
    # A bound far past anything dated (--until 9999-12-31, --since 0001) stops at the
    # matches (or today): a timeline of every month to the year 9999 says nothing more.
    if numbers and day < EARLIEST:
        day = min(_day(min(numbers)), last)
    if last > dt.date.today() + dt.timedelta(days=366):
        last = max(_day(max(numbers)) if numbers else day, min(dt.date.today(), last), day)
    while day <= last:
        label, start, end = bucket_of(day, by)
        buckets.append(Bucket(label, start, end, found.get(label, {})))
        if end >= dt.date.max - dt.timedelta(days=1):
            break
        day = end + dt.timedelta(days=1)
    return buckets


EARLIEST = dt.date(1800, 1, 1)  # before any record the archive holds


def periods_between(first: dt.date, last: dt.date, by: str) -> int:
    """How many periods of `by` a timeline from `first` to `last` has."""
    if by == "day":
        return (last - first).days + 1
    if by == "week":
        return (last - first).days // 7 + 2
    if by == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def fitting_period(
    day_counts: dict[tuple[int, str], int],
    by: str,
    since: dt.date | None,
    until: dt.date | None,
    most: int,
) -> str:
    """`by`, or the first longer period whose timeline has at most `most` rows."""
    numbers = [number for number, _ in day_counts]
    if not numbers and (since is None or until is None):
        return by
    first = since or _day(min(numbers))
    last = until or _day(max(numbers))
    while by != "year" and periods_between(first, last, by) > most:
        by = PERIODS[PERIODS.index(by) + 1]
    return by


def period_of(buckets: list[Bucket]) -> str | None:
    """The period a timeline counts by, read from its labels."""
    if not buckets:
        return None
    label = buckets[0].period
    return "week" if "W" in label else {4: "year", 7: "month"}.get(len(label), "day")
