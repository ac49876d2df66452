"""The .docx reader on documents built here with real Word structures."""
import copy

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from narrcheck.model import Paragraph, Table
from narrcheck.read import read


def _build(path):
    d = docx.Document()
    d.add_paragraph("2023年度部门整体支出绩效自评表")
    t = d.add_table(rows=5, cols=5)
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    for i, h in enumerate(head):
        t.cell(0, i).text = h
    t.cell(1, 0).text = "产出指标"
    t.cell(1, 0).merge(t.cell(3, 0))          # vertical merge over 3 rows
    rows = [("数量指标", "办文数量", "≥300件", "320件"), ("质量指标", "合格率", "≥98%", "99.5%"),
            ("时效指标", "完成时间", "2023年12月31日前", "2023年12月20日")]
    for r, vals in enumerate(rows, start=1):
        for c, v in enumerate(vals, start=1):
            t.cell(r, c).text = v
    t.cell(4, 0).merge(t.cell(4, 3)).text = "总分"   # horizontal merge
    t.cell(4, 4).text = "100"
    # nested table in a cell
    inner = t.cell(2, 4).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表A"
    inner.cell(0, 1).text = "内表B"
    # a paragraph inside a content control
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>'
        f'</w:sdtContent></w:sdt>')
    d.element.body.insert(len(d.element.body) - 1, sdt)
    # tracked insertion and deletion
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>完成率</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>98%</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>90%</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>，</w:t></w:r>'))
    # a text box (DrawingML with VML fallback: read once)
    tb = d.add_paragraph("正文")
    tb._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t>'
        f'</w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    d.save(path)


def test_docx_structures(tmp_path):
    path = tmp_path / "t.docx"
    _build(path)
    doc = read(path)
    assert doc.reader == "docx"
    t = doc.tables[0]
    cells = list(t.cells())
    # merged cells appear once, with spans
    assert [c.text for c in cells].count("产出指标") == 1
    l1 = next(c for c in cells if c.text == "产出指标")
    assert (l1.row, l1.col, l1.rowspan, l1.colspan) == (1, 0, 3, 1)
    total = next(c for c in cells if c.text == "总分")
    assert (total.row, total.col, total.colspan) == (4, 0, 4)
    assert t.ncols == 5 and t.nrows == 5
    # nested table kept on its cell, not flattened into the text
    host = next(c for c in cells if c.row == 2 and c.col == 4)
    assert host.tables and [x.text for x in host.tables[0].cells()] == ["内表A", "内表B"]
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "控件里的段落" in texts
    assert "完成率98%，" in texts                        # insertion read, deletion ignored
    assert texts.count("文本框内容") == 1                  # Choice read, VML fallback not
    assert any("tracked changes" in n for n in doc.notes)


def test_docx_forms_with_merged_level_column(tmp_path):
    from narrcheck.understand.report import understand

    path = tmp_path / "t.docx"
    _build(path)
    rep = understand(read(path))
    form = rep.indicator_forms[0]
    assert [(r.level1, r.level2, r.name) for r in form.indicators] == [
        ("产出指标", "数量指标", "办文数量"), ("产出指标", "质量指标", "合格率"), ("产出指标", "时效指标", "完成时间")]
    assert form.indicators[1].text("actual").startswith("99.5%")


def test_input_docx_is_not_modified(tmp_path):
    path = tmp_path / "t.docx"
    _build(path)
    before = path.read_bytes()
    read(path)
    assert path.read_bytes() == before


def test_fast_text_equals_exact_walker(tmp_path):
    """read_docx reads a prepared tree with tostring(); the exact walker (used by
    the Word-comment renderer on the untouched document) must give the same text."""
    import glob

    from narrcheck.read.docx import P, cell_content, iter_body, paragraph_text, textbox_paragraphs, TBL, TC

    path = tmp_path / "t.docx"
    _build(path)
    files = [str(path)] + sorted(glob.glob(str(__import__("conftest").DOCX / "*.docx")))[:2]
    for f in files:
        doc = read(f)
        d = docx.Document(f)
        exact = []
        for kind, el in iter_body(d.element.body):
            if kind == "p":
                exact.append(paragraph_text(el))
                exact.extend(paragraph_text(b) for b in textbox_paragraphs(el))
        fast = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
        assert fast == exact
        cells_exact = [cell_content(tc)[0] for tbl in d.element.body.iter(TBL) for tc in tbl.iter(TC)]
        assert {c.text for t in doc.tables for c in t.cells()} <= set(cells_exact)


def _repack(src, dst, rename=None, drop=(), edit=None):
    """Copy a .docx zip with parts renamed / dropped / edited (bytes -> bytes)."""
    import zipfile

    rename = rename or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info.filename)
            if edit and info.filename in edit:
                data = edit[info.filename](data)
            zout.writestr(rename.get(info.filename, info.filename), data)


def test_package_variants(tmp_path):
    """The main part is found through the package relationships (python-docx's
    package layer), whatever its name; a macro-enabled content type or a missing
    [Content_Types].xml does not stop the reading."""
    src = tmp_path / "a.docx"
    _build(src)
    expected = [b.text for b in read(str(src)).blocks if isinstance(b, Paragraph)]
    assert "控件里的段落" in expected

    def retarget(data: bytes) -> bytes:
        return data.replace(b'Target="word/document.xml"', b'Target="/word/main.xml"').replace(
            b'Target="/word/document.xml"', b'Target="/word/main.xml"')

    def ctypes(data: bytes) -> bytes:
        return data.replace(b"/word/document.xml", b"/word/main.xml").replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")

    moved = tmp_path / "moved.docm"
    _repack(src, moved, rename={"word/document.xml": "word/main.xml", "word/_rels/document.xml.rels":
                                "word/_rels/main.xml.rels"},
            edit={"_rels/.rels": retarget, "[Content_Types].xml": ctypes})
    # a stale word/document.xml that is NOT the main part must not be read
    import zipfile
    with zipfile.ZipFile(moved, "a") as z:
        z.writestr("word/document.xml", b'<?xml version="1.0"?><w:document '
                   b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
                   b'<w:t>STALE</w:t></w:r></w:p></w:body></w:document>')
    from narrcheck.read.docx import _load_body_zip, _main_part_blob, read_docx
    got = [b.text for b in read_docx(str(moved)).blocks if isinstance(b, Paragraph)]
    assert got == expected
    blob = _main_part_blob(str(moved))  # python-docx's package layer found it, no fallback involved
    assert blob and "控件里的段落".encode() in blob and b"STALE" not in blob
    assert b"STALE" not in __import__("lxml.etree").etree.tostring(_load_body_zip(str(moved)))

    no_ct = tmp_path / "no_ct.docx"
    _repack(src, no_ct, drop={"[Content_Types].xml"})
    assert [b.text for b in read(str(no_ct)).blocks if isinstance(b, Paragraph)] == expected
