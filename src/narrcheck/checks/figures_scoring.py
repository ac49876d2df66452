"""Scoring rules (NC400–NC408), domain-rules §2 and §3.2–3.4: score > weight,
weights vs their declared (50分) totals, 执行率得分, a quantitative row's
score vs its target and actual, lost points without a reason, 无 rows that
are scored, full marks below target, unexplained over-achievement, and grade
words that do not fit the total.  (Total ≠ sum of rows is NC001.)

A score agrees with a computed one when it is that value rounded or truncated
to the displayed decimals, or within 0.01.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..understand.facts import (Fig, budget_column, exec_points_unsure, exec_weight, fig, funds_for, indicator_kind,
                                money_factor, not_points, quantities, quantity_location, ratio, score_agrees, table_facts, trimmed)
from ..understand.forms import WEIGHT_IN_LABEL, IndicatorRow
from ..understand.values import Value, normalize
from ._util import fmt
from .registry import rule

NA_TEXT = re.compile(r"^[\s/／\\—\-－―─_]*$|^[（(]?(?:无|不适用|不涉及|无此项|暂无|无此类)[)）]?$")
NO_REASON = re.compile(r"^[\s/／\\—\-－―─。.]*$|^[（(]?(?:无|无偏差|没有偏差|无差异|不存在偏差|已完成|完成|全部完成|"
                       r"按期完成|达到目标|达到预期|无偏离)[。.]?[)）]?$")
_COUNT_UNITS = {"次", "个", "件", "项", "人", "人次", "户", "场", "篇", "条", "份", "期", "家", "套", "台", "批", "名"}


def _f(x: float, nd: int = 2) -> str:
    return fmt(round(x, nd))


def _loc(row, fld):
    s, e = trimmed(row.text(fld))
    return row.location(fld, s, e)


def _is_na_row(row: IndicatorRow) -> bool:
    name = re.sub(r"\s+", "", row.name)
    if name and NA_TEXT.match(name):
        return True
    t, a = row.text("target").strip(), row.text("actual").strip()
    return bool(t) and bool(a) and bool(NA_TEXT.match(t)) and bool(NA_TEXT.match(a)) and not name


def _no_reason(row) -> bool:
    return bool(NO_REASON.match(normalize(row.deviation).strip()))


def _has_dev_column(form) -> bool:
    return any(f == "deviation" for f, _ in form.header.values())


# ---------------------------------------------------------------------------
# the row model: direction, A, B and the expected score
# ---------------------------------------------------------------------------

@dataclass
class RowCalc:
    direction: str            # up | down | equal
    a: Fig
    b: Fig
    w: float
    lo: float                 # expected score interval (all accepted variants joined per variant)
    hi: float
    point: float
    variants: list            # [(lo, hi, point, formula)]
    unit_missing: bool = False


def _direction(row: IndicatorRow) -> str | None:
    d = normalize(row.text("direction")).strip()
    if d:
        if "反向" in d or d.startswith(("≤", "<")) or "不高于" in d or "不超过" in d:
            return "down"
        if "正向" in d or d.startswith(("≥", ">")):
            return "up"
        if d.startswith("="):
            return "equal"
    c = row.target.comparator
    if c in ("≥", ">"):
        return "up"
    if c in ("≤", "<"):
        return "down"
    if c == "=" or not c:
        return "equal"
    return None


def row_calc(row: IndicatorRow) -> RowCalc | None:
    """Expected score of a quantitative row (§2), or None when the row is not
    a clean number-vs-number comparison."""
    if row.empty:
        return None
    t, a, w = row.target, row.actual, row.weight
    if t.number is None or a.number is None or w.number is None or w.number <= 0:
        return None
    if t.kind not in ("number", "percent") or a.kind not in ("number", "percent"):
        return None
    if a.comparator or a.approx or t.approx:
        return None
    unit_missing = False
    if t.unit != a.unit:
        if not a.unit and t.unit in _COUNT_UNITS and float(a.number).is_integer():
            unit_missing = True
        else:
            return None
    if (t.scale or 1) != (a.scale or 1) or "/" in (t.unit or ""):
        return None
    d = _direction(row)
    if d is None:
        return None
    A, B = fig(t), fig(a)
    W = w.number
    variants = []
    if d in ("up", "equal"):
        if d == "equal" and A.v == 0:
            v = W if B.hi <= 0 else (0.0 if B.lo > 0 else None)
            if v is None:
                return None
            variants.append((v, v, v, "A = 0：B ≤ 0 得满分，否则 0 分"))
        else:
            if A.lo <= 0:
                return None
            if B.lo >= A.hi:
                variants.append((W, W, W, "B ≥ A，得满分"))
            else:
                lo = W * max(B.lo, 0) / A.hi
                hi = W if B.hi >= A.lo else W * B.hi / A.lo
                variants.append((lo, min(hi, W), min(W, W * B.v / A.v), f"{fmt(W)} × {fmt(B.v)} ÷ {fmt(A.v)}"))
    else:
        if A.lo <= 0:
            return None
        if B.hi <= A.lo:
            variants.append((W, W, W, "B ≤ A，得满分"))
        else:
            def lin(b, aa):
                if b <= aa:
                    return W
                if b >= 2 * aa:
                    return 0.0
                return W * (1 - (b - aa) / aa)

            vals = [lin(B.lo, A.hi), lin(B.hi, A.lo)]
            variants.append((min(vals), max(vals), lin(B.v, A.v), f"{fmt(W)} × (1 − ({fmt(B.v)} − {fmt(A.v)}) ÷ {fmt(A.v)})"))
            if B.lo > 0:
                r = [min(W, W * A.lo / B.hi), min(W, W * A.hi / B.lo)]
                variants.append((min(r), max(r), min(W, W * A.v / B.v), f"{fmt(W)} × {fmt(A.v)} ÷ {fmt(B.v)}"))
    lo = min(v[0] for v in variants)
    hi = max(v[1] for v in variants)
    return RowCalc(d, A, B, W, lo, hi, variants[0][2], variants, unit_missing)


def _score_ok(score: Value, calc: RowCalc) -> bool:
    return any(score_agrees(score, lo, hi, p) for lo, hi, p, _ in calc.variants)


def _below_target(calc: RowCalc) -> bool:
    if calc.direction in ("up", "equal"):
        return calc.b.hi < calc.a.lo and not (calc.direction == "equal" and calc.a.v == 0)
    return calc.b.lo > calc.a.hi


def row_score_problem(row: IndicatorRow) -> RowCalc | None:
    """The calc when NC403 reports the row (score inconsistent with A, B, w)."""
    if row.score.number is None:
        return None
    calc = row_calc(row)
    if calc is None or _score_ok(row.score, calc):
        return None
    s = row.score.number
    if s > calc.w + 1e-9:
        return None                       # score above weight: NC400
    if s >= calc.w - 1e-9 and _below_target(calc):
        return None                       # full marks below target: NC406
    if s < calc.point and not _no_reason(row):
        return None                       # a lower score with a stated reason (10号: proportional cut)
    return calc


# ---------------------------------------------------------------------------
# NC400
# ---------------------------------------------------------------------------

@rule("NC400", "score-over-weight", "scoring", "error",
      scope="指标表和评分表各行、总分行、执行率得分（得分与分值）",
      evidence={"indicator": "指标", "form": "表单", "weight": "分值", "score": "得分", "excess": "超出"})
def score_over_weight(report, ctx):
    """得分超过分值（SCORE-CAP）：任何一行、合计或执行率得分都不得高于其分值，不设加分。

    规则：得分 > 分值（两者都是数字）即报告；按显示值比较，四舍五入不会使不超分值的得分超过分值。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 260人次 | 8 | 9 |
        | 总分 | 8 | 9 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 260人次 | 8 | 8 |
        | 总分 | 8 | 8 |
    """
    for form in report.forms:
        if form.kind in ("indicator", "score_sheet"):
            recs = list(form.indicators) + ([form.total] if form.total is not None else [])
            for row in recs:
                w, s = row.value("weight"), row.value("score")
                if w.number is None or s.number is None or s.number <= w.number + 1e-9:
                    continue
                if not_points(w) or not_points(s):
                    continue  # "得分 10 超过分值 8处": a count in the 分值 column, the row read out of line
                if row is form.total and _over_by_weights(report, form, w.number, s.number):
                    continue
                label = row.label if isinstance(row, IndicatorRow) else "总分"
                yield ctx.finding(
                    f"「{label}」得分 {row.text('score').strip()} 超过分值 {row.text('weight').strip()}，得分不能高于分值",
                    row.text("score").strip(), _loc(row, "score"),
                    evidence={"indicator": label, "weight": fmt(w.number), "score": fmt(s.number),
                              "excess": _f(s.number - w.number), "form": form.title},
                    suggestion=f"得分最高为分值 {fmt(w.number)}，请按评分标准重新评分",
                    related=[_loc(row, "weight")])
        elif form.kind == "funds":
            for row in form.funds:
                w, s = row.value("weight"), row.value("score")
                if w.number is None or s.number is None or s.number <= w.number + 1e-9:
                    continue
                yield ctx.finding(
                    f"{form.title}「{row.label}」执行率得分 {row.text('score').strip()} 超过分值 {row.text('weight').strip()}",
                    row.text("score").strip(), _loc(row, "score"),
                    evidence={"row": row.label, "weight": fmt(w.number), "score": fmt(s.number), "form": form.title},
                    suggestion=f"执行率得分 = min(执行率, 100%) × 分值，最高 {fmt(w.number)} 分",
                    related=[_loc(row, "weight")])


def _over_by_weights(report, form, weight: float, score: float) -> bool:
    """A 总分 above the total's 分值 (100 | 104.12) that the rows' own 分值 allow (95 + 执行率 10 = 105):
    the rows' weights do not add up to the total, which NC401 reports; one problem, one finding."""
    ws = [r.weight.number for r in form.indicators if not r.empty and r.weight.number is not None]
    if not ws:
        return False
    allowed = sum(ws) + (exec_weight(funds_for(report, form)) or 0.0)
    return score <= allowed + 1e-9 and abs(allowed - weight) > 0.01


