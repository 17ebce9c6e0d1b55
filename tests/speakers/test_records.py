"""What the archive says about a speaker is what a researcher can print: the name
the person had that day, parties written out, one person however two corpora
name them, and two people who share a surname kept apart."""

from __future__ import annotations

import datetime as dt
import json
import re
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


PARTY_MAP = PARLPARSE / "members" / "person-party-map.pournaki.json"


def _hansard_2016_2021(home: Path) -> tuple[int, int]:
    """(spoken passages of 2016-21 Hansard, those with a party)."""
    with Archive.open(home) as archive:
        rows = list(
            archive.catalog.passage_rows(
                "WHERE d.kind = 'hansard' AND d.date >= '2016' AND d.date < '2022' "
                "AND p.speaker_id IS NOT NULL"
            )
        )
    return len(rows), sum(1 for r in rows if r.party)


@pytest.mark.skipif(not PARTY_MAP.is_file(), reason=f"the shared corpus is absent ({PARTY_MAP})")
def test_a_person_to_party_map_gives_later_speeches_their_party(run, tmp_path):
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.index([PARLPARSE / "litharge-2016-2021"])
    spoken, with_party = _hansard_2016_2021(home)
    imported = run("people", "import", str(PARTY_MAP))
    assert imported.exit_code == 0, imported.output
    spoken_after, with_party_after = _hansard_2016_2021(home)
    gained = with_party_after - with_party
    assert spoken_after == spoken and gained > 1000 and with_party_after > 0.9 * spoken
    # The summary says what changed, and the index knows: --party finds them.
    changed = re.search(r"([\d,]+) passages with another party", imported.stdout)
    assert changed and int(changed.group(1).replace(",", "")) >= gained  # gained or changed
    with Archive.open(home) as archive:
        labour = archive.search("", parties=["labour"], since="2016", limit=0).total
        assert labour == sum(
            1
            for r in archive.catalog.passage_rows("WHERE d.date >= '2016'")
            if r.party and "labour" in r.party.casefold().split()  # SDLP, Independent Labour
        )


@pytest.mark.parametrize("form", ["csv", "json rows"])
def test_people_import_takes_a_table_of_person_and_party_with_dates(run, tmp_path, form):
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.add([_speech("Bob Blackman", BLACKMAN, None, "2016-05-09"),
                     _speech("Bob Blackman", BLACKMAN, None, "2021-05-09")])  # fmt: skip
    rows = [
        {"person_id": "person/24945", "party": "conservative", "start": "2010-05-06",
         "end": "2019-12-12"},
        {"person_id": "person/24945", "party": "independent", "start": "2019-12-13", "end": ""},
        {"person_id": "Nobody Atall", "party": "labour", "start": "", "end": ""},
    ]  # fmt: skip
    if form == "csv":
        table = tmp_path / "parties.csv"
        table.write_text(
            "person_id,party,start,end\n"
            + "".join(f"{r['person_id']},{r['party']},{r['start']},{r['end']}\n" for r in rows)
        )
    else:
        table = tmp_path / "parties.json"
        table.write_text(json.dumps(rows))
    imported = run("people", "import", str(table))
    assert imported.exit_code == 0, imported.output
    assert "1 row naming nobody known" in imported.stdout
    assert "2 passages with another party" in imported.stdout
    with Archive.open(home) as archive:
        parties = [h.party for h in archive.search("speech", sort="oldest").hits]
    assert parties == ["Conservative", "Independent"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.json", '{"about": {"nested": 1}}'), ("empty.csv", "who,what\n"),
     ("broken.json", "{not json")],
)  # fmt: skip
def test_people_import_of_a_file_it_cannot_use_is_an_error_naming_it(run, tmp_path, name, content):
    table = tmp_path / name
    table.write_text(content)
    result = run("people", "import", str(table))
    assert result.exit_code == 1
    assert str(table) in result.output and "Traceback" not in result.output


def test_people_list_and_show(run, tmp_path):
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.add([_speech("Philip Hammond", None, None, "2015-12-16")])
    listed = json.loads(run("people", "list", "hammond", "--format", "json").stdout)
    assert [p["name"] for p in listed] == ["Philip Hammond"] and listed[0]["passages"] == 1
    shown = run("people", "show", "Philip Hammond")
    assert "Secretary of State for Foreign and Commonwealth Affairs, 2014-07-15" in shown.stdout
    record = json.loads(
        run("people", "show", str(listed[0]["person_id"]), "--format", "json").stdout
    )
    assert record["ref"] == "uk.org.publicwhip/person/10257" and record["first"] == "2015-12-16"
    # An office held when the minister lists end is held "to at least" that day, not "to now".
    assert record["offices_known_until"] == "2020-10-01"
    assert "to now" not in "".join(
        line for line in shown.stdout.splitlines() if "Chancellor" in line
    )
    assert run("people", "show", "Nobody Atall").exit_code == 1


def test_a_persons_terms_read_as_spans():
    from archive.search.people import _spans

    terms = [
        ("Labour", "1997-05-01", "2001-05-14"),
        ("Labour", "2001-06-07", "2005-04-11"),
        ("Independent", "2005-05-05", "2006-01-01"),
        ("Labour", "2006-01-02", None),
    ]
    assert _spans(terms) == [
        ["Labour", "1997-05-01", "2005-04-11"],
        ["Independent", "2005-05-05", "2006-01-01"],
        ["Labour", "2006-01-02", None],
    ]


def test_a_person_quoted_only_in_undated_stories_lists_without_dates(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(
        'Council vote delayed\n\n"We need more time," Jane Roberts said on the steps of the hall.\n'
    )
    assert run("index", str(folder), home=tmp_path / "h").exit_code == 0
    listed = run("people", "list", "roberts", home=tmp_path / "h").output
    assert re.fullmatch(r" *\d+  Jane Roberts  1 passage\n", listed), listed
    shown = run("people", "show", "Jane Roberts", home=tmp_path / "h").output
    assert "passages  1 (1 news), undated\n" in shown and "None" not in shown
