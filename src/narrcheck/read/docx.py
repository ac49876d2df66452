"""Reader for .docx files (Word and WPS): python-docx opens the package, we walk its XML.

python-docx finds the main document part through the package relationships
and parses it (:func:`load_body`).  We walk the body ourselves instead of
using ``Document.paragraphs`` or ``row.cells`` because those skip content
controls (w:sdt), drop tracked insertions (w:ins) and text boxes, and repeat
merged cells.  See shared/docs/tech-notes.md §4 and domain-rules.md §7.

``iter_body(element)`` yields ("p", p_element) / ("tbl", tbl_element) in
document order, unwrapping content controls (at any depth, also around rows
and cells), reading a one-cell frame table as its content and yielding tables
nested in cells after their holder.  The Word-comment renderer walks the
document with the same function, so block indices agree.

Not read as text: deletions, the old place of a tracked move (w:moveFrom),
hidden runs (w:vanish), field codes.  Word's list numbering (一、 （一） 1.
drawn from numbering.xml) and outline levels (Heading styles, w:outlineLvl)
are given on the paragraph (``Paragraph.label`` / ``.outline``), not put into
its text, so character offsets stay those of the document.
"""
from __future__ import annotations

import re
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
BODY, CUSTOMXML, MOVEFROM, R, RPR, VANISH = q("body"), q("customXml"), q("moveFrom"), q("r"), q("rPr"), q("vanish")
FALLBACK = f"{{{MC}}}Fallback"
# Subtrees that are not visible text: deletions and the source of a tracked
# move (w:moveFrom; its w:moveTo copy is read), text boxes (read separately),
# VML fallbacks, field codes, paragraph/run properties.
SKIP_SUBTREES = {DEL, MOVEFROM, TXBX, FALLBACK, q("delText"), q("instrText"), q("pPr"), q("rPr")}
# Wrappers whose children are read as if they stood in the wrapper's place.
_WRAPPERS = (SDT, CUSTOMXML)


def _unwrap(el):
    """The children of a content control (w:sdt → w:sdtContent) or w:customXml."""
    if el.tag == SDT:
        content = el.find(SDTCONTENT)
        return content.iterchildren() if content is not None else iter(())
    return el.iterchildren()


def is_frame(tbl) -> bool:
    """A one-row, one-cell table that frames content rather than tabulating it:
    its cell holds a table or at least two non-empty paragraphs (a whole report
    drawn inside a box).  A one-cell table holding a single line (a boxed
    heading) is left a table."""
    rows = iter_rows(tbl)
    tr = next(rows, None)
    if tr is None or next(rows, None) is not None:
        return False
    cells = iter_cells(tr)
    tc = next(cells, None)
    if tc is None or next(cells, None) is not None:
        return False
    n = 0
    for kind, el in iter_body(tc):
        if kind == "tbl":
            return True
        if paragraph_text(el).strip():
            n += 1
            if n >= 2:
                return True
    return False


def _frame_cell(tbl):
    return next(iter_cells(next(iter_rows(tbl))))


def iter_body(parent, _top: bool | None = None) -> Iterator[tuple[str, object]]:
    """Paragraphs and tables under ``parent`` in order, unwrapping w:sdt and
    w:customXml, and reading a frame table (``is_frame``) as the content of its
    cell.

    Walking the document body (``parent`` is w:body), tables nested in a
    table's cells are also yielded, each right after the table holding it (in
    document order), so a form pasted into a cell is read as a table of its
    own; they stay on their cell too (``Cell.tables``).  Walking a cell yields
    its own nested tables only."""
    if _top is None:
        _top = parent.tag == BODY
    for child in parent.iterchildren():
        tag = child.tag
        if tag == P:
            yield "p", child
        elif tag == TBL:
            if is_frame(child):
                yield from iter_body(_frame_cell(child), _top)
                continue
            yield "tbl", child
            if _top:
                yield from _nested_tables(child)
        elif tag in _WRAPPERS:
            yield from iter_body(_wrap_content(child), _top)


class _wrap_content:
    """A content control or customXml element seen as the container of its content."""

    __slots__ = ("el",)
    tag = None

    def __init__(self, el):
        self.el = el

    def iterchildren(self):
        return _unwrap(self.el)


