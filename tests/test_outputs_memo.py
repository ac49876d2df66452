"""The one-page review memo (--format memo), the one-line text format (--format concise), and the
spreadsheet opened by LibreOffice Calc."""
import csv
import json

import docx
import pytest
from typer.testing import CliRunner

from narrcheck.cli import app

from conftest import seed
from test_outputs_docx import _convert, _soffice

runner = CliRunner()
SEV = {"error": "错误", "warning": "警告", "info": "提示"}


def _findings(path):
    res = runner.invoke(app, ["check", str(path), "-f", "json", "--fail-on", "never"])
    return json.loads(res.stdout)["reports"][0]


def test_memo_lists_errors_and_warnings_first_with_score_and_rule_explanations(tmp_path):
    out = tmp_path / "审核意见"
    res = runner.invoke(app, ["check", str(seed("004")), str(seed("001")), "-f", "memo", "-o", str(out), "-q",
                              "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    memos = sorted(out.glob("*.审核意见.docx"))
    assert len(memos) == 2
    rep = _findings(seed("004"))
    d = docx.Document(str(out / f"{seed('004').stem}.审核意见.docx"))
    body = "\n".join(p.text for p in d.paragraphs)
    assert "绩效自评报告审核意见" in body and f"具体性得分 {rep['score']['specificity']}" in body
    n = {s: sum(f["severity"] == s for f in rep["findings"]) for s in SEV}
    assert f"错误 {n['error']} 条，警告 {n['warning']} 条，提示 {n['info']} 条" in body
    (table,) = d.tables
    rows = [[c.text for c in r.cells] for r in table.rows][1:]
    levels = [r[1] for r in rows]
    assert levels and set(levels) <= {"错误", "警告"} and levels == sorted(levels, key=["错误", "警告"].index)
    assert levels.count("错误") == n["error"]          # every error is on the page
    # each rule in the table is explained below it
    codes = {r[3].split()[0] for r in rows}
    for c in codes:
        assert f"\n{c}：" in body
    assert f"另有 {n['error'] + n['warning'] - len(rows)} 条错误或警告" in body


def _libreoffice(tmp_path):
    """(soffice, a fresh profile folder), or skip."""
    exe, why = _soffice()
    if not exe:
        pytest.skip(why)
    home = tmp_path / "lo"
    home.mkdir()
    return exe, home


@pytest.mark.slow
def test_memo_is_one_page_in_libreoffice(tmp_path):
    exe, home = _libreoffice(tmp_path)
    out = tmp_path / "m"
    assert runner.invoke(app, ["check", str(seed("004")), str(seed("002")), "-f", "memo", "-o", str(out), "-q",
                               "--fail-on", "never"]).exit_code == 0
    import pdfplumber

    for memo in sorted(out.glob("*.docx")):
        r = _convert(exe, memo, tmp_path / "pdf", home, "pdf")
        pdf = tmp_path / "pdf" / (memo.stem + ".pdf")
        assert pdf.exists(), r.stdout + r.stderr
        with pdfplumber.open(str(pdf)) as p:
            assert len(p.pages) == 1, memo.name
            assert "审核意见" in (p.pages[0].extract_text() or "").replace(" ", "")


def test_concise_text_is_one_line_per_finding_most_severe_first(tmp_path):
    rep = _findings(seed("004"))
    res = runner.invoke(app, ["check", str(seed("004")), "-f", "concise", "--fail-on", "never"])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert len(lines) == len(rep["findings"])
    sev = [next(v for k, v in SEV.items() if f": {v} NC" in line) for line in lines]
    assert sev == sorted(sev, key=list(SEV.values()).index)
    assert all(line.startswith(str(seed("004")) + ":") for line in lines)
    import re

    rules = [re.search(r": (?:错误|警告|提示) (NC\d{3}) \[", line).group(1) for line in lines]
    assert sorted(rules) == sorted(f["rule"] for f in rep["findings"])


@pytest.mark.slow
def test_libreoffice_calc_opens_the_spreadsheet(tmp_path):
    exe, home = _libreoffice(tmp_path)
    xlsx = tmp_path / "问题清单.xlsx"
    assert runner.invoke(app, ["check", str(seed("004")), "-f", "xlsx", "-o", str(xlsx), "--fail-on",
                               "never"]).exit_code == 0
    r = _convert(exe, xlsx, tmp_path / "csv", home, 'csv:Text - txt - csv (StarCalc):44,34,76,1')
    out = tmp_path / "csv" / "问题清单.csv"
    assert out.exists(), r.stdout + r.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    rep = _findings(seed("004"))
    assert rows[0][0] == "严重程度" and "状态" in rows[0] and "指纹" in rows[0]
    assert len(rows) - 1 == len(rep["findings"])
    assert [r[0] for r in rows[1:]] == sorted((SEV[f["severity"]] for f in rep["findings"]),
                                              key=list(SEV.values()).index)
