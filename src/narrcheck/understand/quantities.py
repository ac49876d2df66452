"""Quantities in narrative text: (label, value, unit, comparator, approx, span).

    基本支出1144.41万元                      → Quantity(field="basic", number=1144.41, unit="万元")
    其中人员经费760.28万元，公用经费384.12万元 → parts of the preceding total
    比上年增加152.09万元，增长41.78%          → a change (of the preceding quantity) and a rate
    占基本支出80.5%                           → a share of 基本支出
    在职人员47人，离退休人员54人               → head counts

Numbers come from ``values.find_values`` (regex over length-preserving
normalised text, exact offsets).  The label of a number is the nearest
preceding noun phrase: the text back to the previous clause boundary
(，。；：、 brackets, or the previous number), matched against a synonym map of
table fields.  A synonym counts only when what precedes it inside the phrase
is a harmless modifier (全年, 本年, 一般公共预算, a unit's name, a date …) and
what follows it is a role word (预算, 支出, 为 …): 在职干部编制 is not 编制, and
除专项资金以外的其他项目支出 is not 项目支出.  Unknown labels keep their text
(``field == ""``) and take part in sums, growth rates and shares only.

Pure functions of strings; ``narrative_quantities(report)`` runs them over the
narrative chunks of a report (once per report, as ``report.facts.quantities``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from typing import Iterable

from .values import Value, find_values, normalize

# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------

# canonical field -> synonyms.  Quotes and spaces are removed before matching
# (“三公”经费 → 三公经费).
SYNONYMS: dict[str, list[str]] = {
    # money: totals
    "total": ["支出合计", "支出总额", "支出总计", "总支出", "本年支出", "本年度支出", "全年支出", "年度支出",
              "实际支出", "全年实际支出", "一般公共预算支出", "预算资金", "资金总额", "年度资金总额", "预算总额",
              "部门预算", "调整后预算数", "调整后预算", "调整预算数", "调整预算", "全年预算数", "全年预算", "年初预算数",
              "年初预算", "预算执行数", "执行数", "支出", "预算数", "预算"],
    "income_total": ["收入合计", "收入总额", "收入总计", "总收入", "本年收入", "本年度收入", "年度收入", "全年收入",
                     "收入"],
    "fiscal": ["财政拨款收入", "财政拨款", "一般公共预算拨款", "一般公共预算收入", "公共财政拨款", "一般公共预算资金",
               "当年财政拨款", "本年财政拨款"],
    "other_income": ["其他收入", "其它收入", "其他资金", "其它资金"],
    "carryover": ["上年结转资金", "上年结转", "年初结转"],
    "gov_fund": ["政府性基金预算", "政府性基金", "政府基金"],
    # money: expenditure by type
    "basic": ["基本支出"],
    "personnel": ["人员经费", "人员支出", "人员类支出"],
    "public": ["日常公用经费", "公用经费", "公用支出"],
    "project": ["项目支出"],
    "three_public": ["三公经费"],
    "reception": ["公务接待费", "公务接待"],
    "abroad": ["因公出国(境)费用", "因公出国（境）费用", "因公出国(境)费", "因公出国（境）费", "因公出国境费用",
               "因公出国费", "出国经费", "出国(境)费", "出国（境）费"],
    "car": ["公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置和维护经费", "公务用车购置及维护费"],
    "purchase": ["政府采购金额", "政府采购"],
    # rates and scores
    "exec_rate": ["预算执行率", "资金执行率", "支出执行率", "执行率"],
    "score_total": ["绩效自评得分", "自评得分", "自评总分", "综合得分", "总得分", "评价得分", "自评结果得", "总分",
                    "得分"],
    # head counts
    "staff_authorized": ["编制数", "编制人数", "人员编制", "核定编制", "编制"],
    "staff_actual": ["实有人数", "实有人员"],
    "staff_active": ["实有在职人员", "实有在职人数", "实际在职人员", "实际在职人数", "在职人员", "在职人数", "在职职工"],
    "staff_retired": ["离退休人员", "退休人员", "离休人员", "离休干部", "退休干部", "离退休", "退休", "离休"],
    "staff_total": ["共有人员", "人员总数", "总人数", "人员"],
}

MONEY_FIELDS = {"total", "income_total", "fiscal", "other_income", "carryover", "gov_fund", "basic", "personnel",
                "public", "project", "three_public", "reception", "abroad", "car", "purchase"}
STAFF_FIELDS = {"staff_authorized", "staff_actual", "staff_active", "staff_retired", "staff_total"}
# labels whose own words (支出, 经费) say nothing about budget vs execution
CATEGORY_FIELDS = {"basic", "personnel", "public", "project", "three_public", "reception", "abroad", "car",
                   "purchase", "gov_fund", "fiscal", "other_income", "carryover"}
TOTAL_FIELDS = {"total", "income_total"}

# fields printed in Chinese in messages
FIELD_NAMES = {
    "total": "支出合计", "income_total": "收入合计", "fiscal": "财政拨款", "other_income": "其他收入",
    "carryover": "上年结转", "gov_fund": "政府性基金", "basic": "基本支出", "personnel": "人员经费",
    "public": "公用经费", "project": "项目支出", "three_public": "三公经费", "reception": "公务接待费",
    "abroad": "因公出国（境）费", "car": "公务用车购置及运行费", "purchase": "政府采购",
    "exec_rate": "预算执行率", "score_total": "自评总分", "staff_authorized": "编制数",
    "staff_actual": "实有人数", "staff_active": "在职人数", "staff_retired": "离退休人员",
    "staff_total": "人员总数",
}
ROLE_NAMES = {"budget": "预算数", "budget_initial": "年初预算数", "budget_full_year": "全年预算数",
              "executed": "执行数", "income": "收入", "prev": "上年数", "": ""}

_SYN_LIST = sorted(((s, f) for f, ss in SYNONYMS.items() for s in ss), key=lambda x: -len(x[0]))

# modifiers that may stand between a clause start and a synonym (stripped from the right)
_MODIFIERS = sorted([
    "全年实际", "全年", "本年度", "本年", "当年", "年度", "年末", "年底", "年初", "末", "底", "实际", "共计", "共有",
    "现有", "目前", "合计", "累计", "总", "共", "其中", "一般公共预算", "部门整体支出", "整体支出", "部门整体", "部门",
    "单位", "本单位", "本部门", "我单位", "我部门", "我办", "我局", "我委", "本级", "财政", "已", "的", "为", "绩效",
    "项目", "本项目", "该项目", "全部", "全区", "全县", "全市", "年", "度", "是", "有", "达", "实现",
    # label modifiers of budget terms (年中追加后预算, 调增后预算): the full-year budget
    "年中追加后", "追加后", "调增后", "调减后", "年中调整后", "年中",
], key=len, reverse=True)
_SUBJECT_END = re.compile(r"(?:中|办|局|委|室|中心|单位|部门|政府|机关|院|所|站|队|馆|会|处|科|厅|署|社|校|我们|本级|等|的|了|和|及|与|在|,|，|：|:|\s)$")
_DATE_IN_LEAD = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?|[一二三四五六七八九十]{1,2}月|\d{1,2}月(?:份)?(?:底|末)?|\d{1,2}日")
_TAIL_OK = re.compile(
    r"^(?:的)?(?:预算|决算|实际|执行|支出|经费|总额|总计|合计|共计|金额|数|额|人数|总数|资金|收入|拨款|费用|费|部分|情况)*"
    r"(?:为|是|共|计|达|达到|合计|共计|总计|约|有|了|已|仅|只有|分别为)*$")

# words that make a 得分 the report's total (自评得分, 综合得分, 总分, 经自评…得分)
_TOTAL_SCORE_WORD = re.compile(r"自评|总分|总得分|综合|合计|评价|考评|考核|结果")
# an indicator's own target or actual before a bare 得分 in the same sentence binds the score to that indicator
_ITEM_SCORE_BINDING = re.compile(r"年度指标值|指标值|目标值|实际完成|完成值|实际值|完成情况为|分值|权重|满分")
# words that make a score the report's total whatever its sentence says before it
_EXPLICIT_TOTAL_SCORE = re.compile(r"总分|总得分|综合|合计|整体")
# an indicator as the sentence's subject: its target value stated (X的年度指标值为…), or a weight below the
# report's 100 points (分值6分, 权重10)
_ITEM_TARGET = re.compile(r"(?:年度指标值|指标值|目标值)(?:为|是|：|:)?\s*[≥≤><=＞＜≧≦]?\s*\d")
_ITEM_WEIGHT = re.compile(r"(?:分值|权重|满分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分?")


def _item_score_subject(before: str) -> bool:
    """True when the sentence up to a score names an indicator as its subject (a target value, or a weight
    under 100 points), so that the score is the indicator's own."""
    if _ITEM_TARGET.search(before):
        return True
    return any(float(m.group(1)) < 100 for m in _ITEM_WEIGHT.finditer(before))

