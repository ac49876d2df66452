"""Specificity score (issue 6): order of clear cases on the seeds, §6 good vs bad
indicators, reasons, grade bands, the calibrated model and the score command."""
import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from narrcheck.cli import app
from narrcheck.score import BANDS, grade, score_fields, score_report
from narrcheck.score.components import FEATURES, IndicatorFields, components
from narrcheck.score.model import DEFAULT_WEIGHTS, MODEL_PATH, default_model, load_model

from conftest import ROOT, SEEDS, seed

runner = CliRunner()


@pytest.fixture(scope="module")
def scored():
    """path prefix -> (report score, indicator scores), checks included."""
    from narrcheck.api import check_paths

    batch = check_paths([str(SEEDS)])
    return {r.path.split("/")[-1][:3]: (r.score, r.indicator_scores) for r in batch.ok}


def _rows(items, **where):
    out = []
    for it in items:
        row = it["_row"]
        if all(row.text(k).strip() == v if k in ("target", "actual") else getattr(row, k) == v
               for k, v in where.items()):
            out.append(it)
    return out


# --- clear cases on the seeds ------------------------------------------------------

def test_seed004_measured_rate_above_effect_phrases(scored):
    _score, items = scored["004"]
    measured = _rows(items, name="文稿合格率")
    assert len(measured) == 1
    assert measured[0]["_row"].text("target").strip() == "≥98%"
    assert measured[0]["_row"].text("actual").strip() == "100%"
    vague = _rows(items, target="效果明显", actual="效果明显")
    assert len(vague) >= 4
    for it in vague:
        assert measured[0]["specificity"] > it["specificity"]
        assert any("照抄" in r or "空泛" in r or "没有量化" in r for r in it["reasons"])


def test_seed002_placeholder_target_lowest_in_its_table(scored):
    _score, items = scored["002"]
    ph = [it for it in items if re.sub(r"\s", "", it["_row"].text("target")) == "≤万元"]
    assert len(ph) == 1
    table = ph[0]["_row"].table
    others = [it for it in items if it["_row"].table == table and it is not ph[0] and it["specificity"] is not None]
    assert others
    assert ph[0]["specificity"] <= min(it["specificity"] for it in others)
    # strictly below every row whose target is a real quantity under a concrete name
    quantified = [it for it in others if it["components"].get("target_number") and it["components"].get("name_concrete")]
    assert quantified
    assert all(ph[0]["specificity"] < it["specificity"] for it in quantified)
    assert any("模板" in r for r in ph[0]["reasons"])


def test_seed002_rows_marked_na_that_carry_weight_score_zero(scored):
    _score, items = scored["002"]
    na = [it for it in items if it.get("na")]
    assert na
    for it in na:
        assert it["specificity"] == 0
        assert "仍有分值或得分" in it["reasons"][0]


def test_empty_template_rows_are_not_scored(scored):
    _score, items = scored["000"]
    empty = [it for it in items if it["_row"].empty]
    assert empty and all(it["specificity"] is None for it in empty)


def test_report_ranking_is_sane(scored):
    s004, _ = scored["004"]
    s000, _ = scored["000"]
    assert s004["specificity"] > s000["specificity"]
    assert s004["indicators"] > s000["indicators"]
    assert s000["grade"] == "空泛"
    assert s000["copied_share"] > s004["copied_share"] > 0


def test_report_score_shape(scored):
    for prefix, (sc, _items) in scored.items():
        assert 0 <= sc["specificity"] <= 100
        assert sc["grade"] == grade(sc["specificity"])
        assert sc["summary"].endswith("。")
    assert scored["003"][0]["indicators"] is None          # no indicator form in seed 003
    assert "没有识别到绩效指标表" in scored["003"][0]["summary"]


# --- §6 good vs bad indicators (domain-rules) ------------------------------------------

def _spec(**fields) -> dict:
    return score_fields(IndicatorFields(**fields))


