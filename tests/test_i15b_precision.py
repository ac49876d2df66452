"""Issue 15 (helper i15b): precision of the wording rules and info findings, found on the
development sets corpora/judged4 and corpora/judged3.  Each fix is for a general cause (a
heading grammar, a reading, a section role); each test has the real passage that must stay
silent and a similar one that must still fire."""
from __future__ import annotations

from narrcheck.api import check_report
from narrcheck.config import Config
from narrcheck.nlp.classifier import section_role
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand


def _rep(text: str, path: str = "x.txt"):
    return understand(parse_text(text, path=path))


class _Secs:
    """Section path of the narrative paragraph that starts with a given text."""

    def __init__(self, rep):
        self.paras = [(ch.text, ch.section) for ch in rep.chunks if ch.kind == "paragraph"]

    def __getitem__(self, start: str) -> str:
        hits = [sec for text, sec in self.paras if text.startswith(start)]
        assert len(hits) == 1, (start, hits)
        return hits[0]


def _sections(rep) -> _Secs:
    return _Secs(rep)


def _fired(rep, code: str) -> list:
    return [f for f in check_report(rep, Config(select=[code]))]


# -- headings: Markdown, 第N部分, run-in ------------------------------------------------------

# L06 (宾川县林业和草原局, a .md report): "## 七、结果应用" was not read as a heading, so the report had no
# section of a known role and every sentence was read as a result
L06 = """# 宾川县林业和草原局2019年度部门整体支出绩效自评报告

## 三、绩效目标完成情况

产出方面，全年完成营造林2.63万亩，其中新造林1.12万亩、退化林修复0.86万亩、森林抚育0.65万亩。

## 五、存在问题及改进措施

存在的问题：一是上级补助资金下达时间偏晚，第四季度资金难以在当年兑付。改进措施：一是加快项目前期工作；二是积极向县政府汇报，争取配套资金足额到位；

## 七、结果应用

2020年部门预算编制和护林员续聘，要看这次自评的情况。对年度考核不合格的护林员不再续聘，对补植任务未完成的乡镇暂缓拨付下一年度造林补助。
"""


def test_markdown_headings_open_sections():
    secs = _sections(_rep(L06, "x.md"))
    assert secs["2020年部门预算编制和"] == "七、结果应用"
    assert section_role(secs["2020年部门预算编制和"]) == "measures"
    assert section_role(secs["存在的问题：一是上级补"]) == "measures"
    assert section_role(secs["产出方面，全年完成营造"]) == "results"


def test_future_tense_in_the_measures_of_a_markdown_report_is_silent():
    assert _fired(_rep(L06, "x.md"), "NC256") == []
    # the same plan written as a result stays a finding
    fired = L06.replace("产出方面，全年完成营造林2.63万亩", "产出方面，争取配套资金足额到位，全年完成营造林2.63万亩")
    assert [f.text for f in _fired(_rep(fired, "x.md"), "NC256")]


# K04 / L03: "第三部分 绩效目标实现情况" — parts numbered 第N部分
K04 = """裕安区水利局2023年度部门整体支出绩效自评报告
第一部分 部门概况
区水利局负责保障水资源的合理开发利用，负责全区水利工程建设与运行管理，组织实施农村饮水安全工程。
第二部分 部门收支
全年预算资金8642.35万元，其中当年财政拨款7980.35万元，上年结转662.00万元。
第三部分 绩效目标实现情况
一是水库除险加固。全年完成小型水库除险加固9座，其余3座主体工程因汛期停工，预计年内可完成剩余3座小型水库除险加固。
第六部分 改进措施
一是建立项目储备库，提前一年完成可研和初设审批。
附件：部门整体支出绩效目标自评表
"""


def test_part_headings_open_sections_with_their_roles():
    secs = _sections(_rep(K04))
    assert section_role(secs["区水利局负责保障水资源"]) == "duty"
    assert section_role(secs["全年预算资金8642."]) == "budget"
    assert section_role(secs["一是水库除险加固。全年"]) == "results"
    assert section_role(secs["一是建立项目储备库，提"]) == "measures"
    # a form title after a part is not inside it
    rep = _rep(K04)
    assert rep.sections.path_at(max(rep.sections.heading_blocks())) == "附件：部门整体支出绩效目标自评表"


def test_part_heading_roles_keep_the_result_estimate():
    """The estimate in 第三部分 绩效目标实现情况 is a result written as a plan (K04): still NC256."""
    assert [f.text for f in _fired(_rep(K04), "NC256")] == ["预计年内可完成剩余3座小型水库除险加固。"]


