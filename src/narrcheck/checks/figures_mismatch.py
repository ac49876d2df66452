"""Mismatches (NC300–NC303): the same quantity written in two places with
different values — narrative vs 基础数据表 vs 自评表, table vs table, a
project's 成本指标 actual vs its 全年执行数, and counts in the text vs indicator
actuals with the same label.

Two figures are "the same quantity" only when their labels map to the same
canonical field, their roles agree (预算 / 执行 / 年初 / 上年) and their years
agree; anything less certain is not compared.  Values are compared after unit
conversion with the §4 tolerance.
"""
from __future__ import annotations

import re

from ..understand.facts import (agree, same_name, cell_location, fig, funds_for, is_dept_form, loc_str, money_factor, q_fig,
                                q_span, q_text, quantities, quantity_context, quantity_location, roles_compatible,
                                table_facts, text_table_comparisons, trimmed)
from ..understand.quantities import MONEY_FIELDS, ROLE_NAMES, STAFF_FIELDS
from ..understand.values import normalize
from ._util import fmt, rows_below_weight, subsequence
from .registry import rule


def _role_txt(role: str) -> str:
    return ROLE_NAMES.get(role, "") if role else ""


@rule("NC300", "text-table-mismatch", "mismatch", "warning",
      scope="叙述中的数字（支出合计、基本支出、人员/公用经费、项目支出、三公经费、执行率、总分、编制/在职人数）与自评表、基础数据表和人员表",
      evidence={"row": "行", "label": "项目", "field": None, "text_value": "文中数值", "text_range": ("文中数值范围", "range"),
                "table_value": "表中数值", "table_values": ("表中数值", "list"), "table_range": ("表中数值范围", "range"),
                "table_location": "表中位置", "difference": "相差", "context": "上下文", "role": "口径"})
def text_table_mismatch(report, ctx):
    """叙述中的数字与表格中同一数字不一致（TEXT-TABLE）。

    规则：叙述数字的标签（基本支出、公用经费、项目支出、执行率、自评得分、编制数 …）与表格单元格映射到同一字段，
    且口径（预算数/执行数/年初/全年/上年）与年度一致时比较；金额换算为万元后按显示精度区间比较，容差为较粗
    数字末位一个单位。表中同一标签有多个口径时，只要有一个相符即不报告；标签或口径不明确的不比较。
    差额恰为一万倍的按 NC355（元/万元混用）报告。

    错误示例：
        2024年度部门整体支出绩效自评报告
        区政府办2024年全年基本支出1144.41万元，公用经费384.12万元。
        2024年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1328.5 | 1273.05 | 1253.78 | 10 | 98.49% | 9.85 |
        | 其中：一般公共预算：1224.79 | 其中：基本支出：1163.78 |
        | 其他资金：28.99 | 项目支出：90 |

    正确示例：
        2024年度部门整体支出绩效自评报告
        区政府办2024年全年基本支出1163.78万元，公用经费384.12万元。
        2024年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1328.5 | 1273.05 | 1253.78 | 10 | 98.49% | 9.85 |
        | 其中：一般公共预算：1224.79 | 其中：基本支出：1163.78 |
        | 其他资金：28.99 | 项目支出：90 |
    """
    for c in text_table_comparisons(report):
        if c.status != "mismatch":
            continue
        q, t = c.quantity, c.fact
        role = _role_txt(t.role) if q.field in MONEY_FIELDS else ""
        qf = q_fig(q)
        unit = "万元" if q.field in MONEY_FIELDS else (q.unit if q.kind != "percent" else "")
        tval = t.text + ("" if re.search(r"[万元%分人名]$", t.text) else unit)
        diff = fmt(round(qf.v - t.fig.v, 4))
        where = t.where()
        msg = (f"叙述中的{q.name}{('（' + role + '）') if role else ''} {q.display} 与{t.form or '表格'}"
               f"「{t.row}」的 {tval} 不一致")
        ev = {"label": q.label, "field": q.field, "text_value": q.display, "table_value": tval,
              "table_location": where, "difference": diff + (unit if unit else ""),
              "text_range": qf.range(), "table_range": t.fig.range(), "context": quantity_context(q, 60)}
        ev["row"] = t.row
        if role:
            ev["role"] = role
        if len(c.candidates) > 1:
            ev["table_values"] = [f"{x.text}（{x.where()}）" for x in c.candidates]
        yield ctx.finding(
            msg + "，请核对后统一",
            q_text(q), q_span(q), evidence=ev,
            suggestion=f"核对{q.name}的实际数，使报告正文与表格一致（表中为 {tval}）",
            related=[t.location] + [quantity_location(o) for o in c.others],
        )


