"""Concrete values the forms parser must recover from the seeds."""
import pytest


def _ind(rep, title_part, name):
    for form in rep.indicator_forms:
        if title_part in form.title:
            for r in form.indicators:
                if r.name == name:
                    return r
    raise AssertionError(f"{name} not found")


def test_seed_004_department_form(seed_reports):
    rep = seed_reports["004"]
    form = next(f for f in rep.indicator_forms if f.title == "2024年度部门整体支出绩效自评表")
    rows = [r for r in form.indicators if not r.empty]
    assert len(rows) == 15
    r = _ind(rep, "部门整体", "文稿合格率")
    assert (r.text("target"), r.text("actual")) == ("≥98%", "100%")
    assert (r.weight.number, r.score.number) == (5, 5)
    assert (r.level1, r.level2) == ("产出指标", "质量指标")
    assert r.level1_weight == 50
    assert r.deviation.strip() == "无偏差"
    eco = _ind(rep, "部门整体", "围绕区委区政府决策部署，全面提高服务能力水平，助推经济社会发展")
    assert (eco.level1, eco.level2, eco.weight.number, eco.score.number) == ("效益指标", "经济效益指标", 10, 9)
    assert eco.deviation.strip() == "进一步提高水质量改善"
    assert form.total.value("score").number == 98.85
    assert form.total.value("weight").number == 100


def test_seed_004_funds_and_meta(seed_reports):
    rep = seed_reports["004"]
    assert rep.meta.year == 2024
    assert rep.meta.department == "岳阳市君山区人民政府办公室"
    funds = next(f for f in rep.forms if f.kind == "funds" and "部门整体" in f.title)
    total = funds.funds[0]
    assert total.source == "total" and total.label == "年度资金总额"
    assert [total.value(k).number for k in ("budget_initial", "budget_full_year", "executed", "rate", "weight",
                                            "score")] == [1328.5, 1273.05, 1253.78, 98.49, 10, 9.85]
    assert funds.unit == "万元"
    proj = next(f for f in rep.forms if f.kind == "indicator" and "项目" in f.title)
    assert proj.project == "政府办专项"
    cost = _ind(rep, "项目", "完成任务支出不超过预算批复金额")
    assert (cost.text("target"), cost.text("actual").strip(), cost.score.number) == ("≦80万元", "90万元", 8)


def test_seed_000_rows_staff_and_empty_template_rows(seed_reports):
    rep = seed_reports["000"]
    assert rep.meta.year == 2022
    # no labelled unit field and no unit in the title: the unit's own 单位性质 sentence names it
    assert rep.meta.department == "长沙市岳麓区人民政府办公室"
    form = rep.indicator_forms[0]
    empty = [r for r in form.indicators if r.empty]
    filled = [r for r in form.indicators if not r.empty]
    assert len(filled) == 9 and len(empty) >= 8
    r = next(r for r in filled if r.name.startswith("完成党务工会"))
    assert r.text("actual").startswith("完成了党务工会")
    assert r.level2 == "质量指标" and r.weight.number == 10
    staff = {k: v.value.number for rec in rep.records("staff") for k, v in rec.fields.items()}
    assert staff == {"authorized": 53, "actual_staff": 48}
    funds = rep.funds
    # 资金来源 group, then 资金结构 group (its label cell ends in empty paragraphs in the export)
    assert [(f.source, f.value("budget_full_year").number, f.value("executed").number) for f in funds] == [
        ("total", 2294.70, 2277.91), ("fiscal", 2294.70, 2218.81), ("other", None, 59.10),
        ("total", 2294.70, 2277.91), ("basic", 1457.70, 1639.67), ("personnel", 1290.46, 1506.96),
        ("public", 167.24, 132.71), ("project", 837.00, 638.24)]


def test_seed_001_score_sheet_with_repeated_header_is_one_form(seed_reports):
    rep = seed_reports["001"]
    sheets = rep.forms_of("score_sheet")
    assert len(sheets) == 1
    rows = sheets[0].indicators
    assert rows[0].name == "财政供养人员控制率" and rows[0].level1 == "投入"
    names = [r.name for r in rows]
    assert "资产管理安全性" in names and "社会公众或服务对象满意度" in names
    assert sheets[0].total.value("score").number == 99
    assert rep.meta.department == "中共岳阳市云溪区委办公室"
    assert rep.meta.report_date == (2022, 7, 15)


def test_seed_002_indicator_values(seed_reports):
    rep = seed_reports["002"]
    r = _ind(rep, "部门整体", "达标率")
    assert (r.text("target"), r.text("actual"), r.weight.number, r.score.number) == ("≥95%", "≥95%", 12, 10)
    cost = _ind(rep, "部门整体", "政府办公业务经费")
    assert cost.text("target") == "≤万元" and cost.target.number is None
    base = rep.forms_of("base")[0]
    pub = next(r for r in base.records if r.text("label") == "公用经费")
    assert pub.value("final@2023").number == 145.29
    assert rep.meta.year == 2023


def test_sections_tree(seed_reports):
    rep = seed_reports["003"]
    titles = [s.title for s in rep.sections.root]
    assert "一、部门、单位基本情况" in titles
    assert any(t.startswith("四、存在的主要问题") for t in titles)
    sec = next(s for s in rep.sections.root if s.title.startswith("一、"))
    assert any(c.title.startswith("1．在职人员情况") for c in sec.children)


def test_chunks_have_locations(seed_reports):
    rep = seed_reports["004"]
    cells = [c for c in rep.chunks if c.kind == "cell" and c.field == "actual"]
    assert cells and all(c.location.table is not None and c.location.column for c in cells)
    sents = [c for c in rep.chunks if c.kind == "sentence" and c.location.paragraph is not None]
    par = {c.location.paragraph: c for c in rep.chunks if c.kind == "paragraph"}
    for s in sents[:50]:
        p = par[s.location.paragraph]
        assert p.text[s.location.start:s.location.end] == s.text


@pytest.mark.parametrize("text,unit", [
    ("1. 单位性质。长沙市岳麓区人民政府办公室为财政全额拨款行政单位，现有在职干部编制43个。", "长沙市岳麓区人民政府办公室"),
    ("岷西县水系管理局为县水利局所属公益一类事业单位。", "岷西县水系管理局"),
    ("赣阳市卫生健康委员会系市人民政府工作部门，为正处级。", "赣阳市卫生健康委员会"),
    # a unit without its place name, another unit in its role in the evaluation, a cited notice: not taken
    ("区政府办公室是区人民政府的统筹协调和综合服务办事机构。", ""),
    ("岳阳市财政局是本次评价的组织单位。", ""),
    ("根据《长沙市岳麓区人民政府办公室关于实施2022年财务支出绩效评价工作的通知》，我单位进行了绩效评价。", ""),
])
def test_unit_from_its_self_description(text, unit):
    from narrcheck.read.text import parse_text
    from narrcheck.understand.meta import extract_meta

    doc = parse_text("2022年度部门整体支出绩效自评报告\n\n一、单位概况\n" + text + "\n", path="x.txt")
    assert extract_meta(doc).department == unit