# L16 (于都县农村危房改造, text): the outline after 五、 is written as run-in headings
L16 = """于都县2019年农村危房改造补助资金绩效自评报告
一、项目概况
2019年我县农村危房改造对象为建档立卡贫困户、低保户、分散供养特困人员和贫困残疾人家庭四类重点对象，年度任务1450户。
三、绩效目标完成情况
（一）数量目标。全年完成危房改造1463户，分别为建档立卡贫困户812户、低保户406户、分散供养特困人员97户、贫困残疾人家庭148户。
五、存在问题。一是部分改造户自筹能力弱，存在“等靠要”思想；二是个别乡镇资金拨付不及时，年底仍有187.56万元未拨付到户。
六、改进措施。一是引导有劳动能力的改造户投工投劳；二是将资金拨付进度纳入乡镇年度考核。
七、项目管理情况。一是严格对象认定。改造对象由农户申请、村民会议评议、乡镇审核、县级审批，并在村务公开栏公示，公示期不少于7天。
九、下一步工作。2020年，我局将巩固危房改造成果，开展农村住房安全“回头看”，对已改造房屋逐户复核；对因灾新增的危房户，做到及时发现、及时纳入、及时改造；同时探索农房建设质量终身责任制。
十、项目成效。通过实施农村危房改造，全县农村四类重点对象住房安全问题得到解决，群众满意度高，项目实施取得了明显成效。
"""


def test_run_in_headings_open_sections():
    secs = _sections(_rep(L16))
    assert secs["五、存在问题。一是部分改"] == "五、存在问题"
    assert section_role(secs["五、存在问题。一是部分改"]) == "problems"
    assert section_role(secs["六、改进措施。一是引导有"]) == "measures"
    # no role in its title, but 七 continues the outline after 六
    assert secs["七、项目管理情况。一是严格"] == "七、项目管理情况"
    assert section_role(secs["九、下一步工作。2020"]) == "measures"
    assert section_role(secs["十、项目成效。通过实施农"]) == "results"


def test_numbered_item_inside_a_section_is_not_a_run_in_heading():
    """"一、加强组织领导。成立了…" inside （三）改进措施: an item (no role, 一 does not follow 五)."""
    text = L16.replace("六、改进措施。一是引导有劳动能力的改造户投工投劳；二是将资金拨付进度纳入乡镇年度考核。",
                       "（三）改进措施\n一、加强组织领导。成立了由分管副县长任组长的领导小组，每季度调度一次。")
    secs = _sections(_rep(text))
    assert section_role(secs["一、加强组织领导。成立了"]) == "measures"


def test_slogan_in_the_next_step_plan_is_silent_but_not_in_results():
    rep = _rep(L16)
    texts = [f.text for f in _fired(rep, "NC205") + _fired(rep, "NC250")]
    assert not any("及时发现" in t for t in texts)
    assert any("明显成效" in t for t in texts)        # 十、项目成效 is read as results


# -- NC205: the title of an enumerated item whose body follows ---------------------------------

# L16 七、项目管理情况, here under a results heading so that the sentence is read
MANAGED = """2019年农村危房改造补助资金绩效自评报告
三、绩效目标完成情况
一是严格对象认定。改造对象由农户申请、村民会议评议、乡镇审核、县级审批，并在村务公开栏公示，公示期不少于7天。二是加强质量监管。县住建局编印了农村危房改造建设技术导则，组织乡镇建设所对改造户开展“六到场”巡查，即基槽验线、基础施工、圈梁浇筑、墙体砌筑、屋面施工和竣工验收环节技术人员到场指导。三是规范资金管理。补助资金实行专户管理、封闭运行，由乡镇根据竣工验收结果申请，县财政局审核后通过“一卡通”直接拨付到户。
"""


def test_item_title_followed_by_its_body_is_not_vague():
    assert [f.text for f in _fired(_rep(MANAGED), "NC205")] == []


def test_item_title_without_a_body_is_still_vague():
    bare = MANAGED.replace("二是加强质量监管。县住建局编印了农村危房改造建设技术导则，组织乡镇建设所对改造户开展“六到场”巡查，"
                           "即基槽验线、基础施工、圈梁浇筑、墙体砌筑、屋面施工和竣工验收环节技术人员到场指导。",
                           "二是加强质量监管。")
    assert [f.text for f in _fired(_rep(bare), "NC205")] == ["二是加强质量监管。"]


