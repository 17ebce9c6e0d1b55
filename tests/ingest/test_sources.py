"""Sources as users name them, and one naming of Hansard whatever the format (issue 19)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from archive.ingest import read_documents
from archive.ingest.sources import settle, settle_stored, site_name
from archive.model import Document, Passage

from conftest import SEEDS, corpus_dir

CORPUS = corpus_dir()
HUFFPOST = CORPUS / "news-huffpost" / "News_Category_Dataset_v3.first50.jsonl"
PAGES = CORPUS / "html-pages" / "trafilatura-eval" / "pages"


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("axios.com", "Axios"),
        ("https://www.axios.com/newsletters/axios-future.html", "Axios"),
        ("https://pawszilla.com", "Pawszilla"),
        ("https://www.huffpost.com/entry/covid-boosters_n_632d719ee4b0", "HuffPost"),
        ("https://www.theguardian.com/education/2020/oct/02/uk", "The Guardian"),
        ("https://www.bbc.co.uk/news/uk-35114440", "BBC News"),
        ("jamaica-gleaner.com", "Jamaica Gleaner"),
        ("world.kbs.co.kr", "KBS"),
        ("emacspeak.blogspot.com", "Emacspeak"),
        ("BettyCrocker.com", "BettyCrocker"),
        ("WWW.Example.org", "Example"),
        ("http://localhost:8080/page", None),
        ("not a domain", None),
    ],
)
def test_a_site_is_named_from_its_domain(address, name):
    assert site_name(address) == name


def story(source=None, url=None, title="A story", kind="news", house=None):
    return Document(
        kind=kind, title=title, passages=(Passage("Words."),), source=source, url=url, house=house
    )


@pytest.mark.parametrize(
    ("document", "source", "house"),
    [
        # Hansard from any format: source "Hansard", the house apart.
        (story("House of Commons", kind="hansard"), "Hansard", "commons"),
        (story("House of Lords", kind="hansard"), "Hansard", "lords"),
        (story("Westminster Hall", kind="hansard"), "Hansard", "westminster-hall"),
        (story("Hansard", kind="hansard", house="lords"), "Hansard", "lords"),
        (story(None, kind="hansard"), "Hansard", None),
        (
            story(
                None,
                "https://hansard.parliament.uk/Lords/2016-10-18/debates/X/Syria",
                kind="hansard",
            ),
            "Hansard",
            "lords",
        ),
        (
            story(
                None,
                "http://www.publications.parliament.uk/pa/cm200809/cmhansrd/cm091027/"
                "halltext/91027h0001.htm",
                kind="hansard",
            ),
            "Hansard",
            "westminster-hall",
        ),
        # News: a source from the link's site when none is given; a URL named; a headline none.
        (story(None, "https://www.huffpost.com/entry/x"), "HuffPost", None),
        (story("https://pawszilla.com", "https://pawszilla.com/a/b"), "Pawszilla", None),
        (
            story(
                "Halls too full, experts warn",
                "https://www.theguardian.com/x",
                "Halls too full, experts warn",
            ),
            "The Guardian",
            None,
        ),
        (story("BBC News", "https://www.bbc.co.uk/news/1"), "BBC News", None),
        (story(None, None), None, None),
    ],
)
def test_settle_names_sources_and_houses(document, source, house):
    settled = settle(document)
    assert (settled.source, settled.house) == (source, house)


def test_a_domain_is_a_site_even_where_a_page_declares_it_as_its_name():
    assert settle(story("axios.com")).source == "Axios"
    assert settle(story("netzpolitik.org")).source == "Netzpolitik"
    assert settle_stored("news", "axios.com", None, "Axios Future", None) == ("Axios", None)


def test_the_seed_commons_page_is_hansard_of_the_commons():
    [document] = read_documents(SEEDS / "004_3cda5aca45e3add8.txt")
    assert (document.kind, document.source, document.house) == ("hansard", "Hansard", "commons")
    assert document.volume == "615"


@pytest.mark.skipif(not HUFFPOST.exists(), reason=f"needs the HuffPost sample at {HUFFPOST}")
def test_every_huffpost_record_is_from_huffpost():
    documents = list(read_documents(HUFFPOST))
    assert len(documents) == 50
    assert {d.source for d in documents} == {"HuffPost"}
    assert all(json.loads(line)["link"] for line in HUFFPOST.read_text().splitlines())


@pytest.mark.skipif(not PAGES.is_dir(), reason=f"needs the trafilatura evaluation pages at {PAGES}")
@pytest.mark.parametrize(
    ("page", "source"),
    [
        # Its site name was its own headline; the story is The Guardian's (its canonical URL).
        ("msn.com.university.html.gz", "The Guardian"),
        ("axios.com.future.html.gz", "Axios"),  # declared as "axios.com"
        ("pawszilla.com.celine.html.gz", "Pawszilla"),  # declared as "https://pawszilla.com"
        ("netzpolitik.org.abmahnungen.html.gz", "Netzpolitik"),  # declared as "netzpolitik.org"
    ],
)
def test_web_pages_are_named_by_their_sites(page, source):
    [document] = read_documents(PAGES / page)
    assert document.source == source
    assert document.source != document.title


def test_a_hansard_document_made_in_python_is_settled_when_added(tmp_path):
    from archive import Archive

    with Archive.open(tmp_path / "home", create=True) as archive:
        document = story("House of Lords", kind="hansard")
        archive.add([Document(**{**document.__dict__, "date": dt.date(2016, 1, 5)})])
        [hit] = archive.search("words", houses=["lords"], sources=["hansard"]).hits
        assert (hit.source, hit.house) == ("Hansard", "lords")
