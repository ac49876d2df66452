"""Every format a report is published in: HTML pages, PDF, Excel, .doc/.wps/.odt
(through LibreOffice) and pasted pipe tables.

The fixtures in corpora/formats are built from the .docx corpora by
scripts/build_formats.py (LibreOffice exports), so the same report exists in
every format; tests need LibreOffice only to read .doc (skipped without it).
"""
import datetime as dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrcheck import errors
from narrcheck.api import load_report
from narrcheck.cli import app
from narrcheck.model import Paragraph, Table
from narrcheck.read import read, sniff

from conftest import DOCX, FIXTURES, ROOT

FORMATS = ROOT / "corpora" / "formats"
runner = CliRunner()
HAVE_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
needs_soffice = pytest.mark.skipif(not HAVE_SOFFICE, reason="LibreOffice (soffice) is not installed: "
                                   "apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc")

SOURCES = sorted(list(DOCX.glob("*.docx")) + list(FIXTURES.glob("*.docx")))
LOCATION = {"form", "table", "row", "row_index"}

# What a format cannot carry, named: (source, format) -> {(kind, index, field): why}.
# For these fields the values must still agree once whitespace is removed.
EXCEPTIONS = {
    ("001_1f5d134754810977", "pdf"): {
        ("indicator", 4, "actual"):
            "a narrow column where LibreOffice broke '攻坚克难，2021' in an emergency break: in a PDF this wrap "
            "cannot be told from a line break, so a '\\n' appears inside the text",
    },
    ("sc_2024_minxi_shuili_project", "pdf"): {
        ("indicator", 7, "actual"):
            "'835元/人' wrapped after 835 in a 1-inch column although it would fit: the PDF shows a line break",
    },
    ("001_1f5d134754810977", "html"): {
        ("indicator", 1, "actual"):
            "'基地 》': LibreOffice wrapped the HTML source at that space; a line break between two Chinese "
            "characters is dropped (CSS segment-break rule), so the space is lost",
    },
}


def _records(rep):
    ind = [{k: v for k, v in r.to_dict().items() if k not in LOCATION} for r in rep.indicators]
    funds = [{k: v for k, v in r.to_dict().items() if k not in LOCATION} for r in rep.funds]
    return ind, funds


_reference_cache: dict = {}


def _reference(src: Path):
    if src not in _reference_cache:
        _reference_cache[src] = _records(load_report(str(src)))
    return _reference_cache[src]


def _format_file(src: Path, fmt: str) -> Path:
    if fmt == "portal":
        return FORMATS / f"portal_{src.stem}.html"
    if fmt == "footer":
        return FORMATS / f"footer_{src.stem}.pdf"
    return FORMATS / f"{src.stem}.{fmt}"


def _squash(v):
    return re.sub(r"\s+", "", v) if isinstance(v, str) else v


# every source in every format; the variants (portal page, PDF with page furniture, .xls) exist for some
CASES = [(s, f) for s in SOURCES for f in ("pdf", "html", "xlsx", "doc")] + [
    (s, f) for s in SOURCES for f in ("portal", "footer", "xls", "odt") if _format_file(s, f).exists()]


@pytest.mark.parametrize("src,fmt", CASES, ids=[f"{s.stem[:16]}-{f}" for s, f in CASES])
def test_parity_with_docx(src, fmt):
    """Indicator and funds records are the same, value for value, as from the .docx."""
    path = _format_file(src, fmt)
    if not path.exists():
        if fmt == "xlsx":
            ref_ind, ref_funds = _reference(src)
            assert not ref_ind and not ref_funds, "a report with forms must have its workbook"
            pytest.skip("no tables in this report, so no workbook")
        pytest.fail(f"missing fixture {path.name}: run scripts/build_formats.py")
    if fmt in ("doc", "odt") and not HAVE_SOFFICE:
        pytest.skip(f"LibreOffice (soffice) is not installed: .{fmt} is read through it")
    ref_ind, ref_funds = _reference(src)
    got_ind, got_funds = _records(load_report(str(path)))
    assert len(got_ind) == len(ref_ind), path.name
    assert len(got_funds) == len(ref_funds), path.name
    allowed = EXCEPTIONS.get((src.stem, "pdf" if fmt == "footer" else fmt), {})
    for kind, ref, got in (("indicator", ref_ind, got_ind), ("funds", ref_funds, got_funds)):
        for i, (a, b) in enumerate(zip(ref, got)):
            for k in a:
                if a[k] == b.get(k):
                    continue
                why = allowed.get((kind, i, k))
                assert why, f"{path.name} {kind} #{i} {k}: {a[k]!r} != {b.get(k)!r}"
                assert _squash(a[k]) == _squash(b.get(k)), (why, a[k], b.get(k))


