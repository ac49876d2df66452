"""Reader for .docx files (Word and WPS): python-docx opens the package, we walk its XML.

python-docx finds the main document part through the package relationships
and parses it (:func:`load_body`).  We walk the body ourselves instead of
using ``Document.paragraphs`` or ``row.cells`` because those skip content
controls (w:sdt), drop tracked insertions (w:ins) and text boxes, and repeat
merged cells.  See shared/docs/tech-notes.md §4 and domain-rules.md §7.

``iter_body(element)`` yields ("p", p_element) / ("tbl", tbl_element) in
document order, unwrapping content controls.  The Word-comment renderer walks
the document with the same function, so block indices agree.
"""
from __future__ import annotations

from typing import Iterator

from lxml import etree as _etree
from lxml.etree import tostring as _tostring

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


_TEXT_TAGS = (T, TAB, BR, CR)
_SKIP_TAGS = tuple(SKIP_SUBTREES - {q("pPr"), q("rPr")})


def paragraph_text(p) -> str:
    """Visible text of a w:p, including tracked insertions, excluding
    deletions and text boxes (those are read separately)."""
    # fast path: nothing to skip (no deletions, text boxes, field codes)
    if next(p.iter(*_SKIP_TAGS), None) is None:
        return "".join(
            (el.text or "") if el.tag == T else ("\t" if el.tag == TAB else "\n") for el in p.iter(*_TEXT_TAGS))
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


TCPR, TRPR, GRIDSPAN, GRIDBEFORE, VMERGE, W_VAL = q("tcPr"), q("trPr"), q("gridSpan"), q("gridBefore"), q("vMerge"), q("val")


def _int_attr(el, path: str, default: int) -> int:
    node = el.find(path)
    if node is None:
        return default
    val = node.get(W_VAL)
    try:
        return int(val) if val is not None else default
    except ValueError:
        return default


def _vmerge(tcpr) -> str | None:
    if tcpr is None:
        return None
    vm = tcpr.find(VMERGE)
    if vm is None:
        return None
    return vm.get(W_VAL) or "continue"


def cell_content(tc, boxes: dict | None = None) -> tuple[str, list]:
    """Text of a cell (paragraphs joined with newlines) and its nested tables.
    With ``boxes`` (a tree prepared by ``_prepare``) text is read at C speed."""
    texts: list[str] = []
    nested: list = []
    for kind, el in iter_body(tc):
        if kind == "p":
            if boxes is None:
                texts.append(paragraph_text(el))
                texts.extend(paragraph_text(b) for b in textbox_paragraphs(el))
            else:
                texts.append(_text(el))
                texts.extend(_text(b) for b in boxes.get(el, ()))
        else:
            nested.append(el)
    # Word cells always end with a paragraph; trailing empty ones carry no text
    # (a paragraph holding only a full-width space is content and is kept).
    while len(texts) > 1 and texts[-1] == "":
        texts.pop()
    return "\n".join(texts), nested


def table_grid(tbl, boxes: dict | None = None) -> Table:
    """Real cells with spans.  vMerge="continue" cells extend the cell above."""
    rows: list[list[Cell]] = []
    open_v: dict[int, Cell] = {}
    ncols = 0
    for r, tr in enumerate(iter_rows(tbl)):
        trpr = tr.find(TRPR)
        c = _int_attr(trpr, GRIDBEFORE, 0) if trpr is not None else 0
        row_cells: list[Cell] = []
        seen_cols: set[int] = set()
        for tc in iter_cells(tr):
            tcpr = tc.find(TCPR)
            span = _int_attr(tcpr, GRIDSPAN, 1) if tcpr is not None else 1
            vm = _vmerge(tcpr)
            if vm == "continue" and c in open_v:
                open_v[c].rowspan = r - open_v[c].row + 1
            else:
                text, nested = cell_content(tc, boxes)
                cell = Cell(row=r, col=c, text=text, colspan=span)
                cell.tables = [table_grid(t, boxes) for t in nested]
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


INSTR, DELTEXT, R = q("instrText"), q("delText"), q("r")
PPR, PSTYLE, VAL = q("pPr"), q("pStyle"), q("val")