# ---------------------------------------------------------------------------
# NC401
# ---------------------------------------------------------------------------

def _groups(form, level: int):
    """Consecutive rows by level-1 (level=1) or (level-1, level-2) label, with
    the declared weight and the row that declares it."""
    out = []
    cur = None
    l2_weight = None
    l2_row = None
    last_l1 = None
    for r in form.indicators:
        if level == 1:
            key = r.level1
            declared = r.level1_weight
            decl_row = r if declared is not None and cur is None or (cur and cur["key"] != key) else None
        else:
            raw2 = r.text("level2")
            if r.level1 != last_l1:
                l2_weight, l2_row = None, None
            if raw2.strip():
                m = WEIGHT_IN_LABEL.search(normalize(raw2))
                l2_weight, l2_row = (float(m.group(1)), r) if m else (None, None)
            last_l1 = r.level1
            key = (r.level1, r.level2)
            declared = l2_weight
            decl_row = l2_row
        if level == 2 and not r.level2:
            # a row with a blank level-2 cell (a merged label cut short in the .docx): it belongs to the group above
            if cur is not None and cur["key"][0] == r.level1:
                cur["rows"].append(r)
            continue
        if not key:
            cur = None
            continue
        if cur is None or cur["key"] != key:
            # the same label continued after a page break / split table
            prev = next((g for g in reversed(out) if g["key"] == key), None)
            if prev is not None and out and out[-1] is prev:
                cur = prev
            else:
                cur = {"key": key, "rows": [], "declared": declared, "decl_row": decl_row}
                out.append(cur)
        if cur["declared"] is None and declared is not None:
            cur["declared"], cur["decl_row"] = declared, decl_row
        cur["rows"].append(r)
    return out


def _level_field(row, level):
    return "level1" if level == 1 else "level2"


@rule("NC401", "weight-sum", "scoring", "error",
      scope="一级、二级指标分值与声明的分值（如“50分”）；总分行分值与各项分值之和（加执行率分值）",
      evidence={"indicator": "一级指标", "form": "表单", "formula": "算式", "execution_weight": "执行率分值",
                "declared": "声明的分值", "sum_of_weights": "分值合计", "total_weight": "总分值",
                "weights": ("各类分值合计", "text"), "default": ("参考分值", "text"), "rows": ("指标行数", "text")})
