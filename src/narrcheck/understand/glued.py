"""Split form rows whose cells are glued with no separator.

Document-sharing sites and some crawlers write a table row as one string:
``安装水位标尺10≥266米≥266米10`` is 三级指标 安装水位标尺, 分值 10, 年度指标值
≥266米, 实际完成值 ≥266米, 得分 10.  The header row above is glued the same way
and gives the column order (regrid.split_header cuts it by the header
vocabulary).  This module cuts each row by the value grammar of the column
each piece must fill: level labels (产出指标, 数量指标), free texts (names,
deviation reasons, 评分标准) ending where the character class changes,
values (comparator, number, unit, 以上/前 suffix; dates; 定性 words such as 达成,
有效, 好), units, 指标性质 words, 是/否, and numbers for weights, scores and
money, whose digits may run into each other (``1010`` = 10 | 10).

Every row is parsed by a k-best dynamic programme over (position, column);
the candidates are then ranked by what the row says about itself (得分 at most
the 分值, 执行率 = 执行数 / 预算数, 得分 = 分值 × 得分系数, an actual of the target's
order of magnitude).  Rows whose two best splits give different values and
cost about the same are ambiguous; the form's closing row (总分 100 98.59) then
decides: the combination of candidates whose weights and scores add up to the
totals.  A row that stays ambiguous is not read (its text stays in a note row),
and a form is only as sure as its check: forms whose sums hold are read with a
confidence that allows warnings (never errors), the rest stay at info.

INTERFACE:

    refine_header(cells) -> list[str]                 header cells, 执行率得分 cut in two when needed
    read_rows(lines, header, kind, total_line, prior) -> Glued
    Glued.rows: list[list[str] | str]                 cell texts per column, or a note text
    Glued.total: list[str] | None                     the closing row's cell texts
    Glued.confidence: float
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from .regrid import _SCORING_RULE
from .values import _CMP_RE, _PER_RE, _UNIT_RE, normalize

INF = math.inf
K = 6                     # candidates kept per state
MARGIN = 1.0              # two splits closer than this are ambiguous

_NUM_AT = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NA_AT = re.compile(r"——|--|—|－|/|／|\\|无|不适用")
_DATE_AT = re.compile(r"20\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:年底|年末|月底|月末|底|末)?(?:以前|之前|前|内|以内)?")
_QUAL_AT = re.compile(r"[达成有效好良较显著明提升高完合格标符满足优秀按时全部正常稳定改善增强规范及时到位准确持续逐步"
                      r"进一步大幅基本总体实现]{1,10}")
_SUFFIX_AT = re.compile(r"以上|以下|以内|之内|左右|前|内")
_UNIT_PAREN = re.compile(r"[（(][\u4e00-\u9fff]{1,2}[)）]")
_DIR_AT = re.compile(r"正向指标|反向指标|正向|反向|定量|定性|>=|<=|≥|≤|=|>|<")
_YN_AT = re.compile(r"[是否√★☑□]")
_L1_AT = re.compile(r"(?:产出|效益|效果|满意度|成本|投入|过程|决策|管理|履职|服务对象满意度)(?:指标|目标)?"
                    r"(?:[(（]\d+(?:\.\d+)?分[)）])?")
_L2_AT = re.compile(r"(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|"
                    r"可持续影响|服务对象满意度|社会公众或服务对象满意度|满意度|预算执行|资金管理|"
                    r"产出数量|产出质量|产出时效|产出成本|预算配置|预算管理|资产管理|财务管理|业务管理|项目管理|"
                    r"组织实施|项目立项|绩效目标|资金投入|职责履行|履职效益|履职效能|管理效率|运行成本)(?:指标)?"
                    r"(?:[(（]\d+(?:\.\d+)?分[)）])?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a text cell never starts with what belongs to the number before it
_ATTACHED = set("%‰.,年月日分元万亿")

NUMERIC = {"weight", "score", "score_ratio", "budget_initial", "budget_full_year", "executed", "seq", "rate"}
VALUE = {"target", "target_adjusted", "actual"}
FREE = {"name", "deviation", "standard", "measure", "other", "fund_label"}
# skipping a column (its cell is empty, so the glued text has nothing for it)
_SKIP = {"level1": 0.2, "level2": 0.2, "name": 6.0, "direction": 1.0, "unit": 1.0, "target": 3.0,
         "target_adjusted": 0.5, "actual": 3.0, "weight": 2.5, "score": 2.5, "score_ratio": 2.0,
         "deviation": 0.0, "measure": 0.3, "standard": 1.5, "is_core": 0.8, "other": 0.2, "fund_label": 6.0,
         "budget_initial": 1.5, "budget_full_year": 1.5, "executed": 1.5, "rate": 1.5, "seq": 0.0, None: 0.0}


@dataclass
class Glued:
    rows: list = field(default_factory=list)
    total: list | None = None
    confidence: float = 0.55
    checked: bool = False
    block: tuple | None = None      # funds: the weight and score of the block (its total row)


def refine_header(cells: list[str]) -> list[str]:
    """A glued header cut into the fewest words may hold two columns in one
    word (执行率得分(10分*执行率), 权重得分): a cell that reads as two header
    words, the first naming a field no other cell has, is two columns."""
    from .regrid import _cell_field

    # 得分计算方法 names 得分 but is a text column: it takes no field from the others
    fields = [None if re.search(r"(方法|说明|备注|依据)$", normalize(c)) else _cell_field(c) for c in cells]
    out = []
    for k, (c, f) in enumerate(zip(cells, fields)):
        others = set(fields[:k] + fields[k + 1:])
        s = normalize(c)
        cut = None
        for a in range(2, min(len(s) - 1, 6)):
            fa, fb = _cell_field(s[:a]), _cell_field(s[a:])
            if fa and fb and fa != fb and fa not in others and fb not in others and fb == f \
                    and s[a] not in "（(":
                cut = a
                break
        if cut is not None:
            out += [c[:cut], c[cut:]]
        else:
            out.append(c)
    return out


_WORD_START = re.compile(r"定性|定量|正向|反向|是|否|无|达成|有效|良好|较好|显著|明显|每(?:月|年|季度|周|日|天)")
_EVERY_AT = re.compile(r"每(?:个)?(?:月|年|季度|周|日|天)")


def numbered(lines: list[str]) -> bool:
    """Rows that start with their number (1产出指标…, 2安装水位标尺…) under a
    header that has no 序号 column: at least three, counting up from 1."""
    want = 1
    for raw in lines:
        m = re.match(r"^(\d{1,2})(?=[\u4e00-\u9fff“\"])", normalize(raw.strip()))
        if m and int(m.group(1)) == want:
            want += 1
    return want > 3


def _boundaries(s: str) -> set[int]:
    """Positions where the character class changes, or where a word of a short
    column starts (定性, 是/否, 无, 达成): a free text may end there."""
    def cls(ch):
        if ch.isdigit():
            return "d"
        if _CJK.match(ch):
            return "c"
        return ch
    out = {len(s)}
    for i in range(1, len(s)):
        a, b = cls(s[i - 1]), cls(s[i])
        if (a != b or a not in ("d", "c")) and s[i - 1] not in "“‘《（(" and s[i] not in "”’》":
            out.add(i)
    out.update(m.start() for m in _WORD_START.finditer(s) if m.start() > 0)
    # 可持续影响 | 机制健全得满分: a label word at the start of the row ends a cell
    out.update(m.end() for m in _L2_AT.finditer(s) if m.start() == 0)
    return out | _repeats(s)


def _repeats(s: str) -> set[int]:
    """完成率完成率100%得满分: a 评分标准 that starts by repeating the end of the name."""
    out = set()
    for p in range(3, len(s) - 1):
        for k in (2, 3, 4, 5):
            if p >= k and s[p - k:p] == s[p:p + k] and _CJK.match(s[p]):
                out.add(p)
    return out


def _numbers_at(s: str, i: int, max_dec: int = 2):
    """Every valid number starting at i: (end, value, decimals)."""
    m = _NUM_AT.match(s, i)
    if not m:
        return []
    out = []
    run = m.group(0)
    for k in range(1, len(run) + 1):
        t = run[:k]
        if t.endswith((",", ".")):
            continue
        core = t.split(".")[0]
        if "," in core and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", core):
            continue
        if len(core) > 1 and core[0] == "0":
            continue
        dec = len(t.split(".")[1]) if "." in t else 0
        if dec > max_dec:
            continue
        # a comma group must be complete: 6,400.006,820 is 6,400.00 | 6,820
        nxt = s[i + k] if i + k < len(s) else ""
        if "," in core and nxt == ",":
            continue
        out.append((i + k, float(t.replace(",", "")), dec))
    return out


def _value_spans(s: str, i: int, has_dir: bool, has_unit: bool, bounds: set[int] | None = None):
    """target / actual cells starting at i: (end, cost, number or None).  A value
    cut out of a run of digits (≥1 | 80人次) is costly: only weights, scores and
    amounts run into each other."""
    pen = 2.5 if (i > 0 and s[i - 1].isdigit() and s[i].isdigit()) else 0.0
    out = [(e, c + pen + (0.0 if not (e < len(s) and s[e - 1].isdigit() and s[e].isdigit())
                          else (0.0 if has_unit else 1.0)), v)
           for e, c, v in _value_spans0(s, i, has_dir, has_unit, bounds)]
    return out


def _value_spans0(s: str, i: int, has_dir: bool, has_unit: bool, bounds: set[int] | None = None):
    out = []
    m = _NA_AT.match(s, i)
    if m:
        out.append((m.end(), 0.5, None))
    m = _DATE_AT.match(s, i)
    if m:
        out.append((m.end(), 0.0, None))
        return out
    j = i
    cmp_ = _CMP_RE.match(s, i)
    if cmp_:
        j = cmp_.end()
    for end, v, dec in _numbers_at(s, j, 3):
        base = 0.0 if (cmp_ or has_unit) else 0.4
        out.append((end, base + (0.3 if has_unit is False else 0.0) + 0.2 * max(0, dec - 2), v))
        u = _UNIT_RE.match(s, end)
        if not u and end < len(s) and s[end] in "万亿千":
            u = _UNIT_RE.match(s, end + 1)          # 2.1万人
        if u:
            e = u.end()
            p = _UNIT_PAREN.match(s, e)
            if p and p.group(0)[1:-1] in ("套", "台", "个", "人", "次", "件", "处"):
                e = p.end()
            per = _PER_RE.match(s, e)
            if per:
                e = per.end()
            cost = 0.0 + (1.0 if has_unit else 0.0)
            out.append((e, cost, v))
            sx = _SUFFIX_AT.match(s, e)
            if sx:
                out.append((sx.end(), cost, v))
        sx = _SUFFIX_AT.match(s, end)
        if sx:
            out.append((sx.end(), base + 0.2, v))
    if not cmp_:
        m = _QUAL_AT.match(s, i)
        if m:
            for e in range(i + 1, m.end() + 1):
                out.append((e, 1.0 + (0.5 if e < m.end() else 0.0), None))
    m = _EVERY_AT.match(s, i)
    if m:                                    # 每月15日前, 每季度1次
        for end, v, dec in _numbers_at(s, m.end(), 2):
            e = end
            u = _UNIT_RE.match(s, e)
            if u:
                e = u.end()
            sx = _SUFFIX_AT.match(s, e)
            out.append(((sx.end() if sx else e), 0.3, v))
    if _CJK.match(s, i) and bounds is not None:
        # a value written out (达成年度指标：12个月均在15日前发放): costly, for rows nothing else fits
        qual = bool(_QUAL_AT.match(s, i))
        for e in sorted(b for b in bounds if i + 2 <= b <= i + 40):
            out.append((e, (2.0 if qual else 3.0) + 0.02 * (e - i), None))
    return out


def _free_spans(s: str, i: int, bounds: set[int], fld: str, repeats: set[int]):
    out = []
    n = len(s)
    after_digit = i > 0 and s[i - 1].isdigit()
    start_pen = 3.0 if (after_digit and s[i] in _ATTACHED) else 0.0
    if after_digit and _UNIT_RE.match(s, i):
        start_pen += 2.0          # 9.51 | 处机耕道…: a text rarely starts with the unit of the number before it
    if i > 0 and s[i].isdigit() and s[i - 1].isdigit():
        # a number cut in two (19.05 | 1处工程…): the less of it the text takes, the likelier
        start_pen += 1.5 + 0.3 * len(re.match(r"[\d.,]*", s[i:]).group(0))
    for e in sorted(b for b in bounds if b > i):
        t = s[i:e]
        if fld == "name":
            if not _CJK.search(t) or re.search(r"[≥≤=<>]", t) or len(t) > 60:
                continue
            c = 0.0
            if t[0].isdigit():
                c += 1.5          # 1产出指标…: the row's number, when the form has one
                t = t.lstrip("0123456789")
            if _L2_AT.fullmatch(t) or _L1_AT.fullmatch(t):
                c += 1.0          # 社会效益 is a name in some forms (湖南评分表), a label in most
            elif (_L1_AT.match(t) and _L1_AT.match(t).end() >= 4) or (_L2_AT.match(t) and _L2_AT.match(t).end() >= 4):
                c += 2.5          # a label at the front belongs to the label columns
            if re.search(r"20\d{2}年", t):
                c += 3.0          # a date is a value, not part of the name
            if _SCORING_RULE.search(t):
                c += 3.0          # 机制健全得满分 is a 评分标准
            if re.search(r"[：:；;，,。]", t):
                c += 2.0          # a name is not a sentence
            if re.search(r"每(?:个)?(?:月|年|季度|周|日|天)$", t):
                c += 2.0          # 津贴按月发放每月 | 15日前: the 每月 starts the value
            c += 0.3 * len(re.findall(r"\d+", t))
            if e in repeats:
                c -= 0.5          # 完成率 | 完成率100%得满分
            if e < n and s[e - 1].isdigit() and s[e].isdigit():
                continue
            out.append((e, c + start_pen))
        elif fld == "fund_label":
            if i != 0 or not _CJK.search(t) or re.search(r"\d", t):
                continue
            out.append((e, 0.0))
        else:                                     # deviation, standard, measure, other
            if not _CJK.search(t):
                continue                          # 1 | 0.5: a number is no reason text
            c = {"deviation": 0.3, "standard": 0.3, "measure": 0.5, "other": 1.0}.get(fld, 1.0)
            if fld == "deviation" and e < n:
                c += 3.0                          # a deviation is the last cell of the row
            if fld == "standard" and e < n and not re.search(r"[分]$", t):
                c += 0.5
            out.append((e, c + start_pen))
    return out


def _spans(s: str, i: int, fld: str | None, ctx: dict):
    """(end, cost, number) candidates for column ``fld`` starting at s[i]."""
    if fld is None:
        return []
    out = []
    m = _NA_AT.match(s, i)
    if fld in NUMERIC:
        if m:
            out.append((m.end(), 0.3, None))
            if m.group(0) in ("——", "--"):
                out.append((i + 1, 0.3, None))      # —— under 分值 and 得分: one dash each
        if fld == "rate":
            for end, v, dec in _numbers_at(s, i, 2):
                if end < len(s) and s[end] == "%":
                    if v <= 200:
                        out.append((end + 1, 0.0, v))
            return out
        max_dec = 2
        for end, v, dec in _numbers_at(s, i, max_dec):
            pct = end < len(s) and s[end] == "%"
            if fld in ("weight",):
                if not (0 < v <= ctx["max_weight"]):
                    continue
                c = 0.0 if dec == 0 else (0.3 if v * 2 == int(v * 2) else 1.5)
                if v == 1:
                    c += 0.5
            elif fld == "score":
                if v > ctx["max_weight"] * 1.5:
                    continue
                c = 0.0
            elif fld == "score_ratio":
                if v > 150:
                    continue          # 得分系数 105: a score above its weight, kept for the rules to see
                c = 0.0
                if pct:
                    out.append((end + 1, 0.0, v))
            elif fld == "seq":
                if dec or v > 99:
                    continue
                c = 0.0
            else:                                  # money
                c = 0.0 if dec == 2 else (0.6 if dec == 0 else 0.4)
            if pct and fld != "score_ratio":
                continue                           # 95.40% is a rate, never a weight or an amount
            out.append((end, c, v))
        return out
    if fld in VALUE:
        return _value_spans(s, i, ctx["has_dir"], ctx["has_unit"], ctx["bounds"])
    if fld == "unit":
        u = _UNIT_RE.match(s, i)
        if u:
            e = u.end()
            p = _UNIT_PAREN.match(s, e)
            if p:
                out.append((p.end(), 0.0, None))
            per = _PER_RE.match(s, e)
            if per:
                out.append((per.end(), 0.0, None))
            out.append((e, 0.0, None))
        if m:
            out.append((m.end(), 0.5, None))
        return out
    if fld == "direction":
        d = _DIR_AT.match(s, i)
        if d:
            out.append((d.end(), 0.0, None))
        if m:
            out.append((m.end(), 0.5, None))
        return out
    if fld == "is_core":
        y = _YN_AT.match(s, i)
        if y:
            out.append((y.end(), 0.0, None))
        return out
    if fld == "level1":
        x = _L1_AT.match(s, i)
        if x and (i == 0 or s[:i].isdigit()):       # first in the row, or after its number
            out.append((x.end(), 0.0, None))
        return out
    if fld == "level2":
        x = _L2_AT.match(s, i)
        if x:
            out.append((x.end(), 0.0, None))
            if x.group(0).endswith("指标") is False and s.startswith("指标", x.end()):
                out.append((x.end() + 2, 0.0, None))
        return out
    if fld in FREE:
        if m and fld != "fund_label":
            out.append((m.end(), 0.1, None))
        return [(e, c, None) for e, c in _free_spans(s, i, ctx["bounds"], fld, ctx["repeats"])] + out
    return out


def parse_row(s: str, fields: list[str | None], max_weight: float = 50.0) -> list[tuple[float, tuple]]:
    """The K best splits of ``s`` into ``fields``: (cost, ((column, start, end, number), …))."""
    n = len(s)
    ctx = {"bounds": _boundaries(s), "repeats": _repeats(s), "has_dir": "direction" in fields, "has_unit": "unit" in fields,
           "max_weight": max_weight}
    nf = len(fields)
    memo: dict[tuple[int, int], list] = {}

    def best(i: int, j: int) -> list:
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == n:
            c = sum(_SKIP.get(f, 0.0) for f in fields[j:])
            memo[key] = [(c, ())]
            return memo[key]
        if j == nf:
            memo[key] = []
            return []
        cands = []
        for c, rest in best(i, j + 1):
            cands.append((c + _SKIP.get(fields[j], 0.0), rest))
        for end, c, v in _spans(s, i, fields[j], ctx):
            if end <= i:
                continue
            for c2, rest in best(end, j + 1):
                cands.append((c + c2, ((j, i, end, v),) + rest))
        cands.sort(key=lambda x: x[0])
        memo[key] = cands[:K]
        return memo[key]

    return [(c, p) for c, p in best(0, 0) if c < INF]


def _by_field(parse, fields) -> dict:
    return {fields[j]: (a, b, v) for j, a, b, v in parse}


def _unit_of(text: str) -> str | None:
    """The unit after a value's number ('' for a bare number), None when the text holds no number."""
    m = re.search(r"\d(?:[\d,.]*\d)?", text)
    if not m or _DATE_AT.search(text):
        return None
    rest = text[m.end():]
    return re.sub(r"(以上|以下|以内|之内|左右|前|内)$", "", rest)


