"""False alarms found by hand-judging narrcheck on corpora/judged4 (verdicts/VERDICTS_final.md): each real passage
must stay silent, and a similar passage with a real problem must still be found."""
from __future__ import annotations

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = "宣州区2024年城镇老旧小区改造项目绩效自评报告\n一、项目概述\n"


def _codes(body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(HEAD + body + "\n", path="x.txt"))
    return [(f.rule, f.severity) for f in run_checks(rep, Config(select=select))]


# L11: the project form, one line per cell, total 99.01
_L11_FORM = ("\n宣州区2024年城镇老旧小区改造项目绩效目标自评表\n一级指标\n二级指标\n三级指标\n分值\n年度指标值\n全年实际值\n得分\n"
             "偏差原因分析及改进措施\n产出指标(50分)\n数量指标\n改造老旧小区\n8\n≥18个\n18个\n8\n—\n"
             "总分\n100\n99.01\n—\n")


def test_a_per_indicator_self_score_in_the_narrative_is_not_the_total():
    body = ("十、指标完成与得分对照\n"
            "改造老旧小区的年度指标值为≥18个，全年实际值为18个，分值8分，自评得分8分。\n"
            "改造雨污管网的年度指标值为≥12.5公里，全年实际值为11.8公里，分值6分，自评得分5.66分。\n"
            "小区居民满意度的年度指标值为≥90%，全年实际值为92.6%，分值10分，自评得分12分。")
    assert _codes(body + _L11_FORM, ["NC300"]) == []


def test_the_reports_self_score_in_the_narrative_is_still_compared():
    assert [c for c, _ in _codes("项目自评得分96.01分，自评等级“优”。" + _L11_FORM, ["NC300"])] == ["NC300"]
    # a weight of 100 is the report's own: its 自评得分 is the total
    body = "本项目分值100分，自评得分96.01分。"
    assert [c for c, _ in _codes(body + _L11_FORM, ["NC300"])] == ["NC300"]


# L07: the form row lost points for a cause only; the report's problems part names that deviation in its
# second item and the measures part answers it in its second item
_L07_FORM = ("\n附件：2025年度部门整体绩效目标自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
             "| 产出指标 | 数量指标 | 特困人员集中供养 | ≥520人 | 497人 | 6 | 5.73 | 部分特困人员选择分散供养，集中供养意愿下降。 |\n"
             "| 产出指标 | 数量指标 | 建成社区居家养老服务中心 | ≥12个 | 12个 | 6 | 6 | 无 |\n")
_L07_PROBLEMS = ("四、存在问题\n一是养老服务补贴拨付进度缓慢，受客观因素影响较大；二是特困人员集中供养率下降，乡镇敬老院床位利用率不高；"
                 "三是低保动态管理依赖人工入户核查，信息比对手段不足。\n")
_L07_MEASURES = ("五、改进措施\n一是2026年一季度完成全部补贴对象能力评估，补贴按季度拨付；二是推进乡镇敬老院区域性整合，提升护理能力；"
                 "三是接入省级社会救助信息核对平台，实现收入、车辆、房产信息自动比对。\n")


def test_a_deviation_answered_item_by_item_in_the_problems_and_measures_parts_has_a_measure():
    assert _codes(_L07_PROBLEMS + _L07_MEASURES + _L07_FORM, ["NC413"]) == []


def test_a_deviation_the_problems_part_does_not_name_still_lacks_a_measure():
    problems = _L07_PROBLEMS.replace("特困人员集中供养率下降，乡镇敬老院床位利用率不高", "临时救助审批时限偏长")
    assert [c for c, _ in _codes(problems + _L07_MEASURES + _L07_FORM, ["NC413"])] == ["NC413"]
    # named in the problems part, but the measures part has no item that answers it
    measures = _L07_MEASURES.replace("二是推进乡镇敬老院区域性整合，提升护理能力；三是接入省级社会救助信息核对平台，"
                                     "实现收入、车辆、房产信息自动比对。", "")
    assert [c for c, _ in _codes(_L07_PROBLEMS + measures + _L07_FORM, ["NC413"])] == ["NC413"]


