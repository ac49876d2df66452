"""Narrative figures against the same quantity in a table."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..quantities import MONEY_FIELDS, STAFF_FIELDS, Quantity
from ..forms import fund_source
from ..values import normalize
from .figures import Fig, agree, gap
from .narrative import narrative_rate_inputs, q_fig, q_year_ok, roles_compatible
from .tables import FUND_SOURCE_FIELD, Fact


@dataclass(eq=False)
class Comparison:
    quantity: Quantity            # the narrative figure (first place it is written)
    fact: Fact                    # the table figure it disagrees with
    status: str                   # "mismatch" | "scale" (exactly ×10,000)
    others: list = field(default_factory=list)      # further narrative places with the same figure
    candidates: list = field(default_factory=list)  # every table figure of that label and role


def _scaled(f: Fig, k: float) -> Fig:
    return Fig(f.v * k, f.h * k, f.u * k)


# 实有人数 and 在职人数 are one count in these forms (人员控制率 = 实有人数 ÷ 编制数; the 基础数据表
# column reads 实际在职人数); 离退休 and 人员总数 are not
_SAME_COUNT = {"staff_actual": {"staff_actual", "staff_active"}, "staff_active": {"staff_actual", "staff_active"}}


def _rate_source(qs, q) -> str:
    """The fund row a narrative 执行率 belongs to: the money figure just before it in
    its sentence when that names a source other than the total (财政拨款, 财政资金, 其他资金,
    基本支出, 项目支出 …); "" for the department's own rate; "?" for a source the forms do not name
    (其中中央补助资金…，执行率X): such a rate is compared with nothing."""
    prev = None
    for p in qs:
        if p is q:
            break
        if p.sentence == q.sentence and p.chunk is q.chunk and p.kind == "money" and not p.relation:
            prev = p
    if prev is None:
        return ""
    fld = prev.field or ""
    if not fld or fld not in FUND_SOURCE_FIELD.values():
        # the label names the source in the forms' words (其中财政资金执行752.34万元)
        fld = FUND_SOURCE_FIELD.get(fund_source(prev.label or ""), "") if prev.parent is not None else ""
    if fld == "total":
        return ""
    between = normalize(prev.value.raw[prev.end:q.start]) if prev.value.raw else ""
    # "财政拨款支出1,226.40万元（执行率95.81%）" is the row's own; "…、其他资金支出68.50万元，
    # 预算执行率97.30%" after a 其中 list is the total's — unless the list has this one item and the total's
    # rate was stated before it ("执行资金812.34万元，执行率94.46%，其中财政资金执行752.34万元，执行率94.04%")
    own = "（" in between or "(" in between or prev.parent is None or (
        len(prev.parent.parts) == 1 and _rate_of(qs, prev.parent, q))
    if not own:
        return ""
    if fld:
        return fld
    return "?" if prev.parent is not None else ""


def _rate_of(qs, whole, q) -> bool:
    """Whether a 执行率 stands between ``whole`` and the rate ``q`` in q's sentence (the total's own rate)."""
    return any(p.field == "exec_rate" and p.chunk is q.chunk and whole.end <= p.start < q.start for p in qs)


def compute_comparisons(report) -> list[Comparison]:
    """Narrative figures that disagree with the same quantity in a table
    (same canonical label, compatible role, same year)."""
    facts = [f for f in report.facts.table if f.role != "prev"]
    qs_all = report.facts.quantities
    nq = [q for q in qs_all if q.field and not q.relation and not q.approx and q.role != "prev"
          and q_year_ok(report, q) and q_fig(q) is not None
          and (q.kind != "money" or q.money_factor is not None)]
    out: list[Comparison] = []
    index: dict[tuple, Comparison] = {}
    for q in nq:
        money = q.field in MONEY_FIELDS
        if q.field == "exec_rate":
            if narrative_rate_inputs(qs_all, q) is not None:
                continue
            src = _rate_source(qs_all, q)  # "其中财政拨款支出1,226.40万元（执行率95.81%）": that row's rate
            cands = [f for f in facts if f.field == "exec_rate" and f.role == (f"src:{src}" if src else "")]
        else:
            # …unless the report splits them: "实有人数36人，其中在职人员31人，离休干部1人…"
            fields = _SAME_COUNT.get(q.field, {q.field}) if q.parent is None and not q.parts else {q.field}
            cands = [f for f in facts if f.field in fields and (not money or roles_compatible(q.role, f.role))]
        if not cands:
            continue
        qf = q_fig(q)
        if any(agree(qf, f.fig) for f in cands):
            continue
        # a table figure already matched by a narrative figure of another role is that figure's
        cands = [f for f in cands if not any(o is not q and o.field == q.field and o.role != q.role
                                             and agree(q_fig(o), f.fig) for o in nq)]
        if not cands:
            continue
        if q.field in STAFF_FIELDS and any(o is not q and o.field == q.field and any(agree(q_fig(o), f.fig)
                                                                                    for f in cands) for o in nq):
            continue      # a sub-unit's head count next to the department's
        status = "mismatch"
        target = min(cands, key=lambda f: gap(qf, f.fig))
        if money:
            sc = [f for f in cands if agree(_scaled(qf, 1e4), f.fig) or agree(_scaled(qf, 1e-4), f.fig)]
            if sc:
                status, target = "scale", sc[0]
        key = (q.field, q.role, round(qf.v, 6), id(target))
        if key in index:
            index[key].others.append(q)
            continue
        c = Comparison(q, target, status, [], cands)
        index[key] = c
        out.append(c)
    return out
