"""Repeated passages within a report and across a batch (issue 3)."""
from narrcheck.api import check_paths, check_report
from narrcheck.checks.registry import load_all, run_batch_checks
from narrcheck.config import Config

from conftest import DOCX, SEEDS, seed


def _nc150(rep):
    return [f for f in check_report(rep, Config(select=["NC150"]))]


def test_seed_001_paragraph_repeated(seed_reports):
    found = _nc150(seed_reports["001"])
    rep_para = [f for f in found if f.text.startswith("今年来，区委办公室坚持") and f.evidence["kind"] == "near"]
    assert len(rep_para) == 1
    f = rep_para[0]
    assert f.evidence["count"] >= 3
    sections = [p["section"] for p in f.evidence["places"]]
    assert any(s.startswith("一、部门（单位）基本概况") for s in sections)
    assert any("六、部门整体支出绩效情况" in s for s in sections)
    assert len(f.related) == f.evidence["count"] - 1


def test_seed_002_problem_and_measure_share_a_sentence(seed_reports):
    found = _nc150(seed_reports["002"])
    f = next(f for f in found if f.text.startswith("鉴于我办为县委、县政府重要服务窗口"))
    secs = [p["section"] for p in f.evidence["places"]]
    assert "七、存在的问题" in secs[0] and "八、下一步改进措施" in secs[1]


def test_seed_004_narrative_pasted_into_goal_cell(seed_reports):
    """The goal-completion cell restates the narrative's output paragraph; its
    figures (386件, 15％, 1083件) make it consistent rather than hollow: info."""
    found = _nc150(seed_reports["004"])
    assert len(found) == 1 and found[0].severity == "info"
    places = found[0].evidence["places"]
    assert places[0].get("paragraph") is not None and places[1].get("column") == "实际完成情况"


def test_expected_repeats_are_not_duplicates(seed_reports):
    """001 restates its 年度主要工作内容 as the same form's 预期目标/绩效目标 (what the
    Hunan form asks); 003 describes 政府研究室 under 机构设置 and 发展研究中心 under
    二级机构 in overlapping words.  Neither is reported."""
    for f in _nc150(seed_reports["001"]):
        assert not f.text.lstrip().startswith(("任务1：认真贯彻落实", "认真贯彻落实区委的总体部署")), f.text
    for f in _nc150(seed_reports["003"]):
        secs = [p["section"] for p in f.evidence["places"]]
        assert any("重点工作" in s for s in secs), secs  # only the duty list re-used as the year's key work


def test_goals_copied_between_two_forms_are_still_reported(seed_reports):
    """002's department form and project form carry the same 预期目标 word for word."""
    found = [f for f in _nc150(seed_reports["002"]) if f.text.startswith("推进机关事务管理工作")]
    assert len(found) == 1 and found[0].severity == "warning"
    assert {p["table"] for p in found[0].evidence["places"]} == {1, 2}


def test_no_duplicates_from_copied_rows_short_cells_or_form_notes(seed_reports):
    # seed 000's target/actual copies are NC002/NC101 findings, not NC150 groups of one row
    for f in _nc150(seed_reports["000"]):
        rows = {(p.get("table"), p.get("row")) for p in f.evidence["places"]}
        assert len(rows) >= 2
    for key, rep in seed_reports.items():
        for f in _nc150(rep):
            assert len(f.evidence["passage"]) >= 30
            assert not f.text.startswith("说明：")


def test_statutory_duties_shared_by_two_offices_are_not_cross_report_copies():
    """Seeds 000 (岳麓区政府办) and 003 (开福区政府办) quote the same 三定 duties
    (（1）协助区政府领导审核或组织起草…): statutory text, not a copied report."""
    batch = check_paths([str(seed("000")), str(seed("003")), str(seed("004"))], Config(select=["NC151", "NC152"]))
    for r in batch.results:
        assert [f for f in r.findings if f.rule == "NC151"] == [], r.path


def test_cross_report_duplicates_name_the_other_report(tmp_path):
    """003 with seed 000's results paragraph pasted into its own results section
    (how copied reports look): flagged in both, naming the other report and
    showing the other report's passage as evidence."""
    src = seed("000").read_text(encoding="utf-8")
    pasted = next(line for line in src.splitlines() if line.startswith("1. 2022年，全年共办理各类文件7000余件"))
    copy = tmp_path / "003_copy.txt"
    copy.write_text(seed("003").read_text(encoding="utf-8") + "\n四、整体支出绩效情况\n" + pasted.replace("2022", "2021")
                    + "\n", encoding="utf-8")
    batch = check_paths([str(seed("000")), str(copy)], Config(select=["NC151"]))
    by_name = {r.path.rsplit("/", 1)[-1][:3]: r for r in batch.results}
    f003 = [f for f in by_name["003"].findings if f.rule == "NC151"]
    f000 = [f for f in by_name["000"].findings if f.rule == "NC151"]
    assert len(f003) == 1 and len(f000) == 1
    assert f003[0].evidence["reports"] == [seed("000").name] and f000[0].evidence["reports"] == ["003_copy.txt"]
    assert f003[0].text.startswith("1. 2021年，全年共办理各类文件7000余件")
    assert f003[0].evidence["passage"].startswith("1. 2022年，全年共办理各类文件7000余件")  # the other report's words


def test_docx_and_text_twins_are_versions_not_hundreds_of_duplicates():
    batch = check_paths([str(seed("004")), str(DOCX / "004_0c4b3fbed2722708.docx")], Config(select=["NC15"]))
    for r in batch.results:
        rules = [f.rule for f in r.findings if f.rule in ("NC151", "NC152")]
        assert rules == ["NC152"]


