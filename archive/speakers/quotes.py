"""Who speaks in a news paragraph: a few attribution rules that prefer precision to recall.

In each paragraph the first speech verb outside quotation marks whose
subject can be read decides ("according to X" and ", saying" only when no
plain verb does); see `Attribution` for what is given back:

- a name right before the verb ("Philip Hammond told MPs", "..., Mr Hammond
  said"), right after it ('"...," said Mr Hammond') or after "according to"
  is the speaker. An office written with the name, here or earlier in the
  story, is the speaker's role ("Defence Secretary Micheal Fallon");
- a bare surname ("Mr Hammond", "Fallon") becomes the latest full name with
  that surname seen earlier in the story, spoken or only mentioned; a
  surname the story never gives in full earlier takes the one full name it
  gives later ("President Obama ... Barack Obama");
- a capitalised pair that the story repeats whole but never shortens to a
  surname, titles or follows with "who" is a body, not a person: "Time
  Warner said" is an unnamed source, and so are "Downing Street insists"
  and "The Kremlin says";
- "he" or "she" is a person named earlier in the same sentence, or opening
  the sentence before, else the latest speaker whose gender fits (known
  only from Mr, Mrs, Ms, Sir, spokeswoman ...);
- an office alone ("the foreign secretary said") is the person the story
  gave that office before, else a role for the catalog to resolve by date;
- any other subject is an unnamed source, kept as printed ("a Syrian
  military official"), even when it speaks for someone named;
- a paragraph that opens with a quotation mark and has no attribution of its
  own goes on with the previous paragraph's quote, and so with its speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from archive.model import Quote
from archive.speakers.cast import NOBODY, Attribution, Cast, Source
from archive.speakers.cues import (
    SPEECH_VERB,
    mask_quotes,
    quote_spans,
    quoted_spans,
    sentence_ends,
)
from archive.speakers.names import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    EMPTY_SUBJECTS,
    LOWER_TITLES,
    OCCUPATIONS,
    PASSIVE,
    PERSON_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    PROXIES,
    ROLE_MODIFIERS,
    SOURCE_NOUNS,
    TIME_WORDS,
    Named,
    Reading,
    capitalised,
    is_word,
    possessive,
    title_case,
)
from archive.speakers.phrases import (
    LONGEST_PHRASE,
    OPENERS,
    phrase_end,
    phrase_head,
    phrase_start,
    role_of_phrase,
    speaks_for,
)

__all__ = ["NOBODY", "SPEECH_VERB", "Attribution", "attribute", "mask_quotes", "quoted_spans"]


_SENTENCE_END = frozenset(".!?")
# What comes before a sentence's first word.
_SENTENCE_OPENERS = frozenset('.!?:"“')
# After these verbs comes who listened, not who spoke: "..., told BBC Radio 4".
_TO_LISTENER = frozenset(("told", "tells"))
# What may follow a speaker named after the verb: "said Mr Hammond in a statement".
_AFTER_SPEAKER = PREPOSITIONS | frozenset(("who", "and", "adding"))
# Lower-case words that describe the person named after them.
_DESCRIPTIONS = LOWER_TITLES | ROLE_MODIFIERS | OCCUPATIONS | frozenset(PERSON_NOUNS)


@dataclass(frozen=True)
class _Pronoun:
    gender: str
    index: int


_SKIP = "skip"  # this verb tells nothing; try the next one


def attribute(paragraphs: list[str]) -> list[Attribution]:
    """Who speaks in each paragraph of one news story.

    >>> attribute(["Philip Hammond told MPs it was so.", "Mr Hammond said: \\"Yes.\\""])[1]
    Attribution(name='Philip Hammond', printed='Mr Hammond', role=None)
    """
    return _Reader(paragraphs).read(paragraphs)


class _Reader:
    """One pass over a story, paragraph by paragraph; the cast remembers who is who."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.cast = Cast(paragraphs)
        self.text = ""  # the paragraph being read, as read and its words
        self.reading = Reading("")
        self.words: list[str] = []

    def read(self, paragraphs: list[str]) -> list[Attribution]:
        results: list[Attribution] = []
        previous = NOBODY
        for paragraph, reading in zip(paragraphs, self.cast.readings, strict=True):
            result = self._paragraph(paragraph, reading)
            if result is None:
                opens_quote = paragraph.lstrip()[:1] in ('"', "“") or paragraph.lstrip()[:2] == "''"
                result = _running_on(previous, paragraph) if opens_quote else NOBODY
            results.append(result)
            previous = result
        return [self.cast.complete(result) for result in results]

    def _paragraph(self, paragraph: str, cued: Reading | None) -> Attribution | None:
        # The cast has read the paragraph already: what it read outside quotes holds.
        quoted = quoted_spans(paragraph)
        masked = mask_quotes(paragraph) if quoted else paragraph
        if cued is None:
            reading = Reading(masked)
        else:
            reading = cued.without(masked, quoted) if quoted else cued
        self.text, self.reading, self.words = paragraph, reading, reading.words
        words, runs = reading.words, reading.runs
        registered = 0
        outcome: Attribution | None = None
        # "according to" and ", saying" give way to a plain speech verb later in
        # the paragraph as its main speaker: they report what someone holds more
        # than what they said. Every cue that names a speaker gives a quote.
        fallback: Attribution | None = None
        quotes: list[Quote] = []
        cues: list[tuple[int, int]] = []  # each quote's cue word: its span is found after
        for verb in SPEECH_VERB.finditer(masked):
            starts = reading.starts  # found only for paragraphs with a verb
            v = bisect.bisect_left(starts, verb.start())
            after = bisect.bisect_left(starts, verb.end())
            while registered < len(runs) and runs[registered][1] <= v:
                self._remember(words, runs[registered])
                registered += 1
            found = self._subject(words, runs, v, after, verb.lastgroup)
            if isinstance(found, str):
                continue  # _SKIP
            # Names after the verb are remembered only once it is settled who spoke:
            # in "the US President said ... President Assad" Mr Assad is not the President meant.
            settled = self._settle(words, runs, found)
            if settled.printed or settled.name or settled.role:
                quotes.append(self._quote(settled, found, verb))
                cues.append(verb.span())
            if verb.lastgroup in ("according", "saying"):
                fallback = fallback or settled
            elif outcome is None:
                outcome = settled
        for run in runs[registered:]:
            self._remember(words, run)
        result = outcome or fallback
        if result is None:
            return None
        spans = quote_spans(paragraph, sentence_ends(masked, paragraph), quoted, cues)
        quotes = [
            replace(q, start=s, end=e, direct=d) for q, (s, e, d) in zip(quotes, spans, strict=True)
        ]
        return replace(result, quotes=tuple(quotes))

    def _quote(self, said: Attribution, found: object, verb: re.Match[str]) -> Quote:
        """The quote a cue gives, its span to be found with the paragraph's others."""
        if said.name or said.role:
            kind = "person"
        elif isinstance(found, Source) and not found.person and _capitalised_phrase(said.printed):
            kind = "organisation"
        else:
            kind = "description"
        return Quote(said.printed, said.name, kind, verb.group(), False, 0, 0, said.role)

    def _settle(
        self, words: list[str], runs: list[tuple[int, int]], outcome: object
    ) -> Attribution:
        if isinstance(outcome, Attribution):
            return outcome
        if isinstance(outcome, _Pronoun):
            return self._pronoun(words, runs, outcome)
        if isinstance(outcome, Source):
            return self.cast.source_speaks(outcome)
        assert isinstance(outcome, Named)
        return self.cast.speaks(outcome)

    # Reading the subject of one speech verb.

    def _subject(
        self, words: list[str], runs: list[tuple[int, int]], v: int, after: int, form: str | None
    ) -> Named | _Pronoun | Source | Attribution | str:
        if form == "according":
            return self._object(words, runs, after, according=True)
        if form == "saying":
            return self._sentence_subject(words, runs, v)
        if after < len(words) and words[after] == "by":
            return _SKIP  # "announced by the Trade Secretary": a passive
        k = v - 1
        # Lower case only: "Mrs May said" is no "may said".
        while k >= 0 and words[k] in AUXILIARIES | PASSIVE:
            if words[k] in PASSIVE:
                return _SKIP
            k -= 1
        if k < 0 or not is_word(words[k]):
            return self._inverted(words, runs, k, after, words[v])
        word = words[k].lower()
        if word == "to" or word in DETERMINERS or word in PREPOSITIONS:
            return _SKIP  # "to have told", "amid claims", "the says": not a speech verb here
        if word in PRONOUNS:
            return _Pronoun(PRONOUNS[word], k)
        if word in EMPTY_SUBJECTS:
            return NOBODY  # "it said", "they say"
        if word == "who":
            # "Jeremy Corbyn, who said ..."
            end = k - 1 if k >= 1 and words[k - 1] == "," else k
            run = _run_ending_at(runs, end)
            named = self._named(words, run, subject=False) if run else None
            return named or (self._phrase_before(words, end - 1) if end > 0 else NOBODY)
        run = _run_ending_at(runs, k + 1)
        if run and words[v] == "said" and self._joint(words, runs, run[0]):
            return NOBODY  # "Mr Hammond and Mr Kerry said": two speakers
        named = self._named(words, run, subject=True) if run else None
        return named or self._phrase_before(words, k)

    def _inverted(
        self, words: list[str], runs: list[tuple[int, int]], k: int, after: int, verb: str
    ) -> Named | Source | Attribution | str:
        # '"...," said Mr Hammond' and '"...," said the spokesman'.
        follows = after < len(words) and is_word(words[after]) and verb not in _TO_LISTENER
        if follows and (
            any(run[0] == after for run in runs) or words[after].lower() in DETERMINERS
        ):
            found, end = self._object_at(words, runs, after, according=True)
            # '..., said the spokesman.', not '..., said Fiat Auto was now ...'
            ends_clause = end >= len(words) or not is_word(words[end])
            if found != _SKIP and (ends_clause or words[end].lower() in _AFTER_SPEAKER):
                return found
        elif follows and words[after].lower() in _DESCRIPTIONS:
            # '"...," said defence secretary Micheal Fallon.'
            named = self._opening_name(words, runs, after, len(words))
            if named:
                return named
        # Apposition: "Mr Hammond, the foreign secretary, said".
        if k >= 0 and words[k] == ",":
            run = _run_ending_at(runs, k)
            if run and run[0] > 0 and words[run[0] - 1] == ",":
                # "Amanda's uncle, Lewis Champion, told the BBC"
                return self._named(words, run, subject=False) or _SKIP
            for j in range(k - 1, max(k - 10, -1), -1):
                if words[j] == ",":
                    run = _run_ending_at(runs, j)
                    named = self._named(words, run, subject=True) if run else None
                    if named is None:
                        return _SKIP
                    role = role_of_phrase(words[j + 1 : k])
                    return replace(named, role=role) if role else named
                if not (is_word(words[j]) or words[j][0].isdigit()):
                    break
        return _SKIP

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
        end = phrase_end(words, start)
        inner = _run_ending_at(runs, end)
        if named is None and inner and inner[0] > start and _describes(words[start : inner[0]]):
            # "said The Libertine's executive producer Marc Samuelson"
            run, named = inner, self._named(words, inner, subject=True)
        if named is None or run is None:
            source = self._phrase_after(words, start)
            if according and not _is_source(words, start, source):
                return _SKIP, start  # "according to plan", "said the film was"
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
    ) -> Named | _Pronoun | Source | str:
        # "Russia began air strikes, saying ...": the sentence's subject speaks.
        s = max((i + 1 for i in range(v) if words[i] in _SENTENCE_END), default=0)
        if s < len(words) and words[s].lower() in PRONOUNS:
            return _Pronoun(PRONOUNS[words[s].lower()], s)
        named = self._opening_name(words, runs, s, v)
        if named:
            return named
        run = next((r for r in runs if r[0] == s), None)
        lone = run is not None and run[1] - run[0] == 1 and run[1] < v and not possessive(words[s])
        if lone and words[s + 1].islower() and words[s + 1] not in _DESCRIPTIONS:
            return Source(self._slice(s, s), None, None, person=False)  # "Russia began"
        return _SKIP

    def _opening_name(
        self, words: list[str], runs: list[tuple[int, int]], s: int, limit: int
    ) -> Named | None:
        """The person a sentence starting at `s` opens with, past descriptions of them:
        "Conservative co-chairman Liam Fox derided ..."."""
        i = s
        while i < limit:
            run = next((r for r in runs if r[0] == i), None)
            if run is None:
                if words[i].lower() not in _DESCRIPTIONS and "-" not in words[i]:
                    return None
                i += 1
                continue
            named = self._named(words, run, subject=True)
            if named or run[1] >= limit or words[run[1]].lower() not in _DESCRIPTIONS:
                return named
            i = run[1]  # "Tory" in "Tory leader Michael Howard"
        return None

    def _joint(self, words: list[str], runs: list[tuple[int, int]], start: int) -> bool:
        if start < 2 or words[start - 1] != "and":
            return False
        other = _run_ending_at(runs, start - 1)
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
        return name if self.cast.is_person(name) else None

    def _name(self, words: list[str], run: tuple[int, int]) -> Named | None:
        # `words` are always the reading's, which knows its names.
        name = self.reading.name(run)
        start, end = run
        at_start = start == 0 or words[start - 1] in _SENTENCE_OPENERS
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
        return _SKIP if start is None else self._describe(words, start, last)

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
            return _SKIP  # "..., too says BT" read backwards
        return Source(printed, None, PERSON_NOUNS.get(head), person=head in PERSON_NOUNS)

    def _slice(self, first: int, last: int) -> str:
        starts = self.reading.starts
        return self.text[starts[first] : starts[last] + len(self.words[last])]

    def _remember(self, words: list[str], run: tuple[int, int]) -> None:
        name = self._name(words, run)
        if name is not None:
            self.cast.remember(name)

    def _pronoun(
        self, words: list[str], runs: list[tuple[int, int]], pronoun: _Pronoun
    ) -> Attribution:
        wrong = "f" if pronoun.gender == "m" else "m"
        sentence = max((i for i in range(pronoun.index) if words[i] in _SENTENCE_END), default=-1)
        for run in reversed(runs):
            if not (sentence < run[0] and run[1] <= pronoun.index):
                continue
            name = self._named(words, run, subject=False)
            if (
                name is not None
                and (len(name.tokens) >= 2 or name.honorific)
                and self.cast.gender(name) != wrong
            ):
                return self.cast.speaks(name)
        if sentence > 0:
            # "Tory leader Michael Howard accused ... . He told Sky News": the
            # sentence before, in the same paragraph, opens with who "he" is.
            start = max((i + 1 for i in range(sentence) if words[i] in _SENTENCE_END), default=0)
            name = self._opening_name(words, runs, start, sentence)
            if name and self.cast.gender(name) != wrong:
                return self.cast.speaks(name)
        return self.cast.latest(wrong)


