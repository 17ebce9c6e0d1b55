"""Ingest: files in, Documents out. Nothing here touches the index.

    for path in discover([Path("seeds")]):
        try:
            documents = list(read_documents(path))
        except IngestError as error:
            ...  # report error.path and error.reason, go on with the next path

`discover` only lists paths; every problem with a path, including that it
does not exist, is raised by `read_documents` for that path alone, so a
batch can report it and keep going.

A file's format is found by sniffing its bytes, not its name: each entry of
FORMATS says whether it recognises the first bytes and reads the file. Plain
text is the last entry and takes whatever the others do not; a new format
(XML, HTML, JSON lines) goes in front of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from archive.errors import IngestError
from archive.ingest.sidecar import apply_sidecar, is_sidecar, read_sidecar, sidecar_path
from archive.ingest.text import decode_text, parse_text
from archive.model import Document

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "Format",
    "discover",
    "fingerprint",
    "read_bytes",
    "read_documents",
]

# Far above any article or day of debates; a bigger file is a mistake or a dump.
MAX_FILE_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Format:
    """An input format: `sniff` looks at a file's first bytes, `read` turns bytes into Documents.

    `read` gets the whole file and its path (for messages) and raises
    IngestError when the content is bad.
    """

    name: str
    sniff: Callable[[bytes], bool]
    read: Callable[[bytes, str], Iterable[Document]]


def _read_plain_text(data: bytes, path: str) -> Iterator[Document]:
    yield parse_text(decode_text(data, path), path)


FORMATS: tuple[Format, ...] = (Format("text", lambda head: True, _read_plain_text),)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every document path under `paths`, in a stable order.

    A folder is walked in sorted order (a folder's files before its
    subfolders), skipping hidden files and folders and never following a
    symbolic link to a folder, so links cannot loop. Sidecars are never
    documents and are skipped even when named. A path that does not exist
    is yielded as it is, for read_documents to report. Each file comes once.
    """
    seen: set[str] = set()

    def fresh(path: Path) -> bool:
        key = os.path.realpath(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in paths:
        path = Path(path)
        if not path.is_dir():
            if not is_sidecar(path) and fresh(path):
                yield path
            continue
        for folder, subfolders, files in os.walk(path, followlinks=False):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                file = Path(folder, name)
                if not name.startswith(".") and not is_sidecar(file) and fresh(file):
                    yield file


def read_documents(path: Path, data: bytes | None = None) -> Iterator[Document]:
    """The Documents in the file at `path`, with its sidecar's facts applied.

    `data` is the file's content when the caller has already read it with
    `read_bytes`. Raises IngestError(str(path), reason) for a missing,
    unreadable, empty, oversized, binary or undecodable file, or a malformed
    sidecar. Reasons are short and meant for people: "empty file",
    "binary file (not text)".
    """
    name = str(path)
    if data is None:
        data = read_bytes(path)
    sidecar = read_sidecar(path)
    head = data[:SNIFF_BYTES]
    form = next(f for f in FORMATS if f.sniff(head))
    for document in form.read(data, name):
        document = replace(document, path=name)
        yield apply_sidecar(document, sidecar) if sidecar else document


def fingerprint(path: Path, data: bytes) -> str:
    """A hash of a file's content and its sidecar's: what says the file has changed."""
    digest = hashlib.sha256(data)
    side = sidecar_path(path)
    if side is not None:
        # An unreadable sidecar is reported by read_documents.
        with contextlib.suppress(OSError):
            digest.update(b"\0sidecar\0" + side.read_bytes())
    return digest.hexdigest()


def read_bytes(path: Path) -> bytes:
    """The content of the file at `path`, or IngestError saying why it cannot be had."""
    name = str(path)
    try:
        info = path.stat()
        if path.is_dir():
            raise IngestError(name, "is a folder, not a file")
        if not path.is_file():
            raise IngestError(name, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise IngestError(name, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(name, "no such file or directory") from None
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise IngestError(name, reason) from None
    if not data:
        raise IngestError(name, "empty file")
    return data
