"""Every file narrcheck writes goes through here.

Two promises (README "保证与限制"):

* an input file is never written: an output path that resolves (symlinks,
  hard links: same device and inode) to a file being read is refused, even
  with ``--force``;
* an existing file that narrcheck did not write is never replaced silently:
  narrcheck recognises its own outputs by a marker it writes into each of
  them (an HTML ``<meta name="generator">``, the JSON ``"tool"`` key, a
  custom property of a .docx, a core property of a .xlsx, a footer line of a
  text file, an XML comment); anything else needs ``--force``.

Writes go to a temporary file in the destination folder and are moved into
place with ``os.replace``, so a crash never leaves half a file behind, and a
file is only replaced once its replacement is complete.  Nothing here relies
on permission bits (root may write anything).
"""
from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile

MARK = "narrcheck-output"
TEXT_FOOTER = "（本文件由 narrcheck 生成）"
# byte strings whose presence in the head (or tail) of a file marks it as written by narrcheck
_SIGNATURES = (MARK.encode(), b'<meta name="generator" content="narrcheck', b'"tool": {"name": "narrcheck"',
               b'"tool": "narrcheck"', TEXT_FOOTER.encode("utf-8"), b"path,report_specificity,report_grade,")
_ZIP_PARTS = ("docProps/custom.xml", "docProps/core.xml")


class OutputRefused(Exception):
    """An output path narrcheck will not write.  ``message`` is one Chinese line."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def quote(path) -> str:
    """A path for a one-line message: control characters (newlines, tabs, ESC…) escaped."""
    s = str(path)
    if not any(ord(c) < 32 or ord(c) == 127 or 0x80 <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in s):
        return s
    return "".join(c.encode("unicode_escape").decode("ascii")
                   if ord(c) < 32 or ord(c) == 127 or 0x80 <= ord(c) < 0xA0 or c in "\u2028\u2029" else c
                   for c in s)


def is_ours(path: str) -> bool:
    """Whether an existing file carries narrcheck's output marker."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(8192)
            if head.startswith(b"PK\x03\x04"):
                return _zip_marked(path)
            if any(s in head for s in _SIGNATURES):
                return True
            fh.seek(max(0, size - 4096))
            tail = fh.read(4096)
    except OSError:
        return False
    return any(s in tail for s in _SIGNATURES)


def _zip_marked(path: str) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            for name in _ZIP_PARTS:
                try:
                    info = z.getinfo(name)
                except KeyError:
                    continue
                if info.file_size < 1_000_000 and MARK.encode() in z.read(name):
                    return True
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False
    return False


class OutputPlan:
    """Decides which output paths may be written for one run.

    ``inputs``: the files being read.  ``claim(path)`` returns the path to
    write (symlinks resolved) or raises OutputRefused."""

    def __init__(self, inputs=(), force: bool = False):
        self.force = force
        self._inputs: dict[tuple[int, int], str] = {}
        for p in inputs:
            try:
                st = os.stat(p)
            except OSError:
                continue
            self._inputs[(st.st_dev, st.st_ino)] = str(p)
        self.claimed: set[str] = set()

    def input_of(self, path: str) -> str | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return self._inputs.get((st.st_dev, st.st_ino))

    def claim(self, path, what: str = "输出文件") -> str:
        path = str(path)
        real = os.path.realpath(path)
        if os.path.isdir(real):
            raise OutputRefused(f"{quote(path)}：{what}的位置是一个文件夹，请给出文件名")
        src = self.input_of(real)
        if src is not None:
            same = "" if os.path.realpath(src) == real else f"（与输入 {quote(src)} 是同一个文件）"
            raise OutputRefused(f"{quote(path)}：这是要检查的输入文件{same}，narrcheck 从不改写输入文件，请换一个{what}路径")
        if os.path.lexists(real) and not self.force and real not in self.claimed and not is_ours(real):
            raise OutputRefused(f"{quote(path)}：文件已存在且不是 narrcheck 生成的，为避免覆盖已拒绝写入"
                                f"（换一个{what}路径，或确认可以覆盖后加 --force）")
        self.claimed.add(real)
        return real

    def claim_dir(self, path, what: str = "输出文件夹") -> str:
        path = str(path)
        real = os.path.realpath(path)
        if os.path.exists(real) and not os.path.isdir(real):
            raise OutputRefused(f"{quote(path)}：{what}应为文件夹，但这是一个文件")
        return real


# ---------------------------------------------------------------- atomic writes
def _tmp_path(path: str) -> str:
    d = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path)[:60] + ".", suffix=".narrcheck-tmp", dir=d)
    os.close(fd)
    return tmp


def _finish(tmp: str, path: str) -> None:
    try:
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else None
    except OSError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)
    os.replace(tmp, path)


@contextlib.contextmanager
def atomic_open(path: str, mode: str = "w", encoding: str | None = "utf-8"):
    """Open a temporary file next to ``path``; on success it replaces ``path``."""
    path = str(path)
    tmp = _tmp_path(path)
    try:
        with open(tmp, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
        _finish(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def write_text(path: str, text: str) -> str:
    with atomic_open(path) as fh:
        fh.write(text)
    return str(path)


def save_with(path: str, save) -> str:
    """``save(tmp_path)`` writes the file (python-docx, openpyxl); then it is moved into place."""
    path = str(path)
    tmp = _tmp_path(path)
    try:
        save(tmp)
        _finish(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    return path


class StreamOut:
    """A text stream to ``path`` written through a temporary file; ``commit()``
    moves it into place, ``abort()`` throws it away."""

    def __init__(self, path: str):
        self.path = str(path)
        self.tmp = _tmp_path(self.path)
        self.fh = open(self.tmp, "w", encoding="utf-8")

    def write(self, s: str) -> int:
        return self.fh.write(s)

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> str:
        if not self.fh.closed:
            self.fh.close()
            _finish(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        with contextlib.suppress(OSError):
            os.remove(self.tmp)


# ---------------------------------------------------------------- markers inside packages
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def mark_docx(document) -> None:
    """Add the custom property ``narrcheck`` = MARK to a python-docx Document
    (merged into an existing docProps/custom.xml)."""
    from lxml import etree
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    pkg = document.part.package
    part = next((r.target_part for r in pkg.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES
                 and not r.is_external), None)
    root = None
    if part is not None:
        with contextlib.suppress(Exception):
            root = etree.fromstring(part.blob)
    if root is None:
        root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    props = root.findall(f"{{{_CUSTOM_NS}}}property")
    if any(p.get("name") == "narrcheck" for p in props):
        return
    pid = max([int(p.get("pid")) for p in props if (p.get("pid") or "").isdigit()] + [1]) + 1
    prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_FMTID, pid=str(pid), name="narrcheck")
    etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = MARK
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is not None:
        part._blob = blob
    else:
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, pkg)
        pkg.relate_to(part, RT.CUSTOM_PROPERTIES)


def mark_xlsx(workbook) -> None:
    """Mark an openpyxl workbook (core property ``keywords``)."""
    workbook.properties.creator = "narrcheck"
    workbook.properties.keywords = MARK
