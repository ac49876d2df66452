"""HTML report: one self-contained page per report (inline CSS and JS, no network),
and an index page for a batch.

The page shows the narrative and tables with each flagged passage highlighted
by category, a findings list filterable by category and severity (state kept in
the URL hash: ``#cat=copied,vague&sev=error&f=f3``), each finding's evidence one
click away, and the indicator table with specificity scores ("—" until scored).
Templates: ``narrcheck/data/report.html.j2`` and ``index.html.j2``.
"""
from __future__ import annotations

import html as _html
import os
from functools import lru_cache

from ..findings import CATEGORIES, SEVERITIES
from ..model import Location, Paragraph, Table
from .common import CAT_ZH, SEV_ZH, counts, evidence_items, finding_key, location_text, resolve_place

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(DATA_DIR), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["dash"] = lambda v: "—" if v is None or v == "" or isinstance(v, jinja2.Undefined) else v
    return env


def _esc(s: str) -> str:
    return _html.escape(s, quote=False).replace("\n", "<br>")


def _marked(text: str, spans: list[tuple[int, int, str, bool]], fmeta: dict) -> str:
    """``text`` escaped, with <mark> around every flagged stretch.

    ``spans`` are (start, end, fid, related).  Overlapping findings split the
    text into segments; a segment lists every finding covering it."""
    if not spans:
        return _esc(text)
    cuts = {0, len(text)}
    for s, e, _, _ in spans:
        cuts.update((s, e))
    cuts = sorted(cuts)
    starts: dict[int, list[str]] = {}
    for s, e, fid, rel in spans:
        starts.setdefault(s, []).append(("r-" if rel else "m-") + fid)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for anchor in starts.pop(a, []):
            out.append(f'<a class="anchor" id="{anchor}"></a>')
        cover = [(fid, rel) for s, e, fid, rel in spans if s <= a and e >= b]
        seg = _esc(text[a:b])
        if not cover:
            out.append(seg)
            continue
        fids = " ".join(dict.fromkeys(fid for fid, _ in cover))
        main = [fid for fid, rel in cover if not rel] or [cover[0][0]]
        cat = fmeta[main[0]]["category"]
        sev = max((fmeta[f]["severity"] for f in main), key=SEVERITIES[::-1].index)
        rel_only = all(rel for _, rel in cover)
        tip = "；".join(dict.fromkeys(fmeta[f]["message"] for f, _ in cover))
        cls = f"hl c-{cat} s-{sev}" + (" rel" if rel_only else "")
        out.append(f'<mark class="{cls}" data-f="{fids}" title="{_html.escape(tip)}">{seg or "（空）"}</mark>')
    for s in sorted(starts):
        for anchor in starts[s]:
            out.append(f'<a class="anchor" id="{anchor}"></a>')
    return "".join(out)


