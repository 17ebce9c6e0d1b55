"""Who speaks on a scraped Hansard page: the turns of oral questions, without names.

A page of oral questions scraped to text loses the members' names but keeps
their order: a numbered question ("6. What representations he has made ...
(906642)"), the minister's answer, then supplementary question and answer,
alternating. The turns say who speaks in kind (a member, the minister); the
answering office is the title the questions give the minister in the third
person ("The Foreign Secretary may not be its biggest fan").

Where the text goes against the alternation (a question turn with no
question in it, an answer turn that asks, an "Order" from the Chair) the
reading stops until the next numbered question: no speaker beats a wrong one.
"""

from __future__ import annotations

import re
from collections import Counter

from archive.speakers.quotes import NOBODY, Attribution

# "6. What representations ...", "T1. If he will make a statement ...".
_NUMBERED = re.compile(r"^(?P<number>T?\d{1,3})\.\s+\S")
_QUESTION_OPENING = re.compile(
    r"^(?:Does|Do|Did|Will|Would|Is|Are|Was|Can|Could|Should|Has|Have|What|Why|How|When"
    r"|Where|Who|Which|May I|Might)\b"
)
# How ministers open answers. "My right hon. Friend" is how a backbencher
# addresses a minister, so it is not here.
_ANSWER_OPENING = re.compile(
    r"^(?:The hon\. (?:and (?:learned|gallant) )?(?:Lady|Gentleman|Member)|My hon\. Friend"
    r"|I am grateful|I thank|I agree|I can assure|I pay tribute|I congratulate)\b"
)
# The answer's first words name the questioner in kind: "The hon. Lady will be interested".
_CLUE = re.compile(
    r"\b(?:[Tt]he|[Mm]y) (?:right )?hon\. (?:and (?:learned|gallant) )?"
    r"(?:Lady|Gentleman|Member|Friend)\b"
)
_CLUE_ZONE = 120
_ORDER = re.compile(r"^Order\b")
_NAME = r"[A-Z][\w'’-]*"
# Ministerial titles, as the House uses them of a minister in the third person.
_TITLE = (
    r"(?:Deputy )?Prime Minister|Chancellor of the Exchequer|Chancellor of the Duchy of Lancaster"
    r"|Chief Secretary to the Treasury|Leader of the House|Attorney General|Solicitor General"
    r"|Lord Chancellor|Chancellor"
    rf"|(?:{_NAME} (?:and )?){{1,3}}Secretary"  # Foreign Secretary, Work and Pensions Secretary
    rf"|(?:Secretary of State|Minister(?: of State)?) for {_NAME}(?:(?: and| of the| of)? {_NAME})*"
    r"|Secretary of State"
)
_OFFICE = re.compile(rf"\b[Tt]he (?P<office>{_TITLE})\b")
# Capitalised words that may stand before "Secretary" without making an office.
_NOT_OFFICE = frozenset("Chief Permanent Private Parliamentary General Cabinet Shadow".split())


def attribute_turns(paragraphs: list[str]) -> list[Attribution]:
    """Who speaks in each paragraph of a scraped oral-questions page.

    >>> [a.printed for a in attribute_turns([
    ...     "3. What steps he is taking? (900001)",
    ...     "The hon. Lady is right. The Home Secretary said so.",
    ... ])]
    ['an hon. Member (question 3, the hon. Lady)', None]
    """
    turns = _turns(paragraphs)
    office = _answering_office([paragraphs[i] for i, asks in turns.items() if asks])
    speakers = [NOBODY] * len(paragraphs)
    for i, asks in turns.items():
        if asks:
            speakers[i] = Attribution(None, _questioner(paragraphs, i, turns), None)
        elif office:
            speakers[i] = Attribution(None, f"the {office}", office)
    return speakers


def _turns(paragraphs: list[str]) -> dict[int, bool]:
    """Paragraph index -> True for a question turn, False for an answer turn."""
    turns: dict[int, bool] = {}
    asks: bool | None = None  # what the next turn should be; None: not reading
    for i, text in enumerate(paragraphs):
        if _NUMBERED.match(text):
            turns[i] = True
            asks = False
            continue
        if asks is None:
            continue
        if _ORDER.match(text) or not _fits(text, asks):
            asks = None
            continue
        turns[i] = asks
        asks = not asks
    return turns


def _fits(text: str, asks: bool) -> bool:
    """True unless `text` goes against being a question (`asks`) or an answer."""
    question_like = "?" in text or bool(_QUESTION_OPENING.match(text))
    if asks:
        return question_like
    ends_asking = text.rstrip(" \"”’')").endswith("?") or bool(_QUESTION_OPENING.match(text))
    return not ends_asking or bool(_ANSWER_OPENING.match(text))


def _questioner(paragraphs: list[str], i: int, turns: dict[int, bool]) -> str:
    clues = []
    numbered = _NUMBERED.match(paragraphs[i])
    if numbered:
        clues.append(f"question {numbered['number']}")
    if turns.get(i + 1) is False:
        clue = _CLUE.search(paragraphs[i + 1][:_CLUE_ZONE])
        if clue:
            clues.append(clue.group()[0].lower() + clue.group()[1:])
    return "an hon. Member" + (f" ({', '.join(clues)})" if clues else "")


def _answering_office(questions: list[str]) -> str | None:
    """The title the questions use most for the minister; None if none or a tie."""
    counts = Counter(
        office
        for text in questions
        for match in _OFFICE.finditer(text)
        if (office := _clean(match["office"]))
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _clean(office: str) -> str | None:
    words = office.split()
    if words[-1] == "Secretary" and len(words) > 1 and words[0] in _NOT_OFFICE:
        return None
    return office
