from __future__ import annotations

from ..understand.facts import exec_points_unsure, exec_score, points_misread
from ..understand.facts.tables import figure_beside_score
from .registry import rule
from ._util import fmt, funds_for, score_allowance


@rule("NC001", "total-score", "scoring", "error", scope="指标表：总分行、各行得分、执行率得分",
      evidence={"total": "合计", "formula": "算式", "expected": "应为（各行之和+执行率得分）", "difference": "相差",
                "sum_of_rows": "各行得分之和", "execution_score": "执行率得分", "rows": ("指标行数", "text")})
def total_score(report, ctx):
    """自评总分与各指标得分之和不一致。

    规则：总分 = 各三级指标得分之和 + 预算执行率得分（若执行率得分计入该表）。
    两种口径（含或不含执行率得分）任一相符即视为一致；容差为总分显示精度的一个单位（至少 0.01 分），
    各项得分若带小数，再加上其四舍五入的半个单位；整数得分视为精确值。
    只在总分与各行得分都是数字时比较。表中某行的分值或得分栏是带单位的数量（“8处”）时，列可能读错位，只报告为警告。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 50 | 50 |
        | 效益指标 | 社会效益指标 | 群众满意度 | ≥90% | 95% | 50 | 45 |
        | 总分 | 100 | 98 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 50 | 50 |
        | 效益指标 | 社会效益指标 | 群众满意度 | ≥90% | 95% | 50 | 45 |
        | 总分 | 100 | 95 |
    """
    for form in report.forms:
        if form.kind not in ("indicator", "score_sheet") or form.total is None:
            continue
        total = form.total.value("score")
        if total.number is None:
            continue
        rows = [r for r in form.indicators if r.score.number is not None]
        if not rows:
            continue
        rows_sum = sum(r.score.number for r in rows)
        funds = funds_for(report, form)
        if exec_points_unsure(funds):
            continue  # the funds block's 分值/得分 misread: a sum with or without them would be the misreading's
        ex = exec_score(funds)
        parts = [r.score for r in rows]
        allowance = score_allowance(total, parts)
        candidates = [rows_sum] + ([rows_sum + ex] if ex is not None else [])
        if any(abs(c - total.number) <= allowance + 1e-9 for c in candidates):
            continue
        expected = candidates[-1]
        if _sum_beside(report, form.total, candidates, allowance):
            continue  # "总分 | 100 | 89.51": the rows' sum stands in the next cell, the score read from the weight
        formula = " + ".join(fmt(r.score.number) for r in rows)
        if ex is not None:
            formula += f" + {fmt(ex)}（执行率得分）"
        loc = form.total.location("score", 0, len(form.total.text("score")))
        # a row whose 分值 or 得分 holds a count ("8处"): the columns were read out of line, so the sum
        # may be the misreading's; a warning that says so, not an error
        misread = points_misread(list(form.indicators) + [form.total])
        yield ctx.finding(
            f"自评总分 {fmt(total.number)} 与各项得分之和 {fmt(expected)} 不一致"
            + ("（表中有分值或得分栏填的是数量而不是分数，可能是表格列读错位，请人工核对）" if misread else ""),
            form.total.text("score").strip(),
            loc,
            evidence={"total": fmt(total.number), "sum_of_rows": fmt(rows_sum),
                      "execution_score": fmt(ex) if ex is not None else None,
                      "expected": fmt(expected), "formula": f"{formula} = {fmt(expected)}",
                      "rows": len(rows), "difference": fmt(round(total.number - expected, 4))},
            suggestion="核对各指标得分与总分，按“各指标得分 + 预算执行率得分”重新合计后填写总分",
            severity="warning" if misread else None,
        )


def _sum_beside(report, total, candidates, allowance) -> bool:
    """The total row holds, to the right of the cell read as its score, a figure equal to the rows' sum:
    the row is one cell short and was read out of line (the weight 100 taken as the score)."""
    v = figure_beside_score(report, total)
    return v is not None and any(abs(v.number - x) <= allowance + 1e-9 for x in candidates)
