"""The table reader: CSV, TSV and JSON Lines exports, one document a row."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from archive.errors import IngestError, UsageError
from archive.ingest import FORMATS, IngestOptions, read_bytes, read_documents, table
from archive.model import HOUSES
from archive.speakers.attribution import attribute_document

from conftest import SEEDS, corpus_dir

FIXTURES = Path(__file__).parents[1] / "fixtures" / "table"
HUFFPOST = corpus_dir() / "news-huffpost" / "News_Category_Dataset_v3.subset10k.jsonl.gz"
COVID = (
    corpus_dir()
    / "hansard-other"
    / "uk-commons-covid-2020"
    / "louwerse_oppoistion_2021-uk_covid_speeches.csv"
)


def read(name_or_path, mapping=None, data: bytes | None = None):
    """(documents, warnings) for a fixture name or a path, read as read_documents does."""
    path = Path(name_or_path) if isinstance(name_or_path, Path) else FIXTURES / name_or_path
    warnings: list[str] = []
    options = IngestOptions(mapping=mapping or {}, warn=warnings.append)
    return list(read_documents(path, data, options=options)), warnings


def read_raw(text: str | bytes, mapping=None):
    data = text.encode() if isinstance(text, str) else text
    warnings: list[str] = []
    options = IngestOptions(mapping=mapping or {}, warn=warnings.append)
    return list(table.read(data, "t.csv", options)), warnings


# --- sniffing ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["ragged.csv", "malformed.jsonl", "dates.csv", "speeches.tsv", "semicolon.csv", "bom.csv"],
)
def test_fixtures_are_sniffed_as_tables_and_picked_from_formats(name):
    head = (FIXTURES / name).read_bytes()[:4096]
    assert table.sniff(head, "unnamed")
    assert next(f for f in FORMATS if f.sniff(head, name)).name == "table"


@pytest.mark.parametrize(
    "text",
    [
        "Date set for election, says PM\n\nThe prime minister said on Monday ...\n",
        "Text, lies and video\n\nA story about a film, told in prose, with commas.\n",
        "Title, date, text\nOne, two\nThree, four, five, six\nSeven\n" + "x" * 5000,
        "<!DOCTYPE html>\n<html><head><title>A, B</title></head></html>\n",
        '<?xml version="1.0"?>\n<publicwhip><speech id="a,b">x</speech></publicwhip>\n',
        '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="1">\n',
        "# Sources, licences, formats\n\n| date | title |\n|---|---|\n",
        '{\n  "memberships": [],\n  "organizations": []\n}\n',
        "{not json at all}\nsecond line\n",
    ],
    ids=["headline", "prose", "ragged", "html", "xml", "sgml", "md", "json", "braces"],
)
def test_sniff_refuses_what_is_not_a_table(text):
    assert not table.sniff(text.encode()[:4096], "story.txt")


def test_sniff_refuses_every_seed_story():
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths
    for path in paths:
        assert not table.sniff(path.read_bytes()[:4096], path.name), path.name


def test_sniff_takes_a_json_line_longer_than_the_head():
    line = json.dumps({"headline": "Long", "text": "word " * 2000}) + "\n"
    assert table.sniff(line.encode()[:4096], "x")


def test_sniff_takes_a_header_whose_first_row_is_longer_than_the_head():
    text = 'date,title,speaker_name,text\n2020-01-01,Debate,Jane Roe,"' + "word " * 2000 + '"\n'
    assert table.sniff(text.encode()[:4096], "x")


# --- CSV rows ------------------------------------------------------------------


def test_ragged_rows_are_warned_with_their_line_and_good_rows_kept():
    docs, warnings = read("ragged.csv")
    assert [d.title for d in docs] == ["First story", "Second story", "Third story"]
    assert warnings == ["line 3: 2 fields, expected 4", "line 6: 5 fields, expected 4"]
    assert docs[1].passages[0].text == "A story whose text\nruns over two lines."
    assert docs[1].authors == ("John Doe", "Ann Smith")
    assert docs[2].date == dt.date(2020, 3, 5)  # trailing empty fields are not ragged


def test_a_stray_quote_is_reported_with_the_lines_it_swallowed():
    text = 'date,title,text\n2020-01-01,A,a\n2020-01-02,"Open,quote\n2020-01-03,C,c\n'
    docs, warnings = read_raw(text)
    assert [d.title for d in docs] == ["A"]
    assert warnings == ["line 3: 2 fields, expected 3 (the row runs to line 4: a stray quote?)"]


def test_a_field_over_the_size_limit_is_a_bad_row_and_the_limit_is_restored(monkeypatch):
    monkeypatch.setattr(table, "MAX_FIELD_CHARS", 50)
    before = csv.field_size_limit()
    docs, warnings = read_raw(f"title,text\nA,{'x' * 80}\nB,short text\n")
    assert [d.title for d in docs] == ["B"]
    assert warnings == ["line 2: unreadable row (field larger than field limit (50))"]
    assert csv.field_size_limit() == before


def test_tsv_speeches_keep_speaker_facts_and_check_the_house():
    docs, warnings = read("speeches.tsv")
    assert warnings == [
        "line 5: house 'senate' is not one of " + ", ".join(HOUSES),
        "line 6: no text",
    ]
    first, last = docs
    assert (first.kind, first.house, first.title) == ("hansard", "westminster-hall", "Bus Services")
    assert [p.text for p in first.passages] == [
        "I beg to move that this House has considered bus services.",
        "It is a pleasure to serve.",
    ]
    passage = first.passages[0]
    assert (passage.speaker, passage.speaker_party, passage.speaker_role) == (
        "Jane Roe",
        "Labour",
        "Shadow Minister",
    )
    assert passage.speaker_ref == "uk.org.publicwhip/person/1"
    assert passage.heading == "Bus Services" and passage.ref == "w1.0"
    assert first.ref is None  # a row id is no record identity across the catalog
    assert last.passages[0].speaker_role == "Minister"


def test_semicolon_csv_with_crlf_and_a_mapping():
    mapping = {"title": "titel", "date": "datum", "tags": "kategorie"}
    docs, warnings = read("semicolon.csv", mapping)
    assert warnings == []
    assert [(d.title, d.date, d.tags) for d in docs] == [
        ("Erste Meldung", dt.date(2020, 4, 3), ("Politik",)),
        ("Zweite Meldung", dt.date(2020, 4, 4), ("Wirtschaft",)),
    ]
    assert docs[0].passages[0].text.endswith("Maßnahmen beschlossen.")
    assert docs[1].passages[0].text == "Ein Text; mit Semikolon."


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column():
    docs, warnings = read("bom.csv")
    assert warnings == []
    assert [(d.title, d.date) for d in docs] == [("Café opens", dt.date(2019, 7, 1))]
    assert docs[0].passages[0].text == "The café opened on Monday, said the owner."


def test_utf16_with_a_byte_order_mark_is_read():
    data = "title\ttext\nOne\tThe first text.\n".encode("utf-16")
    docs, _ = read_raw(data)
    assert [d.title for d in docs] == ["One"]


def test_bytes_that_are_not_utf8_are_refused_with_the_offset():
    with pytest.raises(IngestError, match=r"not valid UTF-8 text \(byte 0xE9 at offset 14\)"):
        read_raw("title,text\nCaf\xe9,x\n".encode("latin-1"))


# --- JSON Lines ----------------------------------------------------------------


def test_malformed_json_lines_are_warned_and_good_lines_kept():
    docs, warnings = read("malformed.jsonl", {"date": "meta.date", "id": "meta.id"})
    assert [d.title for d in docs] == ["Good one", "Good two"]
    assert [w.split(":")[0] for w in warnings] == ["line 2", "line 4", "line 6"]
    assert "not valid JSON" in warnings[0]
    assert warnings[1] == "line 4: not a JSON object (a list)"
    assert warnings[2] == "line 6: not a JSON object (a str)"
    assert [d.date for d in docs] == [dt.date(2021, 6, 1), dt.date(2021, 6, 1)]
    assert docs[0].tags == ("economy", "trade") and docs[0].passages[0].ref == "7"
    assert docs[1].authors == ("Ann Smith", "Bo Li") and docs[1].passages[0].ref is None


def test_a_json_line_with_unicode_line_separators_is_one_record():
    line = json.dumps({"title": "T", "text": "one\u2028two"}, ensure_ascii=False)
    docs, warnings = read_raw(line + "\n")
    assert warnings == [] and docs[0].passages[0].text == "one\u2028two"


# --- fields ---------------------------------------------------------------------


def test_bad_dates_are_bad_rows_and_good_forms_are_read():
    docs, warnings = read("dates.csv")
    assert [(d.title, d.date) for d in docs] == [
        ("Written", dt.date(1987, 2, 26)),
        ("Datetime", dt.date(2018, 5, 1)),
        ("Undated", None),
    ]
    assert [w.split(":")[0] for w in warnings] == ["line 2", "line 5"]
    assert "'2015-13-45'" in warnings[0] and "not a whole day" in warnings[1]


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2018-05-01", dt.date(2018, 5, 1)),
        ("2018-05-01T10:00:00Z", dt.date(2018, 5, 1)),
        ("2018/05/01", dt.date(2018, 5, 1)),
        ("20180501", dt.date(2018, 5, 1)),
        ("26 Feb 1987", dt.date(1987, 2, 26)),
        ("Feb 26, 1987", dt.date(1987, 2, 26)),
        ("03/04/2020", dt.date(2020, 4, 3)),
        ("Mon, 26 Feb 1987 10:00:00 GMT", dt.date(1987, 2, 26)),
        ("", None),
    ],
)
def test_parse_date_reads_common_forms(value, day):
    assert table.parse_date(value) == day


@pytest.mark.parametrize("value", ["2015-13-45", "2015-02-30", "0000-00-00", "Feb 1987", "soon"])
def test_parse_date_refuses_impossible_or_partial_dates(value):
    with pytest.raises(ValueError, match="bad date"):
        table.parse_date(value)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Carla K. Johnson, AP", ("Carla K. Johnson",)),
        ("By Eric Tucker and Rahim Faiez, AP", ("Eric Tucker", "Rahim Faiez")),
        (
            "Mike Corder, Jill Lawless and Danica Kirka, AP",
            ("Mike Corder", "Jill Lawless", "Danica Kirka"),
        ),
        ("Jonathan Landrum, Jr., AP", ("Jonathan Landrum Jr.",)),
        ("The Associated Press, AP", ("The Associated Press",)),
        ("Reuters", ("Reuters",)),
        ("Sumaira Jajja |", ("Sumaira Jajja",)),
        ("", ()),
    ],
)
def test_split_authors(byline, names):
    assert table.split_authors(byline) == names


def test_a_story_without_text_takes_its_title_and_a_speech_without_text_is_skipped():
    docs, warnings = read_raw("title,text,speaker\nOnly a headline,,\nA debate,,Jane Roe\n")
    assert [(d.title, d.kind, d.passages[0].text) for d in docs] == [
        ("Only a headline", "news", "Only a headline")
    ]
    assert warnings == ["line 3: no text"]


def test_a_kind_column_wins_and_an_invalid_one_is_ignored():
    text = "kind,title,text,speaker\nhansard,A,Some text.,\nblog,B,Other text.,\nnews,C,Said.,Ann\n"
    docs, _ = read_raw(text)
    assert [d.kind for d in docs] == ["hansard", "news", "news"]
    assert docs[2].passages[0].speaker == "Ann"


def test_news_rows_get_speakers_from_their_quotes():
    text = 'title,text\nT,"""We will act,"" said Defence Secretary Michael Fallon."\n'
    docs, _ = read_raw(text)
    assert attribute_document(docs[0]).passages[0].speaker == "Michael Fallon"


