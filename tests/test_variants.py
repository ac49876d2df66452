"""Provincial variants the seeds do not show (tests/fixtures/variants/, see its
README): header wording, separate unit columns, adjusted targets, counts.
Each fixture is internally consistent except for the problems its README
lists, so every assertion here is either "this planted problem is found" or
"this correct figure is not flagged"."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config

VARIANTS = Path(__file__).parent / "fixtures" / "variants"


def rep(name):
    return load_report(str(VARIANTS / name))


def findings(name, select=None):
    r = rep(name)
    return r, check_report(r, Config(select=select) if select else Config())


def row(report, name):
    return next(x for x in report.indicators if x.label == name)


def test_adjusted_goal_header_is_a_goal_not_a_target():
    """福建: 年度总体目标 | 全年（调整）绩效目标 | 全年目标实际完成情况.  Read as an
    indicator target it made a phantom funds form and two false errors
    (NC001 97.03 vs 87.26, NC401 100 vs 90)."""
    r, fs = findings("fj_2021_sifa_dept.txt")
    kinds = sorted(f.kind for f in r.forms)
    assert kinds == ["funds", "goal", "indicator"]
    goal = next(f for f in r.forms if f.kind == "goal")
    assert [fld for fld, _text in goal.header.values()] == ["goal_target", "goal_actual"]
    assert [f for f in fs if f.rule in ("NC001", "NC401")] == []


def test_adjusted_indicator_value_is_what_is_scored():
    """山东: 年初指标值(A) ≥1200人次 | 全年（调整）指标值 ≥1000人次 | 1,050人次 | 15 | 15:
    the adjusted target is met, so full marks are right."""
    r, fs = findings("sd_2024_peixun_project.txt")
    x = row(r, "开展职业技能培训")
    assert x.target.raw.strip() == "≥1000人次" and x.actual.number == 1050
    assert not [f for f in fs if f.rule.startswith("NC40") and f.evidence.get("indicator") == "开展职业技能培训"]


def test_bare_unit_header_and_separate_comparator_column():
    """浙江: 指标方向 | 指标值 | 单位 columns.  The unit reaches the values, and
    养护补助资金拨付及时率 ≥ 95 % is a bounded 时效 indicator (no NC204)."""
    r, fs = findings("zj_2022_gonglu_project.txt")
    x = row(r, "危桥改造")
    assert (x.target.number, x.target.unit, x.actual.number, x.actual.unit) == (4, "座", 3, "座")
    rate = row(r, "养护补助资金拨付及时率")
    assert rate.target.kind == "percent" and rate.target.comparator == "≥" and rate.target.number == 95
    assert [f for f in fs if f.rule == "NC204"] == []


@pytest.mark.parametrize("name,target,actual,expected", [
    ("zj_2022_gonglu_project.txt", "4", "3", 7.5),            # = 4座, 3 built, 10/10, no reason
    ("probe_int_tolerance.txt", "≥24座", "23座", 9.58),        # one short of a bound
    ("probe_int_tolerance2.txt", "≥24座", "22座", 9.17),
])
def test_a_count_one_short_of_its_target_is_not_a_rounding_difference(name, target, actual, expected):
    r, fs = findings(name, ["NC406", "NC403"])
    hits = [f for f in fs if f.rule == "NC406"]
    assert len(hits) == 1
    assert f"应为 {expected:g} 分" in hits[0].message or str(expected) in hits[0].message
    assert target in hits[0].message and actual in hits[0].message


def test_unit_header_only_matches_exactly():
    from narrcheck.understand.forms import header_field

    assert header_field("单位")[0] == "unit" and header_field("计量单位")[0] == "unit"
    for h in ("单位名称", "实施单位", "单位资金", "单位：万元"):
        assert header_field(h)[0] != "unit", h
    assert header_field("全年（调整）绩效目标")[0] == "goal_target"
    assert header_field("全年（调整）指标值")[0] == "target_adjusted"
    assert header_field("全年(调整)预算数")[0] == "budget_full_year"


def test_a_restated_total_after_a_semicolon_is_not_a_part():
    """四川: 全年受益学生10,584人，其中寄宿制学校学生3,126人、脱贫家庭学生1,905人；全年供餐200天，
    10,584人×200天×5元=1,058.40万元 — the second 10,584 is the total in a calculation."""
    r, fs = findings("sc_2022_yingyang_project.txt")
    assert [f for f in fs if f.rule == "NC350"] == []
    assert any(f.rule == "NC351" and "1,058.40" in f.message for f in fs)  # the planted fund sum is still found


def test_semicolon_enumeration_still_lists_parts():
    from narrcheck.read.text import parse_text
    from narrcheck.understand.quantities import narrative_quantities
    from narrcheck.understand.report import understand

    text = "二、收支情况\n2023年支出合计500.00万元，其中：人员经费320.00万元；公用经费90.00万元；项目支出100.00万元。\n"
    qs = narrative_quantities(understand(parse_text(text, path="x.txt")))
    total = next(q for q in qs if q.value.number == 500)
    assert [p.value.number for p in total.parts] == [320, 90, 100]
    cfg = Config(select=["NC350"])
    fs = check_report(understand(parse_text(text, path="x.txt")), cfg)
    assert len(fs) == 1 and fs[0].severity == "error"  # 510 ≠ 500


@pytest.mark.parametrize("name,sentence", [
    ("hn_2021_shijian_dept.txt", "“三公”经费预算12.00万元，实际支出9.86万元。"),
    ("fj_2021_sifa_dept.txt", "“三公”经费年初预算17.00万元，实际支出14.00万元，控制率82.35%。"),
])
def test_an_items_actual_spending_is_not_the_department_total(name, sentence):
    from narrcheck.understand.quantities import narrative_quantities

    r, fs = findings(name)
    assert [f for f in fs if f.rule == "NC300" and "实际支出" in f.text] == []
    qs = [q for q in narrative_quantities(r) if q.chunk is not None and sentence in q.chunk.text]
    spent = next(q for q in qs if q.lead.endswith("实际支出"))
    assert spent.field != "total" and "三公" in spent.label
    # the department's own figures in the paragraph before are still totals
    assert any(q.field == "total" and q.role == "executed" for q in narrative_quantities(r)
               if q.lead.endswith(("全年实际支出", "全年支出")))


def test_narrative_counts_are_compared_with_the_same_indicator_only(tmp_path):
    """河南: 食品安全评价性抽检1,200批次 is not the indicator 食品安全监督抽检 (1,652批次), and a
    survey sample 委托第三方调查市场主体600户 is not 双随机抽查市场主体 (503户).  The same
    report saying 食品安全监督抽检1,620批次 (text and goal summary) against the row's 1,652 is a mismatch."""
    _r, fs = findings("hn_2021_shijian_dept.txt", ["NC303"])
    assert fs == []
    text = (VARIANTS / "hn_2021_shijian_dept.txt").read_text(encoding="utf-8")
    assert "全年完成食品安全监督抽检1,652批次" in text
    changed = tmp_path / "hn_changed.txt"
    changed.write_text(text.replace("食品安全监督抽检1,652批次", "食品安全监督抽检1,620批次"), encoding="utf-8")
    fs = check_report(load_report(str(changed)), Config(select=["NC303"]))
    assert fs and all(f.evidence["indicator"] == "食品安全监督抽检" for f in fs)
    assert fs[0].evidence["text_value"] == "1,620批次" and fs[0].evidence["actual"] == "1,652批次"


