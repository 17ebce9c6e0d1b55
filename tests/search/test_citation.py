"""Citations (issue 19): ParlParse ids, TheyWorkForYou links, and `archive cite` in three styles."""

from __future__ import annotations

import json

import pytest

from archive.errors import UsageError
from archive.search.citation import Cited, cite, parlparse_id, twfy_url

from conftest import ROOT

XML = ROOT / "tests" / "fixtures" / "xml"


@pytest.mark.parametrize(
    ("ref", "date", "house", "gid", "url"),
    [
        (
            "uk.org.publicwhip/debate/2016-05-09b.357.4", "2016-05-09", "commons",
            "uk.org.publicwhip/debate/2016-05-09b.357.4",
            "https://www.theyworkforyou.com/debates/?id=2016-05-09b.357.4",
        ),
        (
            "uk.org.publicwhip/westminhall/2009-10-27a.1.2", "2009-10-27", "westminster-hall",
            "uk.org.publicwhip/westminhall/2009-10-27a.1.2",
            "https://www.theyworkforyou.com/whall/?id=2009-10-27a.1.2",
        ),
        (
            "uk.org.publicwhip/lords/2009-10-26a.971.1", "2009-10-26", "lords",
            "uk.org.publicwhip/lords/2009-10-26a.971.1",
            "https://www.theyworkforyou.com/lords/?id=2009-10-26a.971.1",
        ),
        # The UK COVID speeches table keeps only the tail of the id: the day and house complete it.
        (
            "a433.0", "2020-01-23", "commons",
            "uk.org.publicwhip/debate/2020-01-23a.433.0",
            "https://www.theyworkforyou.com/debates/?id=2020-01-23a.433.0",
        ),
        ("a433.0", "2020-01-23", None, None, None),  # no house: no id
        ("ParlaMint-GB_2017-09-07-commons.u1", "2017-09-07", "commons", None, None),
        (None, "2017-09-07", "commons", None, None),
    ],
)  # fmt: skip
def test_parlparse_ids_and_theyworkforyou_links(ref, date, house, gid, url):
    assert parlparse_id(ref, date, house) == gid
    assert twfy_url(gid) == url


def speech(**facts) -> Cited:
    base = dict(
        passage_id="abc.4", kind="hansard", title="House of Commons debates, 18 October 2016",
        date="2016-10-18", source="Hansard", speaker="Boris Johnson", heading="Aleppo Bombings",
        house="commons", volume="615", column="123",
        url="https://hansard.parliament.uk/Commons/2016-10-18/debates/X/AleppoBombings",
    )  # fmt: skip
    return Cited(**(base | facts))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (speech(), "HC Deb 18 October 2016, vol 615, col 123, Boris Johnson"),
        (speech(volume=None), "HC Deb 18 October 2016, col 123, Boris Johnson"),
        (speech(volume=None, column=None), "HC Deb 18 October 2016, Boris Johnson"),
        (
            speech(house="lords", volume=None, column="971", speaker="Lord Bach",
                   date="2009-10-26"),
            "HL Deb 26 October 2009, col 971, Lord Bach",
        ),
        (
            speech(house="westminster-hall", volume=None, column="1", speaker="Anne Main",
                   date="2009-10-27"),
            "HC Deb 27 October 2009, col 1WH, Anne Main",
        ),
        (speech(speaker=None), "HC Deb 18 October 2016, vol 615, col 123"),
    ],
)  # fmt: skip
def test_hansard_style(facts, expected):
    assert cite(facts) == expected == cite(facts, "hansard")


def test_apa_for_a_speech():
    assert cite(speech(), "apa") == (
        "Johnson, B. (2016, October 18). Aleppo Bombings [Speech]. HC Deb 18 October 2016, "
        "vol 615, col 123. House of Commons. "
        "https://hansard.parliament.uk/Commons/2016-10-18/debates/X/AleppoBombings"
    )


def story(**facts) -> Cited:
    base = dict(
        passage_id="def.2", kind="news", title="Cameron and Putin agree to work together",
        date="2015-12-09", source="The Independent", authors=("Jon Stone",),
        url="https://www.independent.co.uk/news/x",
    )  # fmt: skip
    return Cited(**(base | facts))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (
            story(),
            "Stone, J. (2015, December 9). Cameron and Putin agree to work together. "
            "The Independent. https://www.independent.co.uk/news/x",
        ),
        (
            story(authors=(), url=None),
            "Cameron and Putin agree to work together. (2015, December 9). The Independent.",
        ),
        (
            story(authors=("Jon Stone", "Ann Example"), date=None),
            "Stone, J., & Example, A. (n.d.). Cameron and Putin agree to work together. "
            "The Independent. https://www.independent.co.uk/news/x",
        ),
    ],
)
def test_apa_for_news_is_the_default(facts, expected):
    assert cite(facts) == expected


