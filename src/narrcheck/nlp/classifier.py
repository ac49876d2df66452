"""Specific-vs-vague text classifier (scikit-learn) and section roles.

Public API::

    section_role(section, row_label="") -> str   results | goals | problems | budget |
                                                 measures | duty | form | other
    item(text, kind="sentence", field="", section="", row_label="") -> tuple
    build_pipeline(random_state=0) -> sklearn Pipeline      (untrained)
    load(models_dir=None) -> VagueModel | None              cached once per process
    VagueModel.proba(items) -> list[float]                  P(vague) per item

The model answers one question: is this text *vague* (a claim, target or value
that needs a measure and has none) as opposed to *specific* or *neutral*
(labels of ``corpora/labels/vague.jsonl``, see GUIDELINES_vague.md).

Features (one ``ColumnTransformer`` over an object array with the columns
text / kind / field / role, see :func:`as_array`):

* character 1–3-grams, TF-IDF (digits folded to ``0`` so that 386件 and 1083件
  share n-grams);
* jieba words and word bigrams, TF-IDF (``narrcheck.nlp.segment.cut``, domain
  user dictionary);
* measure features: counts of measurability signals by kind, lexicon hits by
  group, the lexicon's own verdict and share of vague clauses, activity-led
  clauses, length, and one-hot kind / field / section role.

The classifier is ``LogisticRegression`` (balanced classes), whose
probabilities are well calibrated on this data (see the metrics json).

The trained pipeline lives in ``models/vague_classifier.joblib`` with its
card ``models/vague_classifier.json`` (data sha256, label counts, metrics,
library versions, date).  Training also exports it to
``models/vague_classifier.npz`` (:func:`export`): vocabularies, IDF, scaler
and coefficients as plain arrays.  That export is what :func:`load` uses, with
numpy only (:class:`PortableModel`), because importing scikit-learn
and joblib alone takes about 0.9 s of a one-file check; ``tests`` pin its
probabilities to the scikit-learn pipeline's.  Without the export, :func:`load`
falls back to the joblib pipeline.  It never downloads anything; when both
files are missing or unreadable it returns ``None`` and the checks run
lexicon-only.  Nothing heavy is imported at module import time.
"""
from __future__ import annotations

import json
import math
import os
import re
import threading
import warnings
from pathlib import Path

__all__ = ["section_role", "item", "build_pipeline", "load", "VagueModel", "PortableModel", "export",
           "write_export", "MODEL_NAME",
           "default_models_dir", "ROLES", "FIELDS", "ACTIVITY_RE", "as_array", "row_label"]

MODEL_NAME = "vague_classifier"
FEATURE_VERSION = 1

# ---------------------------------------------------------------------------
# section roles (shared with checks/vague.py)

_ROLE_RULES: list[tuple[str, re.Pattern]] = [
    ("form", re.compile(r"(?:自评表|基础数据表|评分表|得分表|评价表|绩效目标表)\s*$")),
    ("duty", re.compile(r"职能|职责|机构设置|机构情况|基本情况|基本概况|单位概况|部门概况|人员情况|人员编制"
                        r"|在职人员|领导职数|临时机构|二级机构|其他事项|评价人员|单位构成|联系人")),
    ("measures", re.compile(r"改进措施|下一步|整改|建议|打算|拟应用|结果应用|公开情况")),
    ("problems", re.compile(r"存在的?(?:主要)?问题|原因分析|主要问题|偏差")),
    ("goals", re.compile(r"目标设置|绩效目标$|单位绩效目标|年度目标|工作目标|总体目标$|主要工作内容|工作任务|预期目标|重点工作")),
    ("results", re.compile(r"绩效情况|完成情况|目标完成|实施情况|产出|效益|效果|成效|履职|自评结论|评价结论"
                           r"|主要做法|取得的成绩|运行情况|总体评价|自评情况|实际完成|目标实现情况|自评结果")),
    ("budget", re.compile(r"收支情况|部门收支|预算收支|预算支出|支出情况|收入情况|基本支出|项目支出|预算执行|管理及使用|财务管理")),
]
ROLES = ("results", "goals", "problems", "budget", "measures", "duty", "form", "other")
FIELDS = ("", "name", "target", "target_adjusted", "actual", "goal_target", "goal_actual", "deviation",
          "standard", "other")


