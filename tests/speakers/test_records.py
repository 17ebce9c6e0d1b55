"""What the archive says about a speaker is what a researcher can print: the name
the person had that day, parties written out, one person however two corpora
name them, and two people who share a surname kept apart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from archive import Archive
from archive.model import Document, Passage
from archive.speakers.name_keys import is_personal_name
from archive.speakers.namesakes import forenames_agree, same_party

from conftest import corpus_dir

PARLPARSE = corpus_dir() / "hansard-parlparse"
DAYS_2009 = PARLPARSE / "twfy-uml-tests-2009"
needs_corpus = pytest.mark.skipif(
    not DAYS_2009.is_dir(), reason=f"the shared corpus is absent ({DAYS_2009})"
)


@pytest.fixture(scope="module")
def hansard_2009(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("h2009")
    with Archive.open(home, create=True) as archive:
        archive.index([DAYS_2009 / "debates"])
    return home


def _first(home: Path, speaker: str) -> dict:
    with Archive.open(home) as archive:
        (hit,) = archive.search("", speakers=[speaker], limit=1).hits
        return {"speaker": hit.speaker, "person_name": hit.person_name, "party": hit.party}


@needs_corpus
@pytest.mark.parametrize(
    ("asked", "speaker", "person_name", "party"),
    [
        # The name printed in 2009, not the peerage taken later.
        ("Lord Deben", "John Gummer", "Lord Deben", "Conservative"),
        ("John Reid", "John Reid", "Lord Reid of Cardowan", "Labour"),
        ("Angela Smith", "Angela Smith", "Baroness Smith of Basildon", "Labour"),
        # Printed as an office: the member lists' name for that day.
        ("Lord Framlingham", "Michael Lord", "Lord Framlingham", None),
    ],
)
def test_a_2009_speech_shows_the_name_its_speaker_had_that_day(
    hansard_2009, asked, speaker, person_name, party
):
    found = _first(hansard_2009, asked)
    assert found["speaker"] == speaker
    assert found["person_name"] == person_name
    if party:
        assert found["party"] == party


@needs_corpus
def test_show_gives_the_name_of_the_day_and_the_name_now(hansard_2009):
    with Archive.open(hansard_2009) as archive:
        (hit,) = archive.search("", speakers=["Lord Deben"], limit=1).hits
        passage = next(
            p for p in archive.show(hit.doc_id)["passages"] if p["passage_id"] == hit.passage_id
        )
    assert (passage["speaker"], passage["person_name"]) == ("John Gummer", "Lord Deben")


@needs_corpus
def test_lords_affiliations_and_deputy_speakers_codes_are_written_out(tmp_path):
    with Archive.open(tmp_path / "h", create=True) as archive:
        archive.import_people([PARLPARSE / "members"])
        parties = set(archive.catalog.party_names())
    assert {"Bishops", "Crossbench", "Deputy Speaker (Deputy Chairman of Ways and Means)"} <= (
        parties
    )
    assert not parties & {"Bp", "XB", "DCWM", "CWM", "SPK", "LDem"}


@pytest.mark.parametrize(
    ("printed", "role", "personal"),
    [
        ("John Gummer", None, True),
        ("Lord Deben", None, True),
        ("Baroness Smith of Basildon", None, True),
        ("Mr. Deputy Speaker", "Mr. Deputy Speaker", False),
        ("Madam Deputy Speaker", None, False),
        ("The Minister of State, Cabinet Office", None, False),
        ("Several hon. Members", None, False),
        ("Hammond", None, False),
    ],
)
def test_a_printed_speaker_is_a_persons_name_or_not(printed, role, personal):
    assert is_personal_name(printed, role) is personal


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [("bob", "robert", True), ("robert", "bob", True), ("bill", "william", True),
     ("robert", "robert", True), ("jane", "robert", False), ("bob", "bill", False)],
)  # fmt: skip
def test_forenames_agree_by_nickname(a, b, agree):
    assert forenames_agree(a, b) is agree


def test_parties_agree_unless_both_known_and_different():
    assert same_party("Lab/Co-op", "Labour") and same_party(None, "Conservative")
    assert not same_party("Labour", "Conservative")


def _speech(name: str, ref: str | None, party: str | None, day: str) -> Document:
    return Document(
        kind="hansard", title=f"Debate {day} {name}", date=dt.date.fromisoformat(day),
        source="Hansard", house="commons",
        passages=(Passage(f"A speech by {name} on {day}.", speaker=name, speaker_ref=ref,
                          speaker_party=party),),
    )  # fmt: skip


BLACKMAN = "uk.org.publicwhip/person/24945"


@pytest.mark.parametrize("order", ["ParlParse first", "ParlaMint first"])
def test_one_member_named_by_two_corpora_is_one_person(tmp_path, order):
    parlparse = _speech("Bob Blackman", BLACKMAN, None, "2016-05-09")
    parlamint = _speech("Robert John Blackman", "parlamint/RobertBlackman", "Conservative",
                        "2017-09-07")  # fmt: skip
    docs = [parlparse, parlamint] if order == "ParlParse first" else [parlamint, parlparse]
    with Archive.open(tmp_path / "h", create=True) as archive:
        for doc in docs:
            archive.add([doc])
        found = archive.search("", speakers=["Bob Blackman"])
        assert found.total == 2
        assert {h.speaker for h in found.hits} == {"Bob Blackman", "Robert John Blackman"}
        assert archive.search("", speakers=["Robert Blackman"]).total == 2


@pytest.mark.parametrize(
    ("name", "party"),
    [("Jane Blackman", "Conservative"),  # another forename
     ("Robert Blackman", "Labour")],  # another party
)  # fmt: skip
def test_two_people_who_share_a_surname_stay_apart(tmp_path, name, party):
    with Archive.open(tmp_path / "h", create=True) as archive:
        archive.catalog.people.import_records([])
        archive.add([_speech("Bob Blackman", BLACKMAN, None, "2016-05-09")])
        with archive.catalog.transaction():
            pid = archive.catalog.people.match("Bob Blackman").person_ids[0]
            archive.catalog.conn.execute(
                "INSERT INTO parties(person_id, party) VALUES (?, 'Conservative')", (pid,)
            )
        archive.add([_speech(name, "parlamint/Other", party, "2017-09-07")])
        assert archive.search("", speakers=["Bob Blackman"]).total == 1
        people = {h.speaker for h in archive.search("", kinds=["hansard"]).hits}
        assert people == {"Bob Blackman", name}


def test_json_hits_carry_person_name(run, tmp_path):
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.add([_speech("Bob Blackman", BLACKMAN, None, "2016-05-09")])
    hit = json.loads(run("search", "speech", "--format", "json").stdout)["hits"][0]
    assert "person_name" in hit and hit["speaker"] == "Bob Blackman"
