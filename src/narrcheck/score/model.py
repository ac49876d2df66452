"""Component weights: the calibrated model (models/specificity.json) or the
documented defaults, and the linear score.

    score = min(clamp(intercept + Σ weight_c · component_c, 0, 100), cap)

where ``cap`` (``cap_for``) follows the labelling guidelines: a copied or bound
actual is at most 50 (rating 3); a placeholder target (≤万元) at most 25
(rating 2), and 0 when the actual is no measurement with a unit either; a
missing actual 0.

Components are 0/1 (``score/components.py``).  Weights are points on the
0–100 scale: positive for what an indicator has, negative for penalties.

DEFAULT_WEIGHTS follow the suggested design of domain-rules §5 (+35 numeric
target with unit → 25 number + 10 unit; +15 comparator; +20 numeric actual ≠
target → 15 measured + 5 differs; +10 date or baseline, +10 formula or data
source → method 10 and unit-fits 5; +10 no vague hit → intercept 10 and
vague −20; −25 copied actual; −10 compliance value) extended with the issue's
other components (name, deviation, placeholder, input as output).  They are
used when the model file is missing or unreadable.

The model file is written by ``scripts/train_specificity.py``: it fits the
weights on the labelled indicators (ratings 1–5 mapped to 0, 25, 50, 75, 100)
and records n, the data hash, the cross-validated Spearman correlation and the
date.  It is read lazily, once per process.
"""
from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .components import FEATURES

DEFAULT_INTERCEPT = 10.0
DEFAULT_WEIGHTS: dict[str, float] = {
    "target_number": 25.0, "target_unit": 10.0, "target_comparator": 10.0, "unit_fits": 5.0,
    "actual_measured": 15.0, "actual_differs": 5.0, "method": 10.0, "graded_standard": 10.0, "name_concrete": 10.0,
    "actual_copy": -25.0, "actual_bound": -15.0, "actual_tier": -15.0, "actual_missing": -15.0,
    "actual_unitless": -5.0, "actual_imprecise": -10.0, "approx_actual": -5.0, "target_placeholder": -25.0, "target_text": -5.0,
    "mixed_unit": -5.0, "vague_value": -20.0, "compliance_value": -10.0, "time_unbounded": -10.0,
    "time_year_only": -5.0, "date_late": -5.0, "support_missing": -5.0, "over_unexplained": -5.0, "dev_missing": -5.0,
    "cost_total": -3.0, "direction_wrong": -10.0, "name_slogan": -10.0, "name_work_item": -5.0,
    "input_as_output": -10.0, "number_without_object": -10.0,
}


def _repo_model_path() -> Path:
    return Path(__file__).resolve().parents[3] / "models" / "specificity.json"


MODEL_PATH = _repo_model_path()


@dataclass
class SpecificityModel:
    intercept: float
    weights: dict[str, float]
    source: str = "default"            # "default" or the model file's path
    meta: dict = field(default_factory=dict)

    def raw(self, values: dict[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * float(values.get(k, 0.0)) for k in FEATURES)

    def score(self, values: dict[str, float]) -> int:
        return int(round(apply_caps(values, min(100.0, max(0.0, self.raw(values))))))

    def loss(self, values: dict[str, float]) -> dict[str, float]:
        """Points each component costs this indicator (missing positives, present penalties)."""
        out = {}
        for k in FEATURES:
            w = self.weights.get(k, 0.0)
            v = float(values.get(k, 0.0))
            lost = w * (1.0 - v) if w > 0 else -w * v
            if lost > 1e-9:
                out[k] = lost
        return out


# Caps from the labelling guidelines (corpora/labels/GUIDELINES_specificity.md §2, §4), applied
# after the linear score: they are rules of the scale, not fitted.
CAP_COPY = 50.0          # 照抄 (copy, or a bound as the actual): at most rating 3
CAP_NO_TARGET = 25.0     # placeholder target (≤万元): at most rating 2 …
CAP_NOTHING = 0.0        # … and rating 1 when the actual is no measurement with a unit either;
                         # a missing actual (A 或 B 缺失) is rating 1 too


def cap_for(values: dict[str, float]) -> float:
    """The highest score the guidelines allow for these components (100: no cap)."""
    cap = 100.0
    if values.get("actual_copy") or values.get("actual_bound"):
        cap = min(cap, CAP_COPY)
    if values.get("target_placeholder"):
        measured_with_unit = values.get("actual_measured") and not values.get("actual_unitless")
        cap = min(cap, CAP_NO_TARGET if measured_with_unit else CAP_NOTHING)
    if values.get("actual_missing"):
        cap = min(cap, CAP_NOTHING)
    return cap


def apply_caps(values: dict[str, float], score: float) -> float:
    return min(score, cap_for(values))


_lock = threading.Lock()
_cache: dict[str, SpecificityModel] = {}


def default_model() -> SpecificityModel:
    return SpecificityModel(DEFAULT_INTERCEPT, dict(DEFAULT_WEIGHTS), "default")


def load_model(path: str | Path | None = None) -> SpecificityModel:
    """The calibrated model from ``path`` (default models/specificity.json), or
    the default weights when the file is missing or malformed.  Cached."""
    p = Path(path) if path else MODEL_PATH
    key = str(p)
    m = _cache.get(key)
    if m is not None:
        return m
    with _lock:
        m = _cache.get(key)
        if m is None:
            m = _read(p)
            _cache[key] = m
    return m


def _read(p: Path) -> SpecificityModel:
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        weights = {k: float(v) for k, v in data["weights"].items() if k in FEATURES}
        if not weights:
            raise ValueError("no weights")
        meta = {k: v for k, v in data.items() if k not in ("weights", "intercept")}
        return SpecificityModel(float(data["intercept"]), weights, str(p), meta)
    except (OSError, ValueError, KeyError, TypeError):
        return default_model()
