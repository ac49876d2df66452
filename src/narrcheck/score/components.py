"""Specificity components of one indicator row (domain-rules §3.1, §3.3, §5, §6).

One function, :func:`components`, turns the *texts* of an indicator (level-1/2
labels, name, direction, unit, target, actual, weight, score, deviation) into
a dict of component values in [0, 1].  The same function scores the rows of a
report (:meth:`IndicatorFields.from_row`) and the labelled items of
``corpora/labels/indicators.jsonl`` (:meth:`IndicatorFields.from_item`), so the
calibration in ``models/specificity.json`` applies to both.

For report rows the findings of the checks that are located on the row can
raise a flag that the fields alone do not show (a near copy NC102, one tier
phrase on every row NC104, a vague cell NC2xx, a placeholder NC180); see
:func:`flags_from_findings`.  The checks are never re-implemented here.

Components (1 = present).  Positive ones earn points, penalties cost points
(weights: ``score/model.py``):

=====================  ======================================================
``target_number``      the target has a number (or a date): it is quantified
``target_unit``        the target's number carries a unit (cell or 单位 column)
``target_comparator``  the target has a comparator (≥ ≤ = > <, 不低于, 正向/反向)
``unit_fits``          the unit fits the type: 成本 → 元/万元; 时效 → date or
                       period; 满意度 → %; 数量 → a count; 质量 → % or count
``actual_measured``    the actual is a measurement: a number or date, no bound
``actual_differs``     the measured actual differs from the target's number
``method``             a formula, data source, sample or baseline is named
``graded_standard``    a qualitative target written as tiers (达成：…；部分达成：…)
``name_concrete``      the name names an object or a measure (not a slogan, a
                       work item, an input or a sentence)
``actual_copy``        penalty: the actual repeats the target
``actual_bound``       penalty: the actual is a bound (≥95%)
``actual_tier``        penalty: the actual is a short verdict (效果明显, 达成)
``actual_missing``     penalty: no actual although there is a target
``actual_unitless``    penalty: a measured actual without the target's unit
``actual_imprecise``   penalty: the actual is coarser than the target (a year
                       for a month-precise deadline), or an Excel date serial
``approx_actual``      penalty: the actual is approximate or future (约, 预计)
``target_placeholder`` penalty: ≤万元, ≥XX户, ……: a template left unfilled
``target_text``        penalty: the target is a description, no measure
``mixed_unit``         penalty: two units in one value (1000篇、条)
``vague_value``        penalty: vague wording in target/actual (lexicon 1/2/4)
``compliance_value``   penalty: compliance boilerplate as a value (专款专用)
``time_unbounded``     penalty: a 时效 row with no date and no time limit
``time_year_only``     penalty: a 时效 row whose deadline is only a year/全年
``date_late``          penalty: the actual date is after the target date (or the
                       target year) and no reason is given
``support_missing``    penalty: a rate, 满意度 or benefit figure with no
                       formula, sample or baseline
``over_unexplained``   penalty: B ≥ 1.2·A on a 正向 row with no reason given
``dev_missing``        penalty: score < weight and no (or a generic) reason
``cost_total``         penalty: a 成本 row that is a total, not a unit cost
``direction_wrong``    penalty: a 成本 row written as a floor (≥)
``name_slogan``        penalty: the name is a slogan or a sentence
``name_work_item``     penalty: the name is a work item (做好…工作)
``input_as_output``    penalty: 资金投入/预算金额 posing as an output
``number_without_object`` penalty: a slogan name with a number (≥98% of what?)
=====================  ======================================================

A row marked 无 for its name and values is not an indicator (``is_na_row``);
the scorer gives it 0 when it still carries a weight or a score.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..understand.facts import INPUT_AS_OUTPUT as _INPUT  # one definition, shared with rule NC208
from ..understand.facts import indicator_kind
from ..understand.values import Value, normalize, parse_value

POSITIVE = ("target_number", "target_unit", "target_comparator", "unit_fits", "actual_measured",
            "actual_differs", "method", "graded_standard", "name_concrete")
PENALTIES = ("actual_copy", "actual_bound", "actual_tier", "actual_missing", "actual_unitless",
             "actual_imprecise", "approx_actual", "target_placeholder", "target_text", "mixed_unit", "vague_value",
             "compliance_value", "time_unbounded", "time_year_only", "date_late", "support_missing",
             "over_unexplained", "dev_missing", "cost_total", "direction_wrong", "name_slogan", "name_work_item",
             "input_as_output", "number_without_object")
FEATURES = POSITIVE + PENALTIES

NUMERIC_KINDS = ("number", "percent", "date", "range")


@dataclass
class IndicatorFields:
    """The texts of one indicator, as printed."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    direction: str = ""
    unit: str = ""
    target: str = ""
    actual: str = ""
    weight: str = ""
    score: str = ""
    deviation: str = ""
    row: object | None = None            # the IndicatorRow, when scoring a report
    flags: dict = field(default_factory=dict)    # component -> 1 from findings
    notes: list = field(default_factory=list)    # reasons taken from findings

    @classmethod
    def from_row(cls, row) -> "IndicatorFields":
        target = row.text("target_adjusted") if row.text("target_adjusted").strip() else row.text("target")
        return cls(level1=row.level1, level2=row.level2, name=row.name, direction=row.text("direction"),
                   unit=row.text("unit"), target=target, actual=row.text("actual"), weight=row.text("weight"),
                   score=row.text("score"), deviation=row.text("deviation"), row=row)

    @classmethod
    def from_item(cls, item: dict) -> "IndicatorFields":
        def s(k):
            v = item.get(k)
            if v is None:
                return ""
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            return str(v)

        return cls(**{k: s(k) for k in ("level1", "level2", "name", "direction", "unit", "target", "actual",
                                         "weight", "score", "deviation")})

    @property
    def label(self) -> str:
        return self.name.strip() or self.level2.strip()


