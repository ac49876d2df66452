from lib_a import V, c, pct, r2, fmt, ind_rows, ind_header, check_inds


def funds_rows(funds, w, score, label, rate_over=None, score_over=None, sub_dash='—'):
    """funds: [(label, init, full, exe)], first = total. returns rows (9 cols) and computed (rate, score)"""
    tot = funds[0]
    if len(funds) > 1:
        for k in (1, 2, 3):
            s = sum(f[k] for f in funds[1:] if f[k] is not None)
            assert abs(s - tot[k]) < 0.005 or (label, k) in getattr(funds_rows, 'allow', set()), (funds, k, s)
    rows = [[label, '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', c('得分', 2)]]
    rate = tot[3] / tot[2]
    sc = r2(min(rate, 1) * w)
    if score is not None: assert abs(score - sc) < 0.011 or score_over is not None
    for i, (lab, a, b, e) in enumerate(funds):
        if i == 0:
            rows.append([V, lab, f'{a:.2f}', f'{b:.2f}', f'{e:.2f}', fmt(w), rate_over or pct(e, b), c(score_over or f'{sc:.2f}', 2)])
        else:
            rows.append([V, lab, f'{a:.2f}' if a is not None else '', f'{b:.2f}' if b is not None else '',
                         f'{e:.2f}' if e is not None else '', sub_dash, pct(e, b) if b else '', c(sub_dash, 2)])
    return rows, sc


def goal_rows(t, a, span=(4, 4)):
    return [['年度总体目标', c('预期目标', span[0]), c('实际完成情况', span[1])], [V, c(t, span[0]), c(a, span[1])]]


def ind_total(inds):
    return r2(sum(r['s'] for r in inds))


def check_weights(inds, decl):
    """decl: {l1: weight}"""
    for l1, w in decl.items():
        s = sum(r['w'] for r in inds if r['l1'] == l1)
        assert abs(s - w) < 1e-6, (l1, s, w)


def proj_form(name, dept, unit, funds, wexec, goal, inds, total_over=None, remark=False, order='national',
              rate_over=None, score_over=None, bad=(), first_hdr=None, decl=None, extra_hdr=None):
    check_inds(inds, bad)
    if decl: check_weights(inds, decl)
    rows = [[c('项目名称'), c(name, 8)], ['主管部门', c(dept, 3), '实施单位', c(unit, 4)]]
    if extra_hdr: rows += extra_hdr
    fr, sc = funds_rows(funds, wexec, None, first_hdr or '项目资金（万元）', rate_over, score_over)
    rows += fr
    rows += goal_rows(*goal)
    hdr = ind_header(True, remark, order)
    rows.append(hdr)
    rows += ind_rows(inds, 9, True, remark, order)
    tot = r2(ind_total(inds) + (float(score_over) if score_over else sc))
    rows.append([c('总分', 6), '100', total_over or f'{tot:.2f}', ''])
    return rows, tot, sc, len(hdr)


def dept_form(name, funds, wexec, goal, inds, total_over=None, remark=False, bad=(), rate_over=None, score_over=None, decl=None):
    check_inds(inds, bad)
    if decl: check_weights(inds, decl)
    rows = [[c('预算部门（单位）名称'), c(name, 8)]]
    fr, sc = funds_rows(funds, wexec, None, '年度预算（万元）', rate_over, score_over)
    rows += fr
    rows += goal_rows(*goal)
    hdr = ind_header(True, remark)
    rows.append(hdr)
    rows += ind_rows(inds, 9, True, remark)
    tot = r2(ind_total(inds) + (float(score_over) if score_over else sc))
    rows.append([c('总分', 6), '100', total_over or f'{tot:.2f}', ''] + ([''] if remark else []))
    return rows, tot, sc, len(hdr)


def base_table(staff, sangong, gongyong, xiangmu, caigou, year):
    """staff=(编制, 实有, rate_str or None); sangong=[(label, prev, budget, actual)] first=total"""
    bz, sy, rs = staff
    rows = [['财政供养人员情况（人）', '编制数', f'{year}年实际在职人数', '控制率'],
            ['', str(bz), str(sy), rs or pct(sy, bz)],
            ['经费控制情况（万元）', f'{year-1}年决算数', f'{year}年预算数', f'{year}年决算数']]
    tot = sangong[0]
    for k in (1, 2, 3):
        assert abs(sum(x[k] for x in sangong[1:]) - tot[k]) < 0.005, sangong
    for lab, a, b, e in sangong:
        rows.append([lab, f'{a:.2f}', f'{b:.2f}', f'{e:.2f}'])
    for lab, vals in (('公用经费', gongyong), ('项目支出', xiangmu)):
        rows.append([lab] + [f'{v:.2f}' for v in vals])
    rows.append(['政府采购金额', '——', f'{caigou[0]:.2f}', f'{caigou[1]:.2f}'])
    return rows


def I(l1, l2, name, t, a, w, s, dev='', rem=''):
    return dict(l1=l1, l2=l2, name=name, t=t, a=a, w=w, s=s, dev=dev, rem=rem)
