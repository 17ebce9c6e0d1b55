"""Reading ParlaMint-GB TEI with its meta table: a made-up fixture and the real samples."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from archive.errors import IngestError
from archive.ingest import IngestOptions, discover, fingerprint, read_documents
from archive.ingest.parlamint import FORMAT, companion, companions_of, sniff
from archive.model import Document

from conftest import corpus_dir

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xml"
FIXTURE = FIXTURES / "ParlaMint-GB_1999-01-07-lords.xml"
FIXTURE_META = FIXTURES / "ParlaMint-GB_1999-01-07-lords-meta.tsv"
U = "ParlaMint-GB_1999-01-07-lords.u"

SAMPLES = corpus_dir() / "parlamint-gb"
needs_samples = pytest.mark.skipif(
    not SAMPLES.exists(), reason=f"needs the ParlaMint-GB samples at {SAMPLES}"
)
SAMPLE_FILES = sorted(SAMPLES.glob("*/ParlaMint-GB_*.xml")) if SAMPLES.exists() else []


def name(path: Path) -> str:
    return path.name


def read_one(path: Path, warnings: list[str] | None = None) -> Document:
    sink = warnings.append if warnings is not None else pytest.fail
    (document,) = read_documents(path, options=IngestOptions(warn=sink))
    return document


def by_ref(document: Document, ref: str):
    (passage,) = [p for p in document.passages if p.ref == ref]
    return passage


def copy_fixture(folder: Path, with_meta: bool = True) -> Path:
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    if with_meta:
        shutil.copy(FIXTURE_META, folder / FIXTURE_META.name)
    return folder / FIXTURE.name


# --- the made-up fixture --------------------------------------------------------------


def test_fixture_document_facts():
    document = read_one(FIXTURE)
    assert document.kind == "hansard"
    assert document.house == "lords"
    assert document.date == dt.date(1999, 1, 7)
    assert document.ref == "ParlaMint-GB_1999-01-07-lords"
    assert document.title == "Made-up ParlaMint-GB fixture, Lords, 1999-01-07 [TEST]"
    assert [p.ref for p in document.passages] == [f"{U}1", f"{U}2", f"{U}9"]


def test_notes_and_gaps_are_not_speech_but_inline_text_is():
    document = read_one(FIXTURE)
    assert by_ref(document, f"{U}2").text == (
        "My Lords, I beg to move that the Bill be read.\n\nIt is a small Bill. Thank you."
    )
    shown = " ".join(p.text for p in document.passages)
    for unsaid in ("SAMPLING", "Amendment 1", "Applause", "Second Reading"):
        assert unsaid not in shown


def test_heading_is_the_sections_head():
    document = read_one(FIXTURE)
    assert by_ref(document, f"{U}1").heading == "Invented Bill"
    assert by_ref(document, f"{U}9").heading is None  # its section has no head


def test_speakers_from_the_meta_table_whatever_its_column_order():
    document = read_one(FIXTURE)
    chair = by_ref(document, f"{U}1")
    assert (chair.speaker, chair.speaker_party, chair.speaker_ref) == (
        "Ann Alice Chair", "Crossbench", "parlamint/AnnChair"
    )  # fmt: skip
    assert chair.speaker_role == "Chair"
    member = by_ref(document, f"{U}2")
    assert (member.speaker, member.speaker_role) == ("Bob Speaker", None)
    assert member.speaker_party == "LAB"  # Speaker_party_name is "-"


def test_utterance_missing_from_the_table_falls_back_to_who():
    passage = by_ref(read_one(FIXTURE), f"{U}9")
    assert (passage.speaker, passage.speaker_ref) == (None, "parlamint/CaraNotInTable")


def test_without_the_table_who_gives_the_ref_and_no_name(tmp_path):
    document = read_one(copy_fixture(tmp_path, with_meta=False))
    refs = [(p.speaker, p.speaker_ref, p.speaker_role) for p in document.passages]
    assert refs == [
        (None, "parlamint/AnnChair", "Chair"),
        (None, "parlamint/BobSpeaker", None),
        (None, "parlamint/CaraNotInTable", None),
    ]


def test_bad_table_row_is_warned_and_skipped(tmp_path):
    xml = copy_fixture(tmp_path)
    meta = tmp_path / FIXTURE_META.name
    lines = meta.read_text().splitlines()
    meta.write_text("\n".join([lines[0], "only\ttwo", *lines[1:]]) + "\n")
    warnings: list[str] = []
    document = read_one(xml, warnings)
    assert warnings == [f"{meta.name} line 2: 2 columns, not 8"]
    assert by_ref(document, f"{U}2").speaker == "Bob Speaker"


def test_table_without_id_column_is_warned(tmp_path):
    xml = copy_fixture(tmp_path)
    (tmp_path / FIXTURE_META.name).write_text("Speaker_name\tSpeaker_ID\nX, Y\tXY\n")
    warnings: list[str] = []
    document = read_one(xml, warnings)
    assert warnings == [f"{FIXTURE_META.name}: no ID column; speakers taken from the XML"]
    assert all(p.speaker is None and p.speaker_ref for p in document.passages)


def test_meta_table_is_a_companion_not_a_document(tmp_path):
    xml = copy_fixture(tmp_path)
    meta = tmp_path / FIXTURE_META.name
    assert companion(meta)
    assert companions_of(xml) == [meta]
    assert list(discover([tmp_path])) == [xml]


def test_table_without_its_xml_is_not_a_companion(tmp_path):
    lone = tmp_path / FIXTURE_META.name
    shutil.copy(FIXTURE_META, lone)
    assert not companion(lone)
    other = tmp_path / "notes-meta.tsv"
    other.write_text("ID\n")
    (tmp_path / "notes.xml").write_text("<notes>not ParlaMint</notes>")
    assert not companion(other)
    assert companions_of(tmp_path / "notes.xml") == []


def test_changing_the_table_changes_the_fingerprint(tmp_path):
    xml = copy_fixture(tmp_path)
    before = fingerprint(xml, xml.read_bytes())
    meta = tmp_path / FIXTURE_META.name
    meta.write_text(meta.read_text().replace("Crossbench", "Non-affiliated"))
    assert fingerprint(xml, xml.read_bytes()) != before


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (FIXTURE.read_bytes()[:4096], True),
        (b'<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>', False),
        (b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:id="ParlaMint-GB"/>', False),
        (b"<publicwhip>ParlaMint</publicwhip>", False),
    ],
)
def test_sniff(head, expected):
    assert sniff(head, "file.xml") is expected


def test_not_a_tei_root_is_one_clear_error(tmp_path):
    path = tmp_path / "x.xml"
    path.write_bytes(b"<teiCorpus>ParlaMint</teiCorpus>")
    with pytest.raises(IngestError) as caught:
        list(FORMAT.read(path.read_bytes(), str(path), IngestOptions()))
    assert caught.value.reason == "not a ParlaMint TEI file (the root element is <teiCorpus>)"


# --- the real samples -----------------------------------------------------------------


def meta_rows(xml: Path) -> list[dict[str, str]]:
    table = xml.with_name(xml.name.replace(".xml", "-meta.tsv"))
    with table.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


@needs_samples
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=name)
def test_every_utterance_is_a_passage(path):
    ids = re.findall(r'<u xml:id="([^"]+)"', path.read_text(encoding="utf-8"))
    assert [p.ref for p in read_one(path).passages] == ids


@needs_samples
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=name)
def test_speakers_come_from_the_meta_table(path):
    document = read_one(path)
    rows = meta_rows(path)
    assert len(rows) == len(document.passages)
    for row in rows:
        passage = by_ref(document, row["ID"])
        surname, forenames = row["Speaker_name"].split(", ", 1)
        assert passage.speaker == f"{forenames} {surname}"
        assert passage.speaker_party == row["Speaker_party_name"]
        assert passage.speaker_ref == f"parlamint/{row['Speaker_ID']}"
        assert passage.speaker_role == ("Chair" if row["Speaker_role"] == "Chairperson" else None)


@needs_samples
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=name)
def test_date_and_house_match_the_file(path):
    day, house = re.search(r"(\d{4}-\d{2}-\d{2})-(commons|lords)", path.name).groups()
    document = read_one(path)
    assert document.date == dt.date.fromisoformat(day)
    assert document.house == house
    assert document.kind == "hansard"
    assert document.ref == path.stem
    assert document.title.startswith("Great Britain parliamentary corpus ParlaMint-GB")


@needs_samples
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=name)
def test_sampling_gaps_and_notes_are_not_in_passages(path):
    text = path.read_text(encoding="utf-8")
    assert "SAMPLING" in text
    notes = re.findall(r"<note[^>]*>([^<]+)</note>", text)
    for passage in read_one(path).passages:
        assert "SAMPLING" not in passage.text
        assert not any(note in passage.text for note in notes)
        assert passage.text


@needs_samples
def test_known_utterances():
    commons = read_one(SAMPLES / "2017" / "ParlaMint-GB_2017-09-07-commons.xml")
    davis = by_ref(commons, "ParlaMint-GB_2017-09-07-commons.u2")
    assert (davis.speaker, davis.speaker_party) == ("David Michael Davis", "Conservative")
    assert davis.heading == "Membership of the European Economic Area"
    assert davis.text.startswith("The United Kingdom will no longer participate")
    lords = read_one(SAMPLES / "2020" / "ParlaMint-GB_2020-02-12-lords.xml")
    touhig = by_ref(lords, "ParlaMint-GB_2020-02-12-lords.u2")
    assert touhig.speaker == "James Donnelly Touhig"
    assert touhig.heading == "Disability Employment Gap"
    speaker = read_one(SAMPLES / "2022" / "ParlaMint-GB_2022-07-21-commons.xml").passages[0]
    assert (speaker.speaker, speaker.speaker_role) == ("Lindsay Harvey Hoyle", "Chair")
    assert speaker.heading == "Speaker's Statement"
    assert len(speaker.text.split("\n\n")) == 4  # four segs


@needs_samples
def test_meta_tables_are_not_indexed_on_their_own():
    names = [p.name for p in discover([SAMPLES])]
    assert not [n for n in names if n.endswith("-meta.tsv")]
    assert sorted(n for n in names if n.endswith(".xml")) == sorted(p.name for p in SAMPLE_FILES)
