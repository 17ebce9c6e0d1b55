"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

from archive.search.records import HIT_FIELDS, SPEAKER_FIELDS, TIMELINE_FIELDS
from archive.web.params import MAX_DAYS, MAX_LIMIT, MAX_QUERY


def _param(name: str, description: str, schema: dict | None = None, many: bool = False) -> dict:
    schema = schema or {"type": "string"}
    if many:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if many else {}),
    }


def _path_param(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


DATE = {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"}
QUERY = [
    _param(
        "q",
        f'The query: words, "phrases", -not, OR, (groups), prefix*, NEAR/5, field '
        f"terms (speaker:, date:, kind:, ...). At most {MAX_QUERY} characters.",
        {"type": "string", "maxLength": MAX_QUERY},
    ),
    _param(
        "speaker", "Said by this person: name, surname, alias, ParlParse id or office.", many=True
    ),
    _param("since", "On or after: YYYY, YYYY-MM or YYYY-MM-DD.", DATE),
    _param("until", "On or before: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).", DATE),
    _param("source", "From a source whose name contains these words (bbc).", many=True),
    _param("kind", "news or hansard.", {"type": "string", "enum": ["news", "hansard"]}, True),
    _param("party", "Said by a member of this party on the day (labour).", many=True),
    _param("house", "commons, lords or westminster-hall.", many=True),
    _param("topic", "Tagged with this topic, place or category (crude).", many=True),
    _param(
        "person",
        "Said by this person of the archive (the id of /api/people/{id}).",
        {"type": "integer", "minimum": 1},
        True,
    ),
]
SORT = _param(
    "sort",
    "relevance (default with words), newest (default without) or oldest.",
    {"type": "string", "enum": ["relevance", "newest", "oldest"]},
)
ERROR = {
    "description": "Bad input (400), unknown id (404) or the archive cannot answer now (503).",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            }
        }
    },
}
HIT = {
    "type": "object",
    "properties": {name: {} for name in HIT_FIELDS}
    | {
        "tags": {"type": "array", "items": {"type": "string"}},
        "score": {"type": ["number", "null"]},
    },
}


def _get(
    summary: str,
    params: list[dict],
    schema: dict,
    media: str = "application/json",
    example: str = "",
) -> dict:
    return {
        "get": {
            "summary": summary + (f" Example: {example}" if example else ""),
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {media: {"schema": schema}}},
                "400": ERROR,
                "404": ERROR,
                "503": ERROR,
            },
        }
    }


def openapi() -> dict:
    limit = _param(
        "limit",
        f"Results in the answer (0: only the total); at most {MAX_LIMIT}.",
        {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 10},
    )
    search = {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer"},
            "hits": {"type": "array", "items": HIT},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "archive",
            "version": "1",
            "description": "A searchable archive of news and UK Hansard: who said what, and "
            "when. Bodies are those of the `archive` command's --format json. Warnings come "
            "in the X-Archive-Warnings header, a suggested query in X-Archive-Did-You-Mean "
            "(both JSON).",
        },
        "paths": {
            "/api/search": _get(
                "Passages matching the query and filters, best first, a page at a time "
                "(= archive search --format json).",
                [
                    *QUERY,
                    SORT,
                    _param(
                        "group",
                        "document: one result per document, its next passages in "
                        "`passages`; total counts documents.",
                        {"type": "string", "enum": ["document"]},
                    ),
                    limit,
                    _param("offset", "Skip this many.", {"type": "integer", "minimum": 0}),
                    _param(
                        "page",
                        "Page number (offset = (page-1) x limit).",
                        {"type": "integer", "minimum": 1},
                    ),
                    _param(
                        "context",
                        "Snippet width in characters.",
                        {"type": "integer", "minimum": 40, "maximum": 2000},
                    ),
                ],
                search,
                example="/api/search?q=Daesh&speaker=hammond&since=2015-12",
            ),
            "/api/export": _get(
                "Every matching passage, streamed with no cap, oldest first (= archive export).",
                [
                    *QUERY,
                    _param(
                        "sort",
                        "oldest (default) or newest.",
                        {"type": "string", "enum": ["oldest", "newest"]},
                    ),
                    _param(
                        "format",
                        "jsonl (default) or csv.",
                        {"type": "string", "enum": ["jsonl", "csv"]},
                    ),
                ],
                HIT,
                "application/x-ndjson",
            ),
            "/api/speakers": _get(
                "People ranked by matching passages (= archive speakers --format json).",
                [
                    *QUERY,
                    _param("name", "Only the people this names."),
                    _param(
                        "limit",
                        "At most this many people (0: all).",
                        {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 20},
                    ),
                ],
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            name: {} for name in (*SPEAKER_FIELDS, "aliases", "offices")
                        },
                    },
                },
            ),
            "/api/timeline": _get(
                "Matching passages per period, news and Hansard apart, zeros included "
                "(= archive timeline --format json).",
                [
                    *QUERY,
                    _param(
                        "by",
                        "day, week, month (default) or year.",
                        {"type": "string", "enum": ["day", "week", "month", "year"]},
                    ),
                    _param(
                        "format",
                        "json (default) or csv.",
                        {"type": "string", "enum": ["json", "csv"]},
                    ),
                ],
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {name: {} for name in TIMELINE_FIELDS},
                    },
                },
            ),
            "/api/documents/{doc_id}": _get(
                "A document whole: passages in order, divisions, copies "
                "(= archive show --format json).",
                [
                    _path_param(
                        "doc_id", "A document id, or a passage id (abc.4).", {"type": "string"}
                    )
                ],
                {"type": "object"},
            ),
            "/api/people/{person_id}": _get(
                "A person: names, parties and offices over time, passages (count, first, "
                "last). Their passages: /api/search?person={person_id}.",
                [
                    _path_param(
                        "person_id",
                        "The person's id in this archive.",
                        {"type": "integer", "minimum": 1},
                    )
                ],
                {"type": "object"},
            ),
            "/api/trace": _get(
                "Where a quote was said: matches best first with similarity and span, the "
                "earliest, the later ones crediting someone else (= archive trace --format json).",
                [
                    *QUERY,
                    _param("limit", "Matches at most (default 20).", {"type": "integer"}),
                    _param(
                        "min_similarity",
                        "List only passages at least this similar (default 0.8).",
                        {"type": "number", "minimum": 0, "maximum": 1},
                    ),
                ],
                {
                    "type": "object",
                    "properties": {
                        name: {} for name in ("quote", "matches", "first", "misattributed")
                    },
                },
            ),
            "/api/related/{doc_id}": _get(
                "A story's quotes traced to Hansard and the debates around it, or a debate's "
                "stories (= archive related --format json).",
                [
                    _path_param("doc_id", "A document id.", {"type": "string"}),
                    _param(
                        "days",
                        f"Debates (or stories) this many days either side (default 7, at most "
                        f"{MAX_DAYS}).",
                        {"type": "integer", "minimum": 0, "maximum": MAX_DAYS},
                    ),
                ],
                {"type": "object"},
            ),
            "/api/stats": _get(
                "Documents, passages, kinds, sources, dates and speakers "
                "(= archive stats --format json).",
                [],
                {"type": "object"},
            ),
        },
    }
