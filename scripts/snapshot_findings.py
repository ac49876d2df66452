#!/usr/bin/env python3
"""Snapshot narrcheck's findings and form records on every corpus, and diff two snapshots.

Used to prove "findings on the existing corpora are identical" (or to list what
changed and why) when a change touches readers, understanding or checks.

    python scripts/snapshot_findings.py save /tmp/before.json
    ... change the code ...
    python scripts/snapshot_findings.py save /tmp/after.json
    python scripts/snapshot_findings.py diff /tmp/before.json /tmp/after.json

Each folder of reports is checked as one batch (so batch-scope rules such as
NC151 see the same neighbours as in the tests).  Per file it keeps the
findings (rule, severity, location, text, message, evidence) and the parsed
indicator and funds records.  Folders: corpora/* and tests/fixtures/** (any
folder holding report files; ``gen`` folders are skipped).  ``--only SUBSTR``
limits to folders whose path contains SUBSTR.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf", ".xlsx", ".xls", ".doc", ".odt", ".wps", ".rtf"}


def report_folders(only: str | None = None) -> list[Path]:
    out = []
    for base in (ROOT / "corpora", ROOT / "tests" / "fixtures"):
        for d, dirs, names in os.walk(base):
            dirs[:] = sorted(x for x in dirs if x != "gen" and not x.startswith((".", "_")))
            if any(Path(n).suffix.lower() in SUFFIXES and not n.startswith((".", "~$")) for n in names):
                p = Path(d)
                if only is None or only in str(p.relative_to(ROOT)):
                    out.append(p)
    return sorted(out)


def _files(folder: Path) -> list[str]:
    return sorted(str(folder / n) for n in os.listdir(folder)
                  if (folder / n).is_file() and Path(n).suffix.lower() in SUFFIXES and not n.startswith((".", "~$")))


def _finding(f) -> dict:
    loc = f.location
    d = {"rule": f.rule, "severity": f.severity, "message": f.message, "text": f.text,
         "loc": [loc.block, loc.table, loc.row, loc.column, loc.start, loc.end],
         "evidence": json.loads(json.dumps(f.evidence, ensure_ascii=False, default=str))}
    if getattr(f, "also", None):        # restatements folded into this finding (narrcheck.merge)
        d["also"] = [_finding(a) for a in f.also]
    return d


def _records(rep) -> dict:
    inds = []
    for r in rep.indicators:
        d = r.to_dict()
        inds.append({k: d.get(k) for k in ("level1", "level2", "name", "target", "target_adjusted", "actual",
                                           "weight", "score", "deviation", "empty")})
    funds = []
    for r in rep.funds:
        d = r.to_dict()
        funds.append({k: d.get(k) for k in ("row", "source", "budget_initial", "budget_full_year", "executed",
                                            "rate", "weight", "score")})
    return {"indicators": inds, "funds": funds}


def save(path: str, only: str | None) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from narrcheck.api import check_paths
    from narrcheck.config import Config

    snap: dict = {}
    for folder in report_folders(only):
        files = _files(folder)
        if not files:
            continue
        batch = check_paths(files, Config())
        for res in batch.results:
            key = os.path.relpath(res.path, ROOT)
            if res.error is not None:
                snap[key] = {"error": res.error.code}
                continue
            snap[key] = {"findings": [_finding(f) for f in res.findings], **_records(res.report)}
        print(f"{os.path.relpath(folder, ROOT)}: {len(files)} files", file=sys.stderr)
    Path(path).write_text(json.dumps(snap, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"saved {len(snap)} files to {path}", file=sys.stderr)


def _fkey(f: dict) -> str:
    return json.dumps([f["rule"], f["loc"], f["text"]], ensure_ascii=False)


def diff(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    changed = 0
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        changed += 1
        print(f"== {key}")
        if x is None or y is None or "error" in (x or {}) or "error" in (y or {}):
            print(f"   before: {(x or {}).get('error', 'absent' if x is None else 'ok')}   "
                  f"after: {(y or {}).get('error', 'absent' if y is None else 'ok')}")
            continue
        fa = {_fkey(f): f for f in x["findings"]}
        fb = {_fkey(f): f for f in y["findings"]}
        for k in sorted(set(fa) - set(fb)):
            f = fa[k]
            print(f"   - {f['rule']} {f['severity']} {f['text'][:50]!r}  {f['message'][:70]}")
        for k in sorted(set(fb) - set(fa)):
            f = fb[k]
            print(f"   + {f['rule']} {f['severity']} {f['text'][:50]!r}  {f['message'][:70]}")
        for k in sorted(set(fa) & set(fb)):
            if fa[k] != fb[k]:
                diffs = [n for n in ("severity", "message", "evidence") if fa[k][n] != fb[k][n]]
                print(f"   ~ {fa[k]['rule']} {fa[k]['text'][:40]!r} changed: {', '.join(diffs)}")
        for part in ("indicators", "funds"):
            if x[part] != y[part]:
                print(f"   {part}: {len(x[part])} → {len(y[part])} records"
                      + ("" if len(x[part]) != len(y[part]) else " (values differ)"))
                for i, (r1, r2) in enumerate(zip(x[part], y[part])):
                    if r1 != r2:
                        ks = [k for k in r1 if r1.get(k) != r2.get(k)]
                        print(f"     row {i}: " + "; ".join(f"{k}: {r1.get(k)!r} → {r2.get(k)!r}" for k in ks))
    print(f"{changed} file(s) differ" if changed else "identical")
    return 1 if changed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save")
    s.add_argument("out")
    s.add_argument("--only")
    d = sub.add_parser("diff")
    d.add_argument("a")
    d.add_argument("b")
    args = ap.parse_args()
    if args.cmd == "save":
        save(args.out, args.only)
        return 0
    return diff(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