def weight_sum(report, ctx):
    """分值合计与声明的分值不一致（WEIGHT-SUM）。

    规则：一级指标标签声明的分值（如“产出指标(50分)”）应等于该组各行分值之和，二级指标声明的分值同理；
    总分行的分值应等于各行分值之和（含预算执行率分值时两种口径任一相符即可）。只检查报告自己声明的分值；
    组内有未填分值的行且合计不足时不报告。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标(50分) | 数量指标 | 办文数量 | ≥300件 | 320件 | 25 | 25 |
        | | 质量指标 | 文稿合格率 | ≥98% | 100% | 20 | 20 |
        | 效益指标(50分) | 社会效益指标 | 群众满意度 | ≥90% | 95% | 50 | 50 |
        | 总分 | 95 | 95 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标(50分) | 数量指标 | 办文数量 | ≥300件 | 320件 | 25 | 25 |
        | | 质量指标 | 文稿合格率 | ≥98% | 100% | 25 | 25 |
        | 效益指标(50分) | 社会效益指标 | 群众满意度 | ≥90% | 95% | 50 | 50 |
        | 总分 | 100 | 100 |
    """
    for form in report.forms:
        if form.kind not in ("indicator", "score_sheet"):
            continue
        gap = 0.0      # what the level groups reported miss of their declared weights
        for level in (1, 2):
            for g in _groups(form, level):
                declared = g["declared"]
                if declared is None:
                    continue
                rows = [r for r in g["rows"] if not r.empty]
                ws = [r.weight.number for r in rows if r.weight.number is not None]
                if not ws:
                    continue
                total = sum(ws)
                if abs(total - declared) <= 0.01:
                    continue
                missing = [r for r in rows if r.weight.number is None and (r.name or r.text("target").strip())]
                if total < declared and missing:
                    continue
                if level == 1:
                    gap += declared - total
                label = g["key"] if level == 1 else g["key"][1]
                drow = g["decl_row"] or rows[0]
                fld = _level_field(drow, level)
                raw = drow.text(fld) if drow.text(fld).strip() else ""
                if raw:
                    loc, text = drow.location(fld, *trimmed(raw)), raw.strip()
                else:
                    loc, text = _loc(drow, "weight"), drow.text("weight").strip()
                yield ctx.finding(
                    f"{'一' if level == 1 else '二'}级指标「{label}」声明 {fmt(declared)} 分，但其下各行分值之和为 {fmt(total)} 分",
                    text, loc,
                    evidence={"indicator": label, "declared": fmt(declared), "sum_of_weights": fmt(total),
                              "formula": " + ".join(fmt(x) for x in ws) + f" = {fmt(total)}", "rows": len(ws),
                              "form": form.title},
                    suggestion=f"调整各三级指标分值使其合计为 {fmt(declared)} 分，或改正声明的分值",
                    related=[_loc(r, "weight") for r in rows if r.weight.number is not None][:12])
        f = _default_weights(report, form, ctx)
        if f is not None:
            yield f
        tot = form.total
        if tot is None or tot.value("weight").number is None:
            continue
        ws = [r.weight.number for r in form.indicators if not r.empty and r.weight.number is not None]
        if not ws:
            continue
        s = sum(ws)
        cands = [s]
        if exec_points_unsure(funds_for(report, form)):
            continue  # the funds block's 分值 misread: the total would be checked against the misreading
        exec_w = exec_weight(funds_for(report, form))
        if exec_w is not None:
            cands.append(s + exec_w)
        tw = tot.value("weight").number
        if any(abs(c - tw) <= 0.01 for c in cands):
            continue
        if gap and abs(cands[-1] + gap - tw) <= 0.01:
            continue  # the shortfall is the 一级指标 group's, already reported (one problem, one finding)
        missing = [r for r in form.indicators if not r.empty and r.weight.number is None and r.name]
        if max(cands) < tw and missing:
            continue
        yield ctx.finding(
            f"{form.title}总分行分值 {fmt(tw)} 与各指标分值之和 {fmt(cands[-1])} 不一致"
            + ("（含预算执行率分值）" if exec_w is not None else ""),
            tot.text("weight").strip(), _loc(tot, "weight"),
            evidence={"indicator": "总分", "total_weight": fmt(tw), "sum_of_weights": fmt(s),
                      "execution_weight": fmt(exec_w) if exec_w is not None else None, "form": form.title},
            suggestion="各指标分值（含预算执行率分值）合计应为总分值，一般为 100 分",
        )


_CATS = (("产出", re.compile(r"产出")), ("效益", re.compile(r"效益|效果")), ("满意度", re.compile(r"满意")))
DEFAULT_WEIGHTS = {"产出": 50, "效益": 30, "满意度": 10, "预算执行率": 10}


def _default_weights(report, form, ctx):
    """No weights declared on a 10号-style form: compare with 50/30/10/10 and say so (info)."""
    if form.kind != "indicator" or any(r.level1_weight is not None for r in form.indicators):
        return None
    if form.uncertain:
        return None  # a form read from a PDF text layer or glued cells may have lost its (50分) declarations
    funds = funds_for(report, form)
    if exec_points_unsure(funds):
        return None
    tot = next((r for r in funds.funds if r.source == "total"), None) if funds is not None else None
    if tot is None or tot.value("weight").number is None:
        return None
    sums: dict[str, float] = {}
    first = None
    for g in _groups(form, 1):
        cat = next((c for c, rx in _CATS if rx.search(g["key"])), None)
        if cat is None:
            return None
        ws = [r.weight.number for r in g["rows"] if not r.empty and r.weight.number is not None]
        sums[cat] = sums.get(cat, 0) + sum(ws)
        first = first or g["rows"][0]
    if set(sums) != {"产出", "效益", "满意度"} or first is None:
        return None
    sums["预算执行率"] = tot.value("weight").number
    if all(abs(sums[k] - v) <= 0.01 for k, v in DEFAULT_WEIGHTS.items()):
        return None
    got = "、".join(f"{k} {fmt(sums[k])}" for k in DEFAULT_WEIGHTS)
    raw = first.text("level1")
    loc = first.location("level1", *trimmed(raw)) if raw.strip() else _loc(first, "weight")
    return ctx.finding(
        f"{form.title}未声明一级指标分值；按 10号默认权重（产出 50、效益 30、满意度 10、预算执行率 10）核对，"
        f"本表为 {got}",
        raw.strip() if raw.strip() else first.text("weight").strip(), loc,
        evidence={"indicator": first.level1, "weights": {k: fmt(v) for k, v in sums.items()},
                  "default": DEFAULT_WEIGHTS, "form": form.title},
        suggestion="在一级指标后注明分值（如“产出指标（50分）”）；调整权重属特殊情况的，请在报告中说明理由",
        severity="info")


# ---------------------------------------------------------------------------
# NC402 执行率得分
# ---------------------------------------------------------------------------

