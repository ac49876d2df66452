"""Annotated Word copy: the original .docx with a Word comment on each flagged passage.

* The comment covers exactly the flagged characters: runs are split at the
  finding's start/end offsets (formatting kept), in body paragraphs and in
  table cells.  Author "narrcheck"; text = message, evidence, suggestion, and a
  tag ``〔NC002·1a2b3c4d〕`` that ties the comment back to its finding (Word and
  LibreOffice renumber comment ids, so the tag is what a harvest reads).
* The input is never modified: the copy is built in memory and saved under a
  different path (``annotate`` refuses to overwrite its input).
* Paragraphs and cells are located with the reader's own walk
  (``read.docx.iter_body`` / ``paragraph_text`` / ``cell_content``), so block
  indices, table numbers, rows/cols and character offsets agree with the
  ``Location`` of every finding.
* A text input has no .docx: one is built from the text Document (paragraphs,
  tables with merged cells) and annotated the same way.
"""
from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass

from ..model import Document, Paragraph, Table
from ..read.docx import (BR, CR, FALLBACK, SKIP_SUBTREES, TAB, TBL, TXBX, T, is_hidden_run, iter_body,
                         iter_cells, iter_rows, paragraph_text, q, textbox_paragraphs)
from .common import CAT_ZH, SEV_ZH, evidence_items, finding_key, location_text, resolve_place

AUTHOR = "narrcheck"
INITIALS = "NC"
R, RPR, P = q("r"), q("rPr"), q("p")
CRS, CRE, CREF = q("commentRangeStart"), q("commentRangeEnd"), q("commentReference")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TAG_RX = re.compile(r"〔(NC\d{3})·([0-9a-f]{8})〕")


# ---------------------------------------------------------------- the walk
def block_elements(body) -> list[tuple[str, object]]:
    """``[(kind, element)]`` with exactly the block numbering of ``read_docx``:
    a paragraph, then the paragraphs of its text boxes, and tables."""
    out: list[tuple[str, object]] = []
    for kind, el in iter_body(body):
        if kind == "p":
            out.append(("p", el))
            for box in textbox_paragraphs(el):
                out.append(("p", box))
        else:
            out.append(("tbl", el))
    return out


def find_cell(tbl, row: int, col: int):
    """The w:tc that starts at grid (row, col), as ``table_grid`` numbers cells."""
    for r, tr in enumerate(iter_rows(tbl)):
        if r != row:
            continue
        trpr = tr.find(q("trPr"))
        c = 0
        if trpr is not None:
            gb = trpr.find(q("gridBefore"))
            if gb is not None and (gb.get(q("val")) or "").isdigit():
                c = int(gb.get(q("val")))
        for tc in iter_cells(tr):
            span = 1
            tcpr = tc.find(q("tcPr"))
            if tcpr is not None:
                gs = tcpr.find(q("gridSpan"))
                if gs is not None and (gs.get(q("val")) or "").isdigit():
                    span = int(gs.get(q("val")))
            if c <= col < c + span:
                return tc
            c += span
    return None


def cell_segments(tc) -> list[tuple[object, int, int]]:
    """``[(w:p, start, end)]``: where each paragraph of a cell sits in the cell
    text as ``cell_content`` builds it (paragraphs joined by newlines)."""
    paras = []
    for kind, el in iter_body(tc):
        if kind == "p":
            paras.append(el)
            paras.extend(textbox_paragraphs(el))
    texts = [paragraph_text(p) for p in paras]
    while len(texts) > 1 and not texts[-1].strip():
        texts.pop()
        paras.pop()
    out, pos = [], 0
    for p, t in zip(paras, texts):
        out.append((p, pos, pos + len(t)))
        pos += len(t) + 1
    return out


@dataclass
class _Atom:
    run: object      # the w:r holding it
    start: int
    end: int


