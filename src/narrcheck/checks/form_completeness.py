"""Form completeness and consistency (NC188, NC189, NC412, NC413): a column that the
other rows of a form fill left empty in one row, a malformed 文号, an empty 实际完成值
that still scores, a 偏差原因 that gives no improvement measure where points were lost.

Each reads the typed records of understand/forms and nothing else; n/a rows (无, /,
不适用), empty template rows and rows whose other problems are reported elsewhere
(no deviation reason at all: NC404) are left out.
"""
from __future__ import annotations

import re

from ..understand.facts import cell_location, content_words, fmt
from ..understand.values import normalize
from .registry import rule

_NA = re.compile(r"^[\s/／\\—\-－―─_]*$|^[（(]?(?:无|不适用|不涉及|无此项|暂无)[)）]?$")
# columns whose emptiness in one row, when the other rows fill them, is an omission
_FILLED_COLUMNS = {"unit": "度量单位", "direction": "指标性质", "actual": "实际完成值"}
# a breakdown sub-row ("其中：新建户厕 | 2180户") under the row it details: without a weight of its own it is
# not an indicator that is scored, so an empty actual there is no omission
_BREAKDOWN = re.compile(r"^\s*(?:其中|含)\s*[：:，,]?")
MIN_ROWS = 4          # a form with fewer filled rows says nothing about what "most rows" do
MIN_SHARE = 0.75      # share of the other rows that fill the column


def _rows(form):
    return [r for r in form.indicators if not r.empty and not _NA.match(normalize(r.name or r.level2 or ""))
            and r.value("actual").kind != "na" and r.value("target").kind != "na"]


def _blank(row, fld) -> bool:
    return fld in row.fields and not row.text(fld).strip()


def _has_column(form, fld) -> bool:
    return any(f == fld for f, _ in form.header.values())


def _scored(row) -> bool:
    s = row.value("score")
    return s.number is not None and s.number > 0


@rule("NC188", "column-left-empty", "template", "warning",
      scope="指标表：某一行漏填了其他各行都填写的度量单位、指标性质或实际完成值",
      evidence={"indicator": "指标", "form": "表单", "column": "漏填的栏目", "target": "指标值", "rows_filled": "填写了的行数", "rows": ("指标行数", "text")})
def column_left_empty(report, ctx):
    """一行漏填了其他各行都填写的栏目（度量单位、指标性质、实际完成值）。

    规则：指标表中至少 4 行已填写，其中至少 75% 的其他行填写了某一栏，而这一行该栏为空：报告 warning。
    度量单位只在指标值是不带单位的数字时才算漏填（“≥95%”自带单位，“达成年度指标”这类定性值不需要单位）；
    实际完成值为空而仍然得分的行由 NC412 报告，这里只报告没有得分的空行。“无”指标和空模板行不算；
    没有分值的“其中：…”分项行是上一行的细分，不是单独计分的指标，不要求填写实际完成值。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建蓄水池 | ≥ | 12 | 座 | 12 | 10 | 10 |
        | 产出指标 | 数量指标 | 新建供水管网 | ≥ | 39 | 公里 | 39.5 | 10 | 10 |
        | 产出指标 | 质量指标 | 验收合格率 | ≥ | 95 | % | 98.5 | 10 | 10 |
        | 产出指标 | 时效指标 | 完工时间 | ≤ | 12 | 月 | 11 | 10 | 10 |
        | 效益指标 | 社会效益指标 | 受益人口 | ≥ | 3200 | | 3350 | 10 | 10 |
        | 总分 | 50 | 50 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建蓄水池 | ≥ | 12 | 座 | 12 | 10 | 10 |
        | 产出指标 | 数量指标 | 新建供水管网 | ≥ | 39 | 公里 | 39.5 | 10 | 10 |
        | 产出指标 | 质量指标 | 验收合格率 | ≥ | 95 | % | 98.5 | 10 | 10 |
        | 产出指标 | 时效指标 | 完工时间 | ≤ | 12 | 月 | 11 | 10 | 10 |
        | 效益指标 | 社会效益指标 | 受益人口 | ≥ | 3200 | 人 | 3350 | 10 | 10 |
        | 总分 | 50 | 50 |
    """
    for form in report.forms:
        if form.kind != "indicator":
            continue
        rows = _rows(form)
        if len(rows) < MIN_ROWS:
            continue
        for fld, name in _FILLED_COLUMNS.items():
            if not _has_column(form, fld):
                continue
            blank = [r for r in rows if _blank(r, fld)]
            if not blank or len(blank) > len(rows) * (1 - MIN_SHARE):
                continue
            for r in blank:
                if fld == "unit":
                    t = r.target
                    if t.number is None or t.unit or t.kind not in ("number",):
                        continue
                if fld == "actual" and _scored(r):
                    continue            # NC412
                if fld == "actual" and _BREAKDOWN.match(r.label) and r.value("weight").number is None:
                    continue            # a weightless breakdown of the row above
                if fld == "direction" and r.target.comparator:
                    continue            # the value carries its own ≥ / ≤
                col = r.fields[fld].column or name
                filled = len(rows) - len(blank)
                yield ctx.finding(
                    f"指标「{r.label}」的「{col}」未填写，本表其他 {filled} 行都填写了这一栏",
                    r.label, r.location(fld, 0, 0),
                    evidence={"indicator": r.label, "column": col, "rows_filled": filled, "rows": len(rows),
                              "target": r.text("target").strip(), "form": form.title},
                    suggestion=f"补填「{col}」" + ("（如 个、人、公里、%）" if fld == "unit" else ""),
                )


