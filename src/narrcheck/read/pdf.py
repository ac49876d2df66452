"""Reader for PDFs with a text layer, built on pdfplumber (pdfminer.six).

* Tables are found from ruling lines (pdfplumber's "lines" strategy) and
  turned into grids: the distinct x/y edges of the cells are the grid lines,
  so a cell covering several of them gets a colspan/rowspan, as in .docx.
  Tables drawn without ruling lines are read as text (an exception named in
  the parity test).
* Lines are rebuilt from characters; a line break is a *wrap* (joined without
  a space in Chinese) when the next line's first character would not have fit
  on the line, else a real break.  Blank space the height of an empty line
  becomes an empty line, as in Word.
* Page headers, footers and page numbers are dropped: lines in the top/bottom
  band that repeat on other pages (digits ignored) or look like page numbers.
* A table cut by a page break is joined to its continuation (same column
  edges); repeated header rows are dropped, a row split over the break is
  rejoined, and a merged label cell continuing on the next page is extended.
* A PDF without text (a scan) raises ScannedPdf: OCR is not supported.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .. import errors
from .pdfcols import position_tables
from .webclean import clean_document
from ..model import Cell, Document, Paragraph, Table, number_blocks

_ASCII_WORD = re.compile(r"[A-Za-z]")
_PAGE_NO = re.compile(r"^\s*(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|"
                      r"\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?|[-—–]?\s*[ivxlc]{1,6}\s*[-—–]?)\s*$",
                      re.I)
_NUMERIC = re.compile(r"^\s*[-+]?\d[\d,.]*\s*[%％]?\s*$")
_SENTENCE_END = "。！？!?；;：:"
_LIST_START = re.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[①-⑳]|第[一二三四五六七八九十\d]+[章节条部分])")
SNAP = 1.5       # points: cell edges closer than this are the same grid line


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_w: float      # width of the first character (for wrap detection)
    chars: list = field(default_factory=list, repr=False)


def _lines_from_chars(chars: list) -> list[Line]:
    """Group characters into lines (top to bottom, left to right)."""
    chars = [c for c in chars if c.get("upright", True) and c["text"] not in ("\n", "\r", "")]
    chars.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
    groups: list[list] = []
    for c in chars:
        mid = (c["top"] + c["bottom"]) / 2
        placed = False
        for g in reversed(groups[-3:]):
            gt = min(x["top"] for x in g)
            gb = max(x["bottom"] for x in g)
            if gt - 0.5 <= mid <= gb + 0.5:
                g.append(c)
                placed = True
                break
        if not placed:
            groups.append([c])
    lines = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        out: list[str] = []
        prev = None
        for c in g:
            t = c["text"]
            if t.isspace():
                if out:
                    out.append(" ")
                continue
            if prev is not None and out and not out[-1].isspace():
                gap = c["x0"] - prev["x1"]
                size = max(prev["size"], 1)
                # a space the PDF does not draw: a wide gap, or a narrow one between Latin words/numbers
                if gap > 0.9 * size or (gap > 0.2 * size and (
                        _ASCII_WORD.match(t) or _ASCII_WORD.match(prev["text"])
                        or (prev["text"].isdigit() and t.isdigit()))):
                    out.append(" ")
            out.append(t)
            prev = c
        vis = [c for c in g if not c["text"].isspace()]
        if not vis:
            continue
        text = "".join(out).strip()
        lines.append(Line(text=text, x0=vis[0]["x0"], x1=vis[-1]["x1"],
                          top=min(c["top"] for c in vis), bottom=max(c["bottom"] for c in vis),
                          size=statistics.median(c["size"] for c in vis), first_w=vis[0]["x1"] - vis[0]["x0"],
                          chars=vis))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _join(a: str, b: str) -> str:
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return a + " " + b
    return a + b


# characters that may not start a line (kinsoku) travel with the character
# before them; opening brackets travel with the character after them; digits
# and Latin letters form one unit, also after closing punctuation (，2021).
_NO_START = "、。，．,.；;：:！!？?）)】」』》〉’”%％‰…—～·/／"
_NO_END = "（(【「『《〈‘“"
_QUOTES = "“”‘’\"'"          # ICU class QU: no break on either side
_WORD = re.compile(r"[A-Za-z0-9.,%‰°℃+\-/:]")


def _unit_len(text: str) -> int:
    """Length of the unbreakable unit a line starts with (ICU-like): opening
    punctuation with the character after it, a number or Latin word, closing
    punctuation after it, quotes glued on both sides."""
    n, i = len(text), 0

    def core(i):
        while i < n and text[i] in _NO_END:
            i += 1
        while i < n and text[i] in _NO_START:
            i += 1
        if i < n and _WORD.match(text[i]):
            while i < n and _WORD.match(text[i]):
                i += 1
        elif i < n:
            i += 1
        return i

    i = core(i)
    while i < n:
        j = i
        while j < n and text[j] in _NO_START:
            j += 1
        if j < n and (text[j] in _QUOTES or text[j] in _NO_END or text[j - 1] in _QUOTES):
            i = core(j)
            continue
        i = j
        break
    return max(i, 1)


def _first_unit_width(nxt: Line, after: Line | None = None) -> float:
    """Width of the unbreakable unit the next line starts with (the unit may
    run on into the line after it when ``nxt`` is that short)."""
    chars = nxt.chars + (after.chars if after is not None else [])
    text = "".join(c["text"] for c in chars)
    n = _unit_len(text)
    return sum(c["x1"] - c["x0"] for c in chars[:n])


def _is_wrap(prev: Line, nxt: Line, left: float, right: float, size: float, cell: bool,
             after: Line | None = None) -> bool:
    """The next line's first unit would not have fit after ``prev`` (leading
    full-width spaces and centring only move the line's start, so its right
    end is what counts).  A line starting with closing punctuation was broken
    in an emergency (a unit wider than the column): a wrap too."""
    if nxt.text[:1] in _NO_START and nxt.text[:1] not in "/／":
        return True
    first = _first_unit_width(nxt, after)
    return prev.x1 + first > right - 0.35 * size


def _flow(lines: list[Line], left: float, right: float, cell: bool) -> list[str]:
    """Join lines into paragraphs (list of texts).  In a cell, empty lines are
    kept as empty strings between paragraphs (Word's empty paragraphs)."""
    if not lines:
        return []
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    sizes = [ln.size for ln in lines]
    size = statistics.median(sizes)
    pitch = statistics.median(pitches) if pitches else size * 1.3
    pitch = min(max(pitch, size * 1.05), size * 1.8)
    paras = [lines[0].text]
    for k, (a, b) in enumerate(zip(lines, lines[1:])):
        after = lines[k + 2] if k + 2 < len(lines) and len(b.text) <= 2 else None
        gap = b.top - a.top
        blank = max(0, round(gap / pitch) - 1) if gap > 1.6 * pitch else 0
        indent = b.x0 > a.x0 + 1.5 * size and not cell
        bigger = abs(b.size - a.size) > 1.0
        new_item = a.text[-1:] in _SENTENCE_END and _LIST_START.match(b.text) is not None
        if not blank and not indent and not bigger and not new_item and _is_wrap(a, b, left, right, size, cell, after):
            paras[-1] = _join(paras[-1], b.text)
        else:
            if cell:
                paras.extend([""] * blank)
            paras.append(b.text)
    return paras


# --------------------------------------------------------------------------- tables

def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _idx(edges: list[float], v: float) -> int:
    best = min(range(len(edges)), key=lambda i: abs(edges[i] - v))
    return best


@dataclass
class PTable:
    """A table found on one page, before joining continuations."""
    page: int
    bbox: tuple
    xs: list[float]
    ys: list[float]
    table: Table
    boxes: dict          # id(cell) -> (bbox, bottom of its text or None, font size, number of lines)


def _page_table(page_no: int, ft, chars: list) -> PTable | None:
    cells = [c for c in ft.cells if c and (c[2] - c[0]) > 1 and (c[3] - c[1]) > 1]
    if not cells:
        return None
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    if len(xs) < 2 or len(ys) < 2:
        return None
    grid_cells = []
    for (x0, top, x1, bottom) in cells:
        c0, c1 = _idx(xs, x0), _idx(xs, x1)
        r0, r1 = _idx(ys, top), _idx(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        grid_cells.append((r0, c0, r1 - r0, c1 - c0, (x0, top, x1, bottom)))
    # assign characters to the cell containing their centre
    buckets: dict[int, list] = {i: [] for i in range(len(grid_cells))}
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        for i, (_, _, _, _, (x0, top, x1, bottom)) in enumerate(grid_cells):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets[i].append(ch)
                break
    nrows = len(ys) - 1
    rows: list[list[Cell]] = [[] for _ in range(nrows)]
    boxes = {}
    for i, (r, c, rs, cs, bbox) in enumerate(grid_cells):
        text, nlines = _cell_text(buckets[i], bbox)
        cell = Cell(row=r, col=c, text=text, rowspan=rs, colspan=cs)
        rows[r].append(cell)
        vis = [ch for ch in buckets[i] if ch["text"].strip()]
        boxes[id(cell)] = (bbox, max((ch["bottom"] for ch in vis), default=None),
                           max((ch["size"] for ch in vis), default=10.0), nlines)
    for row in rows:
        row.sort(key=lambda c: c.col)
    t = Table(rows=rows, ncols=len(xs) - 1)
    return PTable(page=page_no, bbox=ft.bbox, xs=xs, ys=ys, table=t, boxes=boxes)


def _cell_text(chars: list, bbox) -> tuple[str, int]:
    lines = _lines_from_chars(chars)
    if not lines:
        return "", 0
    x0, _, x1, _ = bbox
    pad = min(max(min(ln.x0 for ln in lines) - x0, 1.0), 12.0)
    paras = _flow(lines, x0 + pad, x1 - pad, cell=True)
    while paras and not paras[-1]:
        paras.pop()
    return "\n".join(paras), len(lines)


# --------------------------------------------------------------------------- page furniture

def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _furniture(pages_lines: list[list[Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, line index) of running headers/footers and page numbers."""
    drop: set[tuple[int, int]] = set()
    npages = len(pages_lines)
    seen: dict[tuple[str, int], set[int]] = {}
    for p, lines in enumerate(pages_lines):
        h = heights[p]
        for i, ln in enumerate(lines):
            band = ln.top < 0.12 * h or ln.bottom > 0.88 * h
            if not band:
                continue
            edge = i < 2 or i >= len(lines) - 2
            if edge and _PAGE_NO.match(ln.text):
                drop.add((p, i))
                continue
            key = (_norm_furniture(ln.text), round(ln.top / 4))
            seen.setdefault(key, set()).add(p)
    if npages >= 2:
        for p, lines in enumerate(pages_lines):
            h = heights[p]
            for i, ln in enumerate(lines):
                if not (ln.top < 0.12 * h or ln.bottom > 0.88 * h):
                    continue
                key = (_norm_furniture(ln.text), round(ln.top / 4))
                pages = seen.get(key, set())
                if len(pages) >= 2 and len(pages) >= 0.4 * npages:
                    drop.add((p, i))
    # running headers stand above the page's text and footers below it: a line is furniture only
    # when every line above it (top band) or below it (bottom band) is furniture too; a table
    # cell's last line that happens to sit at the same height on two pages is not
    keep = set()
    for p, lines in enumerate(pages_lines):
        h = heights[p]
        for i, ln in enumerate(lines):
            if (p, i) not in drop:
                continue
            if ln.top < 0.12 * h:
                ok = all((p, j) in drop for j in range(i))
            else:
                ok = all((p, j) in drop for j in range(i + 1, len(lines)))
            if ok:
                keep.add((p, i))
    return keep


# --------------------------------------------------------------------------- continuation

def _same_frame(a: PTable, b: PTable) -> bool:
    """Same outer frame: a continuation may lack or add inner column edges
    (merged cells), which the union of both grids absorbs."""
    return abs(a.xs[0] - b.xs[0]) <= 2 and abs(a.xs[-1] - b.xs[-1]) <= 2


def _regrid(pt: PTable, xs: list[float]) -> None:
    for row in pt.table.rows:
        for c in row:
            start, end = _idx(xs, pt.xs[c.col]), _idx(xs, pt.xs[c.col + c.colspan])
            c.col, c.colspan = start, max(1, end - start)
    pt.xs = xs
    pt.table.ncols = len(xs) - 1


def _reaches_bottom(pt: PTable, cell: Cell) -> bool:
    """The cell's text runs down to the cell's bottom edge (it was cut by the page break)."""
    box = pt.boxes.get(id(cell))
    if not box or box[1] is None:
        return False
    (x0, top, x1, bottom), text_bottom, size, _ = box
    return bottom - text_bottom <= 2.2 * size + 6


def _is_header_row(cells: list[Cell]) -> bool:
    """Two or more cells name canonical form fields (一级指标, 年度指标值 …)."""
    from ..understand.forms import header_field

    return sum(1 for c in cells if c.text.strip() and header_field(c.text)[0]) >= 2


def _row_texts(t: Table, r: int) -> list[str]:
    return [re.sub(r"\s+", "", c.text) for c in t.rows[r]] if r < len(t.rows) else []


def _join_tables(a: PTable, b: PTable, notes: list[str]) -> None:
    """Append b (continuation on the next page) to a, in place."""
    xs = _snap(a.xs + b.xs)
    _regrid(a, xs)
    _regrid(b, xs)
    ta, tb = a.table, b.table
    rows_b = [list(r) for r in tb.rows]
    # header rows repeated on the new page (Word's "repeat header row")
    seen_rows = {tuple(_row_texts(ta, r)) for r in range(len(ta.rows)) if sum(1 for c in ta.rows[r] if c.text.strip()) >= 2}
    while rows_b and tuple(re.sub(r"\s+", "", c.text) for c in rows_b[0]) in seen_rows and \
            _is_header_row(rows_b[0]):
        rows_b = rows_b[1:]
        notes.append(f"pdf: repeated table header dropped on page {b.page + 1}")
    if not rows_b:
        return
    dense = ta.dense()
    last = len(ta.rows) - 1
    first = rows_b[0]
    by_col_b = {c.col: c for c in first}
    # a row split by the page break: the continuation row only continues cells of a's last row
    origin_last = {c.col: c for c in ta.rows[last]} if last >= 0 else {}
    nonempty_b = [c for c in first if c.text.strip()]
    split = bool(nonempty_b) and not _is_header_row(ta.rows[last]) and all(
        c.col in origin_last and origin_last[c.col].text.strip() and origin_last[c.col].colspan == c.colspan
        and _reaches_bottom(a, origin_last[c.col]) for c in nonempty_b) and (any(
        c.text.strip() and not (by_col_b.get(k) is not None and by_col_b[k].text.strip())
        for k, c in origin_last.items()) or all(
        (a.boxes.get(id(origin_last[c.col])) or (0, 0, 0, 0))[3] >= 2 for c in nonempty_b))
    a.boxes.update(b.boxes)
    if split:
        for c in nonempty_b:
            tgt = origin_last[c.col]
            tgt.text = _join(tgt.text, c.text)
            a.boxes[id(tgt)] = b.boxes.get(id(c))
        for c in first:
            if c.rowspan > 1 and c.col in origin_last:
                origin_last[c.col].rowspan += c.rowspan - 1
        rows_b = rows_b[1:]
        notes.append(f"pdf: table row split by the page break rejoined (page {b.page + 1})")
        first = []
    # merged cells that continue on the next page: extend the cell above when
    # it was already merged in a, when b's box is itself merged over several
    # rows, or for the leading label columns of a row that goes on to the right
    if first and last >= 0:
        kept = []
        leading = True
        has_right = {c.col: any(x.text.strip() for x in first if x.col > c.col) for c in first}
        for c in first:
            above = dense[last][c.col] if c.col < ta.ncols else None
            empty = not c.text.strip()
            if (empty and above is not None and above.col == c.col and above.colspan == c.colspan
                    and above.text.strip()
                    and (above.row < last or c.rowspan > 1 or (leading and has_right[c.col]))):
                above.rowspan += c.rowspan
            else:
                kept.append(c)
            if not empty:
                leading = False
        rows_b[0] = kept
    ta.rows.extend(rows_b)
    # fix row numbers (rows appended in order)
    for r, row in enumerate(ta.rows):
        for c in row:
            c.row = r
    ta.ncols = max(ta.ncols, max((c.col + c.colspan for row in ta.rows for c in row), default=0))
    a.bbox = (a.bbox[0], a.bbox[1], a.bbox[2], b.bbox[3])


# --------------------------------------------------------------------------- reader

def _dedupe(chars: list) -> list:
    """Drop characters printed twice at the same place (fake bold)."""
    seen = set()
    out = []
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def read_pdf(path: str) -> Document:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise errors.Unsupported(path, "读取 PDF 需要 pdfplumber：pip install pdfplumber") from exc
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as exc:
        raise errors.Encrypted(path) from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise errors.Encrypted(path) from exc
        raise errors.CorruptPdf(path, type(exc).__name__) from exc
    try:
        with pdf:
            return _read(pdf, path)
    except errors.InputError:
        raise
    except Exception as exc:
        if type(exc).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise errors.Encrypted(path) from exc
        raise errors.CorruptPdf(path, f"{type(exc).__name__}") from exc


def _read(pdf, path: str) -> Document:
    notes: list[str] = []
    page_items: list[list] = []         # per page: [("line", Line) | ("table", PTable)]
    page_lines: list[list[Line]] = []
    heights, widths = [], []
    n_chars = 0
    n_images = 0
    textless_pages = []
    pages = pdf.pages
    if not pages:
        raise errors.CorruptPdf(path, "没有页面")
    for p_no, page in enumerate(pages):
        chars = _dedupe([c for c in page.chars if c["text"]])
        n_chars += sum(1 for c in chars if c["text"].strip())
        n_images += len(page.images)
        heights.append(float(page.height))
        widths.append(float(page.width))
        if not any(c["text"].strip() for c in chars):
            textless_pages.append(p_no + 1)
            page_lines.append([])
            page_items.append([])
            continue
        tables = []
        for ft in page.find_tables():
            pt = _page_table(p_no, ft, chars)
            if pt is not None:
                tables.append(pt)

        def in_table(ch):
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            return any(t.bbox[0] - 1 <= cx <= t.bbox[2] + 1 and t.bbox[1] - 1 <= cy <= t.bbox[3] + 1 for t in tables)

        free = [c for c in chars if not in_table(c)]
        lines = _lines_from_chars(free)
        page_lines.append(lines)
        page_items.append([("table", t) for t in tables])
    if n_chars == 0:
        raise errors.ScannedPdf(path, f"{len(pages)} 页，{n_images} 张图片" if n_images else f"{len(pages)} 页")
    if textless_pages:
        notes.append("pdf: pages without a text layer (images, not read): "
                     + ", ".join(str(p) for p in textless_pages[:20]))

    drop = _furniture(page_lines, heights)
    if drop:
        notes.append(f"pdf: {len(drop)} header/footer/page-number lines dropped")
    body_lines = [ln for p, lines in enumerate(page_lines) for i, ln in enumerate(lines) if (p, i) not in drop]
    if body_lines:
        left = statistics.median(sorted(ln.x0 for ln in body_lines)[: max(1, len(body_lines) // 2)])
        right = max(ln.x1 for ln in body_lines)
        # the text column's right edge: the longest lines, ignoring stray wide ones
        x1s = sorted(ln.x1 for ln in body_lines)
        right = x1s[int(0.9 * (len(x1s) - 1))] if len(x1s) > 10 else right
    else:
        left, right = 72.0, 540.0

    # tables without ruling lines, from the positions of their words (read/pdfcols)
    ptables = position_tables(page_lines, drop)
    used = set().union(*(pt.used for pt in ptables)) if ptables else set()
    if ptables:
        notes.append(f"pdf: {len(ptables)} table(s) without ruling lines read from word positions")

    # ordered items across pages
    items: list = []
    for p, lines in enumerate(page_lines):
        page = [(ln.top, "line", ln) for i, ln in enumerate(lines) if (p, i) not in drop and (p, i) not in used]
        page += [(t.bbox[1], "table", t) for _, t in page_items[p]]
        page += [(pt.top, "ptable", pt) for pt in ptables if pt.page == p]
        page.sort(key=lambda x: x[0])
        items.extend((p, kind, obj) for _, kind, obj in page)

    # join tables continued on the next page
    merged: list = []
    for p, kind, obj in items:
        if kind == "table" and merged:
            prev = merged[-1]
            if prev[1] == "table" and prev[0] == p - 1 and _same_frame(prev[2], obj) and \
                    obj is page_items[p][0][1] and _first_on_page(items, p, obj):
                _join_tables(prev[2], obj, notes)
                merged[-1] = (p, "table", prev[2])
                continue
        merged.append((p, kind, obj))

    blocks: list = []
    run: list[Line] = []

    def flush():
        if run:
            for text in _flow(run, left, right, cell=False):
                if text:
                    blocks.append(Paragraph(text=text))
            run.clear()

    for p, kind, obj in merged:
        if kind in ("table", "ptable"):
            flush()
            blocks.append(obj.table)
        else:
            run.append(obj)
    flush()
    number_blocks(blocks)
    return clean_document(Document(path=path, blocks=blocks, reader="pdf", notes=notes))  # web copies: webclean


def _first_on_page(items, p: int, table) -> bool:
    for q, kind, obj in items:
        if q == p:
            return obj is table
    return False
