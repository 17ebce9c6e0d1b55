"""xapian-tcpsrv servers for the tests: one writable shard each, on 127.0.0.1 and free ports.

Each server runs in its own process group (start_new_session), so stopping
it stops nothing else; `servers` stops them all at the end of its block.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TCPSRV = shutil.which("xapian-tcpsrv")


def skip_without_xapian() -> None:
    """Skip (with the reason) where the bindings or the server are not installed."""
    pytest.importorskip(
        "xapian", reason="the xapian bindings are not installed: pip install '.[xapian]'"
    )
    if TCPSRV is None:
        pytest.skip("xapian-tcpsrv is not installed (apt-get install xapian-tools)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ShardServer:
    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [TCPSRV, "--writable", "--interface", "127.0.0.1", "--port", str(self.port),
             str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"xapian-tcpsrv on port {self.port} exited")
            time.sleep(0.02)
        raise RuntimeError(f"xapian-tcpsrv on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # The server forks a child per connection: end its whole group.
            with contextlib.suppress(ProcessLookupError):
                import os

                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def servers(folder: Path, count: int) -> Iterator[list[ShardServer]]:
    started = [ShardServer(folder / f"shard{n}") for n in range(count)]
    try:
        for server in started:
            server.start()
        yield started
    finally:
        for server in started:
            server.stop()


def addresses(started: list[ShardServer]) -> str:
    return ",".join(server.address for server in started)