def test_finding_text_is_the_repeated_passage_not_its_container(seed_reports):
    """Seed 001's 1,470-character overview cell contains the indicator actuals: the finding
    points at an actual (the passage itself), and every NC150 text stands at its location."""
    from test_figures import text_at

    found = _nc150(seed_reports["001"])
    assert found and max(len(f.text) for f in found) < 400
    lead = next(f for f in found if f.text.startswith("今年来，区委办公室坚持"))
    assert lead.location.column == "实际完成" and len(lead.text) < 200
    for key, rep in seed_reports.items():
        for f in _nc150(rep):
            src = text_at(rep.document, f.location) or ""
            assert f.text.strip() and src[f.location.start:f.location.end].strip() == f.text.strip(), (key, f.text[:40])


def test_batch_template_wording_is_down_weighted(tmp_path):
    """14 reports (seeds, department fixtures, provincial fixtures).  A paragraph pasted into
    5 of them (36% ≥ 30%) is the batch's shared template: info.  One pasted into 2 is copying:
    a warning."""
    from pathlib import Path

    here = Path(__file__).parent
    srcs = sorted(SEEDS.glob("*.txt")) + sorted((here / "fixtures" / "dept").glob("*.txt")) + \
        sorted((here.parent / "corpora" / "fixtures").glob("*.txt"))
    assert len(srcs) == 14
    template = ("根据县财政局关于开展2023年度部门整体支出绩效自评工作的通知要求，我单位成立绩效自评工作小组，"
                "对照年初设定的绩效目标，逐项核实指标完成情况，形成本报告。")
    copied = ("预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况，"
              "绩效目标设置不够细化量化。")
    paths = []
    for i, src in enumerate(srcs):
        text = src.read_text(encoding="utf-8")
        extra = ("\n" + template if i < 5 else "") + ("\n" + copied if i in (6, 9) else "")
        p = tmp_path / src.name
        p.write_text(text + extra + "\n", encoding="utf-8")
        paths.append(str(p))
    batch = check_paths(paths, Config(select=["NC151"]))
    found = [(r.path, f) for r in batch.results for f in r.findings]
    tmpl = [f for _p, f in found if f.text.startswith("根据县财政局关于开展2023年度")]
    copy = [f for _p, f in found if f.text.startswith("预算编制的精确性有待进一步提高")]
    assert len(tmpl) == 5 and all(f.severity == "info" and f.evidence["batch_share"] >= 0.3 for f in tmpl)
    assert len(copy) == 2 and all(f.severity == "warning" for f in copy)


def test_a_large_duplicate_group_is_named_once_in_the_batch_section(tmp_path):
    """22 of 30 reports share one paragraph (73%: the batch's template wording, not yet its
    common phrasing): each NC151 finding counts the 21 others but names at most 20 (bounded
    output per report); the whole group of 22 is listed once in the JSON's batch-level
    duplicate_groups, tied to the findings by evidence.group."""
    import json

    from typer.testing import CliRunner

    from narrcheck.cli import app
    from narrcheck.render.json import render_json

    shared = ("预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况，"
              "绩效目标设置不够细化量化。")
    places = "东西南北中上下前后左右新老大小金银铜铁锡石青白红黄紫蓝橙碧翠"
    for i in range(30):
        unit = places[i] + "山县" + ("农业农村局", "水利局", "教育局", "卫生健康局", "交通运输局")[i % 5]
        own = (f"{unit}全年完成{places[i]}片区灌溉渠道改造{12 + i}公里，受益农户{300 + 7 * i}户，"
               f"较上年增加{i + 3}户，项目资金{80 + i}.5万元全部按进度拨付。")
        (tmp_path / f"r{i:02d}.txt").write_text(
            f"2023年度{unit}部门整体支出绩效自评报告\n一、基本情况\n{own}\n五、存在的问题\n{shared if i < 22 else ''}\n",
            encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("r*.txt"))
    batch = check_paths(paths, Config(select=["NC151"]))
    found = [f for r in batch.results for f in r.findings if f.rule == "NC151"]
    assert len(found) == 22
    for f in found:
        assert "其他 21 份报告" in f.message
        assert len(f.evidence["reports"]) == len(f.evidence["places"]) == 20
        assert f.evidence["group"] == "D1" and f.evidence["group_reports"] == 22
    data = json.loads(render_json(batch))
    assert [(g["id"], g["count"]) for g in data["duplicate_groups"]] == [("D1", 22)]
    assert sorted(m["path"] for m in data["duplicate_groups"][0]["reports"]) == paths[:22]
    assert data["duplicate_groups"][0]["passage"].startswith("预算编制的精确性")
    # the streamed batch output carries the same section
    out = tmp_path / "o.json"
    runner = CliRunner()
    runner.invoke(app, ["check", *paths, "--select", "NC151", "--format", "json", "-o", str(out), "-j", "1",
                        "--fail-on", "never"])
    assert json.loads(out.read_text(encoding="utf-8"))["duplicate_groups"] == data["duplicate_groups"]
    # the html index and the spreadsheet list the group once too
    runner.invoke(app, ["check", *paths, "--select", "NC151", "--format", "html", "-o", str(tmp_path / "i.html"),
                        "-j", "1", "--fail-on", "never"])
    page = (tmp_path / "i.html").read_text(encoding="utf-8")
    assert page.count('id="group-D1"') == 1 and "22 份报告" in page and page.count("r00.html") >= 2
    runner.invoke(app, ["check", *paths, "--select", "NC151", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"),
                        "-j", "1", "--fail-on", "never"])
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "x.xlsx")
    rows = list(wb["duplicates"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[2] for r in rows) == paths[:22] and {r[0] for r in rows} == {"D1"} and {r[1] for r in rows} == {22}
