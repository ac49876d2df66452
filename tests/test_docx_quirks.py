"""Word/WPS quirks, one per file (tests/fixtures/docx_quirks, README there).

Every file is the same consistent report as 00_baseline.docx (no finding); each
test asserts what the reader/understanding layer makes of one quirk and that
the false alarm it used to cause is gone."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config
from narrcheck.model import Paragraph
from narrcheck.read.docx import format_number, read_docx
from narrcheck.understand.forms import Record, FieldValue, is_continued_mark, is_placeholder
from narrcheck.understand.values import Value

Q = Path(__file__).resolve().parent / "fixtures" / "docx_quirks"
FORM_TITLE = "2024年度青溪县农村供水保障项目支出绩效自评表"
PLANT = "项目实施后社会效益显著，群众满意度明显提升。"
EFFECT_SECTION = "三、项目绩效目标完成情况 > （二）效益指标完成情况"

# (level1, level2, name, target number, comparator, actual number, weight, score) of common.IND
BASE_ROWS = [
    ("产出指标", "数量指标", "新建集中供水工程", 12.0, "≥", 12.0, 15.0, 15.0),
    ("产出指标", "数量指标", "改造供水管网长度", 40.0, "≥", 38.0, 10.0, 9.5),
    ("产出指标", "质量指标", "工程验收合格率", 95.0, "≥", 100.0, 10.0, 10.0),
    ("产出指标", "时效指标", "供水工程按期完工率", 90.0, "≥", 100.0, 5.0, 5.0),
    ("产出指标", "成本指标", "单处工程平均造价", 30.0, "≤", 28.5, 10.0, 10.0),
    ("效益指标", "社会效益指标", "受益人口", 2.4, "≥", 2.56, 15.0, 15.0),
    ("效益指标", "可持续影响指标", "工程运行维护率", 90.0, "≥", 95.0, 15.0, 15.0),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", 90.0, "≥", 96.0, 10.0, 10.0),
]


def _rep(name: str):
    return load_report(str(Q / f"{name}.docx"))


def _rows(rep):
    return [(r.level1, r.level2, r.name, r.target.number, r.target.comparator, r.actual.number, r.weight.number,
             r.score.number) for r in rep.indicators if not r.empty]


def _paths(rep) -> list[str]:
    out = []

    def walk(secs):
        for s in secs:
            out.append(s.path)
            walk(s.children)
    walk(rep.sections.root)
    return out


_findings_cache: dict = {}


def _findings(name: str):
    if name not in _findings_cache:
        _findings_cache[name] = check_report(_rep(name), Config())
    return _findings_cache[name]


def _rules(name: str) -> set[str]:
    return {f.rule for f in _findings(name)}


# ---------------------------------------------------------------- every file reads as the baseline
SAME_AS_BASELINE = ["00_baseline", "01a_numpr_headings", "01b_heading_styles_numbered_by_style", "02_gridbefore_rows",
                    "03b_gridspan_target_two_cols", "04a_split_repeat_header", "04b_split_no_header",
                    "04c_split_xubiao_paragraph", "04d_split_mid_cell", "05a_sdt_block",
                    "05b_sdt_repeating_section_rows", "05c_sdt_cell_and_inline", "05d_sdt_single_level_rows",
                    "06_textbox", "07a_tracked_ins_del", "07b_tracked_move", "08a_runs_paras_breaks",
                    "08b_spaced_labels_fullwidth", "09_nested_indicator_table", "10_template_rows",
                    "11_title_in_table", "12_whole_report_one_table", "12b_label_column_table",
                    "13_hidden_text_and_field", "15_vmerge_deviation_column", "16_frame_table_whole_report"]


@pytest.mark.parametrize("name", SAME_AS_BASELINE)
def test_indicator_rows_read_as_in_the_baseline(name):
    rep = _rep(name)
    assert _rows(rep) == BASE_ROWS
    forms = rep.indicator_forms
    assert len(forms) == 1
    assert (forms[0].total.value("weight").number, forms[0].total.value("score").number) == (100, 99.1)


# ---------------------------------------------------------------- #4 vMerge weight/score
def test_vmerged_weight_and_score_count_once():
    rep = _rep("14_vmerge_weight_score")
    rows = {r.name: r for r in rep.indicators}
    first, second = rows["受益群众满意度"], rows["村级管水员满意度"]
    assert (first.weight.number, first.score.number) == (10, 10)
    # the continuation row keeps its labels and its own values, not the shared numbers
    assert (second.weight.number, second.score.number) == (None, None)
    assert (second.level1, second.level2, second.target.number, second.actual.number) == \
        ("满意度指标", "服务对象满意度指标", 90, 95)
    assert sum(r.weight.number or 0 for r in rep.indicators) == 90
    assert not _rules("14_vmerge_weight_score") & {"NC001", "NC401"}


def test_vmerged_deviation_still_carries_down():
    rep = _rep("15_vmerge_deviation_column")
    assert all(r.deviation.startswith("改造供水管网长度：") for r in rep.indicators)


# ---------------------------------------------------------------- #5 续表
def test_continued_mark_between_split_tables_keeps_the_form():
    rep = _rep("04c_split_xubiao_paragraph")
    (form,) = rep.indicator_forms
    assert form.tables == [0, 1]
    assert [r.name for r in form.indicators][3:] == ["供水工程按期完工率", "单处工程平均造价", "受益人口", "工程运行维护率",
                                                     "受益群众满意度"]
    assert form.indicators[3].level1 == "产出指标" and form.indicators[3].section == FORM_TITLE
    assert "NC401" not in _rules("04c_split_xubiao_paragraph")


@pytest.mark.parametrize("text", ["（续表）", "续表", "续上表", "（续）", "(续表)", "续表1", "表1（续）", "附表2(续)"])
def test_continued_marks(text):
    assert is_continued_mark(text)


@pytest.mark.parametrize("text", ["续建项目", "继续实施", "注：续表见下页各项指标的完成情况说明", "附件", "自评表"])
def test_not_continued_marks(text):
    assert not is_continued_mark(text)


# ---------------------------------------------------------------- #12 template rows
def test_template_rows_are_empty():
    rep = _rep("10_template_rows")
    empty = [r for r in rep.indicators if r.empty]
    assert [r.row for r in empty] == [12, 18, 20]
    last = empty[-1]
    assert last.name == "……" and last.text("target") == "" and last.text("actual") == ""
    assert not _rules("10_template_rows") & {"NC002", "NC180"}


@pytest.mark.parametrize("text,expected", [("……", True), ("…", True), ("...", True), ("XX", True), ("——", True),
                                           ("—", True), ("/", True), ("12处", False), ("≥XX个", False), ("", False)])
def test_placeholders(text, expected):
    assert is_placeholder(text) is expected


# ---------------------------------------------------------------- #3 list numbering and heading styles
def test_list_labels_and_outline_levels():
    doc = read_docx(str(Q / "01a_numpr_headings.docx"))
    heads = [(b.label, b.text) for b in doc.blocks if isinstance(b, Paragraph) and b.label]
    assert heads[:3] == [("一、", "项目基本情况"), ("（一）", "项目概况"), ("（二）", "项目绩效目标")]
    assert [h for h in heads if h[0].endswith("、")][-1] == ("六、", "下一步改进措施")
    assert ("（三）", "满意度指标完成情况") in heads       # level 2 restarts under each level 1
    doc = read_docx(str(Q / "01b_heading_styles_numbered_by_style.docx"))
    styled = [(b.style, b.label, b.outline) for b in doc.blocks if isinstance(b, Paragraph) and b.outline is not None]
    assert styled[:2] == [("Heading1", "一、", 0), ("Heading2", "（一）", 1)]
    # body paragraphs: no label, no outline level
    body = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("青溪县农村供水保障项目由"))
    assert (body.label, body.outline) == ("", None)


@pytest.mark.parametrize("name", ["P01a_numpr_plant", "P01b_styles_plant"])
def test_numbered_headings_give_the_baseline_sections_and_findings(name):
    base, rep = _rep("P00_baseline_plant"), _rep(name)
    assert _paths(rep) == _paths(base)
    assert EFFECT_SECTION in _paths(rep)
    # the label is not in the text: offsets into the paragraph are the document's own
    p = next(b for b in rep.document.blocks if isinstance(b, Paragraph) and b.label == "三、")
    assert p.text == "项目绩效目标完成情况" and p.display == "三、项目绩效目标完成情况"

    def vague(fs):
        return [(f.rule, f.location.section, f.text, f.location.start, f.location.end) for f in fs
                if f.rule == "NC205"]
    got = vague(check_report(rep, Config()))
    assert got == vague(check_report(base, Config()))
    assert got and got[0][1:3] == (EFFECT_SECTION, PLANT)


def test_list_numbered_heading_is_not_read_as_a_sentence(tmp_path):
    """（二）社会效益显著提升 typed is a heading (no NC205); drawn by list numbering it
    must be one too, not a vague sentence."""
    out = tmp_path / "gen"
    out.mkdir()
    for f in ("common.py", "gen_all.py"):
        shutil.copy(Q / f, out / f)
    script = ("import common as C, gen_all as G\n"
              "old = C.NARRATIVE[8]\n"
              "C.NARRATIVE[8] = (old[0], old[1], '社会效益显著提升', old[3])\n"
              "C.baseline('typed.docx')\n"
              "G.v01a_numpr()\n")
    subprocess.run([sys.executable, "-c", script], cwd=out, check=True)
    for name in ("typed.docx", "01a_numpr_headings.docx"):
        rep = load_report(str(out / name))
        assert "三、项目绩效目标完成情况 > （二）社会效益显著提升" in _paths(rep)
        assert [f for f in check_report(rep, Config()) if f.rule == "NC205"] == [], name


def test_unnumbered_heading_style_is_a_heading(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("项目基本情况", style="Heading 1")
    d.add_paragraph("项目概况", style="Heading 2")
    d.add_paragraph("正文，完成率98%。")
    d.add_paragraph("绩效目标", style="Heading 2")
    d.add_paragraph("这是一段很长的正文。" * 3, style="Heading 2")      # a sentence is not a heading
    p = d.add_paragraph("资金使用情况")                                  # Normal style, direct outline level 0
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    d.add_paragraph("执行情况", style="Heading 2")
    d.save(tmp_path / "h.docx")
    rep = load_report(str(tmp_path / "h.docx"))
    assert _paths(rep) == ["项目基本情况", "项目基本情况 > 项目概况", "项目基本情况 > 绩效目标", "资金使用情况",
                           "资金使用情况 > 执行情况"]


@pytest.mark.parametrize("n,fmt,expected", [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"),
                                            (11, "chineseCounting", "十一"), (20, "chineseCounting", "二十"),
                                            (23, "chineseCounting", "二十三"), (105, "chineseCounting", "一百零五"),
                                            (3, "chineseLegalSimplified", "叁"), (2, "decimalEnclosedCircle", "②"),
                                            (4, "lowerLetter", "d"), (4, "upperRoman", "IV"), (7, "decimal", "7"),
                                            (2, "ideographTraditional", "乙"), (3, "bullet", "")])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


# ---------------------------------------------------------------- #6/#7 horizontal spans
def test_target_under_a_two_column_header_is_joined():
    rep = _rep("03b_gridspan_target_two_cols")
    row = rep.indicators[1]
    fv = row.get("target")
    assert (fv.text, fv.value.number, fv.value.comparator, fv.value.unit) == ("≥40公里", 40, "≥", "公里")
    assert fv.cell.text == "40公里" and fv.col == 4 and fv.offset == 1
    # offsets into the joined value point into the cell that holds the number
    loc = row.location("target", 1, 5)
    assert (loc.col, loc.start, loc.end) == (4, 0, 4)
    assert "NC204" not in _rules("03b_gridspan_target_two_cols")


def test_location_offset_of_plain_values_unchanged():
    rec = Record(kind="indicator", table=0, block=0, row=3)
    rec.fields["actual"] = FieldValue("38公里", Value(raw="38公里", kind="number"), None, 4, "实际完成值")
    loc = rec.location("actual", 0, 2)
    assert (loc.start, loc.end, loc.col) == (0, 2, 4)


def test_label_spanning_level2_and_name_columns():
    rep = _rep("03a_gridspan_level2_name")
    last = rep.indicators[-1]
    assert (last.level1, last.level2, last.name, last.weight.number) == ("满意度指标", "受益群众满意度", "受益群众满意度", 10)
    assert "NC185" not in _rules("03a_gridspan_level2_name")


# ---------------------------------------------------------------- #8/#9 moves, hidden text
def test_tracked_move_reads_the_new_place_only():
    doc = read_docx(str(Q / "07b_tracked_move.docx"))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "截至2024年12月31日，项目实际支出480万元，预算执行率96%。" in texts
    assert sum("工程建设支出456万元" in t for t in texts) == 1
    assert any(t.endswith("项目实际支出480万元中，工程建设支出456万元、工程监理费24万元。") for t in texts)
    assert any("tracked moves" in n for n in doc.notes)


def test_hidden_text_is_not_read():
    rep = _rep("13_hidden_text_and_field")
    row = next(r for r in rep.indicators if r.name == "改造供水管网长度")
    assert row.text("actual") == "38公里" and row.actual.number == 38
    assert any("hidden text" in n for n in rep.document.notes)
    assert "NC403" not in _rules("13_hidden_text_and_field")


def test_fast_and_exact_text_agree_on_quirk_files():
    """read_docx's prepared tree and the exact walker the Word-comment renderer
    uses give the same paragraph text (moves, hidden runs, frames, nested sdt)."""
    import docx

    from narrcheck.read.docx import iter_body, paragraph_text, textbox_paragraphs

    for name in ("07b_tracked_move", "13_hidden_text_and_field", "16_frame_table_whole_report",
                 "05b_sdt_repeating_section_rows", "09_nested_indicator_table", "01a_numpr_headings"):
        doc = read_docx(str(Q / f"{name}.docx"))
        exact, kinds = [], []
        for kind, el in iter_body(docx.Document(str(Q / f"{name}.docx")).element.body):
            kinds.append(kind)
            if kind == "p":
                exact.append(paragraph_text(el))
                exact.extend(paragraph_text(b) for b in textbox_paragraphs(el))
                kinds.extend("p" for _ in textbox_paragraphs(el))
        assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == exact, name
        assert len(kinds) == len(doc.blocks), name


# ---------------------------------------------------------------- #2 nested content controls
def test_rows_in_a_repeating_section_are_read():
    rep = _rep("05b_sdt_repeating_section_rows")
    (t,) = rep.document.tables
    assert t.nrows == 19
    assert [r.row for r in rep.indicators] == list(range(10, 18))


# ---------------------------------------------------------------- #1 frame and nested tables
def test_frame_table_is_read_as_body_content():
    rep, base = _rep("16_frame_table_whole_report"), _rep("00_baseline")
    def content(r):
        return [b.text if isinstance(b, Paragraph) else "<table>" for b in r.document.blocks
                if not isinstance(b, Paragraph) or b.text.strip()]
    assert content(rep) == content(base)
    assert _paths(rep) == _paths(base)
    assert not _findings("16_frame_table_whole_report")


def test_nested_indicator_table_is_a_table_of_its_own():
    rep = _rep("09_nested_indicator_table")
    holder, inner = rep.document.tables
    assert inner.nested_in == holder.block and inner.block == holder.block + 1
    # still on its cell too
    assert any(c.tables for c in holder.cells())
    (form,) = rep.indicator_forms
    assert form.table == inner.number and form.title == FORM_TITLE and form.project == "青溪县农村供水保障项目"
    assert not _rules("09_nested_indicator_table") & {"NC001", "NC401"}


# ---------------------------------------------------------------- #10/#11 titles and headings in table rows
def test_form_title_in_the_first_table_row():
    rep = _rep("11_title_in_table")
    assert {f.title for f in rep.forms if f.kind in ("funds", "goal", "indicator")} == {FORM_TITLE}
    assert {r.section for r in rep.indicators} == {FORM_TITLE}


def test_report_written_in_one_table():
    rep = _rep("P12_one_table_plant")
    assert EFFECT_SECTION in _paths(rep)
    assert "二、项目资金使用及管理情况 > （二）预算执行情况" in _paths(rep)
    hits = [f for f in _findings("P12_one_table_plant") if f.rule == "NC205"]
    assert [(f.location.section, f.text) for f in hits] == [(EFFECT_SECTION, PLANT)]


# ---------------------------------------------------------------- the Word-comment renderer on these layouts
def _build_planted(tmp_path: Path, variants: list[str]) -> Path:
    """Rebuild some variants with a planted vague sentence and a wrong score
    (工程验收合格率 8 of 10: NC403, NC001)."""
    out = tmp_path / "gen"
    out.mkdir()
    for f in ("common.py", "gen_all.py"):
        shutil.copy(Q / f, out / f)
    script = (
        "import common as C, gen_all as G\n"
        "C.IND[2] = ('产出指标（50分）', '质量指标', '工程验收合格率', '≥95%', '100%', '10', '8', '')\n"
        "old = C.NARRATIVE[8]\n"
        "C.NARRATIVE[8] = (old[0], old[1], old[2], old[3] + [G.PLANT_SENT])\n"
        f"for name in {variants!r}:\n"
        "    getattr(G, name)()\n")
    subprocess.run([sys.executable, "-c", script], cwd=out, check=True)
    return out


def test_comments_land_on_the_flagged_text(tmp_path):
    from narrcheck.api import ReportResult
    from narrcheck.render.common import finding_key
    from narrcheck.render.docx import annotate, read_comments

    out = _build_planted(tmp_path, ["v01a_numpr", "v16_frame_table", "v05b_sdt_repeating_rows", "v14_vmerge_weight"])
    for path in sorted(out.glob("*.docx")):
        rep = load_report(str(path))
        fs = check_report(rep, Config())
        assert {"NC205", "NC403"} <= {f.rule for f in fs}, path.name
        dst = tmp_path / (path.stem + ".narrcheck.docx")
        annotate(ReportResult(path=str(path), report=rep, findings=fs), str(dst))
        by_key = {c["key"]: c for c in read_comments(str(dst))}
        for f in fs:
            c = by_key[finding_key(f)]
            assert "（全文）" not in c["text"], (path.name, f.rule)
            assert c["anchor"] == f.text, (path.name, f.rule, c["anchor"], f.text)


def test_generators_rebuild_the_fixture_files(tmp_path):
    out = tmp_path / "gen"
    out.mkdir()
    for f in Q.glob("*.py"):
        shutil.copy(f, out / f.name)
    subprocess.run([sys.executable, "gen_all.py"], cwd=out, check=True, capture_output=True)
    built = sorted(p.name for p in out.glob("*.docx"))
    assert built == sorted(p.name for p in Q.glob("*.docx"))

    def blocks(p):
        return [b.text if isinstance(b, Paragraph) else [[c.text for c in row] for row in b.rows]
                for b in read_docx(str(p)).blocks]
    for name in built:
        assert blocks(out / name) == blocks(Q / name), name


def _annotated_anchors(tmp_path: Path, path: Path) -> list[tuple[str, str, str]]:
    from narrcheck.api import ReportResult
    from narrcheck.render.common import finding_key
    from narrcheck.render.docx import annotate, read_comments

    rep = load_report(str(path))
    fs = check_report(rep, Config())
    dst = tmp_path / (path.stem + ".narrcheck.docx")
    annotate(ReportResult(path=str(path), report=rep, findings=fs), str(dst))
    by_key = {c["key"]: c for c in read_comments(str(dst))}
    return [(f.rule, by_key[finding_key(f)]["anchor"], f.text) for f in fs]


def test_comment_in_a_nested_table(tmp_path):
    out = _build_planted(tmp_path, ["v09_nested"])
    got = _annotated_anchors(tmp_path, out / "09_nested_indicator_table.docx")
    assert {r for r, _, _ in got} >= {"NC205", "NC403", "NC001"}
    assert all(anchor == text for _, anchor, text in got), got


def test_comment_after_hidden_text(tmp_path):
    out = tmp_path / "gen"
    out.mkdir()
    shutil.copy(Q / "common.py", out / "common.py")
    script = (
        "from common import *\n"
        "import common as C\n"
        "d = new_doc(); add_title(d); add_narrative(d)\n"
        "txt = C.NARRATIVE[8][3][0]\n"
        "p = next(p for p in d.element.body.findall(qn('w:p')) if ''.join(t.text or '' for t in p.iter(qn('w:t'))) == txt)\n"
        "for r in p.findall(qn('w:r')): p.remove(r)\n"
        "p.append(run('旧版本隐藏文字。', rpr_extra=[el('w:vanish')]))\n"
        f"p.append(run(txt + {PLANT!r}))\n"
        "d.save('hidden.docx')\n")
    subprocess.run([sys.executable, "-c", script], cwd=out, check=True)
    got = _annotated_anchors(tmp_path, out / "hidden.docx")
    assert any(r == "NC205" for r, _, _ in got)
    assert all(anchor == text for _, anchor, text in got), got
