"""Helpers for build_a.py: a small report model and renderers for the shapes real inputs arrive in."""
import os, re, json, subprocess, shutil

def r2(x):
    return float(f"{x + 1e-9:.2f}")

def f2(x):
    return f"{x:,.2f}" if abs(x) >= 10000 else f"{x:.2f}"

def pct(n, d):
    return f"{n / d * 100 + 1e-9:.2f}%"

def score_pos(A, B, w):
    return r2(w if B >= A else w * B / A)

def score_neg(A, B, w):
    if B <= A: return r2(w)
    if B >= 2 * A: return 0.0
    return r2(w * (1 - (B - A) / A))


class Rep:
    def __init__(self, rid, fname, typ, shape, place, year, template):
        self.rid, self.fname, self.typ, self.shape = rid, fname, typ, shape
        self.place, self.year, self.template = place, year, template
        self.blocks = []
        self.defects, self.controls, self.borderlines = [], [], []

    # content
    def p(self, *texts):
        for t in texts: self.blocks.append(('p', t))
    def t(self, rows, merges=None, caption=None, glue=None, name=None):
        self.blocks.append(('t', dict(rows=rows, merges=merges or [], caption=caption, glue=set(glue or []), name=name)))

    # key
    def _item(self, lst, pre, kind, cats, anchors, note, sev, ind=None):
        it = dict(id=f"{self.rid}-{pre}{len(lst) + 1}", kind=kind, cats=list(cats), anchors=list(anchors), note=note, severity=sev)
        if ind: it['indicator'] = ind
        lst.append(it)
    def D(self, kind, cats, anchors, note, sev='warning', ind=None):
        self._item(self.defects, 'D', kind, cats, anchors, note, sev, ind)
    def C(self, kind, cats, anchors, note, sev='info', ind=None):
        self._item(self.controls, 'C', kind, cats, anchors, note, sev, ind)
    def B(self, kind, cats, anchors, note, sev='info', ind=None):
        self._item(self.borderlines, 'B', kind, cats, anchors, note, sev, ind)

    def key(self):
        return dict(file=self.fname, type=self.typ, shape=self.shape, place=self.place, year=self.year,
                    template=self.template, defects=self.defects, controls=self.controls, borderlines=self.borderlines)


# ---------------------------------------------------------------- text renderers
def _cells(row):
    return ['' if c is None else str(c) for c in row]

def render_tab(rep):
    out = []
    for kind, b in rep.blocks:
        if kind == 'p':
            out.append(b)
        else:
            if b['caption']: out.append(b['caption'])
            rows = []
            for row in b['rows']:
                rows.append('\n'.join('\t' + c for c in _cells(row)))
            out.append('\n\n'.join(rows))
            out.append('')
    return '\n'.join(out) + '\n'

def render_cellline(rep):
    out = []
    for kind, b in rep.blocks:
        if kind == 'p':
            out.append(b)
        else:
            if b['caption']: out.append(b['caption'])
            for row in b['rows']:
                for c in _cells(row):
                    out.append(c.replace('\n', ''))
    return '\n'.join(out) + '\n'

def render_flat(rep, glue_all=False):
    out = []
    for kind, b in rep.blocks:
        if kind == 'p':
            out.append(b)
        else:
            if b['caption']: out.append(b['caption'])
            for i, row in enumerate(b['rows']):
                cs = [c.replace('\n', '') for c in _cells(row) if c.strip()]
                sep = '' if (glue_all or i in b['glue']) else ' '
                out.append(sep.join(cs))
    return '\n'.join(out) + '\n'

def render_pipe(rep):
    out = []
    for kind, b in rep.blocks:
        if kind == 'p':
            out.append(b)
            out.append('')
        else:
            if b['caption']: out.append(b['caption']); out.append('')
            n = max(len(r) for r in b['rows'])
            for i, row in enumerate(b['rows']):
                cs = [c.replace('\n', '<br>') for c in _cells(row)] + [''] * (n - len(row))
                out.append('| ' + ' | '.join(cs) + ' |')
                if i == 0: out.append('|' + '---|' * n)
            out.append('')
    return '\n'.join(out) + '\n'

# ---------------------------------------------------------------- docx
def render_docx(rep, path):
    import docx
    from docx.shared import Pt
    from docx.oxml.ns import qn
    d = docx.Document()
    st = d.styles['Normal']; st.font.name = 'SimSun'; st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), 'SimSun')
    for kind, b in rep.blocks:
        if kind == 'p':
            d.add_paragraph(b)
            continue
        if b['caption']: d.add_paragraph(b['caption'])
        rows = b['rows']; n = max([len(r) for r in rows] + [m[3] + 1 for m in b['merges']])
        tb = d.add_table(rows=len(rows), cols=n); tb.style = 'Table Grid'
        covered = set()
        for (r0, c0, r1, c1) in b['merges']:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0): covered.add((r, c))
        for (r0, c0, r1, c1) in b['merges']:
            tb.cell(r0, c0).merge(tb.cell(r1, c1))
        for i, row in enumerate(rows):  # ragged rows: merge the trailing cells into the last given cell
            if len(row) < n and not any(m[0] <= i <= m[2] for m in b['merges']):
                tb.cell(i, len(row) - 1).merge(tb.cell(i, n - 1))
                for j in range(len(row), n): covered.add((i, j))
        for i, row in enumerate(rows):
            cs = _cells(row)
            for j in range(min(n, len(cs))):
                if (i, j) in covered or not cs[j]: continue
                tb.cell(i, j).text = cs[j]
    d.save(path)

def docx_text(path):
    import docx
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    keep = []
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                if any(c._tc is k for k in keep): continue
                keep.append(c._tc); parts.append(c.text)
    return '\n'.join(parts)

def norm(s):
    return re.sub(r'[\s|]+', '', str(s or ''))
