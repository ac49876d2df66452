from lib import *
from forms import *
from std import std_proj
from j01_04 import rowc


def rowd(K, kind, cats, sev, name, text, **kw):
    return K.d(kind, cats, sev, text, anchors=[name], indicator=name, where=kw.pop('where', '项目支出绩效自评表'), **kw)


def asm(P, title, grid, footer):
    return [('p', x) for x in P] + [('p', title), ('t', grid), ('p', footer)]


D = {'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10}


def J09():
    """广西桂林市灵川县 农村公路养护工程 2020 — tab"""
    K = Key('J09'); Y = 2020; prj = '2020年农村公路养护工程'
    rows = [
        ind('产出指标', '数量指标', '日常养护农村公路里程', '≥1260公里', '1286公里', 15),
        ind('产出指标', '数量指标', '危桥改造', '≥6座', '5座', 10, s=8.33, dev='1座（潮田乡大塘桥）因汛期水位高停工，延至2021年1月完工'),
        ind('产出指标', '质量指标', '优良中等路率', '≥75%', '≥75%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '危桥改造完工时间', '2020年11月30日前', '2021年1月20日', 5, s=5, q=True, bad=True),
        ind('产出指标', '成本指标', '日常养护补助标准', '≤0.35万元/公里', '0.33万元/公里', 10),
        ind('效益指标', '社会效益指标', '农村群众出行条件', '明显改善', '明显改善', 15, s=15, q=True, bad=True),
        ind('效益指标', '可持续影响指标', '养护长效机制', '建立县乡村三级路长制', '已建立县乡村三级路长制，设立路长1342名', 15, s=15, q=True),
        ind('满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '92%', 10),
    ]
    S = dict(year=Y, funds=(850.00, 920.00, 874.36), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 850.00, 880.00, 834.36), ('上年结转资金', None, None, None), ('其他资金', 0.00, 40.00, 40.00)],
             head=dict(project=prj, dept='灵川县交通运输局', unit='灵川县农村公路养护中心'),
             goal_t='完成全县1260公里农村公路日常养护；改造危桥6座；优良中等路率达到75%以上。',
             goal_a='完成1286公里农村公路日常养护，改造危桥5座，优良中等路率较上年提高，群众出行条件明显改善。', intro=[])
    grid, tot, rate, es, rows = std_proj(K, S)
    wrong = '96.33'
    P = [f'灵川县{Y}年度农村公路养护工程项目支出绩效自评报告',
         '一、项目基本情况',
         '本项目由灵川县交通运输局主管、县农村公路养护中心具体实施，主要内容为全县县道、乡道、村道日常养护和危桥改造。全县纳入养护的农村公路共1286公里，其中县道212公里、乡道438公里、村道636公里。',
         '二、项目资金情况',
         f'项目全年预算数{m(920)}万元，其中当年财政拨款{m(880)}万元、其他资金{m(40)}万元；全年执行{m(874.36)}万元，预算执行率{rate}。截至12月31日，项目资金已全部拨付到位。尚有{m(45.64)}万元危桥改造工程款及质保金待2021年支付。',
         '三、绩效目标完成情况',
         '全年完成日常养护1286公里，改造危桥5座；日常养护补助按每公里0.33万元拨付至乡镇。项目实施后，农村公路通行条件明显改善，群众出行更加便捷，取得了良好的社会效益。',
         '（此处填写项目绩效目标完成情况分析，不超过500字）',
         '四、自评结论',
         f'经自评，本项目绩效自评得分{wrong}分，评价等级为“优”。',
         '五、存在问题及改进措施',
         '存在问题：养护资金标准偏低，部分村道养护频次不足。改进措施：按照“县道县管、乡道乡管、村道村管”原则，将村道养护纳入村规民约，2021年起对乡镇养护质量按季度考核排名。']
    rowd(K, 'copied', ['copied'], 'warning', '优良中等路率', '≥75%', figures={'target': '≥75%', 'actual': '≥75%'})
    rowd(K, 'year', ['timeline', 'scoring'], 'warning', '危桥改造完工时间', '2021年1月20日', figures={'target': '2020年11月30日前', 'actual': '2021年1月20日', 's': 5, 'w': 5}, note='after period and target, full marks')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '农村群众出行条件', '明显改善', figures={'target': '明显改善', 'actual': '明显改善'})
    K.d('contradiction', ['mismatch'], 'warning', '项目资金已全部拨付到位', where='二、项目资金情况', figures={'executed': 874.36, 'budget': 920.0, 'unpaid': 45.64}, note='已全部拨付 vs 45.64万元 待支付, 执行率95.04%')
    K.d('score_total', ['mismatch', 'scoring'], 'error', f'绩效自评得分{wrong}分', anchors=[f'绩效自评得分{wrong}分', wrong], figures={'narrative': wrong, 'table': fmt_s(tot)}, where='四、自评结论')
    K.d('template', ['template'], 'warning', '（此处填写项目绩效目标完成情况分析，不超过500字）', where='三、绩效目标完成情况', note='guidance text left in')
    K.d('vague', ['vague'], 'warning', '群众出行更加便捷，取得了良好的社会效益', where='三、绩效目标完成情况')
    K.c('parts_total', '其中县道212公里、乡道438公里、村道636公里', '212+438+636=1286', false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('remaining', f'尚有{m(45.64)}万元', '920.00-874.36=45.64', false_alarm_categories=['arithmetic'])
    rowc(K, 'partial_score', '危桥改造', '8.33', '5/6×10 = 8.33, specific reason given; 2021 date in a deviation reason is an explanation, not a result claim', ['scoring', 'timeline'])
    rowc(K, 'qual_tier', '养护长效机制', '已建立县乡村三级路长制，设立路长1342名', '定性 with a measure, tier 1, full marks', ['vague', 'copied', 'scoring'])
    K.b('goal_vague', '优良中等路率较上年提高', 'goal_actual says 较上年提高 with no figure — vague, but not planted', cats=['vague'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '项目负责人：蒋某   填报日期：2021年3月5日')
    return dict(rid='J09', shape='tab', kind='project', province='广西桂林市灵川县', unit='灵川县农村公路养护中心', year=Y, doc=doc, key=K)


def J10():
    """山东潍坊市寒亭区 老年助餐服务补助 2025 — web"""
    K = Key('J10'); Y = 2025; prj = '寒亭区老年助餐服务补助资金'
    rows = [
        ind('产出指标', '数量指标', '建成运营长者食堂', '≥12处', '12处', 10),
        ind('产出指标', '数量指标', '累计助餐服务人次', '≥18万人次', '19.6万人次', 10),
        ind('产出指标', '质量指标', '食品安全抽检合格率', '≥98%', '99.1%', 10),
        ind('产出指标', '时效指标', '补助资金拨付时间', '每季度结束后15日内', '每季度结束后15日内', 10, s=10, q=True, bad=True),
        ind('产出指标', '成本指标', '每餐补助标准', '≤3元/餐', '3元/餐', 10),
        ind('效益指标', '社会效益指标', '老年人就餐便利度', '显著提升', '显著提升', 15, s=15, q=True, bad=True),
        ind('效益指标', '可持续影响指标', '长者食堂持续运营率', '≥90%', '91.7%', 10),
        ind('效益指标', '可持续影响指标', '助餐服务规范化管理', '达成：12处全部执行《运营管理办法》；部分达成：9—11处；未达成：少于9处', '达到预期（12处全部执行《运营管理办法》）', 5, s=5, q=True),
        ind('满意度指标', '服务对象满意度指标', '就餐老人满意度', '≥90%', '96%', 10),
    ]
    S = dict(year=Y, funds=(360.00, 380.00, 371.52), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 360.00, 360.00, 351.52), ('上年结转资金', 0.00, 25.00, 20.00), ('其他资金', None, None, None)],
             head=dict(project=prj, dept='潍坊市寒亭区民政局', unit='潍坊市寒亭区民政局'),
             goal_t='建成运营长者食堂12处，全年提供助餐服务18万人次以上，就餐老人满意度达到90%以上。',
             goal_a='建成运营长者食堂12处，全年提供助餐服务19.6万人次，截至2026年12月底累计服务老年人4.3万人。',
             intro=[], bad={'fund_sum': ('全年预算数', '全年预算数', '385.00', '380.00')})
    grid, tot, rate, es, rows = std_proj(K, S)
    P = [f'{Y}年度{prj}项目绩效自评报告', '一、项目概况',
         '为解决老年人“吃饭难”问题，区民政局2025年在全区建成运营长者食堂12处，分别位于寒亭街道、开元街道、固堤街道、高里街道、朱里街道、双杨街道，每个街道2处。助餐服务对象分为三类，分别为特困老人、低保老人，对其按每餐3元给予补助。',
         '二、资金投入和使用情况',
         f'项目全年预算{m(380)}万元，其中区级财政资金{m(360)}万元、上年结转资金{m(20)}万元；全年支出{m(371.52)}万元，预算执行率{rate}。',
         '三、绩效目标实现情况',
         '全年累计提供助餐服务19.6万人次，日均537人次；12处长者食堂中11处全年持续运营，持续运营率91.7%；委托第三方开展食品安全抽检112批次，合格111批次，合格率99.1%。老年人就餐便利度显著提升，老年人幸福感、获得感明显增强。',
         '四、自评得分情况', f'本项目自评得分{fmt_s(tot)}分，等级为“优”。',
         '五、存在的问题和改进措施',
         '一是部分长者食堂就餐人数少，运营压力较大；二是助餐配送服务覆盖不足。下一步将推行“中心食堂+配送点”模式，2026年新增助餐配送点20个。']
    K.d('fenbie', ['arithmetic', 'mismatch'], 'warning', '助餐服务对象分为三类，分别为特困老人、低保老人', anchors=['分为三类'], figures={'stated': 3, 'listed': 2}, where='一、项目概况')
    K.c('fenbie', '建成运营长者食堂12处，分别位于寒亭街道、开元街道、固堤街道、高里街道、朱里街道、双杨街道，每个街道2处', '12 sites located in 6 streets × 2 — 分别位于 is a distribution, not a list of 12', anchors=['长者食堂12处，分别位于'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.d('parts_total', ['arithmetic', 'mismatch'], 'error', '25.00', anchors=['上年结转资金'], figures={'column': '全年预算数', 'total': 380.0, 'parts': [360.0, 25.0]}, where='自评表 资金块 上年结转资金', note='table 结转 25.00 vs total 380.00 (and narrative 20.00)')
    rowd(K, 'copied', ['copied', 'vague'], 'warning', '补助资金拨付时间', '每季度结束后15日内', figures={'target': '每季度结束后15日内', 'actual': '每季度结束后15日内'})
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '老年人就餐便利度', '显著提升', figures={'target': '显著提升', 'actual': '显著提升'})
    K.d('year', ['timeline'], 'error', '截至2026年12月底累计服务老年人4.3万人', where='自评表 年度总体目标 实际完成情况', note='2025 report citing a date after its writing')
    K.d('vague', ['vague', 'unsupported'], 'warning', '老年人幸福感、获得感明显增强', where='三、绩效目标实现情况')
    rowc(K, 'measured_actual', '长者食堂持续运营率', '91.7%', '11/12 = 91.67% → 91.7%', ['arithmetic', 'copied'])
    rowc(K, 'measured_actual', '食品安全抽检合格率', '99.1%', '111/112 = 99.11%', ['arithmetic', 'copied'])
    rowc(K, 'cost_ceiling', '每餐补助标准', '3元/餐', 'equal to the ≤3 ceiling (policy standard) — not copied', ['copied', 'scoring'])
    rowc(K, 'measured_actual', '建成运营长者食堂', '12处', 'count equals target; sites are named by street', ['copied'])
    rowc(K, 'qual_tier', '助餐服务规范化管理', '达到预期（12处全部执行《运营管理办法》）', 'legitimate 定性 answer 达到预期 against a declared 3-tier standard, with the count; full marks', ['vague', 'unsupported', 'scoring', 'template', 'copied'])
    K.c('rate_per_day', '日均537人次', '196000/365 = 537', false_alarm_categories=['arithmetic', 'unsupported'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '')
    return dict(rid='J10', shape='web', kind='project', province='山东省潍坊市寒亭区', unit='寒亭区民政局', year=Y, doc=doc, key=K,
                chrome=dict(idx='11370703004xxxxx/2026-0213', unit='寒亭区民政局', date='2026-05-09', site='潍坊市寒亭区人民政府'))


def J11():
    """浙江衢州市开化县 农村饮用水达标提标工程 2019 — docx"""
    K = Key('J11'); Y = 2019; prj = '开化县农村饮用水达标提标工程'
    rows = [
        ind('产出指标', '数量指标', '新建改造供水站', '≥35座', '38座', 10),
        ind('产出指标', '数量指标', '铺设供水管网', '≥210公里', '226.5公里', 10),
        ind('产出指标', '质量指标', '出厂水水质达标率', '≥95%', '≥95%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '工程完工时间', '2019年10月底前', '2019年10月25日', 10, s=10, q=True),
        ind('产出指标', '成本指标', '供水站单座平均造价', '≥92万元/座', '90.6万元/座', 10, s=9.85, bad=True, dev='单座造价低于概算'),
        ind('效益指标', '社会效益指标', '受益人口', '≥8.5万人', '8.72万人', 15),
        ind('效益指标', '可持续影响指标', '县级统管机制', '建立县级统管机制', '已建立县级统管机制，38座水站全部纳入统一运维', 15, s=15, q=True),
        ind('满意度指标', '服务对象满意度指标', '受益群众满意度', '≥90%', '93%', 10),
    ]
    S = dict(year=Y, funds=(3200.00, 3650.00, 3512.80), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 3000.00, 3000.00, 2862.80), ('上年结转资金', 0.00, 450.00, 450.00), ('其他资金', 200.00, 200.00, 200.00)],
             head=dict(project=prj, dept='开化县水利局', unit='开化县农村供水管理站'),
             goal_t='新建改造供水站35座以上，铺设管网210公里以上，受益人口8.5万人，农村饮用水达标人口覆盖率提高到95%以上。',
             goal_a='新建改造供水站38座，铺设管网226.5公里，受益人口8.72万人，出厂水水质全部达标。',
             intro=[], bad={'rate_table': '100%'})
    grid, tot, rate, es, rows = std_proj(K, S)
    P = [f'{prj}{Y}年度绩效自评报告', '一、项目概况',
         f'本项目涉及8个乡镇，分别为华埠镇、马金镇、村头镇、池淮镇、桐村镇、杨林镇、苏庄镇，共新建改造供水站38座、铺设供水管网226.5公里。',
         '二、资金到位及使用情况',
         f'项目全年预算{m(3650)}万元，其中当年财政拨款{m(3000)}万元、上年结转资金{m(450)}万元、其他资金{m(200)}万元。全年实际支出{m(3512.80)}万元，预算执行率{pct(3512.80, 3650)}，项目资金已全部拨付完毕。供水站建设支出3442.80万元（折合单座90.6万元），其余70.00万元用于水质检测设备购置。',
         '三、绩效目标完成情况',
         '38座供水站于2019年10月25日前全部通水，受益人口8.72万人，涉及行政村96个，其中高山远山村27个，受益学校和卫生院21处。经县疾控中心抽检，出厂水水质全部达标。项目建成后，预计每年可减少农村群众购买桶装水支出约260万元。农村饮水安全保障水平显著提升，群众获得感明显增强。',
         '四、自评结论', f'本项目自评得分{fmt_s(tot)}分，评价等级为优秀。',
         '五、存在问题及改进措施', '部分偏远山区管网末端水压不足。2020年将对末端管网实施增压改造，并按每座水站每年0.8万元标准落实运维经费。']
    rowd(K, 'copied', ['copied'], 'warning', '出厂水水质达标率', '≥95%', figures={'target': '≥95%', 'actual': '≥95%'})
    rowd(K, 'cost_direction', ['scoring'], 'warning', '供水站单座平均造价', '≥92万元/座', figures={'target': '≥92万元/座', 'actual': '90.6万元/座', 's': 9.85}, note='COST-CEILING: ≥ on a cost row, scored as 正向 (penalised for being cheaper)')
    K.d('fenbie', ['arithmetic', 'mismatch'], 'warning', '本项目涉及8个乡镇，分别为华埠镇、马金镇、村头镇、池淮镇、桐村镇、杨林镇、苏庄镇', anchors=['涉及8个乡镇'], figures={'stated': 8, 'listed': 7}, where='一、项目概况')
    K.d('contradiction', ['mismatch'], 'warning', '项目资金已全部拨付完毕', where='二、资金到位及使用情况', figures={'executed': 3512.80, 'budget': 3650.0}, note='已全部拨付 vs 执行率96.24%, 137.20万元 unspent')
    K.d('unsupported', ['unsupported'], 'warning', '预计每年可减少农村群众购买桶装水支出约260万元', where='三、绩效目标完成情况', note='estimate')
    K.d('vague', ['vague'], 'warning', '农村饮水安全保障水平显著提升，群众获得感明显增强', where='三、绩效目标完成情况')
    K.c('parts_total', '供水站建设支出3442.80万元（折合单座90.6万元），其余70.00万元用于水质检测设备购置', '3442.80+70.00=3512.80; 3442.80/38=90.60', anchors=['3442.80'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('grade_synonym', '评价等级为优秀', '优秀 = 优 band for the total', false_alarm_categories=['scoring', 'mismatch'])
    rowc(K, 'qual_tier', '县级统管机制', '已建立县级统管机制，38座水站全部纳入统一运维', '定性 with measure; full marks in tier-1 band', ['vague', 'copied', 'scoring'])
    rowc(K, 'date_in_year', '工程完工时间', '2019年10月25日', 'date inside year, before target', ['timeline'])
    K.b('text_table', '出厂水水质全部达标', 'narrative 全部达标 vs table ≥95%: consequence of the copied actual (D1), not a separate defect', cats=['mismatch'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '项目负责人：徐某   填报日期：2020年3月20日')
    return dict(rid='J11', shape='docx', kind='project', province='浙江省衢州市开化县', unit='开化县水利局', year=Y, doc=doc, key=K)


def J12():
    """甘肃定西市通渭县 高标准农田建设 2020 — flattened rows"""
    K = Key('J12'); Y = 2020; prj = '通渭县2020年高标准农田建设项目'
    rows = [
        ind('产出指标', '数量指标', '建成高标准农田', '≥4万亩', '4.06万亩', 15),
        ind('产出指标', '数量指标', '新修田间道路', '≥86公里', '80.2公里', 10, s=10, bad=True),
        ind('产出指标', '质量指标', '工程验收合格率', '≥95%', '100%', 10),
        ind('产出指标', '时效指标', '项目完工时间', '2020年12月31日前', '2020年12月31日前完成', 5, s=5, q=True, bad=True),
        ind('产出指标', '成本指标', '亩均投资', '≤1200元/亩', '1145.6元/亩', 10),
        ind('效益指标', '经济效益指标', '项目区亩均增产粮食', '≥50公斤', '58公斤', 10),
        ind('效益指标', '社会效益指标', '带动农民务工', '≥1200人次', '约1500人次', 10, s=10, bad=True),
        ind('效益指标', '生态效益指标', '节水灌溉效益', '明显', '明显', 10, s=10, q=True, bad=True),
        ind('满意度指标', '服务对象满意度指标', '项目区农户满意度', '≥90%', '95%', 10),
    ]
    S = dict(year=Y, funds=(4800.00, 4800.00, 4651.20), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 4320.00, 4320.00, 4171.20), ('上年结转资金', None, None, None), ('其他资金', 480.00, 480.00, 480.00)],
             head=dict(project=prj, dept='通渭县农业农村局', unit='通渭县农业农村局'),
             goal_t='建成高标准农田4万亩，新修田间道路86公里，亩均投资控制在1200元以内，项目区亩均增产粮食50公斤以上。',
             goal_a='建成高标准农田4.06万亩，新修田间道路80.2公里，亩均投资1145.6元，项目区亩均增产粮食58公斤。', intro=[])
    grid, tot, rate, es, rows = std_proj(K, S)
    P = [f'{prj}绩效自评报告', '一、项目基本情况',
         '项目涉及平襄、马营、华家岭等6个乡镇42个行政村。全年建成高标准农田4.06万亩，其中旱作梯田1.58万亩、水浇地2.36万亩，较上年增加0.86万亩，增长24.5%。',
         '二、项目资金情况',
         f'项目总投资{m(4800)}万元，其中中央和省级财政资金{m(4320)}万元、县级配套{m(480)}万元。全年完成投资{m(4651.20)}万元，预算执行率{rate}，亩均投资1145.6元。',
         '三、绩效目标完成情况',
         '新修田间道路80.2公里，新建蓄水池12座、节水灌溉管道46公里，配套建设田间生产桥涵34座、排水渠8.4公里、机耕路错车道22处；工程验收合格率100%。经测产，项目区亩均增产粮食58公斤。节水灌溉效益明显，项目区生态环境明显改善。',
         '四、自评结论', f'本项目自评得分{fmt_s(tot)}分，等级为“优”。',
         '五、存在的问题及改进措施', '一是部分田间道路受征地影响未完成；二是后期管护责任落实不到位。下一步，将未完成的5.8公里田间道路列入2021年项目，与乡镇签订管护责任书。']
    K.d('parts_total', ['arithmetic'], 'error', '其中旱作梯田1.58万亩、水浇地2.36万亩', anchors=['旱作梯田1.58万亩'], figures={'total': 4.06, 'parts': [1.58, 2.36], 'sum': 3.94}, where='一、项目基本情况')
    K.d('prev_year', ['arithmetic'], 'error', '较上年增加0.86万亩，增长24.5%', anchors=['增长24.5%'], figures={'now': 4.06, 'delta': 0.86, 'prev': 3.20, 'correct': '26.88%'}, where='一、项目基本情况')
    rowd(K, 'score_weight', ['scoring'], 'error', '新修田间道路', '80.2公里', figures={'target': '≥86公里', 'actual': '80.2公里', 'w': 10, 's': 10, 'expected_s': 9.33}, note='full marks below target, no reason (text admits 5.8公里 unfinished)')
    rowd(K, 'copied', ['copied'], 'warning', '项目完工时间', '2020年12月31日前完成', figures={'target': '2020年12月31日前'}, note='bound 前 kept in actual')
    rowd(K, 'unsupported', ['unsupported'], 'warning', '带动农民务工', '约1500人次', figures={'actual': '约1500人次'}, note='ESTIMATE in actual')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '节水灌溉效益', '明显', figures={'target': '明显', 'actual': '明显'})
    K.d('vague', ['vague'], 'info', '项目区生态环境明显改善', where='三、绩效目标完成情况')
    K.c('unit_convert', '亩均投资1145.6元', '4651.20万元 / 4.06万亩 = 1145.62 元/亩 (万/万 cancel)', anchors=['1145.6元'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('remaining', '未完成的5.8公里田间道路', '86-80.2=5.8', false_alarm_categories=['arithmetic'])
    K.c('parts_total', f'其中中央和省级财政资金{m(4320)}万元、县级配套{m(480)}万元', '4320+480=4800', false_alarm_categories=['arithmetic'])
    rowc(K, 'measured_actual', '工程验收合格率', '100%', 'measured 100% vs ≥95% (not equal to target)', ['copied', 'scoring'])
    rowc(K, 'measured_actual', '项目区亩均增产粮食', '58公斤', 'measured by 测产', ['copied', 'unsupported'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '填报单位：通渭县农业农村局（盖章） 填报日期：2021年4月10日')
    return dict(rid='J12', shape='flat', kind='project', province='甘肃省定西市通渭县', unit='通渭县农业农村局', year=Y, doc=doc, key=K)


def J13():
    """陕西宝鸡市陈仓区 职业技能提升培训补贴 2025 — web"""
    K = Key('J13'); Y = 2025; prj = '陈仓区职业技能提升培训补贴项目'
    rows = [
        ind('产出指标', '数量指标', '补贴性职业技能培训', '≥3000人次', '3216人次', 15),
        ind('产出指标', '数量指标', '其中：脱贫劳动力培训', '≥800人次', '842人次', 5),
        ind('产出指标', '质量指标', '培训合格率', '≥90%', '91.5%', 10),
        ind('产出指标', '质量指标', '职业资格（技能等级）取证率', '≥80%', '≥80%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '补贴资金发放时限', '≤30天', '22天', 5),
        ind('产出指标', '成本指标', '人均培训补贴', '≤1900元', '1904元', 5, s=4.99, dev='电工、焊工2个工种按省定标准增加实操课时，单价上浮'),
        ind('效益指标', '社会效益指标', '培训后就业率', '≥60%', '64.3%', 15),
        ind('效益指标', '可持续影响指标', '技能人才队伍', '不断壮大', '不断壮大', 15, s=15, q=True, bad=True),
        ind('满意度指标', '服务对象满意度指标', '参训学员满意度', '≥90%', '97.2%', 10),
    ]
    S = dict(year=Y, funds=(600.00, 640.00, 612.45), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 600.00, 600.00, 572.45), ('上年结转资金', 0.00, 40.00, 40.00), ('其他资金', None, None, None)],
             head=dict(project=prj, dept='宝鸡市陈仓区人力资源和社会保障局', unit='陈仓区就业服务中心'),
             goal_t='开展补贴性职业技能培训3000人次以上，其中脱贫劳动力800人次以上；培训合格率90%以上；培训后就业率60%以上。',
             goal_a='开展补贴性职业技能培训3216人次，其中脱贫劳动力842人次；培训合格率91.5%；培训后就业率64.3%。',
             intro=[], bad={'total_table': '98.62'})
    grid, tot, rate, es, rows = std_proj(K, S)
    P = [f'{Y}年度{prj}绩效自评报告', '一、项目概况',
         '2025年，区人社局依托4家定点培训机构开展补贴性职业技能培训，开设电工、焊工、育婴员、中式烹调师等4个工种，分别为电工、焊工、育婴员、中式烹调师。',
         '二、项目资金使用情况',
         f'项目全年预算{m(640)}万元，其中当年财政拨款{m(600)}万元、上年结转{m(40)}万元。全年支出{m(612.45)}万元，预算执行率97.5%，补贴资金已全部发放。',
         '三、绩效目标完成情况',
         '全年开展培训3216人次，其中脱贫劳动力842人次；参训3216人中合格2943人，合格率91.5%；培训后实现就业2068人，就业率64.3%。培训质量显著提高，劳动者技能水平和就业能力不断提升。本项目剩余补贴资金将于2026年5月前完成发放。',
         '四、自评结论', f'本项目自评得分{fmt_s(tot)}分，等级为“优”。',
         '五、存在问题及改进措施',
         '一是培训工种与企业用工需求匹配度不高；二是部分学员参训积极性不足。下一步将开展企业用工需求调查，2026年新增叉车司机、养老护理员2个紧缺工种。']
    rowd(K, 'copied', ['copied'], 'warning', '职业资格（技能等级）取证率', '≥80%', figures={'target': '≥80%', 'actual': '≥80%'})
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '技能人才队伍', '不断壮大', figures={'target': '不断壮大', 'actual': '不断壮大'})
    K.d('exec_rate', ['mismatch', 'arithmetic'], 'error', '预算执行率97.5%', anchors=['预算执行率97.5%', '97.5%'], figures={'narrative': '97.5%', 'table': rate, 'computed': pct(612.45, 640)}, where='二、项目资金使用情况')
    K.d('contradiction', ['mismatch'], 'warning', '补贴资金已全部发放', where='二、项目资金使用情况', figures={'executed': 612.45, 'budget': 640.0}, note='contradicted by 剩余补贴资金将于2026年5月前完成发放')
    K.d('vague', ['vague'], 'warning', '培训质量显著提高，劳动者技能水平和就业能力不断提升', where='三、绩效目标完成情况')
    K.d('year', ['timeline', 'unsupported'], 'warning', '本项目剩余补贴资金将于2026年5月前完成发放', where='三、绩效目标完成情况', note='future-tense completion in a year-end results section')
    K.c('fenbie', '开设电工、焊工、育婴员、中式烹调师等4个工种，分别为电工、焊工、育婴员、中式烹调师', '4 stated, 4 listed (clumsy but correct)', anchors=['等4个工种'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('rates', '参训3216人中合格2943人，合格率91.5%', '2943/3216 = 91.51%; 2068/3216 = 64.30%', anchors=['合格2943人'], false_alarm_categories=['arithmetic', 'mismatch'])
    rowc(K, 'reverse_score', '人均培训补贴', '4.99', '反向: 5×(1−(1904−1900)/1900) = 4.99, reason given', ['scoring'])
    rowc(K, 'reverse_row', '补贴资金发放时限', '22天', '≤30天 met', ['scoring', 'vague'])
    K.b('weight_subrow', '其中：脱贫劳动力培训', '其中 row carries its own weight 5 that is part of 产出 50; excluding it as a sub-row would give a false WEIGHT-SUM 45', anchors=['脱贫劳动力培训'], indicator='其中：脱贫劳动力培训', cats=['scoring'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '')
    return dict(rid='J13', shape='web', kind='project', province='陕西省宝鸡市陈仓区', unit='陈仓区人力资源和社会保障局', year=Y, doc=doc, key=K,
                chrome=dict(idx='11610304MB2xxxxxxx/2026-000418', unit='陈仓区人力资源和社会保障局', date='2026-06-02', site='宝鸡市陈仓区人民政府'))


def J14():
    """福建南平市顺昌县 农村义务教育学生营养改善计划 2019 — tab"""
    K = Key('J14'); Y = 2019; prj = '农村义务教育学生营养改善计划'
    n, prev = 8775, 8463
    amt = r2(n * 4 * 200 / 10000)
    assert amt == 702.00
    rows = [
        ind('产出指标', '数量指标', '受益学生人数', '≥8700人', f'{n}人', 15),
        ind('产出指标', '数量指标', '供餐天数', '≥200天', '200天', 10),
        ind('产出指标', '质量指标', '食堂食品安全事故', '=0起', '0起', 10),
        ind('产出指标', '时效指标', '补助资金拨付', '每学期开学后30日内拨付到校', '2019年3月12日、9月20日拨付到校', 5, s=5, q=True),
        ind('产出指标', '成本指标', '生均膳食补助标准', '=4元/天', '4元/天', 10),
        ind('效益指标', '社会效益指标', '学生营养健康状况', '明显改善', '学生体质健康达标率由88.6%提高到91.2%', 15, s=15, q=True, bad=True),
        ind('效益指标', '可持续影响指标', '学校食堂供餐覆盖率', '≥95%', '≥95%', 15, s=15, bad=True),
        ind('满意度指标', '服务对象满意度指标', '学生及家长满意度', '≥90%', '85%', 10, s=9.44, dev='无', bad=True),
    ]
    S = dict(year=Y, funds=(720.00, amt, amt), decl=D, rows=rows,
             fsubs=[('其中：当年财政拨款', 720.00, amt, amt), ('上年结转资金', None, None, None), ('其他资金', None, None, None)],
             head=dict(project=f'顺昌县{prj}', dept='顺昌县教育局', unit='顺昌县教育局'),
             goal_t=f'为全县农村义务教育阶段8700名以上学生提供营养膳食补助，补助标准每生每天4元，全年供餐200天。',
             goal_a=f'全年为{n}名学生提供营养膳食补助，供餐200天，全年未发生食品安全事故。', intro=[])
    grid, tot, rate, es, rows = std_proj(K, S)
    wrong_gr = '良好'
    P = [f'顺昌县{Y}年度{prj}项目绩效自评报告', '一、项目基本情况',
         f'我县农村义务教育学生营养改善计划覆盖全县32所农村中小学，其中小学24所、初中8所，受益学生{n}人，较上年增加{n - prev}人，增长3.9%。',
         '二、项目资金情况',
         f'按照每生每天4元、全年200天的标准，全年应安排补助资金{m(amt)}万元（{n}人×4元×200天=7020000元），人均800元。年初预算{m(720)}万元，根据实际学生人数调整为{m(amt)}万元，全年执行{m(amt)}万元，执行率{rate}。',
         '三、绩效目标完成情况',
         '全县32所学校全部实行食堂供餐，全年供餐200天，未发生食品安全事故。学生营养状况得到改善，家长普遍反映良好，社会效果显著。',
         '四、自评结论', f'本项目自评得分{fmt_s(tot)}分，评价等级为“{wrong_gr}”。',
         '五、存在问题及改进措施',
         '一是部分学校食堂从业人员持证上岗率不高；二是满意度调查覆盖面不足。下一步，将组织食堂从业人员开展食品安全培训，并将满意度问卷发放范围扩大到全部32所学校。']
    K.d('prev_year', ['arithmetic'], 'error', f'较上年增加{n - prev}人，增长3.9%', anchors=['增长3.9%'], figures={'now': n, 'prev': prev, 'correct': pct(n - prev, prev)}, where='一、项目基本情况')
    K.d('score_total', ['scoring', 'mismatch'], 'warning', f'评价等级为“{wrong_gr}”', figures={'total': fmt_s(tot), 'grade': wrong_gr, 'expected': '优'}, where='四、自评结论')
    rowd(K, 'vague', ['vague'], 'warning', '学生营养健康状况', '明显改善', figures={'target': '明显改善'}, note='vague target (the actual is measured — keep as target defect only)')
    rowd(K, 'copied', ['copied'], 'warning', '学校食堂供餐覆盖率', '≥95%', figures={'target': '≥95%', 'actual': '≥95%'}, note='also contradicted by 32所 全部 (100%)')
    rowd(K, 'score_weight', ['scoring'], 'warning', '学生及家长满意度', '9.44', figures={'target': '≥90%', 'actual': '85%', 'w': 10, 's': 9.44, 'deviation': '无'}, note='DEV-MISSING: 偏差原因 = 无 although points lost')
    K.d('unsupported', ['unsupported', 'vague'], 'warning', '家长普遍反映良好，社会效果显著', where='三、绩效目标完成情况', note='satisfaction claim with no survey base; table says 85%')
    K.c('unit_convert', f'{n}人×4元×200天=7020000元', '8775×4×200 = 7,020,000 元 = 702.00 万元', anchors=['7020000元'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('per_capita', '人均800元', '4×200 = 800', false_alarm_categories=['arithmetic'])
    K.c('parts_total', '其中小学24所、初中8所', '24+8=32', false_alarm_categories=['arithmetic'])
    K.c('budget_adjust', f'根据实际学生人数调整为{m(amt)}万元', 'full-year budget below initial 720.00 after adjustment; rate uses full-year budget → 100%', anchors=[f'调整为{m(amt)}万元'], false_alarm_categories=['arithmetic', 'mismatch'])
    rowc(K, 'qual_tier', '补助资金拨付', '2019年3月12日、9月20日拨付到校', 'dated actuals inside the year', ['timeline', 'vague', 'copied'])
    rowc(K, 'standard_equal', '生均膳食补助标准', '4元/天', '= policy standard; equality is genuine, not copied', ['copied'])
    rowc(K, 'zero_target', '食堂食品安全事故', '0起', 'A=0, B=0 → full marks', ['scoring', 'template', 'copied'])
    K.b('inflation', rate, 'execution 100% because budget was adjusted to the requirement — INFLATION info acceptable', anchors=['年度资金总额'], cats=['scoring'])
    doc = asm(P, f'{Y}年度项目支出绩效自评表', grid, '填表人：吴某   联系电话：0599-7xxxxxx   填报日期：2020年2月26日')
    return dict(rid='J14', shape='tab', kind='project', province='福建省南平市顺昌县', unit='顺昌县教育局', year=Y, doc=doc, key=K)


EXTRA = {
 'J09': dict(mid=['（一）立项依据', '依据《广西壮族自治区农村公路养护管理办法》和《灵川县农村公路管理养护体制改革实施方案》，县财政每年安排农村公路日常养护补助资金，实行“以奖代补、考核拨付”，按季度考核乡镇养护质量后拨付。',
                  '（二）组织实施情况', '项目由县农村公路养护中心统筹，12个乡镇设立养护站，聘用专兼职养护员286名。全年组织季度考核4次，考核结果与补助资金挂钩；危桥改造实行公开招标，4家施工单位中标，监理单位全程驻场。'],
             tail=['六、绩效自评结果应用', '自评结果报县财政局备案；对季度考核排名后3位的乡镇，2021年一季度养护补助按考核系数0.9拨付。', '七、其他需要说明的情况', '佐证材料包括季度考核通报、危桥改造交工验收证书、资金拨付凭证等，已整理归档备查。']),
 'J10': dict(mid=['（一）项目立项情况', '依据《山东省老年助餐服务工作方案》，区政府将老年助餐纳入2025年区级民生实事。补助对象为辖区内60周岁以上特困、低保老年人，由长者食堂按就餐人次申报补助，区民政局审核后按季度拨付。',
                  '（二）项目组织管理', '区民政局成立专班，制定《寒亭区长者食堂运营管理办法》，对12处长者食堂实行星级评定，全年开展运营巡查48次。组织开展了助餐服务宣传，召开了推进会，印发了工作通知。'],
             tail=['六、绩效自评结果应用', '对运营评定为一星的1处长者食堂暂停补助申报，整改验收后恢复；自评结果在区政府网站公开。', '七、其他需要说明的情况', '就餐人次数据来源于“寒亭智慧养老”平台刷卡记录，满意度数据来源于第三方入户问卷（有效问卷620份）。']),
 'J11': dict(mid=['（一）立项背景', '根据《浙江省农村饮用水达标提标行动计划（2018—2022年）》，开化县2019年实施农村饮用水达标提标工程，重点解决山区单村供水工程水量不稳定、水质不达标问题。',
                  '（二）项目实施情况', '项目由县水利局牵头、县农村供水管理站具体实施，按“城乡同质、统建统管”原则推进。项目实行EPC总承包，监理单位对38座供水站逐站验收；县疾控中心对出厂水开展42项常规指标检测，全年采集水样152份。项目建设期间，县水利局每月召开一次工程推进例会，协调解决管网穿越公路、林地审批等问题17个。'],
             tail=['六、绩效自评工作开展情况', '2020年2月，县水利局成立由分管副局长任组长的自评工作小组，对照年初绩效目标逐项核对工程验收资料、水质检测报告和资金支付凭证，并赴华埠、苏庄等乡镇抽查供水站12座、入户走访农户60户。', '七、其他需要说明的情况', '上年结转资金450.00万元为2018年度省级补助资金，已于2019年全部使用完毕。自评佐证材料包括竣工验收鉴定书、水质检测报告、资金支付凭证。']),
 'J12': dict(mid=['（一）项目立项依据', '依据《甘肃省高标准农田建设规划（2019—2022年）》和省农业农村厅下达的年度任务，通渭县2020年承担高标准农田建设任务4万亩，以旱作梯田提质改造和水浇地建设为主。',
                  '（二）项目组织实施', '县农业农村局成立项目建设领导小组，实行项目法人制、招投标制、工程监理制和合同管理制。项目分6个标段公开招标，聘请2家监理单位，县级组织中期检查2次、竣工验收1次。项目区涉及土地整治的地块，均在实施前公示设计方案，征求农户意见。'],
             tail=['六、绩效自评结果应用', '自评结果作为2021年项目资金分配的参考依据；对进度滞后的2个标段施工单位，已按合同约定扣减履约保证金。', '七、其他需要说明的情况', '亩均增产数据来源于县农技中心秋季测产报告，满意度数据来源于项目区农户问卷（有效问卷300份）。']),
 'J13': dict(mid=['（一）项目依据', '依据《陕西省职业技能提升行动实施方案》和《宝鸡市职业培训补贴管理办法》，对参加补贴性职业技能培训并取得合格证书的城乡劳动者，按工种类别给予培训补贴。',
                  '（二）项目组织管理', '区就业服务中心通过公开遴选确定4家定点培训机构，实行“先培训、后补贴”，对每个培训班开展开班、过程、结业三次检查，全年抽查培训班62个，核减不合规补贴申请3.6万元。'],
             tail=['六、绩效自评结果应用', '对培训后就业率低于50%的1家培训机构，2026年暂停其定点资格。自评结果在区政府网站公开，接受社会监督。', '七、其他需要说明的情况', '满意度数据来源于结业学员问卷（有效问卷1180份）；就业数据来源于陕西省就业信息系统比对。']),
 'J14': dict(mid=['（一）项目依据', '依据《福建省农村义务教育学生营养改善计划实施细则》，我县对农村义务教育阶段在校学生按每生每天4元标准提供营养膳食补助，补助资金由中央财政全额承担，县级负责食堂运行和管理经费。',
                  '（二）项目管理情况', '县教育局会同县市场监管局每学期开展食堂食品安全联合检查，全年检查学校食堂64校次，发现问题18个，均已整改；补助资金实行“实名制”管理，按学籍系统人数核拨。'],
             tail=['六、其他需要说明的情况', '一是部分学校食堂从业人员持证上岗率不高；二是满意度调查覆盖面不足。上述问题已纳入2020年营养改善计划工作要点。']),
}


def _wrap(fn, rid):
    def g():
        r = fn()
        E = EXTRA[rid]
        # insert after the first section's paragraph, append tail before the form
        doc = r['doc']
        idx = 3
        doc[idx:idx] = [('p', x) for x in E['mid']]
        k = next(i for i, (kind, x) in enumerate(doc) if kind == 'p' and x.endswith('项目支出绩效自评表'))
        doc[k:k] = [('p', x) for x in E['tail']]
        K = r['key']
        j = next(i for i, (kind, x) in enumerate(doc) if kind == 'p' and x.startswith('四、'))
        doc[j:j] = [('p', ind_paragraph(K.rows, '（三）绩效指标完成情况。'))]
        if rid == 'J10':
            K.d('unsupported', ['unsupported'], 'info', '组织开展了助餐服务宣传，召开了推进会，印发了工作通知', where='一（二）项目组织管理', note='ACTIVITY-ONLY: activities, no counts or effects')
            K.c('survey_base', '有效问卷620份', 'satisfaction base given (NO-BASE should not fire)', false_alarm_categories=['unsupported'])
        if rid == 'J14':
            K.d('duplicate', ['duplicate'], 'warning', '一是部分学校食堂从业人员持证上岗率不高；二是满意度调查覆盖面不足。', anchors=['持证上岗率不高'], where='五 and 六', note='problems repeated in 其他需要说明的情况')
        if rid == 'J13':
            K.c('survey_base', '有效问卷1180份', 'survey base given', false_alarm_categories=['unsupported'])
        if rid == 'J12':
            K.c('survey_base', '有效问卷300份', 'survey base given', false_alarm_categories=['unsupported'])
        return r
    g.__name__ = rid
    return g


for _rid in EXTRA:
    globals()[_rid] = _wrap(globals()[_rid], _rid)
