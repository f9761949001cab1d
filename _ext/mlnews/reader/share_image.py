"""Share images: a 1200×630 PNG for every week and every summary, its OpenGraph image.

Every issue is shared on Twitter/X and note.com one by one, and a link preview
shows a page's ``og:image`` large (``twitter:card`` = ``summary_large_image``).
Each week page and each summary page gets its own image: the newsletter's
name, the page's title (the week or the period, "2020年 第45週 (11月1日〜)")
and its editor's picks' headlines (a summary's: its period's, the same ones
its description and feed entry name, :func:`mlnews.reader.site.page_highlights`),
in a Japanese font the machine has (:func:`find_fonts`). The image's text is
its ``og:image:alt`` as well.

Cost. A clean build draws every image, so drawing is kept to a few
milliseconds: the text is laid out from cached glyph advances, drawn once in
an 8-bit image whose values index a palette of two colour ramps (ink on white,
white on the header's blue), and written as a palette PNG, a third of the
bytes of an RGB one and no PNG filtering. An image is drawn only when what it
shows changed: the digest of its layout is kept in the PNG itself (a text
chunk), so an edit to a summary's prose, which leaves its picks alone, leaves
its image untouched, and no state is shared between the processes of a
``-j`` build. Files are written atomically (a temporary file, then
``os.replace``).

When: a page's image is checked while the page is written
(``html-page-context``, in the process that writes it: a ``-j N`` build
draws in N processes), and once more for every week and summary at the end
of the build (``build-finished``), which draws the images that are missing or
stale although their page was not written (an output folder whose images were
deleted, a new version of this layout).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from ..data import NewsData
from ..i18n import _
from ..messages import Message, warn
from ..core.files import write_atomically
from .site import is_site_builder, page_highlights, site_url

if TYPE_CHECKING:
    from PIL import ImageFont
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "WIDTH",
    "HEIGHT",
    "SHARE_DIR",
    "OPENGRAPH",
    "ShareFonts",
    "ShareImage",
    "find_fonts",
    "share_image",
    "share_image_path",
    "image_url",
    "stored_digest",
    "lay_out",
    "wrap",
    "fit",
    "render",
    "draw_if_changed",
    "setup_share_image",
]

WIDTH, HEIGHT = 1200, 630
"""The size every link preview expects of a large image (1.91:1)."""

SHARE_DIR = "_share"
"""Where the images go in the output: ``_share/<docname>.png``."""

LAYOUT_VERSION = 1
"""Bumped when the drawing changes, so that every image is drawn again."""

DIGEST_KEY = "mlnews-digest"
"""The PNG text chunk that holds the digest of what the image shows."""

# --- fonts -----------------------------------------------------------------------

_FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    # Debian's fonts-noto-cjk (.ci/run installs it for the browser tests).
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    ("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
    # The HaranoAji fonts of TeX Live (texlive-lang-japanese, the PDF book's fonts).
    (
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/haranoaji/HaranoAjiGothic-Bold.otf",
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/haranoaji/HaranoAjiGothic-Regular.otf",
    ),
)
"""(bold, regular) font files tried in turn, before asking kpsewhich and fontconfig."""


class ShareFonts(NamedTuple):
    """The two faces of the images: bold (names, titles) and regular (headlines)."""

    bold: str
    regular: str
    bold_index: int = 0
    regular_index: int = 0

    def key(self) -> list[Any]:
        """What a digest records of the fonts (another font draws another image)."""
        return [self.bold, self.bold_index, self.regular, self.regular_index]


def _japanese_face(path: str) -> int:
    """The index of the Japanese face in a font collection (0 for a single font)."""
    if not path.lower().endswith(".ttc"):
        return 0
    from PIL import ImageFont

    for index in range(10):
        try:
            family, _style = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            break
        if family and family.rstrip().endswith("JP"):
            return index
    return 0


def _kpsewhich(name: str) -> str:
    if shutil.which("kpsewhich") is None:
        return ""
    try:
        found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip()


def _fontconfig_japanese() -> str:
    """A font file that fontconfig says covers Japanese, or ''."""
    if shutil.which("fc-list") is None:
        return ""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=ja", "file"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    files = sorted(line.strip().rstrip(":") for line in found.stdout.splitlines() if line.strip())
    return files[0] if files else ""


@functools.cache
def find_fonts(configured: str = "") -> ShareFonts | None:
    """The fonts to draw with: *configured* (``mlnews_share_image_font``, one file for
    both faces) when given, else Debian's Noto Sans CJK JP, else TeX Live's HaranoAji
    Gothic (found by ``kpsewhich``), else any font fontconfig lists for Japanese."""
    if configured:
        path = str(Path(configured).expanduser())
        if not Path(path).is_file():
            return None
        index = _japanese_face(path)
        return ShareFonts(path, path, index, index)
    for bold, regular in _FONT_CANDIDATES:
        if Path(bold).is_file() and Path(regular).is_file():
            return ShareFonts(bold, regular, _japanese_face(bold), _japanese_face(regular))
    bold, regular = _kpsewhich("HaranoAjiGothic-Bold.otf"), _kpsewhich("HaranoAjiGothic-Regular.otf")
    if bold and regular:
        return ShareFonts(bold, regular)
    anything = _fontconfig_japanese()
    if anything:
        index = _japanese_face(anything)
        return ShareFonts(anything, anything, index, index)
    return None


@functools.cache
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    # Japanese needs no shaping: the basic layout is faster than Raqm's.
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


class _Face:
    """A font at one size, with the advance and the drawn glyph of each character it met.

    Rasterising a line costs about a millisecond; the images of a site repeat the
    same few thousand characters, so each glyph is rasterised once and pasted."""

    def __init__(self, path: str, index: int, size: int) -> None:
        self.font = _font(path, index, size)
        self.size = size
        self.advances: dict[str, float] = {}
        self.glyphs: dict[str, tuple[Any, int, int] | None] = {}

    def advance(self, char: str) -> float:
        found = self.advances.get(char)
        if found is None:
            found = self.advances[char] = self.font.getlength(char)
        return found

    def width(self, text: str) -> float:
        """The width of *text*, from per-character advances (as :meth:`draw` sets it)."""
        return sum(self.advance(char) for char in text)

    def glyph(self, char: str) -> tuple[Any, int, int] | None:
        """*char* drawn white on black (its coverage), and where its corner is from the
        pen on the baseline; ``None`` for a character that leaves no ink (a space)."""
        if char in self.glyphs:
            return self.glyphs[char]
        from PIL import Image, ImageDraw

        left, top, right, bottom = self.font.getbbox(char, anchor="ls")
        found = None
        if right > left and bottom > top:
            mask = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(mask).text((-left, -top), char, font=self.font, fill=255, anchor="ls")
            found = (mask, left, top)
        self.glyphs[char] = found
        return found

    def draw(self, canvas: Any, x: float, baseline: int, text: str, value: int) -> None:
        """*text* on *canvas* (an 8-bit image) in palette value *value*, antialiased."""
        for char in text:
            glyph = self.glyph(char)
            if glyph is not None:
                mask, left, top = glyph
                canvas.paste(value, (round(x) + left, baseline + top), mask)
            x += self.advance(char)


@functools.cache
def _face(path: str, index: int, size: int) -> _Face:
    return _Face(path, index, size)


# --- line breaking ---------------------------------------------------------------

_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,'’+\-/:%&]*|\s+|.", re.DOTALL)
"""Latin words and numbers stay whole; every other character is a place to break."""

_NO_LINE_START = set("、。，．,.・：:；;？?！!ー－)）]］}｝」』】〕〉》”’ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〜～…‥")
"""Characters a Japanese line does not start with (kinsoku)."""

_NO_LINE_END = set("(（[［{｛「『【〔〈《“‘")
"""Characters a Japanese line does not end with."""

ELLIPSIS = "…"


def wrap(text: str, face: _Face, width: float) -> list[str]:
    """*text* broken into lines no wider than *width*: between Japanese characters and
    at spaces, never inside a Latin word (unless it is wider than a line), with the
    Japanese rules of line starts and ends."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for token in _TOKENS.findall(" ".join(text.split())):
        size = face.width(token)
        line = lines[-1]
        if token.isspace():
            if line:
                line.append(token)
                used += size
            continue
        if used + size <= width or not line:
            if size > width and not line:
                # A word wider than the line: cut it where it overflows.
                lines.pop()
                for piece in _cut(token, face, width):
                    lines.append([piece])
                used = face.width(lines[-1][0])
                continue
            line.append(token)
            used += size
            continue
        carried: list[str] = []
        while line and line[-1].isspace():
            line.pop()
        # Kinsoku: a closing mark does not open a line; an opening mark does not close one.
        if token in _NO_LINE_START and len(line) > 1:
            carried.insert(0, line.pop())
        while len(line) > 1 and line[-1] in _NO_LINE_END:
            carried.insert(0, line.pop())
        lines.append([*carried, token])
        used = face.width("".join(lines[-1]))
    return ["".join(line).strip() for line in lines if "".join(line).strip()]


