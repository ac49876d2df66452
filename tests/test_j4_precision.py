"""False alarms found by hand-judging narrcheck on corpora/judged4 (verdicts/VERDICTS_final.md): each real passage
must stay silent, and a similar passage with a real problem must still be found."""
from __future__ import annotations

from narrcheck.checks.registry import run_checks
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

HEAD = "宣州区2024年城镇老旧小区改造项目绩效自评报告\n一、项目概述\n"


def _codes(body: str, select: list[str]) -> list[tuple[str, str]]:
    rep = understand(parse_text(HEAD + body + "\n", path="x.txt"))
    return [(f.rule, f.severity) for f in run_checks(rep, Config(select=select))]


# L11: the project form, one line per cell, total 99.01
_L11_FORM = ("\n宣州区2024年城镇老旧小区改造项目绩效目标自评表\n一级指标\n二级指标\n三级指标\n分值\n年度指标值\n全年实际值\n得分\n"
             "偏差原因分析及改进措施\n产出指标(50分)\n数量指标\n改造老旧小区\n8\n≥18个\n18个\n8\n—\n"
             "总分\n100\n99.01\n—\n")


def test_a_per_indicator_self_score_in_the_narrative_is_not_the_total():
    body = ("十、指标完成与得分对照\n"
            "改造老旧小区的年度指标值为≥18个，全年实际值为18个，分值8分，自评得分8分。\n"
            "改造雨污管网的年度指标值为≥12.5公里，全年实际值为11.8公里，分值6分，自评得分5.66分。\n"
            "小区居民满意度的年度指标值为≥90%，全年实际值为92.6%，分值10分，自评得分12分。")
    assert _codes(body + _L11_FORM, ["NC300"]) == []


def test_the_reports_self_score_in_the_narrative_is_still_compared():
    assert [c for c, _ in _codes("项目自评得分96.01分，自评等级“优”。" + _L11_FORM, ["NC300"])] == ["NC300"]
    # a weight of 100 is the report's own: its 自评得分 is the total
    body = "本项目分值100分，自评得分96.01分。"
    assert [c for c, _ in _codes(body + _L11_FORM, ["NC300"])] == ["NC300"]