def test_a_problem_item_naming_only_the_indicators_object_does_not_answer_its_cause():
    # judged2 H07: problem 一 is about late funds for 黑土地保护利用试点, the row's cause is a 长效管护机制 on trial
    form = ("\n附件：2019年度部门整体支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
            "| 效益指标 | 可持续影响指标 | 黑土地保护长效机制（达成/部分达成/未达成） | 达成 | 部分达成 | 10 | 9 | 长效管护机制尚在试行 |\n"
            "| 产出指标 | 数量指标 | 黑土地保护利用面积 | ≥10万亩 | 10.3万亩 | 10 | 10 | 无 |\n")
    problems = ("五、存在的问题及原因分析\n一是部分项目资金下达较晚，黑土地保护利用试点资金于当年8月才下达，影响了项目实施进度；"
                "二是基层农技推广人员不足，乡镇农业服务中心人员年龄偏大。\n")
    measures = "六、下一步改进措施\n一是加强与上级部门沟通，提前做好项目储备和实施方案编制；二是通过特岗计划等方式补充基层农技人员。\n"
    assert [c for c, _ in _codes(problems + measures + form, ["NC413"])] == ["NC413"]
    answered = problems.replace("部分项目资金下达较晚，黑土地保护利用试点资金于当年8月才下达，影响了项目实施进度",
                                "黑土地保护长效管护机制尚在试行，管护责任未落实到户")
    assert _codes(answered + measures + form, ["NC413"]) == []


# L11: a 合计 inside the 其中 list is the subtotal of the parts before it, not a third part
_L11_FUNDS = ("二、资金情况\n项目全年预算6420.00万元，其中中央和省级补助资金3480.00万元、区级配套1640.00万元，合计财政资金5120.00万元；"
              "居民出资及管线单位出资1300.00万元。全年执行5874.30万元，执行率91.50%。")


def test_a_subtotal_inside_a_list_is_not_summed_with_its_own_parts():
    assert _codes(_L11_FUNDS, ["NC350"]) == []


def test_a_wrong_subtotal_or_parts_past_the_total_are_still_found():
    wrong_sub = _L11_FUNDS.replace("合计财政资金5120.00万元", "合计财政资金5210.00万元")
    assert _codes(wrong_sub, ["NC350"]) == [("NC350", "error")]
    over = _L11_FUNDS.replace("全年预算6420.00万元", "全年预算5000.00万元")
    assert [c for c, _ in _codes(over, ["NC350"])] == ["NC350"]


# L05: 项目支出 written in 元 where its listed projects (and the total) say 万元
_L05_FUNDS = ("二、部门支出情况\n2024年部门支出合计10641.72万元。其中：基本支出1910.63万元（人员经费1642.18万元、公用经费268.45万元）；"
              "项目支出8731.09元，主要为洞庭湖区重点垸堤防加固3860.00万元、小型水库除险加固2145.60万元、农村供水保障工程1738.49万元、"
              "山洪灾害防治非工程措施412.00万元、河湖长制工作经费575.00万元。")


def test_a_total_written_in_yuan_for_wan_is_a_unit_slip_not_parts_past_the_total():
    assert _codes(_L05_FUNDS, ["NC350", "NC355"]) == [("NC355", "warning")]
    # its own list alone (no outer total): the slip is the total's
    own = "项目支出8731.09元，其中洞庭湖区重点垸堤防加固3860.00万元、小型水库除险加固2145.60万元、农村供水保障工程1738.49万元、" \
          "山洪灾害防治非工程措施412.00万元、河湖长制工作经费575.00万元。"
    assert _codes(own, ["NC350", "NC355"]) == [("NC355", "warning")]


def test_projects_past_their_stated_total_are_still_found():
    over = _L05_FUNDS.replace("项目支出8731.09元", "项目支出8731.09万元").replace("河湖长制工作经费575.00万元",
                                                                         "河湖长制工作经费975.00万元")
    assert ("NC350", "error") in _codes(over, ["NC350", "NC355"])


def _codes_year(head: str, body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(head + body + "\n", path="x.txt"))
    return [(f.rule, f.severity) for f in run_checks(rep, Config(select=select))]


_L07_HEAD = "夷陵区民政局2025年度部门整体支出绩效自评报告\n一、部门概况\n"


def test_a_change_against_a_named_earlier_year_takes_that_years_figure_as_the_base():
    body = "二、预算收支情况\n“三公”经费支出9.84万元，较2024年的10.62万元减少0.78万元，下降7.34%。"
    assert _codes_year(_L07_HEAD, body, ["NC354"]) == []


def test_a_wrong_rate_against_a_named_earlier_year_is_still_found():
    body = "二、预算收支情况\n“三公”经费支出9.84万元，较2024年的10.62万元减少0.78万元，下降8.34%。"
    assert [c for c, _ in _codes_year(_L07_HEAD, body, ["NC354"])] == ["NC354"]


