"""Results as the user asked for them: text for people, JSON/NDJSON/CSV for programs.

Renderers write to a stream as they go, so an export is never built whole
in memory. They never decide colour: the caller passes `mark` to wrap a
matched word (the CLI styles it; a file gets it plain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from archive.model import Hit, SearchResult

HIT_FIELDS = (
    "passage_id", "doc_id", "kind", "source", "title", "date",
    "speaker", "text", "snippet", "score", "path", "url",
    "heading", "party", "house", "tags",
    # Citation fields, added after the first sixteen so that their places stay.
    "gid", "column", "time", "twfy_url", "person_id", "office",
)  # fmt: skip
FORMATS = ("text", "json", "jsonl", "csv")
MARK = ">> "  # before the passage `archive show PASSAGE_ID` asked for
TOP_SOURCES = 10  # sources `archive stats` lists by name; JSON has them all


def hit_record(hit: Hit) -> dict:
    """A hit as the plain mapping JSON, NDJSON and CSV share.

    Grouped results add `passages`: the document's next best passages.
    """
    record = {name: getattr(hit, name) for name in HIT_FIELDS}
    record["tags"] = list(hit.tags)
    if hit.more:
        record["passages"] = [hit_record(more) for more in hit.more]
    return record


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
        out.write('{"query": ' + _json(result.query) + f', "total": {result.total}, "hits": [')
        for i, hit in enumerate(result.hits):
            out.write(("," if i else "") + "\n  " + _json(hit_record(hit), ensure_ascii=False))
        out.write("\n]}\n" if result.hits else "]}\n")
    elif fmt == "jsonl":
        for hit in result.hits:
            out.write(_json(hit_record(hit), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = _csv_writer(out, HIT_FIELDS)
        for hit in result.hits:
            writer.writerow(_csv_row(hit))
    else:
        _write_text(result, out, mark, offset)


def _csv_row(hit: Hit) -> dict:
    record = hit_record(hit)
    record["tags"] = "; ".join(record["tags"])
    return record


def _write_text(result: SearchResult, out: TextIO, mark: Callable[[str], str], offset: int) -> None:
    if not result.hits:
        if not result.total:
            out.write("No passages match.\n")
        elif offset >= result.total:
            out.write(f"No results after --offset {offset}: {result.total} match in all.\n")
        else:  # --limit 0: the count alone
            out.write(f"{result.total} match.\n")
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
        out.write(f"  {marked(hit.snippet, hit.highlights, mark)}\n")
        for more in hit.more:
            speaker = f"{more.speaker}: " if more.speaker else ""
            out.write(
                f"  + {more.passage_id}  {speaker}{marked(more.snippet, more.highlights, mark)}\n"
            )
        out.write("\n")
    first, last = offset + 1, offset + len(result.hits)
    unit = "documents" if any(hit.more for hit in result.hits) else "passages"
    out.write(f"{first}-{last} of {result.total} {unit}\n")


def write_document(doc: dict, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(_json(doc, ensure_ascii=False, indent=2) + "\n")
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
    for division in divisions.values():
        _write_division(division, out)


def _speech_head(passage: dict) -> str:
    """'[Philip Hammond (Foreign Secretary, Conservative) col. 1412, 14:30] ' or ''."""
    speaker = passage["speaker"] or passage["speaker_as_printed"]
    about = ", ".join(x for x in (passage["office"], passage["party"]) if x)
    where = ", ".join(
        x for x in (passage["column"] and f"col. {passage['column']}", passage["time"]) if x
    )
    head = " ".join(x for x in (speaker, about and f"({about})", where) if x)
    return f"[{head}] " if head else ""


def _write_division(division: dict, out: TextIO) -> None:
    number = f"Division No. {division['number']}" if division["number"] else "Division"
    out.write(f"\n{number}: Ayes {division['ayes']}, Noes {division['noes']}\n")
    by_vote: dict[str, list[str]] = {}
    for vote in division["votes"]:
        by_vote.setdefault(vote["vote"], []).append(vote["name"])
    for vote, names in by_vote.items():
        out.write(f"  {vote} ({len(names)}): {', '.join(names)}\n")


def write_stats(stats: dict, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(_json(stats, ensure_ascii=False, indent=2) + "\n")
        return
    dates = stats["date_range"]
    out.write(f"documents  {stats['documents']}\n")
    out.write(f"passages   {stats['passages']}\n")
    out.write(f"speakers   {stats['speakers']}\n")
    out.write(f"dates      {dates['first'] or '-'} to {dates['last'] or '-'}\n")
    count = stats["indexed"]
    indexed = "index not readable" if count is None else f"{count} passages indexed"
    out.write(f"engine     {stats['engine']} ({indexed})\n")
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
    writer = None
    if fmt == "csv":
        writer = _csv_writer(out, HIT_FIELDS)
    for hit in hits:
        if writer is not None:
            writer.writerow(_csv_row(hit))
        else:
            out.write(_json(hit_record(hit), ensure_ascii=False) + "\n")


SPEAKER_FIELDS = ("name", "ref", "party", "passages", "first", "last")


def write_speakers(people: list[dict], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(_json(people, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = _csv_writer(out, SPEAKER_FIELDS)
        writer.writerows(people)
        return
    if not people:
        out.write("No speakers.\n")
        return
    for person in people:
        party = f", {person['party']}" if person["party"] else ""
        out.write(
            f"{person['passages']:>6}  {person['name']}{party}  "
            f"{person['first'] or '?'} to {person['last'] or '?'}\n"
        )
        # The offices held while speaking: what the person was when they said it.
        for office, start, end in person["offices"]:
            if (start or "") <= (person["last"] or "9") and (end or "9") >= (person["first"] or ""):
                out.write(f"          {office}, {start or '?'} to {end or 'now'}\n")


TIMELINE_FIELDS = ("period", "start", "end", "news", "hansard", "total")
BAR_WIDTH = 40


def write_timeline(buckets: list, fmt: str, out: TextIO) -> None:
    records = [bucket.record() for bucket in buckets]
    if fmt == "json":
        out.write(_json(records, indent=2) + "\n")
        return
    if fmt == "csv":
        writer = _csv_writer(out, TIMELINE_FIELDS)
        writer.writerows(records)
        return
    if not records:
        out.write("No passages match.\n")
        return
    top = max(max(r["news"], r["hansard"]) for r in records) or 1
    label = max(len(r["period"]) for r in records)
    out.write(f"{'':{label}}  {'news':>5} {'':{BAR_WIDTH}}  {'hansard':>5}\n")
    for r in records:
        news = "\u2588" * round(r["news"] / top * BAR_WIDTH)
        hansard = "\u2592" * round(r["hansard"] / top * BAR_WIDTH)
        out.write(
            f"{r['period']:{label}}  {r['news']:>5} {news:<{BAR_WIDTH}}  "
            f"{r['hansard']:>5} {hansard}\n".rstrip()
            + "\n"
        )


def _csv_writer(out: TextIO, fields: tuple[str, ...] | list[str]):
    """A CSV writer with its header written; fields a row lacks are empty, extra keys ignored.
    (csv is imported here: a text search does not need it.)"""
    import csv

    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    return writer


def _json(value, **options) -> str:
    """json.dumps, imported when JSON is written: text output never needs it."""
    import json

    return json.dumps(value, **options)
