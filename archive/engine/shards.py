"""Where a sharded index lives: "HOST:PORT,HOST:PORT", read and checked without the engine."""

from __future__ import annotations

from typing import NamedTuple

from archive.errors import UsageError


class Shard(NamedTuple):
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def parse_shards(text: str | None) -> tuple[Shard, ...]:
    """'host:port,host:port' as shards; a malformed entry is a UsageError naming it."""
    found = []
    for entry in (text or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        host, _, port = entry.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise UsageError(f"shard {entry!r} is not HOST:PORT (say 10.0.0.5:8100)")
        found.append(Shard(host.strip("[]"), int(port)))
    if len(set(found)) != len(found):
        raise UsageError(f"a shard is named twice in {text!r}")
    return tuple(found)
