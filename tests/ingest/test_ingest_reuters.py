"""Reading Reuters-21578 SGML: a made-up fixture, bad blocks, and the whole real collection."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

from archive.errors import IngestError
from archive.ingest import FORMATS, SNIFF_BYTES, read_bytes, read_documents
from archive.ingest.base import IngestOptions
from archive.ingest.reuters import MAX_BLOCK_CHARS, read, sniff, split_paragraphs
from archive.model import Document
from archive.speakers.attribution import attribute_document

from conftest import corpus_dir

FIXTURE = Path(__file__).parents[1] / "fixtures" / "reuters" / "mini.sgm"
REUTERS = corpus_dir() / "news-reuters21578"
SGM = REUTERS / "sgm"
# Anything that is not text: C0 controls but tab and newline, DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

needs_corpus = pytest.mark.skipif(
    not SGM.is_dir(), reason=f"Reuters-21578 not found at {SGM} (set ARCHIVE_CORPUS)"
)


def read_fixture() -> tuple[dict[str, Document], list[str]]:
    warnings: list[str] = []
    documents = read_documents(FIXTURE, options=IngestOptions(warn=warnings.append))
    return {document.ref: document for document in documents}, warnings


def texts(document: Document) -> list[str]:
    return [passage.text for passage in document.passages]


def test_fixture_is_sniffed_as_reuters_by_content():
    head = FIXTURE.read_bytes()[:SNIFF_BYTES]
    assert next(form for form in FORMATS if form.sniff(head, "story.txt")).name == "reuters"


@pytest.mark.parametrize(
    "head",
    [
        b"Plain text about <REUTERS> in the middle of a line.\n",
        b"<!DOCTYPE html><html><body>Reuters reports</body></html>",
        b'{"headline": "<REUTERS NEWID=1>"}',
    ],
)
def test_other_files_are_not_sniffed_as_reuters(head):
    assert not sniff(head, "reut2-000.sgm")


def test_full_story_has_title_date_tags_author_and_passages():
    documents, _ = read_fixture()
    story = documents["reuters21578/901"]
    assert story.kind == "news"
    assert story.source == "Reuters"
    assert story.title == "EXAMPLE OIL <EXO> SEES HIGHER CRUDE OUTPUT"
    assert story.date == dt.date(1987, 3, 3)
    assert story.tags == ("crude", "nat-gas", "usa", "saudi-arabia", "herrington", "opec", "nymex")
    assert story.authors == ("Jane Q. Sample", "John Example")
    assert texts(story) == [
        "HOUSTON, March 3 - Example Oil Co <EXO> said it expects crude output to rise"
        " 10 pct this year & next.",
        '"We are pumping more than ever," Energy Secretary John Herrington told reporters.',
        "Herrington said prices would hold.",
    ]


def test_speakers_are_attributed_in_story_paragraphs():
    documents, _ = read_fixture()
    quoted, reported = attribute_document(documents["reuters21578/901"]).passages[1:]
    assert (quoted.speaker, quoted.speaker_role) == ("John Herrington", "Energy Secretary")
    assert (reported.speaker, reported.speaker_as_printed) == ("John Herrington", "Herrington")


def test_brief_story_is_its_headline():
    documents, _ = read_fixture()
    brief = documents["reuters21578/902"]
    assert brief.title == "EXAMPLE BANK CUTS BASE RATE TO 10 PCT"
    assert texts(brief) == [brief.title]
    # "3-MAR-1987  11:00:00.00&#9;&#9;&#9;F": a double space and wire codes after the time.
    assert brief.date == dt.date(1987, 3, 3)


def test_unprocessed_story_takes_its_first_line_as_title_and_rows_as_passages():
    documents, _ = read_fixture()
    table = documents["reuters21578/904"]
    assert table.title == "EXAMPLE METALS CLOSING - MARCH 4"
    assert texts(table) == [
        "EXAMPLE METALS CLOSING - MARCH 4",
        "Copper cash.......1,010 vs....1,005",
        "Zinc cash...........550 vs......548",
    ]


def test_unreadable_date_keeps_the_story_without_a_date_and_warns():
    documents, warnings = read_fixture()
    assert documents["reuters21578/904"].date is None
    assert any(w.startswith("NEWID 904: unreadable date") for w in warnings)


def test_unclosed_block_is_warned_about_and_skipped():
    documents, warnings = read_fixture()
    assert sorted(documents) == ["reuters21578/901", "reuters21578/902", "reuters21578/904"]
    assert "NEWID 903: no closing </REUTERS>" in warnings


def oversized_file() -> bytes:
    good = FIXTURE.read_bytes().split(b'<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN"', 1)[0]
    huge = b"x" * (MAX_BLOCK_CHARS + 10)
    return good + b'<REUTERS NEWID="999">\n<TEXT><BODY>' + huge + b"</BODY></TEXT></REUTERS>\n"


def test_oversized_block_is_warned_about_and_skipped():
    warnings: list[str] = []
    documents = list(read(oversized_file(), "big.sgm", IngestOptions(warn=warnings.append)))
    assert [d.ref for d in documents] == ["reuters21578/901"]
    assert warnings == [f"NEWID 999: story longer than {MAX_BLOCK_CHARS} characters"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n', "no <REUTERS> stories found"),
        (b'<REUTERS NEWID="5">\n<DATE>1-MAR-1987</DATE>\n', "none of its 1 <REUTERS> stories"),
    ],
)
def test_file_without_readable_stories_is_an_ingest_error(data, reason):
    with pytest.raises(IngestError) as error:
        list(read(data, "bad.sgm", IngestOptions()))
    assert error.value.path == "bad.sgm"
    assert reason in error.value.reason


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "One line\nwrapped.\n    Second starts\nhere.",
            ["One line wrapped.", "Second starts here."],
        ),
        (
            "Shr 1 ct\n    Net 5 vs 4\n\nNote: audited.",
            ["Shr 1 ct", "Net 5 vs 4", "Note: audited."],
        ),
        ("", []),
    ],
)
def test_split_paragraphs_starts_one_at_each_indented_line(body, expected):
    assert split_paragraphs(body) == expected


@pytest.mark.parametrize(
    ("ending", "kept"),
    [
        ("prices fell.\n Reuter\n", "prices fell."),
        ("prices fell.\n REUTER\n", "prices fell."),
        ("prices fell.\nREUTER^M\n", "prices fell."),
        ("prices fell.\n REUTER TAW\n", "prices fell."),
        ("period ended Feb 28. REUTER\n Reuter\n", "period ended Feb 28."),
        ("an official told\nReuters.\n Reuter\n", "an official told Reuters."),
        ("an official told\nReuters.\n", "an official told Reuters."),
    ],
)
def test_sign_off_is_dropped_but_reuters_in_the_text_is_kept(ending, kept):
    block = f'<REUTERS NEWID="7"><DATE>2-MAR-1987</DATE><TEXT><TITLE>T</TITLE><BODY>{ending}</BODY>'
    (document,) = read(f"{block}</TEXT></REUTERS>".encode(), "x.sgm", IngestOptions())
    assert texts(document) == [kept]


# The real collection: read once, checked against the raw files read independently here.


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, Document], list[str], dict[str, str]]:
    """Every story of the 22 files by ref, the warnings, and each ref's raw <REUTERS> block."""
    documents: dict[str, Document] = {}
    warnings: list[str] = []
    raw: dict[str, str] = {}
    for path in sorted(SGM.glob("reut2-*.sgm*")):
        data = read_bytes(path)
        for document in read_documents(path, data, IngestOptions(warn=warnings.append)):
            assert document.ref not in documents
            documents[document.ref] = document
        for block in data.decode("latin-1").split("<REUTERS ")[1:]:
            newid = block[block.index('NEWID="') + 7 :].split('"', 1)[0]
            raw[f"reuters21578/{newid}"] = block
    return documents, warnings, raw


