"""Precision of the figure and narrative rules on judged5 (issue 15, helper i15c): each false alarm's
real passage must stay silent, and the same passage with a wrong figure must still be found, with the
right figures in its message."""
from __future__ import annotations

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = "2020年度某县农业农村局部门整体支出绩效自评报告\n一、部门基本情况\n"


def _findings(body: str, select: list[str], head: str = HEAD):
    rep = understand(parse_text(head + body + "\n", path="x.txt"))
    return list(run_checks(rep, Config(select=select)))


def _codes(body: str, select: list[str], head: str = HEAD) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in _findings(body, select, head)]


# --- NC350: a unit standard is a rate, not a part of the amount (judged5 M04) ---------------------------

def test_a_unit_standard_is_not_a_part_of_the_amount():
    body = "项目下达资金560.00万元，其中中央补助资金400.00万元、省级资金160.00万元，按每座1600元标准补助，3500座共计560.00万元。"
    assert _codes(body, ["NC350"]) == []


def test_a_standard_written_as_补助标准为每户_is_not_a_part():
    body = "项目资金560.00万元，其中中央补助400.00万元、省级资金160.00万元，补助标准为每户1600元。"
    assert _codes(body, ["NC350"]) == []


def test_parts_beside_a_standard_over_the_total_are_found_with_their_own_sum():
    body = "项目下达资金560.00万元，其中中央补助资金400.00万元、省级资金180.00万元，按每座1600元标准补助，3500座共计560.00万元。"
    fs = _findings(body, ["NC350"])
    assert [(f.rule, f.severity) for f in fs] == [("NC350", "error")]
    assert "580万元" in fs[0].message or "580.00万元" in fs[0].message
    assert "580.16" not in fs[0].message


# --- NC350: the sub-items of a part are not added beside it (judged5 M05) ------------------------------

M05 = ("2022年部门收入14,652.30万元，其中财政拨款收入14,418.30万元，上级补助收入234.00万元。全年支出14,236.85万元，"
       "较上年的13,520.60万元增加716.25万元，增长5.30%。其中基本支出11,042.67万元，占77.56%（人员经费10,318.25万元，"
       "公用经费724.42万元）；项目支出3194.18万元。")


def test_a_bracketed_breakdown_after_a_parts_share_belongs_to_that_part():
    assert _codes(M05, ["NC350"]) == []


def test_a_wrong_bracketed_breakdown_after_a_share_is_found_against_its_part():
    fs = _findings(M05.replace("10,318.25", "10,418.25"), ["NC350"])
    assert [(f.rule, f.severity) for f in fs] == [("NC350", "error")]
    assert "11142.67" in fs[0].message or "11,142.67" in fs[0].message


def test_sub_items_listed_after_their_part_without_a_bracket_are_its_breakdown():
    body = ("全年支出14,236.85万元，其中基本支出11,042.67万元，人员经费10,318.25万元，公用经费724.42万元，"
            "项目支出3194.18万元。")
    assert _codes(body, ["NC350"]) == []


def test_parts_that_do_not_add_up_on_either_reading_are_found():
    body = ("全年支出14,336.85万元，其中基本支出11,042.67万元，人员经费10,318.25万元，公用经费724.42万元，"
            "项目支出3194.18万元。")
    assert ("NC350", "error") in _codes(body, ["NC350"])
