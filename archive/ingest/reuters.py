"""Placeholder while the reuters reader is written: recognises nothing."""

from archive.ingest.base import Format

FORMAT = Format("reuters", lambda head, name: False, lambda data, path, options: ())
