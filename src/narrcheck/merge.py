"""One spot, one finding: a pass over a report's findings (after the checks, before
the score and the renderers) that folds restatements of one problem into one finding.

A restatement is a second finding, by another rule, about the same problem at the same
spot.  Three relations, each narrow on purpose (two findings at one spot about two
problems — a copied actual that also names another year's work, a repeated passage that
also claims success without a figure — stay two findings):

* **a copied actual of a flawed target** — on one indicator row, a copied-actual finding
  (NC002, NC101, NC102, NC103) and a finding on the target's own wording (vague NC200,
  compliance NC203, time without date NC204, qualitative with no standard NC251,
  satisfaction without a rate NC252): the actual repeats the target's flaw, so the
  finding on the target leads and the copy is carried with it;
* **one copy, several copy rules** — two copied-actual findings on one cell (加“了”照抄
  and 把界限当实际值);
* **one claim, several claim rules** — on one sentence or cell with overlapping spans, the
  claim-vs-scores finding (NC304), a claim the report contradicts elsewhere (NC305), an
  effect claim without figures (NC250) and a vague claim (NC205); and on one passage, the repeated-passage findings (NC150 within the
  report, NC151 across the batch); on one 偏差原因 cell, a generic reason (NC207) and a
  reason without a measure (NC413); on one 实际完成值 of a 定性 row, an actual naming no tier
  (NC414) and a claim without figures (NC250); the report's density note (NC206) when the
  sentence it quotes is one that NC250 or NC205 reports as a whole; the same vague-wording note (NC205)
  at two or more copies of a passage the report repeats (NC150): one pasted sentence, reported once, by
  the repetition carrying the notes;
* **one wrong total, two comparisons** — on one narrative total, the sum of its parts
  (NC350) and the form's figure (NC300) both disagreeing with it; and a stated total that
  differs from the form's total (NC300) where the form's total is the one that differs from
  its rows (NC001) and the narrative's figure is the rows' sum: the form's total is the one
  wrong figure, reported once at the form's cell;
* **one 元/万元 slip** — a form sum that adds up once a cell is read in the other unit (NC351
  naming that reading) and the narrative's same amount ten thousand times smaller than that
  cell (NC355): the cell written in 元, reported once.

The leading finding — the most severe, then the target's finding, then the family's
order — keeps its rule, severity, message and location, and lists the others in ``also`` (JSON: ``also: [{rule, name, severity,
message, text, location}]``, an additive field).  ``expand`` gives back every finding,
for the score, which counts each reason.
"""
from __future__ import annotations

import re

from .findings import SEVERITY_RANK, Finding

COPY_RULES = ("NC002", "NC101", "NC102", "NC103")
TARGET_RULES = ("NC200", "NC203", "NC204", "NC251", "NC252")
# families of rules that restate one problem at one spot, in order of precedence
SPOT_FAMILIES = (COPY_RULES, ("NC304", "NC305", "NC307", "NC250", "NC205"), ("NC150", "NC151"), ("NC207", "NC413"),
                 ("NC414", "NC250"), ("NC350", "NC300"))
_FIGURE = re.compile(r"-?\d+(?:\.\d+)?")


def _number(text) -> float | None:
    m = _FIGURE.search(str(text or "").replace(",", ""))
    return float(m.group()) if m else None


def _form_total_restated(total: Finding, stated: Finding) -> bool:
    """NC001 on a form's total and NC300 comparing the narrative's total with that cell, the
    narrative's figure being the sum of the rows: the form's total is the one wrong figure."""
    loc = total.location
    if not any((r.block, r.table, r.row, r.col) == (loc.block, loc.table, loc.row, loc.col) for r in stated.related):
        return False
    said, rows = _number(stated.evidence.get("text_value")), _number(total.evidence.get("expected"))
    return said is not None and rows is not None and abs(said - rows) < 0.006


def _cell(f: Finding) -> tuple:
    return _cell_of(f.location)


def _cell_of(loc) -> tuple:
    return (loc.block, loc.table, loc.row, loc.col, loc.paragraph)


def _overlap(a: Finding, b: Finding) -> bool:
    la, lb = a.location, b.location
    if None in (la.start, la.end, lb.start, lb.end):
        return True
    return max(la.start, lb.start) < min(la.end, lb.end) or (la.start, la.end) == (lb.start, lb.end)


def _family(rule: str):
    return next((fam for fam in SPOT_FAMILIES if rule in fam), None)


def _rank(f: Finding) -> tuple:
    """Precedence within a group: the most severe, then the target's finding, then the
    family's order."""
    sev = -SEVERITY_RANK[f.severity]
    if f.rule in TARGET_RULES:
        return (sev, 0, TARGET_RULES.index(f.rule))
    fam = _family(f.rule)
    return (sev, 1, fam.index(f.rule) if fam else 99)


