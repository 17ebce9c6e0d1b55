"""Indexing again does only what changed: skip, replace, prune, remove."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from archive import Archive
from archive.errors import ArchiveError

from conftest import SEEDS

SUMMARY = re.compile(
    r"(\d+) files?: (\d+) documents? added, (\d+) updated, (\d+) unchanged, (\d+) removed"
    r".*\((\d+) passages? written\); (\d+) files? failed"
)


def counts(result) -> dict[str, int]:
    """The summary line's numbers, by name."""
    found = SUMMARY.search(result.stdout)
    assert found, result.stdout
    names = ("files", "added", "updated", "unchanged", "removed", "passages", "failed")
    return dict(zip(names, map(int, found.groups()), strict=True))


def story(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def ids_found(home: Path, query: str) -> set[str]:
    with Archive.open(home) as archive:
        return {hit.doc_id for hit in archive.search(query, limit=100).hits}


def in_step(home: Path) -> tuple[int, int]:
    """(passages in the index, passages in the catalog): equal when nothing is left to do."""
    with Archive.open(home) as archive:
        return archive.engine.count(), archive.catalog.passage_count()


@pytest.fixture(scope="module")
def empty_archive(tmp_path_factory) -> Path:
    """A new archive, made once: making one loads the people registry, which takes a while."""
    home = tmp_path_factory.mktemp("empty") / "home"
    Archive.open(home, create=True).close()
    return home


@pytest.fixture(autouse=True)
def _made_home(empty_archive, tmp_path) -> None:
    shutil.copytree(empty_archive, tmp_path / "home")


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    story(root / "a", "one.txt", "Turnips in Norfolk", "Farmers grew turnips all winter.")
    story(root / "a", "two.txt", "Herons at dawn", "A heron stood in the reeds.", "It left.")
    story(root / "b", "three.txt", "Lighthouse keepers", "The lighthouse keeper wrote logs.")
    return root


def test_a_second_run_skips_every_file_and_writes_nothing(run, corpus, tmp_path):
    first = counts(run("index", str(corpus)))
    assert (first["files"], first["added"], first["failed"]) == (3, 3, 0)
    for path in corpus.rglob("*.txt"):  # a newer mtime alone is no change
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 100))
    again = counts(run("index", str(corpus)))
    assert again == {**first, "added": 0, "unchanged": 3, "passages": 0}
    assert in_step(tmp_path / "home")[0] == in_step(tmp_path / "home")[1]


