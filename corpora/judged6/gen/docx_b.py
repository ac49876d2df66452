# python-docx helpers for half b
from docx import Document
from docx.shared import Pt
from docx.oxml.ns import qn

def new_doc():
    d = Document()
    st = d.styles['Normal']; st.font.name = '宋体'; st.font.size = Pt(10.5)
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '宋体')
    return d

def add_grid(doc, rows, merges=(), ncols=None):
    """rows: list of lists (None = covered by merge); merges: (r1,c1,r2,c2) inclusive"""
    ncols = ncols or max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncols)
    t.style = 'Table Grid'
    for (r1, c1, r2, c2) in merges:
        a = t.cell(r1, c1); b = t.cell(r2, c2)
        txt = rows[r1][c1]
        m = a.merge(b)
        m.text = txt or ''
    covered = set()
    for (r1, c1, r2, c2) in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                covered.add((r, c))
    for i, r in enumerate(rows):
        for j in range(ncols):
            if (i, j) in covered: continue
            v = r[j] if j < len(r) else ''
            t.cell(i, j).text = v or ''
    return t

def docx_texts(path):
    d = Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        seen = set()
        for row in t.rows:
            for c in row.cells:
                if id(c._tc) in seen: continue
                seen.add(id(c._tc)); out.append(c.text)
    return out

def _tc_text(tc):
    ps = tc.findall(qn('w:p'))
    return '\n'.join(''.join(t.text or '' for t in p.iter(qn('w:t'))) for p in ps)

def docx_texts(path):
    d = Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for tr in t._tbl.tr_lst:
            for tc in tr.tc_lst:
                out.append(_tc_text(tc))
    return out

def docx_rows(path):
    d = Document(path); res = []
    for t in d.tables:
        for tr in t._tbl.tr_lst:
            res.append([_tc_text(tc) for tc in tr.tc_lst])
    return res
