"""Arithmetic of figures (NC350–NC355): parts vs totals in text and tables,
执行率, 控制率, shares and growth rates, 元 vs 万元.

Every recomputation uses interval arithmetic on the displayed precision plus
one unit of the coarser figure's last digit (domain-rules §4): 1144.40 vs
1144.41 and 91.17% vs 91.18% are not errors.  Approximate figures (约, 余, 多,
≥) and ambiguous readings are never reported as errors.
"""
from __future__ import annotations

import re

from ..understand.facts import (Fig, agree, budget_column, cell_groups, cell_location, fig, fsum, fund_groups,
                                indicator_kind, money_factor, narrative_rate_inputs, q_fig, q_span, q_text, quantities,
                                quantity_context, quantity_location, rate_agrees, ratio, table_facts,
                                text_table_comparisons, trimmed, unit_slip, product_slips)
from ..understand.quantities import RETIRED_OR_EXTRA, STAFF_UNITS, Quantity
from ..understand.values import Value, excel_serial_date
from ._util import fmt
from .registry import rule


def _f(x: float, nd: int = 2) -> str:
    return fmt(round(x, nd))


def _shown(q: Quantity, x_wan: float) -> str:
    """A value in 万元 (money) written in the unit of quantity ``q``."""
    if q.kind == "money" and q.money_factor:
        return _f(x_wan / q.money_factor, max(2, q.decimals)) + q.unit
    return _f(x_wan, max(2, q.decimals)) + q.unit


# ---------------------------------------------------------------------------
# NC350 parts vs total in the narrative
# ---------------------------------------------------------------------------

def _exhaustive(total: Quantity, parts: list[Quantity]) -> bool:
    if total.subtotal:
        return True     # "…、区级配套1640.00万元，合计财政资金5120.00万元": the stated sum of the parts before it
    fields = {p.field for p in parts}
    if ({"basic", "project"} <= fields or {"personnel", "public", "project"} <= fields) \
            and total.field in ("total", "", "income_total"):
        return True
    if total.field == "basic" and {"personnel", "public"} <= fields:
        return True
    if total.field in ("income_total", "total", "") and "fiscal" in fields and "other_income" in fields:
        return True
    if "staff_active" in fields and "staff_retired" in fields:
        return True
    if total.field == "three_public" and {"reception", "abroad", "car"} <= fields:
        return True
    return False


_STAFF_TOTAL = re.compile(r"实有|在职|在编|人员|职工|编制")
_STAFF_CATEGORY = re.compile(r"^(?:其中[：:，,]?)?(?:行政|事业|工勤|参公|参照公务员|机关|全额|差额|自收自支)"
                             r"(?:编制|人员|身份|岗位|技能)?(?:人员)?$")


def _staff_categories(total: Quantity, parts: list[Quantity]) -> bool:
    """"实有人员39人，其中行政14人、事业20人": the staff by 编制 category, which a report lists in full
    (a missing 工勤 or 编外 group is the one other reading)."""
    return (total.unit in STAFF_UNITS and bool(_STAFF_TOTAL.search(total.label or "")) and len(parts) >= 2
            and all(p.unit in STAFF_UNITS and _STAFF_CATEGORY.match((p.label or "").strip()) for p in parts))


def _nested_reading(figs: list[Fig], T: Fig) -> bool:
    """The other reading of a 其中 list: a run of parts right after part j that adds up to part j is j's own
    breakdown (基本支出11,042.67万元，人员经费10,318.25万元，公用经费724.42万元), not parts beside it.  True when,
    read so, the list adds up to the total."""
    n = len(figs)
    for j in range(n - 2):
        for end in range(j + 3, n + 1):
            if agree(fsum(figs[j + 1:end]), figs[j]) and agree(fsum(figs[:j + 1] + figs[end:]), T):
                return True
    return False


def _list_ends_at(parts: list[Quantity], k: int) -> bool:
    """Whether the text shows the 其中 list ending after its k-th part: the parts before were joined
    by 、 and the next one follows a ，or ； (国抽120批次、省抽385批次、县抽760批次，发现不合格样品23批次)."""
    text = getattr(parts[0].chunk, "text", None)
    if not text or any(p.chunk is not parts[0].chunk for p in parts):
        return False
    gaps = [text[parts[i].end:parts[i + 1].start] for i in range(len(parts) - 1)]
    inner, after = gaps[:k - 1], gaps[k - 1]
    return all("、" in g and not re.search(r"[，,；;]", g) for g in inner) and bool(re.search(r"[，,；;]", after))


@rule("NC350", "text-parts-sum", "arithmetic", "error",
      scope="叙述：合计数与“其中”各项（金额、人数、件数）",
      evidence={"total": "合计", "total_range": ("合计范围", "range"), "parts": ("分项", "list"), "sum": "各项之和",
                "parts_range": ("各项之和范围", "range"), "complete_breakdown": ("分项齐全", "bool"), "formula": "算式",
                "difference": "相差", "context": "上下文"})
