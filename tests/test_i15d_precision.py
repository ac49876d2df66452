"""Issue 15 (helper i15d): precision of the wording rules and info findings, found on the
development sets corpora/judged5 (and judged4/judged3).  Each fix is for a general cause (a
section role, a sentence role, one problem one finding); each test has the real passage that
must stay silent and a similar passage that must still fire."""
from __future__ import annotations

from narrcheck.api import check_report
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand


def _rep(text: str, path: str = "x.txt"):
    return understand(parse_text(text, path=path))


def _fired(text: str, *codes: str) -> list:
    return list(check_report(_rep(text), Config(select=list(codes))))


def _texts(text: str, code: str = "NC205") -> list[str]:
    return [f.text for f in _fired(text, code)]


# -- NC205: items of a list of planned tasks are not claimed results ------------------------------

# judged5 M11 (丰溪县农业农村局), section （三）年度主要工作任务
M11_TASKS = ("2021年我局围绕巩固拓展脱贫攻坚成果同乡村振兴有效衔接，确定了五项重点任务：一是稳定粮食播种面积，落实耕地地力"
             "保护补贴政策；二是实施高标准农田建设项目，新建高标准农田2.6万亩；三是抓好非洲猪瘟等重大动物疫病防控，做到应免尽免；"
             "四是开展农产品质量安全例行监测，全年抽检样品不少于1200批次；五是持续推进农村人居环境整治，开展村庄清洁行动。")

DEPT = """丰溪县农业农村局2021年度部门整体支出绩效自评报告
一、部门基本情况
（三）{sec1}
{p1}
三、部门整体支出绩效情况
{p3}
五、存在的问题
{p5}
"""


def _dept(p1: str = "全年完成疫苗接种4.6万剂次。", p3: str = "全年开展培训12期，培训520人次。",
          p5: str = "一是县级缺少专业维护人员3名。", sec1: str = "年度主要工作任务") -> str:
    return DEPT.format(sec1=sec1, p1=p1, p3=p3, p5=p5)


def test_items_of_a_planned_task_list_are_silent():
    assert _texts(_dept(p1=M11_TASKS)) == []
    # the same list under a heading of no known role (judged3 K03 "年度重点任务是：…"): the lead makes it a plan
    assert _texts(_dept(p1="年度重点任务是：深化商事制度改革，推进“证照分离”改革全覆盖；五是持续推进农村人居环境整治。",
                        sec1="部门概况补充")) == []


def test_a_vague_item_of_a_list_of_targets_still_fires():
    # tests/fixtures/mediocre E (R-E11): a target is to be measurable; 绩效目标 is not a list of tasks
    targets = ("1.城乡居民基本医疗保险参保人数不少于38万人，基本医保参保率稳定在95%以上；\n"
               "4.进一步提升医保经办服务水平。")
    assert _texts(_dept(p1=targets, sec1="部门整体支出绩效目标")) == ["4.进一步提升医保经办服务水平。"]
    assert _texts(_dept(p1=targets, sec1="年度主要工作任务")) == []


def test_the_same_items_told_as_results_still_fire():
    # without the task lead, in the results section, "持续推进" with no measure is a vague claim
    assert any(t.startswith("五是持续推进") for t in _texts(_dept(p3=M11_TASKS.split("：", 1)[1])))


def test_a_claim_after_the_end_of_the_task_list_still_fires():
    text = _dept(p1=M11_TASKS, sec1="年度主要工作任务及完成情况", p3="全年开展培训12期。")
    text = text.replace("开展村庄清洁行动。", "开展村庄清洁行动。截至年底，农村人居环境明显改善。")
    assert _texts(text) == ["截至年底，农村人居环境明显改善。"]


def test_a_sentence_of_what_will_be_done_next_is_a_plan():
    # judged3 K03: an improvement measure under a heading the reader did not recognise (so read as results)
    assert _texts(_dept(p3="全年开展培训12期。下一步将进一步加强项目资金监管。")) == []
    assert _texts(_dept(p3="全年开展培训12期。进一步加强了项目资金监管。")) != []


# -- NC205: an honest problem statement is not a hollow claim -------------------------------------

def test_a_problem_naming_its_own_weakness_is_silent():
    for p5 in ("一是部分项目绩效目标设置不够细化，个别指标以定性描述为主，量化程度不高；",   # judged5 M03
               "保教质量仍需提高；",                                                        # judged5 M05
               "三是部分立档单位档案移交意识不强，移交进度不一。",                            # judged5 M07
               "三是基层农技人员力量相对薄弱，项目跟踪管理不够到位。"):                      # judged5 M11
        assert _texts(_dept(p5=p5)) == [], p5


