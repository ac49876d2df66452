"""The .txt export and the rebuilt .docx of each seed (merged level columns, a
two-row header in 002, a form split over two tables in 004) give the same records."""
import pytest

from narrcheck.api import load_report

from conftest import DOCX, FIXTURES, SEEDS

SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _records(rep):
    ind = [{k: v for k, v in r.to_dict().items() if k not in ("table", "row")} for r in rep.indicators]
    funds = [{k: v for k, v in r.to_dict().items() if k not in ("table", "row_index")} for r in rep.funds]
    staff = sorted((k, v.text.strip()) for rec in rep.records("staff") for k, v in rec.fields.items())
    return ind, funds, staff


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_text_and_docx_give_same_records(name):
    txt = load_report(str(SEEDS / f"{name}.txt"))
    dox = load_report(str(DOCX / f"{name}.docx"))
    assert dox.document.reader == "docx" and txt.document.reader == "text"
    assert _records(txt) == _records(dox)
    assert txt.meta.to_dict() == dox.meta.to_dict()
    totals = lambda rep: [(f.title, f.total.text("score").strip() if f.total else None) for f in rep.indicator_forms]
    assert totals(txt) == totals(dox)


def test_split_form_is_joined_in_docx_004():
    dox = load_report(str(DOCX / "004_0c4b3fbed2722708.docx"))
    form = next(f for f in dox.indicator_forms if "部门整体" in f.title)
    assert len(form.tables) == 2
    assert len([r for r in form.indicators if not r.empty]) == 15
    assert form.total.value("score").number == 98.85


def test_two_row_header_in_docx_002():
    dox = load_report(str(DOCX / "002_5069244cfe29a9a5.docx"))
    proj = next(f for f in dox.indicator_forms if "项目" in f.title)
    fields = {f for f, _ in proj.header.values()}
    assert {"target", "actual", "weight", "score"} <= fields
    row = next(r for r in proj.indicators if r.name == "组织和服务成本")
    assert (row.text("target"), row.text("actual")) == ("≤482.29万元", "481.27万元")


def test_provincial_variants():
    hb = load_report(str(FIXTURES / "hb_2023_qingfeng_nongye_project.docx"))
    r = next(r for r in hb.indicators if r.name == "新建高标准农田面积")
    # separate 指标性质 and 度量单位 columns are folded into the values
    assert (r.target.comparator, r.target.number, r.target.unit) == ("≥", 12000, "亩")
    assert (r.actual.comparator, r.actual.number, r.actual.unit) == ("", 12360, "亩")
    assert hb.meta.department == "青峰县农业农村局" and hb.meta.kind == "项目"
    dev = next(r for r in hb.indicators if r.name == "新建机耕道路长度")
    assert dev.deviation.startswith("白河镇")          # 未完成原因分析 column
    sc = load_report(str(FIXTURES / "sc_2024_minxi_shuili_project.docx"))
    pipe = next(r for r in sc.indicators if r.name == "新建及改造供水管网")
    assert (pipe.value("score_ratio").number, pipe.weight.number, pipe.score.number) == (94.05, 8, 7.52)  # 得分系数
    assert sc.meta.department == "岷西县水利局" and sc.meta.report_date == (2025, 3, 18)
    jx = load_report(str(FIXTURES / "jx_2022_ganyang_weijian_dept.docx"))
    tot = next(f for f in jx.funds if f.source == "total")
    assert (tot.value("budget_initial").number, tot.value("budget_full_year").number) == (5820, 6236.8)  # 调整后预算数
    assert jx.forms_of("base") and jx.forms_of("staff_table")
