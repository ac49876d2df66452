"""Extra controls (legitimate Y+1 dates: plans in 改进措施, deviation cells, filing dates) appended to each report's key."""
Y = 'year'
EXTRA = {
    'N01': [('N01-C15', ['2024年6月底前全部完工', '已列入2024年第一批计划', '2024年2月28日'], 'plan / deviation-cell / filing dates in 2024 (Y+1), legitimate')],
    'N02': [('N02-C12', ['2022年6月底前拨付结转的县级配套资金32.64万元', '已申请2022年更新设备'], 'Y+1 dates in plans')],
    'N03': [('N03-C12', ['2020年一季度支付剩余工程款', '2020年通过购买服务补齐'], 'Y+1 dates in plans / deviation cell')],
    'N04': [('N04-C12', ['2025年分批更新基层所快检设备'], 'Y+1 date in plan')],
    'N05': [('N05-C13', ['2023年6月底前完成两所敬老院改造'], 'Y+1 date in plan')],
    'N06': [('N06-C12', ['2021年将安排管网改造资金', '填报日期：2021年3月26日'], 'Y+1 plan and filing date')],
    'N07': [('N07-C12', ['2019年纳入县级预算', '2019年将村级养护员报酬纳入县级预算'], 'Y+1 dates in deviation cell / plan')],
    'N09': [('N09-C11', ['2018年将推动建立部门数据比对机制', '填报日期：2018年2月26日'], 'Y+1 plan and filing date')],
    'N10': [('N10-C11', ['2023年安排终端提标改造'], 'Y+1 date in plan')],
}


def apply(r):
    if r['id'] == 'N01':
        r['borderlines'] = [b for b in r['borderlines'] if b['id'] != 'N01-B1']
    for cid, anchors, note in EXTRA.get(r['id'], []):
        r['controls'].append(dict(id=cid, kind=Y, cats=[Y], anchors=anchors, note=note, severity=''))
    return r
