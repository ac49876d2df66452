"""TF-IDF at run time without importing scikit-learn.

scikit-learn stays the training library (``narrcheck.train``, ``build_pipeline``),
but importing it costs about 0.8 s, which alone would blow the cold-start budget
of a one-file ``narrcheck check`` (issue 2: ≤ 1.5 s).  The run-time paths only
need two things from it, both small and both pinned against scikit-learn by
``tests/test_tfidf.py``:

* :func:`char_ngrams` / :func:`word_ngrams` — the analyzers of
  ``TfidfVectorizer(analyzer="char")`` and of a word vectorizer with a custom
  tokenizer (same whitespace folding, same n-gram order);
* :func:`fit_transform` — ``TfidfVectorizer(..., sublinear_tf=True)`` defaults:
  smooth IDF ``ln((1+n)/(1+df)) + 1``, ``1 + ln(tf)``, rows L2-normalised;
* :class:`FittedTfidf` — ``transform`` with a fitted vocabulary and IDF (what the
  exported vague classifier ships in ``models/vague_classifier.npz``).

Matrices are :class:`Rows`, a CSR triple of numpy arrays with the few
operations the run time needs (column scaling, row norms, a dot with a
coefficient vector, the pairs of ``X @ X.T``).  ``scipy.sparse`` would do the
same, but importing it costs about 0.19 s of a one-file check (its array-API
layer touches numpy's lazy submodules); the tests pin both the TF-IDF values
and the pair products against scikit-learn/scipy.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Sequence

import numpy as np

__all__ = ["char_ngrams", "word_ngrams", "fit_transform", "FittedTfidf", "Rows"]

_WHITE = re.compile(r"\s\s+")  # scikit-learn's _VectorizerMixin._white_spaces


def char_ngrams(text: str, lo: int = 1, hi: int = 2) -> list[str]:
    """Character n-grams of ``text`` as scikit-learn's char analyzer makes them
    (runs of whitespace folded to one space first)."""
    text = _WHITE.sub(" ", text)
    n_chars = len(text)
    grams: list[str] = list(text) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, n_chars + 1)):
        grams.extend(text[i:i + n] for i in range(n_chars - n + 1))
    return grams


def word_ngrams(tokens: Sequence[str], lo: int = 1, hi: int = 2) -> list[str]:
    """Word n-grams joined with a space, as scikit-learn's word analyzer does."""
    tokens = list(tokens)
    out: list[str] = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


