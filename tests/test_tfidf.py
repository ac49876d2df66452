"""narrcheck.nlp.tfidf reproduces scikit-learn's TfidfVectorizer (it exists
so that a one-file check does not import scikit-learn)."""
from __future__ import annotations

import numpy as np
import pytest

from narrcheck.nlp import tfidf

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")

DOCS = [
    "全年办理各类文件386件，精简类文件比去年同期减少15％；",
    "全年办理各类文件386件，  精简类文件比去年同期减少15%。",
    "有力推动区委、区政府各项决策部署落实落地。",
    "Budget 执行率 91.17%\n\n\t 预算数 120.5 万元",
    "a",
    "",
]


def test_char_analyzer_matches_sklearn():
    for lo, hi in ((1, 2), (1, 3), (2, 4)):
        an = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(lo, hi), lowercase=False).build_analyzer()
        for d in DOCS:
            assert tfidf.char_ngrams(d, lo, hi) == an(d)


def test_word_ngrams_match_sklearn():
    toks = ["全年", "办理", "文件", "386", "件"]
    an = sklearn_text.TfidfVectorizer(tokenizer=lambda s: s.split("|"), token_pattern=None, lowercase=False,
                                      ngram_range=(1, 2)).build_analyzer()
    assert tfidf.word_ngrams(toks, 1, 2) == an("|".join(toks))
    assert tfidf.word_ngrams([], 1, 2) == []


def test_fit_transform_gives_sklearn_cosines():
    docs = [d for d in DOCS if d]
    ref = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True).fit_transform(docs)
    ours = tfidf.fit_transform([tfidf.char_ngrams(d.lower(), 1, 2) for d in docs])
    a = (ref @ ref.T).toarray()
    b = np.eye(len(docs))
    i, j, v = ours.pairs()
    b[i, j] = v
    b[j, i] = v
    assert np.allclose(a, b, atol=1e-12)
    assert 0.5 < a[0, 1] < 1.0 and a[0, 2] < a[0, 1]  # the comparison is not trivial


def test_fitted_transform_matches_sklearn():
    train = [d for d in DOCS if d][:4]
    vec = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=1).fit(train)
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    ours = tfidf.FittedTfidf(vocab, vec.idf_, lambda t: tfidf.char_ngrams(t.lower(), 1, 3))
    new = ["全年办理文件 400 件", "没有一个共同字符 xyz", ""]
    assert np.allclose(vec.transform(new).toarray(), ours.transform(new).toarray(), atol=1e-12)


def _random_rows(rng, n_rows, n_cols, density, binary):
    from scipy.sparse import random as sprandom

    m = sprandom(n_rows, n_cols, density=density, format="csr", random_state=rng)
    if binary:
        m.data[:] = 1.0
    m.sort_indices()
    return m, tfidf.Rows(m.data, m.indices, m.indptr, m.shape)


@pytest.mark.parametrize("n_rows,n_cols,density,binary,chunk", [
    (40, 300, 0.05, True, 4_000_000),     # shingle sets: small dense accumulator
    (40, 300, 0.05, False, 7),            # tiny chunks: many column batches
    (2100, 900, 0.004, False, 50_000),    # above 2048 rows: sort-and-reduce path
    (5, 3, 0.0, True, 10),                # nothing stored
])
def test_pairs_match_scipy_product(n_rows, n_cols, density, binary, chunk):
    rng = np.random.default_rng(n_rows + n_cols)
    ref, ours = _random_rows(rng, n_rows, n_cols, density, binary)
    prod = (ref @ ref.T).tocoo()
    keep = (prod.row < prod.col) & (prod.data != 0)
    expected = sorted(zip(prod.row[keep].tolist(), prod.col[keep].tolist(), prod.data[keep].tolist()))
    i, j, v = ours.pairs(chunk=chunk)
    got = list(zip(i.tolist(), j.tolist(), v.tolist()))
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in expected]
    assert np.allclose([c for *_, c in got], [c for *_, c in expected], atol=1e-12)
    if density:
        assert len(got) > 10  # the comparison is not trivial


def test_rows_dot_norm_and_dense_match_scipy():
    rng = np.random.default_rng(7)
    ref, ours = _random_rows(rng, 30, 50, 0.2, False)
    vec = rng.normal(size=50)
    assert np.allclose(ours.dot(vec), ref @ vec)
    assert np.allclose(ours.toarray(), ref.toarray())
    dense = ref.toarray()
    norms = np.linalg.norm(dense, axis=1)
    norms[norms == 0] = 1
    assert np.allclose(ours.l2_normalize().toarray(), dense / norms[:, None])