@rule("NC412", "empty-actual-scored", "scoring", "warning",
      scope="指标行：实际完成值为空却得了分",
      evidence={"indicator": "指标", "form": "表单", "target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"})
def empty_actual_scored(report, ctx):
    """实际完成值为空却得了分。

    规则：指标表设有实际完成值栏，这一行的实际完成值为空（不是“无”“/”），得分大于 0：报告 warning。
    没有完成值就无法按计分规则得分。“无”指标仍计分由 NC405 报告。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建蓄水池 | ≥12座 | | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 新建蓄水池 | ≥12座 | 12座 | 10 | 10 |
        | 总分 | 10 | 10 |
    """
    for form in report.forms:
        if form.kind != "indicator" or not _has_column(form, "actual"):
            continue
        for r in _rows(form):
            if not _blank(r, "actual") or not _scored(r) or not r.text("target").strip():
                continue
            s, w = r.value("score"), r.value("weight")
            yield ctx.finding(
                f"指标「{r.label}」实际完成值为空，却得了 {fmt(s.number)} 分"
                + (f"（分值 {fmt(w.number)}）" if w.number is not None else ""),
                r.text("score").strip(), cell_location(r, "score"),
                evidence={"indicator": r.label, "target": r.text("target").strip(), "actual": "",
                          "score": fmt(s.number), "weight": fmt(w.number), "form": form.title},
                suggestion="填写实际完成值（数量、比率、日期或完成档次），再按计分规则确定得分",
                related=[r.location("actual", 0, 0)],
            )


_MEASURE = re.compile(
    r"改进|整改|下一步|下步|今后|下年|下一年|明年|将(?!近)|拟|计划|措施|加强|加快|加大|完善|健全|优化|强化|督促|建立|推行|"
    r"调整|提前|做好|落实|确保|争取|力争|压实|规范|严格|抓紧|尽快|跟踪|协调|实施|增设|增至|改为|改由|纳入|约定|启动|安排|申请|"
    r"对接|督导|扩容|改造|补[聘演种发办录建报充齐]|已于|已经|已按|已将|已完成|已对|已与|起按|起将|起实行|"
    r"(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?(?:底|末|上半年|下半年)?(?:前|起|内|按)|\d{1,2}\s*月(?:底|末)?前|"
    r"待[^，,。；;]{0,10}(?:修订|完成|实施|发放|拨付|验收)|至(?:19|20)\d{2}\s*年[^，,。；;]{0,6}(?:发放|完成|实施|拨付|招生)")
# an action already taken, written in the cause cell: 已劝返2人, 下半年开行务工专列12趟; or how the shortfall was
# handled — funds paid on the actual count (68名学生转学至县外，按实际在校人数发放): the count fell, nothing to correct
_ACTION_TAKEN = re.compile(r"已[\u4e00-\u9fff]{1,3}\d+\s*[人户家个所次趟场名项]|开行|加开|增开"
                           r"|(?:按|按照|依)实际[\u4e00-\u9fff]{0,8}?(?:发放|拨付|补助|结算|核定|支付|兑付)"
                           r"|据实(?:发放|拨付|结算|兑付|核定)")
