"""The people registry: offices on a date, names however written, member lists."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from importlib import resources

import pytest

from archive import Archive
from archive.errors import ArchiveError
from archive.speakers.members import PersonRecord, Term, read_member_files
from archive.speakers.offices import canonical_office, matcher

from conftest import corpus_dir

MEMBERS = corpus_dir() / "hansard-parlparse" / "members"
needs_members = pytest.mark.skipif(
    not MEMBERS.exists(), reason=f"needs the ParlParse member lists at {MEMBERS}"
)


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    """A fresh archive's registry: the one shipped in the package."""
    archive = Archive.open(tmp_path_factory.mktemp("people"), create=True)
    yield archive.catalog.people
    archive.close()


def name_of(people, person_id):
    return people.get(person_id).name if person_id else None


@pytest.mark.parametrize(
    ("title", "day", "holder"),
    [
        ("Foreign Secretary", "2015-12-16", "Philip Hammond"),
        ("the foreign secretary", "2016-10-18", "Boris Johnson"),
        ("Prime Minister", "2015-10-03", "David Cameron"),
        ("Defence Secretary", "2015-10-15", "Michael Fallon"),
        ("Prime Minister", "2008-01-01", "Gordon Brown"),
        ("Home Secretary", "2012-06-01", "Theresa May"),
        ("Chancellor", "2017-03-08", "Philip Hammond"),
        ("Foreign Secretary", "2001-01-01", "Robin Cook"),
    ],
)
def test_an_office_resolves_to_its_holder_on_the_day(people, title, day, holder):
    person_id = people.resolve(role=title, day=dt.date.fromisoformat(day))
    assert name_of(people, person_id) == holder


def test_an_office_on_a_day_nobody_held_it_resolves_to_no_one(people):
    assert people.resolve(role="Brexit Secretary", day=dt.date(2001, 1, 1)) is None


@pytest.mark.parametrize(
    ("printed", "office"),
    [
        ("Foreign Secretary", "Secretary of State for Foreign and Commonwealth Affairs"),
        (
            "Foreign Secretary",
            "Secretary of State for Foreign, Commonwealth and Development Affairs",
        ),
        ("Defence Secretary", "Secretary of State for Defence"),
        ("Home Secretary", "Secretary of State for the Home Department"),
        ("health secretary", "Secretary of State for Health and Social Care"),
        (
            "Shadow Foreign Secretary",
            "Shadow Secretary of State for Foreign and Commonwealth Affairs",
        ),
    ],
)
def test_printed_titles_name_the_registry_offices(printed, office):
    assert matcher(printed)(office)


@pytest.mark.parametrize(
    ("printed", "office"),
    [
        ("Foreign Secretary",
         "Parliamentary Under-Secretary of State for Foreign and Commonwealth Affairs"),
        ("Foreign Secretary", "Shadow Secretary of State for Foreign and Commonwealth Affairs"),
        ("Prime Minister", "Deputy Prime Minister"),
    ],
)  # fmt: skip
def test_printed_titles_do_not_name_other_offices(printed, office):
    assert not matcher(printed)(office)


@pytest.mark.parametrize(
    ("role", "organisation", "office"),
    [
        ("The Secretary of State for Defence", None, "Secretary of State for Defence"),
        ("Secretary of State", "Ministry of Defence", "Secretary of State for Defence"),
        ("Secretary of State", "Foreign & Commonwealth Office",
         "Secretary of State for Foreign and Commonwealth Affairs"),
        ("Secretary of State", "Home Office", "Secretary of State for the Home Department"),
        ("Prime Minister", "HM Treasury", "Prime Minister"),
        ("Minister of State", "Home Office", "Minister of State (Home Office)"),
    ],
)  # fmt: skip
def test_old_and_new_minister_lists_name_an_office_alike(role, organisation, office):
    assert canonical_office(role, organisation) == office


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Michael Fallon", "Michael Fallon"),
        ("Micheal Fallon", "Michael Fallon"),
        ("Mr Michael Fallon", "Michael Fallon"),
        ("Philip Hammond", "Philip Hammond"),
        ("Phillip Hammond", "Philip Hammond"),
        ("John Reid", "Lord Reid of Cardowan"),
    ],
)
def test_a_name_however_written_is_one_person(people, written, name):
    assert name_of(people, people.resolve(written, day=dt.date(2015, 10, 3))) == name


def test_a_shared_surname_is_settled_by_the_office_held_that_day(people):
    day = dt.date(2016, 10, 18)
    assert name_of(people, people.resolve("Johnson", "Foreign Secretary", day=day)) == (
        "Boris Johnson"
    )


def test_a_document_names_an_office_holder_the_lists_know_only_by_id(tmp_path):
    with Archive.open(tmp_path, create=True) as archive:
        people = archive.catalog.people
        unnamed = PersonRecord(
            "test/person/1",
            None,
            offices={Term("Secretary of State for Widgets", dt.date(2019, 1, 1))},
        )
        people.import_records([unnamed])
        day = dt.date(2020, 5, 1)
        holder = people.resolve(role="Widgets Secretary", day=day)
        assert people.get(holder).name == "test/person/1"
        assert people.resolve("Jane Doe", "Widgets Secretary", day=day) == holder
        assert people.get(holder).name == "Jane Doe"
        assert people.resolve("Jane Doe") == holder


