"""The pages in real headless Chromium (Playwright for Python driving the system
Chromium; nothing downloaded): upload a draft, see the findings, record a
decision, upload the next version and see the decision kept."""
from __future__ import annotations

import pytest

from live_util import LiveServer
from serve_util import FIXED_FROM, draft_v1, draft_v2

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    pw_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from chromium_util import ensure_chromium

    exe, why = ensure_chromium()
    if exe is None:
        pytest.skip(why)
    with pw_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.mark.slow
def test_upload_findings_decision_kept_on_next_version(browser, tmp_path):
    from narrcheck.serve.app import create_app

    (tmp_path / "岳麓区政府办-初稿.txt").write_bytes(draft_v1())
    (tmp_path / "岳麓区政府办-修改稿.txt").write_bytes(draft_v2())
    app = create_app(None, str(tmp_path / "data"), workers=1)      # a real worker process
    with LiveServer(app) as srv:
        page = browser.new_page()
        page.set_default_timeout(120_000)
        page.goto(srv.url + "/")
        assert "开放模式" in page.inner_text("#open-mode")
        page.set_input_files("input[name=file]", str(tmp_path / "岳麓区政府办-初稿.txt"))
        page.click("#upload-form button[type=submit]")
        page.wait_for_url("**/reports/*")
        rows = page.locator("#findings tr.finding")
        n = rows.count()
        assert n > 10
        assert page.inner_text("#n-open") == str(n)
        # the CLI's HTML report inside the page, with its highlights
        frame = page.frame_locator("iframe")
        assert frame.locator("mark").count() > 0
        # record a decision on the rounding finding (NC352)
        row = page.locator("#findings tr.finding[data-rule=NC352]").first
        fp = row.get_attribute("data-fingerprint")
        row.locator("select[name=status]").select_option("误报")
        row.locator("input[name=note]").fill("四舍五入差异")
        row.locator("button[type=submit]").click()
        page.wait_for_load_state("load")
        row = page.locator(f'#findings tr[data-fingerprint="{fp}"]')
        assert "误报" in row.locator(".decision").inner_text() and "四舍五入差异" in row.inner_text()
        assert page.inner_text("#n-open") == str(n - 1)
        # the next version
        page.goto(srv.url + "/")
        page.set_input_files("input[name=file]", str(tmp_path / "岳麓区政府办-修改稿.txt"))
        page.click("#upload-form button[type=submit]")
        page.wait_for_url("**/reports/*")
        assert "第 2 版" in page.inner_text("main")
        row = page.locator(f'#findings tr[data-fingerprint="{fp}"]')
        assert row.count() == 1
        text = row.locator(".decision").inner_text()
        assert "误报" in text and "沿用以前版本的意见" in text
        assert row.locator("select[name=status]").input_value() == "误报"
        assert int(page.inner_text("#d-fixed")) >= 1 and int(page.inner_text("#d-new")) >= 1
        page.click("#diff-summary a")
        page.wait_for_url("**/diff")
        assert FIXED_FROM in page.inner_text("table.diff-fixed")
        page.close()