@pytest.mark.parametrize("title,kind", [
    ("2022年度桐溪县农村公路养护补助资金项目支出绩效自评报告", "项目"),
    ("2022年度桐溪县农村公路养护补助资金项目绩效自评报告", "项目"),
    ("2022年度桐溪县农村公路养护补助资金绩效自评报告", "项目"),
    ("桐溪县交通运输局部门管理的农村公路养护补助项目2022年度绩效自评报告", "项目"),
    ("2022年度长沙市岳麓区人民政府办公室部门整体支出绩效自评报告", "部门整体"),
    ("2023年度云溪区委办公室部门绩效自评报告", "部门整体"),
    ("", ""),
])
def test_report_kind_from_the_title(title, kind):
    from narrcheck.understand.meta import report_kind

    assert report_kind(title) == kind


def test_project_title_without_xiangmu_zhichu_still_checks_the_project_funds():
    """Only the title differs from the 项目支出 control; the narrative's 全年支出413.36万元
    against the table's 411.36 must be found either way."""
    for name in ("probe_title_ctrl.txt", "probe_title_xiangmu.txt"):
        r, fs = findings(name, ["NC300"])
        assert r.meta.kind == "项目"
        assert any("413.36" in f.text for f in fs), name


def test_rate_column_headed_with_percent_needs_no_sign():
    """云南: 执行率(%) column holding 96.50 / 100.00 / 89.52 — correct rates, no notes;
    the planted total (99.65 vs 89.83 + 9.65 = 99.48) is still an NC001 error."""
    r, fs = findings("yn_2024_wenlv_dept.txt")
    assert [f for f in fs if f.rule == "NC352"] == []
    assert [f.rule for f in fs if f.severity == "error"] == ["NC001"]