_L10_FORM = ("2021年度项目支出绩效自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分系数（%） | 得分 |\n"
             "| 效益指标 | 经济效益指标 | 带动农户户均增收 | ≥3000元 | 2650元 | 15 | 88 | {score} |\n")


def test_a_coefficient_that_is_the_rounded_completion_ratio_is_not_a_wrong_score():
    # L10: 2650 / 3000 = 88.33%, written 88; 88.33% × 15 = 13.25
    assert _codes_year("", _L10_FORM.format(score="13.25"), ["NC409"]) == []


def test_a_score_matching_neither_the_coefficient_nor_the_ratio_is_still_found():
    assert [c for c, _ in _codes_year("", _L10_FORM.format(score="13.5"), ["NC409"])] == ["NC409"]


_L14_HEAD = "偃师区城乡环卫一体化保洁服务项目2023年度绩效自评报告\n一、项目概况\n"
_L14_FORM = ("\n2023年度项目支出绩效自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 效益指标 | 社会效益指标 | 垃圾乱堆乱放点位 | ≤20处 | 12处 | 15 | 15 |\n"
             "| 总分 | 15 | 15 |\n")


def test_the_starting_value_of_a_stated_change_is_not_the_years_actual():
    body = "三、绩效情况\n从效益看，全区垃圾乱堆乱放点位由年初排查的47处减少到年底的12处。"
    assert _codes_year(_L14_HEAD, body + _L14_FORM, ["NC303"]) == []


def test_a_stated_count_other_than_the_actual_is_still_compared():
    body = "三、绩效情况\n从效益看，年底全区垃圾乱堆乱放点位15处。"
    assert [c for c, _ in _codes_year(_L14_HEAD, body + _L14_FORM, ["NC303"])] == ["NC303"]


_H03_HEAD = "某县林业局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n"


def test_a_sentence_giving_the_cause_of_the_excess_over_the_authorized_staff_explains_it():
    # judged2 H03
    body = ("局机关内设办公室、资源管理股等6个股室，下辖林业站13个。核定编制92名，2022年末实有人数95人，其中行政编制人员30人、"
            "事业编制人员65人。因乡镇林业站改革过渡期人员尚未完全分流，年末实有人数超出核定编制。")
    assert _codes_year(_H03_HEAD, body, ["NC358"]) == []


def test_the_excess_stated_without_its_cause_is_still_found():
    body = ("局机关内设办公室、资源管理股等6个股室，下辖林业站13个。核定编制92名，2022年末实有人数95人，其中行政编制人员30人、"
            "事业编制人员65人。年末实有人数超出核定编制。")
    assert [c for c, _ in _codes_year(_H03_HEAD, body, ["NC358"])] == ["NC358"]


_H15_FORM = ("2023年度项目支出绩效自评表\n"
             "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
             "| 产出指标 | 成本指标 | 日常养护单位成本 | ≤6000元/公里·年 | {actual} | 10 | 10 |\n")


def test_a_measured_value_meeting_its_ceiling_exactly_is_not_a_near_copy():
    # judged2 H15: 1474.80万元 / 2458公里 = 6000元, stated in the narrative
    assert _codes_year("", _H15_FORM.format(actual="6000元/公里·年"), ["NC102"]) == []


def test_a_text_actual_that_restates_its_target_is_still_a_near_copy():
    form = _H15_FORM.replace("≤6000元/公里·年", "日常养护单位成本控制在每公里每年6000元以内").format(
        actual="日常养护单位成本控制在了每公里每年6000元以内")
    assert [c for c, _ in _codes_year("", form, ["NC102", "NC101"])] != []


_H07_NAME_FORM = ("2019年度部门整体支出绩效自评表\n"
                  "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
                  "| 效益指标 | 可持续影响指标 | 试点区耕地质量{noun}提升 | ≥0.1等 | 0.12等 | 10 | 10 |\n")


def test_a_name_that_names_the_scale_of_its_numeric_target_is_not_vague():
    # judged2 H07: the grade of farmland quality rises by ≥0.1 grade
    assert _codes_year("", _H07_NAME_FORM.format(noun="等级"), ["NC201"]) == []


def test_a_vague_name_with_a_number_of_another_scale_is_still_vague():
    assert [c for c, _ in _codes_year("", _H07_NAME_FORM.format(noun="").replace("0.1等", "0.1个").replace(
        "0.12等", "0.12个"), ["NC201"])] == ["NC201"]
