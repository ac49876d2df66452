"""Reports copied from government portals and document-sharing sites (issue 14, item 5).

The fixtures in tests/fixtures/webcopies are built by gen/make.py from one clean report
(clean_shiqiao_2023.txt): the same report with a portal's chrome, a document-sharing site's
banners and name masks, a truncated preview, a copy that stops mid-sentence or inside the form,
and a text layer that lost its paragraph breaks.  See KEY.md.
"""
from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config
from narrcheck.model import Paragraph
from narrcheck.read.text import parse_text
from narrcheck.read.webclean import chrome_kind, clean_blocks, split_runon

from conftest import ROOT

WEB = ROOT / "tests" / "fixtures" / "webcopies"
CLEAN = WEB / "clean_shiqiao_2023.txt"
TITLE = "石桥县水利局2023年度部门整体支出绩效自评报告"
CHROME = ("您现在的位置", "您当前的位置", "首页", "分享到", "打印本页", "关闭窗口", "浏览次数", "版权所有", "ICP备",
          "上一篇", "下一篇", "原创力文档", "VIP免费下载", "第1页/共", "第2页/共", ".docx", "阅读了该文档",
          "扫一扫", "展开全文", "剩余3页未读")


def _report(name):
    return load_report(str(WEB / name))


def _findings(rep, rules=None):
    return check_report(rep, Config(select=rules) if rules else Config())


def _sections(rep):
    out = []
    stack = list(reversed(rep.sections.root))
    while stack:
        s = stack.pop()
        out.append(s.title)
        stack.extend(reversed(s.children))
    return out


def _texts(rep):
    return [c.text for c in rep.chunks] + [s for s in _sections(rep)] + [rep.meta.title, rep.meta.department]


@pytest.fixture(scope="module")
def clean():
    rep = load_report(str(CLEAN))
    return rep, _findings(rep)


# --------------------------------------------------------------------------- chrome

@pytest.mark.parametrize("name", ["portal_shiqiao_2023.txt", "docshare_shiqiao_2023.txt", "portal_shiqiao_2023.html",
                                  "repost_jianxi_2021.txt", "docshare_preview_jianxi_2021.html",
                                  "docshare_text_shiqiao_2023.pdf"])
def test_site_chrome_is_not_title_unit_section_or_chunk(name):
    rep = _report(name)
    for t in _texts(rep):
        for w in CHROME:
            assert w not in t, (w, t)
    for f in _findings(rep):
        for w in CHROME:
            assert w not in f.text


def test_portal_copy_reads_as_the_clean_report(clean):
    crep, cfind = clean
    rep = _report("portal_shiqiao_2023.txt")
    assert rep.meta.title == TITLE                         # not the breadcrumb "您现在的位置: 首页 > …绩效自评"
    assert rep.meta.department == "石桥县水利局"            # the unit, not the next field of its line
    assert rep.meta.publisher == "石桥县财政局"
    assert _sections(rep) == _sections(crep)
    assert [(r.name, r.target, r.actual, r.weight, r.score) for r in rep.indicators] == \
        [(r.name, r.target, r.actual, r.weight, r.score) for r in crep.indicators]
    assert [(f.rule, f.text) for f in _findings(rep)] == [(f.rule, f.text) for f in cfind]
    meta = [b.text for b in rep.document.blocks if isinstance(b, Paragraph) and b.origin == "meta"]
    assert meta == ["发布机构：石桥县财政局", "发布日期：2024-04-12", "来源：石桥县财政局"]


def test_publisher_is_not_the_reporting_unit():
    rep = _report("portal_shiqiao_2023.html")      # the page never names the unit; 发布机构 is the 财政局
    assert rep.meta.publisher == "石桥县财政局"
    assert rep.meta.department != "石桥县财政局"
    assert rep.meta.to_dict()["publisher"] == "石桥县财政局"
    # a 信息公开 field is not report text: no chunk, so no duplicate or timeline finding on it
    assert not [c for c in rep.chunks if c.text.startswith(("发布机构", "发布日期"))]


