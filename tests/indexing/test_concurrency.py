"""Searches go on while an index run writes; a second writer waits, then says who is writing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_crash import archive_cmd, make_corpus, run_archive

from archive import Archive
from archive.errors import ArchiveError, ArchiveLocked
from archive.indexing.lock import LOCK_FILE, WriterLock

from conftest import SEEDS

LOCKED = (
    r"Error: another `archive {operation}` \(pid {pid}, started (\d{{4}}-\d\d-\d\d )?"
    r"\d\d:\d\d:\d\d\) is writing to this archive; try again later or pass --wait SECONDS"
)


@contextmanager
def index_running(home: Path, *paths: Path) -> Iterator[subprocess.Popen]:
    """`archive index PATHS` in the background, once it holds the writer lock."""
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_HOME"}
    proc = subprocess.Popen(
        archive_cmd(home, "index", *map(str, paths)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        lock = home / LOCK_FILE
        deadline = time.monotonic() + 60
        while f'"pid": {proc.pid}' not in (lock.read_text() if lock.exists() else ""):
            assert proc.poll() is None and time.monotonic() < deadline, "no lock taken"
            time.sleep(0.01)
        yield proc
    finally:
        try:
            proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


def finish(proc: subprocess.Popen) -> str:
    """Wait for `proc` to end well; its stderr."""
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough stories for an index run of about two seconds (measured after the
    indexing speed-ups; the searches test wants 20 answers during the run)."""
    return make_corpus(tmp_path_factory.mktemp("busy") / "corpus", stories=100, rows=2000)


@pytest.fixture(scope="module")
def little(tmp_path_factory) -> Path:
    """Two short stories: quick to index."""
    root = tmp_path_factory.mktemp("little")
    (root / "a.txt").write_text("Hammond on Syria\n\nHammond spoke of Syria.\n", "utf-8")
    (root / "b.txt").write_text("Benn on Syria\n\nBenn spoke of Syria too.\n", "utf-8")
    return root


def make_archive(home: Path, *paths: Path) -> Path:
    with Archive.open(home, create=True) as archive:
        archive.index(paths)
    return home


def test_searches_during_an_index_run_see_each_committed_state(corpus, tmp_path):
    home = make_archive(tmp_path / "home", SEEDS)
    totals, answers, cli_runs = [], 0, 0
    with index_running(home, corpus) as proc:
        while proc.poll() is None:
            # In this process: open, search, close, as a search command does, many times.
            with Archive.open(home) as archive:
                result = archive.search("the", limit=5)
                totals.append(result.total)
                answers += 1
                assert all(hit.text for hit in result.hits)  # each hit is in the catalog
            if answers % 20 == 0:
                found = run_archive(home, "search", "said", "--format", "json", "--limit", "3")
                assert found.returncode == 0, found.stderr
                json.loads(found.stdout)
                cli_runs += 1
            time.sleep(0.02)  # leave the writer some of the machine
        finish(proc)
    assert answers >= 20 and cli_runs >= 1
    assert totals == sorted(totals), "an index run only adds: totals never go down"
    with Archive.open(home) as archive:
        final = archive.search("the", limit=5).total
        assert archive.engine.count() == archive.catalog.passage_count()
    assert totals[0] < final and totals[-1] <= final


def test_a_second_index_run_waits_then_names_the_first(corpus, little, tmp_path):
    home = tmp_path / "home"
    with index_running(home, corpus) as first:
        # Paused, the first run holds the lock however quickly it would have finished.
        first.send_signal(signal.SIGSTOP)
        started = time.monotonic()
        try:
            second = run_archive(home, "index", str(little), "--wait", "0.5")
        finally:
            first.send_signal(signal.SIGCONT)
        waited = time.monotonic() - started
        assert second.returncode == 1, second.stdout
        assert second.stdout == ""
        expected = LOCKED.format(operation="index", pid=first.pid)
        assert re.fullmatch(expected, second.stderr.strip())
        assert waited >= 0.5
        first.kill()  # no need to wait for it
    again = run_archive(home, "index", str(little))
    assert again.returncode == 0, again.stderr  # free again


