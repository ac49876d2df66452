#!/usr/bin/env python
"""Item list for the labelled data in ``corpora/labels/``.

Parses every report of ``corpora/seeds/*.txt`` and ``corpora/fixtures/*`` with
narrcheck's own reader (``narrcheck.api.load_report``) and lists

* **text items** (for ``vague.jsonl``): every ``sentence`` chunk, and every
  non-blank ``cell`` chunk of an indicator or goal column (name, target,
  target_adjusted, actual, deviation, measure, goal_target, goal_actual);
* **indicator items** (for ``indicators.jsonl``): every indicator row that is
  not empty.

Ids are text based so that small parser changes (a shifted row or paragraph
number) do not invalidate the labels::

    text item       <stem>:<kind>:<field|->:<sha1(text)[:8]>:<occurrence>
    indicator item  <stem>:ind:<sha1(form title)[:4]>:<sha1(l1|l2|name|target|actual)[:8]>:<occurrence>

``occurrence`` counts earlier items of the same report with the same key.
Text items with the same field and the same (stripped) text inside one report
are merged: the first keeps its id, the others are listed in ``also``.

Usage::

    python scripts/extract_label_items.py                 # item list (JSONL) on stdout
    python scripts/extract_label_items.py --indicators    # indicator items instead
    python scripts/extract_label_items.py --check         # every item labelled? exit 1 if not
    python scripts/extract_label_items.py --update        # add new items (label null) / drop stale ones

For fixtures, a ``.docx`` and its ``.txt`` twin are one report: the ``.docx`` is
parsed and the twin skipped.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

SEEDS = ROOT / "corpora" / "seeds"
FIXTURES = ROOT / "corpora" / "fixtures"
LABELS = ROOT / "corpora" / "labels"
VAGUE = LABELS / "vague.jsonl"
INDICATORS = LABELS / "indicators.jsonl"

from narrcheck.labels import CELL_FIELDS, TEXT_LABELS  # noqa: E402  (one id scheme, one field list)
TEXT_FLAGS = ("estimate", "approx", "compliance", "activity-only", "no-base", "mixed", "copied",
              "placeholder")
RATINGS = (1, 2, 3, 4, 5)
IND_FIELDS = ("level1", "level2", "name", "direction", "unit", "target", "actual", "weight", "score",
              "deviation")


def h(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def report_paths(root: Path = ROOT) -> list[Path]:
    """Seeds (.txt) then fixtures (.docx, or .txt when there is no .docx twin)."""
    paths = sorted((root / "corpora" / "seeds").glob("*.txt"))
    fx = root / "corpora" / "fixtures"
    if fx.is_dir():
        docx = {p.stem: p for p in fx.glob("*.docx")}
        txt = {p.stem: p for p in fx.glob("*.txt")}
        for stem in sorted(set(docx) | set(txt)):
            paths.append(docx.get(stem) or txt[stem])
    return paths


def text_items(path: Path, report=None) -> list[dict]:
    """Sentences and form cells of one report, with narrcheck's label ids."""
    from narrcheck.api import load_report
    from narrcheck.labels import base_items

    rep = report or load_report(str(path))
    return [item for item, _ in base_items(rep, path, kinds=("sentence", "cell"))]


def _num(v):
    n = getattr(v, "number", None)
    if n is None:
        return None
    return int(n) if float(n).is_integer() else round(float(n), 4)


def indicator_items(path: Path, report=None) -> list[dict]:
    from narrcheck.api import load_report

    rep = report or load_report(str(path))
    stem, src = path.stem, path.name
    out = []
    occ: Counter = Counter()
    for form in rep.indicator_forms:
        fh = h(form.title or "", 4)
        for r in form.indicators:
            if r.empty:
                continue
            d = {
                "level1": r.level1, "level2": r.level2, "name": r.name,
                "direction": r.text("direction").strip(), "unit": r.text("unit").strip(),
                "target": (r.text("target_adjusted").strip() or r.text("target").strip()),
                "actual": r.text("actual").strip(),
                "weight": _num(r.weight), "score": _num(r.score),
                "deviation": r.deviation.strip(),
            }
            key = "|".join([d["level1"], d["level2"], d["name"], d["target"], d["actual"]])
            k = (fh, h(key))
            iid = f"{stem}:ind:{fh}:{h(key)}:{occ[k]}"
            occ[k] += 1
            out.append({"id": iid, "source": src, "form": form.title or "", "row": r.row, **d})
    return out


def all_items(root: Path = ROOT) -> tuple[list[dict], list[dict]]:
    from narrcheck.api import load_report

    texts, inds = [], []
    for p in report_paths(root):
        rep = load_report(str(p))
        texts += text_items(p, rep)
        inds += indicator_items(p, rep)
    return texts, inds


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - data error
                raise SystemExit(f"{path.name}:{n}: invalid JSON: {exc}")
    return out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


# ---------------------------------------------------------------- checking