@rule("NC301", "table-table-mismatch", "mismatch", "warning",
      scope="两张表中的同一数字：自评表资金与基础数据表、带标签的单元格、人员表、总分单元格",
      evidence={"row": "行", "field": ("栏目", "field"), "value_1": "一处数值", "location_1": "一处位置",
                "range_1": ("一处数值范围", "range"), "value_2": "另一处数值", "location_2": "另一处位置",
                "range_2": ("另一处数值范围", "range"), "difference": "相差", "role": None})
def table_table_mismatch(report, ctx):
    """同一数字在两张表中不一致（整体自评表 vs 基础数据表 等）。

    规则：来自不同表格（或同一表中不同区块）的同一字段、同一口径、同一年度的数字，按显示精度区间比较，
    容差为较粗数字末位一个单位；任一对相符即不报告。

    错误示例：
        2024年度部门整体支出绩效评价基础数据表
        | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
        | 项目支出： | 55.00 | 90 | 90 |
        2024年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1328.5 | 1273.05 | 1253.78 | 10 | 98.49% | 9.85 |
        | 其中：一般公共预算：1224.79 | 其中：基本支出：1173.78 |
        | 其他资金：28.99 | 项目支出：80 |

    正确示例：
        2024年度部门整体支出绩效评价基础数据表
        | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
        | 项目支出： | 55.00 | 90 | 90 |
        2024年度部门整体支出绩效自评表
        | 年度预算申请（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1328.5 | 1273.05 | 1253.78 | 10 | 98.49% | 9.85 |
        | 其中：一般公共预算：1224.79 | 其中：基本支出：1163.78 |
        | 其他资金：28.99 | 项目支出：90 |
    """
    facts = [f for f in table_facts(report) if f.role != "prev" and f.field != "exec_rate"]
    groups: dict[str, list] = {}
    for f in facts:
        groups.setdefault(f.field, []).append(f)
    done = set()
    for fld, fs in groups.items():
        sources: dict[tuple, list] = {}
        for f in fs:
            sources.setdefault(f.key, []).append(f)
        keys = list(sources)
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                A, B = sources[keys[i]], sources[keys[j]]
                if fld in STAFF_FIELDS or fld == "score_total":
                    pairs = [(a, b) for a in A for b in B]
                else:
                    pairs = [(a, b) for a in A for b in B if roles_compatible(a.role, b.role)
                             and (a.year == b.year)]
                if not pairs:
                    continue
                if any(agree(a.fig, b.fig) for a, b in pairs):
                    continue
                # a figure matched by another figure of a different role is that one's
                pairs = [(a, b) for a, b in pairs
                         if not any(agree(a.fig, x.fig) for x in B if x.role != a.role)
                         and not any(agree(b.fig, x.fig) for x in A if x.role != b.role)]
                if not pairs:
                    continue
                a, b = pairs[0]
                key = (fld, id(a), id(b))
                if key in done:
                    continue
                done.add(key)
                role = _role_txt(a.role if a.role == b.role or b.role == "budget" else b.role) \
                    if fld in MONEY_FIELDS else ""
                ev = {"field": fld, "value_1": a.text, "location_1": a.where(), "value_2": b.text,
                      "location_2": b.where(), "difference": fmt(round(a.fig.v - b.fig.v, 4)),
                      "range_1": a.fig.range(), "range_2": b.fig.range(), "row": a.row}
                if role:
                    ev["role"] = role
                yield ctx.finding(
                    f"{a.name}{('（' + role + '）') if role else ''}在{a.form or '表格'}「{a.row}」为 {a.text}，"
                    f"在{b.form or '表格'}「{b.row}」为 {b.text}，两表不一致，请核对后统一",
                    a.text, a.location, evidence=ev,
                    suggestion=f"同一{a.name}在各表中应一致，核对决算数据后改正",
                    related=[b.location])


