"""Appositions in news prose: the person named before or after a description set off by
commas, and the speaker that `subjects` reads from it.

"Mr Hammond, the foreign secretary, said"; "Matthew Prince, chief executive of
CloudFlare, a San Francisco company, said"; "Senator Ann Reed of Ohio, a party
elder, said"; '"...," said his friend at college, Bo Turry, who ...'. The class
here is one part of `subjects.SubjectReader`, which gives it `_named`.
"""

from __future__ import annotations

from dataclasses import replace

from archive.speakers.alternatives import ends_a_listed_object
from archive.speakers.clause import (
    LONGEST_APPOSITION,
    LONGEST_BRACKET,
    LONGEST_DESCRIPTION,
    SENTENCE_OPENERS,
    SKIP,
    abbreviation_dot,
    bracket_open,
    clause_word,
    is_comma,
    run_ending_at,
)
from archive.speakers.names import PREPOSITIONS, TIME_WORDS, Named, is_word
from archive.speakers.phrases import (
    DESCRIPTIONS,
    LONGEST_PHRASE,
    phrase_start,
    role_of_phrase,
)

# Dashes that set off an apposition: "Joyce — a lawyer — told".
DASHES = frozenset(("—", "–"))


# What may follow a name that ends a clause: "said voter Jo Hale of Derry", "says
# political scientist Jo Hale in Almaty", "said Cruz voter Jo Hale when asked".
_AFTER_NAME = frozenset("of in at on during before after when while who".split())


# The small words of a body's or a place's name after a person's: "of the Church of
# Christ in Marion".
_OF_PLACE = frozenset(("of", "in", "at", "the", "for", "and"))


def _inside_clause(words: list[str], i: int) -> bool:
    """True for a quotation mark with lower-case words of its clause around it: the
    title in 'Jo Hale, author of "Going Viral," about the web, said'."""
    if words[i] not in ('"', "“", "”"):
        return False
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    return (before.islower() and before.isalpha()) or (after.islower() and after.isalpha())