def text_parts_sum(report, ctx):
    """叙述中“共X，其中A、B”的各部分之和与总数不一致。

    规则：一个数额后接“其中…”列出的各项，与该数额比较（按显示精度的区间运算，容差为较粗数字末位一个单位）。
    已知完整构成（支出 = 基本支出 + 项目支出；基本支出 = 人员经费 + 公用经费；收入 = 财政拨款 + 其他收入；
    人员 = 在职 + 离退休；三公经费 = 接待 + 出国 + 公车）必须相等；其他“其中”列举可以不完整，只在各项之和
    大于总数时报告。离退休、编外人员是否计入总人数两种口径任一相符即不报告；含“约、余、多”的数字不比较。
    实有（在职）人数按编制类别（行政、事业、工勤）列出而各项之和不等于总数时报告为警告（可能另有未列出的类别）。

    错误示例：
        2024年度部门整体支出绩效自评报告
        全年实际支出1253.78万元，其中：基本支出1144.41万元，项目支出90万元。

    正确示例：
        2024年度部门整体支出绩效自评报告
        全年实际支出1234.41万元，其中：基本支出1144.41万元，项目支出90万元。基本支出1144.41万元，其中人员经费760.28万元，公用经费384.12万元。
    """
    seen: dict[tuple, object] = {}
    for q in quantities(report):
        if not q.parts or q.relation or q.kind not in ("money", "count", "other") or q.approx:
            continue  # (an area or a length: only parts adding past their total, no breakdown is known complete)
        parts = q.parts
        if any(p.approx or p.value.number is None for p in parts):
            continue
        T = q_fig(q)
        figs = [q_fig(p) for p in parts]
        options = [list(range(len(parts)))]
        if q.unit in STAFF_UNITS:
            keep = [i for i, p in enumerate(parts) if not RETIRED_OR_EXTRA.search(p.label)]
            if len(keep) != len(parts) and keep:
                options.append(keep)
        sums = [fsum(figs[i] for i in opt) for opt in options]
        if any(agree(s, T) for s in sums):
            continue
        if len(parts) >= 3 and any(agree(fsum(figs[:k]), T) and _list_ends_at(parts, k) for k in range(2, len(parts))):
            continue      # the first parts add up exactly: the list ended there (…760批次，发现不合格样品23批次)
        if unit_slip(q, parts) is not None:
            continue      # the other unit of one part makes it add up: a 元/万元 slip (NC355)
        if _nested_reading(figs, T):
            continue      # 基本支出 followed by the 人员经费 and 公用经费 that make it up: its sub-items, not parts beside it
        allow = max([T.u] + [f.u for f in figs]) / 2
        over = all(s.lo - T.hi > allow for s in sums)
        exhaustive = _exhaustive(q, parts)
        # an enumeration that misses its total by a hair is meant to be complete (a typo)
        near = (not exhaustive and not over and len(parts) >= 2 and q.kind == "money"
                and 0 < T.v - sums[0].v <= 0.01 * T.v)
        # staff by 编制 category short of the head count: wrong unless a category is left unlisted
        staff = not (exhaustive or over or near) and _staff_categories(q, parts)
        if not (exhaustive or over or near or staff):
            continue
        key = (q.field, q.label, round(T.v, 6), tuple(round(f.v, 6) for f in figs))
        loc = quantity_location(q)
        if key in seen:
            seen[key].related.append(loc)
            continue
        s = sums[0]
        unit = q.unit
        formula = " + ".join(_shown(q, f.v).replace(unit, "") for f in figs) + f" = {_shown(q, s.v)}"
        biggest = max(range(len(parts)), key=lambda i: figs[i].v)
        if over and figs[biggest].lo - T.hi > allow:
            msg = (f"“{parts[biggest].label}{parts[biggest].display}”单项已超过总数“{q.label}{q.display}”，"
                   f"其中各项之和为 {_shown(q, s.v)}")
        elif over:
            msg = f"“{q.label}{q.display}”的其中各项之和 {_shown(q, s.v)} 大于总数"
        elif near:
            msg = (f"“{q.label}{q.display}”与其中所列各项之和 {_shown(q, s.v)} 相差 {_shown(q, abs(s.v - T.v))}"
                   f"（若各项已完整列举则有误）")
        elif staff:
            msg = (f"“{q.label}{q.display}”与其中{'、'.join(p.label for p in parts)}之和 {_shown(q, s.v)} 不一致"
                   f"（相差 {_shown(q, abs(s.v - T.v))}）；若还有未列出的人员类别（如工勤、编外），请一并列出")
        else:
            msg = f"“{q.label}{q.display}”与其中各项之和 {_shown(q, s.v)} 不一致（相差 {_shown(q, abs(s.v - T.v))}）"
        f = ctx.finding(
            msg + "，请核对总数和各分项后改正",
            q_text(q), q_span(q),
            evidence={"total": f"{q.label} {q.display}", "parts": [f"{p.label} {p.display}" for p in parts],
                      "formula": formula, "sum": _shown(q, s.v), "difference": _shown(q, s.v - T.v),
                      "total_range": T.range(), "parts_range": s.range(), "complete_breakdown": exhaustive,
                      "context": quantity_context(q, 80)},
            suggestion="核对总数与“其中”各项：若各项完整列举，其和应等于总数；若只列举部分，各项之和不应超过总数",
            related=[quantity_location(p) for p in parts],
            severity="warning" if near or staff else None,
        )
        seen[key] = f
        yield f


# ---------------------------------------------------------------------------
# NC351 sums in tables: funds blocks, 基础数据表 groups, labelled cells
# ---------------------------------------------------------------------------

def _row_label(rec) -> str:
    return re.sub(r"\s+", "", rec.text("label") or getattr(rec, "label", ""))


def _check_sum(ctx, total_fv_text, total_value: Value, total_loc, parts, complete, factor, row_label, column, form_title,
               what):
    """parts: list of (label, Value, Location).  Returns a finding or None."""
    T = fig(total_value, factor)
    if T is None:
        return None
    filled = [(lab, v, loc) for lab, v, loc in parts if v.kind not in ("empty",)]
    nums = [(lab, v, loc) for lab, v, loc in filled if v.number is not None]
    if not nums:
        return None
    figs = [fig(v, factor) for _, v, _ in nums]
    s = fsum(figs)
    if agree(s, T):
        return None
    allow = max([T.u] + [f.u for f in figs]) / 2
    over = s.lo - T.hi > allow
    all_filled = len(filled) == len(parts)
    if not over and not (complete and all_filled):
        return None
    formula = " + ".join(_f(f.v / factor) for f in figs) + f" = {_f(s.v / factor)}"
    msg = (f"{form_title}「{row_label}」{column} 的其中各项之和 {_f(s.v / factor)} 大于合计 {total_fv_text}" if over else
           f"{form_title}「{row_label}」{column} {total_fv_text} 与其中各项之和 {_f(s.v / factor)} 不一致")
    slip = _slip_reading(T, figs, nums)
    if slip:
        # the other reading: one figure written in 元 in a 万元 table (28500 for 2.85) adds up
        return ctx.finding(
            f"{form_title}「{row_label}」{column} {total_fv_text} 与其中各项之和 {_f(s.v / factor)} 按所填数字不一致；"
            f"{slip}，则相符：应是“元”与“万元”混用", total_fv_text, total_loc, severity="warning",
            evidence={"row": row_label, "column": column, "total": total_fv_text,
                      "parts": [f"{lab} {v.raw.strip()}" for lab, v, _ in nums], "formula": formula,
                      "difference": _f((s.v - T.v) / factor), "total_range": T.range(), "parts_range": s.range(),
                      "form": form_title, "check": what, "other_reading": slip},
            suggestion="统一表中金额的单位（按表头的万元填写），再核对合计与各项",
            related=[loc for _, _, loc in nums])
    return ctx.finding(
        msg + "，请核对后改正",
        total_fv_text, total_loc,
        evidence={"row": row_label, "column": column, "total": total_fv_text,
                  "parts": [f"{lab} {v.raw.strip()}" for lab, v, _ in nums], "formula": formula,
                  "difference": _f((s.v - T.v) / factor), "total_range": T.range(), "parts_range": s.range(),
                  "form": form_title, "check": what},
        suggestion="合计数应等于其中各项之和；核对各行金额并改正合计或分项",
        related=[loc for _, _, loc in nums],
    )


def _slip_reading(T, figs, nums) -> str:
    """The reading under which a 元/万元 slip makes the sum right: the total, or one part, taken as
    written in the other unit (×10000 or ÷10000).  "" when no such reading adds up."""
    from ..understand.facts.figures import Fig

    s = fsum(figs)
    # on the points, to the finest figure shown: a slip makes the sum exact, not merely within the
    # rounding of a bare "0"
    fine = min([f.u for f in figs + [T] if f.v and f.u] or [0.01])

    def close(a: float, b: float, unit: float) -> bool:
        return abs(a - b) <= unit / 2 + 1e-9 * max(1.0, abs(a), abs(b))

    for k in (1e-4, 1e4):
        t2 = Fig(T.v * k, T.h * k, T.u * k)
        if close(s.v, t2.v, max(fine, t2.u)):
            return f"若合计 {_f(T.v)} 是按{'元' if k < 1 else '万元'}填写，折合 {_f(t2.v)}"
    for i, f in enumerate(figs):
        for k in (1e-4, 1e4):
            g = Fig(f.v * k, f.h * k, f.u * k)
            if f.v and close(fsum(figs[:i] + [g] + figs[i + 1:]).v, T.v, max(fine, T.u)):
                return f"若「{nums[i][0]}」{_f(f.v)} 是按{'元' if k < 1 else '万元'}填写，折合 {_f(g.v)}"
    return ""


@rule("NC351", "table-sum", "arithmetic", "error",
      scope="资金表（年度资金总额与其中各行）、基础数据表各组（三公经费、项目支出、公用经费）、按收入/支出性质分的单元格",
      evidence={"form": "表单", "row": "行", "group": "分组", "column": "栏目", "total": "合计",
                "total_range": ("合计范围", "range"), "parts": ("分项", "list"), "parts_range": ("各项之和范围", "range"),
                "totals": ("各栏合计", "text"), "formula": "算式", "difference": "相差", "check": ("核对对象", "check")})
