"""Results as plain records, and as the text programs read: JSON, JSON Lines and CSV.

The command line (`--format json|jsonl|csv`) and the web app's JSON API both
write through these functions, so `archive search --format json` and
`GET /api/search` give the same bytes. Each writer yields its text a piece at
a time, so an export is streamed, never built whole in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from archive.model import Hit, SearchResult

HIT_FIELDS = (
    "passage_id", "doc_id", "kind", "source", "title", "date",
    "speaker", "text", "snippet", "score", "path", "url",
    "heading", "party", "house", "tags",
    # Citation fields, added after the first sixteen so that their places stay.
    "gid", "column", "time", "twfy_url", "person_id", "office",
    # Who speaks: the person's name now (where `speaker`, their name that day, differs),
    # whether the text does not name them, and every attribution in the passage.
    "person_name", "speaker_inferred", "quotes",
)  # fmt: skip
QUOTE_FIELDS = ("speaker", "person_id", "kind", "cue", "direct", "start", "end", "text")
SPEAKER_FIELDS = ("name", "ref", "party", "passages", "first", "last")
TIMELINE_FIELDS = ("period", "start", "end", "news", "hansard", "total")
CSV_BATCH = 200  # CSV rows written per piece of text


def hit_record(hit: Hit) -> dict:
    """A hit as the plain mapping JSON, NDJSON and CSV share.

    Grouped results add `passages`: the document's next best passages.
    """
    record = {name: getattr(hit, name) for name in HIT_FIELDS}
    record["tags"] = list(hit.tags)
    record["quotes"] = [{k: q[k] for k in QUOTE_FIELDS} for q in hit.quotes]
    if hit.more:
        record["passages"] = [hit_record(more) for more in hit.more]
    return record


def results_json(result: SearchResult) -> Iterator[str]:
    """`{"query", "total", "hits": [...]}`, one hit to a line."""
    yield '{"query": ' + _json(result.query) + f', "total": {result.total}, "hits": ['
    for i, hit in enumerate(result.hits):
        yield ("," if i else "") + "\n  " + _json(hit_record(hit), ensure_ascii=False)
    yield "\n]}\n" if result.hits else "]}\n"


def hits_jsonl(hits: Iterable[Hit]) -> Iterator[str]:
    """One JSON object to a line for each hit, as it comes."""
    for hit in hits:
        yield _json(hit_record(hit), ensure_ascii=False) + "\n"


def hits_csv(hits: Iterable[Hit]) -> Iterator[str]:
    """A header, then a CSV row for each hit (tags joined with '; '), as they come."""
    return _csv((_csv_row(hit) for hit in hits), HIT_FIELDS)


def _csv_row(hit: Hit) -> dict:
    record = hit_record(hit)
    record["tags"] = "; ".join(record["tags"])
    # Each quote as "who (kind, cue): start-end", one after another.
    record["quotes"] = "; ".join(
        f"{q['speaker']} ({q['kind']}, {q['cue'] or 'no cue'}): {q['start']}-{q['end']}"
        for q in record["quotes"]
    )
    return record


def pretty_json(value) -> Iterator[str]:
    """A document or the stats: indented JSON, non-ASCII kept."""
    yield _json(value, ensure_ascii=False, indent=2) + "\n"


def speaker_records(people: list[dict]) -> list[dict]:
    """The speakers as JSON gives them: without the archive's own person ids, which
    another archive of the same files may number otherwise."""
    return [{key: value for key, value in person.items() if key != "id"} for person in people]


def speakers_json(people: list[dict]) -> Iterator[str]:
    return pretty_json(speaker_records(people))


def speakers_csv(people: list[dict]) -> Iterator[str]:
    return _csv(people, SPEAKER_FIELDS)


def timeline_records(buckets: Iterable) -> list[dict]:
    """Timeline buckets (archive.search.counts.Bucket) as plain records."""
    return [bucket.record() for bucket in buckets]


def timeline_json(buckets: Iterable) -> Iterator[str]:
    yield _json(timeline_records(buckets), indent=2) + "\n"


def timeline_csv(buckets: Iterable) -> Iterator[str]:
    return _csv(timeline_records(buckets), TIMELINE_FIELDS)


def _csv(rows: Iterable[dict], fields: tuple[str, ...]) -> Iterator[str]:
    """A header and the rows, a batch at a time; fields a row lacks are empty, extra keys
    ignored. (csv and io are imported here: a text search needs neither.)"""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % CSV_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(value, **options) -> str:
    """json.dumps, imported when JSON is written: text output never needs it."""
    import json

    return json.dumps(value, **options)


def rows_csv(rows: Iterable[dict], fields: tuple[str, ...]) -> Iterator[str]:
    """Any plain rows as CSV: a header, then the rows."""
    return _csv(rows, fields)