# -- NC256: 约 and 近 inside a word --------------------------------------------------------------

SAVED = """2020年度部门整体支出绩效自评报告
二、部门收支情况
“三公”经费支出14.93万元，较上年下降9.41%，比年度预算16.50万元节约1.30万元。最近3年均未超预算。
"""


def test_saving_and_recent_years_are_not_estimates():
    assert _fired(_rep(SAVED), "NC256") == []


def test_an_approximate_saving_is_still_an_estimate():
    rep = _rep(SAVED.replace("节约1.30万元", "节约约1.30万元"))
    assert [f.text for f in _fired(rep, "NC256")] == ["比年度预算16.50万元节约约1.30万元。"]


# -- NC253: a satisfaction figure whose telephone sample is stated -----------------------------

SURVEYED = """于都县2019年农村危房改造补助资金绩效自评报告
三、绩效目标完成情况
（四）效益和满意度目标。全县农村四类重点对象住房安全保障率100%；县统计局调查队对改造户进行电话抽访390户，满意380户，满意度97.4%。
"""


def test_telephone_sample_is_a_survey_method():
    assert _fired(_rep(SURVEYED), "NC253") == []


def test_satisfaction_without_a_method_still_fires():
    rep = _rep(SURVEYED.replace("县统计局调查队对改造户进行电话抽访390户，满意380户，", ""))
    assert [f.rule for f in _fired(rep, "NC253")] == ["NC253"]


# -- NC407: minimum standards and small rates ------------------------------------------------

def _form(*rows: str) -> str:
    head = ("2019年度项目支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n")
    return head + "".join(rows)


def test_service_life_above_its_minimum_is_not_over_achievement():
    text = _form("| 效益指标 | 可持续影响指标 | 改造后住房安全使用年限 | ≥20年 | 25年 | 10 | 10 | 无 |\n")
    assert _fired(_rep(text), "NC407") == []


def test_small_rate_excess_is_not_over_achievement_but_a_large_one_is():
    text = _form("| 效益指标 | 生态效益指标 | 化肥使用量较上年减少 | ≥2% | 2.6% | 10 | 10 | 无 |\n",
                 "| 效益指标 | 生态效益指标 | 农药使用量较上年减少 | ≥2% | 3.5% | 10 | 10 | 无 |\n",
                 "| 产出指标 | 数量指标 | 改造户数 | ≥20户 | 25户 | 10 | 10 | 无 |\n")
    fired = sorted(f.evidence["indicator"] for f in _fired(_rep(text), "NC407"))
    assert fired == ["农药使用量较上年减少", "改造户数"]


# -- NC305: a commitment or requirement is not a claim ---------------------------------------

PAYMENT = """2025年度部门整体支出绩效自评报告
一、部门概况
民政工作事关困难群众切身利益。我局将坚持“兜底线、织密网、建机制”，确保各项救助资金及时足额发放到位。
三、绩效指标完成情况
养老服务补贴资金拨付率72.4%，主要原因是补贴对象能力评估工作启动较晚。
八、其他说明
对自评中发现的个别乡镇拨付滞后问题，已于2020年1月发文督办，要求2020年3月底前全部拨付到户。
"""


def test_commitments_and_requirements_are_not_claims():
    assert _fired(_rep(PAYMENT), "NC305") == []


def test_a_stated_payment_is_still_contradicted():
    for claim in ("各项救助资金已及时足额发放到位", "我局确保了各项救助资金及时足额发放到位", "各项救助资金已全部拨付到户"):
        text = PAYMENT.replace("我局将坚持“兜底线、织密网、建机制”，确保各项救助资金及时足额发放到位", claim)
        assert [f.rule for f in _fired(_rep(text), "NC305")] == ["NC305"], claim


# -- NC150: the title repeated as a PDF page header ------------------------------------------

_PARA = "全年完成公共文化场馆免费开放服务，图书馆、文化馆、博物馆接待群众{}万人次，开展群众文化活动126场。\n"
PAGED = ("阳朔县文化广电体育和旅游局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n" + _PARA.format("38.6")
         + "六、改进措施\n（一）2023年服务人次目标按近三年平均值设置，同时增加线上服务人次指标；（\n— 1 —\n"
         "阳朔县文化广电体育和旅游局2022年度部门整体支出绩效自评报告\n二）将社会赞助类活动纳入部门绩效目标管理。\n")


def test_title_as_page_header_is_not_a_repeated_passage():
    assert _fired(_rep(PAGED), "NC150") == []