def _nested_tables(tbl) -> Iterator[tuple[str, object]]:
    """Tables nested in the cells of ``tbl`` (recursively), in document order."""
    inner = tbl.iter(TBL)
    next(inner)                     # tbl itself
    if next(inner, None) is None:   # the common case, decided at C speed
        return
    for tr in iter_rows(tbl):
        for tc in iter_cells(tr):
            for kind, el in iter_body(tc, False):
                if kind == "tbl":
                    yield "tbl", el
                    yield from _nested_tables(el)


_TEXT_TAGS = (T, TAB, BR, CR)
_SKIP_TAGS = tuple(SKIP_SUBTREES - {q("pPr"), q("rPr")}) + (VANISH,)


def is_hidden_run(r) -> bool:
    """A run formatted as hidden text (w:rPr/w:vanish): not visible, not read."""
    rpr = r.find(RPR)
    if rpr is None:
        return False
    v = rpr.find(VANISH)
    return v is not None and v.get(q("val"), "true") not in ("0", "false", "off")


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
            if tag in SKIP_SUBTREES or (tag == R and is_hidden_run(child)):
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


def _iter_tagged(children, tag) -> Iterator:
    """Elements ``tag`` among ``children``, looking through content controls
    and customXml at any depth (Word's repeating sections put each row in
    sdt(repeatingSection) > sdtContent > sdt(repeatingSectionItem) > sdtContent)."""
    for child in children:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _iter_tagged(_unwrap(child), tag)


def iter_rows(tbl) -> Iterator:
    return _iter_tagged(tbl.iterchildren(), TR)


def iter_cells(tr) -> Iterator:
    return _iter_tagged(tr.iterchildren(), TC)


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
    ``tostring(method="text")``: drop deletions, moved-away text, hidden runs,
    field codes and VML fallbacks, turn run-level tabs and breaks into text, and detach text boxes
    (returned as {anchor paragraph: [text box paragraphs]}).  The result equals
    ``paragraph_text`` on the untouched tree (tests/test_read_docx.py)."""
    for el in list(body.iter(DEL, MOVEFROM, INSTR, DELTEXT, FALLBACK)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    for v in list(body.iter(VANISH)):
        rpr = v.getparent()
        r = rpr.getparent() if rpr is not None else None
        if r is not None and r.tag == R and is_hidden_run(r) and r.getparent() is not None:
            r.getparent().remove(r)
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
    """The w:body of the main document part (see :func:`load_parts`)."""
    return load_parts(path)[0]


def load_parts(path: str) -> tuple[object, dict]:
    """The w:body of the main document part, and ``{"styles": bytes,
    "numbering": bytes}`` of the parts it refers to when the body uses
    paragraph styles, list numbering or outline levels (else ``{}``).

    python-docx's package layer opens the file and follows the package
    relationships to the main part, as Word does; the main part's XML is then
    parsed with plain lxml rather than python-docx's element
    classes, which take about 3× longer to build and walk (measured on the
    seeds: read + understand 2.5× a bare ``docx.Document`` load that way,
    1.4–1.6× this way; the issue-2 target is 2×).  When python-docx cannot
    open the package, :func:`_load_body_zip` reads it with zipfile and gives
    the precise error."""
    try:
        got = _package_parts(path)
    except Exception:  # noqa: BLE001 - the zip path below reports what is wrong
        got = None
    if got is not None:
        return got
    body = _load_body_zip(path)
    return body, (_zip_extra_parts(path) if _needs_styles(body) else {})


def _needs_styles(body) -> bool:
    return next(body.iter(NUMPR, PSTYLE, OUTLINELVL), None) is not None


def _parse_body(blob: bytes):
    root = _etree.fromstring(blob, _PARSER)
    body = root.find(q("body"))
    if body is None:
        raise ValueError("no w:body in the main document part")
    return body


def _package_parts(path: str):
    """(body, extra parts) through python-docx's package reader, or None."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.phys_pkg import PhysPkgReader
    from docx.opc.pkgreader import PackageReader

    phys = PhysPkgReader(path)
    try:
        main = next((srel.target_partname for srel in PackageReader._srels_for(phys, PACKAGE_URI)
                     if not srel.is_external and srel.reltype == RT.OFFICE_DOCUMENT), None)
        if main is None:
            return None
        body = _parse_body(phys.blob_for(main))
        extra: dict = {}
        if _needs_styles(body):
            try:
                for srel in PackageReader._srels_for(phys, main):
                    if srel.is_external:
                        continue
                    if srel.reltype == RT.STYLES:
                        extra["styles"] = phys.blob_for(srel.target_partname)
                    elif srel.reltype == RT.NUMBERING:
                        extra["numbering"] = phys.blob_for(srel.target_partname)
            except Exception:  # noqa: BLE001 - styles are an aid; the text is read without them
                extra = {}
        return body, extra
    finally:
        phys.close()


