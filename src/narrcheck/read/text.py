"""Reader for plain-text exports of .docx reports (the seeds' format).

Format, as produced by common docx→text exporters:

* a line that starts with a TAB starts a new table cell;
* a line without a leading TAB right after a cell line continues that cell;
* a blank line followed by a TAB line separates table rows;
* a blank line followed by a non-TAB line is either an empty paragraph inside
  a cell (``产出指标\\n\\n(50分)``) or the end of the table (see
  ``_continues_cell``); two blank lines always end a table;
* a whitespace-only line (``　``) is content, not a separator;
* everything else is a paragraph.

The text format carries no span information.  Rows shorter than the widest row
of their table are right-aligned: the first cell of a short row spans the
missing columns (``总分 | 100 | 98.85`` under an 8-column header puts 100 and
98.85 under 分值/得分).  This matches how merged label cells sit in the forms.
"""
from __future__ import annotations

import re

from ..model import Cell, Document, Paragraph, Table, number_blocks
from .webclean import clean_blocks


def _is_tab(line: str) -> bool:
    return line.startswith("\t")


# the title of the next form (2023年度项目支出绩效自评表, 附表2 …绩效目标表): a paragraph between two tables
_FORM_TITLE = re.compile(r"^(附\s*[表件]\s*[0-9一二三四五六七八九十]*[：:．.、]?\s*)?\S{0,40}?"
                         r"(\d{4}\s*年|绩效|自评|评价|支出|目标|预算)\S{0,40}表"
                         r"(?:[（(][^（）()]{1,30}[）)])?$")   # 2024年度项目支出绩效自评表（生态护林员补助）


def _is_form_title(line: str) -> bool:
    t = re.sub(r"\s+", "", line)
    return 6 <= len(t) <= 60 and bool(_FORM_TITLE.match(t))


def _continues_cell(lines: list[str], i: int) -> bool:
    """Line i (not a tab line, not empty) follows exactly one empty line inside a
    table.  It continues the current cell (an empty paragraph inside the cell,
    as in ``产出指标\\n\\n(50分)``) when the table goes on: a tab line comes
    within a few lines and no two consecutive empty lines (the exporter's
    end-of-table mark) come first.  A form title (``2023年度项目支出绩效自评表``)
    is no cell's second paragraph: the next form's table starts after it."""
    if _is_form_title(lines[i]):
        return False
    nonblank = 0
    blanks = 0
    for j in range(i, min(len(lines), i + 20)):
        line = lines[j]
        if _is_tab(line):
            return True
        if line == "":
            blanks += 1
            if blanks >= 2 and j + 1 < len(lines) and not _is_tab(lines[j + 1]):
                return False
        else:
            blanks = 0
            nonblank += 1
            if nonblank > 6:
                return False
    return False


_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEP_CELL = re.compile(r":?-{2,}:?")
_ESC_PIPE = "\x00"


def _pipeish(s: str) -> bool:
    return s.startswith("|") or s.endswith("|")