_BOUNDARY = set("，,。；;：:、（）()[]【】\n\r\t!！?？")
_SENT_END = set("。！？!?\n")
_QUOTES = re.compile(r"[“”\"'‘’「」『』\s]")

_CHANGE_RX = re.compile(
    r"(?:(?:比|较|与)(?:上年|去年|上一年度?|上年度|上年同期|去年同期|同期|(?:19|20)\d{2}\s*年度?)(?:相比)?(?:的)?)?"
    r"(?:同比)?(?P<dir>增加|增长|增|减少|下降|降低|减|提高|上升|多|少|节约|压减|缩减)(?:了)?(?:约)?$")
_CHANGE_BASE_RX = re.compile(r"(?:比|较|与)(?:上年|去年|上一年度?|上年度|上年同期|去年同期|同期|(?:19|20)\d{2}\s*年度?)|同比")
_COMPARE_BASE_RX = re.compile(r"(?:比|较|与)(?:年初)?(?:预算|计划|目标|预期)(?:数|值)?(?:的)?$")
# previous-year grammar: 较上年 / 比上年 / 与上年同期 + (决算 / 预算 / 实际 / 支出)(数 / 额)? X: X is last year's.
# After 较/比 (comparison words only) any short noun or verb phrase may stand before X — 较上年投入的285.00万元,
# 比上年完成的X, 较上年下达资金X — unless it is itself a change (较上年多支出…, 较上年增加的…); after 与/同/和
# (also conjunctions: 项目支出和上年结转资金…) only the role words.
_PREV_MID = r"(?:(?!增|减|降|提高|上升|多|少|节约|压减|缩减|持平|相比|相同)[\u4e00-\u9fff]){0,6}?"
_PREV_ROLE = r"(?:决算|预算|实际|支出|执行|收入)?(?:支出|执行)?(?:数|额)?"
_PREV_VALUE_RX = re.compile(r"(?:(?:比|较)(?:上年|去年|上一年度?|上年度|上年同期|去年同期)(?:的)?" + _PREV_MID
                            + r"|(?:与|同|和)(?:上年|去年|上一年度?|上年度|上年同期|去年同期)(?:的)?" + _PREV_ROLE
                            + r")(?:的)?(?:为)?$")
# a clause that names last year as its subject: "…，上年为3.92万元，减少0.46万元": X is last year's
_PREV_LEAD_RX = re.compile(r"(?:上年|去年|上年度|上一年度?|上年同期|去年同期)(?:决算|预算|实际|支出)?(?:数|额)?(?:为|是|：|:)")
# the same grammar with an earlier year named instead of 上年 (较2024年的X, 比2023年度决算数X)
_PREV_YEAR_VALUE_RX = re.compile(r"(?:(?:比|较)\s*(?:19|20)\d{2}\s*年(?:度)?(?:同期)?(?:的)?" + _PREV_MID
                                 + r"|(?:与|同|和)\s*(?:19|20)\d{2}\s*年(?:度)?(?:同期)?(?:的)?" + _PREV_ROLE
                                 + r")(?:的)?(?:为)?$")
_SHARE_RX = re.compile(r"占(?P<of>[^，,。；;占]{0,16}?)(?:的)?(?:比重|比例|比率)?(?:为|达|约)?$")
_INCREASE = {"增加", "增长", "增", "提高", "上升", "多"}
_PREV_WORDS = re.compile(r"上年|去年|上一年|上年度|前年")

COUNT_UNITS = {"人", "名", "人次", "户", "个", "件", "次", "场", "项", "篇", "条", "份", "期", "台", "套", "家",
               "所", "座", "处", "辆", "批", "起", "例", "场次", "户次", "批次"}
