"""False errors found by hand-judging narrcheck on the held-out set (corpora/judged): each must stay
silent, and the same sentence with a wrong figure must still be found."""
from __future__ import annotations

import pytest

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand
from conftest import check_edited

HEAD = "2020年度某县水利局部门整体支出绩效自评报告\n一、部门基本情况\n"


def _codes(body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(HEAD + body + "\n", path="x.txt"))
    return [(f.rule, f.severity) for f in run_checks(rep, Config(select=select))]


@pytest.mark.parametrize("body", [
    # the change after a 其中 list is the total's: 0.69 ÷ (9.36 + 0.69) = 6.87%
    "2020年“三公”经费支出9.36万元，其中公务接待费3.26万元、公务用车运行维护费6.10万元，较上年减少0.69万元，下降6.87%，无因公出国（境）费用。",
    "2020年“三公”经费支出14.26万元，其中公务接待费1.86万元、公务用车运行维护费12.40万元，较上年增加0.54万元，增长3.94%。",
])
def test_change_after_a_list_may_be_the_totals(body):
    assert _codes(body, ["NC354"]) == []


def test_change_after_a_list_wrong_on_both_readings_is_found():
    body = "2020年“三公”经费支出9.36万元，其中公务接待费3.26万元、公务用车运行维护费6.10万元，较上年减少0.69万元，下降4.87%。"
    assert ("NC354", "error") in _codes(body, ["NC354"])


def test_list_that_ended_before_a_new_clause_is_not_over_its_total():
    body = "完成食品安全监督抽检1265批次，其中国抽120批次、省抽385批次、县抽760批次，发现不合格样品23批次，核查处置率100%。"
    assert _codes(body, ["NC350"]) == []


def test_parts_over_the_total_are_still_found():
    body = "完成食品安全监督抽检1265批次，其中国抽120批次、省抽395批次、县抽790批次。"
    assert [c for c, _ in _codes(body, ["NC350"])] == ["NC350"]




def test_an_indicators_score_in_a_listing_is_not_the_total():
    body = ("二、绩效目标完成情况\n1.受益学生人数：年度指标值≥8700人，实际完成值8775人，分值15分，得分15分；"
            "2.供餐天数：年度指标值≥200天，实际完成值200天，分值10分，得分10分。")
    form = ("\n2020年度项目支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t数量指标\n\t受益学生人数\n\t≥8700人\n\t8775人\n\t15\n\t15\n\n"
            "\t总分\n\t\n\t\n\t\n\t\n\t100\n\t99.44\n")
    assert [c for c, _ in _codes(body + form, ["NC300"])] == []


def test_a_lead_in_naming_the_results_is_not_a_claim_that_all_were_met():
    form = ("\n2020年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t数量指标\n\t巡河覆盖率\n\t=100%\n\t98.5%\n\t10\n\t9.85\n")
    lead = "三、绩效目标完成情况\n各项绩效指标完成情况如下：1.巡河覆盖率：年度指标值=100%，实际完成值98.5%，分值10分，得分9.85分。"
    assert _codes(lead + form, ["NC304"]) == []
    claim = "三、绩效目标完成情况\n各项绩效指标全面完成。"
    assert [c for c, _ in _codes(claim + form, ["NC304"])] == ["NC304"]


def _batch(tmp_path, texts: dict[str, str], select: list[str]):
    from narrcheck.api import check_paths

    paths = []
    for name, body in texts.items():
        p = tmp_path / name
        p.write_text(body, encoding="utf-8")
        paths.append(str(p))
    return {r.path.rsplit("/", 1)[-1]: r.findings for r in check_paths(paths, Config(select=select)).results}


def test_the_conclusion_sentence_filled_with_each_units_score_is_not_copied(tmp_path):
    # J02 / J06 of corpora/judged: the template's conclusion sentence, each with its own score
    a = (HEAD.replace("某县水利局", "甲县人社局") + "本局内设股室8个。\n四、自评结论\n"
         "经自评，2019年度部门整体支出绩效自评得分99.67分，评价等级为“优”。\n")
    b = (HEAD.replace("某县水利局", "乙县卫健委") + "本委内设股室10个。\n四、自评结论\n"
         "经自评，2019年度部门整体支出绩效自评得分96.5分，评价等级为“优”。\n")
    found = _batch(tmp_path, {"a.txt": a, "b.txt": b}, ["NC151"])
    assert found == {"a.txt": [], "b.txt": []}


