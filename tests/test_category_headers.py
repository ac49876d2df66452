"""Level-1 category lines spaced out and cut short in degraded text (issue 14 item 2; held-out set 5 M15).

A flattened Anhui form writes each 一级指标 on its own line, characters spaced: 产 出 指 标 (50分),
效 益 指 标 (30分).  The copy in M15 lost the last character of one: 满 意 度 指 (10分).  That line
was read as an indicator row (满 意 度 | 指 | (10分)), the 满意度 row stayed under 效益指标, and NC401
reported 效益指标 30 分 against 40 — a false error.  A spaced label cut after 指 is still the category."""
from __future__ import annotations

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = """淮川县农业农村局2020年度农村人居环境整治（改厕）项目支出绩效自评报告
一、项目基本情况
全年完成改厕3260户。

2020年度项目支出绩效目标自评表
项目名称 农村人居环境整治（改厕）项目
主管部门 淮川县农业农村局 实施单位 淮川县农业农村局
项目资金（万元） 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额 860.00 812.34 10 94.46% 9.45
其中：财政资金 800.00 752.34 94.04%
其他资金 60.00 60.00 100%
一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分 偏差原因分析及改进措施
产 出 指 标 (50分)
数量指标 改造农村户用厕所 10 ≥3200户 3260户 10
数量指标 整村推进示范村 10 ≥12个 12个 10
数量指标 问题厕所排查整改 10 ≥300户 315户 10
质量指标 改厕质量验收合格率 10 ≥95% 96.8% 10
成本指标 户均改厕补助 10 ≤2600元/户 2492元/户 10
效 益 指 标 (30分)
社会效益指标 农村卫生厕所普及率 10 ≥85% 86.4% 10
生态效益指标 农村人居环境 10 明显改善 明显改善 10
"""
LAST = """满 意 度 指 (10分)
服务对象满意度指标 改厕农户满意度 10 ≥90% 92.5% 10
总分 100 99.45
"""


def _rep(text):
    return understand(parse_text(text, path="m15.txt"))


def _nc401(rep):
    return [f for f in run_checks(rep, Config()) if f.rule == "NC401"]


def test_a_spaced_category_cut_after_zhi_is_the_satisfaction_category():
    # M15: 效益 10 + 10 + 10 = 30 as declared; the 满意度 row is no 效益 row
    rep = _rep(HEAD + "可持续影响指标 改厕长效管护机制覆盖率 10 ≥90% 92% 10\n" + LAST)
    ind = next(f for f in rep.forms if f.kind == "indicator")
    names = [r.name for r in ind.indicators]
    assert "满 意 度" not in names and "满意度" not in names
    sat = next(r for r in ind.indicators if r.name == "改厕农户满意度")
    assert sat.level1 == "满意度指标" and sat.level1_weight == 10
    assert _nc401(rep) == []


def test_a_category_whose_rows_do_not_add_up_still_fires():
    # 效益 declared 30, its rows weigh 10 + 10 + 10 + 10 = 40: a real NC401
    rep = _rep(HEAD + "可持续影响指标 改厕长效管护机制覆盖率 10 ≥90% 92% 10\n"
               + "可持续影响指标 管护队伍建设 10 ≥12支 12支 10\n" + LAST.replace("99.45", "109.45"))
    found = _nc401(rep)
    assert any("效益" in f.message and "40" in f.message for f in found), [f.message for f in found]


import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import layout_util as U  # noqa: E402


@pytest.mark.parametrize("layout", ["docx", "html", "tab", "pipe", "lines", "lines_nogap", "lines_bar", "flat",
                                    "glued", "pdf", "pdf_unruled"])
def test_the_cut_category_fixture_keeps_the_satisfaction_row_under_its_category(layout):
    # layouts fixture ah_2024_yanglao writes its last category 满 意 度 指 (10分) in every layout
    from narrcheck.api import check_report, load_report

    rep = load_report(str(U.fixture_path("ah_2024_yanglao", layout)))
    ind = next(f for f in rep.forms if f.kind == "indicator")
    row = next(r for r in ind.indicators if r.name == "老年人满意度")
    assert (row.level1, row.level1_weight) == ("满意度指标", 10)
    assert not [f for f in check_report(rep, Config()) if f.rule == "NC401"]


J3 = Path(__file__).resolve().parents[1] / "corpora" / "judged3"


def test_a_category_line_is_the_level1_cell_of_the_row_below_even_when_that_row_is_costly():
    # judged3 K04 (flattened): 效 益 指 标 (30分) alone on its line, then 经济效益指标 无 5 无 无 5; the two
    # were read as one wrapped row, too costly to keep: the row, the 30-point category and 5 points were
    # lost (false NC401 75 vs 50 and 95 vs 100, NC001 91.17 vs 96.17)
    rep = understand(read_path(J3 / "K04.txt"))
    ind = next(f for f in rep.forms if f.kind == "indicator")
    by_name = {r.name: r for r in ind.indicators}
    assert by_name["水旱灾害人员死亡"].level1 == "效益指标"
    assert sum(r.weight.number for r in ind.indicators if r.weight.number is not None) == 90
    rules = {f.rule for f in run_checks(rep, Config())}
    assert not {"NC401", "NC001"} & rules
    assert {"NC400", "NC405"} <= rules          # K04-D1 (8 of 6), K04-D2 (无/无 scored 5)


def read_path(p):
    from narrcheck.read import read

    return read(str(p))