def test_a_pasted_paragraph_is_still_a_repeated_passage():
    text = PAGED.replace("二）将社会赞助类活动", _PARA.format("38.6") + "二）将社会赞助类活动")
    assert [f.rule for f in _fired(_rep(text), "NC150")] == ["NC150"]


# -- NC187: 四、问题与建议 is the problems section -----------------------------------------------

_BODY = ("2024年度项目绩效自评报告\n一、项目背景\n"
         + "万州区2024年实施社区嵌入式养老服务站建设运营项目，在主城区街道和中心镇建设服务站20个。\n" * 5)


def test_problems_and_suggestions_heading_names_the_problems_section():
    text = _BODY + ("四、问题与建议\n1.部分服务站选址在老旧楼宇，消防改造难度大；2.运营机构专业护理人员流动性大，2024年流失率达到18%。\n"
                    "七、下一步工作\n2025年完成2个站点消防整改并开放床位。\n")
    assert _fired(_rep(text), "NC187") == []
    text = _BODY + "七、下一步工作\n2025年完成2个站点消防整改并开放床位。\n"
    assert [f.evidence["missing"] for f in _fired(_rep(text), "NC187")] == [["存在的问题（偏差原因）"]]


# -- NC251: a pass/fail target ---------------------------------------------------------------

def test_passing_an_assessment_is_a_verifiable_target():
    text = _form("| 效益指标 | 社会效益指标 | 县域义务教育优质均衡发展 | 通过市级督导评估 | 已通过市级督导评估（渝教督函〔2022〕41号） | 10 | 10 | 无 |\n")
    assert _fired(_rep(text), "NC251") == []
    text = _form("| 效益指标 | 社会效益指标 | 县域义务教育优质均衡发展 | 均衡发展水平提升 | 已提升 | 10 | 10 | 无 |\n",
                 "| 效益指标 | 社会效益指标 | 义务教育质量 | 推进优质均衡发展 | 已推进 | 10 | 10 | 无 |\n")
    assert _fired(_rep(text), "NC251") or _fired(_rep(text), "NC200")


def test_full_payment_through_a_channel_is_a_claim():
    """L16: "补助资金已全部通过“一卡通”拨付到户" while 187.56万元 was still unpaid at year end."""
    text = ("2019年农村危房改造补助资金绩效自评报告\n二、资金到位及使用\n截至12月31日，已拨付改造户补助资金2938.44万元。"
            "补助资金已全部通过“一卡通”拨付到户。\n五、存在问题\n个别乡镇资金拨付不及时，年底仍有187.56万元未拨付到户。\n")
    assert [f.text for f in _fired(_rep(text), "NC305")] == ["已全部通过“一卡通”拨付到户"]
    silent = text.replace("个别乡镇资金拨付不及时，年底仍有187.56万元未拨付到户。", "个别乡镇资金拨付进度偏慢。")
    assert _fired(_rep(silent), "NC305") == []


# -- NC205: a degree word in a problem that names its own facts ----------------------------------

PROBLEMS = """2023年度项目绩效自评报告
四、存在的问题
一是考核结果受检查时点影响较大；二是部分乡镇草畜平衡区超载过牧问题依然突出，核减奖励后牧户意见较大。
"""


def test_degree_word_in_a_specific_problem_is_silent():
    assert _fired(_rep(PROBLEMS), "NC205") == []


def test_degree_word_in_a_problem_blaming_a_generic_cause_still_fires():
    # (i15d) an abstract self-assessment ("科学性有待进一步提高") names its own weakness and is now silent
    # (test_i15d_precision); a cause blamed without being named is still hollow
    rep = _rep(PROBLEMS.replace("一是考核结果受检查时点影响较大；", "一是考核结果受客观因素影响较大；"))
    assert [f.rule for f in _fired(rep, "NC205")]


# -- NC256: an approximate baseline of a 由…到… change ---------------------------------------------

BASELINE = """2021年度项目绩效自评报告
三、绩效目标完成情况
全区家具企业技能工人缺口由年初的约6000人下降到4380人。田间道路通达度由项目前的约70%提高到95%以上。
"""


def test_approximate_baseline_of_a_change_is_not_an_estimate():
    assert _fired(_rep(BASELINE), "NC256") == []


def test_approximate_result_of_a_change_is_still_an_estimate():
    rep = _rep(BASELINE.replace("下降到4380人", "下降到约4380人"))
    assert [f.text for f in _fired(rep, "NC256")] == ["全区家具企业技能工人缺口由年初的约6000人下降到约4380人。"]
