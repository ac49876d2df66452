"""Copied completion values beyond exact copies (NC002): filler insertions,
near copies, bounds given as actuals, one tier phrase on every row, and a
goal summary that repeats the goal (NC101–NC105)."""
from __future__ import annotations

import re
from collections import defaultdict

from ..nlp.similar import char_diff, normalize_for_copy, numbers_conflict, shingles, strip_numbering
from ..understand.values import normalize
from ._util import same_text
from .registry import rule


def _span(raw: str) -> tuple[int, int]:
    return len(raw) - len(raw.lstrip()), len(raw.rstrip())


def _target_field(row) -> str:
    return "target_adjusted" if row.text("target_adjusted").strip() else "target"


def _pairs(report):
    for row in report.indicators:
        if row.empty:
            continue
        tf = _target_field(row)
        t, a = row.text(tf), row.text("actual")
        if not t.strip() or not a.strip() or row.value(tf).kind == "na" or row.actual.kind == "na":
            continue
        yield row, tf, t, a


@rule("NC101", "copied-with-filler", "copied", "warning", scope="指标行：年度指标值、实际完成值",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "similarity": ("相似度", "prob"),
                "added": ("增加的文字", "list"), "removed": ("删去的文字", "list")})
def copied_with_filler(report, ctx):
    """实际完成值只是在年度指标值上加了“了/已/均/的”或改了标点，内容照抄。

    规则：去掉空白、标点、全半角差异和“了、已、均、的”后两格相同，但原文不完全相同（完全相同的由 NC002 报告）。
    依据中列出增加或删去的字符。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 专项工作 | 完成党务工会、应急管理、禁毒管理等专项工作。 | 完成了党务工会、应急管理、禁毒管理等专项工作。 | 10 | 10 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 专项工作 | 完成党务工会、应急管理、禁毒管理等专项工作。 | 完成专项工作12项，其中禁毒宣传718场次。 | 10 | 10 |
    """
    for row, tf, t, a in _pairs(report):
        if same_text(t, a):
            continue  # NC002
        nt, na = normalize_for_copy(t), normalize_for_copy(a)
        if not nt or nt != na:
            continue
        if row.actual.number is not None and not row.actual.comparator and row.actual.kind in ("number", "percent"):
            continue  # 100% vs 100.0%: a measurement
        diff = char_diff(t, a)
        s, e = _span(a)
        yield ctx.finding(
            "实际完成值照抄年度指标值，只增加了“" + "".join(diff["added"]) + "”等字" if diff["added"] else
            "实际完成值照抄年度指标值，只改动了标点或空格",
            a[s:e], row.location("actual", s, e),
            evidence={"indicator": row.label, "target": t.strip(), "actual": a.strip(),
                      "similarity": diff["similarity"], "added": diff["added"], "removed": diff["removed"]},
            suggestion="写明实际完成的数量、质量或时间（如“完成专项工作 12 项，禁毒宣传 718 场次”），不要复述指标值")


def _is_measurement(value, text: str) -> bool:
    """A cell that is one number with its unit (6000元/公里·年, 98.5%): a measured value, whose meeting a bound
    exactly is no copied text (NC102 is about text values)."""
    t = normalize(text).strip()
    return (value is not None and value.kind in ("number", "percent") and value.number is not None
            and value.start == 0 and not value.comparator
            and bool(re.fullmatch(r"\s*(?:[·/／][\u4e00-\u9fff]{1,2})?\s*", t[value.end:])))


@rule("NC102", "near-copy-actual", "copied", "warning", scope="指标行：年度指标值、实际完成值（文字值）",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "similarity": ("相似度", "prob"),
                "added": ("增加的文字", "list"), "removed": ("删去的文字", "list")})
