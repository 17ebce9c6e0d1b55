"""Who speaks in a news paragraph: a few attribution rules that prefer precision to recall.

In each paragraph the first speech verb outside quotation marks whose
subject can be read decides:

- a name right before the verb ("Philip Hammond told MPs", "..., Mr Hammond
  said") or right after it ('"...," said Mr Hammond') is the speaker; titles
  in front of it go ("Defence Secretary Micheal Fallon" -> "Micheal Fallon");
- a bare surname ("Mr Hammond", "Fallon") becomes the latest full name with
  that surname seen earlier in the document, spoken or only mentioned. The
  document is read once, in order: an "Obama" before the first "Barack
  Obama" stays "Obama";
- "he" or "she" is a person named earlier in the same sentence, else the
  latest speaker whose gender fits (known only from Mr, Mrs, Ms, Sir, ...);
- a role or an unnamed source ("the foreign secretary", "a spokesman") gives
  None: which person held an office on a date is for a later stage to say;
- a paragraph that opens with a quotation mark and has no attribution of its
  own goes on with the previous paragraph's quote, and so with its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

Attribution = tuple[str | None, str | None]

# Kept short on purpose: "agreed", "continued" or "suggested" attribute more
# narrative than speech. "asked" counts only when it asks about something,
# not when someone "asked Mr Putin to" do a thing.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|warned|warns|added|adds|insisted|insists|claimed|claims"
    r"|announced|announces|argued|argues|explained|stated|acknowledged|urged|replied"
    r"|declared|stressed|admitted|conceded|questioned|confirmed|denied|revealed"
    r"|made clear|makes clear|hit out|hits out"
    r"|asked(?= (?:about|whether|if|why|what|how|for)\b|:))\b"
)
# Words, with "Mr." and initials ("R. Sridharan") kept whole so their full stop ends no sentence.
_TOKEN = re.compile(
    r"(?:Mrs|Mr|Ms|Dr|Prof|Rev|Gen|Col|Sen)\.|[A-Z]\.(?=\s+[A-Z])|[^\W\d_][\w'’-]*|\d[\d,.]*|[^\w\s]"
)
_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu)-(?=[A-Z])")
_SENTENCE_END = frozenset(".!?")

# Forms of address, by the gender they tell (if any).
_MALE = "Mr Sir Lord Baron King Prince Pope Sheikh Cardinal"
_FEMALE = "Mrs Ms Miss Lady Dame Baroness Queen Princess"
_EITHER = "Dr President Senator Sen Professor Prof Rev Gen Colonel Col Captain"
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys(_MALE.split(), "m"),
    **dict.fromkeys(_FEMALE.split(), "f"),
    **dict.fromkeys(_EITHER.split(), None),
}
# These go with a given name: "Sir Paul" is Sir Paul McCartney, not Mr Paul.
_WITH_GIVEN_NAME = frozenset("Sir Dame Prince Princess King Queen".split())
# Capitalised words of offices, dropped from in front of a name.
TITLES = frozenset(
    "Prime Minister Ministers Secretary Secretary-General Foreign Defence Home Health Justice"
    " Culture Business Education Environment Transport Work Pensions Energy Trade Industry"
    " Treasury Chancellor Exchequer Interior Finance Affairs Development Shadow Deputy Chief"
    " Leader Mayor State Attorney Solicitor Ambassador Envoy Commissioner Chairman Chairwoman"
    " Chair Spokesman Spokeswoman Spokesperson Premier Governor Vice Speaker Admiral Commander"
    " Marshal Lieutenant Sergeant Officer Inspector Superintendent Constable Judge Bishop"
    " Archbishop Emir Crown Congressman Congresswoman Representative MP MEP Director Head"
    " Executive Editor Correspondent Professor Councillor Whip Opposition".split()
)
# The same offices in lower case: "defence secretary Fallon" is a titled name.
_LOWER_TITLES = frozenset(
    "secretary minister president premier leader chancellor mayor envoy ambassador"
    " spokesman spokeswoman spokesperson chairman chief commander governor senator".split()
)
# Capitalised words that are never part of a person's name here: sentence
# openers, places, nationalities, organisations, days and months.
NOT_NAME = frozenset(
    "The A An But And Or So Yet However Meanwhile Earlier Later Today Yesterday Tomorrow"
    " Tonight Now Then Also Still Last Next This That These Those It Its He She They We I"
    " His Her Their Our My In On At As After Before When While Since During If For From"
    " With Without By To Of Asked Speaking Writing Replying Responding Updating Discussing"
    " Elsewhere Separately Instead Indeed Only Even Both Many Some Most All Other Another"
    " One Two Three General Former Ex Acting Interim Senior Top Veteran New Free Royal National"
    " International Federal United Democratic Republican Liberal Conservative Conservatives"
    " Labour Tory Tories Democrats Republicans Western Eastern Northern Southern Syrian Russian"
    " British American European French German Turkish Iranian Iraqi Israeli Chinese Saudi"
    " Kurdish Arab Islamic Scottish Welsh Irish English Ukrainian Afghan Libyan Egyptian"
    " Lebanese Jordanian Palestinian London Syria Russia Britain England Scotland Wales"
    " Ireland Iraq Iran Turkey France Germany America Europe Moscow Washington Damascus"
    " Aleppo Homs Raqqa Westminster Whitehall Brussels Paris Beijing China Israel Ukraine"
    " Kremlin Pentagon Downing Street Office Ministry Department Government Council Committee"
    " Commission Parliament Commons House Assembly Party Union Nations States Kingdom Army"
    " Navy Force Forces Police Service Agency Group Coalition Court Bank Observatory Rights"
    " News Post Times Telegraph Guardian Mail Sun Independent Express Mirror Reuters Press"
    " Association Centre Center Institute University College School Hospital Company"
    " Corporation Board Authority Trust Foundation Church Embassy Cabinet Senate Congress"
    " Chamber Ocean Sea Security Intelligence Task MPs Daesh Isis Isil Monday Tuesday"
    " Wednesday Thursday Friday Saturday Sunday January February March April May June July"
    " August September October November December".split()
)
# After "on Tuesday" or "in March" a name is still the subject, not an object.
_TIME_WORDS = frozenset(
    "Today Yesterday Tomorrow Tonight Earlier Later Last Next Monday Tuesday Wednesday"
    " Thursday Friday Saturday Sunday January February March April May June July August"
    " September October November December".split()
)
_PARTICLES = frozenset("de van von der den da di du le la bin ibn al el".split())
_DETERMINERS = frozenset(("the", "a", "an"))
# A name after one of these is an object ("a spokeswoman for ... Staffan de Mistura said").
_PREPOSITIONS = frozenset(
    "of for from with by to at in on about against than like between including over under"
    " into among via per towards toward near behind".split()
)
# People who speak for someone: in "a spokeswoman for UN envoy Staffan de
# Mistura said" the spokeswoman speaks, not the envoy.
_PROXIES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople aide aides official officials source"
    " sources friend friends ally allies adviser advisers representative statement".split()
)
# Words between a subject and its verb: "has also said", "would not say".
_AUXILIARIES = frozenset(
    "has have had also then later earlier previously again repeatedly recently reportedly"
    " allegedly once today yesterday not never will would could should may might can did"
    " does do just already".split()
)
# "is said to", "was told", "been told": the subject is not the speaker.
_PASSIVE = frozenset("is was were are be been being".split())
_PRONOUNS = {"he": "m", "she": "f"}


@dataclass(frozen=True)
class _Named:
    tokens: tuple[str, ...]
    printed: str
    honorific: str | None  # "Mr" in "Mr Hammond"
    titled: bool  # an honorific or an office goes with the name
    gender: str | None


@dataclass(frozen=True)
class _Pronoun:
    gender: str
    index: int


_UNNAMED = "unnamed"  # a role or an anonymous source: speaker None
_SKIP = "skip"  # this verb tells nothing; try the next one


def attribute(paragraphs: list[str]) -> list[Attribution]:
    """(speaker's full name, speaker as printed) for each paragraph of one news story.

    >>> attribute(["Philip Hammond told MPs it was so.", "Mr Hammond said: \\"Yes.\\""])
    [('Philip Hammond', 'Philip Hammond'), ('Philip Hammond', 'Mr Hammond')]
    """
    return _Reader().read(paragraphs)


class _Reader:
    """One pass over a story, remembering the names and speakers seen so far."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}  # surname -> latest full name
        self.given: dict[str, str] = {}  # given name -> latest full name
        self.genders: dict[str, str] = {}
        self.printed: dict[str, str] = {}
        self.history: list[str] = []  # speakers, oldest first

    def read(self, paragraphs: list[str]) -> list[Attribution]:
        results: list[Attribution] = []
        previous: Attribution = (None, None)
        for paragraph in paragraphs:
            result = self._paragraph(paragraph)
            if result is None:
                opens_quote = paragraph.lstrip()[:1] in ('"', "“")
                result = previous if opens_quote else (None, None)
            results.append(result)
            previous = result
        return results

    def _paragraph(self, paragraph: str) -> Attribution | None:
        masked = mask_quotes(paragraph)
        tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(masked)]
        words = [text for text, _ in tokens]
        starts = [start for _, start in tokens]
        runs = _name_runs(words)
        registered = 0
        outcome: _Named | _Pronoun | str | None = None
        for verb in SPEECH_VERB.finditer(masked):
            v = bisect.bisect_left(starts, verb.start())
            after = bisect.bisect_left(starts, verb.end())
            while registered < len(runs) and runs[registered][1] <= v:
                self._remember(words, runs[registered])
                registered += 1
            outcome = self._subject(words, runs, v, after)
            if outcome != _SKIP:
                break
        for run in runs[registered:]:
            self._remember(words, run)
        if outcome is None or outcome == _SKIP:
            return None
        if outcome == _UNNAMED:
            return (None, None)
        if isinstance(outcome, _Pronoun):
            return self._pronoun(words, runs, outcome)
        assert isinstance(outcome, _Named)
        return self._speaker(outcome)

    def _subject(
        self, words: list[str], runs: list[tuple[int, int]], v: int, after: int
    ) -> _Named | _Pronoun | str:
        if after < len(words) and words[after] == "by":
            return _SKIP  # "announced by the Trade Secretary": a passive
        k = v - 1
        while k >= 0 and words[k].lower() in _AUXILIARIES | _PASSIVE:
            if words[k].lower() in _PASSIVE:
                return _SKIP
            k -= 1
        if k < 0 or not words[k][0].isalpha():
            return self._inverted(words, runs, k, after)
        word = words[k].lower()
        if word == "to":
            return _SKIP  # "to have told", "to say"
        if word in _PRONOUNS:
            return _Pronoun(_PRONOUNS[word], k)
        if word == "who":
            # "Jeremy Corbyn, who said ..."
            end = k - 1 if k >= 1 and words[k - 1] == "," else k
            run = _run_ending_at(runs, end)
            return self._named(words, run, subject=False) if run else _UNNAMED
        run = _run_ending_at(runs, k + 1)
        if run:
            return self._named(words, run, subject=True)
        return _UNNAMED  # "the official told", "activists say", "it said"

    def _inverted(
        self, words: list[str], runs: list[tuple[int, int]], k: int, after: int
    ) -> _Named | str:
        # '"...," said Mr Hammond' and '"...," said the spokesman'.
        if after < len(words):
            word = words[after]
            run = next((r for r in runs if r[0] == after), None)
            if run:
                return self._named(words, run, subject=False)
            if word in _DETERMINERS:
                return _UNNAMED
        # Apposition: "Mr Hammond, the foreign secretary, said".
        if k >= 0 and words[k] == ",":
            for j in range(k - 1, max(k - 10, -1), -1):
                if words[j] == ",":
                    run = _run_ending_at(runs, j)
                    return self._named(words, run, subject=True) if run else _SKIP
                if not words[j][0].isalpha():
                    break
        return _SKIP

    def _named(self, words: list[str], run: tuple[int, int], subject: bool) -> _Named | str:
        name = _name_in_run(words, run)
        if name is None:
            return _UNNAMED
        start, _ = run
        if (
            subject
            and start > 0
            and words[start - 1] in _PREPOSITIONS
            and words[start] not in _TIME_WORDS
        ):
            return _UNNAMED
        if subject and _speaks_for(words, start):
            return _UNNAMED
        if len(name.tokens) == 1 and not name.titled and _surname(name.tokens[0]) not in self.known:
            return _UNNAMED  # "Moscow said": a lone word is a name only if we know it is
        return name

    def _remember(self, words: list[str], run: tuple[int, int]) -> None:
        name = _name_in_run(words, run)
        if name is not None and len(name.tokens) >= 2:
            self._resolve(name)

    def _resolve(self, name: _Named) -> str:
        if len(name.tokens) >= 2:
            full = " ".join(name.tokens)
            self.known[_surname(name.tokens[-1])] = full
            self.given[name.tokens[0]] = full
            return full
        (word,) = name.tokens
        if name.honorific in _WITH_GIVEN_NAME and word in self.given:
            return self.given[word]
        return self.known.get(_surname(word), word)

    def _speaker(self, name: _Named) -> Attribution:
        full = self._resolve(name)
        if name.gender:
            self.genders[full] = name.gender
        self.printed[full] = name.printed
        self.history.append(full)
        return (full, name.printed)

    def _pronoun(
        self, words: list[str], runs: list[tuple[int, int]], pronoun: _Pronoun
    ) -> Attribution:
        wrong = "f" if pronoun.gender == "m" else "m"
        sentence = max((i for i in range(pronoun.index) if words[i] in _SENTENCE_END), default=-1)
        for run in reversed(runs):
            if not (sentence < run[0] and run[1] <= pronoun.index):
                continue
            name = _name_in_run(words, run)
            if name and (len(name.tokens) >= 2 or name.honorific) and name.gender != wrong:
                full = self._resolve(name)
                if self.genders.get(full) != wrong:
                    return self._speaker(name)
        for full in reversed(self.history):
            if self.genders.get(full) != wrong:
                self.history.append(full)
                return (full, self.printed[full])
        return (None, None)


