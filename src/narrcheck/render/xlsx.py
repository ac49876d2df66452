"""Spreadsheet for reviewers (openpyxl, write-only so a large batch streams).

Sheets: 问题清单 (one row per finding, most severe first: severity, rule,
category, message, suggestion, the reviewer's 状态 drop-down and 说明, location,
text, evidence …, fingerprint), 指标得分 (every indicator row with its
specificity score) and 汇总 (one row per report, failures included).  Headers are frozen and filters are on.  Rows are written from the
JSON report dicts (output contract), so the sheet shows exactly what the JSON
says.
"""
from __future__ import annotations

import os

from ..findings import CATEGORIES, SEVERITIES
from ..model import Location
from .common import CAT_ZH, SEV_ZH, evidence_text, location_text

FINDING_COLS = [("严重程度", 8), ("规则", 7), ("类别", 9), ("问题说明", 44), ("建议", 30), ("状态", 9), ("说明", 24),
                ("位置", 34), ("原文", 40), ("依据", 44), ("报告", 28), ("单位", 18), ("年度", 6), ("章节", 24),
                ("表", 4), ("行", 4), ("列", 12), ("段", 4), ("起", 5), ("止", 5), ("规则名", 18), ("类别代码", 10),
                ("级别代码", 8), ("指纹", 20), ("报告键", 20)]
# the reviewer's columns: 状态 has a drop-down; narrcheck check --baseline 问题清单.xlsx reads them back
STATUS_COL, NOTE_COL = "状态", "说明"
# sheet titles as a reader sees them (the code keeps short internal names)
SHEET_TITLES = {"findings": "问题清单", "indicators": "指标得分", "summary": "汇总"}
INDICATOR_COLS = [("报告", 28), ("表单", 24), ("表", 4), ("行", 4), ("一级指标", 10), ("二级指标", 10), ("三级指标", 28),
                  ("指标值", 16), ("调整指标值", 12), ("实际完成值", 16), ("分值", 6), ("得分", 6), ("偏差原因", 24),
                  ("具体性得分", 9), ("评分理由", 30), ("问题数", 6)]
SUMMARY_COLS = ([("报告", 28), ("标题", 30), ("单位", 18), ("年度", 6), ("类型", 8), ("状态", 10), ("问题数", 7),
                 ("错误", 6), ("警告", 6), ("提示", 6)] + [(CAT_ZH[c], 8) for c in CATEGORIES]
                + [("具体性得分", 9), ("等级", 6), ("指标数", 6), ("说明", 40)])

_ILLEGAL = None


def _clean(v):
    """openpyxl refuses control characters; numbers stay numbers."""
    global _ILLEGAL
    if v is None or isinstance(v, (int, float)):
        return v
    if _ILLEGAL is None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as _ILLEGAL_RE

        _ILLEGAL = _ILLEGAL_RE
    return _ILLEGAL.sub("", str(v))


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