def test_bibtex_entries():
    assert cite(story(), "bibtex") == (
        "@article{stone2015cameron,\n"
        "  author = {Stone, Jon},\n"
        "  title = {Cameron and Putin agree to work together},\n"
        "  journal = {The Independent},\n"
        "  year = {2015},\n"
        "  month = dec,\n"
        "  day = {9},\n"
        "  url = {https://www.independent.co.uk/news/x},\n"
        "  note = {archive passage def.2}\n"
        "}"
    )
    entry = cite(speech(title="Q&A: 50% of $5 #1_x"), "bibtex")
    assert entry.startswith("@misc{johnson2016")
    assert "  howpublished = {HC Deb 18 October 2016, vol 615, col 123},\n" in entry
    assert "  organization = {House of Commons},\n" in entry


def test_bibtex_escapes_what_latex_reads_as_commands():
    entry = cite(story(title="Q&A: 50% of $5 #1_x {y}", authors=("Lord Bach",)), "bibtex")
    assert r"title = {Q\&A: 50\% of \$5 \#1\_x \{y\}}" in entry
    assert "author = {{Lord Bach}}" in entry  # a title is not a forename


def test_the_hansard_style_is_for_hansard():
    with pytest.raises(UsageError, match="news, not Hansard"):
        cite(story(), "hansard")


# -- the command ---------------------------------------------------------------------


def first_hit(run, home, *query):
    result = run("search", *query, "--format", "jsonl", "--limit", "1", home=home)
    return json.loads(result.stdout.splitlines()[0])


def test_cite_a_seed_hansard_passage(run, seeded_home):
    hit = first_hit(run, seeded_home, "Lavrov")
    result = run("cite", hit["passage_id"], home=seeded_home)
    assert result.exit_code == 0
    # The page states its volume ("Volume 615: debated on ...") but no columns.
    assert result.stdout == "HC Deb 18 October 2016, vol 615, Boris Johnson\n"


def test_cite_a_seed_story_in_apa_and_bibtex(run, seeded_home):
    hit = first_hit(run, seeded_home, "Daesh", "--speaker", "hammond", "--source", "bbc")
    apa = run("cite", hit["passage_id"], home=seeded_home).stdout
    assert apa.startswith("Russian strikes on Syria opposition 'helping IS' - Hammond.")
    assert "(2015, December 16). BBC News. https://www.bbc.co.uk/news/uk-35114440\n" in apa
    bib = run("cite", hit["passage_id"], "--style", "bibtex", home=seeded_home).stdout
    assert bib.startswith("@article{") and "  journal = {BBC News},\n" in bib


@pytest.mark.parametrize("passage_id", ["0000000000000000.1", "nothing"])
def test_cite_of_an_unknown_passage_is_one_error_line(run, seeded_home, passage_id):
    result = run("cite", passage_id, home=seeded_home)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: no passage {passage_id!r} in the archive\n"


def test_show_marks_the_passage_asked_for(run, seeded_home):
    hit = first_hit(run, seeded_home, '"kinetic options"')
    text = run("show", hit["passage_id"], home=seeded_home).stdout
    marked = [line for line in text.splitlines() if line.startswith(">> ")]
    assert len(marked) == 1 and marked[0].startswith(f">> {hit['passage_id']}  ")
    doc = json.loads(run("show", hit["passage_id"], "--format", "json", home=seeded_home).stdout)
    assert doc["marked"] == hit["passage_id"]
    whole = json.loads(run("show", hit["doc_id"], "--format", "json", home=seeded_home).stdout)
    assert whole["marked"] is None
    assert ">> " not in run("show", hit["doc_id"], home=seeded_home).stdout


def test_show_of_a_passage_that_is_not_there_says_which_are(run, seeded_home):
    hit = first_hit(run, seeded_home, '"kinetic options"')
    result = run("show", f"{hit['doc_id']}.999", home=seeded_home)
    assert result.exit_code == 1
    assert f"no passage '{hit['doc_id']}.999'" in result.stderr
    assert f"{hit['doc_id']}.0 to" in result.stderr


def test_lords_fixture_cites_hl_deb_with_its_column(run, tmp_path):
    home = tmp_path / "home"
    run("index", str(XML / "daylord1999-01-06a.xml"), home=home)
    hit = first_hit(run, home, "--house", "lords")
    assert hit["gid"] == "uk.org.publicwhip/lords/1999-01-06a.500.1"
    assert hit["twfy_url"] == "https://www.theyworkforyou.com/lords/?id=1999-01-06a.500.1"
    assert (hit["column"], hit["time"], hit["house"]) == ("500", "15:01", "lords")
    cited = run("cite", hit["passage_id"], home=home).stdout
    assert cited.startswith("HL Deb 6 January 1999, col 500")
