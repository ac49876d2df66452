"""Specificity of indicators and reports (issue 6).

``score_report(report, findings) -> (report_score, indicator_scores)``

**Indicator specificity** (0–100): the components of ``score/components.py``
weighted by ``score/model.py`` (calibrated weights from models/specificity.json,
documented defaults otherwise).  Each item of ``indicator_scores`` is
``{"_row": IndicatorRow, "specificity": int | None, "reasons": [中文…],
"components": {…}}``; reasons are ordered by the points they cost, the first is
the main one.  Empty template rows get ``None``; rows marked 无 see below.

**Report specificity** (0–100), documented formula (not fitted):

* ``indicators``: indicator specificity averaged with the rows' 分值 as weights
  (rows without a weight count with the mean weight).  A row marked 无 for its
  name and values is not an indicator: specificity ``None``, or 0 when it still
  carries a weight or a score (it then counts as 0 in the mean).
* ``narrative``: share (×100) of the claim sentences of the results sections
  (绩效情况/目标完成/产出/效益/成效 …; the whole narrative when none is found)
  that carry a measurability signal (lexicon: number with unit, comparator,
  date, baseline, sample, rank).  A claim sentence is a sentence of ≥ 12
  characters outside the forms that is not a heading or a topic label (一是…)
  and states a result (``is_claim``: a measure, a vague-lexicon hit or a
  result verb).  On the labelled sentences of corpora/labels/vague.jsonl the
  measurability signal separates 'specific' from 'vague' claims (see
  ``narrative_check`` in models/specificity.json).
* base = 0.7 × indicators + 0.3 × narrative.  With fewer than 3 claim
  sentences, base = indicators; with no indicator rows (no form found, or only
  empty template rows), base = 0.7 × narrative: a report without indicators
  cannot show what was measured.
* penalties: copied share (rows whose actual is a copy, a bound or a tier
  phrase, ÷ filled rows) × 15; duplicated share (sentences in ``duplicate``
  findings ÷ sentences) × 10; consistency (``mismatch``/``arithmetic``/
  ``scoring``/``timeline`` findings: 3 per error, 1 per warning, 0.25 per
  info, at most 15).
* specificity = clamp(round(base − penalties), 0, 100).

**Grade bands** (narrcheck's own scale; never the 10号 优/良/中/差 of the self-score):

====== ==============
具体    80–100
较具体  60–<80
一般    40–<60
空泛    <40
====== ==============

The report score also carries ``summary`` (short Chinese text naming the main
weaknesses) and its parts.
"""
from __future__ import annotations

import re

from .components import FEATURES, IndicatorFields, components, flags_from_findings, is_na_row, reason_for
from .model import SpecificityModel, load_model

__all__ = ["score_report", "score_indicator", "score_fields", "grade", "BANDS", "FEATURES"]

BANDS = ((80.0, "具体"), (60.0, "较具体"), (40.0, "一般"), (0.0, "空泛"))
IND_SHARE, NARR_SHARE = 0.7, 0.3
NO_INDICATORS_FACTOR = 0.7
COPY_PENALTY, DUP_PENALTY = 15.0, 10.0
CONSISTENCY = {"error": 3.0, "warning": 1.0, "info": 0.25}
CONSISTENCY_CAP = 15.0
CONSISTENCY_CATEGORIES = ("mismatch", "arithmetic", "scoring", "timeline")

RESULT_SECTION = re.compile(r"绩效情况|绩效自评情况|目标完成|完成情况|履职|产出|效益|成效|效果|实施情况|自评结果|绩效分析|评价结论")
NON_RESULT_SECTION = re.compile(r"基本情况|基本概况|单位概况|部门概况|机构|人员|职能|职责|问题|改进措施|下一步|结果应用|公开情况|"
                                r"其他需要说明")


def grade(specificity: float | None) -> str | None:
    if specificity is None:
        return None
    for lo, name in BANDS:
        if specificity >= lo:
            return name
    return BANDS[-1][1]


def score_fields(f: IndicatorFields, model: SpecificityModel | None = None) -> dict:
    """Specificity, reasons and components of one indicator given by its texts."""
    model = model or load_model()
    comp = components(f)
    sc = model.score(comp.values)
    lost: dict[str, float] = {}
    for name, pts in model.loss(comp.values).items():
        owner = _owner(name, comp.values)
        r = reason_for(owner, comp, f)
        if r:
            lost[r] = lost.get(r, 0.0) + pts
    reasons = [r for r, _p in sorted(lost.items(), key=lambda kv: -kv[1])]
    for note in f.notes:
        if note and note not in reasons:
            reasons.append(note)
    return {"specificity": sc, "reasons": reasons, "components": dict(comp.values), "kind": comp.kind}


# a missing positive is explained by the penalty that caused it
_OWNERS = {
    "actual_measured": ("actual_copy", "actual_bound", "actual_tier", "actual_missing"),
    "actual_differs": ("actual_copy", "actual_bound", "actual_tier", "actual_missing"),
    "target_number": ("target_placeholder",),
    "target_unit": ("target_placeholder",),
    "target_comparator": ("target_placeholder",),
    "unit_fits": ("target_placeholder", "time_unbounded"),
    "name_concrete": ("name_slogan", "name_work_item", "input_as_output"),
}


