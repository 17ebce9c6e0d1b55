"""Reading the subject of one speech verb in a news paragraph: who the verb's speaker is.

`SubjectReader` holds the paragraph being read (its text and the cast's
reading of its words) and finds, for one cue, the words that name its
speaker: a name before the verb ("Philip Hammond told MPs") or after it
('"...," said Mr Hammond'), a name before an apposition ("Mr Hammond, the
foreign secretary, said"), the subject of the sentence for ", saying", the
object of "according to", a pronoun (settled later against the cast), or a
description ("a Syrian military official"). What the speaker then resolves
to is the cast's (archive.speakers.cast); quotes.py reads the paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from archive.speakers.alternatives import ends_a_listed_object, one_of_several
from archive.speakers.appositions import DASHES, Appositions
from archive.speakers.cast import NOBODY, Attribution, Cast, Source
from archive.speakers.clause import (
    BETWEEN,
    LONGEST_BRACKET,
    MEANS,
    POSSESSIVE_PRONOUNS,
    QUOTE_MARKS,
    SENTENCE_OPENERS,
    SKIP,
    TIME_OPENERS,
    adverb,
    before_time,
    bracket_open,
    clause_word,
    is_comma,
    run_ending_at,
)
from archive.speakers.names import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    EMPTY_SUBJECTS,
    NOT_NAME,
    OCCUPATIONS,
    PASSIVE,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    TIME_WORDS,
    Named,
    Reading,
    is_word,
    possessive,
    title_case,
)
from archive.speakers.phrases import (
    DESCRIPTIONS,
    LONGEST_PHRASE,
    OPENERS,
    describes,
    names_a_source,
    phrase_end,
    phrase_head,
    phrase_start,
    role_of_phrase,
    speaks_for,
)

SENTENCE_END = frozenset(".!?")
# Words that may open a sentence before its subject: "And then Trump went ..., saying".
_LEADING = frozenset("and but then so yet still also later meanwhile now instead".split())
# How many commas of an opening phrase the subject may follow.
_OPENING_COMMAS = 4
# Verbs whose subject "and" may leave out: "X met them and said ...".
_JOINED = frozenset("said says told tells added adds wrote writes".split())
# Subjects that "'s" shortens "has" after: "he's said", "who’s argued".
_HAS_SHORTENED = frozenset((*PRONOUNS, "who"))
# After these verbs comes who listened, not who spoke: "..., told BBC Radio 4".
_TO_LISTENER = frozenset(("told", "tells"))
# After these comes whom the words are about or to, never who spoke them: "...,"
# thanked Obama for the steps' is someone else's thanks.
_OF_SOMEONE = frozenset(
    "thanked praised praises criticized criticised criticizes accused accuses blasted"
    " slammed mocked mocks defended defends denounced denounces condemned condemns urged"
    " urges called calls described describes cited cites".split()
)
# What may follow a speaker named after the verb: "said Mr Hammond in a statement".
_AFTER_SPEAKER = PREPOSITIONS | frozenset(("who", "and", "adding"))
# Lower-case words that describe the person named after them.


@dataclass(frozen=True)
class Pronoun:
    """A pronoun subject ("he said"), settled against the cast once read."""

    gender: str
    index: int


# Before a participle these leave its subject the sentence's: "Hale soared in the
# polls by saying ...", "Hale was booed after telling ..." ("without saying" says nothing).
_OWN_PARTICIPLE = frozenset("while by after before upon when".split())
# What opens a description after the verb: '"...," said another voter'.
_PHRASE_OPENERS = OPENERS | frozenset(("another", "one"))


class SubjectReader(Appositions):
    """The paragraph being read and the rules that find a cue's speaker in it."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.cast = Cast(paragraphs)
        self.text = ""  # the paragraph being read, as read and its words
        self.reading = Reading("")
        self.words: list[str] = []
        self.speaker_after = False  # the last cue's speaker stands after it: "..., said X."

    def _subject(
        self, words: list[str], runs: list[tuple[int, int]], v: int, after: int, form: str | None
    ) -> Named | Pronoun | Source | Attribution | str:
        self.speaker_after = False  # set when the speaker is read after the verb
        if form == "according":
            alone = after + 1 >= len(words) or not is_word(words[after + 1])
            if after < len(words) and words[after] in ("him", "her") and alone:
                return Pronoun("m" if words[after] == "him" else "f", after)
            return self._object(words, runs, after, according=True)
        if form == "saying":
            return self._sentence_subject(words, runs, v)
        if form == "participle":
            return self._participle(words, runs, v)
        if form == "colon":
            return self._before_colon(words, runs, v)
        by = after < len(words) and words[after] == "by"
        if by and not (after + 1 < len(words) and words[after + 1] in MEANS):
            return SKIP  # "announced by the Trade Secretary": a passive; not "said by phone"
        k = before_time(words, v - 1)
        # Lower case only: "Mrs May said" is no "may said".
        while k >= 0 and (words[k] in BETWEEN or adverb(words[k])):
            if words[k] in PASSIVE:
                return SKIP
            k -= 1
        if k < 0 or not is_word(words[k]):
            return self._inverted(words, runs, k, after, words[v])
        word = words[k].lower()
        shortened = word[-2:] in ("'s", "’s") and word[:-2] in _HAS_SHORTENED
        if shortened:
            if after < len(words) and words[after] == "to":
                return SKIP  # "he's said to be ill": he is said, a passive
            word = word[:-2]  # "she's argued", "who's said": she has, who has
        if (
            word == "to"
            or word in DETERMINERS
            or word in PREPOSITIONS
            or word in POSSESSIVE_PRONOUNS
            or (possessive(words[k]) and not shortened)
        ):
            # "to have told", "amid claims", "the says", "Hale's proposed ban": not a
            # speech verb here.
            return SKIP
        if word in PRONOUNS:
            return Pronoun(PRONOUNS[word], k)
        if word in EMPTY_SUBJECTS:
            return NOBODY  # "it said", "they say"
        if word in ("and", "but") and words[v] in _JOINED:
            # "McConnell was quick to embrace him and said ...": the sentence's subject.
            s = max((i + 1 for i in range(v) if words[i] in SENTENCE_END), default=0)
            run = next((r for r in runs if r[0] >= s), None)
            if run is not None and possessive(words[run[1] - 1]):
                return NOBODY  # "Bennett's sister went ... and told": not Bennett
            found = self._sentence_subject(words, runs, v)
            return found if isinstance(found, (Named, Pronoun)) else NOBODY
        if word == "who":
            # "Jeremy Corbyn, who said ..."
            end = k - 1 if k >= 1 and words[k - 1] == "," else k
            run = run_ending_at(runs, end)
            named = self._named(words, run, subject=False) if run else None
            return named or (self._phrase_before(words, end - 1) if end > 0 else NOBODY)
        run = run_ending_at(runs, k + 1)
        if run and words[v] == "said" and self._joint(words, runs, run[0]):
            return NOBODY  # "Mr Hammond and Mr Kerry said": two speakers
        if run and (one_of_several(words, run[0]) or ends_a_listed_object(words, run[0])):
            return SKIP  # "for Hale or Moss said", "a study by Lee and Hale found"
        named = self._named(words, run, subject=True) if run else None
        if named is None and run:
            named = self._of_place(words, runs, run[0])
        if named:
            return named
        found = self._phrase_before(words, k)
        if isinstance(found, Source) and not found.role:
            # "Sam Lau, the communications director for the party said": an
            # apposition whose closing comma is missing, after the sentence's first name.
            named = self._unclosed_apposition(words, runs, k)
        return named or found

    def _inverted(
        self, words: list[str], runs: list[tuple[int, int]], k: int, after: int, verb: str
    ) -> Named | Source | Attribution | str:
        if k >= 1 and words[k] == "," and words[k - 1] not in QUOTE_MARKS:
            # "Brian Fallon, a spokesman for the campaign, said the Clintons were ...":
            # a comma after words, not after a quotation, closes an apposition.
            found = self._apposition(words, runs, k)
            if isinstance(found, Named):
                return found  # else "..., said Steve Grubbs, an Iowa operative." may follow
        # '"...," said Mr Hammond' and '"...," said the spokesman'.
        follows = after < len(words) and is_word(words[after])
        follows = follows and verb not in _TO_LISTENER and verb not in _OF_SOMEONE
        # "Sen. Ann Lee (D-Vt.) said Sunday that ...": a day after the verb is no speaker.
        follows = follows and words[after] not in TIME_WORDS
        if follows and (
            any(run[0] == after for run in runs) or words[after].lower() in _PHRASE_OPENERS
        ):
            found, end = self._object_at(words, runs, after, according=True)
            # '..., said the spokesman.', not '..., said Fiat Auto was now ...'
            ends_clause = end >= len(words) or not is_word(words[end])
            if found != SKIP and (ends_clause or words[end].lower() in _AFTER_SPEAKER):
                self.speaker_after = True
                return found
        elif follows and words[after].lower() in DESCRIPTIONS:
            # '"...," said defence secretary Micheal Fallon.'
            named = self._opening_name(words, runs, after, len(words))
            # '"...," said former Massachusetts congressman Barney Frank.'
            named = named or self._described_name(words, runs, after)
            if named:
                self.speaker_after = True
                return named
        elif follows and words[after].islower() and k >= 0 and words[k] in QUOTE_MARKS:
            # '"...," said retired neurosurgeon Ben Carson.': after a quotation the
            # speaker follows, whatever job describes them.
            named = self._described_name(words, runs, after, strict=True)
            if named:
                self.speaker_after = True
                return named
        if k >= 0 and words[k] == ")":
            # "Sen. Chuck Grassley (R-Iowa) said"
            opening = bracket_open(words, k)
            run = run_ending_at(runs, opening) if opening is not None else None
            if run and k - opening <= LONGEST_BRACKET:
                return self._named(words, run, subject=True) or SKIP
        if k >= 0 and is_comma(words[k]):
            return self._apposition(words, runs, k) or SKIP
        if k >= 0 and words[k] in DASHES:
            return self._dashed(words, runs, k) or SKIP
        return SKIP

    def _object(
        self, words: list[str], runs: list[tuple[int, int]], start: int, according: bool = False
    ) -> Named | Source | Attribution | str:
        """The speaker written after the verb: "said Mr Hammond", "according to a monitor"."""
        return self._object_at(words, runs, start, according)[0]

    def _object_at(
        self, words: list[str], runs: list[tuple[int, int]], start: int, according: bool
    ) -> tuple[Named | Source | Attribution | str, int]:
        """The speaker after the verb and where it ends."""
        run = next((r for r in runs if r[0] == start), None)
        named = self._named(words, run, subject=False) if run else None
        if named and (possessive(words[run[1] - 1]) or _noun_after(words, run[1])):
            named = None  # "according to Lazar's plea agreement", "White House-era documents"
        end = phrase_end(words, start)
        inner = run_ending_at(runs, end)
        if inner and (inner[0] <= start or words[inner[0] - 1].lower() in _BODIES):
            inner = None  # "according to the activist group Mosul Eye": a body's name
        if named is None and inner and _describing(words[start : inner[0]]):
            # "said The Libertine's executive producer Marc Samuelson"
            run, named = inner, self._named(words, inner, subject=True)
        elif named and inner and inner[0] > run[1] and _describing(words[run[1] : inner[0]]):
            # "said Cruz constituent Dan Golvach": the name after the description
            run, named = inner, self._named(words, inner, subject=True)
        if named is None or run is None:
            named = self._named_after_description(words, runs, start, end)
            if named:
                return named, end
            source = self._phrase_after(words, start)
            if according and not _is_source(words, start, source):
                return SKIP, start  # "according to plan", "said the film was"
            return source, end
        end = run[1]
        if end + 1 < len(words) and words[end] == ",":
            # '..., said Mr Hammond, the foreign secretary.'
            role = role_of_phrase(words[end + 1 : phrase_end(words, end + 1)])
            if role:
                return replace(named, role=role), end
        return named, end

    def _sentence_subject(
        self, words: list[str], runs: list[tuple[int, int]], v: int
    ) -> Named | Pronoun | Source | str:
        # "Russia began air strikes, saying ...": the sentence's subject speaks.
        s = max((i + 1 for i in range(v) if words[i] in SENTENCE_END), default=0)
        while s < v and words[s].lower() in _LEADING:
            s += 1  # "And then Trump went on the attack, saying"
        if s + 2 < v and words[s + 1] in DASHES and words[s].isupper():
            s += 2  # a dateline: "DAYTON — Sen. Ann Lee (R-Ohio) on Monday ... and said"
        if s < len(words) and words[s].lower() in PRONOUNS:
            return Pronoun(PRONOUNS[words[s].lower()], s)
        named = self._opening_name(words, runs, s, v)
        if named:
            return named
        # "Before the convention, Police Chief Calvin Williams lobbied ..., saying":
        # the subject after an opening phrase ("At a rally in Portsmouth, N.H., on
        # Tuesday, Senator Bernie Sanders endorsed her, saying").
        commas = [i for i in range(s, v) if is_comma(words[i])][:_OPENING_COMMAS]
        for n, comma in enumerate(commas):
            if comma + 1 >= v:
                break
            if n and not _short_phrase(words[commas[n - 1] + 1 : comma]):
                break  # "..., the company wrote a letter to its president, Lee Bollinger, calling"
            if words[comma + 1].lower() in PRONOUNS:
                return Pronoun(PRONOUNS[words[comma + 1].lower()], comma + 1)
            named = self._opening_name(words, runs, comma + 1, v)
            if named:
                return named
        if commas and commas[0] + 1 < v and words[s] in NOT_NAME:
            return SKIP  # "In", "Before": no body
        run = next((r for r in runs if r[0] == s), None)
        lone = run is not None and run[1] - run[0] == 1 and run[1] < v and not possessive(words[s])
        lone = lone and words[s].lower() not in TIME_OPENERS  # "Late last month, ..."
        if lone and words[s + 1].islower() and words[s + 1] not in DESCRIPTIONS:
            return Source(self._slice(s, s), None, None, person=False)  # "Russia began"
        return SKIP

    def _before_colon(self, words: list[str], runs: list[tuple[int, int]], v: int) -> Named | str:
        """The person named right before a colon that opens a quotation: 'Carl Bialik:
        "..."', 'Rep. Trey Gowdy (R-S.C.): "..."'; nothing else speaks so."""
        k = v
        if k and words[k - 1] == ")":
            opening = bracket_open(words, k - 1)
            k = opening if opening is not None else k
        run = run_ending_at(runs, k)
        if run is None or "by" in words[max(0, run[0] - 3) : run[0]]:
            return SKIP  # '"A headline," by the Times' Jo Smith: "..."': who wrote it
        return self._named(words, run, subject=True) or SKIP

    def _participle(
        self, words: list[str], runs: list[tuple[int, int]], v: int
    ) -> Named | Pronoun | Source | str:
        """A participle not after a comma: "while saying ..." or "by telling ..." is the
        sentence's subject's, "with Donald Trump tweeting ..." the named person's."""
        if v and words[v - 1] in _OWN_PARTICIPLE:
            return self._sentence_subject(words, runs, v)
        run = run_ending_at(runs, v)
        if run and run[0] and words[run[0] - 1] == "with":
            return self._named(words, run, subject=False) or SKIP
        return SKIP

    def _opening_name(
        self, words: list[str], runs: list[tuple[int, int]], s: int, limit: int
    ) -> Named | None:
        """The person a sentence starting at `s` opens with, past descriptions of them:
        "Conservative co-chairman Liam Fox derided ..."."""
        i = s
        while i < limit:
            run = next((r for r in runs if r[0] == i), None)
            if run is None:
                if words[i].lower() not in DESCRIPTIONS and "-" not in words[i]:
                    return None
                i += 1
                continue
            if run[1] < limit and words[run[1]].lower() in DESCRIPTIONS:
                i = run[1]  # "Tory leader Michael Howard", "Obama adviser David Axelrod"
                continue
            if possessive(words[run[1] - 1]):
                return None  # "Hillary Clinton's right-hand woman rallied ..."
            if run[1] < limit and words[run[1]] == "and":
                return None  # "Hale and other leaders shunned him, claiming": many speak
            return self._named(words, run, subject=True)
        return None

    def _joint(self, words: list[str], runs: list[tuple[int, int]], start: int) -> bool:
        if start < 2 or words[start - 1] != "and":
            return False
        other = run_ending_at(runs, start - 1)
        return other is not None and self._named(words, other, subject=True) is not None

    def _named(self, words: list[str], run: tuple[int, int], subject: bool) -> Named | None:
        """The person named by `run`, or None if it names no person here."""
        name = self._name(words, run)
        if name is None or len(name.tokens) > 4:
            return None
        start, _ = run
        if (
            subject
            and start > 0
            and words[start - 1] in PREPOSITIONS
            and words[start] not in TIME_WORDS
        ):
            return None  # "talks with Mr Hammond"
        if subject and speaks_for(words, start):
            return None  # "a spokeswoman for UN envoy Staffan de Mistura"
        if start > 0 and words[start - 1].lower() in _BODIES and not name.titled:
            return None  # "the consulting firm Oxford Economics"; not "campaign Chairman Jo Li"
        return name if self.cast.is_person(name) else None

    def reading_name(self, run: tuple[int, int]) -> Named | None:
        return self.reading.name(run)

    def _name(self, words: list[str], run: tuple[int, int]) -> Named | None:
        # `words` are always the reading's, which knows its names.
        name = self.reading.name(run)
        start, end = run
        at_start = start == 0 or words[start - 1] in SENTENCE_OPENERS
        if name is None or len(name.tokens) < 3 or not at_start or end - start != len(name.tokens):
            return name
        # "Singer Sam Endicott", "Defiant Matt Williams": a capital that only opens the sentence.
        opener = name.tokens[0].lower()
        if opener in OCCUPATIONS or self.cast.is_full_name(name.tokens[1:]):
            shorter = self.reading.name((start + 1, end))
            if shorter and opener in OCCUPATIONS:
                return replace(shorter, titled=True, role=title_case([opener]))
            return shorter
        return name

    def _phrase_before(self, words: list[str], last: int) -> Source | Attribution | str:
        """The subject description that ends at word `last`: "the UK foreign secretary"."""
        if words[last].lower() in CLAUSE_WORDS:
            return NOBODY  # "... and said"
        start = phrase_start(words, last)
        return SKIP if start is None else self._describe(words, start, last)

    def _phrase_after(self, words: list[str], start: int) -> Source | Attribution | str:
        end = phrase_end(words, start)
        if end == start:
            return NOBODY
        return self._describe(words, start, end - 1)

    def _describe(self, words: list[str], first: int, last: int) -> Source | Attribution | str:
        phrase = words[first : last + 1]
        if not phrase or len(phrase) > LONGEST_PHRASE:
            return NOBODY
        printed = self._slice(first, last)
        role = role_of_phrase(phrase)
        if role:
            return Source(printed, role, None, person=True)
        head = phrase_head(phrase).lower()
        if head in AUXILIARIES or head in EMPTY_SUBJECTS:
            return SKIP  # "..., too says BT" read backwards
        return Source(printed, None, PERSON_NOUNS.get(head), person=head in PERSON_NOUNS)

    def _slice(self, first: int, last: int) -> str:
        starts = self.reading.starts
        return self.text[starts[first] : starts[last] + len(self.words[last])]


