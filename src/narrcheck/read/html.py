"""Reader for HTML pages: a report saved from a government portal, or an
HTML export (LibreOffice, Word "save as web page").

* Encoding: BOM, then UTF-8 if the bytes are valid UTF-8, then the charset
  declared in ``<meta>``, then GB18030 (a superset of GB2312/GBK); pages that
  declare one encoding and use another are common on portals.
* Site chrome (navigation, header, footer, sidebars, share bars, scripts) is
  dropped; the article body is the innermost element that still holds most of
  the page's non-link text.  The page title (``<h1>`` above the body) is kept.
* The 信息公开 header block (索引号、发布机构、发文日期 …) is kept as
  ``Paragraph(origin="meta")`` blocks at the start of the document, one per
  label, as ``索引号：…``.
* Tables become grids with rowspan/colspan resolved (the HTML table
  algorithm), the same model the .docx reader builds; layout tables (one row
  or one column wrapping other tables) are unwrapped.
"""
from __future__ import annotations

import re

from .. import errors
from ..model import Cell, Document, Paragraph, Table, number_blocks
from .webclean import clean_blocks

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_GB_ALIASES = {"gb2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "ms936", "gb18030", "euc-cn", "csgb2312",
               "hz-gb-2312", "iso-ir-58", "chinese"}

BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
              "pre", "center", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "address", "figure",
              "figcaption", "hr", "tr", "td", "th", "caption", "form", "fieldset", "body", "html", "table",
              "tbody", "thead", "tfoot", "nav", "aside", "details", "summary"}
DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
             "input", "select", "button", "textarea", "option", "head", "title", "meta", "link", "audio",
             "video", "source"}
CHROME_TAGS = {"nav", "aside", "footer"}
_CHROME_RX = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navi|menu|menus|breadcrumbs?|crumbs?|footer|foot|topbar|top|header|head|"
    r"sidebar|side|share|bdshare|login|search|copyright|friendlinks?|links|toolbar|bottom|banner|print|"
    r"weixin|wechat|qrcode|ewm|position|location|dqwz|sitemap|skip|fontsize|zihao|related|xgwz|xgxx)"
    r"(?:[-_\s\d]|$)", re.I)
_CONTENT_RX = re.compile(r"zoom|trs_editor|ucap-content|article|content|pages_content|detail|main_?text|"
                         r"news_?txt|con_?text|wzy|xxgk_?con|zwgk_?con|view|text", re.I)
META_LABELS = ["索引号", "发布机构", "发文机关", "发文机构", "主题分类", "公开方式", "公开范围", "公开时限",
               "成文日期", "发文日期", "发布日期", "发布时间", "生成日期", "文号", "发文字号", "信息来源", "来源",
               "主题词", "有效性", "信息分类", "组配分类", "体裁分类"]
_META_LABEL_RX = "|".join(sorted(META_LABELS, key=len, reverse=True))
_META_RX = re.compile(rf"(?<![\u4e00-\u9fff])({_META_LABEL_RX})\s*[:：]\s*(.*?)\s*"
                      rf"(?=(?<![\u4e00-\u9fff])(?:{_META_LABEL_RX})\s*[:：]|\s{{2,}}|\n|$)")
_META_TAIL = re.compile(r"\s*(?:浏览次数|浏览量|点击数|点击量|点击率|访问量|访问次数|阅读量|阅读次数|字体|字号|"
                        r"【|\[|打印|关闭窗口|分享)")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_WS_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f\xa0\u200b]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


# --------------------------------------------------------------------------- encoding

def _norm_charset(name: str) -> str:
    n = name.strip().lower()
    if n in _GB_ALIASES:
        return "gb18030"
    if n in ("utf8", "utf-8", "unicode-1-1-utf-8"):
        return "utf-8"
    if n in ("big5", "big5-hkscs", "cn-big5", "x-x-big5"):
        return "big5hkscs"
    return n


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding).  Raises UnicodeDecodeError when nothing fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    declared = _norm_charset(m.group(1).decode("ascii", "replace")) if m else ""
    tried = []
    for enc in [declared, "gb18030", "big5hkscs"]:
        if not enc or enc in tried or enc == "utf-8":
            continue
        tried.append(enc)
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    # last resort: the declared or GB decoding with replacement, if damage is small
    enc = declared if declared and declared != "utf-8" else "gb18030"
    try:
        text = data.decode(enc, errors="replace")
    except LookupError:
        enc, text = "gb18030", data.decode("gb18030", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000):
        return text, enc
    raise UnicodeDecodeError(enc, data[:1], 0, 1, "no encoding fits")


# --------------------------------------------------------------------------- text helpers

def _norm_ws(s: str) -> str:
    s = _WS_BETWEEN_CJK.sub("", s)
    return _WS.sub(" ", s)


