"""Issue 13: property tests (hypothesis, derandomized in CI) — the value and quantity parsers and
the text reader never raise on any text, and what they return points into the text.  The longer
run (≥ 10,000 cases through the whole pipeline) is benchmarks/fuzz.py."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrcheck.read.text import decode_bytes, parse_text
from narrcheck.understand.quantities import extract_quantities, labelled_cell, role_of
from narrcheck.understand.values import excel_serial_date, find_values, normalize, parse_number, parse_value

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# report-like characters plus the troublemakers: full-width digits, signs, exponents, huge numbers
PIECES = st.sampled_from(["1", "23", "4.5", "-", "－", "+", "１２", "．", "%", "％", "‰", "≥", "≤", "约", "万元", "元",
                          "人", "个", "年", "月", "日", "至", "~", "—", "1e999", "9" * 40, "0.000", ",", "，", "。",
                          "\t", "\n", " ", "执行率", "预算数", "编制数", "完成", "≥95%", "不低于", "以上", "（", "）",
                          "2023", "12月31日", "NaN", "inf", "∞", "Ⅻ", "一百二十", "零", "½", "²"])
reportish = st.lists(PIECES, max_size=25).map("".join)
anything = st.text(max_size=60)


@SETTINGS
@given(st.one_of(reportish, anything))
def test_value_parsers_never_raise(text):
    assert len(normalize(text)) == len(text)            # length-preserving: offsets stay valid
    n = parse_number(text)
    assert n is None or isinstance(n[0], float)
    v = parse_value(text)
    assert v is not None
    for fv in find_values(text):
        assert fv is not None
    d = excel_serial_date(text)
    assert d is None or len(d) == 3


@SETTINGS
@given(st.one_of(reportish, anything), st.one_of(st.none(), st.integers(1990, 2035)))
def test_quantity_scanner_never_raises_and_points_into_the_text(text, year):
    for q in extract_quantities(text, year):
        assert 0 <= q.start <= q.end <= len(text)
    role_of(text)
    labelled_cell(text)


@SETTINGS
@given(st.lists(st.one_of(reportish, anything, st.just("\t一级指标"), st.just("| a | b |")), max_size=12))
def test_text_reader_never_raises(lines):
    doc = parse_text("\n".join(lines), path="fuzz.txt")
    assert isinstance(doc.blocks, list)


@SETTINGS
@given(st.binary(max_size=300))
def test_decoder_returns_text_or_a_decode_error(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except UnicodeDecodeError:
        pass
