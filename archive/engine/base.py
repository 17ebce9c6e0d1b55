"""The interface every search engine implements.

An engine indexes passage rows from the catalog and answers a query tree
with passage ids. It owns nothing else: titles, speakers' names and
snippets come from the catalog, so every engine shows the same thing.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from archive.query.dates import day_number
from archive.query.tree import Node, tag_term
from archive.store.catalog import PassageRow

# Periods a date (a YYYYMMDD integer) can be rounded down to: the step, and
# what makes the rounded value the period's first day (YYYYMM00 -> YYYYMM01).
PERIOD_STEPS = {"month": (100, 1), "year": (10_000, 101)}

SORTS = ("relevance", "newest", "oldest")

# Sort keys pack (day, document, passage) into one integer so that both
# engines order ties the same way: 17 bits of day, 28 of document, 16 of seq.
_DAY_BITS, _DOC_BITS, _SEQ_BITS = 17, 28, 16
_EPOCH = dt.date(1800, 1, 1).toordinal()
_NO_DAY = (1 << _DAY_BITS) - 1


class EngineHit(NamedTuple):
    passage_id: str
    score: float | None


class EngineResult(NamedTuple):
    total: int
    hits: list[EngineHit]


def sort_keys(row: PassageRow) -> tuple[int, int]:
    """(newest, oldest) integer keys: sort the first descending, the second ascending.

    Undated passages come last either way; passages of one document keep
    their order in both.
    """
    day = dt.date.fromisoformat(row.date).toordinal() - _EPOCH if row.date else None
    doc = int(row.doc_id[:7], 16) & ((1 << _DOC_BITS) - 1)
    seq = min(row.seq, (1 << _SEQ_BITS) - 1)
    top_seq = (1 << _SEQ_BITS) - 1
    newest = (((day if day is not None else 0) << _DOC_BITS | doc) << _SEQ_BITS) | (top_seq - seq)
    oldest = (((day if day is not None else _NO_DAY) << _DOC_BITS | doc) << _SEQ_BITS) | seq
    return newest, oldest


def date_number(row: PassageRow) -> int | None:
    return day_number(dt.date.fromisoformat(row.date)) if row.date else None


def replacing(rows: Iterable[PassageRow]) -> Iterator[tuple[PassageRow, bool]]:
    """Each row, and whether it is its document's first: where an engine deletes the old copy.

    Writing a document thus replaces any earlier copy, which makes a write
    idempotent and lets a rerun finish a killed one.
    """
    seen: set[str] = set()
    for row in rows:
        yield row, row.doc_id not in seen
        seen.add(row.doc_id)


def tag_terms(tags: Iterable[str]) -> list[str]:
    """Tags as indexed and filtered on: folded to lower case, commas taken out."""
    return sorted({tag_term(t) for t in tags} - {""})


def indexed_title(row: PassageRow) -> str:
    """The words a passage is found by besides its text: document title and heading."""
    return f"{row.title}\n{row.heading}" if row.heading else row.title


def read_only(directory: Path) -> bool:
    """Whether `directory` cannot be written: read-only media, or no permission."""
    import os

    try:
        if os.statvfs(directory).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(directory, os.W_OK)


def os_error_of(exc: Exception, directory: Path) -> OSError | None:
    """The OSError a binding reported as text ("... (os error 28)"), naming `directory`."""
    import re

    found = re.search(r"os error (\d+)", str(exc))
    if found is None:
        return None
    number = int(found.group(1))
    import os

    return OSError(number, os.strerror(number), str(directory))


class Engine(ABC):
    """A search index kept in one directory."""

    name: str
    # Whether `write` does its work without holding Python's global lock, so that
    # a run gains by reading the next files while it goes on (see archive.indexing.catchup).
    writes_in_background = False

    def __init__(self, directory: Path):
        self.directory = directory

    @abstractmethod
    def write(self, rows: Iterable[PassageRow], remove_docs: Iterable[str] = ()) -> None:
        """Replace the documents of `rows` by these passages and remove `remove_docs`.

        Idempotent: writing a document twice leaves it once. Commits before
        returning.
        """

    @abstractmethod
    def search(self, tree: Node, sort: str, limit: int, offset: int = 0) -> EngineResult:
        """Passage ids matching `tree`, in `sort` order, with the total count."""

    @abstractmethod
    def iter_ids(self, tree: Node, sort: str = "oldest", batch: int = 1000) -> Iterator[str]:
        """Every passage id matching `tree`, by date ("oldest" or "newest"), streamed."""

    @abstractmethod
    def count_by_speaker(self, tree: Node) -> dict[int, tuple[int, int | None, int | None]]:
        """For each speaker's person id: (matching passages, first day, last day as YYYYMMDD)."""

    @abstractmethod
    def count_by_day(self, tree: Node, period: str = "day") -> dict[tuple[int, str], int]:
        """Matching passages per (day as YYYYMMDD, kind); undated passages are not counted.

        With `period` "month" or "year", each period's passages are counted at
        its first day (YYYYMM01, YYYY0101): a timeline needs no more.
        """

    @abstractmethod
    def count_documents(self, tree: Node) -> int:
        """How many documents have at least one matching passage."""

    @abstractmethod
    def vocabulary(self, prefix: str) -> list[tuple[str, int]]:
        """Indexed words (folded, not stemmed) starting with `prefix`, with their passage counts."""

    @abstractmethod
    def clear(self) -> None:
        """Empty the index."""

    @abstractmethod
    def count(self) -> int:
        """How many passages the index holds."""

    def compact(self) -> None:  # noqa: B027 - most engines are as small as they get
        """After a rebuild from scratch: make the index as small as it will be."""

    def close(self) -> None:  # noqa: B027 - engines without resources need not override
        """Release files and threads."""
