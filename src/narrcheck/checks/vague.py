"""Vague wording where a measure belongs (NC200–NC208), and the analysis it
shares with the unsupported-claim checks (``unsupported.py``, NC250–NC256).

One analysis per report (cached for the run) walks every place a measure is
expected and gives each cell or clause at most ONE verdict, so that the two
rule families never report the same cell for the same reason:

* indicator rows (年度指标值 / 实际完成值): 时效 → NC204, 满意度 → NC252,
  compliance boilerplate → NC203, vague target → NC200, unsupported actual →
  NC250, 成本 without an amount → NC254, qualitative target without grading
  standard → NC251.  Placeholders (NC180) are skipped; an actual that copies
  its target (NC002, NC101, NC102) is not reported again — the finding on the
  target says that the actual repeats it;
* 指标名称 → NC201 (vague name), NC208 (input as output);
* 年度总体目标: 预期目标 → NC202, 实际完成情况 → NC250;
* 偏差原因 when points were lost → NC207;
* narrative sentences → NC205 (degree / verb+object), NC250 (effect claims),
  NC255 (activity only), NC256 (estimates, future tense), NC206 (density).

Narrative scope.  Duty descriptions (职能职责), organisation and staffing
facts produce false hits (负责…及时报告, 加强…管理), so the narrative checks
only read sentences whose section — the deepest heading, or for a table
cell its row label — has the role ``results`` (绩效情况, 完成情况, 产出,
效益, 履职…), ``goals`` (绩效目标, 年度目标, 重点工作…), ``problems``
(存在问题, 原因分析) or ``budget`` (收支, 预算执行, 财务管理); see
``narrcheck.nlp.classifier.section_role``.  Sections of role ``duty``
(职能|职责|机构设置|基本情况|概况|人员…), ``measures`` (改进措施, 下一步,
结果应用 — intentions are future by nature), ``form`` and headings are never
read.  A report with no heading of a known role has all its non-duty
narrative read.  Future tense and activity lists are only looked for in
results (and budget) sections.

The classifier (``narrcheck.nlp.classifier``, when ``models/`` holds one) only
refines the lexicon on narrative sentences, indicator names and goals: a
lexicon flag with P(vague) < 0.2 is dropped, a sentence without a lexicon hit
but P(vague) > 0.9 is reported at info as “模型判断” with the probability in
evidence.  Thresholds: ``[tool.narrcheck.thresholds.NC205]`` ``model_drop_below``,
``model_add_above``, ``model`` (false disables the model).  Without a model
file the checks run on the lexicon alone.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from ..model import Location
from ..nlp import classifier as _clf
from ..nlp.clauses import clauses
from ..nlp.lexicon import MEASURE_KINDS, Hit, Lexicon, Signal, measurability
from ..understand.facts import INPUT_AS_OUTPUT, PLACEHOLDER_VALUE, declared_tiers
from ..understand.facts import TIER_DECL as _TIER_DECL
from ..understand.facts import indicator_kind as row_kind
from ..understand.sections import heading_style
from ..understand.values import excel_serial_date, normalize
from .registry import rule

__all__ = ["analysis", "row_kind", "Verdict", "NARRATIVE_ROLES"]

VALUE_FIELDS = ("target_adjusted", "target", "actual")
COLUMN = {"target": "年度指标值", "target_adjusted": "调整后指标值", "actual": "实际完成值", "name": "指标名称",
          "goal_target": "年度总体目标", "goal_actual": "实际完成情况", "deviation": "偏差原因"}
NARRATIVE_ROLES = ("results", "goals", "problems", "budget")
# NC206: degree + slogan hits per 1,000 characters of in-scope narrative.  Measured on the
# seeds: 000 2.5, 003 8.9, 004 9.7, 001 15.2, 002 23.9; the three provincial fixtures (written
# with numbers) 0.8–1.7.  6 sits in the gap between the concrete and the slogan-heavy texts.
DENSITY_THRESHOLD = 6.0
CLAIM_ROLES = ("results",)
ESTIMATE_ROLES = ("results", "budget")

TYPE_NAME = {"cost": "成本指标", "time": "时效指标", "satisfaction": "满意度指标", "quantity": "数量指标",
             "quality": "质量指标", "benefit": "效益指标"}
TYPE_WANT = {
    "cost": ("金额", "如年度指标值“≤ 2.4 万元/套”“≤ 80 万元”，实际完成值写实际支出“76.35 万元”"),
    "time": ("完成日期或时限", "如“完成时间 ≤ 2024年9月30日”“办结时限 ≤ 3 个工作日”，实际完成值写实际日期"),
    "satisfaction": ("满意度比率、调查方法和样本量",
                     "如年度指标值“≥ 90%”，实际完成值“96.3%（问卷调查，有效问卷 320 份）”"),
    "quantity": ("数量和计量单位", "如年度指标值“≥ 350 件”，实际完成值“386 件”"),
    "quality": ("比率及其基数", "如“文稿合格率 ≥ 98%”，实际完成值“100%（合格 52 篇 / 审核 52 篇）”"),
    "benefit": ("可核验的变化（基数和结果）或数量",
                "如“矛盾纠纷调解成功率由 85% 提高到 92%”“带动户均增收 ≥ 1500 元”"),
}
# a tier phrase whose brackets give the measure: 达成年度指标（考核排名前5）, （每季度核查一次）, （全部卫生院建立）
_TIER_WITH_MEASURE = re.compile(r"^\s*(?:基本)?(?:达成|完成|实现)(?:年度|预期)?(?:指标|目标)\s*[（(]([^（）()]{2,30})[)）]\s*$")
_BRACKET_MEASURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+\s*[次个项所家人户座处批]|每[年季月周日天]|全部|全覆盖|前[一二三四五六七八九十]")
GROUP_DESC = {"degree": "程度词", "effect": "效果断言", "compliance": "合规套话", "verb_object": "动词加空泛宾语",
              "slogan": "口号", "deviation": "笼统原因", "estimate": "约数或将来时"}

_TIER = re.compile(r"(?:基本|部分)?(?:达成|未达成)(?:年度|预期)?(?:指标|目标)?|优秀|良好|合格|达标|是否|分档|分级|等级"
                   r"|^[优良中差]$")
_BARE_DONE = re.compile(r"^(?:已经?|均已|已全部|全部|均|基本|圆满|顺利)?(?:完成|达成|实现|达到|做到|办结)了?"
                        r"(?:目标|任务|年度目标|预期目标|全部任务|各项任务|各项工作|既定目标|年度任务)?[。.！!]?$")
_CATEGORY_LABEL = re.compile(r"^(?:产出|效益|效果|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响"
                             r"|服务对象满意度)(?:指标|目标)?$")
# the tier phrases 10号 asks for in the actual of a 定性 row: a grading result, not a vague claim
# a cause the problem blames without naming it ("受客观因素影响较大", "由于多种原因"): the one hollow thing a
# problem statement can say.  A problem that names its own weakness ("绩效目标设置不够细化", "保教质量仍需提高",
# "移交意识不强") is the honest self-criticism the section asks for: whether it also needs a figure is a matter
# of reviewer taste (judged5 M03/M05/M07/M11, judged2 H16, judged J01 debatable; judged2 H03, judged3 K18 wrong)
_GENERIC_CAUSE = re.compile(r"(?:客观|主观|多种|多方面|诸多|各种|种种|各方面|其他|某些|一些|一定)(?:因素|原因)"
                            r"|等(?:客观|多种|方面)?(?:因素|原因)|因素(?:影响|制约|所致)|原因(?:较多|复杂)")
# the lead of a list of planned tasks ("确定了五项重点任务：一是…", "年度重点任务是：…", "主要工作任务："): the
# items that follow say what the department set out to do, not what it achieved
# A list of targets (绩效目标：1.…进一步提升医保经办服务水平) is not one: a target is to be measurable, and a vague
# one is the defect NC202 names in the form
_TASK_LEAD = re.compile(r"(?<!完成)(?<!完成了)(?:重点任务|主要任务|工作任务|年度任务|目标任务|重点工作|工作重点|"
                        r"工作计划|工作思路)(?:主要)?(?:是|有|为|包括|如下)?[：:]")
# a section of planned tasks (年度主要工作任务, 8．重点工作), not of targets (绩效目标, 年度目标)
_TASK_SECTION = re.compile(r"任务|重点工作|工作重点|主要工作|工作内容|工作计划|工作安排")
# a sentence that says what will be done next ("下一年度将按季度通报项目支出进度", "下一步将…", "2022年拟…"):
# an improvement measure, wherever the report put it (a heading the reader did not recognise leaves it in results)
_PLAN_SENTENCE = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]{1,2}[)）.．、])?\s*"
                            r"(?:下一?年度?|下一步|下阶段|今后|明年|来年|\d{4}年)[^，,。；;]{0,8}?(?:将|拟|计划|要|继续)")
# a claim that the form's indicators were all met ("项目产出指标全部完成", "各项绩效指标均已完成")
_DONE_CLAIM = re.compile(r"(?:全部|全面|均已|均|已全部|已)?(?:完成|达成|实现)")
_INDICATOR_SUBJECT = re.compile(r"(?:产出|效益|效果|满意度|绩效|各项|数量|质量|时效|成本)指标[^，,。；;]{0,4}$")
_NON_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")
# a degree word under negation describes a gap, not a boast: "未对房屋和宅基地权属进行全面核查", "覆盖不够全面"
_NEGATED = re.compile(r"未|没有|尚未|不够|缺乏|无法|难以|不能|不再")
# a zero-incident target ("不发生", "杜绝食品安全事故", "零事故", "无重大安全责任事件"): measurable (the count is 0)
_ZERO_INCIDENT = re.compile(r"^(?:确保|保证|做到|实现)?(?:不发生|未发生|杜绝|零|无)[\u4e00-\u9fff]{0,16}"
                            r"(?:事故|事件|案件|疫情|伤亡|火灾|投诉|责任事故|问题)?$|^(?:不发生|零发生)$")
# a grade named as the verdict of an evaluation ("运行成效评定为“有效”", "评价等级为良好"): a tier, not a degree word
_GRADE_NAMED = re.compile(r"(?:评定|评价|评|定级|认定|考核|等级|等次|结果)(?:为|是)\s*[“\"「『]?$")
# a sentence that states the evaluation's grade ("该项目评价等级为良好。"): a verdict, not a vague claim
_GRADE_VERDICT = re.compile(r"(?:评定|评价|评|定级|认定|等级|等次)(?:为|是)[“\"「『]?(?:优秀?|良好?|中等?|合格|较好|一般|较差|差|"
                            r"有效|基本有效|无效|达标|基本达标|不达标|[A-D]级?)[”\"」』]?(?:等级|等次|档)?[。；;]?$")
# a trend inside a problem statement ("生源持续减少"): what the problem is, not a claim of performance
_TREND_IN_PROBLEM = re.compile(r"(?:持续|不断|逐年|日益|逐步|进一步)(?:减少|下降|降低|萎缩|流失|增加|增多|上升|攀升|加大|扩大|老化|加剧)")
# the start of an enumerated item ("二是", "（三）", "3．") and an item's end
_ITEM_START = re.compile(r"[一二三四五六七八九十]+是|其[一二三四五六七八九十]|[（(][一二三四五六七八九十\d]{1,2}[)）]|(?<![\d.．])\d{1,2}\s*[.．、](?!\d)")
_ITEM_END = re.compile(r"[；;。！？!?]")
# a named deliverable of a plan ("三是完成基层医疗机构设备购置项目；"): a project either done or not, not vague
_DELIVERABLE_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是)?(?:按期|如期|按时)?(?:完成|建成|竣工|交付)"
                               r"[\u4e00-\u9fff]{2,24}(?:项目|工程)[；;。]?$")
_TIER_LEAD = re.compile(r"^\s*(?:部分|基本)?(?:达成|未达成)(?:年度|预期)(?:指标|目标)(?:并具有一定效果|且效果较差)?"
                        r"(?=\s*(?:[：:，,。；;]|$))")
# a declared tier standard (understand.facts.TIER_DECL), "有效/基本有效/无效": its words name the tiers of a
# 定性 row (the grading standard NC251 asks for), they do not claim an effect
# the head noun of a name that names a thing set up (…管理机制, …服务体系, …监管平台)
_THING_HEAD = re.compile(r"(?:长效)?(?:机制|制度|体系|平台|系统|台账|档案|清单|办法|方案)")
# a deliverable target: one institution or instrument set up (建立县乡村三级路长制), achieved or not
_DELIVERABLE = re.compile(r"^(?:全面|按期|按时)?(?:建立|建成|健全|出台|制定|印发|实行|推行|落实)了?[\u4e00-\u9fff]{2,16}"
                          r"(?:制|机制|制度|办法|规定|方案|平台|系统|台账|档案|清单)$")
# a target that names its standard by reference to an authority's requirement (按国家普查办要求上报,
# 按照省教育厅规定时限完成): the requirement is published elsewhere; "按要求完成" names no one and is not one
_BY_REQUIREMENT = re.compile(r"^(?:按照?|依照|依据|根据)[\u4e00-\u9fff“”\"《》〔〕]{2,20}?"
                             r"(?:办|部|厅|局|委|院|署|中心|政府|小组|办公室|文件|通知|方案|办法|细则)"
                             r"(?:的)?(?:要求|规定|部署|时限|时间节点)[\u4e00-\u9fff]{0,10}$")
# a pass/fail target: an acceptance, assessment or inspection passed or not (通过市级督导评估, 一次性通过竣工验收)
_PASS_FAIL = re.compile(r"^(?:顺利|一次性|全部|均)?通过[\u4e00-\u9fff“”\"]{0,16}(?:验收|评估|考核|检查|督导|认定|评审|复核|审核|审计|鉴定|复评|评定)$")
# how the work is organised, not what it achieved: who leads (由县水利局牵头、…具体实施), on which
# principle or rules it proceeds (按“城乡同质、统建统管”原则推进) — no claim for the model to call vague
_ARRANGEMENT = re.compile(r"由[\u4e00-\u9fff、]{2,30}(?:牵头|负责|组织实施|具体实施|统筹|主管)"
                          r"|按(?:照)?[“\"「]?[^，。；]{2,30}?[”\"」]?(?:的)?(?:原则|要求|标准|程序|模式|方式|规定)(?:组织)?(?:推进|实施|开展|执行|进行)")
_OFFICIAL_TIER = re.compile(r"^(?:部分|基本)?(?:达成|未达成)(?:年度|预期)(?:指标|目标)(?:并具有一定效果|且效果较差)?$")
_PERIOD = re.compile(r"全年|年度内|年内|年底|年末|年终|季度|上半年|下半年|月底|月末|当年|当月|每月|每季|每周|每年|每日"
                     r"|按月|按季|按周|按年|逐月|月度"
                     r"|\d+\s*(?:个)?(?:工作日|天|日|小时|分钟|周|个月|月)(?:内|以内|之内)?")
_MONEY = re.compile(r"\d[\d,.]*\s*(?:万|亿|千)?元|\d[\d,.]*\s*万元")
_NUMBER = re.compile(r"\d")
_RATE = re.compile(r"\d\s*(?:\.\d+)?\s*[%‰]|百分之")
_FUTURE = re.compile(r"预计|预期将|将于|将在|将要|将会|将继续|将进一步|将全面|将逐步|将力争|计划于|计划在|计划到"
                     r"|将(?:全部|如期|按期|陆续|尽快|能)(?:完工|完成|竣工|建成|到位|交付|投用|投入使用|验收|拨付|发放)"
                     r"|争取|力争|拟于|拟在|拟将|拟对|有望|尚待|待.{1,8}后(?:完成|验收|支付)")
# 约/近 + number, number + 余/多, number + 左右.  A number alternative starts only at the first
# digit of a run of [\d,.] (the lookbehind, then the run's leading separators, outside group "n"):
# a match from a later digit of the run implies one from the first with the same end, so the
# matches are those of the plain pattern, found in linear time (the plain pattern retried every
# digit of a long run: quadratic).
# 约 / 近 inside a word is not an estimate: 节约1.30万元 (saved), 制约, 预约; 最近3年, 附近2个村
_APPROX = re.compile(r"(?:(?<![节制简契预相俭])约|(?<![最附临靠])近|大约|将近)\s*\d[\d,.]*"
                     r"|(?<![\d,.])[,.]*+(?P<n>\d[\d,.]*+\s*(?:余|多)(?=[^\d\s，,。；;]|$)|\d[\d,.]*+\s*\S{0,3}?左右)")


def approx_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every approximate number (约30人, 30余人, 30人左右) in ``text``."""
    return [m.span("n") if m.group("n") is not None else m.span() for m in _APPROX.finditer(text)]


