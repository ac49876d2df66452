"""The check that runs in a worker: the same pipeline as ``narrcheck check``.

``check_file`` reads, checks and scores one stored upload with
``batch.analyse`` (the CLI's per-file function), renders the CLI's HTML page,
the annotated Word copy and the xlsx into the upload's result folder, and
returns a small picklable dict: the report's contract JSON (each finding with
its ``fingerprint`` from ``decisions.assign_fingerprints``) or a Chinese error.  The stored upload is only read.

``Pool`` wraps a ``ProcessPoolExecutor`` (spawn: the server has threads, so no
fork; every worker warms the heavy libraries once in its initializer) or, for
tests and ``--workers 0``, a thread pool in the server process.
"""
from __future__ import annotations

import os
import time


def check_file(stored_path: str, filename: str, out_dir: str, config=None) -> dict:
    from ..batch import analyse
    from ..config import Config
    from ..decisions import assign_fingerprints
    from ..findings import SEVERITIES
    from ..render.json import report_dict

    t0 = time.perf_counter()
    config = config or _CONFIG or Config()
    res = analyse(stored_path, config)
    if res.error is not None:
        msg = res.error.message.replace(stored_path, filename)
        return {"ok": False, "code": res.error.code, "message": msg, "seconds": time.perf_counter() - t0}
    assign_fingerprints(res.findings)      # issue 17's fingerprints: the CLI's --baseline matches the service
    os.makedirs(out_dir, exist_ok=True)
    artifacts = {}
    try:
        from ..render.docx import annotate

        artifacts["docx"] = annotate(res, os.path.join(out_dir, "annotated.docx"))["path"]
    except Exception as exc:  # noqa: BLE001 - the report itself is still shown
        artifacts["docx_error"] = f"{exc.__class__.__name__}: {exc}"
    res.path = filename
    rd = report_dict(res)
    from ..render.html import write_page
    from ..render.xlsx import XlsxWriter

    artifacts["html"] = write_page(res, os.path.join(out_dir, "report.html"))
    w = XlsxWriter(os.path.join(out_dir, "findings.xlsx"))
    w.add(rd)
    artifacts["xlsx"] = w.close()
    counts = {s: sum(1 for f in rd["findings"] if f["severity"] == s) for s in SEVERITIES}
    cats: dict[str, int] = {}
    for f in rd["findings"]:
        cats[f["category"]] = cats.get(f["category"], 0) + 1
    return {"ok": True, "report": rd, "counts": counts, "categories": cats, "artifacts": artifacts,
            "seconds": time.perf_counter() - t0}


_CONFIG = None


def _init(config) -> None:
    global _CONFIG
    from ..batch import init_worker

    _CONFIG = config
    init_worker(config)


class Pool:
    """``submit(stored_path, filename, out_dir)`` → concurrent.futures.Future."""

    def __init__(self, workers: int = 2, config=None):
        from ..config import Config

        self.config = config or Config()
        self.workers = workers
        if workers > 0:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.ex = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                          initializer=_init, initargs=(self.config,))
        else:
            from concurrent.futures import ThreadPoolExecutor

            self.ex = ThreadPoolExecutor(max_workers=2, thread_name_prefix="narrcheck-check")

    def submit(self, stored_path: str, filename: str, out_dir: str):
        return self.ex.submit(check_file, stored_path, filename, out_dir, self.config)

    def shutdown(self) -> None:
        self.ex.shutdown(wait=True, cancel_futures=True)
