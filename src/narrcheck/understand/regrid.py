"""Re-grid forms that arrive as a token stream instead of a grid.

Reports copied from web pages, document-sharing sites and PDF text layers
keep a form's words but lose its grid: one cell per line (empty cells as
empty lines or gone, `` |`` after each cell), each row flattened onto one
line with single spaces, or cells glued with no separator.  The header row
is still there (一级指标 二级指标 三级指标 年度指标值 … or 年初预算数 全年预算数
全年执行数 …): its vocabulary says which form it is and gives the column
order.  This module finds such a header among plain lines, turns the lines
after it into tokens, and aligns the tokens to the header's columns by the
value grammar (comparators, units, percentages, dates, small numbers for
weights and scores, level-1/level-2 label words, fund-source words): a
Viterbi alignment over "which column does this token fill", where a row
may skip a column (empty cells gone, labels a rowspan put on the first
row only) and free-text columns may take several tokens (wrapped lines).

The result is an ordinary Table (``read_mode`` says how it was read, and
``confidence`` how well the tokens fitted), so forms.parse_forms reads it
with the same code as a Word grid.  Rows that do not fit are not produced
as values: their text stays in a full-width note row.

INTERFACE:

    regrid_lines(lines) -> list[Region]     regions of ``lines`` that are forms
    Region(start, end, table)               lines[start:end] make ``table``
    regrid_blocks(blocks) -> list            paragraph runs replaced by tables
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from ..model import Cell, Paragraph, Table
from .values import _UNIT_RE, normalize, parse_value

INF = math.inf

# header words that are not fields but stand in header rows
_EXTRA_HEADER = ["项目资金", "资金情况", "资金来源", "预算执行情况", "项目", "绩效指标", "指标", "资金",
                 "资金性质", "资金类别", "支出类型"]


@functools.lru_cache(maxsize=1)
def _vocab() -> list[str]:
    from .forms import SYNONYMS

    words = {re.sub(r"\s+", "", normalize(w)) for ws in SYNONYMS.values() for w in ws}
    words |= set(_EXTRA_HEADER)
    words.discard("单位")
    words.discard("原因")
    return sorted(words, key=len, reverse=True)


_HPAREN = re.compile(r"[（(][^（）()]{1,14}[)）]")


@functools.lru_cache(maxsize=4096)
def split_header(text: str, free_first: bool = False) -> tuple[str, ...] | None:
    """Header cells glued or space-separated in one text, or None when the
    text is not made only of header words (each may carry a parenthetical
    hint: 指标权重(分), 全年预算数(A), 预算执行情况（10分）)."""
    if len(text) > 400:
        return None          # no header row is that long (and the segmentation is linear per character)
    out: list[str] = []
    parts = normalize(text).split()
    unknown = 0
    for k, part in enumerate(parts):
        if out and _HPAREN.fullmatch(part):
            out[-1] += part          # 项目资金 （万元）: the hint after a space
            continue
        cells = [part] if part in ("单位", "原因") else _segment(part)
        if cells is None and _cell_field(part):
            cells = [part]          # 年度预算数, 全年实际完成值: a known header word with a qualifier
        if cells is None and free_first and len(parts) == 1:
            cells = _glued_header(part)
        if cells is None:
            if k == 0 and free_first and _FUNDS_LABEL.match(part):
                cells = [part]
            elif free_first and k == len(parts) - 1 and k >= 4 and _FREE_HEAD.match(part) and not unknown:
                cells = [part]       # a last free-text column the vocabulary does not know (得分计算方法)
                unknown += 1
            else:
                return None
        out.extend(cells)
    return tuple(out) or None


def _glued_header(s: str) -> list[str] | None:
    """A whole header row glued into one text, with what the vocabulary alone
    cannot cut: a freely named first cell (部门预算执行情况（万元）) and a last
    原因 column (…权重得分原因)."""
    if len(set(_GLUED_HINT.findall(s))) < 2:
        return None
    tail: list[str] = []
    if s.endswith("原因") and len(s) > 6:
        s, tail = s[:-2], ["原因"]
    cells = _segment(s) or _segment(s, loose=True)
    if cells is None:
        for m in re.finditer(r"[)）]", s[:24]):
            head = s[:m.end()]
            rest = (_segment(s[m.end():]) or _segment(s[m.end():], loose=True)) if _FUNDS_LABEL.match(head) else None
            if rest and len(rest) >= 3:
                cells = [head] + rest
                break
    if cells is None or len(cells) + len(tail) < 4:
        return None
    return cells + tail


_FREE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,10}(方法|说明|备注|依据|标准|情况|材料)$")
# the first header cell of a funds block, named freely: 年度预算申请（万元）, 资金投入情况
_FUNDS_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,8}(资金|预算|经费|金额)[\u4e00-\u9fff]{0,6}([（(][^（）()]{1,8}[)）])?$")


_GLUED_HINT = re.compile(r"得分|分值|权重|执行数|执行率|完成值|指标值|预算数|目标值|实际值")


def _segment(s: str, loose: bool = False) -> list[str] | None:
    """Cut ``s`` into the fewest header words.  ``loose``: a piece the
    vocabulary does not list but header_field reads (年度预算数) is a word too."""
    vocab = _vocab()
    n = len(s)
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i] is None:
            continue
        k, cells = best[i]
        m = _HPAREN.match(s, i)
        if m and cells:
            j = m.end()
            cand = (k, cells[:-1] + [cells[-1] + m.group(0)])
            if best[j] is None or best[j][0] > cand[0]:
                best[j] = cand
        for w in vocab:
            if s.startswith(w, i):
                j = i + len(w)
                cand = (k + 1, cells + [w])
                if best[j] is None or best[j][0] > cand[0]:
                    best[j] = cand
        if loose:
            for j in range(i + 3, min(n, i + 6) + 1):
                if _cell_field(s[i:j]):
                    cand = (k + 2.5, cells + [s[i:j]])
                    if best[j] is None or best[j][0] > cand[0]:
                        best[j] = cand
    return best[n][1] if best[n] else None


def _cell_field(cell: str) -> str | None:
    from .forms import header_field

    return header_field(cell)[0]


def header_kind(cells) -> str | None:
    from .forms import _classify

    fields = {f for f in (_cell_field(c) for c in cells) if f}
    if len(fields) < 3:
        return None
    kind = _classify(fields)
    return kind if kind in ("indicator", "funds", "score_sheet") else None


# ---------------------------------------------------------------------------
# tokens and their classes

# a level-1 label, also cut short in a spaced header (满 意 度 指 (10分): the copy lost the 标)
L1_RX = re.compile(r"^(产出|效益|效果|满意度|成本|投入|过程|决策|管理|履职|服务对象满意度)(指标|目标|指)?"
                   r"([(（]\d+(?:\.\d+)?分[)）])?$")
L2_RX = re.compile(r"^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|"
                   r"可持续影响|服务对象满意度|满意度|社会公众或服务对象满意度|预算执行|资金管理|"
                   r"产出数量|产出质量|产出时效|产出成本|预算配置|预算管理|资产管理|财务管理|业务管理|项目管理|"
                   r"组织实施|项目立项|绩效目标|资金投入|职责履行|履职效益|履职效能|管理效率|运行成本)(指标)?([(（]\d+(?:\.\d+)?分[)）])?$")
_LABEL_W = re.compile(r"^[\u4e00-\u9fff]{2,10}[(（]\d+(?:\.\d+)?分[)）]$")
_BARE_NUMBERING = re.compile(r"^(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[①-⑳])$")
_NUM_RX = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$")
_NA = {"—", "－", "-", "/", "／", "无", "——", "--", "不适用", "——", "\\"}
_DIR = {"≥", "≤", "=", ">", "<", ">=", "<=", "正向", "反向", "等于", "定量", "定性", "正向指标", "反向指标"}
_YN = {"是", "否", "√", "★", "☑", "□"}
_CLOSE = re.compile(r"^(总\s*分|合\s*计|总\s*计)")
_STOP = re.compile(r"^(评价结论|存在问题|改进措施|填表人|绩效自评综合得分|评价等次|自评结论|说明[:：]|备注|"
                   r"项目名称|主管部门|实施单位|年度总体目标|项目负责人|填报日期|联系电话|附件|附表)")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+[章节部分])")


@dataclass
class Tok:
    text: str
    line: int            # index of its line in the region's lines
    line_start: bool     # first token of its line
    line_len: int = 1    # tokens on its line (flattened rows)
    seq: bool = False    # a row number (1 2 3 … in a column the header does not name)
    brk: bool = False    # the first cell after a page break (the form's header repeated, a 续表 mark)


def _squash(t: str) -> str:
    return re.sub(r"\s+", "", normalize(t))


@functools.lru_cache(maxsize=8192)
def _classes(text: str) -> frozenset:
    s = _squash(text)
    if not s:
        return frozenset({"E"})
    c = set()
    core = s.lstrip("★")
    if L1_RX.match(core):
        c.add("L1")
    if L2_RX.match(core):
        c.add("L2")
    if _LABEL_W.match(core) and "L1" not in c:
        c.add("LW")   # a short label with its weight (预算配置（20分）): level 2 unless first of two labels
    if s in _NA:
        c.add("NA")
    if s in _DIR:
        c.add("DIR")
    if s in _YN:
        c.add("YN")
    if _NUM_RX.match(s):
        c.add("NUM")
    if re.match(r"^(注|说明|备注)\s*[:：]", s) and len(s) > 4:
        return frozenset({"NOTE"})     # a note row inside the form: no cell of a row
    if not c and _BARE_NUMBERING.match(s):
        c.add("NUMB")       # 1、 left of an unfilled template row: a name, never a value
    if not c:
        v = parse_value(s)
        if (v.number is not None or v.kind in ("date", "range")) and v.kind in ("number", "percent", "date", "range") \
                and (v.end - v.start) >= len(s) - 6 and len(s) <= 24:
            c.add("VAL")
        elif all(_UNIT_RE.fullmatch(u) or _UNIT_RE.fullmatch(u[1:]) and u[0] in "万亿千" for u in s.split("/")) \
                and len(s) <= 8:
            c.add("UNIT")
            c.add("TEXT")
        else:
            c.add("TEXT")
    return frozenset(c)


# field -> {class: cost}; a token of a class not listed cannot fill the field
_LABEL = {"L1": 0.0}
_EMIT: dict[str, dict[str, float]] = {
    "level1": {"L1": 0.0, "LW": 1.0},
    "level2": {"L2": 0.0, "LW": 0.0},
    "name": {"TEXT": 0.0, "NUMB": 0.0, "NOTE": 0.0, "L2": 2.0, "VAL": 4.0, "NA": 3.0},
    "direction": {"DIR": 0.0, "NA": 0.5},
    "unit": {"UNIT": 0.0, "NA": 0.5},
    "target": {"VAL": 0.0, "NUM": 1.0, "TEXT": 1.0, "NA": 0.5, "DIR": 2.5},
    "target_adjusted": {"VAL": 0.0, "NUM": 1.0, "TEXT": 1.0, "NA": 0.3},
    "actual": {"VAL": 0.0, "NUM": 1.0, "TEXT": 1.0, "NA": 0.5},
    "weight": {"NUM": 0.0, "NA": 0.3},
    "score": {"NUM": 0.0, "NA": 0.3},
    "score_ratio": {"NUM": 0.0, "VAL": 0.2, "NA": 0.3},
    "deviation": {"TEXT": 0.5, "NA": 0.2, "VAL": 2.5, "NUM": 3.0, "YN": 2.0},
    "measure": {"TEXT": 0.5, "NA": 0.2, "VAL": 2.5},
    "standard": {"TEXT": 0.5, "NA": 0.5, "VAL": 2.0},
    "is_core": {"YN": 0.0, "NA": 0.5},
    "fund_label": {"TEXT": 0.3, "L2": 1.0},
    "other": {"TEXT": 0.5, "NA": 0.3, "VAL": 1.5},
    "money": {"NUM": 0.0, "NA": 0.2, "VAL": 0.2},
}
_SKIP = {"other": 0.3, "seq": 0.0, "level1": 0.0, "level2": 0.0, "name": 5.0, "direction": 1.0, "unit": 1.0, "target": 3.0,
         "target_adjusted": 0.3, "actual": 3.0, "weight": 2.0, "score": 2.0, "score_ratio": 2.0,
         "deviation": 0.3, "measure": 0.3, "standard": 1.0, "is_core": 0.5, "fund_label": 5.0, "money": 1.5,
         None: 0.0}
# free-text columns may take several tokens (a cell's wrapped lines or inner spaces)
_CONT = {"name": 1.5, "deviation": 0.8, "measure": 0.8, "standard": 0.8, "fund_label": 1.2}
NEW_ROW = 0.5
EMPTY_FILL = 0.1       # an empty line fills a column (an empty cell)
EMPTY_FREE = 0.3       # an empty line between cells (no column)
WRAP_ALONE = 1.0
WRAP = 5.0             # flattened rows: a line that starts mid-row (a wrapped cell)


_MONEY = ("budget_initial", "budget_full_year", "executed", "rate", "weight", "score")


def _model_fields(kind: str, header: list[str]) -> list[str | None]:
    """The alignment's column models.  Funds: the label column is the last
    non-field (or 资金来源) column before the first money column."""
    flds = [_cell_field(c) for c in header]
    if kind == "funds":
        first = next((k for k, f in enumerate(flds) if f in _MONEY), 0)
        out: list[str | None] = ["money" if f in _MONEY else None for f in flds]
        if first > 0:
            out[first - 1] = "fund_label"
        # 得分计算方法 names 得分 but holds a text: a free column, not an amount
        return [("other" if (k > first and _FREE_HEAD.match(_squash(header[k]))
                             and (f is None or re.search(r"(方法|说明|备注|依据)$", _squash(header[k])))) else m)
                for k, (f, m) in enumerate(zip(flds, out))]
    return [f if f in _EMIT else ("other" if f is None and _FREE_HEAD.match(_squash(h)) else None)
            for f, h in zip(flds, header)]


_FAMILY = {"budget_initial": "budget", "budget_full_year": "budget", "target_adjusted": "target"}


def _merge_subheader(cells: list[str]) -> list[str]:
    """A two-row header written as one sequence (年度预算数 … 得分 年初预算 调整后预算数):
    the trailing cells that name parts of an earlier cell replace it."""
    fam = [_FAMILY.get(f, f) for f in (_cell_field(c) for c in cells)]
    for cut in range(len(cells) - 1, 0, -1):
        tail = fam[cut:]
        if not all(f and f in fam[:cut] for f in tail):
            break
        head = fam[:cut]
        if len(set(tail)) == 1 and head.count(tail[0]) == 1 and len(tail) >= 2:
            p = head.index(tail[0])
            return cells[:p] + cells[cut:] + cells[p + 1:cut]
    return cells


# an empty 分值/得分 is rare (其中 rows have neither); a name-like text is rarely a deviation
_EMPTY_COST = {"weight": 1.0, "score": 1.0}
_NAME_LIKE = re.compile(r"^[\u4e00-\u9fff“”\"]{2,14}$")


_SCORING_RULE = re.compile(r"得满分|不得分|扣\d+(?:\.\d+)?分|酌情(?:扣|得)分")


def _emit(mf: str | None, tok: Tok, has_unit: bool = False) -> float:
    if tok.seq or mf == "seq":
        return 0.0 if (tok.seq and mf == "seq") else INF
    cls = _classes(tok.text)
    if "E" in cls:
        return _EMPTY_COST.get(mf, EMPTY_FILL)
    if mf in ("level1", "level2") and {"L1", "L2"} <= cls:
        # 成本指标, 满意度指标: a level-2 label unless it declares its weight (产出指标（50分）)
        weighted = bool(re.search(r"\d+(?:\.\d+)?分[)）]$", _squash(tok.text)))
        return 0.0 if (mf == "level1") == weighted else 0.5
    if mf in ("target", "actual", "target_adjusted") and "NUM" in cls and has_unit:
        return 0.2
    if mf in ("deviation", "measure") and "TEXT" in cls and _NAME_LIKE.match(_squash(tok.text)):
        return 1.5
    if mf == "name" and "TEXT" in cls and (len(tok.text) > 40 or re.search(r"[；;。]", tok.text)):
        return 2.5       # a sentence (评分标准, 偏差原因) is rarely an indicator's name
    if mf == "standard" and "TEXT" in cls and (len(tok.text) > 20 or re.search(r"[；;。]", tok.text)
                                               or _SCORING_RULE.search(tok.text)):
        return 0.0
    if mf == "name" and "TEXT" in cls and _SCORING_RULE.search(tok.text):
        return 3.0       # 机制健全得满分 is a 评分标准, not an indicator's name
    if mf is None:
        return INF
    table = _EMIT[mf]
    best = INF
    for c in cls:
        if c in table and table[c] < best:
            best = table[c]
    if mf == "fund_label" and best < INF:
        from .forms import fund_source

        if fund_source(tok.text):
            best = 0.0
    return best


def align(fields: list[str | None], toks: list[Tok], flat: bool) -> tuple[list[list[tuple[int, Tok]]], list[float]]:
    """Viterbi alignment of tokens to columns.  Returns rows (lists of
    (column, token)) and each row's cost."""
    n = len(fields)
    m = len(toks)
    # flattened rows: a line is a row (a wrapped cell is the exception), and
    # empty cells are gone, so a skipped column is cheaper than a line joined to the row above
    skip = [_SKIP.get(f, 0.0) * (0.6 if flat else 1.0) for f in fields]
    # prefix sums of skip costs
    pre = [0.0]
    for s in skip:
        pre.append(pre[-1] + s)

    def skip_between(a, b):          # fields a..b-1 skipped
        return pre[b] - pre[a] if b > a else 0.0

    has_unit = "unit" in fields
    emits = [[_emit(fields[j], t, has_unit) for j in range(n)] for t in toks]
    if flat:
        # a line holding one short text is more likely a wrapped name than a deviation
        for i, t in enumerate(toks):
            if t.line_start and t.line_len == 1 and len(t.text) <= 12:
                for j in range(n):
                    if fields[j] in ("deviation", "measure"):
                        emits[i][j] += 1.0
    cat_col = fields.index("level1") if "level1" in fields else -1
    cat_line = [t.line_start and t.line_len == 1 and "L1" in _classes(t.text) for t in toks]
    # cost[i][j]: best cost with token i in column j; back[i][j] = (prev j, new_row) ; j == n: free empty
    cost = [[INF] * n for _ in range(m)]
    back: list[list[tuple[int, bool] | None]] = [[None] * n for _ in range(m)]
    for j in range(n):
        cost[0][j] = skip_between(0, j) + emits[0][j]
        back[0][j] = (-1, True)
    for i in range(1, m):
        t = toks[i]
        cls = _classes(t.text)
        empty = "E" in cls
        labelish = bool({"L1", "L2", "LW", "NOTE"} & cls)   # a label word never continues a cell
        prev = cost[i - 1]
        for j in range(n):
            e = emits[i][j]
            if e == INF and not empty:
                continue
            best, arg = INF, None
            for k in range(n):
                pk = prev[k]
                if pk == INF:
                    continue
                # same row, later column (never across a page break: the next page starts a row)
                if j > k and not t.brk:
                    # a line that starts mid-row is a wrapped cell, unless the row so far is a category
                    # line (效 益 指 标 (30分) alone on its line: the level-1 cell of the row below)
                    wrap = WRAP if (flat and t.line_start and not (k == cat_col and cat_line[i - 1])) else 0.0
                    c = pk + skip_between(k + 1, j) + wrap
                    if c < best:
                        best, arg = c, (k, False)
                if j == k and not empty and not labelish and fields[j] in _CONT and not t.brk:
                    # a line holding one short text is a cell's wrapped end (PDF text)
                    wrap = (WRAP_ALONE if t.line_len == 1 and len(t.text) <= 12 else WRAP) if flat and t.line_start else 0.0
                    c = pk + _CONT[fields[j]] + wrap
                    if c < best:
                        best, arg = c, (k, False)
                # new row
                if not flat or t.line_start:
                    c = pk + skip_between(k + 1, n) + NEW_ROW + skip_between(0, j)
                    if c < best:
                        best, arg = c, (k, True)
            if arg is not None:
                cost[i][j] = best + e
                back[i][j] = arg
        if empty:
            # an empty line that fills no column: stay where we were
            for k in range(n):
                c = prev[k] + EMPTY_FREE
                if c < cost[i][k]:
                    cost[i][k] = c
                    back[i][k] = (k, None)   # None: free
    # end
    last = [cost[m - 1][j] + skip_between(j + 1, n) for j in range(n)]
    j = min(range(n), key=lambda x: last[x])
    if last[j] == INF:
        return [], []
    # backtrack
    path: list[tuple[int, int, bool | None]] = []
    for i in range(m - 1, -1, -1):
        k, new = back[i][j]
        path.append((i, j, new))
        j = k
    path.reverse()
    rows: list[list[tuple[int, Tok]]] = []
    costs: list[float] = []
    row_start_cost = 0.0
    for idx, (i, j, new) in enumerate(path):
        if new is True:
            if rows:
                costs.append(cost[i - 1][path[idx - 1][1]] - row_start_cost + skip_between(path[idx - 1][1] + 1, n))
                row_start_cost = cost[i - 1][path[idx - 1][1]] + skip_between(path[idx - 1][1] + 1, n)
            rows.append([])
        if new is None:
            continue
        rows[-1].append((j, toks[i]))
    if rows:
        costs.append(last[path[-1][1]] - row_start_cost)
    return rows, costs


