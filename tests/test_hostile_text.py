"""Issue 13, bounds: every rule finishes in bounded time on hostile lines (100k digits, one repeated
character, random CJK), and the linear rewrites of the quadratic patterns find exactly the matches
of the patterns they replace."""
import random
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrcheck.checks.registry import load_all
from narrcheck.checks.vague import approx_spans
from narrcheck.config import Config
from narrcheck.nlp.lexicon import Lexicon, linear_pattern
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

# the patterns as they were before issue 13 (quadratic on a long run of digits)
OLD_APPROX = re.compile(r"(?:约|近|大约|将近)\s*\d[\d,.]*|\d[\d,.]*\s*(?:余|多)(?=[^\d\s，,。；;]|$)"
                        r"|\d[\d,.]*\s*\S{0,3}?左右")
OLD_ESTIMATE = re.compile(r"\d+(?:\.\d+)?[ \t]*(?:多|余)")
OLD_CRITERION = re.compile(r"\d+(?:\.\d+)?分[。；;]?\s*$|[扣计得]\d+(?:\.\d+)?分|不得分|扣完为止|得满分|酌情扣分")

OLD_CN_NUM = r"[零一二两三四五六七八九十百千万]*[零二两三四五六七八九十][零一二两三四五六七八九十百千万]*|[一][零一二两三四五六七八九十百千万]+"

ALPHABET = "0123456789.,，。； \t约近大将余多左右人份问卷有效样本分扣计得第名年x零一二十百千万元个月次"
hostile_text = st.text(alphabet=ALPHABET, max_size=40)


@settings(max_examples=600, deadline=None)
@given(hostile_text)
def test_linear_approx_pattern_finds_the_same_matches(text):
    assert approx_spans(text) == [m.span() for m in OLD_APPROX.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_linear_lexicon_pattern_finds_the_same_matches(text):
    new = re.compile(linear_pattern(OLD_ESTIMATE.pattern))
    assert new.pattern != OLD_ESTIMATE.pattern
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in OLD_ESTIMATE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(hostile_text)
def test_signal_and_criterion_patterns_unchanged(text):
    from narrcheck.nlp import classifier, lexicon

    new_sig = lexicon._SIGNAL_RE
    old_sig = re.compile(new_sig.pattern.replace(r"|(?<!\d)\d+[ \t]*份", r"|\d+[ \t]*份")
                         .replace(lexicon._CN_NUM, OLD_CN_NUM))
    assert old_sig.pattern != new_sig.pattern
    assert [(m.span(), m.lastgroup) for m in new_sig.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in old_sig.finditer(text)]
    assert bool(classifier._CRITERION.search(text)) == bool(OLD_CRITERION.search(text))


def test_linear_pattern_leaves_other_patterns_alone():
    for p in (r"\d+\D\d", r"\d+多|\d", r"\d+(?:多|\d)", r"\d+?多", r"(?:约|近)\d", r"\d+\."):
        assert linear_pattern(p) == p
    assert linear_pattern(r"\d+个") == r"(?<!\d)\d+个"


N = 100_000
_rnd = random.Random(13)
HOSTILE = {
    "digits": "7" * N,
    "digits+余": "3" * N + "余人",
    "repeated": "好" * N,
    "random CJK": "".join(chr(_rnd.randint(0x4E00, 0x9FA5)) for _ in range(N)),
}


def _report(line: str):
    text = ("2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + line + "\n二、绩效目标完成情况\n"
            + "".join(f"\t{c}\n" for c in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值",
                                           "得分", "偏差原因分析及改进措施"))
            + "\n" + "".join(f"\t{c}\n" for c in ("产出指标", "数量指标", "培训场次", "≥10场", line, "10", "10", "无")))
    return understand(parse_text(text, path="hostile.txt"))


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_every_rule_is_bounded_on_a_hostile_line(kind):
    line = HOSTILE[kind]
    t0 = time.perf_counter()
    rep = _report(line)
    assert max(len(c.text) for c in rep.chunks) >= N      # the rules really see the whole line
    cfg = Config()
    for code, chk in load_all().items():
        if not chk.batch:
            chk.run(rep, cfg)
    assert time.perf_counter() - t0 < 20, kind


def test_lexicon_match_and_signals_are_linear_on_runs():
    from narrcheck.nlp.lexicon import measurability

    lex = Lexicon.load()
    t0 = time.perf_counter()
    for s in ("9" * 200_000 + "多人", "9" * 200_000, "十" * 200_000, "水平" * 100_000):
        lex.match(s)
        measurability(s)
    assert time.perf_counter() - t0 < 10


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="提升提高加强水平能力质量服务管理了，x ", max_size=30))
def test_bounded_object_run_keeps_the_matches_of_real_text(text):
    """The reverse verb-object pattern allows at most 8 object words in a row; below that the
    matches are those of the unbounded ``+``."""
    lex = Lexicon.load()
    for (name, new), old in zip([p for p in lex._patterns if "{1,8}" in p[1].pattern],
                                [re.compile(p[1].pattern.replace("{1,8}", "+")) for p in lex._patterns
                                 if "{1,8}" in p[1].pattern]):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
