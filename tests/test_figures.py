"""Figures (issue 5): narrative quantities, arithmetic, mismatch, scoring and
timeline checks on the seeds and the provincial fixtures.

Every expected finding is asserted with its numbers; every deliberately
correct figure (rounding cases, seed 001's growth and share percentages, the
fixtures' must-not-flag list) is asserted silent."""
from __future__ import annotations

import json
import time

import pytest

from conftest import FIXTURES
from narrcheck.understand.facts import Fig, agree, fig, fsum, rate_agrees, score_agrees
from narrcheck.checks.registry import load_all
from narrcheck.config import Config
from narrcheck.model import Paragraph
from narrcheck.read.text import parse_text
from narrcheck.understand.quantities import extract_quantities, finalize_roles, match_label
from narrcheck.understand.report import understand
from narrcheck.understand.values import parse_value

CHECKS = load_all()
FIGURE_CODES = sorted(c for c in CHECKS if "NC300" <= c <= "NC499")


def run(report, *codes):
    out = []
    for code in codes or FIGURE_CODES:
        out.extend(CHECKS[code].run(report, Config()))
    return out


def report_of(text: str, name: str = "t.txt"):
    return understand(parse_text(text, name))


def qs(text: str, year: int = 2024):
    q = extract_quantities(text, year)
    finalize_roles(q)
    return q


def text_at(doc, loc):
    b = doc.blocks[loc.block]
    if isinstance(b, Paragraph):
        return b.text
    for c in b.cells():
        if c.row == loc.row and c.col == loc.col:
            return c.text
    return None


# ---------------------------------------------------------------------------
# tolerance (domain-rules §4)
# ---------------------------------------------------------------------------

def test_rounding_cases_are_not_errors():
    # 760.28 + 384.12 = 1144.40 against 1144.41
    parts = fsum([fig(parse_value("760.28")), fig(parse_value("384.12"))])
    assert agree(parts, fig(parse_value("1144.41")))
    # 62 ÷ 68 = 91.176…% shown truncated as 91.17%
    assert rate_agrees(fig(parse_value("62"), exact=True), fig(parse_value("68"), exact=True), fig(parse_value("91.17%")))
    assert rate_agrees(fig(parse_value("62"), exact=True), fig(parse_value("68"), exact=True), fig(parse_value("91.18%")))
    # 5270元 is 0.527万元, inside 0.53万元 ± 0.005
    assert agree(fig(parse_value("5270元"), 1e-4), fig(parse_value("0.53")))


def test_real_differences_are_errors():
    parts = fsum([fig(parse_value("1144.41")), fig(parse_value("90"))])
    assert not agree(parts, fig(parse_value("1253.78")))
    assert not rate_agrees(fig(parse_value("2218.81")), fig(parse_value("2294.70")), fig(parse_value("99.27%")))
    assert not rate_agrees(fig(parse_value("62"), exact=True), fig(parse_value("68"), exact=True),
                           fig(parse_value("91.15%")))
    assert not agree(Fig(101), Fig(98))          # head counts are exact


def test_score_agreement_round_or_truncate():
    s = parse_value("9.85")
    assert score_agrees(s, 9.8486, 9.8488, 9.8487)
    assert score_agrees(parse_value("8"), 8.75, 8.75, 8.75)        # truncated
    assert not score_agrees(parse_value("12"), 13, 13, 13)
    assert not score_agrees(parse_value("9"), 10, 10, 10)


# ---------------------------------------------------------------------------
# narrative quantities
# ---------------------------------------------------------------------------

def test_labels_roles_and_parts_seed_004_sentence():
    q = qs("2024年全年预算资金1273.05万元，其中：基本支出1183.05万元，项目支出90万元。"
           "全年实际支出1253.78万元，其中：基本支出1144.41万元，项目支出90万元。预算执行率100%。")
    assert [(x.label, x.field, x.role, x.number) for x in q] == [
        ("全年预算资金", "total", "budget_full_year", 1273.05), ("基本支出", "basic", "budget_full_year", 1183.05),
        ("项目支出", "project", "budget_full_year", 90), ("全年实际支出", "total", "executed", 1253.78),
        ("基本支出", "basic", "executed", 1144.41), ("项目支出", "project", "executed", 90),
        ("预算执行率", "exec_rate", q[6].role, 100)]
    assert q[1].parent is q[0] and q[2].parent is q[0]
    assert [p.number for p in q[3].parts] == [1144.41, 90]
    assert q[0].text == "1273.05万元" and q[0].unit == "万元" and q[0].wan == 1273.05