# the start of a change "由年初的约6000人下降到4380人", "由项目前的约70%提高到95%以上": the approximate
# figure is the baseline, the actual after 到/至 is exact
_BASELINE_BEFORE = re.compile(r"(?:由|从)[^，,。；;由从]{0,12}$")
_BASELINE_AFTER = re.compile(r"^[^，,。；;]{0,12}?(?:提高|提升|增加|增长|上升|下降|降低|减少|缩小|扩大)?(?:到|至)")


def result_approx_spans(text: str) -> list[tuple[int, int]]:
    """:func:`approx_spans` minus the approximate baselines of a 由…到… change."""
    return [(a, b) for a, b in approx_spans(text)
            if not (_BASELINE_BEFORE.search(text[max(0, a - 14):a]) and _BASELINE_AFTER.match(text[b:b + 16]))]
_SURVEY = re.compile(r"问卷|(?:满意度?|抽样|入户|电话|网络|现场|第三方|社会)调查|调查(?:问卷|样本|对象|表)|样本|抽样|测评|回访|民调"
                     r"|抽访|电话(?:访问|访谈)")
_ACTIVITY = re.compile(
    r"^(?:[（(]?[0-9一二三四五六七八九十]{1,2}[)）、.．]\s*|[一二三四五六七八九十]是|同时|另外|此外|并|还|积极|认真|先后|多次"
    r"|精心|主动|定期|广泛|按期)*(?:召开|开展|组织|报送|举办|参加|参与|印发|下发|部署|召集|走访)(?!率|成功率|情况)")
_COMPLIANCE_FILLER = re.compile(r"[\s了已均都的地得，,、。；;：:！!“”\"'（）()做到能够确保保证实行实现严格按照均已]")
# lexicon hits that are not vague in context (kept here, not in the shared lexicon data):
# 深入基层/一线/企业 is “go down to”, 高标准农田 a programme name, 党的全面领导 a fixed term,
# 最大力度 is not 大力, 真实有效 means “valid”; 不到位/未及时 are negated compliance words.
_FALSE_HIT = re.compile(r"深入(?=基层|一线|企业|群众|农村|村|社区|现场|实地|学校|园区|项目|乡镇|街道|镇|田间)"
                        r"|高标准(?=农田)|(?<=[不未没])(?:到位|及时|按时|规范|合规|符合要求|达到预期)"
                        r"|全面(?=领导|小康|深化改革|依法治国|从严治党|建成小康)|大力(?=度)"
                        r"|(?<=真实)有效|(?<=合法)有效|(?<=是否)有效")
# an indicator name that names a quantity is measurable whatever its wording
_QUANTITY_NAME = re.compile(r"率|占比|比例|数量|人数|次数|个数|户数|件数|金额|成本|费用|时间|时限|满意度|指数|得分|天数"
                            r"|面积|长度|里程|产量|产能|规模")
_STOP = set("工作 开展 完成 情况 进行 相关 有关 各项 指标 任务 目标 年度 全年 我们 单位 部门 区 县 市 提高 提升 加强 推进 "
            "推动 实现 促进 保障 确保 影响 原因 导致 由于 因为 一些 部分 主要 存在".split())


def _span(raw: str) -> tuple[int, int]:
    return len(raw) - len(raw.lstrip()), len(raw.rstrip())


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _measures(signals: list[Signal]) -> list[Signal]:
    return [s for s in signals if s.kind in MEASURE_KINDS]


def _phrases(hits: list[Hit], base: int = 0) -> list[dict]:
    return [{"phrase": h.phrase, "group": h.group, "start": h.start + base, "end": h.end + base} for h in hits]


def _quote(hits: list[Hit], n: int = 3) -> str:
    seen = list(dict.fromkeys(h.phrase for h in hits))
    return "、".join(f"“{p}”" for p in seen[:n]) + ("等" if len(seen) > n else "")


def _is_copy(target: str, actual: str) -> bool:
    """The actual repeats the target (exact, with 了/已 added, or near copy)."""
    from ..nlp.similar import char_diff, normalize_for_copy

    nt, na = normalize_for_copy(target), normalize_for_copy(actual)
    if not nt or not na:
        return False
    if nt == na or (len(nt) >= 6 and (nt in na or na in nt)):
        return True
    return len(nt) >= 6 and char_diff(target, actual)["similarity"] >= 0.8


@dataclass
class Verdict:
    code: str
    message: str
    text: str
    location: Location
    evidence: dict = field(default_factory=dict)
    suggestion: str = ""
    severity: str | None = None


@dataclass
class CellView:
    """A value cell with its lexicon analysis."""
    field: str
    raw: str
    hits: list[Hit]                  # all lexicon hits (cell mode)
    vague_hits: list[Hit]            # hits of vague groups in unmeasured clauses
    signals: list[Signal]
    measured: bool                   # any measurability signal in the cell

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def vague(self) -> bool:
        return bool(self.vague_hits) and not self.measured

    @property
    def compliance(self) -> bool:
        """The whole value is compliance boilerplate (严格落实专款专用, 按规定使用, 及时)."""
        if self.measured or not self.vague_hits:
            return False
        if any(h.group != "compliance" for h in self.vague_hits):
            return False
        rest = list(normalize(self.raw))
        for h in self.hits:
            rest[h.start:h.end] = [""] * (h.end - h.start)
        rest = _COMPLIANCE_FILLER.sub("", "".join(rest))
        return len(rest) <= 6