def _row_cost(s: str, parse, fields, kind: str) -> float:
    """What the row says about itself."""
    f = _by_field(parse, fields)
    c = 0.0
    w = f.get("weight", (0, 0, None))[2]
    sc = f.get("score", (0, 0, None))[2]
    if kind != "funds":
        if w is not None and sc is not None:
            if sc > w + 1e-9:
                c += 2.0
            if "score_ratio" in f and f["score_ratio"][2] is not None:
                c += 0.0 if abs(w * f["score_ratio"][2] / 100 - sc) <= 0.06 else 3.0
        if sc is not None and sc == 0:
            c += 0.5
        t = f.get("target", (0, 0, None))[2]
        a = f.get("actual", (0, 0, None))[2]
        if "unit" not in fields and "target" in f and "actual" in f:
            ut = _unit_of(s[f["target"][0]:f["target"][1]])
            ua = _unit_of(s[f["actual"][0]:f["actual"][1]])
            if ut is not None and ua is not None and ut != ua:
                c += 1.5 if not ua or not ut else 0.5      # ≥55台（套） | 10: an actual without the target's unit
        if t and a and t > 0 and a > 0:
            r = abs(math.log10(a / t))
            c += 0.0 if r <= 0.31 else (0.5 if r <= 1 else 1.5)
    else:
        ex = f.get("executed", (0, 0, None))[2]
        bud = f.get("budget_full_year", (0, 0, None))[2] or f.get("budget_initial", (0, 0, None))[2]
        rate = f.get("rate", (0, 0, None))[2]
        if ex and bud and rate is not None:
            c += 0.0 if abs(ex / bud * 100 - rate) <= 0.6 else 2.0
        if w is not None and sc is not None and rate is not None:
            c += 0.0 if abs(w * rate / 100 - sc) <= 0.06 else 1.0
    return c


