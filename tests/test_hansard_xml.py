"""Hansard as published, end to end: ParlParse XML, ParlaMint TEI and speech CSV
through `archive index`, then search, filters and show. Against the real files
in ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.indexing.paths import path_key
from tests.conftest import corpus_dir

PARLPARSE = corpus_dir() / "hansard-parlparse"
DEBATES_2009 = PARLPARSE / "twfy-uml-tests-2009" / "debates"
pytestmark = pytest.mark.skipif(
    not PARLPARSE.is_dir(), reason=f"the shared corpus is absent ({PARLPARSE})"
)
SPEECH = re.compile(rb"<speech\b")


def _speech_files() -> list[Path]:
    """Every ParlParse day file of the corpus, latest or not."""
    return sorted(p for p in PARLPARSE.rglob("*.xml") if "members" not in p.parts)


def _is_latest(path: Path) -> bool:
    head = path.read_bytes()[:2000]
    root = re.search(rb"<publicwhip[^>]*>", head)
    return root is not None and b'latest="no"' not in root.group(0)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """An archive of every ParlParse day file in the corpus (members lists left out)."""
    home = tmp_path_factory.mktemp("parlparse")
    paths = [str(p) for p in _speech_files()]
    result = CliRunner().invoke(cli, ["--home", str(home), "index", *paths])
    assert result.exit_code == 0, result.output
    return home


def _catalog(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "catalog.sqlite")


def _search(home: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--home", str(home), "search", *args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_speech_of_each_latest_file_is_one_passage(home):
    db = _catalog(home)
    checked = 0
    for path in _speech_files():
        expected = len(SPEECH.findall(path.read_bytes())) if _is_latest(path) else 0
        (found,) = db.execute(
            "SELECT COUNT(*) FROM passages p JOIN document_files f ON f.doc_id = p.doc_id "
            "WHERE f.path = ? AND (p.ref IS NULL OR p.ref NOT IN "
            "(SELECT ref FROM divisions WHERE doc_id = p.doc_id AND ref IS NOT NULL))",
            (path_key(path),),  # the catalog names a file by its resolved path
        ).fetchone()
        assert found == expected, path.name
        checked += expected > 0
    assert checked == 22  # 5 + 3 + 3 of 2009 (one per day) and 11 of 2016-2021


def test_non_latest_versions_of_a_day_add_nothing(tmp_path, run):
    older = [DEBATES_2009 / f"debates2009-10-27{v}.xml" for v in "abc"]
    result = run("index", *map(str, older), home=tmp_path)
    assert result.exit_code == 0, result.output
    assert "not the latest version" in result.stderr
    assert "0 documents added" in result.stdout
    assert _catalog(tmp_path).execute("SELECT COUNT(*) FROM passages").fetchone() == (0,)


def test_a_newer_version_of_a_day_replaces_the_older(tmp_path, run):
    latest = DEBATES_2009 / "debates2009-10-27d.xml"
    data = latest.read_bytes()
    # The same day as an earlier scrape that was the latest when it was indexed.
    earlier = tmp_path / "files" / "debates2009-10-27c.xml"
    earlier.parent.mkdir()
    earlier.write_bytes(
        data.replace(b"2009-10-27d", b"2009-10-27c").replace(b"How many", b"How very many", 1)
    )
    home = tmp_path / "home"
    assert run("index", str(earlier), home=home).exit_code == 0
    result = run("index", str(latest), home=home)
    assert result.exit_code == 0, result.output
    assert "1 updated" in result.stdout
    db = _catalog(home)
    assert db.execute("SELECT COUNT(*), MAX(version) FROM documents").fetchone() == (1, "d")
    assert not _search(home, '"How very many"')
    # Indexing the older scrape again changes nothing: the newer one is kept.
    earlier.write_bytes(earlier.read_bytes() + b"\n")
    result = run("index", str(earlier), home=home)
    assert "1 older version skipped" in result.stdout
    assert db.execute("SELECT version FROM documents").fetchall() == [("d",)]


SAMPLES = [
    ("twfy-uml-tests-2009/debates/debates2009-10-26a.xml", "commons", 40),
    ("twfy-uml-tests-2009/westminhall/westminster2009-10-27a.xml", "westminster-hall", 10),
    ("twfy-uml-tests-2009/lordspages/daylord2009-10-28a.xml", "lords", 25),
    ("litharge-2016-2021/debates/debates2016-05-10a.xml", "commons", 60),
    ("litharge-2016-2021/debates/debates2020-12-15a.xml", "commons", 90),
]
_SPEECH_WITH_NAME = re.compile(r'<speech\b[^>]*\bspeakername="([^"]+)"[^>]*>(.*?)</speech>', re.S)
_MINOR = re.compile(r"<minor-heading\b[^>]*>(.*?)</minor-heading>", re.S)


def _sample(relative: str, nth: int) -> tuple[str, str, str]:
    """(speaker name, a phrase of the speech, the minor heading above it), read with
    regular expressions straight from the file, independently of the reader."""
    text = (
        (PARLPARSE / relative).read_bytes().decode("iso-8859-1" if "2009" in relative else "utf-8")
    )
    found = 0
    for match in _SPEECH_WITH_NAME.finditer(text):
        words = re.sub(r"<[^>]+>|&[a-z]+;|&#\d+;", " ", match.group(2)).split()
        plain = [w for w in words[:40] if re.fullmatch(r"[A-Za-z]+", w)]
        if len(plain) < 12:
            continue
        found += 1
        if found == nth:
            headings = _MINOR.findall(text, 0, match.start())
            heading = re.sub(r"<[^>]+>|\s+", " ", headings[-1]).strip() if headings else ""
            heading = html.unescape(heading)
            return match.group(1), " ".join(plain[4:11]), heading
    raise AssertionError(f"{relative} has fewer than {nth} named speeches")


@pytest.mark.parametrize(("relative", "house", "nth"), SAMPLES)
def test_a_phrase_finds_its_speech_with_speaker_date_house_and_debate(home, relative, house, nth):
    speaker, phrase, heading = _sample(relative, nth)
    hits = _search(home, f'"{phrase}"', "--limit", "5")
    assert hits, phrase
    day = re.search(r"\d{4}-\d{2}-\d{2}", relative).group(0)
    hit = next(h for h in hits if h["date"] == day)
    assert hit["house"] == house
    assert heading.split(" (")[0] in hit["heading"]
    # The person as the registry names them: surname as printed in the speech.
    surname = re.sub(r"\(.*\)", "", speaker).split()[-1]
    assert surname.lower() in (hit["speaker"] or "").lower(), (speaker, hit["speaker"])


def test_speaker_by_person_id_and_by_name_give_the_same_passages(home):
    db = _catalog(home)
    # The most frequent named speaker of the 2016-2021 files, with a person id.
    name, ref = db.execute(
        "SELECT pe.name, pe.ref FROM passages p JOIN people pe ON pe.id = p.speaker_id "
        "WHERE pe.ref LIKE 'uk.org.publicwhip/person/%' AND pe.name IS NOT NULL "
        "GROUP BY pe.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    by_id = _search(home, "--speaker", ref, "--limit", "1000", "--sort", "oldest")
    by_number = _search(home, "--speaker", ref.rsplit("/", 2)[-2] + "/" + ref.rsplit("/")[-1],
                        "--limit", "1000", "--sort", "oldest")  # fmt: skip
    by_name = _search(home, "--speaker", name, "--limit", "1000", "--sort", "oldest")
    assert by_id and [h["passage_id"] for h in by_id] == [h["passage_id"] for h in by_name]
    assert [h["passage_id"] for h in by_number] == [h["passage_id"] for h in by_id]


def test_old_member_ids_resolve_to_the_person(home):
    db = _catalog(home)
    # 2009 files give `speakerid="uk.org.publicwhip/member/N"`; people.xml joins it to a person.
    rows = db.execute(
        "SELECT p.speaker_ref, pe.ref FROM passages p JOIN people pe ON pe.id = p.speaker_id "
        "WHERE p.speaker_ref LIKE 'uk.org.publicwhip/member/%' LIMIT 200"
    ).fetchall()
    assert rows and all(ref.startswith("uk.org.publicwhip/person/") for _, ref in rows)


def test_house_filter(home):
    lords = _search(home, "government", "--house", "lords", "--limit", "20")
    hall = _search(home, "government", "--house", "Westminster Hall", "--limit", "20")
    assert lords and {h["house"] for h in lords} == {"lords"}
    assert hall and {h["house"] for h in hall} == {"westminster-hall"}
    assert _search(home, "government", "house:lords", "--limit", "20") == lords


def test_house_filter_rejects_an_unknown_house(home, run):
    result = run("search", "government", "--house", "senate", home=home)
    assert result.exit_code == 2
    assert "unknown house 'senate'" in result.stderr


def test_party_filter_is_normalised(home):
    labour = _search(home, "--party", "labour", "--limit", "30", "--kind", "hansard")
    assert labour and {h["party"] for h in labour} == {"Labour"}
    assert _search(home, "--party", "Lab", "--limit", "30", "--kind", "hansard") == labour


def test_procedural_items_are_kept_without_a_speaker(home):
    db = _catalog(home)
    (count,) = db.execute(
        "SELECT COUNT(*) FROM passages WHERE speaker_id IS NULL AND speaker_name IS NULL "
        "AND doc_id IN (SELECT id FROM documents WHERE date >= '2016-01-01')"
    ).fetchone()
    assert count > 0


def test_show_gives_speeches_in_order_with_speaker_office_party_and_column(home, run):
    db = _catalog(home)
    (doc_id,) = db.execute(
        "SELECT d.id FROM documents d JOIN divisions v ON v.doc_id = d.id LIMIT 1"
    ).fetchone()
    shown = run("show", doc_id, "--format", "json", home=home)
    doc = json.loads(shown.stdout)
    seqs = [int(p["passage_id"].rsplit(".", 1)[1]) for p in doc["passages"]]
    assert seqs == sorted(seqs)
    assert any(p["column"] for p in doc["passages"])
    assert any(p["party"] for p in doc["passages"])
    division = doc["divisions"][0]
    ayes = sum(v["vote"] in ("aye", "tellaye", "tell-aye") for v in division["votes"])
    assert division["ayes"] and ayes >= division["ayes"]
    text = run("show", doc_id, home=home).stdout
    assert "col. " in text
    assert f"Ayes {division['ayes']}" in text


@pytest.mark.parametrize(("strict", "code", "level"), [(False, 0, "note"), (True, 1, "error")])
def test_member_lists_are_not_indexed_as_debates(tmp_path, run, strict, code, level):
    members = PARLPARSE / "members"
    result = run("index", str(members / "people.xml.gz"), str(members / "ministers.json"),
                 *(["--strict"] if strict else []), home=tmp_path)  # fmt: skip
    assert result.exit_code == code
    assert "0 documents added" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{level}: ") for line in lines)
    assert all("not debates: load it with `archive people import`" in line for line in lines)


def test_the_whole_folder_indexes_with_only_clear_errors(tmp_path, run):
    copy = tmp_path / "hansard"
    shutil.copytree(PARLPARSE, copy)
    result = run("index", str(copy), home=tmp_path / "home")
    # Member lists and notes beside the debates are skipped with a note, one line each.
    for line in result.stderr.strip().splitlines():
        assert line.startswith(("error: ", "note: ")), line
        assert "Traceback" not in line
    db = _catalog(tmp_path / "home")
    assert db.execute("SELECT COUNT(*) FROM documents WHERE kind = 'hansard'").fetchone() == (22,)
