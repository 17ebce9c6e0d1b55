"""Scoring news attribution on PolNeAR: hand-labelled US political news (test-only data).

PolNeAR (../shared/corpus/news-polnear, see SOURCES.md there) labels every
attribution of 840 articles as Source, Cue and Content character spans. Its
licence is not stated, so nothing of it is copied into the repository: this
module reads it where the corpus lies and only counts.

How an article is read: as the archive reads any plain news story
(`read_documents` on the file, then `attribute_document`), so its passages
are the archive's own paragraphs. Each passage is found in the file's text
by its characters, and a labelled attribution belongs to the passage that
holds its cue (its source, if the cue lies outside every passage).

Which articles: one in five is held out, chosen by name before any tuning
(`held_out`: the sorted name's index % 5 == 0). Rules are tuned on the rest
("tune"); only figures, never misses, are looked at on the held-out part.
Where an article was labelled by two annotators the first file (by name) counts.

What kind of source a label has (`source_kind`), read from its Source span:
- "pronoun": he, she, him, her, his, I, me, my; or "who" right after a name
  ("Clinton, who said"). A person.
- "group pronoun": they, we, it, you, which, that and their forms: not one person.
- "named": a name of a person: the span's head (the span cut at a comma,
  bracket, "who" or a preposition; its last word, without "'s") is
  capitalised, the span has no determiner in front and no word of a body
  (Committee, News, Party ...), the head is no acronym, and the article
  writes that word as a person's surname somewhere: after a given name (a
  capitalised word that is no title, place or sentence word) or after a form
  of address or an office (Mr., Sen., Gov., President ...).
- "organisation": a capitalised head that is not named; a span that starts
  with "the" and has a capital word ("the White House", "the Associated
  Press"); or a lower-case head that is a body ("campaign", "committee").
- "description": everything else ("officials", "a spokesman for Trump", "Democrats").

Direct or indirect: direct when the labelled Content holds a quotation mark.

Who a person label means (`referents`):
- named: the name in the span; a lone word ("Trump", "Melanie") is read as
  the nearest full name before it in the article that ends with that word
  (or starts with it, for a given name), else the first one after it; after
  Mr., Mrs., Ms. or Miss, of the full names whose given name does not tell
  the other gender ("Mrs. Clinton" is not Bill Clinton; given names by
  archive.speakers.given_names, a table). A head that is an office or a
  number is no name ("Former Secretary of State ...", "One in five");
- pronoun: any of the two latest distinct named persons among the labelled
  Sources before it, or the last person named before it in its passage (else
  in the passage before): the data does not resolve pronouns, and a reader
  would accept either of two recent candidates (this is lenient by one); of
  them only those whose given name does not tell the other gender ("she" is
  not Bernie Sanders; given names as above); "who": the name right before it,
  if any, else as for a pronoun.
A person (the archive's resolved name) matches a referent when their last
words agree and, if both have a given name, their first words agree too.

The counts:
- precision: of the distinct (passage, person) pairs the archive gives in
  its quotes, the share where the passage has a person-sourced label
  (its source, cue or content in the passage) that the person matches;
- recall: of the person-sourced labels (named or pronoun), the share whose
  passage has a quote by a person that matches. Reported on all such labels,
  and on "speech" labels: those whose cue is an act of saying or writing
  (`is_speech_cue`: said, told, wrote, according to, a colon ...), as
  opposed to a belief, a wish or a deed ("wants", "seemed", "supported");
- a person the archive gives is not judged (counted apart) when the
  passage has no label of that person but their surname lies inside a
  labelled Content there: in "'...,' X said, according to a pool report"
  the labels, one to a token, can only show the pool report;
- nor when the archive resolved a description that the labels give as the
  source ("the president added" -> the president the story named): the
  labels do not say who that is;
- by kind: for organisations and descriptions, a label is found when a
  quote of the passage prints the same words as the labelled source (one
  holds the other, case and "the" aside).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from archive.ingest import read_documents
from archive.model import Passage, Quote
from archive.speakers.attribution import attribute_document
from archive.speakers.given_names import gender_of_given_name

KINDS = ("named", "pronoun", "organisation", "description", "group pronoun")
PERSON_KINDS = ("named", "pronoun")

_PRONOUNS = frozenset("he she him her his hers i me my".split())
_GROUP_PRONOUNS = frozenset(
    "they them their theirs we us our you your it its which that this these those whom".split()
)
_DETERMINERS = frozenset("the a an this that these those some many".split())
# Capitalised words that make a span a body, not a person.
_BODY_WORDS = frozenset(
    "Committee Campaign News Party Press Post Times Journal Network Institute Foundation"
    " Association Council Department Administration Agency Bureau Office Center Centre"
    " University College School Group Company Corp Inc Fund Project Coalition Union"
    " Commission Court Senate House Congress Caucus Democrats Republicans Americans"
    " Poll Report Study Survey Board PAC Club Alliance Council Service Magazine Times"
    " Tribune Herald Register Daily Weekly Review Channel Media Radio Television TV".split()
)
# Lower-case heads that are bodies: "the campaign", "his administration".
_BODY_NOUNS = frozenset(
    "campaign committee administration government company agency department office"
    " party paper newspaper network organization organisation group coalition firm"
    " team staff court senate house union council commission board".split()
)
# Capitalised words that are no given name (a surname after them is not a person).
_NOT_GIVEN = frozenset(
    "The A An In On At Of For From To By With And But Or As If When While After Before"
    " New North South East West United Saint St Fort Los Las San Santa El La Le"
    " It He She They We I This That His Her Their Our My Its Then So Yet Also"
    " Although Though Despite Because Since Until Unless Whether Even Still Now Like Unlike"
    " What Why How Where Who Which Does Did Do Is Are Was Were Has Have Had Can Will Would"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March"
    " April May June July August September October November December".split()
)
_ADDRESS = frozenset(
    "Mr Mrs Ms Miss Dr Sen Senator Rep Representative Gov Governor President Gen General"
    " Secretary Speaker Mayor Judge Justice Rev Prof Professor Sir Lady Lord Del Chairman"
    " Chairwoman Adviser Advisor Spokesman Spokeswoman Candidate Congressman Congresswoman"
    " Attorney Director Chief Leader Minister Ambassador Lt Col Capt Sgt Coach Pastor"
    " Father Sister Brother Pope".split()
)
_SUFFIXES = frozenset("Jr Sr II III IV".split())
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten".split())
# Forms of address that tell a gender: "Mrs. Clinton" is no Bill Clinton.
_GENDER_OF_ADDRESS = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
_HEAD_CUT = re.compile(r",|\(|—|–| who\b| of\b| for\b| at\b| in\b| with\b| from\b| on\b")
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
# Stems of cue words that report saying or writing (lower case).
_SPEECH_STEMS = (
    "say",
    "said",
    "tell",
    "told",
    "writ",
    "wrote",
    "add",
    "ask",
    "not",
    "argu",
    "insist",
    "warn",
    "tweet",
    "claim",
    "declar",
    "announc",
    "explain",
    "stat",
    "acknowledg",
    "admit",
    "urg",
    "repl",
    "respond",
    "stress",
    "emphasi",
    "recall",
    "describ",
    "accus",
    "critici",
    "prais",
    "deni",
    "deny",
    "confirm",
    "reveal",
    "suggest",
    "predict",
    "promis",
    "vow",
    "pledg",
    "mention",
    "comment",
    "remark",
    "testif",
    "complain",
    "conced",
    "demand",
    "quip",
    "jok",
    "boast",
    "brag",
    "post",
    "according",
    "interview",
    "speech",
    "continu",
    "call",
    "decr",
    "denounc",
    "lament",
    "blast",
    "slam",
    "mock",
    "thank",
    "apologi",
    "assert",
    "maintain",
    "contend",
    "exclaim",
    "shout",
    "yell",
    "report",
    "question",
    "answer",
    "reply",
    "read",
    "put it",
    "joked",
    "charg",
    "attack",
    "condemn",
    "defend",
    "point",
    "cit",
    "reiterat",
    "conclud",
    "propos",
    "recount",
    "describ",
    "retort",
)
_SPEECH_WORD = re.compile(r"\b(?:" + "|".join(_SPEECH_STEMS) + r")")


@dataclass
class Label:
    """One labelled attribution: its spans (start, end) in the article's text."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int] | None
    source_text: str = ""
    cue_text: str = ""
    kind: str = "description"
    direct: bool = False
    referents: tuple[str, ...] = ()
    passage: int | None = None
    touches: frozenset[int] = frozenset()


