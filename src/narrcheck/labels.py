"""The labelled-data loop: export chunks with narrcheck's findings as
pre-annotations, import labels back, harvest a reviewed Word copy, and a
minimal trainer.

Export (``narrcheck export``) writes, for every report:

* ``chunks.jsonl`` — one item per sentence, indicator/goal cell and passage
  (paragraph), ``label: null``, with the findings that touch it
  (``findings``: rule, category, severity, start/end relative to the item).
  Item ids follow ``scripts/extract_label_items.py`` (text based:
  ``<stem>:<kind>:<field|->:<sha1(text)[:8]>:<occurrence>``), so labels merge
  with ``corpora/labels/vague.jsonl``.
* ``label-studio.json`` — the same items as Label Studio tasks with the
  findings as predictions (span labels by category; a ``vague`` choice when a
  vague-category finding touches the item), and ``label-studio.xml``, the
  labelling config to create the project with.

Import (``narrcheck import-labels``) reads a Label Studio JSON export (full or
JSON_MIN), JSONL with a ``label`` field, or a reviewed annotated .docx
(comment deleted = rejected, kept or answered = accepted), and writes one
normalised JSONL: ``{id, source, kind, field, text, label, origin, ...}``.

``narrcheck train`` then hands the imported files to ``narrcheck.train.run``
as ``extra_labels`` (records of the same shape as ``corpora/labels/vague.jsonl``;
an accepted vague-category finding from a Word review also yields a ``vague``
text record).
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

TEXT_LABELS = ("vague", "specific", "neutral")
CELL_FIELDS = ("name", "target", "target_adjusted", "actual", "deviation", "measure", "goal_target",
               "goal_actual")
REVIEW_LABELS = ("accepted", "rejected")


def _h(text: str, n: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def _loc_str(ch) -> str:
    L = ch.location
    s = f"t{L.table}:r{L.row}:c{L.col}" if L.table is not None else f"p{L.paragraph}"
    if ch.kind == "sentence":
        s += f":@{L.start}"
    return s


# ---------------------------------------------------------------- export
def _finding_spans(res) -> list[tuple]:
    """(block, row, col, start, end, finding) for every finding placed in the text."""
    from .render.common import resolve_place

    out = []
    doc = res.report.document
    for f in res.findings:
        pl = resolve_place(doc, f.location, f.text)
        if pl is None:
            continue
        if pl[0] == "p":
            out.append((pl[1].block, None, None, pl[2], pl[3], f))
        elif pl[0] == "cell":
            out.append((pl[1].block, pl[2].row, pl[2].col, pl[3], pl[4], f))
    return out


def base_items(report, path, kinds=("sentence", "cell", "paragraph")) -> list[tuple[dict, object]]:
    """(item, chunk) for every labelable chunk of a report: the one place the
    label id scheme lives (scripts/extract_label_items.py uses it too).

    Ids are text-based so that small parser changes do not invalidate labels:
    ``<file stem>:<kind>:<field or ->:<sha1(text)[:8]>:<occurrence>``.  Repeats
    of the same text in the same field become ``also`` ids of the first item."""
    path = Path(path)
    stem, src = path.stem, path.name
    out: list[tuple[dict, object]] = []
    first: dict[tuple[str, str], dict] = {}
    occ: Counter = Counter()
    for ch in report.chunks:
        if ch.kind not in kinds:
            continue
        if ch.kind == "cell" and ch.field not in CELL_FIELDS:
            continue
        key_text = ch.text.strip()
        if not key_text:
            continue
        fld = ch.field or "-"
        th = _h(key_text)
        k = (ch.kind, fld, th)
        iid = f"{stem}:{ch.kind}:{fld}:{th}:{occ[k]}"
        occ[k] += 1
        dup = first.get((fld, key_text))
        if dup is not None:
            dup.setdefault("also", []).append(iid)
            continue
        item = {"id": iid, "source": src, "kind": ch.kind, "field": ch.field, "text": ch.text,
                "section": ch.section or "", "loc": _loc_str(ch)}
        first[(fld, key_text)] = item
        out.append((item, ch))
    return out


def chunk_items(res, kinds=("sentence", "cell", "paragraph")) -> list[dict]:
    """Label items of one checked report, with findings as pre-annotations."""
    spans = _finding_spans(res)
    items: list[dict] = []
    for base, ch in base_items(res.report, res.path, kinds):
        L = ch.location
        cs, ce = L.start or 0, L.end if L.end is not None else (L.start or 0) + len(ch.text)
        found = []
        for block, row, col, s, e, f in spans:
            if block != L.block or row != L.row or col != L.col:
                continue
            lo, hi = max(s, cs), min(e, ce)
            if lo < hi or (s == e == cs):
                found.append({"rule": f.rule, "category": f.category, "severity": f.severity,
                              "start": lo - cs, "end": hi - cs, "text": ch.text[lo - cs:hi - cs],
                              "message": f.message})
        base.update({"path": res.path, "label": None, "findings": found})  # in place: keeps its "also" list
        items.append(base)
    return items


def label_studio_task(item: dict, version: str) -> dict:
    data = {k: item[k] for k in ("id", "source", "kind", "field", "text", "section", "loc")}
    result = []
    for n, f in enumerate(item["findings"]):
        if f["end"] > f["start"]:
            result.append({"id": f"nc{n}", "from_name": "category", "to_name": "text", "type": "labels",
                           "value": {"start": f["start"], "end": f["end"], "text": f["text"],
                                     "labels": [f["category"]]},
                           "meta": {"text": [f"{f['rule']} {f['message']}"]}})
    if any(f["category"] == "vague" for f in item["findings"]):
        result.append({"id": "ncl", "from_name": "label", "to_name": "text", "type": "choices",
                       "value": {"choices": ["vague"]}})
    task = {"data": data, "meta": {"tool": "narrcheck"}}
    if result:
        task["predictions"] = [{"model_version": f"narrcheck {version}", "result": result}]
    return task


def label_studio_config() -> str:
    from .findings import CATEGORIES
    from .render.text import CAT_ZH

    labels = "\n".join(f'    <Label value="{c}" alias="{c}" hint="{CAT_ZH.get(c, c)}"/>' for c in CATEGORIES)
    return f"""<!-- narrcheck-output: Label Studio labelling config -->