_DONE_VERB = r"(?:完成|竣工|验收|投用|投入使用|交付|支付|安装|办结|到位|拨付|发放)"


def _dated_plan(n: str, m, year: int | None) -> bool:
    """A future phrase that only dates the remaining work of an item whose status
    the sentence reports: "主体工程于2022年12月28日完成，设备安装计划于2023年3月底前完成"
    (2022 report).  Not a promised result ("普及率将于2025年底达到92%"), and not a plan
    inside the year ("其余2个将在12月份全面完成")."""
    if not year:
        return False
    after = n[m.end():m.end() + 24]
    d = re.match(r"\s*(\d{4})\s*年[^，,。；;]{0,10}?" + _DONE_VERB, after)
    if not d or int(d.group(1)) <= year:
        return False
    before = n[:m.start()]
    return bool(re.search(rf"{year}\s*年\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?(?:前|底)?[^，,。；;]{{0,6}}?"
                          rf"(?:完成|竣工|建成|通过|办结|到位)|已(?:经)?(?:全部|基本)?(?:完成|竣工|建成|通过验收)", before))


SHORT_CELL = 30  # cells shorter than this are not split into sentence chunks (understand.report)
LEAD_MAX_CHARS = 30  # a lead sentence / run-in heading: "5．禁毒工作成效显著。"


def _lead_backing(units, measured: list[bool]) -> dict[int, int]:
    """Index of each short, unmeasured FIRST sentence of a paragraph or cell →
    how many later sentences of that paragraph or cell are measured.  A lead that
    stands alone in its paragraph ("3.办学条件持续改善。" as a line of its own) is a
    heading of the next paragraph of its section: its measured sentences count."""
    def container(u):
        loc = u.location
        return ("p", loc.block) if loc.table is None else ("c", loc.table, loc.row, loc.col)

    out: dict[int, int] = {}
    lead: dict[tuple, int] = {}
    order: list[tuple] = []
    count: dict[tuple, int] = {}
    size: dict[tuple, int] = {}
    for i, u in enumerate(units):
        key = container(u)
        size[key] = size.get(key, 0) + 1
        count[key] = count.get(key, 0) + int(measured[i])
        if key not in lead:
            lead[key] = i
            order.append(key)
            if not measured[i] and len(u.text.strip()) <= LEAD_MAX_CHARS:
                out[i] = 0
        elif measured[i] and lead[key] in out:
            out[lead[key]] += 1
    for k, key in enumerate(order[:-1]):
        i = lead[key]
        nxt = order[k + 1]
        if i in out and size[key] == 1 and key[0] == "p" and nxt[0] == "p" \
                and units[lead[nxt]].section == units[i].section:
            out[i] = count[nxt]
    return out