def test_a_problem_blaming_an_unnamed_cause_still_fires():
    # judged4 L07 (planted L07-D6, a generic cause): the problem names no cause it could act on
    assert _texts(_dept(p5="一是养老服务补贴拨付进度缓慢，受客观因素影响较大；")) != []


# -- one problem, one finding: a vague word inside a repeated passage -----------------------------

# judged5 M12 (湘溪县人力资源和社会保障局): the paragraph pasted into 三 and 四
M12_PARA = ("我局始终坚持把稳就业作为人社工作的首要任务，围绕“就业优先”政策，落实援企稳岗、创业担保贷款和职业技能提升行动，"
            "全力保障重点群体就业。")
M12 = f"""湘溪县人力资源和社会保障局2019年度部门整体支出绩效自评报告
一、部门概况
全局实有在职人员39人。
三、部门整体绩效目标完成情况
{M12_PARA}
全年城镇新增就业3120人。
四、自评结论
{M12_PARA}
"""


def test_a_vague_word_in_a_pasted_copy_is_carried_by_the_repetition():
    # judged5 M12 #3/#5: the one pasted sentence noted at both copies; NC150 carries both notes
    found = _fired(M12, "NC150", "NC205")
    assert [f.rule for f in found] == ["NC150"]
    assert sorted(x.location.section[:2] for x in found[0].also) == ["三、", "四、"]


def test_the_same_vague_sentence_once_is_reported_on_its_own():
    once = M12.replace("四、自评结论\n" + M12_PARA, "四、自评结论\n本局2019年度自评得分92分。")
    assert [f.rule for f in _fired(once, "NC150", "NC205")] == ["NC205"]


def test_a_vague_sentence_noted_at_one_copy_only_stays_on_its_own():
    # the passage pasted from the overview (a section not read for claims) into the results: the note
    # is the only report of that sentence, not a second one
    text = M12.replace("三、部门整体绩效目标完成情况\n" + M12_PARA,
                                                           "二、部门职能\n" + M12_PARA)
    found = _fired(text, "NC150", "NC205")
    assert sorted(f.rule for f in found) == ["NC150", "NC205"] and not any(f.also for f in found)


# -- NC202: a goal clause whose measure is a row of the same form ---------------------------------

# judged5 M09 (上海市临港河区统计局): the goal "统计数据按时上报" and the row 统计数据按时上报率 | 100%
M09_FORM = """上海市临港河区统计局2020年度部门整体支出绩效自评报告
2020年度部门整体支出绩效自评表
| 年度总体目标 | 预期目标 | 实际完成情况 |
| 目标 | 完成国家和市统计调查任务，组织完成第七次全国人口普查现场登记，统计数据按时上报。 | 完成统计调查项目38项，人口普查入户登记8.74万户。 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 完成统计调查项目 | ≥36项 | 38项 | 10 | 10 |
| 产出指标 | 质量指标 | 统计数据上报差错率 | ≤0.5% | 0.2% | 10 | 10 |
| 产出指标 | 时效指标 | {name} | 100% | 100% | 10 | 10 |
"""


def test_a_goal_clause_named_by_a_measured_row_is_silent():
    assert _texts(M09_FORM.format(name="统计数据按时上报率"), "NC202") == []


def test_a_goal_clause_no_row_measures_still_fires():
    # 统计数据上报差错率 measures errors, not timeliness; no other row names the clause
    assert _texts(M09_FORM.format(name="普查数据汇总完成率"), "NC202") == ["统计数据按时上报。"]


# -- NC250: "产出指标全部完成" is a claim about the form's rows -----------------------------------

# judged5 M06 (白音河旗水利局), 三、绩效目标完成情况
M06 = """白音河旗水利局2019年度中小河流水文监测设施建设项目支出绩效自评报告
三、绩效目标完成情况
{claim}，单站建设成本28.73万元，低于30万元的控制标准。
"""


def test_a_claim_that_the_forms_indicators_were_met_is_not_unsupported():
    assert _texts(M06.format(claim="项目产出指标全部完成"), "NC250") == []


def test_a_claim_of_done_work_with_no_figure_still_fires():
    assert _texts(M06.format(claim="项目建设任务全部完成"), "NC250") != []


def test_a_sentence_with_another_claim_beside_it_is_still_reported():
    # judged5 M19: "各项绩效指标全部完成，项目实施成效显著，发挥了积极作用。" is reported as before
    assert _texts(M06.format(claim="项目产出指标全部完成，项目实施成效显著"), "NC250") != []


# -- NC188: a weightless 其中 sub-row is a breakdown, not an indicator ------------------------------