def mask_quotes(text: str) -> str:
    """Blank out what is inside double quotation marks, keeping the marks and offsets.

    Attribution lives outside quotes: a "said" inside one belongs to someone
    else's sentence. An unclosed quote runs to the end of the paragraph.
    """
    chars = list(text)
    inside = False
    for i, char in enumerate(text):
        if not inside:
            inside = char in '"“'
        elif char in '"”':
            inside = False
        else:
            chars[i] = " "
    return "".join(chars)


def _name_runs(words: list[str]) -> list[tuple[int, int]]:
    # Maximal runs of capitalised words; "de", "al" and the like may sit
    # inside, and "of" after an office ("Secretary of State John Kerry").
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i]):
            i += 1
            continue
        j = i + 1
        while j < len(words) and not _possessive(words[j - 1]):
            if _capitalised(words[j]):
                j += 1
            elif (
                j + 1 < len(words)
                and _capitalised(words[j + 1])
                and (words[j] in _PARTICLES or (words[j] == "of" and _bare(words[j - 1]) in TITLES))
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _speaks_for(words: list[str], start: int) -> bool:
    """True if the clause before a name reads "a spokesman for ...", "an aide to ..."."""
    proxy = False
    for word in words[_clause_start(words, start) : start]:
        if word in _PROXIES:
            proxy = True
        elif proxy and word in _PREPOSITIONS:
            return True
    return False


def _clause_start(words: list[str], end: int) -> int:
    start = end
    while start > 0 and words[start - 1][0].isalpha():
        start -= 1
    return start


def _run_ending_at(runs: list[tuple[int, int]], end: int) -> tuple[int, int] | None:
    return next((run for run in runs if run[1] == end), None)


def _name_in_run(words: list[str], run: tuple[int, int]) -> _Named | None:
    """The person's name at the end of a run of capitalised words, or None."""
    start, end = run
    cut = start
    for k in range(start, end):
        bare = _bare(words[k])
        if bare in HONORIFICS or bare in TITLES or bare in NOT_NAME or _acronym(bare):
            cut = k + 1
    tokens = [_bare(word) for word in words[cut:end]]
    while tokens and not _capitalised(tokens[0]):
        tokens.pop(0)  # a particle or "of" left behind by the cut
    if not tokens:
        return None
    first = end - len(tokens)
    before = words[first - 1] if first > 0 else ""
    if before.lower() in _DETERMINERS:
        return None  # "the Washington Post": people take no article
    offices = [_bare(word) for word in words[start:first]]
    honorific = offices[-1] if offices and offices[-1] in HONORIFICS else None
    titled = any(word in HONORIFICS or word in TITLES for word in offices) or (
        start > 0 and words[start - 1] in _LOWER_TITLES
    )
    gender = next((HONORIFICS[w] for w in offices if HONORIFICS.get(w)), None)
    printed = " ".join(([honorific] if honorific else []) + tokens)
    return _Named(tuple(tokens), printed, honorific, titled, gender)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_ARABIC_PREFIX.match(word))


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def _bare(word: str) -> str:
    """A word without its possessive "'s", or "Mr." without its full stop."""
    if _possessive(word):
        return word[:-2]
    if word.endswith(".") and word[:-1] in HONORIFICS:
        return word[:-1]
    return word


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _surname(word: str) -> str:
    return _ARABIC_PREFIX.sub("", word)