def near_copy_actual(report, ctx):
    """实际完成值与年度指标值高度相似（只改了个别字词），没有写出实际完成情况。

    规则：两格都是文字（至少 8 个字），字符相似度 ≥ 0.85（可在配置中调整 similarity），
    去掉“了/已/均/的”后不相同（相同的由 NC002/NC101 报告），且两格中的数字没有实质差异。
    依据中给出相似度和增删的字符。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 督查督办 | 政府工作的督查督办和绩效考核工作，抓好建议提案办理。 | 做好了政府工作的督查督办和绩效考核工作，抓好建议提案办理。 | 10 | 10 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 督查督办 | 政府工作的督查督办和绩效考核工作，抓好建议提案办理。 | 督查事项办结 157 项，建议提案办复率 100%。 | 10 | 10 |
    """
    threshold = float(ctx.threshold("similarity", 0.85))
    for row, tf, t, a in _pairs(report):
        nt, na = normalize_for_copy(t), normalize_for_copy(a)
        if nt == na or min(len(nt), len(na)) < 8:
            continue
        if numbers_conflict(t, a):
            continue
        if _is_date_value(a):
            continue  # "2021年12月" against "2021年12月底前": a completion date is a measurement
        if _is_measurement(row.actual, a):
            continue  # "6000元/公里·年" against "≤6000元/公里·年": one number with its unit, not a text
        if _none_happened(t, a):
            continue  # 不发生较大安全事故 → 未发生较大安全事故: the zero-incident target's result, stated
        diff = char_diff(t, a)
        if diff["similarity"] < threshold:
            continue
        s, e = _span(a)
        yield ctx.finding(
            f"实际完成值与年度指标值高度相似（相似度 {diff['similarity']:.2f}），未写出实际完成情况",
            a[s:e], row.location("actual", s, e),
            evidence={"indicator": row.label, "target": t.strip(), "actual": a.strip(),
                      "similarity": diff["similarity"], "added": diff["added"], "removed": diff["removed"]},
            suggestion="用可核验的实际结果替换复述的目标：完成了多少、达到什么比率、何时完成")


_NOT_HAPPEN = re.compile(r"^(?:不发生|不出现|杜绝|无)")
_DID_NOT_HAPPEN = re.compile(r"^(?:全年)?(?:未发生|未出现|没有发生|无)")


def _none_happened(target: str, actual: str) -> bool:
    """A target that nothing happen (不发生/不出现/杜绝 X) and an actual that it did not (未发生/未出现 X):
    the actual reports the measured result of a zero-incident indicator, not a copy of the target."""
    t, a = re.sub(r"\s+", "", normalize(target)), re.sub(r"\s+", "", normalize(actual))
    mt, ma = _NOT_HAPPEN.match(t), _DID_NOT_HAPPEN.match(a)
    return bool(mt and ma) and t[mt.end():].rstrip("。") == a[ma.end():].rstrip("。")


def _is_date_value(text: str) -> bool:
    """A bare date (2021年12月, 2023年11月28日, 2024.6.30), not a deadline (…前, …底前, 以前)."""
    from ..understand.values import parse_value

    t = normalize(text).strip()
    if re.search(r"前|以内|之内", t):
        return False
    v = parse_value(t)
    return v.kind == "date" and v.end - v.start >= len(t) - 2


BOUND_WORDS = re.compile(r"不低于|不少于|不高于|不超过|以上|以内|以下|≥|≤|>|<|＞|＜|≧|≦")


@rule("NC103", "bound-as-actual", "copied", "warning", scope="指标行：实际完成值",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "comparator": "比较符"})
def bound_as_actual(report, ctx):
    """实际完成值写成了界限（≥95%、不低于90%），而不是实际测得的数值。

    规则：实际完成值带比较符或“不低于/以上”等界限词，且与指标值不完全相同（完全相同的由 NC002 报告）。
    实际值应是一个测量结果。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≧90% | ≧95% | 10 | 10 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≧90% | 96.3% | 10 | 10 |
    """
    for row, tf, t, a in _pairs(report):
        if same_text(t, a):
            continue
        v = row.actual
        if not v.comparator or v.number is None:
            continue
        s, e = _span(a)
        yield ctx.finding(
            f"实际完成值“{a.strip()}”是一个界限，不是实际测得的数值",
            a[s:e], row.location("actual", s, e),
            evidence={"indicator": row.label, "target": t.strip(), "actual": a.strip(), "comparator": v.comparator},
            suggestion=f"填写实际测得的数值，如 {v.number:g}{v.unit} 以上时写出具体值（如 96.3%），并保留测算依据")


TIER_MIN_ROWS = 3


@rule("NC104", "same-tier-phrase", "copied", "warning", scope="指标表：各行的实际完成值",
      evidence={"indicator": "指标", "indicators": ("同类指标", "list"), "rows": ("行", "rows"), "phrase": "词语"})
