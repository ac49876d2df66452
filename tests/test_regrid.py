"""Forms that arrive without a grid (issue 14): one cell per line, flattened
rows, PDF text laid out by position.  The records must be those of the same
report's tab text; a reading that is not sure never yields an error."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fixtures" / "regrid"))

from degrade import degrade  # noqa: E402
from parity import records  # noqa: E402

from narrcheck.checks.registry import run_checks  # noqa: E402
from narrcheck.config import Config  # noqa: E402
from narrcheck.read.text import parse_text  # noqa: E402
from narrcheck.understand.regrid import align, split_header, Tok  # noqa: E402
from narrcheck.understand.report import understand  # noqa: E402

FIX = HERE / "fixtures"
SOURCES = sorted([*FIX.glob("variants/*_20*_*.txt"), *FIX.glob("project/good/*.txt"), *FIX.glob("project/bad/*.txt"),
                  *FIX.glob("dept/*.txt"), *FIX.glob("mediocre/*.txt"), *FIX.glob("mediocre/round2/*.txt")])
LAYOUTS = ("lines", "lines_gone", "flat")


def _errors(text: str):
    rep = understand(parse_text(text, path="x.txt"))
    return sorted(f.rule for f in run_checks(rep, Config()) if f.severity == "error")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("src", SOURCES, ids=[p.stem for p in SOURCES])
def test_degraded_layout_reads_like_the_tab_text(src, layout):
    text = src.read_text(encoding="utf-8")
    ind0, funds0 = records(text)
    ind, funds = records(degrade(text, layout))
    assert ind == ind0
    assert funds == funds0


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("src", SOURCES, ids=[p.stem for p in SOURCES])
def test_degraded_layout_adds_no_error(src, layout):
    """Errors are those of the tab text, or fewer (a 基础数据表 is not re-gridded), never new ones."""
    text = src.read_text(encoding="utf-8")
    before, after = _errors(text), _errors(degrade(text, layout))
    extra = list(after)
    for r in before:
        if r in extra:
            extra.remove(r)
    assert not extra


FLAT = """2023年度项目支出绩效自评表
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产 出 指 标 （50分） 数量指标 培训农民人次 ≥600人次 652人次 10 10
其中：脱贫劳动力 ≥200人次 236人次
质量指标 培训考核合格率 ≥90% 94.1% 10 12
时效指标 培训任务完成时间 2023年10月31日前 2023年10月15日 10 10
总分 30 32
"""


def test_flattened_rows_give_the_columns_by_value_grammar():
    rep = understand(parse_text(FLAT, path="x.txt"))
    rows = [(r.level1, r.level2, r.name, r.text("target"), r.text("actual"), r.weight.number, r.score.number)
            for r in rep.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训农民人次", "≥600人次", "652人次", 10, 10),
        ("产出指标", "数量指标", "其中：脱贫劳动力", "≥200人次", "236人次", None, None),
        ("产出指标", "质量指标", "培训考核合格率", "≥90%", "94.1%", 10, 12),
        ("产出指标", "时效指标", "培训任务完成时间", "2023年10月31日前", "2023年10月15日", 10, 10),
    ]
    form = rep.indicator_forms[0]
    assert form.read_mode == "flattened" and not form.uncertain
    # a score above its weight, read from a sure reading, is an error
    assert "NC400" in _errors(FLAT)


def test_sichuan_columns_direction_and_unit_on_one_line():
    text = ("一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 权重 得分 未完成原因分析\n"
            "产出指标 数量指标 培训农民人次 ≥ 600 人次 652 10 10\n"
            "质量指标 培训考核合格率 ≥ 90 % 94.1 10 10\n")
    rep = understand(parse_text(text, path="x.txt"))
    got = [(r.name, r.target.number, r.target.comparator, r.actual.number, r.actual.unit, r.weight.number)
           for r in rep.indicators]
    assert got == [("培训农民人次", 600, "≥", 652, "人次", 10), ("培训考核合格率", 90, "≥", 94.1, "%", 10)]


def test_one_cell_per_line_with_lost_rowspans():
    lines = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "产出指标（20分）", "数量指标", "新建供水工程", "≥8处", "8处", "10", "10",
             "安装水位标尺", "≥266米", "≥266米", "10", "10",       # rowspan labels only on the first row
             "总分", "20", "20"]
    rep = understand(parse_text("\n".join(lines) + "\n", path="x.txt"))
    got = [(r.level1, r.level2, r.name, r.text("actual"), r.score.number) for r in rep.indicators]
    assert got == [("产出指标", "数量指标", "新建供水工程", "8处", 10), ("产出指标", "数量指标", "安装水位标尺", "≥266米", 10)]
    assert rep.indicator_forms[0].read_mode == "lines"
    assert rep.indicator_forms[0].total.value("score").number == 20


def test_plain_paragraphs_are_not_a_form():
    text = ("一、项目基本情况\n项目年度指标值和实际完成值见附表，分值和得分按评分办法计算。\n"
            "全年培训农民652人次，培训考核合格率94.1%。\n")
    rep = understand(parse_text(text, path="x.txt"))
    assert rep.forms == [] and not rep.document.tables


def test_header_words_split_when_glued_or_spaced():
    assert split_header("一级指标二级指标三级指标年度指标值实际完成值分值得分") == (
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    assert split_header("指标权重(分) 全年预算数(A)") == ("指标权重(分)", "全年预算数(A)")
    assert split_header("全年培训农民652人次") is None


def test_alignment_skips_gone_cells_and_keeps_sub_rows():
    fields = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    toks = [Tok(t, i, True) for i, t in enumerate(
        ["数量指标", "受益学生人数", "≥10,500人", "10,584人", "10", "10",
         "其中：寄宿制学校学生", "≥3,000人", "3,126人",
         "供餐天数", "≥200天", "200天", "10", "10"])]
    rows, _ = align(fields, toks, flat=False)
    got = [[(fields[j], t.text) for j, t in r] for r in rows]
    assert got == [
        [("level2", "数量指标"), ("name", "受益学生人数"), ("target", "≥10,500人"), ("actual", "10,584人"),
         ("weight", "10"), ("score", "10")],
        [("name", "其中：寄宿制学校学生"), ("target", "≥3,000人"), ("actual", "3,126人")],
        [("name", "供餐天数"), ("target", "≥200天"), ("actual", "200天"), ("weight", "10"), ("score", "10")],
    ]


def _by_position(rows, widths):
    """Rows written as pdftotext -layout writes a table without ruling lines: cells padded to columns
    (positions in characters)."""
    out = []
    for r in rows:
        line = ""
        for text, w in zip(r, widths):
            line += text.ljust(w)
        out.append(line.rstrip())
    return "\n".join(out)


W = [14, 14, 12, 18, 14, 14, 8, 8]
PDF_TEXT = "2022 年度项目支出绩效自评表\n" + _by_position([
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "培训农民人次", "≥700 人次", "758 人次", "15", "15"],
    ["", "", "", "开设培训班期数", "≥12 期", "12 期", "10", "14"],
    ["总分", "", "", "", "", "", "25", "29"]], W) + "\n"


def test_pdf_text_by_position_is_read_but_never_an_error():
    rep = understand(parse_text(PDF_TEXT, path="x.txt"))
    got = [(r.name, r.weight.number, r.score.number) for r in rep.indicators]
    assert got == [("培训农民人次", 15, 15), ("开设培训班期数", 10, 14)]
    form = rep.indicator_forms[0]
    assert form.read_mode == "pdf" and form.uncertain
    found = run_checks(rep, Config())
    over = [f for f in found if f.rule == "NC400"]
    assert over and all(f.severity != "error" for f in over)
    assert "读取可信度" in over[0].message
    assert not [f for f in found if f.severity == "error"]


def test_pdf_layout_text_left_aligned_cells_go_under_the_header_they_start_at():
    """pdftotext -layout of a Word form (left-aligned cells): 年度资金总额 starts left of 全年预算数(A) but its
    centre is nearer that long header than 项目资金（万元）'s; it is the label, 210.00 the budget."""
    from narrcheck.understand.report import understand

    head = ("2023年度项目支出绩效自评表\n"
            "项目资金（万元）                        全年预算数(A)     全年执行数(B)            分值                 执行率(B/A)   得分\n")
    rows = ("                   年度资金总额       210.00       197.82              10                 94.20%     9.42\n"
            "                   其中：财政拨款      168.00       157.92              —                  94.00%     —\n"
            "                   其他资金         42.00        39.90               —                  95.00%     —\n")
    rep = understand(parse_text(head + rows, "t.txt"))
    got = [(r.label, r.value("budget_full_year").number, r.value("executed").number) for r in rep.funds]
    assert got == [("年度资金总额", 210.0, 197.82), ("其中：财政拨款", 168.0, 157.92), ("其他资金", 42.0, 39.9)]


