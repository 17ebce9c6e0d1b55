"""The UK registry reads loosely only stories about UK politics (archive.speakers.evidence),
and news adds people to it only by their names (archive.speakers.newcomers).

The stories are made up: a Bahamas, a Canadian and a US one beside UK ones.
"""

from __future__ import annotations

import datetime as dt

import pytest

from archive import Archive
from archive.model import Document, Passage
from archive.speakers.attribution import attribute_document
from archive.speakers.evidence import text_evidence
from archive.speakers.newcomers import person_name


@pytest.fixture
def catalog(tmp_path):
    archive = Archive.open(tmp_path / "home", create=True)
    yield archive.catalog
    archive.close()


def add_story(catalog, title: str, *paragraphs: str, day: str) -> list[str | None]:
    """Store a made-up news story; the names of the people each of its passages quotes."""
    doc = Document(
        kind="news", title=title, date=dt.date.fromisoformat(day), attribution="prose",
        passages=tuple(Passage(text) for text in paragraphs),
    )  # fmt: skip
    doc_id = f"story-{catalog.document_count()}"
    with catalog.transaction():
        catalog.add_document(doc_id, attribute_document(doc))
    rows = catalog.conn.execute(
        "SELECT COALESCE(pe.name, pe.ref) FROM quotes q JOIN passages p ON p.id = q.passage_id "
        "LEFT JOIN people pe ON pe.id = q.person_id WHERE p.doc_id = ? ORDER BY p.seq, q.seq",
        (doc_id,),
    )
    return [r[0] for r in rows]


def test_the_prime_minister_of_a_bahamas_story_is_not_the_uk_prime_minister(catalog):
    quoted = add_story(
        catalog, "Hurricane relief reaches Abaco",
        "NASSAU, Sept 12 - Relief flights reached the islands on Thursday.",
        '"We will rebuild every home," the prime minister said.',
        day="2019-09-12",
    )  # fmt: skip
    assert quoted == [None]


def test_the_prime_minister_of_a_westminster_story_is_the_uk_prime_minister(catalog):
    quoted = add_story(
        catalog, "Brexit vote delayed",
        "LONDON - MPs at Westminster will vote next week.",
        '"We will leave on October 31," the prime minister said.',
        day="2019-09-12",
    )  # fmt: skip
    assert quoted == ["Boris Johnson"]


def test_a_story_naming_its_own_prime_minister_is_not_about_the_uk_one(catalog):
    # It names Britain, but its prime minister is Canada's.
    quoted = add_story(
        catalog, "Ottawa talks",
        "OTTAWA - Canadian Prime Minister Justin Trudeau met British envoys.",
        '"We will balance the books," the prime minister said.',
        day="2019-03-01",
    )  # fmt: skip
    assert "Theresa May" not in quoted


def test_a_typo_of_an_mp_in_a_hockey_story_is_someone_else(catalog):
    quoted = add_story(
        catalog, "Oilers fined",
        "EDMONTON - The league fined the Oilers on Tuesday.",
        '"It was a clear breach of the rules," said Marty Jones, the referee in chief.',
        day="2005-03-01",
    )  # fmt: skip
    assert quoted == ["Marty Jones"]


def test_a_typo_of_an_mp_in_a_commons_story_is_the_mp(catalog):
    quoted = add_story(
        catalog, "Select committee report",
        "LONDON - The Commons committee on Welsh affairs published its report on Tuesday.",
        '"It was a clear breach of the rules," said Marty Jones, the Labour MP.',
        day="2005-03-01",
    )  # fmt: skip
    assert quoted == ["Martyn Jones"]


def test_a_fighter_is_not_the_mp_whose_name_without_his_middle_name_is_his(catalog):
    quoted = add_story(
        catalog, "Jones retains title",
        "LAS VEGAS - The champion kept his belt on Saturday.",
        '"I am the best in the world," said Jon Jones.',
        day="2005-03-01",
    )  # fmt: skip
    assert quoted == ["Jon Jones"]


def test_a_name_printed_in_full_is_that_name_wherever_it_is_printed(catalog):
    quoted = add_story(
        catalog, "Visit to Washington",
        "WASHINGTON - The visitors toured the Capitol on Monday.",
        '"It was a useful day," said Diana Johnson.',
        day="2012-05-01",
    )  # fmt: skip
    person = catalog.people.get(catalog.people.match("Diana Johnson").person_ids[0])
    assert quoted == ["Diana Johnson"] and person.ref


def test_resolve_without_evidence_trusts_the_document_as_before(catalog):
    people = catalog.people
    assert people.get(people.resolve(role="Prime Minister", day=dt.date(2019, 9, 12))).name == (
        "Boris Johnson"
    )