def table_sum(report, ctx):
    """表内合计与其中各项之和不一致（FUND-SUM）。

    规则：资金情况表每一列的“年度资金总额/合计”应等于其中各来源行之和（财政拨款 + 上年结转 + 其他资金 …），
    “基本支出”等于人员经费 + 公用经费；基础数据表“三公经费”等于三项之和、“项目支出”等于所列各项之和，
    “公用经费”的其中各项之和不超过公用经费；自评表“按收入/支出性质分”的各项之和应等于资金总额的某一列。
    区间运算按显示精度，容差为较粗数字末位一个单位；分项未填完时只在分项之和超过合计时报告。
    合计或某一项按另一单位（元与万元，相差一万倍）读就相符时，只报告为警告并写明两种读法。

    错误示例：
        2023年度项目支出绩效自评表
        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 100.00 | 100.00 | 95.00 | 10 | 95.00% | 9.5 |
        | 其中：财政拨款 | 60.00 | 60.00 | 60.00 | | | |
        | 其他资金 | 30.00 | 30.00 | 35.00 | | | |

    正确示例：
        2023年度项目支出绩效自评表
        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 100.00 | 100.00 | 95.00 | 10 | 95.00% | 9.5 |
        | 其中：财政拨款 | 60.00 | 60.00 | 60.00 | | | |
        | 其他资金 | 40.00 | 40.00 | 35.00 | | | |
    """
    cols = (("budget_initial", "年初预算数"), ("budget_full_year", "全年预算数"), ("executed", "全年执行数"))
    for form in report.forms:
        if form.kind == "funds":
            for tot, kids, complete in fund_groups(form):
                for col, cname in cols:
                    if col not in tot.fields:
                        continue
                    factor = money_factor(form, tot.text(col))
                    parts = [(_row_label(k), k.value(col), cell_location(k, col)) for k in kids if col in k.fields]
                    f = _check_sum(ctx, tot.text(col).strip(), tot.value(col), cell_location(tot, col), parts,
                                   complete, factor, _row_label(tot), tot.fields[col].column or cname, form.title,
                                   "funds")
                    if f:
                        yield f
        elif form.kind == "base":
            for tot, kids, complete in report.facts.base_groups(form):
                for key, fv in tot.fields.items():
                    if key == "label" or fv.value.number is None:
                        continue
                    parts = []
                    for k in kids:
                        kv = k.get(key)
                        if kv is None:
                            continue
                        v = kv.value
                        # an empty numbered item whose 其中 rows are filled: use their sum
                        sub = next((g for g in report.facts.base_groups(form) if g[0] is k), None)
                        if v.kind == "empty" and sub is not None:
                            subv = [s.value(key) for s in sub[1] if s.value(key).number is not None]
                            if subv:
                                total_sub = sum(x.number for x in subv)
                                dec = max((x.decimals or 0) for x in subv)
                                v = Value(raw=fmt(round(total_sub, dec)), kind="number", number=total_sub,
                                          decimals=dec, unit="")
                        parts.append((_row_label(k), v, cell_location(k, key)))
                    if not parts:
                        continue
                    f = _check_sum(ctx, fv.text.strip(), fv.value, cell_location(tot, key), parts, complete,
                                   money_factor(form, fv.text), _row_label(tot), fv.column, form.title, "base")
                    if f:
                        yield f
    for g in cell_groups(report):
        nums = [p for p in g.parts if p.value.number is not None]
        if g.role is not None or not nums or not g.sums:
            continue
        if any(p.value.kind == "na" for p in g.parts) or len(nums) < 1:
            continue
        factor = money_factor(g.form)
        s = fsum(fig(p.value, factor) for p in nums)
        # parts not all filled and smaller than every column: not filled in yet
        tot_vals = {c: fig(g.total.value(c), money_factor(g.form, g.total.text(c))) for c in g.sums}
        if all(s.hi < t.lo for t in tot_vals.values()) and len(nums) < len([p for p in g.parts if p.field]):
            continue
        head = next((p.label for p in g.parts if not p.field), "") or "其中各项"
        cols_txt = "、".join(f"{n} {g.total.text(c).strip()}" for c, n in cols if c in g.sums)
        yield ctx.finding(
            f"{g.form.title}“{head}”各项之和 {_f(s.v / factor)} 与年度资金总额任何一列（{cols_txt}）都不一致，请核对",
            nums[0].text, nums[0].location,
            evidence={"row": "年度资金总额", "group": head, "parts": [p.text for p in nums],
                      "formula": " + ".join(_f(fig(p.value, factor).v / factor) for p in nums) + f" = {_f(s.v / factor)}",
                      "totals": {c: g.total.text(c).strip() for c in g.sums}, "form": g.form.title},
            suggestion="按收入性质或支出性质分列的各项之和应等于资金总额（通常为全年执行数或预算数）",
            related=[cell_location(g.total, c) for c in g.sums] + [p.location for p in nums[1:]],
        )


# ---------------------------------------------------------------------------
# NC352 执行率
# ---------------------------------------------------------------------------

def _rate_readings(v: Value) -> list[tuple[Fig, bool]]:
    """(rate in %, needs_percent_sign) readings of a rate cell."""
    if v.number is None:
        return []
    if v.unit == "%":
        return [(fig(v), False)]
    if v.unit or v.kind != "number":
        return []
    return [(fig(v), True), (fig(v, 100.0), True)]


@rule("NC352", "execution-rate", "arithmetic", "error",
      scope="资金表各行：执行率与执行数 ÷ 预算数；叙述中的预算执行率与所述支出、预算",
      evidence={"form": "表单", "row": "行", "table_rate": "表中执行率", "matches_column": "与之相符的栏目", "rate": "填报的执行率",
                "budget": "预算数", "budget_column": "预算数栏目", "executed": "执行数",
                "recomputed_range": ("重算结果范围", "range"), "formula": "算式", "context": "上下文"})
