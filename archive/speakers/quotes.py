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
- "he" or "she" is the person opening its sentence whose gender is known
  to fit, else a person named earlier in it (not with "'s"), or opening
  the sentence before, else the latest speaker whose
  gender fits (from Mr, Mrs, Ms, Sir, spokeswoman ..., else a given name
  that tells it: "he" is not Ann Lee) up to four paragraphs back, else the
  person that fits named first in this paragraph or the one before,
  speaking or not ("Ann Lee arrived. 'It was cold,' she said.");
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
from dataclasses import replace

from archive.model import Quote
from archive.speakers.cast import NOBODY, Attribution, Source
from archive.speakers.cues import (
    SPEECH_VERB,
    cues_of,
    mask_quotes,
    quote_spans,
    quoted_spans,
    sentence_ends,
)
from archive.speakers.names import (
    DETERMINERS,
    PERSON_NOUNS,
    PREPOSITIONS,
    PROXIES,
    Named,
    Reading,
    capitalised,
    possessive,
)
from archive.speakers.phrases import DESCRIPTIONS
from archive.speakers.subjects import SENTENCE_END, Pronoun, SubjectReader

__all__ = ["NOBODY", "SPEECH_VERB", "Attribution", "attribute", "mask_quotes", "quoted_spans"]


def attribute(paragraphs: list[str]) -> list[Attribution]:
    """Who speaks in each paragraph of one news story.

    >>> attribute(["Philip Hammond told MPs it was so.", "Mr Hammond said: \\"Yes.\\""])[1]
    Attribution(name='Philip Hammond', printed='Mr Hammond', role=None)
    """
    return _Reader(paragraphs).read(paragraphs)


class _Reader(SubjectReader):
    """One pass over a story, paragraph by paragraph; the cast remembers who is who."""

    def read(self, paragraphs: list[str]) -> list[Attribution]:
        results: list[Attribution] = []
        previous = NOBODY
        for at, (paragraph, reading) in enumerate(zip(paragraphs, self.cast.readings, strict=True)):
            self.cast.paragraph = at
            result = self._paragraph(paragraph, reading)
            if result is None:
                opens_quote = paragraph.lstrip()[:1] in ('"', "“") or paragraph.lstrip()[:2] == "''"
                result = _running_on(previous, paragraph, self.quoted) if opens_quote else NOBODY
            results.append(result)
            previous = result
        return [self.cast.complete(result) for result in results]

    def _paragraph(self, paragraph: str, cued: Reading | None) -> Attribution | None:
        # The cast has read the paragraph already: what it read outside quotes holds.
        quoted = self.quoted = quoted_spans(paragraph)
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
        forward: set[int] = set()  # cues that report only what follows them
        backward: set[int] = set()  # cues whose speaker follows them: they report what is before
        for verb in cues_of(masked):
            starts = reading.starts  # found only for paragraphs with a verb
            v = bisect.bisect_left(starts, verb.start())
            after = bisect.bisect_left(starts, verb.end())
            while registered < len(runs) and runs[registered][1] <= v:
                self._remember(words, runs[registered])
                registered += 1
            found = self._subject(words, runs, v, after, verb.lastgroup)
            if isinstance(found, str):
                continue  # SKIP
            # Names after the verb are remembered only once it is settled who spoke:
            # in "the US President said ... President Assad" Mr Assad is not the President meant.
            settled = self._settle(words, runs, found)
            if settled.printed or settled.name or settled.role:
                quotes.append(self._quote(settled, found, verb))
                if verb.lastgroup in ("saying", "participle"):
                    forward.add(len(cues))  # '... "New York values," saying ...'
                elif self.speaker_after:
                    backward.add(len(cues))  # "..., said Steve Grubbs, an operative."
                cues.append(verb.span())
            if verb.lastgroup in ("according", "saying", "participle"):
                fallback = fallback or settled
            elif outcome is None:
                outcome = settled
        for run in runs[registered:]:
            self._remember(words, run)
        result = outcome or fallback
        if result is None:
            return None
        spans = quote_spans(
            paragraph,
            sentence_ends(masked, paragraph),
            quoted,
            cues,
            frozenset(forward),
            frozenset(backward),
        )
        # Quote's fields, its span put in: made once, not made and then replaced.
        placed = tuple(
            Quote(q.printed, q.speaker, q.kind, q.cue, d, s, e, q.role)
            for q, (s, e, d) in zip(quotes, spans, strict=True)
        )
        return Attribution(result.name, result.printed, result.role, placed)

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
        if isinstance(outcome, Pronoun):
            return self._pronoun(words, runs, outcome)
        if isinstance(outcome, Source):
            return self.cast.source_speaks(outcome)
        assert isinstance(outcome, Named)
        return self.cast.speaks(outcome)

    def _remember(self, words: list[str], run: tuple[int, int]) -> None:
        name = self._name(words, run)
        if name is not None:
            start, end = run
            # "Ann Lee's", "with Ann Lee", "Lee spokesman", "Lee and Ng": no one person
            # that a later "he" or "she" goes back to.
            before = words[start - 1] if start else ""
            after = words[end].lower() if end < len(words) else ""
            aside = possessive(words[end - 1]) or before in PREPOSITIONS or before in _JOINING
            aside = aside or after in DESCRIPTIONS or after in _JOINING
            self.cast.remember(name, start, aside=bool(aside))

    def _pronoun(
        self, words: list[str], runs: list[tuple[int, int]], pronoun: Pronoun
    ) -> Attribution:
        wrong = "f" if pronoun.gender == "m" else "m"
        sentence = max((i for i in range(pronoun.index) if words[i] in SENTENCE_END), default=-1)
        # "Joe Ng was with Ann Lee at the depot, he said": who opens the sentence, if
        # their gender is known to fit.
        name = self._opening_name(words, runs, sentence + 1, pronoun.index)
        if name and self.cast.gender(name) == pronoun.gender:
            return self.cast.speaks(name)
        for run in reversed(runs):
            if not (sentence < run[0] and run[1] <= pronoun.index):
                continue
            if possessive(words[run[1] - 1]):
                continue  # "After Joe Ng's speech, she said": not Mr Ng
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
            start = max((i + 1 for i in range(sentence) if words[i] in SENTENCE_END), default=0)
            name = self._opening_name(words, runs, start, sentence)
            if name and self.cast.gender(name) != wrong:
                return self.cast.speaks(name)
        return self.cast.pronoun(wrong, pronoun.index)


