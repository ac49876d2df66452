"""Library entry point: check_paths(paths, config) -> BatchResult."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import errors
from .config import Config
from .findings import Finding


@dataclass
class ReportResult:
    path: str
    report: object | None = None          # understand.report.Report
    findings: list[Finding] = field(default_factory=list)
    error: errors.InputError | None = None
    score: dict | None = None
    indicator_scores: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # Chinese, for users: text cut, a rule skipped


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


def check_report(report, config: Config, notes: list | None = None, debug: bool = False) -> list[Finding]:
    """The findings of one report, restatements of one problem folded into one (merge.py)."""
    from .checks.registry import run_checks
    from .merge import merge_restatements

    return merge_restatements(run_checks(report, config, notes, debug))


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
            res.notes.extend(res.report.document.limits)
            res.findings = check_report(res.report, config, res.notes)
        except errors.InputError as exc:
            res.error = exc
            res.report = None
        except RecursionError as exc:  # pathological nesting
            res.error = errors.TooDeep(path, exc.__class__.__name__)
            res.report = None
        results.append(res)
        if progress:
            progress(res)
    ok = [r for r in results if r.report is not None]
    if len(ok) > 1:
        notes: list[str] = []
        for idx, finding in run_batch_checks([r.report for r in ok], config, notes):
            ok[idx].findings.append(finding)
        for r in ok:
            r.notes.extend(notes)
        for r in ok:
            r.findings.sort(key=Finding.sort_key)
    for r in ok:
        _score(r)
    return BatchResult(results=results, problems=problems)


def _score(res: ReportResult) -> None:
    """The last pass over a report's findings: fold restatements again (batch findings
    may have joined), then score the report from every finding, folded ones included."""
    from .merge import expand, merge_restatements

    res.findings = merge_restatements(res.findings)
    try:
        from .score import score_report
    except ImportError:
        return
    res.score, res.indicator_scores = score_report(res.report, expand(res.findings))
