"""Batch dashboard: unit × category matrix, score distribution, rankings by errors and by
specificity — inline SVG in the HTML index (offline), openpyxl charts in the xlsx."""
import json
import re

import openpyxl
import pytest
from typer.testing import CliRunner

from narrcheck.cli import app

from chromium_util import DevTools, ensure_chromium
from conftest import ROOT, SEEDS

runner = CliRunner()
MEDIOCRE = ROOT / "tests" / "fixtures" / "mediocre"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("dash")
    page = d / "index.html"
    xlsx = d / "清单.xlsx"
    for fmt, out in (("html", page), ("xlsx", xlsx)):
        res = runner.invoke(app, ["check", str(SEEDS), str(MEDIOCRE), "-f", fmt, "-o", str(out), "-q",
                                  "--fail-on", "never"])
        assert res.exit_code == 0, res.output
    data = json.loads(runner.invoke(app, ["check", str(SEEDS), str(MEDIOCRE), "-f", "json", "--fail-on",
                                          "never"]).stdout)
    return page, xlsx, data["reports"]


def _expected(reports):
    per_unit = {}
    for r in reports:
        unit = r["meta"]["department"] or r["path"]
        cats = per_unit.setdefault(unit, {})
        for f in r["findings"]:
            cats[f["category"]] = cats.get(f["category"], 0) + 1
    errors = sorted(((r["meta"]["department"], sum(f["severity"] == "error" for f in r["findings"]))
                     for r in reports), key=lambda x: -x[1])
    scores = [r["score"]["specificity"] for r in reports if r.get("score")]
    return per_unit, errors, scores


def test_html_index_dashboard(batch, tmp_path):
    page, _, reports = batch
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and 'id="dashboard"' in html
    assert not re.search(r'(?:src|href)="https?://', html)        # offline
    per_unit, errors, scores = _expected(reports)
    exe, why = ensure_chromium()
    if not exe:
        pytest.skip(why)
    with DevTools(exe, 1300, 1000) as dt:
        dt.open(page.as_uri())
        dt.wait_for("document.readyState === 'complete'")
        heads = dt.eval("Array.from(document.querySelectorAll('table.matrix thead th')).map(t => t.textContent)")
        rows = dt.eval("Array.from(document.querySelectorAll('table.matrix tbody tr')).map(tr => "
                       "Array.from(tr.children).map(c => c.textContent))")
        zh = {"照抄": "copied", "重复": "duplicate", "模板残留": "template", "表述空泛": "vague", "缺少依据": "unsupported",
              "前后不一致": "mismatch", "计算错误": "arithmetic", "评分问题": "scoring", "时间不符": "timeline"}
        cats = [zh[h] for h in heads[1:-1]]
        assert len(rows) == len(per_unit)
        for row in rows:
            want = per_unit[row[0]]
            assert [int(x) for x in row[1:-1]] == [want.get(c, 0) for c in cats]
            assert int(row[-1]) == sum(want.values())
        # the three charts are drawn, one bar per item, with the right values
        bars = dt.eval("Array.from(document.querySelectorAll('svg.chart')).map(s => "
                       "Array.from(s.querySelectorAll('g.bar')).map(g => [g.dataset.label, Number(g.dataset.value),"
                       " g.querySelector('rect').getBBox().width]))")
        hist, err, spec = bars
        assert sum(v for _, v, _ in hist) == len(scores)
        assert [v for _, v, _ in hist] == [sum(1 for s in scores if lo <= s < hi)
                                           for lo, hi in ((0, 40), (40, 60), (60, 80), (80, 101))]
        assert [v for _, v, _ in err] == [e for _, e in errors][:10]
        assert err[0][2] > 0 and [v for _, v, _ in spec] == sorted(scores, reverse=True)[:10]


def test_xlsx_dashboard_sheet_with_charts(batch):
    _, xlsx, reports = batch
    wb = openpyxl.load_workbook(str(xlsx))
    assert "仪表板" in wb.sheetnames
    ws = wb["仪表板"]
    assert len(ws._charts) == 3
    vals = [[c.value for c in r] for r in ws.iter_rows()]
    _, errors, scores = _expected(reports)
    i = next(k for k, r in enumerate(vals) if r[0] == "等级")
    assert [r[1] for r in vals[i + 1:i + 5]] == [sum(1 for s in scores if lo <= s < hi)
                                                 for lo, hi in ((0, 40), (40, 60), (60, 80), (80, 101))]
    j = next(k for k, r in enumerate(vals) if r[0] == "报告" and r[1] == "错误")
    assert [r[1] for r in vals[j + 1:j + 11]] == [e for _, e in errors][:10]
    k = next(k for k, r in enumerate(vals) if r[0] == "单位")
    units = [r[0] for r in vals[k + 1:] if r[0]]
    assert len(units) == len({r["meta"]["department"] or r["path"] for r in reports})
