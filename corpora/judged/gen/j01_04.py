from lib import *
from forms import *


def J01():
    """四川省宜宾市珙县农业农村局 2020 部门整体 — tab"""
    K = Key('J01')
    unit = '珙县农业农村局'; Y = 2020
    # staff
    bz_x, bz_s = 20, 25; sy_x, sy_s = 19, 23
    bz, sy = bz_x + bz_s, sy_x + sy_s
    # income / spending (万元)
    inc_fis, inc_oth = 2856.40, 43.60; inc = r2(inc_fis + inc_oth)
    inc_prev = 2650.30
    ry, gy = 1021.72, 176.63; jb = r2(ry + gy); xm = 1630.27; zc = r2(jb + xm)
    zc_prev = 2587.14
    assert jb == 1198.35 and zc == 2828.62
    sg_jd, sg_cl = 4.12, 8.24; sg = r2(sg_jd + sg_cl); sg_prev = 14.18
    full = inc; rate = pct(zc, full)
    rows = [
        ind('产出指标', '数量指标', '新建高标准农田面积', '≥1.2万亩', '1.26万亩', 10),
        ind('产出指标', '数量指标', '培训高素质农民', '≥300人次', '412人次', 5, s=4.5, cut=True,
            dev='年初目标按上年任务数设定偏低，按偏差比例扣0.5分，下年按省级下达任务数设定'),
        ind('产出指标', '质量指标', '农作物病虫害统防统治覆盖率', '≥45%', '≥45%', 10, s=10, bad=True),
        ind('产出指标', '质量指标', '病死畜禽无害化处理率', '≥95%', '96.3%', 5),
        ind('产出指标', '时效指标', '动物防疫强制免疫', '按时完成年度动物防疫强制免疫工作', '按时完成了年度动物防疫强制免疫工作', 10, s=10, q=True, bad=True),
        ind('产出指标', '成本指标', '农业项目前期工作经费', '≤万元', '38.60万元', 10, s=10, bad=True),
        ind('效益指标', '经济效益指标', '农村居民人均可支配收入增长率', '≥7%', '8.4%', 10),
        ind('效益指标', '社会效益指标', '主要农作物耕种收综合机械化率', '≥62%', '63.5%', 10),
        ind('效益指标', '生态效益指标', '化肥使用量', '较上年零增长', '达成年度指标（化肥使用量较上年下降2.1%）', 10, s=10, q=True),
        ind('满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '88%', 10, s=10, bad=True),
    ]
    fill_scores(rows)
    fr, rate, es = funds_rows((2760.00, full, zc), [('其中：财政拨款', 2720.00, inc_fis, 2785.02), ('其他资金', 40.00, inc_oth, 43.60)], 10)
    tot = totals(rows, es, {'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10})
    assert tot == 99.25
    # defects in the table
    K.d('copied', ['copied'], 'warning', '≥45%', anchors=['农作物病虫害统防统治覆盖率'], indicator='农作物病虫害统防统治覆盖率',
        figures={'target': '≥45%', 'actual': '≥45%'}, where='附件 部门整体支出绩效自评表 质量指标', note='bound given as actual')
    K.d('copied', ['copied'], 'warning', '按时完成了年度动物防疫强制免疫工作', indicator='动物防疫强制免疫',
        figures={'target': '按时完成年度动物防疫强制免疫工作'}, where='自评表 时效指标', note='target + 了; also compliance/no date (vague acceptable)')
    K.d('template', ['template'], 'warning', '≤万元', anchors=['农业项目前期工作经费'], indicator='农业项目前期工作经费',
        figures={'target': '≤万元'}, where='自评表 成本指标', note='no number in target')
    K.d('score_weight', ['scoring'], 'error', '88%', anchors=['服务对象满意度'], indicator='服务对象满意度',
        figures={'target': '≥90%', 'actual': '88%', 'w': 10, 's': 10, 'expected_s': 9.78},
        where='自评表 满意度指标', note='full marks although actual below target; no deviation reason')
    K.c('overachieve_cut', '412人次', '10号: B≥1.2A, score cut 0.5 with reason given — legitimate s<w',
        anchors=['培训高素质农民'], indicator='培训高素质农民', false_alarm_categories=['scoring', 'vague'])
    K.c('measured_actual', '96.3%', 'measured actual resembling target ≥95% — not copied', anchors=['病死畜禽无害化处理率'],
        indicator='病死畜禽无害化处理率', false_alarm_categories=['copied', 'scoring'])
    K.c('qual_tier', '达成年度指标（化肥使用量较上年下降2.1%）', '定性 row, tier 1 with measured figure, full marks in band',
        indicator='化肥使用量', false_alarm_categories=['scoring', 'template', 'vague', 'copied'])
    K.c('exec_rate', rate, f'{m(zc)}/{m(full)} = {rate}; score {fmt_s(es)}', anchors=[rate], false_alarm_categories=['arithmetic', 'mismatch'])
    tot_s = fmt_s(tot)
    grid = form_grid('dept', {'unit': unit}, fr, 10,
        '保障全县农业农村系统正常运转；新建高标准农田1.2万亩；培训高素质农民300人次以上；做好重大动物疫病防控和农作物病虫害防治；推进化肥农药减量增效。',
        '全年新建高标准农田1.26万亩，培训高素质农民412人次，病死畜禽无害化处理率96.3%，化肥使用量较上年下降2.1%。',
        rows, {'产出指标': '产出指标\n（50分）', '效益指标': '效益指标\n（30分）', '满意度指标': '满意度指标\n（10分）'}, tot_s)
    K.c('total', tot_s, 'table total = Σ rows (89.5) + 执行率得分 9.75 = 99.25', anchors=['99.25'], false_alarm_categories=['scoring', 'arithmetic'])

    P = []
    P.append(f'{Y}年度{unit}部门整体支出绩效自评报告')
    P.append('一、部门基本情况')
    P.append('（一）主要职能')
    duty = '贯彻执行党中央、国务院和省委、省政府关于“三农”工作的方针政策和决策部署，统筹研究和组织实施全县“三农”工作发展战略、中长期规划和重大政策；负责种植业、畜牧业、渔业、农垦、农业机械化等农业各产业的监督管理；负责农田建设、农产品质量安全监管和重大动物疫病防控工作。'
    P.append(duty)
    K.c('statutory_duty', '统筹研究和组织实施全县“三农”工作发展战略', 'statutory duty text (三定方案) — not a performance claim', false_alarm_categories=['vague', 'unsupported'])
    P.append('（二）机构设置及人员情况')
    P.append(f'我局内设股室7个，分别为办公室、计划财务股、农村经营管理股、种植业管理股、畜牧兽医股、农田建设股、乡村发展股；下属事业单位3个，分别为县农业技术推广中心、县动物疫病预防控制中心、县农机化服务站。')
    K.c('fenbie', '我局内设股室7个，分别为办公室、计划财务股、农村经营管理股、种植业管理股、畜牧兽医股、农田建设股、乡村发展股', '7 named = 7; 3 named = 3', anchors=['内设股室7个'], false_alarm_categories=['arithmetic', 'mismatch'])
    P.append(f'{Y}年末核定编制{bz}名，其中行政编制{bz_x}名、事业编制{bz_s}名；实有人员{sy}人，其中行政人员{sy_x}人、事业人员{sy_s}人，人员控制率{pct(sy, bz)}。')
    K.c('staff', f'实有人员{sy}人', f'{sy_x}+{sy_s}={sy} ≤ 编制 {bz}; 控制率 {pct(sy, bz)}', anchors=[f'实有人员{sy}人', pct(sy, bz)], false_alarm_categories=['arithmetic', 'mismatch'])
    P.append('二、部门收支情况')
    P.append(f'（一）收入情况。{Y}年度收入合计{m(inc)}万元，其中财政拨款收入{m(inc_fis)}万元、其他收入{m(inc_oth)}万元。收入较上年增加{m(inc - inc_prev)}万元，增长{K.d("prev_year", ["arithmetic"], "error", "8.61%", anchors=["增长8.61%"], figures={"inc": inc, "inc_prev": inc_prev, "delta": r2(inc - inc_prev), "correct": pct(inc - inc_prev, inc_prev), "shown": "8.61%"}, where="二、部门收支情况（一）", note="growth = 249.70/2650.30 = 9.42%")}，主要是高标准农田建设资金增加。')
    P.append(f'（二）支出情况。{Y}年度支出合计{m(zc)}万元，较上年增加{m(zc - zc_prev)}万元，增长{pct(zc - zc_prev, zc_prev)}。其中基本支出{m(jb)}万元（人员经费{m(ry)}万元、公用经费{m(gy)}万元），项目支出{m(xm)}万元，项目支出占总支出的{pct(xm, zc)}。')
    K.c('prev_year', f'较上年增加{m(zc - zc_prev)}万元，增长{pct(zc - zc_prev, zc_prev)}', f'{m(zc)}-{m(zc_prev)}={m(zc - zc_prev)}; /{m(zc_prev)} = {pct(zc - zc_prev, zc_prev)}', false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('parts_total', f'基本支出{m(jb)}万元（人员经费{m(ry)}万元、公用经费{m(gy)}万元）', f'{ry}+{gy}={jb}; {jb}+{xm}={zc}', anchors=[m(jb)], false_alarm_categories=['arithmetic'])
    wrong_sg = r2(sg + 0.40)
    P.append(f'（三）“三公”经费。{Y}年{K.d("parts_total", ["arithmetic"], "error", f"“三公”经费支出{m(wrong_sg)}万元", anchors=[m(wrong_sg)], figures={"total": wrong_sg, "parts": [sg_jd, sg_cl], "sum": sg}, where="二（三）三公经费", note="parts sum to 12.36")}，其中公务接待费{m(sg_jd)}万元、公务用车运行维护费{m(sg_cl)}万元，无因公出国（境）费和公务用车购置费。较上年减少{m(sg_prev - wrong_sg)}万元。')
    P.append('三、部门整体支出绩效情况')
    P.append(f'（一）产出完成情况。全年新建高标准农田1.26万亩，完成年度任务的105%；培训高素质农民412人次；病死畜禽无害化处理率96.3%；春秋两季重大动物疫病集中免疫密度均达到100%。')
    K.c('pct_of_target', '完成年度任务的105%', '1.26/1.2 = 105% — completion ratio, not a rate >100 error', false_alarm_categories=['arithmetic'])
    P.append(f'（二）效益实现情况。农村居民人均可支配收入增长8.4%，主要农作物耕种收综合机械化率达到63.5%。{K.d("vague", ["vague", "unsupported"], "warning", "有力推动了全县农业农村工作高质量发展，乡村振兴取得明显成效", where="三（二）效益实现情况")}。')
    P.append(f'（三）预算执行情况。全年预算数{m(full)}万元，执行数{m(zc)}万元，预算执行率{rate}。')
    P.append('四、自评结论')
    wrong_tot = '96.50'
    P.append(f'按照部门整体支出绩效评价指标体系，我局{Y}年度部门整体支出绩效{K.d("score_total", ["mismatch", "scoring"], "error", f"自评得分{wrong_tot}分", anchors=[wrong_tot], figures={"narrative": 96.5, "table": tot}, where="四、自评结论", note="table 总分 99.25")}，评价等级为“优”。')
    P.append('五、存在的问题及原因分析')
    prob = '一是部分项目前期工作不够充分，项目实施进度与资金拨付进度不完全匹配；二是绩效目标设置不够细化，个别指标量化程度不高。'
    P.append(prob)
    P.append('六、下一步改进措施')
    P.append('一是提前谋划储备项目，年初即完成高标准农田项目初步设计批复；二是对照省级共性指标库细化绩效指标，成本指标一律填写具体金额。')
    P.append('七、其他需要说明的情况')
    P.append('本报告所列绩效自评结果将在县政府门户网站公开。')
    P.append(f'附件：{Y}年度部门整体支出绩效自评表')
    doc = [('p', '\n\n'.join(P)), ('p', f'{Y}年度部门整体支出绩效自评表'), ('t', grid),
           ('p', '填表人：王某某    联系电话：0831-4xxxxxx    填报日期：2021年4月16日')]
    K.b('prev_year', f'较上年减少{m(sg_prev - wrong_sg)}万元', 'derived from the wrong 12.76 total (14.18-12.76=1.42); with parts 12.36 it would be 1.82 — knock-on of D(parts_total), do not count separately',
        cats=['arithmetic'])
    return dict(rid='J01', shape='tab', kind='dept', province='四川省宜宾市珙县', unit=unit, year=Y, doc=doc, key=K)


from std import std_dept, std_proj


def rowd(K, kind, cats, sev, name, text, **kw):
    return K.d(kind, cats, sev, text, anchors=[name], indicator=name, where=kw.pop('where', '部门整体支出绩效自评表'), **kw)


def rowc(K, kind, name, text, why, cats):
    return K.c(kind, text, why, anchors=[name], indicator=name, false_alarm_categories=cats, where='自评表')


def assemble(P, form_title, grid, footer):
    return [('p', x) for x in P] + [('p', form_title), ('t', grid), ('p', footer)]


def J02():
    """湖北省荆门市东宝区人力资源和社会保障局 2019 — tab"""
    K = Key('J02'); Y = 2019; unit = '荆门市东宝区人力资源和社会保障局'
    rows = [
        ind('产出指标', '数量指标', '城镇新增就业人数', '≥4500人', '4862人', 10),
        ind('产出指标', '数量指标', '职业技能培训', '≥2000人次', '2136人次', 10),
        ind('产出指标', '质量指标', '社保待遇按时足额发放率', '=100%', '100%', 10),
        ind('产出指标', '质量指标', '劳动人事争议仲裁结案率', '≥90%', '≥90%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '城乡居民养老保险年度缴费归集', '2019年12月31日前完成', '2020年1月15日完成', 10, s=10, q=True, bad=True),
        ind('效益指标', '社会效益指标', '城镇登记失业率', '≤4.5%', '2.86%', 10),
        ind('效益指标', '社会效益指标', '劳动保障监察举报投诉案件结案率', '≥95%', '93.2%', 10, s=9.81, bad=True),
        ind('效益指标', '可持续影响指标', '就业公共服务能力', '进一步提升', '进一步提升', 10, s=10, q=True, bad=True),
        ind('满意度指标', '服务对象满意度指标', '参保群众满意度', '≥90%', '92.4%', 10),
    ]
    S = dict(year=Y, unit=unit,
             duty='贯彻执行国家、省、市人力资源和社会保障法律法规和政策；拟订全区人力资源和社会保障事业发展规划并组织实施；负责促进就业工作，统筹建立覆盖城乡的社会保障体系；负责劳动人事争议调解仲裁和劳动保障监察工作，协调劳动者权益保护工作。',
             duty_ctl='统筹建立覆盖城乡的社会保障体系',
             org=(8, ['办公室', '就业促进和职业能力建设股', '养老保险股', '工伤保险股', '劳动关系股', '人事股', '政策法规股'], '股室'),
             org_extra='下设区就业服务局、区社会保险服务中心、区劳动人事争议仲裁院3个二级单位。',
             staff=(18, 42, 17, 38),
             income=(3120.55, 12.80, 2875.46), inc_reason='增加的主要原因是就业补助资金增加。',
             spend=(1876.20, 312.45, 902.38, 2950.11),
             sg=(3.26, 6.10, 10.05),
             init=2980.00, init_oth=10.00,
             rows=rows, decl={'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10},
             goal_t='实现城镇新增就业4500人以上；开展职业技能培训2000人次以上；城镇登记失业率控制在4.5%以内；社保待遇按时足额发放。',
             goal_a='全年城镇新增就业4862人，开展职业技能培训2136人次，城镇登记失业率2.86%，各项社保待遇按月足额发放。',
             results=['（一）产出情况。全年城镇新增就业4862人，完成目标任务的108.0%；开展各类职业技能培训2136人次；发放创业担保贷款1860万元，扶持创业186人。',
                      '（二）效益情况。城镇登记失业率2.86%，低于4.5%的控制目标；劳动保障监察举报投诉案件结案率93.2%。各项工作取得显著成效，群众满意度高。预计全年可带动返乡创业人员约600人。'],
             problems='一是部分项目绩效目标设置不够科学，指标细化量化程度不高；二是基层人社服务平台人员力量薄弱，业务经办效率有待提高。',
             bad={'fenbie': 1, 'prev_inc': '8.24%', 'xm_unit': '元'})
    S['measures'] = S['problems'] + '下一步，我局将加强预算绩效管理，提高资金使用效益。'
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'copied', ['copied'], 'warning', '劳动人事争议仲裁结案率', '≥90%', figures={'target': '≥90%', 'actual': '≥90%'})
    rowd(K, 'year', ['timeline'], 'warning', '城乡居民养老保险年度缴费归集', '2020年1月15日完成', figures={'target': '2019年12月31日前完成', 'actual': '2020年1月15日', 's': 10, 'w': 10}, note='actual date after period and after target date, still full marks (also scoring)')
    rowd(K, 'score_weight', ['scoring'], 'warning', '劳动保障监察举报投诉案件结案率', '9.81', figures={'target': '≥95%', 'actual': '93.2%', 'w': 10, 's': 9.81, 'deviation': ''}, note='DEV-MISSING: points lost, deviation cell empty (score itself = 10×93.2/95 correct)')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '就业公共服务能力', '进一步提升', figures={'target': '进一步提升', 'actual': '进一步提升'}, note='vague target and actual copied')
    K.d('vague', ['vague', 'unsupported'], 'warning', '各项工作取得显著成效，群众满意度高', where='三（二）效益情况')
    K.d('unsupported', ['unsupported'], 'warning', '预计全年可带动返乡创业人员约600人', where='三（二）效益情况', note='estimate/future tense in year-end report')
    K.d('duplicate', ['duplicate'], 'warning', S['problems'], anchors=['基层人社服务平台人员力量薄弱'], where='六、下一步改进措施', note='问题 paragraph pasted as 改进措施')
    K.d('template', ['template'], 'warning', '填报日期：    年  月  日', anchors=['年  月  日'], where='自评表 footer', note='unfilled date')
    rowc(K, 'measured_actual', '城镇登记失业率', '2.86%', '反向 ≤4.5%, actual 2.86% → full marks; a real measurement', ['scoring', 'copied'])
    rowc(K, 'measured_actual', '参保群众满意度', '92.4%', 'measured actual ≥ target', ['copied', 'scoring'])
    K.c('pct_of_target', '完成目标任务的108.0%', '4862/4500 = 108.0% completion, not a rate error', false_alarm_categories=['arithmetic'])
    K.b('copied', '100%', '=100% target with 100% actual on 社保待遇按时足额发放率: plausible genuine measurement; a copied-actual flag is arguable', anchors=['社保待遇按时足额发放率'], indicator='社保待遇按时足额发放率', cats=['copied'])
    doc = assemble(P, f'{Y}年度部门整体支出绩效自评表', grid, '填表人：李某   联系电话：0724-2xxxxxx   填报日期：    年  月  日')
    return dict(rid='J02', shape='tab', kind='dept', province='湖北省荆门市东宝区', unit=unit, year=Y, doc=doc, key=K)


def J03():
    """云南省普洱市景东彝族自治县林业和草原局 2025 — web copy"""
    K = Key('J03'); Y = 2025; unit = '景东彝族自治县林业和草原局'
    rows = [
        ind('产出指标', '数量指标', '完成营造林面积', '≥1.5万亩', '1.62万亩', 10),
        ind('产出指标', '数量指标', '生态护林员选聘', '≥1260人', '1260人', 10),
        ind('产出指标', '质量指标', '造林成活率', '≥85%', '88.7%', 10),
        ind('产出指标', '质量指标', '森林火灾受害率', '≤0.9‰', '0.12‰', 10, s=11, bad=True),
        ind('产出指标', '时效指标', '护林员补助发放', '按季度发放', '按季度发放了', 10, s=10, q=True, bad=True),
        ind('效益指标', '生态效益指标', '森林覆盖率', '≥80.5%', '80.9%', 15),
        ind('效益指标', '社会效益指标', '带动脱贫人口增收', '≥XX人', '1260人', 15, s=15, bad=True),
        ind('满意度指标', '服务对象满意度指标', '护林员满意度', '≥90%', '89.6%', 10, s=9.96, dev='2个乡镇补助发放晚于季末10天，已调整为季末前发放'),
    ]
    S = dict(year=Y, unit=unit,
             duty='负责全县林业和草原及其生态保护修复的监督管理；组织全县林业和草原生态保护修复和造林绿化工作；负责森林、草原、湿地资源的监督管理；负责落实综合防灾减灾规划相关要求，组织编制森林和草原火灾防治规划并指导实施。',
             duty_ctl='负责全县林业和草原及其生态保护修复的监督管理',
             org=(6, ['办公室', '生态保护修复股', '资源管理股', '森林草原防火股', '林业改革发展股', '计划财务股'], '股室'),
             staff=(15, 21, 14, 20),
             no_total_ctl='总分 100.48 exceeds 100: Σ rows is right but includes the capped row (11 of 10) — a finding here is a knock-on of the SCORE-CAP defect, counts for it',
             after_staff='全局固定资产原值2863.41万元，其中车辆4台（森林防火专用车辆3台），全部在用；管理国有林场2个，经营面积12.6万亩。',
             income=(4512.36, 86.50, 4208.90), spend=(1644.18, 268.02, 2466.21, 4102.77),
             init=4380.00, init_oth=80.00,
             rows=rows, decl={'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10},
             goal_t='完成营造林1.5万亩；选聘生态护林员1260人；森林火灾受害率控制在0.9‰以内；森林覆盖率稳定在80.5%以上。',
             goal_a='完成营造林1.62万亩，选聘生态护林员1260人，森林火灾受害率0.12‰，森林覆盖率达80.9%。',
             results=['（一）产出情况。全年完成营造林1.62万亩，其中人工造林0.48万亩、封山育林1.14万亩；选聘生态护林员1260人；造林成活率88.7%。',
                      '（二）效益情况。2025年全县开展森林草原防火宣传进村入户126场次，组织扑火应急演练8次，查处野外违规用火行为37起。森林覆盖率由上年的80.6%提高到80.9%；全年未发生重大森林火灾，森林火灾受害率0.12‰。全部指标均已完成，生态保护工作全面提升。'],
             problems='一是林业项目点多面广，部分造林地块立地条件差，补植补造任务重；二是项目资金下达较晚，全年执行进度前低后高。',
             measures='一是对成活率低于85%的地块于次年雨季前完成补植；二是建立资金支出月通报制度，每月5日前通报各项目执行进度。',
             tail=['七、绩效自评结果应用', '自评结果已报县财政局备案，并作为2027年部门预算安排的参考依据；对执行进度滞后的天然林保护项目，已在2026年预算中压减结转资金规模。',
                   '八、其他需要说明的情况', '本部门2025年度无政府性基金预算和国有资本经营预算支出。佐证材料：营造林核查验收报告、护林员选聘花名册及补助发放凭证、森林资源年度监测数据。'],
             bad={'staff': 39, 'xm_unit': '元', 'rate_text': '96.2%'})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'score_weight', ['scoring'], 'error', '森林火灾受害率', '11', figures={'w': 10, 's': 11}, note='SCORE-CAP: score above weight')
    rowd(K, 'copied', ['copied'], 'warning', '护林员补助发放', '按季度发放了', figures={'target': '按季度发放'}, note='target + 了')
    rowd(K, 'template', ['template'], 'warning', '带动脱贫人口增收', '≥XX人', figures={'target': '≥XX人'}, note='placeholder in target')
    K.d('contradiction', ['mismatch'], 'warning', '全部指标均已完成', where='三（二）效益情况', figures={'row': '护林员满意度 89.6% < 90%, s 9.96 < 10'}, note='CLAIM-SCORE')
    K.d('vague', ['vague'], 'info', '生态保护工作全面提升', where='三（二）效益情况')
    rowc(K, 'measured_actual', '生态护林员选聘', '1260人', 'actual equals a headcount target but is the real count of contracted rangers (选聘 quota met exactly); not copied', ['copied'])
    rowc(K, 'dev_reason', '护林员满意度', '2个乡镇补助发放晚于季末10天，已调整为季末前发放', 'specific deviation reason with number; score 10×89.6/90=9.96 correct', ['scoring', 'vague'])
    K.c('baseline', '森林覆盖率由上年的80.6%提高到80.9%', 'baseline given (由X提高到Y)', false_alarm_categories=['vague', 'unsupported'])
    K.c('parts_total', '其中人工造林0.48万亩、封山育林1.14万亩', '0.48+1.14=1.62', false_alarm_categories=['arithmetic'])
    K.b('unit', '0.12‰', 'permille unit in a 反向 row; parse may fail — an UNIT-SANITY/IND-FORM note would be debatable', anchors=['森林火灾受害率'], indicator='森林火灾受害率', cats=['template'])
    doc = assemble(P, f'{Y}年度部门整体支出绩效自评表（附件3）', grid, '注：本表得分系数按“达成年度指标”计。')
    return dict(rid='J03', shape='web', kind='dept', province='云南省普洱市景东县', unit=unit, year=Y, doc=doc, key=K,
                chrome=dict(idx='11530823MB1A2C3X4Y/2026-00117', unit=unit, date='2026-04-20', site='景东彝族自治县人民政府'))


def J04():
    """安徽省六安市霍邱县水利局 2020 — docx"""
    K = Key('J04'); Y = 2020; unit = '霍邱县水利局'
    rows = [
        ind('产出指标', '数量指标', '小型水库除险加固', '≥12座', '12座', 10),
        ind('产出指标', '数量指标', '新建农村饮水安全巩固提升工程', '≥8处', '9处', 10),
        ind('产出指标', '质量指标', '工程验收合格率', '=100%', '=100%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '汛前隐患整改完成时间', '2020年5月31日前', '2020年5月26日', 10, s=10, q=True),
        ind('产出指标', '成本指标', '除险加固单座平均投资', '≤95万元', '91.3万元', 10),
        ind('效益指标', '社会效益指标', '农村自来水普及率', '≥92%', '93.1%', 5),
        ind('效益指标', '社会效益指标', '山洪灾害预警信息发布', '有效（分有效/基本有效/无效三档）', '有效（全年发布预警短信3.2万条，无人员伤亡）', 5, s=5, q=True),
        ind('效益指标', '社会效益指标', '防汛减灾能力', '显著增强', '显著增强', 10, s=10, q=True, bad=True),
        ind('效益指标', '生态效益指标', '河湖长制巡河覆盖率', '=100%', '98.5%', 10, s=9.85, dev='城西湖2条支流汛期封闭，巡河推迟，已于10月补巡'),
        ind('满意度指标', '服务对象满意度指标', '受益群众满意度', '≥90%', '94%', 10),
    ]
    S = dict(year=Y, unit=unit,
             duty='负责保障水资源的合理开发利用；负责生活、生产经营和生态环境用水的统筹和保障；组织实施水利工程建设与运行管理；负责农村水利、水土保持和水旱灾害防御有关工作。',
             org=(7, ['办公室', '规划计划股', '水利工程建设管理股', '水资源管理股', '农村水利股', '河湖管理股', '财务审计股'], '股室'),
             staff=(16, 58, 15, 55),
             income=(9863.42, 122.00, 10520.36), spend=(1985.64, 402.17, 7512.88, 10311.20),
             sg=(2.84, 11.66, 15.90),
             init=7200.00, init_oth=100.00,
             exec_extra='其中一般公共预算支出9780.42万元，政府性基金预算支出120.27万元。',
             rows=rows, decl={'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10},
             goal_t='完成12座小型水库除险加固；新建农村饮水安全巩固提升工程8处；汛前完成隐患整改；农村自来水普及率达92%以上。',
             goal_a='完成12座小型水库除险加固，新建农村饮水安全巩固提升工程9处，5月26日前完成汛前隐患整改，农村自来水普及率93.1%。',
             results=['（一）产出情况。完成小型水库除险加固12座，总投资1095.60万元，单座平均91.3万元；新建农村饮水安全巩固提升工程9处，新增受益人口2.3万人。全年完成水土流失综合治理面积18.5平方公里，清理河湖“四乱”问题63处，完成县级河长巡河1420人次。',
                      '（二）效益情况。农村自来水普及率达93.1%，较上年提高1.6个百分点。2020年汛期我县成功抵御了淮河流域性洪水，防汛减灾工作取得明显成效。工程建设进度稳步推进，计划于2021年6月前全面完工。'],
             problems='一是部分工程前期手续办理时间长，影响开工进度；二是农村供水工程管护经费不足。',
             measures='一是提前一年开展项目前期工作，建立项目储备库；二是争取将农村供水工程维修养护经费纳入县级预算。',
             after_staff='二级机构1：',
             tail=['七、其他需要说明的情况', '一是2020年7月淮河流域性洪水期间，我局统筹调度防汛抢险经费，对城西湖、城东湖蓄洪区临时安置点进行保障，相关支出在项目支出中列支；二是部分水利工程跨年度实施，2020年度已完工工程均已完成竣工验收，未完工工程结转下年继续实施。',
                   '八、绩效自评结果应用', '自评结果将在县政府信息公开网站公开，并作为下一年度项目资金分配和预算安排的重要依据；对执行进度慢的项目，由分管负责人约谈项目负责人，限期整改。'],
             bad={'zc_parts': '9960.69', 'total_table': '97.50'})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'copied', ['copied'], 'warning', '工程验收合格率', '=100%', figures={'target': '=100%', 'actual': '=100%'}, note='comparator in actual')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '防汛减灾能力', '显著增强', figures={'target': '显著增强', 'actual': '显著增强'})
    K.d('vague', ['vague', 'unsupported'], 'warning', '防汛减灾工作取得明显成效', where='三（二）效益情况')
    K.d('template', ['template'], 'warning', '二级机构1：', where='一（二）机构设置', note='template residue with nothing filled in')
    K.d('year', ['timeline', 'unsupported'], 'warning', '计划于2021年6月前全面完工', where='三（二）效益情况', note='future tense / date after the 2020 period in a year-end report')
    K.c('parts_total', '总投资1095.60万元，单座平均91.3万元', '1095.60/12 = 91.30', false_alarm_categories=['arithmetic', 'mismatch'])
    rowc(K, 'measured_actual', '小型水库除险加固', '12座', 'count of completed reservoirs equals target 12 — a real count (named list in 验收 files)', ['copied'])
    rowc(K, 'cost_ceiling', '除险加固单座平均投资', '91.3万元', '≤ ceiling 95; matches narrative 1095.60/12', ['scoring', 'arithmetic', 'mismatch'])
    rowc(K, 'dev_reason', '河湖长制巡河覆盖率', '城西湖2条支流汛期封闭，巡河推迟，已于10月补巡', '=100% target, 98.5% → 9.85 with specific reason', ['scoring', 'vague'])
    K.c('parts_total', '其中一般公共预算支出9780.42万元，政府性基金预算支出120.27万元', '9780.42+120.27=9900.69 = 全年执行数 (the narrative 支出合计 9960.69 is the planted D)', anchors=['9780.42'], false_alarm_categories=['arithmetic'])
    rowc(K, 'qual_tier', '山洪灾害预警信息发布', '有效（全年发布预警短信3.2万条，无人员伤亡）', '定性 row with declared 有效/基本有效/无效 tiers; actual names tier 有效 with evidence; full marks in band', ['vague', 'unsupported', 'scoring', 'template', 'copied'])
    K.c('pp_change', '较上年提高1.6个百分点', '个百分点 = absolute change; not % growth', false_alarm_categories=['arithmetic'])
    K.c('date_in_year', '2020年5月26日', '时效 date inside the year and before target date', anchors=['汛前隐患整改完成时间'], indicator='汛前隐患整改完成时间', false_alarm_categories=['timeline'])
    K.b('overachieve', '9处', '9 vs ≥8 = 112.5% (<120%): no OVER-ACHIEVE reason required; an info note is tolerable', anchors=['新建农村饮水安全巩固提升工程'], indicator='新建农村饮水安全巩固提升工程', cats=['scoring'])
    K.b('text_table', '支出合计9960.69万元', 'the same planted D(parts_total); a TEXT-TABLE finding against 全年执行数 9900.69 counts as finding that defect', anchors=['9960.69'], cats=['mismatch'])
    doc = assemble(P, f'{Y}年度部门整体支出绩效自评表', grid, '单位负责人：张某某   填表人：陈某   填报日期：2021年3月30日')
    return dict(rid='J04', shape='docx', kind='dept', province='安徽省六安市霍邱县', unit=unit, year=Y, doc=doc, key=K)
