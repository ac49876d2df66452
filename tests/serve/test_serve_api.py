"""narrcheck serve through the ASGI test client on SQLite: open mode, uploads, the
JSON contract, safety (413, corrupt files, CSRF, read-only storage), accounts and
what each role sees, decisions kept across versions, the version diff, exports."""
from __future__ import annotations

import base64
import json
import os
import stat

import pytest

from serve_util import FIXED_FROM, FIXED_TO, OTHER, SEED, csrf_of, draft_v1, draft_v2, make_client  # noqa: F401


def _basic(user, pw):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()}


def _cli_findings(data: bytes, tmp_path, name="draft.txt"):
    """The CLI pipeline's findings for the same bytes (independent of the service)."""
    from narrcheck.api import check_paths

    p = tmp_path / name
    p.write_bytes(data)
    res = check_paths([str(p)]).results[0]
    return json.loads(json.dumps([f.to_dict() for f in res.findings], ensure_ascii=False)), res   # as JSON


def _strip(findings):
    return [{k: v for k, v in f.items() if k != "decision"} for f in findings]


# ---------------------------------------------------------------- open mode and the pipeline
def test_open_mode_page_says_so_and_upload_shows_the_cli_findings(make_client, tmp_path):
    c = make_client()
    home = c.get("/")
    assert home.status_code == 200
    assert "开放模式" in home.text and "保存在服务器上" in home.text
    r = c.post("/upload", data={"csrf": csrf_of(home.text)}, files={"file": ("岳麓区政府办.txt", draft_v1())},
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"])
    assert page.status_code == 200
    expected, _ = _cli_findings(draft_v1(), tmp_path)
    assert page.text.count('class="finding"') == len(expected) > 10
    # same pipeline: the API result equals the library's findings on the same file
    api = c.post("/api/check", files={"file": ("岳麓区政府办.txt", draft_v1())}).json()
    assert set(api) >= {"tool", "reports", "errors"} and api["errors"] == []
    rep = api["reports"][0]
    assert _strip(rep["findings"]) == expected     # fingerprints included: the CLI's, for --baseline
    assert rep["meta"]["department"] == "长沙市岳麓区人民政府办公室"
    assert rep["upload"]["version"] == 2            # the same draft again is the series' next version
    assert all(f["fingerprint"].startswith(f["rule"]) for f in rep["findings"])
    # the CLI's HTML page, Word comment copy and xlsx
    uid = rep["upload"]["id"]
    html = c.get(f"/reports/{uid}/page.html")
    assert html.status_code == 200 and "<mark" in html.text
    docx = c.get(f"/reports/{uid}/annotated.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "attachment" in docx.headers["content-disposition"]
    xlsx = c.get(f"/reports/{uid}/findings.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_stored_upload_is_read_only_and_unchanged(make_client):
    import hashlib

    c = make_client()
    data = draft_v1()
    rep = c.post("/api/check", files={"file": ("../../etc/草稿.txt", data)}).json()["reports"][0]
    from sqlalchemy import select

    from narrcheck.serve import db as dbm

    Session = c.app.app.state.Session
    with Session() as s:
        up = s.scalar(select(dbm.Upload).where(dbm.Upload.id == rep["upload"]["id"]))
    assert os.path.realpath(up.stored_path).startswith(os.path.realpath(c.data_dir))   # no path traversal
    assert os.path.basename(up.stored_path) == "草稿.txt"
    mode = os.stat(up.stored_path).st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    with open(up.stored_path, "rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == up.sha256 == hashlib.sha256(data).hexdigest()
    orig = c.get(f"/reports/{up.id}/original")
    assert orig.content == data


# ---------------------------------------------------------------- safety
def test_upload_over_the_limit_gets_413_in_chinese(make_client):
    c = make_client(max_upload_mb=0.5)
    big = b"x" * (600 * 1024)
    r = c.post("/api/check", files={"file": ("big.txt", big)})
    assert r.status_code == 413
    assert "文件过大" in r.json()["detail"] and "0.5 MB" in r.json()["detail"]
    # a streamed body without Content-Length is cut off as it passes the limit
    def chunks():
        for _ in range(20):
            yield b"y" * (64 * 1024)
    r = c.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413 and "文件过大" in r.text
    # the service keeps serving, and a file under the limit is checked
    small = c.post("/api/check", files={"file": ("草稿.txt", draft_v1())})
    assert small.status_code == 200


def test_corrupt_upload_gets_422_in_chinese_and_service_keeps_serving(make_client):
    c = make_client()
    r = c.post("/api/check", files={"file": ("报告.docx", b"PK\x03\x04 this is not a zip")})
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["code"] == "corrupt-docx" and "不是有效的 .docx 文件" in err["message"]
    assert err["message"].startswith("报告.docx：")          # the user's file name, not the storage path
    home = c.get("/")
    r = c.post("/upload", data={"csrf": csrf_of(home.text)}, files={"file": ("空.txt", b"")})
    assert r.status_code == 422 and "文件为空" in r.text
    r = c.post("/upload", data={"csrf": csrf_of(home.text)}, files={"file": ("x.pdf", b"%PDF-1.4 broken")})
    assert 400 <= r.status_code < 500 and "x.pdf：" in r.text
    assert c.post("/api/check", files={"file": ("草稿.txt", draft_v1())}).status_code == 200


def test_post_forms_need_the_csrf_token(make_client):
    c = make_client()
    r = c.post("/upload", files={"file": ("草稿.txt", draft_v1())})
    assert r.status_code == 403 and "表单已过期" in r.text
    r = c.post("/upload", data={"csrf": "forged"}, files={"file": ("草稿.txt", draft_v1())})
    assert r.status_code == 403
    rep = c.post("/api/check", files={"file": ("草稿.txt", draft_v1())}).json()["reports"][0]
    fp = rep["findings"][0]["fingerprint"]
    r = c.post(f"/reports/{rep['upload']['id']}/decisions", data={"fingerprint": fp, "status": "误报"})
    assert r.status_code == 403
    r = c.post(f"/api/reports/{rep['upload']['id']}/decisions", json={"fingerprint": fp, "status": "误报"})
    assert r.status_code == 403


def test_check_timeout_is_a_chinese_504(make_client):
    c = make_client(check_timeout=0.001)
    r = c.post("/api/check", files={"file": ("草稿.txt", draft_v1())})
    assert r.status_code == 504 and "检查超时" in r.json()["detail"]


# ---------------------------------------------------------------- accounts
def test_accounts_login_and_what_each_role_sees(make_client):
    from narrcheck.serve.app import add_user

    c = make_client()
    # two units' drafts in open mode
    a = c.post("/api/check", files={"file": ("a.txt", draft_v1())}).json()["reports"][0]["upload"]
    b = c.post("/api/check", files={"file": ("b.txt", OTHER.read_bytes())}).json()["reports"][0]["upload"]
    assert a["unit"] != b["unit"]
    with pytest.raises(ValueError, match="至少 8 位"):
        add_user(None, str(c.data_dir), "short", "1234", "reviewer")
    with pytest.raises(ValueError, match="--unit"):
        add_user(None, str(c.data_dir), "dept", "password1", "department")
    assert add_user(None, str(c.data_dir), "审核员", "password1", "reviewer") == "created"
    assert add_user(None, str(c.data_dir), "dept", "password2", "department", unit=a["unit"]) == "created"
    # login is now required
    c.cookies.clear()
    r = c.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert c.get("/api/reports").status_code == 401
    assert c.post("/api/check", files={"file": ("a.txt", draft_v1())}).status_code == 401
    login = c.get("/login")
    assert "开放模式" not in login.text
    bad = c.post("/login", data={"csrf": csrf_of(login.text), "username": "dept", "password": "wrong-pass"})
    assert bad.status_code == 401 and "用户名或密码错误" in bad.text
    ok = c.post("/login", data={"csrf": csrf_of(login.text), "username": "dept", "password": "password2"},
                follow_redirects=False)
    assert ok.status_code == 303
    # the department sees its own unit only
    assert c.get(f"/reports/{a['id']}").status_code == 200
    assert c.get(f"/reports/{b['id']}").status_code == 404
    assert c.get(f"/api/reports/{b['id']}").status_code == 404
    assert c.get(f"/units/{b['unit']}").status_code == 404
    assert c.get("/review").status_code == 403
    assert {r["unit"] for r in c.get("/api/reports").json()["reports"]} == {a["unit"]}
    home = c.get("/")
    assert b["unit"] not in home.text
    # its uploads go to its unit whatever the form says
    r = c.post("/upload", data={"csrf": csrf_of(home.text), "unit": b["unit"]},
               files={"file": ("b2.txt", OTHER.read_bytes())}, follow_redirects=False)
    assert r.status_code == 303
    mine = c.get("/api/reports").json()["reports"]
    assert {r["unit"] for r in mine} == {a["unit"]} and len(mine) == 2
    # a department cannot record decisions
    fp = c.get(f"/api/reports/{a['id']}").json()["reports"][0]["findings"][0]["fingerprint"]
    r = c.post(f"/reports/{a['id']}/decisions", data={"csrf": csrf_of(home.text), "fingerprint": fp,
                                                      "status": "误报"})
    assert r.status_code == 403
    # logout, then the reviewer through HTTP Basic sees every unit
    c.post("/logout", data={"csrf": csrf_of(home.text)})
    assert c.get("/", follow_redirects=False).status_code == 303
    assert c.get("/api/reports", headers=_basic("审核员", "wrong")).status_code == 401
    rv = c.get("/api/reports", headers=_basic("审核员", "password1"))
    assert {r["unit"] for r in rv.json()["reports"]} == {a["unit"], b["unit"]}
    r = c.post("/api/check", files={"file": ("a.txt", draft_v1())}, headers=_basic("审核员", "password1"))
    assert r.status_code == 200


def test_passwords_are_hashed(make_client):
    from sqlalchemy import select

    from narrcheck.serve import db as dbm
    from narrcheck.serve.app import add_user
    from narrcheck.serve.security import verify_password

    c = make_client()
    add_user(None, str(c.data_dir), "r1", "correct horse", "reviewer")
    with c.app.app.state.Session() as s:
        u = s.scalar(select(dbm.User).where(dbm.User.username == "r1"))
    assert "correct horse" not in u.password_hash and u.password_hash.startswith("scrypt$")
    assert verify_password("correct horse", u.password_hash) and not verify_password("correct hors", u.password_hash)


# ---------------------------------------------------------------- decisions across versions
def versions_flow(c, tmp_path):
    """Upload v1, decide on two findings, upload v2: decisions kept, diff fixed/open/new."""
    home = c.get("/")
    token = csrf_of(home.text)
    v1 = c.post("/api/check", files={"file": ("初稿.txt", draft_v1())}).json()["reports"][0]
    fs1 = v1["findings"]
    fixed = next(f for f in fs1 if f["rule"] == "NC205" and f["text"] == FIXED_FROM)
    kept = next(f for f in fs1 if f["rule"] == "NC352")
    explained = next(f for f in fs1 if f["rule"] == "NC252")
    uid1 = v1["upload"]["id"]
    r = c.post(f"/reports/{uid1}/decisions", data={"csrf": token, "fingerprint": kept["fingerprint"],
                                                   "status": "误报", "note": "四舍五入"}, follow_redirects=False)
    assert r.status_code == 303
    r = c.post(f"/api/reports/{uid1}/decisions", headers={"X-CSRF-Token": token},
               json={"fingerprint": explained["fingerprint"], "status": "已说明", "note": "人大审议通过"})
    assert r.status_code == 200 and r.json()["status"] == "已说明"
    r = c.post(f"/api/reports/{uid1}/decisions", headers={"X-CSRF-Token": token},
               json={"fingerprint": fixed["fingerprint"], "status": "不同意"})
    assert r.status_code == 400 and "无效" in r.json()["detail"] and "误报" in r.json()["detail"]

    v2 = c.post("/api/check", files={"file": ("修改稿.txt", draft_v2())}).json()["reports"][0]
    assert v2["upload"]["series"] == v1["upload"]["series"] and v2["upload"]["version"] == 2
    by_fp = {f["fingerprint"]: f for f in v2["findings"]}
    dec = by_fp[kept["fingerprint"]]["decision"]
    assert (dec["status"], dec["note"], dec["who"], dec["rule"]) == ("误报", "四舍五入", "开放模式", "NC352")
    assert by_fp[explained["fingerprint"]]["decision"]["status"] == "已说明"
    assert fixed["fingerprint"] not in by_fp
    assert FIXED_TO not in {f["text"] for f in v2["findings"] if f["rule"] == "NC205"}
    # the diff between versions
    uid2 = v2["upload"]["id"]
    d = c.get(f"/api/reports/{uid2}/diff").json()
    assert d["base"] == uid1
    assert fixed["fingerprint"] in d["fixed"]
    assert kept["fingerprint"] in d["still_open"] and explained["fingerprint"] in d["still_open"]
    new_texts = {by_fp[fp]["text"] for fp in d["new"]}
    assert any("工作成效明显" in t or "示范作用" in t or "进一步提高" in t for t in new_texts), new_texts
    # everything else is still open: the inserted line moved every offset without changing fingerprints
    assert len(d["still_open"]) >= len(fs1) - 3
    page = c.get(f"/reports/{uid2}")
    assert "沿用以前版本的意见" in page.text and "与第 1 版相比" in page.text
    dpage = c.get(f"/reports/{uid2}/diff")
    assert dpage.status_code == 200 and FIXED_FROM in dpage.text
    # the changed text, with the changed characters marked
    assert "<ins>（修改稿）</ins>" in dpage.text and "<del>总量持续</del>" in dpage.text
    assert "<ins>工作成效明显，群众满意度进一步提高，起到了示范作用。</ins>" in dpage.text
    return v1, v2


def test_decisions_persist_across_versions_and_diff(make_client, tmp_path):
    c = make_client()
    versions_flow(c, tmp_path)
    # clearing a decision
    v2 = c.get("/api/reports/2").json()["reports"][0]
    fp = next(f["fingerprint"] for f in v2["findings"] if f.get("decision") and f["decision"]["status"] == "误报")
    token = csrf_of(c.get("/").text)
    c.post("/reports/2/decisions", data={"csrf": token, "fingerprint": fp, "status": ""})
    v2 = c.get("/api/reports/2").json()["reports"][0]
    assert next(f for f in v2["findings"] if f["fingerprint"] == fp)["decision"] is None


def test_reviewer_pages_filters_dashboard_and_unit_history(make_client, tmp_path):
    c = make_client()
    versions_flow(c, tmp_path)
    c.post("/api/check", files={"file": ("卫健委.txt", OTHER.read_bytes())})
    rv = c.get("/review")
    assert rv.status_code == 200
    # one row per series: the latest version of each unit's report
    assert rv.text.count("修改稿.txt") == 1 and "初稿.txt" not in rv.text and "卫健委.txt" in rv.text
    only_err = c.get("/review", params={"severity": "error"})
    v2 = c.get("/api/reports/2").json()["reports"][0]
    n_err = sum(1 for f in v2["findings"] if f["severity"] == "error")
    assert n_err > 0 and "修改稿.txt" in only_err.text
    other = c.get("/api/reports/3").json()["reports"][0]
    unit2 = other["meta"]["department"] or other["upload"]["unit"]
    by_unit = c.get("/review", params={"unit": unit2})
    assert "卫健委.txt" in by_unit.text and "修改稿.txt" not in by_unit.text
    cats = {f["category"] for f in v2["findings"]} - {f["category"] for f in other["findings"]}
    assert cats                       # the well-written 卫健委 report has none of the draft's problems
    by_cat = c.get("/review", params={"category": sorted(cats)[0]})
    assert "修改稿.txt" in by_cat.text and "卫健委.txt" not in by_cat.text
    dash = c.get("/review/dashboard")
    assert dash.status_code == 200 and "/reports/2" in dash.text and "/reports/1\"" not in dash.text
    hist = c.get(f"/units/{v2['upload']['unit']}")
    assert hist.status_code == 200 and "初稿.txt" in hist.text and "修改稿.txt" in hist.text
    assert "/reports/2/diff" in hist.text


def test_export_for_training(make_client, tmp_path):
    c = make_client()
    v1, v2 = versions_flow(c, tmp_path)
    other = next(f for f in v2["findings"] if not f.get("decision"))
    r = c.post(f"/api/reports/{v2['upload']['id']}/decisions", headers={"X-CSRF-Token": csrf_of(c.get("/").text)},
               json={"fingerprint": other["fingerprint"], "status": "ignore"})     # an alias of 忽略
    assert r.json()["status"] == "忽略"
    r = c.get("/export/labels.jsonl")
    assert r.status_code == 200
    recs = [json.loads(line) for line in r.text.splitlines()]
    findings = {x["decision"]: x for x in recs if x["kind"] == "finding"}
    assert findings["误报"]["label"] == "rejected" and findings["误报"]["rule"] == "NC352"
    assert findings["已说明"]["label"] == "accepted" and findings["已说明"]["note"] == "人大审议通过"
    assert all(x["origin"] == "serve-decision" for x in recs)
    assert "忽略" not in findings and len(findings) == 2        # 忽略 says nothing about the finding
    # the export is what `narrcheck import-labels` reads (JSONL with a label field)
    from narrcheck.labels import import_labels

    p = tmp_path / "decisions.jsonl"
    p.write_text(r.text, encoding="utf-8")
    info = import_labels([str(p)], str(tmp_path / "out.jsonl"), None)
    assert info["records"] == len(recs)


def test_decisions_export_is_a_baseline_for_the_cli(make_client, tmp_path):
    """The service's decisions file hides the decided findings in ``narrcheck check --baseline``."""
    from narrcheck import decisions
    from narrcheck.api import check_paths

    c = make_client()
    v1, v2 = versions_flow(c, tmp_path)
    r = c.get("/export/decisions.json")
    assert r.status_code == 200 and r.json()["format"] == "narrcheck-decisions"
    p = tmp_path / "decisions.json"
    p.write_bytes(r.content)
    ds = decisions.load(str(p))
    assert len(ds) == 2
    draft = tmp_path / "修改稿.txt"
    draft.write_bytes(draft_v2())
    res = check_paths([str(draft)]).ok[0]
    counts = decisions.apply(res, ds)
    assert counts["decided"] == 2
    assert {f.rule for f in res.decided} == {"NC352", "NC252"}
    # the service has seen every other finding of this draft: unresolved, not new
    assert res.findings and all(f.baseline == "unresolved" for f in res.findings)


def test_api_reports_contract(make_client):
    c = make_client()
    up = c.post("/api/check", files={"file": ("草稿.txt", draft_v1())}).json()["reports"][0]["upload"]
    lst = c.get("/api/reports").json()["reports"]
    assert [r["id"] for r in lst] == [up["id"]] and lst[0]["counts"]["error"] >= 1
    one = c.get(f"/api/reports/{up['id']}").json()
    rep = one["reports"][0]
    assert set(rep) >= {"path", "meta", "findings", "indicators", "score"}
    f = rep["findings"][0]
    assert set(f) >= {"rule", "name", "category", "severity", "message", "text", "location", "evidence",
                      "suggestion"}
    assert rep["path"] == "草稿.txt"
    assert c.get("/api/reports/999").status_code == 404


def test_migrations_match_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from narrcheck.serve import db as dbm

    url = "sqlite:///" + str(tmp_path / "m.sqlite3")
    engine, _ = dbm.open_db(url)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), dbm.Base.metadata) == []
    engine.dispose()


def test_cli_serve_user_and_help(tmp_path):
    from typer.testing import CliRunner

    from narrcheck.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--db" in r.output
    r = runner.invoke(app, ["serve-user", "王科长", "--role", "reviewer", "--data", str(tmp_path),
                            "--password", "secret-pass"])
    assert r.exit_code == 0, r.output
    assert "已创建账号 王科长" in r.output
    r = runner.invoke(app, ["serve-user", "x", "--role", "boss", "--data", str(tmp_path), "--password", "secret-pass"])
    assert r.exit_code == 2
    # a database server that cannot be reached: one Chinese line, exit 2
    from pg_util import free_port

    r = runner.invoke(app, ["serve", "--db", f"postgresql://nobody@127.0.0.1:{free_port()}/x", "--data", str(tmp_path)])
    assert r.exit_code == 2 and "无法启动网页服务" in r.output
    assert SEED.exists()


def test_pages_show_times_in_the_servers_time_zone(monkeypatch):
    import datetime as dt
    import time

    from narrcheck.serve.app import _local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert _local_time(dt.datetime(2026, 12, 7, 1, 30)) == "2026-12-07 09:30"     # stored in UTC
        assert _local_time(None) == ""
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_report_page_is_the_clis_html_report(make_client, tmp_path):
    """The department sees the same HTML report as ``narrcheck check --format html``."""
    import subprocess
    import sys

    (tmp_path / "草稿.txt").write_bytes(draft_v1())
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    r = subprocess.run([sys.executable, "-c", "from narrcheck.cli import main; main()", "check", "草稿.txt",
                        "--format", "html", "-o", "cli.html", "--fail-on", "never", "--quiet"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    c = make_client()
    up = c.post("/api/check", files={"file": ("草稿.txt", draft_v1())}).json()["reports"][0]["upload"]
    served = c.get(f"/reports/{up['id']}/page.html")
    assert served.headers["content-type"].startswith("text/html")
    assert served.text == (tmp_path / "cli.html").read_text(encoding="utf-8")
