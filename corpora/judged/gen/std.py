"""Standard narrative + form assembly with toggled planted defects."""
from lib import *
from forms import *

LAB = {'产出指标': '产出指标\n（{}分）', '效益指标': '效益指标\n（{}分）', '满意度指标': '满意度指标\n（{}分）', '成本指标': '成本指标\n（{}分）'}


def labels(decl):
    return {k: LAB[k].format(fmt_s(v)) for k, v in decl.items() if k in LAB}


def std_dept(K, S):
    """S: dict of structured source. Keys documented inline. Returns (paragraph list, grid, total, rate)."""
    Y = S['year']; unit = S['unit']; bad = S.get('bad', {})
    P = []
    title = S.get('title', f'{Y}年度{unit}部门整体支出绩效自评报告')
    P.append(title)
    if S.get('cover'):
        P.append(S['cover'])
    P.append('一、部门基本情况')
    P.append('（一）部门职能')
    P.append(S['duty'])
    if S.get('duty_ctl'):
        K.c('statutory_duty', S['duty_ctl'], 'statutory duty text (三定方案), not a result claim', false_alarm_categories=['vague', 'unsupported', 'duplicate'])
    P.append('（二）机构设置和人员情况')
    n, names, what = S['org']
    lst = '、'.join(names)
    sent = f'{S.get("org_prefix", "本部门")}内设{what}{n}个，分别为{lst}。'
    if 'fenbie' in bad:
        assert n != len(names)
        K.d('fenbie', ['arithmetic', 'mismatch'], 'warning', f'内设{what}{n}个，分别为{lst}', anchors=[f'内设{what}{n}个'],
            figures={'stated': n, 'listed': len(names)}, where='一（二）机构设置', note=f'{n} stated, {len(names)} listed')
    else:
        assert n == len(names)
        K.c('fenbie', f'内设{what}{n}个，分别为{lst}', f'{n} stated = {n} listed', anchors=[f'内设{what}{n}个'], false_alarm_categories=['arithmetic', 'mismatch'])
    P.append(sent + S.get('org_extra', ''))
    bx, bs, sx, ss = S['staff']
    bz, sy = bx + bs, sx + ss
    if 'staff' in bad:
        shown = bad['staff']
        txt = f'实有人员{shown}人，其中行政{sx}人、事业{ss}人'
        P.append(f'{Y}年末核定编制{bz}名（行政编制{bx}名、事业编制{bs}名），{txt}。')
        K.d('staff', ['arithmetic', 'mismatch'], 'error', txt, anchors=[f'实有人员{shown}人'],
            figures={'shown': shown, 'parts': [sx, ss], 'sum': sy, '编制': bz}, where='一（二）人员情况',
            note=f'parts sum to {sy}' + ('; shown exceeds 编制' if shown > bz else ''))
    else:
        txt = f'实有人员{sy}人，其中行政{sx}人、事业{ss}人'
        P.append(f'{Y}年末核定编制{bz}名（行政编制{bx}名、事业编制{bs}名），{txt}，编制使用率{pct(sy, bz)}。')
        K.c('staff', txt, f'{sx}+{ss}={sy} ≤ 编制{bz}; {pct(sy, bz)}', anchors=[f'实有人员{sy}人'], false_alarm_categories=['arithmetic', 'mismatch'])
    if S.get('after_staff'):
        P.append(S['after_staff'])
    # money
    fis, oth, inc_prev = S['income']
    inc = r2(fis + oth)
    ry, gy, xm, zc_prev = S['spend']
    jb = r2(ry + gy); zc = r2(jb + xm)
    P.append('二、部门收支情况')
    d_inc = r2(inc - inc_prev)
    word = '增加' if d_inc >= 0 else '减少'
    g = pct(abs(d_inc), inc_prev)
    gshow = bad.get('prev_inc', g)
    s_inc = f'收入合计{m(inc)}万元，其中财政拨款收入{m(fis)}万元、其他收入{m(oth)}万元，较上年{word}{m(abs(d_inc))}万元，{"增长" if d_inc >= 0 else "下降"}{gshow}'
    P.append(f'（一）收入情况。{Y}年度{s_inc}。{S.get("inc_reason", "")}')
    if 'prev_inc' in bad:
        K.d('prev_year', ['arithmetic'], 'error', f'{"增长" if d_inc >= 0 else "下降"}{gshow}', anchors=[f'{word}{m(abs(d_inc))}万元'],
            figures={'inc': inc, 'prev': inc_prev, 'delta': d_inc, 'correct': g, 'shown': gshow}, where='二（一）收入情况')
    else:
        K.c('prev_year', f'较上年{word}{m(abs(d_inc))}万元，{"增长" if d_inc >= 0 else "下降"}{g}', f'({m(inc)}-{m(inc_prev)})/{m(inc_prev)} = {g}', false_alarm_categories=['arithmetic', 'mismatch'])
    d_zc = r2(zc - zc_prev)
    xm_show = bad.get('xm_text', m(xm))
    zc_show = bad.get('zc_parts', m(zc))
    unit_xm = bad.get('xm_unit', '万元')
    s_zc = f'支出合计{zc_show}万元，其中基本支出{m(jb)}万元（人员经费{m(ry)}万元、公用经费{m(gy)}万元），项目支出{xm_show}{unit_xm}'
    P.append(f'（二）支出情况。{Y}年度{s_zc}。支出较上年{"增加" if d_zc >= 0 else "减少"}{m(abs(d_zc))}万元，{"增长" if d_zc >= 0 else "下降"}{pct(abs(d_zc), zc_prev)}。{S.get("zc_reason", "")}')
    if 'zc_parts' in bad:
        K.d('parts_total', ['arithmetic'], 'error', f'支出合计{zc_show}万元', anchors=[f'支出合计{zc_show}万元'],
            figures={'total': zc_show, 'jb': jb, 'xm': xm, 'sum': zc}, where='二（二）支出情况', note=f'{m(jb)}+{m(xm)}={m(zc)}')
        K.b('prev_year', f'较上年{"增加" if d_zc >= 0 else "减少"}{m(abs(d_zc))}万元，{"增长" if d_zc >= 0 else "下降"}{pct(abs(d_zc), zc_prev)}',
            f'computed from the true 支出合计 {m(zc)}; against the displayed (planted wrong) {zc_show} it looks off — a finding here is a knock-on of the parts_total defect and counts for it',
            cats=['arithmetic', 'mismatch'])
    else:
        K.c('parts_total', f'基本支出{m(jb)}万元（人员经费{m(ry)}万元、公用经费{m(gy)}万元）', f'{m(ry)}+{m(gy)}={m(jb)}; +{m(xm)}={m(zc)}', anchors=[f'基本支出{m(jb)}万元'], false_alarm_categories=['arithmetic'])
        K.c('prev_year', f'较上年{"增加" if d_zc >= 0 else "减少"}{m(abs(d_zc))}万元，{"增长" if d_zc >= 0 else "下降"}{pct(abs(d_zc), zc_prev)}', f'({m(zc)}-{m(zc_prev)})/{m(zc_prev)}', false_alarm_categories=['arithmetic', 'mismatch'])
    if 'xm_unit' in bad:
        K.d('unit_slip', ['mismatch', 'arithmetic'], 'warning', f'项目支出{xm_show}{unit_xm}', figures={'shown': f'{xm_show}{unit_xm}', 'correct': f'{m(xm)}万元'},
            where='二（二）支出情况', note='元 written for 万元 (x10000)')
    if S.get('sg'):
        a, b, prev = S['sg']
        sg = r2(a + b)
        d = r2(prev - sg)
        P.append(f'（三）“三公”经费。{Y}年“三公”经费支出{m(sg)}万元，其中公务接待费{m(a)}万元、公务用车运行维护费{m(b)}万元，较上年{"减少" if d >= 0 else "增加"}{m(abs(d))}万元，{"下降" if d >= 0 else "增长"}{pct(abs(d), prev)}，无因公出国（境）费用。')
        K.c('prev_year', f'“三公”经费支出{m(sg)}万元', f'{m(a)}+{m(b)}={m(sg)}; change {m(abs(d))} / {m(prev)} = {pct(abs(d), prev)}', anchors=[f'“三公”经费支出{m(sg)}万元'], false_alarm_categories=['arithmetic', 'mismatch'])
    # form
    rows = fill_scores(S['rows'])
    full = S.get('full', inc); init = S['init']
    fsubs = S.get('fsubs', [('其中：财政拨款', init - S.get('init_oth', 0), fis, r2(zc - oth)), ('其他资金', S.get('init_oth', 0), oth, oth)])
    we = S['decl']['预算执行']
    fr, rate, es = funds_rows((init, full, zc), fsubs, we, rate_show=bad.get('rate_table'), trunc=S.get('trunc', False))
    tot = totals(rows, es, S['decl'])
    tot_show = bad.get('total_table', fmt_s(tot))
    grid = form_grid('dept', {'unit': unit}, fr, we, S['goal_t'], S['goal_a'], rows, labels(S['decl']), tot_show)
    if 'rate_table' in bad:
        K.d('exec_rate', ['arithmetic', 'mismatch'], 'error', bad['rate_table'], anchors=['年度资金总额', bad['rate_table']],
            figures={'executed': zc, 'budget': full, 'correct': rate, 'shown': bad['rate_table']}, where='自评表 年度资金总额 执行率')
    else:
        K.c('exec_rate', rate, f'{m(zc)}/{m(full)} = {rate}; 得分 {fmt_s(es)}', anchors=[rate], false_alarm_categories=['arithmetic', 'mismatch'])
    if 'total_table' in bad:
        K.d('score_total', ['scoring', 'arithmetic', 'mismatch'], 'error', bad['total_table'], anchors=['总分', bad['total_table']], figures={'shown': bad['total_table'], 'sum': tot},
            where='自评表 总分', note=f'rows + 执行率得分 = {fmt_s(tot)}')
    elif S.get('no_total_ctl'):
        K.b('score_total', tot_show, S['no_total_ctl'], anchors=['总分'], cats=['scoring'])
    else:
        K.c('total', tot_show, f'Σ rows + 执行率得分 {fmt_s(es)} = {fmt_s(tot)}', anchors=['总分'], false_alarm_categories=['scoring', 'arithmetic'])
    P.append('三、部门整体支出绩效情况')
    for p in S['results']:
        P.append(p)
    P.append(ind_paragraph(rows, '各项绩效指标完成情况如下：'))
    rate_txt = bad.get('rate_text', pct(zc, full) if S.get('trunc') else rate)
    if S.get('trunc'):
        K.c('rounding', f'预算执行率{rate_txt}', f'narrative rounds ({rate_txt}), table truncates ({rate}); {m(zc)}/{m(full)} — one unit in last digit is not an error (§4)',
            anchors=[rate_txt, rate], false_alarm_categories=['arithmetic', 'mismatch'])
    P.append(f'（{S.get("exec_no", "三")}）预算执行情况。全年预算数{m(full)}万元，实际支出{m(zc)}万元，预算执行率{rate_txt}。{S.get("exec_extra", "")}')
    if 'rate_text' in bad:
        K.d('exec_rate', ['arithmetic', 'mismatch'], 'error', f'预算执行率{rate_txt}', anchors=[f'预算执行率{rate_txt}', rate_txt], figures={'executed': zc, 'budget': full, 'correct': rate, 'shown': rate_txt},
            where='三 预算执行情况')
    P.append('四、自评结论')
    tot_txt = bad.get('total_text', fmt_s(tot))
    gr = bad.get('grade', grade(float(tot_txt)))
    P.append(f'经自评，{Y}年度部门整体支出绩效自评得分{tot_txt}分，评价等级为“{gr}”。{S.get("concl_extra", "")}')
    if 'total_text' in bad:
        K.d('score_total', ['mismatch', 'scoring'], 'error', f'绩效自评得分{tot_txt}分', anchors=[f'绩效自评得分{tot_txt}分', tot_txt], figures={'narrative': tot_txt, 'table': tot_show, 'sum': tot}, where='四、自评结论')
    if 'grade' in bad:
        K.d('score_total', ['scoring', 'mismatch'], 'warning', f'评价等级为“{gr}”', figures={'total': tot_txt, 'grade': gr, 'expected': grade(float(tot_txt))}, where='四、自评结论', note='grade word vs band')
    P.append('五、存在的问题及原因分析')
    P.append(S['problems'])
    P.append('六、下一步改进措施')
    P.append(S['measures'])
    if S.get('tail'):
        P += S['tail']
    return P, grid, tot, rate, rows


