"""Text copied from web pages and document-sharing sites: the site's own
lines are not the report.

Readers (text, HTML) call :func:`clean_blocks` once on their paragraph and
table blocks.  It

* drops site chrome: breadcrumbs (您现在的位置：首页 > 信息公开 > …, 首页 >> …),
  navigation lines (首页 | 政务公开 | 互动交流 …), tool bars (分享到、【打印本页】
  【关闭窗口】、字体 大 中 小), 上一篇/下一篇 links, page footers (主办单位 …
  版权所有 … ICP备), a document-sharing site's lines (原创力文档, 文档格式：docx
  页数：6 …, VIP免费下载, 阅读了该文档的用户还阅读了 and the list after it), a
  file-name banner (…自评报告.docx) and a running title repeated on every page,
  page counters (第3页/共12页, - 3 -, 3/12);
* keeps a page's 信息公开 fields (发布机构、发布日期、来源、索引号 …) as
  ``Paragraph(origin="meta")`` blocks, one per field, as the HTML reader does;
  visit counters (浏览次数、点击数 …) are dropped;
* recognises a truncation marker (展开全文、余下全文、剩余3页未读 …) that ends the
  text, drops it and returns it, so that the report can be said to be a
  truncated copy;
* splits run-on paragraphs (a text layer that lost its line breaks) before the
  outline headings written inside them (`` 二、部门整体支出情况 ``), so that a
  section boundary is a paragraph boundary again.

Every rule matches a whole line (or, for run-on text, a heading after white
space), so that report sentences mentioning 首页 or 下载 stay.  Nothing is
dropped from tables.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Document, Paragraph, Table, number_blocks

# --------------------------------------------------------------------------- line rules

_BREADCRUMB = re.compile(
    r"^\s*(?:您(?:现在|当前|目前)?(?:的|所在的?)?(?:位置|所在位置)|当前(?:的)?(?:位置|页面|所在位置)|所在位置|当前栏目)"
    r"\s*(?:[:：>»›＞]|$)"
    r"|^\s*位置\s*[:：]\s*(?:网站)?(?:首页|主页)"
    r"|^\s*(?:网站首页|首页|主页)\s*(?:>{1,2}|»|›|＞|→|/|\\)\s*\S")
_NAV_WORDS = {
    "首页", "网站首页", "主页", "返回首页", "走进", "机构概况", "机构设置", "领导信息", "政务公开", "信息公开",
    "政府信息公开", "政务服务", "办事服务", "网上办事", "互动交流", "公众参与", "政民互动", "新闻中心", "新闻动态",
    "工作动态", "通知公告", "政策文件", "政策法规", "政策解读", "专题专栏", "专题", "数据开放", "数据发布", "联系我们",
    "网站地图", "无障碍", "适老化", "长者模式", "English", "繁体", "简体", "登录", "注册", "个人中心", "搜索",
    "财政预决算", "预决算公开", "部门预决算", "绩效信息", "绩效评价", "财政资金", "重点领域", "法定主动公开内容",
    "政府文件", "部门文件", "规划计划", "人事信息", "县情概况", "市情概况", "投资", "文旅", "便民服务",
}
_TOOL = re.compile(
    r"[【\[［]?\s*(?:打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|字体\s*[:：]?\s*[大中小默认\s]*|"
    r"字号\s*[:：]?\s*[大中小默认\s]*|分享到\s*[:：]?|分享|收藏本页|加入收藏|收藏|举报|我要纠错|纠错|返回顶部|"
    r"返回|保存本页|下载文档|立即下载|VIP免费下载|免费下载|下载|设为首页|"
    r"扫一扫在手机(?:上)?(?:打开|查看|浏览)当前页|扫一扫|手机扫码|微信扫一扫|微信|微博|QQ空间|QQ|转发|"
    r"繁体|简体|无障碍|适老化|长者模式|读屏|上一页|下一页|阅读模式|[大中小](?=\s*[】\]］]?\s*[【\[［]?\s*[大中小]))\s*[】\]］]?")
_PREV_NEXT = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]")
_FOOTER_LABEL = re.compile(
    r"(?:主办单位|主办|承办单位|承办|协办单位|技术支持|维护单位|运维单位|网站标识码|网站标识|版权所有|Copyright|©|"
    r"ICP备|ICP证|公网安备|联系电话|联系邮箱|网站声明|隐私声明|网站地图|联系我们)")
_FOOTER_STRONG = re.compile(r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|^\s*(?:相关链接|友情链接)\s*[:：]?")
_DOCSITE = re.compile(r"原创力文档|知识共享，实现知识价值|道客巴巴|豆丁网|百度文库|book118|doc88|docin|"
                      r"人人文库|金锄头文库|淘豆网|爱问共享资料|360doc|个人图书馆|文档投稿赚钱")
_DOCSITE_INFO = re.compile(
    r"^\s*(?:文档格式|格式|页数|上传时间|上传日期|上传者|上传人|文档贡献者|贡献者|下载积分|积分|下载次数|浏览次数|浏览|下载|"
    r"文档星级|星级|文档大小|大小|内容提示|文档分类|分类|文档编号|价格|版权申诉)\s*[:：]")
_DOCSITE_ONE = re.compile(r"^\s*(?:文档格式|上传时间|上传日期|上传者|文档贡献者|下载积分|文档星级|版权申诉)\s*[:：]")
_RELATED = re.compile(r"^\s*(?:阅读了该文档的用户还阅读了|相关文档|相关推荐|猜你喜欢|热门文档|推荐文档|最新文档|"
                      r"相关阅读|相关新闻|相关文章|相关资料|您可能感兴趣的文档|该用户的其他文档)\s*[:：]?\s*$")
_PAGE = re.compile(
    r"^\s*(?:第\s*\d{1,4}\s*页\s*[/／,，、\s]?\s*共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*[/／,，、\s]?\s*第\s*\d{1,4}\s*页|"
    r"第\s*\d{1,4}\s*页|[-－—–]\s*\d{1,4}\s*[-－—–]|\d{1,4}\s*/\s*\d{1,4}|Page\s+\d+\s+of\s+\d+|\d{1,4}\s*of\s*\d{1,4})\s*$",
    re.I)
_FILENAME = re.compile(r"\S.{2,90}\.(?:docx?|pdf|wps|xlsx?|txt|ppt|pptx)\s*$", re.I)
_TRUNC = re.compile(
    r"^\s*(?:…+|\.{3,}|。{3,})?\s*(?:[【\[（(]\s*)?(?:展开全文|展开阅读全文|余下全文|阅读全文|查看全文|显示全文|全文阅读|"
    r"点击查看全文|点击阅读全文|查看更多|点击展开|展开剩余\S{0,12}|继续阅读|"
    r"(?:剩余|还剩|余下)\s*\d+\s*页\S{0,12}|(?:免费)?(?:试读|预览)(?:已)?结束\S{0,20}|本文档(?:仅)?(?:可)?预览\S{0,20}|"
    r"内容已截断|更多内容请下载\S{0,12})\s*(?:[】\]）)]\s*)?[>》»]*\s*$")
_ELLIPSIS = re.compile(r"^\s*(?:…+|\.{3,}|。{3,})\s*$")

# 信息公开 fields kept as meta; counters dropped
META_KEEP = ("索引号", "发布机构", "发文机关", "发文机构", "发布单位", "发布日期", "发布时间", "成文日期", "发文日期",
             "信息来源", "来源", "文号", "发文字号", "主题分类")
META_DROP = ("浏览次数", "浏览量", "点击数", "点击量", "点击率", "访问量", "访问次数", "阅读量", "阅读次数", "阅读数",
             "浏览", "点击", "阅读", "访问", "作者", "编辑", "责任编辑", "审核", "校对", "字体", "字号")
_META_ALL = sorted(META_KEEP + META_DROP, key=len, reverse=True)
_META_LABEL = "|".join(_META_ALL)
_META_PAIR = re.compile(rf"(?<![\u4e00-\u9fff])({_META_LABEL})\s*[:：]\s*(.*?)\s*(?=(?<![\u4e00-\u9fff])(?:{_META_LABEL})\s*[:：]|[【\[]|\s{{2,}}|　|$)")
_META_START = re.compile(rf"^\s*(?:{_META_LABEL})\s*[:：]")
_META_STRICT = {"索引号", "发布机构", "发文机关", "发文机构", "发布单位", "发布日期", "发布时间", "浏览次数", "点击数",
                "点击量", "访问量", "阅读量", "信息来源"}


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def is_nav(line: str) -> bool:
    """A navigation bar: three or more short items, at least half of them site sections."""
    items = [x for x in re.split(r"[|｜丨/\s\u3000·•>»]+", line.strip()) if x]
    if len(items) < 3 or any(len(x) > 10 for x in items):
        return False
    hits = sum(1 for x in items if x in _NAV_WORDS or re.fullmatch(r"走进\S{1,6}", x))
    return 2 * hits >= len(items)


def is_tool_line(line: str) -> bool:
    """A tool bar: nothing left once the tools (分享到、打印、关闭窗口、字号 …) are removed."""
    t = line.strip()
    if not t or len(t) > 80:
        return False
    rest = _TOOL.sub("", t)
    rest = re.sub(r"[\s\u3000【】\[\]［］|｜:：、，,.。·•>]+", "", rest)
    rest = re.sub(r"^[大中小]$", "", rest)
    return rest == "" and _TOOL.search(t) is not None


def meta_pairs(line: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a 信息公开 line (发布机构：…　发布日期：…　浏览次数：…),
    or None when the line is not one."""
    t = line.strip()
    if len(t) > 160 or not _META_START.match(t):
        return None
    pairs = [(m.group(1), m.group(2).strip(" 　")) for m in _META_PAIR.finditer(t)]
    if not pairs:
        return None
    covered = sum(len(m.group(0)) for m in _META_PAIR.finditer(t))
    rest = _TOOL.sub("", t)
    labels = {k for k, _ in pairs}
    if len(labels) < 2 and not labels & _META_STRICT:
        # a lone 来源：/文号： line: only with a short value
        if len(pairs[0][1]) > 30:
            return None
    if covered < 0.6 * len(_squash(rest)):
        return None
    return pairs


