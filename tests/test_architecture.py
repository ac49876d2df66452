"""The import contract (architecture.md): data flows read → understand → checks → render,
the score reads facts and never checks, checks never import each other, and nothing but
the Report itself keeps computed facts on the Report.  An AST walk over src/narrcheck."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "narrcheck"

# layer of each top-level package/module; "base" modules may be imported by anyone
# outputs: safe output paths; evidence: the rules' presentation metadata (Chinese labels of their evidence);
# decisions: the identity of a finding (fingerprint) and what a reviewer decided about it
BASE = {"model", "errors", "findings", "config", "cache", "outputs", "evidence", "decisions", ""}
# what each layer may import besides BASE (nlp is the language support of understanding:
# understand and nlp use each other, both lazily)
ALLOWED = {
    "read": {"read"},
    "nlp": {"nlp", "understand"},
    "understand": {"understand", "nlp"},
    "checks": {"checks", "understand", "nlp"},
    "score": {"score", "understand", "nlp"},
    "render": {"render", "read"},     # render/docx walks the original .docx to place comments
}
# known crossings, each with its reason; the test fails on any other
EXCEPTIONS = {
    ("narrcheck.read.xlsx", "narrcheck.understand.forms"): "a workbook with no recognisable form is refused at read time",
    ("narrcheck.read.pdf", "narrcheck.understand.forms"): "header rows of a PDF table are told by the header vocabulary",
    ("narrcheck.read.pdfcols", "narrcheck.understand.forms"): "a PDF table without ruling lines is found by its header row",
}
# helper modules of the checks package that any check may import (no reasoning about a report)
CHECK_SHARED = {"narrcheck.checks.registry", "narrcheck.checks._util"}
# check families that share one analysis and so one module imports the other
CHECK_FAMILIES = {
    ("narrcheck.checks.unsupported", "narrcheck.checks.vague"):
        "NC250–NC256 and NC200–NC208 are one analysis giving each cell or clause at most one verdict",
}


def _module(p: Path) -> str:
    parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(p: Path):
    mod = _module(p)
    pkg = mod if p.name == "__init__.py" else mod.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("narrcheck"):
                continue
            here = SRC.parent.joinpath(*target.split("."))
            subs = [a.name for a in node.names if here.joinpath(a.name).is_dir()
                    or here.joinpath(a.name + ".py").is_file()]
            # from . import x / from .. import checks as pkg: the names are modules
            yield from ([f"{target}.{n}" for n in subs] if subs else [target])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("narrcheck"):
                    yield a.name


def _layer(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else ""


def _all_imports():
    for p in sorted(SRC.rglob("*.py")):
        mod = _module(p)
        for t in _imports(p):
            yield mod, t


def layer_violations(edges) -> list[str]:
    out = []
    for mod, t in edges:
        a, b = _layer(mod), _layer(t)
        if a not in ALLOWED or b in BASE or (mod, t) in EXCEPTIONS:
            continue
        if b not in ALLOWED[a]:
            out.append(f"{mod} imports {t} ({a} → {b})")
    return out


def check_violations(edges) -> list[str]:
    out = []
    for mod, t in edges:
        if not (mod.startswith("narrcheck.checks.") and t.startswith("narrcheck.checks.")):
            continue
        if mod in CHECK_SHARED or t in CHECK_SHARED or t == mod or (mod, t) in CHECK_FAMILIES:
            continue
        out.append(f"{mod} imports {t}")
    return out


def test_layers_import_one_way():
    assert layer_violations(_all_imports()) == []


def test_checks_do_not_import_each_other():
    assert check_violations(_all_imports()) == []


def test_contract_catches_a_backward_and_a_sideways_import():
    # the contract itself: an understand module importing a check, the score importing a
    # check, a renderer importing the score, and one check importing another are all caught
    bad = [("narrcheck.understand.facts.tables", "narrcheck.checks.figures_arithmetic"),
           ("narrcheck.score.components", "narrcheck.checks.vague"),
           ("narrcheck.render.html", "narrcheck.score")]
    assert len(layer_violations(bad)) == 3
    assert check_violations([("narrcheck.checks.figures_scoring", "narrcheck.checks.vague")]) != []
    assert check_violations([("narrcheck.checks.figures_scoring", "narrcheck.checks._util")]) == []


@pytest.mark.parametrize("path", sorted(p for p in SRC.rglob("*.py") if p.parent.name != "facts"),
                         ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_caches_onto_the_report(path):
    # computed facts live in report.facts (understand.facts); no module sets ad-hoc
    # attributes such as report._nc_… or form._nc_…
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        for t in targets:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in ("report", "form") \
                    and t.attr.startswith("_"):
                bad.append(f"line {t.lineno}: {t.value.id}.{t.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" and \
                node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in ("report", "form"):
            bad.append(f"line {node.lineno}: setattr({node.args[0].id}, …)")
    assert bad == []


def test_facts_are_computed_once_per_report():
    from narrcheck.read.text import parse_text
    from narrcheck.understand.facts import quantities, table_facts
    from narrcheck.understand.report import understand

    rep = understand(parse_text("2023年度部门整体支出绩效自评报告\n全年支出1200.00万元，其中基本支出800.00万元。\n",
                                path="x.txt"))
    assert quantities(rep) is quantities(rep) is rep.facts.quantities
    assert table_facts(rep) is rep.facts.table
    assert not [n for n in vars(rep) if n.startswith("_nc_")]
