"""A funds block pairs with its own form, never with another form's (issue 14, held-out set 5 M01/M03).

A 部门整体 form followed by a 项目 form, each with its 预算执行情况 block above its indicators: the
execution score counted in the 部门整体 总分 is the 部门整体 block's (9.67, 9.75), not the project
block's (9.74, 10).  Two causes, both general: in tab text the next form's title after one blank
line was read as a second paragraph of the last cell (the two forms became one table), and in one
table the last funds block was taken for every form of the table, not the nearest one above it."""
from __future__ import annotations

from pathlib import Path

import docx

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read import read
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

J5 = Path(__file__).resolve().parents[1] / "corpora" / "judged5"


def _j5(prefix: str):
    return understand(read(str(next(J5.glob(prefix + "_*")))))


def _totals(rep):
    return [f for f in run_checks(rep, Config()) if f.rule in ("NC001", "NC401")]


def test_m03_department_total_is_rows_plus_its_own_execution_score():
    # 89 + 9.75 = 98.75 is right; the project form below has 10.00 for its own block
    rep = _j5("M03")
    assert _totals(rep) == []
    titles = [f.title for f in rep.forms if f.kind == "funds"]
    assert titles == ["2024年度部门整体支出绩效自评表", "2024年度项目支出绩效自评表（生态护林员补助）"]


def test_m01_wrong_department_total_states_its_own_execution_score():
    # the real error: 89 + 9.67 = 98.67 vs the stated 99.67 (the project block's 9.74 is not this form's)
    rep = _j5("M01")
    found = _totals(rep)
    assert [f.rule for f in found] == ["NC001"]
    assert found[0].evidence["execution_score"] == "9.67"
    assert found[0].evidence["expected"] == "98.67"


TAB_TWO_FORMS = """附件：2023年度部门整体支出绩效自评表
2023年度部门整体支出绩效自评表
\t整体资金（万元）
\t项目
\t全年预算数
\t全年执行数
\t执行率
\t分值
\t得分

\t合计
\t1000.00
\t980.00
\t98.00%
\t10
\t9.80

\t一级指标
\t二级指标
\t三级指标
\t年度指标值
\t实际完成值
\t分值
\t得分

\t产出指标
\t数量指标
\t办结件数
\t≥300件
\t320件
\t50
\t50

\t效益指标
\t社会效益指标
\t群众满意度
\t≥90%
\t95%
\t40
\t38

\t总分
\t100
\t97.80

\t填报日期：2024年3月18日

2023年度项目支出绩效自评表
\t项目名称
\t2023年信息化建设项目

\t项目资金（万元）
\t全年预算数
\t全年执行数
\t执行率
\t分值
\t得分

\t年度资金总额
\t200.00
\t200.00
\t100.00%
\t10
\t10.00
"""


def test_a_form_title_after_one_blank_line_starts_a_new_table():
    doc = parse_text(TAB_TWO_FORMS)
    assert len(doc.tables) == 2
    assert doc.tables[0].rows[-1][0].text == "填报日期：2024年3月18日"


def test_a_cell_paragraph_after_one_blank_line_still_continues_the_cell():
    # 产出指标 / (50分) in one cell: an empty paragraph inside a cell, no form title
    doc = parse_text("标题\n\t一级指标\n\t二级指标\n\n\t产出指标\n\n(50分)\n\t数量指标\n")
    assert len(doc.tables) == 1
    assert doc.tables[0].rows[1][0].text == "产出指标\n\n(50分)"


DEPT = [["整体资金（万元）", "项目", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "合计", "1000", "980", "98%", "10", "9.8"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "办结件数", "≥300件", "320件", "50", "50"],
        ["效益指标", "社会效益指标", "群众满意度", "≥90%", "95%", "40", "38"]]
PROJ = [["项目资金（万元）", "项目", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        ["", "年度资金总额", "200", "200", "100%", "10", "10"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "系统上线数", "≥2个", "2个", "50", "50"],
        ["效益指标", "社会效益指标", "用户满意度", "≥90%", "96%", "40", "40"],
        ["总分", "", "", "", "", "100", "100"]]


def _one_table(tmp_path, dept_total: str):
    """Both forms in one Word table under one title (as some sites paste them)."""
    rows = DEPT + [["总分", "", "", "", "", "100", dept_total]] + PROJ
    d = docx.Document()
    d.add_paragraph("某县数据局2023年度部门整体支出绩效自评报告")
    d.add_paragraph("2023年度部门整体支出绩效自评表")
    t = d.add_table(rows=len(rows), cols=7)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    p = tmp_path / "r.docx"
    d.save(p)
    return understand(read(str(p)))


def test_two_forms_in_one_table_each_pair_with_the_funds_block_above_them(tmp_path):
    assert _totals(_one_table(tmp_path, "97.8")) == []      # 50 + 38 + 9.8


def test_a_wrong_total_in_the_first_of_two_forms_fires_with_its_own_execution_score(tmp_path):
    found = _totals(_one_table(tmp_path, "98.8"))
    assert [f.rule for f in found] == ["NC001"]
    assert found[0].evidence["execution_score"] == "9.8"