def _owner(name: str, values: dict) -> str:
    for o in _OWNERS.get(name, ()):
        if values.get(o):
            return o
    return name


def score_indicator(row, findings=(), model: SpecificityModel | None = None) -> dict:
    """Score one IndicatorRow; ``findings`` are those located on the row."""
    f = IndicatorFields.from_row(row)
    if getattr(row, "empty", False):
        return {"_row": row, "specificity": None, "reasons": ["空白模板行，未填写"], "components": {}}
    if is_na_row(f):
        carries = _number(f.weight) or _number(f.score)
        if carries:
            return {"_row": row, "specificity": 0, "reasons": ["标为“无”的指标仍有分值或得分"], "components": {},
                    "na": True}
        return {"_row": row, "specificity": None, "reasons": ["指标填“无”，不适用"], "components": {}, "na": True}
    f.flags, f.notes = flags_from_findings(findings, row)
    out = score_fields(f, model)
    out["_row"] = row
    return out


def _number(text: str) -> float | None:
    from ..understand.values import parse_value

    v = parse_value(text or "")
    return v.number if v.kind in ("number", "percent") and v.number else None


def _row_key(loc) -> tuple:
    return (loc.table, loc.row)


def _findings_by_row(report, findings) -> dict:
    keys = {(r.table, r.row) for r in report.indicators}
    out: dict = {}
    for fd in findings:
        k = _row_key(fd.location)
        if k in keys:
            out.setdefault(k, []).append(fd)
        for loc in getattr(fd, "related", []) or []:
            k2 = _row_key(loc)
            if k2 in keys and k2 != k and fd.category == "copied":
                out.setdefault(k2, []).append(fd)
    return out


# ---------------------------------------------------------------------------
# narrative

MIN_CLAIM_CHARS = 12
TOPIC_LABEL = re.compile(r"^[一二三四五六七八九十]是[^，,；;]{0,14}[。：:]?$")


RESULT_VERB = re.compile(r"完成|实现|达到|达成|提高|提升|增强|改善|增长|下降|减少|降低|办理|办结|开展|组织|举办|召开|接待|"
                         r"起草|撰写|印发|编制|建成|新建|推进|落实|保障|确保|取得|获得|得到|发挥|促进|推动|助力|执行")


def is_claim(text: str) -> bool:
    """A sentence that states a result: it has a measure, a vague-lexicon hit
    (an unmeasured claim) or a result verb (完成, 提高, 办理, 开展 …)."""
    from ..nlp.lexicon import MEASURE_KINDS, Lexicon, measurability

    if any(s.kind in MEASURE_KINDS for s in measurability(text)):
        return True
    lex = Lexicon.load()
    if any(h.group in lex.vague_groups for h in lex.match(text)):
        return True
    return bool(RESULT_VERB.search(text))


def _is_heading(text: str) -> bool:
    from ..understand.sections import heading_style

    return heading_style(text) is not None


def claim_sentences(report) -> list:
    """Sentence chunks of the results sections that make a claim (see module doc)."""
    sents = [c for c in report.chunks if c.kind == "sentence" and c.field in ("", "goal_actual")]
    sents = [c for c in sents if len(re.sub(r"\s+", "", c.text)) >= MIN_CLAIM_CHARS and not _is_heading(c.text)
             and not TOPIC_LABEL.match(c.text.strip()) and is_claim(c.text)]

    def in_results(c) -> bool:
        path = c.section or ""
        last = path.split(" > ")[-1] if path else ""
        if NON_RESULT_SECTION.search(last):
            return False
        if RESULT_SECTION.search(last):
            return True
        return bool(RESULT_SECTION.search(path)) and not NON_RESULT_SECTION.search(path)

    results = [c for c in sents if in_results(c)]
    return results if len(results) >= 3 else [c for c in sents if not NON_RESULT_SECTION.search(c.section or "")]


def narrative_specificity(report) -> tuple[float | None, int, int]:
    """(share ×100, numeric claims, claims); share None with fewer than 3 claims."""
    from ..nlp.lexicon import MEASURE_KINDS, measurability

    claims = claim_sentences(report)
    numeric = sum(1 for c in claims if any(s.kind in MEASURE_KINDS for s in measurability(c.text)))
    if len(claims) < 3:
        return None, numeric, len(claims)
    return 100.0 * numeric / len(claims), numeric, len(claims)


# ---------------------------------------------------------------------------

