"""How fast `archive serve` answers: /api/search against Archive.search in process.

Starts `archive serve` on the archive at --home (as a user would, in its own
process group, stopped at the end), then for each query class of the
benchmark (bench/run.py):

- latency, warm: the median and 99th percentile of N requests to the API,
  one at a time over one kept-alive connection, beside the same search run
  N times by a read-only Archive in this process (the floor: what the server
  adds is HTTP, threads and JSON);
- throughput: C clients (threads, each with its own connection) asking the
  classes in turn for D seconds: requests per second and errors;
- the server's memory (VmHWM and VmRSS) at the end.

    python bench/serve.py --home ARCHIVE_HOME --requests 50 --clients 8

Not part of the test suite. The clients run on the same 2 cores as the
server, so the throughput is a floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CLASSES

from archive.api import Archive


def request_of(query: str, options: dict) -> str:
    params = {"q": query}
    for key in ("since", "until", "speaker", "sort"):
        if key in options:
            params[key] = options[key]
    path = "/api/timeline" if options.get("timeline") else "/api/search"
    return f"{path}?{urlencode(params)}"


def bare(archive: Archive, query: str, options: dict):
    if options.get("timeline"):
        return archive.timeline(query)
    filters = {k: v for k, v in options.items() if k in ("since", "until")}
    if "speaker" in options:
        filters["speakers"] = [options["speaker"]]
    return archive.search(query, sort=options.get("sort"), **filters)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call, n: int) -> list[float]:
    for _ in range(3):  # warm
        call()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def fetch(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status


def throughput(host: str, port: int, paths: list[str], clients: int, seconds: float) -> dict:
    counts = [0] * clients
    errors = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        n = i
        while time.monotonic() < stop:
            try:
                status = fetch(connection, paths[n % len(paths)])
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            counts[i] += status == 200
            errors[i] += status != 200
            n += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"requests": sum(counts), "errors": sum(errors), "per_second": sum(counts) / elapsed}


def memory(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    found = dict(re.findall(r"(VmHWM|VmRSS):\s+(\d+) kB", status))
    return {key: int(value) // 1024 for key, value in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    command = [sys.executable, "-m", "archive", "--home", str(args.home), "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = re.search(r"http://([\d.]+):(\d+)/", server.stdout.readline())
        host, port = url.group(1), int(url.group(2))
        connection = http.client.HTTPConnection(host, port, timeout=60)
        rows = []
        with Archive.open(args.home, read_only=True) as archive:
            archive.on_warning = lambda message: None
            for name, query, options in CLASSES:
                path = request_of(query, options)
                floor = timed(lambda q=query, o=options: bare(archive, q, o), args.requests)
                served = timed(lambda p=path: fetch(connection, p), args.requests)
                rows.append({
                    "class": name, "path": path,
                    "bare_median_ms": statistics.median(floor),
                    "bare_p99_ms": percentile(floor, 0.99),
                    "api_median_ms": statistics.median(served),
                    "api_p99_ms": percentile(served, 0.99),
                })  # fmt: skip
        connection.close()
        paths = [row["path"] for row in rows]
        load = throughput(host, port, paths, args.clients, args.seconds)
        used = memory(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
        server.stdout.close()

    print(f"archive at {args.home}; {args.requests} warm requests per class\n")
    print("| class | Archive.search median / p99 ms | /api median / p99 ms | target met |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        met = row["api_median_ms"] <= 2 * row["bare_median_ms"] + 5
        print(f"| {row['class']} | {row['bare_median_ms']:.1f} / {row['bare_p99_ms']:.1f} | "
              f"{row['api_median_ms']:.1f} / {row['api_p99_ms']:.1f} | "
              f"{'yes' if met else 'no'} |")  # fmt: skip
    print(f"\n{args.clients} clients for {args.seconds:g} s: {load['per_second']:.0f} requests/s, "
          f"{load['requests']} answered, {load['errors']} errors")  # fmt: skip
    print(f"server memory: peak {used.get('VmHWM')} MB, now {used.get('VmRSS')} MB")
    if args.out:
        args.out.write_text(json.dumps({"rows": rows, "load": load, "memory": used}, indent=2))


if __name__ == "__main__":
    main()
