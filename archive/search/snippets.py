"""Snippets: the part of a passage that best matches the query, matches marked.

Engine-neutral, so every engine shows the same snippet: words match by
their Snowball stem (strikes ~ strike), phrase words match exactly and only
where the whole phrase occurs.
"""

from __future__ import annotations

from archive.query.tree import Wanted
from archive.query.words import spans, stem

DEFAULT_WIDTH = 240
ELLIPSIS = "\u2026"


def _matches(text: str, want: Wanted) -> list[tuple[int, int, str]]:
    """(start, end, key) of each matched word; key says which query part it matched."""
    tokens = list(spans(text))
    stems = {stem(t): t for t in want.terms}
    found: dict[int, tuple[int, int, str]] = {}
    for i, (start, end, word) in enumerate(tokens):
        key = stems.get(stem(word))
        if key is None:
            key = next((p + "*" for p in want.prefixes if word.startswith(p)), None)
        if key is not None:
            found[i] = (start, end, key)
    for phrase in want.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][2] == phrase[k] for k in range(n)):
                for k in range(n):
                    found[i + k] = (tokens[i + k][0], tokens[i + k][1], " ".join(phrase))
    return [found[i] for i in sorted(found)]


def snippet(
    text: str, want: Wanted, width: int = DEFAULT_WIDTH, focus: tuple[int, int] | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The best window of about `width` characters, and its highlight offsets.

    With `focus` (a span of the text: the quote of the speaker asked for), the
    window is the best one inside it, or its start when no word matches there.
    """
    matches = _matches(text, want)
    if len(text) <= width:
        return text, tuple((s, e) for s, e, _ in matches)
    if focus is not None:
        inside = [m for m in matches if focus[0] <= m[0] and m[1] <= focus[1]]
        start = _best_start(text, inside, width) if inside else max(0, focus[0] - width // 5)
    else:
        start = _best_start(text, matches, width)
    end = min(len(text), start + width)
    # Cut on word boundaries so no word is shown in part.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = text[start:end].strip()
    offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - offset
    highlights = tuple(
        (s + shift, e + shift) for s, e, _ in matches if s >= offset and e <= offset + len(body)
    )
    return prefix + body + suffix, highlights


def _best_start(text: str, matches: list[tuple[int, int, str]], width: int) -> int:
    """Where the window with the most distinct matched query parts begins."""
    if not matches:
        return 0
    best, best_score = 0, (-1, -1)
    for i, (first, _, _) in enumerate(matches):
        inside = [m for m in matches[i:] if m[1] <= first + width * 3 // 4]
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best, best_score = i, score
    # Keep some words before the first match for context.
    return max(0, matches[best][0] - width // 5)
