"""Reading plain-text pages: the seeds, page clutter, metadata and bad files."""

from __future__ import annotations

import datetime as dt
import shutil
import tarfile
from pathlib import Path

import pytest

import archive.ingest
from archive.errors import IngestError, UsageError
from archive.ingest import discover, read_documents
from archive.ingest.text import check_encoding, decode_text, find_date, parse_text
from archive.model import Document

from conftest import corpus_dir

SEEDS = Path(__file__).parents[2] / "seeds"
BBC = "000_a25ad9b1949011fe"
ITV = "001_339a660464cd9d79"
AOL = "002_712e60f979fb5be4"
INDEPENDENT = "003_8adf7a70ea6ceb8b"
HANSARD = "004_3cda5aca45e3add8"


def read_one(path: Path) -> Document:
    (document,) = read_documents(path)
    return document


def read_seed(name: str) -> Document:
    return read_one(SEEDS / f"{name}.txt")


def everything_shown(document: Document) -> list[str]:
    """The title, passages and headings: every string a search could show."""
    headings = [p.heading for p in document.passages if p.heading]
    return [document.title, *(p.text for p in document.passages), *headings]


def passage_starting(document: Document, start: str):
    matches = [p for p in document.passages if p.text.startswith(start)]
    assert len(matches) == 1, f"{len(matches)} passages start with {start!r}"
    return matches[0]


def test_seeds_folder_holds_exactly_five_documents():
    names = [path.name for path in discover([SEEDS])]
    assert names == [f"{seed}.txt" for seed in (BBC, ITV, AOL, INDEPENDENT, HANSARD)]


@pytest.mark.parametrize(
    "clutter",
    [
        "Skip to main content",
        "Image copyright Getty Images",
        "Image copyright EVN",
        "Image caption",
        "Load more updates",
        "Live updates",
        "More on this story",
        "Join our commenting forum",
        "Join thought-provoking conversations",
        "Thank you for registering",
        "Advertisement",
        "Please refresh the page",
        "logged in",
        "Credit: Reuters",
        "Credit: AP/ITV News",
        "Vladimir Putin watching Judo",
        "Syria air strikes: What you need to know",
        "Battle for Iraq and Syria in maps",
        "Islamic State crisis: Coalition weaponry",
        "Wednesday 09 December 2015 17:24 GMT",
        "Volume 615: debated on",
    ],
)
@pytest.mark.parametrize("seed", [BBC, ITV, AOL, INDEPENDENT, HANSARD])
def test_clutter_is_not_shown(seed, clutter):
    assert not [text for text in everything_shown(read_seed(seed)) if clutter in text]


def test_bare_updated_label_is_dropped():
    assert "Updated" not in everything_shown(read_seed(AOL))


@pytest.mark.parametrize(
    ("seed", "start"),
    [
        (BBC, 'Russian air strikes in Syria are "giving advantage"'),
        (BBC, "Philip Hammond told MPs"),
        (BBC, "Updating MPs on operations, the foreign secretary said 75%"),
        (BBC, "And he announced that the UK had created"),
        (BBC, "Earlier, Prime Minister David Cameron told the Commons"),
        (ITV, 'The Prime Minister has said Russia is backing the "butcher"'),
        (ITV, "Civilians are being killed by Russian airstrikes"),
        (ITV, '"He\'s shoring up Assad and perpetuating the suffering."'),
        (ITV, "The attacks comes a day after Russian jets struck parts of Deir al-Zor"),
        (AOL, 'Syrian opposition forces would welcome "any kind of help"'),
        (AOL, '"If the Russians would like to help the Syrians'),
        (INDEPENDENT, "Russian and British warplanes are both targeting Isis in Syria"),
        (INDEPENDENT, "David Cameron and Russian premier Vladimir Putin have agreed"),
        (INDEPENDENT, "A larger group of Labour MPs, number 66,"),
        (HANSARD, "6. What representations he has made to his Russian counterparts"),
        (HANSARD, "I met Russian Foreign Minister Lavrov in New York on 21 September"),
        (HANSARD, "I am grateful to the hon. Gentleman"),
    ],
)
def test_body_paragraph_is_a_passage(seed, start):
    assert passage_starting(read_seed(seed), start)


