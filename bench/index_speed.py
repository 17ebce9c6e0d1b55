"""Indexing speed against an older commit: one corpus, the two trees in turn.

    python bench/index_speed.py --against dafdb24 --passages 100000 --runs 3

Builds (or reuses) the bench corpus of N passages (bench/generate.py, seed 1),
exports the archive package as committed at HEAD and at `--against` under
`--work`, then indexes the corpus into a fresh home with each tree in turn
(`python -m archive --home H index CORPUS/corpus`, PYTHONPATH set to the tree),
a warm-up round first and `--runs` counted rounds after it. Each run's CPU time
(user + system of the process and the processes it waited for), wall time and
peak memory are the operating system's (GNU time, see measure.run). Both trees
must store the same documents and passages. Taking turns spreads what else the
machine is doing over both; the ratio is taken run by run, now over before, and
its median is the figure to quote. Writes bench/results/index-speed.{json,md}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import measure
from run import environment, snapshot

BENCH = Path(__file__).resolve().parent


def corpus(work: Path, passages: int, seed: int) -> Path:
    """The bench corpus of `passages` passages, made once."""
    folder = work / f"index-speed-{passages}-seed{seed}"
    if not (folder / "corpus").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(BENCH / "generate.py"), "--passages", str(passages),
             "--out", str(folder), "--seed", str(seed)],
            check=True,
        )  # fmt: skip
    return folder / "corpus"


def index_once(tree: Path, source: Path) -> dict:
    """Index `source` into a fresh home with the package in `tree`."""
    env = environment()
    env["PYTHONPATH"] = str(tree)
    env["PYTHONSAFEPATH"] = "1"  # `python -m` puts the working folder first: the checkout
    with tempfile.TemporaryDirectory(prefix="index-speed-") as tmp:
        home = Path(tmp) / "home"
        done = measure.run([sys.executable, "-m", "archive", "--home", str(home), "index",
                            str(source)], env)  # fmt: skip
        if done.code != 0:
            raise SystemExit(f"{tree}: index exited {done.code}: {done.stderr[-2000:]}")
        with sqlite3.connect(home / "catalog.sqlite") as conn:
            stored = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("documents", "passages")]  # fmt: skip
    return {"cpu_s": done.cpu_seconds, "wall_s": done.seconds, "peak_mb": done.peak_mb,
            "documents": stored[0], "passages": stored[1]}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="dafdb24", help="the older commit")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--limit", type=float, default=1.15, help="the most 'now' may take")
    args = parser.parse_args(argv)
    source = corpus(args.work, args.passages, args.seed)
    trees = {"now": snapshot(args.work), "before": snapshot(args.work, args.against)}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    started = dt.datetime.now(dt.UTC)
    for round_ in range(args.runs + 1):  # round 0 warms up
        for name, (tree, _) in trees.items():
            done = index_once(tree, source)
            print(f"round {round_} {name}: {done}", flush=True)
            if round_:
                runs[name].append(done)
    stored = {(r["documents"], r["passages"]) for rs in runs.values() for r in rs}
    if len(stored) != 1:
        raise SystemExit(f"the trees stored different counts: {stored}")
    ratios = [n["cpu_s"] / b["cpu_s"] for n, b in zip(runs["now"], runs["before"], strict=True)]
    walls = [n["wall_s"] / b["wall_s"] for n, b in zip(runs["now"], runs["before"], strict=True)]
    results = {
        "started": started.isoformat(timespec="seconds"),
        "load_at_end": measure.load(),
        "machine": measure.machine(),
        "passages": args.passages,
        "seed": args.seed,
        "commits": {name: commit for name, (_, commit) in trees.items()},
        "runs": runs,
        "cpu_ratio": ratios,
        "wall_ratio": walls,
        "limit": args.limit,
    }
    measure.save(BENCH / "results" / "index-speed.json", results)
    (BENCH / "results" / "index-speed.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))


def markdown(results: dict) -> str:
    commits, runs = results["commits"], results["runs"]
    lines = [
        f"# Indexing {results['passages']:,} passages: now against before",
        "",
        f"now = {commits['now'][:12]}, before = {commits['before'][:12]}; "
        f"started {results['started']}, load at the end {results['load_at_end']}; "
        f"{len(runs['now'])} counted runs each, in turn, after a warm-up.",
        "",
        "| | CPU s (median) | wall s (median) | peak MB (max) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in ("now", "before"):
        rs = runs[name]
        lines.append(
            f"| {name} | {statistics.median(r['cpu_s'] for r in rs):.1f}"
            f" | {statistics.median(r['wall_s'] for r in rs):.1f}"
            f" | {max(r['peak_mb'] for r in rs):.0f} |"
        )
    cpu, wall = results["cpu_ratio"], results["wall_ratio"]
    lines += [
        "",
        f"CPU now/before, run by run: {', '.join(f'{r:.3f}' for r in cpu)}; "
        f"median **{statistics.median(cpu):.3f}** (limit {results['limit']}). "
        f"Wall: {', '.join(f'{r:.3f}' for r in wall)}; median {statistics.median(wall):.3f}.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
