"""An index run's files read into Documents, by a worker process when there is much to read.

Reading a file (parsing it, then attributing quotes in news: archive.speakers) is Python and holds
the GIL, and so is storing what was read (catalog rows, copies, speakers).
With a second core, a worker process reads the next files while the run's
thread stores the last ones. The results come back in the files' order,
each with the warnings and notes it gave, so a run stores the same
documents in the same order, and reports the same lines, either way.

The CLI asks for the worker; from Python it is `Archive.index(worker=True)`,
since a script that starts processes must guard its top level. A run with
less than POOL_MIN_BYTES to read reads in its own process: starting the
worker would cost more than it saves. If the worker dies
(killed, out of memory), its files are read in process, and so is the rest.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.errors import IngestError, UsageError
from archive.ingest.base import IngestOptions, ignore
from archive.model import Document

if TYPE_CHECKING:
    from archive.indexing.copies import Body

log = logging.getLogger("archive.index")

# Less than this to read, and a worker process costs more than it saves
# (it starts in about half a second; the bench corpora read at ~2.5 MB/s).
POOL_MIN_BYTES = 8_000_000
# Files read ahead of the one being stored: enough to keep the worker busy,
# few enough that their documents stay a small part of memory.
AHEAD = 4


@dataclass
class Parsed:
    """What reading one file gave: its documents, or why it could not be read."""

    docs: list[Document] = field(default_factory=list)
    bodies: list[Body | None] = field(default_factory=list)  # each one's copies.body_of
    error: IngestError | UsageError | None = None  # UsageError: the run's options are wrong
    warnings: list[str] = field(default_factory=list)  # bad records skipped
    notes: list[str] = field(default_factory=list)


def parse(path: Path, key: str, data: bytes, options: IngestOptions) -> Parsed:
    """Read one file's bytes into Documents, their speakers read (archive.speakers),
    and their body fingerprints; `key` names it in a failure. The file's warnings
    and notes are kept in the result."""
    from archive.indexing.copies import body_of
    from archive.ingest import read_documents
    from archive.speakers.attribution import attribute_document

    parsed = Parsed()
    options = replace(options, warn=parsed.warnings.append, note=parsed.notes.append)
    try:
        docs = read_documents(path, data, options)
        parsed.docs = [attribute_document(doc) for doc in docs]
        parsed.bodies = [body_of(doc) for doc in parsed.docs]
    except (IngestError, UsageError) as exc:
        parsed.error = exc
    except Exception as exc:  # a bug must not stop the batch or show a traceback
        log.debug("reading %s failed", key, exc_info=True)
        parsed.error = IngestError(key, f"could not be read ({type(exc).__name__}: {exc})")
    return parsed


def _worker(run: int) -> None:
    """Set up the worker process: Ctrl-C is the run's to handle (it shuts the worker
    down), and the worker ends when the run's process is gone, killed or not."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by _held_ctrl_c

    def watch() -> None:
        while os.getppid() == run:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="archive-watch-run", daemon=True).start()


@contextlib.contextmanager
def _held_ctrl_c() -> Iterator[None]:
    """Ctrl-C held back while helper processes start: a process started meanwhile
    inherits the block, so a Ctrl-C to the terminal's whole process group cannot
    kill it half way through its start-up (a "Fatal Python error" on the screen);
    the worker ignores Ctrl-C once started (_worker). A Ctrl-C that came meanwhile
    reaches this process when the block ends."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class Reader:
    """Reads files for a run, in order, `AHEAD` of the one being stored when a worker helps.

    A file is anything with `path`, `key` and `data` (its bytes, or None
    when there is nothing to read: unchanged, or failed already). Use it in a
    `with` block: leaving it stops the worker, so that none outlives the run.
    """

    def __init__(self, options: IngestOptions, worker: bool):
        # The callbacks stay here: the file's warnings and notes come back in its Parsed.
        self.options = replace(options, warn=ignore, note=ignore)
        self.executor: Any = None
        if worker:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the run's process has tantivy's threads by then.
            context = multiprocessing.get_context("spawn")
            with _held_ctrl_c():
                self.executor = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_worker, initargs=(os.getpid(),)
                )
        self._started = False

    @staticmethod
    def worth_a_worker(paths: Iterable[Path]) -> bool:
        """Whether reading `paths` gains from a worker process: two cores and enough bytes."""
        if (os.cpu_count() or 1) < 2:
            return False
        total = 0
        for path in paths:
            try:
                total += os.path.getsize(path)
            except OSError:
                continue
            if total >= POOL_MIN_BYTES:
                return True
        return False

    def __call__(self, files: Iterable[Any]) -> Iterator[tuple[Any, Parsed | None]]:
        """Each file with what reading it gave (None if it had nothing to read), in order."""
        ahead: deque = deque()
        for file in files:
            ahead.append((file, self._submit(file)))
            if len(ahead) > AHEAD:
                yield self._result(*ahead.popleft())
        while ahead:
            yield self._result(*ahead.popleft())

    def _submit(self, file: Any) -> Any:
        if file.data is None or self.executor is None:
            return None
        from concurrent.futures.process import BrokenProcessPool

        try:
            if self._started:
                return self.executor.submit(parse, file.path, file.key, file.data, self.options)
            with _held_ctrl_c():  # the first submit starts the worker process
                self._started = True
                return self.executor.submit(parse, file.path, file.key, file.data, self.options)
        except BrokenProcessPool:
            self._lost()
            return None

    def _result(self, file: Any, future: Any) -> tuple[Any, Parsed | None]:
        if file.data is None:
            return file, None
        if future is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                return file, future.result()
            except BrokenProcessPool:
                self._lost()
            except Exception:  # the result did not come back whole: read it here
                log.debug("the worker's reading of %s failed", file.key, exc_info=True)
        return file, parse(file.path, file.key, file.data, self.options)

    def _lost(self) -> None:
        if self.executor is not None:
            log.warning("the reading worker process died; reading the rest in this process")
            self.close()

    def close(self, stop: bool = False) -> None:
        """Stop the worker: files not yet begun are dropped, the one it reads is finished.

        With `stop` (the run is ending on an error or Ctrl-C), the worker is
        killed instead: waiting for it could wait for ever on a pipe that a
        Ctrl-C left half written, and what it reads would be thrown away.
        """
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if not stop:
            executor.shutdown(wait=True, cancel_futures=True)
            return
        # ProcessPoolExecutor has no public way to end a worker at once, and its
        # threads can be left blocked on its pipes: the feeder writing a file's
        # bytes that nobody will read, the manager reading half a result. Killing
        # the worker and closing this process's own ends of those pipes lets both
        # threads end, so that nothing waits for them at exit.
        calls = getattr(executor, "_call_queue", None)
        if calls is not None:
            calls.cancel_join_thread()
        killed = list((getattr(executor, "_processes", None) or {}).values())
        for process in killed:
            process.kill()
        for process in killed:
            process.join(timeout=5)  # reaped, not left a zombie: SIGKILL ends it at once
        for queue, end in (
            (calls, "_reader"),
            (getattr(executor, "_result_queue", None), "_writer"),
        ):
            connection = getattr(queue, end, None)
            if connection is not None:
                with contextlib.suppress(OSError):
                    connection.close()
        executor.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, kind: type | None, *rest: object) -> None:
        self.close(stop=kind is not None)
