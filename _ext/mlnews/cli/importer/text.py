"""A post as pasted text: what a reader gets by selecting a note.com page and copying it.

Copying keeps one line per paragraph, heading or list entry, and loses all
markup: links survive only where the post shows the address itself, and an
image leaves its alternative text (``画像2``) behind. Every non-blank line is
a :class:`~.model.Block` of its own, numbered as in the file.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Block, Link, Note, RawPost

__all__ = ["read_text_post", "find_urls", "decode_text", "IMAGE_PLACEHOLDER", "looks_like_title"]

URL = re.compile(r"https?://[^\s<>\"'「」『』（）()【】、。，！？]+", re.IGNORECASE)
IMAGE_PLACEHOLDER = re.compile(r"^画像\s*\d*$")
_RULE = re.compile(r"^[-ー―‐─━=＝_~〜・*＊]{3,}$")
_NOTE_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(\d{1,2}:\d{2})?$")
_TITLE_SEARCH = 12
"""How many lines from the top a pasted page's title may start (the page's chrome comes first)."""


def decode_text(data: bytes, name: str) -> str:
    """A text file's contents: UTF-8 (with or without BOM) or UTF-16 with BOM; lines ending in \\n."""
    from ..errors import CliError

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise CliError(f"{name}: not valid UTF-16 ({error.reason} at byte {error.start})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise CliError(
                f"{name}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); save the text as UTF-8 and try again"
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_urls(text: str) -> list[Link]:
    """The web addresses a line shows, as links (trailing punctuation is not part of an address)."""
    links = []
    for match in URL.finditer(text):
        address = match.group().rstrip(".,;:!?")
        while address.endswith(")") and address.count("(") < address.count(")"):
            address = address[:-1]
        if len(address) > len("https://"):
            links.append(Link(match.start(), match.start() + len(address), address))
    return links


def looks_like_title(text: str) -> bool:
    """Whether a line is a post's title of the newsletter (a week's or a summary's)."""
    from .posts import classify_title

    return classify_title(text) is not None


def read_text_post(text: str, source: str) -> RawPost:
    """The post in *text*: its title (the first line that names a week or a summary, else the first line)."""
    lines = text.split("\n")
    filled = [(number, line.strip()) for number, line in enumerate(lines, start=1) if line.strip()]
    notes: list[Note] = []
    title_at = next((i for i, (_, line) in enumerate(filled[:_TITLE_SEARCH]) if looks_like_title(line)), 0)
    for number, line in filled[:title_at]:
        notes.append(Note(number, f"dropped {line[:40]!r}: it comes before the post's title", needs_author=False))
    if not filled:
        return RawPost(source, "", 1, [], notes=notes)
    title_line, title = filled[title_at]
    blocks: list[Block] = []
    chrome: dict[int, str] = {}
    for number, line in filled[title_at + 1 :]:
        plain = unicodedata.normalize("NFKC", line).replace(" ", "")
        if not blocks and _NOTE_DATE.match(plain):
            chrome[number] = "the page's publication date"
            continue
        if IMAGE_PLACEHOLDER.match(plain):
            blocks.append(Block("image", number, text=line))
        elif _RULE.match(plain):
            blocks.append(Block("rule", number, text=line))
        else:
            blocks.append(Block("text", number, text=line, links=find_urls(line), group=number))
    return RawPost(source, title, title_line, blocks, notes=notes, chrome=chrome)