def page_context(res, standalone_index: str | None = None) -> dict:
    """Everything the report template shows, as plain values."""
    from .json import report_dict

    rep = res.report
    doc = rep.document
    rd = report_dict(res)
    findings = list(res.findings)
    fmeta: dict[str, dict] = {}
    items = []
    # spans per paragraph block / per cell; marks on whole rows / tables
    p_spans: dict[int, list] = {}
    c_spans: dict[tuple[int, int, int], list] = {}
    row_marks: dict[tuple[int, int], list[str]] = {}
    table_marks: dict[int, list[str]] = {}
    doc_level: list[str] = []

    def place(loc, text, fid, related):
        pl = resolve_place(doc, loc, text)
        if pl is None:
            if not related:
                doc_level.append(fid)
            return False
        kind = pl[0]
        if kind == "p":
            p_spans.setdefault(pl[1].block, []).append((pl[2], pl[3], fid, related))
        elif kind == "cell":
            t, c = pl[1], pl[2]
            c_spans.setdefault((t.block, c.row, c.col), []).append((pl[3], pl[4], fid, related))
        elif kind == "row":
            row_marks.setdefault((pl[1].block, pl[2]), []).append(fid)
        else:
            table_marks.setdefault(pl[1].block, []).append(fid)
        return True

    for i, f in enumerate(findings):
        fid = f"f{i}"
        fmeta[fid] = {"category": f.category, "severity": f.severity, "message": f.message}
    for i, f in enumerate(findings):
        fid = f"f{i}"
        in_text = place(f.location, f.text, fid, False)
        related = []
        for j, loc in enumerate(f.related):
            ok = place(loc, "", fid, True)
            related.append({"where": location_text(loc), "anchor": f"r-{fid}" if ok and j == 0 else None})
        items.append({
            "fid": fid, "key": finding_key(f), "rule": f.rule, "name": f.name, "category": f.category,
            "cat_zh": CAT_ZH.get(f.category, f.category), "severity": f.severity,
            "sev_zh": SEV_ZH.get(f.severity, f.severity), "message": f.message, "text": f.text,
            "where": location_text(f.location), "section": f.location.section or "",
            "evidence": evidence_items(f.evidence), "suggestion": f.suggestion, "related": related,
            "in_text": in_text,
        })

    blocks = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if not b.text.strip() and b.block not in p_spans:
                continue
            blocks.append({"kind": "p", "id": f"b{b.block}", "html": _marked(b.text, p_spans.get(b.block, []), fmeta),
                           "style": b.style, "origin": b.origin})
        elif isinstance(b, Table):
            rows = []
            for r, row in enumerate(b.rows):
                cells = []
                for c in row:
                    cells.append({"html": _marked(c.text, c_spans.get((b.block, c.row, c.col), []), fmeta),
                                  "rowspan": c.rowspan, "colspan": c.colspan})
                marks = row_marks.get((b.block, r), [])
                rows.append({"cells": cells, "fids": " ".join(marks),
                             "cls": (" ".join(f"c-{fmeta[m]['category']}" for m in marks[:1]))})
            marks = table_marks.get(b.block, [])
            blocks.append({"kind": "table", "id": f"b{b.block}", "number": b.number + 1, "rows": rows,
                           "fids": " ".join(marks)})

    cat_counts = {c: sum(1 for f in findings if f.category == c) for c in CATEGORIES}
    sev_counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    extra_cats = sorted({f.category for f in findings} - set(CATEGORIES))
    for c in extra_cats:
        cat_counts[c] = sum(1 for f in findings if f.category == c)

    # findings per indicator row (same table and row)
    per_row: dict[tuple, list[str]] = {}
    for it, f in zip(items, findings):
        loc = f.location
        if loc.table is not None and loc.row is not None:
            per_row.setdefault((loc.table, loc.row), []).append(it["fid"])
    indicators = []
    for ind in rd["indicators"]:
        if ind.get("empty"):
            continue
        d = dict(ind)
        d["fids"] = per_row.get((ind.get("table"), ind.get("row")), [])
        indicators.append(d)

    meta = rd["meta"]
    score = rd.get("score") or {}
    return {
        "title": meta.get("title") or os.path.basename(res.path),
        "path": res.path,
        "meta": meta,
        "score": score,
        "counts": counts(findings),
        "findings": items,
        "doc_level": doc_level,
        "blocks": blocks,
        "indicators": indicators,
        "categories": [{"key": c, "zh": CAT_ZH.get(c, c), "n": cat_counts[c]} for c in list(CATEGORIES) + extra_cats],
        "severities": [{"key": s, "zh": SEV_ZH[s], "n": sev_counts[s]} for s in SEVERITIES],
        "index": standalone_index,
        "version": _version(),
    }


def _version() -> str:
    from .. import __version__

    return __version__


def render_page(res, index_href: str | None = None) -> str:
    return _env().get_template("report.html.j2").render(**page_context(res, index_href))


def write_page(res, path: str, index_href: str | None = None) -> str:
    from ..outputs import write_text

    return write_text(path, render_page(res, index_href))


def index_row(rd: dict, href: str | None) -> dict:
    """One line of the batch index from a report's JSON dict (output contract)."""
    fs = rd.get("findings", [])
    c = {s: sum(1 for f in fs if f["severity"] == s) for s in SEVERITIES}
    cats = {}
    for f in fs:
        cats[f["category"]] = cats.get(f["category"], 0) + 1
    meta = rd.get("meta") or {}
    score = rd.get("score") or {}
    return {"path": rd["path"], "name": os.path.basename(rd["path"]), "href": href, "title": meta.get("title") or "",
            "department": meta.get("department") or "", "year": meta.get("year"), "kind": meta.get("kind") or "",
            "error": c["error"], "warning": c["warning"], "info": c["info"], "total": len(fs),
            "categories": cats, "specificity": score.get("specificity"), "grade": score.get("grade")}


def render_index(rows: list[dict], failures: list[dict], title: str = "narrcheck 批量检查",
                 groups: list[dict] | None = None) -> str:
    """The batch index; ``groups``: the batch's cross-report duplicate groups
    (``render.json.DuplicateGroups``), each listed once with all its reports."""
    totals = {k: sum(r[k] for r in rows) for k in ("error", "warning", "info", "total")}
    href = {r["path"]: r.get("href") for r in rows}
    shown = []
    for g in groups or []:
        members = []
        for m in g["reports"]:
            loc = m.get("location") or {}
            lo = Location(**{k: loc.get(k) for k in Location.__dataclass_fields__})
            members.append({"name": os.path.basename(m["path"]), "href": href.get(m["path"]),
                            "where": location_text(lo)})
        shown.append({**g, "members": members})
    return _env().get_template("index.html.j2").render(
        title=title, rows=rows, failures=failures, totals=totals, version=_version(),
        cat_zh=CAT_ZH, sev_zh=SEV_ZH, groups=shown)
