"""Speech verbs that name a deed: by the words after them ("claimed a victory",
"maintains a lead", "adding to his wins"), or when nothing said goes with them.

"Hale testified before the panel", "Eric Hale called.", "Hale called into
the show" or "He tweets @jo_hale." report no words: with no quotation in the
sentence, no colon and no "that", a careful reader learns that something
happened (or where one may read him), not what was said. "Hale testified
that the plan failed" and '"It failed," Hale testified' still report speech.
("Hale posted a photo" stays speech: a post says something, as a letter does.)
"""

from __future__ import annotations

import re

# Told by the words after the verb: "claimed a victory", "maintains a lead", "added to
# her lead", "adding to his wins".
_DEED_AFTER = re.compile(
    r"(?:claim(?:ed|s|ing)|maintain(?:ed|s)|add(?:ed|s) to) (?:a|an|the|his|her|their|its)"
    r" (?:[\w-]+ )?"
    r"(?:victory|win|lead|seat|title|nomination|prize|credit|share|advantage|edge|majority)\b"
    r"|maintain(?:ed|s) (?:a|an|the) |adding to\b"
)
# Verbs that report words only with a quotation or a "that" clause.
_NEEDS_WORDS = frozenset(("testified",))
# "called" of a telephone call: "Eric Hale called.", "Hale called into the show".
_PHONED = re.compile(r"\s*(?:[.;]|(?:into|in to|in|back)\b)")
# A handle alone after "tweets": "He tweets @jo_hale." says where, not what.
_HANDLE = re.compile(r"\s*(?:at\s+)?@\w+\s*(?:[.;]|$)")
_TWEETS = frozenset(("tweets", "tweeted"))
# What says a sentence holds words: a quotation mark, a colon, "that".
_WORDS = re.compile(r"[\"“”:]|''|\bthat\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def is_deed(masked: str, cue: re.Match[str]) -> bool:
    """True if the speech verb `cue` of a paragraph whose quotes are masked tells of
    a deed, not of words: "Hale testified before the panel"."""
    if _DEED_AFTER.match(masked, cue.start()):
        return True
    verb = cue.group()
    if verb == "called":
        return _PHONED.match(masked, cue.end()) is not None
    if verb in _TWEETS:
        return _HANDLE.match(masked, cue.end()) is not None
    if verb not in _NEEDS_WORDS:
        return False
    start = max(masked.rfind(". ", 0, cue.start()) + 1, 0)
    end = _SENTENCE_END.search(masked, cue.end())
    sentence = masked[start : end.start() if end else len(masked)]
    return _WORDS.search(sentence) is None
