import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
DOCX = ROOT / "corpora" / "docx"
FIXTURES = ROOT / "corpora" / "fixtures"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# The results cache of `narrcheck check` is keyed by file, code and configuration,
# not by what a test monkeypatches: off in tests; tests/test_results_cache.py turns it on.
os.environ.setdefault("NARRCHECK_RESULTS_CACHE", "off")


def check_edited(tmp_path, path: Path, *subs):
    """The findings of a copy of the report at ``path`` with each (old, new) replaced once; each ``old``
    must be in the text (the test edits what it means to)."""
    from narrcheck.api import check_paths
    from narrcheck.config import Config

    text = path.read_text(encoding="utf-8")
    for old, new in subs:
        assert old in text, old
        text = text.replace(old, new)
    p = tmp_path / path.name
    p.write_text(text, encoding="utf-8")
    return check_paths([str(p)], Config()).ok[0].findings


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seed_reports():
    from narrcheck.api import load_report

    return {p.name[:3]: load_report(str(p)) for p in sorted(SEEDS.glob("*.txt"))}


# Property tests draw from a fixed seed in CI, so a run is reproducible; locally
# they explore (HYPOTHESIS_PROFILE=dev).
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