def test_change_growth_and_share():
    q = qs("2021年，区委办基本支出516.14万元，比上年增加152.09万元，增长41.78%，变化的主要原因是人员增加。"
           "基本支出中人员经费415.50万元，占基本支出80.5%；公用经费100.64万元，占基本支出19.5%。", 2021)
    base, change, growth, pers, sh1, pub, sh2 = q
    assert change.relation == "change" and change.base is base and change.direction == 1
    assert growth.relation == "growth" and growth.change is change and growth.base is base
    assert pers.parent is base and pub.parent is base
    assert sh1.relation == "share" and sh1.base is pers and sh1.share_of == "基本支出"
    assert sh2.base is pub


def test_head_counts_and_units():
    q = qs("2024年末共有人员98人，其中：在职人员47人，离退休人员54人。")
    assert [(x.field, x.number) for x in q] == [("staff_total", 98), ("staff_active", 47), ("staff_retired", 54)]
    assert q[0].parts == [q[1], q[2]]
    q = qs("“三公”经费5270元，比上年减少6828元，下降56.44%。")
    assert q[0].field == "three_public" and q[0].wan == pytest.approx(0.527)
    assert q[2].direction == -1


def test_labels_need_a_plain_head():
    # 在职干部编制 is not 编制; 除专项资金以外的其他项目支出 is not 项目支出; 信息处统计得分 is not 自评得分
    assert match_label("现有在职干部编制")[0] == ""
    assert match_label("除专项资金以外的其他项目支出为")[0] == ""
    assert match_label("省委办信息处统计得分")[0] == ""
    assert match_label("区政府办2024年全年基本支出")[0] == "basic"
    assert match_label("一般公共预算基本支出")[0] == "basic"
    assert match_label("部门整体支出绩效自评得分")[0] == "score_total"
    assert match_label("共有编制")[0] == "staff_authorized"


def test_parallel_enumeration_across_a_full_stop_and_nested_parts():
    q = qs("2021年年初我单位部门项目支出预算数为1081万元，其中：业务工作经费预算185万元，主要用于督查等方面。"
           "专项工作经费预算1309.77万元，主要用于禁毒办和蓝天办工作经费等方面，其中禁毒办工作经费1233.07万元，"
           "蓝天办工作经费76.70万元。", 2021)
    total, a, b, b1, b2 = q
    assert total.field == "project" and total.role == "budget_initial"
    assert total.parts == [a, b] and b.parts == [b1, b2]


def test_semicolon_before_a_new_total_ends_the_list():
    q = qs("2022年末核定编制102名，其中委机关46名、执法支队56名；实有在职人员93人，其中委机关44人、执法支队49人。", 2022)
    assert [p.number for p in q[0].parts] == [46, 56]
    assert [p.number for p in q[3].parts] == [44, 49]


def test_parenthesised_examples_are_not_parts():
    q = qs("组织各类会议965场（区政府党组会18次、区政府常务会议17次），全年预计办理文件6205件（其中省市2426件、区级3779件）")
    assert not q[0].parts
    files = next(x for x in q if x.number == 6205)
    assert [p.number for p in files.parts] == [2426, 3779]


# ---------------------------------------------------------------------------
# seeds
# ---------------------------------------------------------------------------

def by_rule(findings):
    out = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f)
    return out


@pytest.fixture(scope="module")
def seed_findings(seed_reports):
    return {k: by_rule(run(r)) for k, r in seed_reports.items()}


def test_seed_004_parts_vs_total_and_head_counts(seed_findings):
    f = seed_findings["004"]["NC350"]
    spend = next(x for x in f if "1253.78" in x.text)
    assert spend.severity == "error" and spend.text == "全年实际支出1253.78万元"
    assert spend.evidence["formula"] == "1144.41 + 90 = 1234.41万元"
    assert spend.evidence["difference"] == "-19.37万元"
    assert len(spend.related) == 2
    heads = next(x for x in f if "98" in x.text)
    assert heads.text == "共有人员98人" and heads.evidence["formula"] == "47 + 54 = 101人"
    # 基本支出1144.41 = 760.28 + 384.12 (1144.40): rounding, not an error; the budget sentence adds up
    assert len(f) == 2


