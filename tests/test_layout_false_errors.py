"""False errors some layouts gave where the Word report has none (issue 14)."""
from __future__ import annotations

from pathlib import Path

from narrcheck.api import check_report, load_report
from narrcheck.config import Config

FIX = Path(__file__).parent / "fixtures" / "layouts"


def _rules(tmp_path, text, name="r.txt", select=("NC001", "NC401")):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    rep = load_report(str(p))
    return rep, [f for f in check_report(rep, Config(select=list(select)))]


def test_hubei_score_header_declares_the_execution_weight(tmp_path):
    """资金情况 | 预算数 | 执行数 | 执行率 | 得分(10分*执行率): no 分值 column, the 10 is in the header.
    The indicators' 90 plus those 10 make the total's 100."""
    text = (FIX / "pipe" / "hb_2024_gonglu.txt").read_text(encoding="utf-8")
    rep, fs = _rules(tmp_path, text)
    assert [f.rule for f in fs] == []
    # the same form with one weight wrong: 85 + 10 ≠ 100 is still an error
    bad = text.replace("| 危桥改造 | =4座 | 4座 | 10 | 10 | 无 |", "| 危桥改造 | =4座 | 4座 | 5 | 5 | 无 |")
    assert bad != text
    rep, fs = _rules(tmp_path, bad)
    assert "NC401" in [f.rule for f in fs]


def test_hubei_docx_has_no_false_weight_sum():
    rep = load_report(str(FIX / "docx" / "hb_2022_nongye.docx"))
    assert [f for f in check_report(rep, Config(select=["NC401"]))] == []


def test_funds_header_with_a_method_column_is_read(tmp_path):
    """项目资金 （万元） … 得分 得分计算方法: the last column names 得分 but holds a text
    (全年执行数÷全年预算数×分值); the funds block is read, and its 10 counts in the total."""
    text = (FIX / "flat" / "nat_2024_huanwei.txt").read_text(encoding="utf-8")
    rep, fs = _rules(tmp_path, text)
    assert [r.source for r in rep.funds] == ["total", "fiscal", "other"]
    assert rep.funds[0].value("weight").number == 10
    assert [f.rule for f in fs] == []


def test_scoring_rule_text_is_the_standard_not_the_name():
    """Hunan 评分表 one cell per line: 可持续影响 | 机制健全得满分 | 10 | 10 — 可持续影响 is the
    三级指标 (the 二级 履职效益 carries down), 机制健全得满分 its 评分标准."""
    for layout in ("lines", "flat"):
        rep = load_report(str(FIX / layout / "hn_2022_zhengfuban.txt"))
        rows = [r for f in rep.forms if f.kind == "score_sheet" for r in f.indicators]
        names = [r.name for r in rows]
        assert "可持续影响" in names and "机制健全得满分" not in names, layout
        row = next(r for r in rows if r.name == "可持续影响")
        assert row.text("standard") == "机制健全得满分"
        assert row.level2 == "履职效益"


def test_glued_score_sheet_stays_at_info():
    """Names and 评分标准 glued with no class change between them are cut by guesswork."""
    rep = load_report(str(FIX / "glued" / "hn_2022_zhengfuban.txt"))
    forms = [f for f in rep.forms if f.kind == "score_sheet"]
    assert forms and all(f.confidence < 0.65 for f in forms)


def test_hunan_base_data_table_in_text_layouts(tmp_path):
    """基础数据表 with no grid: 财政供养人员情况 编制数 实际在职人数 控制率 / 53 48 95.00%
    (48 ÷ 53 = 90.57%: the planted NC353), 经费控制情况（万元） … / “三公”经费 21.30 20.00 18.62."""
    for layout in ("flat", "lines", "lines_nogap", "lines_bar"):
        text = (FIX / layout / "hn_2022_zhengfuban.txt").read_text(encoding="utf-8")
        rep, fs = _rules(tmp_path, text, select=("NC353",))
        staff = [r for f in rep.forms if f.kind == "staff_table" for r in f.records]
        base = [r for f in rep.forms if f.kind == "base" for r in f.records]
        assert [(r.text("authorized"), r.text("actual_staff")) for r in staff] == [("53", "48")], layout
        assert [r.text("label") for r in base] == ["“三公”经费", "公用经费"], layout
        assert any(f.rule == "NC353" and "95" in f.text for f in fs), layout
        # the right rate is silent
        ok = text.replace("95.00%", "90.57%", 1)
        rep, fs = _rules(tmp_path, ok, select=("NC353",))
        assert fs == [], layout


