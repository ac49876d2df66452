"""The real service on 127.0.0.1: concurrent uploads of the same draft are all
checked, get distinct version numbers, and the service answers while they run.

More uploads at once than the database connection pool holds (5 + 10
overflow): a handler that kept its session open across the check made the
17th request wait for a connection inside the event loop (500s, a stalled
service)."""
from __future__ import annotations

import threading
import time

from live_util import LiveServer


def test_concurrent_uploads_all_checked_with_distinct_versions(tmp_path):
    import httpx

    from narrcheck.serve.app import create_app

    app = create_app(None, str(tmp_path / "data"), workers=0)
    from narrcheck.batch import WARMUP_TEXT     # a tiny real report: quick to check

    data = WARMUP_TEXT.encode("utf-8")
    n = 20
    out: list = [None] * n
    probes: list[float] = []
    with LiveServer(app) as srv:
        def one(i):
            with httpx.Client(base_url=srv.url, timeout=300) as c:
                out[i] = c.post("/api/check", files={"file": (f"稿{i}.txt", data)})

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        with httpx.Client(base_url=srv.url, timeout=30) as c:
            while any(t.is_alive() for t in threads):
                t0 = time.perf_counter()
                assert c.get("/healthz").text == "ok"
                probes.append(time.perf_counter() - t0)
                time.sleep(0.05)
        for t in threads:
            t.join()
    assert [r.status_code for r in out] == [200] * n
    versions = sorted(r.json()["reports"][0]["upload"]["version"] for r in out)
    assert versions == list(range(1, n + 1))
    assert len({r.json()["reports"][0]["upload"]["series"] for r in out}) == 1
    assert probes and max(probes) < 5


def test_a_killed_worker_gets_a_chinese_error_and_the_service_recovers(tmp_path):
    """A worker process that dies (killed, out of memory) breaks the pool: the check in flight gets a
    Chinese 500, and the next upload is checked by a fresh pool."""
    import os
    import signal

    from fastapi.testclient import TestClient

    from narrcheck.batch import WARMUP_TEXT
    from narrcheck.serve.app import create_app

    app = create_app(None, str(tmp_path / "data"), workers=1)
    data = WARMUP_TEXT.encode("utf-8")
    with TestClient(app) as c:
        assert c.post("/api/check", files={"file": ("a.txt", data)}).status_code == 200
        pool = app.app.state.pool()
        for pid in list(pool.ex._processes):
            os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 30
        while not pool.ex._broken and time.time() < deadline:     # the executor notices the dead worker
            time.sleep(0.05)
        r = c.post("/api/check", files={"file": ("b.txt", data)})
        assert r.status_code == 200, r.text                          # submitted to a fresh pool
        assert app.app.state.pool() is not pool
        # workers dying during the check (killed as soon as they exist, until the answer comes)
        import threading

        from serve_util import draft_v1

        done = threading.Event()

        def killer():
            while not done.is_set():
                cur = app.app.state.current_pool()
                for pid in list(getattr(cur.ex, "_processes", None) or {}) if cur else []:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                time.sleep(0.02)

        t = threading.Thread(target=killer)
        t.start()
        try:
            r = c.post("/api/check", files={"file": ("c.txt", draft_v1())})
        finally:
            done.set()
            t.join()
        assert r.status_code == 500 and "检查进程意外退出" in r.json()["detail"]
        assert c.post("/api/check", files={"file": ("d.txt", data)}).status_code == 200
