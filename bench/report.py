"""Targets, profiles of the misses, and the results written as Markdown and a chart."""

from __future__ import annotations

import io
import itertools
import math
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

import measure

SEARCH_LIMIT = 2.0  # archive / bare tantivy, per search process
SEARCH_MB = 100.0
FTS5_FACTOR = 5.0  # FTS5 / archive on the filtered classes
INDEX_SHARE = 0.5  # archive / bare tantivy passages per second
STARTUP_MS = 150.0
PROFILE_INDEX_MAX = 100_000  # index profiles at most this N: the cost per passage is the same
SYSTEM_NAMES = {
    "archive": "archive (tantivy)",
    "tantivy": "bare tantivy",
    "fts5": "SQLite FTS5",
    "archive-whoosh": "archive (whoosh)",
}


def _largest(results: dict) -> tuple[int, dict]:
    n = max(int(k) for k in results["sizes"])
    return n, results["sizes"][str(n)]["systems"]


def _per(entry: dict, key: str) -> float:
    """A CPU figure, never zero (GNU time counts in 10 ms steps)."""
    return max(entry.get(key) or 0.0, 1.0)


def targets(results: dict) -> list[dict]:
    n, systems = _largest(results)
    at = f" at {n:,}"
    found = []

    def add(name: str, passed: bool, detail: str, **facts) -> None:
        found.append({"name": name + at, "pass": bool(passed), "detail": detail, **facts})

    archive, bare, fts5 = systems["archive"], systems["tantivy"], systems["fts5"]
    share = archive["index"]["passages_per_s"] / bare["index"]["passages_per_s"]
    add(
        "archive index >= 0.5x bare tantivy passages/s",
        share >= INDEX_SHARE,
        f"{archive['index']['passages_per_s']:.0f} vs {bare['index']['passages_per_s']:.0f} "
        f"passages/s = {share:.2f}x (per CPU second: "
        f"{_per(bare['index'], 'cpu_seconds') / _per(archive['index'], 'cpu_seconds'):.2f}x)",
        kind="index",
        ratio=round(share, 3),
    )
    for name, ours in archive["search"].items():
        floor = bare["search"][name]
        ratio = ours["ms"] / floor["ms"]
        add(
            f"{name}: archive search <= 2x bare tantivy",
            ratio <= SEARCH_LIMIT,
            f"{ours['ms']:.0f} vs {floor['ms']:.0f} ms = {ratio:.2f}x (CPU "
            f"{_per(ours, 'cpu_ms'):.0f} vs {_per(floor, 'cpu_ms'):.0f} ms = "
            f"{_per(ours, 'cpu_ms') / _per(floor, 'cpu_ms'):.2f}x)",
            kind="search",
            query_class=name,
            ratio=round(ratio, 3),
        )
        add(
            f"{name}: archive search <= 100 MB peak",
            ours["peak_mb"] <= SEARCH_MB,
            f"{ours['peak_mb']:.0f} MB",
            kind="search-memory",
            query_class=name,
        )
    for name in results["filtered_classes"]:
        ours, theirs = archive["search"][name], fts5["search"][name]
        factor = theirs["ms"] / ours["ms"]
        add(
            f"{name}: archive >= 5x faster than FTS5",
            factor >= FTS5_FACTOR,
            f"FTS5 {theirs['ms']:.0f} ms / archive {ours['ms']:.0f} ms = {factor:.2f}x (CPU "
            f"{_per(theirs, 'cpu_ms') / _per(ours, 'cpu_ms'):.2f}x)",
            kind="fts5",
            query_class=name,
            ratio=round(factor, 3),
        )
    sizes = sorted(int(k) for k in results["sizes"])
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        for name in archive["search"]:
            cost = {
                s: results["sizes"][str(s)]["systems"]["archive"]["search"][name]["ms"]
                for s in sizes
            }
            slope = math.log(cost[high] / cost[low]) / math.log(high / low)
            steps = [
                math.log(cost[b] / cost[a]) / math.log(b / a) for a, b in itertools.pairwise(sizes)
            ]
            worst = max(steps)
            # The same without the fixed start-up cost, which hides growth at small N:
            # the floor of Python and the libraries, where measured (`--help` also
            # prints the help, so it can cost more than a search).
            base = _startup_floor(results["startup"])
            low_work, high_work = max(cost[low] - base, 1.0), max(cost[high] - base, 1.0)
            work = math.log(high_work / low_work) / math.log(high / low)
            add(
                f"{name}: per-query cost sub-linear {low:,}->{high:,}",
                slope < 1 and worst < 1,
                f"{cost[low]:.0f} -> {cost[high]:.0f} ms, exponent {slope:.2f} "
                f"(steepest step {worst:.2f}; linear is 1); above the start-up floor "
                f"{low_work:.0f} -> {high_work:.0f} ms, exponent {work:.2f}",
                kind="scaling",
                query_class=name,
                exponent=round(slope, 3),
            )
    ms = results["startup"]["ms"]
    found.append(
        {
            "name": "archive --help start-up < 150 ms",
            "pass": ms < STARTUP_MS,
            "detail": f"median {ms:.0f} ms of 10",
            "kind": "startup",
        }
    )
    return found


