"""Where the words of a clause stand in a news paragraph, for reading a cue's subject:
what may come between a subject and its verb ("has also", "often", "last week"),
commas, brackets and the runs of capitalised words that end at a place.

`subjects` reads with these; they know nothing of the story being read.
"""

from __future__ import annotations

from archive.speakers.names import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    EMPTY_SUBJECTS,
    PASSIVE,
    PRONOUNS,
    TIME_WORDS,
)

SKIP = "skip"  # this verb tells nothing; try the next one
# What comes before a sentence's first word.
SENTENCE_OPENERS = frozenset('.!?:"“”')
QUOTE_MARKS = frozenset(('"', "“", "”", "''", "'", "’"))
# "his claims", "their warnings": after these a verb form is a noun.
POSSESSIVE_PRONOUNS = frozenset("his her their its my our your".split())
BETWEEN = AUXILIARIES | PASSIVE
_ADVERBS = frozenset("often first long soon last now since ever however again".split())
# "said by telephone" is no passive.
MEANS = frozenset("telephone phone email e-mail text video videolink satellite letter".split())
# A time between a subject and its verb: "last week", "on Sunday".
PERIODS = frozenset("week month year night weekend morning afternoon evening".split())
TIME_OPENERS = frozenset("on last this earlier late early".split())
# What someone speaks in: "Hale in a statement said".
_MEDIA = frozenset("statement post interview letter tweet email op-ed essay column video".split())


# How far back a clause's opening name may lie from the comma before its verb, in
# words and marks, and how long a bracket after a name may be: "(D-R.I.)".
LONGEST_APPOSITION = 60
LONGEST_BRACKET = 8
# How many words may describe a person named after the verb.
LONGEST_DESCRIPTION = 6


def clause_word(word: str) -> bool:
    """True for a word that makes what it is in a clause, not a description."""
    low = word.lower()
    return (
        low in BETWEEN
        or low in CLAUSE_WORDS
        or low in DETERMINERS
        or low in PRONOUNS
        or low in EMPTY_SUBJECTS
        or low in POSSESSIVE_PRONOUNS
    )


# Words in -ly that are no adverbs.
_NOT_ADVERBS = frozenset("family ally rally assembly supply daily weekly monthly italy".split())


def adverb(word: str) -> bool:
    """True for an adverb that may stand between a subject and its verb: "Mrs Clinton
    often says", "Mr Trump famously said"."""
    if word in _ADVERBS:
        return True
    return len(word) > 4 and word.endswith("ly") and word.islower() and word not in _NOT_ADVERBS


def before_time(words: list[str], k: int) -> int:
    """Where the words before a verb end once a time, or where it was said, between
    subject and verb is set aside: "Mr Christie, who chairs it, on Sunday defended",
    "Beck last week said", "Beck in a statement said"."""
    if k >= 1 and words[k] in PERIODS and words[k - 1].lower() in TIME_OPENERS:
        return k - 2  # "last week", "this month"
    if k >= 1 and words[k] in TIME_WORDS and words[k - 1].lower() in TIME_OPENERS:
        return k - 2  # "on Sunday", "earlier Tuesday"
    if k >= 2 and words[k - 2 : k + 1] == ["at", "the", "time"]:
        return k - 3
    if words[k] in _MEDIA and k >= 2:
        # "Jeb Bush in a Medium post said", "Hale in a statement on Monday said"
        for i in range(k - 1, max(k - 5, 0), -1):
            if words[i] in ("in", "on") and words[i + 1] in ("a", "an", "the", "his", "her"):
                return i - 1
    return k


def is_comma(word: str) -> bool:
    """A comma, or a number with its comma: "Jessie Elkins, 70, said"."""
    return word == "," or (word[:1].isdigit() and word.endswith(","))


def abbreviation_dot(words: list[str], i: int) -> bool:
    """True for the full stop of an abbreviation inside a clause: "(D-Md.)", "R-S.C.,",
    "Cambridge, Mass., said", "the No. 2 Republican"."""
    if words[i] != "." or i + 1 >= len(words):
        return False
    after = words[i + 1]
    if after in (",", ")"):
        return True
    if after[:1].isdigit() and i and words[i - 1] in ("No", "no"):
        return True  # "the No. 2 Republican"
    # An initial is a capital with its own full stop ("R.I."); "A" or "I" before a
    # word opens a sentence ("... shooting. A White House official").
    return len(after) == 1 and after.isupper() and (i + 2 >= len(words) or words[i + 2] == ".")


def bracket_open(words: list[str], close: int) -> int | None:
    """Where the bracket that closes at `close` opens."""
    for i in range(close - 1, max(close - LONGEST_BRACKET - 2, -1), -1):
        if words[i] == "(":
            return i
        if words[i] == ")":
            return None
    return None


def run_ending_at(runs: list[tuple[int, int]], end: int) -> tuple[int, int] | None:
    return next((run for run in runs if run[1] == end), None)
