#!/usr/bin/env python
"""Read time per format for the seed-sized reports (corpora/docx and their
exports in corpora/formats, see scripts/build_formats.py).

For each format: seconds for narrcheck.read.read() (bytes → Document), best
of N repeats in one process, summed over the five seed reports; and the same
for read + understand (forms recognised).  .doc goes through LibreOffice and is
timed once per file (skipped without soffice).

Usage: python benchmarks/bench_formats.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrcheck.model import Paragraph  # noqa: E402
from narrcheck.read import read  # noqa: E402
from narrcheck.understand.report import understand  # noqa: E402

DOCX = ROOT / "corpora" / "docx"
FORMATS = ROOT / "corpora" / "formats"


def pasted_text(html: Path, out: Path) -> Path:
    """The report as pasted from its web page: pipe rows for the tables."""
    doc = read(html)
    lines = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        else:
            lines.extend("| " + " | ".join(c.text.replace("\n", " ") for c in row) + " |" for row in b.rows)
            lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    seeds = sorted(DOCX.glob("*.docx"))
    if not seeds:
        sys.exit("no corpora/docx/*.docx")
    have_soffice = bool(shutil.which("soffice") or shutil.which("libreoffice"))
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[Path]] = {"docx": seeds, "text (seed export)": sorted((ROOT / "corpora" / "seeds").glob("*.txt"))}
        for ext in ("pdf", "html", "xlsx"):
            files[ext] = [FORMATS / f"{s.stem}.{ext}" for s in seeds if (FORMATS / f"{s.stem}.{ext}").exists()]
        files["html (portal, GB18030)"] = sorted(FORMATS.glob("portal_0*.html"))
        files["xls"] = sorted(FORMATS.glob("0*.xls"))
        files["text (pasted pipes)"] = [pasted_text(FORMATS / f"{s.stem}.html", Path(tmp) / f"{s.stem}.txt")
                                        for s in seeds]
        if have_soffice:
            files["doc (LibreOffice)"] = [FORMATS / f"{s.stem}.doc" for s in seeds]
        print(f"{'format':24} {'files':>5} {'KB':>7} {'read s':>8} {'per file':>9} {'read+understand s':>18}")
        for name, paths in files.items():
            paths = [p for p in paths if p.exists()]
            if not paths:
                continue
            rep = 1 if name.startswith("doc") else args.repeat
            kb = sum(p.stat().st_size for p in paths) / 1024
            t_read = sum(best(lambda p=p: read(p), rep) for p in paths)
            t_all = sum(best(lambda p=p: understand(read(p)), rep) for p in paths)
            print(f"{name:24} {len(paths):5d} {kb:7.0f} {t_read:8.3f} {t_read / len(paths):9.3f} {t_all:18.3f}")
        if not have_soffice:
            print("doc: skipped (soffice not installed)")


if __name__ == "__main__":
    main()