def _running_on(previous: Attribution, paragraph: str, spans: list[tuple[int, int]]) -> Attribution:
    """A paragraph that opens a quotation with no cue of its own goes on with the
    previous paragraph's main speaker (`spans`: its quotations, `quoted_spans`)."""
    if not (previous.name or previous.printed or previous.role) or not spans:
        return replace(previous, quotes=())
    first, end = spans[0]
    said = paragraph[first:end]
    own_cue = said.rstrip().endswith(",") or _CUE_AFTER.match(paragraph, end)
    # '"Broad City" Star Asked ...': a title inside a sentence, not a quotation.
    titled = not said.rstrip().endswith(_QUOTE_ENDS) and _WORD_AFTER.match(paragraph, end)
    own_cue = own_cue or titled
    if len(said.split()) < _SHORTEST_RUN_ON or said.isupper() or own_cue:
        # '"Related:"', a heading in capitals, or '"Out!" the crowd yelled': a quote
        # with a cue of its own that no rule reads, not the previous speaker's.
        return NOBODY
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


# Words that join two people: "Ann Lee and Joe Ng".
_JOINING = frozenset(("and", "or", "&"))
# How a quoted sentence ends, and a word going on after its closing mark.
_QUOTE_ENDS = tuple(".?!,;:—–-…")
_WORD_AFTER = re.compile(r"(?:[\"”]|'')\s*[A-Za-z]")
# A quotation that runs on from the previous paragraph has a few words at least.
_SHORTEST_RUN_ON = 2
# After a quotation's closing mark, words that go on its sentence: its own cue
# ('"Out!" the crowd yelled'); a quotation closing with a comma has one too.
_CUE_AFTER = re.compile(r"(?:[\"”]|'')\s*[a-z]")


def _capitalised_phrase(printed: str | None) -> bool:
    """True for "The Kremlin", "Time Warner", "the BBC"; not for "officials"."""
    words = (printed or "").split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if not words or words[-1].lower() in PROXIES or words[-1].lower() in PERSON_NOUNS:
        return False  # "Officials" opening a sentence
    return all(capitalised(word) or word in ("of", "and") for word in words)