def _classid(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _tag(el) -> str:
    t = el.tag
    return t.lower() if isinstance(t, str) else ""


def _text_len(el, skip_links: bool = True) -> int:
    """Non-whitespace characters under ``el``, link text excluded."""
    n = 0
    if el.text and not (skip_links and _tag(el) == "a"):
        n += len(_WS.sub("", el.text))
    for ch in el:
        if not isinstance(ch.tag, str):
            if ch.tail:
                n += len(_WS.sub("", ch.tail))
            continue
        if not (skip_links and _tag(ch) == "a"):
            n += _text_len(ch, skip_links)
        if ch.tail:
            n += len(_WS.sub("", ch.tail))
    return n


# --------------------------------------------------------------------------- walking

class _Walker:
    """Turn an element tree into Paragraph/Table blocks in order."""

    def __init__(self):
        self.blocks: list = []
        self.buf: list[str] = []
        self.style = ""

    def flush(self):
        text = _norm_ws("".join(self.buf)).strip(" ")
        self.buf = []
        if text:
            self.blocks.append(Paragraph(text=text, style=self.style))
        self.style = ""

    def walk(self, el):
        tag = _tag(el)
        if tag in DROP_TAGS:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            if _is_layout_table(el):
                for cell in _table_cells(el):
                    self.walk_children(cell)
                    self.flush()
            else:
                t = table_grid(el)
                if t.rows and any(t.rows):
                    self.blocks.append(t)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if re.fullmatch(r"h[1-6]", tag):
                self.style = f"Heading {tag[1]}"
        self.walk_children(el)
        if block:
            self.flush()

    def walk_children(self, el):
        if el.text:
            self.buf.append(el.text)
        for ch in el:
            if isinstance(ch.tag, str):
                self.walk(ch)
            if ch.tail:
                self.buf.append(ch.tail)


def _rows_of(table) -> list:
    rows = []
    for ch in table:
        t = _tag(ch)
        if t == "tr":
            rows.append(ch)
        elif t in ("thead", "tbody", "tfoot"):
            rows.extend(x for x in ch if _tag(x) == "tr")
    return rows


def _cells_of(tr) -> list:
    return [x for x in tr if _tag(x) in ("td", "th")]


def _table_cells(table) -> list:
    return [c for tr in _rows_of(table) for c in _cells_of(tr)]


def _is_layout_table(table) -> bool:
    rows = _rows_of(table)
    cells = [c for tr in rows for c in _cells_of(tr)]
    if not cells:
        return True
    if len(cells) == 1:
        return True
    nested = any(c.find(".//table") is not None for c in cells)
    if nested:
        width = max(len(_cells_of(tr)) for tr in rows)
        if len(rows) == 1 or width == 1:
            return True
    return False


def cell_text(td) -> tuple[str, list]:
    """Text of a table cell: block children and <br> break lines; nested tables
    are returned separately (as in the .docx reader)."""
    lines: list[str] = []
    buf: list[str] = []
    nested: list = []

    def push():
        lines.append(_norm_ws("".join(buf)).strip(" "))
        buf.clear()

    def walk(el):
        if el.text:
            buf.append(el.text)
        kids = list(el)
        for i, ch in enumerate(kids):
            if isinstance(ch.tag, str):
                t = _tag(ch)
                if t in DROP_TAGS:
                    pass
                elif t == "table":
                    if "".join(buf).strip():
                        push()
                    buf.clear()
                    nested.append(ch)
                elif t == "br":
                    # a trailing <br> in a block (LibreOffice's empty paragraph) adds nothing
                    rest = "".join((ch.tail or "",) + tuple(_inline_text(x) for x in kids[i + 1:]))
                    if rest.strip() or "".join(buf).strip():
                        push()
                elif t in BLOCK_TAGS:
                    if "".join(buf).strip():
                        push()
                    buf.clear()
                    walk(ch)
                    push()
                else:
                    walk(ch)
            if ch.tail:
                buf.append(ch.tail)

    walk(td)
    if "".join(buf).strip():
        push()
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines), nested


def _inline_text(el) -> str:
    if not isinstance(el.tag, str):
        return el.tail or ""
    return "".join(el.itertext()) + (el.tail or "")


def _span(el, name: str) -> int:
    try:
        v = int(re.sub(r"[^\d]", "", el.get(name) or "") or 1)
    except ValueError:
        v = 1
    return v


