"""Placeholder while the parlamint reader is written: recognises nothing."""

from archive.ingest.base import Format

FORMAT = Format("parlamint", lambda head, name: False, lambda data, path, options: ())