# ---------------------------------------------------------------------------
# regions

@dataclass
class Region:
    start: int           # first line (the header)
    end: int             # one past the last line
    table: Table


def _strip_pipe(line: str) -> str:
    s = line.strip()
    if s.endswith("|"):
        s = s[:-1].rstrip()
    if s.startswith("|"):
        s = s[1:].lstrip()
    return s


def _header_at(lines: list[str], i: int) -> tuple[list[str], int, str] | None:
    """A header starting at line i: (cells, end line, layout)."""
    first = _strip_pipe(lines[i])
    if not first:
        return None
    cells = split_header(first, free_first=True)
    if cells and len(cells) >= 4 and header_kind(cells) and "  " not in first:
        layout = "flattened" if len(normalize(first).split()) >= 3 else "glued"
        if len(normalize(first).split()) == 1 and len(cells) >= 4:
            layout = "glued"
        end = i + 1
        if end < len(lines):
            sub = split_header(_strip_pipe(lines[end]))
            if sub and len(sub) >= 2:
                merged = _merge_subheader(list(cells) + list(sub))
                if merged != list(cells) + list(sub):
                    return merged, end + 1, layout
        return list(cells), end, layout
    # one header cell per line
    got: list[str] = []
    j = i
    if _FUNDS_LABEL.match(_squash(first)) and not split_header(first):
        got.append(_squash(first))
        j += 1
    blanks = 0
    while j < len(lines):
        s = _strip_pipe(lines[j])
        if not s:
            blanks += 1
            if blanks > 4:
                break
            j += 1
            continue
        c = split_header(s)
        if not c or len(c) != 1:
            break
        blanks = 0
        got.append(c[0])
        j += 1
    while j > i and not _strip_pipe(lines[j - 1]):
        j -= 1
    if len(got) >= 4 and header_kind(got):
        return _merge_subheader(got), j, "lines"
    return None


