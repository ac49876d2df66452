"""Facts of the forms: every figure of a funds block, a 基础数据表, a staff table or
a score total as a typed ``Fact`` (canonical field, role, year, interval, unit
factor, location, the record it comes from), the labelled-cell groups under a
funds block, and the ties between rows (a total row and its 其中 rows).

Roles: ``budget_initial`` (年初预算), ``budget_full_year`` (全年/调整后预算),
``budget`` (a budget of unspecified kind), ``executed`` (执行数/决算数),
``prev`` (the previous year's 决算), ``src:<field>`` (the 执行率 of one fund row),
``""`` (no role: head counts, totals, the department's 执行率).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Location
from ..forms import FundRow, header_field, parse_amount
from ..quantities import FIELD_NAMES, labelled_cell, match_label
from ..values import Value, normalize, parse_value
from .figures import Fig, agree, fig, fsum
from .locations import cell_location, loc_str, trimmed

MONEY_UNITS = {"万元": 1.0, "元": 1e-4, "亿元": 1e4, "千元": 0.1}


# ---------------------------------------------------------------------------
# forms: which are department-wide, money factors, which funds block goes with a form
# ---------------------------------------------------------------------------

class FormIndex:
    """A report's forms indexed once: funds forms by (title, table) and by (title, project), the
    number of forms of each kind and the document's tables by number (so that pairing forms, or
    finding a form's tables, is not a scan of every form or block per form)."""

    def __init__(self, report):
        forms = report.forms
        self.by_table: dict[tuple, list[int]] = {}
        self.by_project: dict[tuple, int] = {}
        self.kinds: dict[str, int] = {}
        self.forms = forms
        self.tables: dict[int, list] = {}
        for t in report.document.tables:
            self.tables.setdefault(t.number, []).append(t)
        self.at = {id(f): pos for pos, f in enumerate(forms)}
        for pos, f in enumerate(forms):
            self.kinds[f.kind] = self.kinds.get(f.kind, 0) + 1
            if f.kind == "funds":
                self.by_table.setdefault((f.title, f.table), []).append(pos)
                if f.funds:     # an empty funds form (a misread header row) pairs by its table only
                    self.by_project[(f.title, f.project)] = pos

    def funds_for(self, form):
        pos = [p for t in {*form.tables, form.table} for p in self.by_table.get((form.title, t), ())]
        if pos:
            # a funds block with rows (an empty one is a misread header): the nearest one before the form
            # (two forms in one table, each funds block above its own indicators: 部门整体 then 项目), else
            # the last of the table
            full = [p for p in pos if self.forms[p].funds]
            at = self.at.get(id(form))
            before = [p for p in full if at is not None and p < at]
            return self.forms[max(before or full or pos)]
        p = self.by_project.get((form.title, form.project))
        if p is not None:
            return self.forms[p]
        return self._block_before(form)

    def _block_before(self, form):
        """The funds block just before an indicator form that no title, table or project pairs it with
        (text exports: 项目名称 and the funds rows in one table, the goal block and the indicators in the
        next ones): the nearest preceding funds form with rows, with no other indicator or score form
        between them, and no title or project of its own that differs from the form's."""
        at = self.at.get(id(form))
        if at is None:
            return None
        for f in reversed(self.forms[:at]):
            if f.kind in ("indicator", "score_sheet"):
                return None
            if f.kind == "funds":
                if not f.funds or (f.title and form.title and f.title != form.title) \
                        or (f.project and form.project and f.project != form.project):
                    return None
                return f
        return None

    def tables_of(self, form) -> list:
        """The document tables a form spans."""
        return [t for n in dict.fromkeys(form.tables or [form.table]) for t in self.tables.get(n, ())]


def funds_for(report, form):
    """The funds form that belongs with an indicator form (same title and table; else same
    title and project; the last such form)."""
    return report.facts.forms.funds_for(form)


def exec_weight(funds) -> float | None:
    """The weight of a funds block: its total row's 分值/权重, or the weight its
    得分 header declares (Hubei 得分(10分*执行率), a form with no 分值 column), read by the
    form reader's own header parser."""
    if funds is None:
        return None
    t = next((r for r in funds.funds if r.source == "total"), None)
    if t is not None and t.value("weight").number is not None:
        return t.value("weight").number
    if t is None or t.value("score").number is None:
        return None
    for fld, head in funds.header.values():
        if fld == "score":
            w = header_field(head)[1].get("weight")
            if w is not None:
                return w
    w = (funds.hints.get("score") or {}).get("weight")
    # the block's weight on its spanning first header cell: 年度预算执行情况（10分）
    return w if w is not None else (funds.hints.get("block") or {}).get("weight")


