from lib import *
from forms import *
from std import std_dept
from j01_04 import rowd, rowc, assemble


def J05():
    """重庆市綦江区文化和旅游发展委员会 2025 — tab"""
    K = Key('J05'); Y = 2025; unit = '重庆市綦江区文化和旅游发展委员会'
    rows = [
        ind('产出指标', '数量指标', '送戏下乡演出场次', '≥120场', '136场', 10),
        ind('产出指标', '数量指标', '公共图书馆新增藏书', '≥1.5万册', '1.52万册', 10),
        ind('产出指标', '质量指标', 'A级景区质量复核通过率', '≥95%', '≥95%', 10, s=10, bad=True),
        ind('产出指标', '时效指标', '文化惠民活动完成时限', '2025年11月30日前', '2025年11月20日', 10, s=10, q=True),
        ind('产出指标', '成本指标', '单场送戏下乡补助标准', '≤0.8万元/场', '0.75万元/场', 10),
        ind('效益指标', '经济效益指标', '旅游综合收入', '无', '无', 5, s=5, bad=True),
        ind('效益指标', '社会效益指标', '群众文化活动参与人次', '≥50万人次', '61.2万人次', 10),
        ind('效益指标', '社会效益指标', '文旅融合发展', '社会反响良好', '社会反响良好', 5, s=5, q=True, bad=True),
        ind('效益指标', '可持续影响指标', '公共文化场馆免费开放天数', '≥300天', '312天', 10, s=10, dev='部分未完成', bad=True),
        ind('满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '93.5%', 10),
    ]
    S = dict(year=Y, unit=unit, trunc=True,
             duty='贯彻落实党和国家文化、旅游、广播电视、文物工作方针政策；统筹规划全区文化事业、文化产业、旅游业发展；负责全区公共文化服务体系建设，推进文化和旅游融合发展；负责全区文物保护和非物质文化遗产保护传承工作。',
             duty_ctl='统筹规划全区文化事业、文化产业、旅游业发展',
             org=(9, ['办公室', '艺术科', '公共服务科', '产业发展科', '资源开发科', '市场管理科', '文物科', '广播电视科'], '科室'),
             org_extra='下属事业单位5个：区文化馆、区图书馆、区博物馆、区文化市场综合行政执法支队、区旅游事业发展中心。',
             staff=(22, 74, 21, 70),
             income=(4936.20, 63.80, 4420.00), spend=(1302.55, 288.35, 2967.90, 4211.07),
             sg=(5.42, 9.81, 16.30),
             init=4600.00, init_oth=60.00,
             rows=rows, decl={'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10},
             goal_t='开展送戏下乡120场以上；公共图书馆新增藏书1.5万册；A级景区质量复核全部通过；全区群众文化活动参与50万人次以上。',
             goal_a='开展送戏下乡136场，新增藏书1.52万册，群众文化活动参与61.2万人次，公共文化场馆全年免费开放312天。',
             results=['（一）产出情况。全年开展送戏下乡136场，其中川剧专场48场、综合文艺演出88场；区图书馆新增藏书1.52万册；组织“綦江农民版画”展览6期。',
                      '（二）效益情况。群众文化活动参与61.2万人次。全区接待游客人数大幅增长，旅游综合收入明显提高。',
                      '（三）部门管理情况。我委严格执行预算管理制度，建立了项目资金月调度机制，全年召开预算执行调度会12次，项目资金支付进度按月通报。'],
             exec_no='四', problems='一是部分项目资金下达较晚，集中在四季度支付；二是乡镇综合文化站专职人员不足，活动组织能力偏弱。',
             measures='一是将送戏下乡、图书采购等常规项目在上半年完成招标；二是按每个镇街不少于1名的标准配备文化专干，2026年6月前全部到岗。',
             tail=['七、其他需要说明的情况', '我委严格执行预算管理制度，建立了项目资金月调度机制，全年召开预算执行调度会12次，项目资金支付进度按月通报。'],
             bad={'fenbie': 1, 'prev_inc': '11.6%', 'staff': 97})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'copied', ['copied'], 'warning', 'A级景区质量复核通过率', '≥95%', figures={'target': '≥95%', 'actual': '≥95%'})
    rowd(K, 'score_weight', ['scoring'], 'warning', '旅游综合收入', '无', figures={'target': '无', 'actual': '无', 'w': 5, 's': 5}, note='NA-SCORED: 无 row carries weight and full score')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '文旅融合发展', '社会反响良好', figures={'target': '社会反响良好', 'actual': '社会反响良好'})
    rowd(K, 'contradiction', ['mismatch', 'scoring'], 'warning', '公共文化场馆免费开放天数', '部分未完成', figures={'actual': '312天', 'target': '≥300天', 's': 10, 'w': 10}, note='DEV-CONTRADICT: deviation says 部分未完成 while row met and got full marks')
    K.d('unsupported', ['unsupported', 'vague'], 'warning', '全区接待游客人数大幅增长，旅游综合收入明显提高', where='三（二）效益情况', note='no number, no baseline')
    K.d('duplicate', ['duplicate'], 'warning', '我委严格执行预算管理制度，建立了项目资金月调度机制，全年召开预算执行调度会12次，项目资金支付进度按月通报。',
        anchors=['全年召开预算执行调度会12次'], where='三（三） and 七', note='paragraph repeated in two sections')
    K.c('parts_total', '其中川剧专场48场、综合文艺演出88场', '48+88=136', false_alarm_categories=['arithmetic', 'mismatch'])
    rowc(K, 'cost_ceiling', '单场送戏下乡补助标准', '0.75万元/场', '≤0.8 ceiling met (cost row, 反向)', ['scoring'])
    K.c('future_measure', '2026年6月前全部到岗', 'future date inside 改进措施 is legitimate (plan, not a result)', false_alarm_categories=['timeline', 'unsupported'])
    K.b('overachieve', '61.2万人次', '61.2/50 = 1.224 ≥ 1.2 with empty deviation cell: OVER-ACHIEVE info is correct but not a planted defect', anchors=['群众文化活动参与人次'], indicator='群众文化活动参与人次', cats=['scoring'])
    doc = assemble(P, f'{Y}年度部门整体绩效（目标）自评表', grid, '填报人：周某   审核人：谭某   填报日期：2026年3月12日')
    return dict(rid='J05', shape='tab', kind='dept', province='重庆市綦江区', unit=unit, year=Y, doc=doc, key=K)


