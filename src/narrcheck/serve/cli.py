"""The two CLI entry points of the service (``narrcheck serve``, ``narrcheck serve-user``)."""
from __future__ import annotations

import os
import sys


def _echo_err(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def serve_command(host: str, port: int, db: str | None, data: str | None, workers: int, max_upload_mb: float) -> None:
    import typer

    try:
        import fastapi  # noqa: F401
        import sqlalchemy  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        _echo_err(f"网页服务的依赖未安装（{exc.name}）：请运行 pip install -e '.[serve]'")
        raise typer.Exit(2)
    if workers < 0:
        _echo_err("--workers 不能为负数")
        raise typer.Exit(2)
    from . import db as dbm

    data_dir = data or dbm.default_data_dir()
    _echo_err(f"narrcheck serve：http://{host}:{port}/  数据文件夹 {os.path.abspath(data_dir)}"
              f"  数据库 {'SQLite（默认）' if not db else db.split('@')[-1]}")
    try:
        from . import run

        run(host=host, port=port, db=db, data_dir=data_dir, workers=workers, max_upload_mb=max_upload_mb)
    except Exception as exc:  # noqa: BLE001 - a DB that cannot be reached, a port in use…
        _echo_err(f"无法启动网页服务：{exc.__class__.__name__}: {exc}")
        raise typer.Exit(2)


def user_command(username: str, role: str, unit: str | None, db: str | None, data: str | None,
                 password: str | None) -> None:
    import typer

    from .app import add_user

    password = password or os.environ.get("NARRCHECK_PASSWORD")
    if not password:
        import getpass

        password = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != password:
            _echo_err("两次输入的密码不一致")
            raise typer.Exit(2)
    try:
        what = add_user(db, data, username, password, role, unit)
    except ValueError as exc:
        _echo_err(str(exc))
        raise typer.Exit(2)
    from .db import ROLE_ZH

    typer.echo(f"已{'创建' if what == 'created' else '更新'}账号 {username}（{ROLE_ZH[role]}"
               f"{'·' + unit if unit else ''}）；服务现在需要登录")
