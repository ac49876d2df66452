"""`narrcheck show`: what narrcheck understood of one report."""
from __future__ import annotations

FORM_ZH = {"indicator": "绩效指标表", "score_sheet": "评分表", "funds": "资金情况", "goal": "年度总体目标",
           "staff": "人员情况", "staff_table": "人员情况表", "base": "基础数据表"}


def show_dict(rep) -> dict:
    return {
        "path": rep.path,
        "reader": rep.document.reader,
        "notes": rep.document.notes,
        "meta": rep.meta.to_dict(),
        "sections": [s.to_dict() for s in rep.sections.root],
        "forms": [f.to_dict() for f in rep.forms],
        "counts": {"blocks": len(rep.document.blocks), "tables": len(rep.document.tables),
                   "chunks": len(rep.chunks), "indicators": len(rep.indicators)},
    }


def _tree(console, sections, depth=0):
    from rich.markup import escape

    for s in sections:
        console.print("  " * depth + "· " + escape(s.title))
        _tree(console, s.children, depth + 1)


def render_show(rep, console=None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    if console is None:
        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=200)
    m = rep.meta
    console.print(f"[bold]{escape(rep.path)}[/bold]  （读取方式：{rep.document.reader}）")
    console.print(f"标题：{escape(m.title or '（未识别）')}")
    console.print(f"年度：{m.year or '（未识别）'}　单位：{escape(m.department or '（未识别）')}　类型：{m.kind or '（未识别）'}")
    if m.publisher:
        console.print(f"发布机构：{escape(m.publisher)}（网页的发布者，不作为报告单位）")
    if m.truncated:
        console.print(f"[yellow]文本不完整：{escape(m.truncated_note)}[/yellow]")
    for n in rep.document.notes:
        console.print(f"[dim]注：{escape(n)}[/dim]")
    console.print("\n[bold]章节结构[/bold]")
    _tree(console, rep.sections.root)
    for f in rep.forms:
        title = f"{FORM_ZH.get(f.kind, f.kind)}：{f.title or '（无标题）'}"
        if f.project:
            title += f"（项目：{f.project}）"
        tables = "、".join(str(t + 1) for t in (f.tables or [f.table]))
        console.print(f"\n[bold]{escape(title)}[/bold]  [dim]表{tables}[/dim]")
        console.print(f"[dim]读取：{_reading(f)}[/dim]")
        if f.kind in ("indicator", "score_sheet"):
            t = Table("行", "一级", "二级", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因", show_lines=False)
            for r in f.indicators:
                d = r.to_dict()
                t.add_row(str(r.row + 1), d["level1"], d["level2"], escape(d["name"][:30]) + ("（空行）" if r.empty else ""),
                          escape(d["target_adjusted"] or d["target"])[:24], escape(d["actual"])[:24],
                          _n(d["weight"]), _n(d["score"]), escape(d["deviation"][:20]))
            if f.total is not None:
                t.add_row("", "总分", "", "", "", "", escape(f.total.text("weight").strip()),
                          escape(f.total.text("score").strip()), "")
            console.print(t)
        elif f.kind == "funds":
            t = Table("行", "资金", "来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分")
            for r in f.funds:
                d = r.to_dict()
                t.add_row(str(r.row + 1), escape(d["row"]), d["source"], _n(d["budget_initial"]),
                          _n(d["budget_full_year"]), _n(d["executed"]), _n(d["rate"]), _n(d["weight"]), _n(d["score"]))
            console.print(t)
        else:
            for r in f.records:
                console.print("  " + escape("；".join(f"{k}={v.text.strip()[:60]}" for k, v in r.fields.items())))


def _reading(form) -> str:
    from ..findings import READ_MODE_ZH

    how = READ_MODE_ZH.get(form.read_mode, form.read_mode)
    s = f"{how}，可信度 {form.confidence:.2f}"
    if getattr(form, "offset", 0):
        s += f"，表头与数据行错开 {abs(form.offset)} 列，已按内容对齐"
    if form.uncertain:
        s += "（不确定：此表的问题最多列为警告）"
    return s


def _n(x) -> str:
    return "" if x is None else str(x)
