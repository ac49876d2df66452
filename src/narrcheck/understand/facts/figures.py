"""Interval arithmetic of displayed figures (domain-rules §4).

Tolerance: a figure shown with d decimals stands for v ± ½·10⁻ᵈ; two figures
(or a figure and a recomputation) agree when their intervals meet after
allowing for truncation of the coarser figure (a truncated display is up to
one unit below the value: half a unit beyond its rounding interval), so two
displays of one quantity may differ by one unit in the last digit (91.17% vs
91.18%, 1144.40 vs 1144.41) but not by two.  Head counts and other counts are
exact.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..values import COUNT_UNITS, Value


def fmt(x: float | None) -> str:
    """A number as a reviewer would write it: 98.85, 100, 0.5."""
    if x is None:
        return ""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


EPS = 1e-9


@dataclass(frozen=True)
class Fig:
    """A displayed figure in a canonical unit: value, rounding radius, one unit
    of the last displayed digit."""
    v: float
    h: float = 0.0
    u: float = 0.0

    @property
    def lo(self) -> float:
        return self.v - self.h

    @property
    def hi(self) -> float:
        return self.v + self.h

    def range(self, nd: int = 4) -> str:
        if self.h == 0:
            return fmt(round(self.v, nd))
        return f"[{fmt(round(self.lo, nd + 1))}, {fmt(round(self.hi, nd + 1))}]"


def fig(value: Value, factor: float = 1.0, exact: bool = False) -> Fig | None:
    """The figure of a parsed value: its point and, unless ``exact``, the
    interval its displayed precision stands for.  A whole number of a count
    unit (座, 人, 件 …) is exact: it was counted, not rounded."""
    if value is None or value.number is None:
        return None
    if (not exact and value.decimals in (0, None) and value.unit in COUNT_UNITS
            and (value.scale or 1.0) == 1.0 and not value.approx and float(value.number).is_integer()):
        exact = True
    f = factor * (value.scale or 1.0)
    d = value.decimals or 0
    u = 10 ** (-d) * abs(f)
    return Fig(value.number * f, 0.0 if exact else u / 2, 0.0 if exact else u)


def fsum(figs) -> Fig:
    figs = list(figs)
    return Fig(sum(f.v for f in figs), sum(f.h for f in figs), max((f.u for f in figs), default=0.0))


def gap(a: Fig, b: Fig) -> float:
    return max(0.0, a.lo - b.hi, b.lo - a.hi)


def agree(a: Fig, b: Fig, allowance: float | None = None) -> bool:
    """The intervals meet, allowing for truncation: a value truncated to d
    decimals lies up to one unit above its display, i.e. half a unit outside
    its rounding interval.  So 1144.40 ~ 1144.41 and 91.17% ~ 91.176%, while
    1144.41 vs 1144.43 or 90 vs 88 differ."""
    allow = max(a.u, b.u) / 2 if allowance is None else allowance
    scale = max(1.0, abs(a.v), abs(b.v))
    return gap(a, b) <= allow + EPS * scale


def ratio(num: Fig, den: Fig, mult: float = 100.0) -> tuple[float, float, float] | None:
    """(lo, hi, point) of num/den × mult; None when the denominator may be 0."""
    if den.lo <= 0:
        return None
    lo = max(num.lo, 0.0) / den.hi * mult
    hi = num.hi / den.lo * mult
    return lo, hi, num.v / den.v * mult


def rate_agrees(num: Fig, den: Fig, rate: Fig, mult: float = 100.0) -> bool | None:
    r = ratio(num, den, mult)
    if r is None:
        return None
    lo, hi, _ = r
    g = max(0.0, rate.lo - hi, lo - rate.hi)
    return g <= rate.u / 2 + EPS * max(1.0, abs(rate.v))


def score_agrees(score: Value, lo: float, hi: float, point: float) -> bool:
    """A displayed score agrees with a computed one when it is the computed
    value rounded or truncated to the displayed decimals (the computation's own
    input precision widens the rounding band), within at least 0.01."""
    s = score.number
    d = score.decimals or 0
    u = 10 ** (-d)
    if abs(s - point) <= 0.01 + EPS:
        return True
    if lo - u / 2 - EPS <= s <= hi + u / 2 + EPS:
        return True
    trunc = int(point * 10 ** d + EPS) / 10 ** d
    return abs(s - trunc) <= EPS
