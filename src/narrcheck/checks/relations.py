"""Narrative relations a reviewer computes in their head (NC305–NC307, NC357, NC358): a
stated count against the list that follows it, a claim of completeness against a statement
of the opposite elsewhere in the report, the implied total of a complete breakdown against
the form's total, head counts above the establishment.

The relations themselves are read by understand/facts/relations.py (``list_counts``,
``claims``); these rules only decide what is worth a reviewer's time.  Both report at
most a warning: a count or a claim can be read more than one way.
"""
from __future__ import annotations

import re

from ..understand.facts import (agree, fmt, fsum, q_fig, q_span, q_text, q_year_ok, quantities, quantity_context,
                                quantity_location, table_facts)
from ..understand.facts.relations import claims, list_counts
from .registry import rule


@rule("NC357", "list-count", "arithmetic", "warning",
      scope="叙述：数量（直属事业单位10个）与其后列出的名单",
      evidence={"noun": "对象", "stated": "所述数量", "listed": "列出的个数", "names": ("列出的名称", "list")})
def list_count(report, ctx):
    """数量与随后列出的名单个数不一致：“直属事业单位10个：……”后面只列了九个名称。

    规则：叙述中“数字 + 个/家/所/项 + 名词”之后紧接“：”“分别为”“包括”“即”和以“、”分隔的名单（“和”“及”
    连接最后一项），名单个数与所述数字不同：报告 warning。名单以“等”结尾、名称中带数字或括号内另有名单的不报。

    错误示例：
        2023年度部门整体支出绩效自评报告
        一、部门基本情况
        我局内设机构5个，分别为办公室、计划财务股、农村经营管理股、农业技术推广股。

    正确示例：
        2023年度部门整体支出绩效自评报告
        一、部门基本情况
        我局内设机构4个，分别为办公室、计划财务股、农村经营管理股、农业技术推广股。
    """
    for lc in list_counts(report):
        if lc.stated == len(lc.names):
            continue
        yield ctx.finding(
            f"“{lc.noun}{lc.stated_text}”之后列出了 {len(lc.names)} 个名称，与所述的 {lc.stated} 个不一致",
            lc.text, lc.location,
            evidence={"stated": lc.stated, "listed": len(lc.names), "names": lc.names, "noun": lc.noun},
            suggestion=f"核对数量：补全名单，或把数量改为 {len(lc.names)}",
        )


@rule("NC305", "claim-contradicted", "mismatch", "warning",
      scope="叙述：“已全部拨付”“全面完成”等说法与同一报告中部分拨付或未完工的表述",
      evidence={"claim": "说法", "kind": ("类型", "kind"), "contradiction": "相反的表述", "context": "上下文"})
def claim_contradicted(report, ctx):
    """同一报告前后矛盾：称“资金已全部拨付”，别处却写拨付率不到100%或尚有资金未拨付；称“全面完成”“已全部完工”，
    别处却写“暂未完工”“尚未验收”。

    规则：叙述中完成或拨付的全称断言（已全部拨付、已足额拨付、全部拨付到位；全面完成、全部完成、已全部完工）与同一
    报告叙述中的相反陈述（拨付率X%且X<100、尚未拨付、剩余…未拨付；暂未完工、尚未完工、正在施工、尚未验收）同时
    出现：在断言处报告 warning，依据中给出相反的那句话。

    错误示例：
        2023年度项目支出绩效自评报告
        二、项目资金情况
        项目资金已全部拨付到位。
        三、项目实施情况
        截至2023年底，资金拨付率为82.5%，剩余资金将于工程决算后拨付。

    正确示例：
        2023年度项目支出绩效自评报告
        二、项目资金情况
        项目资金已全部拨付到位。
        三、项目实施情况
        截至2023年底，资金拨付率为100%，工程已于11月通过竣工验收。
    """
    for c in claims(report):
        if not c.contradicted_by:
            continue
        o = c.contradicted_by[0]
        yield ctx.finding(
            f"称“{c.text}”，但报告中又写“{o.text}”，前后矛盾",
            c.text, c.location,
            evidence={"claim": c.text, "kind": c.kind, "contradiction": o.text, "context": o.sentence[:120]},
            suggestion="核实实际情况，统一表述：已全部完成的删去相反的说法；未全部完成的改写断言并说明进度",
            related=[x.location for x in c.contradicted_by[:3]],
        )