# ---------------------------------------------------------------------------
# vocabulary

def _sq(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text or ""))


_COPY_DEL = re.compile(r"[\s，,。．.；;：:、！!？?（）()“”\"'《》【】\[\]了已均的]")


def _copy_norm(text: str) -> str:
    try:
        from ..nlp.similar import normalize_for_copy
    except ImportError:  # pragma: no cover - nlp.similar developed in parallel
        return _COPY_DEL.sub("", normalize(text or ""))
    return normalize_for_copy(text or "")


MONEY_UNITS = ("元", "万元", "亿元", "千元", "百万元")
TIME_UNITS = ("天", "日", "个工作日", "工作日", "个月", "月", "小时", "周", "年", "分钟", "季度")
NA_TEXT = {"", "/", "-", "—", "——", "－", "无", "不适用", "不涉及", "无此项", "暂无", "n/a", "N/A", "--", "\\"}

_MEASURABLE_NAME = re.compile(
    r"(率|数|量|次数|人次|数量|个数|时间|时限|期限|周期|时长|成本|费用|经费|金额|支出|单价|造价|满意度|面积|长度|里程|"
    r"比例|占比|规模|天数|期数|场次|户数|人数|件数|篇数|批次|增幅|降幅|增长|收入|产量|覆盖面|数额|额度|标准|"
    r"指数|分值|得分|评分|等级|排名|名次|效率)$")
_NAME_UNIT = re.compile(r"[（(][^（）()]{1,8}[)）]$")
_SLOGAN_START = re.compile(r"^(助力|助推|推动|推进|促进|围绕|全面|不断|持续|进一步|切实|大力|积极|确保|提升|提高|"
                           r"加强|增强|改善|优化|强化|营造|打造|坚持|深化|巩固|彰显|树立|实现)")
