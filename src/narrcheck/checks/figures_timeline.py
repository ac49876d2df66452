"""Timeline (NC450–NC453): years and dates that do not fit the report's year —
a year after the reported one in indicators, actuals or results; another
year's work presented as this year's (做好了2020年度… in a 2022 report); a
report date before the reported year is over; attached forms titled with
another year.

Next year's plans (计划, 部署, 拟, 将 …), document titles (《2025年工作要点》)
and the date the report was written (截至2025年3月) are not findings.
"""
from __future__ import annotations

import re

from ..model import Location, Paragraph
from ..understand.values import find_values, normalize
from ..understand.facts import indicator_kind, trimmed
from .registry import rule

_PLAN = re.compile(r"计划|拟|将|预计|力争|下一步|明年|下年|来年|下一年|目标|部署|安排|规划|要点|展望|争取|打算|准备|确保|"
                   r"截至|截止|至今|目前|预算|申报|申请|谋划|思路|任务|启动|筹备|编制|起草|报告》|以后|之后|前瞻")
_DONE = re.compile(r"完成了|已完成|已经完成|实现了|已实现|建成了|已建成|圆满完成|顺利完成|全面完成|做好了|开展了|举办了|落实了|"
                   r"取得了|达到了|已达到|已全部|完成率")
_DONE_WEAK = re.compile(r"完成|验收|建成|竣工|实现|达到|通水|投用|投入使用|交付")
_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")
_UNTIL = re.compile(r"(?:截至|截止|至|到|于)\s*$")
_WORK_VERB = re.compile(r"(?P<v>做好|完成|开展|实施|落实|推进|举办|办理|组织|抓好|保障)(?P<le>了)?\s*(?P<y>(?:19|20)\d{2})\s*年度?")
_RETRO = re.compile(r"^\s*(?:的)?(?:部门|单位|整体|项目)?(?:决算|预算|绩效评价|绩效自评|自评|审计|考核|总结|年报|统计|工作报告|述职|"
                    r"评价|报表|账务|结转|结余|清算|验收)")
# the same, with the object named first: 2021年度…项目|资金 + 绩效评价/清算/决算/审计…
# (考核, 总结 and 验收 stay out: "做好了2020年度政府工作的督查督办和绩效考核工作" is last year's target copied)
_RETRO_OBJECT = re.compile(r"绩效评价|绩效自评|决算|审计|清算|结算")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")


def _in_book_title(text: str, pos: int) -> bool:
    o = text.rfind("《", 0, pos)
    c = text.rfind("》", 0, pos)
    return o > c


def _cell_dates(text: str):
    for v in find_values(text):
        if v.kind == "date" and v.date and v.date[0]:
            yield v


@rule("NC450", "future-year", "timeline", "warning",
      scope="指标值和实际完成值（晚于报告年度的日期）、叙述中晚于报告年度的成效",
      evidence={"indicator": "指标", "form": "表单", "field": ("栏目", "text"), "target": "指标值", "actual": "实际完成值",
                "clause": "原句", "year": "年份", "report_year": "报告年度", "place": "位置"})
