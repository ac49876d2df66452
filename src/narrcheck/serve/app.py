"""The ASGI application (FastAPI): pages, API, accounts, uploads.

``create_app(db_url, data_dir, max_upload_mb, workers, check_timeout, config)``.

Modes: with no account in the database the service is in *open mode*: anyone
who reaches it may check a draft and see every stored result (every page says
so).  Once an admin creates an account (``narrcheck serve-user``), every page
and API call needs a login (session cookie, or HTTP Basic for the API).

Roles: ``department`` (its own unit's drafts only; uploads go to its unit),
``reviewer`` and ``admin`` (every unit; record decisions; export labels).

Safety: uploads above ``max_upload_mb`` get 413 before they are read whole
(``LimitUpload``); uploads are stored read-only under ``data_dir/uploads``
and never modified; checks run in the worker pool (``worker.Pool``) with a
timeout; a file narrcheck cannot read gets 422 with the CLI's Chinese message;
every POST form carries the session's CSRF token.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import stat
import uuid
from base64 import b64decode
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import db as dbm
from .security import Signer, hash_password, new_csrf, same_token, verify_password

COOKIE = "narrcheck_session"
ALLOWED_HINT = ".docx、.doc、.wps、.pdf、.xlsx、.xls、.txt、.html"
HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- size limit (pure ASGI)
class LimitUpload:
    """413 with a Chinese message when a request body exceeds ``limit`` bytes:
    at once from Content-Length, or as soon as the streamed body passes it."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    def _message(self) -> str:
        return f"上传的文件过大：上限为 {self.limit / (1024 * 1024):g} MB，请压缩图片或拆分附件后重试"

    async def _reject(self, scope, send):
        body = json.dumps({"detail": self._message()}, ensure_ascii=False).encode("utf-8")
        ctype = b"application/json; charset=utf-8"
        if "text/html" in dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1"):
            body = _error_html("文件过大", self._message()).encode("utf-8")
            ctype = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        try:
            declared = int(headers.get(b"content-length", b"0") or 0)
        except ValueError:
            declared = 0
        if declared > self.limit:
            return await self._reject(scope, send)
        seen = 0
        started = False
        too_big = False

        async def limited_receive():
            nonlocal seen, too_big
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    too_big = True
                    raise _TooBig()
            return msg

        async def tracking_send(msg):
            nonlocal started
            if too_big:                      # the inner app's 500 for the aborted body: drop it, send 413
                return
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooBig:
            if not started:
                await self._reject(scope, send)
        except Exception:
            if too_big and not started:
                await self._reject(scope, send)
            else:
                raise


class _TooBig(Exception):
    pass


# ---------------------------------------------------------------- templates
@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    from ..render.common import CAT_ZH, SEV_ZH

    env.globals.update(CAT_ZH=CAT_ZH, SEV_ZH=SEV_ZH, ROLE_ZH=dbm.ROLE_ZH, STATUSES=dbm.STATUSES)
    env.filters["dt"] = _local_time
    env.filters["q"] = lambda s: quote(str(s), safe="")
    return env


