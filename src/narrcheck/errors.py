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


class ZipBomb(InputError):
    code = "zip-bomb"
    template = "疑似压缩炸弹/文件过大，已拒绝读取"


class TooDeep(InputError):
    code = "too-deep"
    template = "文件结构嵌套过深，无法读取，请在 Word/WPS 中另存后重试"


class NotAReport(InputError):
    code = "not-a-report"
    template = "未在文件中找到文字内容"


# --- formats (issue 8): HTML, PDF, Excel, LibreOffice conversion -------------

INSTALL_LIBREOFFICE = "apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc"


class HtmlNoReport(InputError):
    code = "html-no-report"
    template = "网页中没有找到报告正文或表格（可能是栏目页、附件下载页或需脚本加载的页面），请打开附件或另存完整网页后重试"


class CorruptPdf(InputError):
    code = "corrupt-pdf"
    template = "PDF 文件已损坏或不完整（可能下载中断），请重新下载或另存后重试"


class ScannedPdf(InputError):
    code = "scanned-pdf"
    template = "PDF 没有文字层（扫描件或图片），narrcheck 不支持 OCR，请提供 .docx 或可复制文字的 PDF"


class NoForm(InputError):
    code = "no-form"
    template = "Excel 工作簿中没有找到绩效自评表（未识别出指标、资金或目标表头）"


class CorruptXlsx(InputError):
    code = "corrupt-xlsx"
    template = "不是有效的 Excel 工作簿，文件已损坏，请在 Excel/WPS 中另存为 .xlsx 后重试"


class NeedsLibreOffice(InputError):
    """A format that is read through LibreOffice when ``soffice`` is missing.
    ``detail`` names the format, e.g. "旧版 Word 97-2003（.doc）文件"."""

    code = "needs-libreoffice"
    template = ("需要 LibreOffice 才能读取，未找到 soffice 命令；请安装 LibreOffice"
                f"（Debian/Ubuntu：{INSTALL_LIBREOFFICE}），或在 Word/WPS 中另存为 .docx 后重试")

    @property
    def message(self) -> str:
        what = f"这是{self.detail}，" if self.detail else ""
        return f"{self.path}：{what}{self.template}"


class ConversionFailed(InputError):
    code = "conversion-failed"
    template = "LibreOffice 转换失败，请在 Word/WPS 中另存为 .docx 后重试"

    def __init__(self, path: str, detail: str = "", what: str = ""):
        self.what = what
        super().__init__(path, detail)

    @property
    def message(self) -> str:
        what = f"这是{self.what}，" if self.what else ""
        extra = f"（{self.detail}）" if self.detail else ""
        return f"{self.path}：{what}{self.template}{extra}"


class NoReportsAnyFormat(NoReports):
    template = "文件夹中没有可检查的报告（支持 .docx、.txt、.html、.pdf、.xlsx/.xls、.doc/.wps/.odt）"
