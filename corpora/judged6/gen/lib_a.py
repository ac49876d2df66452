"""Helpers for build_a.py: table model, renderers (tab / web / flat / glued / pipe / docx), form builders, checks."""
import re, os, subprocess

V = None  # vertical-merge continuation cell


def c(text, span=1):
    return (text, span)


def cell_text(x):
    if x is None: return ''
    if isinstance(x, tuple): return x[0]
    return x


def cell_span(x):
    return x[1] if isinstance(x, tuple) else 1


# ---------------------------------------------------------------- checks
def r2(x):
    return round(x + 1e-9, 2)


def pct(num, den):
    return f"{r2(num / den * 100):.2f}%"


def num(s):
    m = re.search(r'-?\d[\d,]*(\.\d+)?', s or '')
    return float(m.group(0).replace(',', '')) if m else None


def expect_score(target, actual, w):
    """national rule for numeric rows; returns None if not computable"""
    m = re.match(r'^(≥|≤|=|>|<)?\s*(\d+(\.\d+)?)', target or '')
    b = num(actual)
    if not m or b is None or re.search(r'[≥≤]', actual or ''): return None
    d, a = m.group(1) or '=', float(m.group(2))
    if d in '≥>=':
        return w if b >= a else r2(w * b / a)
    if b <= a: return w
    if b >= 2 * a: return 0
    return r2(w * (1 - (b - a) / a))


def check_inds(inds, bad=()):
    for r in inds:
        name, t, a, w, s = r['name'], r['t'], r['a'], r['w'], r['s']
        if name in bad: continue
        e = expect_score(t, a, w)
        if e is not None:
            assert abs(e - s) <= 0.011, (name, t, a, w, s, e)
        assert s <= w + 1e-9, (name, s, w)


# ---------------------------------------------------------------- form builders
def ind_rows(inds, ncols, lead=True, remark=False, order='national'):
    """inds: list of dict(l1,l2,name,t,a,w,s,dev[,rem]); l1/l2 merged vertically"""
    rows = []
    p1 = p2 = None
    for r in inds:
        l1 = r['l1'] if r['l1'] != p1 else V
        l2 = r['l2'] if (r['l2'] != p2 or l1 is not V) else V
        p1, p2 = r['l1'], r['l2']
        if order == 'national':
            cells = [l1, l2, r['name'], r['t'], r['a'], fmt(r['w']), fmt(r['s']), r.get('dev', '')]
        else:  # anhui: 三级指标 分值 年度指标值 全年实际值 得分
            cells = [l1, l2, r['name'], fmt(r['w']), r['t'], r['a'], fmt(r['s']), r.get('dev', '')]
        if remark: cells.append(r.get('rem', ''))
        row = ([V] if lead else []) + cells
        rows.append(row)
    return rows


def fmt(x):
    if isinstance(x, str): return x
    if abs(x - round(x)) < 1e-9: return str(int(round(x)))
    return f"{x:.2f}"


def ind_header(lead=True, remark=False, order='national', first='绩效指标'):
    if order == 'national':
        h = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']
    else:
        h = ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '偏差原因分析及改进措施']
    if remark: h.append('备注')
    return ([first] if lead else []) + h


# ---------------------------------------------------------------- renderers
def render_tab(blocks):
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b); out.append('')
        else:
            for row in b['rows']:
                for x in row:
                    out.append('\t' + cell_text(x))
                out.append('')
    return '\n'.join(out) + '\n'


def render_web(blocks, footer_at=None, footer='— 3 —'):
    """one cell per line; empty cells as empty lines; vmerge continuation absent.
    footer_at=(table_index, row_index, cell_index): page break inside that row, header repeated."""
    out = []; ti = -1
    for b in blocks:
        if isinstance(b, str):
            out.append(b); continue
        ti += 1
        hdr = None
        for ri, row in enumerate(b['rows']):
            cells = [cell_text(x) for x in row if x is not None]
            if footer_at and footer_at[0] == ti and footer_at[1] == ri:
                k = footer_at[2]
                out.extend(cells[:k]); out.append(footer); out.extend(b['repeat_header']); out.extend(cells[k:])
            else:
                out.extend(cells)
    return '\n'.join(out) + '\n'


