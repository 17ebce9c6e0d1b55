"""Whole-process measurements: wall time and peak memory of one command, and the machine."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

GNU_TIME = "/usr/bin/time"
# Without GNU time, a fresh Python wrapper runs the command and reports its
# child's peak RSS (ru_maxrss of RUSAGE_CHILDREN is the largest child's, in KB)
# and CPU time.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:], stdout=open(sys.argv[1], 'wb'))\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime, use.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Run:
    seconds: float  # wall
    cpu_seconds: float  # user + system
    peak_mb: float
    code: int
    stdout: str
    stderr: str


def run(command: list[str], env: dict[str, str] | None = None, timeout: float = 7200) -> Run:
    """Run `command` once: wall time (measured here), CPU time and peak resident memory."""
    gnu = Path(GNU_TIME).exists()
    with tempfile.TemporaryDirectory() as tmp:
        out, usage = Path(tmp) / "out", Path(tmp) / "usage"
        if gnu:
            wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(usage), *command]
        else:
            wrapped = [sys.executable, "-c", _WRAPPER, str(out), *command]
        with out.open("ab") as handle:
            started = time.perf_counter()
            done = subprocess.run(
                wrapped, stdout=handle, stderr=subprocess.PIPE, env=env, timeout=timeout
            )
            seconds = time.perf_counter() - started
        stderr = done.stderr.decode("utf-8", "replace").rstrip().splitlines()
        if gnu:
            # GNU time writes "Command exited with non-zero status N" first on failure.
            kb, user, system = usage.read_text().split()[-3:]
        else:
            (kb, user, system), stderr = stderr[-1].split(), stderr[:-1]
        text = out.read_text("utf-8", "replace")
    return Run(
        seconds,
        float(user) + float(system),
        int(kb) / 1024,
        done.returncode,
        text,
        "\n".join(stderr),
    )


def interleaved(commands: dict[str, list[str]], runs: int, env: dict[str, str] | None = None):
    """Each command once to warm up, then `runs` rounds of all of them in turn.

    Taking turns spreads the load of other processes on the machine evenly over
    the systems compared. Per command: the median wall and CPU time, the largest
    peak memory, and the warm-up run's output.
    """
    first = {}
    for name, command in commands.items():
        done = run(command, env)
        if done.code != 0:
            raise RuntimeError(f"{' '.join(command)} exited {done.code}: {done.stderr[-2000:]}")
        first[name] = done
    measured: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            measured[name].append(run(command, env))
    results = {}
    for name, done in measured.items():
        times = [r.seconds * 1000 for r in done]
        results[name] = {
            "ms": round(statistics.median(times), 1),
            "cpu_ms": round(statistics.median(r.cpu_seconds * 1000 for r in done), 1),
            "runs_ms": [round(t, 1) for t in times],
            "peak_mb": round(max(r.peak_mb for r in done), 1),
            "output": first[name].stdout[:4000],
        }
    return results


def disk_mb(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 1e6, 1)
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def load() -> str:
    """The 1, 5 and 15 minute load averages: other work running on the machine."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    packages = {}
    for name in ("archive", "tantivy", "whoosh3", "click", "numpy", "matplotlib"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        if shutil.which("nproc")
        else None,
        "cpu_model": cpu,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": packages,
        "archive_commit": commit,
    }


def save(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
