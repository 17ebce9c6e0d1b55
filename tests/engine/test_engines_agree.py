"""The two engines side by side: the same query gives the same passages in the same order.

Differences that are the engines' own are asserted here as differences,
so they are documented rather than hidden.
"""

from __future__ import annotations

import pytest
from test_query_table import CASES

from archive import Archive

from conftest import ENGINES, SEEDS

pytestmark = pytest.mark.skipif(ENGINES != ["tantivy", "whoosh"], reason="needs both engines")

QUERIES = [
    *sorted({query for query, options, _ in CASES if query and not options}),
    *["Russia", "Syria OR Russia", "minist*", "-syria", '"kinetic options" OR Daesh'],
]


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    opened = {}
    for name in ("tantivy", "whoosh"):
        archive = Archive.open(tmp_path_factory.mktemp(name), create=True, engine=name)
        archive.index([SEEDS])
        opened[name] = archive
    yield opened
    for archive in opened.values():
        archive.close()


def ids(archive, query, **options):
    result = archive.search(query, limit=1000, **options)
    return result.total, [hit.passage_id for hit in result.hits]


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", QUERIES)
def test_same_passages_in_the_same_order(archives, query, sort):
    try:
        expected = ids(archives["tantivy"], query, sort=sort)
    except Exception as exc:  # e.g. a field term naming no one: both must refuse alike
        with pytest.raises(type(exc)):
            ids(archives["whoosh"], query, sort=sort)
        return
    assert ids(archives["whoosh"], query, sort=sort) == expected


@pytest.mark.parametrize("query", ["Russia", "kind:hansard"])
def test_same_counts_over_time_and_by_speaker(archives, query):
    tantivy, whoosh = archives["tantivy"], archives["whoosh"]
    assert tantivy.speakers(query) == whoosh.speakers(query)
    for by in ("day", "week", "month", "year"):
        assert tantivy.timeline(query, by=by) == whoosh.timeline(query, by=by), by


@pytest.mark.parametrize("period", ["day", "month", "year"])
def test_counts_by_period_are_each_periods_first_day(archives, period):
    from archive.query.tree import MatchAll

    counts = archives["tantivy"].engine.count_by_day(MatchAll(), period)
    assert counts == archives["whoosh"].engine.count_by_day(MatchAll(), period)
    by_day = archives["tantivy"].engine.count_by_day(MatchAll())
    assert sum(counts.values()) == sum(by_day.values()) > 0
    first = {"day": lambda d: d, "month": lambda d: d // 100 * 100 + 1}.get(
        period, lambda d: d // 10_000 * 10_000 + 101
    )
    assert {day for day, _ in counts} == {first(day) for day, _ in by_day}


def test_documented_difference_near_with_one_word_twice(archives):
    # "strike NEAR/3 strikes" stems to the same word on both sides. tantivy
    # matches a passage with that word once (its phrase matcher lets both
    # sides take one position); whoosh asks for two occurrences. Neither is
    # wrong enough to special-case; the difference is kept visible here.
    tantivy_total, _ = ids(archives["tantivy"], "strike NEAR/3 strikes")
    whoosh_total, _ = ids(archives["whoosh"], "strike NEAR/3 strikes")
    assert whoosh_total == 0
    assert tantivy_total > 0
