#!/usr/bin/env python
"""Rule time against report size: is every rule linear?

Builds reports of 1×, 2×, 4× and 8× a base size by joining that many different
text reports (the seeds and the text fixtures, in a fixed order) into one, then
times reading + understanding and every per-report rule on each (best of
``--repeat`` runs, each on a freshly understood report, so that facts computed
once per report are paid again).  For each rule the growth exponent is
``log2(t(2n) / t(n))`` fitted over the sizes (least squares on log-log): about 1
is linear, 2 is quadratic.  Rules under 0.5 ms at the largest size are listed
as "fast" (their exponent is noise); the exponent is fitted only over the sizes
where the rule takes at least 0.2 ms (below that, call overhead and timer noise
decide).  A rule whose findings grow faster than the report (NC301 on glued
reports: n reports' tables disagree in n(n-1)/2 pairs, one finding each) is
output-bound: its column "findings" shows it.  Reports glued from more
reports carry more form rows per character (the mix is not uniform), so each
rule also gets an exponent against the number of records in its forms
(indicator, funds and score rows); a rule over form rows is linear when that
exponent is about 1.  Times are CPU time of this process
(``time.process_time``), so a machine shared with other jobs disturbs them far
less than wall time; facts shared by several rules are paid by the first rule
that reads them.  Markdown table.

    .venv/bin/python benchmarks/bench_rule_scaling.py [--sizes 1,2,4,8] [--repeat 2]
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrcheck.checks.registry import Check, load_all, run_checks  # noqa: E402
from narrcheck.config import Config  # noqa: E402
from narrcheck.read.text import parse_text  # noqa: E402
from narrcheck.understand.report import understand  # noqa: E402


def sources() -> list[str]:
    """The text reports in a fixed shuffled order, so that every prefix mixes seeds, department
    fixtures, variants and mediocre reports alike (a prefix of one folder after another changes
    what the report is made of as it grows: more forms per character, and rules over forms look
    steeper than they are)."""
    import random

    out = []
    for folder in (ROOT / "corpora" / "seeds", ROOT / "tests" / "fixtures" / "dept",
                   ROOT / "tests" / "fixtures" / "variants", ROOT / "tests" / "fixtures" / "mediocre"):
        for p in sorted(folder.glob("*.txt")):
            out.append(p.read_text(encoding="utf-8"))
    random.Random(16).shuffle(out)
    return out


def body_of(texts: list[str], n: int, unit: int) -> str:
    """About ``n × unit`` characters: whole reports from the shuffled list, in order."""
    parts, size = [], 0
    for t in texts:
        if size >= n * unit:
            break
        parts.append(t)
        size += len(t) + 1
    return "\n".join(parts)


FLOOR_MS = 0.2   # below this a rule's time is call overhead and timer noise


def slope(xs, ys) -> float:
    lx = [math.log2(x) for x in xs]
    ly = [math.log2(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    num = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
    den = sum((a - mx) ** 2 for a in lx) or 1.0
    return num / den


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--unit", type=int, default=6000, help="characters of the 1× report")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    texts = sources()
    cfg = Config()
    checks = {c: k for c, k in load_all().items() if not k.batch and cfg.enabled(c)}
    run_checks(understand(parse_text(texts[0], path="warm.txt")), cfg)          # load every lazy library
    per_rule: dict[str, list[float]] = {c: [] for c in checks}
    found: dict[str, list[int]] = {c: [] for c in checks}
    load_ms, chars, recs = [], [], []
    for n in sizes:
        body = body_of(texts, n, a.unit)
        chars.append(len(body))
        probe = understand(parse_text(body, path=f"x{n}.txt"))
        recs.append(sum(len(getattr(f, "records", None) or getattr(f, "indicators", None) or [])
                        for f in probe.forms) or 1)
        best_load = math.inf
        best: dict[str, float] = {c: math.inf for c in checks}
        count: dict[str, int] = {}
        for _ in range(a.repeat):
            t0 = time.process_time()
            rep = understand(parse_text(body, path=f"x{n}.txt"))
            best_load = min(best_load, time.process_time() - t0)
            for code, chk in checks.items():
                t0 = time.process_time()
                got = Check.run(chk, rep, cfg)
                best[code] = min(best[code], time.process_time() - t0)
                count[code] = len(got)
        load_ms.append(1000 * best_load)
        for c in checks:
            per_rule[c].append(1000 * best[c])
            found[c].append(count[c])
        print(f"size {n}× ({len(body)} chars) done", file=sys.stderr)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU ms, best of {a.repeat}\n")
    head = " | ".join(f"{n}× ({c // 1000}k chars)" for n, c in zip(sizes, chars))
    print("form records per size: " + ", ".join(f"{n}×: {r}" for n, r in zip(sizes, recs)) + "\n")
    print(f"| rule | {head} | exponent (chars) | exponent (form records) | findings | findings exponent |\n|---|"
          + "---:|" * (len(sizes) + 4))
    print(f"| read + understand | " + " | ".join(f"{v:.1f}" for v in load_ms)
          + f" | {slope(chars, load_ms):.2f} | {slope(recs, load_ms):.2f} | | |")
    fast = []
    worst = ("", 0.0)
    for c in sorted(per_rule, key=lambda c: -per_rule[c][-1]):
        ys = per_rule[c]
        if ys[-1] < 0.5:
            fast.append(c)
            continue
        keep = [i for i, y in enumerate(ys) if y >= FLOOR_MS]
        e = slope([chars[i] for i in keep], [ys[i] for i in keep]) if len(keep) >= 2 else 1.0
        er = slope([recs[i] for i in keep], [ys[i] for i in keep]) if len(keep) >= 2 else 1.0
        fs = found[c]
        fkeep = [i for i in keep if fs[i] > 0]
        fe = slope([chars[i] for i in fkeep], [fs[i] for i in fkeep]) if len(fkeep) >= 2 else None
        bound = fe is not None and fe > 1.15 and e <= fe + 0.15
        if min(e, er) > worst[1] and not bound:
            worst = (c, min(e, er))
        print(f"| {c} | " + " | ".join(f"{v:.1f}" for v in ys) + f" | {e:.2f} | {er:.2f} | " + "/".join(map(str, fs))
              + f" | {'' if fe is None else f'{fe:.2f}'}{' (output-bound)' if bound else ''} |")
    print(f"\nms per rule; {len(fast)} fast rules (< 0.5 ms at the largest size): {', '.join(fast)}")
    print(f"steepest (not output-bound; the lower of the two exponents): {worst[0]} exponent {worst[1]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
