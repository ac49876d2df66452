"""Repeated passages inside a report and across the reports of a batch
(NC150–NC153).  The similarity work is in nlp/similar.py; here we choose the
passages, turn groups into findings and name the places."""
from __future__ import annotations

import os
import re
from collections import defaultdict

from ..nlp.similar import CrossIndex, find_duplicate_groups, normalize_for_copy, numbers_conflict, strip_numbering
from .registry import rule

FORM_LABELS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "预期目标",
               "实际完成情况", "年度总体目标")


FORM_NOTE = re.compile(r"^\s*(说明|备注|注|填表说明|填报说明)\s*[：:]")
# a form's sign-off line (填表人：…  填报日期：…  联系电话：…): each attachment has its own
SIGN_OFF_FIELD = re.compile(r"(?:填表人|填报人|填报日期|联系电话|负责人|审核人|联系人|填报单位|签字|签章|盖章|日期)"
                            r"(?:（[^）]{0,4}）|\([^)]{0,4}\))?\s*[：:]")

# Statutory text: duties (三定 职能), internal bodies, unit nature, staffing.  It is
# legitimately the same across the units of one system and between a unit's own
# bodies, so it is only a duplicate when a copy of it also stands elsewhere
# (e.g. the duty list pasted as the year's 重点工作).
STATUTORY = re.compile(r"职能|职责|机构设置|内设机构|二级机构|下属单位|所属单位|机构情况|单位性质|人员编制|编制情况"
                       r"|领导职数|单位构成|部门构成")
NOT_STATUTORY = re.compile(r"履行|履职|完成|成效|绩效|问题|措施")
STATUTORY_LEAD = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)．.、]\s*)?(?:主要|部门|单位|基本)?"
                            r"(?:职能职责|职能|职责|机构设置|内设机构)\s*[。：:．.]")
# Goal statements: the year's tasks, restated as 预期目标 / 绩效目标 as the forms ask.
GOAL_LABEL = re.compile(r"主要工作内容|主要任务|工作任务|年度任务|预期目标|绩效目标|年度目标|总体目标|目标设置|年初设定")
GOAL_FIELDS = ("goal_target", "target", "target_adjusted")
GOAL_LEAD = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)．.、]\s*)?(?:项目|部门|单位|本年|全年)?(?:年度)?"
                       r"(?:绩效目标|总体目标|年度目标|预期目标|工作目标|主要任务|工作任务)(?:为|是)?\s*[：:]")
ACTUAL_FIELDS = ("actual", "goal_actual")


def passages(report, min_chars: int = 30):
    """Narrative passages: body paragraphs and free-text table cells, keyed by
    their index in ``report.chunks``.  Label cells (指标名称, 一二级指标) are not
    passages."""
    out = []
    for i, ch in enumerate(report.chunks):
        if ch.kind not in ("paragraph", "cell"):
            continue
        if ch.kind == "cell" and ch.field in ("level1", "level2", "label", "direction", "unit", "weight", "score"):
            continue
        if len(normalize_for_copy(ch.text)) < min_chars:
            continue
        if FORM_NOTE.match(ch.text):
            continue  # the form's own printed notes are the same in every report
        if len(ch.text) <= 160 and len(SIGN_OFF_FIELD.findall(ch.text)) >= 2:
            continue  # a sign-off line under a form
        out.append((i, ch.text))
    return out


