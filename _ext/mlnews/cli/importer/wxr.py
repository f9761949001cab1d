"""A note.com export: a ZIP with one WordPress eXtended RSS file (WXR 1.2) and ``assets/``.

note's エクスポート writes a ZIP holding an RSS document with WordPress'
``wp:``, ``content:`` and ``dc:`` namespaces, one ``<item>`` per post (its
``title``, ``link``, ``pubDate``, ``wp:status``, ``wp:post_type`` and the body's
HTML in ``content:encoded``), and an ``assets/`` folder with the images the
posts use: an ``<img>`` points at the image's note address, and the file in
``assets/`` has the address' file name. The unpacked export (a folder, or its
``.xml`` next to its ``assets/``) is read the same way.

A ZIP is an untrusted archive: an entry with an absolute path or ``..``, a
link, or a ZIP whose entries are absurdly many or large (a "zip bomb") is
refused before anything else is read. Nothing is ever unpacked to disk; only
the XML and the images that a post references are read, each within its
declared size.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..errors import CliError
from .html import read_html
from .model import Asset, RawPost

__all__ = ["read_export", "is_export", "MAX_ENTRIES", "MAX_TOTAL_BYTES", "MAX_RATIO", "MAX_IMAGE_BYTES", "image_kind", "asset_name"]

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
MAX_ENTRIES = 50_000
"""More entries than any note account's export would hold."""
MAX_TOTAL_BYTES = 4 * 1024**3
"""Uncompressed size of all entries together."""
MAX_RATIO = 200
"""Uncompressed over compressed size of an entry above 1 MB (text compresses about 10:1, images hardly)."""
MAX_XML_BYTES = 512 * 1024**2
MAX_IMAGE_BYTES = 50 * 1024**2

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


def image_kind(data: bytes) -> str:
    """The image format of *data* by its first bytes (png, jpg, gif, webp), or '' when it is none of them."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return ""


def asset_name(src: str) -> str:
    """The file name an image address ends in (``…/picture_pc_0a1b.png`` → ``picture_pc_0a1b.png``)."""
    path = urlsplit(src.strip()).path if "://" in src else src.strip().split("?")[0].split("#")[0]
    return unquote(PurePosixPath(path).name)


def is_export(path: Path) -> bool:
    """Whether *path* is an export: a ZIP, a folder with a WXR file, or a WXR file."""
    if path.is_dir():
        return True
    if zipfile.is_zipfile(path):
        return True
    if path.suffix.lower() in (".xml", ".wxr", ".rss"):
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(2048).lstrip()
    except OSError:
        return False
    return head.startswith(b"<?xml") and b"<rss" in head


# --- the archive ----------------------------------------------------------------------------


def _unsafe(name: str) -> str:
    """Why an entry's name is refused ('' when it is fine)."""
    if not name or "\x00" in name:
        return "an empty name or a NUL byte"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if "\\" in name:
        return "a backslash in its path"
    if ".." in PurePosixPath(name).parts:
        return "'..' in its path"
    return ""


def _open_zip(path: Path, shown: str) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CliError(f"{shown}: not a readable ZIP ({error})") from None
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        archive.close()
        raise CliError(f"{shown}: refused: {len(entries)} entries (more than {MAX_ENTRIES}; not an export)")
    total = 0
    for entry in entries:
        problem = _unsafe(entry.filename)
        if problem:
            archive.close()
            raise CliError(f"{shown}: refused: the entry {entry.filename!r} has {problem}; nothing was read from it")
        if stat.S_ISLNK(entry.external_attr >> 16):
            archive.close()
            raise CliError(f"{shown}: refused: the entry {entry.filename!r} is a symbolic link")
        total += entry.file_size
        if entry.file_size > 1024**2 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            archive.close()
            raise CliError(
                f"{shown}: refused: the entry {entry.filename!r} would unpack to {entry.file_size} bytes "
                f"from {entry.compress_size} (a ratio above {MAX_RATIO}:1)"
            )
    if total > MAX_TOTAL_BYTES:
        archive.close()
        raise CliError(f"{shown}: refused: its entries would unpack to {total} bytes (more than {MAX_TOTAL_BYTES})")
    return archive, entries


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int, shown: str) -> bytes:
    if entry.file_size > limit:
        raise CliError(f"{shown}: the entry {entry.filename!r} is larger than {limit} bytes")
    try:
        with archive.open(entry) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, NotImplementedError, EOFError) as error:
        raise CliError(f"{shown}: cannot read the entry {entry.filename!r} ({error})") from None
    if len(data) > limit:
        raise CliError(f"{shown}: the entry {entry.filename!r} is larger than it says")
    return data


def _is_wxr(data: bytes) -> bool:
    return b"<rss" in data[:4096] and b"wordpress.org/export" in data[:8192]


class _Images:
    """The images of an export's ``assets/``, found by file name."""

    def __init__(self, named: dict[str, Callable[[], bytes]], shown: str) -> None:
        self.named = named
        self.shown = shown
        self.cache: dict[str, Asset | None] = {}

    def __call__(self, src: str) -> Asset | None:
        name = asset_name(src)
        if name not in self.cache:
            reader = self.named.get(name)
            self.cache[name] = Asset(name, reader()) if reader is not None else None
        return self.cache[name]