def future_year(report, ctx):
    """指标或完成情况中出现所评价年度之后的年份（如 2023 年度报告写“2024年”）。

    规则：绩效指标的实际完成值（及指标值）中的日期年份晚于报告年度时报告（实际值为 warning，只在指标值中为
    info）；书名号《》内的年份、“截至…”写报告时的日期不报告。叙述中只在同一分句声称已完成（完成了、已实现 …）
    且没有计划类词语（计划、拟、将、部署、目标 …）时提示（info）。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 组织培训时间 | 2024年 | 2024年 | 13 | 12 |
        | 总分 | 13 | 12 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 组织培训时间 | 2023年12月前 | 2023年10月 | 13 | 13 |
        | 总分 | 13 | 13 |
        对2024年工作计划作出了部署。
    """
    year = report.meta.year
    if not year:
        return
    for row in report.indicators:
        if row.empty:
            continue
        hit = None
        for fld in ("actual", "target_adjusted", "target"):
            text = row.text(fld)
            if not text.strip():
                continue
            for v in _cell_dates(text):
                if v.date[0] > year and not _in_book_title(text, v.start) and \
                        not _UNTIL.search(normalize(text)[max(0, v.start - 4):v.start]):
                    hit = (fld, v)
                    break
            if hit:
                break
        if not hit:
            continue
        fld, v = hit
        where = "实际完成值" if fld == "actual" else "指标值"
        # a late completion the row owns up to (points taken off, a reason given) is disclosed, not hidden
        w, sc = row.value("weight"), row.value("score")
        dev = normalize(row.deviation or "").strip()
        owned = (fld == "actual" and w.number is not None and sc.number is not None and sc.number < w.number - 0.01
                 and len(dev) >= 8 and dev not in ("无", "/", "无偏差"))
        yield ctx.finding(
            f"指标「{row.label}」的{where}“{v.span_text}”晚于所评价的 {year} 年度"
            + ("（已扣分并说明原因）" if owned else ""),
            v.span_text, row.location(fld, v.start, v.end),
            evidence={"indicator": row.label, "year": v.date[0], "report_year": year, "field": where,
                      "target": row.text("target").strip(), "actual": row.text("actual").strip(),
                      "form": row.form_title},
            suggestion=f"填写 {year} 年度内的实际完成时间或完成情况；跨年度的事项应说明截至 {year} 年底的进度",
            severity=None if fld == "actual" and not owned else "info",
            related=[row.location("target", *trimmed(row.text("target")))] if fld == "actual" else [])
    seen = set()
    for c in report.chunks:
        if c.kind != "paragraph" and not (c.kind == "cell" and c.field in ("", "goal_actual")):
            continue
        text = normalize(c.text)
        if not re.search(r"20\d\d", text):
            continue
        is_result = c.kind == "cell" and c.field == "goal_actual"
        for m in _CLAUSE.finditer(text):
            clause = m.group(0)
            if _PLAN.search(clause) or not (_DONE.search(clause) or (is_result and _DONE_WEAK.search(clause))):
                continue
            for v in _cell_dates(clause):
                y = v.date[0]
                if y <= year or _in_book_title(clause, v.start):
                    continue
                s, e = m.start() + v.start, m.start() + v.end
                key = (clause.strip(), y)
                if key in seen:
                    break
                seen.add(key)
                where = "年度总体目标完成情况" if is_result else "叙述"
                yield ctx.finding(
                    f"{where}中“{clause.strip()}”把 {y} 年的事项写成已完成，晚于所评价的 {year} 年度",
                    c.text[s:e], c.location.with_span(s, e),
                    evidence={"year": y, "report_year": year, "clause": clause.strip(), "place": where},
                    suggestion=f"只写 {year} 年度内完成的工作；跨年度事项写明截至 {year} 年底的进度",
                    severity=None if is_result else "info")
                break


@rule("NC451", "other-year-work", "timeline", "warning",
      scope="实际完成值、年度总体目标完成情况和叙述：“做好了/完成了”加以前年度的工作",
      evidence={"indicator": "指标", "target": "指标值", "clause": "原句", "year": "年份", "report_year": "报告年度",
                "text": "涉及年份的文字"})
