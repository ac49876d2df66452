"""Helpers and fixtures for the narrcheck serve tests (no conftest.py here: tests/conftest.py is
imported as ``conftest`` by other test modules, a second one would shadow it).  Test modules
import ``make_client`` from here to use it as a fixture."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpora" / "seeds" / "000_77c9c8b55ed8e5d3.txt"
OTHER = ROOT / "tests" / "fixtures" / "dept" / "r2_zhejiang_2022_weijian.txt"

FIXED_FROM = "下发文件和召开会议总量持续减少。"
FIXED_TO = "下发文件比上年减少120件，召开会议比上年减少18次。"
NEW_SENTENCE = "6. 协助区禁毒办开展日常工作，全面实施依法行政工作。工作成效明显，群众满意度进一步提高，起到了示范作用。"


def draft_v1() -> bytes:
    return SEED.read_bytes()


def draft_v2() -> bytes:
    """The department's second draft: one vague sentence rewritten with figures,
    a vague sentence added, and a line inserted near the top (shifts every offset)."""
    text = SEED.read_text(encoding="utf-8")
    assert FIXED_FROM in text and "6. 协助区禁毒办开展日常工作，全面实施依法行政工作。" in text
    text = text.replace(FIXED_FROM, FIXED_TO)
    text = text.replace("6. 协助区禁毒办开展日常工作，全面实施依法行政工作。", NEW_SENTENCE)
    lines = text.split("\n")
    lines.insert(2, "（修改稿）")
    return "\n".join(lines).encode("utf-8")


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)


@pytest.fixture
def make_client(tmp_path):
    """``make_client(**create_app kwargs)`` → an entered TestClient (closed at teardown)."""
    from fastapi.testclient import TestClient

    from narrcheck.serve.app import create_app

    clients = []

    def make(db_url=None, **kw):
        kw.setdefault("workers", 0)
        data = tmp_path / f"data{len(clients)}"
        app = create_app(db_url, str(data), **kw)
        c = TestClient(app)
        c.__enter__()
        c.data_dir = data
        c.db_url = db_url
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)