def _printed_rule(report, form) -> bool:
    for t in report.facts.forms.tables_of(form):
        for c in t.cells():
            if "得分计算方法" in c.text or re.search(r"执行率.{0,12}(低于|未达到).{0,12}扣", c.text):
                return True
    return False


@rule("NC402", "execution-score", "scoring", "warning",
      scope="资金表：执行率得分与“执行率（不超过 100%）× 分值”",
      evidence={"form": "表单", "row": "行", "weight": "分值", "score": "得分", "expected_range": ("应得分范围", "range"),
                "rate": "填报的比率", "formula": "算式", "expected": "应得分"})
def execution_score(report, ctx):
    """预算执行率得分与“执行率 × 分值”（不超过分值）不一致。

    规则：得分 = min(执行率, 100%) × 分值；执行率取“执行数 ÷ 预算数”的重算值（预算列同 NC352）和表中所填
    执行率，任一相符即可。得分是计算值四舍五入或截断到显示位数、或相差不超过 0.01 时视为相符。
    表中印有自己的得分计算方法时不检查。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 自评得分 |
        | 年度资金总额 | 872.71 | 1435.09 | 1435.09 | 10 | 100% | 9 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1328.5 | 1273.05 | 1253.78 | 10 | 98.49% | 9.85 |
    """
    for form in report.forms:
        if form.kind != "funds" or _printed_rule(report, form):
            continue
        den_col = budget_column(form)
        for row in form.funds:
            w, s = row.value("weight"), row.value("score")
            if w.number is None or s.number is None or w.number <= 0 or s.number > w.number + 1e-9:
                continue
            cands = []
            ex = row.value("executed")
            if den_col and ex.number is not None and row.value(den_col).number:
                rr = ratio(fig(ex, money_factor(form, row.text("executed"))),
                           fig(row.value(den_col), money_factor(form, row.text(den_col))), 1.0)
                if rr is not None:
                    cands.append(("recomputed", rr))
            rv = row.value("rate")
            if rv.number is not None and rv.unit == "%":
                r = fig(rv)
                cands.append(("printed", (r.lo / 100, r.hi / 100, r.v / 100)))
            if not cands:
                continue
            W = w.number
            exp = [(name, min(lo, 1) * W, min(hi, 1) * W, min(p, 1) * W) for name, (lo, hi, p) in cands]
            if any(score_agrees(s, lo, hi, p) for _, lo, hi, p in exp):
                continue
            name, lo, hi, p = exp[0]
            rate_txt = row.text("rate").strip()
            yield ctx.finding(
                f"{form.title}「{row.label}」执行率得分 {row.text('score').strip()} 与 min(执行率, 100%) × 分值 = "
                f"{_f(p)} 不一致",
                row.text("score").strip(), _loc(row, "score"),
                evidence={"row": row.label, "score": row.text("score").strip(), "weight": fmt(W), "rate": rate_txt,
                          "expected": _f(p), "expected_range": f"[{_f(lo, 4)}, {_f(hi, 4)}]",
                          "formula": f"min({_f(p / W * 100)}%, 100%) × {fmt(W)} = {_f(p)}", "form": form.title},
                suggestion=f"按执行率计分应得 {_f(p)} 分；如按其他规则扣分，请在表中写明得分计算方法",
                related=[_loc(row, "rate")] if rate_txt else [])


# ---------------------------------------------------------------------------
# NC403 row score vs target/actual
# ---------------------------------------------------------------------------

_DIR_NAME = {"up": "正向", "down": "反向", "equal": "等于"}


@rule("NC403", "row-score", "scoring", "warning",
      scope="定量指标行：得分与按指标值（A）、实际值（B）和分值（w）计算的得分",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
                "computed_score": "按计分规则应得", "direction": "指标方向", "deviation": "偏差原因", "formula": "算式"})
def row_score(report, ctx):
    """定量指标得分与按指标值、实际值计算的得分不一致（ROW-SCORE）。

    规则（10号 / 一体化系统）：正向（≥、>）B ≥ A 得满分，否则 w·B/A；反向（≤、<）B ≤ A 得满分，
    A < B < 2A 得 w·(1 − (B−A)/A)（或 w·A/B），B ≥ 2A 得 0；等于按正向。得分低于计算值但写明了偏差原因的
    （目标设定过低时按偏差扣分）不报告；满分而未达目标由 NC406 报告。实际值缺单位时只提示。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 办文办会 | ≥2000次 | 2642次 | 13 | 12 | |
        | 总分 | 13 | 12 | |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 办文办会 | ≥2000次 | 2642次 | 13 | 13 | |
        | 产出指标 | 成本指标 | 完成任务支出 | ≤80万元 | 90万元 | 10 | 8 | 超支10万元 |
        | 总分 | 23 | 21 | |
    """
    for row in report.indicators:
        calc = row_score_problem(row)
        if calc is None:
            continue
        formula = "；".join(f for _, _, _, f in calc.variants)
        exp = " 或 ".join(_f(p) for _, _, p, _ in calc.variants)
        yield ctx.finding(
            f"指标「{row.label}」（{_DIR_NAME[calc.direction]}，指标值 {row.text('target').strip()}，实际 "
            f"{row.text('actual').strip()}，分值 {fmt(calc.w)}）按计分规则应得 {exp} 分，表中为 {row.text('score').strip()} 分",
            row.text("score").strip(), _loc(row, "score"),
            evidence={"indicator": row.label, "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                      "weight": fmt(calc.w), "score": row.text("score").strip(), "direction": _DIR_NAME[calc.direction],
                      "computed_score": _f(calc.point), "formula": formula,
                      "deviation": row.deviation.strip(), "form": row.form_title},
            suggestion=f"按计分规则改为 {exp} 分；若因目标设定等原因另行扣分，请在偏差原因中说明",
            severity="info" if calc.unit_missing else None,
            related=[_loc(row, "target"), _loc(row, "actual")])


# ---------------------------------------------------------------------------
# NC404 points lost without a reason
# ---------------------------------------------------------------------------

@rule("NC404", "deviation-missing", "scoring", "warning",
      scope="得分低于分值的指标行：偏差原因栏",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
                "deviation": "偏差原因"})