@dataclass
class Article:
    name: str
    text: str
    passages: tuple[Passage, ...]
    starts: list[int]  # where each passage starts in `text`, -1 if not found
    ends: list[int]  # and where it ends
    labels: list[Label] = field(default_factory=list)


def held_out(names: list[str]) -> set[str]:
    """The set-aside part: every fifth article by sorted name."""
    return {name for i, name in enumerate(sorted(names)) if i % 5 == 0}


def article_names(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "train" / "text").glob("*.txt"))


def read_article(root: Path, name: str) -> Article:
    path = root / "train" / "text" / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    (document,) = (attribute_document(d) for d in read_documents(path))
    flat, where = _flatten(text)
    starts, ends, cursor = [], [], 0
    for passage in document.passages:
        wanted = _flatten(passage.text)[0]
        at = flat.find(wanted, cursor) if wanted else -1
        starts.append(where[at] if at >= 0 else -1)
        ends.append(where[at + len(wanted) - 1] + 1 if at >= 0 else -1)
        if at >= 0:
            cursor = at + len(wanted)
    article = Article(name, text, document.passages, starts, ends)
    (ann, *_) = sorted((root / "train" / "attributions").glob(f"{name}_*.ann"))
    article.labels = _read_labels(article, ann.read_text(encoding="utf-8"))
    return article


