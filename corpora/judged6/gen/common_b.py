# helpers for build_b.py (heldout6, half b)
import re, json, os
OUT = '/work/heldout6'
GEN = '/work/heldout6/gen'

def r2(x):
    return round(x + 1e-9, 2)

def pct(a, b):
    return f"{a / b * 100 + 1e-9:.2f}%"

def f2(x):
    return f"{x:,.2f}"

def spos(A, B, w):
    """正向 score"""
    return w if B >= A else r2(w * B / A)

def D(id, kind, cats, anchors, note, severity, indicator=None):
    d = dict(id=id, kind=kind, cats=cats, anchors=anchors, note=note, severity=severity)
    if indicator: d['indicator'] = indicator
    return d

def C(id, kind, cats, anchors, note, indicator=None):
    d = dict(id=id, kind=kind, cats=cats, anchors=anchors, note=note, severity='none')
    if indicator: d['indicator'] = indicator
    return d

B = C  # borderline items share the shape

# ---- renderers for a table given as list of rows (list of cell strings)
def tab_rows(rows):
    out = []
    for r in rows:
        out.append('\n'.join('\t' + c for c in r))
    return '\n\n'.join(out) + '\n'

def pipe_cells(rows):
    out = []
    for r in rows:
        for c in r:
            out.append((c + ' |') if c else ' |')
    return '\n'.join(out) + '\n'

def flat_rows(rows):
    return '\n'.join(' '.join(c.replace('\n', '') for c in r if c.strip()) for r in rows) + '\n'

def tsv_line_rows(rows):
    return '\n'.join('\t'.join(c.replace('\n', '') for c in r) for r in rows) + '\n'

def md_rows(rows, header_rows=1):
    out = []
    for i, r in enumerate(rows):
        out.append('| ' + ' | '.join(c.replace('\n', '<br>') for c in r) + ' |')
        if i == header_rows - 1:
            out.append('|' + '---|' * len(r))
    return '\n'.join(out) + '\n'
