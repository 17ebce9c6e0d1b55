"""Placeholder while the html reader is written: recognises nothing."""

from archive.ingest.base import Format

FORMAT = Format("html", lambda head, name: False, lambda data, path, options: ())
