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

Matrices are ``scipy.sparse.csr_matrix`` (scipy is a dependency of
scikit-learn anyway and imports in about 0.1 s).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Sequence

import numpy as np

__all__ = ["char_ngrams", "word_ngrams", "fit_transform", "FittedTfidf"]

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


def _weighted(docs: Iterable[list[str]], vocab: dict[str, int], idf: np.ndarray | None, grow: bool):
    """CSR of sublinear TF (times IDF when given) over ``vocab``; unknown terms
    are added when ``grow`` and dropped otherwise."""
    from scipy.sparse import csr_matrix

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
    mat = csr_matrix((vals, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                     shape=(len(indptr) - 1, len(vocab)))
    if idf is not None:
        mat = mat.multiply(idf[None, :]).tocsr()
    return mat


def _l2(mat):
    from scipy.sparse import diags

    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (diags(1.0 / norms) @ mat).tocsr()


def fit_transform(docs: Sequence[list[str]]):
    """TF-IDF rows (L2-normalised CSR) for already-analysed documents, with
    the IDF fitted on these documents (scikit-learn's ``smooth_idf=True,
    sublinear_tf=True`` defaults).  Column order is first-seen, not
    alphabetical: dot products are the same."""
    vocab: dict[str, int] = {}
    tf = _weighted(docs, vocab, None, grow=True)
    n = tf.shape[0]
    df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    return _l2(tf.multiply(idf[None, :]).tocsr())


class FittedTfidf:
    """``transform`` of a fitted TF-IDF vectorizer: ``analyzer(text) -> grams``,
    a term → column vocabulary and the IDF vector."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, analyzer: Callable[[str], list[str]]):
        self.vocab = {t: i for i, t in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.analyzer = analyzer

    def transform(self, texts: Sequence[str]):
        return _l2(_weighted((self.analyzer(t) for t in texts), self.vocab, self.idf, grow=False))
