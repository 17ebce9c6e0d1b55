"""The xapian engine beside tantivy: local, and on shards behind xapian-tcpsrv servers.

    python bench/engines.py --sizes 10000 100000 1000000 --shards 4

For each N it takes the corpus and the tantivy archive that bench/run.py
builds in --work (building them when missing: the same Size class, so
`--reuse` shares them with run.py), copies that archive's catalog into three
homes and rebuilds each index from it in a fresh process, measured
(`archive reindex`, `reindex --engine xapian`, `reindex --engine xapian
--shards ...` onto --shards xapian-tcpsrv servers started here on 127.0.0.1,
free ports, each in its own process group, stopped at the end). So the three
builds index the very same passages and only the engine differs. Then:

- one process per query class (bench/run.py's seven classes), the three
  systems taking turns, --runs times after a warm-up; median wall and CPU
  time, largest peak memory, the total found (they must agree);
- warm in-process latency: a fresh process per system opens the archive
  once, runs each class 3 times to warm up and --warm times measured
  (median and p99 ms) and reports its own peak memory.

For the shards the servers' memory and CPU are measured too: their process
groups (the server and the child it forks for each connection) are read
from /proc every 0.2 s; peak is the largest sum of resident memory seen.
Writes bench/results/xapian.json, xapian.md and xapian-cost-vs-n.png.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import measure
import report
import run as bench

SYSTEMS = {
    "tantivy": "archive, tantivy",
    "xapian": "archive, xapian (local)",
    "xapian-shards": "archive, xapian (shards)",
}
TCPSRV = shutil.which("xapian-tcpsrv")


# -- shard servers ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Servers:
    """`count` writable xapian-tcpsrv servers on 127.0.0.1, watched for memory and CPU."""

    def __init__(self, folder: Path, count: int):
        self.folder, self.count = folder, count
        self.processes: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.peak_mb = 0.0
        self._ticks: dict[int, int] = {}  # pid -> CPU ticks last seen (children die unreaped)
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watching, daemon=True)

    @property
    def addresses(self) -> str:
        return ",".join(f"127.0.0.1:{port}" for port in self.ports)

    def __enter__(self) -> Servers:
        for n in range(self.count):
            data = self.folder / f"shard{n}"
            data.mkdir(parents=True, exist_ok=True)
            port = free_port()
            command = [TCPSRV, "--writable", "--interface", "127.0.0.1", "--port", str(port)]
            self.processes.append(
                subprocess.Popen(
                    [*command, str(data)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
            self.ports.append(port)
        for port in self.ports:
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port)).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"xapian-tcpsrv on port {port} did not start") from None
                    time.sleep(0.05)
        self._watch.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._watch.join()
        for process in self.processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)

    def _group(self) -> list[int]:
        groups = {p.pid for p in self.processes}
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    if int(_stat(int(entry))[2]) in groups:  # field 5: process group
                        found.append(int(entry))
        return found

    def _watching(self) -> None:
        while not self._stop.wait(0.2):
            pids = self._group()
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(pid) for pid in pids))
            for pid in pids:
                with contextlib.suppress(OSError, ValueError):
                    self._ticks[pid] = sum(int(f) for f in _stat(pid)[11:13])  # utime stime

    def reset(self) -> None:
        self.peak_mb = 0.0

    def cpu_seconds(self) -> float:
        """CPU of the servers and the children they fork a connection, as last seen
        (sampled every 0.2 s: a child's last 0.2 s before it ends can be missed)."""
        return sum(self._ticks.values()) / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name (field 3 onward)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _rss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- one N ----------------------------------------------------------------------


def copy_catalog(source: Path, home: Path) -> None:
    """A home with the source archive's catalog and no index (SQLite's backup: a whole copy)."""
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    with (
        sqlite3.connect(source / "catalog.sqlite") as old,
        sqlite3.connect(home / "catalog.sqlite") as new,
    ):
        old.backup(new)


def build(system: str, home: Path, source: Path, servers: Servers | None) -> dict:
    copy_catalog(source, home)
    command = [bench.ARCHIVE, "--home", str(home), "reindex"]
    if system != "tantivy":
        command += ["--engine", "xapian"]
    if system == "xapian-shards":
        command += ["--shards", servers.addresses]
        servers.reset()
        cpu_before = servers.cpu_seconds()
    done = measure.run(command, bench.environment())
    if done.code != 0:
        raise SystemExit(f"{system} reindex failed ({done.code}):\n{done.stderr[-3000:]}")
    result = {
        "seconds": round(done.seconds, 2),
        "cpu_seconds": round(done.cpu_seconds, 2),
        "peak_mb": round(done.peak_mb, 1),
        "command": bench.display(command),
        "output": done.stdout.strip(),
    }
    if system == "xapian-shards":
        result["servers_cpu_seconds"] = round(servers.cpu_seconds() - cpu_before, 2)
        result["servers_peak_mb"] = round(servers.peak_mb, 1)
        result["size_mb"] = measure.disk_mb(servers.folder)
    else:
        result["size_mb"] = measure.disk_mb(home / "index")
    return result


def warm(home: Path, runs: int) -> dict:
    """Run in a fresh process (`--warm HOME`): each class in this process, warm."""
    command = [bench.PYTHON, __file__, "--warm-home", str(home), "--warm", str(runs)]
    done = measure.run(command, bench.environment())
    if done.code != 0:
        raise SystemExit(f"warm searches in {home} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def warm_here(home: Path, runs: int) -> None:
    from archive.api import Archive

    found = {}
    with Archive.open(home, read_only=True) as archive:
        archive.on_warning = lambda message: None
        for name, query, options in bench.CLASSES:

            def call(query=query, options=options):
                if options.get("timeline"):
                    return archive.timeline(query, by="year")
                filters = {k: options[k] for k in ("since", "until") if k in options}
                if "speaker" in options:
                    filters["speakers"] = [options["speaker"]]
                return archive.search(query, sort=options.get("sort"), **filters)

            for _ in range(3):
                call()
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                call()
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            found[name] = {
                "ms": round(statistics.median(times), 2),
                "p99_ms": round(times[min(len(times) - 1, round(0.99 * (len(times) - 1)))], 2),
            }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"classes": found, "peak_mb": round(peak, 1)}))


