"""The words that report speech, the quotation marks, and where a quote lies in a paragraph.

`SPEECH_VERB` finds the cues ("said", "told", "according to", ", adding");
`mask_quotes` blanks out what is quoted, since attribution lives outside
quotes; `quote_spans` gives the characters each cue reports: the quotation in
its sentence, or the sentence itself for reported speech.
"""

from __future__ import annotations

import bisect
import re

from archive.speakers.deeds import is_deed

# Verbs that report what someone said or wrote, in the forms news uses. Kept
# to speech: "agreed" or "believes" report a state of mind more than words.
# "asked" counts only when it asks about something, not when someone "asked
# Mr Putin to" do a thing; "called" not in "so-called".
_VERBS = (
    "said says say told tells warned warns added adds insisted insists claimed claims"
    " announced announces argued argues explained explains stated acknowledged acknowledges"
    " urged urges replied replies declared declares stressed stresses admitted admits"
    " conceded concedes questioned confirmed confirms denied denies revealed reveals"
    " wrote writes noted notes tweeted tweets suggested suggests recalled recalls responded"
    " responds predicted predicts promised promises pledged pledges vowed vows complained"
    " complains emphasized emphasised emphasizes emphasises cautioned cautions countered"
    " remarked commented testified boasted joked quipped lamented laments demanded demands"
    " observed posted blasted slammed criticized criticised criticizes accused"
    " accuses praised praises called calls described describes predicted maintained maintains"
    " contended contends asserted asserts mused wondered retorted echoed reiterated"
    " mocked mocks thanked defended defends touted touts concluded concludes answered answers"
    " reports proposed proposes cited cites condemned condemns denounced denounces recounted"
    " recounts reiterates conceded lamented"
    " exclaimed yelled shouted"
)
_PARTICIPLES = (
    "saying adding noting arguing insisting telling warning writing asking explaining tweeting"
    " questioning denouncing criticizing criticising praising condemning proposing announcing"
    " claiming calling describing accusing stressing suggesting urging citing declaring"
    " predicting promising vowing"
)

# Participles that only report speech: "adding", "calling" or "citing" may not.
_SPOKEN = (
    "saying noting arguing insisting telling warning asking explaining tweeting claiming"
    " stressing suggesting urging declaring predicting promising vowing accusing"
)

# After "is" or "was": "is telling", "was insisting" (not "was calling off").
_PROGRESSIVES = (
    "saying telling insisting arguing warning stressing emphasizing emphasising criticizing"
    " criticising pledging promising vowing thanking claiming declaring urging predicting"
    " noting accusing complaining tweeting writing asking"
)


def _alternatives(words: str) -> str:
    """A pattern matching any of `words`, the longest first, written as a tree of
    their letters ("sa(?:id|ys?)"): Python's re tries the alternatives of a flat
    list one by one at every word of a paragraph, a tree only along one branch."""
    tree: dict = {}
    for word in words.split():
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    branches = [re.escape(letter) + _branches(rest) for letter, rest in node.items() if letter]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word may end here or go on: going on is tried first, as the longest word.
    return f"(?:{body})?" if "" in node else body


# The first words of the cues that are not in the lists above: every alternative
# of SPEECH_VERB starts with a word of the lists or of these.
_OPENERS = (
    "is was are were according According made makes hit hits pointed points asked asks"
    " reported shot fired charged continued"
)
_FIRST = " ".join({*" ".join((_VERBS, _PARTICIPLES, _SPOKEN, _OPENERS)).split()})
_FIRST_WORDS = _alternatives(_FIRST)
_FIRST_LETTERS = "".join(sorted({word[0] for word in _FIRST.split()}))
SPEECH_VERB = re.compile(
    # Every form starts a word with one of these letters, and with one of the first
    # words: cheap tests that most places in a paragraph fail, before the
    # alternatives are tried one by one (twice as fast over news paragraphs).
    rf"(?=[{_FIRST_LETTERS}])(?<![\w-])(?=(?:{_FIRST_WORDS})\b)(?:"
    r"\b(?P<reported>(?:is|was|are|were) (?:said|reported|understood|believed) to have"
    r" (?:told|said|warned|urged|asked|insisted|claimed|argued|admitted))\b"
    r"|\b(?P<according>[Aa]ccording to)\b"
    # "Trump is telling voters ...": a live blog's present, read as "Trump tells".
    r"|\b(?P<progressive>(?:is|was|are|were) (?:also |now |still )?"
    rf"(?:{_alternatives(_PROGRESSIVES)}))\b"
    # ", saying ...", ", adding ...", "— saying ...": the sentence's subject speaks.
    rf"|(?:(?<=, )|(?<=[\"”—–] )|(?<='' ))(?P<saying>{_alternatives(_PARTICIPLES)})\b"
    # "while saying ...", "with Donald Trump tweeting ...".
    rf"|(?<=[\w.] )(?P<participle>{_alternatives(_SPOKEN)})\b"
    rf"|\b(?:{_alternatives(_VERBS)}|made clear|makes clear|hit out|hits out|pointed out|points out"
    r"|ask(?:ed|s)(?=\s*[.,:;?!\"“”]| (?:about|whether|if|why|what|how|for|on|in|during|at)\b"
    r"| (?:me|him|her|them|us|reporters)\s*[.,:;?!\"“”]"
    # "Hannity asked Trump how high the wall would be": someone asked a question.
    r"| (?:the )?[\w’'.-]+(?: [A-Z][\w’'-]+)? (?:if|whether|how|what|why|when|where|who|which"
    r"|about|a (?:\w+ )?question)\b)"
    # '"Why?" asked Bennett': after a quotation the verb needs nothing more.
    r"|(?:(?<=[\"”] )|(?<='' ))asked"
    r"|reported(?! from\b)|(?:shot|fired) back|charged(?= that\b|\s*[,:\"“])"
    r"|continued(?=\s*[.,:;\"“”]))\b"
    r")"
)

