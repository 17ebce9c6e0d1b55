"""How fast `archive trace` finds where a quote was said, at the size of an archive.

Takes QUOTES passages of the archive at --home (chosen with --seed, among
passages of at least 12 words), makes each a quote as the press edits one (a
sentence trimmed at both ends and cut with an ellipsis), and times:

- `Archive.trace` in process, warm: the median and the slowest of the quotes,
  and how often the passage the quote came from is the first match;
- one `archive trace` process for each of the first PROCESSES quotes, from
  start to exit (Python's start-up and imports included).

    python bench/trace.py --home ARCHIVE_HOME --quotes 50

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time

from archive.api import Archive


def edited(text: str, rng: random.Random) -> str | None:
    """A quote as a newspaper prints it: a stretch of the text, cut in the middle."""
    words = re.findall(r"\S+", text)
    if len(words) < 12:
        return None
    start = rng.randrange(0, max(1, len(words) - 12))
    piece = words[start : start + rng.randint(12, 24)]
    cut = len(piece) // 2
    return " ".join(piece[: cut - 1]) + " … " + " ".join(piece[cut + 1 :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True)
    parser.add_argument("--quotes", type=int, default=50)
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with Archive.open(args.home) as archive:
        catalog = archive.catalog
        (last,) = catalog.conn.execute("SELECT MAX(rowid) FROM passages").fetchone()
        quotes: list[tuple[str, str]] = []
        while len(quotes) < args.quotes:
            row = catalog.conn.execute(
                "SELECT id, text FROM passages WHERE rowid = ?", (rng.randint(1, last),)
            ).fetchone()
            quote = edited(row[1], rng) if row else None
            if quote:
                quotes.append((row[0], quote))
        archive.trace(quotes[0][1])  # warm: the engine and the catalog opened
        times, first, tied = [], 0, 0
        for passage_id, quote in quotes:
            began = time.perf_counter()
            found = archive.trace(quote)
            times.append((time.perf_counter() - began) * 1000)
            first += bool(found.matches) and found.matches[0].hit.passage_id == passage_id
            # The generated corpus reuses real sentences, so several passages may hold the
            # quote whole: the source then ties with them for the best similarity.
            best = found.matches[0].similarity if found.matches else None
            tied += any(
                m.hit.passage_id == passage_id and m.similarity == best for m in found.matches
            )
    print(f"archive at {args.home}: {len(quotes)} quotes (seed {args.seed})")
    print(
        f"Archive.trace in process: median {statistics.median(times):.0f} ms, "
        f"slowest {max(times):.0f} ms; the source passage first for {first} of {len(quotes)}, "
        f"among the best-scoring for {tied}"
    )
    walls = []
    for _, quote in quotes[: args.processes]:
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "archive", "--home", args.home, "trace", quote],
            check=False, capture_output=True,
        )  # fmt: skip
        walls.append(time.perf_counter() - began)
    print(
        f"one `archive trace` process: median {statistics.median(walls):.2f} s, "
        f"slowest {max(walls):.2f} s ({len(walls)} processes)"
    )


if __name__ == "__main__":
    main()
