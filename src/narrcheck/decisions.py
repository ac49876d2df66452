"""Decisions that last: a stable fingerprint per finding, and what a reviewer decided about it.

A reviewer (or the department's finance officer) decides about a finding once —
忽略 (leave it), 已说明 (explained, with a note) or 误报 (false alarm) — and the
next revision of the same report does not raise it again.

Stable API (the web service builds on it; only add to it)
---------------------------------------------------------

``fingerprint(finding) -> "NC404-1a2b3c4d5e6f"``
    Rule code + 12 hex of a SHA-1 over what identifies the problem, never over
    offsets or block numbers, so that edits elsewhere in the document do not
    change it:

    * a table finding with a row label (``evidence.indicator`` or
      ``evidence.row``): rule, the form's title without years and numbering,
      the row label, the column header;
    * any other finding: rule, the last section title (numbering such as
      ``三、``/``（一）`` and years removed), and the flagged text normalised:
      NFKC, whitespace and punctuation removed, figures masked (``12.5`` → ``#``)
      — the message instead when the finding has no text.

    ``finding`` may be a ``findings.Finding`` or its JSON dict (``to_dict()``),
    so an earlier JSON output yields the same fingerprints.
``assign_fingerprints(findings) -> list[str]``
    Fingerprints of a report's findings (in their order), collisions resolved
    deterministically: a table finding that shares its base with another takes
    its normalised text into the hash; what still collides gets an ordinal
    (the first keeps the plain fingerprint).  Sets ``.fingerprint`` on Finding
    objects (and the ``"fingerprint"`` key on dicts).
``report_key(meta, path="") -> "单位|年度"``
    Which report a decision belongs to: department and year; project reports
    add the project title (``单位|年度|项目``) so two projects of one unit do
    not share decisions; with no department the file name stands in.
``Decision(fingerprint, status, note, who, when, rule, text)``
    ``status`` is one of ``STATUSES`` = 忽略 / 已说明 / 误报 (English aliases
    ignore / explained / false-positive are accepted by ``normalise_status``).
``DecisionSet``
    ``add(report, decision)``, ``get(report, fp, any_report=False)``,
    ``merge(other)`` (the later ``when`` wins, ties: ``other``), ``seen``
    (fingerprints known per report, from an earlier output: they make a finding
    "unresolved" rather than "new"), ``to_dict()`` / ``from_dict()`` /
    ``save(path)``, ``len()``, ``items()``.
``load(path) -> DecisionSet``
    Reads, by content: a decisions file; an earlier ``narrcheck check --format
    json`` output (its findings are *seen*; its ``decided`` findings keep their
    decision); a reviewed Word comment copy (a reply on a narrcheck comment
    that starts with 忽略 / 已说明：… / 误报); an xlsx from ``--format xlsx``
    with its 状态 (and 说明) column filled in.
``apply(result, decisions, any_report=False) -> dict``
    Marks one ``api.ReportResult``: every finding gets ``.fingerprint``; a
    decided finding moves from ``result.findings`` to ``result.decided`` with
    ``.decision`` set; the others get ``.baseline`` = ``"new"`` or
    ``"unresolved"``.  Returns counts.  ``any_report`` lets a one-report
    decision set apply to a report whose key differs (one file checked against
    the decisions of its earlier draft whose unit name was corrected).

File format (``save``)::

    {"format": "narrcheck-decisions", "version": 1, "tool": "narrcheck 0.1.0",
     "reports": {"某某局|2023": {"path": "初稿.docx",
                                 "decisions": [{"fingerprint": "NC404-…", "status": "已说明",
                                                "note": "…", "who": "张三", "when": "2026-12-07T09:30:00",
                                                "rule": "NC404", "text": "…"}],
                                 "seen": ["NC101-…", …]}}}
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field

FORMAT = "narrcheck-decisions"
VERSION = 1
STATUSES = ("忽略", "已说明", "误报")
STATUS_ALIASES = {
    "忽略": "忽略", "ignore": "忽略", "ignored": "忽略", "不改": "忽略",
    "已说明": "已说明", "说明": "已说明", "explained": "已说明",
    "误报": "误报", "false-positive": "误报", "false_positive": "误报", "fp": "误报", "误判": "误报",
}
BASELINE_ZH = {"new": "新增", "unresolved": "未解决"}


class DecisionError(ValueError):
    """A decisions source that cannot be read (message in Chinese)."""


def normalise_status(s) -> str:
    v = str(s or "").strip()
    got = STATUS_ALIASES.get(v) or STATUS_ALIASES.get(v.lower())
    if got is None:
        raise DecisionError(f"决定的状态 {v!r} 无效（应为 忽略、已说明 或 误报）")
    return got


# ---------------------------------------------------------------- normalisation
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?")
_NUMBERING = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+[章节部分]|[（(]?[一二三四五六七八九十]+[)）、.．]|"
                        r"[（(]?\d+[)）、.．](?!\d)|附件\s*[0-9一二三四五六七八九十]*[:：]?)\s*")
_FIGURE = re.compile(r"\d+(?:[.,，]\d+)*")


def _strip_punct(s: str) -> str:
    return "".join(ch for ch in s if not (unicodedata.category(ch)[0] in "PZC" or ch.isspace()))


def norm_text(s: str) -> str:
    """NFKC, whitespace and punctuation removed, figures masked as ``#``."""
    s = unicodedata.normalize("NFKC", s or "")
    return _FIGURE.sub("#", _strip_punct(s))