# What the archive's reader drops from a text (soft hyphens, zero-width marks).
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _flatten(text: str) -> tuple[str, list[int]]:
    """`text` without invisible marks and with each run of white space one space,
    and where each of its characters was in `text`: the archive's reader does the same."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        out.append(char)
        where.append(i)
    return "".join(out), where


def _span(info: str) -> tuple[int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", info.split(" ", 1)[1])]
    return min(numbers), max(numbers)


def _read_labels(article: Article, ann: str) -> list[Label]:
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = (parts[1].split(" ", 1)[0], _span(parts[1]))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    labels = []
    for relation in relations:
        get = {role: spans[t][1] for role, t in relation.items() if t in spans}
        label = Label(get.get("Source"), get.get("Cue"), get.get("Content"))
        text = article.text
        if label.source:
            label.source_text = text[label.source[0] : label.source[1]]
        if label.cue:
            label.cue_text = text[label.cue[0] : label.cue[1]]
        if label.content:
            label.direct = any(c in text[label.content[0] : label.content[1]] for c in '"“”')
        label.kind = source_kind(article, label)
        anchor = label.cue or label.source
        label.passage = _passage_at(article, anchor[0]) if anchor else None
        if label.passage is None and label.source:
            label.passage = _passage_at(article, label.source[0])
        ends = [e for s in (label.source, label.cue, label.content) if s for e in s] or [0, 1]
        first, last = _passage_at(article, min(ends)), _passage_at(article, max(ends) - 1)
        touched = {first, last}
        if first is not None and last is not None:
            touched.update(range(first, last + 1))
        label.touches = frozenset(touched - {None})
        labels.append(label)
    labels.sort(key=lambda label: label.source or label.cue or (0, 0))
    for i, label in enumerate(labels):
        label.referents = _referents(article, labels, i)
    return labels


def _passage_at(article: Article, offset: int) -> int | None:
    found = [(start, i) for i, start in enumerate(article.starts) if start >= 0]
    k = bisect.bisect_right(found, (offset, len(article.starts))) - 1
    if k < 0:
        return None
    i = found[k][1]
    return i if offset < article.ends[i] else None


def _head(span: str) -> str:
    cut = _HEAD_CUT.search(span)
    words = _WORD.findall(span[: cut.start()] if cut else span)
    return words[-1] if words else ""


def _bare(word: str) -> str:
    return re.sub(r"[’']s$", "", word).rstrip(".")


def _person_surnames(article: Article) -> set[str]:
    cached = getattr(article, "_surnames", None)
    if cached is None:
        cached = set()
        words = _WORD.findall(article.text)
        for before, word in itertools.pairwise(words):
            word, before = _bare(word), _bare(before)
            if not (word[:1].isupper() and before[:1].isupper()):
                continue
            if before in _ADDRESS or (before not in _NOT_GIVEN and before not in _BODY_WORDS):
                cached.add(word)
        article._surnames = cached  # type: ignore[attr-defined]
    return cached


_SEGMENTS = re.compile(r",|\(|\)|—|–| - | who\b")
_PREPOSITION = re.compile(r" (?:of|for|at|in|with|from|on)\b")


def _name_part(article: Article, span: str) -> str | None:
    """The part of a source span that names a person, if one does: "a spokeswoman,
    Anna White," -> "Anna White"; "Mr. Burman of the Tax Policy Center" -> "Mr. Burman"."""
    for segment in _SEGMENTS.split(span):
        cut = _PREPOSITION.search(segment)
        for option in ([segment[: cut.start()]] if cut else []) + [segment]:
            words = _WORD.findall(option)
            if not words:
                continue
            head = _bare(words[-1])
            if (
                head[:1].isupper()
                and head not in _BODY_WORDS
                and head not in _ADDRESS  # "Former Secretary (of State Ann Lee)"
                and head.lower() not in _NUMBER_WORDS  # "One (of the authors), Ann Lee"
                and (len(words) < 2 or _bare(words[-2]) not in _BODY_WORDS)
                and not (head.isupper() and len(head) > 1)
                and words[0].lower() not in _DETERMINERS
                and head in _person_surnames(article)
            ):
                return option
    return None


