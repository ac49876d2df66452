"""Train and evaluate the specific-vs-vague classifier (``narrcheck train``).

``run(eval=True, extra_labels=None, models_dir=None) -> dict`` reads
``corpora/labels/vague.jsonl`` (plus any ``extra_labels`` JSONL files of the
same shape: id, source, kind, field, text, label ∈ vague|specific|neutral,
section), and

* with ``eval``: cross-validates (5 folds, grouped by source report with
  ``StratifiedGroupKFold`` when there are at least 5 reports, else stratified
  5-fold) and prints precision / recall / F1 of the *vague* class for
  - ``lexicon``: ``Lexicon.is_vague`` alone (no training, scored on every item);
  - ``lexicon+classifier``: the pipeline of :mod:`narrcheck.nlp.classifier`,
    whose measure features include the lexicon hits and verdict, P(vague) ≥ 0.5;
  - ``checks rule``: the way the checks combine them — a lexicon flag is kept
    unless P(vague) < ``drop`` (0.2), an unflagged item is added when
    P(vague) > ``add`` (0.9);
* always: fits the pipeline on all items and writes
  ``models/vague_classifier.joblib``, its run-time export
  ``models/vague_classifier.npz`` (no scikit-learn needed to load it) and
  ``models/vague_classifier.json`` (sha256 of the label data, label counts,
  metrics, library versions, date).

Deterministic: fixed ``random_state``, sorted input.  No network.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
import re
import sys
from collections import Counter
from pathlib import Path

from narrcheck.nlp import classifier as C
from narrcheck.outputs import OutputPlan, save_with, write_text

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "corpora" / "labels" / "vague.jsonl"
RANDOM_STATE = 0
DROP_BELOW = 0.2
ADD_ABOVE = 0.9
LABEL_VALUES = ("vague", "specific", "neutral")


def read_labels(paths: list[Path]) -> list[dict]:
    """Labelled items of JSONL files, later files overriding earlier ids;
    items without a valid label are skipped.  Sorted by id."""
    items: dict[str, dict] = {}
    for p in paths:
        for n, line in enumerate(Path(p).read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            if rec.get("label") not in LABEL_VALUES or not str(rec.get("text", "")).strip():
                continue
            rid = str(rec.get("id") or f"{Path(p).name}:{n}")
            items[rid] = {**rec, "id": rid}
    return [items[k] for k in sorted(items)]


def data_hash(paths: list[Path]) -> str:
    """sha256 over the label files (name and bytes, in the given order)."""
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).name.encode("utf-8") + b"\0")
        h.update(Path(p).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _report_for(source: str, cache: dict):
    """The parsed source report of a label item (seeds, then fixtures), or None."""
    if source not in cache:
        rep = None
        for d in (ROOT / "corpora" / "seeds", ROOT / "corpora" / "fixtures"):
            p = d / source
            if p.is_file():
                try:
                    from narrcheck.api import load_report
                    rep = load_report(str(p))
                except Exception:  # noqa: BLE001 - a label without its report keeps its section only
                    rep = None
                break
        cache[source] = rep
    return cache[source]


_LOC = re.compile(r"^t(\d+):r(\d+):c(\d+)")


def add_row_labels(recs: list[dict]) -> None:
    """Give table items the row label the checks see at run time
    (``classifier.row_label``), from the item's ``loc`` t<table>:r<row>:c<col>."""
    cache: dict = {}
    for r in recs:
        if "row_label" in r:
            continue
        m = _LOC.match(str(r.get("loc", "")))
        r["row_label"] = ""
        if not m:
            continue
        rep = _report_for(r.get("source", ""), cache)
        if rep is None:
            continue
        t, row, col = map(int, m.groups())
        tables = [b for b in rep.document.tables if b.number == t]
        if tables:
            r["row_label"] = C.row_label(tables[0], row, col)


def _items(recs: list[dict]) -> list[tuple]:
    add_row_labels(recs)
    return [C.item(r["text"], r.get("kind", "sentence"), r.get("field", ""), r.get("section", ""),
                   r.get("row_label", "")) for r in recs]


def _prf(y: list[int], p: list[int]) -> dict:
    tp = sum(1 for a, b in zip(y, p) if a and b)
    fp = sum(1 for a, b in zip(y, p) if not a and b)
    fn = sum(1 for a, b in zip(y, p) if a and not b)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn, "n": len(y)}


def lexicon_flags(recs: list[dict]) -> list[int]:
    from narrcheck.nlp.lexicon import Lexicon

    lex = Lexicon.load()
    return [int(lex.is_vague(r["text"], cell=r.get("kind") == "cell")[0]) for r in recs]