class XlsxWriter:
    """Stream report dicts into a workbook: ``add(report_dict)``, ``add_failure(path, message)``, ``close()``."""

    def __init__(self, path: str):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.path = str(path)
        self.wb = Workbook(write_only=True)
        self.counts = {}
        self._head_font = Font(bold=True, color="FFFFFF")
        self._head_fill = PatternFill("solid", fgColor="1F3A5F")
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self.sheets = {}
        self.rows: list[dict] = []      # one index row per report, for the 仪表板 sheet
        for name, cols in (("findings", FINDING_COLS), ("indicators", INDICATOR_COLS), ("summary", SUMMARY_COLS)):
            ws = self.wb.create_sheet(SHEET_TITLES[name])
            for i, (_, width) in enumerate(cols, 1):
                ws.column_dimensions[_letter(i)].width = width
            ws.freeze_panes = "A2"
            self.sheets[name] = (ws, cols)
            self.counts[name] = 0
            self._header(name)

    def _header(self, name):
        from openpyxl.cell import WriteOnlyCell

        ws, cols = self.sheets[name]
        row = []
        for title, _ in cols:
            c = WriteOnlyCell(ws, value=title)
            c.font, c.fill = self._head_font, self._head_fill
            row.append(c)
        ws.append(row)

    def _append(self, name, values):
        from openpyxl.cell import WriteOnlyCell

        ws, cols = self.sheets[name]
        row = []
        for v in values:
            v = _clean(v)
            if isinstance(v, str) and v.startswith("="):   # text, never a formula
                c = WriteOnlyCell(ws, value=v)
                c.data_type = "s"
                v = c
            row.append(v)
        ws.append(row)
        self.counts[name] += 1

    def add(self, rd: dict) -> None:
        """One report, as ``render.json.report_dict`` shapes it."""
        path = rd["path"]
        meta = rd.get("meta") or {}
        dept, year = meta.get("department") or "", meta.get("year")
        findings = rd.get("findings") or []
        from ..decisions import report_key

        rkey = report_key(meta, path)
        per_row: dict[tuple, int] = {}
        rank = {sv: i for i, sv in enumerate(SEVERITIES)}
        for f in sorted(findings, key=lambda f: rank.get(f.get("severity"), 9)):   # most severe first
            loc = f.get("location") or {}
            known = {k: loc.get(k) for k in Location.__dataclass_fields__}
            lo = Location(**known)
            if lo.table is not None and lo.row is not None:
                per_row[(lo.table, lo.row)] = per_row.get((lo.table, lo.row), 0) + 1
            vals = {
                "严重程度": SEV_ZH.get(f.get("severity"), f.get("severity")), "规则": f.get("rule"),
                "类别": CAT_ZH.get(f.get("category"), f.get("category")), "问题说明": f.get("message"),
                "建议": f.get("suggestion"), "位置": location_text(lo), "原文": f.get("text"),
                "依据": evidence_text(f.get("evidence"), rule=f.get("rule")), "报告": path, "单位": dept,
                "年度": year, "章节": lo.section, "表": None if lo.table is None else lo.table + 1,
                "行": None if lo.row is None else lo.row + 1, "列": lo.column,
                "段": None if lo.paragraph is None else lo.paragraph + 1, "起": lo.start, "止": lo.end,
                "规则名": f.get("name"), "类别代码": f.get("category"), "级别代码": f.get("severity"),
                "指纹": f.get("fingerprint"), "报告键": rkey}
            self._append("findings", [vals.get(c) for c, _ in FINDING_COLS])
        inds = [i for i in rd.get("indicators") or [] if not i.get("empty")]
        for i in inds:
            t, r = i.get("table"), i.get("row")
            self._append("indicators", [
                path, i.get("form"), None if t is None else t + 1, None if r is None else r + 1, i.get("level1"),
                i.get("level2"), i.get("name"), i.get("target"), i.get("target_adjusted"), i.get("actual"),
                i.get("weight"), i.get("score"), i.get("deviation"), i.get("specificity"),
                "；".join(i.get("reasons") or []), per_row.get((t, r), 0)])
        from .html import index_row

        self.rows.append(index_row(rd, None))
        sev = {s: sum(1 for f in findings if f.get("severity") == s) for s in SEVERITIES}
        cats = [sum(1 for f in findings if f.get("category") == c) for c in CATEGORIES]
        score = rd.get("score") or {}
        self._append("summary", [path, meta.get("title"), dept, year, meta.get("kind"), "已检查", len(findings),
                                 sev["error"], sev["warning"], sev["info"], *cats, score.get("specificity"),
                                 score.get("grade"), len(inds), ""])

    def add_failure(self, path: str, message: str) -> None:
        self._append("summary", [path, None, None, None, None, "无法检查"] + [None] * (len(SUMMARY_COLS) - 7)
                     + [message])

    @staticmethod
    def _status_dropdown(ws, cols, last: int) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        from ..decisions import STATUSES

        col = _letter([t for t, _ in cols].index(STATUS_COL) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="状态", error="请选择：" + "、".join(STATUSES),
                            promptTitle="状态", prompt="忽略 / 已说明（在“说明”列写明理由）/ 误报")
        dv.showInputMessage = True
        dv.add(f"{col}2:{col}{max(last, 2) + 500}")
        ws.data_validations.append(dv)

    def close(self) -> str:
        for name, (ws, cols) in self.sheets.items():
            last = self.counts[name] + 1
            ws.auto_filter.ref = f"A1:{_letter(len(cols))}{last}"
            if name == "findings":
                self._status_dropdown(ws, cols, last)
        if self.rows:
            from .dashboard import xlsx_dashboard

            xlsx_dashboard(self.wb, self.rows)
        from ..outputs import mark_xlsx, save_with

        mark_xlsx(self.wb)
        return save_with(self.path, self.wb.save)


def write_xlsx(report_dicts, failures, path: str) -> str:
    """All at once: ``report_dicts`` iterable of report dicts, ``failures`` of (path, message)."""
    w = XlsxWriter(path)
    for rd in report_dicts:
        w.add(rd)
    for p, msg in failures:
        w.add_failure(p, msg)
    return w.close()
