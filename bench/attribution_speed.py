"""Attribution alone against an older commit: news stories read by each tree in turn.

    python bench/attribution_speed.py --against dafdb24 --rounds 3

Reads every PolNeAR text (../shared/corpus/news-polnear, or ARCHIVE_CORPUS) as
plain news with each tree's own reader, then times `attribute_document` over
all of them in a fresh process per tree (process time, the best of 3 passes),
the trees taking turns for `--rounds` rounds. Prints each round and the
median of each tree; nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from run import environment, snapshot

BENCH = Path(__file__).resolve().parent

# Run by each tree's Python: read the stories, then time attribution alone.
_TIMER = """
import sys, time
from pathlib import Path
from archive.ingest import read_documents
from archive.speakers.attribution import attribute_document
docs = [d for f in sorted(Path(sys.argv[1]).glob("*.txt")) for d in read_documents(f)]
best = float("inf")
for _ in range(3):
    started = time.process_time()
    for doc in docs:
        attribute_document(doc)
    best = min(best, time.process_time() - started)
print(len(docs), sum(len(d.passages) for d in docs), best)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="dafdb24", help="the older commit")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    args = parser.parse_args(argv)
    corpus = Path(os.environ.get("ARCHIVE_CORPUS") or BENCH.parent.parent / "shared" / "corpus")
    texts = corpus / "news-polnear" / "train" / "text"
    if not texts.is_dir():
        raise SystemExit(f"PolNeAR not found at {texts}")
    trees = {"now": snapshot(args.work), "before": snapshot(args.work, args.against)}
    seconds: dict[str, list[float]] = {name: [] for name in trees}
    for round_ in range(1, args.rounds + 1):
        for name, (tree, commit) in trees.items():
            env = environment()
            env["PYTHONPATH"] = str(tree)
            env["PYTHONSAFEPATH"] = "1"  # `python -c` puts the working folder first
            out = subprocess.run(
                [sys.executable, "-c", _TIMER, str(texts)],
                env=env, capture_output=True, text=True, check=True,
            ).stdout.split()  # fmt: skip
            stories, paragraphs, best = int(out[0]), int(out[1]), float(out[2])
            seconds[name].append(best)
            print(f"round {round_} {name} ({commit[:12]}): {stories} stories, "
                  f"{paragraphs} paragraphs, {best:.2f} s", flush=True)  # fmt: skip
    now, before = (statistics.median(seconds[n]) for n in ("now", "before"))
    print(f"median: now {now:.2f} s, before {before:.2f} s, now/before {now / before:.2f}")


if __name__ == "__main__":
    main()
