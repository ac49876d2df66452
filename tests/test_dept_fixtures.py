"""Six careful department-wide reports (tests/fixtures/dept/, see its README): every
figure in them is consistent, so the figure rules must be silent; changing one figure in
the sentences that used to be misread must produce exactly the right finding."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

DEPT = Path(__file__).parent / "fixtures" / "dept"
FILES = sorted(p.name for p in DEPT.glob("*.txt"))
FIGURES = Config(select=["NC3", "NC4"])


def test_six_reports_are_present():
    assert len(FILES) == 6


@pytest.mark.parametrize("name", FILES)
def test_consistent_reports_have_no_figure_errors_or_warnings(name):
    fs = [f for f in check_report(load_report(str(DEPT / name)), FIGURES) if f.severity != "info"]
    assert fs == [], [(f.rule, f.message) for f in fs]


def _mutated(tmp_path, name, old, new):
    text = (DEPT / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    p = tmp_path / name
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return check_report(load_report(str(p)), FIGURES)


@pytest.mark.parametrize("name,old,new,rule,needle", [
    # a 其中 list that ends at "；" still adds up where it should (and the 基础数据表 disagrees too: NC300)
    ("r1_hunan_2023_jiaoyu.txt", "项目支出2,164.92万元；", "项目支出2,264.92万元；", "NC350+NC300", "3,351.27"),
    # the list under this year's 三公 spending (not 上年决算), bracketed 上年 figures left out
    ("r1_hunan_2023_jiaoyu.txt", "公务用车运行维护费4.66万元（上年", "公务用车运行维护费4.86万元（上年", "NC350", "5.92"),
    # fund types are parts of the total
    ("r4_henan_2024_zhujian.txt", "政府性基金预算支出2,714.20万元", "政府性基金预算支出2,614.20万元", "NC350", "12,216.92"),
    # growth against the stated previous-year value
    ("r3_sichuan_2021_nongye.txt", "下降14.60%", "下降12.74%", "NC354", "1.44万元 ÷ 9.86万元"),
    ("r5_jiangxi_2022_minzheng.txt", "下降14.72%", "下降12.28%", "NC354", "0.63万元 ÷ 4.28万元"),
])
def test_a_changed_figure_is_found(tmp_path, name, old, new, rule, needle):
    fs = [f for f in _mutated(tmp_path, name, old, new) if f.severity != "info"]
    assert sorted(f.rule for f in fs) == sorted(rule.split("+")), [(f.rule, f.message) for f in fs]
    main = next(f for f in fs if f.rule == rule.split("+")[0])
    assert needle in main.message + str(main.evidence)


def test_an_items_spending_after_its_budget_is_not_the_total():
    text = ("2022年度部门整体支出绩效自评报告\n二、收支情况\n2022年全年支出9,641.35万元。"
            "临时救助资金预算400.00万元，支出386.25万元，执行率96.56%。\n")
    from narrcheck.understand.quantities import narrative_quantities

    qs = narrative_quantities(understand(parse_text(text, path="x.txt")))
    spent = next(q for q in qs if q.value.number == 386.25)
    assert spent.field != "total" and "临时救助资金" in spent.label


def _all(name):
    return check_report(load_report(str(DEPT / name)), Config())


@pytest.mark.parametrize("name", FILES)
def test_consistent_reports_have_no_errors_or_warnings_at_all(name):
    """Every rule, not just the figure ones: these reports are what a reviewer wants."""
    fs = [f for f in _all(name) if f.severity != "info"]
    assert fs == [], [(f.rule, f.text[:30], f.message[:60]) for f in fs]


def test_accident_grade_is_not_a_degree_word():
    """较大及以上安全生产事故 is the legal grade (一般/较大/重大/特别重大), not 较大 = rather large."""
    for name in ("r4_henan_2024_zhujian.txt", "r6_hubei_2024_jiedao.txt"):
        assert not [f for f in _all(name) if "较大" in f.text and f.rule in ("NC201", "NC205")]
    text = "一、绩效目标完成情况\n全年安全生产形势较大改善。\n"
    fs = check_report(understand(parse_text(text, path="x.txt")), Config(select=["NC205", "NC250"]))
    assert [p["phrase"] for f in fs for p in f.evidence.get("phrases", [])] == ["较大"]  # still a degree word here


def test_sign_off_lines_under_each_form_are_not_repeats():
    for name in ("r1_hunan_2023_jiaoyu.txt", "r2_zhejiang_2022_weijian.txt"):
        assert "填表人：" in (DEPT / name).read_text(encoding="utf-8")
        assert not [f for f in _all(name) if f.rule == "NC150" and "填表人" in f.text]


def test_dated_plan_for_unfinished_work_is_not_an_estimate(tmp_path):
    """r5 (2022): 主体工程于2022年12月28日完成，设备安装计划于2023年3月底前完成 — status plus a
    dated plan.  The same plan without the status, or a promised result, is still flagged."""
    assert not [f for f in _all("r5_jiangxi_2022_minzheng.txt") if f.rule == "NC256" and f.severity != "info"]
    _mutated(tmp_path, "r5_jiangxi_2022_minzheng.txt",
             "石塘镇居家养老服务中心主体工程于2022年12月28日完成，设备安装计划于2023年3月底前完成。",
             "石塘镇居家养老服务中心计划于2023年3月底前完成。")
    fs = check_report(load_report(str(tmp_path / "r5_jiangxi_2022_minzheng.txt")), Config(select=["NC256"]))
    assert any("计划于" in f.text for f in fs)


def test_problem_topic_sentence_followed_by_figures_is_not_vague():
    """r2: 1.疫苗接种目标测算不够精准。 followed by 8,240人 and 扣0.23分 in the same paragraph."""
    fs = _all("r2_zhejiang_2022_weijian.txt")
    assert not [f for f in fs if f.rule == "NC205" and "疫苗接种目标测算不够精准" in f.text]