def deviation_missing(report, ctx):
    """扣了分却没有说明偏差原因（DEV-MISSING）。

    规则：得分低于分值（相差超过 0.01），而偏差原因分析栏为空或只写“无、/、—、无偏差、已完成”。
    只检查设有偏差原因栏的表；得分与计算不符的行由 NC403 报告，“无”指标由 NC405 报告。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 效益指标 | 社会效益指标 | 营商环境 | 持续优化 | 部分达成 | 10 | 8 | 无 |
        | 总分 | 10 | 8 | |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 效益指标 | 社会效益指标 | 营商环境 | 持续优化 | 部分达成 | 10 | 8 | 审批时限压缩未达预期，下年推行并联审批 |
        | 总分 | 10 | 8 | |
    """
    for form in report.forms:
        if form.kind not in ("indicator", "score_sheet") or not _has_dev_column(form):
            continue
        for row in form.indicators:
            w, s = row.weight, row.score
            if row.empty or w.number is None or s.number is None or s.number >= w.number - 0.01:
                continue
            if not _no_reason(row) or _is_na_row(row) or row_score_problem(row) is not None:
                continue
            dev = row.deviation.strip()
            if dev:
                loc, text, rel = _loc(row, "deviation"), dev, [_loc(row, "score")]
            else:
                loc, text = _loc(row, "score"), row.text("score").strip()
                rel = [_loc(row, "deviation")] if "deviation" in row.fields else []
            yield ctx.finding(
                f"指标「{row.label}」扣了 {_f(w.number - s.number)} 分（{fmt(s.number)}/{fmt(w.number)}），"
                f"偏差原因栏{'为空' if not dev else '只写“' + dev + '”'}",
                text, loc,
                evidence={"indicator": row.label, "weight": fmt(w.number), "score": fmt(s.number), "deviation": dev,
                          "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                          "form": form.title},
                suggestion="说明未得满分的具体原因（哪项未完成、差多少、为什么）和改进措施",
                related=rel)


# ---------------------------------------------------------------------------
# NC405 无 rows scored
# ---------------------------------------------------------------------------

@rule("NC405", "na-scored", "scoring", "warning",
      scope="名称或数值为“无”“/”“不适用”却有分值或得分的指标行",
      evidence={"indicator": "指标", "name": "指标名称", "form": "表单", "target": "指标值", "actual": "实际完成值",
                "weight": "分值", "score": "得分"})
def na_scored(report, ctx):
    """指标写“无”（或 /、不适用）却仍有分值或得分（NA-SCORED）。

    规则：三级指标名称为“无、/、—、不适用”，或指标值与实际值都是这些标记，而分值或得分不为 0。
    不适用的指标应删去并把分值调整到其他指标（总分仍为 100），或在报告中说明。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 经济效益指标 | 无 | 无 | 无 | 7 | 5 |
        | 总分 | 7 | 5 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 经济效益指标 | 无 | 无 | 无 | 0 | 0 |
        | 效益指标 | 社会效益指标 | 群众满意度 | ≥90% | 95% | 7 | 7 |
        | 总分 | 7 | 7 |
    """
    for row in report.indicators:
        if row.empty or not _is_na_row(row):
            continue
        w, s = row.weight.number, row.score.number
        if not (w or s):
            continue
        txt = row.name or row.text("target").strip()
        fld = "name" if row.name else "target"
        yield ctx.finding(
            f"指标「{row.level2 or row.level1}」写的是“{txt}”，却仍有分值 {fmt(w) if w is not None else '—'}、"
            f"得分 {fmt(s) if s is not None else '—'}",
            txt, _loc(row, fld),
            evidence={"indicator": row.label or row.level2, "name": row.name, "target": row.text("target").strip(),
                      "actual": row.text("actual").strip(), "weight": fmt(w) if w is not None else None,
                      "score": fmt(s) if s is not None else None, "form": row.form_title},
            suggestion="不适用的指标应删去并把分值调整给其他指标（总分仍为 100），或填写实际指标",
            related=[_loc(row, "weight"), _loc(row, "score")])


# ---------------------------------------------------------------------------
# NC406 full marks below target
# ---------------------------------------------------------------------------

@rule("NC406", "full-marks-below-target", "scoring", "warning",
      scope="实际值未达到指标值却得满分的定量指标行",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
                "computed_score": "按计分规则应得", "formula": "算式"})
def full_marks_below_target(report, ctx):
    """实际值未达到指标值却得了满分。

    规则：定量指标（正向 ≥ 的实际值低于指标值，或反向 ≤ 的实际值高于指标值，按显示精度区间判断）得分等于分值。
    证据中给出按 §2 计算的得分。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 150人次 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 150人次 | 10 | 7.5 |
        | 总分 | 10 | 7.5 |
    """
    for row in report.indicators:
        late = _late_date(row)
        if late is not None:
            yield late_finding(ctx, row, late)
            continue
        calc = row_calc(row)
        s = row.score.number
        if calc is None or s is None or s < calc.w - 1e-9 or not _below_target(calc):
            continue
        point, formula, rule_zh = calc.point, calc.variants[0][3], "按计分规则应为"
        coef = _declared_coefficient(row)
        if coef is not None and coef < 100 - 1e-9:
            # a 得分系数 form (得分 = 分值 × 得分系数): the row's own coefficient says what it scores
            point, formula = coef / 100 * calc.w, f"{fmt(calc.w)} × {fmt(coef)}%"
            rule_zh = f"按本行得分系数 {row.text('score_ratio').strip()} 应为"
        yield ctx.finding(
            f"指标「{row.label}」实际完成值 {row.text('actual').strip()} 未达到指标值 {row.text('target').strip()}，"
            f"却得了满分 {row.text('score').strip()}（{rule_zh} {_f(point)} 分）",
            row.text("score").strip(), _loc(row, "score"),
            evidence={"indicator": row.label, "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                      "weight": fmt(calc.w), "score": fmt(s), "computed_score": _f(point),
                      "formula": formula, "form": row.form_title},
            suggestion=f"未完成目标应按比例扣分（约 {_f(point)} 分），并在偏差原因中说明",
            severity="info" if calc.unit_missing else None,
            related=[_loc(row, "target"), _loc(row, "actual")])


def _declared_coefficient(row) -> float | None:
    """The row's 得分系数 as a percentage (90, 90% and 0.9 are 90), or None without one."""
    if "score_ratio" not in row.fields:
        return None
    rv = row.value("score_ratio")
    if rv.number is None:
        return None
    if rv.kind == "percent" or rv.number > 1.0:
        return rv.number
    return rv.number * 100


def _date_key(d, end: bool):
    y, m, dd = d
    if m is None:
        return (y, 12 if end else 1, 31 if end else 1)
    if dd is None:
        return (y, m, 31 if end else 1)
    return (y, m, dd)