def _length(el) -> int:
    """Characters ``paragraph_text`` reads from an element (and its subtree)."""
    tag = el.tag
    if tag in SKIP_SUBTREES:
        return 0
    if tag == R and is_hidden_run(el):
        return 0  # hidden text (w:vanish) is not read
    if tag == T:
        return len(el.text or "")
    if tag in (TAB, BR, CR):
        return 1
    return sum(_length(c) for c in el.iterchildren())


def paragraph_runs(p) -> list[_Atom]:
    """Runs of a paragraph with their [start, end) in ``paragraph_text(p)``,
    walking exactly as ``paragraph_text`` does (hyperlinks, insertions, fields,
    inline content controls; not deletions, text boxes or VML fallbacks)."""
    out: list[_Atom] = []
    pos = 0

    def walk(el):
        nonlocal pos
        for child in el.iterchildren():
            tag = child.tag
            if tag in SKIP_SUBTREES:
                continue
            if tag == R:
                n = _length(child)
                out.append(_Atom(child, pos, pos + n))
                pos += n
            elif tag == T:          # a w:t outside a run (not produced by Word) still counts
                pos += len(child.text or "")
            elif tag in (TAB, BR, CR):
                pos += 1
            else:
                walk(child)

    walk(p)
    return out


def _split_run(r, k: int):
    """Split w:r at character ``k`` of its text; returns the right-hand w:r.
    Formatting (w:rPr) is copied to both halves.  A split inside an element
    that cannot be cut (a nested structure) moves to the element's start."""
    right = copy.deepcopy(r)
    r.addnext(right)
    pos = 0
    left_children = [c for c in r.iterchildren() if c.tag != RPR]
    right_children = [c for c in right.iterchildren() if c.tag != RPR]
    for lc, rc in zip(left_children, right_children):
        n = _length(lc)
        if lc.tag == T and pos < k < pos + n:
            text = lc.text or ""
            cut = k - pos
            lc.text, rc.text = text[:cut], text[cut:]
            lc.set(XML_SPACE, "preserve")
            rc.set(XML_SPACE, "preserve")
        elif pos + n <= k and not (n == 0 and pos == k):
            rc.getparent().remove(rc)          # wholly left of the cut
        else:
            lc.getparent().remove(lc)          # at or right of the cut
        pos += n
    return right


def anchor_runs(p, start: int, end: int):
    """Split runs of paragraph ``p`` so that whole runs cover [start, end) of its
    text; return (first w:r, last w:r), or None when nothing is there."""
    for off in (end, start):
        for a in paragraph_runs(p):
            if a.start < off < a.end:
                _split_run(a.run, off - a.start)
                break
    inside = [a for a in paragraph_runs(p) if a.start >= start and a.end <= end and a.end > a.start]
    if not inside:
        return None
    return inside[0].run, inside[-1].run


def _empty_anchor(p):
    """An empty run to anchor a comment on an empty paragraph (a blank cell)."""
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    ppr = p.find(q("pPr"))
    if ppr is not None:
        ppr.addnext(r)
    else:
        p.insert(0, r)
    return r, r


# ---------------------------------------------------------------- text input → .docx
def build_docx(doc: Document):
    """A .docx built from a text Document, and its block elements (same indices)."""
    import docx

    d = docx.Document()
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            d.add_paragraph(b.text)
        elif isinstance(b, Table):
            ncols = max(b.ncols, 1)
            t = d.add_table(rows=max(b.nrows, 1), cols=ncols)
            try:
                t.style = "Table Grid"
            except (KeyError, ValueError):  # pragma: no cover - template without the style
                pass
            for cell in b.cells():
                r2 = min(cell.row + cell.rowspan - 1, b.nrows - 1)
                c2 = min(cell.col + cell.colspan - 1, ncols - 1)
                target = t.cell(cell.row, cell.col)
                if (r2, c2) != (cell.row, cell.col):
                    target = target.merge(t.cell(r2, c2))
                lines = cell.text.split("\n")
                target.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    target.add_paragraph(line)
            # a run of tables must not touch: Word would join them visually (the reader would not)
    return d