def one_size(n: int, args: argparse.Namespace) -> dict:
    size = bench.Size(n, args)
    print(f"{n} passages: corpus and tantivy archive (bench/run.py's, --reuse) ...", flush=True)
    manifest = size.generate()
    if not (size.target("archive") / "catalog.sqlite").exists():
        size.index("archive", manifest)
    source = size.target("archive")
    homes = {s: size.folder / f"engine-{s}" for s in SYSTEMS}
    entry: dict = {"corpus": manifest, "shards": args.shards, "systems": {}}
    shard_folder = size.folder / f"xapian-{args.shards}-shards"
    shutil.rmtree(shard_folder, ignore_errors=True)
    with Servers(shard_folder, args.shards) as servers:
        for system in SYSTEMS:
            print(f"{n} passages: {system} build ...", flush=True)
            built = build(system, homes[system], source, servers)
            print(f"  {built['seconds']} s, {built['peak_mb']} MB peak", flush=True)
            entry["systems"][system] = {"index": built}
        print(f"{n} passages: one process per query, {args.runs} runs, in turn ...", flush=True)
        for name, query, options in bench.CLASSES:
            commands = {s: bench.archive_search(homes[s], query, options) for s in SYSTEMS}
            measured = measure.interleaved(commands, args.runs, bench.environment())
            for system, result in measured.items():
                result["total"] = bench.total(result.pop("output"))
                result["command"] = bench.display(commands[system])
                entry["systems"][system].setdefault("search", {})[name] = result
            print(
                f"  {name}: " + ", ".join(f"{s} {r['ms']:.0f} ms" for s, r in measured.items()),
                flush=True,
            )
        servers.reset()
        for system in SYSTEMS:
            entry["systems"][system]["warm"] = warm(homes[system], args.warm)
        entry["systems"]["xapian-shards"]["warm"]["servers_peak_mb"] = round(servers.peak_mb, 1)
    if not args.keep:
        for home in homes.values():
            shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(shard_folder, ignore_errors=True)
    return entry


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="processes per query (median)")
    parser.add_argument("--warm", type=int, default=20, help="warm searches per class")
    parser.add_argument("--work", type=Path, default=bench.BENCH / "work")
    parser.add_argument("--results", type=Path, default=bench.BENCH / "results")
    parser.add_argument("--reuse", action="store_true", help="see bench/run.py")
    parser.add_argument("--keep", action="store_true", help="keep the homes and shards built")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--warm-home", type=Path, help=argparse.SUPPRESS)  # see `warm`
    args = parser.parse_args(argv)
    if args.warm_home:
        warm_here(args.warm_home, args.warm)
        return
    args.work = args.work.resolve()
    args.index_runs = 1
    out = args.results / "xapian.json"
    if args.report_only:
        write(json.loads(out.read_text(encoding="utf-8")), args.results)
        return
    if TCPSRV is None:
        raise SystemExit("xapian-tcpsrv is not installed (apt-get install xapian-tools)")
    bench.CODE, commit = bench.snapshot(args.work)
    results = {
        "command": "python bench/engines.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "code": f"commit {commit[:12]}",
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "load_before": measure.load(),
        "machine": measure.machine(),
        "classes": [{"name": n, "query": q, "options": o} for n, q, o in bench.CLASSES],
        "sizes": {},
    }
    for n in sorted(args.sizes):
        results["sizes"][str(n)] = one_size(n, args)
        measure.save(out, results)
    results["load_after"] = measure.load()
    results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    measure.save(out, results)
    write(results, args.results)