def test_docshare_banner_page_counters_bullet_and_annex_prefix(clean):
    crep, cfind = clean
    rep = _report("docshare_shiqiao_2023.txt")
    assert rep.meta.title == TITLE.replace("石桥县", "**县")     # not the banner "….docx"
    assert rep.meta.department == "**县水利局"                  # no "•", no 填表人 field
    assert _sections(rep)[:-1] == _sections(crep)[:-1]
    assert _sections(rep)[-1].startswith("附件2：")
    assert len(rep.indicators) == len(crep.indicators)
    # the page counters and banners between pages did not split or end the report
    assert rep.meta.truncated is False
    assert [f.rule for f in _findings(rep)] == [f.rule for f in cfind]


def test_docshare_pdf_text_layer():
    rep = _report("docshare_text_shiqiao_2023.pdf")
    assert rep.document.reader == "pdf"
    assert rep.meta.title == TITLE.replace("石桥县", "**县") and rep.meta.department == "**县水利局"
    assert not _findings(rep, ["NC180"]) and rep.meta.truncated is False


def test_name_masks_are_redaction_not_placeholders():
    rep = _report("docshare_shiqiao_2023.txt")
    assert not _findings(rep, ["NC180", "NC181"])
    # a placeholder with a comparator or a unit still is one, masks around it or not
    text = ("**县水利局2023年度部门整体支出绩效自评报告\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 治理面积 | ≥**平方米 | 1200平方米 | 10 | 10 |\n"
            "经****财政局审核，填表人：张**，全年完成**万元。\n")
    from narrcheck.understand.report import understand

    found = _findings(understand(parse_text(text)), ["NC180"])
    assert sorted(f.text for f in found) == ["**万元", "≥**平方米"]


def test_chrome_lines_and_report_lines():
    for line in ["您现在的位置：首页 > 信息公开 > 财政预决算", "当前位置: 首页>>政务公开>>部门预决算", "首页 > 政务公开 > 绩效评价",
                 "首页 | 走进石桥 | 政务公开 | 政务服务 | 互动交流", "【打印本页】 【关闭窗口】", "分享到：", "【字体：大 中 小】",
                 "上一篇：石桥县教育局2023年度部门整体支出绩效自评报告", "版权所有：石桥县人民政府 网站标识码：4211250001",
                 "第3页/共12页", "第 3 页 共 12 页", "- 3 -", "3/12", "石桥县水利局2023年度部门整体支出绩效自评报告.docx",
                 "文档格式：docx　页数：4　上传时间：2024-05-06", "原创力文档", "内容提示：石桥县水利局2023年度部门整体…",
                 "【大】【中】【小】", "［打印本页］［关闭窗口］", "下载积分：800", "位置：首页>政务公开>部门预决算"]:
        assert chrome_kind(line), line
    for line in ["一、部门基本情况", "全年开展水利工程巡查52次，其中汛期巡查30次。", "首页改版后，网站访问量提高了20%。",
                 "3.下载并打印各类宣传资料1200份", "（三）建设数字档案文库", "石桥县水利局", TITLE,
                 "填报单位：石桥县水利局　　填表人：周明远　　联系电话：0712-6523418",
                 "主办单位：石桥县水利局", "位置：石桥县城关镇东风村，占地120亩", "中小学校舍改造", "大",
                 "来源：县统计局2023年统计公报，全县常住人口29.6万人，较上年减少0.3万人，城镇化率提高1.2个百分点"]:
        assert chrome_kind(line) is None, line


def test_second_report_project_form_repost_and_preview():
    """The project report of tests/fixtures/project (tab-export form) reposted with masks and a 来源
    line, and as a document-sharing site's truncated HTML preview."""
    src = ROOT / "tests" / "fixtures" / "project" / "good" / "g1_gd_2021_jianxi.txt"
    ref = load_report(str(src))
    assert not [f for f in _findings(ref) if f.severity != "info"]
    rep = _report("repost_jianxi_2021.txt")
    assert rep.meta.department == "**市人力资源和社会保障局"       # no bullet
    assert rep.meta.publisher == "**市财政局"
    assert [(r.name, r.target, r.actual, r.score) for r in rep.indicators] == \
        [(r.name, r.target, r.actual, r.score) for r in ref.indicators]
    assert [f.rule for f in _findings(rep)] == [f.rule for f in _findings(ref)]   # the masks are no NC180
    pre = _report("docshare_preview_jianxi_2021.html")
    assert pre.meta.title == ref.meta.title                          # not the "….docx" banner
    assert pre.meta.truncated and "展开全文" in pre.meta.truncated_note
    # neither the banners (a false NC150 "repeated 3 times"), nor the missing sections (NC187, NC253),
    # nor the "also read" list of other reports' titles (NC205)
    assert not [f for f in _findings(pre) if f.rule in ("NC150", "NC187", "NC253", "NC205")]