_VALUE_FIELDS = NUMERIC | VALUE


def _signature(parse, fields, s: str = ""):
    """The values a split gives, as a reader sees them: ≥ | 10 | 期 under 指标性质 /
    指标值 / 度量单位 and ≥10 | 期 are the same target."""
    f = {fields[j]: s[a:b] for j, a, b, v in parse}
    out = tuple((fields[j], s[a:b] if s else (a, b)) for j, a, b, v in parse
                if fields[j] in _VALUE_FIELDS and fields[j] != "target")
    target = f.get("direction", "") + f.get("target", "")
    if f.get("unit") and not target.endswith(f["unit"]):
        target += f["unit"]
    return out + (("target", target),)


def row_candidates(s: str, fields, kind: str, max_weight: float = 50.0):
    """Distinct splits of a row, best first: [(cost, parse)]."""
    out = []
    seen = set()
    for c, p in parse_row(s, fields, max_weight):
        sig = _signature(p, fields, s)
        if sig in seen:
            continue
        seen.add(sig)
        out.append((c + _row_cost(s, p, fields, kind), p))
    out.sort(key=lambda x: x[0])
    return out


def _is_value_row(parse, fields, kind) -> bool:
    got = {fields[j] for j, a, b, v in parse}
    if kind == "funds":
        return "fund_label" in got and bool(got & {"budget_initial", "budget_full_year", "executed"})
    return bool(got & {"name", "level2"}) and bool(got & {"target", "actual", "weight", "score", "standard"})


