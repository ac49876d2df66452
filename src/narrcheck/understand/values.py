"""Value parser: one cell or phrase → a typed Value, parsed once, carried with
its display precision.  See domain-rules.md §4.

INTERFACE (stable; other modules depend on it):

    normalize(text) -> str          length-preserving normalisation (offsets survive)
    parse_value(text) -> Value      one table cell / short phrase → its first quantity
    find_values(text) -> [Value]    every quantity in a longer (narrative) text
    parse_number(s) -> (float, decimals) | None
    Value.tolerance -> float        half a unit of the last displayed digit
    Value.interval -> (lo, hi)      number ± tolerance (in Value.unit)
    Value.scale / Value.base_number magnitude prefix 万/亿/千 ("3.5万人次" → 3.5 × 10000)

Kinds: ``empty`` (blank), ``na`` (/ — - 无 不适用 …), ``number``, ``percent``
(unit ``%`` or ``‰``), ``date``, ``range`` (90%-95%, 3至5个) and ``text`` (no
quantity).  A ``text`` value may still carry a comparator and a unit when the
cell is a placeholder such as ``≤万元`` or ``≥XX户`` (number stays ``None``).

All offsets (``start``/``end``) index into ``raw``; ``normalize`` maps one
character to one character, so offsets found on the normalised text are
valid in the original.  Nothing here ever raises on a string input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# normalisation
# ---------------------------------------------------------------------------

# full-width ASCII → ASCII, ≧≦⩾⩽ → ≥≤, dashes → '-', odd spaces → ' '; 1:1.
_FW = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FW.update({
    0x2267: ord("≥"), 0x2266: ord("≤"), 0x2A7E: ord("≥"), 0x2A7D: ord("≤"),
    0x2212: ord("-"), 0x2013: ord("-"), 0x2010: ord("-"), 0x2011: ord("-"),
    0x2012: ord("-"), 0xFE63: ord("-"),
    0xFE6A: ord("%"), 0xFE64: ord("<"), 0xFE65: ord(">"), 0xFE66: ord("="),
    0x301C: ord("~"), 0x223C: ord("~"),
    0x3000: 0x20, 0x00A0: 0x20, 0x202F: 0x20, 0x205F: 0x20,
    # zero-width characters become spaces (dropping them would shift offsets)
    0x200B: 0x20, 0x200C: 0x20, 0x200D: 0x20, 0x2060: 0x20, 0xFEFF: 0x20,
})
_FW.update({i: 0x20 for i in range(0x2002, 0x200B)})
# keep Chinese punctuation as is: （ ） ， ； ： ！ ？
_FW.update({0xFF0C: 0xFF0C, 0xFF1B: 0xFF1B, 0xFF1A: 0xFF1A, 0xFF08: 0xFF08, 0xFF09: 0xFF09,
            0xFF01: 0xFF01, 0xFF1F: 0xFF1F})


# the characters _FW changes: a text without any is returned as it is (one regex search
# instead of a dictionary look-up per character; most Chinese sentences have none)
_FW_CHANGES = re.compile("[" + "".join(re.escape(chr(k)) for k, v in sorted(_FW.items()) if k != v) + "]")


def normalize(text: str) -> str:
    """Length-preserving normalisation: full-width digits/letters/signs to
    ASCII, ≧/≦/⩾/⩽ to ≥/≤, − – to '-', ideographic, no-break and zero-width
    spaces to spaces.  Chinese punctuation (，；：（）！？、) is kept.
    ``len(normalize(t)) == len(t)``; never NFKC."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if _FW_CHANGES.search(text) is None:
        return text
    return text.translate(_FW)


# ---------------------------------------------------------------------------
# Value
# ---------------------------------------------------------------------------

