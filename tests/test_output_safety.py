"""Issue 13, data loss: an output path never replaces an input, nor a file narrcheck did not write
(without --force); outputs are written through a temporary file and a rename."""
import hashlib
import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from narrcheck import outputs
from narrcheck.cli import app

from conftest import DOCX, seed

runner = CliRunner()


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "a.txt"
    shutil.copy(seed("004"), p)
    return p


@pytest.mark.parametrize("fmt", ["html", "xlsx", "json", "text"])
def test_output_onto_the_input_is_refused(report, fmt):
    before = _digest(report)
    res = runner.invoke(app, ["check", str(report), "--format", fmt, "-o", str(report), "--fail-on", "never"])
    assert res.exit_code == 2
    assert "输入文件" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert _digest(report) == before


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_output_onto_the_input_refused_even_with_force_and_read_only(report, fmt):
    os.chmod(report, 0o444)           # as root permission bits do not protect the file
    before = _digest(report)
    res = runner.invoke(app, ["check", str(report), "--format", fmt, "-o", str(report), "--force"])
    assert res.exit_code == 2
    assert _digest(report) == before


def test_batch_html_output_onto_an_input_is_refused(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for k in ("002", "004"):
        shutil.copy(seed(k), d / f"{k}.txt")
    target = d / "004.txt"
    before = _digest(target)
    res = runner.invoke(app, ["check", str(d), "--format", "html", "-o", str(target), "--fail-on", "never"])
    assert res.exit_code == 2
    assert _digest(target) == before


def test_symlink_and_hard_link_to_an_input_are_refused(report, tmp_path):
    link = tmp_path / "link.html"
    link.symlink_to(report)
    hard = tmp_path / "hard.json"
    os.link(report, hard)
    before = _digest(report)
    for out, fmt in ((link, "html"), (hard, "json")):
        res = runner.invoke(app, ["check", str(report), "--format", fmt, "-o", str(out), "--force"])
        assert res.exit_code == 2, (out, res.output)
        assert "输入文件" in res.stderr
    assert _digest(report) == before


def test_existing_foreign_file_needs_force(report, tmp_path):
    out = tmp_path / "notes.json"
    out.write_text("我的笔记，不是 narrcheck 写的\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(report), "--format", "json", "-o", str(out), "--fail-on", "never"])
    assert res.exit_code == 2 and "--force" in res.stderr
    assert out.read_text(encoding="utf-8") == "我的笔记，不是 narrcheck 写的\n"
    res = runner.invoke(app, ["check", str(report), "--format", "json", "-o", str(out), "--fail-on", "never",
                              "--force"])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text(encoding="utf-8"))["tool"]["name"] == "narrcheck"


@pytest.mark.parametrize("fmt,name", [("json", "o.json"), ("text", "o.txt"), ("html", "o.html"),
                                      ("xlsx", "o.xlsx")])
def test_own_output_is_replaced_without_force(report, tmp_path, fmt, name):
    out = tmp_path / name
    for _ in range(2):
        res = runner.invoke(app, ["check", str(report), "--format", fmt, "-o", str(out), "--fail-on", "never"])
        assert res.exit_code == 0, res.output
    assert outputs.is_ours(str(out))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".narrcheck-tmp")]


def test_foreign_xlsx_and_html_are_not_taken_for_ours(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "预算表"
    wb.save(tmp_path / "user.xlsx")
    (tmp_path / "user.html").write_text("<html><head><meta name='generator' content='WPS'></head></html>",
                                        encoding="utf-8")
    shutil.copy(DOCX / next(p.name for p in DOCX.glob("*.docx")), tmp_path / "user.docx")
    for n in ("user.xlsx", "user.html", "user.docx"):
        assert not outputs.is_ours(str(tmp_path / n)), n


def test_existing_annotated_copy_not_written_by_narrcheck_is_kept(tmp_path):
    src = tmp_path / "r.docx"
    shutil.copy(next(DOCX.glob("004_*.docx")), src)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    foreign = out_dir / "r.narrcheck.docx"
    shutil.copy(next(DOCX.glob("002_*.docx")), foreign)
    before = _digest(foreign)
    res = runner.invoke(app, ["check", str(src), "--format", "docx", "-o", str(out_dir), "--fail-on", "never"])
    assert res.exit_code == 2 and "--force" in res.stderr
    assert _digest(foreign) == before
    res = runner.invoke(app, ["check", str(src), "--format", "docx", "-o", str(out_dir), "--fail-on", "never",
                              "--force"])
    assert res.exit_code == 0, res.output
    assert _digest(foreign) != before and outputs.is_ours(str(foreign))
    # narrcheck's own copy (and sidecar) are replaced on the next run without --force
    res = runner.invoke(app, ["check", str(src), "--format", "docx", "-o", str(out_dir), "--fail-on", "never"])
    assert res.exit_code == 0, res.output


def test_annotated_copy_keeps_the_documents_own_custom_properties(tmp_path):
    import docx

    src = tmp_path / "r.docx"
    shutil.copy(next(DOCX.glob("004_*.docx")), src)
    out_dir = tmp_path / "out"
    runner.invoke(app, ["check", str(src), "--format", "docx", "-o", str(out_dir), "--fail-on", "never"])
    first = out_dir / "r.narrcheck.docx"
    again = tmp_path / "again"
    res = runner.invoke(app, ["check", str(first), "--format", "docx", "-o", str(again), "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    docx.Document(str(again / "r.narrcheck.narrcheck.docx"))      # still opens
    assert outputs.is_ours(str(again / "r.narrcheck.narrcheck.docx"))


def test_score_output_onto_input_refused(report):
    before = _digest(report)
    res = runner.invoke(app, ["score", str(report), "--format", "csv", "-o", str(report)])
    assert res.exit_code == 2 and _digest(report) == before


def test_export_and_import_labels_do_not_replace_foreign_files(tmp_path):
    exp = tmp_path / "exp"
    exp.mkdir()
    mine = exp / "chunks.jsonl"
    mine.write_text('{"id": "x", "text": "手工标注", "label": "vague"}\n', encoding="utf-8")
    res = runner.invoke(app, ["export", str(seed("004")), "-o", str(exp)])
    assert res.exit_code == 2 and "--force" in res.stderr
    assert "手工标注" in mine.read_text(encoding="utf-8")
    # import-labels onto its own input, and onto a hand-made label file
    res = runner.invoke(app, ["import-labels", str(mine), "-o", str(mine)])
    assert res.exit_code == 2 and "输入文件" in res.stderr
    other = tmp_path / "vague.jsonl"
    other.write_text('{"id": "y", "text": "效果明显", "label": "vague"}\n', encoding="utf-8")
    res = runner.invoke(app, ["import-labels", str(mine), "-o", str(other)])
    assert res.exit_code == 2 and "效果明显" in other.read_text(encoding="utf-8")
    out = tmp_path / "imported.jsonl"
    for _ in range(2):     # its own output is replaced
        res = runner.invoke(app, ["import-labels", str(mine), "-o", str(out)])
        assert res.exit_code == 0, res.output


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    out = tmp_path / "o.json"
    outputs.write_text(str(out), '{"tool": "narrcheck"}\n')

    with pytest.raises(RuntimeError):
        with outputs.atomic_open(str(out)) as fh:
            fh.write("half")
            raise RuntimeError("disk full")
    assert out.read_text() == '{"tool": "narrcheck"}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["o.json"]


def test_quote_escapes_control_characters():
    assert outputs.quote("a\nb\t.txt") == "a\\nb\\t.txt"
    assert outputs.quote("报告.docx") == "报告.docx"
