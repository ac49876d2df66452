"""``narrcheck serve``: a self-check web service for departments and a review
workbench for reviewers, on the same pipeline as the CLI.

* ``app.create_app(...)``  the ASGI app (FastAPI): pages, ``/api/…``, accounts.
* ``db``                   SQLAlchemy models, SQLite/PostgreSQL, Alembic migrations.
* ``worker``               the check of one upload, run in a process pool.
* ``fingerprint``          finding fingerprints (issue 17's when available).
* ``security``             scrypt passwords, signed cookies, CSRF tokens.
* ``training``             decisions → labelled records for ``narrcheck train``.

``run(host, port, db, ...)`` starts uvicorn; the CLI's ``serve`` command calls it.
"""
from __future__ import annotations


def run(host: str = "127.0.0.1", port: int = 8000, db: str | None = None, data_dir: str | None = None,
        workers: int = 2, max_upload_mb: float = 50, check_timeout: float = 300) -> None:
    import uvicorn

    from .app import create_app

    app = create_app(db, data_dir, max_upload_mb=max_upload_mb, workers=workers, check_timeout=check_timeout)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
