"""The index catches up with the catalog while a run reads files (archive.catchup).

An index run writes a batch as soon as it has read one; with tantivy the
batch is written and committed in a thread while the run reads on. These
tests make batches of two documents, so a run of a dozen files writes many,
and check what a user relies on: the same archive as one written at the end,
the same batches whatever the timing, and nothing left half-done or running
when a run stops early.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import archive.indexing.catchup as catchup
from archive import Archive
from archive.errors import ArchiveError

STORIES = 12
WORDS = ["minister", "budget", "housing", "schools", "river", "election", "council", "strike"]


def write_stories(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for n in range(STORIES):
        words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(5))
        body = f"Story {n} is about {words}.\n\nIts second paragraph repeats {WORDS[n % 8]}."
        (folder / f"story{n:02d}.txt").write_text(f"Headline {n}\n\n{body}\n", encoding="utf-8")
    return folder


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two documents; records every batch launched and the thread it went to."""
    monkeypatch.setattr(catchup, "BATCH_DOCUMENTS", 2)
    launched: list[tuple[list[str], bool]] = []
    real_start = catchup.Flight.start

    def start(flight):
        real_start(flight)
        launched.append((flight.doc_ids, flight.thread is not None))

    monkeypatch.setattr(catchup.Flight, "start", start)
    return launched


def _state(home: Path) -> tuple:
    with Archive.open(home) as archive:
        unindexed = archive.catalog.conn.execute(
            "SELECT COUNT(*) FROM passages WHERE in_index = 0"
        ).fetchone()[0]
        # Read before searching: a search first catches up an index left behind.
        state = (
            archive.engine.count(),
            archive.catalog.passage_count(),
            unindexed,
            archive.catalog.get_meta(catchup.IN_FLIGHT),
        )
        found = archive.search("housing", limit=50)
        return (*state, sorted(h.passage_id for h in found.hits))


def test_a_run_writes_batches_as_it_reads_and_ends_as_one_written_at_the_end(
    tmp_path, engine, small_batches
):
    corpus = write_stories(tmp_path / "corpus")
    with Archive.open(tmp_path / "batched", create=True, engine=engine) as archive:
        report = archive.index([corpus])
    assert report.added == STORIES
    # A batch went out every two documents read, the last one at the end of the run.
    assert len(small_batches) == STORIES // 2
    assert all(len(doc_ids) == 2 for doc_ids, _ in small_batches)
    # In a thread of its own with tantivy, which indexes without Python's lock.
    assert {in_thread for _, in_thread in small_batches} == {engine == "tantivy"}
    assert not [t for t in threading.enumerate() if t.name == "archive-index-writer"]

    catchup.BATCH_DOCUMENTS = 1000  # one batch, written at the end
    with Archive.open(tmp_path / "whole", create=True, engine=engine) as archive:
        archive.index([corpus])
    batched, whole = _state(tmp_path / "batched"), _state(tmp_path / "whole")
    assert batched == whole
    indexed, stored, unindexed, in_flight, hits = batched
    assert indexed == stored == STORIES * 2 and unindexed == 0 and in_flight is None
    assert len(hits) == 10  # ten passages of the twelve stories say "housing"


def test_the_batches_are_the_same_whatever_the_timing(tmp_path, monkeypatch, small_batches):
    corpus = write_stories(tmp_path / "corpus")
    with Archive.open(tmp_path / "first", create=True) as archive:
        archive.index([corpus])
    # The second run's batches are slow to write: the run reads on meanwhile.
    real_write = catchup.Flight._write

    def slow_write(flight):
        time.sleep(0.05)
        real_write(flight)

    monkeypatch.setattr(catchup.Flight, "_write", slow_write)
    with Archive.open(tmp_path / "second", create=True) as archive:
        archive.index([corpus])
    half = len(small_batches) // 2
    assert [ids for ids, _ in small_batches[:half]] == [ids for ids, _ in small_batches[half:]]
    assert _state(tmp_path / "first") == _state(tmp_path / "second")


