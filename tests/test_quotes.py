"""Who is speaking in news paragraphs: on the seeds and on small written cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.ingest import read_documents
from archive.ingest.quotes import attribute, mask_quotes
from archive.model import Document, Passage

SEEDS = Path(__file__).parents[1] / "seeds"
BBC = "000_a25ad9b1949011fe"
ITV = "001_339a660464cd9d79"
AOL = "002_712e60f979fb5be4"
INDEPENDENT = "003_8adf7a70ea6ceb8b"


def read_seed(name: str) -> Document:
    (document,) = read_documents(SEEDS / f"{name}.txt")
    return document


def passage_starting(seed: str, start: str) -> Passage:
    matches = [p for p in read_seed(seed).passages if p.text.startswith(start)]
    assert len(matches) == 1, f"{len(matches)} passages start with {start!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("seed", "start", "speaker", "printed"),
    [
        # Named in the same sentence, before or after the quote.
        (BBC, "Philip Hammond told MPs", "Philip Hammond", "Philip Hammond"),
        (BBC, "The RAF has carried out more than 1,600 missions", "Philip Hammond", "Mr Hammond"),
        (BBC, "Earlier, Prime Minister David Cameron told", "David Cameron", "David Cameron"),
        (BBC, "Replying for Labour, shadow foreign minister", "Diana Johnson", "Diana Johnson"),
        # "he" / "she" carried over from the latest speaker who fits.
        (BBC, "He said there had been no reports", "Philip Hammond", "Mr Hammond"),
        (BBC, '"Frankly, that will be highly challenging', "Philip Hammond", "Mr Hammond"),
        (BBC, "And he announced that the UK had created", "Philip Hammond", "Mr Hammond"),
        (BBC, "He said he could not provide details", "Philip Hammond", "Mr Hammond"),
        (BBC, '"Of course, as the Opposition has consistently', "Diana Johnson", "Diana Johnson"),
        # A quote running on from the paragraph before.
        (BBC, "\"The UK's overriding priority", "Diana Johnson", "Diana Johnson"),
        # A role only, and the quotes that run on from it: no speaker yet.
        (BBC, 'Russian air strikes in Syria are "giving advantage"', None, None),
        (BBC, "Updating MPs on operations, the foreign secretary said", None, None),
        (BBC, '"In the last two weeks, the Russians', None, None),
        (BBC, '"It is unacceptable that Russian action', None, None),
        # Organisations and narrative.
        (BBC, "The Kremlin says it is targeting", None, None),
        (BBC, "Elsewhere, the Ministry of Defence has announced", None, None),
        (BBC, "Russia began air strikes in Syria in September", None, None),
        (
            ITV,
            "Mr Cameron's remarks echo the words defence secretary",
            "Micheal Fallon",
            "Micheal Fallon",
        ),
        (
            ITV,
            "However, in an interview with The Sun newspaper",
            "Michael Fallon",
            "Michael Fallon",
        ),
        (
            ITV,
            "Civilians are being killed by Russian airstrikes",
            "Micheal Fallon",
            "Micheal Fallon",
        ),
        (ITV, 'Mr Fallon said the the "vast majority"', "Micheal Fallon", "Mr Fallon"),
        (ITV, "Fallon acknowledged the Russian involvement", "Micheal Fallon", "Fallon"),
        (ITV, "In an interview with The Sun he said", "Micheal Fallon", "Fallon"),
        (ITV, "He said: \"We're analysing where the strikes", "Micheal Fallon", "Fallon"),
        (ITV, "\"He's shoring up Assad", "Micheal Fallon", "Fallon"),
        (ITV, "Russian aircraft have attacked", None, None),
        (ITV, 'The "concentrated and precise" airstrikes', None, None),
        # Before "Barack Obama" is first written, "President Obama" stays "Obama".
        (ITV, 'The Syrian conflict will not become a "proxy war"', "Obama", "President Obama"),
        (ITV, "Mr Obama said he wanted Russia", "Obama", "Mr Obama"),
        (ITV, '"This is not a contest between the United States', None, None),
        (ITV, '"This is not some superpower chessboard contest."', None, None),
        (ITV, "Russia's approach to the conflict in Syria", "Barack Obama", "Barack Obama"),
        (ITV, "The US President said Russia and Iran", None, None),
        (ITV, "President Obama said air strikes", "Barack Obama", "President Obama"),
        (ITV, "Discussing Russian President Vladimir Putin's", "Barack Obama", "President Obama"),
        (ITV, '"What Russia is doing now', "Barack Obama", "President Obama"),
        (ITV, '"The UN calls on all concerned parties', None, None),
        (ITV, "In a speech to the General Assembly", "Walid al-Moualem", "Walid al-Moualem"),
        (ITV, '"Terrorism cannot be fought only from the air', "Walid al-Moualem", "Moualem"),
        (ITV, '"Air strikes are useless unless', "Walid al-Moualem", "Moualem"),
        (ITV, "A statement from the Combined Joint Task Force said", None, None),
        (ITV, "Government warplanes bombarded another area", None, None),
        (AOL, "Syrian opposition forces would welcome", None, None),
        (AOL, "Downing Street insists that the Government", None, None),
        (AOL, 'Mr Hammond said there had been "no change at all"', "Philip Hammond", "Mr Hammond"),
        (AOL, "But he made clear discussions", "Philip Hammond", "Mr Hammond"),
        (AOL, 'He told reporters: "The Russian presence', "Philip Hammond", "Mr Hammond"),
        (AOL, '"We are now talking about how to make sure', "Philip Hammond", "Mr Hammond"),
        (AOL, "Asked if he would like to see the UK join", "Khaled Khoja", "Mr Khoja"),
        (AOL, '"What we need is to help those moderate fighters', "Khaled Khoja", "Mr Khoja"),
        (AOL, "He hit out at Russian claims", "Khaled Khoja", "Mr Khoja"),
        (AOL, '"We are not part of the discussions', "Khaled Khoja", "Mr Khoja"),
        (AOL, '"If the Russians would like to help', "Khaled Khoja", "Mr Khoja"),
        (INDEPENDENT, "A Downing Street spokesman said", None, None),
        (INDEPENDENT, '"They agreed that it was important to wait', None, None),
        (INDEPENDENT, '"Agreeing that military action alone', None, None),
        (INDEPENDENT, "The Prime Minister is said to have told Mr Putin", None, None),
        (INDEPENDENT, "David Cameron and Russian premier Vladimir Putin", None, None),
        (INDEPENDENT, "They joined the bulk of Labour MPs", "Jeremy Corbyn", "Jeremy Corbyn"),
    ],
)
def test_seed_speaker(seed, start, speaker, printed):
    passage = passage_starting(seed, start)
    assert (passage.speaker, passage.speaker_as_printed) == (speaker, printed)


def test_only_the_people_who_speak_in_the_bbc_story_are_speakers():
    speakers = {p.speaker for p in read_seed(BBC).passages}
    assert speakers == {"Philip Hammond", "Diana Johnson", "David Cameron", None}


def test_people_only_mentioned_in_the_independent_story_do_not_speak_in_quotes():
    quoted = [p for p in read_seed(INDEPENDENT).passages if p.text.startswith('"')]
    assert quoted and {p.speaker for p in quoted} == {None}


def speakers(*paragraphs: str) -> list[str | None]:
    return [speaker for speaker, _ in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(['Mr Khoja said: "Any help is welcome."'], ["Khoja"], id="surname-alone"),
        pytest.param(["He said it would be hard."], [None], id="pronoun-with-nobody-before"),
        pytest.param(
            ['"We will win," said Mr Jones.', "Mary Jones said so."],
            ["Jones", "Mary Jones"],
            id="inverted-then-full-name",
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
            ['A spokesman said: "One thing.', '"And another."'],
            [None, None],
            id="unnamed-source-and-its-continuation",
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
            ["US Secretary of State John Kerry said talks would go on."],
            ["John Kerry"],
            id="office-with-of-is-dropped",
        ),
        pytest.param(
            ['"Talks must go on," UN envoy Staffan de Mistura said.'],
            ["Staffan de Mistura"],
            id="lower-case-particle",
        ),
        pytest.param(
            ['"Talks must go on," a spokeswoman for UN envoy Staffan de Mistura said.'],
            [None],
            id="spokeswoman-for-a-named-person",
        ),
        pytest.param(
            ["Walid al-Moualem said it was so.", '"Yes," Moualem added.'],
            ["Walid al-Moualem", "Walid al-Moualem"],
            id="al-prefix-surname",
        ),
        pytest.param(
            ['"He said no," Mr Smith told reporters.'], ["Smith"], id="said-inside-quotes-ignored"
        ),
        pytest.param(["Moscow said the strikes hit militants."], [None], id="lone-unknown-word"),
        pytest.param(
            ["The Washington Post said the talks failed."], [None], id="article-before-name"
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
            ["Mayor of London Boris Johnson said the UK should work with Putin."],
            ["Boris Johnson"],
            id="mayor-of-london",
        ),
        pytest.param(
            ['Lord Bach, Minister for Defence Procurement, said he was "disappointed".'],
            ["Bach"],
            id="apposition-with-office-not-said-he",
        ),
        pytest.param(
            ['"Digging is hard," said Mr R. Sridharan, of Tata.'],
            ["R. Sridharan"],
            id="initial-in-name",
        ),
        pytest.param(
            ["General Motors said sales rose."], [None], id="general-motors-is-no-general"
        ),
        pytest.param(
            ["Sir Paul McCartney will play.", 'Sir Paul said: "It is an honour."'],
            [None, "Paul McCartney"],
            id="sir-with-given-name",
        ),
    ],
)
def test_attribution(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_printed_name_keeps_the_form_of_address():
    assert attribute(["Philip Hammond spoke.", "Mr Hammond said so."]) == [
        (None, None),
        ("Philip Hammond", "Mr Hammond"),
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