def source_kind(article: Article, label: Label) -> str:
    span = label.source_text.strip()
    low = span.lower()
    if not span:
        return "description"
    if low in _PRONOUNS:
        return "pronoun"
    if low == "who":
        return "pronoun" if _name_before(article, label.source[0]) else "description"
    if low in _GROUP_PRONOUNS:
        return "group pronoun"
    if _name_part(article, span):
        return "named"
    cut = _HEAD_CUT.search(span)
    words = _WORD.findall(span[: cut.start()] if cut else span)
    head = _bare(words[-1]) if words else ""
    first = words[0].lower() if words else ""
    if head[:1].isupper():
        return "organisation"
    if first == "the" and any(w[:1].isupper() for w in words[1:]):
        return "organisation"
    if head.lower() in _BODY_NOUNS:
        return "organisation"
    return "description"


def _name_before(article: Article, offset: int) -> str | None:
    """The capitalised name that ends right before `offset` ("Clinton, who")."""
    before = article.text[max(0, offset - 60) : offset].rstrip(" ,")
    words = _WORD.findall(before)
    name = []
    while words and words[-1][:1].isupper() and before.endswith(words[-1]):
        name.insert(0, _bare(words.pop()))
        before = before[: before.rfind(name[0])].rstrip()
    name = [w for w in name if w not in _ADDRESS]
    return " ".join(name) or None


def _name_of(article: Article, span: str) -> list[str]:
    part = _name_part(article, span) or ""
    tokens: list[str] = []
    for word in reversed([_bare(w) for w in _WORD.findall(part)]):
        if not word[:1].isupper() or word in _ADDRESS or word in _SUFFIXES:
            if tokens:
                break
            continue
        tokens.insert(0, word)
    return [w for w in tokens if len(w) != 1]  # initials aside


