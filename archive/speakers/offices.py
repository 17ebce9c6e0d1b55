"""Offices: the registry's names for them, and the titles people use in print.

The registry stores an office under one canonical name, close to how
ParlParse's minister lists spell it ("Secretary of State for Defence").
Journalists and MPs write "the Defence Secretary"; `matcher` turns such a
printed title into a test over canonical names, so "Foreign Secretary"
finds "Secretary of State for Foreign and Commonwealth Affairs" and its
2020 successor. `same_office` tells whether two titles printed in one story
("the US President", "President") can be one office.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Old ParlParse lists give "Secretary of State" and the department apart.
_DEPARTMENT_OF_ORG = {
    "foreign & commonwealth office": "Foreign and Commonwealth Affairs",
    "foreign and commonwealth office": "Foreign and Commonwealth Affairs",
    "home office": "the Home Department",
    "ministry of defence": "Defence",
    "department of health": "Health",
    "northern ireland office": "Northern Ireland",
    "scotland office": "Scotland",
    "scottish office": "Scotland",
    "welsh office": "Wales",
    "wales office": "Wales",
}
_DEPARTMENT_PREFIX = re.compile(r"^(department (for|of)( the)?|ministry of|office of the) ", re.I)


def canonical_office(role: str, organisation: str | None = None) -> str:
    """One name for an office, from a minister list's role and organisation.

    canonical_office("The Secretary of State for Defence") == "Secretary of State for Defence"
    canonical_office("Secretary of State", "Ministry of Defence") == the same
    """
    role = " ".join(role.split())
    role = re.sub(r"^the ", "", role, flags=re.I)
    if organisation is None:
        return role
    org = " ".join(organisation.split())
    if role == "Secretary of State":
        department = _DEPARTMENT_OF_ORG.get(org.lower())
        if department is None:
            department = _DEPARTMENT_PREFIX.sub("", org).replace(" & ", " and ")
        return f"Secretary of State for {department}"
    if role in ("Prime Minister", "Chancellor of the Exchequer", "Deputy Prime Minister"):
        return role
    if role == "Chief Secretary" and org == "HM Treasury":
        return "Chief Secretary to the Treasury"
    return f"{role} ({org})"


# Printed titles whose office name is not "Secretary of State for <the title's words>".
_SPECIAL_TITLES = {
    "prime minister": r"Prime Minister",
    "pm": r"Prime Minister",
    "deputy prime minister": r"(.* and )?Deputy Prime Minister( and .*)?",
    "chancellor": r"Chancellor of the Exchequer.*",
    "chancellor of the exchequer": r"Chancellor of the Exchequer.*",
    "foreign secretary": r"Secretary of State for Foreign(,| and) Commonwealth.*|Foreign Secretary",
    "home secretary": r"Secretary of State for the Home Department|Home Secretary",
    "justice secretary": r"(Lord Chancellor and )?Secretary of State for Justice",
    "lord chancellor": r"Lord Chancellor.*|Secretary of State for Constitutional Affairs and Lord "
    r"Chancellor",
    "scottish secretary": r"Secretary of State for Scot(land|tish Office)",
    "welsh secretary": r"Secretary of State for Wales",
    "brexit secretary": r"Secretary of State for Exiting the European Union",
    "trade secretary": r"Secretary of State for (International )?Trade.*",
    "culture secretary": r"Secretary of State for (Digital, )?Culture.*",
    "chief secretary": r"Chief Secretary to the Treasury",
    "leader of the house": r"Leader of the House of Commons.*",
    "attorney general": r"Attorney[- ]General",
    "solicitor general": r"Solicitor[- ]General",
}
_FILLER = re.compile(r"^(the|uk|british|britain's|then)\s+", re.I)


def normalise_title(title: str) -> str:
    """'the UK Foreign Secretary' -> 'foreign secretary'."""
    text = " ".join(title.replace("\u2019", "'").split()).lower()
    while (stripped := _FILLER.sub("", text)) != text:
        text = stripped
    return text


def matcher(title: str) -> Callable[[str], bool] | None:
    """A test over canonical office names for a printed title; None if it names no office."""
    text = normalise_title(title)
    shadow = text.startswith("shadow ")
    core = text.removeprefix("shadow ")
    if core in _SPECIAL_TITLES:
        pattern = _SPECIAL_TITLES[core]
    elif core.endswith(" secretary") and len(core) > len(" secretary"):
        subject = re.escape(core.removesuffix(" secretary"))
        pattern = rf"Secretary of State for (the )?{subject}\b.*"
    elif core:
        pattern = re.escape(core)
    else:
        return None
    if shadow:
        pattern = rf"Shadow ({pattern}|{re.escape(core)})"
    fullmatch = re.compile(rf"(?:{pattern})", re.I).fullmatch
    return lambda name: fullmatch(_spaced(name)) is not None


@lru_cache(maxsize=8192)
def _spaced(name: str) -> str:
    """`name` with single spaces: a title is tested against every office name the
    registry holds, and the same names come back for every title."""
    return " ".join(name.split())


# Qualifiers that say whose office it is, not which office: "US President"
# is a "President"; "Shadow" and "Deputy" do change the office.
NATIONAL = frozenset(
    "uk us un eu british american russian syrian french german turkish iranian iraqi israeli"
    " chinese saudi kurdish arab afghan libyan egyptian lebanese jordanian palestinian"
    " ukrainian english irish scottish welsh".split()
)


def role_core(role: str) -> tuple[str, str]:
    """(whose, office) in lower case: 'US President' -> ('us', 'president')."""
    words = role.lower().split()
    whose = []
    while len(words) > 1 and words[0] in NATIONAL:
        whose.append(words.pop(0))
    return " ".join(whose), " ".join(words)


def same_office(asked: str, given: str, exact: bool) -> bool:
    """True if the role `asked` ("the US President") can be the `given` title ("President").

    Exact: the whole role matches. Otherwise the offices match and one side
    does not say whose it is: "US President" is a "President", never a
    "Russian President".
    """
    if exact:
        return asked.lower() == given.lower()
    (whose_a, office_a), (whose_g, office_g) = role_core(asked), role_core(given)
    return office_a == office_g and (not whose_a or not whose_g or whose_a == whose_g)