def test_seed_004_text_vs_table(seed_findings):
    f = seed_findings["004"]["NC300"]
    assert len(f) == 1
    m = f[0]
    assert m.text == "基本支出1144.41万元"
    assert m.evidence["text_value"] == "1144.41万元" and m.evidence["table_value"].startswith("1163.78")
    assert m.evidence["row"] == "基本支出" and m.evidence["role"] == "执行数"
    assert m.location.paragraph is not None
    assert m.related[0].table == 1 and m.related[0].form == "2024年度部门整体支出绩效自评表"
    assert len(m.related) == 2          # the second narrative place with 1144.41


def test_seed_004_execution_rate_and_cost(seed_findings):
    rate = seed_findings["004"]["NC352"]
    assert len(rate) == 1 and rate[0].text == "预算执行率100%"
    assert rate[0].evidence["formula"] == "1253.78万元 ÷ 1273.05万元 = 98.49%"
    assert rate[0].evidence["table_rate"] == "98.49%"
    cost = seed_findings["004"]["NC302"]
    assert len(cost) == 1 and cost[0].text == "90万元" and cost[0].evidence["executed"] == "80"
    assert cost[0].evidence["indicator"] == "完成任务支出不超过预算批复金额"
    assert cost[0].location.column == "实际完成值" and cost[0].related[0].column == "全年执行数"


def test_seed_002_text_vs_base_table(seed_findings):
    f = seed_findings["002"]["NC300"]
    assert len(f) == 1
    assert f[0].text == "公用经费152.81万元" and f[0].evidence["table_value"] == "145.29万元"
    assert f[0].related[0].column == "2023年决算数"


def test_seed_000_execution_rate_of_fiscal_row(seed_findings):
    f = seed_findings["000"]["NC352"]
    assert len(f) == 1
    r = f[0]
    assert r.severity == "error" and r.text == "99.27%" and r.evidence["row"] == "（1）财政拨款"
    assert r.evidence["formula"] == "2218.81 ÷ 2294.70 = 96.69%"
    assert r.location.row == 4 and r.location.column == "执行率"
    assert {loc.column for loc in r.related} == {"全年执行数", "全年预算数"}


def test_seed_003_project_expenditure_parts(seed_findings):
    f = seed_findings["003"]["NC350"]
    assert len(f) == 1
    p = f[0]
    assert p.severity == "error" and p.text == "项目支出预算数为1081万元"
    assert p.evidence["formula"] == "185 + 1309.77 = 1494.77万元"
    assert "1309.77" in p.message and "超过" in p.message


def test_seed_001_growth_and_shares_are_right(seed_reports, seed_findings):
    assert not any(c.startswith("NC35") for c in seed_findings["001"])
    # … and they were actually recomputed, not skipped
    from narrcheck.understand.facts import quantities

    growth = [q for q in quantities(seed_reports["001"]) if q.relation == "growth" and q.change is not None]
    assert sorted(q.number for q in growth) == [39.55, 41.78, 56.44]
    shares = [q for q in quantities(seed_reports["001"]) if q.relation == "share" and q.base is not None]
    assert sorted(q.number for q in shares) == [19.5, 80.5]


def test_seed_002_scoring(seed_findings):
    f = seed_findings["002"]
    assert [x.text for x in f["NC402"]] == ["9"]
    assert f["NC402"][0].evidence["expected"] == "10"
    row = next(x for x in f["NC403"] if x.evidence["indicator"] == "办文办会")
    assert row.evidence["computed_score"] == "13" and row.severity == "warning"
    assert len(f["NC405"]) == 3 and all(x.text == "无" for x in f["NC405"])
    assert {x.evidence["indicator"] for x in f["NC404"]} >= {"达标率", "满意度"}
    assert "NC400" not in f and "NC401" not in f


def test_seed_timeline(seed_findings):
    t = seed_findings["000"]["NC451"]
    assert len(t) == 1 and t[0].text == "做好了2020年度" and t[0].evidence["report_year"] == 2022
    assert t[0].location.column == "实际完成值"
    y = seed_findings["002"]["NC450"]
    assert len(y) == 1 and y[0].text == "2024年" and y[0].evidence["indicator"] == "组织培训时间"
    # 对2025年工作计划作出了科学部署 (seed 004) is a plan; 报告日期 2022年7月15日 (seed 001) is after 2021
    assert "NC450" not in seed_findings["004"] and "NC452" not in seed_findings["001"]


