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
}


def open_engine(name: str, directory: Path) -> Engine:
    """The engine called `name`, its index kept in `directory`."""
    try:
        module_name, class_name, package = ENGINES[name]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise UsageError(f"unknown engine {name!r} (known: {known})") from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ArchiveError(
            f"the {name} engine is not installed ({exc}); pip install {package!r}"
        ) from None
    return getattr(module, class_name)(directory)


__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
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
