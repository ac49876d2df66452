"""Helpers for the held-out narrcheck evaluation set (J01-J14).

Structured sources -> consistent figures by construction; planted defects are
explicit overrides registered in the key (Key.d / Key.c / Key.b).
"""
import re
from decimal import Decimal, ROUND_HALF_UP, ROUND_DOWN

U = object()   # vertical-merge continuation (cell above continues)
L = object()   # horizontal-merge continuation (cell to the left continues)
NCOL = 9


def r2(x, nd=2):
    q = Decimal(1).scaleb(-nd)
    return float(Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP))


def t2(x, nd=2):
    q = Decimal(1).scaleb(-nd)
    return float(Decimal(str(x)).quantize(q, rounding=ROUND_DOWN))


def m(x):
    """money, 2 decimals"""
    return f"{r2(x):.2f}"


def pct(num, den, nd=2, trunc=False):
    v = Decimal(str(num)) / Decimal(str(den)) * 100
    q = Decimal(1).scaleb(-nd)
    v = v.quantize(q, rounding=ROUND_DOWN if trunc else ROUND_HALF_UP)
    return f"{v}%"


def fmt_s(s):
    if abs(s - round(s)) < 1e-9:
        return str(int(round(s)))
    return f"{s:.2f}".rstrip('0').rstrip('.')


VAL = re.compile(r'^(≥|≤|=|>|<|不低于|不少于|不高于|不超过)?\s*(\d+(?:\.\d+)?)\s*(.*)$')


def parse(v):
    mm = VAL.match(v.strip())
    if not mm:
        return None
    op = mm.group(1) or '='
    op = {'不低于': '≥', '不少于': '≥', '不高于': '≤', '不超过': '≤'}.get(op, op)
    return op, float(mm.group(2)), mm.group(3)


def tier(actual):
    if '未达成' in actual or '无效' == actual.strip():
        return 3
    if '部分达成' in actual or '基本有效' in actual:
        return 2
    return 1


def calc_score(row):
    """Score per domain-rules §2 (10号)."""
    w = row['w']
    if row.get('q'):
        return None
    pt, pa = parse(row['target']), parse(row['actual'])
    assert pt and pa, (row['name'], row['target'], row['actual'])
    op, A, _ = pt
    _, B, _ = pa
    if op in ('≥', '>', '='):
        if A == 0:
            return w if B <= 0 else 0
        return w if B >= A else r2(w * B / A)
    if op in ('≤', '<'):
        if B <= A:
            return w
        if B < 2 * A:
            return r2(w * (1 - (B - A) / A))
        return 0
    raise ValueError(op)


def ind(l1, l2, name, target, actual, w, s=None, dev='', q=False, bad=False, cut=False):
    return dict(l1=l1, l2=l2, name=name, target=target, actual=actual, w=w, s=s,
                dev=dev, q=q, bad=bad, cut=cut)


def fill_scores(rows):
    for r in rows:
        if r['bad']:
            assert r['s'] is not None
            continue
        c = calc_score(r)
        if r['q']:
            assert r['s'] is not None, r['name']
            t = tier(r['actual'])
            lo, hi = {1: (0.8, 1.0), 2: (0.6, 0.8), 3: (0, 0.6)}[t]
            ratio = r['s'] / r['w']
            assert lo - 1e-9 <= ratio <= hi + 1e-9 and (t == 1 or ratio < hi), (r['name'], t, ratio)
        elif r['s'] is None:
            r['s'] = c
        else:
            if r['cut']:   # 10号: target set too low -> score cut, reason given
                assert r['s'] <= c and r['dev']
                pa, pt = parse(r['actual']), parse(r['target'])
                assert pa[1] >= 1.2 * pt[1]
            else:
                assert abs(r['s'] - c) < 0.011, (r['name'], r['s'], c)
        assert r['s'] <= r['w'] + 1e-9 or r['bad'], r['name']
        if r['s'] < r['w'] - 0.01 and not r['bad']:
            assert r['dev'] and r['dev'] not in ('无', '/', '—'), ('DEV-MISSING unplanted', r['name'])
    return rows


def l1_weights(rows):
    out = {}
    for r in rows:
        k = r['l1'].split('（')[0].split('(')[0]
        out[k] = out.get(k, 0) + r['w']
    return out


# ---------------------------------------------------------------- tables

def blank_row():
    return [''] * NCOL


def funds_block(label, cols_hdr, rows, w_exec):
    """rows: list of (name, init, full, exec, show_rate_score) ; first is total."""
    g = []
    g.append([label, cols_hdr[0], L] + list(cols_hdr[1:]))
    for i, (nm, a, b, c, rate, w, s) in enumerate(rows):
        g.append([U, nm, L, a, b, c, w, rate, s])
    return g


def indicator_block(rows, l1_labels, hdr=None, total=None, total_w='100'):
    hdr = hdr or ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']
    g = [['绩效指标'] + hdr]
    prev1 = prev2 = None
    for r in rows:
        c1 = l1_labels.get(r['l1'], r['l1']) if r['l1'] != prev1 else U
        c2 = r['l2'] if (r['l2'] != prev2 or r['l1'] != prev1) else U
        prev1, prev2 = r['l1'], r['l2']
        g.append([U, c1, c2, r['name'], r['target'], r['actual'], fmt_s(r['w']),
                  r.get('s_show', fmt_s(r['s'])), r['dev']])
    if total is not None:
        g.append(['总分', L, L, L, L, L, total_w, total, ''])
    return g


