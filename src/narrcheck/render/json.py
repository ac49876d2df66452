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
    if getattr(res, "notes", None):
        out["notes"] = list(res.notes)
    if res.error is not None:
        out["error"] = {"code": res.error.code, "message": res.error.message}
    return out


class DuplicateGroups:
    """The batch's cross-report duplicate groups (NC151), listed once in the
    batch-level section of the output: each finding names a bounded number of
    other reports and the group it belongs to (``evidence.group``); the group
    lists every report with the place of the passage in it.  Assembled from the
    findings as they stream past — places and paths only, the passage once."""

    RULE = "NC151"

    def __init__(self):
        self.groups: dict[str, dict] = {}

    @staticmethod
    def entries(path: str, findings: list[dict]) -> list[tuple]:
        """What a group keeps of one report's findings: (group, kind, severity, path, location, text)."""
        out = []
        for f in findings:
            ev = f.get("evidence") or {}
            if f.get("rule") == DuplicateGroups.RULE and ev.get("group"):
                out.append((ev["group"], ev.get("kind"), f.get("severity"), path, f.get("location"),
                            f.get("text") or ""))
        return out

    def add(self, entries) -> None:
        for gid, kind, severity, path, location, text in entries:
            g = self.groups.get(gid)
            if g is None:
                g = self.groups[gid] = {"id": gid, "rule": self.RULE, "kind": kind, "severity": severity,
                                        "passage": text, "reports": []}
            g["reports"].append({"path": path, "location": location})

    def to_list(self) -> list[dict]:
        def key(gid: str):
            return (int(gid[1:]) if gid[1:].isdigit() else 0, gid)

        out = []
        for gid in sorted(self.groups, key=key):
            g = self.groups[gid]
            out.append({**g, "count": len(g["reports"])})
        return out


def render_json(batch) -> str:
    reports = [report_dict(r) for r in batch.results if r.error is None]
    groups = DuplicateGroups()
    for d in reports:
        groups.add(DuplicateGroups.entries(d["path"], d["findings"]))
    data = {
        "tool": {"name": "narrcheck", "version": __version__},
        "reports": reports,
        "duplicate_groups": groups.to_list(),
        "errors": [{"path": e.path, "code": e.code, "message": e.message} for e in batch.failures],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
