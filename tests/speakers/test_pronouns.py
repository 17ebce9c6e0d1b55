"""Who "he" or "she" is in news prose: small made-up stories."""

from __future__ import annotations

import pytest

from archive.speakers.quotes import NOBODY, Attribution, attribute

A = Attribution


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ["Ann Lee arrived at the rally late.", '"It was cold," she said.'],
            A("Ann Lee", "Ann Lee"),
            id="named-in-the-paragraph-before-never-spoke",
        ),
        pytest.param(
            ["The rally was late. Ann Lee arrived at noon. Later she said it was cold."],
            A("Ann Lee", "Ann Lee"),
            id="named-earlier-in-the-paragraph",
        ),
        pytest.param(
            ["Ann Lee met Joe Ng at the depot.", "He said the buses were late."],
            A("Joe Ng", "Joe Ng"),
            id="the-one-whose-given-name-fits",
        ),
        pytest.param(
            ["Ann Lee met Kim Park at the depot.", "She said the buses were late."],
            A("Ann Lee", "Ann Lee"),
            id="the-first-named-the-paragraph-is-about",
        ),
        pytest.param(
            ["Mr Bram Stoll arrived.", "Later, at the depot, Stoll waited.", "He said no."],
            A("Bram Stoll", "Stoll"),
            id="a-surname-alone-after-the-full-name",
        ),
        pytest.param(
            ["The buses ran late, Ann Lee's driver reported.", "She said the roads were bad."],
            NOBODY,
            id="not-one-named-in-passing",
        ),
        pytest.param(
            ["Ann Lee and Kim Park arrived.", "She said the roads were bad."],
            NOBODY,
            id="not-one-of-two-named-together",
        ),
        pytest.param(
            ["The council met with Ann Lee.", "She said the roads were bad."],
            NOBODY,
            id="not-one-after-a-preposition",
        ),
        pytest.param(
            ["Ann Lee arrived.", "The buses ran.", "The roads froze.", "She said it was cold."],
            NOBODY,
            id="named-too-far-back",
        ),
        pytest.param(
            ["An Asian Indian delegation arrived.", "He said it was cold."],
            NOBODY,
            id="a-capitalised-pair-that-is-no-person",
        ),
    ],
)
def test_pronoun_goes_back_to_a_person_named(paragraphs: list[str], expected: Attribution) -> None:
    assert attribute(paragraphs)[-1] == expected


def test_a_speaker_far_back_gives_way_to_a_person_named_since() -> None:
    story = [
        "Joe Ng told reporters the line would open.",
        "The line runs north.",
        "It has ten stops.",
        "Work began in May.",
        "It cost more than planned.",
        "Ben Stoll, a driver, arrived.",
        '"It is slow," he said.',
    ]
    assert attribute(story)[-1] == A("Ben Stoll", "Ben Stoll")


def test_the_latest_speaker_near_enough_still_comes_first() -> None:
    story = ["Joe Ng told reporters the line would open.", "Bram Stoll arrived.", "He said so."]
    assert attribute(story)[-1] == A("Joe Ng", "Joe Ng")


def test_a_man_chosen_by_his_given_name_is_not_the_next_she() -> None:
    story = ["Joe Ng arrived.", "He said it was cold.", '"No," she said.']
    assert attribute(story)[-1] == NOBODY


def test_not_one_named_after_the_pronoun() -> None:
    assert (
        attribute(["The depot was shut.", "He met Joe Ng, saying the line was late."])[-1] == NOBODY
    )


def test_he_skips_the_latest_speaker_whose_given_name_tells_a_woman() -> None:
    story = [
        "Joe Ng told reporters the line would open.",
        "Ann Lee said the line was late.",
        '"It will open in May," he said.',
    ]
    assert attribute(story)[-1] == A("Joe Ng", "Joe Ng")


def test_he_is_not_a_woman_named_earlier_in_the_sentence() -> None:
    story = [
        "Joe Ng told reporters the line would open.",
        "After Ann Lee left the depot, he said the line would close.",
    ]
    assert attribute(story)[-1] == A("Joe Ng", "Joe Ng")


def test_a_surname_alone_has_the_gender_of_the_full_name_given_later() -> None:
    story = [
        "Joe Ng told reporters the line would open.",
        "Lee said it would be late.",
        '"It will open in May," he said.',
        "Ann Lee runs the depot.",
    ]
    assert attribute(story)[2] == A("Joe Ng", "Joe Ng")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param("He’s said the line would open.", A("Joe Ng", "Joe Ng"), id="he-has"),
        pytest.param("He's argued for the line for years.", A("Joe Ng", "Joe Ng"), id="straight"),
        pytest.param(
            "Joe Ng, who’s argued for the line, arrived.", A("Joe Ng", "Joe Ng"), id="who-has"
        ),
        pytest.param("He’s said to be ill.", NOBODY, id="he-is-said-a-passive"),
    ],
)
def test_a_pronoun_with_has_shortened(paragraph: str, expected: Attribution) -> None:
    assert attribute(["Joe Ng arrived at the depot.", paragraph])[-1] == expected


def test_more_given_names_tell_a_gender() -> None:
    story = [
        "Geoff Ng told reporters the line would open.",
        "Carole Mott said it would be late.",
        '"It will open in May," he said.',
    ]
    assert attribute(story)[-1] == A("Geoff Ng", "Geoff Ng")


def test_not_one_named_with_s_in_the_pronouns_sentence() -> None:
    story = [
        "Joe Ng told reporters the line would open.",
        "After Kim Lee's speech at the depot, he said the line would close.",
    ]
    assert attribute(story)[-1] == A("Joe Ng", "Joe Ng")


def test_who_opens_the_sentence_comes_before_one_named_later_in_it() -> None:
    story = ["The depot was shut.", "Joe Ng waited at the depot with Kim Park for hours, he said."]
    assert attribute(story)[-1] == A("Joe Ng", "Joe Ng")
