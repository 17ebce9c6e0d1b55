"""Who speaks on a scraped Hansard page: the turns of question and answer, without names."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.ingest import read_documents
from archive.speakers.attribution import attribute_document
from archive.speakers.turns import attribute_turns

SEEDS = Path(__file__).parents[2] / "seeds"
HANSARD = "004_3cda5aca45e3add8"


MEMBER = "an hon. Member"
MINISTER = ("the Foreign Secretary", "Foreign Secretary")


@pytest.mark.parametrize(
    ("index", "start", "printed", "role"),
    [
        (0, "6. What representations", f"{MEMBER} (question 6)", None),
        (1, "I met Russian Foreign Minister Lavrov", *MINISTER),
        (2, "The Foreign Secretary may not be", f"{MEMBER} (the hon. Lady)", None),
        (3, "The hon. Lady will be interested", *MINISTER),
        (4, "Does my right hon. Friend remember", f"{MEMBER} (my hon. Friend)", None),
        (5, "My hon. Friend is quite right", *MINISTER),
        (6, "In response to this and other atrocities", f"{MEMBER} (the hon. Gentleman)", None),
        (7, "I am grateful to the hon. Gentleman", *MINISTER),
    ],
)
def test_hansard_turns_alternate_from_the_numbered_question(index, start, printed, role):
    (document,) = map(attribute_document, read_documents(SEEDS / f"{HANSARD}.txt"))
    passage = document.passages[index]
    assert passage.text.startswith(start)
    assert (passage.speaker, passage.speaker_as_printed, passage.speaker_role) == (
        None,
        printed,
        role,
    )


QUESTION = "3. What steps he is taking on energy prices. (900001)"
ANSWER = "The hon. Gentleman is right, and we are acting."
ASKED = f"{MEMBER} (question 3, the hon. Gentleman)"
HOME = "the Home Secretary"


@pytest.mark.parametrize(
    ("paragraphs", "printed"),
    [
        pytest.param(
            [QUESTION, ANSWER, "Will the Home Secretary act now?", "My hon. Friend is right."],
            [ASKED, HOME, f"{MEMBER} (my hon. Friend)", HOME],
            id="clue-from-the-answer-and-office-from-the-question",
        ),
        pytest.param(
            [QUESTION, ANSWER, "Will the Home Secretary act?", "Does the Home Secretary agree?"],
            [ASKED, HOME, MEMBER, None],
            id="two-questions-in-a-row-stop-the-reading",
        ),
        pytest.param(
            [QUESTION, ANSWER, "We are also acting on coal.", "Will the Home Secretary act?"],
            [ASKED, None, None, None],
            id="an-answer-in-two-paragraphs-stops-the-reading",
        ),
        pytest.param(
            [QUESTION, ANSWER, "Order. I call the Home Secretary.", "Will he act?"],
            [ASKED, None, None, None],
            id="order-from-the-chair-stops-the-reading",
        ),
        pytest.param(
            [QUESTION, ANSWER, "Will the Home Secretary and the Chancellor act?", "Yes."],
            [ASKED, None, MEMBER, None],
            id="no-answering-office-when-two-are-named-as-often",
        ),
        pytest.param(
            ["I beg to move that the Bill be read a Second time.", "Will the Minister give way?"],
            [None, None],
            id="no-numbered-question-no-turns",
        ),
        pytest.param(
            [QUESTION, "Yes. The Chancellor said so?", "4. If he will act. (900002)"],
            [f"{MEMBER} (question 3)", None, f"{MEMBER} (question 4)"],
            id="a-new-numbered-question-starts-again",
        ),
    ],
)
def test_hansard_turns(paragraphs, printed):
    assert [turn.printed for turn in attribute_turns(paragraphs)] == printed
