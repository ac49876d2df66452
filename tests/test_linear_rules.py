"""Indexes that keep rules linear (issue 16) return every candidate the brute force would.

NC303 compares a narrative count only with the indicator rows its index returns (same unit
class, and the same key, a shared run of three characters, or the same characters); the
name rule ``_names_match`` must never accept a row the index left out, on real reports
glued into one long report (many forms, many counts)."""
from __future__ import annotations

from pathlib import Path

from narrcheck.checks.figures_mismatch import _UNIT_CLASS, _RowIndex, _key, _names_match
from narrcheck.read.text import parse_text
from narrcheck.understand.facts import quantities
from narrcheck.understand.report import understand

ROOT = Path(__file__).resolve().parents[1]


def _glued():
    texts = [p.read_text(encoding="utf-8") for folder in ("corpora/seeds", "tests/fixtures/dept")
             for p in sorted((ROOT / folder).glob("*.txt"))]
    return understand(parse_text("\n".join(texts), path="glued.txt"))


def test_nc303_index_keeps_every_row_the_name_rule_accepts():
    rep = _glued()
    rows = [(r, _key(r.name)) for f in rep.indicator_forms for r in f.indicators
            if not r.empty and r.actual.unit and len(_key(r.name)) >= 2]
    index = _RowIndex(rows)
    keys = {(_key(q.label), q.unit) for q in quantities(rep) if q.kind == "count" and len(_key(q.label)) >= 2}
    assert len(rows) > 50 and len(keys) > 50
    accepted = 0
    for qk, unit in keys:
        got = {id(r) for r, _ in index.candidates(qk, unit)}
        for r, k in rows:
            if _UNIT_CLASS.get(r.actual.unit, r.actual.unit) == _UNIT_CLASS.get(unit, unit) and _names_match(qk, k):
                accepted += 1
                assert id(r) in got, (qk, k)
    assert accepted > 0
    # an anagram (no shared run of three characters) is found through the sorted characters
    assert _names_match("培训农民", "农民培训")
    ix = _RowIndex([(rows[0][0], "农民培训")])
    assert ix.candidates("培训农民", rows[0][0].actual.unit)
