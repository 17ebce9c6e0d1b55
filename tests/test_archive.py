"""Indexing, show, stats, reindex and the Python API, end to end on the seeds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from archive import Archive

from conftest import ENGINES, SEEDS


def stats(run, home) -> dict:
    result = run("stats", "--format", "json", home=home)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_index_seeds_reports_five_documents(run, tmp_path):
    result = run("index", str(SEEDS), home=tmp_path)
    assert result.exit_code == 0, result.output
    assert "5 files: 5 documents added, 0 updated, 0 unchanged" in result.stdout
    assert "0 files failed" in result.stdout


def test_stats_counts_kinds_sources_dates_and_speakers(run, seeded_home):
    data = stats(run, seeded_home)
    assert data["documents"] == 5
    assert data["by_kind"] == {"hansard": 1, "news": 4}
    assert data["by_source"]["BBC News"] == 1
    assert data["by_source"]["Hansard"] == 1  # the seed's "House of Commons" is its house
    assert data["date_range"] == {"first": "2015-10-03", "last": "2016-10-18"}
    assert data["speakers"] >= 5
    assert data["passages"] > 50
    assert data["indexed"] == data["passages"]


def test_reindexing_the_same_folder_adds_nothing(run, tmp_path):
    run("index", str(SEEDS), home=tmp_path)
    before = stats(run, tmp_path)
    result = run("index", str(SEEDS), home=tmp_path)
    assert result.exit_code == 0
    assert "0 documents added, 0 updated, 5 unchanged" in result.stdout
    assert "(0 passages written)" in result.stdout
    assert stats(run, tmp_path) == before


def test_files_that_are_not_utf8_are_read_with_the_encoding_named(run, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "pound.txt").write_bytes("Bread rises\n\nA loaf costs £2 now.\n".encode("cp1252"))
    (folder / "cafe.csv").write_bytes("title,text\nCafé opens,The café opened.\n".encode("cp1252"))
    (folder / "new.txt").write_text("Tram returns\n\nThe tram costs £1.\n", encoding="utf-8")
    home = tmp_path / "home"
    failed = run("index", str(folder), home=home)
    assert failed.exit_code == 1
    assert "name its encoding with --encoding (e.g. cp1252) to read it" in failed.stderr
    assert "3 files: 1 document added" in failed.stdout
    # The rerun reads the two that failed, and nothing twice.
    result = run("index", "--encoding", "cp1252", str(folder), home=home)
    assert result.exit_code == 0, result.output
    assert "3 files: 2 documents added, 0 updated, 1 unchanged" in result.stdout
    found = run("search", "£2 OR café OR £1", "--format", "jsonl", home=home).stdout
    assert sorted(json.loads(line)["title"] for line in found.splitlines()) == [
        "Bread rises", "Café opens", "Tram returns"
    ]  # fmt: skip


def test_an_unknown_encoding_is_a_usage_error(run, tmp_path):
    result = run("index", "--encoding", "klingon", str(SEEDS), home=tmp_path / "home")
    assert result.exit_code == 2
    assert "--encoding klingon: not a text encoding" in result.stderr


def test_a_copy_of_a_seed_elsewhere_is_not_stored_twice(run, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(SEEDS / "000_a25ad9b1949011fe.txt", copy)
    shutil.copy(SEEDS / "000_a25ad9b1949011fe.meta.json", copy)
    run("index", str(SEEDS), home=tmp_path / "home")
    result = run("index", str(copy), home=tmp_path / "home")
    repeat = "0 documents added, 0 updated, 0 unchanged, 0 removed, 1 repeat of a stored document"
    assert repeat in result.stdout
    assert stats(run, tmp_path / "home")["documents"] == 5


def test_a_changed_file_replaces_its_passages(run, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text("Zeppelins over London\n\nThe zeppelin flew over the city.\n")
    run("index", str(folder), home=tmp_path / "home")
    story.write_text("Airships over London\n\nThe airship flew over the city.\n")
    result = run("index", str(folder), home=tmp_path / "home")
    assert "0 documents added, 1 updated" in result.stdout
    home = tmp_path / "home"
    assert "No passages match." in run("search", "zeppelin", home=home).stdout
    assert "airship" in run("search", "airship", home=home).stdout
    assert stats(run, home)["documents"] == 1


def test_bad_files_are_reported_and_the_batch_goes_on(run, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "latin.txt").write_bytes(b"Caf\xe9 society\n\nA caf\xe9 opened.\n")
    shutil.copy(SEEDS / "002_712e60f979fb5be4.txt", folder)
    result = run("index", str(folder), home=tmp_path / "home")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert all(str(folder) in line for line in errors)
    assert any("empty.txt" in line and "empty" in line.split(":", 2)[2] for line in errors)
    assert any("picture.png" in line and "binary" in line for line in errors)
    assert "1 document added" in result.stdout
    assert "3 files failed" in result.stdout
    assert "Traceback" not in result.output


def test_quiet_keeps_errors_and_drops_warnings_and_notes(run, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    good = {"title": "Bridge opens", "date": "2015-12-02", "text": "The bridge opened today."}
    (folder / "wire.jsonl").write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    loud = run("index", str(folder), home=tmp_path / "loud")
    quiet = run("-q", "index", str(folder), home=tmp_path / "quiet")
    assert loud.exit_code == quiet.exit_code == 1
    assert [line.split(":")[0] for line in loud.stderr.splitlines()] == ["error", "warning"]
    assert [line.split(":")[0] for line in quiet.stderr.splitlines()] == ["error"]
    assert quiet.stdout == loud.stdout


def test_index_reports_its_progress_after_each_file(tmp_path):
    calls = []

    def progress(done, total, report):
        calls.append((done, total, report.passages))

    with Archive.open(tmp_path / "home", create=True) as archive:
        archive.index([SEEDS], on_progress=progress)
    assert [(done, total) for done, total, _ in calls] == [(n, 5) for n in range(1, 6)]
    passages = [count for _, _, count in calls]
    assert passages == sorted(passages) and passages[-1] > 50


def test_on_a_terminal_index_shows_a_progress_line_that_errors_clear(tmp_path):
    pty = pytest.importorskip("pty")
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("a", "b", "d"):
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nThe bridge opened.\n")
    (folder / "c.txt").write_bytes(b"")
    terminal, stderr = pty.openpty()
    command = [sys.executable, "-m", "archive", "--home", str(tmp_path / "h"), "index", str(folder)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr)
    os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    out, _ = proc.communicate(timeout=60)
    os.close(terminal)
    text = shown.decode()
    # Drawn after the first file; cleared before the error line; nothing left after it.
    assert text.startswith("\r\x1b[K1 of 4 files read, 1 passage\r")
    assert text.endswith(f"\r\x1b[Kerror: {folder / 'c.txt'}: empty file\r\n")
    assert b"4 files: 3 documents added" in out


def test_show_prints_a_document_with_its_passages_in_order(run, seeded_home):
    hit = json.loads(
        run("search", '"kinetic options"', "--format", "json", home=seeded_home).stdout
    )["hits"][0]
    result = run("show", hit["doc_id"], "--format", "json", home=seeded_home)
    doc = json.loads(result.stdout)
    assert doc["title"] == "Aleppo Bombings"
    assert doc["kind"] == "hansard"
    assert doc["date"] == "2016-10-18"
    assert [p["passage_id"] for p in doc["passages"]] == [
        f"{hit['doc_id']}.{i}" for i in range(len(doc["passages"]))
    ]
    assert hit["passage_id"] in {p["passage_id"] for p in doc["passages"]}
    text = run("show", hit["passage_id"], home=seeded_home).stdout
    assert text.startswith("Aleppo Bombings\nHansard | 2016-10-18 | hansard | commons\n")


def test_show_of_an_unknown_document_is_one_clear_error(run, seeded_home):
    result = run("show", "0000000000000000", home=seeded_home)
    assert result.exit_code == 1
    assert "no document '0000000000000000'" in result.stderr


def test_reindex_rebuilds_the_same_search_results(run, tmp_path, engine):
    run("--engine", engine, "index", str(SEEDS), home=tmp_path)
    before = run("search", "Syria", "--format", "json", home=tmp_path).stdout
    shutil.rmtree(tmp_path / "index")
    result = run("reindex", home=tmp_path)
    assert result.exit_code == 0
    assert f"reindexed 99 passages with {engine}" in result.stdout
    assert run("search", "Syria", "--format", "json", home=tmp_path).stdout == before


def test_the_archive_remembers_its_engine_and_reindex_switches(run, tmp_path):
    run("index", str(SEEDS), home=tmp_path)
    assert stats(run, tmp_path)["engine"] == "tantivy"
    other = "whoosh" if "whoosh" in ENGINES else "tantivy"
    if other == "tantivy":
        pytest.skip("whoosh3 is not installed")
    wrong = run("--engine", other, "search", "Syria", home=tmp_path)
    assert wrong.exit_code == 1
    assert "reindex --engine whoosh" in wrong.stderr
    before = run("search", "Syria", "--sort", "oldest", "--format", "json", home=tmp_path).stdout
    assert "with whoosh" in run("reindex", "--engine", other, home=tmp_path).stdout
    assert stats(run, tmp_path)["engine"] == "whoosh"
    assert not (tmp_path / "index" / "tantivy").exists()
    after = run("search", "Syria", "--sort", "oldest", "--format", "json", home=tmp_path).stdout
    assert after == before


def test_unknown_engine_is_a_usage_error(run, tmp_path):
    result = run("--engine", "lucene", "index", str(SEEDS), home=tmp_path)
    assert result.exit_code == 2


def test_python_api_searches_with_filters(tmp_path):
    with Archive.open(tmp_path, create=True) as archive:
        report = archive.index([SEEDS])
        assert report.added == 5 and not report.failed
        result = archive.search("Daesh", speakers=["hammond"], since="2015-12", until="2015")
        assert result.hits
        assert {hit.doc_id for hit in result.hits} == {result.hits[0].doc_id}
        assert all(hit.date == "2015-12-16" for hit in result.hits)


def test_python_m_archive_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: archive" in result.stdout


def test_a_changed_sidecar_updates_the_document(run, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    run("index", str(folder), home=tmp_path / "home")
    sidecar = folder / "002_712e60f979fb5be4.meta.json"
    meta = json.loads(sidecar.read_text())
    meta["source"] = "Press Association"
    sidecar.write_text(json.dumps(meta))
    result = run("index", str(folder), home=tmp_path / "home")
    assert "0 documents added, 1 updated, 4 unchanged" in result.stdout
    by_source = stats(run, tmp_path / "home")["by_source"]
    assert by_source.get("Press Association") == 1
    assert "AOL UK (Press Association)" not in by_source


def test_stats_lists_the_top_ten_sources_and_how_many_more(run, tmp_path):
    import datetime as dt

    from archive import Archive
    from archive.model import Document, Passage

    with Archive.open(tmp_path / "home", create=True) as archive:
        archive.add(
            Document(
                kind="news", title=f"Story {n}", passages=(Passage(f"Words {n}."),),
                source=f"Outlet {n:02d}", date=dt.date(2015, 1, 1 + n),
            )
            for n in range(13)
            for _ in range(1 + (n == 12))  # Outlet 12 twice: the same story, stored once
        )  # fmt: skip
    text = run("stats", home=tmp_path / "home").stdout
    listed = text.split("by source\n", 1)[1].splitlines()
    assert len(listed) == 11
    assert listed[0].split() == ["1", "Outlet", "00"]
    assert listed[-1] == "         3  and 3 more (`archive stats --format json` lists all)"
    data = json.loads(run("stats", "--format", "json", home=tmp_path / "home").stdout)
    assert len(data["by_source"]) == 13  # JSON lists every source
