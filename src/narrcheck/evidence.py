"""How a finding's evidence reads for a person: Chinese labels, order and formatting.

Every rule declares the evidence keys it emits in its ``@rule(..., evidence={...})``
metadata, in the order a reader should see them::

    evidence={"indicator": "指标", "target": "指标值", "table_range": ("表中数值范围", "range"),
              "phrases": ("空泛词", "phrases"), "role": None}

A value is a label, a ``(label, format)`` pair, or ``None`` for a key that is
machine detail only (offsets, regular expressions, model internals): the JSON
keeps it, people do not see it.  ``tests/test_evidence_labels.py`` fails when a
finding on the corpora carries a key its rule does not declare.

``evidence_items(rule, evidence)`` is the one formatter every renderer uses
(text, HTML, Word comments, xlsx): ``[(label, text)]``.  Keys a rule does not
declare fall back to ``COMMON`` (so a finding built by hand still reads in
Chinese), then to the key itself.
"""
from __future__ import annotations

import json
import re

# the shared vocabulary: fallback labels (and formats) for keys a rule does not declare
COMMON: dict[str, str | tuple[str, str] | None] = {
    "indicator": "指标", "target": "指标值", "target_adjusted": "调整后指标值", "actual": "实际完成值",
    "similarity": ("相似度", "prob"), "kind": ("类型", "kind"), "row": "行", "column": "栏目",
    "form": "表单", "total": "合计", "sum": "各项之和", "parts": ("分项", "list"), "expected": "应为",
    "found": "实为", "formula": "算式", "weight": "分值", "score": "得分", "deviation": "偏差原因",
    "year": "年份", "report_year": "报告年度", "text": "原文", "value": "填写内容", "phrase": "词语",
    "phrases": ("空泛词", "phrases"), "rate": "比率", "budget": "预算数", "executed": "执行数",
    "passage": "段落", "placeholder": "占位符", "field": ("栏目", "field"), "difference": "相差",
    "context": "上下文", "sentence": "原句", "clause": "原句", "count": "出现次数", "level1": "一级指标",
    "level2": "二级指标", "model_p": ("空泛概率", "prob"), "threshold": "阈值",
    "text_value": "文中数值", "table_value": "表中数值", "text_range": ("文中数值范围", "range"),
    "table_range": ("表中数值范围", "range"), "table_location": "表中位置", "other_report": "另一份报告",
    "places": ("出现位置", "places"), "rows": ("行", "rows"),
    "start": None, "end": None, "role": None, "source": None, "searched": None, "sentence_measured": None,
}

# enum values the checks use, as a reader says them
VALUE_ZH = {
    "kind": {"text": "文字", "number": "数值", "date": "日期", "exact": "逐字相同", "near": "近似",
             "paraphrase": "换说法", "pasted": "整段粘贴", "contained": "包含（一段含在另一段中）",
             "bound": "界限值", "paid": "资金拨付", "done": "完成情况", "approx": "约数", "future": "将来时",
             "estimate": "预计", "quantity": "数量指标", "quality": "质量指标", "time": "时效指标",
             "cost": "成本指标", "benefit": "效益指标", "satisfaction": "满意度指标", "output": "产出指标",
             "effect": "效益指标", "other": "其他"},
    "field": {"target": "年度指标值", "target_adjusted": "调整后指标值", "actual": "实际完成值",
              "deviation": "偏差原因", "name": "指标名称", "goal_target": "年度总体目标（预期目标）",
              "goal_actual": "年度总体目标（实际完成情况）", "measure": "改进措施", "weight": "分值",
              "score": "得分", "basic": "基本支出", "personnel": "人员经费", "public": "公用经费",
              "project": "项目支出", "total": "合计"},
    "check": {"funds": "资金表", "base": "基础数据表", "indicator": "指标表", "narrative": "叙述"},
}
FORMATS = ("text", "list", "range", "phrases", "places", "top", "bool", "percent", "prob", "rows", "kind",
           "field", "check", "lost", "json")


def _num(x: str) -> tuple[float, str] | None:
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(%|万元|元|人|个|次)?\s*", str(x))
    return (float(m.group(1)), m.group(2) or "") if m else None


def _g(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".")


def fmt_range(v) -> str:
    """``[145.285, 145.295]`` → ``145.29 ± 0.005``; anything else as it is."""
    if isinstance(v, (list, tuple)) and len(v) == 2:
        lo, hi = _num(v[0]), _num(v[1])
    else:
        m = re.fullmatch(r"\s*\[\s*([^,\]]+)\s*,\s*([^\]]+?)\s*\]\s*", str(v))
        if not m:
            return str(v)
        lo, hi = _num(m.group(1)), _num(m.group(2))
    if lo is None or hi is None:
        return str(v)
    (a, ua), (b, ub) = lo, hi
    unit = ua or ub
    mid, half = (a + b) / 2, (b - a) / 2
    digits = max(len(_g(a).partition(".")[2]), len(_g(b).partition(".")[2]))
    mid_s = f"{mid:.{digits}f}".rstrip("0").rstrip(".") if digits else _g(mid)
    if half <= 0:
        return f"{mid_s}{unit}"
    return f"{mid_s}{unit} ± {_g(round(half, digits + 1))}{unit}"


