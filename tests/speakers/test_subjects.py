"""The subject of a speech verb written far from it: long appositions, brackets,
descriptions before a name. Sentences written for these tests."""

from __future__ import annotations

import pytest

from archive.speakers.quotes import attribute


def speakers(*paragraphs: str) -> list[str | None]:
    return [a.name for a in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            [
                "Mary Jones, president of the Riverside Fund, a charity allied with"
                " the city's largest union, said the money was spent."
            ],
            ["Mary Jones"],
            id="apposition-longer-than-ten-words",
        ),
        pytest.param(
            [
                "Tom Baker, co-director of the Centre for Housing and Policy Research,"
                " a think tank, said rents would rise."
            ],
            ["Tom Baker"],
            id="apposition-naming-a-body-is-not-the-speaker",
        ),
        pytest.param(
            ["Sen. Ann Reed (D-R.I.), a member of the panel, said it would pass."],
            ["Ann Reed"],
            id="party-bracket-and-apposition",
        ),
        pytest.param(
            ["Rep. Carl Moss (R-Iowa) said it would pass."], ["Carl Moss"], id="party-bracket"
        ),
        pytest.param(["Jessie Hall, 70, said it was over."], ["Jessie Hall"], id="age-apposition"),
        pytest.param(
            ["In Leeds, the old mill, a listed building, was sold, said nobody."],
            [None],
            id="clause-opening-with-no-name",
        ),
        pytest.param(
            ['"It is fine," said former Ohio congressman Paul Kent, who was there.'],
            ["Paul Kent"],
            id="description-with-a-place-after-said",
        ),
        pytest.param(
            ['"It is fine," said former aide to Tom Smith, Jane Doe.'],
            [None],
            id="name-after-a-preposition-is-not-the-one-described",
        ),
        pytest.param(
            ["Senator Ann Reed is telling voters she will win."],
            ["Ann Reed"],
            id="progressive-cue-in-a-live-blog",
        ),
        pytest.param(
            ["Lane then discussed Moss's proposed wall and explained its importance."],
            [None],
            id="participle-after-a-possessive-is-no-verb",
        ),
        pytest.param(
            [
                "One pastor backing Mr. Hale, Dan Moss of Grace Baptist Church in Ames,"
                " said he had made calls."
            ],
            ["Dan Moss"],
            id="name-and-body-between-commas-after-a-description",
        ),
        pytest.param(
            ["Walking across Elm Park, the mayor and her aide, said the park was safe."],
            [None],
            id="place-after-across-is-no-speaker",
        ),
        pytest.param(
            ["The lawyer who represented him, Jo Hale, a partner at the firm, said it was over."],
            ["Jo Hale"],
            id="name-after-a-relative-clause-is-the-subject",
        ),
        pytest.param(
            ["A study by Ann Lee and Jo Hale of Leeds concluded that prices rise."],
            [None],
            id="names-listed-after-by-are-no-subject",
        ),
        pytest.param(
            ["At the fair in Ames, and Jo Hale said it was his best day."],
            ["Jo Hale"],
            id="and-after-a-comma-opens-a-clause",
        ),
        pytest.param(
            [
                "Jo Hale spoke first.",
                "Hale and other party leaders shunned Moss during his visit, claiming that"
                " he was a traitor.",
            ],
            [None, None],
            id="a-name-and-others-before-saying-are-many",
        ),
    ],
)
def test_subject(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_name_by_a_word_of_a_that_clause_is_no_subject():
    text = (
        "Hale warned that the party leader, Ann Lee, during their meeting in Ohio,"
        " was wrong, said an aide."
    )
    quotes = attribute([text])[0].quotes
    assert [(q.printed, q.speaker) for q in quotes] == [("Hale", None), ("an aide", None)]
