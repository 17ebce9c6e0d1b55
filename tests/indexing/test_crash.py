"""Killing `archive index` at random moments never costs the archive anything.

Each trial runs `archive index CORPUS` in a subprocess (with batches of 100
documents, see SMALL_BATCHES) and sends
it SIGKILL after a seeded random delay spread over a clean run's duration.
Then the catalog passes SQLite's integrity check, `archive search` answers
(or says there is no archive yet) without a traceback, and a rerun, killed
again in some trials, converges to exactly the archive a clean build makes:
the same documents, passages, stats and top ten for every query, and an
index holding every catalog passage.

The corpus is generated from the seeds' words with a fixed random seed: a
few hundred plain-text stories with sidecars, two JSON Lines files of many
stories each (big transactions, and over a thousand documents so that the
index is written in more than one batch) and the seeds themselves.

The fast test (3 kills, a small corpus) runs with the suite; the full one
(24 kills per engine over about 3,500 passages, and 6 killed `reindex`
runs) with `python -m pytest -m slow tests/indexing/test_crash.py -s`.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive import Archive

from conftest import ENGINES, SEEDS

SPEAKERS = ["Philip Hammond", "David Cameron", "Jeremy Corbyn", "Hilary Benn", "Michael Fallon"]
SOURCES = ["Test Wire", "Daily Sample", "Evening Fixture"]


def seed_words() -> list[str]:
    """The seeds' words in order, repeated as often as they occur (a Zipf-like sample)."""
    words = []
    for path in sorted(SEEDS.glob("*.txt")):
        words += re.findall(r"[A-Za-z][a-z]{2,}", path.read_text(encoding="utf-8"))
    return words


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(6, 16))]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng: random.Random, words: list[str]) -> str:
    text = " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 4)))
    if rng.random() < 0.3:
        text = f'"{text[:-1]}," said {rng.choice(SPEAKERS)}.'
    return text


def _day(rng: random.Random) -> str:
    return f"2015-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"