# --------------------------------------------------------------------------- truncation

@pytest.mark.parametrize("name,why", [("trunc_marker_shiqiao_2023.txt", "展开全文"),
                                      ("trunc_midsentence_shiqiao_2023.txt", "中断"),
                                      ("trunc_inform_shiqiao_2023.txt", "表格中途中断"),
                                      ("trunc_tabform_jianxi_2021.txt", "满意度指标")])
def test_truncated_copy_is_said_in_meta_and_sections_are_not_missing(name, why):
    rep = _report(name)
    assert rep.meta.truncated is True
    assert why in rep.meta.truncated_note or why in rep.document.truncated
    d = rep.meta.to_dict()
    assert d["truncated"] is True and d["truncated_note"] == rep.meta.truncated_note
    assert not _findings(rep, ["NC185", "NC187", "NC253"])


def test_a_complete_report_is_not_truncated(clean):
    crep, _ = clean
    assert crep.meta.truncated is False and "truncated" not in crep.meta.to_dict()
    # the same report ending on a sign-off line, a date or a heading-like line is complete
    base = CLEAN.read_text(encoding="utf-8")
    narrative = base.split("\n附件：")[0]
    for tail in ["石桥县水利局", "2024年3月20日", "二是每月通报项目支出进度，对进度低于序时进度10个百分点的项目约谈负责人。"]:
        rep = load_report_text(narrative + "\n" + tail + "\n")
        assert rep.meta.truncated is False, tail


def test_truncation_without_marker_keeps_other_forms_checked():
    """A copy cut in its last paragraph, after a complete form: the form is still checked (NC185)."""
    text = ("石桥县水利局2023年度部门整体支出绩效自评报告\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 巡查次数 | ≥48次 | 52次 | 30 | 30 |\n"
            "| 产出指标 | 质量指标 | 验收合格率 | ≥95% | 100% | 30 | 30 |\n"
            "| 产出指标 | 时效指标 | 完工时间 | 2023年11月底前 | 2023年11月20日 | 40 | 40 |\n"
            "一、部门基本情况\n石桥县水利局内设办公室、规划建设股、水资源管理股、农村水利股、水土保持股5个股室。\n"
            "截至2023年底，核定编制42名，实有在职人员39人，退休人员17人，内设机构与上年相同。\n"
            "全年收入合计1,286.40万元，其中财政拨款收入1,236.40万元，其他收入50.00万元。\n"
            "全年开展水利工程巡查52次，发现并整改隐患31处，完成6座小型水库除险加固，完成\n")
    rep = load_report_text(text)
    assert rep.meta.truncated is True
    assert [f.rule for f in _findings(rep, ["NC185"])] == ["NC185"]


def test_truncation_by_ellipsis_and_what_the_user_sees():
    base = CLEAN.read_text(encoding="utf-8").split("\n四、自评结论")[0]
    rep = load_report_text(base + "\n四、自评结论\n经自评，2023年度部门整体支出绩效自评得分98分……\n")
    assert rep.meta.truncated and "省略号" in rep.meta.truncated_note
    from typer.testing import CliRunner

    from narrcheck.cli import app

    out = CliRunner().invoke(app, ["show", str(WEB / "trunc_midsentence_shiqiao_2023.txt")]).output
    assert "文本不完整" in out and "低于目标" in out
    out = CliRunner().invoke(app, ["show", str(WEB / "portal_shiqiao_2023.txt")]).output
    assert "发布机构：石桥县财政局" in out and "文本不完整" not in out
    out = CliRunner().invoke(app, ["check", str(WEB / "trunc_marker_shiqiao_2023.txt")]).output
    assert "文本不完整" in out and "展开全文" in out
    import json

    res = CliRunner().invoke(app, ["check", str(WEB / "trunc_marker_shiqiao_2023.txt"), "--format", "json"])
    meta = json.loads(res.stdout)["reports"][0]["meta"]
    assert meta["truncated"] is True and "展开全文" in meta["truncated_note"]
    assert {"title", "department", "year"} <= set(meta)         # the contract's fields stay


