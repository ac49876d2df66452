#!/usr/bin/env python
"""Calibrate the indicator specificity weights on the labelled indicators.

Reads ``corpora/labels/indicators.jsonl`` (one indicator per line: level1,
level2, name, direction, unit, target, actual, weight, score, deviation, source,
rating 1–5, why), computes the components of every item with the same function
that scores report rows (``narrcheck.score.components``), and fits

    score = intercept + Σ weight_c · component_c      (0–100 scale)

(then capped by the guideline rules of ``narrcheck.score.model.cap_for``: a
copied actual at most 50, a placeholder target at most 25 or 0) with ridge
regression on the ratings mapped to 0/25/50/75/100, the signs fixed
by the design (what an indicator has earns points, penalties cost points:
penalty columns are negated and all coefficients constrained ≥ 0).  Rows marked
无 (not indicators) are scored 0 by rule and are left out of the fit, but kept
in the evaluation.

Evaluation: Spearman correlation between the clamped score and the rating,
cross-validated (5-fold, shuffled with fixed seeds, repeated 5 times; and
grouped by source so that no report is in train and test at once), next to the
documented default weights and two alternatives (ordinal-ish multinomial
logistic regression → expected rating; isotonic calibration of the linear
score), for the record.

Writes ``models/specificity.json`` (weights, intercept, n, data sha256, CV
metrics, date).  Deterministic: the same data gives the same weights and
metrics (only ``date`` changes; pass ``--date`` to pin it).

Usage::

    python scripts/train_specificity.py                # fit, print metrics, write the model
    python scripts/train_specificity.py --dry-run      # fit and print, do not write
    python scripts/train_specificity.py --errors 20    # also list the 20 worst-fitting items
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from narrcheck.score.components import FEATURES, PENALTIES, IndicatorFields, components, is_na_row  # noqa: E402
from narrcheck.score.model import DEFAULT_INTERCEPT, DEFAULT_WEIGHTS, cap_for  # noqa: E402

DATA = ROOT / "corpora" / "labels" / "indicators.jsonl"
OUT = ROOT / "models" / "specificity.json"
ALPHAS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS, REPEATS, SEED = 5, 5, 20240601


def load(path: Path) -> tuple[list[dict], str]:
    raw = path.read_bytes()
    items = []
    for line in raw.decode("utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        if d.get("rating") in (1, 2, 3, 4, 5):
            items.append(d)
    return items, hashlib.sha256(raw).hexdigest()


def featurize(items: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """X (components), y (0–100), na mask, groups."""
    X, y, na, groups = [], [], [], []
    for d in items:
        f = IndicatorFields.from_item(d)
        na.append(is_na_row(f))
        X.append(components(f).vector())
        y.append((int(d["rating"]) - 1) * 25.0)
        src = str(d.get("source") or d.get("id", "").split(":")[0] or "?")
        if src == "written":                 # written items: one group per provincial variant
            src = "written:" + str(d.get("variant") or "")
        groups.append(src)
    return np.array(X), np.array(y), np.array(na, dtype=bool), groups


def caps(X) -> np.ndarray:
    """Per-row caps of the scorer (narrcheck.score.model.cap_for)."""
    return np.array([cap_for(dict(zip(FEATURES, row))) for row in X])


SIGN = np.array([-1.0 if n in PENALTIES else 1.0 for n in FEATURES])


class SignedRidge:
    """Ridge with coefficient signs fixed by the design (positives ≥ 0, penalties ≤ 0)."""

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    def fit(self, X, y):
        from sklearn.linear_model import Ridge

        self.m = Ridge(alpha=self.alpha, positive=True, solver="lbfgs", max_iter=20000).fit(X * SIGN, y)
        self.coef_ = self.m.coef_ * SIGN
        self.intercept_ = float(self.m.intercept_)
        return self

    def predict(self, X):
        return np.minimum(np.clip(self.intercept_ + X @ self.coef_, 0, 100), caps(X))


def choose_alpha(X, y, seed: int) -> float:
    """Inner CV: the alpha with the best mean Spearman (ties: the larger alpha)."""
    from scipy.stats import spearmanr
    from sklearn.model_selection import KFold

    best, best_a = -2.0, ALPHAS[0]
    for a in ALPHAS:
        pred = np.zeros_like(y)
        for tr, te in KFold(4, shuffle=True, random_state=seed).split(X):
            pred[te] = SignedRidge(a).fit(X[tr], y[tr]).predict(X[te])
        r = spearmanr(pred, y).statistic
        r = -2.0 if np.isnan(r) else r
        if r >= best - 1e-9:
            best, best_a = r, a
    return best_a


def default_predict(X):
    w = np.array([DEFAULT_WEIGHTS.get(n, 0.0) for n in FEATURES])
    return np.minimum(np.clip(DEFAULT_INTERCEPT + X @ w, 0, 100), caps(X))


def cv_predictions(X, y, na, splits, kind: str) -> np.ndarray:
    """Out-of-fold predictions (na rows: 0 by rule)."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    pred = np.zeros_like(y)
    for k, (tr, te) in enumerate(splits):
        tr = tr[~na[tr]]
        if kind == "default":
            pred[te] = default_predict(X[te])
        elif kind == "ridge":
            a = choose_alpha(X[tr], y[tr], SEED + k)
            pred[te] = SignedRidge(a).fit(X[tr], y[tr]).predict(X[te])
        elif kind == "ridge+isotonic":
            a = choose_alpha(X[tr], y[tr], SEED + k)
            m = SignedRidge(a).fit(X[tr], y[tr])
            iso = IsotonicRegression(y_min=0, y_max=100, out_of_bounds="clip").fit(m.predict(X[tr]), y[tr])
            pred[te] = np.minimum(iso.predict(m.predict(X[te])), caps(X[te]))
        elif kind == "logistic":
            lr = LogisticRegression(C=1.0, max_iter=5000).fit(X[tr], y[tr].astype(int))
            pred[te] = np.minimum(lr.predict_proba(X[te]) @ lr.classes_.astype(float), caps(X[te]))
        pred[te[na[te]]] = 0.0
    return pred


