"""Japanese search that splits the reader's query the way the index was split.

Sphinx cuts Japanese text into words with ``sphinx.search.ja.DefaultSplitter``
(a port of TinySegmenter) when it writes ``searchindex.js``, but the search page
splits the query only at spaces and punctuation (Sphinx issue 13395): the query
機械学習 looks for one word that the index never holds, since it holds 機械 and
学習. We register a Japanese search language whose ``js_splitter_code`` runs
the same segmenter in the browser, with the weights read from the Python
splitter at build time, so both sides cut at the same places.

The segmenter looks at a few characters around each cut, so a phrase alone (the
query) can be cut where the same phrase in a sentence is not: 敵対的に学習 gives
敵対的, but 敵対的摂動 gives 敵対 and 的. The index therefore also holds each long
word's parts as the segmenter cuts the word alone (敵対的 adds 敵対; 機械学習 in
機械学習適用例 adds 機械 and 学習), and the browser re-cuts a query word that
the index does not know the same way.

A site that picks another splitter with ``html_search_options['type']`` (a
dotted class path in Sphinx 7 and later, e.g. Janome) keeps Sphinx's own query
splitting: a browser cannot run those splitters.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sphinx.search.ja import DefaultSplitter, SearchJapanese

from ..build.compat import japanese_splitter_model
from .site import is_site_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["SearchJapaneseSplitQuery", "splitter_model", "setup_search"]

SEARCH_JS = "mlnews-search.js"
"""The browser side of the segmenter, in ``_static``; loaded by the search page only."""


SUBWORD_MIN = 3
"""Words this long also enter the index by their parts (``mlnews-search.js`` uses the same)."""


def splitter_model(splitter: DefaultSplitter) -> dict[str, Any]:
    """The segmenter's character classes and weights, as the browser side reads them."""
    weights, patterns = japanese_splitter_model(splitter)
    return {"patterns": [list(pattern) for pattern in patterns], "weights": weights, "subwordMin": SUBWORD_MIN}


class SearchJapaneseSplitQuery(SearchJapanese):
    """Sphinx's Japanese search, with a query splitter that matches the index's."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        # The parts of each long word, cut once per build: the same words come back on every page.
        self._parts: dict[str, list[str]] = {}

    def split(self, input: str) -> list[str]:
        words = self.splitter.split(input)
        if type(self.splitter) is not DefaultSplitter:
            return words
        parts = []
        for word in words:
            if len(word) >= SUBWORD_MIN:
                found = self._parts.get(word)
                if found is None:
                    found = self._parts[word] = [part for part in self.splitter.split(word) if part != word]
                parts.extend(found)
        return words + parts

    @property  # type: ignore[override]
    def js_splitter_code(self) -> str:
        if type(self.splitter) is not DefaultSplitter:
            return ""
        model = json.dumps(splitter_model(self.splitter), ensure_ascii=False, sort_keys=True)
        # Looked up when the query is split, so the order of the script tags does not matter;
        # without mlnews-search.js (a theme that drops it) Sphinx's own splitting is used.
        return (
            f"const mlnewsSplitterModel = {model};\n"
            "var splitQuery = (query) => typeof mlnewsSplitQuery === 'function'\n"
            "  ? mlnewsSplitQuery(mlnewsSplitterModel, query)\n"
            "  : query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu).filter((term) => term);\n"
        )


def _add_search_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    # Only the search page splits queries; no other page needs the segmenter.
    if pagename == "search" and is_site_builder(app.builder):
        app.add_js_file(SEARCH_JS)


def setup_search(app: Sphinx) -> None:
    """Use the query-splitting Japanese search for ``language = 'ja'``."""
    app.add_search_language(SearchJapaneseSplitQuery)
    app.connect("html-page-context", _add_search_script)