def test_a_change_of_content_is_found_by_hash_even_with_the_old_size_and_mtime(
    run, corpus, tmp_path
):
    run("index", str(corpus))
    path = corpus / "a" / "one.txt"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("turnips all", "carrots all"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    again = counts(run("index", str(corpus)))
    assert (again["updated"], again["unchanged"], again["added"], again["removed"]) == (1, 2, 0, 0)
    home = tmp_path / "home"
    assert ids_found(home, "carrots") and not ids_found(home, "turnips")
    assert in_step(home)[0] == in_step(home)[1]


def test_a_changed_file_replaces_all_its_old_passages(run, corpus, tmp_path):
    run("index", str(corpus))
    home = tmp_path / "home"
    _, before = in_step(home)
    story(corpus / "a", "two.txt", "Herons at dusk", "Egrets, not herons.", "A.", "B.", "C.")
    again = counts(run("index", str(corpus)))
    assert (again["updated"], again["added"], again["removed"]) == (1, 0, 0)
    indexed, stored = in_step(home)
    assert indexed == stored == before - 2 + 4
    assert not ids_found(home, "reeds")
    assert ids_found(home, "egrets")


def test_prune_removes_only_the_gone_files_under_the_paths_given(run, corpus, tmp_path):
    home = tmp_path / "home"
    run("index", str(corpus / "a"), str(corpus / "b"))
    (corpus / "a" / "two.txt").unlink()
    (corpus / "b" / "three.txt").unlink()
    pruned = counts(run("index", "--prune", str(corpus / "a")))
    assert (pruned["removed"], pruned["unchanged"], pruned["failed"]) == (1, 1, 0)
    assert not ids_found(home, "heron")
    assert ids_found(home, "lighthouse"), "folder b was not named, so it is left alone"
    assert counts(run("index", "--prune", str(corpus / "b")))["removed"] == 1
    assert not ids_found(home, "lighthouse")
    assert in_step(home)[0] == in_step(home)[1]
    # Without --prune nothing is removed; with it, a folder that is gone is pruned whole.
    shutil.rmtree(corpus / "a")
    assert counts(run("index", str(corpus / "b")))["removed"] == 0
    result = run("index", "--prune", str(corpus / "a"))
    assert result.exit_code == 0, result.output
    assert counts(result)["removed"] == 1
    assert not ids_found(home, "turnips")


def test_prune_keeps_a_story_another_file_still_holds(run, corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copy(corpus / "a" / "one.txt", corpus / "b" / "copy-of-one.txt")
    run("index", str(corpus))
    (corpus / "a" / "one.txt").unlink()
    assert counts(run("index", "--prune", str(corpus)))["removed"] == 0
    assert ids_found(home, "turnips")


def test_prune_with_relative_paths(run, corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(corpus)
    run("index", ".")
    (corpus / "b" / "three.txt").unlink()
    assert counts(run("index", "--prune", "b"))["removed"] == 1
    assert counts(run("index", "--prune", "."))["removed"] == 0


def test_remove_by_document_id_and_a_later_index_brings_it_back(run, corpus, tmp_path):
    home = tmp_path / "home"
    run("index", str(corpus))
    (doc_id,) = ids_found(home, "heron")
    result = run("remove", doc_id)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 document removed (2 passages)"
    assert not ids_found(home, "heron")
    assert in_step(home)[0] == in_step(home)[1]
    again = counts(run("index", str(corpus)))
    assert (again["added"], again["unchanged"]) == (1, 2)
    assert ids_found(home, "heron") == {doc_id}


def test_remove_by_passage_id_file_and_folder(run, corpus, tmp_path):
    home = tmp_path / "home"
    run("index", str(corpus))
    (heron,) = ids_found(home, "heron")
    assert "1 document removed" in run("remove", f"{heron}.1").stdout
    assert "1 document removed" in run("remove", str(corpus / "b" / "three.txt")).stdout
    assert not ids_found(home, "lighthouse")
    assert "1 document removed" in run("remove", str(corpus / "a")).stdout
    assert in_step(home) == (0, 0)
    assert counts(run("index", str(corpus)))["added"] == 3


def test_remove_by_path_takes_every_story_of_a_table(run, tmp_path):
    home = tmp_path / "home"
    table = tmp_path / "wire.jsonl"
    rows = [{"title": f"Story {n}", "text": f"Paragraph about kestrels number {n}."} for n in "ab"]
    table.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    story(tmp_path / "other", "owl.txt", "Owls", "An owl and a kestrel.")
    run("index", str(table), str(tmp_path / "other"))
    assert len(ids_found(home, "kestrel")) == 3
    assert run("remove", str(table)).stdout.strip() == "2 documents removed (2 passages)"
    assert len(ids_found(home, "kestrel")) == 1


def test_remove_of_something_unknown_removes_nothing(run, corpus, tmp_path):
    home = tmp_path / "home"
    run("index", str(corpus))
    (heron,) = ids_found(home, "heron")
    result = run("remove", heron, "no-such-thing")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: no document id or indexed file or folder is 'no-such-thing'"
    )
    assert ids_found(home, "heron") == {heron}


def test_remove_of_a_missing_archive_is_one_clear_error(run, tmp_path):
    result = run("remove", "abc", home=tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no archive at")


def test_the_python_api_prunes_and_removes(corpus, tmp_path):
    with Archive.open(tmp_path / "api", create=True) as archive:
        assert archive.index([corpus]).added == 3
        (corpus / "b" / "three.txt").unlink()
        report = archive.index([corpus / "a"], prune=True)
        assert report.removed == 0
        assert archive.index([corpus], prune=True).removed == 1
        (hit,) = archive.search("heron").hits
        assert archive.remove([hit.doc_id]) == (1, 2)
        assert archive.remove([corpus / "a" / "one.txt"]) == (1, 1)
        with pytest.raises(ArchiveError):
            archive.remove(["nothing-here"])
        assert archive.engine.count() == archive.catalog.passage_count() == 0


def test_removing_a_stored_story_brings_back_a_copy_of_it(run, tmp_path):
    home = tmp_path / "home"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(seed, tmp_path / "a" / "story.txt")
    text = seed.read_text(encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text("Syndicated: " + text, "utf-8")  # a copy
    run("index", str(tmp_path / "a"), str(tmp_path / "b"))
    with Archive.open(home) as archive:
        assert archive.catalog.document_count() == 1
        assert archive.catalog.conn.execute("SELECT COUNT(*) FROM copies").fetchone()[0] == 1
    # The story stays: the copy's file is read again at once and stored in its place.
    assert "0 documents removed" in run("remove", str(tmp_path / "a")).stdout
    with Archive.open(home) as archive:
        (doc_id,) = [r[0] for r in archive.catalog.conn.execute("SELECT id FROM documents")]
        assert archive.catalog.document_paths(doc_id) == [str(tmp_path / "b" / "story.txt")]
        assert archive.catalog.copy_paths() == set()
        assert archive.search("Hammond").total > 0
    again = counts(run("index", str(tmp_path / "b")))
    assert again["added"] == 0 and again["unchanged"] == 1
    assert in_step(home)[0] == in_step(home)[1] > 0


def test_the_index_catches_up_in_batches_of_bounded_passages(tmp_path):
    from archive.model import Document, Passage

    days = [
        Document(kind="hansard", title=f"Day {d}", passages=tuple(
            Passage(f"speech {d} {n} about schools") for n in range(7)))
        for d in range(5)
    ]  # fmt: skip
    with Archive.open(tmp_path / "h", create=True) as archive:
        catalog = archive.catalog
        with catalog.transaction():
            for n, day in enumerate(days):
                catalog.add_document(f"doc{n}", day)
        sizes = []
        while (batch := catalog.unindexed_batch(passages=15))[0]:
            doc_ids, size = batch
            assert len(list(catalog.document_rows(doc_ids))) == size
            sizes.append(size)
            with catalog.transaction():
                catalog.mark_indexed(doc_ids)
        # Whole documents only; never more than the bound unless one document is bigger.
        assert sizes == [14, 14, 7]
