"""Annotated Word copy: comments cover exactly the flagged characters, in body
text and table cells; the input is untouched; python-docx and LibreOffice open
the result (LibreOffice: headless PDF export with comments as notes)."""
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrcheck.api import ReportResult
from narrcheck.findings import Finding
from narrcheck.model import Location, Paragraph, Table
from narrcheck.read import read
from narrcheck.read.docx import read_docx
from narrcheck.render.docx import annotate, build_docx, read_comments
from narrcheck.understand.report import understand

from conftest import DOCX, ROOT, SEEDS, seed

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sha(p):
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()


def _grid(doc):
    out = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.append(("p", b.text))
        else:
            out.append(("t", [(c.row, c.col, c.rowspan, c.colspan, c.text.rstrip()) for c in b.cells()]))
    return out


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_text_input_becomes_docx_with_the_same_blocks(tmp_path, path):
    doc = read(str(path))
    out = tmp_path / "built.docx"
    build_docx(doc).save(str(out))
    back = read_docx(str(out))
    assert _grid(back) == _grid(doc)


# ---------------------------------------------------------------- a hand-made .docx with awkward runs
def _handmade(path):
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph("2023年度禁毒工作绩效自评报告")
    p = d.add_paragraph()
    p.add_run("全年开展禁毒宣传")
    b = p.add_run("718场次")
    b.bold = True
    p.add_run("，覆盖群众")
    i = p.add_run("约5万人")
    i.italic = True
    i.font.size = Pt(14)
    p.add_run("，效果明显。")
    # a hyperlink and a tracked insertion inside one paragraph
    p2 = d.add_paragraph()
    p2.add_run("详见")
    p2._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:r><w:t>市禁毒办通报</w:t></w:r></w:hyperlink>'))
    p2.add_run("，完成率")
    p2._p.append(parse_xml(
        f'<w:ins xmlns:w="{W}" w:id="90" w:author="审稿" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t>98%</w:t></w:r></w:ins>'))
    p2.add_run("。")
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    for c, h in enumerate(["一级指标", "三级指标", "年度指标值", "实际完成值"]):
        t.cell(0, c).text = h
    t.cell(1, 0).merge(t.cell(3, 0)).text = "产出指标"
    t.cell(1, 1).text = "宣传场次"
    t.cell(1, 2).text = "≥700场"
    t.cell(1, 3).text = "≥700场"
    t.cell(2, 1).text = "满意度"
    t.cell(2, 2).text = "≥95%"
    cell = t.cell(2, 3)
    cell.text = "群众满意度达到"
    cell.paragraphs[0].add_run("96.5%").bold = True
    cell.add_paragraph("较上年提高1.2个百分点")
    t.cell(3, 1).merge(t.cell(3, 2)).text = "合计"
    # (3, 3) stays empty
    d.add_paragraph("以上情况属实。")
    d.save(str(path))


def _finding(rule, cat, sev, text, loc, **kw):
    return Finding(rule=rule, name="t", category=cat, severity=sev, message=kw.pop("message", f"{rule} 的说明"),
                   text=text, location=loc, evidence=kw.pop("evidence", {"target": "≥700场", "actual": "≥700场"}),
                   suggestion=kw.pop("suggestion", "填写实际数值"), **kw)