_WORK_ITEM = re.compile(r"^(做好|完成|开展|组织|落实|抓好|实施|召开|精心|深入|协办|办理|承办|推进|负责|参与|配合|做实|"
                        r"做细|搞好|按时|按期|及时)|工作$")
_METHOD = re.compile(r"问卷|调查|样本|抽查|抽检|抽样|测评|普查|监测|检测|核查|回访|访谈|第三方|统计|台账|数据来源|来源于|依据|"
                     r"口径|计算|公式|÷|／|\d\s*[\u4e00-\u9fff]{0,2}\s*/\s*\d|/(?=[\u4e00-\u9fff])|较上年|比上年|同比|环比|"
                     r"由[^，。；]{0,12}(提高|提升|增加|下降|降低|减少|缩短)(到|至)|基数|基准|分子|分母|占.{0,8}比例|"
                     r"《|〔|GB|验收报告|检测报告|评估报告|审计报告|名册|凭证|\d+\s*(份|户|人|家|个|次)[^，。；]{0,6}(达标|合格|满意|获|中)")
_TIER = re.compile(r"^(基本|部分|全部|全面|已|均|已经)?(达成|达到|完成|实现|未达成|未完成|未达到)?"
                   r"(年度|预期|既定|计划)?(指标|目标|任务|要求|效果)?$")
_VERDICT = re.compile(r"^(好|较好|良好|优|优秀|良|合格|达标|是|有|显著|明显|效果明显|效果显著|效果良好|成效显著|成效明显|"
                      r"提高|提升|增强|改善|稳定|正常|满意|较满意|基本满意|非常满意|达成|完成|已完成|全部完成|按时完成|"
                      r"按期完成|有效|有效提升|逐步提升|持续提升|进一步提升|不断提升|显著提升|明显提升|稳步提升|逐年提高|"
                      r"进一步提高|明显提高|显著提高|大幅提升)$")
_PLACEHOLDER = re.compile(r"XX|xx|××|\*{1,3}|…{1,}|\.{3,}|＊|Ｘ|某|请填写|根据.{0,10}填写|（\d+字以内）")


def _kind(f: IndicatorFields) -> str:
    """Indicator type (``understand.facts.indicator_kind``; ``other`` when no label or name decides)."""
    return indicator_kind(f) or "other"


def _num(text: str) -> float | None:
    v = parse_value(text or "")
    return v.number if v.kind in ("number", "percent") else None


def _is_na(text: str) -> bool:
    t = _sq(text)
    return t in NA_TEXT or parse_value(text or "").kind == "na"


def is_na_row(f: IndicatorFields) -> bool:
    """A row that says 无 (not applicable) for its name and values: not an indicator."""
    name_na = _is_na(f.name) or (not f.name.strip() and _is_na(f.level2))
    return name_na and _is_na(f.target) and _is_na(f.actual)


def _unit_of(v: Value, unit_col: str) -> str:
    if v.kind == "date":
        return "date"
    if v.unit:
        return v.unit
    u = _sq(unit_col)
    return "" if u in NA_TEXT else u


def _fits(kind: str, v: Value, unit: str, name: str) -> bool:
    if v.kind not in NUMERIC_KINDS or v.number is None and v.kind != "date":
        return False
    is_rate = bool(re.search(r"率|比例|占比|度$", name))
    if kind == "cost":
        return any(unit.startswith(m) or unit.endswith(m) or ("元" in unit) for m in MONEY_UNITS) or \
            (unit == "%" and is_rate)
    if kind == "time":
        return unit == "date" or unit in TIME_UNITS or any(unit.endswith(t) for t in TIME_UNITS) or \
            (unit == "%" and is_rate)
    if kind == "satisfaction":
        return unit in ("%", "分")
    if kind == "quantity":
        return bool(unit) and unit != "date" and (unit not in ("%", "‰") or is_rate)
    if kind == "quality":
        return bool(unit) and unit != "date"
    return bool(unit)


def _lexicon():
    from ..nlp.lexicon import Lexicon

    return Lexicon.load()