@pytest.mark.parametrize(
    ("seed", "first", "last"),
    [
        (BBC, "Russian air strikes in Syria", "Earlier, Prime Minister David Cameron"),
        (ITV, "The Prime Minister has said Russia", "The attacks comes a day after"),
        (AOL, "Syrian opposition forces would", '"If the Russians would like'),
        (INDEPENDENT, "Russian and British warplanes", "A larger group of Labour MPs"),
        (HANSARD, "6. What representations", "I am grateful to the hon. Gentleman"),
    ],
)
def test_first_and_last_passages(seed, first, last):
    passages = read_seed(seed).passages
    assert passages[0].text.startswith(first)
    assert passages[-1].text.startswith(last)


@pytest.mark.parametrize(
    ("seed", "count"),
    [(BBC, 22), (ITV, 37), (AOL, 13), (INDEPENDENT, 19), (HANSARD, 8)],
)
def test_passage_count(seed, count):
    assert len(read_seed(seed).passages) == count


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        (BBC, "Russian strikes on Syria opposition 'helping IS' - Hammond"),
        (ITV, "Cameron: Russian airstrikes back 'butcher' Assad"),
        (AOL, "Syrian opposition welcomes 'any kind of help' from allies including UK"),
        (
            INDEPENDENT,
            "David Cameron and Vladimir Putin say they will work together to defeat Isis in Syria",
        ),
        (HANSARD, "Aleppo Bombings"),
    ],
)
def test_title_is_found_and_is_not_a_passage(seed, title):
    document = read_seed(seed)
    assert document.title == title
    assert title not in [p.text for p in document.passages]


@pytest.mark.parametrize(
    ("seed", "start", "heading"),
    [
        (BBC, "Replying for Labour, shadow foreign minister", "Diplomatic push"),
        (BBC, "Earlier, Prime Minister David Cameron", "Diplomatic push"),
        (BBC, "Philip Hammond told MPs", None),
        (
            ITV,
            "Russian aircraft have attacked",
            "Russian warplanes 'hit Islamic State targets' in Syria",
        ),
        (ITV, "Mr Fallon said the the", "UK: Russian airstrikes in Syria are killing civilians"),
        (
            ITV,
            "In a speech to the General Assembly",
            "Air strikes in Syria 'useless', Foreign Minister tells UN",
        ),
        (ITV, "The Prime Minister has said Russia", None),
    ],
)
def test_lone_short_line_heads_the_passages_after_it(seed, start, heading):
    assert passage_starting(read_seed(seed), start).heading == heading


def test_headings_are_not_passages():
    texts = [p.text for p in read_seed(BBC).passages]
    assert "Diplomatic push" not in texts


def seed_without_sidecar(name: str, tmp_path: Path) -> Document:
    copy = tmp_path / f"{name}.txt"
    shutil.copyfile(SEEDS / copy.name, copy)
    return read_one(copy)


def test_independent_page_without_sidecar_finds_its_own_facts(tmp_path):
    document = seed_without_sidecar(INDEPENDENT, tmp_path)
    assert document.date == dt.date(2015, 12, 9)
    assert document.authors == ("Jon Stone",)
    assert document.kind == "news"
    assert document.title == (
        "David Cameron and Vladimir Putin say they will work together to defeat Isis in Syria"
    )
    assert document.source is None
    assert "Jon Stone" not in [p.text for p in document.passages]


def test_hansard_page_without_sidecar_finds_its_own_facts(tmp_path):
    document = seed_without_sidecar(HANSARD, tmp_path)
    assert document.title == "Aleppo Bombings"
    assert document.date == dt.date(2016, 10, 18)
    assert document.kind == "hansard"
    # "Mr Speaker" and "the House" point to the Commons; Hansard is one source, its house apart.
    assert (document.source, document.house) == ("Hansard", "commons")
    assert document.volume == "615"  # "Volume 615: debated on Tuesday 18 October 2016"
    # The scraped page lost the members' names; tests/speakers/test_hansard_text.py reads its turns.
    assert all(p.speaker is None for p in document.passages)


