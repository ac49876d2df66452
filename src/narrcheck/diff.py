"""``narrcheck diff 初稿 修改稿``: which findings a revision fixed, which are still open, which are new,
and the text that changed between the two drafts.

Findings are matched by their fingerprint (``decisions.fingerprint``), so a
finding whose passage moved (a paragraph inserted above it) is still the same
finding.  Each draft is checked on its own: the two drafts are not a batch
(batch-scope rules would report the whole revision as copied from the draft).
The changed text is a block-level diff of the two documents: paragraphs and
table rows (cells joined by `` | ``), with the changed characters marked.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass
class Change:
    kind: str              # "replace" | "insert" | "delete"
    old: str = ""
    new: str = ""
    where: str = ""        # where the change is in the revision (or in the draft for a deletion)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "old": self.old, "new": self.new, "where": self.where}


@dataclass
class Comparison:
    old: object            # api.ReportResult of the draft
    new: object            # api.ReportResult of the revision
    fixed: list = field(default_factory=list)     # draft findings gone from the revision
    still: list = field(default_factory=list)     # revision findings already in the draft
    added: list = field(default_factory=list)     # revision findings not in the draft
    decided: list = field(default_factory=list)   # revision findings hidden by --baseline decisions
    changes: list[Change] = field(default_factory=list)

    def to_dict(self) -> dict:
        from . import __version__

        def side(r):
            return {"path": r.path, "meta": r.report.meta.to_dict()}

        return {"tool": {"name": "narrcheck", "version": __version__}, "old": side(self.old), "new": side(self.new),
                "counts": {"fixed": len(self.fixed), "still_open": len(self.still), "new": len(self.added),
                           "decided": len(self.decided), "changed_passages": len(self.changes)},
                "fixed": [f.to_dict() for f in self.fixed], "still_open": [f.to_dict() for f in self.still],
                "new": [f.to_dict() for f in self.added], "decided": [f.to_dict() for f in self.decided],
                "changes": [c.to_dict() for c in self.changes]}


def _lines(doc) -> list[tuple[str, str]]:
    """(text, where) per paragraph and per table row of a Document."""
    from .model import Paragraph, Table

    out, para = [], 0
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if b.text.strip():
                para += 1
                out.append((" ".join(b.text.split()), f"第{para}段"))
        elif isinstance(b, Table):
            for r, row in enumerate(b.rows):
                cells = [" ".join(c.text.split()) for c in row]
                if any(cells):
                    out.append((" | ".join(cells), f"表{b.number + 1} 第{r + 1}行"))
    return out


def text_changes(old_doc, new_doc, limit: int | None = None) -> list[Change]:
    a, b = _lines(old_doc), _lines(new_doc)
    sm = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        if op == "replace":
            # pair lines one to one where they are similar, the rest are insertions/deletions
            n = min(len(olds), len(news))
            for k in range(n):
                out.append(Change("replace", olds[k][0], news[k][0], news[k][1]))
            for t, w in olds[n:]:
                out.append(Change("delete", t, "", "初稿" + w))
            for t, w in news[n:]:
                out.append(Change("insert", "", t, w))
        elif op == "delete":
            out.extend(Change("delete", t, "", "初稿" + w) for t, w in olds)
        else:
            out.extend(Change("insert", "", t, w) for t, w in news)
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


def _trim(pieces: list[tuple[str, bool]], context: int) -> list[tuple[str, bool]]:
    """Shorten unchanged stretches to ``context`` characters on each side of a change."""
    out = []
    last = len(pieces) - 1
    for i, (p, ch) in enumerate(pieces):
        if not ch and len(p) > 2 * context + 1:
            head = p[:context] if i > 0 else ""
            tail = p[-context:] if i < last else ""
            p = (head + "…" + tail) if (head or tail) else "…"
        out.append((p, ch))
    return out


def marked(old: str, new: str, context: int | None = 20) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Character-level diff of one changed passage: ``[(piece, changed)]`` for the old and the new text,
    unchanged stretches cut to ``context`` characters around each change (None: whole text)."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    o, n = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if i2 > i1:
            o.append((old[i1:i2], op != "equal"))
        if j2 > j1:
            n.append((new[j1:j2], op != "equal"))
    if context is None:
        return o, n
    return _trim(o, context), _trim(n, context)


def compare(old_path: str, new_path: str, config=None) -> Comparison:
    """Check both drafts (each on its own) and compare them.  Raises errors.InputError on a bad file."""
    from .api import check_paths

    sides = []
    for p in (old_path, new_path):
        batch = check_paths([p], config)
        if batch.failures:
            raise batch.failures[0]
        sides.append(batch.ok[0])
    old, new = sides
    old_fps = {f.fingerprint for f in old.findings} | {f.fingerprint for f in old.decided}
    new_fps = {f.fingerprint for f in new.findings} | {f.fingerprint for f in new.decided}
    cmp = Comparison(old=old, new=new)
    cmp.fixed = [f for f in old.findings + old.decided if f.fingerprint not in new_fps]
    for f in new.findings:
        (cmp.still if f.fingerprint in old_fps else cmp.added).append(f)
    cmp.decided = list(new.decided)
    cmp.changes = text_changes(old.report.document, new.report.document)
    return cmp


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def render_text(cmp: Comparison, console=None, max_changes: int = 60) -> None:
    from rich.console import Console
    from rich.markup import escape

    from .findings import SEVERITY_RANK
    from .render.common import location_text
    from .render.text import CAT_ZH, SEV_STYLE, SEV_ZH

    console = console or Console(highlight=False)
    console.print(f"[bold]初稿[/bold]：{escape(cmp.old.path)}\n[bold]修改稿[/bold]：{escape(cmp.new.path)}")
    console.print(f"已修改 {len(cmp.fixed)} 条，仍存在 {len(cmp.still)} 条，新增 {len(cmp.added)} 条"
                  + (f"，已决定不再列出 {len(cmp.decided)} 条" if cmp.decided else "")
                  + f"；改动的文字 {len(cmp.changes)} 处\n")

    def group(title, fs, style):
        console.print(f"[bold {style}]{title}（{len(fs)}）[/]")
        if not fs:
            console.print("  无")
        for f in sorted(fs, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key())):
            t = f.text if len(f.text) <= 60 else f.text[:58] + "…"
            console.print(f"  [{SEV_STYLE[f.severity]}]{SEV_ZH[f.severity]}[/] [dim]{f.rule}[/] "
                          f"[{CAT_ZH.get(f.category, f.category)}] {escape(f.message)}")
            console.print(f"      位置：{escape(location_text(f.location))}" + (f"　原文：{escape(t)}" if t else ""))
        console.print()

    group("新增的问题", cmp.added, "red")
    group("已修改的问题", cmp.fixed, "green")
    console.print(f"[bold yellow]仍存在的问题（{len(cmp.still)}）[/]")
    if not cmp.still:
        console.print("  无")
    for f in sorted(cmp.still, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key())):
        console.print(f"  [{SEV_STYLE[f.severity]}]{SEV_ZH[f.severity]}[/] [dim]{f.rule}[/] "
                      f"{escape(location_text(f.location))}：{escape(_short(f.message, 50))}")
    console.print()
    console.print(f"[bold]改动的文字（{len(cmp.changes)}）[/]")
    if not cmp.changes:
        console.print("  无")

    def show(pieces, style):
        return "".join(f"[{style}]{escape(p)}[/]" if ch else escape(p) for p, ch in pieces)

    for c in cmp.changes[:max_changes]:
        if c.kind == "replace":
            o, n = marked(c.old, c.new)
            console.print(f"  ～ {escape(c.where)}")
            console.print(f"      原：{show(o, 'strike red')}", soft_wrap=True)
            console.print(f"      改：{show(n, 'bold green')}", soft_wrap=True)
        elif c.kind == "insert":
            console.print(f"  ＋ {escape(c.where)}：[green]{escape(c.new)}[/]", soft_wrap=True)
        else:
            console.print(f"  － {escape(c.where)}：[red]{escape(c.old)}[/]", soft_wrap=True)
    if len(cmp.changes) > max_changes:
        console.print(f"  ……另有 {len(cmp.changes) - max_changes} 处改动（--format json 列出全部）")


__all__ = ["Change", "Comparison", "compare", "text_changes", "marked", "render_text"]