STAFF_UNITS = {"人", "名"}
_MONEY_FACTOR = {"万元": 1.0, "元": 1e-4, "亿元": 1e4, "千元": 0.1}
# a unit standard is a rate per head, household, seat …: "按每座1600元标准补助", "补助标准为每户1600元", "人均补助
# 1200元", "1600元/户" — not an amount, so never a part of a total (nor a total of amounts)
_STANDARD_LEAD = re.compile(r"(?:每[\u4e00-\u9fff]{1,2}|(?:人均|户均|生均|亩均|座均|平均)(?:补助|补贴|发放|标准)?"
                            r"|标准(?:为|是)?|单价(?:为|是)?)[：:]?$")
_STANDARD_TAIL = re.compile(r"^\s*(?:的)?(?:标准|[/／每])")
# the factor of a product is a rate too: "15.60万元（26人×6000元）", "186万亩×7.5元"
_FACTOR_LEAD = re.compile(r"[×xX*＊]\s*$|乘以\s*$")
RETIRED_OR_EXTRA = re.compile(r"离休|退休|离退休|编外|临聘|聘用|雇员|劳务派遣|外聘|借调|遗属")


# ---------------------------------------------------------------------------
# the record
# ---------------------------------------------------------------------------

@dataclass(eq=False)
class Quantity:
    value: Value               # as parsed by find_values (number, decimals, unit, comparator, approx, scale)
    start: int                 # span of the number (with unit) in the text
    end: int
    label: str = ""            # the noun phrase as printed ("基本支出", "业务工作经费预算")
    field: str = ""            # canonical field (SYNONYMS key) or ""
    role: str = ""             # budget | budget_initial | budget_full_year | executed | income | prev | ""
    year: int | None = None    # explicit year of the figure, if any
    lead: str = ""             # the clause text before the number (the label's context)
    label_start: int = 0
    kind: str = ""             # money | percent | count | score | other
    relation: str = ""         # "" | change | growth | share
    direction: int = 0         # +1 / -1 for changes and growth rates
    share_of: str = ""         # label of the denominator of a share
    parent: "Quantity | None" = None
    parts: list["Quantity"] = dc_field(default_factory=list)
    base: "Quantity | None" = None      # for change / growth: the current-year quantity they describe
    change: "Quantity | None" = None    # for a growth rate: the change amount stated with it
    prev_value: "Quantity | None" = None   # "较上年的364.05万元增长…"
    sentence: tuple[int, int] = (0, 0)
    chunk: object = None       # the Chunk it came from (narrative_quantities)
    index: int = 0
    pending_parent: str = ""   # "基本支出中，人员经费…" whose 基本支出 is in an earlier paragraph
    pending_group: list["Quantity"] = dc_field(default_factory=list)
    paired: "Quantity | None" = None    # 分别占…的 P、Q: the k-th share's part is the k-th figure of the 分别 list
    pair_group: tuple = ()              # (the shares, their parts) of that 分别 list, for the other pairing
    subtotal: bool = False              # a 合计/小计 closing the parts listed before it (它们的和, so complete)
    standard: bool = False              # a unit standard (按每座1600元, 每户X元, 补助标准为X元): a rate, not an amount

    def chunk_key(self):
        return id(self.chunk) if self.chunk is not None else None

    @property
    def number(self) -> float:
        return self.value.number

    @property
    def unit(self) -> str:
        return self.value.unit

    @property
    def decimals(self) -> int:
        return self.value.decimals or 0

    @property
    def approx(self) -> bool:
        return bool(self.value.approx or self.value.comparator)

    @property
    def comparator(self) -> str:
        return self.value.comparator

    @property
    def text(self) -> str:
        return self.value.raw[self.start:self.end]

    @property
    def wan(self) -> float | None:
        """Money in 万元 (``None`` for other kinds)."""
        f = _MONEY_FACTOR.get(self.unit)
        if f is None or self.value.number is None:
            return None
        return self.value.number * self.value.scale * f

    @property
    def money_factor(self) -> float | None:
        f = _MONEY_FACTOR.get(self.unit)
        return None if f is None else f * self.value.scale

    @property
    def display(self) -> str:
        return self.text.strip()

    @property
    def name(self) -> str:
        return FIELD_NAMES.get(self.field) or self.label

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        extra = f" parts={len(self.parts)}" if self.parts else ""
        return (f"Q({self.label!r}/{self.field or '-'}/{self.role or '-'} {self.text!r}"
                f"{' ' + self.relation if self.relation else ''}{extra})")


# ---------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------

def _kind_of(v: Value) -> str:
    if v.kind == "percent" and v.unit == "%":
        return "percent"
    if v.unit in _MONEY_FACTOR:
        return "money"
    if v.unit == "分":
        return "score"
    if v.unit in COUNT_UNITS:
        return "count"
    return "other"


# a unit statement ("金额单位：万元", "单位：元") ends at its unit: what follows is a new label
_UNIT_DECL_BEFORE = re.compile(r"单位[ \t]*[：:][ \t]*$")
_UNIT_DECL = re.compile(r"[ \t]*(?:人民币)?(?:亿元|万元|千元|元|人|个)[ \t)）]*")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, s = [], 0
    for i, c in enumerate(text):
        if c in _SENT_END:
            if i + 1 > s:
                out.append((s, i + 1))
            s = i + 1
    if s < len(text):
        out.append((s, len(text)))
    return out


def _squeeze(s: str) -> tuple[str, list[int]]:
    """Remove quotes and spaces; keep a map back to the original offsets."""
    chars, idx = [], []
    for i, c in enumerate(s):
        if _QUOTES.match(c):
            continue
        chars.append(c)
        idx.append(i)
    return "".join(chars), idx


def _strip_head(head: str) -> str:
    h = _DATE_IN_LEAD.sub("", head)
    changed = True
    while h and changed:
        changed = False
        for m in _MODIFIERS:
            if h.endswith(m):
                h = h[: -len(m)]
                changed = True
                break
        h2 = _DATE_IN_LEAD.sub("", h)
        if h2 != h:
            h, changed = h2, True
    return h


def _head_ok(head: str) -> bool:
    h = _strip_head(head)
    return not h or bool(_SUBJECT_END.search(h))


