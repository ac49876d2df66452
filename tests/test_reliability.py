"""Issue 13: bounds on packages and text, rule isolation, one bad file never hurts the others."""
import io
import json
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

from narrcheck import errors
from narrcheck.checks import registry
from narrcheck.checks.registry import load_all
from narrcheck.cli import app
from narrcheck.config import Config
from narrcheck.read import MAX_CELL_CHARS, MAX_PARAGRAPH_CHARS, read
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

from conftest import DOCX, seed

runner = CliRunner()


def _docx_with_body(path, body_xml: bytes, extra: dict | None = None):
    """A minimal .docx whose word/document.xml holds ``body_xml`` inside w:body."""
    src = next(DOCX.glob("004_*.docx"))
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for i in z.infolist():
            data = z.read(i.filename)
            if i.filename == "word/document.xml":
                head = data[:data.index(b"<w:body>") + len(b"<w:body>")]
                data = head + body_xml + b"</w:body></w:document>"
            out.writestr(i, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


# ---------------------------------------------------------------- packages
def test_zip_bomb_part_is_refused_before_inflating(tmp_path):
    p = _docx_with_body(tmp_path / "bomb.docx", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>",
                        {"word/media/zeros.bin": b"\0" * (40 * 1024 * 1024)})
    with pytest.raises(errors.ZipBomb) as ei:
        read(str(p))
    assert "疑似压缩炸弹" in ei.value.message and "压缩比" in ei.value.message


def test_zip_with_too_many_members_is_refused(tmp_path):
    p = tmp_path / "many.docx"
    shutil.copy(next(DOCX.glob("004_*.docx")), p)
    with zipfile.ZipFile(p, "a") as z:
        for i in range(10_001):
            z.writestr(f"customXml/x{i}.xml", b"")
    with pytest.raises(errors.ZipBomb):
        read(str(p))


def test_declared_size_limit(tmp_path, monkeypatch):
    import narrcheck.read as rd

    p = _docx_with_body(tmp_path / "big.docx", b"<w:p><w:r><w:t>" + "正文".encode() * 300_000 + b"</w:t></w:r></w:p>")
    monkeypatch.setattr(rd, "ZIP_MAX_MEMBER", 1024 * 1024)
    with pytest.raises(errors.ZipBomb) as ei:
        read(str(p))
    assert "上限 1 MB" in ei.value.message
    monkeypatch.setattr(rd, "ZIP_MAX_MEMBER", 256 * 1024 * 1024)
    monkeypatch.setattr(rd, "ZIP_MAX_TOTAL", 1024 * 1024)
    with pytest.raises(errors.ZipBomb):
        read(str(p))


def test_real_reports_are_within_the_package_limits():
    for p in sorted(DOCX.glob("*.docx")):
        read(str(p))


def _nested_tables(depth: int) -> bytes:
    """Two-cell tables nested ``depth`` deep (a one-cell table is read as its text)."""
    cell = b"<w:tc><w:p><w:r><w:t>\xe5\xb1\x82</w:t></w:r></w:p></w:tc>"
    return (b"<w:p><w:r><w:t>2023\xe5\xb9\xb4\xe5\xba\xa6\xe6\x8a\xa5\xe5\x91\x8a</w:t></w:r></w:p>"
            + (b"<w:tbl><w:tr>" + cell + b"<w:tc>") * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl><w:p/>" * depth)


def test_deep_table_nesting_is_a_clear_error(tmp_path):
    p = _docx_with_body(tmp_path / "deep.docx", _nested_tables(200))
    with pytest.raises(errors.TooDeep) as ei:
        read(str(p))
    assert "嵌套" in ei.value.message
    read(str(_docx_with_body(tmp_path / "ok.docx", _nested_tables(3))))     # a few levels are fine


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_deep_nesting_costs_one_file_not_the_batch(tmp_path, jobs):
    d = tmp_path / "in"
    d.mkdir()
    _docx_with_body(d / "deep.docx", _nested_tables(200))
    shutil.copy(seed("004"), d / "b.txt")
    shutil.copy(seed("002"), d / "c.txt")
    res = runner.invoke(app, ["check", str(d), "--format", "json", "--jobs", jobs, "--quiet"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert sorted(r["path"].rsplit("/", 1)[1] for r in data["reports"]) == ["b.txt", "c.txt"]
    assert [e["code"] for e in data["errors"]] == ["too-deep"]
    assert "进程异常退出" not in res.stderr


def test_long_paragraph_and_cell_are_cut_with_a_note(tmp_path):
    p = tmp_path / "long.txt"
    long_par = "本单位全年开展培训。" * (MAX_PARAGRAPH_CHARS // 10 + 50)
    long_cell = "完成" * (MAX_CELL_CHARS // 2 + 10)
    first, rest = seed("004").read_text(encoding="utf-8").split("\n", 1)
    p.write_text(first + "\n" + long_par + "\n" + rest + f"\n\t指标\n\t{long_cell}\n", encoding="utf-8")
    doc = read(str(p))
    assert max(len(b.text) for b in doc.paragraphs) == MAX_PARAGRAPH_CHARS
    assert [n.split(" 个")[1][:3] for n in doc.limits] == ["段落超", "表格单"]
    assert all("只检查了前" in n for n in doc.limits)
    res = runner.invoke(app, ["check", str(p), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0
    assert any("只检查了前" in n for n in json.loads(res.stdout)["reports"][0]["notes"])


# ---------------------------------------------------------------- rule isolation
def _boom(report, ctx):
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


def test_a_failing_rule_becomes_a_note_and_other_findings_stay(monkeypatch):
    rep = understand(parse_text(seed("004").read_text(encoding="utf-8"), path="004.txt"))
    cfg = Config()
    before = registry.run_checks(rep, cfg)
    victim = next(f.rule for f in before)
    chk = load_all()[victim]
    monkeypatch.setattr(chk, "func", _boom)
    notes: list = []
    after = registry.run_checks(rep, cfg, notes)
    assert [f for f in before if f.rule != victim] == after
    assert len(notes) == 1 and victim in notes[0] and "ZeroDivisionError" in notes[0] and "Traceback" not in notes[0]
    with pytest.raises(ZeroDivisionError):
        registry.run_checks(rep, cfg, notes, debug=True)


def test_failing_rule_note_in_cli_output_and_traceback_only_with_debug(monkeypatch, tmp_path):
    chk = load_all()["NC352"]
    monkeypatch.setattr(chk, "func", _boom)
    res = runner.invoke(app, ["check", str(seed("004")), "--fail-on", "never"])
    assert res.exit_code == 0 and "NC352" in res.stdout and "运行出错" in res.stdout
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["check", str(seed("004")), "--format", "json", "--fail-on", "never"])
    assert any("NC352" in n for n in json.loads(res.stdout)["reports"][0]["notes"])
    res = runner.invoke(app, ["check", str(seed("004")), "--fail-on", "never", "--debug"])
    assert isinstance(res.exception, ZeroDivisionError)


def test_a_failing_batch_rule_keeps_the_other_findings(monkeypatch, tmp_path):
    batch_code = next(c for c, k in load_all().items() if k.batch)
    monkeypatch.setattr(load_all()[batch_code], "func", _boom)
    res = runner.invoke(app, ["check", str(seed("004")), str(seed("002")), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    reps = json.loads(res.stdout)["reports"]
    assert len(reps) == 2 and all(r["findings"] for r in reps)
    assert all(any(batch_code in n for n in r["notes"]) for r in reps)


# ---------------------------------------------------------------- the two fuzz crashes
def _example(code: str) -> str:
    return load_all()[code].examples()["bad"][0]


def test_negative_authorized_staff_does_not_crash_control_rate():
    text = _example("NC353").replace("| | 40 | 38 |", "| | -40 | 38 |")
    assert "-40" in text
    rep = understand(parse_text(text, path="x.txt"))
    notes: list = []
    registry.run_checks(rep, Config(select=["NC353"]), notes)
    assert notes == []


def test_negative_budget_does_not_crash_execution_rate():
    text = _example("NC352").replace("| 合计 | 2294.70 |", "| 合计 | -2294.70 |")
    assert "-2294.70" in text
    rep = understand(parse_text(text, path="x.txt"))
    notes: list = []
    found = registry.run_checks(rep, Config(select=["NC352"]), notes)
    assert notes == []
    assert any(f.evidence.get("row", "").startswith("（1）") for f in found)   # the other row is still checked