def test_seed_errors_are_exactly_the_expected_ones(seed_findings):
    errors = sorted((k, f.rule, f.text) for k, fs in seed_findings.items() for rs in fs.values() for f in rs
                    if f.severity == "error")
    assert errors == [
        ("000", "NC352", "99.27%"),
        ("003", "NC350", "项目支出预算数为1081万元"),
        ("004", "NC350", "全年实际支出1253.78万元"),
        ("004", "NC350", "共有人员98人"),
        ("004", "NC352", "预算执行率100%"),
    ]


def test_findings_name_both_places_and_their_row(seed_reports, fixture_reports):
    for rep in list(seed_reports.values()) + list(fixture_reports.values()):
        for f in run(rep):
            assert f.message and f.location is not None
            if f.category in ("mismatch", "arithmetic") and f.severity != "info":
                assert f.related, (f.rule, f.message)
            if f.location.table is not None and f.category != "timeline":
                assert f.evidence.get("indicator") or f.evidence.get("row"), (f.rule, f.evidence)
            if f.location.start is not None and f.location.block is not None:
                assert text_at(rep.document, f.location)[f.location.start:f.location.end] == f.text, f.rule
            for loc in f.related:
                assert loc.block is not None


# ---------------------------------------------------------------------------
# provincial fixtures (corpora/fixtures, MANIFEST.md)
# ---------------------------------------------------------------------------

MANIFEST = FIXTURES / "manifest.json"
# planted problems these checks own, and the rules that must find them
PLANTED = {"F1-02": {"NC300"}, "F1-03": {"NC350"}, "F2-04": {"NC350"}, "F2-05": {"NC300"}, "F3-01": {"NC352"},
           "F3-02": {"NC400"}, "F3-04": {"NC450"}, "F3-09": {"NC304"}}


def _fixtures():
    if not MANIFEST.exists():
        return []
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["fixtures"]


@pytest.fixture(scope="module", params=["txt", "docx"])
def fixture_reports(request):
    from narrcheck.api import load_report

    if not _fixtures():
        pytest.skip("corpora/fixtures not present")
    return {fx["name"]: load_report(str(FIXTURES / fx[request.param])) for fx in _fixtures()}


def _context(rep, f) -> str:
    loc = f.location
    if loc.block is None:
        return ""
    return text_at(rep.document, loc) or ""


def test_fixture_planted_figure_problems_are_found(fixture_reports):
    for fx in _fixtures():
        rep = fixture_reports[fx["name"]]
        found = run(rep)
        for p in fx["problems"]:
            if p["id"] not in PLANTED:
                continue
            hits = [f for f in found if f.rule in PLANTED[p["id"]] and f.severity != "info"
                    and (p["text"] in _context(rep, f) or f.text in p["text"])]
            assert len(hits) >= 1 if p["occurrences"] == 1 else len(hits) >= p["occurrences"], (p["id"], p["text"])


def test_fixture_correct_figures_are_not_flagged(fixture_reports):
    for fx in _fixtures():
        rep = fixture_reports[fx["name"]]
        planted = [p["text"] for p in fx["problems"]]
        for f in run(rep):
            if f.severity == "info":
                continue
            ctx = _context(rep, f)
            if any(t in ctx or f.text in t for t in planted):
                continue                         # about a planted problem
            for c in fx["must_not_flag"]:
                assert not (c["text"] in f.text or (f.text and f.text == c["text"])), (c["id"], f.rule, f.message)
            # and nothing else: every non-info figure finding on a fixture is a planted problem
            raise AssertionError(f"unexpected finding on {fx['name']}: {f.rule} {f.message}")


def test_fixture_exact_numbers(fixture_reports):
    f = by_rule(run(fixture_reports["sc_2024_minxi_shuili_project"]))
    assert f["NC352"][0].evidence["formula"] == "781.56 ÷ 860.00 = 90.88%"
    assert f["NC400"][0].evidence["score"] == "9.33" and f["NC400"][0].evidence["weight"] == "8"
    f = by_rule(run(fixture_reports["jx_2022_ganyang_weijian_dept"]))
    spend = next(x for x in f["NC350"] if "5,964.92" in x.text)
    assert spend.evidence["formula"] == "3517.65 + 2437.27 = 5954.92万元"
    basic = next(x for x in f["NC350"] if "3,517.65" in x.text)
    assert basic.evidence["formula"] == "3159.13 + 368.52 = 3527.65万元"
    assert f["NC300"][0].evidence["table_value"] == "18.06万元"
    f = by_rule(run(fixture_reports["hb_2023_qingfeng_nongye_project"]))
    assert f["NC300"][0].evidence["table_value"] == "94.80%"
    assert f["NC350"][0].evidence["sum"] == "1311.4万元" and f["NC350"][0].severity == "warning"