def test_reading_order_pdf_text_an_empty_line_between_cells_is_no_empty_cell():
    """pdftotext without -layout writes every cell as a paragraph: one empty line after each cell.
    In a crawler's one-cell-per-line copy an empty line is an empty cell; here it only separates."""
    from narrcheck.understand.report import understand

    cells = ["2022年度部门整体支出绩效自评表", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", "6,400.00", "6,820.00", "6,506.28", "10", "95.40%", "9.54",
             "其中：财政拨款", "5,036.00", "5,456.00", "5,237.76", "—", "96.00%", "—",
             "其他资金", "1,364.00", "1,364.00", "1,268.52", "—", "93.00%", "—"]
    rep = understand(parse_text("\n\n".join(cells) + "\n", "t.txt"))
    got = [(r.label, r.value("budget_initial").number, r.value("budget_full_year").number, r.value("rate").number)
           for r in rep.funds]
    assert got == [("年度资金总额", 6400.0, 6820.0, 95.4), ("其中：财政拨款", 5036.0, 5456.0, 96.0),
                   ("其他资金", 1364.0, 1364.0, 93.0)]
    # a crawler's copy: cells on consecutive lines, an empty line for an empty cell (分值 of the sub-rows)
    crawler = "\n".join(cells[:14] + ["其中：财政拨款", "5,036.00", "5,456.00", "5,237.76", "", "96.00%", ""]) + "\n"
    rep = understand(parse_text(crawler, "t.txt"))
    assert [(r.label, r.value("weight").number, r.value("rate").number) for r in rep.funds] == [
        ("年度资金总额", 10.0, 95.4), ("其中：财政拨款", None, 96.0)]


