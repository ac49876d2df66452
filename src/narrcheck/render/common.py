"""Small helpers shared by the HTML, Word and spreadsheet renderers.

They only *present* findings: labels in Chinese, a stable key per finding, the
evidence as (label, value) pairs.  Nothing here decides what is wrong.
"""
from __future__ import annotations

import hashlib

from ..findings import SEVERITY_RANK
from .text import CAT_ZH, SEV_ZH, where

__all__ = ["CAT_ZH", "SEV_ZH", "where", "finding_key", "evidence_items", "evidence_text", "counts",
           "sorted_findings", "EVIDENCE_ZH", "location_text"]

# the one evidence formatter (labels, order and formatting declared by each rule): narrcheck.evidence
from ..evidence import COMMON as EVIDENCE_ZH  # noqa: E402  (kept for importers of the old name)


def finding_key(f) -> str:
    """A short key that identifies a finding across runs on the same document
    (rule + place + text).  Used to tie Word comments back to findings."""
    loc = f.location
    raw = "|".join(str(x) for x in (f.rule, loc.block, loc.table, loc.row, loc.col, loc.paragraph, loc.start,
                                    loc.end, f.text))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]


def evidence_items(ev: dict | None, rule: str | None = None) -> list[tuple[str, str]]:
    """``[(中文标签, text)]`` of a finding's evidence (``narrcheck.evidence.evidence_items``)."""
    from ..evidence import evidence_items as items

    return items(rule, ev)


def evidence_text(ev: dict | None, sep: str = "；", rule: str | None = None) -> str:
    return sep.join(f"{k}：{v}" for k, v in evidence_items(ev, rule))


def location_text(loc) -> str:
    """Where a place is, in Chinese, with the section when the form title is missing."""
    return where(loc) or (loc.section or "全文")


def counts(findings) -> dict:
    c = {"error": 0, "warning": 0, "info": 0, "total": len(findings)}
    for f in findings:
        c[f.severity] = c.get(f.severity, 0) + 1
    return c


def sorted_findings(findings):
    """Document order (the order checks return them in)."""
    return sorted(findings, key=lambda f: f.sort_key())


def most_severe(findings) -> str | None:
    return max((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 0), default=None)


# ---------------------------------------------------------------- where a finding sits
def clamp_span(start, end, n: int, text: str = "", whole_if_empty: bool = True) -> tuple[int, int]:
    s = 0 if start is None else max(0, min(start, n))
    e = n if end is None else max(0, min(end, n))
    if e <= s and whole_if_empty:
        s, e = 0, n
    return s, e


def resolve_place(doc, loc, text: str = ""):
    """Where a location points in a Document, in the reader's own terms.

    Returns one of
      ("p", paragraph, start, end)
      ("cell", table, cell, start, end)
      ("row", table, row_index, None, None)     a row-level finding no cell of which holds its text
      ("table", table, None, None, None)        a table-level finding
      None                                      a report-level finding (no place in the text)
    Offsets come from the location; a row-level finding (no column) is put on
    the cell of that row whose text holds the finding's text."""
    from ..model import Paragraph, Table

    if loc is None or loc.block is None or not 0 <= loc.block < len(doc.blocks):
        return None
    b = doc.blocks[loc.block]
    if isinstance(b, Paragraph):
        s, e = clamp_span(loc.start, loc.end, len(b.text))
        return ("p", b, s, e)
    if not isinstance(b, Table):
        return None
    if loc.row is None or not 0 <= loc.row < b.nrows:
        return ("table", b, None, None, None)
    dense = b.dense()
    if loc.col is not None and 0 <= loc.col < b.ncols and dense[loc.row][loc.col] is not None:
        cell = dense[loc.row][loc.col]
        s, e = clamp_span(loc.start, loc.end, len(cell.text))
        return ("cell", b, cell, s, e)
    seen, cells = set(), []
    for c in dense[loc.row]:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            cells.append(c)
    if text:
        for c in cells:
            if loc.start is not None and loc.end is not None and c.text[loc.start:loc.end] == text:
                return ("cell", b, c, loc.start, loc.end)
        for c in cells:
            i = c.text.find(text)
            if i >= 0:
                return ("cell", b, c, i, i + len(text))
    return ("row", b, loc.row, None, None)
