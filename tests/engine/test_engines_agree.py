"""The engines side by side: the same query gives the same passages in the same order.

Differences that are the engines' own are asserted here as differences,
so they are documented rather than hidden. Besides each engine, a xapian
index on two shards (xapian-tcpsrv servers started here) must answer
exactly as one local xapian index of the same passages.
"""

from __future__ import annotations

import pytest
from shard_servers import TCPSRV, addresses, servers
from test_query_table import CASES

from archive import Archive

from conftest import ENGINES, SEEDS

OTHERS = [name for name in ENGINES if name != "tantivy"]
SHARDED = "xapian on 2 shards"
pytestmark = pytest.mark.skipif(not OTHERS, reason="needs a second engine")

QUERIES = [
    *sorted({query for query, options, _ in CASES if query and not options}),
    *["Russia", "Syria OR Russia", "minist*", "-syria", '"kinetic options" OR Daesh'],
]


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    opened = {}
    with servers(tmp_path_factory.mktemp("shards"), 2 if TCPSRV else 0) as started:
        for name in ENGINES:
            archive = Archive.open(tmp_path_factory.mktemp(name), create=True, engine=name)
            archive.index([SEEDS])
            opened[name] = archive
        if "xapian" in ENGINES and started:
            archive = Archive.open(tmp_path_factory.mktemp("sharded"), create=True, engine="xapian")
            archive.index([SEEDS])
            archive.reindex("xapian", addresses(started))
            opened[SHARDED] = archive
        yield opened
        for archive in opened.values():
            archive.close()


def ids(archive, query, **options):
    result = archive.search(query, limit=1000, **options)
    return result.total, [hit.passage_id for hit in result.hits]


def outcome(archive, query, sort):
    try:
        return ids(archive, query, sort=sort)
    except Exception as exc:  # e.g. a field term naming no one: all must refuse alike
        return type(exc)


# Xapian scores with its own BM25 over the whole passage where tantivy scores
# field by field (and whoosh copies tantivy), so passages of unequal relevance
# may come in another order; the passages and the totals are the same. These
# are the seed queries whose relevance order differs, kept visible here.
XAPIAN_RELEVANCE_DIFFERS = {
    '"strikes"',
    "DAESH",
    "civil*",
    "daesh",
    "russia OR raqqa",
    "strike",
    "strikes",
    'title:"work together"',
    "title:aleppo",
    "Russia",
    "Syria OR Russia",
    "minist*",
    '"kinetic options" OR Daesh',
}  # 13 of the 56 queries; fmt: skip


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("other", OTHERS)
def test_same_passages_in_the_same_order(archives, other, query, sort):
    expected = outcome(archives["tantivy"], query, sort)
    found = outcome(archives[other], query, sort)
    if other == "xapian" and sort == "relevance" and isinstance(expected, tuple):
        assert (found[0], sorted(found[1])) == (expected[0], sorted(expected[1]))
        assert (found != expected) == (query in XAPIAN_RELEVANCE_DIFFERS)
        return
    assert found == expected


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", QUERIES)
def test_shards_answer_as_one_local_index(archives, query, sort):
    if SHARDED not in archives:
        pytest.skip("needs xapian and xapian-tcpsrv")
    local, sharded = archives["xapian"], archives[SHARDED]
    assert outcome(sharded, query, sort) == outcome(local, query, sort)
    if sort == "relevance" and isinstance(outcome(local, query, sort), tuple):
        scores = [h.score for h in local.search(query, limit=1000).hits]
        assert [h.score for h in sharded.search(query, limit=1000).hits] == scores


@pytest.mark.parametrize("query", ["Russia", "kind:hansard"])
@pytest.mark.parametrize("other", [*OTHERS, SHARDED])
def test_same_counts_over_time_and_by_speaker(archives, other, query):
    if other not in archives:
        pytest.skip("needs xapian and xapian-tcpsrv")
    tantivy, found = archives["tantivy"], archives[other]
    assert tantivy.speakers(query) == found.speakers(query)
    for by in ("day", "week", "month", "year"):
        assert tantivy.timeline(query, by=by) == found.timeline(query, by=by), by


@pytest.mark.parametrize("period", ["day", "month", "year"])
@pytest.mark.parametrize("other", [*OTHERS, SHARDED])
def test_counts_by_period_are_each_periods_first_day(archives, other, period):
    from archive.query.tree import MatchAll

    if other not in archives:
        pytest.skip("needs xapian and xapian-tcpsrv")
    counts = archives["tantivy"].engine.count_by_day(MatchAll(), period)
    assert counts == archives[other].engine.count_by_day(MatchAll(), period)
    by_day = archives["tantivy"].engine.count_by_day(MatchAll())
    assert sum(counts.values()) == sum(by_day.values()) > 0
    first = {"day": lambda d: d, "month": lambda d: d // 100 * 100 + 1}.get(
        period, lambda d: d // 10_000 * 10_000 + 101
    )
    assert {day for day, _ in counts} == {first(day) for day, _ in by_day}


@pytest.mark.parametrize("other", [*OTHERS, SHARDED])
def test_same_documents_vocabulary_and_export(archives, other):
    from archive.query.parser import parse

    if other not in archives:
        pytest.skip("needs xapian and xapian-tcpsrv")
    tantivy, found = archives["tantivy"].engine, archives[other].engine
    for query in ("Russia", "kind:hansard", "-syria"):
        tree = parse(query)
        assert found.count_documents(tree) == tantivy.count_documents(tree), query
        for sort in ("oldest", "newest"):
            assert list(found.iter_ids(tree, sort, batch=7)) == list(tantivy.iter_ids(tree, sort))
    assert sorted(found.vocabulary("mi")) == sorted(tantivy.vocabulary("mi"))


def test_documented_difference_near_with_one_word_twice(archives):
    # "strike NEAR/3 strikes" stems to the same word on both sides. tantivy
    # matches a passage with that word once (its phrase matcher lets both
    # sides take one position); whoosh and xapian ask for two occurrences.
    # Neither is wrong enough to special-case; the difference is kept visible here.
    tantivy_total, _ = ids(archives["tantivy"], "strike NEAR/3 strikes")
    assert tantivy_total > 0
    for other in OTHERS:
        assert ids(archives[other], "strike NEAR/3 strikes")[0] == 0, other
