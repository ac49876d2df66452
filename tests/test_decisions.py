"""Decisions that last: stable fingerprints, decisions files, --baseline, and
decisions coming back from the reviewer's own channels (JSON output, Word
replies, the xlsx 状态 column)."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from narrcheck import decisions as dec
from narrcheck.api import check_paths
from narrcheck.cli import app
from narrcheck.render.common import finding_key

from conftest import seed
from test_labels import _reply, annotated_copy

runner = CliRunner()


def _check(path):
    b = check_paths([str(path)])
    assert b.ok, b.failures
    return b.ok[0]


def _edited_copy(src, dst, insert_after: str, new_par: str):
    """The same report with a paragraph inserted after the first line holding ``insert_after``."""
    text = src.read_text(encoding="utf-8")
    i = text.index(insert_after)
    j = text.index("\n", i)
    dst.write_text(text[:j + 1] + new_par + "\n" + text[j + 1:], encoding="utf-8")
    return dst


# ---------------------------------------------------------------- fingerprints
def test_fingerprints_survive_an_edit_elsewhere_in_the_document(tmp_path):
    src = seed("004")
    # a neutral sentence high up shifts every block index and every paragraph number after it
    edited = _edited_copy(src, tmp_path / src.name, "（一）单位基本情况", "本报告由办公室财务股汇总编制。")
    a, b = _check(src), _check(edited)
    same = lambda r: sorted((f.rule, f.text, f.severity) for f in r.findings)  # noqa: E731
    assert same(a) == same(b) and len(a.findings) > 10
    # the old per-run key moves with the blocks …
    assert {finding_key(f) for f in a.findings} != {finding_key(f) for f in b.findings}
    # … the fingerprint does not
    assert [f.fingerprint for f in a.findings] == [f.fingerprint for f in b.findings]
    assert all(f.fingerprint.startswith(f.rule + "-") and len(f.fingerprint) == len(f.rule) + 13
               for f in a.findings)


def test_fingerprints_are_unique_within_each_report_and_in_the_json():
    b = check_paths([str(seed(p)) for p in ("000", "001", "002", "003", "004")])
    for r in b.ok:
        fps = [f.fingerprint for f in r.findings]
        assert len(fps) == len(set(fps)) and all(fps)
        assert [f.to_dict()["fingerprint"] for f in r.findings] == fps


def test_fingerprint_of_a_finding_equals_that_of_its_json_dict():
    r = _check(seed("001"))
    dicts = [f.to_dict() for f in r.findings]
    for d in dicts:
        d.pop("fingerprint")
    assert dec.assign_fingerprints(dicts) == [f.fingerprint for f in r.findings]


def test_fingerprint_ignores_figures_years_numbering_and_punctuation_but_not_words():
    from narrcheck.findings import Finding
    from narrcheck.model import Location

    def f(text, section="三、2023年度绩效目标完成情况", rule="NC205", block=7):
        return Finding(rule, "x", "vague", "warning", "m", text, Location(section=section, block=block, start=3))

    base = dec.fingerprint(f("全年办理文件386件，效果明显。"))
    assert dec.fingerprint(f("全年办理文件 412 件,效果明显", block=30)) == base
    assert dec.fingerprint(f("全年办理文件386件，效果明显。", section="四、2024年度绩效目标完成情况")) == base
    assert dec.fingerprint(f("全年办理文件386件，成效显著。")) != base
    assert dec.fingerprint(f("全年办理文件386件，效果明显。", rule="NC206")) != base
    assert dec.fingerprint(f("全年办理文件386件，效果明显。", section="五、存在的问题")) != base


def test_table_fingerprint_is_form_row_and_column_and_colliding_ones_are_told_apart():
    from narrcheck.findings import Finding
    from narrcheck.model import Location

    def f(text, indicator="达标率", row=5, form="2023年度项目支出绩效自评表"):
        loc = Location(section="附件", block=40, table=2, row=row, col=4, column="实际完成值", form=form)
        return Finding("NC205", "x", "vague", "warning", "m", text, loc, evidence={"indicator": indicator})

    assert dec.fingerprint(f("≥95%")) == dec.fingerprint(f("效果明显", row=9, form="2024年度项目支出绩效自评表"))
    assert dec.fingerprint(f("≥95%", indicator="合格率")) != dec.fingerprint(f("≥95%"))
    two = [f("效果明显"), f("进一步提高")]
    fps = dec.assign_fingerprints(two)
    assert len(set(fps)) == 2 and all(x.fingerprint for x in two)
    # deterministic: the same list gives the same fingerprints
    assert dec.assign_fingerprints([f("效果明显"), f("进一步提高")]) == fps


def test_report_key():
    assert dec.report_key({"department": "某某县卫健委", "year": 2023, "kind": "部门整体"}) == "某某县卫健委|2023"
    k1 = dec.report_key({"department": "某县农业局", "year": 2023, "kind": "项目", "title": "2023年高标准农田项目"})
    k2 = dec.report_key({"department": "某县农业局", "year": 2023, "kind": "项目", "title": "2023年种业项目"})
    assert k1 != k2 and k1.startswith("某县农业局|2023|")
    assert dec.report_key({}, "/x/初稿.docx") == "初稿|"


# ---------------------------------------------------------------- decision sets
def test_decision_set_round_trip_merge_and_bad_input(tmp_path):
    ds = dec.DecisionSet()
    ds.add("甲局|2023", dec.Decision("NC205-aaaaaaaaaaaa", "已说明", note="有会议纪要", who="张三",
                                     when="2026-12-01T10:00:00", text="效果明显"))
    ds.add("甲局|2023", dec.Decision("NC101-bbbbbbbbbbbb", "false-positive"))
    assert ds.get("甲局|2023", "NC101-bbbbbbbbbbbb").status == "误报"
    assert ds.get("甲局|2023", "NC205-aaaaaaaaaaaa").rule == "NC205"
    p = ds.save(str(tmp_path / "d.json"))
    data = json.loads(open(p, encoding="utf-8").read())
    assert data["format"] == "narrcheck-decisions" and data["version"] == 1
    back = dec.load(p)
    assert back.to_dict()["reports"] == ds.to_dict()["reports"] and len(back) == 2
    # merge: the later decision wins
    other = dec.DecisionSet()
    other.add("甲局|2023", dec.Decision("NC205-aaaaaaaaaaaa", "忽略", when="2026-12-05T10:00:00"))
    other.add("甲局|2023", dec.Decision("NC101-bbbbbbbbbbbb", "忽略", when=""))
    back.merge(other)
    assert back.get("甲局|2023", "NC205-aaaaaaaaaaaa").status == "忽略"
    assert back.get("甲局|2023", "NC101-bbbbbbbbbbbb").status == "忽略"   # both undated: the merged one
    older = dec.DecisionSet()
    older.add("甲局|2023", dec.Decision("NC205-aaaaaaaaaaaa", "误报", when="2026-11-01T10:00:00"))
    back.merge(older)
    assert back.get("甲局|2023", "NC205-aaaaaaaaaaaa").status == "忽略"
    # another report's decisions do not leak, unless asked for a one-report set
    assert ds.get("乙局|2023", "NC101-bbbbbbbbbbbb") is None
    assert ds.get("乙局|2023", "NC101-bbbbbbbbbbbb", any_report=True).status == "误报"
    with pytest.raises(dec.DecisionError):
        dec.Decision("NC1-x", "同意")
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(dec.DecisionError):
        dec.load(str(bad))


@pytest.mark.parametrize("reply,want", [
    ("忽略", ("忽略", "")),
    ("已说明：该指标年中已调整，见调整批复", ("已说明", "该指标年中已调整，见调整批复")),
    ("已说明: 见附件3", ("已说明", "见附件3")),
    ("误报，这是表头", ("误报", "这是表头")),
    ("已核实，按建议修改", None),
    ("请忽略此前的意见", None),
])
def test_parse_reply(reply, want):
    assert dec.parse_reply(reply) == want


# ---------------------------------------------------------------- --baseline
def _json(args):
    res = runner.invoke(app, ["check", *args, "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_baseline_hides_decided_findings_and_marks_new_and_unresolved(tmp_path):
    src = seed("004")
    first = _json([str(src)])["reports"][0]
    fs = first["findings"]
    assert len(fs) > 5
    ds = dec.DecisionSet()
    key = dec.report_key(first["meta"], first["path"])
    chosen = [fs[0], fs[3]]
    ds.add(key, dec.Decision(chosen[0]["fingerprint"], "误报", note="表头", who="李四"))
    ds.add(key, dec.Decision(chosen[1]["fingerprint"], "已说明", note="见会议纪要"))
    ds.add_seen(key, [f["fingerprint"] for f in fs])
    dfile = ds.save(str(tmp_path / "decisions.json"))
    # the revision: a paragraph inserted near the top, plus a new vague sentence
    edited = _edited_copy(src, tmp_path / "修改稿.txt", "（一）单位基本情况",
                          "本报告由办公室财务股汇总编制。")
    text = edited.read_text(encoding="utf-8")
    anchor = "存在的问题"
    assert anchor in text
    second = _json([str(edited), "--baseline", dfile])["reports"][0]
    decided = {f["fingerprint"]: f for f in second["decided"]}
    assert set(decided) == {c["fingerprint"] for c in chosen}
    assert decided[chosen[0]["fingerprint"]]["decision"]["status"] == "误报"
    assert decided[chosen[0]["fingerprint"]]["decision"]["note"] == "表头"
    assert len(second["findings"]) == len(fs) - 2
    assert {f["baseline"] for f in second["findings"]} == {"unresolved"}
    assert second["baseline"]["decided"] == 2 and second["baseline"]["误报"] == 1
    # an earlier JSON output is a baseline too: its findings are known, the rest is new
    out1 = tmp_path / "初稿.json"
    res = runner.invoke(app, ["check", str(src), "--format", "json", "-o", str(out1), "--fail-on", "never",
                              "--select", "NC1,NC2"])
    assert res.exit_code == 0, res.output
    third = _json([str(edited), "--baseline", str(out1)])["reports"][0]
    assert third["decided"] == []
    marks = {f["rule"][:3]: set() for f in third["findings"]}
    for f in third["findings"]:
        marks[f["rule"][:3]].add(f["baseline"])
    assert marks.get("NC2") == {"unresolved"} and "new" in set().union(*[m for k, m in marks.items() if k != "NC2"
                                                                            and k != "NC1"])
    # chaining: the output of a run with --baseline carries its decisions to the next run
    out2 = tmp_path / "第二轮.json"
    res = runner.invoke(app, ["check", str(edited), "--format", "json", "-o", str(out2), "--fail-on", "never",
                              "--baseline", dfile])
    assert res.exit_code == 0, res.output
    fourth = _json([str(edited), "--baseline", str(out2)])["reports"][0]
    assert {f["fingerprint"] for f in fourth["decided"]} == set(decided)


def test_baseline_changes_the_exit_code_and_the_text_output(tmp_path):
    src = seed("004")
    first = _json([str(src)])["reports"][0]
    errors = [f for f in first["findings"] if f["severity"] == "error"]
    assert errors, "seed 004 has errors"
    res = runner.invoke(app, ["check", str(src)])
    assert res.exit_code == 1
    ds = dec.DecisionSet()
    key = dec.report_key(first["meta"], first["path"])
    for f in errors:
        ds.add(key, dec.Decision(f["fingerprint"], "已说明", note="已核对"))
    dfile = ds.save(str(tmp_path / "d.json"))
    res = runner.invoke(app, ["check", str(src), "--baseline", dfile])
    assert res.exit_code == 0, res.output
    assert f"已隐藏 {len(errors)} 条" in res.stdout and "〔新增〕" in res.stdout
    res = runner.invoke(app, ["check", str(src), "--baseline", str(tmp_path / "missing.json")])
    assert res.exit_code == 2 and "不存在" in res.output


# ---------------------------------------------------------------- the reviewer's channels
def test_decisions_from_replies_on_word_comments(tmp_path):
    import docx

    annotated, comments = annotated_copy(tmp_path)
    a, b, c = comments[0], comments[1], comments[2]
    d = docx.Document(str(annotated))
    _reply(d, str(a["id"]), "误报：这一行是表头", author="李四")
    _reply(d, str(b["id"]), "已说明：年中调整了指标值")
    _reply(d, str(c["id"]), "已核实，按建议修改")     # no status word: not a decision
    d.save(str(annotated))
    ds = dec.load(str(annotated))
    assert len(ds) == 2
    (key,) = ds.reports
    got = {x.status: x for x in ds.reports[key].values()}
    assert got["误报"].note == "这一行是表头" and got["误报"].who == "李四" and got["误报"].rule == a["rule"]
    assert got["已说明"].note == "年中调整了指标值"
    # the reviewed copy is a baseline for the next check of the draft
    out = _json([str(seed("004")), "--baseline", str(annotated)])["reports"][0]
    assert len(out["decided"]) == 2
    assert {f["rule"] for f in out["decided"]} == {a["rule"], b["rule"]}
    # renamed, without its sidecar: checked again, same decisions
    renamed = tmp_path / "返回的审阅稿.docx"
    shutil.copy(annotated, renamed)
    again = dec.load(str(renamed))
    assert {x.fingerprint for _, x in again.items()} == {x.fingerprint for _, x in ds.items()}


def test_decisions_from_the_xlsx_status_column(tmp_path):
    from openpyxl import load_workbook

    xlsx = tmp_path / "问题清单.xlsx"
    res = runner.invoke(app, ["check", str(seed("004")), str(seed("001")), "--format", "xlsx", "-o", str(xlsx),
                              "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    wb = load_workbook(str(xlsx))
    ws = wb.worksheets[0]
    head = [c.value for c in ws[1]]
    sc, nc = head.index("状态") + 1, head.index("说明") + 1
    # the 状态 column offers the three statuses as a drop-down
    dvs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert dvs and "忽略,已说明,误报" in dvs[0].formula1
    col = ws.cell(row=1, column=sc).column_letter
    assert any(f"{col}2" in str(dv.sqref) for dv in dvs)
    ws.cell(row=2, column=sc, value="误报")
    ws.cell(row=2, column=nc, value="表头")
    ws.cell(row=4, column=sc, value="已说明")
    ws.cell(row=5, column=sc, value="待处理")
    wb.save(str(xlsx))
    ds = dec.load(str(xlsx))
    assert len(ds) == 2
    assert sorted(d.status for _, d in ds.items()) == ["已说明", "误报"]
    fp2 = ws.cell(row=2, column=head.index("指纹") + 1).value
    rep2 = ws.cell(row=2, column=head.index("报告") + 1).value
    out = _json([str(seed("004")), str(seed("001")), "--baseline", str(xlsx)])
    hidden = {f["fingerprint"] for r in out["reports"] for f in r["decided"]}
    assert fp2 in hidden and len(hidden) == 2
    # a decision hides the finding only in its own report
    for r in out["reports"]:
        if r["path"] != rep2:
            assert fp2 not in {f["fingerprint"] for f in r["decided"]}


def test_html_page_exports_decisions_as_a_file(tmp_path):
    import time

    from chromium_util import DevTools, ensure_chromium

    exe, why = ensure_chromium()
    if not exe:
        pytest.skip(why)
    src = seed("004")
    page = tmp_path / "report.html"
    res = runner.invoke(app, ["check", str(src), "--format", "html", "-o", str(page), "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    first = _json([str(src)])["reports"][0]
    fps = [f["fingerprint"] for f in first["findings"]]
    down = tmp_path / "downloads"
    down.mkdir()
    with DevTools(exe, 1200, 900) as dt:
        dt.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(down)}, session=False)
        dt.open(page.as_uri())
        dt.wait_for("document.body.dataset.ready === '1'")
        assert sorted(dt.eval("Array.from(document.querySelectorAll('li.finding')).map(li => li.dataset.fp)")) == \
            sorted(fps)
        dt.eval("""(() => { const li = fp => document.querySelector(`li.finding[data-fp="${fp}"]`);
            const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); };
            set(li('%s').querySelector('select.dec'), '误报');
            set(li('%s').querySelector('select.dec'), '已说明');
            li('%s').querySelector('input.note').value = '指标年中已调整'; })()""" % (fps[1], fps[2], fps[2]))
        assert dt.eval("document.getElementById('n-decided').textContent") == "2"
        assert dt.eval("document.querySelectorAll('li.finding.decided').length") == 2
        dt.eval("document.getElementById('export-decisions').click()")
        deadline = time.time() + 20
        while time.time() < deadline and not list(down.glob("*.decisions.json")):
            time.sleep(0.1)
    (got,) = list(down.glob("*.decisions.json"))
    assert got.name == src.stem + ".decisions.json"
    ds = dec.load(str(got))
    (key,) = ds.reports
    assert key == dec.report_key(first["meta"], first["path"])
    assert ds.get(key, fps[1]).status == "误报"
    assert ds.get(key, fps[2]).status == "已说明" and ds.get(key, fps[2]).note == "指标年中已调整"
    # the exported file is a baseline
    again = _json([str(src), "--baseline", str(got)])["reports"][0]
    assert {f["fingerprint"] for f in again["decided"]} == {fps[1], fps[2]}
    # and a page checked against it says so and carries the decisions into its own export
    page2 = tmp_path / "report2.html"
    res = runner.invoke(app, ["check", str(src), "--format", "html", "-o", str(page2), "--fail-on", "never",
                              "--baseline", str(got)])
    assert res.exit_code == 0, res.output
    html = page2.read_text(encoding="utf-8")
    assert "另有 2 条已按以前的决定隐藏" in html and "未解决" in html
    with DevTools(exe, 1200, 900) as dt:
        dt.open(page2.as_uri())
        dt.wait_for("document.body.dataset.ready === '1'")
        carried = dt.eval("window.narrcheckDecisions().reports")
    assert {d["fingerprint"] for d in next(iter(carried.values()))["decisions"]} == {fps[1], fps[2]}


def test_decisions_command_merges_the_channels(tmp_path):
    import docx

    annotated, comments = annotated_copy(tmp_path)
    d = docx.Document(str(annotated))
    _reply(d, str(comments[0]["id"]), "误报：表头")
    d.save(str(annotated))
    own = dec.DecisionSet()
    first = _json([str(seed("004"))])["reports"][0]
    key = dec.report_key(first["meta"], first["path"])
    other = next(f for f in first["findings"] if f["rule"] != comments[0]["rule"])
    own.add(key, dec.Decision(other["fingerprint"], "已说明", note="见附件"))
    own_file = own.save(str(tmp_path / "mine.json"))
    out = tmp_path / "合并.json"
    res = runner.invoke(app, ["decisions", str(annotated), own_file, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "已合并 2 条决定" in res.stdout
    merged = dec.load(str(out))
    assert sorted(x.status for _, x in merged.items()) == ["已说明", "误报"]
    again = _json([str(seed("004")), "--baseline", str(out)])["reports"][0]
    assert len(again["decided"]) == 2
    # written again without --force: the file is narrcheck's own
    assert runner.invoke(app, ["decisions", own_file, "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["decisions", str(tmp_path / "nope.json"), "-o", str(out)])
    assert res.exit_code == 2 and "不存在" in res.output