@dataclass
class Value:
    raw: str                       # text as printed (find_values: the whole text)
    kind: str = "empty"            # number | percent | date | range | text | empty | na
    number: float | None = None    # main number, in ``unit`` (percent: 95.0 for 95%)
    decimals: int | None = None    # displayed decimals of ``number``
    unit: str = ""                 # "%", "万元", "元", "次", "人", "个", ... or ""
    comparator: str = ""           # ≥ ≤ > < = or ""
    approx: bool = False           # 约/近/余/多/左右
    low: float | None = None       # ranges: 90%-95%, 3至5个
    high: float | None = None
    date: tuple | None = None      # (year, month|None, day|None)
    start: int = 0                 # span of the parsed expression in raw
    end: int = 0
    scale: float = 1.0             # magnitude prefix: 万 → 10000, 亿 → 1e8, 千 → 1000

    @property
    def is_bound(self) -> bool:
        return bool(self.comparator)

    @property
    def has_number(self) -> bool:
        return self.number is not None

    @property
    def base_number(self) -> float | None:
        """``number × scale`` ("3.5万人次" → 35000.0, unit 人次)."""
        if self.number is None:
            return None
        return self.number * self.scale

    @property
    def span_text(self) -> str:
        """The parsed expression as printed: ``raw[start:end]``."""
        return self.raw[self.start:self.end]

    @property
    def tolerance(self) -> float:
        if self.decimals is None:
            return 0.0
        return 0.5 * 10 ** (-self.decimals)

    @property
    def interval(self) -> tuple[float, float]:
        assert self.number is not None
        t = self.tolerance
        return self.number - t, self.number + t


NA_MARKERS = {"/", "-", "—", "——", "－", "无", "不适用", "n/a", "N/A", "--",
              "\\", "—-", "-—", "―", "――", "─", "NA", "na", "不涉及", "无此项", "暂无",
              "（无）", "(无)", "/ /"}
_NA_RE = re.compile(r"[-—―─━/\\\s]+|[(（]?(?:无|不适用|不涉及|无此项|暂无)[)）]?|n/?a|N/?A", re.I)

# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------

def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# comparator words → canonical symbol (after normalize: ＞＝ is ">=")
_CMP_MAP = {
    ">=": "≥", "=>": "≥", "≥=": "≥", "≥": "≥",
    "<=": "≤", "=<": "≤", "≤=": "≤", "≤": "≤",
    ">": ">", "<": "<", "=": "=", "==": "=",
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "至少": "≥", "最少": "≥", "不早于": "≥",
    "不高于": "≤", "不超过": "≤", "不大于": "≤", "不多于": "≤", "小于等于": "≤",
    "小于或等于": "≤", "最多": "≤", "最高": "≤", "控制在": "≤", "不晚于": "≤",
    "大于": ">", "高于": ">", "多于": ">", "超过": ">", "逾": ">", "晚于": ">",
    "小于": "<", "低于": "<", "少于": "<", "不足": "<", "不到": "<", "早于": "<",
    "等于": "=",
}
_CMP_RE = re.compile(_alt(_CMP_MAP))
_CMP_SYMBOLS = set(">=<≥≤")

_APPROX_PREFIX_RE = re.compile(r"(?:大约|将近|接近|约计|约|近)(?:为)?")

_MONEY = ["万元", "亿元", "千元", "元"]
# Discrete counts: a whole number of these is exact, not a rounded display
# (危桥改造 3座 against =4座 is one short, not "4 within rounding").
COUNT_UNITS = frozenset([
    "人次", "户次", "场次", "车次", "批次", "班次", "架次", "台次", "件次", "篇次",
    "人", "次", "个", "件", "篇", "条", "份", "项", "户", "场", "台", "套", "家", "名",
    "所", "座", "处", "辆", "只", "头", "株", "棵", "册", "本", "部", "期", "批", "种",
    "类", "宗", "起", "例", "张", "块", "间", "栋", "幢", "盏", "支", "组", "队", "村",
    "镇", "乡", "床", "轮", "届", "门", "节", "位", "口", "层", "段", "片"])