class Analysis:
    """Every vague / unsupported verdict of one report."""

    def __init__(self, report, config):
        self.report = report
        self.config = config
        self.lex = Lexicon.load(extra=config.lexicon or None)
        self.verdicts: list[Verdict] = []
        self.model = self._model()
        th = lambda k, d: config.threshold("NC205", k, d)  # noqa: E731
        card = self.model.thresholds if self.model else {}
        self.drop_below = float(th("model_drop_below", card.get("drop_below", 0.2)))
        self.add_above = float(th("model_add_above", card.get("add_above", 0.9)))
        self._tables = {b.number: b for b in report.document.tables}
        self._dense: dict = {}
        self._pending_names: list = []
        self.tier_words = self._declared_tiers()
        self._run()

    # -- plumbing ------------------------------------------------------------
    def _declared_tiers(self) -> set[str]:
        """Words of every tier scale the report declares ("林长制运行成效（有效/基本有效/无效）" in an indicator's
        name, "有效、基本有效、无效三档标准" in the narrative): used as a tier name, such a word is a grade."""
        rep = self.report
        texts = [row.text(f) for row in rep.indicators for f in ("name",) + VALUE_FIELDS]
        texts += [ch.text for ch in rep.chunks if ch.kind == "sentence"]
        return declared_tiers(*texts)

    def _model(self):
        if self.config.threshold("NC205", "model", True) in (False, 0, "false", "off"):
            return None
        try:
            return _clf.load()
        except Exception:  # noqa: BLE001 - lexicon-only when the model cannot be used
            return None

    def by_code(self, code: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.code == code]

    def add(self, code, message, text, location, evidence=None, suggestion="", severity=None, unit=None):
        evidence = evidence or {}
        if unit is not None and unit.field:
            evidence.setdefault("field", unit.field)
            if unit.indicator:
                evidence.setdefault("indicator", unit.indicator)
        self.verdicts.append(Verdict(code, message, text, location, evidence, suggestion, severity))

    def cell(self, row, fld: str) -> CellView:
        raw = row.text(fld)
        return self.view(fld, raw)

    def match(self, text: str, cell: bool = False) -> list[Hit]:
        """Lexicon hits minus the context false hits of :data:`_FALSE_HIT` and
        minus a leading official tier (部分达成年度指标并具有一定效果：…), which is
        the prescribed answer of a 定性 row, not a claim."""
        hits = self.lex.match(text, cell=cell)
        if hits and _FALSE_HIT.search(text):
            bad = {(m.start(), m.end()) for m in _FALSE_HIT.finditer(normalize(text))}
            hits = [h for h in hits if (h.start, h.end) not in bad]
        if hits:
            m = _TIER_LEAD.match(normalize(text))
            if m:
                hits = [h for h in hits if h.start >= m.end()]
        if hits:
            words = declared_tiers(text)
            if words:
                hits = [h for h in hits if h.phrase not in words]
        if hits and getattr(self, "tier_words", None):
            # a declared tier named as a grade: the whole cell, or the predicate that ends its clause
            # ("年度指标值有效", "四是林长制运行有效。", "评定为“有效”"); "有效推动…" stays a degree word
            n = normalize(text)
            hits = [h for h in hits if not (h.phrase in self.tier_words and re.match(
                r"\s*[”\"」』）)]?\s*(?:$|[，,。；;：:、）)])", n[h.end:h.end + 3]))]
        if hits:
            n = normalize(text)
            hits = [h for h in hits if not (h.group == "degree" and _GRADE_NAMED.search(n[max(0, h.start - 6):h.start])
                                            and re.match(r"[”\"」』]?(?:$|[，,。；;）)])", n[h.end:h.end + 2]))]
        if hits:
            n = normalize(text)
            hits = [h for h in hits if not (h.group in ("degree", "effect") and (_NEGATED.search(
                re.split(r"[，,。；;！？!?]", n[max(0, h.start - 12):h.start])[-1]) or n[h.start - 1:h.start] == "不"))]
            # 未达到年度目标, 规模效益不明显: an admission, not a claim
        return hits

    def clause_hits(self, text: str, signals: list[Signal], cell: bool) -> list[Hit]:
        """Hits of vague groups in clauses without a measure."""
        vg = self.lex.vague_groups
        hits = [h for h in self.match(text, cell=cell) if h.group in vg]
        sig = _measures(signals)
        out = []
        for a, b in clauses(text, cell=cell):
            ch = [h for h in hits if a <= h.start < b]
            if ch and not any(a <= x.start < b for x in sig):
                out.extend(ch)
        return out

    def view(self, fld: str, raw: str) -> CellView:
        signals = measurability(raw)
        hits = self.match(raw, cell=True)
        bad = self.clause_hits(raw, signals, cell=True)
        return CellView(fld, raw, hits, bad, signals, bool(_measures(signals)))

    def suggestion(self, kind: str, group: str | None) -> str:
        base = ""
        if group and group in self.lex.groups:
            base = self.lex.group(group).suggestion
        if kind in TYPE_WANT:
            want, example = TYPE_WANT[kind]
            return f"{TYPE_NAME[kind]}应写明{want}，{example}。"
        return base or "写明可核验的数量、比率及其基数、日期或金额。"

    def row_label(self, loc: Location) -> str:
        if loc.table is None or loc.row is None or loc.col is None:
            return ""
        key = (loc.table, loc.row, loc.col)
        if key not in self._dense:
            self._dense[key] = _clf.row_label(self._tables.get(loc.table), loc.row, loc.col)
        return self._dense[key]

    def proba(self, items: list[tuple]) -> list[float | None]:
        if self.model is None or not items:
            return [None] * len(items)
        try:
            return self.model.proba(items)
        except Exception:  # noqa: BLE001
            return [None] * len(items)

    # -- the walk ------------------------------------------------------------
    def _run(self) -> None:
        flagged_cells: set = set()
        self._rows(flagged_cells)
        self._goals(flagged_cells)
        self._narrative(flagged_cells)

    # indicator rows ------------------------------------------------------
    def _rows(self, flagged: set) -> None:
        for row in self.report.indicators:
            if row.empty:
                continue
            kind = row_kind(row)
            self._name(row, kind)
            cells = {}
            for fld in VALUE_FIELDS:
                raw = row.text(fld)
                if not raw.strip() or row.value(fld).kind == "na" or PLACEHOLDER_VALUE.match(normalize(raw)):
                    continue
                cells[fld] = self.cell(row, fld)
            tf = "target_adjusted" if "target_adjusted" in cells else ("target" if "target" in cells else None)
            t = cells.get(tf) if tf else None
            a = cells.get("actual")
            copy = bool(t and a and _is_copy(t.raw, a.raw))
            done: set[str] = set()
            if copy:
                flagged.add((row.table, row.row, "actual"))  # the copied rules own the actual
            if kind == "time":
                self._time(row, t, a, tf, copy, done)
            elif kind == "satisfaction":
                self._satisfaction(row, t, a, tf, copy, done)
            for c in (t, a):
                if c is None or c.field in done or (c is a and copy and tf in done):
                    continue
                if c is a and copy:
                    continue  # the copied rules report the actual; the target finding mentions it
                if c is a and _OFFICIAL_TIER.match(squash(c.raw)):
                    continue  # a tier result on a 定性 row (its band is checked by the scoring rules)
                if c.compliance:
                    self._compliance(row, kind, c, a if (copy and c is t) else None)
                    done.add(c.field)
                elif c.vague:
                    if c is t:
                        self._vague_target(row, kind, c, a if copy else None)
                    else:
                        self._unsupported_actual(row, kind, c)
                    done.add(c.field)
                elif c is a and _BARE_DONE.match(squash(c.raw)):
                    self._bare_actual(row, kind, c)
                    done.add(c.field)
            if a is not None and not copy and "actual" not in done and len(a.raw.strip()) < SHORT_CELL:
                # a short 实际完成值 cell is not split into sentences: look at it here ("约96%", "预计12月完成")
                self._estimate(_Unit(a.raw, row.location("actual"), "results", "actual", row.section, row.label),
                               [], cell=True)
            if kind == "cost" and t is not None and tf not in done and not (a and a.field in done):
                if not any(_NUMBER.search(normalize(c.raw)) for c in (t, a) if c is not None):
                    self._cost(row, t, a)
                    done.add(tf)
            if t is not None and tf not in done and kind not in ("time", "satisfaction", "cost"):
                self._qualitative(row, kind, t, a)
            self._deviation(row)
            for f in done:
                flagged.add((row.table, row.row, f))

    def _name(self, row, kind: str) -> None:
        raw = row.text("name")
        if not raw.strip() or row.name in ("无", "/", "—", "-"):
            return
        s, e = _span(raw)
        sq = squash(raw)
        m = INPUT_AS_OUTPUT.search(normalize(raw))
        if m and "成本" not in (row.level2 or "") + (row.level1 or "") and not re.search(r"率|执行", sq):
            self.add("NC208", f"指标名称“{_short(raw[s:e])}”把资金投入当作产出或效果指标，投入不是绩效",
                     raw[s:e], row.location("name", s, e),
                     {"indicator": row.label, "level2": row.level2, "phrase": raw[m.start():m.end()],
                      "start": m.start(), "end": m.end()},
                     "资金投入放到成本指标（如“单套采购成本 ≤ 2.4 万元/套”）或预算执行率中；产出指标写做成了什么"
                     "（如“采购设备 ≥ 50 套”）。")
            return
        if _QUANTITY_NAME.search(sq):
            return
        c = self.view("name", raw)
        if not c.vague:
            return
        if all(h.group == "verb_object" for h in c.vague_hits) and \
                _THING_HEAD.fullmatch(squash(raw[max(h.end for h in c.vague_hits):]).rstrip("。.")):
            # "营养改善计划长效管理机制": the verb and object modify the head noun after them — the name of a
            # mechanism, system or plan (a 定性 thing delivered), not a claim that something improved
            return
        self._pending_names.append((row, kind, c))

    def _time(self, row, t, a, tf, copy, done) -> None:
        # forms with separate 指标性质 / 度量单位 columns: "≥" | "95" | "%" reads as ≥95%
        side = [row.text(k).strip() for k in ("direction", "unit")]
        side = ["" if x in ("—", "-", "/", "无") else x for x in side]

        def bounded(c):
            if c is None:
                return False
            raw = c.raw.strip()
            if excel_serial_date(raw):
                return True  # a date stored as an Excel serial: NC356 reports it
            signals = c.signals
            if any(side) and _NUMBER.search(raw):
                raw = f"{side[0]}{raw}{side[1]}"
                signals = measurability(raw)
            n = normalize(raw)
            return bool(_PERIOD.search(n) or _RATE.search(n)
                        or any(s.kind in ("date", "year") for s in signals)
                        or any(s.kind == "comparator" for s in signals) and _NUMBER.search(n))
        name_bounded = bool(_PERIOD.search(normalize(row.name or "")) or
                            any(s.kind in ("date", "year") for s in measurability(row.name or "")))
        tb, ab = bounded(t), bounded(a)
        if t is not None and not tb and not name_bounded:
            s, e = _span(t.raw)
            both = a is not None and not ab
            msg = f"时效指标的{COLUMN[tf]}“{_short(t.raw[s:e])}”没有日期或时限"
            if both:
                msg += ("，实际完成值“" + _short(a.raw.strip(), 20) + "”也没有写完成时间") if not copy else "，实际完成值照抄"
            self.add("NC204", msg + "，无法判断是否按时", t.raw[s:e], row.location(tf, s, e),
                     {"indicator": row.label, "kind": "time", "target": t.raw.strip(),
                      "actual": a.raw.strip() if a else "", "phrases": _phrases(t.hits)},
                     self.suggestion("time", "compliance"))
            done.add(tf)
            if both:
                done.add("actual")
        elif a is not None and not ab and not copy and (tb or name_bounded):
            s, e = _span(a.raw)
            self.add("NC204", f"时效指标的实际完成值“{_short(a.raw[s:e])}”没有写实际完成日期", a.raw[s:e],
                     row.location("actual", s, e),
                     {"indicator": row.label, "kind": "time", "target": t.raw.strip() if t else "",
                      "actual": a.raw.strip(), "phrases": _phrases(a.hits)},
                     "写明实际完成日期（如“2024年11月20日完成”）或实际用时（如“平均 2.5 个工作日”）。")
            done.add("actual")

    def _satisfaction(self, row, t, a, tf, copy, done) -> None:
        def rated(c):
            if c is None:
                return False
            n = normalize(c.raw)
            # a rate, a score, or a bare number (90 without its % sign is another rule's business)
            return bool(_RATE.search(n) or re.search(r"\d\s*分", n)
                        or re.fullmatch(r"\s*[≥≤><=]?\s*\d+(?:\.\d+)?\s*", n))
        tr, ar = rated(t), rated(a)
        if t is not None and not tr and not ar:
            s, e = _span(t.raw)
            self.add("NC252", f"满意度指标的{COLUMN[tf]}“{_short(t.raw[s:e])}”没有满意率，也没有调查方法", t.raw[s:e],
                     row.location(tf, s, e),
                     {"indicator": row.label, "kind": "satisfaction", "target": t.raw.strip(),
                      "actual": a.raw.strip() if a else "", "phrases": _phrases(t.hits)},
                     self.suggestion("satisfaction", "effect"))
            done.add(tf)
            if a is not None:
                done.add("actual")
        elif a is not None and not ar and not copy:
            s, e = _span(a.raw)
            self.add("NC252", f"满意度指标的实际完成值“{_short(a.raw[s:e])}”没有实测的满意率", a.raw[s:e],
                     row.location("actual", s, e),
                     {"indicator": row.label, "kind": "satisfaction", "target": t.raw.strip() if t else "",
                      "actual": a.raw.strip(), "phrases": _phrases(a.hits)},
                     self.suggestion("satisfaction", "effect"))
            done.add("actual")

    def _compliance(self, row, kind, c, copied_actual) -> None:
        s, e = _span(c.raw)
        what = COLUMN[c.field]
        msg = f"{what}“{_short(c.raw[s:e])}”是合规套话，不是绩效的度量"
        if copied_actual is not None:
            msg += "，实际完成值也照写"
        ev = {"indicator": row.label, "kind": kind, "field": c.field, "value": c.raw.strip(),
              "phrases": _phrases(c.vague_hits)}
        if copied_actual is not None:
            ev["actual"] = copied_actual.raw.strip()
        sug = self.suggestion(kind, "compliance") if kind else self.lex.group("compliance").suggestion
        self.add("NC203", msg, c.raw[s:e], row.location(c.field, s, e), ev, sug)

    def _vague_target(self, row, kind, c, copied_actual) -> None:
        m = _TIER_WITH_MEASURE.match(normalize(c.raw))
        if m and _BRACKET_MEASURE.search(m.group(1)):
            return  # 达成年度指标（考核排名前5）: the tier phrase names its measure in the brackets
        if m and _TIER_DECL.search(m.group(1)):
            return  # 达成年度指标（定性：达成/部分达成/未达成）: the prescribed answer of a 定性 row, its tiers declared
        s, e = _span(c.raw)
        groups = [h.group for h in c.vague_hits]
        g = "effect" if "effect" in groups else groups[0]
        msg = f"{COLUMN[c.field]}“{_short(c.raw[s:e])}”用{GROUP_DESC.get(g, '空泛表述')}{_quote(c.vague_hits)}代替度量，" \
              "没有数量、比率、日期或对照"
        if copied_actual is not None:
            msg += f"；实际完成值也照写“{_short(copied_actual.raw.strip(), 20)}”"
        ev = {"indicator": row.label, "kind": kind, "field": c.field, "value": c.raw.strip(),
              "phrases": _phrases(c.vague_hits)}
        if copied_actual is not None:
            ev["actual"] = copied_actual.raw.strip()
        self.add("NC200", msg, c.raw[s:e], row.location(c.field, s, e), ev, self.suggestion(kind, g))

    def _unsupported_actual(self, row, kind, c) -> None:
        s, e = _span(c.raw)
        groups = [h.group for h in c.vague_hits]
        g = "effect" if "effect" in groups else groups[0]
        self.add("NC250", f"实际完成值“{_short(c.raw[s:e])}”只用{GROUP_DESC.get(g, '空泛表述')}{_quote(c.vague_hits)}"
                          f"声称完成，没有数字支撑", c.raw[s:e], row.location("actual", s, e),
                 {"indicator": row.label, "kind": kind, "field": "actual", "value": c.raw.strip(),
                  "target": row.text("target").strip(), "phrases": _phrases(c.vague_hits)},
                 self.suggestion(kind, g), "warning")

    def _bare_actual(self, row, kind, c) -> None:
        s, e = _span(c.raw)
        self.add("NC250", f"实际完成值只写了“{c.raw[s:e]}”，没有说明完成了多少", c.raw[s:e],
                 row.location("actual", s, e),
                 {"indicator": row.label, "kind": kind, "field": "actual", "value": c.raw.strip(),
                  "target": row.text("target").strip()},
                 self.suggestion(kind, "effect"), "warning")

    def _cost(self, row, t, a) -> None:
        s, e = _span(t.raw)
        self.add("NC254", f"成本指标“{_short(row.label, 20)}”的指标值“{_short(t.raw[s:e])}”没有金额", t.raw[s:e],
                 row.location(t.field, s, e),
                 {"indicator": row.label, "kind": "cost", "target": t.raw.strip(),
                  "actual": a.raw.strip() if a else "", "phrases": _phrases(t.hits)},
                 self.suggestion("cost", "compliance"))

    def _qualitative(self, row, kind, t, a) -> None:
        if _CATEGORY_LABEL.match(squash(t.raw)):
            return  # a category label in the value column: a form layout problem, not a target
        n = normalize(t.raw)
        if _NUMBER.search(n) or _measures(t.signals) or t.vague or t.compliance:
            return
        if _TIER.search(squash(t.raw)) or _TIER_DECL.search(normalize(t.raw)) or squash(t.raw) in self.tier_words:
            return
        if _PASS_FAIL.match(squash(t.raw)):
            return  # "通过市级督导评估": an assessment passed or not, its result is the standard
        if _ZERO_INCIDENT.search(squash(t.raw)):
            return  # "不发生", "杜绝食品安全事故", "零事故": a count that must be zero, measured by what happened
        if a is not None and _DELIVERABLE.match(squash(t.raw)) and (_NUMBER.search(normalize(a.raw))
                                                                    or _measures(a.signals)):
            return  # a deliverable, built or not, and the actual says what was built
        if any(s.kind == "year" for s in t.signals) and len(squash(t.raw)) <= 8:
            return
        if a is not None and _BY_REQUIREMENT.match(squash(t.raw)) and (_NUMBER.search(normalize(a.raw))
                                                                       or _measures(a.signals)):
            return  # "按国家普查办要求上报" and "12月31日前完成快速汇总上报": the named authority's requirement is
            # the standard, and the actual says when it was met
        s, e = _span(t.raw)
        self.add("NC251", f"定性指标“{_short(row.label, 20)}”的{COLUMN[t.field]}“{_short(t.raw[s:e])}”没有数值，"
                          "也没有分级评价标准",
                 t.raw[s:e], row.location(t.field, s, e),
                 {"indicator": row.label, "kind": kind, "target": t.raw.strip(),
                  "actual": a.raw.strip() if a else ""},
                 (self.suggestion(kind, None) if kind else "尽量量化（数量、比率、日期或金额）；确实只能定性时，")
                 + "不能量化的写明分档标准，如“≥1500 元为达成、800–1500 元为部分达成、<800 元为未达成”。")

    def _deviation(self, row) -> None:
        raw = row.text("deviation")
        w, sc = row.weight.number, row.score.number
        if not raw.strip() or w is None or sc is None or sc >= w - 0.01:
            return
        sq = squash(raw)
        if sq in ("无", "/", "-", "—", "——", "无偏差", "不适用", "无。") or row.value("deviation").kind == "na":
            return  # an empty reason: DEV-MISSING (scoring), not a generic one
        n = normalize(raw)
        if _NUMBER.search(n) or _measures(measurability(raw)):
            return
        hits = self.match(raw, cell=True)
        generic = [h for h in hits if h.group == "deviation"]
        vagueh = [h for h in hits if h.group in self.lex.vague_groups]
        if not generic and (not vagueh or len(sq) > 12):
            # no stock excuse: a cause that names its own facts (疫情期间暂停入户核查; 城区三甲医院分流明显，
            # 基层常见病首诊比例偏低 — a degree word inside a specific cause) is not a generic one
            return
        if _shares_word(raw, row.name or row.level2 or "", self.lex):
            return
        s, e = _span(raw)
        why = _quote(generic or vagueh) if (generic or vagueh) else f"“{raw[s:e]}”"
        self.add("NC207", f"扣了 {_fmt(w - sc)} 分，偏差原因{why}是笼统说法，没有数字，也没有对应到指标“{_short(row.label, 20)}”",
                 raw[s:e], row.location("deviation", s, e),
                 {"indicator": row.label, "weight": w, "score": sc, "deviation": raw.strip(),
                  "phrases": _phrases(generic or vagueh)},
                 self.lex.group("deviation").suggestion, "warning")

    # goals -----------------------------------------------------------------
    def _goals(self, flagged: set) -> None:
        seen = set()
        names = self._pending_names
        items, units = [], []
        for row, kind, c in names:
            items.append(_clf.item(c.raw, "cell", "name", row.section))
            units.append(("name", row, kind, c))
        goal_cells = []
        for rec in self.report.records("goal"):
            for fld in ("goal_target", "goal_actual"):
                raw = rec.text(fld)
                if not raw.strip():
                    continue
                key = (rec.table, rec.row, fld, raw.strip())
                if key in seen:
                    continue
                seen.add(key)
                goal_cells.append((rec, fld, raw))
                if fld == "goal_target":
                    items.append(_clf.item(raw, "cell", fld, rec.section))
                    units.append(("goal", rec, fld, raw))
        probs = self.proba(items)
        pmap = {id(u[1]) if u[0] == "name" else (id(u[1]), u[2]): p for u, p in zip(units, probs)}
        for row, kind, c in names:
            p = pmap.get(id(row))
            if p is not None and p < self.drop_below:
                continue
            s, e = _span(c.raw)
            numeric_target = row.target.kind in ("number", "percent", "range")
            if numeric_target and _names_its_scale(c.raw, row.target.unit or "", row.text("target")):
                continue   # "耕地质量等级提升" with ≥0.1等: the name names the scale its target is counted in
            msg = f"指标名称“{_short(c.raw[s:e])}”是{GROUP_DESC.get(c.vague_hits[0].group, '空泛表述')}" \
                  f"{_quote(c.vague_hits)}，没有说明衡量什么"
            if numeric_target:
                msg += f"，指标值“{row.text('target').strip()}”不知是什么的数值"
            ev = {"indicator": row.label, "kind": kind, "phrases": _phrases(c.vague_hits)}
            if p is not None:
                ev["model_p"] = round(p, 3)
            self.add("NC201", msg, c.raw[s:e], row.location("name", s, e), ev,
                     "指标名称写成可计量的量：对象 + 计量口径，如“营商环境投诉办结率”“公共机构单位面积能耗下降率”；"
                     + (self.suggestion(kind, None) if kind else ""),
                     "warning" if numeric_target else "info")
        for rec, fld, raw in goal_cells:
            c = self.view(fld, raw)
            s, e = _span(raw)
            if fld == "goal_actual":
                if _BARE_DONE.match(squash(raw)):
                    self.add("NC250", f"年度总体目标的实际完成情况只写了“{raw[s:e]}”，没有说明完成了什么、完成了多少",
                             raw[s:e], rec.location(fld, s, e),
                             {"field": fld, "value": raw.strip(), "goal": rec.text("goal_target").strip()[:200]},
                             "逐项写明目标的完成结果：数量、比率、日期或金额，如“完成政府工作报告等重要文稿 42 篇，"
                             "办理文件 7000 件，督查事项办结率 100%”。", "warning")
                    flagged.add((rec.table, rec.row, fld))
                elif c.vague:
                    self.add("NC250", f"年度总体目标的实际完成情况只有{_quote(c.vague_hits)}，没有任何数字支撑",
                             raw[s:e], rec.location(fld, s, e),
                             {"field": fld, "value": raw.strip()[:300], "phrases": _phrases(c.vague_hits)},
                             self.lex.group("effect").suggestion, "warning")
                    flagged.add((rec.table, rec.row, fld))
                elif c.compliance:
                    pass
                continue
            p = pmap.get((id(rec), fld))
            lines = [ab for m in re.finditer(r"[^\n]+", raw)
                     for ab in [_strip_span(raw, m.start(), m.end())] if ab[0] < ab[1]]
            if c.vague_hits and not (p is not None and p < self.drop_below):
                # one finding per line: each line of a goal list is a commitment of its own
                spans = clauses(raw, cell=True)
                for a, b in lines:
                    hs = [h for h in c.vague_hits if a <= h.start < b]
                    if not hs:
                        continue
                    vs, ve = hs[0].start, hs[-1].end
                    cls = [(x, y) for x, y in spans if x <= vs < y or x < ve <= y]
                    if cls:
                        vs, ve = max(a, min(vs, cls[0][0])), min(b, max(ve, cls[-1][1]))
                    if self._measured_by_row(rec, raw[vs:ve]):
                        continue  # "统计数据按时上报。" beside the row 统计数据按时上报率 | 100%: the row is its measure
                    ev = {"field": fld, "phrases": _phrases(hs), "measured": c.measured}
                    if p is not None:
                        ev["model_p"] = round(p, 3)
                    self.add("NC202", f"年度总体目标“{_short(raw[vs:ve])}”只有{_quote(hs)}，没有数量、时间或标准",
                             raw[vs:ve], rec.location(fld, vs, ve), ev,
                             self.lex.group(hs[0].group).suggestion, "info" if c.measured else "warning")
                flagged.add((rec.table, rec.row, fld))
            elif not c.vague_hits and not c.measured and p is not None and p > self.add_above:
                for a, b in lines:
                    self.add("NC202", f"模型判断：年度总体目标“{_short(raw[a:b])}”空泛，没有数量、时间或标准"
                                      f"（空泛概率 {p:.2f}）", raw[a:b], rec.location(fld, a, b),
                             {"field": fld, "model_p": round(p, 3), "source": "model", "lines": len(lines)},
                             "把目标写成可核验的结果：数量、完成时间或质量标准，如“全年办理文件 ≥ 6000 件，"
                             "督查事项办结率 100%，12月31日前完成”。", "info")
                flagged.add((rec.table, rec.row, fld))

    def _measured_by_row(self, rec, clause: str) -> bool:
        """A goal clause ("统计数据按时上报。") that is the name of an indicator row of the same form with a
        numeric target, up to the measure's suffix ("统计数据按时上报率 | 100%"): the form states its measure.
        The whole clause, vague word included: 统计数据上报差错率 measures errors, not timeliness."""
        words = _NON_WORD.sub("", clause)
        if len(words) < 4:
            return False
        return any(row.table == rec.table and row.target.kind in ("number", "percent", "range")
                   and words in _NON_WORD.sub("", row.label) for row in self.report.indicators)

    # narrative ---------------------------------------------------------------
    def _narrative(self, flagged: set) -> None:
        units = list(self._narrative_units(flagged))
        facts = []
        for u in units:
            hits = self.match(u.text)
            signals = measurability(u.text)
            measured = bool(_measures(signals))
            bad = self._bad_clauses(u.text, hits, signals) if u.role in NARRATIVE_ROLES else []
            facts.append((hits, signals, measured, bad))
        # the model can only change the outcome of a flagged sentence (drop) or of
        # an unmeasured one (add): score just those
        need = [i for i, (u, f) in enumerate(zip(units, facts)) if u.role in NARRATIVE_ROLES and (f[3] or not f[2])]
        got = self.proba([_clf.item(units[i].text, "sentence", units[i].field, role=units[i].role) for i in need])
        probs: list[float | None] = [None] * len(units)
        for i, p in zip(need, got):
            probs[i] = p
        backed = _lead_backing(units, [f[2] for f in facts])
        heads = _item_headings(units)
        plans = _plan_items(units)
        dens_hits, dens_chars, dens_units = 0, 0, []
        dgroups = {n for n, g in self.lex.groups.items() if g.density}
        for k, (u, (hits, signals, measured, bad), p) in enumerate(zip(units, facts, probs)):
            if u.role in NARRATIVE_ROLES:
                dh = [h for h in hits if h.group in dgroups]
                dens_hits += len(dh)
                dens_chars += len(u.text)
                dens_units.append((len(dh), u, dh, measured))
            if u.role in ESTIMATE_ROLES or u.field in ("actual", "goal_actual"):
                self._estimate(u, hits)
            if u.role not in NARRATIVE_ROLES:
                continue
            if u.role in CLAIM_ROLES and not measured and self._activity(u, hits, signals):
                continue
            if k in plans:
                continue      # an item of a list of planned tasks: what was set out to do, not a claimed result
            self._vague_sentence(u, bad, measured, p, backed.get(k, 0), k in heads)
        self._density(dens_hits, dens_chars, dens_units)
        self._no_base()

    def _narrative_units(self, flagged: set):  # noqa: C901 - one pass over the sentence chunks
        rep = self.report
        roles = []
        for ch in rep.chunks:
            if ch.kind != "sentence":
                continue
            loc = ch.location
            if loc.table is None:
                if heading_style(ch.text) and len(ch.text.strip()) <= 40:
                    continue
                role = _clf.section_role(ch.section)
            else:
                if ch.field in ("actual", "goal_actual"):
                    if (loc.table, loc.row, ch.field) in flagged or self._row_flagged(loc, ch.field, flagged):
                        continue
                    role = "results"
                elif ch.field:
                    continue
                else:
                    role = _clf.section_role(ch.section, self.row_label(loc))
            roles.append((ch, role))
        if not any(r in NARRATIVE_ROLES for _c, r in roles):
            roles = [(c, "results" if r == "other" else r) for c, r in roles]
        labels = {(r.table, r.row): r.label for r in rep.indicators}
        for ch, role in roles:
            ind = labels.get((ch.location.table, ch.location.row), "") if ch.field == "actual" else ""
            yield _Unit(ch.text, ch.location, role, ch.field, ch.section, ind)

    def _row_flagged(self, loc, fld, flagged) -> bool:
        return any(k[0] == loc.table and k[1] == loc.row and k[2] == fld for k in flagged)

    def _estimate(self, u: "_Unit", hits: list[Hit], cell: bool = False) -> None:
        """NC256.  ``cell``: a whole 实际完成值 cell, where an approximate value is
        the indicator's actual itself (a warning, not a note)."""
        n = normalize(u.text)
        fut = [m for m in _FUTURE.finditer(n)]
        if fut and all(_dated_plan(n, m, self.report.meta.year) for m in fut):
            fut = []  # the year-end status plus a dated plan for the rest: what the suggestion asks for
        if fut:
            s, e = _clause_around(u.text, fut[0].start(), fut[-1].end())
            verbs = [u.text[m.start():m.end()] for m in fut]
            self.add("NC256", f"年终自评中出现预计或将来时“{'”“'.join(dict.fromkeys(verbs))}”，写的不是实际完成情况",
                     u.text[s:e], u.location.with_span(s, e),
                     {"verbs": verbs, "phrases": [{"phrase": u.text[m.start():m.end()], "start": m.start() + _b(u),
                                                    "end": m.end() + _b(u)} for m in fut],
                      "sentence": u.text.strip()[:300], "kind": "future"},
                     "写截至年底的实际完成值和完成日期，如“全年办理文件 6205 件（截至 12月31日）”；"
                     "年底仍未完成的，写明已完成多少、未完成的原因和预计完成日期，并在偏差原因中说明。", "warning", unit=u)
            return
        approx = result_approx_spans(n)
        if approx:
            s, e = approx[0][0], approx[-1][1]
            s, e = _clause_around(u.text, s, e)
            phrases = [u.text[a:b].strip() for a, b in approx]
            self.add("NC256", ("实际完成值" if cell else "完成情况")
                     + f"用约数表述（{'、'.join(dict.fromkeys(phrases[:4]))}），不是准确的实际完成值",
                     u.text[s:e], u.location.with_span(s, e),
                     {"approx": phrases, "phrases": [{"phrase": u.text[a:b], "start": a + _b(u),
                                                      "end": b + _b(u)} for a, b in approx],
                      "kind": "approx"},
                     self.lex.group("estimate").suggestion, "warning" if cell else "info", unit=u)

    def _activity(self, u: "_Unit", hits: list[Hit], signals) -> bool:
        cls = clauses(u.text)
        acts = []
        for a, b in cls:
            m = _ACTIVITY.match(u.text[a:b])
            if m:
                acts.append((a, b, u.text[a:b][m.end() - 2:m.end()]))
        if not acts or any(h.group in self.lex.vague_groups for h in hits):
            return False  # a degree or effect word: NC205 / NC250
        if len(acts) * 2 < len(cls):
            return False
        s, e = acts[0][0], acts[-1][1]
        verbs = [v for _a, _b, v in acts]
        self.add("NC255", f"只罗列了“{'”“'.join(dict.fromkeys(verbs))}”等活动，没有数量，也没有结果",
                 u.text[s:e], u.location.with_span(s, e),
                 {"verbs": verbs, "sentence": u.text.strip()[:300], "phrases": _phrases(
                     [h for h in hits if h.group in self.lex.vague_groups], _b(u))},
                 "写明活动的数量和结果，如“开展安全生产检查 12 次，发现并整改隐患 35 处”“组织业务培训 4 期 "
                 "260 人次，考核合格率 98%”。", "info", unit=u)
        return True

    def _bad_clauses(self, text: str, hits: list[Hit], signals: list[Signal]) -> list[tuple]:
        """(start, end, hits) of clauses with a vague hit and no measure.  In
        narrative, compliance adverbs (及时, 按时, 到位) modify activities: only
        compliance phrases of four or more characters count."""
        vg = self.lex.vague_groups
        sig = _measures(signals)
        out = []
        for i, (a, b) in enumerate(clauses(text)):
            ch = [h for h in hits if a <= h.start < b and h.group in vg
                  and (h.group != "compliance" or len(h.phrase) >= 4)]
            if ch and not any(a <= x.start < b for x in sig):
                out.append((a, b, ch, i))
        return out

    def _vague_sentence(self, u: "_Unit", bad_clauses: list[tuple], measured: bool, p, backed: int = 0,
                        heading: bool = False) -> None:
        """``backed``: for a short lead sentence (a run-in heading such as
        "5．禁毒工作成效显著。"), how many of the following sentences of its
        paragraph or cell carry a measure; with two or more the claim is
        supported there, and a missing figure in the lead itself is only info.
        ``heading``: the sentence is the title of an enumerated item whose body
        follows ("二是加强质量监管。县住建局编印了…"): the task it names is judged
        by that body, so only an effect claim in it is reported."""
        if bad_clauses:
            # "项目产出指标全部完成": the claim's subject is the form's indicators, whose rows are its figures
            # (whether the rows bear it out is NC304's comparison with the scores), not an unsupported claim.
            # Only when it is the sentence's one claim: beside "成效显著" the sentence is reported as it was
            n = normalize(u.text)
            if all(h.group == "effect" and _DONE_CLAIM.match(h.phrase) and _INDICATOR_SUBJECT.search(n, a, h.start)
                   for a, _b, ch, _i in bad_clauses for h in ch):
                return
        if u.role == "problems" and not _GENERIC_CAUSE.search(normalize(u.text)):
            # a problem that names its own weakness ("考核结果受检查时点影响较大", "保教质量仍需提高"): the degree
            # word says how much the named thing weighs, the verb+object names what falls short; neither is a
            # boast.  Only a cause blamed without being named ("受客观因素影响较大") is hollow
            return
        if bad_clauses and u.role == "problems":
            n = normalize(u.text)
            bad_clauses = [(a, b, [h for h in ch if not _TREND_IN_PROBLEM.match(n, h.start)], i)
                           for a, b, ch, i in bad_clauses]
            bad_clauses = [c for c in bad_clauses if c[2]]
            if not bad_clauses:
                return
        if bad_clauses:
            if p is not None and p < self.drop_below:
                return
            item_sig = [x for x in measurability(u.text) if x.kind in ITEM_MEASURE_KINDS
                        and not x.text.startswith("第") and u.text[x.start - 1:x.start] != "第"] if measured else []
            # merge consecutive vague clauses into one span
            runs: list[list] = []
            for a, b, ch, i in bad_clauses:  # consecutive clauses of one sentence
                if runs and runs[-1][3] == i - 1 and _adjacent(u.text, runs[-1][1], a):
                    runs[-1][1] = b
                    runs[-1][2].extend(ch)
                    runs[-1][3] = i
                else:
                    runs.append([a, b, list(ch), i])
            for a, b, ch, _i in runs:
                effect = [h for h in ch if h.group == "effect"]
                if (backed >= 1 or heading) and not effect:
                    continue      # a topic sentence whose figures follow, an item title whose body follows
                if not effect and item_sig and all(_task_head(u.text, h) for h in ch) \
                        and _heads_measured_item(u.text, a, b, item_sig):
                    continue      # "二是加强项目资金监管，…4个项目…覆盖率100%": the item's figures measure its heading
                if backed >= 2 and effect and u.role in CLAIM_ROLES + ("budget",):
                    continue      # the claim is the heading of two or more measured sentences
                ev = {"phrases": _phrases(ch, _b(u)), "sentence_measured": measured, "role": u.role}
                if p is not None:
                    ev["model_p"] = round(p, 3)
                if effect and u.role in CLAIM_ROLES + ("budget",):
                    if backed >= 2:
                        ev["following_measured_sentences"] = backed
                        note = f"（本段随后 {backed} 句给出了数字，建议把成效写成这些数字的结论）"
                    else:
                        note = "" if not measured else "（同句其他分句的数字度量的是别的事项）"
                    self.add("NC250", f"成效主张{_quote(effect)}没有数字支撑" + note,
                             u.text[a:b], u.location.with_span(a, b), ev,
                             self.lex.group("effect").suggestion, "info" if measured or backed >= 2 else "warning",
                             unit=u)
                else:
                    g = ch[0].group
                    self.add("NC205", f"{GROUP_DESC.get(g, '空泛表述')}{_quote(ch)}没有基数、目标值或变化幅度",
                             u.text[a:b], u.location.with_span(a, b), ev,
                             self.lex.group(g).suggestion, "info", unit=u)
        elif (not measured and p is not None and p > self.add_above and u.role in NARRATIVE_ROLES and backed < 1
              and not _ARRANGEMENT.search(u.text)
              and not _DELIVERABLE_ITEM.match(squash(u.text)) and not _GRADE_VERDICT.search(squash(u.text))
              and not _TIER_DECL.search(normalize(u.text))):
            # (a problem sentence reaches here only when it blames a generic cause, see above;
            # a lead sentence whose paragraph goes on with figures is a heading, not a vague claim)
            s, e = _span(u.text)
            self.add("NC205", f"模型判断：这句话是空泛表述，没有数量、比率、日期或对照（空泛概率 {p:.2f}）",
                     u.text[s:e], u.location.with_span(s, e),
                     {"model_p": round(p, 3), "source": "model", "role": u.role},
                     "写明可核验的结果：数量、比率及其基数、日期或金额。", "info", unit=u)

    def _density(self, nhits: int, nchars: int, units) -> None:
        threshold = float(self.config.threshold("NC206", "per_1000_chars", DENSITY_THRESHOLD))
        min_chars = int(self.config.threshold("NC206", "min_chars", 300))
        if nchars < min_chars or nchars == 0:
            return
        dens = 1000.0 * nhits / nchars
        if dens < threshold:
            return
        # anchored on the densest sentence without a measure that no other finding quotes: a measured
        # sentence ("12处长者食堂中11处全年持续运营，持续运营率91.7%") is not the example of vague writing to
        # show, and a sentence already reported (NC250, NC205) would be reported twice at one spot
        def quoted(u) -> bool:
            lu = u.location
            lo, hi = (lu.start or 0), (lu.start or 0) + len(u.text)
            return any((v.location.block, v.location.table, v.location.row, v.location.col, v.location.paragraph)
                       == (lu.block, lu.table, lu.row, lu.col, lu.paragraph)
                       and lo <= (v.location.start or 0) < hi for v in self.verdicts)

        # a problem statement ("持续高温期间…") is not the example of slogan writing: results first
        units = sorted(units, key=lambda x: (x[0] == 0, x[3], quoted(x[1]), x[1].role == "problems", -x[0]))
        top_n, u, dh, _m = units[0]
        s, e = _span(u.text)
        from collections import Counter
        common = Counter(h.phrase for _n, _u, hs, _m in units for h in hs).most_common(8)
        self.add("NC206", f"结果部分程度词和口号密度偏高：每千字 {dens:.1f} 个（阈值 {threshold:g}），共 {nhits} 个，"
                          f"如{'、'.join(f'“{p}”' for p, _ in common[:4])}",
                 u.text[s:e], u.location.with_span(s, e),
                 {"density_per_1000": round(dens, 1), "threshold": threshold, "hits": nhits, "chars": nchars,
                  "top": [{"phrase": p, "count": c} for p, c in common],
                  "phrases": _phrases(dh, _b(u))},
                 self.lex.group("slogan").suggestion, "info")

    def _no_base(self) -> None:
        rep = self.report
        first = None
        for row in rep.indicators:
            if row.empty or row_kind(row) != "satisfaction":
                continue
            for fld in ("actual", "target"):
                raw = row.text(fld)
                if _RATE.search(normalize(raw)):
                    s, e = _span(raw)
                    first = (raw[s:e], row.location(fld, s, e), row.label)
                    break
            if first:
                break
        if first is None:
            for ch in rep.chunks:
                if ch.kind != "sentence":
                    continue
                m = re.search(r"满意[度率][^，,。；;]{0,12}?\d[\d.]*\s*%", normalize(ch.text))
                if m:
                    first = (ch.text[m.start():m.end()], ch.location.with_span(m.start(), m.end()), "")
                    break
        if first is None:
            return
        for b in rep.document.blocks:
            texts = [b.text] if hasattr(b, "text") else [c.text for c in b.cells()]
            for t in texts:
                if _SURVEY.search(t or ""):
                    return
        text, loc, label = first
        self.add("NC253", f"满意度“{text}”没有说明调查方法和样本（报告中没有问卷、调查或样本）", text, loc,
                 {"indicator": label, "value": text, "searched": _SURVEY.pattern},
                 "写明满意度的来源：调查方式、时间和样本量，如“2024年12月问卷调查，发放 350 份，回收有效问卷 320 份，"
                 "满意 308 份，满意度 96.3%”。", "info")


