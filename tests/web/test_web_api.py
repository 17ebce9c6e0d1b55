"""The JSON API: the CLI's JSON bodies, paging, errors as {"error": ...} with 400 and 404."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import first_hit


@pytest.mark.parametrize(
    ("path", "params", "command"),
    [
        ("/api/search", {"q": "Daesh"}, ["search", "Daesh", "--format", "json"]),
        ("/api/search", {"q": "Syria", "group": "document", "limit": "3"},
         ["search", "Syria", "--group", "document", "--limit", "3", "--format", "json"]),
        ("/api/search", {"q": "Syria", "speaker": "hammond", "since": "2015-12"},
         ["search", "Syria", "--speaker", "hammond", "--since", "2015-12", "--format", "json"]),
        ("/api/search", {"q": "zzzqqqx"}, ["search", "zzzqqqx", "--format", "json"]),
        ("/api/speakers", {"q": "Syria"}, ["speakers", "Syria", "--format", "json"]),
        ("/api/speakers", {}, ["speakers", "--format", "json"]),
        ("/api/timeline", {"q": "Syria"}, ["timeline", "Syria", "--format", "json"]),
        ("/api/timeline", {"q": "Syria", "by": "week", "format": "csv"},
         ["timeline", "Syria", "--by", "week", "--format", "csv"]),
        ("/api/stats", {}, ["stats", "--format", "json"]),
        ("/api/export", {"q": "Syria"}, ["export", "Syria"]),
        ("/api/export", {"q": "Syria", "format": "csv", "sort": "newest"},
         ["export", "Syria", "--format", "csv", "--sort", "newest"]),
    ],
)  # fmt: skip
def test_the_body_is_what_the_command_line_prints(client, run, web_home, path, params, command):
    response = client.get(path, params=params)
    assert response.status_code == 200
    printed = run(*command, home=web_home)
    assert printed.exit_code == 0
    assert response.text == printed.stdout


def test_a_document_is_what_show_prints(client, run, web_home):
    hit = first_hit(client, q="Daesh")
    response = client.get(f"/api/documents/{hit['doc_id']}")
    assert response.text == run("show", hit["doc_id"], "--format", "json", home=web_home).stdout
    by_passage = client.get(f"/api/documents/{hit['passage_id']}").json()
    assert by_passage["doc_id"] == hit["doc_id"]


def test_limit_offset_and_page_walk_the_same_results(client):
    whole = client.get("/api/search", params={"q": "Syria", "limit": 30}).json()
    second = client.get("/api/search", params={"q": "Syria", "limit": 5, "offset": 5}).json()
    paged = client.get("/api/search", params={"q": "Syria", "limit": 5, "page": 2}).json()
    assert second == paged
    assert [h["passage_id"] for h in second["hits"]] == [
        h["passage_id"] for h in whole["hits"][5:10]
    ]
    assert second["total"] == whole["total"] > 10


def test_paging_past_the_end_answers_with_the_total(client):
    body = client.get("/api/search", params={"q": "Syria", "offset": 5000}).json()
    assert body["hits"] == [] and body["total"] > 0


def test_limit_zero_counts_only(client):
    body = client.get("/api/search", params={"q": "Syria", "limit": 0}).json()
    assert body["hits"] == [] and body["total"] > 0


def test_a_person_and_their_passages(client):
    hammond = next(
        p for p in client.get("/api/speakers", params={"limit": 0}).json()
        if p["name"] == "Philip Hammond"
    )  # fmt: skip
    assert "id" not in hammond  # the CLI's shape
    hit = first_hit(client, q="Daesh", speaker="hammond")
    page = client.get("/search", params={"q": "Daesh", "speaker": "hammond"}).text
    person_id = int(page.split('href="/people/')[1].split('"')[0])
    person = client.get(f"/api/people/{person_id}").json()
    assert person["name"] == "Philip Hammond" and person["ref"] == hammond["ref"]
    assert person["passages"] == hammond["passages"]
    assert any(party == "Conservative" for party, _, _ in person["parties"])
    theirs = client.get("/api/search", params={"person": person_id, "limit": 100}).json()
    assert theirs["total"] == person["passages"]
    assert hit["passage_id"] in [h["passage_id"] for h in theirs["hits"]]


def test_export_streams_every_match_as_csv(client):
    response = client.get("/api/export", params={"q": "Syria", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    total = client.get("/api/search", params={"q": "Syria", "limit": 0}).json()["total"]
    assert len(rows) == total


def test_export_as_json_lines(client):
    response = client.get("/api/export", params={"speaker": "hammond"})
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines and all(line["speaker"] == "Philip Hammond" for line in lines)


def test_warnings_and_did_you_mean_travel_in_headers(client):
    response = client.get("/api/search", params={"q": "Syrai"})
    assert json.loads(response.headers["x-archive-did-you-mean"]) == "syria"
    response = client.get("/api/search", params={"q": "Syria", "source": "nosuchpaper"})
    assert "nosuchpaper" in json.loads(response.headers["x-archive-warnings"])[0]


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/api/search", {"q": '"unclosed'}, 400, "position 1"),
        ("/api/search", {"q": "Syria", "since": "2015-13"}, 400, "2015-13"),
        ("/api/search", {"q": "date:2015-13"}, 400, "position"),
        ("/api/search", {"q": "Syria", "limit": "1001"}, 400, "limit"),
        ("/api/search", {"q": "Syria", "limit": "-1"}, 400, "limit"),
        ("/api/search", {"q": "Syria", "limit": "ten"}, 400, "whole number"),
        ("/api/search", {"q": "Syria", "offset": "5", "page": "2"}, 400, "not both"),
        ("/api/search", {"q": "x" * 1001}, 400, "at most 1,000"),
        ("/api/search", {"q": "Syria", "colour": "red"}, 400, "unknown parameter 'colour'"),
        ("/api/search", {"q": "Syria", "sort": "sideways"}, 400, "sort"),
        ("/api/search", {"q": "Syria", "kind": "blog"}, 400, "kind"),
        ("/api/search", {"q": "Syria", "house": "attic"}, 400, "house"),
        ("/api/search", {"q": "Syria", "speaker": "Zebedee Quux"}, 400, "no speaker matches"),
        ("/api/search", {}, 400, "give a query"),
        ("/api/search", {"q": "Syria", "since": "2016", "until": "2015"}, 400, "after"),
        ("/api/export", {"q": "Syria", "format": "xml"}, 400, "format"),
        ("/api/export", {"q": "Syria", "sort": "relevance"}, 400, "sorted by date"),
        ("/api/timeline", {"q": "Syria", "by": "fortnight"}, 400, "by"),
        ("/api/timeline", {}, 400, "give a query"),
        ("/api/speakers", {"limit": "5000"}, 400, "limit"),
        ("/api/documents/nosuchdocument", {}, 404, "no document"),
        ("/api/people/999999", {}, 404, "no person"),
        ("/api/people/99999999999999999999999", {}, 404, "no person"),
        ("/api/people/abc", {}, 404, "no such page"),
        ("/api/nothing", {}, 404, "no such page"),
        ("/api/stats", {"q": "x"}, 400, "unknown parameter"),
    ],
)  # fmt: skip
def test_bad_input_is_a_json_error_never_a_500(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status
    assert list(response.json()) == ["error"]
    assert words in response.json()["error"]


def test_a_parameter_given_twice_that_may_be_given_once(client):
    response = client.get("/api/search?q=Syria&q=Russia")
    assert response.status_code == 400 and "give it once" in response.json()["error"]


def test_nothing_but_get(client):
    response = client.post("/api/search", params={"q": "Syria"})
    assert response.status_code == 405
    assert "read-only" in response.json()["error"]


def test_the_openapi_description_names_every_route(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/api/search", "/api/export", "/api/speakers", "/api/timeline",
        "/api/documents/{doc_id}", "/api/people/{person_id}", "/api/stats",
        "/api/trace", "/api/related/{doc_id}",
    }  # fmt: skip


def test_trace_and_related_answer_as_the_command_line_does(client, run, web_home):
    quote = "the UK has been in the lead in the UN Security Council in bringing pressure"
    found = client.get("/api/trace", params={"q": quote}).json()
    assert found["first"]["speaker"] == "Boris Johnson"
    assert found == json.loads(run("trace", quote, "--format", "json", home=web_home).output)
    doc_id = found["first"]["doc_id"]
    related = client.get(f"/api/related/{doc_id}").json()
    assert related["kind"] == "hansard" and "stories" in related
    assert client.get("/api/trace", params={"q": "fiscal rules abandoned"}).json()["first"] is None
