"""Compare what narrcheck reads from a layout fixture with the fixture's key
(tests/fixtures/layouts/key.json, written by gen/build.py from the sources).

Used by tests/test_layout_parity.py (strictly, for the pairs in SUPPORTED.json)
and benchmarks/bench_layouts.py (for every pair).  Texts are compared after a
normalisation that forgives what a layout cannot keep — whitespace (PDF text puts
spaces between CJK and digits), full-width forms, a 其中： prefix, a ★ core mark —
and nothing else.  Numbers are compared as numbers (``94.20%`` = 94.2)."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

LAYOUTS_DIR = Path(__file__).resolve().parent / "fixtures" / "layouts"
KEY = LAYOUTS_DIR / "key.json"
SUPPORTED = LAYOUTS_DIR / "SUPPORTED.json"
LAYOUT_EXT = {"docx": ".docx", "docx_unruled": ".docx", "html": ".html", "pdf": ".pdf", "pdf_unruled": ".pdf"}
LAYOUTS = ["docx", "docx_unruled", "html", "tab", "pipe", "lines", "lines_nogap", "lines_bar", "flat", "glued",
           "pdf", "pdf_unruled", "pdftext", "pdftext_unruled", "pdftext_raw"]
NUMERIC = {"weight", "score", "score_ratio", "budget_initial", "budget_full_year", "executed", "rate"}
COMPARATORS = {"≥", "≤", ">", "<", "=", "＝", "≧", "≦"}


def load_key() -> list[dict]:
    return json.loads(KEY.read_text(encoding="utf-8"))


def load_supported() -> dict[str, list[str]]:
    data = json.loads(SUPPORTED.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def supported_pairs(keys: list[dict] | None = None) -> list[tuple[str, str]]:
    """(report id, layout) pairs that must hold; an entry is a report id, ``template:<name>`` or ``*``."""
    keys = keys if keys is not None else load_key()
    out = []
    for layout, entries in load_supported().items():
        for k in keys:
            if "*" in entries or k["id"] in entries or f"template:{k['template']}" in entries:
                out.append((k["id"], layout))
    return sorted(set(out))


def fixture_path(rid: str, layout: str) -> Path:
    return LAYOUTS_DIR / layout / f"{rid}{LAYOUT_EXT.get(layout, '.txt')}"


def norm(text: str | None) -> str:
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t)
    t = re.sub(r"^其中[:：]", "", t)
    return t.lstrip("★")


def number(text) -> float | None:
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    t = unicodedata.normalize("NFKC", str(text)).replace(",", "").replace("%", "").strip()
    try:
        return float(t)
    except ValueError:
        return None


# --------------------------------------------------------------------------- what the reader made

def _composed(rec, fld: str) -> str:
    """A value as one text: forms with 指标性质 / 度量单位 columns print ``≥`` | ``600`` | ``人次``."""
    t = rec.text(fld).strip()
    if not t:
        return ""
    d = rec.text("direction").strip()
    if fld != "actual" and d in COMPARATORS and not t.startswith(tuple(COMPARATORS)):
        t = d + t
    u = rec.text("unit").strip()
    if u and u not in ("/", "—", "-", "无") and not norm(t).endswith(norm(u)) and re.search(r"\d$", norm(t)):
        t = t + u
    return t


def _val(rec, fld: str):
    if fld in NUMERIC:
        return rec.value(fld).number
    if fld in ("target", "actual", "target_adjusted"):
        t = _composed(rec, fld)
    else:
        t = rec.text(fld)
    t = t.strip()
    return t if norm(t) not in ("", "—", "-", "/") else None


def read_records(rep) -> dict:
    """Indicator, funds and total records of a narrcheck Report (indicator and score-sheet forms)."""
    inds, totals = [], []
    for f in rep.forms:
        if f.kind in ("indicator", "score_sheet"):
            for r in f.indicators:
                if not r.empty:
                    inds.append(r)
            if f.total is not None:
                totals.append(f.total)
    return {"indicators": inds, "funds": list(rep.funds), "totals": totals}


def key_forms(key: dict) -> list[dict]:
    """The report's forms in document order: the main one, then the attached ones (``more_forms``)."""
    return [key] + key.get("more_forms", [])


# --------------------------------------------------------------------------- comparison

