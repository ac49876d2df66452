"""Form builders (9-column grid) shared by the J reports."""
from lib import U, L, m, pct, r2, fmt_s, indicator_block, funds_block, check_grid, fill_scores, l1_weights

FUNDS_HDR = ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']


def funds_rows(total, subs, w_exec, rate_show=None, score_show=None, trunc=False, check_sum=True):
    """total=(init, full, exec); subs=[(label, init, full, exec)]. Asserts sums."""
    a, b, c = total
    if subs:
        for i in range(3):
            s = sum(x[1 + i] for x in subs if x[1 + i] is not None)
            assert abs(s - total[i]) < 0.005 or not check_sum, ('fund sum', i, s, total[i])
    rate = pct(c, b, trunc=trunc)
    score = r2(min(c / b, 1) * w_exec)
    rows = [('年度资金总额', m(a), m(b), m(c), rate_show or rate, fmt_s(w_exec), score_show or fmt_s(score))]
    for lab, x, y, z in subs:
        rows.append((lab, '' if x is None else m(x), '' if y is None else m(y), '' if z is None else m(z), '—', '—', '—'))
    return rows, rate, score


def form_grid(kind, head, funds, w_exec, goal_t, goal_a, rows, l1_labels, total_show, funds_label='年度预算\n执行情况\n（万元）'):
    g = []
    if kind == 'dept':
        g.append(['预算部门（单位）名称', head['unit'], L, L, L, L, L, L, L])
    else:
        g.append(['项目名称', head['project'], L, L, L, L, L, L, L])
        g.append(['主管部门', head['dept'], L, L, '实施单位', head['unit'], L, L, L])
    g += funds_block(funds_label, FUNDS_HDR, funds, w_exec)
    g.append(['年度总体目标', '预期目标', L, L, L, '实际完成情况', L, L, L])
    g.append([U, goal_t, L, L, L, goal_a, L, L, L])
    g += indicator_block(rows, l1_labels, total=total_show)
    check_grid(g)
    return g


def totals(rows, exec_score, declared):
    """declared: dict l1->weight incl. '预算执行' ; assert weights."""
    lw = l1_weights(rows)
    for k, v in lw.items():
        assert abs(declared[k] - v) < 1e-9, ('weight', k, v, declared[k])
    assert abs(sum(declared.values()) - 100) < 1e-9
    t = r2(sum(r['s'] for r in rows) + exec_score)
    return t


def grade(t):
    return '优' if t >= 90 else '良' if t >= 80 else '中' if t >= 60 else '差'