_UNITS = _MONEY + [
    "%", "‰", "个百分点", "百分点",
    # time
    "个工作日", "工作日", "个小时", "小时", "分钟", "个月", "个季度", "季度",
    "天", "日", "周", "年", "月", "学时", "课时", "秒",
    # counts
    "人次", "户次", "场次", "车次", "批次", "班次", "架次", "台次", "件次", "篇次", "人天", "人日",
    "人", "次", "个", "件", "篇", "条", "份", "项", "户", "场", "台", "套", "家", "名",
    "所", "座", "处", "辆", "只", "头", "株", "棵", "册", "本", "部", "期", "批", "种",
    "类", "宗", "起", "例", "张", "块", "间", "栋", "幢", "盏", "支", "组", "队", "村",
    "镇", "乡", "床", "轮", "届", "门", "节", "位", "口", "层", "段", "片", "所", "篇",
    # measures
    "平方公里", "平方千米", "平方米", "平米", "立方米", "公里", "千米", "公顷", "亩", "米",
    "千克", "公斤", "吨", "斤", "千瓦时", "千瓦", "兆瓦", "㎡", "㎥", "㎞", "m²", "m³",
    "km", "kg", "倍", "分", "岁", "字", "页",
]
_UNIT_RE = re.compile(_alt(_UNITS))
_PER_UNITS = ["人", "次", "户", "个", "件", "年", "月", "日", "天", "亩", "平方米", "㎡", "m²",
              "吨", "公里", "米", "小时", "人次", "台", "套", "项", "学时", "床", "人·年", "人年",
              "季度", "周", "辆", "头", "只", "千克", "公斤", "kg", "场", "篇", "份", "册", "株", "座", "处",
              "所", "村", "户次", "批次", "件次"]
_PER_RE = re.compile(r"/(?:" + _alt(_PER_UNITS) + r")")
_SCALES = {"千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "千": 1e3}
_SCALE_RE = re.compile(_alt(_SCALES))
_TIME_UNITS = {"年", "个月", "月", "天", "日", "周", "个季度", "季度", "期", "小时", "个小时"}

_NUM_RE = re.compile(r"[+-]?\d+(?:,\d{3}(?!\d))*(?:\.\d+)?")
_SPACES = " \t"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = set(_CN_DIGITS) | set(_CN_UNITS) | set(_CN_BIG)
_CN_RE = re.compile(r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
# numerals simple Chinese does not cover, converted by cn2an: decimals (三点五) and financial
# capitals (壹佰, 壹拾贰万叁仟)
_CN_CAPS = "壹贰叁肆伍陆柒捌玖拾佰仟"
_CNX_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿" + _CN_CAPS + r"]+"
                     r"(?:点[零〇一二两三四五六七八九" + _CN_CAPS[:9] + r"]+)?")
# Chinese numeral + unit that are idioms, not quantities
_CN_IDIOMS = ("十分", "一次性", "一件事", "一条龙", "一把手", "一站式", "一批次")
_CN_BAD_BEFORE = set("统唯万同之单专第逐划整均其某任每初")

# suffixes after a quantity
_SUFFIX_RE = re.compile(
    r"(?:[(（]含[)）])?(?P<s>及以上|以上|及以下|以下|以内|之内|左右|内(?![容部外涵地蒙])|之间)")
_SUFFIX_CMP = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤", "内": "≤"}

_RANGE_SEP_RE = re.compile(r"-{1,2}|~|—{1,2}|至|到")

# dates
_CN_YEAR = r"[一二][〇零一二三四五六七八九]{3}"
_YEAR_RE = re.compile(rf"(?P<y>(?:19|20)\d{{2}}|{_CN_YEAR})[ \t]*年")
_MONTH_RE = re.compile(r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])[ \t]*月(?P<fen>份)?")
_DAY_RE = re.compile(r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[ \t]*[日号]")
_YMD_RE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<sep>[./、-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])")
_YM_RE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<sep>[./-])(?P<m>\d{1,2})(?![\d.])")
_DATE_SUF1_RE = re.compile(r"度|全年|上半年|下半年|年底|年末|年初|底|末|初|上旬|中旬|下旬")
_DATE_SUF2_RE = re.compile(
    r"[ \t]*(?:之前|以前|前(?![一二三四五六七八九十两几半\d个期年])|以后|之后|止|起(?![草步点来]))")
_DATE_SUF2_CMP = {"之前": "≤", "以前": "≤", "前": "≤", "以后": "≥", "之后": "≥", "起": "≥", "止": ""}

# applied to the stripped cell; possessive quantifiers keep it linear
_PLACEHOLDER_RE = re.compile(
    r"(?P<cmp>" + _CMP_RE.pattern + r")?[ \t]*+(?P<ph>[Xx×*_…·.。]*+)[ \t]*+"
    r"(?P<unit>(?:" + _UNIT_RE.pattern + r")(?:" + _PER_RE.pattern + r")?)?[ \t]*+"
    r"(?:及以上|以上|及以下|以下|以内)?")