@dataclass
class Result:
    rid: str
    layout: str
    rows_present: int = 0          # indicator + funds rows in the key
    rows_recognised: int = 0       # key rows read with every field right
    mismatches: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)     # rows read that the key does not have
    planted_found: int = 0
    planted_total: int = 0
    missed_planted: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def records_ok(self) -> bool:
        return not self.error and not self.mismatches and not self.extra

    @property
    def ok(self) -> bool:
        return self.records_ok and not self.missed_planted


def _same(key_value, got, fld: str) -> bool:
    if fld in NUMERIC:
        a = number(key_value)
        return (a is None and got is None) or (a is not None and got is not None and abs(a - float(got)) < 1e-6)
    return norm(key_value) == norm(got)


def _match_rows(res: Result, what: str, expected: list[dict], read: list, same_row, fields, value, kname, rname):
    """Each key row against the first unused read row that ``same_row``; every field the key lists must agree."""
    pool = list(read)
    for k in expected:
        res.rows_present += 1
        hit = next((r for r in pool if same_row(k, r)), None)
        if hit is None:
            res.mismatches.append(f"{what} {kname(k)}: not read")
            continue
        pool.remove(hit)
        bad = []
        for fld in fields:
            if fld in k:
                v = value(hit, fld)
                if not _same(k[fld], v, fld):
                    bad.append(f"{fld} {k[fld]!r} ≠ {v!r}")
        if bad:
            res.mismatches.append(f"{what} {kname(k)}: " + "; ".join(bad))
        else:
            res.rows_recognised += 1
    res.extra += [f"{what} {rname(r)!r}" for r in pool]


def compare_records(key: dict, rep, res: Result) -> None:
    got = read_records(rep)
    forms = key_forms(key)
    ind_fields = ("target", "target_adjusted", "actual", "weight", "score", "score_ratio", "deviation")
    fund_fields = ("budget_initial", "budget_full_year", "executed", "rate", "weight", "score")
    # indicators matched by name, funds rows by source, each in order
    _match_rows(res, "indicator", [r for f in forms for r in f["indicators"]], got["indicators"],
                lambda k, r: norm(r.name or r.label) == norm(k["name"]), ind_fields, _val,
                lambda k: k["name"], lambda r: r.name or r.label)
    _match_rows(res, "funds", [r for f in forms for r in f["funds"]], got["funds"],
                lambda k, r: r.source == k["source"], fund_fields, lambda r, fld: r.value(fld).number,
                lambda k: k["label"], lambda r: r.label)
    # the total rows, one per form, in order
    for i, f in enumerate(forms):
        t = got["totals"][i] if i < len(got["totals"]) else None
        ks = number(f["total"]["score"])
        gs = t.value("score").number if t is not None else None
        if gs is None or abs(gs - ks) > 1e-6:
            res.mismatches.append(f"total score of form {i + 1}: {f['total']['score']!r} ≠ {gs!r}")
    res.extra += [f"total {t.value('score').number!r}" for t in got["totals"][len(forms):]]


def _numbers(text: str) -> set[float]:
    return {float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*(?:\.\d+)?", unicodedata.normalize("NFKC", text))}


def finding_mentions(f, match: str) -> bool:
    blob = " ".join([f.message or "", f.text or "", json.dumps(f.evidence, ensure_ascii=False, default=str)])
    n = number(match)
    if n is not None:
        return any(abs(n - x) < 1e-6 for x in _numbers(blob))
    return norm(match) in norm(blob)


def compare_planted(key: dict, rep, res: Result) -> None:
    from narrcheck.api import check_report
    from narrcheck.config import Config

    planted = key["planted"]
    res.planted_total = len(planted)
    if not planted:
        return
    findings = check_report(rep, Config(select=sorted({p["rule"] for p in planted})))
    for p in planted:
        if any(f.rule == p["rule"] and finding_mentions(f, p["match"]) for f in findings):
            res.planted_found += 1
        else:
            res.missed_planted.append(f"{p['rule']} {p['where']}")


def evaluate(key: dict, layout: str, planted: bool = True) -> Result:
    from narrcheck import errors
    from narrcheck.api import load_report

    res = Result(key["id"], layout)
    path = fixture_path(key["id"], layout)
    try:
        rep = load_report(str(path))
    except errors.InputError as exc:
        res.error = f"{type(exc).__name__}: {exc}"
        res.rows_present = sum(len(f["indicators"]) + len(f["funds"]) for f in key_forms(key))
        res.planted_total = len(key["planted"])
        return res
    compare_records(key, rep, res)
    if planted:
        compare_planted(key, rep, res)
    return res
