"""Compiled regular expressions kept in the per-user cache between runs.

narrcheck's rules and readers compile about 550 regular expressions at start-up
(large alternations of lexicon words, value grammars); Python compiles each of
them again in every process, about 0.14 s of a one-file ``narrcheck check``
(issue 16).  :func:`install` makes ``re`` keep what its compiler produces — the
pattern's code (a list of integers), its flags and its group names — in one
marshal file of the cache folder (:mod:`narrcheck.cache`), and build later
processes' patterns from it with the same constructor ``re`` itself calls.  A
pattern made this way is the one ``re.compile`` would make: same code, flags and
groups (``tests/test_startup.py``).

The file is keyed by the exact Python build and its regex engine (``sys.version``,
``_sre.MAGIC``, ``_sre.CODESIZE``), so another interpreter never reads it; the
engine validates every code it is given and a bad entry falls back to compiling.
Only ``str``/``bytes`` patterns without ``re.DEBUG`` are cached; nothing here
changes what a pattern matches.  The file is written at exit of the process that
compiled something new: the patterns that process used (atomically; at most
``MAX_ENTRIES``).
``NARRCHECK_CACHE_DIR=off`` turns it off with the other caches.
"""
from __future__ import annotations

import sys

MAX_ENTRIES = 5000
_STATE: dict = {}


def _name() -> str:
    import hashlib

    import _sre

    stamp = f"{sys.version}|{sys.implementation.name}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"
    return f"regex-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.marshal"


def install() -> bool:
    """Serve ``re``'s compiler from the cache file from now on in this process (idempotent);
    ``False`` when this Python's ``re`` is not the one this knows or there is no cache folder."""
    if _STATE:
        return True
    try:
        import _sre
        import re
        from re import _compiler, _parser
    except ImportError:  # pragma: no cover - CPython always has them
        return False
    if not (hasattr(_compiler, "_code") and hasattr(_parser, "parse") and hasattr(_sre, "compile")):
        return False
    if sys.implementation.name != "cpython" or sys.version_info[:2] not in ((3, 11), (3, 12)):
        return False   # the compiler's internals below are those of 3.11 and 3.12
    from .cache import load_marshal

    name = _name()
    table = load_marshal(name)
    if not isinstance(table, dict):
        table = {}
    original = _compiler.compile
    used: dict = {}   # what this process compiled: the table written at exit
    _STATE.update(name=name, table=table, used=used, new=0, original=original)

    def compile(p, flags=0):
        if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, flags)
        hit = table.get(key)
        if hit is not None:
            try:
                pattern = _sre.compile(p, *hit)
                used[key] = hit
                return pattern
            except Exception:  # noqa: BLE001 - a stale or damaged entry: compile it again
                table.pop(key, None)
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        # plain ints: the opcodes are int subclasses, which marshal does not take
        entry = (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1),
                 dict(groupindex), tuple(indexgroup))
        pattern = _sre.compile(p, *entry)
        table[key] = entry
        if len(used) < MAX_ENTRIES:
            used[key] = entry
            _STATE["new"] += 1
        return pattern

    # the same pattern both ways (Pattern equality compares flags and code), or not at all
    samples = (r"(?P<n>\d+(?:\.\d+)?)\s*(万元|%)", r"(?i)[^\W\d_]{2,}|(?<=a)b*?", "完成|提高|提升")
    try:
        if any(compile(s) != original(s) or compile(s) != original(s) for s in samples):
            _STATE.clear()
            return False
    except Exception:  # noqa: BLE001 - not the internals this knows
        _STATE.clear()
        return False
    _compiler.compile = compile
    import atexit

    atexit.register(save)
    return True


def save() -> bool:
    """Write the patterns this process used, if it compiled some it did not find in the
    file (so the file holds one run's patterns, not every pattern ever built from a text)."""
    if not _STATE or not _STATE["new"]:
        return False
    from .cache import save_marshal

    _STATE["new"] = 0
    try:
        return save_marshal(_STATE["name"], _STATE["used"])
    except Exception:  # noqa: BLE001 - a cache is best effort
        return False


def uninstall() -> None:
    """Give ``re`` its own compiler back (tests)."""
    if _STATE:
        from re import _compiler

        _compiler.compile = _STATE["original"]
        _STATE.clear()