def test_a_run_stopped_while_a_batch_is_in_flight_waits_for_it_and_the_next_finishes(
    tmp_path, monkeypatch, engine, small_batches
):
    corpus = write_stories(tmp_path / "corpus")
    home = tmp_path / "home"
    real_write, flights = catchup.Flight._write, []
    stopped = threading.Event()

    def slow_write(flight):
        flights.append(flight)
        if len(flights) == 2 and flight.thread is not None:
            stopped.wait(5)  # the second batch is still being written when the run stops
        real_write(flight)

    monkeypatch.setattr(catchup.Flight, "_write", slow_write)
    import archive.indexing.run as indexer

    real_store, calls = indexer._store, []

    def store(*args):
        calls.append(1)
        if len(calls) == 5:  # reading the fifth file, with the second batch in flight
            stopped.set()
            raise Killed
        return real_store(*args)

    monkeypatch.setattr(indexer, "_store", store)
    with Archive.open(home, create=True, engine=engine) as archive, pytest.raises(Killed):
        archive.index([corpus])
    # The second batch's writing ended before the run let go of the lock, and the
    # catalog was not told: it is noted in flight, for the next writer to check.
    assert not [t for t in threading.enumerate() if t.name == "archive-index-writer"]
    indexed, stored, unindexed, in_flight, _ = _state(home)
    assert (indexed, stored, unindexed) == (8, 8, 4) and in_flight is not None

    monkeypatch.setattr(indexer, "_store", real_store)
    with Archive.open(home, engine=engine) as archive:
        report = archive.index([corpus])
    assert report.added == STORIES - 4
    indexed, stored, unindexed, in_flight, hits = _state(home)
    assert indexed == stored == STORIES * 2 and unindexed == 0 and in_flight is None
    assert len(hits) == 10


def test_a_batch_that_fails_in_its_thread_fails_the_run_and_the_next_writes_it(
    tmp_path, monkeypatch, small_batches
):
    corpus = write_stories(tmp_path / "corpus")
    home = tmp_path / "home"
    real_write, failures = catchup.Flight._write, []

    def failing(flight):
        if not failures:
            failures.append(flight.doc_ids)
            flight.error = OSError("disk full")
            return
        real_write(flight)

    monkeypatch.setattr(catchup.Flight, "_write", failing)
    with Archive.open(home, create=True) as archive, pytest.raises(ArchiveError, match="disk full"):
        archive.index([corpus])
    # The failure came out when the run went to launch the second batch: four
    # documents read, none in the index, the first batch still noted in flight.
    indexed, stored, unindexed, in_flight, _ = _state(home)
    assert (indexed, stored, unindexed) == (0, 8, 8) and in_flight is not None
    with Archive.open(home) as archive:
        assert archive.sync() == 8
    indexed, stored, unindexed, in_flight, hits = _state(home)
    assert (indexed, stored, unindexed) == (8, 8, 0) and in_flight is None
    assert len(hits) == 4  # the passages of the first four stories that say "housing"


def test_a_changed_file_leaves_the_index_with_the_next_batch_not_at_the_end(
    tmp_path, monkeypatch, small_batches
):
    corpus = write_stories(tmp_path / "corpus")
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.index([corpus])
    # The first story changes and six new ones come after it.
    (corpus / "story00.txt").write_text("Headline 0\n\nA rewritten story about ferries.\n")
    for n in range(STORIES, STORIES + 6):
        (corpus / f"story{n:02d}.txt").write_text(f"Headline {n}\n\nStory {n} on trams.\n")
    real, removed = catchup._remove_pending, []

    def remove_pending(archive):
        removed.append(len(archive.catalog.pending_removals()))
        real(archive)

    monkeypatch.setattr(catchup, "_remove_pending", remove_pending)
    with Archive.open(home) as archive:
        report = archive.index([corpus])
        assert (report.added, report.updated) == (6, 1)
        assert archive.search("housing").total == 9  # the old story 0 said it once
        assert archive.search("ferries").total == 1
    # The old story 0 left the index before the first batch of the run went out.
    assert removed[0] == 1 and sum(removed) == 1
