"""What every input format is: a Format (sniff, read) and the options a read gets."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from archive.model import Document


def ignore(message: str) -> None:
    """A callback that drops what it is told."""


@dataclass(frozen=True)
class IngestOptions:
    """What the user says about how to read files.

    `format` forces a format by name (see FORMATS) instead of sniffing;
    `mapping` maps the archive's fields to a table's columns
    (`{"text": "short_description"}`, from `--map text=short_description`);
    `warn` is told of each bad record that is skipped inside a file that is
    otherwise read ("line 17: not valid JSON"), for the batch to report and count;
    `note` is told of something worth knowing that is not wrong ("not the
    latest version of this day; skipped"); `encoding` is how plain-text and
    table files that are not UTF-8 are decoded (`--encoding cp1252`; without
    it such a file is an error), and HTML pages that declare no charset (else
    guessed). With its default callbacks the options can
    be sent to another process.
    """

    format: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    warn: Callable[[str], None] = ignore
    note: Callable[[str], None] = ignore
    encoding: str | None = None


@dataclass(frozen=True)
class Format:
    """An input format: `sniff` looks at a file's first bytes and its name,
    `read` turns the whole file into Documents.

    `read` gets the file's bytes (decompressed), its path (for messages and
    for files read beside it) and the options, and raises IngestError when
    the content is bad. `companion` says a path is read as part of another
    file of this format (ParlaMint's `-meta.tsv`), so it is not a document.
    """

    name: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[bytes, str, IngestOptions], Iterable[Document]]
    companion: Callable[[Path], bool] = lambda path: False
    # Files read with this one; a change to any of them means the document changed.
    companions_of: Callable[[Path], list[Path]] = lambda path: []