def section_role(section: str, row_label: str = "") -> str:
    """Role of a section path ``"一、… > （二）…"``: the deepest heading (or
    the row label of a table cell, which is deeper still) that names a role
    wins.  ``results`` = 绩效/完成情况/产出/效益…, ``goals`` = 目标设置/年度目标…,
    ``problems`` = 存在问题/原因分析, ``budget`` = 收支/预算执行, ``measures`` =
    改进措施/下一步/结果应用, ``duty`` = 职能职责/机构设置/基本情况/人员…,
    ``form`` = a form title, ``other`` = nothing matched."""
    parts = [p.strip() for p in (section or "").split(" > ") if p.strip()]
    if row_label and row_label.strip():
        parts.append(re.sub(r"\s+", "", row_label))
    for p in reversed(parts):
        for name, rx in _ROLE_RULES:
            if rx.search(p):
                return name
    return "other"


def row_label(table, row: int, col: int, max_len: int = 40) -> str:
    """The label of a table cell's row: the leftmost non-empty cell to the
    left of ``col`` covering ``row`` (merged cells included), whitespace
    removed; "" when there is none or it is longer than ``max_len``."""
    if table is None or row is None or col is None:
        return ""
    try:
        dense = table.dense()[row]
    except (IndexError, AttributeError):
        return ""
    seen = set()
    for c in range(0, min(col, len(dense))):
        cell = dense[c]
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        t = re.sub(r"\s+", "", cell.text or "")
        if t:
            return t if len(t) <= max_len else ""
    return ""


# clauses led by an activity verb (domain-rules §3.6 ACTIVITY-ONLY)
ACTIVITY_RE = re.compile(
    r"^(?:[（(]?[0-9一二三四五六七八九十]+[)）、.．]\s*|[一二三四五六七八九十]是|同时|另外|此外|并|还|积极|认真|先后|共|全年|今年)*"
    r"(?:召开|开展|组织|报送|举办|参加|参与|部署|印发|下发|起草|协助|配合|做好|抓好)")


def item(text: str, kind: str = "sentence", field: str = "", section: str = "", row_label: str = "",
         role: str | None = None) -> tuple:
    """One classifier input row: (text, kind, field, role)."""
    f = field if field in FIELDS else "other"
    return (text or "", kind or "sentence", f, role or section_role(section, row_label))


# ---------------------------------------------------------------------------
# feature functions (module level so that the pickled pipeline refers to them)

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def prep(text: str) -> str:
    """Normalised text with digit runs folded to ``0``."""
    from narrcheck.understand.values import normalize
    return _DIGITS.sub("0", normalize(text or ""))


def words(text: str) -> list[str]:
    """jieba words of an already ``prep``-ed text, whitespace and punctuation dropped."""
    from narrcheck.nlp.segment import cut
    return [w for w in cut(text) if w.strip() and not _PUNCT.fullmatch(w)]


_PUNCT = re.compile(r"[\s，,。．.；;：:、！!？?“”‘’\"'（）()《》【】\[\]—\-…/]+")

_SIGNAL_KINDS = ("comparator", "quantity", "date", "baseline", "named_output", "sample", "rank", "year")
_GROUPS = ("degree", "effect", "compliance", "verb_object", "slogan", "deviation", "estimate")


