"""NLP layer: segmentation, sentences, clauses, vague lexicon, measurability.

The passages are real text from corpora/seeds/*.txt.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from narrcheck.nlp import clauses as C
from narrcheck.nlp import lexicon as L
from narrcheck.nlp import segment as S

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEEDS:
        pytest.skip("no seed corpus")
    return "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)


@pytest.fixture(scope="module")
def lex() -> L.Lexicon:
    return L.Lexicon.load()


# --- lazy imports ------------------------------------------------------------

def test_import_is_lazy():
    code = (
        "import sys\n"
        "import narrcheck, narrcheck.nlp.segment, narrcheck.nlp.clauses, narrcheck.nlp.lexicon\n"
        "from narrcheck.nlp.lexicon import is_vague\n"
        "is_vague('效果明显')\n"
        "print(sorted(m for m in ('jieba', 'spacy', 'torch', 'thinc') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# --- segmentation --------------------------------------------------------------

@pytest.mark.parametrize("word", ["三公经费", "政府工作报告", "办文办会", "部门整体支出", "专款专用",
                                  "预算执行率", "自评", "公用经费", "效果明显"])
def test_userdict_words_stay_whole(word):
    text = f"区政府办{word}，全年支出90万元。"
    assert word in S.cut(text)


def test_seed_segmentation_keeps_domain_words():
    words = S.cut("严格控制三公经费支出，完成政府工作报告等重要会议、活动文字材料撰写")
    assert "三公经费" in words and "政府工作报告" in words
    assert len(S.userdict_words()) >= 80


def test_cut_with_spans_offsets_full_width():
    text = "全年办理各类文件１２３件，满意度≧９０％，三公经费支出减少"
    spans = S.cut_with_spans(text)
    assert "".join(w for w, _, _ in spans) == text
    for w, s, e in spans:
        assert text[s:e] == w
    assert "１２３" in [w for w, _, _ in spans]  # normalised before cutting: one token


def test_private_tokenizer_is_cached_and_not_global():
    import jieba
    tk = S.tokenizer()
    assert tk is S.tokenizer()
    assert tk is not jieba.dt
    assert not str(Path(tk.tmp_dir).resolve()).startswith(str(ROOT))


def test_spacy_blank_zh_offline():
    nlp = S.nlp()
    assert nlp is S.nlp()
    assert nlp.lang == "zh"
    text = "2022年度《政府工作报告》汇报得到了人大代表一致肯定，严格控制三公经费支出。"
    doc = nlp(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx:tok.idx + len(tok.text)] == tok.text
    toks = [t.text for t in doc]
    assert "三公经费" in toks and "政府工作报告" in toks


# --- sentences and clauses ----------------------------------------------------

def test_sentences_exact_offsets():
    text = ("  一是精心办文办会。严把行文、运转、审批关，全年办理各类文件386件，精简类文件比去年同期减少15％；"
            "接收、传阅各种公文1083件！\n\t　效果明显\n\n是否达标？是")
    spans = S.sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == ["一是精心办文办会。",
                   "严把行文、运转、审批关，全年办理各类文件386件，精简类文件比去年同期减少15％；",
                   "接收、传阅各种公文1083件！", "效果明显", "是否达标？", "是"]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()


def test_sentences_on_seeds(seed_text):
    spans = S.sentences(seed_text)
    assert len(spans) > 500
    prev = 0
    for s, e in spans:
        assert prev <= s < e
        assert seed_text[s:e].strip() == seed_text[s:e]
        prev = e


def test_clauses_split_only_between_verbs():
    text = "圆满完成全年工作任务，提高了财政资金使用绩效，促进了管理效能提升。"
    assert [text[s:e] for s, e in C.clauses(text)] == [
        "圆满完成全年工作任务", "提高了财政资金使用绩效", "促进了管理效能提升。"]
    text = "2024年，区政府办严格执行预算，财务管理规范"
    assert [text[s:e] for s, e in C.clauses(text)] == ["2024年，区政府办严格执行预算", "财务管理规范"]
    text = "效果明显，满意度≧９０％"  # neither side has a verb: one clause
    assert C.clauses(text) == [(0, len(text))]


def test_clauses_table_cell_is_one_clause():
    text = "　效果明显，满意度90%"
    assert C.clauses(text, cell=True) == [(1, len(text))]
    assert C.clauses("  \t", cell=True) == []


# --- lexicon -------------------------------------------------------------------

def test_lexicon_groups(lex):
    data = json.loads(L.LEXICON_PATH.read_text(encoding="utf-8"))
    assert set(data["groups"]) == {"degree", "effect", "compliance", "verb_object", "slogan",
                                   "deviation", "estimate"}
    for name, g in data["groups"].items():
        assert g["description"] and g["suggestion"], name
    assert lex.vague_groups == {"degree", "effect", "compliance", "verb_object"}
    assert L.Lexicon.load() is lex


VAGUE = [
    "效果明显",
    "进一步提高水质量改善",
    "办文办会及时高效",
    "助力营商环境不断优化，起到示范作用",
    "圆满完成全年工作任务，提高了财政资金使用绩效，促进了管理效能提升",
    "全面提高服务能力水平，助推社会和谐稳定",
    "严格执行经费审批制度、报销程序",
]
NOT_VAGUE = [
    "全年办理各类文件386件",
    "采用率达40%",
    "民调群众满意率90.9%",
    "精简类文件比去年同期减少15％",
    "文稿合格率≥98%",
    "进一步提高至95%",
    "154件建议、提案圆满完成办理",
    "2022年度《政府工作报告》汇报得到了人大代表一致肯定，全票通过。",
]


@pytest.mark.parametrize("text", VAGUE)
def test_vague(text):
    vague, hits, _signals = L.is_vague(text)
    assert vague
    assert hits
    for h in hits:
        assert text[h.start:h.end] == h.phrase


@pytest.mark.parametrize("text", NOT_VAGUE)
def test_not_vague(text):
    vague, _hits, signals = L.is_vague(text)
    assert not vague
    assert signals


def test_verb_object_and_groups(lex):
    hits = lex.match("进一步提高服务水平")
    assert {h.group for h in hits} == {"degree", "verb_object"}
    assert [h.phrase for h in hits] == ["进一步", "提高服务水平"]
    assert [h.phrase for h in lex.match("促进了管理效能提升")] == ["管理效能提升"]
    # verb and object in different clauses: no verb_object hit
    assert not [h for h in lex.match("提高了，水平") if h.group == "verb_object"]


def test_match_offsets_on_original_full_width(lex):
    text = "效果明显，满意度≧９０％；　进一步提高服务水平，成效显著"
    hits = lex.match(text)
    assert [h.phrase for h in hits] == ["效果明显", "进一步", "提高服务水平", "成效显著"]
    for h in hits:
        assert text[h.start:h.end] == h.phrase
    sigs = L.measurability(text)
    assert [(s.kind, s.text) for s in sigs] == [("comparator", "≧"), ("quantity", "９０％")]
    for s in sigs:
        assert text[s.start:s.end] == s.text


def test_no_overlaps_and_exclusions(lex, seed_text):
    hits = lex.match(seed_text)
    assert len(hits) > 100
    for a, b in zip(hits, hits[1:]):
        assert a.end <= b.start
    for h in hits:
        assert seed_text[h.start:h.end] == h.phrase
    # indicator name, not the degree word 持续; names inside 《》 are not claims
    assert not lex.match("可持续影响指标")
    assert not lex.match("《积极推进涉农资金整合取得明显成效》")


def test_slogan_only_counts_for_density(lex):
    text = "凝心聚力、攻坚克难，服务大局"
    assert {h.group for h in lex.match(text)} == {"slogan"}
    assert not L.is_vague(text)[0]
    assert lex.density(text) > 0


def test_bare_cell_values(lex):
    assert [h.group for h in lex.match(" 无 ", cell=True)] == ["deviation"]
    assert [h.group for h in lex.match("是", cell=True)] == ["compliance"]
    assert L.is_vague("是", cell=True)[0]
    assert not lex.match("无", cell=False)


def test_extra_phrases_merge():
    lex = L.Lexicon.load({"groups": {"effect": {"phrases": ["亮点纷呈"]}}, "exclude": ["全面性"]})
    assert lex is not L.Lexicon.load()
    assert [h.group for h in lex.match("工作亮点纷呈")] == ["effect"]
    assert not L.Lexicon.load().match("工作亮点纷呈")
    assert L.Lexicon.load({"groups": {"effect": {"phrases": ["亮点纷呈"]}}, "exclude": ["全面性"]}) is lex


# --- measurability ---------------------------------------------------------------

@pytest.mark.parametrize("text,kind,sig", [
    ("禁毒宣传718场次", "quantity", "718场次"),
    ("办结时限≤3个工作日", "quantity", "3个工作日"),
    ("一般公共预算基本支出957.19万元", "quantity", "957.19万元"),
    ("开展三次专项督查", "quantity", "三次"),
    ("问卷320份", "sample", "问卷320份"),
    ("设备安装完成时间 2024年9月30日前", "date", "2024年9月30日前"),
    ("2024、12、31", "date", "2024、12、31"),
    ("12月底前完成", "date", "12月底前"),
    ("成功率由85%提高到92%", "baseline", "由85%提高到"),
    ("全年发文数同比减少22.22%", "baseline", "同比"),
    ("较上年增长5%", "baseline", "较上年"),
    ("《区委通报》编辑工作", "named_output", "《区委通报》"),
    ("不低于90%", "comparator", "不低于"),
    ("省委办信息处统计得分212分，排全市第一", "rank", "排全市第一"),
])
def test_measurability_kinds(text, kind, sig):
    sigs = L.measurability(text)
    assert (kind, sig) in [(s.kind, s.text) for s in sigs]
    for s in sigs:
        assert text[s.start:s.end] == s.text


def test_year_is_not_a_quantity():
    sigs = L.measurability("做好了2020年度政府工作的督查督办")
    assert [(s.kind, s.text) for s in sigs] == [("year", "2020年度")]
    assert L.is_vague("2024年，各项工作任务全面完成")[0]  # a bare year does not measure
    # slogan numbers in quotes are not quantities
    assert not [s for s in L.measurability("充分发挥“三个作用”") if s.kind == "quantity"]


# --- speed -------------------------------------------------------------------------

def test_fast_on_seeds(lex, seed_text):
    lex.match(seed_text)  # warm up
    t = time.perf_counter()
    lex.match(seed_text)
    L.measurability(seed_text)
    elapsed = time.perf_counter() - t
    assert elapsed < 0.1, elapsed