<View>
  <Header value="$source · $section · $kind $field"/>
  <Text name="text" value="$text" granularity="symbol"/>
  <Choices name="label" toName="text" choice="single" showInline="true" required="true">
    <Choice value="vague" hint="空泛：有绩效主张但没有度量"/>
    <Choice value="specific" hint="具体：每个主张都有度量"/>
    <Choice value="neutral" hint="中性：没有绩效主张"/>
  </Choices>
  <Labels name="category" toName="text">
{labels}
  </Labels>
</View>
"""


def export(paths, out_dir: str, config=None, kinds=("sentence", "cell", "paragraph"), force: bool = False) -> dict:
    """Check ``paths`` and write chunks.jsonl, label-studio.json and label-studio.xml to ``out_dir``
    (outputs.OutputRefused before any work if one of them would overwrite an input or a file
    narrcheck did not write)."""
    from . import __version__
    from .api import check_paths
    from .outputs import OutputPlan, atomic_open, write_text
    from .read import collect

    jl = os.path.join(out_dir, "chunks.jsonl")
    ls = os.path.join(out_dir, "label-studio.json")
    cfg = os.path.join(out_dir, "label-studio.xml")
    plan = OutputPlan(collect([str(p) for p in paths])[0], force)
    plan.claim_dir(out_dir)
    for f in (jl, ls, cfg):
        plan.claim(f, "导出文件")
    batch = check_paths([str(p) for p in paths], config)
    n = 0
    with atomic_open(jl) as fj, atomic_open(ls) as fl:
        fl.write("[")
        for res in batch.ok:
            for item in chunk_items(res, kinds):
                fj.write(json.dumps({**item, "tool": "narrcheck"}, ensure_ascii=False) + "\n")
                fl.write(("," if n else "") + "\n" + json.dumps(label_studio_task(item, __version__),
                                                               ensure_ascii=False))
                n += 1
        fl.write("\n]\n")
    write_text(cfg, label_studio_config())
    return {"items": n, "reports": len(batch.ok), "jsonl": jl, "label_studio": ls, "config": cfg,
            "failures": batch.failures}


# ---------------------------------------------------------------- import
def _norm_label(v):
    if isinstance(v, list):
        v = v[0] if len(v) == 1 else (v or None)
    if isinstance(v, dict) and "choices" in v:
        return _norm_label(v["choices"])
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _from_ls_task(task: dict) -> dict | None:
    """A Label Studio task (full export) → a normalised record, or None when unlabelled."""
    data = dict(task.get("data") or {})
    anns = [a for a in task.get("annotations") or task.get("completions") or [] if not a.get("was_cancelled")]
    if not anns:
        return None
    ann = max(anns, key=lambda a: (a.get("updated_at") or a.get("created_at") or "", a.get("id") or 0))
    label, spans = None, []
    for r in ann.get("result") or []:
        val = r.get("value") or {}
        if r.get("type") == "choices" and (r.get("from_name") in (None, "label") or label is None):
            label = _norm_label(val.get("choices"))
        elif r.get("type") == "labels":
            spans.append({"start": val.get("start"), "end": val.get("end"), "text": val.get("text"),
                          "labels": val.get("labels") or []})
    if label is None and not spans:
        return None
    rec = {k: data.get(k) for k in ("id", "source", "kind", "field", "section", "loc") if k in data}
    rec["text"] = data.get("text", "")
    rec["label"] = label
    if spans:
        rec["spans"] = spans
    rec["origin"] = "label-studio"
    rec["task_id"] = task.get("id")
    return rec


def _from_flat(d: dict, origin: str) -> dict | None:
    """JSONL line or Label Studio JSON_MIN item with a ``label`` field."""
    label = _norm_label(d.get("label"))
    if label is None or not (d.get("text") or "").strip():
        return None
    rec = {k: v for k, v in d.items() if k not in ("findings", "annotator", "annotation_id", "lead_time")}
    rec["label"] = label
    rec.setdefault("id", f"{Path(str(d.get('source') or 'item')).stem}:text:-:{_h(d['text'].strip())}:0")
    rec["origin"] = origin
    return rec


def read_labels(path: str, findings_json: str | None = None) -> list[dict]:
    """Normalised label records from one file (format by content and suffix)."""
    p = str(path)
    if p.lower().endswith(".docx"):
        return harvest_docx(p, findings_json)
    text = Path(p).read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    records: list[dict] = []
    if stripped.startswith("["):
        data = json.loads(text)
        for t in data:
            if not isinstance(t, dict):
                continue
            if "annotations" in t or "completions" in t or ("data" in t and "label" not in t):
                r = _from_ls_task(t)
            else:
                r = _from_flat(t, "label-studio-min")
            if r:
                records.append(r)
        return records
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{p}:{n}: 不是有效的 JSON（{exc.msg}）") from exc
        r = _from_ls_task(d) if "annotations" in d else _from_flat(d, "jsonl")
        if r:
            records.append(r)
    return records


def import_labels(paths, out: str, findings_json: str | None = None) -> dict:
    """Read every file, merge by id (later files win), write JSONL to ``out``."""
    merged: dict[str, dict] = {}
    per_label: Counter = Counter()
    for p in paths:
        for r in read_labels(str(p), findings_json):
            merged[r["id"]] = r
    for r in merged.values():
        per_label[str(r["label"])] += 1
    from .outputs import atomic_open

    with atomic_open(out) as fh:
        for r in merged.values():
            fh.write(json.dumps({**r, "tool": "narrcheck"}, ensure_ascii=False) + "\n")
    return {"records": len(merged), "labels": dict(per_label), "path": out}


# ---------------------------------------------------------------- reviewed Word copy
def harvest_docx(path: str, findings_json: str | None = None) -> list[dict]:
    """Labels from a reviewed annotated copy: a narrcheck comment still there
    (kept, resolved or answered) = accepted; deleted = rejected.

    The full list of findings comes from the sidecar JSON written next to the
    annotated copy (``x.narrcheck.json``) or ``findings_json``; without one the
    reviewed file is checked again (same text → same finding keys)."""
    from .render.docx import AUTHOR, read_comments, sidecar_path

    comments = read_comments(path)
    ours = {c["key"]: c for c in comments if c["key"] and c["author"] == AUTHOR}
    others = [c for c in comments if c["author"] != AUTHOR]
    side = findings_json or sidecar_path(path)
    if side and os.path.exists(side):
        manifest = json.loads(Path(side).read_text(encoding="utf-8"))["findings"]
    else:
        from .api import check_paths
        from .render.common import finding_key

        batch = check_paths([path])
        if not batch.ok:
            raise ValueError(f"{path}：无法读取，且没有找到批注清单 {side}")
        manifest = [{"key": finding_key(f), **f.to_dict()} for f in batch.ok[0].findings]
    stem = Path(path).stem
    out = []
    for f in manifest:
        c = ours.get(f["key"])
        replies = [o["text"] for o in others
                   if c is not None and o["block"] == c["block"] and o["anchor"] == c["anchor"]]
        out.append({
            "id": f"{stem}:finding:{f['rule']}:{f['key']}", "source": os.path.basename(path), "kind": "finding",
            "text": f.get("text", ""), "label": "accepted" if c is not None else "rejected",
            "rule": f["rule"], "category": f["category"], "severity": f["severity"], "message": f["message"],
            "location": f.get("location"), "answered": bool(replies), "replies": replies,
            "origin": "docx-review",
        })
        if c is not None and f["category"] == "vague" and (f.get("text") or "").strip():
            # an accepted vague finding is a labelled vague text for the classifier
            out.append({"id": f"{stem}:review:vague:{_h(f['text'].strip())}:{f['key']}",
                        "source": os.path.basename(path), "kind": "sentence", "field": "",
                        "text": f["text"], "label": "vague", "section": (f.get("location") or {}).get("section", ""),
                        "origin": "docx-review"})
    return out


def imported_label_paths(root: str = ".") -> list[str]:
    """The files ``narrcheck import-labels`` writes by default: ``corpora/labels/imported/*.jsonl``."""
    base = Path(root) / "corpora" / "labels" / "imported"
    return sorted(str(p) for p in base.glob("*.jsonl")) if base.is_dir() else []