@pytest.mark.parametrize(
    ("seed", "kind", "source", "url", "date"),
    [
        (BBC, "news", "BBC News", "https://www.bbc.co.uk/news/uk-35114440", dt.date(2015, 12, 16)),
        (
            ITV,
            "news",
            "ITV News",
            "http://www.itv.com/news/topic/syria/?page=2",
            dt.date(2015, 10, 3),
        ),
        (
            AOL,
            "news",
            "AOL UK (Press Association)",
            "https://www.aol.co.uk/news/2015/11/04/"
            "syrian-opposition-welcomes-any-kind-of-help-from-allies-including-uk/",
            dt.date(2015, 11, 4),
        ),
        (INDEPENDENT, "news", "The Independent", None, dt.date(2015, 12, 9)),
        (
            HANSARD,
            "hansard",
            "Hansard",  # the sidecar's "House of Commons" is its house
            "https://hansard.parliament.uk/Commons/2016-10-18/debates/"
            "C7AE0AC8-18FC-402B-8B42-A4C880A361A1/details",
            dt.date(2016, 10, 18),
        ),
    ],
)
def test_seed_facts_with_sidecars(seed, kind, source, url, date):
    document = read_seed(seed)
    assert (document.kind, document.source, document.url, document.date) == (
        kind,
        source,
        url,
        date,
    )
    assert document.path == str(SEEDS / f"{seed}.txt")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Wednesday 09 December 2015 17:24 GMT", dt.date(2015, 12, 9)),
        ("Volume 615: debated on Tuesday 18 October 2016", dt.date(2016, 10, 18)),
        ("9 December 2015", dt.date(2015, 12, 9)),
        ("9th Dec. 2015", dt.date(2015, 12, 9)),
        ("December 9, 2015", dt.date(2015, 12, 9)),
        ("Published 2015-12-09 08:00", dt.date(2015, 12, 9)),
        ("09/12/2015", dt.date(2015, 12, 9)),
        ("31 February 2016", None),
        ("2015-13-01", None),
        ("since 2 December", None),
    ],
)
def test_find_date(line, date):
    assert find_date(line) == date


def test_date_in_the_body_is_not_the_documents_date():
    lines = ["Title"] + [f"Paragraph {n} of the story goes on at length." for n in range(12)]
    text = "\n\n".join([*lines, "On 9 December 2015 it rained"])
    assert parse_text(text).date is None


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        (
            "Election 2015: 7 May 2015 results\n\nBody text.\n",
            "Election 2015: 7 May 2015 results",
            None,
        ),
        (
            "Wednesday 09 December 2015 17:24 GMT\n\nTitle\n\nBody text.\n",
            "Title",
            dt.date(2015, 12, 9),
        ),
        ("By Royal Appointment\n\nBody text.\n", "By Royal Appointment", None),
    ],
    ids=["date-inside-title", "date-line-before-title", "title-starting-with-by"],
)
def test_first_line_is_the_title_unless_it_is_only_a_date(text, title, date):
    document = parse_text(text)
    assert (document.title, document.date, document.authors) == (title, date, ())


def test_long_first_paragraph_is_a_passage_and_lends_its_first_sentence_as_title():
    first = "The story starts at once without a headline. " + "It goes on and on. " * 12
    document = parse_text(f"{first}\n\nA second paragraph.\n")
    assert document.title == "The story starts at once without a headline."
    assert [p.text for p in document.passages] == [first.strip(), "A second paragraph."]


def test_image_copyright_in_a_sentence_is_body_text():
    text = "Title\n\nThe court ruled on image copyright law.\n"
    assert [p.text for p in parse_text(text).passages] == [
        "The court ruled on image copyright law."
    ]