def _late_date(row: IndicatorRow):
    """(target, actual) when a deadline row (≤ date) has a later actual date and full marks."""
    t, a, w, s = row.target, row.actual, row.weight.number, row.score.number
    if row.empty or w is None or s is None or s < w - 1e-9:
        return None
    if t.kind != "date" or a.kind != "date" or not t.date or not a.date or not t.date[0] or not a.date[0]:
        return None
    if t.comparator not in ("≤", "<", ""):
        return None
    if _date_key(a.date, False) > _date_key(t.date, True):
        return t, a
    return None


def late_finding(ctx, row, late):
    t, a = late
    return ctx.finding(
        f"指标「{row.label}」实际完成时间 {row.text('actual').strip()} 晚于指标值 {row.text('target').strip()}，"
        f"却得了满分 {row.text('score').strip()}",
        row.text("score").strip(), _loc(row, "score"),
        evidence={"indicator": row.label, "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                  "weight": fmt(row.weight.number), "score": fmt(row.score.number), "form": row.form_title},
        suggestion="未按期完成应扣分，并在偏差原因中说明延误原因和时长",
        related=[_loc(row, "target"), _loc(row, "actual")])


# ---------------------------------------------------------------------------
# NC407 over-achievement
# ---------------------------------------------------------------------------

# indicators whose target is a minimum standard of the thing built or bought (设计使用年限 ≥20年,
# 质保期 ≥2年): the actual is its specification, and a longer one is not a target set too low
_DESIGN_FLOOR = re.compile(r"年限|寿命|质保期|保修期|保质期|使用期|设计标准|耐久")


@rule("NC407", "over-achievement", "scoring", "info",
      scope="实际值 ≥ 1.2 × 指标值且没有偏差原因的正向/等于型定量指标行",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值", "deviation": "偏差原因",
                "ratio": "实际值 ÷ 指标值"})
def over_achievement(report, ctx):
    """超额完成 20% 以上却未说明原因（OVER-ACHIEVE）。

    规则：正向或等于型定量指标，实际值 ≥ 1.2 × 指标值（按显示值），偏差原因栏为空或只写“无、无偏差”。
    不报：使用年限、质保期这类最低标准（设计如此，不是目标定低了）；百分比指标超出不到 1 个百分点
    （≥2% 完成 2.6%）。
    超额过多通常说明目标定得过低或口径、单位有误，应说明原因（10号：目标设定过低的按偏差扣分）。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 走访农户 | ≥100户 | 180户 | 10 | 10 | 无 |
        | 总分 | 10 | 10 | |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 走访农户 | ≥100户 | 180户 | 10 | 10 | 汛期增加入户排查，下年按实际需求调高目标 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 230人次 | 10 | 10 | 无 |
        | 总分 | 20 | 20 | |
    """
    for row in report.indicators:
        calc = row_calc(row)
        if calc is None or calc.direction not in ("up", "equal") or calc.a.v <= 0:
            continue
        if row.actual.number < 1.2 * row.target.number - 1e-9 or not _no_reason(row):
            continue
        if _DESIGN_FLOOR.search(row.name or ""):
            continue      # a service life / warranty above its minimum standard is the design, not a low target
        if row.target.kind == "percent" and row.actual.number - row.target.number < 1 - 1e-9:
            continue      # under one percentage point above a small rate (2.6% vs ≥2%): ordinary variation
        r = row.actual.number / row.target.number
        yield ctx.finding(
            f"指标「{row.label}」实际完成值 {row.text('actual').strip()} 是指标值 {row.text('target').strip()} 的 "
            f"{_f(r)} 倍，超额较多却未说明原因",
            row.text("actual").strip(), _loc(row, "actual"),
            evidence={"indicator": row.label, "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                      "ratio": _f(r), "deviation": row.deviation.strip(), "form": row.form_title},
            suggestion="说明超额完成的原因（如目标设定偏低、口径或单位变化），并据此调整下年目标",
            related=[_loc(row, "target")])


# ---------------------------------------------------------------------------
# NC408 grade word vs total
# ---------------------------------------------------------------------------

GRADES = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "一般": "中", "合格": "中",
          "较差": "差", "差": "差", "不合格": "差"}
BANDS = {"优": (90, 100.0001), "良": (80, 90), "中": (60, 80), "差": (0, 60)}
_GRADE_KEY = re.compile(r"^(?:评价等次|评价等级|自评等级|自评等次|绩效等级|等级|等次|评价结论|自评结论|评价结果|考核等次)$")
_GRADE_TXT = re.compile(r"(?:评价等次|评价等级|自评等级|自评等次|绩效等级|评定等级|评价结果|自评结果|自评结论|评价结论|等级|等次)"
                        r"(?:为|是|评定为|评为|：|:)\s*[“\"「]?(?P<g>优秀|良好|不合格|合格|较差|中等|一般|优|良|中|差)"
                        r"(?![\u4e00-\u9fff]{0,1}(?:化|势|质|先|于|等级))")
_SCORE_IN = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*分")


def _band_of(score: float) -> str:
    for g, (lo, hi) in BANDS.items():
        if lo <= score < hi:
            return g
    return ""


@rule("NC408", "grade-band", "scoring", "warning",
      scope="评价等次栏和叙述中的等级（优秀、良好、合格……）与总分（10号文分档）",
      evidence={"score": "总分", "band": "分数段", "grade": "填报等级", "expected_grade": "应评等级"})
