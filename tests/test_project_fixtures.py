"""Five good project reports and their bad copies (tests/fixtures/project/, PLANTED.md):
the good ones must draw no error or warning; in the bad ones each planted problem must be
found by the rule that owns it."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrcheck.api import check_report, load_report
from narrcheck.config import Config

HERE = Path(__file__).parent / "fixtures" / "project"
NAMES = sorted(p.name for p in (HERE / "good").glob("*.txt"))


def _findings(kind, name):
    return check_report(load_report(str(HERE / kind / name)), Config())


def test_five_pairs():
    assert len(NAMES) == 5 and sorted(p.name for p in (HERE / "bad").glob("*.txt")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_good_reports_draw_no_error_or_warning(name):
    fs = [f for f in _findings("good", name) if f.severity != "info"]
    assert fs == [], [(f.rule, f.text[:40], f.message[:60]) for f in fs]


# (plant id, file prefix, rule, a piece of the flagged text or message)
PLANTED = [
    ("P1.1", "g1", "NC101", "拨付了补贴"), ("P1.2", "g1", "NC103", "不低于85%"), ("P1.4", "g1", "NC200", "作用明显"),
    ("P1.3", "g1", "NC303", "1,586"), ("P1.5", "g1", "NC183", "不超过300字"), ("P1.6", "g1", "NC256", "约96%"),
    ("P2.1", "g2", "NC352", "96.30%"), ("P2.2", "g2", "NC350", "1,350.00"), ("P2.3", "g2", "NC404", ""),
    ("P2.4", "g2", "NC253", ""), ("P2.5", "g2", "NC256", "预计"), ("P2.6", "g2", "NC105", ""),
    ("P3.1", "g3", "NC450", "2026"), ("P3.2", "g3", "NC400", "4.5"), ("P3.3", "g3", "NC200", "持续完善"),
    ("P3.4", "g3", "NC303", "148户"), ("P3.5", "g3", "NC406", "112"), ("P3.6", "g3", "NC203", ""),
    ("P4.1", "g4", "NC352", "99.81%"), ("P4.2", "g4", "NC183", "限150字"), ("P4.3", "g4", "NC252", ""),
    ("P4.4", "g4", "NC255", ""), ("P4.5", "g4", "NC304", "全部实现"), ("P4.6", "g4", "NC208", "专项资金投入"),
    ("P5.1", "g5", "NC411", "不低于480元/平方米"), ("P5.2", "g5", "NC001", "98.31"), ("P5.4", "g5", "NC103", "≥90%"),
    ("P5.5", "g5", "NC356", "45891"),
]


@pytest.mark.parametrize("pid,prefix,rule,needle", PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_problem_is_found(pid, prefix, rule, needle):
    name = next(n for n in NAMES if n.startswith(prefix))
    fs = [f for f in _findings("bad", name) if f.rule == rule]
    assert fs, (pid, rule)
    assert any(needle in f.text + f.message for f in fs), (pid, [f.text[:40] for f in fs])
