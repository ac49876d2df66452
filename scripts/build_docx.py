#!/usr/bin/env python
"""Rebuild the .docx corpora from plain-text sources, deterministically.

* ``corpora/docx/<seed>.docx`` from every ``corpora/seeds/<seed>.txt``: the
  paragraphs and tables that ``narrcheck.read.text.parse_text`` reads, written
  as real Word structure.  Every real cell of the text version keeps its text
  exactly (multi-line text becomes several paragraphs in the cell); colspans
  of the text reader become ``w:gridSpan``; label columns of indicator blocks
  (一级指标 / 二级指标 and the leftmost 绩效指标 column) are merged vertically
  over the empty cells below them (``w:vMerge``).  Two seeds get deliberate
  layout variants, recorded in ``TWO_ROW_HEADER`` and ``SPLIT_TABLE``.
* ``corpora/fixtures/*`` (provincial-variant fixtures, their text exports and
  MANIFEST.md) through ``scripts/build_fixtures.py``, which reuses the writer
  below.

Determinism: fixed core properties, and the zip is rewritten with fixed
member timestamps, so two runs give byte-identical files.

Usage::

    .venv/bin/python scripts/build_docx.py [--out DIR] [--no-fixtures]

``--out DIR`` writes ``DIR/docx`` and ``DIR/fixtures`` instead of ``corpora/``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402  (python-docx)
from docx.enum.table import WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402
from docx.table import _Cell  # noqa: E402

from narrcheck.model import Cell, Paragraph, Table  # noqa: E402
from narrcheck.read.text import parse_text  # noqa: E402

SEEDS_DIR = ROOT / "corpora" / "seeds"

# Seed whose indicator header is written as a TWO-ROW header:
# seed name -> index of the table in the TEXT version (Document.tables).
# Top row: 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 (2 cols) | 分值 | 自评得分 |
# 偏差原因分析及改进措施, each merged vertically over both rows except 指标值;
# bottom row: 年度指标值 | 实际完成值 (texts as in the text version).
# The only new text is the added cell "指标值".
TWO_ROW_HEADER: dict[str, int] = {"002_5069244cfe29a9a5": 2}   # 2023年度项目支出绩效自评表

# Seed whose form is SPLIT across two w:tbl elements (as across a page break):
# seed -> {"table": index of the table in the TEXT version,
#          "at_row": first row (of the text table) that goes into the 2nd w:tbl,
#          "repeat_header_row": row of the text table repeated as the 2nd table's
#          first row (marked w:tblHeader in both tables), or None}.
# Only an empty paragraph separates the two tables.
SPLIT_TABLE: dict[str, dict] = {
    # 2024年度部门整体支出绩效自评表: split before the 时效指标 row
    "004_0c4b3fbed2722708": {"table": 1, "at_row": 20, "repeat_header_row": 11},
}

FIXED_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

EAST_ASIA_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


# ---------------------------------------------------------------------------
# Grid model (what gets written)
# ---------------------------------------------------------------------------

@dataclass
class GCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class GTable:
    nrows: int
    ncols: int
    cells: list[GCell]
    header_rows: tuple[int, ...] = ()     # rows marked w:tblHeader
    widths: list[float] | None = None      # relative column widths
    font_size: float = 10.5

    def starting_in(self, r: int) -> list[GCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------------------
# Seeds: text table -> grid with merges
# ---------------------------------------------------------------------------

HEADER_KEYS = {"一级指标", "三级指标", "评价内容"}
VALUE_KEYS = {"三级指标", "绩效目标", "年度指标值", "指标值", "评分标准"}
END_PREFIXES = ("总分", "合计", "总计", "绩效自评综合得分", "自评总分")


def indicator_blocks(rows: list[list[Cell]]) -> list[tuple[int, int, int]]:
    """(header_row, end_row_exclusive, value_col) of each indicator block.

    A block starts at a header row (one holding 一级指标/三级指标/评价内容) and
    ends before the next header row or the total row (总分/合计 …).  Columns
    left of ``value_col`` (the 三级指标 or 指标值 column) are label columns.
    """
    headers = [r for r, row in enumerate(rows) if any(_norm(c.text) in HEADER_KEYS for c in row)]
    out = []
    for i, h in enumerate(headers):
        vcols = [c.col for c in rows[h] if _norm(c.text) in VALUE_KEYS]
        if not vcols:
            continue
        end = headers[i + 1] if i + 1 < len(headers) else len(rows)
        for r in range(h + 1, end):
            if rows[r] and _norm(rows[r][0].text).startswith(END_PREFIXES):
                end = r
                break
        out.append((h, end, min(vcols)))
    return out


def vertical_merges(rows: list[list[Cell]]) -> dict[tuple[int, int], list[int]]:
    """Label cells to merge down: (row, col) of the label -> continuation rows.

    A label (non-blank text) in a label column is merged over the cells right
    below it that start in the same column, have the same colspan and whose
    text is exactly empty (a whitespace-only cell is content and is kept).
    """
    merges: dict[tuple[int, int], list[int]] = {}
    for h, end, vcol in indicator_blocks(rows):
        for col in range(vcol):
            open_cell: Cell | None = None
            for r in range(h, end):
                cell = next((c for c in rows[r] if c.col == col), None)
                if cell is None:
                    open_cell = None
                elif cell.text == "" and open_cell is not None and cell.colspan == open_cell.colspan:
                    merges.setdefault((open_cell.row, open_cell.col), []).append(r)
                elif cell.text.strip():
                    open_cell = cell
                else:
                    open_cell = None
    return merges


def _reindex(rows: list[list[Cell]]) -> list[list[Cell]]:
    return [[replace(c, row=i, tables=[]) for c in row] for i, row in enumerate(rows)]


def grid_from_text_rows(rows: list[list[Cell]], ncols: int) -> GTable:
    rows = _reindex(rows)
    merges = vertical_merges(rows)
    dropped = {(r, col) for (r0, col), conts in merges.items() for r in conts}
    cells = []
    for row in rows:
        for c in row:
            if (c.row, c.col) in dropped:
                continue
            span = 1 + len(merges.get((c.row, c.col), []))
            cells.append(GCell(c.row, c.col, c.text, span, c.colspan))
    return GTable(nrows=len(rows), ncols=ncols, cells=cells)


def make_two_row_header(g: GTable) -> GTable:
    """Turn the single indicator header row into a two-row header."""
    h = next(c.row for c in g.cells if _norm(c.text) == "三级指标")
    head = g.starting_in(h)
    a = next(c for c in head if "指标值" in _norm(c.text))
    b = next(c for c in head if c.col == a.col + a.colspan and "完成值" in _norm(c.text))
    cells = []
    for c in g.cells:
        if c.row > h:
            cells.append(replace(c, row=c.row + 1))
        elif c.row == h and c in (a, b):
            cells.append(replace(c, row=h + 1))
        elif c.row == h:
            cells.append(replace(c, rowspan=c.rowspan + 1))
        elif c.row + c.rowspan - 1 >= h:
            cells.append(replace(c, rowspan=c.rowspan + 1))
        else:
            cells.append(c)
    cells.append(GCell(h, a.col, "指标值", 1, a.colspan + b.colspan))
    cells.sort(key=lambda c: (c.row, c.col))
    return GTable(nrows=g.nrows + 1, ncols=g.ncols, cells=cells, header_rows=(h, h + 1))


def seed_blocks(name: str, doc) -> list:
    """Blocks to write for one seed: ("p", text) and ("t", GTable)."""
    split = SPLIT_TABLE.get(name)
    two_row = TWO_ROW_HEADER.get(name)
    out: list = []
    n = -1
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.append(("p", b.text))
            continue
        assert isinstance(b, Table)
        n += 1
        if split and split["table"] == n:
            at, hr = split["at_row"], split["repeat_header_row"]
            first = grid_from_text_rows(b.rows[:at], b.ncols)
            rest = ([b.rows[hr]] if hr is not None else []) + b.rows[at:]
            second = grid_from_text_rows(rest, b.ncols)
            if hr is not None:
                first.header_rows = (hr,)
                second.header_rows = (0,)
            out.append(("t", first))
            out.append(("p", ""))
            out.append(("t", second))
            continue
        g = grid_from_text_rows(b.rows, b.ncols)
        if two_row == n:
            g = make_two_row_header(g)
        out.append(("t", g))
    return out


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def _set_run_fonts(rpr_parent, east_asia: str = EAST_ASIA_FONT, latin: str = LATIN_FONT) -> None:
    """Set w:rFonts (ascii/hAnsi/eastAsia) on a run or style element."""
    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for att in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(att)) is not None:
            del rfonts.attrib[qn(att)]
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def new_document(title: str = "", author: str = "narrcheck corpora"):
    d = docx.Document()
    # defaults: SimSun for East Asian text everywhere
    styles_el = d.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if rpr_default is not None:
        rfonts = rpr_default.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr_default.insert(0, rfonts)
        for att in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if rfonts.get(qn(att)) is not None:
                del rfonts.attrib[qn(att)]
        rfonts.set(qn("w:ascii"), LATIN_FONT)
        rfonts.set(qn("w:hAnsi"), LATIN_FONT)
        rfonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
        rfonts.set(qn("w:cs"), LATIN_FONT)
    normal = d.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(12)
    _set_run_fonts(normal.element)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.25
    try:
        tg = d.styles["Table Grid"]
        _set_run_fonts(tg.element)
    except KeyError:  # pragma: no cover
        pass
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(2.54), Cm(2.54)
    cp = d.core_properties
    cp.author = author
    cp.last_modified_by = author
    cp.title = title
    cp.subject = ""
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    return d


_HEAD_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+、\s)")


def paragraph_kind(text: str, index: int) -> str:
    t = text.strip()
    if not t:
        return "body"
    if len(t) <= 45 and (
        t.endswith(("自评报告", "评价报告", "自评表", "基础数据表", "评分表"))
        or (index < 3 and ("年度" in t or "报告" in t))
    ):
        return "title"
    if len(t) <= 40 and _HEAD_RE.match(t):
        return "h1" if re.match(r"^\s*[一二三四五六七八九十]+、", t) else "h2"
    if re.match(r"^附件", t) and len(t) <= 40:
        return "note"
    return "body"


def add_paragraph(d, text: str, kind: str = "body"):
    p = d.add_paragraph()
    if text:
        run = p.add_run(text)
        if kind == "title":
            run.bold = True
            run.font.size = Pt(16)
            _set_run_fonts(run._r, HEADING_FONT)
        elif kind == "h1":
            run.bold = True
            _set_run_fonts(run._r, HEADING_FONT)
        elif kind == "h2":
            run.bold = True
            _set_run_fonts(run._r, EAST_ASIA_FONT)
        else:
            _set_run_fonts(run._r)
    pf = p.paragraph_format
    if kind == "title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.space_before = Pt(6)
        pf.space_after = Pt(6)
    elif kind == "body":
        pf.first_line_indent = Pt(24)
    return p


def _mark_header_row(tr) -> None:
    trpr = tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def add_table(d, g: GTable):
    """Write a GTable: widths first, then merges (python-docx cell.merge), then text."""
    t = d.add_table(rows=g.nrows, cols=g.ncols)
    t.style = d.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    sec = d.sections[0]
    total = sec.page_width - sec.left_margin - sec.right_margin
    rel = g.widths or [1.0] * g.ncols
    s = float(sum(rel))
    widths = [int(total * w / s) for w in rel]
    for i, col in enumerate(t.columns):
        col.width = widths[i]
    for row in t.rows:
        for i, c in enumerate(row.cells):
            c.width = widths[i]
    # Fetch every w:tc once, before merging (Table.cell() rescans the whole
    # table on each call).  Merge regions are disjoint, and a merge keeps the
    # top-left w:tc of its region, so these handles stay valid.
    grid = [[_Cell(tc, t) for tc in tr.tc_lst] for tr in t._tbl.tr_lst]
    for c in g.cells:
        if c.rowspan > 1 or c.colspan > 1:
            grid[c.row][c.col].merge(grid[c.row + c.rowspan - 1][c.col + c.colspan - 1])
    for c in g.cells:
        cell = grid[c.row][c.col]
        lines = c.text.split("\n")
        # Readers drop trailing whitespace-only paragraphs of a cell (Word always
        # ends a cell with a paragraph), so a trailing whitespace-only line such
        # as "\u3000" is written as a line break inside the previous paragraph.
        tail: list[str] = []
        while len(lines) > 1 and lines[-1] and not lines[-1].strip():
            tail.insert(0, lines.pop())
        p0 = cell.paragraphs[0]
        for k, line in enumerate(lines):
            p = p0 if k == 0 else cell.add_paragraph()
            if line:
                run = p.add_run(line)
                run.font.size = Pt(g.font_size)
                _set_run_fonts(run._r)
            if k == len(lines) - 1:
                for extra in tail:
                    run = p.add_run()
                    run.add_break()
                    run.add_text(extra)
                    run.font.size = Pt(g.font_size)
                    _set_run_fonts(run._r)
    for r in g.header_rows:
        _mark_header_row(t.rows[r]._tr)
    return t


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps/attributes (deterministic)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def save(d, path: Path) -> None:
    buf = io.BytesIO()
    d.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(normalize_zip(buf.getvalue()))


def write_blocks(blocks: list, path: Path, title: str = "") -> None:
    d = new_document(title=title)
    # python-docx's template starts with an empty body; write blocks in order
    pi = 0
    for kind, payload in blocks:
        if kind == "t":
            add_table(d, payload)
        else:
            text = payload
            style = None
            if isinstance(payload, tuple):
                style, text = payload
            add_paragraph(d, text, style or paragraph_kind(text, pi))
            pi += 1
    save(d, path)


# ---------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------

def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))


def build_seed(name: str, out_dir: Path) -> Path:
    text = (SEEDS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    doc = parse_text(text, path=name)
    blocks = seed_blocks(name, doc)
    title = next((b.text.strip() for b in doc.paragraphs if b.text.strip()), name)
    path = out_dir / f"{name}.docx"
    write_blocks(blocks, path, title=title)
    return path


def build_seeds(out_dir: Path) -> list[Path]:
    return [build_seed(n, out_dir) for n in seed_names()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "corpora",
                    help="root to write docx/ and fixtures/ into (default: corpora/)")
    ap.add_argument("--no-fixtures", action="store_true", help="only rebuild the seed .docx files")
    args = ap.parse_args(argv)
    paths = build_seeds(args.out / "docx")
    for p in paths:
        print(p)
    if not args.no_fixtures:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import build_fixtures

        for p in build_fixtures.build_all(args.out / "fixtures"):
            print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