def match_label(lead: str) -> tuple[str, str, int, int]:
    """(field, synonym, start, end) of the label in ``lead`` (offsets into lead),
    or ("", "", -1, -1) when no synonym fits."""
    sq, idx = _squeeze(lead)
    best = None
    for syn, fld in _SYN_LIST:
        pos = sq.find(syn)
        while pos >= 0:
            end = pos + len(syn)
            tail = sq[end:]
            head = sq[:pos]
            if _TAIL_OK.match(tail) and _head_ok(head):
                key = (pos, -len(syn))
                if best is None or key < best[0]:
                    best = (key, fld, syn, pos, end)
            pos = sq.find(syn, pos + 1)
    if best is None:
        return "", "", -1, -1
    _, fld, syn, pos, end = best
    # 全年预算 + 预算资金 → 全年预算资金: extend over an overlapping synonym of the same field
    for syn2, fld2 in _SYN_LIST:
        if fld2 != fld:
            continue
        p2 = sq.find(syn2, pos)
        if pos < p2 < end < p2 + len(syn2) and _TAIL_OK.match(sq[p2 + len(syn2):]):
            end = p2 + len(syn2)
    return fld, syn, idx[pos], idx[end - 1] + 1


_ROLE_ONLY = re.compile(r"^(?:其中)?(?P<r>调整后?预算数?|全年预算数?|年初预算数?|预算数|决算数?|实际支出数?|执行数|支出数?"
                        r"|实际使用|使用|实际拨付|拨付)(?:为|是|达|了)?$")


def role_of(text: str) -> str:
    t = _QUOTES.sub("", text)
    if "预算" in t:
        if "年初" in t:
            return "budget_initial"
        if re.search(r"调整|全年预算|预算调整|全年.*预算|(?:追加|调增|调减)后", t):
            return "budget_full_year"
        if re.search(r"预算(?:执行|支出)", t) and "预算数" not in t:
            return "executed"
        return "budget"
    if re.search(r"决算|实际支出|执行数|实际使用|支出|使用|开支|花费", t):
        return "executed"
    if re.search(r"收入|拨款|到位", t):
        return "income"
    return ""


def _clean_label(s: str) -> str:
    s = _QUOTES.sub("", s)
    s = re.sub(r"^(?:其中|另外|此外|以及|和|及|与|并|共|全年|本年|当年)+", "", s)
    s = re.sub(r"(?:为|是|达|达到|共计|合计|约|了|有)+$", "", s)
    return s.strip("：:，, ")


def extract_quantities(text: str, year: int | None = None) -> list[Quantity]:
    """Every numeric quantity of ``text`` with its label, role and relations.

    ``year`` is the report's year: figures of earlier years (or 上年) get role
    ``prev``."""
    if not text:
        return []
    norm = normalize(text)
    vals = find_values(text)
    sents = _sentences(norm)
    out: list[Quantity] = []
    dates: list[Value] = [v for v in vals if v.kind == "date"]
    prev_end = 0
    si = 0
    for v in vals:
        if v.kind not in ("number", "percent") or v.number is None:
            prev_end = max(prev_end, v.end) if v.kind != "date" else prev_end
            continue
        while si < len(sents) - 1 and v.start >= sents[si][1]:
            si += 1
        s0, s1 = sents[si] if sents else (0, len(norm))
        gap_start = max(prev_end, s0)
        gap = norm[gap_start:v.start]
        # lead: back to the last boundary
        k = len(gap)
        while k > 0 and gap[k - 1] not in _BOUNDARY:
            k -= 1
        # "金额单位：万元 基本支出1144.41": the unit statement is not part of the next label
        md = _UNIT_DECL.match(gap, k) if k > 0 and _UNIT_DECL_BEFORE.search(gap, 0, k) else None
        if md:
            k = md.end()
        lead = gap[k:]
        lead_start = gap_start + k
        # drop a leading date (2024年全年, 2021年年初) from the label but remember it
        q = Quantity(value=v, start=v.start, end=v.end, lead=lead, kind=_kind_of(v), sentence=(s0, s1))
        yrs = [d for d in dates if d.end <= v.start and d.date and d.date[0]
               and (d.start >= gap_start or (d.start >= s0 and d.start - s0 <= 12))]
        if yrs:
            q.year = yrs[-1].date[0]
        fld, syn, ls, le = match_label(lead)
        if fld:
            q.field = fld
            q.label = _QUOTES.sub("", lead[ls:le])
            q.label_start = lead_start + ls
            if q.label_start > 0 and norm[q.label_start - 1] in "“\"‘「『":
                q.label_start -= 1
        else:
            q.label = _clean_label(_DATE_IN_LEAD.sub("", lead))
            q.label_start = lead_start
        # a label that names a quantity of another kind is not this label
        if q.field in MONEY_FIELDS and q.kind != "money":
            q.field = ""
        elif q.field in STAFF_FIELDS and v.unit not in STAFF_UNITS:
            q.field = ""
        elif q.field == "exec_rate" and q.kind != "percent":
            q.field = ""
        elif q.field == "score_total" and (q.kind != "score" or v.number > 100):
            q.field = ""
        elif (q.field == "score_total" and not re.search(r"自评|总|综合|评价|结果", q.label or "")
              and re.search(r"分值|权重|满分", norm[max(0, q.start - 30):q.start])):
            q.field = ""   # "分值15分，得分15分": one indicator's score in a listing, not the report's total
        elif (q.field == "score_total" and not _EXPLICIT_TOTAL_SCORE.search(q.label or "")
              and _item_score_subject(norm[s0:q.start])):
            # "改造雨污管网的年度指标值为≥12.5公里，全年实际值为11.8公里，分值6分，自评得分5.66分": the sentence's
            # subject is an indicator (its target, actual or a weight under 100 come first), so even a 自评得分 is
            # that indicator's score, not the report's total
            q.field = ""
        elif q.field == "score_total" and not _TOTAL_SCORE_WORD.search(q.label or "") and (
                _ITEM_SCORE_BINDING.search(norm[s0:q.start]) or not _TOTAL_SCORE_WORD.search(norm[s0:s1])):
            # "故障处理及时率：年度指标值≥95%，实际完成91.2%，得分9.6分": a bare 得分 bound to an indicator's
            # target/actual is that indicator's score; a bare 得分 is the total only when its sentence says so
            q.field = ""
        q.role = _own_role(q)
        if q.field == "carryover" and q.role == "prev":
            q.role = ""
        # relations
        sq_lead = _QUOTES.sub("", lead)
        mc = _CHANGE_RX.search(sq_lead)
        if mc and (mc.group(0) == sq_lead or _CHANGE_BASE_RX.search(sq_lead) or len(sq_lead) <= 4):
            q.relation = "growth" if q.kind == "percent" else "change"
            q.direction = 1 if mc.group("dir") in _INCREASE else -1
            q.field = ""
        ms = _SHARE_RX.search(sq_lead) if q.kind == "percent" else None
        if ms and not q.relation:
            q.relation = "share"
            q.share_of = _clean_label(ms.group("of"))
            q.field = ""
        if not q.relation and q.kind != "percent" and (_PREV_VALUE_RX.search(sq_lead) or _PREV_LEAD_RX.fullmatch(sq_lead)):
            # "受益学生较上年20980人增加480人", "较上年14.5平方公里增加1.7平方公里": 较上年 names X as last year's
            q.role = "prev"
            q.relation = "prev_value"
        elif (not q.relation and q.kind != "percent" and year and q.year and q.year < year
              and _PREV_YEAR_VALUE_RX.search(sq_lead)):
            # "“三公”经费支出9.84万元，较2024年的10.62万元减少0.78万元" in a 2025 report: X is that earlier year's
            q.role = "prev"
            q.relation = "prev_value"
        elif not q.relation and _COMPARE_BASE_RX.search(sq_lead):
            q.relation = "compare_value"  # "比预算4.50万元少0.85万元": the base of a comparison
            q.field = ""
        if (q.role != "prev" and _PREV_WORDS.search(_QUOTES.sub("", lead)) and not _CHANGE_BASE_RX.search(sq_lead)
                and q.field != "carryover" and not q.relation):
            q.role = "prev"
        if year and q.year and q.year < year and not q.relation:
            q.role = "prev"
        if q.kind == "money" and not q.relation and (
                _STANDARD_LEAD.search(sq_lead) or _STANDARD_TAIL.match(norm[v.end:v.end + 4])
                or _FACTOR_LEAD.search(norm[max(0, v.start - 3):v.start])):
            q.standard = True
        q.index = len(out)
        out.append(q)
        prev_end = v.end
    _respectively(norm, out)
    _link(norm, out)
    for q in out:
        if q.paired is not None:
            q.base = q.paired
    return out


