"""The JSON API: the library's verbs, with the command line's JSON shapes.

`GET /api/search` gives the bytes `archive search --format json` prints,
`/api/documents/{id}` those of `archive show --format json`, and so on:
both write through archive.search.records. Errors are `{"error": "..."}`
with 400 for bad input, 404 for an unknown id and 503 when the archive
cannot answer now. Warnings (a speaker name that means two people, an
index still being written) and "Did you mean" travel in response headers,
so the bodies stay what the CLI prints.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from archive.search import records
from archive.web.openapi import openapi
from archive.web.params import (
    EXPORT,
    MAX_VALUE,
    PAGE_SIZE,
    RELATED,
    SEARCH_API,
    SPEAKERS,
    TIMELINE,
    TRACE,
    BadParam,
    read,
)
from archive.web.params import person_id as checked_person_id

JSON = "application/json"
NO_QUERY = "give a query (q) or at least one filter (speaker, since, until, source, kind, ...)"


def _body(pieces, warnings: list[str] = (), did_you_mean: str | None = None,
          media_type: str = JSON) -> Response:  # fmt: skip
    headers = {}
    if warnings:
        headers["X-Archive-Warnings"] = json.dumps(warnings)  # ASCII: a header may carry it
    if did_you_mean:
        headers["X-Archive-Did-You-Mean"] = json.dumps(did_you_mean)
    return Response("".join(pieces), media_type=media_type, headers=headers)


def _ask(request: Request, allowed: frozenset[str], need_query: bool = True):
    ask = read(request.query_params.multi_items(), allowed)
    if need_query and not ask.anything:
        raise BadParam(NO_QUERY, "q")
    return ask


async def search(request: Request) -> Response:
    ask = _ask(request, SEARCH_API)
    limit = PAGE_SIZE if ask.limit is None else ask.limit
    if ask.offset is not None and ask.page > 1:
        raise BadParam("give offset or page, not both", "offset")
    offset = ask.offset if ask.offset is not None else (ask.page - 1) * limit
    width = {} if ask.context is None else {"width": ask.context}

    def work(archive):
        return archive.search(
            ask.q, sort=ask.sort, group=ask.group, limit=limit, offset=offset, **width,
            **ask.filters,
        )  # fmt: skip

    result, warnings = await request.app.state.readers.call(work)
    return _body(records.results_json(result), warnings, result.did_you_mean)


async def export(request: Request) -> Response:
    ask = _ask(request, EXPORT)
    fmt = ask.format or "jsonl"
    if fmt not in ("jsonl", "csv"):
        raise BadParam(f"format {fmt!r} is not one of: jsonl, csv", "format")
    sort = ask.sort or "oldest"
    if sort == "relevance":
        raise BadParam("an export is sorted by date: sort is oldest or newest", "sort")

    def start(archive):
        hits = archive.export(ask.q, sort=sort, **ask.filters)
        return records.hits_csv(hits) if fmt == "csv" else records.hits_jsonl(hits)

    pieces = await request.app.state.readers.stream(start)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    name = f"archive-export.{fmt}"
    return StreamingResponse(
        pieces, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


async def speakers(request: Request) -> Response:
    ask = _ask(request, SPEAKERS, need_query=False)
    limit = 20 if ask.limit is None else ask.limit

    def work(archive):
        people = archive.speakers(ask.q, name=ask.name, **ask.filters)
        return people[:limit] if limit else people

    people, warnings = await request.app.state.readers.call(work)
    return _body(records.speakers_json(people), warnings)


async def timeline(request: Request) -> Response:
    ask = _ask(request, TIMELINE)
    fmt = ask.format or "json"
    if fmt not in ("json", "csv"):
        raise BadParam(f"format {fmt!r} is not one of: json, csv", "format")
    buckets, warnings = await request.app.state.readers.call(
        lambda archive: archive.timeline(ask.q, by=ask.by or "month", **ask.filters)
    )
    if fmt == "csv":
        return _body(records.timeline_csv(buckets), warnings, media_type="text/csv; charset=utf-8")
    return _body(records.timeline_json(buckets), warnings)


async def trace(request: Request) -> Response:
    """`archive trace --format json`: q is the quote."""
    ask = _ask(request, TRACE, need_query=False)
    if not ask.q.strip():
        raise BadParam("give the words of the quote (q)", "q")
    limit = ask.limit or 20
    found, warnings = await request.app.state.readers.call(
        lambda archive: archive.trace(
            ask.q, limit=limit, min_similarity=ask.min_similarity, **ask.filters
        )
    )
    return _body(records.pretty_json(found.record()), warnings)


async def related(request: Request) -> Response:
    """`archive related DOC_ID --format json`."""
    ask = _ask(request, RELATED, need_query=False)
    days = 7 if ask.days is None else ask.days
    doc_id = request.path_params["doc_id"][:MAX_VALUE]
    found, _ = await request.app.state.readers.call(
        lambda archive: archive.related(doc_id, days=days)
    )
    return _body(records.pretty_json(found))


async def document(request: Request) -> Response:
    _ask(request, frozenset(), need_query=False)
    doc_id = request.path_params["doc_id"][:MAX_VALUE]
    doc, _ = await request.app.state.readers.call(lambda archive: archive.show(doc_id))
    return _body(records.pretty_json(doc))


async def person(request: Request) -> Response:
    _ask(request, frozenset(), need_query=False)
    person_id = checked_person_id(request.path_params["person_id"])
    found, _ = await request.app.state.readers.call(lambda archive: archive.person(person_id))
    return _body(records.pretty_json(found))


async def stats(request: Request) -> Response:
    _ask(request, frozenset(), need_query=False)
    found, _ = await request.app.state.readers.call(lambda archive: archive.stats())
    return _body(records.pretty_json(found))


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi())
