"""Issue 19 over the real files: one naming of Hansard and its houses, sources as users
name them, citation fields on every hit, `archive cite`, `archive stats`' top sources, and
an older archive's sources put right. Against ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from tests.conftest import SEEDS, corpus_dir

CORPUS = corpus_dir()
DAYS_2009 = CORPUS / "hansard-parlparse" / "twfy-uml-tests-2009"
DEBATES_2016 = CORPUS / "hansard-parlparse" / "litharge-2016-2021" / "debates"
PARLAMINT = CORPUS / "parlamint-gb"
COVID = CORPUS / "hansard-other" / "uk-commons-covid-2020"
HUFFPOST = CORPUS / "news-huffpost" / "News_Category_Dataset_v3.first50.jsonl"
PAGES = CORPUS / "html-pages" / "trafilatura-eval" / "pages"
WANTED = (DAYS_2009, DEBATES_2016, PARLAMINT, COVID, HUFFPOST, PAGES)
pytestmark = pytest.mark.skipif(
    not all(p.exists() for p in WANTED), reason=f"the shared corpus is absent ({CORPUS})"
)
PAGE_NAMES = (
    "msn.com.university.html.gz",
    "axios.com.future.html.gz",
    "pawszilla.com.celine.html.gz",
)


def invoke(home: Path, *args: str):
    return CliRunner().invoke(cli, ["--home", str(home), *args])


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """The seeds, the 2009 days, one 2016 day, ParlaMint, the COVID speeches (Commons),
    fifty HuffPost records and three web pages."""
    home = tmp_path_factory.mktemp("cite")
    pages = tmp_path_factory.mktemp("pages")
    for name in PAGE_NAMES:
        shutil.copyfile(PAGES / name, pages / name)
    for args in (
        [str(SEEDS), str(DAYS_2009), str(DEBATES_2016 / "debates2016-05-09b.xml"), str(PARLAMINT)],
        [str(COVID / "louwerse_oppoistion_2021-uk_covid_speeches.csv"), "--map", "house==commons"],
        [str(HUFFPOST), str(pages)],
    ):
        result = invoke(home, "index", *args)
        assert "0 files failed" in result.stdout or result.exit_code == 1, result.output
    return home


def search(home: Path, *args: str) -> list[dict]:
    result = invoke(home, "search", *args, "--format", "jsonl", "--limit", "1000")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- one house, one source -----------------------------------------------------------


def test_house_commons_finds_the_seed_commons_page(home):
    titles = {hit["title"] for hit in search(home, "Aleppo", "--house", "commons")}
    assert "Aleppo Bombings" in titles


def test_source_hansard_finds_the_seed_page_parlparse_parlamint_and_the_speech_table(home):
    [kinetic] = search(home, '"kinetic options"', "--source", "hansard")
    assert (kinetic["title"], kinetic["source"], kinetic["house"]) == (
        "Aleppo Bombings",
        "Hansard",
        "commons",
    )
    paths = {hit["path"] for hit in search(home, "--source", "hansard")}
    assert any(p.endswith(".xml") and "ParlaMint" in p for p in paths)
    assert any(p.endswith("debates2016-05-09b.xml") for p in paths)
    assert any(p.endswith("speeches.csv") for p in paths)
    assert any(p.endswith("004_3cda5aca45e3add8.txt") for p in paths)


def test_every_hansard_document_is_source_hansard(home):
    db = sqlite3.connect(home / "catalog.sqlite")
    sources = dict(
        db.execute("SELECT kind, GROUP_CONCAT(DISTINCT source) FROM documents GROUP BY kind")
    )
    assert sources["hansard"] == "Hansard"
    houses = {
        r[0] for r in db.execute("SELECT DISTINCT house FROM documents WHERE kind = 'hansard'")
    }
    assert houses == {"commons", "lords", "westminster-hall"}


def test_source_house_of_commons_means_hansard_of_the_commons(home):
    found = search(home, '"kinetic options"', "--source", "House of Commons")
    assert [hit["title"] for hit in found] == ["Aleppo Bombings"]
    assert search(home, '"kinetic options"', "--source", "House of Lords") == []


# -- sources as users name them ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("axios", "Axios"),
        ("axios.com", "Axios"),
        ("pawszilla", "Pawszilla"),
        ("huffpost", "HuffPost"),
        ("guardian", "The Guardian"),  # the msn.com page of a Guardian story
    ],
)
def test_a_site_is_found_by_its_name(home, name, source):
    found = search(home, "--source", name)
    assert found and {hit["source"] for hit in found} == {source}


def test_no_huffpost_record_is_of_unknown_source(home):
    db = sqlite3.connect(home / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM documents WHERE source = 'HuffPost'").fetchone() == (
        50,
    )
    assert db.execute(
        "SELECT COUNT(*) FROM documents WHERE source IS NULL AND url IS NOT NULL"
    ).fetchone() == (0,)


def test_no_headline_is_a_source(home):
    db = sqlite3.connect(home / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM documents WHERE source = title").fetchone() == (0,)


# -- citation fields on every hit ----------------------------------------------------

CITATION_FIELDS = ["gid", "column", "time", "twfy_url", "person_id", "office"]


def test_a_2009_speech_keeps_its_official_url_and_gets_its_ids(home):
    [hit] = [h for h in search(home, "Aleppo OR carbon", "--house", "westminster-hall")][:1]
    assert hit["url"].startswith("http://www.publications.parliament.uk/pa/cm200809/")
    gid = hit["gid"]
    assert gid.startswith("uk.org.publicwhip/westminhall/2009-10-")
    assert hit["twfy_url"] == f"https://www.theyworkforyou.com/whall/?id={gid.rsplit('/', 1)[1]}"
    assert hit["column"] == gid.rsplit(".", 2)[1]


def test_2009_lords_and_commons_links(home):
    lords = search(home, "--house", "lords", "--since", "2009", "--until", "2009")
    assert lords and all(
        h["twfy_url"].startswith("https://www.theyworkforyou.com/lords/?id=2009-")
        for h in lords
        if h["gid"]
    )
    commons = search(home, "--house", "commons", "--since", "2009", "--until", "2009")
    with_ids = [h for h in commons if h["gid"]]
    assert with_ids and all("/debates/?id=2009-10-" in h["twfy_url"] for h in with_ids)
    assert all(h["url"] is None or h["url"].startswith("http://www.publications") for h in commons)


def test_person_id_office_and_time_of_a_2016_speech(home):
    found = search(
        home, "--speaker", "person/10999", "--since", "2016-05-09", "--until", "2016-05-09"
    )
    if not found:
        found = [
            h
            for h in search(
                home, "--house", "commons", "--since", "2016-05-09", "--until", "2016-05-09"
            )
            if h["person_id"]
        ]
    hit = found[0]
    assert hit["person_id"].startswith("uk.org.publicwhip/person/")
    assert hit["gid"].startswith("uk.org.publicwhip/debate/2016-05-09b.")
    assert hit["twfy_url"].startswith("https://www.theyworkforyou.com/debates/?id=2016-05-09b.")
    assert hit["url"] is None  # the 2016 files give url=""


def test_a_minister_speaking_has_an_office(home):
    hits = [
        h
        for h in search(home, "--house", "commons", "--since", "2009", "--until", "2009")
        if h["office"]
    ]
    assert hits and all(h["person_id"] for h in hits if h["speaker"])


def test_the_covid_table_ids_become_parlparse_ids(home):
    hit = search(
        home, "Wuhan", "--source", "hansard", "--since", "2020-01-23", "--until", "2020-01-23"
    )[0]
    assert hit["gid"].startswith("uk.org.publicwhip/debate/2020-01-23")
    assert hit["twfy_url"].startswith("https://www.theyworkforyou.com/debates/?id=2020-01-23")
    assert hit["person_id"].startswith("uk.org.publicwhip/person/")


def test_news_hits_have_their_canonical_url_and_no_hansard_ids(home):
    [hit] = search(home, "--source", "axios", "--limit", "1")[:1]
    assert hit["url"].startswith("https://www.axios.com/")
    assert hit["gid"] is None and hit["twfy_url"] is None


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_the_citation_fields_come_after_the_first_sixteen_in_every_format(home, fmt):
    result = invoke(home, "search", "carbon", "--house", "lords", "--format", fmt, "--limit", "2")
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(result.stdout)))
    elif fmt == "json":
        header = list(json.loads(result.stdout)["hits"][0])
    else:
        header = list(json.loads(result.stdout.splitlines()[0]))
    assert header[16:22] == CITATION_FIELDS
    exported = invoke(home, "export", "carbon", "--house", "lords", "--format", "csv")
    assert next(csv.reader(io.StringIO(exported.stdout)))[16:22] == CITATION_FIELDS


# -- archive cite over the corpus ----------------------------------------------------


def test_cite_a_2009_lords_speech(home):
    hit = next(
        h
        for h in search(home, "--house", "lords", "--since", "2009-10-26", "--until", "2009-10-26")
        if h["speaker"] and h["column"]
    )
    cited = invoke(home, "cite", hit["passage_id"]).stdout.strip()
    assert cited == f"HL Deb 26 October 2009, col {hit['column']}, {hit['speaker']}"


def test_cite_a_parlamint_utterance_with_its_volume(home):
    hit = next(
        h
        for h in search(
            home, "--source", "hansard", "--since", "2017-09-07", "--until", "2017-09-07"
        )
        if h["speaker"]
    )
    cited = invoke(home, "cite", hit["passage_id"]).stdout.strip()
    # "UK Parliamentary Corpus. Volume 628. Thursday 7th September 2017."; ParlaMint has no columns.
    assert cited == f"HC Deb 7 September 2017, vol 628, {hit['speaker']}"


def test_cite_a_westminster_hall_column(home):
    hit = next(
        h for h in search(home, "--house", "westminster-hall") if h["column"] and h["speaker"]
    )
    cited = invoke(home, "cite", hit["passage_id"]).stdout.strip()
    assert f", col {hit['column']}WH, " in cited and cited.startswith("HC Deb ")


# -- an archive made before ----------------------------------------------------------


def test_an_older_archive_has_its_sources_and_houses_put_right(tmp_path):
    home = tmp_path / "old"
    assert invoke(home, "index", str(SEEDS)).exit_code == 0
    # As version 2 stored them: the seed page's source its house, a site by its host.
    db = sqlite3.connect(home / "catalog.sqlite")
    db.execute(
        "UPDATE documents SET source = 'House of Commons', house = NULL WHERE kind = 'hansard'"
    )
    db.execute("UPDATE documents SET source = 'bbc.co.uk' WHERE source = 'BBC News'")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    # The index still holds the old names: reopened, the catalog is settled and the
    # index rebuilt before the search answers.
    result = invoke(
        home, "search", '"kinetic options"', "--house", "commons", "--source", "hansard"
    )
    assert result.exit_code == 0, result.output
    assert "Aleppo Bombings" in result.stdout
    assert "rebuilding it from the catalog first" in result.stderr
    assert "BBC News" in invoke(home, "search", "Daesh", "--source", "bbc").stdout
    db = sqlite3.connect(home / "catalog.sqlite")
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)


def test_reindex_settles_sources_named_the_old_way(tmp_path):
    home = tmp_path / "re"
    assert invoke(home, "index", str(SEEDS)).exit_code == 0
    db = sqlite3.connect(home / "catalog.sqlite")
    db.execute(
        "UPDATE documents SET source = 'House of Commons', house = NULL WHERE kind = 'hansard'"
    )
    db.commit()
    db.close()
    assert invoke(home, "reindex").exit_code == 0
    assert "Aleppo Bombings" in invoke(home, "search", "Aleppo", "--house", "commons").stdout