# ---------------------------------------------------------------------------
# small reports: each family's edge cases
# ---------------------------------------------------------------------------

FUNDS = """2023年度项目支出绩效自评表
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | {t0} | {t1} | {t2} | 10 | {rate} | {score} |
| 其中：财政拨款 | {a0} | {a1} | {a2} | | {ra} | |
| 其他资金 | {b0} | {b1} | {b2} | | | |
"""


def test_fund_rate_uses_the_full_year_budget_and_flags_only_real_errors():
    ok = FUNDS.format(t0="100.00", t1="120.00", t2="114.00", rate="95.00%", score="9.5", a0="60.00", a1="80.00",
                      a2="74.00", ra="92.50%", b0="40.00", b1="40.00", b2="40.00")
    assert not run(report_of(ok))
    bad = ok.replace("95.00%", "114.00%")          # 114 ÷ 100: the 年初 budget was used
    f = run(report_of(bad), "NC352")
    assert len(f) == 1 and f[0].severity == "warning" and f[0].evidence["matches_column"] == "年初预算数"
    bare = ok.replace("95.00%", "0.95")            # percent sign missing: info only
    f = run(report_of(bare), "NC352")
    assert [x.severity for x in f] == ["info"]


def test_fund_sum_with_unfilled_parts_is_silent_but_excess_is_not():
    text = FUNDS.format(t0="100.00", t1="120.00", t2="114.00", rate="95.00%", score="9.5", a0="60.00", a1="",
                        a2="", ra="", b0="40.00", b1="", b2="")
    assert not run(report_of(text), "NC351")
    text = FUNDS.format(t0="100.00", t1="120.00", t2="114.00", rate="95.00%", score="9.5", a0="60.00", a1="130.00",
                        a2="", ra="", b0="40.00", b1="", b2="")
    f = run(report_of(text), "NC351")
    assert len(f) == 1 and f[0].evidence["column"] == "全年预算数" and "大于" in f[0].message


def test_unit_scale_yuan_vs_wanyuan():
    text = """2024年度部门整体支出绩效自评报告
区政府办2024年全年公用经费384.12元。
2024年度部门整体支出绩效评价基础数据表
| 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
| 公用经费 | 380.82 | 422.77 | 384.12 |
"""
    rep = report_of(text)
    assert [f.rule for f in run(rep, "NC300", "NC355")] == ["NC355"]


def test_grade_band_and_narrative_total():
    text = """2023年度部门整体支出绩效自评报告
部门整体支出绩效自评得分90分，评价等级为优秀。
2023年度部门整体支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 100 | 88 |
| 总分 | 100 | 88 |
"""
    f = by_rule(run(report_of(text)))
    assert f["NC300"][0].evidence["table_value"].startswith("88")
    assert not f.get("NC408")         # 优秀 fits the 90 written in the same sentence


def test_report_date_and_form_year():
    text = """2023年度部门整体支出绩效自评报告
报告日期：2023年11月30日
2022年度部门整体支出绩效自评表
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 10 | 10 |
| 总分 | 10 | 10 |
"""
    f = by_rule(run(report_of(text)))
    assert f["NC452"][0].text == "2023年11月30日"
    assert f["NC453"][0].evidence["form_year"] == 2022


# ---------------------------------------------------------------------------
# sentences: correct ones are silent, wrong ones are flagged
# ---------------------------------------------------------------------------

