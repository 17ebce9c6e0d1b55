"""How the catalog names files: resolved absolute paths, whatever the user typed.

A file indexed as `seeds/a.txt` from one folder and as `/home/me/repo/seeds/a.txt`
from another is one file; `archive remove` matches it however it is spelled,
and `archive show` prints a path that can be opened from anywhere.

Archives made before kept paths as typed, relative to the folder the index
ran in, which they did not record. The first write from a folder where those
files are found (same content hash) records them in full; the ones not found
are said, with what to do, until they are.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archive.indexing.catchup import Target

# Set once no stored path is relative, so that later writes skip the look.
ABSOLUTE_PATHS = "absolute_paths"


def path_key(path: str | Path) -> str:
    """How the catalog names a file: its resolved absolute path, bytes that are not
    UTF-8 as \\xNN (SQLite takes only UTF-8 text, and a name may be any bytes)."""
    full = os.path.realpath(path)
    try:
        full.encode("utf-8")
    except UnicodeEncodeError:
        full = os.fsencode(full).decode("utf-8", "backslashreplace")
    return full


def paths_under(keys: Iterable[str], roots: Iterable[str | Path]) -> set[str]:
    """The stored file paths in `keys` that are one of `roots` or inside one.

    Both sides are resolved from this folder, so a root may be spelled any
    way that names the same file or folder (relative, absolute, through a
    symbolic link). A stored path still relative (see upgrade) is taken from
    this folder too.
    """
    wanted = [path_key(root) for root in roots]
    prefixes = tuple(root.rstrip(os.sep) + os.sep for root in wanted)
    found = set()
    for key in keys:
        full = key if os.path.isabs(key) else path_key(key)
        if full in wanted or full.startswith(prefixes):
            found.add(key)
    return found


@dataclass
class Upgrade:
    """What recording an older archive's relative paths in full did."""

    recorded: int = 0
    missing: list[str] = field(default_factory=list)  # not found from this folder

    def message(self) -> str | None:
        if not self.missing:
            return None
        count = len(self.missing)
        files = "file was" if count == 1 else "files were"
        return (
            f"{count} {files} recorded by an older version relative to the folder it "
            f"ran in, and {'is' if count == 1 else 'are'} not found from here as recorded "
            f"(first: {self.missing[0]!r}); run any `archive index` from that folder once "
            "to record them in full, or `archive remove` them"
        )


def upgrade(target: Target) -> Upgrade:
    """Record in full the relative paths an older archive kept, where this folder has
    the same files (same content hash); returns what was done and what was not."""
    catalog = target.catalog
    done = Upgrade()
    if catalog.get_meta(ABSOLUTE_PATHS):
        return done
    with catalog.transaction():
        for key in sorted(catalog.relative_paths()):
            full = path_key(key)
            if _same_file(full, catalog.source_hash(key)):
                catalog.rename_path(key, full)
                done.recorded += 1
            else:
                done.missing.append(key)
        if not done.missing:
            catalog.set_meta(ABSOLUTE_PATHS, "1")
    return done


def _same_file(path: str, recorded: str | None) -> bool:
    """True if `path` is a file with the content hash recorded (any file, if none was)."""
    from archive.ingest import fingerprint

    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    return recorded is None or fingerprint(Path(path), data) == recorded