def execution_rate(report, ctx):
    """执行率与“执行数 ÷ 预算数”不一致。

    规则：执行率 = 全年执行数 ÷ 预算数，预算数取表头角色字母 (A) 所指的列，否则取全年（调整）预算数，
    只有年初预算数一列时才用年初预算数。按显示精度做区间运算，容差为执行率末位一个单位（99.26% 与
    99.27% 不报）。执行率单元格缺“%”时取与重算相符的读法，只提示（info）。执行数超过预算数时提示（info）。
    叙述中的“预算执行率X%”与同段所述的实际支出、预算数比较。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 资金来源 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 |
        | 合计 | 2294.70 | 2277.91 | 99.27% | | |
        | （1）财政拨款 | 2294.70 | 2218.81 | 99.27% | | |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 资金来源 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 |
        | 合计 | 2294.70 | 2277.91 | 99.27% | | |
        | （1）财政拨款 | 2294.70 | 2218.81 | 96.69% | | |
    """
    for form in report.forms:
        if form.kind != "funds":
            continue
        den_col = budget_column(form)
        if den_col is None:
            continue
        for row in form.funds:
            rv = row.value("rate")
            ex = row.value("executed")
            den_v = row.value(den_col)
            if rv.number is None or ex.number is None:
                continue
            if den_v.number is None or den_v.number == 0:
                continue
            fx = money_factor(form, row.text("executed"))
            fd = money_factor(form, row.text(den_col))
            num, den = fig(ex, fx), fig(den_v, fd)
            readings = _rate_readings(rv)
            if not readings:
                continue
            recomputed = ratio(num, den)
            if recomputed is None:      # a budget that may be 0 or is negative: no rate to recompute
                continue
            ok = [(r, needs) for r, needs in readings if rate_agrees(num, den, r)]
            lo, hi, point = recomputed
            rate_loc = cell_location(row, "rate")
            ev = {"row": row.label, "rate": row.text("rate").strip(), "executed": row.text("executed").strip(),
                  "budget": row.text(den_col).strip(), "budget_column": row.fields[den_col].column,
                  "formula": f"{row.text('executed').strip()} ÷ {row.text(den_col).strip()} = {_f(point)}%",
                  "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]", "form": form.title}
            related = [cell_location(row, "executed"), cell_location(row, den_col)]
            pct_header = (form.hints.get("rate") or {}).get("unit") == "%"  # 执行率(%): bare numbers are percents
            if ok:
                r, needs = ok[0]
                if needs and rv.number not in (0,) and not (pct_header and abs(r.v - rv.number) < 1e-9):
                    yield ctx.finding(
                        f"{form.title}「{row.label}」执行率 {row.text('rate').strip()} 未写百分号，按重算结果应读作 "
                        f"{_f(r.v)}%", row.text("rate").strip(), rate_loc, evidence=ev, severity="info",
                        suggestion=f"写明单位，如 {_f(point)}%", related=related)
                elif row.source == "total" and point > 100 + 1e-9 and num.lo > den.hi:
                    yield ctx.finding(
                        f"{form.title}「{row.label}」全年执行数 {row.text('executed').strip()} 超过预算数 "
                        f"{row.text(den_col).strip()}（执行率 {_f(point)}%），请核实是否超预算支出或预算数填写有误",
                        row.text("executed").strip(), cell_location(row, "executed"), evidence=ev, severity="info",
                        suggestion="核对全年预算数（含调整）与执行数；确属超支的说明原因",
                        related=[cell_location(row, den_col), rate_loc])
                continue
            if any(needs for _, needs in readings):
                yield ctx.finding(
                    f"{form.title}「{row.label}」执行率 {row.text('rate').strip()}"
                    f"{'%' if pct_header else '（未写百分号）'}与重算的 {_f(point)}% "
                    f"不符，请核对", row.text("rate").strip(), rate_loc, evidence=ev, severity="info",
                    suggestion=f"执行率 = 全年执行数 ÷ 预算数，应为 {_f(point)}%", related=related)
                continue
            # does it fit another budget column?  (then the form used the other denominator)
            other = [c for c in ("budget_initial", "budget_full_year") if c != den_col and row.value(c).number]
            alt = next((c for c in other
                        if rate_agrees(num, fig(row.value(c), money_factor(form, row.text(c))), readings[0][0])), None)
            if alt is not None:
                ev["matches_column"] = row.fields[alt].column
                yield ctx.finding(
                    f"{form.title}「{row.label}」执行率 {row.text('rate').strip()} 是按{row.fields[alt].column}计算的；"
                    f"按{row.fields[den_col].column}应为 {_f(point)}%",
                    row.text("rate").strip(), rate_loc, evidence=ev, severity="warning",
                    suggestion=f"执行率 = 全年执行数 ÷ {row.fields[den_col].column}，应为 {_f(point)}%",
                    related=related)
                continue
            yield ctx.finding(
                f"{form.title}「{row.label}」执行率 {row.text('rate').strip()} 与 执行数 ÷ 预算数 = "
                f"{row.text('executed').strip()} ÷ {row.text(den_col).strip()} = {_f(point)}% 不一致",
                row.text("rate").strip(), rate_loc, evidence=ev,
                suggestion=f"改正执行率为 {_f(point)}%，或核对执行数与预算数", related=related)
    # narrative: 预算执行率X% with the spending and budget stated in the same paragraph
    qs = quantities(report)
    for q in qs:
        if q.field != "exec_rate" or q.kind != "percent" or q.approx or q.relation:
            continue
        inputs = narrative_rate_inputs(qs, q)
        if inputs is None:
            continue
        ex, buds = inputs
        r = q_fig(q)
        num = q_fig(ex)
        fits = [b for b in buds if rate_agrees(num, q_fig(b), r)]
        if fits:
            continue
        # other readings before an error: the full-year budget as 年初预算 + 年中追加 (implied
        # total: consistent, no finding), or another figure of the paragraph as the budget
        # (a reading the text allows: at most a warning naming both)
        before = [p for p in qs if p.chunk is q.chunk and p.start < q.start and p.kind == "money"
                  and not p.approx and p is not ex and p.money_factor is not None and p.relation != "growth"]
        adds = [p for p in before if _ADDITION.search(p.lead or "") and p not in buds[:1]]
        if any(rate_agrees(num, fsum([q_fig(b), q_fig(a)]), r) for b in buds for a in adds if a is not b):
            continue
        b = buds[0]
        recomputed = ratio(num, q_fig(b))
        if recomputed is None:
            continue
        lo, hi, point = recomputed
        tab = [f for f in table_facts(report) if f.field == "exec_rate" and f.role == ""]
        alt = next((p for p in before if p not in buds and rate_agrees(num, q_fig(p), r)), None)
        ev = {"rate": q.display, "executed": f"{ex.label} {ex.display}", "budget": f"{b.label} {b.display}",
              "formula": f"{ex.display} ÷ {b.display} = {_f(point)}%",
              "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]",
              "table_rate": tab[0].text if tab else None, "context": quantity_context(q, 80)}
        related = [quantity_location(ex), quantity_location(b)] + [f.location for f in tab[:1]]
        if alt is not None and (_ADJUSTED.search((alt.lead or "")[-8:]) or _ADJUSTED.search(alt.label or "")):
            continue  # 年中追加…调整为6384.20万元: the text states the adjusted budget the rate is on
        if alt is not None:
            ev["other_reading"] = f"{ex.display} ÷ {alt.label}{alt.display}"
            yield ctx.finding(
                f"叙述中的预算执行率 {q.display} 有两种读法：按{b.label} {b.display} 计算为 {_f(point)}%，不符；"
                f"按{alt.label or '同段的'} {alt.display} 计算则相符。请写明执行率的分母",
                q_text(q), q_span(q), evidence=ev, severity="warning",
                suggestion="执行率 = 实际支出 ÷ 全年（调整后）预算；在句中写明所用的预算数",
                related=related + [quantity_location(alt)])
            continue
        yield ctx.finding(
            f"叙述中的预算执行率 {q.display} 与同段所述 实际支出 ÷ 预算 = {ex.display} ÷ {b.display} = {_f(point)}% 不一致",
            q_text(q), q_span(q), evidence=ev,
            suggestion=f"预算执行率应为 {_f(point)}%（实际支出 ÷ 全年预算），请改正",
            related=related,
        )


_ADDITION = re.compile(r"追加|调增|增加预算|新增预算|追拨|增拨")
# the figure right after it is the adjusted budget: 调整为, 调整后, 追加后为, 调增至
_ADJUSTED = re.compile(r"(?:调整|追加|调增|调减)(?:后|为|至|到)[^，,。；;]{0,4}$|调整后(?:的)?(?:全年)?预算")
_CHANGE_BASE = re.compile(r"(?:比|较|与)(?:上年|去年|上一年度?|上年度|上年同期|去年同期|同期|(?:19|20)\d{2}\s*年度?)|同比")


# ---------------------------------------------------------------------------
# NC353 控制率 and other 53号 ratios
# ---------------------------------------------------------------------------