def combine(lex_flag: int, p: float, drop: float = DROP_BELOW, add: float = ADD_ABOVE) -> int:
    """The checks' rule: keep a lexicon flag unless the model is confident it
    is not vague; add an unflagged text when the model is confident it is."""
    return int(p > add) if not lex_flag else int(p >= drop)


def cross_validate(recs: list[dict], n_splits: int = 5, **params) -> dict:
    """Out-of-fold P(vague) and metrics for the three predictors."""
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    X = C.as_array(_items(recs))
    y = np.array([int(r["label"] == "vague") for r in recs])
    groups = [r.get("source") or r["id"].split(":")[0] for r in recs]
    ngroups = len(set(groups))
    if ngroups >= n_splits:
        cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=RANDOM_STATE)
        splits = list(cv.split(X, y, groups))
        scheme = f"StratifiedGroupKFold({n_splits}) by source report ({ngroups} reports)"
    else:
        cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=RANDOM_STATE)
        splits = list(cv.split(X, y))
        scheme = f"StratifiedKFold({n_splits}) (only {ngroups} source reports: not grouped)"
    oof = np.zeros(len(recs))
    for tr, te in splits:
        pipe = C.build_pipeline(random_state=RANDOM_STATE, **params)
        pipe.fit(X[tr], y[tr])
        pos = list(pipe.classes_).index(1)
        oof[te] = pipe.predict_proba(X[te])[:, pos]
    lex = lexicon_flags(recs)
    yl = [int(v) for v in y]
    clf = [int(p >= 0.5) for p in oof]
    rule = [combine(f, p) for f, p in zip(lex, oof)]
    # in-scope subset: what the checks actually look at (indicator/goal cells,
    # narrative in results/goals/problems/budget sections)
    scope = [i for i, r in enumerate(recs) if _in_scope(r)]
    sub = lambda v: [v[i] for i in scope]  # noqa: E731
    metrics = {
        "scheme": scheme,
        "lexicon": _prf(yl, lex),
        "lexicon+classifier": _prf(yl, clf),
        "checks rule": _prf(yl, rule),
        "in_scope": {
            "n": len(scope),
            "lexicon": _prf(sub(yl), sub(lex)),
            "lexicon+classifier": _prf(sub(yl), sub(clf)),
            "checks rule": _prf(sub(yl), sub(rule)),
        },
        "per_source": {},
        "brier": round(float(np.mean((oof - y) ** 2)), 4),
    }
    for g in sorted(set(groups)):
        idx = [i for i, s in enumerate(groups) if s == g]
        metrics["per_source"][g] = {
            "n": len(idx),
            "lexicon": _prf([yl[i] for i in idx], [lex[i] for i in idx])["f1"],
            "lexicon+classifier": _prf([yl[i] for i in idx], [clf[i] for i in idx])["f1"],
        }
    metrics["_oof"] = [round(float(p), 4) for p in oof]
    return metrics


def _in_scope(r: dict) -> bool:
    f = r.get("field", "")
    if f in ("name", "target", "target_adjusted", "actual", "goal_target", "goal_actual", "deviation"):
        return True
    if f:
        return False
    return C.section_role(r.get("section", ""), r.get("row_label", "")) in ("results", "goals", "problems", "budget")


def fit(recs: list[dict]):
    import numpy as np

    X = C.as_array(_items(recs))
    y = np.array([int(r["label"] == "vague") for r in recs])
    pipe = C.build_pipeline(random_state=RANDOM_STATE)
    pipe.fit(X, y)
    _strip_process_state(pipe)
    return pipe


