"""Words that tell people, offices and organisations apart in news prose.

The tables are short on purpose and each says what it is for; `quotes`
uses them to read who speaks. The helpers work on the word lists that
`quotes` makes (possessive "'s" kept on the word, "Mr." whole).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from archive.speakers.name_keys import PARTICLES
from archive.speakers.word_surnames import SURNAME_WORDS, surname_here

# Words, with "Mr." and initials ("R. Sridharan", "J.M. Berger", "U.S.") kept whole so their
# full stop ends no sentence (those tried only at a capital: a sixth faster).
TOKEN = re.compile(
    r"(?=[A-Z])(?:(?:Mrs|Mr|Ms|Dr|Prof|Rev|Gen|Col|Sen|Rep|Gov|Del|Lt|Sgt|Capt|Adm|Maj|Cmdr|Atty|Jr|Sr)\.|(?:[A-Z]\.){2,}(?![\w])|[A-Z]\.(?=\s+[A-Z]))|[^\W\d_][\w’-]*(?:'[\w’-]+)*(?:(?<=s)'(?!'))?|\d[\d,.]*|[^\w\s]"
)
_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu)-(?=[A-Z])")

# Forms of address, by the gender they tell (if any).
_MALE = "Mr Sir Lord Baron King Prince Pope Sheikh Cardinal Congressman Assemblyman"
_FEMALE = "Mrs Ms Miss Lady Dame Baroness Queen Princess Congresswoman Assemblywoman"
# American forms too: "Sen. Ted Cruz", "Rep. Jim Jordan", "Del. Stacey Plaskett".
_EITHER = (
    "Dr President Senator Sen Professor Prof Rev Gen Colonel Col Captain Rep Representative"
    " Gov Governor Del Delegate Lt Sgt Capt Adm Maj Cmdr Atty"
)
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys(_MALE.split(), "m"),
    **dict.fromkeys(_FEMALE.split(), "f"),
    **dict.fromkeys(_EITHER.split(), None),
}
# Forms of address that are also offices: "President Obama" has one, "Mr Obama" none.
OFFICE_HONORIFICS = frozenset(
    "President Senator Sen Rep Representative Gov Governor Del Delegate Congressman"
    " Congresswoman Assemblyman Assemblywoman".split()
)
# These go with a given name: "Sir Paul" is Sir Paul McCartney, not Mr Paul.
WITH_GIVEN_NAME = frozenset("Sir Dame Prince Princess King Queen".split())
# Capitalised words of offices and jobs, dropped from in front of a name.
TITLES = frozenset(
    "Prime Minister Ministers Secretary Secretary-General Foreign Defence Home Health Justice"
    " Culture Business Education Environment Transport Work Pensions Energy Trade Industry"
    " Treasury Chancellor Exchequer Interior Finance Affairs Development Shadow Deputy Chief"
    " Leader Mayor State Attorney Solicitor Ambassador Envoy Commissioner Chairman Chairwoman"
    " Chair Spokesman Spokeswoman Spokesperson Premier Governor Vice Speaker Admiral Commander"
    " Marshal Lieutenant Sergeant Officer Inspector Superintendent Constable Judge Bishop"
    " Archbishop Emir Crown Congressman Congresswoman Representative MP MEP Director Head"
    " Executive Editor Correspondent Professor Councillor Whip Opposition Sheriff Detective"
    " Coroner Mayor-elect Pastor Reverend Father Adviser Advisor Strategist Under-Secretary"
    " Vice-Chairman Vice-President Secretary-General Economist Analyst Anchor Host Columnist"
    " Pollster Manager Founder Co-founder President-elect Assemblyman Assemblywoman"
    " Councilman Councilwoman Majority Minority Alderman Alderwoman Treasurer Secretary-Treasurer"
    " Comptroller Auditor Provost Rabbi Imam Trooper Councilmember Superintendent Counsel".split()
)
# The same offices in lower case, and jobs: "defence secretary Fallon" and
# "Wales coach Mike Ruddock" are titled names, people for sure.
LOWER_TITLES = frozenset(
    "secretary minister president premier leader chancellor mayor envoy ambassador"
    " spokesman spokeswoman spokesperson chairman chairwoman chief commander governor senator"
    " coach manager boss doctor officer producer director executive founder co-founder"
    " co-chairman vice-chairman vice-president editor reporter correspondent analyst"
    " economist striker midfielder defender goalkeeper captain skipper referee singer"
    " actor actress writer author presenter comedian backbencher campaigner lawyer".split()
)
# Words that make a capitalised run an organisation, not a person ("Time
# Warner" is not among them: `quotes` asks the document for signs of a person).
ORGANISATION_MARKERS = frozenset(
    "Ministry Office Department Council Group Party Company Corp Corporation Inc Ltd Plc PLC"
    " plc Kremlin Downing Pentagon Observatory Commission Agency Association Union Bank Court"
    " Police Committee Task Force Forces Coalition Government UN Nato NATO BBC Reuters"
    " Federation Organisation Organization Institute Foundation Trust Authority Board"
    " Studios Brothers Motor Motors Airways Airlines Holdings Systems Networks Daily"
    " Cup League Club United Rovers Breweries Weekly Journal Magazine Chronicle Herald"
    " Gazette Tribune Digest Standard Network Conference Survey Bancorp Co Markets Capital"
    " Team".split()
)
# Capitalised words that are never part of a person's name here: sentence
# openers, places, nationalities, organisations, days and months.
NOT_NAME = ORGANISATION_MARKERS | frozenset(
    "The A An But And Or So Yet However Meanwhile Earlier Later Today Yesterday Tomorrow"
    " Tonight Now Then Also Still Last Next This That These Those It Its He She They We I"
    " His Her Their Our My In On At As After Before When While Since During If For From"
    " With Without By To Of Asked Speaking Writing Replying Responding Updating Discussing"
    " Elsewhere Separately Instead Indeed Only Even Both Many Some Most All Other Another"
    " One Two Three General Former Ex Acting Interim Senior Top Veteran New Free Royal National"
    " U.S. U.K. U.N. E.U. D.C."
    " International Federal Democrat Democratic Republican Liberal Conservative Conservatives"
    " Labour Tory Tories Democrats Republicans Western Eastern Northern Southern Syrian Russian"
    " British American European French German Turkish Iranian Iraqi Israeli Chinese Saudi"
    " Kurdish Arab Islamic Scottish Welsh Irish English Ukrainian Afghan Libyan Egyptian"
    " Lebanese Jordanian Palestinian London Syria Russia Britain England Scotland Wales"
    " Ireland Iraq Iran Turkey France Germany America Europe Moscow Washington Damascus"
    " Aleppo Homs Raqqa Westminster Whitehall Brussels Paris Beijing China Israel Ukraine"
    " Street Parliament Commons House Assembly Nations States Kingdom Army Navy Service"
    " Rights News Post Times Telegraph Guardian Mail Sun Independent Express Mirror Press"
    " Centre Center University College School Hospital Church Embassy Cabinet Senate Congress"
    " Chamber Ocean Sea Security Intelligence MPs Daesh Isis Isil Monday Tuesday"
    " Wednesday Thursday Friday Saturday Sunday January February March April May June July"
    " August September October November December".split()
)
# After "on Tuesday" or "in March" a name is still the subject, not an object.
TIME_WORDS = frozenset(
    "Today Yesterday Tomorrow Tonight Earlier Later Last Next Monday Tuesday Wednesday"
    " Thursday Friday Saturday Sunday January February March April May June July August"
    " September October November December".split()
)
DETERMINERS = frozenset(("the", "a", "an"))
# A name after one of these is an object ("a spokeswoman for ... Staffan de Mistura said").
PREPOSITIONS = frozenset(
    "of for from with by to at in on about against than like between including over under"
    " into among amid via per towards toward near behind around across through throughout"
    " within beyond despite".split()
)
# People who speak for someone: in "a spokeswoman for UN envoy Staffan de
# Mistura said" the spokeswoman speaks, not the envoy.
PROXIES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople aide aides official officials source"
    " sources friend friends ally allies adviser advisers representative statement".split()
)
# Words between a subject and its verb: "has also said", "would not say".
AUXILIARIES = frozenset(
    "has have had also then later earlier previously again repeatedly recently reportedly"
    " allegedly once today yesterday not never will would could should may might can did"
    " does do just already too indeed still even actually really privately publicly openly"
    " simply only rightly firmly strongly".split()
)
# "is said to", "was told", "been told": the subject is not the speaker.
PASSIVE = frozenset("is was were are be been being".split())
PRONOUNS = {"he": "m", "she": "f"}
# Subjects that name nobody a reader could search for: "it said", "they say".
EMPTY_SUBJECTS = frozenset("it they we i you this that these those which there".split())
# Words that open a new clause: a subject phrase never reaches back past them.
CLAUSE_WORDS = frozenset(
    "and but or nor while whereas as when after before because since although though that"
    " which who whom whose where if so yet then than whether until unless once said says"
    " told".split()
)
# One unnamed person, so "he" or "she" in the next sentence may be them.
PERSON_NOUNS: dict[str, str | None] = {
    "spokesman": "m",
    "spokeswoman": "f",
    **dict.fromkeys(
        "spokesperson official source aide adviser diplomat officer commander minister"
        " insider representative analyst expert witness resident activist".split()
    ),
}

# What may be a source after "according to" besides people and named bodies:
# "according to a monitoring group", not "according to their conscience".
SOURCE_NOUNS = frozenset(
    "group report reports statement monitor observatory figures survey poll data study"
    " research agency ministry police media television tv newspaper website channel station"
    " broadcaster network document documents estimate estimates count tally"
    " officials sources witnesses residents activists analysts experts".split()
)

# Offices, for `parse_role`: the head of an office phrase, in lower case.
OFFICE_HEADS = frozenset(
    "secretary minister president premier chancellor mayor leader envoy ambassador governor"
    " senator chairman chairwoman chair commissioner secretary-general speaker whip".split()
)
# "Attorney General", "Chief Executive": heads that need the word before them.
_TWO_WORD_HEADS = {"general": {"attorney", "solicitor"}, "executive": {"chief"}}
# Every word `_is_head` can accept, in lower case.
_HEAD_WORDS = OFFICE_HEADS | frozenset(_TWO_WORD_HEADS)
# Words that may stand in front of an office's head ("shadow foreign minister").
ROLE_MODIFIERS = frozenset(
    "shadow deputy former acting interim junior vice prime first chief foreign defence"
    " home health justice education culture business environment transport trade energy"
    " attorney solicitor treasury interior finance development international work pensions"
    " northern ireland"
    " scottish welsh digital media sport housing communities local cabinet office state"
    " economy economic security intelligence immigration europe european"
    " uk us un eu british american russian syrian french german turkish iranian iraqi"
    " israeli chinese saudi kurdish arab afghan libyan egyptian lebanese jordanian"
    " palestinian ukrainian english irish labour tory conservative liberal democrat"
    " democratic republican snp green"
    # Bodies: "coalition president Khaled Khoja", "opposition leader".
    " coalition opposition rebel party government army military council committee union"
    " commission group company club campaign".split()
)
_SMALL_WORDS = frozenset("of for to the and in on at".split())
# Words that may sit inside an office's complement: "Secretary of State for Foreign Affairs".
_LINKS = frozenset("the and of for".split())


def capitalised(word: str) -> bool:
    # Every Arabic prefix ends in "-": most words skip the pattern.
    return word[:1].isupper() or ("-" in word and _ARABIC_PREFIX.match(word) is not None)


# "Clinton's", and "Fox News’" (a plural's possessive).
_POSSESSIVE = ("'s", "’s", "s’", "s'")


def possessive(word: str) -> bool:
    return word.endswith(_POSSESSIVE)


def bare(word: str) -> str:
    """A word without its possessive "'s", or "Mr." without its full stop."""
    if possessive(word):
        return word[:-1] if word.endswith(("s’", "s'")) else word[:-2]
    if word.endswith(".") and word[:-1] in HONORIFICS:
        return word[:-1]
    return word


def acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def surname(word: str) -> str:
    return _ARABIC_PREFIX.sub("", word) if "-" in word else word  # every prefix ends in "-"


def is_word(word: str) -> bool:
    return word[:1].isalpha()


def parse_role(words: list[str], names_follow: bool = False) -> str | None:
    """The office that `words` spell out whole, in Title Case, or None.

    >>> parse_role(["shadow", "foreign", "minister"])
    'Shadow Foreign Minister'
    >>> parse_role(["Mayor", "of", "London"], names_follow=True)
    'Mayor of London'

    With `names_follow` the words stand in front of a name, so what follows
    "of" or "for" must be capitalised ("envoy for Syria Staffan de Mistura").
    """
    if not words or not all(is_word(w) and not possessive(w) for w in words):
        return None
    lower = [w.lower() for w in words]
    head = next((i for i in range(len(lower) - 1, -1, -1) if _is_head(lower, i)), None)
    if head is None:
        return None
    # "Work and Pensions Secretary": "and" may join two modifiers.
    modifiers = [w for i, w in enumerate(words[:head]) if not (w == "and" and 0 < i < head - 1)]
    if not all(_modifier(w, w.lower()) for w in modifiers):
        return None
    rest = words[head + 1 :]
    if rest and not _complement(rest, names_follow):
        return None
    return title_case(words)


def _is_head(lower: list[str], i: int) -> bool:
    word = lower[i]
    if word in _TWO_WORD_HEADS:
        return i > 0 and lower[i - 1] in _TWO_WORD_HEADS[word]
    return word in OFFICE_HEADS


def _modifier(word: str, low: str) -> bool:
    return low in ROLE_MODIFIERS or word in TITLES


def _complement(rest: list[str], names_follow: bool) -> bool:
    # "of London", "of State for Foreign Affairs", "to the Treasury", "of the moderate coalition".
    if rest[0] not in ("of", "for", "to") or not 2 <= len(rest) <= 6:
        return False
    if rest[-1].lower() in PREPOSITIONS | DETERMINERS or rest[-1] == "and":
        return False
    content = [w for w in rest[1:] if w not in _LINKS]
    if not content:
        return False
    if names_follow:
        return all(capitalised(w) for w in content)
    return all(w.lower() not in PREPOSITIONS | DETERMINERS for w in content)


def title_case(words: list[str]) -> str:
    """'defence secretary' -> 'Defence Secretary'; 'Mayor of London' stays; 'UK' stays."""
    out = []
    for i, word in enumerate(words):
        if any(c.isupper() for c in word) or (i and word in _SMALL_WORDS):
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


# A word that opens a sentence in capitals although it is no part of the name
# after it: "Singer Sam Endicott said".
OCCUPATIONS = frozenset(
    "actor actress singer writer author film-maker filmmaker director producer broadcaster"
    " presenter comedian coach manager boss striker midfielder defender goalkeeper captain"
    " skipper referee fly-half scrum-half full-back wing winger backbencher analyst economist"
    " judges chef designer rapper novelist journalist campaigner activist lawyer agent".split()
)


@dataclass(frozen=True)
class Named:
    """A person's name as written at one place: "Defence Secretary Micheal Fallon"."""

    tokens: tuple[str, ...]  # ("Micheal", "Fallon")
    printed: str  # "Micheal Fallon", "Mr Fallon"
    honorific: str | None  # "Mr" in "Mr Fallon"
    titled: bool  # an honorific or an office goes with the name
    gender: str | None
    role: str | None = None  # "Defence Secretary"