def _stop_line(s: str, kind: str) -> bool:
    t = _squash(s)
    if not t:
        return False
    if _STOP.match(t) or _HEADING.match(s.strip()):
        return True
    if len(t) > 150:
        return True
    if kind == "indicator" and re.match(r"^(项目资金|年度资金总额|资金情况)", t):
        return True
    if re.search(r"(绩效)?自评表$|绩效目标表$", t) and len(t) <= 60:
        return True
    return False


# 产 出 指 标（50分）: a label with its characters spaced out is one cell
_SPACED = re.compile(r"(?<![\u4e00-\u9fff])(?:[\u4e00-\u9fff][ \u3000]){2,}[\u4e00-\u9fff](?![\u4e00-\u9fff])")
def _unspace(m) -> str:
    t = re.sub(r"\s", "", m.group(0))
    return t if re.search(r"(指标|目标)$", t) or L1_RX.match(t) or L2_RX.match(t) else m.group(0)


_PAREN_W = re.compile(r"^[(（]\d+(?:\.\d+)?分[)）]$")
_ONLY_PLACEHOLDER = re.compile(r"^\s*(?:…+|\.{3,}|。{3,}|[xX×*]{2,4})\s*$")


def _tokens(lines: list[str], layout: str, fields: list[str | None]) -> list[Tok]:
    toks: list[Tok] = []
    has_dir = "direction" in fields
    has_unit = "unit" in fields
    for li, line in enumerate(lines):
        s = _strip_pipe(line)
        if layout == "lines":
            s = _SPACED.sub(_unspace, s)
            prev = next((t for t in reversed(toks) if t.text.strip()), None)
            if prev is not None and not has_dir and _squash(prev.text) in ("≥", "≤", ">", "<", "=") \
                    and ({"NUM", "VAL"} & _classes(s)):
                prev.text = prev.text + s       # ≥ | 50台（套）: one value in two cells
                continue
            if prev is not None and _PAREN_W.match(_squash(s)) and {"L1", "L2", "LW"} & _classes(_squash(prev.text)):
                prev.text = _squash(prev.text) + s        # 产出指标 / (50分) on two lines
                continue
            if not _ONLY_PLACEHOLDER.match(s):
                toks.append(Tok(s, li, True))
            continue
        s = _SPACED.sub(_unspace, s)
        if not s or _ONLY_PLACEHOLDER.match(s):
            continue   # an unused template row (……): no values
        parts = normalize(s).split() if layout == "flattened" else _glued_parts(s)
        # map back to the original characters (normalize keeps lengths)
        orig = []
        pos = 0
        ns = normalize(s)
        for p in parts:
            k = ns.find(p, pos)
            orig.append(s[k:k + len(p)])
            pos = k + len(p)
        merged: list[str] = []
        for p in orig:
            cls = _classes(p)
            if merged and _PAREN_W.match(_squash(p)) and {"L1", "L2", "LW"} & _classes(merged[-1]):
                merged[-1] = merged[-1] + p
                continue
            if merged and not has_dir and _squash(merged[-1]) in ("≥", "≤", ">", "<", "=") and \
                    ("NUM" in cls or "VAL" in cls):
                merged[-1] = merged[-1] + p
                continue
            if merged and not has_unit and "UNIT" in cls and "NUM" in _classes(merged[-1]) and len(p) <= 3:
                merged[-1] = merged[-1] + p
                continue
            merged.append(p)
        for k, p in enumerate(merged):
            toks.append(Tok(p, li, k == 0, len(merged)))
    return toks


