"""Shared machinery of the figure checks (figures_*.py): interval arithmetic
(domain-rules §4), table facts and their locations.  Pure; results are cached
on the report so the four check modules parse each table once.

Tolerance (§4): a figure shown with d decimals stands for v ± ½·10⁻ᵈ; two
figures (or a figure and a recomputation) agree when their intervals meet
after allowing for truncation of the coarser figure (a truncated display is
up to one unit below the value: half a unit beyond its rounding interval), so
two displays of one quantity may differ by one unit in the last digit
(91.17% vs 91.18%, 1144.40 vs 1144.41) but not by two.  Head counts and other
counts are exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Location
from ..understand.forms import FundRow, Record, parse_amount
from ..understand.quantities import (FIELD_NAMES, SYNONYMS, Quantity, labelled_cell, match_label,
                                     narrative_quantities)
from ..understand.values import COUNT_UNITS, Value, normalize, parse_value
from ._util import fmt, funds_for

EPS = 1e-9
MONEY_UNITS = {"万元": 1.0, "元": 1e-4, "亿元": 1e4, "千元": 0.1}


# ---------------------------------------------------------------------------
# interval arithmetic
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Fig:
    """A displayed figure in a canonical unit: value, rounding radius, one unit
    of the last displayed digit."""
    v: float
    h: float = 0.0
    u: float = 0.0

    @property
    def lo(self) -> float:
        return self.v - self.h

    @property
    def hi(self) -> float:
        return self.v + self.h

    def range(self, nd: int = 4) -> str:
        if self.h == 0:
            return fmt(round(self.v, nd))
        return f"[{fmt(round(self.lo, nd + 1))}, {fmt(round(self.hi, nd + 1))}]"


def fig(value: Value, factor: float = 1.0, exact: bool = False) -> Fig | None:
    """The figure of a parsed value: its point and, unless ``exact``, the
    interval its displayed precision stands for.  A whole number of a count
    unit (座, 人, 件 …) is exact: it was counted, not rounded."""
    if value is None or value.number is None:
        return None
    if (not exact and value.decimals in (0, None) and value.unit in COUNT_UNITS
            and (value.scale or 1.0) == 1.0 and not value.approx and float(value.number).is_integer()):
        exact = True
    f = factor * (value.scale or 1.0)
    d = value.decimals or 0
    u = 10 ** (-d) * abs(f)
    return Fig(value.number * f, 0.0 if exact else u / 2, 0.0 if exact else u)


def fsum(figs) -> Fig:
    figs = list(figs)
    return Fig(sum(f.v for f in figs), sum(f.h for f in figs), max((f.u for f in figs), default=0.0))


def gap(a: Fig, b: Fig) -> float:
    return max(0.0, a.lo - b.hi, b.lo - a.hi)


def agree(a: Fig, b: Fig, allowance: float | None = None) -> bool:
    """The intervals meet, allowing for truncation: a value truncated to d
    decimals lies up to one unit above its display, i.e. half a unit outside
    its rounding interval.  So 1144.40 ~ 1144.41 and 91.17% ~ 91.176%, while
    1144.41 vs 1144.43 or 90 vs 88 differ."""
    allow = max(a.u, b.u) / 2 if allowance is None else allowance
    scale = max(1.0, abs(a.v), abs(b.v))
    return gap(a, b) <= allow + EPS * scale


def ratio(num: Fig, den: Fig, mult: float = 100.0) -> tuple[float, float, float] | None:
    """(lo, hi, point) of num/den × mult; None when the denominator may be 0."""
    if den.lo <= 0:
        return None
    lo = max(num.lo, 0.0) / den.hi * mult
    hi = num.hi / den.lo * mult
    return lo, hi, num.v / den.v * mult


def rate_agrees(num: Fig, den: Fig, rate: Fig, mult: float = 100.0) -> bool | None:
    r = ratio(num, den, mult)
    if r is None:
        return None
    lo, hi, _ = r
    g = max(0.0, rate.lo - hi, lo - rate.hi)
    return g <= rate.u / 2 + EPS * max(1.0, abs(rate.v))


def score_agrees(score: Value, lo: float, hi: float, point: float) -> bool:
    """A displayed score agrees with a computed one when it is the computed
    value rounded or truncated to the displayed decimals (the computation's own
    input precision widens the rounding band), within at least 0.01."""
    s = score.number
    d = score.decimals or 0
    u = 10 ** (-d)
    if abs(s - point) <= 0.01 + EPS:
        return True
    if lo - u / 2 - EPS <= s <= hi + u / 2 + EPS:
        return True
    trunc = int(point * 10 ** d + EPS) / 10 ** d
    return abs(s - trunc) <= EPS


# ---------------------------------------------------------------------------
# locations
# ---------------------------------------------------------------------------

def trimmed(text: str) -> tuple[int, int]:
    s = len(text) - len(text.lstrip())
    e = len(text.rstrip())
    return s, max(s, e)


def cell_location(rec: Record, name: str) -> Location:
    t = rec.text(name)
    s, e = trimmed(t)
    return rec.location(name, s, e)


def quantity_location(q: Quantity) -> Location:
    return q.chunk.location.with_span(q.start, q.end)


def q_text(q: Quantity) -> str:
    """A narrative figure with its label, exactly as printed (基本支出1144.41万元)."""
    return q.value.raw[q.label_start:q.end] if q.label_start < q.end else q.value.raw[q.start:q.end]


def q_span(q: Quantity) -> Location:
    """The location of ``q_text(q)``."""
    start = q.label_start if q.label_start < q.end else q.start
    return q.chunk.location.with_span(start, q.end)


def quantity_context(q: Quantity, width: int = 60) -> str:
    """The sentence around a quantity, as printed (for evidence)."""
    raw = q.value.raw
    s, e = q.sentence
    s = max(s, q.start - width)
    e = min(e, q.end + width)
    return raw[s:e].strip()


def loc_str(loc: Location) -> str:
    parts = []
    if loc.form:
        parts.append(loc.form)
    elif loc.section:
        parts.append(loc.section)
    if loc.table is not None:
        parts.append(f"表{loc.table + 1}")
    if loc.row is not None:
        parts.append(f"第{loc.row + 1}行")
    if loc.column:
        parts.append(f"「{loc.column}」")
    if loc.paragraph is not None:
        parts.append(f"第{loc.paragraph + 1}段")
    return " · ".join(parts)


# ---------------------------------------------------------------------------
# forms: which are department-wide, money factors
# ---------------------------------------------------------------------------

def is_dept_form(report, form) -> bool:
    t = form.title or ""
    if "整体" in t:
        return True
    if "项目" in t or form.project:
        return bool(report.meta.kind == "项目" and len([f for f in report.forms if f.kind == form.kind]) == 1)
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


# ---------------------------------------------------------------------------
# table facts
# ---------------------------------------------------------------------------

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


def cell_groups(report) -> list[CellGroup]:
    """Groups of labelled cells under a funds block (按收入性质分 / 按支出性质分),
    one per column, each with the total-row column it adds up to."""
    cached = getattr(report, "_nc_cell_groups", None)
    if cached is not None:
        return cached
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
    try:
        report._nc_cell_groups = out
    except Exception:  # pragma: no cover
        pass
    return out


def _cell_facts(report, year) -> list[Fact]:
    out = []
    for g in cell_groups(report):
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


def _score_facts(report, year) -> list[Fact]:
    out = []
    forms = [f for f in report.forms if f.kind in ("indicator", "score_sheet") and f.total is not None
             and f.total.value("score").number is not None]
    dept = [f for f in forms if is_dept_form(report, f)]
    use = dept or (forms if len(forms) == 1 else [])
    for f in use:
        v = f.total.value("score")
        out.append(Fact("score_total", "", year, fig(v), v, cell_location(f.total, "score"), "total", "总分",
                        f.total.text("score").strip(), f.title, ("total", f.table)))
    # key-value cells: 绩效自评综合得分 | 99分
    for t in report.document.tables:
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


def table_facts(report) -> list[Fact]:
    cached = getattr(report, "_nc_table_facts", None)
    if cached is not None:
        return cached
    year = report.meta.year
    facts = (_funds_facts(report, year) + _cell_facts(report, year) + _base_facts(report, year)
             + _staff_facts(report, year) + _score_facts(report, year))
    try:
        report._nc_table_facts = facts
    except Exception:  # pragma: no cover
        pass
    return facts


# ---------------------------------------------------------------------------
# narrative
# ---------------------------------------------------------------------------

def quantities(report) -> list[Quantity]:
    return narrative_quantities(report)


def q_fig(q: Quantity) -> Fig | None:
    v = q.value
    if v.number is None:
        return None
    if q.kind == "money":
        return fig(v, q.money_factor or 1.0)
    if q.kind == "count":
        return fig(v, exact=True)
    return fig(v)


def q_year_ok(report, q: Quantity) -> bool:
    return q.year is None or report.meta.year is None or q.year == report.meta.year


BUDGET_ROLES = {"budget", "budget_initial", "budget_full_year"}


def roles_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    return a in BUDGET_ROLES and b in BUDGET_ROLES and "budget" in (a, b)


def paragraph_of(q: Quantity) -> tuple:
    c = q.chunk
    return (c.location.block, c.location.row, c.location.col) if c is not None else (None,)


# ---------------------------------------------------------------------------
# narrative vs tables
# ---------------------------------------------------------------------------

@dataclass(eq=False)
class Comparison:
    quantity: Quantity            # the narrative figure (first place it is written)
    fact: Fact                    # the table figure it disagrees with
    status: str                   # "mismatch" | "scale" (exactly ×10,000)
    others: list = field(default_factory=list)      # further narrative places with the same figure
    candidates: list = field(default_factory=list)  # every table figure of that label and role


def _scaled(f: Fig, k: float) -> Fig:
    return Fig(f.v * k, f.h * k, f.u * k)


# 实有人数 and 在职人数 are one count in these forms (人员控制率 = 实有人数 ÷ 编制数; the 基础数据表
# column reads 实际在职人数); 离退休 and 人员总数 are not
_SAME_COUNT = {"staff_actual": {"staff_actual", "staff_active"}, "staff_active": {"staff_actual", "staff_active"}}


def _rate_source(qs, q) -> str:
    """The fund row a narrative 执行率 belongs to: the money figure just before it in
    its sentence when that names a source other than the total (财政拨款, 其他资金,
    基本支出, 项目支出 …); "" for the department's own rate."""
    prev = None
    for p in qs:
        if p is q:
            break
        if p.sentence == q.sentence and p.chunk is q.chunk and p.kind == "money" and not p.relation:
            prev = p
    if prev is None:
        return ""
    fld = prev.field or ""
    if not fld or fld == "total" or fld not in FUND_SOURCE_FIELD.values():
        return ""
    between = normalize(prev.value.raw[prev.end:q.start]) if prev.value.raw else ""
    # "财政拨款支出1,226.40万元（执行率95.81%）" is the row's own; "…、其他资金支出68.50万元，
    # 预算执行率97.30%" after a 其中 list is the total's
    if "（" in between or "(" in between or prev.parent is None:
        return fld
    return ""


