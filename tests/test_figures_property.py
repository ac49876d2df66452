"""Property-based tests (hypothesis) for the figure checks: generated reports
(pipe-table text parsed with parse_text + understand) with consistent and
inconsistent sums and rates; the checks must flag exactly the inconsistent
ones.  Consistent cases include the rounding/truncation allowance (a rate
truncated instead of rounded, a sum of rounded parts one cent off)."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from narrcheck.checks.registry import load_all
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

CHECKS = load_all()
SETTINGS = settings(max_examples=int(__import__("os").environ.get("NC_HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(text: str, *codes):
    rep = understand(parse_text(text, "gen.txt"))
    out = []
    for c in codes:
        out.extend(CHECKS[c].run(rep, Config()))
    return out


def money(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def pct(x: Decimal, mode: str = "round") -> Decimal:
    q = Decimal("0.01")
    return x.quantize(q, rounding=ROUND_DOWN if mode == "trunc" else ROUND_HALF_UP)


# ---------------------------------------------------------------------------
# funds blocks: FUND-SUM (NC351), EXEC-RATE (NC352), execution score (NC402)
# ---------------------------------------------------------------------------

ROWS = ["其中：财政拨款", "上年结转资金", "其他资金"]


@st.composite
def funds_case(draw):
    n = draw(st.integers(2, 3))
    budgets = [draw(st.integers(100_000, 900_000)) for _ in range(n)]          # 1000.00–9000.00 万元
    execs = [draw(st.integers(b // 2, b)) for b in budgets]
    fault = draw(st.sampled_from(["none", "sum_budget", "sum_exec", "rate_total", "rate_part", "score"]))
    mode = draw(st.sampled_from(["round", "trunc"]))
    delta = draw(st.sampled_from([-1, 1])) * draw(st.integers(5, 5_000))       # ≥ 0.05 万元 / 0.05 points
    part = draw(st.integers(0, n - 1))
    return budgets, execs, fault, mode, delta, part


def render_funds(budgets, execs, fault, mode, delta, part):
    tb, te = sum(budgets), sum(execs)
    if fault == "sum_budget":
        tb += delta
    if fault == "sum_exec":
        te += delta
    rows = []
    rate_t = pct(Decimal(te) / Decimal(tb) * 100, mode)
    if fault == "rate_total":
        rate_t += Decimal(delta) / 100
    score = pct(min(Decimal(te) / Decimal(tb), Decimal(1)) * 10)
    if fault == "score":
        score = max(Decimal(0), min(Decimal(10), score - abs(Decimal(delta)) / 100))
    rows.append(f"| 年度资金总额 | {money(tb)} | {money(tb)} | {money(te)} | 10 | {rate_t}% | {score} |")
    for i, (b, e) in enumerate(zip(budgets, execs)):
        r = pct(Decimal(e) / Decimal(b) * 100, mode)
        if fault == "rate_part" and i == part:
            r += Decimal(delta) / 100
        rows.append(f"| {ROWS[i]} | {money(b)} | {money(b)} | {money(e)} | | {r}% | |")
    return ("2023年度项目支出绩效自评表\n"
            "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n" + "\n".join(rows) + "\n")


@SETTINGS
@given(funds_case())
def test_funds_blocks_flag_exactly_the_inconsistent_cells(case):
    budgets, execs, fault, mode, delta, part = case
    if fault == "score":
        assume(Decimal(sum(execs)) / Decimal(sum(budgets)) * 10 >= abs(Decimal(delta)) / 100)
    text = render_funds(*case)
    found = run(text, "NC351", "NC352", "NC402")
    got = {(f.rule, f.location.row, f.location.column) for f in found if f.severity != "info"}
    expected = set()
    if fault == "sum_budget":
        expected = {("NC351", 1, "年初预算数"), ("NC351", 1, "全年预算数")}
    elif fault == "sum_exec":
        expected = {("NC351", 1, "全年执行数")}
    elif fault == "rate_total":
        expected = {("NC352", 1, "执行率")}
    elif fault == "rate_part":
        expected = {("NC352", 2 + part, "执行率")}
    elif fault == "score":
        expected = {("NC402", 1, "得分")}
    assert got == expected, text


# ---------------------------------------------------------------------------
# narrative parts vs totals (NC350)
# ---------------------------------------------------------------------------

@SETTINGS
@given(st.integers(1_000, 900_000), st.integers(1_000, 900_000), st.integers(1_000, 900_000),
       st.sampled_from([0, 1, -1, 3, -3, 50, -50, 1_000, -1_000]))
def test_narrative_spending_parts(personnel, public, project, d):
    basic = personnel + public
    total = basic + project + d
    text = ("2023年度部门整体支出绩效自评报告\n"
            f"全年实际支出{money(total)}万元，其中：基本支出{money(basic)}万元，项目支出{money(project)}万元。"
            f"基本支出{money(basic)}万元，其中人员经费{money(personnel)}万元，公用经费{money(public)}万元。\n")
    found = run(text, "NC350")
    # ±0.01 万元 is within rounding (1144.40 vs 1144.41); 0.03 and more is an error
    assert bool(found) == (abs(d) >= 3), text
    for f in found:
        assert f.severity == "error" and f.text.startswith("全年实际支出")


@SETTINGS
@given(st.integers(1, 300), st.integers(0, 300), st.integers(-5, 5))
def test_narrative_head_counts(active, retired, d):
    total = active + retired + d
    assume(total > 0 and total != active)
    text = ("2023年度部门整体支出绩效自评报告\n"
            f"2023年末共有人员{total}人，其中：在职人员{active}人，离退休人员{retired}人。\n")
    found = run(text, "NC350")
    assert bool(found) == (d != 0), text


# ---------------------------------------------------------------------------
# growth rates and shares (NC354)
# ---------------------------------------------------------------------------

@SETTINGS
@given(st.integers(100_000, 900_000), st.integers(10_000, 100_000), st.sampled_from(["round", "trunc"]),
       st.sampled_from([0, 0, 5, -5, 40, -40, 300]), st.booleans())
def test_growth_rates(prev, change, mode, k, up):
    cur = prev + change if up else prev - change
    assume(cur > 0)
    rate = pct(Decimal(change) / Decimal(prev) * 100, mode) + Decimal(k) / 100
    word, rword = ("增加", "增长") if up else ("减少", "下降")
    text = ("2021年度部门整体支出绩效自评报告\n"
            f"2021年，单位基本支出{money(cur)}万元，比上年{word}{money(change)}万元，{rword}{rate}%。\n")
    found = run(text, "NC354")
    assert bool(found) == (k != 0), text


@SETTINGS
@given(st.integers(100_000, 900_000), st.integers(100_000, 900_000), st.sampled_from(["round", "trunc"]),
       st.sampled_from([0, 0, 3, -3, 20, -20]))
def test_shares(personnel, public, mode, k):
    basic = personnel + public
    exact = Decimal(personnel) / Decimal(basic) * 100
    s1 = exact.quantize(Decimal("0.1"), rounding=ROUND_DOWN if mode == "trunc" else ROUND_HALF_UP)
    s1 += Decimal(k) / 10
    text = ("2021年度部门整体支出绩效自评报告\n"
            f"2021年，基本支出{money(basic)}万元。基本支出中人员经费{money(personnel)}万元，占基本支出{s1}%。\n")
    found = run(text, "NC354")
    # a share rounded or truncated to its last digit is right; three units off is an error
    assert bool(found) == (k != 0), text


# ---------------------------------------------------------------------------
# 控制率 (NC353)
# ---------------------------------------------------------------------------

@SETTINGS
@given(st.integers(10, 500), st.integers(1, 520), st.sampled_from(["round", "trunc"]),
       st.sampled_from([0, 0, 2, -2, 100, -100]))
def test_staff_control_rate(authorized, actual, mode, k):
    rate = pct(Decimal(actual) / Decimal(authorized) * 100, mode) + Decimal(k) / 100
    assume(rate >= 0)
    text = ("2023年度部门整体支出绩效评价基础数据表\n"
            "| 财政供养人员情况（人） | 编制数 | 2023年实际在职人数 | 控制率 |\n"
            f"| | {authorized} | {actual} | {rate}% |\n")
    found = run(text, "NC353")
    assert bool(found) == (k != 0), text


# ---------------------------------------------------------------------------
# text vs table with 元 / 万元 conversion (NC300, NC355)
# ---------------------------------------------------------------------------

@SETTINGS
@given(st.integers(10_000, 9_000_000), st.sampled_from([0, 0, 40, -40, 300, -300, 5_000]),
       st.sampled_from(["元", "万元"]))
def test_text_vs_base_table_in_yuan_and_wan(yuan, d, unit):
    wan = (Decimal(yuan) / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    said = f"{yuan + d}元" if unit == "元" else f"{(Decimal(yuan + d) / 10000).quantize(Decimal('0.01'))}万元"
    assume(unit == "元" or d in (0, 5_000))
    text = ("2024年度部门整体支出绩效自评报告\n"
            f"区政府办2024年全年公用经费{said}。\n"
            "2024年度部门整体支出绩效评价基础数据表\n"
            "| 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |\n"
            f"| 公用经费 | 1.00 | 900.00 | {wan} |\n")
    found = run(text, "NC300", "NC355")
    # 2-decimal 万元 stands for ±50 元, plus the truncation half-unit: 40 元 off is fine, 300 元 is not
    assert bool(found) == (abs(d) >= 300), text
    assert all(f.rule == "NC300" for f in found)
