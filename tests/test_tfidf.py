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
    a, b = (ref @ ref.T).toarray(), (ours @ ours.T).toarray()
    assert np.allclose(a, b, atol=1e-12)
    assert 0.5 < a[0, 1] < 1.0 and a[0, 2] < a[0, 1]  # the comparison is not trivial


def test_fitted_transform_matches_sklearn():
    train = [d for d in DOCS if d][:4]
    vec = sklearn_text.TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=1).fit(train)
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    ours = tfidf.FittedTfidf(vocab, vec.idf_, lambda t: tfidf.char_ngrams(t.lower(), 1, 3))
    new = ["全年办理文件 400 件", "没有一个共同字符 xyz", ""]
    assert np.allclose(vec.transform(new).toarray(), ours.transform(new).toarray(), atol=1e-12)
