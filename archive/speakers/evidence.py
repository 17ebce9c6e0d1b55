"""Evidence that a document is about UK politics, so the UK registry may read it loosely.

The registry is of UK members and ministers. A name printed in full is
that name wherever it is printed; reading more into a story needs the
story to be about those people: forgiving a typo ("Marty Jones" for the
MP Martyn Jones), a short form of a registry name ("Jon Jones" for Jon
Owen Jones), a bare surname, or an office as its UK holder ("the prime
minister said" in a Canadian story is not the UK's). Hansard is always
about them; news is when it names UK politics (Westminster, the Commons,
MPs, Downing Street, a UK party, Britain), and an office is the UK's only
where the story does not give it to another country ("Canadian Prime
Minister", "Prime Minister of Grenada", "Prime Minister Lynden Pindling").
"""

from __future__ import annotations

import re
from functools import cached_property

from archive.model import Document
from archive.speakers.offices import normalise_title

# UK politics: enough to forgive a typo of a member's name or read a short form of it.
# Case-sensitive, with the few case variants spelt out: a case-blind pattern is
# several times slower, and every news story is searched. Each pattern opens with the
# first letters of its words: a cheap test that nearly every place in a story fails
# (searching takes half the time).
_POLITICS = re.compile(
    r"(?=[BCDHLMPSTUWbct])\b(?:Westminster|Whitehall|Downing Street|House of Commons|[Tt]he Commons"
    r"|House of Lords|Lib ?Dems?|Liberal Democrats?|Social Democratic Party|Plaid Cymru"
    r"|Ulster Unionists?|(?<!Progressive )Conservative [Pp]arty|constituency|by-election"
    r"|MPs?|M\.P\.s?|Tory|Tories|Labour(?! Department| Ministry| Day)|SDP|SNP|DUP"
    r"|(?:British|UK|U\.K\.) (?:[Gg]overnment|[Pp]olitics|[Pp]arliament|[Mm]inister"
    r"|[Cc]abinet)s?)(?:\b|(?<=\.))"
)
# Britain: enough to read a bare surname or a bare office as the UK's.
_UK = re.compile(
    r"(?=[BENSUW])\b(?:Britain(?:'s)?|British|United Kingdom|UK|U\.K\.|Scotland|(?<!New )England"
    r"|(?<!New South )Wales|Northern Ireland)(?:\b|(?<=\.))"  # "U.K." ends on its stop
)
# Words before a title that say it is Britain's, or say nothing of whose it is.
_NOT_A_COUNTRY = frozenset(
    "the a an his her its their our your this that former acting then deputy shadow new late"
    " british britain's uk u.k. tory conservative labour and but as when mr mrs ms said says"
    " while after before of by to with for".split()
)
_OTHER_OFFICE = frozenset("deputy shadow former ex late then acting vice".split())
_WORD_BEFORE = re.compile(r"([\w'’.-]+)\s+\Z")
# After a title: whose it is ("of Grenada"), or who holds it ("Lynden Pindling").
_AFTER = re.compile(
    r"(?:\s+of\s+([A-Z][\w'’-]+)|,?\s+([A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|da|bin|al))*))"
)


class Evidence:
    """What one document gives the registry to go on (see the module's docstring).

    Read from the text when first asked: most stories quote no one the
    registry could be asked about.
    """

    def __init__(self, news: bool, text: str = ""):
        self.news = news  # prose whose speakers attribution read: names and offices need it
        self.text = text
        self._titles: dict[str, tuple[bool, tuple[str, ...]]] = {}

    @cached_property
    def politics(self) -> bool:
        """Hansard, or news naming UK politics."""
        return not self.news or _POLITICS.search(self.text) is not None

    @cached_property
    def uk(self) -> bool:
        """Hansard, or news naming Britain or UK politics."""
        return self.politics or _UK.search(self.text) is not None

    def office(self, role: str) -> tuple[bool, tuple[str, ...]]:
        """(may `role` be the UK's office, the names printed right after the title).

        The names are for the registry to check against the holder on the day
        ("Prime Minister Brian Mulroney" says whose prime minister it is).
        """
        if not self.news:
            return True, ()
        if role not in self._titles:
            self._titles[role] = self._office(role)
        return self._titles[role]

    def _office(self, role: str) -> tuple[bool, tuple[str, ...]]:
        core = normalise_title(role)
        if not core or not self.uk:
            return False, ()
        title = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in core.split()) + r"\b", re.I)
        names = []
        for m in title.finditer(self.text):
            before = _WORD_BEFORE.search(self.text, max(0, m.start() - 40), m.start())
            before = before.group(1) if before else None
            if before and before.lower() in _OTHER_OFFICE:
                continue  # "Deputy Prime Minister Geoffrey Howe" is not the prime minister
            if before and before[0].isupper() and before.lower() not in _NOT_A_COUNTRY:
                return False, ()  # "Canadian Prime Minister", "Grenada's Prime Minister"
            after = _AFTER.match(self.text, m.end())
            if after and after.group(1) and after.group(1) not in ("Britain", "England", "the"):
                return False, ()  # "Prime Minister of Grenada"
            if after and after.group(2):
                names.append(after.group(2))
        return True, tuple(dict.fromkeys(names))


TRUSTED = Evidence(news=False)


def evidence_of(doc: Document) -> Evidence:
    """What `doc` says of whether it is about UK politics."""
    if doc.kind == "hansard" or doc.attribution != "prose":
        return TRUSTED
    return text_evidence([doc.title, *(p.text for p in doc.passages)])


def text_evidence(texts: list[str | None]) -> Evidence:
    """The evidence of a news story's title and passages (stored ones, read again)."""
    return Evidence(news=True, text="\n".join(t for t in texts if t))
