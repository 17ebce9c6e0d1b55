"""What templates show, made plain: marked snippets, links that keep the query, pages, charts.

Nothing here writes HTML: templates do, with every value escaped by Jinja2.
These functions only cut text into (text, marked) pieces, build query
strings and work out the geometry of a chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from archive.web.params import FILTERS, Ask

TIMELINE_MOST = 200  # bars before a timeline is drawn by a longer period


def pieces(snippet: str, highlights) -> list[tuple[str, bool]]:
    """A snippet cut into (text, matched) pieces at its highlights."""
    out, last = [], 0
    for start, end in highlights:
        if start > last:
            out.append((snippet[last:start], False))
        out.append((snippet[start:end], True))
        last = end
    if last < len(snippet):
        out.append((snippet[last:], False))
    return out


def query_items(ask: Ask, **changes) -> list[tuple[str, str]]:
    """The query string of `ask` as (name, value) pairs, with `changes` (None drops one)."""
    items: list[tuple[str, str]] = []
    if ask.q:
        items.append(("q", ask.q))
    keyword_to_param = {keyword: param for param, keyword in FILTERS.items()}
    for key, value in ask.filters.items():
        if key in ("since", "until"):
            items.append((key, value))
        else:
            items.extend((keyword_to_param[key], str(v)) for v in value)
    for key in ("sort", "group", "by"):
        if getattr(ask, key):
            items.append((key, getattr(ask, key)))
    if ask.page > 1:
        items.append(("page", str(ask.page)))
    for key, value in changes.items():
        items = [(k, v) for k, v in items if k != key]
        if value is not None:
            items.append((key, str(value)))
    return items


def link(path: str, ask: Ask, **changes) -> str:
    """`path` with the query string of `ask` and `changes`."""
    items = query_items(ask, **changes)
    return f"{path}?{urlencode(items)}" if items else path


def web_url(url: str | None) -> str | None:
    """A document's URL if it is a web address, else None: a `javascript:` URL in a
    file must never become a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@dataclass
class Pager:
    page: int
    pages: int
    first: int  # 1-based number of the first result shown
    last: int
    total: int

    @property
    def past_the_end(self) -> bool:
        return self.total > 0 and self.page > self.pages

    @property
    def previous(self) -> int | None:
        return min(self.page - 1, self.pages) if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def pager(page: int, size: int, total: int, shown: int) -> Pager:
    pages = max(1, -(-total // size))
    first = (page - 1) * size + 1
    return Pager(page, pages, first, first + shown - 1, total)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str
    label: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x, label
    top: int
    plot_top: float
    plot_bottom: float
    left: float


def timeline_chart(records: list[dict], width: int = 760, height: int = 220) -> Chart | None:
    """Bars for news and Hansard side by side in each period, with a few period labels."""
    if not records:
        return None
    left, right, top_margin, bottom = 44.0, 8.0, 12.0, 28.0
    plot_w = width - left - right
    plot_h = height - top_margin - bottom
    top = max(max(r["news"], r["hansard"]) for r in records) or 1
    slot = plot_w / len(records)
    bar_w = max(slot * 0.4, 0.5)
    bars = []
    for i, r in enumerate(records):
        for j, kind in enumerate(("news", "hansard")):
            count = r[kind]
            if not count:
                continue
            h = count / top * plot_h
            x = left + i * slot + slot * 0.1 + j * bar_w
            label = f"{r['period']}: {count} {kind} passage{'s' if count != 1 else ''}"
            bars.append(Bar(round(x, 2), round(top_margin + plot_h - h, 2), round(bar_w, 2),
                            round(h, 2), kind, label))  # fmt: skip
    every = max(1, -(-len(records) // 8))
    ticks = [
        (round(left + i * slot + slot / 2, 2), r["period"])
        for i, r in enumerate(records)
        if i % every == 0
    ]
    return Chart(width, height, bars, ticks, top, top_margin, top_margin + plot_h, left)


def document_blocks(doc: dict) -> list[tuple[str, dict | str]]:
    """A document's headings, passages and divisions in reading order, as `archive show`
    prints them: a division stands in the place of the passage that records it."""
    divisions = {d["ref"]: d for d in doc["divisions"] if d["ref"] is not None}
    blocks: list[tuple[str, dict | str]] = []
    heading = None
    for passage in doc["passages"]:
        if passage["heading"] and passage["heading"] != heading:
            heading = passage["heading"]
            blocks.append(("heading", heading))
        division = divisions.pop(passage["ref"], None) if passage["ref"] is not None else None
        if division is not None:
            blocks.append(("division", division | {"passage_id": passage["passage_id"]}))
        else:
            blocks.append(("passage", passage))
    left = {id(d) for d in divisions.values()}
    blocks += [("division", d | {"passage_id": None}) for d in doc["divisions"]
               if d["ref"] is None or id(d) in left]  # fmt: skip
    return blocks


def votes_by_kind(division: dict) -> list[tuple[str, list[str]]]:
    """A division's voters grouped by their vote, in the order the votes come."""
    grouped: dict[str, list[str]] = {}
    for vote in division["votes"]:
        grouped.setdefault(vote["vote"], []).append(vote["name"])
    return list(grouped.items())


def offices_during(person: dict) -> list[tuple[str, str | None, str | None]]:
    """The offices a speaker held while saying what matched (as `archive speakers` shows)."""
    first, last = person["first"] or "", person["last"] or "9"
    return [
        (office, start, end)
        for office, start, end in person["offices"]
        if (start or "") <= last and (end or "9") >= first
    ]


# -- trace ----------------------------------------------------------------------

TRACE_AROUND = 300  # characters of a passage shown either side of the aligned span
QUOTE_LEAST = 30  # characters: a shorter quote ("no", "a disgrace") is found anywhere
MAX_TRACED = 600  # characters of a quote put in a link


def traced_text(text: str, span, around: int = TRACE_AROUND) -> list[tuple[str, bool]]:
    """A passage's text cut into (text, marked) pieces with the aligned `span` marked, and
    at most `around` characters either side of it."""
    start, end = max(0, span[0]), min(len(text), span[1])
    lead = start - around if start > around else 0
    tail = end + around if len(text) - end > around else len(text)
    before = ("…" if lead else "") + text[lead:start]
    after = text[end:tail] + ("…" if tail < len(text) else "")
    return [p for p in ((before, False), (text[start:end], True), (after, False)) if p[0]]


def quotes_to_trace(hit, most: int = 3) -> list[str]:
    """The direct quotes a news hit carries that are long enough to trace."""
    found = []
    for quote in hit.quotes or ():
        said = " ".join(hit.text[quote["start"] : quote["end"]].split()).strip("\"'“”‘’ ")
        if len(said) >= QUOTE_LEAST and said not in found:
            found.append(said[:MAX_TRACED])
    return found[:most]
