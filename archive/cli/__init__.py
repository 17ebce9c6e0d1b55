"""The command line: click only. Parse options, call the Archive, render what it returns.

Enters: the words and options a user types. Leaves: text, JSON, JSON Lines
or CSV on stdout, one line per problem on stderr, and an exit code (0, 1 for
a runtime error, 2 for a usage error). Never imports an engine or the
catalog: everything goes through archive.api.Archive. Heavy modules are
imported inside commands so that `archive --help` starts fast.
"""

from archive.cli import (  # noqa: F401 -- they join the group
    counting,
    finding,
    people,
    serving,
    showing,
    tracing,
    upkeep,
    writing,
)
from archive.cli.main import cli, main

__all__ = ["cli", "main"]