# 分别 (respectively): "A、B和C分别为X、Y、Z" pairs the k-th figure with the k-th name;
# "分别占总支出的P、Q" pairs the k-th share with the k-th figure of the list before it
_RESP_SEP = re.compile(r"\s*(?:、|和|及|与|以及|，|,)\s*")
_RESP_LIST_SPLIT = re.compile(r"、|以及|和|及|与")


def _respectively(norm: str, qs: list[Quantity]) -> None:
    lists: list[tuple[tuple[int, int], list[Quantity]]] = []     # (sentence, figures) of each 分别 list
    for m in re.finditer(r"分别", norm):
        after = [q for q in qs if q.start >= m.end() and q.sentence[0] <= m.start() < q.sentence[1]]
        vals: list[Quantity] = []
        last = m.end()
        for q in after:
            gap = norm[last:q.start]
            if vals and not _RESP_SEP.fullmatch(gap):
                break
            if not vals and (len(gap) > 24 or re.search(r"[，,。；;]", gap)):
                break
            vals.append(q)
            last = q.end
        if len(vals) < 2 or len({q.kind for q in vals}) != 1:
            continue
        k = m.start()
        while k > 0 and norm[k - 1] not in "，,。；;：:\n（(":
            k -= 1
        lead = re.sub(r"^(?:其中|另外|此外)", "", _QUOTES.sub("", norm[k:m.start()]))
        names = [x for x in _RESP_LIST_SPLIT.split(lead) if x.strip()] if re.search(r"、|和|及|与", lead) else []
        sentence = vals[0].sentence
        if vals[0].kind == "percent" and not names:
            prior = next((fs for sent, fs in reversed(lists) if sent == sentence and fs[0].kind != "percent"), None)
            if prior is None:
                # "基本支出800.00万元、项目支出400.00万元，分别占总支出的P、Q": the figures just listed
                listed = [q for q in qs if q.sentence == sentence and q.end <= m.start() and not q.relation
                          and q.kind != "percent"]
                prior = listed[-len(vals):] if len(listed) >= len(vals) else None
            if prior is not None and len(prior) == len(vals):
                for share, part in zip(vals, prior):
                    share.paired = part
                    share.pair_group = (tuple(vals), tuple(prior))
                    if share.relation != "share":
                        share.relation, share.field = "share", ""
                        ms = re.search(r"占(?P<of>[^，,。；;占]{0,16}?)(?:的)?(?:比重|比例|比率)?(?:为|达|约)?$",
                                       _QUOTES.sub("", norm[m.start():vals[0].start]))
                        share.share_of = _clean_label(ms.group("of")) if ms else vals[0].share_of
            elif prior is not None:
                for share in vals:
                    share.relation = "unpaired"    # cannot be paired: no finding rests on them
            lists.append((sentence, vals))
            continue
        if names and len(names) == len(vals):
            for name, q in zip(names, vals):
                fld, _syn, _s, _e = match_label(name)
                q.label = _clean_label(name)
                if fld and not (fld in MONEY_FIELDS and q.kind != "money") \
                        and not (fld in STAFF_FIELDS and q.value.unit not in STAFF_UNITS):
                    q.field = fld
                else:
                    q.field = ""
        elif names:
            for q in vals:
                q.relation = "unpaired"            # three names, two figures: which is which is unknown
        lists.append((sentence, vals))


