#!/usr/bin/env python
"""Load test of ``narrcheck serve`` on loopback: C concurrent uploads.

Starts the real service (``narrcheck serve --port P --data TMP --workers W``, SQLite
in the temp folder), waits for ``/healthz``, then posts C uploads at once to
``POST /api/check`` (the seed .docx files and texts in turn, plus one corrupt
.docx that must get 422) while a probe requests ``/healthz`` every 100 ms (the
service must keep answering while the workers check).  Samples the summed RSS
of the service and its worker processes from /proc.

    .venv/bin/python benchmarks/bench_serve.py                # 20 uploads, 2 workers
    .venv/bin/python benchmarks/bench_serve.py --uploads 40 --workers 2

Prints per-upload latency (p50 / p95 / max), uploads per second, the slowest
health probe and peak memory.  Exit status 1 when an upload gets an unexpected
status or a probe takes longer than --probe-limit seconds (default 2).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    b = uuid.uuid4().hex
    body = (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode("utf-8") + data + f"\r\n--{b}--\r\n".encode()
    return body, f"multipart/form-data; boundary={b}"


def post(url: str, name: str, data: bytes, timeout: float = 600) -> tuple[int, float, dict]:
    body, ctype = multipart(name, data)
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, payload = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, payload = e.code, e.read()
    dt = time.perf_counter() - t0
    try:
        js = json.loads(payload)
    except ValueError:
        js = {}
    return status, dt, js


def tree_rss_kb(pid: int) -> int:
    pids, todo = set(), [pid]
    while todo:
        p = todo.pop()
        pids.add(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE_KB
        except OSError:
            pass
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--probe-limit", type=float, default=2.0)
    args = ap.parse_args()

    files = sorted((ROOT / "corpora" / "docx").glob("*.docx")) + sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    if not files:
        print("no sample reports found in corpora/", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="nc-bench-serve-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", "from narrcheck.cli import main; main()", "serve", "--port",
                             str(port), "--data", tmp, "--workers", str(args.workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sampler():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    probes: list[float] = []

    def prober():
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(base + "/healthz", timeout=30).read()
                probes.append(time.perf_counter() - t0)
            except OSError:
                probes.append(float("inf"))
            time.sleep(0.1)

    try:
        t0 = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    print("service did not start:", proc.stderr.read().decode(errors="replace")[-2000:])
                    return 2
                time.sleep(0.1)
        startup = time.perf_counter() - t0
        threading.Thread(target=sampler, daemon=True).start()
        # first upload alone: worker warm-up (spawned processes load the libraries lazily)
        first_status, first_s, _ = post(base + "/api/check", files[0].name, files[0].read_bytes())
        jobs = [(f"{i:02d}_{files[i % len(files)].name}", files[i % len(files)].read_bytes(), 200)
                for i in range(args.uploads - 1)]
        jobs.append(("corrupt.docx", b"PK\x03\x04 not really a zip", 422))
        results: list = [None] * len(jobs)

        def one(i):
            results[i] = post(base + "/api/check", jobs[i][0], jobs[i][1])

        probe_thread = threading.Thread(target=prober, daemon=True)
        probe_thread.start()
        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(jobs))]
        t1 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t1
        stop.set()
        probe_thread.join()
    finally:
        stop.set()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    bad = [(jobs[i][0], r[0]) for i, r in enumerate(results) if r[0] != jobs[i][2]]
    lat = sorted(r[1] for i, r in enumerate(results) if jobs[i][2] == 200)
    findings = sum(len(r[2]["reports"][0]["findings"]) for i, r in enumerate(results)
                   if r[0] == 200 and r[2].get("reports"))
    p95 = lat[max(0, int(round(0.95 * len(lat))) - 1)]
    print(f"service start {startup:.1f} s; first upload (worker warm-up) {first_s:.1f} s, status {first_status}")
    print(f"{len(jobs)} concurrent uploads ({len(jobs) - 1} reports + 1 corrupt) with {args.workers} workers: "
          f"wall {wall:.1f} s, {len(lat) / wall:.2f} reports/s, {findings} findings")
    print(f"latency p50 {statistics.median(lat):.1f} s, p95 {p95:.1f} s, max {lat[-1]:.1f} s")
    print(f"health probes during the load: {len(probes)}, slowest {max(probes) * 1000:.0f} ms")
    print(f"peak RSS (service + workers) {peak[0] / 1024:.0f} MB")
    if bad:
        print("unexpected statuses:", bad)
    slow = max(probes) > args.probe_limit if probes else False
    if slow:
        print(f"a health probe took more than {args.probe_limit} s")
    return 1 if bad or slow or first_status != 200 else 0


if __name__ == "__main__":
    sys.exit(main())
