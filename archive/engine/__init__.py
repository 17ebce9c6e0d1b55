"""The seam between the archive and a search engine.

Engines are imported only when a command needs one, so `archive --help`
stays fast and an engine that is not installed costs nothing.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from archive.engine.base import Engine, EngineHit, EngineResult
from archive.errors import ArchiveError, UsageError

DEFAULT_ENGINE = "tantivy"
# name -> (module, class, what to install)
ENGINES = {
    "tantivy": ("archive.engine.tantivy", "TantivyEngine", "tantivy"),
    "whoosh": ("archive.engine.whoosh", "WhooshEngine", "archive[whoosh]"),
    "xapian": ("archive.engine.xapian", "XapianEngine", "archive[xapian]"),
}
SHARDED = ("xapian",)  # the engines that can keep their index on remote shards


def open_engine(name: str, directory: Path, shards: str | None = None) -> Engine:
    """The engine called `name`, its index kept in `directory` (or on `shards`,
    "HOST:PORT,HOST:PORT", for an engine that can be sharded)."""
    if shards and name not in SHARDED:
        raise UsageError(f"the {name} engine cannot be sharded (only: {', '.join(SHARDED)})")
    module = _engine_module(name)
    engine_class = getattr(module, ENGINES[name][1])
    return engine_class(directory, shards) if shards else engine_class(directory)


def _engine_module(name: str):
    try:
        module_name, _, package = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise UsageError(f"unknown engine {name!r} (known: {known})") from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ArchiveError(
            f"the {name} engine is not installed ({exc}); pip install {package!r}"
        ) from None
    return module


__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "SHARDED",
    "Engine",
    "EngineHit",
    "EngineResult",
    "installed_engines",
    "open_engine",
]


def installed_engines() -> list[str]:
    """The engines whose libraries can be imported here."""
    found = []
    for name, (module_name, _, _) in ENGINES.items():
        try:
            importlib.import_module(module_name)
        except ImportError:
            continue
        found.append(name)
    return found
