"""Files read by a worker process while the run stores the last ones (archive.reading).

The worker is used only when there is much to read, so these tests lower
POOL_MIN_BYTES to make it read a small mixed folder, and check what a user
relies on: the same archive and the same report lines as a run without it,
wrong options still stopping the run, and a worker that dies costing nothing.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
from pathlib import Path
from types import SimpleNamespace

import pytest

import archive.indexing.reading as reading
from archive import Archive
from archive.errors import UsageError
from archive.ingest import IngestOptions

from conftest import SEEDS

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="a worker process is used only with two cores or more"
)


def mixed_folder(root: Path) -> Path:
    """The seeds, a table with bad lines, an empty file, a binary file and an old day."""
    folder = root / "mixed"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    rows = [
        {"title": "Bridge opens", "date": "2015-12-02", "text": "The bridge opened today."},
        {"title": "Ferry sinks", "date": "2015-13-45", "text": "An impossible date."},
        {"title": "Tram returns", "date": "2016-01-04", "text": "The tram ran again."},
    ]
    lines = [json.dumps(row) for row in rows] + ["{not json"]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def readers_made(monkeypatch) -> list[bool]:
    """For each Reader a run makes from now on: whether it has a worker process."""
    made: list[bool] = []
    real_init = reading.Reader.__init__

    def init(self, *args):
        real_init(self, *args)
        made.append(self.executor is not None)

    monkeypatch.setattr(reading.Reader, "__init__", init)
    return made


def index(home: Path, folder: Path, worker: bool, monkeypatch, **options):
    monkeypatch.setattr(reading, "POOL_MIN_BYTES", 0 if worker else 10**12)
    used = readers_made(monkeypatch)
    errors, warnings = [], []
    with Archive.open(home, create=True) as archive:
        report = archive.index(
            [folder], on_error=lambda e: errors.append(str(e)), on_warning=warnings.append,
            worker=True, **options,
        )  # fmt: skip
        found = archive.search("bridge OR Hammond", limit=50)
        state = (
            archive.catalog.document_count(),
            archive.catalog.passage_count(),
            archive.engine.count(),
            [(h.passage_id, round(h.score or 0, 4)) for h in found.hits],
        )
    assert used == [worker]
    assert not multiprocessing.active_children()  # the worker is gone with the run
    return report, errors, warnings, state


def test_a_run_with_a_worker_stores_and_reports_what_a_run_without_one_does(tmp_path, monkeypatch):
    folder = mixed_folder(tmp_path)
    alone = index(tmp_path / "alone", folder, False, monkeypatch)
    helped = index(tmp_path / "helped", folder, True, monkeypatch)
    report, errors, warnings, state = helped
    assert (report.summary(), errors, warnings, state) == (
        alone[0].summary(), alone[1], alone[2], alone[3]
    )  # fmt: skip
    assert report.added == 7 and report.bad_records == 2 and len(report.failed) == 2
    assert [e.rsplit(": ", 1)[1] for e in errors] == ["empty file", "binary file (not text)"]
    assert [w.split(": ", 1)[1].split(":")[0] for w in warnings] == ["line 2", "line 4"]


def test_wrong_options_met_by_the_worker_stop_the_run(tmp_path, monkeypatch):
    folder = mixed_folder(tmp_path)
    with pytest.raises(UsageError, match="unknown field 'headline'"):
        index(tmp_path / "home", folder, True, monkeypatch, mapping={"headline": "title"})
    assert not multiprocessing.active_children()


def test_files_a_dead_worker_had_are_read_in_the_run_and_so_is_the_rest(tmp_path, caplog):
    files = []
    for n in range(8):
        path = tmp_path / f"story{n}.txt"
        path.write_text(f"Headline {n}\n\nThe council met on day {n} of the strike.\n")
        files.append(SimpleNamespace(path=path, key=str(path), data=path.read_bytes()))
    with reading.Reader(IngestOptions(), worker=True) as reader:
        check_a_dead_worker(reader, files, caplog)
    assert reader.executor is None


def check_a_dead_worker(reader, files, caplog):
    results = reader(files)
    first, parsed = next(results)  # the worker is running and has files in hand
    assert first is files[0]
    assert parsed.docs[0].title == "Headline 0"
    for process in list(reader.executor._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger="archive.index"):
        rest = list(results)
    assert [file.key for file, _ in rest] == [f.key for f in files[1:]]
    assert [parsed.docs[0].title for _, parsed in rest] == [f"Headline {n}" for n in range(1, 8)]
    assert caplog.messages == ["the reading worker process died; reading the rest in this process"]


def test_from_python_the_worker_is_asked_for_not_assumed(tmp_path, monkeypatch):
    # A script that starts processes must guard its top level; the CLI's does.
    monkeypatch.setattr(reading, "POOL_MIN_BYTES", 0)
    made = readers_made(monkeypatch)
    with Archive.open(tmp_path / "home", create=True) as archive:
        assert archive.index([SEEDS]).added == 5
    assert made == [False]


def test_the_encoding_named_for_the_run_reaches_the_worker(tmp_path, monkeypatch):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "pound.txt").write_bytes("Bread rises\n\nA loaf costs £2 now.\n".encode("cp1252"))
    report, errors, _, _ = index(tmp_path / "home", folder, True, monkeypatch, encoding="cp1252")
    assert (errors, report.added) == ([], 1)