def exec_score(funds) -> float | None:
    """The 得分 of a funds block's total row (the execution-rate score counted in the 总分), or None."""
    t = next((r for r in funds.funds if r.source == "total"), None) if funds is not None else None
    return None if t is None else t.value("score").number


_POINTS_CELL = re.compile(r"^\s*\d+(?:\.\d+)?\s*分?\s*$")


def exec_points_unsure(funds) -> bool:
    """Whether a funds block's execution-rate 分值/得分 were read but cannot be points: a weight
    above 30 or not positive, a score above its weight, a cell holding a percent or two figures
    ("94.97% 9.50", an amount under 分值): the block's columns were misread, and a total checked
    with or without it would be the misreading's."""
    t = next((r for r in funds.funds if r.source == "total"), None) if funds is not None else None
    if t is None:
        return False
    w, s = t.value("weight"), t.value("score")
    for fld, v in (("weight", w), ("score", s)):
        if v.number is not None and not _POINTS_CELL.match(normalize(t.text(fld)).replace(",", "")):
            return True
    if w.number is not None and not 0 < w.number <= 30:
        return True
    cap = exec_weight(funds)        # the row's 分值, or the weight its header declares (得分(10分*执行率))
    return s.number is not None and s.number > (30 if cap is None else cap) + 0.01


def is_dept_form(report, form) -> bool:
    t = form.title or ""
    if "整体" in t:
        return True
    if "项目" in t or form.project:
        return bool(report.meta.kind == "项目" and report.facts.forms.kinds.get(form.kind, 0) == 1)
    return report.meta.kind != "项目"


def money_factor(form, cell_text: str = "") -> float:
    u = MONEY_UNITS.get(_unit_in(cell_text)) if cell_text else None
    if u is not None:
        return u
    return MONEY_UNITS.get(form.unit or "万元", 1.0)


def _unit_in(text: str) -> str:
    m = re.search(r"(亿元|千元|万元|元)\s*$", normalize(text).strip())
    return m.group(1) if m else ""


def budget_column(form) -> str | None:
    """The denominator of 执行率: the column with role letter (A), else the
    full-year budget, else 年初预算数 when it is the only budget."""
    cols = {f for f, _ in form.header.values()}
    for fld in ("budget_full_year", "budget_initial"):
        if form.hints.get(fld, {}).get("role") == "A":
            return fld
    if "budget_full_year" in cols:
        return "budget_full_year"
    if "budget_initial" in cols:
        return "budget_initial"
    return None




@dataclass(eq=False)
class Fact:
    field: str
    role: str
    year: int | None
    fig: Fig
    value: Value
    location: Location
    source: str           # funds | cell | base | staff | total | kv
    row: str              # the row label as printed
    text: str             # the cell as printed
    form: str = ""
    key: tuple = ()       # identifies the table the fact comes from
    record: object = None

    @property
    def name(self) -> str:
        return FIELD_NAMES.get(self.field, self.field)

    def where(self) -> str:
        return loc_str(self.location)


FUND_SOURCE_FIELD = {"total": "total", "fiscal": "fiscal", "other": "other_income", "carryover": "carryover",
                     "basic": "basic", "personnel": "personnel", "public": "public", "project": "project"}


def _label_field(label: str) -> str:
    t = re.sub(r"\s+", "", normalize(label))
    t = re.sub(r"^(?:其中[：:]?|[（(]?\d+[)）、.．]|[一二三四五六七八九十]+、)+", "", t).rstrip("：:")
    t = re.sub(r"[（(][^）)]*[)）]$", "", t)
    base_map = {"部门基本支出预算调整": "basic", "部门基本支出": "basic", "基本支出": "basic",
                "公务用车购置和维护经费": "car", "公务用车购置及运行维护费": "car", "公务用车购置及运行费": "car",
                "出国经费": "abroad", "因公出国费": "abroad", "公务接待": "reception", "公务接待费": "reception",
                "三公经费": "three_public", "“三公”经费": "three_public", "项目支出": "project", "公用经费": "public",
                "人员经费": "personnel", "政府采购金额": "purchase", "政府采购": "purchase",
                "一般公共预算": "fiscal", "财政拨款": "fiscal", "其他资金": "other_income", "其他收入": "other_income",
                "政府性基金拨款": "gov_fund", "政府性基金": "gov_fund", "项目支出合计": "project"}
    t2 = re.sub(r"[“”\"]", "", t)
    if t2 in base_map:
        return base_map[t2]
    fld, syn, s, e = match_label(t2)
    if fld and s == 0 and e == len(t2):
        return fld
    return ""