def test_a_row_without_a_title_is_titled_by_its_first_sentence():
    docs, _ = read_raw("id,text\n1,First sentence here. Second one.\n")
    assert docs[0].title == "First sentence here."


def test_a_literal_mapping_value_applies_to_every_row():
    docs, _ = read("speeches.tsv", {"house": "=commons", "date": ""})
    assert {d.house for d in docs} == {"commons"}
    assert {d.date for d in docs} == {None}


# --- whole-file problems --------------------------------------------------------


def test_a_mapping_to_a_missing_column_names_it_and_the_columns():
    with pytest.raises(IngestError, match=r"no column 'body' for text \(columns: date, headline"):
        read("ragged.csv", {"text": "body"})


def test_no_text_column_suggests_a_mapping():
    with pytest.raises(IngestError, match=r"no text column \(columns: title, url\); use --map"):
        read_raw("title,url\nA,https://example.org/a\n")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"body": "text"}, r"unknown field 'body' in --map \(use: title, date, text"),
        ({"house": "=senate"}, r"house 'senate' is not one of"),
        ({"kind": "=blog"}, r"kind 'blog' is not one of news, hansard"),
        ({"date": "=2015-13-45"}, r"bad date"),
    ],
)
def test_a_bad_mapping_is_a_usage_error(mapping, message):
    with pytest.raises(UsageError, match=message):
        table.check_mapping(mapping)
    with pytest.raises(UsageError, match=message):
        read("bom.csv", mapping)