# measures that quantify an item's work (a count, a rate, an amount against a bound), not a date or an ordinal
ITEM_MEASURE_KINDS = frozenset({"quantity", "comparator", "baseline", "sample"})


_TASK_VERB = re.compile(r"(?:做好|做实|做细|抓好|抓实|办好|加强|强化|实施|推进|推动|开展|安排|落实|丰富|完善|深化|规范|健全|"
                        r"保障|组织|加快|优化|压实|夯实|严格|严把|着力|加大|狠抓|开拓|拓展)")


def _task_head(text: str, h: Hit) -> bool:
    """The hit names a task ("全力做好…", "深入实施…", "加强项目资金监管"), not a state ("更加快捷便利", "及时高效"):
    figures of the work done measure a task, not a claimed quality."""
    n = normalize(text)
    return bool(_TASK_VERB.match(h.phrase) or _TASK_VERB.match(n, h.end))


def _heads_measured_item(text: str, a: int, b: int, sig) -> bool:
    """The clause text[a:b] opens an item ("二是加强项目资金监管，对…4个项目开展绩效运行监控，监控覆盖率100%")
    whose later clauses, up to the item's end (；。 or the next 三是), carry a measure: the figures measure
    the work the heading names."""
    n = normalize(text)
    lead = n[:a]
    cut = max([m.end() for m in _ITEM_END.finditer(lead)] + [0])
    head = lead[cut:]
    starts = [m for m in _ITEM_START.finditer(head)]
    if starts:
        head = head[starts[-1].end():]
    if head.strip(" ，,：:、\u3000"):
        return False      # not the first clause of its item
    end = len(n)
    m = _ITEM_END.search(n, b)
    if m:
        end = m.start()
    m = _ITEM_START.search(n, b, end)
    if m:
        end = m.start()
    return any(b <= x.start < end for x in sig)