@rule("NC307", "full-marks-vs-progress", "mismatch", "warning",
      scope="效益指标全部满分或“全面完成”的说法，与资金执行率（到位率、拨付率）低于 60% 或“暂未完工”",
      evidence={"claim": "说法", "indicator": "指标", "form": "表单", "benefit_rows": ("满分的效益指标", "list"),
                "progress": "进度", "rate": "比率（%）"})
def full_marks_vs_progress(report, ctx):
    """效益指标全部得满分，或称“全面完成”，但同一报告写明资金执行率（到位率、拨付率）不到 60%，或工程“暂未完工”：
    钱没花出去、工程没建成，效益如何已经全部实现？

    规则：报告中有进度不足的陈述——叙述或资金表“年度资金总额”行的执行率、到位率、拨付率低于 60%，或“暂未完工、
    尚未竣工、尚未验收”之类——并且（一）自评表的效益指标（至少 2 行）全部得满分，或（二）叙述称“全面完成…”（与
    “暂未完工”的矛盾由 NC305 报告，这里只比较执行率）：每份报告至多报告一条 warning，依据中列出进度陈述。

    错误示例：
        2023年度项目支出绩效自评报告
        二、项目资金情况
        项目全年预算500.00万元，实际支出210.00万元，预算执行率42.00%。
        四、绩效目标完成情况
        项目全面完成了年度目标任务。

    正确示例：
        2023年度项目支出绩效自评报告
        二、项目资金情况
        项目全年预算500.00万元，实际支出488.00万元，预算执行率97.60%。
        四、绩效目标完成情况
        项目全面完成了年度目标任务。
    """
    progress = report.facts.progress
    if not progress:
        return
    low = [g for g in progress if g.kind == "rate"]
    what = low[0] if low else progress[0]
    said = (f"资金执行率仅 {fmt(what.rate)}%（“{what.text}”）" if what.kind == "rate" else f"写有“{what.text}”")
    for c in claims(report):
        if c.kind == "done" and low and not c.contradicted_by:
            yield ctx.finding(
                f"称“{c.text}”，但报告中{said}，不到 60%：全面完成的依据是什么",
                c.text, c.location,
                evidence={"claim": c.text, "progress": what.text, "rate": what.rate},
                suggestion="按实际进度改写完成情况，写明已完成和未完成的内容；确已完成的，说明资金执行率低的原因",
                related=[what.location])
            return
    for form in report.indicator_forms:
        rows = [r for r in form.indicators if "效益" in (r.level1 or "") and r.weight.number is not None
                and r.score.number is not None and not r.empty]
        if len(rows) < 2 or any(r.score.number < r.weight.number - 1e-9 for r in rows):
            continue
        first = rows[0]
        yield ctx.finding(
            f"效益指标 {len(rows)} 项全部得满分，但报告中{said}：效益是否已经全部实现，请说明依据或按实际扣分",
            first.text("score").strip(), first.location("score", 0, len(first.text("score"))),
            evidence={"indicator": first.label, "form": form.title,
                      "benefit_rows": [f"{r.label} {fmt(r.score.number)}/{fmt(r.weight.number)}" for r in rows],
                      "progress": what.text, "rate": what.rate},
            suggestion="按实际实现的效益评分；资金未用完或工程未完工的，写明对效益的影响",
            related=[what.location])
        return


