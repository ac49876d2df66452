"""narrcheck serve on a real PostgreSQL server that the fixture starts itself
(initdb + pg_ctl on a temp dir and a free loopback port); skipped with the
reason when the server binaries are not installed."""
from __future__ import annotations

import pytest

from pg_util import PgServer, ensure_bin
from serve_util import csrf_of, draft_v1, make_client  # noqa: F401
from test_serve_api import versions_flow


@pytest.fixture(scope="module")
def pg():
    bindir, why = ensure_bin()
    if bindir is None:
        pytest.skip(why)
    server = PgServer(bindir)
    try:
        server.start()
    except RuntimeError as exc:
        server.stop()
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    yield server
    server.stop()


def test_postgres_migrations_match_the_models(pg):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    from narrcheck.serve import db as dbm

    url = dbm.normalise_url(pg.create_db("nc_schema"), "/nonexistent")
    assert url.startswith("postgresql+psycopg://")
    engine, _ = dbm.open_db(url)
    try:
        assert engine.dialect.name == "postgresql"
        assert set(inspect(engine).get_table_names()) >= {"users", "uploads", "decisions", "settings",
                                                           "alembic_version"}
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), dbm.Base.metadata) == []
    finally:
        engine.dispose()
    dbm.migrate(url)            # running the migrations again is a no-op


def test_postgres_api_versions_decisions_and_accounts(pg, make_client, tmp_path):
    from narrcheck.serve.app import add_user

    url = pg.create_db("nc_flow")
    c = make_client(url)
    v1, v2 = versions_flow(c, tmp_path)
    assert v2["upload"]["version"] == 2
    lst = c.get("/api/reports").json()["reports"]
    assert [r["version"] for r in lst] == [1, 2]
    # accounts on the same server database; a second app instance (a restart) sees everything
    add_user(url, str(c.data_dir), "审核员", "password1", "reviewer")
    c2 = make_client(url)
    assert c2.get("/api/reports").status_code == 401
    login = c2.get("/login")
    c2.post("/login", data={"csrf": csrf_of(login.text), "username": "审核员", "password": "password1"})
    rep = c2.get(f"/api/reports/{v2['upload']['id']}").json()["reports"][0]
    assert sum(1 for f in rep["findings"] if f.get("decision")) == 2
