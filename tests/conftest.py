import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
DOCX = ROOT / "corpora" / "docx"
FIXTURES = ROOT / "corpora" / "fixtures"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seed_reports():
    from narrcheck.api import load_report

    return {p.name[:3]: load_report(str(p)) for p in sorted(SEEDS.glob("*.txt"))}