def norm_title(s: str) -> str:
    """A form or section title without years, leading numbering, whitespace and punctuation."""
    s = unicodedata.normalize("NFKC", s or "").strip()
    prev = None
    while prev != s:
        prev, s = s, _NUMBERING.sub("", s, count=1)
    s = _YEAR.sub("", s)
    return _strip_punct(s)


def _get(f, name: str):
    if isinstance(f, dict):
        return f.get(name)
    return getattr(f, name, None)


def _loc(f) -> dict:
    loc = _get(f, "location")
    if loc is None:
        return {}
    return loc if isinstance(loc, dict) else loc.to_dict()


def _row_label(f) -> str:
    ev = _get(f, "evidence") or {}
    for k in ("indicator", "row"):
        v = ev.get(k) if isinstance(ev, dict) else None
        if isinstance(v, str) and v.strip():
            return v
    return ""


def _digest(parts) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _base_parts(f) -> tuple[list[str], bool]:
    """(parts, is_table_row) — what identifies a finding, before disambiguation."""
    loc = _loc(f)
    rule = str(_get(f, "rule") or "")
    label = _row_label(f)
    if loc.get("table") is not None and label:
        return [rule, "T", norm_title(loc.get("form") or ""), norm_text(label), norm_text(loc.get("column") or "")], True
    section = (loc.get("section") or "").split(" > ")[-1]
    text = norm_text(_get(f, "text") or "") or "M:" + norm_text(_get(f, "message") or "")
    return [rule, "X", norm_title(section), text], False


def fingerprint(f) -> str:
    """The fingerprint of one finding on its own (see ``assign_fingerprints`` for a report's list)."""
    parts, _ = _base_parts(f)
    return f"{parts[0]}-{_digest(parts)}"


def assign_fingerprints(findings) -> list[str]:
    """Fingerprints for a report's findings, unique within the report, in order."""
    bases = [_base_parts(f) for f in findings]
    first = [p for p, _ in bases]
    groups: dict[tuple, list[int]] = {}
    for i, p in enumerate(first):
        groups.setdefault(tuple(p), []).append(i)
    keys: list[list[str]] = [list(p) for p in first]
    for members in groups.values():
        if len(members) > 1:
            for i in members:
                if bases[i][1]:   # table rows: the flagged text tells two findings on one cell apart
                    keys[i] = keys[i] + ["t:" + norm_text(_get(findings[i], "text") or "")]
    seen: dict[tuple, int] = {}
    out = []
    for i, k in enumerate(keys):
        n = seen.get(tuple(k), 0)
        seen[tuple(k)] = n + 1
        parts = k if n == 0 else k + [f"#{n}"]
        fp = f"{parts[0]}-{_digest(parts)}"
        out.append(fp)
        f = findings[i]
        if isinstance(f, dict):
            f["fingerprint"] = fp
        else:
            try:
                f.fingerprint = fp
            except AttributeError:
                pass
    return out