_GLUE_VAL = re.compile(r"(?:[≥≤><=]|不低于|不少于|不高于|不超过)?-?\d+(?:,\d{3})*(?:\.\d+)?"
                       r"(?:%|‰|万元|亿元|元|个百分点|人次|户次|场次|平方米|平方公里|公里|立方米|公顷|个工作日|工作日|"
                       r"小时|分钟|个月|[天日年月人次个件篇条份项户场台套家名所座处辆株册本期批种类起例张间栋盏支组队村床轮届位层段片亩米吨分])?")


def _glued_parts(s: str) -> list[str]:
    """A row whose cells are glued: value expressions (comparator, number,
    unit) and the text between them."""
    ns = normalize(s)
    out: list[str] = []
    pos = 0
    for m in _GLUE_VAL.finditer(ns):
        a, b = m.span()
        if a < pos:
            continue
        # a number inside a word (2023年度, 5G, (50分)) stays with its text
        if a > 0 and (ns[a - 1] in "（(第" or (ns[a - 1].isascii() and ns[a - 1].isalpha())):
            continue
        if a > pos:
            out.extend(_label_split(ns[pos:a]))
        out.append(ns[a:b])
        pos = b
    if pos < len(ns):
        out.extend(_label_split(ns[pos:]))
    return [p for p in (x.strip() for x in out) if p]


_L1_PREFIX = re.compile(r"^(产出|效益|满意度|成本)(指标|目标)([(（]\d+(?:\.\d+)?分[)）])?")
_L2_PREFIX = re.compile(r"^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)指标")


def _label_split(text: str) -> list[str]:
    out = []
    t = text
    m = _L1_PREFIX.match(t)
    if m and len(t) > m.end():
        out.append(m.group(0))
        t = t[m.end():]
    m = _L2_PREFIX.match(t)
    if m and len(t) > m.end():
        out.append(m.group(0))
        t = t[m.end():]
    out.append(t)
    return out


def _mark_row_numbers(toks: list[Tok]) -> bool:
    """Row numbers the header does not name (序号 left unlabelled, a header row
    one cell short of its data rows): integers 1, 2, 3 … in order, each right
    before a text or label.  Marks them; True when found (at least three)."""
    found: list[Tok] = []
    want = 1
    for i, t in enumerate(toks[:-1]):
        if t.text.strip() == str(want) and (t.line_start or not found):
            nxt = next((x for x in toks[i + 1:] if x.text.strip()), None)
            if nxt is not None and ({"TEXT", "L1", "L2", "LW"} & _classes(nxt.text)):
                found.append(t)
                want += 1
    if len(found) >= 3:
        for t in found:
            t.seq = True
        return True
    return False


def _row_ok(kind: str, fields, row: list[tuple[int, Tok]], cost: float, single: bool = False) -> bool:
    got = {fields[j] for j, t in row if "E" not in _classes(t.text)}
    if kind == "funds":
        # the one row of a 预算执行情况 block may have no label (its label is the header's first cell)
        return ("fund_label" in got or single) and "money" in got and cost < 6
    if not ({"name", "level2"} & got):
        return False
    if not ({"target", "actual", "target_adjusted", "weight", "score", "standard"} & got):
        return False
    return cost < 8


def _closing_row(lines: list[str], i: int, layout: str) -> tuple[list[str], int]:
    """总分 / 合计 with the numbers after it: (texts, next line)."""
    s = _strip_pipe(lines[i])
    parts = normalize(s).split()
    if layout != "lines" or len(parts) > 1:
        if layout == "glued" and len(parts) == 1:
            m = _CLOSE.match(_squash(s))
            rest = _squash(s)[m.end():]
            return [m.group(0)] + _glued_parts(rest), i + 1
        return parts, i + 1
    out = [s]
    j = i + 1
    while j < len(lines) and len(out) < 4:
        t = _strip_pipe(lines[j])
        if not t:
            j += 1
            continue
        if _NUM_RX.match(_squash(t)) or _squash(t) in _NA:
            out.append(t)
            j += 1
        else:
            break
    return out, j


def _find_end(lines: list[str], start: int, kind: str, header: list[str]) -> tuple[int, set[int]]:
    """One past the form's last line, and the lines inside it that are no
    cells: 续表 marks and the header repeated after a page break."""
    from .forms import is_continued_mark

    j = start
    skip: set[int] = set()
    while j < len(lines):
        s = _strip_pipe(lines[j])
        if s and (is_continued_mark(s) or s == _PAGE):
            skip.add(j)
            j += 1
            continue
        if s and (_stop_line(s, kind) or (kind != "funds" and _CLOSE.match(_squash(s)))):
            break
        h = _header_at(lines, j) if s else None
        if h:
            if [_squash(c) for c in h[0]] == [_squash(c) for c in header if c]:
                skip.update(range(j, h[1]))
                j = h[1]
                continue
            break
        j += 1
    return j, skip