def table_grid(table) -> Table:
    """HTML table → grid of real cells with spans (rowspan=0 runs to the end)."""
    trs = _rows_of(table)
    nrows = len(trs)
    taken: set[tuple[int, int]] = set()
    rows: list[list[Cell]] = []
    ncols = 0
    for r, tr in enumerate(trs):
        row_cells = []
        c = 0
        for td in _cells_of(tr):
            while (r, c) in taken:
                c += 1
            colspan = min(max(_span(td, "colspan"), 1), 1000)
            rs = _span(td, "rowspan")
            rowspan = nrows - r if rs == 0 else min(max(rs, 1), nrows - r)
            text, nested = cell_text(td)
            cell = Cell(row=r, col=c, text=text, rowspan=rowspan, colspan=colspan)
            cell.tables = [table_grid(t) for t in nested]
            row_cells.append(cell)
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken.add((rr, cc))
            c += colspan
            ncols = max(ncols, c)
        rows.append(row_cells)
    for rc in taken:
        ncols = max(ncols, rc[1] + 1)
    # drop trailing rows that hold nothing (no cell starts there and none is covered)
    while rows and not rows[-1] and not any(rc[0] == len(rows) - 1 for rc in taken):
        rows.pop()
    return Table(rows=rows, ncols=ncols)


# --------------------------------------------------------------------------- page structure

