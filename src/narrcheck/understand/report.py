"""Assemble a Report: meta, sections, chunks and forms of one Document."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Chunk, Document, Location, Paragraph, Table
from .forms import Form, FundRow, IndicatorRow, Record, parse_forms
from .meta import Meta, extract_meta
from .sections import SectionIndex, build_sections, heading_style

_SENTENCE_END = re.compile(r"[。！？；!?;]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) on 。！？；and line breaks, whitespace trimmed
    (``nlp.segment.sentences``, which needs neither jieba nor spaCy)."""
    from ..nlp.segment import sentences

    return list(sentences(text))


@dataclass
class Report:
    path: str
    document: Document
    meta: Meta
    sections: SectionIndex
    forms: list[Form]
    chunks: list[Chunk] = field(default_factory=list)

    @cached_property
    def facts(self):
        """The report's figure facts (``understand.facts.Facts``), built on first use."""
        from .facts import Facts

        return Facts(self)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [r for f in self.forms if f.kind == "indicator" for r in f.indicators]

    @property
    def indicator_forms(self) -> list[Form]:
        return [f for f in self.forms if f.kind == "indicator"]

    @property
    def funds(self) -> list[FundRow]:
        return [r for f in self.forms if f.kind == "funds" for r in f.funds]

    def forms_of(self, kind: str) -> list[Form]:
        return [f for f in self.forms if f.kind == kind]

    def records(self, kind: str) -> list[Record]:
        return [r for f in self.forms for r in f.records if r.kind == kind]

    def narrative(self, kind: str = "paragraph") -> list[Chunk]:
        """Narrative chunks: body paragraphs and long free-text cells outside forms."""
        return [c for c in self.chunks if c.kind == kind]

    def form_cell_ids(self) -> set[tuple[int, int, int]]:
        ids = set()
        for f in self.forms:
            for r in f.records:
                for fv in r.fields.values():
                    if fv.cell is not None:
                        ids.add((r.block, fv.cell.row, fv.cell.col))
        return ids


def build_chunks(doc: Document, sections: SectionIndex, forms: list[Form]) -> list[Chunk]:
    """Paragraph, sentence and cell chunks with stable locations.  A web page's 信息公开
    fields (``origin="meta"``: 索引号, 发布机构 …) are not report text and get no chunk.

    Headings known only by their list label or outline level (.docx) get a
    paragraph chunk but no sentence chunks.  Cells that belong to a form
    record carry the record's field name; long
    free-text cells (≥ 30 characters) that are not form values are also given
    sentence chunks, since many reports write their narrative inside tables.
    In a table that holds the report itself (its rows carry 一、… headings),
    a full-width row outside a form that writes sentences is narrative and
    gets sentence chunks whatever its length."""
    report_tables = _report_tables(sections)
    headings = sections.heading_blocks()
    field_of: dict[tuple[int, int, int], tuple[str, str, str]] = {}
    for f in forms:
        for rec in f.records:
            for name, fv in rec.fields.items():
                if fv.cell is not None:
                    field_of[(rec.block, fv.cell.row, fv.cell.col)] = (name, fv.column, f.title)
    chunks: list[Chunk] = []
    pno = 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            text = b.text
            if not text.strip() or b.origin == "meta":
                continue        # a page's 发布机构/索引号 fields are not report text
            sec = sections.path_at(b.block)
            loc = Location(section=sec, block=b.block, paragraph=pno, start=0, end=len(text))
            pno += 1
            chunks.append(Chunk("paragraph", text, loc, sec))
            if (b.label or b.outline is not None) and b.block in headings:
                # a heading whose number Word draws (list numbering) or marked by its
                # style: its text alone does not look like a heading, it is not a sentence
                continue
            for s, e in split_sentences(text):
                chunks.append(Chunk("sentence", text[s:e], Location(section=sec, block=b.block,
                                                                     paragraph=loc.paragraph, start=s, end=e), sec))
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    if not cell.text.strip():
                        continue
                    sec = sections.path_at(b.block, cell.row)
                    fld, column, form = field_of.get((b.block, cell.row, cell.col), ("", None, None))
                    loc = Location(section=sec, block=b.block, table=b.number, row=cell.row, col=cell.col,
                                   column=column, form=form, start=0, end=len(cell.text))
                    chunks.append(Chunk("cell", cell.text, loc, sec, field=fld))
                    if len(cell.text.strip()) >= 30 or (b.block in report_tables and not fld and len(row) == 1
                                                        and cell.colspan >= max(2, b.ncols - 1)
                                                        and _SENTENCE_END.search(cell.text)
                                                        and not heading_style(cell.text)):
                        for s, e in split_sentences(cell.text):
                            chunks.append(Chunk("sentence", cell.text[s:e],
                                                Location(section=sec, block=b.block, table=b.number, row=cell.row,
                                                         col=cell.col, column=column, form=form, start=s, end=e),
                                                sec, field=fld))
    return chunks


def _report_tables(sections: SectionIndex) -> set[int]:
    """Blocks of tables in whose rows the report's 一、… headings stand."""
    out: set[int] = set()
    stack = list(sections.root)
    while stack:
        sec = stack.pop()
        if sec.row is not None and sec.style == "cn_num":
            out.add(sec.block)
        stack.extend(sec.children)
    return out


# readers whose forms may arrive without a grid (their lines hold the cells)
_REGRID_READERS = {"text": None, "html": None, "pdf": "pdf"}


def understand(doc: Document) -> Report:
    if doc.reader in _REGRID_READERS:
        from ..model import number_blocks
        from .regrid import regrid_blocks

        blocks = regrid_blocks(doc.blocks, mode=_REGRID_READERS[doc.reader])
        if len(blocks) != len(doc.blocks) or any(a is not b for a, b in zip(blocks, doc.blocks)):
            doc.blocks = number_blocks(blocks)
    sections = build_sections(doc)
    forms = parse_forms(doc, section_at=sections.path_at)
    meta = extract_meta(doc)
    chunks = build_chunks(doc, sections, forms)
    return Report(path=doc.path, document=doc, meta=meta, sections=sections, forms=forms, chunks=chunks)