def grade_band(report, ctx):
    """评价等级与总分所在分数段不符（GRADE）。

    规则：10号分档：优 90–100，良 80–90（不含 90），中 60–80，差 60 以下；优秀→优、良好→良、一般/合格→中、
    较差/不合格→差。等级取“评价等次”栏或叙述中的“等级为…”，分数取同句的得分，否则取自评表总分。
    总分超过 100 分时不在任何分数段，由 NC400（得分超过分值）报告，这里不再报告。

    错误示例：
        2023年度部门整体支出绩效自评报告
        部门整体支出绩效自评得分86分，评价等级为优秀。

    正确示例：
        2023年度部门整体支出绩效自评报告
        部门整体支出绩效自评得分86分，评价等级为良好。
    """
    totals = [f for f in table_facts(report) if f.field == "score_total"]
    total = totals[0] if totals else None
    # table cells: 评价等次 | 优秀
    for t in report.document.tables:
        for row in t.rows:
            cells = [c for c in row if c.text.strip()]
            for a, b in zip(cells, cells[1:]):
                if not _GRADE_KEY.match(re.sub(r"\s+", "", a.text)):
                    continue
                word = re.sub(r"\s+", "", b.text)
                if word not in GRADES:
                    continue
                ref = next((f for f in totals if f.location.table == t.number), total)
                if ref is None:
                    continue
                g = GRADES[word]
                if _band_of(ref.fig.v) in (g, ""):
                    continue  # ("": a total outside 0–100 has no band; the total itself is NC400's finding)
                s, e = trimmed(b.text)
                from ..model import Location
                loc = Location(section=report.sections.path_at(t.block, b.row), block=t.block, table=t.number,
                               row=b.row, col=b.col, column=re.sub(r"\s+", "", a.text), start=s, end=e)
                f = _grade_finding(ctx, word, g, ref.fig.v, ref.text, loc, ref.location)
                f.evidence["row"] = re.sub(r"\s+", "", a.text)
                yield f
    # narrative
    qs = [q for q in quantities(report) if q.field == "score_total"]
    for c in report.chunks:
        if c.kind not in ("paragraph",) and not (c.kind == "cell" and c.field == ""):
            continue
        for m in _GRADE_TXT.finditer(normalize(c.text)):
            word = m.group("g")
            g = GRADES[word]
            sent_q = [q for q in qs if q.chunk is c and abs(q.start - m.start()) < 80]
            if sent_q:
                score, stext, sloc = sent_q[-1].number, sent_q[-1].display, quantity_location(sent_q[-1])
            elif total is not None:
                score, stext, sloc = total.fig.v, total.text, total.location
            else:
                continue
            if _band_of(score) in (g, ""):
                continue
            loc = c.location.with_span(m.start("g"), m.end("g"))
            yield _grade_finding(ctx, word, g, score, stext, loc, sloc)


def _grade_finding(ctx, word, g, score, stext, loc, sloc):
    right = _band_of(score)
    lo, hi = BANDS[g]
    return ctx.finding(
        f"评价等级“{word}”与得分 {stext} 不符：{word}对应 {fmt(lo)}–{fmt(min(hi, 100))} 分，{fmt(score)} 分应为“{right}”",
        word, loc,
        evidence={"grade": word, "score": stext, "band": f"{fmt(lo)}–{fmt(min(hi, 100))}", "expected_grade": right},
        suggestion=f"按 10号分档（优 ≥90、良 80–90、中 60–80、差 <60）改为“{right}”，或核对总分",
        related=[sloc])


# ---------------------------------------------------------------------------
# NC409 得分系数
# ---------------------------------------------------------------------------

def _rounded_completion_ratio(row, rv, weight, score, allow) -> bool:
    """The other reading of a coefficient: the row's completion ratio (实际 ÷ 目标) shown rounded.  2650元 of ≥3000元
    is 88.33%, written 88, and the score 13.25 = 88.33% × 15: consistent, the 88 is only the rounding."""
    t, a = row.value("target"), row.value("actual")
    if not t.number or a.number is None or (t.unit or "") != (a.unit or "") or t.comparator not in ("≥", ">", "＞", "≧", ""):
        return False
    ratio = a.number * (a.scale or 1.0) / (t.number * (t.scale or 1.0)) * 100
    pct = rv.kind == "percent" or rv.number > 1.0 or (rv.decimals == 0 and rv.number == 1.0 and weight.v > 1)
    half = 0.5 * 10 ** -(rv.decimals or 0) * (1 if pct else 100)
    coef = rv.number * (1 if pct else 100)
    if abs(min(ratio, 100.0) - coef) > half + 1e-9:
        return False
    exp = min(ratio, 100.0) / 100 * weight.v
    return abs(score.v - exp) <= score.h + allow + 1e-9


@rule("NC409", "score-ratio", "scoring", "warning", scope="有“得分系数”栏的指标表各行",
      evidence={"indicator": "指标", "form": "表单", "weight": "分值", "score": "得分", "score_ratio": "得分系数",
                "expected_score": "应得分", "expected_range": ("应得分范围", "range")})
def score_ratio(report, ctx):
    """得分与得分系数不符：有“得分系数”栏的表单，得分应等于 得分系数 × 分值。

    规则：得分系数写成百分数（90、90%）或小数（0.9）均可，与分值一样按所写数值计算；
    得分允许其显示精度的半个单位再加末位一个单位（至少 0.01）的差，超出时报告，并给出应得分数。
    另一种读法先试：系数是本行完成比例（实际 ÷ 目标）四舍五入后的写法（2650元/≥3000元 = 88.33%，写作 88），
    得分按未取整的比例计算（13.25）即相符，不报告。

    错误示例：
        2024年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分系数(%) | 得分 |
        | 产出指标 | 质量指标 | 取得中级以上证书人员占比 | ≥30% | 26.1% | 15 | 90 | 13.05 |
        | 总分 | 15 | | 13.05 |

    正确示例：
        2024年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分系数(%) | 得分 |
        | 产出指标 | 质量指标 | 取得中级以上证书人员占比 | ≥30% | 26.1% | 15 | 87 | 13.05 |
        | 总分 | 15 | | 13.05 |
    """
    for form in report.indicator_forms:
        for row in form.indicators:
            rv, w, s = row.value("score_ratio"), row.value("weight"), row.value("score")
            if rv.number is None or w.number is None or s.number is None or row.empty:
                continue
            rfig = fig(rv, exact=True)  # a coefficient is set by the evaluator, like a 分值
            if rv.kind != "percent" and rv.number <= 1.0 and not (rv.decimals == 0 and rv.number == 1.0 and w.number <= 1):
                rfig = Fig(rfig.v * 100, rfig.h * 100, rfig.u * 100)  # 0.9 → 90%
            weight, score = fig(w, exact=True), fig(s)  # a 分值 is set, not measured
            lo = max(rfig.v - rfig.h, 0.0) / 100 * (weight.v - weight.h)
            hi = (rfig.v + rfig.h) / 100 * (weight.v + weight.h)
            allow = max(score.u, 0.01)
            if score.v + score.h + allow >= lo - 1e-9 and score.v - score.h - allow <= hi + 1e-9:
                continue
            if _rounded_completion_ratio(row, rv, weight, score, allow):
                continue
            expected = rfig.v / 100 * weight.v
            yield ctx.finding(
                f"「{row.label}」得分 {row.text('score').strip()} 与得分系数 {row.text('score_ratio').strip()} × 分值 "
                f"{row.text('weight').strip()} = {_f(expected)} 不符",
                row.text("score").strip(), _loc(row, "score"),
                evidence={"indicator": row.label, "score_ratio": row.text("score_ratio").strip(),
                          "weight": fmt(w.number), "score": fmt(s.number), "expected_score": _f(expected),
                          "expected_range": f"[{_f(lo, 4)}, {_f(hi, 4)}]", "form": form.title},
                suggestion=f"得分 = 得分系数 × 分值，应为 {_f(expected)} 分；或按实际完成情况核对得分系数",
                related=[_loc(row, "score_ratio"), _loc(row, "weight")])


