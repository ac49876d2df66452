"""Precision of the figure and narrative rules on judged5 (issue 15, helper i15c): each false alarm's
real passage must stay silent, and the same passage with a wrong figure must still be found, with the
right figures in its message."""
from __future__ import annotations

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = "2020年度某县农业农村局部门整体支出绩效自评报告\n一、部门基本情况\n"


def _findings(body: str, select: list[str], head: str = HEAD):
    rep = understand(parse_text(head + body + "\n", path="x.txt"))
    return list(run_checks(rep, Config(select=select)))


def _codes(body: str, select: list[str], head: str = HEAD) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in _findings(body, select, head)]


# --- NC350: a unit standard is a rate, not a part of the amount (judged5 M04) ---------------------------

def test_a_unit_standard_is_not_a_part_of_the_amount():
    body = "项目下达资金560.00万元，其中中央补助资金400.00万元、省级资金160.00万元，按每座1600元标准补助，3500座共计560.00万元。"
    assert _codes(body, ["NC350"]) == []


def test_a_standard_written_as_补助标准为每户_is_not_a_part():
    body = "项目资金560.00万元，其中中央补助400.00万元、省级资金160.00万元，补助标准为每户1600元。"
    assert _codes(body, ["NC350"]) == []


def test_parts_beside_a_standard_over_the_total_are_found_with_their_own_sum():
    body = "项目下达资金560.00万元，其中中央补助资金400.00万元、省级资金180.00万元，按每座1600元标准补助，3500座共计560.00万元。"
    fs = _findings(body, ["NC350"])
    assert [(f.rule, f.severity) for f in fs] == [("NC350", "error")]
    assert "580万元" in fs[0].message or "580.00万元" in fs[0].message
    assert "580.16" not in fs[0].message


# --- NC350: the sub-items of a part are not added beside it (judged5 M05) ------------------------------

M05 = ("2022年部门收入14,652.30万元，其中财政拨款收入14,418.30万元，上级补助收入234.00万元。全年支出14,236.85万元，"
       "较上年的13,520.60万元增加716.25万元，增长5.30%。其中基本支出11,042.67万元，占77.56%（人员经费10,318.25万元，"
       "公用经费724.42万元）；项目支出3194.18万元。")


def test_a_bracketed_breakdown_after_a_parts_share_belongs_to_that_part():
    assert _codes(M05, ["NC350"]) == []


def test_a_wrong_bracketed_breakdown_after_a_share_is_found_against_its_part():
    fs = _findings(M05.replace("10,318.25", "10,418.25"), ["NC350"])
    assert [(f.rule, f.severity) for f in fs] == [("NC350", "error")]
    assert "11142.67" in fs[0].message or "11,142.67" in fs[0].message


def test_sub_items_listed_after_their_part_without_a_bracket_are_its_breakdown():
    body = ("全年支出14,236.85万元，其中基本支出11,042.67万元，人员经费10,318.25万元，公用经费724.42万元，"
            "项目支出3194.18万元。")
    assert _codes(body, ["NC350"]) == []


def test_parts_that_do_not_add_up_on_either_reading_are_found():
    body = ("全年支出14,336.85万元，其中基本支出11,042.67万元，人员经费10,318.25万元，公用经费724.42万元，"
            "项目支出3194.18万元。")
    assert ("NC350", "error") in _codes(body, ["NC350"])


# --- NC354: 较/比上年 + any short phrase + X names last year's figure (judged5 M02) -----------------------

M02 = ("项目全年预算320.00万元，其中省级补助资金300.00万元，村集体及受益群众自筹20.00万元。"
       "全年预算较上年投入的285.00万元增加35.00万元，增长{rate}。")


def test_the_figure_after_较上年投入的_is_last_years():
    assert _codes(M02.format(rate="12.28%"), ["NC354"]) == []


def test_a_wrong_growth_on_last_years_figure_is_found_with_the_right_base():
    fs = _findings(M02.format(rate="12.5%"), ["NC354"])
    assert [(f.rule, f.severity) for f in fs] == [("NC354", "error")]
    assert "285.00万元" in fs[0].message and "12.28%" in fs[0].message and "14%" not in fs[0].message


def test_比上年完成的_and_较2019年下达的_name_the_base_too():
    assert _codes("全年完成造林2.40万亩，比上年完成的2.00万亩增加0.40万亩，增长20%。", ["NC354"]) == []
    assert _codes("2020年下达资金560万元，较2019年下达的500万元增加60万元，增长12%。", ["NC354"]) == []
    assert ("NC354", "error") in _codes("2020年下达资金560万元，较2019年下达的500万元增加60万元，增长10.71%。",
                                        ["NC354"])


def test_a_conjunction_和上年_still_does_not_name_last_years_figure():
    # "和上年结转资金100万元" is this year's carry-over, listed with 和: not a comparison base
    from narrcheck.understand.quantities import extract_quantities
    qs = extract_quantities("本年财政拨款500万元和上年结转资金100万元。", 2020)
    assert [q.relation for q in qs] == ["", ""]


