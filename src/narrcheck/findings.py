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


READ_MODE_ZH = {"grid": "表格", "lines": "每格一行的文本（按表头重排）", "flattened": "每行压成一行的文本（按空格拆分）",
                "glued": "单元格粘连的文本（按数值格式拆分）", "pdf": "按位置排版的 PDF 文字（无框线）",
                "positions": "无框线的 PDF 表格（按字的位置重建行列）"}


def cap_uncertain(report, findings: list[Finding]) -> list[Finding]:
    """A form read with low confidence (re-gridded from a text with no grid)
    never yields an error: an error about one of its cells becomes a warning
    that says the reading is uncertain; when the reading is a guess (a PDF
    text laid out by position, glued cells, rows that did not fit the
    header) its errors and warnings become info.  Applied once, where the
    findings of a report are assembled (checks.registry), not in each rule."""
    low = {}
    for form in getattr(report, "forms", []) or []:
        if form.uncertain:
            for t in form.tables or [form.table]:
                low.setdefault(t, form)
    if not low:
        return findings
    for f in findings:
        if f.severity == "info":
            continue
        form = next((low[loc.table] for loc in [f.location, *f.related]
                     if loc is not None and loc.table in low), None)
        if form is None or (f.severity == "warning" and not form.guessed):
            continue
        f.severity = "info" if form.guessed else "warning"
        how = READ_MODE_ZH.get(form.read_mode, form.read_mode)
        f.message += f"（该表从{how}中读出，读取可信度 {form.confidence:.2f}，请对照原表核实）"
        f.evidence = {**f.evidence, "read": {"mode": form.read_mode, "confidence": form.confidence}}
    return findings
