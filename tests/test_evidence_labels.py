"""Everything a person reads of a finding's evidence is Chinese: every key a rule emits is declared,
with its label, in the rule's @rule(evidence=...) metadata, and one formatter serves every output."""
import re
from pathlib import Path

import pytest

from narrcheck.api import check_paths
from narrcheck.checks.registry import load_all
from narrcheck.config import Config
from narrcheck.evidence import evidence_items, evidence_text, fmt_range, undeclared
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

from conftest import ROOT, SEEDS

REPORTS = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "mediocre").rglob("*.txt")) \
    + sorted((ROOT / "tests" / "fixtures" / "project" / "bad").glob("*.txt"))
ENGLISH_KEY = re.compile(r"(?<![A-Za-z])[a-z]+_[a-z_]+|(?<![A-Za-z])(?:kind|similarity|phrases|field|role)(?![A-Za-z])")


@pytest.fixture(scope="module")
def findings():
    out = []
    for folder in sorted({p.parent for p in REPORTS}):
        batch = check_paths([str(p) for p in REPORTS if p.parent == folder])
        out += [f for r in batch.ok for f in r.findings]
    cfg = Config()
    for code, chk in load_all().items():        # every rule's own examples too (rules that rarely fire)
        for text in chk.examples()["bad"]:
            rep = understand(parse_text(text, path="example.txt"))
            out += [f for _, f in chk.run_batch([rep, rep], cfg)] if chk.batch else chk.run(rep, cfg)
    return out


def test_every_rule_declares_its_evidence(findings):
    assert len({f.rule for f in findings}) >= 55
    missing = sorted({(f.rule, k) for f in findings for k in undeclared(f.rule, f.evidence)})
    assert missing == [], f"evidence keys without a Chinese label in @rule(evidence=...): {missing}"
    for code, chk in load_all().items():
        assert chk.evidence, f"{code} declares no evidence labels"
        for k, v in chk.evidence.items():
            label = v[0] if isinstance(v, tuple) else v
            assert label is None or re.search(r"[\u4e00-\u9fff]", label), (code, k, label)


def test_people_never_see_internal_keys_or_python_lists(findings):
    for f in findings:
        text = evidence_text(f.rule, f.evidence)
        for label, value in evidence_items(f.rule, f.evidence):
            assert re.search(r"[\u4e00-\u9fff]", label), (f.rule, label)
        assert "{'" not in text and "['" not in text and "[{" not in text, (f.rule, text)
        assert not ENGLISH_KEY.search(text.replace(f.text, "")), (f.rule, text)


def test_formatting_of_ranges_phrases_places_and_booleans():
    assert fmt_range("[145.285, 145.295]") == "145.29 ± 0.005"
    assert fmt_range("[96.6924%, 96.6932%]") == "96.6928% ± 0.0004%"
    assert fmt_range([1080.5, 1081.5]) == "1081 ± 0.5"
    assert fmt_range("98") == "98"
    ev = {"indicator": "达标率", "phrases": [{"phrase": "效果明显", "start": 0, "end": 4, "group": "effect"},
                                          {"phrase": "进一步", "start": 5, "end": 8, "group": "degree"}],
          "sentence_measured": False, "kind": "benefit", "model_p": 0.98765}
    items = dict(evidence_items("NC200", ev))
    assert items["空泛词"] == "“效果明显”、“进一步”" and items["类型"] == "效益指标"
    assert "sentence_measured" not in evidence_text("NC200", ev) and "False" not in evidence_text("NC200", ev)
    places = {"places": [{"section": "三、绩效", "paragraph": 4},
                         {"section": "附件", "form": "2023年度部门整体支出绩效自评表", "table": 1, "row": 9,
                          "column": "实际完成情况"}]}
    assert dict(evidence_items("NC150", places))["出现位置"] == \
        "三、绩效 · 第5段；2023年度部门整体支出绩效自评表 · 表2第10行「实际完成情况」"
    assert dict(evidence_items("NC350", {"complete_breakdown": True}))["分项齐全"] == "是"
    # the rule's order, not the order the check happened to fill the dict in
    labels = [k for k, _ in evidence_items("NC404", {"deviation": "x", "score": 10, "weight": 12, "indicator": "达标率"})]
    assert labels.index("指标") < labels.index("分值") < labels.index("得分") < labels.index("偏差原因")


def test_one_formatter_for_text_html_word_and_xlsx(tmp_path):
    import docx
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from narrcheck.cli import app

    runner = CliRunner()
    src = next(SEEDS.glob("001_*.txt"))
    res = check_paths([str(src)]).ok[0]
    want = [evidence_text(f.rule, f.evidence) for f in res.findings if f.evidence]
    assert len(want) > 10
    out = runner.invoke(app, ["check", str(src), "--fail-on", "never"], env={"COLUMNS": "400"}).stdout
    shown = [line.split("依据：", 1)[1] for line in out.splitlines() if "依据：" in line]
    assert sorted(shown) == sorted(w for w in want if w)
    xlsx = tmp_path / "x.xlsx"
    assert runner.invoke(app, ["check", str(src), "-f", "xlsx", "-o", str(xlsx), "--fail-on", "never"]).exit_code == 0
    ws = load_workbook(str(xlsx)).worksheets[0]
    head = [c.value for c in ws[1]]
    col = head.index("依据")
    assert sorted(r[col] or "" for r in ws.iter_rows(min_row=2, values_only=True) if r[col]) == sorted(want)
    d = tmp_path / "docx"
    assert runner.invoke(app, ["check", str(src), "-f", "docx", "-o", str(d), "--fail-on", "never"]).exit_code == 0
    comments = [c.text for c in docx.Document(str(next(d.glob("*.docx")))).comments]
    got = sorted(line[3:] for c in comments for line in c.splitlines() if line.startswith("依据："))
    assert got == sorted(want)
    page = tmp_path / "p.html"
    assert runner.invoke(app, ["check", str(src), "-f", "html", "-o", str(page), "--fail-on", "never"]).exit_code == 0
    html = Path(page).read_text(encoding="utf-8")
    for f in res.findings:
        for label, _ in evidence_items(f.rule, f.evidence):
            assert f"<th>{label}</th>" in html
