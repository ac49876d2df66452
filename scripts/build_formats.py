#!/usr/bin/env python
"""Build the same reports in every format narrcheck reads, from the .docx
fixtures (corpora/docx/*.docx: the seeds rebuilt as Word files, and
corpora/fixtures/*.docx: provincial variants).

Output, committed so that tests need no LibreOffice: corpora/formats/

    <name>.pdf          LibreOffice Writer → PDF (ruled tables, page breaks)
    <name>.html         LibreOffice Writer → HTML (UTF-8)
    <name>.doc          LibreOffice Writer → Word 97-2003
    <name>.xlsx         the forms only, one sheet per table with its title row,
                        written with openpyxl from the .docx grid and typed as
                        people type in Excel (numbers with their number format,
                        percentages as fractions with a % format, dates as dates)
    portal_<name>.html  a portal page around the report body: navigation, a
                        信息公开 header block (索引号/发布机构), footer, encoded
                        GB2312 (GB18030 bytes) with a <meta charset>
    <name>.xls          (one source) the .xlsx saved by LibreOffice Calc as Excel 97-2003
    footer_<name>.pdf   (one source) with a running header and a "— N —" page-number footer
    noborder_<name>.pdf (one source) every table without borders: a PDF with no ruling lines
    <name>.odt          (one source) OpenDocument text

Why the workbook is not exported by LibreOffice: Calc's HTML import turns
"800.00" into 800 with the General format and leaves "92.60%" as text, so such
a workbook exercises none of the number/date formats real 自评表 workbooks
carry.  The grid (merges included) is the .docx reader's, so the forms are the
same as in Word.

Usage:  python scripts/build_formats.py [--only NAME] [--check]
Needs LibreOffice (soffice) for PDF/HTML/.doc/.xls; about 2 s per file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SOURCES = [ROOT / "corpora" / "docx", ROOT / "corpora" / "fixtures"]
OUT = ROOT / "corpora" / "formats"
XLS_FROM = "004_0c4b3fbed2722708"          # the .xls fixture: one is enough for the xlrd path
FURNITURE_FROM = "004_0c4b3fbed2722708"    # footer_<name>.pdf: running header, page-number footer
NOBORDER_FROM = "hb_2023_qingfeng_nongye_project"   # noborder_<name>.pdf: tables drawn without ruling lines
ODT_FROM = "002_5069244cfe29a9a5"          # <name>.odt: OpenDocument text (read through LibreOffice)
PORTALS = ["004_0c4b3fbed2722708", "hb_2023_qingfeng_nongye_project"]


def soffice_convert(files: list[Path], target: str, outdir: Path, infilter: str | None = None) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("build_formats: LibreOffice (soffice) is needed: "
                 "apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="narrcheck-build-") as tmp:
        env = dict(os.environ, HOME=tmp)
        cmd = [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(outdir)]
        if infilter:
            cmd.insert(3, f"--infilter={infilter}")
        subprocess.run(cmd + [str(f) for f in files], env=env, check=True, timeout=600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --------------------------------------------------------------------------- xlsx

_PCT = re.compile(r"^\s*(-?\d+(?:\.(\d+))?)\s*%\s*$")
_NUM = re.compile(r"^\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.(\d+))?\s*$")
_DATE = re.compile(r"^\s*(20\d{2})年(\d{1,2})月(\d{1,2})日\s*$")


def typed(text: str):
    """(value, number_format) as a person would type the cell in Excel."""
    m = _PCT.match(text)
    if m:
        d = len(m.group(2) or "")
        return round(float(m.group(1)) / 100, d + 2 + 2), "0" + ("." + "0" * d if d else "") + "%"
    m = _NUM.match(text)
    if m and not (len(m.group(1).lstrip("-")) > 1 and m.group(1).lstrip("-").startswith("0") and "," not in m.group(1)):
        whole = m.group(1).replace(",", "")
        d = len(m.group(2) or "")
        v = float(whole + ("." + m.group(2) if d else ""))
        if len(whole.lstrip("-")) > 12:
            return text, "General"                  # ids, phone numbers: keep as text
        fmt = ("#,##0" if "," in m.group(1) else "0") + ("." + "0" * d if d else "")
        return (int(v) if not d else v), ("General" if fmt == "0" else fmt)
    m = _DATE.match(text)
    if m:
        try:
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3))), 'yyyy"年"m"月"d"日"'
        except ValueError:
            pass
    return text, "General"


def build_xlsx(src: Path, dst: Path) -> int:
    """One sheet per table of the .docx, the title lines above it as merged rows."""
    import openpyxl
    from openpyxl.styles import Alignment

    from narrcheck.model import Paragraph, Table
    from narrcheck.read.docx import read_docx

    doc = read_docx(str(src))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    pending: list[str] = []
    n = 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            t = b.text.strip()
            if t:
                pending.append(t)
            continue
        assert isinstance(b, Table)
        titles = [t for t in pending[-3:] if len(t) <= 60 and not t.endswith("。")]
        pending = []
        n += 1
        ws = wb.create_sheet(f"表{n}")
        r0 = 1
        for t in titles:
            ws.cell(row=r0, column=1, value=t)
            if b.ncols > 1:
                ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=b.ncols)
            r0 += 1
        for cell in b.cells():
            v, fmt = typed(cell.text) if cell.text.strip() else (None, "General")
            c = ws.cell(row=r0 + cell.row, column=1 + cell.col, value=v)
            if v is not None:
                c.number_format = fmt
                if isinstance(v, str) and "\n" in v:
                    c.alignment = Alignment(wrap_text=True)
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=r0 + cell.row, start_column=1 + cell.col,
                               end_row=r0 + cell.row + cell.rowspan - 1, end_column=cell.col + cell.colspan)
    if not n:
        return 0
    wb.properties.creator = "narrcheck build_formats.py"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(dst)
    return n


# --------------------------------------------------------------------------- portal page

PORTAL = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}_青峰县人民政府门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
<style>.nav li {{ float: left }}</style></head>
<body>
<div class="top-bar"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">登录</a></div>
<div class="header"><img src="logo.png" alt="青峰县人民政府" /><div class="search"><input type="text" /><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li>
<li><a href="#">互动交流</a></li><li><a href="#">走进青峰</a></li></ul></div>
<div class="main">
 <div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">财政预决算</a></div>
 <div class="left-menu"><ul><li><a href="#">部门预算</a></li><li><a href="#">部门决算</a></li><li><a href="#">绩效评价</a></li></ul></div>
 <div class="xxgk-info"><table class="xxgk_table">
  <tr><td>索引号：</td><td>114200000000000000/2024-00317</td><td>发布机构：</td><td>青峰县财政局</td></tr>
  <tr><td>主题分类：</td><td>财政预决算</td><td>成文日期：</td><td>2024年04月28日</td></tr>
  <tr><td>文　　号：</td><td></td><td>发布日期：</td><td>2024-04-30</td></tr>
 </table></div>
 <div class="article">
  <h1 class="art-title">{title}</h1>
  <div class="info">发布时间：2024-04-30 10:21　来源：青峰县财政局　浏览次数：<span id="hits">1024</span>
   <a href="javascript:window.print()">【打印】</a> <a href="#">【关闭】</a></div>
  <div id="zoom" class="TRS_Editor">
{body}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
 </div>
 <div class="related"><h3>相关链接</h3><ul><li><a href="#">2023年度部门整体支出绩效自评报告</a></li>
 <li><a href="#">关于开展2023年度绩效自评工作的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：青峰县人民政府办公室　承办：青峰县大数据中心</p>
<p>版权所有：青峰县人民政府　网站标识码：4200000000　鄂ICP备00000000号</p></div>
<script>document.getElementById("hits").innerHTML = "1025";</script>
</body></html>
"""