def _item_headings(units) -> set[int]:
    """Indices of the sentences that title an enumerated item of a paragraph and are followed, in the
    same paragraph, by the item's body: "二是加强质量监管。县住建局编印了…技术导则，组织…巡查。三是…".
    A title is short, starts with the item mark (一是, （二）, 2．) and ends the sentence; the next
    sentence starts no new item.  "二是加强质量监管。三是规范资金管理。" (titles only) has no body."""
    out = set()
    for k in range(len(units) - 1):
        u, nxt = units[k], units[k + 1]
        if u.location.table is not None or nxt.location.table is not None or u.location.block != nxt.location.block:
            continue
        t = normalize(u.text).strip()
        m = _ITEM_START.match(t)
        if not m or len(t) > 20 or not t.endswith("。"):
            continue
        if _ITEM_START.match(normalize(nxt.text).strip()) or len(nxt.text.strip()) < 8:
            continue
        out.add(k)
    return out


def _plan_items(units) -> set[int]:
    """Indices of the sentences that are items of a list of planned tasks: in a paragraph whose text up to
    the sentence holds a task lead ("确定了五项重点任务：一是…；二是…；三是抓好…，做到应免尽免；"), or an
    enumerated item ("四是稳步推进林业碳汇试点。") in a section of tasks (年度主要工作任务; not of targets), or a
    sentence of what will be done next ("下一年度将按季度通报项目支出进度…").  What
    a department set out to do is a plan, not a claimed result: its degree words ("持续推进") are not a
    boast (judged5 M11, judged3 K03; judged2 judged such items "fair at info": reviewers differ, so quiet)."""
    out = set()
    para, active, prev_end = None, False, ""
    for k, u in enumerate(units):
        loc = u.location
        n = normalize(u.text).strip()
        if loc.table is None:
            if (loc.block, loc.paragraph) != para:
                para, active, prev_end = (loc.block, loc.paragraph), False, ""
            if _TASK_LEAD.search(n):
                active = True
            elif active and not (prev_end in "；;：:，," or _ITEM_START.match(n)):
                active = False    # the list ended with its last item ("…开展村庄清洁行动。截至年底，…")
            prev_end = n[-1:]
            if active:
                out.add(k)
                continue
        tasks = u.role == "goals" and _TASK_SECTION.search((u.section or "").split(" > ")[-1])
        if (tasks and _ITEM_START.match(n)) or _PLAN_SENTENCE.match(n):
            out.add(k)
    return out


