"""The query language, case by case, over a small fixture archive built in Python.

Each case is a query (and options) and the passages it must return, named
by label: "b1" is the second passage of document B. The documents are
short sentences written for these tests; speakers are real people from the
shipped registry so that names, offices and parties resolve.
"""

from __future__ import annotations

import datetime as dt

import pytest

from archive import Archive
from archive.errors import BadQuery, UnknownSpeaker
from archive.indexing.run import document_id
from archive.model import Document, Passage


def doc(kind, source, date, title, *passages):
    return Document(
        kind=kind, source=source, date=dt.date.fromisoformat(date), title=title,
        passages=tuple(passages),
    )  # fmt: skip


def said(text, name=None, role=None):
    return Passage(text, speaker=name, speaker_role=role, speaker_as_printed=name or role)


FIXTURE = {
    "a": doc(
        "news", "BBC News", "2015-12-16", "Russian strikes helping IS, says Hammond",
        said("Russian air strikes are giving advantage to Daesh, the foreign secretary said.",
             role="Foreign Secretary"),
        said("The RAF has carried out 400 strikes against Isis targets.", "Philip Hammond"),
        said("Ministers were accused of hiding expenses from voters."),
    ),
    "b": doc(
        "news", "ITV News", "2015-10-03", "Fallon: Russian airstrikes killing civilians",
        said("Russian airstrikes are killing civilians in Syria.", "Michael Fallon"),
        said("He said the expensive campaign was propping up Assad.", "Michael Fallon"),
        said("Malloch-Brown said the strike was a mistake."),
    ),
    "c": doc(
        "hansard", "House of Commons", "2016-10-18", "Aleppo Bombings",
        said("More kinetic options should be considered in Aleppo.", "Diana Johnson"),
        said("The Government will not rule out kinetic options in Syria.",
             role="Foreign Secretary"),
        said("The hon. Lady is right about the café in Aleppo."),
    ),
    "d": doc(
        "news", "The Independent", "2015-12-09", "Cameron and Putin agree to work together",
        said("Malloch Brown welcomed the agreement between the two leaders."),
        said("The strikes on Raqqa were striking in their accuracy."),
    ),
    "e": doc(
        "hansard", "House of Lords", "2014-03-01", "Ukraine",
        said("Russia's annexation of Crimea is illegal, the minister said."),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def fixture_archive(tmp_path_factory, engine):
    archive = Archive.open(tmp_path_factory.mktemp(f"table-{engine}"), create=True, engine=engine)
    report = archive.add(FIXTURE.values())
    assert report.added == len(FIXTURE)
    labels = {
        f"{document_id(d)}.{seq}": f"{key}{seq}"
        for key, d in FIXTURE.items()
        for seq in range(len(d.passages))
    }
    yield archive, labels
    archive.close()


def labels_of(fixture_archive, query, **options):
    archive, labels = fixture_archive
    result = archive.search(query, limit=1000, **options)
    assert result.total == len(result.hits)
    return [labels[hit.passage_id] for hit in result.hits]


A, B, C, D = ("a0", "a1", "a2"), ("b0", "b1", "b2"), ("c0", "c1", "c2"), ("d0", "d1")

CASES = [
    # words, stemming, case
    ("daesh", {}, {"a0"}),
    ("DAESH", {}, {"a0"}),
    ("strike", {}, {"a0", "a1", "b2", "d1"}),
    ("strikes", {}, {"a0", "a1", "b2", "d1"}),
    ("expenses", {}, {"a2", "b1"}),  # stemmed: expens(es) ~ expens(ive)
    ("kinetic options", {}, {"c0", "c1"}),
    ("kinetic syria", {}, {"c1"}),
    # exact phrases: no stemming inside quotes
    ('"expenses"', {}, {"a2"}),
    ('"strikes"', {}, {"a0", "a1", "d1"}),
    ('"striking"', {}, {"d1"}),
    ('"kinetic options"', {}, {"c0", "c1"}),
    ('"options kinetic"', {}, set()),
    ("\u201ckinetic options\u201d", {}, {"c0", "c1"}),
    # exclusion
    ("kinetic -aleppo", {}, {"c1"}),
    ("kinetic NOT aleppo", {}, {"c1"}),
    ('kinetic -"in Aleppo"', {}, {"c1"}),
    ("-kind:news", {}, {*C, "e0"}),
    # OR and grouping
    ("russia OR raqqa", {}, {"e0", "d1"}),
    ("(assad OR raqqa) strikes", {}, {"d1"}),
    ("assad OR raqqa strikes", {}, {"d1"}),
    ("kinetic AND syria", {}, {"c1"}),
    # prefixes and proximity
    ("kinet*", {}, {"c0", "c1"}),
    ("civil*", {}, {"b0"}),
    ("kinetic NEAR/1 options", {}, {"c0", "c1"}),
    ("options NEAR/1 kinetic", {}, {"c0", "c1"}),
    ("kinetic NEAR/5 aleppo", {}, set()),
    ("kinetic NEAR/6 aleppo", {}, {"c0"}),
    ("aleppo NEAR/6 kinetic", {}, {"c0"}),
    # hyphens, accents, apostrophes
    ("Malloch-Brown", {}, {"b2", "d0"}),
    ("Malloch Brown", {}, {"b2", "d0"}),
    ('"Malloch Brown"', {}, {"b2", "d0"}),
    ("café", {}, {"c2"}),
    ("cafe", {}, {"c2"}),
    ("Russia's", {}, {"e0"}),
    ("Russia\u2019s", {}, {"e0"}),
    # field terms mean what the options mean
    ("speaker:fallon", {}, {"b0", "b1"}),
    ('speaker:"Micheal Fallon"', {}, {"b0", "b1"}),
    ("speaker:hammond", {}, {"a0", "a1"}),
    ('speaker:"Foreign Secretary"', {}, {"a0", "a1", "c1"}),
    ("source:itv", {}, set(B)),
    ("source:bbc strikes", {}, {"a0", "a1"}),
    ("kind:hansard", {}, {*C, "e0"}),
    ("party:labour", {}, {"c0"}),
    ("party:conservative", {}, {"a0", "a1", "b0", "b1", "c1"}),
    ("date:2015-12", {}, {*A, *D}),
    ("date:2015-10-01..2015-12-31", {}, {*A, *B, *D}),
    ("date:..2015-01-01", {}, {"e0"}),
    ("date:2016..", {}, set(C)),
    ("title:aleppo", {}, set(C)),
    ('title:"work together"', {}, set(D)),
    ("-speaker:fallon source:itv", {}, {"b2"}),
    # options
    ("", {"kinds": ["hansard"]}, {*C, "e0"}),
    ("strikes", {"speakers": ["Philip Hammond"]}, {"a0", "a1"}),
    ("", {"since": "2015-12-10", "until": "2016"}, {*A, *C}),
    ("", {"parties": ["Lab"]}, {"c0"}),
    ("", {"sources": ["independent"]}, set(D)),
]


@pytest.mark.parametrize(("query", "options", "expected"), CASES, ids=[c[0] or "-" for c in CASES])
def test_query_returns_exactly(fixture_archive, query, options, expected):
    assert set(labels_of(fixture_archive, query, **options)) == expected


@pytest.mark.parametrize(
    ("query", "options", "expected"),
    [
        ("", {"kinds": ["hansard"]}, ["c0", "c1", "c2", "e0"]),
        ("kind:hansard", {"sort": "oldest"}, ["e0", "c0", "c1", "c2"]),
        ("strikes", {"sort": "newest"}, ["a0", "a1", "d1", "b2"]),
        ("strikes", {"sort": "oldest"}, ["b2", "d1", "a0", "a1"]),
    ],
)
def test_query_returns_in_order(fixture_archive, query, options, expected):
    assert labels_of(fixture_archive, query, **options) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"kinetic options', "kinetic)", "(kinetic", "()", "OR kinetic", "kinetic OR",
        "-", "NOT", "kinetic AND", "a*", "*", "kin*et*", "NEAR", "kinetic NEAR",
        "kinetic NEAR/0 options", '"a b" NEAR c', "date:2015-13-45", "date:2015-02-30",
        "date:2016..2015", "date:yesterday", "kind:blog", "speaker:", "&&",
    ],
)  # fmt: skip
def test_bad_syntax_is_bad_query_naming_the_position(fixture_archive, query):
    archive, _ = fixture_archive
    with pytest.raises(BadQuery, match=r"at position \d+"):
        archive.search(query)


def test_speaker_term_naming_no_one_is_an_unknown_speaker(fixture_archive):
    archive, _ = fixture_archive
    with pytest.raises(UnknownSpeaker, match="no speaker matches 'zzzz'"):
        archive.search("speaker:zzzz kinetic")


def test_tree_nodes_equal_only_nodes_of_their_own_kind():
    from archive.query.parser import parse
    from archive.query.tree import And, MatchAll, Or, Prefix, Term

    assert parse("strike") == Term("strike") != Prefix("strike")
    assert Term("strike") != ("strike", "text")  # a node is no plain tuple
    assert And((Term("a"), Term("b"))) != Or((Term("a"), Term("b")))
    assert len({Term("a"), Term("a"), Prefix("a")}) == 2
    assert MatchAll() and MatchAll() == MatchAll()  # true, though it has no fields
