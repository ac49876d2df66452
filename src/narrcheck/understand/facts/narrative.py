"""Facts of the narrative: the quantities of understand/quantities (amount, rate,
count, date; role budget / adjusted budget / executed / previous year; unit
and scale; the total they are a part of) read as figures, and the relations
between them that checks share (the inputs of a stated 执行率).
"""
from __future__ import annotations

import re

from ..quantities import Quantity
from .figures import Fig, fig


def quantities(report) -> list[Quantity]:
    """All quantities of the report's narrative (computed once per report)."""
    return report.facts.quantities


def q_fig(q: Quantity) -> Fig | None:
    v = q.value
    if v.number is None:
        return None
    if q.kind == "money":
        return fig(v, q.money_factor or 1.0)
    if q.kind == "count":
        return fig(v, exact=True)
    return fig(v)


def q_year_ok(report, q: Quantity) -> bool:
    return q.year is None or report.meta.year is None or q.year == report.meta.year


BUDGET_ROLES = {"budget", "budget_initial", "budget_full_year"}


def roles_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    return a in BUDGET_ROLES and b in BUDGET_ROLES and "budget" in (a, b)


def paragraph_of(q: Quantity) -> tuple:
    c = q.chunk
    return (c.location.block, c.location.row, c.location.col) if c is not None else (None,)


_CHUNK_INDEX: list = [None, {}]   # (the quantity list last indexed, id(chunk) -> its quantities in order)


def _by_chunk(qs: list[Quantity]) -> dict[int, list[Quantity]]:
    """The quantities of ``qs`` grouped by chunk, for the list last asked about (a report's
    quantities are asked about once per rate: no scan of every quantity per rate)."""
    if _CHUNK_INDEX[0] is not qs:
        index: dict[int, list[Quantity]] = {}
        for p in qs:
            index.setdefault(id(p.chunk), []).append(p)
        _CHUNK_INDEX[:] = [qs, index]
    return _CHUNK_INDEX[1]


def narrative_rate_inputs(qs: list[Quantity], q: Quantity):
    """(executed total, [budget totals]) stated in the same chunk before a
    narrative 执行率, or None."""
    same = [p for p in _by_chunk(qs).get(id(q.chunk), ()) if p.start < q.start and p.field == "total"
            and not p.relation and not p.approx and p.role != "prev"]
    ex = [p for p in same if p.role == "executed"]
    bud = [p for p in same if p.role in ("budget", "budget_full_year", "budget_initial")]
    if not ex or not bud:
        return None
    bud.sort(key=lambda p: {"budget_full_year": 0, "budget": 1, "budget_initial": 2}[p.role])
    return ex[-1], bud


def unit_slip(total: Quantity, parts: list[Quantity]) -> Quantity | None:
    """The one figure of a 其中 list — a part, or the total itself — whose other unit (元 for 万元, 万元 for 元)
    makes the parts add up to the total when as written they do not: a 元/万元 slip, not a wrong sum
    (项目支出8731.09元，主要为…3860.00万元、…575.00万元: the total is 8731.09万元).  None otherwise."""
    from .figures import Fig, agree, fsum

    if total.kind != "money" or total.money_factor is None or len(parts) < 2 \
            or any(p.kind != "money" or p.money_factor is None or p.value.number is None for p in parts):
        return None
    T = q_fig(total)
    figs = [q_fig(p) for p in parts]
    if agree(fsum(figs), T):
        return None
    fixes = []
    for i, f in enumerate(figs):
        for k in (1e4, 1e-4):
            alt = figs[:i] + [Fig(f.v * k, f.h * k, f.u * k)] + figs[i + 1:]
            if f.v * k < 10 * T.u:
                continue    # read in the other unit the part would vanish in the total's rounding: no slip
            if agree(fsum(alt), T):
                fixes.append(parts[i])
    for k in (1e4, 1e-4):
        t2 = Fig(T.v * k, T.h * k, T.u * k)
        if T.v and agree(fsum(figs), t2) and not any(t2.v < 10 * f.u for f in figs):
            fixes.append(total)
    return fixes[0] if len(fixes) == 1 else None


_STANDARD_LEAD = re.compile(r"(?:每|人均|户均|平均每|按每)(?:人|户|名|个|亩|人次|家|所|座|处|套|台)(?:补助|补贴|标准|发放)?$")


def product_slips(qs: list[Quantity]) -> list[tuple[Quantity, Quantity, Quantity]]:
    """(total, count, standard) of a sentence where count × standard is the stated money total
    read in the other unit (共计360元，惠及农户1200户，每户3000元: 1200 × 3000元 = 360万元)."""
    from .figures import Fig, agree

    out = []
    by: dict = {}
    for q in qs:
        if not q.approx and not q.relation and q.value.number is not None:
            by.setdefault((id(q.chunk), q.sentence), []).append(q)
    for group in by.values():
        stds = [q for q in group if q.kind == "money" and q.money_factor is not None
                and _STANDARD_LEAD.search(q.lead or "")]
        counts = [q for q in group if q.kind == "count" and float(q.number).is_integer()]
        totals = [q for q in group if q.kind == "money" and q.money_factor is not None and q not in stds]
        if len(stds) != 1 or len(counts) != 1 or len(totals) != 1:
            continue
        s, n, t = stds[0], counts[0], totals[0]
        f = q_fig(s)
        prod = Fig(f.v * n.number, f.h * n.number, f.u * n.number)
        tf = q_fig(t)
        if agree(prod, tf):
            continue
        if any(agree(prod, Fig(tf.v * k, tf.h * k, tf.u * k)) for k in (1e4, 1e-4)):
            out.append((t, n, s))
    return out