@dataclass
class _Unit:
    text: str
    location: Location
    role: str
    field: str
    section: str
    indicator: str = ""


def _b(u: _Unit) -> int:
    return u.location.start or 0


def _adjacent(text: str, end: int, start: int) -> bool:
    return not re.search(r"[。！？!?；;\n]", text[end:start])


def _clause_around(text: str, s: int, e: int) -> tuple[int, int]:
    spans = clauses(text)
    a = [x for x in spans if x[0] <= s < x[1]]
    b = [x for x in spans if x[0] < e <= x[1]]
    ss = a[0][0] if a else s
    ee = b[-1][1] if b else e
    return ss, ee


def squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text or "")).strip("。.；;，,")


def _short(text: str, n: int = 40) -> str:
    t = re.sub(r"\s+", " ", text.strip())
    return t if len(t) <= n else t[:n] + "…"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


def _content_words(text: str, lex: Lexicon) -> set[str]:
    from ..nlp.segment import cut

    masked = list(text)
    for h in lex.match(text):
        masked[h.start:h.end] = [" "] * (h.end - h.start)
    return {w for w in cut("".join(masked)) if len(w.strip()) >= 2 and w not in _STOP
            and re.search(r"[\u4e00-\u9fff]", w)}


def _shares_word(reason: str, name: str, lex: Lexicon) -> bool:
    if not name.strip():
        return False
    return bool(_content_words(reason, lex) & _content_words(name, lex))


# ---------------------------------------------------------------------------
# per-run cache: every rule of both families reads the same analysis

_CACHE: dict[tuple[int, int], tuple] = {}


def analysis(report, config) -> Analysis:
    key = (id(report), id(config))
    ent = _CACHE.get(key)
    if ent is not None and ent[0]() is report and ent[1]() is config:
        return ent[2]
    a = Analysis(report, config)
    try:
        _CACHE[key] = (weakref.ref(report), weakref.ref(config), a)
    except TypeError:  # pragma: no cover - objects without weakref support
        return a
    while len(_CACHE) > 8:
        _CACHE.pop(next(iter(_CACHE)))
    return a


def emit(report, ctx, code: str):
    for v in analysis(report, ctx.config).by_code(code):
        yield ctx.finding(v.message, v.text, v.location, v.evidence, v.suggestion, v.severity)


# ---------------------------------------------------------------------------
# rules

@rule("NC200", "vague-indicator-value", "vague", "warning", scope="指标行：年度指标值（调整后指标值）",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "actual": "实际完成值", "value": "填写内容",
                "kind": ("类型", "kind"), "phrases": ("空泛词", "phrases")})
def vague_indicator_value(report, ctx):
    """指标值是空泛表述：年度指标值只写了“效果明显”“显著提高”“起到示范作用”等，没有数量、比率或对照。

    规则：指标值单元格（整格为一个分句）有空泛词典第 1、2、4 组（程度词、效果断言、动词加空泛宾语）的命中，
    且没有任何度量信号（比较符、数字加单位、日期、基数、具名产出、样本）。实际完成值照抄指标值时只在指标值上报告一次
    （照抄本身由 NC002/NC101 报告）。时效、满意度和合规套话分别由 NC204、NC252、NC203 报告。
    建议按指标类型给出：成本写金额，时效写日期或时限，满意度写比率、调查方法和样本，效益写基数和变化。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 助推社会和谐稳定 | 效果明显 | 效果明显 | 10 | 10 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 信访事项按期办结率 | ≥95% | 98.2% | 10 | 10 |
    """
    yield from emit(report, ctx, "NC200")


# a unit and the noun of a name that is measured in it: 等 ↔ 等级, 分 ↔ 评分, 亩 ↔ 面积 …
_SCALE_NOUNS = {"等": "等级", "级": "等级|级别", "个等级": "等级", "分": "分值|得分|评分|分数|指数", "亩": "面积",
                "万亩": "面积", "公里": "里程|长度"}