def _zip_extra_parts(path: str) -> dict:
    import zipfile

    out = {}
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            for key, name in (("styles", "word/styles.xml"), ("numbering", "word/numbering.xml")):
                if name in names:
                    out[key] = z.read(name)
    except Exception:  # noqa: BLE001
        return {}
    return out


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


NUMPR, ILVL, NUMID, OUTLINELVL = q("numPr"), q("ilvl"), q("numId"), q("outlineLvl")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def _val(el, tag: str):
    node = el.find(tag) if el is not None else None
    return node.get(W_VAL) if node is not None else None


def _int(v, default=None):
    if v is None:
        return default
    try:
        return int(v)
    except ValueError:
        return default


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _cn_number(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    if n <= 0 or n >= 1000:
        return str(n)
    h, t, u = n // 100, n // 10 % 10, n % 10
    out = ""
    if h:
        out += digits[h] + hundred
        if t == 0 and u:
            out += digits[0]
    if t:
        out += ("" if (t == 1 and not h) else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in a w:numFmt (the formats Chinese reports use; others as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return _cn_number(n)
    if fmt == "chineseLegalSimplified":
        return _cn_number(n, _CN_LEGAL, "拾", "佰")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        a = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return a if fmt == "upperLetter" else a.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Styles:
    """Paragraph/numbering styles of styles.xml, read on demand.

    A Word styles part is 30–350 KB (the table styles, latent styles …) and a
    report refers to a handful of styles, so a style is cut out of the bytes
    by its id and parsed alone (with the root's namespace declarations) rather
    than parsing the whole part."""

    def __init__(self, data: bytes | None):
        self.data = data or b""
        self.cache: dict[str, dict | None] = {}
        self.root_open = b""
        if self.data:
            i = self.data.find(b"<w:styles")
            j = self.data.find(b">", i) if i >= 0 else -1
            if j > i >= 0 and self.data[j - 1:j] != b"/":
                self.root_open = self.data[i:j + 1]     # keeps the namespace declarations

    def default(self) -> str | None:
        """Id of the default paragraph style."""
        data, pos = self.data, 0
        while True:
            k = data.find(b'w:default="1"', pos)
            if k < 0:
                return None
            start = data.rfind(b"<w:style ", 0, k)
            end = data.find(b">", k)
            tag = data[start:end] if start >= 0 else b""
            if b'w:type="paragraph"' in tag:
                m = re.search(rb'w:styleId="([^"]*)"', tag)
                return m.group(1).decode("utf-8", "replace") if m else None
            pos = k + 1

    def get(self, sid: str | None) -> dict | None:
        if not sid or not self.root_open:
            return None
        if sid in self.cache:
            return self.cache[sid]
        got = None
        data = self.data
        k = data.find(b'w:styleId="' + sid.encode("utf-8") + b'"')
        if k >= 0:
            start = data.rfind(b"<w:style ", 0, k)
            end = data.find(b"</w:style>", k)
            if start >= 0 and end >= 0:
                try:
                    st = _etree.fromstring(self.root_open + data[start:end + 10] + b"</w:styles>", _PARSER)[0]
                except _etree.XMLSyntaxError:
                    st = None
                if st is not None:
                    ppr = st.find(PPR)
                    numpr = ppr.find(NUMPR) if ppr is not None else None
                    got = {"name": (_val(st, q("name")) or "").strip(), "based": _val(st, q("basedOn")),
                           "numId": _val(numpr, NUMID) if numpr is not None else None,
                           "ilvl": _int(_val(numpr, ILVL)) if numpr is not None else None,
                           "outline": _int(_val(ppr, OUTLINELVL)) if ppr is not None else None}
        self.cache[sid] = got
        return got


class Outline:
    """Outline levels (styles.xml) and list labels (numbering.xml) of paragraphs.

    Word draws the 一、 / （一） / 1. of many reports from list numbering, so the
    text itself lacks them; headings are often marked only by a Heading style
    or an outline level.  ``paragraph(p)`` must be called for every paragraph
    in document order (list counters run across the whole document)."""

    def __init__(self, styles: bytes | None, numbering: bytes | None):
        self.styles = _Styles(styles)
        self._numbering = numbering
        self.nums: dict[str, tuple[str, dict]] | None = None
        self.abstract: dict[str, dict] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self._resolved: dict[str | None, tuple] = {}
        self._levels: dict[str, tuple] = {}
        self.default = self.styles.default() if styles else None
        self.active = bool(styles) or bool(numbering)

    def _read_numbering(self) -> None:
        self.nums = {}
        if not self._numbering:
            return
        try:
            root = _etree.fromstring(self._numbering, _PARSER)
        except _etree.XMLSyntaxError:
            return
        for a in root.iter(q("abstractNum")):
            levels = {}
            for lvl in a.iter(q("lvl")):
                levels[_int(lvl.get(q("ilvl")), 0)] = lvl
            self.abstract[a.get(q("abstractNumId"))] = {"levels": levels, "link": _val(a, q("numStyleLink"))}
        for n in root.iter(q("num")):
            overrides = {}
            for o in n.iter(q("lvlOverride")):
                overrides[_int(o.get(q("ilvl")), 0)] = (_int(_val(o, q("startOverride"))), o.find(q("lvl")))
            self.nums[n.get(q("numId"))] = (_val(n, q("abstractNumId")), overrides)

    def _style(self, sid: str | None) -> tuple:
        """(numId, ilvl, outline level) of a paragraph style, through basedOn."""
        if sid in self._resolved:
            return self._resolved[sid]
        num = ilvl = outline = None
        seen = set()
        cur = sid
        while cur and cur not in seen:
            seen.add(cur)
            st = self.styles.get(cur)
            if st is None:
                break
            if num is None and st["numId"] is not None:
                num, ilvl = st["numId"], st["ilvl"]
            if outline is None:
                if st["outline"] is not None:
                    outline = st["outline"]
                else:
                    m = _HEADING_NAME.match(st["name"])
                    if m:
                        outline = int(m.group(1)) - 1
            cur = st["based"]
        self._resolved[sid] = (num, ilvl, outline)
        return num, ilvl, outline

    def _list(self, num_id: str):
        """(abstractNumId, levels, overrides, start values) of a w:num, following
        numStyleLink; None when unknown."""
        if num_id in self._levels:
            return self._levels[num_id]
        if self.nums is None:
            self._read_numbering()
        got = None
        cur = num_id
        for _ in range(4):
            if cur not in self.nums:
                break
            abs_id, overrides = self.nums[cur]
            a = self.abstract.get(abs_id)
            if a is None:
                break
            link = self.styles.get(a["link"]) if a["link"] else None
            if link is not None and link["numId"] not in (None, cur):
                cur = link["numId"]
                continue
            levels = dict(a["levels"])
            for k, (_, lvl) in overrides.items():
                if lvl is not None:
                    levels[k] = lvl
            info = {}
            for k, lvl in levels.items():
                rpr = lvl.find(RPR)
                info[k] = (_int(_val(lvl, q("start")), 1), _val(lvl, q("numFmt")) or "decimal",
                           _val(lvl, q("lvlText")), _int(_val(lvl, q("lvlRestart"))),
                           lvl.find(q("isLgl")) is not None,
                           rpr is not None and rpr.find(VANISH) is not None, _val(lvl, PSTYLE))
            got = (abs_id, info, overrides)
            break
        self._levels[num_id] = got
        return got

    def paragraph(self, p) -> tuple[str, int | None]:
        """(list label such as 一、 / （一） / 1., outline level 0–8 or None) of w:p."""
        sid = numpr = olvl = None
        ppr = p[0] if len(p) and p[0].tag == PPR else None      # w:pPr comes first
        if ppr is not None:
            for child in ppr:                   # one pass; find() costs more than this loop
                tag = child.tag
                if tag == PSTYLE:
                    sid = child.get(W_VAL)
                elif tag == NUMPR:
                    numpr = child
                elif tag == OUTLINELVL:
                    olvl = _int(child.get(W_VAL))
        snum, silvl, outline = self._style(sid or self.default)
        if olvl is not None:
            outline = olvl
        if outline is not None and not 0 <= outline <= 8:
            outline = None
        num_id, ilvl = snum, silvl
        if numpr is not None:
            dn = di = None
            for child in numpr:
                if child.tag == NUMID:
                    dn = child.get(W_VAL)
                elif child.tag == ILVL:
                    di = _int(child.get(W_VAL))
            if dn is not None:
                num_id, ilvl = dn, di if di is not None else silvl
            elif di is not None:
                ilvl = di
        if num_id is None or num_id == "0":
            return "", outline
        got = self._list(num_id)
        if got is None:
            return "", outline
        abs_id, info, overrides = got
        if ilvl is None:
            ilvl = next((k for k, v in info.items() if sid and v[6] == sid), 0)
        return self._label(num_id, abs_id, info, overrides, ilvl), outline

    def _label(self, num_id, abs_id, info, overrides, ilvl: int) -> str:
        if ilvl not in info:
            return ""
        cnt = self.counters.setdefault(abs_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, (start, _) in overrides.items():
                if start is not None:
                    cnt[k] = start - 1
                    for m in [m for m in cnt if m > k]:
                        del cnt[m]
        start, fmt, text, _, legal, hidden, _ = info[ilvl]
        cnt[ilvl] = cnt[ilvl] + 1 if ilvl in cnt else start
        for m in [m for m in cnt if m > ilvl]:
            restart = info[m][3] if m in info else None
            if restart is None or (restart != 0 and ilvl < restart):
                del cnt[m]
        if fmt == "bullet" or not text or hidden:
            return ""

        def sub(m):
            k = int(m.group(1)) - 1
            v = info.get(k)
            n = cnt.get(k, v[0] if v else 1)
            return format_number(n, "decimal" if legal else (v[1] if v else "decimal"))

        return _LVL_REF.sub(sub, text).strip()


_LVL_REF = re.compile(r"%([1-9])")


def outline_labels(body, parts: dict) -> dict:
    """{w:p: (list label, outline level)} for the paragraphs that have either.

    Only paragraphs carrying a style, list numbering or an outline level can
    have one (unless the default paragraph style does), so only those are
    visited, in document order (list counters run through tables too)."""
    outline = Outline(parts.get("styles"), parts.get("numbering"))
    if not outline.active:
        return {}
    if outline.default is not None and outline._style(outline.default) != (None, None, None):
        paras = body.iter(P)
    else:
        paras = []
        last = None
        for node in body.iter(NUMPR, PSTYLE, OUTLINELVL):
            ppr = node.getparent()
            p = ppr.getparent() if ppr is not None else None
            if p is not None and p is not last and p.tag == P and ppr.tag == PPR:
                paras.append(p)
                last = p
    out = {}
    for p in paras:
        got = outline.paragraph(p)
        if got[0] or got[1] is not None:
            out[p] = got
    return out


def read_docx(path: str) -> Document:
    body, parts = load_parts(path)
    blocks: list = []
    notes: list[str] = []
    n_ins = len(body.findall(".//" + q("ins")))
    n_del = len(body.findall(".//" + q("del")))
    if n_ins or n_del:
        notes.append(f"tracked changes: {n_ins} insertions read as text, {n_del} deletions ignored")
    n_move = sum(1 for el in body.iter(MOVEFROM) if len(el))
    if n_move:
        notes.append(f"tracked moves: {n_move} moved-away passages ignored, their new place read")
    n_hidden = sum(1 for r in body.iter(R) if r.find(RPR) is not None and is_hidden_run(r)) \
        if next(body.iter(VANISH), None) is not None else 0
    if n_hidden:
        notes.append(f"hidden text: {n_hidden} hidden runs ignored")
    n_tables = 0
    boxes = _prepare(body)
    labels: dict = {}
    if parts:
        try:
            labels = outline_labels(body, parts)
        except Exception:  # noqa: BLE001 - labels are an aid; an odd numbering part must not stop the reading
            notes.append("list numbering not read")
    table_block: dict = {}
    for kind, el in iter_body(body):
        if kind == "p":
            style = ""
            ppr = el.find(PPR)
            if ppr is not None:
                ps = ppr.find(PSTYLE)
                if ps is not None:
                    style = ps.get(VAL) or ""
            label, level = labels.get(el, ("", None))
            blocks.append(Paragraph(text=_text(el), style=style, label=label, outline=level))
            for box in boxes.get(el, ()):
                blocks.append(Paragraph(text=_text(box), origin="textbox"))
                notes.append("text box read as paragraph")
        else:
            t = table_grid(el, boxes)
            t.number = n_tables
            n_tables += 1
            table_block[el] = len(blocks)
            holder = el.getparent()
            while holder is not None and holder.tag != TBL:
                holder = holder.getparent()
            if holder is not None and holder in table_block:
                t.nested_in = table_block[holder]
                notes.append("nested table read as a table of its own")
            blocks.append(t)
    for i, b in enumerate(blocks):
        b.block = i
    return Document(path=path, blocks=blocks, reader="docx", notes=notes)
