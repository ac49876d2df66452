"""Finding: what a check reports.  Shape follows output-contract.md."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}
# categories as a reader says them (render/text.CAT_ZH is this table)
CATEGORY_ZH = {"copied": "照抄", "duplicate": "重复", "template": "模板残留", "vague": "表述空泛",
               "unsupported": "缺少依据", "mismatch": "前后不一致", "arithmetic": "计算错误", "scoring": "评分问题",
               "timeline": "时间不符"}
CATEGORIES = ("copied", "duplicate", "template", "vague", "unsupported", "mismatch", "arithmetic", "scoring",
              "timeline")


@dataclass
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    location: Location
    evidence: dict = field(default_factory=dict)
    suggestion: str = ""
    # further places a finding is about (duplicates, text-vs-table mismatches)
    related: list[Location] = field(default_factory=list)
    # set after the checks (decisions.assign_fingerprints / decisions.apply), never by a check
    fingerprint: str = ""
    baseline: str = ""              # with --baseline: "new" | "unresolved"
    decision: object | None = None  # decisions.Decision of a decided finding
    # other rules' findings on the same spot about the same problem (narrcheck.merge)
    also: list["Finding"] = field(default_factory=list)

    def sort_key(self):
        loc = self.location
        return (loc.block if loc.block is not None else 10**9, loc.row or 0, loc.col or 0, loc.start or 0, self.rule)

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "suggestion": self.suggestion,
        }
        if self.related:
            d["related"] = [loc.to_dict() for loc in self.related]
        if self.fingerprint:
            d["fingerprint"] = self.fingerprint
        if self.baseline:
            d["baseline"] = self.baseline
        if self.decision is not None:
            d["decision"] = self.decision.to_dict()
        if self.also:
            d["also"] = [{"rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity,
                          "message": f.message, "text": f.text, "location": f.location.to_dict(),
                          "evidence": f.evidence} for f in self.also]
        return d