def spaced(s):
    return ' '.join(list(s))


def render_flat(blocks):
    """each row on one line, cells separated by single spaces, empty cells gone; l1 category labels spaced alone on a line"""
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b); continue
        for row in b['rows']:
            cells = [cell_text(x) for x in row if cell_text(x).strip()]
            l1 = b.get('spaced_l1', ())
            if cells and cells[0] in l1:
                h, _, w = cells[0].partition('（')
                out.append(spaced(h) + ('（' + w if w else '')); cells = cells[1:]
            cells = [x.replace('\n', '') for x in cells]
            if cells: out.append(' '.join(cells))
    return '\n'.join(out) + '\n'


def render_glued(blocks):
    """seed tab convention, but rows listed in b['glue'] (row indices) have cells from glue_from on glued together"""
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b); out.append(''); continue
        g = b.get('glue', {})
        for ri, row in enumerate(b['rows']):
            if ri in g:
                k = g[ri]
                for x in row[:k]: out.append('\t' + cell_text(x))
                out.append('\t' + ''.join(cell_text(x) for x in row[k:]))
            else:
                for x in row: out.append('\t' + cell_text(x))
            out.append('')
    return '\n'.join(out) + '\n'


def render_pipe(blocks):
    out = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b); out.append(''); continue
        for ri, row in enumerate(b['rows']):
            cells = [cell_text(x).replace('\n', '<br>') for x in row]
            out.append('| ' + ' | '.join(cells) + ' |')
            if ri == 0:
                out.append('|' + '---|' * len(cells))
        out.append('')
    return '\n'.join(out) + '\n'


def render_docx(blocks, path, landscape=False, font_pt=9):
    from docx import Document
    from docx.shared import Pt, Cm
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    doc = Document()
    st = doc.styles['Normal']; st.font.size = Pt(10.5); st.font.name = 'SimSun'
    st.element.rPr.rFonts.set(qn('w:eastAsia'), 'SimSun')
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(1.8)
    for b in blocks:
        if isinstance(b, str):
            doc.add_paragraph(b); continue
        rows = b['rows']
        ncol = max(sum(cell_span(x) for x in r) for r in rows)
        t = doc.add_table(rows=len(rows), cols=ncol)
        t.style = 'Table Grid'
        for ri, row in enumerate(rows):
            ci = 0
            for x in row:
                sp = cell_span(x)
                if x is None:
                    # merge with cell above
                    above = t.cell(ri - 1, ci)
                    above.merge(t.cell(ri, ci))
                else:
                    cl = t.cell(ri, ci)
                    if sp > 1: cl = cl.merge(t.cell(ri, ci + sp - 1))
                    cl.text = cell_text(x)
                    for p in cl.paragraphs:
                        for rn in p.runs: rn.font.size = Pt(font_pt)
                ci += sp
            # pad
            if ci < ncol and ci > 0:
                last = t.cell(ri, ci - 1)
                last.merge(t.cell(ri, ncol - 1))
    doc.save(path)


def docx_texts(path):
    from docx import Document
    d = Document(path)
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        seen = set()
        for r in t.rows:
            for cl in r.cells:
                if cl._tc in seen: continue
                seen.add(cl._tc); out.append(cl.text)
    return out


def to_pdf(docx_path, outdir):
    subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', outdir, docx_path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    return os.path.join(outdir, os.path.splitext(os.path.basename(docx_path))[0] + '.pdf')


def pdftext(pdf, layout=False):
    args = ['pdftotext'] + (['-layout'] if layout else []) + [pdf, '-']
    return subprocess.run(args, check=True, capture_output=True).stdout.decode('utf-8')


def split_form(rows, k):
    """split a form at row k into two tables; the second repeats the indicator header and restores merged labels"""
    h = next(i for i, r in enumerate(rows) if '一级指标' in [cell_text(x) for x in r])
    first = rows[k]
    fixed = list(first)
    for col in (1, 2):
        if fixed[col] is None:
            for r in reversed(rows[h + 1:k]):
                if r[col] is not None: fixed[col] = cell_text(r[col]); break
    return rows[:k], [rows[h], fixed] + rows[k + 1:]