def _next_nonblank(lines: list[str], i: int) -> str | None:
    for j in range(i, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return None


def _row_cells(text: str, leading: bool = True) -> list[str]:
    t = text.strip()
    if leading and t.startswith("|"):
        t = t[1:]
    if t.endswith("|"):
        t = t[:-1]
    return [c.strip().replace(_ESC_PIPE, "|") for c in t.split("|")]


_CLOSING_LABEL = re.compile(r"^(总\s*分|合\s*计|总\s*计|评价结论|自评结论|存在问题|改进措施|说明|备注)")


def _pad_lost_rowspans(rows: list[list[str]]) -> None:
    """A table copied from a web page loses its vertically merged cells: the
    rows under a merged 一级/二级指标 label are one or two cells short.  Those
    rows get empty leading cells (labels carry down, as in the tab format);
    rows much shorter, or closing rows (总分 …), keep the right-aligned span."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    if width < 5:
        return
    for k, r in enumerate(rows):
        missing = width - len(r)
        if 0 < missing <= 2 and k > 0 and len(rows[k - 1]) >= len(r) and not _CLOSING_LABEL.match(r[0]):
            r[:0] = [""] * missing


def _pipes_to_tabs(lines: list[str]) -> list[str]:
    """Pasted tables become the tab format: one tab-led line per cell, an
    empty line between rows, two after the table.  Recognised (as found when
    a web page is copied into a text box):

    * ``| a | b |`` one row per line; ``|---|---|`` separator rows dropped;
    * ``|| b |`` empty cells;
    * cells on their own lines ending in `` |``: ``| a |`` then ``b |``,
      ``c |`` … — a line starting with ``|`` (or a blank line) starts the next row;
    * ``a | b | c |`` rows without the leading pipe (two or more such lines);
    * a line without pipes inside an unfinished cell continues that cell.
    """
    out: list[str] = []
    rows: list[list[str]] | None = None
    cur: list[str] = []          # lines of the current row
    leading = True               # rows start with "|" (else: rows end at blank lines or are one line each)

    def flush_row():
        if cur:
            cells = _row_cells("\n".join(cur), leading)
            if not all(_SEP_CELL.fullmatch(c) for c in cells if c) or not any(cells):
                if any(c for c in cells) and not all(_SEP_CELL.fullmatch(c) for c in cells if c):
                    rows.append(cells)
            cur.clear()

    def end_table():
        nonlocal rows
        flush_row()
        _pad_lost_rowspans(rows or [])
        for k, cells in enumerate(rows or []):
            if k:
                out.append("")
            for c in cells:
                first, *rest = c.split("\n") if c else [""]
                out.append("\t" + first)
                out.extend(x for x in rest if x.strip())
        if rows:
            out.extend(["", ""])
        rows = None

    for i, line in enumerate(lines):
        s = line.strip().replace("\\|", _ESC_PIPE)
        if rows is None:
            nxt = _next_nonblank(lines, i + 1)
            starts = (s.startswith("|") and (s.count("|") >= 2 or (nxt is not None and "|" in nxt))) or (
                s.endswith("|") and s.count("|") >= 1 and nxt is not None and nxt.endswith("|") and (
                    s.count("|") >= 2 or not nxt.startswith("|")))
            if starts:
                rows = []
                leading = s.startswith("|")
                cur.append(s)
            else:
                out.append(line)
            continue
        open_cell = bool(cur) and not cur[-1].endswith("|")
        if not s:
            nxt = _next_nonblank(lines, i + 1)
            if nxt is not None and _pipeish(nxt) and not open_cell:
                flush_row()
                continue
            if open_cell and nxt is not None and not _pipeish(nxt):
                cur.append("")
                continue
            end_table()
            out.append(line)
            continue
        if s.startswith("|") and leading:
            flush_row()
            cur.append(s)
        elif s.endswith("|"):
            if s.count("|") >= 2 and not open_cell and cur and cur[0].count("|") >= 3:
                flush_row()          # ``a | b |`` rows after a full first row
            cur.append(s)
        elif open_cell:
            cur.append(s)
        else:
            end_table()
            out.append(line)
    if rows is not None:
        end_table()
    return out


def parse_text(text: str, path: str = "") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _BOOKMARK.sub("", text)
    lines = text.split("\n")
    lines = _unbar_cells(lines)
    if any(_pipeish(x.strip()) and x.count("|") >= 1 for x in lines):
        lines = _pipes_to_tabs(lines)
    blocks: list = []
    rows: list[list[str]] | None = None   # current table: rows of cell texts
    blank_run = 0

    def close_table():
        nonlocal rows
        if rows:
            rows = [r for r in rows if r]
            if rows:
                blocks.append(_make_table(rows))
        rows = None

    for i, raw in enumerate(lines):
        line = raw.rstrip("\n")
        if line == "":
            blank_run += 1
            continue
        if _is_tab(line):
            content = line[1:]
            if rows is None:
                rows = [[]]
            elif blank_run > 0 and rows[-1]:
                rows.append([])
            rows[-1].append(content)
            blank_run = 0
            continue
        # non-tab, non-blank line
        if rows is not None and rows[-1]:
            if blank_run == 0 or (blank_run == 1 and _continues_cell(lines, i)):
                sep = "\n" if blank_run == 0 else "\n\n"
                rows[-1][-1] = rows[-1][-1] + sep + line
                blank_run = 0
                continue
            close_table()
        elif rows is not None:
            close_table()
        blocks.append(Paragraph(text=line, blank_before=blank_run))
        blank_run = 0
    close_table()

    web = clean_blocks(blocks)      # site chrome, 信息公开 fields, truncation marker, run-on paragraphs
    number_blocks(web.blocks)
    return Document(path=path, blocks=web.blocks, reader="text", notes=web.notes, truncated=web.truncated)


def _unbar_cells(lines: list[str]) -> list[str]:
    """One cell per line with `` |`` after each cell (``|`` alone for an empty
    cell), as a crawler writes an HTML table: no line holds two pipes.  The
    bars go (an empty cell becomes an empty line) and the lines are re-gridded
    like any one-cell-per-line form."""
    barred = [x for x in lines if x.rstrip().endswith("|")]
    if len(barred) < 8 or any(x.count("|") >= 2 or x.lstrip().startswith("|") and x.strip() != "|" for x in lines):
        return lines
    bar = [x.rstrip().endswith("|") for x in lines]
    if any(not lines[k].strip() and bar[k - 1] and bar[k + 1] for k in range(1, len(lines) - 1)):
        return lines         # rows separated by blank lines: the pipe reader's own layout
    return [x.rstrip()[:-1].rstrip() if x.rstrip().endswith("|") else x for x in lines]


def _rejoin_rows(rows: list[list[str]]) -> list[list[str]]:
    """A cell that ends (or starts) with empty paragraphs prints as blank
    lines, which look like a row separator: ``资金\\n\\n结构`` followed by
    empty paragraphs splits its row in two.  Two adjacent rows that are both
    shorter than their neighbours, and whose cell counts add up to the count
    both neighbours share, are one row."""
    out = list(rows)
    i = 1
    while i < len(out) - 2:
        width = len(out[i - 1])
        a, b = out[i], out[i + 1]
        if len(out[i + 2]) == width and len(a) < width and len(b) < width and len(a) + len(b) == width:
            out[i:i + 2] = [a + b]
        i += 1
    return out


def _make_table(rows: list[list[str]]) -> Table:
    rows = _rejoin_rows(rows)
    ncols = max(len(r) for r in rows)
    out: list[list[Cell]] = []
    for r, texts in enumerate(rows):
        k = len(texts)
        extra = ncols - k
        cells = []
        col = 0
        for j, t in enumerate(texts):
            span = 1 + (extra if j == 0 else 0)
            cells.append(Cell(row=r, col=col, text=t, colspan=span))
            col += span
        out.append(cells)
    return Table(rows=out, ncols=ncols)


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one when the NUL bytes of
    its ASCII characters say so), else the more plausible of GB18030 and Big5 (see
    :func:`plausibility`).  Raises UnicodeDecodeError when nothing gives plausible text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    enc16 = utf16_without_bom(data)
    if enc16:
        text = data.decode(enc16, errors="strict")
        if plausibility(text) >= PLAUSIBLE:
            return text
        raise UnicodeDecodeError(enc16, data, 0, 1, "implausible text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    cands = []
    for order, enc in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        cands.append((plausibility(text), -order, text))
    if not cands:
        raise first
    score, _, text = max(cands)
    if score < PLAUSIBLE:
        raise UnicodeDecodeError("gb18030", data, 0, 1, "implausible text")
    return text


PLAUSIBLE = 0.6


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the NUL bytes sit at one parity (the high bytes of ASCII
    characters: digits, tabs, line breaks), else None."""
    head = data[:65536]
    if len(head) < 8 or len(head) % 2:
        return None
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if odd + even < len(head) // 20:
        return None
    if odd > 9 * even:
        return "utf-16-le"
    if even > 9 * odd:
        return "utf-16-be"
    return None


def _common(c: str) -> bool:
    """A Chinese character among the common ones: GB2312 level 1 (3,755 simplified) or
    Big5's 常用字 (5,401 traditional)."""
    try:
        b = c.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = c.encode("big5")
        return 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def plausibility(text: str) -> float:
    """How much ``text`` looks like a real Chinese (or plain ASCII) document, 0–1: the share
    of common characters among the Chinese ones, 0 when control characters abound.  A file
    decoded with the wrong codec (Big5 read as GB18030, binary data) scores low."""
    sample = text[:20000]
    if not sample:
        return 1.0
    ctrl = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x7F <= ord(c) < 0xA0
               or 0xE000 <= ord(c) <= 0xF8FF)
    if ctrl > len(sample) * 0.01:
        return 0.0
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if len(cjk) < 20:
        return 1.0 if sum(1 for c in sample if c.isprintable() or c.isspace()) >= 0.95 * len(sample) else 0.0
    seen: dict[str, bool] = {}
    common = 0
    for c in cjk:
        v = seen.get(c)
        if v is None:
            v = seen[c] = _common(c)
        common += v
    return common / len(cjk)
