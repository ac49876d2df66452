"""Output of ``narrcheck score``: per report a table of indicators (indicator,
target, actual, specificity, main reason) and a ranking across reports, as
text (rich), JSON or CSV."""
from __future__ import annotations

import csv
import io
import json

from .. import __version__


def ranking(batch) -> list[dict]:
    """Reports ordered by specificity (highest first; ties by path)."""
    rows = [r for r in batch.ok if r.score is not None]
    rows.sort(key=lambda r: (-(r.score.get("specificity") or 0), r.path))
    out = []
    for i, r in enumerate(rows, 1):
        out.append({"rank": i, "path": r.path, "title": r.report.meta.title if r.report else "",
                    "specificity": r.score.get("specificity"), "grade": r.score.get("grade"),
                    "indicators": r.score.get("indicators"), "narrative": r.score.get("narrative"),
                    "summary": r.score.get("summary", "")})
    return out


def _indicator_rows(res) -> list[dict]:
    out = []
    for it in res.indicator_scores:
        row = it["_row"]
        d = row.to_dict()
        out.append({
            "table": d["table"], "row": d["row"], "level1": d["level1"], "level2": d["level2"], "name": d["name"],
            "target": d["target_adjusted"] or d["target"], "actual": d["actual"], "weight": d["weight"],
            "score": d["score"], "specificity": it["specificity"], "reasons": it["reasons"],
            "main_reason": it["reasons"][0] if it["reasons"] else "",
        })
    return out


def render_json(batch) -> str:
    reports = []
    for r in batch.ok:
        reports.append({
            "path": r.path,
            "meta": r.report.meta.to_dict() if r.report is not None else {},
            "score": {k: v for k, v in (r.score or {}).items() if not k.startswith("_")},
            "indicators": _indicator_rows(r),
        })
    data = {"tool": {"name": "narrcheck", "version": __version__}, "reports": reports, "ranking": ranking(batch),
            "errors": [{"path": e.path, "code": e.code, "message": e.message} for e in batch.failures]}
    return json.dumps(data, ensure_ascii=False, indent=2)


CSV_FIELDS = ("path", "report_specificity", "report_grade", "table", "row", "level1", "level2", "name", "target",
              "actual", "weight", "score", "specificity", "main_reason", "reasons")


# the header a person reads (Excel on a Chinese Windows: written as utf-8-sig with -o)
CSV_HEADERS = {"path": "报告", "report_specificity": "报告具体性得分", "report_grade": "报告等级", "table": "表",
               "row": "行", "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "指标值",
               "actual": "实际完成值", "weight": "分值", "score": "得分", "specificity": "具体性得分",
               "main_reason": "主要原因", "reasons": "全部原因"}


def render_csv(batch) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writerow(CSV_HEADERS)
    for r in batch.ok:
        sc = r.score or {}
        base = {"path": r.path, "report_specificity": sc.get("specificity"), "report_grade": sc.get("grade")}
        rows = _indicator_rows(r)
        if not rows:
            w.writerow(base)
        for ind in rows:
            w.writerow({**base, **{k: ind[k] for k in CSV_FIELDS if k in ind and k != "reasons"},
                        "reasons": "；".join(ind["reasons"])})
    return buf.getvalue()


def _cut(text, n: int) -> str:
    t = " ".join(str(text if text is not None else "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def render_text(batch, console=None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console(highlight=False)
    for r in batch.ok:
        sc = r.score or {}
        title = r.report.meta.title if r.report is not None and r.report.meta.title else ""
        console.print(f"[bold]{escape(r.path)}[/bold]  {escape(title)}")
        parts = []
        if sc.get("indicators") is not None:
            parts.append(f"指标 {sc['indicators']:.0f}")
        if sc.get("narrative") is not None:
            parts.append(f"叙述 {sc['narrative']:.0f}（{sc.get('numeric_claims')}/{sc.get('claims')} 句有数字）")
        if sc.get("copied_share"):
            parts.append(f"照抄 {sc['copied_share']:.0%}")
        if sc.get("consistency_findings"):
            parts.append(f"不一致 {sc['consistency_findings']} 处")
        console.print(f"具体性 [bold]{sc.get('specificity')}[/bold]（{sc.get('grade')}）  " + "  ".join(parts))
        if sc.get("summary"):
            console.print(escape(sc["summary"]))
        rows = [x for x in _indicator_rows(r) if x["specificity"] is not None]
        if rows:
            t = Table("指标", "指标值", "实际完成值", "具体性", "主要原因", show_lines=False)
            for x in rows:
                t.add_row(escape(_cut(x["name"] or x["level2"], 18)), escape(_cut(x["target"], 14)),
                          escape(_cut(x["actual"], 14)), str(x["specificity"]), escape(_cut(x["main_reason"], 36)))
            console.print(t)
        console.print()
    rk = ranking(batch)
    if len(rk) > 1:
        t = Table("名次", "报告", "具体性", "等级", "指标", "叙述", title="报告排名（具体性由高到低）")
        for x in rk:
            t.add_row(str(x["rank"]), escape(_cut(x["title"] or x["path"], 40)), str(x["specificity"]), x["grade"] or "",
                      "" if x["indicators"] is None else f"{x['indicators']:.0f}",
                      "" if x["narrative"] is None else f"{x['narrative']:.0f}")
        console.print(t)
    console.print("等级：具体 ≥80，较具体 60–79，一般 40–59，空泛 <40（narrcheck 具体性等级，不是 10号 优/良/中/差）")