GOOD_SENTENCES = [
 "2023年部门预算收入合计1500万元，其中：一般公共预算拨款1400万元，政府性基金100万元。",
 "年初预算1000万元，年中追加200万元，全年预算1200万元。",
 "项目支出500万元，其中：A项目200万元，B项目150万元。",
 "支出合计1000万元，其中基本支出600万元。项目支出400万元。",
 "三公经费支出5万元，其中公务接待费3万元，公务用车运行维护费2万元。",
 "本年支出1200万元，同比增长20%。",
 "执行率为98.5%，较上年提高2.1个百分点。",
 "本年支出1000万元，其中基本支出600万元，占总支出的60%，项目支出400万元，占40%。",
 "全年共召开会议12次，其中常务会议8次、专题会议4次。",
 "培训人员300人次，其中基层干部200人次。",
 "核定编制20名，实有人数25人（含借调人员5人）。",
 "在职人员30人，其中：公务员20人、事业人员8人、工勤人员2人。",
 "全年预算资金1000万元，实际支出950万元，预算执行率95%。",
 "年初预算800万元，调整预算1000万元，实际支出950万元，执行率95%。",
 "全年收入1000万元，支出950万元，其中基本支出600万元，项目支出350万元。",
 "全年支出950万元，占预算的95%，其中基本支出600万元，项目支出350万元。",
 "总投资5000万元，其中2023年完成投资3000万元。",
 "全年实际支出1253.78万元，其中：基本支出1144.41万元（其中人员经费760.28万元、公用经费384.12万元），项目支出109.37万元。",
 "2023年项目资金1000万元，其中中央资金600万元、省级资金300万元、县级配套100万元。",
 "“三公”经费支出12.5万元，比上年减少2.5万元，下降16.67%。",
 "基本支出较上年的364.05万元增长41.78%，为516.14万元。",
 "全年接待来访360人次，妥善处理信访54件。",
 "实有人数62人，其中在职62人，退休37人。",
 "2023年末实有人员36人，其中在职人员31人，离休干部1人和退休干部4人。",
 "资金到位率100%，到位资金1000万元。",
 "共组织培训班5期，培训学员500人次，其中副科级以上干部120人次。",
 "下一步将于2025年6月前完成验收，计划投入资金500万元。",
 "2024年单位收入1000万元，其中上年结转100万元，本年财政拨款900万元。",
 "截至2024年3月，已完成项目验收。",
]
BAD_SENTENCES = [
 "支出500万元，其中人员经费320万元、公用经费90万元、项目支出100万元。",
 "全年支出1200万元，其中人员经费500万元，公用经费100万元，项目支出590万元。",
 "本年支出1000万元，其中基本支出600万元，占总支出的65%，项目支出400万元。",
 "“三公”经费支出12.5万元，比上年减少2.5万元，下降20%。",
 "全年预算资金1000万元，实际支出950万元，预算执行率98%。",
 "全年实际支出1253.78万元，其中：基本支出1144.41万元（其中人员经费760.28万元、公用经费380.12万元），项目支出109.37万元。",
 "在职人员30人，其中：公务员20人、事业人员12人。",
]


@pytest.mark.parametrize("sentence", GOOD_SENTENCES)
def test_correct_sentences_are_silent(sentence):
    rep = report_of("2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    assert [f.message for f in run(rep)] == []


@pytest.mark.parametrize("sentence", BAD_SENTENCES)
def test_wrong_sentences_are_flagged(sentence):
    rep = report_of("2023年度部门整体支出绩效自评报告\n" + sentence + "\n")
    found = [f for f in run(rep) if f.severity == "error"]
    assert len(found) == 1, [f.message for f in found]


def test_benchmark_figure_checks_are_fast(seed_reports):
    reps = list(seed_reports.values())
    for r in reps:
        vars(r).pop("facts", None)      # computed facts (understand.facts): recompute them
    t0 = time.perf_counter()
    for r in reps:
        run(r)
    assert time.perf_counter() - t0 < 1.0      # benchmarks/bench_figures.py: target 0.3 s


def test_total_weight_counts_the_execution_weight_stated_in_the_score_header():
    """Hubei: no 分值 column in the funds block; 得分(10分*执行率) states the 10 points of the
    budget execution, which the 总分 row's 100 includes (90 indicator points + 10)."""
    form = """2023年度项目绩效目标自评表
| 资金情况（万元） | | 预算数 | 执行数 | 执行率 | 得分(10分*执行率) |
| | 年度资金总额 | 305.00 | 290.97 | 95.40% | 9.54 |
| 一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 发放高龄津贴人数 | ≥3200人 | 3256人 | 50 | 50 |
| 效益指标 | 社会效益指标 | 居家养老服务覆盖率 | ≥60% | 63.1% | 40 | 40 |
| 总分 | {w} | 99.54 |
"""
    assert not run(report_of(form.format(w="100")), "NC401")
    f = run(report_of(form.format(w="110")), "NC401")          # 110 is neither 90 nor 90 + 10
    assert len(f) == 1 and f[0].evidence["execution_weight"] == "10"
    plain = form.replace("得分(10分*执行率)", "得分").format(w="100")   # no stated weight: 100 ≠ 90
    assert len(run(report_of(plain), "NC401")) == 1