_W_IN_LABEL = re.compile(r"[(（](\d+(?:\.\d+)?)分[)）]$")


def _relabel_by_weights(fields, rows) -> None:
    """满意度（5分） is a level-1 label in one template and a level-2 label in
    another.  Read by content: a level-1 label whose weight fits in what the
    current level-1 group still lacks (效果（20分） = 履职效益（15分） + 5) is the
    group's next level-2 label."""
    if "level1" not in fields or "level2" not in fields:
        return
    c1, c2 = fields.index("level1"), fields.index("level2")
    left = None            # weight the current level-1 group still lacks
    for row in rows:
        cols = {j: t for j, t in row if t.text.strip()}
        t1, t2 = cols.get(c1), cols.get(c2)
        w1 = _W_IN_LABEL.search(_squash(t1.text)) if t1 is not None else None
        w2 = _W_IN_LABEL.search(_squash(t2.text)) if t2 is not None else None
        if t1 is not None and t2 is None and w1 and left is not None and float(w1.group(1)) <= left + 0.01:
            row[:] = [(c2 if j == c1 else j, t) for j, t in row]
            left -= float(w1.group(1))
            continue
        if t1 is not None:
            left = float(w1.group(1)) if w1 else None
            if left is not None and w2:
                left -= float(w2.group(1))
            elif left is not None and not w2:
                left = None    # level-2 labels carry no weights: nothing to read by
        elif t2 is not None and w2 and left is not None:
            left -= float(w2.group(1))


def _join_wrapped(kind, fields, rows, costs, layout) -> None:
    """Flattened rows (PDF text): a line holding one short text and nothing
    else is the wrapped end of the row above's name (补贴发放 / 准确率)."""
    if layout != "flattened" or "name" not in fields or kind == "funds":
        return
    c = fields.index("name")
    k = 1
    while k < len(rows):
        row = [(j, t) for j, t in rows[k] if t.text.strip()]
        prev = rows[k - 1]
        if len(row) == 1 and row[0][1].line_len == 1 and len(row[0][1].text) <= 12 \
                and _classes(row[0][1].text) == frozenset({"TEXT"}) and any(j == c for j, _ in prev):
            prev.append((c, row[0][1]))
            del rows[k]
            del costs[k]
            continue
        k += 1


def _build(kind: str, header: list[str], fields: list[str | None], rows, costs, total: list[str] | None,
           layout: str) -> tuple[Table, float]:
    n = len(header)
    _relabel_by_weights(fields, rows)
    _join_wrapped(kind, fields, rows, costs, layout)
    grid: list[list[Cell]] = [[Cell(row=0, col=c, text=h) for c, h in enumerate(header)]]
    good = 0
    page_rows = []
    for row, cost in zip(rows, costs):
        r = len(grid)
        first = next((t for _, t in row if t.text.strip()), None)
        if first is not None and first.brk:
            page_rows.append(r)
        if _row_ok(kind, fields, row, cost, single=len(rows) == 1) or _cut_tail(kind, fields, row):
            texts = [""] * n
            sep = " " if layout == "flattened" else ""
            for j, t in row:
                texts[j] = (texts[j] + sep + t.text).strip() if texts[j] else t.text.strip()
            grid.append([Cell(row=r, col=c, text=x) for c, x in enumerate(texts)])
            good += 1
        else:
            text = "\n".join(t.text for _, t in row if t.text.strip())
            if text:
                grid.append([Cell(row=r, col=0, text=text, colspan=n)])
    if total:
        r = len(grid)
        cols = [c for c, f in enumerate(fields) if f in ("weight", "score")] if kind != "funds" else []
        texts = [""] * n
        texts[0] = total[0]
        nums = total[1:]
        if kind != "funds" and len(cols) >= 2 and len(nums) >= 2:
            texts[cols[0]], texts[cols[1]] = nums[0], nums[1]
            grid.append([Cell(row=r, col=c, text=x) for c, x in enumerate(texts)])
        elif nums:
            grid.append([Cell(row=r, col=0, text=" ".join(total), colspan=n)])
    nrows = max(1, len(rows))
    conf = good / nrows
    table = Table(rows=grid, ncols=n)
    table.page_rows = page_rows
    return table, conf


_PAGE = "\x01"       # a page break inside a form: a line of its repeated header, a dropped page counter


def _mark_breaks(toks: list[Tok]) -> list[Tok]:
    """Drop the tokens of skipped lines; the first cell after a page break's repeated header starts a row."""
    out, brk = [], False
    for t in toks:
        if t.text in ("\x00", _PAGE):
            brk = brk or t.text == _PAGE
            continue
        if brk and t.text.strip():
            t.brk, brk = True, False
        out.append(t)
    return out


def _cut_tail(kind: str, fields, row) -> bool:
    """The first row after a page break holding only the ends of text cells (标率 under 三级指标, the rest
    of a 偏差原因): the second half of the row the break cut, kept as a row so that the form reader
    joins it to the row above (forms._join_cut_rows)."""
    cells = [(fields[j], t) for j, t in row if t.text.strip()]
    return kind != "funds" and bool(cells) and cells[0][1].brk and \
        all(f in ("name", "deviation") and _classes(t.text) == frozenset({"TEXT"}) for f, t in cells)


# base confidence by layout; PDF text laid out by position and glued cells are never sure
# enough for an error (forms.LOW_CONFIDENCE)
_MODE_CONF = {"lines": 0.9, "flattened": 0.85, "glued": 0.55, "pdf": 0.6, "reading_order": 0.55}


_GOAL_HEAD = re.compile(r"^(?:项目)?(?:年度)?总体目标")


def _goal_at(lines: list[str], i: int) -> Region | None:
    """The goal block: 年度总体目标 | 预期目标 | 实际完成情况, then the two texts
    (on one line separated by a space, or one per line)."""
    s = _strip_pipe(lines[i])
    if len(s) > 400:
        return None
    m = _GOAL_HEAD.match(_squash(s))
    if not m:
        return None
    parts = normalize(s).split()
    head_cells: list[str] = []
    j = i + 1
    layout = "flattened"
    if len(parts) >= 3:
        cells = split_header(" ".join(parts[1:]))
        if not cells:
            return None
        head_cells = [parts[0], *cells]
    elif len(parts) == 1 and _squash(s) == m.group(0):
        layout = "lines"
        head_cells = [s.strip()]
        while j < len(lines) and len(head_cells) < 3:
            t = _strip_pipe(lines[j])
            if t:
                c = split_header(t)
                if not c or len(c) != 1:
                    break
                head_cells.append(c[0])
            j += 1
    elif len(parts) == 1 and len(_squash(s)) > m.end():
        rest = _squash(s)[m.end():]
        cells = split_header(rest)
        if not cells or len(cells) != 2:
            cells = _segment(rest, loose=True)
        if not cells:
            return None
        layout = "glued"
        head_cells = [m.group(0), *cells]
    else:
        return None
    fields = [_cell_field(c) for c in head_cells[1:]]
    if len(head_cells) != 3 or set(fields) != {"goal_target", "goal_actual"}:
        return None
    texts: list[str] = []
    if layout == "glued":
        while j < len(lines) and not _strip_pipe(lines[j]):
            j += 1
        if j >= len(lines):
            return None
        texts = _glued_goal(_strip_pipe(lines[j]).strip())
        if texts is None:
            return None
        j += 1
    elif layout == "flattened":
        while j < len(lines) and not _strip_pipe(lines[j]):
            j += 1
        if j >= len(lines):
            return None
        texts = normalize(_strip_pipe(lines[j])).split()
        orig = _strip_pipe(lines[j])
        if len(texts) != 2:
            return None
        k = normalize(orig).find(texts[1], len(texts[0]))
        texts = [orig[:k].strip(), orig[k:].strip()]
        j += 1
    else:
        while j < len(lines) and len(texts) < 2:
            t = _strip_pipe(lines[j])
            if t:
                if _stop_line(t, "goal") or split_header(t):
                    return None
                texts.append(t)
            j += 1
        if len(texts) != 2:
            return None
    if any(len(_squash(t)) < 4 for t in texts):
        return None
    table = Table(rows=[[Cell(row=0, col=c, text=h) for c, h in enumerate(head_cells)],
                        [Cell(row=1, col=0, text=""), Cell(row=1, col=1, text=texts[0]),
                         Cell(row=1, col=2, text=texts[1])]], ncols=3)
    table.read_mode = layout
    table.confidence = _MODE_CONF[layout]
    return Region(i, j, table)


