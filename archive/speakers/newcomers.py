"""Who news attribution may add to the registry: people, by their names.

Attribution reads a speaker's name from prose, and prose glues titles and
descriptions to names ("Economy Undersecretary Yannos Papantoniou", "Ohio
Democrat Howard Metzenbaum", "Belgian Willy de Clercq") and takes bodies for
people ("Shi'ite Moslem Amal", "Texas Commerce Bank-Houston", "[a Downing
Street report]"). The registry keeps people: `person_name` gives the name
of the person a printed speaker is, without what is glued to it, or None
when it names no person.
"""

from __future__ import annotations

import re

from archive.speakers.name_keys import PARTICLES

# A word that says what someone is, not who: the name starts after the last one.
_DESCRIPTOR = re.compile(
    r"^(?:[\w'’.]+-)?(?:under-?secretar(?:y|ies)|secretar(?:y|ies)|minist(?:er|ers|ry)"
    r"|(?:vice-)?chairm[ae]n|chairwoman|chair|president|presidents|premier|governor|director"
    r"|adviser|advisor|adivser|spokes(?:man|woman|person)|chief|officer|official|analyst"
    r"|economist|treasurer|administrator|commissioner|ambassador|envoy|senator|congressman"
    r"|congresswoman|representative|democrat|republican|delegate|leader|mayor|judge"
    r"|prosecutor|investor|trader|dealer|banker|broker|commodore|general|admiral|colonel"
    r"|captain|staff|planning|mines|industry|commerce|agriculture|finance|economy|trade"
    r"|energy|defence|defense|foreign|fisheries|oil|moslem|muslim|shi'ite|shiite|sunni"
    r"|druze|communist|socialist|liberal|conservative|labour|labor"
    r"|designate|elect|belgian|french|german|british|american|australian|canadian|japanese"
    r"|chinese|soviet|israeli|iranian|iraqi|arab|saudi|kuwaiti|dutch|italian|spanish"
    r"|brazilian|mexican|indian|swiss|swedish|norwegian|danish|greek|turkish|egyptian"
    r"|lebanese|syrian|nigerian|kenyan)(?:-\w+)?$",
    re.I,
)
# A word that makes it a body: a company, a bank, a fund, a group of people.
_BODY = re.compile(
    r"^(?:co|corp|corporation|corporations|inc|incorp|incorporated|ltd|plc|spa|ag|nv|sa"
    r"|company|bank|banken|bankasi|bancorp|banque|fund|funds|markets|partners|associates"
    r"|group|securities|insurance|railroad|railway|airlines?|transmission|survey|systems"
    r"|administration|officials|bankers|ministries|government|party|council"
    r"|committee|agency|association|union|federation|institute|exchange|report|telex"
    r"|newspaper|radio|television|agency)$|-based$|-owned$|-controlled$|-made$",
    re.I,
)


def person_name(printed: str) -> str | None:
    """The person's name in a printed speaker, or None if it names a body or nobody.

    person_name("Economy Undersecretary Yannos Papantoniou") == "Yannos Papantoniou"
    person_name("Shi'ite Moslem Amal") is None
    """
    text = " ".join(printed.split())
    if not text or re.search(r"[\[\](){}\d@/]", text):
        return None
    words = text.split()
    if any(_BODY.search(w.rstrip(".,")) for w in words):
        return None
    # The last word is a surname even if it is a word too ("Igor Judge", "Dawn French").
    cut = max(
        (i + 1 for i, w in enumerate(words[:-1]) if _DESCRIPTOR.match(w.rstrip(".,"))), default=0
    )
    if cut and len(words) - cut < 2:
        return None  # all description: "Shi'ite Moslem Amal", "Chief Economist Smith"
    name = words[cut:]
    if any(w[0].islower() and re.split(r"[-'’]", w)[0] not in PARTICLES for w in name):
        return None  # prose, not a name: "North American-made", "a Downing Street report"
    return " ".join(name)
