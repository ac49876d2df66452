from narrcheck.model import Paragraph, Table
from narrcheck.read import read
from narrcheck.read.text import decode_bytes, parse_text

from conftest import seed


def test_seed_000_is_one_table_with_continued_cells():
    doc = read(seed("000"))
    tables = doc.tables
    assert len(tables) == 1
    t = tables[0]
    # the "资金\n\n结构\n\n\n" cell continues across empty lines and does not end the table
    texts = [c.text for c in t.cells()]
    assert any(x.startswith("资金\n\n结构") for x in texts)
    assert t.rows[-1][0].text == "总分"
    # the 总分 row is right-aligned under 分值 / 得分
    last = t.rows[-1]
    assert [c.text for c in last[1:3]] == ["100", "100"]
    assert last[1].col == t.ncols - 3


def test_seed_004_level1_label_with_blank_line_stays_in_cell():
    doc = read(seed("004"))
    cells = [c.text for t in doc.tables for c in t.cells()]
    assert "产出指标\n\n(50分)" in cells
    assert not any(isinstance(b, Paragraph) and b.text.strip() == "(50分)" for b in doc.blocks)


def test_paragraphs_between_tables_and_titles():
    doc = read(seed("004"))
    titles = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "2024年度部门整体支出绩效自评表" in titles
    assert "2024年度项目支出绩效自评表" in titles
    assert len(doc.tables) == 3


def test_bookmark_residue_removed():
    doc = read(seed("004"))
    assert not any("[bookmark:" in c.text for t in doc.tables for c in t.cells())


def test_pipe_tables():
    doc = parse_text("标题\n| 一级指标 | 三级指标 | 年度指标值 |\n|---|---|---|\n| 产出指标 | 办文 | ≥10件 |\n正文。\n")
    assert isinstance(doc.blocks[0], Paragraph)
    assert isinstance(doc.blocks[1], Table)
    assert [c.text for c in doc.blocks[1].rows[1]] == ["产出指标", "办文", "≥10件"]
    assert doc.blocks[2].text == "正文。"


def test_gb18030_and_bom():
    text = "2023年度部门整体支出绩效自评报告"
    assert decode_bytes(text.encode("gb18030")) == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