def _scalar(v) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return _g(round(v, 4)) if abs(v) < 1e6 else f"{v:,.2f}"
    return str(v)


def _list(v) -> str:
    if isinstance(v, (list, tuple)):
        return "、".join(_plain(x) for x in v)
    return _scalar(v)


def _plain(v) -> str:
    if isinstance(v, dict):
        if "phrase" in v:
            return f"“{v['phrase']}”" + (f" {v['count']} 次" if "count" in v else "")
        if "indicator" in v:
            return _lost(v)
        if "form" in v or "section" in v or "report" in v:
            return _place(v)
        return "，".join(f"{k}：{_plain(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return _list(v)
    return _scalar(v)


def _place(p: dict) -> str:
    parts = []
    if p.get("report"):
        parts.append(str(p["report"]))
    where = p.get("form") or (p.get("section") or "").split(" > ")[-1]
    if where:
        parts.append(str(where))
    if p.get("row") is not None:
        table = f"表{int(p['table']) + 1}" if p.get("table") is not None else ""
        parts.append(f"{table}第{int(p['row']) + 1}行" + (f"「{p['column']}」" if p.get("column") else ""))
    elif p.get("paragraph") is not None:
        parts.append(f"第{int(p['paragraph']) + 1}段")
    return " · ".join(parts) or "—"


def _lost(r: dict) -> str:
    s = str(r.get("indicator", ""))
    if r.get("score") is not None and r.get("weight") is not None:
        s += f"（{r['score']}/{r['weight']} 分）"
    return s


def _phrases(v) -> str:
    if not isinstance(v, (list, tuple)):
        return _scalar(v)
    seen = []
    for x in v:
        p = x.get("phrase") if isinstance(x, dict) else x
        if p and p not in seen:
            seen.append(p)
    return "、".join(f"“{p}”" for p in seen)


def _rows(v) -> str:
    if isinstance(v, (list, tuple)):
        return "第" + "、".join(str(x) for x in v) + "行" if v else ""
    return _scalar(v)


def _percent(v) -> str:
    try:
        return _g(round(float(v) * 100, 1)) + "%"
    except (TypeError, ValueError):
        return str(v)


def _enum(kind: str):
    def f(v):
        if isinstance(v, (list, tuple)):
            return "、".join(VALUE_ZH[kind].get(str(x), str(x)) for x in v)
        return VALUE_ZH[kind].get(str(v), str(v))
    return f


_FMT = {
    "text": _plain, "list": _list, "range": fmt_range, "phrases": _phrases,
    "places": lambda v: "；".join(_place(p) if isinstance(p, dict) else str(p) for p in v)
    if isinstance(v, (list, tuple)) else str(v),
    "top": lambda v: "、".join(_plain(x) for x in v) if isinstance(v, (list, tuple)) else str(v),
    "bool": _scalar, "percent": _percent, "prob": lambda v: _g(round(float(v), 3)) if isinstance(v, (int, float))
    else str(v), "rows": _rows, "kind": _enum("kind"), "field": _enum("field"), "check": _enum("check"),
    "lost": lambda v: "；".join(_lost(r) if isinstance(r, dict) else str(r) for r in v)
    if isinstance(v, (list, tuple)) else str(v),
    "json": lambda v: json.dumps(v, ensure_ascii=False),
}


def spec_of(decl) -> tuple[str, str] | None:
    """``(label, format)`` of one declaration (``None``: not shown)."""
    if decl is None:
        return None
    if isinstance(decl, tuple):
        return decl[0], decl[1]
    return str(decl), "text"


def _declared(rule: str | None) -> dict:
    if not rule:
        return {}
    try:
        from .checks.registry import load_all

        chk = load_all().get(rule)
    except Exception:  # noqa: BLE001 - presentation must not fail on a registry problem
        return {}
    return dict(getattr(chk, "evidence", None) or {}) if chk is not None else {}


def undeclared(rule: str, evidence: dict | None) -> list[str]:
    """Keys of ``evidence`` the rule's ``@rule(evidence=...)`` does not declare."""
    decl = _declared(rule)
    return [k for k in (evidence or {}) if k not in decl]


def evidence_items(rule: str | None, ev: dict | None) -> list[tuple[str, str]]:
    """``[(label, text)]`` in the rule's order; empty values and hidden keys left out."""
    ev = ev or {}
    decl = _declared(rule)
    order = [k for k in decl if k in ev] + [k for k in ev if k not in decl]
    out = []
    for k in order:
        v = ev[k]
        if v in (None, "", [], {}):
            continue
        spec = spec_of(decl[k]) if k in decl else (spec_of(COMMON[k]) if k in COMMON else (k, "text"))
        if spec is None:
            continue
        label, f = spec
        text = re.sub(r"\s*\n\s*", " ", _FMT.get(f, _plain)(v)).strip()   # one line per item in every output
        if text:
            out.append((label, text))
    return out


def evidence_text(rule: str | None, ev: dict | None, sep: str = "；") -> str:
    return sep.join(f"{k}：{v}" for k, v in evidence_items(rule, ev))


def rule_summary(rule: str) -> str:
    """The one-line Chinese explanation of a rule (its docstring's first line), for memos."""
    try:
        from .checks.registry import load_all

        chk = load_all().get(rule)
    except Exception:  # noqa: BLE001
        return ""
    return chk.summary if chk is not None else ""

