"""Layout parity (issue 14): one report, many shapes, the same records.

tests/fixtures/layouts/ holds 30+ invented reports of the provincial templates,
each written by gen/build.py in every layout (Word, HTML, tab/pipe text, one
cell per line, flattened, glued, PDF and its text).  key.json holds the records
every layout must yield and the planted defects every layout must let the checks
find.

* The (report, layout) pairs in SUPPORTED.json are held strictly: every
  indicator and funds record equals the key, the total is read, every planted
  defect is found.  The other pairs are measured by benchmarks/bench_layouts.py;
  a pair joins SUPPORTED.json when the reader learns it.
* The key itself is checked independently of the generator: its numbers add up
  (sums, 执行率, scores by domain-rules.md §2, weights, totals) except exactly the
  planted defects, and each planted defect really is inconsistent.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import layout_util as U  # noqa: E402

KEYS = U.load_key()
BY_ID = {k["id"]: k for k in KEYS}
PAIRS = U.supported_pairs(KEYS)


@pytest.mark.parametrize("rid,layout", PAIRS, ids=[f"{r}-{l}" for r, l in PAIRS])
def test_supported_pair_reads_like_the_key(rid, layout):
    res = U.evaluate(BY_ID[rid], layout)
    assert not res.error, res.error
    assert not res.mismatches and not res.extra, "\n".join(res.mismatches + ["extra: " + e for e in res.extra])
    assert not res.missed_planted, f"planted defects not found: {res.missed_planted}"


# layouts read from geometry rather than from a grid: a misread must never become an error (nor a
# warning), so every error and warning they yield must be one the clean Word copy yields too
NO_NEW_ERRORS = ("pdf_unruled",)
ERR_PAIRS = [p for p in PAIRS if p[1] in NO_NEW_ERRORS]


def _errors(rid: str, layout: str) -> list[str]:
    from narrcheck.api import check_report, load_report
    from narrcheck.config import Config

    rep = load_report(str(U.fixture_path(rid, layout)))
    return sorted(f.rule for f in check_report(rep, Config()) if f.severity in ("error", "warning"))


@pytest.mark.parametrize("rid,layout", ERR_PAIRS, ids=[f"{r}-{l}" for r, l in ERR_PAIRS])
def test_no_error_or_warning_the_word_copy_does_not_have(rid, layout):
    word = _errors(rid, "docx")
    extra = list(_errors(rid, layout))
    for rule in word:
        if rule in extra:
            extra.remove(rule)
    assert not extra, f"errors/warnings not in the .docx reading: {extra}"


def test_supported_json_names_real_reports_and_layouts():
    sup = U.load_supported()
    templates = {k["template"] for k in KEYS}
    for layout, entries in sup.items():
        assert layout in U.LAYOUTS, layout
        for e in entries:
            assert e == "*" or e in BY_ID or (e.startswith("template:") and e[9:] in templates), (layout, e)
    # the clean Word layout is the reference: it must be held for most reports
    assert len([p for p in PAIRS if p[1] == "docx"]) >= 20


# --------------------------------------------------------------------------- the fixture set

ITEM4_TEMPLATES = {"national", "sichuan", "yunnan_project", "yunnan_dept", "anhui", "hunan", "chongqing", "hubei",
                   "jiangxi", "neimenggu", "hebei", "guangdong"}
ITEM23_FEATURES = {"spanning_fund_header", "extra_columns", "header_one_short", "data_spans_two_columns",
                   "label_merged_down", "weight_before_target", "category_row", "sub_rows",
                   "split_caption", "split_paste", "row_cut",
                   # the writing habits and shapes of real copies beyond the issue's list
                   "multiline_cells", "method_column", "template_rows", "two_forms", "site_chrome",
                   "deviation_none", "thousands_separators", "fullwidth_digits"}


def test_fixture_set_covers_the_issue():
    assert len(KEYS) >= 30
    assert ITEM4_TEMPLATES <= {k["template"] for k in KEYS}
    feats = {}
    for k in KEYS:
        for f in k["features"]:
            feats.setdefault(f, set()).add(k["template"])
    assert ITEM23_FEATURES <= set(feats), ITEM23_FEATURES - set(feats)
    # every layout of every report is on disk, so each layout is in every template
    for k in KEYS:
        for layout in U.LAYOUTS:
            assert U.fixture_path(k["id"], layout).exists(), (k["id"], layout)
    size = sum(p.stat().st_size for p in U.LAYOUTS_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert size < 10 * 1024 * 1024, size


def test_layout_files_are_what_the_generator_writes():
    pytest.importorskip("docx")
    sys.path.insert(0, str(U.LAYOUTS_DIR / "gen"))
    import build

    # every text layout, the HTML and the key; the .docx and PDFs of one report (all of them: build.py --check)
    assert build.main(["--check", "--text-only"]) == 0
    assert build.main(["--check", "--only", "sc_2023_nongtian"]) == 0


# --------------------------------------------------------------------------- the key's numbers

_Q = re.compile(r"^(≥|≤|=|>|<)?(\d[\d,]*(?:\.\d+)?)(.*)$")


def _q(text):
    """(comparator, number, unit) of a quantitative value, else None."""
    if text is None:
        return None
    m = _Q.match(U.norm(text))
    if not m or re.search(r"\d", m.group(3)):
        return None
    return m.group(1) or "", float(m.group(2).replace(",", "")), m.group(3)


def _rule_score(target, actual, w):
    t, a = _q(target), _q(actual)
    if t is None or a is None or a[0]:
        return None
    cmp_, A, _ = t
    B = max(a[1], 0.0)
    if cmp_ in ("≤", "<"):
        return w if B <= A else (w * (1 - (B - A) / A) if B < 2 * A else 0.0)
    if cmp_ == "=" and A == 0:
        return w if B <= 0 else 0.0
    return w if B >= A else w * B / A


def key_problems(k: dict, skip_planted: bool = True) -> list[tuple[str, str]]:
    """(rule, where) of every inconsistency in a key's records (every form of the report;
    the planted defects are all in the main form)."""
    out = _form_problems(k, k["planted"], skip_planted)
    for i, m in enumerate(k.get("more_forms", [])):
        out += [(rule, f"form{i + 2}:{where}") for rule, where in _form_problems(m, [], skip_planted)]
    return out


def _form_problems(k: dict, planted_list: list, skip_planted: bool) -> list[tuple[str, str]]:
    planted = {(p["rule"], p["where"]) for p in planted_list} if skip_planted else set()
    n = U.number
    out = []

    def bad(rule, where):
        if (rule, where) not in planted:
            out.append((rule, where))

    funds = k["funds"]
    if funds:
        total, subs = funds[0], funds[1:]
        assert total["source"] == "total"
        for col in ("budget_initial", "budget_full_year", "executed"):
            if col in total and total[col] is not None:
                s = sum(n(f[col]) for f in subs if f.get(col) is not None)
                if abs(s - n(total[col])) > 0.005 * len(subs) + 1e-9:
                    # the planted row is the sub-row whose figure was changed
                    where = next((p["where"] for p in planted_list if p["rule"] == "NC351"), "fund:total")
                    bad("NC351", where)
        for f in funds:
            budget = n(f.get("budget_full_year")) if f.get("budget_full_year") is not None else n(f.get("budget_initial"))
            if f.get("rate") is not None and budget:
                rate = n(f["executed"]) / budget * 100
                if abs(rate - n(f["rate"])) > 0.006:
                    bad("NC352", f"fund:{f['source']}")
        w = n(total.get("weight")) if total.get("weight") is not None else n(k["exec_weight"])
        rate = n(total["executed"]) / (n(total.get("budget_full_year")) if total.get("budget_full_year") is not None
                                       else n(total["budget_initial"]))
        exec_score = min(rate, 1.0) * w
        if abs(exec_score - n(total["score"])) > 0.006:
            bad("NC402", "fund:total")
        exec_w = w
    else:
        exec_score = exec_w = 0.0
    scores = 0.0
    weights = exec_w
    for r in k["indicators"]:
        if r["sub"]:
            assert r.get("weight") is None and r.get("score") is None, r["name"]
            continue
        w, s = n(r["weight"]), n(r["score"])
        weights += w
        scores += s
        where = f"ind:{r['name']}"
        if s > w + 1e-9:
            bad("NC400", where)
            continue
        calc = _rule_score(r.get("target"), r.get("actual"), w)
        if _q(r.get("actual")) is not None and _q(r.get("actual"))[0]:
            # the actual is a bound: a copied target
            # (NC103 where the form prints the bound beside separate 指标性质 / 指标值 cells)
            bad(next((p["rule"] for p in planted_list if p["where"] == where and p["rule"] in ("NC002", "NC103")),
                     "NC002"), where)
        elif r.get("actual") is not None and r.get("target") is not None and U.norm(r["actual"]) == U.norm(r["target"]) \
                and _q(r["target"]) is None:
            bad("NC002", where)
        elif calc is not None and abs(calc - s) > 0.006:
            if s >= w - 1e-9 and calc < w:
                bad("NC406", where)
            else:
                bad("NC403", where)
        if s < w - 1e-9 and r.get("deviation") is None:
            bad("NC404", where)
        if r.get("score_ratio") is not None and abs(n(r["score_ratio"]) / 100 * w - s) > 0.006:
            bad("NC409", where)
    if abs(weights - 100) > 1e-6:
        bad("NC401", "total")
    # the total is the sum of the printed (2-decimal) scores
    if abs(scores + exec_score - n(k["total"]["score"])) > 0.011:
        bad("NC001", "total")
    if "base" in k:
        b = k["base"]
        if abs(b["actual_staff"] / b["authorized"] * 100 - n(b["control_rate"])) > 0.006:
            bad("NC353", "base:控制率")
    return out


@pytest.mark.parametrize("rid", sorted(BY_ID))
def test_key_numbers_are_consistent_except_the_planted_defects(rid):
    assert key_problems(BY_ID[rid]) == []


@pytest.mark.parametrize("rid", sorted(r for r, k in BY_ID.items() if k["planted"]))
def test_each_planted_defect_is_a_real_inconsistency(rid):
    k = BY_ID[rid]
    found = key_problems(k, skip_planted=False)
    for p in k["planted"]:
        assert (p["rule"], p["where"]) in found, (p, found)


def test_key_problems_sees_a_changed_figure():
    """The consistency check is not vacuous: change one figure of a clean key, it is reported."""
    k = json.loads(json.dumps(next(k for k in KEYS if not k["planted"] and k["funds"])))
    assert key_problems(k) == []
    k["funds"][1]["executed"] = f"{U.number(k['funds'][1]['executed']) + 1:.2f}"
    assert ("NC351", "fund:total") in key_problems(k)
    row = next(r for r in k["indicators"] if not r["sub"] and U.number(r["score"]) >= 1)
    row["score"] = str(U.number(row["score"]) - 0.5)
    assert any(w == f"ind:{row['name']}" for _r, w in key_problems(k)) and ("NC001", "total") in key_problems(k)


def test_parity_check_sees_a_wrong_record():
    """The comparison is not vacuous: a key with one changed value fails on a pair that holds."""
    rid, layout = next(p for p in PAIRS if p[1] == "docx")
    k = json.loads(json.dumps(BY_ID[rid]))
    assert U.evaluate(k, layout).records_ok
    row = next(r for r in k["indicators"] if not r["sub"] and r.get("actual"))
    row["actual"] = row["actual"] + "0"
    k["funds"][0]["executed"] = "1.00"
    res = U.evaluate(k, layout, planted=False)
    assert any(row["name"] in m and "actual" in m for m in res.mismatches), res.mismatches
    assert any("executed" in m for m in res.mismatches), res.mismatches


def test_layout_renderers_on_a_small_form():
    """What each text layout makes of a form with a label merged down, a header cell spanning two
    columns and a header row one cell short (expected texts written by hand)."""
    sys.path.insert(0, str(U.LAYOUTS_DIR / "gen"))
    from layouts import render_text
    from model import C, Para, Table

    t = Table([[C("", ghost=True), C("三级指标"), C("年度指标值", cs=2), C("分值")],
               [C("1"), C("培训人次"), C("≥"), C("600人次"), C("10", rs=2)],
               [C("2"), C("合格率"), C(""), C("95%")]])
    blocks = [Para("表"), t]
    assert render_text(blocks, "tab") == (
        "表\n\t三级指标\n\t年度指标值\n\t分值\n\n\t1\n\t培训人次\n\t≥\n\t600人次\n\t10\n\n"
        "\t2\n\t合格率\n\t\n\t95%\n\t\n")
    assert render_text(blocks, "pipe") == (
        "表\n\n| 三级指标 | 年度指标值 |  | 分值 |\n| 1 | 培训人次 | ≥ | 600人次 | 10 |\n| 2 | 合格率 |  | 95% |  |\n")
    assert render_text(blocks, "lines") == "表\n三级指标\n年度指标值\n分值\n1\n培训人次\n≥\n600人次\n10\n2\n合格率\n\n95%\n"
    assert render_text(blocks, "lines_nogap") == "表\n三级指标\n年度指标值\n分值\n1\n培训人次\n≥\n600人次\n10\n2\n合格率\n95%\n"
    assert render_text(blocks, "lines_bar").splitlines()[-3:] == ["合格率 |", "|", "95% |"]
    assert render_text(blocks, "flat") == "表\n三级指标 年度指标值 分值\n1 培训人次 ≥ 600人次 10\n2 合格率 95%\n"
    assert render_text(blocks, "glued") == "表\n三级指标年度指标值分值\n1培训人次≥600人次10\n2合格率95%\n"
    # a cut keeps the grid: the label merged down gets an empty cell in the second part
    a, b = t.split(2)
    assert [len(r) for r in a.grid()] == [5, 5] and [len(r) for r in b.grid()] == [5]
    assert [c.text for c, _o in b.grid()[0]] == ["2", "合格率", "", "95%", ""]
