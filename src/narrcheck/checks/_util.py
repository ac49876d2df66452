"""Small helpers shared by checks (no I/O, no reasoning about the report: that is
understand/facts)."""
from __future__ import annotations

import re

from ..understand.facts import fmt, funds_for
from ..understand.values import Value, normalize

__all__ = ["fmt", "funds_for", "same_text", "squash", "tol", "subsequence", "rows_below_weight", "score_allowance"]


def same_text(a: str, b: str) -> bool:
    """Equal after width, whitespace and trailing-punctuation normalisation."""
    return squash(a) == squash(b)


def squash(text: str) -> str:
    t = re.sub(r"\s+", "", normalize(text))
    return t.rstrip("。.；;，,")


def tol(*values: Value, floor: float = 0.01) -> float:
    """Tolerance for comparing figures: one unit of the coarser displayed precision
    (domain-rules §4: truncation allowance), at least ``floor``."""
    t = floor
    for v in values:
        if v is not None and v.decimals is not None:
            t = max(t, 10 ** (-v.decimals))
    return t


def subsequence(short: str, long: str) -> bool:
    """Whether the characters of ``short`` occur in ``long`` in order (实施避险搬迁 in 实施地质灾害避险搬迁)."""
    it = iter(long)
    return all(ch in it for ch in short)


def rows_below_weight(forms) -> list:
    """Indicator/score-sheet rows whose score is below their weight (points lost), leaving out
    empty template rows and rows marked 无 / 不适用."""
    out = []
    for form in forms:
        for row in form.indicators:
            w, s = row.value("weight"), row.value("score")
            if row.empty or w.number is None or s.number is None or row.value("actual").kind == "na":
                continue
            if s.number < w.number - 0.01 - 1e-9:
                out.append(row)
    return out


def score_allowance(total: Value, parts: list[Value]) -> float:
    """Tolerance for a score total against its parts (domain-rules §4 "Scores"):
    one unit of the total's displayed precision (at least 0.01: a total printed
    as 98 may truncate 98.85, one printed as 97.85 may not), plus the
    half-unit rounding of every part shown with decimals.  Integer scores are
    taken as exact: a form that prints 5 means 5 points, so when every part is
    a whole number their sum is exact and a total of 99 against parts adding to
    98 is wrong (no truncation can explain it)."""
    if parts and all(not v.decimals for v in parts):
        return 0.01
    allowance = max(0.01, 10 ** (-(total.decimals or 0)))
    for v in parts:
        if v.decimals:
            allowance += 0.5 * 10 ** (-v.decimals)
    return allowance
