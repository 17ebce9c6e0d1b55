"""The pages, through Starlette's test client: what a person reads on each."""

from __future__ import annotations

import re
from html import unescape

import pytest
from markupsafe import escape

from conftest import first_hit


def text_of(html: str) -> str:
    """The words a page shows, tags taken out."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_home_page_is_a_search_box_and_the_archive_in_figures(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<input id="q" name="q"' in page.text
    assert "passages in 7 documents" in text_of(page.text)


def test_search_shows_hits_with_matched_words_marked_and_the_total(client):
    page = client.get("/search", params={"q": "Daesh"})
    total = client.get("/api/search", params={"q": "Daesh", "limit": 0}).json()["total"]
    assert page.status_code == 200
    assert f"1–10 of {total} passages" in text_of(page.text)
    assert "<mark>Daesh</mark>" in page.text
    hit = first_hit(client, q="Daesh")
    assert f'href="/documents/{hit["doc_id"]}#{hit["passage_id"]}"' in page.text


def test_filters_narrow_the_results(client):
    page = client.get("/search", params={"q": "Syria", "speaker": "hammond", "since": "2015-12"})
    shown = text_of(page.text)
    total = client.get(
        "/api/search", params={"q": "Syria", "speaker": "hammond", "since": "2015-12", "limit": 0}
    ).json()["total"]
    assert f"of {total} passages" in shown
    assert shown.count("Philip Hammond") >= total


def test_paging_forward_and_past_the_end(client):
    second = client.get("/search", params={"q": "Syria", "page": 2})
    assert "11–20 of" in text_of(second.text)
    assert 'rel="prev"' in second.text and 'rel="next"' in second.text
    far = client.get("/search", params={"q": "Syria", "page": 99})
    assert far.status_code == 200
    assert "No results on page 99" in text_of(far.text)
    assert "Go to the last page" in far.text


def test_no_match_is_an_answer(client):
    page = client.get("/search", params={"q": "qqqzzzxxy"})
    assert page.status_code == 200
    assert "No passages match" in text_of(page.text)


def test_did_you_mean_links_the_better_query(client):
    page = client.get("/search", params={"q": "Syrai"})
    assert "Did you mean:" in text_of(page.text)
    assert 'href="/search?q=syria"' in page.text


def test_grouped_by_document(client):
    page = client.get("/search", params={"q": "Syria", "group": "document"})
    assert "documents" in text_of(page.text)
    assert 'class="more"' in page.text


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"q": "Syria", "since": "2015-13"}, "since", "'2015-13' is not a real date"),
        ({"q": "Syria", "until": "yesterday"}, "until", "'yesterday' is not a date"),
        ({"q": '"kinetic options'}, "q", "at position 1"),
        ({"q": "Syria AND (Russia"}, "q", "position"),
        ({"q": "Syria", "speaker": "Hamond Phillip"}, "speaker", "no speaker matches"),
    ],
)
def test_a_mistake_is_shown_beside_the_box_it_was_typed_in(client, params, field, words):
    page = client.get("/search", params=params)
    assert page.status_code == 400
    assert '<input id="q" name="q"' in page.text  # the search page, not an error page
    message = re.search(rf'<p class="error" role="alert" id="{field}-error">(.*?)</p>', page.text)
    assert message and words in unescape(message.group(1))
    for value in params.values():  # what was typed stays in its box
        assert f'value="{escape(value)}"' in page.text


def test_a_malformed_query_marks_where_it_goes_wrong(client):
    page = client.get("/search", params={"q": "Syria -"})
    assert page.status_code == 400
    assert re.search(r'<p class="where">.*<mark class="bad">', page.text)


def test_an_unknown_parameter_on_a_page_says_so(client):
    page = client.get("/search", params={"q": "Syria", "colour": "red"})
    assert page.status_code == 400
    assert "unknown parameter &#39;colour&#39;" in page.text


def test_the_document_page_shows_the_passage_to_land_on(client):
    hit = first_hit(client, q="Daesh", speaker="hammond")
    page = client.get(f"/documents/{hit['doc_id']}")
    assert page.status_code == 200
    assert f'<section class="passage" id="{hit["passage_id"]}">' in page.text
    assert hit["title"] in unescape(page.text)


def test_a_debate_shows_speakers_columns_and_divisions(client):
    hit = first_hit(client, kind="hansard", since="1999", until="1999")
    page = text_of(client.get(f"/documents/{hit['doc_id']}").text)
    assert "Division No." in page and "Ayes" in page
    assert "col." in page


def test_an_unknown_document_is_a_404_page(client):
    page = client.get("/documents/nosuchthing")
    assert page.status_code == 404
    assert "no document" in text_of(page.text)


def test_the_person_page(client):
    page = client.get("/search", params={"speaker": "hammond"})
    person_id = re.search(r'href="/people/(\d+)"', page.text).group(1)
    person = client.get(f"/people/{person_id}")
    shown = text_of(person.text)
    assert person.status_code == 200
    assert "Philip Hammond" in shown and "Party: Conservative" in shown
    assert "Shadow Chief Secretary to the Treasury" in shown
    assert '<svg class="timeline"' in person.text and 'class="bar bar-' in person.text
    assert "Passages, newest first" in shown


@pytest.mark.parametrize("path", ["/people/999999", "/people/123456789012345678901234567890"])
def test_an_unknown_person_is_a_404_page(client, path):
    assert client.get(path).status_code == 404


def test_who_says_it(client):
    page = client.get("/speakers", params={"q": "Syria"})
    shown = text_of(page.text)
    assert page.status_code == 200
    assert "Who says it" in shown and "Philip Hammond" in shown
    assert re.search(r'<a href="/people/\d+">Philip Hammond</a>', page.text)


def test_the_timeline_is_drawn_on_the_server(client):
    page = client.get("/timeline", params={"q": "Syria"})
    assert page.status_code == 200
    assert page.text.count('class="bar bar-news"') >= 2
    assert "2015-12" in text_of(page.text)


def test_a_timeline_of_too_many_days_is_drawn_by_a_longer_period(client):
    page = client.get("/timeline", params={"q": "Syria OR division", "by": "day"})
    assert "would be more bars than fit" in text_of(page.text)


def test_speaker_suggestions(client):
    options = client.get("/suggest/speakers", params={"speaker": "hammo"}).text
    assert '<option value="Philip Hammond">' in options


def test_export_links_on_the_results(client):
    page = client.get("/search", params={"q": "Syria", "speaker": "hammond"})
    assert 'href="/api/export?q=Syria&amp;speaker=hammond&amp;format=csv"' in page.text
    assert 'href="/api/export?q=Syria&amp;speaker=hammond"' in page.text


def test_static_files_and_no_page_for_a_wrong_path(client):
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/static/htmx-LICENSE.txt").text.startswith("Zero-Clause BSD")
    assert client.get("/nothing/here").status_code == 404