# -- profiles -------------------------------------------------------------------------


# Frames every profile has at the top and that say nothing: the interpreter,
# runpy, click's dispatch and the import machinery (imports are summed apart).
_WRAPPERS = ("<frozen", "<string>", "<built-in method builtins.exec>", "click/", "runpy")


def summarise(profile: Path, top: int = 15) -> str:
    """The top entries by cumulative time and by own time, paths shortened.

    Wrapper frames (interpreter, click dispatch, import machinery) are left
    out; the time spent importing modules is given as one line instead.
    """
    stats = pstats.Stats(str(profile), stream=io.StringIO())
    stats.sort_stats("cumulative")
    total = max(ct for _, _, _, ct, _ in stats.stats.values())
    imports = max(
        (
            ct
            for (file, _, name), (_, _, _, ct, _) in stats.stats.items()
            if name == "_find_and_load" and "importlib._bootstrap" in file
        ),
        default=0.0,
    )
    rows = []
    for func in stats.fcn_list:
        calls, _, own, cumulative, _ = stats.stats[func]
        where = _where(func)
        if any(where.startswith(w) or w in where for w in _WRAPPERS):
            continue
        if where.startswith("archive/cli.py") and func[2] in ("main", "invoke"):
            continue
        rows.append((cumulative, own, calls, where))
    lines = [
        f"whole process {total:.3f} s, of which imports {imports:.3f} s",
        "",
        f"{'cumulative s':>12} {'own s':>8} {'calls':>9}  function",
    ]
    lines += [f"{c:12.3f} {o:8.3f} {n:9d}  {w}" for c, o, n, w in rows[:top]]
    lines += ["", "by own time:", f"{'own s':>12} {'cumulative s':>12} {'calls':>9}  function"]
    by_own = sorted(rows, key=lambda r: -r[1])[:10]
    lines += [f"{o:12.3f} {c:12.3f} {n:9d}  {w}" for c, o, n, w in by_own]
    return "\n".join(lines)


def _where(func: tuple) -> str:
    file, line, name = func
    return f"{_short(file)}:{line}({name})" if line else name


def _short(file: str) -> str:
    for marker in ("site-packages/", "/archive/", "lib/python3"):
        if marker in file:
            tail = file.split(marker, 1)[1]
            return ("archive/" if marker == "/archive/" else "") + tail
    return file