_EXPLAINED = re.compile(r"编外|聘用|临聘|借调|公益性岗位|劳务派遣|购买服务|见习|挂职|待分配|超编"
                        # a sentence that gives the cause of the excess: "因乡镇林业站改革过渡期人员尚未完全分流，
                        # 年末实有人数超出核定编制"
                        r"|(?:因|由于|原因|系|主要是|是因为)[^。；;]{2,60}(?:超出|超过|多于|高于)(?:核定|批复)?编制"
                        r"|(?:超出|超过|多于|高于)(?:核定|批复)?编制[^。；;]{0,12}(?:原因|是因为|系|主要是|因|由于)")


# the excess named in the report's problems or measures part (存在问题：一是在职人员超出核定编制；改进措施：…消化超编人员)
_OVER_NAMED = re.compile(r"超编|(?:超出|超过|多于|高于)(?:了)?(?:核定|批复|核批)?(?:的)?编制")
_PROBLEMS_PART = re.compile(r"问题|不足|整改|改进|措施")


def _acknowledged(report) -> bool:
    return any(c.kind == "paragraph" and _PROBLEMS_PART.search((c.section or "").split(" > ")[0])
               and _OVER_NAMED.search(c.text) for c in report.chunks)


@rule("NC358", "staff-over-authorized", "arithmetic", "warning",
      scope="叙述与人员表：在职 / 实有人数超过编制数",
      evidence={"staff": "在职（实有）人数", "authorized": "编制数", "over": "超出", "context": "上下文"})
def staff_over_authorized(report, ctx):
    """在职（实有）人数超过编制数，报告没有说明：“编制数42人，实有在职人员45人”。

    规则：同一段叙述中的编制数与在职人数（或不含离退休的实有人数），或人员表中的编制数与实际在职人数，在职人数更多，
    而这一段（表格时为整份报告）没有编外、聘用、借调、公益性岗位等说明，也没有一句话说明超出编制的原因
    （“因…尚未完全分流，实有人数超出核定编制”）：报告 warning。人员控制率的算术由 NC353 检查。

    错误示例：
        2023年度部门整体支出绩效自评报告
        一、部门基本情况
        我局核定编制数42人，年末实有在职人员45人。

    正确示例：
        2023年度部门整体支出绩效自评报告
        一、部门基本情况
        我局核定编制数42人，年末实有在职人员45人，其中编外聘用人员3人。
    """
    if _acknowledged(report):
        return      # "五、存在问题及改进措施 …一是在职人员超出核定编制…": the report names the excess as its problem
    qs = [q for q in quantities(report) if q.kind == "count" and not q.relation and not q.approx
          and q.role != "prev" and q.field in ("staff_authorized", "staff_active", "staff_actual")]
    by_chunk: dict = {}
    for q in qs:
        by_chunk.setdefault(id(q.chunk), []).append(q)
    seen = set()
    for group in by_chunk.values():
        auth = [q for q in group if q.field == "staff_authorized"]
        act = [q for q in group if q.field == "staff_active"
               or (q.field == "staff_actual" and not any(p.field == "staff_retired" for p in q.parts))]
        if len(auth) != 1 or not act or _EXPLAINED.search(group[0].chunk.text):
            continue
        a = auth[0]
        over = next((q for q in act if q.number > a.number and q.parent is None), None)
        if over is None or (a.number, over.number) in seen:
            continue
        seen.add((a.number, over.number))
        yield ctx.finding(
            f"{over.label or '在职人数'} {over.display} 超过编制数 {a.display}，报告没有说明超编原因",
            q_text(over), q_span(over),
            evidence={"authorized": a.display, "staff": f"{over.label} {over.display}",
                      "over": fmt(over.number - a.number), "context": quantity_context(over, 80)},
            suggestion="核对编制数与在职人数；确有编外、借调或聘用人员的，写明人数和原因",
            related=[quantity_location(a)],
        )
    staff = {f.field: f for f in table_facts(report) if f.source == "staff"}
    auth, act = staff.get("staff_authorized"), staff.get("staff_active")
    if auth is not None and act is not None and act.value.number > auth.value.number \
            and not any(_EXPLAINED.search(c.text) for c in report.chunks if c.kind == "paragraph") \
            and (auth.value.number, act.value.number) not in seen:
        yield ctx.finding(
            f"人员表中{act.row or '实际在职人数'} {act.text} 超过编制数 {auth.text}，报告没有说明超编原因",
            act.text, act.location,
            evidence={"authorized": auth.text, "staff": act.text, "form": act.form,
                      "over": fmt(act.value.number - auth.value.number)},
            suggestion="核对编制数与实际在职人数；确有编外、借调或聘用人员的，写明人数和原因",
            related=[auth.location],
        )


