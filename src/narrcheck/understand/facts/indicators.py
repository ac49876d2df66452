"""Facts of indicator rows: the indicator kind, decided once for checks and the score,
and the vocabulary both read (a money input named as an output, a placeholder value).

Precedence of ``indicator_kind`` (one order, used everywhere):

1. 满意 in the level-2 or level-1 label, or 满意度 in the name → ``satisfaction``
   (a satisfaction rate is one wherever the template files it);
2. the level-2 label: 时效 → ``time``, 成本 → ``cost``, 数量 → ``quantity``,
   质量 → ``quality``, 效益 / 影响 / 可持续 → ``benefit``;
3. the level-1 label: 成本 → ``cost``, 时效 → ``time``, 数量 → ``quantity``,
   质量 → ``quality``, 效益 / 效果 / 影响 / 可持续 → ``benefit``;
4. the name, when no label decides: 成本 / 单价 / 造价 / 费用 → ``cost`` and
   及时 / 时限 / 时间 / 期限 → ``time``, unless the name is a rate (率, 比例, 占比);
5. otherwise ``""`` (the score calls it ``other``).

The labels come before the name because the template's category is the writer's
own statement of what the row measures (社会效益指标 · 住院费用政策范围内报销比例 is a
benefit, not a cost); the name decides only under a label that says nothing
(职责履行 · 重点工作完成及时性 is a time indicator).  The two functions this replaces
(checks.vague.row_kind and score.components._kind) disagreed on exactly these two
rows of the fixtures: the first put 满意/时效/成本 before the other labels and read
the name only under an empty level-2 label, the second read the name for cost and
time before the benefit labels.
"""
from __future__ import annotations

import re

# a money or staff input named as an indicator (INPUT-AS-OUTPUT, rule NC208 and the score)
INPUT_AS_OUTPUT = re.compile(r"资金投入|投入资金|预算金额|资金总额|年度资金|投入金额|经费投入|资金规模|预算资金|投资额|总投资"
                             r"|投入经费|资金量|项目资金")

# a comparator and/or unit with no number: ≤万元, ≥**平方米, ≥XX户, ≥% (rule NC180; other checks skip it)
_UNITS = r"(?:万元|亿元|元|%|％|个|人次|人|户|件|次|场|篇|份|项|天|个工作日|平方米|㎡|公里|亩|吨|台|套|家|名)"
PLACEHOLDER_VALUE = re.compile(
    rf"^\s*(?:[≥≤><=]|不低于|不少于|不高于|不超过)?\s*(?:\*+|[xX×＊]{{1,3}}|…+|\.{{3,}}|_{{2,}})?\s*(?:万|亿|千)?{_UNITS}\s*$"
    rf"|^\s*(?:[≥≤><=]|不低于|不少于|不高于|不超过)?\s*(?:\*+|[xX×＊]{{2,3}}|…{{2,}}|_{{2,}})\s*(?:万|亿|千)?{_UNITS}?\s*$")
PLACEHOLDER_IN_TEXT = re.compile(r"(?<![A-Za-z])(?:XX|xx|××|＊＊|\*\*)(?![A-Za-z])\s*" + _UNITS + r"?")

# a declared tier scale, "有效/基本有效/无效", "达到预期/基本达到预期/未达到预期", "达标、基本达标、不达标": its words
# name the tiers of a 定性 indicator (in its name, its target or the narrative), not degrees
TIER_DECL = re.compile(r"([\u4e00-\u9fff]{1,4})\s*[/／、]\s*(?:基本|部分)\1\s*[/／、]\s*((?:无|不|未|非)[\u4e00-\u9fff]{1,4})")


def declared_tiers(*texts: str) -> set[str]:
    """The tier words of every scale declared in ``texts`` (the top tier, 基本/部分 + it, and the lowest)."""
    from ..values import normalize

    words: set[str] = set()
    for t in texts:
        n = normalize(t or "")
        for m in TIER_DECL.finditer(n):
            x, low = m.group(1), m.group(2) + re.match(r"[\u4e00-\u9fff]*", n[m.end():]).group(0)
            words |= {x, "基本" + x, "部分" + x, low}
            # "达成/部分达成/未达成年度指标": the words after the last tier's own (年度指标) belong to every tier
            neg = re.match(r"(?:无|不|未|非)" + re.escape(x), low)
            if neg and len(low) > neg.end():
                rest = low[neg.end():]
                words |= {x + rest, "基本" + x + rest, "部分" + x + rest}
    return words


_LEVEL2 = (("时效", "time"), ("成本", "cost"), ("数量", "quantity"), ("质量", "quality"),
           ("效益", "benefit"), ("影响", "benefit"), ("可持续", "benefit"))
_LEVEL1 = (("成本", "cost"), ("时效", "time"), ("数量", "quantity"), ("质量", "quality"),
           ("效益", "benefit"), ("效果", "benefit"), ("影响", "benefit"), ("可持续", "benefit"))
_RATE_NAME = re.compile(r"率|比例|占比")
_COST_NAME = re.compile(r"成本|单价|造价|费用")
_TIME_NAME = re.compile(r"及时|时限|时间|期限")

KINDS = ("cost", "time", "satisfaction", "quantity", "quality", "benefit")


def _sq(text) -> str:
    return re.sub(r"\s+", "", text or "")


def indicator_kind(row) -> str:
    """cost | time | satisfaction | quantity | quality | benefit | '' for an indicator row
    (anything with ``level1``, ``level2`` and ``name``); see the module doc for the order."""
    l1, l2, name = _sq(row.level1), _sq(row.level2), _sq(row.name)
    if "满意" in l2 or "满意" in l1 or "满意度" in name:
        return "satisfaction"
    for table, label in ((_LEVEL2, l2), (_LEVEL1, l1)):
        for word, kind in table:
            if word in label:
                return kind
    if not _RATE_NAME.search(name):
        if _COST_NAME.search(name):
            return "cost"
        if _TIME_NAME.search(name):
            return "time"
    return ""


_NAME_STOP = {"的", "了", "和", "及", "与", "等", "个", "人", "数", "量", "数量", "全年", "年度", "完成", "开展", "实施"}


def content_words(text: str) -> frozenset:
    """The content words of a name (jieba with the domain dictionary), order ignored."""
    from ...nlp.segment import cut

    return frozenset(w for w in cut(re.sub(r"[\s（）()、，,：:]", "", text or ""), hmm=False)
                     if w not in _NAME_STOP and not re.fullmatch(r"[\d.%]+", w))


def same_name(a: str, b: str) -> bool:
    """Two indicator names made of the same content words in another order
    (培训高素质农民 / 高素质农民培训): at least two words each, the same set."""
    if not a or not b or a == b:
        return bool(a) and a == b
    wa, wb = content_words(a), content_words(b)
    return len(wa) >= 2 and wa == wb


def not_points(value) -> bool:
    """A value in a 分值 / 得分 column that is not a number of points: a count or an amount with its
    own unit ("8处", "2.1万人").  The form's columns were read out of line on that row, so its
    weight and score are no ground for an error."""
    unit = (getattr(value, "unit", None) or "").strip()
    return value is not None and value.number is not None and unit not in ("", "分")


def points_misread(rows) -> bool:
    """Whether any row of a form has a weight or score that is not a number of points."""
    return any(not_points(r.value("weight")) or not_points(r.value("score")) for r in rows)
