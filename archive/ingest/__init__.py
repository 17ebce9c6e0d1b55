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
is a module with a FORMAT, named in _FORMAT_MODULES. Gzipped files are
read as what they contain.

A file that is plainly not a document (a README, a member list, JSON
metadata beside the pages) raises NotADocument, an IngestError a batch
reports as skipped rather than failed; see archive.ingest.not_documents.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from archive.errors import NO_SUCH_PATH, IngestError, NotADocument, UsageError
from archive.ingest.base import Format, IngestOptions
from archive.ingest.not_documents import about_file, not_a_document, refuse_structured
from archive.ingest.sidecar import apply_sidecar, is_sidecar, read_sidecar, sidecar_path
from archive.ingest.sources import settle
from archive.ingest.text import decode_text, parse_text
from archive.model import Document

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "MAX_FILE_BYTES",
    "Format",
    "IngestOptions",
    "discover",
    "find_format",
    "fingerprint",
    "read_bytes",
    "read_documents",
]

# Far above any article or day of debates; a bigger file is a mistake or a dump.
MAX_FILE_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 4096


def _read_plain_text(data: bytes, path: str, options: IngestOptions) -> Iterator[Document]:
    text = decode_text(data, path, options.encoding)
    refuse_structured(text, path)
    yield parse_text(text, path)


TEXT = Format("text", lambda head, name: True, _read_plain_text)
# Each module here has a FORMAT; the first whose sniff says yes reads the file.
_FORMAT_MODULES = ("parlparse", "parlamint", "reuters", "html", "table")


def _formats() -> tuple[Format, ...]:
    modules = [importlib.import_module(f"archive.ingest.{name}") for name in _FORMAT_MODULES]
    return (*(module.FORMAT for module in modules), TEXT)


FORMATS: tuple[Format, ...] = _formats()
FORMAT_NAMES = tuple(f.name for f in FORMATS)


def find_format(name: str) -> Format:
    """The format called `name`; UsageError naming the known ones if there is none."""
    for form in FORMATS:
        if form.name == name:
            return form
    raise UsageError(f"unknown format {name!r} (use one of: {', '.join(FORMAT_NAMES)})")


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
            if not _is_companion(path) and fresh(path):
                yield path
            continue
        for folder, subfolders, files in os.walk(path, followlinks=False):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                file = Path(folder, name)
                if not name.startswith(".") and not _is_companion(file) and fresh(file):
                    yield file


def _is_companion(path: Path) -> bool:
    """True for files read as part of another: sidecars, ParlaMint's meta tables."""
    return is_sidecar(path) or any(form.companion(path) for form in FORMATS)


def read_documents(
    path: Path, data: bytes | None = None, options: IngestOptions | None = None
) -> Iterator[Document]:
    """The Documents in the file at `path`, with its sidecar's facts applied and their
    sources named as the archive names them (archive.ingest.sources).

    `data` is the file's content when the caller has already read it with
    `read_bytes`. Raises IngestError(str(path), reason) for a missing,
    unreadable, empty, oversized, binary or undecodable file, or a malformed
    sidecar, and its child NotADocument for a file that is plainly not a
    document (a README, a member list, JSON metadata: see
    archive.ingest.not_documents). Reasons are short and meant for people:
    "empty file", "binary file (not text)", "a README, not a document".
    """
    name = str(path)
    options = options or IngestOptions()
    if data is None:
        data = read_bytes(path)
    sidecar = read_sidecar(path)
    if options.format:
        form = find_format(options.format)
    else:
        # A forced format, or a sidecar saying what the file is, reads it whatever it looks like.
        why = None if sidecar is not None else about_file(path.name) or not_a_document(data)
        if why:
            raise NotADocument(name, why)
        head = data[:SNIFF_BYTES]
        form = next(f for f in FORMATS if f.sniff(head, path.name))
    for document in form.read(data, name, options):
        document = replace(document, path=name)
        # Hansard's source and house, and news sites, named one way whatever the format.
        yield settle(apply_sidecar(document, sidecar) if sidecar else document)


def fingerprint(path: Path, data: bytes) -> str:
    """A hash of a file's content and its sidecar's: what says the file has changed."""
    digest = hashlib.sha256(data)
    side = sidecar_path(path)
    others = [side] if side is not None else []
    for form in FORMATS:
        others.extend(form.companions_of(path))
    for other in others:
        # An unreadable sidecar or companion is reported by read_documents.
        with contextlib.suppress(OSError):
            digest.update(b"\0" + other.name.encode() + b"\0" + other.read_bytes())
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
        raise IngestError(name, NO_SUCH_PATH) from None
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise IngestError(name, reason) from None
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, name)
    if not data:
        raise IngestError(name, "empty file")
    return data


def _gunzip(data: bytes, name: str) -> bytes:
    """A gzip file's content, refusing one that would grow past MAX_FILE_BYTES."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error as error:
        raise IngestError(name, f"broken gzip file ({error})") from None
    if len(out) > MAX_FILE_BYTES or inflater.unconsumed_tail:
        raise IngestError(name, f"gzip content larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not inflater.eof:
        raise IngestError(name, "truncated gzip file")
    return out
