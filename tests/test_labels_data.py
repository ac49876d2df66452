"""The labelled data in corpora/labels/ covers the current parse of seeds and fixtures.

Runs ``scripts/extract_label_items.py``'s check: every sentence chunk and every
indicator/goal cell of corpora/seeds and corpora/fixtures has a label in
vague.jsonl, every non-empty indicator row has a rating in indicators.jsonl,
texts match the parse, ids are unique, labels/flags/ratings are in their sets.
When the parser or a fixture changes, run
``python scripts/extract_label_items.py --update`` and label the new items.
"""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "corpora" / "labels"


def _load_script():
    spec = importlib.util.spec_from_file_location("extract_label_items", ROOT / "scripts" / "extract_label_items.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


E = _load_script()


@pytest.fixture(scope="module")
def items():
    return E.all_items()


@pytest.fixture(scope="module")
def check(items):
    return E.check(items=items)


@pytest.fixture(scope="module")
def vague():
    return E.read_jsonl(LABELS / "vague.jsonl")


@pytest.fixture(scope="module")
def indicators():
    return E.read_jsonl(LABELS / "indicators.jsonl")


def _show(v):
    return "\n".join(map(str, v[:20])) + (f"\n… {len(v)} in all" if len(v) > 20 else "")


@pytest.mark.parametrize("key", ["missing_text", "stale_text", "text_mismatch", "bad_text"])
def test_text_items_labelled(check, key):
    assert not check[key], f"{key} (run scripts/extract_label_items.py --update and label):\n{_show(check[key])}"


@pytest.mark.parametrize("key", ["missing_ind", "stale_ind", "ind_mismatch", "bad_ind"])
def test_indicators_rated(check, key):
    assert not check[key], f"{key} (run scripts/extract_label_items.py --update and rate):\n{_show(check[key])}"


def test_counts(vague, indicators, items):
    texts, inds = items
    assert len(texts) >= 600 and len(vague) >= 600
    assert len(indicators) >= 300
    assert len({r["id"] for r in indicators if r["source"] != "written"}) == len(inds)


def test_every_report_contributes(items, vague):
    texts, inds = items
    sources = {p.name for p in E.report_paths()}
    assert sources == {t["source"] for t in texts}
    assert {r["source"] for r in vague} == sources


def test_sets_and_uniqueness(vague, indicators):
    assert len({r["id"] for r in vague}) == len(vague)
    assert len({r["id"] for r in indicators}) == len(indicators)
    also = [a for r in vague for a in r.get("also", [])]
    assert len(set(also)) == len(also)
    assert not set(also) & {r["id"] for r in vague}
    for r in vague:
        assert r["label"] in E.TEXT_LABELS, r["id"]
        assert set(r.get("flags", [])) <= set(E.TEXT_FLAGS), r["id"]
        assert r["kind"] in ("sentence", "cell")
        assert r["text"].strip()
    for r in indicators:
        assert r["rating"] in E.RATINGS, r["id"]
        assert r["why"].strip(), r["id"]
        for k in E.IND_FIELDS:
            assert k in r, (r["id"], k)


def test_label_distribution(vague, indicators):
    c = Counter(r["label"] for r in vague)
    assert min(c.values()) >= 100, c            # every class is represented
    r = Counter(x["rating"] for x in indicators)
    assert min(r[k] for k in E.RATINGS) >= 40, r  # ratings spread over 1–5
    w = [x for x in indicators if x["source"] == "written"]
    assert {x["type"] for x in w} >= {"数量", "质量", "时效", "成本", "满意度", "社会效益", "经济效益", "生态效益", "可持续影响"}


def _label(vague, source_prefix, field, text):
    hits = [r for r in vague if r["source"].startswith(source_prefix) and r["field"] == field
            and r["text"].strip() == text]
    assert len(hits) == 1, (source_prefix, field, text, len(hits))
    return hits[0]


def test_pinned_examples(vague):
    # the cases named in issue 4 and GUIDELINES_vague.md
    assert _label(vague, "004", "target", "效果明显")["label"] == "vague"
    assert _label(vague, "001", "target", "办文办会及时高效")["label"] == "vague"
    assert _label(vague, "000", "goal_actual", "已完成")["label"] == "vague"
    r = _label(vague, "003", "", "全年预计办理文件6205件（其中省市2426件、区级3779件），组织各类会议965场（区政府党组会18次、"
                                 "区政府常务会议17次、区长办公会16次、区长碰头会45次），以区政府名义发文206件，实现零失误。")
    assert r["label"] == "specific" and "estimate" in r["flags"]
    assert _label(vague, "004", "", "严把行文、运转、审批关，全年办理各类文件386件，精简类文件比去年同期减少15％；")["label"] == "specific"
    assert _label(vague, "004", "actual", "96%")["label"] == "specific"
    assert _label(vague, "002", "target", "≤万元")["flags"] == ["placeholder"]
    assert _label(vague, "000", "", "负责禁毒委员会日常工作；")["label"] == "neutral"


def test_also_ids_point_to_same_text(vague):
    # merged duplicates share report, field and text hash; only kind and occurrence differ
    for r in vague:
        stem, _, fld, th, _ = r["id"].split(":")
        for a in r.get("also", []):
            s2, _, f2, t2, _ = a.split(":")
            assert (s2, f2, t2) == (stem, fld, th), (r["id"], a)


def test_jsonl_is_one_object_per_line():
    for name in ("vague.jsonl", "indicators.jsonl"):
        for n, line in enumerate((LABELS / name).read_text(encoding="utf-8").splitlines(), 1):
            assert isinstance(json.loads(line), dict), (name, n)
