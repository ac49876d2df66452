"""Spreadsheet for reviewers (openpyxl, write-only so a large batch streams).

Sheets: ``findings`` (one row per finding: report, location, category,
severity, text, message, evidence, suggestion), ``indicators`` (every indicator
row with its specificity score), ``summary`` (one row per report, failures
included) and, for a batch with cross-report duplicates, ``duplicates`` (each
duplicate group once, every report of it).  Headers are frozen and filters are on.  Rows are written from the
JSON report dicts (output contract), so the sheet shows exactly what the JSON
says.
"""
from __future__ import annotations


from ..findings import CATEGORIES, SEVERITIES
from ..model import Location
from .common import CAT_ZH, SEV_ZH, evidence_text, location_text

FINDING_COLS = [("报告", 28), ("单位", 18), ("年度", 6), ("规则", 7), ("类别", 9), ("严重程度", 8), ("位置", 34),
                ("章节", 24), ("表", 4), ("行", 4), ("列", 12), ("段", 4), ("原文", 40), ("问题说明", 44),
                ("依据", 44), ("建议", 30), ("起", 5), ("止", 5), ("规则名", 18), ("category", 10), ("severity", 8)]
INDICATOR_COLS = [("报告", 28), ("表单", 24), ("表", 4), ("行", 4), ("一级指标", 10), ("二级指标", 10), ("三级指标", 28),
                  ("指标值", 16), ("调整指标值", 12), ("实际完成值", 16), ("分值", 6), ("得分", 6), ("偏差原因", 24),
                  ("具体性得分", 9), ("评分理由", 30), ("问题数", 6)]
SUMMARY_COLS = ([("报告", 28), ("标题", 30), ("单位", 18), ("年度", 6), ("类型", 8), ("状态", 10), ("问题数", 7),
                 ("错误", 6), ("警告", 6), ("提示", 6)] + [(CAT_ZH[c], 8) for c in CATEGORIES]
                + [("具体性得分", 9), ("等级", 6), ("指标数", 6), ("说明", 40)])

GROUP_COLS = [("重复组", 7), ("报告数", 7), ("报告", 28), ("位置", 34), ("重复方式", 10), ("严重程度", 8), ("段落", 60)]
KIND_ZH = {"exact": "逐字相同", "near": "基本相同", "contained": "整段包含", "paraphrase": "换了说法"}

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
        for name, cols in (("findings", FINDING_COLS), ("indicators", INDICATOR_COLS), ("summary", SUMMARY_COLS)):
            ws = self.wb.create_sheet(name)
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
        per_row: dict[tuple, int] = {}
        for f in findings:
            loc = f.get("location") or {}
            known = {k: loc.get(k) for k in Location.__dataclass_fields__}
            lo = Location(**known)
            if lo.table is not None and lo.row is not None:
                per_row[(lo.table, lo.row)] = per_row.get((lo.table, lo.row), 0) + 1
            self._append("findings", [
                path, dept, year, f.get("rule"), CAT_ZH.get(f.get("category"), f.get("category")),
                SEV_ZH.get(f.get("severity"), f.get("severity")), location_text(lo), lo.section,
                None if lo.table is None else lo.table + 1, None if lo.row is None else lo.row + 1, lo.column,
                None if lo.paragraph is None else lo.paragraph + 1, f.get("text"), f.get("message"),
                evidence_text(f.get("evidence")), f.get("suggestion"), lo.start, lo.end, f.get("name"),
                f.get("category"), f.get("severity")])
        inds = [i for i in rd.get("indicators") or [] if not i.get("empty")]
        for i in inds:
            t, r = i.get("table"), i.get("row")
            self._append("indicators", [
                path, i.get("form"), None if t is None else t + 1, None if r is None else r + 1, i.get("level1"),
                i.get("level2"), i.get("name"), i.get("target"), i.get("target_adjusted"), i.get("actual"),
                i.get("weight"), i.get("score"), i.get("deviation"), i.get("specificity"),
                "；".join(i.get("reasons") or []), per_row.get((t, r), 0)])
        sev = {s: sum(1 for f in findings if f.get("severity") == s) for s in SEVERITIES}
        cats = [sum(1 for f in findings if f.get("category") == c) for c in CATEGORIES]
        score = rd.get("score") or {}
        self._append("summary", [path, meta.get("title"), dept, year, meta.get("kind"), "已检查", len(findings),
                                 sev["error"], sev["warning"], sev["info"], *cats, score.get("specificity"),
                                 score.get("grade"), len(inds), ""])

    def add_groups(self, groups: list[dict]) -> None:
        """The batch-level ``duplicates`` sheet (only when the batch has any):
        every report of each cross-report duplicate group, once
        (``render.json.DuplicateGroups``; the findings name the group)."""
        if not groups:
            return
        ws = self.wb.create_sheet("duplicates")
        for i, (_, width) in enumerate(GROUP_COLS, 1):
            ws.column_dimensions[_letter(i)].width = width
        ws.freeze_panes = "A2"
        self.sheets["duplicates"] = (ws, GROUP_COLS)
        self.counts["duplicates"] = 0
        self._header("duplicates")
        for g in groups:
            for m in g["reports"]:
                loc = m.get("location") or {}
                lo = Location(**{k: loc.get(k) for k in Location.__dataclass_fields__})
                self._append("duplicates", [g["id"], g["count"], m["path"], location_text(lo),
                                            KIND_ZH.get(g.get("kind"), g.get("kind")),
                                            SEV_ZH.get(g.get("severity"), g.get("severity")), g.get("passage")])

    def add_failure(self, path: str, message: str) -> None:
        self._append("summary", [path, None, None, None, None, "无法检查"] + [None] * (len(SUMMARY_COLS) - 7)
                     + [message])

    def close(self) -> str:
        for name, (ws, cols) in self.sheets.items():
            last = self.counts[name] + 1
            ws.auto_filter.ref = f"A1:{_letter(len(cols))}{last}"
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
