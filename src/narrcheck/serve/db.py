"""Database: SQLAlchemy models, the engine, and Alembic migrations run at start.

SQLite by default (a file in the user data folder), PostgreSQL through
``--db postgresql://…`` (driver psycopg 3).  The schema is created and
upgraded only by the Alembic migrations in ``serve/migrations`` (a test checks
that they match these models).

Tables
* ``users``      local accounts: role ``admin`` / ``reviewer`` / ``department``
                 (a department account belongs to one ``unit``); scrypt hashes.
* ``uploads``    one row per checked draft: the stored file (read-only, never
                 modified), its unit and series (the same report's successive
                 drafts), version number, the contract JSON of the result and
                 the counts shown in lists.
* ``decisions``  a reviewer's decision on a finding, keyed by (unit, series,
                 fingerprint) so that it carries over to the next version.
* ``settings``   key/value (the cookie-signing secret).
"""
from __future__ import annotations

import datetime as _dt
import os

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, create_engine,
                        event)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

ROLES = ("admin", "reviewer", "department")
ROLE_ZH = {"admin": "管理员", "reviewer": "审核人员", "department": "预算部门"}
from ..decisions import STATUSES  # noqa: E402,F401 - 忽略 / 已说明 / 误报, one spelling for CLI and service


def now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    unit: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[_dt.datetime] = mapped_column(DateTime, default=now, nullable=False)


class Upload(Base):
    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    series: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    stored_path: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[_dt.datetime] = mapped_column(DateTime, default=now, nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="ok")   # ok | error
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    specificity: Mapped[float | None] = mapped_column(Float, nullable=True)
    grade: Mapped[str | None] = mapped_column(String(16), nullable=True)
    n_error: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_warning: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    n_info: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    categories: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)            # report_dict (output contract)
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("unit", "series", "fingerprint", name="uq_decision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(200), nullable=False)
    series: Mapped[str] = mapped_column(String(300), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rule: Mapped[str] = mapped_column(String(16), nullable=False)
    category: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"), nullable=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    updated_at: Mapped[_dt.datetime] = mapped_column(DateTime, default=now, onupdate=now, nullable=False)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


def default_data_dir() -> str:
    """``$NARRCHECK_DATA_DIR``, else ``$XDG_DATA_HOME/narrcheck``, else ``~/.local/share/narrcheck``."""
    env = os.environ.get("NARRCHECK_DATA_DIR")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "narrcheck")


def normalise_url(url: str | None, data_dir: str) -> str:
    """SQLite file in ``data_dir`` by default; ``postgresql://`` uses psycopg 3."""
    if not url:
        return "sqlite:///" + os.path.join(os.path.abspath(data_dir), "narrcheck-serve.sqlite3")
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: str):
    kw = {}
    if url.startswith("sqlite"):
        kw["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kw["pool_pre_ping"] = True
    engine = create_engine(url, **kw)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):          # noqa: ANN001 - DB-API connection
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
    return engine


def migrate(url: str) -> None:
    """Bring the database to the latest Alembic revision."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head")


def open_db(url: str):
    """Migrate, then return (engine, sessionmaker)."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        os.makedirs(os.path.dirname(url[len("sqlite:///"):]) or ".", exist_ok=True)
    migrate(url)
    engine = make_engine(url)
    return engine, sessionmaker(engine, expire_on_commit=False)