def _indicators(path):
    rep = load_report(str(path))
    forms = [f for f in rep.forms if f.kind == "indicator"]
    return forms, {r.name: r for f in forms for r in f.indicators}


def test_header_one_cell_short_is_aligned_by_content():
    """HTML: 一级指标 … 扣分原因 (8 cells) over rows 1 | 产出指标 | 数量指标 | 新建供水工程 | ≥8处 | 8处 | 10 | 10 | (9 cells):
    an unlabelled 序号 column shifts every column by one; the content says so."""
    forms, rows = _indicators(FIX / "html" / "gd_2022_shuiwu_dept.html")
    assert forms[0].offset == 1 and forms[0].uncertain
    r = rows["新建供水工程"]
    assert (r.level1, r.level2, r.text("target"), r.text("actual"), r.weight.number, r.score.number) == \
        ("产出指标", "数量指标", "≥8处", "8处", 10, 10)
    assert forms[0].total.value("score").number == 98.57
    # the same report as Word has its header in place: nothing moves, the reading stays sure
    forms, rows = _indicators(FIX / "docx" / "gd_2022_shuiwu_dept.docx")
    assert all(f.offset == 0 and not f.uncertain for f in forms)
    assert rows["新建供水工程"].text("target") == "≥8处"


def test_empty_header_cell_right_of_a_value_header_is_its_second_half():
    """pipe text: | 年度指标值 |  | 实际完成值 | over | ≥ | 50台（套） | 52台（套） |."""
    forms, rows = _indicators(FIX / "pipe" / "he_2022_weijian_dept.txt")
    assert rows["配置基层医疗设备"].target.comparator == "≥"
    assert rows["配置基层医疗设备"].target.number == 50
    assert rows["设备采购完成时间"].text("target") == "2022年8月31日前"
    assert rows["配置基层医疗设备"].text("actual") == "52台（套）"


def test_base_table_laid_out_by_position_is_read_but_unsure():
    """pdftotext -layout: the same 基础数据表 with cells apart by runs of spaces is read,
    and as PDF text by position it never yields more than info."""
    rep = load_report(str(FIX / "pdftext" / "hn_2022_zhengfuban.txt"))
    fs = [f for f in check_report(rep, Config(select=["NC353"])) if "95.00" in (f.text or "")]
    assert fs and all(str(f.severity).endswith("info") or "info" in str(f.severity).lower() for f in fs)


def test_form_continues_across_a_note_paragraph(tmp_path):
    """注：火灾受害率按千分比计。 pasted between two parts of the form: the next table has no
    header and the same width, so it continues the form (rows and the 总分 row 96.50, whose
    planted NC001 — the scores add up to 99.42 — is found in Word as in the text layouts)."""
    for path in (FIX / "docx" / "nm_2023_linye_dept.docx", FIX / "pipe" / "nm_2023_linye_dept.txt"):
        rep = load_report(str(path))
        ind = [r.name for f in rep.forms if f.kind == "indicator" for r in f.indicators]
        assert "林区群众满意度" in ind and len(ind) == 8, path
        assert any(f.rule == "NC001" for f in check_report(rep, Config(select=["NC001"]))), path
    # a table of another width after the note is another table
    text = (FIX / "pipe" / "nm_2023_linye_dept.txt").read_text(encoding="utf-8")
    i = text.index("注：火灾受害率按千分比计。")
    tail = "\n".join(line + " x |" if line.startswith("|") else line for line in text[i:].split("\n"))
    rep, fs = _rules(tmp_path, text[:i] + tail, select=("NC001",))
    ind = [r.name for f in rep.forms if f.kind == "indicator" for r in f.indicators]
    assert "林区群众满意度" not in ind