def _vague_hits(text: str) -> tuple[list, list]:
    """(vague hits, compliance hits) in clauses of ``text`` that have no measure."""
    if not text or not text.strip():
        return [], []
    lex = _lexicon()
    vague, comp = [], []
    for c in lex.vague_clauses(text, cell=True):
        if c.signals:
            continue
        for h in c.hits:
            (comp if h.group == "compliance" else vague).append(h)
    return vague, comp


def _has_measure(text: str) -> bool:
    from ..nlp.lexicon import MEASURE_KINDS, measurability

    return any(s.kind in MEASURE_KINDS and s.kind != "named_output" for s in measurability(text or ""))


def _signals(text: str):
    from ..nlp.lexicon import measurability

    return measurability(text or "")


def _generic_deviation(text: str) -> bool:
    t = _sq(text).rstrip("。.")
    if t in NA_TEXT or t in ("无偏差", "已完成", "完成", "无。", "未发现偏差", "不存在偏差"):
        return True
    if _has_measure(text):
        return False
    hits = [h for h in _lexicon().match(text, cell=True) if h.group == "deviation"]
    return bool(hits) and len(t) <= 20


# degree words that also qualify nouns in a name (较大及以上安全事故, 有效投诉)
_NOUN_DEGREE = {"较大", "重大", "有效", "良好", "较好", "显著", "明显", "高效", "大幅", "有序", "深入"}


def _is_slogan_name(name: str) -> bool:
    t = _sq(name)
    if not t:
        return False
    if "，" in t or "," in t or "。" in t or len(t) > 18:
        # a list of work items (办理文件、接收公文，撰写报告) is a work item, not a slogan
        return not (len(t) <= 18 and _WORK_ITEM.search(t) and not _SLOGAN_START.match(t))
    hits = [h for h in _lexicon().match(name) if h.group in ("degree", "effect", "verb_object", "slogan")
            and h.phrase not in _NOUN_DEGREE]
    if hits and not _MEASURABLE_NAME.search(_NAME_UNIT.sub("", t)):
        return True
    return bool(_SLOGAN_START.match(t)) and not _MEASURABLE_NAME.search(_NAME_UNIT.sub("", t))


# ---------------------------------------------------------------------------

@dataclass
class Components:
    values: dict[str, float]
    kind: str
    context: dict          # hits and texts used by the reasons

    def vector(self, names=FEATURES) -> list[float]:
        return [float(self.values.get(n, 0.0)) for n in names]


