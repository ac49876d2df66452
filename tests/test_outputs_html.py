"""HTML report: one self-contained page; highlights, category/severity filters,
evidence one click away and the indicator table, checked in headless Chromium."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrcheck.api import ReportResult, check_paths
from narrcheck.findings import Finding
from narrcheck.model import Location, Paragraph, Table
from narrcheck.render.html import render_page, write_page

from chromium_util import DevTools, ensure_chromium, run_cli
from conftest import seed


class _Scan(HTMLParser):
    """Collects external references, scripts, and the text inside each <mark>."""

    def __init__(self):
        super().__init__()
        self.external, self.scripts, self.marks, self.stack = [], 0, [], []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self.scripts += 1
            if a.get("src"):
                self.external.append(a["src"])
        if tag == "link" or (tag in ("img", "iframe") and a.get("src")):
            self.external.append(a.get("href") or a.get("src"))
        for k in ("href", "src"):
            v = a.get(k) or ""
            if re.match(r"(https?:)?//", v):
                self.external.append(v)
        if tag == "mark":
            self.stack.append([a.get("data-f", ""), "", a.get("class", "")])

    def handle_endtag(self, tag):
        if tag == "mark" and self.stack:
            fids, text, cls = self.stack.pop()
            self.marks.append((fids, text, "rel" in cls.split()))

    def handle_data(self, data):
        for m in self.stack:
            m[1] += data


def _result_with_findings():
    """Seed 004 checked for real, plus findings of several categories at known places."""
    batch = check_paths([str(seed("004"))])
    res = batch.results[0]
    doc = res.report.document
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and "岳阳" in b.text and len(b.text) > 20)
    tab = next(b for b in doc.blocks if isinstance(b, Table) and b.nrows > 5)
    cell = next(c for c in tab.cells() if len(c.text) >= 4 and c.row > 1)
    s = para.text.index("岳阳")
    extra = [
        Finding("NC201", "vague-claim", "vague", "warning", "表述空泛，缺少可度量的结果", para.text[s:s + 2],
                Location(section="x", block=para.block, paragraph=0, start=s, end=s + 2),
                {"phrase": "岳阳"}, "写明数量、比率或完成日期"),
        Finding("NC301", "text-table-mismatch", "mismatch", "error", "正文与表格数字不一致", cell.text[:2],
                Location(section="x", block=tab.block, table=tab.number, row=cell.row, col=cell.col, column="实际完成值",
                         start=0, end=2),
                {"text_value": "98%", "table_value": "96%"}, "核对后统一",
                related=[Location(section="x", block=para.block, paragraph=0, start=0, end=4)]),
        Finding("NC451", "wrong-year", "timeline", "info", "年份与报告年度不符", "",
                Location(section="")),
    ]
    res.findings = res.findings + extra
    return res, extra


def test_page_is_self_contained_and_marks_exactly_the_flagged_text(tmp_path):
    res, extra = _result_with_findings()
    html = render_page(res)
    scan = _Scan()
    scan.feed(html)
    assert scan.external == [] and scan.scripts == 1
    assert "<style>" in html and 'lang="zh-CN"' in html and "问题清单" in html
    # the text under each finding's own marks is exactly the located span (location offsets)
    from narrcheck.render.common import resolve_place

    doc = res.report.document
    checked = 0
    for i, f in enumerate(res.findings):
        fid = f"f{i}"
        pl = resolve_place(doc, f.location, f.text)
        if pl is None or pl[0] not in ("p", "cell") or f.related:
            continue
        text = pl[1].text if pl[0] == "p" else pl[2].text
        s, e = (pl[2], pl[3]) if pl[0] == "p" else (pl[3], pl[4])
        covered = "".join(t for fids, t, rel in scan.marks if fid in fids.split() and not rel)
        # (line breaks inside a cell are <br> in the page)
        assert covered == (text[s:e].replace("\n", "") or "（空）"), (f.rule, text[s:e], covered)
        checked += 1
    assert checked >= 3
    # the report-level finding is listed, not highlighted
    last = f"f{len(res.findings) - 1}"
    assert not any(last in fids.split() for fids, _, _ in scan.marks)
    assert f'id="{last}"' in html
    # indicator table with specificity shown as a number or as —
    assert "绩效指标与具体性得分" in html
    inds = [i for i in __import__("narrcheck.render.json", fromlist=["x"]).report_dict(res)["indicators"]
            if not i.get("empty")]
    assert inds
    if all(i["specificity"] is None for i in inds):
        assert html.count('class="num spec">—</td>') == len(inds)


@pytest.fixture(scope="module")
def chromium():
    exe, why = ensure_chromium()
    if not exe:
        pytest.skip(why)
    return exe


def test_filters_highlights_and_evidence_in_chromium(tmp_path, chromium):
    res, extra = _result_with_findings()
    page = tmp_path / "report.html"
    write_page(res, str(page))
    n = len(res.findings)
    cats = {f.category for f in res.findings}
    with DevTools(chromium, 1400, 1100) as dt:
        dt.open(page.as_uri())
        dt.wait_for("document.body.dataset.ready === '1'")
        assert dt.eval("document.querySelectorAll('li.finding:not([hidden])').length") == n
        n_marks = dt.eval("document.querySelectorAll('mark.hl').length")
        assert n_marks >= 3
        assert dt.eval("document.querySelectorAll('mark.hl.off').length") == 0
        # category filter: untick "vague" → its findings and highlights go, the others stay
        dt.eval("document.querySelector('input[name=cat][value=vague]').click()")
        n_vague = sum(f.category == "vague" for f in res.findings)
        assert dt.eval("document.querySelectorAll('li.finding:not([hidden])').length") == n - n_vague
        assert dt.eval("Array.from(document.querySelectorAll('li.finding:not([hidden])'))"
                       ".every(li => li.dataset.category !== 'vague')")
        assert dt.eval("Array.from(document.querySelectorAll('mark.hl.c-vague')).every(m => m.classList.contains('off')"
                       " || m.dataset.f.split(' ').some(f => !document.getElementById(f).hidden))")
        assert "cat=" in dt.eval("location.hash") and "vague" not in dt.eval("location.hash").split("cat=")[1].split("&")[0]
        # severity filter: errors only
        dt.eval("document.querySelectorAll('input[name=sev]').forEach(b => { if (b.value !== 'error') b.click(); })")
        shown = dt.eval("Array.from(document.querySelectorAll('li.finding:not([hidden])')).map(li => li.dataset.severity)")
        assert shown and set(shown) == {"error"}
        assert dt.eval("document.getElementById('n-shown').textContent") == str(len(shown))
        # everything back on; one click on a highlight opens that finding's evidence
        dt.eval("document.querySelector('[data-all=cat]').click()")
        dt.eval("document.querySelectorAll('input[name=sev]').forEach(b => { if (!b.checked) b.click(); })")
        assert dt.eval("document.querySelectorAll('li.finding:not([hidden])').length") == n
        fid = f"f{res.findings.index(extra[1])}"
        assert dt.eval(f"document.querySelector('#{fid} details').open") is False
        # a click on a highlight opens a finding's evidence; several findings on one stretch → next click, next one
        dt.eval(f"document.querySelector('mark.hl[data-f~=\"{fid}\"]:not(.rel)').click()")
        first = dt.eval("document.querySelector('li.finding.sel').id")
        assert dt.eval(f"document.querySelector('#{first} details').open") is True
        for _ in range(6):
            if dt.eval(f"document.querySelector('#{fid} details').open"):
                break
            dt.eval(f"document.querySelector('mark.hl[data-f~=\"{fid}\"]:not(.rel)').click()")
        assert dt.eval(f"document.querySelector('#{fid} details').open") is True
        ev = dt.eval(f"document.querySelector('#{fid} details').innerText")
        assert "98%" in ev and "96%" in ev and "另见" in ev
        # the suggestion is visible without opening anything
        sugg = dt.eval(f"document.querySelector('#{fid} .sugg-line').getBoundingClientRect().height")
        assert sugg > 0 and "核对后统一" in dt.eval(f"document.querySelector('#{fid} .sugg-line').innerText")
        # the evidence table is visible (one click, no second step)
        assert dt.eval(f"document.querySelector('#{fid} details table').getBoundingClientRect().height") > 0
        # indicators table rendered
        assert dt.eval("document.querySelectorAll('#indicators tbody tr').length") > 0
        shot = tmp_path / "report.png"
        dt.screenshot(str(shot))
        assert shot.stat().st_size > 20_000
    # the URL hash alone sets the filter (links can be shared), via plain --dump-dom
    r = run_cli(chromium, page.as_uri() + "#cat=copied&sev=warning", "--dump-dom", "--virtual-time-budget=2000")
    dom = r.stdout
    assert 'data-ready="1"' in dom
    items = re.findall(r'<li class="finding[^"]*" id="(f\d+)" data-category="(\w+)" data-severity="(\w+)"[^>]*?'
                       r'( hidden="")?>', dom)
    assert len(items) == n
    for fid, cat, sev, hidden in items:
        assert bool(hidden) != (cat == "copied" and sev == "warning"), (fid, cat, sev, hidden)
    # and a screenshot through the plain CLI too
    r = run_cli(chromium, page.as_uri(), f"--screenshot={tmp_path / 'cli.png'}", "--window-size=1280,1600")
    assert (tmp_path / "cli.png").exists(), r.stderr[-500:]


def test_batch_index_links_every_report(tmp_path, chromium):
    from narrcheck.cli import app

    out = tmp_path / "site" / "index.html"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"")
    res = CliRunner().invoke(app, ["check", str(seed("004")), str(seed("002")), str(bad), "--format", "html",
                                   "-o", str(out), "--fail-on", "never"])
    assert res.exit_code == 2                                     # one input failed: listed, the rest checked
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.html)">', html)
    assert len(links) == 2 and all((out.parent / h).exists() for h in links)
    assert "无法检查" in html and "bad.docx" in html
    for h in links:
        assert 'href="../index.html"' in (out.parent / h).read_text(encoding="utf-8")
    with DevTools(chromium) as dt:
        dt.open(out.as_uri())
        assert dt.eval("document.querySelectorAll('#reports tbody tr').length") == 2
        dt.eval("document.querySelector('#reports th:nth-child(8)').click()")     # sort by total
        totals = dt.eval("Array.from(document.querySelectorAll('#reports tbody tr')).map(r => +r.dataset.total)")
        assert totals == sorted(totals, reverse=True)
        dt.screenshot(str(tmp_path / "index.png"))
    assert (tmp_path / "index.png").stat().st_size > 5_000


def test_single_report_html_needs_output(tmp_path):
    from narrcheck.cli import app

    res = CliRunner().invoke(app, ["check", str(seed("004")), "--format", "html"])
    assert res.exit_code == 2 and "-o" in res.stderr
    out = tmp_path / "r.html"
    res = CliRunner().invoke(app, ["check", str(seed("004")), "--format", "html", "-o", str(out),
                                   "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