class _Roles:
    """What a passage is, for deciding which repeats are expected: statutory
    (duties, bodies, staffing), a goal statement, an indicator's actual, or
    other narrative."""

    def __init__(self, report):
        self.report = report
        self.tables = {b.number: b for b in report.document.tables}
        self._labels: dict = {}

    def label(self, ch) -> str:
        loc = ch.location
        if ch.kind != "cell" or loc.row is None or loc.col is None:
            return ""
        key = (loc.table, loc.row, loc.col)
        if key not in self._labels:
            from ..nlp.classifier import row_label

            self._labels[key] = row_label(self.tables.get(loc.table), loc.row, loc.col)
        return self._labels[key]

    def statutory(self, ch) -> bool:
        parts = [p for p in (ch.section or "").split(" > ") if p.strip()]
        if ch.kind == "cell":
            if ch.field:
                return False
            parts.append(self.label(ch))
        elif STATUTORY_LEAD.match(ch.text):
            return True
        return any(STATUTORY.search(p) and not NOT_STATUTORY.search(p) for p in parts if p)

    def overview(self, ch) -> bool:
        """A paragraph of the report's overview or results, not of its problems or measures."""
        from ..nlp.classifier import section_role

        return section_role(ch.section) not in ("problems", "measures")

    def goal(self, ch) -> bool:
        from ..nlp.classifier import section_role

        if ch.kind == "cell":
            lab = self.label(ch)
            if not ch.field and not lab and GOAL_LEAD.match(ch.text):
                return True
            return ch.field in GOAL_FIELDS or bool(not ch.field and lab and GOAL_LABEL.search(lab)
                                                   and not re.search(r"完成|实际", lab)) or \
                (not ch.field and not lab and section_role(ch.section) == "goals")
            # (a report written inside a table: its 项目绩效目标 section is a cell with no label)

        if GOAL_LEAD.match(ch.text):
            return True  # "年度绩效目标：治理…8处…" under 一、项目概况
        return section_role(ch.section) == "goals"

    def actual(self, ch) -> bool:
        return ch.kind == "cell" and ch.field in ACTUAL_FIELDS


def _measured(text: str) -> bool:
    from ..nlp.lexicon import measurability
    from ..nlp.lexicon import MEASURE_KINDS

    return any(s.kind in MEASURE_KINDS for s in measurability(text))


def cross_passages(report, min_chars: int = 30):
    """The passages compared across reports: statutory text is left out (the
    same 三定 duties are legitimately shared by the units of one system)."""
    roles = _Roles(report)
    return [(i, t) for i, t in passages(report, min_chars) if not roles.statutory(report.chunks[i])]


def _span_of(passage: str, text: str) -> tuple[int, int]:
    """Where ``passage`` stands in ``text``: from its first 20 characters to its
    last 20, the whole text when either end cannot be found."""
    if not passage:
        return 0, len(text)
    p = passage.strip()
    m = re.search(re.escape(p[:20]), text)
    if not m:
        return 0, len(text)
    tail = p[-20:]
    end = text.find(tail, m.start())
    e = end + len(tail) if end >= 0 else min(len(text), m.start() + len(p))
    return m.start(), e


def _place(ch) -> dict:
    loc = ch.location
    d = {"section": loc.section}
    if loc.table is not None:
        d.update({"form": loc.form, "table": loc.table, "row": loc.row, "column": loc.column})
    else:
        d["paragraph"] = loc.paragraph
    return d


def _where_zh(ch) -> str:
    loc = ch.location
    if loc.table is not None:
        head = loc.form or (loc.section.split(" > ")[-1] if loc.section else "")
        return f"{head} 表{loc.table + 1}第{(loc.row or 0) + 1}行" + (f"「{loc.column}」" if loc.column else "")
    sec = loc.section.split(" > ")[-1] if loc.section else "正文"
    return f"{sec} 第{(loc.paragraph or 0) + 1}段"


class _LazyEmbedder:
    """Loads the configured embedder only if a pair actually needs it."""

    def __init__(self, spec):
        self.spec = spec
        self._impl = None
        self.cache_key = ("embedder", spec or "")   # nlp.similar keeps each text's vector once per process

    def _get(self):
        if self._impl is None:
            from ..nlp.embed import get_embedder

            self._impl = get_embedder(self.spec)
        return self._impl

    def encode(self, texts):
        return self._get().encode(texts)

    def __getattr__(self, name):
        return getattr(self._get(), name)