def chrome_kind(line: str) -> str | None:
    """Why a paragraph line is site chrome ("breadcrumb", "nav", "tools", "link", "footer",
    "docsite", "page", "filename"), or None when it is report text."""
    t = line.strip()
    if not t:
        return None
    if len(t) <= 200 and _BREADCRUMB.search(t):
        return "breadcrumb"
    if len(t) <= 120 and is_nav(t):
        return "nav"
    if is_tool_line(t):
        return "tools"
    if len(t) <= 120 and _PREV_NEXT.match(t):
        return "link"
    if len(t) <= 200 and (_FOOTER_STRONG.search(t) or len(_FOOTER_LABEL.findall(t)) >= 2 and re.search(
            r"(?:主办|承办|技术支持|维护)", t)):
        return "footer"
    if len(t) <= 60 and _DOCSITE.search(t) and not re.search(r"[。；]", t):
        return "docsite"
    if len(t) <= 160 and _DOCSITE_INFO.match(t) and (len(re.findall(r"[:：]", t)) >= 2 or _DOCSITE_ONE.match(t)):
        return "docsite"
    if re.match(r"^\s*内容提示\s*[:：]", t):
        return "docsite"
    if _PAGE.match(t):
        return "page"
    if len(t) <= 100 and _FILENAME.fullmatch(t) and not re.search(r"[。；，]", t):
        return "filename"
    return None


