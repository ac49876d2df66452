"""Outputs usable as they are: severity first, suggestions visible, every finding on paper,
readable on a 400 px phone screen (headless Chromium)."""
import base64
import json

import pytest
from typer.testing import CliRunner

from narrcheck.cli import app

from chromium_util import DevTools
from conftest import seed
from test_outputs_html import chromium  # noqa: F401  (the shared fixture)

runner = CliRunner()
RANK = {"error": 0, "warning": 1, "info": 2}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    d = tmp_path_factory.mktemp("page")
    p = d / "report.html"
    res = runner.invoke(app, ["check", str(seed("004")), "-f", "html", "-o", str(p), "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    data = json.loads(runner.invoke(app, ["check", str(seed("004")), "-f", "json", "--fail-on", "never"]).stdout)
    return p, data["reports"][0]["findings"]


def test_findings_list_is_most_severe_first_with_suggestions_visible(page, chromium):
    p, findings = page
    with DevTools(chromium, 1300, 900) as dt:
        dt.open(p.as_uri())
        dt.wait_for("document.body.dataset.ready === '1'")
        sev = dt.eval("Array.from(document.querySelectorAll('li.finding')).map(li => li.dataset.severity)")
        assert len(sev) == len(findings) and {"error", "warning", "info"} <= set(sev)
        assert sev == sorted(sev, key=RANK.get)
        n_sugg = sum(1 for f in findings if f["suggestion"])
        assert dt.eval("Array.from(document.querySelectorAll('li.finding .sugg-line'))"
                       ".filter(e => e.getBoundingClientRect().height > 0).length") == n_sugg > 0


def _pdf_text(pdf_bytes, tmp_path) -> str:
    import pdfplumber

    f = tmp_path / "page.pdf"
    f.write_bytes(pdf_bytes)
    with pdfplumber.open(str(f)) as pdf:
        return "\n".join(pg.extract_text() or "" for pg in pdf.pages)


def test_printing_puts_every_finding_on_paper_even_when_filtered(page, chromium, tmp_path):
    p, findings = page
    with DevTools(chromium, 1300, 900) as dt:
        dt.open(p.as_uri() + "#sev=error")          # the screen shows only errors
        dt.wait_for("document.body.dataset.ready === '1'")
        n_err = sum(f["severity"] == "error" for f in findings)
        assert dt.eval("document.querySelectorAll('li.finding:not([hidden])').length") == n_err < len(findings)
        # Chromium fires beforeprint/afterprint around printing, as a user's Ctrl+P does
        pdf = base64.b64decode(dt.call("Page.printToPDF", {"printBackground": True}, timeout=120)["data"])
        dt.wait_for("document.querySelectorAll('li.finding:not([hidden])').length < 10")
        assert dt.eval("document.querySelectorAll('li.finding:not([hidden])').length") == n_err
    import unicodedata

    # the CJK font maps some characters to their Kangxi radical forms (⼈ for 人): compare NFKC forms
    text = unicodedata.normalize("NFKC", _pdf_text(pdf, tmp_path)).replace(" ", "")
    # every finding's rule code and (the start of) its message is on paper, with its evidence
    for f in findings:
        assert f["rule"] in text
    flat = text.replace("\n", "")
    missing = [f["message"][:12] for f in findings
               if unicodedata.normalize("NFKC", f["message"][:12]).replace(" ", "") not in flat]
    assert missing == []
    assert "导出决定" not in text and "全选" not in text


def test_readable_at_400_px(page, chromium):
    p, _ = page
    with DevTools(chromium, 400, 800) as dt:
        dt.open(p.as_uri())
        dt.wait_for("document.body.dataset.ready === '1'")
        dt.call("Emulation.setDeviceMetricsOverride", {"width": 400, "height": 800, "deviceScaleFactor": 1,
                                                       "mobile": True})
        dt.wait_for("window.innerWidth <= 420")
        assert dt.eval("window.innerWidth") <= 420
        # nothing makes the page wider than the screen: wide tables scroll inside themselves
        assert dt.eval("document.documentElement.scrollWidth") <= dt.eval("window.innerWidth") + 1
        assert dt.eval("""Array.from(document.querySelectorAll('li.finding, #doc p, .card'))
            .every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)""")
        # one column: the findings come below the text, at full width
        w = dt.eval("document.querySelector('#findings').getBoundingClientRect().width")
        assert w >= dt.eval("window.innerWidth") * 0.9
        assert dt.eval("getComputedStyle(document.querySelector('#doc table')).overflowX") == "auto"
