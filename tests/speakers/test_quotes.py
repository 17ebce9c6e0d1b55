"""Who is speaking in news paragraphs: on the seeds and on small written cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.ingest import read_documents
from archive.model import Document, Passage
from archive.speakers import cast
from archive.speakers.attribution import attribute_document
from archive.speakers.names import Reading
from archive.speakers.quotes import NOBODY, Attribution, attribute, mask_quotes, quoted_spans

SEEDS = Path(__file__).parents[2] / "seeds"
BBC = "000_a25ad9b1949011fe"
ITV = "001_339a660464cd9d79"
AOL = "002_712e60f979fb5be4"
INDEPENDENT = "003_8adf7a70ea6ceb8b"

HAMMOND = "Philip Hammond"
FALLON = "Micheal Fallon"  # as the ITV story mostly spells him
OBAMA = "Barack Obama"
KHOJA = "Khaled Khoja"
MOUALEM = "Walid al-Moualem"
FS = "Foreign Secretary"
DS = "Defence Secretary"
PM = "Prime Minister"
A = Attribution  # keeps the tables below to one line a case
JOHNSON = A("Diana Johnson", "Diana Johnson", "Shadow Foreign Minister")
LEADER = "Leader of the Moderate Coalition"
MISTURA = "Staffan de Mistura"
TASK_FORCE = "A statement from the Combined Joint Task Force"


def read_seed(name: str) -> Document:
    (document,) = map(attribute_document, read_documents(SEEDS / f"{name}.txt"))
    return document


def passage_starting(seed: str, start: str) -> Passage:
    matches = [p for p in read_seed(seed).passages if p.text.startswith(start)]
    assert len(matches) == 1, f"{len(matches)} passages start with {start!r}"
    return matches[0]


def spoken(passage: Passage) -> Attribution:
    return Attribution(passage.speaker, passage.speaker_as_printed, passage.speaker_role)


@pytest.mark.parametrize(
    ("seed", "start", "expected"),
    [
        # Named in the same sentence, before or after the quote; the office goes with the name.
        (BBC, "Philip Hammond told MPs", A(HAMMOND, HAMMOND)),
        (BBC, "The RAF has carried out", A(HAMMOND, "Mr Hammond")),
        (BBC, "Earlier, Prime Minister", A("David Cameron", "David Cameron", PM)),
        (BBC, "Replying for Labour", JOHNSON),
        # "he" / "she" carried over from the latest speaker who fits.
        (BBC, "He said there had been", A(HAMMOND, "Mr Hammond")),
        (BBC, '"Frankly, that will be', A(HAMMOND, "Mr Hammond")),
        (BBC, '"Of course, as the Opposition', JOHNSON),
        # A quote running on from the paragraph before.
        (BBC, "\"The UK's overriding priority", JOHNSON),
        # An office the story gives no one: a role for the catalog to resolve by
        # date, carried by the quotes that run on from it.
        (BBC, "Russian air strikes in Syria", A(None, "the UK foreign secretary", "UK " + FS)),
        (BBC, "Updating MPs on operations", A(None, "the foreign secretary", FS)),
        (BBC, '"In the last two weeks', A(None, "the foreign secretary", FS)),
        (ITV, "The Prime Minister has said", A(None, "The Prime Minister", PM)),
        (INDEPENDENT, "The Prime Minister is said", A(None, "The Prime Minister", PM)),
        (
            ITV,
            "Military air strikes",
            A(None, "the country's Foreign Minister", "Foreign Minister"),
        ),
        (AOL, "Syrian opposition forces", A(None, "the " + LEADER.lower(), LEADER)),
        # Bodies, states and anonymous people speak as unnamed sources.
        (BBC, "The Kremlin says", A(None, "The Kremlin")),
        (BBC, "Elsewhere, the Ministry of Defence", A(None, "the Ministry of Defence")),
        (BBC, "Russia began air strikes", A(None, "Russia")),
        (AOL, "Downing Street insists", A(None, "Downing Street")),
        (ITV, "Russian aircraft have attacked", A(None, "a Syrian military official")),
        (ITV, 'The "concentrated and precise"', A(None, "the official")),
        (ITV, '"The UN calls on all', A(None, "a spokeswoman for UN envoy for Syria " + MISTURA)),
        (ITV, "A statement from the Combined", A(None, TASK_FORCE)),
        (ITV, "Islamic State attacked", A(None, "a monitoring group")),
        (ITV, "Government warplanes bombarded", A(None, "the Syrian Observatory for Human Rights")),
        (INDEPENDENT, "A Downing Street spokesman", A(None, "A Downing Street spokesman")),
        (INDEPENDENT, '"They agreed that it was', A(None, "the spokesperson")),
        (INDEPENDENT, "The commitment comes after", A(None, "a Downing Street report")),
        (INDEPENDENT, "David Cameron and Russian", A(None, "the two leaders")),
        # Offices written with the name, lower case or earlier in the story.
        (ITV, "Mr Cameron's remarks echo", A(FALLON, FALLON, DS)),
        (ITV, "However, in an interview", A("Michael Fallon", "Michael Fallon", "British " + DS)),
        (ITV, 'Mr Fallon said the the "vast', A(FALLON, "Mr Fallon", DS)),
        (ITV, "Fallon acknowledged", A(FALLON, "Fallon", DS)),
        (AOL, "Mr Hammond said there had", A(HAMMOND, "Mr Hammond", FS)),
        (AOL, "Asked if he would like", A(KHOJA, "Mr Khoja", "Coalition President")),
        (
            INDEPENDENT,
            "The phone call comes",
            A("Boris Johnson", "Boris Johnson", "Mayor of London"),
        ),
        (INDEPENDENT, "They joined the bulk", A("Jeremy Corbyn", "Jeremy Corbyn", "Leader")),
        # "President Obama" before the story writes "Barack Obama" is Barack Obama;
        # "the US President" is the President the story named before.
        (ITV, "The Syrian conflict will not", A(OBAMA, "President Obama", "President")),
        (ITV, '"This is not a contest', A(OBAMA, "the US President", "US President")),
        (ITV, "The US President said Russia", A(OBAMA, "The US President", "US President")),
        (ITV, "Discussing Russian President", A(OBAMA, "President Obama", "President")),
        (ITV, "In a speech to the General", A(MOUALEM, MOUALEM)),
        (ITV, '"Terrorism cannot be fought', A(MOUALEM, "Moualem")),
        # No speech, or no one speaker.
        (ITV, "The US-led coalition", NOBODY),
        (INDEPENDENT, "Mr Cameron had asked Mr Putin", NOBODY),
        (INDEPENDENT, "A larger group of Labour MPs", NOBODY),
    ],
)
def test_seed_speaker(seed, start, expected):
    assert spoken(passage_starting(seed, start)) == expected


def test_only_the_people_who_speak_in_the_bbc_story_are_speakers():
    speakers = {p.speaker for p in read_seed(BBC).passages}
    assert speakers == {HAMMOND, "Diana Johnson", "David Cameron", None}


def test_people_only_mentioned_in_the_independent_story_do_not_speak_in_quotes():
    quoted = [p for p in read_seed(INDEPENDENT).passages if p.text.startswith('"')]
    assert quoted and {p.speaker for p in quoted} == {None}


def test_the_us_president_is_one_person_throughout_the_itv_story():
    obama = [p for p in read_seed(ITV).passages if "Obama" in (p.speaker or "")]
    assert len(obama) == 11 and {p.speaker for p in obama} == {OBAMA}


def speakers(*paragraphs: str) -> list[str | None]:
    return [speaker.name for speaker in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(['Mr Khoja said: "Any help is welcome."'], ["Khoja"], id="surname-alone"),
        pytest.param(["He said it would be hard."], [None], id="pronoun-with-nobody-before"),
        pytest.param(
            ['"We will win," said Mr Jones.', "Tom Jones said so."],
            ["Tom Jones", "Tom Jones"],
            id="inverted-then-full-name",
        ),
        pytest.param(
            ['"We will win," said Mr Jones.', "Mrs Mary Jones said so."],
            ["Jones", "Mary Jones"],
            id="surname-keeps-apart-from-a-full-name-of-the-other-gender",
        ),
        pytest.param(
            [
                "Foreign Secretary Philip Hammond met them.",
                "Mr Hammond, the foreign secretary, said no.",
            ],
            [None, "Philip Hammond"],
            id="apposition-and-earlier-mention",
        ),
        pytest.param(
            ["Ms Jane Doe said one thing.", "Mr John Roe said another.", "She added a third."],
            ["Jane Doe", "John Roe", "Jane Doe"],
            id="she-skips-a-known-man",
        ),
        pytest.param(
            ["Mrs Ann Lee said one thing.", "Tom Ray said another.", "He added a third."],
            ["Ann Lee", "Tom Ray", "Tom Ray"],
            id="he-takes-the-latest-not-known-woman",
        ),
        pytest.param(
            ['Tom Ray said: "One thing.', '"And another."', "The weather was fine.", '"Indeed."'],
            ["Tom Ray", "Tom Ray", None, None],
            id="continuation-needs-the-paragraph-just-before",
        ),
        pytest.param(
            ["It was the clear intention of US Secretary of State John Kerry to try."],
            [None],
            id="mention-is-not-speech",
        ),
        pytest.param(
            ['"Talks must go on," UN envoy Staffan de Mistura said.'],
            ["Staffan de Mistura"],
            id="lower-case-particle",
        ),
        pytest.param(
            ["Walid al-Moualem said it was so.", '"Yes," Moualem added.'],
            ["Walid al-Moualem", "Walid al-Moualem"],
            id="al-prefix-surname",
        ),
        pytest.param(
            ['"He said no," Mr Smith told reporters.'], ["Smith"], id="said-inside-quotes-ignored"
        ),
        pytest.param(
            ["The plan was announced by Home Secretary Theresa May on Monday."],
            [None],
            id="passive-announced-by",
        ),
        pytest.param(
            ["On Tuesday Mr Hammond said the vote would go ahead."],
            ["Hammond"],
            id="day-before-name",
        ),
        pytest.param(
            ["Mr Cameron had asked Mr Putin to update him on the strikes."],
            [None],
            id="asked-someone-to-is-not-speech",
        ),
        pytest.param(
            ['"Digging is hard," said Mr R. Sridharan, of Tata.'],
            ["R. Sridharan"],
            id="initial-in-name",
        ),
        pytest.param(
            ["Sir Paul McCartney will play.", 'Sir Paul said: "It is an honour."'],
            [None, "Paul McCartney"],
            id="sir-with-given-name",
        ),
        pytest.param(
            ["President Obama said so.", "Barack Obama added more."],
            ["Barack Obama", "Barack Obama"],
            id="surname-takes-the-full-name-given-later",
        ),
        pytest.param(
            ["Mr Hammond and Mr Kerry said talks would go on."], [None], id="two-speakers-at-once"
        ),
        pytest.param(
            ["Tony Blair attacked the plans, saying they were wrong."],
            ["Tony Blair"],
            id="saying-after-the-sentence-subject",
        ),
        pytest.param(
            ["Tory leader Michael Howard attacked the plans. He told Sky News they were wrong."],
            ["Michael Howard"],
            id="he-opens-the-sentence-after-a-named-subject",
        ),
        pytest.param(
            ["Mr Marchionne, who joined last year, said Fiat Auto was now his focus."],
            ["Marchionne"],
            id="name-after-said-that-starts-a-clause-is-not-the-speaker",
        ),
        pytest.param(
            ["Experts said the program was called Bankash-A Trojan."],
            [None],
            id="name-at-the-end-of-a-clause-is-not-the-speaker",
        ),
        pytest.param(
            ['"Nothing is coming in," said The Libertine\'s executive producer Marc Samuelson.'],
            ["Marc Samuelson"],
            id="description-before-the-name-after-said",
        ),
    ],
)
def test_attribution(paragraphs, expected):
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Foreign Secretary Philip Hammond said it was so."],
            A(HAMMOND, HAMMOND, FS),
            id="office-before-the-name",
        ),
        pytest.param(
            ['"Talks go on," said defence secretary Micheal Fallon.'],
            A(FALLON, FALLON, DS),
            id="lower-case-office-in-title-case",
        ),
        pytest.param(
            ["US President Barack Obama said so."],
            A(OBAMA, OBAMA, "US President"),
            id="office-with-its-country",
        ),
        pytest.param(
            ["US Secretary of State John Kerry said talks would go on."],
            A("John Kerry", "John Kerry", "US Secretary of State"),
            id="office-with-of",
        ),
        pytest.param(
            ["Mayor of London Boris Johnson said the UK should work with Putin."],
            A("Boris Johnson", "Boris Johnson", "Mayor of London"),
            id="mayor-of-london",
        ),
        pytest.param(
            ["Foreign Secretary Philip Hammond met them.", "Mr Hammond said no."],
            A(HAMMOND, "Mr Hammond", FS),
            id="office-from-an-earlier-mention",
        ),
        pytest.param(
            ["Philip Hammond met them.", "Mr Hammond, the foreign secretary, said no."],
            A(HAMMOND, "Mr Hammond", FS),
            id="office-in-apposition",
        ),
        pytest.param(
            ['Lord Bach, Minister for Defence Procurement, said he was "disappointed".'],
            A("Bach", "Lord Bach", "Minister for Defence Procurement"),
            id="office-with-for-in-apposition",
        ),
        pytest.param(
            ["Singer Sam Endicott said the band was ready."],
            A("Sam Endicott", "Sam Endicott", "Singer"),
            id="job-that-opens-the-sentence",
        ),
        pytest.param(
            ["Updating MPs, the foreign secretary said 75% of strikes hit rebels."],
            A(None, "the foreign secretary", FS),
            id="role-only",
        ),
        pytest.param(
            ["The foreign secretary said strikes hit rebels.", "He added that talks would go on."],
            A(None, "The foreign secretary", FS),
            id="role-only-carried-by-he",
        ),
        pytest.param(
            ["President Obama spoke on Friday.", '"No," the US President told a press conference.'],
            A("Obama", "the US President", "US President"),
            id="role-resolved-in-the-story",
        ),
        pytest.param(
            ["Prime Minister David Cameron spoke.", "The Prime Minister said so."],
            A("David Cameron", "The Prime Minister", PM),
            id="role-resolved-exactly",
        ),
        pytest.param(
            ["Russian President Vladimir Putin spoke.", "The US President said so."],
            A(None, "The US President", "US President"),
            id="role-of-another-country-is-not-resolved",
        ),
        pytest.param(
            ["The US President said Russia was to blame for President Bashar al-Assad."],
            A(None, "The US President", "US President"),
            id="role-not-resolved-by-a-name-after-the-verb",
        ),
        pytest.param(
            ["The Prime Minister is said to have told Mr Putin that the UK is opposed."],
            A(None, "The Prime Minister", PM),
            id="is-said-to-have-told",
        ),
        pytest.param(
            ["Russian air strikes are up, a Syrian military official has said."],
            A(None, "a Syrian military official"),
            id="unnamed-source",
        ),
        pytest.param(
            ['"Talks must go on," a spokeswoman for UN envoy Staffan de Mistura said.'],
            A(None, "a spokeswoman for UN envoy Staffan de Mistura"),
            id="spokeswoman-for-a-named-person-is-unnamed",
        ),
        pytest.param(
            ['A spokesman said: "One thing.', '"And another."'],
            A(None, "A spokesman"),
            id="unnamed-source-and-its-continuation",
        ),
        pytest.param(
            ["Syrian activists say the strikes hit civilians."],
            A(None, "Syrian activists"),
            id="activists-say",
        ),
        pytest.param(
            ["Time Warner owns AOL.", "Time Warner said on Friday that it owns 8% of Google."],
            A(None, "Time Warner"),
            id="company-repeated-whole-is-no-person",
        ),
        pytest.param(
            ["How much Ask Jeeves paid is secret.", "Ask Jeeves said it would keep Bloglines."],
            A(None, "Ask Jeeves"),
            id="ask-jeeves-is-no-person",
        ),
        pytest.param(
            ["The Kremlin says it is targeting terrorists."],
            A(None, "The Kremlin"),
            id="kremlin",
        ),
        pytest.param(
            ["Downing Street insists that nothing has changed."],
            A(None, "Downing Street"),
            id="downing-street",
        ),
        pytest.param(
            ["Elsewhere, the Ministry of Defence has announced a new ship."],
            A(None, "the Ministry of Defence"),
            id="ministry",
        ),
        pytest.param(
            ["A statement from the Combined Joint Task Force said six raids hit."],
            A(None, "A statement from the Combined Joint Task Force"),
            id="statement-from-a-task-force",
        ),
        pytest.param(
            ["The US Securities and Exchange Commission announced the settlements."],
            A(None, "The US Securities and Exchange Commission"),
            id="and-inside-a-name",
        ),
        pytest.param(
            ["Moscow said the strikes hit militants."],
            A(None, "Moscow"),
            id="lone-unknown-word",
        ),
        pytest.param(
            ["General Motors said sales rose."],
            A(None, "General Motors"),
            id="general-motors-is-no-general",
        ),
        pytest.param(
            ["The Washington Post said the talks failed."],
            A(None, "The Washington Post"),
            id="article-before-name",
        ),
        pytest.param(
            ["IS attacked the city on Friday, according to a monitoring group."],
            A(None, "a monitoring group"),
            id="according-to-a-source",
        ),
        pytest.param(
            ["Prices rose, according to Mr Hammond."],
            A("Hammond", "Mr Hammond"),
            id="according-to-a-person",
        ),
        pytest.param(
            ["MPs voted according to their conscience."], NOBODY, id="according-to-no-one"
        ),
        pytest.param(
            ['Prices rose, according to Reuters. Mr Hammond said: "Good."'],
            A("Hammond", "Mr Hammond"),
            id="according-to-gives-way-to-said",
        ),
        pytest.param(["It said the strikes hit militants."], NOBODY, id="it-said-names-no-one"),
        pytest.param(
            ["Theresa May, shadow secretary for the family, told BBC Radio 4 it was wrong."],
            A("Theresa May", "Theresa May", "Shadow Secretary for the Family"),
            id="who-is-told-is-no-speaker",
        ),
        pytest.param(
            ["Mrs May spoke in May.", "Last May Mrs May said so."],
            A("May", "Mrs May"),
            id="may-is-a-name-after-a-form-of-address",
        ),
        pytest.param(
            ["Amanda's uncle, Lewis Champion, told the BBC Ford deserved no credit."],
            A("Lewis Champion", "Lewis Champion"),
            id="name-between-commas",
        ),
        pytest.param(
            ["A row broke out amid claims they were offensive."], NOBODY, id="claims-as-a-noun"
        ),
        pytest.param(
            ["Turkey is backed by studies, which indeed say membership would cost little."],
            NOBODY,
            id="which-say-names-no-one",
        ),
        pytest.param(
            ["Nothing is ruled out, Work and Pensions Secretary Alan Johnson has warned."],
            A("Alan Johnson", "Alan Johnson", "Work and Pensions Secretary"),
            id="office-with-and",
        ),
    ],
)
def test_attribution_in_full(paragraphs, expected):
    assert attribute(paragraphs)[-1] == expected


def test_printed_name_keeps_the_form_of_address():
    assert attribute(["Philip Hammond spoke.", "Mr Hammond said so."]) == [
        NOBODY,
        A(HAMMOND, "Mr Hammond"),
    ]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ('He said "no way" today.', 'He said "      " today.'),
        ("She said “yes” then.", "She said “   ” then."),
        ('"Unclosed quote runs on', '"                      '),
    ],
)
def test_mask_quotes(text, masked):
    assert mask_quotes(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        '"We will not," said Defence Secretary Michael Fallon. "Mr Kerry agreed."',
        "“Yes,” Mr Hammond told “BBC Radio 4” and “Sky News” in London.",
        'Prime Minister Theresa May said "no" and "" then "Unclosed John Smith runs on',
        '"Sir Paul" McCartney, the singer, said "it was" Barack Obama\'s "idea".',
        "No quotation here, said Foreign Secretary Philip Hammond.",
    ],
)
def test_reading_without_quotes_is_reading_the_masked_text(text):
    # The attributer reads a paragraph once and drops what is quoted from that reading.
    spans = quoted_spans(text)
    whole = Reading(text)
    for run in whole.runs:
        whole.name(run)  # names already read are carried over
    kept, fresh = whole.without(mask_quotes(text), spans), Reading(mask_quotes(text))
    assert (kept.words, kept.starts, kept.runs) == (fresh.words, fresh.starts, fresh.runs)
    assert [kept.name(run) for run in kept.runs] == [fresh.name(run) for run in fresh.runs]


@pytest.mark.parametrize("seed", [BBC, ITV, AOL, INDEPENDENT])
def test_a_story_too_long_to_keep_its_reading_gets_the_same_speakers(seed, monkeypatch):
    paragraphs = [passage.text for passage in read_seed(seed).passages]
    kept = attribute(paragraphs)
    monkeypatch.setattr(cast, "KEPT_WORDS", 40)  # past the first paragraph or two
    assert attribute(paragraphs) == kept