_START_CHARS = (set("0123456789+-") | set("".join(_CMP_MAP)) | set("约近大将接")
                | set("一二两三四五六七八九十") | {"百"} | set(_CN_CAPS[:10]) | {"零"})


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------

def _cn_to_int(s: str) -> int | None:
    """Simple Chinese numerals: 十二, 两, 三百, 一千二百, 三百零五, 一千二 (=1200),
    两万三千.  Returns None for malformed strings such as 十四五."""
    if not s or any(c not in _CN_CHARS for c in s):
        return None
    total = 0
    section = 0
    digit = None          # pending digit
    last_unit = None      # last 十/百/千 multiplier in this section
    zero_seen = False
    for c in s:
        if c in _CN_DIGITS:
            d = _CN_DIGITS[c]
            if digit is not None and not (digit == 0 and zero_seen):
                return None                       # two digits in a row: 十四五, 一二
            if d == 0:
                zero_seen = True
            digit = d
        elif c in _CN_UNITS:
            u = _CN_UNITS[c]
            if digit is None:
                if c == "十" and section == 0 and last_unit is None:
                    digit = 1
                else:
                    return None
            if last_unit is not None and u >= last_unit:
                return None
            section += digit * u
            last_unit = u
            digit = None
            zero_seen = False
        else:  # 万 亿
            big = _CN_BIG[c]
            if digit is not None:
                section += digit
            if section == 0:
                return None
            total += section * big
            section, digit, last_unit, zero_seen = 0, None, None, False
    if digit is not None:
        if last_unit is not None and last_unit >= 100 and not zero_seen:
            section += digit * (last_unit // 10)  # 一千二 = 1200, 三百五 = 350
        else:
            section += digit
    return total + section


def parse_number(s: str) -> tuple[float, int] | None:
    """A bare number string → (value, displayed decimals), or None.
    Accepts full-width digits, ASCII thousands separators (',' + exactly three
    digits), a sign, and simple Chinese numerals (十二 → (12.0, 0))."""
    try:
        s = normalize(s).strip()
        m = re.fullmatch(r"[+-]?\d+(?:,\d{3})*(?:\.(\d+))?", s)
        if m:
            return float(s.replace(",", "")), len(m.group(1) or "")
        n = _cn_to_int(s)
        if n is not None:
            return float(n), 0
    except Exception:  # pragma: no cover - defensive
        pass
    return None


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c == "〇"


def _day_after(t: str, j: int, d):
    """A day number (``31日``, ``三十一日``) right after position ``j``: (day, new end),
    or (d, j) unchanged when there is none."""
    md = _DAY_RE.match(t, _skip_sp(t, j))
    if md:
        dv = _cn_small(md.group("d"))
        if dv is not None and 1 <= dv <= 31:
            return dv, md.end()
    return d, j


def _skip_sp(t: str, j: int) -> int:
    while j < len(t) and t[j] in _SPACES:
        j += 1
    return j


def _num_at(t: str, k: int, sign_ok: bool, cell: bool, guard: bool = True):
    """Number at t[k]: digits (with separators/decimals) or a Chinese numeral.
    Returns (end, value, decimals, is_cn) or None."""
    n = len(t)
    if k >= n:
        return None
    c = t[k]
    if c.isdigit() or c in "+-":
        if c in "+-" and not sign_ok:
            return None
        if k > 0 and (t[k - 1].isdigit() or t[k - 1] == "."):
            return None
        m = _NUM_RE.match(t, k)
        if not m or not m.group(0).lstrip("+-") or not m.group(0).lstrip("+-")[0].isdigit():
            return None
        s = m.group(0)
        try:
            val = float(s.replace(",", ""))
        except ValueError:  # pragma: no cover - defensive
            return None
        dec = len(s.split(".", 1)[1]) if "." in s else 0
        return m.end(), val, dec, False
    if c in _CN_CAPS[:10] or c in "一二两三四五六七八九十零":
        if guard and k > 0 and (t[k - 1] in _CN_CHARS or t[k - 1] in _CN_BAD_BEFORE or t[k - 1] in _CN_CAPS):
            return None
        mx = _CNX_RE.match(t, k)
        if mx and ("点" in mx.group(0) or any(ch in _CN_CAPS for ch in mx.group(0))):
            return _cn2an_at(mx.group(0), k)
        if c not in "一二两三四五六七八九十":
            return None
        m = _CN_RE.match(t, k)
        if not m:
            return None
        s = m.group(0)
        # a trailing 万/亿 is a magnitude (or part of 万元/亿元), handled by the tail
        if len(s) > 1 and s[-1] in _CN_BIG:
            s = s[:-1]
        v = _cn_to_int(s)
        if v is None:
            return None
        return k + len(s), float(v), 0, True
    return None


def _cn2an_at(s: str, k: int):
    """(end, value, decimals, True) for a decimal or financial-capital Chinese numeral at ``k``
    (三点五, 壹佰, 壹拾贰万叁仟), by cn2an; a trailing 万/亿 is left to the unit tail (三点五万元)."""
    if len(s) > 1 and s[-1] in "万亿" and "点" not in s:
        s = s[:-1]
    try:
        import cn2an
    except ImportError:  # pragma: no cover - cn2an is a dependency; without it these stay unread
        return None
    try:
        v = cn2an.cn2an(s, "normal")
    except Exception:  # noqa: BLE001 - not a numeral cn2an accepts (三点五五五万亿…): not a quantity
        return None
    dec = len(s.split("点", 1)[1]) if "点" in s else 0
    return k + len(s), float(v), dec, True


def _tail_at(t: str, j: int):
    """Unit part after a number: [余|多] [unit | scale [余|多] [unit]] [/per] [、unit].
    Returns (end, unit, scale, approx)."""
    n = len(t)
    unit, scale, approx = "", 1.0, False
    k = _skip_sp(t, j)
    end = j
    a = k
    mid_approx = a < n and t[a] in "余多"
    if mid_approx:
        a += 1
    m = _UNIT_RE.match(t, a)
    if m:
        unit = m.group(0)
        end = m.end()
        approx = mid_approx
    else:
        m = _SCALE_RE.match(t, a)
        if m and not t.startswith("千方", a):
            scale = _SCALES[m.group(0)]
            end = m.end()
            approx = mid_approx
            b = end
            if b < n and t[b] in "余多":
                m2 = _UNIT_RE.match(t, b + 1)
                if m2:
                    approx, unit, end = True, m2.group(0), m2.end()
                else:
                    approx, end = True, b + 1
            else:
                m2 = _UNIT_RE.match(t, b)
                if m2:
                    unit, end = m2.group(0), m2.end()
        elif mid_approx:
            # "50余，" ends a quantity; "300多年" has a unit; "5多样" is not approx
            if a >= n or not _is_cjk(t[a]):
                approx, end = True, a
    if unit:
        mp = _PER_RE.match(t, end)
        if mp:
            unit += mp.group(0)
            end = mp.end()
        elif end < n and t[end] == "、":
            m3 = _UNIT_RE.match(t, end + 1)
            if m3 and m3.group(0) not in ("%", "‰") and (
                    m3.end() >= n or t[m3.end()] in " \t\r\n，,。；;：:）)、"):
                end = m3.end()             # "1000篇、条": keep the first unit word
    return end, unit, scale, approx


def _suffix_at(t: str, j: int, has_unit: bool):
    """以上/以下/以内/左右 after a quantity → (end, comparator, approx)."""
    k = _skip_sp(t, j)
    m = _SUFFIX_RE.match(t, k)
    if not m:
        return j, "", False
    s = m.group("s")
    if s == "内" and not has_unit:
        return j, "", False
    if s == "左右":
        return m.end(), "", True
    if s == "之间":
        return m.end(), "", False
    return m.end(), _SUFFIX_CMP[s], False


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

def _cn_small(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return _cn_to_int(s)


def _date_at(t: str, k: int):
    """Date at t[k] → (end, (y, m, d), comparator) or None."""
    y = mo = d = None
    j = None
    year_only = False
    m = _YEAR_RE.match(t, k)
    if m:
        ys = m.group("y")
        if ys[0].isdigit():
            y = int(ys)
        else:
            y = int("".join(str(_CN_DIGITS[c]) for c in ys))
        j = m.end()
        year_only = True
        mm = _MONTH_RE.match(t, _skip_sp(t, j))
        if mm:
            mv = _cn_small(mm.group("m"))
            if mv is not None and 1 <= mv <= 12:
                mo, j, year_only = mv, mm.end(), False
                d, j = _day_after(t, j, d)
    if j is None:
        m = _YMD_RE.match(t, k)
        if m:
            yv, mv, dv = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mv <= 12 and 1 <= dv <= 31:
                y, mo, d, j = yv, mv, dv, m.end()
    if j is None:
        m = _YM_RE.match(t, k)
        if m:
            yv, mv = int(m.group("y")), int(m.group("m"))
            nxt = t[m.end():m.end() + 1]
            if (1 <= mv <= 12 and not _UNIT_RE.match(t, m.end()) and not _SCALE_RE.match(t, m.end())
                    and nxt not in ("-", "/", "、")):
                y, mo, j = yv, mv, m.end()
    if j is None:
        if k > 0 and (t[k - 1].isdigit() or t[k - 1] in _CN_CHARS):
            return None
        m = _MONTH_RE.match(t, k)
        if m:
            mv = _cn_small(m.group("m"))
            if mv is not None and 1 <= mv <= 12:
                mo, j = mv, m.end()
                d, j = _day_after(t, j, d)
    if j is None:
        return None
    cmp_ = ""
    if d is None:
        ms = _DATE_SUF1_RE.match(t, j)
        if ms:
            s = ms.group(0)
            ok = True
            if s == "度" or s in ("全年", "上半年", "下半年", "年底", "年末", "年初"):
                ok = year_only
            if ok:
                j = ms.end()
                if year_only and s in ("底", "末", "年底", "年末"):
                    mo = 12
    ms = _DATE_SUF2_RE.match(t, j)
    if ms:
        cmp_ = _DATE_SUF2_CMP[ms.group(0).strip(_SPACES)]
        j = ms.end()
    return j, (y, mo, d), cmp_


# ---------------------------------------------------------------------------
# scanner
# ---------------------------------------------------------------------------

def _sign_ok(t: str, k: int) -> bool:
    if k == 0:
        return True
    p = t[k - 1]
    # "增长率-5.2%", "变动率为-3%": a sign after these words; never after a
    # digit or unit ("3-5", "2024年-2025年")
    return p in " \t\r\n(（:：,，;；、=≥≤<>~/[【" or p in "为是率达值幅比"


def _quantity_at(t: str, i: int, cell: bool) -> Value | None:
    """Try to parse one quantity starting exactly at t[i]."""
    n = len(t)
    k = i
    cmp_ = ""
    approx = False
    approx_word = ""
    mc = _CMP_RE.match(t, k)
    if mc:
        cmp_ = _CMP_MAP[mc.group(0)]
        k = _skip_sp(t, mc.end())
    ma = _APPROX_PREFIX_RE.match(t, k)
    if ma:
        approx_word = ma.group(0)
        approx = True
        k = _skip_sp(t, ma.end())
    num_start = k
    if k >= n:
        return None
    had_prefix = k != i
    if not had_prefix and k > 0 and (t[k - 1] == "第" or ("a" <= t[k - 1].lower() <= "z")):
        return None

    # --- dates (a comparator may precede, an approx word may not) -----------
    if not approx:
        dt = _date_at(t, k)
        if dt:
            end, date, dcmp = dt
            return Value(raw=t, kind="date", date=date, comparator=cmp_ or dcmp, start=i, end=end)

    # --- 百分之N ------------------------------------------------------------
    if t.startswith("百分之", k):
        if t.startswith("百分之百", k):
            val, dec, e = 100.0, 0, k + 4
        else:
            r = _num_at(t, k + 3, False, True, guard=False)
            if not r:
                return None
            e, val, dec, _ = r
        e2, scmp, sapprox = _suffix_at(t, e, True)
        return Value(raw=t, kind="percent", number=val, decimals=dec, unit="%",
                     comparator=cmp_ or scmp, approx=approx or sapprox, start=i, end=e2)

    r = _num_at(t, k, sign_ok=had_prefix or _sign_ok(t, k), cell=cell)
    if not r:
        return None
    e1, v1, d1, cn1 = r
    if cn1 and any(t.startswith(w, k) for w in _CN_IDIOMS):
        return None
    tend1, unit1, scale1, ap1 = _tail_at(t, e1)

    # --- ranges: 90%-95%, 3至5个, 3-5万人 ------------------------------------
    j = _skip_sp(t, tend1)
    msep = _RANGE_SEP_RE.match(t, j)
    if msep and not ap1:
        k2 = _skip_sp(t, msep.end())
        r2 = _num_at(t, k2, sign_ok=msep.group(0) in ("~", "至", "到"), cell=cell)
        if r2 and r2[3] == cn1:
            e2, v2, _d2, _ = r2
            tend2, unit2, scale2, ap2 = _tail_at(t, e2)
            if not unit1 and scale1 == 1.0:
                u_ok, ru, rs = True, unit2, scale2
            else:
                u_ok = (unit2 == unit1 and scale2 == scale1) or (not unit2 and scale2 == 1.0)
                ru, rs = unit1, scale1
            bare_ok = not cn1 and (msep.group(0) != "-" or (cell and _cn_whole(t, i, tend2)))
            if u_ok and v1 <= v2 and (ru or bare_ok):
                # a bare "3-5" in running text is too ambiguous (codes, phone
                # numbers); "3至5" is fine, and so is a cell that is just "3-5"
                end, scmp, sapprox = _suffix_at(t, tend2, bool(ru))
                return Value(raw=t, kind="range", number=v1, decimals=d1,
                             unit=ru, comparator=cmp_ or scmp, approx=approx or ap2 or sapprox,
                             low=v1, high=v2, scale=rs, start=i, end=end)

    # --- single quantity -----------------------------------------------------
    if cn1 and not unit1 and scale1 == 1.0 and not (cell and _cn_whole(t, i, tend1)):
        return None
    if cn1 and tend1 < n and t[tend1] == "一":
        return None                                   # 一户一策, 一年一度
    end, scmp, sapprox = _suffix_at(t, tend1, bool(unit1) or scale1 != 1.0)
    if approx_word.startswith("近") and unit1 in _TIME_UNITS:
        approx = False                                # 近三年 = the last three years
        i = num_start if not cmp_ else i
    kind = "percent" if unit1 in ("%", "‰") else "number"
    return Value(raw=t, kind=kind, number=v1, decimals=d1, unit=unit1,
                 comparator=cmp_ or scmp, approx=approx or ap1 or sapprox,
                 scale=scale1, start=i, end=end)


def _cn_whole(t: str, i: int, e: int) -> bool:
    return not t[:i].strip() and not t[e:].strip()


def _is_outline_number(t: str, v: Value) -> bool:
    """'1、' / '（2）' / '3.' list markers in running text."""
    if v.kind != "number" or v.unit or v.comparator or v.approx or v.decimals:
        return False
    s, e = v.start, v.end
    before = t[s - 1] if s > 0 else "\n"
    after = t[e] if e < len(t) else ""
    if before in "\n\r\t (（" and after in ("、", ")", "）", "．") and t[e + 1:].strip():
        return True
    if before in "\n\r\t " and after == "." and e + 1 < len(t) and not t[e + 1].isdigit():
        return True
    return False


def _scan(t: str, cell: bool, limit: int | None = None) -> list[Value]:
    out: list[Value] = []
    n = len(t)
    i = 0
    while i < n:
        c = t[i]
        if c not in _START_CHARS and not t.startswith("百分之", i):
            i += 1
            continue
        if c.isdigit() and i > 0 and (t[i - 1].isdigit() or t[i - 1] == "."):
            i += 1
            continue
        if c.isdigit() and i > 0 and t[i - 1] in "〔【[":
            # 财预〔2020〕10号: a document number, not a quantity
            j = i
            while j < n and t[j].isdigit():
                j += 1
            i = j
            continue
        if c.isdigit() and i > 0 and t[i - 1] in "〕】]":
            j = i
            while j < n and t[j].isdigit():
                j += 1
            if j < n and t[j] == "号":
                i = j
                continue
        if c.isdigit() and i > 1 and t[i - 1] in "-/." and t[i - 2].isascii() and t[i - 2].isalnum():
            # GB50016-2014, 0731-8888: the tail of a code, not a quantity
            j = i
            while j < n and t[j].isdigit():
                j += 1
            i = j
            continue
        if c.isdigit() and i > 0 and t[i - 1] == "第":
            j = i
            while j < n and (t[j].isdigit() or t[j] == "."):
                j += 1
            i = j
            continue
        v = _quantity_at(t, i, cell)
        if v is None or v.end <= v.start:
            i += 1
            continue
        if _is_outline_number(t, v):
            i = v.end
            continue
        out.append(v)
        if limit and len(out) >= limit:
            break
        i = v.end
    return out


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------

# Memos of find_values and parse_value: a text is scanned once per process (cells such as
# ≥95%, 无, 效果明显 recur in every report of a batch, and the checks, the facts and the score
# read the same cells and sentences again).  Callers get copies (a Value is mutable), so the
# results are those of a fresh scan; the memo is emptied when it reaches _MEMO_MAX texts.
_MEMO_MAX = 20000
_FOUND: dict[str, list[Value]] = {}
_PARSED: dict[str, Value] = {}


def _remember(memo: dict, text: str, result) -> None:
    """Store a result in a memo, emptied first when it holds _MEMO_MAX texts."""
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[text] = result


def _copy(v: Value, raw: str) -> Value:
    """A copy of a memoised Value whose ``raw`` is the caller's own text object."""
    c = object.__new__(Value)
    c.__dict__.update(v.__dict__)
    c.raw = raw
    return c


def find_values(text: str) -> list[Value]:
    """Every quantity (number, percent, date, range) in a longer text, in
    order, with spans into ``text``.  Each Value's ``raw`` is ``text`` itself,
    so ``v.span_text`` (= ``text[v.start:v.end]``) is the expression as printed.
    Chinese numerals count only when a unit follows (三个, 两场)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    found = _FOUND.get(text)
    if found is None:
        try:
            found = _scan(normalize(text), cell=False)
        except Exception:  # pragma: no cover - never raise on input
            return []
        for v in found:
            v.raw = text
        _remember(_FOUND, text, found)
    return [_copy(v, text) for v in found]


def _parse_value(text: str) -> Value:
    raw = text
    t = normalize(text)
    s = t.strip()
    lead = len(t) - len(t.lstrip())
    if not s:
        return Value(raw=raw, kind="empty")
    if s in NA_MARKERS or _NA_RE.fullmatch(s):
        return Value(raw=raw, kind="na", start=lead, end=lead + len(s))
    vals = _scan(t, cell=True, limit=1)
    if vals:
        v = vals[0]
        v.raw = raw
        return v
    # no quantity: a placeholder such as "≤万元", "≥XX户", or plain text
    m = _PLACEHOLDER_RE.fullmatch(t, lead, lead + len(s))
    if m and (m.group("cmp") or m.group("unit")):
        st = lead
        en = max(m.end("cmp"), m.end("unit"), m.end("ph"))
        cmp_ = _CMP_MAP[m.group("cmp")] if m.group("cmp") else ""
        return Value(raw=raw, kind="text", comparator=cmp_, unit=m.group("unit") or "",
                     start=st, end=en)
    v = Value(raw=raw, kind="text", start=lead, end=lead + len(s))
    mc = _CMP_RE.match(t, lead)
    if mc and (mc.group(0)[0] in _CMP_SYMBOLS or mc.group(0).startswith("不")):
        v.comparator = _CMP_MAP[mc.group(0)]          # "≥良好", "不低于上年"
    return v


def parse_value(text: str) -> Value:
    """One table cell or short phrase → Value (its first quantity).

    ``""`` → empty; ``/ — - 无 不适用`` → na; ``≥98%`` → percent;
    ``≤1328.5万元`` → number; ``2024年6月30日前`` → date with comparator ≤;
    ``90%-95%`` → range; ``≤万元`` → text with comparator ≤ and unit 万元
    but no number; ``效果明显`` → text.  Never raises."""
    if text is None:
        return Value(raw="", kind="empty")
    if not isinstance(text, str):
        text = str(text)
    v = _PARSED.get(text)
    if v is None:
        try:
            v = _parse_value(text)
        except Exception:  # pragma: no cover - defensive; tests fuzz _parse_value directly
            v = Value(raw=text, kind="text", start=0, end=len(text))
        _remember(_PARSED, text, v)
    return _copy(v, text)


_SERIAL = re.compile(r"^\s*(\d{5})(?:\.0+)?\s*$")


def excel_serial_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) when ``text`` is a bare Excel date serial between 2000 and 2050."""
    import datetime

    m = _SERIAL.match(text or "")
    if not m:
        return None
    n = int(m.group(1))
    if not 36526 <= n <= 55153:
        return None
    d = datetime.date(1899, 12, 30) + datetime.timedelta(days=n)
    return d.year, d.month, d.day
