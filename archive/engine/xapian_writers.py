"""Writing a sharded xapian index: a process per shard, so the shards take a batch at once.

Xapian's remote protocol answers each document added before the next is
sent, and the Python bindings hold the global lock meanwhile: one process
writing to four shards keeps three of them idle, and builds every
document itself. Here each shard has a writer process of its own (started
with the engine's first write, with spawn; ended with the engine), which
builds its shard's Xapian documents (archive.engine.xapian_terms) and
sends them.

A batch is committed in two steps: every writer first says whether its
documents all went in; if one did not, every shard cancels its
transaction and the write fails with that shard's reason. Then all
commit at once. A shard that fails to commit after another did leaves a
batch half written, which the next writer finishes (archive.indexing.catchup:
the batch in flight), as a run killed between two shards' commits does.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import Any

from archive.engine.base import replacing
from archive.engine.shards import Shard
from archive.errors import EngineError, ShardUnreachable
from archive.store.catalog import PassageRow

CHUNK = 100  # rows a message to a writer


def _serve(pipe: Any, shard: Shard, run: int) -> None:
    """A shard's writer process: takes messages from the run until told to stop."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle

    def watch() -> None:  # end with the run, killed or not
        while os.getppid() == run:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()

    import xapian

    from archive.engine.xapian_shards import open_shard, unreachable
    from archive.engine.xapian_terms import boolean_term, document

    writer = None
    failure: tuple[str, str] | None = None
    while True:
        try:
            kind, load = pipe.recv()
        except EOFError:
            return
        try:
            if kind == "stop":
                return
            if kind == "begin":
                failure = None
                writer = open_shard(shard, writable=True)
                writer.begin_transaction()
            elif kind == "rows" and failure is None:  # (doc id to delete first, row to add)
                for doc_id, row in load:
                    if doc_id is not None:
                        writer.delete_document(boolean_term("doc_id", doc_id))
                    if row is not None:
                        writer.add_document(document(row))
            elif kind == "end":
                pipe.send(failure)
            elif kind in ("commit", "cancel"):
                if writer is not None:
                    try:
                        if kind == "commit":
                            writer.commit_transaction()
                        else:
                            with contextlib.suppress(xapian.Error):
                                writer.cancel_transaction()
                    finally:
                        with contextlib.suppress(xapian.Error):
                            writer.close()
                        writer = None
                pipe.send(None)
        except ShardUnreachable as exc:
            failed = ("unreachable", str(exc))
        except xapian.NetworkError as exc:
            failed = ("unreachable", str(unreachable(shard, exc)))
        except xapian.Error as exc:
            failed = ("engine", f"shard {shard}: {exc.get_msg()}")
        else:
            continue
        failure = failure or failed
        if kind in ("commit", "cancel"):  # answered here, as it was not above
            pipe.send(failed)
        if writer is not None:
            with contextlib.suppress(xapian.Error):
                writer.close()
            writer = None


def _raise(failure: tuple[str, str]) -> None:
    kind, message = failure
    raise (ShardUnreachable if kind == "unreachable" else EngineError)(message)


class ShardWriters:
    """One writer process per shard, started at the first write, stopped by `close`."""

    def __init__(self, shards: tuple[Shard, ...], shard_of):
        self.shards, self.shard_of = shards, shard_of
        self.processes: list[Any] = []
        self.pipes: list[Any] = []

    def _start(self) -> None:
        import multiprocessing
        import signal

        # spawn, not fork: the run's process may have other threads by now.
        context = multiprocessing.get_context("spawn")
        # Ctrl-C held back while they start: one arriving mid start-up kills a
        # child half made ("Fatal Python error"); it reaches this process after.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for shard in self.shards:
                ours, theirs = context.Pipe()
                process = context.Process(
                    target=_serve, args=(theirs, shard, os.getpid()), daemon=True
                )
                process.start()
                theirs.close()
                self.processes.append(process)
                self.pipes.append(ours)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def write(self, rows: Iterable[PassageRow], remove_docs: Iterable[str] = ()) -> None:
        if not self.processes:
            self._start()
        try:
            self._send_all(("begin", None))
            chunks: list[list] = [[] for _ in self.shards]
            for doc_id in remove_docs:
                self._add(chunks, doc_id, (doc_id, None))
            for row, first in replacing(rows):
                self._add(chunks, row.doc_id, (row.doc_id if first else None, row))
            for number, chunk in enumerate(chunks):
                if chunk:
                    self.pipes[number].send(("rows", chunk))
            failures = [f for f in self._ask_all(("end", None)) if f]
            if failures:
                self._ask_all(("cancel", None))
                _raise(failures[0])
            failures = [f for f in self._ask_all(("commit", None)) if f]
            if failures:
                _raise(failures[0])
        except (ShardUnreachable, EngineError):
            raise
        except BaseException:  # Ctrl-C, or a writer gone: no shard may commit this batch
            self.close()
            raise

    def _add(self, chunks: list[list], doc_id: str, item: tuple) -> None:
        number = self.shard_of(doc_id, len(self.shards))
        chunks[number].append(item)
        if len(chunks[number]) >= CHUNK:
            self.pipes[number].send(("rows", chunks[number]))
            chunks[number] = []

    def _send_all(self, message: tuple) -> None:
        for pipe in self.pipes:
            pipe.send(message)

    def _ask_all(self, message: tuple) -> list:
        self._send_all(message)
        answers = []
        for shard, pipe in zip(self.shards, self.pipes, strict=True):
            try:
                answers.append(pipe.recv())
            except EOFError:
                raise EngineError(f"the writer for shard {shard} stopped") from None
        return answers

    def close(self) -> None:
        """Stop the writers; a transaction not committed is dropped by its server."""
        for pipe in self.pipes:
            with contextlib.suppress(OSError, ValueError):
                pipe.send(("stop", None))
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
        for pipe in self.pipes:
            pipe.close()
        self.processes, self.pipes = [], []
