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
    found = _nc150(seed_reports["004"])
    assert len(found) == 1
    places = found[0].evidence["places"]
    assert places[0].get("paragraph") is not None and places[1].get("column") == "实际完成情况"


def test_no_duplicates_from_copied_rows_short_cells_or_form_notes(seed_reports):
    # seed 000's target/actual copies are NC002/NC101 findings, not NC150 groups of one row
    for f in _nc150(seed_reports["000"]):
        rows = {(p.get("table"), p.get("row")) for p in f.evidence["places"]}
        assert len(rows) >= 2
    for key, rep in seed_reports.items():
        for f in _nc150(rep):
            assert len(f.evidence["passage"]) >= 30
            assert not f.text.startswith("说明：")


def test_cross_report_duplicates_name_the_other_report():
    batch = check_paths([str(seed("000")), str(seed("003")), str(seed("004"))], Config(select=["NC151", "NC152"]))
    by_name = {r.path.rsplit("/", 1)[-1][:3]: r for r in batch.results}
    f003 = [f for f in by_name["003"].findings if f.rule == "NC151"]
    assert f003 and all(f.evidence["reports"] == [seed("000").name] for f in f003)
    assert any(f.text.startswith("（1）协助区政府领导审核或组织起草") for f in f003)
    assert [f for f in by_name["004"].findings if f.rule == "NC151"] == []   # form notes are not shared text


def test_docx_and_text_twins_are_versions_not_hundreds_of_duplicates():
    batch = check_paths([str(seed("004")), str(DOCX / "004_0c4b3fbed2722708.docx")], Config(select=["NC15"]))
    for r in batch.results:
        rules = [f.rule for f in r.findings if f.rule in ("NC151", "NC152")]
        assert rules == ["NC152"]
