"""Files are named by their resolved absolute paths, however the user typed them,
and the copies of a story keep it alive and give it their facts."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from archive import Archive
from archive.indexing.paths import ABSOLUTE_PATHS

from conftest import SEEDS


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A project folder with the seeds in it, and another folder to work from."""
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(project)
    return project, elsewhere


def stored_paths(home: Path) -> set[str]:
    with Archive.open(home) as archive:
        return archive.catalog.known_paths()


def test_paths_are_stored_absolute_whatever_was_typed(run, tmp_path, folders):
    project, _ = folders
    home = tmp_path / "home"
    assert run("index", "seeds").exit_code == 0
    assert stored_paths(home) == {str(project / "seeds" / p.name) for p in SEEDS.glob("*.txt")}
    shown = run("show", next(iter(_doc_ids(home))))
    assert f"file: {project / 'seeds'}" in shown.stdout


def test_the_same_folder_by_a_relative_and_an_absolute_path_is_read_once(run, tmp_path, folders):
    project, _ = folders
    home = tmp_path / "home"
    run("index", "seeds")
    again = run("index", str(project / "seeds"), "./seeds/../seeds")
    assert again.exit_code == 0
    assert "0 documents added" in again.stdout and "repeats" not in again.stdout
    assert len(stored_paths(home)) == 5


@pytest.mark.parametrize(
    "spelling",
    ["absolute", "relative from elsewhere", "through a link", "folder, relative from elsewhere"],
)
def test_a_removal_matches_however_the_path_is_spelled(run, tmp_path, folders, spelling):
    project, elsewhere = folders
    home = tmp_path / "home"
    run("index", "seeds")
    name = "002_712e60f979fb5be4.txt"
    os.chdir(elsewhere)
    if spelling == "absolute":
        target = str(project / "seeds" / name)
    elif spelling == "relative from elsewhere":
        target = os.path.join("..", "project", "seeds", name)
    elif spelling == "through a link":
        (elsewhere / "link").symlink_to(project / "seeds")
        target = os.path.join("link", name)
    else:
        target = os.path.join("..", "project", "seeds")
    removed = run("remove", target)
    assert removed.exit_code == 0, removed.output
    left = 0 if spelling.startswith("folder") else 4
    assert len(_doc_ids(home)) == left


def _doc_ids(home: Path) -> list[str]:
    with Archive.open(home) as archive:
        return [r[0] for r in archive.catalog.conn.execute("SELECT id FROM documents")]


def _as_an_older_version_kept_them(home: Path, base: Path) -> None:
    """Store the catalog's paths relative to `base`, as archives made before did."""
    with Archive.open(home) as archive:
        catalog = archive.catalog
        with catalog.transaction():
            for path in catalog.known_paths():
                catalog.rename_path(path, os.path.relpath(path, base))
            catalog.delete_meta(ABSOLUTE_PATHS)


def test_an_older_archives_relative_paths_are_recorded_in_full_from_their_folder(
    run, tmp_path, folders
):
    project, elsewhere = folders
    home = tmp_path / "home"
    run("index", "seeds")
    _as_an_older_version_kept_them(home, project)
    assert all(not p.startswith("/") for p in stored_paths(home))
    # From another folder they are not found: said, with what to do, and kept as they are.
    os.chdir(elsewhere)
    wrote = run("index", str(elsewhere))
    assert "5 files were recorded by an older version" in wrote.stderr
    assert "run any `archive index` from that folder once" in wrote.stderr
    assert all(not p.startswith("/") for p in stored_paths(home))
    # From their folder, any write records them in full; nothing is read again.
    os.chdir(project)
    again = run("index", "seeds")
    assert "older version" not in again.stderr
    assert "0 documents added" in again.stdout and "5 unchanged" in again.stdout
    assert stored_paths(home) == {str(project / "seeds" / p.name) for p in SEEDS.glob("*.txt")}
    with Archive.open(home) as archive:
        assert archive.catalog.get_meta(ABSOLUTE_PATHS) == "1"


def _bare_copies(folder: Path) -> Path:
    """The seeds without their sidecars: no date, no source, no URL."""
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    return folder


def _hammond_in_december(home: Path) -> list[str]:
    with Archive.open(home) as archive:
        found = archive.search(
            "Daesh", speakers=["hammond"], since="2015-12-01", until="2015-12-31"
        )
        return [hit.passage_id for hit in found.hits]


def test_a_better_described_copy_gives_the_stored_story_its_facts(run, tmp_path):
    home = tmp_path / "home"
    bare = _bare_copies(tmp_path / "bare")
    run("index", str(bare))
    assert _hammond_in_december(home) == []  # undated: the README's search finds nothing
    wrote = run("index", str(SEEDS))
    assert "4 better-described copies took a stored story's place" in wrote.stdout
    assert _hammond_in_december(home)  # dated, sourced, and "the Foreign Secretary" resolved
    with Archive.open(home) as archive:
        story = archive.show(next(d for d in _doc_ids(home) if "BBC" in _source(home, d)))
        assert story["date"] == "2015-12-16"
        assert [c["path"] for c in story["also_published"]] == [
            str(bare / "000_a25ad9b1949011fe.txt")
        ]
    # Read again, nothing changes.
    assert "0 documents added" in run("index", str(bare), str(SEEDS)).stdout


def _source(home: Path, doc_id: str) -> str:
    with Archive.open(home) as archive:
        return archive.catalog.facts(doc_id).source or ""


@pytest.mark.parametrize("first", ["bare", "described"])
def test_a_story_stays_while_any_indexed_file_holds_a_copy(run, tmp_path, first):
    home = tmp_path / "home"
    bare = _bare_copies(tmp_path / "bare")
    order = [str(bare), str(SEEDS)] if first == "bare" else [str(SEEDS), str(bare)]
    for folder in order:
        run("index", folder)
    removed = run("remove", order[0])
    assert removed.exit_code == 0, removed.output
    with Archive.open(home) as archive:
        assert archive.search("Russia strikes Syria").total > 0
        assert archive.catalog.document_count() == 5
        assert archive.check()["sound"]
    # The stored stories are now the other folder's, and nothing is left of the removed one.
    assert all(p.startswith(order[1]) for p in stored_paths(home))


def test_show_json_names_the_file(run, tmp_path):
    run("index", str(SEEDS))
    (doc_id, *_) = _doc_ids(tmp_path / "home")
    shown = json.loads(run("show", doc_id, "--format", "json").stdout)
    assert shown["paths"] and all(Path(p).is_absolute() for p in shown["paths"])
