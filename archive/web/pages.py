"""The pages a person reads: search, a document, a person, who says it, the timeline.

Each handler reads its query string (archive.web.params), asks a worker's
Archive (archive.web.readers) and renders a template. A bad date, a
malformed query or an unknown speaker is shown beside the box it was typed
in, on the search page itself, with status 400.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from archive.errors import NotFound, UnknownSpeaker
from archive.search.citation import long_date, said_where
from archive.search.records import timeline_records
from archive.search.trace import DEFAULT_MIN_SIMILARITY
from archive.web import views
from archive.web.answers import field_of, position_of, status_of, web_message
from archive.web.params import (
    MAX_QUERY,
    MAX_VALUE,
    PAGE_SIZE,
    PERSON,
    SEARCH_PAGE,
    SPEAKERS,
    TIMELINE,
    TRACE_PAGE,
    Ask,
    BadParam,
    read,
)
from archive.web.params import person_id as checked_person_id

HERE = Path(__file__).parent
PERIODS = ("day", "week", "month", "year")
SPEAKERS_SHOWN = 100

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # every value a template shows is escaped
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_env.globals.update(
    link=views.link,
    pieces=views.pieces,
    web_url=views.web_url,
    votes=views.votes_by_kind,
    offices_during=views.offices_during,
    traced_text=views.traced_text,
    quotes_to_trace=views.quotes_to_trace,
    said_where=said_where,
    long_date=long_date,
)
templates = Jinja2Templates(env=_env)


def render(request: Request, name: str, status: int = 200, **context) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def problem(exc: BaseException) -> dict:
    """An error as the page shows it: the message, the field it belongs beside, and for a
    malformed query where it goes wrong."""
    return {
        "message": web_message(str(exc)),
        "field": field_of(exc),
        "position": position_of(exc),
        "suggestions": exc.suggestions if isinstance(exc, UnknownSpeaker) else [],
    }


def _form(request: Request) -> dict:
    """What the user typed, to put back in the boxes (the first value of each, bounded)."""
    form: dict = {}
    for key, value in request.query_params.multi_items():
        if value.strip():
            form.setdefault(key, []).append(value[: MAX_QUERY if key == "q" else MAX_VALUE])
    return form


async def _answer(request: Request, page: str, allowed: frozenset[str], work, tab: str | None,
                  **context) -> Response:  # fmt: skip
    """Read the parameters, run `work(archive, ask)` in a worker and render `page` with
    its result; an error the user can fix is shown on the page itself."""
    form = _form(request)
    base = {"form": form, "tab": tab, "notes": [], "problem": None, **context}
    try:
        ask = read(request.query_params.multi_items(), allowed)
    except BadParam as exc:
        return render(
            request, page, 400, ask=Ask(), result=None, **(base | {"problem": problem(exc)})
        )
    try:
        result, notes = await request.app.state.readers.call(work, ask)
    except Exception as exc:
        status = status_of(exc)
        if status is None:
            raise
        return render(
            request, page, status, ask=ask, result=None, **(base | {"problem": problem(exc)})
        )
    return render(request, page, ask=ask, result=result, **(base | {"notes": notes}))


# -- search -------------------------------------------------------------------


def _search(archive, ask: Ask) -> dict:
    if not ask.anything:
        return {"stats": archive.stats(), "found": None, "pager": None}
    found = archive.search(
        ask.q, sort=ask.sort, group=ask.group, limit=PAGE_SIZE,
        offset=(ask.page - 1) * PAGE_SIZE, **ask.filters,
    )  # fmt: skip
    pager = views.pager(ask.page, PAGE_SIZE, found.total, len(found.hits))
    return {"stats": None, "found": found, "pager": pager}


async def search(request: Request) -> Response:
    return await _answer(request, "search.html", SEARCH_PAGE, _search, "results")


async def suggest_speakers(request: Request) -> Response:
    """<option>s of names and offices for the speaker box's list (htmx fills it)."""
    text = request.query_params.get("speaker", "")[:MAX_VALUE]
    names, _ = await request.app.state.readers.call(lambda a: a.suggest_speakers(text, 12))
    return render(request, "suggestions.html", names=names)


# -- who says it, and when ------------------------------------------------------


def _speakers(archive, ask: Ask) -> dict:
    people = archive.speakers(ask.q, name=ask.name, **ask.filters)
    return {"people": people[:SPEAKERS_SHOWN], "total": len(people)}


async def speakers(request: Request) -> Response:
    return await _answer(request, "speakers.html", SPEAKERS, _speakers, "speakers")


def _timeline(archive, ask: Ask, **filters) -> dict:
    """The timeline by the period asked (month by default), or by a longer one when that
    would draw more bars than a chart can show."""
    asked = ask.by or "month"
    by = asked
    buckets = archive.timeline(ask.q, by=by, **ask.filters, **filters)
    while len(buckets) > views.TIMELINE_MOST and by != "year":
        by = PERIODS[PERIODS.index(by) + 1]
        buckets = archive.timeline(ask.q, by=by, **ask.filters, **filters)
    records = timeline_records(buckets)
    return {"by": by, "asked": asked, "records": records, "chart": views.timeline_chart(records)}


async def timeline(request: Request) -> Response:
    return await _answer(request, "timeline.html", TIMELINE, _timeline, "timeline")


# -- where a quote was said ------------------------------------------------------

TRACE_SHOWN = 20


def _trace(archive, ask: Ask) -> dict:
    if not ask.q.strip():
        return {"found": None}
    found = archive.trace(
        ask.q, limit=TRACE_SHOWN, min_similarity=ask.min_similarity, **ask.filters
    )
    return {"found": found, "wrong": {m.hit.passage_id for m in found.misattributed}}


async def trace(request: Request) -> Response:
    return await _answer(
        request, "trace.html", TRACE_PAGE, _trace, None, default_similarity=DEFAULT_MIN_SIMILARITY
    )


# -- one document, one person ---------------------------------------------------


async def document(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    if len(doc_id) > MAX_VALUE:
        return render(request, "error.html", 404, message="no such document")

    def work(archive, ask: Ask) -> dict:
        doc = archive.show(doc_id)
        return {"doc": doc, "blocks": views.document_blocks(doc)}

    return await _answer(request, "document.html", frozenset(), work, None)


async def person(request: Request) -> Response:
    try:
        person_id = checked_person_id(request.path_params["person_id"])
    except NotFound as exc:
        return render(request, "error.html", 404, message=str(exc))

    def work(archive, ask: Ask) -> dict:
        found = archive.person(person_id)
        hits = archive.search(
            "", person_ids=[person_id], sort="newest", limit=PAGE_SIZE,
            offset=(ask.page - 1) * PAGE_SIZE,
        )  # fmt: skip
        drawn = _timeline(archive, Ask(), person_ids=[person_id]) if found["passages"] else None
        pager = views.pager(ask.page, PAGE_SIZE, hits.total, len(hits.hits))
        return {"person": found, "found": hits, "pager": pager, "timeline": drawn}

    return await _answer(request, "person.html", PERSON, work, None)
