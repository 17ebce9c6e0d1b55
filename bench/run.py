"""The archive benchmark: index and search N passages of real text, peers side by side.

    python bench/run.py --sizes 10000 100000 1000000

For each N: generate the corpus (bench/generate.py), then for each system —
the archive (tantivy engine), a bare tantivy script, SQLite FTS5, and the
archive with --engine whoosh up to --whoosh-max passages — build its index in
a fresh subprocess and measure wall time and peak memory, then run one
process per query class (--runs times after a warm-up; the median time and
the largest peak are kept). Also `archive --help` start-up. Writes
bench/results/results.json, results.md and cost-vs-n.png, and prints each
target's pass or fail. Where a target is missed at the largest N, the
archive process is run again under cProfile and the top entries go into
results.md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

import measure
import report

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
ARCHIVE = str(Path(PYTHON).with_name("archive"))
PEERS = BENCH / "peers"

# The query classes: (name, query words, options). The same words and filters go to every system.
CLASSES: list[tuple[str, str, dict]] = [
    ("single term", "health", {}),
    ("two terms", "tax rise", {}),
    ("phrase", '"prime minister"', {}),
    ("term + date range", "housing", {"since": "2000-01-01", "until": "2009-12-31"}),
    ("term + speaker", "government", {"speaker": "Philip Hollobone"}),
    ("sort by date", "election", {"sort": "newest"}),
    ("timeline", "war", {"timeline": True}),
]
FILTERED = ("term + date range", "term + speaker")
LONG_BUILD_S = 60.0
SYSTEMS = ("archive", "tantivy", "fts5", "archive-whoosh")


CODE: Path | None = None  # a snapshot of the archive's code to run instead of the checkout


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVE_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if CODE is not None:
        env["PYTHONPATH"] = str(CODE)  # found before the editable install's finder
        env["PYTHONSAFEPATH"] = "1"  # and before the checkout, were it the working folder
    return env


def snapshot(work: Path, rev: str = "HEAD") -> tuple[Path, str]:
    """The archive package as committed at `rev`, exported beside the corpora.

    Other people may be editing the checkout while a long run goes on; every
    process of the run imports the same committed code.
    """
    commit = subprocess.run(
        ["git", "rev-parse", rev], capture_output=True, text=True, cwd=BENCH, check=True
    ).stdout.strip()
    folder = work / f"code-{commit[:12]}"
    if not (folder / "archive" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        tar = subprocess.run(
            ["git", "archive", "--format=tar", commit, "archive"],
            capture_output=True,
            cwd=BENCH.parent,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(folder, filter="data")
    return folder, commit


def archive_search(home: Path, query: str, options: dict) -> list[str]:
    if options.get("timeline"):
        return [ARCHIVE, "--home", str(home), "timeline", query, "--by", "year"]
    command = [ARCHIVE, "--home", str(home), "search", query]
    for name in ("since", "until", "speaker", "sort"):
        if options.get(name):
            command += [f"--{name}", options[name]]
    return command


def peer_search(script: str, target: Path, query: str, options: dict) -> list[str]:
    command = [PYTHON, str(PEERS / script), "search", str(target), query]
    for name in ("since", "until", "speaker", "sort"):
        if options.get(name):
            command += [f"--{name}", options[name]]
    if options.get("timeline"):
        command.append("--timeline")
    return command


class Size:
    """One N: its corpus, the systems built on it and their measurements."""

    def __init__(self, n: int, args: argparse.Namespace):
        self.n, self.args = n, args
        self.folder = args.work / str(n)
        self.corpus = self.folder / "corpus"
        self.dump = self.folder / "passages.jsonl"
        self.saved = self.folder / "measurements"

    def target(self, system: str) -> Path:
        return (
            self.folder
            / {
                "archive": "archive-home",
                "tantivy": "tantivy-index",
                "fts5": "fts5.db",
                "archive-whoosh": "whoosh-home",
            }[system]
        )

    def generate(self) -> dict:
        manifest = self.folder / "manifest.json"
        if self.args.reuse and manifest.exists():
            known = json.loads(manifest.read_text())
            if known.get("passages") == self.n and known.get("seed") == self.args.seed:
                return known
        shutil.rmtree(self.folder, ignore_errors=True)
        command = [
            PYTHON,
            str(BENCH / "generate.py"),
            "--passages",
            str(self.n),
            "--out",
            str(self.folder),
            "--seed",
            str(self.args.seed),
        ]
        done = measure.run(command)
        if done.code != 0:
            raise SystemExit(f"generating {self.n} passages failed:\n{done.stderr}")
        return json.loads(manifest.read_text())

    def index_command(self, system: str) -> list[str]:
        target = str(self.target(system))
        if system == "archive":
            return [ARCHIVE, "--home", target, "index", str(self.corpus)]
        if system == "archive-whoosh":
            return [ARCHIVE, "--home", target, "--engine", "whoosh", "index", str(self.corpus)]
        return [
            PYTHON,
            str(PEERS / f"{system.replace('tantivy', 'tantivy_bare')}.py"),
            "index",
            str(self.dump),
            target,
        ]

    def search_command(self, system: str, query: str, options: dict) -> list[str]:
        if system.startswith("archive"):
            return archive_search(self.target(system), query, options)
        script = "tantivy_bare.py" if system == "tantivy" else "fts5.py"
        return peer_search(script, self.target(system), query, options)

    def index(self, system: str, manifest: dict) -> dict:
        saved = self.saved / f"{system}.index.json"
        if self.args.reuse and saved.exists() and self.target(system).exists():
            return json.loads(saved.read_text())
        measured = []
        while len(measured) < (self.args.index_runs or 3):
            remove(self.target(system))
            done = measure.run(self.index_command(system), environment())
            if done.code != 0:
                raise SystemExit(f"{system} index failed ({done.code}):\n{done.stderr[-3000:]}")
            measured.append(done)
            if not self.args.index_runs and done.seconds > LONG_BUILD_S:
                break  # one long build is measurement enough
        seconds = statistics.median(r.seconds for r in measured)
        source_bytes = manifest["corpus_bytes" if system.startswith("archive") else "dump_bytes"]
        result = {
            "seconds": round(seconds, 2),
            "cpu_seconds": round(statistics.median(r.cpu_seconds for r in measured), 2),
            "runs_s": [round(r.seconds, 2) for r in measured],
            "peak_mb": round(max(r.peak_mb for r in measured), 1),
            "passages_per_s": round(self.n / seconds, 1),
            "input_mb": round(source_bytes / 1e6, 1),
            "mb_per_s": round(source_bytes / 1e6 / seconds, 2),
            "size_mb": measure.disk_mb(self.target(system)),
            "passages_indexed": self.count(system, measured[-1].stdout),
        }
        measure.save(saved, result)
        return result

    def count(self, system: str, output: str) -> int | None:
        if system.startswith("archive"):
            stats = measure.run(
                [ARCHIVE, "--home", str(self.target(system)), "stats", "--format", "json"],
                environment(),
            )
            return json.loads(stats.stdout)["passages"] if stats.code == 0 else None
        found = re.search(r"indexed (\d+) passages", output)
        return int(found.group(1)) if found else None

    def searches(self, systems: list[str]) -> dict[str, dict]:
        """Every query class on every system, the systems taking turns run by run."""
        found: dict[str, dict] = {system: {} for system in systems}
        for name, query, options in CLASSES:
            commands = {s: self.search_command(s, query, options) for s in systems}
            measured = measure.interleaved(commands, self.args.runs, environment())
            for system, result in measured.items():
                result["total"] = total(result.pop("output"))
                result["command"] = display(commands[system])
                found[system][name] = result
            print(
                f"  {name}: "
                + ", ".join(
                    f"{s} {r['ms']:.0f} ms" for s, r in ((s, found[s][name]) for s in systems)
                ),
                flush=True,
            )
        return found


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def total(output: str) -> int | None:
    if "No passages match" in output:
        return 0
    found = re.search(r"of ([\d,]+) passages|^total (\d+)", output, re.M)
    if not found:
        return None
    return int((found.group(1) or found.group(2)).replace(",", ""))


def display(command: list[str]) -> str:
    """A command as a reader would type it, with the benchmark's paths shortened."""
    shown = []
    for part in command:
        part = part.replace(PYTHON, "python").replace(ARCHIVE, "archive")
        part = part.replace(str(BENCH.parent) + "/", "")
        shown.append(part if re.fullmatch(r"[\w./:=+-]+", part) else repr(part))
    return " ".join(shown)