def other_year_work(report, ctx):
    """把往年的工作当作本年度完成情况（如 2022 年度报告写“做好了2020年度…工作”），多为照抄往年材料。

    规则：实际完成值或完成情况中“做好、完成、开展、落实 … + 往年年份”，且同一行的指标值中没有该年份；
    决算、审计、考核、总结等本年对上年的工作（完成2021年度决算）不报告。叙述中只看带“了”的说法
    （做好了2020年度…）。上一年度为 info，更早为 warning。时效指标的实际完成时间早于所评价年度（2023 年度报告写
    “2022年10月20日”），而指标值中没有该年份：warning。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 督查督办 | 做好政府工作的督查督办工作 | 做好了2020年度政府工作的督查督办工作 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 督查督办 | 做好政府工作的督查督办工作 | 做好了2022年度政府工作的督查督办工作，完成2021年度部门决算 | 10 | 10 |
        | 总分 | 10 | 10 |
    """
    year = report.meta.year
    if not year:
        return
    rows = {(r.block, r.row): r for r in report.indicators}
    flagged = set()
    for c in report.chunks:
        in_form = c.kind == "cell" and c.field in ("actual", "goal_actual")
        if not (c.kind == "paragraph" or in_form or (c.kind == "cell" and c.field == "")):
            continue
        text = normalize(c.text)
        for m in _WORK_VERB.finditer(text):
            y = int(m.group("y"))
            if y >= year:
                continue
            if not in_form and not m.group("le"):
                continue
            if _RETRO.match(text[m.end():m.end() + 10]) or _in_book_title(text, m.start("y")) \
                    or _RETRO_OBJECT.search(re.split(r"[，,。；;]", text[m.end():m.end() + 30])[0]):
                continue  # "做好了2021年度基本公共卫生服务项目绩效评价工作": closing last year's books is this year's work
            row = rows.get((c.location.block, c.location.row)) if c.kind == "cell" else None
            if row is not None and str(y) in normalize(row.text("target")):
                continue
            s, e = m.start(), m.end()
            ev = {"year": y, "report_year": year, "text": c.text[s:e]}
            related = []
            if row is not None:
                ev.update({"indicator": row.label, "target": row.text("target").strip()})
                related = [row.location("target", *trimmed(row.text("target")))]
            clause = next((cm.group(0) for cm in _CLAUSE.finditer(text) if cm.start() <= s < cm.end()), "")
            ev["clause"] = clause.strip()
            if row is not None:
                flagged.add((row.block, row.row))
            yield ctx.finding(
                f"“{c.text[s:e]}…”写的是 {y} 年的工作，不是所评价的 {year} 年度的完成情况",
                c.text[s:e], c.location.with_span(s, e), evidence=ev,
                suggestion=f"改为 {year} 年度实际完成的工作和数据，检查是否照抄了往年材料",
                severity="info" if y == year - 1 else None, related=related)


    # a 时效 row completed before the year began: "危桥改造完工时间 | 2023年11月30日前 | 2022年10月20日"
    for row in report.indicators:
        if row.empty or (row.block, row.row) in flagged or indicator_kind(row) != "time":
            continue
        a = row.text("actual")
        years = [v.date[0] for v in _cell_dates(a)]
        if not years or max(years) >= year:
            continue
        y = max(years)
        if str(y) in normalize(row.text("target")) or str(y) in normalize(row.name or ""):
            continue
        s, e = trimmed(a)
        yield ctx.finding(
            f"指标「{row.label}」的实际完成时间“{a.strip()}”早于所评价的 {year} 年度",
            a[s:e], row.location("actual", s, e),
            evidence={"indicator": row.label, "target": row.text("target").strip(), "year": y, "report_year": year,
                      "text": a.strip()},
            suggestion=f"填写 {year} 年度的实际完成时间，检查是否照抄了往年的自评表",
            related=[row.location("target", *trimmed(row.text("target")))])


_DATE_LABEL = re.compile(r"(?:报告|填报|评价|编制|自评|出具)日期\s*[：:]?\s*")
_DATE_ONLY = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_DATE_RX = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?")


@rule("NC452", "report-date", "timeline", "warning",
      scope="报告日期、填报日期、落款日期与报告年度的年末",
      evidence={"report_year": "报告年度", "date": "报告日期", "year_end": "年度结束日"})
