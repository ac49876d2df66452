"""Batch dashboard: unit × category matrix, score distribution, rankings by errors and by specificity.

Computed from the batch index rows (``render.html.index_row``: one dict per
report, from its JSON), drawn as inline SVG for the HTML index (offline, no
script) and as openpyxl charts on a 仪表板 sheet of the xlsx.  It only counts
and sorts what the findings already say.
"""
from __future__ import annotations

import html as _html

from ..findings import CATEGORIES
from .text import CAT_ZH

BINS = [(0, 40, "空泛 <40"), (40, 60, "一般 40–59"), (60, 80, "较具体 60–79"), (80, 101, "具体 ≥80")]
TOP = 10


def _unit(r: dict) -> str:
    return r.get("department") or r.get("name") or r.get("path") or "—"


def dashboard_data(rows: list[dict]) -> dict:
    """``{"categories", "matrix": [(unit, [n per category], total)], "bins": [(label, n)],
    "by_errors": [(name, errors, warnings)], "by_specificity": [(name, score)]}``."""
    cats = [c for c in CATEGORIES if any(r["categories"].get(c) for r in rows)] or list(CATEGORIES)
    units: dict[str, list[int]] = {}
    for r in rows:
        cell = units.setdefault(_unit(r), [0] * len(cats))
        for i, c in enumerate(cats):
            cell[i] += r["categories"].get(c, 0)
    matrix = sorted(((u, v, sum(v)) for u, v in units.items()), key=lambda x: (-x[2], x[0]))
    scored = [r for r in rows if r.get("specificity") is not None]
    bins = [(label, sum(1 for r in scored if lo <= r["specificity"] < hi)) for lo, hi, label in BINS]
    label = lambda r: r.get("department") or r.get("name")  # noqa: E731
    by_errors = sorted(((label(r), r["error"], r["warning"]) for r in rows), key=lambda x: (-x[1], -x[2], x[0]))[:TOP]
    by_spec = sorted(((label(r), r["specificity"]) for r in scored), key=lambda x: (-x[1], x[0]))[:TOP]
    return {"categories": [(c, CAT_ZH.get(c, c)) for c in cats], "matrix": matrix, "bins": bins,
            "by_errors": by_errors, "by_specificity": by_spec, "reports": len(rows), "scored": len(scored)}


def _e(s) -> str:
    return _html.escape(str(s))


def svg_bars(items: list[tuple[str, float]], title: str, color: str = "#2f6fdb", width: int = 460,
             unit: str = "") -> str:
    """A horizontal bar chart (label, value) as inline SVG, with the values written at the bar ends."""
    if not items:
        return f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="30">' \
               f'<text x="4" y="20" font-size="12" fill="#6b7280">{_e(title)}：无数据</text></svg>'
    bar_h, gap, left, top = 18, 6, 150, 24
    h = top + len(items) * (bar_h + gap) + 4
    vmax = max(v for _, v in items) or 1
    span = width - left - 50
    out = [f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {h}" width="100%" '
           f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="0" y="14" font-size="13" font-weight="600" fill="#1d2129">{_e(title)}</text>']
    for i, (name, v) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = max(1.0, span * v / vmax) if v else 0
        short = name if len(name) <= 11 else name[:10] + "…"
        out.append(f'<g class="bar" data-label="{_e(name)}" data-value="{_e(v)}">'
                   f'<title>{_e(name)}：{_e(v)}{_e(unit)}</title>'
                   f'<text x="{left - 6}" y="{y + 13}" font-size="12" text-anchor="end" fill="#1d2129">{_e(short)}</text>'
                   f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" fill="{color}"/>'
                   f'<text x="{left + w + 4:.1f}" y="{y + 13}" font-size="12" fill="#1d2129">{_e(v)}{_e(unit)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def html_matrix(d: dict) -> str:
    """Unit × category counts as a table, cells shaded by their share of the largest count."""
    cats = d["categories"]
    vmax = max((n for _, v, _ in d["matrix"] for n in v), default=0) or 1
    head = "".join(f"<th>{_e(zh)}</th>" for _, zh in cats)
    rows = []
    for unit, vals, total in d["matrix"]:
        tds = "".join(
            f'<td class="num" style="background:rgba(217,45,32,{0.08 + 0.6 * n / vmax:.2f})">{n}</td>' if n
            else '<td class="num zero">0</td>' for n in vals)
        rows.append(f"<tr><th class=\"unit\">{_e(unit)}</th>{tds}<td class=\"num\"><b>{total}</b></td></tr>")
    return (f'<table class="matrix"><thead><tr><th>单位</th>{head}<th>合计</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def html_dashboard(rows: list[dict]) -> str:
    """The dashboard section of the batch index (inline SVG and a table; no script, no network)."""
    d = dashboard_data(rows)
    hist = svg_bars([(label, n) for label, n in d["bins"]], f"具体性得分分布（{d['scored']} 份报告）", "#0b6b3a",
                    unit=" 份")
    errs = svg_bars([(n, e) for n, e, _ in d["by_errors"]], "错误最多的报告", "#d92d20", unit=" 条")
    spec = svg_bars([(n, s) for n, s in d["by_specificity"]], "具体性得分最高的报告", "#2f6fdb", unit=" 分")
    return (f'<section id="dashboard"><h2>汇总分析</h2>'
            f'<div class="dash-grid"><div class="dash-cell">{hist}</div><div class="dash-cell">{errs}</div>'
            f'<div class="dash-cell">{spec}</div></div>'
            f'<h3>各单位问题类别分布</h3><div class="matrix-wrap">{html_matrix(d)}</div></section>')


def xlsx_dashboard(wb, rows: list[dict]) -> None:
    """A 仪表板 sheet: the matrix, the score distribution and the two rankings, each with a bar chart."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    d = dashboard_data(rows)
    ws = wb.create_sheet("仪表板")
    bold = Font(bold=True)
    for col, width in zip("ABCDEFGHIJKL", (24, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)):
        ws.column_dimensions[col].width = width
    n_rows = 0

    def put(values, font=None):
        nonlocal n_rows
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for v in values:
            c = WriteOnlyCell(ws, value=v)
            if font is not None:
                c.font = font
            cells.append(c)
        ws.append(cells)
        n_rows += 1
        return n_rows

    def chart(title, first, last, anchor, y_title):
        ch = BarChart()
        ch.type = "bar"
        ch.style = 10
        ch.title = title
        ch.y_axis.title = y_title
        ch.legend = None
        ch.add_data(Reference(ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        ch.height, ch.width = 7, 14
        ws.add_chart(ch, anchor)

    put(["具体性得分分布"], bold)
    put(["等级", "报告数"], bold)
    first = n_rows + 1
    for label, n in d["bins"]:
        put([label, n])
    chart("具体性得分分布", first, n_rows, "E1", "报告数")
    put([])
    put(["错误最多的报告"], bold)
    put(["报告", "错误", "警告"], bold)
    first = n_rows + 1
    for name, e, w in d["by_errors"]:
        put([name, e, w])
    if d["by_errors"]:
        chart("错误最多的报告", first, n_rows, "E16", "错误")
    put([])
    put(["具体性得分最高的报告"], bold)
    put(["报告", "具体性得分"], bold)
    first = n_rows + 1
    for name, s in d["by_specificity"]:
        put([name, s])
    if d["by_specificity"]:
        chart("具体性得分最高的报告", first, n_rows, "E31", "得分")
    put([])
    put(["各单位问题类别分布"], bold)
    put(["单位"] + [zh for _, zh in d["categories"]] + ["合计"], bold)
    for unit, vals, total in d["matrix"]:
        put([unit, *vals, total])