# ---------------------------------------------------------------- comments
def comment_text(f, key: str) -> str:
    lines = [f"{f.message}"]
    ev = evidence_items(f.evidence)
    if ev:
        lines.append("依据：" + "；".join(f"{k}：{v}" for k, v in ev))
    if f.related:
        lines.append("另见：" + "；".join(location_text(r) for r in f.related))
    if f.suggestion:
        lines.append("建议：" + f.suggestion)
    lines.append(f"〔{f.rule}·{key}〕{SEV_ZH.get(f.severity, f.severity)} · {CAT_ZH.get(f.category, f.category)}")
    return "\n".join(lines)


def _anchor_cell(tc, s: int | None, e: int | None):
    """(first w:r, last w:r) over [s, e) of a cell's text (None, None: all of it)."""
    segs = cell_segments(tc)
    if not segs:
        return None
    total = segs[-1][2]
    if s is None:
        s, e = 0, total
    hits = []
    for p, ps, pe in segs:
        lo, hi = max(s, ps), min(e, pe)
        if lo < hi:
            got = anchor_runs(p, lo - ps, hi - ps)
            if got:
                hits.append(got)
    if hits:
        return hits[0][0], hits[-1][1]
    return _empty_anchor(segs[0][0])


def _locate(doc: Document, blocks, f):
    """(first w:r, last w:r) covering the finding's characters, or None.

    The place is resolved on the reader's Document (``resolve_place``) and then
    found in the XML by the same block index / grid position."""
    place = resolve_place(doc, f.location, f.text)
    if place is None or len(blocks) != len(doc.blocks):
        return None
    kind, block = place[0], place[1]
    k, el = blocks[block.block]
    if kind == "p" and k == "p":
        s, e = place[2], place[3]
        return anchor_runs(el, s, e) or _empty_anchor(el)
    if k != "tbl":
        return None
    if kind == "cell":
        cell, s, e = place[2], place[3], place[4]
        tc = find_cell(el, cell.row, cell.col)
        return _anchor_cell(tc, s, e) if tc is not None else None
    if kind in ("row", "table"):
        row = place[2] if kind == "row" else 0
        cells = [c for c in block.cells() if c.row == row] or list(block.cells())[:1]
        if not cells:
            return None
        first = find_cell(el, cells[0].row, cells[0].col)
        last = find_cell(el, cells[-1].row, cells[-1].col)
        a = _anchor_cell(first, None, None) if first is not None else None
        z = _anchor_cell(last, None, None) if last is not None else None
        if a and z:
            return a[0], z[1]
        return a or z
    return None


def _fallback_anchor(blocks):
    """Report-level findings (no place in the text) go on the first non-empty paragraph."""
    for kind, el in blocks:
        if kind == "p" and paragraph_text(el).strip():
            return anchor_runs(el, 0, len(paragraph_text(el)))
    for kind, el in blocks:
        if kind == "p":
            return _empty_anchor(el)
    return None