def build_portal(html_path: Path, dst: Path, title: str) -> None:
    """Wrap LibreOffice's HTML body in portal chrome, saved as GB2312/GB18030."""
    import lxml.html

    text = html_path.read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(text)
    body = root.find(".//body")
    inner = (body.text or "") + "".join(lxml.html.tostring(ch, encoding="unicode") for ch in body)
    page = PORTAL.format(title=title, body=inner)
    dst.write_bytes(page.encode("gb18030"))


# --------------------------------------------------------------------------- variants for PDF

def with_furniture(src: Path, dst: Path) -> None:
    """A copy with a running header and a page-number footer (PAGE field)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document(str(src))
    for sec in d.sections:
        sec.header.is_linked_to_previous = False
        sec.header.paragraphs[0].text = "岳阳市君山区人民政府办公室　2024年度部门整体支出绩效自评报告"
        p = sec.footer.paragraphs[0]
        p.text = "— "
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        p.add_run(" —")
    d.save(str(dst))


def without_borders(src: Path, dst: Path) -> None:
    """A copy whose tables have no borders at all."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document(str(src))
    body = d.element.body
    for tbl in body.iter(qn("w:tbl")):
        tblpr = tbl.find(qn("w:tblPr"))
        for el in list(tblpr):
            if el.tag in (qn("w:tblStyle"), qn("w:tblBorders")):
                tblpr.remove(el)
        tblpr.append(parse_xml(
            f'<w:tblBorders {nsdecls("w")}>' + "".join(
                f'<w:{k} w:val="nil"/>' for k in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"))
        for tcb in list(tbl.iter(qn("w:tcBorders"))):
            tcb.getparent().remove(tcb)
    d.save(str(dst))


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="build only this source name")
    args = ap.parse_args()
    sources = sorted(p for d in SOURCES for p in d.glob("*.docx") if not p.name.startswith(("~$", ".")))
    if args.only:
        sources = [p for p in sources if p.stem == args.only]
    if not sources:
        sys.exit("build_formats: no .docx sources in corpora/docx or corpora/fixtures")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="narrcheck-src-") as tmp:
        # copies, so that LibreOffice never touches (or locks) the sources
        copies = []
        for p in sources:
            q = Path(tmp) / p.name
            shutil.copyfile(p, q)
            copies.append(q)
        for target in ("pdf", "html", "doc"):
            soffice_convert(copies, target, OUT)
            print(f"{target}: {len(copies)} files")
        variants = []
        for p in sources:
            if p.stem == FURNITURE_FROM:
                variants.append(Path(tmp) / f"footer_{p.stem}.docx")
                with_furniture(p, variants[-1])
            if p.stem == NOBORDER_FROM:
                variants.append(Path(tmp) / f"noborder_{p.stem}.docx")
                without_borders(p, variants[-1])
        if variants:
            soffice_convert(variants, "pdf", OUT)
            print(f"pdf variants: {', '.join(v.stem for v in variants)}")
        odt = [q for q in copies if q.stem == ODT_FROM]
        if odt:
            soffice_convert(odt, "odt", OUT)
            print(f"odt: {ODT_FROM}")
    from narrcheck.read.docx import read_docx
    from narrcheck.understand.meta import extract_meta

    for p in sources:
        n = build_xlsx(p, OUT / f"{p.stem}.xlsx")
        print(f"xlsx: {p.stem} ({n} sheets)")
        if p.stem in PORTALS:
            title = extract_meta(read_docx(str(p))).title or p.stem
            build_portal(OUT / f"{p.stem}.html", OUT / f"portal_{p.stem}.html", title)
            print(f"portal html: {p.stem}")
    if any(p.stem == XLS_FROM for p in sources):
        with tempfile.TemporaryDirectory(prefix="narrcheck-xls-") as tmp:
            src = Path(tmp) / f"{XLS_FROM}.xlsx"
            shutil.copyfile(OUT / f"{XLS_FROM}.xlsx", src)
            soffice_convert([src], 'xls:MS Excel 97', OUT)
        print(f"xls: {XLS_FROM}")


if __name__ == "__main__":
    main()