def _drop(el):
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _strip_noise(body) -> None:
    for el in list(body.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:
                _drop(el)  # comments, processing instructions
            continue
        if _tag(el) in DROP_TAGS or _HIDDEN.search(el.get("style") or "") or el.get("hidden") is not None:
            if el.getparent() is not None:
                _drop(el)


def _meta_pairs(text: str) -> list[tuple[str, str]]:
    out = []
    for m in _META_RX.finditer(text):
        val = _META_TAIL.split(m.group(2))[0].strip(" 　")
        if val and len(val) <= 80:
            out.append((m.group(1), val))
    return out


def _lines(el) -> list[str]:
    w = _Walker()
    w.walk(el)
    w.flush()
    out = []
    for b in w.blocks:
        if isinstance(b, Paragraph):
            out.append(b.text)
        else:
            for row in b.rows:
                out.append("  ".join(c.text.replace("\n", " ") for c in row))
    return out


def _is_meta_table(t: Table) -> bool:
    text = " ".join(c.text for c in t.cells())
    labels = {m.group(1) for m in _META_RX.finditer(text)} | {c.text.strip().rstrip("：:") for c in t.cells()
                                                              if c.text.strip().rstrip("：:") in META_LABELS}
    return len(labels) >= 2 and t.nrows <= 8


def _meta_from_table(t: Table) -> list[tuple[str, str]]:
    pairs = []
    for row in t.rows:
        cells = [c.text.strip() for c in row]
        i = 0
        while i < len(cells):
            label = cells[i].rstrip("：: ")
            if label in META_LABELS and i + 1 < len(cells):
                pairs.append((label, cells[i + 1]))
                i += 2
                continue
            pairs.extend(_meta_pairs(cells[i]))
            i += 1
    return pairs


def _is_chrome(el, total: int) -> bool:
    tag = _tag(el)
    if tag in ("body", "html"):
        return False
    if tag in CHROME_TAGS or (tag == "header" and el.find(".//table") is None) or _CHROME_RX.search(_classid(el)):
        # never drop what holds a big share of the page's text
        return _text_len(el) < 0.3 * total
    return False


def _find_article(body, total: int):
    """Innermost element still holding ≥ 80 % of the non-link text; a known
    content container (zoom, TRS_Editor, article …) wins when it is big enough."""
    best = None
    for el in body.iter():
        if not isinstance(el.tag, str) or _tag(el) in ("table", "tr", "td", "th", "tbody"):
            continue
        if _CONTENT_RX.search(_classid(el)) and not _CHROME_RX.search(_classid(el)):
            n = _text_len(el)
            if n >= 0.6 * total and (best is None or n < best[0] or el in best[1].iterancestors()):
                best = (n, el)
    node = body
    while True:
        kids = [k for k in node if isinstance(k.tag, str)]
        nxt = None
        for k in kids:
            if _tag(k) in ("table", "tr", "td", "th", "tbody", "thead") and not _is_layout_table_or_part(k):
                continue
            if _text_len(k) >= 0.8 * total:
                nxt = k
                break
        if nxt is None:
            break
        node = nxt
    if best is not None:
        # the density walk may stop above a content div holding everything
        bel = best[1]
        if node in bel.iterancestors() or node is bel:
            return bel
    return node


def _is_layout_table_or_part(el) -> bool:
    tag = _tag(el)
    if tag == "table":
        return _is_layout_table(el)
    t = el
    while t is not None and _tag(t) != "table":
        t = t.getparent()
    return t is not None and _is_layout_table(t)


def _title_before(article, body) -> str:
    """A page title in an <h1>/<h2>/.title element placed before the article."""
    cands = []
    for el in body.iter():
        if el is article:
            break
        if not isinstance(el.tag, str):
            continue
        tag = _tag(el)
        if tag in ("h1", "h2", "h3") or re.search(r"(?:^|[-_\s])(?:title|bt|tit|biaoti|art_title)(?:[-_\s\d]|$)",
                                                    _classid(el), re.I):
            if article in el.iterancestors():
                continue
            t = _norm_ws("".join(el.itertext())).strip()
            if 4 <= len(t) <= 80:
                cands.append(t)
    return cands[-1] if cands else ""


def parse_html(text: str, path: str = "") -> Document:
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml ParserError on empty documents
        raise errors.NotAReport(path) from exc
    page_title = ""
    t_el = root.find(".//title")
    if t_el is not None and t_el.text:
        page_title = _norm_ws(t_el.text).strip()
    body = root.find(".//body")
    if body is None:
        body = root
    _strip_noise(body)
    total = _text_len(body)
    notes: list[str] = []

    # 1. meta labels anywhere in the page (the 信息公开 block usually sits outside the article)
    meta: dict[str, str] = {}

    # 2. chrome removal
    for el in list(body.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_chrome(el, total):
            for k, v in _meta_pairs("\n".join(_lines(el))):
                meta.setdefault(k, v)
            _drop(el)
    total = _text_len(body) or 1

    # 3. the article body
    article = _find_article(body, total)
    outside = []
    if article is not body:
        # text outside the article: collect meta from it
        outside = _outside_lines(body, article)
        for k, v in _meta_pairs("\n".join(outside)):
            meta.setdefault(k, v)
        notes.append(f"html: article body <{_tag(article)} {_classid(article).strip()}> kept, "
                     f"{len(outside)} lines of page chrome dropped")
    title = _title_before(article, body) if article is not body else ""

    w = _Walker()
    w.walk(article)
    w.flush()
    blocks = w.blocks

    # meta tables / meta lines at the top of the article
    kept = []
    for i, b in enumerate(blocks):
        if isinstance(b, Table) and _is_meta_table(b):
            for k, v in _meta_from_table(b):
                meta.setdefault(k, v)
            continue
        if isinstance(b, Paragraph) and i < 15 and len(b.text) <= 120:
            pairs = _meta_pairs(b.text)
            if pairs and b.text.lstrip().startswith(tuple(META_LABELS)) and (
                    len(pairs) >= 2 or pairs[0][0] in ("索引号", "发布机构", "发文机关", "成文日期", "发布日期",
                                                       "发布时间", "文号", "主题分类")):
                for k, v in pairs:
                    meta.setdefault(k, v)
                continue
        kept.append(b)
    web = clean_blocks(kept)        # chrome left inside the article, truncation marker, run-on paragraphs
    blocks = web.blocks
    notes.extend(web.notes)

    head: list = []
    for k, v in meta.items():
        head.append(Paragraph(text=f"{k}：{v}", origin="meta"))
    first_texts = [re.sub(r"\s+", "", b.text) for b in blocks[:6] if isinstance(b, Paragraph)]
    if title and not any(re.sub(r"\s+", "", title) in t or (t and t in re.sub(r"\s+", "", title))
                         for t in first_texts if len(t) >= 4):
        head.append(Paragraph(text=title, style="Title"))
    elif not title and not any(isinstance(b, Paragraph) and re.search(r"报告|自评|绩效", b.text)
                               for b in blocks[:8]) and re.search(r"报告|自评|绩效", page_title):
        head.append(Paragraph(text=re.split(r"\s*[_|—–-]{1,2}\s*(?=[^_|—–-]*$)", page_title)[0], style="Title"))
    if meta:
        notes.append("html: 信息公开 fields kept as meta paragraphs: " + "、".join(meta))
    blocks = head + blocks
    number_blocks(blocks)
    return Document(path=path, blocks=blocks, reader="html", notes=notes, truncated=web.truncated)


def _outside_lines(body, article) -> list[str]:
    """Text lines of the page outside ``article`` (for meta extraction)."""
    import copy

    clone = copy.deepcopy(body)
    # find the article's position by path
    path = []
    el = article
    while el is not None and el is not body:
        parent = el.getparent()
        path.append(list(parent).index(el))
        el = parent
    node = clone
    for idx in reversed(path):
        node = node[idx]
    _drop(node)
    return _lines(clone)


def read_html(path: str) -> Document:
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text, enc = decode_html(data)
    except UnicodeDecodeError as exc:
        raise errors.BadEncoding(path) from exc
    doc = parse_html(text, path=path)
    if enc not in ("utf-8",):
        doc.notes.insert(0, f"html: decoded as {enc}")
    body_chars = sum(len(re.sub(r"\s+", "", b.text)) for b in doc.paragraphs if b.origin == "body")
    if not doc.tables and (body_chars < 200 or not re.search(
            r"绩效|自评|预算|支出|指标", "".join(b.text for b in doc.paragraphs))):
        raise errors.HtmlNoReport(path)
    return doc
