"""Readers: bytes → Document.  The reader is picked by sniffing the content,
not by the extension alone (a .doc renamed .docx, a text file named .docx)."""
from __future__ import annotations

import os
import zipfile

from .. import errors
from ..model import Document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_BYTES = 200 * 1024 * 1024  # 200 MB: beyond this a report is not a report

REPORT_SUFFIXES = {".docx", ".txt", ".text", ".docm"}


def sniff(path: str, head: bytes) -> str:
    """Return the reader name for a file: "docx", "text", or raise InputError."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise errors.CorruptDocx(path, "压缩包损坏") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            raise errors.Unsupported(path, "Excel 工作簿暂不支持，请导出为 .docx")
        raise errors.CorruptDocx(path, "压缩包中没有 word/document.xml")
    if head.startswith(OLE_MAGIC):
        with open(path, "rb") as fh:
            blob = fh.read(2 * 1024 * 1024)
        if "EncryptedPackage".encode("utf-16-le") in blob or b"EncryptedPackage" in blob:
            raise errors.Encrypted(path)
        if "WordDocument".encode("utf-16-le") in blob:
            raise errors.OldDoc(path)
        raise errors.Unsupported(path, "OLE 复合文档（可能是 .doc/.xls/.wps）")
    if head.startswith(b"%PDF"):
        raise errors.Unsupported(path, "PDF 暂不支持，请提供 .docx 或其文本导出")
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise errors.Unsupported(path, "HTML 暂不支持，请提供 .docx 或其文本导出")
    return "text"


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
        head = fh.read(64)
    kind = sniff(path, head)
    if kind == "docx":
        from .docx import read_docx

        try:
            doc = read_docx(path)
        except errors.InputError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise errors.CorruptDocx(path, type(exc).__name__) from exc
        except Exception as exc:  # lxml XMLSyntaxError and friends
            if type(exc).__name__ in {"XMLSyntaxError", "PackageNotFoundError"}:
                raise errors.CorruptDocx(path, "XML 内容损坏") from exc
            raise
    else:
        from .text import decode_bytes, parse_text

        with open(path, "rb") as fh:
            data = fh.read()
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise errors.Unsupported(path, "二进制文件，不是文本或 .docx")
        try:
            text = decode_bytes(data)
        except UnicodeDecodeError as exc:
            raise errors.BadEncoding(path) from exc
        doc = parse_text(text, path=path)
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
                problems.append(errors.NoReports(p))
            files.extend(found)
        elif os.path.exists(p):
            files.append(p)
        else:
            problems.append(errors.NotFound(p))
    return files, problems
