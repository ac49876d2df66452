"""Terminal renderer (rich): findings grouped by report, most severe first, in Chinese."""
from __future__ import annotations

from ..findings import SEVERITY_RANK

SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CAT_ZH = {"copied": "照抄", "duplicate": "重复", "template": "模板残留", "vague": "表述空泛",
          "unsupported": "缺少依据", "mismatch": "前后不一致", "arithmetic": "计算错误", "scoring": "评分问题",
          "timeline": "时间不符"}


def where(loc) -> str:
    parts = []
    if loc.form:
        parts.append(loc.form)
    elif loc.section:
        parts.append(loc.section.split(" > ")[-1])
    if loc.table is not None:
        parts.append(f"表{loc.table + 1} 第{(loc.row or 0) + 1}行" + (f"「{loc.column}」" if loc.column else ""))
    elif loc.paragraph is not None:
        parts.append(f"第{loc.paragraph + 1}段")
    return " · ".join(parts)


def _evidence(ev: dict) -> str:
    keep = []
    for k, v in ev.items():
        if v in (None, "", [], {}):
            continue
        if isinstance(v, (list, dict)):
            v = str(v)
        keep.append(f"{k}={v}")
    return "；".join(keep)


def render_text(batch, console=None, show_info: bool = True) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = console or Console(highlight=False)
    for res in batch.results:
        if res.error is not None:
            continue
        rep = res.report
        meta = rep.meta
        head = f"[bold]{escape(res.path)}[/bold]"
        sub = " · ".join(x for x in [meta.department, f"{meta.year}年度" if meta.year else "", meta.kind] if x)
        console.print(head + (f"  [dim]{escape(sub)}[/dim]" if sub else ""))
        for n in getattr(res, "notes", None) or []:
            console.print(f"  [dim]注：{escape(n)}[/dim]")
        findings = sorted(res.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
        if not show_info:
            findings = [f for f in findings if f.severity != "info"]
        if not findings:
            console.print("  [green]未发现问题[/green]")
        for f in findings:
            sev = f.severity
            console.print(f"  [{SEV_STYLE[sev]}]{SEV_ZH[sev]}[/] [dim]{f.rule}[/] "
                          f"[{CAT_ZH.get(f.category, f.category)}] {escape(f.message)}")
            console.print(f"      位置：{escape(where(f.location))}")
            if f.text:
                t = f.text if len(f.text) <= 80 else f.text[:78] + "…"
                console.print(f"      原文：{escape(t)}")
            ev = _evidence(f.evidence)
            if ev:
                console.print(f"      依据：{escape(ev)}", soft_wrap=True)
            for a in f.also:
                console.print(f"      同一问题：[dim]{a.rule}[/] {escape(a.message)}", soft_wrap=True)
            if f.suggestion:
                console.print(f"      建议：{escape(f.suggestion)}")
        counts = {s: sum(1 for f in res.findings if f.severity == s) for s in ("error", "warning", "info")}
        summary = f"  共 {len(res.findings)} 条：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}"
        if res.score:
            summary += f"；具体性得分 {res.score.get('specificity')}（{res.score.get('grade')}）"
        console.print(summary + "\n")
    failures = batch.failures
    if failures:
        console.print(f"[bold red]{len(failures)} 个文件无法检查：[/]")
        for e in failures:
            console.print(f"  {escape(e.message)}")
