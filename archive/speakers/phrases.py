"""Descriptions in news prose: where one that names a speaker starts and ends, what it is
about, and whether it is an office.

"the UK foreign secretary" is an office; "a spokeswoman for UN envoy for
Syria Staffan de Mistura" is about a spokeswoman; "a Downing Street report
of the diplomatic exchange" ends before "of the".
"""

from __future__ import annotations

from archive.speakers.names import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    LOWER_TITLES,
    OCCUPATIONS,
    PASSIVE,
    PERSON_NOUNS,
    PREPOSITIONS,
    PROXIES,
    ROLE_MODIFIERS,
    SOURCE_NOUNS,
    bare,
    capitalised,
    is_word,
    parse_role,
    possessive,
)

LONGEST_PHRASE = 12
# Lower-case words of jobs and standing that describe the person named after them,
# besides offices and occupations: "pollster Frank Luntz", "retired neurosurgeon Ben
# Carson", "longtime Clinton aide Huma Abedin".
DESCRIBING = frozenset(
    "candidate candidates nominee hopeful contender challenger incumbent front-runner rival"
    " rivals opponent opponents strategist pollster moderator host co-host delegate"
    " superdelegate aide aides scientist attorney editor lawyer professor historian"
    " researcher consultant operative donor fundraiser organizer organiser lawmaker"
    " legislator colleague neurosurgeon surgeon businessman businesswoman billionaire"
    " developer evangelist pastor veteran longtime retired senior top leading prominent"
    " influential conservative liberal progressive evangelical republican democratic"
    " husband wife father mother son daughter brother sister year-old".split()
)
# Words that open a description: "the official", "his spokesman".
OPENERS = DETERMINERS | frozenset("his her their its".split())
# Words of a clause, never of a description.
_VERB_LIKE = AUXILIARIES | PASSIVE
# After these a description stops: "the official in a statement".
_ENDS = PREPOSITIONS - frozenset("of for from".split())


def phrase_start(words: list[str], last: int) -> int | None:
    """Where the description that ends at word `last` starts, or None if it is unclear.

    It reaches back to a new clause or punctuation, then to its first
    determiner that no other follows outside "of", "for" ...: in "Speaking in
    the Commons the minister" the description is "the minister".
    """
    first = last
    while first > 0 and is_word(words[first - 1]):
        word = words[first - 1]
        # "the US Securities and Exchange Commission": "and" inside a name.
        inside_name = word == "and" and first > 1 and capitalised(words[first - 2])
        if word.lower() in CLAUSE_WORDS and not (inside_name and capitalised(words[first])):
            break
        if word in _VERB_LIKE:
            break  # "Digital music players will be behind this growth said Jupiter": a clause
        first -= 1
    openers = [i for i in range(first, last + 1) if words[i].lower() in OPENERS]
    start = next(
        (d for d in openers if all(words[e - 1].lower() in PREPOSITIONS for e in openers if e > d)),
        None,
    )
    if start is not None:
        return start
    opening = words[first]
    participle = opening.endswith("ing") and first < last and words[first + 1].islower()
    if opening.lower() in PREPOSITIONS or participle:
        return None  # "On Friday officials said", "Speaking in ...": no clear subject
    return first


def phrase_end(words: list[str], start: int) -> int:
    """Where a description that starts at `start` ends: "a monitoring group", "a Downing
    Street report" (of the exchange)."""
    end = start
    while end < len(words) and end - start < LONGEST_PHRASE and is_word(words[end]):
        word = words[end].lower()
        if end > start and (word in CLAUSE_WORDS or word in _ENDS):
            break
        if word == "of" and end + 1 < len(words) and not capitalised(words[end + 1]):
            break
        end += 1
    return end


def role_of_phrase(phrase: list[str]) -> str | None:
    """The office a subject phrase names: "the UK foreign secretary" -> "UK Foreign Secretary".

    Only a definite phrase is an office ("a minister" is anyone); "the
    country's" and "Britain's" say whose it is and are left out.
    """
    words = list(phrase)
    if words and words[0].lower() in ("a", "an"):
        return None
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and possessive(words[0]):
        words = words[1:]
    return parse_role(words)


def phrase_head(phrase: list[str]) -> str:
    """The word a phrase is about: "spokeswoman" in "a spokeswoman for UN envoy ..."."""
    for i in range(1, len(phrase)):
        if phrase[i].lower() in PREPOSITIONS:
            return bare(phrase[i - 1])
    return bare(phrase[-1])


def speaks_for(words: list[str], start: int) -> bool:
    """True if the clause before a name reads "a spokesman for ...", "an aide to ..."."""
    proxy = False
    for word in words[_clause_start(words, start) : start]:
        if word in PROXIES:
            proxy = True
        elif proxy and word in PREPOSITIONS:
            return True
    return False


def _clause_start(words: list[str], end: int) -> int:
    start = end
    while start > 0 and is_word(words[start - 1]):
        start -= 1
    return start


# Lower-case words that describe the person named after them.
DESCRIPTIONS = LOWER_TITLES | ROLE_MODIFIERS | OCCUPATIONS | DESCRIBING | frozenset(PERSON_NOUNS)


def describes(words: list[str]) -> bool:
    """True if `words` only describe the name after them: "the BBC's", "executive producer"."""
    return all(
        capitalised(word) or word.lower() in DESCRIPTIONS or word.lower() in OPENERS
        for word in words
    )


def names_a_source(phrase: list[str]) -> bool:
    """True if a phrase after "according to" names a source: "the BBC", "a Downing
    Street report", "Reuters", "a monitoring group"; not "British rules" or "his plan"."""
    if phrase[0].lower() in ("his", "her", "their", "its"):
        return False
    head = phrase_head(phrase).lower()
    if phrase[0].lower() in DETERMINERS:
        named = any(capitalised(word) for word in phrase[1:])
    else:
        named = all(capitalised(word) for word in phrase)
    return named or head in SOURCE_NOUNS or head.rstrip("s") in SOURCE_NOUNS