def test_a_file_of_only_bad_rows_is_an_ingest_error():
    with pytest.raises(IngestError, match=r"no good rows: 2 bad lines"):
        read_raw("date,title,text\n2015-13-45,A,a\n2015-14-01,B,b\n")


@pytest.mark.parametrize("text", ["date,title,text\n", "one line of prose only\n"])
def test_a_file_without_rows_is_an_ingest_error(text):
    with pytest.raises(IngestError, match=r"no rows below the header|no header row"):
        read_raw(text)


# --- the real corpus ----------------------------------------------------------------


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"corpus file {path} is absent (set ARCHIVE_CORPUS)")


@pytest.mark.parametrize(
    "mapping",
    [{}, {"title": "headline", "date": "date", "authors": "authors", "text": "short_description"}],
    ids=["defaults", "mapped"],
)
def test_huffpost_every_record_is_read(mapping):
    _need(HUFFPOST)
    records = [json.loads(line) for line in gzip.decompress(HUFFPOST.read_bytes()).splitlines()]
    docs, warnings = read(HUFFPOST, mapping)
    assert warnings == []
    assert len(docs) == len(records) == 9999
    assert min(d.date for d in docs) == dt.date(2018, 5, 1)
    assert max(d.date for d in docs) == dt.date(2022, 9, 23)
    for doc, record in zip(docs, records, strict=True):
        assert doc.kind == "news" and doc.title == record["headline"]
        assert doc.url == record["link"] and doc.tags == (record["category"],)
        assert doc.passages[0].text == (record["short_description"].strip() or doc.title)
        assert doc.date.isoformat() == record["date"]
        assert all(name and name.lower() != "ap" for name in doc.authors)
    assert docs[0].authors == ("Carla K. Johnson",)