def score_report(report, findings, model: SpecificityModel | None = None) -> tuple[dict, list[dict]]:
    """(report score, per-indicator scores) of one report; see module doc."""
    model = model or load_model()
    by_row = _findings_by_row(report, findings)
    items = [score_indicator(r, by_row.get((r.table, r.row), []), model) for r in report.indicators]

    # --- indicators, weighted by 分值 ----------------------------------------------
    scored = []
    for it in items:
        row = it["_row"]
        if it["specificity"] is None:
            continue
        w = row.weight.number if row.weight.kind in ("number", "percent") else None
        scored.append((it["specificity"] or 0, w if w and w > 0 else None))
    ind = None
    if scored:
        ws = [w for _s, w in scored if w]
        mean_w = sum(ws) / len(ws) if ws else 1.0
        tw = sum(w or mean_w for _s, w in scored)
        ind = sum(s * (w or mean_w) for s, w in scored) / tw

    # --- narrative -----------------------------------------------------------------
    narr, n_numeric, n_claims = narrative_specificity(report)

    # --- copied and duplicated share -------------------------------------------------
    filled = [it for it in items if it["specificity"] is not None and not it.get("na")]
    copied_rows = [it for it in filled if any(it["components"].get(k) for k in ("actual_copy", "actual_bound",
                                                                                 "actual_tier"))]
    copied_share = len(copied_rows) / len(filled) if filled else 0.0
    sentences = [c for c in report.chunks if c.kind == "sentence"]
    dup_keys = set()
    for fd in findings:
        if fd.category == "duplicate":
            for loc in [fd.location] + list(getattr(fd, "related", []) or []):
                dup_keys.add((loc.block, loc.paragraph, loc.row, loc.col, loc.start))
    dup_share = min(1.0, len(dup_keys) / len(sentences)) if sentences else 0.0

    # --- consistency ----------------------------------------------------------------
    cons = [fd for fd in findings if fd.category in CONSISTENCY_CATEGORIES]
    cons_pen = min(CONSISTENCY_CAP, sum(CONSISTENCY.get(fd.severity, 0.0) for fd in cons))

    # --- combine ----------------------------------------------------------------------
    if ind is not None and narr is not None:
        base = IND_SHARE * ind + NARR_SHARE * narr
    elif ind is not None:
        base = ind
    elif narr is not None:
        base = NO_INDICATORS_FACTOR * narr
    else:
        base = 0.0
    penalty = COPY_PENALTY * copied_share + DUP_PENALTY * dup_share + cons_pen
    spec = int(round(min(100.0, max(0.0, base - penalty))))
    out = {
        "specificity": spec,
        "grade": grade(spec),
        "indicators": None if ind is None else round(ind, 1),
        "narrative": None if narr is None else round(narr, 1),
        "claims": n_claims,
        "numeric_claims": n_numeric,
        "indicator_count": len(filled),
        "copied_share": round(copied_share, 3),
        "duplicated_share": round(dup_share, 3),
        "consistency_findings": len(cons),
        "penalty": round(penalty, 1),
        "summary": _summary(items, filled, copied_rows, narr, n_numeric, n_claims, dup_share, cons),
        "model": "calibrated" if model.source != "default" else "default",
    }
    return out, items


def _summary(items, filled, copied_rows, narr, n_numeric, n_claims, dup_share, cons) -> str:
    parts: list[tuple[float, str]] = []
    n = len(filled)
    if n:
        counts: dict[str, int] = {}
        for it in filled:
            for r in it["reasons"][:2]:
                counts[r] = counts.get(r, 0) + 1
        if copied_rows:
            parts.append((len(copied_rows) / n + 0.5,
                          f"{n} 个指标中 {len(copied_rows)} 个实际完成值照抄指标值、写成界限或只写评价用语"))
        quant = sum(1 for it in filled if it["components"].get("target_number"))
        if quant < n:
            parts.append(((n - quant) / n + 0.3, f"{n - quant} 个指标的指标值没有量化"))
        vague = sum(1 for it in filled if it["components"].get("vague_value") or it["components"].get(
            "compliance_value"))
        if vague:
            parts.append((vague / n + 0.2, f"{vague} 个指标用“效果明显”“专款专用”等空泛或合规套话填写"))
        slogan = sum(1 for it in filled if it["components"].get("name_slogan") or it["components"].get(
            "name_work_item"))
        if slogan:
            parts.append((slogan / n, f"{slogan} 个指标名称是口号或工作事项"))
        dev = sum(1 for it in filled if it["components"].get("dev_missing"))
        if dev:
            parts.append((dev / n, f"{dev} 个扣分指标未说明偏差原因"))
        na = sum(1 for it in items if it.get("na") and it["specificity"] is not None)
        if na:
            parts.append((0.4, f"{na} 个标为“无”的指标仍计分"))
    else:
        parts.append((1.0, "没有识别到绩效指标表"))
    if narr is not None and narr < 60:
        parts.append(((100 - narr) / 100, f"成效叙述中只有 {n_numeric}/{n_claims} 句有数字支撑"))
    if dup_share >= 0.05:
        parts.append((dup_share, f"重复段落约占 {dup_share:.0%}"))
    if cons:
        parts.append((min(0.9, 0.3 + 0.05 * len(cons)), f"{len(cons)} 处数字不一致或评分错误"))
    parts.sort(key=lambda p: -p[0])
    if not parts:
        return "指标量化、实测值和叙述数据较完整。"
    return "主要问题：" + "；".join(p for _w, p in parts[:3]) + "。"