_COMMON = [
    (re.compile(r"(?:财政供养)?(?:人员|在职人员)控制率|人员编制控制率"), "staff"),
    (re.compile(r"三公经费控制率|“三公”经费控制率|三公经费预算控制率"), "three_public_ctl"),
    (re.compile(r"公用经费控制率"), "public_ctl"),
    (re.compile(r"三公经费变动率|“三公”经费变动率"), "three_public_chg"),
    (re.compile(r"政府采购执行率"), "purchase_ctl"),
]


def _dept_staff(report) -> dict:
    """Department-wide head counts: the 合计 row of a per-unit staff table, or
    the only value of each field."""
    by: dict[str, list] = {}
    for f in table_facts(report):
        if f.source == "staff":
            by.setdefault(f.field, []).append(f)
    out = {}
    for fld, fs in by.items():
        if len(fs) == 1:
            out[fld] = fs[0]
            continue
        tot = [f for f in fs if f.record is not None and re.match(r"^\s*(合计|总计|汇总|小计|全部门|部门合计)",
                                                                  f.record.text("label") or "")]
        if len(tot) == 1:
            out[fld] = tot[0]
    return out


def _base_value(report, field: str, role: str):
    for f in table_facts(report):
        if f.field == field and f.role == role and f.source == "base":
            return f
    return None


@rule("NC353", "common-ratio", "arithmetic", "error",
      scope="基础数据表控制率（实有 ÷ 编制）；指标行中的53号文比率（人员控制率、三公经费控制率/变动率、公用经费控制率、政府采购执行率）",
      evidence={"form": "表单", "row": "行", "column": "栏目", "actual": "实有数", "rate": "填报的控制率", "authorized": "核定数",
                "formula": "算式"})
def common_ratio(report, ctx):
    """控制率等共性指标与其输入数据不一致（COMMON-FORMULA）。

    规则：人员控制率 = 实有人数 ÷ 编制数；三公经费/公用经费控制率 = 决算数 ÷ 预算数；
    三公经费变动率 = (本年 − 上年) ÷ 上年；政府采购执行率 = 实际采购 ÷ 采购预算。
    输入取基础数据表；按显示精度做区间运算，容差为比率末位一个单位（62 ÷ 68 = 91.18%，写 91.17% 不报）。

    错误示例：
        2023年度部门整体支出绩效评价基础数据表
        | 财政供养人员情况（人） | 编制数 | 2023年实际在职人数 | 控制率 |
        | | 40 | 38 | 100% |

    正确示例：
        2023年度部门整体支出绩效评价基础数据表
        | 财政供养人员情况（人） | 编制数 | 2023年实际在职人数 | 控制率 |
        | | 68 | 62 | 91.17% |
    """
    for form in report.forms:
        if form.kind not in ("staff_table", "staff"):
            continue
        for rec in form.records:
            auth = next((fv for k, fv in rec.fields.items() if k.split("@")[0] == "authorized"), None)
            act = next((fv for k, fv in rec.fields.items() if k.split("@")[0] == "actual_staff"), None)
            rate_key = next((k for k in rec.fields if k.split("@")[0] == "control_rate"), None)
            if not (auth and act and rate_key):
                continue
            rv = rec.value(rate_key)
            if auth.value.number in (None, 0) or act.value.number is None:
                continue
            readings = _rate_readings(rv)
            num, den = fig(act.value, exact=True), fig(auth.value, exact=True)
            recomputed = ratio(num, den)
            if recomputed is None or not readings or any(rate_agrees(num, den, r) for r, _ in readings):
                continue            # (None: a 编制数 that may be 0 or is negative)
            _, _, point = recomputed
            sev = "info" if any(n for _, n in readings) else None
            # the other reading: the two counts the other way round (编制数 ÷ 实有人数) give the stated rate —
            # the rate computed upside down, or the two columns read in the other order: a warning naming both
            inverse = num.v > 0 and any(rate_agrees(den, num, r) for r, _ in readings)
            if inverse and sev is None:
                sev = "warning"
            key = rate_key.split("@")[0]
            yield ctx.finding(
                f"{form.title}人员控制率 {rec.text(rate_key).strip()} 与 实有人数 ÷ 编制数 = {act.text.strip()} ÷ "
                f"{auth.text.strip()} = {_f(point)}% 不一致"
                + (f"；按 {auth.text.strip()} ÷ {act.text.strip()} 计算则相符：比率算反了，或两栏的数字填反了"
                   if inverse else ""),
                rec.text(rate_key).strip(), cell_location(rec, rate_key),
                evidence={"row": "财政供养人员情况", "rate": rec.text(rate_key).strip(), "actual": act.text.strip(),
                          "authorized": auth.text.strip(),
                          "formula": f"{act.text.strip()} ÷ {auth.text.strip()} = {_f(point)}%", "form": form.title,
                          "column": rec.fields[key if key in rec.fields else rate_key].column},
                suggestion=f"人员控制率应为 {_f(point)}%", severity=sev,
                related=[cell_location(rec, next(k for k in rec.fields if k.split('@')[0] == 'actual_staff')),
                         cell_location(rec, next(k for k in rec.fields if k.split('@')[0] == 'authorized'))])
    staff = _dept_staff(report)
    for row in report.indicators:
        if row.empty:
            continue
        name = re.sub(r"\s+", "", row.name or "")
        kind = next((k for rx, k in _COMMON if rx.search(name)), None)
        a = row.actual
        if kind is None or a.number is None or a.unit != "%" or a.comparator or a.approx:
            continue
        if kind == "staff":
            act = staff.get("staff_active") or staff.get("staff_actual")
            auth = staff.get("staff_authorized")
            if not (act and auth) or not auth.fig.v:
                continue
            num, den, formula = act.fig, auth.fig, f"{act.text} ÷ {auth.text}"
            rel = [act.location, auth.location]
            mult_sub = 0.0
        elif kind in ("three_public_ctl", "public_ctl", "purchase_ctl"):
            fld = {"three_public_ctl": "three_public", "public_ctl": "public", "purchase_ctl": "purchase"}[kind]
            ex, bud = _base_value(report, fld, "executed"), _base_value(report, fld, "budget")
            if not (ex and bud) or bud.fig.v <= 0:
                continue
            num, den, formula = ex.fig, bud.fig, f"{ex.text} ÷ {bud.text}"
            rel = [ex.location, bud.location]
            mult_sub = 0.0
        else:
            cur, prev = _base_value(report, "three_public", "executed"), _base_value(report, "three_public", "prev")
            if not (cur and prev) or prev.fig.v <= 0:
                continue
            num = Fig(cur.fig.v - prev.fig.v, cur.fig.h + prev.fig.h, max(cur.fig.u, prev.fig.u))
            den, formula = prev.fig, f"({cur.text} − {prev.text}) ÷ {prev.text}"
            rel = [cur.location, prev.location]
            mult_sub = 1.0
        r = fig(a)
        rr = ratio(Fig(abs(num.v), num.h, num.u), den)
        if rr is None:
            continue
        lo, hi, point = rr
        if num.v < 0:
            lo, hi, point = -hi, -lo, -point
        if max(0.0, r.lo - hi, lo - r.hi) <= r.u / 2 + 1e-9:
            continue
        del mult_sub
        s, e = trimmed(row.text("actual"))
        yield ctx.finding(
            f"指标「{row.name}」实际完成值 {row.text('actual').strip()} 与基础数据重算的 {formula} = {_f(point)}% 不一致",
            row.text("actual").strip(), row.location("actual", s, e),
            evidence={"indicator": row.label, "actual": row.text("actual").strip(), "formula": f"{formula} = {_f(point)}%",
                      "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]"},
            suggestion=f"按基础数据表重算应为 {_f(point)}%，请核对", related=rel)