def _glued_goal(s: str) -> list[str] | None:
    """预期目标 and 实际完成情况 glued: cut after the 。 where the second text
    starts as the first does (农村公路日常养护里程≥120公里；…。农村公路日常养护里程127公里；…)."""
    cuts = [k + 1 for k, ch in enumerate(s) if ch == "。" and k + 1 < len(s)]
    if not cuts:
        return None

    def common(k):
        n = 0
        while k + n < len(s) and n < k and s[n] == s[k + n]:
            n += 1
        return n

    best = max(cuts, key=common)
    if len(cuts) > 1 and (common(best) < 2 or sorted(common(k) for k in cuts)[-2] == common(best)):
        return None
    return [s[:best], s[best:]]


_KEYS = re.compile(r"^(项目(支出)?名称|主管部门|实施单位|项目单位|预算单位|部门名称|单位名称|项目负责人|联系电话|"
                   r"项目类别|项目属性|项目编码|项目编号|资金性质|填报单位)$")


def _key_rows(lines: list[str], lo: int, i: int) -> tuple[int, list[list[str]]] | None:
    """The key/value rows above a form's header (项目名称 | …, 主管部门 | … | 实施单位 | …):
    (first line, rows), when lines[start:i] are exactly such rows."""
    for start in range(max(lo, i - 12), i):
        s = _squash(_strip_pipe(lines[start]))
        if not re.match(r"^项目(支出)?名称", s):
            continue
        rows: list[list[str]] = []
        pending: list[str] = []
        ok = True
        for j in range(start, i):
            t = _strip_pipe(lines[j]).strip()
            if not t:
                if pending and len(pending) == 1:
                    pending.append("")      # an empty value cell
                    pending = []
                continue
            glued = _glued_keys(t)
            if glued:
                if pending and len(pending) == 1:
                    pending.append("")
                pending = []
                rows.append(glued)
                continue
            parts = normalize(t).split()
            if len(parts) >= 2 and _KEYS.match(parts[0]):
                # flattened: key value [key value]
                pos, row = 0, []
                ns = normalize(t)
                spans = []
                for p in parts:
                    k = ns.find(p, pos)
                    spans.append((k, k + len(p)))
                    pos = k + len(p)
                keys = [k for k, p in enumerate(parts) if _KEYS.match(p)]
                for a, k in enumerate(keys):
                    end = keys[a + 1] if a + 1 < len(keys) else len(parts)
                    if end - k < 2:
                        ok = False
                        break
                    row += [t[spans[k][0]:spans[k][1]], t[spans[k + 1][0]:spans[end - 1][1]]]
                rows.append(row)
            elif _KEYS.match(_squash(t)):
                if pending and len(pending) == 1:
                    pending.append("")      # its empty value cell is gone
                pending = [t]
                rows.append(pending)
            elif pending and len(pending) == 1:
                pending.append(t)
                pending = []
            elif rows and len(rows[-1]) % 2 == 0 and len(rows[-1]) < 4 and not _KEYS.match(_squash(t)):
                ok = False
            else:
                ok = False
            if not ok:
                break
        if pending and len(pending) == 1:
            pending.append("")
        if ok and rows and all(len(r) >= 2 and len(r) % 2 == 0 for r in rows):
            return start, rows
        return None
    return None


_KEYS_IN = re.compile(_KEYS.pattern[1:-1])


def _glued_keys(t: str) -> list[str] | None:
    """项目名称送戏下乡文化惠民工程, 主管部门…实施单位…: key/value cells glued."""
    ms = [m for m in _KEYS_IN.finditer(t)]
    if not ms or ms[0].start() != 0 or ms[0].end() >= len(t) or t[ms[0].end()].isspace():
        return None
    row = []
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else len(t)
        val = t[m.end():end].strip()
        if not val:
            return None
        row += [m.group(0), val]
    return row


def _with_key_rows(table: Table, rows: list[list[str]]) -> Table:
    n = table.ncols
    grid: list[list[Cell]] = []
    for r, texts in enumerate(rows):
        cells = [Cell(row=r, col=k, text=x) for k, x in enumerate(texts[:n])]
        if len(texts) < n:
            last = cells[-1]
            last.colspan = n - last.col
        grid.append(cells)
    off = len(grid)
    for row in table.rows:
        for c in row:
            c.row += off
        grid.append(row)
    out = Table(rows=grid, ncols=n)
    out.read_mode, out.confidence = table.read_mode, table.confidence
    return out


_LABEL_ORDER = ("level1", "level2", "name")


def _reading_order_header(header: list[str], fields: list) -> tuple[list[str], list]:
    """Header cells a reading-order dump put out of order (一级指标 实际完成值 二级指标 …): the label
    columns first in their order, then the others as they came, 年度指标值 before 实际完成值."""
    pairs = list(zip(header, fields))
    labels = sorted((p for p in pairs if p[1] in _LABEL_ORDER), key=lambda p: _LABEL_ORDER.index(p[1]))
    rest = [p for p in pairs if p[1] not in _LABEL_ORDER]
    ks = [k for k, p in enumerate(rest) if p[1] in ("target", "actual")]
    if len(ks) == 2 and rest[ks[0]][1] == "actual":
        rest[ks[0]], rest[ks[1]] = rest[ks[1]], rest[ks[0]]
    out = labels + rest
    if len(out) >= 2 and out[-2][1] == "deviation" and out[-1][1] in ("measure", None) and \
            not re.search(r"方法|标准", out[-1][0]):
        out[-2:] = [(out[-2][0] + out[-1][0], "deviation")]     # 偏差原因分析及 / 改进措施: one wrapped cell
    if [f for _, f in out] == list(fields):
        return header, fields
    return [h for h, _ in out], [f for _, f in out]


def _blank_separated(seg: list[str]) -> bool:
    """Nearly every cell line is followed by one empty line (a crawler's one-cell-per-line copy has
    empty lines only for its empty cells)."""
    filled = [k for k, x in enumerate(seg) if x.strip()]
    if len(filled) < 12:
        return False
    apart = sum(1 for a, b in zip(filled, filled[1:]) if b - a == 2)
    return apart >= 0.75 * (len(filled) - 1)


# ---------------------------------------------------------------------------
# 基础数据表 (Hunan): a label column then numbers only
#   财政供养人员情况 编制数 实际在职人数 控制率 / 53 48 95.00%
#   经费控制情况（万元） 上年决算数 本年预算数 本年决算数 / “三公”经费 21.30 20.00 18.62

_BASE_LABEL = re.compile(r"^[\u4e00-\u9fff“”\"]{2,14}(?:[（(][^（）()]{1,8}[)）])?$")
_BASE_NUM = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?$")


def _base_header(lines: list[str], i: int) -> tuple[str, list[str], int, str, str] | None:
    """(label cell, field cells, end line, layout, kind) of a base-data header at line i."""
    s = _strip_pipe(lines[i])
    parts = normalize(s).split()
    if not parts or not _BASE_LABEL.match(parts[0]) or _cell_field(parts[0]):
        return None
    cells: list[str] = []
    if len(parts) >= 3:
        layout, end = "flattened", i + 1
        for p in parts[1:]:
            if cells and _HPAREN.fullmatch(p):
                cells[-1] += p
            else:
                cells.append(p)
    elif len(parts) == 1:
        layout, j = "lines", i + 1
        while j < len(lines) and len(cells) < 8:
            c = _squash(_strip_pipe(lines[j]))
            if not c or not _cell_field(c) or len(c) > 10:
                break
            cells.append(c)
            j += 1
        end = j
    else:
        return None
    fields = [_cell_field(c) for c in cells]
    if len(cells) < 2 or not all(fields):
        return None
    from .forms import _classify

    kind = _classify(set(fields))
    if kind not in ("base", "staff_table"):
        return None
    return parts[0], cells, end, layout, kind