def _pair(parse, fields) -> tuple:
    f = _by_field(parse, fields)
    return (f.get("weight", (0, 0, None))[2], f.get("score", (0, 0, None))[2])


def _total_split(s: str) -> tuple[float, float] | None:
    """总分10098.59: (100, 98.59), when only one split is a plausible total."""
    got = set()
    for e1, w, d1 in _numbers_at(s, 0, 2):
        if not (0 < w <= 100):
            continue
        for e2, sc, d2 in _numbers_at(s, e1, 2):
            if e2 == len(s) and sc <= w + 1e-9:
                got.add((w, sc))
    if len(got) == 1:
        return got.pop()
    return None


def _sum_ok(a: float, b: float) -> bool:
    return abs(a - b) <= 0.011


def read_rows(lines: list[str], header: list[str], fields: list[str | None], kind: str,
              total_line: str | None = None, prior: tuple[float, float] | None = None) -> Glued:
    """Cut the glued ``lines`` (one row each) into cells of ``fields``.
    ``total_line``: the form's closing row (总分10098.59); ``prior``: weight and
    score of a funds block that the total also counts (Sichuan 预算执行情况（10分）)."""
    from .regrid import L1_RX, _SPACED, _unspace

    out = Glued()
    items: list = []          # ("row", text, candidates) | ("note", text) | ("l1", text)
    for raw in lines:
        orig = re.sub(r"\s+", "", _SPACED.sub(_unspace, raw.strip()))
        s = normalize(orig)            # same length: cells are cut from the original text
        if not s or s == "\x00":
            continue
        if kind != "funds" and (_L1_AT.fullmatch(s) or L1_RX.match(s)):    # also 满意度指(10分), cut short
            items.append(("l1", orig))
            continue
        cands = [(c, p) for c, p in row_candidates(s, fields, kind) if _is_value_row(p, fields, kind)]
        if cands and cands[0][0] < 8:
            items.append(("row", s, cands, None, orig))
        elif items and items[-1][0] == "row" and len(s) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", s) \
                and "name" in fields:
            items[-1] = items[-1][:3] + (orig,) + items[-1][4:]     # the wrapped end of the name above
        else:
            items.append(("note", orig))
    rows = [it for it in items if it[0] == "row"]
    choice = [0] * len(rows)
    checked = False
    tot = None
    if total_line is not None:
        t = normalize(re.sub(r"\s+", "", total_line))
        m = re.match(r"^(总\s*分|合\s*计|总\s*计)", t)
        tot = _total_split(t[m.end():]) if m else None
        if tot is not None:
            out.total = [t[:m.end()], _fmt(tot[0]), _fmt(tot[1])]
    if tot is not None and kind != "funds" and "weight" in fields and "score" in fields:
        # the weights and scores must add up to the closing row: among each row's
        # (weight, score) readings, the one combination that does
        targets = [tot]
        if prior is not None:
            targets.append((tot[0] - prior[0], tot[1] - prior[1]))
        options = []
        for it in rows:
            pairs: dict = {}
            for c, p in it[2]:
                if c - it[2][0][0] < 3.0:
                    pairs.setdefault(_pair(p, fields), c)
            options.append(list(pairs))
        combos = 1
        for o in options:
            combos *= len(o)
        if combos <= 4096:
            hits = []
            for combo in itertools.product(*options):
                ws = sum(w or 0.0 for w, _ in combo)
                ss = sum(x or 0.0 for _, x in combo)
                if any(_sum_ok(ws, tw) and _sum_ok(ss, ts) for tw, ts in targets):
                    hits.append(combo)
                    if len(hits) > 1:
                        break
            if len(hits) == 1:
                checked = True
                for r, (it, pair) in enumerate(zip(rows, hits[0])):
                    keep = [(c, p) for c, p in it[2] if _pair(p, fields) == pair]
                    rows[r] = it[:2] + (keep,) + it[3:]
    # a row is ambiguous when a split with other values is about as cheap as the best
    amb = [len(it[2]) > 1 and it[2][1][0] - it[2][0][0] < MARGIN for it in rows]
    if kind == "funds":
        # a funds row checks itself: 执行率 = 执行数 / 预算数
        checked = bool(rows) and all(_row_cost(it[1], it[2][0][1], fields, kind) == 0 for it in rows)
    # the rows
    ri = 0
    pending_l1 = None
    good = 0
    for it in items:
        if it[0] == "l1":
            pending_l1 = it[1]
            continue
        if it[0] == "note":
            out.rows.append(it[1])
            continue
        it = rows[ri]
        k = choice[ri]
        a = amb[ri]
        ri += 1
        s = it[4]
        if a:
            out.rows.append(s if it[3] is None else s + it[3])
            continue
        texts = [""] * len(fields)
        for j, x, y, v in it[2][k][1]:
            texts[j] = s[x:y]
        if it[3] is not None and "name" in fields:
            texts[fields.index("name")] += it[3]
        if pending_l1 and "level1" in fields and not texts[fields.index("level1")]:
            texts[fields.index("level1")] = pending_l1
        pending_l1 = None
        out.rows.append(texts)
        good += 1
        f = _by_field(it[2][k][1], fields)
        if kind == "funds" and out.block is None and f.get("score", (0, 0, None))[2] is not None:
            w = f.get("weight", (0, 0, None))[2]
            if w is None and "score" in fields:
                # 得分(10分*执行率): the block's weight declared in its 得分 header
                from .forms import header_field

                w = header_field(header[fields.index("score")])[1].get("weight")
            if w is not None:
                out.block = (w, f["score"][2])
    n = max(1, len(rows))
    fit = good / n
    out.checked = checked
    # a 评分标准 glued to its indicator's name is cut by guesswork (no character class
    # changes between them): such forms stay at info whatever their sums say
    sure = checked and fit == 1.0 and "standard" not in fields
    out.confidence = round((0.75 if sure else 0.55 * fit), 2)
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"
