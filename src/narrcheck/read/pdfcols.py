"""Tables drawn without ruling lines in a PDF, read from the positions of their words.

A Word table without borders, printed to PDF, keeps its geometry: every cell's
text starts at the cell's left edge (plus the cell padding), all cells of a row
start at the row's top, and a cell's wrapped lines stack below its first line.
So the grid comes back from the words alone:

* a line's characters split into *segments* at gaps wider than a character
  (cells are separated by two paddings; words inside a cell by a space at most);
* a *region* is a run of lines with several segments (and the wrapped lines
  between them), holding a header row the form vocabulary knows
  (一级指标 二级指标 … / 年初预算数 全年预算数 …); it may go on over a page break
  when the next page's first lines stand on the same column starts;
* the *columns* are the left edges that segments of two or more lines share;
  a segment reaching over the next column's start spans several columns;
* *rows*: a line closer to the line above than a row pitch continues the row
  (wrapped lines, a cell's second paragraph); a row cut by the page break is
  re-joined when the next page's first line only continues cells of the last
  row that ran to their right edge;
* a label merged down over several rows is written on its first row only: the
  empty leading cells under it extend it (as the rowspan of a Word cell), and
  a lone ``（万元）`` / ``（50分）`` paragraph goes to the label above it.

The table is an ordinary Table with ``read_mode = "positions"``; its confidence
says how well the words stood on the columns (forms.py reads it as a grid).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ..model import Cell, Table

TOL = 2.5            # points: a segment starts at a column start within this
PAD = 5.4            # points: Word's default cell padding (0.19 cm), left and right
_HINT = re.compile(r"^[（(][^（）()]{1,10}[)）]$")
_MODE = "positions"
CONFIDENCE = 0.85    # every word on a column start: sure as a flattened text
WEAK = 0.7           # some words off the columns: errors become warnings


@dataclass
class Seg:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    chars: list = field(repr=False, default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class VLine:
    """A visual line: segments at one height (on one page)."""
    page: int
    top: float
    bottom: float
    size: float
    segs: list
    src: list            # (page, line index) of the page lines it came from


@dataclass
class PosTable:
    page: int
    top: float
    table: Table
    used: set             # (page, line index) of the lines the table consumed


def segments(chars: list) -> list[Seg]:
    chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    out: list[Seg] = []
    for c in chars:
        if out:
            s = out[-1]
            gap = c["x0"] - s.x1
            if gap <= 0.85 * max(s.size, c["size"], 1.0):
                s.chars.append(c)
                s.x1 = max(s.x1, c["x1"])
                s.top, s.bottom = min(s.top, c["top"]), max(s.bottom, c["bottom"])
                continue
        out.append(Seg(c["x0"], c["x1"], c["top"], c["bottom"], c["size"], [c]))
    for s in out:
        s.size = statistics.median(c["size"] for c in s.chars)
    return out


def _vlines(page_lines: list, drop: set) -> list[VLine]:
    """Visual lines of all pages, in order, without the page furniture."""
    out: list[VLine] = []
    for p, lines in enumerate(page_lines):
        cur: list[VLine] = []
        for i, ln in enumerate(lines):
            if (p, i) in drop:
                continue
            segs = segments(ln.chars)
            if not segs:
                continue
            if cur and abs(ln.top - cur[-1].top) <= 0.35 * ln.size:
                v = cur[-1]
                v.segs = sorted(v.segs + segs, key=lambda s: s.x0)
                v.bottom = max(v.bottom, ln.bottom)
                v.src.append((p, i))
                continue
            cur.append(VLine(p, ln.top, ln.bottom, ln.size, segs, [(p, i)]))
        out.extend(cur)
    return out


def _header_fields(v: VLine) -> int:
    from ..understand.forms import header_field

    return sum(1 for s in v.segs if header_field(s.text)[0])


def _pitch(size: float) -> float:
    """The most a line of text in a cell advances: single spacing of CJK fonts."""
    return 1.75 * size


def _starts(lines: list[VLine]) -> list[float]:
    """Column starts: left edges shared by segments of two or more lines."""
    xs = sorted((s.x0, k) for k, v in enumerate(lines) for s in v.segs)
    clusters: list[list] = []
    for x, k in xs:
        if clusters and x - clusters[-1][-1][0] <= TOL:
            clusters[-1].append((x, k))
        else:
            clusters.append([(x, k)])
    heads = {k for k, v in enumerate(lines) if _header_fields(v) >= 3}
    # a column is where two lines start a cell, or where a header row does (its last column
    # may stay empty in every data row: 未完成原因分析)
    return [min(x for x, _ in c) for c in clusters if len({k for _, k in c}) >= 2 or heads & {k for _, k in c}]


def _on_start(x: float, starts: list[float]) -> bool:
    return any(abs(x - s) <= TOL for s in starts)


def _col(x: float, starts: list[float]) -> int:
    k = 0
    for i, s in enumerate(starts):
        if s <= x + TOL:
            k = i
    return k


def _find_regions(vl: list[VLine]) -> list[tuple[int, int]]:
    """Index ranges [a, b) of vl that hold a table with a known header row."""
    out = []
    i = 0
    n = len(vl)
    prev_starts: list[float] = []
    while i < n:
        if len(vl[i].segs) < 2:
            i += 1
            continue
        j = i + 1
        starts = [s.x0 for s in vl[i].segs]
        size = vl[i].size
        while j < n:
            v, prev = vl[j], vl[j - 1]
            if abs(statistics.median(s.size for s in v.segs) - size) > 0.6:
                break               # body text (注：…, a caption) in another font size ends the table
            new_page = v.page != prev.page
            close = not new_page and v.top - prev.top <= 1.3 * _pitch(prev.size)
            known = sum(1 for s in v.segs if _on_start(s.x0, starts))
            if len(v.segs) >= 2:
                if new_page and known < min(2, len(v.segs)):
                    break
                ok = True
            else:
                s = v.segs[0]
                wide = s.x1 - s.x0 > 0.5 * (max(x.x1 for x in prev.segs) - starts[0]) and len(starts) >= 3
                ok = known == 1 and not wide and (close or s.x0 > starts[0] + TOL or _row_follows(vl, j, starts))
            if not ok:
                break
            starts = sorted(set(starts) | {s.x0 for s in v.segs if not _on_start(s.x0, starts)})
            j += 1
        block = vl[i:j]
        if j - i >= 3 and any(_header_fields(v) >= 3 for v in block) and len(_starts(block)) >= 3:
            out.append((i, j, None))
            prev_starts = _starts(block)
            i = j
        elif out and _continues_table(block, prev_starts):
            out.append((i, j, prev_starts))       # a continuation (续表) without a header: the same columns
            i = j
        else:
            i += 1
    return out


def _continues_table(block: list[VLine], starts: list[float]) -> bool:
    """A block of tabular lines standing on the columns of the table before it."""
    rows = [v for v in block if len(v.segs) >= 2]
    segs = [s for v in block for s in v.segs]
    on = sum(1 for s in segs if _on_start(s.x0, starts))
    return len(rows) >= 2 and on >= 0.9 * len(segs) and len({round(s.x0) for s in segs}) >= 3


def _row_follows(vl: list[VLine], j: int, starts: list[float]) -> bool:
    """A lone short text at the first column (总分, ……) with a tabular line after it."""
    return j + 1 < len(vl) and len(vl[j + 1].segs) >= 2 and vl[j + 1].page == vl[j].page and \
        sum(1 for s in vl[j + 1].segs if _on_start(s.x0, starts)) >= 2


@dataclass
class _Piece:
    col: int
    span: int
    seg: Seg
    line: int            # index of the visual line in the region


def _row_gap(lines: list[VLine]) -> float | None:
    """The advance from one line to the next above which a new row starts: between
    a cell's line pitch and the row pitch.  None when the two cannot be told apart
    (rows packed at the line pitch: only the content could say where a row ends)."""
    deltas = [(b.top - a.top, a.size) for a, b in zip(lines, lines[1:]) if b.page == a.page and b.top > a.top]
    if not deltas:
        return INF
    small = [d for d, size in deltas if d <= _pitch(size)]
    if not small:
        return 0.8 * min(d for d, _ in deltas)          # no wrapped lines: every line is a row
    pitch = statistics.median(small)
    large = [d for d, _ in deltas if d > 1.3 * pitch]
    if not large:
        return None
    return (pitch + min(large)) / 2


INF = float("inf")


def _rows(lines: list[VLine], starts: list[float], right: list[float], gap: float) -> list[list[_Piece]]:
    rows: list[list[_Piece]] = []
    last_piece: dict[int, _Piece] = {}
    for k, v in enumerate(lines):
        pieces = []
        for s in v.segs:
            c = _col(s.x0, starts)
            span = 1 + sum(1 for x in starts[c + 1:] if s.x1 > x + TOL)
            pieces.append(_Piece(c, span, s, k))
        new = not rows
        if rows:
            prev = lines[k - 1]
            if v.page != prev.page:
                new = not _continues(pieces, last_piece, right)
            elif v.top - prev.top > gap:
                # a row pitch away: a new row, unless only a hint paragraph under a label （万元）
                new = not (len(pieces) == 1 and _HINT.match(pieces[0].seg.text) and pieces[0].col in last_piece)
            else:
                # close below: the same row, unless a cell starts here (in a top-aligned row every
                # cell starts on the row's first line) or two cells had already ended above
                ended = sum(1 for p in pieces if p.col in last_piece and (last_piece[p.col].line != k - 1 or not
                                                                          _wraps(last_piece[p.col], p, right)))
                new = any(p.col not in last_piece for p in pieces) or ended >= 2
        if new:
            rows.append([])
            last_piece = {}
        rows[-1].extend(pieces)
        for p in pieces:
            last_piece[p.col] = p
    return rows


def _wraps(above: _Piece, p: _Piece, right: list[float]) -> bool:
    """``p`` is the wrapped rest of ``above``: the first character of p would not have fit."""
    from .pdf import _unit_len

    r = right[min(above.col + above.span - 1, len(right) - 1)]
    chars = p.seg.chars
    first = sum(c["x1"] - c["x0"] for c in chars[:_unit_len("".join(c["text"] for c in chars))])
    return above.seg.x1 + first > r - 0.35 * above.seg.size


def _continues(pieces: list[_Piece], last_piece: dict, right: list[float]) -> bool:
    """The first line of a page only continues cells of the row cut by the page break."""
    if not pieces or not last_piece or not all(p.col in last_piece for p in pieces):
        return False
    pieces = [p for p in pieces if not _HINT.match(p.seg.text)] or pieces     # （50分） under its label
    if all(_wraps(last_piece[p.col], p, right) for p in pieces):
        return True
    # a cell broken at the page (a line break the page forced, not the width): text only, under
    # text cells of the cut row, and fewer than half of that row's cells go on
    return len(pieces) * 2 < len(last_piece) and not any(
        re.search(r"\d", p.seg.text) or re.search(r"\d", last_piece[p.col].seg.text) for p in pieces)


def _cell_text(pieces: list[_Piece], left: float, right: float) -> str:
    from .pdf import Line, _flow

    by_line: dict[int, list[_Piece]] = {}
    for p in pieces:
        by_line.setdefault(p.line, []).append(p)
    lines = []
    for k in sorted(by_line):
        ps = sorted(by_line[k], key=lambda p: p.seg.x0)
        chars = [c for p in ps for c in p.seg.chars]
        text = " ".join(p.seg.text for p in ps)
        lines.append(Line(text=text, x0=ps[0].seg.x0, x1=ps[-1].seg.x1, top=min(p.seg.top for p in ps),
                          bottom=max(p.seg.bottom for p in ps), size=statistics.median(p.seg.size for p in ps),
                          first_w=chars[0]["x1"] - chars[0]["x0"], chars=chars))
    page_breaks = [a for a, b in zip(lines, lines[1:]) if b.top < a.top]
    if page_breaks:          # a row cut by the page break: its pieces in reading order, joined as wraps
        from .pdf import _join
        text = lines[0].text
        for ln in lines[1:]:
            text = _join(text, ln.text)
        return text
    paras = _flow(lines, left, right, cell=True)
    while paras and not paras[-1]:
        paras.pop()
    return "\n".join(paras)


def _table(lines: list[VLine], starts: list[float] | None = None) -> Table | None:
    starts = starts or _starts(lines)
    if len(starts) < 3:
        return None
    pad = PAD
    right = [(starts[c + 1] - 2 * pad) if c + 1 < len(starts) else max(s.x1 for v in lines for s in v.segs)
             for c in range(len(starts))]
    gap = _row_gap(lines)
    if gap is None:
        return None
    rows = _rows(lines, starts, right, gap)
    n = len(starts)
    grid: list[list[Cell]] = []
    off = 0
    total = 0
    texts: list[dict[int, tuple[int, str]]] = []
    for pieces in rows:
        by_col: dict[int, list[_Piece]] = {}
        for p in pieces:
            total += 1
            if not _on_start(p.seg.x0, starts):
                off += 1
            by_col.setdefault(p.col, []).append(p)
        row: dict[int, tuple[int, str]] = {}
        for c in sorted(by_col):
            ps = by_col[c]
            span = max(p.span for p in ps if p.col == c)
            if any(c < q < c + span for q in row):
                span = 1
            if c in row or any(q <= c < q + row[q][0] for q in row):
                continue
            end = min(c + span, n)
            r = right[end - 1]
            row[c] = (end - c, _cell_text(ps, starts[c], r))
        texts.append(row)
    # a lone hint paragraph （万元）/（50分） belongs to the label above it
    for r in range(1, len(texts)):
        for c, (span, t) in list(texts[r].items()):
            if not _HINT.match(t.strip()):
                continue
            up = next((q for q in range(r - 1, -1, -1) if c in texts[q] and texts[q][c][1].strip()), None)
            if up is not None and _label_like(texts[up][c][1]):
                texts[up][c] = (texts[up][c][0], texts[up][c][1] + "\n" + t.strip())
                del texts[r][c]
    _widen_header_cells(texts, n)
    for row in texts:
        # a row holding only its first cell is a row-wide cell (产 出 指 标 (50分) over the form)
        full = [c for c, (_, t) in row.items() if t.strip()]
        if full == [0] and len(texts) > 1:
            row[0] = (n, row[0][1])
    # cells, with labels merged down over the empty leading cells under them
    cells_above: dict[int, Cell] = {}
    for r, row in enumerate(texts):
        line: list[Cell] = []
        first = min((c for c, (_, t) in row.items() if t.strip()), default=n)
        c = 0
        while c < n:
            if c in row and row[c][1].strip():
                span, t = row[c]
                cell = Cell(row=r, col=c, text=t, rowspan=1, colspan=span)
                line.append(cell)
                for q in range(c, c + span):
                    cells_above[q] = cell
                c += span
                continue
            above = cells_above.get(c)
            if c < first and above is not None and above.col == c and above.row + above.rowspan == r and \
                    not any(q in row and row[q][1].strip() for q in range(c, c + above.colspan)):
                above.rowspan += 1
                c += above.colspan
                continue
            cell = Cell(row=r, col=c, text="", rowspan=1, colspan=1)
            line.append(cell)
            cells_above[c] = cell
            c += 1
        grid.append(line)
    t = Table(rows=grid, ncols=n)
    t.read_mode = _MODE
    t.confidence = CONFIDENCE if off == 0 else WEAK
    return t


def _widen_header_cells(texts: list[dict], n: int) -> None:
    """A header cell over two data columns (年度指标值 over ``≥`` | ``50台``): the empty header
    slot after it is its own, when rows below fill both columns."""
    from ..understand.forms import header_field

    heads = [r for r, row in enumerate(texts) if sum(1 for _, t in row.values() if header_field(t)[0]) >= 3]
    for h, r in enumerate(heads):
        below = texts[r + 1:heads[h + 1] if h + 1 < len(heads) else len(texts)]
        row = texts[r]
        for c in sorted(row):
            span, t = row[c]
            q = c + span
            if not t.strip() or q >= n or (q in row and row[q][1].strip()) or any(x < q < x + row[x][0] for x in row):
                continue
            first = next((b for b in below if q in b and b[q][1].strip()), None)
            if first is not None and c in first and first[c][1].strip() and first[c][0] == 1:
                row.pop(q, None)
                row[c] = (span + 1, t)


def _label_like(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    return bool(t) and not re.search(r"\d", t) and len(t) <= 12


def position_tables(page_lines: list, drop: set) -> list[PosTable]:
    """Tables without ruling lines among the (non-furniture) lines of the pages."""
    vl = _vlines(page_lines, drop)
    out = []
    for a, b, starts in _find_regions(vl):
        t = _table(vl[a:b], starts)
        if t is None:
            continue
        used = {x for v in vl[a:b] for x in v.src}
        out.append(PosTable(page=vl[a].page, top=vl[a].top, table=t, used=used))
    return out