def components(f: IndicatorFields) -> Components:
    """Component values (0/1) of one indicator from its texts (see module doc)."""
    kind = _kind(f)
    name = _sq(f.name) or _sq(f.level2)
    tv = parse_value(f.target)
    av = parse_value(f.actual)
    t_sq, a_sq = _sq(f.target), _sq(f.actual)
    ctx: dict = {"kind": kind}
    c = dict.fromkeys(FEATURES, 0.0)

    # --- target --------------------------------------------------------------
    t_numeric = tv.kind in NUMERIC_KINDS and (tv.number is not None or tv.kind == "date")
    long_target = len(t_sq) > 20
    if long_target and t_numeric:
        # a work description that happens to contain a number: quantified only if measured
        t_numeric = _has_measure(f.target)
    c["target_number"] = float(t_numeric)
    t_unit = _unit_of(tv, f.unit) if t_numeric else ""
    c["target_unit"] = float(bool(t_unit))
    direction = _sq(f.direction)
    has_cmp = bool(tv.comparator) or direction in ("≥", "≤", "=", ">", "<", "正向", "反向", "≥=", "<=", ">=") or \
        bool(re.match(r"^(不低于|不少于|不高于|不超过|大于|小于|等于)", direction))
    c["target_comparator"] = float(has_cmp and (t_numeric or tv.kind == "text" and bool(tv.unit)))
    c["unit_fits"] = float(t_numeric and _fits(kind, tv, t_unit, name))
    placeholder = (not t_numeric and tv.kind == "text" and (bool(tv.comparator) or bool(tv.unit))
                   and len(t_sq) <= 8) or bool(_PLACEHOLDER.search(f.target or ""))
    c["target_placeholder"] = float(placeholder)
    t_empty = tv.kind == "empty" or (tv.kind == "na")
    c["target_text"] = float(not t_numeric and not placeholder and not t_empty)
    ctx["target_empty"] = t_empty

    # --- actual --------------------------------------------------------------
    a_empty = av.kind in ("empty", "na")
    copy = bool(t_sq) and not a_empty and (
        _copy_norm(f.target) == _copy_norm(f.actual)
        or (len(_copy_norm(f.target)) >= 6 and _copy_norm(f.target) in _copy_norm(f.actual)
            and not _has_measure(f.actual.replace(f.target.strip(), "")))
    )
    # "100%" for "100%", "12次" for "12次": equal numbers without a bound are a measurement
    if copy and av.kind in ("number", "percent") and not av.comparator and len(a_sq) <= 12:
        copy = False
        ctx["equal_number"] = True
    a_numeric = av.kind in NUMERIC_KINDS and (av.number is not None or av.kind == "date")
    if a_numeric and len(a_sq) > 20:
        a_numeric = _has_measure(f.actual)
    bound = a_numeric and bool(av.comparator)
    measured = a_numeric and not bound and not copy
    tn = tv.number if t_numeric else None
    if not a_numeric and tn == 0 and re.fullmatch(r"(未发生|没有发生|无|零|未出现|没有)[^\d]{0,6}", a_sq):
        measured = True               # "=0起" / "未发生": a zero count is a measurement
    c["actual_copy"] = float(copy)
    c["actual_bound"] = float(bound and not copy)
    c["actual_measured"] = float(measured)
    c["approx_actual"] = float(not a_empty and (av.approx or bool(re.search(r"预计|将于|将在|拟|力争|计划|有望", f.actual))))
    if measured and tn is not None and av.number is not None:
        c["actual_differs"] = float(abs(av.number - tn) > 1e-9 or bool(av.unit and tv.unit and av.unit != tv.unit))
    elif measured and av.kind == "date" and tv.kind == "date":
        c["actual_differs"] = float(av.date != tv.date)
    short_text = not a_numeric and not a_empty and not measured and len(a_sq) <= 12
    tier = short_text and (len(a_sq) <= 6 or bool(_TIER.match(a_sq.rstrip("。."))) or bool(_VERDICT.match(a_sq.rstrip("。."))) or
                           bool([h for h in _lexicon().match(f.actual, cell=True) if h.group in ("effect", "degree")]))
    tier = tier or (not a_numeric and not measured and bool(re.search(
        r"达成年度指标|达成预期|达到预期|部分达成|未达成|基本达成|达到年度", a_sq)))
    c["actual_tier"] = float(tier and not copy)
    c["actual_missing"] = float(a_empty and not t_empty)

    # --- wording -------------------------------------------------------------
    vt, ct = _vague_hits(f.target)
    va, ca = _vague_hits(f.actual)
    ctx["vague_hits"] = [h.phrase for h in vt + va]
    ctx["compliance_hits"] = [h.phrase for h in ct + ca]
    c["vague_value"] = float(bool(vt or va))
    c["compliance_value"] = float(bool(ct or ca))

    # --- type-specific -------------------------------------------------------
    t_norm = normalize(f.target or "")
    if kind == "time":
        year_only = (tv.kind == "date" and tv.date is not None and tv.date[1] is None) or \
            bool(re.fullmatch(r"(\d{4}年度?)?(全年|年度内|年内|本年度|当年|年底前?|年末)", t_sq))
        dated = tv.kind == "date" or av.kind == "date" or (t_numeric and _fits("time", tv, t_unit, name)) or \
            bool(re.search(r"\d{4}\s*[年、./-]\s*\d{1,2}|\d+\s*(个)?(工作日|天|日|小时|个月)", t_norm))
        c["time_year_only"] = float(year_only)
        c["time_unbounded"] = float(not dated and not year_only)
    text_all = " ".join((f.name, f.target, f.actual, f.deviation))
    c["method"] = float(bool(_METHOD.search(normalize(text_all))) or any(
        s.kind in ("sample", "baseline") for s in _signals(text_all)))
    c["graded_standard"] = float("达成" in t_sq and bool(re.search(r"部分达成|未达成|基本达成", t_sq)) or "分档" in t_sq)
    if kind == "time" and measured:
        imprecise = (av.kind == "date" and tv.kind == "date" and av.date and tv.date and av.date[1] is None
                     and tv.date[1] is not None)
        serial = av.kind == "number" and not av.unit and av.number is not None and 40000 <= av.number <= 50000
        c["actual_imprecise"] = float(bool(imprecise or serial))
        ctx["excel_serial"] = bool(serial)
    late = False
    if av.kind == "date" and av.date and av.date[0] and tv.kind == "date" and tv.date and tv.date[0]:
        def key(d):
            return (d[0], d[1] or 12, d[2] or 31)
        late = key(av.date) > key(tv.date) if tv.date[1] else av.date[0] > tv.date[0]
    is_rate = bool(re.search(r"(率|比例|占比|满意度|指数)$", _NAME_UNIT.sub("", name))) or \
        (tv.unit == "%" and kind in ("quality", "benefit"))
    needs_support = kind == "satisfaction" or is_rate
    # support is asked of a measurement; a copied or missing actual is penalised as such
    c["support_missing"] = float(needs_support and not c["method"] and measured)
    c["mixed_unit"] = float(bool(re.search(r"\d\s*[\u4e00-\u9fff]{1,2}[、/和或][\u4e00-\u9fff]{1,2}\s*$", t_norm))
                            and "/" not in (tv.unit or ""))
    if kind == "cost" and t_numeric:
        per_unit = "/" in (tv.unit or "") or bool(re.search(r"单价|单位|每|户均|人均|平均|均价|标准", name))
        c["cost_total"] = float(not per_unit and "元" in t_unit)
        c["direction_wrong"] = float(tv.comparator in ("≥", ">"))

    # --- deviation -------------------------------------------------------------
    w, s = _num(f.weight), _num(f.score)
    generic_dev = _generic_deviation(f.deviation)
    c["date_late"] = float(late and generic_dev)
    if w is not None and s is not None and s < w - 0.01:
        c["dev_missing"] = float(generic_dev)
    if measured and tn and tn > 0 and av.number is not None and av.kind == tv.kind and \
            tv.comparator not in ("≤", "<") and kind != "cost" and av.number >= 1.2 * tn and av.unit == tv.unit:
        c["over_unexplained"] = float(generic_dev)
    if measured and av.kind == "number" and not av.unit and tv.unit and not _sq(f.unit):
        c["actual_unitless"] = 1.0
    if measured and re.search(r"预计|将于|拟|力争|计划", f.actual or ""):
        c["approx_actual"] = 1.0

    # --- name --------------------------------------------------------------------
    bare = _NAME_UNIT.sub("", name)
    slogan = _is_slogan_name(f.name or f.level2)
    c["name_slogan"] = float(slogan)
    c["name_work_item"] = float(not slogan and bool(_WORK_ITEM.search(bare)) and not _MEASURABLE_NAME.search(bare))
    c["input_as_output"] = float(bool(_INPUT.search(bare)) and kind != "cost" and "执行" not in bare)
    c["number_without_object"] = float(slogan and t_numeric)
    c["name_concrete"] = float(bool(_sq(f.name)) and not _is_na(f.name) and not slogan and not c["name_work_item"]
                               and not c["input_as_output"])

    # --- flags raised by findings on the row ---------------------------------------
    for k, v in f.flags.items():
        if k in c and v:
            c[k] = 1.0
    if c["actual_copy"] or c["actual_bound"] or c["actual_tier"]:
        c["actual_measured"] = 0.0
        c["actual_differs"] = 0.0
    ctx["t_unit"] = t_unit
    ctx["target_value"] = tv
    ctx["actual_value"] = av
    return Components(values=c, kind=kind, context=ctx)


