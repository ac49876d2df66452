"""Clause spans for the vague-claim rule (domain-rules §5).

``clauses(text) -> list[(start, end)]`` with exact offsets into ``text``.

Heuristic (documented, deliberately simple):

1. Split into sentences with :func:`narrcheck.nlp.segment.sentences`
   (。！？!?；; and line breaks always end a clause).
2. Inside a sentence, split at ``，`` ``,`` ``：`` ``:`` into pieces.
3. A piece is *independent* when it is at least 4 characters long (without
   punctuation and spaces) AND contains a Han verb from :data:`VERBS`.
   A non-independent piece does not stand alone: the first piece of a
   sentence joins the following piece (“2024年，区政府办严格执行预算”), any
   other piece joins the preceding one (“采用率达40%，全市第一”).  This way a
   comma splits only when both sides have their own verb.
4. Spans are stripped of whitespace; a trailing separator comma is not part
   of the clause, a sentence terminator (。) is.

Table cells: pass ``cell=True``.  A cell is one clause (§5) unless it holds
sentence punctuation (。！？；), in which case long narrative cells are split
like prose.
"""
from __future__ import annotations

import re

from narrcheck.nlp.segment import _strip_span, sentences

__all__ = ["clauses", "VERBS", "has_verb"]

# Verb-ish words typical of report prose.  Nominal uses (管理, 服务) are
# included on purpose: in this genre they usually head a predicate.
VERBS: tuple[str, ...] = tuple(sorted(set("""
完成 提高 提升 加强 改善 增强 优化 强化 促进 推进 推动 开展 组织 召开 举办 办理 落实 执行 实施
建立 完善 健全 制定 制订 起草 撰写 印发 发放 报送 下发 处理 保障 确保 发挥 起到 达到 实现 取得
获得 获评 得到 做好 做到 抓好 督促 督查 协调 服务 减少 增加 降低 下降 增长 节约 控制 使用 支出
采用 接收 传阅 审核 编制 参与 指导 检查 整治 排查 培训 宣传 调研 考核 管理 规范 严把 坚持 围绕
贯彻 助力 助推 保证 提供 形成 打造 创建 解决 化解 上报 接待 安排 配合 加快 深化 推行 运行 运转
发布 受理 答复 办结 收集 整理 编印 开发 建成 建设 购置 采购 维护 修缮 缩短 压缩 扩大 覆盖 筛查
报道 刊发 纳入 评选 获 达 是 有 为 办 抓 做 把 被 让 使 将 已 未 没有 无 超 排 列 居 占 发 建 开 查
""".split())))

_VERB_RE = re.compile("|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)))
_SPLIT_RE = re.compile(r"[，,：:]")
_SENT_PUNCT_RE = re.compile(r"[。！？!?；;]")
_CONTENT_RE = re.compile(r"[^\s，,：:。！？!?；;、“”‘’\"'（）()《》【】\[\]]")


def has_verb(piece: str) -> bool:
    """True if ``piece`` contains a verb from :data:`VERBS`."""
    return _VERB_RE.search(piece) is not None


def _independent(piece: str) -> bool:
    return len(_CONTENT_RE.findall(piece)) >= 4 and has_verb(piece)


def _split_sentence(text: str, s: int, e: int) -> list[tuple[int, int]]:
    pieces: list[list[int]] = []
    pos = s
    for m in _SPLIT_RE.finditer(text, s, e):
        pieces.append([pos, m.start()])
        pos = m.end()
    pieces.append([pos, e])
    pieces = [p for p in pieces if _CONTENT_RE.search(text, p[0], p[1])]
    if not pieces:
        return []
    if len(pieces) == 1:
        return [_strip_span(text, pieces[0][0], pieces[0][1])]

    merged: list[list[int]] = []
    carry: int | None = None  # start of leading non-verb pieces waiting for a verb piece
    for ps, pe in pieces:
        start = ps if carry is None else carry
        if _independent(text[ps:pe]):
            merged.append([start, pe])
            carry = None
        elif merged:
            merged[-1][1] = pe  # no verb of its own: stays with the preceding clause
        else:
            carry = start
    if carry is not None:  # no piece had its own verb: the sentence is one clause
        merged.append([carry, pieces[-1][1]])
    return [_strip_span(text, a, b) for a, b in merged]


def clauses(text: str, cell: bool = False) -> list[tuple[int, int]]:
    """Clause spans of ``text`` (exact offsets, whitespace-stripped, no empties).

    ``cell=True`` treats ``text`` as one table cell: the whole cell is a single
    clause unless it contains sentence punctuation (。！？；)."""
    if cell and not _SENT_PUNCT_RE.search(text):
        s, e = _strip_span(text, 0, len(text))
        return [(s, e)] if s < e else []
    out: list[tuple[int, int]] = []
    for s, e in sentences(text):
        out.extend(span for span in _split_sentence(text, s, e) if span[0] < span[1])
    return out
