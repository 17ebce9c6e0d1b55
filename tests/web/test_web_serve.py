"""`archive serve` as a user starts and stops it, and an archive that changes under it."""

from __future__ import annotations

import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from archive.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]


def archive_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "archive", *args]


def start_serving(home: Path, log: Path, *options: str) -> tuple[subprocess.Popen, str]:
    with log.open("w") as errors:
        process = subprocess.Popen(
            archive_command("--home", str(home), "serve", "--port", "0", *options),
            stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True,
        )  # fmt: skip
    line = process.stdout.readline()
    found = re.search(r"http://[^ ]+/", line)
    if not found:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        pytest.fail(line + log.read_text())
    return process, found.group(0)


def stop(process: subprocess.Popen, sig: int = signal.SIGINT) -> int:
    try:
        os.killpg(process.pid, sig)
        return process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        return process.wait()
    finally:
        process.stdout.close()


def test_serve_prints_its_url_answers_and_stops_on_ctrl_c(web_home, tmp_path):
    process, url = start_serving(web_home, tmp_path / "err.txt")
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url + "api/stats", timeout=10) as response:
        assert b'"documents": 7' in response.read()
    started = time.monotonic()
    assert stop(process, signal.SIGINT) == 0
    assert time.monotonic() - started < 8
    errors = (tmp_path / "err.txt").read_text()
    assert errors.strip().endswith("stopped") and "Traceback" not in errors


def test_a_kept_alive_connection_is_not_held_back_by_nagle(web_home, tmp_path):
    """Regression: the listening socket lacked IPPROTO_TCP, so asyncio never set
    TCP_NODELAY and each answer on a kept-alive connection waited ~40 ms."""
    process, url = start_serving(web_home, tmp_path / "err.txt")
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        times = []
        for _ in range(12):
            started = time.perf_counter()
            connection.request("GET", "/api/openapi.json")
            connection.getresponse().read()
            times.append(time.perf_counter() - started)
        connection.close()
        assert statistics.median(times[2:]) < 0.030
    finally:
        stop(process)


def test_serving_to_the_network_warns(web_home, tmp_path):
    process, url = start_serving(web_home, tmp_path / "err.txt", "--host", "0.0.0.0")
    port = url.rsplit(":", 1)[1].strip("/")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=10) as response:
        assert response.status == 200
    stop(process)
    errors = (tmp_path / "err.txt").read_text()
    assert "warning: listening on 0.0.0.0: anyone who can reach this machine" in errors


def test_serving_no_archive_says_so(tmp_path):
    done = subprocess.run(
        archive_command("--home", str(tmp_path / "none"), "serve", "--port", "0"),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no archive at" in done.stderr and "Traceback" not in done.stderr


def _story(folder: Path, n: int, word: str) -> None:
    (folder / f"story{n:04}.txt").write_text(
        f"Story {n} about {word}\n\nThe {word} number {n} was seen in the harbour on a Tuesday. "
        f"Witnesses said the {word} had been there since morning, story {n}.\n"
    )


def test_documents_indexed_meanwhile_appear_and_searches_keep_working(tmp_path):
    home = tmp_path / "home"
    subprocess.run(archive_command("--home", str(home), "index", str(ROOT / "seeds")),
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    news = tmp_path / "news"
    news.mkdir()
    for n in range(300):
        _story(news, n, "quokka")
    with TestClient(create_app(home)) as client:
        assert client.get("/api/search", params={"q": "quokka"}).json()["total"] == 0
        run = subprocess.Popen(
            archive_command("--home", str(home), "index", str(news)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        statuses, seen = [], set()
        deadline = time.monotonic() + 120
        while run.poll() is None and time.monotonic() < deadline:
            response = client.get("/api/search", params={"q": "quokka", "limit": 0})
            statuses.append(response.status_code)
            seen.add(response.json().get("total"))
            time.sleep(0.02)
        assert run.wait(timeout=60) == 0
        assert statuses and set(statuses) == {200}
        body = client.get("/api/search", params={"q": "quokka", "limit": 0}).json()
        assert body["total"] == 300  # a passage a story
        assert client.get("/search", params={"q": "quokka"}).status_code == 200

        subprocess.run(archive_command("--home", str(home), "reindex"),
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        assert client.get("/api/search", params={"q": "quokka", "limit": 0}).json() == body
