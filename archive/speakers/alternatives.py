"""Names that stand before a speech verb without being its speaker.

After "or" a name is one of several that might have spoken, none said to:
"leaders who would rather campaign for Hale or Moss said ..." (the leaders
speak), "Hale or Moss will say" (neither is known to have spoken). After
"and" a name may end a list that a preposition opens: in "a study by Lee and
Hale concluded" the study speaks.
"""

from __future__ import annotations

from archive.speakers.names import PREPOSITIONS

# Words of the names in a list: "by Ann Lee of the University of Leeds and Jo Hale".
_IN_NAMES = frozenset(("and", "of", "the", "de"))
# These give examples of the subject: "candidates like Lee and Hale are vowing".
_EXAMPLES = frozenset(("like", "including"))
# How far back the list's preposition may stand.
_LONGEST_LIST = 12


def one_of_several(words: list[str], start: int) -> bool:
    """True if the name at word `start` follows "or": "for Hale or Moss said"."""
    return start > 0 and words[start - 1].lower() == "or"


def ends_a_listed_object(words: list[str], start: int) -> bool:
    """True if the name at word `start` follows "and" in a list of names that a
    preposition opens: "A study by Ann Lee and Jo Hale concluded"."""
    if start < 2 or words[start - 1] != "and":
        return False
    for i in range(start - 2, max(start - 2 - _LONGEST_LIST, -1), -1):
        word = words[i]
        if word[:1].isupper() or word in _IN_NAMES:
            continue
        return word.lower() in PREPOSITIONS and word.lower() not in _EXAMPLES
    return False