def test_new_speakers_are_created_once_and_a_surname_first_joins_the_full_name(tmp_path):
    with Archive.open(tmp_path, create=True) as archive:
        people = archive.catalog.people
        first = people.resolve("Khoja")
        assert people.resolve("Khaled Khoja") == first
        assert people.resolve("Mr Khoja") == first
        assert people.get(first).name == "Khaled Khoja"


def test_the_shipped_registry_says_where_it_comes_from():
    raw = resources.files("archive.data").joinpath("registry.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    assert "CC BY-SA 2.5" in data["licence"]
    assert "Open Parliament Licence" in data["licence"]
    assert "parlparse" in data["sources"][0]
    assert len(data["people"]) > 1000
    unnamed = [p for p in data["people"] if p["name"] is None]
    assert unnamed, "ministers elected from 2015 on have ids but no names in the lists"


# -- search by speaker -----------------------------------------------------


def speakers_of(run, home, *args):
    result = run("search", *args, "--format", "jsonl", "--limit", "500", home=home)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "written", ["Micheal Fallon", "fallon", "Mr Fallon", "FALLON", "person/10194"]
)
def test_speaker_option_finds_michael_fallon_however_written(run, seeded_home, written):
    hits = speakers_of(run, seeded_home, "--speaker", written)
    assert hits
    assert {hit["speaker"] for hit in hits} == {"Michael Fallon"}


def test_speaker_office_means_the_holder_on_each_passages_date(run, seeded_home):
    # Philip Hammond was Defence Secretary until 2014: his words in 2015, as
    # Foreign Secretary, are not a Defence Secretary's.
    defence = speakers_of(run, seeded_home, "--speaker", "Defence Secretary")
    assert {hit["speaker"] for hit in defence} == {"Michael Fallon"}
    foreign = speakers_of(run, seeded_home, "--speaker", "Foreign Secretary", "--kind", "news")
    assert {hit["speaker"] for hit in foreign} == {"Philip Hammond"}


def test_ambiguous_surname_gives_everyone_and_says_who(run, seeded_home):
    result = run("search", "--speaker", "johnson", "--format", "jsonl", home=seeded_home)
    speakers = {json.loads(line)["speaker"] for line in result.stdout.splitlines()}
    assert speakers == {"Boris Johnson", "Diana Johnson"}
    assert "Boris Johnson" in result.stderr and "Diana Johnson" in result.stderr


def test_speakers_command_lists_people_with_counts_and_offices(run, seeded_home):
    result = run("speakers", "--format", "json", home=seeded_home)
    listing = json.loads(result.stdout)
    by_name = {person["name"]: person for person in listing}
    assert by_name["Philip Hammond"]["ref"] == "uk.org.publicwhip/person/10257"
    assert by_name["Philip Hammond"]["passages"] >= 10
    assert [p["passages"] for p in listing] == sorted(
        (p["passages"] for p in listing), reverse=True
    )
    offices = {office for office, _, _ in by_name["Michael Fallon"]["offices"]}
    assert "Secretary of State for Defence" in offices
    narrowed = json.loads(
        run("speakers", "--name", "fallon", "--format", "json", home=seeded_home).stdout
    )
    assert [p["name"] for p in narrowed] == ["Michael Fallon"]


# -- member lists ----------------------------------------------------------


@needs_members
def test_member_lists_give_names_aliases_offices_and_parties():
    people = {record.ref: record for record in read_member_files([MEMBERS])}
    assert len(people) > 13000
    hammond = people["uk.org.publicwhip/person/10257"]
    assert hammond.name == "Philip Hammond"
    assert "Phillip Hammond" in hammond.aliases  # member-aliases.xml
    assert (
        Term(
            "Secretary of State for Foreign and Commonwealth Affairs",
            dt.date(2014, 7, 15),
            dt.date(2016, 7, 13),
        )
        in hammond.offices
    )
    assert any(t.value == "Conservative" for t in hammond.parties)


@needs_members
def test_people_import_command_loads_the_lists(run, tmp_path):
    result = run("people", "import", str(MEMBERS), home=tmp_path)
    assert result.exit_code == 0, result.output
    added = int(result.stdout.split()[0].replace(",", ""))
    assert added > 10000
    again = run("people", "import", str(MEMBERS), home=tmp_path)
    assert again.stdout.startswith("0 people added")


def test_hostile_member_list_is_refused_with_one_clear_error(run, tmp_path):
    bomb = tmp_path / "people.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<publicwhip><person id="x" latestname="&lol2;"/></publicwhip>'
    )
    result = run("people", "import", str(bomb), home=tmp_path / "home")
    assert result.exit_code == 1
    assert str(bomb) in result.stderr
    assert "Traceback" not in result.output


def test_unknown_member_file_is_an_error(tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    with pytest.raises(ArchiveError, match="not a ParlParse member file"):
        read_member_files([odd])


def test_scraped_hansard_answers_are_the_foreign_secretary_of_the_day(run, seeded_home):
    answers = speakers_of(run, seeded_home, "--speaker", "Boris Johnson", "--kind", "hansard")
    assert len(answers) == 4
    assert {hit["date"] for hit in answers} == {"2016-10-18"}
    by_office = speakers_of(run, seeded_home, "--speaker", "Foreign Secretary")
    assert {(hit["speaker"], hit["date"][:4]) for hit in by_office} == {
        ("Philip Hammond", "2015"),
        ("Boris Johnson", "2016"),
    }
