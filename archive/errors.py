"""Errors the library raises; the CLI maps each to a message and an exit code.

Usage errors (a malformed query, date or option value) exit 2; everything
else that is the archive's fault or the input's exits 1.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator


class ArchiveError(Exception):
    """Base of every error the archive raises on purpose."""

    exit_code = 1


class UsageError(ArchiveError):
    """The user asked for something malformed: exit 2."""

    exit_code = 2


class BadQuery(UsageError):
    """The query text does not parse; `position` is a 0-based offset into it."""

    def __init__(self, message: str, position: int | None = None, query: str | None = None):
        self.position = position
        self.query = query
        if position is not None:
            message = f"{message} (at position {position + 1})"
        super().__init__(message)


class BadDate(UsageError):
    """A date option or field term is not YYYY, YYYY-MM or YYYY-MM-DD, or is impossible."""


class NoArchive(ArchiveError):
    """There is no archive at the chosen home yet."""


class NotFound(ArchiveError):
    """No document or person has the id asked for."""


class UnknownSpeaker(ArchiveError):
    """No person in the archive matches a --speaker value."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no speaker matches {name!r}{hint}")


class IngestError(ArchiveError):
    """One input file cannot be read; the batch goes on without it."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):  # pickled whole: a worker process reports it (archive.indexing.reading)
        return type(self), (self.path, self.reason)


class NotADocument(IngestError):
    """A file that is plainly not a document: a member list, a JSON of metadata or
    annotations, a README or licence. An index run skips it with a note, and counts
    it as skipped, not failed (unless the run is strict)."""


# How a path that cannot be read from is named, the same by every command that reads files.
NO_SUCH_PATH = "no such file or folder"
EMPTY_FOLDER = "an empty folder: no files to read"


class EngineError(ArchiveError):
    """The search engine failed or its index is missing or unreadable."""


class ShardUnreachable(EngineError):
    """A shard of a sharded index (its xapian-tcpsrv server) does not answer.

    Not a damaged index: nothing is rebuilt; the command works again once it answers."""


class ArchiveLocked(ArchiveError):
    """Another process is writing to the archive and did not finish within the wait."""

    def __init__(self, message: str, pid: int | None = None, operation: str | None = None):
        self.pid = pid
        self.operation = operation
        super().__init__(message)


class DiskFull(ArchiveError):
    """The disk filled while the archive was being written; what was committed is kept."""


class Unwritable(ArchiveError):
    """The archive's home cannot be made or written (read-only media, no permission)."""


class DamagedCatalog(ArchiveError):
    """The catalog file is damaged or is not an archive's catalog."""


class IndexProblem(EngineError):
    """The search index is missing, damaged or out of step with the catalog."""


def machine_fault(exc: BaseException, where: str, doing: str) -> ArchiveError | None:
    """The one-line error for a fault of the machine or of the archive's own files.

    `where` is the file or folder being used (the exception's own file name
    wins when it has one), `doing` what the archive was doing ("writing the
    catalog"). None if `exc` is not such a fault.
    """
    import errno

    if isinstance(exc, OSError):
        where = exc.filename or where
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return _disk_full(where, doing)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return Unwritable(f"{where}: cannot be written ({reason}) while {doing}")
        return ArchiveError(f"{where}: {reason} while {doing}")
    if isinstance(exc, sqlite3.Error):
        message = str(exc)
        if "disk is full" in message:
            return _disk_full(where, doing)
        if "disk I/O error" in message or "database is locked" in message:
            return ArchiveError(f"{where}: {message} while {doing}")
        if "readonly" in message or "unable to open" in message:
            return Unwritable(f"{where}: cannot be written ({message}) while {doing}")
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in message or "malformed" in message or "corrupt" in message
        ):
            return DamagedCatalog(
                f"{where}: the catalog is damaged or is not an archive's catalog ({message}); "
                "restore it from a backup (see `archive backup`), or move it aside and "
                "index the files again"
            )
    return None


def _disk_full(where: str, doing: str) -> DiskFull:
    return DiskFull(
        f"{where}: the disk is full ({doing}); what was committed before is kept: "
        "free space and run the same command again"
    )


def guarded(doing: str):
    """A method of an object with `_fault(exc, doing)` (the Archive) whose faults of the
    machine (a full disk, a read-only or damaged file) come out as one ArchiveError
    naming the file, not as a traceback; a stream it returns is guarded as it is read."""

    def wrap(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except (OSError, sqlite3.Error) as exc:
                raise self._fault(exc, doing) from None
            if isinstance(result, Iterator):
                return self._guard_stream(result, doing)
            return result

        return guarded

    return wrap
