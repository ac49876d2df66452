"""Chinese for what click and typer print themselves: help panels, usage lines and usage errors.

click and typer mark their messages for gettext (``_``/``ngettext`` bound at
import time in each module) but ship no Chinese catalogue; ``install()`` points
those names at the table below and sets typer's panel titles, so ``narrcheck
--help`` and ``narrcheck check --foo`` read in Chinese.  Messages not in the
table stay as they are.
"""
from __future__ import annotations

ZH = {
    "Usage:": "用法：",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Error": "错误",
    "Error: {message}": "错误：{message}",
    "Aborted!": "已中断",
    "Aborted.": "已中断",
    "Show this message and exit.": "显示本帮助并退出",
    "Show the version and exit.": "显示版本号并退出",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令（运行 narrcheck --help 查看全部命令）",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}（运行 narrcheck --help 查看全部命令）。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带取值。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个取值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个取值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Invalid value: {message}": "取值无效：{message}",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件", "directory": "文件夹", "path": "路径", "integer": "整数", "float": "数字",
    "default: {default}": "默认：{default}",
    "[default: {}]": "[默认：{}]",
    "required": "必填",
    "[required]": "[必填]",
    "env var: {var}": "环境变量：{var}",
    "[env var: {}]": "[环境变量：{}]",
    "(deprecated) ": "（已弃用）",
    "deprecated": "已弃用",
}


# typer ≥ 0.20 carries its own copy of click (typer._click) whose messages are plain English strings:
# they are translated after formatting, by pattern
import re  # noqa: E402

PATTERNS = [
    (r"No such option: (\S+)", r"没有选项 \1"),
    (r"\(Possible options: (.*?)\)", r"（可用的选项：\1）"),
    (r"No such command '(.+?)'\.?", r"没有命令 '\1'（运行 narrcheck --help 查看全部命令）"),
    (r"\.? ?Did you mean (.+?)\?", r"；是不是 \1？"),
    (r"Missing argument '(.+?)'\.", r"缺少参数 '\1'。"),
    (r"Missing option '(.+?)'\.", r"缺少选项 '\1'。"),
    (r"Missing parameter: (\S+)", r"缺少参数：\1"),
    (r"Missing command\.", r"缺少命令（运行 narrcheck --help 查看全部命令）。"),
    (r"Invalid value for (.+?): (?:Value error, )?", r"\1 的取值无效："),
    (r"Invalid value: ", r"取值无效："),
    (r"'(.+?)' is not one of (.+?)\.", r"'\1' 不是可选的取值（\2）。"),
    (r"'(.+?)' is not a valid (integer|float)\.?", lambda m: f"'{m.group(1)}' 不是有效的"
                                                       f"{'整数' if m.group(2) == 'integer' else '数字'}。"),
    (r"Got unexpected extra arguments? \((.*?)\)", r"多余的参数（\1）"),
    (r"Option '(.+?)' requires an argument\.", r"选项 '\1' 需要一个取值。"),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"选项 '\1' 需要 \2 个取值。"),
    (r"Option '(.+?)' does not take a value\.", r"选项 '\1' 不带取值。"),
    (r"(?:Path|File|Directory) '(.+?)' does not exist\.", r"路径 '\1' 不存在。"),
    (r"(?:Path|File|Directory) '(.+?)' is a directory\.", r"'\1' 是文件夹。"),
    (r"(?:Path|File|Directory) '(.+?)' is a file\.", r"'\1' 是文件。"),
    (r"Input should be a valid integer[^│\n]*", r"应为整数"),
    (r"Input should be a valid number[^│\n]*", r"应为数字"),
    (r"[。.]+；", r"；"),
]


def translate(message: str) -> str:
    """A formatted click/typer message in Chinese (parts it does not know stay as they are)."""
    out = message
    for rx, rep in PATTERNS:
        out = re.sub(rx, rep, out)
    return out


def _t(message: str) -> str:
    return ZH.get(message, message)


def _nt(singular: str, plural: str, n: int) -> str:
    msg = singular if n == 1 else plural
    return ZH.get(msg, msg)


_DONE = False
_GETTEXT_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.decorators",
                    "click.formatting", "click.termui", "click.utils", "typer.core", "typer.main", "typer.rich_utils")
_PENDING: dict = {}   # module name -> patch, for modules not imported yet


def install() -> None:
    """Translate click's and typer's own messages (idempotent).

    A module already imported is patched now; the others (typer's rich help
    formatting pulls in rich.markdown, pygments…; the stand-alone click that
    typer ≥ 0.20 no longer uses) are patched when something imports them
    (:class:`_PatchOnImport`), so a plain ``narrcheck check`` does not import
    them just to translate messages it never prints (about 50 ms of a start)."""
    global _DONE
    if _DONE:
        return
    import sys

    patches: dict = {name: _patch_gettext for name in _GETTEXT_MODULES}
    patches["typer.rich_utils"] = _patch_rich_utils
    patches["typer._click.decorators"] = _patch_help_option
    patches["typer._click.formatting"] = _patch_usage
    patches["typer._click.exceptions"] = _patch_exceptions
    for name, patch in patches.items():
        mod = sys.modules.get(name)
        if mod is not None:
            patch(mod)
        else:
            _PENDING[name] = patch
    if _PENDING and not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())
    _DONE = True


class _PatchOnImport:
    """A meta-path finder for the modules of ``_PENDING`` only: the module is
    found and loaded as usual, then patched before the importer sees it."""

    def find_spec(self, name, path=None, target=None):
        if name not in _PENDING:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        spec.loader = _PatchingLoader(spec.loader, _PENDING.pop(name))
        return spec

    def invalidate_caches(self):
        pass


class _PatchingLoader:
    def __init__(self, loader, patch):
        self.loader, self.patch = loader, patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        self.patch(module)

    def __getattr__(self, name):   # get_source, is_package, … of the real loader
        return getattr(self.loader, name)


def _patch_gettext(mod) -> None:
    if hasattr(mod, "_"):
        mod._ = _t
    if hasattr(mod, "ngettext"):
        mod.ngettext = _nt


def _patch_rich_utils(ru) -> None:
    _patch_gettext(ru)
    for const in ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
                  "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                  "ABORTED_TEXT", "RICH_HELP"):
        if hasattr(ru, const):
            setattr(ru, const, _t(getattr(ru, const)))
    # the usage line's highlighter looks for "Usage: "
    hl = getattr(ru, "highlighter", None)
    if hl is not None and isinstance(getattr(hl, "highlights", None), list):
        hl.highlights = [h.replace("Usage: ", "用法：") for h in hl.highlights]


def _patch_help_option(deco) -> None:
    orig_help = deco.help_option

    def help_option(param_decls):
        inner = orig_help(param_decls)

        def apply(f):
            f = inner(f)
            f.params[-1].help = "显示本帮助并退出"
            return f
        return apply

    deco.help_option = help_option


def _patch_usage(fmt) -> None:
    orig_usage = fmt.HelpFormatter.write_usage

    def write_usage(self, prog, args="", prefix=None):
        return orig_usage(self, prog, args, "用法：" if prefix is None else prefix)

    fmt.HelpFormatter.write_usage = write_usage


def _patch_exceptions(exc) -> None:
    for cls in list(vars(exc).values()):
        if isinstance(cls, type) and "format_message" in vars(cls):
            orig = cls.format_message

            def format_message(self, _orig=orig):
                return translate(_orig(self))

            cls.format_message = format_message