def measure_features(X, context: bool | str = True) -> "object":
    """Dense numeric features for rows (text, kind, field, role) → ndarray.
    ``context`` adds one-hot kind / field / section role."""
    import numpy as np

    from narrcheck.nlp.clauses import clauses
    from narrcheck.nlp.lexicon import MEASURE_KINDS, Lexicon, measurability
    lex = Lexicon.load()
    vg = lex.vague_groups
    rows = []
    for text, kind, field, role in _rows(X):
        text = text or ""
        cell = kind == "cell"
        sig = measurability(text)
        counts = [sum(1 for s in sig if s.kind == k) for k in _SIGNAL_KINDS]
        hits = lex.match(text, cell=cell)
        gcounts = [sum(1 for h in hits if h.group == g) for g in _GROUPS]
        msig = [x.start for x in sig if x.kind in MEASURE_KINDS]
        spans = clauses(text, cell=cell)
        acts = claims = unmeasured = nvague = 0
        last_unmeasured = 0.0
        for s, e in spans:
            m = any(s <= x < e for x in msig)
            if not m:
                unmeasured += 1
                c = text[s:e]
                if ACTIVITY_RE.match(c):
                    acts += 1
                if _CLAIM.search(c):
                    claims += 1
                if any(s <= h.start < e and h.group in vg for h in hits):
                    nvague += 1
            last_unmeasured = float(not m)
        nsp = max(1, len(spans))
        ncl = nsp
        measured = sum(counts[:7]) > 0
        n = len(text.strip())
        feats = [math.log1p(c) for c in counts] + [math.log1p(c) for c in gcounts] + [
            float(nvague > 0), nvague / ncl, float(measured), math.log1p(acts),
            math.log1p(claims), unmeasured / nsp, last_unmeasured, float(claims > 0 and not measured),
            math.log1p(n), float(n <= 12), float(bool(re.search(r"[。；;！!？?]\s*$", text))),
            float(bool(re.match(r"^\s*[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]", text))),
            float(bool(re.search(r"\d", text))),
            float(bool(_CRITERION.search(text))),
            float(bool(_SUBHEAD.match(text)) and n <= 16),
            float(bool(re.match(r"^\s*[①-⑳]", text))),
        ]
        if context:
            feats += [float(cell)]
            if context == "coarse":
                grp = _FIELD_GROUP.get(field, "other")
                feats += [float(grp == g) for g in ("", "name", "value", "deviation", "other")]
            else:
                feats += [float(field == f) for f in FIELDS]
            feats += [float(role == r) for r in ROLES]
        rows.append(feats)
    return np.asarray(rows, dtype=float).reshape(len(rows), -1)


# completion / assurance verbs that make a claim (做好…工作, 确保…, 助推…)
_CLAIM = re.compile(r"(?:做好|抓好|办好|办理好|协调好|落实好|完成|确保|保障|保证|推动|助推|助力|促进|实现|营造|形成|"
                    r"提供|满足|发挥|打造|夯实|筑牢|推进)")
_FIELD_GROUP = {"": "", "name": "name", "target": "value", "target_adjusted": "value", "actual": "value",
                "goal_target": "value", "goal_actual": "value", "deviation": "deviation"}
_CRITERION = re.compile(r"(?<!\d)\d+(?:\.\d+)?分[。；;]?\s*$|[扣计得]\d+(?:\.\d+)?分|不得分|扣完为止|得满分|酌情扣分")
_SUBHEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]是|[（(]?[0-9一二三四五六七八九十]{1,2}[)）、.．])")


def _rows(X):
    for r in X:
        r = list(r)
        r += [""] * (4 - len(r))
        yield r[0], r[1], r[2], r[3]


def build_pipeline(random_state: int = 0, C: float = 4.0, context: bool | str = "coarse", char: bool = True,
                   word: bool = True, char_range: tuple = (1, 3)):
    """Untrained sklearn Pipeline: a ColumnTransformer (char n-grams and jieba
    words over the text column, measure features over all four columns) and
    a balanced LogisticRegression.  Input: an object array of :func:`item`
    rows."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    parts = []
    if char:
        parts.append(("char", TfidfVectorizer(analyzer="char", ngram_range=tuple(char_range), preprocessor=prep,
                                              min_df=2, sublinear_tf=True, max_features=20000), 0))
    if word:
        parts.append(("word", TfidfVectorizer(tokenizer=words, preprocessor=prep, token_pattern=None,
                                              lowercase=False, ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                              max_features=20000), 0))
    meas = Pipeline([("feats", FunctionTransformer(measure_features, validate=False,
                                                   kw_args={"context": context})),
                     ("scale", StandardScaler())])
    parts.append(("measure", meas, [0, 1, 2, 3]))
    features = ColumnTransformer(parts, sparse_threshold=1.0)
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=random_state)
    return Pipeline([("features", features), ("clf", clf)])


def as_array(items: list[tuple]):
    """Object array (n, 4) of :func:`item` rows, the pipeline's input."""
    import numpy as np

    X = np.empty((len(items), 4), dtype=object)
    for i, it in enumerate(items):
        it = tuple(it) + ("",) * (4 - len(it))
        X[i, :] = it[:4]
    return X