@needs_corpus
def test_corpus_has_22_files_and_21578_stories(corpus):
    _, _, raw = corpus
    assert len(list(SGM.glob("reut2-*.sgm*"))) == 22
    assert len(raw) == 21578  # SOURCES.md


def has_text(block: str) -> bool:
    inner = block[block.index("<TEXT") : block.index("</TEXT>")]
    return bool(re.search(r"[A-Za-z]", re.sub(r"<[^>]*>|&#\d+;", "", inner[5:].split(">", 1)[1])))


@needs_corpus
def test_every_story_with_text_is_read_and_only_empty_ones_are_warned(corpus):
    documents, warnings, raw = corpus
    empty = sorted(ref for ref, block in raw.items() if not has_text(block))
    assert sorted(set(raw) - set(documents)) == empty
    assert warnings == [f"NEWID {ref.split('/')[1]}: no title and no text" for ref in empty]


@needs_corpus
def test_stories_with_and_without_a_body(corpus):
    documents, _, raw = corpus
    with_body = [ref for ref in documents if "<BODY>" in raw[ref]]
    with_title = [ref for ref in raw if "<TITLE>" in raw[ref]]
    assert (len(with_body), len(with_title)) == (19043, 20841)  # SOURCES.md
    briefs = [ref for ref in documents if '<TEXT TYPE="BRIEF">' in raw[ref]]
    unprocessed = [ref for ref in documents if '<TEXT TYPE="UNPROC">' in raw[ref]]
    assert len(with_body) + len(briefs) + len(unprocessed) == len(documents)
    assert all(texts(documents[ref]) == [documents[ref].title] for ref in briefs)
    assert all(
        documents[ref].passages[0].text.startswith(documents[ref].title.split()[0])
        for ref in unprocessed
    )


