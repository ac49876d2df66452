"""Copied completion values on real seed rows (issue 3)."""
from narrcheck.api import check_report
from narrcheck.config import Config
from narrcheck.merge import expand


def _found(rep, prefix):
    # every finding, those folded into another finding on the same spot included (merge.py)
    return expand(check_report(rep, Config(select=[prefix])))


def test_every_copied_row_of_seed_000(seed_reports):
    rep = seed_reports["000"]
    found = _found(rep, "NC")
    copied = {f.location.row: f.rule for f in found if f.category == "copied"}
    rows = [r for r in rep.indicators if not r.empty]
    # 9 filled rows; every one whose actual restates its target is flagged, the 满意度 row adds 全票通过
    expected = {r.row for r in rows if not r.name.startswith("群众满意度")}
    assert set(copied) == expected
    assert sorted(copied.values()) == ["NC002"] + ["NC101"] * 6 + ["NC102"]
    f101 = next(f for f in found if f.rule == "NC101" and f.evidence["indicator"] == "精简运行经费")
    assert f101.evidence["added"] == ["了"] and f101.text == "严格落实了专款专用"
    f102 = next(f for f in found if f.rule == "NC102")
    assert f102.evidence["added"][0].startswith("做好了2020年度") and f102.evidence["similarity"] >= 0.85


def test_bound_actual_in_seed_004_and_no_double_report(seed_reports):
    found = _found(seed_reports["004"], "NC10")
    assert [(f.rule, f.text) for f in found] == [("NC103", "≧95%")]


def test_legitimate_text_not_flagged(seed_reports):
    # seed 002/004 quantitative rows: target and actual share units but report real numbers
    for key in ("001", "002", "003"):
        assert [f for f in _found(seed_reports[key], "NC10")] == [], key