def _zip_export(path: Path, shown: str) -> tuple[bytes, str, _Images]:
    archive, entries = _open_zip(path, shown)
    files = [entry for entry in entries if not entry.is_dir()]
    xml = [entry for entry in files if entry.filename.lower().endswith((".xml", ".wxr", ".rss"))]
    found = []
    for entry in xml:
        data = _read_entry(archive, entry, MAX_XML_BYTES, shown)
        if _is_wxr(data):
            found.append((entry, data))
    if not found:
        archive.close()
        raise CliError(f"{shown}: no WordPress export (WXR) file in the ZIP")
    if len(found) > 1:
        archive.close()
        names = ", ".join(entry.filename for entry, _ in found)
        raise CliError(f"{shown}: more than one WXR file in the ZIP ({names}); import them one by one")
    entry, data = found[0]
    base = PurePosixPath(entry.filename).parent
    named: dict[str, Callable[[], bytes]] = {}
    for item in files:
        parts = PurePosixPath(item.filename)
        if "assets" in parts.parts[:-1] and parts.is_relative_to(base):
            named.setdefault(parts.name, lambda item=item: _read_entry(archive, item, MAX_IMAGE_BYTES, shown))
    return data, f"{shown}/{entry.filename}", _Images(named, shown)


def _folder_images(folder: Path) -> _Images:
    named: dict[str, Callable[[], bytes]] = {}
    assets = folder / "assets"
    if assets.is_dir():
        root = assets.resolve()
        for file in sorted(assets.rglob("*")):
            # A link out of the folder is not an asset of the export.
            if file.is_file() and not file.is_symlink() and file.resolve().is_relative_to(root):
                named.setdefault(file.name, lambda file=file: _read_file(file))
    return _Images(named, str(folder))


def _read_file(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_IMAGE_BYTES:
            raise CliError(f"{file}: larger than {MAX_IMAGE_BYTES} bytes")
        return file.read_bytes()
    except OSError as error:
        raise CliError(f"{file}: cannot read ({error.strerror})") from None


def _folder_export(folder: Path, shown: str) -> tuple[bytes, str, _Images]:
    candidates = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".xml", ".wxr", ".rss"))
    found = [(p, _read_file_limit(p)) for p in candidates]
    found = [(p, data) for p, data in found if _is_wxr(data)]
    if len(found) != 1:
        what = "no WordPress export (WXR) file" if not found else "more than one WXR file"
        raise CliError(f"{shown}: {what} in the folder")
    file, data = found[0]
    return data, f"{shown.rstrip('/')}/{file.name}", _folder_images(folder)


def _read_file_limit(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_XML_BYTES:
            raise CliError(f"{file}: larger than {MAX_XML_BYTES} bytes")
        return file.read_bytes()
    except OSError as error:
        raise CliError(f"{file}: cannot read ({error.strerror})") from None


# --- the XML --------------------------------------------------------------------------------


def _text(item: etree._Element, path: str) -> str:
    found = item.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _date(item: etree._Element) -> dt.date | None:
    published = _text(item, "pubDate")
    if published:
        try:
            return email.utils.parsedate_to_datetime(published).date()
        except (TypeError, ValueError, IndexError):
            pass
    posted = _text(item, "wp:post_date")
    try:
        return dt.date.fromisoformat(posted[:10]) if posted else None
    except ValueError:
        return None


def _posts(data: bytes, shown: str, images: _Images) -> list[RawPost]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else 1
        raise CliError(f"{shown}:{line}: not well-formed XML ({error.msg}); nothing was imported") from None
    if root.tag != "rss" or root.find("channel") is None:
        raise CliError(f"{shown}:{root.sourceline or 1}: not a WordPress export (expected <rss> with a <channel>)")
    posts = []
    for item in root.find("channel").iterfind("item"):
        content = item.find("content:encoded", NS)
        body = content.text if content is not None and content.text else ""
        # The CDATA starts on the line of <content:encoded>: the HTML's lines follow from there.
        offset = (content.sourceline or item.sourceline or 1) - 1 if content is not None else 0
        _, _, blocks, notes = read_html(body, line_offset=offset, fragment=True)
        title_element = item.find("title")
        posts.append(
            RawPost(
                source=shown,
                title=" ".join(_text(item, "title").split()),
                line=title_element.sourceline if title_element is not None else item.sourceline or 1,
                blocks=blocks,
                assets=images,
                published=_date(item),
                status=_text(item, "wp:status") or "publish",
                post_type=_text(item, "wp:post_type") or "post",
                link=_text(item, "link"),
                notes=notes,
            )
        )
    return posts


def read_export(path: Path, shown: str) -> list[RawPost]:
    """Every item of the export at *path* (a ZIP, an unpacked folder, or the WXR file itself)."""
    if path.is_dir():
        data, name, images = _folder_export(path, shown)
    elif zipfile.is_zipfile(path):
        data, name, images = _zip_export(path, shown)
    else:
        data, name, images = _read_file_limit(path), shown, _folder_images(path.parent)
    return _posts(data, name, images)

