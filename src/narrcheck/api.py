"""Library entry point: check_paths(paths, config) -> BatchResult."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import errors
from .config import Config
from .findings import SEVERITY_RANK, Finding


@dataclass
class ReportResult:
    path: str
    report: object | None = None          # understand.report.Report
    findings: list[Finding] = field(default_factory=list)
    error: errors.InputError | None = None
    score: dict | None = None
    indicator_scores: list[dict] = field(default_factory=list)
    # decisions.apply: findings hidden by a --baseline decision, and the counts of new/unresolved/decided
    decided: list[Finding] = field(default_factory=list)
    baseline: dict | None = None
    hidden: int = 0            # findings below --min-severity, not shown
    notice: str = ""           # the file does not look like a report


@dataclass
class BatchResult:
    results: list[ReportResult]
    problems: list[errors.InputError] = field(default_factory=list)   # paths that yielded no file

    @property
    def failures(self) -> list[errors.InputError]:
        return self.problems + [r.error for r in self.results if r.error is not None]

    @property
    def ok(self) -> list[ReportResult]:
        return [r for r in self.results if r.error is None]


def load_report(path: str):
    """Read and understand one file (raises errors.InputError on bad input)."""
    from .read import read
    from .understand.report import understand

    return understand(read(path))


def check_report(report, config: Config) -> list[Finding]:
    from .checks.registry import run_checks

    return run_checks(report, config)


def check_paths(paths: list[str], config: Config | None = None, progress=None) -> BatchResult:
    from .checks.registry import run_batch_checks
    from .read import collect

    config = config or Config()
    files, problems = collect([str(p) for p in paths])
    results: list[ReportResult] = []
    for path in files:
        res = ReportResult(path=path)
        try:
            res.report = load_report(path)
            res.findings = check_report(res.report, config)
        except errors.InputError as exc:
            res.error = exc
        except RecursionError as exc:  # pathological nesting
            res.error = errors.Unsupported(path, f"结构过深：{exc.__class__.__name__}")
        results.append(res)
        if progress:
            progress(res)
    ok = [r for r in results if r.report is not None]
    if len(ok) > 1:
        for idx, finding in run_batch_checks([r.report for r in ok], config):
            ok[idx].findings.append(finding)
        for r in ok:
            r.findings.sort(key=Finding.sort_key)
    for r in ok:
        _score(r)
        finish(r, config)
    return BatchResult(results=results, problems=problems)


def finish(res: ReportResult, config: Config | None) -> None:
    """After checks and score: fingerprint the findings and apply the --baseline decisions (if any)."""
    from .decisions import apply

    baseline = getattr(config, "baseline", None)
    counts = apply(res, baseline, any_report=getattr(config, "baseline_any", False))
    if baseline is not None:
        res.baseline = counts
    floor = SEVERITY_RANK.get(getattr(config, "min_severity", "info"), 1)
    if floor > 1:
        res.hidden = sum(1 for f in res.findings if SEVERITY_RANK.get(f.severity, 0) < floor)
        res.findings = [f for f in res.findings if SEVERITY_RANK.get(f.severity, 0) >= floor]
    if res.report is not None and not res.notice and not_a_report(res.report):
        res.notice = (f"{res.path}：没有识别出绩效自评表，全文也没有“绩效”二字，这个文件看起来不是绩效自评报告，"
                      "检查结果没有意义")


def not_a_report(report) -> bool:
    """No form recognised and the word 绩效 nowhere: not a performance self-evaluation report."""
    if report.forms:
        return False
    return not any("绩效" in ch.text for ch in report.chunks) and "绩效" not in (report.meta.title or "")


def _score(res: ReportResult) -> None:
    try:
        from .score import score_report
    except ImportError:
        return
    res.score, res.indicator_scores = score_report(res.report, res.findings)
