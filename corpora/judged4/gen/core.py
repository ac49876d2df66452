"""Core helpers: report model, renderers for the six shapes, KEY registry."""
import json, textwrap

KEY = {}

def reg(rid, **meta):
    KEY[rid] = dict(meta, defects=[], controls=[], borderlines=[])

def _add(rid, lst, pfx, cat, anchors, note, sev=None, ind=None, figs=None, cats=None, rule=None):
    items = KEY[rid][lst]
    it = dict(id=f"{rid}-{pfx}{len(items)+1}", kind=cat, cats=cats or [cat],
              anchors=anchors if isinstance(anchors, list) else [anchors], note=note)
    if sev: it['severity'] = sev
    if ind: it['indicator'] = ind
    if figs: it['figures'] = figs
    if rule: it['rule_hint'] = rule
    items.append(it)
    return it

def D(rid, cat, anchors, note, sev='warning', **kw): return _add(rid, 'defects', 'D', cat, anchors, note, sev, **kw)
def C(rid, cat, anchors, note, **kw): return _add(rid, 'controls', 'C', cat, anchors, note, **kw)
def B(rid, cat, anchors, note, **kw): return _add(rid, 'borderlines', 'B', cat, anchors, note, **kw)

def f2(x): return f"{x:.2f}"
def pct(n, d, nd=2): return f"{n/d*100:.{nd}f}%"
def close(a, b, tol=0.011): return abs(a - b) <= tol

# ---------------- tables -----------------
# cell: str | (str, rowspan, colspan)
def grid(rows):
    """Return list of rows; each row list of (text, kind) kind in 'o' origin,'v' vcovered,'h' hcovered."""
    occ = {}
    out = []
    for r, row in enumerate(rows):
        line = []; c = 0; it = iter(row)
        pending = list(row)
        while pending or (r, c) in occ:
            if (r, c) in occ:
                line.append(('', occ[(r, c)])); c += 1; continue
            cell = pending.pop(0)
            if isinstance(cell, tuple): t, rs, cs = cell
            else: t, rs, cs = cell, 1, 1
            line.append((t, 'o', rs, cs))
            for dr in range(rs):
                for dc in range(cs):
                    if dr == 0 and dc == 0: continue
                    occ[(r + dr, c + dc)] = 'v' if dr > 0 else 'h'
            c += 1
        out.append(line)
    return out

def cells_of(gline):
    return gline

def render_tab(rows):
    g = grid(rows); out = []
    for line in g:
        ls = []
        for x in line:
            if x[1] == 'o': ls.append('\t' + x[0])
            elif x[1] == 'v': ls.append('\t')
        out.append('\n'.join(ls))
    return '\n\n'.join(out) + '\n'

def render_web(rows):
    g = grid(rows); out = []
    for line in g:
        for x in line:
            if x[1] == 'o': out.append(x[0].replace('\n', ''))
    return '\n'.join(out) + '\n'

def render_flat(rows):
    g = grid(rows); out = []
    for line in g:
        out.append(' '.join(x[0].replace('\n', '') for x in line if x[1] == 'o' and x[0].strip()))
    return '\n'.join(out) + '\n'

def render_pipe(rows):
    g = grid(rows); out = []; n = max(len(l) for l in g)
    for i, line in enumerate(g):
        cs = [x[0].replace('\n', '<br>') if x[1] == 'o' else '' for x in line]
        cs += [''] * (n - len(cs))
        out.append('| ' + ' | '.join(cs) + ' |')
        if i == 0: out.append('|' + '---|' * n)
    return '\n'.join(out) + '\n'

def _w(s):
    return sum(2 if ord(ch) > 0x2e80 else 1 for ch in s)

def render_pdf(rows, width=12):
    g = grid(rows); out = []
    for line in g:
        cols = [x[0].replace('\n', '') if x[1] == 'o' else '' for x in line]
        wrapped = [textwrap.wrap(cl, width) or [''] for cl in cols]
        h = max(len(w) for w in wrapped)
        for k in range(h):
            parts = []
            for w in wrapped:
                s = w[k] if k < len(w) else ''
                parts.append(s + ' ' * max(2, (width * 2 + 2) - _w(s)))
            out.append(''.join(parts).rstrip())
    return '\n'.join(out) + '\n'

RENDER = dict(tab=render_tab, web=render_web, flat=render_flat, pipe=render_pipe, pdf=render_pdf)

def render_text(blocks, shape, pdf_banner=''):
    out = []
    for b in blocks:
        k, v = b[0], b[1]
        if k in ('h', 'p'):
            if shape == 'pipe' and k == 'h': out.append('## ' + v + '\n')
            elif shape == 'pdf' and k == 'p':
                out.append('\n'.join(textwrap.wrap(v, 38)) + '\n')
            else: out.append(v + '\n')
        elif k == 't':
            if shape == 'pipe': out.append('\n' + RENDER[shape](v) + '\n')
            else: out.append(RENDER[shape](v))
    txt = '\n'.join(out) if shape in ('pipe',) else ''.join(x if x.endswith('\n\n') else x + ('\n' if shape != 'web' else '') for x in out)
    if shape == 'pdf':
        lines = txt.split('\n'); res = []; page = 1
        for i, l in enumerate(lines):
            if i and i % 48 == 0:
                res += ['', f'— {page} —', '\f' + pdf_banner, '']; page += 1
            res.append(l)
        res += ['', f'— {page} —']
        txt = '\n'.join(res)
    return txt

