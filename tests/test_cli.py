"""CLI behaviour: exit codes, bad input, JSON contract, input files never written."""
import hashlib
import json
import shutil
import zipfile

from typer.testing import CliRunner

from narrcheck.cli import app

from conftest import SEEDS, seed

runner = CliRunner()
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_check_json_contract_on_seeds():
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["tool"]["name"] == "narrcheck"
    assert len(data["reports"]) == 5
    for rep in data["reports"]:
        assert set(rep) >= {"path", "meta", "findings", "indicators", "score"}
        assert set(rep["meta"]) >= {"title", "department", "year"}
        for f in rep["findings"]:
            assert set(f) >= {"rule", "name", "category", "severity", "message", "text", "location", "evidence",
                              "suggestion"}
            assert set(f["location"]) >= {"section", "table", "row", "column", "paragraph", "start", "end"}
        for ind in rep["indicators"]:
            assert set(ind) >= {"level1", "level2", "name", "target", "actual", "weight", "score", "deviation",
                                "specificity", "reasons"}
    r004 = next(r for r in data["reports"] if r["path"].endswith(seed("004").name))
    assert r004["meta"]["year"] == 2024
    wg = next(i for i in r004["indicators"] if i["name"] == "文稿合格率")
    assert (wg["target"], wg["actual"], wg["weight"], wg["score"]) == ("≥98%", "100%", 5, 5)


def test_fail_on_levels(tmp_path):
    p = tmp_path / "r.txt"
    shutil.copy(seed("002"), p)
    assert runner.invoke(app, ["check", str(p), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["check", str(p), "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(app, ["check", str(p), "--select", "NC001", "--fail-on", "warning"]).exit_code == 0


def _bad_inputs(tmp_path):
    bad = {}
    (tmp_path / "empty.docx").write_bytes(b"")
    bad["empty.docx"] = "文件为空"
    z = tmp_path / "corrupt.docx"
    z.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"garbage")
    bad["corrupt.docx"] = "不是有效的 .docx"
    (tmp_path / "old.docx").write_bytes(OLE + b"\x00" * 512 + "WordDocument".encode("utf-16-le") + b"\x00" * 64)
    bad["old.docx"] = "Word 97-2003"
    (tmp_path / "locked.docx").write_bytes(OLE + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 9)
    bad["locked.docx"] = "已加密"
    nozip = tmp_path / "noword.docx"
    with zipfile.ZipFile(nozip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    bad["noword.docx"] = "word/document.xml"
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    bad["binary.txt"] = "二进制"
    return bad


def test_bad_inputs_one_line_chinese_errors_and_batch_goes_on(tmp_path):
    bad = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    shutil.copy(seed("004"), good)
    gb = tmp_path / "gbk.txt"
    gb.write_bytes(seed("002").read_text(encoding="utf-8").encode("gb18030"))
    before = {p.name: _digest(p) for p in tmp_path.iterdir()}
    res = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    data = json.loads(res.stdout)
    checked = sorted(r["path"].rsplit("/", 1)[-1] for r in data["reports"])
    assert checked == ["gbk.txt", "good.txt"]
    errors = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in data["errors"]}
    assert set(errors) == set(bad)
    for name, needle in bad.items():
        assert needle in errors[name], (name, errors[name])
        assert name in errors[name] and "\n" not in errors[name]
    err_lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(err_lines) == len(bad)
    after = {p.name: _digest(p) for p in tmp_path.iterdir()}
    assert before == after  # inputs untouched, nothing written next to them


def test_missing_path_and_empty_folder(tmp_path):
    res = runner.invoke(app, ["check", str(tmp_path / "nope.docx")])
    assert res.exit_code == 2 and "不存在" in res.stderr
    (tmp_path / "empty").mkdir()
    res = runner.invoke(app, ["check", str(tmp_path / "empty")])
    assert res.exit_code == 2 and "没有可检查的报告" in res.stderr


def test_text_named_docx_is_sniffed(tmp_path):
    p = tmp_path / "export.docx"
    shutil.copy(seed("004"), p)
    res = runner.invoke(app, ["show", str(p), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["reader"] == "text" and data["meta"]["year"] == 2024


def test_show_text_lists_rows():
    res = runner.invoke(app, ["show", str(seed("004"))])
    assert res.exit_code == 0, res.output
    assert "文稿合格率" in res.stdout and "98.85" in res.stdout and "年度资金总额" in res.stdout


def test_rules_list_and_detail():
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "NC001" in res.stdout and "NC002" in res.stdout
    res = runner.invoke(app, ["rules", "NC001"])
    assert res.exit_code == 0 and "错误示例" in res.stdout
    assert runner.invoke(app, ["rules", "NC999"]).exit_code == 2


def test_config_file_select_and_severity(tmp_path, monkeypatch):
    p = tmp_path / "r.txt"
    shutil.copy(seed("002"), p)
    (tmp_path / "narrcheck.toml").write_text('select = ["NC002"]\n[severity]\nNC002 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["check", "r.txt", "--format", "json"])
    data = json.loads(res.stdout)
    rules = {f["rule"] for f in data["reports"][0]["findings"]}
    assert rules == {"NC002"}
    assert {f["severity"] for f in data["reports"][0]["findings"]} == {"error"}
    assert res.exit_code == 1
    (tmp_path / "narrcheck.toml").write_text('select = [', encoding="utf-8")
    res = runner.invoke(app, ["check", "r.txt"])
    assert res.exit_code == 2 and "配置文件格式错误" in res.stderr
