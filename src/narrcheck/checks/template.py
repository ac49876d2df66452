"""Template residue: placeholders, blank form fields, guidance text, empty
template rows and indicator categories that were never filled (NC180–NC185)."""
from __future__ import annotations

import re

from ..model import Location, Paragraph, Table
from ..understand.facts import PLACEHOLDER_IN_TEXT, PLACEHOLDER_VALUE
from ..understand.facts.indicators import _UNITS
from ..understand.forms import squash
from ..understand.values import normalize
from ._util import rows_below_weight
from .registry import rule

# A republishing site's name mask is not a placeholder: asterisks standing for a place or unit name
# (**县, **河县, ****财政局), a person's given name (张**, 填表人：周**) or the end of a phone number
# (0712-652****).  Asterisks with a comparator or a unit (≥**平方米, **万元, **人次) still are placeholders.
_MASKED_NAME_END = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:自治区|自治州|自治县|自治旗|省|市|县|区|州|盟|旗|镇|乡|村|街道|社区|局|委员会|委|"
    r"办公室|办|厅|中心|公司|学校|中学|小学|幼儿园|医院|卫生院|站|所|馆|队|合作社|集团|银行|农场|林场)")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
             "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_MASKED_PERSON = re.compile(r"(?:^|[^\u4e00-\u9fff]|[：:、，,（(]|由|和|与|及|人|长|员|记|任)(?:欧阳|司马|诸葛|上官|["
                            + _SURNAMES + r"])$")
_MASK_PERSON_AFTER = re.compile(r"^(?:$|[^\u4e00-\u9fff]|同志|主任|局长|书记|副|等|负责|任|为|担任|先生|女士)")


def is_name_mask(text: str, start: int) -> bool:
    """Whether the asterisks at ``text[start]`` (normalised text) mask a name rather than stand for
    a missing number."""
    if text[start:start + 1] != "*":
        return False          # XX, ×× are the templates' own placeholders
    a, b = start, start
    while a > 0 and text[a - 1] == "*":
        a -= 1
    while b < len(text) and text[b] == "*":
        b += 1
    before, after = text[:a], text[b:]
    if re.search(r"(?:[≥≤><=]|不低于|不少于|不高于|不超过|达到|约)\s*$", before):
        return False
    if re.match(r"\s*(?:万|亿|千)?" + _UNITS, after):
        return False
    if _MASKED_NAME_END.match(after):
        return True
    if re.search(r"\d[-－]?$", before) and b - a >= 3:
        return True
    return bool(_MASKED_PERSON.search(before) and _MASK_PERSON_AFTER.match(after))


def _strip_span(raw: str) -> tuple[int, int]:
    return len(raw) - len(raw.lstrip()), len(raw.rstrip())


@rule("NC180", "placeholder-value", "template", "warning",
      scope="指标单元格（指标值、实际完成值、分值、得分）和叙述文字",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "value": "填写内容", "placeholder": "占位符"})
def placeholder_value(report, ctx):
    """占位符未填写：指标值或正文中留有“≤万元”“≥**平方米”“XX”等没有数字的模板占位。

    规则：指标表的指标值/实际完成值只剩比较符、单位或占位符（*、XX、××、……）而没有数字；
    正文中出现 XX/××/** 加单位的占位。转载网站对名称的遮挡（**县、****财政局、张**）不是占位符。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 政府办公业务经费 | ≤万元 | 145.29 | 12 | 10 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 政府办公业务经费 | ≤150万元 | 145.29万元 | 12 | 12 |
    """
    in_form = set()
    for row in report.indicators:
        for fld in ("target", "target_adjusted", "actual"):
            raw = row.text(fld)
            if raw.strip() and PLACEHOLDER_VALUE.match(normalize(raw)):
                in_form.add(re.sub(r"\s+", "", normalize(raw)))
                s, e = _strip_span(raw)
                col = "年度指标值" if fld != "actual" else "实际完成值"
                yield ctx.finding(
                    f"{col}只有占位符“{raw.strip()}”，没有填写数字",
                    raw[s:e], row.location(fld, s, e),
                    evidence={"indicator": row.label, "value": raw.strip(), "field": fld},
                    suggestion="填写完整的“比较符 + 数字 + 单位”，如 ≤150万元；不适用的指标应删除并说明")
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell") or ch.field in ("target", "target_adjusted", "actual"):
            continue
        norm = normalize(ch.text)
        for m in PLACEHOLDER_IN_TEXT.finditer(norm):
            if is_name_mask(norm, m.start()):
                continue
            if _quotes_form_placeholder(norm, m, in_form):
                continue  # the narrative's list of indicators quoting a form cell reported above
            yield ctx.finding(
                f"文中留有占位符“{ch.text[m.start():m.end()]}”", ch.text[m.start():m.end()],
                ch.location.with_span(m.start(), m.end()) if ch.kind == "paragraph" else
                Location(**{**ch.location.__dict__, "start": m.start(), "end": m.end()}),
                evidence={"placeholder": ch.text[m.start():m.end()]},
                suggestion="用实际数字替换占位符")


_ROW_VALUE_BEFORE = re.compile(r"(?:指标值|目标值|完成值)(?:为|是)?\s*[：:]?\s*[≥≤><=]?\s*$")


def _quotes_form_placeholder(norm: str, m, in_form: set) -> bool:
    """"7.带动脱贫人口增收：年度指标值≥XX人，实际完成值1260人…": the narrative lists the form's rows,
    and the placeholder it quotes is a form cell's, reported there: one problem, one finding."""
    ph = re.sub(r"\s+", "", norm[m.start():m.end()])
    return any(v.endswith(ph) for v in in_form) and bool(_ROW_VALUE_BEFORE.search(norm[max(0, m.start() - 12):m.start()]))


TEMPLATE_ROW = re.compile(r"^(?:\d+[、.．])?\s*(?:二级机构|三级机构|下属单位|项目|专项|单位)\s*[0-9一二三]+\s*$")


@rule("NC181", "empty-template-rows", "template", "info", scope="表格：只有模板行名、没有数据的行",
      evidence={"rows": ("行", "rows"), "count": "空行数", "labels": ("模板行", "list")})
def empty_template_rows(report, ctx):
    """模板空行未删除：表中保留了“二级机构1”“……”“1、”之类没有任何数据的模板行。

    规则：每张表（表单）汇总一条：行标签是模板编号（二级机构1、项目1、……、只有序号“1、”），
    且该行其余单元格全部为空。只列出，不影响数字检查。

    错误示例：
        部门（单位）年度收入情况（万元）
        | 机构名称 | 收入合计 | 财政拨款 |
        | 1、局机关 | 594.97 | 594.97 |
        | 2、二级机构1 |  |  |
        | 3、二级机构2 |  |  |

    正确示例：
        部门（单位）年度收入情况（万元）
        | 机构名称 | 收入合计 | 财政拨款 |
        | 1、局机关 | 594.97 | 594.97 |
        | 2、区发展研究中心 | 40.00 | 40.00 |
    """
    for b in report.document.blocks:
        if not isinstance(b, Table):
            continue
        hits = []
        for r, row in enumerate(b.rows):
            texts = [c.text.strip() for c in row]
            nonempty = [t for t in texts if t and t not in ("\u3000",)]
            if not nonempty:
                continue
            label = squash(nonempty[0])
            rest = nonempty[1:]
            if rest:
                continue
            if TEMPLATE_ROW.match(label) or label in ("……", "…", "......") or re.fullmatch(r"\d{1,2}[、.．]", label):
                if len(row) >= 2 or b.ncols >= 2:
                    hits.append((r, nonempty[0]))
        if not hits:
            continue
        r0, label0 = hits[0]
        sec = report.sections.path_at(b.block, r0)
        labels = [h[1] for h in hits]
        yield ctx.finding(
            f"表中有 {len(hits)} 行模板空行未填写也未删除（如“{labels[0]}”）",
            label0, Location(section=sec, block=b.block, table=b.number, row=r0, start=0, end=len(label0)),
            evidence={"rows": [h[0] + 1 for h in hits], "labels": labels[:20], "count": len(hits)},
            suggestion="删除不适用的模板行，或填写该行数据；确无此类情况时可注明“无”")


BLANK_FIELD = re.compile(
    r"(填表人|填报人|填报日期|联系电话|单位负责人签字|负责人签字|负责人（签章）|负责人\(签章\)|（签字）|\(签字\)|"
    r"（签章）|\(签章\)|（签名）|\(签名\)|（盖章）|\(盖章\)|(?<![（(])(?:签字|签章|盖章))\s*[：:]?"
    r"(?=\s*(?:$|[^\s：:]{1,14}[：:]|[（(])|[ \t\u3000]*\n)")
BLANK_DATE = re.compile(r"(?<!\d)年\s{1,}月\s{1,}日")
# a name written right before a （盖章）/（签字） label: 单位：岷西县水利局（盖章）, 张三（签字）
_FILLED_BEFORE = re.compile(r"[：:]\s*[^\s：:（）()]{2,40}$|^\s*[^\s：:（）()]{2,40}(?:局|委|办|院|所|站|中心|公司|政府|室|队|馆)$")


@rule("NC182", "blank-sign-date", "template", "info", scope="段落和表格单元格：签字、日期、填表人等栏目",
      evidence={"fields": ("未填的栏目", "list")})
def blank_sign_date(report, ctx):
    """签字、盖章、日期栏未填写：“填表人：  填报日期：”“年  月  日”等空白表头栏。

    规则：栏目名后面紧跟空白（或下一个栏目名）即视为未填写；“年 月 日”中间只有空格的日期视为未填写。
    每一行报告一次，列出全部空白栏目。提交前应填写或签章。

    错误示例：
        2023年度部门整体支出绩效自评表
        填表人：           填报日期：          联系电话：             单位负责人签字：

    正确示例：
        2023年度部门整体支出绩效自评表
        填表人：张三    填报日期：2024年3月15日    联系电话：0734-1234567    单位负责人签字：李四
    """
    paras = [c for c in report.chunks if c.kind == "paragraph"]
    next_para = {id(a): b for a, b in zip(paras, paras[1:])}
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell"):
            continue
        text = normalize(ch.text)
        blanks = [m for m in BLANK_FIELD.finditer(text)]
        dates = [m for m in BLANK_DATE.finditer(text)]
        if not blanks and not dates:
            continue
        # a labelled field followed by a value is not blank: require whitespace/end after the colon
        names = []
        spans = []
        for m in blanks:
            after = text[m.end():]
            nxt = re.match(r"\s*", after).end()
            rest = after[nxt:]
            if rest == "" and ch.kind == "cell" and _value_in_next_cell(report, ch.location):
                continue  # | 联系电话 | 0731-1234567 |: the value is in the next cell
            if rest == "" and ch.kind == "paragraph" and not text[:m.start()].strip() \
                    and not re.search(r"[：:]", m.group(0)) and _is_value(next_para.get(id(ch))):
                continue  # one cell per line: a bare "联系电话" then "0932-3216508" — the value is the next cell
            if m.group(1)[0] in "（(" and not re.match(r"\s*[：:]", text[m.end() - 1:m.end()] + rest[:1]) \
                    and _FILLED_BEFORE.search(text[:m.start()]):
                continue  # 项目实施单位：岷西县水利局（盖章）: the unit is named; the seal is not text
            if rest == "" or re.match(r"[^\s：:]{1,14}[：:]", rest) or rest.startswith(("（", "(")) or nxt >= 4 \
                    or "\n" in after[:nxt]:
                names.append(m.group(1))
                spans.append((m.start(), m.end()))
        for m in dates:
            names.append("年 月 日")
            spans.append((m.start(), m.end()))
        if not names:
            continue
        s, e = min(x[0] for x in spans), max(x[1] for x in spans)
        e = s + len(ch.text[s:e].rstrip())
        loc = Location(**{**ch.location.__dict__, "start": s, "end": e})
        yield ctx.finding(
            "签字/日期栏未填写：" + "、".join(dict.fromkeys(n.strip("（）()") for n in names)),
            ch.text[s:e], loc, evidence={"fields": list(dict.fromkeys(names))},
            suggestion="提交前填写填表人、日期、联系电话，并由负责人签字盖章")


def _is_value(ch) -> bool:
    """Whether a paragraph (the line after a label written one cell per line) is a short value, not another label."""
    if ch is None:
        return False
    t = normalize(ch.text).strip()
    return _filled(t) and len(t) <= 30 and not re.search(r"[：:]", t) \
        and not re.match(r"(?:填表人|填报人|填报日期|联系电话|单位负责人|负责人|联系人|年\s*月\s*日)", t)


def _filled(t: str) -> bool:
    """A field's text holds a value, not nothing or another label."""
    return bool(t) and not BLANK_FIELD.match(t)


def _value_in_next_cell(report, loc) -> bool:
    """Whether the cell right of ``loc`` (same row) holds a value, not another label."""
    table = next((t for t in report.document.tables if t.number == loc.table), None)
    if table is None or loc.row is None or loc.col is None:
        return False
    cells = sorted((c for c in table.cells() if c.row <= loc.row < c.row + c.rowspan and c.col > loc.col),
                   key=lambda c: c.col)
    if not cells:
        return False
    return _filled(normalize(cells[0].text).strip())


GUIDANCE = [
    (re.compile(r"[（(]\s*\d+\s*字(?:以内|以下|左右)\s*[)）]"), "字数要求"),
    (re.compile(r"[（(][^（）()]{0,30}?(?:不超过|不多于|限|字数控制在|控制在)\s*\d+\s*字(?:以内)?\s*[)）]"), "字数要求"),
    (re.compile(r"[（(][^（）()]{2,40}?[，,、；;]\s*\d+\s*字(?:以内|以下|左右)\s*[)）]"), "字数要求"),
    (re.compile(r"[（(]\s*(?:请|应|需)(?:简要|简述|详细|重点|如实|分别)?(?:说明|填写|描述|阐述|列明|概述|分析|介绍)[^（）()]{0,40}[)）]"),
     "填写说明"),
    (re.compile(r"^\s*主要(?:反映|说明|包括|填写)"), "填写说明"),
    (re.compile(r"^\s*(?:请|应)?结合[^。]{0,20}(?:情况|实际)[，,]\s*(?:说明|填写|分析)"), "填写说明"),
    (re.compile(r"^\s*请(?:在此|根据|按照|填写|简要|结合|说明)"), "填写说明"),
    (re.compile(r"[（(]\s*此页为封面\s*[)）]"), "模板标记"),
    (re.compile(r"^\s*(?:根据|按照)[^。]{0,30}填写[。.]?\s*$"), "填写说明"),
]


@rule("NC183", "guidance-text", "template", "warning", scope="叙述段落和表内文字单元格",
      evidence={"matched": "提示语", "pattern": "类型"})
def guidance_text(report, ctx):
    """模板填写说明未删除：正文中留有“主要反映……”“结合自评情况，说明……（200字以内）”等模板提示语。

    规则：段落以“主要反映/主要说明/请填写/请结合……说明”开头，或含“（200字以内）”之类字数要求、
    “（此页为封面）”之类模板标记。表单自带的“说明：”“备注：”注释不在此列。

    错误示例：
        四、存在的主要问题及下一步改进措施
        主要反映专项经费、业务工作经费支出执行偏离绩效目标的情况，并分析其原因，提出改进的措施、工作建议等。

    正确示例：
        四、存在的主要问题及下一步改进措施
        专项经费执行率为 82.6%，低于目标 90%，原因是 3 个采购项目延期至次年一季度。
    """
    for ch in report.chunks:
        if ch.kind not in ("paragraph", "cell") or ch.field in ("name", "level1", "level2", "label"):
            continue
        text = normalize(ch.text)
        if re.match(r"^\s*(说明|备注|注)\s*[：:]", text):
            continue
        for rx, why in GUIDANCE:
            m = rx.search(text)
            if not m:
                continue
            s, e = (0, len(ch.text.rstrip())) if why == "填写说明" else (m.start(), m.end())
            s = max(s, len(ch.text) - len(ch.text.lstrip()))
            loc = Location(**{**ch.location.__dict__, "start": s, "end": e})
            yield ctx.finding(
                f"模板提示语未删除（{why}）", ch.text[s:e], loc, evidence={"pattern": why, "matched": ch.text[m.start():m.end()]},
                suggestion="删除模板提示语，按要求写出本单位的实际情况")
            break


REQUIRED_L2 = {
    "数量指标": ("产出", r"数量"), "质量指标": ("产出", r"质量"), "时效指标": ("产出", r"时效"),
    "成本指标": ("产出", r"成本"), "满意度指标": ("满意度", r"满意"),
}
STANDARD_L2 = re.compile(r"数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续|满意")


def _is_template_form(form) -> bool:
    l2 = {r.level2 for r in form.indicators}
    return sum(1 for x in l2 if STANDARD_L2.search(x)) >= 3


@rule("NC184", "empty-category", "template", "warning", scope="指标表：二级指标类别",
      evidence={"level1": "一级指标", "level2": "二级指标", "empty_rows": ("空行", "rows")})
def empty_category(report, ctx):
    """指标类别空缺：二级指标（数量、质量、时效、成本、满意度）在表中只有空白行，没有任何实际指标。

    规则：按二级指标分组，一组里所有行都是空行（只有序号或为空）时报告；
    经济/社会/生态效益和可持续影响可按实际情况选填，不在此检查；只检查使用标准指标体系的表。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 1、 |  |  |  |  |
        | 产出指标 | 质量指标 | 文稿合格率 | ≥98% | 100% | 20 | 20 |
        | 产出指标 | 时效指标 | 办结时限 | ≤5个工作日 | 4个工作日 | 20 | 20 |
        | 产出指标 | 成本指标 | 公用经费 | ≤150万元 | 145万元 | 20 | 20 |
        | 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 20 | 20 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 办理文件 | ≥300件 | 386件 | 20 | 20 |
        | 产出指标 | 质量指标 | 文稿合格率 | ≥98% | 100% | 20 | 20 |
        | 产出指标 | 时效指标 | 办结时限 | ≤5个工作日 | 4个工作日 | 20 | 20 |
        | 产出指标 | 成本指标 | 公用经费 | ≤150万元 | 145万元 | 20 | 20 |
        | 满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% | 95% | 20 | 20 |
    """
    for form in report.indicator_forms:
        if not _is_template_form(form):
            continue
        groups: dict[str, list] = {}
        for r in form.indicators:
            groups.setdefault(r.level2, []).append(r)
        for l2, rows in groups.items():
            key = next((k for k, (_, rx) in REQUIRED_L2.items() if re.search(rx, l2)), None)
            if key is None or not all(r.empty or _blank(r) for r in rows):
                continue
            first = rows[0]
            yield ctx.finding(
                f"“{l2}”下没有填写任何指标（{len(rows)} 行均为空白）",
                first.level2, first.location("level2", 0, len(first.text("level2").rstrip()) if first.text("level2") else None),
                evidence={"level1": first.level1, "level2": l2, "empty_rows": [r.row + 1 for r in rows]},
                suggestion=f"按绩效目标补充可量化的{key}（如数量、比率、时限或成本），或说明不设该类指标的理由")


def _blank(r) -> bool:
    return not any(r.text(f).strip() for f in ("target", "actual", "weight", "score")) and \
        (not r.name or re.fullmatch(r"[\d、.．…]*", r.name) is not None)


@rule("NC185", "missing-category", "template", "warning", scope="指标表：一级、二级指标是否齐全",
      evidence={"form": "表单", "missing": ("缺少", "list"), "present_level2": ("已有的二级指标", "list")})
def missing_category(report, ctx):
    """指标体系缺项：指标表中完全没有产出的数量/质量/时效/成本指标、效益指标或满意度指标。

    规则：只检查使用标准指标体系（产出/效益/满意度）的指标表；某一必需类别在表中一行都没有时报告
    （已有空白行的由 NC184 报告）。部门整体支出绩效自评表只缺成本指标时为提示。转载文本在这张表中途中断（meta.truncated）时不报告：缺少的行是被截掉的。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 230人次 | 30 | 30 |
        | 产出指标 | 质量指标 | 考核合格率 | ≥90% | 94% | 20 | 20 |
        | 产出指标 | 时效指标 | 完成时间 | 2023年10月底前 | 2023年9月28日 | 20 | 20 |
        | 效益指标 | 社会效益指标 | 持证上岗率 | ≥85% | 88% | 30 | 30 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 培训人次 | ≥200人次 | 230人次 | 20 | 20 |
        | 产出指标 | 质量指标 | 考核合格率 | ≥90% | 94% | 20 | 20 |
        | 产出指标 | 时效指标 | 完成时间 | 2023年10月底前 | 2023年9月28日 | 10 | 10 |
        | 产出指标 | 成本指标 | 人均培训成本 | ≤800元 | 760元 | 10 | 10 |
        | 效益指标 | 社会效益指标 | 持证上岗率 | ≥85% | 88% | 30 | 30 |
        | 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10 |
    """
    for form in report.indicator_forms:
        if not _is_template_form(form) or _cut_by_truncation(report, form):
            continue
        l2s = " ".join(r.level2 for r in form.indicators)
        l1s = " ".join(r.level1 for r in form.indicators)
        missing = [k for k, (_, rx) in REQUIRED_L2.items() if not re.search(rx, l2s)]
        if not re.search(r"效益|效果", l1s + l2s):
            missing.append("效益指标")
        if not missing:
            continue
        anchor = form.indicators[0]
        # a 部门整体 form with every category but 成本: many such forms leave it out (the department's cost is
        # its budget, judged by the execution rate), so it is a note, not a warning
        title = form.title or ""
        dept_cost_only = missing == ["成本指标"] and ("整体" in title or (
            report.meta.kind != "项目" and "项目" not in title and not form.project))
        yield ctx.finding(
            "指标表缺少" + "、".join(missing) + ("（部门整体支出绩效自评表常不设成本指标，可按需要补充）" if dept_cost_only else ""),
            anchor.text("level1").strip() or anchor.level1,
            anchor.location("level1", 0, len(anchor.text("level1").rstrip())),
            evidence={"missing": missing, "form": form.title, "present_level2": sorted({r.level2 for r in form.indicators})},
            suggestion="按 财预〔2020〕10号 的指标体系补齐产出（数量、质量、时效、成本）、效益和满意度指标",
            severity="info" if dept_cost_only else None)


def _cut_by_truncation(report, form) -> bool:
    """The text is a truncated copy that stops inside this form: its missing rows were cut off."""
    cut = report.meta.truncated_block
    return report.meta.truncated and cut is not None and cut in {form.block} | {r.block for r in form.records}


# ---------------------------------------------------------------------------
# NC187 required sections
# ---------------------------------------------------------------------------

_NUMBERING = r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(?:[（(][一二三四五六七八九十\d]+[)）]\s*)?(?:\d+\s*[、.．]\s*)?"
SECTION_PROBLEMS = re.compile(r"存在的?(?:主要|突出)?问题|主要问题|问题[及与和]原因|问题[及与和](?:建议|对策|改进)|偏差[及与和]原因|问题和不足|问题与不足|存在不足|不足之处"
                              r"|未完成(?:的)?原因|偏差(?:原因|情况)|原因分析")
SECTION_MEASURES = re.compile(r"下一步|下步|改进(?:措施|意见|建议|方向|举措)|整改(?:措施|情况|意见)|工作打算|意见建议|对策建议"
                              r"|措施建议|相关建议|有关建议|拟采取")
MIN_NARRATIVE = 5           # paragraphs of ≥ 30 characters: below that the file is a form, not a report


# a problems heading, alone or with "：无" after it (NO-MEASURE)
_PROBLEMS_LABEL = _NUMBERING + r"(?:存在的?(?:主要)?问题|主要问题|问题及原因|问题和不足|存在不足)(?:及原因分析)?"
_NONE_WORDS = r"(?P<none>无|暂无|没有|无问题|未发现问题)\s*[。.]?"
_EMPTY_PROBLEMS = re.compile(_PROBLEMS_LABEL + r"\s*[：:]\s*" + _NONE_WORDS + "$")


_NONE = re.compile(_NONE_WORDS)
_PROBLEMS_HEADING = re.compile(_PROBLEMS_LABEL + r"\s*[：:]?$")


def _section_labels(report):
    """Texts that can name a section: heading paths, short heading-like
    paragraphs and the start of labelled paragraphs (存在问题：…), and form
    rows labelled 存在问题 / 改进措施 (not column headers such as 偏差原因分析及改进措施)."""
    heads = {p.strip() for ch in report.chunks for p in (ch.section or "").split(" > ") if p.strip()}
    for b in report.document.blocks:
        if isinstance(b, Paragraph):
            t = normalize(b.text).strip()
            if t:
                yield t if len(t) <= 40 else t[:16]
        elif isinstance(b, Table):
            for c in b.cells():
                t = squash(c.text)
                if t and len(t) <= 12 and c.col == 0:
                    yield t
    yield from heads


@rule("NC187", "missing-sections", "template", "warning",
      scope="有叙述的报告：“存在的问题”和“改进措施”部分",
      evidence={"rows_below_weight": ("扣分的指标", "lost"), "missing": ("缺少", "list"), "narrative_paragraphs": "叙述段落数"})
def missing_sections(report, ctx):
    """报告缺少“存在的问题（偏差原因）”或“改进措施”部分（SECTIONS）。

    规则：有叙述部分的报告（至少 5 段 30 字以上的段落；单独的自评表不查），在标题、段首标签和表单的行标签中
    都找不到“存在的问题/问题及原因/偏差原因/不足”时，或都找不到“改进措施/下一步/整改/工作打算/建议”时报告；
    两者都缺为警告；只缺一项时，自评表（含评分表）有扣分的指标为警告，否则为提示。“存在的问题及改进措施”这样的
    合并标题两者都算；自评表的“偏差原因分析及改进措施”列名不算。不完整的转载（网页预览“展开全文”、文本在句中
    中断，见 meta.truncated）不报告缺少部分：它们可能在被截掉的部分里。另外，有指标扣分而“存在的问题”只写“无”的，
    也报告（警告），并列出扣分的指标。

    错误示例：
        2022年度部门整体支出绩效自评报告
        一、单位概况
        本单位为财政全额拨款行政单位，现有在职干部编制43个，实有在职干部37人，内设机构12个。
        二、单位支出情况
        2022年，单位本年收入2277.91万元，本年支出2277.91万元，其中基本支出1639.67万元、项目支出638.24万元。
        三、单位专项组织实施情况
        我单位从项目立项、绩效目标、资金管理、财务信息质量等方面进行了绩效评价，逐项对照完成情况。
        四、单位整体支出绩效情况
        全年共办理各类文件7000余件，整理档案1525件，用印3000余次，完成政府工作报告撰写。
        五、自评结论
        经自评，本单位2022年度部门整体支出绩效自评得分100分，等级为优。

    正确示例：
        2022年度部门整体支出绩效自评报告
        一、单位概况
        本单位为财政全额拨款行政单位，现有在职干部编制43个，实有在职干部37人，内设机构12个。
        二、单位支出情况
        2022年，单位本年收入2277.91万元，本年支出2277.91万元，其中基本支出1639.67万元、项目支出638.24万元。
        三、单位整体支出绩效情况
        全年共办理各类文件7000余件，整理档案1525件，用印3000余次，完成政府工作报告撰写。
        四、存在的问题及原因
        项目支出执行率76.25%（638.24 ÷ 837.00），2个项目因疫情延期，年初预算编制偏大。
        五、下一步改进措施
        2023年按上年实际执行数测算项目预算，每季度通报执行进度。
    """
    paras = [b for b in report.document.blocks if isinstance(b, Paragraph) and len(b.text.strip()) >= 30]
    if len(paras) < MIN_NARRATIVE:
        return
    labels = list(_section_labels(report))
    number = re.compile(_NUMBERING)

    def has(rx) -> bool:
        for t in labels:
            body = number.sub("", t, count=1)
            if len(t) <= 40 and rx.search(t):
                return True
            if rx.match(body) or rx.match(body.lstrip("（(【[")):
                return True
        return False

    lost = rows_below_weight(f for f in report.forms if f.kind in ("indicator", "score_sheet"))
    missing = [name for name, rx in (("存在的问题（偏差原因）", SECTION_PROBLEMS), ("改进措施", SECTION_MEASURES))
               if not has(rx)]
    if missing and not report.meta.truncated:     # a truncated copy's sections may be in the part cut off
        title = report.meta.title or ""
        yield ctx.finding(
            "报告没有" + "和".join(f"“{m}”" for m in missing) + "部分"
            + ("：未分析偏差原因，也未提出改进措施" if len(missing) == 2 else "")
            + (f"（自评表中有 {len(lost)} 项指标扣分）" if lost else ""),
            title, Location(section="", block=0, paragraph=0),
            evidence={"missing": missing, "narrative_paragraphs": len(paras),
                      "rows_below_weight": [r.label for r in lost[:10]]},
            severity="warning" if len(missing) == 2 or lost else "info",
            suggestion="按财预〔2020〕10号的要求，写明未完成目标或偏离目标的原因（有数字和事实），并提出具体、可检查的改进措施和时限")
    if lost:
        # NO-MEASURE: the section is there but says 无
        blocks = report.document.blocks
        for i, b in enumerate(blocks):
            if not isinstance(b, Paragraph):
                continue
            t = normalize(b.text).strip()
            m = _EMPTY_PROBLEMS.match(t)
            if not m and _PROBLEMS_HEADING.match(t) and i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph):
                nxt = normalize(blocks[i + 1].text).strip()
                if _NONE.fullmatch(nxt):  # "五、存在的问题" then "无。"
                    b = blocks[i + 1]
                    m = _NONE.fullmatch(nxt)
            if m:
                ch = next((c for c in report.chunks if c.kind == "paragraph" and c.location.block == b.block), None)
                if ch is None:
                    continue
                yield ctx.finding(
                    f"“存在的问题”写的是“{m.group('none')}”，但自评表中有 {len(lost)} 项指标扣分："
                    + "、".join(f"{r.label}（{r.text('score').strip()}/{r.text('weight').strip()}）" for r in lost[:5])
                    + ("等" if len(lost) > 5 else ""),
                    b.text.strip(), ch.location.with_span(0, len(b.text.rstrip())),
                    evidence={"rows_below_weight": [r.label for r in lost[:20]]},
                    suggestion="逐项说明扣分指标未完成的原因（有数字和事实），并提出对应的改进措施")
                break