def _handmade_findings(doc):
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    tab = next(b for b in doc.blocks if isinstance(b, Table))
    p1, p2 = paras[1], paras[2]
    out = []

    def on_p(p, sub, rule="NC201", cat="vague", sev="warning"):
        s = p.text.index(sub)
        out.append((_finding(rule, cat, sev, sub, Location(block=p.block, paragraph=p.block, start=s,
                                                                end=s + len(sub))), sub))

    on_p(p1, "18场")                  # inside one bold run
    on_p(p1, "宣传718场次，覆盖")      # across three runs
    on_p(p1, "效果明显", "NC202")
    on_p(p2, "禁毒办", "NC301", "mismatch", "error")      # inside a hyperlink
    on_p(p2, "率98", "NC302", "mismatch", "error")        # into a tracked insertion

    def cell(r, c):
        return next(x for x in tab.cells() if x.row == r and x.col == c)

    def on_c(r, c, sub, rule="NC101", cat="copied", sev="warning"):
        x = cell(r, c)
        s = x.text.index(sub)
        out.append((_finding(rule, cat, sev, sub, Location(block=tab.block, table=tab.number, row=r, col=c,
                                                           column="实际完成值", start=s, end=s + len(sub))), sub))

    on_c(1, 3, "700场")                               # part of a cell
    on_c(2, 3, "96.5%\n较上年", "NC303", "mismatch")   # across the cell's two paragraphs
    on_c(1, 0, "产出", "NC184", "template", "info")   # a vertically merged cell
    # an empty cell: the comment sits on an empty anchor
    out.append((_finding("NC185", "template", "info", "", Location(block=tab.block, table=tab.number, row=3, col=3,
                                                                   start=0, end=0)), ""))
    # a row-level finding (no column): put on the cell holding its text
    out.append((_finding("NC186", "template", "info", "满意度", Location(block=tab.block, table=tab.number, row=2,
                                                                       start=0, end=3)), "满意度"))
    # a report-level finding (no place): first non-empty paragraph
    out.append((_finding("NC401", "scoring", "error", "", Location(section="")), "2023年度禁毒工作绩效自评报告"))
    return out


def test_comments_cover_exactly_the_flagged_characters(tmp_path):
    src = tmp_path / "in.docx"
    _handmade(src)
    before = _sha(src)
    doc = read_docx(str(src))
    rep = understand(doc)
    pairs = _handmade_findings(doc)
    res = ReportResult(path=str(src), report=rep, findings=[f for f, _ in pairs])
    out = tmp_path / "out" / "in.narrcheck.docx"
    info = annotate(res, str(out))
    assert info["comments"] == len(pairs) and not info["unplaced"]
    assert _sha(src) == before                      # the input is never modified
    comments = read_comments(str(out))
    assert len(comments) == len(pairs)
    for c, (f, expected) in zip(comments, pairs):
        assert c["author"] == "narrcheck"
        assert c["anchor"] == expected, (f.rule, c["anchor"], expected)
        assert c["rule"] == f.rule and f.message in c["text"] and "建议：填写实际数值" in c["text"]
        assert "依据：" in c["text"] and "指标值：≥700场" in c["text"]
        assert c["in_table"] == (f.location.table is not None)
    # splitting runs changed no text, and formatting survived on both halves of a split run
    assert _grid(read_docx(str(out))) == _grid(doc)
    import docx

    d = docx.Document(str(out))
    p1 = d.paragraphs[1]
    bold = "".join(r.text for r in p1.runs if r.bold)
    assert bold == "718场次"
    italic = [r for r in p1.runs if r.italic]
    assert "".join(r.text for r in italic) == "约5万人" and all(r.font.size.pt == 14 for r in italic)
    # the sidecar lists every finding with its key, for harvesting a reviewed copy
    side = json.loads((tmp_path / "out" / "in.narrcheck.json").read_text(encoding="utf-8"))
    assert [x["key"] for x in side["findings"]] == [c["key"] for c in comments]


def test_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "in.docx"
    _handmade(src)
    rep = understand(read_docx(str(src)))
    with pytest.raises(ValueError):
        annotate(ReportResult(path=str(src), report=rep, findings=[]), str(src))