def _same_dim(a: Quantity, b: Quantity) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        return True
    if a.kind == "count":
        if a.unit in STAFF_UNITS and b.unit in STAFF_UNITS:
            return True
        return a.unit == b.unit
    return a.unit == b.unit


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _link(norm: str, qs: list[Quantity]) -> None:
    """Parts (其中), changes/growth rates, shares and role inheritance."""
    outer: Quantity | None = None      # parent of the current 其中 list
    inner: Quantity | None = None      # parent of a nested list
    paren_close = -1                   # end of a "（其中…）" scope
    last_sentence = None
    pending: Quantity | None = None    # an X中 list whose X is in an earlier paragraph
    inner_close = -1                   # end of a nested "（其中…）" scope
    for i, q in enumerate(qs):
        prev = qs[i - 1] if i else None
        gap = norm[(prev.end if prev is not None else 0):q.start]
        same_sentence = prev is not None and prev.sentence == q.sentence
        # a bare role word (实际支出, 执行数, 预算数) right after a specific item is that
        # item's figure, not the department total: "“三公”经费预算12.00万元，实际支出9.86万元"
        if q.field in TOTAL_FIELDS and same_sentence and (prev.field or prev.label) and prev.field not in TOTAL_FIELDS \
                and not prev.relation and _same_dim(prev, q) and (prev.role or "").startswith("budget") \
                and role_of(q.lead) == "executed" and _ROLE_ONLY.match(_QUOTES.sub("", q.lead).strip("，,、 ")):
            q.field, q.label = prev.field, prev.label
            q.role = role_of(q.lead) or q.role
        # --- scope bookkeeping -------------------------------------------------
        continued = False
        if last_sentence is not None and q.sentence != last_sentence:
            # a parallel enumeration broken by 。:
            # "其中：业务工作经费预算185万元，…。专项工作经费预算1309.77万元，…"
            if outer is not None and outer.parts and not q.relation and "其中" not in gap:
                lastp = outer.parts[-1]
                restated = any(q.label == p.label or q.label.startswith(p.label) for p in outer.parts if p.label)
                if (q.field not in TOTAL_FIELDS and _same_dim(q, lastp) and q.start - q.sentence[0] <= 14
                        and len(q.label) >= 3 and _common_suffix(q.label, lastp.label) >= 3 and not restated):
                    continued = True
            if not continued:
                outer = inner = None
                paren_close = -1
        if paren_close >= 0 and q.start > paren_close:
            outer = inner = None
            paren_close = -1
        last_sentence = q.sentence
        # --- changes, growth rates, shares ---------------------------------------
        if q.relation in ("change", "growth"):
            _link_change(norm, qs, i)
            continue
        if q.relation == "share":
            for p in reversed(qs[:i]):
                if p.sentence != q.sentence:
                    break
                if not p.relation and p.kind != "percent":
                    q.base = p
                    break
            continue
        if q.relation == "prev_value":
            continue
        if q.kind not in ("money", "count") and not (q.kind == "other" and q.unit):
            continue  # (an area or a length has parts too: 高标准农田4.06万亩，其中旱作梯田1.58万亩、水浇地2.36万亩)
        if q.standard and not any(t is not None and t.standard for t in (inner, outer)):
            continue  # "其中中央补助400.00万元、省级资金180.00万元，按每座1600元标准补助": a rate, not a part
        # --- parts ---------------------------------------------------------------
        if continued:
            _add_part(outer, q)
            inner = None
            continue
        if inner is not None and inner_close >= 0 and q.start > inner_close:
            inner, inner_close = None, -1
        if q.role == "prev" and (outer is not None or inner is not None):
            continue  # "公务接待费1.26万元（上年1.58万元）": last year's figure beside a part is not a part
        # "其中基本支出812.64万元（人员经费698.20万元，公用经费114.44万元），项目支出…": a bracketed
        # breakdown right after a listed part is that part's own list
        # "其中基本支出11,042.67万元，占77.56%（人员经费…，公用经费…）": the part's share stated before the bracket
        # is an aside, the bracket still lists that part's own items
        host = prev
        k = i - 1
        while host is not None and host.relation == "share" and host.sentence == q.sentence and k > 0:
            k -= 1
            host = qs[k]
        if (inner is None and outer is not None and host is not None and host in outer.parts and same_sentence
                and re.fullmatch(r"\s*[（(]\s*", gap[:len(gap) - len(q.lead)] if q.lead and gap.endswith(q.lead) else "")
                and _same_dim(host, q) and not q.relation and q.field not in TOTAL_FIELDS):
            closes = [j for j in (norm.find("）", q.start), norm.find(")", q.start)) if j >= 0]
            if closes:
                inner, inner_close = host, min(closes)
                _add_part(host, q)
                continue
        # "其中：基本支出2431.84万元，占总支出的78.54%，包括人员经费2101.36万元、公用经费312.48万元；项目支出…":
        # 包括 after a listed part opens that part's own list, which ends at the clause group's end (；。)
        if (outer is not None and outer.parts and "其中" not in gap and _INCLUDES.search(gap)
                and outer.parts[-1].sentence == q.sentence and _same_dim(outer.parts[-1], q)
                and not q.relation and q.field not in TOTAL_FIELDS and q.field != outer.parts[-1].field):
            inner = outer.parts[-1]
            ends = [m.start() for m in re.finditer(r"[；;。]", norm[q.end:q.sentence[1] + 1])]
            inner_close = q.end + ends[0] if ends else q.sentence[1]
            _add_part(inner, q)
            continue
        par = _list_parent(qs, i) if "其中" in gap else None
        if par is not None:
            before = gap[:gap.find("其中")]
            closes = [j for j in (norm.find("）", q.start), norm.find(")", q.start)) if j >= 0]
            in_paren = ("（" in before or "(" in before) and bool(closes)
            if outer is not None and par is not outer and par in outer.parts:
                inner = par
                inner_close = min(closes) if in_paren else -1
            else:
                outer, inner = par, None
                if in_paren:
                    paren_close = min(closes)
            _add_part(par, q)
            continue
        # "基本支出中人员经费415.50万元" / "基本支出中，人员经费…": X中Y — Y is a part of the last X
        xf = _x_zhong(norm, q, prev)
        if xf:
            par = next((p for p in reversed(qs[:i]) if p.field == xf and not p.relation and p.role != "prev"
                        and _same_dim(p, q)), None)
            outer, inner = par, None
            if par is not None:
                _add_part(par, q)
            else:
                # the X is in an earlier paragraph: resolved by narrative_quantities
                q.pending_parent = xf
                pending = q
            continue
        if pending is not None and pending.sentence == q.sentence and not q.relation and _same_dim(pending, q) \
                and q.field not in TOTAL_FIELDS and q.field:
            pending.pending_group.append(q)
            continue
        target = inner if inner is not None else outer
        if target is not None and same_sentence and _same_dim(target, q) and _breaks_list(norm, qs, i, target):
            outer = inner = None
            continue
        if target is not None and same_sentence and _same_dim(target, q):
            nxt = qs[i + 1] if i + 1 < len(qs) else None
            starts_own = nxt is not None and "其中" in norm[q.end:nxt.start] and nxt.sentence == q.sentence
            fund_part = q.field in TOTAL_FIELDS and bool(_FUND_TYPE.search(q.lead)) and not starts_own
            if (q.field in TOTAL_FIELDS and not fund_part) or (starts_own and re.search(r"[；;]", gap)):
                outer = inner = None
                continue
            # an explicit role that differs from the parent's ends the list
            own = _own_role(q)
            if own and target.role and own != target.role and own != "executed":
                outer = inner = None
                continue
            if inner is not None and outer is not None and outer.parts and \
                    _common_suffix(q.label, outer.parts[-1].label) >= 3 and \
                    (not inner.parts or _common_suffix(q.label, inner.parts[-1].label) < 3):
                inner = None
                target = outer
            if _SUBTOTAL_LEAD.match(_QUOTES.sub("", q.lead).lstrip("，,、；; ")) and _take_subtotal(target, q):
                continue
            _add_part(target, q)
            continue
        # role-only lead: "基本支出预算为1659.36万元，调整预算数为1695.04万元"
        if not q.field and prev is not None and same_sentence and prev.field and _same_dim(prev, q) \
                and _ROLE_ONLY.match(_QUOTES.sub("", q.lead)):
            q.field = prev.field
            q.label = prev.label
            q.role = role_of(q.lead) or q.role


