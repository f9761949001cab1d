"""A post as HTML: a saved note.com page, or one export item's ``content:encoded``.

Only text, links and images are taken from the HTML; no markup is passed on.
Scripts, styles, iframes, objects, forms and their contents are dropped, and
so are event attributes (``onclick``, ...) and links that are not http(s):
each dropped script, iframe, event attribute or ``javascript:`` link is a
:class:`~.model.Note` with its line. An embedded link card (note.com's
``<figure data-src=...>`` around an iframe) keeps its address as a line of its
own, as a post's link would be.

Line numbers are the HTML's own (lxml's ``sourceline``), shifted by
*line_offset* when the HTML sits inside another file (an export's XML).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree, html

from .model import Block, Link, Note

__all__ = ["read_html", "page_parts"]

_DROP = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "form", "input", "button",
     "select", "textarea", "svg", "math", "canvas", "video", "audio", "source", "link", "meta", "head",
     "title", "frame", "frameset", "applet", "base", "dialog", "portal"}
)
_REPORTED = frozenset({"script", "iframe", "object", "embed", "form", "frame", "frameset", "applet", "portal"})
_BLOCK = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "ul", "ol",
     "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure",
     "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "address", "details", "summary",
     "center", "body", "html"}
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SPACE = re.compile(r"[ \t\n\r\f]+")
_DANGEROUS = ("javascript:", "vbscript:", "data:")
_BODY_CANDIDATES = frozenset({"div", "article", "section", "main", "body"})
_CONTENT = frozenset({"p", "h2", "h3", "h4", "figure", "ul", "ol", "blockquote", "pre", "hr"})


def _http(address: str) -> bool:
    parts = urlsplit(address.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class _Reader:
    """Walks the HTML tree and cuts it into blocks."""

    def __init__(self, line_offset: int, notes: list[Note]) -> None:
        self.offset = line_offset
        self.notes = notes
        self.blocks: list[Block] = []
        self.group = 0
        self._text: list[str] = []
        self._links: list[Link] = []
        self._line = 0
        self._heading = 0
        self._bullet = False
        self._flushes = 0

    def line_of(self, element: etree._Element) -> int:
        return (element.sourceline or 1) + self.offset

    # --- the current line ---------------------------------------------------------------

    def _add_text(self, text: str | None, element: etree._Element) -> None:
        if not text:
            return
        if not self._text:
            self._line = self.line_of(element)
        self._text.append(text)

    def _flush(self) -> None:
        raw = "".join(self._text)
        links, self._links = self._links, []
        self._text = []
        self._flushes += 1
        # HTML collapses blanks: so does the line, and its links' spans move with it.
        kept: list[str] = []
        before: list[int] = []  # raw index -> characters kept before it
        space = True  # leading blanks are dropped
        for char in raw:
            before.append(len(kept))
            if char in " \t\n\r\f":
                if not space:
                    kept.append(" ")
                space = True
            else:
                kept.append(char)
                space = False
        before.append(len(kept))
        text = "".join(kept).rstrip(" ")
        if not text:
            return
        moved = []
        for link in links:
            start, end = before[link.start], min(before[link.end], len(text))
            if start < end:
                moved.append(Link(start, end, link.href))
        self.blocks.append(
            Block("text", self._line, text=text, links=moved, heading=self._heading, group=self.group, bullet=self._bullet)
        )

    def _end_group(self) -> None:
        self._flush()
        self.group += 1

    # --- the tree -----------------------------------------------------------------------

    def _events(self, element: etree._Element) -> None:
        for name in element.attrib:
            if name.lower().startswith("on"):
                self.notes.append(
                    Note(self.line_of(element), f"dropped the event attribute {name}= of <{element.tag}>", needs_author=False)
                )

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:  # a comment or processing instruction
            self._add_text(element.tail, element)
            return
        tag = tag.lower()
        self._events(element)
        if tag in _DROP:
            self._dropped(element, tag)
        elif tag == "br":
            self._flush()
        elif tag == "img":
            self._image(element)
        elif tag == "hr":
            self._end_group()
            self.blocks.append(Block("rule", self.line_of(element), text="---"))
        elif tag == "pre":
            self._end_group()
            code = element.text_content().strip("\n").split("\n")
            self.blocks.append(Block("code", self.line_of(element), code=[line.rstrip() for line in code]))
            self.group += 1
        elif tag == "figure":
            self._figure(element)
        elif tag == "a":
            self._anchor(element)
        elif tag in _BLOCK:
            self._block(element, tag)
        else:
            self._add_text(element.text, element)
            for child in element:
                self.walk(child)
        self._add_text(element.tail, element)

    def _block(self, element: etree._Element, tag: str) -> None:
        self._end_group()
        saved = (self._heading, self._bullet)
        if tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
        if tag == "li":
            self._bullet = True
        self._add_text(element.text, element)
        for child in element:
            self.walk(child)
        self._end_group()
        self._heading, self._bullet = saved

    def _anchor(self, element: etree._Element) -> None:
        href = (element.get("href") or "").strip()
        before = len("".join(self._text))
        flushes = self._flushes
        images = element.findall(".//img")
        self._add_text(element.text, element)
        for child in element:
            self.walk(child)
        after = len("".join(self._text))
        if flushes != self._flushes:
            before = 0  # the link spans a line break: it links the text of its last line
        if href.lower().startswith(_DANGEROUS):
            self.notes.append(Note(self.line_of(element), f"dropped a link to {href[:30]!r} (not a web address); its text is kept", needs_author=False))
        elif _http(href) and after > before:
            self._links.append(Link(before, after, href))
        elif _http(href) and not images and after == before:
            # A link without text (an icon): its address would be lost.
            self._add_text(href, element)
            self._links.append(Link(before, before + len(href), href))

    def _image(self, element: etree._Element) -> None:
        self._flush()
        src = (element.get("src") or element.get("data-src") or "").strip()
        self.blocks.append(Block("image", self.line_of(element), text=(element.get("alt") or "").strip(), src=src, group=self.group))

    def _figure(self, element: etree._Element) -> None:
        self._end_group()
        first = len(self.blocks)
        embedded = (element.get("data-src") or "").strip()
        for child in element.iter():
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child is not element:
                self._events(child)
            if tag == "img":
                self._image(child)
            elif tag in _DROP:
                address = (child.get("src") or child.get("data-src") or "").strip()
                if tag == "iframe" and not embedded and _http(address):
                    embedded = address
                self._dropped(child, tag, kept=embedded)
        if embedded and _http(embedded):
            self.blocks.append(
                Block("text", self.line_of(element), text=embedded, links=[Link(0, len(embedded), embedded)], group=self.group)
            )
        caption = element.find(".//figcaption")
        text = _SPACE.sub(" ", caption.text_content()).strip() if caption is not None else ""
        if text:
            images = [block for block in self.blocks[first:] if block.kind == "image"]
            if images:
                images[-1].caption = text
            else:
                self.blocks.append(Block("text", self.line_of(caption), text=text, group=self.group))
        self._end_group()

    def _dropped(self, element: etree._Element, tag: str, kept: str = "") -> None:
        if tag in _REPORTED:
            what = f"dropped <{tag}>" + (f"; its link {kept} is kept" if kept else "")
            self.notes.append(Note(self.line_of(element), what, needs_author=False))


def _parse(data: str | bytes) -> etree._Element:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass  # lxml reads the page's own charset declaration
    if isinstance(data, str):
        data, encoding = data.encode("utf-8"), "utf-8"
    else:
        encoding = None
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding=encoding)
    if not data.strip():
        data = b"<html><body></body></html>"
    try:
        return html.document_fromstring(data, parser=parser)
    except etree.ParserError:
        return html.document_fromstring(b"<html><body></body></html>", parser=parser)


def page_parts(data: str | bytes) -> tuple[str, int, etree._Element]:
    """The title of a saved page (its ``<h1>``, else its ``<title>``), its line, and the element holding the post.

    The post's element is the one with the most paragraphs, headings and
    figures as its own children: the article body, not the page's chrome.
    """
    from .posts import classify_title

    root = _parse(data)
    title, line = "", 1
    headings = root.findall(".//h1")
    heading = next((h for h in headings if classify_title(_SPACE.sub(" ", h.text_content()))), None)
    if heading is None and headings:
        heading = headings[0]
    if heading is not None:
        title, line = _SPACE.sub(" ", heading.text_content()).strip(), heading.sourceline or 1
    else:
        found = root.find(".//title")
        if found is not None:
            title = re.split(r"\s*[|｜]\s*", _SPACE.sub(" ", found.text_content()).strip())[0]
            line = found.sourceline or 1
    best, best_count = root.find("body") if root.find("body") is not None else root, -1
    for element in root.iter(*_BODY_CANDIDATES):
        count = sum(1 for child in element if isinstance(child.tag, str) and child.tag.lower() in _CONTENT)
        if count > best_count:
            best, best_count = element, count
    if heading is not None and heading in best.iter():
        heading.drop_tree()
    return title, line, best


def read_html(data: str | bytes, line_offset: int = 0, fragment: bool = False) -> tuple[str, int, list[Block], list[Note]]:
    """``(title, title line, blocks, notes)`` of an HTML post.

    A *fragment* (an export item's body) has no title of its own: its blocks
    are the whole HTML.
    """
    notes: list[Note] = []
    if fragment:
        root = _parse(data)
        body = root.find("body")
        title, line, element = "", 1 + line_offset, body if body is not None else root
    else:
        title, line, element = page_parts(data)
        line += line_offset
    reader = _Reader(line_offset, notes)
    reader.walk(element)
    reader._end_group()
    return title, line, reader.blocks, notes