def _full_names(
    article: Article, word: str, offset: int, gender: str | None = None
) -> tuple[str, ...]:
    """The full names written in the article that end with `word` (or, for a given
    name, start with it): the nearest before `offset` (else the first after it),
    and the one written most often; of those whose given name does not tell the
    other `gender`, if any do not (archive.speakers.given_names: a table of
    given names, "Hillary" a woman's, "Bill" a man's)."""
    found: list[tuple[int, str]] = []
    for group in (1, 2):
        if group == 1:
            pattern = rf"\b((?:[A-Z][\w’'-]+ ){{1,2}})(?:[A-Z]\. )?{re.escape(word)}\b"
        else:
            pattern = rf"\b{re.escape(word)} ([A-Z][\w’'-]+)\b"
        for m in re.finditer(pattern, article.text):
            given = [_bare(w) for w in m.group(1).split()]
            while given and (
                given[0] in _NOT_GIVEN or given[0] in _ADDRESS or given[0] in _BODY_WORDS
            ):
                given.pop(0)
            if not given:
                continue
            other = " ".join(given)
            if group == 2 and (other in _SUFFIXES or len(other) < 2):
                continue
            found.append((m.start(), f"{other} {word}" if group == 1 else f"{word} {other}"))
        if found:
            break
    if gender is not None:
        fitting = [f for f in found if gender_of_given_name(f[1].split()[0]) in (None, gender)]
        found = fitting or found
    if not found:
        return ()
    before = [f for f in found if f[0] <= offset]
    nearest = max(before)[1] if before else min(found)[1]
    common = Counter(name for _, name in found).most_common(1)[0][0]
    return (nearest,) if common == nearest else (nearest, common)


def _resolved_names(article: Article, label: Label) -> tuple[str, ...]:
    tokens = _name_of(article, label.source_text)
    if not tokens:
        return ()
    if len(tokens) >= 2:
        return (" ".join(tokens),)
    address = re.search(rf"\b(Mrs|Mr|Ms|Miss)\.? {re.escape(tokens[0])}\b", label.source_text)
    gender = _GENDER_OF_ADDRESS[address.group(1)] if address else None
    return _full_names(article, tokens[0], label.source[0], gender) or (tokens[0],)


def _referents(article: Article, labels: list[Label], i: int) -> tuple[str, ...]:
    label = labels[i]
    if label.kind == "named":
        return _resolved_names(article, label)
    if label.kind != "pronoun":
        return ()
    if label.source_text.strip().lower() == "who":
        name = _name_before(article, label.source[0])
        if name:
            full = (name,) if " " in name else _full_names(article, name, label.source[0])
            return full or (name,)
    gender = _PRONOUN_GENDER.get(label.source_text.strip().lower())
    found: list[str] = []
    mentioned = _last_person_before(article, label.source[0], gender)
    for earlier in reversed(labels[:i]):
        if earlier.kind == "named" and earlier.referents:
            name = earlier.referents[0]
            if not _fits(name, gender):
                continue  # "she" is not Tom Hale
            if not any(same_person(name, other) for other in found):
                found.append(name)
            if len(found) == 2:
                break
    return tuple(found) + mentioned


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _fits(name: str, gender: str | None) -> bool:
    """False if `name`'s given name tells the other gender than the pronoun's."""
    return gender is None or gender_of_given_name(name.split()[0]) in (None, gender)


def _last_person_before(article: Article, offset: int, gender: str | None) -> tuple[str, ...]:
    """The person last written by name before the pronoun, resolved, whose given name
    does not tell the other gender: in its passage, else in the passage before."""
    i = _passage_at(article, offset)
    if i is None:
        return ()
    surnames = _person_surnames(article)
    for k, end in ((i, offset), (i - 1, article.ends[i - 1] if i else -1)):
        if k < 0 or article.starts[k] < 0:
            break
        before = article.text[article.starts[k] : end]
        for m in reversed(list(_WORD.finditer(before))):
            word = _bare(m.group())
            if word in surnames and word not in _NOT_GIVEN:
                name = _full_names(article, word, article.starts[k] + m.start())[:1] or (word,)
                if _fits(name[0], gender):
                    return name
    return ()