_COST_TOTAL_NAME = re.compile(r"总成本|成本总额|支出总额|资金总额|项目支出总额|完成任务支出|总支出|项目总投入|项目总投资|"
                              r"预算批复金额|项目建设总成本|项目成本")
_COST_PART_NAME = re.compile(r"三公|公用|人员|接待|差旅|会议|培训|办公|单位|人均|户均|亩均|每|单价|平均|标准|元/|万元/")


@rule("NC302", "cost-vs-executed", "mismatch", "warning",
      scope="以项目预算为上限（或名称为总支出）的成本指标行与资金表的全年执行数",
      evidence={"indicator": "指标", "form": "表单", "row": "行", "target": "指标值", "actual": "实际完成值",
                "funds_location": "资金表位置", "executed": "执行数", "difference": "相差"})
def cost_vs_executed(report, ctx):
    """成本指标的实际完成值与同一项目资金表的全年执行数不一致。

    规则：成本指标以预算数为上限（指标值等于资金表某一预算列），或名称表明是支出总额（完成任务支出、
    支出总额、总成本 …）时，它的实际完成值就是项目的全年执行数；两者按显示精度比较，容差为较粗数字
    末位一个单位。单项成本（单价、人均）不比较。

    错误示例：
        2024年度项目支出绩效自评表
        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 80 | 80 | 80 | 10 | 100% | 10 |
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 完成任务支出不超过预算批复金额 | ≦80万元 | 90万元 | 10 | 8 |
        | 总分 | 10 | 8 |

    正确示例：
        2024年度项目支出绩效自评表
        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 80 | 80 | 80 | 10 | 100% | 10 |
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 完成任务支出不超过预算批复金额 | ≦80万元 | 80万元 | 10 | 10 |
        | 总分 | 10 | 10 |
    """
    for form in report.indicator_forms:
        funds = funds_for(report, form)
        if funds is None:
            continue
        tot = next((r for r in funds.funds if r.source == "total"), None)
        if tot is None or tot.value("executed").number is None:
            continue
        ex = fig(tot.value("executed"), money_factor(funds, tot.text("executed")))
        for row in form.indicators:
            if row.empty or "成本" not in (row.level2 + row.level1):
                continue
            a, t = row.actual, row.target
            if a.number is None or a.approx or a.comparator or a.kind != "number":
                continue
            unit = a.unit or (t.unit if t.unit in ("万元", "元", "亿元") else "")
            if unit not in ("万元", "元", "亿元") or (a.unit and "/" in a.unit):
                continue
            factor = {"万元": 1.0, "元": 1e-4, "亿元": 1e4}[unit]
            af = fig(a, factor)
            name = re.sub(r"\s+", "", row.name)
            if _COST_PART_NAME.search(name):
                continue
            linked = _COST_TOTAL_NAME.search(name) is not None
            if not linked and t.number is not None and t.unit in ("万元", "元", "亿元"):
                tf = fig(t, {"万元": 1.0, "元": 1e-4, "亿元": 1e4}[t.unit])
                linked = any(agree(tf, fig(tot.value(c), money_factor(funds, tot.text(c))))
                             for c in ("budget_initial", "budget_full_year") if tot.value(c).number is not None)
            if not linked or agree(af, ex):
                continue
            s, e = trimmed(row.text("actual"))
            yield ctx.finding(
                f"成本指标「{row.name}」实际完成值 {row.text('actual').strip()} 与资金表全年执行数 "
                f"{tot.text('executed').strip()}万元 不一致",
                row.text("actual").strip(), row.location("actual", s, e),
                evidence={"indicator": row.label, "actual": row.text("actual").strip(), "target": row.text("target").strip(),
                          "executed": tot.text("executed").strip(), "row": tot.label,
                          "funds_location": loc_str(cell_location(tot, "executed")),
                          "difference": fmt(round(af.v - ex.v, 4)) + "万元", "form": form.title},
                suggestion="成本指标的实际完成值应与全年执行数一致；核对实际支出后改正其中一处",
                related=[cell_location(tot, "executed")])


