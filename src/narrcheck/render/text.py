"""Terminal renderer (rich): findings grouped by report, most severe first, in Chinese."""
from __future__ import annotations

from ..evidence import evidence_text
from ..findings import CATEGORY_ZH, SEVERITY_RANK

SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CAT_ZH = CATEGORY_ZH


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
        if meta.truncated:
            console.print(f"  [yellow]文本不完整：{escape(meta.truncated_note)}[/yellow]")
        findings = sorted(res.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
        if not show_info:
            findings = [f for f in findings if f.severity != "info"]
        notice = getattr(res, "notice", "")
        if notice:
            console.print(f"  [bold yellow]注意：{escape(notice)}[/]")
        if not findings and not notice:
            console.print("  [green]未发现问题[/green]")
        for f in findings:
            sev = f.severity
            mark = {"new": "[bold]〔新增〕[/]", "unresolved": "〔未解决〕"}.get(getattr(f, "baseline", ""), "")
            console.print(f"  {mark}[{SEV_STYLE[sev]}]{SEV_ZH[sev]}[/] [dim]{f.rule}[/] "
                          f"[{CAT_ZH.get(f.category, f.category)}] {escape(f.message)}")
            console.print(f"      位置：{escape(where(f.location))}")
            if f.text:
                t = f.text if len(f.text) <= 80 else f.text[:78] + "…"
                console.print(f"      原文：{escape(t)}")
            ev = evidence_text(f.rule, f.evidence)
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
        if getattr(res, "hidden", 0):
            summary += f"（另有 {res.hidden} 条低于 --min-severity 的问题未列出）"
        base = getattr(res, "baseline", None)
        if base is not None:
            summary += (f"\n  对照已作出的决定：新增 {base['new']}，未解决 {base['unresolved']}；"
                        f"已隐藏 {base['decided']} 条（忽略 {base['忽略']}，已说明 {base['已说明']}，误报 {base['误报']}）")
        console.print(summary + "\n")
    failures = batch.failures
    if failures:
        console.print(f"[bold red]{len(failures)} 个文件无法检查：[/]")
        for e in failures:
            console.print(f"  {escape(e.message)}")


def render_concise(batch, stream=None) -> str:
    """One line per finding, most severe first: ``文件:位置: 级别 规则 [类别] 问题``.  Returns the text
    (and writes it to ``stream`` when given)."""
    from .common import location_text

    lines = []
    for res in batch.results:
        if res.error is not None:
            continue
        findings = sorted(res.findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
        for f in findings:
            msg = " ".join(f.message.split())
            lines.append(f"{res.path}:{location_text(f.location)}: {SEV_ZH[f.severity]} {f.rule} "
                         f"[{CAT_ZH.get(f.category, f.category)}] {msg}")
        if getattr(res, "notice", ""):
            lines.append(f"{res.path}: 注意 {res.notice}")
    out = "".join(line + "\n" for line in lines)
    if stream is not None:
        stream.write(out)
    return out

