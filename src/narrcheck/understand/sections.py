"""Section tree from headings (一、 （一） 1. （1） 附件N, form titles).

Real reports number their outline inconsistently (``1、`` at the top level,
``（3）`` after ``（一）``), so levels are not fixed per numbering style: a
heading style that is already open closes everything below it, an unseen
style opens one level deeper, and a style of higher default rank closes
deeper ones.  ``附件N`` always starts a new top-level section.

Headings are read from paragraphs and from single-cell table rows (some
reports put 一、部门（单位）基本概况 inside the form as a full-width row).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import Document, Paragraph, Table

STYLES = [
    ("annex", re.compile(r"^\s*附\s*件\s*[0-9一二三四五六七八九十]+\s*[：:、.]?\s*$|^\s*附\s*件\s*[0-9一二三四五六七八九十]+\s*$")),
    ("cn_num", re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、．.]")),
    ("cn_paren", re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    ("arabic", re.compile(r"^\s*\d{1,2}\s*[、．.](?!\d)")),
    ("arabic_paren", re.compile(r"^\s*[（(]\s*\d{1,2}\s*[）)]")),
]
RANK = {"annex": 0, "title": 1, "cn_num": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}
FORM_TITLE = re.compile(r"(自评表|基础数据表|评分表|得分表|评价表|绩效目标表)\s*$")
MAX_HEADING = 40


@dataclass
class Section:
    title: str
    level: int
    style: str
    block: int
    row: int | None = None
    children: list["Section"] = field(default_factory=list)
    path: str = ""

    def to_dict(self) -> dict:
        return {"title": self.title, "level": self.level, "block": self.block, "row": self.row,
                "path": self.path, "children": [c.to_dict() for c in self.children]}


def heading_style(text: str) -> str | None:
    t = text.strip()
    if not t or len(t) > MAX_HEADING + 20:
        return None
    for style, rx in STYLES:
        if rx.match(t):
            if style == "annex":
                return style
            # a numbered paragraph is a heading only when short and not a sentence
            if len(t) > MAX_HEADING or t.endswith(("。", "；", ";")):
                return None
            return style
    if FORM_TITLE.search(t) and len(t) <= 50:
        return "title"
    return None


def clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


@dataclass
class SectionIndex:
    root: list[Section]
    # (block, row) -> section path; row None for paragraphs / whole tables
    _marks: list[tuple[int, int, str]]

    def __post_init__(self) -> None:
        self._keys = [(b, r) for b, r, _ in self._marks]

    def path_at(self, block: int, row: int | None = None) -> str:
        """Section path in force at a block (and row of a table)."""
        i = bisect_right(self._keys, (block, -1 if row is None else row))  # last mark <= key
        return self._marks[i - 1][2] if i else ""


def build_sections(doc: Document) -> SectionIndex:
    root: list[Section] = []
    stack: list[Section] = []
    marks: list[tuple[int, int, str]] = []

    def open_section(title: str, style: str, block: int, row: int | None):
        if style == "annex":
            stack.clear()
        else:
            styles = [s.style for s in stack]
            if style in styles:
                del stack[styles.index(style):]
            else:
                while stack and stack[-1].style != "annex" and RANK[stack[-1].style] >= RANK[style]:
                    stack.pop()
        level = len(stack)
        sec = Section(title=clean_title(title), level=level, style=style, block=block, row=row)
        (stack[-1].children if stack else root).append(sec)
        stack.append(sec)
        sec.path = " > ".join(s.title for s in stack)
        marks.append((block, -1 if row is None else row, sec.path))

    for b in doc.blocks:
        if isinstance(b, Paragraph):
            st = heading_style(b.text)
            if st:
                open_section(b.text, st, b.block, None)
        elif isinstance(b, Table):
            for r, row in enumerate(b.rows):
                texts = [c.text for c in row if c.text.strip()]
                if len(texts) == 1 and row and row[0].colspan == b.ncols or (len(row) == 1 and texts):
                    st = heading_style(texts[0])
                    if st in ("cn_num", "annex"):
                        open_section(texts[0], st, b.block, r)
    return SectionIndex(root=root, _marks=marks)