PAIRS = [
    (dict(level1="效益指标", level2="社会效益指标", name="培训效果", target="效果显著", actual="效果显著"),
     dict(level1="产出指标", level2="质量指标", name="培训考核合格率", target="≥90%", actual="93%（合格人数÷参训人数）")),
    (dict(level1="产出指标", level2="质量指标", name="资金使用合规性", target="严格按规定使用", actual="严格按规定使用"),
     dict(level1="产出指标", level2="质量指标", name="检查发现违规资金", target="=0万元", actual="0万元（2024年审计）")),
    (dict(level1="产出指标", level2="时效指标", name="完成时限", target="按时完成", actual="按时完成"),
     dict(level1="产出指标", level2="时效指标", name="设备安装完成时间", target="≤2024年9月30日", actual="2024年9月12日")),
    (dict(level1="产出指标", level2="数量指标", name="年度资金投入", target="120万元", actual="120万元"),
     dict(level1="产出指标", level2="数量指标", name="采购设备", target="≥50套", actual="52套")),
    (dict(level1="满意度指标", level2="服务对象满意度指标", name="群众满意度", target="显著提高", actual="显著提高"),
     dict(level1="满意度指标", level2="服务对象满意度指标", name="服务对象满意度", target="≥90%",
          actual="93.5%（问卷320份）")),
    (dict(level1="满意度指标", level2="服务对象满意度指标", name="服务对象满意度", target="≥95%", actual="≥95%"),
     dict(level1="满意度指标", level2="服务对象满意度指标", name="服务对象满意度", target="≥95%", actual="96.3%")),
    (dict(level1="效益指标", level2="经济效益指标", name="带动作用", target="明显", actual="明显"),
     dict(level1="效益指标", level2="经济效益指标", name="户均增收", target="≥1500元", actual="1680元（抽样120户）")),
]


@pytest.mark.parametrize("bad,good", PAIRS, ids=[p[0]["name"] for p in PAIRS])
def test_good_indicator_beats_bad(bad, good):
    b, g = _spec(**bad), _spec(**good)
    assert g["specificity"] > b["specificity"], (b, g)
    assert b["reasons"], "a weak indicator says what is missing"


def test_reasons_name_what_is_missing():
    r = _spec(level2="质量指标", name="达标率", target="≥95%", actual="≥95%")["reasons"]
    assert "实际完成值照抄指标值" in r
    r = _spec(level2="时效指标", name="完成时限", target="及时", actual="及时")["reasons"]
    assert "时效指标没有日期或时限" in r
    r = _spec(level2="成本指标", name="政府办公业务经费", target="≤万元", actual="145.29")["reasons"]
    assert any("模板" in x for x in r)
    r = _spec(level2="数量指标", name="年度资金投入", target="120万元", actual="118万元")["reasons"]
    assert "把资金投入当作产出或效益指标" in r
    r = _spec(level2="质量指标", name="文稿合格率", target="≥98%", actual="96%", weight="10", score="9.8",
              deviation="无")["reasons"]
    assert "得分低于分值，但未说明偏差原因" in r


def test_components_from_item_equal_components_from_row(seed_reports):
    """Labelled items and report rows go through the same function."""
    rep = seed_reports["004"]
    for row in rep.indicators:
        d = row.to_dict()
        item = {k: d[k] for k in ("level1", "level2", "name", "direction", "unit", "target", "actual", "weight",
                                  "score", "deviation")}
        a = components(IndicatorFields.from_row(row)).values
        b = components(IndicatorFields.from_item(item)).values
        assert a == b, row.label


# --- grade bands --------------------------------------------------------------------------

def test_grade_bands_are_documented_and_distinct_from_10hao():
    assert [name for _lo, name in BANDS] == ["具体", "较具体", "一般", "空泛"]
    assert grade(100) == grade(80) == "具体"
    assert grade(79.9) == grade(60) == "较具体"
    assert grade(59) == grade(40) == "一般"
    assert grade(39.9) == grade(0) == "空泛"
    assert not {"优", "良", "中", "差", "优秀", "良好"} & {n for _lo, n in BANDS}


# --- model ---------------------------------------------------------------------------------

