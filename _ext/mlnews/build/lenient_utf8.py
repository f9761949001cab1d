"""Pages that are not valid UTF-8: one located warning, and the page still builds.

Sphinx decodes sources strictly and stops the whole build at the first bad
byte ("Encoding error!"), losing every other page. mlnews reads sources with
a UTF-8 codec that replaces undecodable bytes with U+FFFD, and before reading
reports each such page once, with the line of its first bad byte, so the
author knows which file to re-save as UTF-8.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig as utf_8_sig
from typing import TYPE_CHECKING

from ..messages import Message, warn
from .compat import reading_encoding, set_reading_encoding

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["LENIENT_UTF8", "setup_encoding"]

LENIENT_UTF8 = "mlnews_utf_8_sig"
"""Codec name: UTF-8 (with optional BOM) whose decoder replaces bad bytes."""

_STRICT_DEFAULTS = {"utf-8-sig", "utf-8", "utf8", "utf_8", "utf_8_sig", LENIENT_UTF8}


class _LenientDecoder(utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return utf_8_sig.decode(data, "replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT_UTF8:
        return None
    return codecs.CodecInfo(
        name=LENIENT_UTF8,
        encode=utf_8_sig.encode,
        decode=_decode,
        incrementalencoder=utf_8_sig.IncrementalEncoder,
        incrementaldecoder=_LenientDecoder,
        streamreader=utf_8_sig.StreamReader,
        streamwriter=utf_8_sig.StreamWriter,
    )


def _register_codec() -> None:
    try:
        codecs.lookup(LENIENT_UTF8)
    except LookupError:
        codecs.register(_search)


def _read_leniently(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # The reading settings, not ``source_encoding`` itself: Sphinx deprecates
    # other source encodings, and the sources are UTF-8, bad bytes aside.
    if reading_encoding(env).lower() not in _STRICT_DEFAULTS:
        return
    set_reading_encoding(env, LENIENT_UTF8)
    for docname in docnames:
        try:
            data = env.doc2path(docname).read_bytes()
        except OSError:
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            warn(Message.not_utf8(byte=data[error.start], line=line), (docname, line))


def setup_encoding(app: Sphinx) -> None:
    """Read sources leniently and report undecodable bytes."""
    _register_codec()
    app.connect("env-before-read-docs", _read_leniently)
