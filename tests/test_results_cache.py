"""The results cache of `narrcheck check`: a re-run re-checks only the files that
changed (or all of them with --no-cache, or under another configuration), gives
the same output, and a cache folder that cannot be written is no error."""
import json
import shutil

import pytest
from typer.testing import CliRunner

import narrcheck.batch as batch
from narrcheck.cli import app

from conftest import SEEDS

runner = CliRunner()


@pytest.fixture
def counted(monkeypatch, tmp_path):
    monkeypatch.setenv("NARRCHECK_RESULTS_CACHE", "on")
    monkeypatch.setenv("NARRCHECK_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = batch.analyse
    monkeypatch.setattr(batch, "analyse", lambda path, *a, **k: (calls.append(path), real(path, *a, **k))[1])
    return calls


def _folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    return d


def _check(d, out, *extra):
    r = runner.invoke(app, ["check", str(d), "--format", "json", "-o", str(out), "-j", "1", "--fail-on", "never",
                            *extra])
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_rerun_rechecks_only_the_edited_files(tmp_path, counted):
    d = _folder(tmp_path)
    first = _check(d, tmp_path / "a.json")
    assert len(counted) == 5
    counted.clear()
    again = _check(d, tmp_path / "b.json")
    assert counted == [] and again == first                        # nothing re-checked, same output
    edited = sorted(d.glob("*.txt"))[1:3]
    for p in edited:
        p.write_text(p.read_text(encoding="utf-8") + "\n六、其他说明\n本单位全年工作效果明显，群众满意度进一步提高。\n",
                     encoding="utf-8")
    third = _check(d, tmp_path / "c.json")
    assert sorted(counted) == sorted(str(p) for p in edited)
    counted.clear()
    fresh = _check(d, tmp_path / "d.json", "--no-cache")
    assert len(counted) == 5 and fresh == third                    # the cached results are what a check gives


def test_another_configuration_is_checked_again(tmp_path, counted):
    d = _folder(tmp_path)
    _check(d, tmp_path / "a.json")
    counted.clear()
    only = _check(d, tmp_path / "b.json", "--select", "NC2")
    assert len(counted) == 5
    assert {f["rule"][:3] for r in only["reports"] for f in r["findings"]} <= {"NC2"}


def test_an_unwritable_cache_folder_is_no_error(tmp_path, counted, monkeypatch):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NARRCHECK_CACHE_DIR", str(blocker / "cache"))
    d = _folder(tmp_path)
    first = _check(d, tmp_path / "a.json")
    second = _check(d, tmp_path / "b.json")
    assert len(counted) == 10 and first == second                  # checked both times, nothing saved
