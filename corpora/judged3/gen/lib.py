# -*- coding: utf-8 -*-
"""Shared helpers for the heldout3 generator: structured tables, scoring, renderers."""
import re

L = '<'   # merged with the cell to the left (docx gridSpan)
U = '^'   # merged with the cell above (docx vMerge)

def r2(x):
    return round(x + 1e-9, 2)

def fmt2(x):
    return f"{x:.2f}"

def pct(num, den, d=2):
    return f"{num/den*100:.{d}f}%"

def num_of(s):
    if s is None:
        return None
    if '未发生' in s or s.strip() in ('无', '零'):
        return 0.0
    m = re.search(r'-?\d+(?:\.\d+)?', s.replace(',', ''))
    return float(m.group()) if m else None

def auto_score(t, a, w):
    """Score per domain-rules §2; None when the row is not auto-scorable."""
    if t is None or a is None or '年' in t or '月' in t:
        return None
    A, B = num_of(t), num_of(a)
    if A is None or B is None:
        return None
    rev = t.strip().startswith(('≤', '<', '不高于', '不超过'))
    if rev:
        if B <= A:
            return float(w)
        if A == 0:
            return 0.0
        if B >= 2 * A:
            return 0.0
        return r2(w * (1 - (B - A) / A))
    if A == 0:
        return float(w) if B <= 0 else 0.0
    return float(w) if B >= A else r2(w * B / A)


class Ind:
    """One indicator row. s=None -> auto score (or w if not auto-scorable)."""
    def __init__(self, l1, l2, name, t, a, w, s=None, dev='', planted=False, core=''):
        self.l1, self.l2, self.name, self.t, self.a, self.w = l1, l2, name, t, a, w
        self.dev, self.planted, self.core = dev, planted, core
        auto = auto_score(t, a, w)
        if s is None:
            s = auto if auto is not None else float(w)
        elif auto is not None and abs(auto - s) > 0.011 and not planted:
            # legit lower score must carry a reason
            assert s < auto and dev, (name, t, a, w, s, auto)
        self.s = float(s)
        if not planted:
            assert self.s <= w + 1e-9, name
            if self.s < w - 0.011:
                assert dev and dev not in ('无', '/'), ('lost points need reason', name)


def fnum(x):
    """format a score without trailing zeros noise: 10 -> '10', 8.5 -> '8.5', 8.33 -> '8.33'"""
    if x is None:
        return ''
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.2f}".rstrip('0').rstrip('.')


def split_target(t):
    """'≥95%' -> ('≥','95','%'); for Sichuan 指标性质/指标值/度量单位 columns."""
    m = re.match(r'^(≥|≤|=|>|<)?\s*(-?\d+(?:\.\d+)?)\s*(.*)$', t)
    if not m:
        return ('定性', t, '')
    return (m.group(1) or '=', m.group(2), m.group(3))


def ind_rows(inds, cols, l1_weights=None):
    """Build indicator table rows. cols is a list of column keys:
    l1 l2 name t a w s dev core dir tval unit ratio aval"""
    rows = []
    prev_l1 = prev_l2 = None
    for i in inds:
        r = []
        for c in cols:
            if c == 'l1':
                lab = i.l1 if not l1_weights or i.l1 not in l1_weights else f"{i.l1}({fnum(l1_weights[i.l1])}分)"
                r.append(U if i.l1 == prev_l1 else lab)
            elif c == 'l2':
                r.append(U if (i.l2 == prev_l2 and i.l1 == prev_l1) else i.l2)
            elif c == 'name': r.append(i.name)
            elif c == 't': r.append(i.t)
            elif c == 'a': r.append(i.a)
            elif c == 'w': r.append(fnum(i.w))
            elif c == 's': r.append(fnum(i.s))
            elif c == 'dev': r.append(i.dev)
            elif c == 'core': r.append(i.core)
            elif c == 'dir': r.append(split_target(i.t)[0])
            elif c == 'tval': r.append(split_target(i.t)[1])
            elif c == 'unit': r.append(split_target(i.t)[2])
            elif c == 'aval':
                d, v, u = split_target(i.t)
                r.append(i.a[:-len(u)] if u and i.a.endswith(u) else i.a)
            elif c == 'ratio':
                r.append(fnum(r2(i.s / i.w * 100)) if i.w else '')
            else:
                raise KeyError(c)
        prev_l1, prev_l2 = i.l1, i.l2
        rows.append(r)
    return rows


