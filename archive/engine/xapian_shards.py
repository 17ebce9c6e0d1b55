"""Where a xapian index lives: one local database, or shards behind `xapian-tcpsrv` servers.

A sharded index is read as one database: Xapian's remote backend gathers
the term statistics of every shard, so scores, order and totals are those
of one local database of the same passages. A shard that does not answer
is named in one line (ShardUnreachable), never skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import xapian

from archive.engine.shards import Shard
from archive.errors import ShardUnreachable

# Milliseconds: how long one operation on a shard, and connecting to it, may take.
TIMEOUT = 60_000
CONNECT_TIMEOUT = 5_000


def reason(exc: BaseException) -> str:
    """Xapian's message without its context: "Couldn't connect (Connection refused)"."""
    return re.sub(r" \(context: [^()]*(\([^()]*\))?\)", "", str(exc)) or type(exc).__name__


def unreachable(shard: Shard, exc: BaseException) -> ShardUnreachable:
    return ShardUnreachable(
        f"shard {shard} is not answering: {reason(exc)} (start its xapian-tcpsrv, "
        "then run the command again)"
    )


def open_shard(shard: Shard, writable: bool = False) -> xapian.Database:
    try:
        if writable:
            return xapian.remote_open_writable(shard.host, shard.port, TIMEOUT, CONNECT_TIMEOUT)
        return xapian.remote_open(shard.host, shard.port, TIMEOUT, CONNECT_TIMEOUT)
    except xapian.Error as exc:
        raise unreachable(shard, exc) from None


def open_reader(directory: Path, shards: tuple[Shard, ...]) -> xapian.Database:
    """Every shard as one database, or the local one in `directory`."""
    if not shards:
        return xapian.Database(str(directory))
    database = xapian.Database()
    for shard in shards:
        database.add_database(open_shard(shard))
    return database


def culprit(shards: tuple[Shard, ...], exc: BaseException) -> ShardUnreachable:
    """The first shard that does not answer now, named, after `exc` came from the lot."""
    for shard in shards:
        try:
            xapian.remote_open(shard.host, shard.port, CONNECT_TIMEOUT, CONNECT_TIMEOUT).close()
        except xapian.Error as probe:
            return unreachable(shard, probe)
    names = ", ".join(map(str, shards))
    return ShardUnreachable(f"the shards {names} did not answer: {reason(exc)}")