# A name and a colon before a quotation: 'Rep. Trey Gowdy (R-S.C.): "I have ..."'.
COLON = re.compile(r"(?P<colon>:)(?=\s*(?:[\"“]|''))")


def cues_of(masked: str) -> list[re.Match[str]]:
    """The cues of a paragraph whose quotes are masked, in order: speech verbs and
    colons before a quotation."""
    found = [m for m in SPEECH_VERB.finditer(masked) if not is_deed(masked, m)]
    if ":" in masked:
        found.extend(COLON.finditer(masked))
        found.sort(key=re.Match.start)
    return found


# A quotation: its opening mark, what it holds, its closing mark if any. Two
# apostrophes stand for a double quotation mark in some wire copy ('' ... ''); an
# opening mark after a quotation's last comma and before a space closes it (a typo:
# '“It is rare,“ said Jo Hale'). (What it holds is written as runs without an
# apostrophe, each apostrophe not doubled: the same as "any character but a double
# mark, and no '' " tried at each, in half the time.)
_QUOTED = re.compile(r"([\"“]|'')([^\"”“']*(?:'(?!')[^\"”“']*)*)([\"”]|''|(?<=[,.?!])“(?=\s)|)")


def mask_quotes(text: str) -> str:
    """Blank out what is inside double quotation marks, keeping the marks and offsets.

    Attribution lives outside quotes: a "said" inside one belongs to someone
    else's sentence. An unclosed quote runs to the end of the paragraph.
    """
    return _QUOTED.sub(_blank, text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the words inside quotation marks are: what `mask_quotes` blanks out."""
    return [m.span(2) for m in _QUOTED.finditer(text) if m.end(2) > m.start(2)]


def _blank(quoted: re.Match[str]) -> str:
    return quoted.group(1) + " " * len(quoted.group(2)) + quoted.group(3)


# A sentence ends at ., ! or ? before white space (in text whose quotes are
# masked), unless it ends an abbreviation: "Mr.", "Sen.", an initial.
_STOP = re.compile(r"[.!?][\"”']*(?=\s)")
_ABBREVIATIONS = frozenset("Mr Ms Mrs Dr St Sen Rep Gov Del Lt Gen Jr Sr Prof Rev".split())


# An initial, or initials before their last full stop: "R", "J.M", "U.S".
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


# A quotation that ends its sentence: `open."` then a capital (masked text hides the stop).
_QUOTE_STOP = re.compile(r"[.!?][\"”’']+(?=\s+[\"“‘']?[A-Z])")


def sentence_ends(masked: str, text: str | None = None) -> list[int]:
    """Where each sentence of a paragraph ends (its last one aside); with the `text`
    unmasked, also where a quotation ends its sentence with its own full stop."""
    ends = []
    for match in _STOP.finditer(masked):
        at = match.start()
        if masked[at] == ".":
            word = masked[max(0, at - 4) : at].rsplit(None, 1)[-1] if at else ""
            if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
                continue
        ends.append(match.end())
    if text is not None:
        ends = sorted(set(ends) | {m.end() for m in _QUOTE_STOP.finditer(text)})
    return ends


# What follows a cue that ends its sentence, not what it reports: "..., she said on Friday".
_AFTER_A_LATE_CUE = frozenset(
    "on in at during yesterday today tonight last this to from earlier later after before "
    "when while via through according".split()
)


def quote_spans(
    text: str,
    ends: list[int],
    quoted: list[tuple[int, int]],
    cues: list[tuple[int, int]],
    forward: frozenset[int] = frozenset(),
    backward: frozenset[int] = frozenset(),
) -> list[tuple[int, int, bool]]:
    """(start, end, direct) of what each cue of a paragraph reports.

    `cues` are the (start, end) of the paragraph's cue words in order. A
    quotation belongs to the nearest cue of its sentence: several speakers in
    one sentence each get their own words; a cue whose index is in `forward`
    (", saying") reports only what follows it, one in `backward` (", said X,
    a pollster") what comes before it. A cue with no quotation reports
    the words after it to the next cue or the sentence's end, or, when little
    follows it ("..., the minister said."), the sentence before it.
    """
    sentence = [bisect.bisect_right(ends, start) for start, _ in cues]
    owned: dict[int, list[tuple[int, int]]] = {}
    for q_start, q_end in quoted:
        k = bisect.bisect_right(ends, q_start)
        near = [
            (q_start - c_end if q_start >= c_end else c_start - q_end, i)
            for i, (c_start, c_end) in enumerate(cues)
            if sentence[i] == k and (q_start >= c_end or i not in forward)
        ]
        if near:
            owned.setdefault(min(near)[1], []).append((q_start, q_end))
    spans = []
    for i, (c_start, c_end) in enumerate(cues):
        if i in owned:
            spans.append((owned[i][0][0], owned[i][-1][1], True))
            continue
        k = sentence[i]
        first = ends[k - 1] if k else 0
        last = ends[k] if k < len(ends) else len(text)
        later = [cues[j][0] for j in range(i + 1, len(cues)) if sentence[j] == k]
        start, end = c_end, min([last, *later])
        after = text[start:end].split()
        if i in backward or len(after) < 2 or after[0].lower().strip(",") in _AFTER_A_LATE_CUE:
            start, end = first, c_start  # "..., the minister said (on Friday)."
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        spans.append((start, end, False))
    return spans
