# -*- coding: utf-8 -*-
"""Core helpers for the held-out generator: document model, renderers, arithmetic asserts."""
import json, re, os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def f2(x):
    return "%.2f" % x


def pct(num, den):
    return "%.2f%%" % (num / den * 100)


def r2(x):
    return float("%.2f" % (x + 1e-9))


class Span:
    def __init__(self, text, n):
        self.text, self.n = text, n


UP = None  # vertical merge with the cell above


def grade_of(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


NUM = re.compile(r"^(≥|≤|>|<|=|不低于|不少于|不高于|不超过)?\s*(\d+(?:\.\d+)?)\s*(.*)$")


def expected_score(target, actual, w):
    mt, ma = NUM.match(target), NUM.match(actual)
    if not mt or not ma or ma.group(1):
        return None
    if mt.group(3).strip() != ma.group(3).strip():
        return None
    A, B = float(mt.group(2)), float(ma.group(2))
    cmp = mt.group(1) or "="
    if cmp in ("≤", "<", "不高于", "不超过"):
        if B <= A:
            return w
        if B >= 2 * A:
            return 0
        return r2(w * (1 - (B - A) / A))
    if A == 0:
        return w if B <= 0 else 0
    return w if B >= A else r2(w * B / A)


def check_rows(rows, label):
    """rows: dicts with l1,l2,name,t,a,w,s,dev,flags. assert quantitative scores unless flagged."""
    for r in rows:
        if "D" in r.get("flags", "") or "Q" in r.get("flags", "") or r["w"] is None:
            continue
        e = expected_score(r["t"], r["a"], r["w"])
        if e is not None:
            assert abs(e - r["s"]) < 0.011, (label, r["name"], e, r["s"])
        assert r["s"] <= r["w"] + 1e-9, (label, r["name"])


# ---------------- renderers ----------------

def grid(table):
    """expand a table (list of rows of str/Span/UP) to a list of rows of (text|None) with span info"""
    return table


def render_tab(blocks):
    out = []
    for b in blocks:
        if b[0] == "p":
            out.append(b[1])
        elif b[0] == "h":
            out.append(b[1])
        else:
            out.append("")
            if b[1]:
                out.append(" " + b[1])
                out.append("")
            for row in b[2]:
                for c in row:
                    if c is UP:
                        out.append("\t")
                    elif isinstance(c, Span):
                        out.append("\t" + c.text)
                    else:
                        out.append("\t" + str(c))
                out.append("")
    return "\n".join(out) + "\n"


def render_web(blocks):
    out = ["首页 > 政务公开 > 财政预决算 > 部门绩效", ""]
    for b in blocks:
        if b[0] in ("p", "h"):
            out.append(b[1])
            out.append("")
        else:
            if b[1]:
                out.append(b[1])
            for row in b[2]:
                for c in row:
                    if c is UP:
                        continue  # rowspan cell only on its first row
                    t = c.text if isinstance(c, Span) else str(c)
                    out.append(t)
            out.append("")
    out.append("【打印本页】【关闭窗口】")
    return "\n".join(out) + "\n"


def render_flat(blocks):
    out = []
    for b in blocks:
        if b[0] in ("p", "h"):
            out.append(b[1])
        else:
            if b[1]:
                out.append(b[1])
            for row in b[2]:
                cells = []
                for c in row:
                    if c is UP:
                        continue
                    t = c.text if isinstance(c, Span) else str(c)
                    t = t.replace("\n", " ")
                    if t.strip():
                        cells.append(t)
                out.append(" ".join(cells))
    return "\n".join(out) + "\n"


def render_pipe(blocks):
    out = []
    for b in blocks:
        if b[0] in ("p", "h"):
            out.append(b[1])
            out.append("")
        else:
            if b[1]:
                out.append(b[1])
                out.append("")
            for row in b[2]:
                cells = []
                for c in row:
                    if c is UP:
                        cells.append("")
                    elif isinstance(c, Span):
                        cells.append(c.text.replace("\n", " "))
                        cells.extend([""] * 0)
                    else:
                        cells.append(str(c).replace("\n", " "))
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out) + "\n"


def ncols(row):
    return sum(c.n if isinstance(c, Span) else 1 for c in row)


def render_docx(blocks, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.size = Pt(10.5)
    for b in blocks:
        if b[0] == "h":
            d.add_paragraph(b[1], style="Heading 2" if len(b[1]) < 40 else None)
        elif b[0] == "p":
            d.add_paragraph(b[1])
        else:
            if b[1]:
                d.add_paragraph(b[1])
            rows = b[2]
            n = max(ncols(r) for r in rows)
            t = d.add_table(rows=len(rows), cols=n)
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                j = 0
                for c in row:
                    if isinstance(c, Span):
                        cell = t.cell(i, j)
                        if c.n > 1:
                            cell = cell.merge(t.cell(i, j + c.n - 1))
                        cell.text = c.text
                        j += c.n
                    elif c is UP:
                        above = t.cell(i - 1, j)
                        txt = above.text
                        m = above.merge(t.cell(i, j))
                        m.text = txt
                        j += 1
                    else:
                        t.cell(i, j).text = str(c)
                        j += 1
    d.save(path)


def plain_of(blocks):
    return render_tab(blocks)


def write(rid, shape, blocks):
    ext = ".docx" if shape == "docx" else ".txt"
    path = os.path.join(OUT, rid + ext)
    if shape == "tab":
        txt = render_tab(blocks)
    elif shape == "web":
        txt = render_web(blocks)
    elif shape == "flat":
        txt = render_flat(blocks)
    elif shape == "pipe":
        txt = render_pipe(blocks)
    elif shape == "docx":
        render_docx(blocks, path)
        txt = render_tab(blocks)
        with open(os.path.join(OUT, "gen", "plain", rid + ".tab.txt"), "w") as fh:
            fh.write(txt)
    if shape != "docx":
        with open(path, "w") as fh:
            fh.write(txt)
    return path, txt