def _base_region(lines: list[str], i: int) -> Region | None:
    h = _base_header(lines, i)
    if h is None:
        return None
    label, cells, j, layout, kind = h
    n = len(cells)
    rows: list[list[str]] = []
    cur: list[str] | None = None
    end = j
    while j < len(lines):
        s = _strip_pipe(lines[j])
        if not s.strip():
            j += 1
            continue
        if _base_header(lines, j) or _stop_line(s, kind) or len(split_header(s, free_first=True) or ()) >= 3:
            break
        toks = normalize(s).split() if layout == "flattened" else [s.strip()]
        if layout == "flattened" and not (len(toks) in (n, n + 1) and all(_BASE_NUM.match(x) for x in toks[-n:])):
            break
        ok = True
        for x in toks:
            if _BASE_NUM.match(x):
                if cur is None:
                    cur = [""]
                cur.append(x)
            elif _BASE_LABEL.match(_squash(x)) and (cur is None or len(cur) == 1 and not cur[0]):
                cur = [_squash(x)]
            else:
                ok = False
                break
            if cur is not None and len(cur) == n + 1:
                rows.append(cur)
                cur = None
        if not ok or (layout == "flattened" and cur is not None):
            break
        j += 1
        if cur is None:
            end = j
    if not rows:
        return None
    grid = [[Cell(row=0, col=c, text=x) for c, x in enumerate([label, *cells])]]
    for r in rows:
        grid.append([Cell(row=len(grid), col=c, text=x) for c, x in enumerate(r)])
    table = Table(rows=grid, ncols=n + 1)
    # cells apart by runs of spaces: PDF text laid out by position, never sure enough for more than info
    table.read_mode = "pdf" if "  " in _strip_pipe(lines[i]).strip() else layout
    table.confidence = _MODE_CONF[table.read_mode]
    return Region(i, end, table)


def regrid_lines(lines: list[str]) -> list[Region]:
    """Forms found among plain lines (no grid)."""
    out: list[Region] = []
    prior = None           # weight and score of the funds block before (glued forms)
    i = 0
    while i < len(lines):
        g = _goal_at(lines, i) if out else None
        if g is None:
            g = _columns_region(lines, i)
        if g is None:
            g = _base_region(lines, i)
        if g is not None:
            out.append(g)
            i = g.end
            continue
        h = _header_at(lines, i)
        if h is None:
            i += 1
            continue
        header, hend, layout = h
        if layout == "glued":
            from .glued import refine_header

            header = refine_header(header)
        kind = header_kind(header)
        fields = _model_fields(kind, header)
        if kind == "funds" and "fund_label" not in fields:
            header = ["项目"] + header
            fields = ["fund_label"] + fields
        if kind in ("indicator", "score_sheet") and "level1" not in fields:
            # no 一级指标 column: category lines (产 出 指 标（50分）) get one of their own,
            # with no header text (forms.py reads a level-1 label left of 二级指标)
            header = [""] + header
            fields = ["level1"] + fields
        end, skip = _find_end(lines, hend, kind, header)
        if layout == "glued":
            g = _glued_region(lines, out[-1].end if out else 0, i, hend, end, skip, kind, header, fields, prior)
            if g is None:
                i = hend
                continue
            if kind == "funds":
                prior = g[1]
            out.append(g[0])
            i = g[0].end
            continue
        data_layout = "lines" if layout == "lines" else layout
        raw = layout == "lines" and _blank_separated(lines[hend:end])
        page = set(skip)        # a repeated header or a 续表 mark: a page break inside the form
        if raw:
            page = set()        # reading order: the cells around a page break are not in row order anyway
            # a PDF text layer dumped in reading order (pdftotext without -layout): every cell is a
            # paragraph of its own, so an empty line separates cells and is no empty cell; the header
            # cells may come out of order, wrapped lines and some labels elsewhere: a guess at best
            skip = skip | {hend + k for k, x in enumerate(lines[hend:end]) if not x.strip()}
            header, fields = _reading_order_header(header, fields)
        toks = _tokens([x if k + hend not in skip else (_PAGE if k + hend in page else "\x00")
                        for k, x in enumerate(lines[hend:end])], data_layout, fields)
        toks = _mark_breaks(toks)
        if kind in ("indicator", "score_sheet") and "seq" not in fields and _mark_row_numbers(toks):
            header = [""] + header
            fields = ["seq"] + fields
        # an empty line at either end is no cell
        while toks and not toks[-1].text.strip():
            toks.pop()
        while toks and not toks[0].text.strip():
            toks.pop(0)
        if not toks:
            i = hend
            continue
        rows, costs = align(fields, toks, flat=data_layout != "lines")
        total = None
        stop = end
        if kind != "funds" and end < len(lines) and _CLOSE.match(_squash(_strip_pipe(lines[end]))):
            total, stop = _closing_row(lines, end, data_layout)
        table, fit = _build(kind, header, fields, rows, costs, total, data_layout)
        if not any(len(r) > 1 for r in table.rows[1:]):
            i = hend
            continue
        table.read_mode = "reading_order" if raw else layout
        table.confidence = round(_MODE_CONF[table.read_mode] * fit, 2)
        start = i
        keys = _key_rows(lines, out[-1].end if out else 0, i)
        if keys is not None:
            start, krows = keys
            table = _with_key_rows(table, krows)
        out.append(Region(start, stop, table))
        i = stop
    return out


def _glued_region(lines, lo, i, hend, end, skip, kind, header, fields, prior):
    """A form whose rows are glued (understand/glued.py): (Region, funds block weight and score)."""
    from . import glued as G

    gfields = [_cell_field(h) if f == "money" else f for f, h in zip(fields, header)]
    body = [x for k, x in enumerate(lines[hend:end]) if k + hend not in skip]
    if kind != "funds" and "seq" not in gfields and G.numbered(body):
        header, gfields = [""] + header, ["seq"] + gfields
    stop, total_line = end, None
    if kind != "funds" and end < len(lines) and _CLOSE.match(_squash(_strip_pipe(lines[end]))):
        total_line, stop = lines[end], end + 1
    g = G.read_rows(body, header, gfields, kind, total_line, prior)
    n = len(header)
    grid: list[list[Cell]] = [[Cell(row=0, col=c, text=h) for c, h in enumerate(header)]]
    for row in g.rows:
        r = len(grid)
        if isinstance(row, str):
            grid.append([Cell(row=r, col=0, text=row, colspan=n)])
        else:
            grid.append([Cell(row=r, col=c, text=x) for c, x in enumerate(row)])
    if g.total is not None:
        texts = [""] * n
        texts[0] = g.total[0]
        if "weight" in gfields and "score" in gfields:
            texts[gfields.index("weight")], texts[gfields.index("score")] = g.total[1], g.total[2]
        grid.append([Cell(row=len(grid), col=c, text=x) for c, x in enumerate(texts)])
    if not any(len(r) > 1 for r in grid[1:]):
        return None
    table = Table(rows=grid, ncols=n)
    table.read_mode = "glued"
    table.confidence = g.confidence
    start = i
    keys = _key_rows(lines, lo, i)
    if keys is not None:
        start, krows = keys
        table = _with_key_rows(table, krows)
    return Region(start, stop, table), g.block