def restates(a: Finding, b: Finding) -> bool:
    """Whether ``a`` and ``b`` report one problem at one spot (see the module doc)."""
    if a.rule == b.rule:
        return False
    la, lb = a.location, b.location
    if la.table is not None and la.table == lb.table and la.block == lb.block and la.row is not None \
            and la.row == lb.row and ({a.rule, b.rule} & set(COPY_RULES)) and ({a.rule, b.rule} & set(TARGET_RULES)) \
            and (a.rule in COPY_RULES) != (b.rule in COPY_RULES):
        return True
    if "NC206" in (a.rule, b.rule):
        # the density note anchored on a sentence another finding reports as a whole (every sentence it
        # could quote was reported): one spot.  Not on a clause of it — that would bridge two clauses.
        note, other = (a, b) if a.rule == "NC206" else (b, a)
        if other.rule not in ("NC250", "NC205") or _cell(note) != _cell(other):
            return False
        ln, lo = note.location, other.location
        if None in (ln.start, ln.end, lo.start, lo.end) or ln.end <= ln.start:
            return False
        covered = max(0, min(ln.end, lo.end) - max(ln.start, lo.start))
        return covered >= 0.8 * (ln.end - ln.start)
    if {a.rule, b.rule} == {"NC351", "NC355"}:
        total, stated = (a, b) if a.rule == "NC351" else (b, a)
        loc = total.location
        return bool(total.evidence.get("other_reading")) and any(
            (r.block, r.table, r.row, r.col) == (loc.block, loc.table, loc.row, loc.col) for r in stated.related)
    if {a.rule, b.rule} == {"NC001", "NC300"}:
        return _form_total_restated(*((a, b) if a.rule == "NC001" else (b, a)))
    fams = [fam for fam in SPOT_FAMILIES if a.rule in fam and b.rule in fam]
    return bool(fams) and _cell(a) == _cell(b) and _overlap(a, b)


def merge_restatements(findings: list[Finding]) -> list[Finding]:
    """The findings with every restatement folded into its leading finding (order kept).
    Idempotent: merging again, or merging a merged list with new findings, folds the new
    ones into the existing groups."""
    out: list[Finding] = []
    for f in findings:
        idx = next((i for i, g in enumerate(out) if any(restates(x, f) for x in [g] + g.also)), None)
        if idx is None:
            out.append(f)
            continue
        old = out[idx]
        group = [old] + old.also + [f] + f.also
        leader = min(group, key=_rank)
        for x in group:
            x.also = []
        leader.also = [x for x in group if x is not leader]
        out[idx] = leader
    out = _fold_into_passages(out)
    out.sort(key=Finding.sort_key)
    return out


def _in_place(note: Finding, dup: Finding) -> bool:
    """The note's span lies in one of the places of the repeated passage ``dup`` reports."""
    ln = note.location
    return any(_cell_of(loc) == _cell(note) and (None in (loc.start, loc.end, ln.start, ln.end)
                                                 or loc.start <= ln.start < loc.end)
               for loc in [dup.location] + list(dup.related))


def _fold_into_passages(out: list[Finding]) -> list[Finding]:
    """The same vague-wording note (NC205, same sentence) at two or more copies of a passage the report
    repeats (NC150): one pasted sentence, one finding — the passage finding, which carries the notes.  A
    note at one place only stays on its own (the passage pasted from an overview into the results is read
    there once).  A pass of its own, not a ``restates`` relation: one note may lie in two reported
    passages, and a relation would bridge them into one group."""
    dups = [f for f in out if f.rule == "NC150"]
    if not dups:
        return out
    folded: set[int] = set()
    for d in dups:
        notes = sorted((f for f in out if f.rule == "NC205" and not f.also and id(f) not in folded
                        and _in_place(f, d)), key=Finding.sort_key)
        for f in notes:
            if sum(g.text == f.text for g in notes) >= 2:
                d.also.append(f)
                folded.add(id(f))
    return [f for f in out if id(f) not in folded]


def expand(findings: list[Finding]) -> list[Finding]:
    """Every finding, the folded ones included (for the score)."""
    return [x for f in findings for x in [f] + list(f.also)]


def restatement_pairs(findings: list[Finding]) -> list[tuple[Finding, Finding]]:
    """Pairs of findings (warning or above) that restate one problem: a defect count."""
    fs = [f for f in findings if f.severity in ("error", "warning")]
    return [(a, b) for i, a in enumerate(fs) for b in fs[i + 1:] if restates(a, b)]