# ---------------------------------------------------------------------------
# reasons

KIND_NAMES = {"cost": "成本", "time": "时效", "satisfaction": "满意度", "quantity": "数量", "quality": "质量"}


def reason_for(name: str, comp: Components, f: IndicatorFields) -> str | None:
    """The Chinese reason for a component that costs points (None: not applicable)."""
    c, ctx, kind = comp.values, comp.context, comp.kind
    if name == "target_number":
        if ctx.get("target_empty"):
            return "未填写年度指标值"
        if c["target_placeholder"]:
            return None            # said by target_placeholder
        return "指标值没有量化，缺少数量/时间/对象/标准"
    if name == "target_unit":
        return "指标值缺少计量单位" if c["target_number"] else None
    if name == "target_comparator":
        return "指标值缺少比较符（≥、≤、=）" if c["target_number"] else None
    if name == "unit_fits":
        if not c["target_number"]:
            return None
        if kind == "cost":
            return "成本指标应以元或万元计量"
        if kind == "time":
            return None if c["time_unbounded"] else "时效指标应写明日期或时限"
        if kind == "satisfaction":
            return "满意度指标应以百分比表示"
        if kind == "quantity":
            return "数量指标应写明数量单位（个、次、人、户…）"
        return "计量单位与指标类型不符" if c["target_unit"] else None
    if name == "actual_measured":
        if c["actual_copy"] or c["actual_bound"] or c["actual_tier"] or c["actual_missing"]:
            return None
        return "实际完成值没有实测数字"
    if name == "actual_differs":
        return None
    if name == "method":
        return None                # said by support_missing where the type needs it
    if name == "support_missing":
        if kind == "satisfaction":
            return "满意度未说明调查方法和样本量（问卷份数）"
        if kind == "benefit":
            return "效益指标未说明基数或数据来源"
        return "比率未说明计算口径（分子÷分母）或数据来源"
    if name == "actual_unitless":
        return "实际完成值有数字但没有单位"
    if name == "actual_imprecise":
        if ctx.get("excel_serial"):
            return "实际完成值是 Excel 日期序号，应写成日期"
        return "实际完成日期不如目标具体（只有年份）"
    if name == "date_late":
        return "实际完成日期晚于目标日期，未说明原因"
    if name == "graded_standard":
        return None
    if name == "mixed_unit":
        return "一个值混用了两种单位（如“篇、条”）"
    if name == "time_year_only":
        return "时效指标只写了年份或“全年”，没有具体日期"
    if name == "over_unexplained":
        return "实际值超过目标 20% 以上，未说明原因（目标是否偏低）"
    if name == "cost_total":
        return "成本指标只是总额不超预算，不是单位成本"
    if name == "direction_wrong":
        return "成本指标应为上限（≤），不应写成 ≥"
    if name == "name_concrete":
        if c["name_slogan"] or c["name_work_item"] or c["input_as_output"]:
            return None
        return "缺少三级指标名称" if not _sq(f.name) or _is_na(f.name) else None
    if name == "actual_copy":
        return "实际完成值照抄指标值"
    if name == "actual_bound":
        return "实际完成值写成界限（如“≥95%”），不是实测值"
    if name == "actual_tier":
        return f"实际完成值只是评价用语（“{f.actual.strip()[:12]}”），没有测量结果"
    if name == "actual_missing":
        return "未填写实际完成值"
    if name == "target_placeholder":
        return f"指标值是未填完的模板（“{f.target.strip()[:12]}”），没有数字"
    if name == "target_text":
        return "指标值是工作描述，不是可衡量的目标值"
    if name == "vague_value":
        hits = ctx.get("vague_hits") or []
        return f"用语空泛（如“{hits[0]}”），没有可核验的数量" if hits else "用语空泛，没有可核验的数量"
    if name == "compliance_value":
        hits = ctx.get("compliance_hits") or []
        return f"以合规套话代替绩效（如“{hits[0]}”）" if hits else "以合规套话代替绩效"
    if name == "time_unbounded":
        return "时效指标没有日期或时限"
    if name == "dev_missing":
        return "得分低于分值，但未说明偏差原因"
    if name == "number_without_object":
        return "名称是口号，数值没有衡量对象（这个数值衡量的是什么？）"
    if name == "name_slogan":
        if c.get("number_without_object"):
            return None
        return "指标名称是口号或句子，不是可衡量的对象"
    if name == "name_work_item":
        return "指标名称是工作事项，不是衡量结果的指标"
    if name == "input_as_output":
        return "把资金投入当作产出或效益指标"
    if name == "approx_actual":
        return "实际完成值是约数或预计数（约、左右、余、预计）"
    return None