def report_key(meta, path: str = "") -> str:
    """``单位|年度`` (``单位|年度|项目`` for a project report)."""
    if meta is None:
        meta = {}
    g = (lambda k: meta.get(k)) if isinstance(meta, dict) else (lambda k: getattr(meta, k, None))
    dept = (g("department") or "").strip()
    if not dept:
        dept = os.path.splitext(os.path.basename(path or ""))[0]
    year = g("year")
    key = f"{dept}|{year if year else ''}"
    if (g("kind") or "") == "项目" and (g("title") or "").strip():
        key += "|" + norm_title(g("title"))
    return key


# ---------------------------------------------------------------- decisions
@dataclass
class Decision:
    fingerprint: str
    status: str
    note: str = ""
    who: str = ""
    when: str = ""          # ISO 8601 date-time, "" when unknown
    rule: str = ""
    text: str = ""

    def __post_init__(self):
        self.status = normalise_status(self.status)
        if not self.rule and "-" in self.fingerprint:
            self.rule = self.fingerprint.split("-", 1)[0]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Decision":
        if not isinstance(d, dict) or not d.get("fingerprint") or not d.get("status"):
            raise DecisionError(f"决定缺少 fingerprint 或 status：{d!r}")
        return cls(**{k: ("" if d.get(k) is None else str(d.get(k))) for k in
                      ("fingerprint", "status", "note", "who", "when", "rule", "text")})


@dataclass
class DecisionSet:
    reports: dict[str, dict[str, Decision]] = field(default_factory=dict)
    seen: dict[str, set[str]] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def add(self, report: str, decision: Decision) -> None:
        self.reports.setdefault(report, {})[decision.fingerprint] = decision

    def add_seen(self, report: str, fps) -> None:
        self.seen.setdefault(report, set()).update(fps)

    def _report(self, report: str, any_report: bool) -> str | None:
        if report in self.reports or report in self.seen:
            return report
        keys = set(self.reports) | set(self.seen)
        if any_report and len(keys) == 1:
            return next(iter(keys))
        return None

    def get(self, report: str, fp: str, any_report: bool = False) -> Decision | None:
        key = self._report(report, any_report)
        return None if key is None else self.reports.get(key, {}).get(fp)

    def was_seen(self, report: str, fp: str, any_report: bool = False) -> bool:
        key = self._report(report, any_report)
        if key is None:
            return False
        return fp in self.seen.get(key, set()) or fp in self.reports.get(key, {})

    def merge(self, other: "DecisionSet") -> "DecisionSet":
        """Add ``other``'s decisions; on the same finding the later ``when`` wins (ties: ``other``)."""
        for rep, decs in other.reports.items():
            mine = self.reports.setdefault(rep, {})
            for fp, d in decs.items():
                old = mine.get(fp)
                if old is None or (d.when or "") >= (old.when or ""):
                    mine[fp] = d
        for rep, fps in other.seen.items():
            self.add_seen(rep, fps)
        for rep, p in other.paths.items():
            self.paths.setdefault(rep, p)
        return self

    def items(self):
        """``(report, Decision)`` for every decision."""
        for rep, decs in self.reports.items():
            for d in decs.values():
                yield rep, d

    def __len__(self) -> int:
        return sum(len(d) for d in self.reports.values())

    def to_dict(self) -> dict:
        from . import __version__

        reps = {}
        for rep in sorted(set(self.reports) | set(self.seen)):
            entry = {"path": self.paths.get(rep, ""),
                     "decisions": [d.to_dict() for d in self.reports.get(rep, {}).values()]}
            if self.seen.get(rep):
                entry["seen"] = sorted(self.seen[rep])
            reps[rep] = entry
        return {"format": FORMAT, "version": VERSION, "tool": f"narrcheck {__version__}", "generator": "narrcheck-output",
                "reports": reps}

    @classmethod
    def from_dict(cls, data: dict, source: str = "") -> "DecisionSet":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DecisionError(f"{source or '决定文件'}：不是 narrcheck 决定文件（缺少 \"format\": \"{FORMAT}\"）")
        if int(data.get("version") or 0) > VERSION:
            raise DecisionError(f"{source}：决定文件版本 {data.get('version')} 比本程序新，请升级 narrcheck")
        ds = cls(source=source)
        for rep, entry in (data.get("reports") or {}).items():
            for d in entry.get("decisions") or []:
                ds.add(rep, Decision.from_dict(d))
            if entry.get("seen"):
                ds.add_seen(rep, entry["seen"])
            if entry.get("path"):
                ds.paths[rep] = entry["path"]
        return ds

    def save(self, path: str) -> str:
        os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        return path


