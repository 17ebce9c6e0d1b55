"""archive: a searchable archive of news reporting and UK Parliament (Hansard) records."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Archive"]

if TYPE_CHECKING:
    from archive.api import Archive


def __getattr__(name: str):
    # Imported on first use so `archive --help` does not load the catalog.
    if name == "Archive":
        from archive.api import Archive

        return Archive
    raise AttributeError(name)
