"""The Trace page and the trace/related API's bounds: a quote as the press printed it, found
where it was said, with everything shown escaped."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from starlette.testclient import TestClient

from archive.api import Archive
from archive.web.app import create_app
from archive.web.views import traced_text

from conftest import WORDS, debate_quoting, story_quoting

SCRIPT = "<script>alert(1)</script>"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" ,", ",")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    home = tmp_path_factory.mktemp("trace-web") / "home"
    with Archive.open(home, create=True, engine="tantivy") as archive:
        archive.add([
            debate_quoting(dt.date(2016, 10, 18), "Andrew Mitchell"),
            story_quoting(dt.date(2016, 10, 19), "Andrew Mitchell", "Mitchell's warning"),
            story_quoting(dt.date(2016, 10, 25), "Tom Watson", f"Watson's warning {SCRIPT}"),
        ])  # fmt: skip
    with TestClient(create_app(home), raise_server_exceptions=True) as client:
        yield client


def test_the_trace_page_is_a_box_for_the_quote(client):
    page = client.get("/trace")
    assert page.status_code == 200
    assert '<textarea id="q" name="q"' in page.text
    assert 'action="/trace"' in page.text
    assert '<a href="/trace">' in client.get("/").text


def test_the_trace_page_names_the_first_speaker_and_the_misattribution(client):
    quote = "[Aleppo] will be remembered as the moment the world turned ... the Syrian people"
    page = client.get("/trace", params={"q": quote})
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "First said by Andrew Mitchell, House of Commons, 18 October 2016." in shown
    assert (
        "Misattributed: Example News (25 October 2016) credits these words to Tom Watson, "
        "but they were first said by Andrew Mitchell (18 October 2016)."
    ) in shown
    assert "3 passages hold the quote or nearly, best first" in shown
    similarities = [
        float(s) for s in re.findall(r"similarity <strong>([\d.]+)</strong>", page.text)
    ]
    assert len(similarities) == 3 and similarities == sorted(similarities, reverse=True)
    # The aligned span is marked in the passage's own text.
    assert (
        "Mr Speaker, Aleppo <mark>will be remembered as the moment the world turned its "
        "back on the Syrian people</mark>, and we must" in page.text
    )


def test_a_quote_nobody_said(client):
    page = client.get("/trace", params={"q": "the fiscal rules were abandoned in a single night"})
    assert page.status_code == 200
    assert "No source found." in page.text


def test_everything_shown_is_escaped_the_quote_too(client):
    quote = f"{WORDS} {SCRIPT}"
    page = client.get("/trace", params={"q": quote, "min_similarity": "0.5"})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text  # in the box and the titles
    assert "Watson&#39;s warning &lt;script&gt;" in page.text
    bad = client.get("/trace", params={"q": quote, "since": SCRIPT})
    assert bad.status_code == 400 and "<script>alert" not in bad.text


def test_min_similarity_on_the_page_and_the_api(client):
    quote = "Aleppo will be remembered as the day the world turned its back on the people"
    assert len(client.get("/api/trace", params={"q": quote}).json()["matches"]) == 3
    none = client.get("/api/trace", params={"q": quote, "min_similarity": "0.99"}).json()
    assert none["matches"] == [] and none["first"] is None
    page = client.get("/trace", params={"q": quote, "min_similarity": "0.99"})
    assert "No source found." in page.text
    assert 'value="0.99"' in page.text


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/api/trace?q=Aleppo&min_similarity=1.5", "min_similarity must be from 0 to 1"),
        ("/api/trace?q=Aleppo&min_similarity=nan", "min_similarity must be from 0 to 1"),
        ("/api/trace?q=Aleppo&min_similarity=high", "min_similarity must be a number"),
        ("/api/trace?q=Aleppo&min_similarity=0.8&min_similarity=0.9", "give it once"),
        ("/api/trace?kind=news", "give the words of the quote"),
        ("/api/related/abc?days=-1", "days must be a whole number"),
        ("/api/related/abc?days=100000", "days must be from 0 to 366"),
        ("/api/related/abc?days=7&days=8", "give it once"),
        ("/api/related/abc?limit=3", "unknown parameter 'limit'"),
    ],
)
def test_bad_values_are_a_400_json_error(client, url, says):
    response = client.get(url)
    assert response.status_code == 400
    assert says in response.json()["error"]


def test_a_bad_value_on_the_page_is_shown_beside_its_box(client):
    page = client.get("/trace", params={"q": "Aleppo", "min_similarity": "2"})
    assert page.status_code == 400
    assert 'id="min_similarity-error"' in page.text


def test_related_days_bounds_the_stories(client):
    found = client.get("/api/trace", params={"q": WORDS}).json()
    debate = found["first"]["doc_id"]
    six = client.get(f"/api/related/{debate}", params={"days": "6"}).json()
    assert six["days"] == 6
    assert [s["title"] for s in six["stories"]] == ["Mitchell's warning"]
    assert len(client.get(f"/api/related/{debate}").json()["stories"]) == 2


def test_the_openapi_description_gives_the_new_parameters(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    trace = {p["name"]: p for p in paths["/api/trace"]["get"]["parameters"]}
    assert trace["min_similarity"]["schema"] == {"type": "number", "minimum": 0, "maximum": 1}
    related = {p["name"]: p for p in paths["/api/related/{doc_id}"]["get"]["parameters"]}
    assert related["days"]["schema"]["maximum"] == 366


def test_a_storys_quote_links_to_the_trace_page(client):
    page = client.get("/search", params={"q": "Tuesday"})
    assert 'class="trace-links"' in page.text
    assert "/trace?q=aleppo+will+be+remembered" in page.text


def test_the_marked_span_keeps_some_text_either_side():
    text = "a" * 500 + " the words " + "b" * 500
    pieces = traced_text(text, (501, 510), around=20)
    assert pieces == [
        ("…" + "a" * 19 + " ", False),
        ("the words", True),
        (" " + "b" * 19 + "…", False),
    ]