def sum_scores(inds):
    return r2(sum(i.s for i in inds))


def l1_sums(inds, key='w'):
    d = {}
    for i in inds:
        d[i.l1] = d.get(i.l1, 0) + getattr(i, key)
    return d


def grade(total):
    return '优' if total >= 90 else '良' if total >= 80 else '中' if total >= 60 else '差'


class Table:
    def __init__(self, rows, title=None, split_at=None):
        self.rows = rows
        self.title = title
        self.split_at = split_at   # docx: split into two w:tbl after this row index


# ---------------------------------------------------------------- renderers
def _cells(row, mode):
    out = []
    for c in row:
        if c == L:
            continue
        if c == U:
            if mode in ('cell', 'flat'):
                continue
            out.append('')
        else:
            out.append(c)
    return out


def render_tab(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Table):
            if b.title:
                out.append(b.title)
            for row in b.rows:
                for c in _cells(row, 'tab'):
                    out.append('\t' + c)
                out.append('')
        else:
            out.append(b)
            out.append('')
    return '\n'.join(out)


def render_cell(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Table):
            if b.title:
                out.append(b.title)
            for row in b.rows:
                for c in _cells(row, 'cell'):
                    out.append(c)
        else:
            out.append(b)
    return '\n'.join(out)


def render_flat(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Table):
            if b.title:
                out.append(b.title)
            for row in b.rows:
                cs = [c.replace('\n', '') for c in _cells(row, 'flat') if c.strip()]
                out.append(' '.join(cs))
        else:
            out.append(b)
    return '\n'.join(out)


def render_pipe(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Table):
            out.append('')
            if b.title:
                out.append(b.title)
                out.append('')
            for row in b.rows:
                out.append('| ' + ' | '.join(c.replace('\n', ' ') for c in _cells(row, 'pipe')) + ' |')
            out.append('')
        else:
            out.append(b)
    return '\n'.join(out)


def render_pdf(blocks, banner, wrap=26, page_lines=48):
    lines = []
    for b in blocks:
        if isinstance(b, Table):
            if b.title:
                lines.append('                ' + b.title)
            for row in b.rows:
                cs = _cells(row, 'pdf')
                first, rest = [], []
                for c in cs:
                    c = c.replace('\n', '')
                    if len(c) > wrap:
                        first.append(c[:wrap]); rest.append(c[wrap:])
                    else:
                        first.append(c); rest.append('')
                lines.append('   '.join(x if x else '  ' for x in first).rstrip())
                if any(rest):
                    pad = [' ' * (len(f) * 2) if not r else r for f, r in zip(first, rest)]
                    lines.append(('   '.join(pad)).rstrip())
        else:
            # paragraphs wrap at ~38 chars like a PDF text layer
            p = b
            while len(p) > 38:
                k = 38
                while k > 30 and (p[k-1].isdigit() or p[k-1] in '.,%') and (p[k].isdigit() or p[k] in '.,%万元'):
                    k -= 1
                lines.append(p[:k]); p = p[k:]
            lines.append(p)
    out, page = [], 1
    for k, ln in enumerate(lines):
        if k and k % page_lines == 0:
            out.append(f'                              — {page} —')
            out.append('\f' + banner)
            page += 1
        out.append(ln)
    out.append(f'                              — {page} —')
    return '\n'.join(out)


