"""Report metadata: title, year, department/unit, kind (部门整体 / 项目)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Paragraph, Table
from .values import normalize

YEAR_RE = re.compile(r"(20\d{2})\s*年\s*度?")
DEPT_LABEL = re.compile(
    r"^(?:部门（单位）名称|部门\(单位\)名称|预算部门、单位名称|市级预算部门名称|预算部门名称|部门名称|单位名称|项目实施单位|实施单位|填报单位|报送单位|项目单位|主管部门)\s*[：:]?\s*(.*)$"
)
DEPT_SUFFIX = re.compile(
    r"(人民政府办公室|人民政府|办公室|委员会|局|厅|委|中心|院|所|站|馆|办|处|队|会|部|署|社|校|学校|医院)$"
)
# A unit describing its own nature in the narrative (单位性质): "长沙市岳麓区人民政府办公室为财政全额拨款行政单位".
# The name must start with a named place (长沙市…, 中共岳阳市…), so that "区政府办公室是…" (no place
# name) is not taken, and the predicate must be about the unit's nature, so that "岳阳市财政局是本次评价的
#组织单位" is not either.
SELF_DESCRIPTION = re.compile(
    r"(?:^|[。；;：:]|单位性质|单位简介|机构性质)\s*"
    r"(?P<name>(?:中共)?[\u4e00-\u9fff]{2,8}?(?:省|市|自治州|州|盟|地区|区|县|旗)[\u4e00-\u9fff（）()]{0,24}?"
    + DEPT_SUFFIX.pattern.rstrip("$") + ")"
    r"(?:为|是|系|属于?)[^。；;]{0,30}?"
    r"(?:行政单位|事业单位|行政机关|办事机构|工作部门|职能部门|组成部门|直属机构|参公单位|参照公务员法管理|"
    r"全额拨款|差额拨款|自收自支|一级预算单位|二级预算单位|预算单位)"
)
DATE_RE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})?\s*日?")


# labels a table names the reporting unit with (a paragraph may use any DEPT_LABEL)
_TABLE_UNIT_LABELS = ("部门（单位）名称", "预算部门、单位名称", "市级预算部门名称", "预算部门名称", "部门名称", "单位名称")


@dataclass
class LabelledUnit:
    label: str
    name: str
    block: int
    row: int | None = None
    col: int | None = None


def labelled_units(doc: Document, limit: int | None = None):
    """Unit names written after a label (部门（单位）名称：…, 填报单位：…, or a
    table cell 单位名称 followed by the name), in document order; ``limit``
    stops after that many blocks.  Tables give at most one per row."""
    for b in doc.blocks[:limit]:
        if isinstance(b, Paragraph):
            mm = DEPT_LABEL.match(b.text.strip())
            if mm and mm.group(1).strip(" （）()盖章"):
                name = _clean_unit(mm.group(1))
                if name:
                    label = re.sub(r"\s*[：:]?\s*$", "", b.text.strip()[:mm.start(1)])
                    yield LabelledUnit(label, name, b.block)
        elif isinstance(b, Table):
            for row in b.rows:
                cells = [c for c in row if c.text.strip()]
                for i, c in enumerate(cells[:-1]):
                    tt = re.sub(r"\s+", "", c.text)
                    if DEPT_LABEL.match(tt) and tt.rstrip("：:") in _TABLE_UNIT_LABELS:
                        nxt = cells[i + 1]
                        name = _clean_unit(nxt.text)
                        if name:
                            yield LabelledUnit(tt.rstrip("：:"), name, b.block, nxt.row, nxt.col)
                        break


def _clean_unit(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"[（(]\s*盖章\s*[)）]", "", text or "")).strip()


def title_unit(title: str) -> str:
    """The unit named in a report title: between the year and 部门整体/整体支出/
    项目支出/绩效, or before the year; "" when there is none."""
    if not title:
        return ""
    t = re.sub(r"^.*?20\d{2}\s*年度?", "", title)
    t = re.split(r"部门整体|整体支出|项目支出|部门\(单位\)|部门（单位）|绩效", t)[0]
    if DEPT_SUFFIX.search(t):
        return t
    head = re.split(r"20\d{2}", title)[0]
    return head if DEPT_SUFFIX.search(head) else ""


@dataclass
class Meta:
    title: str = ""
    year: int | None = None
    department: str = ""
    kind: str = ""            # "部门整体" | "项目" | ""
    report_date: tuple | None = None   # (y, m, d) of 报告日期 when printed
    year_source: str = ""

    def to_dict(self) -> dict:
        return {"title": self.title, "department": self.department, "year": self.year,
                "kind": self.kind, "report_date": list(self.report_date) if self.report_date else None}


def _title_lines(doc: Document) -> list[Paragraph]:
    out = []
    for b in doc.blocks[:12]:
        if isinstance(b, Table):
            break
        if isinstance(b, Paragraph) and b.text.strip():
            t = b.text.strip()
            if re.match(r"^附\s*件\s*[0-9一二三四五六七八九十]*$", t):
                continue
            if re.match(r"^[一二三四五六七八九十]+\s*[、.．]", t):
                break
            out.append(b)
    return out


_PROJECT_TITLE = re.compile(r"项目|专项|补助资金|专项资金|转移支付|资金绩效")


def report_kind(title: str, doc: Document | None = None) -> str:
    """部门整体 or 项目 from the title — 整体 wins, then a project or fund word
    (…补助资金项目绩效自评报告, …专项资金绩效自评报告, 局部门管理的…项目), then
    部门 — else from the forms and text of the first 200 blocks; "" when
    nothing says."""
    t = re.sub(r"\s+", "", title or "")
    if "整体" in t:
        return "部门整体"
    if _PROJECT_TITLE.search(t):
        return "项目"
    if "部门" in t:
        return "部门整体"
    if doc is None:
        return ""
    text = "\n".join(b.text for b in doc.blocks[:200] if isinstance(b, Paragraph))
    dept, proj = text.count("部门整体支出"), text.count("项目支出绩效自评")
    if dept or proj:
        return "部门整体" if dept >= proj else "项目"
    return ""


_IMPLEMENTER = re.compile(r"实施单位|项目单位")


def extract_meta(doc: Document) -> Meta:
    m = Meta()
    lines = _title_lines(doc)
    title_parts = []
    for p in lines:
        t = re.sub(r"\s+", "", p.text)
        if any(k in t for k in ("报告", "自评", "绩效", "年度", "支出")) and len(t) <= 60 and "：" not in t:
            title_parts.append(t)
            if len("".join(title_parts)) > 15 and ("报告" in t or t.endswith("表")):
                break
        elif title_parts:
            break
    m.title = "".join(title_parts)

    # year: title first, else the most common "20XX年度" near the top
    ty = YEAR_RE.search(normalize(m.title))
    if ty:
        m.year, m.year_source = int(ty.group(1)), "title"
    else:
        counts: Counter = Counter()
        for b in doc.blocks[:80]:
            text = b.text if isinstance(b, Paragraph) else " ".join(c.text for c in b.cells())
            for y in re.findall(r"(20\d{2})\s*年度", normalize(text)):
                counts[int(y)] += 1
        if counts:
            m.year, m.year_source = counts.most_common(1)[0][0], "body"

    # department: a reporting-unit field first, then a unit line above the title, then an
    # implementing-unit field (项目实施单位 is often a subordinate 中心 of the reporting department),
    # then the title
    units = list(labelled_units(doc, limit=150))
    dept = next((u.name for u in units if not _IMPLEMENTER.search(u.label)), "")
    if not dept:
        # a unit name on its own line above the title
        for p in lines:
            t = re.sub(r"\s+", "", p.text)
            if len(t) <= 30 and DEPT_SUFFIX.search(t) and not re.search(r"报告|绩效|年度|表$|[：:]", t):
                dept = t
                break
    if not dept and units:
        dept = units[0].name
    if not dept:
        dept = title_unit(m.title)
    if not dept:
        dept = _self_described_unit(doc)
    m.department = re.sub(r"\s+", "", dept)

    m.kind = report_kind(m.title, doc)

    # portal pages: 发布机构 / 成文日期 lines kept by the HTML reader
    for b in doc.blocks[:20]:
        if isinstance(b, Paragraph) and b.origin == "meta":
            mm = re.match(r"^\s*(发布机构|发文机关|来源)\s*[：:]\s*(\S.*)$", b.text)
            if mm and not m.department:
                m.department = re.sub(r"\s+", "", mm.group(2))
    # the date line sits near the top or in the sign-off under the forms (after empty paragraphs and
    # split tables in Word): the first 30 blocks, then the last 60
    blocks = doc.blocks
    near = list(blocks[:30]) + [b for b in blocks[max(30, len(blocks) - 60):]]
    for b in near:
        if isinstance(b, Paragraph) and re.search(r"(报告|填报|评价|报送|成文)日期", b.text):
            dm = DATE_RE.search(normalize(b.text))
            if dm:
                m.report_date = (int(dm.group(1)), int(dm.group(2)), int(dm.group(3)) if dm.group(3) else None)
                break
    return m


def _self_described_unit(doc: Document) -> str:
    """The unit's full name from the sentence where it states its own nature
    (:data:`SELF_DESCRIPTION`), the last resort when no labelled field, unit
    line or title names it (seed 000 only names itself this way)."""
    for b in doc.blocks[:200]:
        texts = [b.text] if isinstance(b, Paragraph) else [c.text for c in b.cells()]
        for text in texts:
            mm = SELF_DESCRIPTION.search(re.sub(r"\s+", "", normalize(text or "")))
            if mm:
                return mm.group("name")
    return ""
