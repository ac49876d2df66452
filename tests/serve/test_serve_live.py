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