class Appositions:
    """The rules for a speaker named in or before an apposition."""

    def _named(self, words: list[str], run: tuple[int, int], subject: bool) -> Named | None:
        raise NotImplementedError  # `subjects.SubjectReader` knows who is a person

    def reading_name(self, run: tuple[int, int]) -> Named | None:
        raise NotImplementedError  # the name a run of the paragraph being read spells

    def _unclosed_apposition(
        self, words: list[str], runs: list[tuple[int, int]], k: int
    ) -> Named | None:
        start = phrase_start(words, k)
        if start is None or start < 2 or words[start - 1] != ",":
            return None
        run = run_ending_at(runs, start - 1)
        if run is None or not (run[0] == 0 or words[run[0] - 1] in SENTENCE_OPENERS):
            return None
        named = self._named(words, run, subject=True)
        return named if named and (len(named.tokens) >= 2 or named.titled) else None

    def _of_place(self, words: list[str], runs: list[tuple[int, int]], start: int) -> Named | None:
        """The person before "of" a place or a body that ends a subject: "Senator Barbara
        Boxer of California said", "Robert Gordon of the Brookings Institution said"."""
        at = start - 1
        if at >= 1 and words[at] == "the":
            at -= 1
        if at < 1 or words[at] != "of":
            return None
        run = run_ending_at(runs, at)
        if run is None or ends_a_listed_object(words, run[0]):
            return None  # "a study by Lee and Hale of Leeds found": the study speaks
        named = self._named(words, run, subject=True)
        if named is None or not (len(named.tokens) >= 2 or named.titled):
            return None
        return named

    def _apposition(
        self, words: list[str], runs: list[tuple[int, int]], k: int
    ) -> Named | str | None:
        """The person before an apposition that ends with the comma at `k`: "Mr Hammond,
        the foreign secretary, said"; SKIP when it cannot be one; None when there is none."""
        named = self._clause_opener(words, runs, k)
        if named is not None:
            return named
        if words[k - 1] == ")":
            # "Sen. Jack Reed (D-R.I.), said"
            opening = bracket_open(words, k - 1)
            run = run_ending_at(runs, opening) if opening is not None else None
            return (self._named(words, run, subject=True) if run else None) or SKIP
        if not is_comma(words[k]):
            return None
        run = run_ending_at(runs, k)
        if run and run[0] > 0 and words[run[0] - 1] == ",":
            # "Amanda's uncle, Lewis Champion, told the BBC"
            return self._named(words, run, subject=False) or SKIP
        for j in range(k - 1, max(k - 13, -1), -1):
            if words[j] == ",":
                # "One pastor backing Mr Hale, Jo Moss of Grace Church in Marion, said":
                # a person named whole between the commas speaks, as "Amanda's uncle,
                # Lewis Champion, told" does.
                named = self._segment_name(words, runs, j + 1, k)
                if named is not None:
                    return named
                run = run_ending_at(runs, j)
                named = self._named(words, run, subject=True) if run else None
                if named is None:
                    return SKIP
                role = role_of_phrase(words[j + 1 : k])
                return replace(named, role=role) if role else named
            if not (is_word(words[j]) or words[j][0].isdigit() or words[j] == "-"):
                break
        return None

    def _dashed(self, words: list[str], runs: list[tuple[int, int]], k: int) -> Named | None:
        """The person before an apposition set off by dashes that closes at `k`: "Joyce
        — a lawyer who no longer practises — told the paper"."""
        for i in range(k - 1, max(k - LONGEST_APPOSITION, 0), -1):
            if words[i] in DASHES:
                run = run_ending_at(runs, i)
                return self._named(words, run, subject=True) if run else None
            if words[i] in SENTENCE_OPENERS and not abbreviation_dot(words, i):
                return None
        return None

    def _described_name(
        self, words: list[str], runs: list[tuple[int, int]], start: int, strict: bool = False
    ) -> Named | None:
        """The person named after a short description that follows the verb, the name
        ending the clause: "said former Massachusetts congressman Barney Frank, who".
        `strict`: the description's words are not all known ones, so none may be a
        word of a clause ("said voters had told Mr Smith")."""
        for run in runs:
            if run[0] <= start:
                continue
            if run[0] - start > LONGEST_DESCRIPTION:
                return None
            between = words[start : run[0]]
            if not all(is_word(word) and word.lower() not in PREPOSITIONS for word in between):
                return None  # "said former aide to Mr Smith": the aide is not Mr Smith
            if strict and any(clause_word(word) for word in between):
                return None
            end = run[1]
            if end < len(words) and is_word(words[end]) and words[end] not in _AFTER_NAME:
                continue  # "said former Massachusetts congressman": a name goes on
            return self._named(words, run, subject=True)
        return None

    def _clause_opener(self, words: list[str], runs: list[tuple[int, int]], k: int) -> Named | None:
        """The person a clause opens with when a long apposition runs from them to the
        comma at `k`: "Matthew Prince, chief executive of CloudFlare, a San Francisco
        company, said"; "Sen. Jack Reed (D-R.I.), a member, said"; "Jessie Elkins, 70, said"."""
        depth, commas, i = 0, [], k - 1
        while i >= max(k - LONGEST_APPOSITION, 0):
            word = words[i]
            if word == ")":
                depth += 1
            elif word == "(":
                depth -= 1
                if depth < 0:
                    return None
            elif _inside_clause(words, i):
                pass  # 'Jo Hale, author of "Going Viral," about the web, said'
            elif (word in SENTENCE_OPENERS and not abbreviation_dot(words, i)) or word == "'":
                break  # a sentence's start, or a quotation's end in '' marks
            elif depth == 0 and is_comma(word):
                commas.append(i)
            i -= 1
        else:
            if i >= 0:
                return None  # too long to be read as one clause
        start = i + 1
        commas.reverse()
        if not commas or commas[0] <= start:
            return None
        named = self._segment_name(words, runs, start, commas[0])
        if (
            named is None
            and len(commas) >= 2
            and not self._segment_is_name(runs, start, commas[0])
            and "that" not in words[start : commas[0]]
        ):
            # "Trump's Indiana chairman, Rex Early, a former state party chairman, said";
            # not "Hale warned that the leader, Jo Moss, ..., said an aide": after "that" the
            # name stands by a word of its clause.
            named = self._segment_name(words, runs, commas[0] + 1, commas[1])
            first = commas[1]
        else:
            first = commas[0]
        if named is None:
            return None
        role = role_of_phrase(words[first + 1 : k]) if first < k else None
        return replace(named, role=role) if role else named

    def _segment_is_name(self, runs: list[tuple[int, int]], start: int, end: int) -> bool:
        """True if the words from `start` to `end` are a name, though of no person."""
        run = next((r for r in runs if r[0] == start), None)
        return run is not None and run[1] == end and self.reading_name(run) is not None

    def _segment_name(
        self, words: list[str], runs: list[tuple[int, int]], start: int, end: int
    ) -> Named | None:
        """The person a comma-delimited segment from `start` to `end` names whole."""
        if words[end - 1] == ")":
            opening = bracket_open(words, end - 1)
            if opening is None or end - 1 - opening > LONGEST_BRACKET:
                return None
            end = opening  # "Rep. Elijah Cummings (D-Md.), chair of ..."
        i = start
        while i < end and words[i].lower() in DESCRIPTIONS:
            i += 1  # "former tech executive Carly Fiorina, ..."
        run = next((r for r in runs if r[0] <= i < r[1]), None)
        if run is not None and run[1] < end and run[1] + 1 < end and words[run[1]] == "of":
            # "Senator John Cornyn of Texas, the No. 2 Republican, said"
            place = run_ending_at(runs, end)
            if place is not None and place[0] in (run[1] + 1, run[1] + 2):
                end = run[1]
            elif all(w[:1].isupper() or w in _OF_PLACE for w in words[run[1] : end]):
                end = run[1]  # "Jo Hale of Grace Baptist Church in Marion, ..."
        if run is None or run[1] != end:
            return None
        if words[run[0]].lower() in PREPOSITIONS and not TIME_WORDS.intersection(words[i:end]):
            return None  # "At Boca West, where ..., Jay Ross, the club's head, said"
        return self._named(words, run, subject=True)

    def _named_after_description(
        self, words: list[str], runs: list[tuple[int, int]], start: int, end: int
    ) -> Named | None:
        """The person named in apposition after a description that follows the verb:
        "said another Twitter user, Jo Bayer.", "said his friend, Bo Turry, who"."""
        while end < len(words) and end - start < LONGEST_PHRASE and words[end] != ",":
            if not is_word(words[end]) or clause_word(words[end]):
                return None  # "said his friend at Lehigh, Bo Turry": a phrase runs on to it
            end += 1
        if not (end + 1 < len(words) and words[end] == ","):
            return None
        run = next((r for r in runs if r[0] == end + 1), None)
        if run is None:
            return None
        after = words[run[1]] if run[1] < len(words) else "."
        if is_word(after) and after not in ("who", "of"):
            return None
        named = self._named(words, run, subject=False)
        return named if named and (len(named.tokens) >= 2 or named.titled) else None
