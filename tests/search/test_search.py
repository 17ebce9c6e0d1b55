"""Searching the seeds from the command line: what a user types and sees."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from archive.search.records import HIT_FIELDS

SEED_000 = "000_a25ad9b1949011fe.txt"
SEED_001 = "001_339a660464cd9d79.txt"
SEED_002 = "002_712e60f979fb5be4.txt"
SEED_003 = "003_8adf7a70ea6ceb8b.txt"
SEED_004 = "004_3cda5aca45e3add8.txt"


def hits(run, home, *args: str) -> list[dict]:
    result = run("search", *args, "--format", "json", "--limit", "1000", home=home)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["hits"]


def seed_files(found: list[dict]) -> set[str]:
    return {hit["path"].rsplit("/", 1)[-1] for hit in found}


def test_daesh_said_by_hammond_comes_from_the_bbc_story_only(run, seeded_home):
    found = hits(run, seeded_home, "Daesh", "--speaker", "hammond")
    assert found, "Hammond speaks of Daesh in seed 000"
    assert seed_files(found) == {SEED_000}
    assert {hit["speaker"] for hit in found} == {"Philip Hammond"}
    assert all("daesh" in hit["text"].lower() for hit in found)


def test_december_2015_is_the_bbc_and_independent_stories(run, seeded_home):
    found = hits(run, seeded_home, "--since", "2015-12-01", "--until", "2015-12-31")
    assert seed_files(found) == {SEED_000, SEED_003}
    assert all("2015-12-01" <= hit["date"] <= "2015-12-31" for hit in found)


def test_filter_only_search_lists_newest_first(run, seeded_home):
    found = hits(run, seeded_home, "--kind", "news")
    dates = [hit["date"] for hit in found]
    assert dates == sorted(dates, reverse=True)
    assert seed_files(found) == {SEED_000, SEED_001, SEED_002, SEED_003}


def test_kind_hansard_is_the_debate_only(run, seeded_home):
    found = hits(run, seeded_home, "--kind", "hansard")
    assert seed_files(found) == {SEED_004}
    assert {hit["title"] for hit in found} == {"Aleppo Bombings"}
    assert {hit["date"] for hit in found} == {"2016-10-18"}


def test_exact_phrase_finds_the_debate(run, seeded_home):
    found = hits(run, seeded_home, '"kinetic options"')
    assert seed_files(found) == {SEED_004}
    assert "kinetic options" in found[0]["text"]


def test_curly_quoted_phrase_is_a_phrase_too(run, seeded_home):
    assert seed_files(hits(run, seeded_home, "\u201ckinetic options\u201d")) == {SEED_004}


def test_phrase_words_out_of_order_do_not_match(run, seeded_home):
    assert hits(run, seeded_home, '"options kinetic"') == []


def test_minus_excludes_a_word(run, seeded_home):
    with_russia = hits(run, seeded_home, "Syria")
    without = hits(run, seeded_home, "Syria", "-Russia")
    mentions = re.compile(r"\bRussia\b", re.IGNORECASE)
    assert any(mentions.search(hit["text"]) for hit in with_russia)
    assert without
    assert not any(mentions.search(hit["text"]) for hit in without)
    assert len(without) < len(with_russia)


def test_or_allows_either_word(run, seeded_home):
    kinetic = hits(run, seeded_home, "kinetic")
    chessboard = hits(run, seeded_home, "chessboard")
    either = hits(run, seeded_home, "kinetic", "OR", "chessboard")
    ids = {h["passage_id"] for h in either}
    assert ids == {h["passage_id"] for h in kinetic + chessboard}
    assert seed_files(either) == {SEED_001, SEED_004}


def test_words_are_stemmed_outside_quotes(run, seeded_home):
    found = hits(run, seeded_home, "bombing", "--kind", "hansard")
    assert any("bombings" in hit["text"] for hit in found)


def test_source_filter_matches_a_word_of_the_source(run, seeded_home):
    found = hits(run, seeded_home, "Assad", "--source", "itv")
    assert found and seed_files(found) == {SEED_001}
    assert {hit["source"] for hit in found} == {"ITV News"}


@pytest.mark.parametrize("value", ["2015-13", "2015-02-30", "last week", "15-12-2015"])
def test_malformed_date_is_a_usage_error_naming_the_value(run, seeded_home, value):
    result = run("search", "Syria", "--since", value, home=seeded_home)
    assert result.exit_code == 2
    assert value in result.stderr
    assert "--since" in result.stderr


@pytest.mark.parametrize("query", ['"kinetic options', "Syria OR", "-", "(Syria", "Syria )"])
def test_malformed_query_is_a_usage_error(run, seeded_home, query):
    result = run("search", query, home=seeded_home)
    assert result.exit_code == 2
    assert "position" in result.stderr
    assert "Traceback" not in result.output


def test_a_filter_matching_nothing_is_a_warning_that_quiet_silences(run, seeded_home):
    loud = run("search", "Syria", "--source", "nosuchsource", home=seeded_home)
    assert loud.exit_code == 0
    assert loud.stderr == "warning: no source in the archive matches 'nosuchsource'\n"
    quiet = run("-q", "search", "Syria", "--source", "nosuchsource", home=seeded_home)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout == "No passages match.\n"


def test_zero_hits_is_an_answer_not_an_error(run, seeded_home):
    result = run("search", "zeppelin", home=seeded_home)
    assert result.exit_code == 0
    assert "No passages match." in result.stdout


def test_unknown_speaker_is_an_error_with_suggestions(run, seeded_home):
    result = run("search", "Syria", "--speaker", "Hamod", home=seeded_home)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no speaker matches 'Hamod' (did you mean: ")
    assert "Philip Hammond" in result.stderr


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_speaker_is_a_usage_error(run, seeded_home, name):
    result = run("search", "Syria", "--speaker", name, home=seeded_home)
    assert result.exit_code == 2
    assert "--speaker needs a name" in result.stderr


def test_speaker_by_full_name_title_or_surname_is_one_person(run, seeded_home):
    by_surname = hits(run, seeded_home, "--speaker", "hammond")
    by_full = hits(run, seeded_home, "--speaker", "Philip Hammond")
    by_title = hits(run, seeded_home, "--speaker", "mr hammond")
    assert by_surname == by_full == by_title
    assert seed_files(by_surname) == {SEED_000, SEED_002}


def test_json_output_has_exactly_the_documented_fields(run, seeded_home):
    result = run("search", "Daesh", "--format", "json", home=seeded_home)
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "hits"}
    assert data["query"] == "Daesh"
    assert data["total"] >= len(data["hits"]) > 0
    for hit in data["hits"]:
        assert list(hit) == list(HIT_FIELDS)
        assert hit["url"] is None or hit["url"].startswith("http")


def test_jsonl_is_one_hit_per_line(run, seeded_home):
    result = run("search", "Daesh", "--format", "jsonl", "--limit", "3", home=seeded_home)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(list(json.loads(line)) == list(HIT_FIELDS) for line in lines)


def test_csv_is_a_header_then_one_row_per_hit(run, seeded_home):
    result = run("search", "Daesh", "--format", "csv", "--limit", "4", home=seeded_home)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(HIT_FIELDS)
    assert len(rows) == 5


def test_text_output_shows_title_source_date_speaker_and_snippet(run, seeded_home):
    result = run("search", "Daesh", "--speaker", "hammond", "--limit", "1", home=seeded_home)
    out = result.stdout
    assert "Russian strikes on Syria opposition 'helping IS' - Hammond" in out
    assert "BBC News | 2015-12-16 | Philip Hammond (Conservative) | news" in out
    assert "Daesh" in out
    # Piped output carries no colour codes and no bracket markers.
    assert "\x1b[" not in out and "[Daesh]" not in out


def test_text_output_highlights_matches_on_a_terminal(run, seeded_home):
    from click.testing import CliRunner

    from archive.cli import cli

    result = CliRunner().invoke(
        cli, ["--home", str(seeded_home), "search", "Daesh", "--limit", "1"], color=True
    )
    assert re.search(r"\x1b\[[0-9;]*m(Daesh)\x1b\[0m", result.stdout)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sort_by_date(run, seeded_home, sort):
    found = hits(run, seeded_home, "Assad", "--sort", sort)
    dates = [hit["date"] for hit in found]
    assert dates == sorted(dates, reverse=sort == "newest")
    assert len(set(dates)) > 1


def test_limit_and_offset_page_through_the_same_list(run, seeded_home):
    everything = hits(run, seeded_home, "Syria", "--sort", "oldest")
    page = json.loads(
        run("search", "Syria", "--sort", "oldest", "--limit", "3", "--offset", "2",
            "--format", "json", home=seeded_home).stdout
    )  # fmt: skip
    assert [h["passage_id"] for h in page["hits"]] == [h["passage_id"] for h in everything[2:5]]
    assert page["total"] == len(everything)


def test_limit_zero_counts_and_an_offset_past_the_end_says_so(run, seeded_home):
    total = len(hits(run, seeded_home, "Syria"))
    counted = run("search", "Syria", "--limit", "0", home=seeded_home)
    assert (counted.exit_code, counted.stdout) == (0, f"{total} match.\n")
    past = run("search", "Syria", "--offset", str(total), home=seeded_home)
    assert past.exit_code == 0
    assert past.stdout == f"No results after --offset {total}: {total} match in all.\n"


def test_search_before_any_index_tells_the_user_what_to_do(run, tmp_path):
    result = run("search", "Syria", home=tmp_path / "empty")
    assert result.exit_code == 1
    assert "archive index" in result.stderr


def test_empty_query_without_filters_is_a_usage_error(run, seeded_home):
    result = run("search", home=seeded_home)
    assert result.exit_code == 2


def test_mistyped_option_is_not_taken_as_query_words(run, seeded_home):
    result = run("search", "Syria", "--limt", "3", home=seeded_home)
    assert result.exit_code == 2
    assert "--limt" in result.stderr