# ---------------------------------------------------------------------------
# NC354 growth rates and shares in the narrative
# ---------------------------------------------------------------------------

def _fits_parts_total(base, change, q) -> bool:
    """"支出合计9960.69万元，其中基本支出2387.81万元…，项目支出7512.88万元…较上年减少410.51万元，下降3.98%":
    with the parts' sum (9900.69) as this year's figure the rate is right — the total is off its parts,
    which NC350 reports; the rate is not a second error."""
    if base is None or len(base.parts) < 2 or any(p.approx or p.value.number is None for p in base.parts):
        return False
    if not all(_same_unit_kind(p, change) for p in base.parts):
        return False
    s = fsum(q_fig(p) for p in base.parts)
    if agree(s, q_fig(base)):
        return False
    d = q_fig(change)
    sign = change.direction or q.direction
    prev = Fig(s.v - sign * d.v, s.h + d.h, max(s.u, d.u))
    return prev.lo > 0 and bool(rate_agrees(d, prev, q_fig(q)))


def _find_denominator(qs: list[Quantity], q: Quantity) -> Quantity | None:
    from ..understand.quantities import match_label

    of = re.sub(r"^(?:本年|全年|当年|年度)", "", q.share_of)
    if not of:
        return None
    fld, _, s, e = match_label(of)
    whole = fld and s == 0 and e == len(of)
    num = q.base
    best = None
    for p in qs:
        if p.chunk is not q.chunk or p is num or p.relation or p.approx or p.role == "prev":
            continue
        if num is not None and p.kind != num.kind:
            continue
        if (whole and p.field == fld) or (p.label and p.label == of):
            if num is not None and num.parent is p:
                return p
            if p.start < q.start:
                best = p
            elif best is None:
                best = p
    return best


@rule("NC354", "growth-share", "arithmetic", "error",
      scope="叙述：“比上年增加X，增长Y%”（增减额与增长率）和“占……Y%”（占比），按其数字重算",
      evidence={"rate": "填报的比率", "current": "本期数", "previous": "上期数", "change": "变化", "share": "占比", "part": "部分",
                "whole": "总体", "recomputed_range": ("重算结果范围", "range"), "formula": "算式", "context": "上下文"})
def growth_share(report, ctx):
    """叙述中的增长率、占比与其所依据的数字不一致。

    规则：“本年X，比上年增加Δ，增长Y%”：Y = Δ ÷ (X − Δ)（减少、下降时为 Δ ÷ (X + Δ)）；
    “A，占B的Y%”：Y = A ÷ B，B 取同段中标签相同的数。按显示精度做区间运算，容差为百分比末位一个单位。
    “个百分点”是绝对变化，不按增长率重算；分母不明确时不报告。

    错误示例：
        2021年度部门整体支出绩效自评报告
        2021年，区委办基本支出516.14万元，比上年增加152.09万元，增长29.47%。

    正确示例：
        2021年度部门整体支出绩效自评报告
        2021年，区委办基本支出516.14万元，比上年增加152.09万元，增长41.78%。基本支出中人员经费415.50万元，占基本支出80.5%；公用经费100.64万元，占基本支出19.5%。
    """
    qs = quantities(report)
    seen = set()
    for q in qs:
        if q.kind != "percent" or q.approx or q.value.unit != "%":
            continue
        explicit = q.change is not None and q.prev_value is not None  # Δ and 上年数 both stated
        if q.relation == "growth" and (q.base is not None or explicit) and (q.change is not None
                                                                             or q.prev_value is not None):
            base = q.base if q.base is not None else q.prev_value
            cur = q_fig(base)
            alt = None
            whole_reading = ""
            if base.kind == "money" and base.money_factor is None:
                continue
            if explicit:
                # "比上年4.28万元减少0.63万元，下降14.72%": Δ ÷ the stated previous value
                ch, pv = q.change, q.prev_value
                if not _same_unit_kind(pv, ch) or ch.approx or pv.approx:
                    continue
                prev, delta = q_fig(pv), q_fig(ch)
                formula = f"{ch.display} ÷ {pv.display}"
                related = [quantity_location(pv), quantity_location(ch)]
            elif q.change is not None:
                ch = q.change
                if not _same_unit_kind(q.base, ch) or ch.approx or q.base.approx:
                    continue
                d = q_fig(ch)
                sign = ch.direction or q.direction
                prev = Fig(cur.v - sign * d.v, cur.h + d.h, max(cur.u, d.u))
                delta = d
                formula = (f"{ch.display} ÷ ({q.base.display} {'−' if sign > 0 else '+'} {ch.display})")
                related = [quantity_location(q.base), quantity_location(ch)]
                if not _CHANGE_BASE.search(ch.lead or ""):
                    alt = cur  # nothing says the change is against last year: the figure may be last year's
                whole = q.base.parent
                if whole is not None and whole.kind == q.base.kind and not whole.approx and _same_unit_kind(whole, ch):
                    # "支出9.36万元，其中A 3.26万元、B 6.10万元，较上年减少0.69万元，下降6.87%": the change
                    # after a 其中 list may be the total's; if that reading adds up, nothing is wrong
                    w = q_fig(whole)
                    wprev = Fig(w.v - sign * d.v, w.h + d.h, max(w.u, d.u))
                    if wprev.lo > 0 and rate_agrees(d, wprev, q_fig(q)):
                        continue
                    if wprev.lo > 0 and prev.lo <= 0:
                        # the last part's reading is impossible (a negative last year: 12.80 − 257.89): the
                        # change is the total's, the one reading left
                        cur, prev, alt = w, wprev, None
                        formula = f"{ch.display} ÷ ({whole.display} {'−' if sign > 0 else '+'} {ch.display})"
                        related = [quantity_location(whole), quantity_location(ch)]
                        base = whole
                    elif wprev.lo > 0:
                        whole_reading = (f"若增减指总数“{whole.label}{whole.display}”，{ch.display} ÷ ({whole.display} "
                                         f"{'−' if sign > 0 else '+'} {ch.display}) = {_f(d.v / wprev.v * 100)}%；"
                                         f"若指最后一项“{q.base.label}{q.base.display}”，")
            else:
                pv = q.prev_value
                if not _same_unit_kind(q.base, pv) or pv.approx:
                    continue
                prev = q_fig(pv)
                whole = q.base.parent
                if whole is not None and whole.kind == q.base.kind and not whole.approx and _same_unit_kind(whole, pv):
                    # "“三公”经费支出12.36万元，其中…公务用车运行维护费9.24万元；较上年14.80万元下降16.49%": after a 其中
                    # list the comparison is the total's, the list's subject — unless the last part's reading fits
                    pd = Fig(abs(cur.v - prev.v), cur.h + prev.h, max(cur.u, prev.u))
                    if rate_agrees(pd, prev, q_fig(q)):
                        continue
                    cur, base = q_fig(whole), whole
                delta = Fig(abs(cur.v - prev.v), cur.h + prev.h, max(cur.u, prev.u))
                formula = f"|{base.display} − {pv.display}| ÷ {pv.display}"
                related = [quantity_location(base), quantity_location(pv)]
            if prev.lo <= 0:
                continue
            r = q_fig(q)
            lo = max(delta.lo, 0) / prev.hi * 100
            hi = delta.hi / prev.lo * 100
            point = delta.v / prev.v * 100
            if max(0.0, r.lo - hi, lo - r.hi) <= r.u / 2 + 1e-9:
                continue
            if q.change is not None and not explicit and _fits_parts_total(base, q.change, q):
                continue  # the rate fits the sum of the total's own parts: the total is the wrong figure (NC350)
            key = (round(cur.v, 6), round(delta.v, 6), q.number)
            if key in seen:
                continue
            seen.add(key)
            word = q.lead.strip("，,") or "增长率"
            if alt is not None and alt.lo > 0 and rate_agrees(delta, alt, r):
                # before an error, the other reading: with the stated figure as last year's the text adds up
                yield ctx.finding(
                    f"{word}{q.display} 有两种读法：若 {q.base.display} 是本年数，{formula} = {_f(point)}%，不符；"
                    f"若它是上年数，{ch.display} ÷ {q.base.display} 与 {q.display} 相符。请写明哪一个是上年数",
                    q_text(q), q_span(q), severity="warning",
                    evidence={"rate": q.display, "figure": f"{q.base.label} {q.base.display}",
                              "change": ch.display, "as_this_year": f"{formula} = {_f(point)}%",
                              "as_last_year": f"{ch.display} ÷ {q.base.display}", "context": quantity_context(q, 80)},
                    suggestion="写明上年数和本年数，如“本年支出X万元，较上年Y万元增加Z万元，增长W%”",
                    related=related)
                continue
            yield ctx.finding(
                f"{word}{q.display} 与所列数字不符：{whole_reading}{formula} = {_f(point)}%" + ("，两种读法都不符"
                                                                                     if whole_reading else ""),
                q_text(q), q_span(q),
                evidence={"rate": q.display, "current": f"{base.label} {base.display}" if base is not None else None,
                          "change": q.change.display if q.change is not None else None,
                          "previous": _f(prev.v / (base.money_factor or 1.0)) + base.unit,
                          "formula": f"{formula} = {_f(point)}%", "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]",
                          "context": quantity_context(q, 80)},
                suggestion=f"增长率 = 增减额 ÷ 上年数，应为 {_f(point)}%；或核对本年数与增减额",
                related=related)
        elif q.relation == "share" and q.base is not None:
            den = _find_denominator(qs, q)
            num = q.base
            if den is None and not num.approx:
                f = _share_against_table(report, q, num)
                if f is not None:
                    yield ctx.finding(**f)
                continue
            if den is None or num.approx or den.approx or not _same_unit_kind(num, den):
                continue
            nf, df = q_fig(num), q_fig(den)
            rr = ratio(nf, df)
            if rr is None:
                continue
            lo, hi, point = rr
            r = q_fig(q)
            if max(0.0, r.lo - hi, lo - r.hi) <= r.u / 2 + 1e-9:
                continue
            if q.pair_group:
                # the other pairing of a 分别 list: the shares in reverse order fit their parts
                shares, parts = q.pair_group
                gkey = ("pairing",) + tuple(id(x) for x in shares)
                if gkey in seen:
                    continue
                rev = list(reversed(parts))
                if len(shares) == 2 and all(rate_agrees(q_fig(p), df, q_fig(sh)) for sh, p in zip(shares, rev)):
                    seen.add(gkey)
                    yield ctx.finding(
                        f"“分别占{q.share_of}的{'、'.join(sh.display for sh in shares)}”与"
                        f"{'、'.join(p.label + p.display for p in parts)}的顺序相反：按所列顺序不符，"
                        f"顺序对调则相符",
                        q_text(q), q_span(q), severity="warning",
                        evidence={"shares": [sh.display for sh in shares],
                                  "parts": [f"{p.label} {p.display}" for p in parts], "whole": f"{den.label} {den.display}",
                                  "as_written": f"{num.display} ÷ {den.display} = {_f(point)}%",
                                  "context": quantity_context(q, 80)},
                        suggestion="按所列各项的顺序写占比，或调整各项的顺序",
                        related=[quantity_location(p) for p in parts])
                    continue
            key = (round(nf.v, 6), round(df.v, 6), q.number)
            if key in seen:
                continue
            seen.add(key)
            yield ctx.finding(
                f"“{num.label}{num.display}，{q.lead.strip('，,')}{q.display}”与所列数字不符："
                f"{num.display} ÷ {den.display} = {_f(point)}%",
                q_text(q), q_span(q),
                evidence={"share": q.display, "part": f"{num.label} {num.display}", "whole": f"{den.label} {den.display}",
                          "formula": f"{num.display} ÷ {den.display} = {_f(point)}%",
                          "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]", "context": quantity_context(q, 80)},
                suggestion=f"占比应为 {_f(point)}%，请核对",
                related=[quantity_location(num), quantity_location(den)])


