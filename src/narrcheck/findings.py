"""Finding: what a check reports.  Shape follows output-contract.md."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}
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
        return d
