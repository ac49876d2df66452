"""Every check's docstring examples: the bad one must fire, the good one must not."""
import pytest

from narrcheck.checks.registry import load_all
from narrcheck.config import Config
from narrcheck.read.text import parse_text
from narrcheck.understand.report import understand

CHECKS = load_all()


def test_every_check_declares_examples_and_metadata():
    assert CHECKS, "no checks registered"
    for code, chk in CHECKS.items():
        ex = chk.examples()
        assert ex["bad"] and ex["good"], f"{code} lacks 错误示例/正确示例"
        assert chk.summary and chk.scope


@pytest.mark.parametrize("code", sorted(c for c, k in CHECKS.items() if not k.batch))
def test_examples(code):
    chk = CHECKS[code]
    cfg = Config(select=[code])
    ex = chk.examples()
    for text in ex["bad"]:
        found = chk.run(understand(parse_text(text, "bad.txt")), cfg)
        assert found, f"{code}: bad example did not fire:\n{text}"
        for f in found:
            assert f.rule == code and f.message and f.location is not None
    for text in ex["good"]:
        found = chk.run(understand(parse_text(text, "good.txt")), cfg)
        assert not found, f"{code}: good example fired: {[f.message for f in found]}"


@pytest.mark.parametrize("code", sorted(c for c, k in CHECKS.items() if k.batch))
def test_batch_examples(code):
    chk = CHECKS[code]
    cfg = Config(select=[code])
    ex = chk.examples()
    for label, texts in ex.items():
        for text in texts:
            parts = [p for p in text.split("\n---\n")]
            assert len(parts) >= 2, f"{code}: a batch example holds two or more reports separated by ---"
            reps = [understand(parse_text(t, f"{label}{i}.txt")) for i, t in enumerate(parts)]
            found = chk.run_batch(reps, cfg)
            assert bool(found) == (label == "bad"), f"{code} {label}: {[f.message for _, f in found]}"