def render_docx(blocks, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles['Normal']; st.font.size = Pt(10.5)
    def add_table(rows):
        ncol = max(len(r) for r in rows)
        rows = [r + [L] * (ncol - len(r)) for r in rows]
        t = d.add_table(rows=len(rows), cols=ncol)
        t.style = 'Table Grid'
        for ri, r in enumerate(rows):
            for ci, c in enumerate(r):
                if c not in (L, U):
                    t.cell(ri, ci).text = c
        # horizontal merges first (within row), then vertical
        for ri, r in enumerate(rows):
            ci = 0
            while ci < ncol:
                cj = ci
                while cj + 1 < ncol and r[cj + 1] == L:
                    cj += 1
                if cj > ci:
                    t.cell(ri, ci).merge(t.cell(ri, cj))
                ci = cj + 1
        for ci in range(ncol):
            ri = 0
            while ri < len(rows):
                rj = ri
                while rj + 1 < len(rows) and rows[rj + 1][ci] == U:
                    rj += 1
                if rj > ri:
                    a = t.cell(ri, ci); b = t.cell(rj, ci)
                    txt = a.text
                    m = a.merge(b)
                    # merge concatenates paragraphs: keep only the root text
                    for p in m.paragraphs[1:]:
                        p._p.getparent().remove(p._p)
                    m.paragraphs[0].text = txt
                ri = rj + 1
    for b in blocks:
        if isinstance(b, Table):
            if b.title:
                d.add_paragraph(b.title)
            if b.split_at:
                add_table(b.rows[:b.split_at])
                d.add_paragraph('')
                add_table(b.rows[b.split_at:])
            else:
                add_table(b.rows)
        else:
            d.add_paragraph(b)
    d.save(path)


def docx_text(path):
    import docx
    d = docx.Document(path)
    parts = []
    body = d.element.body
    for el in body.iterchildren():
        tag = el.tag.split('}')[1]
        if tag == 'p':
            parts.append(''.join(t.text or '' for t in el.iter('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t')))
        elif tag == 'tbl':
            for tr in el.iter('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr'):
                for tc in tr.iter('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc'):
                    parts.append('\t' + ''.join(t.text or '' for t in tc.iter('{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t')))
    return '\n'.join(parts)


# ---------------------------------------------------------------- key items
def D(kind, cat, sev, text, where, fig='', ind=None, anchors=None, alt=None):
    return dict(kind=kind, category=cat, severity=sev, text=text, where=where, figures=fig,
                indicator=ind, anchors=anchors or [], alt=alt or [])

def C(why, text, where, cats, ind=None, anchors=None):
    return dict(why=why, text=text, where=where, cats=cats, indicator=ind, anchors=anchors or [])

def B(why, text, where, cats, ind=None, anchors=None):
    return dict(why=why, text=text, where=where, cats=cats, indicator=ind, anchors=anchors or [])


def funds_rows(items, w, cols, unit_row=None):
    """items: list of (label, init, full, exe) first = total. cols keys:
    label init full exe rate w s. Returns (rows, rate_str, score)."""
    lab, i0, f0, e0 = items[0]
    # consistency by construction
    if len(items) > 1:
        for k in (1, 2, 3):
            parts = [it[k] for it in items[1:] if it[k] is not None]
            tot = items[0][k]
            if tot is not None and parts:
                assert abs(sum(parts) - tot) < 0.005, (lab, k, sum(parts), tot)
    rate = e0 / f0
    score = r2(min(rate, 1) * w)
    rows = []
    for n, (lab, ini, full, exe) in enumerate(items):
        r = []
        for c in cols:
            if c == 'label': r.append(lab)
            elif c == 'init': r.append('' if ini is None else fmt2(ini))
            elif c == 'full': r.append('' if full is None else fmt2(full))
            elif c == 'exe': r.append('' if exe is None else fmt2(exe))
            elif c == 'rate': r.append(pct(exe, full) if (full and exe is not None) else '—')
            elif c == 'w': r.append(fnum(w) if n == 0 else '—')
            elif c == 's': r.append(fnum(score) if n == 0 else '—')
            else: r.append(c)   # literal
        rows.append(r)
    return rows, pct(e0, f0), score


def proj_form(title, name, dept, impl, funds, w_exec, goal_t, goal_a, inds, l1w, total_shown,
              ind_cols=('l1', 'l2', 'name', 't', 'a', 'w', 's', 'dev'),
              ind_head=('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
              fund_cols=('label', 'init', 'full', 'exe', 'w', 'rate', 's'),
              fund_head=('年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
              extra=(), override=None):
    """national-template 项目支出绩效自评表 rows (8 columns wide)."""
    n = len(ind_cols)
    fr, rate, es = funds_rows(funds, w_exec, list(fund_cols))
    if override:
        override(fr)
    pad = lambda r: r + [L] * (n - len(r)) if len(r) < n else r
    rows = [pad([title]),
            pad(['项目名称', name]),
            ['主管部门', dept] + [L] * (n // 2 - 2) + ['实施单位', impl] + [L] * (n - n // 2 - 2)]
    rows += [pad(list(x)) for x in extra]
    rows.append(pad(['项目资金（万元）'] + list(fund_head)))
    for r in fr:
        rows.append(pad([U] + r) if False else pad(r))
    rows.append(pad(['年度总体目标', '预期目标', L, L, '实际完成情况']))
    rows.append(pad([U, goal_t, L, L, goal_a]))
    rows.append(list(ind_head))
    rows += ind_rows(inds, list(ind_cols), l1w)
    rows.append(pad(['总分', L, L, L, L, '100', total_shown]))
    return rows, rate, es
