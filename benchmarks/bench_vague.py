"""Benchmark: the vague / unsupported checks (NC200–NC299) on the five seeds.

Target (issue 4): all five seeds ≤ 0.5 s after load.  "Load" = reading and
understanding the reports plus the one-time lazy loads (jieba dictionary,
lexicon, classifier); those are timed separately.  The timed part is a
fresh analysis of every seed (the per-run cache is keyed by the Config, so
each repeat uses a new Config) with and without the classifier.

Run: .venv/bin/python benchmarks/bench_vague.py
"""
from __future__ import annotations

import glob
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))


def main() -> None:
    from narrcheck.api import load_report
    from narrcheck.checks.registry import load_all
    from narrcheck.config import Config
    from narrcheck.nlp import classifier

    seeds = sorted(glob.glob(os.path.join(ROOT, "corpora", "seeds", "*.txt")))
    t0 = time.perf_counter()
    reports = [load_report(p) for p in seeds]
    t_read = time.perf_counter() - t0
    checks = {c: k for c, k in load_all().items() if "NC200" <= c <= "NC299"}
    chars = sum(len(b.text) if hasattr(b, "text") else sum(len(c.text) for c in b.cells())
                for r in reports for b in r.document.blocks)

    def run(model: bool) -> tuple[float, int]:
        cfg = Config(thresholds={"NC205": {"model": model}})
        t = time.perf_counter()
        n = 0
        for rep in reports:
            for chk in checks.values():
                n += len(chk.run(rep, cfg))
        return time.perf_counter() - t, n

    t0 = time.perf_counter()
    classifier.load()
    from narrcheck.nlp.segment import tokenizer
    tokenizer()
    t_load = time.perf_counter() - t0
    t_first, _ = run(True)  # first analysis: remaining lazy imports (sklearn transform path)
    print(f"seeds: {len(reports)} reports, {chars:,} characters; {len(checks)} rules NC200–NC299")
    print(f"read + understand: {t_read:.3f} s; model + jieba load: {t_load:.3f} s; first run {t_first:.3f} s")
    for model in (False, True):
        times, n = [], 0
        for _ in range(5):
            dt, n = run(model)
            times.append(dt)
        best, worst = min(times), max(times)
        status = "OK" if best <= 0.5 else "SLOW"
        print(f"{'lexicon + classifier' if model else 'lexicon only':22s} best {best:.3f} s, worst {worst:.3f} s "
              f"({n} findings, {chars / best / 1000:.0f}k chars/s) target ≤ 0.5 s: {status}")


if __name__ == "__main__":
    main()
