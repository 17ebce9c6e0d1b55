"""The web app: one table of routes, the headers every answer carries, and what errors become.

create_app(home) gives a Starlette app over the archive at `home`, opened
for reading only: no route indexes, removes or changes anything, and any
method but GET (and HEAD) is refused.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from archive.errors import ArchiveError
from archive.web import jsonapi, pages
from archive.web.answers import status_of, web_message
from archive.web.params import BadParam
from archive.web.readers import TIMEOUT, WORKERS, Busy, Readers, TooSlow

STATIC = Path(__file__).parent / "static"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1"]
# Only the app's own scripts and styles; nothing inline, nothing from elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
log = logging.getLogger("archive.web")


ROUTES = [
    Route("/", pages.search, name="home"),
    Route("/search", pages.search, name="search"),
    Route("/speakers", pages.speakers, name="speakers"),
    Route("/timeline", pages.timeline, name="timeline"),
    Route("/trace", pages.trace, name="trace"),
    Route("/documents/{doc_id}", pages.document, name="document"),
    Route("/people/{person_id:int}", pages.person, name="person"),
    Route("/suggest/speakers", pages.suggest_speakers, name="suggest-speakers"),
    Route("/api/search", jsonapi.search),
    Route("/api/export", jsonapi.export),
    Route("/api/speakers", jsonapi.speakers),
    Route("/api/timeline", jsonapi.timeline),
    Route("/api/documents/{doc_id}", jsonapi.document),
    Route("/api/trace", jsonapi.trace),
    Route("/api/related/{doc_id}", jsonapi.related),
    Route("/api/people/{person_id:int}", jsonapi.person),
    Route("/api/stats", jsonapi.stats),
    Route("/api/openapi.json", jsonapi.openapi_json),
    Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
]


class SecurityHeaders:
    """Every answer says what the browser may run and load (ASGI middleware)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return await self.app(scope, receive, with_headers)


class OwnHosts:
    """Answer only requests that name one of `hosts` in their Host header (ASGI middleware):
    a web page elsewhere cannot reach a loopback server through a name of its own that
    resolves here (DNS rebinding). Starlette's TrustedHostMiddleware misreads "[::1]:8000"."""

    def __init__(self, app, hosts: list[str]):
        self.app, self.hosts = app, {h.lower() for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            given = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = given[1:].split("]")[0] if given.startswith("[") else given.split(":")[0]
            if name not in self.hosts:
                response = JSONResponse({"error": f"this server does not answer to {given!r}"}, 400)
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _error(request: Request, exc: Exception) -> Response:
    """An error as JSON for the API, as a page for a person; never a traceback."""
    status = status_of(exc)
    if isinstance(exc, HTTPException):
        status = exc.status_code
        message = {404: "no such page", 405: "this archive is read-only: only GET is answered"}
        text = message.get(status, str(exc.detail))
    elif status is None:
        log.exception("unexpected error answering %s", request.url.path)
        status, text = 500, "something went wrong inside the archive (see the server's log)"
    else:
        text = web_message(str(exc))
    if _is_api(request):
        headers = {"Allow": "GET, HEAD"} if status == 405 else None
        return JSONResponse({"error": text}, status_code=status, headers=headers)
    return pages.render(request, "error.html", status, message=text)


def create_app(
    home: str | Path,
    workers: int = WORKERS,
    timeout: float = TIMEOUT,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The app over the archive at `home` (NoArchive now if there is none).

    `allowed_hosts` are the Host names answered (others get 400): a server on
    the loopback answers only to its own names, so a web page elsewhere cannot
    reach it through a name of its own that resolves here (DNS rebinding).
    """
    readers = Readers(Path(home), workers, timeout)
    readers.check()

    @asynccontextmanager
    async def lifespan(app):
        yield
        readers.close()

    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts:
        middleware.append(Middleware(OwnHosts, hosts=allowed_hosts))
    app = Starlette(
        routes=ROUTES,
        middleware=middleware,
        exception_handlers={
            kind: _error
            for kind in (HTTPException, BadParam, ArchiveError, TooSlow, Busy, Exception)
        },
        lifespan=lifespan,
    )
    app.state.readers = readers
    return app
