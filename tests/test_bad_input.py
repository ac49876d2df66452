"""Issue 13: a clear one-line Chinese error (or a correct reading) for every bad input."""
import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from narrcheck import errors
from narrcheck.cli import app
from narrcheck.read import collect, read
from narrcheck.read.text import decode_bytes, plausibility

from conftest import seed

runner = CliRunner()


def _findings(path):
    res = runner.invoke(app, ["check", str(path), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["reports"][0]["findings"]


def test_big5_is_read_as_big5_not_gb18030_mojibake(tmp_path):
    # a traditional-character version of a seed, saved in Big5 (the encoding of Taiwan/HK exports)
    src = seed("004").read_text(encoding="utf-8")
    trad = src.translate(str.maketrans("绩效评价报告门预算项目资金执行数实际完成值指标业务经费单位财务发展计划说明问题设备",
                                       "績效評價報告門預算項目資金執行數實際完成值指標業務經費單位財務發展計劃說明問題設備"))
    data = trad.encode("big5", errors="replace")
    (tmp_path / "b5.txt").write_bytes(data)
    assert decode_bytes(data) == trad.encode("big5", errors="replace").decode("big5")
    assert plausibility(data.decode("gb18030", errors="replace")) < 0.6 <= plausibility(decode_bytes(data))
    assert len(_findings(tmp_path / "b5.txt")) > 10


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, enc):
    text = seed("004").read_text(encoding="utf-8")
    p = tmp_path / "u16.txt"
    p.write_bytes(text.encode(enc))
    assert decode_bytes(p.read_bytes()) == text
    utf8 = tmp_path / "u8.txt"
    utf8.write_text(text, encoding="utf-8")
    assert len(_findings(p)) == len(_findings(utf8)) > 0


def test_implausible_text_is_an_encoding_error(tmp_path):
    p = tmp_path / "noise.txt"
    import random

    rnd = random.Random(5)
    p.write_bytes(bytes(rnd.randint(0x81, 0xFE) for _ in range(6000)))
    with pytest.raises((errors.BadEncoding, errors.Unsupported)):
        read(str(p))


def test_gb18030_report_still_read():
    text = seed("002").read_text(encoding="utf-8")
    assert decode_bytes(text.encode("gb18030")) == text


def test_a_file_that_is_not_a_report_says_so(tmp_path):
    p = tmp_path / "novel.txt"
    p.write_text("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n床前明月光，疑是地上霜。\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(p)])
    assert res.exit_code == 2
    assert "不是绩效自评报告" in res.stderr and "未发现问题" not in res.output


def test_file_name_with_newline_stays_one_line(tmp_path):
    p = tmp_path / "a\nb\x1b[31m.txt"
    p.write_bytes(b"")
    res = runner.invoke(app, ["check", str(p)])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "a\\nb\\x1b[31m.txt" in lines[0] and "文件为空" in lines[0]


def test_unreadable_file_is_one_line_and_the_batch_goes_on(tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(seed("004"), d / "ok.txt")
    shutil.copy(seed("002"), d / "locked.txt")
    real_open = open

    def fake_open(file, *a, **k):     # as root chmod 000 does not stop reading: simulate EACCES
        if str(file).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", fake_open)
    res = runner.invoke(app, ["check", str(d), "--format", "json"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert [r["path"].rsplit("/", 1)[1] for r in data["reports"]] == ["ok.txt"]
    assert [e["code"] for e in data["errors"]] == ["unreadable"]
    assert "Usage" not in res.output and "Traceback" not in res.output


def test_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    shutil.copy(seed("004"), d / "ok.txt")
    shutil.copy(seed("002"), d / "sub" / "hidden.txt")
    real = os.scandir

    def fake_scandir(path="."):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    files, problems = collect([str(d)])
    assert [os.path.basename(f) for f in files] == ["ok.txt"]
    assert [p.code for p in problems] == ["unreadable"] and "sub" in problems[0].message


def test_too_large_file(tmp_path, monkeypatch):
    import narrcheck.read as rd

    p = tmp_path / "big.txt"
    shutil.copy(seed("004"), p)
    monkeypatch.setattr(rd, "MAX_BYTES", 1000)
    with pytest.raises(errors.TooLarge):
        read(str(p))


def test_unwritable_jieba_cache_runs_without_it_with_one_note(tmp_path, monkeypatch, capfd):
    import tempfile

    from narrcheck import cache
    from narrcheck.nlp import segment

    real = tempfile.mkstemp

    def deny(*a, dir=None, **k):
        if dir and "narrcheck-jieba" in str(dir):
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*a, dir=dir, **k)

    monkeypatch.setattr(tempfile, "mkstemp", deny)
    monkeypatch.setenv("NARRCHECK_CACHE_DIR", "off")
    monkeypatch.setattr(segment, "_tokenizer", None)
    monkeypatch.setattr(cache, "_NOTES", [])
    tk = segment.tokenizer()
    assert list(tk.cut("绩效自评报告"))
    err = capfd.readouterr().err
    assert "Traceback" not in err and "PermissionError" not in err
    assert len(cache.notes()) == 1 and "不可写" in cache.notes()[0]
