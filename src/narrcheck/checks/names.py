"""Names that do not belong to the report's unit (NAME-SCOPE, NC186): the
residue of a report copied from another unit's.

Two signals, both tuned for precision (a sibling unit's or a subordinate's
name in the text is normal; only the places where the report names *itself*
are read):

* how the report calls itself — 我局/本局, 我委, 我办, 我中心 … — against the
  kind of unit it is (a 人民政府办公室 writes 我办; 我局 there is left over
  from a 局's report).  Units with two names (加挂…牌子, 合署办公) are skipped.
* the unit named by the title and by the form fields that name the reporting
  unit (单位名称, 部门（单位）名称, 填报单位 …) against each other.  Short and
  full forms agree (君山区政府办 / 岳阳市君山区人民政府办公室: one is a
  subsequence of the other).  A disagreement is reported when the places
  differ (君山区 vs 云溪区) or when both are government agencies of the same
  place (农业农村局 vs 水利局); a 中心/站/所/院… of the same place is taken
  for a subordinate unit and left alone.  项目单位/实施单位/主管部门 are not
  compared: a project's implementing unit is often another unit.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..understand.meta import labelled_units, title_unit
from ..understand.values import normalize
from ._util import subsequence
from .registry import rule

# how a unit calls itself; the lookaheads keep 本办法, 我办理, 我委托, 我所在, 本局面 out, and the
# lookbehind a 本 that ends a word (基本办学条件, 成本, 样本) out
SELF_REF = re.compile(
    r"(?<![自基日根成资版样文剧课脚标账书原范副])[我本](?:(?P<t>局|委|办|厅|院|校|站|馆|队)(?![法理托面势])"
    r"|(?P<t2>中心)|(?P<t3>所)(?![在有以属得知])|(?P<t4>镇|乡)(?![村镇土亲愁音])|(?P<t5>街道))")
# the self-reference each kind of unit uses, from the end of its name
_SELF_TYPE = [
    (re.compile(r"(?:街道办事处|街道)$"), "街道"),
    (re.compile(r"镇(?:人民政府|政府)?$"), "镇"),
    (re.compile(r"乡(?:人民政府|政府)?$"), "乡"),
    (re.compile(r"(?:办公室|办)$"), "办"),
    (re.compile(r"(?:委员会|委)$"), "委"),
    (re.compile(r"局$"), "局"),
    (re.compile(r"厅$"), "厅"),
    (re.compile(r"中心$"), "中心"),
    (re.compile(r"(?:医院|学院|研究院|院)$"), "院"),
    (re.compile(r"(?:学校|中学|小学|校)$"), "校"),
    (re.compile(r"站$"), "站"),
    (re.compile(r"所$"), "所"),
    (re.compile(r"馆$"), "馆"),
    (re.compile(r"队$"), "队"),
]
TWO_NAMES = re.compile(r"加挂|挂牌|牌子|合署办公|一套人马|两块牌子|合并设立")

PLACE = re.compile(r"^(?:中共)?(?:[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|省|市|州|盟|地区|区|县|旗))+")
AGENCY = re.compile(r"(?:局|委员会|委|办公室|办|厅|人民政府|政府)$")
# labels that name the reporting unit itself (not a project's implementing unit)
REPORTING_LABELS = ("部门（单位）名称", "部门(单位)名称", "预算部门、单位名称", "市级预算部门名称", "预算部门名称",
                    "部门名称", "单位名称", "填报单位", "报送单位")


def self_type(unit: str) -> str | None:
    """The self-reference a unit of this name uses (办, 局, 委 …), or None."""
    unit = re.sub(r"[（(][^）)]*[）)]$", "", unit or "")
    for rx, t in _SELF_TYPE:
        if rx.search(unit):
            return t
    return None


def _squash(name: str) -> str:
    return re.sub(r"[\s（）()·、，,：:]|中共|人民|盖章", "", normalize(name or ""))


def compatible(a: str, b: str) -> bool:
    """Two names of the same unit: one is a subsequence of the other once 中共,
    人民 and punctuation are dropped (君山区政府办 ⊂ 岳阳市君山区人民政府办公室)."""
    a, b = _squash(a), _squash(b)
    if not a or not b:
        return True
    short, long = sorted((a, b), key=len)
    return subsequence(short, long)


def _split(name: str) -> tuple[str, str]:
    n = _squash(name)
    m = PLACE.match(n)
    return (m.group(0), n[m.end():]) if m else ("", n)


_LEVEL = re.compile(r"(自治县|自治旗|县|区|旗|市)$")
_NOT_PLACE = re.compile(r"[，,。；;、：:（）()“”\s\d]|中共|年度|的|为|由|经|过|在|对|和|与|及|向|从|给|等|了|是|按|将|把|被|共|于|至|到|同")


def _other_place_agency(report, ctx, unit: str):
    """"经鄂托克旗林业和草原局党组会研究" in 鄂托克前旗林业和草原局's report: the same agency
    with another place of the same level in front (a county's report copied).  Higher levels
    (市林业和草原局, 自治区林业和草原局) are ordinary mentions."""
    unit = _squash(unit)
    m = PLACE.match(unit)
    if not m or m.end() >= len(unit):
        return
    place, agency = m.group(0), unit[m.end():]
    lv = _LEVEL.search(place)
    if len(agency) < 2 or not lv:
        return
    pat = re.compile(r"([\u4e00-\u9fff]{1,6}?" + lv.group(1) + r")" + re.escape(agency))
    seen = set()
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell"):
            continue
        for mm in pat.finditer(ch.text):
            # the place: what follows the last function word or punctuation ("经|鄂托克旗", "为|乌岭县")
            other = _NOT_PLACE.split(mm.group(1))[-1]
            if len(other) < 3 or other in seen or place.endswith(other) or other.endswith(place):
                continue  # "县自然资源局" (the county's own, unnamed), or our own place
            if re.match(r"(?:全|本|我|该|各|每|此|原|上级|下级)", other):
                continue
            seen.add(other)
            name = other + agency
            s0 = mm.end() - len(name)
            yield ctx.finding(
                f"正文出现另一地方的同类机关「{name}」，本报告的单位是「{unit}」，可能是套用其他单位的报告后未改",
                name, ch.location.with_span(s0, mm.end()),
                evidence={"unit": unit, "found": name, "context": ch.text[max(0, s0 - 12):mm.end() + 12]},
                suggestion=f"核对“{name}”是否应为本单位“{unit}”，并检查该段内容是否属于本单位")


def conflict(a: str, b: str) -> str | None:
    """Why two reporting-unit names cannot be the same unit ("place" or
    "agency"), or None when they can (or when it cannot be told)."""
    if compatible(a, b):
        return None
    (pa, ba), (pb, bb) = _split(a), _split(b)
    if pa and pb and not compatible(pa, pb):
        return "place"
    if ba and bb and AGENCY.search(ba) and AGENCY.search(bb) and not compatible(ba, bb):
        return "agency"
    return None


def _self_references(report):
    """{type: [(chunk, match)]} over paragraphs and cells."""
    out: dict[str, list] = defaultdict(list)
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell"):
            continue
        for m in SELF_REF.finditer(ch.text):
            out[m.group("t") or m.group("t2") or m.group("t3") or m.group("t4") or m.group("t5")].append((ch, m))
    return out


@rule("NC186", "name-scope", "template", "warning",
      scope="段落和单元格中的自称（我局、我办……）；标题和单位栏中的单位名称",
      evidence={"expected": "应自称", "context": "上下文", "contexts": ("上下文", "list"), "found": "文中自称", "unit": "本单位",
                "names": ("名称", "text"), "reason": "理由", "count": "出现次数"})
def name_scope(report, ctx):
    """单位名称或自称与本单位不符：可能是套用其他单位的报告后没有改干净。

    规则：① 正文自称（我局、我委、我办、我中心……）与单位类型不符，如政府办公室的报告写“我局”
    （单位有两块牌子、合署办公的不判断）；② 标题与“单位名称”“部门（单位）名称”“填报单位”等栏
    所写的单位对不上：地名不同（君山区 vs 云溪区），或同一地方的两个不同机关（农业农村局 vs 水利局）。
    简称与全称（君山区政府办 / 岳阳市君山区人民政府办公室）视为一致；下属中心、站、所不判断。

    错误示例：
        2023年度衡山县人民政府办公室部门整体支出绩效自评报告
        一、部门基本情况
        我局全年办理各类文件386件，组织召开县政府常务会议24次。

    正确示例：
        2023年度衡山县人民政府办公室部门整体支出绩效自评报告
        一、部门基本情况
        我办全年办理各类文件386件，组织召开县政府常务会议24次，本办法自印发之日起施行。
    """
    unit = report.meta.department
    text_all = "".join(ch.text for ch in report.chunks if ch.kind in ("paragraph", "cell"))

    # ① self-references
    refs = _self_references(report)
    own = self_type(unit)
    severity = None
    if own is None and refs:
        counts = Counter({t: len(v) for t, v in refs.items()})
        (top, n_top), *rest = counts.most_common()
        if rest and n_top >= 2 and n_top >= 2 * rest[0][1] and n_top > rest[0][1]:
            own, severity = top, "info"
    if own is not None and not TWO_NAMES.search(text_all):
        for t, hits in refs.items():
            if t == own:
                continue
            ch, m = hits[0]
            word = m.group(0)
            who = f"本报告的单位是「{unit}」" if unit and severity is None else f"报告多处自称“我{own}”"
            yield ctx.finding(
                f"自称与单位不符：{who}，自称应为“我{own}/本{own}”，文中却有{len(hits)}处写作“{word}”，"
                f"可能是套用其他单位报告后未改",
                word, ch.location.with_span(m.start(), m.end()),
                evidence={"unit": unit, "expected": f"我{own}", "found": word, "count": len(hits),
                          "contexts": [c.text[max(0, mm.start() - 12):mm.end() + 12] for c, mm in hits[:5]]},
                suggestion=f"把“{word}”改为“我{own}”，并检查该段内容是否属于本单位",
                severity=severity,
                related=[c.location.with_span(mm.start(), mm.end()) for c, mm in hits[1:10]])

    # ③ (below) names in the title and the reporting-unit fields, then ② another place's agency of
    # the same kind and level in the body, leaving out names ③ already reported
    field_findings = list(_field_names(report, ctx))
    yield from field_findings
    flagged = {f.text for f in field_findings}
    for f in _other_place_agency(report, ctx, unit):
        if f.text not in flagged:
            yield f


def _field_names(report, ctx):
    # ③ names in the title and in the reporting-unit fields
    names = []
    tu = title_unit(report.meta.title)
    if tu:
        ch = next((c for c in report.chunks if c.kind == "paragraph" and tu in re.sub(r"\s+", "", c.text)), None)
        if ch is not None:
            names.append(("标题", tu, ch))
    for u in labelled_units(report.document):
        if u.label.replace("(", "（").replace(")", "）") not in REPORTING_LABELS:
            continue
        ch = next((c for c in report.chunks if c.location.block == u.block and c.kind in ("paragraph", "cell")
                   and (u.row is None or (c.location.row, c.location.col) == (u.row, u.col))), None)
        if ch is not None:
            names.append((u.label, u.name, ch))
    if not names:
        return
    ref_label, ref_name, _ = names[0]
    seen: set[str] = set()
    for label, name, ch in names[1:]:
        why = conflict(ref_name, name)
        if why is None or _squash(name) in seen:
            continue
        seen.add(_squash(name))
        i = ch.text.find(name) if name in ch.text else 0
        span = (i, i + len(name)) if name in ch.text else (0, len(ch.text))
        what = "地名不同" if why == "place" else "是另一个机关"
        yield ctx.finding(
            f"单位名称前后不一致：{ref_label}写的是「{ref_name}」，「{label}」却是「{name}」（{what}），"
            f"可能是套用其他单位的表格后未改",
            ch.text[span[0]:span[1]], ch.location.with_span(*span),
            evidence={"names": [{"source": ref_label, "name": ref_name}, {"source": label, "name": name}],
                      "reason": why},
            suggestion="核对单位全称，全文统一为本单位名称")