# --- NC300: a sub-source's execution rate is compared with that sub-source's row (judged5 M15) --------

FUNDS = ("\n2020年度项目支出绩效自评表\n| 项目资金（万元） | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
         "| 年度资金总额 | 860.00 | 812.34 | 10 | 94.46% | 9.45 |\n"
         "| 其中：财政资金 | 800.00 | 752.34 |  | 94.04% |  |\n"
         "| 其他资金 | 60.00 | 60.00 |  | 100% |  |\n")
PROJECT = "某县农业农村局2020年度农村人居环境整治（改厕）项目支出绩效自评报告\n一、项目基本情况\n"
M15 = "截至2020年12月31日，项目执行资金812.34万元，执行率94.46%，其中财政资金执行752.34万元，执行率{r}。\n"


def test_a_sub_sources_rate_after_the_totals_is_that_sources():
    assert _codes(M15.format(r="94.04%") + FUNDS, ["NC300"], PROJECT) == []


def test_a_sub_sources_rate_that_differs_from_its_own_row_is_found():
    fs = _findings(M15.format(r="95.04%") + FUNDS, ["NC300"], PROJECT)
    assert [f.rule for f in fs] == ["NC300"]
    assert "94.04%" in fs[0].message and "94.46%" not in fs[0].message


def test_the_totals_rate_after_a_list_of_sources_is_still_the_totals():
    body = ("截至2020年12月31日，项目执行资金812.34万元，其中财政资金752.34万元、其他资金60.00万元，"
            "执行率95.46%。\n")
    fs = _findings(body + FUNDS, ["NC300"], PROJECT)
    assert [f.rule for f in fs] == ["NC300"] and "94.46%" in fs[0].message


# --- NC301: a project form's own total is not the department form's total (judged5 M09) ---------------

DEPT_FORM = ("2020年度部门整体支出绩效自评表\n"
             "| 部门名称 | 某县统计局 | 自评总分 | {d} |\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 产出指标 | 数量指标 | 统计报表上报数量 | ≥120份 | 126份 | 90 | 90 |\n"
             "| 总分 |  |  |  |  | 100 | 99.77 |\n")
PROJECT_FORM = ("\n2020年度项目支出绩效自评表\n"
                "| 项目名称 | 第七次全国人口普查工作经费 | 自评总分 | 98.80 |\n"
                "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
                "| 产出指标 | 数量指标 | 普查小区数量 | ≥300个 | 312个 | 90 | 90 |\n")


def test_a_project_forms_total_is_not_compared_with_the_department_forms():
    assert _codes("全年工作顺利完成。\n" + DEPT_FORM.format(d="99.77") + PROJECT_FORM, ["NC301"]) == []


def test_a_department_forms_own_total_cells_that_disagree_are_found():
    fs = _findings("全年工作顺利完成。\n" + DEPT_FORM.format(d="98.77") + PROJECT_FORM, ["NC301"])
    assert [f.rule for f in fs] == ["NC301"]
    assert "99.77" in fs[0].message and "98.77" in fs[0].message and "98.80" not in fs[0].message


# --- NC002: the declared tier phrase as the actual is the tier reached, not a copy (judged5 M03) --------

TIER_FORM = ("\n2024年度部门整体支出绩效自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 效益指标 | 可持续影响指标 | {name} | 达成年度指标 | 达成年度指标 | 10 | 9 |\n"
             "| 总分 |  |  |  |  | 10 | 9 |\n")
HEAD24 = "2024年度某县林业局部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_a_declared_tier_phrase_with_a_shared_suffix_is_the_tier_reached():
    body = "全年工作顺利完成。" + TIER_FORM.format(name="林长制制度运行情况（达成/部分达成/未达成年度指标）")
    assert _codes(body, ["NC002"], HEAD24) == []


def test_the_same_phrase_copied_without_a_declared_scale_is_still_a_copy():
    body = "全年工作顺利完成。" + TIER_FORM.format(name="林长制制度运行情况")
    assert [c for c, _ in _codes(body, ["NC002"], HEAD24)] == ["NC002"]


# --- NC201: a name that names its scale or a thing set up is not a vague name (judged5 M01, M14) ------

NAME_FORM = ("\n2023年度部门整体支出绩效自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 效益指标 | 可持续影响指标 | {name} | {target} | {actual} | 15 | 15 |\n"
             "| 总分 |  |  |  |  | 15 | 15 |\n")
HEAD23 = "2023年度某县农业农村局部门整体支出绩效自评报告\n一、部门基本情况\n"


def _name_codes(name, target, actual):
    return [c for c, _ in _codes("全年工作顺利完成。" + NAME_FORM.format(name=name, target=target, actual=actual),
                                 ["NC201"], HEAD23)]


def test_a_name_holding_the_measure_word_of_its_target_names_its_scale():
    assert _name_codes("耕地质量等级提升", "≥0.5个等级", "0.5个等级") == []


def test_a_name_without_the_measure_word_of_its_target_is_still_vague():
    assert _name_codes("耕地质量提升", "≥0.5个等级", "0.5个等级") == ["NC201"]