def test_a_problem_paragraph_copied_with_other_figures_is_still_copied(tmp_path):
    copied = ("五、存在的问题\n预算编制的精确性有待进一步提高，{n}个项目年中追加预算，基本支出、项目支出预算指标不能同时下达，"
              "存在调剂指标使用的情况，绩效目标设置不够细化量化。\n")
    a = HEAD.replace("某县水利局", "甲县人社局") + "本局内设股室8个。\n" + copied.format(n=3)
    b = HEAD.replace("某县水利局", "乙县卫健委") + "本委内设股室10个。\n" + copied.format(n=5)
    found = _batch(tmp_path, {"a.txt": a, "b.txt": b}, ["NC151"])
    assert [f.rule for f in found["a.txt"]] == ["NC151"] and [f.rule for f in found["b.txt"]] == ["NC151"]


TIER_FORM = ("\n2025年度项目支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
             "\t产出指标\n\t数量指标\n\t建成运营长者食堂\n\t≥12处\n\t12处\n\t10\n\t10\n\n"
             "\t效益指标\n\t可持续影响指标\n\t助餐服务规范化管理\n\t达成：12处全部执行《运营管理办法》；部分达成：9—11处；未达成：少于9处\n"
             "\t达到预期（12处全部执行《运营管理办法》）\n\t5\n\t5\n")


def test_a_tier_standard_quoted_in_the_narratives_list_of_indicators_is_not_a_repeat():
    # J10 of corpora/judged: the narrative lists each row "年度指标值…，实际完成值…"
    body = ("三、绩效目标实现情况\n（三）绩效指标完成情况。1.建成运营长者食堂：年度指标值≥12处，实际完成值12处，分值10分，得分10分；"
            "2.助餐服务规范化管理：年度指标值达成：12处全部执行《运营管理办法》；部分达成：9—11处；未达成：少于9处，"
            "实际完成值达到预期（12处全部执行《运营管理办法》），分值5分，得分5分。")
    assert _codes(body + TIER_FORM, ["NC150"]) == []


def test_the_tier_standard_pasted_as_a_problem_is_still_a_repeat():
    body = ("三、绩效目标实现情况\n（三）绩效指标完成情况。1.建成运营长者食堂：年度指标值≥12处，实际完成值12处。\n"
            "五、存在的问题\n达成：12处全部执行《运营管理办法》；部分达成：9—11处；未达成：少于9处。")
    assert [c for c, _ in _codes(body + TIER_FORM, ["NC150"])] == ["NC150"]


