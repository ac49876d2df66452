"""Form builders for build_a.py (national-style 项目支出 and 部门整体 forms)."""
from render_a import r2, pct, f2

def fund_rows(funds, w=10, exec_score=None, label='项目资金（万元）', with_init=True):
    """funds: [(label, init, full, exec)], first row is the total. Returns rows, rate, score."""
    tot = funds[0]
    for k in (1, 2, 3):
        parts = [f[k] for f in funds[1:] if f[k] is not None]
        assert abs(sum(parts) - tot[k]) < 0.005, (tot, parts)
    rate = tot[3] / tot[2]
    s = r2(min(rate, 1) * w) if exec_score is None else exec_score
    hdr = [label, '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']
    rows = [hdr, ['', tot[0], f2(tot[1]), f2(tot[2]), f2(tot[3]), str(w), pct(tot[3], tot[2]), f"{s:.2f}"]]
    for f in funds[1:]:
        rows.append(['', f[0]] + ['' if v is None else f2(v) for v in f[1:]] + ['—', '—', '—'])
    return rows, rate, s

def ind_rows(inds, hdr=None):
    """inds: [(l1, l2, name, A, B, w, s, dev)]; l1/l2 printed only when they change."""
    rows = [hdr or ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']]
    last1 = last2 = None; tw = ts = 0
    for (l1, l2, name, A, B, w, s, dev) in inds:
        assert s <= w + 1e-9 or getattr(ind_rows, 'allow_cap', False), (name, w, s)
        rows.append(['', l1 if l1 != last1 else '', l2 if (l2 != last2 or l1 != last1) else '', name, A, B,
                     f"{w:g}", (f"{s:g}" if float(s).is_integer() else f"{s:.2f}"), dev])
        last1, last2 = l1, l2; tw += w; ts += s
    return rows, tw, r2(ts)

def proj_table(name, dept, unit, funds, goal_t, goal_a, inds, total=None, tail=None, exec_score=None):
    fr, rate, es = fund_rows(funds, exec_score=exec_score)
    ir, tw, ts = ind_rows(inds)
    assert tw == 90, tw
    tot = r2(ts + es)
    rows = [['项目名称', name], ['主管部门', dept, '实施单位', unit]] + fr + [
        ['年度总体目标', '预期目标', '实际完成情况'], ['', goal_t, goal_a]] + ir + [
        ['总分', '', '', '', '', '', '100', f"{(tot if total is None else total):.2f}", '']] + (tail or [])
    return rows, rate, es, tot

def ind_merges(rows, o):
    """merges for an ind_rows block placed at row offset o (header row at o)."""
    n = len(rows); m = [(o, 0, o + n - 1, 0)]
    for col in (1, 2):
        i = 1
        while i < n:
            if rows[i][col]:
                j = i
                while j + 1 < n and not rows[j + 1][col] and (col == 1 or not rows[j + 1][1]): j += 1
                if j > i: m.append((o + i, col, o + j, col))
                i = j + 1
            else: i += 1
    return m