def _local_time(d) -> str:
    """A stored UTC time in the server's local time zone (a bureau's server runs on 北京时间)."""
    import datetime as _dt

    if not d:
        return ""
    return d.replace(tzinfo=_dt.timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def _error_html(title: str, message: str) -> str:
    return _env().get_template("error.html").render(title=title, message=message, ctx=None)


# ---------------------------------------------------------------- request context
@dataclass
class Ctx:
    user: dbm.User | None
    open_mode: bool
    csrf: str
    basic: bool = False

    @property
    def role(self) -> str:
        if self.open_mode:
            return "open"
        return self.user.role if self.user else "anonymous"

    @property
    def can_review(self) -> bool:
        return self.open_mode or (self.user is not None and self.user.role in ("reviewer", "admin"))

    @property
    def unit(self) -> str | None:
        """The unit a department account is bound to (None: sees every unit)."""
        if self.user is not None and self.user.role == "department":
            return self.user.unit or ""
        return None

    def sees(self, unit: str) -> bool:
        return self.unit is None or self.unit == unit

    @property
    def name(self) -> str:
        return self.user.username if self.user else ("开放模式" if self.open_mode else "")


def _safe_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    base = re.sub(r"[\x00-\x1f\x7f/:*?\"<>|]", "_", base).strip(" .") or "upload"
    stem, ext = os.path.splitext(base)
    return stem[:120] + ext[:10].lower()


def _series_of(unit: str, meta: dict, filename: str) -> str:
    title = re.sub(r"\s+", "", (meta or {}).get("title") or "") or os.path.splitext(filename)[0]
    return f"{unit}|{title}"[:300]


def create_app(db_url: str | None = None, data_dir: str | None = None, max_upload_mb: float = 50,
               workers: int = 2, check_timeout: float = 300, config=None, secret: str | None = None) -> FastAPI:
    data_dir = os.path.abspath(data_dir or dbm.default_data_dir())
    os.makedirs(data_dir, exist_ok=True)
    url = dbm.normalise_url(db_url, data_dir)
    engine, Session = dbm.open_db(url)
    from .worker import Pool

    state = {"pool": None}

    def pool() -> Pool:
        if state["pool"] is None:
            state["pool"] = Pool(workers, config)
        return state["pool"]

    def drop_pool() -> None:
        """Forget a broken pool (a worker was killed or ran out of memory): the next check starts a new one."""
        old, state["pool"] = state["pool"], None
        if old is not None:
            old.ex.shutdown(wait=False, cancel_futures=True)

    def submit(path: str, name: str, out_dir: str):
        try:
            return pool().submit(path, name, out_dir)
        except BrokenProcessPool:      # broken by an earlier check: this one gets a fresh pool
            drop_pool()
            return pool().submit(path, name, out_dir)

    with Session() as s:
        row = s.get(dbm.Setting, "secret")
        if row is None:
            row = dbm.Setting(key="secret", value=secret or new_csrf() + new_csrf())
            s.add(row)
            s.commit()
        signer = Signer(row.value)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(_app):
        yield
        if state["pool"] is not None:
            state["pool"].shutdown()
        engine.dispose()

    app = FastAPI(title="narrcheck serve", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine, app.state.Session, app.state.data_dir, app.state.url = engine, Session, data_dir, url
    app.state.max_upload = int(max_upload_mb * 1024 * 1024)
    app.state.pool = pool
    app.state.current_pool = lambda: state["pool"]

    # ------------------------------------------------------------ helpers
    def open_mode(s) -> bool:
        return (s.scalar(select(func.count(dbm.User.id))) or 0) == 0

    def context(request: Request, s) -> Ctx:
        sess = request.state.session
        om = open_mode(s)
        user = None
        basic = False
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("basic "):
            try:
                name, _, pw = b64decode(auth[6:]).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                name, pw = "", ""
            u = s.scalar(select(dbm.User).where(dbm.User.username == name))
            if u is not None and verify_password(pw, u.password_hash):
                user, basic = u, True
        elif sess.get("uid") is not None:
            user = s.get(dbm.User, sess["uid"])
        return Ctx(user=user, open_mode=om, csrf=sess["csrf"], basic=basic)

    def page(request: Request, ctx: Ctx, name: str, status: int = 200, **kw) -> HTMLResponse:
        html = _env().get_template(name).render(ctx=ctx, request=request, **kw)
        return HTMLResponse(html, status_code=status)

    def error_page(request, ctx, status: int, title: str, message: str):
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return page(request, ctx, "error.html", status=status, title=title, message=message)

    def need_login(request: Request, ctx: Ctx):
        """None when the request may go on; else the response to send."""
        if ctx.open_mode or ctx.user is not None:
            return None
        if _wants_json(request):
            return JSONResponse({"detail": "需要登录：请使用账号和密码（HTTP Basic）或先登录"}, status_code=401,
                                headers={"WWW-Authenticate": 'Basic realm="narrcheck"'})
        return RedirectResponse("/login?next=" + quote(str(request.url.path)), status_code=303)

    def enter(request: Request, s, review: str | None = None) -> tuple[Ctx, Response | None]:
        """The request's context, and the response to send instead when it needs a login; with ``review``,
        a 403 with that message unless the user is a reviewer (or the service is in open mode)."""
        ctx = context(request, s)
        r = need_login(request, ctx)
        if r is None and review and not ctx.can_review:
            raise HTTPException(403, review)
        return ctx, r

    async def check_csrf(request: Request, ctx: Ctx, form=None) -> bool:
        if ctx.basic:
            return True
        token = request.headers.get("x-csrf-token")
        if token is None and form is not None:
            token = form.get("csrf")
        return same_token(token, ctx.csrf)

    def upload_or_404(s, ctx: Ctx, upload_id: int) -> dbm.Upload:
        up = s.get(dbm.Upload, upload_id)
        if up is None or not ctx.sees(up.unit):
            raise HTTPException(404, "没有这份报告，或您无权查看")
        return up

    def decisions_for(s, up: dbm.Upload) -> dict[str, dbm.Decision]:
        rows = s.scalars(select(dbm.Decision).where(dbm.Decision.unit == up.unit, dbm.Decision.series == up.series))
        return {d.fingerprint: d for d in rows}

    def previous(s, up: dbm.Upload) -> dbm.Upload | None:
        return s.scalar(select(dbm.Upload).where(dbm.Upload.series == up.series, dbm.Upload.status == "ok",
                                                 dbm.Upload.version < up.version)
                        .order_by(dbm.Upload.version.desc()).limit(1))

    def result_dir(up_id: int) -> str:
        return os.path.join(data_dir, "results", str(up_id))

    def contract(up: dbm.Upload, decisions: dict | None = None) -> dict:
        from .. import __version__

        rd = json.loads(json.dumps(up.result or {}))
        if decisions is not None:
            for f in rd.get("findings", []):
                d = decisions.get(f.get("fingerprint"))
                f["decision"] = _as_decision(d).to_dict() if d else None
        rd["upload"] = {"id": up.id, "unit": up.unit, "series": up.series, "version": up.version,
                        "filename": up.filename, "sha256": up.sha256, "created_at": up.created_at.isoformat(),
                        "url": f"/reports/{up.id}"}
        return {"tool": {"name": "narrcheck", "version": __version__}, "reports": [rd], "errors": []}

    # ------------------------------------------------------------ the check
    record_lock = asyncio.Lock()     # version numbers are given out one upload at a time

    async def run_upload(ctx: Ctx, filename: str, data_stream, unit_field: str | None):
        """Store the upload read-only, check it in the pool, record it. → (Upload | None, error dict | None, status)

        No database session is held while the check runs (an open SQLite read
        transaction would make the later write wait for the lock), and the
        database writes run in a thread, so the event loop keeps serving."""
        name = _safe_name(filename)
        token = uuid.uuid4().hex
        folder = os.path.join(data_dir, "uploads", token[:2], token)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        h = hashlib.sha256()
        size = 0
        with open(path, "xb") as fh:
            while True:
                chunk = await data_stream.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > app.state.max_upload:
                    fh.close()
                    shutil.rmtree(folder, ignore_errors=True)
                    return None, {"code": "too-large", "message": LimitUpload(None, app.state.max_upload)._message()}, 413
                h.update(chunk)
                fh.write(chunk)
        os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
        unit = ctx.unit if ctx.unit is not None else (unit_field or "").strip()[:200]
        if size == 0:
            info = {"ok": False, "code": "empty", "message": f"{name}：文件为空", "seconds": 0.0}
        else:
            out_dir = os.path.join(data_dir, "results", "tmp-" + token)
            try:
                fut = submit(path, name, out_dir)
                info = await asyncio.wait_for(asyncio.wrap_future(fut), timeout=check_timeout)
            except asyncio.TimeoutError:
                fut.cancel()
                return None, {"code": "timeout", "message": f"{name}：检查超时（超过 {check_timeout:g} 秒），请拆分文件后重试"}, 504
            except BrokenProcessPool:
                drop_pool()
                return None, {"code": "worker-died", "message": f"{name}：检查进程意外退出（文件可能过大或结构异常），"
                                                                 f"请另存为 .docx 后重试；如仍失败请联系管理员"}, 500
            except Exception as exc:  # noqa: BLE001 - one bad check must not take the service down
                return None, {"code": "internal", "message": f"{name}：检查失败（{exc.__class__.__name__}），请联系管理员"}, 500
        async with record_lock:
            return await run_in_threadpool(record, ctx, info, unit, name, path, h.hexdigest(), size, token)

    def record(ctx: Ctx, info: dict, unit: str, name: str, path: str, sha: str, size: int, token: str):
        meta = (info.get("report") or {}).get("meta") or {}
        if not unit:
            unit = (meta.get("department") or "").strip()[:200] or "未注明单位"
        up = dbm.Upload(unit=unit, filename=name, stored_path=path, sha256=sha, size=size,
                        user_id=ctx.user.id if ctx.user else None, seconds=info.get("seconds"))
        with Session() as s:
            if not info["ok"]:
                up.status, up.error_code, up.error_message = "error", info["code"], info["message"]
                up.series, up.version = f"{unit}|{name}"[:300], 0
                s.add(up)
                s.commit()
                return up, {"code": info["code"], "message": info["message"]}, 422
            rd = info["report"]
            score = rd.get("score") or {}
            up.series = _series_of(unit, meta, name)
            last = s.scalar(select(func.max(dbm.Upload.version)).where(dbm.Upload.series == up.series,
                                                                       dbm.Upload.status == "ok")) or 0
            up.version = last + 1
            up.title, up.year, up.kind = meta.get("title"), meta.get("year"), meta.get("kind")
            up.specificity, up.grade = score.get("specificity"), score.get("grade")
            up.n_error, up.n_warning, up.n_info = (info["counts"][k] for k in ("error", "warning", "info"))
            up.categories, up.result = info["categories"], rd
            s.add(up)
            s.commit()
        os.replace(os.path.join(data_dir, "results", "tmp-" + token), result_dir(up.id))
        return up, None, 200

    # ------------------------------------------------------------ middleware: session cookie
    @app.middleware("http")
    async def session_mw(request: Request, call_next):
        data = signer.loads(request.cookies.get(COOKIE))
        fresh = data is None
        if fresh:
            data = {"uid": None, "csrf": new_csrf()}
        request.state.session = data
        request.state.session_dirty = fresh
        response = await call_next(request)
        if request.state.session_dirty:
            response.set_cookie(COOKIE, signer.dumps(request.state.session), httponly=True, samesite="lax",
                                max_age=signer.max_age, path="/")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        with Session() as s:
            ctx = context(request, s)
        titles = {404: "未找到", 403: "无权操作", 400: "请求有误", 422: "无法检查", 405: "不支持的操作"}
        return error_page(request, ctx, exc.status_code, titles.get(exc.status_code, "出错了"), str(exc.detail))

    # ------------------------------------------------------------ login
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        with Session() as s:
            ctx = context(request, s)
            return page(request, ctx, "login.html", next=next, error=None)

    @app.post("/login")
    async def login(request: Request):
        form = await request.form()
        with Session() as s:
            ctx = context(request, s)
            if not await check_csrf(request, ctx, form):
                return error_page(request, ctx, 403, "无权操作", "表单已过期，请刷新页面后重试")
            name, pw = str(form.get("username", "")), str(form.get("password", ""))
            nxt = str(form.get("next") or "/")
            if not nxt.startswith("/") or nxt.startswith("//"):
                nxt = "/"
            u = s.scalar(select(dbm.User).where(dbm.User.username == name))
            if u is None or not verify_password(pw, u.password_hash):
                return page(request, ctx, "login.html", status=401, next=nxt, error="用户名或密码错误")
            request.state.session = {"uid": u.id, "csrf": new_csrf()}
            request.state.session_dirty = True
            return RedirectResponse(nxt, status_code=303)

    @app.post("/logout")
    async def logout(request: Request):
        form = await request.form()
        with Session() as s:
            ctx = context(request, s)
            if not await check_csrf(request, ctx, form):
                return error_page(request, ctx, 403, "无权操作", "表单已过期，请刷新页面后重试")
        request.state.session = {"uid": None, "csrf": new_csrf()}
        request.state.session_dirty = True
        return RedirectResponse("/login", status_code=303)

    # ------------------------------------------------------------ department pages
    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            q = select(dbm.Upload).order_by(dbm.Upload.created_at.desc(), dbm.Upload.id.desc()).limit(30)
            if ctx.unit is not None:
                q = q.where(dbm.Upload.unit == ctx.unit)
            recent = list(s.scalars(q))
            return page(request, ctx, "home.html", recent=recent, max_mb=app.state.max_upload / (1024 * 1024),
                        allowed=ALLOWED_HINT)

    @app.post("/upload")
    async def upload_form(request: Request):
        with Session() as s:
            ctx, r = enter(request, s)
        if r is not None:
            return r
        form = await request.form()
        if not await check_csrf(request, ctx, form):
            return error_page(request, ctx, 403, "无权操作", "表单已过期，请刷新页面后重试")
        f = form.get("file")
        if f is None or not hasattr(f, "read") or not getattr(f, "filename", ""):
            return error_page(request, ctx, 400, "请求有误", "请选择要检查的文件")
        up, err, status = await run_upload(ctx, f.filename, f, str(form.get("unit") or ""))
        if err:
            return page(request, ctx, "error.html", status=status, title="无法检查", message=err["message"],
                        hint=f"支持的格式：{ALLOWED_HINT}。")
        return RedirectResponse(f"/reports/{up.id}", status_code=303)

    @app.get("/units/{unit}", response_class=HTMLResponse)
    def unit_page(request: Request, unit: str):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            if not ctx.sees(unit):
                raise HTTPException(404, "没有这个单位的报告，或您无权查看")
            ups = list(s.scalars(select(dbm.Upload).where(dbm.Upload.unit == unit)
                                 .order_by(dbm.Upload.series, dbm.Upload.created_at.desc(), dbm.Upload.id.desc())))
            series: dict[str, list] = {}
            for u in ups:
                series.setdefault(u.series, []).append(u)
            return page(request, ctx, "unit.html", unit=unit, series=series)

    @app.get("/reports/{upload_id}", response_class=HTMLResponse)
    def report_page(request: Request, upload_id: int):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            if up.status != "ok":
                return page(request, ctx, "error.html", status=200, title="无法检查", message=up.error_message,
                            upload=up)
            decs = decisions_for(s, up)
            prev = previous(s, up)
            findings = []
            for i, f in enumerate((up.result or {}).get("findings", [])):
                findings.append({**f, "i": i, "decision": decs.get(f.get("fingerprint"))})
            sev_order = {"error": 0, "warning": 1, "info": 2}
            findings.sort(key=lambda f: (sev_order.get(f["severity"], 3), f["i"]))
            undecided = sum(1 for f in findings if f["decision"] is None)
            diff = _diff(prev, up) if prev else None
            return page(request, ctx, "report.html", up=up, findings=findings, prev=prev, diff=diff,
                        undecided=undecided, meta=(up.result or {}).get("meta") or {})

    @app.get("/reports/{upload_id}/page.html", response_class=HTMLResponse)
    def report_cli_page(request: Request, upload_id: int):
        return _artifact(request, upload_id, "report.html", "text/html; charset=utf-8", None)

    @app.get("/reports/{upload_id}/annotated.docx")
    def report_docx(request: Request, upload_id: int):
        return _artifact(request, upload_id, "annotated.docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "批注版")

    @app.get("/reports/{upload_id}/findings.xlsx")
    def report_xlsx(request: Request, upload_id: int):
        return _artifact(request, upload_id, "findings.xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "问题清单")

    @app.get("/reports/{upload_id}/original")
    def report_original(request: Request, upload_id: int):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            return FileResponse(up.stored_path, filename=up.filename, media_type="application/octet-stream")

    def _artifact(request, upload_id, fname, media, label):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            path = os.path.join(result_dir(up.id), fname)
            if up.status != "ok" or not os.path.exists(path):
                raise HTTPException(404, "这份报告没有该文件")
            if label is None:
                return FileResponse(path, media_type=media)
            stem = os.path.splitext(up.filename)[0]
            return FileResponse(path, media_type=media, filename=f"{stem}.{label}{os.path.splitext(fname)[1]}")

    @app.get("/reports/{upload_id}/diff", response_class=HTMLResponse)
    def diff_page(request: Request, upload_id: int, base: int | None = None):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            old = upload_or_404(s, ctx, base) if base else previous(s, up)
            if old is None or up.status != "ok":
                raise HTTPException(404, "没有可比较的上一版本")
            return page(request, ctx, "diff.html", up=up, old=old, diff=_diff(old, up), decs=decisions_for(s, up),
                        changes=_text_changes(old, up))

    @app.post("/reports/{upload_id}/decisions")
    async def decide_form(request: Request, upload_id: int):
        form = await request.form()
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            if not await check_csrf(request, ctx, form):
                return error_page(request, ctx, 403, "无权操作", "表单已过期，请刷新页面后重试")
            if not ctx.can_review:
                return error_page(request, ctx, 403, "无权操作", "只有审核人员可以记录处理意见")
            up = upload_or_404(s, ctx, upload_id)
            _decide(s, ctx, up, str(form.get("fingerprint", "")), str(form.get("status", "")),
                    str(form.get("note", "")))
            return RedirectResponse(f"/reports/{up.id}#d-{quote(str(form.get('fingerprint', '')))}", status_code=303)

    def _decide(s, ctx: Ctx, up: dbm.Upload, fp: str, status: str, note: str) -> dbm.Decision | None:
        f = next((f for f in (up.result or {}).get("findings", []) if f.get("fingerprint") == fp), None)
        if f is None:
            raise HTTPException(400, "这份报告中没有该问题")
        d = s.scalar(select(dbm.Decision).where(dbm.Decision.unit == up.unit, dbm.Decision.series == up.series,
                                                dbm.Decision.fingerprint == fp))
        if status in ("", "未处理"):
            if d is not None:
                s.delete(d)
                s.commit()
            return None
        from ..decisions import DecisionError, normalise_status

        try:
            status = normalise_status(status)
        except DecisionError as exc:
            raise HTTPException(400, str(exc)) from None
        if d is None:
            d = dbm.Decision(unit=up.unit, series=up.series, fingerprint=fp)
            s.add(d)
        d.status, d.note = status, note.strip()[:2000]
        d.rule, d.category, d.text, d.message = f["rule"], f["category"], f.get("text") or "", f.get("message") or ""
        d.upload_id, d.username, d.updated_at = up.id, ctx.name, dbm.now()
        s.commit()
        return d

    # ------------------------------------------------------------ reviewer pages
    def latest(s, ctx: Ctx) -> list[dbm.Upload]:
        sub = (select(dbm.Upload.series, func.max(dbm.Upload.version).label("v"))
               .where(dbm.Upload.status == "ok").group_by(dbm.Upload.series).subquery())
        q = (select(dbm.Upload).join(sub, (dbm.Upload.series == sub.c.series) & (dbm.Upload.version == sub.c.v))
             .where(dbm.Upload.status == "ok").order_by(dbm.Upload.unit, dbm.Upload.series))
        if ctx.unit is not None:
            q = q.where(dbm.Upload.unit == ctx.unit)
        return list(s.scalars(q))

    @app.get("/review", response_class=HTMLResponse)
    def review(request: Request, unit: str = "", category: str = "", severity: str = ""):
        with Session() as s:
            ctx, r = enter(request, s, review="只有审核人员可以查看所有单位的报告")
            if r is not None:
                return r
            ups = latest(s, ctx)
            units = sorted({u.unit for u in ups})
            rows = []
            for u in ups:
                if unit and u.unit != unit:
                    continue
                fs = [f for f in (u.result or {}).get("findings", [])
                      if (not category or f["category"] == category) and (not severity or f["severity"] == severity)]
                if (category or severity) and not fs:
                    continue
                decs = decisions_for(s, u)
                rows.append({"up": u, "n": len(fs), "open": sum(1 for f in fs if f.get("fingerprint") not in decs),
                             "sev": {k: sum(1 for f in fs if f["severity"] == k) for k in ("error", "warning", "info")}})
            from ..findings import CATEGORIES

            return page(request, ctx, "review.html", rows=rows, units=units, unit=unit, category=category,
                        severity=severity, categories=CATEGORIES)

    @app.get("/review/dashboard", response_class=HTMLResponse)
    def dashboard(request: Request):
        with Session() as s:
            ctx, r = enter(request, s, review="只有审核人员可以查看汇总")
            if r is not None:
                return r
            from ..render.html import index_row, render_index

            rows = []
            for u in latest(s, ctx):
                rd = dict(u.result or {})
                rd["path"] = f"{u.unit} · {u.filename}（第{u.version}版）"
                rows.append(index_row(rd, f"/reports/{u.id}"))
            return HTMLResponse(render_index(rows, [], title="narrcheck 汇总：各单位最新草稿"))

    @app.get("/export/labels.jsonl")
    def export_labels(request: Request):
        with Session() as s:
            ctx, r = enter(request, s, review="只有审核人员可以导出标注数据")
            if r is not None:
                return r
            from .training import decision_records

            lines = []
            for d in s.scalars(select(dbm.Decision).order_by(dbm.Decision.id)):
                if ctx.sees(d.unit):
                    up = s.get(dbm.Upload, d.upload_id) if d.upload_id else None
                    lines.extend(json.dumps(r, ensure_ascii=False) for r in decision_records(d, up))
            body = "\n".join(lines) + ("\n" if lines else "")
            return Response(body, media_type="application/x-ndjson; charset=utf-8",
                            headers={"Content-Disposition": "attachment; filename=narrcheck-decisions.jsonl"})

    @app.get("/export/decisions.json")
    def export_decisions(request: Request):
        """The decisions as a narrcheck-decisions file (issue 17): ``narrcheck check 修改稿 --baseline 文件``."""
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            if not ctx.can_review and ctx.unit is None:
                raise HTTPException(403, "无权导出处理意见")
            from ..decisions import DecisionSet, report_key

            ds = DecisionSet(source="narrcheck serve")
            for u in latest(s, ctx):
                key = report_key((u.result or {}).get("meta") or {}, u.filename)
                ds.paths[key] = u.filename
                ds.add_seen(key, [f["fingerprint"] for f in (u.result or {}).get("findings", [])])
                for d in decisions_for(s, u).values():
                    ds.add(key, _as_decision(d))
            return JSONResponse(ds.to_dict(), headers={
                "Content-Disposition": "attachment; filename=narrcheck-decisions.json"})

    # ------------------------------------------------------------ API
    @app.post("/api/check")
    async def api_check(request: Request):
        with Session() as s:
            ctx, r = enter(request, s)
        if r is not None:
            return r
        form = await request.form()
        if not ctx.open_mode and not await check_csrf(request, ctx, form):
            return JSONResponse({"detail": "缺少或错误的 CSRF 令牌（X-CSRF-Token），或改用 HTTP Basic 认证"},
                                status_code=403)
        f = form.get("file")
        if f is None or not hasattr(f, "read"):
            return JSONResponse({"detail": "请用 multipart 表单字段 file 上传报告文件"}, status_code=400)
        up, err, status = await run_upload(ctx, getattr(f, "filename", "") or "upload", f,
                                           str(form.get("unit") or ""))
        if err:
            from .. import __version__

            return JSONResponse({"tool": {"name": "narrcheck", "version": __version__}, "reports": [],
                                 "errors": [{"path": _safe_name(getattr(f, "filename", "")), **err}],
                                 "detail": err["message"]}, status_code=status)

        def answer():
            with Session() as s:
                return contract(up, decisions_for(s, up))

        return JSONResponse(await run_in_threadpool(answer))

    @app.get("/api/reports")
    def api_reports(request: Request, unit: str = "", latest_only: bool = False):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            if latest_only:
                ups = latest(s, ctx)
            else:
                q = select(dbm.Upload).order_by(dbm.Upload.id)
                if ctx.unit is not None:
                    q = q.where(dbm.Upload.unit == ctx.unit)
                ups = list(s.scalars(q))
            out = [{"id": u.id, "unit": u.unit, "series": u.series, "version": u.version, "filename": u.filename,
                    "status": u.status, "error": u.error_message, "title": u.title, "year": u.year,
                    "specificity": u.specificity, "grade": u.grade,
                    "counts": {"error": u.n_error, "warning": u.n_warning, "info": u.n_info},
                    "categories": u.categories or {}, "created_at": u.created_at.isoformat(),
                    "url": f"/api/reports/{u.id}"} for u in ups if not unit or u.unit == unit]
            return JSONResponse({"reports": out})

    @app.get("/api/reports/{upload_id}")
    def api_report(request: Request, upload_id: int):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            if up.status != "ok":
                from .. import __version__

                return JSONResponse({"tool": {"name": "narrcheck", "version": __version__}, "reports": [],
                                     "errors": [{"path": up.filename, "code": up.error_code,
                                                 "message": up.error_message}]})
            return JSONResponse(contract(up, decisions_for(s, up)))

    @app.get("/api/reports/{upload_id}/diff")
    def api_diff(request: Request, upload_id: int, base: int | None = None):
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            up = upload_or_404(s, ctx, upload_id)
            old = upload_or_404(s, ctx, base) if base else previous(s, up)
            if old is None:
                raise HTTPException(404, "没有可比较的上一版本")
            d = _diff(old, up)
            return JSONResponse({"base": old.id, "upload": up.id,
                                 **{k: [f["fingerprint"] for f in v] for k, v in d.items()}})

    @app.post("/api/reports/{upload_id}/decisions")
    async def api_decide(request: Request, upload_id: int):
        try:
            body = await request.json()
        except ValueError:
            body = None
        with Session() as s:
            ctx, r = enter(request, s)
            if r is not None:
                return r
            if not await check_csrf(request, ctx):
                return JSONResponse({"detail": "缺少或错误的 CSRF 令牌（X-CSRF-Token）"}, status_code=403)
            if not ctx.can_review:
                return JSONResponse({"detail": "只有审核人员可以记录处理意见"}, status_code=403)
            up = upload_or_404(s, ctx, upload_id)
            if not isinstance(body, dict):
                return JSONResponse({"detail": "请求体应为 JSON：{fingerprint, status, note}"}, status_code=400)
            d = _decide(s, ctx, up, str(body.get("fingerprint", "")), str(body.get("status", "")),
                        str(body.get("note", "")))
            return JSONResponse({"fingerprint": body.get("fingerprint"), "status": d.status if d else None,
                                 "note": d.note if d else ""})

    @app.get("/healthz", response_class=PlainTextResponse)
    def healthz():
        return "ok"

    return LimitUpload(app, app.state.max_upload) if max_upload_mb else app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def _as_decision(d: dbm.Decision):
    """A stored decision as issue 17's ``decisions.Decision`` (the shape of decisions files and the JSON)."""
    from ..decisions import Decision

    return Decision(fingerprint=d.fingerprint, status=d.status, note=d.note, who=d.username,
                    when=d.updated_at.isoformat(timespec="seconds") if d.updated_at else "", rule=d.rule, text=d.text)


def _text_changes(old: dbm.Upload, new: dbm.Upload, limit: int = 200) -> list[dict] | None:
    """The changed paragraphs and table rows of two stored drafts (``narrcheck diff``'s), changed characters
    marked; None when a draft cannot be read again."""
    from .. import errors
    from ..diff import marked, text_changes
    from ..read import read

    try:
        changes = text_changes(read(old.stored_path), read(new.stored_path), limit=limit)
    except (errors.InputError, OSError, RecursionError):
        return None
    out = []
    for c in changes:
        o, n = marked(c.old, c.new)
        out.append({"kind": c.kind, "where": c.where, "old": o, "new": n})
    return out


def _diff(old: dbm.Upload, new: dbm.Upload) -> dict[str, list[dict]]:
    """Findings fixed (in the old version only), still open (both) and new (the new version only), by
    fingerprint; the keys of ``narrcheck diff --format json``."""
    a = {f["fingerprint"]: f for f in (old.result or {}).get("findings", []) if f.get("fingerprint")}
    b = {f["fingerprint"]: f for f in (new.result or {}).get("findings", []) if f.get("fingerprint")}
    return {"fixed": [f for k, f in a.items() if k not in b],
            "still_open": [f for k, f in b.items() if k in a],
            "new": [f for k, f in b.items() if k not in a]}


def add_user(db_url: str | None, data_dir: str | None, username: str, password: str, role: str,
             unit: str | None = None) -> str:
    """Create or update a local account (the admin command).  Returns "created" or "updated"."""
    if role not in dbm.ROLES:
        raise ValueError(f"角色只能是：{'、'.join(dbm.ROLES)}")
    if role == "department" and not (unit or "").strip():
        raise ValueError("预算部门账号需要用 --unit 指定所属单位")
    if len(password) < 8:
        raise ValueError("密码至少 8 位")
    data_dir = os.path.abspath(data_dir or dbm.default_data_dir())
    os.makedirs(data_dir, exist_ok=True)
    engine, Session = dbm.open_db(dbm.normalise_url(db_url, data_dir))
    try:
        with Session() as s:
            u = s.scalar(select(dbm.User).where(dbm.User.username == username))
            what = "updated" if u is not None else "created"
            if u is None:
                u = dbm.User(username=username)
                s.add(u)
            u.password_hash, u.role, u.unit = hash_password(password), role, (unit or "").strip() or None
            s.commit()
        return what
    finally:
        engine.dispose()
