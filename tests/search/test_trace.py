"""archive trace: a quote as the press prints it, found where it was said, earliest first."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from archive.api import Archive
from archive.model import Document, Passage
from archive.search.trace import DEFAULT_MIN_SIMILARITY, align, pieces
from archive.speakers.attribution import attribute_document

from conftest import WORDS, debate_quoting, story_quoting

SPEECH = (
    "My hon. Friend is quite right. As you will appreciate, Mr Speaker, the UK has been in "
    "the lead in the UN Security Council in bringing pressure to bear on Russia not just on "
    "its use of chemical weapons, but on its continuing refusal to get the Syrian regime to "
    "have a ceasefire."
)


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        pytest.param(
            "the UK has been in the lead in the UN Security Council",
            "the UK has been in the lead in the UN Security Council",
            id="trimmed",
        ),
        pytest.param(
            "the UK has been in the lead … on its continuing refusal to get the Syrian regime",
            "the UK has been in the lead in the UN Security Council in bringing pressure to "
            "bear on Russia not just on its use of chemical weapons, but on its continuing "
            "refusal to get the Syrian regime",
            id="ellipsis",
        ),
        pytest.param(
            "bringing pressure to bear on Russia... on its continuing refusal",
            "bringing pressure to bear on Russia not just on its use of chemical weapons, but "
            "on its continuing refusal",
            id="three-dots",
        ),
        pytest.param(
            "[Britain] has been in the lead in the UN Security Council",
            "has been in the lead in the UN Security Council",
            id="bracketed-words",
        ),
        pytest.param(
            "THE UK HAS BEEN IN THE LEAD; IN THE UN SECURITY-COUNCIL",
            "the UK has been in the lead in the UN Security Council",
            id="capitals-and-punctuation",
        ),
        pytest.param(
            "“[t]he UK has been in the lead in the UN Security Council”",
            "the UK has been in the lead in the UN Security Council",
            id="curly-quotes-and-a-capital-changed",
        ),
    ],
)
def test_an_edited_quote_aligns_with_the_words_said(quote, said):
    found = align(quote, SPEECH)
    assert found.similarity >= 0.97
    assert SPEECH[found.start : found.end] == said


@pytest.mark.parametrize(
    "quote",
    [
        "the UK has been at the front in the UN Security Council in bringing pressure on Russia",
        "the United Kingdom has been in the lead in the UN Security Council",
    ],
    ids=["two-words-changed", "one-word-changed"],
)
def test_a_word_or_two_changed_still_matches(quote):
    assert DEFAULT_MIN_SIMILARITY <= align(quote, SPEECH).similarity < 1


@pytest.mark.parametrize(
    "quote",
    [
        "The Chancellor must explain why the fiscal rules were abandoned last spring",
        "We will build forty new hospitals and recruit fifty thousand nurses by 2030",
    ],
)
def test_a_quote_nobody_said_does_not_match(quote):
    assert align(quote, SPEECH).similarity < DEFAULT_MIN_SIMILARITY


def test_a_passage_shorter_than_the_quote_must_be_the_quote():
    assert align(SPEECH, "Yes.").similarity < 0.1


def test_the_gaps_split_the_quote():
    assert pieces("“We will … not [the Government] stand by...”") == ["we will", "not", "stand by"]


# -- over the seeds -------------------------------------------------------------


def test_an_altered_sentence_of_the_hansard_seed_is_traced_to_it(run, seeded_home):
    quote = (
        "the UK has been in the lead in the un security council in bringing pressure to bear "
        "on russia ... on its continuing refusal to get the [Assad] regime to have a ceasefire"
    )
    result = run("trace", quote, home=seeded_home)
    assert result.exit_code == 0
    assert result.output.startswith(
        "First said by Boris Johnson, House of Commons, 18 October 2016"
    )


def test_the_bbc_seed_quoting_hammond(run, seeded_home):
    quote = "Frankly, that will be highly challenging, but I commend [John Kerry] for his ambition"
    result = run("trace", quote, "--format", "json", home=seeded_home)
    found = json.loads(result.output)
    assert found["first"]["attributed_to"] == "Philip Hammond"
    assert found["first"]["similarity"] >= 0.95
    start, end = found["first"]["span"]
    assert found["first"]["text"][start:end] == (
        "Frankly, that will be highly challenging, but I commend him for his ambition"
    )
    assert found["misattributed"] == []


def test_a_quote_nobody_said_finds_no_source(run, seeded_home):
    result = run("trace", "The fiscal rules were abandoned last spring", home=seeded_home)
    assert (result.exit_code, result.output) == (0, "No source found.\n")
    result = run("trace", "fiscal rules abandoned", "--format", "json", home=seeded_home)
    assert json.loads(result.output) == {
        "quote": "fiscal rules abandoned", "matches": [], "first": None, "misattributed": [],
    }  # fmt: skip


def test_a_filter_narrows_the_candidates(run, seeded_home):
    quote = "the UK has been in the lead in the UN Security Council"
    assert run("trace", quote, "--kind", "news", home=seeded_home).output == "No source found.\n"


# -- earliest first, and misattribution -----------------------------------------


@pytest.fixture
def traced_archive(tmp_path):
    with Archive.open(tmp_path / "a", create=True) as archive:
        archive.add(
            [
                story_quoting(dt.date(2016, 10, 25), "Tom Watson", "Watson's warning"),
                debate_quoting(dt.date(2016, 10, 18), "Andrew Mitchell"),
                story_quoting(dt.date(2016, 10, 19), "Andrew Mitchell", "Mitchell's warning"),
            ]
        )
        yield archive


def test_the_earliest_match_is_first_and_the_later_ones_follow_by_date(traced_archive):
    found = traced_archive.trace("Aleppo will be remembered as the moment the world turned")
    assert found.first.hit.kind == "hansard"
    assert found.first.said_by == "Andrew Mitchell"
    assert [m.hit.date for m in found.later] == ["2016-10-19", "2016-10-25"]


def test_a_later_match_crediting_someone_else_is_misattributed(traced_archive, run):
    found = traced_archive.trace("[Aleppo] will be remembered as the moment the world turned")
    assert [m.hit.title for m in found.misattributed] == ["Watson's warning"]
    assert found.misattributed[0].said_by == "Tom Watson"
    home = str(traced_archive.home)
    result = run("trace", "the moment the world turned its back on the Syrian people", home=home)
    assert result.output.startswith("First said by Andrew Mitchell, House of Commons")
    assert "MISATTRIBUTED: credited to Tom Watson, but first said by Andrew Mitchell" in (
        result.output
    )
    record = json.loads(run("trace", WORDS, "--format", "json", home=home).output)
    assert [m["attributed_to"] for m in record["misattributed"]] == ["Tom Watson"]
    assert record["first"]["speaker"] == "Andrew Mitchell"
    assert len(record["matches"]) == 3


def test_min_similarity_and_limit(traced_archive):
    quote = "Aleppo will be remembered as the day the world turned its back on the people"
    assert len(traced_archive.trace(quote).matches) == 3
    assert traced_archive.trace(quote, min_similarity=0.99).matches == ()
    assert len(traced_archive.trace(quote, limit=1).matches) == 1


# -- related ----------------------------------------------------------------------


def test_a_storys_quote_is_traced_to_the_debate_and_the_debate_to_the_story(traced_archive, run):
    matches = traced_archive.trace(WORDS).matches
    story = next(m.hit for m in matches if m.hit.title == "Mitchell's warning")
    found = traced_archive.related(story.doc_id)
    (quote,) = found["quotes"]
    assert quote["source"]["kind"] == "hansard"
    assert quote["source"]["attributed_to"] == "Andrew Mitchell"
    assert [d["title"] for d in found["debates"]] == ["Syria"]
    debate = found["debates"][0]["doc_id"]
    stories = traced_archive.related(debate, days=6)["stories"]
    assert [s["title"] for s in stories] == ["Mitchell's warning"]  # Watson's is 7 days on
    assert len(traced_archive.related(debate)["stories"]) == 2
    result = run("related", debate, home=str(traced_archive.home))
    assert "Stories that quote it:" in result.output and "Mitchell's warning" in result.output


def test_show_related_gives_the_document_then_what_related_gives(traced_archive, run):
    matches = traced_archive.trace(WORDS).matches
    story = next(m.hit for m in matches if m.hit.title == "Mitchell's warning")
    home = str(traced_archive.home)
    shown = run("show", story.doc_id, "--related", home=home).output
    alone = run("show", story.doc_id, home=home).output
    related = run("related", story.doc_id, home=home).output
    assert shown == alone + "\n" + related
    record = json.loads(run("show", story.doc_id, "--related", "--format", "json",
                            home=home).output)  # fmt: skip
    assert record["related"] == traced_archive.related(story.doc_id)
    assert record["doc_id"] == story.doc_id and record["passages"]
    six = json.loads(run("show", story.doc_id, "--related", "--days", "6", "--format", "json",
                         home=home).output)  # fmt: skip
    assert six["related"]["days"] == 6


def test_a_story_crediting_a_real_hansard_sentence_to_someone_else_is_flagged(tmp_path, run):
    # Boris Johnson said it in the Commons on 18 October 2016 (the Hansard seed); a story a
    # week later puts his words in Jeremy Corbyn's mouth.
    from conftest import SEEDS

    said = "the UK has been in the lead in the UN Security Council in bringing pressure to bear"
    story = attribute_document(Document(
        kind="news", title="Corbyn on Syria", date=dt.date(2016, 10, 25), source="Example News",
        attribution="prose",
        passages=(Passage(text=f'"{said.capitalize()} on Russia," Jeremy Corbyn said.'),),
    ))  # fmt: skip
    with Archive.open(tmp_path / "a", create=True) as archive:
        archive.index([SEEDS])
        archive.add([story])
    quote = "[Britain] has been in the lead in the UN security council … on Russia"
    result = run("trace", quote, home=str(tmp_path / "a"))
    assert result.exit_code == 0
    assert result.output.startswith(
        "First said by Boris Johnson, House of Commons, 18 October 2016"
    )
    assert "MISATTRIBUTED: credited to Jeremy Corbyn, but first said by Boris Johnson" in (
        result.output
    )