def text_table_comparisons(report) -> list[Comparison]:
    """Narrative figures that disagree with the same quantity in a table
    (same canonical label, compatible role, same year).  Cached."""
    cached = getattr(report, "_nc_comparisons", None)
    if cached is not None:
        return cached
    from ..understand.quantities import MONEY_FIELDS, STAFF_FIELDS

    facts = [f for f in table_facts(report) if f.role != "prev"]
    qs_all = quantities(report)
    nq = [q for q in qs_all if q.field and not q.relation and not q.approx and q.role != "prev"
          and q_year_ok(report, q) and q_fig(q) is not None
          and (q.kind != "money" or q.money_factor is not None)]
    out: list[Comparison] = []
    index: dict[tuple, Comparison] = {}
    for q in nq:
        money = q.field in MONEY_FIELDS
        if q.field == "exec_rate":
            from .figures_arithmetic import narrative_rate_inputs

            if narrative_rate_inputs(qs_all, q) is not None:
                continue
            src = _rate_source(qs_all, q)  # "其中财政拨款支出1,226.40万元（执行率95.81%）": that row's rate
            cands = [f for f in facts if f.field == "exec_rate" and f.role == (f"src:{src}" if src else "")]
        else:
            # …unless the report splits them: "实有人数36人，其中在职人员31人，离休干部1人…"
            fields = _SAME_COUNT.get(q.field, {q.field}) if q.parent is None and not q.parts else {q.field}
            cands = [f for f in facts if f.field in fields and (not money or roles_compatible(q.role, f.role))]
        if not cands:
            continue
        qf = q_fig(q)
        if any(agree(qf, f.fig) for f in cands):
            continue
        # a table figure already matched by a narrative figure of another role is that figure's
        cands = [f for f in cands if not any(o is not q and o.field == q.field and o.role != q.role
                                             and agree(q_fig(o), f.fig) for o in nq)]
        if not cands:
            continue
        if q.field in STAFF_FIELDS and any(o is not q and o.field == q.field and any(agree(q_fig(o), f.fig)
                                                                                    for f in cands) for o in nq):
            continue      # a sub-unit's head count next to the department's
        status = "mismatch"
        target = min(cands, key=lambda f: gap(qf, f.fig))
        if money:
            sc = [f for f in cands if agree(_scaled(qf, 1e4), f.fig) or agree(_scaled(qf, 1e-4), f.fig)]
            if sc:
                status, target = "scale", sc[0]
        key = (q.field, q.role, round(qf.v, 6), id(target))
        if key in index:
            index[key].others.append(q)
            continue
        c = Comparison(q, target, status, [], cands)
        index[key] = c
        out.append(c)
    try:
        report._nc_comparisons = out
    except Exception:  # pragma: no cover
        pass
    return out


__all__ = ["q_text", "q_span", "Comparison", "text_table_comparisons", "Fig", "fig", "fsum", "agree", "ratio", "rate_agrees", "score_agrees", "gap", "Fact", "table_facts",
           "quantities", "q_fig", "cell_groups", "cell_location", "quantity_location", "quantity_context", "loc_str",
           "is_dept_form", "money_factor", "budget_column", "roles_compatible", "q_year_ok", "paragraph_of",
           "funds_for", "trimmed", "SYNONYMS"]