def same_person(given: str, referent: str) -> bool:
    # Both sides read alike: a referent's words lose their full stops and its
    # initials (`_bare`, `_name_of`), so the archive's name does too ("C. Stewart
    # Verdery" is the referent "Stewart Verdery").
    a, b = _name_words(given), _name_words(referent)
    if not a or not b:
        return False
    if a[-1] != b[-1]:
        return len(b) == 1 and b[0] == a[0]  # a given name alone: "Melanie"
    # The archive's first word must be among the referent's ("Madeleine" in "State
    # Madeleine Albright"); "Adviser Sidney Blumenthal" is not "Sidney Blumenthal".
    return len(a) == 1 or len(b) == 1 or a[0] in b


def _name_words(name: str) -> list[str]:
    words = [_bare(word) for word in name.split()]
    return [word for word in words if len(word) != 1] or words


def is_speech_cue(cue: str) -> bool:
    return cue.strip() == ":" or _SPEECH_WORD.search(cue.lower()) is not None


def quotes_of(passage: Passage) -> tuple[Quote, ...]:
    """The passage's quotes; for code that gives one speaker a passage, that one."""
    quotes = getattr(passage, "quotes", ())
    if quotes or not (passage.speaker or passage.speaker_as_printed):
        return quotes
    kind = "person" if passage.speaker else "description"
    printed = passage.speaker_as_printed
    return (Quote(printed, passage.speaker, kind, None, False, 0, len(passage.text)),)


def _same_words(printed: str | None, source: str) -> bool:
    if not printed:
        return False

    def norm(s: str) -> str:
        return re.sub(r"^(the|a|an) ", "", " ".join(_WORD.findall(s.lower())))

    a, b = norm(printed), norm(source)
    return bool(a and b) and (a in b or b in a)


