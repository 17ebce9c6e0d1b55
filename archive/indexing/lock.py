"""One writer at a time: an operating-system lock on the file `HOME/writer.lock`.

Every command that changes an archive (index, remove, reindex, people
import) holds the lock for its whole run; searches never take it; they read
the catalog through SQLite's write-ahead log and the index as last committed,
so they go on while a writer writes.

The lock is `fcntl.flock` (on Windows, `msvcrt.locking`) on an open file:
the operating system drops it when the process that holds it ends, however
it ends, so a lock left by a killed run clears itself and needs no pid
checks or timeouts. The file's content only says who holds the lock (pid,
start time, command), for the message a second writer gets when it gives up
waiting; it is emptied on release.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import time
from pathlib import Path

from archive.errors import ArchiveError, ArchiveLocked

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

LOCK_FILE = "writer.lock"
DEFAULT_WAIT = 5.0  # seconds a writer waits for another to finish
_POLL = 0.05
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EAGAIN)}
_WINDOWS_BYTE = 1 << 20  # msvcrt locks a byte range: one far past the holder's note


class WriterLock:
    """The archive's writer lock; `operation` names the command for others' messages."""

    def __init__(self, home: Path, operation: str):
        self.path = Path(home) / LOCK_FILE
        self.operation = operation
        self._fd: int | None = None

    def acquire(self, wait: float = DEFAULT_WAIT) -> None:
        """Take the lock, waiting up to `wait` seconds; ArchiveLocked names the holder if not."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(wait, 0.0)
        try:
            while not _try_lock(fd, self.path):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _locked(_holder(fd))
                time.sleep(min(_POLL, left))
        except BaseException:
            os.close(fd)
            raise
        import json  # here: searches import this module and never take the lock

        note = {
            "pid": os.getpid(),
            "started": dt.datetime.now().isoformat(timespec="seconds"),
            "operation": self.operation,
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(note).encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
            else:
                os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(fd: int, path: Path) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise ArchiveError(f"cannot lock {path}: {exc.strerror or exc}") from None
    return True


def _holder(fd: int) -> dict:
    """What the lock file says of its holder; {} if it says nothing readable."""
    import json

    try:
        os.lseek(fd, 0, os.SEEK_SET)
        note = json.loads(os.read(fd, 4096) or b"{}")
    except (OSError, ValueError):
        return {}
    return note if isinstance(note, dict) else {}


def _locked(holder: dict) -> ArchiveLocked:
    pid = holder.get("pid") if isinstance(holder.get("pid"), int) else None
    operation = holder.get("operation") if isinstance(holder.get("operation"), str) else None
    facts = []
    if pid is not None:
        facts.append(f"pid {pid}")
    started = _when(holder.get("started"))
    if started:
        facts.append(f"started {started}")
    who = f"another `archive {operation or 'index'}`" + (f" ({', '.join(facts)})" if facts else "")
    return ArchiveLocked(
        f"{who} is writing to this archive; try again later or pass --wait SECONDS",
        pid=pid,
        operation=operation,
    )


def _when(text: object) -> str | None:
    """A start time as 12:01:02 today, or 2024-05-01 12:01:02 on another day."""
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.date() == dt.date.today():
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def writer_busy(home: Path) -> bool:
    """Whether a writer holds the lock of the archive at `home` now (never waits, never writes)."""
    try:
        fd = os.open(Path(home) / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return False  # no lock file: nobody has written here yet
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        return bool(_holder(fd))  # Windows: the holder's note is there while it writes
    finally:
        os.close(fd)
