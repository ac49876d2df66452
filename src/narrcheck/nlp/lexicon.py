"""Vague-phrase lexicon and measurability signals (domain-rules §5, rule
VAGUE-CLAIM of §3.6).

Public API::

    Lexicon.load(extra=None) -> Lexicon            cached default; ``extra`` merges config
    Lexicon.match(text, cell=False) -> list[Hit]   non-overlapping, longest first
    Lexicon.group(name) -> Group                   description / suggestion / flags
    Lexicon.density(text, groups=None) -> float    hits per 1,000 characters
    Lexicon.vague_clauses(text, cell=False) -> list[ClauseCheck]
    Lexicon.is_vague(text, cell=False) -> (bool, hits, signals)
    measurability(text) -> list[Signal]
    is_vague(text, lexicon=None, cell=False) -> (bool, hits, signals)

    Hit(group, phrase, start, end)        text[start:end] == phrase (original text)
    Signal(kind, start, end, text)        text[start:end] == signal.text

Matching runs on ``normalize(text)`` (length-preserving), so offsets are exact
on the original text, including full-width input.  Only ``re`` is used.

Groups (data in ``narrcheck/data/vague_lexicon.json``): degree, effect,
compliance, verb_object, slogan, deviation, estimate.  Groups flagged
``vague`` (degree, effect, compliance, verb_object) make a clause vague when
the clause has no measurability signal; slogan only counts toward density.

Signal kinds: comparator, quantity, date, baseline, named_output, sample, rank
(all count as measures) and year (a bare year such as 2022年度 is reported
but does NOT make a clause measurable).
"""
from __future__ import annotations

import bisect
import copy
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from narrcheck.nlp.clauses import clauses

__all__ = ["Hit", "Signal", "Group", "ClauseCheck", "Lexicon", "measurability",
           "is_vague", "MEASURE_KINDS", "LEXICON_PATH"]

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "vague_lexicon.json"


from narrcheck.understand.values import normalize as _normalize  # noqa: E402  (length-preserving)


class Hit(NamedTuple):
    group: str
    phrase: str  # the matched text, a slice of the ORIGINAL text
    start: int
    end: int


class Signal(NamedTuple):
    kind: str
    start: int
    end: int
    text: str


@dataclass
class Group:
    name: str
    description: str = ""
    suggestion: str = ""
    vague: bool = False
    density: bool = False
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)
    verbs: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    max_gap: int = 6
    max_reverse_gap: int = 3


@dataclass
class ClauseCheck:
    start: int
    end: int
    hits: list[Hit]
    signals: list[Signal]

    @property
    def vague(self) -> bool:
        return bool(self.hits) and not self.signals


# ---------------------------------------------------------------------------
# trie regex: one alternation factored by prefix; at each position the
# regex returns the LONGEST phrase starting there (greedy optional tails).

def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        kids = [(ch, sub) for ch, sub in node.items() if ch != ""]
        if not kids:
            return ""
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(kids)]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body

    return build(trie)


_TITLE_RE = re.compile(r"《[^《》\n]{1,80}》")
_GAP_NOT = "，,。；;！？!?\\s"


_LITERAL_END = re.compile(r"(?:(?<!\\)[^\\\]\)\d*+?}.|^$]|\(\?:[^()\\\[\].*+?{}^$|\d]+(?:\|[^()\\\[\].*+?{}^$|\d]+)*\))$")


