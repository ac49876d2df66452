"""Narrative relations a reviewer computes in their head (NC305, NC357): a stated count
against the list that follows it, and a claim of completeness against a statement of
the opposite elsewhere in the report.

The relations themselves are read by understand/facts/relations.py (``list_counts``,
``claims``); these rules only decide what is worth a reviewer's time.  Both report at
most a warning: a count or a claim can be read more than one way.
"""
from __future__ import annotations

from ..understand.facts.relations import claims, list_counts
from .registry import rule


@rule("NC357", "list-count", "arithmetic", "warning",
      scope="narrative: a count (直属事业单位10个) followed by the list of its members")
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
      scope="narrative: 已全部拨付 / 全面完成 against a partial payment or unfinished works stated in the same report")
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