def evaluate(X, y, na, groups):
    from scipy.stats import spearmanr
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    out: dict = {}
    kinds = ("default", "ridge", "ridge+isotonic", "logistic")
    for kind in kinds:
        rs, maes = [], []
        for rep in range(REPEATS):
            skf = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + rep)
            pred = cv_predictions(X, y, na, list(skf.split(X, y.astype(int))), kind)
            rs.append(spearmanr(pred, y).statistic)
            maes.append(float(np.mean(np.abs(pred - y))))
        ng = len(set(groups))
        g = {}
        if ng >= 3:
            gk = GroupKFold(min(FOLDS, ng))
            pred = cv_predictions(X, y, na, list(gk.split(X, y, groups)), kind)
            g = {"spearman": round(float(spearmanr(pred, y).statistic), 4), "folds": min(FOLDS, ng)}
        out[kind] = {"spearman": round(float(np.mean(rs)), 4), "spearman_sd": round(float(np.std(rs)), 4),
                     "mae_points": round(float(np.mean(maes)), 2), "grouped_by_source": g}
    return out


def narrative_check(path: Path) -> dict:
    """How well the narrative part of the report score (a claim counts as
    specific when it carries a measurability signal) agrees with the sentence
    labels of vague.jsonl (labels vague/specific; neutral sentences should not
    be claims)."""
    from narrcheck.nlp.lexicon import MEASURE_KINDS, measurability
    from narrcheck.score import is_claim

    if not path.exists():
        return {}
    tp = tn = fp = fn = 0
    neutral = neutral_claim = vs = vs_claim = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("kind") != "sentence" or d.get("label") not in ("vague", "specific", "neutral"):
            continue
        t = d.get("text", "")
        claim = is_claim(t)
        if d["label"] == "neutral":
            neutral += 1
            neutral_claim += claim
            continue
        vs += 1
        vs_claim += claim
        m = any(s.kind in MEASURE_KINDS for s in measurability(t))
        if d["label"] == "specific":
            tp += m
            fn += not m
        else:
            fp += m
            tn += not m
    n = tp + tn + fp + fn
    return {"data": str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path),
            "data_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "sentences": n, "accuracy_specific_vs_vague": round((tp + tn) / n, 4) if n else None,
            "specific_recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "vague_recall": round(tn / (tn + fp), 4) if tn + fp else None,
            "claims_kept": round(vs_claim / vs, 4) if vs else None,
            "neutral_dropped": round(1 - neutral_claim / neutral, 4) if neutral else None}