# The floor under every search process: Python itself, and the libraries any
# click CLI over tantivy and SQLite loads before a line of its own runs.
FLOORS = {
    "python": [PYTHON, "-c", "pass"],
    "libraries": [PYTHON, "-c", "import click, tantivy, sqlite3"],
}


def startup(runs: int) -> dict:
    commands = {"help": [ARCHIVE, "--help"], **FLOORS}
    measured = measure.interleaved(commands, runs, environment())
    for done in measured.values():
        done.pop("output")
    help_run = measured.pop("help")
    return {**help_run, "floors": measured}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per query (median)")
    parser.add_argument(
        "--index-runs",
        type=int,
        default=0,
        help=f"index builds per system (median); default 3, or 1 when it takes over "
        f"{LONG_BUILD_S:.0f} s",
    )
    parser.add_argument("--whoosh-max", type=int, default=100_000)
    parser.add_argument(
        "--work",
        type=Path,
        default=BENCH / "work",
        help="where corpora and indexes go (large: about 6 GB at 1M)",
    )
    parser.add_argument("--results", type=Path, default=BENCH / "results")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep corpora and indexes already built with the same N and seed",
    )
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="write results.md and the chart again from results.json",
    )
    parser.add_argument(
        "--code",
        choices=("head", "checkout"),
        default="head",
        help="run the archive as committed at HEAD (default; a snapshot under --work) or "
        "as it is in the checkout, uncommitted edits and all",
    )
    args = parser.parse_args(argv)
    args.work = args.work.resolve()
    out = args.results / "results.json"
    if args.report_only:
        results = json.loads(out.read_text(encoding="utf-8"))
        results["targets"] = report.targets(results)
        report.write(results, args.results)
        return
    command = "python bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    global CODE
    code = "the checkout, uncommitted edits included"
    if args.code == "head":
        CODE, commit = snapshot(args.work)
        code = f"commit {commit[:12]} (a snapshot; uncommitted edits in the checkout left out)"
    results = {
        "command": command,
        "code": code,
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "load_before": measure.load(),
        "machine": measure.machine(),
        "classes": [{"name": n, "query": q, "options": o} for n, q, o in CLASSES],
        "filtered_classes": list(FILTERED),
        "sizes": {},
    }
    print(f"load average {results['load_before']}; `archive --help` ...", flush=True)
    results["startup"] = startup(10)
    for n in sorted(args.sizes):
        size = Size(n, args)
        print(f"{n} passages: generating ...", flush=True)
        manifest = size.generate()
        entry = {"corpus": manifest, "systems": {}}
        results["sizes"][str(n)] = entry
        systems = [s for s in SYSTEMS if s != "archive-whoosh" or n <= args.whoosh_max]
        for system in systems:
            print(f"{n} passages: {system} index ...", flush=True)
            built = size.index(system, manifest)
            print(
                f"  {built['seconds']} s, {built['passages_per_s']:.0f} passages/s, "
                f"{built['peak_mb']} MB peak, {built['size_mb']} MB on disk",
                flush=True,
            )
            entry["systems"][system] = {"index": built}
        print(f"{n} passages: searches, {args.runs} runs each, systems in turn ...", flush=True)
        for system, found in size.searches(systems).items():
            entry["systems"][system]["search"] = found
        measure.save(out, results)
    results["load_after"] = measure.load()
    results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    results["targets"] = report.targets(results)
    if not args.no_profile:
        results["profiles"] = report.profiles(results, args, Size, environment())
    measure.save(out, results)
    report.write(results, args.results)
    for target in results["targets"]:
        print(("PASS " if target["pass"] else "FAIL ") + target["name"] + ": " + target["detail"])


if __name__ == "__main__":
    main()