def test_the_name_of_a_mechanism_is_an_ordinary_qualitative_name():
    assert _name_codes("营养改善计划长效管理机制", "建立食堂管理、陪餐、公示长效机制（达成/部分达成/未达成）",
                       "达成年度指标") == []


def test_a_verb_and_object_with_no_head_noun_is_still_vague():
    assert _name_codes("加强食堂长效管理", "建立食堂管理、陪餐、公示长效机制（达成/部分达成/未达成）",
                       "达成年度指标") == ["NC201"]


# --- NC182: a label written one cell per line has its value on the next line (judged5 M04) ------------

SIGN = "\n2020年度项目支出绩效自评表\n项目名称\n农村户厕改造项目\n项目负责人\n王志强\n联系电话\n{after}\n项目类别\n一次性项目\n"


def test_a_label_on_its_own_line_followed_by_its_value_is_filled():
    assert _codes("全年工作顺利完成。" + SIGN.format(after="0932-3216508"), ["NC182"]) == []


def test_a_label_on_its_own_line_followed_by_another_label_is_blank():
    fs = _findings("全年工作顺利完成。" + SIGN.format(after="填报日期："), ["NC182"])
    assert any(f.message.endswith("联系电话") for f in fs)


def test_a_label_with_its_colon_and_nothing_after_is_blank_whatever_line_follows():
    body = "全年工作顺利完成。\n填报人：\n联系电话：\n梅岭县人力资源和社会保障局\n"
    fs = _findings(body, ["NC182"])
    assert any("联系电话" in f.message for f in fs)


# --- NC413: a cause plus how it was handled is not a deviation without measure (judged5 M05) ----------

DEV_FORM = ("\n2022年度部门整体支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
            "| 产出指标 | 数量指标 | 受益学生人数 | ≥6150人 | 6082人 | 20 | 19.78 | {dev} |\n"
            "| 总分 |  |  |  |  | 20 | 19.78 |  |\n")
HEAD22 = "2022年度某县教育局部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_a_shortfall_paid_on_the_actual_count_is_handled():
    body = "全年工作顺利完成。" + DEV_FORM.format(dev="68名学生转学至县外，按实际在校人数发放")
    assert _codes(body, ["NC413"], HEAD22) == []


def test_a_cause_alone_still_lacks_a_measure():
    body = "全年工作顺利完成。" + DEV_FORM.format(dev="68名学生转学至县外，在校人数减少")
    assert [c for c, _ in _codes(body, ["NC413"], HEAD22)] == ["NC413"]


# --- NC358: the excess named in the problems part is acknowledged (judged5 M12) -----------------------

STAFF = ("2019年度某县人力资源和社会保障局部门整体支出绩效自评报告\n一、部门基本情况\n"
         "我局机关及所属县就业服务中心，核定编制38名，实有在职人员39人，退休人员17人。\n"
         "五、存在问题及改进措施\n（一）存在问题：一是{problem}；二是公用经费超预算。\n"
         "（二）改进措施：一是严格控制进人；二是从严编制公用经费预算。\n")


def test_an_excess_named_in_the_problems_part_is_acknowledged():
    assert _codes("", ["NC358"], STAFF.format(problem="在职人员超出核定编制，人员控制率未达标")) == []


def test_a_problems_part_about_other_things_does_not_explain_the_excess():
    assert [c for c, _ in _codes("", ["NC358"], STAFF.format(problem="职业技能培训进度滞后"))] == ["NC358"]


# --- more readings found on the earlier corpora (judged3 K01, K07, K12) ----------------------------------

HEAD21 = "2021年度某县林业局部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_a_comparison_with_last_year_after_a_list_is_the_totals():
    body = ("“三公”经费支出12.36万元，其中公务接待费3.12万元，公务用车运行维护费9.24万元，无因公出国（境）费用；"
            "较上年14.80万元下降{r}。")
    assert _codes(body.format(r="16.49%"), ["NC354"], HEAD21) == []
    fs = _findings(body.format(r="18.49%"), ["NC354"], HEAD21)
    assert [f.rule for f in fs] == ["NC354"] and "12.36万元" in fs[0].message and "9.24" not in fs[0].message


def test_a_clause_上年为_names_last_years_figure():
    body = "“三公”经费支出3.46万元，全部为公务用车运行维护费，上年为3.92万元，减少0.46万元，下降{r}；无公务接待费。"
    assert _codes(body.format(r="11.73%"), ["NC354"], HEAD21) == []
    assert ("NC354", "error") in _codes(body.format(r="13.73%"), ["NC354"], HEAD21)


def test_the_factor_of_a_product_is_not_a_part():
    body = "结余58.60万元，其中管护员空岗工资15.60万元（26人×6000元），上年结转资金43.00万元未使用。"
    assert _codes(body, ["NC350"], HEAD21) == []
    assert ("NC350", "error") in _codes(body.replace("43.00", "45.00"), ["NC350"], HEAD21)
