"""The archive as the web app reads it: read-only Archives in worker threads, in time.

Each worker thread keeps one Archive opened for reading (a search never
waits for a writer, and SQLite's WAL lets it read while `archive index`
writes in another process). Before each request the worker's Archive takes
in what other processes committed (Archive.refresh), so new documents appear
in the next search without a restart. A request that takes longer than
`timeout` is answered with TooSlow and its catalog query interrupted.
An export streams from an Archive of its own, so it can run for as long as
it takes without holding a worker.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from archive.api import Archive

WORKERS = 4
TIMEOUT = 10.0  # seconds a request may take
EXPORTS = 4  # exports streaming at once


class TooSlow(Exception):
    """The request took longer than the server allows."""


class Busy(Exception):
    """Too many exports are streaming already."""


class _Job:
    """One call on a worker's Archive; `interrupt` stops it only while it runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.archive: Archive | None = None
        self.finished = False

    def interrupt(self) -> None:
        with self.lock:
            if self.archive is not None and not self.finished:
                self.archive.interrupt()


class Readers:
    """Read-only Archives for the requests of one app."""

    def __init__(self, home: Path, workers: int = WORKERS, timeout: float = TIMEOUT):
        self.home = home
        self.workers = workers
        self.timeout = timeout
        self._local = threading.local()
        self._opened: list[Archive] = []
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._exports = threading.BoundedSemaphore(EXPORTS)

    def check(self) -> None:
        """Open the archive once now, so that a missing one is said at start-up."""
        Archive.open(self.home, read_only=True).close()

    def _archive(self) -> Archive:
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive.open(self.home, read_only=True)
            self._local.archive = archive
            with self._lock:
                self._opened.append(archive)
        return archive

    def _run(self, job: _Job, fn: Callable, args: tuple) -> tuple[Any, list[str]]:
        archive = self._archive()
        warnings: list[str] = []
        with job.lock:
            job.archive = archive
        try:
            archive.on_warning = warnings.append
            archive.refresh()
            return fn(archive, *args), warnings
        finally:
            with job.lock:
                job.finished = True
            archive.on_warning = None

    async def call(self, fn: Callable, *args) -> tuple[Any, list[str]]:
        """`fn(archive, *args)` in a worker: its result and the warnings it gave."""
        if self._executor is None:
            with self._lock:
                if self._executor is None:
                    self._executor = ThreadPoolExecutor(self.workers, "archive-reader")
        job = _Job()
        future = self._executor.submit(self._run, job, fn, args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()
            job.interrupt()
            raise TooSlow(
                f"this request took longer than {self.timeout:g} seconds and was stopped: "
                "narrow the search (fewer words, a speaker, dates) or use the export"
            ) from None

    async def stream(self, fn: Callable[[Archive], Iterator[str]]) -> AsyncIterator[str]:
        """The pieces of text `fn(archive)` yields, from an Archive of the stream's own.

        `fn` is called before this returns, so a bad query raises here, before a
        response has begun; the pieces are then read one at a time in a thread.
        """
        if not self._exports.acquire(blocking=False):
            raise Busy(f"{EXPORTS} exports are streaming already: try again when one ends")
        loop = asyncio.get_running_loop()
        archive = None
        try:
            archive = await loop.run_in_executor(
                None, partial(Archive.open, self.home, read_only=True)
            )
            archive.on_warning = _ignore
            pieces = await loop.run_in_executor(None, fn, archive)
        except BaseException:
            if archive is not None:
                archive.close()
            self._exports.release()
            raise
        return self._pieces(loop, archive, pieces)

    async def _pieces(self, loop, archive: Archive, pieces: Iterator[str]) -> AsyncIterator[str]:
        done = object()
        try:
            while True:
                piece = await loop.run_in_executor(None, next, pieces, done)
                if piece is done:
                    return
                yield piece
        finally:
            archive.close()
            self._exports.release()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        with self._lock:
            for archive in self._opened:
                archive.close()
            self._opened.clear()
        self._local = threading.local()


def _ignore(message: str) -> None:
    """An export's warnings: the page that links to it has shown them."""
