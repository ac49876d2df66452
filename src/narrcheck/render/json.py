"""JSON renderer: exactly the output contract (shared/docs/output-contract.md)."""
from __future__ import annotations

import json

from .. import __version__


def report_dict(res) -> dict:
    rep = res.report
    indicators = []
    if rep is not None:
        scores = {id(s.get("_row")): s for s in res.indicator_scores} if res.indicator_scores else {}
        for row in rep.indicators:
            d = row.to_dict()
            item = {k: d[k] for k in ("level1", "level2", "name", "target", "actual", "weight", "score",
                                      "deviation")}
            sc = scores.get(id(row), {})
            item["specificity"] = sc.get("specificity")
            item["reasons"] = sc.get("reasons", [])
            item.update({k: d[k] for k in ("direction", "unit", "target_adjusted", "score_ratio", "form", "table",
                                           "row", "empty")})
            indicators.append(item)
    out = {
        "path": res.path,
        "meta": rep.meta.to_dict() if rep is not None else {},
        "findings": [f.to_dict() for f in res.findings],
        "indicators": indicators,
        "score": {k: v for k, v in (res.score or {}).items() if not k.startswith("_")} or None,
    }
    if getattr(res, "notice", ""):
        out["notice"] = res.notice
    if getattr(res, "hidden", 0):
        out["hidden_below_min_severity"] = res.hidden
    if getattr(res, "baseline", None) is not None:
        out["baseline"] = dict(res.baseline)
        out["decided"] = [f.to_dict() for f in res.decided]
    if res.error is not None:
        out["error"] = {"code": res.error.code, "message": res.error.message}
    return out


def render_json(batch) -> str:
    data = {
        "tool": {"name": "narrcheck", "version": __version__},
        "reports": [report_dict(r) for r in batch.results if r.error is None],
        "errors": [{"path": e.path, "code": e.code, "message": e.message} for e in batch.failures],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
