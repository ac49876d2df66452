"""Spreadsheet output, opened with openpyxl: findings / indicators / summary
sheets, header frozen, filters on, the same content as the JSON."""
import json

import openpyxl
from typer.testing import CliRunner

from narrcheck.cli import app
from narrcheck.render.xlsx import FINDING_COLS, INDICATOR_COLS, SUMMARY_COLS, write_xlsx

from conftest import SEEDS

runner = CliRunner()


def _rows(ws):
    return [[c.value for c in r] for r in ws.iter_rows()]


def test_cli_xlsx_matches_the_json(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    out = tmp_path / "问题清单.xlsx"
    res = runner.invoke(app, ["check", str(SEEDS), str(bad), "--format", "xlsx", "-o", str(out), "--fail-on", "never"])
    assert res.exit_code == 2, res.output                      # the broken file is listed, the rest checked
    js = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "--fail-on", "never"])
    data = json.loads(js.stdout)

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["问题清单", "指标得分", "汇总", "仪表板"]
    for ws, cols in ((wb["问题清单"], FINDING_COLS), (wb["指标得分"], INDICATOR_COLS),
                     (wb["汇总"], SUMMARY_COLS)):
        rows = _rows(ws)
        assert rows[0] == [c for c, _ in cols]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(cols))}{len(rows)}"
        assert ws.cell(1, 1).font.bold

    f_rows = _rows(wb["问题清单"])[1:]
    rank = {"error": 0, "warning": 1, "info": 2}      # most severe first within each report
    findings = [(r["path"], f) for r in data["reports"]
                for f in sorted(r["findings"], key=lambda f: rank[f["severity"]])]
    assert len(f_rows) == len(findings) > 0
    head = [c for c, _ in FINDING_COLS]
    for row, (path, f) in zip(f_rows, findings):
        d = dict(zip(head, row))
        assert d["报告"] == path and d["规则"] == f["rule"] and d["类别代码"] == f["category"]
        assert d["级别代码"] == f["severity"] and d["严重程度"] == {"error": "错误", "warning": "警告", "info": "提示"}[
            f["severity"]]
        assert d["指纹"] == f["fingerprint"]
        assert (d["原文"] or "") == f["text"] and d["问题说明"] == f["message"]
        if f["location"]["table"] is not None:
            assert d["表"] == f["location"]["table"] + 1 and d["行"] == f["location"]["row"] + 1
        if f["evidence"].get("target"):
            assert "指标值：" in d["依据"]

    i_rows = _rows(wb["指标得分"])[1:]
    inds = [i for r in data["reports"] for i in r["indicators"] if not i.get("empty")]
    assert len(i_rows) == len(inds)
    ih = [c for c, _ in INDICATOR_COLS]
    for row, ind in zip(i_rows, inds):
        d = dict(zip(ih, row))
        assert (d["三级指标"] or "") == ind["name"] and d["具体性得分"] == ind["specificity"]
        assert d["分值"] == ind["weight"] and d["得分"] == ind["score"]

    s_rows = _rows(wb["汇总"])[1:]
    sh = [c for c, _ in SUMMARY_COLS]
    assert len(s_rows) == len(data["reports"]) + 1
    by_path = {r[0]: dict(zip(sh, r)) for r in s_rows}
    for r in data["reports"]:
        d = by_path[r["path"]]
        assert d["状态"] == "已检查" and d["问题数"] == len(r["findings"])
        assert d["错误"] == sum(f["severity"] == "error" for f in r["findings"])
        assert d["具体性得分"] == (r["score"] or {}).get("specificity")
    fail = by_path[str(bad)]
    assert fail["状态"] == "无法检查" and "不是有效的 .docx" in fail["说明"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    rd = {"path": "a.txt", "meta": {"title": "=SUM(A1:A3)", "year": 2023}, "indicators": [], "score": None,
          "findings": [{"rule": "NC999", "name": "x", "category": "vague", "severity": "info", "message": "=1+1",
                        "text": "=HYPERLINK(\"http://x\")\x07", "evidence": {}, "suggestion": "",
                        "location": {"section": "", "table": None, "row": None, "column": None, "paragraph": 0,
                                     "start": 0, "end": 1, "block": 0, "col": None, "form": None}}]}
    out = write_xlsx([rd], [], str(tmp_path / "x.xlsx"))
    wb = openpyxl.load_workbook(out)
    row = [c for c in wb["问题清单"][2]]
    texts = [c.value for c in row]
    assert '=HYPERLINK("http://x")' in texts and "=1+1" in texts
    assert all(c.data_type != "f" for c in row)
    assert wb["汇总"]["B2"].value == "=SUM(A1:A3)" and wb["汇总"]["B2"].data_type == "s"


def test_xlsx_needs_output():
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "xlsx"])
    assert res.exit_code == 2 and "-o" in res.stderr