def test_wrong_rate_under_a_percent_header_is_still_reported(tmp_path):
    text = (VARIANTS / "yn_2024_wenlv_dept.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.strip() == "89.52")
    lines[i] = lines[i].replace("89.52", "91.52")
    p = tmp_path / "yn_wrong_rate.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fs = check_report(load_report(str(p)), Config(select=["NC352"]))
    assert len(fs) == 1 and "91.52%" in fs[0].message and "89.52%" in fs[0].message


def test_narrative_goals_and_deviation_reasons_restated_in_the_form():
    """广东: the 项目绩效目标 paragraph restated as the form's 预期目标 (what the form asks):
    not a duplicate.  福建: the narrative's explanation of 法律援助 352件 (28 short) repeated
    in the row's 偏差原因 cell: the reason the form asks for, not a duplicate either."""
    _r, fs = findings("gd_2023_wushui_project.txt", ["NC150"])
    assert fs == []
    text = (VARIANTS / "fj_2021_sifa_dept.txt").read_text(encoding="utf-8")
    assert text.count("改由值班律师办理") >= 2  # the reason is in the narrative and in the form
    _r, fs = findings("fj_2021_sifa_dept.txt", ["NC150"])
    assert fs == []


def test_official_tier_answer_is_not_an_unsupported_claim():
    """河南: 部分达成年度指标并具有一定效果：已通过市级初审，省级评审推迟至2022年 — the
    prescribed 定性 tier followed by the facts."""
    _r, fs = findings("hn_2021_shijian_dept.txt", ["NC250", "NC205"])
    assert not [f for f in fs if "部分达成年度指标" in f.text]


def test_score_ratio_column_is_checked():
    """山东: 得分系数 90 with 得分 13.05 on a 15-point row (13.05 = 87% × 15): found, with the
    right score; every other row of the form (系数 100/94 …) is consistent and silent."""
    r, fs = findings("sd_2024_peixun_project.txt", ["NC409"])
    assert len(fs) == 1
    f = fs[0]
    assert f.evidence["indicator"] == "取得中级以上证书人员占比"
    assert f.evidence["expected_score"] == "13.5" and f.evidence["score"] == "13.05"
    rows_with_ratio = [x for x in r.indicators if x.value("score_ratio").number is not None]
    assert len(rows_with_ratio) >= 5


@pytest.mark.parametrize("ratio,score,flag", [
    ("0.9", "13.5", False), ("0.9", "13.05", True),      # a fraction instead of a percent
    ("90%", "13.5", False), ("87", "13.05", False),
    ("93.3", "14", False),                               # 93.3% × 15 = 13.995, shown rounded
    ("93.3", "13.9", False),                             # within one unit of the last digit (§4)
    ("93.3", "13.8", True),
])
def test_score_ratio_readings_and_rounding(ratio, score, flag):
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = ("2024年度项目支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分系数 | 得分 |\n"
            f"| 产出指标 | 质量指标 | 取得中级以上证书人员占比 | ≥30% | 29.0% | 15 | {ratio} | {score} |\n")
    fs = check_report(understand(parse_text(text, path="x.txt")), Config(select=["NC409"]))
    assert bool(fs) == flag, (ratio, score, [f.message for f in fs])


def test_qualitative_tier_band():
    """福建: 部分达成年度指标并具有一定效果：132个村（居）中128个配备法律顾问, scored 9 of 10 (band
    [60%, 80%)): found.  The 定性 rows scored inside their band in the other fixtures are silent."""
    _r, fs = findings("fj_2021_sifa_dept.txt", ["NC410"])
    assert len(fs) == 1
    assert fs[0].evidence["tier"] == "部分达成" and fs[0].evidence["score"] == "9"
    assert fs[0].evidence["band_of_score"] == "达成"


@pytest.mark.parametrize("actual,score,flag", [
    ("达成年度指标", "10", False), ("达成年度指标", "8", False), ("达成年度指标", "7", True),
    ("基本达成预期指标", "8.5", False),
    ("部分达成年度指标并具有一定效果", "7", False), ("部分达成年度指标并具有一定效果", "8", False),
    ("部分达成年度指标并具有一定效果", "5", False),      # the 80/50 variant
    ("部分达成年度指标并具有一定效果", "9", True), ("部分达成年度指标并具有一定效果", "4", True),
    ("未达成年度指标且效果较差", "5", False), ("未达成年度指标且效果较差", "7", True),
    ("全部完成", "5", False),                           # not a tier word: other rules' business
])
def test_tier_bands(actual, score, flag):
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = ("2023年度部门整体支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            f"| 效益指标 | 社会效益指标 | 营商环境 | 持续优化 | {actual} | 10 | {score} |\n")
    fs = check_report(understand(parse_text(text, path="x.txt")), Config(select=["NC410"]))
    assert bool(fs) == flag, (actual, score)


def test_claim_that_every_target_was_met_against_the_scores():
    """Fixture F3-09 (四川 project, .txt and .docx): 项目各项绩效目标全面完成 while 新建及改造供水管网
    7.52/8, 单元工程验收合格率 5.91/6 and 受益群众满意度 9.95/10 lost points."""
    from conftest import ROOT

    for ext in ("txt", "docx"):
        r = load_report(str(ROOT / "corpora" / "fixtures" / f"sc_2024_minxi_shuili_project.{ext}"))
        fs = check_report(r, Config(select=["NC304"]))
        assert len(fs) == 1, ext
        rows = {x["indicator"]: (x["score"], x["weight"]) for x in fs[0].evidence["rows_below_weight"]}
        assert rows["新建及改造供水管网"] == ("7.52", "8") and rows["单元工程验收合格率"] == ("5.91", "6")
        assert rows["受益群众满意度"] == ("9.95", "10")
        assert fs[0].text == "各项绩效目标全面完成"


@pytest.mark.parametrize("sentence,flag", [
    ("2024年，项目各项绩效目标全面完成。", True),
    ("全年各项指标均已完成。", True),
    ("圆满完成了年度绩效目标。", True),
    ("2024年，除新建及改造供水管网外，项目各项绩效目标均已完成。", False),
    ("项目绩效目标基本完成。", False),
    ("各项绩效目标大部分完成，但管网改造未达到目标。", False),
    ("全面完成重点民生实事和98件提案。", False),          # not a claim about the targets
])
def test_claim_wording(sentence, flag):
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = ("2024年度项目支出绩效自评报告\n四、项目绩效目标完成情况\n" + sentence + "\n2024年度项目支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 新建及改造供水管网 | ≥42公里 | 39.5公里 | 8 | 7.52 |\n"
            "| 产出指标 | 质量指标 | 单元工程验收合格率 | 100% | 100% | 6 | 6 |\n")
    fs = check_report(understand(parse_text(text, path="x.txt")), Config(select=["NC304"]))
    assert bool(fs) == flag, sentence


def test_claim_is_silent_when_every_row_has_full_marks(seed_reports):
    """Seed 001 says 各项目标任务全面实现 (in its overview and goal cells) and none of its
    indicator rows scores below its weight: consistent, nothing to report on any seed."""
    from narrcheck.checks.figures_mismatch import _CLAIM_ALL

    assert any(ch.kind == "sentence" and _CLAIM_ALL.search(ch.text) for ch in seed_reports["001"].chunks)
    for key, r in seed_reports.items():
        assert check_report(r, Config(select=["NC304"])) == [], key


CASES = ("2023年度项目支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
         "| 产出指标 | 时效指标 | 完工时间 | 2023年10月31日前 | {time} | 5 | 5 |\n"
         "| 产出指标 | 成本指标 | 校舍维修单位造价 | {cost} | 286元/平方米 | 10 | 10 |\n"
         "| 满意度指标 | 服务对象满意度指标 | 师生满意度 | ≥90% | {sat} | 10 | 10 |\n"
         "| 效益指标 | 社会效益指标 | 床位使用率 | ≥85% | 103.2% | 10 | 10 |\n")


def _cases(**kw):
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    values = {"time": "2023年10月28日", "cost": "≤300元/平方米", "sat": "96.3%", **kw}
    return check_report(understand(parse_text(CASES.format(**values), path="x.txt")),
                        Config(select=["NC356", "NC411", "NC204"]))


def test_value_sanity_and_cost_ceiling():
    assert _cases() == []  # 床位使用率 103.2% is possible (加床)
    fs = _cases(time="45230")
    assert [f.rule for f in fs] == ["NC356"] and fs[0].evidence["date"] == "2023-10-31"
    fs = _cases(sat="103%")
    assert [(f.rule, f.severity) for f in fs] == [("NC356", "error")]
    fs = _cases(cost="≥300元/平方米")
    assert [f.rule for f in fs] == ["NC411"] and "≤300元/平方米" in fs[0].suggestion
    assert _cases(cost="不低于300元/平方米")[0].rule == "NC411"


def test_reporting_department_before_the_implementing_unit():
    """四川: 雅河县教育局 on the line above the title, 项目实施单位：雅河县学生资助管理中心 below it."""
    assert rep("sc_2022_yingyang_project.txt").meta.department == "雅河县教育局"
    assert rep("zj_2022_gonglu_project.txt").meta.department == "桐溪县交通运输局"  # 项目单位：… is all there is
