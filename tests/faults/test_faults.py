"""Faults of the machine and of the archive's own files: one line, exit 1, never a
traceback, never a silent wrong answer (issue 17)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def archive(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARCHIVE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "archive", *args], capture_output=True, text=True,
        env=env, timeout=timeout, cwd=ROOT,
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def seeded(tmp_path) -> Path:
    home = tmp_path / "home"
    assert archive(home, "index", str(SEEDS)).returncode == 0
    return home


def test_a_home_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    one_line_error(archive(blocker / "home", "index", str(SEEDS)), "cannot make", str(blocker))


def test_a_catalog_that_is_not_a_database_is_one_line(seeded):
    (seeded / "catalog.sqlite").write_bytes(b"overwritten " * 1000)
    for args in (("search", "Syria"), ("index", str(SEEDS)), ("stats",)):
        one_line_error(archive(seeded, *args), "catalog is damaged", "catalog.sqlite")
    checked = archive(seeded, "check", "--format", "json")
    assert checked.returncode == 1 and json.loads(checked.stdout)["sound"] is False


@pytest.mark.parametrize("damage", ["deleted", "truncated", "older"])
def test_a_damaged_index_is_rebuilt_by_the_next_search_saying_so(seeded, tmp_path, damage):
    before = archive(seeded, "search", "Syria", "--format", "json").stdout
    assert json.loads(before)["total"] > 0
    index = seeded / "index" / "tantivy"
    if damage == "deleted":
        shutil.rmtree(seeded / "index")
    elif damage == "truncated":
        (index / "meta.json").write_text((index / "meta.json").read_text()[:50])
    else:
        (index / ".generation").write_text("1\n")
        meta = seeded / "catalog.sqlite"
        import sqlite3

        conn = sqlite3.connect(meta)
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'index_generation'")
        conn.commit()
        conn.close()
    checked = archive(seeded, "check")
    assert checked.returncode == 1 and "NOT sound" in checked.stdout
    searched = archive(seeded, "search", "Syria", "--format", "json")
    assert searched.returncode == 0 and "Traceback" not in searched.stderr
    assert "rebuilding it from the catalog" in searched.stderr
    assert searched.stdout == before  # the whole answer, never "No passages match."
    assert archive(seeded, "check").returncode == 0


def test_an_index_that_cannot_be_rebuilt_is_said_not_answered(seeded):
    shutil.rmtree(seeded / "index")
    (seeded / "catalog.sqlite").chmod(0o444)
    os.chmod(seeded, 0o555)
    try:
        if os.access(seeded, os.W_OK):
            pytest.skip("root writes whatever the mode: the read-only mount test covers it")
        one_line_error(archive(seeded, "search", "Syria"), "is missing", "reindex")
    finally:
        os.chmod(seeded, 0o755)


def test_check_is_sound_on_a_sound_archive_and_names_files_that_are_gone(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    home = tmp_path / "home"
    assert archive(home, "index", str(corpus)).returncode == 0
    sound = archive(home, "check", "--format", "json")
    assert sound.returncode == 0, sound.stdout
    assert json.loads(sound.stdout)["sound"] is True
    gone = sorted(corpus.glob("*.txt"))[0]
    gone.unlink()
    checked = archive(home, "check", "--format", "json")
    report = json.loads(checked.stdout)
    assert checked.returncode == 1 and report["files"]["gone"] == 1
    assert report["files"]["gone_paths"][0].endswith(gone.name)


def test_backup_is_a_catalog_the_index_can_be_rebuilt_from(seeded, tmp_path):
    before = archive(seeded, "search", "Syria", "--format", "json").stdout
    made = archive(seeded, "backup", str(tmp_path))
    assert made.returncode == 0 and "reindex" in made.stdout
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(tmp_path / "catalog.sqlite", restored / "catalog.sqlite")
    assert archive(restored, "reindex").returncode == 0
    assert archive(restored, "search", "Syria", "--format", "json").stdout == before
    own = archive(seeded, "backup", str(seeded / "catalog.sqlite"))
    assert own.returncode == 2 and "own catalog" in own.stderr


def test_show_echoes_what_was_typed(seeded):
    for typed in ("../../etc/passwd", "abc/../x"):
        one_line_error(archive(seeded, "show", typed), repr(typed))


def _mount(where: Path, size: str, *options: str) -> None:
    where.mkdir(parents=True, exist_ok=True)
    opts = ",".join((f"size={size}", *options))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)], capture_output=True, text=True
    )
    if done.returncode != 0:  # root in a container without the right to mount
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a small tmpfs needs root (CI runs as root)",
)


@needs_root
def test_a_read_only_archive_searches_and_says_why_it_cannot_be_written(tmp_path):
    place = tmp_path / "media"
    _mount(place, "50m")
    try:
        home = place / "home"
        assert archive(home, "index", str(SEEDS)).returncode == 0
        before = archive(home, "search", "Syria", "--format", "json").stdout
        subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
        searched = archive(home, "search", "Syria", "--format", "json")
        assert searched.returncode == 0, searched.stderr
        assert searched.stdout == before
        wrote = archive(home, "index", str(SEEDS))
        one_line_error(wrote, "cannot be written", "searching it works")
        # An index gone from a read-only archive cannot be rebuilt: said, not answered.
        subprocess.run(["mount", "-o", "remount,rw", str(place)], check=True)
        shutil.rmtree(home / "index")
        subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
        one_line_error(archive(home, "search", "Syria"), "is missing", "archive reindex")
    finally:
        subprocess.run(["umount", str(place)], check=False)


def _distinct_stories(folder: Path, count: int = 300) -> None:
    """`count` stories of made-up words, none a copy of another: ~1.2 MB of text that
    makes a 3.3 MB catalog and a 1.3 MB tantivy index."""
    import random

    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(5000)]
    folder.mkdir()
    for n in range(count):
        said = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(8)]
        body = "\n\n".join(f'The minister said: "{words}."' for words in said)
        (folder / f"story-{n:03d}.txt").write_text(f"Story {n} about {words[n]}\n\n{body}\n")


@needs_root
@pytest.mark.parametrize(
    ("size", "runs_out"), [("2m", "catalog.sqlite"), ("5m", "catalog.sqlite"), ("8m", "index")]
)
def test_a_full_disk_is_one_line_and_a_rerun_converges(tmp_path, size, runs_out):
    corpus = tmp_path / "corpus"
    _distinct_stories(corpus)
    clean = tmp_path / "clean"
    assert archive(clean, "index", str(corpus)).returncode == 0
    place = tmp_path / "small"
    _mount(place, size)
    try:
        home = place / "home"
        full = archive(home, "index", str(corpus))
        one_line_error(full, "disk is full", "run the same command again", runs_out)
        subprocess.run(["mount", "-o", "remount,size=200m", str(place)], check=True)
        assert archive(home, "index", str(corpus)).returncode == 0
        for query in ("minister", "story", '"the minister said"'):
            ids = [archive(h, "search", query, "--format", "json").stdout for h in (clean, home)]
            assert json.loads(ids[0])["hits"] == json.loads(ids[1])["hits"]
        stats = [json.loads(archive(h, "stats", "--format", "json").stdout) for h in (clean, home)]
        for key in ("documents", "passages"):
            assert stats[0][key] == stats[1][key]
        assert archive(home, "check").returncode == 0
    finally:
        subprocess.run(["umount", str(place)], check=False)


def test_ctrl_c_stops_within_seconds_says_what_was_kept_and_a_rerun_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    filler = " ".join(f"word{n}" for n in range(2000))
    for n in range(360):  # ~9 MB: enough for the reading worker
        story = f'Story {n}\n\nThe minister said: "{filler}."\n\n' * 2
        (corpus / f"story-{n:03d}.txt").write_text(story * 2)
    # What this process passes on to a child: a Ctrl-C ignored or blocked here (left so by
    # something earlier in the suite) is ignored or blocked in the command too, which
    # then runs to its end. The command is started as a shell starts it: Ctrl-C
    # unblocked and handled by Python's default.
    inherited = (signal.getsignal(signal.SIGINT), signal.pthread_sigmask(signal.SIG_BLOCK, []))
    as_from_a_shell = (
        "import runpy, signal, sys;"
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT});"
        "signal.signal(signal.SIGINT, signal.default_int_handler);"
        "sys.argv = ['archive', *sys.argv[1:]];"
        "runpy.run_module('archive', run_name='__main__', alter_sys=True)"
    )
    outcomes = []  # (delay, exit status, seconds to stop): shown if the test fails
    stopped: list[Path] = []  # the homes of the runs that Ctrl-C stopped
    for delay in (0.5, 0.8, 1.2, 1.6, 2.4, 3.5):  # the worker starting, reading, storing
        # A home of its own for each moment: each run has the whole corpus to do.
        home = tmp_path / f"home-{delay}"
        env = {**os.environ, "ARCHIVE_HOME": str(home)}
        process = subprocess.Popen(
            [sys.executable, "-c", as_from_a_shell, "index", str(corpus)], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        sent = time.monotonic()
        try:
            _out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"still running 20 s after Ctrl-C (sent after {delay} s); {outcomes}; "
                        f"inherited {inherited}")  # fmt: skip
        outcomes.append((delay, process.returncode, round(time.monotonic() - sent, 2)))
        assert "Traceback" not in err, err
        if process.returncode == 130:
            stopped.append(home)
            assert err.strip().splitlines()[-1].startswith("interrupted:"), err
            # Before the run began, nothing changed; after, what was kept and what to do.
            assert "run the same command again" in err or "nothing was changed" in err, err
        else:
            assert process.returncode == 0, err  # it had finished already
    assert len(stopped) >= 2, (outcomes, inherited)  # it stopped runs, not only watched them
    for home in dict.fromkeys((stopped[0], stopped[-1])):  # a rerun finishes the job
        rerun = archive(home, "index", str(corpus))
        assert rerun.returncode == 0, rerun.stderr
        assert archive(home, "check").returncode == 0