KIND_ZH = {"exact": "逐字重复", "near": "基本相同", "contained": "被整段粘贴", "paraphrase": "换了说法的重复"}


@rule("NC150", "repeated-passage", "duplicate", "warning", scope="一份报告的叙述段落和表内文字单元格",
      evidence={"count": "出现处数", "kind": ("类型", "kind"), "similarity": ("相似度", "prob"), "passage": "段落",
                "places": ("出现位置", "places")})
def repeated_passage(report, ctx):
    """同一份报告中一段文字在不同章节、栏目或表单里重复出现（逐字、基本相同、被粘贴进更长的段落，或换了说法）。

    规则：段落和表格中的叙述性文字（去掉编号、标点和“了/已/均/的”后至少 30 字，可配置 min_chars），
    字符 5 元组 Jaccard ≥ 0.6（near_threshold）为基本相同，较短一段 ≥ 75% 的内容出现在较长一段中为粘贴，
    词面相似度居中的再用句向量判断（paraphrase_threshold 0.8，可用 --embedder 或配置 paraphrase=false 关闭）；
    两段中的数字大多不同时不算重复。每组重复只报告一次，列出全部位置。
    同一指标行的指标值与实际值互相照抄由 NC002/NC101 报告，不在此重复。

    错误示例：
        七、存在的问题及原因分析
        我办2023年因临时人员较多，人员办公经费不足，公用经费超支。鉴于我办为县委、县政府重要服务窗口，工作涉及面非常广，下一步我办拟申请在年初预算时增加一些临时项目资金和日常公用经费。
        八、下一步改进措施
        鉴于我办为县委、县政府重要服务窗口，工作涉及面非常广，下一步我办拟申请在年初预算时增加一些临时项目资金和日常公用经费。

    正确示例：
        七、存在的问题及原因分析
        我办2023年因临时人员较多，人员办公经费不足，公用经费超支 12.6 万元，超支率 8.7%。
        八、下一步改进措施
        2024年编制预算时按上年实际临聘人数 15 人测算办公经费，并每季度分析公用经费执行进度。
    """
    min_chars = int(ctx.threshold("min_chars", 30))
    items = passages(report, min_chars)
    if len(items) < 2:
        return
    use_embed = bool(ctx.threshold("paraphrase", True))
    embedder = _LazyEmbedder(ctx.config.embedder) if use_embed else None
    try:
        groups = find_duplicate_groups(
            items, min_chars=min_chars,
            near_threshold=float(ctx.threshold("near_threshold", 0.6)),
            embedder=embedder,
            paraphrase_threshold=float(ctx.threshold("paraphrase_threshold", 0.8)),
            ignore=FORM_LABELS)
    except Exception as exc:  # an unavailable optional embedder must not stop the run
        if exc.__class__.__name__ != "EmbedderUnavailable":
            raise
        groups = find_duplicate_groups(items, min_chars=min_chars, embedder=None, ignore=FORM_LABELS)
    # paste groups that share their source passage become one finding
    merged: list[tuple[str, float, list[int], str]] = []
    by_source: dict[int, int] = {}
    for g in groups:
        members = list(g.members)
        if g.kind == "contained" and len(g.containers) == 1 and members and members[0] == g.containers[0]:
            src = members[0]
            if src in by_source:
                kind, sim, mem, text = merged[by_source[src]]
                merged[by_source[src]] = (kind, min(sim, float(g.similarity)), mem + [m for m in members if m not in mem],
                                          text)
                continue
            by_source[src] = len(merged)
        merged.append((g.kind, float(g.similarity), members, g.text or ""))
    from ..model import Location

    roles = _Roles(report)
    for kind, sim, members, gtext in merged:
        chunks = [report.chunks[k] for k in members]
        # one place per table row (a row's name/target/actual cells are one place)
        uniq, seen_rows = [], set()
        for c in chunks:
            key = (c.location.block, c.location.row) if c.location.table is not None else ("p", c.location.block)
            if key not in seen_rows:
                seen_rows.add(key)
                uniq.append(c)
        if len(uniq) < 2:
            continue  # inside one table row: copied target/actual, reported by NC002/NC101/NC105
        if all(roles.statutory(c) for c in uniq):
            continue  # duties of the unit and of its bodies: expected to overlap
        if all(roles.goal(c) for c in uniq) and len({c.location.table for c in uniq
                                                      if c.location.table is not None}) <= 1:
            continue  # the year's goals (narrative or task list) restated as one form's goals: what
            # the form asks for.  One form's goals copied into another form are still reported.
        if kind in ("contained", "near", "exact") and _is_title(report, gtext or chunks[0].text):
            continue  # the report's title (unit + year + 部门整体支出绩效自评) recurring in the 自评结论 sentence,
            # or as the running header of every page of a PDF ("— 1 —" then the title again)
        if _INDICATOR_LINE.search(gtext or "") and any(_DEVIATION_SECTION.search(c.section or "") for c in uniq
                                                        if c.kind == "paragraph"):
            continue  # an indicator's line (年度指标值…，实际完成…，得分…) restated where its lost points are explained
        if (cells_goal := [c for c in uniq if c.kind == "cell" and roles.goal(c)]) and \
                len({c.location.table for c in cells_goal}) == 1 and \
                all(roles.goal(c) or (c.kind == "paragraph" and _PLAN_LEAD.search(c.text) and roles.overview(c))
                    for c in uniq):
            continue  # the narrative's plan for the year ("2022年项目计划建设…") in the form's 年初设定目标: both ask for it
        severity = "info" if kind == "paraphrase" else None
        note = ""
        cells = [c for c in uniq if c.kind == "cell"]
        if _listing_quotes_row(uniq, cells):
            continue  # the narrative's list of indicators quoting a row's 年度指标值 / 实际完成值
        if (cells and len(cells) < len(uniq) and all(c.kind == "paragraph" or c.field == "deviation" for c in uniq)
                and len({c.location.table for c in cells}) == 1):
            continue  # the form's 偏差原因 giving the reason the narrative gives: what the form asks for
        if (cells and len(cells) < len(uniq) and all(c.kind == "paragraph" or roles.actual(c) or c.field == "deviation"
                                                     for c in uniq)
                and len({c.location.table for c in cells}) == 1 and all(_measured(c.text) for c in cells)):
            # a form's actuals or deviation reasons quoting the narrative's own figures: consistent, not padding
            severity = "info"
            note = "；表中的完成情况或偏差原因摘自叙述且有具体数字，可保留，但宜按指标分别写明"
        # anchor on the first place that is the passage itself, not a longer text it was pasted into
        glen = len(normalize_for_copy(gtext)) if gtext else 0
        first = next((c for c in uniq if glen and len(normalize_for_copy(c.text)) <= 1.3 * glen), uniq[0])
        others = [c for c in uniq if c is not first]
        s, e = _span_of(gtext, first.text)
        base = (first.location.start or 0) if first.kind == "paragraph" else 0
        loc = Location(**{**first.location.__dict__, "start": base + s, "end": base + e})
        places = [_where_zh(c) for c in uniq]
        yield ctx.finding(
            f"这段文字在报告中出现了 {len(uniq)} 处（{KIND_ZH.get(kind, kind)}）：" + "；".join(places[:6])
            + ("等" if len(places) > 6 else "") + note,
            first.text[s:e].strip(), loc,
            evidence={"kind": kind, "similarity": round(sim, 3), "count": len(uniq),
                      "places": [_place(c) for c in uniq], "passage": (gtext or first.text)[:200]},
            related=[c.location for c in others],
            severity=severity,
            suggestion="删除重复内容；各部分应分别写出该部分要求的具体情况（如问题写事实和数据，措施写具体做法和时限）")


