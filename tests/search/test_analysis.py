"""Beyond a page of hits: grouping, export, who says it most, timelines, did-you-mean."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive import Archive
from archive.errors import BadQuery
from archive.query.parser import parse
from archive.query.words import fold
from archive.search.counts import bucket_of


@pytest.fixture(scope="module")
def archive(seeded_home):
    with Archive.open(seeded_home) as opened:
        yield opened


def test_group_by_document_gives_each_document_once_with_its_best_passages(archive):
    flat = archive.search("Russia", limit=1000)
    grouped = archive.search("Russia", group="document", limit=100)
    documents = {hit.doc_id for hit in flat.hits}
    assert grouped.total == len(documents) == len(grouped.hits)
    assert len({hit.doc_id for hit in grouped.hits}) == len(grouped.hits)
    for hit in grouped.hits:
        assert len(hit.more) <= 2
        assert all(more.doc_id == hit.doc_id for more in hit.more)
    # The first group is the document of the best passage.
    assert grouped.hits[0].passage_id == flat.hits[0].passage_id


def test_group_by_document_pages_through_documents(archive):
    every = [hit.doc_id for hit in archive.search("Syria", group="document", limit=100).hits]
    page = archive.search("Syria", group="document", limit=2, offset=1)
    assert [hit.doc_id for hit in page.hits] == every[1:3]


def test_grouped_json_nests_the_other_passages(run, seeded_home):
    result = run("search", "Russia", "--group", "document", "--format", "json", home=seeded_home)
    data = json.loads(result.stdout)
    assert any(hit.get("passages") for hit in data["hits"])
    text = run("search", "Russia", "--group", "document", home=seeded_home).stdout
    assert text.rstrip().endswith(f"of {data['total']} documents")


def test_export_streams_every_hit_with_no_cap(run, seeded_home, archive):
    total = archive.search("Syria").total
    assert total > 10
    lines = run("export", "Syria", home=seeded_home).stdout.splitlines()
    assert len(lines) == total
    dates = [json.loads(line)["date"] for line in lines]
    assert dates == sorted(dates)
    rows = list(
        csv.reader(io.StringIO(run("export", "Syria", "--format", "csv", home=seeded_home).stdout))
    )
    assert rows[0][:2] == ["passage_id", "doc_id"] and len(rows) == total + 1


@pytest.mark.parametrize("sort", ["oldest", "newest"])
def test_export_pages_by_key_without_losing_or_repeating(archive, sort):
    from archive.search.filters import Filters
    from archive.search.plan import plan

    tree = plan(archive.catalog, "Syria OR Russia", Filters(), sort).full
    whole = [h.passage_id for h in archive.engine.search(tree, sort, 1000).hits]
    paged = list(archive.engine.iter_ids(tree, sort, batch=3))
    assert paged == whole


def test_who_says_it_most(run, seeded_home):
    people = json.loads(run("speakers", "Russia", "--format", "json", home=seeded_home).stdout)
    counts = [person["passages"] for person in people]
    assert counts == sorted(counts, reverse=True)
    top = people[0]
    found = json.loads(
        run(
            "search", "Russia", "--speaker", top["name"], "--format", "json", home=seeded_home
        ).stdout
    )
    assert found["total"] == top["passages"]
    assert {"name", "ref", "party", "passages", "first", "last"} <= set(top)


def test_speakers_without_a_query_counts_everything_they_say(archive):
    people = archive.speakers()
    hammond = next(p for p in people if p["name"] == "Philip Hammond")
    assert hammond["passages"] == archive.search(speakers=["Philip Hammond"]).total
    assert hammond["party"] == "Conservative"


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_timeline_counts_equal_search_totals_over_the_same_periods(archive, by):
    buckets = archive.timeline("Russia OR Syria", by=by)
    assert buckets
    for bucket in buckets:
        for kind in ("news", "hansard"):
            total = archive.search(
                "Russia OR Syria", since=bucket.start, until=bucket.end, kinds=[kind]
            ).total
            assert bucket.counts.get(kind, 0) == total, (bucket.period, kind)


def test_timeline_is_zero_filled_from_first_to_last_period(archive):
    months = [b.period for b in archive.timeline("Russia", by="month")]
    assert months[0] == "2015-10" and months[-1] == "2016-10"
    assert len(months) == 13


@pytest.mark.parametrize(
    ("day", "by", "period", "start", "end"),
    [
        ("2015-12-16", "week", "2015-W51", "2015-12-14", "2015-12-20"),
        ("2016-01-01", "week", "2015-W53", "2015-12-28", "2016-01-03"),
        ("2016-02-10", "month", "2016-02", "2016-02-01", "2016-02-29"),
        ("2015-12-16", "year", "2015", "2015-01-01", "2015-12-31"),
    ],
)
def test_periods(day, by, period, start, end):
    assert bucket_of(dt.date.fromisoformat(day), by) == (
        period, dt.date.fromisoformat(start), dt.date.fromisoformat(end),
    )  # fmt: skip


def test_timeline_as_csv_and_chart(run, seeded_home):
    out = run("timeline", "Russia", "--by", "year", "--format", "csv", home=seeded_home).stdout
    lines = out.splitlines()
    assert lines[0] == "period,start,end,news,hansard,total"
    assert [line.split(",")[0] for line in lines[1:]] == ["2015", "2016"]
    chart = run("timeline", "Russia", "--by", "year", home=seeded_home).stdout
    assert "2016" in chart and "\u2592" in chart


def test_timeline_plot_writes_a_png(run, seeded_home, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "russia.png"
    result = run("timeline", "Russia", "--plot", str(png), home=seeded_home)
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("typed", "meant"), [("Assadd", "assad"), ("Hamond", "hammond")])
def test_did_you_mean_suggests_close_indexed_words(archive, typed, meant):
    result = archive.search(typed)
    assert result.did_you_mean == meant


def test_did_you_mean_is_silent_for_words_that_are_there(archive):
    assert archive.search("Assad").did_you_mean is None


def test_did_you_mean_is_shown_on_stderr(run, seeded_home):
    result = run("search", "Daesh", "Assadd", home=seeded_home)
    assert "Did you mean: Daesh assad" in result.stderr


def test_context_widens_snippets(archive):
    narrow = archive.search("kinetic", width=60).hits[0].snippet
    wide = archive.search("kinetic", width=400).hits[0].snippet
    assert len(narrow) < len(wide)
    assert "kinetic" in narrow


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab \"()-*:OR AND NOT NEAR/3 date kind speaker \u201c\u201d\u2019'")
        ),
        max_size=30,
    )
    | st.text(max_size=30)
)
def test_any_string_parses_or_is_a_bad_query(text):
    with contextlib.suppress(BadQuery):
        parse(text)


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Café", "cafe"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("ΑΘΗΝΑ", "αθηνα"),
    ],
)
def test_fold_is_tantivy_ascii_fold(word, folded):
    # Highlights and prefixes fold as the engines index, on both engines.
    assert fold(word) == folded