def J06():
    """江西省赣州市信丰县卫生健康委员会 2019 — flattened rows"""
    K = Key('J06'); Y = 2019; unit = '信丰县卫生健康委员会'
    rows = [
        ind('产出指标', '数量指标', '家庭医生签约服务人数', '≥21万人', '22.4万人', 10),
        ind('产出指标', '数量指标', '适龄儿童免疫规划疫苗接种率', '≥90%', '≥90%', 10, s=10, bad=True),
        ind('产出指标', '质量指标', '孕产妇系统管理率', '≥90%', '93.6%', 10),
        ind('产出指标', '时效指标', '基本公共卫生服务补助资金拨付', '按时拨付', '按时拨付到位', 10, s=10, q=True, bad=True),
        ind('效益指标', '社会效益指标', '居民电子健康档案建档率', '≥90%', '91.3%', 10),
        ind('效益指标', '社会效益指标', '孕产妇死亡率', '≤18/10万', '0/10万', 10),
        ind('效益指标', '社会效益指标', '群众健康素养水平', '明显提高', '明显提高', 10, s=10, q=True, bad=True),
        ind('效益指标', '可持续影响指标', '乡镇卫生院达到“优质服务基层行”基本标准', '≥16所', '16所', 10),
        ind('满意度指标', '服务对象满意度指标', '就诊患者满意度', '≥85%', '89.2%', 10),
    ]
    S = dict(year=Y, unit=unit,
             duty='贯彻执行国民健康政策和卫生健康法律法规；统筹规划全县卫生健康资源配置；组织实施国家基本药物制度和基本公共卫生服务项目；负责疾病预防控制、妇幼健康、医政医管和卫生应急工作。',
             duty_ctl='统筹规划全县卫生健康资源配置',
             org=(10, ['办公室', '规划发展与信息化股', '财务股', '医政医管股', '基层卫生健康股', '疾病预防控制股', '妇幼健康股', '老龄健康股', '综合监督股', '人事股'], '股室'),
             org_extra='下属二级单位19个（县疾控中心、县妇幼保健院、县卫生计生综合监督执法局及16个乡镇卫生院）。',
             staff=(24, 178, 22, 176),
             income=(18652.40, 1130.25, 17520.36), spend=(6120.50, 980.33, 11902.18, 18366.02),
             sg=(6.38, 18.92, 27.45),
             after_staff='全系统共有医疗卫生机构372个，其中县级公立医院3所、乡镇卫生院16所、村卫生室292个；全县每千人口医疗卫生机构床位数5.46张。',
             init=16800.00, init_oth=1000.00,
             rows=rows, decl={'产出指标': 40, '效益指标': 40, '满意度指标': 10, '预算执行': 10},
             goal_t='家庭医生签约服务21万人以上；适龄儿童免疫规划疫苗接种率90%以上；居民电子健康档案建档率90%以上；16所乡镇卫生院达到“优质服务基层行”基本标准。',
             goal_a='（200字以内）',
             results=['（一）产出情况。家庭医生签约服务22.4万人；孕产妇系统管理率93.6%；居民电子健康档案建档率91.3%；全县孕产妇死亡率为0，婴儿死亡率3.12‰；完成适龄妇女“两癌”免费检查1.2万人。',
                      '（二）效益情况。基本公共卫生服务均等化水平进一步提高，群众看病就医更加便捷，卫生健康事业取得长足进步。全县16所乡镇卫生院全部达到“优质服务基层行”基本标准。'],
             problems='一是基层医疗卫生人才短缺，乡镇卫生院执业医师每千人口仅1.21人；二是部分项目资金到位较晚，影响实施进度。',
             measures='一是通过“县招乡用”方式招聘乡镇卫生院医学本科生40名；二是对基本公共卫生服务资金实行按季度预拨、年终清算。',
             tail=['七、自评结果应用', '自评结果将在信丰县人民政府网站公开，并作为2020年度预算安排的依据。对自评中发现的资金拨付滞后问题，已责成财务股会同基层卫生健康股建立台账，逐项销号。', '八、其他需要说明的情况', '2019年我委完成机构改革后首个完整预算年度，原县卫计委、县老龄办相关职责和预算统一纳入本部门核算。'],
             bad={'staff': 212, 'rate_table': '98.06%', 'total_text': '96.5'})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'copied', ['copied'], 'warning', '适龄儿童免疫规划疫苗接种率', '≥90%', figures={'target': '≥90%', 'actual': '≥90%'})
    rowd(K, 'copied', ['copied', 'vague'], 'warning', '基本公共卫生服务补助资金拨付', '按时拨付到位', figures={'target': '按时拨付'}, note='actual contains the target text; no date')
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '群众健康素养水平', '明显提高', figures={'target': '明显提高', 'actual': '明显提高'})
    K.d('vague', ['vague'], 'warning', '基本公共卫生服务均等化水平进一步提高，群众看病就医更加便捷，卫生健康事业取得长足进步', where='三（二）效益情况')
    K.d('template', ['template'], 'warning', '（200字以内）', where='自评表 年度总体目标 实际完成情况', note='guidance text left, goal_actual unfilled')
    K.d('year', ['timeline', 'template'], 'warning', '2018年度部门整体支出绩效自评表', where='附件 表题', note='form title year 2018 in a 2019 report')
    rowc(K, 'zero_actual', '孕产妇死亡率', '0/10万', 'zero deaths is a real measurement on a 反向 ≤ row, full marks', ['template', 'scoring', 'arithmetic'])
    rowc(K, 'measured_actual', '乡镇卫生院达到“优质服务基层行”基本标准', '16所', 'count equals target exactly: all 16 township hospitals (total in county = 16, a ceiling)', ['copied'])
    K.b('parts_total', '全系统共有医疗卫生机构372个，其中县级公立医院3所、乡镇卫生院16所、村卫生室292个', '其中 list is deliberately non-exhaustive (民营医院、诊所 not listed): 3+16+292=311 < 372 — not an error, but a parts-vs-total finding is understandable', anchors=['医疗卫生机构372个'], cats=['arithmetic'])
    K.c('parts_total', '下属二级单位19个（县疾控中心、县妇幼保健院、县卫生计生综合监督执法局及16个乡镇卫生院）', '3 named + 16 = 19', anchors=['下属二级单位19个'], false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('permille', '婴儿死亡率3.12‰', 'permille rate, not a %', false_alarm_categories=['arithmetic'])
    K.c('weights', '产出指标（40分）', 'declared variant weights 40/40/10/10 — not 50/30/10/10', anchors=['产出指标（40分）'], false_alarm_categories=['scoring'])
    doc = assemble(P, '2018年度部门整体支出绩效自评表', grid, '填表单位（盖章）：信丰县卫生健康委员会   填报日期：2020年4月8日')
    return dict(rid='J06', shape='flat', kind='dept', province='江西省赣州市信丰县', unit=unit, year=Y, doc=doc, key=K)


def J07():
    """河南省周口市郸城县民政局 2020 — web copy"""
    K = Key('J07'); Y = 2020; unit = '郸城县民政局'
    rows = [
        ind('产出指标', '数量指标', '城乡低保保障人数', '≥2.1万人', '2.16万人', 10),
        ind('产出指标', '数量指标', '特困人员救助供养人数', '≥3200人', '3285人', 10),
        ind('产出指标', '质量指标', '低保资金社会化发放率', '=100%', '97.8%', 10, s=9.78, dev='3个乡镇47户银行卡信息变更，次月补发'),
        ind('产出指标', '时效指标', '临时救助审批时限', '≤15天', '9天', 10),
        ind('产出指标', '成本指标', '特困人员集中供养年人均成本', '≤1.2万元', '1.16万元', 10),
        ind('效益指标', '社会效益指标', '困难群众基本生活', '有效保障', '有效保障', 10, s=10, q=True, bad=True),
        ind('效益指标', '社会效益指标', '养老机构服务质量达标率', '≥90%', '85%', 10, s=10, bad=True),
        ind('效益指标', '可持续影响指标', '社会救助兜底保障机制', '长期', '长期', 10, s=10, q=True, bad=True),
        ind('满意度指标', '服务对象满意度指标', '救助对象满意度', '≥90%', '95.1%', 10),
    ]
    S = dict(year=Y, unit=unit,
             duty='贯彻执行民政工作方针政策和法律法规；负责全县城乡最低生活保障、特困人员救助供养、临时救助等社会救助工作；负责养老服务体系建设和养老机构监督管理；负责社会组织登记管理、区划地名、婚姻登记和殡葬管理工作。',
             duty_ctl='负责全县城乡最低生活保障、特困人员救助供养、临时救助等社会救助工作',
             org=(6, ['办公室', '社会救助股', '养老服务股', '社会事务股', '基层政权和社区建设股', '财务股'], '股室'),
             staff=(14, 33, 13, 31),
             income=(21450.80, 35.00, 19320.44), spend=(986.42, 215.63, 19880.15, 20155.90),
             sg=(0.96, 7.35, 9.10),
             after_staff='全县共有敬老院24所、城乡社区日间照料中心31个、婚姻登记处1个、殡仪馆1个。',
             init=18900.00, init_oth=30.00,
             rows=rows, decl={'产出指标': 50, '效益指标': 30, '满意度指标': 10, '预算执行': 10},
             goal_t='保障城乡低保对象2.1万人以上、特困人员3200人以上基本生活；临时救助审批时限不超过15天；养老机构服务质量达标率90%以上。',
             goal_a='全年保障城乡低保对象2.16万人、特困人员3285人，临时救助平均审批时限9天，全县24所敬老院完成消防安全改造。',
             results=['（一）产出情况。全年累计发放城乡低保金13862.50万元，其中城市低保金2410.70万元、农村低保金11451.80万元；发放特困人员救助供养金3812.46万元；实施临时救助2631人次。低保资金已全部发放到户。2020年度统计数据截至2022年2月底。',
                      '（二）效益情况。困难群众基本生活得到有效保障，兜底保障能力全面提升。全县24所敬老院完成消防安全改造，新增护理型床位420张。'],
             problems='一是部分乡镇低保动态管理不够精准，存在应退未退情况；二是敬老院护理人员年龄偏大、专业化程度低。',
             measures='一是每季度开展一次低保对象入户核查，对收入超标的及时退出；二是与县职教中心合作，2021年培训养老护理员120人次。',
             tail=['七、其他需要说明的情况', '一是部分乡镇低保动态管理不够精准，存在应退未退情况；二是敬老院护理人员年龄偏大、专业化程度低。上述问题已列入2021年重点整改清单。'],
             bad={'prev_inc': '10.2%', 'xm_unit': '元'})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'vague', ['vague', 'copied'], 'warning', '困难群众基本生活', '有效保障', figures={'target': '有效保障', 'actual': '有效保障'})
    rowd(K, 'score_weight', ['scoring'], 'error', '养老机构服务质量达标率', '85%', figures={'target': '≥90%', 'actual': '85%', 'w': 10, 's': 10, 'expected_s': 9.44}, note='ROW-SCORE: full marks below target, no reason')
    rowd(K, 'copied', ['copied', 'vague'], 'warning', '社会救助兜底保障机制', '长期', figures={'target': '长期', 'actual': '长期'})
    K.d('contradiction', ['mismatch'], 'warning', '低保资金已全部发放到户', where='三（一）产出情况', figures={'table': '低保资金社会化发放率 97.8%'}, note='已全部发放 vs 97.8% with 47户 补发')
    K.d('year', ['timeline'], 'error', '2020年度统计数据截至2022年2月底', where='三（一）产出情况', note='cut-off date after report could have been written (2021)')
    K.d('vague', ['vague'], 'info', '兜底保障能力全面提升', where='三（二）效益情况')
    K.d('duplicate', ['duplicate'], 'warning', '一是部分乡镇低保动态管理不够精准，存在应退未退情况；二是敬老院护理人员年龄偏大、专业化程度低。', anchors=['存在应退未退情况'], where='五 and 七', note='problems paragraph repeated verbatim')
    K.c('parts_total', '全年累计发放城乡低保金13862.50万元，其中城市低保金2410.70万元、农村低保金11451.80万元', '2410.70+11451.80=13862.50', anchors=['13862.50'], false_alarm_categories=['arithmetic', 'mismatch'])
    rowc(K, 'reverse_row', '临时救助审批时限', '9天', '反向 ≤15天, 9天 → full marks', ['scoring', 'vague', 'copied'])
    rowc(K, 'dev_reason', '低保资金社会化发放率', '3个乡镇47户银行卡信息变更，次月补发', '=100% → 97.8%, 9.78 with specific reason', ['scoring', 'vague'])
    K.b('goal_unsupported', '全县24所敬老院完成消防安全改造', 'goal_actual mentions 24所敬老院 with no matching indicator; GOAL-UNSUPPORTED would be reasonable but not planted', cats=['unsupported'])
    doc = assemble(P, f'{Y}年度部门整体支出绩效自评表', grid, '（本页无正文）')
    return dict(rid='J07', shape='web', kind='dept', province='河南省周口市郸城县', unit=unit, year=Y, doc=doc, key=K,
                chrome=dict(idx='005381227/2021-08865', unit=unit, date='2021-06-18', site='郸城县人民政府'))


