"""Page clutter: the navigation, captions, adverts and link lists that scrapers keep.

Only whole lines are ever dropped, and only lines that match a known shape:
losing a line of body text is worse than keeping a line of clutter.
"""

from __future__ import annotations

import re

# Lines that are never body text. Each entry says where it comes from so a
# reader can judge whether a new pattern belongs here.
CLUTTER_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Accessibility links at the top of most sites.
        r"^(?:skip|jump) to (?:main )?(?:content|navigation)$",
        # BBC image credits; scrapers glue the image's alt text in front of them.
        # Case matters here: "a case about image copyright." is body text.
        r"(?-i:\bImage copyright\b)[^.!?]{0,60}$",
        # BBC captions under pictures and videos.
        r"^(?:image|media) caption\b",
        # ITV / Independent photo captions end with the agency credit.
        r"\bcredit: ?[\w/&.,' -]{1,40}$",
        # Advert slot labels.
        r"^(?:advertisement|sponsored(?: content)?)$",
        # Live pages: the banner and the pager.
        r"^live(?: updates)?$",
        r"^load more(?: updates| stories| posts| comments)?$",
        # A bare "Updated" label; an "Updated 9 December 2015" line is a date line instead.
        r"^updated$",
        # Headers of link lists to other stories.
        r"^(?:more on this story|related (?:stories|topics|articles|content|internet links)"
        r"|top stories|most (?:read|popular|shared|watched)|around the bbc)$",
        r"^read more\b",
        # Comment-section and registration furniture (The Independent and others).
        r"^join (?:our commenting forum|the conversation|thought-provoking conversations\b.*)$",
        r"^thank you for registering$",
        r"^please refresh (?:the page|your browser)\b",
        r"^(?:log ?in|sign ?in|sign up|register)(?: (?:to|or|with|for|now)\b[^.!?]{0,60})?$",
        r"^(?:already have an account\b.*|forgot(?:ten)? (?:your )?password\??|create an account)$",
        r"^(?:view|show|hide) comments$|^comments(?: \(\d+\))?$",
        # Share buttons.
        r"^share(?: this(?: article| story| page)?)?(?: on \w+)?$",
        r"^(?:facebook|twitter|whatsapp|linkedin|pinterest|e-?mail|copy link)$",
        # Footers.
        r"^(?:©|\(c\) \d{4}|copyright (?:©|\(c\))? ?\d{4})",
        r"^we use cookies\b",
    )
)

_SENTENCE_END = re.compile(r"""[.!?…:;]['"”’)\]]*$|["”]$""")

# Link-list items and headings are short; body lines without a full stop rarely are.
SHORT_LINE_CHARS = 100


def is_clutter(line: str) -> bool:
    """True if `line` is page furniture rather than part of the story."""
    return any(pattern.search(line) for pattern in CLUTTER_LINES)


def ends_sentence(text: str) -> bool:
    """True if `text` ends like prose: a full stop, question, colon or closing double quote."""
    return bool(_SENTENCE_END.search(text))


def is_short_line(text: str) -> bool:
    """True for a headline-like line: short and not ending a sentence."""
    return len(text) <= SHORT_LINE_CHARS and not ends_sentence(text)


def drop_repeats(paragraphs: list[str]) -> list[str]:
    """Drop a paragraph printed twice in a row.

    Scrapers print a photo caption twice (alt text and caption), so a
    repeated line that does not end a sentence goes entirely; a repeated
    sentence is more likely body text printed twice and keeps one copy.
    """
    kept: list[str] = []
    i = 0
    while i < len(paragraphs):
        j = i
        while j + 1 < len(paragraphs) and paragraphs[j + 1] == paragraphs[i]:
            j += 1
        if j == i or ends_sentence(paragraphs[i]):
            kept.append(paragraphs[i])
        i = j + 1
    return kept