def check_grid(g):
    for row in g:
        assert len(row) == NCOL, row
        assert row[0] is not L


# ---------------------------------------------------------------- renderers

def render_tab(doc):
    out = []
    for kind, x in doc:
        if kind == 'p':
            out.append(x)
        else:
            rows = []
            for row in x:
                cells = []
                for c in row:
                    if c is L:
                        continue
                    cells.append('\t' if c is U else '\t' + c)
                rows.append('\n'.join(cells))
            out.append('\n\n'.join(rows))
    return '\n\n'.join(out) + '\n'


def render_web(doc, chrome_top, chrome_bottom):
    out = [chrome_top]
    for kind, x in doc:
        if kind == 'p':
            out.append(x)
        else:
            lines = []
            for row in x:
                for c in row:
                    if c is L or c is U:
                        continue
                    lines.append(c.replace('\n', ''))
            out.append('\n'.join(lines))
    out.append(chrome_bottom)
    return '\n'.join(out) + '\n'


def render_flat(doc):
    out = []
    for kind, x in doc:
        if kind == 'p':
            out.append(x)
        else:
            lines = []
            for row in x:
                cells = [c.replace('\n', '') for c in row if c is not L and c is not U and c.strip()]
                lines.append(' '.join(cells))
            out.append('\n'.join(lines))
    return '\n'.join(out) + '\n'


def render_docx(doc, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles['Normal']
    st.font.size = Pt(10.5)
    for kind, x in doc:
        if kind == 'p':
            for line in x.split('\n'):
                d.add_paragraph(line)
        else:
            nr = len(x)
            t = d.add_table(rows=nr, cols=NCOL)
            t.style = 'Table Grid'
            done = set()
            for i in range(nr):
                for j in range(NCOL):
                    c = x[i][j]
                    if c is L or c is U or (i, j) in done:
                        continue
                    j2 = j
                    while j2 + 1 < NCOL and x[i][j2 + 1] is L:
                        j2 += 1
                    i2 = i
                    while i2 + 1 < nr and x[i2 + 1][j] is U:
                        i2 += 1
                    cell = t.cell(i, j)
                    if (i2, j2) != (i, j):
                        cell = cell.merge(t.cell(i2, j2))
                    lines = c.split('\n')
                    cell.paragraphs[0].text = lines[0]
                    for ln in lines[1:]:
                        cell.add_paragraph(ln)
                    for a in range(i, i2 + 1):
                        for b in range(j, j2 + 1):
                            done.add((a, b))
            d.add_paragraph('')
    d.save(path)


def plain_for_check(doc):
    """all text (cells separately) used to verify key locations exist."""
    parts = []
    for kind, x in doc:
        if kind == 'p':
            parts.append(x)
        else:
            for row in x:
                for c in row:
                    if isinstance(c, str):
                        parts.append(c)
    return parts


# ---------------------------------------------------------------- key

class Key:
    def __init__(self, rid):
        self.rid = rid
        self.defects, self.controls, self.borderline = [], [], []

    def d(self, kind, cats, sev, text, anchors=None, indicator=None, figures=None, note='', where=''):
        self.defects.append(dict(id=f"{self.rid}-D{len(self.defects)+1}", kind=kind, categories=cats,
                                 severity=sev, where=where, text=text, anchors=anchors or [text],
                                 indicator=indicator, figures=figures or {}, note=note))
        return text

    def c(self, kind, text, why, anchors=None, indicator=None, false_alarm_categories=None, where=''):
        self.controls.append(dict(id=f"{self.rid}-C{len(self.controls)+1}", kind=kind, where=where, text=text,
                                  anchors=anchors or [text], indicator=indicator, why=why,
                                  false_alarm_categories=false_alarm_categories))
        return text

    def b(self, kind, text, why, anchors=None, indicator=None, cats=None, where=''):
        self.borderline.append(dict(id=f"{self.rid}-B{len(self.borderline)+1}", kind=kind, where=where,
                                    text=text, anchors=anchors or [text], indicator=indicator, why=why,
                                    categories=cats))
        return text


def nows(s):
    return re.sub(r'\s+', '', s)


def verify_key(key, doc):
    parts = [nows(p) for p in plain_for_check(doc)]
    blob = ''.join(parts)
    for item in key.defects + key.controls + key.borderline:
        t = nows(item['text'])
        assert any(t in p for p in parts), (key.rid, item['id'], item['text'])
        for a in item['anchors']:
            assert nows(a) in blob, (key.rid, item['id'], 'anchor', a)


def ind_paragraph(rows, head='绩效指标完成情况：'):
    parts = []
    for i, r in enumerate(rows, 1):
        parts.append(f"{i}.{r['name']}：年度指标值{r['target']}，实际完成值{r['actual']}，分值{fmt_s(r['w'])}分，得分{r.get('s_show', fmt_s(r['s']))}分")
    return head + '；'.join(parts) + '。'