# Lower-case heads of bodies: a name after them is the body's, not a person's.
_BODIES = frozenset(
    "group company organization organisation network newspaper agency firm website site"
    " magazine channel station party committee union coalition institute foundation paper"
    " outlet publication tabloid broadcaster pac campaign organizer".split()
)


def _noun_after(words: list[str], end: int) -> bool:
    """True if a lower-case word that goes on a noun phrase follows a name: "White
    House-era documents", not "said Jo Marsh in a statement" nor "Jo Marsh, who"."""
    if end >= len(words) or not words[end].islower():
        return False
    return not (clause_word(words[end]) or words[end] in PREPOSITIONS or words[end] == "adding")


def _short_phrase(words: list[str]) -> bool:
    """True for a short piece of an opening phrase between two commas: "N.H.", "on Tuesday"."""
    return 0 < len(words) <= 4 and (words[0][:1].isupper() or words[0] in PREPOSITIONS)


def _describing(words: list[str]) -> bool:
    """True if `words` may describe the name after them: "executive producer", "Monmouth
    University political scientist", "constituent"; not "was" or "to"."""
    return describes(words) or all(
        is_word(word) and not clause_word(word) and word.lower() not in PREPOSITIONS
        for word in words
    )


def _is_source(words: list[str], start: int, source: Source | Attribution) -> bool:
    """True if what follows "according to" can be a source: a body, an office, a person."""
    if not isinstance(source, Source):
        return False
    return bool(source.role or source.person) or names_a_source(
        words[start : phrase_end(words, start)]
    )
