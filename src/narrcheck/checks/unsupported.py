"""Claims with no number behind them (NC250–NC256).

The verdicts come from the shared analysis in ``vague.py`` (one verdict per
cell or clause across both families; see that module for the narrative
scope and the classifier's role)."""
from __future__ import annotations

from .registry import rule
from .vague import emit


@rule("NC250", "unsupported-claim", "unsupported", "warning",
      scope="实际完成值、年度总体目标实际完成情况、成效部分的叙述句子",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "target": "指标值", "goal": "年度目标", "value": "填写内容",
                "kind": ("类型", "kind"), "phrases": ("空泛词", "phrases"), "following_measured_sentences": "其后有数字的句数",
                "model_p": ("空泛概率（模型）", "prob"), "role": None, "sentence_measured": None})
def unsupported_claim(report, ctx):
    """成效主张没有数字支撑：“圆满完成各项任务”“取得明显成效”“达到年度目标”，或实际完成情况只写“已完成”。

    规则：实际完成值、年度总体目标的实际完成情况整格只有效果断言或程度词（没有任何度量信号），或整格就是
    “已完成/完成/达成”之类的完成声明，报告为 warning；结果部分正文中含效果断言（词典第 2 组）的分句没有度量信号
    时报告：整句没有数字为 warning，同句其他分句有数字（度量的是别的事项）为 info。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        | 目标 | 全年办理各类文件不少于6000件。 | 已完成 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        | 目标 | 全年办理各类文件不少于6000件。 | 全年办理各类文件7012件，整理档案1525件。 |
    """
    yield from emit(report, ctx, "NC250")


@rule("NC251", "qualitative-no-standard", "unsupported", "warning", scope="指标行：没有数字的年度指标值",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "kind": ("类型", "kind")})
def qualitative_no_standard(report, ctx):
    """定性指标没有分级标准：指标值是一句工作描述（“完成党务工会、应急管理等专项工作”），没有数值，也没有
    达成/部分达成/未达成的分档标准。

    规则：指标值没有数字和度量信号、不是空泛词或合规套话（由 NC200/NC203 报告）、也没有分档用语（达成、部分达成、
    未达成、优良中差、合格、是否，或声明的分档“有效/基本有效/无效”）；指标值是一项交付物（“建立县乡村三级路长制”）
    且实际完成值写明了数字（“设立路长1342名”）时也不报告：建成与否本身就是标准。时效、满意度和成本指标分别由 NC204、NC252、NC254 报告。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 专项工作 | 完成党务工会、应急管理、禁毒管理等专项工作 | 完成专项工作12项 | 10 | 10 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 专项工作完成率 | ≥95% | 100% | 10 | 10 |
    """
    yield from emit(report, ctx, "NC251")


@rule("NC252", "satisfaction-no-rate", "unsupported", "warning", scope="指标行：满意度指标",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "kind": ("类型", "kind"),
                "phrases": ("空泛词", "phrases")})
def satisfaction_no_rate(report, ctx):
    """满意度指标没有满意率：指标值或实际完成值写“满意”“得到一致肯定”“群众满意度高”，没有比率和调查方法。

    规则：满意度类指标（一级、二级指标或名称含“满意”）的指标值和实际完成值都没有百分比（或分数）时在指标值上报告；
    指标值有比率而实际完成值没有时在实际完成值上报告。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 群众满意度 | 是否得到人大代表一致肯定 | 得到了人大代表一致肯定 | 10 | 10 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥90% | 96.3%（问卷调查，有效问卷320份） | 10 | 10 |
    """
    yield from emit(report, ctx, "NC252")


@rule("NC253", "satisfaction-no-base", "unsupported", "info", scope="整份报告：满意度数字与问卷、调查、样本的说明",
      evidence={"indicator": "指标", "value": "填写内容", "searched": None})
def satisfaction_no_base(report, ctx):
    """满意度没有调查依据：报告给出了满意度比率，但全文没有提到问卷、调查、样本或抽样。

    规则：满意度指标或正文中有满意度百分比，而全文（正文和表格）没有“问卷、调查、样本、抽样、测评、回访、N份”。
    每份报告至多一条，位置指向第一个满意度数字。不完整的转载（meta.truncated）不报告：“全文没有”无从判断。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥95% | 96% | 10 | 10 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | ≥95% | 96%（问卷调查，有效问卷320份） | 10 | 10 |
    """
    if report.meta.truncated:       # "the whole text has no survey": the part cut off may have it
        return
    yield from emit(report, ctx, "NC253")


@rule("NC254", "cost-no-amount", "unsupported", "warning", scope="指标行：成本指标",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "kind": ("类型", "kind"),
                "phrases": ("空泛词", "phrases")})
def cost_no_amount(report, ctx):
    """成本指标没有金额：指标值写“按预算合理开支”“科学合理”之类，没有金额。

    规则：成本类指标的指标值和实际完成值都没有数字（合规套话由 NC203 报告，占位符由 NC180 报告）。

    错误示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 公用经费 | 保证公用经费支出科学合理，按预算合理开支 | 按预算合理开支，优化支出结构 | 10 | 10 |

    正确示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 公用经费 | ≤105万元 | 100.64万元 | 10 | 10 |
    """
    yield from emit(report, ctx, "NC254")


@rule("NC255", "activity-only", "unsupported", "info", scope="成效部分的叙述句子",
      evidence={"sentence": "原句", "phrases": ("空泛词", "phrases"), "verbs": ("动词", "list")})
def activity_only(report, ctx):
    """只罗列活动、没有结果：结果部分的句子以“召开、开展、组织、报送”等开头，没有数量也没有效果。

    规则：结果部分的句子，至少一半分句以活动动词开头（可带“一是、积极、认真”等前缀），整句没有度量信号，
    也没有效果断言（由 NC250 报告）。

    错误示例：
        四、部门整体支出绩效情况
        开展了安全生产检查，组织了业务培训。

    正确示例：
        四、部门整体支出绩效情况
        开展安全生产检查12次，发现并整改隐患35处；组织业务培训4期260人次。
    """
    yield from emit(report, ctx, "NC255")


@rule("NC256", "estimate-in-results", "unsupported", "warning",
      scope="成效和预算部分的叙述、实际完成值、实际完成情况",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "sentence": "原句", "kind": ("类型", "kind"),
                "phrases": ("空泛词", "phrases"), "verbs": ("动词", "list"), "approx": ("约数", "list")})
def estimate_in_results(report, ctx):
    """年终自评里写预计或将来时：“全年预计办理文件6205件”“其余2个将在12月份全面完成”；或用约数代替实际值。

    规则：结果和预算执行部分的句子、实际完成值和实际完成情况中出现“预计、将于、将在、计划于、争取、力争、拟于、
    有望”等，报告为 warning，依据中列出这些词；只有约数（约、近、余、多、左右加数字）时报告为 info。
    改进措施、目标部分的将来时不报告。

    错误示例：
        三、部门整体支出绩效情况
        全年预计办理文件6205件，其余2个项目将在12月份全面完成。

    正确示例：
        三、部门整体支出绩效情况
        截至12月31日，全年办理文件6205件，28个民生实事项目全部完成。
    """
    yield from emit(report, ctx, "NC256")