def same_tier_phrase(report, ctx):
    """多行指标的实际完成值是同一句套话（如每行都写“效果明显”“达成预期指标”），没有逐项填写。

    规则：同一张指标表中至少 3 行（可配置 min_rows）的实际完成值是相同的文字（不含数字），
    每张表报告一次，列出全部行。若这些行的实际值都与各自指标值逐字相同，已由 NC002 逐行报告，此处不再重复。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 经济效益指标 | 助推经济发展 | 促进经济发展 | 效果明显 | 10 | 10 |
        | 效益指标 | 社会效益指标 | 助推社会和谐稳定 | 社会稳定 | 效果明显 | 10 | 10 |
        | 效益指标 | 生态效益指标 | 助推生态环境改善 | 环境改善 | 效果明显 | 5 | 5 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 经济效益指标 | 惠企政策兑现金额 | ≥500万元 | 612万元 | 10 | 10 |
        | 效益指标 | 社会效益指标 | 信访办结率 | ≥95% | 98.2% | 10 | 10 |
        | 效益指标 | 生态效益指标 | 公共机构节能率 | ≥3% | 3.4% | 5 | 5 |
    """
    min_rows = int(ctx.threshold("min_rows", TIER_MIN_ROWS))
    for form in report.indicator_forms:
        groups: dict[str, list] = defaultdict(list)
        for row in form.indicators:
            a = row.text("actual").strip()
            if row.empty or not a or re.search(r"\d", a) or row.actual.kind in ("na", "empty"):
                continue
            groups[normalize_for_copy(a)].append(row)
        for key, rows in groups.items():
            if len(rows) < min_rows or not key:
                continue
            if all(same_text(r.text(_target_field(r)), r.text("actual")) for r in rows):
                continue  # every row is an exact copy of its target: NC002 already says so, row by row
            first = rows[0]
            raw = first.text("actual")
            s, e = _span(raw)
            yield ctx.finding(
                f"{len(rows)} 行指标的实际完成值都是“{raw.strip()}”，没有逐项填写实际完成情况",
                raw[s:e], first.location("actual", s, e),
                evidence={"indicator": first.label, "phrase": raw.strip(), "rows": [r.row + 1 for r in rows],
                          "indicators": [r.label for r in rows]},
                related=[r.location("actual") for r in rows[1:]],
                suggestion="为每个指标分别填写可核验的实际结果（数量、比率、金额或日期）")


@rule("NC105", "goal-copy", "copied", "warning", scope="目标栏：预期目标与实际完成情况",
      evidence={"target": "指标值", "actual": "实际完成值", "jaccard": ("字词重合度", "prob"),
                "contained": ("指标值完整出现在实际值中", "bool")})
def goal_copy(report, ctx):
    """年度总体目标的“实际完成情况”照抄“预期目标”。

    规则：去掉编号、标点和“了/已/均/的”后，字符 3 元组的 Jaccard 相似度 ≥ 0.8（可配置 jaccard），
    或一方完整包含另一方（至少 10 个字）。

    错误示例：
        2023年度项目支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        |  | 完成3个村道路硬化，新建村级服务站12个。 | 完成了3个村道路硬化，新建村级服务站12个。 |

    正确示例：
        2023年度项目支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        |  | 完成3个村道路硬化，新建村级服务站12个。 | 硬化村道3条共4.2公里，11月底建成服务站12个并投入使用。 |
    """
    threshold = float(ctx.threshold("jaccard", 0.8))
    for rec in report.records("goal"):
        t, a = rec.text("goal_target"), rec.text("goal_actual")
        nt, na = normalize_for_copy(strip_numbering(t)), normalize_for_copy(strip_numbering(a))
        if len(nt) < 10 or len(na) < 10:
            continue
        st, sa = shingles(nt, 3), shingles(na, 3)
        jac = len(st & sa) / max(1, len(st | sa))
        contained = (nt in na or na in nt)
        if jac < threshold and not contained:
            continue
        s, e = _span(a)
        yield ctx.finding(
            "年度总体目标的实际完成情况复述了预期目标" + ("（内容包含预期目标原文）" if contained and jac < threshold else ""),
            a[s:e], rec.location("goal_actual", s, e),
            evidence={"target": t.strip()[:300], "actual": a.strip()[:300], "jaccard": round(jac, 3),
                      "contained": contained},
            suggestion="逐条写明目标的实际完成结果：完成了什么、数量多少、何时完成、与目标的差距及原因")