# ---------------------------------------------------------------- applying
def apply(result, decisions: DecisionSet | None, any_report: bool = False) -> dict:
    """Fingerprint ``result.findings`` and, with ``decisions``, move decided ones to ``result.decided``."""
    findings = list(result.findings)
    fps = assign_fingerprints(findings)
    counts = {"new": 0, "unresolved": 0, "decided": 0, **{s: 0 for s in STATUSES}}
    if decisions is None:
        return counts
    rep = result.report
    key = report_key(rep.meta if rep is not None else None, result.path)
    keep, decided = [], list(getattr(result, "decided", None) or [])
    for f, fp in zip(findings, fps):
        d = decisions.get(key, fp, any_report)
        if d is not None:
            f.decision = d
            decided.append(f)
            counts["decided"] += 1
            counts[d.status] += 1
            continue
        f.baseline = "unresolved" if decisions.was_seen(key, fp, any_report) else "new"
        counts[f.baseline] += 1
        keep.append(f)
    result.findings = keep
    result.decided = decided
    return counts


# ---------------------------------------------------------------- sources
def parse_reply(text: str) -> tuple[str, str] | None:
    """(status, note) from a reviewer's reply (``忽略`` / ``已说明：理由`` / ``误报，理由``), or None."""
    t = (text or "").strip()
    m = re.match(r"^\s*(忽略|已说明|说明|误报|误判)\s*[:：,，。.、；;\s]*(.*)$", t, re.S)
    if not m:
        return None
    return normalise_status(m.group(1)), m.group(2).strip()


def from_output(data: dict, source: str = "") -> DecisionSet:
    """An earlier ``narrcheck check --format json`` output: findings seen, decisions kept."""
    ds = DecisionSet(source=source)
    for rd in data.get("reports") or []:
        key = report_key(rd.get("meta") or {}, rd.get("path") or "")
        ds.paths[key] = rd.get("path") or ""
        live = [dict(f) for f in rd.get("findings") or []]
        decided = [dict(f) for f in rd.get("decided") or []]
        # an output written without fingerprints (older narrcheck): compute them in document order
        if any(not f.get("fingerprint") for f in live):
            assign_fingerprints(live)
        ds.add_seen(key, [f["fingerprint"] for f in live])
        for f in decided:
            dec = f.get("decision") or {}
            fp = f.get("fingerprint") or dec.get("fingerprint")
            if fp and dec.get("status"):
                ds.add(key, Decision.from_dict({**dec, "fingerprint": fp, "rule": f.get("rule", ""),
                                                "text": dec.get("text") or f.get("text", "")}))
        ds.add_seen(key, [f.get("fingerprint") for f in decided if f.get("fingerprint")])
    return ds