# a column that asks for measures (偏差原因分析及改进措施), not only for the cause (偏差原因, 未完成原因分析)
_ASKS_MEASURE = re.compile(r"改进|措施|整改|对策")
# a heading of the report's measures part
_MEASURES_HEAD = re.compile(r"下一步|下步|改进|整改|工作打算|建议|对策|拟采取|措施")
_HAN4 = re.compile(r"[\u4e00-\u9fff]{4,}")


def _measure_texts(report) -> list[str]:
    """The paragraphs of the report's improvement part (a 改进措施 / 下一步 section, or a paragraph that
    opens with such a label)."""
    out = []
    for ch in report.chunks:
        if ch.kind != "paragraph":
            continue
        t = normalize(ch.text)
        if _MEASURES_HEAD.search(ch.section or "") or _MEASURES_HEAD.search(t[:12]):
            out.append(re.sub(r"\s+", "", t))
    return out


def _covered(texts: list[str], name: str, dev: str) -> bool:
    """The improvement part names the indicator (its whole name) or its problem (4 characters of the
    cause in a row)."""
    if not texts:
        return False
    name = re.sub(r"\s+", "", name)
    keys = {name} if len(name) >= 4 else set()
    for run in _HAN4.findall(re.sub(r"\s+", "", dev)):
        keys.update(run[i:i + 4] for i in range(len(run) - 3))
    return any(k in t for t in texts for k in keys)


# a heading of the report's problems part (存在问题, 存在的问题及原因), not a combined 问题与建议 part
_PROBLEMS_HEAD = re.compile(r"问题|不足")
_CN_DIGITS = "一二三四五六七八九十"
# item markers of a numbered list: 一是 / （一） / 1. / 1、 / （1） / ①; a number is a marker only after a boundary
_ITEM_MARK = re.compile(r"(?:^|(?<=[。；;：:，,\s]))(?:([一二三四五六七八九十])是|[（(]([一二三四五六七八九十])[)）]|"
                        r"[（(](\d{1,2})[)）]|(\d{1,2})[.、．](?!\d(?!\d{3}年))|([①②③④⑤⑥⑦⑧⑨⑩]))")
# words of a cause or problem too general to tie a deviation to one problem item
_ITEM_STOP = {"部分", "影响", "原因", "问题", "较大", "导致", "由于", "目标", "工作", "情况", "进一步", "存在", "相关",
              "没有", "未能", "不够", "一些", "有所", "主要"}


def _items(texts: list[str]) -> dict[int, str]:
    """The numbered items of a part (一是…二是…, （一）…（二）…, 1.…2.…), by their ordinal; only markers that
    count up from 1 are items (a stray 3. inside a sentence is not)."""
    text = "".join(texts)
    marks = []
    for m in _ITEM_MARK.finditer(text):
        g = next(x for x in m.groups() if x)
        k = (_CN_DIGITS.index(g) + 1 if g in _CN_DIGITS else "①②③④⑤⑥⑦⑧⑨⑩".index(g) + 1 if g in "①②③④⑤⑥⑦⑧⑨⑩"
             else int(g))
        if k == len(marks) + 1:
            marks.append((k, m.start(), m.end()))
    return {k: text[e:(marks[i + 1][1] if i + 1 < len(marks) else len(text))] for i, (k, _, e) in enumerate(marks)}


def _part_texts(report, head) -> list[str]:
    out = []
    for ch in report.chunks:
        top = (ch.section or "").split(" > ")[0]
        if ch.kind == "paragraph" and head(top) and normalize(ch.text).strip() != top.strip():
            out.append(re.sub(r"\s+", "", normalize(ch.text)))
    return out


def _answered_item(report, name: str, dev: str) -> bool:
    """The problems part names this deviation in its k-th item (the item sharing the most content words with the
    indicator's name and cause, at least two and one of the cause's, more than any other item) and the measures part has a k-th
    item: the report answers the problem item by item (存在问题 二是… / 改进措施 二是…)."""
    problems = _items(_part_texts(report, lambda h: bool(_PROBLEMS_HEAD.search(h) and not _MEASURES_HEAD.search(h))))
    if not problems:
        return False
    measures = _items(_part_texts(report, lambda h: bool(_MEASURES_HEAD.search(h) and not _PROBLEMS_HEAD.search(h))))
    def keep(ws):
        return {w for w in ws if len(w) >= 2 and w not in _ITEM_STOP}
    cause = keep(content_words(dev))
    words = keep(content_words(name)) | cause
    scores = sorted(((len(words & content_words(t)), bool(cause & content_words(t)), k) for k, t in problems.items()),
                    reverse=True)
    best, names_cause, k = scores[0]
    # the item must name the cause too, not only the indicator's object (黑土地保护 in an item about late funds)
    return (best >= 2 and names_cause and (len(scores) == 1 or scores[1][0] < best)
            and bool(measures.get(k, "").strip()))