# an outline heading inside a paragraph whose line breaks were lost: after a sentence end, white
# space or a figure's unit ("415.60万元三、绩效…"), not "其中一、二季度"
_OUTLINE_HEADING = re.compile(r"(?:^|(?<=[\s。；;！？!?元人次%个项件]))(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])"
                              r"[\u4e00-\u9fff]{2,}")


_INCLUDES = re.compile(r"[，,]\s*(?:包括|包含|含|主要为|主要是|主要包括|主要用于|主要有)\s*[：:]?\s*[\u4e00-\u9fff“”\"]{0,12}$")


def _breaks_list(norm: str, qs: list[Quantity], i: int, target: Quantity) -> bool:
    """Whether quantity ``i`` cannot be the next part of ``target``'s 其中 list:
    it restates the total itself, it starts a calculation (10,584人×200天×5元),
    or a "；" and a quantity of another kind (全年供餐200天) separate it from the
    list.  "其中：人员经费100万元；公用经费50万元" still continues."""
    q = qs[i]
    if target.parts and q.value.number == target.value.number and q.value.unit == target.value.unit:
        return True
    if re.match(r"\s*[×xX*＊]\s*\d", norm[q.end:q.end + 4]):
        return True
    last = target.parts[-1] if target.parts else target
    if _OUTLINE_HEADING.search(norm[last.end:q.start]):
        return True     # run-on text: "…项目支出415.60万元三、绩效目标完成情况（一）…投入128.00万元" is another section
    try:
        k0 = qs.index(last)
    except ValueError:
        return False
    between = qs[k0 + 1:i]
    if not re.search(r"[；;]", norm[last.end:q.start]):
        return False
    if any(not k.relation and k.kind != "percent" and not _same_dim(k, q) for k in between):
        return True
    # A "；" ends a list whose items were joined by 、 or ， ("其中基本支出…、项目支出…；年末结转结余…"),
    # and a one-item 其中 list opened without a colon ("其中乡村教师1,874人次；参训教师…合格3,198人次").
    # Lists written item by item with "；" ("其中：人员经费…；公用经费…", "基本支出中人员经费…；
    # 公用经费…") go on.
    parts = target.parts
    if len(parts) >= 2:
        return not any(re.search(r"[；;]", norm[a.end:b.start]) for a, b in zip(parts, parts[1:]))
    if len(parts) == 1:
        opener = norm[target.end:parts[0].start]
        return "其中" in opener and not re.search(r"其中\s*[：:]", opener)
    return False


_XZ = re.compile(r"(?P<x>[^，,。；;：:、（）()\d]{2,12}?)中(?:的)?[，,：:]?\s*$")


def _x_zhong(norm: str, q: Quantity, prev: Quantity | None) -> str:
    """The field X of a leading "X中" before this quantity's label, or ""."""
    if not q.field or q.kind not in ("money", "count"):
        return ""
    lead_start = q.start - len(q.lead)
    lo = max(q.sentence[0], prev.end if prev is not None else 0)
    before = _QUOTES.sub("", norm[lo:lead_start])
    cand = []
    m = re.match(r"^(?P<x>[^，,。；;：:、（）()]{2,12}?)中(?:的)?", _QUOTES.sub("", q.lead))
    if m:
        cand.append(m.group("x"))
    m2 = _XZ.search(before)
    if m2:
        cand.append(m2.group("x"))
    for x in cand:
        xf, _, s, e = match_label(x)
        if xf and xf != q.field and e == len(x):
            return xf
    return ""


def _list_parent(qs: list[Quantity], i: int) -> Quantity | None:
    """The total a "其中" list starts under: the nearest earlier quantity of the
    same dimension in this or the previous sentence (skipping shares and rates
    stated with it: "基本支出957.19万元，占总支出的66.54%。其中人员经费…")."""
    q = qs[i]
    sentences = set()
    for p in reversed(qs[:i]):
        sentences.add(p.sentence)
        if len(sentences) > 2:
            return None
        if p.standard and not q.standard:
            continue  # "按每户1600元标准补助，其中中央资金…": the amounts are not parts of the rate
        if p.relation or p.kind == "percent" or p.role == "prev":
            continue  # nor last year's figure: "上年决算6.84万元…。其中：公务接待费1.26万元…"
        if _in_closed_bracket(p, q):
            continue  # "全年预算3,518.46万元（年初预算3,260.00万元），其中…": the bracket is an aside
        return p if _same_dim(p, q) else None
    return None


def _in_closed_bracket(p: Quantity, q: Quantity) -> bool:
    """Whether ``p`` stands inside a （…） that closes before ``q``."""
    raw = p.value.raw or ""
    before = raw[max(0, p.start - 20):p.start]
    opened = max(before.rfind("（"), before.rfind("("))
    if opened < 0 or max(before.rfind("）"), before.rfind(")")) > opened:
        return False
    between = raw[p.end:q.start]
    return "）" in between or ")" in between


def _link_change(norm: str, qs: list[Quantity], i: int) -> None:
    q = qs[i]
    prev = qs[i - 1] if i else None
    if q.relation == "growth" and prev is not None and prev.relation == "prev_value" and prev.sentence == q.sentence:
        q.prev_value = prev
    if q.relation == "growth" and q.prev_value is None and prev is not None and prev.relation == "change" \
            and prev.sentence == q.sentence and i >= 2:
        # "比上年4.28万元减少0.63万元，下降14.72%": the stated previous value is the denominator
        pv = qs[i - 2]
        if pv.relation == "prev_value" and pv.sentence == q.sentence and _same_dim(pv, prev):
            q.prev_value = pv
    for p in reversed(qs[:i]):
        if p.sentence != q.sentence:
            break
        if p.relation == "change":
            if q.relation == "growth" and q.change is None and (p.base is not None or q.prev_value is not None):
                q.change = p
                q.base = p.base
                return
            continue
        if p.relation:
            continue
        if q.kind == "percent" or _same_dim(p, q):
            q.base = p
            return
    if q.relation == "change" and q.base is None:
        # "收入合计2900.00万元，其中…。收入较上年增加249.70万元": the change names its subject, stated as a
        # total earlier in the paragraph
        subject = re.sub(r"^[，,。；;、\s]+|(?:较|比|同比|与).*$", "", q.label or "")
        if len(subject) >= 2:
            for p in reversed(qs[:i]):
                if p.chunk is not q.chunk:
                    break
                if not p.relation and p.parent is None and p.role != "prev" and _same_dim(p, q) \
                        and subject in (p.label or "") and p.parts:
                    q.base = p
                    return


