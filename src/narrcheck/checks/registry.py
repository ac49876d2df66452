"""Check registry.  A check is a pure function of the Report and config that
yields Findings; it never opens files and never prints.

Declare one with ``@rule(code, name, category, severity, scope, evidence={key: 中文标签, ...})``
(every evidence key the check emits, in reading order; see ``narrcheck.evidence``).  Its
docstring is Chinese: a summary, the detection rule, then one ``错误示例`` and
one ``正确示例`` block — small reports in the plain-text format (pipe tables
allowed).  ``tests/test_rule_examples.py`` runs every check's examples: the
bad example must fire, the good one must not.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from dataclasses import dataclass
from typing import Callable

from ..config import Config
from ..findings import CATEGORIES, SEVERITIES, Finding, cap_uncertain
from ..model import Location


@dataclass
class Check:
    code: str
    name: str
    category: str
    severity: str
    scope: str
    func: Callable
    doc: str
    batch: bool = False    # a batch rule sees every report of a run at once
    # evidence key → Chinese label, (label, format) or None (not shown); in reading order (see narrcheck.evidence)
    evidence: dict | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""

    def examples(self) -> dict[str, list[str]]:
        """{"bad": [text, ...], "good": [text, ...]} parsed from the docstring."""
        out: dict[str, list[str]] = {"bad": [], "good": []}
        doc = textwrap.dedent("\n".join(self.doc.splitlines()[1:]))
        parts = re.split(r"^(错误示例|正确示例)[^\n]*[:：]\s*$", doc, flags=re.M)
        for label, body in zip(parts[1::2], parts[2::2]):
            body = re.split(r"^\S", body, maxsplit=1, flags=re.M)[0]  # up to the next unindented line
            out["bad" if label == "错误示例" else "good"].append(textwrap.dedent(body).strip("\n"))
        return out

    def run(self, report, config: Config) -> list[Finding]:
        ctx = Context(self, config)
        return list(self.func(report, ctx) or [])

    def run_batch(self, reports: list, config: Config, shared: dict | None = None) -> list[tuple[int, Finding]]:
        """Batch rules yield (report index, Finding).  ``shared``: a scratch dict for the batch
        rules of one run over the same reports (work two rules both need is done once)."""
        ctx = Context(self, config)
        if shared is not None:
            ctx.shared = shared
        return list(self.func(reports, ctx) or [])


class Context:
    """What a check gets besides the report: its config and a finding factory."""

    def __init__(self, check: Check, config: Config):
        self.check = check
        self.config = config
        self.shared: dict = {}     # batch rules: scratch shared by the batch rules of one run

    def threshold(self, key: str, default):
        return self.config.threshold(self.check.code, key, default)

    def finding(self, message: str, text: str, location: Location, evidence: dict | None = None,
                suggestion: str = "", severity: str | None = None, related: list | None = None) -> Finding:
        sev = self.config.severity_for(self.check.code, severity or self.check.severity)
        return Finding(rule=self.check.code, name=self.check.name, category=self.check.category, severity=sev,
                       message=message, text=text, location=location, evidence=evidence or {},
                       suggestion=suggestion, related=related or [])


REGISTRY: dict[str, Check] = {}


def rule(code: str, name: str, category: str, severity: str, scope: str, batch: bool = False,
         evidence: dict | None = None):
    from ..evidence import FORMATS

    for k, v in (evidence or {}).items():
        ok = v is None or isinstance(v, str) or (isinstance(v, tuple) and len(v) == 2 and v[1] in FORMATS)
        if not ok:
            raise ValueError(f"{code}: bad evidence declaration {k}={v!r}")
    if not re.fullmatch(r"NC\d{3}", code):
        raise ValueError(f"bad rule code {code}")
    if category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {category}")
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity}")

    def deco(func):
        if code in REGISTRY and REGISTRY[code].func is not func:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = Check(code, name, category, severity, scope, func, func.__doc__ or "", batch,
                               dict(evidence or {}))
        return func

    return deco


_LOADED = False


def load_all() -> dict[str, Check]:
    """Import every module of narrcheck.checks so their rules register."""
    global _LOADED
    if not _LOADED:
        from .. import checks as pkg

        for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if mod.name != "registry" and not mod.name.startswith("_"):
                importlib.import_module(f"{pkg.__name__}.{mod.name}")
        _LOADED = True
    return dict(sorted(REGISTRY.items()))


def rule_failed_note(code: str, exc: BaseException) -> str:
    """The one-line Chinese note for a rule that raised (no traceback)."""
    reason = str(exc).splitlines()[0][:80] if str(exc) else ""
    return (f"规则 {code} 运行出错，已跳过（{exc.__class__.__name__}{'：' + reason if reason else ''}），"
            f"其他规则的结果不受影响；加 --debug 查看详情")


def run_checks(report, config: Config, notes: list | None = None, debug: bool = False) -> list[Finding]:
    """Every enabled rule on one report.  A rule that raises costs only its own findings: a note
    (``rule_failed_note``) goes to ``notes`` and the other rules run (with ``debug`` it raises)."""
    findings: list[Finding] = []
    for code, chk in load_all().items():
        if config.enabled(code) and not chk.batch:
            try:
                findings.extend(chk.run(report, config))
            except Exception as exc:  # noqa: BLE001 - rule isolation
                if debug:
                    raise
                if notes is not None:
                    notes.append(rule_failed_note(code, exc))
    cap_uncertain(report, findings)
    findings.sort(key=Finding.sort_key)
    return findings


def run_batch_checks(reports: list, config: Config, notes: list | None = None,
                     debug: bool = False) -> list[tuple[int, Finding]]:
    """Batch rules; one that raises is skipped with a note in ``notes`` (for every report)."""
    out: list[tuple[int, Finding]] = []
    shared: dict = {}
    for code, chk in load_all().items():
        if config.enabled(code) and chk.batch:
            try:
                out.extend(chk.run_batch(reports, config, shared))
            except Exception as exc:  # noqa: BLE001 - rule isolation
                if debug:
                    raise
                if notes is not None:
                    notes.append(rule_failed_note(code, exc))
    for idx, f in out:
        cap_uncertain(reports[idx], [f])
    return out


class SelectorError(ValueError):
    """An unknown rule code, prefix, name or category (message in Chinese, with a suggestion)."""


def suggest(word: str, vocab, n: int = 3) -> list[str]:
    """Close matches for a mistyped code, name or category (O/0, I/l/1 and letter case forgiven first)."""
    import difflib

    w = str(word).strip()
    up = w.upper()
    if up.startswith("NC"):
        fixed = "NC" + up[2:].translate(str.maketrans("OIL", "011"))
        if fixed in vocab:
            return [fixed]
        w = up
    return difflib.get_close_matches(w, list(vocab), n=n, cutoff=0.6)


def expand_selectors(items, what: str = "--select") -> list[str]:
    """Rule selectors → code prefixes.  A selector is a code (NC352, case-insensitive), a code prefix
    (NC3, NC35), a rule name (copied-actual) or a category (copied, or its Chinese name 照抄).
    Raises SelectorError for one that matches no rule."""
    from ..findings import CATEGORY_ZH as CAT_ZH

    checks = load_all()
    codes = list(checks)
    by_name = {c.name: c.code for c in checks.values()}
    zh_cat = {v: k for k, v in CAT_ZH.items()}
    out: list[str] = []
    for raw in items:
        s = str(raw).strip()
        if not s:
            continue
        up = s.upper()
        if up.startswith("NC") and any(c.startswith(up) for c in codes):
            out.append(up)
            continue
        cat = s.lower() if s.lower() in CATEGORIES else zh_cat.get(s)
        if cat:
            out.extend(c.code for c in checks.values() if c.category == cat)
            continue
        if s.lower() in by_name:
            out.append(by_name[s.lower()])
            continue
        vocab = codes + list(CATEGORIES) + list(zh_cat) + list(by_name)
        near = suggest(s, vocab)
        hint = f"，是不是 {'、'.join(near)}？" if near else "。"
        raise SelectorError(f"{what} 中的 {s!r} 不是已知的规则代码、代码前缀、规则名或类别{hint}"
                            "（运行 narrcheck rules 查看全部规则；类别：" + "、".join(CATEGORIES) + "）")
    return out