_TOTAL_OF = re.compile(r"^(?:本年|全年|当年|年度)?(?:部门)?(?:总支出|支出总额|支出合计|全部支出|全年支出|总额|年度支出|支出)$")


def _share_against_table(report, q: Quantity, num: Quantity) -> dict | None:
    """A share stated without its denominator (占总支出66.54%, no 总支出 in the paragraph):
    the denominator is the table's total of the same role.  A disagreement is a warning —
    the denominator was inferred — and none when any total of the table fits, or when the
    shares of a complete breakdown add up among themselves (the parts' own total; whether
    that total matches the table is the mismatch rules' question)."""
    if num.kind != "money" or num.money_factor is None or not _TOTAL_OF.match(q.share_of or ""):
        return None
    # a complete breakdown (基本支出 …占总支出的66.54%、项目支出 …33.46%): the shares add to 100% and
    # each is its part over the parts' sum — the narrative's own implied total, consistent in itself
    sibs = [p for p in quantities(report) if p.relation == "share" and p.share_of == q.share_of and p.base is not None
            and p.base.kind == "money" and p.base.money_factor is not None and not p.base.approx]
    if len(sibs) >= 2 and abs(sum(p.number for p in sibs) - 100) <= 0.05 * len(sibs):
        implied = fsum(q_fig(p.base) for p in sibs)
        if all(rate_agrees(q_fig(p.base), implied, q_fig(p)) for p in sibs):
            return None
    budget = (num.role or "").startswith("budget")
    tots = [f for f in table_facts(report) if f.field == "total" and f.source == "funds"
            and (f.role.startswith("budget") if budget else f.role == "executed")]
    if not tots:
        return None
    nf, r = q_fig(num), q_fig(q)
    if any(rate_agrees(nf, f.fig, r) for f in tots):
        return None
    t = tots[0]
    lo, hi, point = ratio(nf, t.fig)
    return dict(
        message=f"“{num.label}{num.display}，{q.lead.strip('，,')}{q.display}”：叙述中没有写出总额，按{t.form or '自评表'}"
                f"「{t.row}」的 {t.text} 计算为 {_f(point)}%，不符",
        text=q_text(q), location=q_span(q), severity="warning",
        evidence={"share": q.display, "part": f"{num.label} {num.display}", "whole": f"{t.row} {t.text}",
                  "whole_from": t.where(), "formula": f"{num.display} ÷ {t.text} = {_f(point)}%",
                  "recomputed_range": f"[{_f(lo, 4)}%, {_f(hi, 4)}%]", "context": quantity_context(q, 80)},
        suggestion=f"写明占比的分母；按表中总额，占比应为 {_f(point)}%",
        related=[quantity_location(num), t.location])


def _same_unit_kind(a: Quantity, b: Quantity) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        return a.money_factor is not None and b.money_factor is not None
    return a.unit == b.unit


# ---------------------------------------------------------------------------
# NC355 元 written where 万元 is meant
# ---------------------------------------------------------------------------

@rule("NC355", "unit-scale", "arithmetic", "warning",
      scope="叙述中的金额与表中同一数字：恰好相差 10000 倍（元与万元）",
      evidence={"row": "行", "label": "项目", "text_value": "文中数值", "table_value": "表中数值", "table_location": "表中位置",
                "factor": "相差倍数"})