_GENERIC = re.compile(r"数量|次数|个数|件数|完成|开展|组织|举办|全年|累计|各类|各项|全区|全县|全市|共|了|的|指标|人数|户数|"
                      r"率|情况|工作|及时|按时|\s")


_PLAN_SENT = re.compile(r"建设内容|计划|目标|任务|预计|拟|将|力争|要求|下达|批复|安排|预算")


_UNIT_CLASS = {"名": "人", "位": "人"}


def _object_after(q) -> str:
    """The words after a count up to the next punctuation (组织1,586名|高校毕业生参加就业见习|，)."""
    raw = q.value.raw or ""
    m = re.match(r"[^，,。；;：:、（）()\d]{2,20}", raw[q.end:q.end + 20])
    return m.group(0) if m else ""


# before a count in its clause: what is missing or left undone (少8所, 未执行部分…4所, 尚有3所暂缓)
# "点位由年初排查的47处减少到年底的12处": the figure after 由/从 is where the change started, not the actual
_FROM_CLAUSE = re.compile(r"[由从][^，,。；;：:由从]*$")
_TO_AFTER = re.compile(r"^\s*(?:减少|下降|降低|压减|压降|缩减|增加|增长|提高|提升|上升|扩大|降|减|增|升|提)(?:到|至|为)")
_SHORTFALL = re.compile(r"少$|[减缺差]少$|短缺|缺口|差额|未执行|未完成|未实施|未开工|未建成|剩余|尚有|尚未|暂缓|缓建|推迟|延期|顺延|结转")


def _clause_before(raw: str, q) -> str:
    """The clause of a quantity up to the number."""
    s0, _ = q.sentence
    text = raw[s0:q.start]
    a = max([text.rfind(c) for c in "，,；;"] + [-1]) + 1
    return re.sub(r"\s+", "", text[a:])


def _clause_of(raw: str, q) -> str:
    s0, s1 = q.sentence
    text = raw[s0:s1]
    pos = q.start - s0
    a = max([text.rfind(c, 0, pos) for c in "，,；;"] + [-1]) + 1
    ends = [i for i in (text.find(c, pos) for c in "，,；;。") if i >= 0]
    return text[a:min(ends) if ends else len(text)]


def _key(s: str) -> str:
    return _GENERIC.sub("", re.sub(r"[（(][^）)]*[)）]", "", s or ""))


