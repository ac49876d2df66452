"""NC001 and NC002 on the seeds: where they fire and nowhere else."""
from narrcheck.api import check_report
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

from conftest import seed


def _run(rep, code):
    return [f for f in check_report(rep, Config(select=[code])) if f.rule == code]


def test_nc001_silent_on_seeds_whose_totals_add_up(seed_reports):
    # 004: 89 (rows) + 9.85 (执行率得分) = 98.85; 002: 81 + 9 = 90 and 80 + 10 = 90; 000: 100; 001: 99
    for key, rep in seed_reports.items():
        assert _run(rep, "NC001") == [], key


def test_nc001_fires_on_a_wrong_total_in_seed_004():
    text = seed("004").read_text(encoding="utf-8").replace("\t98.85\n", "\t97.85\n", 1)
    rep = understand(parse_text(text, "004_modified.txt"))
    found = _run(rep, "NC001")
    assert len(found) == 1
    f = found[0]
    assert f.evidence["total"] == "97.85" and f.evidence["expected"] == "98.85"
    assert f.evidence["sum_of_rows"] == "89" and f.evidence["execution_score"] == "9.85"
    assert f.location.form == "2024年度部门整体支出绩效自评表"
    assert f.text == "97.85"


def test_nc002_exact_rows(seed_reports):
    got = {k: sorted((f.evidence["indicator"], f.evidence["kind"]) for f in _run(rep, "NC002"))
           for k, rep in seed_reports.items()}
    assert got["001"] == [] and got["003"] == []
    assert got["000"] == [("完成政府工作报告等重要会议、活动文字材料撰写，机关文电处理、机要保密、值班值守等工作。", "text")]
    # seed 002: every ≥95% / ≥98% actual copied from its target, and the 2024年 time row
    assert sorted(i for i, k in got["002"] if k == "bound") == sorted(
        ["达标率", "助力营商环境不断优化，起到示范作用", "不间断加强节能管理", "营商环境持续优化", "满意度",
         "组织成功率", "持续开展公共机构节能率", "满意度"])
    assert [i for i, k in got["002"] if k == "date"] == ["组织培训时间"]
    # seed 004: the eight 效果明显 rows (warning) and the two date rows (info); not 满意度 ≧90% / ≧95%
    texts = [i for i, k in got["004"] if k == "text"]
    assert len(texts) == 8
    assert sorted(i for i, k in got["004"] if k == "date") == ["按计划时间完成任务", "按计划时间完成任务"]
    assert not any("满意度" in i for i, _ in got["004"])


def test_nc002_not_on_plain_equal_measurements():
    text = ("2023年度部门整体支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 质量指标 | 会议成功率 | 100% | 100% | 10 | 10 |\n"
            "| 产出指标 | 数量指标 | 培训场次 | 12场 | 12场 | 10 | 10 |\n| 总分 | 20 | 20 |\n")
    assert _run(understand(parse_text(text, "x.txt")), "NC002") == []
