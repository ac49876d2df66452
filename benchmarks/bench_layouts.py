#!/usr/bin/env python
"""Rows recognised / rows present, per layout and per template, on the layout
fixtures (tests/fixtures/layouts, issue 14), and planted defects found per layout.

A row is recognised when every field the key lists for it (name, target,
actual, weight, score, deviation; budgets, executed, rate, score) is read
right (tests/layout_util.py).  Rows read that the key does not have are counted
as "extra" (misreads).

Usage:
    python benchmarks/bench_layouts.py                 # markdown tables (for the README)
    python benchmarks/bench_layouts.py --layouts tab,flat --detail
    python benchmarks/bench_layouts.py --suggest       # pairs that hold now but are not in SUPPORTED.json
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import layout_util as U  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layouts", help="comma-separated layouts (default: all)")
    ap.add_argument("--only", help="comma-separated report ids")
    ap.add_argument("--detail", action="store_true", help="list every mismatch")
    ap.add_argument("--suggest", action="store_true", help="print pairs that hold but are not in SUPPORTED.json")
    args = ap.parse_args(argv)
    keys = U.load_key()
    if args.only:
        keys = [k for k in keys if k["id"] in args.only.split(",")]
    layouts = args.layouts.split(",") if args.layouts else U.LAYOUTS
    supported = set(U.supported_pairs())
    t0 = time.perf_counter()
    results: dict[tuple[str, str], U.Result] = {}
    for layout in layouts:
        for k in keys:
            results[(k["id"], layout)] = U.evaluate(k, layout)
    elapsed = time.perf_counter() - t0
    tmpl = {k["id"]: k["template"] for k in keys}
    templates = sorted({k["template"] for k in keys})

    def cell(rs):
        present = sum(r.rows_present for r in rs)
        rec = sum(r.rows_recognised for r in rs)
        return f"{rec}/{present}"

    print(f"## Layout fixtures: rows recognised / rows present ({len(keys)} reports, {elapsed:.0f} s)\n")
    print("| layout | rows | % | reports exact | extra rows | planted found | in SUPPORTED |")
    print("|---|---|---|---|---|---|---|")
    for layout in layouts:
        rs = [results[(k["id"], layout)] for k in keys]
        present = sum(r.rows_present for r in rs) or 1
        rec = sum(r.rows_recognised for r in rs)
        print(f"| {layout} | {rec}/{present} | {100 * rec / present:.0f}% | {sum(r.ok for r in rs)}/{len(rs)} | "
              f"{sum(len(r.extra) for r in rs)} | {sum(r.planted_found for r in rs)}/{sum(r.planted_total for r in rs)} | "
              f"{sum((k['id'], layout) in supported for k in keys)} |")
    print("\n### Per template (rows recognised / rows present)\n")
    print("| template | " + " | ".join(layouts) + " |")
    print("|---|" + "---|" * len(layouts))
    for t in templates:
        ids = [k["id"] for k in keys if k["template"] == t]
        print(f"| {t} | " + " | ".join(cell([results[(i, lay)] for i in ids]) for lay in layouts) + " |")
    if args.detail:
        print("\n### Mismatches\n")
        for (rid, layout), r in sorted(results.items()):
            if r.ok:
                continue
            print(f"- {layout} / {rid} ({tmpl[rid]}): {r.rows_recognised}/{r.rows_present} {r.error}")
            for m in r.mismatches + ["extra " + e for e in r.extra] + ["missed " + m for m in r.missed_planted]:
                print(f"    - {m}")
    if args.suggest:
        by_layout = defaultdict(list)
        for (rid, layout), r in sorted(results.items()):
            if r.ok and (rid, layout) not in supported:
                by_layout[layout].append(rid)
        print("\n### Holding now, not in SUPPORTED.json\n")
        for layout, ids in by_layout.items():
            print(f"- {layout}: {', '.join(ids)}")
        broken = [p for p in supported if p in results and not results[p].ok]
        if broken:
            print("\n### In SUPPORTED.json but failing\n")
            for rid, layout in broken:
                print(f"- {layout} / {rid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