# judged5 M15 (淮川县农业农村局): "其中：新建户厕 2180户" under 改造农村户用厕所
M15_FORM = """2020年度项目支出绩效目标自评表
| 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |
| 产出指标 | 数量指标 | 改造农村户用厕所 | 10 | ≥3200户 | 3260户 | 10 |
| 产出指标 | 数量指标 | {sub} | {w} | 2180户 | | {sc} |
| 产出指标 | 数量指标 | 整村推进示范村 | 8 | ≥12个 | 12个 | 8 |
| 产出指标 | 数量指标 | 问题厕所排查整改 | 8 | ≥300户 | 315户 | 8 |
| 产出指标 | 质量指标 | 改厕质量验收合格率 | 8 | ≥95% | 96.8% | 8 |
| 效益指标 | 社会效益指标 | 农村卫生厕所普及率 | 8 | ≥85% | 86.2% | 8 |
"""


def test_an_empty_actual_on_a_weightless_breakdown_row_is_silent():
    assert _texts(M15_FORM.format(sub="其中：新建户厕", w="", sc=""), "NC188") == []


def test_an_empty_actual_on_an_indicator_row_still_fires():
    assert _texts(M15_FORM.format(sub="新建户厕", w="", sc=""), "NC188") == ["新建户厕"]
    assert _texts(M15_FORM.format(sub="其中：新建户厕", w="6", sc="0"), "NC188") == ["其中：新建户厕"]


# -- NC200: the tier phrase of a 定性 row with its tiers declared ------------------------------------

# judged5 M19 (竹岭县): 乡镇水环境质量改善 | 达成年度指标（定性：达成/部分达成/未达成）
M19_FORM = """项目绩效目标自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
| 效益指标 | 生态效益指标 | 乡镇生活污水集中处理率 | ≥60% | 63.2% | 15 | 15 | 无 |
| 效益指标 | 生态效益指标 | 乡镇水环境质量改善 | {target} | 达成年度指标 | 15 | 15 | 无 |
| 满意度指标 | 服务对象满意度指标 | 周边群众满意度 | ≥90% | 92% | 10 | 10 | 无 |
"""


def test_a_tier_target_with_declared_tiers_is_not_vague():
    found = _fired(M19_FORM.format(target="达成年度指标（定性：达成/部分达成/未达成）"), "NC200", "NC251")
    assert found == []


def test_a_tier_target_without_tiers_still_fires():
    assert _fired(M19_FORM.format(target="达成年度指标（水质明显改善）"), "NC200", "NC251") != []


# -- NC251: a target that names an authority's requirement, met on a stated date --------------------

# judged5 M09: 普查数据按期上报 | 按国家普查办要求上报 | 12月31日前完成快速汇总上报
M09_ROWS = """2020年度项目支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 普查入户登记户数 | ≥8.6万户 | 8.74万户 | 10 | 10 |
| 效益指标 | 社会效益指标 | 普查数据按期上报 | {target} | {actual} | 10 | 10 |
| 满意度指标 | 服务对象满意度指标 | 普查对象满意度 | ≥90% | 90.8% | 10 | 10 |
"""


def test_an_authoritys_requirement_met_on_a_date_is_a_standard():
    assert _fired(M09_ROWS.format(target="按国家普查办要求上报", actual="12月31日前完成快速汇总上报"), "NC251") == []


def test_a_requirement_of_no_one_or_an_undated_actual_still_fires():
    assert _texts(M09_ROWS.format(target="按普查要求上报", actual="12月31日前完成快速汇总上报"), "NC251") \
        == ["按普查要求上报"]
    assert _texts(M09_ROWS.format(target="按国家普查办要求上报", actual="已上报"), "NC251") == ["按国家普查办要求上报"]


# -- NC406: full marks below target on a 得分系数 form: the row's coefficient gives the score ---------

# judged5 M14 (云岭县教育体育局, 附件3 得分系数): 资金拨付及时率 ≥95% | 90% | 10 | 90 | 10
M14_FORM = """2022年度项目支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 年度目标值 | 全年实际值 | 分值 | 得分系数（%） | 得分 |
| 产出指标 | 数量指标 | 受益学生人数 | ≥12400人 | 12506人 | 10 | 100 | 10 |
| 产出指标 | 时效指标 | 资金拨付及时率 | ≥95% | 90% | 10 | {coef} | 10 |
"""


def test_full_marks_below_target_names_the_rows_coefficient():
    found = _fired(M14_FORM.format(coef="90"), "NC406")
    assert len(found) == 1 and found[0].evidence["computed_score"] == "9"
    assert "得分系数 90" in found[0].message


def test_full_marks_with_a_full_coefficient_keeps_the_proportional_score():
    # the coefficient 100 is itself wrong: the score by the rule is 10 × 90 ÷ 95
    found = _fired(M14_FORM.format(coef="100"), "NC406")
    assert len(found) == 1 and found[0].evidence["computed_score"] == "9.47"