def _running_on(previous: Attribution, paragraph: str) -> Attribution:
    """A paragraph that opens a quotation with no cue of its own goes on with the
    previous paragraph's main speaker."""
    spans = quoted_spans(paragraph)
    if not (previous.name or previous.printed or previous.role) or not spans:
        return replace(previous, quotes=())
    quote = Quote(
        previous.printed,
        previous.name,
        previous.quotes[0].kind if previous.quotes else "person",
        None,
        True,
        spans[0][0],
        spans[-1][1],
        previous.role,
    )
    return replace(previous, quotes=(quote,))


def _capitalised_phrase(printed: str | None) -> bool:
    """True for "The Kremlin", "Time Warner", "the BBC"; not for "officials"."""
    words = (printed or "").split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if not words or words[-1].lower() in PROXIES or words[-1].lower() in PERSON_NOUNS:
        return False  # "Officials" opening a sentence
    return all(capitalised(word) or word in ("of", "and") for word in words)


def _is_source(words: list[str], start: int, source: Source | Attribution) -> bool:
    """True if what follows "according to" can be a source: a body, an office, a person."""
    if not isinstance(source, Source):
        return False
    if source.role or source.person:
        return True
    phrase = words[start : phrase_end(words, start)]
    if phrase[0].lower() in ("his", "her", "their", "its"):
        return False
    head = phrase_head(phrase).lower()
    # "the BBC", "a Downing Street report", "Reuters"; not "British rules".
    if phrase[0].lower() in DETERMINERS:
        named = any(capitalised(word) for word in phrase[1:])
    else:
        named = all(capitalised(word) for word in phrase)
    return named or head in SOURCE_NOUNS or head.rstrip("s") in SOURCE_NOUNS


def _describes(words: list[str]) -> bool:
    """True if `words` only describe the name after them: "the BBC's", "executive producer"."""
    return all(
        capitalised(word) or word.lower() in _DESCRIPTIONS or word.lower() in OPENERS
        for word in words
    )


def _run_ending_at(runs: list[tuple[int, int]], end: int) -> tuple[int, int] | None:
    return next((run for run in runs if run[1] == end), None)