def _lcs(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _part_of_whole(q, report) -> bool:
    """"12处长者食堂中11处全年持续运营": the count is a part of the whole just before it (…中),
    the whole is what an indicator counts."""
    if not q.label.endswith("中") or q.label.endswith(("其中", "集中")):
        return False
    return any(o.chunk is q.chunk and o.unit == q.unit and o.start < q.start <= o.start + 20
               and o.number is not None and o.number > q.number for o in quantities(report))


def _names_match(qk: str, k: str) -> bool:
    """Whether a count's key and an indicator's key name the same thing."""
    common = _lcs(qk, k)
    short, long_ = sorted((qk, k), key=len)
    # the shared part must be most of the shorter name, or the shorter name must run through
    # the longer in order (实施避险搬迁 / 实施地质灾害避险搬迁): 食品安全评价性抽检 is not
    # 食品安全监督抽检, 委托第三方调查市场主体 is not 双随机抽查市场主体
    return qk == k or (common >= 4 and common >= 0.75 * len(short)) or \
        (common >= 3 and common == len(short)) or (common >= 4 and subsequence(short, long_)) or \
        (min(len(qk), len(k)) >= 4 and sorted(qk) == sorted(k) and same_name(qk, k))
    # the last: the same content words in another order (培训高素质农民 / 高素质农民培训)


class _RowIndex:
    """Indicator rows indexed by unit class and by name, so that each count is compared only with
    rows that can match it (no count × row loop): the same key, a shared run of three characters
    (every substring rule of ``_names_match`` needs one) or the same characters in another order."""

    def __init__(self, rows):
        self.rows = rows
        self.exact: dict[tuple, list[int]] = {}
        self.grams: dict[tuple, list[int]] = {}
        self.chars: dict[tuple, list[int]] = {}
        self.memo: dict[tuple, list] = {}
        for i, (r, k) in enumerate(rows):
            u = _UNIT_CLASS.get(r.actual.unit, r.actual.unit)
            self.exact.setdefault((u, k), []).append(i)
            self.chars.setdefault((u, "".join(sorted(k))), []).append(i)
            for g in {k[j:j + 3] for j in range(len(k) - 2)}:
                self.grams.setdefault((u, g), []).append(i)

    def candidates(self, qk: str, unit: str):
        u = _UNIT_CLASS.get(unit, unit)
        got = self.memo.get((u, qk))
        if got is not None:
            return got
        hit = set(self.exact.get((u, qk), ())) | set(self.chars.get((u, "".join(sorted(qk))), ()))
        for j in range(len(qk) - 2):
            hit.update(self.grams.get((u, qk[j:j + 3]), ()))
        got = self.memo[(u, qk)] = [self.rows[i] for i in sorted(hit)]
        return got


@rule("NC303", "count-vs-indicator", "mismatch", "warning",
      scope="叙述中的数量（办理文件386件）与同名同单位指标的实际完成值",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "text_value": "文中数值",
                "indicator_location": "指标位置", "context": "上下文"})