_TITLE_END = re.compile(r"(?:自评|评价)报告\s*$")
# an indicator's line in the narrative: its target and actual named by their columns
_INDICATOR_LINE = re.compile(r"(?:年度)?指标值[^，,。；;]{0,20}[，,；;]\s*实际完成")
_DEVIATION_SECTION = re.compile(r"偏差|扣分|未完成|差距")
# a plan statement: what the year's work was to deliver
_PLAN_LEAD = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)．.、]\s*)?(?:(?:19|20)\d{2}\s*年(?:度)?[，,]?\s*)?"
                        r"(?:本|该)?(?:项目|部门|单位)?(?:计划|拟|预计|目标是|目标为)")


def _is_title(report, text: str) -> bool:
    """The passage is the report's title (its first line, ending in 自评报告)."""
    t = normalize_for_copy(text or "")
    title = normalize_for_copy(getattr(report.meta, "title", "") or "")
    return bool(t) and len(t) <= 80 and (t == title or (bool(_TITLE_END.search(text or "")) and t in title))


# "8.助餐服务规范化管理：年度指标值达成：12处…；部分达成：9—11处…，实际完成值…": the narrative
# listing the form's rows names each value by its column
_ROW_VALUE_LEAD = re.compile(r"(?:年度)?(?:指标值|目标值|完成值|实际完成|完成情况)(?:为|是)?\s*[：:]?\s*$")
ROW_VALUE_FIELDS = ("target", "target_adjusted", "actual")


