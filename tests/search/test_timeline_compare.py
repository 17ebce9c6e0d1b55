"""archive timeline: the range asked, a period that fits, --compare's lag, a readable chart."""

from __future__ import annotations

import datetime as dt
import json
import struct

import pytest

from archive.search.counts import Bucket, fitting_period, timeline
from archive.search.lag import compare


def _series(news: list[int], hansard: list[int]) -> list[Bucket]:
    start = dt.date(2016, 1, 4)
    buckets = []
    for i, (n, h) in enumerate(zip(news, hansard, strict=True)):
        day = start + dt.timedelta(weeks=i)
        year, week, _ = day.isocalendar()
        buckets.append(
            Bucket(f"{year}-W{week:02d}", day, day + dt.timedelta(days=6),
                   {"news": n, "hansard": h})
        )  # fmt: skip
    return buckets


PULSES = [0, 0, 1, 9, 3, 0, 0, 0, 0, 2, 7, 2, 0, 0, 0, 0, 0, 5, 12, 4, 1, 0, 0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("shift", [2, -3, 0])
def test_compare_finds_a_known_lag(shift):
    hansard = PULSES
    news = [PULSES[i - shift] if 0 <= i - shift < len(PULSES) else 0 for i in range(len(PULSES))]
    lag = compare(_series(news, hansard))
    assert lag.periods == shift
    assert lag.correlation > 0.9
    if shift == 2:
        assert lag.summary.startswith("Hansard led the press by 2 weeks")
    elif shift < 0:
        assert lag.summary.startswith("The press led Hansard by 3 weeks")
    else:
        assert lag.summary.startswith("news and Hansard move together")


def test_compare_says_nothing_of_a_flat_series():
    assert compare(_series([0] * 10, PULSES[:10])) is None


def test_the_range_is_the_one_asked_and_an_empty_one_is_all_zeros():
    counts = {(20150310, "news"): 2}
    found = timeline(counts, "month", dt.date(2015, 1, 1), dt.date(2015, 6, 30))
    assert [b.period for b in found] == ["2015-01", "2015-02", "2015-03", "2015-04", "2015-05",
                                         "2015-06"]  # fmt: skip
    assert [b.total for b in found] == [0, 0, 2, 0, 0, 0]
    empty = timeline({}, "year", dt.date(2015, 1, 1), dt.date(2016, 12, 31))
    assert [(b.period, b.total) for b in empty] == [("2015", 0), ("2016", 0)]


def test_a_long_range_is_counted_by_a_longer_period():
    counts = {(19870301, "news"): 1, (20230101, "hansard"): 1}
    assert fitting_period(counts, "month", None, None, 60) == "year"
    assert fitting_period(counts, "month", dt.date(2022, 1, 1), None, 60) == "month"


def _png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_the_chart_keeps_its_width_and_few_labels(tmp_path):
    pytest.importorskip("matplotlib")
    from archive.cli.chart import plot_timeline

    counts = {(19870301, "news"): 3, (20230101, "hansard"): 2}
    buckets = timeline(counts, "month")
    assert len(buckets) > 400
    short = tmp_path / "short.png"
    long = tmp_path / "long.png"
    plot_timeline(buckets[:12], short, "short")
    plot_timeline(buckets, long, '"oil" — kind news')
    assert _png_size(long) == _png_size(short) == (1200, 540)


def test_title_names_the_query_and_filters():
    from archive.cli.chart import title_of

    filters = {"speakers": ("hammond",), "since": "2015", "until": None, "kinds": ("news",)}
    assert title_of("oil", filters) == '"oil" — speaker hammond; since 2015; kind news'


def test_timeline_compare_through_the_cli(run, seeded_home):
    result = run("timeline", "Russia", "--compare", home=seeded_home)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("no lag")
    data = json.loads(run("timeline", "Russia", "--compare", "--format", "json",
                          home=seeded_home).output)  # fmt: skip
    assert set(data) == {"timeline", "compare"} and data["compare"]["lag"] is None
    csv = run("timeline", "Russia", "--compare", "--format", "csv", home=seeded_home).output
    assert csv.splitlines()[0] == "lag,correlation"


def test_timeline_since_until_sets_the_range(run, seeded_home):
    out = run("timeline", "Russia", "--since", "2015-06", "--until", "2016-12",
              "--format", "csv", home=seeded_home).output  # fmt: skip
    periods = [line.split(",")[0] for line in out.splitlines()[1:]]
    assert periods[0] == "2015-06" and periods[-1] == "2016-12" and len(periods) == 19
