"""Renderers for the B half of heldout5 (M11-M20).
A document is a list of blocks: ('p', text) or ('t', rows, opts).
rows use HTML semantics: a cell is str or (text, rowspan, colspan); cells covered by a rowspan
from above are omitted from later rows."""
import html as _html


def cell(c):
    if isinstance(c, tuple):
        t, rs, cs = (list(c) + [1, 1])[:3]
        return str(t), rs, cs
    return str(c), 1, 1


def grid(rows):
    """-> list of rows, each a list of slots: ('o', text, rs, cs) origin, ('v',) rowspan-covered,
    ('h',) colspan-covered."""
    g = {}
    for r, row in enumerate(rows):
        c = 0
        for raw in row:
            while (r, c) in g:
                c += 1
            t, rs, cs = cell(raw)
            for dr in range(rs):
                for dc in range(cs):
                    if dr == 0 and dc == 0:
                        g[(r, c)] = ('o', t, rs, cs)
                    elif dc == 0:
                        g[(r + dr, c)] = ('v',)
                    else:
                        g[(r + dr, c + dc)] = ('h',)
            c += cs
    nr = len(rows)
    nc = max(c for (_, c) in g) + 1
    return [[g.get((r, c)) for c in range(nc)] for r in range(nr)], nc


def tab(rows):
    g, nc = grid(rows)
    out = []
    for row in g:
        lines = []
        for s in row:
            if s is None:
                continue
            if s[0] == 'o':
                lines.append('\t' + s[1])
            elif s[0] == 'v':
                lines.append('\t')
        out.append('\n'.join(lines))
    return '\n\n'.join(out)


def pipe_lines(rows):
    g, nc = grid(rows)
    out = []
    for row in g:
        out.append('\n'.join(s[1].replace('\n', ' ') + ' |' for s in row if s and s[0] == 'o'))
    return '\n\n'.join(out)


def flat(rows):
    g, nc = grid(rows)
    out = []
    for row in g:
        out.append(' '.join(s[1].replace('\n', ' ') for s in row if s and s[0] == 'o' and s[1].strip()))
    return '\n'.join(out)


def tsv(rows):
    g, nc = grid(rows)
    out = []
    for row in g:
        cells = []
        for s in row:
            if s is None or s[0] == 'h':
                continue
            cells.append(s[1].replace('\n', ' ') if s[0] == 'o' else '')
        out.append('\t'.join(cells).rstrip('\t'))
    return '\n'.join(out)


def md(rows):
    g, nc = grid(rows)
    out = []
    for i, row in enumerate(g):
        cells = []
        for s in row:
            cells.append(s[1].replace('\n', '<br>') if s and s[0] == 'o' else '')
        out.append('| ' + ' | '.join(cells) + ' |')
        if i == 0:
            out.append('|' + '---|' * nc)
    return '\n'.join(out)


def html_table(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="4">']
    for row in rows:
        out.append('  <tr>')
        for raw in row:
            t, rs, cs = cell(raw)
            attrs = (f' rowspan="{rs}"' if rs > 1 else '') + (f' colspan="{cs}"' if cs > 1 else '')
            out.append(f'    <td{attrs}>{_html.escape(t).replace(chr(10), "<br/>")}</td>')
        out.append('  </tr>')
    out.append('</table>')
    return '\n'.join(out)


def to_text(blocks, table_fn):
    parts = []
    for b in blocks:
        if b[0] == 'p':
            parts.append(b[1])
        else:
            parts.append(table_fn(b[1]))
    return '\n\n'.join(parts) + '\n'


def to_html(blocks, title):
    parts = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8"/>',
             f'<title>{_html.escape(title)}</title></head><body>']
    for b in blocks:
        if b[0] == 'p':
            for line in b[1].split('\n'):
                parts.append(f'<p>{_html.escape(line)}</p>')
        else:
            parts.append(html_table(b[1]))
    parts.append('</body></html>')
    return '\n'.join(parts) + '\n'


def to_docx(blocks, path, short_header_rows=()):
    """short_header_rows: set of (table_index, row_index) whose last cell is removed (ragged row)."""
    import docx
    from docx.oxml.ns import qn
    d = docx.Document()
    ti = -1
    for b in blocks:
        if b[0] == 'p':
            for line in b[1].split('\n'):
                d.add_paragraph(line)
            continue
        ti += 1
        rows = b[1]
        g, nc = grid(rows)
        t = d.add_table(rows=len(g), cols=nc)
        t.style = 'Table Grid'
        merges = []
        for r, row in enumerate(g):
            for c, s in enumerate(row):
                if s and s[0] == 'o':
                    t.cell(r, c).text = s[1]
                    if s[2] > 1 or s[3] > 1:
                        merges.append((r, c, r + s[2] - 1, c + s[3] - 1))
        for r, c, r2, c2 in merges:
            a = t.cell(r, c)
            txt = a.text
            m = a.merge(t.cell(r2, c2))
            # merge concatenates paragraphs of covered (empty) cells; restore text
            m.text = txt
        for (tii, ri) in short_header_rows:
            if tii == ti:
                tr = t.rows[ri]._tr
                tcs = tr.findall(qn('w:tc'))
                tr.remove(tcs[-1])
    d.save(path)


def docx_text(path):
    """All paragraph and cell texts of a .docx (each unique cell once), joined by newlines."""
    import docx
    W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
    d = docx.Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for tr in t._tbl.tr_lst:
            for tc in tr.tc_lst:
                out.append('\n'.join(''.join(x.text or '' for x in p.iter(W + 't')) for p in tc.iter(W + 'p')))
    return '\n'.join(out)
