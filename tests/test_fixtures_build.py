"""scripts/build_docx.py and scripts/build_fixtures.py: the .docx corpora.

Builds everything into a tmp dir and checks the structure with python-docx and
narrcheck.read.docx.read_docx, that cell texts survive exactly, and that the
committed files under corpora/ are what the scripts produce.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from narrcheck.model import Paragraph, Table
from narrcheck.read.docx import read_docx
from narrcheck.read.text import parse_text

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
SEEDS = ROOT / "corpora" / "seeds"
COMMITTED = ROOT / "corpora"


def _load(name: str):
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


bd = _load("build_docx")
bf = _load("build_fixtures")

SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))
FIXTURE_NAMES = [fx.name for fx in bf.FIXTURES]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpora")
    subprocess.run([sys.executable, str(SCRIPTS / "build_docx.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    return out


def _text_doc(name: str):
    return parse_text((SEEDS / f"{name}.txt").read_text(encoding="utf-8"), path=name)


def _nonempty(table: Table) -> Counter:
    return Counter(c.text for c in table.cells() if c.text)


# ---------------------------------------------------------------------------
# seeds
# ---------------------------------------------------------------------------

def test_special_layouts_are_recorded():
    assert set(bd.TWO_ROW_HEADER) <= set(SEED_NAMES) and bd.TWO_ROW_HEADER
    assert set(bd.SPLIT_TABLE) <= set(SEED_NAMES) and bd.SPLIT_TABLE


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_docx_tables_and_paragraphs(built, name):
    path = built / "docx" / f"{name}.docx"
    assert path.exists()
    t = _text_doc(name)
    extra = 1 if name in bd.SPLIT_TABLE else 0
    # count w:tbl elements with python-docx (a reader may later join split tables)
    assert len(docx.Document(str(path)).tables) == len(t.tables) + extra
    d = read_docx(str(path))
    assert len(d.tables) in {len(t.tables) + extra, len(t.tables)}
    # paragraphs in order; the split seed has one extra empty paragraph between the tables
    dp = [p.text for p in d.paragraphs]
    tp = [p.text for p in t.paragraphs]
    if extra and "" in dp and len(dp) == len(tp) + 1:
        dp.remove("")
    assert dp == tp


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_every_real_cell_text_survives(built, name):
    t = _text_doc(name)
    d = read_docx(str(built / "docx" / f"{name}.docx"))
    split = bd.SPLIT_TABLE.get(name)
    if split and len(d.tables) == len(t.tables):
        split = None          # the reader joined the split table back into one
    di = 0
    for ti, tt in enumerate(t.tables):
        if split and split["table"] == ti:
            got = _nonempty(d.tables[di]) + _nonempty(d.tables[di + 1])
            di += 2
        else:
            got = _nonempty(d.tables[di])
            dt = d.tables[di]
            di += 1
            if bd.TWO_ROW_HEADER.get(name) != ti and not dt.source_tables and not (
                    name in bd.SPLIT_TABLE and bd.SPLIT_TABLE[name]["table"] == ti):
                # untouched layout: every non-empty cell at the same place with the same colspan
                want = {(c.row, c.col, c.colspan, c.text) for c in tt.cells() if c.text}
                have = {(c.row, c.col, c.colspan, c.text) for c in dt.cells() if c.text}
                assert want == have
        missing = _nonempty(tt) - got
        assert not missing, f"table {ti}: texts missing from docx: {list(missing)[:5]}"
        # and nothing but empty cells was merged away: same number of non-empty cells, or more
        assert sum(got.values()) >= sum(_nonempty(tt).values())


def test_seed_vertical_merges(built):
    total = 0
    for name in SEED_NAMES:
        t = _text_doc(name)
        d = read_docx(str(built / "docx" / f"{name}.docx"))
        spans = [c for tb in d.tables for c in tb.cells() if c.rowspan > 1]
        total += len(spans)
        if any("三级指标" in c.text for tb in t.tables for c in tb.cells()):
            assert spans, f"{name}: indicator block without vertical merges"
            # level-1 labels span their rows
            assert any(c.text.startswith(("产出", "投")) and c.rowspan > 1 for c in spans), name
    assert total > 10
    # raw XML: w:vMerge restart/continue and w:gridSpan are really there
    doc = docx.Document(str(built / "docx" / f"{SEED_NAMES[0]}.docx"))
    xml = doc.element.body.xml
    assert 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml
    assert "w:gridSpan" in xml


def test_seed_two_row_header(built):
    (name, ti), = bd.TWO_ROW_HEADER.items()
    d = read_docx(str(built / "docx" / f"{name}.docx"))
    tb = d.tables[ti]
    top = next(r for r, row in enumerate(tb.rows) if any(c.text == "指标值" for c in row))
    head = {c.text.replace("\n", ""): c for c in tb.rows[top]}
    ind = head["指标值"]
    assert ind.colspan == 2 and ind.rowspan == 1
    for label in ("一级指标", "三级指标", "分值"):
        assert head[label].rowspan >= 2, label
    below = {c.col: c.text.replace("\n", "") for c in tb.rows[top + 1]}
    assert below == {ind.col: "年度指标值", ind.col + 1: "实际完成值"}
    # 二级指标 may be printed broken ("二级指\n标"); it also spans both header rows
    assert any(k.startswith("二级指") and c.rowspan >= 2 for k, c in head.items())


def test_seed_split_table(built):
    (name, spec), = bd.SPLIT_TABLE.items()
    path = built / "docx" / f"{name}.docx"
    k = spec["table"]
    t = _text_doc(name).tables[k]
    # raw structure with python-docx: tbl, one empty w:p, tbl
    raw = docx.Document(str(path))
    body = list(raw.element.body.iterchildren())
    tbl_pos = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
    i, j = tbl_pos[k], tbl_pos[k + 1]
    assert j == i + 2 and body[i + 1].tag == qn("w:p")
    assert "".join(x.text or "" for x in body[i + 1].iter(qn("w:t"))) == ""
    ta, tb = raw.tables[k], raw.tables[k + 1]
    assert len(ta.columns) == len(tb.columns) == t.ncols
    assert len(ta.rows) == spec["at_row"]
    if spec["repeat_header_row"] is not None:
        assert len(tb.rows) == t.nrows - spec["at_row"] + 1
        assert tb.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # and as read by narrcheck (unless the reader joins split tables)
    d = read_docx(str(path))
    if len(d.tables) == len(_text_doc(name).tables):
        return
    a, b = d.tables[k], d.tables[k + 1]
    between = d.blocks[a.block + 1: b.block]
    assert len(between) == 1 and isinstance(between[0], Paragraph) and between[0].text == ""
    assert a.nrows == spec["at_row"]
    if spec["repeat_header_row"] is not None:
        assert [c.text for c in b.rows[0]] == [c.text for c in t.rows[spec["repeat_header_row"]]]


def test_fonts_are_east_asian(built):
    for path in [built / "docx" / f"{SEED_NAMES[0]}.docx", built / "fixtures" / f"{FIXTURE_NAMES[0]}.docx"]:
        with zipfile.ZipFile(path) as z:
            styles = z.read("word/styles.xml").decode("utf-8")
            body = z.read("word/document.xml").decode("utf-8")
        assert 'w:eastAsia="宋体"' in styles
        assert 'w:eastAsia="宋体"' in body


# ---------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------

def test_fixture_data_is_consistent():
    errs = [e for fx in bf.FIXTURES for e in bf.verify(fx)]
    assert not errs, errs
    assert len(bf.FIXTURES) >= 3
    assert len({fx.province for fx in bf.FIXTURES}) == len(bf.FIXTURES)
    assert len({fx.year for fx in bf.FIXTURES}) == len(bf.FIXTURES)
    cats = {p.category for fx in bf.FIXTURES for p in fx.problems}
    assert cats == set(bf.CATEGORIES)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_txt_and_docx_agree(built, name):
    d = read_docx(str(built / "fixtures" / f"{name}.docx"))
    t = parse_text((built / "fixtures" / f"{name}.txt").read_text(encoding="utf-8"), path=name)
    assert [p.text for p in d.paragraphs] == [p.text for p in t.paragraphs]
    assert len(d.tables) == len(t.tables) >= 1
    for dt, tt in zip(d.tables, t.tables):
        assert dt.ncols == tt.ncols and dt.nrows == tt.nrows
        assert _nonempty(dt) == _nonempty(tt)
    assert any(c.rowspan > 1 for tb in d.tables for c in tb.cells())


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_problem_texts_are_in_the_docx(built, name):
    fx = next(f for f in bf.FIXTURES if f.name == name)
    d = read_docx(str(built / "fixtures" / f"{name}.docx"))
    paras = [p.text for p in d.paragraphs]
    cells = [c.text for tb in d.tables for c in tb.cells()]
    for p in fx.problems:
        pool = paras if p.place == "paragraph" else cells
        n = sum(x.count(p.text) for x in pool)
        assert n >= p.occurrences, (p.id, p.text, n)
    for c in fx.correct:
        assert any(c.text in x for x in paras + cells), c.id


def test_fixture_header_variants_present(built):
    texts = Counter()
    for name in FIXTURE_NAMES:
        d = read_docx(str(built / "fixtures" / f"{name}.docx"))
        texts.update({c.text for tb in d.tables for c in tb.cells()})
        texts.update({p.text for p in d.paragraphs})
    for needed in ("指标性质", "度量单位", "调整后预算数", "年初预算数", "得分系数(%)", "未完成原因分析及改进措施",
                   "年度资金总额", "其中：财政拨款", "上年结转资金", "其他资金", "正向", "反向", "≥", "≤",
                   "2022年度部门整体支出绩效评价基础数据表"):
        assert needed in texts, needed


def test_manifest(built):
    md = (built / "fixtures" / "MANIFEST.md").read_text(encoding="utf-8")
    data = json.loads((built / "fixtures" / "manifest.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in data["fixtures"]] == FIXTURE_NAMES
    for fx in bf.FIXTURES:
        assert f"## `{fx.name}`" in md
        for p in fx.problems:
            assert f"| {p.id} | `{p.category}` |" in md


# ---------------------------------------------------------------------------
# determinism and committed files
# ---------------------------------------------------------------------------

def _zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_build_is_deterministic(built, tmp_path):
    subprocess.run([sys.executable, str(SCRIPTS / "build_docx.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, cwd=ROOT)
    for sub in ("docx", "fixtures"):
        for f in sorted((built / sub).iterdir()):
            assert f.read_bytes() == (tmp_path / sub / f.name).read_bytes(), f.name


@pytest.mark.parametrize("sub", ["docx", "fixtures"])
def test_committed_corpora_are_up_to_date(built, sub):
    fresh = sorted(p.name for p in (built / sub).iterdir())
    committed = sorted(p.name for p in (COMMITTED / sub).iterdir()) if (COMMITTED / sub).exists() else []
    assert committed == fresh, "run: .venv/bin/python scripts/build_docx.py"
    for name in fresh:
        a, b = built / sub / name, COMMITTED / sub / name
        if name.endswith(".docx"):
            # compare the extracted parts (document XML etc.), not the zip bytes
            assert _zip_parts(a) == _zip_parts(b), f"{sub}/{name} is stale: run scripts/build_docx.py"
        else:
            assert a.read_bytes() == b.read_bytes(), f"{sub}/{name} is stale: run scripts/build_docx.py"
