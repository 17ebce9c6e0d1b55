"""The command line every peer script shares, so the harness runs them alike:

    python bench/peers/PEER.py index DUMP STORE
    python bench/peers/PEER.py search STORE QUERY [--since D] [--until D] [--speaker S]
                                                  [--sort relevance|newest] [--timeline]

Only argparse: a peer's one-shot search pays for nothing the peer does not need.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def run(doc: str, index: Callable[[str, str], None], search: Callable, argv=None) -> None:
    """Parse the arguments and call `index(dump, store)` or `search(args)`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("index")
    make.add_argument("dump")
    make.add_argument("store")
    find = commands.add_parser("search")
    find.add_argument("store")
    find.add_argument("query")
    find.add_argument("--since")
    find.add_argument("--until")
    find.add_argument("--speaker")
    find.add_argument("--sort", choices=("relevance", "newest"), default="relevance")
    find.add_argument("--timeline", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "index":
        index(args.dump, args.store)
    else:
        search(args)