class Rows:
    """Sparse rows in CSR form (``data``, ``indices``, ``indptr``, ``shape``):
    the part of ``scipy.sparse.csr_matrix`` that narrcheck's run time uses.
    A row holds each column at most once (callers build rows from sets or
    counters)."""

    __slots__ = ("data", "indices", "indptr", "shape")

    def __init__(self, data, indices, indptr, shape: tuple[int, int]):
        self.data = np.asarray(data, dtype=np.float64)
        self.indices = np.asarray(indices, dtype=np.int64)
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.shape = (int(shape[0]), int(shape[1]))

    @classmethod
    def from_lists(cls, rows: Iterable[Iterable[int]], n_cols: int) -> "Rows":
        """Binary rows from lists of distinct column ids."""
        indptr, indices = [0], []
        for cols in rows:
            indices.extend(cols)
            indptr.append(len(indices))
        return cls(np.ones(len(indices)), indices, indptr, (len(indptr) - 1, n_cols))

    def row_ids(self) -> np.ndarray:
        """The row of every stored value."""
        return np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))

    def scale_columns(self, w: np.ndarray) -> "Rows":
        return Rows(self.data * np.asarray(w, dtype=np.float64)[self.indices], self.indices, self.indptr, self.shape)

    def l2_normalize(self) -> "Rows":
        """Rows divided by their L2 norm (empty rows stay empty)."""
        rid = self.row_ids()
        norms = np.sqrt(np.bincount(rid, weights=self.data * self.data, minlength=self.shape[0]))
        norms[norms == 0] = 1.0
        return Rows(self.data / norms[rid], self.indices, self.indptr, self.shape)

    def dot(self, vec: np.ndarray) -> np.ndarray:
        """``X @ vec`` for a dense vector of length ``shape[1]``."""
        vec = np.asarray(vec, dtype=np.float64)
        return np.bincount(self.row_ids(), weights=self.data * vec[self.indices], minlength=self.shape[0])

    def toarray(self) -> np.ndarray:
        out = np.zeros(self.shape)
        out[self.row_ids(), self.indices] = self.data
        return out

    def pairs(self, chunk: int = 4_000_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The non-zero entries of ``X @ X.T`` above the diagonal, as arrays
        ``(i, j, value)`` with ``i < j``, sorted by ``(i, j)``.

        Computed from an inverted index: every column pairs the rows that hold
        it, so the cost is the sum over columns of (rows in it)², as in a
        sparse product; columns are taken in batches of at most ``chunk``
        pairs to bound memory."""
        n = self.shape[0]
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        if n < 2 or self.data.size == 0:
            return empty
        rows, cols, vals = self.row_ids(), self.indices, self.data
        order = np.lexsort((rows, cols))
        rows, cols, vals = rows[order], cols[order], vals[order]
        starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]])
        sizes = np.diff(np.r_[starts, cols.size])
        keep = sizes >= 2
        starts, sizes = starts[keep], sizes[keep]
        if starts.size == 0:
            return empty
        n_pairs = sizes * (sizes - 1) // 2
        dense = n <= 2048
        acc = np.zeros(n * n) if dense else None
        parts_k: list[np.ndarray] = []
        parts_v: list[np.ndarray] = []
        bounds = np.cumsum(n_pairs)
        lo = 0
        while lo < starts.size:
            hi = int(np.searchsorted(bounds, (bounds[lo - 1] if lo else 0) + chunk, side="right"))
            hi = max(hi, lo + 1)
            st, sz = starts[lo:hi], sizes[lo:hi]
            first = np.repeat(np.cumsum(sz) - sz, sz)
            local = np.arange(int(sz.sum()), dtype=np.int64) - first
            pos = np.repeat(st, sz) + local
            cnt = np.repeat(sz, sz) - 1 - local
            left = np.repeat(pos, cnt)
            run = np.repeat(np.cumsum(cnt) - cnt, cnt)
            right = left + 1 + (np.arange(left.size, dtype=np.int64) - run)
            keys = rows[left] * n + rows[right]
            w = vals[left] * vals[right]
            if dense:
                acc += np.bincount(keys, weights=w, minlength=n * n)
            else:
                uk, inv = np.unique(keys, return_inverse=True)
                parts_k.append(uk)
                parts_v.append(np.bincount(inv, weights=w))
            lo = hi
        if dense:
            keys = np.flatnonzero(acc)
            v = acc[keys]
        else:
            uk, inv = np.unique(np.concatenate(parts_k), return_inverse=True)
            keys, v = uk, np.bincount(inv, weights=np.concatenate(parts_v))
        return keys // n, keys % n, v


def _weighted(docs: Iterable[list[str]], vocab: dict[str, int], idf: np.ndarray | None, grow: bool) -> Rows:
    """Rows of sublinear TF (times IDF when given) over ``vocab``; unknown terms
    are added when ``grow`` and dropped otherwise."""
    indptr, indices, data = [0], [], []
    for grams in docs:
        counts = Counter(grams)
        for g, c in counts.items():
            j = vocab.get(g)
            if j is None:
                if not grow:
                    continue
                j = vocab[g] = len(vocab)
            indices.append(j)
            data.append(c)
        indptr.append(len(indices))
    vals = np.asarray(data, dtype=np.float64)
    vals = 1.0 + np.log(vals) if vals.size else vals
    mat = Rows(vals, indices, indptr, (len(indptr) - 1, len(vocab)))
    if idf is not None:
        mat = mat.scale_columns(idf)
    return mat


def fit_transform(docs: Sequence[list[str]]) -> Rows:
    """TF-IDF rows (L2-normalised) for already-analysed documents, with
    the IDF fitted on these documents (scikit-learn's ``smooth_idf=True,
    sublinear_tf=True`` defaults).  Column order is first-seen, not
    alphabetical: dot products are the same."""
    vocab: dict[str, int] = {}
    tf = _weighted(docs, vocab, None, grow=True)
    n = tf.shape[0]
    df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    return tf.scale_columns(idf).l2_normalize()


class FittedTfidf:
    """``transform`` of a fitted TF-IDF vectorizer: ``analyzer(text) -> grams``,
    a term → column vocabulary and the IDF vector."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, analyzer: Callable[[str], list[str]]):
        self.vocab = {t: i for i, t in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.analyzer = analyzer

    def transform(self, texts: Sequence[str]) -> Rows:
        return _weighted((self.analyzer(t) for t in texts), self.vocab, self.idf, grow=False).l2_normalize()