def test_header_date_and_byline_are_metadata_not_passages():
    document = parse_text("Title\n\nBy Jane Smith and John Doe\n\n9 December 2015\n\nBody text.\n")
    assert document.authors == ("Jane Smith", "John Doe")
    assert document.date == dt.date(2015, 12, 9)
    assert [p.text for p in document.passages] == ["Body text."]


@pytest.mark.parametrize(
    "header",
    ["Jane Smith\nDecember 9, 2015", "09/12/2015\nJane Smith"],
)
def test_name_line_next_to_the_date_is_the_author(header):
    document = parse_text(f"Title\n\n{header}\n\nBody text.\n")
    assert document.authors == ("Jane Smith",)


def test_hard_wrapped_prose_is_joined():
    text = (
        "Title\n\n"
        "This is a paragraph of hard-wrapped prose that goes on for a while and\n"
        "then continues on the next line because the author pressed return at\n"
        "around seventy characters, as people did in plain-text email days.\n\n"
        "A second paragraph.\n"
    )
    texts = [p.text for p in parse_text(text).passages]
    assert texts[0].startswith(
        "This is a paragraph of hard-wrapped prose that goes on for a while and then"
    )
    assert texts[0].endswith("plain-text email days.")
    assert texts[1] == "A second paragraph."


def test_one_paragraph_per_line_is_not_joined():
    text = "Title\n\nFirst sentence of the story is here.\nSecond one is here too, he said.\n"
    assert [p.text for p in parse_text(text).passages] == [
        "First sentence of the story is here.",
        "Second one is here too, he said.",
    ]


def test_whitespace_is_normalised_and_curly_quotes_kept():
    document = parse_text("Title\n\nA\u00a0  “quoted”\tword — here.\n")
    assert document.passages[0].text == "A “quoted” word — here."


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        (
            "Debate\n\nVolume 615: debated on Tuesday 18 October 2016\n\nA question.\n",
            "hansard",
            None,
        ),
        (
            "Debate\n\nHouse of Lords\n\nMy Lords, I beg to move.\n\nThe hon. Member agrees.\n",
            "hansard",
            "House of Lords",
        ),
        ("Story\n\nMPs read Hansard every day.\n", "news", None),
    ],
)
def test_kind_and_house(text, kind, source):
    document = parse_text(text)
    assert (document.kind, document.source) == (kind, source)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (not text: looks like a PNG image)"),
        (b"Title\n\nBody\x00\x00\x00text\n", "binary file (not text)"),
        (b"Title\n\n" + bytes(range(1, 9)) * 4 + b"\n", "binary file (not text)"),
        (b"", "empty file"),
        (b"  \n\n\t \n", "empty file (only whitespace)"),
        (
            b"Title\n\nPrice \xa3100 today.\n",
            "not valid UTF-8 text (byte 0xA3 at offset 13)"
            "; name its encoding with --encoding (e.g. cp1252) to read it",
        ),
        (b"Skip to main content\n\nAdvertisement\n", "no text left after removing page clutter"),
        (b"Only a title\n", "no body text found (only a title)"),
    ],
    ids=[
        "png",
        "nul-bytes",
        "control-bytes",
        "empty",
        "whitespace",
        "latin-1",
        "only-clutter",
        "only-title",
    ],
)
def test_bad_file_gives_one_clear_error(tmp_path, data, reason):
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(IngestError) as caught:
        list(read_documents(path))
    assert caught.value.path == str(path)
    assert caught.value.reason == reason


def test_missing_path_is_discovered_and_then_reported(tmp_path):
    missing = tmp_path / "nope.txt"
    assert list(discover([missing])) == [missing]
    with pytest.raises(IngestError, match="no such file or folder"):
        list(read_documents(missing))


def test_folder_is_not_a_document(tmp_path):
    with pytest.raises(IngestError, match="is a folder"):
        list(read_documents(tmp_path))


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive.ingest, "MAX_FILE_BYTES", 10 * 1024 * 1024)
    path = write(tmp_path / "big.txt", b"Title\n\n" + b"x" * (10 * 1024 * 1024))
    with pytest.raises(IngestError, match="file larger than 10 MB"):
        list(read_documents(path))


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffTitle\n\nBody café.\n".encode(),
        "Title\n\nBody café.\n".encode("utf-16"),
        b"\xfe\xff" + "Title\n\nBody café.\n".encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_byte_order_marks_decode(tmp_path, data):
    document = read_one(write(tmp_path / "bom.txt", data))
    assert (document.title, document.passages[0].text) == ("Title", "Body café.")


