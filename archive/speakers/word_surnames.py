"""Capitalised words that are mostly something else but may end a person's name.

"May" is mostly a month and "Israel" a country, so a run of capitals that
holds them is cut before them ("Last May", "U.S. Israel"); but after a given
name or a form of address they are a surname: "Theresa May", "Mrs May",
"Rep. Steve Israel", "Bryan English", "David French", "Mr. English". So too
offices that are surnames: "Rep. Peter King", "Matthew Prince", "Rob Bishop".
"""

from __future__ import annotations

from archive.speakers.given_names import GIVEN_NAMES

# Months that are also names: after any word that may be part of a name.
MONTHS = frozenset("April May June August".split())
# Places, peoples, tongues and offices that are also surnames: only after a given
# name the project knows or a form of address ("Jack London", not "Ontario
# London"; "Peter King", not "Prince" alone).
_PLACES = frozenset(
    "English French Welsh Israel Washington London Guardian King Prince Bishop Judge".split()
)
_ADDRESS = frozenset(
    "Mr Mrs Ms Miss Dr Rep Sen Gov Representative Senator Congressman Congresswoman".split()
)
SURNAME_WORDS = MONTHS | _PLACES


def surname_here(word: str, before: str, not_name: frozenset[str]) -> bool:
    """True if `word`, written after `before` in a run of capitals, ends a name there:
    "Theresa May" and "Steve Israel", not "Last May" nor "Jerusalem, Israel"."""
    if word in MONTHS:
        return before not in not_name
    # An initial stands for a given name: "Rep. Peter T. King".
    initial = len(before.rstrip(".")) == 1 and before[:1].isupper()
    return word in _PLACES and (before in GIVEN_NAMES or before in _ADDRESS or initial)