def _listing_quotes_row(uniq, cells) -> bool:
    """True when the repeat is a form row's target or actual (a tier standard, a deliverable) quoted
    in the narrative right after the column's name (年度指标值…, 实际完成值…): the narrative
    listing the form's indicators, one spot of one row, not a pasted paragraph."""
    paras = [c for c in uniq if c.kind == "paragraph"]
    if not paras or not cells or len(paras) + len(cells) != len(uniq):
        return False
    if len({c.location.table for c in cells}) != 1 or any(c.field not in ROW_VALUE_FIELDS for c in cells):
        return False
    for p in paras:
        text = normalize_for_copy(p.text)
        for c in cells:
            probe = normalize_for_copy(c.text)[:12]
            i = text.find(probe) if probe else -1
            if i < 0 or not _ROW_VALUE_LEAD.search(text[max(0, i - 10):i]):
                return False
    return True


def _doc_name(rep) -> str:
    return os.path.basename(rep.path) or rep.path


def _versions(reports, keys) -> set[tuple[int, int]]:
    """Pairs of reports that are versions of one document (≥ 90% of their
    passages shared both ways): a .docx and its text export, a draft and its
    final.  They are reported once (NC152) instead of passage by passage."""
    sets = [{normalize_for_copy(t) for _, t in ks} for ks in keys]
    owners: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for p in s:
            owners[p].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for docs in owners.values():
        if 2 <= len(docs) <= 6:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[(docs[a], docs[b])] += 1
    out = set()
    for (a, b), n in shared.items():
        if sets[a] and sets[b] and n >= 0.9 * len(sets[a]) and n >= 0.9 * len(sets[b]):
            out.add((a, b))
    return out


_FIGURE = re.compile(r"\d+(?:\.\d+)?[%‰]?")


