"""Readers: bytes → Document.  The reader is picked by sniffing the content,
not by the extension alone (a .doc renamed .docx, a text file named .docx)."""
from __future__ import annotations

import os
import zipfile

from .. import errors
from ..model import Document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_BYTES = 200 * 1024 * 1024  # 200 MB: beyond this a report is not a report
HEAD_BYTES = 2048
# zip packages (.docx, .xlsx, .odt): checked from the central directory before any part is inflated;
# zipfile never inflates a member beyond its declared size (the CRC check fails), so the declared
# sizes bound the work.
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_MEMBER = 256 * 1024 * 1024       # one inflated part
ZIP_MAX_TOTAL = 1024 * 1024 * 1024       # all parts inflated
ZIP_MAX_RATIO = 200                      # inflated / compressed, for parts over 1 MB
# characters kept per paragraph and per table cell; the rest is cut, with a note
MAX_PARAGRAPH_CHARS = 20_000
MAX_CELL_CHARS = 10_000
MAX_TABLE_NESTING = 20

REPORT_SUFFIXES = {".docx", ".txt", ".text", ".docm",
                   ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".xlsx", ".xlsm", ".xls",
                   ".doc", ".wps", ".odt", ".ods", ".rtf"}

_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<table", b"<div", b"<p>",
               b"<p ", b"<style", b"<script", b"<link")
_ODF = {b"application/vnd.oasis.opendocument.text": "odt",
        b"application/vnd.oasis.opendocument.spreadsheet": "ods"}


def _looks_html(path: str, head: bytes) -> bool:
    h = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if h[:2] in (b"\xff\xfe", b"\xfe\xff"):       # UTF-16: decode the head to look
        try:
            h = head.decode("utf-16").encode("utf-8", "replace").lstrip()
        except UnicodeDecodeError:
            return False
    low = h[:HEAD_BYTES].lower()
    while low.startswith(b"<!--"):
        end = low.find(b"-->")
        if end < 0:
            break
        low = low[end + 3:].lstrip()
    if low.startswith(b"<?xml"):
        low = low[low.find(b"?>") + 2:].lstrip() if b"?>" in low else low
    if low.startswith(_HTML_START[:6]):
        return True
    ext = os.path.splitext(path)[1].lower()
    return ext in (".html", ".htm", ".shtml", ".xhtml") and low.startswith(_HTML_START)


