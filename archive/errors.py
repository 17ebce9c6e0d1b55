"""Errors the library raises; the CLI maps each to a message and an exit code.

Usage errors (a malformed query, date or option value) exit 2; everything
else that is the archive's fault or the input's exits 1.
"""

from __future__ import annotations


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


class EngineError(ArchiveError):
    """The search engine failed or its index is missing or unreadable."""


class ArchiveLocked(ArchiveError):
    """Another process is writing to the archive and did not finish within the wait."""

    def __init__(self, message: str, pid: int | None = None, operation: str | None = None):
        self.pid = pid
        self.operation = operation
        super().__init__(message)
