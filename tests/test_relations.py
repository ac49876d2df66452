"""Narrative relations and form completeness (issue 15): the invented pairs of
tests/fixtures/relations (KEY.md). Each bad report raises its planted finding; each good
report — the same text written correctly — raises no error or warning at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_paths
from narrcheck.config import Config

DIR = Path(__file__).parent / "fixtures" / "relations"

PLANTED = {  # bad file -> (rule, severity, count, a piece of the flagged text)
    "list_count_bad.txt": ("NC357", "warning", 1, "内设机构5个"),
    "claim_paid_bad.txt": ("NC305", "warning", 1, "全部拨付到位"),
    "claim_done_bad.txt": ("NC305", "warning", 1, "已全部完工"),
    "prev_year_bad.txt": ("NC354", "error", 1, "增长25.00%"),
    "adjusted_budget_bad.txt": ("NC352", "error", 1, "98.50%"),
    "column_empty_bad.txt": ("NC188", "warning", 1, "受益人口"),
    "empty_actual_bad.txt": ("NC412", "warning", 1, "30"),
    "deviation_measure_bad.txt": ("NC413", "info", 1, "顺延至次年"),
    "doc_number_bad.txt": ("NC189", "warning", 2, "2020 10号"),
    "respectively_bad.txt": ("NC354", "warning", 1, "33.33%"),   # one swap, one finding
    "share_table_bad.txt": ("NC354", "warning", 1, "66.67%"),
    "staff_over_bad.txt": ("NC358", "warning", 1, "45人"),
    "qualitative_tier_bad.txt": ("NC414", "warning", 1, "运行正常"),
    "unit_slip_bad.txt": ("NC355", "warning", 1, "860.50元"),
    "implied_total_bad.txt": ("NC306", "warning", 1, "800.00万元"),
    "product_slip_bad.txt": ("NC355", "warning", 1, "360.00元"),
    "full_marks_low_rate_bad.txt": ("NC307", "warning", 1, "20"),
    "done_low_rate_bad.txt": ("NC307", "warning", 1, "全面完成"),
    "staff_parts_bad.txt": ("NC350", "warning", 1, "实有人员39人"),
    "paid_pending_bad.txt": ("NC305", "warning", 1, "全部拨付到位"),
    "date_before_year_bad.txt": ("NC451", "warning", 1, "2022年11月20日"),
}


@pytest.fixture(scope="module")
def results():
    # one report at a time: the pairs share their text, which the batch rules would report
    return {p.name: check_paths([str(p)], Config()).ok[0].findings for p in sorted(DIR.glob("*.txt"))}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_relation_is_found(results, name):
    rule, sev, count, piece = PLANTED[name]
    fs = [f for f in results[name] if f.rule == rule]
    assert len(fs) == count, [(f.rule, f.message) for f in results[name]]
    assert all(f.severity == sev for f in fs)
    assert any(piece in f.text for f in fs)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_correct_control_is_silent(results, name):
    good = name.replace("_bad", "_good")
    loud = [(f.rule, f.severity, f.message) for f in results[good] if f.severity in ("error", "warning")]
    assert loud == []
    assert not [f for f in results[good] if f.rule == PLANTED[name][0]]


def test_bad_reports_plant_one_problem_each(results):
    # nothing else at error or warning level in a bad report: one problem, one finding
    for name, (rule, sev, count, _p) in PLANTED.items():
        loud = [f.rule for f in results[name] if f.severity in ("error", "warning")]
        assert loud == ([rule] * count if sev != "info" else []), (name, loud)


def test_ambiguous_growth_reading_is_at_most_a_warning():
    from narrcheck.checks.registry import run_checks
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = "2023年度部门整体支出绩效自评报告\n二、部门收支情况\n全年支出1000.00万元，增加200.00万元，增长20.00%。\n"
    fs = [f for f in run_checks(understand(parse_text(text, path="x.txt")), Config(select=["NC354"]))]
    # 1000 read as this year's: 200 ÷ 800 = 25% (wrong); read as last year's: 200 ÷ 1000 = 20% (right)
    assert [f.severity for f in fs] == ["warning"]
    assert "两种读法" in fs[0].message


@pytest.mark.parametrize("sentence", [
    "全县辖12个乡镇，设有村级农技服务点86个。",              # no list follows
    "下设事业单位3个：县农技中心、县畜牧站等。",              # the list ends with 等
    "共实施项目3个，包括农田水利（含渠系、泵站）、道路和桥梁。",  # 3 names, one with its own parts
])
def test_list_counts_stay_silent(sentence):
    from narrcheck.checks.registry import run_checks
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = "2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + sentence + "\n"
    assert run_checks(understand(parse_text(text, path="x.txt")), Config(select=["NC357"])) == []


@pytest.mark.parametrize("sentence", [
    "全年支出1200.00万元，基本支出和项目支出分别为800.00万元和400.00万元，分别占总支出的66.67%、33.33%。",
    "全年支出1200.00万元，基本支出800.00万元、项目支出400.00万元，分别占总支出的66.67%和33.33%。",
    "全年支出1200.00万元，其中人员经费、公用经费和项目支出分别为600.00万元、200.00万元、400.00万元。",
    # three names, two figures: they cannot be paired, so nothing is computed from them
    "全年支出1200.00万元，基本支出、项目支出和其他支出分别为800.00万元、400.00万元，分别占总支出的66.67%、33.33%。",
])
def test_respectively_pairs_the_kth_figure_with_the_kth_name(sentence):
    from narrcheck.checks.registry import run_checks
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = "2023年度部门整体支出绩效自评报告\n二、部门收支情况\n" + sentence + "\n"
    assert run_checks(understand(parse_text(text, path="x.txt")), Config(select=["NC3"])) == []


def test_complete_breakdown_shares_are_consistent_in_themselves():
    # seed 002: 基本支出957.19 (66.54%) and 项目支出481.27 (33.46%) add to 100% over their own sum
    # (1438.46); the form's total is 1435.09 — a mismatch of the parts, not a wrong share
    from narrcheck.checks.registry import run_checks
    from narrcheck.read.text import parse_text
    from narrcheck.understand.report import understand

    text = (DIR / "share_table_good.txt").read_text(encoding="utf-8").replace(
        "2023年基本支出800.00万元，占总支出65.04%；项目支出430.00万元，占总支出34.96%。",
        "2023年基本支出957.19万元，占总支出的66.54%；项目支出481.27万元，占总支出的33.46%。")
    fs = run_checks(understand(parse_text(text, path="x.txt")), Config(select=["NC354"]))
    assert fs == []


NAMED = """2024年度部门整体支出绩效自评报告
三、绩效目标完成情况
全年培训高素质农民{n}人次。
2024年度部门整体支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 高素质农民培训 | ≥1000人次 | 1500人次 | 10 | 10 |
| 总分 | 10 | 10 |
"""


@pytest.mark.parametrize("n, found", [(1200, 1), (1500, 0)])
def test_indicator_names_match_on_their_content_words(n, found):
    # 培训高素质农民 and 高素质农民培训 are one indicator: the words, not their order
    from narrcheck.checks.registry import run_checks
    from narrcheck.read.text import parse_text
    from narrcheck.understand.facts import same_name
    from narrcheck.understand.report import understand

    rep = understand(parse_text(NAMED.format(n=n), path="x.txt"))
    assert len(run_checks(rep, Config(select=["NC303"]))) == found
    assert same_name("培训高素质农民", "高素质农民培训") and not same_name("培训高素质农民", "高素质农民补贴")
