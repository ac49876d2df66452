#!/usr/bin/env python
"""Batch benchmark: N copies of the seed .docx files checked with --jobs J.

Runs the real CLI (``narrcheck check DIR --jobs J``) with its stderr on a
pseudo-terminal, so the progress bar is drawn exactly as a user sees it, and
samples the memory of the whole process tree (parent + workers) from /proc
every 50 ms.  Prints wall time, reports per second, the peak of the summed
RSS of all processes, the peak RSS of the largest single process, and whether
the progress bar appeared.

    .venv/bin/python benchmarks/bench_batch.py                 # 200 copies, --jobs 2, json
    .venv/bin/python benchmarks/bench_batch.py --copies 50 --jobs 1 --format xlsx

Exit status 1 when the peak summed RSS is at or above --limit-mb (default 500).
If ``corpora/docx`` is missing the .docx files are built from the seed texts
with narrcheck's own text → .docx path (``render.docx.build_docx``).
"""
from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def seed_docx(dest: Path) -> list[Path]:
    src = sorted((ROOT / "corpora" / "docx").glob("*.docx"))
    if src:
        return src
    sys.path.insert(0, str(ROOT / "src"))
    from narrcheck.read import read
    from narrcheck.render.docx import build_docx

    out = []
    for t in sorted((ROOT / "corpora" / "seeds").glob("*.txt")):
        p = dest / (t.stem + ".docx")
        build_docx(read(str(t))).save(str(p))
        out.append(p)
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root_pid: int) -> tuple[int, int, int, int, dict]:
    """(sum of RSS, largest RSS, process count, sum of PSS, {pid: rss}) over root_pid
    and its descendants.  PSS splits shared pages between the processes sharing them."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{d}/statm") as fh:
                rss[int(d)] = int(fh.read().split()[1]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    todo, seen = [root_pid], []
    while todo:
        p = todo.pop()
        if p in rss:
            seen.append(p)
        todo.extend(children.get(p, []))
    vals = [rss[p] for p in seen]
    pss = sum(_pss_kb(p) for p in seen)
    return sum(vals), max(vals, default=0), len(vals), pss, {p: rss[p] for p in seen}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", default="json", choices=["json", "text", "xlsx", "html", "docx"])
    ap.add_argument("--limit-mb", type=float, default=500.0)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="nc-bench-"))
    try:
        seeds = seed_docx(tmp)
        inp = tmp / "in"
        inp.mkdir()
        for i in range(a.copies):
            s = seeds[i % len(seeds)]
            shutil.copy(s, inp / f"{i:04d}_{s.name}")
        out = tmp / {"json": "out.json", "text": "out.txt", "xlsx": "out.xlsx", "html": "index.html",
                     "docx": "annotated"}[a.format]
        exe = ROOT / ".venv" / "bin" / "narrcheck"
        cmd = [str(exe) if exe.exists() else "narrcheck", "check", str(inp), "--jobs", str(a.jobs), "--format",
               a.format, "-o", str(out), "--fail-on", "never"]
        master, slave = pty.openpty()
        env = dict(os.environ, COLUMNS="100", TERM="xterm-256color")
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env,
                                cwd=str(ROOT))
        os.close(slave)
        captured = bytearray()

        def reader():
            while True:
                try:
                    r, _, _ = select.select([master], [], [], 0.2)
                    if r:
                        chunk = os.read(master, 65536)
                        if not chunk:
                            break
                        captured.extend(chunk)
                    elif proc.poll() is not None:
                        break
                except OSError:
                    break

        th = threading.Thread(target=reader, daemon=True)
        th.start()
        peak_sum = peak_one = peak_n = peak_pss = 0
        parent_peak = 0
        at_peak: dict = {}
        while proc.poll() is None:
            s, m, n, pss, each = tree_rss_kb(proc.pid)
            if s > peak_sum:
                at_peak = each
            peak_sum, peak_one, peak_n = max(peak_sum, s), max(peak_one, m), max(peak_n, n)
            peak_pss = max(peak_pss, pss)
            parent_peak = max(parent_peak, each.get(proc.pid, 0))
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        th.join(timeout=2)
        os.close(master)
        term = captured.decode("utf-8", "replace")
        bar = ("检查报告" in term) and ("━" in term or "%" in term or f"/{a.copies}" in term)
        summary = "批量检查汇总" in term
        print(f"batch: {a.copies} .docx copies of {len(seeds)} seeds, --jobs {a.jobs}, --format {a.format}")
        print(f"exit code          {proc.returncode}")
        print(f"wall time          {wall:.1f} s ({a.copies / wall:.1f} reports/s)")
        print(f"peak RSS, all      {peak_sum / 1024:.0f} MB (parent + workers, {peak_n} processes at most)")
        print(f"peak RSS, largest  {peak_one / 1024:.0f} MB (one process; what /usr/bin/time -v reports)")
        print(f"peak PSS, all      {peak_pss / 1024:.0f} MB (shared pages counted once)")
        print(f"parent peak RSS    {parent_peak / 1024:.0f} MB; at the summed peak: "
              + ", ".join(f"{v / 1024:.0f}" for v in sorted(at_peak.values(), reverse=True)) + " MB")
        print(f"progress bar drawn {bar}; summary table {summary}")
        ok = proc.returncode == 0 and peak_sum / 1024 < a.limit_mb and bar
        if not ok:
            tail = term[-2000:]
            print("--- terminal tail ---\n" + tail)
        return 0 if ok else 1
    finally:
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
