from core import *

def funds_block(label, rows, cols, w, nd=2, rate_first=False, extra=None):
    """rows: list of (name, init, full, exe). first row is total. Returns table rows + (rate_str, score)."""
    tot = rows[0]
    for i in (1, 2, 3):
        if tot[i] is None: continue
        parts = [r[i] for r in rows[1:] if r[i] is not None]
        assert close(sum(parts), tot[i]), (label, i, sum(parts), tot[i])
    rate = tot[3] / tot[2]
    sc = round(min(rate, 1) * w, 2)
    return rate, sc

def nat_funds(rows, w, rate, sc, lead='项目资金（万元）', order='nat', overrides=None):
    ov = overrides or {}
    out = []
    hdr = {'nat': ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
           'ah': ['全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
           'yn': ['年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分'],
           'cq': ['年初预算数', '全年（调整）预算数', '全年执行数', '执行率', '执行率权重', '执行率得分'],
           'hb': ['预算数', '执行数', '执行率', '得分(10分*执行率)']}[order]
    out.append([(lead, len(rows) + 1, 1), ''] + hdr)
    for i, (nm, a, b, c) in enumerate(rows):
        A = '' if a is None else f2(a); Bv = '' if b is None else f2(b); Cx = '' if c is None else f2(c)
        r_ = pct(c, b) if (b and c is not None) else '—'
        if i == 0:
            wv, rv, sv = str(w), ov.get('rate', f"{rate*100:.2f}%"), ov.get('score', f2(sc))
        else:
            wv, rv, sv = '—', r_ if b else '—', '—'
        nm_ = nm if i == 0 else ('其中：' + nm if i == 1 else nm)
        Bv = ov.get(('full', i), Bv); Cx = ov.get(('exe', i), Cx)
        line = {'nat': [nm_, A, Bv, Cx, wv, rv, sv], 'ah': [nm_, Bv, Cx, wv, rv, sv],
                'yn': [nm_, A, Bv, Cx, rv, wv, sv], 'cq': [nm_, A, Bv, Cx, rv, wv, sv],
                'hb': [nm_, Bv, Cx, rv, sv]}[order]
        out.append(line)
    return out