# ---------------------------------------------------------------------------
# findings → flags

_RULE_FLAGS = {"NC103": "actual_bound", "NC104": "actual_tier", "NC180": "target_placeholder"}
_NAME_FLAGS = (("input", "input_as_output"), ("time", "time_unbounded"), ("compliance", "compliance_value"),
               ("placeholder", "target_placeholder"), ("tier", "actual_tier"), ("bound", "actual_bound"),
               ("estimate", "approx_actual"), ("no-base", "support_missing"))


def _field_of(row, fd) -> str:
    """The row field a finding points at (by column), or ""."""
    col = fd.location.col
    if row is None or col is None:
        return ""
    for name, fv in getattr(row, "fields", {}).items():
        if fv.col == col or (fv.cell is not None and fv.cell.col <= col <= fv.cell.last_col):
            return name
    return ""


def flags_from_findings(findings, row=None) -> tuple[dict, list[str]]:
    """Flags and extra reasons from the findings located on one row.

    copied findings mark the actual as a copy (NC103 a bound, NC104 a tier
    phrase); template findings on a target cell mark a placeholder; vague and
    unsupported findings mark the value vague, or the name a slogan when they
    point at the name; a finding whose name says what it is (input-as-output,
    time-unbounded, deviation-missing, over-achievement, …) sets that
    component.  A finding that sets a component says nothing more (the
    component's reason covers it); the others (row-score, future-year, …) add
    their message as a reason."""
    flags: dict = {}
    notes: list[str] = []
    for fd in findings:
        fld = _field_of(row, fd)
        fname = fd.name or ""
        named = next((flag for key, flag in _NAME_FLAGS if key in fname), None)
        if fd.rule in _RULE_FLAGS:
            flags[_RULE_FLAGS[fd.rule]] = 1
        elif fd.category == "copied":
            flags["actual_copy"] = 1
        elif named and fd.category in ("vague", "unsupported", "template"):
            flags[named] = 1
        elif fd.category in ("vague", "unsupported"):
            if fld == "name":
                flags["name_slogan"] = 1
            elif fld in ("deviation", "measure"):
                flags["dev_missing"] = 1   # a generic reason where points were lost (NC207)
            else:
                flags["vague_value"] = 1
        elif fd.category == "scoring" and "deviation" in fname and "missing" in fname:
            flags["dev_missing"] = 1
        elif fd.category == "scoring" and "over-achiev" in fname:
            flags["over_unexplained"] = 1
        elif fd.category == "scoring" and "na-scored" in fname:
            pass                           # rows marked 无 are scored by their own rule
        elif fd.category == "template" and fld in ("target", "target_adjusted"):
            flags["target_placeholder"] = 1
        else:
            notes.append(fd.message)
    return flags, notes