def _cut(word: str, face: _Face, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and face.width(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def fit(text: str, face: _Face, width: float, max_lines: int) -> tuple[list[str], bool]:
    """*text* wrapped into at most *max_lines* lines, the last one cut with an ellipsis
    when the text is longer; and whether it was cut."""
    lines = wrap(text, face, width)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and face.width(last + ELLIPSIS) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept, True


# --- layout ------------------------------------------------------------------------

# Palette indices: the image is drawn in 8 bits, each value an index into this palette.
_INK_RAMP = 111
"""0 is the page's white, 111 the ink; values between are ink's antialiased edges."""
_ACCENT = 112
"""The editor's-pick amber (solid shapes only)."""
_BAND = 128
"""128 is the header's blue, 255 white; values between are white text's edges on it."""
_MUTED = 72
"""Captions: a grey on the ink ramp (contrast 4.8:1 on white)."""

_WHITE = (255, 255, 255)
_INK = (31, 35, 40)
_BLUE = (20, 93, 204)
_AMBER = (240, 160, 32)

MARGIN = 72
BAND_HEIGHT = 100
SITE_SIZE, LABEL_SIZE, CAPTION_SIZE, HEADLINE_SIZE = 44, 56, 28, 40
LABEL_LINE = 70
HEADLINE_LINE = 54
HEADLINE_GAP = 12
BULLET = 13
BOTTOM = HEIGHT - 36
"""The lowest baseline."""


def _palette() -> list[int]:
    def mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> list[int]:
        return [round(x + (y - x) * t) for x, y in zip(a, b)]

    colours: list[list[int]] = []
    for value in range(256):
        if value <= _INK_RAMP:
            colours.append(mix(_WHITE, _INK, value / _INK_RAMP))
        elif value == _ACCENT:
            colours.append(list(_AMBER))
        elif value < _BAND:
            colours.append(list(_INK))
        else:
            colours.append(mix(_BLUE, _WHITE, (value - _BAND) / (255 - _BAND)))
    return [channel for colour in colours for channel in colour]


PALETTE = _palette()


class _Text(NamedTuple):
    x: int
    y: int
    """The baseline."""
    text: str
    face: str
    size: int
    value: int


@dataclass(frozen=True)
class ShareImage:
    """What one page's share image shows, laid out."""

    docname: str
    site: str
    label: str
    caption: str
    headlines: tuple[str, ...]
    """The headlines drawn (each may be cut with an ellipsis on the image)."""
    more: int
    """Headlines of the page that did not fit ("and N more", "ほか N 件")."""
    texts: tuple[_Text, ...]
    bullets: tuple[tuple[int, int], ...]
    fonts: ShareFonts
    words: ShareWords

    @property
    def alt(self) -> str:
        """The text on the image, in reading order, headlines in full: ``og:image:alt``."""
        parts = [f"{self.site} {self.label}"]
        if self.headlines:
            parts.append(f"{self.caption}: " + " / ".join(self.headlines))
        if self.more:
            parts.append(self.words.more.format(count=self.more))
        return self.words.separator.join(parts)

    @functools.cached_property
    def digest(self) -> str:
        """A digest of everything drawn: the same digest, the same picture."""
        inputs = [LAYOUT_VERSION, WIDTH, HEIGHT, PALETTE, self.fonts.key(), list(self.texts), list(self.bullets)]
        blob = json.dumps(inputs, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ShareWords(NamedTuple):
    """The image's own words in the site's language (mlnews's catalog): the count of the
    headlines that did not fit, and what joins the parts of its alt text."""

    more: str = "and {count} more"
    separator: str = ". "


def share_words() -> ShareWords:
    """:class:`ShareWords` in the language of the build."""
    return ShareWords(_("and {count} more"), _(". "))


def lay_out(
    docname: str, site: str, label: str, caption: str, headlines: list[str], fonts: ShareFonts,
    words: ShareWords = ShareWords(),
) -> ShareImage:  # fmt: skip
    """Where each piece of text goes: the site's name on the blue band, the label under
    it (two lines at most), the caption, then as many headlines as fit (two lines each
    at most, cut with an ellipsis), and "ほか N 件" for the rest."""
    bold = functools.partial(_face, fonts.bold, fonts.bold_index)
    regular = functools.partial(_face, fonts.regular, fonts.regular_index)
    width = WIDTH - 2 * MARGIN
    texts: list[_Text] = []
    site_line, _ = fit(site, bold(SITE_SIZE), width, 1)
    texts.append(_Text(MARGIN, (BAND_HEIGHT + SITE_SIZE * 7 // 10) // 2, site_line[0], "bold", SITE_SIZE, 255))

    label_lines, _ = fit(label, bold(LABEL_SIZE), width, 2)
    y = BAND_HEIGHT + 86
    for line in label_lines:
        texts.append(_Text(MARGIN, y, line, "bold", LABEL_SIZE, _INK_RAMP))
        y += LABEL_LINE
    y += CAPTION_SIZE - LABEL_LINE + 28
    if headlines:
        texts.append(_Text(MARGIN, y, caption, "bold", CAPTION_SIZE, _MUTED))
    top = y + HEADLINE_LINE + 2

    face = regular(HEADLINE_SIZE)
    indent = MARGIN + BULLET + 22
    line_width = WIDTH - MARGIN - indent
    wrapped = [fit(headline, face, line_width, 2)[0] for headline in headlines]
    # As many headlines as fit, keeping a line for "ほか N 件" when some are left out.
    placed: list[tuple[int, str, bool]] = []
    for count in range(len(headlines), -1, -1):
        bottom = BOTTOM - (HEADLINE_LINE if count < len(headlines) else 0)
        found = _place(wrapped[:count], top, bottom, face, line_width)
        if found is not None:
            placed = found
            break
    bullets: list[tuple[int, int]] = []
    y = top
    for baseline, line, first in placed:
        if first:
            bullets.append((MARGIN, baseline - HEADLINE_SIZE // 2 - BULLET // 2 + 2))
        texts.append(_Text(indent, baseline, line, "regular", HEADLINE_SIZE, _INK_RAMP))
        y = baseline + HEADLINE_LINE + HEADLINE_GAP
    shown = len(bullets)
    more = len(headlines) - shown
    if more:
        note = words.more.format(count=more)
        texts.append(_Text(indent if shown else MARGIN, min(y, BOTTOM), note, "bold", CAPTION_SIZE, _MUTED))
    return ShareImage(
        docname, site, label, caption, tuple(headlines[:shown]), more, tuple(texts), tuple(bullets), fonts, words
    )


def _place(
    headlines: list[list[str]], top: int, bottom: int, face: _Face, width: float
) -> list[tuple[int, str, bool]] | None:
    """The baseline of each line of *headlines* from *top* (and whether it starts a
    headline), or ``None`` when a line would fall below *bottom*. The last headline
    is shortened to the lines left (with an ellipsis) rather than dropped."""
    placed: list[tuple[int, str, bool]] = []
    y = top
    for number, lines in enumerate(headlines):
        room = (bottom - y) // HEADLINE_LINE + 1
        if room <= 0:
            return None
        if room < len(lines):
            if number < len(headlines) - 1:
                return None
            last = lines[room - 1]
            while last and face.width(last + ELLIPSIS) > width:
                last = last[:-1]
            lines = [*lines[: room - 1], last.rstrip() + ELLIPSIS]
        for index, line in enumerate(lines):
            placed.append((y, line, index == 0))
            y += HEADLINE_LINE
        y += HEADLINE_GAP
    return placed


def render(image: ShareImage) -> bytes:
    """The PNG of *image*, with its digest and its text in the file."""
    from PIL import ImageDraw, PngImagePlugin

    canvas = _base().copy()
    draw = ImageDraw.Draw(canvas)
    fonts = image.fonts
    for text in image.texts:
        path, index = (fonts.bold, fonts.bold_index) if text.face == "bold" else (fonts.regular, fonts.regular_index)
        _face(path, index, text.size).draw(canvas, text.x, text.y, text.text, text.value)
    for x, y in image.bullets:
        draw.rectangle((x, y, x + BULLET - 1, y + BULLET - 1), fill=_ACCENT)
    canvas.putpalette(PALETTE)
    info = PngImagePlugin.PngInfo()
    info.add_text(DIGEST_KEY, image.digest)
    info.add_itxt("Title", f"{image.site} {image.label}")
    info.add_itxt("Description", image.alt)
    out = io.BytesIO()
    # zlib's run-length strategy: the white and blue runs of these images make it both
    # faster (2 ms) and smaller (45 kB) than its default (8 ms, 41 kB) or its fastest level.
    canvas.save(out, "PNG", pnginfo=info, compress_type=zlib.Z_RLE)
    return out.getvalue()


@functools.cache
def _base() -> Any:
    """What every image has: white, the blue band and the amber rule under it."""
    from PIL import Image, ImageDraw

    base = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(base)
    draw.rectangle((0, 0, WIDTH - 1, BAND_HEIGHT - 1), fill=_BAND)
    draw.rectangle((0, BAND_HEIGHT, WIDTH - 1, BAND_HEIGHT + 5), fill=_ACCENT)
    return base


# --- pages -------------------------------------------------------------------------


def share_image_path(docname: str) -> str:
    """Where a page's image is, relative to the output folder (``/`` separated)."""
    return f"{SHARE_DIR}/{docname}.png"


OPENGRAPH = "sphinxext.opengraph"
"""The extension that writes the images' tags: without it, no image is drawn."""


def _configured(app: Sphinx) -> bool:
    config = app.config
    return bool(config.mlnews_share_images) and bool(site_url(config)) and OPENGRAPH in app.extensions


def _enabled(app: Sphinx) -> bool:
    return _configured(app) and is_site_builder(app.builder)


def share_image(app: Sphinx, docname: str) -> ShareImage | None:
    """The share image of *docname* (a week or a summary), laid out; ``None`` for other
    pages, when images are off (``mlnews_share_images``), without ``html_baseurl``,
    without sphinxext-opengraph or without a Japanese font. The same for every
    builder (the site's builders draw it)."""
    if not _configured(app):
        return None
    env = app.env
    highlights = page_highlights(env, docname)
    if highlights is None:
        return None
    fonts = find_fonts(app.config.mlnews_share_image_font)
    if fonts is None:
        return None
    caption = _("Editor's picks") if highlights.picks else _("Papers and articles")
    site, label, headlines = _site_name(app.config), _label(env, docname), tuple(highlights.headlines)
    return _lay_out(docname, site, label, caption, headlines, fonts, share_words())


@functools.lru_cache(maxsize=4096)
def _lay_out(
    docname: str, site: str, label: str, caption: str, headlines: tuple[str, ...], fonts: ShareFonts, words: ShareWords
) -> ShareImage:
    # A page's image is asked for up to three times a build (its summary's staleness
    # check, its page, the final sweep): laid out once.
    return lay_out(docname, site, label, caption, list(headlines), fonts, words)


def _site_name(config: Config) -> str:
    return str(config.project)


def _label(env: BuildEnvironment, docname: str) -> str:
    return NewsData(env).page_title(docname)


def image_url(app: Sphinx, docname: str) -> str:
    """The image's public address."""
    return site_url(app.config) + quote(share_image_path(docname))


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def stored_digest(path: Path) -> str | None:
    """The digest an image file was drawn from, or ``None`` (no file, not ours).

    Read from the file's first chunks by hand: :func:`render` writes the digest
    before the pixels, and opening the image with Pillow for it would cost more
    than a millisecond per page on every build."""
    try:
        with open(path, "rb") as file:
            head = file.read(8192)
    except OSError:
        return None
    if not head.startswith(_PNG_SIGNATURE):
        return None
    position = len(_PNG_SIGNATURE)
    prefix = DIGEST_KEY.encode("latin-1") + b"\0"
    while position + 8 <= len(head):
        length = int.from_bytes(head[position : position + 4], "big")
        kind = head[position + 4 : position + 8]
        data = head[position + 8 : position + 8 + length]
        if kind == b"IDAT" or len(data) < length:
            return None
        if kind == b"tEXt" and data.startswith(prefix):
            return data[len(prefix) :].decode("latin-1")
        position += 12 + length  # length, type, data, CRC
    return None


def draw_if_changed(outdir: str | Path, image: ShareImage) -> bool:
    """Draw *image* into *outdir* unless the file there shows it already; whether it drew."""
    path = Path(outdir, share_image_path(image.docname))
    if stored_digest(path) == image.digest:
        return False
    write_atomically(path, render(image))
    return True


def _share_pages(env: BuildEnvironment) -> list[str]:
    news = NewsData(env)
    return sorted(set(news.weeks()) | set(news.summaries()))


def _draw_the_rest(app: Sphinx, exception: Exception | None) -> None:
    """After the pages: every week's and summary's image that is missing or stale."""
    if exception is not None or not _enabled(app):
        return
    if find_fonts(app.config.mlnews_share_image_font) is None:
        return
    for docname in _share_pages(app.env):
        image = share_image(app, docname)
        if image is not None:
            draw_if_changed(app.outdir, image)


def _warn_without_font(app: Sphinx) -> None:
    if not _enabled(app) or find_fonts(app.config.mlnews_share_image_font) is not None:
        return
    configured = app.config.mlnews_share_image_font
    report = Message.share_image_bad_font(font=configured) if configured else Message.share_image_no_font()
    warn(report, _conf_location(app))


def _conf_location(app: Sphinx) -> str:
    """``conf.py:<line>``, the line that sets the font (or the first line); a path, not
    a docname, so Sphinx prints it as it is."""
    conf = Path(app.confdir, "conf.py")
    try:
        for number, line in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*mlnews_share_image", line):
                return f"{conf}:{number}"
    except OSError:
        pass
    return f"{conf}:1"


def setup_share_image(app: Sphinx) -> None:
    """Register the share images' settings and draw them at the end of the build."""
    app.add_config_value("mlnews_share_images", True, "html", types=[bool])
    app.add_config_value("mlnews_share_image_font", "", "html", types=[str])
    app.connect("builder-inited", _warn_without_font)
    app.connect("build-finished", _draw_the_rest)
