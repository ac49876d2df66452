"""Indexes that keep rules linear (issue 16) return every candidate the brute force would.

NC303 compares a narrative count only with the indicator rows its index returns (same unit
class, and the same key, a shared run of three characters, or the same characters); the
name rule ``_names_match`` must never accept a row the index left out, on real reports
glued into one long report (many forms, many counts)."""
from __future__ import annotations

from pathlib import Path

from narrcheck.checks.figures_mismatch import _UNIT_CLASS, _RowIndex, _key, _names_match
from narrcheck.read.text import parse_text
from narrcheck.understand.facts import quantities
from narrcheck.understand.report import understand

ROOT = Path(__file__).resolve().parents[1]


def _glued():
    texts = [p.read_text(encoding="utf-8") for folder in ("corpora/seeds", "tests/fixtures/dept")
             for p in sorted((ROOT / folder).glob("*.txt"))]
    return understand(parse_text("\n".join(texts), path="glued.txt"))


def test_nc303_index_keeps_every_row_the_name_rule_accepts():
    rep = _glued()
    rows = [(r, _key(r.name)) for f in rep.indicator_forms for r in f.indicators
            if not r.empty and r.actual.unit and len(_key(r.name)) >= 2]
    index = _RowIndex(rows)
    keys = {(_key(q.label), q.unit) for q in quantities(rep) if q.kind == "count" and len(_key(q.label)) >= 2}
    assert len(rows) > 50 and len(keys) > 50
    accepted = 0
    for qk, unit in keys:
        got = {id(r) for r, _ in index.candidates(qk, unit)}
        for r, k in rows:
            if _UNIT_CLASS.get(r.actual.unit, r.actual.unit) == _UNIT_CLASS.get(unit, unit) and _names_match(qk, k):
                accepted += 1
                assert id(r) in got, (qk, k)
    assert accepted > 0
    # an anagram (no shared run of three characters) is found through the sorted characters
    assert _names_match("培训农民", "农民培训")
    ix = _RowIndex([(rows[0][0], "农民培训")])
    assert ix.candidates("培训农民", rows[0][0].actual.unit)


def _funds_for_scan(report, form):
    """The definition: the last funds form of the same title on one of the form's tables (the last
    with rows, if any has rows: an empty one is a misread header), else the last with rows of the same title
    and project."""
    cands = [f for f in report.forms if f.kind == "funds" and f.title == form.title
             and (f.table in form.tables or f.table == form.table)]
    if cands:
        cands = [f for f in cands if f.funds] or cands
    else:
        cands = [f for f in report.forms if f.kind == "funds" and f.title == form.title and f.project == form.project
                 and f.funds]
    return cands[-1] if cands else None


def test_form_index_pairs_funds_forms_as_the_scan_does():
    from narrcheck.understand.facts import funds_for

    rep = _glued()
    forms = rep.forms
    paired = [f for f in forms if _funds_for_scan(rep, f) is not None]
    assert len(forms) > 20 and len(paired) > 5, (len(forms), len(paired))
    for f in forms:
        assert funds_for(rep, f) is _funds_for_scan(rep, f)
        want = [t for t in rep.document.tables if t.number in (f.tables or [f.table])]
        assert sorted(id(t) for t in rep.facts.forms.tables_of(f)) == sorted(id(t) for t in want)


def test_form_index_last_form_and_project_fallback():
    from types import SimpleNamespace as NS

    from narrcheck.understand.facts import FormIndex

    def form(kind, title, table, tables=(), project="", funds=("row",)):
        return NS(kind=kind, title=title, table=table, tables=list(tables), project=project,
                  funds=list(funds) if kind == "funds" else [])

    t = "2024年度项目支出绩效自评表"
    forms = [form("funds", t, 1), form("funds", t, 2), form("funds", t, 1),          # two on table 1: the last
             form("funds", t, 1, funds=()),                                          # an empty one after: not it
             form("funds", t, 7, project="乡村道路"), form("funds", t, 8, project="乡村道路"),
             form("funds", "其他表", 3),
             form("indicator", t, 1, [1, 2]), form("indicator", t, 5, project="乡村道路"),
             form("indicator", t, 6, project="农田水利"), form("indicator", "其他表", 3)]
    rep = NS(forms=forms, document=NS(tables=[]))
    ix = FormIndex(rep)
    got = [ix.funds_for(f) for f in forms[7:]]
    assert got == [_funds_for_scan(rep, f) for f in forms[7:]]
    assert got[0] is forms[2] and got[1] is forms[5] and got[2] is None and got[3] is forms[6]


def test_form_index_pairs_a_funds_block_in_a_table_of_its_own():
    """Text copies: 项目名称 and the funds rows in one table, the goal block and the indicators in the next
    ones: the funds block just before pairs with the indicator form, unless another indicator form, title
    or project stands between them; an empty funds form (a misread header row) pairs with nothing but its table."""
    from types import SimpleNamespace as NS

    from narrcheck.understand.facts import FormIndex

    def form(kind, title, table, project="", funds=("row",)):
        return NS(kind=kind, title=title, table=table, tables=[table], project=project,
                  funds=list(funds) if kind == "funds" else [])

    forms = [form("funds", "", 0, project="农田水利"), form("goal", "", 1), form("indicator", "", 2),
             form("indicator", "", 3),
             form("funds", "", 4, project="乡村道路"), form("indicator", "", 5, project="农田水利"),
             form("funds", "", 6, funds=()), form("indicator", "", 7)]
    ix = FormIndex(NS(forms=forms, document=NS(tables=[])))
    assert [ix.funds_for(f) for f in (forms[2], forms[3], forms[5], forms[7])] == [forms[0], None, forms[0], None]


