"""Safe by default: everything escaped, only the app's own scripts, bounded work, read-only."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from starlette.testclient import TestClient

from archive.web.app import create_app

from conftest import IMG, SCRIPT


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=Zanzibarian",
        "/search?q=Zanzibarian&group=document",
        "/speakers?q=Zanzibarian",
        "/timeline?q=Zanzibarian",
    ],
)
def test_injected_text_is_shown_as_text(client, path):
    page = client.get(path).text
    assert SCRIPT not in page and IMG not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page or path.startswith("/timeline")


def test_the_hostile_document_shows_every_field_as_text(client):
    hit = client.get("/api/search", params={"q": "Zanzibarian", "limit": 1}).json()["hits"][0]
    page = client.get(f"/documents/{hit['doc_id']}").text
    assert SCRIPT not in page and IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hostile headline" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page  # a javascript: URL is never a link
    assert "<script>" not in page


def test_the_hostile_speaker_page(client):
    page = client.get("/search", params={"q": "Zanzibarian attribute"}).text
    person = page.split('href="/people/')[1].split('"')[0]
    shown = client.get(f"/people/{person}").text
    assert IMG not in shown and "Eve &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in shown


@pytest.mark.parametrize("query", [SCRIPT, IMG, f"{SCRIPT} AND (", f'"{IMG}'])
def test_an_injected_query_is_echoed_as_text(client, query):
    for path in ("/search", "/speakers", "/timeline"):
        page = client.get(path, params={"q": query}).text
        assert SCRIPT not in page and IMG not in page
        assert "<img" not in page


def test_an_injected_date_and_speaker_are_echoed_as_text(client):
    page = client.get("/search", params={"q": "Syria", "since": IMG, "speaker": SCRIPT}).text
    assert IMG not in page and SCRIPT not in page


def test_every_answer_carries_a_content_security_policy(client):
    for path in ("/", "/search?q=Syria", "/api/search?q=Syria", "/nothing", "/static/app.css"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "default-src 'none'" in policy


@pytest.mark.parametrize(
    "path", ["/search?q=Zanzibarian", "/speakers?q=Syria", "/timeline?q=Syria"]
)
def test_pages_have_no_inline_script(client, path):
    page = client.get(path).text
    own = re.findall(r'<script src="/static/[a-z.]+" defer></script>', page)
    assert page.count("<script") == len(own) == 2
    assert not re.search(r"<[^>]*\son\w+\s*=", page)  # no onclick=, onerror= ...


def test_a_request_that_takes_too_long_is_stopped_with_a_message(web_home, monkeypatch):
    from archive.api import Archive

    def slow(self, *args, **kwargs):
        time.sleep(1.0)
        raise AssertionError("never answered")

    monkeypatch.setattr(Archive, "search", slow)
    with TestClient(create_app(web_home, timeout=0.2)) as client:
        started = time.monotonic()
        response = client.get("/api/search", params={"q": "Syria"})
        assert time.monotonic() - started < 0.9
        assert response.status_code == 503
        assert "took longer than 0.2 seconds" in response.json()["error"]
        page = client.get("/search", params={"q": "Syria"})
        assert page.status_code == 503 and "took longer" in page.text


def test_an_unexpected_error_is_a_500_without_a_traceback(web_home, monkeypatch):
    from archive.api import Archive

    def broken(self, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Archive, "stats", broken)
    with TestClient(create_app(web_home), raise_server_exceptions=False) as client:
        for path in ("/api/stats", "/"):
            response = client.get(path)
            assert response.status_code == 500
            assert "secret internals" not in response.text and "Traceback" not in response.text


def test_a_server_on_the_loopback_answers_only_to_its_own_names(web_home):
    app = create_app(web_home, allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, base_url="http://evil.example") as client:
        assert client.get("/api/stats").status_code == 400
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        with TestClient(app, base_url=base) as client:
            assert client.get("/api/stats").status_code == 200


def test_nothing_over_http_changes_the_archive(client, web_home):
    catalog = web_home / "catalog.sqlite"
    before = catalog.stat().st_mtime_ns
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/search?q=Syria")
        assert response.status_code == 405
    client.get("/search", params={"q": "Syria"})
    assert catalog.stat().st_mtime_ns == before


def test_the_readers_are_read_only(client):
    from archive.errors import Unwritable

    async def try_writing():
        return await client.app.state.readers.call(lambda archive: archive.remove(["x"]))

    with pytest.raises(Unwritable):
        asyncio.run(try_writing())
