"""One-page review memo (审核意见) per report, as a .docx (``--format memo -o 文件夹/``).

Title, the report's unit/year/file, the specificity score and the counts, the
errors and warnings in a table (most severe first: 级别, 位置, 问题, 修改建议),
then one line per rule in the table explaining it (the rule's summary).  Kept
to one A4 page: at most ``MAX_ROWS`` rows, long texts cut, and a closing line
says how many findings are in the full list (xlsx/HTML) but not in the memo.
It only presents the findings; it decides nothing.
"""
from __future__ import annotations

import datetime as _dt
import os

from .common import SEV_ZH, location_text

MAX_ROWS = 12
FONT = "Noto Sans CJK SC"


def _cut(s: str, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n - 1] + "…"


def memo_name(src: str) -> str:
    return os.path.splitext(os.path.basename(src))[0] + ".审核意见.docx"


def _font(run, size: float, bold: bool = False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), FONT)


def _para(doc, text: str, size: float = 9, bold: bool = False, align=None, space_after: float = 2):
    from docx.shared import Pt

    p = doc.add_paragraph()
    _font(p.add_run(text), size, bold)
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    return p


def write_memo(res, path: str) -> str:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from ..evidence import rule_summary
    from ..findings import SEVERITY_RANK

    rep = res.report
    meta = rep.meta
    d = docx.Document()
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin = sec.bottom_margin = Cm(1.6)
    sec.left_margin = sec.right_margin = Cm(1.8)
    _para(d, "绩效自评报告审核意见", 15, True, WD_ALIGN_PARAGRAPH.CENTER, 6)
    who = "　".join(x for x in [meta.department, f"{meta.year}年度" if meta.year else "", meta.kind] if x)
    _para(d, f"报告：{meta.title or os.path.basename(res.path)}" + (f"（{who}）" if who else ""), 9.5)
    _para(d, f"文件：{os.path.basename(res.path)}", 8.5)
    findings = list(res.findings)
    n = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    score = res.score or {}
    head = (f"具体性得分 {score.get('specificity')}（{score.get('grade')}）；" if score.get("specificity") is not None
            else "")
    _para(d, f"{head}共发现问题 {len(findings)} 条：错误 {n['error']} 条，警告 {n['warning']} 条，提示 {n['info']} 条。"
             + ("错误须改正后再报送；警告请逐条核实修改或说明。" if n["error"] or n["warning"] else "未发现错误和警告。"),
          9.5, True, space_after=6)
    shown = sorted((f for f in findings if f.severity in ("error", "warning")),
                   key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key()))
    rows = shown[:MAX_ROWS]
    if rows:
        t = d.add_table(rows=1, cols=5)
        t.style = "Table Grid"
        t.autofit = False
        widths = [Cm(0.9), Cm(1.1), Cm(3.9), Cm(6.9), Cm(4.6)]
        for col, w in zip(t.columns, widths):
            col.width = w
        for cell, title, w in zip(t.rows[0].cells, ("序号", "级别", "位置", "问题", "修改建议"), widths):
            cell.width = w
            cell.paragraphs[0].text = ""
            _font(cell.paragraphs[0].add_run(title), 8.5, True)
        for i, f in enumerate(rows, 1):
            cells = t.add_row().cells
            vals = (str(i), SEV_ZH.get(f.severity, f.severity), _cut(location_text(f.location), 30),
                    _cut(f"{f.rule} {f.message}", 64), _cut(f.suggestion, 40))
            for cell, v, w in zip(cells, vals, widths):
                cell.width = w
                cell.paragraphs[0].text = ""
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
                _font(cell.paragraphs[0].add_run(v), 8)
    left = len(shown) - len(rows)
    tail = []
    if left:
        tail.append(f"另有 {left} 条错误或警告")
    if n["info"]:
        tail.append(f"{n['info']} 条提示")
    if tail:
        _para(d, "、".join(tail) + "未列入本页，见问题清单（narrcheck check --format xlsx 或 html）。", 8.5,
              space_after=4)
    codes = list(dict.fromkeys(f.rule for f in rows))
    if codes:
        _para(d, "规则说明", 9.5, True, space_after=2)
        for c in codes:
            summary = rule_summary(c)
            if summary:
                _para(d, _cut(f"{c}：{summary}", 95), 8, space_after=0)
    _para(d, f"审核人：　　　　　　　日期：　　　　　　　（narrcheck 生成于 {_dt.date.today().isoformat()}）", 8.5,
          space_after=0).paragraph_format.space_before = Pt(8)
    from ..outputs import mark_docx, save_with

    os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
    mark_docx(d)
    return save_with(path, d.save)
