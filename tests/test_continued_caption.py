"""A 续表 caption is no form title: the indicator table after it continues the form before it and pairs
with that form's funds block (issue 14 item 3; held-out set 5: a Word form split into the funds/goal
table and, after a 续表 caption, the indicator table with the 总分 row)."""
from __future__ import annotations

import docx

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read import read
from narrcheck.understand.report import understand

FUNDS = [["项目名称", "2022年农村公路养护补助资金", "", "", "", "", "", ""],
         ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
         ["", "年度资金总额", "500", "500", "480", "10", "96%", "9.6"],
         ["", "其中：财政拨款", "500", "500", "480", "—", "96%", "—"],
         ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
         ["", "完成农村公路养护120公里", "", "", "完成养护120公里", "", "", ""]]
ROWS = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "养护里程", "≥120公里", "120公里", "30", "30", ""],
        ["产出指标", "质量指标", "路况优良率", "≥80%", "83.5%", "20", "20", ""],
        ["效益指标", "社会效益指标", "群众出行便利度", "≥90%", "92%", "30", "30", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", "10", "10", ""]]


def _report(tmp_path, caption: str, total_score: str):
    d = docx.Document()
    d.add_paragraph("滦南县2022年农村公路养护补助资金项目绩效自评报告")
    d.add_paragraph("一、项目概况。2022年安排农村公路养护补助资金500万元，执行480万元。")
    d.add_paragraph("2022年度项目支出绩效自评表")
    for rows in (FUNDS, ROWS + [["总分", "", "", "", "", "100", total_score, ""]]):
        if rows is not FUNDS:
            d.add_paragraph(caption)
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    p = tmp_path / "r.docx"
    d.save(p)
    return understand(read(str(p)))


def _totals(rep):
    return [f for f in run_checks(rep, Config()) if f.rule in ("NC001", "NC401")]


def test_the_indicator_table_after_a_continued_caption_pairs_with_the_funds_block(tmp_path):
    rep = _report(tmp_path, "续表", "99.6")            # 30 + 20 + 30 + 10 + 9.6 = 99.6, weights 90 + 10 = 100
    assert _totals(rep) == []
    ind = next(f for f in rep.forms if f.kind == "indicator")
    assert ind.title == "2022年度项目支出绩效自评表"


def test_a_wrong_total_after_a_continued_caption_still_fires_with_the_funds_score(tmp_path):
    rep = _report(tmp_path, "续表", "98.6")
    found = _totals(rep)
    assert [f.rule for f in found] == ["NC001"]
    assert found[0].evidence["execution_score"] == "9.6"
