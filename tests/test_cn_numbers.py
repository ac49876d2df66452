"""Chinese numerals the scanner used to misread (三点五万元 as 5万元) or skip (壹佰万元整), read through
cn2an inside the offset-preserving scanner; a unit statement does not swallow the next label."""
import pytest

from narrcheck.understand.quantities import extract_quantities
from narrcheck.understand.values import find_values, parse_value


@pytest.mark.parametrize("text,span,number,unit,dec", [
    ("全年支出三点五万元。", "三点五万元", 3.5, "万元", 1),
    ("安排资金壹佰万元整，用于维修。", "壹佰万元", 100.0, "万元", 0),
    ("群众满意度达百分之九十五。", "百分之九十五", 95.0, "%", 0),
    ("完成率百分之九十八点七五", "百分之九十八点七五", 98.75, "%", 2),
    ("投入壹拾贰万叁仟元", "壹拾贰万叁仟元", 123000.0, "元", 0),
    ("结余零点五万元", "零点五万元", 0.5, "万元", 1),
    ("（一）１２月，全年支出三点五万元", "三点五万元", 3.5, "万元", 1),      # offsets survive full-width text
])
def test_chinese_numerals_are_read_with_exact_spans(text, span, number, unit, dec):
    vals = [v for v in find_values(text) if v.kind in ("number", "percent")]
    v = vals[-1]
    assert text[v.start:v.end] == span and v.span_text == span
    assert v.number == number and v.unit == unit and v.decimals == dec


@pytest.mark.parametrize("text", ["下午三点开会", "提出三点意见", "做到三点要求，一是", "壹心为民"])
def test_words_that_are_not_quantities_stay_silent(text):
    assert [v for v in find_values(text) if v.kind in ("number", "percent")] == []


def test_cells_with_chinese_numerals():
    assert parse_value("壹佰万元").number == 100.0 and parse_value("壹佰万元").unit == "万元"
    assert parse_value("三点五万元").number == 3.5
    assert parse_value("≥百分之九十五").number == 95.0 and parse_value("≥百分之九十五").comparator == "≥"


def test_chinese_figures_reach_the_sums():
    qs = extract_quantities("全年支出壹佰万元，其中基本支出六十万元、项目支出三十五点五万元。")
    total = next(q for q in qs if q.label == "全年支出")
    assert total.number == 100.0 and [p.number for p in total.parts] == [60.0, 35.5]


def test_a_unit_statement_does_not_swallow_the_next_label():
    qs = extract_quantities("金额单位：万元 基本支出1144.41，项目支出90。")
    assert [q.label for q in qs] == ["基本支出", "项目支出"]
    qs = extract_quantities("单位：万元　全年预算数 1273.05")
    assert qs[0].label == "全年预算数"