# complete breakdowns of the funds total: the parts named in the narrative without the total
_BREAKDOWNS = ((("basic", "project"), "基本支出 + 项目支出"),)


@rule("NC306", "implied-total-mismatch", "mismatch", "warning",
      scope="叙述：只写了基本支出、项目支出而未写总数时，各部分之和与自评表的全年执行数",
      evidence={"parts": "所述各部分", "implied_total": "各部分之和", "table_total": "表中总数",
                "table_location": "表中位置", "context": "上下文"})
def implied_total_mismatch(report, ctx):
    """叙述只写了完整构成的各部分（基本支出、项目支出），没有写总数，而各部分之和与自评表的总数不一致。

    规则：同一段叙述中写了基本支出和项目支出（都是执行数），段中没有写支出总数；部门整体自评表有全年执行数，
    而两者之和与它不一致（按显示精度区间运算）：报告 warning。表中另有基本支出、项目支出而叙述与之不符的，由
    NC300 逐项报告，这里不再报告。

    错误示例：
        2023年度部门整体支出绩效自评报告
        二、部门收支情况
        2023年基本支出800.00万元，项目支出400.00万元。
        2023年度部门整体支出绩效自评表
        | 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1200.00 | 1250.00 | 1230.00 | 10 | 98.40% | 9.84 |

    正确示例：
        2023年度部门整体支出绩效自评报告
        二、部门收支情况
        2023年基本支出800.00万元，项目支出430.00万元。
        2023年度部门整体支出绩效自评表
        | 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | 年度资金总额 | 1200.00 | 1250.00 | 1230.00 | 10 | 98.40% | 9.84 |
    """
    facts = table_facts(report)
    tots = [f for f in facts if f.field == "total" and f.source == "funds" and f.role == "executed"]
    if not tots:
        return
    by_chunk: dict = {}
    for q in quantities(report):
        by_chunk.setdefault(id(q.chunk), []).append(q)
    for group in by_chunk.values():
        if any(q.field in ("total",) and not q.relation and q.role != "prev" for q in group):
            continue            # the total is stated: parts are checked against it (NC350)
        for fields, what in _BREAKDOWNS:
            parts = []
            for fld in fields:
                cands = [q for q in group if q.field == fld and q.kind == "money" and not q.relation
                         and not q.approx and q.role == "executed" and q.money_factor is not None
                         and q.parent is None and q_year_ok(report, q)]
                if len(cands) != 1:
                    break
                parts.append(cands[0])
            if len(parts) != len(fields):
                continue
            if any(f.field in fields and f.role == "executed" for f in facts):
                continue        # the table has the parts themselves: NC300 compares them one by one
            s = fsum(q_fig(p) for p in parts)
            if any(agree(s, t.fig) for t in tots):
                continue
            t = tots[0]
            shown = fmt(round(s.v, 2))
            yield ctx.finding(
                f"叙述中{what} = {' + '.join(p.display for p in parts)} = {shown}万元，与{t.form or '自评表'}"
                f"「{t.row}」全年执行数 {t.text} 不一致",
                q_text(parts[0]), q_span(parts[0]),
                evidence={"parts": [f"{p.label} {p.display}" for p in parts], "implied_total": shown,
                          "table_total": t.text, "table_location": t.where(), "context": quantity_context(parts[0], 80)},
                suggestion="核对基本支出、项目支出与全年执行数；三者应满足 基本支出 + 项目支出 = 全年支出",
                related=[quantity_location(p) for p in parts[1:]] + [t.location],
            )