def render_docx(blocks, path, split_after=None):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles['Normal']; st.font.name = 'SimSun'; st.font.size = Pt(10.5)
    for b in blocks:
        k, v = b[0], b[1]
        if k == 'h': d.add_paragraph(v, style='Heading 2')
        elif k == 'p': d.add_paragraph(v)
        elif k == 't':
            G = grid(v); ncol = max(len(l) for l in G)
            cut = b[2] if (len(b) > 2 and b[2]) else len(G)
            parts = [(0, cut)] + ([(cut, len(G))] if cut < len(G) else [])
            for pi, (p0, p1) in enumerate(parts):
                t = d.add_table(rows=p1 - p0, cols=ncol); t.style = 'Table Grid'
                for r in range(p0, p1):
                    for c, x in enumerate(G[r]):
                        if x[1] != 'o': continue
                        rs = min(x[2], p1 - r); cs = min(x[3], ncol - c)
                        a = t.cell(r - p0, c)
                        if rs > 1 or cs > 1:
                            a = a.merge(t.cell(r - p0 + rs - 1, c + cs - 1))
                        a.text = x[0]
                if pi == 0 and len(parts) > 1:
                    d.add_paragraph('')
    d.save(path)

def docx_text(path):
    import docx
    d = docx.Document(path); out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells: out.append(c.text)
    return '\n'.join(out)

# ---------------- indicator helpers -----------------
def score_q(d, A, Bv, w):
    if d in ('≥', '>', '='):
        return w if Bv >= A else round(w * Bv / A, 2)
    if d in ('≤', '<'):
        if Bv <= A: return w
        if Bv >= 2 * A: return 0
        return round(w * (1 - (Bv - A) / A), 2)
    raise ValueError(d)

def numfmt(x):
    return (f"{x:.2f}".rstrip('0').rstrip('.')) if isinstance(x, float) else str(x)

def q(l1, l2, name, d, A, Bv, unit, w, dev='', s=None, tgt=None, act=None):
    calc = score_q(d, A, Bv, w)
    if s is None: s = calc
    return dict(l1=l1, l2=l2, name=name, dir=d, A=A, B=Bv, unit=unit, w=w, s=s, calc=calc,
                tgt=tgt if tgt is not None else f"{d}{numfmt(A)}{unit}",
                act=act if act is not None else f"{numfmt(Bv)}{unit}", dev=dev, kind='quant')

def ql(l1, l2, name, tgt, act, w, s, dev=''):
    return dict(l1=l1, l2=l2, name=name, dir='', A=None, B=None, unit='', w=w, s=s, calc=s,
                tgt=tgt, act=act, dev=dev, kind='qual')

def check_inds(inds, exempt=()):
    for r in inds:
        assert r['s'] <= r['w'] + 1e-9 or r['name'] in exempt, r
        if r['kind'] == 'quant' and r['name'] not in exempt:
            # lower score allowed only with an over-achievement reason
            assert close(r['s'], r['calc']) or (r['s'] < r['calc'] and r['dev']), r

def l1_weights(inds):
    out = {}
    for r in inds: out.setdefault(r['l1'], [0, 0]); out[r['l1']][0] += r['w']; out[r['l1']][1] += r['s']
    return out

def ind_table(inds, cols, l1fmt=lambda l1, w: f"{l1}({numfmt(w)}分)", lead=None):
    """cols: list of (header, key or callable). keys 'l1','l2' get rowspans."""
    W = l1_weights(inds)
    hdr = [h for h, _ in cols]
    rows = [([lead[0], len(inds) + 1, 1],) if False else None]
    rows = []
    if lead: rows.append([(lead, len(inds) + 1, 1)] + hdr)
    else: rows.append(hdr)
    for i, r in enumerate(inds):
        line = []
        for h, k in cols:
            if k == 'l1':
                if i == 0 or inds[i - 1]['l1'] != r['l1']:
                    n = sum(1 for j in range(i, len(inds)) if inds[j]['l1'] == r['l1'] and all(inds[m]['l1'] == r['l1'] for m in range(i, j + 1)))
                    line.append((l1fmt(r['l1'], W[r['l1']][0]), n, 1))
            elif k == 'l2':
                if i == 0 or inds[i - 1]['l2'] != r['l2'] or inds[i - 1]['l1'] != r['l1']:
                    n = 0
                    for j in range(i, len(inds)):
                        if inds[j]['l2'] == r['l2'] and inds[j]['l1'] == r['l1']: n += 1
                        else: break
                    line.append((r['l2'], n, 1))
            elif callable(k): line.append(k(r))
            else:
                v = r[k]
                line.append(numfmt(v) if isinstance(v, (int, float)) else v)
        rows.append(line)
    return rows