def name_runs(words: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, as (start, end) word indexes.

    "de", "al" and the like may sit inside, and "of" after an office
    ("Secretary of State John Kerry"); a possessive ends a run.
    """
    # Called for every paragraph twice over: `capitalised` and `possessive` inlined.
    caps = [w[:1].isupper() or ("-" in w and _ARABIC_PREFIX.match(w) is not None) for w in words]
    count = len(words)
    runs: list[tuple[int, int]] = []
    i = 0
    while True:
        try:
            i = caps.index(True, i)
        except ValueError:
            return runs
        j = i + 1
        while j < count and not words[j - 1].endswith(_POSSESSIVE):
            if caps[j]:
                j += 1
            elif (
                j + 1 < count
                and caps[j + 1]
                and (words[j] in PARTICLES or (words[j] == "of" and bare(words[j - 1]) in TITLES))
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j


# Written after a name and no part of it.
SUFFIXES = frozenset("Jr Sr II III IV".split())
# What comes before a sentence's first word ("5) Can Hale win?": a list's number).
_OPENING = frozenset('.!?:"“)')
# Words that open sentences in capitals and never start a name.
_OPENERS = frozenset(
    "Although Though Because Unless Until Whether Neither Either Despite Unlike Like Among"
    " Amid Under Over Following Including Throughout Within Against Beyond Upon Once Where"
    " Why How What Who Whom Whose Which Not No Yes Perhaps Maybe Thus Hence Still"
    " Across Along Around Behind Below Beside Besides Between Inside Outside Toward Towards"
    " Asked Told Pressed Reached Contacted Sources Officials Aides Critics Supporters"
    " Voters Does Did Do Is Are Was Were Has Have Had Can Could Would Should Must Might".split()
)


def _opener(word: str) -> bool:
    # "Chasing Trump", "Ultimately Clinton": -ing and -ly words open clauses, not names.
    return word in _OPENERS or (len(word) > 5 and word.endswith(("ing", "ly")))


# Words a name starts after: "Mr", "Defence Secretary", "The".
_NOT_IN_NAME = frozenset(HONORIFICS) | TITLES | NOT_NAME


def name_in_run(words: list[str], run: tuple[int, int]) -> Named | None:
    """The person's name at the end of a run of capitalised words, or None."""
    start, end = run
    while end - start > 1 and words[end - 1].rstrip(".") in SUFFIXES:
        end -= 1  # "Joseph R. Biden Jr."
    if end - start > 1 and (start == 0 or words[start - 1] in _OPENING) and _opener(words[start]):
        start += 1  # "Although Trump", "Chasing Trump": a sentence's first word
    last = bare(words[end - 1])
    if (last in _NOT_IN_NAME or acronym(last)) and (end - start == 1 or last not in SURNAME_WORDS):
        return None  # "The", "But Labour", "the BBC": what the loop below would cut away
    bared = [bare(word) for word in words[start:end]]
    cut = 0  # in `bared`
    for k, word in enumerate(bared):
        if k > 0 and word in SURNAME_WORDS and surname_here(word, bared[k - 1], NOT_NAME):
            continue  # "Theresa May", "Mrs May", "Steve Israel"; not "Last May"
        if word in _NOT_IN_NAME or acronym(word):
            cut = k + 1
    tokens = bared[cut:]
    while tokens and not capitalised(tokens[0]):
        tokens.pop(0)  # a particle or "of" left behind by the cut
    if not tokens:
        return None
    first = end - len(tokens)
    before = words[first - 1] if first > 0 else ""
    if before.lower() in DETERMINERS or before == "/":
        return None  # "the Washington Post": people take no article; "the Lee/Hale plan"
    offices = bared[: first - start]
    honorific = offices[-1] if offices and offices[-1] in HONORIFICS else None
    if honorific in OFFICE_HONORIFICS and len(tokens) > 1:
        honorific = None  # "US President Barack Obama" is printed "Barack Obama", role aside
    titled = any(word in HONORIFICS or word in TITLES for word in offices) or (
        start > 0 and words[start - 1] in LOWER_TITLES
    )
    gender = next((HONORIFICS[w] for w in offices if HONORIFICS.get(w)), None)
    printed = " ".join(([honorific] if honorific else []) + tokens)
    role = role_before(words, first)
    return Named(tuple(tokens), printed, honorific, titled or role is not None, gender, role)


class Reading:
    """One paragraph's words, its runs of capitalised words and the names in them:
    read once, asked many times (a story is read twice over)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = TOKEN.findall(text)
        self.runs = name_runs(self.words)
        self._names: dict[tuple[int, int], Named | None] = {}

    @cached_property
    def starts(self) -> list[int]:
        """Where each word starts in the text."""
        # The words are the text's own characters in order, with only white space
        # (or "_") between them: each is found from where the one before ended.
        starts, at, find = [], 0, self.text.find
        for word in self.words:
            at = find(word, at)
            starts.append(at)
            at += len(word)
        return starts

    def name(self, run: tuple[int, int]) -> Named | None:
        """`name_in_run` for these words."""
        try:
            return self._names[run]
        except KeyError:
            named = self._names[run] = name_in_run(self.words, run)
            return named

    def without(self, text: str, spans: list[tuple[int, int]]) -> Reading:
        """The reading of `text`: this text with the characters of `spans` blanked out.

        Each span must lie between two punctuation marks, or run from one to
        the end (as quotations do), so no word and no run crosses its edge
        and a name outside it reads the same either way: what is known of
        those names is kept.
        """
        starts = self.starts
        keep: list[tuple[int, int]] = []  # word index ranges outside the spans
        i = 0
        for first, last in spans:
            k = bisect.bisect_left(starts, first, i)
            keep.append((i, k))
            i = bisect.bisect_left(starts, last, k)
        keep.append((i, len(starts)))
        shift: dict[int, int] = {}  # old index of a range's first word -> its new index
        words: list[str] = []
        new_starts: list[int] = []
        for a, b in keep:
            shift[a] = len(words) - a
            words.extend(self.words[a:b])
            new_starts.extend(starts[a:b])
        reading = Reading.__new__(Reading)
        reading.text, reading.words, reading.starts = text, words, new_starts
        reading.runs = []
        reading._names = {}
        ranges = iter(keep)
        a, b = next(ranges)
        for run in self.runs:  # in order, like the ranges
            while run[0] >= b:
                a, b = next(ranges, (len(starts), len(starts) + 1))
            if run[0] < a:
                continue  # inside a span
            moved = (run[0] + shift[a], run[1] + shift[a])
            reading.runs.append(moved)
            if run in self._names:
                reading._names[moved] = self._names[run]
        return reading


def role_before(words: list[str], first: int) -> str | None:
    """The office written right in front of the name starting at `first`, if any.

    "British defence secretary Michael Fallon" -> "British Defence Secretary";
    "Mr Cameron's spokesman" and "Mr Hammond" have none.
    """
    address = bare(words[first - 1]) if first > 0 else ""
    if address in HONORIFICS and address not in OFFICE_HONORIFICS:
        return None
    low = first
    while low > 0 and first - low < 8 and is_word(words[low - 1]):
        if possessive(words[low - 1]):
            break
        low -= 1
    # An office needs its head word: the words after the last head spell none.
    heads = [k for k in range(low, first) if bare(words[k]).lower() in _HEAD_WORDS]
    for start in range(low, heads[-1] + 1 if heads else low):
        role = parse_role([bare(w) for w in words[start:first]], names_follow=True)
        if role:
            return role
    return None
