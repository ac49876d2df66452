"""A row cut by a page break in one-cell-per-line text (issue 14 item 3).

A copy of a paged document (文库, a PDF turned into a web page) keeps, between the two halves of the row
the page break cut, the page's footer (— 2 —) and the form's header repeated on the next page:
水质达 | 10 | ≥95% | 97.4% | 10, then the header, then 标率 alone.  The header repeated inside the form is
a page break: the first cell after it starts a row, and a row that holds only the end of a name
(≤ 4 characters, no value) is the tail of the row above, as in the Word and PDF copies."""
from __future__ import annotations

from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = """皖北县水利局2022年度小型水利工程维修养护项目支出绩效自评报告
一、基本情况
全年新建供水工程7处。
2022年度项目支出绩效目标自评表
二级指标
三级指标
分值
年度指标值
全年实际值
得分
偏差原因分析及改进措施
产 出 指 标 (50分)
数量指标
新建供水工程
10
≥7处
7处
10

质量指标
{head}
10
≥95%
97.4%
10

"""
BREAK = """— 2 —
二级指标
三级指标
分值
年度指标值
全年实际值
得分
偏差原因分析及改进措施
"""
TAIL = """
{tail}





时效指标
工程完工时间
10
2022年9月30日前
2022年9月16日
10

合计
30
30
"""


def _names(text):
    rep = understand(parse_text(text, path="x.txt"))
    ind = next(f for f in rep.forms if f.kind == "indicator")
    return [(r.name, r.weight.number, r.score.number) for r in ind.indicators]


def test_the_tail_after_a_page_break_rejoins_the_cut_name():
    names = _names(HEAD.format(head="水质达") + BREAK + TAIL.format(tail="标率"))
    assert names == [("新建供水工程", 10, 10), ("水质达标率", 10, 10), ("工程完工时间", 10, 10)]


def test_a_row_of_its_own_after_a_page_break_is_not_joined():
    # a name too long to be a tail (an indicator left unfilled) stays a row of its own
    names = [n for n, _, _ in _names(HEAD.format(head="水质达标率") + BREAK + TAIL.format(tail="管网漏损控制情况"))]
    assert "水质达标率" in names and not any(n.startswith("水质达标率管网") for n in names)


def test_without_a_page_break_a_short_text_is_not_joined_to_the_name():
    # no repeated header between them: nothing says the row was cut, so the name stays as printed
    names = [n for n, _, _ in _names(HEAD.format(head="水质达") + TAIL.format(tail="标率"))]
    assert "水质达标率" not in names


def test_a_page_counter_alone_between_the_halves_is_a_page_break_too():
    # the page's footer (— 2 —, dropped as page furniture) and no repeated header
    names = _names(HEAD.format(head="水质达") + "— 2 —\n" + TAIL.format(tail="标率"))
    assert names == [("新建供水工程", 10, 10), ("水质达标率", 10, 10), ("工程完工时间", 10, 10)]


def test_a_page_counter_keeps_the_empty_cells_before_it():
    # 质量指标 | 水质达标率 | 10 | ≥95% | 97.4% | 10 | (empty), the footer, then the next row: the empty
    # line before the footer is the empty 偏差原因 cell, not lost with the footer
    names = _names(HEAD.format(head="水质达标率") + "— 2 —\n" + TAIL.format(tail="").replace("\n\n", "\n", 1))
    assert names == [("新建供水工程", 10, 10), ("水质达标率", 10, 10), ("工程完工时间", 10, 10)]
