"""narrcheck diff 初稿 修改稿: fixed / still open / new findings, matched by fingerprint, and the changed text."""
import json

from typer.testing import CliRunner

from narrcheck.cli import app
from narrcheck.diff import marked

from conftest import seed

runner = CliRunner()
ROW = """	　效果明显
	　效果明显
	10
	　9"""


def _drafts(tmp_path):
    src = seed("004").read_text(encoding="utf-8")
    old = tmp_path / "初稿.txt"
    old.write_text(src, encoding="utf-8")
    assert src.count(ROW) == 1 and src.count("有力保障了社会大局和谐稳定。") == 1
    t = src.replace("（一）单位基本情况\n", "（一）单位基本情况\n本报告由办公室财务股汇总编制。\n", 1)
    t = t.replace(ROW, "\t　效果明显\n\t　全年为企业办理审批事项126件\n\t10\n\t　9", 1)
    t = t.replace("有力保障了社会大局和谐稳定。", "有力保障了社会大局和谐稳定，社会效益显著。", 1)
    new = tmp_path / "修改稿.txt"
    new.write_text(t, encoding="utf-8")
    return old, new


def test_diff_sorts_findings_into_fixed_still_open_and_new(tmp_path):
    old, new = _drafts(tmp_path)
    res = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    before = json.loads(runner.invoke(app, ["check", str(old), "-f", "json", "--fail-on", "never"]).stdout)
    n_before = len(before["reports"][0]["findings"])
    c = d["counts"]
    assert c["fixed"] + c["still_open"] == n_before
    # the copied actual value was replaced by a real figure: that finding is fixed
    fixed = d["fixed"]
    assert any(f["rule"] == "NC002" and f["text"] == "效果明显" and
               f["evidence"].get("indicator", "").endswith("助推经济社会发展") for f in fixed)
    # the new wording raised new findings, all on the edited sentence
    assert d["new"] and all("社会效益显著" in f["text"] for f in d["new"])
    # everything else is still open although every block after the inserted paragraph moved
    assert c["still_open"] >= n_before - 3
    # the two drafts are not one batch: the revision is not reported as copied from the draft
    assert not any(f["rule"] == "NC151" for f in d["new"] + d["still_open"])
    kinds = {(ch["kind"], ch["new"]) for ch in d["changes"] if ch["kind"] == "insert"}
    assert ("insert", "本报告由办公室财务股汇总编制。") in kinds
    assert any(ch["kind"] == "replace" and "全年为企业办理审批事项126件" in ch["new"] and "效果明显" in ch["old"]
               for ch in d["changes"])
    assert len(d["changes"]) == 3
    # the text output names the three groups and marks the change
    res = runner.invoke(app, ["diff", str(old), str(new)])
    assert res.exit_code == 0, res.output
    for head in ("新增的问题（", "已修改的问题（", "仍存在的问题（", "改动的文字（3）"):
        assert head in res.stdout
    assert "社会效益显著" in res.stdout


def test_diff_of_a_report_with_itself_is_all_still_open(tmp_path):
    old, _ = _drafts(tmp_path)
    d = json.loads(runner.invoke(app, ["diff", str(old), str(old), "-f", "json"]).stdout)
    assert d["counts"]["fixed"] == d["counts"]["new"] == d["counts"]["changed_passages"] == 0
    assert d["counts"]["still_open"] > 10


def test_diff_errors_are_loud(tmp_path):
    old, _ = _drafts(tmp_path)
    res = runner.invoke(app, ["diff", str(old), str(tmp_path / "nope.txt")])
    assert res.exit_code == 2 and "不存在" in res.output


def test_marked_cuts_unchanged_stretches():
    o, n = marked("甲" * 50 + "效果明显" + "乙" * 50, "甲" * 50 + "服务企业120家" + "乙" * 50, context=5)
    assert [p for p, ch in o if ch] == ["效果明显"] and [p for p, ch in n if ch] == ["服务企业120家"]
    assert "".join(p for p, _ in n) == "…甲甲甲甲甲服务企业120家乙乙乙乙乙…"
