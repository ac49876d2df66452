"""Cross-report duplicate index: speed on 250 / 500 / 1,000 synthetic reports.

Synthetic reports are recombinations of the seed reports' paragraphs
(``corpora/seeds/*.txt``), with a fixed random seed:

* each report takes a random sample of the seed paragraphs (35–70 of them);
* a third of the sampled paragraphs are edited (a character inserted, deleted or
  replaced, a figure changed, a clause dropped), so there are near copies and
  not only exact ones;
* every report also gets 10–25 unique sentences (characters drawn from the
  seeds' character frequencies, with figures), so not everything is shared;
* plus the short cells real reports are full of (无, 100%, 已完成 …);
* and two stock sentences that ~85 % of the reports carry, which must come
  back flagged as common language (domain rules §3.6 point 3).

Run:  .venv/bin/python benchmarks/bench_crossdup.py [--sizes 250 500 1000]
Target: ≤ 60 s for 1,000 reports on 2 cores, near-linear growth.
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import resource
import sys
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src"))

from narrcheck.nlp.similar import CrossIndex  # noqa: E402

COMMON = ["坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，严格执行预算绩效管理各项规定。",
          "根据年度设定的总体目标和资金实际执行情况及目标完成情况，综合评价达到预期目标，绩效自评结果在本单位门户网站公开。"]
SHORT_CELLS = ["无", "100%", "已完成", "是", "一级指标", "二级指标", "三级指标", "10", "5", "/",
               "效果明显", "达到预期目标", "按时完成"]


def seed_paragraphs() -> list[str]:
    paras = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if len(line) >= 20:
                    paras.append(line)
    return paras


def make_reports(n: int, seed: int = 20261125) -> list[list[tuple[int, str]]]:
    rng = random.Random(seed)
    paras = seed_paragraphs()
    chars = Counter(ch for p in paras for ch in p if "\u4e00" <= ch <= "\u9fff")
    alphabet, weights = zip(*chars.items())

    def unique_sentence() -> str:
        n_chars = rng.randint(30, 140)
        body = rng.choices(alphabet, weights=weights, k=n_chars)
        for _ in range(rng.randint(0, 3)):
            body.insert(rng.randrange(len(body)), f"{rng.randint(1, 9999)}{rng.choice(['人', '次', '万元', '%', '件'])}")
        for _ in range(n_chars // 25):
            body.insert(rng.randrange(len(body)), "，")
        return "".join(body) + "。"

    def edit(p: str) -> str:
        op = rng.randrange(5)
        i = rng.randrange(len(p))
        if op == 0:
            return p[:i] + "了" + p[i:]
        if op == 1:
            return p[:i] + p[i + 1:]
        if op == 2:
            return p[:i] + rng.choice(alphabet) + p[i + 1:]
        if op == 3:
            return p + f"全年完成{rng.randint(1, 500)}项。"
        parts = p.split("，")
        if len(parts) > 2:
            del parts[rng.randrange(len(parts))]
        return "，".join(parts)

    reports = []
    for _ in range(n):
        body = rng.sample(paras, rng.randint(35, 70))
        body = [edit(p) if rng.random() < 1 / 3 else p for p in body]
        body += [unique_sentence() for _ in range(rng.randint(10, 25))]
        body += rng.choices(SHORT_CELLS, k=rng.randint(20, 40))
        body += [c for c in COMMON if rng.random() < 0.85]
        rng.shuffle(body)
        reports.append(list(enumerate(body)))
    return reports


def run(reports) -> dict:
    t0 = time.perf_counter()
    index = CrossIndex()
    for i, passages in enumerate(reports):
        index.add(f"r{i:05d}", passages)
    t_add = time.perf_counter() - t0
    groups = index.query()
    t_query = time.perf_counter() - t0 - t_add
    ratios = [index.boilerplate_ratio(d) for d in index.doc_ids]
    t_total = time.perf_counter() - t0
    kinds = Counter(g.kind for g in groups)
    return {
        "docs": len(reports),
        "passages": sum(len(r) for r in reports),
        "indexed": sum(len(p) for p in index._passages),
        "unique": len(index._nodes),
        "groups": len(groups),
        "common": sum(g.common for g in groups),
        "kinds": dict(kinds),
        "mean_ratio": sum(ratios) / len(ratios),
        "add": t_add,
        "query": t_query,
        "total": t_total,
    }


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    args = ap.parse_args(argv)
    t = time.perf_counter()
    all_reports = make_reports(max(args.sizes))
    print(f"generated {max(args.sizes)} synthetic reports in {time.perf_counter() - t:.1f} s "
          f"(cpus: {os.cpu_count()})")
    prev = None
    for n in args.sizes:
        r = run(all_reports[:n])
        growth = f"  x{r['total'] / prev[1]:.2f} for x{n / prev[0]:.1f} docs" if prev else ""
        print(f"{n:5d} docs: {r['passages']:7d} passages, {r['indexed']:6d} indexed, "
              f"{r['unique']:6d} unique | add {r['add']:6.2f} s  query {r['query']:6.2f} s  "
              f"total {r['total']:6.2f} s{growth}")
        print(f"            groups {r['groups']} ({r['kinds']}), common-language {r['common']}, "
              f"mean boilerplate ratio {r['mean_ratio']:.2f}")
        prev = (n, r["total"])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
