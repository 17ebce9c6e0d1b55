"""Attribution: who speaks in each passage, read from the document's own text.

A format reader says how its document's speakers are to be found
(`Document.attribution`, see archive.model.ATTRIBUTIONS) and this module
does it: news prose is read for quotes and who said them
(archive.speakers.quotes), a scraped Hansard page for its turns of
question and answer (archive.speakers.turns); speakers a format states
are kept as they are. Resolving the names to people is the registry's
(archive.speakers.registry), once the document's date is known.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.model import Document, Passage
from archive.speakers.cast import Attribution
from archive.speakers.quotes import attribute
from archive.speakers.turns import attribute_turns

# A wire story's first paragraph opens with its dateline ("SALVADOR, Feb 26 - ",
# "AUSTIN, Texas, March 4 - ", "NEW YORK, MARCH 20 - "): a place and a day, not
# a speaker, so it is not read.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]*(?:, [A-Z][A-Za-z.'’ -]*?)?(?:, [A-Za-z]{3,}\.? \d{1,2})? - (?=\S)"
)


def attribute_document(doc: Document) -> Document:
    """`doc` with each passage's speaker read from the text, as its `attribution` says."""
    if doc.attribution == "given" or not doc.passages:
        return doc
    texts = [p.text for p in doc.passages]
    if doc.attribution == "prose":
        texts[0] = _DATELINE.sub("", texts[0], count=1)
        found = attribute(texts)
        cut = len(doc.passages[0].text) - len(texts[0])
        if cut and found[0].quotes:
            # The quotes' spans are in the passage's own text, dateline and all.
            moved = tuple(replace(q, start=q.start + cut, end=q.end + cut) for q in found[0].quotes)
            found[0] = replace(found[0], quotes=moved)
    elif doc.attribution == "turns":
        found = attribute_turns(texts)
    else:
        raise ValueError(f"unknown attribution {doc.attribution!r}")
    passages = tuple(
        p
        if _unchanged(p, who)
        else replace(
            p,
            speaker=who.name,
            speaker_as_printed=who.printed,
            speaker_role=who.role,
            quotes=who.quotes,
        )
        for p, who in zip(doc.passages, found, strict=True)
    )
    return replace(doc, passages=passages)


def _unchanged(passage: Passage, who: Attribution) -> bool:
    """True if `passage` already has the speaker and quotes `who` gives it (most often:
    none), so it need not be made again."""
    return (
        passage.speaker == who.name
        and passage.speaker_as_printed == who.printed
        and passage.speaker_role == who.role
        and passage.quotes == who.quotes
    )