def annotate(result, out_path: str) -> dict:
    """Write an annotated copy of ``result``'s report to ``out_path`` and a sidecar
    ``<out>.json`` listing every finding with its key.  Returns a small summary."""
    import docx

    rep = result.report
    src = result.path
    out_path = str(out_path)
    if os.path.exists(src) and os.path.exists(out_path) and os.path.samefile(src, out_path):
        raise ValueError(f"{out_path}: refusing to overwrite the input")
    if rep.document.reader == "docx":
        d = docx.Document(src)
        blocks = block_elements(d.element.body)
    else:
        d = build_docx(rep.document)
        blocks = block_elements(d.element.body)
    placed, unplaced = 0, []
    manifest = []
    for f in result.findings:
        key = finding_key(f)
        anchor = _locate(rep.document, blocks, f)
        whole = False
        if anchor is None:
            anchor = _fallback_anchor(blocks)
            whole = True
        entry = {"key": key, **f.to_dict()}
        if anchor is None:
            unplaced.append(key)
            entry["placed"] = False
            manifest.append(entry)
            continue
        text = comment_text(f, key)
        if whole:
            text = "（全文）" + text
        c = d.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
        first, last = anchor
        first.insert_comment_range_start_above(c.comment_id)
        last.insert_comment_range_end_and_reference_below(c.comment_id)
        placed += 1
        entry["placed"] = True
        manifest.append(entry)
    from ..outputs import mark_docx, save_with, write_text

    mark_docx(d)
    save_with(out_path, d.save)
    sidecar = sidecar_path(out_path)
    write_text(sidecar, json.dumps({"tool": "narrcheck", "source": src, "docx": os.path.basename(out_path),
                                    "findings": manifest}, ensure_ascii=False, indent=1))
    return {"path": out_path, "comments": placed, "unplaced": unplaced, "sidecar": sidecar}


def sidecar_path(docx_path: str) -> str:
    base = docx_path[:-5] if docx_path.lower().endswith(".docx") else docx_path
    return base + ".json"


def output_name(src: str) -> str:
    stem = os.path.splitext(os.path.basename(src))[0]
    return f"{stem}.narrcheck.docx"


# ---------------------------------------------------------------- reading comments back
def read_comments(path: str) -> list[dict]:
    """Every comment of a .docx with the text it is anchored on.

    ``[{id, author, text, anchor, block, in_table, tag, key, rule}]``; ``anchor`` is
    the visible text between commentRangeStart and commentRangeEnd (paragraph
    breaks as newlines), ``block`` the reader's block index where it starts."""
    import docx

    d = docx.Document(path)
    body = d.element.body
    anchors: dict[str, list[str]] = {}
    where: dict[str, tuple[int, bool]] = {}
    open_ids: list[str] = []

    def walk(el, block, in_table):
        for child in el.iterchildren():
            tag = child.tag
            if tag == CRS:
                cid = child.get(q("id"))
                open_ids.append(cid)
                anchors.setdefault(cid, [])
                where.setdefault(cid, (block, in_table))
            elif tag == CRE:
                cid = child.get(q("id"))
                if cid in open_ids:
                    open_ids.remove(cid)
            elif tag in SKIP_SUBTREES or tag == TXBX or tag == FALLBACK:
                continue
            elif tag == R and is_hidden_run(child):
                continue
            elif tag == TBL and in_table:
                continue  # a table nested in a cell is a block of its own (iter_body), walked there
            elif tag == T:
                for cid in open_ids:
                    anchors[cid].append(child.text or "")
            elif tag in (TAB, BR, CR):
                for cid in open_ids:
                    anchors[cid].append("\t" if tag == TAB else "\n")
            elif tag == P:
                walk(child, block, in_table)
                for cid in open_ids:
                    anchors[cid].append("\n")
            else:
                walk(child, block, in_table or tag == TBL)

    for i, (kind, el) in enumerate(block_elements(body)):
        walk(el if kind == "tbl" else _wrap(el), i, kind == "tbl")
    out = []
    for c in d.comments:
        cid = str(c.comment_id)
        text = c.text
        m = TAG_RX.search(text)
        block, in_table = where.get(cid, (None, False))
        out.append({"id": c.comment_id, "author": c.author, "text": text,
                    "anchor": "".join(anchors.get(cid, [])).rstrip("\n"), "block": block, "in_table": in_table,
                    "rule": m.group(1) if m else None, "key": m.group(2) if m else None})
    return out


class _wrap:
    """Lets ``walk`` treat a single w:p like a container of it."""

    def __init__(self, p):
        self.p = p

    def iterchildren(self):
        return iter([self.p])