_NO_REASON = re.compile(r"^[\s/／\\—\-－―─_]*$|^(?:无|无偏差|已完成|完成|不适用|/)$")


@rule("NC413", "deviation-without-measure", "scoring", "info",
      scope="得分低于分值的指标行：偏差原因只写了原因、没有改进措施",
      evidence={"indicator": "指标", "form": "表单", "weight": "分值", "score": "得分", "deviation": "偏差原因"})
def deviation_without_measure(report, ctx):
    """扣了分，偏差原因只说了原因，没有改进措施。

    规则：得分低于分值，栏名要求写改进措施（偏差原因分析及改进措施；只要求原因的“偏差原因”“未完成原因分析”栏不查），
    栏内写了原因，但没有任何改进用语（改进、整改、下一步、下年、将、拟、加强、完善、督促、提前……）或已采取的行动
    （已劝返2人、开行专列），表中也没有单独填写的改进措施栏，报告的改进措施部分也没有提到这项指标或这个问题
    （指标全名，或原因中连续 4 个字），存在问题部分也没有逐条答复它（存在问题第 k 条与指标名和原因共有至少两个词、其中有原因的词，且改进措施部分有第 k 条）：提示（info）。10号要求“分析并说明原因，研究提出改进措施”。
    偏差原因为空或只写“无”由 NC404 报告。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 新建供水管网 | ≥42公里 | 39.5公里 | 8 | 7.52 | 管材到货晚，2.5公里顺延至次年 |
        | 总分 | 8 | 7.52 | |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 新建供水管网 | ≥42公里 | 39.5公里 | 8 | 7.52 | 管材到货晚，下年改为分批招标、提前备料 |
        | 总分 | 8 | 7.52 | |
    """
    for form in report.forms:
        if form.kind not in ("indicator", "score_sheet") or not _has_column(form, "deviation"):
            continue
        measure_col = _has_column(form, "measure")
        heads = [h for f, h in form.header.values() if f == "deviation"]
        if not measure_col and not any(_ASKS_MEASURE.search(h) for h in heads):
            continue
        measures = _measure_texts(report)
        for r in form.indicators:
            w, s = r.value("weight"), r.value("score")
            if r.empty or w.number is None or s.number is None or s.number >= w.number - 0.01:
                continue
            dev = normalize(r.text("deviation")).strip()
            if _NO_REASON.match(re.sub(r"\s+", "", dev)) or len(dev) < 4:
                continue
            if _MEASURE.search(dev) or _ACTION_TAKEN.search(dev) or (measure_col and r.text("measure").strip()):
                continue
            if _covered(measures, r.name or "", dev) or _answered_item(report, r.name or "", dev):
                continue
            yield ctx.finding(
                f"指标「{r.label}」扣了 {fmt(round(w.number - s.number, 4))} 分，偏差原因只说明了原因，没有改进措施",
                r.text("deviation").strip(), cell_location(r, "deviation"),
                evidence={"indicator": r.label, "deviation": r.text("deviation").strip(), "weight": fmt(w.number),
                          "score": fmt(s.number), "form": form.title},
                suggestion="在原因之后写明下一步的改进措施：做什么、何时完成，如“下年改为分批招标，6月底前完成备料”",
            )


# 〔2024〕1号 is right; 〔20241号 (no closing bracket) and 湘财绩2023 5号 (a space for the brackets) are not
_DOCNO_OPEN = re.compile(r"(?<![\d〕\]］】)）])[〔\[［【](20\d{2}|19\d{2})(?![〕\]］】)）])(\d{1,4})号")
_DOCNO_BARE = re.compile(r"([\u4e00-\u9fff]{1,6}(?:发|字|函|办|绩|预|规|文|令|通))\s?(20\d{2})\s+(\d{1,4})号")