def check_package(path: str) -> None:
    """errors.ZipBomb when a zip package's parts would inflate beyond the limits."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return          # sniff() reports the corrupt package
    mb = 1024 * 1024
    if len(infos) > ZIP_MAX_MEMBERS:
        raise errors.ZipBomb(path, f"压缩包含 {len(infos)} 个部件，上限 {ZIP_MAX_MEMBERS}")
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > ZIP_MAX_MEMBER:
            raise errors.ZipBomb(path, f"部件 {i.filename[:80]!r} 解压后 {i.file_size // mb} MB，"
                                       f"上限 {ZIP_MAX_MEMBER // mb} MB")
        if i.file_size > mb and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
            raise errors.ZipBomb(path, f"部件 {i.filename[:80]!r} 压缩比 {i.file_size // max(i.compress_size, 1)}:1，"
                                       f"上限 {ZIP_MAX_RATIO}:1")
    if total > ZIP_MAX_TOTAL:
        raise errors.ZipBomb(path, f"解压后共 {total // mb} MB，上限 {ZIP_MAX_TOTAL // mb} MB")


def bound_document(doc: Document) -> Document:
    """Cut paragraphs and cells longer than the limits (a note says so); errors.TooDeep when
    tables nest deeper than MAX_TABLE_NESTING."""
    from ..model import Paragraph, Table

    cut_p = cut_c = 0

    def cells(t: Table, depth: int):
        nonlocal cut_c
        if depth > MAX_TABLE_NESTING:
            raise errors.TooDeep(doc.path, f"表格嵌套超过 {MAX_TABLE_NESTING} 层")
        for c in t.cells():
            if len(c.text) > MAX_CELL_CHARS:
                c.text = c.text[:MAX_CELL_CHARS]
                cut_c += 1
            for inner in c.tables:
                cells(inner, depth + 1)

    for b in doc.blocks:
        if isinstance(b, Paragraph) and len(b.text) > MAX_PARAGRAPH_CHARS:
            b.text = b.text[:MAX_PARAGRAPH_CHARS]
            cut_p += 1
        elif isinstance(b, Table):
            cells(b, 1 + _nesting(doc, b))
    if cut_p:
        doc.limits.append(f"{cut_p} 个段落超过 {MAX_PARAGRAPH_CHARS} 字，只检查了前 {MAX_PARAGRAPH_CHARS} 字")
    if cut_c:
        doc.limits.append(f"{cut_c} 个表格单元格超过 {MAX_CELL_CHARS} 字，只检查了前 {MAX_CELL_CHARS} 字")
    return doc


def _nesting(doc: Document, t) -> int:
    depth, seen = 0, set()
    while getattr(t, "nested_in", None) is not None and id(t) not in seen:
        seen.add(id(t))
        t = doc.blocks[t.nested_in]
        depth += 1
        if depth > MAX_TABLE_NESTING:
            raise errors.TooDeep(doc.path, f"表格嵌套超过 {MAX_TABLE_NESTING} 层")
    return depth


def sniff(path: str, head: bytes) -> str:
    """Return the reader name for a file, or raise InputError:
    "docx", "xlsx", "pdf", "html", "xls", "doc"/"wps"/"odt"/"ods"/"rtf"
    (through LibreOffice) or "text"."""
    ext = os.path.splitext(path)[1].lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                mimetype = z.read("mimetype").strip() if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
            if ext in (".xlsx", ".xlsm"):
                raise errors.CorruptXlsx(path, "压缩包损坏") from exc
            raise errors.CorruptDocx(path, "压缩包损坏") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if mimetype in _ODF:
            return _ODF[mimetype]
        if ext in (".xlsx", ".xlsm"):
            raise errors.CorruptXlsx(path, "压缩包中没有 xl/workbook.xml")
        raise errors.CorruptDocx(path, "压缩包中没有 word/document.xml")
    if head.startswith(OLE_MAGIC):
        with open(path, "rb") as fh:
            blob = fh.read(2 * 1024 * 1024)
        if "EncryptedPackage".encode("utf-16-le") in blob or b"EncryptedPackage" in blob:
            raise errors.Encrypted(path)
        if "WordDocument".encode("utf-16-le") in blob:
            return "wps" if ext == ".wps" else "doc"
        if "Workbook".encode("utf-16-le") in blob or "Book".encode("utf-16-le") in blob:
            return "xls"
        if ext == ".wps":
            return "wps"
        raise errors.Unsupported(path, "OLE 复合文档（可能是 .doc/.xls/.wps）")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if _looks_html(path, head):
        return "html"
    return "text"


def _read_kind(path: str, kind: str) -> Document:
    if kind == "docx":
        from .docx import read_docx

        try:
            return read_docx(path)
        except errors.InputError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise errors.CorruptDocx(path, type(exc).__name__) from exc
        except Exception as exc:  # lxml XMLSyntaxError and friends
            if type(exc).__name__ in {"XMLSyntaxError", "PackageNotFoundError"}:
                raise errors.CorruptDocx(path, "XML 内容损坏") from exc
            raise
    if kind == "html":
        from .html import read_html

        return read_html(path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "xls":
        from .xlsx import read_xls

        return read_xls(path)
    if kind in ("doc", "wps", "odt", "ods", "rtf"):
        from .convert import read_converted

        return read_converted(path, "." + kind)
    from .text import decode_bytes, parse_text

    with open(path, "rb") as fh:
        data = fh.read()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise errors.Unsupported(path, "二进制文件，不是文本或 .docx")
    try:
        text = decode_bytes(data)
    except UnicodeDecodeError as exc:
        raise errors.BadEncoding(path) from exc
    return parse_text(text, path=path)


def read(path: str | os.PathLike) -> Document:
    path = str(path)
    if not os.path.exists(path):
        raise errors.NotFound(path)
    size = os.path.getsize(path)
    if size == 0:
        raise errors.EmptyFile(path)
    if size > MAX_BYTES:
        raise errors.TooLarge(path, f"{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(b"PK\x03\x04"):
        check_package(path)
    kind = sniff(path, head)
    try:
        doc = bound_document(_read_kind(path, kind))
    except RecursionError as exc:
        raise errors.TooDeep(path, "XML 结构嵌套过深") from exc
    if not any((getattr(b, "text", "") or "").strip() or getattr(b, "rows", None) for b in doc.blocks):
        raise errors.NotAReport(path)
    return doc


def collect(paths: list[str]) -> tuple[list[str], list[errors.InputError]]:
    """Expand folders recursively into report files; missing paths become errors."""
    files: list[str] = []
    problems: list[errors.InputError] = []
    for p in paths:
        p = str(p)
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if n.startswith((".", "~$")):
                        continue
                    if os.path.splitext(n)[1].lower() in REPORT_SUFFIXES:
                        found.append(os.path.join(root, n))
            if not found:
                problems.append(errors.NoReportsAnyFormat(p))
            files.extend(found)
        elif os.path.exists(p):
            files.append(p)
        else:
            problems.append(errors.NotFound(p))
    return files, problems