def unit_scale(report, ctx):
    """同一金额在叙述与表格中相差正好一万倍：元与万元混用。

    规则：叙述金额换算成万元后与表格中同一数（同标签、同口径、同年度）相比，恰为其 10000 倍或万分之一
    （按显示精度区间运算）时报告，而不作为数字不一致。

    错误示例：
        2024年度部门整体支出绩效自评报告
        区政府办2024年全年公用经费384.12元。
        2024年度部门整体支出绩效评价基础数据表
        | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
        | 公用经费 | 380.82 | 422.77 | 384.12 |

    正确示例：
        2024年度部门整体支出绩效自评报告
        区政府办2024年全年公用经费384.12万元，“三公”经费0.53万元。
        2024年度部门整体支出绩效评价基础数据表
        | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
        | 公用经费 | 380.82 | 422.77 | 384.12 |
    """
    slipped: set[int] = set()      # a figure slipped as the part of one list and as the total of its own: once
    for q in quantities(report):
        # inside the narrative: a 其中 list that adds up once one part (or the total) is read in the other unit
        if not q.parts or q.relation or q.approx or any(p.approx for p in q.parts):
            continue
        p = unit_slip(q, q.parts)
        if p is None or id(p) in slipped:
            continue
        slipped.add(id(p))
        other = "万元" if p.money_factor == 1e-4 else "元"
        if p is q:
            msg = (f"“{q.label}{q.display}”按{other}计才等于其后所列各项之和 "
                   f"{_f(fsum(q_fig(x) for x in q.parts).v)}万元，应是“元”与“万元”混用")
        else:
            msg = f"“{p.label}{p.display}”按{other}计，其中各项之和才等于“{q.label}{q.display}”，应是“元”与“万元”混用"
        yield ctx.finding(
            msg,
            q_text(p), q_span(p),
            evidence={"total": f"{q.label} {q.display}", "parts": [f"{x.label} {x.display}" for x in q.parts],
                      "slip": f"{p.label} {p.display}", "read_as": other, "factor": 10000,
                      "context": quantity_context(p, 80)},
            suggestion=f"核对“{p.label}”的金额单位，应为{other}",
            related=[quantity_location(x) for x in q.parts] if p is q else [quantity_location(q)])
    for t, n, st in product_slips(quantities(report)):
        # count × standard is the total in the other unit: 1200户 × 每户3000元 = 360万元, written 360元
        other = "万元" if t.money_factor == 1e-4 else "元"
        yield ctx.finding(
            f"“{t.label}{t.display}”与 {n.display} × {st.display} 相差正好一万倍，应是“元”与“万元”混用（应为{other}）",
            q_text(t), q_span(t),
            evidence={"total": f"{t.label} {t.display}", "count": n.display, "standard": st.display,
                      "product": f"{n.display} × {st.display}", "factor": 10000, "context": quantity_context(t, 80)},
            suggestion=f"核对金额单位：{n.display} × {st.display} 应写作{other}",
            related=[quantity_location(n), quantity_location(st)])
    for c in text_table_comparisons(report):
        if c.status != "scale":
            continue
        q, t = c.quantity, c.fact
        yield ctx.finding(
            f"叙述中的{q.name}“{q.display}”与{t.form or '表格'}「{t.row}」{t.text}万元 相差正好一万倍，"
            f"应是“元”与“万元”混用",
            q_text(q), q_span(q),
            evidence={"label": q.label, "text_value": q.display, "table_value": f"{t.text}（{t.form}）", "row": t.row,
                      "factor": 10000, "table_location": t.where()},
            suggestion="统一金额单位：表格以万元计时，叙述中应写“万元”",
            related=[t.location] + [quantity_location(o) for o in c.others])


# ---------------------------------------------------------------------------
# NC356 values that cannot be right (UNIT-SANITY)
# ---------------------------------------------------------------------------

# rates that cannot exceed 100% (使用率/利用率 can: 加床; 完成率/执行率/增长率 can: over-achievement)
BOUNDED_RATE = re.compile(r"满意度|满意率|合格率|达标率|覆盖率|知晓率|普及率|入学率|巩固率|准确率|正确率|出勤率|到位率|办结率"
                          r"|参保率|合规率|及格率|通过率|完好率|响应率|回复率|结案率|审结率|处置率|兑现率|发放率|拨付率")
UNBOUNDED_RATE = re.compile(r"执行率|完成率|增长率|增幅|变动率|提高率|提升率|超额|使用率|利用率|周转率")


@rule("NC356", "value-sanity", "arithmetic", "error",
      scope="指标行：时效栏中的数值，以及不能超过 100% 的比率",
      evidence={"indicator": "指标", "form": "表单", "column": "栏目", "value": "表中的数", "date": "对应日期"})
def value_sanity(report, ctx):
    """不可能成立的数值：时效指标里的 Excel 日期序号（45230 = 2023年10月31日），满意度、合格率等比率超过 100%。

    规则：时效指标的指标值或实际完成值是 36526–55153 之间的整数（Excel 把日期存成的序号，2000–2050 年）时报告，
    并给出它对应的日期（警告）；满意度、合格率、达标率、覆盖率、知晓率、办结率等不可能超过 100% 的比率，
    其指标值或实际完成值大于 100% 时报告（错误）。执行率、完成率、增长率、使用率可以超过 100%，不查。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 完工时间 | 2023年10月31日前 | 45230 | 5 | 5 |
        | 满意度指标 | 服务对象满意度指标 | 师生满意度 | ≥90% | 103% | 10 | 10 |
        | 总分 | 15 | 15 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 完工时间 | 2023年10月31日前 | 2023年10月28日 | 5 | 5 |
        | 满意度指标 | 服务对象满意度指标 | 师生满意度 | ≥90% | 96.3% | 10 | 10 |
        | 总分 | 15 | 15 |
    """

    for form in report.indicator_forms:
        for row in form.indicators:
            if row.empty:
                continue
            kind = indicator_kind(row)
            for fld in ("target", "target_adjusted", "actual"):
                raw = row.text(fld)
                if not raw.strip():
                    continue
                col = row.fields[fld].column if fld in row.fields else fld
                if kind == "time":
                    ymd = excel_serial_date(raw)
                    if ymd:
                        y, mo, d = ymd
                        yield ctx.finding(
                            f"时效指标「{row.label}」的{col} {raw.strip()} 是 Excel 的日期序号（即 {y}年{mo}月{d}日），"
                            "不是日期", raw.strip(), cell_location(row, fld),
                            evidence={"indicator": row.label, "value": raw.strip(), "date": f"{y}-{mo:02d}-{d:02d}",
                                      "column": col, "form": form.title},
                            severity="warning",
                            suggestion=f"改为日期，如“{y}年{mo}月{d}日”，并核对是否在时限内")
                        continue
                name = re.sub(r"\s+", "", row.name or row.label or "")
                v = row.value(fld)
                if (v.kind == "percent" and v.number is not None and v.number > 100 + 1e-9
                        and BOUNDED_RATE.search(name) and not UNBOUNDED_RATE.search(name)):
                    yield ctx.finding(
                        f"「{row.label}」是不会超过 100% 的比率，{col}却是 {raw.strip()}",
                        raw.strip(), cell_location(row, fld),
                        evidence={"indicator": row.label, "value": raw.strip(), "column": col, "form": form.title},
                        suggestion="核对分子和分母（如满意人数 ÷ 调查人数），写出实际比率")