def report_date(report, ctx):
    """报告（填报）日期早于所评价年度结束。

    规则：报告日期、填报日期、评价日期，或单独一行的落款日期，早于所评价年度的 12 月 31 日即报告：
    年度自评报告只能在年度结束后编写。

    错误示例：
        2023年度部门整体支出绩效自评报告
        报告日期：2023年6月30日

    正确示例：
        2023年度部门整体支出绩效自评报告
        报告日期：2024年3月15日
    """
    year = report.meta.year
    if not year:
        return
    seen = set()
    for c in report.chunks:
        if c.kind not in ("paragraph", "cell"):
            continue
        text = normalize(c.text)
        hits = []
        for m in _DATE_LABEL.finditer(text):
            d = _DATE_RX.match(text, m.end())
            if d:
                hits.append(d)
        if c.kind == "paragraph":
            d = _DATE_ONLY.match(text)
            if d:
                hits.append(_DATE_RX.search(text))
        for d in hits:
            y, mo = int(d.group(1)), int(d.group(2))
            day = int(d.group(3)) if d.group(3) else None
            if not (1 <= mo <= 12):
                continue
            if (y, mo, day or 31) >= (year, 12, 31):
                continue
            key = (y, mo, day)
            if key in seen:
                continue
            seen.add(key)
            s, e = d.start(), d.end()
            yield ctx.finding(
                f"日期“{c.text[s:e].strip()}”早于所评价的 {year} 年度结束，年度自评报告应在年度结束后编写",
                c.text[s:e].strip(), c.location.with_span(s, e),
                evidence={"date": c.text[s:e].strip(), "report_year": year, "year_end": f"{year}-12-31"},
                suggestion=f"填写实际的报告日期（{year + 1} 年）；若报告确在年内编写，应只评价截至编写日的数据并说明")


@rule("NC453", "form-year", "timeline", "warning",
      scope="附表（自评表、基础数据表、评分表）标题中的年度与报告年度",
      evidence={"form": "表单", "report_year": "报告年度", "form_year": "表单年度", "report_title": "报告标题"})
def form_year(report, ctx):
    """附表标题中的年度与报告年度不一致（如 2024 年度报告附 2023 年度自评表），多为套用往年表格。

    规则：自评表、基础数据表、评分表等表格标题中的“XXXX年度”与报告年度不同即报告。

    错误示例：
        2024年度部门整体支出绩效自评报告
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 10 | 10 |
        | 总分 | 10 | 10 |

    正确示例：
        2024年度部门整体支出绩效自评报告
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 办文数量 | ≥300件 | 320件 | 10 | 10 |
        | 总分 | 10 | 10 |
    """
    year = report.meta.year
    if not year or report.meta.year_source != "title":
        return
    seen = set()
    doc = report.document
    by_text = None   # squeezed paragraph text -> [(paragraph, its number)], built on the first mismatch
    for form in report.forms:
        title = form.title or ""
        if not title or title in seen or not re.search(r"表$", title):
            continue
        seen.add(title)
        m = _TITLE_YEAR.search(normalize(title))
        if not m or int(m.group(1)) == year:
            continue
        # locate the title paragraph: the last paragraph before the form that reads as its title
        if by_text is None:
            by_text = {}
            pno = 0
            for b in doc.blocks:
                if isinstance(b, Paragraph) and b.text.strip():
                    by_text.setdefault(re.sub(r"\s+", "", b.text), []).append((b, pno))
                    pno += 1
        para = None
        for b, p in by_text.get(title, ()):
            if b.block < form.block:
                para = (b, p)
        mm = _TITLE_YEAR.search(normalize(para[0].text)) if para is not None else None
        if mm is not None:      # (None: the year is split by spaces in the paragraph, e.g. "20 22年")
            b, p = para
            raw = b.text
            loc = Location(section=report.sections.path_at(b.block), block=b.block, paragraph=p,
                           start=mm.start(), end=mm.end(), form=title)
            text = raw[mm.start():mm.end()]
        else:
            loc = Location(section=report.sections.path_at(form.block), block=form.block, table=form.table, form=title)
            text = m.group(0)
        yield ctx.finding(
            f"附表“{title}”的年度为 {m.group(1)}，与报告年度 {year} 不一致",
            text, loc, evidence={"form": title, "form_year": int(m.group(1)), "report_year": year,
                                 "report_title": report.meta.title},
            suggestion=f"使用 {year} 年度的表格和数据，或改正表格标题中的年度")