def _profile(arguments: list[str], label: str, env: dict[str, str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "archive", *arguments]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0 or not out.exists():
            return f"(profiling {label} failed: {done.stderr[-500:]})"
        return summarise(out)


def _import_times(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import archive.cli"],
        capture_output=True,
        text=True,
        env=env,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    rows.sort(reverse=True)
    return "\n".join(f"{us / 1000:8.1f} ms  {name}" for us, name in rows[:15])


def profiles(results: dict, args, size_class, env: dict[str, str]) -> dict:
    """cProfile summaries of the archive process behind each missed target."""
    found: dict[str, dict] = {}
    n, _ = _largest(results)
    missed = [t for t in results["targets"] if not t["pass"]]
    classes = {c["name"]: c for c in results["classes"]}
    for target in missed:
        kind = target["kind"]
        if kind in ("search", "search-memory", "fts5", "scaling"):
            name = target["query_class"]
            key = f"search: {name}"
            if key in found:
                continue
            c = classes[name]
            command = size_class(n, args).search_command("archive", c["query"], c["options"])
            command = command[1:]  # the arguments after `archive`
            print(f"profiling {key} at {n} ...", flush=True)
            found[key] = {
                "n": n,
                "command": "archive " + " ".join(command[2:]),
                "summary": _profile(command, key, env),
            }
        elif kind == "index":
            sizes = sorted(int(k) for k in results["sizes"])
            small = max([s for s in sizes if s <= PROFILE_INDEX_MAX] or sizes[:1])
            size = size_class(small, args)
            print(f"profiling archive index at {small} ...", flush=True)
            with tempfile.TemporaryDirectory() as home:
                command = ["--home", home, "index", str(size.corpus)]
                found["index"] = {
                    "n": small,
                    "command": "archive index CORPUS",
                    "summary": _profile(command, "index", env),
                }
        elif kind == "startup":
            found["start-up"] = {
                "command": "archive --help",
                "summary": _profile(["--help"], "start-up", env),
                "imports": _import_times(env),
            }
    return found


# -- writing ----------------------------------------------------------------------------


def write(results: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    measure.save(folder / "results.json", results)
    notes = folder / "analysis.md"  # written by hand after a run: what the profiles say
    analysis = notes.read_text(encoding="utf-8") if notes.exists() else None
    (folder / "results.md").write_text(markdown(results, analysis), encoding="utf-8")
    chart(results, folder / "cost-vs-n.png")


def _total(total: int | None) -> str:
    return "–" if total is None else str(total)  # a timeline prints counts, not a total


def _cell(entry: dict | None) -> str:
    if entry is None:
        return "–"
    cpu = entry.get("cpu_ms")
    cpu = f" ({cpu:.0f} CPU)" if cpu is not None else ""
    return f"{entry['ms']:.0f} ms{cpu} / {entry['peak_mb']:.0f} MB"


def _startup_floor(startup: dict) -> float:
    """Milliseconds every search process spends before the archive's own code runs."""
    floors = startup.get("floors")
    return floors["libraries"]["ms"] if floors else startup["ms"]


def markdown(results: dict, analysis: str | None = None) -> str:
    m = results["machine"]
    sizes = sorted(int(k) for k in results["sizes"])
    out = [
        "# Benchmark results",
        "",
        f"Command: `{results['command']}` (from the repository root, venv active).",
        f"Run from {results['started']} to {results.get('finished', '?')}; the archive's code: "
        f"{results.get('code', 'commit ' + m['archive_commit'])}.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory']} memory, {m['os']}; "
        f"Python {m['python']}, SQLite {m['sqlite']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
        + ".",
        "",
        f"Load average (1, 5, 15 min) before: {results['load_before']}, after: "
        f"{results.get('load_after', '?')}. Other workers were using the same two cores "
        "during the run when these exceed about 0.5, so times are upper bounds.",
        "",
        "Times are whole-process wall times (the median of the measured runs after one "
        "warm-up, warm page cache); memory is the largest peak resident set of those runs "
        "(GNU time). Each search is one new process, as a user at a shell would run it.",
        "",
        "## Targets",
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
    ]
    for t in results.get("targets", []):
        out.append(f"| {t['name']} | {t['detail']} | {'pass' if t['pass'] else '**FAIL**'} |")
    out += [
        "",
        "## Indexing",
        "",
        "| N | system | wall s | CPU s | passages/s | input MB/s | peak MB | on disk MB "
        "| passages |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sizes:
        for system, entry in results["sizes"][str(n)]["systems"].items():
            i = entry["index"]
            out.append(
                f"| {n:,} | {SYSTEM_NAMES[system]} | {i['seconds']:.1f} | "
                f"{i.get('cpu_seconds', float('nan')):.1f} | "
                f"{i['passages_per_s']:,.0f} | {i['mb_per_s']:.2f} | {i['peak_mb']:.0f} | "
                f"{i['size_mb']:.0f} | {i['passages_indexed']} |"
            )
    out += [
        "",
        "Input MB: the corpus files for the archive, the passage dump (JSON Lines) for "
        "the peers. Index times are the median of 3 builds, or one build when it took "
        "over a minute; CPU s is user + system time (tantivy's writer uses several "
        "threads, so its CPU time can exceed its wall time).",
        "",
    ]
    systems = list(SYSTEM_NAMES)
    for n in sizes:
        present = [s for s in systems if s in results["sizes"][str(n)]["systems"]]
        out += [
            f"## Searches at {n:,} passages",
            "",
            "| query class | "
            + " | ".join(SYSTEM_NAMES[s] for s in present)
            + " | matches (archive / tantivy / FTS5) |",
            "| --- |" + " ---: |" * len(present) + " --- |",
        ]
        for c in results["classes"]:
            entries = [
                results["sizes"][str(n)]["systems"][s]["search"].get(c["name"]) for s in present
            ]
            totals = " / ".join(
                _total(results["sizes"][str(n)]["systems"][s]["search"][c["name"]]["total"])
                for s in ("archive", "tantivy", "fts5")
            )
            out.append(
                f"| {c['name']} | " + " | ".join(_cell(e) for e in entries) + f" | {totals} |"
            )
        out.append("")
    out += ["## Query classes", "", "| class | archive command |", "| --- | --- |"]
    n = sizes[-1]
    for c in results["classes"]:
        command = results["sizes"][str(n)]["systems"]["archive"]["search"][c["name"]]["command"]
        out.append(f"| {c['name']} | `{command.replace('|', '¦')}` |")
    s = results["startup"]
    out += [
        "",
        "## Start-up",
        "",
        f"`archive --help`: median {s['ms']:.0f} ms of 10 runs "
        f"({', '.join(f'{r:.0f}' for r in s['runs_ms'])}), peak {s['peak_mb']:.0f} MB.",
        "",
    ]
    if "floors" in s:
        python, libraries = s["floors"]["python"], s["floors"]["libraries"]
        out += [
            f"The floor under any search process, measured alongside: `python -c pass` "
            f"{python['ms']:.0f} ms; `python -c 'import click, tantivy, sqlite3'` (what a "
            f"click CLI over tantivy and SQLite loads before its own code) "
            f"{libraries['ms']:.0f} ms. The bare tantivy script imports no click.",
            "",
        ]
    if results.get("profiles"):
        out += ["## Profiles of the missed targets", ""]
        for name, p in results["profiles"].items():
            at = f" at {p['n']:,} passages" if "n" in p else ""
            out += [
                f"### {name}{at}",
                "",
                f"`{p['command']}`, top 15 by cumulative time (cProfile):",
                "",
                "```",
                p["summary"],
                "```",
                "",
            ]
            if p.get("imports"):
                out += [
                    "Slowest imports (`python -X importtime -c 'import archive.cli'`, cumulative):",
                    "",
                    "```",
                    p["imports"],
                    "```",
                    "",
                ]
    if analysis is not None:
        out += [analysis.strip(), ""]
    out += ["![cost against N](cost-vs-n.png)", ""]
    return "\n".join(out)


def chart(
    results: dict,
    path: Path,
    names: dict[str, str] = SYSTEM_NAMES,
    guide: str = "archive",
    heading: str = "archive benchmark: cost against N (log-log; lower is better)",
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(k) for k in results["sizes"])
    classes = [c["name"] for c in results["classes"]]
    fig, axes = plt.subplots(2, 4, figsize=(16, 8), constrained_layout=True)
    panels = [("index", "index: wall s")] + [(c, f"{c}: ms per process") for c in classes]
    for ax, (panel, title) in zip(axes.flat, panels, strict=True):
        seen: list[float] = []
        for system, label in names.items():
            xs, ys = [], []
            for n in sizes:
                entry = results["sizes"][str(n)]["systems"].get(system)
                if entry is None:
                    continue
                xs.append(n)
                ys.append(
                    entry["index"]["seconds"] if panel == "index" else entry["search"][panel]["ms"]
                )
            if xs:
                ax.plot(xs, ys, marker="o", label=label)
                seen += ys
        ours = [(n, e) for n in sizes if (e := results["sizes"][str(n)]["systems"].get(guide))]
        if len(ours) > 1:  # where the archive would be if its cost grew in step with N
            n0, e0 = ours[0]
            y0 = e0["index"]["seconds"] if panel == "index" else e0["search"][panel]["ms"]
            ax.plot(
                [n0, sizes[-1]], [y0, y0 * sizes[-1] / n0], ":", color="grey", label="linear in N"
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        if seen:  # the measurements fill the panel; the linear guide is cut off
            ax.set_ylim(min(seen) / 1.5, max(seen) * 1.5)
        ax.set_title(title)
        ax.set_xlabel("passages")
        ax.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle(heading)
    fig.savefig(path, dpi=90)
    plt.close(fig)


def summarise_spy(raw: Path, top: int = 25) -> str:
    """Inclusive and own share of samples per function, from `py-spy record -f raw`."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        total += samples
        frames = [_spy_frame(f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + samples
        own[frames[-1]] = own.get(frames[-1], 0) + samples
    rows = sorted(inclusive.items(), key=lambda kv: -kv[1])
    rows = [(f, n) for f, n in rows if not any(w in f for w in (*_WRAPPERS, "__main__"))]
    lines = [f"{total} samples; share of samples with the function on the stack:"]
    lines += [f"{100 * n / total:6.1f}%  {f}" for f, n in rows[:top]]
    lines += ["", "own (innermost frame):"]
    lines += [
        f"{100 * n / total:6.1f}%  {f}" for f, n in sorted(own.items(), key=lambda kv: -kv[1])[:15]
    ]
    return "\n".join(lines)


def _spy_frame(frame: str) -> str:
    # "name (path/to/file.py:123)" -> "file path:function", without the line.
    name, _, where = frame.partition(" (")
    file = _short(where.rstrip(")").rsplit(":", 1)[0])
    return f"{file}:{name}"


if __name__ == "__main__":
    print(summarise_spy(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 25))