def _names_its_scale(name: str, unit: str, target: str = "") -> bool:
    """Whether an indicator name names the scale its numeric target is counted in (质量等级提升 / ≥0.1等): the
    name then says what the number measures.  A unit the value parser does not know (等) is read off the target."""
    m = re.search(r"\d\s*([\u4e00-\u9fff]{1,3})\s*$", target or "")
    tail = m.group(1) if m else ""
    for u in {unit.strip(), tail}:
        nouns = _SCALE_NOUNS.get(u)
        if nouns and re.search(nouns, name or ""):
            return True
    # "耕地质量等级提升" with ≥0.5个等级: the measure word after the number (个等级 → 等级) is in the name
    noun = re.sub(r"^个", "", tail)
    return len(noun) >= 2 and noun in (name or "")


@rule("NC201", "vague-indicator-name", "vague", "info", scope="指标行：三级指标名称",
      evidence={"indicator": "指标", "kind": ("类型", "kind"), "phrases": ("空泛词", "phrases"),
                "model_p": ("空泛概率（模型）", "prob")})
def vague_indicator_name(report, ctx):
    """指标名称是口号或空泛表述：“助力营商环境不断优化，起到示范作用”“全面提高服务能力水平”，看不出衡量什么。

    规则：指标名称有空泛词典第 1、2、4 组命中且没有度量信号。指标值是数字时为 warning（数字不知度量的是什么），
    否则为 info。若有分类模型且判断为具体（空泛概率 < 0.2），不报告。

    错误示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 可持续影响指标 | 营商环境持续优化 | ≥98% | 99% | 8 | 8 |

    正确示例：
        2023年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 可持续影响指标 | 企业投诉按期办结率 | ≥98% | 99% | 8 | 8 |
    """
    yield from emit(report, ctx, "NC201")


@rule("NC202", "vague-goal", "vague", "warning", scope="目标栏：年度总体目标（预期目标）",
      evidence={"field": ("栏目", "field"), "phrases": ("空泛词", "phrases"), "lines": "目标条数",
                "measured": ("有度量", "bool"), "model_p": ("空泛概率（模型）", "prob"), "source": None})
def vague_goal(report, ctx):
    """年度总体目标空泛：“持续提升政务服务水平”“进一步加强管理”，没有数量、时间或标准。

    规则：年初设定目标（预期目标）单元格中，有空泛词典命中的分句没有度量信号。整格没有任何度量时为 warning，
    只有部分分句空泛时为 info。分类模型判断为空泛（概率 > 0.9）而词典没有命中的目标，以“模型判断”报告为 info。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        | 目标 | 1.持续提升政务服务水平。 | 全年办理各类文件386件，接收公文1083件。 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 年度总体目标 | 预期目标 | 实际完成情况 |
        | 目标 | 全年办理各类文件不少于350件，公文平均办理时间不超过3个工作日。 | 全年办理各类文件386件，接收公文1083件。 |
    """
    yield from emit(report, ctx, "NC202")


@rule("NC203", "compliance-as-output", "vague", "warning", scope="指标行：年度指标值、实际完成值",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "actual": "实际完成值", "value": "填写内容",
                "kind": ("类型", "kind"), "phrases": ("空泛词", "phrases")})
def compliance_as_output(report, ctx):
    """指标值是合规套话：“严格落实专款专用”“按规定使用”“符合要求”当作绩效，没有度量。

    规则：单元格的空泛命中全部属于合规组（词典第 3 组），去掉这些短语和“了、已、做到、确保”等虚词后几乎没有
    别的内容，且没有度量信号。时效指标由 NC204 处理。实际完成值照抄指标值时只在指标值上报告。

    错误示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 精简运行经费 | 严格落实专款专用 | 严格落实了专款专用 | 15 | 15 |

    正确示例：
        2022年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 成本指标 | 办公运行经费 | ≤150万元 | 132.71万元 | 15 | 15 |
    """
    yield from emit(report, ctx, "NC203")


@rule("NC204", "time-unbounded", "vague", "warning", scope="指标行：时效指标",
      evidence={"indicator": "指标", "target": "指标值", "actual": "实际完成值", "kind": ("类型", "kind"),
                "phrases": ("空泛词", "phrases")})
def time_unbounded(report, ctx):
    """时效指标没有日期或时限：“办文办会及时高效”“及时”“按时完成”。

    规则：二级指标为时效（或名称是完成时间/时限）的行，指标值和实际完成值都没有日期、年份、期间（全年、季度、
    N个工作日、N天）或比率时在指标值上报告；指标值有期限而实际完成值没有写实际时间时在实际完成值上报告。

    错误示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 办文办会 | 办文办会及时高效 | 办文办会及时高效 | 10 | 10 |

    正确示例：
        2021年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 时效指标 | 公文平均办理时间 | ≤3个工作日 | 2.4个工作日 | 10 | 10 |
    """
    yield from emit(report, ctx, "NC204")


@rule("NC205", "vague-claim", "vague", "info", scope="成效、目标、问题、预算部分的叙述句子",
      evidence={"indicator": "指标", "field": ("栏目", "field"), "phrases": ("空泛词", "phrases"),
                "model_p": ("空泛概率（模型）", "prob"), "role": None, "source": None, "sentence_measured": None})
def vague_claim(report, ctx):
    """正文空泛表述：“进一步提高服务水平”“有力推动了高质量发展”，分句里没有基数、目标值或变化幅度。

    规则：结果、目标、问题和预算执行部分的句子（职能职责、机构人员、改进措施部分不查），按分句检查：
    有程度词或“动词+空泛宾语”命中、且同一分句没有度量信号的，报告为 info；相邻的空泛分句合并报告。
    效果断言（取得明显成效）由 NC250 报告。若有分类模型：词典命中但模型判断为具体（空泛概率 < 0.2）的不报告；
    词典没有命中但模型判断为空泛（概率 > 0.9）的，以“模型判断”报告，依据中给出概率。

    错误示例：
        四、部门整体支出绩效情况
        一年来，我办进一步提高服务水平，有力推动了全县产业发展。

    正确示例：
        四、部门整体支出绩效情况
        全年办理各类文件386件，精简类文件比去年同期减少15%，公文平均办理时间由5个工作日缩短到3个工作日。
    """
    yield from emit(report, ctx, "NC205")


@rule("NC206", "vague-density", "vague", "info", scope="每份报告成效、目标、问题、预算部分的叙述",
      evidence={"phrases": ("空泛词", "phrases"), "chars": "字数", "hits": "个数", "density_per_1000": "每千字个数",
                "threshold": "阈值", "top": ("最常见", "top")})
def vague_density(report, ctx):
    """程度词和口号密度偏高：结果部分每千字的程度词（进一步、全面、积极……）和口号（凝心聚力、高质量发展……）过多。

    规则：统计结果、目标、问题和预算执行部分句子里词典第 1 组和第 5 组的命中数，除以字数（每千字）。
    阈值默认每千字 6 个，在种子报告上测得：000 为 2.5，003 为 8.9，004 为 9.7，001 为 15.2，002 为 23.9；
    三份写得具体的样例报告为 0.8–1.7，6 落在两组之间。正文少于 300 字不统计；
    可用 thresholds.NC206.per_1000_chars 调整。每份报告至多一条，
    位置指向命中最多的句子。

    错误示例：
        四、部门整体支出绩效情况
        一年来，我办坚持以人民为中心，凝心聚力、担当作为，进一步提高服务水平，全面加强作风建设，积极推进各项工作，扎实推进重点任务，深入开展调查研究，切实履职尽责，不断提升办文办会质量，持续优化营商环境，稳步推进数字政府建设，大力推进高质量发展，有力保障了全县经济社会平稳运行，全面完成年度目标任务，服务大局、砥砺前行，奋勇争先，取得明显成效，为全县高质量发展作出积极贡献，各项工作稳步推进。
        全年坚持围绕中心、服务大局，积极作为、主动作为，进一步强化措施、狠抓落实，全面提升履职能力，不断增强服务意识，持续改进工作作风，切实提高工作效能，有效推动各项决策部署落到实处，扎实推进各项重点工作，全力以赴、攻坚克难，真抓实干、久久为功，各项工作取得新成效，群众满意度不断提升，干部队伍素质进一步提高，工作效率显著提高。

    正确示例：
        四、部门整体支出绩效情况
        全年办理各类文件386件，精简类文件比去年同期减少15%；接收、传阅公文1083件，撰写审核重要会议纪要25件。全年组织筹备各类会议52次，会议成功率100%。承办接待视察、检查等活动31次，实现零差错。开展专项督查35次，发现问题48个，整改46个，整改率95.8%。全年值班电话接听2310次，突发事件平均报送时间12分钟。政务信息报送312条，被市级以上采用126条，采用率40.4%，排全市第一。服务对象满意度调查回收有效问卷320份，满意度96.3%。全年支出1253.78万元，预算执行率94.4%。
    """
    yield from emit(report, ctx, "NC206")


@rule("NC207", "generic-deviation", "vague", "warning", scope="扣了分的指标行：偏差原因分析",
      evidence={"indicator": "指标", "weight": "分值", "score": "得分", "deviation": "偏差原因", "phrases": ("空泛词", "phrases")})
def generic_deviation(report, ctx):
    """偏差原因笼统：扣了分，但原因只写“客观原因”“受疫情影响”“进一步提高”之类，没有数字，也没有对应到该指标。

    规则：得分低于分值的行，偏差原因有笼统原因（词典第 6 组）或空泛命中，没有数字，且与指标名称没有共同的实词。
    偏差栏为空或只写“无/无偏差”的情况由偏差缺失检查负责，这里不报告。

    错误示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 开展禁毒宣传活动 | ≥800场次 | 718场次 | 10 | 9 | 受客观因素影响 |

    正确示例：
        2024年度部门整体支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
        | 产出指标 | 数量指标 | 开展禁毒宣传活动 | ≥800场次 | 718场次 | 10 | 9 | 二季度停办集中宣传82场次，下年改为线上宣传补足 |
    """
    yield from emit(report, ctx, "NC207")


@rule("NC208", "input-as-output", "vague", "warning", scope="成本指标和执行率以外的指标行：指标名称",
      evidence={"indicator": "指标", "level2": "二级指标", "phrase": "资金投入的说法", "start": None, "end": None})
def input_as_output(report, ctx):
    """把资金投入当作产出：产出或效益指标的名称是“年度资金投入”“投入资金”“资金总额”，投入不是绩效。

    规则：指标名称含资金投入、投入资金、预算金额、资金总额、年度资金等，且不在成本指标下、名称不是执行率。

    错误示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 年度资金投入 | 80万元 | 80万元 | 10 | 10 |

    正确示例：
        2023年度项目支出绩效自评表
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 采购执法记录仪 | ≥50套 | 52套 | 10 | 10 |
    """
    yield from emit(report, ctx, "NC208")