def test_reading_order_pdf_text_header_out_of_order_is_put_back_and_the_form_is_a_guess():
    """pdftotext put 实际完成值 right after 一级指标 (it stood on the first header line with it) and wrapped
    偏差原因分析及 / 改进措施; the data rows are in column order.  Such a reading is never sure."""
    from narrcheck.understand.report import understand

    cells = ["2023年度项目支出绩效自评表", "一级指标", "实际完成值", "二级指标", "三级指标", "年度指标值", "分值", "得分",
             "偏差原因分析及", "改进措施",
             "产出指标", "数量指标", "危桥改造", "=3座", "3座", "10", "10",
             "质量指标", "养护路段优良路率", "≥80%", "85.1%", "10", "10",
             "效益指标", "社会效益指标", "每公里养护成本", "≤1.2万元", "1.05万元", "10", "8"]
    rep = understand(parse_text("\n\n".join(cells) + "\n", "t.txt"))
    form = next(f for f in rep.forms if f.kind == "indicator")
    got = [(r.name, r.text("target"), r.text("actual"), r.weight.number, r.score.number) for r in form.indicators]
    assert got[0] == ("危桥改造", "=3座", "3座", 10.0, 10.0)
    assert got[2] == ("每公里养护成本", "≤1.2万元", "1.05万元", 10.0, 8.0)
    assert form.read_mode == "reading_order" and form.guessed