def test_exceptions_are_still_needed():
    """Each named exception still differs (otherwise remove it from EXCEPTIONS)."""
    for (stem, fmt), fields in EXCEPTIONS.items():
        src = next(s for s in SOURCES if s.stem == stem)
        ref_ind, _ = _reference(src)
        got_ind, _ = _records(load_report(str(_format_file(src, fmt))))
        for (kind, i, k) in fields:
            assert ref_ind[i][k] != got_ind[i][k], (stem, fmt, i, k)


# --------------------------------------------------------------------------- show / reader names

SHOW = [("004_0c4b3fbed2722708.pdf", "pdf"), ("004_0c4b3fbed2722708.html", "html"),
        ("portal_004_0c4b3fbed2722708.html", "html"), ("004_0c4b3fbed2722708.xlsx", "xlsx"),
        ("004_0c4b3fbed2722708.xls", "xls")]


@pytest.mark.parametrize("name,reader", SHOW)
def test_show_names_the_reader(name, reader):
    res = runner.invoke(app, ["show", str(FORMATS / name), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["reader"] == reader
    assert data["counts"]["indicators"] == 27
    text = runner.invoke(app, ["show", str(FORMATS / name)])
    assert text.exit_code == 0 and f"读取方式：{reader}" in text.stdout


@needs_soffice
def test_show_doc_through_libreoffice(tmp_path):
    src = tmp_path / "报告.doc"
    shutil.copyfile(FORMATS / "hb_2023_qingfeng_nongye_project.doc", src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    res = runner.invoke(app, ["show", str(src), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["reader"].startswith("doc→docx") and data["counts"]["indicators"] == 11
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.doc"]   # nothing written beside it


# --------------------------------------------------------------------------- bad inputs

def _scan_pdf(path: Path):
    from PIL import Image

    Image.new("RGB", (595, 842), "white").save(path)   # a page that is only an image


def _no_form_xlsx(path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "电话"])
    ws.append(["张三", "12345"])
    wb.save(path)


def _bad_inputs(tmp_path):
    bad = {}
    pdf = (FORMATS / "004_0c4b3fbed2722708.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    bad["truncated.pdf"] = "PDF 文件已损坏或不完整"
    _scan_pdf(tmp_path / "scanned.pdf")
    bad["scanned.pdf"] = "不支持 OCR"
    (tmp_path / "notable.html").write_text(
        "<html><head><meta charset='utf-8'><title>政务公开_某市人民政府</title></head><body>"
        "<div class='nav'><a href='#'>首页</a><a href='#'>政务公开</a></div>"
        "<ul class='list'><li><a href='a.html'>2023年度部门整体支出绩效自评报告</a></li>"
        "<li><a href='b.html'>2023年度项目支出绩效自评报告</a></li></ul>"
        "<div class='footer'>版权所有：某市人民政府</div></body></html>", encoding="utf-8")
    bad["notable.html"] = "网页中没有找到报告正文或表格"
    _no_form_xlsx(tmp_path / "noform.xlsx")
    bad["noform.xlsx"] = "没有找到绩效自评表"
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    bad["broken.xlsx"] = "不是有效的 Excel 工作簿"
    return bad


def test_bad_inputs_per_format_one_line_errors_batch_goes_on(tmp_path):
    bad = _bad_inputs(tmp_path)
    shutil.copyfile(FORMATS / "hb_2023_qingfeng_nongye_project.pdf", tmp_path / "good.pdf")
    shutil.copyfile(FORMATS / "portal_hb_2023_qingfeng_nongye_project.html", tmp_path / "good.html")
    shutil.copyfile(FORMATS / "hb_2023_qingfeng_nongye_project.xlsx", tmp_path / "good.xlsx")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    res = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    data = json.loads(res.stdout)
    assert sorted(Path(r["path"]).name for r in data["reports"]) == ["good.html", "good.pdf", "good.xlsx"]
    errs = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert set(errs) == set(bad)
    for name, needle in bad.items():
        assert needle in errs[name], (name, errs[name])
        assert name in errs[name] and "\n" not in errs[name]
    assert len([x for x in res.stderr.splitlines() if x.strip()]) == len(bad)
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}


def test_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    src = tmp_path / "old.doc"
    shutil.copyfile(FORMATS / "sc_2024_minxi_shuili_project.doc", src)
    wps = tmp_path / "old.wps"
    shutil.copyfile(FORMATS / "sc_2024_minxi_shuili_project.doc", wps)
    good = tmp_path / "good.html"
    shutil.copyfile(FORMATS / "sc_2024_minxi_shuili_project.html", good)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))          # no soffice anywhere
    res = runner.invoke(app, ["check", str(src), str(wps), str(good), "--format", "json", "--fail-on", "never"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert [Path(r["path"]).name for r in data["reports"]] == ["good.html"]
    errs = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert "Word 97-2003" in errs["old.doc"] and "WPS" in errs["old.wps"]
    for m in errs.values():
        assert "需要 LibreOffice" in m and "apt-get install" in m and "另存为 .docx" in m and "\n" not in m
    res = runner.invoke(app, ["show", str(src)])
    assert res.exit_code == 2 and "需要 LibreOffice" in res.stderr


def test_conversion_time_limit(tmp_path, monkeypatch):
    """A soffice that hangs is stopped after the time limit, with a one-line error."""
    from narrcheck.read import convert

    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n/bin/sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setattr(convert, "TIMEOUT", 1.0)
    src = tmp_path / "r.doc"
    shutil.copyfile(FORMATS / "sc_2024_minxi_shuili_project.doc", src)
    with pytest.raises(errors.ConversionFailed) as ei:
        read(src)
    assert "超过 1 秒" in ei.value.message and "Word 97-2003" in ei.value.message


def test_a_fake_soffice_that_writes_nothing(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    src = tmp_path / "r.odt"
    import zipfile

    with zipfile.ZipFile(src, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(errors.ConversionFailed) as ei:
        read(src)
    assert "OpenDocument" in ei.value.message and "could not be loaded" in ei.value.message


# --------------------------------------------------------------------------- HTML

def test_portal_page_body_meta_and_encoding():
    path = FORMATS / "portal_004_0c4b3fbed2722708.html"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")                                  # really GB-encoded
    doc = read(path)
    assert doc.reader == "html"
    meta = {b.text.split("：", 1)[0]: b.text.split("：", 1)[1] for b in doc.paragraphs if b.origin == "meta"}
    assert meta["索引号"] == "114200000000000000/2024-00317"
    assert meta["发布机构"] == "青峰县财政局"
    text = "\n".join(b.text for b in doc.paragraphs)
    for chrome in ("首页", "版权所有", "当前位置", "分享到", "相关链接", "浏览次数", "统计", "无障碍"):
        assert chrome not in text, chrome
    rep = load_report(str(path))
    assert rep.meta.year == 2024 and rep.meta.title.endswith("自评报告")
    assert any("gb18030" in n for n in doc.notes)


@pytest.mark.parametrize("encoding,meta", [("gb2312", "gb2312"), ("gbk", "GBK"), ("gb18030", "gb18030"),
                                           ("gbk", None), ("gbk", "utf-8"), ("utf-8", "gb2312")])
def test_html_encodings(tmp_path, encoding, meta):
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    body = ("<p>2023年度部门整体支出绩效自评报告</p><table><tr><td>一级指标</td><td>三级指标</td><td>年度指标值</td>"
            "<td>实际完成值</td></tr><tr><td>产出指标</td><td>办文数量</td><td>≥300件</td><td>320件</td></tr></table>")
    p = tmp_path / "r.htm"
    p.write_bytes(f"<html><head>{head}</head><body>{body}</body></html>".encode(encoding))
    doc = read(p)
    assert doc.paragraphs[0].text == "2023年度部门整体支出绩效自评报告"
    assert [c.text for c in doc.tables[0].rows[1]] == ["产出指标", "办文数量", "≥300件", "320件"]


def test_html_rowspan_colspan_grid():
    from narrcheck.read.html import parse_html

    html = """<table>
      <tr><th>一级指标</th><th>二级指标</th><th colspan="2">指标</th><th>得分</th></tr>
      <tr><td rowspan="3">产出指标<br>(50分)</td><td rowspan="2">数量指标</td><td>办文</td><td>≥10件</td><td>5</td></tr>
      <tr><td>办会</td><td>≥5次</td><td>5</td></tr>
      <tr><td>质量指标</td><td>合格率</td><td>≥98%</td><td>10</td></tr>
      <tr><td colspan="4">总分</td><td>100</td></tr>
    </table>"""
    t = parse_html(html).tables[0]
    assert t.ncols == 5 and t.nrows == 5
    cells = {(c.row, c.col): c for c in t.cells()}
    l1 = cells[(1, 0)]
    assert (l1.text, l1.rowspan, l1.colspan) == ("产出指标\n(50分)", 3, 1)
    assert (cells[(1, 1)].rowspan, cells[(2, 2)].text, cells[(3, 1)].text) == (2, "办会", "质量指标")
    assert (cells[(0, 2)].colspan, cells[(4, 0)].colspan, cells[(4, 4)].text) == (2, 4, "100")
    dense = t.dense()
    assert dense[3][0] is l1 and dense[2][1] is cells[(1, 1)]


def test_html_layout_table_unwrapped_and_nested_kept():
    from narrcheck.read.html import parse_html

    html = ("<table><tr><td><p>2023年度项目支出绩效自评报告</p><p>一、项目概况</p>"
            "<table><tr><td>项目名称</td><td>某项目</td></tr><tr><td>主管部门</td><td>某局</td></tr></table>"
            "</td></tr></table>")
    doc = parse_html(html)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Table"]
    assert doc.tables[0].rows[1][1].text == "某局"


# --------------------------------------------------------------------------- PDF

def test_pdf_lines_rejoined_and_page_furniture_dropped():
    body = [b.text.strip() for b in read(DOCX / "004_0c4b3fbed2722708.docx").paragraphs if b.text.strip()]
    for name in ("004_0c4b3fbed2722708.pdf", "footer_004_0c4b3fbed2722708.pdf"):
        doc = read(FORMATS / name)
        got = {re.sub(r"\s+", "", b.text) for b in doc.paragraphs}
        missing = [p for p in body if re.sub(r"\s+", "", p) not in got]
        assert len(missing) <= 1, missing                # paragraphs come back whole, in one piece
        assert not any(re.fullmatch(r"[—-]\s*\d+\s*[—-]", b.text.strip()) for b in doc.paragraphs)
        assert not any("君山区人民政府办公室　2024" in b.text for b in doc.paragraphs)
    assert any("header/footer" in n for n in read(FORMATS / "footer_004_0c4b3fbed2722708.pdf").notes)


def test_pdf_table_without_ruling_lines_is_read_as_text():
    """A PDF table drawn without lines whose rows are packed at the line pitch (no row spacing): where a row
    ends cannot be told from the positions, so the table stays text (read/pdfcols refuses it)."""
    rep = load_report(str(FORMATS / "noborder_hb_2023_qingfeng_nongye_project.pdf"))
    assert rep.document.tables == [] and rep.indicators == []
    text = "\n".join(p.text for p in rep.document.paragraphs)
    assert "产出指标" in text                               # the text is there, as paragraphs


def test_pdf_split_rows_and_repeated_headers_joined():
    doc = read(FORMATS / "004_0c4b3fbed2722708.pdf")
    assert any("split by the page break" in n for n in doc.notes)
    assert any("repeated table header" in n for n in doc.notes)


def test_encrypted_and_garbage_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"%PDF-1.4\n" + b"garbage " * 100)
    with pytest.raises(errors.CorruptPdf):
        read(p)


# --------------------------------------------------------------------------- Excel

def test_excel_number_and_date_formats():
    from narrcheck.read.xlsx import format_value

    assert format_value(0.9849, "0.00%") == "98.49%"
    assert format_value(1, "0%") == "100%"
    assert format_value(5820, "#,##0.00") == "5,820.00"
    assert format_value(55, "0.00") == "55.00"
    assert format_value(1273.05, "General") == "1273.05"
    assert format_value(0.1 + 0.2, "General") == "0.3"
    assert format_value(10.0, "General") == "10"
    assert format_value(dt.datetime(2024, 12, 31), 'yyyy"年"m"月"d"日"') == "2024年12月31日"
    assert format_value(dt.datetime(2024, 12, 31), "yyyy/m/d") == "2024/12/31"
    assert format_value(dt.datetime(2024, 3, 5), "yyyy-mm-dd") == "2024-03-05"
    assert format_value(12, '0"万元"') == "12万元"


def test_xlsx_merged_cells_titles_and_values():
    doc = read(FORMATS / "004_0c4b3fbed2722708.xlsx")
    assert doc.reader == "xlsx"
    titles = [b.text for b in doc.paragraphs]
    assert "2024年度部门整体支出绩效自评表" in titles
    cells = [c for t in doc.tables for c in t.cells()]
    l1 = next(c for c in cells if c.text.startswith("产出指标"))
    assert l1.rowspan > 1                                    # merged range → span, value once
    assert sum(1 for c in cells if c.text.startswith("产出指标")) == 2   # one per form
    assert any(c.text == "98.49%" for c in cells)           # 0.9849 with 0.00%


def test_xlsx_typed_workbook(tmp_path):
    """A workbook typed by hand: merged label, percent, date, hidden sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "新建供水工程", "6处", "7处", 10, 10])
    ws.append([None, "质量指标", "水质达标率", 0.95, 0.968, 10, 10])
    ws.append([None, "时效指标", "完工时间", dt.datetime(2024, 12, 31), dt.datetime(2024, 11, 30), 5, 5])
    ws.merge_cells("A2:A4")
    for c in ("D3", "E3"):
        ws[c].number_format = "0.0%"
    for c in ("D4", "E4"):
        ws[c].number_format = 'yyyy"年"m"月"d"日"'
    hidden = wb.create_sheet("备注")
    hidden["A1"] = "内部"
    hidden.sheet_state = "hidden"
    p = tmp_path / "form.xlsx"
    wb.save(p)
    rep = load_report(str(p))
    rows = [(r.level1, r.level2, r.name, r.text("target"), r.text("actual")) for r in rep.indicators]
    assert rows == [("产出指标", "数量指标", "新建供水工程", "6处", "7处"),
                    ("产出指标", "质量指标", "水质达标率", "95.0%", "96.8%"),
                    ("产出指标", "时效指标", "完工时间", "2024年12月31日", "2024年11月30日")]
    assert rep.document.paragraphs[0].text == "项目支出绩效自评表"
    assert any("hidden sheet" in n for n in rep.document.notes)


def test_sniffing_by_content_not_extension(tmp_path):
    pairs = {"pdf": FORMATS / "sc_2024_minxi_shuili_project.pdf",
             "html": FORMATS / "sc_2024_minxi_shuili_project.html",
             "xlsx": FORMATS / "sc_2024_minxi_shuili_project.xlsx",
             "xls": FORMATS / "004_0c4b3fbed2722708.xls",
             "doc": FORMATS / "sc_2024_minxi_shuili_project.doc"}
    for kind, src in pairs.items():
        p = tmp_path / f"renamed_{kind}.docx"
        shutil.copyfile(src, p)
        with open(p, "rb") as fh:
            assert sniff(str(p), fh.read(2048)) == kind


# --------------------------------------------------------------------------- pasted text

def test_pasted_pipe_table_variants():
    from narrcheck.read.text import parse_text

    rows = [["一级指标", "三级指标", "年度指标值"], ["产出指标", "办文", "≥10件"], ["", "合格率", "≥98%"]]
    variants = {
        "rows": "标题\n| 一级指标 | 三级指标 | 年度指标值 |\n|---|---|---|\n| 产出指标 | 办文 | ≥10件 |\n"
                "|| 合格率 | ≥98% |\n正文。",
        "cell lines": "标题\n| 一级指标 |\n三级指标 |\n年度指标值 |\n| 产出指标 |\n办文 |\n≥10件 |\n| |\n合格率 |\n"
                      "≥98% |\n正文。",
        "blank-separated": "标题\n一级指标 |\n三级指标 |\n年度指标值 |\n\n产出指标 |\n办文 |\n≥10件 |\n\n |\n合格率 |\n"
                           "≥98% |\n\n正文。",
        "no leading pipe": "标题\n一级指标 | 三级指标 | 年度指标值 |\n产出指标 | 办文 | ≥10件 |\n | 合格率 | ≥98% |\n正文。",
    }
    for name, text in variants.items():
        doc = parse_text(text)
        assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"], name
        assert [[c.text for c in r] for r in doc.tables[0].rows] == rows, name
        assert doc.blocks[2].text == "正文。", name


def test_pasted_multiline_cell_and_prose_with_pipes():
    from narrcheck.read.text import parse_text

    doc = parse_text("| 产出指标\n(50分) | 办文 | ≥10件 |\n| 效益指标 | 满意度 | ≥90% |\n说明：a|b 不是表格。")
    assert doc.tables[0].rows[0][0].text == "产出指标\n(50分)"
    assert doc.blocks[-1].text == "说明：a|b 不是表格。"
    assert parse_text("甲 | 乙\n正文").tables == []


def test_pasted_form_is_recognised(tmp_path):
    """A form copied from a web page (rowspans lost) still yields indicator records."""
    from narrcheck.read.html import read_html

    doc = read_html(str(FORMATS / "hb_2023_qingfeng_nongye_project.html"))
    lines = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        else:
            for row in b.rows:
                lines.append("| " + " | ".join(c.text.replace("\n", " ") for c in row) + " |")
            lines.append("")
    p = tmp_path / "pasted.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    rep = load_report(str(p))
    ref = load_report(str(DOCX.parent / "fixtures" / "hb_2023_qingfeng_nongye_project.docx"))
    assert rep.document.reader == "text"
    assert [r.name for r in rep.indicators] == [r.name for r in ref.indicators]
    assert [r.text("actual").strip() for r in rep.indicators] == [r.text("actual").strip() for r in ref.indicators]
