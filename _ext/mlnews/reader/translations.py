"""Text of another edition that has no translation yet: marked for readers, counted for authors.

In an edition other than the source (the first of ``mlnews_editions``), a
message without a translation in the page's catalog (missing, or fuzzy: its
Japanese changed since it was translated) is shown as the source wrote it.
Sphinx's ``Locale`` transform says which messages it translated
(``node["translated"]``); a page with no catalog at all has none translated.
Each untranslated paragraph or list text gets the class ``mlnews-untranslated``
and a short note ("Not yet translated") in front, so readers know why it is in
Japanese; titles get the class alone (their text is also the page's and the
table of contents' name).

The build reports the pages that lack translations in one line at its end,
not one warning per message, so that ``-W`` builds stay usable while a week
is being translated. The count lives in the page's metadata
(``env.metadata[docname]["mlnews-untranslated"]``), which Sphinx keeps and
merges across ``-j`` workers and incremental builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from ..i18n import _, is_translated_edition

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["UNTRANSLATED_KEY", "MarkUntranslated", "setup_translations", "untranslated_pages"]

logger = logging.getLogger(__name__)

UNTRANSLATED_KEY = "mlnews-untranslated"
CLASS = "mlnews-untranslated"


def _has_text(node: nodes.Node) -> bool:
    # A toctree is a message too (its caption), but Sphinx translates it apart and
    # leaves its flag False even then; it shows in the sidebar, not on the page.
    return isinstance(node, nodes.Element) and not isinstance(node, addnodes.translatable)


def _has_translation_flag(node: nodes.Node) -> bool:
    return _has_text(node) and "translated" in node  # type: ignore[operator]


class MarkUntranslated(SphinxTransform):
    """Mark and count the messages of a page that its edition's catalog does not translate."""

    default_priority = 960  # after Sphinx's Locale (20) and AddTranslationClasses (950)

    def apply(self, **kwargs: Any) -> None:
        if not is_translated_edition(self.config):
            return
        translated = list(self.document.findall(_has_translation_flag))
        if translated:
            missing = [node for node in translated if not node["translated"]]
        else:  # no catalog for this page: nothing was translated
            missing = [node for node, _msg in extract_messages(self.document) if _has_text(node)]
        for node in dict.fromkeys(missing):
            self._mark(node)
        self.env.metadata[self.env.docname][UNTRANSLATED_KEY] = len(missing)

    @staticmethod
    def _mark(node: nodes.Element) -> None:
        if CLASS in node["classes"]:
            return
        node["classes"].append(CLASS)
        if isinstance(node, (nodes.paragraph, nodes.line, nodes.term)) and not isinstance(node.parent, nodes.title):
            note = _("Not yet translated")
            node.insert(0, nodes.inline(note, note, classes=["mlnews-untranslated-note", "no-search"]))
            node.insert(1, nodes.Text(" "))


def untranslated_pages(app: Sphinx) -> dict[str, int]:
    """Each page that lacks translations, with the number of its untranslated messages."""
    counts = {doc: app.env.metadata.get(doc, {}).get(UNTRANSLATED_KEY, 0) for doc in app.env.found_docs}
    return {doc: count for doc, count in sorted(counts.items()) if count}


def _report(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_translated_edition(app.config):
        return
    pages = untranslated_pages(app)
    if not pages:
        logger.info("mlnews: every page of the %s edition is translated", app.config.language)
        return
    listed = ", ".join(f"{doc} ({count})" for doc, count in pages.items())
    logger.info(
        "mlnews: %d of %d pages of the %s edition lack translations (untranslated messages): %s",
        len(pages), len(app.env.found_docs), app.config.language, listed,
    )  # fmt: skip


def setup_translations(app: Sphinx) -> None:
    app.add_transform(MarkUntranslated)
    app.connect("build-finished", _report)
