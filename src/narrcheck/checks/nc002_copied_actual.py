from __future__ import annotations

from ..understand.facts import declared_tiers
from ..understand.values import normalize
from .registry import rule
from ._util import same_text


@rule("NC002", "copied-actual", "copied", "warning", scope="指标行：年度指标值、实际完成值",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "kind": ("类型", "kind"),
                "similarity": ("相似度", "prob")})
def copied_actual(report, ctx):
    """实际完成值与年度指标值逐字相同（忽略全半角、空格和句末标点），未反映实际完成情况。

    规则：两格都非空、非“无/—”，规范化后相同，且不是单纯的数值测量结果：
    含比较符的界限值（≥95% 照抄为实际值）、文字（效果明显）或日期（2024、12、31）照抄会报告；
    不带比较符的纯数值（100% 与 100%）可能是真实测量，不在此报告；指标名称或指标值声明了档次
    （…（有效/基本有效/无效））时，实际完成值写所达到的档次，与指标值相同也不报告。
    日期照抄的严重程度为 info（完成日期恰为截止日期时可能属实）。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 达标率 | ≥95% | ≥95% | 12 | 10 |
        | 总分 | 12 | 10 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 达标率 | ≥95% | 96.3% | 12 | 12 |
        | 产出指标 | 质量指标 | 会议成功率 | 100% | 100% | 10 | 10 |
        | 总分 | 22 | 22 |
    """
    for row in report.indicators:
        if row.empty:
            continue
        t, a = row.target, row.actual
        if t.kind in ("empty", "na") or a.kind in ("empty", "na"):
            continue
        tfield = "target_adjusted" if row.text("target_adjusted").strip() and t is row.value("target_adjusted") \
            else "target"
        if not same_text(row.text(tfield), row.text("actual")):
            continue
        severity = None
        if normalize(row.text("actual")).strip(" 。.") in declared_tiers(row.text("name"), row.text(tfield)):
            continue  # "林长制运行成效（有效/基本有效/无效）": the actual names the tier reached, which may be the target's
        if a.comparator:
            kind = "bound"
        elif a.kind == "date":
            kind, severity = "date", "info"
        elif a.number is not None and a.kind in ("number", "percent", "range"):
            continue  # a plain measurement equal to its target can be real
        else:
            kind = "text"
        raw = row.text("actual")
        start = len(raw) - len(raw.lstrip())
        end = len(raw.rstrip())
        msg = {
            "bound": "实际完成值照抄了年度指标值的界限（含比较符），不是实际测得的数值",
            "text": "实际完成值与年度指标值逐字相同，未反映实际完成情况",
            "date": "实际完成时间与指标值逐字相同，请核实是否为实际完成日期",
        }[kind]
        yield ctx.finding(
            msg, raw[start:end], row.location("actual", start, end),
            evidence={"indicator": row.label, "target": row.text(tfield).strip(), "actual": raw.strip(),
                      "similarity": 1.0, "kind": kind},
            suggestion={"bound": "填写实际测得的数值，如 96.2%",
                        "text": "填写可核验的实际完成情况：数量、比率、金额或完成日期",
                        "date": "填写实际完成的具体日期，如 2024年11月20日"}[kind],
            severity=severity,
        )