def fit_final(X, y, na):
    fit = ~na
    a = choose_alpha(X[fit], y[fit], SEED)
    m = SignedRidge(a).fit(X[fit], y[fit])
    return m, a


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--date", default=None, help="date to record (default: today, UTC)")
    ap.add_argument("--errors", type=int, default=0, help="list the N items with the largest error")
    args = ap.parse_args(argv)

    from scipy.stats import spearmanr
    import sklearn

    items, sha = load(args.data)
    if len(items) < 30:
        print(f"only {len(items)} rated items in {args.data}; need at least 30", file=sys.stderr)
        return 1
    X, y, na, groups = featurize(items)
    metrics = evaluate(X, y, na, groups)
    m, alpha = fit_final(X, y, na)
    pred = m.predict(X)
    pred[na] = 0.0
    train_r = float(spearmanr(pred, y).statistic)
    fit_mask = ~na
    cv = metrics["ridge"]
    counts = {str(r): int(sum(1 for d in items if d["rating"] == r)) for r in (1, 2, 3, 4, 5)}
    model = {
        "name": "narrcheck indicator specificity",
        "version": 1,
        "model": "signed ridge regression on 0/1 components (penalties ≤ 0, positives ≥ 0), "
                 "then the guideline caps of narrcheck.score.model.cap_for",
        "target": "rating 1–5 mapped to 0, 25, 50, 75, 100",
        "intercept": round(m.intercept_, 3),
        "weights": {n: round(float(w), 3) for n, w in zip(FEATURES, m.coef_)},
        "alpha": alpha,
        "data": str(args.data.relative_to(ROOT)) if args.data.is_relative_to(ROOT) else str(args.data),
        "data_sha256": sha,
        "n": len(items),
        "n_fit": int(fit_mask.sum()),
        "n_na_rule": int(na.sum()),
        "ratings": counts,
        "sources": len(set(groups)),
        "cv": {"method": f"stratified {FOLDS}-fold × {REPEATS} repeats (seed {SEED}); alpha by inner 4-fold CV",
               "spearman": cv["spearman"], "spearman_sd": cv["spearman_sd"], "mae_points": cv["mae_points"],
               "grouped_by_source": cv["grouped_by_source"]},
        "compare": {k: v for k, v in metrics.items() if k != "ridge"},
        "train_spearman": round(train_r, 4),
        "narrative_check": narrative_check(args.data.parent / "vague.jsonl"),
        "date": args.date or dt.datetime.now(dt.timezone.utc).date().isoformat(),
        "sklearn": sklearn.__version__,
    }
    print(json.dumps({k: model[k] for k in ("n", "n_fit", "ratings", "alpha", "cv", "compare", "train_spearman",
                                            "narrative_check")},
                     ensure_ascii=False, indent=1))
    print("weights:", json.dumps(model["weights"], ensure_ascii=False), "intercept", model["intercept"])
    if args.errors:
        err = np.abs(pred - y)
        for i in np.argsort(-err, kind="stable")[:args.errors]:
            d = items[i]
            active = [n for n, v in zip(FEATURES, X[i]) if v]
            print(f"{d['rating']} pred {pred[i]:5.1f} | {d.get('level2', '')[:8]} | {str(d.get('name'))[:18]} | "
                  f"{str(d.get('target'))[:16]} | {str(d.get('actual'))[:16]} | {active} | {d.get('why', '')}")
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