def _filled_frame(text: str, others: list[str], min_chars: int, template: bool = False) -> bool:
    """A sentence frame filled with this report's own figures: without its figures the passage is
    shorter than ``min_chars`` and its figures differ from every other copy's ("经自评，2019年度…
    自评得分99.67分，评价等级为“优”。" beside the same frame with 96.5分).  The template asks
    each unit for that sentence; what it says is the figures, and they are not copied."""
    norm = normalize_for_copy(strip_numbering(text))
    frame = _FIGURE.sub("", norm)
    if not others:
        return False
    if len(frame) < min_chars:
        return all(numbers_conflict(text, o) for o in others)
    # a figure-dense frame ("本年度共设置三级绩效指标9个，其中产出指标5个、效益指标3个…；得满分指标8个，扣分指标1个。"):
    # what it says is its figures; when it is the batch's template wording (≥ 30% of the reports) or it
    # states the evaluation's own result (scores, indicator counts, grade), and the copies fill it with
    # different figures, it is the sentence the template asks for, and two units whose small counts
    # coincide have not copied each other.  A work paragraph pasted with other figures is still a copy.
    figures = _FIGURE.findall(norm)
    if len(figures) < DENSE_FRAME_FIGURES or len(frame) > DENSE_FRAME_CHARS * len(figures):
        return False
    if not template and not _RESULT_FRAME.search(text):
        return False
    fillings = {tuple(figures)} | {tuple(_FIGURE.findall(normalize_for_copy(strip_numbering(o)))) for o in others}
    return len(fillings) >= 2


_RESULT_FRAME = re.compile(r"得分\s*\d+(?:\.\d+)?\s*分|自评等级|评价等级|指标\s*(?:共)?\s*\d+\s*[个项]")
DENSE_FRAME_FIGURES = 3   # a frame with at least this many figures …
DENSE_FRAME_CHARS = 16    # … and at most this many characters of wording per figure says its figures


def _prepared(reports, ctx, min_chars: int) -> dict:
    """The passages of every report and the version pairs, computed once per run of the batch
    rules (NC151 and NC152 both need them), with the cross-report indexes built from them."""
    memo = ctx.shared.setdefault(("cross_passages", min_chars), {})
    if "keys" not in memo:
        memo["keys"] = [cross_passages(rep, min_chars) for rep in reports]
        memo["versions"] = _versions(reports, memo["keys"])
    return memo


def _cross_index(memo: dict, min_chars: int, threshold: float, docs: list[int]):
    """A CrossIndex of the passages of ``docs``; built once for a given threshold and set of
    documents (NC151 and NC152 share it when no report is a version of another)."""
    key = ("index", threshold, tuple(docs))
    index = memo.get(key)
    if index is None:
        index = memo[key] = CrossIndex(min_chars=min_chars, threshold=threshold)
        for i in docs:
            index.add(i, memo["keys"][i])
    return index


MAX_NAMED = 20   # other reports named in one NC151 finding (evidence ``reports`` / ``places``)


@rule("NC151", "cross-report-duplicate", "duplicate", "warning", scope="批量：所有报告的叙述段落",
      batch=True,
      evidence={"kind": ("类型", "kind"), "similarity": ("相似度", "prob"), "passage": "段落",
                "places": ("出现位置", "places"), "reports": ("其他报告", "list"), "batch_share": ("批量中出现的比例", "percent")})
