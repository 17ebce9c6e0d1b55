"""What goes wrong, as a web answer: the status code and a message a person can act on.

The library's errors name the command line's options (`--since`); a web
user typed into a box or a parameter called `since`, so messages say that.
"""

from __future__ import annotations

import re

from archive.errors import ArchiveError, BadQuery, NotFound, UnknownSpeaker, UsageError
from archive.web.params import BadParam
from archive.web.readers import Busy, TooSlow

_OPTION = re.compile(r"--(since|until|speaker|source|kind|party|house|topic|limit|offset)\b")


def web_message(text: str) -> str:
    """A library message with the command line's option names as the web's parameters."""
    return _OPTION.sub(r"\1", text).replace("use `archive export`", "use the export")


def status_of(exc: BaseException) -> int | None:
    """The HTTP status for an error the app expects, None for one it does not."""
    if isinstance(exc, BadParam | UsageError | UnknownSpeaker):
        return 400
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, TooSlow | Busy | ArchiveError):
        return 503  # the archive cannot answer now (its index is missing, say): not the asker's
    return None


def field_of(exc: BaseException) -> str | None:
    """The search form's field an error belongs beside, if any."""
    if isinstance(exc, BadParam):
        return exc.name
    if isinstance(exc, BadQuery):
        return "q"
    if isinstance(exc, UnknownSpeaker):
        return "speaker"
    text = str(exc)
    if text.startswith("give a query"):
        return "q"
    for name in ("since", "until", "speaker", "source", "party", "house", "topic", "kind"):
        if f"--{name}" in text or text.startswith(f"unknown {name} "):
            return name
    return None


def position_of(exc: BaseException) -> int | None:
    """Where in the query a malformed query goes wrong (0-based), if it says."""
    return exc.position if isinstance(exc, BadQuery) else None
