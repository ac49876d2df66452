"""PDF tables without ruling lines, read from the positions of their words (read/pdfcols.py, issue 14).

The fixtures are LibreOffice PDFs of borderless Word tables (tests/fixtures/layouts/pdf_unruled);
the whole-layout parity is in test_layout_parity.py, these tests name the geometry cases."""
from __future__ import annotations

from pathlib import Path

from narrcheck.api import load_report
from narrcheck.model import Table
from narrcheck.read.pdf import read_pdf
from narrcheck.read.pdfcols import VLine, _row_gap

LAY = Path(__file__).resolve().parent / "fixtures" / "layouts"


def _rows(path):
    doc = read_pdf(str(path))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    return doc, tables, [[c.text for c in row] for t in tables for row in t.rows]


def test_borderless_form_becomes_a_grid_with_wrapped_cells_and_merged_labels():
    doc, tables, rows = _rows(LAY / "pdf_unruled" / "nat_2023_gonglu.pdf")
    assert tables and all(t.read_mode == "positions" for t in tables)
    assert any("without ruling lines" in n for n in doc.notes)
    row = next(r for r in rows if "农村公路日常养护里程" in r)      # 农村公路日常养 / 护里程: one cell
    assert row[-6:] == ["农村公路日常养护里程", "≥120公里", "127公里", "10", "10", ""]
    t = tables[0]
    cells = {c.text: c for c in t.cells()}
    assert cells["项目资金（万元）"].rowspan == 4           # 项目资金（万 / 元）: wrapped, merged over the funds rows
    assert cells["数量指标"].rowspan == 2                          # 数量指标 over 日常养护里程 and 危桥改造
    rep = load_report(str(LAY / "pdf_unruled" / "nat_2023_gonglu.pdf"))
    form = next(f for f in rep.forms if f.kind == "indicator")
    assert form.read_mode == "positions" and not form.uncertain
    assert [r.name for r in form.indicators][:2] == ["农村公路日常养护里程", "危桥改造"]


def test_row_cut_by_the_page_break_is_one_row():
    _, _, rows = _rows(LAY / "pdf_unruled" / "ah_2022_shuili.pdf")
    names = [x for r in rows for x in r]
    assert "水质达标率" in names and "水质达" not in names and "标率" not in names


def test_cell_line_at_the_same_height_on_two_pages_is_not_a_running_header():
    """修订完善内控制 / 度: the 度 stands at the top of page 2 and of page 3 at the same height."""
    rep = load_report(str(LAY / "pdf_unruled" / "cq_2024_wenhua_dept.pdf"))
    names = [r.name for f in rep.forms for r in f.indicators]
    assert "修订完善内控制度" in names and "修订完善内控制" not in names


def test_note_in_body_font_between_two_parts_stays_a_paragraph():
    doc, tables, rows = _rows(LAY / "pdf_unruled" / "nm_2023_linye_dept.pdf")
    assert not any("注：火灾受害率按千分比计。" in x for r in rows for x in r)
    assert any(getattr(b, "text", "") == "注：火灾受害率按千分比计。" for b in doc.blocks)
    assert ["", "时效指标", "火情响应时间"] == rows[[r[2] if len(r) > 2 else "" for r in rows].index("火情响应时间")][:3]


def test_rows_packed_at_the_line_pitch_are_refused():
    """No row spacing: a wrapped line and the next row look the same, so no grid is guessed."""
    lines = [VLine(0, 100 + 15 * k, 109 + 15 * k, 9.0, [], []) for k in range(6)]
    assert _row_gap(lines) is None
    spaced = [VLine(0, y, y + 9, 9.0, [], []) for y in (100, 115, 140, 165, 180, 205)]
    assert 15 < _row_gap(spaced) < 25
    single = [VLine(0, 100 + 25 * k, 109 + 25 * k, 9.0, [], []) for k in range(4)]
    assert _row_gap(single) < 25                                   # no wrapped line: every line a row