def from_docx(path: str, findings_json: str | None = None) -> DecisionSet:
    """Replies on narrcheck's comments in a reviewed Word copy (``--format docx``)."""
    from .render.docx import AUTHOR, read_comments, sidecar_path

    comments = read_comments(path)
    ours = [c for c in comments if c["key"] and c["author"] == AUTHOR]
    others = [c for c in comments if c["author"] != AUTHOR]
    side = findings_json or sidecar_path(path)
    meta, rpath = {}, path
    if side and os.path.exists(side):
        data = json.loads(open(side, encoding="utf-8").read())
        manifest = data.get("findings") or []
        meta, rpath = data.get("meta") or {}, data.get("source") or path
        if any(not f.get("fingerprint") for f in manifest):
            assign_fingerprints(manifest)
    else:   # no manifest: check the reviewed copy again (same text → same keys and fingerprints)
        from .api import check_paths
        from .render.common import finding_key

        batch = check_paths([path])
        if not batch.ok:
            raise DecisionError(f"{path}：无法读取，且没有找到批注清单 {side}")
        res = batch.ok[0]
        assign_fingerprints(res.findings)
        manifest = [{"key": finding_key(f), **f.to_dict()} for f in res.findings]
        meta = res.report.meta.to_dict()
    if not meta:
        try:
            from .api import load_report

            meta = load_report(path).meta.to_dict()
        except Exception:  # noqa: BLE001 - the key then falls back to the file name
            meta = {}
    by_key = {f["key"]: f for f in manifest if f.get("key")}
    key = report_key(meta, rpath)
    ds = DecisionSet(source=path)
    ds.paths[key] = rpath
    ds.add_seen(key, [f["fingerprint"] for f in manifest])
    for c in ours:
        f = by_key.get(c["key"])
        if f is None:
            continue
        replies = [o for o in others if o["block"] == c["block"] and o["anchor"] == c["anchor"]]
        for o in replies:          # the last reply with a status word decides
            got = parse_reply(o["text"])
            if got:
                status, note = got
                ds.add(key, Decision(f["fingerprint"], status, note, who=o.get("author") or "",
                                     when=o.get("when") or "", rule=f.get("rule", ""), text=f.get("text", "")))
    return ds


XLSX_SHEET_NAMES = ("findings", "问题清单", "问题")


def from_xlsx(path: str) -> DecisionSet:
    """The 状态 / 说明 columns of the findings sheet of a ``--format xlsx`` workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = next((wb[n] for n in XLSX_SHEET_NAMES if n in wb.sheetnames), None)
    if ws is None:
        raise DecisionError(f"{path}：没有问题清单工作表（{'、'.join(XLSX_SHEET_NAMES)}）")
    rows = ws.iter_rows(values_only=True)
    head = [str(h or "").strip() for h in next(rows, [])]
    need = {"指纹", "状态"}
    if not need <= set(head):
        raise DecisionError(f"{path}：问题清单没有“指纹”和“状态”列，请用新版 narrcheck 重新导出")
    col = {h: i for i, h in enumerate(head)}
    ds = DecisionSet(source=path)

    def cell(row, name):
        i = col.get(name)
        return row[i] if i is not None and i < len(row) else None

    for row in rows:
        fp = cell(row, "指纹")
        if not fp:
            continue
        key = str(cell(row, "报告键") or "") or report_key({"department": cell(row, "单位") or "",
                                                           "year": cell(row, "年度")}, str(cell(row, "报告") or ""))
        ds.paths.setdefault(key, str(cell(row, "报告") or ""))
        ds.add_seen(key, [str(fp)])
        status = cell(row, "状态")
        if status is None or not str(status).strip() or str(status).strip() in ("待处理", "未处理"):
            continue
        ds.add(key, Decision(str(fp), normalise_status(status), note=str(cell(row, "说明") or ""),
                             who=str(cell(row, "处理人") or ""), rule=str(cell(row, "规则") or ""),
                             text=str(cell(row, "原文") or "")))
    wb.close()
    return ds


def load(path: str, findings_json: str | None = None) -> DecisionSet:
    """A DecisionSet from any decisions source (see the module docstring)."""
    p = str(path)
    if not os.path.exists(p):
        raise DecisionError(f"{p}：文件不存在")
    low = p.lower()
    if low.endswith(".docx"):
        return from_docx(p, findings_json)
    if low.endswith((".xlsx", ".xlsm")):
        return from_xlsx(p)
    try:
        with open(p, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecisionError(f"{p}：不是决定文件、narrcheck 的 JSON 输出、批注版 .docx 或问题清单 .xlsx（{exc}）") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        return DecisionSet.from_dict(data, source=p)
    if isinstance(data, dict) and isinstance(data.get("reports"), list):
        return from_output(data, source=p)
    raise DecisionError(f"{p}：不是决定文件或 narrcheck check --format json 的输出")


def load_many(paths) -> DecisionSet:
    ds = DecisionSet()
    for p in paths:
        ds.merge(load(p))
    return ds
