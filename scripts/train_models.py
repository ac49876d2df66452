#!/usr/bin/env python
"""Rebuild models/ from corpora/labels (deterministic: fixed random_state,
sorted input, single-threaded fit).

    .venv/bin/python scripts/train_models.py            # vague classifier + metrics table
    .venv/bin/python scripts/train_models.py --no-eval  # refit only

Writes models/vague_classifier.joblib and models/vague_classifier.json (data
sha256, label counts, cross-validated metrics, library versions, date).
Equivalent to ``narrcheck train --eval``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def main(argv: list[str] | None = None) -> int:
    from narrcheck import train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-eval", action="store_true", help="skip cross-validation")
    ap.add_argument("--models", default=str(ROOT / "models"))
    ap.add_argument("--extra", action="append", default=[], help="extra label files (JSONL)")
    a = ap.parse_args(argv)
    train.run(eval=not a.no_eval, extra_labels=a.extra, models_dir=a.models)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
