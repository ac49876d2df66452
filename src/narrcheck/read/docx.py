"""Reader for .docx files (Word and WPS) built on python-docx's XML layer.

We walk the body ourselves instead of using ``Document.paragraphs`` or
``row.cells`` because those skip content controls (w:sdt), drop tracked
insertions (w:ins) and text boxes, and repeat merged cells.  See
shared/docs/tech-notes.md §4 and domain-rules.md §7.

``iter_body(element)`` yields ("p", p_element) / ("tbl", tbl_element) in
document order, unwrapping content controls.  The Word-comment renderer walks
the document with the same function, so block indices agree.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Cell, Document, Paragraph, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, SDT, SDTCONTENT, TR, TC = q("p"), q("tbl"), q("sdt"), q("sdtContent"), q("tr"), q("tc")
T, TAB, BR, CR, DEL, TXBX = q("t"), q("tab"), q("br"), q("cr"), q("del"), q("txbxContent")
FALLBACK = f"{{{MC}}}Fallback"
SKIP_SUBTREES = {DEL, TXBX, FALLBACK, q("delText"), q("instrText"), q("pPr"), q("rPr")}


def iter_body(parent) -> Iterator[tuple[str, object]]:
    """Paragraphs and tables under ``parent`` in order, unwrapping w:sdt."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == P:
            yield "p", child
        elif tag == TBL:
            yield "tbl", child
        elif tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from iter_body(content)


def paragraph_text(p) -> str:
    """Visible text of a w:p, including tracked insertions, excluding
    deletions and text boxes (those are read separately)."""
    out: list[str] = []

    def walk(el):
        for child in el.iterchildren():
            tag = child.tag
            if tag in SKIP_SUBTREES:
                continue
            if tag == T:
                out.append(child.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag in (BR, CR):
                out.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def textbox_paragraphs(p) -> list:
    """w:p elements inside text boxes anchored in paragraph ``p`` (Choice
    branch only, so VML fallbacks are not read twice)."""
    found = []
    for box in p.iter(TXBX):
        anc = box.getparent()
        skip = False
        while anc is not None and anc is not p:
            if anc.tag == FALLBACK:
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            found.extend(el for k, el in iter_body(box) if k == "p")
    return found


def iter_rows(tbl) -> Iterator:
    for child in tbl.iterchildren():
        if child.tag == TR:
            yield child
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                for sub in content.iterchildren():
                    if sub.tag == TR:
                        yield sub


def iter_cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == TC:
            yield child
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                for sub in content.iterchildren():
                    if sub.tag == TC:
                        yield sub


def _int_attr(el, path: str, default: int) -> int:
    node = el.find(path)
    if node is None:
        return default
    val = node.get(q("val"))
    try:
        return int(val) if val is not None else default
    except ValueError:
        return default


def _vmerge(tc) -> str | None:
    tcpr = tc.find(q("tcPr"))
    if tcpr is None:
        return None
    vm = tcpr.find(q("vMerge"))
    if vm is None:
        return None
    return vm.get(q("val")) or "continue"


def cell_content(tc) -> tuple[str, list]:
    """Text of a cell (paragraphs joined with newlines) and its nested tables."""
    texts: list[str] = []
    nested: list = []
    for kind, el in iter_body(tc):
        if kind == "p":
            texts.append(paragraph_text(el))
            for box in textbox_paragraphs(el):
                texts.append(paragraph_text(box))
        else:
            nested.append(el)
    # Word cells always end with a paragraph; trailing empty ones carry no text
    # (a paragraph holding only a full-width space is content and is kept).
    while len(texts) > 1 and texts[-1] == "":
        texts.pop()
    return "\n".join(texts), nested


def table_grid(tbl) -> Table:
    """Real cells with spans.  vMerge="continue" cells extend the cell above."""
    rows: list[list[Cell]] = []
    open_v: dict[int, Cell] = {}
    ncols = 0
    for r, tr in enumerate(iter_rows(tbl)):
        trpr = tr.find(q("trPr"))
        c = _int_attr(trpr, q("gridBefore"), 0) if trpr is not None else 0
        row_cells: list[Cell] = []
        seen_cols: set[int] = set()
        for tc in iter_cells(tr):
            tcpr = tc.find(q("tcPr"))
            span = _int_attr(tcpr, q("gridSpan"), 1) if tcpr is not None else 1
            vm = _vmerge(tc)
            if vm == "continue" and c in open_v:
                open_v[c].rowspan = r - open_v[c].row + 1
            else:
                text, nested = cell_content(tc)
                cell = Cell(row=r, col=c, text=text, colspan=span)
                cell.tables = [table_grid(t) for t in nested]
                row_cells.append(cell)
                if vm == "restart":
                    open_v[c] = cell
                else:
                    open_v.pop(c, None)
            for k in range(c, c + span):
                seen_cols.add(k)
            c += span
        # a column not present in this row closes any vertical merge there
        for k in list(open_v):
            if k not in seen_cols:
                open_v.pop(k)
        ncols = max(ncols, c)
        rows.append(row_cells)
    return Table(rows=rows, ncols=ncols)


def read_docx(path: str) -> Document:
    import docx  # python-docx

    d = docx.Document(path)
    body = d.element.body
    blocks: list = []
    notes: list[str] = []
    n_ins = len(body.findall(".//" + q("ins")))
    n_del = len(body.findall(".//" + q("del")))
    if n_ins or n_del:
        notes.append(f"tracked changes: {n_ins} insertions read as text, {n_del} deletions ignored")
    n_tables = 0
    for kind, el in iter_body(body):
        if kind == "p":
            style = ""
            ppr = el.find(q("pPr"))
            if ppr is not None:
                ps = ppr.find(q("pStyle"))
                if ps is not None:
                    style = ps.get(q("val")) or ""
            blocks.append(Paragraph(text=paragraph_text(el), style=style))
            for box in textbox_paragraphs(el):
                blocks.append(Paragraph(text=paragraph_text(box), origin="textbox"))
                notes.append("text box read as paragraph")
        else:
            t = table_grid(el)
            t.number = n_tables
            n_tables += 1
            blocks.append(t)
    for i, b in enumerate(blocks):
        b.block = i
    return Document(path=path, blocks=blocks, reader="docx", notes=notes)
