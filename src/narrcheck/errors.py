"""Input errors: one Chinese line for the user, an English code for developers."""
from __future__ import annotations


class InputError(Exception):
    """A file narrcheck cannot read.  ``str(err)`` is the one-line Chinese message."""

    code = "input"
    template = "无法读取"

    def __init__(self, path: str, detail: str = ""):
        self.path = str(path)
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        extra = f"（{self.detail}）" if self.detail else ""
        return f"{self.path}：{self.template}{extra}"


class EmptyFile(InputError):
    code = "empty"
    template = "文件为空"


class NotFound(InputError):
    code = "not-found"
    template = "文件或文件夹不存在"


class NoReports(InputError):
    code = "no-reports"
    template = "文件夹中没有可检查的报告（支持 .docx、.txt）"


class CorruptDocx(InputError):
    code = "corrupt-docx"
    template = "不是有效的 .docx 文件，压缩包已损坏或缺少 word/document.xml，请在 Word/WPS 中另存为 .docx 后重试"


class OldDoc(InputError):
    code = "old-doc"
    template = "这是旧版 Word 97-2003（.doc）文件而非 .docx，请在 Word/WPS 中另存为 .docx 后重试"


class Encrypted(InputError):
    code = "encrypted"
    template = "文件已加密（设置了打开密码），请去除密码后另存再检查"


class Unsupported(InputError):
    code = "unsupported"
    template = "暂不支持此文件格式"


class BadEncoding(InputError):
    code = "encoding"
    template = "文本编码无法识别（已尝试 UTF-8 与 GB18030）"


class TooLarge(InputError):
    code = "too-large"
    template = "文件过大，超过上限"


class NotAReport(InputError):
    code = "not-a-report"
    template = "未在文件中找到文字内容"