@pytest.mark.parametrize(
    ("text", "uk", "politics"),
    [
        ("MPs voted on the bill in the Commons.", True, True),
        ("A Downing Street spokesman said.", True, True),
        ("The Labour Party met in Brighton.", True, True),
        ("Britain's exports rose.", True, False),
        ("The Labour Department said jobless claims fell.", False, False),
        ("Ottawa's Progressive Conservative Party met.", False, False),
        ("The Secretary of State flew to New England.", False, False),
        ("The hurricane hit Abaco and Grand Bahama.", False, False),
    ],
)
def test_which_stories_are_about_britain_and_which_about_uk_politics(text, uk, politics):
    evidence = text_evidence([text])
    assert (evidence.uk, evidence.politics) == (uk, politics)


def test_a_typo_of_an_mp_in_a_story_that_only_names_britain_is_someone_else(catalog):
    # Citicorp's John Reed is not Lord Reid of Cardowan (once John Reid).
    quoted = add_story(
        catalog, "Mexico loan",
        "NEW YORK - Banks in Britain and the United States weighed the Mexico loan.",
        '"The margin will deter some lenders," said John Reed, Citicorp chairman.',
        day="1987-04-01",
    )  # fmt: skip
    assert quoted == ["John Reed"]


@pytest.mark.parametrize(
    ("text", "uk_office"),
    [
        ("MPs met. The prime minister said so.", True),
        ("MPs met. British Prime Minister Boris Johnson said so.", True),
        ("Britain objected. Canadian Prime Minister Justin Trudeau said so.", False),
        ("Britain objected. Grenada's Prime Minister said so.", False),
        ("Britain objected. The Prime Minister of Grenada said so.", False),
    ],
)
def test_an_office_is_the_uks_unless_the_story_gives_it_to_another_country(text, uk_office):
    assert text_evidence([text]).office("the prime minister")[0] is uk_office


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Philip Hammond", "Philip Hammond"),
        ("Willy de Clercq", "Willy de Clercq"),
        ("Igor Judge", "Igor Judge"),
        ("Economic Adivser Christopher Johnson", "Christopher Johnson"),
        ("Fisheries Under-Secretary Miguel Braceras", "Miguel Braceras"),
        ("Vice-Chairman Manuel Johnson", "Manuel Johnson"),
        ("Ohio Democrat Howard Metzenbaum", "Howard Metzenbaum"),
        ("Abdul-Aziz bin Khalifa al-Thani", "Abdul-Aziz bin Khalifa al-Thani"),
        ("Shi'ite Moslem Amal", None),
        ("[a Downing Street report]", None),
        ("[a telex from committee chairman Citibank]", None),
        ("Texas Commerce Bank-Houston", None),
        ("Houston-based Shell Oil Co", None),
        ("Merrill Lynch Capital Markets", None),
    ],
)
def test_news_adds_people_only_by_their_names(printed, name):
    assert person_name(printed) == name


def test_a_glued_title_does_not_make_a_second_person(catalog):
    add_story(
        catalog, "Fed view", "WASHINGTON - The Fed met on Tuesday.",
        '"Rates are right," said Manuel Johnson.', day="1987-03-05",
    )  # fmt: skip
    quoted = add_story(
        catalog, "Fed view again", "WASHINGTON - The Fed met again.",
        '"Rates are still right," said Vice-Chairman Manuel Johnson.', day="1987-03-06",
    )  # fmt: skip
    assert quoted in ([None], ["Manuel Johnson"])
    assert catalog.people.ids_named("Vice-Chairman") == set()


@pytest.mark.parametrize(
    "phrase",
    [
        "in Westminster", "in Whitehall", "at Downing Street", "the House of Commons",
        "The Commons", "the Commons", "the House of Lords", "the Lib Dems",
        "the Liberal Democrats", "the Social Democratic Party", "Plaid Cymru",
        "the Ulster Unionists", "the Conservative party", "his constituency", "a by-election",
        "MPs", "an M.P.", "a Tory", "the Tories", "Labour", "the SDP", "the SNP", "the DUP",
        "the British government", "UK politics", "U.K. ministers",
    ],
)  # fmt: skip
def test_every_word_of_uk_politics_is_found(phrase):
    evidence = text_evidence([f"Nothing else, then {phrase} came up."])
    assert evidence.politics and evidence.uk


@pytest.mark.parametrize(
    "place",
    ["Britain", "Britain's", "British", "the United Kingdom", "the UK", "the U.K.", "Scotland",
     "England", "Wales", "Northern Ireland"],
)  # fmt: skip
def test_every_name_of_britain_is_found(place):
    evidence = text_evidence([f"A story from {place}."])
    assert evidence.uk and not evidence.politics