@needs_corpus
def test_every_story_is_dated_within_the_collection(corpus):
    documents, _, _ = corpus
    dates = [document.date for document in documents.values()]
    assert None not in dates
    assert (min(dates), max(dates)) == (dt.date(1987, 2, 26), dt.date(1987, 10, 20))


@needs_corpus
def test_first_story_matches_the_raw_file(corpus):
    documents, _, _ = corpus
    raw = (SGM / "reut2-000.sgm").read_text(encoding="latin-1")
    block = raw[raw.index('NEWID="1">') : raw.index("</REUTERS>")]

    def between(start: str, end: str) -> str:
        return block[block.index(start) + len(start) :].split(end, 1)[0]

    story = documents["reuters21578/1"]
    assert story.title == between("<TITLE>", "</TITLE>")
    day, month, year = between("<DATE>", " ").split("-")
    assert story.date == dt.datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
    topics = between("<TOPICS>", "</TOPICS>").removeprefix("<D>").removesuffix("</D>")
    assert story.tags[0] == topics
    dateline = between("<DATELINE>", "</DATELINE>").strip()
    first_line = between("<BODY>", "\n")
    assert story.passages[0].text.startswith(f"{dateline} {first_line}")
    assert story.passages[1].text == " ".join(between("\n    ", "\n    ").split())


@needs_corpus
def test_latin1_byte_in_reut2_017_is_read(corpus):
    documents, _, _ = corpus
    data = gzip.decompress((SGM / "reut2-017.sgm.gz").read_bytes())
    where = re.search(rb"[\x80-\xff]", data).start()
    newid = data[:where].rsplit(b'NEWID="', 1)[1].split(b'"', 1)[0].decode()
    character = data[where : where + 1].decode("latin-1")
    assert any(character in text for text in texts(documents[f"reuters21578/{newid}"]))


@needs_corpus
def test_no_control_characters_or_sign_offs_anywhere(corpus):
    documents, _, _ = corpus
    for document in documents.values():
        shown = [document.title, *texts(document), *document.authors, *document.tags]
        assert not any(CONTROL.search(text) for text in shown), document.ref
        # A sign-off left behind: "... Reuter", "REUTER...", but not "... told Reuters."
        assert not re.search(r"(?i)\breuters?(?:\.\.\.|\^M)*$", texts(document)[-1]), document.ref
