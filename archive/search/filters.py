"""Search filters: options and field terms resolved against the catalog into tree nodes.

`--speaker fallon` and `speaker:fallon` go through the same function here,
so an option and a field term always mean the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.errors import UnknownSpeaker, UsageError
from archive.ingest.sources import HANSARD, is_domain, site_name
from archive.model import HOUSES, KINDS
from archive.query.dates import date_range
from archive.query.tree import And, DateRange, Field, FieldIn, Node, Or, house_name, tag_term
from archive.query.words import fold
from archive.store.catalog import Catalog

Warn = Callable[[str], None]


def log_warning(message: str) -> None:
    """The default for a warning: the "archive" logger (imported only when there is one)."""
    import logging

    logging.getLogger("archive").warning(message)


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words. Dates are YYYY[-MM[-DD]] or date objects."""

    speakers: Sequence[str] = ()
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    sources: Sequence[str] = ()
    kinds: Sequence[str] = ()
    parties: Sequence[str] = ()
    houses: Sequence[str] = ()
    topics: Sequence[str] = ()
    # People by their id in this archive's registry (Hit.speaker_id), as a page of one links.
    person_ids: Sequence[int] = ()

    def __bool__(self) -> bool:
        return any(
            (self.speakers, self.since, self.until, self.sources, self.kinds, self.parties,
             self.houses, self.topics, self.person_ids)
        )  # fmt: skip

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day the dates asked allow (None: open on that side)."""
        return _bound(self.since, first=True), _bound(self.until, first=False)


def filter_nodes(catalog: Catalog, filters: Filters, warn: Warn = log_warning) -> list[Node]:
    """The tree nodes for every filter given; what matches more or less than asked to `warn`."""
    nodes: list[Node] = []
    if filters.speakers:
        nodes.append(speaker_filter(catalog, filters.speakers, warn))
    if filters.since is not None or filters.until is not None:
        start = _bound(filters.since, first=True)
        end = _bound(filters.until, first=False)
        if start and end and start > end:
            raise UsageError(f"--since {start} is after --until {end}")
        nodes.append(DateRange(start, end))
    if filters.sources:
        nodes.append(source_filter(catalog, filters.sources, warn))
    if filters.parties:
        nodes.append(party_filter(catalog, filters.parties, warn))
    if filters.kinds:
        unknown = [k for k in filters.kinds if k not in KINDS]
        if unknown:
            raise UsageError(f"unknown kind {unknown[0]!r} (use {' or '.join(KINDS)})")
        nodes.append(FieldIn("kind", tuple(sorted(set(filters.kinds)))))
    if filters.houses:
        houses = {h: house_name(h) for h in filters.houses}
        unknown = [h for h, name in houses.items() if name is None]
        if unknown:
            raise UsageError(f"unknown house {unknown[0]!r} (use {', '.join(HOUSES)})")
        nodes.append(FieldIn("house", tuple(sorted(set(houses.values())))))
    if filters.topics:
        wanted = {tag_term(t) for t in filters.topics}
        known = catalog.tag_names()
        for topic in sorted(wanted - known):
            warn(f"no document in the archive has the topic {topic!r}")
        nodes.append(FieldIn("tag", tuple(sorted(wanted))))
    if filters.person_ids:
        nodes.append(FieldIn("speaker", tuple(sorted({int(i) for i in filters.person_ids}))))
    return nodes


def resolve_field(catalog: Catalog, field: Field, warn: Warn = log_warning) -> Node:
    """A speaker:, source: or party: term of a query, as the option would filter."""
    if field.name == "speaker":
        return speaker_filter(catalog, [field.value], warn)
    if field.name == "source":
        return source_filter(catalog, [field.value], warn)
    return party_filter(catalog, [field.value], warn)


def speaker_filter(catalog: Catalog, speakers: Sequence[str], warn: Warn = log_warning) -> Node:
    """Passages said by any of `speakers`; an office counts only while its holder held it."""
    people = catalog.people
    ids: set[int] = set()
    terms: list[Node] = []
    for name in speakers:
        if not name.strip():
            raise UsageError("--speaker needs a name, a surname, an id or an office")
        match = people.match(name)
        if not match:
            raise UnknownSpeaker(name, people.suggestions(name))
        if len(match.person_ids) > 1:
            warn(f"speaker {name!r} matches {'; '.join(match.names)}")
        ids.update(match.person_ids)
        for person_id, start, end in match.terms:
            terms.append(And((FieldIn("speaker", (person_id,)), DateRange(start, end))))
    nodes: list[Node] = [FieldIn("speaker", tuple(sorted(ids)))] if ids else []
    nodes += terms
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))


def source_filter(catalog: Catalog, sources: Sequence[str], warn: Warn = log_warning) -> Node:
    """Passages from sources whose names hold all of a name's words ("bbc" matches "BBC
    News"; a domain's name is a word, so "pawszilla" matches "https://pawszilla.com"); a
    domain is taken as its site's name ("axios.com" is "Axios"), and a house of Parliament
    ("House of Commons") as Hansard of that house."""

    def matching(name: str) -> list[str]:
        """Stored source names that `name` means: equal, or containing all its words."""
        wanted = _source_words(site_name(name) or name if is_domain(name) else name)
        return [
            source
            for source in catalog.source_names()
            if wanted and set(wanted) <= set(_source_words(source))
        ]

    names: list[str] = []
    houses: set[str] = set()
    for name in sources:
        matched, house = matching(name), house_name(name)
        if not matched and house is None:
            warn(f"no source in the archive matches {name!r}")
        names.extend(matched)
        houses.update([house] if house else [])
    node = FieldIn("source", tuple(sorted(set(names))))
    if not houses:
        return node
    hansard = And((FieldIn("source", (HANSARD,)), FieldIn("house", tuple(sorted(houses)))))
    return Or((node, hansard)) if names else hansard


def _source_words(name: str) -> list[str]:
    """A source name's folded words, split at anything not a letter or digit."""
    return re.findall(r"\w+", fold(name))


def party_filter(catalog: Catalog, parties: Sequence[str], warn: Warn = log_warning) -> Node:
    from archive.speakers.members import party_name

    def matching(name: str) -> list[str]:
        """Party names that `name` means: 'labour', 'Lab', 'lib dem'."""
        wanted = fold(party_name(name)).split()
        found = []
        for party in catalog.party_names():
            have = fold(party).split()
            if wanted and (wanted == have or all(w in have for w in wanted)):
                found.append(party)
        return found

    return _names_filter("party", parties, matching, "no party in the registry", warn)


def _names_filter(field: str, wanted: Sequence[str], matching, nobody: str, warn: Warn) -> Node:
    """Values of `field` any of `wanted` names; a name matching none is a warning, not an error."""
    names: list[str] = []
    for name in wanted:
        matched = matching(name)
        if not matched:
            warn(f"{nobody} matches {name!r}")
        names.extend(matched)
    return FieldIn(field, tuple(sorted(set(names))))


def _bound(value: str | dt.date | None, first: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    start, end = date_range(value)
    return start if first else end