@dataclass(repr=False)
class Score:
    """Counts over a set of articles; `table` prints them."""

    labelled: Counter = field(default_factory=Counter)  # (kind, direct, speech) -> n
    found: Counter = field(default_factory=Counter)
    given: int = 0  # distinct (passage, person) pairs the archive gives
    right: int = 0
    unjudged: int = 0  # people named inside a labelled content: see `add`
    # Kept out of the repr: a failing test on the held-out part shows figures only.
    misses: list[tuple[str, str, str, str]] = field(default_factory=list, repr=False)
    wrong: list[tuple[str, str, str]] = field(default_factory=list, repr=False)

    def add(self, article: Article) -> None:
        people: dict[int, set[str]] = {}
        printed: dict[int, list[str]] = {}
        for i, passage in enumerate(article.passages):
            for quote in quotes_of(passage):
                if quote.speaker:
                    people.setdefault(i, set()).add(quote.speaker)
                if quote.printed:
                    printed.setdefault(i, []).append(quote.printed)
        for label in article.labels:
            if label.passage is None:
                continue
            key = (label.kind, label.direct, is_speech_cue(label.cue_text))
            self.labelled[key] += 1
            if label.kind in PERSON_KINDS:
                ok = any(
                    same_person(person, referent)
                    for person in people.get(label.passage, ())
                    for referent in label.referents
                )
            else:
                ok = any(_same_words(p, label.source_text) for p in printed.get(label.passage, ()))
            if ok:
                self.found[key] += 1
            elif label.kind in PERSON_KINDS and key[2]:
                given = ", ".join(sorted(people.get(label.passage, ()))) or "-"
                self.misses.append((label.kind, label.source_text, label.cue_text, given))
        for i, persons in people.items():
            person_labels = [
                label
                for label in article.labels
                if label.kind in PERSON_KINDS and i in label.touches
            ]
            inside = [
                article.text[label.content[0] : label.content[1]]
                for label in article.labels
                if label.content and i in label.touches
            ]
            described = {
                quote.speaker
                for quote in quotes_of(article.passages[i])
                if quote.speaker
                and quote.printed
                and quote.printed.split()[0].lower() in _DETERMINERS | {"his", "her"}
                and any(
                    _same_words(quote.printed, label.source_text)
                    for label in article.labels
                    if label.kind not in PERSON_KINDS and i in label.touches
                )
            }
            for person in persons:
                if person in described and not any(
                    same_person(person, r) for label in person_labels for r in label.referents
                ):
                    # "the president added", resolved to the president the story
                    # named: the labels give a description and do not say who.
                    self.unjudged += 1
                    continue
                if not any(
                    same_person(person, r) for label in person_labels for r in label.referents
                ) and any(re.search(rf"\b{re.escape(person.split()[-1])}\b", c) for c in inside):
                    # "X said, according to a pool report": the labels, one to a
                    # token, cannot show the attribution inside the content.
                    self.unjudged += 1
                    continue
                self.given += 1
                if any(
                    same_person(person, referent)
                    for label in person_labels
                    for referent in label.referents
                ):
                    self.right += 1
                else:
                    sources = ", ".join(label.source_text for label in person_labels) or "-"
                    self.wrong.append((article.name, person, sources))

    def recall(self, speech_only: bool = True) -> float:
        keys = [k for k in self.labelled if k[0] in PERSON_KINDS and (k[2] or not speech_only)]
        total = sum(self.labelled[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else 0.0

    def precision(self) -> float:
        return self.right / self.given if self.given else 0.0

    def table(self) -> str:
        lines = [
            f"{'source kind':<14} {'direct':>16} {'indirect':>16}"
            f" {'speech cues':>16} {'all cues':>16}"
        ]
        for kind in KINDS:
            cells = []
            for test in (
                lambda k: k[1] and k[2],
                lambda k: not k[1] and k[2],
                lambda k: k[2],
                lambda k: True,
            ):
                keys = [k for k in self.labelled if k[0] == kind and test(k)]
                n = sum(self.labelled[k] for k in keys)
                f = sum(self.found[k] for k in keys)
                cells.append(f"{f:>5}/{n:<5} {f / n if n else 0:.2f}")
            lines.append(f"{kind:<14} " + " ".join(f"{c:>16}" for c in cells))
        lines.append(
            f"person sources (named + pronoun): precision {self.precision():.3f}"
            f" ({self.right}/{self.given} passage-person pairs given,"
            f" {self.unjudged} not judged: see polnear),"
            f" recall {self.recall():.3f} on speech cues, {self.recall(False):.3f} on all cues"
        )
        return "\n".join(lines)


def score(root: Path, names: list[str]) -> Score:
    result = Score()
    for name in names:
        result.add(read_article(root, name))
    return result


def main() -> None:  # pragma: no cover - a tool for tuning on the "tune" part only
    import argparse
    import os

    parser = argparse.ArgumentParser(description="PolNeAR attribution scores")
    parser.add_argument("part", choices=("tune", "held-out"))
    parser.add_argument("--misses", type=int, default=0, help="print N misses (tune part only)")
    args = parser.parse_args()
    root = Path(os.environ.get("ARCHIVE_CORPUS") or Path(__file__).parents[3] / "shared" / "corpus")
    root = root / "news-polnear"
    names = article_names(root)
    out = held_out(names)
    chosen = [n for n in names if (n in out) == (args.part == "held-out")]
    result = score(root, chosen)
    print(result.table())
    if args.misses and args.part == "tune":
        print("\nmisses (kind, source, cue, given):")
        for miss in result.misses[: args.misses]:
            print("  ", miss)
        print("\nwrong (article, given, labelled sources in passage):")
        for wrong in result.wrong[: args.misses]:
            print("  ", wrong)


if __name__ == "__main__":
    main()
