"""Six mediocre county-level reports (tests/fixtures/mediocre/, KEY.md): the false alarms
the first audit found stay fixed and the real problems it found missing are reported."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config

HERE = Path(__file__).parent / "fixtures" / "mediocre"


def _text(prefix):
    return next(HERE.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _run(prefix, rules=None):
    path = next(HERE.glob(f"{prefix}_*.txt"))
    return check_report(load_report(str(path)), Config(select=rules) if rules else Config())


def test_six_reports():
    assert len(list(HERE.glob("*.txt"))) == 6


@pytest.mark.parametrize("prefix,total", [("C", "1,798.30"), ("D", "1,226.80")])
def test_bracketed_breakdown_of_a_part_is_nested(prefix, total):
    """其中基本支出812.64万元（人员经费698.20万元，公用经费114.44万元），项目支出985.66万元: all adds up."""
    assert not [f for f in _run(prefix, ["NC350"]) if total in f.text]


def test_planted_sum_still_found():
    fs = _run("C", ["NC350"])
    assert any("4.36" in f.text for f in fs)  # “三公”经费4.36万元 against 1.82 + 2.84


def test_completion_date_is_not_a_near_copy_of_its_deadline():
    assert "2021年12月底前" in _text("C")
    assert not [f for f in _run("C", ["NC102"]) if "2021年12月" in f.text]


def test_integer_total_off_by_one():
    fs = _run("D", ["NC001"])
    assert len(fs) == 1 and fs[0].text == "99" and "98" in fs[0].message


def test_town_report_calling_itself_a_bureau():
    fs = _run("D", ["NC186"])
    assert len(fs) == 1 and fs[0].text == "我局" and fs[0].evidence["expected"] == "我镇"


def test_future_completion_in_results():
    assert any("将全部完工" in f.message for f in _run("D", ["NC256"]))


def test_guidance_inside_a_heading():
    assert any("300字以内" in f.text for f in _run("C", ["NC183"]))


def test_good_social_benefit_claim_without_figures():
    fs = _run("B", ["NC250"])
    assert any("取得了良好的社会效益" in str(f.evidence) for f in fs)


def test_previous_year_evaluation_is_this_years_work():
    """做好了2021年度基本公共卫生服务项目绩效评价工作 (2022 report): not a previous year's result."""
    assert "做好了2021年度基本公共卫生服务项目绩效评价工作" in _text("A")
    assert not [f for f in _run("A", ["NC451"]) if "绩效评价" in f.evidence.get("clause", "") + f.text]


def test_mandated_subsidy_standard_is_not_a_cost_ceiling():
    assert "人均基本公共卫生服务补助标准" in _text("A") and "≥84元/人" in _text("A")
    assert _run("A", ["NC411"]) == []


def test_admitted_shortfall_is_not_a_vague_claim():
    assert "未达到年度目标" in _text("D")
    assert not [f for f in _run("D", ["NC205", "NC250"]) if "未达到年度目标" in f.text]


def test_late_date_owned_by_the_row_is_info():
    fs = _run("F", ["NC450"])
    assert len(fs) == 1 and fs[0].severity == "info" and "2024年1月25日" in fs[0].text


def test_staff_count_text_against_base_table(seed_reports):
    """福建: 在职人员21人 in the narrative, 2022年实际在职人数 20 in the 基础数据表.  Seed 001 splits
    实有人数36人 into 在职31 + 离退休5, so there 在职 is not 实有 and nothing is reported."""
    fs = [f for f in _run("E", ["NC300"]) if f.evidence.get("field") == "staff_active"]
    assert len(fs) == 1 and fs[0].evidence["text_value"] == "21人" and fs[0].evidence["table_value"] == "20人"
    assert "实有人数36人，其中在职人员31人" in (Path(__file__).parents[1] / "corpora" / "seeds" /
                                             "001_1f5d134754810977.txt").read_text(encoding="utf-8")
    assert not [f for f in check_report(seed_reports["001"], Config(select=["NC300"])) if "31人" in f.text]


R2 = HERE / "round2"


def _run2(prefix, rules=None):
    path = next(R2.glob(f"{prefix}_*.txt"))
    return check_report(load_report(str(path)), Config(select=rules) if rules else Config())


def test_round2_reports():
    assert len(list(R2.glob("*.txt"))) == 6


def test_bracketed_initial_budget_is_not_the_lists_parent():
    """海南: 全年预算3,518.46万元（年初预算3,260.00万元），其中财政拨款3,386.46万元，上年结转132.00万元."""
    assert "全年预算3,518.46万元（年初预算3,260.00万元），其中财政拨款" in next(R2.glob("E_*.txt")).read_text("utf-8")
    assert not [f for f in _run2("E", ["NC350"]) if "3,260.00" in f.text + f.message]


def test_placeholder_with_a_wan_unit():
    assert any("≥**万人次" in f.text for f in _run2("E", ["NC180"]))


def test_another_places_agency_in_the_body():
    """内蒙古: 经鄂托克旗林业和草原局党组会研究 in 鄂托克前旗林业和草原局's report; its own name and
    上级 agencies (市…, 自治区…) are not reported anywhere in the fixtures."""
    fs = [f for f in _run2("C", ["NC186"]) if "另一地方" in f.message]
    assert [f.text for f in fs] == ["鄂托克旗林业和草原局"]
    for folder in (HERE, Path(__file__).parent / "fixtures" / "project" / "good",
                   Path(__file__).parent / "fixtures" / "dept"):
        for p in folder.glob("*.txt"):
            assert not [f for f in check_report(load_report(str(p)), Config(select=["NC186"]))
                        if "另一地方" in f.message], p.name


def test_problems_section_that_says_none_while_points_were_lost():
    fs = [f for f in _run2("F", ["NC187"]) if "写的是" in f.message]
    assert len(fs) == 1 and fs[0].text == "无。" and len(fs[0].evidence["rows_below_weight"]) >= 5


def test_one_missing_section_is_a_warning_when_points_were_lost():
    fs = _run2("D", ["NC187"])
    assert len(fs) == 1 and fs[0].severity == "warning" and fs[0].evidence["missing"] == ["改进措施"]


def test_contact_number_in_the_next_cell_is_filled():
    for prefix in ("A", "B"):
        assert not [f for f in _run2(prefix, ["NC182"]) if "联系电话" in f.message]


def test_not_obvious_is_an_admission():
    assert "规模效益不明显" in next(R2.glob("D_*.txt")).read_text("utf-8")
    assert not [f for f in _run2("D", ["NC205", "NC250"]) if "不明显" in f.text]
