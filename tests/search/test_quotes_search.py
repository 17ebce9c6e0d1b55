"""A passage that quotes several people is found by any of their names, on every engine;
each person counts it once; its quotes come with the hit; bodies are nobody."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from archive import Archive
from archive.model import Document, Passage, Quote

TEXT = (
    'Mayor Jennifer Roberts said Friday the city would "keep every door open". '
    'Gov. Pat McCrory said it would be "improper" to comment, and the White House '
    "said it was watching."
)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


QUOTES = (
    Quote("Mayor Jennifer Roberts", "Jennifer Roberts", "person", "said", True,
          *_span("keep every door open")),
    Quote("Gov. Pat McCrory", "Pat McCrory", "person", "said", False,
          *_span('it would be "improper" to comment')),
    Quote("the White House", None, "organisation", "said", False, *_span("it was watching")),
)  # fmt: skip


def _story() -> Document:
    quoted = Passage(
        TEXT, speaker="Jennifer Roberts", speaker_as_printed="Mayor Jennifer Roberts",
        quotes=QUOTES,
    )  # fmt: skip
    other = Passage("The city council meets again on Monday.")
    return Document(
        kind="news", title="Charlotte ordinance", date=dt.date(2016, 3, 25),
        source="Example News", passages=(quoted, other), attribution="given",
    )  # fmt: skip


@pytest.fixture
def home(tmp_path, engine) -> Path:
    home = tmp_path / "home"
    with Archive.open(home, create=True, engine=engine) as archive:
        archive.add([_story()])
    return home


@pytest.mark.parametrize("asked", ["Jennifer Roberts", "roberts", "Pat McCrory", "mccrory"])
def test_a_passage_quoting_two_people_is_found_by_either(home, asked):
    with Archive.open(home) as archive:
        found = archive.search("", speakers=[asked])
        assert [h.passage_id.rsplit(".", 1)[1] for h in found.hits] == ["0"]
        # The query table's field term means the same as the option.
        assert archive.search(f"speaker:{asked.split()[-1]}").total == 1


def test_with_a_speaker_filter_the_snippet_is_that_persons_quote(home):
    with Archive.open(home) as archive:
        (hit,) = archive.search("", speakers=["mccrory"], width=60).hits
    assert "improper" in hit.snippet and "keep every door" not in hit.snippet


def test_each_person_quoted_counts_the_passage_once_and_bodies_are_nobody(home):
    with Archive.open(home) as archive:
        counts = {p["name"]: p["passages"] for p in archive.speakers()}
        people = {r[0] for r in archive.catalog.conn.execute("SELECT name FROM people")}
    assert counts == {"Jennifer Roberts": 1, "Pat McCrory": 1}
    assert not any("White House" in (name or "") for name in people)


def test_json_and_csv_hits_carry_every_quote(run, home):
    data = json.loads(run("search", "improper", "--format", "json", home=home).stdout)
    (hit,) = data["hits"]
    assert hit["speaker"] == "Jennifer Roberts"
    assert [(q["speaker"], q["kind"], q["direct"]) for q in hit["quotes"]] == [
        ("Jennifer Roberts", "person", True),
        ("Pat McCrory", "person", False),
        ("the White House", "organisation", False),
    ]
    quote = hit["quotes"][1]
    assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    assert isinstance(quote["person_id"], int) and hit["quotes"][2]["person_id"] is None
    row = next(csv.DictReader(io.StringIO(run("export", "improper", "--format", "csv",
                                              home=home).stdout)))  # fmt: skip
    assert "Pat McCrory (person, said)" in row["quotes"]


def test_show_marks_each_quote_with_its_speaker(run, home):
    doc_id = json.loads(run("search", "improper", "--format", "json", home=home).stdout)["hits"][0][
        "doc_id"
    ]
    shown = run("show", doc_id, home=home).stdout
    assert "> Pat McCrory (person, said): it would be" in shown
    assert "> the White House (organisation, said): it was watching" in shown
    data = json.loads(run("show", doc_id, "--format", "json", home=home).stdout)
    assert len(data["passages"][0]["quotes"]) == 3 and data["passages"][1]["quotes"] == []


def _made_before_quotes(home: Path) -> None:
    """Make the catalog look as an older version left it: no quotes, no attribution kept."""
    conn = sqlite3.connect(home / "catalog.sqlite")
    with conn:
        conn.execute("DROP TABLE quotes")
        conn.execute("UPDATE documents SET attribution = NULL")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()


def test_an_older_archives_stories_are_attributed_again_by_the_next_write(tmp_path):
    home = tmp_path / "home"
    story = Document(
        kind="news", title="Hammond on Syria", date=dt.date(2015, 12, 16), attribution="prose",
        passages=(Passage('Philip Hammond told MPs: "We will continue to urge the Russians."'),),
    )  # fmt: skip
    from archive.speakers.attribution import attribute_document

    with Archive.open(home, create=True) as archive:
        archive.add([attribute_document(story)])
    _made_before_quotes(home)
    warned: list[str] = []
    with Archive.open(home) as archive:
        archive.on_warning = warned.append
        archive.sync()
        attribution = archive.catalog.conn.execute("SELECT attribution FROM documents").fetchone()
        (hit,) = archive.search("Russians", speakers=["hammond"]).hits
    assert attribution == ("prose",)
    assert any("1 stories stored by an older version were attributed again" in w for w in warned)
    assert hit.speaker == "Philip Hammond"


def test_an_inferred_speaker_is_marked_so(run, seeded_home):
    """The seed Hansard page's answers are credited by the turns of its questions."""
    data = json.loads(
        run("search", '"kinetic options"', "--format", "json", home=seeded_home).stdout
    )
    doc_id = data["hits"][0]["doc_id"]
    shown = json.loads(run("show", doc_id, "--format", "json", home=seeded_home).stdout)
    answers = [p for p in shown["passages"] if p["speaker"] == "Boris Johnson"]
    assert answers and all(p["speaker_inferred"] for p in answers)
    assert (
        "[inferred: Boris Johnson (Foreign Secretary"
        in run("show", doc_id, home=seeded_home).stdout
    )
    news = json.loads(run("search", "Daesh", "--speaker", "hammond", "--format", "json",
                          home=seeded_home).stdout)  # fmt: skip
    assert news["hits"] and not any(h["speaker_inferred"] for h in news["hits"])