def cross_report_duplicate(reports, ctx):
    """多份报告之间共用同一段文字（照搬其他单位或上年的报告）。

    规则：批量检查时，用 MinHash LSH（字符 5 元组，Jaccard ≥ 0.5）和指纹包含关系找出在两份以上报告中出现的段落，
    每份相关报告各报告一次，并列出其他报告的文件名和位置（至多 20 份，max_reports_named；同一重复组的全部报告在
    输出的批量部分列出一次：JSON 的 duplicate_groups、网页索引页、表格的“批量重复”表，按 evidence 中的 group 对应）。在本批 ≥ 75% 的报告中都出现的通用语句（至少 20 份报告时）
    视为常用语，不报告；出现在 ≥ 30% 的报告中（至少 10 份报告时，template_share / template_min_reports）的
    视为本批共用的模板表述，降为提示。去掉数字后不足 min_chars 字、各报告所填数字又不相同的句式（“经自评，…自评得分X分，
    评价等级为“优”。”），以及以数字为主的句式（至少 3 个数字、每个数字不超过 16 字的措辞，如“本年度共设置三级绩效指标X个，
    其中产出指标X个…”）在各报告中填入不同数字时，是模板要求每个单位写的句子，不是照搬。职能职责、机构设置等法定文字不比较。同一报告的不同版本（如 .docx 与其文本导出）
    由 NC152 合并报告。

    错误示例（两份报告以 --- 分隔）：
        2023年度甲县农业农村局部门整体支出绩效自评报告
        一、基本情况
        甲县农业农村局内设机构8个，2023年末实有人员46人，全年支出2,318.60万元，其中项目支出1,206.40万元。
        五、存在的问题
        预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况，绩效目标设置不够细化量化。
        ---
        2023年度乙县水利局部门整体支出绩效自评报告
        一、基本情况
        乙县水利局下设水利工程管理站等3个二级单位，全年完成水毁修复工程27处，农村供水覆盖人口11.2万人。
        五、存在的问题
        预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况，绩效目标设置不够细化量化。

    正确示例（两份报告以 --- 分隔）：
        2023年度甲县农业农村局部门整体支出绩效自评报告
        五、存在的问题
        3个项目年中追加预算共86万元，占项目支出的12.4%，年初预算编制未充分测算春耕物资补贴规模。
        ---
        2023年度乙县水利局部门整体支出绩效自评报告
        五、存在的问题
        农村供水管网改造完成39.5公里，比目标少2.5公里，原因是穿越省道的施工许可晚批4个月。
    """
    min_chars = int(ctx.threshold("min_chars", 30))
    memo = _prepared(reports, ctx, min_chars)
    versions = memo["versions"]
    version_of = defaultdict(set)
    for a, b in versions:
        version_of[a].add(b)
        version_of[b].add(a)
    index = _cross_index(memo, min_chars, float(ctx.threshold("jaccard", 0.5)), list(range(len(reports))))
    seen: set = set()
    share_limit = float(ctx.threshold("template_share", 0.3))
    share_min_reports = int(ctx.threshold("template_min_reports", 10))
    # each finding names at most this many other reports; the whole group is listed
    # once, in the batch-level section of the output (duplicate_groups)
    limit = int(ctx.threshold("max_reports_named", MAX_NAMED))
    n_groups = 0
    for g in index.query():
        if getattr(g, "common", False):
            continue
        by_doc: dict[int, list] = defaultdict(list)
        for doc, key in g.members:
            by_doc[doc].append(key)
        docs = sorted(by_doc)
        # drop documents that are versions of another document in the group
        distinct = []
        for d in docs:
            if not any(o in version_of[d] for o in distinct):
                distinct.append(d)
        if len(distinct) < 2:
            continue
        # in ≥ 30% of a sizeable batch: the batch's shared template wording, shown but down-weighted
        share = len(distinct) / max(1, len(reports))
        template = len(reports) >= share_min_reports and share >= share_limit
        group_id = None
        for d in docs:
            # the other reports, without d's own versions: counted, and the first `limit` named
            # (bounded work and output per finding, however large the group)
            n_versions = sum(1 for o in version_of[d] if o in by_doc)
            total = len(docs) - 1 - n_versions
            if total <= 0:
                continue
            ch = reports[d].chunks[by_doc[d][0]]
            sig = (d, by_doc[d][0])
            if sig in seen:
                continue
            if _filled_frame(ch.text, [reports[o].chunks[by_doc[o][0]].text for o in docs
                                       if o != d and o not in version_of[d]], min_chars, template):
                continue
            seen.add(sig)
            others = []
            for o in docs:
                if o != d and o not in version_of[d]:
                    others.append(o)
                    if len(others) >= limit:
                        break
            names = [_doc_name(reports[o]) for o in others]
            if group_id is None:
                n_groups += 1
                group_id = f"D{n_groups}"
            from ..model import Location

            loc = Location(**{**ch.location.__dict__})
            yield d, ctx.finding(
                f"这段文字也出现在本批其他 {total} 份报告中：" + "、".join(names[:5]) + ("等" if total > 5 else "")
                + (f"（本批 {share:.0%} 的报告都有，多为共用的模板表述）" if template else ""),
                ch.text.strip()[:200], loc,
                evidence={"kind": g.kind, "similarity": round(float(g.similarity), 3), "reports": names,
                          "places": [{"report": _doc_name(reports[o]),
                                      **_place(reports[o].chunks[by_doc[o][0]])} for o in others],
                          "passage": reports[others[0]].chunks[by_doc[others[0]][0]].text.strip()[:200],
                          "batch_share": round(share, 3), "group": group_id, "group_reports": len(docs)},
                severity="info" if template else None,
                suggestion="根据本单位本年度的实际情况重写，写明本单位的具体数据和事实")