def J08():
    """贵州省黔南州瓮安县市场监督管理局 2025 — tab"""
    K = Key('J08'); Y = 2025; unit = '瓮安县市场监督管理局'
    rows = [
        ind('产出指标', '数量指标', '食品安全监督抽检', '≥1200批次', '1265批次', 10),
        ind('产出指标', '数量指标', '特种设备定期检验率', '≥98%', '99.2%', 10),
        ind('产出指标', '质量指标', '12315投诉举报按时办结率', '≥95%', '≥95%', 5, s=5, bad=True),
        ind('产出指标', '时效指标', '食品安全抽检任务完成时间', '2025年11月30日前', '2025年11月28日', 5, s=5, q=True),
        ind('产出指标', '成本指标', '单批次抽检检验费用', '≤万元', '0.16万元', 10, s=10, bad=True),
        ind('效益指标', '社会效益指标', '新增市场主体', '≥3000户', '3412户', 10),
        ind('效益指标', '社会效益指标', '食品安全群众满意度', '进一步提高', '达到预期效果', 10, s=10, q=True, bad=True),
        ind('效益指标', '社会效益指标', '重大食品安全事故', '=0起', '0起', 10),
        ind('满意度指标', '服务对象满意度指标', '市场主体满意度', '≥90%', '87.3%', 10, s=9.7, bad=True),
    ]
    gt = '完成食品安全监督抽检1200批次以上；特种设备定期检验率98%以上；新增市场主体3000户以上；全年不发生重大食品安全事故。'
    ga = '完成了食品安全监督抽检1200批次以上；特种设备定期检验率98%以上；新增市场主体3000户以上；全年未发生重大食品安全事故。'
    S = dict(year=Y, unit=unit,
             duty='负责全县市场综合监督管理，统一登记市场主体；组织和指导市场监管综合执法工作；负责食品安全监督管理综合协调和监督检查；负责特种设备安全监督管理、计量标准和检验检测、知识产权保护工作。',
             duty_ctl='负责全县市场综合监督管理，统一登记市场主体',
             org=(11, ['办公室', '登记注册股', '信用监管股', '食品生产流通监管股', '餐饮服务监管股', '特种设备安全监察股', '质量发展股', '计量标准股', '知识产权股', '法规股'], '股室'),
             org_extra='下设基层市场监督管理所8个。',
             staff=(62, 20, 58, 19),
             income=(3288.60, 21.40, 3107.25), spend=(1920.44, 366.18, 884.02, 3055.90),
             sg=(1.86, 12.40, 13.72),
             init=3150.00, init_oth=20.00,
             rows=rows, decl={'产出指标': 40, '效益指标': 30, '满意度指标': 10, '预算执行': 20},
             goal_t=gt, goal_a=ga,
             results=['（一）产出情况。完成食品安全监督抽检1265批次，其中国抽120批次、省抽385批次、县抽760批次，发现不合格样品23批次，核查处置率100%；检验特种设备1841台（套）。',
                      '（二）效益情况。全县新增市场主体3412户，实有市场主体达3.86万户，同比增长7.4%。市场环境持续优化，营商环境显著改善，群众获得感、幸福感、安全感不断增强。'],
             problems='一是基层所执法装备老化，快检设备不足；二是部分抽检项目检验费用结算滞后，影响执行进度。',
             measures='一是2026年为8个基层所各配备食品快检箱2套；二是与检验机构签订季度结算协议，每季度末结算一次。',
             tail=['七、绩效自评结果应用', '自评结果报县财政局，并在瓮安县人民政府网站公开。'],
             bad={'fenbie': 1, 'zc_parts': '3207.64', 'rate_text': '97.1%', 'grade': '良'})
    P, grid, tot, rate, rows = std_dept(K, S)
    rowd(K, 'copied', ['copied'], 'warning', '12315投诉举报按时办结率', '≥95%', figures={'target': '≥95%', 'actual': '≥95%'})
    rowd(K, 'template', ['template'], 'warning', '单批次抽检检验费用', '≤万元', figures={'target': '≤万元'})
    rowd(K, 'vague', ['vague', 'scoring'], 'warning', '食品安全群众满意度', '进一步提高', figures={'target': '进一步提高', 'actual': '达到预期效果'}, note='vague target; 定性 actual without tier evidence')
    rowd(K, 'score_weight', ['scoring'], 'warning', '市场主体满意度', '9.7', figures={'target': '≥90%', 'actual': '87.3%', 'w': 10, 's': 9.7, 'deviation': ''}, note='DEV-MISSING (score 10×87.3/90=9.70 itself correct)')
    K.d('copied', ['copied'], 'warning', ga, anchors=['完成了食品安全监督抽检1200批次以上'], where='自评表 年度总体目标', note='GOAL-COPY: 实际完成情况 = 预期目标 + 了 (and bound 以上 as actual)')
    K.d('vague', ['vague'], 'warning', '市场环境持续优化，营商环境显著改善，群众获得感、幸福感、安全感不断增强', where='三（二）效益情况')
    K.c('parts_total', '其中国抽120批次、省抽385批次、县抽760批次', '120+385+760=1265', false_alarm_categories=['arithmetic', 'mismatch'])
    K.c('weights', '产出指标（40分）', 'declared execution weight 20 (variant 20/40/30/10); exec score = 20×rate', anchors=['产出指标（40分）'], false_alarm_categories=['scoring'])
    rowc(K, 'zero_target', '重大食品安全事故', '0起', '= 0 target, 0 actual → full marks (A=0 rule)', ['scoring', 'copied', 'template'])
    K.c('growth', '同比增长7.4%', 'baseline given; not a rate to recompute from the report', false_alarm_categories=['arithmetic', 'unsupported'])
    return dict(rid='J08', shape='tab', kind='dept', province='贵州省黔南州瓮安县', unit=unit, year=Y, key=K,
                doc=assemble(P, f'{Y}年度部门整体支出绩效自评表', grid, '填表人：罗某   联系电话：0854-2xxxxxx   填报日期：2026年4月2日'))
