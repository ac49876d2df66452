"""NC187: a report without 存在的问题 / 改进措施 sections (domain-rules §3.6 SECTIONS)."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

from conftest import DOCX

CFG = Config(select=["NC187"])
VARIANTS = Path(__file__).parent / "fixtures" / "variants"


def test_seed_000_has_neither_problems_nor_measures(seed_reports):
    """Seed 000 (岳麓区政府办 2022) scores itself 100 with 基本支出 112.48% and 项目支出 76.25%
    executed, and its narrative ends at 四、单位整体支出绩效情况: no problems, no measures."""
    for r in (seed_reports["000"], load_report(str(DOCX / "000_77c9c8b55ed8e5d3.docx"))):
        fs = check_report(r, CFG)
        assert len(fs) == 1 and fs[0].severity == "warning"
        assert fs[0].evidence["missing"] == ["存在的问题（偏差原因）", "改进措施"]


@pytest.mark.parametrize("key", ["001", "002", "003", "004"])
def test_seeds_with_the_sections_are_silent(seed_reports, key):
    assert check_report(seed_reports[key], CFG) == []


@pytest.mark.parametrize("name", ["ah_2023_youeryuan_project.txt", "zj_2022_gonglu_project.txt",
                                  "sd_2024_peixun_project.txt"])
def test_combined_heading_counts_for_both(name):
    """五、存在的问题及改进措施 / 五、存在的问题和改进措施 name both sections."""
    assert check_report(load_report(str(VARIANTS / name)), CFG) == []


BODY = ("2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + "本局内设机构8个，2023年末实有人员46人，全年支出2318.60万元，其中项目支出1206.40万元。\n" * 5)


def test_only_measures_missing_is_info():
    text = BODY + "二、存在的问题\n3个项目年中追加预算共86万元，占项目支出的12.4%，年初预算编制未充分测算春耕物资补贴规模。\n"
    fs = check_report(understand(parse_text(text, path="x.txt")), CFG)
    assert len(fs) == 1 and fs[0].severity == "info" and fs[0].evidence["missing"] == ["改进措施"]


def test_form_column_header_is_not_a_section_but_a_labelled_row_is():
    form = ("\n2023年度部门整体支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
            "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 260人次 | 8 | 8 | 无 |\n")
    fs = check_report(understand(parse_text(BODY + form, path="x.txt")), CFG)
    assert len(fs) == 1 and fs[0].severity == "warning"
    rows = "| 存在问题 | 2个项目因疫情延期，执行率76.25% |\n| 改进措施 | 2024年按季度通报执行进度 |\n"
    assert check_report(understand(parse_text(BODY + form + rows, path="x.txt")), CFG) == []


def test_a_bare_form_is_not_a_report():
    text = ("2023年度项目支出绩效自评表\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 260人次 | 8 | 8 |\n")
    assert check_report(understand(parse_text(text, path="x.txt")), CFG) == []