@rule("NC152", "report-versions-or-boilerplate", "duplicate", "info", scope="批量：每份报告的叙述在其他报告中出现的比例",
      batch=True,
      evidence={"other_report": "另一份报告", "boilerplate_ratio": ("套话比例", "percent"), "shared_passages_min": None})
def boilerplate_ratio(reports, ctx):
    """本报告的叙述文字有相当比例与本批其他报告相同（套用模板或照搬），或两份文件是同一报告的不同版本。

    规则：批量检查时计算每份报告叙述文字中在其他报告里也出现的字符比例（boilerplate ratio），
    ≥ 30%（可配置 ratio）时提示一次并给出比例；两份报告 ≥ 90% 的段落相同，视为同一报告的不同版本，只提示一次。

    错误示例（两份报告以 --- 分隔）：
        2023年度甲县农业农村局部门整体支出绩效自评报告
        预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况。
        下一步将进一步加强预算管理，提高预算编制的科学性和准确性，强化绩效目标管理，推进绩效评价结果应用。
        ---
        2023年度乙县水利局部门整体支出绩效自评报告
        预算编制的精确性有待进一步提高，基本支出、项目支出预算指标不能同时下达，存在调剂指标使用的情况。
        下一步将进一步加强预算管理，提高预算编制的科学性和准确性，强化绩效目标管理，推进绩效评价结果应用。

    正确示例（两份报告以 --- 分隔）：
        2023年度甲县农业农村局部门整体支出绩效自评报告
        3个项目年中追加预算共86万元，占项目支出的12.4%，年初预算编制未充分测算春耕物资补贴规模。
        ---
        2023年度乙县水利局部门整体支出绩效自评报告
        农村供水管网改造完成39.5公里，比目标少2.5公里，原因是穿越省道的施工许可晚批4个月。
    """
    min_chars = int(ctx.threshold("min_chars", 30))
    limit = float(ctx.threshold("ratio", 0.3))
    memo = _prepared(reports, ctx, min_chars)
    versions = memo["versions"]
    for a, b in sorted(versions):
        from ..model import Location

        for d, o in ((a, b), (b, a)):
            yield d, ctx.finding(
                f"本报告与 {_doc_name(reports[o])} 内容基本相同（≥90% 的段落一致），可能是同一报告的不同版本",
                reports[d].meta.title or _doc_name(reports[d]), Location(section="", block=0, paragraph=0),
                evidence={"other_report": _doc_name(reports[o]), "shared_passages_min": 0.9},
                suggestion="确认提交的是最终版本，删除重复提交的文件")
    version_of = defaultdict(set)
    for a, b in versions:
        version_of[a].add(b)
        version_of[b].add(a)
    index = _cross_index(memo, min_chars, 0.5, [i for i in range(len(reports))
                                                if i not in version_of or all(i < o for o in version_of[i])])
    for i in index.doc_ids:
        ratio = index.boilerplate_ratio(i, include_common=False)
        if ratio >= limit:
            from ..model import Location

            yield i, ctx.finding(
                f"本报告 {ratio:.0%} 的叙述文字也出现在本批其他报告中",
                reports[i].meta.title or _doc_name(reports[i]), Location(section="", block=0, paragraph=0),
                evidence={"boilerplate_ratio": round(ratio, 3)},
                suggestion="用本单位本年度的具体数据和事实改写套用的段落")
