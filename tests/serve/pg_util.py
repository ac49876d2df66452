"""A throw-away PostgreSQL server for tests: initdb + pg_ctl on a temp dir and a
free loopback port.  Run as the ``postgres`` user when the tests run as root
(initdb refuses root).  ``None`` with a reason when the binaries are missing."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile


def find_bin() -> str | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")) and os.path.exists(os.path.join(d, "pg_ctl")):
            return d
    p = shutil.which("initdb")
    return os.path.dirname(p) if p else None


def ensure_bin() -> tuple[str | None, str]:
    b = find_bin()
    if b:
        return b, ""
    script = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "install_system_deps.sh")
    try:
        subprocess.run(["bash", script, "postgresql"], timeout=900, check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        pass
    b = find_bin()
    return (b, "") if b else (None, "PostgreSQL server binaries (initdb, pg_ctl) are not installed "
                                    "(scripts/install_system_deps.sh postgresql installs them as root)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, bindir: str):
        self.bindir = bindir
        self.tmp = tempfile.mkdtemp(prefix="nc-pg-")
        self.data = os.path.join(self.tmp, "data")
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                pw = pwd.getpwnam("nobody")
            self.user = pw.pw_name
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        self.started = False

    def _run(self, *args, timeout=120):
        cmd = list(args)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.tmp)

    def start(self) -> "PgServer":
        r = self._run(os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", "narrcheck", "--auth=trust",
                      "-E", "UTF8", "--locale=C", "--no-sync")
        if r.returncode:
            raise RuntimeError(f"initdb failed: {r.stderr[-500:]}")
        opts = f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        r = self._run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-o", opts, "-w", "-t", "60",
                      "-l", os.path.join(self.tmp, "log"), "start")
        if r.returncode:
            raise RuntimeError(f"pg_ctl start failed: {r.stderr[-500:]} {r.stdout[-500:]}")
        self.started = True
        return self

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://narrcheck@127.0.0.1:{self.port}/{db}"

    def create_db(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            self._run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.tmp, ignore_errors=True)