# --------------------------------------------------------------------------- run-on text

_HEAD_MARK = re.compile(r"(?:(?<=[\s\u3000])|(?<=[。；！？!?;]))(?=(?:[一二三四五六七八九十]{1,3}\s*[、．.]|"
                        r"[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|附\s*件\s*[0-9一二三四五六七八九十]*\s*[：:])\S)")
_HEAD_TEXT = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|"
                        r"附\s*件\s*[0-9一二三四五六七八九十]*\s*[：:])[^\s\u3000，,。；;：:]{2,30}(?=[\s\u3000])")
RUNON_MIN = 80


def split_runon(text: str) -> list[str]:
    """A run-on paragraph cut before the outline headings written inside it (after white
    space or a sentence end), and after a heading followed by white space; [text] when it
    holds fewer than two such headings."""
    if len(text) < RUNON_MIN:
        return [text]
    cuts = [m.start() for m in _HEAD_MARK.finditer(text)]
    if text.lstrip()[:1] and _HEAD_TEXT.match(text.lstrip()):
        cuts = [0] + [c for c in cuts if c > 0]
    cuts = [c for c in cuts if c == 0 or _HEAD_TEXT.match(text[c:])]
    if len([c for c in cuts if c > 0]) < 2:
        return [text]
    pieces = []
    bounds = sorted(set([0] + cuts)) + [len(text)]
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b].strip(" \u3000")
        if not piece:
            continue
        m = _HEAD_TEXT.match(piece)
        if m and m.end() < len(piece):
            pieces.append(piece[:m.end()].strip())
            piece = piece[m.end():].strip(" \u3000")
        if piece:
            pieces.append(piece)
    return pieces


