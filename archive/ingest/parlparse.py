"""Placeholder while the parlparse reader is written: recognises nothing."""

from archive.ingest.base import Format

FORMAT = Format("parlparse", lambda head, name: False, lambda data, path, options: ())
