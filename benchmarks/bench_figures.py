"""Benchmark: all figure checks (NC300–NC499) on the five seeds, after load.

    .venv/bin/python benchmarks/bench_figures.py [--repeat N]

Loading (read + understand) is excluded; the figure analysis caches that the
checks keep on each report are cleared before every run, so each run is cold.
Target (issue 5): ≤ 0.3 s for all five seeds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrcheck.api import load_report  # noqa: E402
from narrcheck.checks.registry import load_all  # noqa: E402
from narrcheck.config import Config  # noqa: E402

TARGET = 0.3


def figure_checks():
    return {c: k for c, k in load_all().items() if "NC300" <= c <= "NC499" and not k.batch}


def clear(report) -> None:
    """Drop the report's computed facts (understand.facts), so each run computes them again."""
    vars(report).pop("facts", None)


def run_once(reports, checks, config) -> tuple[float, int]:
    for r in reports:
        clear(r)
    t0 = time.perf_counter()
    n = 0
    for r in reports:
        for chk in checks.values():
            n += len(chk.run(r, config))
    return time.perf_counter() - t0, n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    paths = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
    t0 = time.perf_counter()
    reports = [load_report(str(p)) for p in paths]
    load = time.perf_counter() - t0
    checks = figure_checks()
    config = Config()
    run_once(reports, checks, config)          # warm imports (regex compilation, lazy modules)
    times, n = [], 0
    for _ in range(args.repeat):
        dt, n = run_once(reports, checks, config)
        times.append(dt)
    best, med = min(times), statistics.median(times)
    print(f"seeds: {len(reports)}  figure checks: {len(checks)} ({', '.join(checks)})")
    print(f"load (read + understand): {load:.3f} s")
    print(f"figure checks, cold caches: best {best:.3f} s, median {med:.3f} s over {args.repeat} runs; "
          f"{n} findings; target ≤ {TARGET} s → {'OK' if med <= TARGET else 'TOO SLOW'}")
    return 0 if med <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
