"""Where a figure stands: cell and narrative locations, and the text as printed."""
from __future__ import annotations

from ...model import Location
from ..forms import Record
from ..quantities import Quantity


def trimmed(text: str) -> tuple[int, int]:
    s = len(text) - len(text.lstrip())
    e = len(text.rstrip())
    return s, max(s, e)


def cell_location(rec: Record, name: str) -> Location:
    t = rec.text(name)
    s, e = trimmed(t)
    return rec.location(name, s, e)


def quantity_location(q: Quantity) -> Location:
    return q.chunk.location.with_span(q.start, q.end)


def q_text(q: Quantity) -> str:
    """A narrative figure with its label, exactly as printed (基本支出1144.41万元)."""
    return q.value.raw[q.label_start:q.end] if q.label_start < q.end else q.value.raw[q.start:q.end]


def q_span(q: Quantity) -> Location:
    """The location of ``q_text(q)``."""
    start = q.label_start if q.label_start < q.end else q.start
    return q.chunk.location.with_span(start, q.end)


def quantity_context(q: Quantity, width: int = 60) -> str:
    """The sentence around a quantity, as printed (for evidence)."""
    raw = q.value.raw
    s, e = q.sentence
    s = max(s, q.start - width)
    e = min(e, q.end + width)
    return raw[s:e].strip()


def loc_str(loc: Location) -> str:
    parts = []
    if loc.form:
        parts.append(loc.form)
    elif loc.section:
        parts.append(loc.section)
    if loc.table is not None:
        parts.append(f"表{loc.table + 1}")
    if loc.row is not None:
        parts.append(f"第{loc.row + 1}行")
    if loc.column:
        parts.append(f"「{loc.column}」")
    if loc.paragraph is not None:
        parts.append(f"第{loc.paragraph + 1}段")
    return " · ".join(parts)
