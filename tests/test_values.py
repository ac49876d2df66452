"""Tests for narrcheck.understand.values (domain-rules.md §4)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from narrcheck.understand import values as V
from narrcheck.understand.values import (
    NA_MARKERS,
    Value,
    find_values,
    normalize,
    parse_number,
    parse_value,
)


def fields(v: Value, *names):
    return {n: getattr(v, n) for n in names}


# ---------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("src,out", [
    ("≧90%", "≥90%"),
    ("≦80万元", "≤80万元"),
    ("⩾95%", "≥95%"),
    ("⩽5%", "≤5%"),
    ("１２３件", "123件"),
    ("９８．４９％", "98.49%"),
    ("＞＝95%", ">=95%"),
    ("＜＝5%", "<=5%"),
    ("＋3％", "+3%"),
    ("－3%", "-3%"),
    ("−3%", "-3%"),
    ("3–5个", "3-5个"),
    ("\u3000≥90%\u00a0", " ≥90% "),
    ("a\u200bb", "a b"),
    ("ＡＢＣ", "ABC"),
    # Chinese punctuation kept
    ("（一）收入，支出；合计：100、", "（一）收入，支出；合计：100、"),
    ("㎡", "㎡"),
])
def test_normalize(src, out):
    assert normalize(src) == out
    assert len(normalize(src)) == len(src)


def test_normalize_not_nfkc():
    # NFKC would turn ㎡ into m2 and ① into 1 (length changes)
    assert normalize("100㎡①") == "100㎡①"


# ---------------------------------------------------------------------------
# parse_value: report cells
# ---------------------------------------------------------------------------

CASES = [
    # raw, kind, number, decimals, unit, comparator, approx, (start, end)
    ("≥98%", "percent", 98.0, 0, "%", "≥", False, (0, 4)),
    (" ≧90%", "percent", 90.0, 0, "%", "≥", False, (1, 5)),
    ("≥ 50次", "number", 50.0, 0, "次", "≥", False, (0, 5)),
    ("＝100%", "percent", 100.0, 0, "%", "=", False, (0, 5)),
    ("≦80万元", "number", 80.0, 0, "万元", "≤", False, (0, 5)),
    ("≤1328.5万元", "number", 1328.5, 1, "万元", "≤", False, (0, 9)),
    ("1253.78万元", "number", 1253.78, 2, "万元", "", False, (0, 9)),
    ("1,253.78", "number", 1253.78, 2, "", "", False, (0, 8)),
    ("50余次", "number", 50.0, 0, "次", "", True, (0, 4)),
    ("30余次", "number", 30.0, 0, "次", "", True, (0, 4)),
    ("300多人", "number", 300.0, 0, "人", "", True, (0, 5)),
    ("1000篇、条", "number", 1000.0, 0, "篇", "", False, (0, 7)),
    ("98.49%", "percent", 98.49, 2, "%", "", False, (0, 6)),
    ("91.17%", "percent", 91.17, 2, "%", "", False, (0, 6)),
    ("1144.40", "number", 1144.4, 2, "", "", False, (0, 7)),
    ("90", "number", 90.0, 0, "", "", False, (0, 2)),
    ("十二个", "number", 12.0, 0, "个", "", False, (0, 3)),
    ("约1000人次", "number", 1000.0, 0, "人次", "", True, (0, 7)),
    ("不低于95%", "percent", 95.0, 0, "%", "≥", False, (0, 6)),
    ("不少于20场", "number", 20.0, 0, "场", "≥", False, (0, 6)),
    ("不超过5个工作日", "number", 5.0, 0, "个工作日", "≤", False, (0, 8)),
    ("95%以上", "percent", 95.0, 0, "%", "≥", False, (0, 5)),
    ("95%（含）以上", "percent", 95.0, 0, "%", "≥", False, (0, 8)),
    ("控制在5%以内", "percent", 5.0, 0, "%", "≤", False, (0, 7)),
    ("5个工作日内", "number", 5.0, 0, "个工作日", "≤", False, (0, 6)),
    ("100人左右", "number", 100.0, 0, "人", "", True, (0, 6)),
    ("15％", "percent", 15.0, 0, "%", "", False, (0, 3)),
    ("0", "number", 0.0, 0, "", "", False, (0, 1)),
    ("＞＝95%", "percent", 95.0, 0, "%", "≥", False, (0, 5)),
    (">=100人", "number", 100.0, 0, "人", "≥", False, (0, 6)),
    ("<5%", "percent", 5.0, 0, "%", "<", False, (0, 3)),
    ("≧120个", "number", 120.0, 0, "个", "≥", False, (0, 5)),
    ("-5%", "percent", -5.0, 0, "%", "", False, (0, 3)),
    ("－3.2%", "percent", -3.2, 1, "%", "", False, (0, 5)),
    ("2个百分点", "number", 2.0, 0, "个百分点", "", False, (0, 5)),
    ("1.2亿元", "number", 1.2, 1, "亿元", "", False, (0, 5)),
    ("≥ 1,500 元", "number", 1500.0, 0, "元", "≥", False, (0, 9)),
    ("300元/平方米", "number", 300.0, 0, "元/平方米", "", False, (0, 8)),
    ("１２３件", "number", 123.0, 0, "件", "", False, (0, 4)),
    ("5‰", "percent", 5.0, 0, "‰", "", False, (0, 2)),
    ("百分之九十", "percent", 90.0, 0, "%", "", False, (0, 5)),
    ("1000余万元", "number", 1000.0, 0, "万元", "", True, (0, 7)),
    ("2024.12万元", "number", 2024.12, 2, "万元", "", False, (0, 9)),
    ("全年办理文件386件", "number", 386.0, 0, "件", "", False, (6, 10)),
    ("增长41.78%", "percent", 41.78, 2, "%", "", False, (2, 8)),
]


@pytest.mark.parametrize("raw,kind,number,decimals,unit,cmp_,approx,span", CASES,
                         ids=[c[0] or "<empty>" for c in CASES])
def test_parse_value_cells(raw, kind, number, decimals, unit, cmp_, approx, span):
    v = parse_value(raw)
    assert fields(v, "kind", "number", "decimals", "unit", "comparator", "approx") == {
        "kind": kind, "number": number, "decimals": decimals, "unit": unit,
        "comparator": cmp_, "approx": approx}
    assert (v.start, v.end) == span
    assert v.raw == raw
    assert v.span_text == raw[span[0]:span[1]]
    assert v.scale == 1.0


def test_magnitude_scale():
    v = parse_value("3.5万人次")
    assert fields(v, "kind", "number", "decimals", "unit", "scale") == {
        "kind": "number", "number": 3.5, "decimals": 1, "unit": "人次", "scale": 10000.0}
    assert v.base_number == 35000.0
    assert (v.start, v.end) == (0, 6)
    v = parse_value("2万余人")
    assert (v.number, v.unit, v.scale, v.approx) == (2.0, "人", 10000.0, True)
    v = parse_value("80多万字")
    assert (v.number, v.unit, v.scale, v.approx) == (80.0, "字", 10000.0, True)
    v = parse_value("3.5万")
    assert (v.number, v.unit, v.scale) == (3.5, "", 10000.0)
    # money units keep their own name; they are not scales
    for raw, unit in [("1.2亿元", "亿元"), ("80万元", "万元"), ("300元", "元")]:
        v = parse_value(raw)
        assert (v.unit, v.scale) == (unit, 1.0)
        assert v.base_number == v.number
    v = parse_value("三万元")
    assert (v.number, v.unit, v.scale) == (3.0, "万元", 1.0)
    v = parse_value("3千人")
    assert (v.number, v.unit, v.scale, v.base_number) == (3.0, "人", 1000.0, 3000.0)
    v = parse_value("两千人")           # a Chinese numeral keeps 千 inside the number
    assert (v.number, v.unit, v.scale) == (2000.0, "人", 1.0)
    v = parse_value("一千万人")          # ... but a trailing 万/亿 is a magnitude
    assert (v.number, v.unit, v.scale, v.base_number) == (1000.0, "人", 10000.0, 1e7)
    assert parse_value("效果明显").base_number is None


@pytest.mark.parametrize("raw", ["无", "——", "—", "－", "-", "/", "／", "--", "不适用", "N/A",
                                 " / ", "（无）", "不涉及"])
def test_na(raw):
    v = parse_value(raw)
    assert v.kind == "na"
    assert v.number is None


def test_na_markers_public():
    assert {"/", "-", "—", "——", "无", "不适用"} <= NA_MARKERS


@pytest.mark.parametrize("raw", ["", "   ", "\u3000", "\n\t", "\u200b"])
def test_empty(raw):
    assert parse_value(raw).kind == "empty"


def test_none_is_empty():
    assert parse_value(None).kind == "empty"


@pytest.mark.parametrize("raw", ["效果明显", "已完成", "按时完成", "较好", "无偏差", "达到预期效果",
                                 "十分重要", "一次性补助", "一户一策", "进一步提高"])
def test_text(raw):
    v = parse_value(raw)
    assert v.kind == "text"
    assert v.number is None and v.unit == "" and v.comparator == ""


def test_placeholder_without_number():
    v = parse_value("≤万元")
    assert fields(v, "kind", "number", "decimals", "unit", "comparator") == {
        "kind": "text", "number": None, "decimals": None, "unit": "万元", "comparator": "≤"}
    assert (v.start, v.end) == (0, 3)
    v = parse_value("≥XX户")
    assert fields(v, "kind", "number", "unit", "comparator") == {
        "kind": "text", "number": None, "unit": "户", "comparator": "≥"}
    v = parse_value(" ≥ ××% ")
    assert (v.kind, v.unit, v.comparator, v.number) == ("text", "%", "≥", None)
    v = parse_value("≥")
    assert (v.kind, v.unit, v.comparator) == ("text", "", "≥")
    v = parse_value("≥良好")            # a bound on a qualitative value
    assert (v.kind, v.comparator, v.number) == ("text", "≥", None)


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw,date,cmp_", [
    ("2024年12月31日", (2024, 12, 31), ""),
    ("2024年12月", (2024, 12, None), ""),
    ("2024年", (2024, None, None), ""),
    ("2024年度", (2024, None, None), ""),
    ("2024年全年", (2024, None, None), ""),
    ("2024、12、31", (2024, 12, 31), ""),
    ("2024.12.31", (2024, 12, 31), ""),
    ("2024-12-31", (2024, 12, 31), ""),
    ("2024/12/31", (2024, 12, 31), ""),
    ("2024.12", (2024, 12, None), ""),
    ("12月底前", (None, 12, None), "≤"),
    ("6月30日前", (None, 6, 30), "≤"),
    ("2024年6月30日前", (2024, 6, 30), "≤"),
    ("≤2024年9月30日", (2024, 9, 30), "≤"),
    ("2024年底前", (2024, 12, None), "≤"),
    ("2024年1月1日起", (2024, 1, 1), "≥"),
    ("2024 年 6 月", (2024, 6, None), ""),
    ("二〇二四年十二月", (2024, 12, None), ""),
    ("１２月３１日", (None, 12, 31), ""),
])
def test_dates(raw, date, cmp_):
    v = parse_value(raw)
    assert v.kind == "date"
    assert v.date == date
    assert v.comparator == cmp_
    assert v.number is None
    assert (v.start, v.end) == (0, len(raw))


def test_year_is_not_a_number():
    v = parse_value("2024年")
    assert v.kind == "date" and v.number is None
    # a year followed by other words: the date is the first quantity
    vs = find_values("2024年完成386件")
    assert [(v.kind, v.span_text) for v in vs] == [("date", "2024年"), ("number", "386件")]
    # 2024.12 followed by a money unit is an amount, not a date
    assert parse_value("2024.12万元").kind == "number"
    # invalid month: a number
    v = parse_value("2024.45")
    assert (v.kind, v.number, v.decimals) == ("number", 2024.45, 2)


def test_year_before_ordinal_words():
    # "前三季度" is not "before 2024"
    v = parse_value("2024年前三季度")
    assert v.kind == "date" and v.comparator == "" and v.span_text == "2024年"


# ---------------------------------------------------------------------------
# ranges
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw,low,high,unit,dec", [
    ("90%-95%", 90.0, 95.0, "%", 0),
    ("90%～95%", 90.0, 95.0, "%", 0),
    ("90%~95%", 90.0, 95.0, "%", 0),
    ("90%—95%", 90.0, 95.0, "%", 0),
    ("90-95%", 90.0, 95.0, "%", 0),
    ("3至5个", 3.0, 5.0, "个", 0),
    ("3-5个", 3.0, 5.0, "个", 0),
    ("3 - 5 个", 3.0, 5.0, "个", 0),
    ("三至五个", 3.0, 5.0, "个", 0),
    ("0.5-1.5万元", 0.5, 1.5, "万元", 1),
    ("3-5", 3.0, 5.0, "", 0),
    ("1-6月", 1.0, 6.0, "月", 0),
])
def test_ranges(raw, low, high, unit, dec):
    v = parse_value(raw)
    assert v.kind == "range"
    assert (v.low, v.high, v.unit, v.number, v.decimals) == (low, high, unit, low, dec)
    assert (v.start, v.end) == (0, len(raw))


def test_range_with_scale():
    v = parse_value("3-5万人")
    assert (v.kind, v.low, v.high, v.unit, v.scale) == ("range", 3.0, 5.0, "人", 10000.0)


def test_range_needs_increasing_bounds():
    v = parse_value("95%-90%")
    assert v.kind == "percent" and v.number == 95.0


# ---------------------------------------------------------------------------
# Chinese numerals, parse_number
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw,n", [
    ("十二", 12), ("两", 2), ("三百", 300), ("一千二百", 1200), ("十", 10), ("二十", 20),
    ("一百一十", 110), ("三百零五", 305), ("一千二", 1200), ("两万三千", 23000), ("一千零一", 1001),
])
def test_chinese_numerals(raw, n):
    assert parse_number(raw) == (float(n), 0)
    v = parse_value(raw)
    assert (v.kind, v.number, v.decimals) == ("number", float(n), 0)


@pytest.mark.parametrize("raw", ["十四五", "一二", "百", "万"])
def test_bad_chinese_numerals(raw):
    assert parse_number(raw) is None


@pytest.mark.parametrize("raw,out", [
    ("1144.40", (1144.4, 2)), ("1,253.78", (1253.78, 2)), ("90", (90.0, 0)), ("-3.5", (-3.5, 1)),
    ("１２．５０", (12.5, 2)), (" 7 ", (7.0, 0)), ("+2", (2.0, 0)),
    ("1,2345", None), ("abc", None), ("", None), ("95%", None), ("1.2.3", None),
])
def test_parse_number(raw, out):
    assert parse_number(raw) == out


def test_thousands_separator_rules():
    assert parse_value("1,253,000元").number == 1253000.0
    # ASCII comma not followed by exactly 3 digits: a list, not a separator
    vs = find_values("分别为3,5,7个")
    assert [v.number for v in vs] == [3.0, 5.0, 7.0]
    # full-width comma and 、 are punctuation
    vs = find_values("1，253件")
    assert [v.number for v in vs] == [1.0, 253.0]
    vs = find_values("分别为3、5个")
    assert [v.number for v in vs] == [3.0, 5.0]


# ---------------------------------------------------------------------------
# tolerance / interval
# ---------------------------------------------------------------------------

def test_tolerance_interval():
    v = parse_value("1144.40")
    assert v.tolerance == pytest.approx(0.005)
    lo, hi = v.interval
    assert lo == pytest.approx(1144.395) and hi == pytest.approx(1144.405)
    v = parse_value("98.49%")
    assert v.tolerance == pytest.approx(0.005)
    v = parse_value("90")
    assert v.tolerance == 0.5
    assert v.interval == (89.5, 90.5)
    v = parse_value("≤1328.5万元")
    assert v.tolerance == pytest.approx(0.05)
    assert parse_value("效果明显").tolerance == 0.0


# ---------------------------------------------------------------------------
# find_values in narrative text
# ---------------------------------------------------------------------------

NARRATIVE = ("2024年，单位本年收入2,277.91万元，较上年增长41.78%，执行率提高2个百分点；"
             "全年办理文件386件，组织会议50余次、培训约1000人次，3.5万人次受益；"
             "满意度≥ 95%，6月底前完成验收；新建服务站十二个，目标为90%～95%。")


def test_find_values_narrative():
    vs = find_values(NARRATIVE)
    got = [(v.kind, v.span_text, v.number, v.unit, v.comparator, v.approx) for v in vs]
    assert got == [
        ("date", "2024年", None, "", "", False),
        ("number", "2,277.91万元", 2277.91, "万元", "", False),
        ("percent", "41.78%", 41.78, "%", "", False),
        ("number", "2个百分点", 2.0, "个百分点", "", False),
        ("number", "386件", 386.0, "件", "", False),
        ("number", "50余次", 50.0, "次", "", True),
        ("number", "约1000人次", 1000.0, "人次", "", True),
        ("number", "3.5万人次", 3.5, "人次", "", False),
        ("percent", "≥ 95%", 95.0, "%", "≥", False),
        ("date", "6月底前", None, "", "≤", False),
        ("number", "十二个", 12.0, "个", "", False),
        ("range", "90%～95%", 90.0, "%", "", False),
    ]
    for v in vs:
        assert v.raw is NARRATIVE
        assert NARRATIVE[v.start:v.end] == v.span_text
    assert vs[7].scale == 10000.0
    assert vs[0].date == (2024, None, None)
    assert (vs[-1].low, vs[-1].high) == (90.0, 95.0)


def test_find_values_skips_non_quantities():
    text = ("一、基本情况\n1.收入情况\n（2）支出情况\n根据财预〔2020〕10号文件，执行GB50016-2014标准，"
            "第三次会议十分重要，一次性补助，一户一策，进一步提高。")
    assert find_values(text) == []


def test_find_values_fullwidth_offsets():
    text = "满意度＞＝９５％，完成１２３件"
    vs = find_values(text)
    assert [(v.span_text, v.comparator, v.number, v.unit) for v in vs] == [
        ("＞＝９５％", "≥", 95.0, "%"), ("１２３件", "", 123.0, "件")]


def test_find_values_near_years_not_approx():
    v, = find_values("近三年累计投入")
    assert (v.number, v.unit, v.approx, v.span_text) == (3.0, "年", False, "三年")
    v, = find_values("报送信息近300条")
    assert (v.number, v.unit, v.approx, v.span_text) == (300.0, "条", True, "近300条")


def test_find_values_negative_only_after_words():
    assert [v.number for v in find_values("变动率为-3.5%")] == [-3.5]
    vs = find_values("2024年-2025年")
    assert [v.date for v in vs] == [(2024, None, None), (2025, None, None)]


def test_outline_numbers_are_not_quantities():
    assert find_values("1、建设服务站\n2、培训") == []
    assert parse_value("（3）") .kind == "number"   # a bare cell is still a number


def test_find_values_types():
    assert find_values("") == []
    assert find_values(None) == []


# ---------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，、%％‰≥≤≧≦⩾⩽><=＞＜＝-－−–—~～/／ \u3000\u00a0\u200b\t\n")
    + list("年月日号前底末余多约近左右以上下内至到万亿千百十一二两三四五六七八九零〇元人次个件篇条份项户场天小时公里米亩吨台套家名分")
    + list("不低于少超过高大控制在含（）()第〔〕XxAbG×*…效果明显已完成无适用度全")
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=40)))
def test_fuzz_never_raises(text):
    assert len(normalize(text)) == len(text)
    v = V._parse_value(text)          # the unguarded implementation
    assert isinstance(v, Value)
    assert v.kind in {"empty", "na", "number", "percent", "date", "range", "text"}
    assert 0 <= v.start <= v.end <= len(text)
    if v.kind in ("number", "percent", "range"):
        assert v.number is not None and v.decimals is not None
    if v.kind == "range":
        assert v.low <= v.high
    if v.kind == "date":
        assert v.date is not None and any(x is not None for x in v.date)
    assert parse_value(text).kind == v.kind
    prev_end = 0
    for w in V._scan(normalize(text), cell=False):
        assert prev_end <= w.start < w.end <= len(text)
        prev_end = w.end
    for w in find_values(text):
        assert w.raw is text and w.span_text == text[w.start:w.end]


_QUANTITIES = [
    ("≥98%", dict(kind="percent", number=98.0, unit="%", comparator="≥")),
    ("≥ 50次", dict(kind="number", number=50.0, unit="次", comparator="≥")),
    ("≦80万元", dict(kind="number", number=80.0, unit="万元", comparator="≤")),
    ("1,253.78万元", dict(kind="number", number=1253.78, unit="万元", decimals=2)),
    ("98.49%", dict(kind="percent", number=98.49, decimals=2)),
    ("50余次", dict(kind="number", number=50.0, unit="次", approx=True)),
    ("约1000人次", dict(kind="number", number=1000.0, unit="人次", approx=True)),
    ("3.5万人次", dict(kind="number", number=3.5, unit="人次", scale=10000.0)),
    ("十二个", dict(kind="number", number=12.0, unit="个")),
    ("90%-95%", dict(kind="range", low=90.0, high=95.0)),
    ("3至5个", dict(kind="range", low=3.0, high=5.0, unit="个")),
    ("2024年6月30日前", dict(kind="date", date=(2024, 6, 30), comparator="≤")),
    ("2024、12、31", dict(kind="date", date=(2024, 12, 31))),
    ("12月底前", dict(kind="date", date=(None, 12, None), comparator="≤")),
    ("不低于95%", dict(kind="percent", number=95.0, comparator="≥")),
    ("2个百分点", dict(kind="number", number=2.0, unit="个百分点")),
    ("-5%", dict(kind="percent", number=-5.0)),
    ("1000篇、条", dict(kind="number", number=1000.0, unit="篇")),
    ("100人以上", dict(kind="number", number=100.0, unit="人", comparator="≥")),
]
_FILLER = st.text(alphabet=st.sampled_from(list("工作进展情况良好我们推动服务质量提升，。；：")), max_size=8)
_FW_TABLE = {ord(c): ord(c) + 0xFEE0 for c in "0123456789.%=<>"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_FILLER, st.sampled_from(_QUANTITIES), st.booleans()), min_size=1, max_size=6),
       _FILLER)
def test_find_values_spans_point_at_quantities(parts, tail):
    text = ""
    expected = []
    for filler, (q, attrs), fullwidth in parts:
        text += filler + "，"             # a punctuation mark keeps neighbours apart
        if fullwidth:
            q = q.translate(_FW_TABLE)
        expected.append((len(text), len(text) + len(q), q, attrs))
        text += q + "；"
    text += tail
    vs = find_values(text)
    assert [(v.start, v.end) for v in vs] == [(s, e) for s, e, _, _ in expected]
    for v, (s, e, q, attrs) in zip(vs, expected):
        assert text[v.start:v.end] == q == v.span_text
        for k, want in attrs.items():
            assert getattr(v, k) == want, (q, k)


# issue 16: normalize skips texts it would not change; find_values / parse_value are memoised

def test_normalize_fast_path_equals_the_table():
    from narrcheck.understand.values import _FW

    mapped = "".join(chr(k) for k in sorted(_FW))
    texts = ["本单位全年完成各项工作任务，效果明显。", "≥95%", "", "ABC 123",
             "培训１２场，满意度≧９５％", "经费\u3000支出", "2023年1月—12月", "（无）", mapped]
    texts += [f"全年完成{c}项" for c in mapped]
    for t in texts:
        assert normalize(t) == t.translate(_FW)
        assert len(normalize(t)) == len(t)


def test_memoised_values_are_fresh_copies():
    """A caller that edits a Value it got does not change what the next caller gets."""
    from narrcheck.understand.values import find_values

    first = parse_value("≥95%")
    first.number, first.comparator = 1.0, ""
    again = parse_value("≥95%")
    assert again is not first and again.number == 95.0 and again.comparator == "≥"
    text = "全年培训12场，覆盖300人。"
    vs = find_values(text)
    vs[0].number = -1
    vs.append(vs[0])
    fresh = find_values(text)
    assert [v.number for v in fresh] == [12.0, 300.0] and all(v.raw == text for v in fresh)
