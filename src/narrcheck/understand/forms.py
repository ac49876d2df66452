"""Header-driven recognition of the forms inside tables → typed records.

A table may hold several blocks (funds, goal, indicators in one Word table),
and one form may be split over several tables.  We scan rows; a row whose
cells name at least two distinct canonical fields (domain-rules.md §1.3) is a
header; a header row directly followed by another header-like row without
numbers is joined with it (two-row headers).  Data rows are read under the
current header until a closing row (总分/合计), another header, or a row that
does not fit.

Level-1/2 labels carry down (vertically merged cells in .docx, empty cells in
text exports); numbers do not: a 分值/得分 cell merged over several rows is
the value of its first row only.  Data cells under one header cell that spans
several columns (``≥`` | ``12处`` under 年度指标值) are read as one value.
Numbering prefixes are stripped from names; empty template rows (no name or
a placeholder such as …… / XX, and no values) are kept and marked ``empty``.
A short 续表 paragraph between two tables does not end a split form.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..model import Cell, Document, Location, Paragraph, Table
from .values import Value, normalize
from .values import parse_value as _parse_value_uncached


@functools.lru_cache(maxsize=8192)
def parse_value(text: str) -> Value:
    """parse_value, memoised: form cells repeat (效果明显, 5, 无偏差).  Values
    are treated as immutable everywhere (``dataclasses.replace`` makes new ones)."""
    return _parse_value_uncached(text)


_BARE_DECIMAL = re.compile(r"^\s*\d+(?:,\d{3})*\.\d+\s*$")


@functools.lru_cache(maxsize=8192)
def parse_amount(text: str) -> Value:
    """parse_value for cells of numeric columns (money, 分值, 得分, head counts):
    a bare decimal such as ``2000.05`` or ``2024.06`` is an amount there, not
    the year-month date parse_value reads it as."""
    v = _parse_value_uncached(text)
    if v.kind == "date" and _BARE_DECIMAL.match(normalize(text)):
        t = normalize(text)
        s = len(t) - len(t.lstrip())
        num = t.strip().replace(",", "")
        v = Value(raw=text, kind="number", number=float(num), decimals=len(num.split(".")[1]),
                  start=s, end=s + len(t.strip()))
    return v


NUMERIC_FIELDS = {"budget_initial", "budget_full_year", "executed", "rate", "weight", "score", "score_ratio",
                  "authorized", "actual_staff", "control_rate", "final"}

# canonical field -> synonyms (matched on the whitespace-free, parenthetical-free header)
SYNONYMS: dict[str, list[str]] = {
    "level1": ["一级指标"],
    "level2": ["二级指标", "评价内容"],
    "name": ["三级指标", "指标名称", "指标内容", "绩效指标名称"],
    "direction": ["指标性质", "计算符号", "指标方向"],
    "unit": ["度量单位", "计量单位", "指标单位", "单位"],  # bare 单位: exact header only (see _EXACT)
    "target": ["年度指标值", "年度目标值", "年初目标值", "年初指标值", "预期目标值", "目标值", "指标值", "绩效目标"],
    "target_adjusted": ["全年(调整)指标值", "全年（调整）指标值", "调整指标值", "调整后指标值"],
    "actual": ["实际完成值", "全年实际值", "全年完成值", "完成值", "实际值", "完成情况"],
    "weight": ["指标权重", "指标分值", "执行率权重", "分值", "权重", "标准分"],
    "score": ["执行率得分", "指标得分", "自评得分", "得分"],
    "score_ratio": ["得分系数"],
    "deviation": ["偏差原因分析及改进措施", "未完成原因分析及改进措施", "未完成原因及拟采取的改进措施",
                  "偏差大或目标未完成原因分析", "未完成原因分析", "偏差原因分析", "扣分原因和其他说明",
                  "扣分原因", "偏差原因", "原因分析", "原因"],
    "measure": ["改进措施及结果应用方案", "改进措施"],
    "is_core": ["是否核心指标", "核心指标"],
    "standard": ["评分标准", "评分细则"],
    "budget_initial": ["年初预算数", "年初预算"],
    "budget_full_year": ["全年(调整)预算数", "全年（调整）预算数", "调整后预算数", "调整预算数", "全年预算数",
                         "预算数"],
    "executed": ["全年执行数", "预算执行数", "实际支出数", "执行数"],
    "rate": ["预算执行率", "执行率"],
    "goal_target": ["年初设定目标", "预期目标", "年初绩效目标", "全年(调整)绩效目标", "全年（调整）绩效目标"],
    "goal_actual": ["年度总体目标完成情况综述", "年度总体目标完成情况", "全年目标实际完成情况", "实际完成情况",
                    "实际完成"],
    "label": ["项目", "资金来源", "机构名称"],
    # 基础数据表 (base data) columns
    "authorized": ["编制数", "人员编制", "核定编制"],
    "actual_staff": ["实际在职人数", "实有人数", "在职人数"],
    "control_rate": ["控制率"],
    "final": ["决算数"],
}
_SYN_SORTED = sorted(((s, f) for f, ss in SYNONYMS.items() for s in ss), key=lambda x: -len(x[0]))

INDICATOR_FIELDS = ("level1", "level2", "name", "direction", "unit", "target", "target_adjusted", "actual",
                    "weight", "score", "score_ratio", "deviation", "measure", "is_core", "standard")
FUND_FIELDS = ("budget_initial", "budget_full_year", "executed", "rate", "weight", "score")

FUND_SOURCES = [
    ("total", ["年度资金总额", "资金总额", "总额", "合计", "总计"]),
    ("fiscal", ["本年财政拨款", "当年财政拨款", "财政拨款", "财政资金", "一般公共预算"]),
    ("carryover", ["上年结转资金", "上年结转"]),
    ("special_account", ["财政专户管理资金", "纳入专户管理"]),
    ("own", ["单位资金", "单位自筹"]),
    ("other", ["其他资金", "其它资金", "其他收入"]),
    ("basic", ["基本支出"]),
    ("personnel", ["人员支出", "人员经费"]),
    ("public", ["公用支出", "公用经费"]),
    ("project", ["项目支出"]),
]
CLOSING = re.compile(r"^(总\s*分|合\s*计|总\s*计)$")
# a subtotal row of the indicator block (绩效指标（90分）合计, 产出指标小计, 小计)
SUBTOTAL = re.compile(r"^(?:[\u4e00-\u9fff]{0,10}(?:[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）])?)(?:小\s*计|合\s*计)$")
# a sub-row of the indicator above (其中：新建)
SUB_ROW = re.compile(r"^其中\s*[:：]")
STOP_LABELS = re.compile(r"^(评价结论|存在问题|改进措施|填表人|绩效自评综合得分|评价等次|自评结论|说明|备注)")
NUMBERING = re.compile(r"^\s*(?:★\s*)?(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[、．.](?!\d)|[①-⑳]|目标\s*\d+\s*[：:])\s*")
LEVEL1_RX = re.compile(r"(产出|效益|效果|满意度|成本|投入|过程|决策)\s*(指标|目标)?")
WEIGHT_IN_LABEL = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
PAREN = re.compile(r"[（(][^（）()]*[)）]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


_SYN_SQUASHED: list[tuple[str, str]] | None = None
# Synonyms too short to match inside a longer header: 单位 is the unit column,
# 单位名称 / 实施单位 / 单位资金 are not.
_EXACT = {"单位"}
# Parentheses that are part of a column's name, not a hint to peel off:
# 全年（调整）指标值 is target_adjusted, 全年（调整）绩效目标 is goal_target.
_QUALIFIER = re.compile(r"[（(](调整)[)）]")


def _keep_qualifiers(t: str) -> str:
    return _QUALIFIER.sub(r"\1", t)


def header_field(text: str) -> tuple[str | None, dict]:
    """Canonical field of a header cell, with hints peeled from parentheticals."""
    field_, hints = _header_field(text)
    return field_, dict(hints)


@functools.lru_cache(maxsize=4096)
def _header_field(text: str) -> tuple[str | None, dict]:
    global _SYN_SQUASHED
    if _SYN_SQUASHED is None:
        syns = [(_keep_qualifiers(squash(syn)), fld) for syn, fld in _SYN_SORTED]
        _SYN_SQUASHED = sorted(syns, key=lambda x: -len(x[0]))
    t = _keep_qualifiers(squash(text))
    hints: dict = {}
    for p in PAREN.findall(t):
        inner = p[1:-1]
        if inner in ("A", "B"):
            hints["role"] = inner
        elif inner in ("万元", "元", "%", "人", "分"):
            hints["unit"] = inner
        # （10分）, and a score formula 得分(10分*执行率): the column's weight is 10
        m = re.match(r"^(\d+(?:\.\d+)?)分(?:$|\s*[*×xX乘]\s*(?:预算)?执行率)", inner)
        if m:
            hints["weight"] = float(m.group(1))
    core = PAREN.sub("", t)
    if not core or len(core) > 24:
        return None, hints
    for s, fld in _SYN_SQUASHED:
        if s and (core == s or (len(s) >= 2 and s in core and len(core) <= len(s) + 8)):
            # 得分 inside 得分系数, 执行率 inside 执行率得分: the longest synonym wins (sorted)
            if (fld == "label" or s in _EXACT) and core != s:
                continue
            return fld, hints
    return None, hints


def fund_source(label: str) -> str:
    t = squash(label)
    t = re.sub(r"^(其中[：:]|[（(]\d[)）]|\d[、.．])", "", t)
    for src, words in FUND_SOURCES:
        for w in words:
            if t.startswith(w) or t == w:
                return src
    for src, words in FUND_SOURCES:
        for w in words:
            if w in t:
                return src
    return ""


def clean_label(text: str) -> str:
    """产出指标\\n\\n(50分) → 产出指标;  经济效\\n益指标 → 经济效益指标;
    产出目标（部门工作实绩…） → 产出目标."""
    t = re.sub(r"\s+", "", normalize(text))
    t = PAREN.sub("", t) or t
    return _CUT_L1.sub(r"\1指标", t)     # 满意度指 (a spaced header cut short) → 满意度指标


_CUT_L1 = re.compile(r"^(产出|效益|效果|满意度|成本)指$")


def clean_name(text: str) -> str:
    t = text.strip()
    t = NUMBERING.sub("", t)
    return re.sub(r"\s*\n\s*", "", t).strip()


@dataclass
class FieldValue:
    text: str
    value: Value
    cell: Cell | None
    col: int | None
    column: str  # header as printed
    # Where ``cell.text`` starts in ``text``: non-zero when the value joins the
    # cells under one spanning header cell (``≥`` + ``12处``), ``cell`` being
    # the one holding the number.
    offset: int = 0

    @property
    def number(self):
        return self.value.number


@dataclass
class Record:
    kind: str                   # "indicator" | "fund" | "goal" | "staff" | "base" | "total"
    table: int                  # table number
    block: int
    row: int
    fields: dict[str, FieldValue] = field(default_factory=dict)
    form_title: str = ""
    section: str = ""

    def get(self, name: str) -> FieldValue | None:
        return self.fields.get(name)

    def text(self, name: str) -> str:
        f = self.fields.get(name)
        return f.text if f else ""

    def value(self, name: str) -> Value:
        f = self.fields.get(name)
        return f.value if f else Value(raw="", kind="empty")

    def location(self, name: str | None = None, start: int | None = None, end: int | None = None) -> Location:
        f = self.fields.get(name) if name else None
        if f is not None and f.offset:
            # offsets into a joined value → offsets into the cell that holds the number
            start = max(0, start - f.offset) if start is not None else None
            end = max(0, end - f.offset) if end is not None else None
        return Location(section=self.section, block=self.block, table=self.table, row=self.row,
                        col=f.col if f else None, column=f.column if f else None, form=self.form_title,
                        start=start if f else None, end=end if f else None)


@dataclass
class IndicatorRow(Record):
    level1: str = ""
    level2: str = ""
    name: str = ""
    level1_weight: float | None = None
    empty: bool = False
    is_core: bool = False

    @property
    def label(self) -> str:
        return self.name or self.level2

    @property
    def target(self) -> Value:
        adj = self.value("target_adjusted")
        return adj if adj.kind not in ("empty", "na") else self.value("target")

    @property
    def actual(self) -> Value:
        return self.value("actual")

    @property
    def weight(self) -> Value:
        return self.value("weight")

    @property
    def score(self) -> Value:
        return self.value("score")

    @property
    def deviation(self) -> str:
        return self.text("deviation")

    def to_dict(self) -> dict:
        w, s = self.weight, self.score
        return {
            "level1": self.level1, "level2": self.level2, "name": self.name,
            "direction": self.text("direction"), "unit": self.text("unit"),
            "target": self.text("target").strip(), "target_adjusted": self.text("target_adjusted").strip() or None,
            "actual": self.text("actual").strip(),
            "weight": _num(w), "score": _num(s), "score_ratio": _num(self.value("score_ratio")),
            "deviation": self.text("deviation").strip(),
            "form": self.form_title, "table": self.table, "row": self.row, "empty": self.empty,
        }


@dataclass
class FundRow(Record):
    label: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        return {"row": self.label, "source": self.source,
                **{k: _num(self.value(k)) for k in FUND_FIELDS},
                "form": self.form_title, "table": self.table, "row_index": self.row}


def _num(v: Value):
    if v.number is None:
        return None
    n = v.number
    return int(n) if float(n).is_integer() and not v.decimals else n


# below this a form's reading is uncertain: its findings are at most warnings (findings.cap_uncertain)
LOW_CONFIDENCE = 0.8
# below this (text laid out by position, glued cells, rows that did not fit) its findings are at most info
GUESS_CONFIDENCE = 0.65


@dataclass
class Form:
    kind: str                    # indicator | score_sheet | funds | goal | staff | base
    title: str
    table: int
    block: int
    header: dict[int, tuple[str, str]]     # col -> (field, header text)
    hints: dict[str, dict] = field(default_factory=dict)
    records: list = field(default_factory=list)
    total: Record | None = None
    project: str = ""
    unit: str = ""               # money unit of the form, from "(万元)" hints
    tables: list[int] = field(default_factory=list)   # all tables the form spans
    # col -> first col of the header cell over it, for header cells spanning columns
    spans: dict[int, int] = field(default_factory=dict)
    # how the form was read (Table.read_mode of its tables: grid, lines,
    # flattened, glued) and how sure the reading is (the lowest of its tables)
    read_mode: str = "grid"
    confidence: float = 1.0
    # header columns moved by this many grid columns to fit the data rows (a header
    # row one cell short of its rows: every mapped column shifted by one)
    offset: int = 0

    @property
    def uncertain(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    @property
    def guessed(self) -> bool:
        return self.confidence < GUESS_CONFIDENCE

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [r for r in self.records if isinstance(r, IndicatorRow)]

    @property
    def funds(self) -> list[FundRow]:
        return [r for r in self.records if isinstance(r, FundRow)]

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "title": self.title, "table": self.table, "tables": self.tables,
             "project": self.project, "unit": self.unit,
             "read": {"mode": self.read_mode, "confidence": self.confidence,
                      **({"offset": self.offset} if self.offset else {})},
             "header": {str(c): {"field": f, "text": t} for c, (f, t) in sorted(self.header.items())}}
        if self.kind in ("indicator", "score_sheet"):
            d["rows"] = [r.to_dict() for r in self.indicators]
        elif self.kind == "funds":
            d["rows"] = [r.to_dict() for r in self.funds]
        else:
            d["rows"] = [{k: v.text for k, v in r.fields.items()} for r in self.records]
        if self.total is not None:
            d["total"] = {"weight": _num(self.total.value("weight")), "score": _num(self.total.value("score")),
                          "row": self.total.row}
        return d


# ---------------------------------------------------------------------------

def _row_view(table: Table, dense, r: int) -> list[tuple[int, Cell, bool]]:
    """(col, cell, is_origin) for every grid column of row r, distinct cells once."""
    out = []
    seen = set()
    for c in range(table.ncols):
        cell = dense[r][c]
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        out.append((c, cell, cell.row == r))
    return out


def _header_fields(view) -> dict[int, tuple[str, str, dict]]:
    found = {}
    for c, cell, origin in view:
        if not origin:
            continue
        fld, hints = header_field(cell.text)
        if fld:
            for k in range(cell.col, cell.col + cell.colspan):
                found[k] = (fld, re.sub(r"\s+", "", cell.text), hints)
    return found


def _header_spans(view) -> dict[int, int]:
    """col -> first col, for header cells that name a field and span several columns."""
    out = {}
    for c, cell, origin in view:
        if origin and cell.colspan > 1 and header_field(cell.text)[0]:
            for k in range(cell.col, cell.col + cell.colspan):
                out[k] = cell.col
    return out


def _has_number(view) -> bool:
    for _, cell, origin in view:
        t = re.sub(r"(19|20)\d{2}\s*年度?", "", normalize(cell.text))
        if origin and re.search(r"\d", t) and not re.search(r"[（(]\s*\d+\s*分", t):
            v = parse_value(t)
            if v.number is not None and v.kind in ("number", "percent"):
                return True
    return False


def _classify(fields: set[str]) -> str | None:
    if {"goal_target", "goal_actual"} & fields and not ({"target", "actual"} & fields) and len(fields) >= 2:
        return "goal" if "goal_target" in fields or "goal_actual" in fields else None
    if ({"target", "actual", "target_adjusted"} & fields) and ({"name", "level2", "level1"} & fields):
        return "indicator"
    if "standard" in fields and ({"weight", "score"} & fields):
        return "score_sheet"
    if {"authorized", "actual_staff"} <= fields:
        return "staff_table"
    if "final" in fields:
        return "base"
    if ({"executed", "budget_full_year", "budget_initial"} & fields) and len(fields & set(FUND_FIELDS)) >= 2:
        return "funds"
    return None


# a form title ends with 表, or with 表 and the project in brackets: …项目支出绩效自评表（生态护林员补助）
_TITLE_END = re.compile(r"表(?:[（(][^（）()]{1,30}[）)])?$")


def _title_before(doc: Document, block: int) -> str:
    for i in range(block - 1, max(-1, block - 5), -1):
        b = doc.blocks[i]
        if isinstance(b, Paragraph) and b.text.strip():
            t = re.sub(r"\s+", "", b.text)
            if is_continued_mark(t):
                return ""  # 续表 names no form: the table continues the one before it
            if _TITLE_END.search(t) and len(t) <= 60:
                return t
            if len(t) > 60:
                break
        elif isinstance(b, Table):
            break
    return ""


def _title_in_table(table: Table) -> str:
    """A form title written in the first rows of the table itself, as one cell
    across the table (``2024年度…项目支出绩效自评表`` above the header)."""
    for row in table.rows[:2]:
        texts = [c.text.strip() for c in row if c.text.strip()]
        if len(texts) != 1:
            continue
        cell = next(c for c in row if c.text.strip())
        t = re.sub(r"\s+", "", cell.text)
        if cell.colspan >= max(2, table.ncols - 1) and re.search(r"表$", t) and len(t) <= 60:
            return t
    return ""


# a paragraph that only says the table goes on: （续表） 续表 续上表 （续） 续表1 表1（续）
CONTINUED = re.compile(r"^[（(]?\s*续\s*(?:上\s*)?表?\s*[0-9一二三四五六七八九十]*\s*[)）]?[：:]?$"
                       r"|^(?:附?表\s*[0-9一二三四五六七八九十]*)?\s*[（(]\s*续\s*(?:表|上表)?\s*[)）]$")


def is_continued_mark(text: str) -> bool:
    t = re.sub(r"\s+", "", text)
    return bool(t) and len(t) <= 12 and bool(CONTINUED.match(t))


STAFF_LABELS = {"authorized": re.compile(r"^(人员编制|编制数|编制人数|核定编制)"),
                "actual_staff": re.compile(r"(实有人数|实际在职人数|在职人数|实有在职)")}


# a note between the parts of a split form (注：火灾受害率按千分比计。 / 说明：… / 数据来源：…)
_NOTE_PARA = re.compile(r"^[（(]?(注|说明|备注|数据来源|资料来源)\d?[:：]")


def parse_forms(doc: Document, section_at=None) -> list[Form]:
    """All forms of a document, in order.  ``section_at(block, row)`` gives a section path."""
    forms: list[Form] = []
    open_form: Form | None = None       # an indicator/score form still expecting rows
    open_state: dict = {}
    last_table_block = -10
    marks = 0                           # 续表 paragraphs since the last table
    projects: dict[int, str] = {}       # table block -> project name read in it
    soft = False                        # a note paragraph (注：…) between the open form and this table
    for b in doc.blocks:
        if not isinstance(b, Table):
            if isinstance(b, Paragraph) and b.text.strip():
                if open_form is not None and is_continued_mark(b.text):
                    marks += 1
                elif open_form is not None and not soft and _NOTE_PARA.match(squash(b.text)) and len(b.text) <= 80:
                    marks += 1
                    soft = True
                else:
                    open_form = None
            continue
        gap = b.block - last_table_block - marks
        marks = 0
        was_soft, soft = soft, False
        holder = b.nested_in
        title = _title_before(doc, b.block if holder is None else holder)
        own_title = title
        if not title and holder is not None:
            holder_forms = [f for f in forms if f.block == holder]
            title = holder_forms[-1].title if holder_forms else _title_in_table(doc.blocks[holder])
        if not title and forms and open_form is not None and gap <= 2:
            title = open_form.title
        inherited_project = ""
        if not title and forms and gap <= 2 and forms[-1].block == last_table_block and forms[-1].title:
            title = forms[-1].title  # funds and goal blocks in one table, the indicators in the next
            inherited_project = forms[-1].project
        if not title:
            title = _title_in_table(b)
        dense = b.dense()
        # continuation of a split form: same width and no header of its own at the top
        cont = open_form if (open_form is not None and gap <= 3) else None
        current: Form | None = None
        state: dict = {}
        if cont is not None:
            view0 = _row_view(b, dense, 0) if b.nrows else []
            first = _header_fields(view0) if b.nrows else {}
            # a first row with figures is data even when its name holds a header word
            # (公用经费控制率 | ≤100% | 95% | 5 | 5 is not a 控制率 column)
            if was_soft:
                # across a note paragraph only a table of the same width that starts with data continues
                same = next((x.ncols for x in doc.blocks if isinstance(x, Table) and x.number == cont.tables[-1]), None)
                go = not first and _has_number(view0) and same == b.ncols
            else:
                go = not first or _has_number(view0) or \
                    {f for f, _, _ in first.values()} <= {f for f, _ in cont.header.values()}
            if go:
                current, state = cont, open_state
                if b.number not in current.tables:
                    current.tables.append(b.number)
                    _note_reading(current, b)
        last_table_block = b.block
        pending_header: dict | None = None
        table_project = current.project if current is not None else ""
        if not table_project and holder is not None:
            table_project = projects.get(holder, "")
        if not table_project:
            table_project = inherited_project
        for r in range(b.nrows):
            view = _row_view(b, dense, r)
            origin_texts = [cell.text.strip() for _, cell, o in view if o and cell.text.strip()]
            hf = _header_fields(view)
            kinds = {f for f, _, _ in hf.values()}
            if len(kinds) >= 2 and not _has_number(view):
                kind = _classify(kinds)
                if kind is None and current is not None and pending_header is not None \
                        and r - pending_header.get("_row", -9) == 1:
                    # the second row of a two-row header is classified with the first; a header-like row
                    # further down (年度绩效目标 | 年初绩效目标 | 全年目标实际完成情况 after the funds rows)
                    # is not a second header of the form above
                    kind = _classify(kinds | {f for f, _ in current.header.values()})
                if current is not None and current.header and r > 0 and pending_header is not None \
                        and r - pending_header.get("_row", -9) == 1 and kind in (None, current.kind):
                    # second row of a two-row header
                    for k, (f, t, h) in hf.items():
                        current.header[k] = (f, t)
                        current.hints[f] = h
                        current.spans.pop(k, None)
                    current.spans.update(_header_spans(view))
                    current.kind = _classify({f for f, _ in current.header.values()}) or current.kind
                    pending_header = {"_row": r}
                    continue
                if kind is not None:
                    if current is not None and current.header and kind == current.kind and \
                            {k: f for k, (f, t, h) in hf.items()} == {k: f for k, (f, t) in current.header.items()}:
                        continue  # the same header repeated (page break, continuation table)
                    if (current is not None and current is cont and r <= 1 and current.header
                            and (not own_title or own_title == current.title)
                            and kinds <= {f for f, _ in current.header.values()}):
                        # the top row of a repeated two-row header at the head of a continuation table
                        pending_header = {"_row": r}
                        continue
                    current = Form(kind=kind, title=title, table=b.number, block=b.block,
                                   header={k: (f, t) for k, (f, t, h) in hf.items()},
                                   hints={f: h for k, (f, t, h) in hf.items()}, tables=[b.number],
                                   spans=_header_spans(view), read_mode=b.read_mode,
                                   confidence=b.confidence)
                    for f, h in current.hints.items():
                        if h.get("unit") in ("万元", "元"):
                            current.unit = h["unit"]
                    for k, cell, o in view:
                        if o and re.search(r"[（(]\s*(万元|元)\s*[)）]", cell.text):
                            current.unit = re.search(r"(万元|元)", cell.text).group(1)
                        if o and kind == "funds" and k not in current.header:
                            # a spanning first cell that names the block and its weight: 年度预算执行情况（10分）
                            fld0, h0 = header_field(cell.text)
                            if fld0 is None and h0.get("weight") is not None and "执行" in cell.text:
                                current.hints["block"] = {"weight": h0["weight"]}
                    current.project = table_project
                    if kind in ("indicator", "score_sheet"):
                        _repair_offset(current, b, dense, r)
                        _span_empty_header(current, b, dense, r, view)
                    forms.append(current)
                    state = {}
                    pending_header = {"_row": r}
                    continue
            if pending_header is not None and r - pending_header.get("_row", -9) == 1 and current is not None \
                    and not _has_number(view) and len(hf) >= 1 and current.kind in ("funds",):
                for k, (f, t, h) in hf.items():
                    current.header[k] = (f, t)
                pending_header = {"_row": r}
                continue
            # staff rows: label/value pairs anywhere
            _staff(forms, b, view, r, title, section_at)
            # project name rows
            if len(origin_texts) >= 2 and re.match(r"^项目(支出)?名称$", squash(origin_texts[0])):
                table_project = origin_texts[1]
                projects[b.block] = table_project
            if current is None:
                continue
            done = _data_row(current, b, view, r, state, section_at)
            if done == "stop":
                current = None
                state = {}
        open_form = current if (current is not None and current.kind in ("indicator", "score_sheet", "base")
                                and current.total is None) else None
        open_state = state
    _join_cut_rows(forms, doc)
    return forms


_CUT_TEXT_FIELDS = ("name", "deviation")


def _join_cut_rows(forms: list[Form], doc: Document) -> None:
    """Re-join an indicator row cut by a page break (Word, HTML and text copies keep the two parts as two
    rows: 水质达 | 10 | ≥95% | 97.4% | 10, then 标率 alone).  The second part holds only the ends of text
    cells (三级指标, 偏差原因), no value; it is the row's tail when it opens the next table of the form
    (the page's table) with a name too short to be one (≤ 4 characters), or when the joined name is written
    in the report's text (水质达标率为97.4%).  A row with a name of its own and no values (an indicator
    left blank) stays a row."""
    prose = None
    pages = {t.number: getattr(t, "page_rows", ()) for t in doc.tables}
    for form in forms:
        if form.kind != "indicator":
            continue
        recs = form.records
        k = 1
        while k < len(recs):
            prev, rec = recs[k - 1], recs[k]
            if not (isinstance(prev, IndicatorRow) and isinstance(rec, IndicatorRow)) or prev.empty or not prev.name:
                k += 1
                continue
            own = [f for f, v in rec.fields.items() if v.text.strip() and f not in ("level1", "level2")]
            tail = squash(rec.text("name"))
            same_labels = all(not rec.text(f).strip() or clean_label(rec.text(f)) == getattr(prev, f)
                              for f, attr in (("level1", "level1"), ("level2", "level2")))
            values = [f for f in ("target", "target_adjusted", "actual", "weight", "score") if prev.text(f).strip()]
            if not own or not set(own) <= set(_CUT_TEXT_FIELDS) or not tail or len(tail) > 8 or not same_labels \
                    or not values or re.search(r"\d", tail):
                k += 1
                continue
            # the top of the next page's table (or the first row after a page break inside a re-gridded
            # form), a tail too short to name an indicator (标率, 准确率)
            cut = (rec.table != prev.table or rec.row in pages.get(rec.table, ())) and len(tail) <= 4
            if not cut:
                if prose is None:
                    prose = squash("".join(b.text for b in doc.blocks if isinstance(b, Paragraph)))
                cut = (squash(prev.name) + tail) in prose
            if not cut:
                k += 1
                continue
            for f in own:
                head = prev.fields.get(f)
                piece = rec.fields[f]
                if head is None:
                    prev.fields[f] = piece
                else:
                    prev.fields[f] = FieldValue(head.text.rstrip() + piece.text.strip(),
                                                parse_value(head.text.rstrip() + piece.text.strip()),
                                                head.cell, head.col, head.column, head.offset)
            prev.name = clean_name(prev.text("name").replace("★", ""))
            form.records.remove(rec)


def _swapped_total(form: Form, weight: float, score: float) -> bool:
    """Whether a shifted 总分 row's two numbers, taken in the header's order, are the other way round:
    its 得分 above its 分值 and the rows' sums say so (the larger number is the sum of the rows'
    分值, or the smaller the sum of their 得分).  A 得分 above the 分值 alone is no proof: a form whose
    weights add up to more than 100 (总分 | 100 | 104.12) has it, and its 分值 is the 100."""
    if score <= weight + 1e-9:
        return False
    rows = [r for r in form.indicators if not r.empty]
    ws = [r.weight.number for r in rows if r.weight.number is not None]
    ss = [r.score.number for r in rows if r.score.number is not None]
    return bool(ws and abs(sum(ws) - score) < 0.011) or bool(ss and abs(sum(ss) - weight) < 0.011)


# how badly a cell's text fits a field (0: fits); see _repair_offset
def _misfit(fld: str, text: str) -> float:
    from .regrid import _classes

    if not text.strip():
        return 0.0
    cls = _classes(text)
    label = bool({"L1", "L2", "LW"} & cls)
    value = bool({"NUM", "VAL"} & cls)
    if fld == "level1":
        return 0.0 if {"L1", "LW"} & cls else (1.0 if value else 0.5)
    if fld == "level2":
        return 0.0 if {"L2", "LW"} & cls else (1.0 if value or "DIR" in cls else 0.5)
    if fld == "name":
        return 1.0 if (label or value or "DIR" in cls) else 0.0     # ≥ alone is no name
    if fld in ("target", "target_adjusted", "actual"):
        if label:
            return 1.0
        if value:
            return 0.5 if (fld == "actual" and normalize(text).strip()[:1] in "≥≤><") else 0.0
        return 0.5
    if fld in ("weight", "score", "score_ratio"):
        return 0.0 if {"NUM", "NA"} & cls else 1.0
    if fld == "deviation":
        return 1.0 if "NUM" in cls else (0.5 if "VAL" in cls else 0.0)
    return 0.0


def _repair_offset(form: Form, table: Table, dense, hrow: int) -> None:
    """Check the header's mapping by the content of the rows below it: when
    every mapped column fits the data one grid column to the right (a 序号
    column the header row does not have) or to the left, move the mapping and
    record it in the read confidence (the form is then uncertain: no errors)."""
    rows = []
    for r in range(hrow + 1, min(table.nrows, hrow + 10)):
        view = _row_view(table, dense, r)
        if _has_number(view) and not CLOSING.match(squash(view[0][1].text) if view else ""):
            rows.append({k: cell.text for c, cell, o in view
                         for k in range(cell.col, cell.col + cell.colspan) if cell.colspan == 1})
    if len(rows) < 2:
        return

    def bad(off):
        return sum(_misfit(f, row.get(c + off, "")) for row in rows for c, (f, _) in form.header.items())

    base = bad(0)
    if base >= 2 and base >= 0.6 * len(rows) and base < 1.5 * len(rows):
        _realign(form, table, rows, base)
        return
    if base < 1.5 * len(rows):
        return
    for off in (1, -1):
        cols = [c + off for c in form.header]
        if min(cols) < 0 or max(cols) >= table.ncols:
            continue
        if bad(off) * 3 < base:
            form.header = {c + off: v for c, v in form.header.items()}
            form.spans = {c + off: s + off for c, s in form.spans.items()}
            form.offset = off
            form.confidence = min(form.confidence, 0.75)
            return
    _realign(form, table, rows, base)


def _realign(form: Form, table: Table, rows: list[dict], base: float) -> None:
    """No constant offset fits: align the header's fields to the data columns by
    content, in order (a monotone alignment where a value field may take two
    columns — 年度指标值 over ≥ | 50台（套） — and a column may belong to no field).
    Used only when it fits far better than the grid mapping."""
    cells: list[tuple[str, str]] = []              # header cells (field, text) in column order
    last = None
    for c in sorted(form.header):
        if not (last is not None and c == last + 1 and form.header[c] == form.header[last]):
            cells.append(form.header[c])
        last = c
    n, m = len(cells), table.ncols
    if n < 4 or m - n > 3:
        return

    def block(i, j, w):
        return sum(_misfit(cells[i][0], "".join(row.get(k, "") for k in range(j, j + w))) for row in rows)

    def skip(j):
        return 0.6 * sum(1 for row in rows if row.get(j, "").strip())

    INF = float("inf")
    best = [[INF] * (m + 1) for _ in range(n + 1)]
    back: dict = {}
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = best[i][j]
            if cur == INF:
                continue
            if j < m and cur + skip(j) < best[i][j + 1]:            # column j belongs to no field
                best[i][j + 1] = cur + skip(j)
                back[(i, j + 1)] = (i, j, 0)
            if i < n:
                for w in ((1, 2) if cells[i][0] in JOIN_FIELDS else (1,)):
                    if j + w <= m:
                        c = cur + block(i, j, w) + (0.2 if w == 2 else 0.0)
                        if c < best[i + 1][j + w]:
                            best[i + 1][j + w] = c
                            back[(i + 1, j + w)] = (i, j, w)
    if best[n][m] * 3 >= base:
        return
    header: dict = {}
    spans: dict = {}
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, w = back[(i, j)]
        if w:
            for k in range(pj, pj + w):
                header[k] = cells[pi]
                if w > 1:
                    spans[k] = pj
        i, j = pi, pj
    form.header, form.spans = header, spans
    form.offset = form.offset or 1
    form.confidence = min(form.confidence, 0.75)


def _span_empty_header(form: Form, table: Table, dense, hrow: int, hview) -> None:
    """年度指标值 | (empty) over ≥ | 50台（套）: a text export writes a header cell
    spanning two columns as the cell and an empty one.  When the rows below fill
    the empty column, it is the second half of the cell on its left."""
    empty = {c for c, cell, o in hview if o and not cell.text.strip() and cell.colspan == 1}
    rows = [_row_view(table, dense, r) for r in range(hrow + 1, min(table.nrows, hrow + 10))]
    rows = [v for v in rows if _has_number(v)]
    for c in sorted(empty):
        left = form.header.get(c - 1)
        if c in form.header or left is None or left[0] not in JOIN_FIELDS or form.spans.get(c - 1) is not None:
            continue
        filled = sum(1 for v in rows if any(cell.col == c and cell.colspan == 1 and cell.text.strip()
                                           for _, cell, o in v if o))
        if len(rows) >= 2 and filled * 2 >= len(rows):
            form.header[c] = left
            form.spans[c - 1] = form.spans[c] = c - 1


def _note_reading(form: Form, table: Table) -> None:
    """A form continued in another table: its reading is as sure as the least sure part."""
    if table.confidence < form.confidence:
        form.confidence = table.confidence
    if table.read_mode != "grid":
        form.read_mode = table.read_mode


def _staff(forms, table, view, r, title, section_at):
    cells = [(c, cell) for c, cell, o in view if o]
    for i, (c, cell) in enumerate(cells[:-1]):
        lab = squash(cell.text)
        for key, rx in STAFF_LABELS.items():
            if rx.search(lab) and len(lab) <= 14:
                vt = cells[i + 1][1].text
                v = parse_amount(vt)
                if v.number is not None and v.kind == "number" and not re.search(r"年|[^\d\s人名个.]", normalize(vt)):
                    rec = Record(kind="staff", table=table.number, block=table.block, row=r, form_title=title,
                                 section=section_at(table.block, r) if section_at else "")
                    rec.fields[key] = FieldValue(cells[i + 1][1].text, v, cells[i + 1][1], cells[i + 1][0], cell.text)
                    form = next((f for f in forms if f.kind == "staff" and f.table == table.number), None)
                    if form is None:
                        form = Form(kind="staff", title=title, table=table.number, block=table.block, header={},
                                    tables=[table.number])
                        forms.append(form)
                    form.records.append(rec)


LABEL_FIELDS = {"level1", "level2", "name"}
# fields whose cells under one spanning header are parts of one value (≥ | 12处, 500 | 万元);
# free-text columns (goals, deviation) are not joined
JOIN_FIELDS = {"target", "target_adjusted", "actual", "direction", "unit"} | NUMERIC_FIELDS


def _field_cells(form: Form, view, joined: dict | None = None) -> dict[str, tuple[int, Cell]]:
    """field -> (col, cell) for this row.

    * A cell spanning the columns of several fields (总分 label, 其中 rows) is
      not a value of each; in a row with values, a label cell spanning label
      columns only (二级指标 and 三级指标 merged into one name) is the label
      of each of them.
    * A cell merged down from a row above (vMerge) carries labels and text
      down, never a number: a 分值/得分 shared by two rows counts once, on
      its first row.
    * Several cells under one header cell spanning their columns make one
      value (``JOIN_FIELDS``): they are listed in ``joined[field]``
      (``_joined_value``)."""
    out: dict[str, tuple[int, Cell]] = {}
    label_spans = []
    for c, cell, origin in view:
        cols = range(cell.col, cell.col + cell.colspan)
        fields = [form.header[k][0] for k in cols if k in form.header]
        if not fields:
            continue
        if len(set(fields)) > 1:
            if set(fields) <= LABEL_FIELDS and cell.text.strip():
                label_spans.append((c, cell, set(fields)))
            continue
        fld = fields[0]
        if not origin and fld in NUMERIC_FIELDS:
            continue
        prev = out.get(fld)
        if prev is None or (not prev[1].text.strip() and cell.text.strip()):
            out[fld] = (c, cell)
        elif joined is not None and fld in JOIN_FIELDS and cell.text.strip() and prev[1] is not cell and origin \
                and form.spans.get(prev[0]) is not None and form.spans.get(prev[0]) == form.spans.get(c):
            joined.setdefault(fld, [prev]).append((c, cell))
    if label_spans:
        # only in a row that has values: a label across the label columns alone is a group heading
        has_values = any(cell.text.strip() for f, (c, cell) in out.items() if f not in LABEL_FIELDS)
        for c, cell, fields in label_spans:
            if has_values:
                for fld in fields:
                    if fld not in out or not out[fld][1].text.strip():
                        out[fld] = (c, cell)
    return out


def _joined_value(form: Form, parts: list[tuple[int, Cell]], pv) -> "FieldValue":
    """One value from the cells under one spanning header cell (``≥`` | ``12处``):
    the texts joined; the cell is the one holding the number."""
    texts = [cell.text.strip() for _, cell in parts]
    main = max(range(len(parts)), key=lambda i: (bool(re.search(r"\d", normalize(texts[i]))), i))
    text = "".join(texts)
    c, cell = parts[main]
    offset = sum(len(t) for t in texts[:main])
    # cell.text may carry surrounding whitespace that the joined text dropped
    offset -= len(cell.text) - len(cell.text.lstrip())
    return FieldValue(text, pv(text), cell, c, form.header[c][1] if c in form.header else "", offset=offset)


# a name or value cell left as in the template: …… / ... / XX / ×× / ** (and dashes, slashes in such a row)
_PLACEHOLDER = re.compile(r"^(?:…+|\.{2,}|。{3,}|·{3,}|[xX×＊*]{1,4}|[—－\-–_]+|[/／]|无)$")
_STRONG_PLACEHOLDER = re.compile(r"^(?:…+|\.{2,}|。{3,}|·{3,}|[xX×＊*]{2,4}|[—－]{2,})$")


def is_placeholder(text: str) -> bool:
    t = squash(text)
    return bool(t) and bool(_PLACEHOLDER.match(t))


_DIRECTION = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": "=", "＝": "=",
              "≧": "≥", "≦": "≤", "正向": "≥", "反向": "≤", "等于": "="}


def _apply_direction_unit(rec: "IndicatorRow") -> None:
    """Forms with separate 指标性质 / 度量单位 columns: carry the comparator into
    the target and the unit into target and actual, so every row reads like
    ``≥ 12000 亩`` whatever the province's layout.  定量/定性 in the direction
    column is the indicator kind, not a comparator."""
    from dataclasses import replace

    direction = squash(rec.text("direction"))
    unit = squash(rec.text("unit"))
    if unit in ("—", "-", "/", "无"):
        unit = ""
    cmp_ = _DIRECTION.get(direction, "")
    for fld in ("target", "target_adjusted", "actual"):
        fv = rec.fields.get(fld)
        if fv is None or fv.value.number is None:
            continue
        v = fv.value
        if unit and not v.unit:
            v = replace(v, unit=unit, kind="percent" if unit in ("%", "％") and v.kind == "number" else v.kind)
        if cmp_ and fld != "actual" and not v.comparator and cmp_ in ("≥", "≤", ">", "<"):
            v = replace(v, comparator=cmp_)
        fv.value = v


def _data_row(form: Form, table: Table, view, r: int, state: dict, section_at) -> str | None:
    origin = [(c, cell) for c, cell, o in view if o]
    texts = [cell.text.strip() for c, cell in origin if cell.text.strip()]
    first = squash(texts[0]) if texts else ""
    section = section_at(table.block, r) if section_at else ""
    joined: dict[str, list] = {}
    fcells = _field_cells(form, view, joined)
    header_cols = sorted(form.header)

    def fv(fld):
        c, cell = fcells[fld]
        pv = parse_amount if fld in NUMERIC_FIELDS else parse_value
        if fld in joined:
            return _joined_value(form, joined[fld], pv)
        return FieldValue(cell.text, pv(cell.text), cell, c, form.header[c][1] if c in form.header else "")

    if first and STOP_LABELS.match(first) and form.kind != "goal":
        return "stop"

    if form.kind in ("indicator", "score_sheet"):
        if first and CLOSING.match(first):
            tot = Record(kind="total", table=table.number, block=table.block, row=r, form_title=form.title,
                         section=section)
            for fld in ("weight", "score"):
                if fld in fcells:
                    tot.fields[fld] = fv(fld)
            # a total row may be shifted (text exports, 总分 merged over the columns before 分值): take the
            # numbers right of the label, in the header's order of 分值 and 得分; a 得分 cannot exceed its
            # 分值, so 总分 | 100 | 99.01 is 分值 100 and 得分 99.01 whatever columns the cells fell in
            nums = [(c, cell) for c, cell in origin if parse_amount(cell.text).number is not None]
            read = {id(tot.fields[f].cell) for f in ("weight", "score") if f in tot.fields
                    and tot.value(f).number is not None}
            if len(nums) >= 2 and ("score" not in tot.fields or tot.value("score").number is None
                                   or (len(nums) == 2 and read != {id(cell) for _, cell in nums})):
                cols = {f: c for c, (f, _) in sorted(form.header.items(), reverse=True)}
                order = ["weight", "score"]
                if "weight" in cols and "score" in cols and cols["score"] < cols["weight"]:
                    order.reverse()
                pair = dict(zip(order, nums[:2]))
                if len(nums) == 2 and _swapped_total(form, parse_amount(pair["weight"][1].text).number,
                                                     parse_amount(pair["score"][1].text).number):
                    pair = {"weight": pair["score"], "score": pair["weight"]}
                for fld, (c, cell) in pair.items():
                    tot.fields[fld] = FieldValue(cell.text, parse_amount(cell.text), cell, c,
                                                 form.header.get(c, ("", ""))[1])
            form.total = tot
            return "stop"
        if len(texts) == 1 and origin[0][1].text.strip() == texts[0] \
                and "level1" not in {f for f, _ in form.header.values()}:
            # a category row (产 出 指 标 (50分) across the row, or in its first cell with the others
            # empty) on a form with no 一级指标 column: the level 1 of the rows below it, as in the text layouts
            from .regrid import L1_RX
            if L1_RX.match(squash(texts[0])):
                state["level1"] = clean_label(texts[0])
                mw = WEIGHT_IN_LABEL.search(normalize(texts[0]))
                state["level1_weight"] = float(mw.group(1)) if mw else None
                state.pop("level2", None)
                return None
        if len(texts) == 1 and len(origin) == 1 and origin[0][1].colspan >= table.ncols - 1:
            return None  # a full-width note row inside the block
        if SUBTOTAL.match(first):
            return None  # 绩效指标（90分）合计, 产出指标小计: a subtotal, neither an indicator nor the 总分
        if SUB_ROW.match(first) and ("weight" not in fcells or parse_amount(fcells["weight"][1].text).number is None):
            # 其中：新建 | ≥6所 | 6所 under an indicator: a part of the row above, with no 分值 of its own,
            # so none of its numbers is a score; a sub-row whose label is not in the name column was
            # read out of line, so none of its cells is what its column says
            if not SUB_ROW.match(squash(fcells["name"][1].text) if "name" in fcells else ""):
                return None
            fcells.pop("score", None)
        rec = IndicatorRow(kind="indicator", table=table.number, block=table.block, row=r,
                           form_title=form.title, section=section)
        for fld, (c, cell) in fcells.items():
            rec.fields[fld] = fv(fld)
        # level labels: carry down
        l1 = rec.text("level1").strip()
        if not l1 and "level1" not in form.header.values():
            # no level-1 column in the header: a column left of level2 with level-1 words
            l2col = next((c for c, (f, _) in form.header.items() if f == "level2"), None)
            if l2col is not None:
                for c, cell, o in view:
                    core = PAREN.sub("", squash(cell.text))
                    if cell.col + cell.colspan - 1 < l2col and LEVEL1_RX.search(core) and len(core) <= 12:
                        l1 = cell.text
        if l1:
            new_l1 = clean_label(l1) != state.get("level1")
            state["level1"] = clean_label(l1)
            mw = WEIGHT_IN_LABEL.search(normalize(l1))
            state["level1_weight"] = float(mw.group(1)) if mw else None
            if new_l1:
                # (a 一级 cell merged down over the rows repeats its text: the 二级 above still holds)
                state.pop("level2", None)
        l2 = rec.text("level2").strip()
        if l2:
            state["level2"] = clean_label(l2)
        rec.level1 = state.get("level1", "")
        rec.level1_weight = state.get("level1_weight")
        rec.level2 = state.get("level2", "")
        _apply_direction_unit(rec)
        raw_name = rec.text("name")
        rec.is_core = "★" in raw_name or rec.text("is_core").strip() in ("是", "√", "☑")
        rec.name = clean_name(raw_name.replace("★", ""))
        value_fields = [f for f in ("target", "target_adjusted", "actual", "weight", "score", "standard")
                        if rec.text(f).strip()]
        name_left = not rec.name or bool(_STRONG_PLACEHOLDER.match(squash(rec.name)))
        if name_left and value_fields and all(is_placeholder(rec.text(f)) for f in value_fields) \
                and (rec.name or any(_STRONG_PLACEHOLDER.match(squash(rec.text(f))) for f in value_fields)):
            # a template row (…… | …… | ……): its placeholders are not values
            for f in value_fields:
                del rec.fields[f]
            value_fields = []
        rec.empty = name_left and not value_fields
        if not rec.name and not value_fields and not rec.level1 and not rec.level2:
            return None
        form.records.append(rec)
        return None

    if form.kind == "funds":
        num_fields = [f for f in ("budget_initial", "budget_full_year", "executed") if f in fcells]
        has_num = any(parse_amount(fcells[f][1].text).number is not None for f in num_fields)
        first_field_col = min((c for c in header_cols if form.header[c][0] in FUND_FIELDS), default=0)
        label_cells = [cell for c, cell in origin if cell.col + cell.colspan - 1 < first_field_col and cell.text.strip()]
        label = label_cells[-1].text.strip() if label_cells else ""
        src = fund_source(label)
        if not label and has_num and not form.funds and ("weight" in fcells or "score" in fcells):
            # the one data row of a 预算执行情况 block whose label cell is blank (the block's label is the
            # header's first cell): the whole budget, whose 分值/得分 are part of the form's 总分
            label, src = "预算执行情况", "total"
        if not label or (not has_num and not src):
            return "stop" if not has_num else None
        rec = FundRow(kind="fund", table=table.number, block=table.block, row=r, form_title=form.title,
                      section=section, label=re.sub(r"\s+", "", label), source=src)
        for fld in FUND_FIELDS:
            if fld in fcells:
                rec.fields[fld] = fv(fld)
        group = [cell for cell in label_cells[:-1]]
        if group:
            state["group"] = squash(group[-1].text)
        if label_cells:
            rec.fields["label"] = FieldValue(label, parse_value(""), label_cells[-1], label_cells[-1].col, "")
        form.records.append(rec)
        return None

    if form.kind in ("base", "staff_table"):
        first_field_col = min(form.header, default=0)
        label_cells = [cell for c, cell in origin if cell.col + cell.colspan - 1 < first_field_col and cell.text.strip()]
        label = re.sub(r"\s+", "", label_cells[-1].text) if label_cells else ""
        if label_cells and re.match(r"^(楼堂馆所|厉行节约)", re.sub(r"\s+", "", label_cells[0].text)):
            return "stop"
        has_num = any(parse_amount(cell.text).number is not None for fld, (c, cell) in fcells.items())
        if not label and not has_num:
            return None
        rec = Record(kind="base" if form.kind == "base" else "staff", table=table.number, block=table.block, row=r,
                     form_title=form.title, section=section)
        for c in sorted(form.header):
            fld, htext = form.header[c]
            cell = next((cell for cc, cell, o in view if cell.col <= c <= cell.col + cell.colspan - 1), None)
            if cell is None or cell.colspan > 1:
                continue
            m = re.search(r"(20\d{2})\s*年", htext)
            key = f"{fld}@{m.group(1)}" if m else fld
            rec.fields[key] = FieldValue(cell.text, parse_amount(cell.text), cell, c, htext)
        if label_cells:
            rec.fields["label"] = FieldValue(label, parse_value(""), label_cells[-1], label_cells[-1].col, "")
        form.records.append(rec)
        return None

    if form.kind == "goal":
        if "goal_target" in fcells or "goal_actual" in fcells:
            rec = Record(kind="goal", table=table.number, block=table.block, row=r, form_title=form.title,
                         section=section)
            for fld in ("goal_target", "goal_actual"):
                if fld in fcells:
                    rec.fields[fld] = fv(fld)
            if any(rec.text(f).strip() for f in rec.fields):
                form.records.append(rec)
            return "stop" if len(form.records) >= 1 else None
        return "stop"
    return None