def test_a_writer_that_waits_long_enough_goes_ahead(little, tmp_path):
    home = make_archive(tmp_path / "home", little)
    lock = WriterLock(home, "reindex")
    lock.acquire(wait=0)
    timer = threading.Timer(1.0, lock.release)
    timer.start()
    started = time.monotonic()
    second = run_archive(home, "index", str(little), "--wait", "30")
    timer.join()
    assert second.returncode == 0, second.stderr
    assert 0.9 <= time.monotonic() - started < 30


def test_a_lock_left_by_a_killed_run_is_cleared(corpus, little, tmp_path):
    home = tmp_path / "home"
    with index_running(home, corpus) as first:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert f'"pid": {first.pid}' in (home / LOCK_FILE).read_text()  # the note is stale
    started = time.monotonic()
    again = run_archive(home, "index", str(little), "--wait", "0")
    assert again.returncode == 0, again.stderr
    assert time.monotonic() - started < 20
    assert (home / LOCK_FILE).read_text() == ""


@pytest.fixture
def held(little, tmp_path):
    """An archive whose writer lock another "process" (here: this one) holds."""
    home = make_archive(tmp_path / "home", little)
    lock = WriterLock(home, "index")
    lock.acquire(wait=0)
    yield home
    lock.release()


def test_every_command_that_writes_takes_the_lock(held, tmp_path):
    people = tmp_path / "people.xml"
    people.write_text(
        '<publicwhip><person id="uk.org.publicwhip/person/99999" latestname="Ann Example"/>'
        "</publicwhip>",
        encoding="utf-8",
    )
    doc_id = doc_of(held, "Hammond")
    commands = [
        ("index", str(SEEDS), "--prune"),
        ("remove", doc_id),
        ("reindex",),
        ("people", "import", str(people)),
    ]
    for command in commands:
        result = run_archive(held, *command, "--wait", "0.2")
        assert result.returncode == 1, (command, result.stderr)
        expected = LOCKED.format(operation="index", pid=os.getpid())
        assert re.fullmatch(expected, result.stderr.strip())
    with Archive.open(held) as archive:
        assert archive.show(doc_id)["doc_id"] == doc_id  # nothing was removed


def test_searches_never_wait_for_the_lock(held):
    started = time.monotonic()
    for command in (("search", "Hammond"), ("stats",), ("show", doc_of(held, "Hammond"))):
        result = run_archive(held, *command)
        assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 15


def doc_of(home: Path, query: str) -> str:
    with Archive.open(home) as archive:
        return archive.search(query).hits[0].doc_id


def test_the_python_api_raises_archive_locked(held, little):
    with Archive.open(held, wait=0.1) as archive:
        with pytest.raises(ArchiveLocked) as caught:
            archive.index([little])
        assert isinstance(caught.value, ArchiveError)
        assert caught.value.pid == os.getpid()
        assert caught.value.exit_code == 1
        assert archive.search("Hammond").total > 0


def test_writes_nest_under_one_lock(little, tmp_path):
    with Archive.open(tmp_path / "home", create=True, wait=0) as archive:
        archive.index([little])  # index syncs, which writes too: one lock, taken once
        assert archive.sync() == 0
        assert not (tmp_path / "home" / LOCK_FILE).read_text()


def test_a_holder_that_left_no_note_is_still_named_as_well_as_can_be(tmp_path):
    fcntl = pytest.importorskip("fcntl")

    (tmp_path / LOCK_FILE).write_text("not json")
    with open(tmp_path / LOCK_FILE) as held_file:
        fcntl.flock(held_file, fcntl.LOCK_EX)
        with pytest.raises(ArchiveLocked) as caught:
            WriterLock(tmp_path, "index").acquire(wait=0.05)
    assert str(caught.value) == (
        "another `archive index` is writing to this archive; try again later or pass --wait SECONDS"
    )
    assert caught.value.pid is None
    lock = WriterLock(tmp_path, "remove")
    lock.acquire(wait=0)  # the holder's file is closed: the lock is free
    note = json.loads((tmp_path / LOCK_FILE).read_text())
    assert note["pid"] == os.getpid() and note["operation"] == "remove"
    lock.release()
