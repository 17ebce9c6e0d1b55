"""What is particular to the whoosh engine: its analysis, scoring and bookkeeping.

The behaviour suite runs on whoosh as on tantivy; these tests pin down the
pieces written to make whoosh agree with tantivy.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("whoosh")

from archive.engine.base import EngineResult
from archive.engine.whoosh import WhooshEngine
from archive.engine.whoosh_text import FIELDNORMS, analyzer, fold
from archive.query.tree import (
    And,
    DateRange,
    FieldIn,
    MatchAll,
    Near,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
)
from archive.store.catalog import PassageRow


def row(doc: int, seq: int, text: str, date: str | None = "2015-01-01", speaker=None, title="T"):
    doc_id = f"{doc:x}" * 16  # sort keys tell documents apart by their first hex digits
    return PassageRow(
        passage_id=f"{doc_id}.{seq}", doc_id=doc_id, seq=seq, kind="news", source="BBC News",
        title=title, heading=None, date=date, speaker_id=speaker, speaker=None, text=text,
        url=None, path=None, speaker_as_printed=None, party=None,
    )  # fmt: skip


def words(text: str, stemmed: bool = True) -> list[str]:
    return [t.text for t in analyzer(stemmed)(text)]


@pytest.mark.parametrize(
    ("text", "stemmed", "expected"),
    [
        ("Strikes striking EXPENSES running", True, ["strike", "strike", "expens", "run"]),
        ("Strikes striking", False, ["strikes", "striking"]),
        ("Russia's air-strikes", True, ["russia", "s", "air", "strike"]),
        ("snake_case x_y", False, ["snake", "case", "x", "y"]),
        ("Café Łódź Straße Æon Øre ﬁne", False, ["cafe", "lodz", "strasse", "aeon", "ore", "fine"]),
        ("½ ª µ", False, ["½", "ª", "µ"]),  # ascii_fold leaves these be
    ],
)
def test_analyzer_cuts_words_as_tantivy_does(text, stemmed, expected):
    assert words(text, stemmed) == expected


def test_tokens_of_40_bytes_or_more_are_dropped_but_keep_their_place():
    text = f"first {'a' * 39} {'b' * 40} {'é' * 20} last"
    tokens = [(t.text, t.pos) for t in analyzer(False)(text, positions=True)]
    assert tokens == [("first", 0), ("a" * 39, 1), ("last", 4)]


def test_fold_lowers_and_strips_accents():
    assert fold("Ångström") == "angstrom"


def test_field_lengths_are_kept_in_tantivys_buckets():
    assert FIELDNORMS[:41] == list(range(41))
    assert FIELDNORMS[41:46] == [42, 44, 46, 48, 50]


ROWS = [
    row(1, 0, "More kinetic options should be considered in Aleppo.", speaker=7),
    row(1, 1, "Options that are kinetic, and strikes.", speaker=7),
    row(2, 0, "Strikes on Raqqa were striking.", "2016-03-04", speaker=8),
    row(3, 0, "An undated strike in Łódź.", None),
]


@pytest.fixture
def engine(tmp_path):
    engine = WhooshEngine(tmp_path / "whoosh")
    engine.write(ROWS)
    yield engine
    engine.close()


def ids(engine, tree, sort="oldest"):
    return [h.passage_id[-3:] for h in engine.search(tree, sort, 100).hits]


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        (Near("kinetic", "options", 1), ["1.0"]),
        (Near("options", "kinetic", 3), ["1.0", "1.1"]),
        (Near("kinetic", "aleppo", 5), []),
        (Near("kinetic", "aleppo", 6), ["1.0"]),
        (Near("strike", "strike", 3), []),  # one occurrence is not two
        (Near("strike", "strike", 4), ["2.0"]),
        (Phrase(("kinetic", "options")), ["1.0"]),
        (Phrase(("striking",)), ["2.0"]),
        (Term("striking"), ["1.1", "2.0", "3.0"]),
        (DateRange(dt.date(2016, 1, 1), None), ["2.0"]),
        (DateRange(None, dt.date(2015, 12, 31)), ["1.0", "1.1"]),
        (Not(DateRange(dt.date(2016, 1, 1), None)), ["1.0", "1.1", "3.0"]),
        (FieldIn("speaker", ()), []),
        (Prefix("kinet"), ["1.0", "1.1"]),
        (Prefix("łod"), ["3.0"]),  # folded as the index is: "lodz"
        (And((FieldIn("speaker", (7, 8)), Not(Term("strike")))), ["1.0"]),
    ],
)
def test_queries_match(engine, tree, expected):
    assert ids(engine, tree) == expected


def test_writing_a_document_again_replaces_it(engine):
    engine.write([row(2, 0, "Rewritten."), row(2, 1, "Twice.")])
    engine.write([row(2, 0, "Rewritten."), row(2, 1, "Twice.")])
    assert engine.count() == 5
    engine.write([], remove_docs=["2" * 16])
    assert ids(engine, MatchAll()) == ["1.0", "1.1", "3.0"]


def test_date_sorts_put_undated_passages_last(engine):
    assert ids(engine, MatchAll(), "newest") == ["2.0", "1.0", "1.1", "3.0"]
    assert ids(engine, MatchAll(), "oldest") == ["1.0", "1.1", "2.0", "3.0"]
    assert [i[-3:] for i in engine.iter_ids(MatchAll(), "newest", batch=3)] == [
        "2.0", "1.0", "1.1", "3.0",
    ]  # fmt: skip


def test_pages_of_equal_scores_follow_passage_ids(engine):
    every = [h.passage_id for h in engine.search(FieldIn("kind", ("news",)), "relevance", 10).hits]
    assert every == sorted(every)
    pages = [engine.search(FieldIn("kind", ("news",)), "relevance", 1, i).hits for i in range(4)]
    assert [p[0].passage_id for p in pages] == every


def test_counts(engine):
    assert engine.count_by_speaker(MatchAll()) == {
        7: (2, 20150101, 20150101),
        8: (1, 20160304, 20160304),
    }
    assert engine.count_by_day(Term("strike")) == {(20150101, "news"): 1, (20160304, "news"): 1}
    assert engine.count_documents(Term("strike")) == 3
    assert engine.vocabulary("st") == [("strikes", 2), ("strike", 1), ("striking", 1)]


@pytest.mark.parametrize(
    "tree",
    [
        Term("strike"),
        Phrase(("kinetic", "options")),
        Near("kinetic", "options", 3),
        Or((Term("raqqa"), Term("aleppo"), Prefix("opt"))),
        And((Term("strike"), DateRange(dt.date(2015, 1, 1), None), Not(Term("raqqa")))),
    ],
)
def test_scores_equal_tantivys(tmp_path, engine, tree):
    tantivy = pytest.importorskip("archive.engine.tantivy")
    other = tantivy.TantivyEngine(tmp_path / "tantivy")
    other.write(ROWS)
    mine = [(h.passage_id, round(h.score, 4)) for h in engine.search(tree, "relevance", 10).hits]
    theirs = [(h.passage_id, round(h.score, 4)) for h in other.search(tree, "relevance", 10).hits]
    other.close()
    assert mine == theirs


def test_an_empty_index_answers_with_nothing(tmp_path):
    engine = WhooshEngine(tmp_path / "empty")
    assert engine.count() == 0
    assert engine.search(Term("strike"), "relevance", 10) == EngineResult(0, [])
    assert engine.search(MatchAll(), "newest", 10) == EngineResult(0, [])
    assert list(engine.iter_ids(MatchAll())) == []
    assert engine.count_by_speaker(MatchAll()) == {}
    assert engine.count_by_day(MatchAll()) == {}
    assert engine.count_documents(MatchAll()) == 0
    assert engine.vocabulary("st") == []
    engine.close()
