"""Old and open office formats through LibreOffice: .doc/.wps/.odt → .docx,
.ods (and .xls when xlrd cannot read it) → .xlsx.

The input is never touched: it is copied into a private temporary folder,
converted there by ``soffice --headless`` with a throw-away user profile (so a
running LibreOffice or a broken profile does not interfere) and a time limit,
and the converted copy is read by the .docx/.xlsx reader.  Without ``soffice``
a NeedsLibreOffice error says how to install it.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile

from .. import errors

TIMEOUT = float(os.environ.get("NARRCHECK_SOFFICE_TIMEOUT", "120"))

WHAT = {
    ".doc": "旧版 Word 97-2003（.doc）文件",
    ".wps": "WPS 文字（.wps）文件",
    ".odt": "OpenDocument 文本（.odt）文件",
    ".ods": "OpenDocument 表格（.ods）文件",
    ".xls": "旧版 Excel 97-2003（.xls）文件",
    ".rtf": "RTF 文件",
}


_PROFILE: str | None = None


def _profile_dir() -> str:
    """A throw-away LibreOffice user profile for this process (created on first
    use, removed at exit): the first conversion pays for setting it up, the
    next ones reuse it.  Never the user's own profile."""
    global _PROFILE
    if _PROFILE is None or not os.path.isdir(_PROFILE):
        import atexit

        _PROFILE = tempfile.mkdtemp(prefix="narrcheck-lo-profile-")
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    return None


def convert(path: str, target: str, kind: str) -> tuple[str, str]:
    """Convert ``path`` to ``target`` ("docx" or "xlsx") in a new temporary
    folder; returns (converted file, temporary folder to remove)."""
    what = WHAT.get(kind, f"{kind} 文件")
    soffice = find_soffice()
    if soffice is None:
        raise errors.NeedsLibreOffice(path, what)
    tmp = tempfile.mkdtemp(prefix="narrcheck-lo-")
    try:
        src_dir = os.path.join(tmp, "in")
        out_dir = os.path.join(tmp, "out")
        os.makedirs(src_dir)
        os.makedirs(out_dir)
        src = os.path.join(src_dir, "input" + kind)
        shutil.copyfile(path, src)
        env = dict(os.environ)
        env["HOME"] = os.path.join(tmp, "home")
        profile = "file://" + _profile_dir()
        filt = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc Office Open XML"}[target]
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--nodefault", "--nofirststartwizard", "--convert-to", filt, "--outdir", out_dir, src]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                    cwd=tmp, start_new_session=True)
        except OSError as exc:
            raise errors.NeedsLibreOffice(path, what) from exc
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            try:
                os.killpg(proc.pid, signal.SIGKILL)   # only the group this call started
            except OSError:
                pass
            proc.communicate()
            raise errors.ConversionFailed(path, f"超过 {int(TIMEOUT)} 秒未完成", what=what) from exc
        out = os.path.join(out_dir, "input." + target)
        if not os.path.exists(out) or os.path.getsize(out) == 0:
            msg = (err or b"").decode("utf-8", "replace").strip().splitlines()
            msg = [m for m in msg if "javaldx" not in m and m.strip()]
            detail = "文件无法打开，可能已损坏或加密" if not msg else msg[-1][:80]
            raise errors.ConversionFailed(path, detail, what=what)
        return out, tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_converted(path: str, kind: str):
    """Read a .doc/.wps/.odt/.rtf (→ .docx) or .ods/.xls (→ .xlsx) file."""
    target = "xlsx" if kind in (".ods", ".xls") else "docx"
    out, tmp = convert(path, target, kind)
    try:
        if target == "docx":
            from .docx import read_docx

            try:
                doc = read_docx(out)
            except Exception as exc:  # noqa: BLE001 - a conversion that produced junk
                raise errors.ConversionFailed(path, f"转换结果无法读取：{type(exc).__name__}",
                                              what=WHAT.get(kind, "")) from exc
        else:
            from .xlsx import read_xlsx

            try:
                doc = read_xlsx(out)
            except errors.InputError as exc:   # name the user's file, not the temporary copy
                raise type(exc)(path, exc.detail) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    doc.path = path
    doc.reader = f"{kind.lstrip('.')}→{target} (LibreOffice)"
    doc.notes.insert(0, f"converted with LibreOffice ({find_soffice()}) from {kind} to .{target}")
    return doc
