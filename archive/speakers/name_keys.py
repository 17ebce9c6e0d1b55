"""A person's name as the registry keys it: folded, titles dropped, full name and surname.

Used to store a person's aliases (archive.speakers.members) and to find
people by them (archive.speakers.registry), so both reduce names alike.
"""

from __future__ import annotations

import re

from archive.query.words import fold

TITLES = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady baroness baron rt hon right honourable the".split()
)
_SEAT = re.compile(r"uk\.org\.publicwhip/(?:member|lord)/\d+")


def normalise(name: str) -> str:
    """A name reduced for matching: 'Mr  Hammond' -> 'hammond', 'al-Moualem' -> 'al moualem'."""
    tokens = re.findall(r"[^\W_]+", fold(name))
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def surname(norm: str) -> str:
    """A normalised name's surname: 'philip hammond' -> 'hammond', 'reid of cardowan' -> 'reid'."""
    tokens = norm.split()
    if "of" in tokens[1:]:
        tokens = tokens[: tokens.index("of", 1)]
    return tokens[-1] if tokens else ""


def name_aliases(name: str) -> set[tuple[str, str]]:
    """(kind, alias) pairs a person with this name is found by: the full name and the surname."""
    norm = normalise(name)
    if not norm:
        return set()
    found = {("full", norm), ("surname", surname(norm))}
    tokens = norm.split()
    if len(tokens) > 2 and "of" not in tokens:
        found.add(("full", f"{tokens[0]} {tokens[-1]}"))  # without middle names
    return found


def is_member_id(ref: str) -> bool:
    """True for an old-style seat id that people.xml maps to a person:
    "uk.org.publicwhip/member/1", "uk.org.publicwhip/lord/100001"."""
    return bool(_SEAT.fullmatch(ref))


# Words that make a printed speaker an office or a crowd, not a person's name.
_NOT_PERSONAL = re.compile(
    r"^(the|an?|several|some|hon\.?|honourable|noble|madam|mr\.? speaker)\b"
    r"|\b(speaker|chairman|chair|members?|lords|minister|secretary|spokes\w*)\b",
    re.I,
)


def is_personal_name(printed: str, role: str | None = None) -> bool:
    """True if a printed speaker names a person ("John Gummer", "Lord Deben"), not an
    office or a crowd ("Mr. Deputy Speaker", "The Minister", "Several hon. Members")."""
    words = printed.split()
    if len(words) < 2 or (role and " ".join(words) == " ".join(role.split())):
        return False
    return not _NOT_PERSONAL.search(printed)


# Lower-case words a name may hold ("Willy de Clercq", "Naif bin Abdul-Aziz").
PARTICLES = frozenset(
    "de da das do dos du del della di la le van von der den ten bin ibn al el y".split()
)