# "其中中央和省级补助资金3480.00万元、区级配套1640.00万元，合计财政资金5120.00万元": a 合计 inside a 其中 list
# closes a subtotal of the parts just before it
_SUBTOTAL_LEAD = re.compile(r"(?:以上|上述|两项|三项|各项)?(?:合计|小计|共计|合共)")


def _take_subtotal(parent: Quantity, q: Quantity) -> bool:
    """A 合计/小计 figure ``q`` inside ``parent``'s list is the subtotal of the parts before it (the last ones that
    add up to it, else all since the list's last subtotal): they become its parts, it takes their place in the list
    and, being their stated sum, must equal them (NC350).  False (nothing changed) when fewer than two precede."""
    if q.money_factor is None and q.kind != "count":
        return False

    def size(x: Quantity) -> tuple[float, float]:
        f = x.money_factor if x.money_factor is not None else 1.0
        return x.number * f, 0.5 * 10 ** -x.decimals * f

    if q.number is None or any(p.number is None or (p.money_factor is None) != (q.money_factor is None)
                               or p.unit != q.unit and q.money_factor is None for p in parent.parts):
        return False
    qv, qh = size(q)
    total, tol = 0.0, qh
    # the run since the list's last subtotal; the last parts of it that add up to q, else all of it
    start = max([k + 1 for k, p in enumerate(parent.parts) if p.subtotal], default=0)
    cut = start
    for k in range(len(parent.parts) - 1, start - 1, -1):
        v, h = size(parent.parts[k])
        total, tol = total + v, tol + h
        if len(parent.parts) - k >= 2 and abs(total - qv) <= tol + 1e-9 * max(1.0, abs(qv)):
            cut = k
            break
    if len(parent.parts) - cut < 2:
        return False
    run = parent.parts[cut:]
    del parent.parts[cut:]
    _add_part(parent, q)
    q.subtotal = True
    for p in run:
        p.parent = None
        _add_part(q, p)
    return True


def _add_part(parent: Quantity, q: Quantity) -> None:
    parent.parts.append(q)
    q.parent = parent
    if q.field in TOTAL_FIELDS:
        q.field = ""  # "全年支出…，其中一般公共预算支出…、政府性基金预算支出…": a part is not the total
    if not _own_role(q):
        q.role = parent.role
    if q.year is None:
        q.year = parent.year


_FUND_TYPE = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|部门预算单位|预算单位|预算部门")


def _own_role(q: Quantity) -> str:
    text = q.lead
    if q.field in CATEGORY_FIELDS and q.label:
        text = text.replace(q.label, "")
    return role_of(_FUND_TYPE.sub("", text))


def finalize_roles(qs: Iterable[Quantity]) -> None:
    """Default roles from the label itself: 基本支出/人员经费… without 预算 are spending."""
    for q in qs:
        if q.role or q.kind != "money":
            continue
        if q.field in CATEGORY_FIELDS - {"fiscal", "other_income", "carryover"} or q.field == "total":
            q.role = "executed"
        elif q.field in ("fiscal", "other_income", "income_total", "carryover"):
            q.role = "income"


# ---------------------------------------------------------------------------
# reports
# ---------------------------------------------------------------------------

_LABELLED_CELL = re.compile(r"^\s*(?:其中\s*[：:])?\s*(?P<label>[^\d：:]{2,24}?)\s*[：:]\s*(?P<num>[-\d.,]*)\s*$")


def is_labelled_cell(text: str) -> bool:
    """A short form cell such as ``其中：基本支出：1163.78`` (a table fact, not narrative)."""
    return bool(_LABELLED_CELL.match(normalize(text)))


def labelled_cell(text: str) -> tuple[str, str] | None:
    m = _LABELLED_CELL.match(normalize(text))
    if not m:
        return None
    return m.group("label").strip(), m.group("num")


def narrative_chunks(report) -> list:
    """Chunks whose text is narrative: body paragraphs, long free-text cells that
    are not form values, and 年度总体目标完成情况 cells."""
    out = []
    for c in report.chunks:
        if c.kind == "paragraph":
            out.append(c)
        elif c.kind == "cell":
            if c.field in ("", "goal_actual") and len(c.text.strip()) >= 12 and not is_labelled_cell(c.text) \
                    and re.search(r"[\u4e00-\u9fff]{4}", c.text):
                out.append(c)
    return out


def _resolve_pending(earlier: list[Quantity], q: Quantity) -> None:
    """Attach "X中，A…；B…" to the last X of the preceding paragraph (same section)."""
    chunks = []
    for p in reversed(earlier):
        if p.chunk is not None and (not chunks or chunks[-1] is not p.chunk):
            chunks.append(p.chunk)
        if len(chunks) > 2:
            return
        if p.chunk.section != q.chunk.section:
            return
        if p.field == q.pending_parent and not p.relation and p.role != "prev" and _same_dim(p, q):
            for m in [q] + q.pending_group:
                _add_part(p, m)
            return


def narrative_quantities(report) -> list[Quantity]:
    """All quantities of the report's narrative, each with ``chunk`` set (computed once
    per report: ``report.facts.quantities``)."""
    facts = getattr(report, "facts", None)
    if facts is not None:
        return facts.quantities
    return compute_narrative_quantities(report)


def compute_narrative_quantities(report) -> list[Quantity]:
    year = getattr(report.meta, "year", None)
    out: list[Quantity] = []
    for c in narrative_chunks(report):
        qs = extract_quantities(c.text, year)
        finalize_roles(qs)
        for q in qs:
            q.chunk = c
            if q.pending_parent:
                _resolve_pending(out, q)
        out.extend(qs)
    return out