def _base_facts(report, year) -> list[Fact]:
    out = []
    for form in report.forms:
        if form.kind != "base":
            continue
        for rec in form.records:
            label = rec.text("label")
            fld = _label_field(label)
            if not fld:
                continue
            for key, fv in rec.fields.items():
                if key == "label" or fv.value.number is None:
                    continue
                m = re.match(r"(\w+)@(\d{4})$", key)
                kind, y = (m.group(1), int(m.group(2))) if m else (key, None)
                if fld == "basic" and kind != "budget_full_year":
                    continue       # 部门基本支出预算调整: only its budget is a figure of 基本支出
                if kind == "final":
                    role = "executed" if (y is None or y == year) else ("prev" if year and y == year - 1 else "")
                elif kind.startswith("budget"):
                    role = "budget" if (y is None or y == year) else ""
                else:
                    continue
                if not role:
                    continue
                out.append(Fact(fld, role, year if role != "prev" else y, fig(fv.value, money_factor(form, fv.text)),
                                fv.value, cell_location(rec, key), "base", re.sub(r"\s+", "", label), fv.text.strip(),
                                form.title, ("base", form.table), rec))
    return out


def _funds_facts(report, year) -> list[Fact]:
    out = []
    for form in report.forms:
        if form.kind != "funds" or not is_dept_form(report, form):
            continue
        for row in form.funds:
            fld = FUND_SOURCE_FIELD.get(row.source)
            if not fld:
                continue
            for col, role in (("budget_initial", "budget_initial"), ("budget_full_year", "budget_full_year"),
                              ("executed", "executed")):
                v = row.value(col)
                if v.number is None:
                    continue
                out.append(Fact(fld, role, year, fig(v, money_factor(form, row.text(col))), v, cell_location(row, col),
                                "funds", row.label, row.text(col).strip(), form.title, ("funds", form.table), row))
            v = row.value("rate")
            if v.number is not None and v.unit == "%":
                # the total row's rate is the department's 执行率; other rows' are theirs ("src:fiscal")
                out.append(Fact("exec_rate", "" if row.source == "total" else f"src:{fld}", year, fig(v), v,
                                cell_location(row, "rate"), "funds", row.label, row.text("rate").strip(), form.title,
                                ("funds", form.table), row))
    return out


@dataclass(eq=False)
class CellPart:
    """A labelled cell of a form (其中：基本支出：1163.78)."""
    label: str
    field: str
    value: Value
    location: Location
    text: str
    col: int


@dataclass(eq=False)
class CellGroup:
    form: object
    total: FundRow
    parts: list[CellPart]
    role: str | None = None          # the total-row column the parts add up to
    sums: dict = field(default_factory=dict)


def compute_cell_groups(report) -> list[CellGroup]:
    """Groups of labelled cells under a funds block (按收入性质分 / 按支出性质分),
    one per column, each with the total-row column it adds up to."""
    out: list[CellGroup] = []
    tables = {t.number: t for t in report.document.tables}
    claimed = report.form_cell_ids()
    for form in report.forms:
        if form.kind != "funds":
            continue
        tot = next((r for r in form.funds if r.source == "total"), None)
        table = tables.get(form.table)
        if tot is None or table is None:
            continue
        later_rows = [r.row for f in report.forms if f is not form and f.kind in ("goal", "indicator", "score_sheet")
                      for r in f.records if r.table == form.table and r.row > tot.row]
        stop_row = min(later_rows, default=table.nrows)
        by_col: dict[int, list[CellPart]] = {}
        for row in table.rows[tot.row + 1:stop_row]:
            for cell in row:
                if (table.block, cell.row, cell.col) in claimed:
                    continue
                lc = labelled_cell(cell.text)
                if not lc:
                    continue
                label, num = lc
                fld = _label_field(label)
                v = parse_amount(num) if num else Value(raw="", kind="empty")
                loc = Location(section=tot.section, block=table.block, table=table.number, row=cell.row, col=cell.col,
                               column=None, form=form.title, start=0, end=len(cell.text))
                by_col.setdefault(cell.col, []).append(CellPart(re.sub(r"\s+", "", label), fld, v, loc,
                                                                cell.text.strip(), cell.col))
        for col, parts in sorted(by_col.items()):
            nums = [p for p in parts if p.value.number is not None]
            if len(nums) < 1 or not any(p.field for p in parts):
                continue
            g = CellGroup(form, tot, parts)
            factor = money_factor(form)
            s = fsum(fig(p.value, factor) for p in nums)
            for c in ("executed", "budget_full_year", "budget_initial"):
                v = tot.value(c)
                if v.number is None:
                    continue
                g.sums[c] = agree(s, fig(v, money_factor(form, tot.text(c))))
            g.role = next((c for c in ("executed", "budget_full_year", "budget_initial") if g.sums.get(c)), None)
            out.append(g)
    return out