def test_runon_without_white_space_and_without_final_stops():
    """A text layer that lost its breaks and its 。: the list does not take the next section's
    figure, and a last paragraph without 。 in a text where no paragraph has one is no sign of a cut."""
    text = ("石桥县水利局2023年度部门整体支出绩效自评报告\n"
            "一、部门基本情况石桥县水利局是县政府工作部门，负责全县水利工程建设与运行管理二、部门整体支出情况"
            "全年支出合计1,251.75万元，其中基本支出836.15万元，项目支出415.60万元三、绩效目标完成情况（一）产出指标完成情况"
            "小型水库除险加固投入128.00万元，完成6座水库加固，巡查52次（二）效益指标完成情况农田有效灌溉面积3.26万亩\n")
    rep = load_report_text(text)
    assert not _findings(rep, ["NC350"])
    assert rep.meta.truncated is False
    # the same sum with a real third part in the same section still is checked
    bad = text.replace("项目支出415.60万元三、", "项目支出415.60万元，其他支出128.00万元三、")
    assert [f.rule for f in _findings(load_report_text(bad), ["NC350"])] == ["NC350"]


def load_report_text(text):
    from narrcheck.understand.report import understand

    return understand(parse_text(text))


# --------------------------------------------------------------------------- run-on text

def test_runon_text_keeps_sections_and_sums_apart(clean):
    crep, cfind = clean
    rep = _report("runon_shiqiao_2023.txt")
    assert _sections(rep) == _sections(crep)
    # "全年支出合计1,251.75万元，其中基本支出…，项目支出415.60万元 三、… 投入…128.00万元": the next
    # section's 128.00万元 is not a third part of the sum
    assert not _findings(rep, ["NC350"])
    assert [f.rule for f in _findings(rep)] == [f.rule for f in cfind]


def test_split_runon_only_at_headings_after_white_space():
    text = ("一、部门基本情况 本局内设5个股室，核定编制42名，做好一、二季度防汛准备 二、部门整体支出情况 "
            "全年支出合计1,251.75万元，其中基本支出836.15万元，项目支出415.60万元 三、绩效目标完成情况 （一）产出指标 "
            "完成6座水库加固，开展巡查52次，发现隐患31处，全部整改到位，整改率100%")
    assert split_runon(text) == [
        "一、部门基本情况", "本局内设5个股室，核定编制42名，做好一、二季度防汛准备", "二、部门整体支出情况",
        "全年支出合计1,251.75万元，其中基本支出836.15万元，项目支出415.60万元", "三、绩效目标完成情况", "（一）产出指标",
        "完成6座水库加固，开展巡查52次，发现隐患31处，全部整改到位，整改率100%"]
    # one embedded heading, or a short paragraph: left alone
    one = "全年支出合计1,251.75万元，其中基本支出836.15万元，项目支出415.60万元 二、部门整体支出情况 " + "完成巡查52次，" * 20
    assert split_runon(one) == [one]
    assert split_runon("一、部门基本情况 二、收支情况 三、绩效") == ["一、部门基本情况 二、收支情况 三、绩效"]


def test_running_title_on_every_page_is_kept_once():
    page = "一、部门基本情况\n本局内设5个股室，核定编制42名，实有在职人员39人。\n第{k}页\n"
    text = "".join(TITLE + "\n" + page.format(k=k) for k in range(1, 4))
    doc = parse_text(text)
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras.count(TITLE) == 1 and paras[0] == TITLE and not any(p.startswith("第") for p in paras)
    # a form title printed over each of three project forms is not a running title
    forms = "".join("2023年度项目支出绩效自评表\n| 项目名称 | 项目" + str(k) + " |\n\n" for k in range(3))
    doc = parse_text(forms)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)].count("2023年度项目支出绩效自评表") == 3


def test_clean_blocks_leaves_tables_and_report_paragraphs_alone():
    doc = parse_text((CLEAN).read_text(encoding="utf-8"))
    again = clean_blocks(doc.blocks)
    assert [getattr(b, "text", None) for b in again.blocks] == [getattr(b, "text", None) for b in doc.blocks]
    assert not again.notes and not again.truncated
