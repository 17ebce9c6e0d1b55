"""Reading ParlParse / TheyWorkForYou Hansard XML: made-up fixtures and the real corpus."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from archive.errors import IngestError
from archive.ingest import IngestOptions, find_format, read_documents
from archive.ingest.parlparse import sniff
from archive.model import Document

from conftest import corpus_dir

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xml"
OLD = FIXTURES / "debates1999-01-05b.xml"
OLD_SUPERSEDED = FIXTURES / "debates1999-01-05a.xml"
NEW = FIXTURES / "debates2019-07-01a.xml"
LORDS = FIXTURES / "daylord1999-01-06a.xml"

PARLPARSE = corpus_dir() / "hansard-parlparse"
needs_corpus = pytest.mark.skipif(
    not PARLPARSE.exists(), reason=f"needs the ParlParse corpus at {PARLPARSE}"
)
TWFY_2009 = PARLPARSE / "twfy-uml-tests-2009"
LITHARGE = PARLPARSE / "litharge-2016-2021" / "debates"


def name(path: Path) -> str:
    return path.name


def read_one(path: Path) -> Document:
    """The one document in `path`, failing the test on any warning."""
    (document,) = read_documents(path, options=IngestOptions(warn=pytest.fail))
    return document


def by_ref(document: Document, ref: str):
    (passage,) = [p for p in document.passages if p.ref == ref]
    return passage


def speeches(document: Document):
    """The passages that are speeches, not the passages written for divisions."""
    divisions = {d.ref for d in document.divisions}
    return [p for p in document.passages if p.ref not in divisions]


# --- made-up fixtures: no corpus needed -------------------------------------------------


@pytest.mark.parametrize("path", [OLD, OLD_SUPERSEDED, NEW, LORDS], ids=name)
def test_sniffs_by_content_whatever_the_name(path):
    assert sniff(path.read_bytes()[:4096], "renamed.txt")


@pytest.mark.parametrize(
    "head",
    [
        b'<?xml version="1.0"?>\n<debates><speech id="x"/></debates>',
        b"<html><body>publicwhip</body></html>",
        b"<!-- <publicwhip> in a comment --><TEI/>",
        b"speaker,text\nA,B\n",
    ],
)
def test_does_not_sniff_other_files(head):
    assert not sniff(head, "debates2009-10-27a.xml")


def test_old_format_document_facts():
    document = read_one(OLD)
    assert document.kind == "hansard"
    assert document.house == "commons"
    assert document.source == "Hansard"
    assert document.date == dt.date(1999, 1, 5)
    assert document.ref == "uk.org.publicwhip/debate/1999-01-05"
    assert document.version == "b"
    assert document.title == "House of Commons debates, 5 January 1999"


def test_old_format_entities_and_latin1_decode():
    text = by_ref(read_one(OLD), "uk.org.publicwhip/debate/1999-01-05b.10.2").text
    assert text == (
        "What assessment has the Minister made of cod stocks—in the North sea? "
        "A licence costs £5 at the café."
    )


def test_old_format_speech_fields():
    passage = by_ref(read_one(OLD), "uk.org.publicwhip/debate/1999-01-05b.10.3")
    assert passage.speaker == "Bob Sample"
    assert passage.speaker_ref == "uk.org.publicwhip/member/5678"
    assert passage.speaker_role == (
        "The Minister of State, Ministry of Agriculture, Fisheries and Food"
    )
    assert passage.heading == "FISHERIES — Cod Quotas"
    assert passage.column == "11"
    assert passage.time is None  # time="unknown"
    assert passage.text == (
        "First paragraph, over two lines.\n\nSecond paragraph with emphasis and 4 January."
    )


@pytest.mark.parametrize(
    ("ref", "time"),
    [("1999-01-05b.10.2", "14:31"), ("1999-01-05b.11.1", None), ("1999-01-05b.11.4", "16:15")],
)
def test_times_are_hours_and_minutes(ref, time):
    # ParlParse writes "014:31:00" for 14:31 and "" when it does not know.
    assert by_ref(read_one(OLD), f"uk.org.publicwhip/debate/{ref}").time == time


def test_unknown_speaker_id_is_a_group_not_a_person():
    passage = by_ref(read_one(OLD), "uk.org.publicwhip/debate/1999-01-05b.11.1")
    assert (passage.speaker, passage.speaker_ref) == (None, None)
    assert passage.speaker_as_printed == "Hon. Members"


def test_nospeaker_speech_has_no_speaker_but_is_a_passage():
    passage = by_ref(read_one(OLD), "uk.org.publicwhip/debate/1999-01-05b.11.2")
    assert passage.speaker is None and passage.speaker_ref is None
    assert passage.text == "Question put.\n\nThe House divided: Ayes 2, Noes 1."


def test_every_speech_is_a_passage_and_redirects_are_not():
    document = read_one(OLD)
    count = len(re.findall(rb"<speech\b", OLD.read_bytes()))
    assert [p.ref.rsplit(".", 2)[-2:] for p in speeches(document)] == [
        ["10", "2"], ["10", "3"], ["11", "1"], ["11", "2"], ["11", "4"]
    ]  # fmt: skip
    assert len(speeches(document)) == count


def test_old_format_division():
    document = read_one(OLD)
    (division,) = document.divisions
    assert division.number == "42"
    assert (division.ayes, division.noes) == (2, 1)
    assert division.ref == "uk.org.publicwhip/debate/1999-01-05b.11.3"
    assert division.heading == "FISHERIES — Cod Quotas"
    votes = {(v.name, v.vote, v.ref) for v in division.votes}
    assert ("Example, Ann", "aye", "uk.org.publicwhip/member/1234") in votes
    assert ("Mr. Carl Teller", "tell-aye", "uk.org.publicwhip/member/2222") in votes
    assert ("Mrs. Fay Teller", "tell-no", "uk.org.publicwhip/member/5555") in votes
    # Commons counts leave the tellers out.
    assert sum(v.vote == "aye" for v in division.votes) == division.ayes
    assert sum(v.vote == "no" for v in division.votes) == division.noes


def test_division_is_a_passage_in_its_place():
    document = read_one(OLD)
    (division,) = document.divisions
    passage = document.passages[division.after]
    assert document.passages[division.after - 1].ref.endswith("11.2")
    assert passage.ref == division.ref
    assert passage.speaker is None
    assert passage.text.startswith("Division No. 42. Ayes 2, Noes 1.")
    assert "Ayes: Example, Ann; Smith, Mr. John." in passage.text
    assert "Tellers for the Noes: Mr. Eric Teller and Mrs. Fay Teller." in passage.text
    assert passage.time == "16:00"


def test_superseded_version_yields_nothing_and_says_so():
    notes: list[str] = []
    options = IngestOptions(warn=pytest.fail, note=notes.append)
    assert list(read_documents(OLD_SUPERSEDED, options=options)) == []
    assert notes == ['not the latest version of 1999-01-05 (version a, latest="no")']


def test_file_without_latest_attribute_counts_as_latest(tmp_path):
    path = tmp_path / "debates1999-01-05b.xml"
    path.write_bytes(OLD.read_bytes().replace(b' latest="yes"', b""))
    assert len(speeches(read_one(path))) == 5


def test_new_format_speech_fields():
    document = read_one(NEW)
    assert (document.version, document.date) == ("a", dt.date(2019, 7, 1))
    passage = by_ref(document, "uk.org.publicwhip/debate/2019-07-01a.1.3")
    assert passage.speaker == "Cara Invented"
    assert passage.speaker_ref == "uk.org.publicwhip/person/90001"
    assert passage.heading == "WORK AND PENSIONS"
    assert passage.time is None  # time=""
    assert passage.text == "What recent assessment she has made of the Department’s work coaches?"


def test_oral_heading_heads_until_a_major_heading():
    first = read_one(NEW).passages[0]
    assert first.heading == "Oral Answers to Questions"


def test_table_rows_read_as_lines():
    passage = by_ref(read_one(NEW), "uk.org.publicwhip/debate/2019-07-01a.2.1")
    assert passage.text == "The figures are these:\n\nRegion | Coaches\nNorth East | 12"
    assert passage.time == "11:36"


def test_new_format_unknown_person_id():
    passage = by_ref(read_one(NEW), "uk.org.publicwhip/debate/2019-07-01a.2.2")
    assert (passage.speaker, passage.speaker_ref) == (None, None)
    assert passage.speaker_as_printed == "Several hon. Members"


def test_lords_day_and_division():
    document = read_one(LORDS)
    assert document.house == "lords"
    assert document.title == "House of Lords debates, 6 January 1999"
    assert document.ref == "uk.org.publicwhip/lords/1999-01-06"
    (division,) = document.divisions
    assert (division.ayes, division.noes) == (3, 2)
    # Lords counts include the tellers.
    assert sum(v.vote in ("aye", "tell-aye") for v in division.votes) == division.ayes
    assert sum(v.vote in ("no", "tell-no") for v in division.votes) == division.noes
    text = document.passages[division.after].text
    assert text.startswith("Division No. 1. Contents 3, Not-Contents 2.")
    assert "Tellers for the Contents: Teller, B." in text


def test_members_list_is_not_a_debate(tmp_path):
    path = tmp_path / "all-members.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<publicwhip>\n'
        b'<member id="uk.org.publicwhip/member/1" firstname="A" lastname="B"/>\n</publicwhip>\n'
    )
    with pytest.raises(IngestError, match="a ParlParse member list, not debates"):
        list(read_documents(path))


def test_a_ministers_list_is_not_a_debate(tmp_path):
    path = tmp_path / "ministers.json"
    # As ParlParse writes it: indented, one key per line.
    membership = {"id": "uk.org.publicwhip/moffice/1", "person_id": "uk.org.publicwhip/person/1"}
    path.write_text(json.dumps({"memberships": [membership]}, indent=2))
    with pytest.raises(IngestError, match="a ParlParse ministers list, not debates"):
        list(read_documents(path))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<publicwhip latest='yes'><speech id='x'><p>cut off", "malformed XML: "),
        (b"<?xml version='1.0'?><debates/>", "root element is <debates>"),
    ],
)
def test_bad_file_is_one_clear_error(tmp_path, content, reason):
    path = tmp_path / "debates2000-01-01a.xml"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        list(read_documents(path, options=IngestOptions(format="parlparse")))
    assert reason in caught.value.reason
    assert "\n" not in caught.value.reason


def test_format_is_registered():
    assert find_format("parlparse").sniff(NEW.read_bytes()[:4096], NEW.name)


# --- the real corpus ------------------------------------------------------------------


def corpus_files() -> list[Path]:
    return sorted(PARLPARSE.glob("*/*/*.xml")) if PARLPARSE.exists() else []


def is_latest(path: Path) -> bool:
    root = re.search(rb"<publicwhip[^>]*>", path.read_bytes()).group(0)
    return b'latest="no"' not in root


LATEST = [p for p in corpus_files() if is_latest(p)]
SUPERSEDED = [p for p in corpus_files() if not is_latest(p)]


@needs_corpus
@pytest.mark.parametrize("path", LATEST, ids=name)
def test_every_speech_of_a_latest_file_is_a_passage(path):
    data = path.read_bytes()
    document = read_one(path)
    assert len(speeches(document)) == len(re.findall(rb"<speech\b", data))
    assert len(document.divisions) == len(re.findall(rb"<division\b", data))
    assert len(document.passages) == len(speeches(document)) + len(document.divisions)
    ids = re.findall(rb'<speech id="([^"]+)"', data)
    assert [p.ref for p in speeches(document)] == [i.decode() for i in ids]


@needs_corpus
def test_superseded_versions_of_2009_10_27_yield_nothing():
    versions = [p for p in SUPERSEDED if "2009-10-27" in p.name]
    assert [p.name for p in versions] == [f"debates2009-10-27{v}.xml" for v in "abc"]
    for path in versions:
        notes: list[str] = []
        assert list(read_documents(path, options=IngestOptions(note=notes.append))) == []
        assert notes and "2009-10-27" in notes[0]
    latest = read_one(TWFY_2009 / "debates" / "debates2009-10-27d.xml")
    assert (latest.ref, latest.version) == ("uk.org.publicwhip/debate/2009-10-27", "d")


@needs_corpus
def test_old_format_known_speech():
    document = read_one(TWFY_2009 / "debates" / "debates2009-10-27d.xml")
    assert (document.house, document.date) == ("commons", dt.date(2009, 10, 27))
    passage = by_ref(document, "uk.org.publicwhip/debate/2009-10-27d.141.10")
    assert passage.speaker == "John Denham"
    assert passage.speaker_ref == "uk.org.publicwhip/member/1827"
    assert passage.speaker_role == "The Secretary of State for Communities and Local Government"
    assert passage.column == "141"
    assert passage.time == "14:30"
    assert passage.heading == (
        "COMMUNITIES AND LOCAL GOVERNMENT — Contingency Arrangements (Fire Service)"
    )
    answer = by_ref(document, "uk.org.publicwhip/debate/2009-10-27d.141.12")
    assert "comprehensive performance assessment—of course" in answer.text
    assert "&mdash;" not in answer.text


@needs_corpus
def test_new_format_known_speech():
    document = read_one(LITHARGE / "debates2016-05-09b.xml")
    passage = by_ref(document, "uk.org.publicwhip/debate/2016-05-09b.357.4")
    assert passage.speaker == "Justin Madders"
    assert passage.speaker_ref == "uk.org.publicwhip/person/25378"
    assert passage.column == "357"
    assert passage.heading == "WORK AND PENSIONS — Food Banks: Work Coaches"
    assert passage.time is None  # time=""


@needs_corpus
@pytest.mark.parametrize(
    ("folder", "house", "title"),
    [
        ("lordspages", "lords", "House of Lords debates"),
        ("westminhall", "westminster-hall", "Westminster Hall debates"),
        ("debates", "commons", "House of Commons debates"),
    ],
)
def test_house_of_each_folder(folder, house, title):
    for path in (TWFY_2009 / folder).glob("*.xml"):
        for document in read_documents(path):
            assert document.house == house
            assert document.title.startswith(f"{title}, ")
            assert document.date.isoformat() in path.name


@needs_corpus
def test_scrapeversion_quirk_of_2016_03_11b():
    data = (LITHARGE / "debates2016-03-11b.xml").read_bytes()
    assert b'scrapeversion="b"' in data[:4096]  # the others say scraperversion
    document = read_one(LITHARGE / "debates2016-03-11b.xml")
    assert (document.version, document.date) == ("b", dt.date(2016, 3, 11))
    assert document.ref == "uk.org.publicwhip/debate/2016-03-11"


@needs_corpus
def test_empty_time_is_none_and_real_time_is_kept():
    times = {p.time for p in read_one(LITHARGE / "debates2016-05-09b.xml").passages}
    assert None in times
    assert all(t is None or re.fullmatch(r"\d\d:\d\d", t) for t in times)
    assert "19:45" in times  # the first division, time="19:45:00"


def division_blocks(data: bytes) -> list[bytes]:
    return re.findall(rb"<division\b.*?</division>", data, re.S)


@needs_corpus
@pytest.mark.parametrize("path", [p for p in LATEST if b"<division" in p.read_bytes()], ids=name)
def test_divisions_match_the_file(path):
    data = path.read_bytes()
    lords = "/lords" in path.as_posix()
    for block, division in zip(division_blocks(data), read_one(path).divisions, strict=True):
        counts = re.search(rb"<divisioncount[^>]*>", block)[0]
        count = {k.decode(): int(n) for k, n in re.findall(rb'([\w-]+)="(\d+)"', counts)}
        sides = ("content", "not-content") if lords else ("ayes", "noes")
        assert (division.ayes, division.noes) == (count[sides[0]], count[sides[1]])
        voters = re.findall(rb"<(?:mpname|lord)\b[^>]*>", block)
        assert len(division.votes) == len(voters)
        tellers = sum(v.vote.startswith("tell-") for v in division.votes)
        assert tellers == sum(b'teller="yes"' in v for v in voters)
        ayes = sum(v.vote in (("aye", "tell-aye") if lords else ("aye",)) for v in division.votes)
        noes = sum(v.vote in (("no", "tell-no") if lords else ("no",)) for v in division.votes)
        # Hansard's printed count and its list of names disagree by one in two
        # divisions of 2016-05-09 (265: 206 noes, 205 named; 267: 205, 206).
        assert abs(ayes - division.ayes) + abs(noes - division.noes) <= 1


def test_a_note_that_mentions_the_root_is_not_parlparse():
    note = b"# Sources\n\nFormat: `<publicwhip>` root, `<speech>` with `<p>` children.\n"
    assert not sniff(note, "SOURCES.md")
    assert sniff(b"\xef\xbb\xbf\n<publicwhip>\n", "debates.xml")
