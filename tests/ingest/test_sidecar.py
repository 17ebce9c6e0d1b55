"""Sidecars (`NAME.meta.json`): their facts win, disagreements are logged, bad ones are refused."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from archive.errors import IngestError
from archive.ingest import discover, read_documents
from archive.model import Document

SEEDS = Path(__file__).parents[2] / "seeds"
PAGE = "Found title\n\nJane Smith\n9 December 2015\n\nBody text of the story.\n"


def story(tmp_path: Path, sidecar: object, name: str = "story.meta.json", text: str = PAGE) -> Path:
    """A story file with a sidecar: a dict is written as JSON, a str as it is."""
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    body = sidecar if isinstance(sidecar, str) else json.dumps(sidecar)
    (tmp_path / name).write_text(body, encoding="utf-8")
    return path


def read_one(path: Path) -> Document:
    (document,) = read_documents(path)
    return document


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_sidecar_facts_win_over_the_text(tmp_path, caplog):
    path = story(
        tmp_path,
        {
            "title": "Sidecar title",
            "date": "2015-12-10",
            "authors": ["John Doe"],
            "kind": "news",
            "source": "The Paper",
            "url": "https://example.org/story",
        },
    )
    document = read_one(path)
    assert document.title == "Sidecar title"
    assert document.date == dt.date(2015, 12, 10)
    assert document.authors == ("John Doe",)
    assert (document.kind, document.source, document.url) == (
        "news",
        "The Paper",
        "https://example.org/story",
    )


@pytest.mark.parametrize(
    ("field", "value", "sidecar_shows", "text_shows"),
    [
        ("title", "Sidecar title", "'Sidecar title'", "'Found title'"),
        ("date", "2015-12-10", "'2015-12-10'", "'2015-12-09'"),
        ("date", "2016-01", "'2016-01'", "'2015-12-09'"),
        ("authors", ["John Doe"], "['John Doe']", "['Jane Smith']"),
        ("kind", "hansard", "'hansard'", "'news'"),
    ],
)
def test_disagreement_is_logged_with_file_field_and_both_values(
    tmp_path, caplog, field, value, sidecar_shows, text_shows
):
    path = story(tmp_path, {field: value})
    with caplog.at_level(logging.WARNING, logger="archive.ingest"):
        read_one(path)
    (message,) = warnings(caplog)
    assert str(path) in message
    assert "story.meta.json" in message
    assert f" {field} " in message
    assert sidecar_shows in message
    assert text_shows in message


def test_agreeing_sidecar_logs_nothing(tmp_path, caplog):
    path = story(tmp_path, {"title": "Found  title", "date": "2015-12-09", "authors": "Jane Smith"})
    with caplog.at_level(logging.WARNING, logger="archive.ingest"):
        document = read_one(path)
    assert warnings(caplog) == []
    assert document.authors == ("Jane Smith",)


def test_seeds_read_without_warnings(caplog):
    with caplog.at_level(logging.WARNING, logger="archive.ingest"):
        documents = [d for path in discover([SEEDS]) for d in read_documents(path)]
    assert len(documents) == 5
    assert warnings(caplog) == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # The text's full date falls within the sidecar's month or year: keep the precise one.
        ("2015-12", dt.date(2015, 12, 9)),
        ("2015", dt.date(2015, 12, 9)),
        ("2016", dt.date(2016, 1, 1)),
    ],
)
def test_partial_sidecar_date(tmp_path, date, expected):
    assert read_one(story(tmp_path, {"date": date})).date == expected


def test_partial_sidecar_date_without_a_date_in_the_text(tmp_path):
    path = story(tmp_path, {"date": "2015-12"}, text="Title\n\nBody text.\n")
    assert read_one(path).date == dt.date(2015, 12, 1)


def test_long_sidecar_name_is_accepted(tmp_path):
    path = story(tmp_path, {"source": "Long name"}, name="story.txt.meta.json")
    assert read_one(path).source == "Long name"


def test_null_field_is_the_same_as_no_field(tmp_path):
    document = read_one(story(tmp_path, {"title": None, "date": None, "authors": None}))
    assert (document.title, document.date, document.authors) == (
        "Found title",
        dt.date(2015, 12, 9),
        ("Jane Smith",),
    )


def test_unknown_field_is_ignored_with_a_warning(tmp_path, caplog):
    path = story(tmp_path, {"source": "The Paper", "sauce": "ketchup", "note": "for people"})
    with caplog.at_level(logging.WARNING, logger="archive.ingest"):
        document = read_one(path)
    assert document.source == "The Paper"
    assert warnings(caplog) == ["sidecar story.meta.json: unknown field 'sauce' ignored"]


@pytest.mark.parametrize(
    ("sidecar", "why"),
    [
        (
            '{"title": "x",}',
            "invalid JSON at line 1 column 15: Expecting property name enclosed in double quotes",
        ),
        ("[1, 2]", "expected a JSON object, found a list"),
        ({"kind": "blog"}, "kind must be one of news, hansard, not 'blog'"),
        ({"kind": 1}, "kind must be a string, not a number (1)"),
        ({"date": "2015-02-30"}, "impossible date '2015-02-30'"),
        ({"date": "09/12/2015"}, "date must be YYYY-MM-DD, YYYY-MM or YYYY, not '09/12/2015'"),
        ({"date": 2015}, "date must be a string, not a number (2015)"),
        ({"title": ["a"]}, "title must be a string, not a list"),
        ({"url": "  "}, "url is empty"),
        ({"authors": {"name": "x"}}, "authors must be a list of names, not an object"),
        ({"authors": ["Jane", 3]}, "authors must be names, but item 2 is a number (3)"),
    ],
    ids=[
        "bad-json",
        "not-object",
        "bad-kind",
        "kind-type",
        "impossible-date",
        "date-shape",
        "date-type",
        "title-type",
        "empty-url",
        "authors-type",
        "author-item",
    ],
)
def test_malformed_sidecar_is_refused_naming_it(tmp_path, sidecar, why):
    path = story(tmp_path, sidecar)
    with pytest.raises(IngestError) as caught:
        list(read_documents(path))
    assert caught.value.path == str(path)
    assert caught.value.reason == f"malformed sidecar story.meta.json: {why}"


def test_sidecar_that_is_not_utf8_is_refused(tmp_path):
    path = story(tmp_path, "{}")
    (tmp_path / "story.meta.json").write_bytes(b'{"source": "Caf\xe9"}')
    with pytest.raises(IngestError, match=r"malformed sidecar story\.meta\.json: not valid UTF-8"):
        list(read_documents(path))
