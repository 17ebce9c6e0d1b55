"""Results as the user asked for them: text for people, JSON/NDJSON/CSV for programs.

Renderers write to a stream as they go, so an export is never built whole
in memory. They never decide colour: the caller passes `mark` to wrap a
matched word (the CLI styles it; a file gets it plain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from archive.model import Hit, SearchResult
from archive.search import records

MARK = ">> "  # before the passage `archive show PASSAGE_ID` asked for
TOP_SOURCES = 10  # sources `archive stats` lists by name; JSON has them all


def marked(
    snippet: str, highlights: tuple[tuple[int, int], ...], mark: Callable[[str], str]
) -> str:
    out, last = [], 0
    for start, end in highlights:
        out.append(snippet[last:start])
        out.append(mark(snippet[start:end]))
        last = end
    out.append(snippet[last:])
    return "".join(out)


def write_results(
    result: SearchResult,
    fmt: str,
    out: TextIO,
    mark: Callable[[str], str] = str,
    offset: int = 0,
) -> None:
    if fmt == "json":
        _write(records.results_json(result), out)
    elif fmt == "jsonl":
        _write(records.hits_jsonl(result.hits), out)
    elif fmt == "csv":
        _write(records.hits_csv(result.hits), out)
    else:
        _write_text(result, out, mark, offset)


def _write_text(result: SearchResult, out: TextIO, mark: Callable[[str], str], offset: int) -> None:
    if not result.hits:
        unit = "document" if result.grouped else "passage"
        if not result.total:
            out.write(f"No {unit}s match.\n")
        elif offset >= result.total:
            out.write(f"No results after --offset {offset}: {result.total:,} match in all.\n")
        else:  # --limit 0: the count alone
            out.write(f"{result.total:,} match.\n")
        return
    for hit in result.hits:
        facts = [hit.source or "(unknown source)", hit.date or "undated", hit.kind]
        if hit.house:
            facts[2] = f"{hit.kind} ({hit.house})"
        if hit.speaker:
            facts.insert(2, f"{hit.speaker} ({hit.party})" if hit.party else hit.speaker)
        out.write(f"{hit.title}\n")
        if hit.heading and hit.kind == "hansard":
            out.write(f"  {hit.heading}\n")
        out.write(f"  {' | '.join(facts)} | {hit.passage_id}\n")
        # A snippet of several lines keeps every line under its hit.
        out.write(f"  {marked(hit.snippet, hit.highlights, mark)}".replace("\n", "\n  ") + "\n")
        for more in hit.more:
            speaker = f"{more.speaker}: " if more.speaker else ""
            out.write(
                f"  + {more.passage_id}  {speaker}{marked(more.snippet, more.highlights, mark)}\n"
            )
        out.write("\n")
    first, last = offset + 1, offset + len(result.hits)
    unit = "document" if result.grouped else "passage"
    out.write(f"{first}-{last} of {result.total:,} {unit}{'' if result.total == 1 else 's'}\n")


def write_document(doc: dict, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _write(records.pretty_json(doc), out)
        return
    out.write(f"{doc['title']}\n")
    facts = [doc["source"] or "(unknown source)", doc["date"] or "undated", doc["kind"]]
    if doc["house"]:
        facts.append(doc["house"])
    if doc["authors"]:
        facts.append("by " + ", ".join(doc["authors"]))
    out.write(" | ".join(facts) + "\n")
    if doc["tags"]:
        out.write(f"tags: {', '.join(doc['tags'])}\n")
    if doc["url"]:
        out.write(f"{doc['url']}\n")
    for path in doc["paths"]:
        out.write(f"file: {path}\n")
    for copy in doc["also_published"]:
        where = " | ".join(
            str(x) for x in (copy["source"], copy["date"], copy["url"] or copy["path"]) if x
        )
        out.write(f"also published: {where} ({copy['similarity']:.0%} the same)\n")
    divisions = {d["ref"]: d for d in doc["divisions"]}
    heading = None
    for passage in doc["passages"]:
        if passage["heading"] and passage["heading"] != heading:
            heading = passage["heading"]
            out.write(f"\n## {heading}\n")
        # The passage asked for (`archive show abc.4`) stands out: ">>" before its id.
        pointer = MARK if passage["passage_id"] == doc.get("marked") else ""
        if passage["ref"] in divisions:
            if pointer:
                out.write(f"\n{pointer}{passage['passage_id']}")
            _write_division(divisions.pop(passage["ref"]), out)
            continue
        out.write(f"\n{pointer}{passage['passage_id']}  {_speech_head(passage)}{passage['text']}\n")
        _write_quotes(passage.get("quotes", ()), out)
    for division in divisions.values():
        _write_division(division, out)


def _write_quotes(quotes, out: TextIO) -> None:
    """Each quote of a passage that quotes more than its main speaker, with who says it."""
    if len(quotes) < 2 and all(q["kind"] == "person" for q in quotes):
        return
    for quote in quotes:
        said = " ".join(quote["text"].split())
        said = said if len(said) <= 90 else said[:89] + "…"
        how = ", ".join(x for x in (quote["kind"], quote["cue"]) if x)
        out.write(f"    > {quote['speaker']} ({how}): {said}\n")


def _speech_head(passage: dict) -> str:
    """'[Philip Hammond (Foreign Secretary, Conservative) | col. 1412, 14:30] ' or ''."""
    speaker = passage["speaker"] or passage["speaker_as_printed"]
    about = ", ".join(x for x in (passage["office"], passage["party"]) if x)
    where = ", ".join(
        x for x in (passage["column"] and f"col. {passage['column']}", passage["time"]) if x
    )
    who = " ".join(x for x in (speaker, about and f"({about})") if x)
    head = " | ".join(x for x in (who, where) if x)
    if head and passage.get("speaker_inferred"):
        head = f"inferred: {head}"
    return f"[{head}] " if head else ""


def _write_division(division: dict, out: TextIO) -> None:
    number = f"Division No. {division['number']}" if division["number"] else "Division"
    out.write(f"\n{number}: Ayes {division['ayes']}, Noes {division['noes']}\n")
    by_vote: dict[str, list[str]] = {}
    for vote in division["votes"]:
        by_vote.setdefault(vote["vote"], []).append(vote["name"])
    for vote, names in by_vote.items():
        out.write(f"  {vote} ({len(names)}): {'; '.join(map(_forename_first, names))}\n")


_TITLES = frozenset("mr mrs ms miss dr".split())


def _forename_first(name: str) -> str:
    """'Fitzpatrick, Jim' -> 'Jim Fitzpatrick'; 'Nuttall, Mr David' -> 'David Nuttall'."""
    if "," not in name:
        return name
    last, first = (part.strip() for part in name.split(",", 1))
    words = [w for w in first.split() if w.rstrip(".").lower() not in _TITLES]
    return " ".join([*words, last])


def write_stats(stats: dict, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _write(records.pretty_json(stats), out)
        return
    dates = stats["date_range"]
    out.write(f"documents  {stats['documents']}\n")
    out.write(f"passages   {stats['passages']}\n")
    out.write(f"speakers   {stats['speakers']}\n")
    out.write(f"dates      {dates['first'] or '-'} to {dates['last'] or '-'}\n")
    count = stats["indexed"]
    indexed = "index not readable" if count is None else f"{count} passages indexed"
    out.write(f"engine     {stats['engine']} ({indexed})\n")
    for shard, count in stats.get("shards", {}).items():
        out.write(f"  shard    {shard} ({count} passages)\n")
    if stats["index"].get("message"):
        out.write(f"warning    {stats['index']['message']}: `archive check` says more\n")
    out.write("by kind\n")
    for kind, count in stats["by_kind"].items():
        out.write(f"  {count:>8}  {kind}\n")
    sources = list(stats["by_source"].items())
    out.write("by source\n")
    for source, count in sources[:TOP_SOURCES]:
        out.write(f"  {count:>8}  {source}\n")
    rest = sources[TOP_SOURCES:]
    if rest:
        documents = sum(count for _, count in rest)
        out.write(
            f"  {documents:>8}  and {len(rest)} more (`archive stats --format json` lists all)\n"
        )


def write_export(hits: Iterable[Hit], fmt: str, out: TextIO) -> None:
    """Every hit as JSON Lines or CSV, written as it comes."""
    _write(records.hits_csv(hits) if fmt == "csv" else records.hits_jsonl(hits), out)


def write_speakers(people: list[dict], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _write(records.speakers_json(people), out)
        return
    if fmt == "csv":
        _write(records.speakers_csv(people), out)
        return
    if not people:
        out.write("No speakers.\n")
        return
    from archive.cli.people import until_text

    for person in people:
        party = f", {person['party']}" if person["party"] else ""
        out.write(
            f"{person['passages']:>6}  {person['name']}{party}  "
            f"{person['first'] or '?'} to {person['last'] or '?'}\n"
        )
        # The offices held while speaking: what the person was when they said it.
        for office, start, end in person["offices"]:
            if (start or "") <= (person["last"] or "9") and (end or "9") >= (person["first"] or ""):
                end = until_text(end, person.get("offices_known_until"))
                out.write(f"          {office}, {start or '?'} to {end}\n")


BAR_WIDTH = 40


def write_timeline(buckets: list, fmt: str, out: TextIO, lag=None, compare: bool = False) -> None:
    """The timeline; with `compare`, the lag of best agreement too (`lag`, None when a series
    is flat): a line of text, a 'compare' object in JSON, the correlations as CSV."""
    flat = "no lag: the news and Hansard series do not move together (or one is flat)"
    if fmt == "json":
        if compare:
            found = {"timeline": records.timeline_records(buckets)}
            found["compare"] = lag.record() if lag else {"lag": None, "summary": flat}
            _write(records.pretty_json(found), out)
        else:
            _write(records.timeline_json(buckets), out)
        return
    if fmt == "csv":
        if compare:
            rows = [
                {"lag": k, "correlation": round(r, 4)} for k, r in (lag.correlations if lag else ())
            ]
            _write(records.rows_csv(rows, ("lag", "correlation")), out)
        else:
            _write(records.timeline_csv(buckets), out)
        return
    _write_timeline_text(records.timeline_records(buckets), out)
    if compare:
        out.write((lag.summary if lag else flat) + "\n")


def _write_timeline_text(rows: list[dict], out: TextIO) -> None:
    if not rows:
        out.write("No passages match.\n")
        return
    top = max(max(r["news"], r["hansard"]) for r in rows) or 1
    label = max(len(r["period"]) for r in rows)
    out.write(f"{'':{label}}  {'news':>5} {'':{BAR_WIDTH}}  {'hansard':>5}\n")
    for r in rows:
        news = "\u2588" * round(r["news"] / top * BAR_WIDTH)
        hansard = "\u2592" * round(r["hansard"] / top * BAR_WIDTH)
        out.write(
            f"{r['period']:{label}}  {r['news']:>5} {news:<{BAR_WIDTH}}  "
            f"{r['hansard']:>5} {hansard}\n".rstrip()
            + "\n"
        )


def _write(pieces: Iterator[str], out: TextIO) -> None:
    for piece in pieces:
        out.write(piece)
