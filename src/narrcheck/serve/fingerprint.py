"""Finding fingerprints for decisions that persist across versions.

``fingerprints(findings)`` is the one function the service calls.  It uses
issue 17's ``narrcheck.decisions`` (the CLI's ``--baseline`` fingerprints) when
that module is installed, so that a decision recorded here means the same as
one in a decisions file; otherwise a minimal local fingerprint (below).

Local fingerprint: rule + section title with figures masked + for table
findings the form title, column and row label (``evidence.indicator`` /
``evidence.row``), for narrative findings the flagged text normalised (spaces
and punctuation dropped, digits masked lightly: the number of digits is kept
out, so "完成12场" and "完成15场" still match, but a different passage does
not).  Never offsets or block numbers: an edit elsewhere leaves it unchanged.
Collisions get ``~2``, ``~3`` in document order.
"""
from __future__ import annotations

import hashlib
import re

_PUNCT = re.compile(r"[\s，。、；：！？,.;:!?“”\"'（）()《》【】\[\]—…·-]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _norm(s: str | None) -> str:
    s = _DIGITS.sub("#", s or "")
    return _PUNCT.sub("", s)


def local_fingerprint(f) -> str:
    loc = f.location
    ev = f.evidence or {}
    if loc.table is not None or loc.row is not None:
        label = ev.get("indicator") or ev.get("row") or ""
        parts = [f.rule, _norm(loc.form or ""), _norm(loc.column or ""), _norm(str(label)),
                 "" if label else _norm(f.text)]
    else:
        parts = [f.rule, _norm(loc.section), _norm(f.text)]
    return f.rule + "-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def fingerprints(findings) -> list[str]:
    """One fingerprint per finding, unique within the list, stable across versions."""
    try:
        from .. import decisions  # issue 17
    except ImportError:
        decisions = None
    if decisions is not None and hasattr(decisions, "assign_fingerprints"):
        out = decisions.assign_fingerprints(list(findings))
        if isinstance(out, dict):
            out = [out[id(f)] if id(f) in out else out[i] for i, f in enumerate(findings)]
        return [str(x) for x in out]
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        fp = local_fingerprint(f)
        seen[fp] = seen.get(fp, 0) + 1
        out.append(fp if seen[fp] == 1 else f"{fp}~{seen[fp]}")
    return out