# --------------------------------------------------------------------------- blocks

@dataclass
class WebClean:
    blocks: list
    notes: list[str] = field(default_factory=list)
    truncated: str = ""        # the marker that ends a truncated copy (展开全文 …), else ""


def _body_len(blocks) -> int:
    return sum(len(_squash(b.text)) for b in blocks if isinstance(b, Paragraph)) + \
        sum(len(_squash(c.text)) for b in blocks if isinstance(b, Table) for c in b.cells())


def clean_blocks(blocks: list) -> WebClean:
    """Drop site chrome, keep 信息公开 fields as meta paragraphs, note a truncation marker and
    split run-on paragraphs (see the module docstring)."""
    counts = Counter(_squash(b.text) for b in blocks if isinstance(b, Paragraph) and b.text.strip())
    out: list = []
    dropped: Counter = Counter()
    truncated = ""
    seen_running: set[str] = set()
    i = 0
    n = len(blocks)
    while i < n:
        b = blocks[i]
        i += 1
        if not isinstance(b, Paragraph) or b.origin != "body":
            out.append(b)
            continue
        t = b.text.strip()
        if not t:
            out.append(b)
            continue
        if _RELATED.match(t):
            # the site's list of other documents: short lines to the end
            rest = [x for x in blocks[i:] if not (isinstance(x, Paragraph) and not x.text.strip())]
            if all(isinstance(x, Paragraph) and (len(x.text.strip()) <= 80 or chrome_kind(x.text)) for x in rest):
                dropped["related"] += 1 + len(rest)
                i = n
                continue
        m_trunc = _TRUNC.match(t)
        if m_trunc:
            later = [x for x in blocks[i:] if isinstance(x, Table) or (
                isinstance(x, Paragraph) and len(_squash(x.text)) >= 30 and not chrome_kind(x.text))]
            if not later:
                truncated = truncated or t
                while out and isinstance(out[-1], Paragraph) and _ELLIPSIS.match(out[-1].text):
                    out.pop()
                dropped["truncation marker"] += 1
                continue
        kind = chrome_kind(t)
        key = _squash(t)
        if kind is None and counts[key] >= 3 and key.endswith("报告") and len(key) <= 80:
            # a running title printed on every page: the first one is the title
            if key in seen_running:
                kind = "running title"
            seen_running.add(key)
        if kind:
            dropped[kind] += 1
            if kind == "page":
                # the page break stays known, and the empty lines before the counter (empty cells of a
                # form written one cell per line) stay with the next line
                nxt = next((x for x in blocks[i:i + 1] if isinstance(x, Paragraph) and x.origin == "body"), None)
                if nxt is not None:
                    nxt.page_before = True
                    nxt.blank_before += b.blank_before
            continue
        pairs = meta_pairs(t)
        if pairs:
            kept = [(k, v) for k, v in pairs if k in META_KEEP and v]
            for k, v in kept:
                out.append(Paragraph(text=f"{k}：{v}", style=b.style, origin="meta"))
            dropped["meta line"] += 1
            continue
        pieces = split_runon(b.text)
        if len(pieces) > 1:
            dropped["run-on paragraph split"] += 1
            for p in pieces:
                out.append(Paragraph(text=p, style=b.style, origin=b.origin, label=b.label, outline=b.outline))
            continue
        out.append(b)
    if truncated and not re.search(r"(?:展开|余下|全文|未读|结束|截断|下载|阅读|预览|更多)", truncated):
        truncated = ""
    notes = []
    if dropped:
        notes.append("web: " + ", ".join(f"{k} ×{v}" for k, v in dropped.items()))
    if truncated:
        notes.append(f"web: truncated copy, marker {truncated!r}")
    return WebClean(blocks=out, notes=notes, truncated=truncated)


def clean_document(doc: Document) -> Document:
    """:func:`clean_blocks` on a reader's Document, in place: blocks renumbered, notes added,
    the truncation marker kept in ``doc.truncated``."""
    web = clean_blocks(doc.blocks)
    if web.notes or len(web.blocks) != len(doc.blocks):
        doc.blocks = number_blocks(web.blocks)
        doc.notes.extend(web.notes)
    doc.truncated = doc.truncated or web.truncated
    return doc
