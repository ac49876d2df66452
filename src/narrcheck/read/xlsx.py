"""Reader for Excel workbooks: .xlsx through openpyxl, .xls through xlrd.

Each visible sheet becomes, in order: its leading title lines (rows with a
single filled cell above the form, e.g. "2024年度项目支出绩效自评表" merged
across the sheet) as paragraphs, then one table holding the rest of the used
range.  Merged ranges become cell spans; only the top-left cell of a range
holds the value, as in Excel.  Values are shown as Excel shows them: numbers
through their number format (0.9849 with ``0.00%`` → ``98.49%``; ``#,##0.00``
→ ``5,820.00``), dates as ``2024年12月31日`` or ``2024-12-31`` after their
format, cached results for formulas.

A workbook in which no form header is recognised raises NoForm: a workbook is
only useful to narrcheck as a 自评表.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import errors
from ..model import Cell, Document, Paragraph, Table, number_blocks

_DEFAULT_SHEET = re.compile(r"^(sheet|工作表|表)\s*\d*$", re.I)


@dataclass
class Sheet:
    name: str
    hidden: bool
    values: dict[tuple[int, int], tuple[object, str]] = field(default_factory=dict)   # (r, c) 0-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)            # r0, c0, r1, c1 inclusive
    formulas_without_value: int = 0


# --------------------------------------------------------------------------- value formatting

def _decimals(fmt: str) -> int:
    m = re.search(r"0\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def _strip_quotes(fmt: str) -> str:
    # first section only; drop colour/condition brackets and quoted literals' quotes
    sec = fmt.split(";")[0]
    return re.sub(r"\[[^\]]*\]", "", sec)


def format_value(v, fmt: str = "General") -> str:
    """Text of a cell value as Excel would display it (common formats)."""
    if v is None:
        return ""
    fmt = fmt or "General"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (dt.datetime, dt.date)):
        return _format_date(v, fmt)
    if isinstance(v, dt.time):
        return v.strftime("%H:%M") if not v.second else v.strftime("%H:%M:%S")
    if isinstance(v, (int, float)):
        f = _strip_quotes(fmt)
        if "%" in f:
            d = _decimals(f)
            return f"{v * 100:.{d}f}%"
        if re.search(r"[0#]", f) and f.lower() != "general":
            d = _decimals(f)
            text = f"{v:,.{d}f}" if "," in f else f"{v:.{d}f}"
            lit = re.findall(r'"([^"]*)"', fmt.split(";")[0])
            return text + "".join(lit)
        if isinstance(v, int) or float(v).is_integer():
            return str(int(v))
        text = format(v, ".15g")
        if "e" in text:
            text = format(v, "f").rstrip("0").rstrip(".")
        return text
    return str(v)


def _format_date(v, fmt: str) -> str:
    f = fmt.lower()
    d = v.date() if isinstance(v, dt.datetime) else v
    has_time = isinstance(v, dt.datetime) and (v.hour or v.minute or v.second) and ("h" in f or "s" in f)
    if "年" in fmt or "月" in fmt or "日" in fmt:
        out = ""
        if "y" in f:
            out += f"{d.year}年"
        if "m" in f or "月" in fmt:
            out += f"{d.month}月"
        if "d" in f or "日" in fmt:
            out += f"{d.day}日"
        return out or f"{d.year}年{d.month}月{d.day}日"
    sep = "/" if "/" in f else "-"
    if "mm" in f or "dd" in f or sep == "-":
        text = f"{d.year}{sep}{d.month:02d}{sep}{d.day:02d}"
    else:
        text = f"{d.year}{sep}{d.month}{sep}{d.day}"
    if has_time:
        text += " " + v.strftime("%H:%M")
    return text


# --------------------------------------------------------------------------- loading

def load_xlsx(path: str) -> list[Sheet]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise errors.CorruptXlsx(path, type(exc).__name__) from exc
    except Exception as exc:  # lxml / openpyxl internals on broken parts
        raise errors.CorruptXlsx(path, type(exc).__name__) from exc
    sheets = []
    formulas_wb = None
    for ws in wb.worksheets:
        sh = Sheet(name=ws.title, hidden=ws.sheet_state != "visible")
        for (r, c), cell in ws._cells.items():   # only cells that exist in the file
            v = cell.value
            if v is None or (isinstance(v, str) and v == ""):
                continue
            sh.values[(r - 1, c - 1)] = (v, cell.number_format or "General")
        for rng in ws.merged_cells.ranges:
            sh.merged.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
        sheets.append(sh)
    # formulas whose cached value is missing (a workbook written by a program, never opened in Excel)
    try:
        formulas_wb = openpyxl.load_workbook(path, data_only=False, read_only=True)
        for sh, ws in zip(sheets, formulas_wb.worksheets):
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", "") == "f" and (cell.row - 1, cell.column - 1) not in sh.values:
                        sh.formulas_without_value += 1
    except Exception:  # noqa: BLE001 - only a diagnostic
        pass
    finally:
        if formulas_wb is not None:
            formulas_wb.close()
    return sheets


def load_xls(path: str) -> list[Sheet]:
    try:
        import xlrd
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise errors.Unsupported(path, "读取 .xls 需要 xlrd：pip install xlrd，或在 Excel/WPS 中另存为 .xlsx") from exc
    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=False)
    except xlrd.biffh.XLRDError as exc:
        text = str(exc)
        if "encrypt" in text.lower() or "password" in text.lower():
            raise errors.Encrypted(path) from exc
        raise errors.CorruptXlsx(path, text[:60]) from exc
    except Exception as exc:  # noqa: BLE001
        raise errors.CorruptXlsx(path, type(exc).__name__) from exc
    sheets = []
    for sh_x in book.sheets():
        sh = Sheet(name=sh_x.name, hidden=bool(getattr(sh_x, "visibility", 0)))
        for r in range(sh_x.nrows):
            for c in range(sh_x.ncols):
                cell = sh_x.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                fmt = "General"
                try:
                    xf = book.xf_list[cell.xf_index]
                    fmt = book.format_map[xf.format_key].format_str or "General"
                except (IndexError, KeyError, TypeError):
                    pass
                v = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        v = xlrd.xldate_as_datetime(v, book.datemode)
                    except Exception:  # noqa: BLE001
                        pass
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    v = bool(v)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    v = xlrd.error_text_from_code.get(v, "#ERR")
                if isinstance(v, str) and v == "":
                    continue
                sh.values[(r, c)] = (v, fmt)
        for (r0, r1, c0, c1) in sh_x.merged_cells:
            sh.merged.append((r0, c0, r1 - 1, c1 - 1))
        sheets.append(sh)
    return sheets


# --------------------------------------------------------------------------- sheet → blocks

def sheet_blocks(sh: Sheet) -> list:
    if not sh.values:
        return []
    anchors = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in sh.merged}
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in anchors.items():
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    rows_used = {r for r, _ in sh.values}
    cols_used = {c for _, c in sh.values}
    r_min, r_max = min(rows_used), max(rows_used)
    c_min, c_max = min(cols_used), max(cols_used)
    # merged ranges anchored at filled cells widen the used range
    for (r0, c0), (r1, c1) in anchors.items():
        if (r0, c0) in sh.values:
            r_max, c_max = max(r_max, r1), max(c_max, c1)

    def text(r, c):
        v = sh.values.get((r, c))
        return format_value(*v).strip("\r") if v else ""

    def filled(r):
        return [c for c in range(c_min, c_max + 1) if (r, c) not in covered and text(r, c).strip()]

    blocks: list = []
    r = r_min
    # leading title lines: one filled cell per row
    while r <= r_max and len(filled(r)) <= 1:
        cs = filled(r)
        if cs:
            blocks.append(Paragraph(text=text(r, cs[0]).strip()))
        r += 1
    if r > r_max:
        return blocks
    start = r
    rows: list[list[Cell]] = []
    for rr in range(start, r_max + 1):
        row = []
        for c in range(c_min, c_max + 1):
            if (rr, c) in covered:
                continue
            r1, c1 = anchors.get((rr, c), (rr, c))
            row.append(Cell(row=rr - start, col=c - c_min, text=text(rr, c),
                            rowspan=min(r1, r_max) - rr + 1, colspan=min(c1, c_max) - c + 1))
        rows.append(row)
    # trailing rows with nothing in them
    while rows and not any(c.text.strip() for c in rows[-1]) and not any(
            c.row + c.rowspan - 1 >= len(rows) - 1 and c.text.strip() for row in rows for c in row):
        rows.pop()
    for row in rows:
        for c in row:
            c.rowspan = min(c.rowspan, len(rows) - c.row)
    blocks.append(Table(rows=rows, ncols=c_max - c_min + 1))
    return blocks


def workbook_document(path: str, sheets: list[Sheet], reader: str) -> Document:
    blocks: list = []
    notes: list[str] = []
    for sh in sheets:
        if sh.hidden:
            if sh.values:
                notes.append(f"{reader}: hidden sheet {sh.name!r} not read")
            continue
        bl = sheet_blocks(sh)
        if not bl:
            continue
        if not isinstance(bl[0], Paragraph) and not _DEFAULT_SHEET.match(sh.name.strip()):
            bl.insert(0, Paragraph(text=sh.name.strip(), style="sheet"))
        if sh.formulas_without_value:
            notes.append(f"{reader}: sheet {sh.name!r}: {sh.formulas_without_value} formulas without a cached "
                         "value read as empty (save the workbook in Excel/WPS to compute them)")
        blocks.extend(bl)
    number_blocks(blocks)
    return Document(path=path, blocks=blocks, reader=reader, notes=notes)


FORM_KINDS = {"indicator", "score_sheet", "funds", "goal", "base", "staff", "staff_table"}


def require_form(doc: Document) -> Document:
    """Raise NoForm unless the forms parser recognises at least one form."""
    from ..understand.forms import parse_forms

    if not doc.tables:
        raise errors.NoForm(doc.path, "工作簿为空" if not doc.blocks else "没有表格")
    forms = parse_forms(doc)
    if not any(f.kind in FORM_KINDS for f in forms):
        raise errors.NoForm(doc.path)
    return doc


def read_xlsx(path: str) -> Document:
    return require_form(workbook_document(path, load_xlsx(path), "xlsx"))


def read_xls(path: str) -> Document:
    return require_form(workbook_document(path, load_xls(path), "xls"))