def test_discover_walks_sorted_and_skips_hidden_sidecars_and_link_loops(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/x.txt", "a.meta.json"):
        (tmp_path / name).write_text("T\n\nBody.\n")
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    (tmp_path / "b" / "alias.txt").symlink_to(tmp_path / "a.txt")
    found = [path.relative_to(tmp_path).as_posix() for path in discover([tmp_path])]
    assert found == ["a.txt", "b/1.txt", "b/2.txt"]


def test_discover_skips_named_sidecars_and_repeats(tmp_path):
    text = write(tmp_path / "a.txt", b"T\n\nBody.\n")
    sidecar = write(tmp_path / "a.meta.json", b"{}")
    assert list(discover([text, sidecar, text, tmp_path])) == [text]


BBC_DATASET = corpus_dir() / "news-bbc" / "bbc-fulltext.tar.gz"


@pytest.mark.skipif(not BBC_DATASET.exists(), reason=f"needs the BBC dataset at {BBC_DATASET}")
def test_bbc_dataset_reads_with_one_known_bad_file():
    # The dataset's stories have a title line, no date and no byline; one
    # file, sport/199.txt, has a latin-1 pound sign: it reads with --encoding.
    errors, odd, pounds = [], [], []
    with tarfile.open(BBC_DATASET) as archive_file:
        for member in archive_file:
            if not member.name.endswith(".txt") or member.name.endswith("README.TXT"):
                continue
            data = archive_file.extractfile(member).read()
            try:
                document = parse_text(decode_text(data, member.name), member.name)
            except IngestError as error:
                errors.append(str(error))
                document = parse_text(decode_text(data, member.name, "cp1252"), member.name)
                pounds += [p.text for p in document.passages if "£" in p.text]
            if (
                document.date
                or document.authors
                or document.kind != "news"
                or not document.passages
            ):
                odd.append(member.name)
    assert errors == [
        "bbc/sport/199.txt: not valid UTF-8 text (byte 0xA3 at offset 257)"
        "; name its encoding with --encoding (e.g. cp1252) to read it"
    ]
    assert odd == []
    assert len(pounds) == 1 and "£" in pounds[0]


# --- Files that are not UTF-8: --encoding ---------------------------------------

POUND_STORY = "Bread rises\n\nA loaf costs £2 now, the baker said.\n"


def test_a_named_encoding_reads_a_file_that_is_not_utf8():
    text = decode_text(POUND_STORY.encode("cp1252"), "old.txt", "cp1252")
    assert text == POUND_STORY


@pytest.mark.parametrize(
    "data",
    [POUND_STORY.encode("utf-8"), POUND_STORY.encode("utf-16")],
    ids=["utf-8", "utf-16-bom"],
)
def test_utf8_and_marked_files_are_not_read_with_the_named_encoding(data):
    assert decode_text(data, "new.txt", "cp1252") == POUND_STORY


def test_bytes_the_named_encoding_cannot_decode_either_are_an_error():
    with pytest.raises(IngestError) as caught:
        decode_text(POUND_STORY.encode("cp1252"), "old.txt", "ascii")
    assert caught.value.reason == "neither UTF-8 nor ascii text (byte 0xA3 at offset 26)"


def test_a_named_encoding_still_refuses_binary():
    with pytest.raises(IngestError, match="binary file"):
        decode_text(bytes(range(1, 32)) * 20, "x.txt", "cp1252")


@pytest.mark.parametrize("name", ["nope", "base64", "rot13"])
def test_only_text_encodings_can_be_named(name):
    with pytest.raises(UsageError, match=f"--encoding {name}: not a text encoding"):
        check_encoding(name)