def test_model_file_records_calibration():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["n"] >= 300
    assert re.fullmatch(r"[0-9a-f]{64}", data["data_sha256"])
    assert data["cv"]["spearman"] >= 0.8
    assert set(data["weights"]) == set(FEATURES)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"])
    m = load_model()
    assert m.source != "default"
    from narrcheck.score.components import PENALTIES

    for k, w in m.weights.items():
        assert (w <= 0) if k in PENALTIES else (w >= 0), k


def test_missing_model_falls_back_to_documented_defaults(tmp_path):
    m = load_model(tmp_path / "none.json")
    assert m.source == "default" and m.weights == DEFAULT_WEIGHTS
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_model(bad).source == "default"
    assert set(DEFAULT_WEIGHTS) == set(FEATURES)


def test_default_weights_keep_the_clear_order():
    m = default_model()
    good = components(IndicatorFields(level2="质量指标", name="文稿合格率", target="≥98%", actual="100%")).values
    bad = components(IndicatorFields(level2="社会效益指标", name="助推社会和谐稳定", target="效果明显",
                                     actual="效果明显")).values
    assert m.score(good) > m.score(bad)


def test_training_is_deterministic():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_specificity", ROOT / "scripts" / "train_specificity.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if not mod.DATA.exists():
        pytest.skip("no labelled indicators in this checkout")
    items, sha = mod.load(mod.DATA)
    X, y, na, _groups = mod.featurize(items)
    m1, a1 = mod.fit_final(X, y, na)
    m2, a2 = mod.fit_final(X, y, na)
    assert a1 == a2 and list(m1.coef_) == list(m2.coef_)


# --- score command -----------------------------------------------------------------------------

def test_score_command_json_ranking():
    res = runner.invoke(app, ["score", str(SEEDS), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["reports"]) == 5
    ranks = data["ranking"]
    assert [r["rank"] for r in ranks] == [1, 2, 3, 4, 5]
    specs = [r["specificity"] for r in ranks]
    assert specs == sorted(specs, reverse=True)
    pos = {r["path"].split("/")[-1][:3]: r["rank"] for r in ranks}
    assert pos["004"] < pos["000"]
    for rep in data["reports"]:
        assert {"specificity", "grade", "summary"} <= set(rep["score"])
        for ind in rep["indicators"]:
            assert {"name", "target", "actual", "specificity", "main_reason", "reasons"} <= set(ind)


def test_score_command_csv_and_text():
    res = runner.invoke(app, ["score", str(seed("002")), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and {"报告", "报告等级", "三级指标", "具体性得分", "主要原因"} <= set(rows[0])
    ph = [r for r in rows if r["指标值"] == "≤万元"]
    assert len(ph) == 1 and "模板" in ph[0]["全部原因"]
    res = runner.invoke(app, ["score", str(seed("004")), str(seed("000"))])
    assert res.exit_code == 0, res.output
    assert "报告排名" in res.stdout and "具体性" in res.stdout


def test_score_csv_file_opens_in_excel_on_chinese_windows(tmp_path):
    out = tmp_path / "得分.csv"
    res = runner.invoke(app, ["score", str(seed("002")), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                  # UTF-8 BOM
    head = raw[3:].decode("utf-8").splitlines()[0].split(",")
    assert head[:3] == ["报告", "报告具体性得分", "报告等级"]


def test_score_command_bad_input(tmp_path):
    res = runner.invoke(app, ["score", str(tmp_path / "missing.docx")])
    assert res.exit_code == 2


def test_check_json_carries_specificity():
    res = runner.invoke(app, ["check", str(seed("004")), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.stdout)["reports"][0]
    assert set(rep["score"]) >= {"specificity", "grade"}
    assert not any(k.startswith("_") for k in rep["score"])
    wg = next(i for i in rep["indicators"] if i["name"] == "文稿合格率")
    assert isinstance(wg["specificity"], int) and isinstance(wg["reasons"], list)


def test_score_report_without_findings(seed_reports):
    sc, items = score_report(seed_reports["004"], [])
    assert sc["specificity"] >= 0 and len(items) == len(seed_reports["004"].indicators)