# ---------------------------------------------------------------------------
# the trained model

def default_models_dir() -> Path:
    """``$NARRCHECK_MODELS`` or ``<repo>/models``."""
    env = os.environ.get("NARRCHECK_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "models"


class VagueModel:
    """A trained pipeline plus its card (``vague_classifier.json``)."""

    def __init__(self, pipeline, card: dict | None = None):
        self.pipeline = pipeline
        self.card = card or {}
        classes = list(getattr(pipeline, "classes_", [0, 1]))
        self._pos = classes.index(1) if 1 in classes else len(classes) - 1

    @property
    def thresholds(self) -> dict:
        return dict(self.card.get("thresholds", {}))

    def proba(self, items: list[tuple]) -> list[float]:
        """P(vague) for each item (see :func:`item`)."""
        if not items:
            return []
        X = as_array(items)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = self.pipeline.predict_proba(X)[:, self._pos]
        return [float(x) for x in p]


EXPORT_VERSION = 1


def export(pipeline) -> dict:
    """The fitted :func:`build_pipeline` as plain arrays (what
    :class:`PortableModel` needs): per text block its vocabulary in column
    order, IDF and n-gram range; the scaler; the logistic regression."""
    import numpy as np

    features = pipeline.named_steps["features"]
    clf = pipeline.named_steps["clf"]
    classes = list(clf.classes_)
    if len(classes) != 2 or clf.coef_.shape[0] != 1:
        raise ValueError("only a binary LogisticRegression can be exported")
    out: dict = {"export_version": np.array(EXPORT_VERSION)}
    blocks = []
    for name, tr, _cols in features.transformers_:
        if name == "remainder":
            continue
        if name in ("char", "word"):
            vocab = sorted(tr.vocabulary_, key=tr.vocabulary_.__getitem__)
            out[f"{name}_vocab"] = np.array(vocab, dtype=str)
            out[f"{name}_idf"] = np.asarray(tr.idf_, dtype=np.float64)
            out[f"{name}_range"] = np.asarray(tr.ngram_range, dtype=np.int64)
        elif name == "measure":
            feats, scale = tr.named_steps["feats"], tr.named_steps["scale"]
            ctx = (feats.kw_args or {}).get("context", True)
            out["measure_context"] = np.array(str(ctx) if not isinstance(ctx, str) else ctx)
            out["measure_mean"] = np.asarray(scale.mean_, dtype=np.float64)
            out["measure_scale"] = np.asarray(scale.scale_, dtype=np.float64)
        else:
            raise ValueError(f"unknown feature block {name!r}")
        blocks.append(name)
    out["blocks"] = np.array(blocks, dtype=str)
    out["coef"] = np.asarray(clf.coef_[0], dtype=np.float64)
    out["intercept"] = np.asarray(clf.intercept_[0], dtype=np.float64)
    out["positive_is_second"] = np.array(classes.index(1) == 1 if 1 in classes else True)
    return out


def write_export(arrays: dict, path: str | Path) -> None:
    """Write :func:`export` arrays as an .npz whose bytes depend only on the
    arrays (fixed zip timestamps), so retraining on the same labels gives the
    same file."""
    import io
    import zipfile

    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


class PortableModel(VagueModel):
    """The exported classifier, run with numpy only (no scikit-learn or
    scipy import): the same features and the same probabilities as the pipeline."""

    def __init__(self, arrays, card: dict | None = None):
        import numpy as np

        from .tfidf import FittedTfidf, char_ngrams, word_ngrams

        self.card = card or {}
        self.pipeline = None
        if int(arrays["export_version"]) != EXPORT_VERSION:
            raise ValueError("unsupported export version")
        self._blocks = []
        for name in [str(b) for b in arrays["blocks"]]:
            if name == "char":
                lo, hi = (int(v) for v in arrays["char_range"])
                tr = FittedTfidf(arrays["char_vocab"].tolist(), arrays["char_idf"],
                                 lambda t, lo=lo, hi=hi: char_ngrams(prep(t), lo, hi))
            elif name == "word":
                lo, hi = (int(v) for v in arrays["word_range"])
                tr = FittedTfidf(arrays["word_vocab"].tolist(), arrays["word_idf"],
                                 lambda t, lo=lo, hi=hi: word_ngrams(words(prep(t)), lo, hi))
            elif name == "measure":
                ctx = str(arrays["measure_context"])
                tr = _Measure({"True": True, "False": False}.get(ctx, ctx),
                              arrays["measure_mean"], arrays["measure_scale"])
            else:
                raise ValueError(f"unknown feature block {name!r}")
            self._blocks.append((name, tr))
        self._coef = np.asarray(arrays["coef"], dtype=np.float64)
        self._intercept = float(arrays["intercept"])
        self._sign = 1.0 if bool(arrays["positive_is_second"]) else -1.0

    def proba(self, items: list[tuple]) -> list[float]:
        if not items:
            return []
        import numpy as np

        rows = [tuple(it) + ("",) * (4 - len(it)) for it in items]
        z = np.full(len(rows), self._intercept)
        col = 0  # the blocks' columns follow one another in the coefficient vector
        for name, tr in self._blocks:
            if name == "measure":
                x = np.asarray(tr.transform(rows), dtype=np.float64)
                z += x @ self._coef[col:col + x.shape[1]]
                col += x.shape[1]
            else:
                x = tr.transform([r[0] for r in rows])
                z += x.dot(self._coef[col:col + x.shape[1]])
                col += x.shape[1]
        if col != self._coef.size:
            raise ValueError("feature blocks do not match the coefficients")
        z = self._sign * z
        p = 1.0 / (1.0 + np.exp(-z))
        return [float(v) for v in p]


class _Measure:
    def __init__(self, context, mean, scale):
        self.context, self.mean, self.scale = context, mean, scale

    def transform(self, rows):
        return (measure_features(rows, context=self.context) - self.mean) / self.scale


_lock = threading.Lock()
_cache: dict[str, "VagueModel | None"] = {}


def load(models_dir: str | Path | None = None) -> VagueModel | None:
    """The trained model, loaded lazily once per process (per directory), or
    ``None`` when it is missing or cannot be loaded.  Offline: reads two local
    files, nothing else."""
    d = Path(models_dir) if models_dir else default_models_dir()
    key = str(d)
    if key in _cache:
        return _cache[key]
    with _lock:
        if key in _cache:
            return _cache[key]
        model = None
        card_path = d / f"{MODEL_NAME}.json"
        try:
            card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
        except (OSError, ValueError):
            card = {}
        if card.get("feature_version", FEATURE_VERSION) == FEATURE_VERSION:
            model = _load_portable(d / f"{MODEL_NAME}.npz", card) or _load_joblib(d / f"{MODEL_NAME}.joblib", card)
        _cache[key] = model
        return model


def _load_portable(path: Path, card: dict) -> PortableModel | None:
    if not path.is_file():
        return None
    try:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            return PortableModel({k: z[k] for k in z.files}, card)
    except Exception:  # noqa: BLE001 - a broken export: try the pipeline, else lexicon-only
        return None


def _load_joblib(path: Path, card: dict) -> VagueModel | None:
    if not path.is_file():
        return None
    try:
        import joblib

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return VagueModel(joblib.load(path), card)
    except Exception:  # noqa: BLE001 - a broken model file means lexicon-only, never a crash
        return None


def _reset_cache() -> None:
    """For tests."""
    with _lock:
        _cache.clear()