def _strip_process_state(pipe) -> None:
    """Drop attributes that hold process-specific values (``id()`` of the stop
    word list in text vectorizers), so that the saved file is byte-identical
    from run to run."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    for _name, tr, _cols in pipe.named_steps["features"].transformers_:
        if isinstance(tr, TfidfVectorizer) and hasattr(tr, "_stop_words_id"):
            del tr._stop_words_id


def _versions() -> dict:
    import numpy
    import sklearn

    out = {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": numpy.__version__}
    try:
        import jieba
        out["jieba"] = jieba.__version__
    except Exception:  # pragma: no cover
        pass
    return out


def print_table(metrics: dict, out=None) -> None:
    out = out or sys.stdout
    print(f"vague classifier — cross-validation: {metrics.get('scheme', '')}", file=out)
    rows = [("", metrics), ("in scope", metrics.get("in_scope", {}))]
    print(f"{'predictor':<30} {'n':>5} {'precision':>9} {'recall':>7} {'F1':>6}", file=out)
    for prefix, m in rows:
        for name in ("lexicon", "lexicon+classifier", "checks rule"):
            if name in m:
                r = m[name]
                label = f"{prefix + ': ' if prefix else ''}{name}"
                print(f"{label:<30} {r['n']:>5} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f}",
                      file=out)


def _claim_model_files(inputs, card_path: Path, files: list[Path]) -> None:
    """The model files may replace a model narrcheck trained (its card names the model and
    the data hash), never a label file being read nor an unrelated file (outputs.OutputRefused)."""
    plan = OutputPlan([str(p) for p in inputs])
    ours = False
    if card_path.is_file():
        try:
            old = json.loads(card_path.read_text(encoding="utf-8"))
            ours = isinstance(old, dict) and old.get("model") == C.MODEL_NAME and "data_sha256" in old
        except (OSError, ValueError):
            ours = False
    for f in files:
        if plan.input_of(str(f)) is not None or not (ours or not f.exists()):
            plan.claim(str(f), "模型文件")


def run(eval: bool = True, extra_labels: list | None = None, models_dir: str | Path | None = None,
        labels: str | Path | None = None, quiet: bool = False) -> dict:
    """Train (and with ``eval`` cross-validate) the vague classifier; write
    the model and its card to ``models_dir`` (default ``<repo>/models``).
    Returns the metrics dict (empty metrics when ``eval`` is false)."""
    import joblib

    paths = [Path(labels) if labels else LABELS] + [Path(p) for p in (extra_labels or [])]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError("标注数据不存在：" + "、".join(missing))
    recs = read_labels(paths)
    if len({r["label"] == "vague" for r in recs}) < 2:
        raise ValueError("标注数据至少需要 vague 和非 vague 两类")
    d = Path(models_dir) if models_dir else C.default_models_dir()
    card_path = d / f"{C.MODEL_NAME}.json"
    digest = data_hash(paths)
    metrics: dict = {}
    if not eval and card_path.is_file():  # keep the recorded metrics when the data did not change
        try:
            old = json.loads(card_path.read_text(encoding="utf-8"))
            if old.get("data_sha256") == digest:
                metrics = old.get("metrics") or {}
        except (OSError, ValueError):
            pass
    if eval:
        metrics = cross_validate(recs)
        metrics.pop("_oof", None)
        if not quiet:
            print_table(metrics)
    model_path = d / f"{C.MODEL_NAME}.joblib"
    npz_path = d / f"{C.MODEL_NAME}.npz"
    _claim_model_files(paths, card_path, [model_path, npz_path, card_path])
    pipe = fit(recs)
    d.mkdir(parents=True, exist_ok=True)
    save_with(str(model_path), lambda tmp: joblib.dump(pipe, tmp, compress=3))
    save_with(str(npz_path), lambda tmp: C.write_export(C.export(pipe), tmp))  # what narrcheck loads at run time
    card = {
        "model": C.MODEL_NAME,
        "feature_version": C.FEATURE_VERSION,
        "task": "P(label == 'vague') vs specific|neutral",
        "classifier": "LogisticRegression(C=4, class_weight=balanced) over char 1-3-gram TF-IDF + jieba word "
                      "1-2-gram TF-IDF + measure features (signals, lexicon groups, kind/field/section role)",
        "data": [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths],
        "data_sha256": digest,
        "n_items": len(recs),
        "label_counts": dict(sorted(Counter(r["label"] for r in recs).items())),
        "sources": dict(sorted(Counter(r.get("source", "") for r in recs).items())),
        "random_state": RANDOM_STATE,
        "thresholds": {"drop_below": DROP_BELOW, "add_above": ADD_ABOVE},
        "metrics": metrics,
        "versions": _versions(),
        "date": _dt.date.today().isoformat(),
        "file_bytes": model_path.stat().st_size,
    }
    write_text(str(card_path), json.dumps(card, ensure_ascii=False, indent=2) + "\n")
    if not quiet:
        print(f"model written: {model_path} ({card['file_bytes'] / 1024:.0f} KB), "
              f"{len(recs)} items, data sha256 {card['data_sha256'][:12]}…")
    return metrics


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="train the narrcheck vague classifier")
    ap.add_argument("--eval", action="store_true", help="cross-validate and print metrics")
    ap.add_argument("--labels", default=None)
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--models", default=None)
    a = ap.parse_args(argv)
    run(eval=a.eval, extra_labels=a.extra, models_dir=a.models, labels=a.labels)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
