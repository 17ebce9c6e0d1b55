"""A saved web page's date: htmldate's, as the publisher's calendar day, or the one the page labels.

htmldate (through trafilatura) finds the date; two things are added here.

- Sites often state the moment in UTC in their metadata
  (`article:published_time`) and in local time in the `<time datetime>` that
  readers see, a day apart in the evening. So a UTC timestamp takes the day
  of a `<time>` that gives the same instant with another offset; without one
  it is kept as written.
- A page that declares no date in its markup (no date `<meta>`, JSON-LD
  date, `itemprop` date or `<time datetime>`) leaves htmldate to guess from
  the text, and it skips a line longer than 52 characters or holding more
  than 18 digits: "Written: 2023-11-07 15:03:30 / Updated: 2023-11-07
  15:30:46" is passed over for a sidebar's date. On such a page a short line
  that starts with a publication label ("Published", "Posted", "Written",
  and the same in German, French, Spanish, Italian) gives the date: what
  follows the label, up to an "Updated" label, is read by htmldate. "Created"
  is not a label: on the measured pages it dated a forum, not the story.
  Of the 188 annotated pages (tests/test_html_metadata.py), 30 declare no
  date; a labelled line is found on 4 of them, agrees with htmldate on 3
  and puts right the fourth (world.kbs.co.kr, the line above).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# htmldate's date with its time and offset, to give a UTC moment its local day.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# A labelled date line is short; a longer text is a paragraph that mentions publishing.
MAX_LABEL_LINE = 120

# Markup that states a date for machines (lower-cased names, as htmldate reads them).
# The words cover every <meta> name htmldate 1.11 reads a date from.
_META_WORDS = ("date", "publish", "modified", "created", "issued", "time", "lastmod")
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_KEY = _LOWER.format("concat(@name, ' ', @property, ' ', @itemprop)")
_DECLARED = (
    "//time[@datetime]"
    " | //*[@itemprop][not(self::meta)]"
    f"[contains({_LOWER.format('@itemprop')}, 'date')]"
    " | //meta[@content]["
    + " or ".join(f"contains({_KEY}, '{word}')" for word in _META_WORDS)
    + "]"
    " | //script[@type='application/ld+json']"
    "[contains(., 'datePublished') or contains(., 'dateCreated') or contains(., 'dateModified')]"
)
_LABEL_WORD = r"(?:published|posted|written|veröffentlicht|publié|publicado|pubblicato)\b"
_HAS_LABEL = re.compile(rf"\b{_LABEL_WORD}", re.IGNORECASE)
_LABEL = re.compile(
    rf"(?:first\s+)?{_LABEL_WORD}(?:\s+(?:on|am|le|el|il)\b)?\s*:?\s*(?P<rest>.+)",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|aktualisiert|mis à jour|actualizado|aggiornato)\b",
    re.IGNORECASE,
)
_SKIPPED = frozenset({"script", "style", "noscript", "template"})


def local_times(tree: Any) -> list[dt.datetime]:
    """The moments that `<time datetime>` elements give with a UTC offset other than zero."""
    found = []
    for value in tree.xpath("//time/@datetime"):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            continue
        if moment.utcoffset():  # neither naive nor UTC
            found.append(moment)
    return found


def labelled_date(tree: Any) -> dt.date | None:
    """The date of the first publication-labelled line, when the markup declares none."""
    if tree.xpath(_DECLARED):
        return None
    from htmldate import find_date
    from lxml.html import builder

    for text in tree.xpath("//body//text()"):
        if not _HAS_LABEL.search(text):
            continue
        parent = text.getparent()
        if parent is not None and text.is_tail:
            parent = parent.getparent()
        if parent is None or parent.tag in _SKIPPED:
            continue
        for element in (parent, parent.getparent()):
            if element is None:
                break
            line = " ".join(element.text_content().split())
            if len(line) > MAX_LABEL_LINE:
                break
            match = _LABEL.match(line)
            if match is None:
                continue
            rest = _UPDATED.split(match["rest"], maxsplit=1)[0]
            found = find_date(builder.HTML(builder.BODY(builder.P(rest))), original_date=True)
            if found:
                return dt.date.fromisoformat(found)
    return None


def page_date(
    value: str | None, local: list[dt.datetime], labelled: dt.date | None = None
) -> dt.date | None:
    """The calendar day of htmldate's date (see the module docstring); `labelled` first."""
    if labelled is not None:
        return labelled
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    if moment.utcoffset() == dt.timedelta(0):
        # Aware datetimes compare as instants: the same moment in the site's own offset.
        same = next((time for time in local if time == moment), None)
        if same is not None:
            return same.date()
    return moment.date()
