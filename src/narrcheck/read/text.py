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

from ..model import Cell, Document, Paragraph, Table


def _is_tab(line: str) -> bool:
    return line.startswith("\t")


def _continues_cell(lines: list[str], i: int) -> bool:
    """Line i (not a tab line, not empty) follows exactly one empty line inside a
    table.  It continues the current cell (an empty paragraph inside the cell,
    as in ``产出指标\\n\\n(50分)``) when the table goes on: a tab line comes
    within a few lines and no two consecutive empty lines (the exporter's
    end-of-table mark) come first."""
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


def _pipes_to_tabs(lines: list[str]) -> list[str]:
    """Pasted tables flattened to ``| a | b |`` lines become the tab format:
    one tab-led line per cell, an empty line between rows, two after the table.
    Separator rows (``|---|---|``) are dropped."""
    out: list[str] = []
    in_table = False
    for line in lines:
        if _PIPE_ROW.match(line):
            cells = [c.strip() for c in line.strip()[1:-1].split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue
            if in_table:
                out.append("")
            out.extend("\t" + c for c in cells)
            in_table = True
        else:
            if in_table:
                out.extend(["", ""])
                in_table = False
            out.append(line)
    return out


def parse_text(text: str, path: str = "") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _BOOKMARK.sub("", text)
    lines = text.split("\n")
    if any(_PIPE_ROW.match(x) for x in lines):
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
        blocks.append(Paragraph(text=line))
        blank_run = 0
    close_table()

    for i, b in enumerate(blocks):
        b.block = i
    n = 0
    for b in blocks:
        if isinstance(b, Table):
            b.number = n
            n += 1
    return Document(path=path, blocks=blocks, reader="text")


def _make_table(rows: list[list[str]]) -> Table:
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
    """UTF-8 (with or without BOM), else GB18030; raises UnicodeDecodeError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")