def make_corpus(root: Path, stories: int = 500, rows: int = 600, seed: int = 9) -> Path:
    """Write the generated corpus under `root` and return it (the same for the same seed)."""
    rng = random.Random(seed)
    words = seed_words()
    root.mkdir(parents=True, exist_ok=True)
    for n in range(stories):
        folder = root / f"batch{n // 100}"
        folder.mkdir(exist_ok=True)
        title = _sentence(rng, words)[:-1]
        body = "\n\n".join(_paragraph(rng, words) for _ in range(rng.randint(2, 6)))
        (folder / f"story{n:04d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        if rng.random() < 0.7:
            meta = {"kind": "news", "source": rng.choice(SOURCES), "date": _day(rng)}
            (folder / f"story{n:04d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    for part in range(2):
        lines = []
        for _ in range(rows // 2):
            text = "\n\n".join(_paragraph(rng, words) for _ in range(rng.randint(1, 3)))
            row = {"title": _sentence(rng, words)[:-1], "date": _day(rng), "text": text}
            lines.append(json.dumps(row | {"source": rng.choice(SOURCES)}))
        (root / f"wire{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seeds = root / "seeds"
    seeds.mkdir(exist_ok=True)
    for path in SEEDS.iterdir():
        (seeds / path.name).write_bytes(path.read_bytes())
    return root


def queries_for(root: Path) -> list[tuple[str, dict]]:
    """About eight queries over the corpus's own frequent words, with filters and sorts."""
    counts = Counter(w.lower() for w in seed_words() if len(w) > 4)
    common = [w for w, _ in counts.most_common(60)]
    a, b, c, d, e, f = common[5], common[12], common[20], common[30], common[40], common[50]
    return [
        (a, {}),
        (f"{b} {c}", {}),
        (f"{d} OR {e}", {}),
        (f"{a} -{b}", {}),
        (f"{f[:4]}*", {}),
        (c, {"speakers": ["hammond"]}),
        (d, {"sort": "newest"}),
        ("", {"since": "2015-11", "sources": ["Test Wire"]}),
    ]


# `archive` with batches of 100 documents, so that a run writes the index in
# many batches (in a thread, with tantivy) while it reads the files, and with
# a worker process reading however little there is to read (archive.reading):
# kills then land while a batch is in flight and while the worker reads.
SMALL_BATCHES = (
    "import sys, archive.indexing.catchup, archive.indexing.reading; "
    "archive.indexing.catchup.BATCH_DOCUMENTS = 100; "
    "archive.indexing.reading.POOL_MIN_BYTES = 0; "
    "from archive.cli import main; sys.argv[0] = 'archive'; main()"
)


def archive_cmd(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", SMALL_BATCHES, "--home", str(home), *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("ARCHIVE_HOME", None)
    env.pop("ARCHIVE_ENGINE", None)
    return env


def run_archive(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        archive_cmd(home, *args), capture_output=True, text=True, timeout=timeout, env=_env()
    )


def kill_after(home: Path, delay: float, *args: str) -> bool:
    """Start `archive ARGS` and SIGKILL it after `delay` seconds; False if it ended first."""
    proc = subprocess.Popen(
        archive_cmd(home, *args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        helpers = _children(proc.pid)  # the reading worker and multiprocessing's tracker
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        _assert_gone(helpers)
        return True
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode == 0, stderr
    return False


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (no procps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _assert_gone(pids: list[int], within: float = 5.0) -> None:
    """A killed run leaves no process of its own behind (exited, if not yet reaped)."""
    deadline = time.monotonic() + within
    for pid in pids:
        while time.monotonic() < deadline:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                break  # gone
            if state in ("Z", "X"):
                break  # exited, waiting to be reaped by whoever adopted it
            time.sleep(0.1)
        else:
            raise AssertionError(f"process {pid} outlived the killed run")


def state_of(home: Path, queries) -> dict:
    """Everything a clean build and a repaired one must agree on."""
    with Archive.open(home) as archive:
        assert archive.catalog.integrity_problems() == []  # foreign keys included
        conn = archive.catalog.conn
        stats = archive.stats()
        return {
            "stats": stats,
            "documents": sorted(r[0] for r in conn.execute("SELECT id FROM documents")),
            "passages": sorted(r[0] for r in conn.execute("SELECT id FROM passages")),
            "copies": sorted(conn.execute("SELECT doc_id, copy_id, path FROM copies")),
            "files": sorted(r[0] for r in conn.execute("SELECT path FROM source_files")),
            "unindexed": conn.execute(
                "SELECT COUNT(*) FROM passages WHERE in_index = 0"
            ).fetchone()[0],
            "top": [
                [(h.passage_id, round(h.score or 0, 4)) for h in archive.search(q, **kw).hits]
                for q, kw in queries
            ],
        }


def check_after_kill(home: Path, word: str) -> str:
    """The catalog is sound and searching works, whatever moment the kill came at.

    Returns where the run was killed, as far as the catalog tells.
    """
    catalog = home / "catalog.sqlite"
    moment = "starting"
    if catalog.exists():
        conn = sqlite3.connect(catalog)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            moment = _moment(conn)
        finally:
            conn.close()
    found = run_archive(home, "search", word, "--limit", "3")
    assert found.returncode in (0, 1), found.stderr
    assert "Traceback" not in found.stderr, found.stderr
    if found.returncode == 1:
        assert found.stderr.count("\n") == 1, found.stderr  # one clear line
    return moment


def _moment(conn: sqlite3.Connection) -> str:
    def one(sql: str):
        return conn.execute(sql).fetchone()[0]

    if not one("SELECT COUNT(*) FROM sqlite_master WHERE name = 'passages'"):
        return "creating the catalog"
    if one("SELECT COUNT(*) FROM meta WHERE key = 'index_in_flight'"):
        return "writing an index batch"
    if not one("SELECT COUNT(*) FROM passages WHERE in_index = 1"):
        return "reading files"
    if one("SELECT COUNT(*) FROM passages WHERE in_index = 0"):
        return "between index batches"
    return "after the last batch"


@dataclass
class Build:
    corpus: Path
    queries: list
    state: dict
    seconds: float  # a whole run
    writing: float  # writing the whole index, the run's last stretch


def clean_build(tmp: Path, engine: str, **sizes) -> Build:
    corpus = make_corpus(tmp / "corpus", **sizes)
    home = tmp / f"clean-{engine}"
    start = time.monotonic()
    result = run_archive(home, "--engine", engine, "index", str(corpus))
    seconds = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    start = time.monotonic()
    assert run_archive(home, "reindex").returncode == 0
    writing = time.monotonic() - start
    queries = queries_for(corpus)
    state = state_of(home, queries)
    assert all(state["top"]), "every query finds something in the clean build"
    assert state["stats"]["indexed"] == state["stats"]["passages"]
    return Build(corpus, queries, state, seconds, writing)


def crash_trials(tmp: Path, build: Build, engine: str, kills: int, seed: int) -> Counter:
    """Kill runs until `kills` runs were killed; returns how many kills came at each moment.

    Half the kills are spread over a whole run, from start-up to the last
    commit; half are aimed at its last stretch, where the index is written.
    """
    rng = random.Random(seed)
    moments: Counter = Counter()
    trial = 0
    while moments.total() < kills:
        assert trial < 3 * kills, f"runs kept ending before the kill: {dict(moments)}"
        home = tmp / f"trial-{engine}-{trial}"
        args = ("--engine", engine, "index", str(build.corpus))
        for _ in range(2 if rng.random() < 0.3 else 1):  # sometimes the repair is killed too
            if rng.random() < 0.5:
                delay = rng.uniform(0.02, 0.95) * build.seconds
            else:
                delay = build.seconds - rng.uniform(0.0, 1.5) * build.writing
            if kill_after(home, max(delay, 0.01), *args):
                moments[check_after_kill(home, build.queries[0][0])] += 1
        rerun = run_archive(home, *args)
        assert rerun.returncode == 0, rerun.stderr
        assert "Traceback" not in rerun.stderr
        state = state_of(home, build.queries)
        assert state == build.state, f"trial {trial} did not converge"
        assert state["stats"]["indexed"] == state["stats"]["passages"]
        trial += 1
    print(f"{engine}: {trial} trials, {moments.total()} kills, by moment: {dict(moments)}")
    return moments


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> Build:
    return clean_build(tmp_path_factory.mktemp("crash-small"), "tantivy", stories=60, rows=60)


def test_a_killed_index_run_is_repaired_by_the_next(small_build, tmp_path):
    moments = crash_trials(tmp_path, small_build, "tantivy", kills=3, seed=1)
    assert moments.total() >= 3


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_twenty_four_killed_runs_all_converge_to_a_clean_build(engine, tmp_path, request):
    if "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("slow: run with python -m pytest -m slow tests/indexing/test_crash.py")
    build = clean_build(tmp_path, engine)
    assert build.state["stats"]["passages"] >= 2000
    moments = crash_trials(tmp_path, build, engine, kills=24, seed=20)
    assert moments.total() >= 24


@pytest.mark.slow
def test_a_killed_reindex_is_finished_by_the_next_index_run(tmp_path, request):
    if "slow" not in (request.config.option.markexpr or ""):
        pytest.skip("slow: run with python -m pytest -m slow tests/indexing/test_crash.py")
    build = clean_build(tmp_path, "tantivy")
    rng = random.Random(7)
    for trial in range(6):
        home = tmp_path / f"reindex-{trial}"
        assert run_archive(home, "index", str(build.corpus)).returncode == 0
        start = time.monotonic()
        assert run_archive(home, "reindex").returncode == 0
        seconds = time.monotonic() - start
        kill_after(home, rng.uniform(0.1, 1.0) * seconds, "reindex")
        check_after_kill(home, build.queries[0][0])
        rerun = run_archive(home, "index", str(build.corpus))
        assert rerun.returncode == 0, rerun.stderr
        assert state_of(home, build.queries) == build.state


# -- each repair, made to happen on purpose -------------------------------------


class Killed(BaseException):
    """Stands for SIGKILL inside the process: nothing after it runs."""


def _die(*args, **kwargs):
    raise Killed


def _indexed_state(home: Path) -> tuple[int, int, int]:
    with Archive.open(home) as archive:
        unindexed = archive.catalog.conn.execute(
            "SELECT COUNT(*) FROM passages WHERE in_index = 0"
        ).fetchone()[0]
        return archive.engine.count(), archive.catalog.passage_count(), unindexed


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "where, rewritten",
    [
        ("archive.indexing.catchup.Catalog.set_meta", True),  # before the batch reaches the engine
        ("archive.indexing.catchup._write_stamp", False),  # the engine committed, nothing else
        ("archive.store.catalog.Catalog.mark_indexed", False),  # the catalog did not record it
    ],
)
def test_a_batch_cut_short_is_finished_without_writing_twice(
    tmp_path, monkeypatch, engine, where, rewritten
):
    home = tmp_path / "home"
    with monkeypatch.context() as patch, Archive.open(home, create=True, engine=engine) as archive:
        if where == "archive.indexing.catchup.Catalog.set_meta":
            # Die on the note that a batch is about to be written.
            from archive.store.catalog import Catalog

            real = Catalog.set_meta

            def set_meta(self, key, value):
                if key == "index_in_flight":
                    raise Killed
                real(self, key, value)

            patch.setattr(Catalog, "set_meta", set_meta)
        else:
            patch.setattr(where, _die)
        with pytest.raises(Killed):
            archive.index([SEEDS])
    indexed, stored, unindexed = _indexed_state(home)
    assert unindexed == stored
    assert indexed == (0 if rewritten else stored)
    with Archive.open(home) as archive:
        written = archive.sync()
        assert written == (stored if rewritten else 0)
        assert archive.engine.count() == archive.catalog.passage_count() == stored
        assert archive.search("Hammond").total > 0
    assert _indexed_state(home)[2] == 0


def test_a_deleted_index_is_rebuilt_by_the_next_search_saying_so(run, tmp_path):
    import shutil

    home = tmp_path / "home"
    assert run("index", str(SEEDS), home=home).exit_code == 0
    before = run("search", "Hammond", "--format", "json", home=home).stdout
    shutil.rmtree(home / "index")
    searched = run("search", "Hammond", "--format", "json", home=home)
    assert searched.exit_code == 0
    assert "is missing" in searched.stderr and "rebuilding it" in searched.stderr
    assert searched.stdout == before  # the whole answer, not a partial one
    again = run("index", str(SEEDS), home=home)
    assert again.exit_code == 0
    assert "5 unchanged" in again.stdout
    assert run("search", "Hammond", "--format", "json", home=home).stdout == before
    indexed, stored, _ = _indexed_state(home)
    assert indexed == stored


def test_an_index_of_another_schema_is_rebuilt_by_the_next_search(run, tmp_path, caplog):
    """An archive made by an older version: its index lacks fields this one has."""
    import shutil

    import tantivy

    home = tmp_path / "home"
    assert run("--engine", "tantivy", "index", str(SEEDS), home=home).exit_code == 0
    before = run("search", "Hammond", "--format", "json", home=home).stdout
    folder = home / "index" / "tantivy"
    shutil.rmtree(folder)
    folder.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True)
    tantivy.Index(builder.build(), path=str(folder))
    searched = run("search", "Hammond", "--format", "json", home=home)
    assert searched.exit_code == 0
    assert "is damaged" in searched.stderr and "rebuilding it" in searched.stderr
    assert searched.stdout == before
    assert run("index", str(SEEDS), home=home).exit_code == 0
    assert run("search", "Hammond", "--format", "json", home=home).stdout == before


def test_an_index_older_than_the_catalog_is_rebuilt(run, tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:2]:
        (corpus / "a" / path.name).write_bytes(path.read_bytes())
    for path in seeds[2:]:
        (corpus / "b" / path.name).write_bytes(path.read_bytes())
    home = tmp_path / "home"
    assert run("index", str(corpus / "a"), home=home).exit_code == 0
    shutil.copytree(home / "index", tmp_path / "backup")
    assert run("index", str(corpus / "b"), home=home).exit_code == 0
    shutil.rmtree(home / "index")
    shutil.copytree(tmp_path / "backup", home / "index")  # an old index put back
    assert _indexed_state(home)[0] < _indexed_state(home)[1]
    assert run("index", str(corpus), home=home).exit_code == 0
    indexed, stored, unindexed = _indexed_state(home)
    assert indexed == stored and unindexed == 0


def test_an_index_missing_passages_is_noticed_after_a_sync(tmp_path, caplog):
    home = tmp_path / "home"
    with Archive.open(home, create=True) as archive:
        archive.index([SEEDS])
        stored = archive.catalog.passage_count()
        # The index loses a document behind the catalog's back.
        doc_id = archive.catalog.conn.execute("SELECT id FROM documents LIMIT 1").fetchone()[0]
        archive.engine.write([], [doc_id])
        assert archive.engine.count() < stored
        archive.sync()
        assert archive.engine.count() == stored
    assert "rebuilding" in caplog.text


def test_a_catalog_whose_making_was_cut_short_is_no_archive_yet(run, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    sqlite3.connect(home / "catalog.sqlite").close()  # the file, but none of its tables
    searched = run("search", "Hammond", home=home)
    assert searched.exit_code == 1
    assert searched.stderr.startswith("Error: no archive at")
    made = run("index", str(SEEDS), home=home)
    assert made.exit_code == 0, made.output
    assert run("search", "Hammond", home=home).exit_code == 0