def _cli_docx(paths, out_dir):
    from narrcheck.cli import app

    res = CliRunner().invoke(app, ["check", *map(str, paths), "--format", "docx", "-o", str(out_dir),
                                   "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    return sorted(Path(out_dir).glob("*.narrcheck.docx"))


def test_cli_annotates_text_and_docx_inputs_with_real_findings(tmp_path):
    inputs = [seed("004"), seed("002")] + sorted(DOCX.glob("00[24]_*.docx"))
    digests = {p: _sha(p) for p in inputs}
    outs = _cli_docx(inputs, tmp_path / "annotated")
    assert len(outs) == len(inputs)            # same stem for .txt and .docx → names made unique
    from narrcheck.render.common import resolve_place

    total = exact = 0
    for out in outs:
        side = json.loads(Path(str(out)[:-5] + ".json").read_text(encoding="utf-8"))
        doc = read(side["source"])
        comments = {c["key"]: c for c in read_comments(str(out))}
        placed = [f for f in side["findings"] if f["placed"]]
        assert len(comments) == len(placed) == len(side["findings"])
        for f in placed:
            c = comments[f["key"]]
            assert c["author"] == "narrcheck" and f["message"] in c["text"]
            pl = resolve_place(doc, Location(**f["location"]), f["text"])
            if pl is not None and pl[0] in ("p", "cell"):
                # the comment covers exactly the located characters
                text = pl[1].text if pl[0] == "p" else pl[2].text
                s, e = (pl[2], pl[3]) if pl[0] == "p" else (pl[3], pl[4])
                assert c["anchor"] == text[s:e].rstrip("\n") or (not text[s:e].strip() and not c["anchor"].strip()), \
                    (f["rule"], c["anchor"], text[s:e])
                exact += 1
        total += len(placed)
    assert total > 10 and exact > 10
    assert {p: _sha(p) for p in inputs} == digests


# ---------------------------------------------------------------- LibreOffice
def _soffice():
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        return exe, ""
    if shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["bash", str(ROOT / "scripts" / "install_system_deps.sh"), "libreoffice"], timeout=1200,
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        exe = shutil.which("soffice")
        if exe:
            return exe, ""
        return None, "LibreOffice is not installed and apt-get could not install libreoffice-writer"
    return None, "LibreOffice is not installed (not root or no apt-get, so it cannot be installed here)"


def _pdf_notes(pdf: bytes) -> list[str]:
    """Texts of the PDF's annotations (/Contents strings), decoded."""
    out = []
    for m in re.finditer(rb"/Contents\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", pdf):
        raw = m.group(1)
        if raw.startswith(b"<"):
            data = bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode())
        else:
            data = re.sub(rb"\\([nrtbf()\\])", lambda x: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b",
                                                            b"f": b"\f"}.get(x.group(1), x.group(1)), raw[1:-1])
        out.append(data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1"))
    return out


def _convert(exe, src, outdir, home, target):
    env = dict(os.environ, HOME=str(home))
    r = subprocess.run([exe, f"-env:UserInstallation=file://{home}/profile", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), str(src)],
                       capture_output=True, text=True, timeout=240, env=env)
    return r


@pytest.mark.slow
def test_libreoffice_opens_the_annotated_copy_and_exports_the_comments(tmp_path):
    exe, why = _soffice()
    if not exe:
        pytest.skip(why)
    src = tmp_path / "in.docx"
    _handmade(src)
    doc = read_docx(str(src))
    pairs = _handmade_findings(doc)
    out = tmp_path / "hand.narrcheck.docx"
    annotate(ReportResult(path=str(src), report=understand(doc), findings=[f for f, _ in pairs]), str(out))
    seeds_out = _cli_docx([seed("004")], tmp_path / "seed")
    home = tmp_path / "lo"
    home.mkdir()
    for docx_path in [out, *seeds_out]:
        n = len(read_comments(str(docx_path)))
        r = _convert(exe, docx_path, tmp_path / "pdf",  home,
                     'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}')
        pdf = tmp_path / "pdf" / (docx_path.stem + ".pdf")
        assert pdf.exists(), r.stdout + r.stderr
        notes = _pdf_notes(pdf.read_bytes())
        assert len(notes) == n, (docx_path.name, len(notes), n)
        assert all("〔NC" in x for x in notes)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(pdf)[:-4]],
                           check=False, timeout=60)
        # a docx round trip through LibreOffice keeps every comment (it read them without repair)
        r = _convert(exe, docx_path, tmp_path / "rt", home, "docx:MS Word 2007 XML")
        back = tmp_path / "rt" / docx_path.name
        assert back.exists(), r.stdout + r.stderr
        again = read_comments(str(back))
        assert len(again) == n and all(c["author"] == "narrcheck" for c in again)
        assert sorted(c["key"] for c in again) == sorted(c["key"] for c in read_comments(str(docx_path)))
    hand = {c["key"]: c["anchor"] for c in read_comments(str(tmp_path / "rt" / out.name))}
    assert sorted(hand.values()) == sorted(read_comments(str(out))[i]["anchor"] for i in range(len(pairs)))
