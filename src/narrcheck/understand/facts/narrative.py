"""Facts of the narrative: the quantities of understand/quantities (amount, rate,
count, date; role budget / adjusted budget / executed / previous year; unit
and scale; the total they are a part of) read as figures, and the relations
between them that checks share (the inputs of a stated 执行率).
"""
from __future__ import annotations

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


def narrative_rate_inputs(qs: list[Quantity], q: Quantity):
    """(executed total, [budget totals]) stated in the same chunk before a
    narrative 执行率, or None."""
    same = [p for p in qs if p.chunk is q.chunk and p.start < q.start and p.field == "total" and not p.relation
            and not p.approx and p.role != "prev"]
    ex = [p for p in same if p.role == "executed"]
    bud = [p for p in same if p.role in ("budget", "budget_full_year", "budget_initial")]
    if not ex or not bud:
        return None
    bud.sort(key=lambda p: {"budget_full_year": 0, "budget": 1, "budget_initial": 2}[p.role])
    return ex[-1], bud
