"""Every attribution of a paragraph as a Quote: who, how, where; written cases only."""

from __future__ import annotations

import pytest

from archive.model import Document, Passage
from archive.speakers.attribution import attribute_document
from archive.speakers.quotes import attribute


def quotes(*paragraphs: str):
    """The quotes of the last paragraph, as (speaker or printed, kind, cue, direct)."""
    last = attribute(list(paragraphs))[-1]
    return [(q.speaker or q.printed, q.kind, q.cue, q.direct) for q in last.quotes]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            [
                "Mayor Ann Reed said on Friday the plan was sound. Gov. Tom Vale said it"
                ' would be "a mistake".'
            ],
            [("Ann Reed", "person", "said", False), ("Tom Vale", "person", "said", True)],
            id="two-speakers-in-one-paragraph",
        ),
        pytest.param(
            ['"This is a waste of time," said Del. Rosa Quill of the islands.'],
            [("Rosa Quill", "person", "said", True)],
            id="verb-before-us-title",
        ),
        pytest.param(
            ["''We are ready,'' said Sen. Dale Pike."],
            [("Dale Pike", "person", "said", True)],
            id="two-apostrophes-quote",
        ),
        pytest.param(
            ["Tom Vale tweeted that the vote was rigged."],
            [("Tom Vale", "person", "tweeted", False)],
            id="tweeted",
        ),
        pytest.param(
            ["Ann Reed wrote on her blog that the plan would fail.", "Reed noted that it had."],
            [("Ann Reed", "person", "noted", False)],
            id="noted-surname-after-full-name",
        ),
        pytest.param(
            ["Ann Reed insisted she would stay, warning that the party needed her."],
            [("Ann Reed", "person", "insisted", False), ("Ann Reed", "person", "warning", False)],
            id="insisted-and-participle",
        ),
        pytest.param(
            ["The Kremlin said it would respond."],
            [("The Kremlin", "organisation", "said", False)],
            id="organisation",
        ),
        pytest.param(
            ["Officials said the bridge was closed."],
            [("Officials", "description", "said", False)],
            id="description",
        ),
        pytest.param(
            ['Tom Vale said: "We start today.', '"And we finish tomorrow."'],
            [("Tom Vale", "person", None, True)],
            id="quote-running-on-has-no-cue",
        ),
        pytest.param(
            ["The coalition action came as jets continued to bomb the towns."],
            [],
            id="continued-is-no-cue-without-punctuation",
        ),
        pytest.param(
            ["Mr Hammond told MPs the strikes would go on."],
            [("Hammond", "person", "told", False)],
            id="british-told-mps",
        ),
    ],
)
def test_quotes_of_a_paragraph(paragraphs, expected):
    assert quotes(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        pytest.param(
            "Although Pelham Grant said he would come, nobody did.", "Pelham Grant", id="although"
        ),
        pytest.param(
            "Chasing Tom Vale, Ann Reed said the race was close.", "Ann Reed", id="ing-opener"
        ),
        pytest.param(
            "Economic Adviser Christopher Jonson said the figures were poor.",
            "Christopher Jonson",
            id="glued-title",
        ),
        pytest.param("Pastor Kevin Sand said the church was full.", "Kevin Sand", id="pastor"),
        pytest.param(
            "Tom Vale, who chairs the tenants' group, said it would appeal.",
            "Tom Vale",
            id="plural-possessive-inside-an-apposition",
        ),
        pytest.param("Vice President Joseph R. Bowden Jr. said so.", "Joseph R. Bowden", id="jr"),
        pytest.param(
            "Fox News’ Sean Harlow said the poll was wrong.", "Sean Harlow", id="plural-possessive"
        ),
    ],
)
def test_words_that_are_not_names_stay_out_of_the_name(paragraph, speaker):
    assert attribute([paragraph])[0].name == speaker


def test_the_main_speaker_is_the_first_quoted_and_every_span_is_in_the_text():
    text = 'Ann Reed said the plan was sound. "It is a mistake," Tom Vale told reporters.'
    (said,) = attribute([text])
    assert said.name == "Ann Reed"
    spans = [text[q.start : q.end] for q in said.quotes]
    assert spans == ["the plan was sound", "It is a mistake,"]  # what is said, not who


def test_quote_spans_count_the_dateline_that_attribution_does_not_read():
    text = 'LONDON, Feb 26 - "We will win," said Tom Vale.'
    document = Document("news", "t", (Passage(text),), attribution="prose")
    (passage,) = attribute_document(document).passages
    (quote,) = passage.quotes
    assert passage.speaker == "Tom Vale"
    assert text[quote.start : quote.end] == "We will win,"


def test_several_speakers_in_one_sentence_each_get_their_own_words():
    text = (
        'Mayor Ann Reed said Friday the city would "keep every door open." Gov. Tom Vale said '
        'it would be "improper" to comment, and the White House said it was watching.'
    )
    (said,) = attribute([text])
    found = [(q.speaker or q.printed, q.direct, text[q.start : q.end]) for q in said.quotes]
    assert found == [
        ("Ann Reed", True, "keep every door open."),
        ("Tom Vale", True, "improper"),
        ("the White House", False, "it was watching"),
    ]