def _top_level_bar(pat: str) -> bool:
    depth, i = 0, 0
    while i < len(pat):
        c = pat[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":                      # a class: skip to its end
            j = pat.find("]", i + 2)
            i = len(pat) if j < 0 else j + 1
            continue
        depth += c == "("
        depth -= c == ")"
        if c == "|" and depth == 0:
            return True
        i += 1
    return False


def linear_pattern(pat: str) -> str:
    """A lexicon pattern that begins with ``\\d+`` and ends on a literal that is not a digit
    (e.g. ``\\d+(?:\\.\\d+)?[ \\t]*(?:多|余)``) is only tried at the first digit of a run of
    digits.  Same matches: a match from a later digit of the run implies one from the first
    (``\\d+`` takes the extra digits; what follows cannot match a digit), and as no match ends
    on a digit, a search never resumes inside a run.  Linear instead of retrying every digit
    of a long run (quadratic on a line of digits).  Other patterns are left as written."""
    if (pat.startswith(r"\d+") and not pat.startswith(r"\d+?") and _LITERAL_END.search(pat)
            and not _top_level_bar(pat)):
        return r"(?<!\d)" + pat
    return pat


class Lexicon:
    """Compiled vague-phrase lexicon.  Build with :meth:`load`."""

    _cache: dict[str, "Lexicon"] = {}
    _lock = threading.Lock()

    def __init__(self, data: dict):
        self.data = data
        self.groups: dict[str, Group] = {}
        for name, g in data.get("groups", {}).items():
            known = {k: v for k, v in g.items() if k in Group.__dataclass_fields__ and k != "name"}
            self.groups[name] = Group(name=name, **known)
        self.exclude = [_normalize(p) for p in data.get("exclude", []) if p]
        self._order = {name: i for i, name in enumerate(self.groups)}
        self._vague_groups = frozenset(n for n, g in self.groups.items() if g.vague)
        self._compile()

    # -- construction ------------------------------------------------------
    @classmethod
    def load(cls, extra: dict | None = None, path: str | Path | None = None) -> "Lexicon":
        """The package lexicon, merged with ``extra`` (same shape as the JSON:
        ``{"groups": {"effect": {"phrases": [...]}}, "exclude": [...]}``; lists
        are appended, scalars replaced, unknown groups created).  Cached per
        distinct ``extra``/``path``."""
        key = json.dumps([str(path or ""), extra or {}], sort_keys=True, ensure_ascii=False)
        lex = cls._cache.get(key)
        if lex is None:
            with cls._lock:
                lex = cls._cache.get(key)
                if lex is None:
                    data = json.loads(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
                    if extra:
                        data = _merge(data, extra)
                    lex = cls(data)
                    cls._cache[key] = lex
        return lex

    def _compile(self) -> None:
        owner: dict[str, str | None] = {}
        for name, g in self.groups.items():
            for p in g.phrases:
                p = _normalize(p)
                if p and p not in owner:
                    owner[p] = name
        for p in self.exclude:
            owner.setdefault(p, None)  # a phrase listed in a group stays a hit
        self._owner = owner
        words = sorted(owner, key=len, reverse=True)
        self._phrase_re = re.compile("(?=(" + _trie_regex(words) + "))") if words else None
        # shorter phrases that are prefixes of a longer one (all candidates)
        self._prefixes = {w: [w[:i] for i in range(len(w) - 1, 0, -1) if w[:i] in owner] for w in words}
        self._patterns: list[tuple[str, re.Pattern]] = []
        for name, g in self.groups.items():
            for pat in g.patterns:
                self._patterns.append((name, re.compile(linear_pattern(pat))))
            if g.verbs and g.objects:
                verbs = "|".join(sorted(map(re.escape, map(_normalize, g.verbs)), key=len, reverse=True))
                objs = "|".join(sorted(map(re.escape, map(_normalize, g.objects)), key=len, reverse=True))
                fwd = rf"(?:{verbs})了?[^{_GAP_NOT}\d%]{{0,{g.max_gap}}}?(?:{objs})+"
                # at most 8 object words in a row (a longer run of them is not a sentence): bounded
                # work from each start, where ``+`` retried every object of a long run (quadratic)
                rev = rf"(?:{objs}){{1,8}}[^{_GAP_NOT}\d%]{{0,{g.max_reverse_gap}}}?(?:{verbs})"
                self._patterns.append((name, re.compile(fwd)))
                self._patterns.append((name, re.compile(rev)))
        self._bare: dict[str, str] = {}
        for name, g in self.groups.items():
            for b in g.bare:
                self._bare.setdefault(_normalize(b).strip(), name)

    def group(self, name: str) -> Group:
        return self.groups[name]

    @property
    def vague_groups(self) -> frozenset[str]:
        """Groups whose hits make an unmeasured clause vague."""
        return self._vague_groups

    # -- matching -----------------------------------------------------------
    def match(self, text: str, cell: bool = False) -> list[Hit]:
        """Non-overlapping hits, longest first (ties: group order, then
        leftmost), sorted by start.  Text inside 《…》 titles and ``exclude``
        phrases never produce hits.  ``cell=True`` also checks ``bare`` values
        (the whole stripped text equal to e.g. 是/否/无)."""
        if not text:
            return []
        norm = _normalize(text)
        cands: list[tuple[int, int, int, str | None]] = []  # (start, end, prio, group)
        big = len(self._order) + 1
        if self._phrase_re is not None:
            owner, prefixes = self._owner, self._prefixes
            for m in self._phrase_re.finditer(norm):
                w = m.group(1)
                s = m.start()
                for p in (w, *prefixes[w]):
                    g = owner[p]
                    cands.append((s, s + len(p), self._order.get(g, -1) if g else -1, g))
        for m in _TITLE_RE.finditer(norm):  # words inside 《…》 are names, not claims
            cands.append((m.start(), m.end(), -1, None))
        for name, rx in self._patterns:
            pr = self._order[name]
            for m in rx.finditer(norm):
                if m.end() > m.start():
                    cands.append((m.start(), m.end(), pr + big, name))
        if cell:
            s, e = _strip(norm)
            g = self._bare.get(norm[s:e].rstrip("。."))
            if g is not None:
                cands.append((s, e, -2, g))
        if not cands:
            return []
        cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
        taken = bytearray(len(norm))
        hits: list[Hit] = []
        for s, e, _pr, g in cands:
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            if g is not None:
                hits.append(Hit(g, text[s:e], s, e))
        hits.sort(key=lambda h: h.start)
        return hits

    def density(self, text: str, groups: set[str] | None = None) -> float:
        """Hits of density groups (default: those flagged ``density``, i.e.
        degree + slogan) per 1,000 characters of ``text``."""
        if not text:
            return 0.0
        groups = groups or {n for n, g in self.groups.items() if g.density}
        n = sum(1 for h in self.match(text) if h.group in groups)
        return 1000.0 * n / len(text)

    def vague_clauses(self, text: str, cell: bool = False,
                      signals: list[Signal] | None = None) -> list[ClauseCheck]:
        """Per clause: hits of vague groups and measuring signals (a clause is
        vague when it has hits and no signals)."""
        vg = self.vague_groups
        hits = [h for h in self.match(text, cell=cell) if h.group in vg]
        if signals is None:
            signals = measurability(text)
        sigs = [s for s in signals if s.kind in MEASURE_KINDS]
        spans = clauses(text, cell=cell)
        starts = [cs for cs, _ce in spans]
        out = [ClauseCheck(cs, ce, [], []) for cs, ce in spans]
        for item, attr in [(h, "hits") for h in hits] + [(x, "signals") for x in sigs]:
            i = bisect.bisect_right(starts, item.start) - 1
            if i >= 0 and item.start < out[i].end:
                getattr(out[i], attr).append(item)
        return out

    def is_vague(self, text: str, cell: bool = False) -> tuple[bool, list[Hit], list[Signal]]:
        """``(vague, hits, signals)``: vague when some clause has a hit from a
        vague group (degree/effect/compliance/verb_object) and no measurability
        signal.  ``hits`` are the offending hits (those in unmeasured clauses;
        empty when not vague); ``signals`` are all signals of ``text``."""
        signals = measurability(text)
        offending: list[Hit] = []
        for c in self.vague_clauses(text, cell=cell, signals=signals):
            if c.vague:
                offending.extend(c.hits)
        return bool(offending), offending, signals


def _strip(s: str) -> tuple[int, int]:
    a, b = 0, len(s)
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b


def _merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for name, g in (extra.get("groups") or {}).items():
        tgt = out.setdefault("groups", {}).setdefault(name, {})
        for k, v in g.items():
            if isinstance(v, list):
                cur = tgt.setdefault(k, [])
                cur.extend(x for x in v if x not in cur)
            else:
                tgt[k] = v
    if extra.get("exclude"):
        cur = out.setdefault("exclude", [])
        cur.extend(x for x in extra["exclude"] if x not in cur)
    return out


# ---------------------------------------------------------------------------
# measurability signals

_UNITS = sorted("""
个工作日 个百分点 工作日 百分点 个月 人次 场次 户次 批次 万元 亿元 元/人 万元/人 公里 千米 平方米 平方公里
立方米 千克 公斤 小时 分钟 周 % ‰ ㎡ ㎞ m² km kg 元 个 人 户 件 份 套 台 项 次 场 篇 条 米 亩 吨 天 日 家 名
分 期 批 所 座 辆 本 册 张 页 字 类 处 起 例 宗 笔 轮 届 倍 万字 万 亿 千 余人 床 盏 块 棵 株 头 只
""".split(), key=len, reverse=True)
_CN_UNITS = sorted("""
个工作日 个百分点 个月 人次 场次 万元 亿元 元 个 项 次 场 件 名 人 家 台 套 篇 条 户 所 座 辆 期 天 批次 轮 届 份 处 起 例 倍 周 小时
""".split(), key=len, reverse=True)

_NUM = r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?"
# A run of numerals holding one other than 一 (the lookahead), taken whole (possessive: what
# follows, 多/余 and a unit, never begins with a numeral but 万元, which the whole run reaches too),
# or 一 + numerals.  Same matches as ``X*[零二…十]X*`` — which backtracked over every split of a
# long run of numerals (quadratic) — in linear time.
_CN_NUM = (r"(?=[零一二两三四五六七八九十百千万]*[零二两三四五六七八九十])[零一二两三四五六七八九十百千万]++"
           r"|[一][零一二两三四五六七八九十百千万]+")
_U = "|".join(map(re.escape, _UNITS))
_CU = "|".join(map(re.escape, _CN_UNITS))
_CMP = r">=|<=|≥|≤|≠|>|<|=|不低于|不少于|不高于|不超过|不大于|不小于|不多于|不得低于|不得超过|不得高于|(?:低于|高于|少于|多于|超过)(?=[ \t]*\d)"

_SIGNAL_RE = re.compile(
    "|".join([
        r"(?P<named_output>《[^《》\n]{1,80}》)",
        r"(?P<sample>(?:调查问卷|发放问卷|回收问卷|有效问卷|问卷调查|问卷|样本量?|抽样|抽查|随机抽取|调查)"
        r"[ \t]*(?:共|数|了)?[ \t]*\d+[ \t]*(?:份|个|人次|人|户|家|件|次)?"
        r"|(?<!\d)\d+[ \t]*份[ \t]*(?:有效)?[ \t]*(?:问卷|调查问卷|样本))",   # (?<!\d): see linear_pattern
        r"(?P<baseline>(?:由|从)[^，,。；;！？!?\n]{0,20}?(?:提高|提升|增加|增长|上升|下降|降低|减少|压缩|缩短|扩大)(?:了)?(?:到|至)"
        r"|(?:较|比)(?:上年|去年|上一年|前一年|上年度|上期|\d{4}[ \t]*年度?)(?:同期)?|上年同期|去年同期|同比|环比)",
        r"(?P<date>\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月(?:[ \t]*\d{1,2}[ \t]*日)?(?:底前|前|底|末|中旬|上旬|下旬|以前|之前)?"
        r"|\d{4}[、./\-]\d{1,2}[、./\-]\d{1,2}(?!\d)"
        r"|(?<![\d.])\d{1,2}[ \t]*月(?:[ \t]*\d{1,2}[ \t]*日|底|末|中旬|上旬|下旬)(?:前|以前|之前)?"
        r"|(?<![\d.])\d{1,2}[ \t]*月份?(?:前|以前|之前)"
        r"|(?<![\d.])\d{1,2}[ \t]*月份(?!\d)"
        r"|(?<![\d.])\d{1,2}[ \t]*日(?:前|以前|之前))",
        r"(?P<year>(?<![\d.])\d{1,4}[ \t]*年(?:度|底|末|初|内)?)",
        r"(?P<rank>(?:排名?|名列|位列|位居|居)[^，,。；;！？!?\n]{0,8}?第[ \t]*(?:\d+|[一二三四五六七八九十]+)[ \t]*(?:名|位)?"
        r"|第[ \t]*(?:\d+|[一二三四五六七八九十]+)[ \t]*名)",
        rf"(?P<quantity>{_NUM}[ \t]*(?:多|余)?[ \t]*(?:{_U})(?:以上|以下|以内|左右)?"
        rf"|(?<![零一二两三四五六七八九十百千万亿“\"'‘「『])(?:{_CN_NUM})(?:多|余)?(?:{_CU})"
        r"|零(?:发案|事故|差错|投诉|失误|违规|泄密|通报|伤亡|失泄密))",
        rf"(?P<comparator>{_CMP})",
    ])
)

MEASURE_KINDS = frozenset({"comparator", "quantity", "date", "baseline", "named_output", "sample", "rank"})


def measurability(text: str) -> list[Signal]:
    """Measurability signals of ``text`` with exact offsets (see module doc).
    A number glued to 年/年度 is a ``year`` (never a quantity); ``year``
    signals do not make a clause measurable."""
    if not text:
        return []
    norm = _normalize(text)
    out = []
    for m in _SIGNAL_RE.finditer(norm):
        s, e = m.span()
        if e > s:
            out.append(Signal(m.lastgroup, s, e, text[s:e]))
    return out


def is_vague(text: str, lexicon: Lexicon | None = None, cell: bool = False) -> tuple[bool, list[Hit], list[Signal]]:
    """Module-level shortcut for ``(lexicon or Lexicon.load()).is_vague(text)``."""
    return (lexicon or Lexicon.load()).is_vague(text, cell=cell)
