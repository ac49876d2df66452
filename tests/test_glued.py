"""Glued cells (issue 14): rows and headers written with no separator are cut
by the value grammar in the column order of the form's header."""
from narrcheck.understand import glued as G
from narrcheck.understand.regrid import regrid_lines, split_header

IND = ["level1", "level2", "name", "weight", "target", "actual", "score", "deviation"]


def _cells(s, fields):
    cands = G.row_candidates(s, fields, "indicator")
    c, p = cands[0]
    return {fields[j]: s[a:b] for j, a, b, v in p}


def test_issue_example_row_is_cut_by_value_grammar():
    got = _cells("安装水位标尺10≥266米≥266米10", IND)
    assert got == {"name": "安装水位标尺", "weight": "10", "target": "≥266米", "actual": "≥266米", "score": "10"}


def test_weight_and_score_run_together():
    fields = ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    got = _cells("质量指标养护路段优良路率≥80%86.7%1010.5", fields)
    # 10.5 above a weight of 10 is a planted defect: the split must keep it, not hide it as 101 | 0.5
    assert (got["weight"], got["score"]) == ("10", "10.5")
    got = _cells("社会效益指标巩固提升农村供水人口≥2.1万人2.0万人2019.051处工程管网延伸受征地影响推迟", fields)
    assert (got["weight"], got["score"], got["deviation"]) == ("20", "19.05", "1处工程管网延伸受征地影响推迟")


def test_bare_actual_under_a_unit_column():
    fields = ["level1", "level2", "name", "direction", "target", "unit", "actual", "weight", "score", "deviation"]
    got = _cells("产出指标数量指标培训农民人次≥500人次5521515", fields)
    assert (got["direction"], got["target"], got["unit"], got["actual"], got["weight"], got["score"]) == \
        ("≥", "500", "人次", "552", "15", "15")
    got = _cells("时效指标培训任务完成时间定性2022年10月31日前2022年10月12日55", fields)
    assert (got["name"], got["direction"], got["weight"], got["score"]) == ("培训任务完成时间", "定性", "5", "5")


def test_funds_row_checks_rate():
    fields = ["fund_label", "budget_initial", "budget_full_year", "executed", "weight", "rate", "score"]
    cands = G.row_candidates("年度资金总额450.00480.00457.921095.40%9.54", fields, "funds")
    s = "年度资金总额450.00480.00457.921095.40%9.54"
    got = {fields[j]: s[a:b] for j, a, b, v in cands[0][1]}
    assert got == {"fund_label": "年度资金总额", "budget_initial": "450.00", "budget_full_year": "480.00",
                   "executed": "457.92", "weight": "10", "rate": "95.40%", "score": "9.54"}


def test_glued_header_with_free_first_cell_and_reason_column():
    assert split_header("部门预算执行情况（万元）年初预算数全年（调整）预算数全年执行数执行率执行率权重执行率得分",
                        free_first=True)[0] == "部门预算执行情况（万元）"
    cells = split_header("预算执行情况（10分）资金来源年度预算数（万元）预算执行数（万元）预算执行率权重得分原因",
                         free_first=True)
    assert cells is not None and cells[-3:] == ("权重", "得分", "原因")
    # prose with no header words is no header
    assert split_header("经自评，农村公路养护工程2023年度绩效自评得分99.54分，评价等级为优。", free_first=True) is None


def test_two_columns_in_one_header_word():
    assert G.refine_header(["资金情况（万元）", "预算数", "执行数", "执行率得分(10分*执行率)"])[-2:] == \
        ["执行率", "得分(10分*执行率)"]
    # Chongqing's 执行率权重 / 执行率得分 are columns of their own: 执行率 is already there
    cq = ["部门预算执行情况（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"]
    assert G.refine_header(cq) == cq


FORM = """附件：
2023年度项目支出绩效自评表
一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标农村公路日常养护里程≥120公里127公里1010
危桥改造=3座3座1010
质量指标养护路段优良路率≥80%85.1%1010
效益指标社会效益指标沿线群众平均出行时间缩短≥10分钟13分钟1515
满意度指标服务对象满意度指标沿线群众满意度≥90%≥90%1010
总分5554
""".split("\n")


def _table(lines):
    regs = [r for r in regrid_lines(lines) if r.table.read_mode == "glued"]
    assert len(regs) == 1
    return regs[0].table


def test_sums_that_hold_make_the_form_surer():
    t = _table(FORM)
    rows = [[c.text for c in r] for r in t.rows[1:]]
    assert rows[0][2:] == ["农村公路日常养护里程", "≥120公里", "127公里", "10", "10", ""]
    assert rows[3][5:7] == ["15", "15"]
    # 10+10+10+15+10 = 55 and the scores 54 ≠ 55: the sums do not hold, the form stays unsure
    assert t.confidence < 0.65
    good = FORM[:-2] + ["总分5555", ""]
    assert 0.65 <= _table(good).confidence < 0.8


PROJECT = """2024年度项目支出绩效自评表
项目名称送戏下乡文化惠民工程
主管部门赣西县文化广电新闻出版旅游局实施单位赣西县文化广电新闻出版旅游局
项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分
年度资金总额320.00320.00304.641095.20%9.52
其中：财政拨款256.00256.00245.76—96.00%—
年度总体目标预期目标实际完成情况
送戏下乡演出场次≥150场；公共文化场馆免费开放天数≥300天。送戏下乡演出场次148场；公共文化场馆免费开放天数306天。
一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施
产出指标数量指标送戏下乡演出场次≥150场148场4039.5
公共文化场馆免费开放天数≥300天306天5050
总分10099.02
""".split("\n")


def test_glued_key_rows_goal_and_funds():
    regs = regrid_lines(PROJECT)
    texts = [[[c.text for c in row] for row in r.table.rows] for r in regs]
    funds = texts[0]
    assert funds[0] == ["项目名称", "送戏下乡文化惠民工程"]
    assert funds[1] == ["主管部门", "赣西县文化广电新闻出版旅游局", "实施单位", "赣西县文化广电新闻出版旅游局"]
    assert funds[3][1:] == ["320.00", "320.00", "304.64", "10", "95.20%", "9.52"]
    assert funds[4][4:] == ["—", "96.00%", "—"]
    goal = texts[1]
    assert goal[1][1:] == ["送戏下乡演出场次≥150场；公共文化场馆免费开放天数≥300天。",
                           "送戏下乡演出场次148场；公共文化场馆免费开放天数306天。"]
    # 40 + 50 + the funds block's 10 = 100; 39.5 + 50 + 9.52 = 99.02: the sums hold with the funds block
    ind = regs[2].table
    assert [c.text for c in ind.rows[1]][5:7] == ["40", "39.5"]
    assert ind.confidence >= 0.65