def test_covid_speeches_are_read_whole():
    _need(COVID)
    with COVID.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    docs, warnings = read(COVID, {"house": "=commons"})
    assert warnings == []
    assert len(docs) == len(rows) == 493
    for doc, row in zip(docs, rows, strict=True):
        (passage,) = doc.passages
        assert (doc.kind, doc.house, doc.title) == ("hansard", "commons", row["debate_subject"])
        assert doc.date.isoformat() == row["date"]
        assert passage.text == row["text"].strip()
        assert passage.speaker == row["speaker_name"]
        assert passage.speaker_party == row["speaker_party"]
        assert passage.speaker_role == (row["speaker_role"] or None)
        assert passage.speaker_ref.startswith("uk.org.publicwhip/person/")
        assert passage.speaker_ref == row["speaker_id"] and passage.ref == row["speech_id"]
        assert doc.ref is None  # speech ids repeat in this table: not a record's identity
    assert sum("\n" in doc.passages[0].text for doc in docs) > 400


def test_covid_speeches_without_a_mapping_have_no_house():
    _need(COVID)
    docs, warnings = read(COVID)
    assert warnings == [] and len(docs) == 493
    assert {d.house for d in docs} == {None}


def test_read_bytes_gunzips_before_the_table_is_sniffed():
    _need(HUFFPOST)
    head = read_bytes(HUFFPOST)[:4096]
    assert next(f for f in FORMATS if f.sniff(head, HUFFPOST.name)).name == "table"
