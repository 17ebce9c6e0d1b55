"""Opening an archive's home: its catalog made or upgraded, its engine chosen.

A new archive takes the engine asked for (or $ARCHIVE_ENGINE, or the
default) and the people registry shipped with the package; an existing one
keeps the engine that built its index, and asking for another is an error
that points to `archive reindex --engine`.
"""

from __future__ import annotations

import os
from pathlib import Path

from archive.engine import DEFAULT_ENGINE, ENGINES
from archive.errors import ArchiveError, NoArchive, UsageError
from archive.store.catalog import Catalog


def open_catalog(path: Path, create: bool, engine: str | None) -> tuple[Catalog, str]:
    """The catalog at `path` (made if `create`) and the name of the archive's engine."""
    home = path.parent
    wanted = engine or os.environ.get("ARCHIVE_ENGINE") or None
    if wanted is not None and wanted not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise UsageError(f"unknown engine {wanted!r} (known: {known})")
    made = Catalog.made(path)
    if not made and not create and path.exists():
        # Its making was cut short: there is no archive yet.
        raise NoArchive(f"no archive at {home}: run `archive index PATH` first")
    # Making the tables waits for SQLite's write lock, which a running
    # writer may hold a while; an archive already made skips it, so a
    # second writer waits for the writer lock instead, as long as asked.
    catalog = Catalog.open(path, create=create and not made)
    built_with = catalog.get_meta("engine")
    if built_with is None:
        built_with = wanted or DEFAULT_ENGINE
        if create and not catalog.read_only:
            with catalog.transaction():
                # Two runs may create the archive at once: the first to write wins.
                if catalog.get_meta("engine") is None:
                    catalog.set_meta("engine", built_with)
                    catalog.people.load_default()
                built_with = catalog.get_meta("engine")
    elif wanted is not None and wanted != built_with:
        catalog.close()
        raise ArchiveError(
            f"this archive's index was built with {built_with}; "
            f"run `archive reindex --engine {wanted}` to switch"
        )
    return catalog, built_with


def default_home() -> Path:
    """$ARCHIVE_HOME, or the per-user data folder."""
    env = os.environ.get("ARCHIVE_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("archive", appauthor=False))