def test_header_realigned_by_content_when_no_constant_offset_fits():
    """Tab text: the header row (一级指标 stretched over two columns, 年度指标值 one cell) is
    one short of rows whose target is written in two cells (≥ | 50台（套）): no constant offset
    fits, an in-order alignment by content does."""
    forms, rows = _indicators(FIX / "tab" / "he_2022_weijian_dept.txt")
    r = rows["配置基层医疗设备"]
    assert (r.level1, r.level2, r.target.comparator, r.target.number, r.text("actual"), r.weight.number) == \
        ("产出指标", "数量指标", "≥", 50, "52台（套）", 10)
    assert forms[0].offset and forms[0].uncertain


def test_the_weight_on_the_funds_blocks_spanning_cell_counts_in_every_layout():
    """Sichuan 部门整体: 年度预算执行情况（10分） spans the funds block, which has a 得分 column and no 分值;
    the goal block after it is headed 年度绩效目标 | 年初绩效目标 | 全年目标实际完成情况.  The indicators'
    90 plus the block's 10 make the 100, and its 得分 is part of the 总分, in every layout that reads the form."""
    import json

    key = next(k for k in json.loads((FIX / "key.json").read_text(encoding="utf-8"))
               if k["id"] == "sc_2023_weijian_dept")
    assert key["exec_weight"] == "10" and not key["planted"]
    for layout in ("docx", "html", "tab", "pipe", "lines", "lines_nogap", "lines_bar", "flat", "glued", "pdf_unruled"):
        path = next((FIX / layout).glob("sc_2023_weijian_dept.*"))
        rep = load_report(str(path))
        assert [f.rule for f in check_report(rep, Config(select=["NC001", "NC401"]))] == [], layout
    # the same form with a total that neither sum gives is still found
    text = (FIX / "pipe" / "sc_2023_weijian_dept.txt").read_text(encoding="utf-8")
    total = key["total"]["score"]
    wrong = f"{float(total) - 1.5:.2f}"
    assert text.count(f"| {total} |") == 1
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "sc.txt"
        p.write_text(text.replace(f"| {total} |", f"| {wrong} |"), encoding="utf-8")
        rep = load_report(str(p))
        assert [f.rule for f in check_report(rep, Config(select=["NC001"]))] == ["NC001"]


def _indicator_names(path):
    rep = load_report(str(path))
    return [r.name.replace(" ", "") for f in rep.forms if f.kind == "indicator" for r in f.indicators]


def test_a_row_cut_by_a_page_break_is_joined_in_word_html_and_text(tmp_path):
    """Word, HTML and pipe text keep the two parts of a row cut by a page break: 水质达 | 10 | ≥95% | 97.4% | 10
    at the foot of a table, 标率 alone at the top of the next."""
    for layout in ("docx", "docx_unruled", "html", "pipe", "tab"):
        names = _indicator_names(next((FIX / layout).glob("ah_2022_shuili.*")))
        assert "水质达标率" in names and "水质达" not in names and "标率" not in names, (layout, names)


def test_a_blank_indicator_at_the_top_of_a_page_stays_a_row(tmp_path):
    """A name of its own (管网漏损率, not in the report's text) with no values at the top of the next table is an
    indicator left blank, not the tail of the row above."""
    text = (FIX / "pipe" / "ah_2022_shuili.txt").read_text(encoding="utf-8")
    assert text.count("|  | 标率 |") == 1
    p = tmp_path / "ah.txt"
    p.write_text(text.replace("|  | 标率 |", "|  | 管网漏损率 |"), encoding="utf-8")
    names = _indicator_names(p)
    assert "水质达" in names and "管网漏损率" in names