def test_batch_rules_build_one_cross_report_index(monkeypatch):
    """NC151 and NC152 read the same passages of the same reports: one index, built once,
    unless a report is a version of another (NC152 then leaves the later version out)."""
    import narrcheck.checks.duplicate as dup
    from narrcheck.checks.registry import run_batch_checks
    from narrcheck.config import Config

    built = []

    class Counting(dup.CrossIndex):
        def __init__(self, **kw):
            built.append(kw)
            super().__init__(**kw)

    monkeypatch.setattr(dup, "CrossIndex", Counting)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora/seeds").glob("*.txt"))[:4]]
    # every report report shares a passage with the first: NC151 has something to find
    shared = "预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况。"
    reps = [understand(parse_text(t + "\n" + shared, path=f"r{i}.txt")) for i, t in enumerate(texts)]
    found = run_batch_checks(reps, Config())
    assert any(f.rule == "NC151" for _, f in found)
    assert len(built) == 1
    built.clear()
    again = reps + [understand(parse_text(texts[0] + "\n" + shared, path="r0_copy.txt"))]   # a version of r0
    found = run_batch_checks(again, Config())
    assert any(f.rule == "NC152" for _, f in found)
    assert len(built) == 2


def test_batch_digest_keeps_only_the_passages_and_finds_the_same():
    """The digest a worker parks for the batch rules keeps the chunks that can be cross-report
    passages (and the chunk indices); the batch rules find the same on digests as on reports."""
    from narrcheck.batch import digest
    from narrcheck.checks.duplicate import passages
    from narrcheck.checks.registry import run_batch_checks
    from narrcheck.config import Config

    shared = "预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况。"
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora/seeds").glob("*.txt"))[:4]]
    reps = [understand(parse_text(t + "\n" + shared, path=f"r{i}.txt")) for i, t in enumerate(texts)]
    cfg = Config()
    digs = [digest(r, cfg) for r in reps]
    for r, d in zip(reps, digs):
        assert len(d.chunks) == len(r.chunks)
        kept = [c for c in d.chunks if c.text]
        assert len(kept) < len(r.chunks) / 3
        assert passages(d) == passages(r)
    full = [(i, f.rule, f.message, f.text, f.location, f.evidence) for i, f in run_batch_checks(reps, cfg)]
    slim = [(i, f.rule, f.message, f.text, f.location, f.evidence) for i, f in run_batch_checks(digs, cfg)]
    assert full and slim == full
    # a shorter min_chars keeps shorter passages in the digest
    short = Config(thresholds={"NC151": {"min_chars": 10}})
    assert sum(1 for c in digest(reps[0], short).chunks if c.text) > sum(1 for c in digs[0].chunks if c.text)


def test_a_checked_report_does_not_carry_its_figure_facts_into_the_batch():
    """The figure facts serve the checks; the spool, the results cache and the scoring do not
    need them (they are rebuilt when read)."""
    from narrcheck.batch import analyse
    from narrcheck.config import Config

    src = sorted((ROOT / "corpora/seeds").glob("*.txt"))[1]
    res = analyse(str(src), Config(), score=True)
    assert res.error is None and res.findings and res.score
    assert "facts" not in res.report.__dict__
    assert res.report.facts.quantities                      # rebuilt on demand


def test_batch_findings_kept_as_they_come_and_a_failing_rule_keeps_none(monkeypatch):
    import pickle

    import narrcheck.checks.registry as registry
    from narrcheck.config import Config

    shared = "预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况。"
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora/seeds").glob("*.txt"))[:4]]
    reps = [understand(parse_text(t + "\n" + shared, path=f"r{i}.txt")) for i, t in enumerate(texts)]
    cfg = Config()
    plain = registry.run_batch_checks(reps, cfg)
    kept = registry.run_batch_checks(reps, cfg, keep=lambda p: (p[0], pickle.dumps(p[1])))
    assert any(f.rule == "NC151" for _, f in plain)
    assert [(i, pickle.loads(b).to_dict()) for i, b in kept] == [(i, f.to_dict()) for i, f in plain]
    # a batch rule that fails half-way: none of its findings, a note for every report
    rule = registry.load_all()["NC151"]
    real = rule.func

    def broken(reports, ctx):
        for pair in real(reports, ctx):
            yield pair
            raise RuntimeError("boom")

    monkeypatch.setattr(rule, "func", broken)
    notes: list = []
    got = registry.run_batch_checks(reps, cfg, notes, keep=lambda p: p)
    assert notes and not any(f.rule == "NC151" for _, f in got)
    assert sorted((i, f.message) for i, f in got) == sorted((i, f.message) for i, f in plain if f.rule != "NC151")
