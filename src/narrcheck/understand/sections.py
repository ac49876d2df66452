"""Section tree from headings (一、 （一） 1. （1） 附件N, form titles).

Real reports number their outline inconsistently (``1、`` at the top level,
``（3）`` after ``（一）``), so levels are not fixed per numbering style: a
heading style that is already open closes everything below it, an unseen
style opens one level deeper, and a style of higher default rank closes
deeper ones.  ``附件N`` always starts a new top-level section.

Headings are read from paragraphs and from single-cell table rows (some
reports put 一、部门（单位）基本概况 inside the form as a full-width row, WPS
templates the whole report with its （一）… subheadings; a form's title may
be the first row of its table).

In .docx the outline number is often drawn by Word's list numbering and is
not in the text: the reader gives it as ``Paragraph.label`` and the heading
is read from label + text.  A short paragraph with an outline level (Heading
1/2/… styles, w:outlineLvl) and no number is a heading of that level.
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
# "第一部分 部门概况", "第三章 绩效目标实现情况": a part above the 一、… outline
PART = re.compile(r"^\s*第\s*[一二三四五六七八九十]{1,3}\s*(?:部分|章|篇)(?=[\s：:、，,]|[\u4e00-\u9fff])")
# a Markdown heading marker ("## 一、部门基本情况" in a .md report)
MD_HEADING = re.compile(r"^\s*(#{1,6})[ \t]+(?=\S)")
# a run-in heading: "七、项目管理情况。一是严格对象认定。…" — a numbered title closed by 。/： with its
# text in the same paragraph
RUN_IN = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|第\s*[一二三四五六七八九十]{1,3}\s*部分)\s*"
                    r"([\u4e00-\u9fff、（）()“”]{2,18})[。：:]\s*(?=\S)")
RANK = {"annex": 0, "part": 0.5, "title": 1, "cn_num": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}
# un-numbered headings marked by an outline level (Heading 1 → outline0)
RANK.update({f"outline{n}": n + 1 for n in range(9)})
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
    md = MD_HEADING.match(t)
    if md:
        t = t[md.end():]
    if not t or len(t) > MAX_HEADING + 20:
        return None
    if PART.match(t) and len(t) <= MAX_HEADING and not t.endswith(("。", "；", ";")):
        return "part"
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
    if md and len(t) <= MAX_HEADING and not t.endswith(("。", "；", ";", "：", ":")):
        return f"outline{min(len(md.group(1)) - 1, 8)}"
    return None


def cn_number(text: str) -> int | None:
    """1–99 written 一 … 九十九 (the outline number of 七、/ 第三部分)."""
    d = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
    t = (text or "").strip()
    if not t or any(c not in d and c != "十" for c in t):
        return None
    if "十" not in t:
        return d[t] if len(t) == 1 else None
    hi, _, lo = t.partition("十")
    if len(hi) > 1 or len(lo) > 1:
        return None
    return (d[hi] if hi else 1) * 10 + (d[lo] if lo else 0)


def run_in_heading(text: str, after: int | None = None) -> str | None:
    """The title of a run-in heading: a numbered title closed by 。/： with its text in the same
    paragraph ("九、下一步工作。2020年，…" → "九、下一步工作").  It opens a section when the title
    names a section role (下一步, 存在问题, 自评结论…) or when its number continues the outline
    (``after`` = the number of the 一、… section in force: 七 after 六).  A numbered item whose
    title names no known section ("一、加强组织领导。成立了…" inside 改进措施) stays an item."""
    m = RUN_IN.match(text or "")
    if not m:
        return None
    from ..nlp.classifier import section_role

    title = text[:m.end()].strip().rstrip("。：:")
    if section_role(title) not in ("other", "form"):
        return title
    num = re.match(r"\s*(?:第\s*)?([一二三四五六七八九十]{1,3})", title)
    n = cn_number(num.group(1)) if num else None
    return title if n is not None and after is not None and n == after + 1 else None


def outline_style(text: str, level: int) -> str | None:
    """Style of a paragraph marked as a heading only by its outline level."""
    t = text.strip()
    if not t or len(t) > MAX_HEADING or t.endswith(("。", "；", ";", "：", ":")):
        return None
    return f"outline{level}"


def clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", MD_HEADING.sub("", text.strip(), count=1))


@dataclass
class SectionIndex:
    root: list[Section]
    # (block, row) -> section path; row None for paragraphs / whole tables
    _marks: list[tuple[int, int, str]]

    def __post_init__(self) -> None:
        self._keys = [(b, r) for b, r, _ in self._marks]

    def heading_blocks(self) -> set[int]:
        """Blocks of the paragraphs that open a section."""
        return {b for b, r, _ in self._marks if r == -1}

    def path_at(self, block: int, row: int | None = None) -> str:
        """Section path in force at a block (and row of a table)."""
        i = bisect_right(self._keys, (block, -1 if row is None else row))  # last mark <= key
        return self._marks[i - 1][2] if i else ""


def top_number(stack: list[Section]) -> int | None:
    """Outline number of the 一、… section in force (None when there is none)."""
    for sec in stack:
        if sec.style == "cn_num":
            m = re.match(r"\s*([一二三四五六七八九十]{1,3})", sec.title)
            return cn_number(m.group(1)) if m else None
    return None


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
                while stack and stack[-1].style != "annex" and (RANK[stack[-1].style] >= RANK[style]
                                                                or style == "title" and stack[-1].style == "part"):
                    stack.pop()   # a form title (…自评表) is not part of the 第N部分 before it
        level = len(stack)
        sec = Section(title=clean_title(title), level=level, style=style, block=block, row=row)
        (stack[-1].children if stack else root).append(sec)
        stack.append(sec)
        sec.path = " > ".join(s.title for s in stack)
        marks.append((block, -1 if row is None else row, sec.path))

    for b in doc.blocks:
        if isinstance(b, Paragraph):
            text = b.display if b.label else b.text
            st = heading_style(text)
            if not st and b.outline is not None and b.origin == "body":
                st = outline_style(text, b.outline)
            if st:
                open_section(text, st, b.block, None)
            elif b.origin == "body":
                title = run_in_heading(text, top_number(stack))
                if title:
                    open_section(title, "part" if title.lstrip().startswith("第") else "cn_num", b.block, None)
        elif isinstance(b, Table):
            report_table = False    # the table holds the report's own 一、… headings
            for r, row in enumerate(b.rows):
                texts = [c.text for c in row if c.text.strip()]
                if len(texts) == 1 and row and row[0].colspan == b.ncols or (len(row) == 1 and texts):
                    st = heading_style(texts[0])
                    if st in ("cn_num", "annex") or (st == "cn_paren" and report_table) \
                            or (st == "title" and r <= 1 and row[0].colspan >= 2):
                        # （一）… rows count once the table has shown 一、… rows; a form
                        # title (…自评表) counts in the first rows, above the header
                        open_section(texts[0], st, b.block, r)
                        report_table = report_table or st == "cn_num"
    return SectionIndex(root=root, _marks=marks)