def count_vs_indicator(report, ctx):
    """叙述中的数量与同名绩效指标的实际完成值不一致。

    规则：叙述中的计数（件、次、人次、场 …，不含“约、余、多”）与部门整体自评表中单位相同、名称关键词一致
    （去掉“数量、完成、开展、全年”等泛词后，两者相同，或共同部分至少 4 个字且占较短名称的 3/4 以上）的指标实际完成值比较，
    数值不同时报告。“12处长者食堂中11处…”中的 11处 是前面总数的一部分，不与指标比较；“由年初的47处减少到12处”
    中的 47处 是变化的起点，不与实际完成值比较。

    错误示例：
        2024年度部门整体支出绩效自评报告
        全年共组织业务培训班12期。
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 组织业务培训班 | ≥10期 | 15期 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2024年度部门整体支出绩效自评报告
        全年共组织业务培训班15期，开展调研30余次。
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 组织业务培训班 | ≥10期 | 15期 | 10 | 10 |
        | 专项督促检查 | ≥30次 | 35次 | 10 | 10 |
        | 总分 | 20 | 20 |
    """
    forms = report.indicator_forms
    dept = [f for f in forms if is_dept_form(report, f)] or (forms if len(forms) == 1 else [])
    rows = []
    for f in dept:
        for r in f.indicators:
            a = r.actual
            if r.empty or a.number is None or a.approx or a.comparator or a.kind != "number" or not a.unit:
                continue
            k = _key(r.name)
            if len(k) >= 2:
                rows.append((r, k))
    if not rows:
        return
    index = _RowIndex(rows)
    by_chunk: dict[int, list] = {}
    for o in quantities(report):
        by_chunk.setdefault(id(o.chunk), []).append(o)
    seen = set()
    for q in quantities(report):
        if q.kind != "count" or q.approx or q.relation or q.parent is not None or q.parts or q.role == "prev":
            continue
        qk = _key(q.label)
        if len(qk) < 2:
            # "组织1,586名高校毕业生参加就业见习": the object follows the number
            qk = _key(q.label + _object_after(q))
        if len(qk) < 2 or _part_of_whole(q, report):
            continue
        same = []
        for r, k in index.candidates(qk, q.unit):
            if _names_match(qk, k):
                same.append(r)
                if len(same) > 1:
                    break         # two rows fit: the count is not compared
        if len(same) != 1:
            continue
        r = same[0]
        qv = q.number * q.value.scale
        if r.actual.number * r.actual.scale == qv:
            continue
        t = r.target
        if t.number is not None and t.unit == q.unit and t.number * t.scale == qv:
            continue          # the narrative restates the target (建设内容为…6处)
        raw = q.value.raw
        if _PLAN_SENT.search(_clause_of(raw, q)):
            continue  # "计划培训1,200人次" (the clause, not the sentence: "…，完成1,500人目标的105.7%")
        if _FROM_CLAUSE.search(_clause_before(raw, q)) and _TO_AFTER.match(raw[q.end:q.end + 8]):
            continue  # "由年初排查的47处减少到年底的12处": the starting value of a change, not the year's actual
        if _SHORTFALL.search(_clause_before(raw, q)):
            continue  # "一键式紧急报警少8所", "未执行部分主要是…4所": the shortfall or the part not done, not an actual
        # the same label with the indicator's value in the same passage: a sub-count stated beside it
        # (a table cell elsewhere repeating the row's value does not make the narrative right)
        if any(o is not q and o.kind == "count" and o.unit == q.unit and _key(o.label) == qk
               and o.number == r.actual.number and o.chunk is q.chunk for o in by_chunk.get(id(q.chunk), ())):
            continue
        key = (id(r), q.number)
        if key in seen:
            continue
        seen.add(key)
        s, e = trimmed(r.text("actual"))
        yield ctx.finding(
            f"叙述中的“{q.label}{q.display}”与指标「{r.name}」实际完成值 {r.text('actual').strip()} 不一致",
            q_text(q), q_span(q),
            evidence={"indicator": r.label, "text_value": q.display, "actual": r.text("actual").strip(),
                      "target": r.text("target").strip(), "context": quantity_context(q, 60),
                      "indicator_location": loc_str(r.location("actual", s, e))},
            suggestion="核对实际完成数量，使正文与绩效自评表一致",
            related=[r.location("actual", s, e)])


# ---------------------------------------------------------------------------
# NC304 a headline claim that every target was met, against the scores
# ---------------------------------------------------------------------------

_SCOPE = r"(?:各项|全部|所有|均|全面|圆满|100%)"
_SUBJ = r"(?:绩效)?(?:目标任务|目标|指标)"
_VERB = r"(?:完成|达成|实现|达到|达标)(?!情况|进度|程度|率|值)"   # 各项绩效指标完成情况如下 is a lead-in, not a claim
_CLAIM_ALL = re.compile(
    rf"(?:各项|全部|所有){_SUBJ}(?:任务)?[均都已全部全面圆满顺利如期按期]*{_VERB}"      # 各项绩效目标全面完成
    rf"|{_SUBJ}(?:任务)?(?:均已|均|都|已全部|全部|全面|圆满)(?:已|得到|顺利|如期)?{_VERB}"  # 年度目标全面完成
    rf"|(?:圆满|全面|全部|顺利)(?:地)?{_VERB}(?:了)?(?:全部|各项|所有|全年|年度)(?:绩效)?(?:目标任务|目标|指标)")
_CLAIM_EXCEPT = re.compile(r"除.{0,40}外|基本|未(?:能|全部|完全)?(?:完成|达到|达成|实现)|部分|但.{0,30}(?:未|没有|尚)|尚未|差距")