# -- the report -------------------------------------------------------------------


def write(results: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xapian.md").write_text(markdown(results), encoding="utf-8")
    sized = {
        "classes": results["classes"],
        "sizes": {
            n: {"systems": {s: e for s, e in entry["systems"].items()}}
            for n, entry in results["sizes"].items()
        },
    }
    report.chart(
        sized,
        folder / "xapian-cost-vs-n.png",
        names=SYSTEMS,
        guide="tantivy",
        heading="xapian beside tantivy: cost against N (log-log; lower is better)",
    )


def markdown(results: dict) -> str:
    lines = [
        "# Xapian beside tantivy",
        "",
        f"`{results['command']}` ({results['code']}), started {results['started']}, "
        f"finished {results.get('finished', '(not finished)')}; load average before "
        f"{results['load_before']}, after {results.get('load_after', '?')}.",
        "",
        "Each system's index is rebuilt from one copy of the same catalog (`archive reindex`),",
        "so only the engine differs. Shards: xapian-tcpsrv servers on this machine; their",
        "CPU and memory are counted apart from the client's.",
        "",
        "## Building the index",
        "",
        "| N | system | wall s | passages/s | client CPU s | client peak MB "
        "| servers CPU s | servers peak MB | on disk MB |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    sizes = sorted(results["sizes"], key=int)
    for n in sizes:
        for system, entry in results["sizes"][n]["systems"].items():
            i = entry["index"]
            lines.append(
                f"| {int(n):,} | {SYSTEMS[system]} | {i['seconds']:.1f} | "
                f"{int(n) / i['seconds']:,.0f} | {i['cpu_seconds']:.1f} | {i['peak_mb']:.0f} | "
                f"{_opt(i.get('servers_cpu_seconds'), '.1f')} | "
                f"{_opt(i.get('servers_peak_mb'), '.0f')} | {i['size_mb']:,.0f} |"
            )

    def process(r: dict) -> str:
        return f"{r['ms']:.0f} ms, {r['peak_mb']:.0f} MB, {_opt(r.get('total'), ',')}"

    def warm(w: dict) -> str:
        return f"{w['ms']:.1f} / {w['p99_ms']:.1f}"

    lines += _class_table(
        results, "One process per query (median ms, wall; peak MB; total found)",
        lambda entry, name: entry.get("search", {}).get(name), process,
    )  # fmt: skip
    lines += _class_table(
        results, "Warm, in one process (median / p99 ms; the process's peak MB)",
        lambda entry, name: entry.get("warm", {}).get("classes", {}).get(name), warm,
    )  # fmt: skip
    for n in sizes:
        systems = results["sizes"][n]["systems"]
        peaks = []
        for system in SYSTEMS:
            w = systems[system].get("warm", {})
            peak = f"{_opt(w.get('peak_mb'), '.0f')} MB"
            if "servers_peak_mb" in w:
                peak += f" + servers {w['servers_peak_mb']:.0f} MB"
            peaks.append(peak)
        lines.append(f"| {int(n):,} | peak memory | " + " | ".join(peaks) + " |")
    lines += ["", "![cost against N](xapian-cost-vs-n.png)", ""]
    return "\n".join(lines)


def _class_table(results: dict, heading: str, find, show) -> list[str]:
    """A table of N x query class, a column per system: `show` of what `find` finds."""
    lines = [
        "",
        f"## {heading}",
        "",
        "| N | class | " + " | ".join(SYSTEMS.values()) + " |",
        "| ---: | --- | " + " | ".join("---:" for _ in SYSTEMS) + " |",
    ]
    for n in sorted(results["sizes"], key=int):
        systems = results["sizes"][n]["systems"]
        for c in results["classes"]:
            found = [find(systems[system], c["name"]) for system in SYSTEMS]
            cells = ["-" if f is None else show(f) for f in found]
            lines.append(f"| {int(n):,} | {c['name']} | " + " | ".join(cells) + " |")
    return lines


def _opt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


if __name__ == "__main__":
    main()
