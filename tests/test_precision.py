"""Precision (issue 15): form boilerplate is not a finding — a （盖章） label beside a filled
unit name is not an unsigned form; a goal restated in the form field the template provides
for it is not a repeated passage."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_paths
from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

QUIRKS = Path(__file__).parent / "fixtures" / "docx_quirks"


def _nc182(line: str) -> list[str]:
    rep = understand(parse_text("2024年度项目支出绩效自评报告\n" + line + "\n一、项目基本情况\n正文。\n", path="x.txt"))
    return [f.text for f in run_checks(rep, Config(select=["NC182"]))]


@pytest.mark.parametrize("line", [
    "项目实施单位：岷西县水利局（盖章）",           # corpora/fixtures/sc_2024_minxi_shuili_project
    "项目实施单位（盖章）：岷西县水利局",
    "填报单位：英水县农业农村局（盖章）",
])
def test_seal_label_beside_a_filled_unit_name_is_not_blank(line):
    assert _nc182(line) == []


@pytest.mark.parametrize("line", [
    "填报单位（盖章）：",
    "单位负责人（签字）：",
    "填报单位：（盖章）",
])
def test_seal_label_with_nothing_filled_is_still_blank(line):
    assert _nc182(line) != []


@pytest.mark.parametrize("name", ["12_whole_report_one_table", "P12_one_table_plant"])
def test_goal_restated_in_the_forms_goal_field_is_not_a_repeat(name):
    # the report is written inside one table: its （二）项目绩效目标 cell and the form's 预期目标
    # field hold the same goal, which is what the form asks for
    fs = check_paths([str(QUIRKS / f"{name}.docx")], Config(select=["NC150"])).ok[0].findings
    assert [f.text[:20] for f in fs] == []


def test_one_forms_goal_copied_into_another_form_is_still_a_repeat():
    root = Path(__file__).resolve().parents[1]
    fs = check_paths([str(root / "corpora" / "seeds" / "002_5069244cfe29a9a5.txt")],
                     Config(select=["NC150"])).ok[0].findings
    assert any(f.location.column == "预期目标" for f in fs)