def _claim_forms(report, ch):
    """The indicator forms a claim speaks about: its own form for a goal cell;
    for the narrative, the department form of a 部门整体 report or the only form."""
    forms = report.indicator_forms
    if ch.location.table is not None:
        return [f for f in forms if ch.location.table in f.tables][:1]
    if report.meta.kind != "项目":
        dept = [f for f in forms if is_dept_form(report, f)]
        if len(dept) == 1:
            return dept
    return forms if len(forms) == 1 else []


@rule("NC304", "claim-vs-scores", "mismatch", "warning",
      scope="称各项目标全部完成的叙述句子和目标完成情况单元格",
      evidence={"form": "表单", "rows_below_weight": ("扣分的指标", "lost"), "claim": "叙述中的说法", "sentence": "原句"})
def claim_vs_scores(report, ctx):
    """叙述称各项绩效目标全部完成，但自评表中有指标扣了分（CLAIM-SCORE）。

    规则：结果部分或“年度总体目标完成情况”中，声称全部/各项目标（指标）已完成、全面完成、圆满完成的句子
    （不含“除…外”“基本”“部分”“但…未”等保留说法），与它所说的自评表比较：有得分低于分值（差 0.01 分以上）
    的指标时报告，并列出这些指标。

    错误示例：
        2024年度项目支出绩效自评报告
        四、项目绩效目标完成情况
        2024年，项目各项绩效目标全面完成。
        2024年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建及改造供水管网 | ≥42公里 | 39.5公里 | 8 | 7.52 |
        | 产出指标 | 质量指标 | 单元工程验收合格率 | 100% | 98.5% | 6 | 5.91 |
        | 总分 | 14 | 13.43 |

    正确示例：
        2024年度项目支出绩效自评报告
        四、项目绩效目标完成情况
        2024年，除新建及改造供水管网（完成39.5公里，目标42公里）外，项目各项绩效目标均已完成。
        2024年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建及改造供水管网 | ≥42公里 | 39.5公里 | 8 | 7.52 |
        | 产出指标 | 质量指标 | 单元工程验收合格率 | 100% | 100% | 6 | 6 |
        | 总分 | 14 | 13.52 |
    """
    from ..nlp.classifier import section_role

    done = set()
    for ch in report.chunks:
        if ch.kind != "sentence":
            continue
        if ch.location.table is not None and ch.field != "goal_actual":
            continue
        if ch.location.table is None and section_role(ch.section) in ("problems", "measures", "duty", "goals"):
            continue
        text = normalize(ch.text)
        m = _CLAIM_ALL.search(text)
        if not m or _CLAIM_EXCEPT.search(text):
            continue
        forms = _claim_forms(report, ch)
        lost = rows_below_weight(forms)
        if not lost:
            continue
        key = (m.group(0), id(forms[0]))
        if key in done:
            continue
        done.add(key)
        names = [f"{r.label}（{fmt(r.value('score').number)}/{fmt(r.value('weight').number)}）" for r in lost]
        s0, e0 = m.start(), m.end()
        yield ctx.finding(
            f"称“{ch.text[s0:e0]}”，但自评表中有 {len(lost)} 项指标扣了分：" + "、".join(names[:5])
            + ("等" if len(names) > 5 else ""),
            ch.text[s0:e0], ch.location.with_span(s0, e0),
            evidence={"claim": ch.text[s0:e0], "sentence": ch.text.strip()[:200], "form": forms[0].title,
                      "rows_below_weight": [{"indicator": r.label, "score": fmt(r.value("score").number),
                                             "weight": fmt(r.value("weight").number),
                                             "target": r.text("target").strip(), "actual": r.text("actual").strip()}
                                            for r in lost[:20]]},
            suggestion="如实写明未完全完成的指标及其完成程度和原因，如“除××（完成39.5公里，目标42公里）外，其余指标均已完成”",
            related=[r.location("score") for r in lost[:10]])