def std_proj(K, S):
    Y = S['year']; bad = S.get('bad', {})
    init, full, exe = S['funds']
    subs = S['fsubs']
    we = S['decl']['预算执行']
    fr, rate, es = funds_rows((init, full, exe), subs, we, rate_show=bad.get('rate_table'),
                              trunc=S.get('trunc', False), check_sum='fund_sum' not in bad)
    rows = fill_scores(S['rows'])
    tot = totals(rows, es, S['decl'])
    K.rows = rows
    tot_show = bad.get('total_table', fmt_s(tot))
    grid = form_grid('proj', S['head'], fr, we, S['goal_t'], S['goal_a'], rows, labels(S['decl']), tot_show,
                     funds_label='项目资金\n（万元）')
    if 'rate_table' in bad:
        K.d('exec_rate', ['arithmetic', 'mismatch'], 'error', bad['rate_table'], anchors=['年度资金总额', bad['rate_table']],
            figures={'executed': exe, 'budget': full, 'correct': rate, 'shown': bad['rate_table']}, where='自评表 执行率')
    else:
        K.c('exec_rate', rate, f'{m(exe)}/{m(full)} = {rate}; 得分 {fmt_s(es)}', anchors=[rate], false_alarm_categories=['arithmetic', 'mismatch'])
    if 'total_table' in bad:
        K.d('score_total', ['scoring', 'arithmetic', 'mismatch'], 'error', bad['total_table'], anchors=['总分', bad['total_table']], figures={'shown': bad['total_table'], 'sum': tot}, where='自评表 总分')
    else:
        K.c('total', tot_show, f'Σ rows + 执行率得分 {fmt_s(es)} = {fmt_s(tot)}', anchors=['总分'], false_alarm_categories=['scoring', 'arithmetic'])
    return grid, tot, rate, es, rows