def _row(name: str, target: str, actual: str, level2: str = "社会效益指标") -> str:
    return ("\n2020年度项目支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            f"\t效益指标\n\t{level2}\n\t{name}\n\t{target}\n\t{actual}\n\t5\n\t5\n")


VAGUE_RULES = ["NC200", "NC203", "NC205", "NC206", "NC250", "NC251"]


@pytest.mark.parametrize("target,actual", [
    # J04: a 定性 row that declares its tiers and gives its evidence
    ("有效（分有效/基本有效/无效三档）", "有效（全年发布预警短信3.2万条，无人员伤亡）"),
    ("有效/基本有效/无效", "有效（全年发布预警短信3.2万条，无人员伤亡）"),
])
def test_a_declared_tier_standard_is_not_vague(target, actual):
    assert _codes("三、绩效目标完成情况\n全年完成投资1095.60万元。" + _row("山洪灾害预警信息发布", target, actual), VAGUE_RULES) == []


def test_a_tier_word_without_declared_tiers_is_still_vague():
    found = _codes("三、绩效目标完成情况\n全年完成投资1095.60万元。" + _row("山洪灾害预警信息发布", "有效", "有效"), VAGUE_RULES)
    assert ("NC200", "warning") in found


@pytest.mark.parametrize("name,target,actual,level2", [
    # J09 and J11: a deliverable (建立…制) and the actual saying what was built
    ("养护长效机制", "建立县乡村三级路长制", "已建立县乡村三级路长制，设立路长1342名", "可持续影响指标"),
    ("县级统管机制", "建立县级统管机制", "已建立县级统管机制，38座水站全部纳入统一运维", "可持续影响指标"),
])
def test_a_deliverable_target_with_evidence_has_its_standard(name, target, actual, level2):
    assert _codes("三、绩效目标完成情况\n全年完成投资1095.60万元。" + _row(name, target, actual, level2), ["NC251"]) == []


def test_a_deliverable_target_with_a_bare_actual_still_lacks_a_standard():
    found = _codes("三、绩效目标完成情况\n全年完成投资1095.60万元。" + _row("养护长效机制", "建立县乡村三级路长制", "已建立",
                                                       "可持续影响指标"), ["NC251"])
    assert [c for c, _ in found] == ["NC251"]


def test_a_total_over_100_has_no_grade_band():
    # J03: the total is over 100 (NC400's finding); the grade cannot be checked against a band
    body = ("四、自评结论\n经自评，2020年度部门整体支出绩效自评得分100.48分，评价等级为“优”。\n"
            "2020年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t质量指标\n\t森林火灾受害率\n\t≤0.9‰\n\t0.12‰\n\t10\n\t11\n\n"
            "\t总分\n\t\n\t\n\t\n\t\n\t100\n\t100.48\n")
    assert _codes(body, ["NC408"]) == []
    assert [c for c, _ in _codes(body.replace("100.48", "88.48"), ["NC408"])] == ["NC408"]


CANTEEN_FORM = ("\n2025年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
                "\t产出指标\n\t数量指标\n\t建成运营长者食堂\n\t≥12处\n\t12处\n\t10\n\t10\n")


def test_a_part_of_a_stated_whole_is_not_the_indicators_count():
    # J10: "12处长者食堂中11处全年持续运营" — 12 is the row's actual, 11 a part of it
    body = "三、绩效目标实现情况\n全年累计提供助餐服务19.6万人次，日均537人次；12处长者食堂中11处全年持续运营，持续运营率91.7%。"
    assert _codes(body + CANTEEN_FORM, ["NC303"]) == []
    wrong = "三、绩效目标实现情况\n全年累计提供助餐服务19.6万人次，建成运营长者食堂11处，持续运营率91.7%。"
    assert [c for c, _ in _codes(wrong + CANTEEN_FORM, ["NC303"])] == ["NC303"]


def _messages(body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(HEAD + body + "\n", path="x.txt"))
    return [(f.rule, f.message) for f in run_checks(rep, Config(select=select))]


def test_a_change_after_an_area_list_is_read_as_the_totals_first():
    # J12: 0.86 ÷ (4.06 − 0.86) = 26.88%, not 24.5%; the old message divided by the last part 2.36万亩
    wrong = "全年建成高标准农田4.06万亩，其中旱作梯田1.58万亩、水浇地2.36万亩，较上年增加0.86万亩，增长24.5%。"
    found = _messages(wrong, ["NC354"])
    assert [r for r, _ in found] == ["NC354"] and "26.88%" in found[0][1] and "4.06万亩 − 0.86万亩" in found[0][1]
    right = "全年建成高标准农田4.06万亩，其中旱作梯田1.70万亩、水浇地2.36万亩，较上年增加0.86万亩，增长26.88%。"
    assert _messages(right, ["NC354"]) == []


def test_lengths_listed_past_their_total_are_found():
    assert [r for r, _ in _messages("全年新修田间道路86公里，其中砂石路50公里、水泥路40公里。", ["NC350"])] == ["NC350"]
    assert _messages("全年新修田间道路86公里，其中砂石路46公里、水泥路40公里。", ["NC350"]) == []
    assert _messages("全年新修田间道路86公里，其中砂石路40公里、水泥路40公里。", ["NC350"]) == []


PROJECT_HEAD = "2019年度某县水利局项目支出绩效自评报告\n三、项目绩效目标完成情况\n"


def _project_codes(body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(PROJECT_HEAD + body + "\n", path="x.txt"))
    return [(f.rule, f.severity) for f in run_checks(rep, Config(select=select))]


def test_an_arrangement_sentence_is_not_a_vague_claim():
    # J11: who leads and on which principle the work proceeds; the model called it vague (0.95)
    body = "项目由县水利局牵头、县农村供水管理站具体实施，按“城乡同质、统建统管”原则推进。"
    assert _project_codes(body, ["NC205", "NC250"]) == []
    assert _project_codes("项目由县水利局负责，工作推进有力。", ["NC205", "NC250"]) == [("NC205", "info")]


def test_the_density_note_does_not_quote_a_sentence_another_finding_reports():
    # J09: the density note quoted the sentence NC250 reports ("…取得了良好的社会效益"): one spot, two findings
    from narrcheck.api import check_paths

    path = __import__("pathlib").Path(__file__).parents[1] / "corpora" / "judged" / "J09_2020_灵川县农村公路养护中心.txt"
    found = check_paths([str(path)], Config()).ok[0].findings
    claim = [f for f in found if f.rule == "NC250" and "良好的社会效益" in f.text]
    assert len(claim) == 1
    assert not [f for f in found if f.rule == "NC206" and "良好的社会效益" in f.text]
    # and not a heading with no vague word in it: the example shows what the note counts
    assert not [f for f in found if f.rule == "NC206" and f.text.startswith("（三）绩效指标完成情况")]


def test_the_density_note_quotes_an_unmeasured_sentence():
    # J10 (first judging): the note quoted a measured sentence, "12处长者食堂中11处…持续运营率91.7%"
    head = "2025年度某区民政局项目支出绩效自评报告\n三、绩效目标实现情况\n"
    body = ("全年累计提供助餐服务19.6万人次，日均537人次，服务质量显著提升，群众满意度明显提高，管理更加规范，运营持续向好；"
            "12处长者食堂中11处全年持续运营，持续运营率91.7%。助餐服务不断完善，老年人获得感明显增强。"
            "委托第三方开展食品安全抽检112批次，合格111批次，合格率99.1%。"
            + "全年新增助餐配送点8个，覆盖老年人1.2万人，配送餐食6.3万份，较上年增加1.1万份。" * 4)
    rep = understand(parse_text(head + body + "\n", path="x.txt"))
    found = run_checks(rep, Config(select=["NC206"]))
    assert [f.rule for f in found] == ["NC206"] and not found[0].text.startswith("全年累计提供助餐服务19.6万人次")


PLACEHOLDER_FORM = ("\n2025年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
                    "\t效益指标\n\t社会效益指标\n\t带动脱贫人口增收\n\t≥XX人\n\t1260人\n\t15\n\t15\n")


def test_a_form_placeholder_quoted_in_the_narratives_list_is_one_finding():
    # J03: the narrative lists the row "年度指标值≥XX人" and the form cell holds ≥XX人
    body = "三、绩效目标完成情况\n7.带动脱贫人口增收：年度指标值≥XX人，实际完成值1260人，分值15分，得分15分。"
    assert [c for c, _ in _codes(body + PLACEHOLDER_FORM, ["NC180"])] == ["NC180"]
    # a placeholder of the narrative's own is still found beside it
    own = "三、绩效目标完成情况\n全年带动脱贫人口XX人增收。"
    assert [c for c, _ in _codes(own + PLACEHOLDER_FORM, ["NC180"])] == ["NC180", "NC180"]


F_HEBEI = __import__("pathlib").Path(__file__).parent / "fixtures" / "mediocre" / "round2" / "F_hebei_laiyuan_yjj_2022.txt"


def _fixture_findings(tmp_path, path, *subs):
    from conftest import check_edited

    return check_edited(tmp_path, path, *subs)


def test_a_table_sum_that_adds_up_in_the_other_unit_is_a_warning_naming_both(tmp_path):
    # R-F3 of the mediocre key: 三公 2022年决算 "28500" in a 万元 table, parts 2.31 + 0 + 0.54 = 2.85
    found = _fixture_findings(tmp_path, F_HEBEI)
    slip = [x for f in found for x in [f] + f.also if x.rule == "NC351"]
    assert len(slip) == 1 and slip[0].severity == "warning" and "折合 2.85" in slip[0].message
    assert not [f for f in found if f.severity == "error" and f.rule == "NC351"]
    # one slip, one finding: the narrative's 2.85万元 against the cell is the same slip
    assert len([x for f in found for x in [f] + f.also if x.rule in ("NC351", "NC355")]) == 2
    assert len([f for f in found if f.rule in ("NC351", "NC355")]) == 1
    # a sum wrong in both units is still an error
    wrong = _fixture_findings(tmp_path, F_HEBEI, ("\t三公经费\n\t3.12\n\t3.50\n\t28500", "\t三公经费\n\t3.12\n\t3.50\n\t29500"))
    assert [f.severity for f in wrong if f.rule == "NC351"] == ["error"]


def test_a_control_rate_computed_upside_down_is_a_warning_naming_both_readings(tmp_path):
    # R-F2: 编制 28, 在职 27, 控制率 103.70% = 28 ÷ 27
    found = [f for f in _fixture_findings(tmp_path, F_HEBEI) if f.rule == "NC353"]
    assert [f.severity for f in found] == ["warning"] and "28 ÷ 27" in found[0].message
    wrong = [f for f in _fixture_findings(tmp_path, F_HEBEI, ("\t28\n\t27\n\t103.70%", "\t28\n\t27\n\t101.70%"))
             if f.rule == "NC353"]
    assert [f.severity for f in wrong] == ["error"]


LAYOUTS = __import__("pathlib").Path(__file__).parent / "fixtures" / "layouts"


def test_a_count_in_the_points_column_is_a_misread_not_an_error():
    # layouts KEY item 6: the Guangdong header one cell short, read by the HTML reader out of line —
    # "得分 10 超过分值 8处" and the 总分 row's weight taken for its score
    from narrcheck.api import check_paths

    found = check_paths([str(LAYOUTS / "html" / "gd_2022_shuiwu_dept.html")], Config()).ok[0].findings
    assert [f.rule for f in found if f.severity == "error"] == []
    # the header is now aligned with its rows by content (forms[].read.offset), so the misread
    # total is gone altogether, not only capped
    assert [f for f in found if f.rule == "NC001"] == []
    # a score over its weight in points is still an error
    over = check_paths([str(LAYOUTS / "html" / "hb_2023_yanglao.html")], Config(select=["NC400"])).ok[0].findings
    assert [(f.rule, f.severity) for f in over] == [("NC400", "error")]


DEPT_HEAD = "2025年度某县林业和草原局部门整体支出绩效自评报告\n一、部门基本情况\n"


@pytest.mark.parametrize("body", [
    # J02, J04, J07, J08 controls: the parts add up
    "本部门核定编制56名，2025年末实有人员55人，其中行政17人、事业38人。",
    "本部门核定编制56名，2025年末实有人员55人，其中行政17人、事业30人、工勤8人。",
])
def test_staff_by_category_that_add_up_are_silent(body):
    rep = understand(parse_text(DEPT_HEAD + body + "\n", path="x.txt"))
    assert run_checks(rep, Config(select=["NC350"])) == []


def test_staff_by_category_short_of_the_head_count_is_a_warning():
    # J03-D1: 14 + 20 = 34, not 39
    rep = understand(parse_text(DEPT_HEAD + "本部门核定编制36名，2025年末实有人员39人，其中行政14人、事业20人。\n", path="x.txt"))
    found = run_checks(rep, Config(select=["NC350"]))
    assert [(f.rule, f.severity) for f in found] == [("NC350", "warning")] and "34人" in found[0].message


def test_full_benefit_marks_beside_works_not_finished_are_questioned(tmp_path):
    src = __import__("pathlib").Path(__file__).parent / "fixtures" / "relations" / "full_marks_low_rate_good.txt"
    found = _fixture_findings(tmp_path, src, ("剩余资金为结余。", "剩余资金为结余。东坪村1座蓄水池暂未完工。"))
    assert [(f.rule, f.severity) for f in found if f.rule == "NC307"] == [("NC307", "warning")]


def test_an_unfinished_section_named_as_what_is_paid_for_is_not_the_works_state(tmp_path):
    # corpora/fixtures hb_2023_qingfeng: "未支付的72.10万元为…机耕道路未完工路段的工程款"
    src = __import__("pathlib").Path(__file__).parent / "fixtures" / "relations" / "full_marks_low_rate_good.txt"
    found = _fixture_findings(tmp_path, src, ("剩余资金为结余。", "未支付的72.10万元为工程质量保证金和机耕道路未完工路段的工程款。"))
    assert [f.rule for f in found if f.rule == "NC307"] == []


@pytest.mark.parametrize("year,text,right", [
    # J01-D5: the change in the next sentence names its subject (收入), the total stated before its list
    ("2020", "（一）收入情况。2020年度收入合计2900.00万元，其中财政拨款收入2856.40万元、其他收入43.60万元。"
             "收入较上年增加249.70万元，增长{r}，主要是高标准农田建设资金增加。", "9.42%"),
    # J02-D2: after the list, the last part's reading is impossible (12.80 − 257.89 < 0): the total's is left
    ("2019", "（一）收入情况。2019年度收入合计3133.35万元，其中财政拨款收入3120.55万元、其他收入12.80万元，"
             "较上年增加257.89万元，增长{r}。增加的主要原因是就业补助资金增加。", "8.97%"),
])
def test_a_change_read_against_the_total_it_belongs_to(year, text, right):
    def found(r):
        rep = understand(parse_text(f"{year}年度某县农业农村局部门整体支出绩效自评报告\n二、部门收支情况\n"
                                    + text.format(r=r) + "\n", path="x.txt"))
        return [(f.rule, f.severity) for f in run_checks(rep, Config(select=["NC354"]))]
    assert found("8.61%" if year == "2020" else "8.24%") == [("NC354", "error")]
    assert found(right) == []


def test_a_rate_that_fits_the_parts_of_a_wrong_total_is_not_a_second_error():
    # J04: 支出合计9960.69 is off its parts (9900.69, NC350); 410.51 ÷ (9900.69 + 410.51) = 3.98% is right
    body = ("（二）支出情况。2020年度支出合计9960.69万元，其中基本支出2387.81万元（人员经费1985.64万元、公用经费402.17万元），"
            "项目支出7512.88万元。支出较上年减少410.51万元，下降{r}。")
    assert [c for c, _ in _codes(body.format(r="3.98%"), ["NC354", "NC350"])] == ["NC350"]
    assert ("NC354", "error") in _codes(body.format(r="4.38%"), ["NC354"])


def test_a_department_form_without_only_a_cost_row_is_a_note():
    # J02/J03/J06 of corpora/judged: 部门整体 forms with every category but 成本 (debatable as warnings)
    from narrcheck.api import check_paths

    path = __import__("pathlib").Path(__file__).parents[1] / "corpora" / "judged" / "J02_2019_荆门市东宝区人力资源和社会保障局.txt"
    found = [f for f in check_paths([str(path)], Config(select=["NC185"])).ok[0].findings]
    assert [(f.rule, f.severity) for f in found] == [("NC185", "info")]
    # a project form without 成本 is still a warning
    form = ("2023年度项目支出绩效自评报告\n一、项目概况\n培训230人次。\n2023年度项目支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 230人次 | 30 | 30 |\n"
            "| 产出指标 | 质量指标 | 考核合格率 | ≥90% | 94% | 20 | 20 |\n"
            "| 产出指标 | 时效指标 | 完成时间 | 2023年10月底前 | 2023年9月28日 | 10 | 10 |\n"
            "| 效益指标 | 社会效益指标 | 持证上岗率 | ≥85% | 88% | 30 | 30 |\n"
            "| 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10 |\n")
    rep = understand(parse_text(form, path="x.txt"))
    assert [(f.rule, f.severity) for f in run_checks(rep, Config(select=["NC185"]))] == [("NC185", "warning")]


@pytest.mark.parametrize("text,found", [
    # J10-D1 and J11-D4: the number before its noun, then 分别为 and one name short
    ("助餐服务对象分为三类，分别为特困老人、低保老人。", 1),
    ("本项目涉及8个乡镇，分别为华埠镇、马金镇、村头镇、池淮镇、桐村镇、杨林镇、苏庄镇。", 1),
    # controls J13-C2 and J10-C3, and the full list
    ("开设电工、焊工、育婴员、中式烹调师等4个工种，分别为电工、焊工、育婴员、中式烹调师。", 0),
    ("建成运营长者食堂12处，分别位于寒亭街道、开元街道、固堤街道、高里街道、朱里街道、双杨街道，每个街道2处。", 0),
    ("助餐服务对象分为三类，分别为特困老人、低保老人和高龄老人。", 0),
    ("全年开展培训3期，分别为3月、6月、9月。", 0),
])
def test_a_count_before_its_noun_and_the_list_that_follows(text, found):
    assert len(_project_codes(text, ["NC357"])) == found


def test_the_projects_own_score_is_its_total():
    # J09-D5: "经自评，本项目绩效自评得分96.33分" against the form's 97.83
    form = ("\n2020年度项目支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t数量指标\n\t日常养护农村公路里程\n\t≥1260公里\n\t1286公里\n\t100\n\t97.83\n\n"
            "\t总分\n\t\n\t\n\t\n\t\n\t100\n\t97.83\n")
    head = "2020年度某县农村公路养护中心项目支出绩效自评报告\n四、自评结论\n"
    rep = understand(parse_text(head + "经自评，本项目绩效自评得分96.33分，评价等级为“优”。" + form, path="x.txt"))
    assert [f.rule for f in run_checks(rep, Config(select=["NC300"]))] == ["NC300"]
    rep = understand(parse_text(head + "经自评，本项目绩效自评得分97.83分，评价等级为“优”。" + form, path="x.txt"))
    assert run_checks(rep, Config(select=["NC300"])) == []


@pytest.mark.parametrize("rate,found", [("97.8%", ["NC305"]), ("100%", [])])
def test_all_paid_against_the_forms_own_payment_rate(rate, found):
    # J07-D6: 低保资金已全部发放到户, while the form's 低保资金社会化发放率 is 97.8%
    body = "三、部门整体支出绩效情况\n全年累计发放城乡低保金13862.50万元。低保资金已全部发放到户。"
    form = ("\n2020年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            f"\t产出指标\n\t质量指标\n\t低保资金社会化发放率\n\t=100%\n\t{rate}\n\t10\n\t10\n")
    assert [c for c, _ in _codes(body + form, ["NC305"])] == found


def test_a_goal_to_pay_in_full_is_not_a_claim_that_it_was_paid():
    # mediocre round2 C: "（三）年度绩效目标 … 按时足额发放草原生态保护补助奖励资金" beside a 发放率 of 83.80%
    form = ("\n2024年度部门整体支出绩效自评表\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\n"
            "\t产出指标\n\t质量指标\n\t草原补奖资金发放率\n\t100%\n\t83.80%\n\t6\n\t6\n")
    goal = "（三）年度绩效目标\n完成人工造林3.2万亩以上；按时足额发放草原生态保护补助奖励资金。"
    assert _codes(goal + form, ["NC305"]) == []
    done = "三、部门整体支出绩效情况\n全年完成人工造林3.3万亩，草原生态保护补助奖励资金已足额发放。"
    assert [c for c, _ in _codes(done + form, ["NC305"])] == ["NC305"]


def test_a_policy_payment_ratio_is_not_the_moneys_progress(tmp_path):
    # 医保基金支付率45% is a ratio of the policy, not how far the year's money got
    src = __import__("pathlib").Path(__file__).parent / "fixtures" / "relations" / "full_marks_low_rate_good.txt"
    found = check_edited(tmp_path, src, ("剩余资金为结余。", "剩余资金为结余。受益群众门诊费用医保基金支付率45%。"))
    assert [f.rule for f in found if f.rule == "NC307"] == []
    found = check_edited(tmp_path, src, ("剩余资金为结余。", "剩余资金为结余。截至年底项目资金到位率45%。"))
    assert [f.rule for f in found if f.rule == "NC307"] == ["NC307"]