def _cell_facts(report, year) -> list[Fact]:
    out = []
    for g in report.facts.cell_groups:
        if g.role is None or not is_dept_form(report, g.form):
            continue
        for p in g.parts:
            if not p.field or p.value.number is None:
                continue
            out.append(Fact(p.field, g.role, year, fig(p.value, money_factor(g.form)), p.value, p.location, "cell",
                            p.label, p.value.raw.strip() or p.text, g.form.title, ("cell", g.form.table, p.col)))
    return out


def _staff_facts(report, year) -> list[Fact]:
    out = []
    for form in report.forms:
        if form.kind not in ("staff", "staff_table"):
            continue
        for rec in form.records:
            for key, fv in rec.fields.items():
                if fv.value.number is None:
                    continue
                base = key.split("@")[0]
                if base == "authorized":
                    fld = "staff_authorized"
                elif base == "actual_staff":
                    col = re.sub(r"\s+", "", fv.column or "")
                    fld = "staff_active" if ("在职" in col and "实有" not in col) else "staff_actual"
                else:
                    continue
                if fv.value.unit and fv.value.unit not in ("人", "名"):
                    continue
                out.append(Fact(fld, "", year, fig(fv.value, exact=True), fv.value, cell_location(rec, key), "staff",
                                re.sub(r"\s+", "", fv.column or ""), fv.text.strip(), form.title,
                                ("staff", form.table), rec))
    return out


_SCORE_KEY = re.compile(r"^(?:绩效)?自评(?:综合)?(?:总)?得分|^自评总分|^综合得分|^绩效自评综合得分|^评价得分|^自评结果")


def figure_beside_score(report, total):
    """The number in a cell to the right of the cell read as a total row's score ("总分 | 100 | 89.51"), or
    None: when it equals the rows' sum, the row is one cell short and was read out of line."""
    from ..values import parse_value

    f = total.fields.get("score")
    tables = report.document.tables
    col = getattr(f, "col", None)
    if f is None or col is None or total.table is None or not 0 <= total.table < len(tables):
        return None
    rows = tables[total.table].rows
    for c in rows[total.row] if total.row < len(rows) else []:
        if c.col > col:
            v = parse_value(c.text)
            if v.number is not None:
                return v
    return None


def _rows_sum_beside(report, form) -> bool:
    """The total row's score misread (see figure_beside_score): the figure beside it is the rows' sum."""
    v = figure_beside_score(report, form.total)
    if v is None:
        return False
    rows = sum(r.score.number for r in form.indicators if r.score.number is not None)
    funds = funds_for(report, form)
    ex = next((r.value("score").number for r in (funds.funds if funds is not None else []) if r.source == "total"), None)
    return any(abs(v.number - x) < 0.011 for x in [rows] + ([rows + ex] if ex is not None else []))


def _score_facts(report, year) -> list[Fact]:
    out = []
    forms = [f for f in report.forms if f.kind in ("indicator", "score_sheet") and f.total is not None
             and f.total.value("score").number is not None]
    dept = [f for f in forms if is_dept_form(report, f)]
    use = dept or (forms if len(forms) == 1 else [])
    for f in use:
        v = f.total.value("score")
        if _rows_sum_beside(report, f):
            continue  # the form's total is not known: the cell read as it is the weight
        out.append(Fact("score_total", "", year, fig(v), v, cell_location(f.total, "score"), "total", "总分",
                        f.total.text("score").strip(), f.title, ("total", f.table)))
    # key-value cells: 绩效自评综合得分 | 99分 — of the department's forms when the report has them: a project form's
    # own 自评总分 (第七次全国人口普查工作经费 … 自评总分 98.80) is another form's total, which need not agree
    dept_tables = {f.table for f in report.forms if is_dept_form(report, f)}
    other_tables = {f.table for f in report.forms} - dept_tables if dept_tables else set()
    for t in report.document.tables:
        if t.number in other_tables:
            continue
        for row in t.rows:
            cells = [c for c in row if c.text.strip()]
            for a, b in zip(cells, cells[1:]):
                if _SCORE_KEY.match(re.sub(r"\s+", "", a.text)) and len(a.text.strip()) <= 14:
                    v = parse_value(b.text)
                    if v.number is not None and v.kind == "number" and v.unit in ("分", "") and v.number <= 100:
                        s, e = trimmed(b.text)
                        loc = Location(section=report.sections.path_at(t.block, b.row), block=t.block, table=t.number,
                                       row=b.row, col=b.col, column=re.sub(r"\s+", "", a.text), start=s, end=e)
                        out.append(Fact("score_total", "", year, fig(v), v, loc, "kv", re.sub(r"\s+", "", a.text),
                                        b.text.strip(), "", ("kv", t.number)))
    return out


