"""What a printed name may carry: no glued office or party word in front, no body's
name read as a person's, no question word opening a name. Made-up sentences."""

from __future__ import annotations

import pytest

from archive.speakers.quotes import attribute


def speakers(*paragraphs: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker, as printed, kind) of every quote of the last paragraph."""
    return [(q.speaker, q.printed, q.kind) for q in attribute(list(paragraphs))[-1].quotes]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        pytest.param(
            ['"The files are closed," General Counsel Ada Brill wrote on Tuesday.'],
            ["Ada Brill"],
            id="counsel-is-an-office-not-a-given-name",
        ),
        pytest.param(
            ["Ohio Democrat Amos Quill said the bill was dead."],
            ["Amos Quill"],
            id="party-word-before-a-name",
        ),
        pytest.param(
            ["Amos Quill spoke on Monday.", "Does Quill mean it? Quill said he did."],
            ["Amos Quill"],
            id="question-word-opens-no-name",
        ),
        pytest.param(
            ["Amos Quill spoke on Monday.", "5) Can Quill win? Quill said he could."],
            ["Amos Quill"],
            id="modal-after-a-list-number-opens-no-name",
        ),
    ],
)
def test_names_carry_no_office_or_opener(paragraphs, expected):
    assert [speaker for speaker, _, _ in speakers(*paragraphs)] == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("The U.S. Geological Survey said it saw a quake.", id="survey"),
        pytest.param("The Citizen Action Network says it will spend more.", id="network"),
        pytest.param("The rules were set, according to the Judicial Conference.", id="conference"),
        pytest.param("Team Quill said the vote would wait.", id="team-a-candidate"),
        pytest.param("Dobbs Capital Markets said prices would fall.", id="capital-markets"),
        pytest.param("Harbor Bancorp said it would close ten branches.", id="bancorp"),
    ],
)
def test_bodies_are_no_persons(paragraph):
    assert all(speaker is None for speaker, _, _ in speakers(paragraph))


def test_half_of_a_slashed_pair_is_no_person():
    # "the Lee/Hale calls": two people's names made one word before a noun.
    quotes = speakers(
        "Jo Hale and Ann Lee met in May.", "Ohio resisted the Lee/Hale calls for change."
    )
    assert all(speaker is None for speaker, _, _ in quotes)