@rule("NC189", "malformed-doc-number", "template", "warning",
      scope="叙述和单元格中的文号，如 财预〔2020〕10号",
      evidence={"doc_number": "文号", "year": "年份", "number": "序号"})
def malformed_doc_number(report, ctx):
    """文号格式错误：年份缺少六角括号的一侧（〔20241号），或年份与序号之间只有空格（湘财绩2023 5号）。

    规则：文号应写作“机关代字〔年份〕序号号”（GB/T 9704）。年份前有“〔”而后面没有“〕”就接着序号，或机关代字后
    “年份 空格 序号号”：报告 warning。写法正确的 财预〔2020〕10号、湘财绩〔2023〕5号 不报。

    错误示例：
        2023年度部门整体支出绩效自评报告
        根据《湖南省财政厅关于开展2023年度绩效自评工作的通知》（湘财绩〔20231号）要求，我局开展了自评。

    正确示例：
        2023年度部门整体支出绩效自评报告
        根据《湖南省财政厅关于开展2023年度绩效自评工作的通知》（湘财绩〔2023〕1号）要求，我局开展了自评。
    """
    seen = set()
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell"):
            continue
        t = normalize(ch.text)
        for m in list(_DOCNO_OPEN.finditer(t)) + list(_DOCNO_BARE.finditer(t)):
            key = (ch.location.block, ch.location.row, ch.location.col, m.start())
            if key in seen:
                continue
            seen.add(key)
            raw = ch.text[m.start():m.end()]
            year = m.group(1) if m.re is _DOCNO_OPEN else m.group(2)
            num = m.group(2) if m.re is _DOCNO_OPEN else m.group(3)
            yield ctx.finding(
                f"文号“{raw}”格式不对，应写作“〔{year}〕{num}号”（年份用六角括号括起）",
                raw, ch.location.with_span(m.start(), m.end()),
                evidence={"doc_number": raw, "year": year, "number": num},
                suggestion=f"改为“…〔{year}〕{num}号”",
            )


_TIER_TEXT = re.compile(r"^\s*(?:基本|部分)?(?:达成|未达成)(?:年度|预期)?(?:指标|目标)|^\s*(?:优|良|中|差|优秀|良好|合格|不合格)\s*$")


def _tier_named(text: str) -> bool:
    return bool(_TIER_TEXT.search(normalize(text or "")))


@rule("NC414", "qualitative-actual-no-tier", "template", "warning",
      scope="定性指标行（指标性质为定性，或年度指标值写明档次）的实际完成值",
      evidence={"indicator": "指标", "target": "年度指标值", "actual": "实际完成值", "form": "表单"})
def qualitative_actual_no_tier(report, ctx):
    """定性指标的实际完成值没有写明完成档次（ACT-TYPE）。

    规则：指标性质栏写“定性”，或年度指标值本身是档次用语（达成年度指标、优/良/中/差），这样的定性指标其实际完成值
    应写明达成的档次（达成 / 部分达成 / 未达成年度指标，或优良中差）。实际完成值既没有档次用语、也没有数字：报告
    warning。实际完成值照抄指标值由 NC002 报告，为空由 NC188/NC412 报告。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 群众饮水安全保障 | 达成年度指标 | 效果良好 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 群众饮水安全保障 | 达成年度指标 | 达成年度指标，3350人饮水达标 | 10 | 10 |
        | 总分 | 10 | 10 |
    """
    for form in report.forms:
        if form.kind != "indicator":
            continue
        for r in _rows(form):
            qualitative = re.sub(r"\s+", "", r.text("direction")) == "定性" or _tier_named(r.text("target"))
            a = r.text("actual").strip()
            if not qualitative or not a or r.value("actual").number is not None or re.search(r"\d", a):
                continue
            if _tier_named(a) or re.sub(r"\s+", "", a) == re.sub(r"\s+", "", r.text("target")):
                continue
            yield ctx.finding(
                f"定性指标「{r.label}」的实际完成值“{a[:30]}”没有写明完成档次（达成 / 部分达成 / 未达成年度指标）",
                a, cell_location(r, "actual"),
                evidence={"indicator": r.label, "target": r.text("target").strip(), "actual": a, "form": form.title},
                suggestion="写明完成档次，并用事实说明，如“达成年度指标：3350人饮水水质检测合格”",
            )