def compute_table_facts(report) -> list[Fact]:
    """Every figure of the report's forms as a typed fact (field, role, year, interval, location)."""
    year = report.meta.year
    return (_funds_facts(report, year) + _cell_facts(report, year) + _base_facts(report, year)
            + _staff_facts(report, year) + _score_facts(report, year))


# ---------------------------------------------------------------------------
# ties between rows: totals and their 其中 rows
# ---------------------------------------------------------------------------

_INCOME_PARTS = {"fiscal", "carryover", "special_account", "own", "other"}
_STRUCT_PARTS = {"basic", "project"}


def fund_groups(form):
    """(total row, part rows, complete) for a funds block, in order."""
    rows = form.funds
    groups = []
    i = 0
    while i < len(rows):
        r = rows[i]
        if r.source in ("total", "basic"):
            kids = []
            j = i + 1
            want = {"personnel", "public"} if r.source == "basic" else _INCOME_PARTS | _STRUCT_PARTS
            unknown = False
            while j < len(rows) and rows[j].source != "total":
                s = rows[j].source
                if r.source == "total" and s in ("personnel", "public"):
                    j += 1
                    continue
                if r.source == "basic" and s not in ("personnel", "public"):
                    break
                if s in want:
                    kids.append(rows[j])
                elif not s:
                    unknown = True
                j += 1
            if kids:
                mixed = bool({k.source for k in kids} & _INCOME_PARTS) and bool({k.source for k in kids} & _STRUCT_PARTS)
                if mixed:
                    inc = [k for k in kids if k.source in _INCOME_PARTS]
                    st = [k for k in kids if k.source in _STRUCT_PARTS]
                    groups.append((r, inc, False))
                    groups.append((r, st, False))
                else:
                    groups.append((r, kids, not unknown))
        i += 1
    return groups


_NUMBERED = re.compile(r"^\s*(?:\d+\s*[、.．]|[（(]\d+[)）]|[一二三四五六七八九十]+\s*、)")
_QIZHONG = re.compile(r"^\s*其中\s*[：:]?")


def compute_base_groups(form):
    """Hierarchy of a 基础数据表: [(total record, [child records], complete)]."""
    recs = [r for r in form.records if r.kind == "base" and r.text("label").strip()
            and not re.fullmatch(r"[….。·]+", re.sub(r"\s+", "", r.text("label")))]
    groups = []
    top = None
    top_kids: list = []
    item = None
    item_kids: list = []
    in_qizhong_top = False

    def close_item():
        nonlocal item, item_kids
        if item is not None and item_kids:
            groups.append((item, item_kids, _complete_item(item)))
        item, item_kids = None, []

    def close_top():
        nonlocal top, top_kids, in_qizhong_top
        close_item()
        if top is not None and top_kids:
            groups.append((top, top_kids, not in_qizhong_top and _complete_top(top)))
        top, top_kids, in_qizhong_top = None, [], False

    for r in recs:
        lab = r.text("label")
        if _TOP_LABEL.match(re.sub(r"[\s“”\"]", "", lab)):
            close_top()
            top = r
            continue
        if _NUMBERED.match(lab):
            if top is None:
                continue
            close_item()
            item = r
            top_kids.append(r)
        elif _QIZHONG.match(lab):
            if item is not None:
                item_kids.append(r)
            elif top is not None:
                top_kids.append(r)
                in_qizhong_top = True
        elif item is not None and item_kids:
            item_kids.append(r)          # a continuation of a 其中 list (公车运行维护)
        elif top is not None and in_qizhong_top:
            top_kids.append(r)
        else:
            close_top()
            top = r
    close_top()
    return groups


_TOP_LABEL = re.compile(r"^(?:三公经费|项目支出|公用经费|人员经费|基本支出|政府采购|部门基本支出|楼堂馆所|资产|固定资产|"
                        r"非税收入|结转结余|预算调整)")


def _complete_top(rec) -> bool:
    lab = re.sub(r"[\s“”\"]", "", rec.text("label"))
    return bool(re.match(r"^(三公经费|项目支出)", lab))


def _complete_item(rec) -> bool:
    lab = re.sub(r"\s+", "", rec.text("label"))
    return "公务用车" in lab
