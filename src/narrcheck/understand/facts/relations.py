"""Relations of the narrative that are not figures of a form: a stated count and the
list that follows it (直属事业单位3个：A、B、C), and claims of completeness (已全部拨付,
全面完成) with the statements of the same report that say the opposite."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Location
from ..values import normalize

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(t: str) -> int | None:
    """1–99 written in digits or Chinese numerals (十二, 二十三, 两)."""
    if t.isdigit():
        return int(t)
    if not t or any(ch not in "一二两三四五六七八九十" for ch in t):
        return None
    if "十" not in t:
        return _CN.get(t) if len(t) == 1 else None
    a, _, b = t.partition("十")
    tens = _CN.get(a, 0) if a else 1
    ones = _CN.get(b, 0) if b else 0
    if (a and a not in _CN) or (b and b not in _CN):
        return None
    return tens * 10 + ones


# a count of named members, then the list: 内设机构5个，分别为A、B、C
_LIST = re.compile(
    r"(?P<noun>(?:内设|下设|直属|所属|下属|设有|共有|包括|辖)?[\u4e00-\u9fff]{0,10}?"
    r"(?:机构|科室|股室|单位|部门|事业单位|乡镇|街道|村|社区|学校|医院|中心|站|所|项目|子项目|合作社|企业))"
    r"(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|家|所|项|处)"
    r"\s*[，,]?\s*(?:分别为|分别是|包括|即|为|是)?\s*[：:]?\s*"
    r"(?P<list>[^。；;！？\n]{2,400})")
# the number before the noun, and an explicit enumeration: 本项目涉及8个乡镇，分别为A、B…; 分为三类，分别为A、B
_LIST_NUM_FIRST = re.compile(
    r"(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:个|家|所|项|处|类|种)"
    r"(?P<noun>[\u4e00-\u9fff]{0,8}?)\s*[，,]\s*(?:分别为|分别是)\s*[：:]?\s*"
    r"(?P<list>[^。；;！？\n]{2,400})")
_SEP_LAST = re.compile(r"(?<=[\u4e00-\u9fff）)])(?:和|及|以及|与)(?=[\u4e00-\u9fff])")


@dataclass
class ListCount:
    noun: str
    stated: int
    stated_text: str
    names: list[str]
    text: str
    location: Location


def _names(lst: str) -> list[str] | None:
    lst = lst.strip()
    if "、" not in lst:
        return None
    # the list ends at the first clause that is not a name: ，其中… / ，共… / ，全年…
    lst = re.split(r"[，,]", lst)[0].strip()
    if re.search(r"等(?:[\u4e00-\u9fff]{0,4})?$", lst) or re.search(r"\d", lst):
        return None
    if re.search(r"[（(][^）)]*、", lst):
        return None       # a list inside brackets: nested, not one level
    parts = [p.strip() for p in lst.split("、")]
    last = _SEP_LAST.split(parts[-1])
    if len(last) == 2:
        parts = parts[:-1] + [x.strip() for x in last]
    if any(not p or len(p) > 20 for p in parts):
        return None
    return parts


def list_counts(report) -> list[ListCount]:
    return report.facts.list_counts


def claims(report) -> list["Claim"]:
    return report.facts.claims


def compute_list_counts(report) -> list[ListCount]:
    out = []
    for ch in report.chunks:
        if ch.kind != "sentence":
            continue
        t = normalize(ch.text)
        spans: list[tuple[int, int]] = []
        matches = [(m, "noun") for m in _LIST.finditer(t)] + [(m, "num") for m in _LIST_NUM_FIRST.finditer(t)]
        for m, first in matches:
            n = cn_number(m.group("num"))
            names = _names(m.group("list"))
            if n is None or names is None or not 2 <= n <= 30 or len(names) < 2:
                continue
            s = ch.location.start or 0
            a, b = m.start(first), m.start("list") + len(m.group("list"))
            if first == "num":
                b = m.start("list") + len(re.split(r"[，,]", m.group("list"))[0])   # the list, not the clause after it
            if any(a < y and x < b for x, y in spans):
                continue  # the same list read both ways
            spans.append((a, b))
            stated = (m.group("num") + t[m.end("num"):m.end("num") + 1] if first == "noun"
                      else t[m.start("num"):m.end("noun")])   # "8个乡镇"
            out.append(ListCount(m.group("noun") if first == "noun" else "", n, stated, names,
                                 ch.text[a:b].strip(), ch.location.with_span(s + a, s + b)))
    return out


# ---------------------------------------------------------------------------
# claims and what contradicts them
# ---------------------------------------------------------------------------

_PAID_ALL = re.compile(r"(?:已|均已)?(?:全部|足额|全额)(?:通过[^，,。；;]{1,12}?)?(?:拨付|发放|兑付)(?:到位|到户|完毕)?|拨付(?:已)?全部到位"
                       r"|(?:资金)?已全部到位")
# (已全部通过“一卡通”拨付到户: the channel between 全部 and 拨付)
# the opposite: a rate under 100%, money still to pay ("尚有45.64万元…工程款及质保金待2021年支付",
# "剩余补贴资金将于2026年5月前完成发放")
_PAID_PART = re.compile(r"(?:资金)?拨付率(?:为|达到?|仅为?)?\s*(\d{1,2}(?:\.\d+)?)\s*%|尚未拨付|未拨付|待拨付"
                        r"|剩余[^。；]{0,20}(?:未|待|将于|将在)[^。；]{0,16}(?:拨付|发放|兑付|支付)"
                        r"|尚有[^。；]{0,30}(?:未|待)[^。；]{0,16}(?:拨付|发放|兑付|支付)")
_DONE_ALL = re.compile(r"(?:已|均已)?全部(?:完工|竣工|建成)|(?:各项|全部|所有)[^。；，]{0,12}(?:全面|全部|均已|已全部)完成|全面完成了?(?:各项|全部|所有|年度)")
_NOT_DONE = re.compile(r"暂未完工|尚未完工|未完工|尚未竣工|未竣工|正在施工|仍在施工|尚在施工|尚未验收|未验收|尚未建成|未建成|尚未完成")
# a commitment or requirement governs the claim in its clause: "确保各项救助资金及时足额发放到位",
# "已于2020年1月发文督办，要求2020年3月底前全部拨付到户" — what is to be done, not what was done
# ("确保了…足额发放", "已将资金全部拨付到位" are claims)
_COMMIT = re.compile(r"(?:确保|保证|务必|力争|争取|要求|督促|责令|必须|应当|(?<![已并])将|计划|拟)(?!了)"
                     r"[^，,；;：:。！？]{0,30}$")


def _committed(t: str, start: int) -> bool:
    """The claim at ``t[start:]`` is the object of a commitment verb earlier in its clause."""
    return bool(_COMMIT.search(t[max(0, start - 40):start]))


def _planned_section(section: str) -> bool:
    """A goal or a measure section: what it says is to be done, not what was done."""
    from ...nlp.classifier import section_role

    return section_role(section or "") in ("goals", "measures")


_PAY_RATE_NAME = re.compile(r"(?:拨付|发放|兑付|支付|到位)率$")


def _trim(text: str) -> tuple[int, int]:
    s = len(text) - len(text.lstrip())
    return s, len(text.rstrip())


_NEG_CONTEXT = re.compile(r"不存在|没有|无(?=[\u4e00-\u9fff]{0,6}(?:未|尚未))")


@dataclass
class Mention:
    text: str
    sentence: str
    location: Location


@dataclass
class Claim:
    kind: str                 # "paid" | "done"
    text: str
    location: Location
    contradicted_by: list[Mention] = field(default_factory=list)


def compute_claims(report) -> list[Claim]:
    sentences = [ch for ch in report.chunks if ch.kind == "sentence" and ch.location.table is None]
    claims: list[Claim] = []
    opposite: dict[str, list[Mention]] = {"paid": [], "done": []}
    for ch in sentences:
        t = normalize(ch.text)
        s = ch.location.start or 0
        planned = _planned_section(ch.section)
        for kind, pos, neg in (("paid", _PAID_ALL, _PAID_PART), ("done", _DONE_ALL, _NOT_DONE)):
            for m in pos.finditer(t):
                if planned and not re.search(r"已|了", t[max(0, m.start() - 3):m.end() + 2]):
                    continue      # "（三）年度绩效目标：…按时足额发放补助资金": a target, not a claim
                if re.search(r"除[^。；]{1,40}(?:外|以外)|其余|其他均|其它均", t):
                    continue      # 除…尚未完工外，其余全部完工: the exception is stated
                if re.search(r"(?:未|尚未|没有|不能|无法)\s*$", t[max(0, m.start() - 3):m.start()]):
                    continue
                if _committed(t, m.start()):
                    continue
                claims.append(Claim(kind, ch.text[m.start():m.end()], ch.location.with_span(s + m.start(), s + m.end())))
            for m in neg.finditer(t):
                if kind == "paid" and m.group(1) is not None and float(m.group(1)) >= 100:
                    continue
                if _NEG_CONTEXT.search(t[max(0, m.start() - 8):m.start()]):
                    continue      # 不存在未拨付资金
                opposite[kind].append(Mention(ch.text[m.start():m.end()], ch.text.strip(),
                                              ch.location.with_span(s + m.start(), s + m.end())))
    # a form row measuring the payment itself below 100%: "低保资金社会化发放率 | =100% | 97.8%"
    for row in report.indicators:
        name = re.sub(r"\s+", "", row.name or "")
        a = row.actual
        if row.empty or not _PAY_RATE_NAME.search(name) or a.number is None or a.unit != "%" or a.comparator:
            continue
        if a.number < 100:
            txt = row.text("actual").strip()
            opposite["paid"].append(Mention(f"{name} {txt}", f"{name}：实际完成值{txt}",
                                            row.location("actual", *_trim(row.text("actual")))))

    def sentence_of(loc):
        return (loc.block, loc.row, loc.col)

    for c in claims:
        # a statement in the claim's own sentence qualifies it; elsewhere it contradicts it
        c.contradicted_by = [o for o in opposite[c.kind] if sentence_of(o.location) != sentence_of(c.location)
                             or o.sentence.find(c.text) < 0]
    return claims


# ---------------------------------------------------------------------------
# progress: how far the money or the works got (for claims of full success)
# ---------------------------------------------------------------------------

LOW_PROGRESS = 60.0     # a payment or execution rate below this is far from a finished year
# the money's own progress: 预算执行率, 资金到位率 — not a policy ratio that happens to be a 支付率 (医保基金支付率)
_LOW_RATE = re.compile(r"(?P<what>(?:预算|资金|项目资金|财政资金)?执行率|(?:预算|资金|项目资金|财政资金)(?:到位率|拨付率|支付率))"
                       r"(?:为|达到?|仅为?|是)?\s*"
                       r"(?P<num>\d{1,2}(?:\.\d+)?)\s*%")


@dataclass
class Progress:
    """A statement that the year's money or works are far from done: a payment or execution rate under
    60% (narrative or the funds form's 年度资金总额 row), or a works item not finished (暂未完工)."""
    kind: str            # "rate" | "not_done"
    text: str
    location: Location
    rate: float | None = None


def compute_progress(report) -> list[Progress]:
    out: list[Progress] = []
    for ch in report.chunks:
        if ch.kind != "sentence" or ch.location.table is not None:
            continue
        t = normalize(ch.text)
        s = ch.location.start or 0
        for m in _LOW_RATE.finditer(t):
            v = float(m.group("num"))
            if v < LOW_PROGRESS and not re.search(r"上年|去年|同期", t[max(0, m.start() - 12):m.start()]):
                out.append(Progress("rate", ch.text[m.start():m.end()], ch.location.with_span(s + m.start(), s + m.end()), v))
        for m in _NOT_DONE.finditer(t):
            if _NEG_CONTEXT.search(t[max(0, m.start() - 8):m.start()]):
                continue
            if re.match(r"[\u4e00-\u9fff]", t[m.end():m.end() + 1]):
                continue  # "机耕道路未完工路段的工程款": an attribute of what is paid for, not the works' state
            out.append(Progress("not_done", ch.text[m.start():m.end()], ch.location.with_span(s + m.start(), s + m.end())))
    for form in report.forms:
        if form.kind != "funds":
            continue
        for row in form.funds:
            if row.source != "total":
                continue
            v = row.value("rate")
            if v.number is not None and v.unit == "%" and v.number < LOW_PROGRESS:
                out.append(Progress("rate", f"{row.label}执行率{row.text('rate').strip()}",
                                    row.location("rate", 0, len(row.text("rate"))), float(v.number)))
    return out