# ---------------------------------------------------------------------------
# NC410 定性 tier bands
# ---------------------------------------------------------------------------

# tier of a 定性 actual that names it (10号 / 一体化 system wording, and 达成/部分达成/未达成预期指标)
_TIER_WORDS = re.compile(r"^\s*(?P<t>未达成|部分达成|基本达成|达成)(?:年度|预期)?(?:指标|目标)?")
# score bands as shares of the weight, over both variants in use (splits at 80/60 and at 80/50):
# a score outside both is wrong whichever the form follows
TIER_BANDS = {1: (0.8, 1.0, "达成", "[80%, 100%]"), 2: (0.5, 0.8, "部分达成", "[50%/60%, 80%)"),
              3: (0.0, 0.6, "未达成", "[0, 50%/60%)")}


def tier_of(text: str) -> int | None:
    m = _TIER_WORDS.match(normalize(text or ""))
    if not m:
        return None
    return {"达成": 1, "基本达成": 1, "部分达成": 2, "未达成": 3}[m.group("t")]


@rule("NC410", "qualitative-tier-band", "scoring", "warning",
      scope="实际值写定性档次（达成/部分达成/未达成年度指标）的指标行",
      evidence={"indicator": "指标", "form": "表单", "actual": "实际完成值", "weight": "分值", "score": "得分",
                "score_share": "得分占分值", "tier": "完成档次", "band": "分数段", "band_of_score": "得分对应档次"})
def qualitative_tier_band(report, ctx):
    """定性指标的得分不在其完成档次的分数段内（QUAL-TIER）。

    规则：实际完成值以档次用语开头的定性指标，得分须落在该档的分数段：达成（含基本达成）年度指标
    [80%, 100%] × 分值；部分达成年度指标并具有一定效果 [60%, 80%)（有的地区为 [50%, 80%)）；
    未达成年度指标且效果较差 [0, 60%)（或 [0, 50%)）。两种分档都不符时报告；分数段按闭区间、得分允许 0.01 的误差。

    错误示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 村（居）法律顾问覆盖 | 全覆盖 | 部分达成年度指标并具有一定效果：132个村（居）中128个配备法律顾问 | 10 | 9 |
        | 总分 | 10 | 9 |

    正确示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 村（居）法律顾问覆盖 | 全覆盖 | 部分达成年度指标并具有一定效果：132个村（居）中128个配备法律顾问 | 10 | 7.5 |
        | 总分 | 10 | 7.5 |
    """
    for form in report.indicator_forms:
        for row in form.indicators:
            if row.empty:
                continue
            tier = tier_of(row.text("actual"))
            w, s = row.value("weight"), row.value("score")
            if tier is None or w.number is None or s.number is None or w.number <= 0:
                continue
            lo, hi, word, band = TIER_BANDS[tier]
            share = s.number / w.number
            eps = 0.01 / w.number + 1e-9
            if lo - eps <= share <= hi + eps:  # closed bands: 8 of 10 for 部分达成 is not worth a query
                continue
            right = next((k for k, (blo, bhi, _w, _b) in sorted(TIER_BANDS.items())
                          if blo - eps <= share <= bhi + eps), None)
            if right is None:   # a score above the weight or below 0: NC401 and friends say so
                continue
            yield ctx.finding(
                f"定性指标「{row.label}」实际完成值为“{word}”档，得分 {row.text('score').strip()}"
                f"（{_f(share * 100, 1)}% 分值）不在该档分数段 {band} 内",
                row.text("score").strip(), _loc(row, "score"),
                evidence={"indicator": row.label, "tier": word, "band": band, "weight": fmt(w.number),
                          "score": fmt(s.number), "score_share": f"{_f(share * 100, 1)}%",
                          "band_of_score": TIER_BANDS[right][2], "actual": row.text("actual").strip()[:80],
                          "form": form.title},
                suggestion=f"按“{word}”档在 {_f(lo * w.number)}–{_f(hi * w.number)} 分之间评分，"
                           "或改写实际完成档次并在偏差原因中说明",
                related=[_loc(row, "actual")])


# ---------------------------------------------------------------------------
# NC411 a cost indicator must be a ceiling
# ---------------------------------------------------------------------------

_SAVING = re.compile(r"节约|节省|降低|下降|压减|压缩|减少|控制率|(?:补助|补贴|保障|救助|发放|资助|奖补)标准")


@rule("NC411", "cost-not-ceiling", "scoring", "warning",
      scope="指标值为金额的成本指标行",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值"})
def cost_not_ceiling(report, ctx):
    """成本指标写成了下限：成本指标应是上限（≤ 某金额），“≥300元/平方米”意味着花得越多越好。

    规则：二级（或一级）指标为成本指标、指标值是金额（元、万元、元/平方米 …）且比较符为 ≥、> 或“不低于、不少于”时报告；
    节约率、降低率等越高越好的指标不查。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 校舍维修单位造价 | ≥300元/平方米 | 286元/平方米 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 校舍维修单位造价 | ≤300元/平方米 | 286元/平方米 | 10 | 10 |
        | 总分 | 10 | 10 |
    """

    for form in report.indicator_forms:
        for row in form.indicators:
            if row.empty or indicator_kind(row) != "cost":
                continue
            t = row.target
            name = re.sub(r"\s+", "", row.name or "")
            if t.number is None or t.comparator not in ("≥", ">") or _SAVING.search(name):
                continue
            if not re.match(r"^(?:万元|元|亿元|千元)", t.unit or ""):
                continue
            yield ctx.finding(
                f"成本指标「{row.label}」的指标值“{row.text('target').strip()}”是下限：成本指标应写上限（≤）",
                row.text("target").strip(), _loc(row, "target"),
                evidence={"indicator": row.label, "target": row.text("target").strip(),
                          "actual": row.text("actual").strip(), "form": form.title},
                suggestion=f"改为“≤{fmt(t.number)}{t.unit}”这样的上限，并按反向指标计分")