def regrid_blocks(blocks: list, mode: str | None = None) -> list:
    """Paragraph runs (readers without line structure: PDF text, HTML text)
    whose lines hold a form are replaced by the re-gridded table.  ``mode``
    names the reading for all of them (``pdf``: lines rebuilt from a PDF's
    characters, never sure enough for more than info)."""
    out: list = []
    run: list[Paragraph] = []

    def flush():
        if not run:
            return
        lines: list[str] = []
        owner: list[int | None] = []          # paragraph of each line (None: an empty line)
        for k, p in enumerate(run):
            if k:
                lines.extend([""] * min(p.blank_before, 4))
                owner.extend([None] * min(p.blank_before, 4))
                if p.page_before:
                    lines.append(_PAGE)       # a page break (its counter dropped): no cell
                    owner.append(None)
            lines.append(p.text)
            owner.append(k)
        pos = 0
        for reg in regrid_lines(lines):
            first = next((o for o in owner[reg.start:reg.end] if o is not None), None)
            last = next((o for o in reversed(owner[reg.start:reg.end]) if o is not None), None)
            if first is None or first < pos:
                continue
            out.extend(run[pos:first])
            if mode is not None:
                reg.table.read_mode = mode
                reg.table.confidence = min(reg.table.confidence, _MODE_CONF.get(mode, 1.0))
            out.append(reg.table)
            pos = last + 1
        out.extend(run[pos:])
        run.clear()

    for b in blocks:
        if isinstance(b, Paragraph) and b.origin == "body":
            run.append(b)
        else:
            flush()
            out.append(b)
    flush()
    return out


# ---------------------------------------------------------------------------
# column layout: PDF text written out by position (pdftotext -layout), cells
# separated by runs of spaces, a cell's wrapped lines on the lines below

_CHUNK = re.compile(r"\S+(?: \S+)*")


def _chunks(line: str, wide: bool = False) -> list[tuple[int, int, str]]:
    """The space-separated cells of a line with their start and end columns: character offsets, or
    (``wide``) display columns where a CJK or full-width character takes two."""
    line = line.replace("\t", "  ")
    out = [(m.start(), m.end(), m.group(0)) for m in _CHUNK.finditer(line)]
    if not wide:
        return out
    col, pos = [0], 0
    for ch in line:
        pos += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        col.append(pos)
    return [(col[a], col[b], t) for a, b, t in out]


def _aligned(lines: list[str], head: str, wide: bool) -> float:
    """The share of the cells below a columns header that start where a header cell starts."""
    starts = [a for a, _, _ in _chunks(head, wide)]
    near = [x[0] for ln in lines for x in _chunks(ln, wide)]
    return sum(1 for a in near if any(abs(a - s) <= 1 for s in starts)) / len(near) if near else 0.0


def _display_columns(lines: list[str], i: int) -> bool:
    """Whether the text under the header at line ``i`` was laid out in display columns (a CJK
    character two columns wide, as a terminal shows it) rather than one column per character:
    most cells line up with the header's cells when measured so, clearly more than by characters."""
    if not any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in lines[i]):
        return False
    below = [ln for ln in lines[i + 1:i + 60] if ln.strip()]
    wide = _aligned(below, lines[i], True)
    return wide >= 0.6 and wide >= _aligned(below, lines[i], False) + 0.2


def _is_columns_header(line: str) -> list[tuple[int, int, str]] | None:
    if len(line) > 600:
        return None
    ch = _chunks(line)
    if len(ch) < 4 or "  " not in line.strip():
        return None
    known = [c for c in ch if split_header(c[2]) is not None and len(split_header(c[2])) == 1]
    if len(known) < 3 or len(known) < len(ch) - 2:
        return None
    if not header_kind([c[2] for c in known]):
        return None
    return ch


def _columns_region(lines: list[str], i: int) -> Region | None:
    head = _is_columns_header(lines[i])
    if head is None:
        return None
    wide = _display_columns(lines, i)
    if wide:
        head = _chunks(lines[i], True)
    cols = [[a, b, t] for a, b, t in head]
    j = i + 1
    # the header's wrapped cells (偏差原因分析及 / 改进措施): short texts without digits under header cells
    while j < len(lines):
        ch = _chunks(lines[j], wide)
        if not ch or len(ch) >= len(cols) or any(re.search(r"\d", t) for _, _, t in ch):
            break
        if not all(any(a - 2 <= x[0] <= b + 2 or x[0] - 2 <= a <= x[1] for x in cols) for a, b, t in ch):
            break
        if any(fund_or_label(t) for _, _, t in ch):
            break
        for a, b, t in ch:
            k = min(range(len(cols)), key=lambda q: abs((cols[q][0] + cols[q][1]) / 2 - (a + b) / 2))
            cols[k][2] += t
        j += 1
    header = [t for _, _, t in cols]
    kind = header_kind(header)
    if kind is None:
        return None
    fields = _model_fields(kind, header)
    centers = [(a + b) / 2 for a, b, _ in cols]
    value_cols = {k for k, f in enumerate(fields) if f in ("target", "target_adjusted", "actual", "weight", "score",
                                                           "money", "score_ratio")}
    label_cols = [k for k, f in enumerate(fields) if f in ("level1", "level2")]
    # left-aligned cells (Word's default) start where their header starts: a cell goes to the last
    # header column starting at or before it; otherwise (centred cells) to the nearest centre
    starts = [a for a, _, _ in cols]
    near = [x[0] for ln in lines[j:j + 80] for x in _chunks(ln, wide)]
    by_start = len(near) >= 8 and sum(1 for a in near if any(abs(a - s) <= 1 for s in starts)) >= 0.5 * len(near)
    rows: list[list[str]] = []
    total = None
    end = j
    while end < len(lines):
        raw = lines[end]
        s = raw.strip()
        if not s:
            end += 1
            if end < len(lines) and not lines[end].strip():
                break
            continue
        from .forms import is_continued_mark

        if is_continued_mark(s) or "\f" in raw:
            end += 1
            continue
        if _is_columns_header(raw) and [_squash(c[2]) for c in _chunks(raw, wide)][:3] == [_squash(h) for h in header][:3]:
            end += 1
            continue
        if _stop_line(s, kind) and not (kind == "funds" and fund_or_label(s)):
            break
        if kind != "funds" and _CLOSE.match(_squash(s)):
            total = [t for _, _, t in _chunks(raw, wide)]
            end += 1
            break
        cells = [""] * len(cols)
        for a, b, t in _chunks(raw, wide):
            cand = range(len(cols))
            if {"L1", "L2", "LW"} & _classes(t) and label_cols:
                cand = label_cols          # a level label goes under a label column, by content
            k = min(cand, key=lambda q: abs(centers[q] - (a + b) / 2))
            if by_start and cand is not label_cols:
                k = max((q for q in cand if starts[q] <= a + 1), default=k)
            cells[k] = (cells[k] + " " + t).strip() if cells[k] else t
        numeric = any(re.search(r"\d", cells[k]) for k in value_cols)
        labels = any({"L1", "L2", "LW"} & _classes(c) for c in cells if c)
        if rows and not numeric and not labels:
            for k, c in enumerate(cells):        # a wrapped line: each piece ends the cell above
                if c:
                    rows[-1][k] += c
        else:
            rows.append(cells)
        end += 1
    if not rows:
        return None
    grid = [[Cell(row=0, col=c, text=h) for c, h in enumerate(header)]]
    for r in rows:
        grid.append([Cell(row=len(grid), col=c, text=x) for c, x in enumerate(r)])
    if total:
        wcols = [k for k, f in enumerate(fields) if f in ("weight", "score")]
        texts = [""] * len(cols)
        texts[0] = total[0]
        if len(wcols) >= 2 and len(total) >= 3:
            texts[wcols[0]], texts[wcols[1]] = total[1], total[2]
        grid.append([Cell(row=len(grid), col=c, text=x) for c, x in enumerate(texts)])
    table = Table(rows=grid, ncols=len(cols))
    table.read_mode = "pdf"
    table.confidence = _MODE_CONF["pdf"]
    return Region(i, end, table)


def fund_or_label(text: str) -> bool:
    from .forms import fund_source

    return bool(fund_source(text)) or bool({"L1", "L2", "LW"} & _classes(text))