def _prepare(body) -> dict:
    """Make the in-memory tree (never saved) readable at C speed with
    ``tostring(method="text")``: drop deletions, field codes and VML
    fallbacks, turn run-level tabs and breaks into text, and detach text boxes
    (returned as {anchor paragraph: [text box paragraphs]}).  The result equals
    ``paragraph_text`` on the untouched tree (tests/test_read_docx.py)."""
    for el in list(body.iter(DEL, INSTR, DELTEXT, FALLBACK)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    for el in list(body.iter(TAB, BR, CR)):
        parent = el.getparent()
        if parent is not None and parent.tag == R:
            t = _etree.Element(T)
            t.text = "\t" if el.tag == TAB else "\n"
            parent.replace(el, t)
    boxes: dict = {}
    for box in list(body.iter(TXBX)):
        anchor = box.getparent()
        while anchor is not None and anchor.tag != P:
            anchor = anchor.getparent()
        paras = [el for k, el in iter_body(box) if k == "p"]
        parent = box.getparent()
        if parent is not None:
            parent.remove(box)
        if anchor is not None:
            boxes.setdefault(anchor, []).extend(paras)
    return boxes


def _text(el) -> str:
    return _tostring(el, method="text", encoding="unicode", with_tail=False)


REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = _etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def load_body(path: str):
    """The w:body of the main document part.

    python-docx's package layer opens the file and follows the package
    relationships to the main part, as Word does; the main part's XML is then
    parsed with plain lxml rather than python-docx's element
    classes, which take about 3× longer to build and walk (measured on the
    seeds: read + understand 2.5× a bare ``docx.Document`` load that way,
    1.4–1.6× this way; the issue-2 target is 2×).  When python-docx cannot
    open the package, :func:`_load_body_zip` reads it with zipfile and gives
    the precise error."""
    root = None
    try:
        blob = _main_part_blob(path)
    except Exception:  # noqa: BLE001 - the zip path below reports what is wrong
        blob = None
    if blob is not None:
        root = _etree.fromstring(blob, _PARSER)
        body = root.find(q("body"))
        if body is None:
            raise ValueError("no w:body in the main document part")
        return body
    return _load_body_zip(path)


def _main_part_blob(path: str) -> bytes | None:
    """The main document part's bytes, found the way python-docx's package
    reader does (package relationships → officeDocument target), reading
    only the two parts needed rather than every part of the package."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.phys_pkg import PhysPkgReader
    from docx.opc.pkgreader import PackageReader

    phys = PhysPkgReader(path)
    try:
        main = next((srel.target_partname for srel in PackageReader._srels_for(phys, PACKAGE_URI)
                     if not srel.is_external and srel.reltype == RT.OFFICE_DOCUMENT), None)
        return phys.blob_for(main) if main is not None else None
    finally:
        phys.close()


def _load_body_zip(path: str):
    """``load_body`` without python-docx: the main part through _rels/.rels,
    word/document.xml as the fallback, parsed with plain lxml."""
    import posixpath
    import zipfile

    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        main = "word/document.xml"
        if "_rels/.rels" in names:
            rels = _etree.fromstring(z.read("_rels/.rels"), _PARSER)
            for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                    if target in names:
                        main = target
                    break
        root = _etree.fromstring(z.read(main), _PARSER)
    body = root.find(q("body"))
    if body is None:
        raise ValueError("no w:body in the main document part")
    return body


def read_docx(path: str) -> Document:
    body = load_body(path)
    blocks: list = []
    notes: list[str] = []
    n_ins = len(body.findall(".//" + q("ins")))
    n_del = len(body.findall(".//" + q("del")))
    if n_ins or n_del:
        notes.append(f"tracked changes: {n_ins} insertions read as text, {n_del} deletions ignored")
    n_tables = 0
    boxes = _prepare(body)
    for kind, el in iter_body(body):
        if kind == "p":
            style = ""
            ppr = el.find(PPR)
            if ppr is not None:
                ps = ppr.find(PSTYLE)
                if ps is not None:
                    style = ps.get(VAL) or ""
            blocks.append(Paragraph(text=_text(el), style=style))
            for box in boxes.get(el, ()):
                blocks.append(Paragraph(text=_text(box), origin="textbox"))
                notes.append("text box read as paragraph")
        else:
            t = table_grid(el, boxes)
            t.number = n_tables
            n_tables += 1
            blocks.append(t)
    for i, b in enumerate(blocks):
        b.block = i
    return Document(path=path, blocks=blocks, reader="docx", notes=notes)