def check(root: Path = ROOT, items: tuple[list[dict], list[dict]] | None = None) -> dict:
    """Compare the current parse with the labelled files.

    Returns a dict of problem lists: ``missing`` (current items without a
    label), ``stale`` (labelled parsed items that no longer exist),
    ``text_mismatch`` (same id, different text), ``bad`` (invalid label,
    rating or flag; duplicate ids) — each for text and indicator items.
    """
    texts, inds = items or all_items(root)
    labels = LABELS if root == ROOT else root / "corpora" / "labels"
    vague = read_jsonl(labels / "vague.jsonl")
    indl = read_jsonl(labels / "indicators.jsonl")
    res: dict[str, list] = {k: [] for k in ("missing_text", "stale_text", "text_mismatch", "bad_text",
                                             "missing_ind", "stale_ind", "ind_mismatch", "bad_ind")}

    # text items
    seen = Counter(r.get("id") for r in vague)
    res["bad_text"] += [f"duplicate id {i}" for i, c in seen.items() if c > 1]
    by_id = {r["id"]: r for r in vague if "id" in r}
    alias = {}
    for r in vague:
        for a in r.get("also", []):
            alias[a] = r["id"]
    cur = {t["id"]: t for t in texts}
    for t in texts:
        r = by_id.get(t["id"])
        if r is None:
            res["missing_text"].append(t["id"])
            continue
        if r.get("text") != t["text"]:
            res["text_mismatch"].append(t["id"])
        for a in t.get("also", []):
            if alias.get(a) != t["id"]:
                res["missing_text"].append(a)
    cur_ids = set(cur) | {a for t in texts for a in t.get("also", [])}
    for r in vague:
        if r.get("id") not in cur:
            res["stale_text"].append(r.get("id"))
        if r.get("label") not in TEXT_LABELS:
            res["bad_text"].append(f"{r.get('id')}: label {r.get('label')!r}")
        bad_flags = [f for f in r.get("flags", []) if f not in TEXT_FLAGS]
        if bad_flags:
            res["bad_text"].append(f"{r.get('id')}: flags {bad_flags}")
        if r.get("kind") not in ("sentence", "cell"):
            res["bad_text"].append(f"{r.get('id')}: kind {r.get('kind')!r}")
    del cur_ids

    # indicator items
    seen = Counter(r.get("id") for r in indl)
    res["bad_ind"] += [f"duplicate id {i}" for i, c in seen.items() if c > 1]
    by_id = {r["id"]: r for r in indl if "id" in r}
    cur = {t["id"]: t for t in inds}
    for t in inds:
        r = by_id.get(t["id"])
        if r is None:
            res["missing_ind"].append(t["id"])
            continue
        diff = [k for k in ("name", "target", "actual") if (r.get(k) or "") != (t.get(k) or "")]
        if diff:
            res["ind_mismatch"].append(f"{t['id']}: {diff}")
    for r in indl:
        if r.get("source") != "written" and r.get("id") not in cur:
            res["stale_ind"].append(r.get("id"))
        if r.get("rating") not in RATINGS:
            res["bad_ind"].append(f"{r.get('id')}: rating {r.get('rating')!r}")
        if not (r.get("why") or "").strip():
            res["bad_ind"].append(f"{r.get('id')}: no why")
    return res


def update(root: Path = ROOT) -> None:
    """Add current items that have no label yet (label null) and drop stale ones."""
    texts, inds = all_items(root)
    old = {r["id"]: r for r in read_jsonl(VAGUE)}
    rows = []
    for t in texts:
        r = old.get(t["id"])
        if r is None:
            r = {**t, "label": None, "flags": []}
        else:
            r = {**r, "text": t["text"], "source": t["source"], "kind": t["kind"], "field": t["field"],
                 "section": t["section"], "loc": t["loc"]}
            if t.get("also"):
                r["also"] = t["also"]
            else:
                r.pop("also", None)
        rows.append(r)
    write_jsonl(VAGUE, rows)
    oldi = read_jsonl(INDICATORS)
    byi = {r["id"]: r for r in oldi}
    irows = []
    for t in inds:
        r = byi.get(t["id"])
        irows.append({**t, "rating": None, "why": ""} if r is None else {**r, **t})
    irows += [r for r in oldi if r.get("source") == "written"]
    write_jsonl(INDICATORS, irows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="verify every item has a label; exit 1 if not")
    ap.add_argument("--update", action="store_true", help="merge new items into the label files (label null)")
    ap.add_argument("--indicators", action="store_true", help="list indicator items instead of text items")
    ap.add_argument("--out", help="write the item list here instead of stdout")
    args = ap.parse_args(argv)
    if args.check:
        res = check()
        bad = 0
        for k, v in res.items():
            if v:
                bad += len(v)
                print(f"{k}: {len(v)}")
                for x in v[:50]:
                    print(f"  {x}")
        texts = read_jsonl(VAGUE)
        inds = read_jsonl(INDICATORS)
        print(f"text items labelled: {len(texts)} {dict(Counter(r.get('label') for r in texts))}")
        print(f"indicators labelled: {len(inds)} {dict(sorted(Counter(r.get('rating') for r in inds).items(), key=str))}")
        print("OK" if not bad else f"{bad} problem(s)")
        return 1 if bad else 0
    if args.update:
        update()
        return 0
    texts, inds = all_items()
    rows = inds if args.indicators else texts
    out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
