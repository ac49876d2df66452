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


def _entries(tmp_path):
    return sorted((tmp_path / "cache" / "results").glob("*/*.pickle"))


def test_the_results_cache_keeps_to_its_size_limit_least_recently_used_first(tmp_path, counted, monkeypatch):
    import os

    from narrcheck.cache import load_result, trim_results

    d = _folder(tmp_path)
    _check(d, tmp_path / "a.json")
    entries = _entries(tmp_path)
    assert len(entries) == 5
    for k, p in enumerate(entries):              # used in this order, entries[0] longest ago
        os.utime(p, ns=(10**18 + k * 10**9, 10**18 + k * 10**9))
    assert load_result(entries[0].stem) is not None          # reused now: the most recent
    size = {p.name: p.stat().st_size for p in entries}
    # a limit that the three most recently used fit in (90% of it), and the five do not
    rest = sum(size.values()) - size[entries[1].name] - size[entries[2].name]
    monkeypatch.setenv("NARRCHECK_RESULTS_CACHE_MB", f"{(rest + 16) / 0.9 / 1024 / 1024:.9f}")
    assert trim_results() == 2
    assert {p.name for p in _entries(tmp_path)} == {entries[0].name, entries[3].name, entries[4].name}
    assert trim_results() == 0                    # under the limit nothing goes


def test_a_run_trims_the_results_cache_to_its_limit(tmp_path, counted, monkeypatch):
    d = _folder(tmp_path)
    monkeypatch.setenv("NARRCHECK_RESULTS_CACHE_MB", "0")
    _check(d, tmp_path / "a.json")
    assert _entries(tmp_path) == []               # a limit of 0 keeps nothing after the run
    monkeypatch.setenv("NARRCHECK_RESULTS_CACHE_MB", "not a number")   # the default (500 MB)
    _check(d, tmp_path / "b.json")
    assert len(_entries(tmp_path)) == 5


def test_a_corrupt_results_entry_is_removed_and_checked_again(tmp_path, counted):
    from narrcheck.cache import load_result

    d = _folder(tmp_path)
    first = _check(d, tmp_path / "a.json")
    entries = _entries(tmp_path)
    entries[0].write_bytes(b"not a zlib stream")
    entries[1].write_bytes(entries[1].read_bytes()[:40])          # truncated
    assert load_result(entries[0].stem) is None and not entries[0].exists()
    counted.clear()
    again = _check(d, tmp_path / "b.json")
    assert len(counted) == 2 and again == first                     # both checked again, same output
    assert len(_entries(tmp_path)) == 5 and all(load_result(p.stem) is not None for p in _entries(tmp_path))
