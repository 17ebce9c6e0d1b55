"""Noise that hid real failures: files that are not documents, empty folders, missing paths.

A member list, a JSON of metadata or a README in a corpus folder is skipped
with one `note:` line and counted as skipped, not failed (`--strict` fails
it); a path that does not exist, or a folder with nothing in it, is said in
the same words by `archive index` and `archive people import`; the summary
line says "1 file", not "1 files".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive import Archive
from archive.errors import ArchiveError, NotADocument
from archive.indexing.run import IndexReport

from conftest import corpus_dir

STORY = "Walrus seen on harbour wall\n\nA walrus was seen on the harbour wall at dawn.\n"
MINISTERS = json.dumps(
    {
        "memberships": [
            {"id": "uk.org.publicwhip/moffice/1", "person_id": "uk.org.publicwhip/person/1"}
        ]
    },
    indent=2,
)
ANNOTATIONS = json.dumps({"a.html": {"title": "A"}, "b.html": {"title": "B"}}, indent=1)
PEOPLE = (
    '<publicwhip><person id="uk.org.publicwhip/person/99999" latestname="Ann Example">'
    '<office id="uk.org.publicwhip/member/99"/></person></publicwhip>'
)
ALL_MEMBERS = (
    '<publicwhip><member id="uk.org.publicwhip/member/99" firstname="Ann" lastname="Example" '
    'party="Lab" fromdate="2010-05-06" todate="9999-12-31"/></publicwhip>'
)


def corpus_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY)
    (folder / "README.md").write_text("# Samples of a corpus\n\nWhere these files come from.\n")
    (folder / "ministers.json").write_text(MINISTERS)
    (folder / "annotations.json").write_text(ANNOTATIONS)
    return folder


def lines(text: str, level: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{level}: ")]


@pytest.mark.parametrize(
    ("strict", "code", "level", "counts"),
    [
        (False, 0, "note", "0 files failed, 3 skipped (not documents)"),
        (True, 1, "error", "3 files failed"),
    ],
)
def test_files_that_are_not_documents_are_skipped_not_failed(
    run, tmp_path, strict, code, level, counts
):
    folder = corpus_folder(tmp_path)
    result = run("index", *(["--strict"] if strict else []), str(folder), home=tmp_path / "home")
    assert result.exit_code == code, result.output
    assert sorted(lines(result.stderr, level)) == [
        f"{level}: {folder / 'README.md'}: " + "skipped: " * (not strict)
        + "a README, not a document",
        f"{level}: {folder / 'annotations.json'}: " + "skipped: " * (not strict)
        + "JSON metadata keyed by id or file name (2 entries), not a document",
        f"{level}: {folder / 'ministers.json'}: " + "skipped: " * (not strict)
        + "a ParlParse ministers list, not debates: load it with `archive people import`",
    ]  # fmt: skip
    assert result.stdout.startswith("4 files: 1 document added, 0 updated, 0 unchanged")
    assert result.stdout.rstrip().endswith(f"(1 passage written); {counts}")
    assert "skipped" not in result.stdout or not strict


def test_the_library_reports_skipped_files_apart_from_failed_ones(tmp_path):
    folder = corpus_folder(tmp_path)
    notes: list[str] = []
    with Archive.open(tmp_path / "home", create=True) as archive:
        report = archive.index([folder], on_note=notes.append)
        assert report.failed == [] and report.added == 1
        assert [Path(e.path).name for e in report.skipped] == [
            "README.md", "annotations.json", "ministers.json"
        ]  # fmt: skip
        assert all(isinstance(e, NotADocument) for e in report.skipped)
        assert notes[0] == f"{folder / 'README.md'}: skipped: a README, not a document"
        strict = archive.index([folder], strict=True)
        assert (len(strict.failed), strict.skipped) == (3, [])


def test_a_readme_that_loses_its_sidecar_is_no_longer_a_document(run, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "README.md").write_text(STORY)
    sidecar = folder / "README.meta.json"
    sidecar.write_text('{"source": "Harbour News"}')
    home = tmp_path / "home"
    assert "1 file: 1 document added" in run("index", str(folder), home=home).stdout
    sidecar.unlink()
    result = run("index", str(folder), home=home)
    assert result.exit_code == 0, result.output
    assert "0 documents added, 0 updated, 0 unchanged, 1 removed" in result.stdout
    assert "No passages match." in run("search", "walrus", home=home).stdout


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        (
            {"files": 1, "added": 1, "passages": 1},
            "1 file: 1 document added, 0 updated, 0 unchanged, 0 removed "
            "(1 passage written); 0 files failed",
        ),
        (
            {"files": 2, "repeats": 1, "copies": 1, "older": 1, "bad_records": 1},
            "2 files: 0 documents added, 0 updated, 0 unchanged, 0 removed, "
            "1 repeat of a stored document, 1 kept as a copy of a stored story, "
            "1 older version skipped (0 passages written); 0 files failed, 1 bad record skipped",
        ),
        (
            {"files": 3, "added": 2, "passages": 5, "repeats": 2, "copies": 2, "older": 2},
            "3 files: 2 documents added, 0 updated, 0 unchanged, 0 removed, "
            "2 repeats of stored documents, 2 kept as copies of stored stories, "
            "2 older versions skipped (5 passages written); 0 files failed",
        ),
        (
            {"files": 3, "failed": 1, "skipped": 1, "bad_records": 2},
            "3 files: 0 documents added, 0 updated, 0 unchanged, 0 removed "
            "(0 passages written); 1 file failed, 1 skipped (not a document), "
            "2 bad records skipped",
        ),
        (
            {"files": 4, "failed": 2, "skipped": 2},
            "4 files: 0 documents added, 0 updated, 0 unchanged, 0 removed "
            "(0 passages written); 2 files failed, 2 skipped (not documents)",
        ),
    ],
    ids=["one", "one-of-each", "many", "one-failed-one-skipped", "two-failed-two-skipped"],
)
def test_the_summary_says_1_file_not_1_files(counts, line):
    from archive.errors import IngestError

    failed = [IngestError("x", "bad")] * counts.pop("failed", 0)
    skipped = [NotADocument("y", "a README, not a document")] * counts.pop("skipped", 0)
    assert IndexReport(**counts, failed=failed, skipped=skipped).summary() == line


# -- a path that does not exist, a folder with nothing in it -------------------

COMMANDS = {"index": ("index",), "people import": ("people", "import")}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_path_that_does_not_exist_is_said_plainly(run, tmp_path, command):
    missing = tmp_path / "no-such-folder"
    result = run(*COMMANDS[command], str(missing), home=tmp_path / "home")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.lower() == f"error: {missing}: no such file or folder"


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_folder_is_said_plainly(run, tmp_path, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(*COMMANDS[command], str(empty), home=tmp_path / "home")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"note: {empty}: an empty folder: no files to read"]


def test_a_folder_of_hidden_files_and_sidecars_has_nothing_to_index(run, tmp_path):
    folder = tmp_path / "hidden"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\0\0")
    (folder / "story.meta.json").write_text("{}")
    result = run("index", str(folder), home=tmp_path / "home")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"note: {folder}: an empty folder: no files to read"]
    assert result.stdout.startswith("0 files: 0 documents added")


def test_a_folder_inside_another_given_is_not_taken_for_empty(run, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_text(STORY)
    result = run("index", str(folder), str(folder / "sub"), home=tmp_path / "home")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("1 file: 1 document added")


@pytest.mark.parametrize(
    ("files", "named", "reason"),
    [
        ({"notes.json": '{"about": {"source": "x"}}'}, "notes.json",
         "not a member list nor a table of person -> party"),
        ({"notes.txt": "hello"}, "notes.txt", "not a ParlParse member file this reader knows"),
        ({"all-members.xml": ALL_MEMBERS}, "all-members.xml",
         "nobody in it could be matched to a person: member lists name people through people.xml"),
        ({"ministers.json": '{"memberships": []}'}, "ministers.json", "no offices in it"),
        ({"ministers.json": "{not json"}, "ministers.json",
         "not a ministers list (JSONDecodeError"),
        ({"people.xml": "<publicwhip/>"}, "people.xml", "no <person> in it"),
    ],
    ids=["not-a-table", "notes", "members-alone", "no-offices", "broken-json", "no-people"],
)  # fmt: skip
def test_people_import_of_a_file_it_cannot_use_is_an_error(run, tmp_path, files, named, reason):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run("people", "import", str(tmp_path / named), home=tmp_path / "home")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {tmp_path / named}: {reason}"), line


def test_people_import_of_a_folder_skips_what_is_not_a_member_list(run, tmp_path):
    folder = tmp_path / "members"
    folder.mkdir()
    (folder / "people.xml").write_text(PEOPLE)
    (folder / "all-members.xml").write_text(ALL_MEMBERS)
    (folder / "README.md").write_text("Member lists.\n")
    result = run("people", "import", str(folder), home=tmp_path / "home")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 person added")
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"note: {folder / 'README.md'}: skipped: not a ParlParse member file")


def test_the_library_refuses_a_missing_member_file_naming_it(tmp_path):
    from archive.speakers.members import read_member_files

    with pytest.raises(ArchiveError, match=f"^{tmp_path / 'gone.xml'}: no such file or folder$"):
        read_member_files([tmp_path / "gone.xml"])


# -- the shared corpus -----------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "skipped"),
    [
        # 7 member lists and a party map; parlparse-notes.txt; 3 changedates.txt.
        ("hansard-parlparse", 12),
        # newspaper4k's 14 expected-metadata JSON files; trafilatura's annotations.json.
        ("html-pages", 15),
    ],
)
def test_the_corpus_folders_index_with_nothing_failed(run, tmp_path, folder, skipped):
    path = corpus_dir() / folder
    if not path.is_dir():
        pytest.skip(f"needs the shared corpus at {path}")
    result = run("index", str(path), home=tmp_path / "home")
    assert result.exit_code == 0, result.stderr
    assert not lines(result.stderr, "error")
    assert len([line for line in lines(result.stderr, "note") if ": skipped: " in line]) == skipped
    assert result.stdout.rstrip().endswith(f"; 0 files failed, {skipped} skipped (not documents)")
